//! Link routing: every link of a plan drawn around the cards, never through one, with labels
//! that never sit on a card or on another label.
//!
//! [`Routing::new`] routes a whole plan; [`Routing::move_node`] re-routes only what one moved
//! node can change, so dragging a card on a 1,000-node plan stays fluid. Designed for speed:
//! - a link whose straight line is clear of every other card stays straight (most links after
//!   a tidy layout), tested against a spatial hash of the cards;
//! - otherwise an orthogonal route is searched with A* on a sparse grid: the channel lines just
//!   outside the cards near the two ends (their borders grown by a margin), within the box of
//!   the two ends plus a margin, with a penalty per bend; bends are drawn rounded;
//! - several links between the same two nodes share one route, drawn as a bundle of separated
//!   parallel routes;
//! - segments of different routes on one line are nudged apart onto parallel lines
//!   ([`nudge`](super::nudge)), so two links never run on top of each other;
//! - labels slide along their own route to the first place that covers no card and no other
//!   label, else shrink to a chip with the kind's initials (the full label stays in the link's
//!   hover text and in exports' `<title>`).
//!
//! Manual bend points (`Link::bends`) are followed as drawn.

// Geometry formulas read best with short names (a, b for ends, m for a margin).
#![allow(clippy::many_single_char_names)]

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::link::{arrow_head, color_for_text, exit_t, label_pill, shown_label};
use super::nudge;
use super::quality::{self, OVERLAP_DISTANCE, segment_hits_rect};
use super::text::font_size;
use super::{
    Anchor, DIM_OPACITY, DISABLED, Dash, LINK_LABEL_SIZE, LinkState, Point, Prim, Rect, Rgba,
    SELECTION, Stroke, TEXT_MUTED, Weight, link_arrows, link_color, link_dash, link_width,
    severity_color, severity_halo_color, text_width,
};
use crate::model::{Document, Link, LinkId, NodeId};

/// Space between the parallel routes of a bundle.
const BUNDLE_GAP: f32 = 20.0;
/// How far a straight line keeps from a card it passes.
const CLEAR: f32 = 8.0;
/// How far an orthogonal route keeps from the cards it goes around (before the bundle's width).
const MARGIN: f32 = 14.0;
/// The margin tried when [`MARGIN`] leaves no way between the cards.
const TIGHT_MARGIN: f32 = 8.0;
/// What a bend costs in the search, in canvas units of length: fewer bends read better.
const BEND_COST: f32 = 60.0;
/// How far a nudged segment keeps from the cards it passes.
const NUDGE_CLEAR: f32 = 4.0;
/// The radius of a rounded bend.
const RADIUS: f32 = 10.0;
/// The gap between a card's border and the end of a line (as `link_segment`).
const END_GAP: f32 = 3.0;
/// How far labels keep from cards.
const LABEL_CLEAR: f32 = 2.0;
/// Side of a cell of the spatial hashes.
const CELL: f32 = 128.0;
/// Cards are hashed grown by this much, so one cell answers "is a point within this of a
/// card" (the widest clearance a route asks for).
const CARD_REACH: f32 = 64.0;
/// How far from a link's ends the sparse search takes cards' channel lines.
const NEAR_ENDS: f32 = 300.0;
/// The largest search grid tried (points); beyond it a link keeps its straight line.
const MAX_GRID: usize = 200_000;

/// Where a link's label sits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPlace {
    /// The label's box (the pill, or the chip), on the route.
    pub rect: Rect,
    /// Shrunk to a chip with the kind's initials: the full label did not fit anywhere.
    pub chip: bool,
}

/// One link's route: the line from one card's border to the other's, and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRoute {
    /// The link routed.
    pub link: LinkId,
    /// The node it starts at.
    pub from: NodeId,
    /// The node it ends at.
    pub to: NodeId,
    /// The corners of the route, at least two points: the first on the `from` card's border,
    /// the last on the `to` card's border.
    pub points: Vec<Point>,
    /// The radius bends are rounded with ([`LinkRoute::drawn_points`]); 0 for straight or
    /// hand-bent routes.
    pub radius: f32,
    /// Where the label sits; `None` when the link shows no label or its route has no room
    /// even for a chip.
    pub label: Option<LabelPlace>,
}

impl LinkRoute {
    /// The line as painted: the corners with every bend rounded into a short curve.
    #[must_use]
    pub fn drawn_points(&self) -> Vec<Point> {
        rounded(&self.points, self.radius)
    }
}

/// The routes of every link of a plan (links with a missing end have none).
#[derive(Debug, Clone, Default)]
pub struct Routing {
    routes: Vec<LinkRoute>,
    index: HashMap<LinkId, usize>,
    /// Cards by node, in document order.
    cards: Vec<(NodeId, Rect)>,
    card_index: HashMap<NodeId, usize>,
    card_cells: Cells,
    /// Route segments, by route.
    route_cells: Cells,
    /// Label boxes, by route.
    label_cells: Cells,
    /// The routes of each unordered pair of nodes, in document order (a bundle).
    bundles: Vec<Vec<usize>>,
    bundle_of: Vec<usize>,
    /// The bundles touching each card.
    bundles_at: Vec<Vec<usize>>,
    /// A box holding every card (it only grows).
    bounds: Rect,
    /// Bend points of each route's link, from the file.
    bends: Vec<Vec<Point>>,
    /// The full and the chip label of each route, with their sizes.
    label_sizes: Vec<Option<LabelSizes>>,
    /// The zones' titles, which labels keep off where they can.
    titles: Vec<Rect>,
}

