//! Level of detail: below the zoom at which a card's name can be read, a card is drawn as a
//! plain box in its colours (no text, icons or badges) and a link as a thin plain line between
//! its ends (no dashes, arrow heads or label). What cannot be read is neither laid out nor
//! tessellated, so a whole 5,000-node plan in view stays fluid. Off-screen cards and links
//! are culled before this (`mirror`).
//!
//! The plain drawing of the whole plan is tessellated once into one mesh ([`CoarseMesh`]) and
//! reused, moved with the pan, until the plan, a look or the zoom changes: tessellating
//! thousands of boxes and lines every frame was most of a fitted 5,000-node frame.

use super::super::paint::{self, Xform};
use super::{Canvas, Gesture, MirrorNode};
use crate::look::{self, Prim};
use egui::epaint::{Mesh, Tessellator};
use egui::{Color32, Pos2, Shape, Stroke, Vec2};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Cards narrower than this on screen (points) get no outline: it would cover the fill.
const OUTLINE_MIN_PX: f32 = 8.0;
/// The width of a plain card's outline on screen (points).
const OUTLINE_PX: f32 = 1.0;

/// Whether cards and links are drawn plain at this zoom: names would be smaller than
/// [`paint::MIN_READABLE_PX`], so nothing legible is lost.
#[must_use]
pub(super) fn coarse(zoom: f32) -> bool {
    zoom < paint::MIN_READABLE_PX / look::NAME_SIZE
}

/// A card drawn plain: its screen rectangle, fill, and outline colour (`None` when too small
/// to show one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CardBox {
    rect: egui::Rect,
    fill: Color32,
    outline: Option<Color32>,
}

/// A card as one plain box: the fill and border (a finding's colour when it has one) of its
/// card rectangle in its display list, which is centred where `xf` puts the origin.
#[must_use]
pub(super) fn card_box(prims: &[Prim], size: (f32, f32), xf: &Xform) -> Option<CardBox> {
    let (rect, fill, stroke) = prims.iter().find_map(|p| match p {
        Prim::Rect {
            rect, fill, stroke, ..
        } if is_card(rect, size) => Some((*rect, *fill, *stroke)),
        _ => None,
    })?;
    let rect = xf.rect(&rect);
    let outline = stroke
        .filter(|_| rect.width() >= OUTLINE_MIN_PX)
        .map(|s| paint::color(s.color));
    let fill = fill.map_or(Color32::TRANSPARENT, paint::color);
    Some(CardBox {
        rect,
        fill,
        outline,
    })
}

impl CardBox {
    /// Adds the box to `mesh` as plain quads, without the anti-aliased feathering of a
    /// tessellated rectangle (a fifth of the vertices; the edges of an axis-aligned box lose
    /// nothing): the outline a point wide inside the rectangle, then the fill within it.
    fn add_to(&self, mesh: &mut Mesh) {
        let r = self.rect;
        let Some(line) = self.outline else {
            mesh.add_colored_rect(r, self.fill);
            return;
        };
        let w = OUTLINE_PX.min(r.width() / 2.0).min(r.height() / 2.0);
        let inner = r.shrink(w);
        if self.fill.is_opaque() {
            // The outline's colour beneath an opaque fill: two quads instead of five.
            mesh.add_colored_rect(r, line);
        } else {
            let (x, y) = (r.x_range(), r.y_range());
            let edges = [
                egui::Rect::from_x_y_ranges(x, y.min..=inner.min.y),
                egui::Rect::from_x_y_ranges(x, inner.max.y..=y.max),
                egui::Rect::from_x_y_ranges(x.min..=inner.min.x, inner.y_range()),
                egui::Rect::from_x_y_ranges(inner.max.x..=x.max, inner.y_range()),
            ];
            for e in edges {
                mesh.add_colored_rect(e, line);
            }
        }
        mesh.add_colored_rect(inner, self.fill);
    }
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

/// Tiles of the plain mesh are this many screen points a side: off-screen tiles are left out
/// whole, so a zoomed-out view of part of a large plan copies only what it shows.
const TILE_PX: f32 = 384.0;

/// The plain drawing of every link and card, tessellated at one zoom with the canvas origin at
/// the screen origin, in tiles; and the visible tiles as last moved to the screen.
pub(super) struct CoarseMesh {
    zoom: f32,
    /// Links' tiles, then cards', then the selected and moving ones' (each layer over the one
    /// before, as the graph view draws them).
    tiles: Vec<Tile>,
    placed: Option<(Vec2, egui::Rect, Vec<Shape>)>,
}

/// One thing of the plain drawing.
enum Plain {
    /// A link's line, tessellated (anti-aliased: it is seldom straight across the screen).
    Line(Shape),
    /// A card's box.
    Card(CardBox),
}

/// A part of the plain mesh and its bounds (screen points, canvas origin at the screen origin).
struct Tile {
    bounds: egui::Rect,
    mesh: Arc<Mesh>,
}

impl Canvas {
    /// Forgets the drawings kept between frames (the idle frame's shapes, the plain mesh, the
    /// hit grid): something they show changed.
    pub(super) fn drawing_changed(&mut self) {
        self.still_shapes = None;
        self.coarse = None;
        self.hits = std::cell::OnceCell::new();
    }

