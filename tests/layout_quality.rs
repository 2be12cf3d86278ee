//! The layered layout, measured: columns in reading order, the issue's symptoms gone, the same
//! plan always laid out the same way, and the `tidy` command line.

use hybrid_designer::edit::{sample_plan, templates, tidy_layout};
use hybrid_designer::file;
use hybrid_designer::look::quality::{Route, measure, plan_cards, straight_routes};
use hybrid_designer::look::{auto_layout, layered_layout};
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::model::{
    Document, Link, LinkKind, Node, NodeId, NodeKind, Pos, Role, Version, Zone,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

fn tidied(doc: &Document) -> Document {
    let mut doc = doc.clone();
    if let Some(command) = tidy_layout(&doc) {
        command.apply(&mut doc).expect("applies");
    }
    doc
}

/// Every link as a straight line between card centres (how Graphviz's drawing is measured
/// too, so both layouts are judged by the same lines).
fn centre_lines(doc: &Document) -> Vec<Route> {
    let cards = plan_cards(doc);
    let centre = |id: &NodeId| {
        cards
            .iter()
            .find(|c| c.node == *id)
            .map(|c| c.rect.center())
    };
    doc.links
        .iter()
        .filter_map(|l| {
            Some(Route {
                link: l.id.clone(),
                from: l.from.clone(),
                to: l.to.clone(),
                points: vec![centre(&l.from)?, centre(&l.to)?],
                label: None,
            })
        })
        .collect()
}

fn at(doc: &Document, id: &str) -> (f64, f64) {
    let p = doc.node(id).and_then(|n| n.position).expect("placed");
    (p.x, p.y)
}

/// The plan of issue 11: two 2019 servers, a load balancer, Exchange Online, directory sync,
/// the usual links, drawn by hand in no particular place.
fn issue_plan() -> Document {
    let mut doc = Document::new("Issue 11");
    for (i, (id, name)) in [("ex1", "EX01"), ("ex2", "EX02")].iter().enumerate() {
        doc.nodes.push(
            Node::server(*id, *name, Version::V2019, &[Role::Mailbox])
                .at(400.0, 300.0 - 200.0 * i as f64),
        );
    }
    doc.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "mail.contoso.com").at(0.0, 0.0));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Exchange Online").at(900.0, 300.0));
    doc.nodes
        .push(Node::new("sync", NodeKind::SyncServer, "Entra Connect").at(600.0, 0.0));
    let links = [
        (LinkKind::RoutesTo, "lb", "ex1"),
        (LinkKind::RoutesTo, "lb", "ex2"),
        (LinkKind::SendConnector, "ex1", "exo"),
        (LinkKind::SendConnector, "ex2", "exo"),
        (LinkKind::ReceiveConnector, "exo", "lb"),
        (LinkKind::OrganizationRelationship, "lb", "exo"),
        (LinkKind::Oauth, "lb", "exo"),
        (LinkKind::DirectorySync, "sync", "exo"),
    ];
    for (i, (kind, from, to)) in links.into_iter().enumerate() {
        doc.links
            .push(Link::new(format!("l{i}").as_str(), kind, from, to));
    }
    doc
}

#[test]
fn the_issue_plan_reads_in_order_without_a_link_through_a_card() {
    let doc = tidied(&issue_plan());
    let (ex1, ex2) = (at(&doc, "ex1"), at(&doc, "ex2"));
    assert!(ex1.1 < ex2.1, "EX01 above EX02: {ex1:?} {ex2:?}");
    assert!((ex1.0 - ex2.0).abs() < 1.0, "the servers share a column");
    assert!(ex1.0 < at(&doc, "lb").0 && at(&doc, "lb").0 < at(&doc, "exo").0);
    assert!(at(&doc, "sync").0 < at(&doc, "exo").0);
    let q = measure(&plan_cards(&doc), &straight_routes(&doc));
    assert_eq!(q.intrusions, 0, "{q:?}");
    let q = measure(&plan_cards(&doc), &centre_lines(&doc));
    assert_eq!(q.crossings, 0, "{q:?}");
}

#[test]
fn the_same_plan_always_gets_the_same_layout_on_the_snap_grid() {
    for doc in [sample_plan(), issue_plan(), synthetic_plan(60)] {
        let a = layered_layout(&doc);
        let b = layered_layout(&doc);
        assert_eq!(a, b);
        for p in a.values() {
            assert!(
                (p.x / 20.0).fract().abs() < 1e-9 && (p.y / 20.0).fract().abs() < 1e-9,
                "{p:?} off the grid"
            );
        }
        let once = tidied(&doc);
        assert!(
            tidy_layout(&once).is_none(),
            "{}: tidy twice moves nothing",
            doc.display_title()
        );
    }
}

