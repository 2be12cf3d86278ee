//! Level of detail: below the zoom at which a card's name can be read, a card is drawn as a
//! plain box in its colours (no text, icons or badges) and a link as a thin plain line between
//! its ends (no dashes, arrow heads or label). What cannot be read is neither laid out nor
//! tessellated, so a whole 5,000-node plan in view stays fluid. Off-screen cards and links
//! are culled before this (`mirror`).

use super::super::paint::{self, Xform};
use crate::look::{self, Prim};
use egui::epaint::RectShape;
use egui::{Pos2, Shape, Stroke, StrokeKind};

/// Cards narrower than this on screen (points) get no outline: it would cover the fill.
const OUTLINE_MIN_PX: f32 = 8.0;

/// Whether cards and links are drawn plain at this zoom: names would be smaller than
/// [`paint::MIN_READABLE_PX`], so nothing legible is lost.
#[must_use]
pub(super) fn coarse(zoom: f32) -> bool {
    zoom < paint::MIN_READABLE_PX / look::NAME_SIZE
}

/// A card as one plain box: the fill and border (a finding's colour when it has one) of its
/// card rectangle in its display list, which is centred where `xf` puts the origin.
#[must_use]
pub(super) fn card_shape(prims: &[Prim], size: (f32, f32), xf: &Xform) -> Option<Shape> {
    let (rect, fill, stroke) = prims.iter().find_map(|p| match p {
        Prim::Rect {
            rect, fill, stroke, ..
        } if is_card(rect, size) => Some((*rect, *fill, *stroke)),
        _ => None,
    })?;
    let r = xf.rect(&rect);
    let outline = match stroke {
        Some(s) if r.width() >= OUTLINE_MIN_PX => Stroke::new(1.0, paint::color(s.color)),
        _ => Stroke::NONE,
    };
    let fill = fill.map_or(egui::Color32::TRANSPARENT, paint::color);
    Some(Shape::Rect(RectShape::new(
        r,
        0.0,
        fill,
        outline,
        StrokeKind::Inside,
    )))
}

/// Whether `rect` is the card itself: its size, centred on the origin (the shadow under it
/// is offset, a selection halo is larger).
fn is_card(rect: &look::Rect, size: (f32, f32)) -> bool {
    let c = rect.center();
    (rect.width() - size.0).abs() < 0.5
        && (rect.height() - size.1).abs() < 0.5
        && c.x.abs() < 0.5
        && c.y.abs() < 0.5
}

/// A link as a thin straight line in its kind's colour between two screen points (its ends'
/// centres: the cards, drawn after, cover the inner parts).
pub(super) fn link_shape(kind: crate::model::LinkKind, a: Pos2, b: Pos2) -> Shape {
    Shape::line_segment(
        [a, b],
        Stroke::new(1.0, paint::color(look::link_color(kind))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drawing_starts_where_names_stop_being_legible() {
        let threshold = paint::MIN_READABLE_PX / look::NAME_SIZE;
        assert!(coarse(threshold * 0.99));
        assert!(!coarse(threshold));
        assert!(!coarse(1.0));
    }

    #[test]
    fn a_card_is_one_box_of_its_own_size_on_screen() {
        let node = crate::model::Node::new("lb", crate::model::NodeKind::LoadBalancer, "LB");
        let prims = look::node_prims_at(
            &node,
            look::Point::new(0.0, 0.0),
            &look::NodeState::default(),
        );
        let size = look::node_size(&node);
        let xf = Xform::new(0.2, egui::Vec2::new(100.0, 100.0));
        let Some(Shape::Rect(r)) = card_shape(&prims, size, &xf) else {
            panic!("a box");
        };
        assert!((r.rect.width() - size.0 * 0.2).abs() < 0.01);
        assert!((r.rect.center().x - 100.0).abs() < 0.01);
    }
}
