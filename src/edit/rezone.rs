//! Moving nodes into a zone's box: a node dropped in another region joins it where its kind
//! has something to change there — an Exchange server dropped in an AD site's box gets that
//! site (and the internal network), a load balancer, SMTP gateway or Edge server dropped in
//! the perimeter network, the internal network or the Internet gets that zone when its kind
//! may be there ([`NodeKindSpec::zones`](crate::model::NodeKindSpec::zones)). The move and
//! the changes are one undo step.

use super::command::Command;
use crate::look::zones::{Region, region_at, regions};
use crate::look::{self, Point};
use crate::model::{Document, Node, NodeId, NodeKind, Pos, Zone};
use std::collections::HashMap;

/// The command that moves these nodes to these centres and rezones each one that lands in
/// another region's box: a plain [`Command::MoveNodes`] when none does, else a
/// [`Command::Batch`] of the move and the node updates. Boxes are those of the plan without
/// the moved nodes, so a node leaving its region is judged by where the others are.
#[must_use]
pub fn move_with_rezone(doc: &Document, moves: Vec<(NodeId, Pos)>) -> Command {
    let moving: HashMap<&NodeId, Pos> = moves.iter().map(|(id, p)| (id, *p)).collect();
    let mut geometry = look::node_geometry(doc);
    geometry.retain(|id, _| !moving.contains_key(id));
    let boxes = regions(doc, &geometry);
    let mut updates = Vec::new();
    for n in &doc.nodes {
        let Some(&to) = moving.get(&n.id) else {
            continue;
        };
        let Some(region) = region_at(&boxes, Point::from_pos(to)) else {
            continue;
        };
        if let Some(next) = rezoned(n, region) {
            updates.push(next);
        }
    }
    if updates.is_empty() {
        return Command::MoveNodes { moves };
    }
    let label = match updates.as_slice() {
        [one] => format!("Move {} to {}", one.name, destination(one)),
        _ => format!("Move {} nodes", moves.len()),
    };
    // Updates first: each replaces the whole node, its old position included.
    let mut commands: Vec<Command> = updates
        .into_iter()
        .map(|node| Command::UpdateNode { node })
        .collect();
    commands.push(Command::MoveNodes { moves });
    Command::Batch { label, commands }
}

/// Where a rezoned node now is, for the undo step's name.
fn destination(node: &Node) -> String {
    match (node.kind, node.zone()) {
        (NodeKind::ExchangeServer, Zone::Internal) => format!("site {}", node.site()),
        (_, Zone::Internal) => "the internal network".to_owned(),
        (_, Zone::Perimeter) => "the perimeter network".to_owned(),
        (_, Zone::Internet) => "the Internet".to_owned(),
    }
}

/// The node as it is once dropped in `region`, or `None` when nothing about it changes (the
/// region is its own, or means nothing for its kind).
#[must_use]
pub fn rezoned(node: &Node, region: &Region) -> Option<Node> {
    let mut next = node.clone();
    let zone = region.area.zone()?;
    let allowed = node.kind.spec().zones;
    if !allowed.contains(&zone) {
        return None;
    }
    if node.zone() != zone {
        next.zone = Some(zone);
    }
    if let (NodeKind::ExchangeServer, Some(site)) = (node.kind, region.site.as_deref())
        && node.site() != site
    {
        next.site = Some(site.to_owned());
    }
    (next != *node).then_some(next)
}
