//! The command line: `validate`, `schema`, `rules`, `export`, `hcw`, `tidy`, `import`, or
//! the designer.
//!
//! Each subcommand is one variant of [`Command`] and one function here; a new subcommand
//! adds a variant, its arguments struct and a line in [`run`]. Output goes to standard
//! output; errors are returned to `main`, which prints them as one sentence on standard
//! error (see [`error_sentence`]) and exits with status 2.

use crate::file::{self, LoadError, SaveError};
use crate::model::{Date, DateError, Document, FORMAT_NAME, FORMAT_VERSION};
use crate::rules::{self, Counts, Finding};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

/// Design and validate Microsoft Exchange hybrid deployments.
///
/// With no command, opens the designer window on FILE (or on the sample plan).
#[derive(Debug, Parser)]
#[command(
    name = "hybrid-designer",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without one, the designer opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A plan (`*.hybrid.json`) to open in the designer.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Open the designer and import this inventory (a folder of PowerShell exports, or one
    /// export file) as a new unsaved plan, as File → Import organization… does.
    #[arg(long, value_name = "DIR", conflicts_with = "file")]
    pub import: Option<PathBuf>,
    /// Anything after FILE: kept only to explain the mistake (one file at a time, or a
    /// mistyped command followed by its arguments).
    #[arg(hide = true)]
    pub rest: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a plan against the rule catalog (exit 0: no error, 1: errors, 2: unreadable).
    Validate(ValidateArgs),
    /// Print the JSON Schema (draft 2020-12) of the topology file format.
    Schema,
    /// List the validator's rules: id, severity, summary and source.
    Rules(RulesArgs),
    /// Export a plan as SVG, PNG, JSON, Markdown or HTML report, PDF handout, Visio drawing or
    /// the HCW preview as a PowerShell script (.ps1), chosen by OUT's extension (exit 0:
    /// written, 1: written and the plan has errors, 2: nothing written).
    Export(ExportArgs),
    /// Preview what the Hybrid Configuration Wizard would configure for a plan: the wizard's
    /// pages with the plan's answers, the blockers, the objects and the steps left to do
    /// (exit 0: no blockers, 1: blockers, 2: unreadable).
    Hcw(HcwArgs),
    /// Place every node in the layered layout, as Edit → Tidy layout does, and save the plan
    /// (in place, or to OUT); positions already tidy are left alone.
    Tidy(TidyArgs),
    /// Import an existing organization from PowerShell CLIXML exports (files or folders)
    /// into an as-is plan; prints a summary (exit 0: written, 2: refused, nothing written).
    Import(ImportArgs),
}

/// Arguments of `hcw`.
#[derive(Debug, Args)]
pub struct HcwArgs {
    /// The plan to preview.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `tidy`.
#[derive(Debug, Args)]
pub struct TidyArgs {
    /// The plan to tidy.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the tidy plan; without it, FILE is rewritten.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CLIXML files or folders (searched recursively for *.xml).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// The plan to write (atomically; an existing file is replaced only on success).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// The plan's title (default: "<organization name> (as-is)").
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The date written into the notes (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub date: Option<Date>,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The plan to check.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format: text for people, JSON for programs, SARIF 2.1.0 for code-scanning CI.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    /// Exit with status 1 on warnings as well as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Judge the plan as of this day (YYYY-MM-DD) instead of its `evaluation_date` (or today):
    /// certificate expiry, end of support and the dedicated hybrid app.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    Date::parse(text.trim()).map_err(|e| match e {
        DateError::Form(_) => {
            format!("\"{text}\" is not a date of the form YYYY-MM-DD (for example 2026-01-15)")
        }
        other => format!("\"{text}\" is not a date of the form YYYY-MM-DD ({other})"),
    })
}

/// Arguments of `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The plan to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write; the extension picks the format: .svg, .png, .json, .md, .html, .pdf
    /// or .vsdx.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// PNG pixels per canvas unit, from 0.1 to 8 (2 for high-density screens).
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = parse_scale)]
    pub scale: f32,
    /// Leave finding outlines and counts out of the picture.
    #[arg(long)]
    pub no_findings: bool,
    /// Picture background.
    #[arg(long, value_enum, default_value_t = BackgroundArg::White)]
    pub background: BackgroundArg,
    /// Paper of a PDF handout (landscape).
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
}

/// `--paper` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

/// `--background` of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackgroundArg {
    /// Opaque white.
    White,
    /// Transparent (PNG alpha, no SVG background).
    Transparent,
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(v) if (0.1..=8.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "the scale must be a number from 0.1 to 8, not \"{text}\""
        )),
    }
}

/// `--format` of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Readable lines.
    Text,
    /// One JSON object.
    Json,
    /// A SARIF 2.1.0 log (one run; the rule catalog and one result per finding).
    Sarif,
}

