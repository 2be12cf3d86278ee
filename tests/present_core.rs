//! Presentation core: walkthrough content on the scenario plans, framing, camera moves, the
//! presenter's deck, view editing and views in the file.

use hybrid_designer::file;
use hybrid_designer::look;
use hybrid_designer::model::{
    Camera, Document, Link, LinkId, LinkKind, Node, NodeId, NodeKind, View,
};
use hybrid_designer::present::{
    DEFAULT_MARGIN, Deck, DeckSource, Walkthrough, add_view, delete, fit_aspect, frame_nodes,
    interpolate, move_view, rename, set_highlight, walkthrough, whole_plan,
};
use hybrid_designer::rules::{Finding, Severity, validate};
use std::path::Path;

fn scenario(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("scenario file is readable");
    file::from_str(&text).expect("scenario file loads")
}

fn p01() -> Document {
    scenario("p01-valid-2016.hybrid.json")
}

fn sorted(mut v: Vec<&str>) -> Vec<&str> {
    v.sort_unstable();
    v
}

fn node_ids(v: &View) -> Vec<&str> {
    sorted(v.nodes.iter().map(NodeId::as_str).collect())
}

fn link_ids(v: &View) -> Vec<&str> {
    sorted(v.links.iter().map(LinkId::as_str).collect())
}

fn slide<'a>(views: &'a [View], title_part: &str) -> &'a View {
    views
        .iter()
        .find(|v| v.title.contains(title_part))
        .unwrap_or_else(|| panic!("no slide titled with {title_part:?} in {:?}", titles(views)))
}

fn titles(views: &[View]) -> Vec<&str> {
    views.iter().map(|v| v.title.as_str()).collect()
}

/// Whether the camera contains the whole card of every node it highlights.
fn frames_its_nodes(doc: &Document, view: &View) -> bool {
    view.nodes.iter().all(|id| {
        let node = doc.node(id.as_str()).expect("highlighted node exists");
        let p = node.position.expect("scenario nodes are placed");
        let (w, h) = look::node_size(node);
        let (w, h) = (f64::from(w), f64::from(h));
        let c = view.camera;
        c.x <= p.x - w / 2.0
            && c.y <= p.y - h / 2.0
            && c.x + c.width >= p.x + w / 2.0
            && c.y + c.height >= p.y + h / 2.0
    })
}

fn finding(rule: &'static str, severity: Severity, nodes: &[&str], links: &[&str]) -> Finding {
    Finding {
        rule,
        severity,
        message: format!("{rule} message"),
        nodes: nodes.iter().map(|n| (*n).into()).collect(),
        links: links.iter().map(|l| (*l).into()).collect(),
        fix: "do the fix".to_owned(),
        source: "https://learn.microsoft.com/exchange",
    }
}

// ---------------------------------------------------------------- mail flow

#[test]
fn mail_flow_opens_with_an_overview_then_outbound_then_inbound() {
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    assert_eq!(views.len(), 3, "{:?}", titles(&views));
    assert_eq!(views[0].title, "Mail flow");
    assert!(views[1].title.starts_with("Outbound"));
    assert!(views[2].title.starts_with("Inbound"));
}

#[test]
fn inbound_slide_follows_the_load_balancer_to_both_servers() {
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    let inbound = slide(&views, "Inbound");
    assert_eq!(link_ids(inbound), ["l2", "l3", "l6"]);
    assert_eq!(node_ids(inbound), ["ex16-01", "ex16-02", "exo", "lb"]);
    assert!(
        inbound.caption.contains("mail.contoso.com"),
        "{}",
        inbound.caption
    );
    assert!(
        inbound.caption.contains("EX16-01") && inbound.caption.contains("EX16-02"),
        "{}",
        inbound.caption
    );
}

#[test]
fn outbound_slide_shows_the_send_connectors_and_their_servers_only() {
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    let outbound = slide(&views, "Outbound");
    assert_eq!(link_ids(outbound), ["l4", "l5"]);
    assert_eq!(node_ids(outbound), ["ex16-01", "ex16-02", "exo"]);
}