impl Routing {
    /// Routes every link of `doc`; `geometry` is [`node_geometry`](super::node_geometry)'s.
    /// Deterministic: the same plan always gives the same routes.
    #[must_use]
    pub fn new<S: std::hash::BuildHasher>(
        doc: &Document,
        geometry: &HashMap<NodeId, (Point, (f32, f32)), S>,
    ) -> Self {
        let mut r = Routing {
            titles: super::zones::regions(doc, geometry)
                .iter()
                .map(super::zones::title_rect)
                .collect(),
            ..Routing::default()
        };
        for n in &doc.nodes {
            let Some(&(c, (w, h))) = geometry.get(&n.id) else {
                continue;
            };
            if r.card_index.contains_key(&n.id) {
                continue;
            }
            let rect = Rect::from_center_size(c, w, h);
            r.bounds = if r.cards.is_empty() {
                rect
            } else {
                r.bounds.union(&rect)
            };
            let i = r.cards.len();
            r.card_index.insert(n.id.clone(), i);
            r.card_cells.insert_rect(&rect.expand(CARD_REACH), i);
            r.cards.push((n.id.clone(), rect));
            r.bundles_at.push(Vec::new());
        }
        let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
        for l in &doc.links {
            let (Some(&a), Some(&b)) = (r.card_index.get(&l.from), r.card_index.get(&l.to)) else {
                continue;
            };
            if r.index.contains_key(&l.id) {
                continue;
            }
            let i = r.routes.len();
            r.index.insert(l.id.clone(), i);
            r.routes.push(LinkRoute {
                link: l.id.clone(),
                from: l.from.clone(),
                to: l.to.clone(),
                points: Vec::new(),
                radius: 0.0,
                label: None,
            });
            r.bends
                .push(l.bends.iter().map(|p| Point::from_pos(*p)).collect());
            r.label_sizes.push(label_sizes(l));
            let key = (a.min(b), a.max(b));
            let bundle = *pairs.entry(key).or_insert_with(|| {
                r.bundles.push(Vec::new());
                r.bundles_at[a].push(r.bundles.len() - 1);
                if b != a {
                    r.bundles_at[b].push(r.bundles.len() - 1);
                }
                r.bundles.len() - 1
            });
            r.bundles[bundle].push(i);
            r.bundle_of.push(bundle);
        }
        for b in 0..r.bundles.len() {
            r.route_bundle(b);
        }
        let all: Vec<usize> = (0..r.routes.len()).collect();
        r.nudge(&all);
        for i in 0..r.routes.len() {
            r.place_label(i);
        }
        r
    }

    /// Every route, in the document's order of links.
    #[must_use]
    pub fn routes(&self) -> &[LinkRoute] {
        &self.routes
    }

    /// The route of one link.
    #[must_use]
    pub fn route(&self, link: &LinkId) -> Option<&LinkRoute> {
        self.index.get(link).map(|&i| &self.routes[i])
    }

    /// The centre of a node's card as routed (after any [`Routing::move_node`]).
    #[must_use]
    pub fn card_center(&self, node: &NodeId) -> Option<Point> {
        self.card_index.get(node).map(|&i| self.cards[i].1.center())
    }

    /// The routes as [`quality::Route`]s, to measure the drawing.
    #[must_use]
    pub fn quality_routes(&self) -> Vec<quality::Route> {
        self.routes
            .iter()
            .map(|r| quality::Route {
                link: r.link.clone(),
                from: r.from.clone(),
                to: r.to.clone(),
                points: r.points.clone(),
                label: r.label.map(|l| l.rect),
            })
            .collect()
    }

    /// Moves `node`'s card to `new_center` and re-routes only what that can change: the links
    /// of the node, links whose route crosses the card's old or new place, and the labels of
    /// those links or on the card's new place. Returns the links whose route or label changed.
    /// An unknown node changes nothing.
    pub fn move_node(&mut self, node: &NodeId, new_center: Point) -> Vec<LinkId> {
        let Some(&ci) = self.card_index.get(node) else {
            return Vec::new();
        };
        let old = self.cards[ci].1;
        let new = Rect::from_center_size(new_center, old.width(), old.height());
        if !(new.min.x.is_finite() && new.min.y.is_finite()) {
            return Vec::new();
        }
        self.card_cells.remove_rect(&old.expand(CARD_REACH), ci);
        self.card_cells.insert_rect(&new.expand(CARD_REACH), ci);
        self.cards[ci].1 = new;
        self.bounds = self.bounds.union(&new);

        let mut bundles: Vec<usize> = self.bundles_at[ci].clone();
        for rect in [old, new] {
            let near: Vec<usize> = self.route_cells.near_rect(&rect.expand(CLEAR)).collect();
            for ri in near {
                let pts = &self.routes[ri].points;
                if pts
                    .windows(2)
                    .any(|w| segment_hits_rect(w[0], w[1], &rect.expand(CLEAR)))
                {
                    bundles.push(self.bundle_of[ri]);
                }
            }
        }
        bundles.sort_unstable();
        bundles.dedup();
        let mut relabel: Vec<usize> = bundles
            .iter()
            .flat_map(|&b| self.bundles[b].iter().copied())
            .collect();
        let near: Vec<usize> = self.label_cells.near_rect(&new).collect();
        for li in near {
            if self.routes[li]
                .label
                .is_some_and(|l| overlap(&l.rect, &new.expand(LABEL_CLEAR)))
            {
                relabel.push(li);
            }
        }
        relabel.sort_unstable();
        relabel.dedup();
        for &i in &relabel {
            if let Some(l) = self.routes[i].label.take() {
                self.label_cells.remove_rect(&l.rect, i);
            }
        }
        for &b in &bundles {
            self.route_bundle(b);
        }
        // The new routes, and the routes that may share a line with them, are nudged apart.
        let mut near: Vec<usize> = Vec::new();
        for &b in &bundles {
            for &i in &self.bundles[b] {
                near.push(i);
                for w in self.routes[i].points.windows(2) {
                    let line = Rect {
                        min: Point::new(w[0].x.min(w[1].x), w[0].y.min(w[1].y)),
                        max: Point::new(w[0].x.max(w[1].x), w[0].y.max(w[1].y)),
                    };
                    near.extend(self.route_cells.near_rect(&line.expand(OVERLAP_DISTANCE)));
                }
            }
        }
        near.sort_unstable();
        near.dedup();
        for i in self.nudge(&near) {
            if relabel.binary_search(&i).is_err() {
                if let Some(l) = self.routes[i].label.take() {
                    self.label_cells.remove_rect(&l.rect, i);
                }
                let at = relabel.partition_point(|&r| r < i);
                relabel.insert(at, i);
            }
        }
        for &i in &relabel {
            self.place_label(i);
        }
        relabel
            .into_iter()
            .map(|i| self.routes[i].link.clone())
            .collect()
    }

