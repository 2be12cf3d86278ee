//! Copy, cut and paste: the copied text is a plan in the file format, pasting gives fresh
//! ids and names in one undo step, and text that is not a plan is refused with a reason.

use hybrid_designer::edit::clipboard::{MAX_PASTE_BYTES, MAX_PASTE_NODES};
use hybrid_designer::edit::{Command, History, PasteError, Selection, copy, cut, paste};
use hybrid_designer::file;
use hybrid_designer::model::{
    Document, Link, LinkKind, Node, NodeId, NodeKind, Pos, Role, TlsAuth, Version,
};
use std::collections::BTreeSet;

const AT: Pos = Pos {
    x: 1000.0,
    y: 500.0,
};

/// Two 2019 servers behind a load balancer, Exchange Online, a send connector from each
/// server and a receive connector to the load balancer.
fn source_plan() -> Document {
    let mut doc = Document::new("Source");
    doc.nodes
        .push(Node::server("ex01", "EX01", Version::V2019, &[Role::Mailbox]).at(0.0, 200.0));
    doc.nodes
        .push(Node::server("ex02", "EX02", Version::V2019, &[Role::Mailbox]).at(200.0, 200.0));
    doc.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "LB01").at(100.0, 100.0));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Exchange Online").at(100.0, 0.0));
    let mut send = Link::new("s1", LinkKind::SendConnector, "ex01", "exo");
    send.tls_auth = Some(TlsAuth::CertificateValidation);
    doc.links.push(send);
    doc.links
        .push(Link::new("s2", LinkKind::SendConnector, "ex02", "exo"));
    doc.links
        .push(Link::new("r1", LinkKind::ReceiveConnector, "exo", "lb"));
    doc.links
        .push(Link::new("rt1", LinkKind::RoutesTo, "lb", "ex01"));
    doc.links
        .push(Link::new("rt2", LinkKind::RoutesTo, "lb", "ex02"));
    doc
}

fn select(ids: &[&str]) -> Selection {
    Selection {
        nodes: ids.iter().map(|&id| NodeId::from(id)).collect(),
        links: BTreeSet::new(),
    }
}

fn apply(doc: &mut Document, command: Command) {
    command.apply(doc).expect("the pasted command applies");
}

fn names(doc: &Document) -> Vec<&str> {
    doc.nodes.iter().map(|n| n.name.as_str()).collect()
}

#[test]
fn copied_text_is_a_plan_the_normal_loader_reads() {
    let text = copy(&source_plan(), &select(&["ex01", "ex02", "lb"]));
    let copied = file::from_str(&text).expect("the loader reads copied text");
    assert_eq!(copied.format, "exchange-hybrid-topology");
    assert_eq!(names(&copied), ["EX01", "EX02", "LB01"]);
}

#[test]
fn copy_takes_the_links_whose_two_ends_are_selected_and_no_others() {
    let text = copy(&source_plan(), &select(&["ex01", "ex02", "lb"]));
    let copied = file::from_str(&text).expect("plan");
    let ids: Vec<&str> = copied.links.iter().map(|l| l.id.as_str()).collect();
    // The connectors end at Exchange Online, which is not selected.
    assert_eq!(ids, ["rt1", "rt2"]);
}

#[test]
fn copy_gives_automatically_placed_nodes_the_position_they_are_shown_at() {
    let mut doc = source_plan();
    doc.nodes[0].position = None;
    let copied = file::from_str(&copy(&doc, &select(&["ex01"]))).expect("plan");
    assert!(copied.nodes[0].position.is_some());
}

#[test]
fn copy_then_paste_into_another_document_brings_the_nodes_fields_and_links() {
    let source = source_plan();
    let text = copy(&source, &select(&["ex01", "exo"]));
    let mut target = Document::new("Target");
    let pasted = paste(&target, &text, AT).expect("pastes");
    apply(&mut target, pasted.command);

    assert_eq!(names(&target), ["EX01", "Exchange Online"]);
    assert_eq!(target.links.len(), 1);
    let link = &target.links[0];
    assert_eq!(link.kind, LinkKind::SendConnector);
    assert_eq!(link.tls_auth, Some(TlsAuth::CertificateValidation));
    let ex01 = target.node(link.from.as_str()).expect("from");
    assert_eq!(
        (ex01.name.as_str(), ex01.version),
        ("EX01", Some(Version::V2019))
    );
    assert_eq!(
        target.node(link.to.as_str()).expect("to").name,
        "Exchange Online"
    );
}

#[test]
fn pasting_twice_never_collides_ids_and_renames_taken_names_like_duplicate() {
    let mut doc = source_plan();
    let text = copy(&doc, &select(&["ex01", "ex02", "lb"]));
    for _ in 0..2 {
        let pasted = paste(&doc, &text, AT).expect("pastes");
        apply(&mut doc, pasted.command);
    }
    let node_ids: BTreeSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    let link_ids: BTreeSet<&str> = doc.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(node_ids.len(), 4 + 3 + 3);
    assert_eq!(link_ids.len(), 5 + 2 + 2);
    assert_eq!(
        names(&doc)[4..],
        ["EX03", "EX04", "LB02", "EX05", "EX06", "LB03"]
    );
    // The whole result still loads: unique ids, links between existing nodes.
    file::from_str(&file::to_string(&doc)).expect("valid plan");
}