/// Text for people or JSON for programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable lines.
    Text,
    /// One JSON object.
    Json,
}

/// The exit status for "something could not be done" (unreadable file, bad arguments).
pub const EXIT_TROUBLE: u8 = 2;

/// Run the parsed command line; `Ok` carries the exit status (0, or 1 for a plan with errors).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Validate(args)) => validate(&args),
        Some(Command::Schema) => schema(),
        Some(Command::Rules(args)) => rules_list(&args),
        Some(Command::Export(args)) => export(&args),
        Some(Command::Hcw(args)) => hcw(&args),
        Some(Command::Tidy(args)) => tidy(&args),
        Some(Command::Import(args)) => import(&args),
        None => match cli.import {
            Some(dir) => import_in_designer(dir),
            None => open_designer(cli.file, &cli.rest),
        },
    }
}

/// An error as the one sentence `main` prints. File errors already carry their reason, so
/// their sources are not repeated; other errors show their whole chain.
#[must_use]
pub fn error_sentence(err: &anyhow::Error) -> String {
    if err.downcast_ref::<LoadError>().is_some()
        || err.downcast_ref::<SaveError>().is_some()
        || err.downcast_ref::<crate::import::ImportError>().is_some()
    {
        err.to_string()
    } else {
        format!("{err:#}")
    }
}

/// `validate FILE`: the findings as text or JSON; exit 1 when there is an error (or, with
/// `--deny-warnings`, a warning).
fn validate(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let doc = file::load(&args.file)?;
    let findings = match args.as_of {
        Some(day) => rules::validate_as_of(&doc, day),
        None => rules::validate(&doc),
    };
    let counts = rules::counts(&findings);
    let text = match args.format {
        ValidateFormat::Sarif => {
            let log = crate::export::sarif::to_sarif(&doc, &findings, &args.file);
            json_text(&log)?
        }
        ValidateFormat::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                findings: &'a [Finding],
                counts: Counts,
            }
            json_text(&Report {
                findings: &findings,
                counts,
            })?
        }
        ValidateFormat::Text => {
            findings_text(&doc, &findings, counts, &args.file.display().to_string())
        }
    };
    print(&text)?;
    let failed = counts.error > 0 || (args.deny_warnings && counts.warning > 0);
    Ok(ExitCode::from(u8::from(failed)))
}

/// `export FILE -o OUT`: the picture, plan or report in the format OUT's extension names,
/// written atomically; exit 1 when the plan has errors (as `validate`).
fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    use crate::export::{Background, ExportFormat, ExportOptions, Paper};
    let Some(format) = ExportFormat::from_path(&args.output) else {
        anyhow::bail!(
            "cannot export to {}: unknown extension (use .svg, .png, .json, .md, .html, .pdf, .vsdx or .ps1)",
            args.output.display()
        );
    };
    let doc = file::load(&args.file)?;
    let opts = ExportOptions {
        scale: args.scale,
        findings: !args.no_findings,
        background: match args.background {
            BackgroundArg::White => Background::White,
            BackgroundArg::Transparent => Background::Transparent,
        },
        ..ExportOptions::default()
    };
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    // Streamed into the temporary file that replaces OUT: a large PNG is never whole in
    // memory. An export error leaves OUT untouched, like a write error.
    let mut failure = None;
    let mut note = None;
    let saved = file::write_atomic_with(&args.output, |out| {
        let mut out = io::BufWriter::new(out);
        match crate::export::export_into(&doc, format, &opts, paper, &mut out) {
            Ok(n) => {
                note = n;
                out.flush()
            }
            Err(crate::export::ExportError::Write(e)) => Err(e),
            Err(e) => {
                failure = Some(e);
                Err(io::Error::other("the export failed"))
            }
        }
    });
    if let Some(e) = failure {
        anyhow::bail!("cannot export {}: {e}", args.file.display());
    }
    saved?;
    let counts = rules::counts(&rules::validate(&doc));
    let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
    print(&format!(
        "{}: {} written{note}; plan: {}\n",
        args.output.display(),
        format.label(),
        summary(counts)
    ))?;
    Ok(ExitCode::from(u8::from(counts.error > 0)))
}

/// `hcw FILE`: the HCW preview as text or JSON; exit 1 when it has blockers.
fn hcw(args: &HcwArgs) -> anyhow::Result<ExitCode> {
    let doc = file::load(&args.file)?;
    let preview = crate::hcw::preview(&doc);
    let text = match args.format {
        OutputFormat::Json => json_text(&preview)?,
        OutputFormat::Text => hcw_text(&preview),
    };
    print(&text)?;
    Ok(ExitCode::from(u8::from(!preview.ready())))
}

