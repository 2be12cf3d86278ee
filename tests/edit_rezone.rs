//! Moving a node into a zone's box changes its zone or site where that means something, in
//! the same undo step as the move; elsewhere a move is only a move.

use hybrid_designer::edit::{Command, Session, move_with_rezone};
use hybrid_designer::look::{self, zones};
use hybrid_designer::model::{Document, Node, NodeId, NodeKind, Pos, Role, Version, Zone};

/// Two sites side by side, an Edge server in the perimeter to the right, Exchange Online
/// further right, and a load balancer in the internal network.
fn plan() -> Document {
    let mut doc = Document::new("Zones");
    let mut lon = Node::server("lon", "EX-LON", Version::V2019, &[Role::Mailbox]).at(0.0, 0.0);
    lon.site = Some("London".into());
    let mut lon2 = Node::server("lon2", "EX-LON2", Version::V2019, &[Role::Mailbox]).at(0.0, 200.0);
    lon2.site = Some("London".into());
    let mut nyc = Node::server("nyc", "EX-NYC", Version::V2019, &[Role::Mailbox]).at(0.0, 600.0);
    nyc.site = Some("New York".into());
    doc.nodes.extend([lon, lon2, nyc]);
    doc.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "LB").at(300.0, 300.0));
    doc.nodes
        .push(Node::new("edge", NodeKind::EdgeTransport, "EDGE").at(800.0, 300.0));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(1300.0, 300.0));
    doc
}

fn region_center(doc: &Document, pick: impl Fn(&zones::Region) -> bool) -> Pos {
    let r = zones::regions(doc, &look::node_geometry(doc));
    let c = r
        .iter()
        .find(|r| pick(r))
        .expect("the region")
        .rect
        .center();
    Pos {
        x: f64::from(c.x),
        y: f64::from(c.y),
    }
}

fn id(s: &str) -> NodeId {
    NodeId::from(s)
}

#[test]
fn a_server_dropped_in_another_site_box_gets_that_site_in_one_undo_step() {
    let doc = plan();
    let to = region_center(&doc, |r| r.site.as_deref() == Some("New York"));
    let mut session = Session::new(doc.clone(), None);
    session
        .apply(move_with_rezone(&doc, vec![(id("lon2"), to)]))
        .expect("applies");
    let moved = session.doc().node("lon2").expect("still there");
    assert_eq!(moved.site(), "New York");
    assert_eq!(moved.position, Some(to));
    assert_eq!(
        session.history().undo_label(),
        Some("Move EX-LON2 to site New York")
    );
    session.undo();
    assert_eq!(session.doc(), &doc, "one undo puts place and site back");
}

#[test]
fn a_load_balancer_dropped_in_the_perimeter_box_moves_to_the_perimeter() {
    let doc = plan();
    let perimeter = region_center(&doc, |r| r.area == zones::Area::Perimeter);
    let to = Pos {
        x: perimeter.x,
        y: perimeter.y + 40.0,
    };
    let command = move_with_rezone(&doc, vec![(id("lb"), to)]);
    let mut after = doc.clone();
    command.apply(&mut after).expect("applies");
    assert_eq!(after.node("lb").map(Node::zone), Some(Zone::Perimeter));
}

#[test]
fn an_edge_server_dropped_in_the_internal_network_is_internal() {
    let doc = plan();
    let to = Pos { x: 300.0, y: 500.0 };
    let mut after = doc.clone();
    move_with_rezone(&doc, vec![(id("edge"), to)])
        .apply(&mut after)
        .expect("applies");
    assert_eq!(after.node("edge").map(Node::zone), Some(Zone::Internal));
}

#[test]
fn a_move_within_its_own_region_or_into_microsoft_365_is_only_a_move() {
    let doc = plan();
    let inside = move_with_rezone(&doc, vec![(id("lb"), Pos { x: 320.0, y: 320.0 })]);
    assert!(matches!(inside, Command::MoveNodes { .. }), "{inside:?}");
    let exo = region_center(&doc, |r| r.area == zones::Area::Microsoft365);
    let cloud = move_with_rezone(
        &doc,
        vec![(
            id("lb"),
            Pos {
                x: exo.x,
                y: exo.y + 40.0,
            },
        )],
    );
    assert!(matches!(cloud, Command::MoveNodes { .. }), "{cloud:?}");
}

#[test]
fn a_server_dropped_on_empty_canvas_keeps_its_site() {
    let doc = plan();
    let far = move_with_rezone(
        &doc,
        vec![(
            id("nyc"),
            Pos {
                x: 5000.0,
                y: 5000.0,
            },
        )],
    );
    assert!(matches!(far, Command::MoveNodes { .. }), "{far:?}");
}
