//! Nudging: links that share a channel are drawn side by side, never on top of each other.
//!
//! The router finds each route on its own, so two routes into the same card, or along the
//! same gap between two columns, often run along one line for a stretch and read as a single
//! link. As orthogonal routers do in a last pass, the horizontal and vertical segments that lie
//! on one line and overlap are moved onto parallel lines a few units apart, in the order that
//! crosses least. A move that would take a segment into a card, off the side of the card it
//! ends at, or fold a neighbouring segment back is tried again with a smaller gap, else left
//! out (the overlap stays, and `quality` counts it).

use super::quality::{OVERLAP_DISTANCE, OVERLAP_LENGTH, segment_crossing};
use super::{Point, Rect};

/// The space between two routes nudged apart, then the smaller one tried when it does not fit.
const GAPS: [f32; 2] = [8.0, OVERLAP_DISTANCE + 1.5];
/// Groups of up to this many segments are ordered by trying every order; larger groups take
/// the heuristic order only (their count of orders grows too fast).
const EXHAUSTIVE: usize = 5;
/// Groups of up to this many segments have their heuristic order improved by swapping
/// neighbours, at most this many passes.
const TRANSPOSE_MAX: usize = 24;
const TRANSPOSE_PASSES: usize = 4;
/// How far from a card's corner a nudged end keeps, on the card's side.
const CORNER: f32 = 4.0;
/// A neighbouring segment shortened by a nudge keeps at least this length.
const MIN_LEG: f32 = 2.0;

/// A route to nudge: its corners, from a point on the `from` card's border to one on the `to`
/// card's border.
#[derive(Debug, Clone)]
pub(super) struct Path {
    /// The corners.
    pub points: Vec<Point>,
    /// The card it starts at.
    pub from: Rect,
    /// The card it ends at.
    pub to: Rect,
}

/// Which way a segment runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Axis {
    /// Along x: its line is a y.
    Horizontal,
    /// Along y: its line is an x.
    Vertical,
}

impl Axis {
    /// The coordinate a segment of this axis keeps (its line), and the one it runs along.
    fn split(self, p: Point) -> (f32, f32) {
        match self {
            Axis::Horizontal => (p.y, p.x),
            Axis::Vertical => (p.x, p.y),
        }
    }

    /// `p` moved onto the line `c`.
    fn onto(self, p: Point, c: f32) -> Point {
        match self {
            Axis::Horizontal => Point::new(p.x, c),
            Axis::Vertical => Point::new(c, p.y),
        }
    }
}

/// Segment `j` (from corner `j` to `j + 1`) of path `path`: on line `c`, from `lo` to `hi`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    path: usize,
    j: usize,
    c: f32,
    lo: f32,
    hi: f32,
}

/// Moves apart the segments of `paths` that lie on one line and overlap; `clear(k, p, q)`
/// tells whether segment `p`–`q` of path `k` keeps clear of every card but its ends. Returns,
/// per path, whether it changed. Deterministic: the same paths always give the same result.
pub(super) fn nudge(paths: &mut [Path], clear: &dyn Fn(usize, Point, Point) -> bool) -> Vec<bool> {
    let mut changed = vec![false; paths.len()];
    for axis in [Axis::Horizontal, Axis::Vertical] {
        for group in groups(paths, axis) {
            if let Some(moves) = best_moves(paths, &group, axis, clear) {
                for (s, c) in group.iter().zip(moves) {
                    let pts = &mut paths[s.path].points;
                    pts[s.j] = axis.onto(pts[s.j], c);
                    pts[s.j + 1] = axis.onto(pts[s.j + 1], c);
                    changed[s.path] = true;
                }
            }
        }
    }
    changed
}