/// The HCW preview for people: pages and answers, blockers, then the steps by shell.
#[must_use]
pub fn hcw_text(preview: &crate::hcw::Preview) -> String {
    let mut out = format!("Hybrid Configuration Wizard preview: {}\n\n", preview.title);
    if !preview.blockers.is_empty() {
        out.push_str("Blockers (the plan cannot be configured as drawn):\n");
        for b in &preview.blockers {
            let _ = writeln!(out, "  {}: {}", b.rule, b.message);
            if let Some(step) = b.wizard_step {
                let _ = writeln!(out, "    wizard step that fails: {step}");
            }
        }
        out.push('\n');
    }
    out.push_str("Wizard pages:\n");
    for page in &preview.pages {
        let _ = writeln!(out, "  {}", page.title);
        for a in &page.answers {
            let note = a
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let _ = writeln!(out, "    {}: {}{note}", a.field, a.value);
        }
    }
    for (heading, steps) in [
        ("Objects the wizard configures", &preview.objects),
        ("Afterwards (not done by the wizard)", &preview.post_steps),
    ] {
        let _ = writeln!(out, "\n{heading}:");
        for s in steps {
            let mark = s.mark.label();
            let _ = writeln!(
                out,
                "  {} {} [{}]{}{}",
                s.id,
                s.title,
                s.shell.label(),
                if mark.is_empty() { "" } else { " " },
                mark
            );
        }
    }
    out
}

