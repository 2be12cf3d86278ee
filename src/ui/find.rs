//! Find (Ctrl+F): a small bar over the canvas. Typing part of a name, tenant or id lists the
//! matching nodes, best first; Enter or a click selects one and brings it into view, Up and
//! Down move through the list, Esc closes the bar.

use crate::edit::find::{self, Match};
use crate::model::{Document, NodeId};
use egui::{Context, Key, Modifiers, RichText};

/// How many matches the bar lists.
const LISTED: usize = 12;

/// The find bar's state while it is open.
#[derive(Debug, Clone, Default)]
pub struct FindBar {
    query: String,
    /// The highlighted match.
    current: usize,
    /// The field still has to take the keyboard (the bar's first frame).
    focus: bool,
}

/// What the user did with the find bar this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindOutcome {
    /// Still looking.
    Open,
    /// This node was chosen: select it and bring it into view (the bar stays open).
    Pick(NodeId),
    /// The bar was closed.
    Close,
}

impl FindBar {
    /// A bar that takes the keyboard as it opens.
    #[must_use]
    pub fn new() -> Self {
        Self {
            focus: true,
            ..Self::default()
        }
    }

    /// Takes the keyboard again (Ctrl+F while the bar is open).
    pub fn refocus(&mut self) {
        self.focus = true;
    }

    /// Draws the bar at the top right of `area` (the canvas) and says what happened.
    pub fn ui(&mut self, ctx: &Context, area: egui::Rect, doc: &Document) -> FindOutcome {
        let matches = find::find(doc, &self.query);
        self.current = self.current.min(matches.len().saturating_sub(1));
        egui::Area::new(egui::Id::new("find_bar"))
            .order(egui::Order::Foreground)
            .fixed_pos(area.right_top() + egui::vec2(-372.0, 8.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .show(ui, |ui| {
                        ui.set_width(352.0);
                        let mut outcome = FindOutcome::Open;
                        ui.horizontal(|ui| {
                            ui.label("Find");
                            let field = ui.add(
                                egui::TextEdit::singleline(&mut self.query)
                                    .id(egui::Id::new("find_field"))
                                    .hint_text(
                                        RichText::new(
                                            "e.g. part of a name, a public name or an id",
                                        )
                                        .italics()
                                        .weak(),
                                    )
                                    .desired_width(240.0),
                            );
                            if std::mem::take(&mut self.focus) {
                                field.request_focus();
                            }
                            if ui.button("✕").on_hover_text("Close (Esc)").clicked() {
                                outcome = FindOutcome::Close;
                            }
                        });
                        if let Some(keyed) = self.keys(ui, &matches) {
                            outcome = keyed;
                        }
                        if let Some(picked) = self.list(ui, doc, &matches) {
                            outcome = FindOutcome::Pick(picked);
                        }
                        outcome
                    })
                    .inner
            })
            .inner
    }

    /// Up, Down, Enter and Esc, taken before the field sees them.
    fn keys(&mut self, ui: &egui::Ui, matches: &[Match]) -> Option<FindOutcome> {
        let pressed = |key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        if pressed(Key::Escape) {
            return Some(FindOutcome::Close);
        }
        if pressed(Key::ArrowDown) && self.current + 1 < matches.len().min(LISTED) {
            self.current += 1;
        }
        if pressed(Key::ArrowUp) {
            self.current = self.current.saturating_sub(1);
        }
        if pressed(Key::Enter) {
            // Enter leaves the field: keep typing possible after the jump.
            self.focus = true;
            return matches
                .get(self.current)
                .map(|m| FindOutcome::Pick(m.node.clone()));
        }
        None
    }

    /// The matches, the current one highlighted; returns the node clicked, if any.
    fn list(&mut self, ui: &mut egui::Ui, doc: &Document, matches: &[Match]) -> Option<NodeId> {
        if self.query.trim().is_empty() {
            return None;
        }
        if matches.is_empty() {
            ui.label(RichText::new("No node matches").weak());
            return None;
        }
        let mut picked = None;
        for (i, m) in matches.iter().take(LISTED).enumerate() {
            let name = doc
                .node(m.node.as_str())
                .map_or(m.node.as_str(), |n| n.name.as_str());
            let text = match m.field {
                find::MatchedField::Name => name.to_owned(),
                find::MatchedField::Tenant
                | find::MatchedField::PublicName
                | find::MatchedField::Id => {
                    format!("{name}  ({} {})", m.field.label(), m.text)
                }
            };
            if ui.selectable_label(i == self.current, text).clicked() {
                self.current = i;
                picked = Some(m.node.clone());
            }
        }
        if matches.len() > LISTED {
            ui.label(RichText::new(format!("and {} more", matches.len() - LISTED)).weak());
        }
        picked
    }
}
