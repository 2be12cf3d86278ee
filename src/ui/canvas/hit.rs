//! Finding what lies under a point without looking at every card and link: a grid of square
//! cells over the canvas, each listing the cards and the links that reach into it. Hover is
//! worked out every frame the pointer moves; scanning a 5,000-node plan for it cost a fifth of
//! a frame. The grid is built when first needed after the drawing changed (`drawing_changed`,
//! a card moved) and only narrows the search: the exact tests stay those of `node_at` and
//! `link_at`. The idle frame and the accessibility nodes use it too, to visit only what is in
//! view.

// The canvas's parts share its private types and fields.
#[allow(clippy::wildcard_imports)]
use super::*;

/// A cell's side in canvas units (about a card and a half).
const CELL: f32 = 256.0;
/// Links are sampled this often along each segment (canvas units): a point near the segment
/// is within half of this of a sample, along it.
const STEP: f32 = CELL / 2.0;
/// How far from its route a link can still be hit (canvas units): its click slop, its lane's
/// offset from the straight line, and half of its label's pill, which sits on the route.
const LINK_REACH: f32 = 140.0;

/// The cards and links listed by the cells they reach into, as indices into the canvas's
/// `node_order` and `link_order` (ascending, so drawing order is kept).
#[derive(Debug, Default)]
pub(super) struct HitIndex {
    nodes: HashMap<(i32, i32), Vec<u32>>,
    links: HashMap<(i32, i32), Vec<u32>>,
    /// How many positions of `node_order` and `link_order` there were.
    counts: (usize, usize),
    /// The cells that list anything lie within these (inclusive).
    span: Option<((i32, i32), (i32, i32))>,
}

fn cell_of(x: f32, y: f32) -> (i32, i32) {
    ((x / CELL).floor() as i32, (y / CELL).floor() as i32)
}

/// Every cell that `r` meets, unless it is not finite.
fn cells(r: Rect) -> impl Iterator<Item = (i32, i32)> {
    let ok = r.min.is_finite() && r.max.is_finite();
    let (lo, hi) = if ok {
        (cell_of(r.min.x, r.min.y), cell_of(r.max.x, r.max.y))
    } else {
        ((0, 0), (-1, -1))
    };
    (lo.1..=hi.1).flat_map(move |y| (lo.0..=hi.0).map(move |x| (x, y)))
}

impl HitIndex {
    /// The cards and links under `p` (canvas), possibly with a few more nearby: in drawing
    /// order, positions in `node_order` and `link_order`.
    pub(super) fn near(&self, p: Pos2) -> (&[u32], &[u32]) {
        let c = cell_of(p.x, p.y);
        (
            self.nodes.get(&c).map_or(&[], Vec::as_slice),
            self.links.get(&c).map_or(&[], Vec::as_slice),
        )
    }

    /// The cards and links that may show in `r` (canvas): positions in `node_order` and
    /// `link_order`, ascending (drawing order), each once.
    pub(super) fn within(&self, r: Rect) -> (Vec<u32>, Vec<u32>) {
        let all = |n: usize| (0..n as u32).collect::<Vec<u32>>();
        let Some((lo, hi)) = self.span else {
            return (Vec::new(), Vec::new());
        };
        let (a, b) = (cell_of(r.min.x, r.min.y), cell_of(r.max.x, r.max.y));
        let overlap = |l: i32, h: i32, a: i32, b: i32| i64::from((h.min(b) - l.max(a) + 1).max(0));
        let area = |l: (i32, i32), h: (i32, i32)| {
            i64::from(h.0 - l.0 + 1).max(0) * i64::from(h.1 - l.1 + 1).max(0)
        };
        let shown = overlap(lo.0, hi.0, a.0, b.0) * overlap(lo.1, hi.1, a.1, b.1);
        // Most of the plan in view: everything, without gathering the cells' lists.
        if shown * 2 >= area(lo, hi) {
            return (all(self.counts.0), all(self.counts.1));
        }
        let gather = |map: &HashMap<(i32, i32), Vec<u32>>, n: usize| {
            let mut seen = vec![false; n];
            for y in a.1.max(lo.1)..=b.1.min(hi.1) {
                for x in a.0.max(lo.0)..=b.0.min(hi.0) {
                    for &i in map.get(&(x, y)).map_or(&[][..], Vec::as_slice) {
                        if let Some(s) = seen.get_mut(i as usize) {
                            *s = true;
                        }
                    }
                }
            }
            (0..n as u32)
                .filter(|&i| seen[i as usize])
                .collect::<Vec<u32>>()
        };
        (
            gather(&self.nodes, self.counts.0),
            gather(&self.links, self.counts.1),
        )
    }
}

