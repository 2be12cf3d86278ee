//! Tidy layout: every node moved to its place in the layered layout
//! ([`layered_layout`](crate::look::layered_layout)) — columns read left to right, servers by
//! AD site, few crossings, notes beside what they annotate — keeping the plan's top-left
//! corner. Presentation views are framed again on the nodes they showed. One undo step.

use super::command::Command;
use crate::look::layered::SNAP;
use crate::look::layered_layout;
use crate::model::{Document, NodeId, Pos};
use crate::present;
use std::collections::HashMap;

fn snap(v: f64) -> f64 {
    (v / SNAP).round() * SNAP
}

/// The command that moves every node to its tidy place, named "Tidy layout"; `None` when
/// the plan is empty or already tidy. The plan keeps its top-left corner, so the view does not
/// jump far.
#[must_use]
pub fn tidy_layout(doc: &Document) -> Option<Command> {
    let target = tidy_positions(doc);
    let moves: Vec<(NodeId, Pos)> = doc
        .nodes
        .iter()
        .filter_map(|n| {
            let to = *target.get(&n.id)?;
            let same = n
                .position
                .is_some_and(|p| (p.x - to.x).abs() < 0.5 && (p.y - to.y).abs() < 0.5);
            (!same).then(|| (n.id.clone(), to))
        })
        .collect();
    if moves.is_empty() {
        return None;
    }
    let mut commands = Vec::with_capacity(2);
    if !doc.views.is_empty() {
        // Presentation views framed the old places: frame them again on the same nodes.
        let mut after = doc.clone();
        for n in &mut after.nodes {
            n.position = target.get(&n.id).copied().or(n.position);
        }
        let views = present::follow_moves(&doc.views, doc, &after);
        if views != doc.views {
            commands.push(Command::SetViews(views));
        }
    }
    commands.insert(0, Command::MoveNodes { moves });
    Some(Command::Batch {
        label: "Tidy layout".to_owned(),
        commands,
    })
}

/// Where [`tidy_layout`] puts every node: the [`layered_layout`], moved so the plan keeps its
/// top-left corner (to the nearest grid step, so positions stay on the snap grid).
#[must_use]
pub fn tidy_positions(doc: &Document) -> HashMap<NodeId, Pos> {
    let mut out = layered_layout(doc);
    keep_top_left(doc, &mut out);
    out
}

/// Moves the new layout so its top-left card centre sits where the plan's was.
fn keep_top_left(doc: &Document, out: &mut HashMap<NodeId, Pos>) {
    let corner = |ps: &mut dyn Iterator<Item = Pos>| -> Option<(f64, f64)> {
        ps.fold(None, |acc, p| match acc {
            None => Some((p.x, p.y)),
            Some((x, y)) => Some((x.min(p.x), y.min(p.y))),
        })
    };
    let Some(old) = corner(
        &mut doc
            .nodes
            .iter()
            .filter_map(|n| n.position)
            .filter(|p| p.x.is_finite() && p.y.is_finite()),
    ) else {
        return;
    };
    let Some(new) = corner(&mut out.values().copied()) else {
        return;
    };
    let (dx, dy) = (snap(old.0 - new.0), snap(old.1 - new.1));
    for p in out.values_mut() {
        p.x += dx;
        p.y += dy;
    }
}
