//! The bundled templates (File ▸ New from template) and the sample plan the designer
//! opens with. They are ordinary topology files in `assets/`, embedded at build time.

use crate::file::LoadError;
use crate::model::Document;

/// A starting plan offered by File ▸ New from template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// Shown in the menu.
    pub name: &'static str,
    /// One or two sentences on what it shows.
    pub description: &'static str,
    /// The topology file, as in `assets/templates/`.
    pub json: &'static str,
}

impl Template {
    /// The template as a document, read like any topology file (the embedded files are
    /// checked by the test suite, so this does not fail in a released build).
    pub fn document(&self) -> Result<Document, LoadError> {
        crate::file::from_str(self.json)
    }
}

static TEMPLATES: [Template; 6] = [
    Template {
        name: "Blank plan",
        description: "An empty plan in draft mode, so only structural rules run while you sketch.",
        json: include_str!("../../assets/templates/blank.hybrid.json"),
    },
    Template {
        name: "Single Exchange 2019 server",
        description: "One Exchange 2016/2019 Mailbox server in a full hybrid; shows the single-server redundancy warning.",
        json: include_str!("../../assets/templates/single-2019.hybrid.json"),
    },
    Template {
        name: "Two Exchange 2016 servers behind a load balancer",
        description: "Two Mailbox servers published as one namespace; a complete classic hybrid.",
        json: include_str!("../../assets/templates/two-2016-lb.hybrid.json"),
    },
    Template {
        name: "Exchange 2013 multi-role",
        description: "Two Exchange 2013 servers with both Mailbox and Client Access behind a load balancer.",
        json: include_str!("../../assets/templates/exchange-2013.hybrid.json"),
    },
    Template {
        name: "Edge Transport",
        description: "Hybrid mail through an Edge Transport server in the perimeter network.",
        json: include_str!("../../assets/templates/edge.hybrid.json"),
    },
    Template {
        name: "Modern hybrid with the Hybrid Agent",
        description: "Two Hybrid Agents carry free/busy and mailbox moves; no inbound EWS publishing.",
        json: include_str!("../../assets/templates/modern-agent.hybrid.json"),
    },
];

/// The sample plan, as in `assets/sample.hybrid.json`.
pub const SAMPLE_JSON: &str = include_str!("../../assets/sample.hybrid.json");

/// Every template, in menu order.
#[must_use]
pub fn templates() -> &'static [Template] {
    &TEMPLATES
}

/// The sample plan the designer opens with: "Contoso hybrid (sample)", two Exchange 2016
/// Mailbox servers behind a load balancer in a complete classic hybrid, with no findings.
#[must_use]
pub fn sample_plan() -> Document {
    // The embedded file is checked by tests/templates.rs; the fallback only keeps a broken
    // build from panicking at start-up.
    crate::file::from_str(SAMPLE_JSON).unwrap_or_else(|_| Document::new("Contoso hybrid (sample)"))
}
