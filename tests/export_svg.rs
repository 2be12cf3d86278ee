//! SVG export: valid for resvg, complete (every name and label), escaped, fitted.

use hybrid_designer::edit::Selection;
use hybrid_designer::export::svg::{SvgOptions, to_svg};
use hybrid_designer::export::{Background, ExportFormat, ExportOptions, export_bytes};
use hybrid_designer::look;
use hybrid_designer::model::{Document, Link, LinkKind, Node, NodeKind, Role, Version};
use hybrid_designer::rules::{Finding, Severity, validate};
use resvg::usvg;

fn parse(svg: &str) -> usvg::Tree {
    usvg::Tree::from_str(svg, &hybrid_designer::export::png::usvg_options())
        .expect("the SVG parses")
}

/// Every node kind and every link kind, some nodes without positions.
fn every_kind_plan() -> Document {
    let mut d = Document::new("Every kind");
    let mut exo = Node::new("exo", NodeKind::ExchangeOnline, "Contoso tenant").at(600.0, 0.0);
    exo.tenant = Some("contoso".into());
    d.nodes.push(exo);
    d.nodes
        .push(Node::new("mfg", NodeKind::FederationGateway, "Federation Gateway").at(900.0, 0.0));
    d.nodes
        .push(Node::new("sync", NodeKind::SyncServer, "SYNC01").at(900.0, 200.0));
    d.nodes.push(
        Node::server(
            "ex1",
            "EX13-01",
            Version::V2013,
            &[Role::Mailbox, Role::ClientAccess],
        )
        .at(0.0, 400.0),
    );
    d.nodes.push(Node::server(
        "ex2",
        "EX19-01",
        Version::V2019,
        &[Role::Mailbox],
    ));
    let mut edge = Node::new("edge", NodeKind::EdgeTransport, "EDGE01");
    edge.version = Some(Version::V2019);
    d.nodes.push(edge.at(300.0, 200.0));
    d.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "mail.contoso.com").at(300.0, 400.0));
    d.nodes
        .push(Node::new("gw", NodeKind::SmtpGateway, "SMTP relay").at(0.0, 200.0));
    d.nodes
        .push(Node::new("agent", NodeKind::HybridAgent, "Agent01"));
    let mut note = Node::new("note", NodeKind::Note, "Read me");
    note.text = Some("Cut-over weekend: 14 March".into());
    d.nodes.push(note);
    let links = [
        ("l1", LinkKind::SendConnector, "ex1", "exo"),
        ("l2", LinkKind::ReceiveConnector, "exo", "lb"),
        ("l3", LinkKind::RoutesTo, "lb", "ex1"),
        ("l4", LinkKind::FederationTrust, "ex1", "mfg"),
        ("l5", LinkKind::OrganizationRelationship, "lb", "exo"),
        ("l6", LinkKind::Oauth, "lb", "exo"),
        ("l7", LinkKind::MigrationEndpoint, "exo", "lb"),
        ("l8", LinkKind::EdgeSubscription, "edge", "ex1"),
        ("l9", LinkKind::AgentRegistration, "agent", "ex2"),
        ("l10", LinkKind::DirectorySync, "sync", "exo"),
    ];
    for (id, k, f, t) in links {
        d.links.push(Link::new(id, k, f, t));
    }
    d
}

#[test]
fn svg_parses_and_contains_every_node_name_and_every_link_label() {
    let d = every_kind_plan();
    let svg = to_svg(&d, &[], &SvgOptions::default());
    parse(&svg);
    for n in &d.nodes {
        assert!(
            svg.contains(&format!(">{}</text>", n.name)),
            "missing node name {}",
            n.name
        );
    }
    for l in &d.links {
        let label = look::link_label(l);
        assert!(
            svg.contains(&format!(">{label}</text>")),
            "missing link label {label}"
        );
    }
    assert!(svg.contains(">Every kind</text>"), "title");
    assert!(svg.contains(">2013 \u{B7} MBX CAS</text>"));
}

