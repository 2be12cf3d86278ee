//! Routed links, measured (issue 11): on every template, every shared scenario and generated
//! plans after a tidy layout, no route passes through a card, no label covers a card or
//! another label, and every label sits on its own route. Crossings are reported.

use hybrid_designer::edit::{Command, templates, tidy_layout};
use hybrid_designer::file;
use hybrid_designer::look::quality::{Quality, measure, plan_cards};
use hybrid_designer::look::{Point, Routing, node_geometry, zones};
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::model::{Document, Link, LinkKind, Node, NodeKind};
use std::path::Path;

fn tidied(doc: &Document) -> Document {
    let mut doc = doc.clone();
    if let Some(command) = tidy_layout(&doc) {
        command.apply(&mut doc).expect("tidy applies");
    }
    doc
}

fn routed_quality(doc: &Document) -> (Quality, Routing) {
    let routing = Routing::new(doc, &node_geometry(doc));
    (
        measure(&plan_cards(doc), &routing.quality_routes()),
        routing,
    )
}

/// The routes of a drawing must be clean: no intrusion, no label on a label or a card, every
/// label on its route, and at most `overlaps` pairs of segments of different links drawn on
/// top of each other.
fn assert_clean_but(name: &str, doc: &Document, overlaps: usize) {
    let (q, routing) = routed_quality(doc);
    let chips = routing
        .routes()
        .iter()
        .filter(|r| r.label.is_some_and(|l| l.chip))
        .count();
    let hidden = routing
        .routes()
        .iter()
        .filter(|r| r.label.is_none())
        .count();
    eprintln!(
        "{name}: {} links, {} crossings, {} collinear overlaps, {chips} labels as chips, {hidden} left out, length {:.0}",
        routing.routes().len(),
        q.crossings,
        q.collinear_overlaps,
        q.length
    );
    assert_eq!(q.intrusions, 0, "{name}: routes through cards");
    assert_eq!(q.label_overlaps, 0, "{name}: labels on labels");
    assert_eq!(q.label_card_overlaps, 0, "{name}: labels on cards");
    assert_eq!(
        q.labels_off_route, 0,
        "{name}: labels away from their route"
    );
    assert!(
        q.collinear_overlaps <= overlaps,
        "{name}: {} pairs of links on top of each other",
        q.collinear_overlaps
    );
}

fn assert_clean(name: &str, doc: &Document) {
    assert_clean_but(name, doc, 0);
}

#[test]
fn every_template_after_tidy_has_no_route_through_a_card_and_no_label_on_another() {
    for t in templates() {
        let doc = t.document().expect("template loads");
        assert_clean(t.name, &tidied(&doc));
    }
}

#[test]
fn every_shared_scenario_after_tidy_has_no_route_through_a_card_and_no_label_on_another() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let doc = file::from_str(&text).expect("scenario loads");
        assert_clean(&path.display().to_string(), &tidied(&doc));
    }
}

#[test]
fn generated_plans_of_10_to_200_servers_after_tidy_are_clean() {
    for servers in [10, 30, 60, 120] {
        let doc = tidied(&synthetic_plan(servers));
        assert_clean(&format!("{servers} servers"), &doc);
    }
    // At 200 servers one channel beside a site carries 84 routes, more than fit side by side
    // legibly: they stay on top of each other there (2,337 pairs measured), and nowhere else.
    assert_clean_but("200 servers", &tidied(&synthetic_plan(200)), 2_337);
}

#[test]
fn generated_plans_as_generated_have_no_route_through_a_card() {
    // The generator's own grid, untidied: links cross rows of cards and must go around them
    // (some of its cards touch, so a label between two touching cards cannot avoid both).
    for servers in [10, 60] {
        let (q, _) = routed_quality(&synthetic_plan(servers));
        assert_eq!(q.intrusions, 0, "{servers} servers");
        assert_eq!(q.label_overlaps, 0, "{servers} servers");
        assert_eq!(q.labels_off_route, 0, "{servers} servers");
    }
}

fn lb_and_exo_with_four_links() -> Document {
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
    doc
}

#[test]
fn four_links_between_a_load_balancer_and_exchange_online_are_four_separated_routes() {
    let doc = lb_and_exo_with_four_links();
    let (q, routing) = routed_quality(&doc);
    assert_eq!(q.label_overlaps, 0);
    assert_eq!(q.label_card_overlaps, 0);
    assert_eq!(q.labels_off_route, 0);
    let mut ys: Vec<f32> = routing.routes().iter().map(|r| r.points[0].y).collect();
    ys.sort_by(f32::total_cmp);
    for w in ys.windows(2) {
        assert!(w[1] - w[0] > 5.0, "routes too close: {ys:?}");
    }
}

#[test]
fn four_links_around_a_card_in_the_way_stay_separated_and_clear_of_it() {
    let mut doc = lb_and_exo_with_four_links();
    doc.nodes
        .push(Node::new("sync", NodeKind::SyncServer, "Sync").at(300.0, 0.0));
    let (q, routing) = routed_quality(&doc);
    assert_eq!(q.intrusions, 0);
    assert_eq!(q.label_overlaps, 0);
    assert_eq!(q.label_card_overlaps, 0);
    assert_eq!(q.labels_off_route, 0);
    // Each route bends around the card, and no two share their middle segment.
    let mids: Vec<f32> = routing
        .routes()
        .iter()
        .map(|r| {
            assert!(r.points.len() > 2, "{:?}", r.points);
            r.points[r.points.len() / 2].y
        })
        .collect();
    for (i, a) in mids.iter().enumerate() {
        for b in &mids[i + 1..] {
            assert!((a - b).abs() > 5.0, "{mids:?}");
        }
    }
}

