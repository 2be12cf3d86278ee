//! The layered layout: every node of a plan in columns read left to right — the internal
//! network's Exchange servers (one contiguous block per AD site), the other internal pieces
//! (load balancers, directory sync, the Hybrid Agent), the perimeter network, the Internet and
//! Microsoft 365 — ordered within the columns so that straight links cross as little as
//! possible, and placed so that a link spanning several columns passes between the cards of
//! the columns in between instead of through one.
//!
//! The method is Sugiyama's: columns from the zones ([`super::zones`]), with nodes of one
//! area that link to each other (a load balancer routing to another) in columns of their own;
//! long links split into dummy points, one per column crossed; orders improved by median and
//! barycentre sweeps in both directions followed by adjacent transposition to a fixed point,
//! keeping the best order found; then heights chosen by repeatedly pulling each card towards
//! its neighbours and each dummy onto its straight line, with cards kept apart (a weighted
//! isotonic regression per column). Everything is deterministic: ties fall back to document
//! order, so the same plan always gives the same layout.
//!
//! Large blocks (a site of hundreds of servers) wrap into a grid of several sub-columns, so a
//! 1,000-server plan stays a readable picture instead of one column 150,000 units tall.

// Geometry reads best in the textbook's letters (u, v for vertices, a, b for a link's ends).
#![allow(clippy::many_single_char_names)]

use super::node_size;
use super::zones::{Area, placement};
use crate::model::{Document, NodeId, Pos};
use std::collections::{BTreeMap, HashMap};

/// The canvas's snap grid: every tidy position is a multiple of it.
pub const SNAP: f64 = 20.0;
/// Room between two columns of one area, between card edges, for link labels.
const GAP_IN_AREA: f64 = 220.0;
/// Room between the last column of an area and the first of the next (zone borders too).
const GAP_BETWEEN_AREAS: f64 = 280.0;
/// Vertical room between two cards of a column.
const CARD_GAP: f64 = 56.0;
/// Vertical room between two AD site blocks (their boxes and titles).
const SITE_GAP: f64 = 100.0;
/// Least distance between a card and a straight link passing it in another column.
const CLEARANCE: f64 = 30.0;
/// Least distance between two links passing through the same column.
const LINE_GAP: f64 = 16.0;
/// A block of more cards than this wraps into several sub-columns.
const WRAP: usize = 100;
/// A column of more cards than this wraps its sites into grids, whatever their sizes.
const COLUMN_WRAP: usize = 2 * WRAP;
/// In a column wrapped for its total, a site of this many cards or fewer stays one column.
const SMALL_BLOCK: usize = 16;
/// Room between the sub-columns of a wrapped block.
const SUB_GAP: f64 = 60.0;
/// How strongly a dummy point holds to its straight line against the cards around it: the
/// cards give way, so the line passes between them.
const DUMMY_WEIGHT: f64 = 1000.0;
/// How strongly a long link pulls its end to pass through its dummies, against the pull
/// towards the card at its other end.
const LINE_PULL: f64 = 20.0;
/// Rounds of the height assignment.
const PLACE_ROUNDS: usize = 24;
/// Sweeps per ordering strategy, and sweeps without improvement before one gives up.
const SWEEPS: usize = 24;
const PATIENCE: usize = 4;
/// Passes of adjacent transposition at most (each pass that swaps nothing ends it).
const TRANSPOSE_PASSES: usize = 64;
/// Room between notes in the row under the plan, and above that row; between a note and the
/// card it annotates.
const NOTE_GAP: f64 = 40.0;
/// How far a note placed beside its card keeps from other cards and from links.
const NOTE_MARGIN: f64 = 16.0;

/// The tidy position of every node of `doc` (card centres, multiples of [`SNAP`], the top-left
/// card at the origin). Notes keep their offset to the nearest card they annotate when that
/// spot is free (of cards, links and zone borders), else go beside that card, else in a row
/// under the plan.
#[must_use]
pub fn layered_layout(doc: &Document) -> HashMap<NodeId, Pos> {
    let mut graph = Graph::build(doc);
    order(&mut graph);
    let (xs, ys) = refine(doc, &mut graph);
    let mut out: HashMap<NodeId, Pos> = HashMap::with_capacity(doc.nodes.len());
    for (v, d) in graph.doc.iter().enumerate() {
        if let Some(i) = *d {
            out.insert(
                doc.nodes[i].id.clone(),
                Pos {
                    x: snap(xs[v]),
                    y: snap(ys[v]),
                },
            );
        }
    }
    normalize(&mut out);
    place_notes(doc, &mut out);
    out
}

fn snap(v: f64) -> f64 {
    (v / SNAP).round() * SNAP
}

/// Moves positions so the smallest x and y are zero (a multiple of the grid either way).
fn normalize(out: &mut HashMap<NodeId, Pos>) {
    let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
    for p in out.values() {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
    }
    if x0.is_finite() {
        for p in out.values_mut() {
            p.x -= x0;
            p.y -= y0;
        }
    }
}

// ---------------------------------------------------------------------------------------
// The layered graph
// ---------------------------------------------------------------------------------------

/// Nodes (and dummy points of long links) in columns, with links between neighbouring
/// columns only. Vertices `0..real` are the plan's cards, the rest dummies.
struct Graph {
    /// The vertices of every column, in the current order.
    layers: Vec<Vec<usize>>,
    /// The column of every vertex.
    layer: Vec<usize>,
    /// The document index of a card vertex; `None` for a dummy.
    doc: Vec<Option<usize>>,
    /// Neighbours in the column to the left, with the number of links.
    left: Vec<Vec<(usize, u64)>>,
    /// Neighbours in the column to the right.
    right: Vec<Vec<(usize, u64)>>,
    /// The block a vertex stays in within its column (the AD site of a server; 0 otherwise).
    group: Vec<usize>,
    /// A dummy's two card ends, left one first.
    chain: Vec<Option<(usize, usize)>>,
    /// The area of every column.
    area: Vec<Area>,
}