/// The groups of segments of this axis drawn on top of each other: on lines less than
/// [`OVERLAP_DISTANCE`] apart and overlapping one another in a chain, two or more segments
/// of different paths each.
fn groups(paths: &[Path], axis: Axis) -> Vec<Vec<Seg>> {
    let mut segs: Vec<Seg> = Vec::new();
    for (k, path) in paths.iter().enumerate() {
        for (j, w) in path.points.windows(2).enumerate() {
            let ((c0, a0), (c1, a1)) = (axis.split(w[0]), axis.split(w[1]));
            if (c0 - c1).abs() < 0.01 && (a0 - a1).abs() > OVERLAP_LENGTH {
                segs.push(Seg {
                    path: k,
                    j,
                    c: c0,
                    lo: a0.min(a1),
                    hi: a0.max(a1),
                });
            }
        }
    }
    segs.sort_by(|a, b| {
        a.c.total_cmp(&b.c)
            .then(a.lo.total_cmp(&b.lo))
            .then(a.path.cmp(&b.path))
            .then(a.j.cmp(&b.j))
    });
    let mut out = Vec::new();
    let mut start = 0;
    while start < segs.len() {
        // A run of lines each less than the overlap distance from the one before.
        let mut end = start + 1;
        while end < segs.len() && segs[end].c - segs[end - 1].c < OVERLAP_DISTANCE {
            end += 1;
        }
        let mut line: Vec<Seg> = segs[start..end].to_vec();
        line.sort_by(|a, b| a.lo.total_cmp(&b.lo).then(a.path.cmp(&b.path)));
        let mut group: Vec<Seg> = Vec::new();
        let mut reach = f32::NEG_INFINITY;
        for s in line {
            if s.lo < reach - OVERLAP_LENGTH {
                reach = reach.max(s.hi);
                group.push(s);
            } else {
                push_group(&mut out, std::mem::take(&mut group));
                reach = s.hi;
                group.push(s);
            }
        }
        push_group(&mut out, group);
        start = end;
    }
    out
}

/// Keeps a group of two or more segments, each of a different path.
fn push_group(out: &mut Vec<Vec<Seg>>, group: Vec<Seg>) {
    let mut paths: Vec<usize> = group.iter().map(|s| s.path).collect();
    paths.sort_unstable();
    paths.dedup();
    if group.len() >= 2 && paths.len() == group.len() {
        out.push(group);
    }
}

/// The new lines of a group's segments (in the group's order): the widest gap that fits,
/// in the order that crosses least; `None` when no gap fits.
fn best_moves(
    paths: &[Path],
    group: &[Seg],
    axis: Axis,
    clear: &dyn Fn(usize, Point, Point) -> bool,
) -> Option<Vec<f32>> {
    let n = group.len();
    let centre = group.iter().map(|s| s.c).sum::<f32>() / n as f32;
    let first = heuristic_order(paths, group, axis);
    let orders: Vec<Vec<usize>> = if n <= EXHAUSTIVE {
        let mut all = vec![first.clone()];
        all.extend(permutations(n).into_iter().filter(|p| *p != first));
        all
    } else {
        vec![first]
    };
    for gap in GAPS {
        // Centred on the shared line first, then all to one side (a channel beside a card
        // has room on one side only).
        for align in [0.5, 1.0, 0.0] {
            // Crossings decide between orders only when there is more than one to try.
            let choose = orders.len() > 1 || n <= TRANSPOSE_MAX;
            let eval = |order: &[usize]| {
                let track = tracks(group, order);
                let count = track.iter().max().map_or(1, |t| t + 1);
                let base = centre - align * (count as f32 - 1.0) * gap;
                let lines: Vec<f32> = track.iter().map(|&t| base + t as f32 * gap).collect();
                let moved = moved_paths(paths, group, axis, &lines, clear)?;
                Some((if choose { crossings_among(&moved) } else { 0 }, lines))
            };
            let mut best: Option<(usize, Vec<f32>, Vec<usize>)> = None;
            for order in &orders {
                if let Some((x, lines)) = eval(order)
                    && best.as_ref().is_none_or(|b| x < b.0)
                {
                    best = Some((x, lines, order.clone()));
                }
            }
            let Some((mut crossings, mut lines, mut order)) = best else {
                continue;
            };
            // A large group: improve the heuristic order by swapping neighbours while that
            // crosses less.
            if n > EXHAUSTIVE && n <= TRANSPOSE_MAX {
                for _ in 0..TRANSPOSE_PASSES {
                    let mut better = false;
                    for i in 0..n - 1 {
                        if crossings == 0 {
                            break;
                        }
                        order.swap(i, i + 1);
                        match eval(&order) {
                            Some((x, l)) if x < crossings => {
                                (crossings, lines) = (x, l);
                                better = true;
                            }
                            _ => order.swap(i, i + 1),
                        }
                    }
                    if !better {
                        break;
                    }
                }
            }
            return Some(lines);
        }
    }
    None
}

