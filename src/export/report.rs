//! Findings reports: Markdown and one self-contained HTML page.
//!
//! Both stand alone: they carry the title, the date, the counts, the plan's description,
//! the diagram, an inventory of the plan (servers, connectors with their TLS settings,
//! sharing, load balancers and what they route to) and every finding grouped by severity
//! with its subjects (by name), its fix and its source. Every text from the plan is escaped.
//!
//! The diagram: HTML inlines the SVG element. Markdown embeds it as an image with a
//! `data:image/svg+xml;base64,` URI, so the report stays ONE file that renders in local
//! viewers (VS Code, Typora, pandoc); GitHub's web view strips `data:` images, in which case
//! export the SVG next to it.

use super::svg::{SvgOptions, escape, to_svg};
use crate::look;
use crate::model::{
    Build, Direction, Document, Link, LinkKind, Node, NodeId, NodeKind, TlsAuth, Update, Zone,
};
use crate::rules::{Finding, Severity};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Options of the reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReportOptions<'a> {
    /// The date printed on the report (`YYYY-MM-DD`), see [`report_date`].
    pub date: &'a str,
    /// How the diagram is drawn.
    pub svg: SvgOptions<'a>,
}

/// The report's date: the one asked for, else the plan's evaluation date, else today (UTC).
#[must_use]
pub fn report_date(doc: &Document, asked: Option<&str>) -> String {
    asked
        .or(doc.hybrid.evaluation_date.as_deref())
        .map_or_else(today, str::to_owned)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
#[must_use]
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(secs / 86_400)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

pub(crate) const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

pub(crate) fn heading(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Information",
    }
}

