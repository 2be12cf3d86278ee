//! Drawing a frame of the canvas: through `egui_graphs`' [`GraphView`] while there is input,
//! or, once the canvas is idle, by painting the same display lists without it (so an idle
//! window asks for no frames).

use super::super::paint;
use super::{Canvas, CanvasOptions, Gesture, Still, StillState, ZOOM_RANGE};
use crate::look;
use crate::model::NodeId;
use egui::{Response, Sense, Ui};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, GraphView, MetadataFrame, SettingsInteraction,
    SettingsNavigation, SettingsStyle,
};
use std::collections::HashSet;

impl Canvas {
    pub(super) fn store_meta(&self, ui: &mut Ui) {
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        meta.zoom = self.zoom;
        meta.pan = self.pan;
        meta.save(ui);
    }

    pub(super) fn show_graph_view(
        &mut self,
        ui: &mut Ui,
        opts: &CanvasOptions,
        first: bool,
    ) -> Response {
        // Nodes being moved are marked dragged so the view neither pans nor draws them below
        // others; selection flags were set by `refresh_looks`.
        let moving: HashSet<NodeId> = match &self.gesture {
            Gesture::Move {
                origin,
                dragging: true,
                ..
            } => origin.iter().map(|(id, _)| id.clone()).collect(),
            _ => HashSet::new(),
        };
        for (id, e) in &self.nodes {
            if let Some(n) = self.graph.node_mut(e.idx) {
                // (Hashing 5,000 ids into an empty set is not free.)
                n.set_dragged(!moving.is_empty() && moving.contains(id));
            }
        }
        self.store_meta(ui);
        let own_gesture = !matches!(self.gesture, Gesture::Idle);
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(false)
            .with_hover_enabled(false)
            .with_node_clicking_enabled(false)
            .with_node_selection_enabled(false)
            .with_edge_clicking_enabled(false)
            .with_edge_selection_enabled(false);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(!own_gesture)
            // The canvas zooms itself, in proportion to the wheel (see `wheel_zoom`): the
            // graph view's fixed 10 % per frame turned one smooth wheel notch into +60 %.
            .with_zoom_speed(0.0);
        let style = SettingsStyle::new().with_labels_always(true);
        let area = ui.available_rect_before_wrap();
        if opts.presentation {
            ui.painter()
                .rect_filled(area, 0.0, paint::color(look::Rgba::WHITE));
        }
        // The backdrop (and, zoomed out, the plain drawing of the plan) goes beneath the graph
        // view's shapes but is made after it, with the camera its pan or zoom left.
        let beneath = ui.painter().add(egui::Shape::Noop);
        let out = GraphView::<StillState, Still>::new()
            .with_id(Some(self.view_id.clone()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut self.graph);
        let meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        // On the first frame the view has fitted itself to the graph: ignore that.
        if !first && meta.zoom.is_finite() && meta.pan.x.is_finite() && meta.pan.y.is_finite() {
            self.zoom = meta.zoom;
            self.pan = meta.pan;
        }
        // When the widget moved (a side panel opened), egui_graphs shifts its pan by the move;
        // the canvas keeps its own pan relative to the widget instead, as the idle frames do.
        let top_left = out.response.rect.min;
        if !first
            && let Some(old) = self.graph_top_left
            && old != top_left
        {
            self.pan -= top_left - old;
            self.store_meta(ui);
        }
        self.graph_top_left = Some(top_left);
        // Clamp the zoom about the pointer (or the centre) and keep the view's copy in step.
        if !ZOOM_RANGE.contains(&self.zoom) {
            let local = ui
                .input(|i| i.pointer.latest_pos())
                .filter(|p| out.response.rect.contains(*p))
                .map_or(out.response.rect.size() / 2.0, |p| {
                    p - out.response.rect.min
                });
            let target = self.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
            self.zoom_about(local.to_pos2(), target);
            self.store_meta(ui);
        }
        let mut backdrop = self.backdrop_shapes(ui, area, opts);
        if super::lod::coarse(self.zoom) {
            let offset = area.min.to_vec2() + self.pan;
            let clip = area.intersect(ui.clip_rect());
            backdrop.push(self.coarse_shape(ui.ctx(), offset, clip));
        }
        ui.painter().set(beneath, egui::Shape::Vec(backdrop));
        out.response
    }

    /// The idle frame: the same display lists painted without the graph view.
    pub(super) fn show_still(&mut self, ui: &mut Ui, opts: &CanvasOptions) -> Response {
        let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        if opts.presentation {
            painter.rect_filled(resp.rect, 0.0, paint::color(look::Rgba::WHITE));
        }
        // Zoomed out past legible text (plain boxes and lines in one kept mesh, no text whose
        // glyphs could leave the font atlas), nothing changed since the last idle frame: the
        // same shapes again, without recomputing them.
        let key = StillKey::new(self.zoom, self.pan, resp.rect, opts, self.snap);
        let reusable = super::lod::coarse(self.zoom);
        if !reusable {
            self.still_shapes = None;
        }
        if let Some((k, shapes)) = &self.still_shapes
            && *k == key
        {
            painter.extend(shapes.iter().cloned());
            return resp;
        }
        let mut shapes = self.backdrop_shapes(ui, resp.rect, opts);
        if reusable {
            let offset = resp.rect.min.to_vec2() + self.pan;
            shapes.push(self.coarse_shape(ui.ctx(), offset, painter.clip_rect()));
            painter.extend(shapes.iter().cloned());
            self.still_shapes = Some((key, shapes));
            return resp;
        }
        let mut meta = MetadataFrame::new(None);
        meta.zoom = self.zoom;
        meta.pan = self.pan + resp.rect.min.to_vec2();
        let style = SettingsStyle::new().with_labels_always(true);
        let ctx = ui.ctx().clone();
        let draw = DrawContext {
            ctx: &ctx,
            painter: &painter,
            style: &style,
            is_directed: true,
            meta: &meta,
        };
        let mut on_top = Vec::new();
        // Only what may be in view (the margin keeps halos, badges and labels that stick out).
        let seen = self
            .canvas_rect(resp.rect.min, painter.clip_rect())
            .expand(60.0);
        let (seen_nodes, seen_links) = self.hits().within(seen);
        for id in seen_links
            .iter()
            .filter_map(|&i| self.link_order.get(i as usize))
        {
            let Some((e, a, b)) = self.link_ends(id) else {
                continue;
            };
            let (idx, a, b) = (e.idx, a.clone(), b.clone());
            let Some(edge) = self.graph.edge_mut(idx) else {
                continue;
            };
            let props = edge.props().clone();
            edge.display_mut().update(&props);
            let selected = edge.selected();
            let edge_shapes = edge.display_mut().shapes(&a, &b, &draw);
            if selected {
                on_top.extend(edge_shapes);
            } else {
                shapes.extend(edge_shapes);
            }
        }
        for id in seen_nodes
            .iter()
            .filter_map(|&i| self.node_order.get(i as usize))
        {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let Some(n) = self.graph.node_mut(e.idx) else {
                continue;
            };
            let props = n.props().clone();
            n.display_mut().update(&props);
            let selected = n.selected();
            let node_shapes = n.display_mut().shapes(&draw);
            if selected {
                on_top.extend(node_shapes);
            } else {
                shapes.extend(node_shapes);
            }
        }
        shapes.extend(on_top);
        painter.extend(shapes);
        // The view's own zoom keys and pan need the graph view: any input switches back.
        resp
    }
}

/// What an idle frame's shapes depend on besides the plan and its looks (whose changes drop
/// the cached shapes): the camera, the canvas's place and the options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct StillKey {
    zoom: f32,
    pan: egui::Vec2,
    rect: egui::Rect,
    presentation: bool,
    editable: bool,
    snap: bool,
}

impl StillKey {
    fn new(zoom: f32, pan: egui::Vec2, rect: egui::Rect, opts: &CanvasOptions, snap: bool) -> Self {
        Self {
            zoom,
            pan,
            rect,
            presentation: opts.presentation,
            editable: opts.editable,
            snap,
        }
    }
}