/// The group's paths with their segments moved onto `lines`, or `None` when a move is not
/// allowed (into a card, off an end card's side, or folding a neighbouring segment back).
fn moved_paths(
    paths: &[Path],
    group: &[Seg],
    axis: Axis,
    lines: &[f32],
    clear: &dyn Fn(usize, Point, Point) -> bool,
) -> Option<Vec<Vec<Point>>> {
    let mut out = Vec::with_capacity(group.len());
    for (s, &c) in group.iter().zip(lines) {
        let path = &paths[s.path];
        let pts = &path.points;
        let mut new = pts.clone();
        new[s.j] = axis.onto(pts[s.j], c);
        new[s.j + 1] = axis.onto(pts[s.j + 1], c);
        let last = pts.len() - 1;
        // The corners just before and after the segment stay where they are: the segments to
        // them must be perpendicular to this one and keep their direction.
        for (end, other) in [(s.j, s.j.checked_sub(1)), (s.j + 1, Some(s.j + 2))] {
            if let Some(o) = other.filter(|&o| o <= last) {
                let (oc, oa) = axis.split(pts[o]);
                let (ec, ea) = axis.split(pts[end]);
                if (oa - ea).abs() > 0.01 {
                    return None;
                }
                let (before, after) = (ec - oc, c - oc);
                if before * after <= 0.0 || after.abs() < MIN_LEG {
                    return None;
                }
            } else {
                // An end of the route: it stays on its card's side, away from the corners.
                let card = if end == 0 { &path.from } else { &path.to };
                let (lo, hi) = match axis {
                    Axis::Horizontal => (card.min.y, card.max.y),
                    Axis::Vertical => (card.min.x, card.max.x),
                };
                if c < lo + CORNER || c > hi - CORNER {
                    return None;
                }
            }
        }
        let from = s.j.saturating_sub(1);
        let to = (s.j + 2).min(last);
        if (from..to).any(|i| !clear(s.path, new[i], new[i + 1])) {
            return None;
        }
        out.push(new);
    }
    Some(out)
}

/// The order to try first: segments whose route turns towards smaller coordinates at an end
/// go on that side, the one reaching further past the others outermost, so the turns do not
/// cross the other segments of the group.
fn heuristic_order(paths: &[Path], group: &[Seg], axis: Axis) -> Vec<usize> {
    let lo = group.iter().map(|s| s.lo).fold(f32::INFINITY, f32::min);
    let hi = group.iter().map(|s| s.hi).fold(f32::NEG_INFINITY, f32::max);
    let span = (hi - lo).max(1.0);
    // The furthest any route of the group turns away from the line.
    let reach = group
        .iter()
        .flat_map(|s| {
            let pts = &paths[s.path].points;
            [s.j.checked_sub(1), Some(s.j + 2)]
                .into_iter()
                .filter_map(|o| pts.get(o?))
                .map(move |&p| (axis.split(p).0 - s.c).abs())
        })
        .fold(1.0, f32::max);
    let key = |s: &Seg| {
        let pts = &paths[s.path].points;
        // Where the route goes at each end of the segment: -1 towards smaller coordinates,
        // 1 towards larger, 0 where it ends on a card.
        // Ties go by how far the turn goes: the route turning further goes outermost.
        let turn = |o: Option<usize>| {
            o.and_then(|o| pts.get(o)).map_or(0.0, |&p| {
                let d = axis.split(p).0 - s.c;
                d.signum() * (1.0 + 1e-3 * (d.abs() / reach).min(1.0))
            })
        };
        let (a0, a1) = (axis.split(pts[s.j]).1, axis.split(pts[s.j + 1]).1);
        let (before, after) = (turn(s.j.checked_sub(1)), turn(Some(s.j + 2)));
        // The turn at the segment's low end and at its high end.
        let (t_lo, t_hi) = if a0 <= a1 {
            (before, after)
        } else {
            (after, before)
        };
        let (from_lo, from_hi) = ((s.lo - lo) / span, (s.hi - lo) / span);
        t_lo + t_lo * 0.5 * from_lo + t_hi - t_hi * 0.5 * from_hi
    };
    let keys: Vec<f32> = group.iter().map(key).collect();
    let mut order: Vec<usize> = (0..group.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .total_cmp(&keys[b])
            .then(group[a].path.cmp(&group[b].path))
    });
    order
}

