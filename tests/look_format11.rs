//! How format 1.1 shows on a card (one look for the canvas and the exports): a padlock on
//! servers with a certificate, coloured by its expiry as of the evaluation date, and the
//! public names under the name. Plans without those fields draw exactly as before.

use hybrid_designer::export::{ExportFormat, ExportOptions, export_bytes};
use hybrid_designer::look::{
    self, CertStatus, NodeState, Prim, cert_color, cert_status, node_prims_as_of, node_size,
};
use hybrid_designer::model::{Certificate, Date, Document, Node, NodeKind, Role, Version};
use hybrid_designer::rules::Severity;
use std::path::Path;

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn texts(prims: &[Prim]) -> Vec<String> {
    prims
        .iter()
        .filter_map(|p| match p {
            Prim::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The colours of the filled rectangles of a card: the padlock's body among them.
fn fills(prims: &[Prim]) -> Vec<look::Rgba> {
    prims
        .iter()
        .filter_map(|p| match p {
            Prim::Rect { fill: Some(c), .. } => Some(*c),
            _ => None,
        })
        .collect()
}

fn server_with_certificate(not_after: &str) -> Node {
    let mut n = Node::server("ex", "EXSE-01", Version::Se, &[Role::Mailbox]);
    let mut c = Certificate::new("mail.contoso.com");
    c.not_after = Some(not_after.to_owned());
    n.certificate = Some(c);
    n
}

#[test]
fn plans_without_the_new_fields_export_the_same_svg_bytes_as_before() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut compared = 0;
    for entry in std::fs::read_dir(root.join("tests/fixtures/svg")).expect("golden pictures") {
        let golden = entry.expect("entry").path();
        let stem = golden
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a name")
            .to_owned();
        let plan = root.join(format!("tests/fixtures/scenarios/{stem}.hybrid.json"));
        let doc = hybrid_designer::file::load(&plan).expect("scenario loads");
        let opts = ExportOptions {
            findings: false,
            ..ExportOptions::default()
        };
        let svg = export_bytes(&doc, ExportFormat::Svg, &opts).expect("exports");
        // A deliberate change of the picture (issue 11's routed links): UPDATE_SVG_GOLDEN=1
        // writes the new pictures, to be looked at before they are committed.
        if std::env::var_os("UPDATE_SVG_GOLDEN").is_some() {
            std::fs::write(&golden, &svg).expect("golden writable");
        }
        let want = std::fs::read(&golden).expect("golden readable");
        assert!(svg == want, "{stem}: the SVG changed");
        compared += 1;
    }
    assert_eq!(compared, 14, "the version 1 scenarios p01-p14");
}

#[test]
fn a_server_with_a_certificate_gets_a_padlock_in_the_colour_of_its_expiry() {
    let as_of = day("2026-01-15");
    let state = NodeState::default();
    let at = look::Point::new(0.0, 0.0);
    let plain = Node::server("ex", "EXSE-01", Version::Se, &[Role::Mailbox]);
    let base = node_prims_as_of(&plain, at, &state, as_of);
    for (not_after, status) in [
        ("2026-12-31", CertStatus::Valid),
        ("2026-03-16", CertStatus::ExpiresSoon),
        ("2026-01-14", CertStatus::Expired),
    ] {
        let node = server_with_certificate(not_after);
        assert_eq!(cert_status(&node, as_of), Some(status));
        let prims = node_prims_as_of(&node, at, &state, as_of);
        assert_eq!(prims.len(), base.len() + 2, "a shackle and a body more");
        assert!(
            fills(&prims).contains(&cert_color(status)),
            "{not_after}: {status:?}"
        );
    }
    assert_eq!(
        cert_color(CertStatus::ExpiresSoon),
        look::severity_color(Severity::Warning),
        "amber"
    );
    assert_eq!(
        cert_color(CertStatus::Expired),
        look::severity_color(Severity::Error),
        "red"
    );
}

#[test]
fn the_export_colours_the_padlock_as_of_the_plans_evaluation_date() {
    let mut doc = Document::new("Certificate");
    doc.hybrid.evaluation_date = Some("2026-01-15".into());
    doc.nodes
        .push(server_with_certificate("2026-02-14").at(0.0, 0.0));
    let svg = String::from_utf8(
        export_bytes(&doc, ExportFormat::Svg, &ExportOptions::default()).expect("exports"),
    )
    .expect("UTF-8");
    let amber = cert_color(CertStatus::ExpiresSoon).to_hex();
    assert!(svg.contains(&amber), "amber padlock in the SVG");
    doc.hybrid.evaluation_date = Some("2026-03-01".into());
    let svg = String::from_utf8(
        export_bytes(&doc, ExportFormat::Svg, &ExportOptions::default()).expect("exports"),
    )
    .expect("UTF-8");
    assert!(
        svg.contains(&cert_color(CertStatus::Expired).to_hex()),
        "red once expired"
    );
}

#[test]
fn public_names_are_written_under_the_name_on_a_taller_card() {
    let mut lb = Node::new("lb", NodeKind::LoadBalancer, "LB01");
    let (w0, h0) = node_size(&lb);
    lb.public_names = Some(vec![
        "mail.contoso.com".into(),
        "autodiscover.contoso.com".into(),
    ]);
    let (w1, h1) = node_size(&lb);
    assert!(h1 > h0 && w1 >= w0);
    let prims = look::node_prims(&lb, &NodeState::default());
    let shown = texts(&prims);
    assert!(
        shown.contains(&"mail.contoso.com, autodiscover.contoso.com".to_owned()),
        "{shown:?}"
    );
    let y_of = |prims: &[Prim], text: &str| {
        prims.iter().find_map(|p| match p {
            Prim::Text { text: t, pos, .. } if t == text => Some(pos.y),
            _ => None,
        })
    };
    let names_y = y_of(&prims, "mail.contoso.com, autodiscover.contoso.com").expect("names");
    let title_y = y_of(&prims, "LB01").expect("name");
    assert!(names_y > title_y, "under the name");
    let card = look::node_rect(&lb, look::Point::new(0.0, 0.0));
    assert!(names_y < card.max.y, "inside the card");
    // The rename field sits on the name line, wherever the names push it.
    let rename = look::name_rect(&lb, look::Point::new(0.0, 0.0));
    assert!(rename.contains(look::Point::new(rename.min.x + 1.0, title_y)));
}

#[test]
fn public_names_that_do_not_fit_are_counted_not_drawn_over_the_card() {
    let mut lb = Node::new("lb", NodeKind::LoadBalancer, "LB01");
    lb.public_names = Some(
        (1..=8)
            .map(|i| format!("namespace-{i}.a-rather-long-domain.example"))
            .collect(),
    );
    let (w, _) = node_size(&lb);
    assert!(w <= 300.0, "the card stops growing");
    let shown = texts(&look::node_prims(&lb, &NodeState::default()));
    assert!(
        shown
            .iter()
            .any(|t| t.ends_with(" +7") || t.ends_with(" +6")),
        "{shown:?}"
    );
}

#[test]
fn other_kinds_show_neither_padlock_nor_public_names() {
    let mut exo = Node::new("exo", NodeKind::ExchangeOnline, "Tenant");
    exo.public_names = Some(vec!["mail.contoso.com".into()]);
    let before = Node::new("exo", NodeKind::ExchangeOnline, "Tenant");
    assert_eq!(node_size(&exo), node_size(&before));
    assert_eq!(
        look::node_prims(&exo, &NodeState::default()),
        look::node_prims(&before, &NodeState::default())
    );
}
