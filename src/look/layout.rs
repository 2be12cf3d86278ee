//! Layout shared by the canvas and the exporters: positions for nodes without one, and every
//! node's centre and size.

use super::{Point, layered_layout, node_size};
use crate::model::{Document, NodeId, Pos};
use std::collections::HashMap;

/// Horizontal and vertical spacing of the automatic layout grid.
pub const GRID: (f32, f32) = (230.0, 120.0);

/// The position of every node: its own, or — for nodes without one — its place in the
/// [`layered_layout`] of the whole plan, that layout moved below the positioned nodes (so a
/// hand-written or imported plan without positions opens tidy, and a few unplaced nodes
/// never land on placed ones). Deterministic.
#[must_use]
pub fn auto_layout(doc: &Document) -> HashMap<NodeId, Pos> {
    let mut out = HashMap::with_capacity(doc.nodes.len());
    let mut bottom: Option<f64> = None;
    let mut left: Option<f64> = None;
    for n in &doc.nodes {
        if let Some(p) = n.position.filter(|p| p.x.is_finite() && p.y.is_finite()) {
            out.insert(n.id.clone(), p);
            bottom = Some(bottom.map_or(p.y, |b: f64| b.max(p.y)));
            left = Some(left.map_or(p.x, |l: f64| l.min(p.x)));
        }
    }
    if out.len() == doc.nodes.len() {
        return out;
    }
    let layered = layered_layout(doc);
    let unplaced: Vec<(&NodeId, Pos)> = doc
        .nodes
        .iter()
        .filter(|n| !out.contains_key(&n.id))
        .filter_map(|n| layered.get(&n.id).map(|p| (&n.id, *p)))
        .collect();
    let (dx, dy) = match (left, bottom) {
        (Some(l), Some(b)) => {
            let top = unplaced
                .iter()
                .map(|(_, p)| p.y)
                .fold(f64::INFINITY, f64::min);
            let x0 = unplaced
                .iter()
                .map(|(_, p)| p.x)
                .fold(f64::INFINITY, f64::min);
            (l - x0, b + f64::from(GRID.1) * 1.5 - top)
        }
        _ => (0.0, 0.0),
    };
    for (id, p) in unplaced {
        out.insert(
            id.clone(),
            Pos {
                x: p.x + dx,
                y: p.y + dy,
            },
        );
    }
    out
}

/// Every node's centre and size, positions from [`auto_layout`].
#[must_use]
pub fn node_geometry(doc: &Document) -> HashMap<NodeId, (Point, (f32, f32))> {
    let pos = auto_layout(doc);
    doc.nodes
        .iter()
        .map(|n| {
            let p = pos
                .get(&n.id)
                .copied()
                .map_or(Point::default(), Point::from_pos);
            (n.id.clone(), (p, node_size(n)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeKind, Role, Version};

    #[test]
    fn auto_layout_places_unpositioned_nodes_deterministically_below_the_others_in_columns() {
        let mut doc = Document::default();
        doc.nodes
            .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(0.0, 0.0));
        doc.nodes
            .push(Node::server("a", "A", Version::V2016, &[Role::Mailbox]));
        doc.nodes
            .push(Node::server("b", "B", Version::V2016, &[Role::Mailbox]));
        let p1 = auto_layout(&doc);
        let p2 = auto_layout(&doc);
        assert_eq!(p1, p2);
        assert_eq!(p1["exo"], Pos { x: 0.0, y: 0.0 });
        assert!(p1["a"].y > 0.0);
        assert!(p1["b"].y > 0.0);
        // Two servers of one site: one column, one above the other in document order.
        assert!((p1["a"].x - p1["b"].x).abs() < 1e-9 && p1["a"].y < p1["b"].y);
    }
}