/// The parallel line (track) of each segment of the group for this order (`order[rank]` is
/// the segment placed rank-th from the smaller coordinate): one more than the highest track of
/// the segments before it in the order that it overlaps, so overlapping segments keep the
/// order and segments that do not overlap share a line (fewer lines, a narrower channel).
fn tracks(group: &[Seg], order: &[usize]) -> Vec<usize> {
    let mut track = vec![0; group.len()];
    for (rank, &s) in order.iter().enumerate() {
        let (lo, hi) = (group[s].lo, group[s].hi);
        track[s] = order[..rank]
            .iter()
            .filter(|&&r| group[r].lo < hi - OVERLAP_LENGTH && lo < group[r].hi - OVERLAP_LENGTH)
            .map(|&r| track[r] + 1)
            .max()
            .unwrap_or(0);
    }
    track
}

/// Every order of `0..n`, in lexicographic order.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut current: Vec<usize> = (0..n).collect();
    loop {
        out.push(current.clone());
        // The next permutation (Narayana's algorithm).
        let Some(i) = (0..n.saturating_sub(1))
            .rev()
            .find(|&i| current[i] < current[i + 1])
        else {
            return out;
        };
        let Some(j) = (i + 1..n).rev().find(|&j| current[j] > current[i]) else {
            return out;
        };
        current.swap(i, j);
        current[i + 1..].reverse();
    }
}

/// How often these polylines cross one another.
fn crossings_among(paths: &[Vec<Point>]) -> usize {
    let mut count = 0;
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            for s in a.windows(2) {
                for t in b.windows(2) {
                    if segment_crossing(s[0], s[1], t[0], t[1]).is_some() {
                        count += 1;
                    }
                }
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(x: f32, y: f32) -> Rect {
        Rect::from_center_size(Point::new(x, y), 100.0, 60.0)
    }

    fn path(points: &[(f32, f32)], from: Rect, to: Rect) -> Path {
        Path {
            points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
            from,
            to,
        }
    }

    /// Two routes that come down from cards above and turn right along one line into the left
    /// side of the same card.
    fn two_routes_down_into_one_card() -> Vec<Path> {
        let target = card(600.0, 300.0);
        vec![
            path(
                &[(0.0, 30.0), (0.0, 300.0), (550.0, 300.0)],
                card(0.0, 0.0),
                target,
            ),
            path(
                &[(300.0, 30.0), (300.0, 300.0), (550.0, 300.0)],
                card(300.0, 0.0),
                target,
            ),
        ]
    }

    #[test]
    fn two_routes_into_one_card_along_one_line_are_moved_apart_without_crossing() {
        // Both turn right into the target's left side; the one turning further left must go
        // below, or the other's descent would cross it.
        let mut paths = two_routes_down_into_one_card();
        let changed = nudge(&mut paths, &|_, _, _| true);
        assert_eq!(changed, vec![true, true]);
        let (y0, y1) = (paths[0].points[1].y, paths[1].points[1].y);
        assert!((y0 - y1).abs() >= 8.0 - 1e-3, "{y0} and {y1}");
        assert!(y0 > y1, "the longer route goes below");
        let moved: Vec<Vec<Point>> = paths.iter().map(|p| p.points.clone()).collect();
        assert_eq!(crossings_among(&moved), 0);
    }

    #[test]
    fn a_nudge_into_a_card_is_left_out() {
        let mut paths = two_routes_down_into_one_card();
        let before: Vec<Vec<Point>> = paths.iter().map(|p| p.points.clone()).collect();
        let changed = nudge(&mut paths, &|_, p: Point, q: Point| {
            (p.y - 300.0).abs() < 0.01 || (p.y - q.y).abs() > 0.01
        });
        assert_eq!(changed, vec![false, false]);
        let after: Vec<Vec<Point>> = paths.iter().map(|p| p.points.clone()).collect();
        assert_eq!(before, after);
    }

    #[test]
    fn permutations_lists_every_order_once() {
        let all = permutations(4);
        assert_eq!(all.len(), 24);
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 24);
    }
}