#[test]
fn icons_are_defined_once_and_used_by_reference() {
    let mut d = every_kind_plan();
    d.nodes
        .push(Node::server("ex3", "EX19-02", Version::V2019, &[Role::Mailbox]).at(0.0, 600.0));
    let svg = to_svg(&d, &[], &SvgOptions::default());
    assert_eq!(
        svg.matches("<symbol id=\"icon-exchange_server\"").count(),
        1
    );
    assert_eq!(svg.matches("href=\"#icon-exchange_server\"").count(), 3);
    for k in NodeKind::ALL {
        assert!(svg.contains(&format!("id=\"icon-{}\"", k.key())), "{k:?}");
    }
}

#[test]
fn hostile_names_are_escaped_and_the_svg_still_parses() {
    let mut d = Document::new("Plan <script>alert('x')</script> & \"friends\"");
    d.nodes
        .push(Node::server("a", "<EX&01>", Version::V2016, &[Role::Mailbox]).at(0.0, 0.0));
    d.nodes
        .push(Node::new("b", NodeKind::ExchangeOnline, "]]><!-- \u{1}\u{7}'\"").at(300.0, 0.0));
    let mut l = Link::new("l", LinkKind::SendConnector, "a", "b");
    l.label = Some("</text><svg onload=\"x\">".into());
    d.links.push(l);
    let svg = to_svg(&d, &[], &SvgOptions::default());
    parse(&svg);
    assert!(svg.contains("&lt;EX&amp;01&gt;"));
    assert!(!svg.contains("<script>") && !svg.contains("<EX&01>") && !svg.contains("onload=\"x\""));
    // The tree holds the name as the user wrote it.
    let tree = parse(&svg);
    let mut texts = Vec::new();
    collect_text(tree.root(), &mut texts);
    assert!(texts.iter().any(|t| t == "<EX&01>"), "{texts:?}");
}

fn collect_text(g: &usvg::Group, out: &mut Vec<String>) {
    for n in g.children() {
        match n {
            usvg::Node::Group(g) => collect_text(g, out),
            usvg::Node::Text(t) => out.push(t.chunks().iter().map(usvg::TextChunk::text).collect()),
            _ => {}
        }
    }
}

#[test]
fn drawing_is_fitted_to_the_nodes_with_a_margin() {
    let mut d = Document::new("Far away");
    d.nodes
        .push(Node::new("a", NodeKind::LoadBalancer, "A").at(10_000.0, 20_000.0));
    d.nodes
        .push(Node::new("b", NodeKind::LoadBalancer, "B").at(10_300.0, 20_000.0));
    let svg = to_svg(&d, &[], &SvgOptions::default());
    let tree = parse(&svg);
    let size = tree.size();
    // Two cards side by side in their zone's box, plus margins and title band: far smaller
    // than the coordinates.
    assert!(size.width() < 700.0 && size.height() < 340.0, "{size:?}");
    let bbox = tree.root().abs_bounding_box();
    assert!(bbox.left() >= 0.0 && bbox.top() >= 0.0, "{bbox:?}");
    assert!(
        bbox.right() <= size.width() + 0.5 && bbox.bottom() <= size.height() + 0.5,
        "{bbox:?} vs {size:?}"
    );
}

#[test]
fn selection_export_draws_only_the_selected_nodes_and_links_between_them() {
    let d = every_kind_plan();
    let sel = Selection {
        nodes: ["ex1".into(), "exo".into()].into(),
        links: std::collections::BTreeSet::default(),
    };
    let svg = to_svg(
        &d,
        &[],
        &SvgOptions {
            selection: Some(&sel),
            ..SvgOptions::default()
        },
    );
    parse(&svg);
    assert!(svg.contains(">EX13-01</text>") && svg.contains(">Contoso tenant</text>"));
    assert!(!svg.contains(">mail.contoso.com</text>") && !svg.contains(">SYNC01</text>"));
    assert!(svg.contains(">Send connector</text>"));
    assert!(!svg.contains(">Directory sync</text>"));
}

