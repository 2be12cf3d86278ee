//! Editing commands: each one changes the document and returns its own inverse, so the
//! history keeps small commands instead of whole-document snapshots.

use crate::model::{
    ConnectRefusal, Document, Hybrid, Link, LinkId, Node, NodeId, Pos, View, check_ends,
};
use std::collections::BTreeSet;
use thiserror::Error;

/// One edit of the document. [`Command::apply`] performs it and returns the command that
/// undoes it; a command that fails leaves the document exactly as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Adds a node at `index` in the node list (the end when `None` or past the end).
    AddNode {
        /// The node; its id must be new.
        node: Node,
        /// Where in `nodes` it goes.
        index: Option<usize>,
    },
    /// Removes nodes and every link that touches them.
    RemoveNodes {
        /// The nodes to remove; all must exist.
        ids: Vec<NodeId>,
    },
    /// Moves nodes to absolute canvas positions.
    MoveNodes {
        /// Each node and where it goes.
        moves: Vec<(NodeId, Pos)>,
    },
    /// Replaces the node with the same id.
    UpdateNode {
        /// The new content; `node.id` says which node.
        node: Node,
    },
    /// Adds a link at the end of the link list.
    AddLink {
        /// The link; its id must be new, its ends must exist and suit its kind.
        link: Link,
    },
    /// Removes links.
    RemoveLinks {
        /// The links to remove; all must exist.
        ids: Vec<LinkId>,
    },
    /// Replaces the link with the same id.
    UpdateLink {
        /// The new content; `link.id` says which link.
        link: Link,
    },
    /// Replaces the plan's hybrid settings.
    SetHybrid(Hybrid),
    /// Sets or clears the title.
    SetTitle(Option<String>),
    /// Sets or clears the description.
    SetDescription(Option<String>),
    /// Replaces the presentation views.
    SetViews(Vec<View>),
    /// Several commands as one step; if one fails, those before it are undone.
    Batch {
        /// The name of the step in the Edit menu.
        label: String,
        /// Applied in order.
        commands: Vec<Command>,
    },
    /// Puts nodes and links back at their list positions. Usually made by
    /// [`Command::apply`] as the inverse of [`Command::RemoveNodes`]; it does not re-check
    /// link ends, so a plan loaded with a wrongly drawn link gets it back exactly.
    InsertNodes {
        /// `(index in nodes, node)`, ascending by index.
        nodes: Vec<(usize, Node)>,
        /// `(index in links, link)`, ascending by index.
        links: Vec<(usize, Link)>,
    },
    /// Puts links back at their list positions (the inverse of [`Command::RemoveLinks`]).
    InsertLinks {
        /// `(index in links, link)`, ascending by index.
        links: Vec<(usize, Link)>,
    },
    /// Sets node positions, `None` meaning "laid out automatically" (the inverse of
    /// [`Command::MoveNodes`], which must be able to restore an absent position).
    SetPositions {
        /// Each node and its position.
        positions: Vec<(NodeId, Option<Pos>)>,
    },
}

/// Why a command was refused. The document is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// A node with this id already exists.
    #[error("a node with id `{0}` already exists")]
    DuplicateNodeId(NodeId),
    /// A link with this id already exists.
    #[error("a link with id `{0}` already exists")]
    DuplicateLinkId(LinkId),
    /// No node has this id.
    #[error("there is no node with id `{0}`")]
    MissingNode(NodeId),
    /// No link has this id.
    #[error("there is no link with id `{0}`")]
    MissingLink(LinkId),
    /// A link refers to a node that does not exist.
    #[error("link `{link}` refers to node `{node}`, which does not exist")]
    LinkToMissingNode {
        /// The link.
        link: LinkId,
        /// The missing end.
        node: NodeId,
    },
    /// The link's ends are not of the kinds its kind joins, or it joins a node to itself.
    #[error(transparent)]
    Refused(#[from] ConnectRefusal),
    /// Changing this node's kind would leave a link with ends its kind does not allow.
    #[error("`{node}` cannot change kind: {reason}")]
    KindChangeBreaksLink {
        /// The node.
        node: NodeId,
        /// Why the link would no longer fit.
        reason: ConnectRefusal,
    },
    /// A position or camera is not a finite number; saved, it would make the file unreadable.
    #[error("`{0}` would be placed at a position that is not a finite number")]
    NonFinitePosition(String),
}

