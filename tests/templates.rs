//! The bundled templates and the sample plan: they load as ordinary files, read well on
//! the canvas, and the validator reports exactly what each one means to show.

use hybrid_designer::edit::{SAMPLE_JSON, sample_plan, templates};
use hybrid_designer::file;
use hybrid_designer::model::{Date, Document, LinkKind, NodeKind, Role, Version};
use hybrid_designer::rules::{Severity, validate, validate_as_of};

/// Template file name → the rule ids it opens with.
const EXPECTED: [(&str, &[&str]); 6] = [
    ("blank.hybrid.json", &[]),
    ("single-se.hybrid.json", &["R-ROLE-REDUNDANCY"]),
    ("two-se-lb.hybrid.json", &[]),
    ("upgrade-to-se.hybrid.json", &["R-VER-EOL"]),
    ("edge.hybrid.json", &[]),
    ("modern-agent.hybrid.json", &[]),
];

fn asset(name: &str) -> String {
    let path = format!("{}/assets/templates/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rules_of(doc: &Document) -> Vec<&'static str> {
    validate(doc).iter().map(|f| f.rule).collect()
}

#[test]
fn every_template_file_is_embedded_and_every_embedded_template_has_a_file() {
    let embedded: Vec<&str> = templates().iter().map(|t| t.json).collect();
    assert_eq!(embedded.len(), EXPECTED.len());
    for (name, _) in EXPECTED {
        assert!(
            embedded.contains(&asset(name).as_str()),
            "{name} is offered by templates()"
        );
    }
    let mut names: Vec<&str> = templates().iter().map(|t| t.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), EXPECTED.len(), "template names are distinct");
    assert!(templates().iter().all(|t| !t.description.is_empty()));
}

#[test]
fn each_template_opens_with_exactly_its_intended_findings() {
    for (name, expected) in EXPECTED {
        let doc = file::from_str(&asset(name)).unwrap_or_else(|e| panic!("{name} loads: {e}"));
        assert_eq!(rules_of(&doc), expected, "{name}: {:#?}", validate(&doc));
    }
}

#[test]
fn template_documents_load_through_the_file_reader() {
    for template in templates() {
        let doc = template
            .document()
            .unwrap_or_else(|e| panic!("{}: {e}", template.name));
        assert!(doc.title.is_some(), "{} has a title", template.name);
    }
}

#[test]
fn template_files_are_written_exactly_as_the_designer_saves_them() {
    for (name, _) in EXPECTED {
        let text = asset(name);
        let doc = file::from_str(&text).expect("loads");
        assert_eq!(
            file::to_string(&doc),
            text,
            "{name} is in canonical pretty form"
        );
    }
    let sample = file::from_str(SAMPLE_JSON).expect("sample loads");
    assert_eq!(file::to_string(&sample), SAMPLE_JSON);
}

/// Every node has a position, no two are closer than `gap`, on-premises is left of the
/// cloud, and the plan fits a 1600x1000 window's canvas.
fn assert_reads_well(name: &str, doc: &Document, gap: f64) {
    let placed: Vec<_> = doc
        .nodes
        .iter()
        .map(|n| {
            (
                n,
                n.position
                    .unwrap_or_else(|| panic!("{name}: {} has no position", n.name)),
            )
        })
        .collect();
    for (i, (a, pa)) in placed.iter().enumerate() {
        assert!(
            (0.0..=1150.0).contains(&pa.x) && (0.0..=800.0).contains(&pa.y),
            "{name}: {} off canvas",
            a.name
        );
        for (b, pb) in &placed[i + 1..] {
            let distance = (pa.x - pb.x).hypot(pa.y - pb.y);
            assert!(
                distance >= gap,
                "{name}: {} and {} overlap ({distance:.0} px)",
                a.name,
                b.name
            );
        }
    }
    let cloud_x = placed
        .iter()
        .filter(|(n, _)| {
            matches!(
                n.kind,
                NodeKind::ExchangeOnline | NodeKind::FederationGateway
            )
        })
        .map(|(_, p)| p.x)
        .fold(f64::INFINITY, f64::min);
    for (n, p) in &placed {
        if !matches!(
            n.kind,
            NodeKind::ExchangeOnline | NodeKind::FederationGateway | NodeKind::Note
        ) {
            assert!(
                p.x < cloud_x,
                "{name}: {} is on the premises side, left of the cloud",
                n.name
            );
        }
    }
}

#[test]
fn templates_are_laid_out_left_to_right_without_overlaps() {
    for (name, _) in EXPECTED {
        let doc = file::from_str(&asset(name)).expect("loads");
        assert_reads_well(name, &doc, 200.0);
    }
}

#[test]
fn the_sample_plan_passes_every_rule() {
    let doc = sample_plan();
    assert_eq!(validate(&doc), vec![]);
}