#[test]
fn a_straight_line_through_a_card_is_routed_around_it() {
    let mut doc = Document::default();
    doc.nodes
        .push(Node::new("ex", NodeKind::ExchangeServer, "EX01").at(0.0, 0.0));
    doc.nodes
        .push(Node::new("sync", NodeKind::SyncServer, "Sync").at(300.0, 0.0));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(600.0, 0.0));
    doc.links
        .push(Link::new("s", LinkKind::SendConnector, "ex", "exo"));
    let (q, routing) = routed_quality(&doc);
    assert_eq!(q.intrusions, 0);
    assert!(routing.routes()[0].points.len() >= 4);
}

#[test]
fn moving_a_node_re_routes_as_routing_from_scratch_would() {
    let mut doc = tidied(&synthetic_plan(60));
    let mut routing = Routing::new(&doc, &node_geometry(&doc));
    // Drop a server into the middle of the plan, onto other links.
    let moved = doc.nodes[10].id.clone();
    let target = doc.nodes[40].position.expect("placed");
    let to = Point::new(target.x as f32 + 20.0, target.y as f32 + 100.0);
    routing.move_node(&moved, to);
    Command::MoveNodes {
        moves: vec![(
            moved.clone(),
            hybrid_designer::model::Pos {
                x: f64::from(to.x),
                y: f64::from(to.y),
            },
        )],
    }
    .apply(&mut doc)
    .expect("moves");
    let q = measure(&plan_cards(&doc), &routing.quality_routes());
    assert_eq!(q.intrusions, 0);
    assert_eq!(q.label_overlaps, 0);
    assert_eq!(q.label_card_overlaps, 0);
    assert_eq!(q.labels_off_route, 0);
    // Every link of the moved node starts or ends at its new card.
    for r in routing.routes() {
        if r.from == moved {
            let p = r.points[0];
            assert!(
                (p.x - to.x).abs() < 100.0 && (p.y - to.y).abs() < 50.0,
                "{p:?}"
            );
        }
    }
}

#[test]
fn a_link_with_manual_bends_passes_through_them() {
    let mut doc = lb_and_exo_with_four_links();
    doc.links.truncate(1);
    doc.links[0].bends = vec![
        hybrid_designer::model::Pos { x: 600.0, y: 200.0 },
        hybrid_designer::model::Pos { x: 0.0, y: 200.0 },
    ];
    let (_, routing) = routed_quality(&doc);
    let pts = &routing.routes()[0].points;
    assert!(pts.contains(&Point::new(600.0, 200.0)) && pts.contains(&Point::new(0.0, 200.0)));
}

#[test]
fn manual_bends_are_saved_and_read_back_and_a_link_without_any_writes_none() {
    let mut doc = lb_and_exo_with_four_links();
    doc.links[0].bends = vec![hybrid_designer::model::Pos { x: 300.0, y: 150.0 }];
    let text = file::to_string(&doc);
    let back = file::from_str(&text).expect("reads back");
    assert_eq!(back.links[0].bends, doc.links[0].bends);
    assert!(back.links[1].bends.is_empty());
    assert_eq!(text.matches("\"bends\"").count(), 1, "{text}");
}

#[test]
fn the_tidied_sample_draws_no_two_links_on_top_of_each_other() {
    // Issue 11: after a tidy, a send connector shared the line into Exchange Online with the
    // directory sync link for a stretch.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.hybrid.json");
    let doc = file::from_str(&std::fs::read_to_string(path).expect("sample")).expect("loads");
    let (q, _) = routed_quality(&tidied(&doc));
    assert_eq!(q.collinear_overlaps, 0);
}

#[test]
fn moving_a_card_keeps_links_that_share_a_channel_apart() {
    let doc = tidied(&synthetic_plan(30));
    let geometry = node_geometry(&doc);
    let mut routing = Routing::new(&doc, &geometry);
    let cards = plan_cards(&doc);
    // Move the first server a little down, as a drag does, and measure with it moved.
    let first = &doc.nodes[0].id;
    let centre = routing.card_center(first).expect("routed");
    let moved = Point::new(centre.x, centre.y + 40.0);
    routing.move_node(first, moved);
    let cards: Vec<_> = cards
        .into_iter()
        .map(|mut c| {
            if &c.node == first {
                c.rect = hybrid_designer::look::Rect::from_center_size(
                    moved,
                    c.rect.width(),
                    c.rect.height(),
                );
            }
            c
        })
        .collect();
    let q = measure(&cards, &routing.quality_routes());
    assert_eq!(q.collinear_overlaps, 0);
    assert_eq!(q.intrusions, 0);
}

#[test]
fn no_label_covers_a_zone_title_on_any_template_or_scenario_after_tidy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut plans: Vec<(String, Document)> = templates()
        .iter()
        .map(|t| (t.name.to_owned(), t.document().expect("template loads")))
        .collect();
    for entry in std::fs::read_dir(dir)
        .expect("scenarios")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.to_string_lossy().ends_with(".hybrid.json") {
            let text = std::fs::read_to_string(&path).expect("readable");
            plans.push((
                path.display().to_string(),
                file::from_str(&text).expect("scenario loads"),
            ));
        }
    }
    for (name, doc) in plans {
        let doc = tidied(&doc);
        let geometry = node_geometry(&doc);
        let routing = Routing::new(&doc, &geometry);
        for region in zones::regions(&doc, &geometry) {
            let title = zones::title_rect(&region);
            for route in routing.routes() {
                let Some(label) = route.label else { continue };
                let r = label.rect;
                let apart = r.max.x <= title.min.x
                    || title.max.x <= r.min.x
                    || r.max.y <= title.min.y
                    || title.max.y <= r.min.y;
                assert!(
                    apart,
                    "{name}: the label of {} covers {:?}",
                    route.link, region.title
                );
            }
        }
    }
}
