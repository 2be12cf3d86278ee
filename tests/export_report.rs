//! Findings reports (Markdown and HTML): complete, escaped, dated as asked.

use hybrid_designer::export::report::{ReportOptions, to_html, to_markdown};
use hybrid_designer::export::svg::SvgOptions;
use hybrid_designer::export::{ExportFormat, ExportOptions, export_bytes};
use hybrid_designer::model::{Document, Link, LinkKind, Node, NodeKind, Role, Version};
use hybrid_designer::rules::{Finding, Severity, validate};

fn plan() -> Document {
    let mut d = Document::new("Contoso <hybrid> & co");
    d.nodes
        .push(Node::server("a", "<EX&01>", Version::V2013, &[Role::Mailbox]).at(0.0, 0.0));
    d.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Tenant").at(300.0, 0.0));
    d.links
        .push(Link::new("l1", LinkKind::SendConnector, "a", "exo"));
    d
}

fn findings() -> Vec<Finding> {
    vec![
        Finding {
            rule: "R-TEST-ERR",
            severity: Severity::Error,
            message: "Server <EX&01> lacks a role".into(),
            nodes: vec!["a".into()],
            links: vec![],
            fix: "Add the Client Access role.".into(),
            source: "https://learn.microsoft.com/exchange/errors",
        },
        Finding {
            rule: "R-TEST-WARN",
            severity: Severity::Warning,
            message: "The connector is odd".into(),
            nodes: vec![],
            links: vec!["l1".into()],
            fix: "Check it.".into(),
            source: "https://learn.microsoft.com/exchange/warnings",
        },
        Finding {
            rule: "R-TEST-INFO",
            severity: Severity::Info,
            message: "A tip".into(),
            nodes: vec!["exo".into()],
            links: vec![],
            fix: "Consider it.".into(),
            source: "https://learn.microsoft.com/exchange/info",
        },
    ]
}

fn opts() -> ReportOptions<'static> {
    ReportOptions {
        date: "2026-02-03",
        svg: SvgOptions::default(),
    }
}

#[test]
fn markdown_report_lists_every_finding_with_rule_fix_source_and_subjects_by_name() {
    let md = to_markdown(&plan(), &findings(), &opts());
    for f in findings() {
        assert!(md.contains(f.rule), "{}", f.rule);
        assert!(md.contains(f.source), "{}", f.source);
    }
    assert!(md.contains("2026-02-03"));
    assert!(md.contains("1 error, 1 warning, 1 info"));
    assert!(
        md.contains("## Errors (1)")
            && md.contains("## Warnings (1)")
            && md.contains("## Information (1)")
    );
    // Grouped by severity: errors first.
    assert!(
        md.find("R-TEST-ERR") < md.find("R-TEST-WARN")
            && md.find("R-TEST-WARN") < md.find("R-TEST-INFO")
    );
    // Subjects by name, escaped; the link as label and ends.
    assert!(md.contains("&lt;EX&amp;01&gt;"), "node name escaped");
    assert!(!md.contains("<EX&01>"));
    assert!(md.contains("Send connector: &lt;EX&amp;01&gt; \u{2192} Tenant"));
    assert!(md.contains("- Fix: Add the Client Access role."));
    // The diagram is embedded as a data URI image.
    assert!(md.contains("](data:image/svg+xml;base64,"));
}

#[test]
fn html_report_is_one_escaped_self_contained_page_with_the_diagram_inline() {
    let html = to_html(&plan(), &findings(), &opts());
    assert!(html.starts_with("<!DOCTYPE html>"));
    for f in findings() {
        assert!(html.contains(f.rule));
        assert!(html.contains(&format!("href=\"{}\"", f.source)));
    }
    assert!(html.contains("2026-02-03"));
    assert!(html.contains("Contoso &lt;hybrid&gt; &amp; co"));
    assert!(html.contains("Server &lt;EX&amp;01&gt; lacks a role"));
    assert!(!html.contains("<EX&01>") && !html.contains("<hybrid>"));
    assert_eq!(html.matches("<svg").count(), 1, "diagram inline once");
    assert!(!html.contains("<?xml"), "no XML prologue inside HTML");
    assert!(!html.contains("<script") && !html.contains("<link ") && !html.contains("src=\"http"));
}

#[test]
fn report_without_findings_says_so() {
    let md = to_markdown(&plan(), &[], &opts());
    assert!(md.contains("No findings"));
    assert!(!md.contains("## Errors"));
}

#[test]
fn non_web_sources_are_not_links() {
    let mut f = findings();
    f[0].source = "javascript:alert(1)";
    let html = to_html(&plan(), &f, &opts());
    assert!(!html.contains("href=\"javascript"));
    let md = to_markdown(&plan(), &f, &opts());
    assert!(!md.contains("(<javascript"));
}

#[test]
fn exported_reports_carry_the_validators_findings_and_the_asked_date() {
    let d = plan();
    let found = validate(&d);
    let o = ExportOptions {
        date: Some("2030-12-31".into()),
        ..ExportOptions::default()
    };
    for format in [ExportFormat::Markdown, ExportFormat::Html] {
        let text = String::from_utf8(export_bytes(&d, format, &o).expect("report")).expect("utf8");
        assert!(text.contains("2030-12-31"), "{format:?}");
        for f in &found {
            assert!(text.contains(f.rule), "{format:?} lacks {}", f.rule);
            assert!(text.contains(f.source), "{format:?} lacks {}", f.source);
        }
    }
}