#[test]
fn columns_follow_the_zones_from_internal_servers_to_microsoft_365() {
    let mut doc = issue_plan();
    doc.nodes
        .push(Node::new("edge", NodeKind::EdgeTransport, "EDGE01"));
    let mut gw = Node::new("gw", NodeKind::SmtpGateway, "Hosted filter");
    gw.zone = Some(Zone::Internet);
    doc.nodes.push(gw);
    doc.links
        .push(Link::new("e1", LinkKind::EdgeSubscription, "ex1", "edge"));
    doc.links
        .push(Link::new("e2", LinkKind::SendConnector, "edge", "exo"));
    let pos = layered_layout(&doc);
    let x = |id: &str| pos[id].x;
    assert!(x("ex1") < x("lb") && x("lb") < x("edge"));
    assert!(x("edge") < x("gw") && x("gw") < x("exo"));
}

#[test]
fn sites_are_contiguous_blocks_and_a_large_site_wraps_into_a_grid() {
    let doc = synthetic_plan(1000);
    let pos = layered_layout(&doc);
    let servers: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .collect();
    let top = servers
        .iter()
        .map(|n| pos[&n.id].y)
        .fold(f64::MAX, f64::min);
    let bottom = servers
        .iter()
        .map(|n| pos[&n.id].y)
        .fold(f64::MIN, f64::max);
    assert!(
        bottom - top < 20_000.0,
        "1,000 servers in a block {} units tall",
        bottom - top
    );
    // Every site's vertical range overlaps no other site's.
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    let mut sites: Vec<&str> = servers.iter().map(|n| n.site()).collect();
    sites.dedup();
    for site in sites {
        let ys = servers
            .iter()
            .filter(|n| n.site() == site)
            .map(|n| pos[&n.id].y);
        let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
        ranges.push((lo, hi));
    }
    for (i, a) in ranges.iter().enumerate() {
        for b in &ranges[i + 1..] {
            assert!(a.1 < b.0 || b.1 < a.0, "sites interleave: {a:?} {b:?}");
        }
    }
}

#[test]
fn a_note_keeps_its_offset_to_the_card_it_annotates() {
    let mut doc = issue_plan();
    let mut note = Node::new("n", NodeKind::Note, "Note").at(160.0, 300.0);
    note.text = Some("Patched monthly".to_owned());
    doc.nodes.push(note);
    let pos = layered_layout(&doc);
    let (n, ex1) = (pos["n"], pos["ex1"]);
    // EX01 stood at (400, 300): the note 240 left of it, moved out just far enough (a grid
    // step or two) not to lie across the border of EX01's zone box.
    let dx = n.x - ex1.x;
    assert!(
        (-280.0..=-240.0).contains(&dx) && (n.y - ex1.y).abs() < 1e-9,
        "{n:?} {ex1:?}"
    );
}

#[test]
fn a_note_whose_spot_falls_between_two_zones_goes_under_the_plan_by_its_card() {
    // The sample's note stood right of directory sync; after a tidy that spot lies across the
    // gap between the internal network and Microsoft 365, where the links run.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.hybrid.json");
    let doc = hybrid_designer::file::from_str(&std::fs::read_to_string(path).expect("sample"))
        .expect("sample loads");
    let pos = layered_layout(&doc);
    let (note, sync) = (pos["note"], pos["sync"]);
    let lowest_card = doc
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Note)
        .map(|n| pos[&n.id].y)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(note.y > lowest_card + 100.0, "under the plan: {note:?}");
    assert!(
        (note.x - sync.x).abs() < 1e-9,
        "below its card: {note:?} {sync:?}"
    );
}

#[test]
fn a_plan_without_positions_opens_laid_out_in_columns() {
    let mut doc = synthetic_plan(120);
    for n in &mut doc.nodes {
        n.position = None;
    }
    let placed = auto_layout(&doc);
    assert_eq!(placed, layered_layout(&doc));
    let mut positioned = doc.clone();
    for n in &mut positioned.nodes {
        n.position = placed.get(&n.id).copied();
    }
    let q = measure(&plan_cards(&positioned), &straight_routes(&positioned));
    // Before: about 600 links through cards and 1,500 crossings.
    assert!(q.crossings < 300, "{q:?}");
}

