//! Edit ▸ Arrange: align and distribute the selected nodes, declared once (menu text,
//! tooltip, shortcut) like every other action; [`Action::Arrange`](super::Action::Arrange)
//! carries one of these.

use crate::edit::{self, Align, Distribute};
use crate::model::{Document, NodeId};
use egui::{Key, KeyboardShortcut, Modifiers};

/// One way of lining up or spreading the selected nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Arrange {
    /// Line the cards up on an edge or centre line.
    Align(Align),
    /// Spread the cards with equal gaps.
    Distribute(Distribute),
}

/// Alt+Shift with `key`.
const fn alt_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT.plus(Modifiers::SHIFT), key)
}

impl Arrange {
    /// Every arrangement, in menu order.
    pub const ALL: [Arrange; 8] = [
        Arrange::Align(Align::Left),
        Arrange::Align(Align::Centre),
        Arrange::Align(Align::Right),
        Arrange::Align(Align::Top),
        Arrange::Align(Align::Middle),
        Arrange::Align(Align::Bottom),
        Arrange::Distribute(Distribute::Horizontally),
        Arrange::Distribute(Distribute::Vertically),
    ];

    /// The menu text.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Arrange::Align(a) => a.label(),
            Arrange::Distribute(d) => d.label(),
        }
    }

    /// What it does, for tooltips and the shortcut sheet.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        match self {
            Arrange::Align(Align::Left) => "Line the selected cards up on the leftmost left edge",
            Arrange::Align(Align::Centre) => {
                "Line the selected cards up on one vertical centre line"
            }
            Arrange::Align(Align::Right) => {
                "Line the selected cards up on the rightmost right edge"
            }
            Arrange::Align(Align::Top) => "Line the selected cards up on the topmost top edge",
            Arrange::Align(Align::Middle) => {
                "Line the selected cards up on one horizontal centre line"
            }
            Arrange::Align(Align::Bottom) => "Line the selected cards up on the lowest bottom edge",
            Arrange::Distribute(Distribute::Horizontally) => {
                "Spread three or more selected cards left to right with equal gaps"
            }
            Arrange::Distribute(Distribute::Vertically) => {
                "Spread three or more selected cards top to bottom with equal gaps"
            }
        }
    }

    /// The keyboard shortcut (Alt+Shift and the initial).
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const L: [KeyboardShortcut; 1] = [alt_shift(Key::L)];
        const C: [KeyboardShortcut; 1] = [alt_shift(Key::C)];
        const R: [KeyboardShortcut; 1] = [alt_shift(Key::R)];
        const T: [KeyboardShortcut; 1] = [alt_shift(Key::T)];
        const M: [KeyboardShortcut; 1] = [alt_shift(Key::M)];
        const B: [KeyboardShortcut; 1] = [alt_shift(Key::B)];
        const H: [KeyboardShortcut; 1] = [alt_shift(Key::H)];
        const V: [KeyboardShortcut; 1] = [alt_shift(Key::V)];
        match self {
            Arrange::Align(Align::Left) => &L,
            Arrange::Align(Align::Centre) => &C,
            Arrange::Align(Align::Right) => &R,
            Arrange::Align(Align::Top) => &T,
            Arrange::Align(Align::Middle) => &M,
            Arrange::Align(Align::Bottom) => &B,
            Arrange::Distribute(Distribute::Horizontally) => &H,
            Arrange::Distribute(Distribute::Vertically) => &V,
        }
    }

    /// How many selected nodes it needs.
    #[must_use]
    pub fn needs(self) -> usize {
        match self {
            Arrange::Align(_) => 2,
            Arrange::Distribute(_) => 3,
        }
    }

    /// The edit for these nodes (one undo step), or `None` when nothing would move.
    #[must_use]
    pub fn command(self, doc: &Document, ids: &[NodeId]) -> Option<edit::Command> {
        match self {
            Arrange::Align(a) => edit::align(doc, ids, a),
            Arrange::Distribute(d) => edit::distribute(doc, ids, d),
        }
    }
}
