//! One frame of the canvas: input against last frame's geometry, then the graph view or
//! the still frame, the overlays, the accessibility tree and the context menu.

// The canvas's parts share its private types and fields.
#[allow(clippy::wildcard_imports)]
use super::*;

impl Canvas {
    /// Draws the canvas filling the available space and returns what the user asked for.
    #[allow(clippy::too_many_lines)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        findings: &[Finding],
        selection: &Selection,
        link_tool: Option<LinkKind>,
        opts: &CanvasOptions,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        self.sync(doc);
        if !opts.editable {
            self.cancel_gesture();
        }
        if let (Some((_, kind)), Some(tool)) = (&self.link_source, link_tool)
            && *kind != tool
        {
            self.link_source = None;
        }

        // Input read before drawing, against last frame's geometry.
        let (now, pointer, modifiers) = ui.input(|i| (i.time, i.pointer.latest_pos(), i.modifiers));
        let over = |p: Pos2| self.rect.is_none_or(|r| r.contains(p));
        let input_here = ui.input(|i| {
            i.pointer.any_down()
                || i.pointer.any_released()
                || (i.pointer.latest_pos().is_some_and(over) && !i.events.is_empty())
        });
        // Only input counts: a gesture waiting for the pointer to move (a link source clicked,
        // a drag held still) is drawn as well by the idle frames.
        if input_here {
            self.last_active = now;
        }
        if self.last_active == f64::INFINITY {
            self.last_active = now;
        }

        // Hover, for the look and the tooltips.
        self.hovered = pointer
            .filter(|p| self.rect.is_some_and(|r| r.contains(*p)))
            .and_then(|p| {
                let c = self.to_canvas(p);
                self.target_at(c, selection)
            });
        if ui.ctx().dragged_id().is_some() && !matches!(self.gesture, Gesture::Idle) {
            self.hovered = None;
        }
        // The quiet after a link ends when the pointer is seen elsewhere (not when it is
        // merely unknown for a frame, as right after a release).
        if pointer.is_some()
            && self.just_linked.is_some()
            && self.hovered.as_ref() != self.just_linked.clone().map(Target::Node).as_ref()
        {
            self.just_linked = None;
        }

        // A press starts a gesture: decided here so the graph view's pan can be switched off
        // for the whole press.
        let pressed = ui.input(|i| {
            i.pointer
                .button_pressed(PointerButton::Primary)
                .then(|| i.pointer.press_origin())
                .flatten()
        });
        let in_rename_field = |p: Pos2| {
            self.renaming
                .as_ref()
                .and_then(|r| r.rect)
                .is_some_and(|r| r.contains(p))
        };
        if let Some(press) = pressed
            && self.rect.is_some_and(|r| r.contains(press))
            && !in_rename_field(press)
            && opts.editable
            && !egui::Popup::is_any_open(ui.ctx())
        {
            let c = self.to_canvas(press);
            let hit = self.node_at(c, selection);
            let tool = self.link_source.as_ref().map(|(_, k)| *k).or(link_tool);
            match (tool, hit) {
                (Some(kind), Some(node)) if self.link_source.is_none() => {
                    match edit::can_start(doc, kind, &node) {
                        Ok(()) => {
                            self.gesture = Gesture::Link {
                                press,
                                from: node,
                                kind,
                            }
                        }
                        Err(e) => {
                            self.gesture = Gesture::Held;
                            actions.push(CanvasAction::Status(e.reason()));
                        }
                    }
                }
                (Some(_), Some(_)) => self.gesture = Gesture::Held,
                (None, Some(node)) => {
                    let group: Vec<NodeId> =
                        if selection.nodes.contains(&node) && !modifiers.command {
                            self.node_order
                                .iter()
                                .filter(|id| selection.nodes.contains(*id))
                                .cloned()
                                .collect()
                        } else {
                            vec![node]
                        };
                    let origin = group
                        .iter()
                        .filter_map(|id| Some((id.clone(), self.mirror_location(id)?)))
                        .collect();
                    self.gesture = Gesture::Move {
                        press,
                        origin,
                        dragging: false,
                    };
                }
                (None, None) if modifiers.shift => {
                    self.gesture = Gesture::Boxing {
                        start: c,
                        additive: modifiers.command,
                    };
                }
                // A plain press on empty space is the graph view's pan.
                (Some(_) | None, None) => {}
            }
        }

