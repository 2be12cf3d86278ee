//! The validator's findings for one state of the document, worked out once per change (not
//! once per frame) with what the panels show beside each finding.

use super::theme;
use crate::edit;
use crate::model::{Date, Document};
use crate::rules::{self, Finding, Severity};

/// What the findings panel shows beside a finding, worked out once per document change.
#[derive(Debug, Clone, Default)]
pub struct FindingEntry {
    /// The names of the nodes and links it is about, joined.
    pub subjects: String,
    /// The label of the one-click fix, when the edit module offers one.
    pub quick_fix: Option<String>,
}

/// The validator's findings for one state of the document, with the counts the panels show.
#[derive(Debug, Default)]
pub struct FindingsCache {
    /// The change key ([`edit::Session::change_key`]) and the day the list was computed for.
    key: Option<((u64, u64), Date)>,
    list: Vec<Finding>,
    entries: Vec<FindingEntry>,
    counts: [usize; 3],
}

impl FindingsCache {
    /// The findings, errors first.
    #[must_use]
    pub fn list(&self) -> &[Finding] {
        &self.list
    }

    /// The panel's extras, one per finding, in the same order.
    #[must_use]
    pub fn entries(&self) -> &[FindingEntry] {
        &self.entries
    }

    /// How many findings have this severity.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.counts[severity_index(severity)]
    }

    /// Validates `doc` as of `as_of` again when `key` or the day differs from the last ones;
    /// returns whether it did.
    pub fn refresh(&mut self, key: (u64, u64), doc: &Document, as_of: Date) -> bool {
        if self.key == Some((key, as_of)) {
            return false;
        }
        self.list = rules::validate_as_of(doc, as_of);
        self.counts = [0; 3];
        for f in &self.list {
            self.counts[severity_index(f.severity)] += 1;
        }
        self.entries = self
            .list
            .iter()
            .map(|f| FindingEntry::new(doc, f))
            .collect();
        self.key = Some((key, as_of));
        true
    }
}

impl FindingEntry {
    fn new(doc: &Document, finding: &Finding) -> Self {
        let name = |id: &str| {
            doc.node(id)
                .map_or_else(|| id.to_owned(), |n| n.name.clone())
        };
        let nodes = finding.nodes.iter().map(|id| name(id.as_str()));
        let links = finding.links.iter().map(|id| match doc.link(id.as_str()) {
            Some(l) => format!(
                "{} {} {}",
                name(l.from.as_str()),
                theme::ARROW,
                name(l.to.as_str())
            ),
            None => id.to_string(),
        });
        let subjects: Vec<String> = nodes.chain(links).collect();
        Self {
            subjects: subjects.join(", "),
            quick_fix: edit::quick_fix(doc, finding).map(|f| f.label),
        }
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}
