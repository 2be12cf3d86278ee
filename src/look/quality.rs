//! Layout quality, measured: how a laid-out plan reads, in numbers a test can hold a layout and
//! a router to. It works on plain geometry (cards, routes as polylines, label boxes), so the
//! same measure applies to today's straight links, to routed links and to another tool's
//! drawing (Graphviz `dot`, the yardstick of issue 11).

// Segment formulas read best in the textbook's letters (a, b for a segment, r for a rect).
#![allow(clippy::many_single_char_names)]

use std::collections::HashMap;

use super::{Point, Rect, link_label_rect, link_layout, link_prims, node_geometry};
use crate::look::LinkState;
use crate::model::{Document, LinkId, NodeId};

/// A card as drawn: the node and its rectangle in canvas coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The node drawn.
    pub node: NodeId,
    /// Its rectangle.
    pub rect: Rect,
}

/// A link as drawn: the polyline from one card's border to the other's and its label box.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The link drawn.
    pub link: LinkId,
    /// The node it starts at.
    pub from: NodeId,
    /// The node it ends at.
    pub to: NodeId,
    /// The drawn line, at least two points.
    pub points: Vec<Point>,
    /// The label's box, if the link shows a label.
    pub label: Option<Rect>,
}

/// What [`measure`] counts. Zero is best for every count; `length` is in canvas units.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Quality {
    /// Route segments passing through a card that is not one of the link's ends.
    pub intrusions: usize,
    /// Points where two links' routes cross (outside the cards).
    pub crossings: usize,
    /// Pairs of labels whose boxes overlap.
    pub label_overlaps: usize,
    /// Labels whose box overlaps a card.
    pub label_card_overlaps: usize,
    /// Labels that do not sit on their own link's route.
    pub labels_off_route: usize,
    /// Pairs of segments of different links drawn on top of each other for a stretch: parallel,
    /// less than [`OVERLAP_DISTANCE`] apart and side by side for more than [`OVERLAP_LENGTH`]
    /// (two links sharing a channel without being nudged apart read as one line).
    pub collinear_overlaps: usize,
    /// The total length of all routes.
    pub length: f32,
}

/// Parallel segments closer than this (canvas units, about a line's width) are on top of
/// each other.
pub const OVERLAP_DISTANCE: f32 = 3.0;
/// Segments on top of each other for at most this long (canvas units) only touch.
pub const OVERLAP_LENGTH: f32 = 4.0;

/// Whether segments `a`–`b` and `c`–`d` are drawn on top of each other for a stretch: parallel,
/// less than [`OVERLAP_DISTANCE`] apart, and overlapping for more than [`OVERLAP_LENGTH`] along
/// their direction.
#[must_use]
pub fn segments_overlap(a: Point, b: Point, c: Point, d: Point) -> bool {
    let u = b.sub(a);
    let len = u.len();
    if len <= OVERLAP_LENGTH || d.sub(c).len() <= OVERLAP_LENGTH {
        return false;
    }
    let (ux, uy) = (u.x / len, u.y / len);
    // Distance of c and d from a–b's line, and their positions along it.
    let side = |p: Point| (p.x - a.x) * uy - (p.y - a.y) * ux;
    let along = |p: Point| (p.x - a.x) * ux + (p.y - a.y) * uy;
    if side(c).abs() >= OVERLAP_DISTANCE || side(d).abs() >= OVERLAP_DISTANCE {
        return false;
    }
    let (c0, c1) = (along(c).min(along(d)), along(c).max(along(d)));
    c1.min(len) - c0.max(0.0) > OVERLAP_LENGTH
}

/// Two rectangles overlap by more than a hair (touching borders do not count).
fn overlap(a: &Rect, b: &Rect) -> bool {
    const EPS: f32 = 0.5;
    a.min.x + EPS < b.max.x
        && b.min.x + EPS < a.max.x
        && a.min.y + EPS < b.max.y
        && b.min.y + EPS < a.max.y
}