impl Command {
    /// The name of the step for the Edit menu, e.g. `Move 2 nodes` (shown as
    /// "Undo Move 2 nodes").
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Command::AddNode { node, .. } => format!("Add {}", node.name),
            Command::RemoveNodes { ids } => count_label("Delete", ids.len(), "node"),
            Command::MoveNodes { moves } => count_label("Move", moves.len(), "node"),
            Command::SetPositions { positions } => count_label("Move", positions.len(), "node"),
            Command::UpdateNode { node } => format!("Edit {}", node.name),
            Command::AddLink { link } => format!("Add {}", link_noun(link)),
            Command::RemoveLinks { ids } => count_label("Delete", ids.len(), "link"),
            Command::UpdateLink { link } => format!("Edit {}", link_noun(link)),
            Command::SetHybrid(_) => "Change hybrid settings".to_owned(),
            Command::SetTitle(_) => "Rename plan".to_owned(),
            Command::SetDescription(_) => "Edit description".to_owned(),
            Command::SetViews(_) => "Edit presentation views".to_owned(),
            Command::Batch { label, .. } => label.clone(),
            Command::InsertNodes { nodes, .. } => count_label("Restore", nodes.len(), "node"),
            Command::InsertLinks { links } => count_label("Restore", links.len(), "link"),
        }
    }

    /// Whether applying it would change nothing (an empty selection, an empty batch), so
    /// the history need not record it.
    #[must_use]
    pub fn is_noop(&self) -> bool {
        match self {
            Command::RemoveNodes { ids } => ids.is_empty(),
            Command::MoveNodes { moves } => moves.is_empty(),
            Command::SetPositions { positions } => positions.is_empty(),
            Command::RemoveLinks { ids } => ids.is_empty(),
            Command::Batch { commands, .. } => commands.iter().all(Command::is_noop),
            Command::InsertNodes { nodes, links } => nodes.is_empty() && links.is_empty(),
            Command::InsertLinks { links } => links.is_empty(),
            _ => false,
        }
    }

    /// Performs the command and returns the command that undoes it. On error the document
    /// is unchanged (a batch undoes the commands it had already applied).
    pub fn apply(self, doc: &mut Document) -> Result<Command, EditError> {
        self.check_finite()?;
        match self {
            Command::AddNode { node, index } => add_node(doc, node, index),
            Command::RemoveNodes { ids } => remove_nodes(doc, ids),
            Command::MoveNodes { moves } => {
                let positions = moves.into_iter().map(|(id, p)| (id, Some(p))).collect();
                set_positions(doc, positions)
            }
            Command::SetPositions { positions } => set_positions(doc, positions),
            Command::UpdateNode { node } => update_node(doc, node),
            Command::AddLink { link } => add_link(doc, link),
            Command::RemoveLinks { ids } => remove_links(doc, ids),
            Command::UpdateLink { link } => update_link(doc, link),
            Command::SetHybrid(h) => Ok(Command::SetHybrid(std::mem::replace(&mut doc.hybrid, h))),
            Command::SetTitle(t) => Ok(Command::SetTitle(std::mem::replace(&mut doc.title, t))),
            Command::SetDescription(d) => Ok(Command::SetDescription(std::mem::replace(
                &mut doc.description,
                d,
            ))),
            Command::SetViews(v) => Ok(Command::SetViews(std::mem::replace(&mut doc.views, v))),
            Command::Batch { label, commands } => batch(doc, label, commands),
            Command::InsertNodes { nodes, links } => insert_nodes(doc, nodes, links),
            Command::InsertLinks { links } => insert_links(doc, links),
        }
    }
}

