//! What the canvas draws over the plan: the rubber band of a link being drawn, the box of a
//! box selection, whether the node under the pointer can end the link, and the AccessKit
//! nodes (with finding tooltips) that make the plan readable to screen readers and tests.

use super::super::paint;
use super::{Canvas, CanvasOptions, Gesture, HINT_WRAP_WIDTH, Target};
use crate::edit::{self, Selection};
use crate::look;
use crate::model::{Document, LinkKind, NodeId};
use crate::rules::{Finding, Severity};
use egui::{Id, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo, WidgetType};

/// What an empty canvas says.
pub(crate) const EMPTY_HINT: &str =
    "Drag an Exchange server and Exchange Online from the palette on the left to start";

impl Canvas {
    pub(super) fn paint_overlay(&self, ui: &Ui, rect: Rect, opts: &CanvasOptions) {
        let painter = ui.painter_at(rect);
        if self.nodes.is_empty() && opts.editable {
            // An empty plan says how to start, on the canvas rather than in the plan's text.
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                EMPTY_HINT,
                egui::FontId::proportional(16.0),
                ui.visuals().weak_text_color(),
            );
        }
        let stroke = Stroke::new(1.5, paint::color(look::SELECTION));
        let cursor = ui.input(|i| i.pointer.latest_pos());
        let source = match &self.gesture {
            Gesture::Link { from, .. } => Some(from),
            _ => self.link_source.as_ref().map(|(f, _)| f),
        };
        if let (Some(from), Some(p)) = (source, cursor)
            && let Some(a) = self.mirror_location(from)
        {
            let a = self.to_screen(a);
            painter.add(Shape::dashed_line(&[a, p], stroke, 6.0, 4.0));
            painter.circle_filled(p, 3.0, stroke.color);
        }
        if let (Gesture::Boxing { start, .. }, Some(p)) = (&self.gesture, cursor) {
            let r = Rect::from_two_pos(self.to_screen(*start), p);
            painter.rect(
                r,
                0.0,
                stroke.color.gamma_multiply(0.12),
                stroke,
                egui::StrokeKind::Inside,
            );
        }
    }

    /// Whether the node under the pointer can be the link's next end, while a link tool is
    /// picked: the start (no source yet) or the target (dragging, or a source clicked). The
    /// node is outlined in the selection colour when it can; when it cannot, in the error
    /// colour with the reason beside the pointer, before the user lets go. Returns whether the
    /// node was refused.
    pub(super) fn paint_link_end_hint(
        &self,
        ui: &Ui,
        rect: Rect,
        doc: &Document,
        selection: &Selection,
        link_tool: Option<LinkKind>,
    ) -> bool {
        let Some(p) = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|p| rect.contains(*p))
        else {
            return false;
        };
        let source = match &self.gesture {
            Gesture::Link { from, kind, .. } => Some((from, *kind)),
            _ => self.link_source.as_ref().map(|(f, k)| (f, *k)),
        };
        let Some(node) = self.node_at(self.to_canvas(p), selection) else {
            return false;
        };
        if self.just_linked.as_ref() == Some(&node) {
            return false;
        }
        let verdict = match (source, link_tool) {
            (Some((from, _)), _) if *from == node => return false,
            (Some((from, kind)), _) => edit::connect(doc, kind, from, &node).map(|_| ()),
            (None, Some(kind)) => edit::can_start(doc, kind, &node),
            (None, None) => return false,
        };
        let Some(card) = self.node_screen_rect(&node) else {
            return false;
        };
        let painter = ui.painter_at(rect);
        let ok = paint::color(look::SELECTION);
        let refused = paint::color(look::severity_color(Severity::Error));
        let color = if verdict.is_ok() { ok } else { refused };
        painter.rect_stroke(
            card.expand(3.0),
            8.0 * self.zoom + 3.0,
            Stroke::new(2.5, color),
            egui::StrokeKind::Outside,
        );
        let Err(refusal) = verdict else {
            return false;
        };
        let galley = painter.layout(
            refusal.reason(),
            egui::FontId::proportional(12.5),
            ui.visuals().text_color(),
            HINT_WRAP_WIDTH,
        );
        let pad = Vec2::new(8.0, 5.0);
        let mut bubble = Rect::from_min_size(p + Vec2::new(16.0, 18.0), galley.size() + pad * 2.0);
        // Keep the bubble inside the canvas: flip it to the other side of the pointer.
        if bubble.max.x > rect.max.x {
            bubble = bubble.translate(Vec2::new(-bubble.width() - 28.0, 0.0));
        }
        if bubble.max.y > rect.max.y {
            bubble = bubble.translate(Vec2::new(0.0, -bubble.height() - 30.0));
        }
        painter.rect(
            bubble,
            4.0,
            ui.visuals().extreme_bg_color,
            Stroke::new(1.5, refused),
            egui::StrokeKind::Inside,
        );
        painter.galley(bubble.min + pad, galley, refused);
        true
    }

    /// Every visible node (and link label) becomes an AccessKit button named after it, with a
    /// tooltip listing its findings (unless `tooltips` is off: another pop-up is showing).
    pub(super) fn accessibility(
        &self,
        ui: &Ui,
        rect: Rect,
        findings: &[Finding],
        opts: &CanvasOptions,
        tooltips: bool,
    ) {
        let messages = |pick: &dyn Fn(&Finding) -> bool| -> Vec<(Severity, String)> {
            if !opts.show_findings {
                return Vec::new();
            }
            findings
                .iter()
                .filter(|f| pick(f))
                .map(|f| (f.severity, f.message.clone()))
                .collect()
        };
        // Only what may be in view: a 5,000-node plan has most of its cards off screen. Below
        // legible zoom, where cards are plain boxes without names, only the one under the
        // pointer (for its findings' tooltip): thousands of widgets a frame cost more than
        // drawing the plan.
        let (seen_nodes, seen_links) = self.hits().within(self.canvas_rect(rect.min, rect));
        let plain = super::lod::coarse(self.zoom);
        for id in seen_nodes
            .iter()
            .filter_map(|&i| self.node_order.get(i as usize))
            .filter(|id| !plain || matches!(&self.hovered, Some(Target::Node(h)) if h == *id))
        {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let Some(r) = self.node_screen_rect(id) else {
                continue;
            };
            if !r.intersects(rect) {
                continue;
            }
            let r = r.intersect(rect);
            let resp = ui.interact(
                r,
                Id::new((&self.view_id, "node", id.as_str())),
                Sense::hover(),
            );
            resp.widget_info(|| WidgetInfo::labeled(WidgetType::Button, true, &e.node.name));
            // Findings are looked up only for the card under the pointer: scanning them for
            // every card cost a 5,000-node plan most of its frame.
            if tooltips && resp.hovered() {
                let list = messages(&|f| f.nodes.contains(id));
                if !list.is_empty() {
                    resp.on_hover_ui(|ui| finding_tooltip(ui, &list));
                }
            }
        }
        for id in seen_links
            .iter()
            .filter_map(|&i| self.link_order.get(i as usize))
            .filter(|id| !plain || matches!(&self.hovered, Some(Target::Link(h)) if h == *id))
        {
            let Some(e) = self.links.get(id) else {
                continue;
            };
            let Some(edge) = self.graph.edge(e.idx) else {
                continue;
            };
            let Some(label) = edge
                .display()
                .cache
                .as_ref()
                .and_then(|(_, _, p)| look::link_label_rect(p))
            else {
                continue;
            };
            let r = Rect::from_two_pos(
                self.to_screen(Pos2::new(label.min.x, label.min.y)),
                self.to_screen(Pos2::new(label.max.x, label.max.y)),
            );
            if !r.intersects(rect) {
                continue;
            }
            let resp = ui.interact(
                r.intersect(rect),
                Id::new((&self.view_id, "link", id.as_str())),
                Sense::hover(),
            );
            let name_of = |n: &NodeId| {
                self.nodes
                    .get(n)
                    .map_or_else(|| n.to_string(), |e| e.node.name.clone())
            };
            resp.widget_info(|| {
                let text = format!(
                    "{} from {} to {}",
                    e.link.kind.label(),
                    name_of(&e.link.from),
                    name_of(&e.link.to)
                );
                WidgetInfo::labeled(WidgetType::Button, true, text)
            });
            if tooltips && resp.hovered() {
                let list = messages(&|f| f.links.contains(id));
                if !list.is_empty() {
                    resp.on_hover_ui(|ui| finding_tooltip(ui, &list));
                }
            }
        }
    }
}

fn finding_tooltip(ui: &mut Ui, list: &[(Severity, String)]) {
    for (sev, msg) in list {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                paint::color(look::severity_color(*sev)),
                look::severity_label(*sev),
            );
            ui.label(msg);
        });
    }
}