#[test]
fn mail_flow_overview_highlights_both_directions() {
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    assert_eq!(link_ids(&views[0]), ["l2", "l3", "l4", "l5", "l6"]);
}

#[test]
fn mail_flow_counts_one_send_connector_with_its_source_servers() {
    // p01 draws a send connector link from each of EX16-01 and EX16-02: that is ONE
    // "Outbound to Office 365" send connector with two source servers, not two connectors.
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    let overview = &views[0].caption;
    assert!(
        overview.contains(
            "The Outbound to Office 365 send connector has two source servers, EX16-01 and EX16-02"
        ),
        "{overview}"
    );
    assert!(!overview.contains("send connectors"), "{overview}");
    let outbound = &slide(&views, "Outbound").caption;
    assert!(
        outbound.contains(
            "the Outbound to Office 365 send connector, from its source servers EX16-01 and EX16-02"
        ),
        "{outbound}"
    );
}

#[test]
fn mail_flow_counts_one_receive_connector_per_receiving_server() {
    // One receive connector link to the load balancer, which routes to two servers: each
    // server has its own "Inbound from Office 365" receive connector.
    let views = walkthrough(&p01(), &[], Walkthrough::MailFlow);
    let expected =
        "two Inbound from Office 365 receive connectors, one on each of EX16-01 and EX16-02";
    assert!(views[0].caption.contains(expected), "{}", views[0].caption);
    let inbound = &slide(&views, "Inbound").caption;
    assert!(inbound.contains(expected), "{inbound}");
}

#[test]
fn a_single_server_has_the_send_and_receive_connector() {
    let mut doc = Document::new("one");
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Tenant").at(0.0, 0.0));
    doc.nodes.push(
        Node::server(
            "ex",
            "EX01",
            hybrid_designer::model::Version::V2019,
            &[hybrid_designer::model::Role::Mailbox],
        )
        .at(300.0, 0.0),
    );
    doc.links
        .push(Link::new("s", LinkKind::SendConnector, "ex", "exo"));
    doc.links
        .push(Link::new("r", LinkKind::ReceiveConnector, "exo", "ex"));
    let views = walkthrough(&doc, &[], Walkthrough::MailFlow);
    assert_eq!(
        views[0].caption,
        "The Outbound to Office 365 send connector has one source server, EX01. \
         Mail from Exchange Online arrives at the Inbound from Office 365 receive connector on EX01."
    );
}

#[test]
fn every_generated_slide_frames_all_of_its_highlighted_nodes() {
    let doc = p01();
    for which in Walkthrough::ALL {
        for v in walkthrough(&doc, &validate(&doc), which) {
            assert!(
                frames_its_nodes(&doc, &v),
                "{} does not frame its nodes: {:?}",
                v.title,
                v.camera
            );
        }
    }
}

#[test]
fn routes_to_loops_are_cut_and_every_hop_is_highlighted() {
    let mut doc = Document::new("loop");
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Tenant").at(0.0, 0.0));
    doc.nodes
        .push(Node::new("lb1", NodeKind::LoadBalancer, "LB1").at(300.0, 0.0));
    doc.nodes
        .push(Node::new("gw", NodeKind::SmtpGateway, "GW").at(600.0, 0.0));
    doc.nodes.push(
        Node::server("ex", "EX19", hybrid_designer::model::Version::V2019, &[]).at(900.0, 0.0),
    );
    doc.links
        .push(Link::new("r", LinkKind::ReceiveConnector, "exo", "lb1"));
    doc.links
        .push(Link::new("a", LinkKind::RoutesTo, "lb1", "gw"));
    doc.links
        .push(Link::new("back", LinkKind::RoutesTo, "gw", "lb1"));
    doc.links
        .push(Link::new("b", LinkKind::RoutesTo, "gw", "ex"));
    let views = walkthrough(&doc, &[], Walkthrough::MailFlow);
    let inbound = slide(&views, "Inbound");
    assert_eq!(link_ids(inbound), ["a", "b", "back", "r"]);
    assert_eq!(node_ids(inbound), ["ex", "exo", "gw", "lb1"]);
}

