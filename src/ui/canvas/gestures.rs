//! What the user does on the canvas: pointer gestures (select, move, box select, draw a link,
//! drop from the palette), keys, the context menu and the in-place rename field. Each ends in
//! [`CanvasAction`]s; the document is never changed here.

use super::super::widgets;
use super::{
    CLICK_SLOP, Canvas, CanvasAction, CanvasOptions, Gesture, NUDGE, PaletteDrop, PaletteServer,
    RENAME_MIN_WIDTH, Renaming, Target,
};
use crate::edit::{self, Selection};
use crate::look;
use crate::model::{Document, LinkKind, NodeId, Pos};
use egui::{Key, Pos2, Rect, Response, Ui, Vec2};
use std::collections::HashSet;

impl Canvas {
    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    pub(super) fn handle_pointer(
        &mut self,
        ui: &Ui,
        resp: &Response,
        doc: &Document,
        selection: &Selection,
        link_tool: Option<LinkKind>,
        opts: &CanvasOptions,
        actions: &mut Vec<CanvasAction>,
    ) {
        let (pointer, released, modifiers, scroll) = ui.input(|i| {
            (
                i.pointer.latest_pos(),
                i.pointer.primary_released(),
                i.modifiers,
                i.smooth_scroll_delta,
            )
        });

        // Plain wheel pans; Ctrl+wheel and pinch zoom around the pointer, in proportion to
        // the wheel's movement.
        if resp.hovered() && !modifiers.command && scroll != Vec2::ZERO {
            self.pan += scroll;
            ui.ctx().request_repaint();
        }
        let zoom_delta = ui.input(egui::InputState::zoom_delta);
        if resp.hovered()
            && (zoom_delta - 1.0).abs() > f32::EPSILON
            && let Some(p) = pointer
        {
            let local = (p - resp.rect.min).to_pos2();
            self.zoom_about(local, self.zoom * wheel_zoom(zoom_delta));
            self.mark_active_now();
            ui.ctx().request_repaint();
        }

        // Palette drop. Taking a payload of the wrong type drops it, so ask for the right one.
        let carries_server = egui::DragAndDrop::has_payload_of_type::<PaletteServer>(ui.ctx());
        if opts.editable
            && !carries_server
            && let Some(drop) = resp.dnd_release_payload::<PaletteDrop>()
            && let Some(p) = pointer
        {
            let c = self.snapped(self.to_canvas(p));
            actions.push(CanvasAction::AddNode {
                kind: drop.0,
                pos: self.free_spot(c, None),
            });
            return;
        }
        if opts.editable
            && let Some(drop) = resp.dnd_release_payload::<PaletteServer>()
            && let Some(p) = pointer
        {
            let c = self.snapped(self.to_canvas(p));
            actions.push(CanvasAction::AddServer {
                version: drop.0,
                pos: self.free_spot(c, None),
            });
            return;
        }

        // Gesture progress.
        match &mut self.gesture {
            Gesture::Move {
                press,
                origin,
                dragging,
            } => {
                if let Some(p) = pointer {
                    let d = p - *press;
                    if !*dragging && d.length() > CLICK_SLOP {
                        *dragging = true;
                    }
                    if *dragging {
                        let delta = d / self.zoom;
                        let moves: Vec<(NodeId, Pos2)> = origin
                            .iter()
                            .map(|(id, o)| (id.clone(), *o + delta))
                            .collect();
                        for (id, at) in moves {
                            self.set_mirror_location(&id, at);
                        }
                    }
                }
            }
            Gesture::Link { .. } | Gesture::Boxing { .. } | Gesture::Held | Gesture::Idle => {}
        }

        let clicked_at = (resp.clicked()
            || (released && matches!(self.gesture, Gesture::Idle) && resp.hovered()))
        .then_some(pointer)
        .flatten();
        if released {
            let gesture = std::mem::replace(&mut self.gesture, Gesture::Idle);
            match gesture {
                Gesture::Move {
                    origin,
                    dragging: true,
                    ..
                } => {
                    let mut moves = Vec::new();
                    let shift = self.snap_shift(&origin);
                    for (id, _) in &origin {
                        let (Some(e), Some(at)) = (self.nodes.get(id), self.mirror_location(id))
                        else {
                            continue;
                        };
                        let at = at + shift;
                        if (at - e.center).length() > 0.01 {
                            let free = self.free_spot(at, Some(id));
                            moves.push((id.clone(), free));
                        }
                    }
                    if !moves.is_empty() {
                        actions.push(CanvasAction::MoveNodes(moves));
                    }
                    return;
                }
                Gesture::Move {
                    origin,
                    dragging: false,
                    ..
                } => {
                    for (id, o) in origin {
                        self.set_mirror_location(&id, o);
                    }
                    if let Some(p) = pointer {
                        let c = self.to_canvas(p);
                        match self.node_at(c, selection) {
                            Some(id) if resp.double_clicked() => {
                                self.begin_rename(id, actions);
                            }
                            _ => self.click(c, selection, modifiers.command, actions),
                        }
                    }
                    return;
                }
                Gesture::Link { press, from, kind } => {
                    let Some(p) = pointer else { return };
                    let target = self.node_at(self.to_canvas(p), selection);
                    if (p - press).length() <= CLICK_SLOP && target.as_ref() == Some(&from) {
                        // A click on the source: wait for the click on the target.
                        self.link_source = Some((from, kind));
                        return;
                    }
                    if let Some(to) = target {
                        self.finish_link(doc, kind, &from, &to, actions);
                    }
                    return;
                }
                Gesture::Boxing { start, additive } => {
                    if let Some(p) = pointer {
                        let r = Rect::from_two_pos(start, self.to_canvas(p));
                        let mut sel = if additive {
                            selection.clone()
                        } else {
                            Selection::default()
                        };
                        for id in &self.node_order {
                            let Some(e) = self.nodes.get(id) else {
                                continue;
                            };
                            let cr = Rect::from_center_size(
                                e.center,
                                Vec2::new(e.look.size.0, e.look.size.1),
                            );
                            if r.intersects(cr) {
                                sel.nodes.insert(id.clone());
                            }
                        }
                        for id in &self.link_order {
                            let Some(e) = self.links.get(id) else {
                                continue;
                            };
                            if sel.nodes.contains(&e.link.from) && sel.nodes.contains(&e.link.to) {
                                sel.links.insert(id.clone());
                            }
                        }
                        actions.push(CanvasAction::SetSelection(sel));
                    }
                    return;
                }
                // The click logic below answers a held press (the click-click link's target).
                Gesture::Held | Gesture::Idle => {}
            }
        }

        if resp.double_clicked()
            && opts.editable
            && let Some(p) = pointer
            && let Some(id) = self.node_at(self.to_canvas(p), selection)
        {
            self.begin_rename(id, actions);
            return;
        }

        if let Some(p) = clicked_at
            && resp.clicked()
        {
            let c = self.to_canvas(p);
            if let Some((from, kind)) = self.link_source.clone() {
                if let Some(to) = self.node_at(c, selection) {
                    if to != from {
                        self.finish_link(doc, kind, &from, &to, actions);
                        self.link_source = None;
                    }
                } else {
                    self.link_source = None;
                }
                return;
            }
            if link_tool.is_some() && opts.editable && self.node_at(c, selection).is_some() {
                return; // the press already answered (a refused start)
            }
            self.click(c, selection, modifiers.command, actions);
        }

        if resp.secondary_clicked()
            && let Some(p) = pointer
        {
            let c = self.to_canvas(p);
            self.context_target = self.target_at(c, selection);
            match &self.context_target {
                Some(Target::Node(id)) if !selection.nodes.contains(id) => {
                    actions.push(CanvasAction::SetSelection(Selection::node(id.clone())));
                }
                Some(Target::Link(id)) if !selection.links.contains(id) => {
                    actions.push(CanvasAction::SetSelection(Selection::link(id.clone())));
                }
                _ => {}
            }
        }
    }

