//! The HCW preview: what Microsoft's Hybrid Configuration Wizard would configure for a plan
//! (`docs/hcw-preview.md`): the answers a consultant gives on the wizard's pages, the
//! blockers (every error finding, with the wizard step that fails for the ones the wizard
//! itself hits), the objects H1–H18 it creates or changes with their cmdlet lines, and the
//! steps P1–P8 it leaves to do by hand. [`script::to_script`] writes it as a PowerShell
//! script for review. A pure function of the document: no screen, no disk.

mod blockers;
mod inputs;
pub mod lines;
mod objects;
pub mod params;
mod post_steps;
pub mod script;

use crate::model::{Document, LinkId, NodeId};
use crate::rules::Finding;
use serde::Serialize;

pub use blockers::wizard_step;
pub use inputs::{Answer, Page, receive_connector_name};
pub use script::to_script;

/// Where a step runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shell {
    /// The Exchange Management Shell on-premises.
    Ems,
    /// Exchange Online PowerShell.
    Exo,
    /// Microsoft Entra ID (Microsoft Graph against the tenant).
    Entra,
    /// The public DNS provider.
    Dns,
    /// The Hybrid Agent host.
    Agent,
}

impl Shell {
    /// Every shell, in the order the script and the panel show them.
    pub const ALL: [Shell; 5] = [
        Shell::Ems,
        Shell::Exo,
        Shell::Entra,
        Shell::Dns,
        Shell::Agent,
    ];

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Shell::Ems => "On-premises, Exchange Management Shell",
            Shell::Exo => "Exchange Online PowerShell",
            Shell::Entra => "Microsoft Entra ID",
            Shell::Dns => "Public DNS",
            Shell::Agent => "Hybrid Agent host",
        }
    }
}

/// How well a step or value is known (`docs/hcw-preview.md`, "Marks").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A Microsoft page states it.
    Documented,
    /// Seen only in a consultant's record of an HCW log.
    Community,
    /// A reading or design choice of the preview.
    Inference,
}

impl Mark {
    /// The label shown next to it: empty for documented steps.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Mark::Documented => "",
            Mark::Community => "[COMMUNITY]",
            Mark::Inference => "[INFERENCE]",
        }
    }
}

/// One line of a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The PowerShell text (or, for a comment, the sentence).
    pub text: String,
    /// A comment: shown, not run (a DNS record, an Entra action, a [COMMUNITY] alternative).
    pub comment: bool,
    /// The cmdlets and parameters the line uses (checked against [`params::PARAMS`]).
    #[serde(skip)]
    pub uses: Vec<(&'static str, &'static str)>,
}

impl Line {
    /// A cmdlet line.
    #[must_use]
    pub fn cmd(cmd: &lines::Cmd) -> Self {
        Self {
            text: cmd.render(),
            comment: false,
            uses: cmd.params.iter().map(|(p, _)| (cmd.cmdlet, *p)).collect(),
        }
    }

    /// A cmdlet line shown as a comment (not run).
    #[must_use]
    pub fn commented(cmd: &lines::Cmd) -> Self {
        Self {
            comment: true,
            ..Self::cmd(cmd)
        }
    }

    /// A comment.
    #[must_use]
    pub fn note(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            comment: true,
            uses: Vec::new(),
        }
    }

    /// PowerShell that is not one cmdlet call (a pipeline), with the cmdlets and parameters
    /// it uses.
    #[must_use]
    pub fn raw(text: impl Into<String>, uses: &[(&'static str, &'static str)]) -> Self {
        Self {
            text: text.into(),
            comment: false,
            uses: uses.to_vec(),
        }
    }
}

/// An object the wizard creates or changes (H1–H18), or a step it leaves to do (P1–P8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// `H1`…`H18`, `P1`…`P8`.
    pub id: &'static str,
    /// What it is ("Send connector").
    pub title: String,
    /// Where it runs.
    pub shell: Shell,
    /// Why: one sentence.
    pub purpose: String,
    /// How well it is known.
    pub mark: Mark,
    /// The lines.
    pub lines: Vec<Line>,
    /// The page that documents it.
    pub source: &'static str,
    /// The plan nodes it comes from.
    pub nodes: Vec<NodeId>,
    /// The plan links it comes from.
    pub links: Vec<LinkId>,
}

/// A reason the plan cannot be configured as drawn: an error finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocker {
    /// The rule id.
    pub rule: &'static str,
    /// The finding's message.
    pub message: String,
    /// The wizard step that fails and why, for the findings the wizard itself hits.
    pub wizard_step: Option<&'static str>,
    /// The finding's nodes.
    pub nodes: Vec<NodeId>,
    /// The finding's links.
    pub links: Vec<LinkId>,
    /// The finding's source page.
    pub source: &'static str,
}

/// A named value the plan cannot know, printed as a variable at the top of the script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    /// The variable name, without `$`.
    pub name: &'static str,
    /// What to put there.
    pub meaning: &'static str,
}

/// The whole preview of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// The plan's title.
    pub title: String,
    /// The wizard's pages with the plan's answers, in the wizard's order.
    pub pages: Vec<Page>,
    /// The error findings: the plan cannot be configured as drawn.
    pub blockers: Vec<Blocker>,
    /// What the wizard creates or changes, in the order it runs.
    pub objects: Vec<Step>,
    /// What is left to do by hand afterwards.
    pub post_steps: Vec<Step>,
    /// The placeholders the lines use.
    pub placeholders: Vec<Placeholder>,
}

impl Preview {
    /// Whether the wizard can run on the plan as drawn (no blockers).
    #[must_use]
    pub fn ready(&self) -> bool {
        self.blockers.is_empty()
    }

    /// Every step, objects then post-steps.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.objects.iter().chain(&self.post_steps)
    }
}

/// The preview of `doc`, validating it first.
#[must_use]
pub fn preview(doc: &Document) -> Preview {
    preview_with(doc, &crate::rules::validate(doc))
}

/// The preview of `doc` with findings already computed (the designer validates once per
/// change and shares the findings).
#[must_use]
pub fn preview_with(doc: &Document, findings: &[Finding]) -> Preview {
    let facts = inputs::Facts::new(doc);
    let objects = objects::objects(&facts);
    let post_steps = post_steps::post_steps(&facts);
    let mut used = [false; lines::PLACEHOLDERS.len()];
    for line in objects.iter().chain(&post_steps).flat_map(|s| &s.lines) {
        for i in lines::placeholders_used(&line.text) {
            used[i] = true;
        }
    }
    let placeholders = lines::PLACEHOLDERS
        .iter()
        .zip(&used)
        .filter(|(_, used)| **used)
        .map(|(&(name, meaning), _)| Placeholder { name, meaning })
        .collect();
    Preview {
        title: doc.display_title().to_owned(),
        pages: inputs::pages(&facts),
        blockers: blockers::blockers(findings),
        objects,
        post_steps,
        placeholders,
    }
}