#[test]
fn a_plan_with_only_send_connectors_says_inbound_is_missing() {
    let mut doc = p01();
    doc.links.retain(|l| l.kind != LinkKind::ReceiveConnector);
    let views = walkthrough(&doc, &[], Walkthrough::MailFlow);
    let inbound = slide(&views, "Inbound");
    assert!(
        inbound.caption.starts_with("No receive connector"),
        "{}",
        inbound.caption
    );
    assert_eq!(node_ids(inbound), ["exo"]);
    assert!(inbound.links.is_empty());
}

// ---------------------------------------------------------------- sharing

#[test]
fn sharing_shows_federation_relationships_and_oauth_with_the_servers_behind_the_namespace() {
    let views = walkthrough(&p01(), &[], Walkthrough::Sharing);
    assert_eq!(views.len(), 3, "{:?}", titles(&views));
    let fed = slide(&views, "federation trust");
    assert_eq!(link_ids(fed), ["l7"]);
    assert_eq!(node_ids(fed), ["ex16-01", "mfg"]);
    let orgrel = slide(&views, "organization relationships");
    assert_eq!(link_ids(orgrel), ["l2", "l3", "l8"]);
    assert_eq!(node_ids(orgrel), ["ex16-01", "ex16-02", "exo", "lb"]);
    let oauth = slide(&views, "OAuth");
    assert_eq!(link_ids(oauth), ["l2", "l3", "l9"]);
}

#[test]
fn sharing_without_a_federation_trust_has_no_federation_slide() {
    let views = walkthrough(
        &scenario("p08-orgrel-no-federation.hybrid.json"),
        &[],
        Walkthrough::Sharing,
    );
    assert_eq!(titles(&views), ["Sharing: organization relationships"]);
}

// ---------------------------------------------------------------- findings

#[test]
fn findings_walkthrough_of_p08_has_one_slide_for_the_missing_federation_trust() {
    let doc = scenario("p08-orgrel-no-federation.hybrid.json");
    let findings = validate(&doc);
    let views = walkthrough(&doc, &findings, Walkthrough::Findings);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(views.len(), errors, "{:?}", titles(&views));
    let fed: Vec<&View> = views
        .iter()
        .filter(|v| v.title.contains("R-FED-TRUST-FOR-ORGREL"))
        .collect();
    assert_eq!(fed.len(), 1, "{:?}", titles(&views));
    assert!(link_ids(fed[0]).contains(&"l8"));
    assert!(fed[0].caption.contains("\nFix: "), "{}", fed[0].caption);
    assert!(frames_its_nodes(&doc, fed[0]));
}

#[test]
fn findings_slides_are_errors_only_with_message_and_fix() {
    let doc = p01();
    let findings = [
        finding("R-A", Severity::Error, &["ex16-02"], &[]),
        finding("R-B", Severity::Warning, &["ex16-01"], &[]),
        finding("R-C", Severity::Error, &[], &["l7"]),
    ];
    let views = walkthrough(&doc, &findings, Walkthrough::Findings);
    assert_eq!(titles(&views), ["Error 1 of 2: R-A", "Error 2 of 2: R-C"]);
    assert_eq!(views[0].caption, "R-A message.\nFix: do the fix");
    assert_eq!(node_ids(&views[0]), ["ex16-02"]);
    // A link subject brings its two ends into the frame.
    assert_eq!(node_ids(&views[1]), ["ex16-01", "mfg"]);
}

#[test]
fn a_finding_without_subjects_is_framed_on_the_whole_plan() {
    let doc = p01();
    let views = walkthrough(
        &doc,
        &[finding("R-EXO-MISSING", Severity::Error, &[], &[])],
        Walkthrough::Findings,
    );
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].camera, whole_plan(&doc));
    assert!(views[0].nodes.is_empty() && views[0].links.is_empty());
}

#[test]
fn a_plan_without_errors_gets_one_slide_saying_so() {
    let doc = p01();
    let views = walkthrough(
        &doc,
        &[finding("R-B", Severity::Warning, &["ex16-01"], &[])],
        Walkthrough::Findings,
    );
    assert_eq!(views.len(), 1);
    assert!(
        views[0].caption.contains("no errors"),
        "{}",
        views[0].caption
    );
}