fn finding_on(node: &str, sev: Severity) -> Finding {
    Finding {
        rule: "R-TEST",
        severity: sev,
        message: "test".into(),
        nodes: vec![node.into()],
        links: vec![],
        fix: "fix it".into(),
        source: "https://learn.microsoft.com/exchange/",
    }
}

#[test]
fn finding_outlines_and_legend_are_on_by_default_and_can_be_turned_off() {
    let d = every_kind_plan();
    let f = [finding_on("ex1", Severity::Error)];
    let red = look::severity_color(Severity::Error).to_hex();
    let with = to_svg(&d, &f, &SvgOptions::default());
    assert!(
        with.contains(&format!("stroke=\"{red}\" stroke-width=\"3\"")),
        "outline"
    );
    assert!(with.contains(">Error (1)</text>"), "legend counts");
    assert!(with.contains(">Legend</text>"));
    let without = to_svg(
        &d,
        &f,
        &SvgOptions {
            findings: false,
            ..SvgOptions::default()
        },
    );
    assert!(!without.contains(&format!("stroke=\"{red}\"")));
    assert!(!without.contains(">Error (1)</text>"));
}

#[test]
fn transparent_background_has_no_background_rectangle() {
    let d = every_kind_plan();
    let white = to_svg(&d, &[], &SvgOptions::default());
    let clear = to_svg(
        &d,
        &[],
        &SvgOptions {
            background: None,
            ..SvgOptions::default()
        },
    );
    let first_rect = |s: &str| {
        s.split("</defs>")
            .nth(1)
            .and_then(|r| r.lines().nth(1))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        first_rect(&white).starts_with("<rect") && first_rect(&white).contains("fill=\"#ffffff\"")
    );
    assert!(!first_rect(&clear).starts_with("<rect"));
}

#[test]
fn empty_plan_gives_a_small_valid_picture_with_its_title() {
    let d = Document::new("Nothing yet");
    let svg = to_svg(&d, &[], &SvgOptions::default());
    parse(&svg);
    assert!(svg.contains(">Nothing yet</text>"));
    assert!(svg.contains("no nodes yet"));
}

#[test]
fn font_stack_names_the_embedded_font_first() {
    let svg = to_svg(&every_kind_plan(), &[], &SvgOptions::default());
    assert!(svg.contains("font-family=\"&apos;DejaVu Sans&apos;, Inter, &apos;Segoe UI&apos;, &apos;Helvetica Neue&apos;, Arial, sans-serif\""));
}

#[test]
fn export_bytes_svg_uses_the_validator_and_honours_no_findings() {
    let d = every_kind_plan();
    let findings = validate(&d);
    let svg = String::from_utf8(
        export_bytes(&d, ExportFormat::Svg, &ExportOptions::default()).expect("svg"),
    )
    .expect("utf8");
    parse(&svg);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        assert!(svg.contains(">Error ("));
    }
    let opts = ExportOptions {
        findings: false,
        background: Background::Transparent,
        ..ExportOptions::default()
    };
    let plain =
        String::from_utf8(export_bytes(&d, ExportFormat::Svg, &opts).expect("svg")).expect("utf8");
    assert!(!plain.contains(">Error ("));
}

#[test]
fn nodes_at_the_same_point_joined_by_a_link_export_without_nan() {
    let mut d = Document::new("Stacked");
    d.nodes
        .push(Node::server("a", "A", Version::V2016, &[Role::Mailbox]).at(50.0, 50.0));
    d.nodes
        .push(Node::new("b", NodeKind::ExchangeOnline, "B").at(50.0, 50.0));
    d.links
        .push(Link::new("l", LinkKind::OrganizationRelationship, "a", "b"));
    let svg = to_svg(&d, &[], &SvgOptions::default());
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    parse(&svg);
}