    fn click(&self, c: Pos2, selection: &Selection, toggle: bool, actions: &mut Vec<CanvasAction>) {
        let next = match self.target_at(c, selection) {
            Some(Target::Node(id)) if toggle => {
                let mut s = selection.clone();
                s.toggle_node(id);
                s
            }
            Some(Target::Link(id)) if toggle => {
                let mut s = selection.clone();
                s.toggle_link(id);
                s
            }
            Some(Target::Node(id)) => Selection::node(id),
            Some(Target::Link(id)) => Selection::link(id),
            None if toggle => return,
            None => Selection::default(),
        };
        if next != *selection {
            actions.push(CanvasAction::SetSelection(next));
        }
    }

    fn finish_link(
        &mut self,
        doc: &Document,
        kind: LinkKind,
        from: &NodeId,
        to: &NodeId,
        actions: &mut Vec<CanvasAction>,
    ) {
        match edit::connect(doc, kind, from, to) {
            Ok(_) => {
                self.just_linked = Some(to.clone());
                actions.push(CanvasAction::Connect {
                    kind,
                    from: from.clone(),
                    to: to.clone(),
                });
            }
            Err(e) => actions.push(CanvasAction::Status(e.reason())),
        }
    }

    /// `at`, or the nearest point down and to the right that is not exactly another node's
    /// centre (two nodes at one point confuse hit-testing and the eye).
    fn free_spot(&self, at: Pos2, except: Option<&NodeId>) -> Pos {
        let taken: HashSet<(i64, i64)> = self
            .nodes
            .iter()
            .filter(|(id, _)| Some(*id) != except)
            .map(|(id, e)| {
                self.mirror_location(id)
                    .filter(|_| except.is_some())
                    .unwrap_or(e.center)
            })
            .map(|p| ((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64))
            .collect();
        let mut p = Pos {
            x: f64::from(at.x),
            y: f64::from(at.y),
        };
        for _ in 0..1000 {
            if !taken.contains(&((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64)) {
                break;
            }
            p.x += NUDGE;
            p.y += NUDGE;
        }
        p
    }

    pub(super) fn handle_keys(
        &mut self,
        ui: &Ui,
        link_tool: Option<LinkKind>,
        actions: &mut Vec<CanvasAction>,
    ) {
        let esc = ui.input(|i| i.key_pressed(Key::Escape));
        let typing = ui.ctx().memory(|m| m.focused().is_some());
        if esc
            && !typing
            && (!matches!(self.gesture, Gesture::Idle)
                || self.link_source.is_some()
                || link_tool.is_some())
        {
            self.cancel_gesture();
            actions.push(CanvasAction::CancelGesture);
        }
    }

    pub(super) fn context_menu(
        &mut self,
        resp: &Response,
        doc: &Document,
        opts: &CanvasOptions,
        actions: &mut Vec<CanvasAction>,
    ) {
        let target = self.context_target.clone();
        let mut start_link = None;
        let mut rename = None;
        let mut fit = false;
        resp.context_menu(|ui| match &target {
            Some(Target::Node(id)) if opts.editable => {
                let Some(node) = doc.node(id.as_str()) else {
                    ui.close();
                    return;
                };
                ui.label(egui::RichText::new(&node.name).strong());
                for kind in LinkKind::ALL {
                    if kind.allowed_from().contains(&node.kind)
                        && ui
                            .button(format!("Draw {} from here", kind.with_article()))
                            .clicked()
                    {
                        start_link = Some((id.clone(), kind));
                        ui.close();
                    }
                }
                ui.separator();
                if ui.button("Rename").clicked() {
                    rename = Some(id.clone());
                    ui.close();
                }
                if ui.button("Delete").clicked() {
                    actions.push(CanvasAction::DeleteSelection);
                    ui.close();
                }
            }
            Some(Target::Link(_)) if opts.editable => {
                if ui.button("Delete").clicked() {
                    actions.push(CanvasAction::DeleteSelection);
                    ui.close();
                }
            }
            _ => {
                if ui.button("Fit to view").clicked() {
                    fit = true;
                    ui.close();
                }
            }
        });
        if let Some((from, kind)) = start_link {
            self.link_source = Some((from.clone(), kind));
            actions.push(CanvasAction::ContextLink { from, kind });
        }
        if let Some(id) = rename {
            self.begin_rename(id, actions);
        }
        if fit {
            self.fit();
        }
    }

    /// Selects the node alone and opens its rename field.
    fn begin_rename(&mut self, id: NodeId, actions: &mut Vec<CanvasAction>) {
        actions.push(CanvasAction::SetSelection(Selection::node(id.clone())));
        self.start_rename(id);
    }

    /// The in-place rename field, laid over the name on the node's card and sized to the zoom.
    pub(super) fn rename_field(
        &mut self,
        ui: &Ui,
        doc: &Document,
        actions: &mut Vec<CanvasAction>,
    ) {
        let Some(Renaming { id, focus, .. }) = self.renaming.clone() else {
            return;
        };
        let (Some(node), Some(entry)) = (doc.node(id.as_str()), self.nodes.get(&id)) else {
            // The node went away (an undo from the menu): nothing left to rename.
            self.renaming = None;
            return;
        };
        let at = self.mirror_location(&id).unwrap_or(entry.center);
        let line = look::name_rect(node, look::Point::new(at.x, at.y));
        let min = self.to_screen(Pos2::new(line.min.x, line.min.y));
        let max = self.to_screen(Pos2::new(line.max.x, line.max.y));
        // Never narrower than a short name needs, whatever the zoom.
        let size = Vec2::new((max.x - min.x).max(RENAME_MIN_WIDTH), max.y - min.y);
        let font = egui::FontId::proportional((look::NAME_SIZE * self.zoom).clamp(11.0, 28.0));
        let mut committed = None;
        let mut open = true;
        let mut area = egui::Area::new(egui::Id::new((&self.view_id, "rename")))
            .order(egui::Order::Foreground);
        if let Some(canvas) = self.rect {
            // A card half off the canvas keeps its field on the canvas, not over a panel.
            area = area.constrain_to(canvas);
        }
        let shown = area
            .fixed_pos(Pos2::new(
                min.x - 4.0,
                min.y + size.y / 2.0 - font.size * 0.75 - 4.0,
            ))
            .show(ui.ctx(), |ui| {
                ui.style_mut().override_font_id = Some(font);
                ui.set_width(size.x + 8.0);
                let key = egui::Id::new((&self.view_id, "rename", id.as_str()));
                let (response, text) =
                    widgets::commit_text(ui, key, &node.name, "a name", 1, focus);
                committed = text;
                open = ui.memory(|m| m.has_focus(response.id));
            });
        if let Some(name) = committed {
            actions.push(CanvasAction::Rename {
                id: id.clone(),
                name,
            });
        }
        self.renaming = open.then_some(Renaming {
            id,
            focus: false,
            rect: Some(shown.response.rect),
        });
    }
}

/// The zoom factor for egui's zoom delta of one frame (Ctrl+wheel or pinch). egui's delta is
/// exponential in the wheel's movement (about ×1.28 a notch, spread over a few smooth frames);
/// the square root makes a notch about ×1.13, the small step draw.io and Visio take.
fn wheel_zoom(delta: f32) -> f32 {
    if delta.is_finite() && delta > 0.0 {
        delta.sqrt()
    } else {
        1.0
    }
}
