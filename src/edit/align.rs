//! Align and distribute the selected nodes (Edit ▸ Arrange): line their cards up on an edge
//! or a centre line, or spread them with equal gaps between the cards. Each is one undo
//! step named after what it did.

use super::command::Command;
use crate::look::{auto_layout, node_size};
use crate::model::{Document, NodeId, Pos};

/// Where [`align`] lines the cards up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    /// Left edges on the leftmost left edge.
    Left,
    /// Vertical centre lines on the middle of the selection's extent.
    Centre,
    /// Right edges on the rightmost right edge.
    Right,
    /// Top edges on the topmost top edge.
    Top,
    /// Horizontal centre lines on the middle of the selection's extent.
    Middle,
    /// Bottom edges on the lowest bottom edge.
    Bottom,
}

impl Align {
    /// The name of the step ("Align left").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Align::Left => "Align left",
            Align::Centre => "Align centres",
            Align::Right => "Align right",
            Align::Top => "Align top",
            Align::Middle => "Align middles",
            Align::Bottom => "Align bottom",
        }
    }
}

/// The axis [`distribute`] spreads the cards along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Distribute {
    /// Left to right, equal gaps between the cards.
    Horizontally,
    /// Top to bottom, equal gaps between the cards.
    Vertically,
}

impl Distribute {
    /// The name of the step ("Distribute horizontally").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Distribute::Horizontally => "Distribute horizontally",
            Distribute::Vertically => "Distribute vertically",
        }
    }
}

/// A selected node's card: id, centre and half its size.
struct Card {
    id: NodeId,
    center: Pos,
    half: (f64, f64),
}

/// The cards of the selected nodes that exist, in document order, at their positions (the
/// automatic layout's for nodes without one).
fn cards(doc: &Document, ids: &[NodeId]) -> Vec<Card> {
    let places = auto_layout(doc);
    doc.nodes
        .iter()
        .filter(|n| ids.contains(&n.id))
        .filter_map(|n| {
            let center = *places.get(&n.id)?;
            let (w, h) = node_size(n);
            Some(Card {
                id: n.id.clone(),
                center,
                half: (f64::from(w) / 2.0, f64::from(h) / 2.0),
            })
        })
        .collect()
}

/// One undo step named `label` moving the cards that change; `None` when none does.
fn moves_step(label: &str, cards: &[Card], to: impl Fn(&Card) -> Pos) -> Option<Command> {
    let moves: Vec<(NodeId, Pos)> = cards
        .iter()
        .filter_map(|c| {
            let p = to(c);
            let moved = (p.x - c.center.x).abs() > 1e-6 || (p.y - c.center.y).abs() > 1e-6;
            moved.then(|| (c.id.clone(), p))
        })
        .collect();
    (!moves.is_empty()).then(|| Command::Batch {
        label: label.to_owned(),
        commands: vec![Command::MoveNodes { moves }],
    })
}

/// The command that aligns the selected nodes' cards; `None` with fewer than two nodes or
/// when they are aligned already.
#[must_use]
pub fn align(doc: &Document, ids: &[NodeId], how: Align) -> Option<Command> {
    let cards = cards(doc, ids);
    if cards.len() < 2 {
        return None;
    }
    let fold = |f: &dyn Fn(&Card) -> f64, min: bool| {
        cards.iter().map(f).fold(
            if min {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            },
            |a, b| if min { a.min(b) } else { a.max(b) },
        )
    };
    let left = fold(&|c| c.center.x - c.half.0, true);
    let right = fold(&|c| c.center.x + c.half.0, false);
    let top = fold(&|c| c.center.y - c.half.1, true);
    let bottom = fold(&|c| c.center.y + c.half.1, false);
    let to = |c: &Card| {
        let Pos { x, y } = c.center;
        match how {
            Align::Left => Pos {
                x: left + c.half.0,
                y,
            },
            Align::Centre => Pos {
                x: f64::midpoint(left, right),
                y,
            },
            Align::Right => Pos {
                x: right - c.half.0,
                y,
            },
            Align::Top => Pos {
                x,
                y: top + c.half.1,
            },
            Align::Middle => Pos {
                x,
                y: f64::midpoint(top, bottom),
            },
            Align::Bottom => Pos {
                x,
                y: bottom - c.half.1,
            },
        }
    };
    moves_step(how.label(), &cards, to)
}

/// The command that spreads the selected nodes' cards along an axis with equal gaps between
/// them, the first and last staying where they are; `None` with fewer than three nodes or
/// when they are spread so already.
#[must_use]
pub fn distribute(doc: &Document, ids: &[NodeId], how: Distribute) -> Option<Command> {
    let mut cards = cards(doc, ids);
    if cards.len() < 3 {
        return None;
    }
    let horizontal = how == Distribute::Horizontally;
    let along = |c: &Card| if horizontal { c.center.x } else { c.center.y };
    let half = |c: &Card| if horizontal { c.half.0 } else { c.half.1 };
    // Stable: equal centres keep document order.
    cards.sort_by(|a, b| along(a).total_cmp(&along(b)));
    let (first, last) = (&cards[0], &cards[cards.len() - 1]);
    let start = along(first) - half(first);
    let end = along(last) + half(last);
    let sizes: f64 = cards.iter().map(|c| 2.0 * half(c)).sum();
    let gap = (end - start - sizes) / (cards.len() - 1) as f64;
    let mut at = start;
    let mut places = Vec::with_capacity(cards.len());
    for c in &cards {
        places.push((c.id.clone(), at + half(c)));
        at += 2.0 * half(c) + gap;
    }
    let to = |c: &Card| {
        let v = places
            .iter()
            .find(|(id, _)| *id == c.id)
            .map_or(along(c), |(_, v)| *v);
        if horizontal {
            Pos {
                x: v,
                y: c.center.y,
            }
        } else {
            Pos {
                x: c.center.x,
                y: v,
            }
        }
    };
    moves_step(how.label(), &cards, to)
}

/// The spacing of the canvas grid that drags snap to (View ▸ Snap to grid), canvas units.
pub const SNAP_GRID: f64 = 20.0;

/// `p` moved to the nearest grid point (`step` apart); a non-finite or non-positive step
/// leaves it where it is.
#[must_use]
pub fn snap_to_grid(p: Pos, step: f64) -> Pos {
    if !(step.is_finite() && step > 0.0) {
        return p;
    }
    let snap = |v: f64| {
        if v.is_finite() {
            (v / step).round() * step
        } else {
            v
        }
    };
    Pos {
        x: snap(p.x),
        y: snap(p.y),
    }
}
