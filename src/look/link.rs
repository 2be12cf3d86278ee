//! Links: lanes of parallel links, the visible segment, label placement and the display
//! list of a link.

use super::text::font_size;
use super::{
    Anchor, DIM_OPACITY, DISABLED, Dash, LINK_LABEL_SIZE, Point, Prim, Rect, Rgba, SELECTION,
    Stroke, TEXT_MUTED, Weight, finite_or, link_arrows, link_color, link_dash, link_label,
    link_width, severity_color, severity_halo_color, text_width, truncate_to_width,
};
use crate::model::{Document, Link, LinkId, NodeId};
use crate::rules::Severity;
use std::collections::HashMap;

/// How a link is shown right now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkState {
    /// The worst finding about this link, if any.
    pub severity: Option<Severity>,
    /// Selected in the editor.
    pub selected: bool,
    /// Under the pointer.
    pub hovered: bool,
    /// Faded (presentation).
    pub dimmed: bool,
    /// Multiplies the label's font size; non-positive or non-finite means 1.
    pub text_scale: f32,
    /// Sideways shift of the line (canvas units, to the left of `from → to`), so parallel
    /// links between the same two nodes stay apart. See [`link_lanes`].
    pub offset: f32,
    /// Where the label sits along the line: 0 = middle, ±0.5 = the ends.
    pub label_shift: f32,
}

impl Default for LinkState {
    fn default() -> Self {
        Self {
            severity: None,
            selected: false,
            hovered: false,
            dimmed: false,
            text_scale: 1.0,
            offset: 0.0,
            label_shift: 0.0,
        }
    }
}

/// A link's place among the parallel links joining the same two nodes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lane {
    /// Copy into [`LinkState::offset`].
    pub offset: f32,
    /// Copy into [`LinkState::label_shift`].
    pub label_shift: f32,
}

/// Spacing between parallel links.
const LANE_GAP: f32 = 20.0;
/// The widest a link's label gets before it is cut with "…" (canvas units at 100 %).
const LABEL_MAX_WIDTH: f32 = 240.0;

/// Lanes for every link: links joining the same pair of nodes (either direction) are spread
/// side by side and their labels staggered along the line. Deterministic (document order).
#[must_use]
pub fn link_lanes(doc: &Document) -> HashMap<LinkId, Lane> {
    let mut groups: HashMap<(&str, &str), Vec<&Link>> = HashMap::new();
    for l in &doc.links {
        let (a, b) = (l.from.as_str(), l.to.as_str());
        let key = if a <= b { (a, b) } else { (b, a) };
        groups.entry(key).or_default().push(l);
    }
    let mut out = HashMap::with_capacity(doc.links.len());
    for ((a, _), links) in groups {
        let n = links.len();
        for (i, l) in links.into_iter().enumerate() {
            let k = i as f32 - (n as f32 - 1.0) / 2.0;
            // Offsets are to the left of the canonical direction; flip for reversed links.
            let sign = if l.from.as_str() == a { 1.0 } else { -1.0 };
            let label_shift = if n > 1 {
                (k * 0.16).clamp(-0.3, 0.3)
            } else {
                0.0
            };
            out.insert(
                l.id.clone(),
                Lane {
                    offset: k * LANE_GAP * sign,
                    label_shift: label_shift * sign,
                },
            );
        }
    }
    out
}

/// Where a segment starting at `inside` towards `outside` leaves `rect` (the parameter t in
/// 0..=1; 0 when `inside` is already outside).
pub(super) fn exit_t(inside: Point, outside: Point, rect: &Rect) -> f32 {
    if !rect.contains(inside) {
        return 0.0;
    }
    let d = outside.sub(inside);
    let mut t = 1.0f32;
    if d.x > 1e-6 {
        t = t.min((rect.max.x - inside.x) / d.x);
    } else if d.x < -1e-6 {
        t = t.min((rect.min.x - inside.x) / d.x);
    }
    if d.y > 1e-6 {
        t = t.min((rect.max.y - inside.y) / d.y);
    } else if d.y < -1e-6 {
        t = t.min((rect.min.y - inside.y) / d.y);
    }
    finite_or(t, 0.0).clamp(0.0, 1.0)
}

