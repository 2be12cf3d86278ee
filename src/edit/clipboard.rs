//! Copy, cut and paste of nodes through text.
//!
//! What is copied is a plan document in the file format (`exchange-hybrid-topology`, JSON):
//! the selected nodes and the links among them. Being an ordinary plan, the text can travel
//! between two windows through the system clipboard, be saved as a file and opened, and is
//! read back by the normal loader ([`crate::file::from_str`]), which names the problem of any
//! text that is not a plan.
//!
//! Pasting never changes the document by itself: [`paste`] returns one [`Command`] (one
//! undo step) and the ids of what it adds, so the window can apply it and select them.

use super::command::Command;
use super::factory::{Namer, delete};
use super::selection::Selection;
use crate::file::{self, LoadError};
use crate::look::auto_layout;
use crate::model::{Document, Link, LinkId, NodeId, Pos};
use std::collections::{BTreeSet, HashMap};
use thiserror::Error;

/// The longest text [`paste`] reads. A plan of a few thousand nodes is far smaller; anything
/// longer on the clipboard is not something a person copied from a plan.
pub const MAX_PASTE_BYTES: usize = 8 * 1024 * 1024;

/// The most nodes one paste adds. Each added node is checked against the whole plan, so the
/// limit keeps a hostile paste from freezing the window.
pub const MAX_PASTE_NODES: usize = 5_000;

/// The most links one paste adds (four per node on average).
pub const MAX_PASTE_LINKS: usize = 4 * MAX_PASTE_NODES;

/// The selected nodes and every link whose two ends are both selected, as a plan document
/// in the file format (pretty JSON, ready for the system clipboard).
///
/// Nodes keep their ids, names and fields; a node the canvas lays out automatically gets
/// the position it is shown at, so the copied group keeps its shape. The plan's title and
/// hybrid settings go along (opened as a file, the copy validates like its source); its
/// presentation views do not. Selected links whose ends are not both selected are left out:
/// a link cannot be pasted without its ends. An empty selection gives a plan without nodes,
/// which [`paste`] refuses.
#[must_use]
pub fn copy(doc: &Document, selection: &Selection) -> String {
    file::to_string(&copied_plan(doc, selection))
}

/// What [`cut`] produces: the text for the clipboard and the command that deletes the nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// The copied plan, exactly as [`copy`] makes it.
    pub text: String,
    /// Deletes the selected nodes (with every link touching them) and the selected links:
    /// [`delete`]'s command, as one undo step labelled "Cut …".
    pub command: Command,
}

/// Copy, then delete the selection (Ctrl+X). `None` when no selected node exists: links
/// alone cannot be pasted back, so cutting them would only lose them (delete them instead).
#[must_use]
pub fn cut(doc: &Document, selection: &Selection) -> Option<Cut> {
    if !doc.nodes.iter().any(|n| selection.nodes.contains(&n.id)) {
        return None;
    }
    let text = copy(doc, selection);
    let command = match delete(doc, selection)? {
        Command::Batch { label, commands } => Command::Batch {
            label: label.replacen("Delete", "Cut", 1),
            commands,
        },
        other => other,
    };
    Some(Cut { text, command })
}

/// What [`paste`] produces.
#[derive(Debug, Clone, PartialEq)]
pub struct Paste {
    /// Adds the pasted nodes and links: one undo step, labelled "Paste EX01" or
    /// "Paste 3 nodes".
    pub command: Command,
    /// The ids the pasted nodes get, in the order of the pasted text.
    pub nodes: Vec<NodeId>,
    /// The ids the pasted links get, in the order of the pasted text.
    pub links: Vec<LinkId>,
    /// Links of the text left out because their ends are not of the kinds their kind joins
    /// (or a link joins a node to itself); the editor never draws such a link.
    pub skipped_links: usize,
}

impl Paste {
    /// What to select once the command is applied: the pasted nodes and links.
    #[must_use]
    pub fn selection(&self) -> Selection {
        Selection {
            nodes: self.nodes.iter().cloned().collect(),
            links: self.links.iter().cloned().collect(),
        }
    }
}

/// Why a text could not be pasted. Nothing is changed when this is returned.
#[derive(Debug, Error)]
pub enum PasteError {
    /// The text is empty or only white space.
    #[error("there is nothing to paste: the clipboard is empty")]
    Empty,
    /// The text is longer than any plan a person copies.
    #[error(
        "the clipboard text is too long to be a copied plan ({bytes} bytes; at most {max} can be pasted)"
    )]
    TooLarge {
        /// Its length in bytes.
        bytes: usize,
        /// [`MAX_PASTE_BYTES`].
        max: usize,
    },
    /// The loader refused the text; its message names the place and the problem.
    #[error("the clipboard does not hold a plan: {0}")]
    NotAPlan(LoadError),
    /// The text is a plan, but without nodes.
    #[error("the copied plan has no nodes to paste")]
    NoNodes,
    /// The text is a plan with more nodes or links than one paste adds.
    #[error(
        "the copied plan is too large to paste ({nodes} nodes and {links} links; at most {MAX_PASTE_NODES} nodes and {MAX_PASTE_LINKS} links)"
    )]
    TooMany {
        /// Its nodes.
        nodes: usize,
        /// Its links.
        links: usize,
    },
    /// The position asked for is not a finite number.
    #[error("cannot paste at a position that is not a finite number")]
    BadTarget,
    /// Moved to the position asked for, a pasted node would leave the range of numbers.
    #[error("node \"{0}\" would be pasted at a position that is not a finite number")]
    OutOfRange(String),
}