#[test]
fn pasted_links_join_the_pasted_nodes_not_the_originals() {
    let mut doc = source_plan();
    let text = copy(&doc, &select(&["ex01", "lb"]));
    let pasted = paste(&doc, &text, AT).expect("pastes");
    apply(&mut doc, pasted.command.clone());
    let link = doc.link(pasted.links[0].as_str()).expect("pasted link");
    assert_eq!(link.kind, LinkKind::RoutesTo);
    assert_eq!([&link.from, &link.to], [&pasted.nodes[1], &pasted.nodes[0]]);
}

#[test]
fn pasted_group_is_centred_on_the_asked_position_and_keeps_its_shape() {
    let doc = source_plan();
    // EX01 at (0, 200), EX02 at (200, 200), LB01 at (100, 100): the box's centre is (100, 150).
    let text = copy(&doc, &select(&["ex01", "ex02", "lb"]));
    let mut target = Document::default();
    let pasted = paste(&target, &text, AT).expect("pastes");
    apply(&mut target, pasted.command);
    let at = |name: &str| {
        target
            .nodes
            .iter()
            .find(|n| n.name == name)
            .and_then(|n| n.position)
            .expect("placed")
    };
    assert_eq!(at("EX01"), Pos { x: 900.0, y: 550.0 });
    assert_eq!(
        at("EX02"),
        Pos {
            x: 1100.0,
            y: 550.0
        }
    );
    assert_eq!(
        at("LB01"),
        Pos {
            x: 1000.0,
            y: 450.0
        }
    );
}

#[test]
fn a_paste_is_one_undo_step_named_after_what_it_adds() {
    let mut doc = source_plan();
    let before = doc.clone();
    let text = copy(&doc, &select(&["ex01", "ex02", "lb"]));
    let pasted = paste(&doc, &text, AT).expect("pastes");
    assert_eq!(pasted.command.label(), "Paste 3 nodes");
    let mut history = History::default();
    history.apply(&mut doc, pasted.command).expect("applies");
    assert_eq!(doc.nodes.len(), 7);
    assert!(history.undo(&mut doc));
    assert_eq!(doc, before);

    let one = paste(&doc, &copy(&doc, &select(&["lb"])), AT).expect("pastes");
    assert_eq!(one.command.label(), "Paste LB02");
}

#[test]
fn paste_reports_the_new_ids_for_the_window_to_select() {
    let mut doc = source_plan();
    let pasted = paste(&doc, &copy(&doc, &select(&["ex01", "lb"])), AT).expect("pastes");
    apply(&mut doc, pasted.command.clone());
    let selection = pasted.selection();
    assert_eq!(selection.nodes.len(), 2);
    assert_eq!(selection.links.len(), 1);
    for id in &selection.nodes {
        assert!(doc.node(id.as_str()).is_some());
        assert!(!["ex01", "lb"].contains(&id.as_str()), "fresh id, not {id}");
    }
}

#[test]
fn free_names_are_kept_and_taken_names_are_renamed_case_insensitively() {
    let mut target = Document::default();
    target
        .nodes
        .push(Node::new("x", NodeKind::ExchangeOnline, "exchange online"));
    let text = copy(&source_plan(), &select(&["ex01", "exo"]));
    let pasted = paste(&target, &text, AT).expect("pastes");
    apply(&mut target, pasted.command);
    assert_eq!(
        names(&target),
        ["exchange online", "EX01", "Exchange Online (copy)"]
    );
}

#[test]
fn cut_copies_the_selection_and_deletes_it_in_one_step() {
    let mut doc = source_plan();
    let cut = cut(&doc, &select(&["ex01", "ex02"])).expect("something to cut");
    assert_eq!(cut.command.label(), "Cut 2 nodes");
    apply(&mut doc, cut.command);
    assert_eq!(names(&doc), ["LB01", "Exchange Online"]);
    // Pasting back restores the servers under their own names, now free again.
    let pasted = paste(&doc, &cut.text, AT).expect("pastes");
    apply(&mut doc, pasted.command);
    assert_eq!(names(&doc), ["LB01", "Exchange Online", "EX01", "EX02"]);
}

#[test]
fn cutting_only_links_is_refused_because_they_could_not_be_pasted_back() {
    let doc = source_plan();
    let selection = Selection::link("s1".into());
    assert!(cut(&doc, &selection).is_none());
}