impl Graph {
    fn build(doc: &Document) -> Self {
        let index: HashMap<&NodeId, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (&n.id, i))
            .collect();
        let places: Vec<_> = doc.nodes.iter().map(placement).collect();
        // Site servers stand at the left of their area; other nodes of an area get columns
        // by the longest chain of links to other such nodes of the area (a load balancer
        // routing to a load balancer stands right of it).
        let free = |i: usize| places[i].is_some_and(|p| p.site.is_none());
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); doc.nodes.len()];
        for l in &doc.links {
            if let (Some(&a), Some(&b)) = (index.get(&l.from), index.get(&l.to))
                && a != b
                && free(a)
                && free(b)
                && places[a].map(|p| p.area) == places[b].map(|p| p.area)
            {
                out[a].push(b);
            }
        }
        let rank = longest_path_ranks(&out);
        let key = |i: usize| places[i].map(|p| (p.area, if free(i) { 1 + rank[i] } else { 0 }));
        let keys: BTreeMap<(Area, usize), usize> = (0..doc.nodes.len())
            .filter_map(key)
            .map(|k| (k, 0))
            .collect();
        let column: BTreeMap<(Area, usize), usize> =
            keys.keys().enumerate().map(|(c, k)| (*k, c)).collect();
        let area: Vec<Area> = column.keys().map(|k| k.0).collect();

        let mut g = Graph {
            layers: vec![Vec::new(); column.len()],
            layer: Vec::new(),
            doc: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            group: Vec::new(),
            chain: Vec::new(),
            area,
        };
        let mut vertex_of: Vec<Option<usize>> = vec![None; doc.nodes.len()];
        let mut site_rank: HashMap<&str, usize> = HashMap::new();
        for (i, n) in doc.nodes.iter().enumerate() {
            let Some(k) = key(i) else { continue };
            let group = match places[i].and_then(|p| p.site) {
                Some(site) => {
                    let next = site_rank.len();
                    *site_rank.entry(site).or_insert(next)
                }
                None => 0,
            };
            let _ = n;
            vertex_of[i] = Some(g.push(column[&k], Some(i), group, None));
        }
        // Links between cards of different columns, parallel links merged (sorted, so the
        // dummies come in a stable order).
        let mut pairs: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for l in &doc.links {
            if let (Some(&a), Some(&b)) = (index.get(&l.from), index.get(&l.to))
                && let (Some(va), Some(vb)) = (vertex_of[a], vertex_of[b])
                && g.layer[va] != g.layer[vb]
            {
                let (u, v) = if g.layer[va] < g.layer[vb] {
                    (va, vb)
                } else {
                    (vb, va)
                };
                *pairs.entry((u, v)).or_insert(0) += 1;
            }
        }
        for ((u, v), w) in pairs {
            let mut prev = u;
            for c in g.layer[u] + 1..g.layer[v] {
                let d = g.push(c, None, 0, Some((u, v)));
                g.connect(prev, d, w);
                prev = d;
            }
            g.connect(prev, v, w);
        }
        // The starting order: sites in order of first use, then document order.
        for col in &mut g.layers {
            let group = &g.group;
            col.sort_by_key(|&v| (group[v], v));
        }
        g
    }

    fn push(
        &mut self,
        column: usize,
        doc: Option<usize>,
        group: usize,
        chain: Option<(usize, usize)>,
    ) -> usize {
        let v = self.layer.len();
        self.layer.push(column);
        self.doc.push(doc);
        self.left.push(Vec::new());
        self.right.push(Vec::new());
        self.group.push(group);
        self.chain.push(chain);
        self.layers[column].push(v);
        v
    }

    /// Links `a` (left) and `b` (its right neighbour column).
    fn connect(&mut self, a: usize, b: usize, w: u64) {
        self.right[a].push((b, w));
        self.left[b].push((a, w));
    }
}

/// For every vertex, the length of the longest chain of links leaving it (links closing a
/// cycle are ignored). Iterative, so a long chain cannot overflow the stack.
fn longest_path_ranks(out: &[Vec<usize>]) -> Vec<usize> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let n = out.len();
    let mut rank = vec![0; n];
    let mut state = vec![NEW; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for s in 0..n {
        if state[s] != NEW {
            continue;
        }
        state[s] = OPEN;
        stack.push((s, 0));
        while let Some(top) = stack.last_mut() {
            let u = top.0;
            if let Some(&v) = out[u].get(top.1) {
                top.1 += 1;
                if state[v] == NEW {
                    state[v] = OPEN;
                    stack.push((v, 0));
                }
            } else {
                rank[u] = out[u]
                    .iter()
                    .filter(|&&v| state[v] == DONE)
                    .map(|&v| rank[v] + 1)
                    .max()
                    .unwrap_or(0);
                state[u] = DONE;
                stack.pop();
            }
        }
    }
    rank
}

// ---------------------------------------------------------------------------------------
// Ordering
// ---------------------------------------------------------------------------------------