#[test]
fn the_sample_plan_is_the_contoso_se_hybrid_with_every_part() {
    let doc = sample_plan();
    assert_eq!(doc.title.as_deref(), Some("Contoso hybrid (sample)"));
    assert_eq!(doc, file::from_str(SAMPLE_JSON).expect("sample loads"));
    let servers: Vec<_> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .collect();
    assert_eq!(servers.len(), 2);
    assert!(
        servers
            .iter()
            .all(|s| s.version == Some(Version::Se) && s.roles() == [Role::Mailbox])
    );
    // What a plan made today models (format 1.1).
    assert!(
        servers
            .iter()
            .all(|s| { s.certificate.is_some() && s.ews_external_url().is_some() })
    );
    let lb = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::LoadBalancer)
        .expect("a load balancer");
    assert!(!lb.public_names().is_empty() && lb.inbound_ports().is_some());
    let exo = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::ExchangeOnline)
        .expect("Exchange Online");
    assert_eq!(exo.dedicated_hybrid_app, Some(true));
    assert!(doc.hybrid.accepted_domains.is_some());
    assert!(doc.nodes.iter().any(|n| n.kind == NodeKind::LoadBalancer));
    for kind in [
        LinkKind::SendConnector,
        LinkKind::ReceiveConnector,
        LinkKind::FederationTrust,
        LinkKind::OrganizationRelationship,
        LinkKind::Oauth,
        LinkKind::MigrationEndpoint,
        LinkKind::DirectorySync,
    ] {
        assert!(
            doc.links.iter().any(|l| l.kind == kind),
            "the sample has a {kind}"
        );
    }
    assert_reads_well("sample", &doc, 200.0);
}

#[test]
fn the_sample_views_refer_to_things_in_the_plan() {
    let doc = sample_plan();
    assert!(!doc.views.is_empty());
    for view in &doc.views {
        assert!(
            view.camera.width > 0.0 && view.camera.height > 0.0,
            "{}",
            view.title
        );
        assert!(
            view.nodes.iter().all(|id| doc.node(id.as_str()).is_some()),
            "{}",
            view.title
        );
        assert!(
            view.links.iter().all(|id| doc.link(id.as_str()).is_some()),
            "{}",
            view.title
        );
        for id in &view.nodes {
            let p = doc
                .node(id.as_str())
                .and_then(|n| n.position)
                .expect("positioned");
            let c = view.camera;
            assert!(
                p.x >= c.x && p.x <= c.x + c.width && p.y >= c.y && p.y <= c.y + c.height,
                "{}: {id} is inside the camera",
                view.title
            );
        }
    }
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// The day the sample and templates were last brought up to date, and two years later.
const CLEAN_FROM: &str = "2026-12-04";
const CLEAN_UNTIL: &str = "2028-12-04";

#[test]
fn the_sample_and_the_templates_stay_as_intended_for_two_years() {
    for date in [CLEAN_FROM, CLEAN_UNTIL] {
        let sample = sample_plan();
        assert_eq!(
            validate_as_of(&sample, day(date)),
            vec![],
            "sample as of {date}"
        );
        for (name, expected) in EXPECTED {
            let doc = file::from_str(&asset(name)).expect("loads");
            let rules: Vec<&str> = validate_as_of(&doc, day(date))
                .iter()
                .map(|f| f.rule)
                .collect();
            assert_eq!(rules, expected, "{name} as of {date}");
        }
    }
}

#[test]
fn the_sample_and_the_templates_describe_exchange_server_se_deployments() {
    let mut plans = vec![("sample".to_owned(), sample_plan())];
    for (name, _) in EXPECTED {
        plans.push((
            name.to_owned(),
            file::from_str(&asset(name)).expect("loads"),
        ));
    }
    for (name, doc) in &plans {
        if name.starts_with("upgrade-to-se") {
            continue;
        }
        for n in doc.nodes.iter().filter(|n| n.kind.has_version()) {
            assert_eq!(n.version, Some(Version::Se), "{name}: {}", n.name);
            assert!(
                n.certificate.is_some(),
                "{name}: {} has a certificate",
                n.name
            );
        }
    }
}

#[test]
fn the_upgrade_template_shows_end_of_support_of_2016_and_2019_only() {
    let doc = file::from_str(&asset("upgrade-to-se.hybrid.json")).expect("loads");
    let findings = validate(&doc);
    let eol: Vec<_> = findings.iter().filter(|f| f.rule == "R-VER-EOL").collect();
    assert_eq!(eol.len(), 1, "{findings:#?}");
    assert_eq!(eol[0].severity, Severity::Warning);
    let named: Vec<&str> = eol[0]
        .nodes
        .iter()
        .map(hybrid_designer::model::NodeId::as_str)
        .collect();
    assert_eq!(named, ["ex16-01", "ex19-01"]);
    assert!(eol[0].message.contains("EX16-01") && eol[0].message.contains("2025-10-14"));
}
