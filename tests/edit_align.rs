//! Align and distribute: the selected cards line up on an edge or centre line, or spread
//! with equal gaps, each in one undo step; snapping rounds a drop to the grid.

use hybrid_designer::edit::{
    Align, Distribute, SNAP_GRID, Session, align, distribute, snap_to_grid,
};
use hybrid_designer::look::{Rect, node_rect};
use hybrid_designer::model::{Document, Node, NodeId, NodeKind, Pos};

/// Three cards of different widths at ragged places.
fn plan() -> Document {
    let mut doc = Document::new("Ragged");
    doc.nodes
        .push(Node::new("a", NodeKind::LoadBalancer, "A").at(100.0, 40.0));
    doc.nodes.push(
        Node::new(
            "b",
            NodeKind::LoadBalancer,
            "A much longer load balancer name",
        )
        .at(180.0, 300.0),
    );
    doc.nodes
        .push(Node::new("c", NodeKind::SmtpGateway, "C").at(700.0, 90.0));
    doc
}

fn ids(names: &[&str]) -> Vec<NodeId> {
    names.iter().map(|s| NodeId::from(*s)).collect()
}

fn rect(doc: &Document, id: &str) -> Rect {
    let n = doc.node(id).expect("node");
    node_rect(
        n,
        hybrid_designer::look::Point::from_pos(n.position.expect("placed")),
    )
}

fn applied(doc: &Document, command: hybrid_designer::edit::Command) -> Session {
    let mut s = Session::new(doc.clone(), None);
    s.apply(command).expect("applies");
    s
}

#[test]
fn align_left_puts_every_left_edge_on_the_leftmost_and_undoes_in_one_step() {
    let doc = plan();
    let leftmost = ["a", "b", "c"]
        .iter()
        .map(|id| rect(&doc, id).min.x)
        .fold(f32::INFINITY, f32::min);
    let mut s = applied(
        &doc,
        align(&doc, &ids(&["a", "b", "c"]), Align::Left).expect("moves"),
    );
    for id in ["a", "b", "c"] {
        assert!((rect(s.doc(), id).min.x - leftmost).abs() < 0.01, "{id}");
    }
    assert_eq!(s.history().undo_label(), Some("Align left"));
    s.undo();
    assert_eq!(s.doc(), &doc);
}

/// The named edge or centre line of every card after aligning the three cards `how`.
fn lined_up(doc: &Document, how: Align, edge: fn(&Rect) -> f32) -> Vec<f32> {
    let session = applied(doc, align(doc, &ids(&["a", "b", "c"]), how).expect("moves"));
    ["a", "b", "c"]
        .iter()
        .map(|id| edge(&rect(session.doc(), id)))
        .collect()
}

fn all_equal(values: &[f32]) -> bool {
    values.iter().all(|v| (v - values[0]).abs() < 0.01)
}

#[test]
fn align_right_top_bottom_and_centres_line_up_the_named_edge() {
    let doc = plan();
    let right = lined_up(&doc, Align::Right, |r| r.max.x);
    assert!(all_equal(&right), "{right:?}");
    let top = lined_up(&doc, Align::Top, |r| r.min.y);
    assert!(all_equal(&top), "{top:?}");
    assert!(
        (top[0] - rect(&doc, "a").min.y).abs() < 0.01,
        "on the topmost edge"
    );
    let bottom = lined_up(&doc, Align::Bottom, |r| r.max.y);
    assert!(all_equal(&bottom), "{bottom:?}");
    let centre = lined_up(&doc, Align::Centre, |r| r.center().x);
    assert!(all_equal(&centre), "{centre:?}");
    let middle = lined_up(&doc, Align::Middle, |r| r.center().y);
    assert!(all_equal(&middle), "{middle:?}");
}

#[test]
fn aligning_one_node_or_an_aligned_selection_does_nothing() {
    let doc = plan();
    assert!(align(&doc, &ids(&["a"]), Align::Left).is_none());
    let s = applied(
        &doc,
        align(&doc, &ids(&["a", "b"]), Align::Top).expect("moves"),
    );
    assert!(align(s.doc(), &ids(&["a", "b"]), Align::Top).is_none());
}

#[test]
fn distribute_horizontally_leaves_equal_gaps_between_cards_and_keeps_the_ends() {
    let doc = plan();
    let sel = ids(&["a", "b", "c"]);
    let mut s = applied(
        &doc,
        distribute(&doc, &sel, Distribute::Horizontally).expect("moves"),
    );
    let (a, b, c) = (rect(s.doc(), "a"), rect(s.doc(), "b"), rect(s.doc(), "c"));
    assert!(
        (a.min.x - rect(&doc, "a").min.x).abs() < 0.01,
        "first stays"
    );
    assert!((c.max.x - rect(&doc, "c").max.x).abs() < 0.01, "last stays");
    assert!(((b.min.x - a.max.x) - (c.min.x - b.max.x)).abs() < 0.01);
    assert_eq!(s.history().undo_label(), Some("Distribute horizontally"));
    s.undo();
    assert_eq!(s.doc(), &doc);
}

#[test]
fn distribute_vertically_needs_three_nodes_and_spreads_by_gaps() {
    let doc = plan();
    assert!(distribute(&doc, &ids(&["a", "b"]), Distribute::Vertically).is_none());
    let s = applied(
        &doc,
        distribute(&doc, &ids(&["a", "b", "c"]), Distribute::Vertically).expect("moves"),
    );
    // Top to bottom: a (40), c (90), b (300).
    let (a, c, b) = (rect(s.doc(), "a"), rect(s.doc(), "c"), rect(s.doc(), "b"));
    assert!(((c.min.y - a.max.y) - (b.min.y - c.max.y)).abs() < 0.01);
}

#[test]
fn snapping_rounds_a_position_to_the_nearest_grid_point() {
    assert_eq!(
        snap_to_grid(Pos { x: 109.0, y: -31.0 }, SNAP_GRID),
        Pos { x: 100.0, y: -40.0 }
    );
    assert_eq!(
        snap_to_grid(Pos { x: 111.0, y: 9.9 }, SNAP_GRID),
        Pos { x: 120.0, y: 0.0 }
    );
    let odd = Pos { x: 3.0, y: 4.0 };
    assert_eq!(snap_to_grid(odd, 0.0), odd, "no grid, no snap");
}