impl Command {
    /// Refuses NaN or infinite coordinates before anything changes: JSON cannot hold them,
    /// so a plan carrying one could be saved but never opened again.
    fn check_finite(&self) -> Result<(), EditError> {
        let finite = |p: &Pos| p.x.is_finite() && p.y.is_finite();
        let node_ok = |n: &Node| n.position.as_ref().is_none_or(finite);
        match self {
            Command::AddNode { node, .. } | Command::UpdateNode { node } if !node_ok(node) => {
                Err(EditError::NonFinitePosition(node.id.to_string()))
            }
            Command::MoveNodes { moves } => match moves.iter().find(|(_, p)| !finite(p)) {
                Some((id, _)) => Err(EditError::NonFinitePosition(id.to_string())),
                None => Ok(()),
            },
            Command::SetPositions { positions } => {
                match positions
                    .iter()
                    .find(|(_, p)| !p.as_ref().is_none_or(finite))
                {
                    Some((id, _)) => Err(EditError::NonFinitePosition(id.to_string())),
                    None => Ok(()),
                }
            }
            Command::InsertNodes { nodes, .. } => match nodes.iter().find(|(_, n)| !node_ok(n)) {
                Some((_, n)) => Err(EditError::NonFinitePosition(n.id.to_string())),
                None => Ok(()),
            },
            Command::SetViews(views) => {
                let bad = views.iter().find(|v| {
                    let c = v.camera;
                    ![c.x, c.y, c.width, c.height].iter().all(|x| x.is_finite())
                });
                match bad {
                    Some(v) => Err(EditError::NonFinitePosition(format!("view {}", v.title))),
                    None => Ok(()),
                }
            }
            Command::Batch { commands, .. } => commands.iter().try_for_each(Command::check_finite),
            _ => Ok(()),
        }
    }
}

fn count_label(verb: &str, n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{verb} {noun}")
    } else {
        format!("{verb} {n} {noun}s")
    }
}

/// "send connector", "OAuth link": the link kind as a noun inside a sentence.
fn link_noun(link: &Link) -> &'static str {
    link.kind.noun().text
}

fn add_node(doc: &mut Document, node: Node, index: Option<usize>) -> Result<Command, EditError> {
    if doc.node(node.id.as_str()).is_some() {
        return Err(EditError::DuplicateNodeId(node.id));
    }
    let id = node.id.clone();
    let at = index.map_or(doc.nodes.len(), |i| i.min(doc.nodes.len()));
    doc.nodes.insert(at, node);
    Ok(Command::RemoveNodes { ids: vec![id] })
}