    /// The whole plan drawn plain (links, then cards, selected and moving ones on top) with
    /// the canvas origin at `offset` on screen, only the tiles that meet `clip`. Tessellated
    /// again only when the drawing or the zoom changed; a pan moves the kept tiles.
    pub(super) fn coarse_shape(
        &mut self,
        ctx: &egui::Context,
        offset: Vec2,
        clip: egui::Rect,
    ) -> Shape {
        // Exact: a mesh made at another zoom, however close, has its lines and boxes elsewhere.
        if self
            .coarse
            .as_ref()
            .is_none_or(|c| c.zoom.to_bits() != self.zoom.to_bits())
        {
            self.coarse = Some(CoarseMesh {
                zoom: self.zoom,
                tiles: self.tessellate_coarse(ctx),
                placed: None,
            });
        }
        let Some(c) = self.coarse.as_mut() else {
            return Shape::Noop;
        };
        if let Some((at, seen, shapes)) = &c.placed
            && *at == offset
            && *seen == clip
        {
            return Shape::Vec(shapes.clone());
        }
        let shapes: Vec<Shape> = c
            .tiles
            .iter()
            .filter(|t| t.bounds.translate(offset).intersects(clip))
            .map(|t| {
                if offset == Vec2::ZERO {
                    return Shape::Mesh(Arc::clone(&t.mesh));
                }
                let mut mesh = (*t.mesh).clone();
                mesh.translate(offset);
                Shape::Mesh(Arc::new(mesh))
            })
            .collect();
        c.placed = Some((offset, clip, shapes.clone()));
        Shape::Vec(shapes)
    }

    fn tessellate_coarse(&self, ctx: &egui::Context) -> Vec<Tile> {
        let moving: HashSet<&crate::model::NodeId> = match &self.gesture {
            Gesture::Move { origin, .. } => origin.iter().map(|(id, _)| id).collect(),
            _ => HashSet::new(),
        };
        let zoom = self.zoom;
        let at = |n: &MirrorNode| (n.location().to_vec2() * zoom).to_pos2();
        // Three layers, each a map from tile to its shapes (ordered, so the same plan always
        // gives the same mesh).
        let mut layers: [BTreeMap<(i32, i32), Vec<Plain>>; 3] = Default::default();
        let mut put = |layer: usize, c: Pos2, item: Plain| {
            let key = (
                (c.x / TILE_PX).floor() as i32,
                (c.y / TILE_PX).floor() as i32,
            );
            layers[layer].entry(key).or_default().push(item);
        };
        for id in &self.link_order {
            let Some((e, a, b)) = self.link_ends(id) else {
                continue;
            };
            let (a, b) = (at(a), at(b));
            let line = Plain::Line(link_shape(e.link.kind, a, b));
            put(if e.state.selected { 2 } else { 0 }, a.lerp(b, 0.5), line);
        }
        for id in &self.node_order {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let Some(n) = self.graph.node(e.idx) else {
                continue;
            };
            let xf = Xform::new(zoom, at(n).to_vec2());
            let Some(card) = card_box(&e.look.prims, e.look.size, &xf) else {
                continue;
            };
            let top = e.state.selected || moving.contains(id);
            put(
                if top { 2 } else { 1 },
                card.rect.center(),
                Plain::Card(card),
            );
        }
        let mut tessellator = Tessellator::new(
            ctx.pixels_per_point(),
            ctx.tessellation_options(|o| *o),
            // Plain boxes and lines have no text: the font atlas is never sampled.
            [1, 1],
            Vec::new(),
        );
        let mut tiles = Vec::new();
        for layer in layers {
            for shapes in layer.into_values() {
                let mut mesh = Mesh::default();
                for item in shapes {
                    match item {
                        Plain::Line(shape) => tessellator.tessellate_shape(shape, &mut mesh),
                        Plain::Card(card) => card.add_to(&mut mesh),
                    }
                }
                tiles.push(Tile {
                    bounds: mesh.calc_bounds(),
                    mesh: Arc::new(mesh),
                });
            }
        }
        tiles
    }
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
        let card = card_box(&prims, size, &xf).expect("a box");
        assert!((card.rect.width() - size.0 * 0.2).abs() < 0.01);
        assert!((card.rect.center().x - 100.0).abs() < 0.01);
    }

    #[test]
    fn a_plain_card_is_its_outline_with_the_fill_a_point_inside() {
        let rect = egui::Rect::from_min_size(Pos2::new(10.0, 10.0), egui::Vec2::new(30.0, 12.0));
        let card = CardBox {
            rect,
            fill: Color32::WHITE,
            outline: Some(Color32::RED),
        };
        let mut mesh = Mesh::default();
        card.add_to(&mut mesh);
        assert_eq!(mesh.vertices.len(), 8, "two quads, no feathering");
        assert_eq!(mesh.calc_bounds(), rect);
        let fill: Vec<Pos2> = mesh.vertices[4..].iter().map(|v| v.pos).collect();
        assert!(fill.iter().all(|p| rect.shrink(OUTLINE_PX).contains(*p)));
        assert!(mesh.vertices[4..].iter().all(|v| v.color == Color32::WHITE));
    }

    #[test]
    fn a_see_through_card_gets_its_outline_as_four_edges_around_the_fill() {
        let rect = egui::Rect::from_min_size(Pos2::ZERO, egui::Vec2::new(30.0, 12.0));
        let card = CardBox {
            rect,
            fill: Color32::from_white_alpha(100),
            outline: Some(Color32::RED),
        };
        let mut mesh = Mesh::default();
        card.add_to(&mut mesh);
        assert_eq!(mesh.vertices.len(), 20);
        let red = mesh.vertices.iter().filter(|v| v.color == Color32::RED);
        assert!(red.clone().count() == 16);
        // No red under the fill.
        assert!(
            red.into_iter()
                .all(|v| !rect.shrink(OUTLINE_PX + 0.01).contains(v.pos))
        );
    }
}
