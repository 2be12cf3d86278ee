//! Cameras: which region of the canvas a slide shows, and how to move between two of them.

use crate::look;
use crate::model::{Camera, Document, Node, NodeId, Pos};
use std::collections::{HashMap, HashSet};

/// The room left around framed cards, so labels and link arrows are not cut at the edge.
pub const DEFAULT_MARGIN: f64 = 60.0;
/// The narrowest region a slide frames: one card alone would otherwise fill the screen
/// at a zoom the canvas refuses anyway.
pub const MIN_FRAME_WIDTH: f64 = 480.0;
/// The lowest region a slide frames (see [`MIN_FRAME_WIDTH`]).
pub const MIN_FRAME_HEIGHT: f64 = 300.0;

/// The camera of a plan with nothing on it: a region around the origin, where new nodes land.
const EMPTY_PLAN: Camera = Camera {
    x: -400.0,
    y: -250.0,
    width: 800.0,
    height: 500.0,
};

/// The rectangle `(min_x, min_y, max_x, max_y)` of a node's card centred at `center`, sized
/// as the canvas and the exporter draw it ([`look::node_size`]).
#[must_use]
pub fn card_rect(node: &Node, center: Pos) -> (f64, f64, f64, f64) {
    let (w, h) = look::node_size(node);
    let (w, h) = (f64::from(w), f64::from(h));
    (
        center.x - w / 2.0,
        center.y - h / 2.0,
        center.x + w / 2.0,
        center.y + h / 2.0,
    )
}

/// The region covering the cards of these nodes plus `margin` on every side, never smaller
/// than [`MIN_FRAME_WIDTH`] × [`MIN_FRAME_HEIGHT`] (grown around its centre).
///
/// Nodes without a position are framed where the canvas puts them ([`look::auto_layout`]);
/// ids that name no node are skipped; `None` when nothing is left to frame.
#[must_use]
pub fn frame_nodes(doc: &Document, nodes: &[NodeId], margin: f64) -> Option<Camera> {
    let wanted: HashSet<&str> = nodes.iter().map(NodeId::as_str).collect();
    if wanted.is_empty() {
        return None;
    }
    let layout = look::auto_layout(doc);
    bounds(
        &layout,
        doc.nodes.iter().filter(|n| wanted.contains(n.id.as_str())),
        margin,
    )
}

/// The region covering every node of the plan, with [`DEFAULT_MARGIN`]; a fixed
/// region around the origin for an empty plan.
#[must_use]
pub fn whole_plan(doc: &Document) -> Camera {
    let layout = look::auto_layout(doc);
    bounds(&layout, doc.nodes.iter(), DEFAULT_MARGIN).unwrap_or(EMPTY_PLAN)
}

fn bounds<'a>(
    layout: &HashMap<NodeId, Pos>,
    nodes: impl Iterator<Item = &'a Node>,
    margin: f64,
) -> Option<Camera> {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut any = false;
    for (a, b, c, d) in nodes.filter_map(|n| layout.get(&n.id).map(|p| card_rect(n, *p))) {
        any = true;
        x0 = x0.min(a);
        y0 = y0.min(b);
        x1 = x1.max(c);
        y1 = y1.max(d);
    }
    if !any {
        return None;
    }
    let margin = if margin.is_finite() {
        margin.max(0.0)
    } else {
        0.0
    };
    let cam = Camera {
        x: x0 - margin,
        y: y0 - margin,
        width: x1 - x0 + 2.0 * margin,
        height: y1 - y0 + 2.0 * margin,
    };
    Some(at_least(cam, MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT))
}

/// Grows a camera around its centre to at least this size.
fn at_least(cam: Camera, width: f64, height: f64) -> Camera {
    let (cx, cy) = center(cam);
    let w = cam.width.max(width);
    let h = cam.height.max(height);
    Camera {
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        width: w,
        height: h,
    }
}

fn center(cam: Camera) -> (f64, f64) {
    (cam.x + cam.width / 2.0, cam.y + cam.height / 2.0)
}

/// The smallest camera with the same centre that contains `cam` and has this aspect ratio
/// (width / height), so a slide framed for one screen shape shows all of its region on
/// another. A non-positive or non-finite aspect, or a degenerate camera, is returned as is.
#[must_use]
pub fn fit_aspect(cam: Camera, aspect: f64) -> Camera {
    if !(aspect.is_finite() && aspect > 0.0 && cam.width > 0.0 && cam.height > 0.0) {
        return cam;
    }
    let (cx, cy) = center(cam);
    let (w, h) = if cam.width / cam.height < aspect {
        (cam.height * aspect, cam.height)
    } else {
        (cam.width, cam.width / aspect)
    };
    Camera {
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        width: w,
        height: h,
    }
}

