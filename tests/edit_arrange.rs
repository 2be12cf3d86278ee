//! Tidy layout: the columns a hybrid diagram is read in, no overlapping cards, servers grouped
//! by site, one undo step, and a tidy plan left alone.

use hybrid_designer::edit::{Command, History, sample_plan, tidy_layout};
use hybrid_designer::file;
use hybrid_designer::look::{Point, node_rect};
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::model::{Camera, Document, Link, LinkKind, Node, NodeKind, Role, Version};
use hybrid_designer::present;
use std::path::Path;

fn tidied(doc: &Document) -> Document {
    let mut doc = doc.clone();
    let command = tidy_layout(&doc).expect("something to tidy");
    command.apply(&mut doc).expect("applies");
    doc
}

fn x(doc: &Document, id: &str) -> f64 {
    doc.node(id).and_then(|n| n.position).expect("placed").x
}

fn y(doc: &Document, id: &str) -> f64 {
    doc.node(id).and_then(|n| n.position).expect("placed").y
}

fn assert_no_cards_overlap(doc: &Document) {
    let rects: Vec<_> = doc
        .nodes
        .iter()
        .map(|n| {
            let p = n.position.expect("every node placed");
            #[allow(clippy::cast_possible_truncation)]
            (
                n.name.clone(),
                node_rect(n, Point::new(p.x as f32, p.y as f32)),
            )
        })
        .collect();
    for (i, (a, ra)) in rects.iter().enumerate() {
        for (b, rb) in &rects[i + 1..] {
            let apart = ra.max.x <= rb.min.x
                || rb.max.x <= ra.min.x
                || ra.max.y <= rb.min.y
                || rb.max.y <= ra.min.y;
            assert!(apart, "{a} and {b} overlap in {}", doc.display_title());
        }
    }
}

#[test]
fn the_sample_reads_left_to_right_servers_network_cloud_with_the_note_by_its_card() {
    let doc = tidied(&sample_plan());
    assert!(x(&doc, "exse-01") < x(&doc, "lb"));
    assert!(
        (x(&doc, "exse-01") - x(&doc, "exse-02")).abs() < 1.0,
        "one column"
    );
    assert!(x(&doc, "lb") < x(&doc, "exo"));
    let gateway = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::FederationGateway)
        .expect("a gateway");
    assert!((gateway.position.expect("placed").x - x(&doc, "exo")).abs() < 1.0);
    // The note stays by the card nearest it in the sample (what it annotates): its old offset
    // would put it across the gap between the internal network and Microsoft 365, where the
    // links run, so it goes under the plan, below that card.
    let sample = sample_plan();
    let note = sample
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Note)
        .expect("a note");
    let at = note.position.expect("placed");
    let nearest = sample
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Note)
        .min_by(|a, b| {
            let d = |n: &Node| {
                let p = n.position.expect("placed");
                (p.x - at.x).hypot(p.y - at.y)
            };
            d(a).total_cmp(&d(b))
        })
        .expect("cards");
    let (nx, ny) = (x(&doc, note.id.as_str()), y(&doc, note.id.as_str()));
    let (cx, cy) = (x(&doc, nearest.id.as_str()), y(&doc, nearest.id.as_str()));
    assert!(
        (nx - cx).abs() < 1e-6 && ny > cy,
        "the note moved away from {}",
        nearest.name
    );
    assert_no_cards_overlap(&doc);
}

#[test]
fn no_cards_overlap_after_tidying_any_scenario_or_a_large_plan() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut plans: Vec<Document> = std::fs::read_dir(&dir)
        .expect("scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .map(|p| file::load(&p).expect("loads"))
        .collect();
    plans.push(synthetic_plan(300));
    for plan in plans {
        let doc = match tidy_layout(&plan) {
            Some(command) => {
                let mut doc = plan.clone();
                command.apply(&mut doc).expect("applies");
                doc
            }
            None => plan,
        };
        if doc.nodes.iter().all(|n| n.position.is_some()) {
            assert_no_cards_overlap(&doc);
        }
    }
}

#[test]
fn tidying_is_one_undo_step_and_a_tidy_plan_is_left_alone() {
    let mut doc = sample_plan();
    let before = doc.clone();
    let mut history = History::new();
    let command = tidy_layout(&doc).expect("the sample is hand-placed");
    history.apply(&mut doc, command).expect("applies");
    assert_eq!(history.undo_label(), Some("Tidy layout"));
    assert!(tidy_layout(&doc).is_none(), "tidying again changes nothing");
    assert!(history.undo(&mut doc));
    assert_eq!(doc, before);
}