/// The visible segment of a link: from the `from` card's border to the `to` card's border,
/// shifted sideways by `offset`. Always finite, even for two cards at the same point.
#[must_use]
pub fn link_segment(
    from_center: Point,
    from_size: (f32, f32),
    to_center: Point,
    to_size: (f32, f32),
    offset: f32,
) -> (Point, Point) {
    let fc = Point::new(finite_or(from_center.x, 0.0), finite_or(from_center.y, 0.0));
    let tc = Point::new(finite_or(to_center.x, 0.0), finite_or(to_center.y, 0.0));
    let mut d = tc.sub(fc);
    let mut len = d.len();
    let (fc, tc) = if len < 1e-3 {
        // Same point: draw a short horizontal stub so the link stays visible and finite.
        d = Point::new(1.0, 0.0);
        len = 1.0;
        (
            fc.sub(Point::new(from_size.0 / 2.0 + 30.0, 0.0)),
            tc.add(Point::new(to_size.0 / 2.0 + 30.0, 0.0)),
        )
    } else {
        (fc, tc)
    };
    let u = d.scale(1.0 / len);
    let normal = Point::new(u.y, -u.x);
    let off = normal.scale(finite_or(offset, 0.0));
    let a = fc.add(off);
    let b = tc.add(off);
    let gap = 3.0;
    let from_rect = Rect::from_center_size(from_center, from_size.0, from_size.1).expand(gap);
    let to_rect = Rect::from_center_size(to_center, to_size.0, to_size.1).expand(gap);
    let t0 = exit_t(a, b, &from_rect);
    let t1 = 1.0 - exit_t(b, a, &to_rect);
    if t1 > t0 + 1e-3 {
        (a.lerp(b, t0), a.lerp(b, t1))
    } else {
        // Overlapping cards: keep the centre line so something is drawn.
        (a, b)
    }
}

pub(super) fn arrow_head(tip: Point, dir: Point, width: f32) -> Vec<Point> {
    let len = dir.len();
    let u = if len > 1e-6 {
        dir.scale(1.0 / len)
    } else {
        Point::new(1.0, 0.0)
    };
    let n = Point::new(-u.y, u.x);
    let l = 9.0 + width * 1.5;
    let w = 4.0 + width;
    let base = tip.sub(u.scale(l));
    vec![tip, base.add(n.scale(w)), base.sub(n.scale(w))]
}

/// How many prims at the END of every [`link_prims`] list make up the label (the pill, then
/// its text). Painters draw every link's other prims first and all labels after them, so no
/// line or arrow crosses a label.
pub const LINK_LABEL_PRIMS: usize = 2;