    /// Moves apart the segments of these routes (and of no others) that are drawn on top of
    /// each other ([`nudge`]); routes with the user's own bends stay as drawn. Returns the
    /// routes that changed, in increasing order.
    fn nudge(&mut self, routes: &[usize]) -> Vec<usize> {
        let chosen: Vec<(usize, usize, usize)> = routes
            .iter()
            .filter(|&&i| self.bends[i].is_empty() && self.routes[i].points.len() >= 2)
            .filter_map(|&i| {
                let r = &self.routes[i];
                Some((
                    i,
                    *self.card_index.get(&r.from)?,
                    *self.card_index.get(&r.to)?,
                ))
            })
            .collect();
        let mut paths: Vec<nudge::Path> = chosen
            .iter()
            .map(|&(i, a, b)| nudge::Path {
                points: self.routes[i].points.clone(),
                from: self.cards[a].1,
                to: self.cards[b].1,
            })
            .collect();
        let changed = nudge::nudge(&mut paths, &|k, p, q| {
            let (_, a, b) = chosen[k];
            !self.segment_blocked(p, q, a, b, NUDGE_CLEAR)
        });
        let mut out = Vec::new();
        for ((&(i, _, _), path), changed) in chosen.iter().zip(paths).zip(changed) {
            if changed {
                let old = std::mem::replace(&mut self.routes[i].points, path.points);
                self.route_cells.remove_polyline(&old, i);
                self.route_cells.insert_polyline(&self.routes[i].points, i);
                out.push(i);
            }
        }
        out
    }

    /// Whether a point is inside a card other than `a` and `b`, grown by `m`.
    fn blocked(&self, p: Point, a: usize, b: usize, m: f32) -> bool {
        self.card_cells.at(p).is_some_and(|v| {
            v.iter().any(|&ci| {
                ci != a && ci != b && strictly_inside(p, &self.cards[ci].1.expand(m - 0.5))
            })
        })
    }

    /// Whether the segment `p`–`q` passes through a card other than `a` and `b`, grown by `m`.
    fn segment_blocked(&self, p: Point, q: Point, a: usize, b: usize, m: f32) -> bool {
        self.card_cells
            .along(p, q)
            .any(|ci| ci != a && ci != b && segment_hits_rect(p, q, &self.cards[ci].1.expand(m)))
    }

    /// Routes every link between one pair of nodes.
    fn route_bundle(&mut self, bundle: usize) {
        let members = self.bundles[bundle].clone();
        for &i in &members {
            let old = std::mem::take(&mut self.routes[i].points);
            self.route_cells.remove_polyline(&old, i);
        }
        let Some(&first) = members.first() else {
            return;
        };
        let a = self.card_index[&self.routes[first].from];
        let b = self.card_index[&self.routes[first].to];
        let (ra, rb) = (self.cards[a].1, self.cards[b].1);
        let (ca, cb) = (ra.center(), rb.center());
        let n = members.len();
        // Keep the outermost route of the bundle within both cards' sides.
        let room =
            (ra.width().min(ra.height()).min(rb.width()).min(rb.height()) / 2.0 - 9.0).max(0.0);
        let gap = if n > 1 {
            BUNDLE_GAP.min(2.0 * room / (n as f32 - 1.0))
        } else {
            0.0
        };
        let spread = gap * (n as f32 - 1.0) / 2.0;
        // The canonical direction of the pair: from the lower card index to the higher.
        let (lo, hi, clo, chi) = if a <= b {
            (a, b, ca, cb)
        } else {
            (b, a, cb, ca)
        };
        // Two cards on top of each other (or a link to itself): no route to find.
        let degenerate = a == b || overlap(&ra, &rb);
        let path = if degenerate || !self.segment_blocked(clo, chi, lo, hi, CLEAR + spread) {
            None
        } else {
            self.search(lo, hi, clo, chi, MARGIN + spread)
                .or_else(|| self.search(lo, hi, clo, chi, TIGHT_MARGIN + spread))
        };
        let (rlo, rhi) = (self.cards[lo].1, self.cards[hi].1);
        for (k, &i) in members.iter().enumerate() {
            let offset = (k as f32 - (n as f32 - 1.0) / 2.0) * gap;
            let from_is_lo = self.card_index[&self.routes[i].from] == lo;
            // The route's own ends, in the link's direction.
            let (rf, rt) = if from_is_lo { (rlo, rhi) } else { (rhi, rlo) };
            let bends = &self.bends[i];
            let (points, radius) = if !bends.is_empty() {
                let mut pts = Vec::with_capacity(bends.len() + 2);
                pts.push(rf.center());
                pts.extend(bends.iter().copied());
                pts.push(rt.center());
                (clip_ends(&pts, &rf, &rt), 0.0)
            } else if let Some(path) = &path {
                let mut pts = offset_polyline(path, offset);
                if !from_is_lo {
                    pts.reverse();
                }
                (clip_ends(&pts, &rf, &rt), RADIUS)
            } else {
                // Offsets are to the left of the canonical direction; flip for reversed links.
                let o = if from_is_lo { offset } else { -offset };
                let (s, e) = super::link_segment(
                    rf.center(),
                    (rf.width(), rf.height()),
                    rt.center(),
                    (rt.width(), rt.height()),
                    o,
                );
                (vec![s, e], 0.0)
            };
            self.route_cells.insert_polyline(&points, i);
            self.routes[i].points = points;
            self.routes[i].radius = radius;
        }
    }