/// `tidy FILE [-o OUT]`: the plan with every node in its tidy place, saved atomically (FILE
/// itself is not rewritten when it is already tidy).
fn tidy(args: &TidyArgs) -> anyhow::Result<ExitCode> {
    let mut doc = file::load(&args.file)?;
    let before: Vec<_> = doc.nodes.iter().map(|n| n.position).collect();
    if let Some(command) = crate::edit::tidy_layout(&doc) {
        command
            .apply(&mut doc)
            .map_err(|e| anyhow::anyhow!("cannot tidy {}: {e}", args.file.display()))?;
    }
    let moved = doc
        .nodes
        .iter()
        .zip(before)
        .filter(|(n, p)| n.position != *p)
        .count();
    let out = args.output.as_ref().unwrap_or(&args.file);
    if moved > 0 || args.output.is_some() {
        file::save(out, &doc)?;
    }
    let what = match moved {
        0 => "already tidy".to_owned(),
        1 => "1 node moved".to_owned(),
        n => format!("{n} nodes moved"),
    };
    print(&format!("{}: {what}\n", out.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// `import PATH... -o OUT`: the as-is plan written atomically, the summary on stdout.
fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let mut opts = crate::import::Options::on(args.date.unwrap_or_else(Date::today));
    opts.title.clone_from(&args.title);
    let imported = crate::import::import_paths(&args.paths, &opts, |_, _| {})?;
    file::save(&args.output, &imported.doc)?;
    let mut text = imported.summary.text();
    let _ = writeln!(
        text,
        "wrote: {} (mode {}, {} nodes, {} links)",
        args.output.display(),
        match imported.doc.hybrid.mode {
            crate::model::Mode::Full => "full",
            crate::model::Mode::Minimal => "minimal",
            crate::model::Mode::Draft => "draft",
        },
        imported.doc.nodes.len(),
        imported.doc.links.len()
    );
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The text report: one line per finding (severity, rule, message, subjects by name), then a
/// summary line.
#[must_use]
pub fn findings_text(
    doc: &Document,
    findings: &[Finding],
    counts: Counts,
    file_label: &str,
) -> String {
    let names: HashMap<&str, &str> = doc
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.name.as_str()))
        .collect();
    let name_of = |id: &str| names.get(id).copied().unwrap_or(id).to_owned();
    let mut out = String::new();
    for f in findings {
        let mut subjects: Vec<String> = f.nodes.iter().map(|id| name_of(id.as_str())).collect();
        subjects.extend(f.links.iter().map(|id| match doc.link(id.as_str()) {
            Some(link) => match &link.label {
                Some(label) if !label.trim().is_empty() => label.clone(),
                _ => format!(
                    "{} {} → {}",
                    link.kind.label(),
                    name_of(link.from.as_str()),
                    name_of(link.to.as_str())
                ),
            },
            None => id.to_string(),
        }));
        let _ = write!(out, "{:<7} {}: {}", f.severity.key(), f.rule, f.message);
        if !subjects.is_empty() {
            let _ = write!(out, " [{}]", subjects.join(", "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{file_label}: {}", summary(counts));
    out
}

/// "1 error, 2 warnings, 0 info" or "no findings".
fn summary(c: Counts) -> String {
    if c.error + c.warning + c.info == 0 {
        return "no findings".to_owned();
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {} info",
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        c.info
    )
}

/// `schema`: the JSON Schema of [`Document`].
fn schema() -> anyhow::Result<ExitCode> {
    print(&schema_text())?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON Schema (draft 2020-12) of the file format, pretty-printed with a trailing newline;
/// `assets/schema.json` holds the same text.
#[must_use]
pub fn schema_text() -> String {
    let mut schema = schemars::schema_for!(Document).to_value();
    // What the types cannot say: the envelope's fixed name and the newest version read.
    if let Some(props) = schema.get_mut("properties") {
        if let Some(format) = props.get_mut("format").and_then(Value::as_object_mut) {
            format.insert("const".to_owned(), Value::from(FORMAT_NAME));
        }
        if let Some(version) = props
            .get_mut("format_version")
            .and_then(Value::as_object_mut)
        {
            version.insert("maximum".to_owned(), Value::from(FORMAT_VERSION));
        }
    }
    plain_descriptions(&mut schema);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The descriptions come from doc comments; rustdoc's link brackets mean nothing to a
/// schema reader, and the version constant is better shown as its value.
fn plain_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key == "description" {
                    if let Value::String(text) = item {
                        *text = text
                            .replace("[`FORMAT_VERSION`]", &FORMAT_VERSION.to_string())
                            .replace("[`", "`")
                            .replace("`]", "`");
                    }
                } else {
                    plain_descriptions(item);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

/// `rules`: the catalog.
fn rules_list(args: &RulesArgs) -> anyhow::Result<ExitCode> {
    let catalog = rules::catalog();
    let text = match args.format {
        OutputFormat::Json => json_text(&catalog)?,
        OutputFormat::Text => {
            let width = catalog.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for r in catalog {
                let _ = writeln!(
                    out,
                    "{:<width$}  {:<7}  {}  ({})",
                    r.id,
                    r.severity.key(),
                    r.summary,
                    r.source
                );
            }
            out
        }
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// No subcommand: the designer, on FILE or on the sample plan.
fn open_designer(first: Option<PathBuf>, rest: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let extra = !rest.is_empty();
    if let Some(file) = &first {
        if !file.exists() || extra {
            let word = file.to_string_lossy();
            if looks_like_a_command(&word) {
                let names = command_names();
                let hint = match closest(&word, &names) {
                    Some(name) => format!("did you mean \"{name}\"? "),
                    None => String::new(),
                };
                anyhow::bail!(
                    "\"{word}\" is neither a command nor an existing file; {hint}(commands: {}; see --help)",
                    names.join(", ")
                );
            }
        }
        if extra {
            anyhow::bail!("the designer opens one file at a time");
        }
        if !file.exists() {
            anyhow::bail!("{}: no such file", file.display());
        }
    }
    launch_designer(first, None)
}

/// `--import DIR`: the designer with the import of DIR running (its outcome shown there).
fn import_in_designer(dir: PathBuf) -> anyhow::Result<ExitCode> {
    if !dir.exists() {
        anyhow::bail!("{}: no such folder or file", dir.display());
    }
    launch_designer(None, Some(dir))
}

/// Opens the designer window on `file` (or the sample plan).
#[cfg(feature = "gui")]
fn launch_designer(file: Option<PathBuf>, import: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    crate::ui::run(file, import)?;
    Ok(ExitCode::SUCCESS)
}

/// This build has no window: say so, and what it can do instead.
#[cfg(not(feature = "gui"))]
fn launch_designer(_file: Option<PathBuf>, _import: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this build of hybrid-designer has no designer window (it was built without the \"gui\" feature); \
         use the commands: {} (see --help)",
        command_names().join(", ")
    )
}

/// A bare word (no extension, no directory) is more likely a mistyped command than a plan.
fn looks_like_a_command(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The subcommand names, from the parser itself so new subcommands are included.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|n| n != "help")
        .collect()
}

/// The command nearest to a typo (edit distance at most 2, or a prefix).
fn closest<'a>(word: &str, names: &'a [String]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    names
        .iter()
        .map(|n| (distance(&word, n), n))
        .filter(|(d, n)| *d <= 2 || n.starts_with(&word))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n.as_str())
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn json_text(value: &impl Serialize) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_of_commands_are_recognised() {
        let names = command_names();
        assert_eq!(closest("valdate", &names), Some("validate"));
        assert_eq!(closest("shema", &names), Some("schema"));
        assert_eq!(closest("val", &names), Some("validate"));
        assert_eq!(closest("contoso", &names), None);
    }

    #[test]
    fn summary_counts_each_severity() {
        let c = Counts {
            error: 1,
            warning: 2,
            info: 0,
        };
        assert_eq!(summary(c), "1 error, 2 warnings, 0 info");
        assert_eq!(summary(Counts::default()), "no findings");
    }
}