// ---------------------------------------------------------------- empty plan

#[test]
fn the_empty_plan_gets_one_nothing_here_slide_per_walkthrough() {
    let doc = scenario("p13-empty.hybrid.json");
    let findings = validate(&doc);
    let mail = walkthrough(&doc, &findings, Walkthrough::MailFlow);
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].caption.starts_with("This plan has no connectors"),
        "{}",
        mail[0].caption
    );
    let sharing = walkthrough(&doc, &findings, Walkthrough::Sharing);
    assert_eq!(sharing.len(), 1);
    assert!(
        sharing[0]
            .caption
            .starts_with("This plan has no federation trust"),
        "{}",
        sharing[0].caption
    );
    for v in mail.iter().chain(&sharing) {
        assert!(v.nodes.is_empty() && v.links.is_empty());
        assert_eq!(v.camera, whole_plan(&doc));
    }
    assert!(!walkthrough(&doc, &findings, Walkthrough::Findings).is_empty());
}

// ---------------------------------------------------------------- framing and moves

#[test]
fn framing_covers_the_cards_with_the_margin() {
    let doc = p01();
    // exo at (120, 80) and lb at (720, 80): 600 apart centre to centre.
    let cam = frame_nodes(&doc, &["exo".into(), "lb".into()], 20.0).expect("both are placed");
    let exo_w = f64::from(look::node_size(doc.node("exo").expect("exo")).0);
    let lb_w = f64::from(look::node_size(doc.node("lb").expect("lb")).0);
    assert!(
        (cam.x - (120.0 - exo_w / 2.0 - 20.0)).abs() < 1e-9,
        "{cam:?}"
    );
    assert!(
        (cam.x + cam.width - (720.0 + lb_w / 2.0 + 20.0)).abs() < 1e-9,
        "{cam:?}"
    );
    // One row of cards is lower than the minimum frame, so it grows around its centre.
    assert!((cam.y + cam.height / 2.0 - 80.0).abs() < 1e-9, "{cam:?}");
}

#[test]
fn framing_unknown_ids_gives_nothing() {
    assert_eq!(frame_nodes(&p01(), &["nope".into()], DEFAULT_MARGIN), None);
    assert_eq!(frame_nodes(&p01(), &[], DEFAULT_MARGIN), None);
}

#[test]
fn the_whole_plan_contains_every_node() {
    let doc = p01();
    let mut v = add_view(&[], whole_plan(&doc), "all");
    v = set_highlight(
        &v,
        0,
        &doc.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>(),
        &[],
    );
    assert!(frames_its_nodes(&doc, &v[0]));
}

#[test]
fn fitting_an_aspect_keeps_the_region_visible() {
    let cam = whole_plan(&p01());
    for aspect in [0.5, 1.0, 16.0 / 9.0, 4.0] {
        let fit = fit_aspect(cam, aspect);
        assert!((fit.width / fit.height - aspect).abs() < 1e-9);
        assert!(fit.x <= cam.x && fit.y <= cam.y);
        assert!(
            fit.x + fit.width >= cam.x + cam.width - 1e-9
                && fit.y + fit.height >= cam.y + cam.height - 1e-9
        );
    }
}

#[test]
fn a_camera_move_starts_and_ends_exactly_on_its_slides() {
    let a = Camera {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 500.0,
    };
    let b = Camera {
        x: 1000.0,
        y: -200.0,
        width: 400.0,
        height: 250.0,
    };
    assert_eq!(interpolate(a, b, 0.0), a);
    assert_eq!(interpolate(a, b, 1.0), b);
    assert_eq!(interpolate(a, b, -3.0), a);
    assert_eq!(interpolate(a, b, 7.0), b);
    let mid = interpolate(a, b, 0.5);
    assert!(
        (mid.x + mid.width / 2.0 - 800.0).abs() < 1e-9,
        "centre halfway: {mid:?}"
    );
    assert!(mid.width < a.width && mid.width > b.width);
    // Eased: a quarter of the time covers less than a quarter of the way.
    let early = interpolate(a, b, 0.25);
    assert!(early.x + early.width / 2.0 - 400.0 < 0.25 * 800.0);
}