/// The display list of a link between two cards (centres and sizes as from
/// [`node_size`](super::node_size)): an optional severity halo, the line, arrow heads, then
/// the label on a pill (the last [`LINK_LABEL_PRIMS`] prims).
#[must_use]
pub fn link_prims(
    link: &Link,
    from_center: Point,
    from_size: (f32, f32),
    to_center: Point,
    to_size: (f32, f32),
    state: &LinkState,
) -> Vec<Prim> {
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
    let (start, end) = link_segment(from_center, from_size, to_center, to_size, state.offset);
    let dir = end.sub(start);
    let arrows = link_arrows(link);
    let mut out = Vec::with_capacity(8);

    if state.selected {
        out.push(Prim::Polyline {
            points: vec![start, end],
            stroke: Stroke::new(width + 9.0, col(SELECTION.with_alpha(90))),
            dash: None,
        });
    }
    if let Some(s) = state.severity {
        out.push(Prim::Polyline {
            points: vec![start, end],
            stroke: Stroke::new(width + 7.0, col(severity_halo_color(s).with_alpha(150))),
            dash: None,
        });
    }
    // Pull the line back under the arrow heads so its end does not poke through the tip.
    let len = dir.len();
    let head = 9.0 + width * 1.5;
    let (la, lb) = if len > head * 2.5 {
        let u = dir.scale(1.0 / len);
        (
            if arrows.at_from {
                start.add(u.scale(head * 0.8))
            } else {
                start
            },
            if arrows.at_to {
                end.sub(u.scale(head * 0.8))
            } else {
                end
            },
        )
    } else {
        (start, end)
    };
    out.push(Prim::Polyline {
        points: vec![la, lb],
        stroke: Stroke::new(width, col(color)),
        dash,
    });
    if arrows.at_to {
        out.push(Prim::Polygon {
            points: arrow_head(end, dir, width),
            fill: col(color),
        });
    }
    if arrows.at_from {
        out.push(Prim::Polygon {
            points: arrow_head(start, dir.scale(-1.0), width),
            fill: col(color),
        });
    }

    let text = shown_label(link);
    let size = font_size(LINK_LABEL_SIZE, state.text_scale);
    let pill = label_pill(&text, size, start, end, state.label_shift);
    let (mid, w, h) = (pill.center(), pill.width(), pill.height());
    let pill_stroke = match state.severity {
        Some(s) => Stroke::new(1.5, col(severity_color(s))),
        None => Stroke::new(1.0, col(color.with_alpha(160))),
    };
    out.push(Prim::Rect {
        rect: Rect::from_center_size(mid, w, h),
        radius: h / 2.0,
        fill: Some(col(Rgba::WHITE.with_alpha(235))),
        stroke: Some(pill_stroke),
    });
    out.push(Prim::Text {
        pos: mid,
        text,
        size,
        color: col(if enabled {
            color_for_text(color)
        } else {
            TEXT_MUTED
        }),
        anchor: Anchor::Middle,
        weight: Weight::Normal,
    });
    out
}

/// The pill of a label on the segment `a`–`b`, `shift` along it from the middle.
/// The label as drawn: one line, cut to [`LABEL_MAX_WIDTH`].
pub(super) fn shown_label(link: &Link) -> String {
    truncate_to_width(
        &link_label(link),
        LINK_LABEL_SIZE,
        Weight::Normal,
        LABEL_MAX_WIDTH,
    )
}

