//! `hybrid-designer`: parse the command line, run it, turn the outcome into an exit status.

use clap::Parser;
use hybrid_designer::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", cli::error_sentence(&err));
            ExitCode::from(cli::EXIT_TROUBLE)
        }
    }
}