/// Keeps the first occurrence of each id, so `[a, a]` means `[a]`.
fn dedup<T: Ord + Clone>(ids: Vec<T>) -> Vec<T> {
    let mut seen = BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

fn remove_nodes(doc: &mut Document, ids: Vec<NodeId>) -> Result<Command, EditError> {
    let ids = dedup(ids);
    if let Some(missing) = ids.iter().find(|id| doc.node(id.as_str()).is_none()) {
        return Err(EditError::MissingNode(missing.clone()));
    }
    let gone: BTreeSet<&str> = ids.iter().map(NodeId::as_str).collect();
    let node_at: Vec<usize> = (0..doc.nodes.len())
        .filter(|&i| gone.contains(doc.nodes[i].id.as_str()))
        .collect();
    let link_at: Vec<usize> = (0..doc.links.len())
        .filter(|&i| {
            gone.contains(doc.links[i].from.as_str()) || gone.contains(doc.links[i].to.as_str())
        })
        .collect();
    let links = take_at(&mut doc.links, &link_at);
    let nodes = take_at(&mut doc.nodes, &node_at);
    Ok(Command::InsertNodes { nodes, links })
}

/// Removes the items at these ascending indices and returns them with their indices.
fn take_at<T>(items: &mut Vec<T>, ascending: &[usize]) -> Vec<(usize, T)> {
    let mut taken: Vec<(usize, T)> = ascending
        .iter()
        .rev()
        .map(|&i| (i, items.remove(i)))
        .collect();
    taken.reverse();
    taken
}

/// Inserts items at their recorded indices, ascending, which rebuilds the original order.
fn put_back<T>(items: &mut Vec<T>, entries: Vec<(usize, T)>) {
    for (i, item) in entries {
        let at = i.min(items.len());
        items.insert(at, item);
    }
}

fn set_positions(
    doc: &mut Document,
    positions: Vec<(NodeId, Option<Pos>)>,
) -> Result<Command, EditError> {
    let mut old = Vec::with_capacity(positions.len());
    for (id, _) in &positions {
        let node = doc
            .node(id.as_str())
            .ok_or_else(|| EditError::MissingNode(id.clone()))?;
        old.push((id.clone(), node.position));
    }
    for (id, pos) in positions {
        if let Some(node) = doc.node_mut(id.as_str()) {
            node.position = pos;
        }
    }
    Ok(Command::SetPositions { positions: old })
}

fn update_node(doc: &mut Document, node: Node) -> Result<Command, EditError> {
    let Some(index) = doc.nodes.iter().position(|n| n.id == node.id) else {
        return Err(EditError::MissingNode(node.id));
    };
    if doc.nodes[index].kind != node.kind
        && let Some(reason) = broken_link_after_kind_change(doc, &node)
    {
        return Err(EditError::KindChangeBreaksLink {
            node: node.id,
            reason,
        });
    }
    let old = std::mem::replace(&mut doc.nodes[index], node);
    Ok(Command::UpdateNode { node: old })
}

/// The first link, drawn rightly now, that `node`'s new kind would make wrong.
fn broken_link_after_kind_change(doc: &Document, node: &Node) -> Option<ConnectRefusal> {
    let kind_of = |id: &NodeId| {
        if *id == node.id {
            Some(node.kind)
        } else {
            doc.node(id.as_str()).map(|n| n.kind)
        }
    };
    doc.links
        .iter()
        .filter(|l| l.from == node.id || l.to == node.id)
        .find_map(|link| {
            let before = doc.node(link.from.as_str()).zip(doc.node(link.to.as_str()));
            let was_allowed = before.is_some_and(|(f, t)| link.kind.allows(f.kind, t.kind));
            let (from, to) = (kind_of(&link.from)?, kind_of(&link.to)?);
            if was_allowed {
                check_ends(link.kind, from, to).err()
            } else {
                None
            }
        })
}

/// The ends exist and suit the link's kind, and it does not join a node to itself.
fn check_link(doc: &Document, link: &Link) -> Result<(), EditError> {
    let mut kinds = [None, None];
    for (slot, end) in kinds.iter_mut().zip([&link.from, &link.to]) {
        let node = doc
            .node(end.as_str())
            .ok_or_else(|| EditError::LinkToMissingNode {
                link: link.id.clone(),
                node: end.clone(),
            })?;
        *slot = Some(node.kind);
    }
    if link.from == link.to {
        return Err(ConnectRefusal::SelfLink { link: link.kind }.into());
    }
    if let [Some(from), Some(to)] = kinds {
        check_ends(link.kind, from, to)?;
    }
    Ok(())
}

fn add_link(doc: &mut Document, link: Link) -> Result<Command, EditError> {
    if doc.link(link.id.as_str()).is_some() {
        return Err(EditError::DuplicateLinkId(link.id));
    }
    check_link(doc, &link)?;
    let id = link.id.clone();
    doc.links.push(link);
    Ok(Command::RemoveLinks { ids: vec![id] })
}

fn remove_links(doc: &mut Document, ids: Vec<LinkId>) -> Result<Command, EditError> {
    let ids = dedup(ids);
    if let Some(missing) = ids.iter().find(|id| doc.link(id.as_str()).is_none()) {
        return Err(EditError::MissingLink(missing.clone()));
    }
    let gone: BTreeSet<&str> = ids.iter().map(LinkId::as_str).collect();
    let at: Vec<usize> = (0..doc.links.len())
        .filter(|&i| gone.contains(doc.links[i].id.as_str()))
        .collect();
    Ok(Command::InsertLinks {
        links: take_at(&mut doc.links, &at),
    })
}

fn update_link(doc: &mut Document, link: Link) -> Result<Command, EditError> {
    let Some(index) = doc.links.iter().position(|l| l.id == link.id) else {
        return Err(EditError::MissingLink(link.id));
    };
    let old = &doc.links[index];
    // A plan may load with a wrongly drawn link (R-MODEL-LINK-ENDS); editing its label
    // must still work, so the ends are checked only when they change.
    if old.kind != link.kind || old.from != link.from || old.to != link.to {
        check_link(doc, &link)?;
    }
    let old = std::mem::replace(&mut doc.links[index], link);
    Ok(Command::UpdateLink { link: old })
}

fn batch(doc: &mut Document, label: String, commands: Vec<Command>) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(commands.len());
    for command in commands {
        match command.apply(doc) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                rollback(doc, inverses);
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch {
        label,
        commands: inverses,
    })
}