    /// An orthogonal route from `ca` (inside card `a`) to `cb` (inside card `b`) keeping `m`
    /// from every other card, by A* over the channel lines near the two ends; `None` when
    /// there is none within reach.
    fn search(&self, a: usize, b: usize, ca: Point, cb: Point, m: f32) -> Option<Vec<Point>> {
        let ends = Rect {
            min: Point::new(ca.x.min(cb.x), ca.y.min(cb.y)),
            max: Point::new(ca.x.max(cb.x), ca.y.max(cb.y)),
        };
        // First a sparse grid: the channel lines of the cards near the two ends only, every
        // step tested against all cards (a long link crosses a column of cards in one step
        // instead of one per card). Then every card's channel lines in the box of the ends,
        // wider, and last around the whole plan.
        let whole = self.bounds.union(&ends).expand(2.0 * m + 40.0);
        let near_ends = [
            Rect::from_center_size(ca, 2.0 * NEAR_ENDS, 2.0 * NEAR_ENDS),
            Rect::from_center_size(cb, 2.0 * NEAR_ENDS, 2.0 * NEAR_ENDS),
        ];
        for (corridor, sparse) in [
            (ends.expand(160.0), true),
            (ends.expand(160.0), false),
            (ends.expand(480.0), false),
            (whole, false),
        ] {
            let mut xs = vec![ca.x, cb.x, corridor.min.x, corridor.max.x];
            let mut ys = vec![ca.y, cb.y, corridor.min.y, corridor.max.y];
            let mut seen = vec![false; self.cards.len()];
            let candidates: Vec<usize> = if sparse {
                near_ends
                    .iter()
                    .flat_map(|r| self.card_cells.near_rect(r))
                    .collect()
            } else {
                self.card_cells.near_rect(&corridor).collect()
            };
            for ci in candidates {
                if ci == a || ci == b || std::mem::replace(&mut seen[ci], true) {
                    continue;
                }
                let r = self.cards[ci].1;
                if !overlap(&r.expand(m), &corridor) {
                    continue;
                }
                xs.extend([r.min.x - m, r.max.x + m]);
                ys.extend([r.min.y - m, r.max.y + m]);
            }
            let keep = |v: &mut Vec<f32>, lo: f32, hi: f32| {
                v.retain(|x| x.is_finite() && *x >= lo && *x <= hi);
                v.sort_by(f32::total_cmp);
                v.dedup_by(|p, q| (*p - *q).abs() < 0.25);
            };
            keep(&mut xs, corridor.min.x, corridor.max.x);
            keep(&mut ys, corridor.min.y, corridor.max.y);
            if xs.len() * ys.len() > MAX_GRID {
                return None;
            }
            if let Some(p) = self.astar(&xs, &ys, a, b, ca, cb, m, sparse) {
                return Some(p);
            }
        }
        None
    }