/// Whether the segment `a`–`b` passes through the inside of `r` (Liang–Barsky clipping).
#[must_use]
pub fn segment_hits_rect(a: Point, b: Point, r: &Rect) -> bool {
    let d = b.sub(a);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (p, q) in [
        (-d.x, a.x - r.min.x),
        (d.x, r.max.x - a.x),
        (-d.y, a.y - r.min.y),
        (d.y, r.max.y - a.y),
    ] {
        if p.abs() < 1e-9 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-4
}

/// The point where segments `a`–`b` and `c`–`d` cross properly (not at an end, not collinear).
#[must_use]
pub fn segment_crossing(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let r = b.sub(a);
    let s = d.sub(c);
    let den = r.x * s.y - r.y * s.x;
    if den.abs() < 1e-9 {
        return None;
    }
    let ac = c.sub(a);
    let t = (ac.x * s.y - ac.y * s.x) / den;
    let u = (ac.x * r.y - ac.y * r.x) / den;
    let eps = 1e-4;
    (t > eps && t < 1.0 - eps && u > eps && u < 1.0 - eps).then(|| a.add(r.scale(t)))
}

/// The distance from `p` to the polyline `points`.
fn distance_to_polyline(p: Point, points: &[Point]) -> f32 {
    points
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let d = b.sub(a);
            let len2 = d.x * d.x + d.y * d.y;
            let t = if len2 < 1e-9 {
                0.0
            } else {
                (((p.x - a.x) * d.x + (p.y - a.y) * d.y) / len2).clamp(0.0, 1.0)
            };
            p.sub(a.add(d.scale(t))).len()
        })
        .fold(f32::INFINITY, f32::min)
}

/// A uniform grid over boxes, so that measuring a 1,000-node plan stays near-linear.
struct Buckets {
    cell: f32,
    cells: HashMap<(i64, i64), Vec<usize>>,
}

impl Buckets {
    fn new(cell: f32) -> Self {
        Self {
            cell,
            cells: HashMap::new(),
        }
    }