/// The index of every vertex in its column.
fn positions(g: &Graph, layers: &[Vec<usize>]) -> Vec<usize> {
    let mut pos = vec![0; g.layer.len()];
    for col in layers {
        for (i, &v) in col.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Crossings between two neighbouring columns, weighted by parallel links (a Fenwick tree
/// over the right column: links sorted by their left end, each counts the ones before it
/// that end lower on the right).
fn crossings_between(g: &Graph, layers: &[Vec<usize>], pos: &[usize], c: usize) -> u64 {
    let mut edges: Vec<(usize, usize, u64)> = layers[c]
        .iter()
        .flat_map(|&u| g.right[u].iter().map(move |&(v, w)| (pos[u], pos[v], w)))
        .collect();
    edges.sort_unstable();
    let n = layers[c + 1].len();
    let mut tree = vec![0u64; n + 1];
    let mut total_w = 0u64;
    let mut count = 0u64;
    for (_, b, w) in edges {
        // Weight of links already seen ending at or above b.
        let mut at_or_above = 0u64;
        let mut i = b + 1;
        while i > 0 {
            at_or_above += tree[i];
            i &= i - 1;
        }
        count += w * (total_w - at_or_above);
        let mut i = b + 1;
        while i <= n {
            tree[i] += w;
            i += i & i.wrapping_neg();
        }
        total_w += w;
    }
    count
}

fn crossings(g: &Graph, layers: &[Vec<usize>]) -> u64 {
    let pos = positions(g, layers);
    (0..layers.len().saturating_sub(1))
        .map(|c| crossings_between(g, layers, &pos, c))
        .sum()
}

#[derive(Clone, Copy, PartialEq)]
enum Key {
    Median,
    Barycentre,
}

/// Reorders column `c` by its neighbours in the column to the left (`from_left`) or right.
fn sweep_column(
    g: &Graph,
    layers: &mut [Vec<usize>],
    pos: &[usize],
    c: usize,
    from_left: bool,
    (key, fallback): (Key, bool),
) {
    let other = if from_left {
        c.checked_sub(1)
    } else {
        Some(c + 1)
    };
    if other.is_none_or(|o| o >= layers.len()) {
        return;
    }
    let len_here = layers[c].len().max(1) as f64;
    let at = |u: usize| (pos[u] as f64 + 0.5) / layers[g.layer[u]].len().max(1) as f64;
    let mut keyed: Vec<(usize, f64, usize)> = layers[c]
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let (nbrs, beyond) = if from_left {
                (&g.left[v], &g.right[v])
            } else {
                (&g.right[v], &g.left[v])
            };
            let value = if !nbrs.is_empty() {
                key_of(nbrs, key, &at)
            } else if fallback && !beyond.is_empty() {
                // Nothing on this side: follow the other side rather than stay put, so a
                // node linked only rightwards still finds its place among the lines.
                key_of(beyond, Key::Barycentre, &at)
            } else {
                (i as f64 + 0.5) / len_here
            };
            (g.group[v], value, i)
        })
        .collect();
    // Blocks (sites) ordered by their members' mean key, their first-use order breaking ties.
    let mut block: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for &(grp, value, _) in &keyed {
        let e = block.entry(grp).or_insert((0.0, 0.0));
        e.0 += value;
        e.1 += 1.0;
    }
    let mut blocks: Vec<(f64, usize)> = block.iter().map(|(&grp, &(s, n))| (s / n, grp)).collect();
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let block_rank: HashMap<usize, usize> = blocks
        .iter()
        .enumerate()
        .map(|(r, &(_, grp))| (grp, r))
        .collect();
    keyed.sort_by(|a, b| {
        block_rank[&a.0]
            .cmp(&block_rank[&b.0])
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let col: Vec<usize> = keyed.iter().map(|&(_, _, i)| layers[c][i]).collect();
    layers[c] = col;
}

/// The median or barycentre of the neighbours' relative places in their column.
fn key_of(nbrs: &[(usize, u64)], key: Key, at: &dyn Fn(usize) -> f64) -> f64 {
    match key {
        Key::Barycentre => {
            let (s, w) = nbrs.iter().fold((0.0, 0.0), |(s, w), &(u, k)| {
                (s + at(u) * k as f64, w + k as f64)
            });
            s / w
        }
        Key::Median => {
            let mut ps: Vec<f64> = nbrs.iter().map(|&(u, _)| at(u)).collect();
            ps.sort_by(f64::total_cmp);
            let m = ps.len() / 2;
            if ps.len() % 2 == 1 {
                ps[m]
            } else {
                f64::midpoint(ps[m - 1], ps[m])
            }
        }
    }
}

/// Crossings among the links of `u` and `v` (u above v) with one neighbour list each.
fn pair_crossings(pos: &[usize], nu: &[(usize, u64)], nv: &[(usize, u64)]) -> (u64, u64) {
    let (mut uv, mut vu) = (0, 0);
    for &(a, wa) in nu {
        for &(b, wb) in nv {
            if pos[a] > pos[b] {
                uv += wa * wb;
            } else if pos[a] < pos[b] {
                vu += wa * wb;
            }
        }
    }
    (uv, vu)
}

/// Swaps neighbours in a column (within one block) while that removes crossings, until no
/// swap helps.
fn transpose(g: &Graph, layers: &mut [Vec<usize>], pos: &mut [usize]) {
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for col in layers.iter_mut() {
            for j in 0..col.len().saturating_sub(1) {
                let (u, v) = (col[j], col[j + 1]);
                if g.group[u] != g.group[v] {
                    continue;
                }
                let (l_uv, l_vu) = pair_crossings(pos, &g.left[u], &g.left[v]);
                let (r_uv, r_vu) = pair_crossings(pos, &g.right[u], &g.right[v]);
                if l_vu + r_vu < l_uv + r_uv {
                    col.swap(j, j + 1);
                    pos[u] = j + 1;
                    pos[v] = j;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Orders every column for few crossings: several strategies from the same start, the best
/// order kept (the earliest among equals, so document order wins ties).
fn order(g: &mut Graph) {
    let start = g.layers.clone();
    let mut best = start.clone();
    let mut best_count = crossings(g, &best);
    if best_count == 0 {
        return;
    }
    let mut strategies = Vec::new();
    for fallback in [false, true] {
        for left_first in [true, false] {
            for key in [Key::Median, Key::Barycentre] {
                strategies.push((key, fallback, left_first));
            }
        }
    }
    for (key, fallback, left_first) in strategies {
        let mut layers = start.clone();
        let mut stale = 0;
        for sweep in 0..SWEEPS {
            let from_left = (sweep % 2 == 0) == left_first;
            let n = layers.len();
            for step in 0..n {
                let c = if from_left { step } else { n - 1 - step };
                let pos = positions(g, &layers);
                sweep_column(g, &mut layers, &pos, c, from_left, (key, fallback));
            }
            let mut pos = positions(g, &layers);
            transpose(g, &mut layers, &mut pos);
            let count = crossings(g, &layers);
            if count < best_count {
                best_count = count;
                best.clone_from(&layers);
                stale = 0;
            } else {
                stale += 1;
            }
            if best_count == 0 || stale >= PATIENCE {
                break;
            }
        }
        if best_count == 0 {
            break;
        }
    }
    g.layers = best;
}

// ---------------------------------------------------------------------------------------
// Refinement on the drawing
// ---------------------------------------------------------------------------------------

/// Graphs up to this many vertices are refined on the drawing itself.
const REFINE_LIMIT: usize = 200;
/// Drawings tried at most while refining, so a large plan stays quick to lay out.
const REFINE_TRIALS: usize = 600;
/// Columns up to this long try every slot for each card; longer ones only swap neighbours.
const MOVE_LIMIT: usize = 12;
/// Rounds of refinement at most.
const REFINE_ROUNDS: usize = 8;

/// The x and y of every vertex.
type Coords = (Vec<f64>, Vec<f64>);

/// A move tried while refining: the column, its new order, the drawing and its faults.
struct Move {
    column: usize,
    order: Vec<usize>,
    coords: Coords,
    hot: Vec<usize>,
}

/// What a drawing costs, worst first: straight links through cards, crossings, then the
/// total length of the links (in tens of units), so among equals the compact drawing wins.
type Score = (usize, usize, u64);

/// The coordinates, after improving the order on the drawing itself: counting crossings by
/// columns cannot see a straight link forced through a card by the heights, so for small plans
/// each card is tried in the other slots of its column (and neighbours swapped in long
/// columns), a move kept when the drawing gets strictly better.
fn refine(doc: &Document, g: &mut Graph) -> Coords {
    // Card sizes measure text: once, not per trial.
    let sizes: Vec<(f64, f64)> = g
        .doc
        .iter()
        .map(|d| {
            d.map_or((0.0, 0.0), |i| {
                let (w, h) = node_size(&doc.nodes[i]);
                (f64::from(w), f64::from(h))
            })
        })
        .collect();
    let mut best = coordinates(&sizes, g);
    if g.layer.len() > REFINE_LIMIT {
        return best;
    }
    let (mut best_score, mut hot) = score(&sizes, g, &best);
    let mut trials = 0;
    for _ in 0..REFINE_ROUNDS {
        if best_score.0 == 0 && best_score.1 == 0 && hot.is_empty() {
            break;
        }
        // The best single move of a card or dummy involved in a fault (the first among
        // equals), tried in every slot of a short column and a few slots around it in a
        // long one.
        let mut chosen: Option<Move> = None;
        for &v in &hot {
            let c = g.layer[v];
            let len = g.layers[c].len();
            let Some(j) = g.layers[c].iter().position(|&u| u == v) else {
                continue;
            };
            let slots: Vec<usize> = if len <= MOVE_LIMIT {
                (0..len).filter(|&k| k != j).collect()
            } else {
                (j.saturating_sub(3)..(j + 4).min(len))
                    .filter(|&k| k != j)
                    .collect()
            };
            for k in slots {
                if trials >= REFINE_TRIALS {
                    break;
                }
                let mut trial = g.layers[c].clone();
                let moved = trial.remove(j);
                trial.insert(k, moved);
                if !blocks_contiguous(g, &trial) {
                    continue;
                }
                trials += 1;
                let saved = std::mem::replace(&mut g.layers[c], trial);
                let xy = coordinates(&sizes, g);
                let (s, h) = score(&sizes, g, &xy);
                if s < best_score {
                    best_score = s;
                    chosen = Some(Move {
                        column: c,
                        order: g.layers[c].clone(),
                        coords: xy,
                        hot: h,
                    });
                }
                g.layers[c] = saved;
            }
        }
        let Some(m) = chosen else { break };
        g.layers[m.column] = m.order;
        best = m.coords;
        hot = m.hot;
    }
    best
}

/// Whether every block (site) of a column is still in one piece.
fn blocks_contiguous(g: &Graph, col: &[usize]) -> bool {
    let mut seen: Vec<usize> = Vec::new();
    for &v in col {
        let grp = g.group[v];
        if seen.last() != Some(&grp) {
            if seen.contains(&grp) {
                return false;
            }
            seen.push(grp);
        }
    }
    true
}

/// Intrusions and crossings of straight centre-to-centre links between the cards, and the
/// vertices involved in them (cards run through, the ends and dummies of faulty links), in
/// increasing order.
fn score(sizes: &[(f64, f64)], g: &Graph, (xs, ys): &Coords) -> (Score, Vec<usize>) {
    let cards: Vec<(usize, [f64; 4])> = (0..g.layer.len())
        .filter_map(|v| {
            g.doc[v]?;
            let (hw, hh) = (sizes[v].0 / 2.0, sizes[v].1 / 2.0);
            Some((v, [xs[v] - hw, ys[v] - hh, xs[v] + hw, ys[v] + hh]))
        })
        .collect();
    // Every link once: its two cards, its dummies, its weight.
    let mut lines: Vec<(usize, usize, Vec<usize>, u64)> = Vec::new();
    for v in 0..g.layer.len() {
        if g.doc[v].is_some() {
            for &(u, w) in &g.right[v] {
                let mut dummies = Vec::new();
                let mut at = u;
                while g.chain[at].is_some() {
                    dummies.push(at);
                    let Some(&(next, _)) = g.right[at].first() else {
                        break;
                    };
                    at = next;
                }
                lines.push((v, at, dummies, w));
            }
        }
    }
    let mut hot: Vec<usize> = Vec::new();
    let mut intrusions = 0;
    let mut length = 0.0;
    for (a, b, dummies, w) in &lines {
        let (a, b) = (*a, *b);
        length += (xs[b] - xs[a]).hypot(ys[b] - ys[a]) * *w as f64;
        let (p, q) = ((xs[a], ys[a]), (xs[b], ys[b]));
        let (top, bottom) = (p.1.min(q.1), p.1.max(q.1));
        for (v, r) in &cards {
            if *v != a
                && *v != b
                && r[0] < q.0
                && r[2] > p.0
                && r[1] < bottom
                && r[3] > top
                && segment_hits(p, q, r)
            {
                intrusions += *w as usize;
                hot.push(*v);
                hot.extend(dummies.iter().filter(|&&d| g.layer[d] == g.layer[*v]));
            }
        }
    }
    let mut crossings = 0;
    for (i, (a, b, da, w)) in lines.iter().enumerate() {
        let (a, b) = (*a, *b);
        let (ta, ba) = (ys[a].min(ys[b]), ys[a].max(ys[b]));
        for (c, d, dc, k) in &lines[i + 1..] {
            let (c, d) = (*c, *d);
            if a == c || a == d || b == c || b == d {
                continue;
            }
            if ys[c].max(ys[d]) < ta || ys[c].min(ys[d]) > ba || xs[d] < xs[a] || xs[c] > xs[b] {
                continue;
            }
            if segments_cross(
                (xs[a], ys[a]),
                (xs[b], ys[b]),
                (xs[c], ys[c]),
                (xs[d], ys[d]),
            ) {
                crossings += (w * k) as usize;
                hot.extend([a, b, c, d]);
                hot.extend(da.iter().chain(dc));
            }
        }
    }
    // Every vertex of a column with a fault may be the one to move.
    let mut columns: Vec<usize> = hot.iter().map(|&v| g.layer[v]).collect();
    columns.sort_unstable();
    columns.dedup();
    hot = columns
        .iter()
        .flat_map(|&c| g.layers[c].iter().copied())
        .collect();
    hot.sort_unstable();
    hot.dedup();
    ((crossings, intrusions, (length / 10.0).round() as u64), hot)
}

/// Whether segment p–q passes through the inside of box r (left, top, right, bottom).
fn segment_hits(p: (f64, f64), q: (f64, f64), r: &[f64; 4]) -> bool {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (e, f) in [
        (-dx, p.0 - r[0]),
        (dx, r[2] - p.0),
        (-dy, p.1 - r[1]),
        (dy, r[3] - p.1),
    ] {
        if e.abs() < 1e-12 {
            if f <= 0.0 {
                return false;
            }
        } else {
            let t = f / e;
            if e < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-6
}

/// Whether segments a–b and c–d cross properly.
fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (d1, d2) = (side(a, b, c), side(a, b, d));
    let (d3, d4) = (side(c, d, a), side(c, d, b));
    d1 * d2 < -1e-9 && d3 * d4 < -1e-9
}

// ---------------------------------------------------------------------------------------
// Coordinates
// ---------------------------------------------------------------------------------------

/// Heights of a column's blocks are wrapped into grids when a block is this large.
fn wraps(g: &Graph, c: usize) -> bool {
    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for &v in &g.layers[c] {
        if g.doc[v].is_some() {
            *count.entry(g.group[v]).or_insert(0) += 1;
        }
    }
    count.values().any(|&n| n > WRAP) || count.values().sum::<usize>() > COLUMN_WRAP
}

/// Sub-columns of a wrapped block of `n` cards: about as wide as tall on the canvas. A block
/// of `least` cards or fewer stays one column.
fn grid_columns(n: usize, least: usize, pitch_x: f64, pitch_y: f64) -> usize {
    if n <= least {
        return 1;
    }
    ((n as f64 * pitch_y / pitch_x).sqrt().ceil() as usize).max(2)
}

/// The x and y of every vertex (dummies included; dummies of wrapped columns are unused).
fn coordinates(sizes: &[(f64, f64)], g: &Graph) -> Coords {
    let n = g.layer.len();
    let size = |v: usize| sizes[v];
    let mut xs = vec![0.0; n];
    let mut ys = vec![0.0; n];
    let card_w: Vec<f64> = g
        .layers
        .iter()
        .map(|col| col.iter().map(|&v| size(v).0).fold(0.0, f64::max))
        .collect();
    let card_h: Vec<f64> = g
        .layers
        .iter()
        .map(|col| col.iter().map(|&v| size(v).1).fold(0.0, f64::max))
        .collect();
    let wrapped: Vec<bool> = (0..g.layers.len()).map(|c| wraps(g, c)).collect();

    let mut width = card_w.clone();
    let mut sub_x: Vec<Vec<(usize, f64)>> = vec![Vec::new(); g.layers.len()];
    for c in (0..g.layers.len()).filter(|&c| wrapped[c]) {
        let (w, xs_in) = wrap_column(g, c, card_w[c], card_h[c], &mut ys);
        width[c] = w;
        sub_x[c] = xs_in;
    }

    // Columns left to right; a wider gap where the area changes.
    let mut x = 0.0;
    let mut column_x = vec![0.0; g.layers.len()];
    for c in 0..g.layers.len() {
        if c > 0 {
            let gap = if g.area[c] == g.area[c - 1] {
                GAP_IN_AREA
            } else {
                GAP_BETWEEN_AREAS
            };
            x += width[c - 1] / 2.0 + gap + width[c] / 2.0;
        }
        column_x[c] = x;
        for &v in &g.layers[c] {
            xs[v] = x;
        }
        for &(v, dx) in &sub_x[c] {
            xs[v] = x + dx;
        }
    }

    // Free columns: cards pulled towards their neighbours, dummies onto their lines.
    let ends = real_ends(g);
    let free: Vec<usize> = (0..g.layers.len()).filter(|&c| !wrapped[c]).collect();
    for &c in &free {
        let col = &g.layers[c];
        let targets = vec![0.0; col.len()];
        let weights = vec![1.0; col.len()];
        let seps = separations(g, c, &|v| size(v).1, &xs, &ys, card_w[c]);
        for (v, y) in col.iter().zip(place_column(&targets, &weights, &seps)) {
            ys[*v] = y;
        }
    }
    for round in 0..PLACE_ROUNDS {
        let cols: Vec<usize> = if round % 2 == 0 {
            free.clone()
        } else {
            free.iter().rev().copied().collect()
        };
        for c in cols {
            let col = &g.layers[c];
            let mut targets = Vec::with_capacity(col.len());
            let mut weights = Vec::with_capacity(col.len());
            for &v in col {
                if let Some((a, b)) = g.chain[v] {
                    let t = if (xs[b] - xs[a]).abs() < 1e-9 {
                        0.5
                    } else {
                        (xs[v] - xs[a]) / (xs[b] - xs[a])
                    };
                    targets.push(ys[a] + (ys[b] - ys[a]) * t);
                    weights.push(DUMMY_WEIGHT);
                } else {
                    // Pulled towards the cards at the other ends of its links (not the
                    // dummies, which follow the lines).
                    // A long link also pulls its end to where the straight line passes
                    // through the dummy next to it, so the line follows the slot the order
                    // left for it between the cards of the columns in between.
                    let mut s = 0.0;
                    let mut w = 0.0;
                    for &(u, dummy, k) in &ends[v] {
                        let k = k as f64;
                        s += ys[u] * k;
                        w += k;
                        if let Some(d) = dummy {
                            let t = ((xs[d] - xs[v]) / (xs[u] - xs[v])).clamp(0.0, 0.9);
                            s += (ys[d] - t * ys[u]) / (1.0 - t) * k * LINE_PULL;
                            w += k * LINE_PULL;
                        }
                    }
                    targets.push(if w > 0.0 { s / w } else { ys[v] });
                    weights.push(1.0);
                }
            }
            let seps = separations(g, c, &|v| size(v).1, &xs, &ys, card_w[c]);
            let placed = place_column(&targets, &weights, &seps);
            for (v, y) in col.iter().zip(placed) {
                ys[*v] = y;
            }
        }
    }
    snap_columns(g, sizes, &free, &mut ys);
    (xs, ys)
}

/// For every card, the cards at the other ends of its links, with the dummy next to it on a
/// long link (`None` for a short one) and the number of links.
fn real_ends(g: &Graph) -> Vec<Vec<(usize, Option<usize>, u64)>> {
    let mut out: Vec<Vec<(usize, Option<usize>, u64)>> = vec![Vec::new(); g.layer.len()];
    for v in 0..g.layer.len() {
        if g.doc[v].is_none() {
            continue;
        }
        for &(u, w) in &g.right[v] {
            match g.chain[u] {
                None => {
                    out[v].push((u, None, w));
                    out[u].push((v, None, w));
                }
                Some((_, far)) => {
                    // The dummy next to the far end: the last of the chain.
                    let mut last = u;
                    while let Some(&(next, _)) = g.right[last].first() {
                        if g.chain[next].is_none() {
                            break;
                        }
                        last = next;
                    }
                    out[v].push((far, Some(u), w));
                    out[far].push((v, Some(last), w));
                }
            }
        }
    }
    out
}

/// Puts the cards of the free columns on the grid, still apart after rounding.
fn snap_columns(g: &Graph, sizes: &[(f64, f64)], free: &[usize], ys: &mut [f64]) {
    for &c in free {
        let cards = g.layers[c].iter().copied().filter(|&v| g.doc[v].is_some());
        let mut prev: Option<usize> = None;
        for v in cards {
            let mut y = snap(ys[v]);
            if let Some(p) = prev {
                let gap = if g.group[p] == g.group[v] {
                    CARD_GAP
                } else {
                    SITE_GAP
                };
                let least = ys[p] + f64::midpoint(sizes[p].1, sizes[v].1) + gap;
                while y < least - SNAP / 2.0 {
                    y += SNAP;
                }
            }
            ys[v] = y;
            prev = Some(v);
        }
    }
}

/// A wrapped column: each block (site) a grid of sub-columns, blocks stacked and centred on
/// zero. Sets the cards' heights; returns the column's width and every card's x offset.
fn wrap_column(
    g: &Graph,
    c: usize,
    card_w: f64,
    card_h: f64,
    ys: &mut [f64],
) -> (f64, Vec<(usize, f64)>) {
    let pitch_x = card_w + SUB_GAP;
    let pitch_y = card_h + CARD_GAP;
    let mut blocks: Vec<(usize, Vec<usize>)> = Vec::new();
    for &v in g.layers[c].iter().filter(|&&v| g.doc[v].is_some()) {
        match blocks.last_mut() {
            Some((grp, vs)) if *grp == g.group[v] => vs.push(v),
            _ => blocks.push((g.group[v], vec![v])),
        }
    }
    // A column wrapped for its total (many sites of up to `WRAP` cards, as a large imported
    // organization has) would still be one very tall column of sites: there every site but a
    // small one becomes a grid too.
    let total: usize = blocks.iter().map(|(_, vs)| vs.len()).sum();
    let least = if total > COLUMN_WRAP {
        SMALL_BLOCK
    } else {
        WRAP
    };
    let mut sub_x = Vec::new();
    let mut y = 0.0;
    let mut widest: f64 = 0.0;
    for (_, vs) in &blocks {
        let k = grid_columns(vs.len(), least, pitch_x, pitch_y);
        widest = widest.max(k as f64 * pitch_x - SUB_GAP);
        for (i, &v) in vs.iter().enumerate() {
            ys[v] = y + (i / k) as f64 * pitch_y;
            sub_x.push((v, ((i % k) as f64 - (k as f64 - 1.0) / 2.0) * pitch_x));
        }
        y += (vs.len().div_ceil(k)) as f64 * pitch_y - CARD_GAP + SITE_GAP;
    }
    let mid = (y - SITE_GAP + CARD_GAP - pitch_y) / 2.0;
    for &(v, _) in &sub_x {
        ys[v] -= mid;
    }
    (widest, sub_x)
}

/// The least distance between the centres of every vertex of column `c` and the one above it
/// (the first entry is unused). A dummy's reach grows with its line's slope, so a steep line
/// clears a card's corners too.
fn separations(
    g: &Graph,
    c: usize,
    height: &dyn Fn(usize) -> f64,
    xs: &[f64],
    ys: &[f64],
    card_w: f64,
) -> Vec<f64> {
    let reach = |v: usize| -> f64 {
        match g.chain[v] {
            Some((a, b)) => {
                let dx = (xs[b] - xs[a]).abs().max(1.0);
                let slope = ((ys[b] - ys[a]) / dx).abs();
                CLEARANCE + slope * card_w / 2.0
            }
            None => height(v) / 2.0,
        }
    };
    let col = &g.layers[c];
    let mut out = vec![0.0; col.len()];
    for j in 1..col.len() {
        let (u, v) = (col[j - 1], col[j]);
        out[j] = match (g.chain[u].is_some(), g.chain[v].is_some()) {
            (true, true) => LINE_GAP,
            (false, false) if g.group[u] != g.group[v] => reach(u) + reach(v) + SITE_GAP,
            (false, false) => reach(u) + reach(v) + CARD_GAP,
            _ => reach(u) + reach(v),
        };
    }
    out
}

/// Heights for one column: as close to `targets` as the weights say, in the given order, each
/// at least its separation below the one above (pool-adjacent-violators on the shifted
/// targets).
fn place_column(targets: &[f64], weights: &[f64], seps: &[f64]) -> Vec<f64> {
    let mut shift = Vec::with_capacity(targets.len());
    let mut s = 0.0;
    for (j, sep) in seps.iter().enumerate() {
        if j > 0 {
            s += sep;
        }
        shift.push(s);
    }
    // Blocks of (weighted sum, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for ((t, w), sh) in targets.iter().zip(weights).zip(&shift) {
        blocks.push(((t - sh) * w, *w, 1));
        while blocks.len() > 1 {
            let (s1, w1, _) = blocks[blocks.len() - 1];
            let (s0, w0, _) = blocks[blocks.len() - 2];
            if s0 / w0 <= s1 / w1 {
                break;
            }
            let Some(last) = blocks.pop() else { break };
            if let Some(prev) = blocks.last_mut() {
                prev.0 += last.0;
                prev.1 += last.1;
                prev.2 += last.2;
            }
        }
    }
    let mut out = Vec::with_capacity(targets.len());
    for (s, w, count) in blocks {
        for _ in 0..count {
            let j = out.len();
            out.push(s / w + shift[j]);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------

/// Where notes may go: free of cards, of the links' straight lines and of zone borders.
struct NoteRoom {
    /// Cards and notes placed so far (left, top, right, bottom).
    taken: Vec<[f64; 4]>,
    /// The straight line of every link between two placed cards.
    lines: Vec<((f64, f64), (f64, f64))>,
    /// The zone boxes, with their area.
    regions: Vec<(Area, [f64; 4])>,
    /// A box around every zone box.
    hull: Option<[f64; 4]>,
}

impl NoteRoom {
    fn new(
        doc: &Document,
        out: &HashMap<NodeId, Pos>,
        rect: &dyn Fn(usize, Pos) -> [f64; 4],
    ) -> Self {
        let mut taken = Vec::new();
        let mut geometry = HashMap::new();
        for (i, n) in doc.nodes.iter().enumerate() {
            if let Some(&p) = out.get(&n.id) {
                taken.push(rect(i, p));
                let (w, h) = node_size(n);
                geometry.insert(
                    n.id.clone(),
                    (super::Point::new(p.x as f32, p.y as f32), (w, h)),
                );
            }
        }
        let lines = doc
            .links
            .iter()
            .filter_map(|l| {
                let (a, b) = (out.get(&l.from)?, out.get(&l.to)?);
                Some(((a.x, a.y), (b.x, b.y)))
            })
            .collect();
        let regions: Vec<(Area, [f64; 4])> = super::zones::regions(doc, &geometry)
            .into_iter()
            .map(|r| {
                let b = [r.rect.min.x, r.rect.min.y, r.rect.max.x, r.rect.max.y];
                (r.area, b.map(f64::from))
            })
            .collect();
        let hull = regions.iter().map(|r| r.1).reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        });
        Self {
            taken,
            lines,
            regions,
            hull,
        }
    }

    /// The shortest move, in whole grid steps, that takes box `r` out of the first zone box
    /// whose border it lies across; `None` when it lies across none.
    fn off_border(&self, r: [f64; 4]) -> Option<(f64, f64)> {
        let inside = |t: &[f64; 4]| t[0] <= r[0] && r[2] <= t[2] && t[1] <= r[1] && r[3] <= t[3];
        let apart = |t: &[f64; 4]| r[2] <= t[0] || t[2] <= r[0] || r[3] <= t[1] || t[3] <= r[1];
        let (_, t) = self.regions.iter().find(|(_, t)| !inside(t) && !apart(t))?;
        let out = |v: f64| (v.abs() / SNAP).ceil() * SNAP * v.signum();
        [
            (out(t[0] - r[2]), 0.0),
            (out(t[2] - r[0]), 0.0),
            (0.0, out(t[1] - r[3])),
            (0.0, out(t[3] - r[1])),
        ]
        .into_iter()
        .min_by(|a, b| (a.0.abs() + a.1.abs()).total_cmp(&(b.0.abs() + b.1.abs())))
    }

    /// Whether a note's box `r` may go here, by a card of `area`: clear of every card and
    /// link line by a margin, and either wholly inside that card's zone box (across no other
    /// box's border) or outside every zone box and beyond them all, never in the gap between
    /// two zones, where links run.
    fn fits(&self, r: [f64; 4], area: Option<Area>) -> bool {
        let grown = [
            r[0] - NOTE_MARGIN,
            r[1] - NOTE_MARGIN,
            r[2] + NOTE_MARGIN,
            r[3] + NOTE_MARGIN,
        ];
        let hit =
            |t: &[f64; 4]| grown[0] < t[2] && t[0] < grown[2] && grown[1] < t[3] && t[1] < grown[3];
        if self.taken.iter().any(hit) || self.lines.iter().any(|&(p, q)| segment_hits(p, q, &grown))
        {
            return false;
        }
        let inside = |t: &[f64; 4]| t[0] <= r[0] && r[2] <= t[2] && t[1] <= r[1] && r[3] <= t[3];
        let apart = |t: &[f64; 4]| r[2] <= t[0] || t[2] <= r[0] || r[3] <= t[1] || t[3] <= r[1];
        if !self.regions.iter().all(|(_, t)| inside(t) || apart(t)) {
            return false;
        }
        match self.regions.iter().find(|(_, t)| inside(t)) {
            Some((a, _)) => Some(*a) == area,
            None => self.hull.is_none_or(|h| apart(&h)),
        }
    }
}

/// Notes by the card they annotate (the nearest card by the plan's positions): at their old
/// offset from it, else beside it (right, below, left, above), when that spot [fits](NoteRoom::fits);
/// the others in a row under the plan, below their card where there is room.
fn place_notes(doc: &Document, out: &mut HashMap<NodeId, Pos>) {
    let rect = |i: usize, p: Pos| {
        let (w, h) = node_size(&doc.nodes[i]);
        let (hw, hh) = (f64::from(w) / 2.0, f64::from(h) / 2.0);
        [p.x - hw, p.y - hh, p.x + hw, p.y + hh]
    };
    let mut room = NoteRoom::new(doc, out, &rect);
    let anchors: Vec<(usize, Pos)> = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| out.contains_key(&n.id))
        .filter_map(|(i, n)| {
            n.position
                .filter(|p| p.x.is_finite() && p.y.is_finite())
                .map(|p| (i, p))
        })
        .collect();
    let bottom = room
        .taken
        .iter()
        .map(|r| r[3])
        .chain(room.hull.map(|h| h[3]))
        .fold(f64::NEG_INFINITY, f64::max);
    let row_top = if bottom.is_finite() {
        snap(bottom + NOTE_GAP)
    } else {
        0.0
    };
    let mut row_x = 0.0;
    for (i, n) in doc.nodes.iter().enumerate() {
        if out.contains_key(&n.id) {
            continue;
        }
        let (w, h) = node_size(n);
        let (w, h) = (f64::from(w), f64::from(h));
        let anchor = annotated(doc, &anchors, out, n.position);
        let mut candidates: Vec<Pos> = Vec::new();
        let mut area = None;
        if let Some((a, to, kept)) = anchor {
            area = super::zones::placement(&doc.nodes[a]).map(|p| p.area);
            let (aw, ah) = node_size(&doc.nodes[a]);
            let (dx, dy) = (
                f64::midpoint(f64::from(aw), w) + NOTE_GAP,
                f64::midpoint(f64::from(ah), h) + NOTE_GAP,
            );
            candidates.push(kept);
            // Just across the border of a zone box it would straddle, on the nearer side.
            if let Some((sx, sy)) = room.off_border(rect(i, kept)) {
                candidates.push(Pos {
                    x: kept.x + sx,
                    y: kept.y + sy,
                });
            }
            for (ox, oy) in [(dx, 0.0), (0.0, dy), (-dx, 0.0), (0.0, -dy)] {
                candidates.push(Pos {
                    x: snap(to.x + ox),
                    y: snap(to.y + oy),
                });
            }
        }
        let placed = candidates
            .into_iter()
            .find(|&p| room.fits(rect(i, p), area));
        let p = placed.unwrap_or_else(|| {
            // Under the plan: below the annotated card if there is room, else the next free
            // place in the row.
            let y = snap(row_top + h / 2.0);
            if let Some((_, to, _)) = anchor {
                let p = Pos { x: snap(to.x), y };
                if !overlaps(rect(i, p), &room.taken) {
                    return p;
                }
            }
            loop {
                let p = Pos {
                    x: snap(row_x + w / 2.0),
                    y,
                };
                row_x += w + NOTE_GAP;
                if !overlaps(rect(i, p), &room.taken) {
                    break p;
                }
            }
        });
        room.taken.push(rect(i, p));
        out.insert(n.id.clone(), p);
    }
}

/// The card a note at `position` annotates (the nearest of `anchors`, cards by their plan
/// positions): its index, its tidy position, and the note's old offset from it applied there.
fn annotated(
    doc: &Document,
    anchors: &[(usize, Pos)],
    out: &HashMap<NodeId, Pos>,
    position: Option<Pos>,
) -> Option<(usize, Pos, Pos)> {
    let p = position.filter(|p| p.x.is_finite() && p.y.is_finite())?;
    let (a, at) = anchors.iter().min_by(|x, y| {
        let d = |q: &Pos| (q.x - p.x).powi(2) + (q.y - p.y).powi(2);
        d(&x.1).total_cmp(&d(&y.1)).then(x.0.cmp(&y.0))
    })?;
    let to = *out.get(&doc.nodes[*a].id)?;
    let kept = Pos {
        x: to.x + p.x - at.x,
        y: to.y + p.y - at.y,
    };
    Some((*a, to, kept))
}

/// Whether box `r` (left, top, right, bottom) overlaps any of `taken`.
fn overlaps(r: [f64; 4], taken: &[[f64; 4]]) -> bool {
    taken
        .iter()
        .any(|t| r[0] < t[2] && t[0] < r[2] && r[1] < t[3] && t[1] < r[3])
}