/// The names of a finding's subjects: nodes by name, links as "Label: A → B".
pub(crate) fn subjects(doc: &Document, f: &Finding) -> Vec<String> {
    let mut out: Vec<String> = f
        .nodes
        .iter()
        .map(|id| {
            doc.node(id.as_str())
                .map_or_else(|| id.to_string(), |n| n.name.clone())
        })
        .collect();
    for id in &f.links {
        let Some(l) = doc.link(id.as_str()) else {
            out.push(id.to_string());
            continue;
        };
        let name = |nid: &crate::model::NodeId| {
            doc.node(nid.as_str())
                .map_or_else(|| nid.to_string(), |n| n.name.clone())
        };
        out.push(format!(
            "{}: {} \u{2192} {}",
            look::link_label(l),
            name(&l.from),
            name(&l.to)
        ));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "6 nodes, 1 link".
pub(crate) fn plan_size(doc: &Document) -> String {
    format!(
        "{}, {}",
        plural(doc.nodes.len(), "node", "nodes"),
        plural(doc.links.len(), "link", "links")
    )
}

/// "1 error", "2 warnings", "0 info": the same words in both reports.
fn severity_count(severity: Severity, findings: &[Finding]) -> String {
    let n = findings.iter().filter(|f| f.severity == severity).count();
    match severity {
        Severity::Error => plural(n, "error", "errors"),
        Severity::Warning => plural(n, "warning", "warnings"),
        Severity::Info => plural(n, "info", "info"),
    }
}

pub(crate) fn counts_line(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "No findings: the plan follows every rule checked.".to_owned();
    }
    SEVERITIES
        .iter()
        .map(|&s| severity_count(s, findings))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan's description split into paragraphs at blank lines (empty when it has none).
fn description_paragraphs(doc: &Document) -> Vec<String> {
    let text = doc.description.as_deref().unwrap_or_default();
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
}

/// One part of the inventory: a heading and its lines, plain text (escaped when written).
struct Section {
    heading: &'static str,
    lines: Vec<String>,
}

/// What the plan contains, for a reader who has only the report: servers, connectors,
/// sharing, and what load balancers and gateways route to. Empty parts are left out.
fn inventory(doc: &Document) -> Vec<Section> {
    let plan = Index::new(doc);
    let servers = doc
        .nodes
        .iter()
        .filter(|n| n.kind.has_version())
        .map(server_line)
        .collect();
    let mut connectors = send_connector_lines(&plan);
    connectors.extend(
        plan.links(LinkKind::ReceiveConnector)
            .map(|l| receive_connector_line(&plan, l)),
    );
    let mut sharing: Vec<String> = plan
        .links(LinkKind::FederationTrust)
        .map(|l| {
            format!(
                "Federation trust: {} with {}",
                plan.name(&l.from),
                plan.name(&l.to)
            )
        })
        .collect();
    for (kind, what) in [
        (
            LinkKind::OrganizationRelationship,
            "Organization relationship",
        ),
        (LinkKind::Oauth, "OAuth"),
    ] {
        for l in plan.links(kind) {
            let mut line = format!(
                "{what} between {} and {}: {}, {}",
                plan.name(&l.from),
                plan.name(&l.to),
                direction_text(l.direction()),
                enabled_text(l)
            );
            if let Some(url) = l.owa_url.as_deref().filter(|u| !u.trim().is_empty()) {
                let _ = write!(line, ", Outlook on the web URL {}", url.trim());
            }
            sharing.push(line);
        }
    }
    sharing.extend(plan.links(LinkKind::MigrationEndpoint).map(|l| {
        format!(
            "Migration endpoint (mailbox moves): {} to {}{}",
            plan.name(&l.from),
            plan.name(&l.to),
            plan.reaching(&l.to)
        )
    }));
    let routing = doc
        .nodes
        .iter()
        .filter(|n| n.kind.relays_mail())
        .map(|n| {
            let targets: Vec<String> = plan
                .links(LinkKind::RoutesTo)
                .filter(|l| l.from == n.id)
                .map(|l| plan.name(&l.to))
                .collect();
            let targets = if targets.is_empty() {
                "nothing".to_owned()
            } else {
                english_list(&targets)
            };
            format!("{} ({}) routes to {targets}", n.name, n.kind.noun().text)
        })
        .collect();
    [
        ("Servers", servers),
        ("Connectors", connectors),
        ("Sharing, OAuth and mailbox moves", sharing),
        ("Load balancers and gateways", routing),
    ]
    .into_iter()
    .filter(|(_, lines)| !lines.is_empty())
    .map(|(heading, lines)| Section { heading, lines })
    .collect()
}

/// The document's nodes by id, for names and for following `routes_to` links.
struct Index<'a> {
    doc: &'a Document,
    nodes: HashMap<&'a str, &'a Node>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Self {
        Self {
            doc,
            nodes: doc.nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
        }
    }

    fn links(&self, kind: LinkKind) -> impl Iterator<Item = &'a Link> + use<'a> {
        self.doc.links.iter().filter(move |l| l.kind == kind)
    }

    /// The node's name (its id when the link end is dangling).
    fn name(&self, id: &NodeId) -> String {
        self.nodes
            .get(id.as_str())
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    }

    /// The servers (Exchange or Edge) that traffic reaching `start` ends at, following
    /// `routes_to` links through load balancers and gateways; loops are cut.
    fn servers_behind(&self, start: &NodeId) -> Vec<&'a Node> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack = vec![start.as_str()];
        let mut found: HashSet<&str> = HashSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            if node.kind.is_server() {
                found.insert(node.id.as_str());
            } else if node.kind.relays_mail() {
                stack.extend(
                    self.links(LinkKind::RoutesTo)
                        .filter(|l| l.from.as_str() == id)
                        .map(|l| l.to.as_str()),
                );
            }
        }
        self.doc
            .nodes
            .iter()
            .filter(|n| found.contains(n.id.as_str()))
            .collect()
    }

    /// " (reaching EX01 and EX02)" when `end` passes traffic on to other servers.
    fn reaching(&self, end: &NodeId) -> String {
        let servers = self.servers_behind(end);
        match servers.as_slice() {
            [only] if only.id == *end => String::new(),
            [] => " (reaching no Exchange server)".to_owned(),
            many => format!(
                " (reaching {})",
                english_list(&many.iter().map(|n| n.name.clone()).collect::<Vec<_>>())
            ),
        }
    }
}