// ---------------------------------------------------------------- deck

#[test]
fn the_deck_steps_within_its_bounds() {
    let doc = p01();
    let mut deck = Deck::new(&doc, &[], DeckSource::Walkthrough(Walkthrough::MailFlow));
    assert_eq!(deck.len(), 3);
    assert_eq!(deck.progress(), "1 / 3");
    assert!(!deck.prev(), "no slide before the first");
    assert!(deck.next());
    assert_eq!(deck.progress(), "2 / 3");
    assert!(deck.current().title.starts_with("Outbound"));
    assert!(deck.last());
    assert!(deck.is_last());
    assert!(!deck.next(), "no slide after the last");
    assert_eq!(deck.index(), 2);
    assert!(deck.first());
    assert!(deck.is_first());
    assert!(!deck.go_to(3));
}

#[test]
fn the_plan_deck_uses_the_plans_own_views_first() {
    let mut doc = p01();
    let fallback = Deck::for_plan(&doc, &[]);
    assert_eq!(fallback.current().title, "Contoso 2016 hybrid");
    assert_eq!(fallback.current().camera, whole_plan(&doc));
    // Without views of its own, the plan is presented through its walkthroughs.
    let mail = walkthrough(&doc, &[], Walkthrough::MailFlow);
    let sharing = walkthrough(&doc, &[], Walkthrough::Sharing);
    assert_eq!(fallback.len(), 1 + mail.len() + sharing.len());
    assert_eq!(&fallback.views()[1..=mail.len()], &mail[..]);

    doc.views = add_view(
        &add_view(&[], whole_plan(&doc), "Intro"),
        whole_plan(&doc),
        "Detail",
    );
    let deck = Deck::for_plan(&doc, &[]);
    assert_eq!(deck.source(), DeckSource::Plan);
    assert_eq!(titles(deck.views()), ["Intro", "Detail"]);
}

// ---------------------------------------------------------------- views in the plan

#[test]
fn view_edits_add_rename_reorder_and_delete() {
    let cam = Camera {
        x: 1.0,
        y: 2.0,
        width: 3.0,
        height: 4.0,
    };
    let v = add_view(&[], cam, "");
    let v = add_view(&v, cam, "Second");
    let v = rename(&v, 0, "First");
    assert_eq!(titles(&v), ["First", "Second"]);
    let v = move_view(&v, 1, 0);
    assert_eq!(titles(&v), ["Second", "First"]);
    let v = delete(&v, 0);
    assert_eq!(titles(&v), ["First"]);
    assert_eq!(v[0].camera, cam);
}

#[test]
fn views_survive_a_round_trip_through_the_file() {
    let mut doc = p01();
    let walk = walkthrough(&doc, &[], Walkthrough::MailFlow);
    doc.views = add_view(
        &walk,
        Camera {
            x: -10.5,
            y: 20.25,
            width: 640.0,
            height: 360.0,
        },
        "Mine",
    );
    doc.views[0].caption = "Line one\nLine two".to_owned();
    let text = file::to_string(&doc);
    assert!(text.contains("\"views\""));
    let back = file::from_str(&text).expect("saved plan loads");
    assert_eq!(back.views, doc.views);
    assert_eq!(back, doc);
}

#[test]
fn a_plan_without_views_saves_no_views_field() {
    let text = file::to_string(&p01());
    assert!(!text.contains("\"views\""));
}

#[test]
fn a_plan_without_saved_views_is_not_called_plan_views() {
    let mut doc = p01();
    doc.views.clear();
    assert_eq!(
        DeckSource::Plan.label_for(&doc),
        "Overview and walkthroughs"
    );
    let camera = Camera {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 600.0,
    };
    doc.views = add_view(&[], camera, "Overview");
    assert_eq!(DeckSource::Plan.label_for(&doc), "Plan views");
    assert_eq!(
        DeckSource::Walkthrough(Walkthrough::MailFlow).label_for(&doc),
        Walkthrough::MailFlow.label()
    );
}
