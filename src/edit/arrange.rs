//! Tidy layout: every node placed in the columns a hybrid diagram is read in, left to right —
//! the on-premises Exchange servers, the network and identity pieces in front of them, then
//! Exchange Online and the Microsoft Federation Gateway — with notes in a row underneath.
//! Within a column, servers stay grouped by Active Directory site and nodes are ordered so
//! that links cross as little as a few sweeps can manage. Presentation views are framed
//! again on the nodes they showed. One undo step.

use super::command::Command;
use crate::look::{CARD_H, node_size};
use crate::model::{Document, NodeId, NodeKind, Pos, Tier};
use crate::present;
use std::collections::HashMap;

/// Room between columns for link labels (canvas units, between card edges).
const COLUMN_GAP: f64 = 220.0;
/// Distance between the centres of two cards above each other.
const ROW: f64 = 150.0;
/// Room between the lowest card and the row of notes.
const NOTE_GAP: f64 = 70.0;
/// How many times the column orders are refined from their neighbours.
const SWEEPS: usize = 4;

/// The column of a node kind; `None` for notes, which go in a row below.
fn column(kind: NodeKind) -> Option<usize> {
    match kind.spec().tier {
        Tier::Servers => Some(0),
        Tier::Edge | Tier::Network => Some(1),
        Tier::Cloud => Some(2),
        Tier::Notes => None,
    }
}

/// The command that moves every node to its tidy place, named "Tidy layout"; `None` when
/// the plan is empty or already tidy. The plan keeps its top-left corner, so the view does not
/// jump far.
#[must_use]
pub fn tidy_layout(doc: &Document) -> Option<Command> {
    let target = tidy_positions(doc);
    let moves: Vec<(NodeId, Pos)> = doc
        .nodes
        .iter()
        .filter_map(|n| {
            let to = *target.get(&n.id)?;
            let same = n
                .position
                .is_some_and(|p| (p.x - to.x).abs() < 0.5 && (p.y - to.y).abs() < 0.5);
            (!same).then(|| (n.id.clone(), to))
        })
        .collect();
    if moves.is_empty() {
        return None;
    }
    let mut commands = Vec::with_capacity(2);
    if !doc.views.is_empty() {
        // Presentation views framed the old places: frame them again on the same nodes.
        let mut after = doc.clone();
        for n in &mut after.nodes {
            n.position = target.get(&n.id).copied().or(n.position);
        }
        let views = present::follow_moves(&doc.views, doc, &after);
        if views != doc.views {
            commands.push(Command::SetViews(views));
        }
    }
    commands.insert(0, Command::MoveNodes { moves });
    Some(Command::Batch {
        label: "Tidy layout".to_owned(),
        commands,
    })
}

/// Where [`tidy_layout`] puts every node.
#[must_use]
pub fn tidy_positions(doc: &Document) -> HashMap<NodeId, Pos> {
    let index: HashMap<&NodeId, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i))
        .collect();
    // Columns in document order, servers grouped by site (sites in order of first use).
    let mut columns: [Vec<usize>; 3] = Default::default();
    let mut notes = Vec::new();
    for (i, n) in doc.nodes.iter().enumerate() {
        match column(n.kind) {
            Some(c) => columns[c].push(i),
            None => notes.push(i),
        }
    }
    let mut site_rank: HashMap<&str, usize> = HashMap::new();
    for &i in &columns[0] {
        let next = site_rank.len();
        site_rank.entry(doc.nodes[i].site()).or_insert(next);
    }
    let site_of = |i: usize| site_rank.get(doc.nodes[i].site()).copied().unwrap_or(0);
    columns[0].sort_by_key(|&i| site_of(i));

    // Links between nodes of neighbouring columns, both ways, by node index.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); doc.nodes.len()];
    for l in &doc.links {
        if let (Some(&a), Some(&b)) = (index.get(&l.from), index.get(&l.to))
            && a != b
        {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
    }

    // Barycentre sweeps: each column is ordered by the mean row of its linked nodes in the
    // other columns; nodes without such links keep their place.
    for sweep in 0..SWEEPS {
        let order: [usize; 3] = if sweep % 2 == 0 { [1, 0, 2] } else { [1, 2, 0] };
        for c in order {
            let rows = row_of(&columns);
            let mut keyed: Vec<(f64, usize, usize)> = columns[c]
                .iter()
                .enumerate()
                .map(|(row, &i)| {
                    let linked: Vec<f64> = neighbours[i]
                        .iter()
                        .filter(|j| column(doc.nodes[**j].kind).is_some_and(|cj| cj != c))
                        .filter_map(|j| rows.get(j).copied())
                        .collect();
                    let centre = if linked.is_empty() {
                        row as f64
                    } else {
                        linked.iter().sum::<f64>() / linked.len() as f64
                    };
                    (centre, row, i)
                })
                .collect();
            keyed.sort_by(|a, b| {
                let group = |i: usize| if c == 0 { site_of(i) } else { 0 };
                group(a.2)
                    .cmp(&group(b.2))
                    .then(a.0.total_cmp(&b.0))
                    .then(a.1.cmp(&b.1))
            });
            columns[c] = keyed.into_iter().map(|(_, _, i)| i).collect();
        }
    }

    place(doc, &columns, &notes)
}