pub(super) fn label_pill(text: &str, size: f32, a: Point, b: Point, shift: f32) -> Rect {
    let t = (0.5 + finite_or(shift, 0.0)).clamp(0.15, 0.85);
    let w = text_width(text, size, Weight::Normal) + size * 1.2;
    Rect::from_center_size(a.lerp(b, t), w, size * 1.7)
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// The unordered pair of a link's ends.
fn pair_key(l: &Link) -> (&str, &str) {
    let (a, b) = (l.from.as_str(), l.to.as_str());
    if a <= b { (a, b) } else { (b, a) }
}

/// Half the extent of a card of `size` at `c`, across the direction towards `other`.
fn perpendicular_half_extent(c: Point, size: (f32, f32), other: Point) -> f32 {
    let d = other.sub(c);
    let len = d.len();
    if len < 1e-3 {
        return size.1 / 2.0;
    }
    let (nx, ny) = (d.y / len, d.x / len);
    nx.abs() * size.0 / 2.0 + ny.abs() * size.1 / 2.0
}

/// Lanes ([`link_lanes`]) with parallel links squeezed to fit between the cards' sides and
/// each label slid along its line, greedily in document order,
/// to the first spot where its pill covers no other label and no card (or the least crowded
/// spot). `geometry` is [`node_geometry`](super::node_geometry)'s. Deterministic; shared by
/// canvas and exports.
#[must_use]
pub fn link_layout<S: std::hash::BuildHasher>(
    doc: &Document,
    geometry: &HashMap<NodeId, (Point, (f32, f32)), S>,
) -> HashMap<LinkId, Lane> {
    const SHIFTS: [f32; 7] = [0.0, 0.12, -0.12, 0.24, -0.24, 0.33, -0.33];
    let mut lanes = link_lanes(doc);
    let mut spread: HashMap<(&str, &str), f32> = HashMap::new();
    for l in &doc.links {
        let off = lanes.get(&l.id).map_or(0.0, |lane| lane.offset.abs());
        let e = spread.entry(pair_key(l)).or_insert(0.0);
        *e = e.max(off);
    }
    let cards: Vec<Rect> = geometry
        .values()
        .map(|(c, (w, h))| Rect::from_center_size(*c, *w, *h))
        .collect();
    // A coarse grid of placed pills keeps this near-linear for big plans.
    let cell = 120.0f32;
    let key = |x: f32, y: f32| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut placed: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    let mut card_grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, r) in cards.iter().enumerate() {
        let (x0, y0) = key(r.min.x, r.min.y);
        let (x1, y1) = key(r.max.x, r.max.y);
        for gx in x0..=x1 {
            for gy in y0..=y1 {
                card_grid.entry((gx, gy)).or_default().push(i);
            }
        }
    }
    for l in &doc.links {
        let (Some(&(fc, fs)), Some(&(tc, ts))) = (geometry.get(&l.from), geometry.get(&l.to))
        else {
            continue;
        };
        let Some(lane) = lanes.get_mut(&l.id) else {
            continue;
        };
        // Keep the outermost parallel link inside both cards' sides, squeezing the lanes.
        let widest = spread.get(&pair_key(l)).copied().unwrap_or(0.0);
        let room = (perpendicular_half_extent(fc, fs, tc) - 9.0)
            .min(perpendicular_half_extent(tc, ts, fc) - 9.0)
            .max(0.0);
        if widest > room && widest > 0.0 {
            lane.offset *= room / widest;
        }
        let (a, b) = link_segment(fc, fs, tc, ts, lane.offset);
        let text = shown_label(l);
        let mut best: Option<(usize, f32, Rect)> = None;
        for d in SHIFTS {
            let shift = lane.label_shift + d;
            let r = label_pill(&text, LINK_LABEL_SIZE, a, b, shift);
            let (x0, y0) = key(r.min.x, r.min.y);
            let (x1, y1) = key(r.max.x, r.max.y);
            let mut hits = 0;
            for gx in x0..=x1 {
                for gy in y0..=y1 {
                    hits += placed
                        .get(&(gx, gy))
                        .map_or(0, |v| v.iter().filter(|p| overlaps(p, &r)).count());
                    hits += card_grid.get(&(gx, gy)).map_or(0, |v| {
                        v.iter().filter(|i| overlaps(&cards[**i], &r)).count()
                    });
                }
            }
            if best.as_ref().is_none_or(|(h, _, _)| hits < *h) {
                best = Some((hits, shift, r));
            }
            if hits == 0 {
                break;
            }
        }
        if let Some((_, shift, r)) = best {
            lane.label_shift = shift;
            let (x0, y0) = key(r.min.x, r.min.y);
            let (x1, y1) = key(r.max.x, r.max.y);
            for gx in x0..=x1 {
                for gy in y0..=y1 {
                    placed.entry((gx, gy)).or_default().push(r);
                }
            }
        }
    }
    lanes
}

/// A darker shade of a line colour so small text on white stays legible.
pub(super) fn color_for_text(c: Rgba) -> Rgba {
    let k = |v: u8| (f32::from(v) * 0.8) as u8;
    Rgba([k(c.r()), k(c.g()), k(c.b()), c.a()])
}

