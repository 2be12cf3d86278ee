//! What the canvas draws beneath the plan: the grid that drags snap to (View ▸ Snap to grid)
//! and the zones ([`look::zones`]), in the display list every exporter paints, so the canvas
//! and a picture never disagree. Both are painted before the links and cards, so they never
//! hide one.

// The canvas's parts share its private types and fields.
#[allow(clippy::wildcard_imports)]
use super::*;
use crate::look::zones;
use paint::Xform;

/// Grid lines closer than this on screen (points) are not drawn: the grid steps up to every
/// fifth line, then disappears.
const GRID_MIN_SPACING: f32 = 12.0;

impl Canvas {
    /// Turns snapping to the grid on or off (View ▸ Snap to grid); the grid shows while on.
    pub fn set_snap(&mut self, on: bool) {
        if self.snap != on {
            self.snap = on;
            self.mark_active_now();
        }
    }

    /// Whether drags and drops snap to the grid.
    #[must_use]
    pub fn snap(&self) -> bool {
        self.snap
    }

    /// A canvas point moved to the grid when snapping is on.
    pub(super) fn snapped(&self, p: Pos2) -> Pos2 {
        if !self.snap {
            return p;
        }
        let s = edit::snap_to_grid(
            Pos {
                x: f64::from(p.x),
                y: f64::from(p.y),
            },
            edit::SNAP_GRID,
        );
        Pos2::new(s.x as f32, s.y as f32)
    }

    /// How far a dragged group moves at the drop so its first node lands on the grid (the
    /// others keep their places relative to it); zero when snapping is off.
    pub(super) fn snap_shift(&self, origin: &[(NodeId, Pos2)]) -> Vec2 {
        origin
            .first()
            .and_then(|(id, _)| self.mirror_location(id))
            .map_or(Vec2::ZERO, |at| self.snapped(at) - at)
    }

    /// The display list of the regions, recomputed when the plan changed or while cards are
    /// dragged (the boxes follow them).
    fn region_prims(&mut self) -> &[look::Prim] {
        let dragging = matches!(self.gesture, Gesture::Move { dragging: true, .. });
        if self.regions_stale || dragging {
            let geometry: HashMap<NodeId, (look::Point, (f32, f32))> = self
                .nodes
                .iter()
                .map(|(id, e)| {
                    let at = self
                        .graph
                        .node(e.idx)
                        .map_or(e.center, MirrorNode::location);
                    (id.clone(), (look::Point::new(at.x, at.y), e.look.size))
                })
                .collect();
            let nodes = self
                .node_order
                .iter()
                .filter_map(|id| self.nodes.get(id))
                .map(|e| &e.node);
            self.regions = zones::region_prims(&zones::regions_of(nodes, &geometry));
            self.regions_stale = false;
        }
        &self.regions
    }

    /// The grid (editing with snapping on) and the zones in `rect`, whose top-left corner the
    /// pan is measured from. Painted before the plan.
    pub(super) fn backdrop_shapes(
        &mut self,
        ui: &Ui,
        rect: Rect,
        opts: &CanvasOptions,
    ) -> Vec<egui::Shape> {
        let xf = Xform::new(self.zoom, rect.min.to_vec2() + self.pan);
        let mut out = Vec::new();
        if opts.editable && self.snap {
            grid_shapes(rect, &xf, &mut out);
        }
        let icons = self.icons.set();
        let ctx = ui.ctx().clone();
        out.extend(paint::prims_shapes(&ctx, self.region_prims(), &xf, &icons));
        out
    }
}

/// Faint grid lines every [`edit::SNAP_GRID`] units, or every fifth line when those would
/// crowd; nothing when even those would.
fn grid_shapes(rect: Rect, xf: &Xform, out: &mut Vec<egui::Shape>) {
    let mut step = edit::SNAP_GRID as f32;
    if step * xf.zoom < GRID_MIN_SPACING {
        step *= 5.0;
    }
    if step * xf.zoom < GRID_MIN_SPACING || !xf.zoom.is_finite() || xf.zoom <= 0.0 {
        return;
    }
    let stroke = egui::Stroke::new(1.0, egui::Color32::from_black_alpha(14));
    let to_canvas = |s: Pos2| (s - xf.offset) / xf.zoom;
    let (lo, hi) = (to_canvas(rect.min), to_canvas(rect.max));
    let mut x = (lo.x / step).floor() * step;
    while x <= hi.x {
        let sx = x * xf.zoom + xf.offset.x;
        out.push(egui::Shape::vline(sx, rect.y_range(), stroke));
        x += step;
    }
    let mut y = (lo.y / step).floor() * step;
    while y <= hi.y {
        let sy = y * xf.zoom + xf.offset.y;
        out.push(egui::Shape::hline(rect.x_range(), sy, stroke));
        y += step;
    }
}
