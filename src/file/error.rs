//! Why a file could not be read or written, in one sentence that names the place.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a topology document was refused. The message is one sentence: the JSON path of the
/// problem (for example `/nodes/3/version`) followed by what is wrong there.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{}: cannot read the file ({})", file.display(), io_reason(source))]
    Read {
        /// The file that was asked for.
        file: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The text is empty or only white space.
    #[error("the file is empty")]
    Empty,
    /// The text is not JSON (or not UTF-8 text).
    #[error("not JSON: {0}")]
    NotJson(String),
    /// The file was written by a newer program with a format version this one cannot read.
    #[error(
        "made by a newer version of the program (format_version {found}; this version reads up to {known})"
    )]
    Newer {
        /// The file's `format_version`.
        found: u64,
        /// The newest version this program reads.
        known: u32,
    },
    /// Something at a place in the document is wrong.
    #[error("{}: {message}", pointer_for_display(path))]
    Invalid {
        /// A JSON pointer (`/nodes/3/version`); empty for the document itself.
        path: String,
        /// What is wrong there, without the path.
        message: String,
    },
    /// Two links share an id. Refused like any other problem, but the only one that
    /// [`load_renumbering_duplicate_links`](super::load_renumbering_duplicate_links) can get
    /// past, so it has its own variant.
    #[error("{path}: duplicate link id \"{id}\" (first used at /links/{first})")]
    DuplicateLinkId {
        /// The JSON pointer of the repeated id (`/links/9/id`).
        path: String,
        /// The id, shortened for display.
        id: String,
        /// The index of the first link with that id.
        first: usize,
    },
    /// A problem inside a named file.
    #[error("{}: {inner}", file.display())]
    InFile {
        /// The file that was read.
        file: PathBuf,
        /// The problem in it.
        inner: Box<LoadError>,
    },
}

impl LoadError {
    /// An error at a JSON path.
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The JSON pointer of the problem (`/links/4/to`), when it is about one place in the
    /// document; `Some("")` for the document as a whole.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Invalid { path, .. } | Self::DuplicateLinkId { path, .. } => Some(path),
            Self::Newer { .. } => Some("/format_version"),
            Self::InFile { inner, .. } => inner.path(),
            Self::Read { .. } | Self::Empty | Self::NotJson(_) => None,
        }
    }

    /// Whether the only thing wrong may be links that share an id, which
    /// [`load_renumbering_duplicate_links`](super::load_renumbering_duplicate_links) repairs
    /// in a copy. (The check stops at the first problem, so the copy can still be refused
    /// for another one.)
    #[must_use]
    pub fn is_duplicate_link_id(&self) -> bool {
        matches!(self.without_file(), Self::DuplicateLinkId { .. })
    }

    /// The file the problem was found in, when the document came from a file.
    #[must_use]
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            Self::Read { file, .. } | Self::InFile { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The same error, without the file name (for messages that name the file elsewhere).
    #[must_use]
    pub fn without_file(&self) -> &LoadError {
        match self {
            Self::InFile { inner, .. } => inner.without_file(),
            other => other,
        }
    }

    /// Attach the file name to an error found in its text.
    pub(crate) fn in_file(self, file: PathBuf) -> Self {
        match self {
            Self::Read { .. } | Self::InFile { .. } => self,
            inner => Self::InFile {
                file,
                inner: Box::new(inner),
            },
        }
    }
}

/// Why a document or export could not be written. The target is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The temporary file beside the target could not be created or written.
    #[error("cannot write {}: {} (the file was not changed)", path.display(), io_reason(source))]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The finished temporary file could not take the target's place.
    #[error("cannot replace {}: {} (the file was not changed)", path.display(), io_reason(source))]
    Replace {
        /// The file that was to be written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The target has no file name (a directory or `/`).
    #[error("{} is not a file name", path.display())]
    NotAFile {
        /// The path that was given.
        path: PathBuf,
    },
}

impl SaveError {
    /// The file that was to be written.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        match self {
            Self::Write { path, .. } | Self::Replace { path, .. } | Self::NotAFile { path } => path,
        }
    }
}

/// The operating system's reason in lower case, without Rust's "(os error 2)" suffix.
fn io_reason(err: &io::Error) -> String {
    let text = match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => {
            let raw = err.to_string();
            match raw.find(" (os error") {
                Some(i) => raw[..i].to_owned(),
                None => raw,
            }
        }
    };
    lower_first(&text)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The root of the document has the empty pointer, which reads badly on its own.
fn pointer_for_display(path: &str) -> PointerDisplay<'_> {
    PointerDisplay(path)
}

struct PointerDisplay<'a>(&'a str);

impl fmt::Display for PointerDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("the document")
        } else {
            f.write_str(self.0)
        }
    }
}