/// Reads a copied plan and makes the command that adds its nodes and links to `doc`, the
/// group moved so the centre of the box around its nodes' positions lands at `at`.
///
/// Every pasted node gets a fresh id; it keeps its name when no node in `doc` has that name
/// (case-insensitive) and otherwise gets a fresh one the way [`super::duplicate`] makes
/// them (`EX01` → `EX03`, `Contoso` → `Contoso (copy)`). Every pasted link gets a fresh id
/// and is joined to the new ids. Nodes the text gives no position are placed by the
/// automatic layout first. Pasting the same text twice therefore never collides.
pub fn paste(doc: &Document, text: &str, at: Pos) -> Result<Paste, PasteError> {
    if !(at.x.is_finite() && at.y.is_finite()) {
        return Err(PasteError::BadTarget);
    }
    if text.len() > MAX_PASTE_BYTES {
        return Err(PasteError::TooLarge {
            bytes: text.len(),
            max: MAX_PASTE_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(PasteError::Empty);
    }
    let copied = file::from_str(text).map_err(PasteError::NotAPlan)?;
    if copied.nodes.is_empty() {
        return Err(PasteError::NoNodes);
    }
    if copied.nodes.len() > MAX_PASTE_NODES || copied.links.len() > MAX_PASTE_LINKS {
        return Err(PasteError::TooMany {
            nodes: copied.nodes.len(),
            links: copied.links.len(),
        });
    }
    let positions = auto_layout(&copied);
    let offset = offset_to(&copied, &positions, at);

    let mut namer = Namer::new(doc);
    let mut new_ids: HashMap<&str, NodeId> = HashMap::with_capacity(copied.nodes.len());
    let mut commands = Vec::with_capacity(copied.nodes.len() + copied.links.len());
    let mut nodes = Vec::with_capacity(copied.nodes.len());
    for node in &copied.nodes {
        let mut pasted = node.clone();
        let p = positions.get(&node.id).copied().unwrap_or_default();
        let moved = Pos {
            x: p.x + offset.x,
            y: p.y + offset.y,
        };
        if !(moved.x.is_finite() && moved.y.is_finite()) {
            return Err(PasteError::OutOfRange(node.name.clone()));
        }
        pasted.position = Some(moved);
        pasted.name = namer.keep_or_copy_name(&node.name);
        pasted.id = namer.id_for(&pasted.name);
        new_ids.insert(node.id.as_str(), pasted.id.clone());
        nodes.push(pasted.id.clone());
        commands.push(Command::AddNode {
            node: pasted,
            index: None,
        });
    }

    let kinds: HashMap<&str, _> = copied
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.kind))
        .collect();
    let mut links = Vec::new();
    let mut skipped_links = 0;
    for link in &copied.links {
        // The loader guarantees both ends exist in the text; a wrongly drawn link is left
        // out, as Duplicate leaves it out, because adding it would be refused.
        let ends = (
            kinds.get(link.from.as_str()),
            new_ids.get(link.from.as_str()),
            kinds.get(link.to.as_str()),
            new_ids.get(link.to.as_str()),
        );
        let (Some(&from_kind), Some(from), Some(&to_kind), Some(to)) = ends else {
            skipped_links += 1;
            continue;
        };
        if link.from == link.to || !link.kind.allows(from_kind, to_kind) {
            skipped_links += 1;
            continue;
        }
        let pasted = Link {
            id: namer.link_id(),
            from: from.clone(),
            to: to.clone(),
            ..link.clone()
        };
        links.push(pasted.id.clone());
        commands.push(Command::AddLink { link: pasted });
    }

    let label = match commands.first() {
        Some(Command::AddNode { node, .. }) if nodes.len() == 1 => format!("Paste {}", node.name),
        _ => format!("Paste {} nodes", nodes.len()),
    };
    Ok(Paste {
        command: Command::Batch { label, commands },
        nodes,
        links,
        skipped_links,
    })
}

/// The copied part of the plan, positions filled in from the automatic layout.
fn copied_plan(doc: &Document, selection: &Selection) -> Document {
    let layout = auto_layout(doc);
    let nodes: Vec<_> = doc
        .nodes
        .iter()
        .filter(|n| selection.nodes.contains(&n.id))
        .map(|n| {
            let mut node = n.clone();
            if node.position.is_none() {
                node.position = layout.get(&n.id).copied();
            }
            node
        })
        .collect();
    let ids: BTreeSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
    let links = doc
        .links
        .iter()
        .filter(|l| ids.contains(&l.from) && ids.contains(&l.to))
        .cloned()
        .collect();
    Document {
        title: doc.title.clone(),
        hybrid: doc.hybrid.clone(),
        nodes,
        links,
        ..Document::default()
    }
}

/// How far to move every node so the centre of the box around their positions lands at
/// `at`. Halves are added rather than the sum halved, so positions near the largest
/// numbers do not overflow on the way.
fn offset_to(doc: &Document, positions: &HashMap<NodeId, Pos>, at: Pos) -> Pos {
    let mut min = Pos {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Pos {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    for p in doc.nodes.iter().filter_map(|n| positions.get(&n.id)) {
        min.x = min.x.min(p.x);
        min.y = min.y.min(p.y);
        max.x = max.x.max(p.x);
        max.y = max.y.max(p.y);
    }
    if !(min.x <= max.x && min.y <= max.y) {
        return Pos::default();
    }
    Pos {
        x: at.x - (min.x / 2.0 + max.x / 2.0),
        y: at.y - (min.y / 2.0 + max.y / 2.0),
    }
}