/// The camera to give a screen of `width` × `height` points so that `region` shows as large
/// as fits in the band left free by overlays `top` and `bottom` points high (a slide's
/// caption above, the presenter's controls below), centred in that band.
///
/// The band is never thinner than 40% of the screen, so oversized overlays shrink the slide
/// rather than hide it. Degenerate input returns `region` as is.
#[must_use]
pub fn clear_of_overlays(region: Camera, width: f64, height: f64, top: f64, bottom: f64) -> Camera {
    let sane = |v: f64| v.is_finite() && v > 0.0;
    if !(sane(width) && sane(height) && sane(region.width) && sane(region.height)) {
        return region;
    }
    let (mut top, mut bottom) = (top.max(0.0), bottom.max(0.0));
    if !(top.is_finite() && bottom.is_finite()) {
        (top, bottom) = (0.0, 0.0);
    }
    let min_band = 0.4 * height;
    if height - top - bottom < min_band {
        let k = (height - min_band) / (top + bottom);
        top *= k;
        bottom *= k;
    }
    let band = height - top - bottom;
    let zoom = (width / region.width).min(band / region.height);
    let (cx, cy) = center(region);
    // The band's centre sits (bottom - top) / 2 points above the screen's centre.
    let cy = cy + (bottom - top) / 2.0 / zoom;
    let (w, h) = (width / zoom, height / zoom);
    Camera {
        x: cx - w / 2.0,
        y: cy - h / 2.0,
        width: w,
        height: h,
    }
}

/// Cubic ease-in-out of `t` in `0..=1` (clamped): slow start, slow stop, so a camera move
/// reads as one motion rather than a jump.
#[must_use]
pub fn ease_in_out(t: f64) -> f64 {
    let t = if t.is_nan() { 1.0 } else { t.clamp(0.0, 1.0) };
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// The camera at time `t` (`0..=1`, clamped) of an eased move from `a` to `b`.
///
/// The centre moves linearly in eased time while the size is interpolated geometrically,
/// so zooming in and out feel equally fast.
#[must_use]
pub fn interpolate(from: Camera, to: Camera, t: f64) -> Camera {
    let eased = ease_in_out(t);
    // Land exactly on the endpoints: the last frame of a move must equal the slide's camera.
    if eased <= 0.0 {
        return from;
    }
    if eased >= 1.0 {
        return to;
    }
    let lerp = |p: f64, q: f64| p + (q - p) * eased;
    let size = |p: f64, q: f64| {
        if p > 0.0 && q > 0.0 {
            p * (q / p).powf(eased)
        } else {
            lerp(p, q)
        }
    };
    let (from_x, from_y) = center(from);
    let (to_x, to_y) = center(to);
    let (cx, cy) = (lerp(from_x, to_x), lerp(from_y, to_y));
    let (width, height) = (size(from.width, to.width), size(from.height, to.height));
    Camera {
        x: cx - width / 2.0,
        y: cy - height / 2.0,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cam(x: f64, y: f64, width: f64, height: f64) -> Camera {
        Camera {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn fit_aspect_widens_a_tall_region_around_its_centre() {
        let c = fit_aspect(cam(0.0, 0.0, 100.0, 100.0), 2.0);
        assert_eq!(c, cam(-50.0, 0.0, 200.0, 100.0));
    }

    #[test]
    fn fit_aspect_heightens_a_wide_region_around_its_centre() {
        let c = fit_aspect(cam(0.0, 0.0, 400.0, 100.0), 2.0);
        assert_eq!(c, cam(0.0, -50.0, 400.0, 200.0));
    }

    #[test]
    fn fit_aspect_ignores_a_nonsense_aspect() {
        let c = cam(1.0, 2.0, 3.0, 4.0);
        assert_eq!(fit_aspect(c, 0.0), c);
        assert_eq!(fit_aspect(c, f64::NAN), c);
    }

    #[test]
    fn overlays_push_the_region_into_the_free_band() {
        // A 1000×1000 screen with 200 points of caption on top and 100 of controls below:
        // a square region fits the 700-point band and sits in its middle.
        let region = cam(0.0, 0.0, 100.0, 100.0);
        let c = clear_of_overlays(region, 1000.0, 1000.0, 200.0, 100.0);
        let zoom = 1000.0 / c.width;
        assert!((zoom - 7.0).abs() < 1e-9);
        let top_on_screen = (region.y - c.y) * zoom;
        let bottom_on_screen = (region.y + region.height - c.y) * zoom;
        assert!((top_on_screen - 200.0).abs() < 1e-9 && (bottom_on_screen - 900.0).abs() < 1e-9);
    }

    #[test]
    fn huge_overlays_leave_a_band() {
        let c = clear_of_overlays(cam(0.0, 0.0, 100.0, 100.0), 1000.0, 1000.0, 900.0, 900.0);
        assert!(
            (1000.0 / c.width - 4.0).abs() < 1e-9,
            "a 400-point band: {c:?}"
        );
    }

    #[test]
    fn easing_is_monotonic_and_symmetric() {
        let mut last = 0.0;
        for i in 0..=100 {
            let v = ease_in_out(f64::from(i) / 100.0);
            assert!(v >= last);
            last = v;
        }
        assert!((ease_in_out(0.5) - 0.5).abs() < 1e-12);
        assert!((ease_in_out(0.25) + ease_in_out(0.75) - 1.0).abs() < 1e-12);
    }
}
