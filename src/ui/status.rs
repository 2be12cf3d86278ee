//! The message in the status bar: what just happened, or what was refused.

/// Whether a status message is news or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Something happened.
    Info,
    /// Something was refused or failed.
    Problem,
}

/// The message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What it says.
    pub text: String,
    /// How to colour it.
    pub kind: StatusKind,
}

impl Status {
    /// News.
    #[must_use]
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: StatusKind::Info,
        }
    }

    /// A refusal or a failure.
    #[must_use]
    pub fn problem(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: StatusKind::Problem,
        }
    }
}
