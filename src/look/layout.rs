//! Layout shared by the canvas and the exporters: positions for nodes without one, and every
//! node's centre and size.

use super::{Point, node_size};
use crate::model::{Document, Node, NodeId, NodeKind, Pos, Tier};
use std::collections::HashMap;

/// Horizontal and vertical spacing of the automatic layout grid.
pub const GRID: (f32, f32) = (230.0, 120.0);
const SERVERS_PER_ROW: usize = 8;

fn layout_row(kind: NodeKind) -> usize {
    match kind.spec().tier {
        Tier::Cloud => 0,
        Tier::Network => 1,
        Tier::Edge => 2,
        Tier::Servers => 3,
        Tier::Notes => 4,
    }
}

/// The position of every node: its own, or — for nodes without one — a slot in a
/// deterministic grid below the positioned nodes, in tiers by kind (cloud and identity on
/// top, then network, Edge, servers in rows of eight, notes last), in document order.
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
    let mut tiers: [Vec<&Node>; 5] = Default::default();
    for n in &doc.nodes {
        if !out.contains_key(&n.id) {
            tiers[layout_row(n.kind)].push(n);
        }
    }
    let x0 = left.unwrap_or(0.0);
    let mut y = bottom.map_or(0.0, |b| b + f64::from(GRID.1) * 1.5);
    let (gx, gy) = (f64::from(GRID.0), f64::from(GRID.1));
    for tier in tiers {
        if tier.is_empty() {
            continue;
        }
        for chunk in tier.chunks(SERVERS_PER_ROW) {
            for (j, n) in chunk.iter().enumerate() {
                out.insert(
                    n.id.clone(),
                    Pos {
                        x: x0 + j as f64 * gx,
                        y,
                    },
                );
            }
            y += gy;
        }
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
    use crate::model::{Role, Version};

    #[test]
    fn auto_layout_places_unpositioned_nodes_deterministically_below_the_others() {
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
        assert!((p1["a"].y - p1["b"].y).abs() < 1e-9 && (p1["a"].x - p1["b"].x).abs() > 1.0);
    }
}