#[test]
fn servers_stay_grouped_by_site_in_their_column() {
    let mut doc = Document::new("Two sites");
    for (i, site) in ["east", "west", "east", "west"].iter().enumerate() {
        let mut n = Node::server(
            format!("ex{i}").as_str(),
            format!("EX0{i}"),
            Version::V2019,
            &[Role::Mailbox],
        )
        .at(0.0, 100.0 * i as f64);
        n.site = Some((*site).to_owned());
        doc.nodes.push(n);
    }
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(400.0, 0.0));
    let doc = tidied(&doc);
    let (e0, e2) = (y(&doc, "ex0"), y(&doc, "ex2"));
    let (w1, w3) = (y(&doc, "ex1"), y(&doc, "ex3"));
    assert!(
        e0.max(e2) < w1.min(w3),
        "east above west: {e0} {e2} {w1} {w3}"
    );
}

#[test]
fn linked_nodes_are_ordered_to_face_each_other() {
    // lb-b serves ex-b and lb-a serves ex-a, listed the other way round: tidying puts the
    // load balancers in their servers' order, so the routes do not cross.
    let mut doc = Document::new("Crossing");
    for id in ["ex-a", "ex-b"] {
        doc.nodes
            .push(Node::server(id, id, Version::V2019, &[Role::Mailbox]).at(0.0, 0.0));
    }
    for id in ["lb-b", "lb-a"] {
        doc.nodes
            .push(Node::new(id, NodeKind::LoadBalancer, id).at(300.0, 0.0));
    }
    doc.links
        .push(Link::new("1", LinkKind::RoutesTo, "lb-a", "ex-a"));
    doc.links
        .push(Link::new("2", LinkKind::RoutesTo, "lb-b", "ex-b"));
    let doc = tidied(&doc);
    assert_eq!(
        y(&doc, "lb-a") < y(&doc, "lb-b"),
        y(&doc, "ex-a") < y(&doc, "ex-b"),
        "the routes cross"
    );
}

#[test]
fn an_empty_plan_has_nothing_to_tidy_and_unplaced_nodes_get_places() {
    assert!(tidy_layout(&Document::new("Empty")).is_none());
    let mut doc = Document::new("Unplaced");
    doc.nodes.push(Node::server(
        "ex1",
        "EX01",
        Version::V2019,
        &[Role::Mailbox],
    ));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO"));
    let doc = tidied(&doc);
    assert!(x(&doc, "ex1") < x(&doc, "exo"));
    let command: Option<Command> = tidy_layout(&doc);
    assert!(command.is_none(), "{command:?}");
}

#[test]
fn presentation_views_are_framed_again_on_the_nodes_they_showed() {
    let mut doc = sample_plan();
    let at = |doc: &Document, id: &str| doc.node(id).and_then(|n| n.position).expect("placed");
    let around = |p: hybrid_designer::model::Pos| Camera {
        x: p.x - 150.0,
        y: p.y - 100.0,
        width: 300.0,
        height: 200.0,
    };
    let contains = |c: Camera, p: hybrid_designer::model::Pos| {
        p.x >= c.x && p.x <= c.x + c.width && p.y >= c.y && p.y <= c.y + c.height
    };
    // One view highlights EXSE-02; the other highlights nothing and shows the load balancer.
    let views = present::add_view(&[], around(at(&doc, "exse-02")), "Second server");
    let views = present::set_highlight(&views, 0, &["exse-02".into()], &[]);
    let views = present::add_view(&views, around(at(&doc, "lb")), "Balancer");
    doc.views = views;
    let before = doc.clone();

    let mut history = History::new();
    let command = tidy_layout(&doc).expect("something to tidy");
    history.apply(&mut doc, command).expect("applies");
    assert!(contains(doc.views[0].camera, at(&doc, "exse-02")));
    assert!(contains(doc.views[1].camera, at(&doc, "lb")));
    assert_eq!(
        doc.views[0].title, "Second server",
        "only the cameras change"
    );
    assert!(history.undo(&mut doc));
    assert_eq!(doc, before, "one step puts nodes and views back");
}
