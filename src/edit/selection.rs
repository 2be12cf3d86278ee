//! What the user has selected: node and link ids (never graph indices).

use crate::model::{LinkId, NodeId};
use std::collections::BTreeSet;

/// A set of selected nodes and links. Ordered so iteration (and commands built from it) is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected node ids.
    pub nodes: BTreeSet<NodeId>,
    /// Selected link ids.
    pub links: BTreeSet<LinkId>,
}

impl Selection {
    /// The selected node when it is the whole selection (what Rename and the node editor act
    /// on).
    #[must_use]
    pub fn single_node(&self) -> Option<&NodeId> {
        match (self.nodes.first(), self.nodes.len()) {
            (Some(id), 1) if self.links.is_empty() => Some(id),
            _ => None,
        }
    }

    /// Nothing selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.links.is_empty()
    }

    /// Only this node.
    #[must_use]
    pub fn node(id: NodeId) -> Self {
        Self {
            nodes: BTreeSet::from([id]),
            links: BTreeSet::new(),
        }
    }

    /// Only this link.
    #[must_use]
    pub fn link(id: LinkId) -> Self {
        Self {
            nodes: BTreeSet::new(),
            links: BTreeSet::from([id]),
        }
    }

    /// Empties the selection.
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.links.clear();
    }

    /// Adds the node, or removes it when it is already selected (Ctrl+click).
    pub fn toggle_node(&mut self, id: NodeId) {
        if !self.nodes.remove(&id) {
            self.nodes.insert(id);
        }
    }

    /// Adds the link, or removes it when it is already selected (Ctrl+click).
    pub fn toggle_link(&mut self, id: LinkId) {
        if !self.links.remove(&id) {
            self.links.insert(id);
        }
    }

    /// Drops ids that no longer exist in the document (after undo, delete, open).
    pub fn retain_existing(&mut self, doc: &crate::model::Document) {
        let nodes: BTreeSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
        let links: BTreeSet<&str> = doc.links.iter().map(|l| l.id.as_str()).collect();
        self.nodes.retain(|id| nodes.contains(id.as_str()));
        self.links.retain(|id| links.contains(id.as_str()));
    }
}