    fn span(&self, r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let k = |v: f32| (v / self.cell).floor() as i64;
        let (x0, x1, y0, y1) = (k(r.min.x), k(r.max.x), k(r.min.y), k(r.max.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn insert(&mut self, r: &Rect, i: usize) {
        let keys: Vec<_> = self.span(r).collect();
        for key in keys {
            self.cells.entry(key).or_default().push(i);
        }
    }

    /// Every index whose box shares a cell with `r`, each once, in increasing order.
    fn near(&self, r: &Rect) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .span(r)
            .filter_map(|k| self.cells.get(&k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn segment_box(a: Point, b: Point) -> Rect {
    Rect {
        min: Point::new(a.x.min(b.x), a.y.min(b.y)),
        max: Point::new(a.x.max(b.x), a.y.max(b.y)),
    }
}

/// Measures a drawing: intrusions, crossings, collinear overlaps, label overlaps, labels off
/// their route and the total route length. A crossing inside a card (links meeting at a shared end) is not counted.
#[must_use]
pub fn measure(cards: &[Card], routes: &[Route]) -> Quality {
    const CELL: f32 = 200.0;
    let mut q = Quality::default();
    let mut card_grid = Buckets::new(CELL);
    for (i, c) in cards.iter().enumerate() {
        card_grid.insert(&c.rect, i);
    }
    // Segments of every route, with the route they belong to.
    let mut segments: Vec<(usize, Point, Point)> = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        for w in r.points.windows(2) {
            segments.push((ri, w[0], w[1]));
            q.length += w[1].sub(w[0]).len();
        }
    }
    let mut seg_grid = Buckets::new(CELL);
    for (si, (_, a, b)) in segments.iter().enumerate() {
        seg_grid.insert(&segment_box(*a, *b), si);
    }
    // Intrusions: a segment through a card that is neither end (cards shrunk by a unit so a
    // route running along a border does not count).
    for (ri, a, b) in &segments {
        let route = &routes[*ri];
        q.intrusions += card_grid
            .near(&segment_box(*a, *b))
            .into_iter()
            .filter(|&ci| {
                let c = &cards[ci];
                c.node != route.from
                    && c.node != route.to
                    && segment_hits_rect(*a, *b, &c.rect.expand(-1.0))
            })
            .count();
    }
    // Crossings between segments of different routes, outside every card.
    for (si, (ri, a, b)) in segments.iter().enumerate() {
        for sj in seg_grid.near(&segment_box(*a, *b)) {
            let (rj, c, d) = &segments[sj];
            if sj <= si || rj == ri {
                continue;
            }
            if segments_overlap(*a, *b, *c, *d) {
                q.collinear_overlaps += 1;
            }
            if let Some(p) = segment_crossing(*a, *b, *c, *d) {
                let probe = Rect::from_center_size(p, 0.0, 0.0);
                let in_card = card_grid
                    .near(&probe)
                    .into_iter()
                    .any(|ci| cards[ci].rect.expand(2.0).contains(p));
                if !in_card {
                    q.crossings += 1;
                }
            }
        }
    }
    // Labels.
    let labels: Vec<(usize, Rect)> = routes
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.label.map(|l| (i, l)))
        .collect();
    let mut label_grid = Buckets::new(CELL);
    for (li, (_, rect)) in labels.iter().enumerate() {
        label_grid.insert(rect, li);
    }
    for (li, (ri, rect)) in labels.iter().enumerate() {
        q.label_overlaps += label_grid
            .near(rect)
            .into_iter()
            .filter(|&lj| lj > li && overlap(rect, &labels[lj].1))
            .count();
        q.label_card_overlaps += card_grid
            .near(rect)
            .into_iter()
            .filter(|&ci| overlap(rect, &cards[ci].rect))
            .count();
        let reach = rect.height().min(rect.width()) / 2.0 + 2.0;
        if distance_to_polyline(rect.center(), &routes[*ri].points) > reach {
            q.labels_off_route += 1;
        }
    }
    q
}

/// The cards of a plan as drawn (positions from the plan, or the automatic layout).
#[must_use]
pub fn plan_cards(doc: &Document) -> Vec<Card> {
    let geometry = node_geometry(doc);
    doc.nodes
        .iter()
        .filter_map(|n| {
            geometry.get(&n.id).map(|(c, (w, h))| Card {
                node: n.id.clone(),
                rect: Rect::from_center_size(*c, *w, *h),
            })
        })
        .collect()
}

/// The links of a plan as drawn today: straight lines between card borders, side by side when
/// parallel, with the labels where [`link_layout`] slides them.
#[must_use]
pub fn straight_routes(doc: &Document) -> Vec<Route> {
    let geometry = node_geometry(doc);
    let lanes = link_layout(doc, &geometry);
    doc.links
        .iter()
        .filter_map(|l| {
            let (fc, fs) = geometry.get(&l.from)?;
            let (tc, ts) = geometry.get(&l.to)?;
            let lane = lanes.get(&l.id).copied().unwrap_or_default();
            let state = LinkState {
                offset: lane.offset,
                label_shift: lane.label_shift,
                ..LinkState::default()
            };
            let prims = link_prims(l, *fc, *fs, *tc, *ts, &state);
            let (a, b) = super::link_segment(*fc, *fs, *tc, *ts, lane.offset);
            Some(Route {
                link: l.id.clone(),
                from: l.from.clone(),
                to: l.to.clone(),
                points: vec![a, b],
                label: link_label_rect(&prims),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, x: f32, y: f32) -> Card {
        Card {
            node: NodeId::from(id),
            rect: Rect::from_center_size(Point::new(x, y), 100.0, 50.0),
        }
    }

    fn route(id: &str, from: &str, to: &str, points: &[(f32, f32)]) -> Route {
        Route {
            link: LinkId::from(id),
            from: NodeId::from(from),
            to: NodeId::from(to),
            points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
            label: None,
        }
    }

    #[test]
    fn a_line_through_a_third_card_is_an_intrusion() {
        let cards = [
            card("a", 0.0, 0.0),
            card("b", 200.0, 0.0),
            card("c", 400.0, 0.0),
        ];
        let q = measure(
            &cards,
            &[route("l", "a", "c", &[(50.0, 0.0), (350.0, 0.0)])],
        );
        assert_eq!(q.intrusions, 1);
        assert!((q.length - 300.0).abs() < 1e-3);
    }

    #[test]
    fn a_route_around_the_card_is_no_intrusion() {
        let cards = [
            card("a", 0.0, 0.0),
            card("b", 200.0, 0.0),
            card("c", 400.0, 0.0),
        ];
        let around = [
            (50.0, 0.0),
            (100.0, 0.0),
            (100.0, 60.0),
            (300.0, 60.0),
            (300.0, 0.0),
            (350.0, 0.0),
        ];
        let q = measure(&cards, &[route("l", "a", "c", &around)]);
        assert_eq!(q.intrusions, 0);
    }

    #[test]
    fn two_diagonals_cross_once_and_links_meeting_in_a_card_do_not() {
        let cards = [
            card("a", 0.0, 0.0),
            card("b", 400.0, 400.0),
            card("c", 0.0, 400.0),
            card("d", 400.0, 0.0),
        ];
        let routes = [
            route("x", "a", "b", &[(0.0, 0.0), (400.0, 400.0)]),
            route("y", "c", "d", &[(0.0, 400.0), (400.0, 0.0)]),
            route("z", "a", "d", &[(0.0, 0.0), (400.0, 0.0)]),
        ];
        let q = measure(&cards, &routes);
        assert_eq!(q.crossings, 1);
    }

    #[test]
    fn two_links_sharing_a_channel_overlap_and_nudged_apart_they_do_not() {
        let cards = [card("a", 0.0, 0.0), card("b", 600.0, 300.0)];
        let shared = [
            route("l1", "a", "b", &[(0.0, 25.0), (0.0, 200.0), (550.0, 200.0)]),
            route(
                "l2",
                "a",
                "b",
                &[(40.0, 25.0), (40.0, 200.0), (550.0, 200.0)],
            ),
        ];
        assert_eq!(measure(&cards, &shared).collinear_overlaps, 1);
        let nudged = [
            route("l1", "a", "b", &[(0.0, 25.0), (0.0, 204.0), (550.0, 204.0)]),
            route(
                "l2",
                "a",
                "b",
                &[(40.0, 25.0), (40.0, 196.0), (550.0, 196.0)],
            ),
        ];
        assert_eq!(measure(&cards, &nudged).collinear_overlaps, 0);
    }

    #[test]
    fn collinear_segments_that_only_touch_end_to_end_do_not_overlap() {
        let p = |x: f32| Point::new(x, 10.0);
        assert!(!segments_overlap(p(0.0), p(100.0), p(100.0), p(200.0)));
        assert!(segments_overlap(p(0.0), p(100.0), p(200.0), p(50.0)));
        assert!(!segments_overlap(
            p(0.0),
            p(100.0),
            Point::new(0.0, 0.0),
            Point::new(100.0, 100.0)
        ));
    }

    #[test]
    fn overlapping_labels_and_a_label_away_from_its_link_are_counted() {
        let cards = [card("a", 0.0, 0.0), card("b", 600.0, 0.0)];
        let label = |x: f32, y: f32| Some(Rect::from_center_size(Point::new(x, y), 60.0, 16.0));
        let mut on = route("l1", "a", "b", &[(50.0, 0.0), (550.0, 0.0)]);
        on.label = label(300.0, 0.0);
        let mut twin = route("l2", "a", "b", &[(50.0, 6.0), (550.0, 6.0)]);
        twin.label = label(310.0, 6.0);
        let mut astray = route("l3", "a", "b", &[(50.0, -6.0), (550.0, -6.0)]);
        astray.label = label(300.0, 200.0);
        let q = measure(&cards, &[on, twin, astray]);
        assert_eq!(q.label_overlaps, 1);
        assert_eq!(q.labels_off_route, 1);
        assert_eq!(q.label_card_overlaps, 0);
    }
}