        // Looks and places are brought up to date before drawing, so whatever changed before
        // this frame (a selection from a panel, a finding) is drawn in it.
        let as_of = self
            .as_of_chosen
            .unwrap_or_else(|| crate::rules::evaluation_date(doc));
        if self.refresh_looks(findings, selection, opts, as_of) {
            self.last_active = now;
            self.drawing_changed();
        }
        self.place_nodes();

        let first = !self.shown_once;
        let active = first || now - self.last_active < IDLE_AFTER;
        // egui_graphs keeps per-widget state (and fits the view on a widget's first frame)
        // under the widget's automatic id, which shifts whenever something is drawn before
        // the canvas (the "could not open" banner coming or going). A scope with an id of its
        // own keeps it, so the view is never refitted behind the canvas's back; and the graph
        // view and the still frames share it, so a context menu survives the switch.
        let scope = egui::UiBuilder::new().id(egui::Id::new(&self.view_id));
        let resp = ui
            .scope_builder(scope, |ui| {
                if active {
                    self.show_graph_view(ui, opts, first)
                } else {
                    self.show_still(ui, opts)
                }
            })
            .inner;
        let rect = resp.rect;
        let resized = self.rect.map(|r| r.size()) != Some(rect.size());
        if resized && let Some((zoom, pan)) = self.auto_fit.take() {
            // Still the camera the opening fit chose: fit again to the settled size.
            if zoom.to_bits() == self.zoom.to_bits() && pan == self.pan {
                self.apply_fit(rect.size());
                self.auto_fit = Some((self.zoom, self.pan));
            }
        }
        if resized && let Some(p) = self.pending.take() {
            match p {
                PendingView::Fit => {
                    self.apply_fit(rect.size());
                    self.auto_fit = Some((self.zoom, self.pan));
                }
                PendingView::Camera(c) => self.apply_camera(rect.size(), c),
                PendingView::Reveal(n) => self.apply_reveal(rect.size(), &n),
            }
        }
        self.rect = Some(rect);
        if first {
            self.shown_once = true;
            // egui_graphs fits the view to the graph on its first frame whatever the settings:
            // put our camera back and redo the pass so that frame is never seen.
            self.store_meta(ui);
            ui.ctx()
                .request_discard("canvas: undo egui_graphs' first-frame fit");
        }

        self.handle_pointer(ui, &resp, doc, selection, link_tool, opts, &mut actions);
        self.handle_keys(ui, link_tool, &mut actions);
        self.paint_overlay(ui, rect, opts);
        let refused = if opts.editable {
            self.paint_link_end_hint(ui, rect, doc, selection, link_tool)
        } else {
            false
        };
        if refused {
            // Also while dragging, when egui hovers no widget.
            ui.ctx().set_cursor_icon(egui::CursorIcon::NotAllowed);
        } else if opts.editable && resp.hovered() {
            let drawing = link_tool.is_some() || self.is_drawing_link();
            match (&self.hovered, &self.gesture) {
                (_, Gesture::Move { dragging: true, .. }) => {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
                (Some(Target::Node(_)), _) if drawing => {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
                }
                (Some(_), _) => ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand),
                (None, _) => {}
            }
        }
        // One pop-up at a time: the link hint's bubble wins over the findings tooltip.
        self.accessibility(ui, rect, findings, opts, !refused);
        self.context_menu(&resp, doc, opts, &mut actions);
        if opts.editable {
            self.rename_field(ui, doc, &mut actions);
        } else {
            self.renaming = None;
        }
        actions
    }
}