#[test]
fn the_tidy_command_rewrites_the_plan_in_place_or_writes_another_file() {
    let dir = std::env::temp_dir().join(format!("hd-tidy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plan = dir.join("issue.hybrid.json");
    file::save(&plan, &issue_plan()).expect("saves");
    let bin = env!("CARGO_BIN_EXE_hybrid-designer");

    let out_file = dir.join("tidy.hybrid.json");
    let out = Command::new(bin)
        .args([
            "tidy".as_ref(),
            plan.as_os_str(),
            "-o".as_ref(),
            out_file.as_os_str(),
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        file::load(&plan).expect("loads"),
        issue_plan(),
        "FILE untouched with -o"
    );
    let tidy = file::load(&out_file).expect("loads");
    assert_eq!(tidy, tidied(&issue_plan()));
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 nodes moved"));

    let out = Command::new(bin)
        .args(["tidy".as_ref(), plan.as_os_str()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        file::load(&plan).expect("loads"),
        tidy,
        "rewritten in place"
    );
    let again = Command::new(bin)
        .args(["tidy".as_ref(), plan.as_os_str()])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&again.stdout).contains("already tidy"));

    let missing = Command::new(bin)
        .args(["tidy", "no/such/plan.hybrid.json"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/plan.hybrid.json"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = Path::new(bin);
}

// ---------------------------------------------------------------------------------------
// Against Graphviz dot
// ---------------------------------------------------------------------------------------

/// Card centres Graphviz `dot` gives the same graph (left to right, the cards' own sizes),
/// read from `dot -Tplain` (inches, y up) and turned into canvas units (points, y down).
fn dot_layout(doc: &Document) -> HashMap<NodeId, Pos> {
    let cards = plan_cards(doc);
    let mut graph =
        String::from("digraph plan {\n  rankdir=LR;\n  node [shape=box, fixedsize=true];\n");
    for (i, c) in cards.iter().enumerate() {
        let _ = writeln!(
            graph,
            "  n{i} [width={:.3}, height={:.3}];",
            c.rect.width() / 72.0,
            c.rect.height() / 72.0
        );
    }
    let index: HashMap<&NodeId, usize> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| (&c.node, i))
        .collect();
    for l in &doc.links {
        if let (Some(a), Some(b)) = (index.get(&l.from), index.get(&l.to)) {
            let _ = writeln!(graph, "  n{a} -> n{b};");
        }
    }
    graph.push_str("}\n");
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "Graphviz dot is needed to compare layouts and could not be run ({e}): install \
                 the graphviz package (.ci/run does)"
            )
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(graph.as_bytes())
        .expect("dot reads the graph");
    let out = child.wait_with_output().expect("dot runs");
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pos = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.first() == Some(&"node") && f.len() > 4 {
            let i: usize = f[1][1..].parse().expect("a node we named");
            let x: f64 = f[2].parse().expect("x");
            let y: f64 = f[3].parse().expect("y");
            pos.insert(
                cards[i].node.clone(),
                Pos {
                    x: x * 72.0,
                    y: -y * 72.0,
                },
            );
        }
    }
    assert_eq!(pos.len(), cards.len(), "dot placed every card");
    pos
}

fn placed(doc: &Document, pos: &HashMap<NodeId, Pos>) -> Document {
    let mut doc = doc.clone();
    for n in &mut doc.nodes {
        n.position = pos.get(&n.id).copied().or(n.position);
    }
    doc
}

fn crossings(doc: &Document) -> usize {
    measure(&plan_cards(doc), &centre_lines(doc)).crossings
}

/// Every template, every shared scenario and generated plans of 10 to 200 nodes.
fn yardstick_plans() -> Vec<(String, Document)> {
    let mut plans: Vec<(String, Document)> = templates()
        .iter()
        .map(|t| {
            (
                format!("template {}", t.name),
                t.document().expect("template loads"),
            )
        })
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .collect();
    files.sort();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        plans.push((name, file::load(&f).expect("scenario loads")));
    }
    for servers in [6, 10, 20, 40, 60, 90, 120, 170] {
        let doc = synthetic_plan(servers);
        assert!(
            (10..=200).contains(&doc.nodes.len()),
            "{} nodes",
            doc.nodes.len()
        );
        plans.push((format!("generated, {} nodes", doc.nodes.len()), doc));
    }
    plans
}

#[test]
fn tidy_layouts_cross_no_more_than_graphviz_dot_on_the_same_graphs() {
    let mut worse = Vec::new();
    let mut report = String::new();
    for (name, doc) in yardstick_plans() {
        let ours = crossings(&tidied(&doc));
        let dot = crossings(&placed(&doc, &dot_layout(&doc)));
        let _ = writeln!(report, "{name}: tidy {ours}, dot {dot}");
        if ours > dot {
            worse.push(format!("{name}: tidy {ours} > dot {dot}"));
        }
    }
    eprintln!("{report}");
    assert!(
        worse.is_empty(),
        "more crossings than dot:\n{}",
        worse.join("\n")
    );
}

#[test]
fn many_sites_of_a_hundred_servers_wrap_into_grids_not_one_tall_column() {
    // An imported organization of 500 servers in five sites of exactly 100: no site is large
    // enough to wrap alone, the column as a whole is.
    let mut doc = synthetic_plan(500);
    let mut i = 0;
    for n in &mut doc.nodes {
        if n.kind == NodeKind::ExchangeServer {
            n.site = Some(format!("Site-{}", i / 100));
            i += 1;
        }
    }
    assert_eq!(i, 500);
    let pos = layered_layout(&doc);
    let ys: Vec<f64> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .map(|n| pos[&n.id].y)
        .collect();
    let (top, bottom) = ys
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &y| (lo.min(y), hi.max(y)));
    assert!(
        bottom - top < 15_000.0,
        "500 servers in a column {} units tall",
        bottom - top
    );
}
