//! The canvas camera: zoom and pan (the pan is relative to the widget's top-left corner),
//! fitting, revealing and presentation cameras, and the screen ↔ canvas transforms.

use super::{Canvas, PendingView, ZOOM_RANGE};
use crate::look;
use crate::model::{Camera, NodeId};
use egui::{Pos2, Rect, Vec2};

impl Canvas {
    /// Fit the whole plan into the view.
    pub fn fit(&mut self) {
        match self.rect {
            Some(r) => self.apply_fit(r.size()),
            None => self.pending = Some(PendingView::Fit),
        }
        self.mark_active_now();
    }

    /// Zoom about the centre of the view; the result stays in [`ZOOM_RANGE`].
    pub fn zoom_by(&mut self, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let size = self.rect.map_or(Vec2::new(800.0, 600.0), |r| r.size());
        self.zoom_about((size / 2.0).to_pos2(), self.zoom * factor);
        self.mark_active_now();
    }

    /// The current zoom (screen points per canvas unit).
    #[must_use]
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The visible region in canvas coordinates (as saved in presentation views).
    #[must_use]
    pub fn camera(&self) -> Camera {
        let size = self.rect.map_or(Vec2::new(800.0, 600.0), |r| r.size());
        let min = (-self.pan) / self.zoom;
        Camera {
            x: f64::from(min.x),
            y: f64::from(min.y),
            width: f64::from(size.x / self.zoom),
            height: f64::from(size.y / self.zoom),
        }
    }

    /// Show this region of the canvas, as large as fits (zoom clamped).
    pub fn set_camera(&mut self, cam: Camera) {
        match self.rect {
            Some(r) => self.apply_camera(r.size(), cam),
            None => self.pending = Some(PendingView::Camera(cam)),
        }
        self.mark_active_now();
    }

    /// Brings these nodes into view (a finding was clicked): centres them, zooming out only
    /// when they do not fit.
    pub fn reveal(&mut self, nodes: &[NodeId]) {
        match self.rect {
            Some(r) => self.apply_reveal(r.size(), nodes),
            None => self.pending = Some(PendingView::Reveal(nodes.to_vec())),
        }
        self.mark_active_now();
    }

    pub(super) fn zoom_about(&mut self, local: Pos2, new_zoom: f32) {
        let new_zoom = new_zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        if !new_zoom.is_finite() || (new_zoom - self.zoom).abs() < f32::EPSILON {
            return;
        }
        let canvas = (local.to_vec2() - self.pan) / self.zoom;
        self.zoom = new_zoom;
        self.pan = local.to_vec2() - canvas * new_zoom;
    }

    pub(super) fn content_bounds(&self, only: Option<&[NodeId]>) -> Option<Rect> {
        let mut bounds: Option<Rect> = None;
        let ids: Box<dyn Iterator<Item = &NodeId>> = match only {
            Some(list) => Box::new(list.iter()),
            None => Box::new(self.node_order.iter()),
        };
        for id in ids {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let size = look::node_size(&e.node);
            let r = Rect::from_center_size(e.center, Vec2::new(size.0, size.1));
            bounds = Some(bounds.map_or(r, |b| b.union(r)));
        }
        bounds
    }

    pub(super) fn show_rect(&mut self, size: Vec2, region: Rect, max_zoom: f32) {
        let w = region.width().max(1.0);
        let h = region.height().max(1.0);
        let zoom = (size.x / w)
            .min(size.y / h)
            .min(max_zoom)
            .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let zoom = if zoom.is_finite() { zoom } else { 1.0 };
        self.zoom = zoom;
        self.pan = size / 2.0 - region.center().to_vec2() * zoom;
    }

    pub(super) fn apply_fit(&mut self, size: Vec2) {
        if let Some(b) = self.content_bounds(None) {
            // Room for the zone boxes around the cards (an area's padding around a site's,
            // and their titles on top), so fitting never cuts a zone's edge or title.
            use crate::look::zones::{AREA_PAD, AREA_TITLE, SITE_PAD, SITE_TITLE};
            let mut b = b.expand(40.0 + AREA_PAD + SITE_PAD);
            b.min.y -= AREA_TITLE + SITE_TITLE;
            self.show_rect(size, b, 1.5);
        } else {
            self.zoom = 1.0;
            self.pan = size / 2.0;
        }
    }

    pub(super) fn apply_camera(&mut self, size: Vec2, cam: Camera) {
        let finite = [cam.x, cam.y, cam.width, cam.height]
            .iter()
            .all(|v| v.is_finite());
        if !finite || cam.width <= 0.0 || cam.height <= 0.0 {
            return;
        }
        let r = Rect::from_min_size(
            Pos2::new(cam.x as f32, cam.y as f32),
            Vec2::new(cam.width as f32, cam.height as f32),
        );
        self.show_rect(size, r, *ZOOM_RANGE.end());
    }

    pub(super) fn apply_reveal(&mut self, size: Vec2, nodes: &[NodeId]) {
        let Some(b) = self.content_bounds(Some(nodes)) else {
            return;
        };
        let b = b.expand(60.0);
        let visible = Rect::from_min_size((-self.pan / self.zoom).to_pos2(), size / self.zoom);
        if visible.contains_rect(b) {
            return;
        }
        self.show_rect(size, b, self.zoom);
    }

    /// Where the pointer is in canvas coordinates, when it is over the canvas.
    #[must_use]
    pub fn pointer_pos(&self, ctx: &egui::Context) -> Option<crate::model::Pos> {
        let p = ctx.input(|i| i.pointer.latest_pos())?;
        self.rect.filter(|r| r.contains(p))?;
        let c = self.to_canvas(p);
        Some(crate::model::Pos {
            x: f64::from(c.x),
            y: f64::from(c.y),
        })
    }

    /// The middle of what the canvas shows, in canvas coordinates.
    #[must_use]
    pub fn view_center(&self) -> crate::model::Pos {
        let cam = self.camera();
        crate::model::Pos {
            x: cam.x + cam.width / 2.0,
            y: cam.y + cam.height / 2.0,
        }
    }

    /// Where the canvas was drawn last frame, on screen.
    #[must_use]
    pub fn screen_rect(&self) -> Option<Rect> {
        self.rect
    }

    pub(super) fn to_canvas(&self, screen: Pos2) -> Pos2 {
        let origin = self.rect.map_or(Pos2::ZERO, |r| r.min);
        ((screen - origin - self.pan) / self.zoom).to_pos2()
    }

    pub(super) fn to_screen(&self, canvas: Pos2) -> Pos2 {
        let origin = self.rect.map_or(Pos2::ZERO, |r| r.min);
        origin + self.pan + canvas.to_vec2() * self.zoom
    }
}
