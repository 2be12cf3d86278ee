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
        name: "Single Exchange SE server",
        description: "One Exchange Server SE Mailbox server in a full hybrid, published directly; shows the single-server redundancy warning.",
        json: include_str!("../../assets/templates/single-se.hybrid.json"),
    },
    Template {
        name: "Two Exchange SE servers behind a load balancer",
        description: "Two Exchange Server SE Mailbox servers published as one namespace with a public certificate; a complete classic hybrid.",
        json: include_str!("../../assets/templates/two-se-lb.hybrid.json"),
    },
    Template {
        name: "Exchange 2016 / 2019 to SE",
        description: "New Exchange Server SE servers carry the hybrid endpoints while Exchange 2016 and 2019 still hold mailboxes; shows their end-of-support warnings.",
        json: include_str!("../../assets/templates/upgrade-to-se.hybrid.json"),
    },
    Template {
        name: "Edge Transport",
        description: "Hybrid mail through an Exchange Server SE Edge Transport server in the perimeter network.",
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

/// The sample plan the designer opens with: "Contoso hybrid (sample)", two Exchange Server SE
/// Mailbox servers behind a load balancer in a complete classic hybrid, with certificates,
/// public names, forwarded ports and the dedicated hybrid app, and no findings.
#[must_use]
pub fn sample_plan() -> Document {
    // The embedded file is checked by tests/templates.rs; the fallback only keeps a broken
    // build from panicking at start-up.
    crate::file::from_str(SAMPLE_JSON).unwrap_or_else(|_| Document::new("Contoso hybrid (sample)"))
}
