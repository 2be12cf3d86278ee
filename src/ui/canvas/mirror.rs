//! The plan as an `egui_graphs` graph: node and edge payloads that carry the look of each
//! node and link (so the graph view paints exactly what the exporters draw), and a layout
//! that never moves anything (positions are the plan's own).

use super::super::paint::{self, IconSet, Xform};
use super::{Canvas, LinkEntry};
use crate::look::{self, LinkState, Prim};
use crate::model::{Link, LinkId};
use egui::{Pos2, Rect, Shape, Ui, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Graph, Layout, LayoutState, NodeProps,
};
use petgraph::stable_graph::{DefaultIx, IndexType};
use petgraph::{Directed, EdgeType};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A layout that never moves anything: positions are the user's.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct StillState;

impl LayoutState for StillState {}

/// See [`StillState`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Still;

impl Layout<StillState> for Still {
    fn from_state(_state: StillState) -> impl Layout<StillState> {
        Still
    }

    fn next<N, E, Ty, Ix, Dn, De>(&mut self, _g: &mut Graph<N, E, Ty, Ix, Dn, De>, _ui: &Ui)
    where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> StillState {
        StillState
    }
}

/// A node's display list, centred at the canvas origin, and its size.
#[derive(Debug)]
pub(super) struct NodeLook {
    pub(super) size: (f32, f32),
    pub(super) prims: Vec<Prim>,
    pub(super) icons: IconSet,
}

/// The payload of a mirror node: its current look. Ids live in the canvas' maps, never
/// derived from graph indices (which petgraph reuses after deletions).
#[derive(Debug, Clone)]
pub(super) struct NodePayload {
    pub(super) look: Arc<NodeLook>,
}

/// What a link's display needs to compute its display list from its ends.
#[derive(Debug)]
pub(super) struct LinkLook {
    pub(super) link: Link,
    pub(super) state: LinkState,
    /// The link's route around the cards (`look::Routing`, kept by the canvas and updated
    /// while a node is dragged); `None` draws the straight line between the ends.
    pub(super) route: Option<look::LinkRoute>,
}

#[derive(Debug, Clone)]
pub(super) struct LinkPayload {
    pub(super) look: Arc<LinkLook>,
}

/// Draws a node: `look`'s prims moved to the node's current location.
#[derive(Debug, Clone)]
pub(super) struct NodeShape {
    pub(super) loc: Pos2,
    pub(super) look: Arc<NodeLook>,
}

impl NodeShape {
    fn half(&self) -> Vec2 {
        Vec2::new(self.look.size.0 / 2.0, self.look.size.1 / 2.0)
    }
}

impl From<NodeProps<NodePayload>> for NodeShape {
    fn from(p: NodeProps<NodePayload>) -> Self {
        Self {
            loc: p.location(),
            look: p.payload.look,
        }
    }
}

impl DisplayNode<NodePayload, LinkPayload, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let h = self.half();
        let d = if dir.length_sq() > 1e-12 {
            dir.normalized()
        } else {
            Vec2::X
        };
        let tx = if d.x.abs() > 1e-6 {
            h.x / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > 1e-6 {
            h.y / d.y.abs()
        } else {
            f32::INFINITY
        };
        self.loc + d * tx.min(ty)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        // Zoomed out, the canvas paints every card in its kept plain mesh (`lod`).
        if super::lod::coarse(ctx.meta.zoom) {
            return Vec::new();
        }
        let xf = Xform::new(
            ctx.meta.zoom,
            ctx.meta.pan + self.loc.to_vec2() * ctx.meta.zoom,
        );
        // egui_graphs draws every node every frame: skip those off screen (the margin keeps
        // selection halos and badges that stick out).
        let screen = Rect::from_center_size(
            (ctx.meta.pan + self.loc.to_vec2() * ctx.meta.zoom).to_pos2(),
            (self.half() * 2.0 + Vec2::splat(40.0)) * ctx.meta.zoom,
        );
        if !ctx.painter.clip_rect().intersects(screen) {
            return Vec::new();
        }
        paint::prims_shapes(ctx.ctx, &self.look.prims, &xf, &self.look.icons)
    }

    fn update(&mut self, state: &NodeProps<NodePayload>) {
        self.loc = state.location();
        if !Arc::ptr_eq(&self.look, &state.payload.look) {
            self.look = Arc::clone(&state.payload.look);
        }
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        Rect::from_center_size(self.loc, self.half() * 2.0).contains(pos)
    }
}

