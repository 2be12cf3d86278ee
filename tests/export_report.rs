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
