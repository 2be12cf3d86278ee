//! Importing an existing organization from PowerShell CLIXML exports (spec `import.md`):
//! the files named on the command line or chosen in the designer become an as-is plan and a
//! summary of what was read, inferred, skipped and found inconsistent.
//!
//! `clixml` reads one file into plain values, `x509` reads certificates exported as raw
//! data, `mapping` turns the recognized objects into the plan (§4, §5) and `summary` holds
//! the lines printed after an import (§6). Nothing here touches the network or runs anything.

pub mod clixml;
pub mod mapping;
pub mod summary;
pub mod x509;

use crate::model::{Date, Document};
use clixml::{Limits, Parsed, ReadError};
use std::path::{Path, PathBuf};
use std::rc::Rc;

pub use summary::Summary;

/// Most files one import reads (§3.3).
pub const MAX_FILES: usize = 20_000;
/// Most bytes one import reads (§3.3).
pub const MAX_TOTAL_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// How to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The plan's title; default from the organization's name.
    pub title: Option<String>,
    /// The date written into notes ("imported … on DATE").
    pub date: Date,
    /// The reader's bounds.
    pub limits: Limits,
}

impl Options {
    /// Default title and limits, the given date.
    #[must_use]
    pub fn on(date: Date) -> Self {
        Self {
            title: None,
            date,
            limits: Limits::default(),
        }
    }
}

/// A successful import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The as-is plan (no positions: the designer lays it out).
    pub doc: Document,
    /// The summary lines of §6 (without the final `wrote:` line).
    pub summary: Summary,
}

/// Why an import was refused: one sentence naming the file or argument.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A PATH that does not exist or cannot be read.
    #[error("{path}: cannot be read: {source}")]
    Path {
        /// The path as given.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
    /// One file was refused by the reader.
    #[error("{path}: {source}")]
    File {
        /// The file, as given or found.
        path: String,
        /// The reason.
        source: ReadError,
    },
    /// More files or bytes than the limits of §3.3.
    #[error("{path}: {what}")]
    Limit {
        /// The argument being read.
        path: String,
        /// The limit exceeded.
        what: String,
    },
    /// No file held an object the import uses.
    #[error("{path}: nothing importable ({files} files, none with an object the import uses)")]
    Nothing {
        /// The arguments, comma-separated.
        path: String,
        /// Files read.
        files: usize,
    },
}

/// One input file with the name it is reported under.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The path to open.
    pub path: PathBuf,
    /// The path as given or found (for messages).
    pub shown: String,
}

/// The files an import reads (§1.1): files as given, folders searched recursively for `*.xml`
/// (symbolic links not followed), each folder's files in byte order of their relative paths,
/// a file named twice read once.
pub fn input_files(paths: &[PathBuf]) -> Result<Vec<InputFile>, ImportError> {
    let mut out: Vec<InputFile> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for arg in paths {
        let meta = std::fs::metadata(arg).map_err(|source| ImportError::Path {
            path: arg.display().to_string(),
            source,
        })?;
        let mut found = Vec::new();
        if meta.is_dir() {
            walk(arg, arg, &mut found)?;
            found.sort_by(|a: &(Vec<u8>, PathBuf), b| a.0.cmp(&b.0));
        } else {
            found.push((Vec::new(), arg.clone()));
        }
        for (_, path) in found {
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if seen.insert(key) {
                out.push(InputFile {
                    shown: path.display().to_string(),
                    path,
                });
            }
            if out.len() > MAX_FILES {
                return Err(ImportError::Limit {
                    path: arg.display().to_string(),
                    what: format!("more than {MAX_FILES} files"),
                });
            }
        }
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(Vec<u8>, PathBuf)>) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ImportError::Path {
        path: dir.display().to_string(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            continue;
        }
        if meta.is_dir() {
            walk(root, &path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push((rel.as_os_str().as_encoded_bytes().to_vec(), path));
            if out.len() > MAX_FILES {
                return Err(ImportError::Limit {
                    path: root.display().to_string(),
                    what: format!("more than {MAX_FILES} files"),
                });
            }
        }
    }
    Ok(())
}

/// Import PATHs (files or folders) into a plan; `progress(done, total)` is called after each
/// file.
pub fn import_paths(
    paths: &[PathBuf],
    opts: &Options,
    mut progress: impl FnMut(usize, usize),
) -> Result<Imported, ImportError> {
    let files = input_files(paths)?;
    let mut total: u64 = 0;
    let mut parsed = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        total += std::fs::metadata(&file.path).map_or(0, |m| m.len());
        if total > MAX_TOTAL_BYTES {
            return Err(ImportError::Limit {
                path: file.shown.clone(),
                what: format!("the inventory is larger than the limit of {MAX_TOTAL_BYTES} bytes"),
            });
        }
        let result =
            clixml::read_file(&file.path, &opts.limits).map_err(|source| ImportError::File {
                path: file.shown.clone(),
                source,
            })?;
        parsed.push(result);
        progress(i + 1, files.len());
    }
    let inputs: Vec<(String, Parsed)> = files.into_iter().map(|f| f.shown).zip(parsed).collect();
    let shown_args = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    mapping::build(&inputs, opts).ok_or(ImportError::Nothing {
        path: shown_args,
        files: inputs.len(),
    })
}

/// Import already-parsed files (tests, benchmarks): `(shown name, objects)`.
#[must_use]
pub fn import_parsed(inputs: &[(String, Parsed)], opts: &Options) -> Option<Imported> {
    mapping::build(inputs, opts)
}

/// Objects of one file, for callers that want them.
#[must_use]
pub fn objects(parsed: &Parsed) -> &[Rc<clixml::Obj>] {
    match parsed {
        Parsed::Objects(o) => o,
        Parsed::NotClixml { .. } => &[],
    }
}