/// Draws a link: `look::routed_link_prims` along its route (or `look::link_prims` between
/// its ends' current locations when it has none), cached until an end moves or the look
/// changes.
#[derive(Debug, Clone)]
pub(super) struct LinkShape {
    pub(super) look: Arc<LinkLook>,
    pub(super) cache: Option<(Pos2, Pos2, Arc<Vec<Prim>>)>,
}

impl From<EdgeProps<LinkPayload>> for LinkShape {
    fn from(p: EdgeProps<LinkPayload>) -> Self {
        Self {
            look: p.payload.look,
            cache: None,
        }
    }
}

pub(super) type MirrorNode =
    egui_graphs::Node<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape>;

fn end_geometry(n: &MirrorNode) -> (look::Point, (f32, f32)) {
    let p = n.location();
    (look::Point::new(p.x, p.y), n.payload().look.size)
}

impl LinkShape {
    fn prims(&mut self, start: &MirrorNode, end: &MirrorNode) -> Arc<Vec<Prim>> {
        let (a, b) = (start.location(), end.location());
        if let Some((ca, cb, prims)) = &self.cache
            && *ca == a
            && *cb == b
        {
            return Arc::clone(prims);
        }
        let prims = Arc::new(if let Some(route) = &self.look.route {
            look::routed_link_prims(&self.look.link, route, &self.look.state)
        } else {
            let (fc, fs) = end_geometry(start);
            let (tc, ts) = end_geometry(end);
            look::link_prims(&self.look.link, fc, fs, tc, ts, &self.look.state)
        });
        self.cache = Some((a, b, Arc::clone(&prims)));
        prims
    }
}

impl DisplayEdge<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape> for LinkShape {
    fn shapes(&mut self, start: &MirrorNode, end: &MirrorNode, ctx: &DrawContext) -> Vec<Shape> {
        // Zoomed out, the canvas paints every link in its kept plain mesh (`lod`).
        if super::lod::coarse(ctx.meta.zoom) {
            return Vec::new();
        }
        let to_screen = |p: Pos2| (ctx.meta.pan + p.to_vec2() * ctx.meta.zoom).to_pos2();
        let mut span = Rect::from_two_pos(to_screen(start.location()), to_screen(end.location()));
        if let Some(route) = &self.look.route {
            for p in &route.points {
                span.extend_with(to_screen(Pos2::new(p.x, p.y)));
            }
        }
        if !ctx
            .painter
            .clip_rect()
            .intersects(span.expand(60.0 * ctx.meta.zoom))
        {
            return Vec::new();
        }
        let prims = self.prims(start, end);
        let xf = Xform::new(ctx.meta.zoom, ctx.meta.pan);
        paint::prims_shapes(ctx.ctx, &prims, &xf, &IconSet::default())
    }

    fn update(&mut self, state: &EdgeProps<LinkPayload>) {
        if !Arc::ptr_eq(&self.look, &state.payload.look) {
            self.look = Arc::clone(&state.payload.look);
            self.cache = None;
        }
    }

    fn is_inside(&self, start: &MirrorNode, end: &MirrorNode, pos: Pos2) -> bool {
        let slop = look::link_width(self.look.link.kind) / 2.0 + 5.0;
        let on_line = if let Some(route) = &self.look.route {
            route.points.windows(2).any(|w| {
                segment_distance(pos, Pos2::new(w[0].x, w[0].y), Pos2::new(w[1].x, w[1].y)) <= slop
            })
        } else {
            let (fc, fs) = end_geometry(start);
            let (tc, ts) = end_geometry(end);
            let (a, b) = look::link_segment(fc, fs, tc, ts, self.look.state.offset);
            segment_distance(pos, Pos2::new(a.x, a.y), Pos2::new(b.x, b.y)) <= slop
        };
        on_line
            || self
                .cache
                .as_ref()
                .and_then(|(_, _, p)| look::link_label_rect(p))
                .is_some_and(|r| r.contains(look::Point::new(pos.x, pos.y)))
    }
}

pub(super) type Mirror = Graph<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape, LinkShape>;

fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 > 1e-9 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).length()
}

impl Canvas {
    /// A link's entry and the mirrored cards at its two ends, when all three are there.
    pub(super) fn link_ends(&self, id: &LinkId) -> Option<(&LinkEntry, &MirrorNode, &MirrorNode)> {
        let e = self.links.get(id)?;
        let (a, b) = self.graph.edge_endpoints(e.idx)?;
        Some((e, self.graph.node(a)?, self.graph.node(b)?))
    }
}