/// "EX01: Exchange 2019 CU14, Mailbox role; site Default-First-Site-Name; internal network;
/// latest cumulative update".
fn server_line(node: &Node) -> String {
    let version = node.version.map_or_else(
        || "version not set".to_owned(),
        |v| format!("Exchange {v}{}", build_text(node.build)),
    );
    let zone = match node.zone() {
        Zone::Internal => "internal network",
        Zone::Perimeter => "perimeter network",
        Zone::Internet => "Internet",
    };
    let update = match node.update() {
        Update::Latest => "latest cumulative update",
        Update::Previous => "previous cumulative update",
        Update::Older => "cumulative update older than the latest two",
    };
    if node.kind == NodeKind::EdgeTransport {
        return format!("{}: Edge Transport, {version}; {zone}; {update}", node.name);
    }
    let roles: Vec<String> = node.roles().iter().map(|r| r.label().to_owned()).collect();
    let roles = match roles.len() {
        0 => "no role".to_owned(),
        1 => format!("{} role", roles[0]),
        _ => format!("{} roles", english_list(&roles)),
    };
    let mrs = if node.mrs_proxy() {
        "; MRS Proxy on"
    } else {
        ""
    };
    format!(
        "{}: {version}, {roles}; site {}; {zone}; {update}{mrs}",
        node.name,
        node.site()
    )
}

/// " CU14", " SP3 RU32", or nothing when the build is not set.
fn build_text(build: Option<Build>) -> String {
    match build {
        Some(Build::Cu { cu }) => format!(" CU{cu}"),
        Some(Build::SpRu { sp, ru }) => format!(" SP{sp} RU{ru}"),
        None => String::new(),
    }
}

/// "forced TLS with domain validation".
fn tls_text(link: &Link) -> String {
    let auth = match link.tls_auth() {
        TlsAuth::DomainValidation => "domain validation",
        TlsAuth::CertificateValidation => "certificate validation",
        TlsAuth::EncryptionOnly => "encryption only",
        TlsAuth::None => "no TLS authentication",
    };
    if link.require_tls() {
        format!("forced TLS with {auth}")
    } else {
        format!("TLS not forced ({auth})")
    }
}

fn enabled_text(link: &Link) -> &'static str {
    if link.enabled() {
        "enabled"
    } else {
        "disabled"
    }
}

fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::Both => "both directions",
        Direction::ToOnline => "on-premises to Exchange Online only",
        Direction::ToOnPremises => "Exchange Online to on-premises only",
    }
}

