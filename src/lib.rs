//! hybrid-designer: plan Microsoft Exchange hybrid deployments on a canvas and check them
//! against Microsoft's documented rules.
//!
//! The core ([`model`], [`file`](mod@file), [`rules`], [`edit`], [`look`], [`export`], [`present`],
//! [`text`]) is plain Rust with no user-interface dependency; `ui` (the default feature `gui`)
//! is a thin egui layer over it, and [`cli`] is the command line. `ARCHITECTURE.md` says which
//! module may import which.

pub mod cli;
pub mod edit;
pub mod export;
pub mod file;
pub mod hcw;
pub mod import;
pub mod look;
pub mod model;
pub mod present;
pub mod rules;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