/// The bounding box of a link's label pill, for hit-testing and fitting exports.
#[must_use]
pub fn link_label_rect(prims: &[Prim]) -> Option<Rect> {
    prims.iter().rev().find_map(|p| match p {
        Prim::Rect { rect, .. } => Some(*rect),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::testing::texts;
    use crate::look::{CARD_H, node_geometry};
    use crate::model::{LinkKind, Node, NodeKind};

    fn all_points(prims: &[Prim]) -> Vec<f32> {
        let mut v = Vec::new();
        for p in prims {
            match p {
                Prim::Rect { rect, radius, .. } => {
                    v.extend([rect.min.x, rect.min.y, rect.max.x, rect.max.y, *radius]);
                }
                Prim::Circle { center, radius, .. } => v.extend([center.x, center.y, *radius]),
                Prim::Polyline { points, stroke, .. } => {
                    v.push(stroke.width);
                    v.extend(points.iter().flat_map(|p| [p.x, p.y]));
                }
                Prim::Polygon { points, .. } => v.extend(points.iter().flat_map(|p| [p.x, p.y])),
                Prim::Text { pos, size, .. } => v.extend([pos.x, pos.y, *size]),
                Prim::Icon { rect, .. } => {
                    v.extend([rect.min.x, rect.min.y, rect.max.x, rect.max.y]);
                }
            }
        }
        v
    }

    #[test]
    fn zero_length_link_has_finite_coordinates_and_positive_font() {
        let l = Link::new("l", LinkKind::OrganizationRelationship, "a", "b");
        let p = Point::new(100.0, 100.0);
        let prims = link_prims(
            &l,
            p,
            (170.0, 64.0),
            p,
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert!(all_points(&prims).iter().all(|v| v.is_finite()));
        for pr in &prims {
            if let Prim::Text { size, .. } = pr {
                assert!(*size > 0.0);
            }
        }
        // Also with nonsense state values.
        let st = LinkState {
            text_scale: f32::NAN,
            offset: f32::INFINITY,
            label_shift: f32::NAN,
            ..LinkState::default()
        };
        let prims = link_prims(&l, p, (0.0, 0.0), p, (0.0, 0.0), &st);
        assert!(all_points(&prims).iter().all(|v| v.is_finite()));
    }

    #[test]
    fn link_is_clipped_to_both_card_borders() {
        let l = Link::new("l", LinkKind::SendConnector, "a", "b");
        let (a, b) = link_segment(
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            0.0,
        );
        assert!(
            (a.x - 88.0).abs() < 0.01 && (b.x - 312.0).abs() < 0.01,
            "{a:?} {b:?}"
        );
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        // Send connector: one arrow head, at Exchange Online (the `to` end).
        let heads: Vec<_> = prims
            .iter()
            .filter_map(|p| {
                if let Prim::Polygon { points, .. } = p {
                    Some(points[0])
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(heads.len(), 1);
        assert!((heads[0].x - 312.0).abs() < 0.01);
    }

    #[test]
    fn a_long_label_with_line_breaks_is_one_cut_line() {
        let mut l = Link::new("l", LinkKind::SendConnector, "a", "b");
        l.label = Some(format!("VIP\n443\t{}", "x".repeat(10_000)));
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(600.0, 0.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        let label = texts(&prims).pop().expect("the label");
        assert!(label.starts_with("VIP 443 x"), "{label}");
        assert!(label.ends_with('\u{2026}'), "cut: {label}");
        assert!(text_width(&label, LINK_LABEL_SIZE, Weight::Normal) <= LABEL_MAX_WIDTH);
    }

    #[test]
    fn two_way_org_relationship_has_arrows_at_both_ends_and_its_label() {
        let l = Link::new("l", LinkKind::OrganizationRelationship, "a", "b");
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(0.0, 300.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert_eq!(
            prims
                .iter()
                .filter(|p| matches!(p, Prim::Polygon { .. }))
                .count(),
            2
        );
        assert!(texts(&prims).contains(&"Org relationship \u{21C4}".to_owned()));
    }

    #[test]
    fn disabled_link_is_grey_dashed_and_says_so() {
        let mut l = Link::new("l", LinkKind::SendConnector, "a", "b");
        l.enabled = Some(false);
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert!(prims.iter().any(|p| matches!(p, Prim::Polyline { stroke, dash: Some(_), .. } if stroke.color == DISABLED)));
        assert!(texts(&prims).contains(&"Send connector (disabled)".to_owned()));
    }

    #[test]
    fn link_with_a_finding_is_drawn_over_a_halo_in_the_severity_colour() {
        let l = Link::new("l", LinkKind::SendConnector, "a", "b");
        let st = LinkState {
            severity: Some(Severity::Error),
            ..LinkState::default()
        };
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &st,
        );
        let Prim::Polyline { stroke, .. } = &prims[0] else {
            panic!("halo first")
        };
        assert_eq!(
            stroke.color.with_alpha(255),
            severity_color(Severity::Error)
        );
        assert!(stroke.width > link_width(LinkKind::SendConnector) + 4.0);
    }

    #[test]
    fn parallel_links_get_distinct_lanes() {
        let mut doc = Document::default();
        doc.links.push(Link::new(
            "1",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
        ));
        doc.links.push(Link::new("2", LinkKind::Oauth, "lb", "exo"));
        doc.links
            .push(Link::new("3", LinkKind::ReceiveConnector, "exo", "lb"));
        let lanes = link_lanes(&doc);
        let pts: Vec<(Point, Point)> = ["1", "2", "3"]
            .iter()
            .map(|id| {
                let l = doc.link(id).expect("link");
                let (from, to) = if l.from == "lb" {
                    (Point::new(0.0, 0.0), Point::new(0.0, 300.0))
                } else {
                    (Point::new(0.0, 300.0), Point::new(0.0, 0.0))
                };
                link_segment(from, (170.0, 64.0), to, (170.0, 64.0), lanes[&l.id].offset)
            })
            .collect();
        let xs: Vec<f32> = pts.iter().map(|(a, _)| a.x).collect();
        assert!(
            (xs[0] - xs[1]).abs() > 5.0
                && (xs[1] - xs[2]).abs() > 5.0
                && (xs[0] - xs[2]).abs() > 5.0,
            "{xs:?}"
        );
    }

    #[test]
    fn parallel_link_labels_do_not_overlap_and_lines_stay_within_the_cards_sides() {
        let mut doc = Document::default();
        doc.nodes
            .push(Node::new("lb", NodeKind::LoadBalancer, "LB").at(0.0, 0.0));
        doc.nodes
            .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(600.0, 0.0));
        doc.links
            .push(Link::new("1", LinkKind::ReceiveConnector, "exo", "lb"));
        doc.links.push(Link::new(
            "2",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
        ));
        doc.links.push(Link::new("3", LinkKind::Oauth, "lb", "exo"));
        doc.links
            .push(Link::new("4", LinkKind::MigrationEndpoint, "exo", "lb"));
        let geometry = node_geometry(&doc);
        let lanes = link_layout(&doc, &geometry);
        let mut pills = Vec::new();
        for l in &doc.links {
            let (fc, fs) = geometry[&l.from];
            let (tc, ts) = geometry[&l.to];
            let lane = lanes[&l.id];
            let st = LinkState {
                offset: lane.offset,
                label_shift: lane.label_shift,
                ..LinkState::default()
            };
            let (a, b) = link_segment(fc, fs, tc, ts, lane.offset);
            assert!(
                a.y.abs() < CARD_H / 2.0 && b.y.abs() < CARD_H / 2.0,
                "{a:?} {b:?}"
            );
            pills.push(link_label_rect(&link_prims(l, fc, fs, tc, ts, &st)).expect("pill"));
        }
        for (i, p) in pills.iter().enumerate() {
            for q in &pills[i + 1..] {
                assert!(!overlaps(p, q), "{p:?} overlaps {q:?}");
            }
        }
    }
}