/// The Hybrid Configuration Wizard makes ONE send connector, "Outbound to Office 365", whose
/// source servers are the plan's send connector links (one per server): one line per
/// Exchange Online organization they reach, with the TLS settings (per source server when
/// they differ).
fn send_connector_lines(plan: &Index<'_>) -> Vec<String> {
    let send: Vec<&Link> = plan.links(LinkKind::SendConnector).collect();
    let mut targets: Vec<&NodeId> = Vec::new();
    for l in &send {
        if !targets.contains(&&l.to) {
            targets.push(&l.to);
        }
    }
    targets
        .into_iter()
        .map(|target| {
            let links: Vec<&&Link> = send.iter().filter(|l| l.to == *target).collect();
            let settings = |l: &Link| {
                let cloud = if l.cloud_services_mail() {
                    "marked for cloud services mail"
                } else {
                    "not marked for cloud services mail"
                };
                format!("{}, {cloud}, {}", tls_text(l), enabled_text(l))
            };
            let sources: Vec<String> = links.iter().map(|l| plan.name(&l.from)).collect();
            let first = settings(links[0]);
            let settings = if links.iter().all(|l| settings(l) == first) {
                first
            } else {
                links
                    .iter()
                    .map(|l| format!("from {}, {}", plan.name(&l.from), settings(l)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            format!(
                "Send connector \"Outbound to Office 365\" to {}, {} {}: {settings}",
                plan.name(target),
                if sources.len() == 1 {
                    "source server"
                } else {
                    "source servers"
                },
                english_list(&sources)
            )
        })
        .collect()
}

/// One receive connector link: the servers it reaches, each with its "Inbound from Office
/// 365" receive connector, where Exchange Online's mail enters, and its TLS settings.
fn receive_connector_line(plan: &Index<'_>, link: &Link) -> String {
    let accepts = if link.accepts_cloud_mail() {
        "accepts Exchange Online mail"
    } else {
        "does not accept Exchange Online mail"
    };
    let settings = format!("{}, {accepts}, {}", tls_text(link), enabled_text(link));
    let servers = plan.servers_behind(&link.to);
    let names: Vec<String> = servers.iter().map(|n| n.name.clone()).collect();
    match servers.as_slice() {
        [] => format!(
            "Receive connector from {} to {}, which reaches no Exchange server: {settings}",
            plan.name(&link.from),
            plan.name(&link.to)
        ),
        [only] if only.id == link.to => format!(
            "Receive connector \"Inbound from Office 365\" on {}, from {}: {settings}",
            only.name,
            plan.name(&link.from)
        ),
        _ => format!(
            "Receive connector \"Inbound from Office 365\" on {}, from {} through {}: {settings}",
            english_list(&names),
            plan.name(&link.from),
            plan.name(&link.to)
        ),
    }
}

/// "A", "A and B", "A, B and C".
fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Escapes text for Markdown: HTML specials as entities, Markdown punctuation with a
/// backslash, line breaks as spaces.
#[must_use]
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Enough to stop emphasis, code, links, headings and tables; `(` and `!` are
            // harmless once `[` is escaped.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL fit for a Markdown link target or an HTML attribute: only `http(s)` URLs, with
/// spaces, quotes, brackets and parentheses percent-encoded. `None` for anything else.
pub(crate) fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    if !(u.starts_with("https://") || u.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(u.len());
    for c in u.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// The findings report as Markdown.
#[must_use]
pub fn to_markdown(doc: &Document, findings: &[Finding], opts: &ReportOptions<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} \u{2014} hybrid findings report\n",
        md_escape(doc.display_title())
    );
    let _ = writeln!(s, "- Date: {}", md_escape(opts.date));
    let _ = writeln!(s, "- Plan: {}", plan_size(doc));
    let _ = writeln!(s, "- Findings: {}\n", counts_line(findings));
    let description = description_paragraphs(doc);
    if !description.is_empty() {
        s.push_str("## Description\n\n");
        for paragraph in description {
            let _ = writeln!(s, "{}\n", md_escape(&paragraph));
        }
    }
    let svg = to_svg(doc, findings, &opts.svg);
    let _ = writeln!(
        s,
        "![Diagram of {}](data:image/svg+xml;base64,{})\n",
        md_escape(doc.display_title()),
        base64(svg.as_bytes())
    );
    let inventory = inventory(doc);
    if !inventory.is_empty() {
        s.push_str("## Inventory\n\n");
        for section in inventory {
            let _ = writeln!(s, "### {}\n", section.heading);
            for line in section.lines {
                let _ = writeln!(s, "- {}", md_escape(&line));
            }
            s.push('\n');
        }
    }
    for sev in SEVERITIES {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "## {} ({})\n", heading(sev), group.len());
        for f in group {
            let _ = writeln!(
                s,
                "### {} \u{2014} {}\n",
                md_escape(f.rule),
                md_escape(&f.message)
            );
            let subj = subjects(doc, f);
            if !subj.is_empty() {
                let names: Vec<String> = subj.iter().map(|n| md_escape(n)).collect();
                let _ = writeln!(s, "- Subjects: {}", names.join(", "));
            }
            let _ = writeln!(s, "- Fix: {}", md_escape(&f.fix));
            match safe_url(f.source) {
                Some(u) => {
                    let _ = writeln!(s, "- Source: [{}](<{u}>)", md_escape(f.source));
                }
                None if !f.source.is_empty() => {
                    let _ = writeln!(s, "- Source: {}", md_escape(f.source));
                }
                None => {}
            }
            s.push('\n');
        }
    }
    s
}

const CSS: &str = "body{font-family:Inter,'Segoe UI','Helvetica Neue',Arial,sans-serif;color:#201f1e;max-width:1100px;margin:2rem auto;padding:0 1rem;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#605e5c;margin-top:0}\
.counts span{display:inline-block;padding:.1rem .6rem;border-radius:1rem;margin-right:.4rem;color:#fff;font-weight:600}\
.error{background:#d13438}.warning{background:#c19c00}.info{background:#0f6cbd}\
figure{margin:1rem 0;overflow:auto;border:1px solid #e1dfdd;border-radius:8px}figure svg{max-width:100%;height:auto;display:block}\
article{border-left:4px solid #c8c6c4;padding:.3rem .9rem;margin:.8rem 0;background:#faf9f8}\
article.sev-error{border-color:#d13438}article.sev-warning{border-color:#c19c00}article.sev-info{border-color:#0f6cbd}\
article h3{font-size:1rem;margin:.2rem 0}code{background:#f3f2f1;padding:0 .25rem;border-radius:3px}dt{font-weight:600}dd{margin:0 0 .3rem 0}";

/// The findings report as one self-contained HTML page (inline CSS and SVG, no scripts, no
/// external resources apart from the documentation links).
#[must_use]
pub fn to_html(doc: &Document, findings: &[Finding], opts: &ReportOptions<'_>) -> String {
    let e = escape;
    let title = doc.display_title();
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        s,
        "<title>{} \u{2014} hybrid findings report</title>",
        e(title)
    );
    let _ = writeln!(s, "<style>{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(s, "<h1>{} \u{2014} hybrid findings report</h1>", e(title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">Date: {} \u{B7} Plan: {}</p>",
        e(opts.date),
        plan_size(doc)
    );
    s.push_str("<p class=\"counts\">");
    if findings.is_empty() {
        let _ = write!(s, "{}", e(&counts_line(findings)));
    } else {
        for sev in SEVERITIES {
            let _ = write!(
                s,
                "<span class=\"{}\">{}</span>",
                sev.key(),
                e(&severity_count(sev, findings))
            );
        }
    }
    s.push_str("</p>\n");
    let description = description_paragraphs(doc);
    if !description.is_empty() {
        s.push_str("<h2>Description</h2>\n");
        for paragraph in description {
            let _ = writeln!(s, "<p>{}</p>", e(&paragraph));
        }
    }
    s.push_str("<figure>\n");
    let svg = to_svg(doc, findings, &opts.svg);
    let body = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
    s.push_str(body);
    s.push_str("</figure>\n");
    let inventory = inventory(doc);
    if !inventory.is_empty() {
        s.push_str("<h2>Inventory</h2>\n");
        for section in inventory {
            let _ = writeln!(s, "<h3>{}</h3>\n<ul>", e(section.heading));
            for line in section.lines {
                let _ = writeln!(s, "<li>{}</li>", e(&line));
            }
            s.push_str("</ul>\n");
        }
    }
    for sev in SEVERITIES {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "<h2>{} ({})</h2>", heading(sev), group.len());
        for f in group {
            let _ = writeln!(s, "<article class=\"sev-{}\">", sev.key());
            let _ = writeln!(
                s,
                "<h3><code>{}</code> {}</h3>\n<dl>",
                e(f.rule),
                e(&f.message)
            );
            let subj = subjects(doc, f);
            if !subj.is_empty() {
                let names: Vec<String> = subj.iter().map(|n| e(n)).collect();
                let _ = writeln!(s, "<dt>Subjects</dt><dd>{}</dd>", names.join(", "));
            }
            let _ = writeln!(s, "<dt>Fix</dt><dd>{}</dd>", e(&f.fix));
            match safe_url(f.source) {
                Some(u) => {
                    let _ = writeln!(
                        s,
                        "<dt>Source</dt><dd><a href=\"{}\">{}</a></dd>",
                        e(&u),
                        e(f.source)
                    );
                }
                None if !f.source.is_empty() => {
                    let _ = writeln!(s, "<dt>Source</dt><dd>{}</dd>", e(f.source));
                }
                None => {}
            }
            s.push_str("</dl>\n</article>\n");
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right_around_leap_years() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_468), "2026-01-15");
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn markdown_escape_neutralises_markup() {
        assert_eq!(
            md_escape("<b>*x*</b> [a](b)"),
            "&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b)"
        );
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(
            safe_url("https://learn.microsoft.com/a b(c)").as_deref(),
            Some("https://learn.microsoft.com/a%20b%28c%29")
        );
    }

    #[test]
    fn asked_date_beats_evaluation_date_beats_today() {
        let mut d = Document::default();
        assert_eq!(report_date(&d, Some("2020-01-01")), "2020-01-01");
        d.hybrid.evaluation_date = Some("2026-01-15".into());
        assert_eq!(report_date(&d, None), "2026-01-15");
        d.hybrid.evaluation_date = None;
        assert_eq!(report_date(&d, None).len(), 10);
    }
}