#[test]
fn text_that_is_not_a_plan_is_refused_with_the_loaders_reason() {
    let doc = source_plan();
    let err = paste(&doc, "EX01, EX02", AT).expect_err("not JSON");
    assert!(matches!(err, PasteError::NotAPlan(_)));
    assert!(err.to_string().contains("not JSON"), "{err}");

    let err = paste(&doc, r#"{"format": "something-else", "nodes": []}"#, AT).expect_err("foreign");
    assert!(err.to_string().contains("/format"), "{err}");

    let err = paste(&doc, "[1, 2, 3]", AT).expect_err("not an object");
    assert!(matches!(err, PasteError::NotAPlan(_)), "{err}");
}

#[test]
fn empty_and_node_less_text_is_refused() {
    let doc = source_plan();
    assert!(matches!(paste(&doc, "  \n", AT), Err(PasteError::Empty)));
    let none = copy(&doc, &Selection::default());
    assert!(matches!(paste(&doc, &none, AT), Err(PasteError::NoNodes)));
}

#[test]
fn links_to_missing_nodes_are_refused_naming_the_link() {
    let text = r#"{"format": "exchange-hybrid-topology", "format_version": 1,
        "nodes": [{"id": "a", "kind": "load_balancer", "name": "LB"}],
        "links": [{"id": "l1", "kind": "routes_to", "from": "a", "to": "ghost"}]}"#;
    let err = paste(&Document::default(), text, AT).expect_err("dangling link");
    let message = err.to_string();
    assert!(
        message.contains("/links/0/to") && message.contains("ghost"),
        "{message}"
    );
}

#[test]
fn wrongly_drawn_links_are_left_out_and_counted() {
    let text = r#"{"format": "exchange-hybrid-topology", "format_version": 1,
        "nodes": [{"id": "a", "kind": "load_balancer", "name": "LB"},
                  {"id": "b", "kind": "note", "name": "N"}],
        "links": [{"id": "l1", "kind": "send_connector", "from": "a", "to": "b"},
                  {"id": "l2", "kind": "routes_to", "from": "a", "to": "a"}]}"#;
    let mut doc = Document::default();
    let pasted = paste(&doc, text, AT).expect("nodes paste");
    assert_eq!((pasted.links.len(), pasted.skipped_links), (0, 2));
    apply(&mut doc, pasted.command);
    assert_eq!(doc.nodes.len(), 2);
}

#[test]
fn numbers_that_are_not_finite_are_refused_not_pasted() {
    let doc = Document::default();
    for bad in ["NaN", "Infinity", "1e999", "-1e400"] {
        let text = format!(
            r#"{{"format": "exchange-hybrid-topology", "format_version": 1,
                "nodes": [{{"id": "a", "kind": "note", "name": "N", "position": {{"x": {bad}, "y": 0}}}}]}}"#
        );
        assert!(
            matches!(paste(&doc, &text, AT), Err(PasteError::NotAPlan(_))),
            "{bad}"
        );
    }
    let text = copy(&source_plan(), &select(&["lb"]));
    let nan = Pos {
        x: f64::NAN,
        y: 0.0,
    };
    assert!(matches!(
        paste(&doc, &text, nan),
        Err(PasteError::BadTarget)
    ));
}

#[test]
fn a_group_moved_beyond_the_range_of_numbers_is_refused() {
    let text = r#"{"format": "exchange-hybrid-topology", "format_version": 1,
        "nodes": [{"id": "a", "kind": "note", "name": "A", "position": {"x": -1.7e308, "y": 0}},
                  {"id": "b", "kind": "note", "name": "B", "position": {"x": 1.7e308, "y": 0}}]}"#;
    let far = Pos { x: 1e308, y: 0.0 };
    let err = paste(&Document::default(), text, far).expect_err("overflows");
    assert!(matches!(err, PasteError::OutOfRange(_)), "{err}");
    // Centred on the origin the same group fits.
    paste(&Document::default(), text, Pos::default()).expect("fits");
}

#[test]
fn huge_text_is_refused_before_it_is_read() {
    let huge = " ".repeat(MAX_PASTE_BYTES + 1);
    assert!(matches!(
        paste(&Document::default(), &huge, AT),
        Err(PasteError::TooLarge { .. })
    ));
}

#[test]
fn too_many_nodes_are_refused() {
    let mut big = Document::default();
    for i in 0..=MAX_PASTE_NODES {
        big.nodes
            .push(Node::new(format!("n{i}"), NodeKind::Note, format!("N{i}")));
    }
    let text = file::to_string(&big);
    assert!(matches!(
        paste(&Document::default(), &text, AT),
        Err(PasteError::TooMany { .. })
    ));
}

#[test]
fn hostile_names_and_ids_paste_without_panicking() {
    let text = r#"{"format": "exchange-hybrid-topology", "format_version": 1,
        "nodes": [{"id": "!!!", "kind": "note", "name": "99999999999999999999999"},
                  {"id": "b", "kind": "note", "name": "EX18446744073709551615"},
                  {"id": "c", "kind": "note", "name": ""},
                  {"id": "d", "kind": "note", "name": "İ\u0000<script>"}]}"#;
    let mut doc = Document::default();
    for _ in 0..2 {
        let pasted = paste(&doc, text, AT).expect("pastes");
        apply(&mut doc, pasted.command);
    }
    let ids: BTreeSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), 8);
}