/// Undoes already applied commands, newest first. An inverse made by `apply` fits the
/// document it was made on, so this cannot fail unless the document was changed behind
/// the commands' back.
pub(crate) fn rollback(doc: &mut Document, inverses: Vec<Command>) {
    for inverse in inverses.into_iter().rev() {
        let undone = inverse.apply(doc);
        debug_assert!(undone.is_ok(), "an inverse command failed: {undone:?}");
    }
}

fn insert_nodes(
    doc: &mut Document,
    nodes: Vec<(usize, Node)>,
    links: Vec<(usize, Link)>,
) -> Result<Command, EditError> {
    let mut new_nodes = BTreeSet::new();
    for (_, node) in &nodes {
        if doc.node(node.id.as_str()).is_some() || !new_nodes.insert(node.id.as_str()) {
            return Err(EditError::DuplicateNodeId(node.id.clone()));
        }
    }
    check_insert_links(doc, &links, &new_nodes)?;
    let ids: Vec<NodeId> = nodes.iter().map(|(_, n)| n.id.clone()).collect();
    let link_ids: Vec<LinkId> = links.iter().map(|(_, l)| l.id.clone()).collect();
    put_back(&mut doc.nodes, nodes);
    put_back(&mut doc.links, links);
    if link_ids.is_empty() {
        return Ok(Command::RemoveNodes { ids });
    }
    Ok(Command::Batch {
        label: count_label("Delete", ids.len(), "node"),
        commands: vec![
            Command::RemoveLinks { ids: link_ids },
            Command::RemoveNodes { ids },
        ],
    })
}

fn check_insert_links(
    doc: &Document,
    links: &[(usize, Link)],
    new_nodes: &BTreeSet<&str>,
) -> Result<(), EditError> {
    let mut new_links = BTreeSet::new();
    for (_, link) in links {
        if doc.link(link.id.as_str()).is_some() || !new_links.insert(link.id.as_str()) {
            return Err(EditError::DuplicateLinkId(link.id.clone()));
        }
        for end in [&link.from, &link.to] {
            if doc.node(end.as_str()).is_none() && !new_nodes.contains(end.as_str()) {
                return Err(EditError::LinkToMissingNode {
                    link: link.id.clone(),
                    node: end.clone(),
                });
            }
        }
    }
    Ok(())
}

fn insert_links(doc: &mut Document, links: Vec<(usize, Link)>) -> Result<Command, EditError> {
    check_insert_links(doc, &links, &BTreeSet::new())?;
    let ids = links.iter().map(|(_, l)| l.id.clone()).collect();
    put_back(&mut doc.links, links);
    Ok(Command::RemoveLinks { ids })
}