#[test]
fn evaluation_date_is_the_default_report_date() {
    let mut d = plan();
    d.hybrid.evaluation_date = Some("2026-01-15".into());
    let md = String::from_utf8(
        export_bytes(&d, ExportFormat::Markdown, &ExportOptions::default()).expect("md"),
    )
    .expect("utf8");
    assert!(md.contains("- Date: 2026-01-15"));
}

// ---------------------------------------------------------------- inventory and description

/// Two 2019 servers behind a load balancer with both connectors, sharing and a hostile
/// description and Outlook on the web URL.
fn inventory_plan() -> Document {
    use hybrid_designer::model::{Build, Direction, TlsAuth};
    let mut d = Document::new("Inventory");
    d.description = Some("Phase one: <script>alert(1)</script>\n\nSecond paragraph.".into());
    let mut ex01 = Node::server("ex01", "EX01", Version::V2019, &[Role::Mailbox]).at(0.0, 300.0);
    ex01.build = Some(Build::Cu { cu: 14 });
    ex01.mrs_proxy = Some(true);
    d.nodes.push(ex01);
    let mut old = Node::server(
        "ex10",
        "EX10",
        Version::V2010,
        &[Role::Mailbox, Role::ClientAccess, Role::HubTransport],
    )
    .at(300.0, 300.0);
    old.site = Some("Branch".into());
    d.nodes.push(old);
    d.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "LB01").at(150.0, 150.0));
    d.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Tenant").at(150.0, 0.0));
    let mut s1 = Link::new("s1", LinkKind::SendConnector, "ex01", "exo");
    s1.tls_auth = Some(TlsAuth::CertificateValidation);
    d.links.push(s1);
    let mut r1 = Link::new("r1", LinkKind::ReceiveConnector, "exo", "lb");
    r1.require_tls = Some(false);
    d.links.push(r1);
    d.links
        .push(Link::new("rt1", LinkKind::RoutesTo, "lb", "ex01"));
    d.links
        .push(Link::new("rt2", LinkKind::RoutesTo, "lb", "ex10"));
    let mut org = Link::new("o1", LinkKind::OrganizationRelationship, "lb", "exo");
    org.owa_url = Some("https://x/\"><img src=x onerror=alert(1)>".into());
    d.links.push(org);
    let mut oauth = Link::new("a1", LinkKind::Oauth, "ex01", "exo");
    oauth.direction = Some(Direction::ToOnline);
    oauth.enabled = Some(false);
    d.links.push(oauth);
    d
}

#[test]
fn reports_carry_the_plan_description_before_the_findings() {
    let md = to_markdown(&inventory_plan(), &findings(), &opts());
    assert!(md.contains("## Description"), "{md}");
    assert!(md.contains("Second paragraph."));
    assert!(md.find("Second paragraph.") < md.find("## Errors"));
    let html = to_html(&inventory_plan(), &findings(), &opts());
    assert!(html.contains("<p>Second paragraph.</p>"));
    assert!(html.find("Second paragraph.") < html.find("<h2>Errors"));
}

#[test]
fn a_server_line_names_its_version_roles_site_zone_and_update_level() {
    let md = to_markdown(&inventory_plan(), &[], &opts());
    assert!(
        md.contains(
            "- EX01: Exchange 2019 CU14, Mailbox role; site Default-First-Site-Name; internal network; latest cumulative update; MRS Proxy on"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- EX10: Exchange 2010, Mailbox, Client Access and Hub Transport roles; site Branch;"
        ),
        "{md}"
    );
}

#[test]
fn a_connector_line_names_its_tls_setting_and_the_servers_that_send_or_receive() {
    let md = to_markdown(&inventory_plan(), &[], &opts());
    assert!(
        md.contains("Send connector \"Outbound to Office 365\" to Tenant, source server EX01: forced TLS with certificate validation, marked for cloud services mail, enabled"),
        "{md}"
    );
    assert!(
        md.contains("Receive connector \"Inbound from Office 365\" on EX01 and EX10, from Tenant through LB01: TLS not forced (domain validation)"),
        "{md}"
    );
}

#[test]
fn sharing_lines_name_direction_and_whether_enabled() {
    let md = to_markdown(&inventory_plan(), &[], &opts());
    assert!(
        md.contains("Organization relationship between LB01 and Tenant: both directions, enabled"),
        "{md}"
    );
    assert!(
        md.contains("OAuth between EX01 and Tenant: on-premises to Exchange Online only, disabled"),
        "{md}"
    );
}

#[test]
fn load_balancer_lines_say_what_they_route_to() {
    let html = to_html(&inventory_plan(), &[], &opts());
    assert!(
        html.contains("<li>LB01 (load balancer) routes to EX01 and EX10</li>"),
        "{html}"
    );
}

#[test]
fn hostile_text_in_the_description_and_inventory_is_escaped() {
    let mut d = inventory_plan();
    d.nodes[0].name = "<b>EX01</b>".into();
    let html = to_html(&d, &findings(), &opts());
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>EX01"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;b&gt;EX01&lt;/b&gt;: Exchange 2019"));
    let md = to_markdown(&d, &findings(), &opts());
    assert!(!md.contains("<script>") && !md.contains("<img") && !md.contains("<b>"));
    assert!(md.contains("&lt;b&gt;EX01&lt;/b&gt;: Exchange 2019"));
}

#[test]
fn html_counts_say_info_like_every_other_count() {
    let only_errors: Vec<Finding> = findings().into_iter().take(1).collect();
    let html = to_html(&plan(), &only_errors, &opts());
    assert!(html.contains(">0 info</span>"), "{html}");
    assert!(html.contains(">1 error</span>") && html.contains(">0 warnings</span>"));
    assert!(!html.contains("information</span>"));
}