/// Positions for the ordered columns and the notes.
fn place(doc: &Document, columns: &[Vec<usize>; 3], notes: &[usize]) -> HashMap<NodeId, Pos> {
    // Columns side by side, each centred on the same line; notes in a row below. The middle
    // column sits half a row lower, so a link from a server straight to Exchange Online passes
    // between its cards instead of through one.
    let width = |i: usize| f64::from(node_size(&doc.nodes[i]).0);
    let stagger = if columns[0].is_empty() && columns[2].is_empty() {
        0.0
    } else {
        ROW / 2.0
    };
    let mut out: HashMap<NodeId, Pos> = HashMap::with_capacity(doc.nodes.len());
    let mut x = 0.0;
    let mut previous_half: Option<f64> = None;
    let mut bottom: f64 = 0.0;
    for (c, col) in columns.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        let half = col.iter().map(|&i| width(i)).fold(0.0, f64::max) / 2.0;
        if let Some(p) = previous_half {
            x += p + COLUMN_GAP + half;
        }
        previous_half = Some(half);
        let shift = if c == 1 { stagger } else { 0.0 };
        let top = -(col.len() as f64 - 1.0) * ROW / 2.0 + shift;
        for (row, &i) in col.iter().enumerate() {
            let y = top + row as f64 * ROW;
            bottom = bottom.max(y);
            out.insert(doc.nodes[i].id.clone(), Pos { x, y });
        }
    }
    let mut note_x = 0.0;
    // The notes' top edge a little below the lowest card's bottom edge.
    let note_y = if out.is_empty() {
        0.0
    } else {
        bottom + f64::from(CARD_H) / 2.0 + NOTE_GAP
    };
    for &i in notes {
        let size = node_size(&doc.nodes[i]);
        let half_h = f64::from(size.1) / 2.0;
        out.insert(
            doc.nodes[i].id.clone(),
            Pos {
                x: note_x,
                y: note_y + half_h,
            },
        );
        note_x += width(i) + 40.0;
    }
    keep_top_left(doc, &mut out);
    for p in out.values_mut() {
        // Whole units, so the same plan tidies to the same bytes.
        p.x = p.x.round();
        p.y = p.y.round();
    }
    out
}

/// The row of every node in its column.
fn row_of(columns: &[Vec<usize>; 3]) -> HashMap<usize, f64> {
    columns
        .iter()
        .flat_map(|col| col.iter().enumerate().map(|(row, &i)| (i, row as f64)))
        .collect()
}

/// Moves the new layout so its top-left card centre sits where the plan's was.
fn keep_top_left(doc: &Document, out: &mut HashMap<NodeId, Pos>) {
    let corner = |ps: &mut dyn Iterator<Item = Pos>| -> Option<(f64, f64)> {
        ps.fold(None, |acc, p| match acc {
            None => Some((p.x, p.y)),
            Some((x, y)) => Some((x.min(p.x), y.min(p.y))),
        })
    };
    let Some(old) = corner(
        &mut doc
            .nodes
            .iter()
            .filter_map(|n| n.position)
            .filter(|p| p.x.is_finite() && p.y.is_finite()),
    ) else {
        return;
    };
    let Some(new) = corner(&mut out.values().copied()) else {
        return;
    };
    let (dx, dy) = (old.0 - new.0, old.1 - new.1);
    for p in out.values_mut() {
        p.x += dx;
        p.y += dy;
    }
}