impl Canvas {
    /// The part of the canvas (canvas units) shown in `screen`, a screen rectangle of the
    /// widget whose top-left corner is `origin`.
    pub(super) fn canvas_rect(&self, origin: Pos2, screen: Rect) -> Rect {
        let to_canvas = |p: Pos2| ((p - origin - self.pan) / self.zoom).to_pos2();
        Rect::from_min_max(to_canvas(screen.min), to_canvas(screen.max))
    }

    /// The hit grid of the current drawing, built if the drawing changed since.
    pub(super) fn hits(&self) -> &HitIndex {
        self.hits.get_or_init(|| self.build_hits())
    }

    fn build_hits(&self) -> HitIndex {
        let mut index = HitIndex::default();
        for (i, id) in self.node_order.iter().enumerate() {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let loc = self
                .graph
                .node(e.idx)
                .map_or(e.center, MirrorNode::location);
            let r = Rect::from_center_size(loc, Vec2::new(e.look.size.0, e.look.size.1));
            for c in cells(r) {
                index.nodes.entry(c).or_default().push(i as u32);
            }
        }
        let mut seen: Vec<(i32, i32)> = Vec::new();
        for (i, id) in self.link_order.iter().enumerate() {
            let Some((e, a, b)) = self.link_ends(id) else {
                continue;
            };
            // A label drawn larger than the usual reach (a long name) still counts in full.
            let reach = self
                .graph
                .edge(e.idx)
                .and_then(|edge| edge.display().cache.as_ref())
                .and_then(|(_, _, prims)| look::link_label_rect(prims))
                .map_or(LINK_REACH, |r| {
                    LINK_REACH.max(r.width().max(r.height()) / 2.0 + 10.0)
                });
            let margin = Vec2::splat(STEP / 2.0 + reach);
            seen.clear();
            let route = e.route.as_ref().map_or_else(
                || vec![a.location(), b.location()],
                |r| r.points.iter().map(|p| Pos2::new(p.x, p.y)).collect(),
            );
            for w in route.windows(2) {
                let (start, end) = (w[0], w[1]);
                let samples = ((end - start).length() / STEP).ceil().clamp(1.0, 100_000.0) as usize;
                for k in 0..=samples {
                    let at = start.lerp(end, k as f32 / samples as f32);
                    seen.extend(cells(Rect::from_center_size(at, margin * 2.0)));
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for c in &seen {
                index.links.entry(*c).or_default().push(i as u32);
            }
        }
        index.counts = (self.node_order.len(), self.link_order.len());
        index.span = index
            .nodes
            .keys()
            .chain(index.links.keys())
            .fold(None, |span, &c| {
                Some(span.map_or((c, c), |(lo, hi): ((i32, i32), (i32, i32))| {
                    (
                        (lo.0.min(c.0), lo.1.min(c.1)),
                        (hi.0.max(c.0), hi.1.max(c.1)),
                    )
                }))
            });
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cards 0 and 2 in the cell at the origin and the one right of it, card 1 far away.
    fn index() -> HitIndex {
        let mut index = HitIndex::default();
        index.nodes.insert((0, 0), vec![0, 2]);
        index.nodes.insert((1, 0), vec![2]);
        index.nodes.insert((20, 20), vec![1]);
        index.counts = (3, 0);
        index.span = Some(((0, 0), (20, 20)));
        index
    }

    #[test]
    fn a_small_view_lists_each_card_in_it_once_in_drawing_order() {
        let seen = index().within(Rect::from_min_max(Pos2::ZERO, Pos2::new(400.0, 100.0)));
        assert_eq!(seen.0, vec![0, 2]);
    }

    #[test]
    fn a_view_of_most_of_the_plan_lists_every_card() {
        let far = Pos2::new(CELL * 21.0, CELL * 21.0);
        let seen = index().within(Rect::from_min_max(Pos2::ZERO, far));
        assert_eq!(seen.0, vec![0, 1, 2]);
    }

    #[test]
    fn a_point_finds_only_the_cards_of_its_cell() {
        let index = index();
        assert_eq!(index.near(Pos2::new(10.0, 10.0)).0, &[0, 2]);
        assert!(index.near(Pos2::new(-10.0, 10.0)).0.is_empty());
    }
}