    /// A* over the grid `xs` × `ys` with a cost per bend (`sparse`: see [`Routing::search`]).
    #[allow(clippy::too_many_arguments)]
    fn astar(
        &self,
        xs: &[f32],
        ys: &[f32],
        a: usize,
        b: usize,
        ca: Point,
        cb: Point,
        m: f32,
        sparse: bool,
    ) -> Option<Vec<Point>> {
        let find = |v: &[f32], x: f32| {
            v.iter()
                .enumerate()
                .min_by(|p, q| (p.1 - x).abs().total_cmp(&(q.1 - x).abs()))
                .map(|(i, _)| i)
        };
        let (sx, sy) = (find(xs, ca.x)?, find(ys, ca.y)?);
        let (gx, gy) = (find(xs, cb.x)?, find(ys, cb.y)?);
        let (nx, ny) = (xs.len(), ys.len());
        let point = |ix: usize, iy: usize| Point::new(xs[ix], ys[iy]);
        // Sparse: a long link's corridor can hold thousands of grid points, of which the
        // search visits a few hundred. Each grid point is tested once.
        let mut free_at: FastMap<usize, bool> = FastMap::default();
        let mut free = |ix: usize, iy: usize| {
            *free_at
                .entry(iy * nx + ix)
                .or_insert_with(|| !self.blocked(point(ix, iy), a, b, m))
        };
        // Search states: grid point × the direction arrived in (4 = the start).
        let key = |ix: usize, iy: usize, d: usize| (iy * nx + ix) * 5 + d;
        // The best cost found for a state and the state it came from.
        let mut best: FastMap<usize, (f32, usize)> = FastMap::default();
        let h = |ix: usize, iy: usize| (xs[ix] - cb.x).abs() + (ys[iy] - cb.y).abs();
        let mut heap = BinaryHeap::new();
        let s = key(sx, sy, 4);
        best.insert(s, (0.0, usize::MAX));
        heap.push(Open(h(sx, sy), 0.0, s));
        let mut goal = None;
        while let Some(Open(_, gk, k)) = heap.pop() {
            let (cell, d) = (k / 5, k % 5);
            let (ix, iy) = (cell % nx, cell / nx);
            if ix == gx && iy == gy {
                goal = Some(k);
                break;
            }
            let g = best.get(&k).map_or(f32::INFINITY, |e| e.0);
            if g < gk {
                // A stale entry: this state was reached more cheaply since.
                continue;
            }
            for nd in 0..4 {
                // No turning back.
                if d < 4 && nd == d ^ 1 {
                    continue;
                }
                let (jx, jy) = match nd {
                    0 if ix + 1 < nx => (ix + 1, iy),
                    1 if ix > 0 => (ix - 1, iy),
                    2 if iy + 1 < ny => (ix, iy + 1),
                    3 if iy > 0 => (ix, iy - 1),
                    _ => continue,
                };
                let goal_here = jx == gx && jy == gy;
                if !goal_here && !free(jx, jy) {
                    continue;
                }
                let (p, q) = (point(ix, iy), point(jx, jy));
                // On the full grid a segment between neighbouring channel lines is wholly
                // in or out of a grown card, so its middle tells; on the sparse grid a step
                // may pass cards whose lines are not on it, so it is tested whole.
                let stopped = if sparse {
                    self.segment_blocked(p, q, a, b, m - 0.5)
                } else {
                    self.blocked(p.lerp(q, 0.5), a, b, m)
                };
                if stopped {
                    continue;
                }
                let step = (q.x - p.x).abs() + (q.y - p.y).abs();
                let bend = if d < 4 && d != nd { BEND_COST } else { 0.0 };
                let ng = g + step + bend;
                let nk = key(jx, jy, nd);
                if best.get(&nk).is_none_or(|e| ng + 1e-3 < e.0) {
                    best.insert(nk, (ng, k));
                    heap.push(Open(ng + h(jx, jy), ng, nk));
                }
            }
        }
        let mut k = goal?;
        let mut cells = vec![k / 5];
        while let Some(&(_, p)) = best.get(&k).filter(|e| e.1 != usize::MAX) {
            k = p;
            cells.push(k / 5);
        }
        cells.reverse();
        let mut pts: Vec<Point> = cells.iter().map(|c| point(c % nx, c / nx)).collect();
        // The grid snapped the ends to the nearest channel: start and end at the centres.
        if let Some(p) = pts.first_mut() {
            *p = ca;
        }
        if let Some(p) = pts.last_mut() {
            *p = cb;
        }
        Some(simplify(&pts))
    }

    /// Places route `i`'s label: the full pill at the first place along the route (from the
    /// middle outwards) that covers no card and no other label, else the chip there; with no
    /// room even for the chip the label is left out (its full text stays in the hover text
    /// and exports' `<title>`).
    fn place_label(&mut self, i: usize) {
        let Some((full, chip)) = self.label_sizes[i] else {
            return;
        };
        let pts = self.routes[i].points.clone();
        // Off the zones' titles if the label or its chip fits anywhere else.
        let place = [
            (full, false, true),
            (chip, true, true),
            (full, false, false),
            (chip, true, false),
        ]
        .into_iter()
        .find_map(|(size, chip, off_titles)| {
            self.spot(&pts, size, i, off_titles)
                .map(|rect| LabelPlace { rect, chip })
        });
        if let Some(place) = place {
            self.label_cells.insert_rect(&place.rect, i);
        }
        self.routes[i].label = place;
    }

    /// The first free box of `size` centred on the route, from the middle outwards; free of
    /// the zones' titles too when `off_titles`.
    fn spot(&self, pts: &[Point], size: (f32, f32), me: usize, off_titles: bool) -> Option<Rect> {
        const STEPS: usize = 48;
        let total: f32 = pts.windows(2).map(|w| w[1].sub(w[0]).len()).sum();
        if total < 1e-3 {
            return None;
        }
        for j in 0..=STEPS {
            // 0.5, then alternately further towards each end.
            let k = j.div_ceil(2) as f32 / STEPS as f32;
            let t = if j % 2 == 0 { 0.5 + k } else { 0.5 - k };
            if !(0.0..=1.0).contains(&t) {
                continue;
            }
            let rect = Rect::from_center_size(along(pts, t), size.0, size.1);
            let grown = rect.expand(LABEL_CLEAR);
            let on_card = self
                .card_cells
                .near_rect(&grown)
                .any(|ci| overlap(&self.cards[ci].1, &grown));
            if on_card || (off_titles && self.titles.iter().any(|t| overlap(t, &grown))) {
                continue;
            }
            let on_label = self.label_cells.near_rect(&grown).any(|li| {
                li != me
                    && self.routes[li]
                        .label
                        .is_some_and(|l| overlap(&l.rect, &grown))
            });
            if !on_label {
                return Some(rect);
            }
        }
        None
    }
}

/// The width and height of a link's full label pill, then of its chip.
type LabelSizes = ((f32, f32), (f32, f32));

/// The sizes of a link's full label pill and of its chip; `None` when it shows no label.
fn label_sizes(link: &Link) -> Option<LabelSizes> {
    let text = shown_label(link);
    if text.is_empty() {
        return None;
    }
    let pill = label_pill(
        &text,
        LINK_LABEL_SIZE,
        Point::default(),
        Point::default(),
        0.0,
    );
    let initials = chip_text(link);
    let h = LINK_LABEL_SIZE * 1.7;
    let w = (text_width(&initials, LINK_LABEL_SIZE, Weight::Normal) + LINK_LABEL_SIZE).max(h);
    Some(((pill.width(), pill.height()), (w, h)))
}

/// What a chip says: the initials of the link's kind ("SC" for a send connector).
fn chip_text(link: &Link) -> String {
    link.kind
        .label()
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The point at `t` (0..=1) of the route's length.
fn along(pts: &[Point], t: f32) -> Point {
    let total: f32 = pts.windows(2).map(|w| w[1].sub(w[0]).len()).sum();
    let mut rest = total * t.clamp(0.0, 1.0);
    for w in pts.windows(2) {
        let len = w[1].sub(w[0]).len();
        if rest <= len && len > 1e-6 {
            return w[0].lerp(w[1], rest / len);
        }
        rest -= len;
    }
    pts.last().copied().unwrap_or_default()
}

/// Drops repeated points and the middle of three points on one line.
fn simplify(pts: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(pts.len());
    for &p in pts {
        if out.last().is_some_and(|q| q.sub(p).len() < 1e-3) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.x - a.x) * (p.y - b.y) - (b.y - a.y) * (p.x - b.x);
            if cross.abs() < 1e-3 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The polyline shifted sideways by `offset` (to the left of its direction, as
/// `link_segment`), corners kept square: each segment moves along its own normal.
fn offset_polyline(pts: &[Point], offset: f32) -> Vec<Point> {
    if offset.abs() < 1e-6 || pts.len() < 2 {
        return pts.to_vec();
    }
    let normal = |a: Point, b: Point| {
        let d = b.sub(a);
        let len = d.len().max(1e-6);
        Point::new(d.y / len, -d.x / len).scale(offset)
    };
    let n = pts.len();
    let mut out = Vec::with_capacity(n);
    out.push(pts[0].add(normal(pts[0], pts[1])));
    for j in 1..n - 1 {
        let (n0, n1) = (normal(pts[j - 1], pts[j]), normal(pts[j], pts[j + 1]));
        // Axis-aligned segments: the shifted lines meet where each normal says.
        let p = pts[j];
        let x = if n0.x.abs() > n1.x.abs() { n0.x } else { n1.x };
        let y = if n0.y.abs() > n1.y.abs() { n0.y } else { n1.y };
        out.push(Point::new(p.x + x, p.y + y));
    }
    out.push(pts[n - 1].add(normal(pts[n - 2], pts[n - 1])));
    out
}

/// The polyline cut where it leaves `from` (grown by the end gap) and enters `to`.
fn clip_ends(pts: &[Point], from: &Rect, to: &Rect) -> Vec<Point> {
    let (rf, rt) = (from.expand(END_GAP), to.expand(END_GAP));
    let mut pts = pts.to_vec();
    if let Some(i) = (0..pts.len() - 1).rev().find(|&i| rf.contains(pts[i])) {
        let t = exit_t(pts[i], pts[i + 1], &rf);
        let p = pts[i].lerp(pts[i + 1], t);
        pts.drain(..=i);
        pts.insert(0, p);
    }
    if let Some(i) = (1..pts.len()).find(|&i| rt.contains(pts[i])) {
        let t = exit_t(pts[i], pts[i - 1], &rt);
        let p = pts[i].lerp(pts[i - 1], t);
        pts.truncate(i);
        pts.push(p);
    }
    if pts.len() < 2 {
        return vec![from.center(), to.center()];
    }
    simplify(&pts)
}

/// Corners rounded by quadratic curves of radius up to `r` (half the shorter side at most).
fn rounded(pts: &[Point], r: f32) -> Vec<Point> {
    if r <= 0.0 || pts.len() < 3 {
        return pts.to_vec();
    }
    let mut out = Vec::with_capacity(pts.len() * 5);
    out.push(pts[0]);
    for j in 1..pts.len() - 1 {
        let (a, p, b) = (pts[j - 1], pts[j], pts[j + 1]);
        let (la, lb) = (a.sub(p).len(), b.sub(p).len());
        let k = r.min(la / 2.0).min(lb / 2.0);
        if k < 0.5 {
            out.push(p);
            continue;
        }
        let p1 = p.add(a.sub(p).scale(k / la));
        let p2 = p.add(b.sub(p).scale(k / lb));
        for s in 0..=4 {
            let t = s as f32 / 4.0;
            let u = 1.0 - t;
            out.push(
                p1.scale(u * u)
                    .add(p.scale(2.0 * u * t))
                    .add(p2.scale(t * t)),
            );
        }
    }
    out.push(pts[pts.len() - 1]);
    out
}

fn strictly_inside(p: Point, r: &Rect) -> bool {
    p.x > r.min.x && p.x < r.max.x && p.y > r.min.y && p.y < r.max.y
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// An entry of the A* open list: the estimate, the cost so far and the state. Smallest
/// estimate first; among equal estimates the furthest along, so the search runs down one of
/// many equally short routes instead of widening over all of them.
#[derive(PartialEq)]
struct Open(f32, f32, usize);

impl Eq for Open {}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then(self.1.total_cmp(&other.1))
            .then(other.2.cmp(&self.2))
    }
}

/// A hasher for cell keys: one multiply per word instead of `SipHash` (the cells are looked
/// up in the router's innermost loop; the keys are not chosen by an adversary).
#[derive(Default, Clone, Copy)]
struct CellHasher(u64);

impl std::hash::Hasher for CellHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }

    fn write_i32(&mut self, v: i32) {
        self.write_u64(u64::from(v.cast_unsigned()));
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(26) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<CellHasher>>;
type CellMap = FastMap<(i32, i32), Vec<usize>>;

/// A spatial hash of boxes and lines by index, on cells of [`CELL`].
#[derive(Debug, Clone, Default)]
struct Cells {
    cells: CellMap,
}

fn cell_of(v: f32) -> i32 {
    // Far-away or broken coordinates share the edge cells instead of overflowing.
    (v / CELL).floor().clamp(-1.0e6, 1.0e6) as i32
}

impl Cells {
    fn span(r: &Rect) -> impl Iterator<Item = (i32, i32)> + use<> {
        let (x0, x1, y0, y1) = (
            cell_of(r.min.x),
            cell_of(r.max.x),
            cell_of(r.min.y),
            cell_of(r.max.y),
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// The cells a segment passes, in order (a grid walk: every cell the segment touches).
    fn line_cells(p: Point, q: Point) -> Vec<(i32, i32)> {
        let (mut x, mut y) = (cell_of(p.x), cell_of(p.y));
        let (ex, ey) = (cell_of(q.x), cell_of(q.y));
        let (dx, dy) = (q.x - p.x, q.y - p.y);
        let first = |c: i32, v: f32, d: f32| {
            if d > 0.0 {
                ((c + 1) as f32 * CELL - v) / d
            } else if d < 0.0 {
                (c as f32 * CELL - v) / d
            } else {
                f32::INFINITY
            }
        };
        let (mut tx, mut ty) = (first(x, p.x, dx), first(y, p.y, dy));
        let (sx, sy) = (CELL / dx.abs(), CELL / dy.abs());
        let (step_col, step_row) = (if dx > 0.0 { 1 } else { -1 }, if dy > 0.0 { 1 } else { -1 });
        let n = (ex - x).unsigned_abs() as usize + (ey - y).unsigned_abs() as usize;
        let mut out = Vec::with_capacity(n + 2);
        out.push((x, y));
        // Each step crosses one cell border; the count bounds the walk whatever the rounding.
        for _ in 0..n {
            if tx < ty {
                x += step_col;
                tx += sx;
            } else {
                y += step_row;
                ty += sy;
            }
            out.push((x, y));
        }
        if out.last() != Some(&(ex, ey)) {
            out.push((ex, ey));
        }
        out
    }

    fn insert_rect(&mut self, r: &Rect, i: usize) {
        for k in Self::span(r) {
            self.cells.entry(k).or_default().push(i);
        }
    }

    fn remove_rect(&mut self, r: &Rect, i: usize) {
        for k in Self::span(r) {
            if let Some(v) = self.cells.get_mut(&k) {
                v.retain(|&j| j != i);
            }
        }
    }

    fn polyline_cells(pts: &[Point]) -> Vec<(i32, i32)> {
        let mut keys: Vec<(i32, i32)> = pts
            .windows(2)
            .flat_map(|w| Self::line_cells(w[0], w[1]))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    fn insert_polyline(&mut self, pts: &[Point], i: usize) {
        for k in Self::polyline_cells(pts) {
            self.cells.entry(k).or_default().push(i);
        }
    }

    fn remove_polyline(&mut self, pts: &[Point], i: usize) {
        for k in Self::polyline_cells(pts) {
            if let Some(v) = self.cells.get_mut(&k) {
                v.retain(|&j| j != i);
            }
        }
    }

    /// The entries of the cell holding `p`.
    fn at(&self, p: Point) -> Option<&Vec<usize>> {
        self.cells.get(&(cell_of(p.x), cell_of(p.y)))
    }

    /// Every entry sharing a cell with `r` (an entry in several cells comes several times).
    fn near_rect(&self, r: &Rect) -> impl Iterator<Item = usize> + '_ {
        Self::span(r)
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .copied()
    }

    /// Every entry in a cell the segment passes (possibly several times).
    fn along(&self, p: Point, q: Point) -> impl Iterator<Item = usize> + '_ {
        Self::line_cells(p, q)
            .into_iter()
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .copied()
    }
}

/// The display list of a routed link: an optional selection and severity halo, the line along
/// the route with rounded bends, arrow heads, then the label (the last
/// [`LINK_LABEL_PRIMS`](super::LINK_LABEL_PRIMS) prims: the pill, or the chip, and its text).
/// `state.offset` and `state.label_shift` are not used: the route decided both.
#[must_use]
pub fn routed_link_prims(link: &Link, route: &LinkRoute, state: &LinkState) -> Vec<Prim> {
    let fade = if state.dimmed { DIM_OPACITY } else { 1.0 };
    let col = |c: Rgba| c.fade(fade);
    let enabled = link.enabled();
    let color = if enabled {
        link_color(link.kind)
    } else {
        DISABLED
    };
    let dash = if enabled {
        link_dash(link.kind)
    } else {
        Some(Dash::new(5.0, 4.0))
    };
    let width = link_width(link.kind) + if state.hovered { 1.0 } else { 0.0 };
    let mut drawn = route.drawn_points();
    if drawn.len() < 2 {
        drawn = vec![Point::default(), Point::default()];
    }
    let n = drawn.len();
    let (start, end) = (drawn[0], drawn[n - 1]);
    let dir_end = end.sub(drawn[n - 2]);
    let dir_start = start.sub(drawn[1]);
    let arrows = link_arrows(link);
    let mut out = Vec::with_capacity(8);
    if state.selected {
        out.push(Prim::Polyline {
            points: drawn.clone(),
            stroke: Stroke::new(width + 9.0, col(SELECTION.with_alpha(90))),
            dash: None,
        });
    }
    if let Some(s) = state.severity {
        out.push(Prim::Polyline {
            points: drawn.clone(),
            stroke: Stroke::new(width + 7.0, col(severity_halo_color(s).with_alpha(150))),
            dash: None,
        });
    }
    // Pull the drawn back under the arrow heads so its end does not poke through the tip.
    let head = 9.0 + width * 1.5;
    let mut body = drawn.clone();
    if arrows.at_to && dir_end.len() > head * 2.5 {
        body[n - 1] = end.sub(dir_end.scale(head * 0.8 / dir_end.len()));
    }
    if arrows.at_from && dir_start.len() > head * 2.5 {
        body[0] = start.sub(dir_start.scale(head * 0.8 / dir_start.len()));
    }
    out.push(Prim::Polyline {
        points: body,
        stroke: Stroke::new(width, col(color)),
        dash,
    });
    if arrows.at_to {
        out.push(Prim::Polygon {
            points: arrow_head(end, dir_end, width),
            fill: col(color),
        });
    }
    if arrows.at_from {
        out.push(Prim::Polygon {
            points: arrow_head(start, dir_start, width),
            fill: col(color),
        });
    }
    let text_color = if enabled {
        col(color_for_text(color))
    } else {
        col(TEXT_MUTED)
    };
    out.extend(label_prims(
        link,
        route,
        &drawn,
        state,
        col(color.with_alpha(160)),
        text_color,
    ));
    out
}

/// The label's two prims: the pill (or the chip) and its text, scaled by `state.text_scale`
/// about the placed box's centre. A link without a place gets two invisible prims, so
/// painters can still take the last two prims of every link as its label.
fn label_prims(
    link: &Link,
    route: &LinkRoute,
    drawn: &[Point],
    state: &LinkState,
    outline: Rgba,
    text_color: Rgba,
) -> [Prim; 2] {
    let size = font_size(LINK_LABEL_SIZE, state.text_scale);
    let k = size / LINK_LABEL_SIZE;
    let fade = if state.dimmed { DIM_OPACITY } else { 1.0 };
    let Some(place) = route.label else {
        let rect = Rect::from_center_size(along(drawn, 0.5), 0.0, 0.0);
        return [
            Prim::Rect {
                rect,
                radius: 0.0,
                fill: None,
                stroke: None,
            },
            Prim::Text {
                pos: rect.center(),
                text: String::new(),
                size,
                color: Rgba::TRANSPARENT,
                anchor: Anchor::Middle,
                weight: Weight::Normal,
            },
        ];
    };
    let text = if place.chip {
        chip_text(link)
    } else {
        shown_label(link)
    };
    let rect = Rect::from_center_size(
        place.rect.center(),
        place.rect.width() * k,
        place.rect.height() * k,
    );
    let stroke = match state.severity {
        Some(s) => Stroke::new(1.5, severity_color(s).fade(fade)),
        None => Stroke::new(1.0, outline),
    };
    [
        Prim::Rect {
            rect,
            radius: rect.height() / 2.0,
            fill: Some(Rgba::WHITE.with_alpha(235).fade(fade)),
            stroke: Some(stroke),
        },
        Prim::Text {
            pos: rect.center(),
            text,
            size,
            color: text_color,
            anchor: Anchor::Middle,
            weight: Weight::Normal,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f32, y: f32) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn an_offset_orthogonal_route_keeps_its_corners_square() {
        let path = [p(0.0, 0.0), p(100.0, 0.0), p(100.0, 100.0)];
        let shifted = offset_polyline(&path, 10.0);
        // Left of "east" is north (y up is negative), left of "south" is east.
        assert_eq!(
            shifted,
            vec![p(0.0, -10.0), p(110.0, -10.0), p(110.0, 100.0)]
        );
    }

    #[test]
    fn collinear_points_are_dropped() {
        let pts = simplify(&[p(0.0, 0.0), p(5.0, 0.0), p(10.0, 0.0), p(10.0, 3.0)]);
        assert_eq!(pts, vec![p(0.0, 0.0), p(10.0, 0.0), p(10.0, 3.0)]);
    }

    #[test]
    fn a_rounded_bend_starts_and_ends_on_its_two_sides() {
        let pts = rounded(&[p(0.0, 0.0), p(100.0, 0.0), p(100.0, 100.0)], 10.0);
        assert!(pts.contains(&p(90.0, 0.0)) && pts.contains(&p(100.0, 10.0)));
        assert!(!pts.contains(&p(100.0, 0.0)));
    }
}
