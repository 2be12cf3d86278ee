//! Built-in walkthroughs: slides generated from the plan itself.

use super::camera::{DEFAULT_MARGIN, frame_nodes, whole_plan};
use crate::model::{
    Camera, Direction, Document, Link, LinkId, LinkKind, Node, NodeId, NodeKind, View,
};
use crate::rules::{Finding, Severity};
use crate::text::capitalize;
use serde_json::Map;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fmt::Write as _;

/// A walkthrough the presenter can generate from any plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Walkthrough {
    /// The send and receive connector paths, through load balancers and gateways.
    MailFlow,
    /// Federation trust, organization relationships and OAuth.
    Sharing,
    /// One slide per error finding, framed on its subjects.
    Findings,
}

impl Walkthrough {
    /// Every walkthrough, in menu order.
    pub const ALL: [Walkthrough; 3] = [
        Walkthrough::MailFlow,
        Walkthrough::Sharing,
        Walkthrough::Findings,
    ];

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Walkthrough::MailFlow => "Mail flow",
            Walkthrough::Sharing => "Sharing",
            Walkthrough::Findings => "Findings",
        }
    }
}

impl fmt::Display for Walkthrough {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The slides of a walkthrough of this plan. Never empty: a plan with nothing to show gets
/// one slide that says so.
///
/// `findings` are the validator's findings for `doc` (only [`Walkthrough::Findings`] reads
/// them; it shows the errors, in the order given).
#[must_use]
pub fn walkthrough(doc: &Document, findings: &[Finding], which: Walkthrough) -> Vec<View> {
    let plan = Plan::new(doc);
    match which {
        Walkthrough::MailFlow => mail_flow(&plan),
        Walkthrough::Sharing => sharing(&plan),
        Walkthrough::Findings => errors(&plan, findings),
    }
}

/// A title slide: the whole plan, nothing dimmed, titled with the plan's title and captioned
/// with its description.
#[must_use]
pub fn overview(doc: &Document) -> View {
    let caption = doc
        .description
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    plain_view(doc.display_title().to_owned(), caption, whole_plan(doc))
}

/// The document with its nodes indexed by id, so tracing paths is not quadratic.
struct Plan<'a> {
    doc: &'a Document,
    nodes: HashMap<&'a str, &'a Node>,
}

impl<'a> Plan<'a> {
    fn new(doc: &'a Document) -> Self {
        Self {
            doc,
            nodes: doc.nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
        }
    }

    fn node(&self, id: &str) -> Option<&'a Node> {
        self.nodes.get(id).copied()
    }

    fn kind(&self, id: &str) -> Option<NodeKind> {
        self.node(id).map(|n| n.kind)
    }

    fn links(&self, kind: LinkKind) -> impl Iterator<Item = &'a Link> + use<'a> {
        self.doc.links.iter().filter(move |l| l.kind == kind)
    }

    /// The people's name of a node (its id when it has no name, or when the id is dangling).
    fn name(&self, id: &str) -> String {
        match self.node(id) {
            Some(n) if !n.name.trim().is_empty() => n.name.trim().to_owned(),
            _ => id.to_owned(),
        }
    }

    /// Names of these nodes, in document order, as an English list.
    fn names(&self, ids: &HashSet<String>) -> String {
        let ordered: Vec<String> = self
            .doc
            .nodes
            .iter()
            .filter(|n| ids.contains(n.id.as_str()))
            .map(|n| self.name(n.id.as_str()))
            .collect();
        english_list(&ordered)
    }

    fn exchange_online_ids(&self) -> HashSet<String> {
        self.doc
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::ExchangeOnline)
            .map(|n| n.id.0.clone())
            .collect()
    }
}

/// What a slide shows at full strength.
#[derive(Default)]
struct Highlight {
    nodes: HashSet<String>,
    links: HashSet<String>,
}

impl Highlight {
    fn link(&mut self, link: &Link) {
        self.links.insert(link.id.0.clone());
        self.nodes.insert(link.from.0.clone());
        self.nodes.insert(link.to.0.clone());
    }

    fn merge(&mut self, other: &Highlight) {
        self.nodes.extend(other.nodes.iter().cloned());
        self.links.extend(other.links.iter().cloned());
    }

    fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.links.is_empty()
    }
}

/// Follows `routes_to` links from a load balancer or SMTP gateway to the servers behind it,
/// highlighting every hop, and returns the servers (Exchange or Edge) reached. Loops are cut:
/// no node is followed twice.
fn trace_routes(plan: &Plan, start: &str, hl: &mut Highlight) -> HashSet<String> {
    let mut servers = HashSet::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = vec![start];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        hl.nodes.insert(id.to_owned());
        let Some(kind) = plan.kind(id) else { continue };
        if kind.is_server() {
            servers.insert(id.to_owned());
        } else if kind.relays_mail() {
            for l in plan
                .links(LinkKind::RoutesTo)
                .filter(|l| l.from.as_str() == id)
            {
                hl.link(l);
                stack.push(l.to.as_str());
            }
        }
    }
    servers
}

/// Highlights the Edge Subscriptions of the Edge servers among `servers`: the Mailbox
/// servers that an Edge server relays for belong to its mail path.
fn edge_subscriptions(
    plan: &Plan,
    servers: &HashSet<String>,
    hl: &mut Highlight,
) -> HashSet<String> {
    let mut behind = HashSet::new();
    for l in plan
        .links(LinkKind::EdgeSubscription)
        .filter(|l| servers.contains(l.from.as_str()))
    {
        hl.link(l);
        behind.insert(l.to.0.clone());
    }
    behind
}

// Connectors are counted the way an Exchange administrator counts them: the Hybrid
// Configuration Wizard creates ONE send connector, "Outbound to Office 365", whose source
// servers are the servers the plan draws send connector links from (format.md: one link per
// source server), and one receive connector, "Inbound from Office 365", on each server that
// receives Exchange Online's mail.

/// The name the Hybrid Configuration Wizard gives the on-premises send connector.
const SEND_CONNECTOR: &str = "Outbound to Office 365";
/// The name the Hybrid Configuration Wizard gives each server's receive connector.
const RECEIVE_CONNECTOR: &str = "Inbound from Office 365";

fn mail_flow(plan: &Plan) -> Vec<View> {
    let send: Vec<&Link> = plan.links(LinkKind::SendConnector).collect();
    let recv: Vec<&Link> = plan.links(LinkKind::ReceiveConnector).collect();
    if send.is_empty() && recv.is_empty() {
        return vec![nothing_slide(
            plan,
            "Mail flow",
            "This plan has no connectors. Draw a send connector from a Mailbox server to Exchange Online, \
             and a receive connector from Exchange Online to the server, load balancer or gateway that \
             accepts its mail.",
        )];
    }

    let (outbound, out_hl) = outbound(plan, &send);
    let (inbound, in_hl, receivers) = inbound(plan, &recv);
    let mut all = Highlight::default();
    all.merge(&out_hl);
    all.merge(&in_hl);
    let outbound_summary = if send.is_empty() {
        format!("There is no {SEND_CONNECTOR} send connector.")
    } else {
        format!("{}.", capitalize(&send_connectors(plan, &send)))
    };
    let inbound_summary = if recv.is_empty() {
        "Mail from Exchange Online has no receive connector to arrive at.".to_owned()
    } else {
        format!(
            "Mail from Exchange Online arrives at {}.",
            receive_connectors(plan, &receivers)
        )
    };
    let summary = format!("{outbound_summary} {inbound_summary}");
    vec![
        slide(plan, "Mail flow", summary, &all),
        slide(
            plan,
            "Outbound: on-premises to Exchange Online",
            outbound,
            &out_hl,
        ),
        slide(
            plan,
            "Inbound: Exchange Online to on-premises",
            inbound,
            &in_hl,
        ),
    ]
}

/// "the Outbound to Office 365 send connector has two source servers, EX01 and EX02": one
/// send connector per Exchange Online organization the links reach (normally one), with its
/// source servers.
fn send_connectors(plan: &Plan, send: &[&Link]) -> String {
    let mut targets: Vec<&str> = Vec::new();
    for l in send {
        if !targets.contains(&l.to.as_str()) {
            targets.push(l.to.as_str());
        }
    }
    targets
        .iter()
        .map(|&target| {
            let sources: HashSet<String> = send
                .iter()
                .filter(|l| l.to.as_str() == target)
                .map(|l| l.from.0.clone())
                .collect();
            let to = if targets.len() > 1 {
                format!(" to {}", plan.name(target))
            } else {
                String::new()
            };
            format!(
                "the {SEND_CONNECTOR} send connector{to} has {}, {}",
                count(sources.len(), "source server", "source servers"),
                plan.names(&sources)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "the Inbound from Office 365 receive connector on EX01", "two Inbound from Office 365
/// receive connectors, one on each of EX01 and EX02": one per receiving server.
fn receive_connectors(plan: &Plan, servers: &HashSet<String>) -> String {
    match servers.len() {
        0 => "no Exchange server's receive connector".to_owned(),
        1 => format!(
            "the {RECEIVE_CONNECTOR} receive connector on {}",
            plan.names(servers)
        ),
        n => format!(
            "{}, one on each of {}",
            count(
                n,
                &format!("{RECEIVE_CONNECTOR} receive connector"),
                &format!("{RECEIVE_CONNECTOR} receive connectors")
            ),
            plan.names(servers)
        ),
    }
}

/// The caption and highlight of the outbound slide: the send connector, its source servers,
/// and the Mailbox servers behind Edge servers.
fn outbound(plan: &Plan, send: &[&Link]) -> (String, Highlight) {
    let mut out_hl = Highlight::default();
    let outbound = if send.is_empty() {
        out_hl.nodes = plan.exchange_online_ids();
        "No send connector: mail from on-premises mailboxes to cloud mailboxes has no hybrid path."
            .to_owned()
    } else {
        let mut sources = HashSet::new();
        let mut targets = HashSet::new();
        for l in send {
            out_hl.link(l);
            sources.insert(l.from.0.clone());
            targets.insert(l.to.0.clone());
        }
        let behind = edge_subscriptions(plan, &sources, &mut out_hl);
        let mut caption = format!(
            "Mail for cloud mailboxes leaves on-premises through the {SEND_CONNECTOR} send connector, from its {} {} to {}, over forced TLS.",
            plural(sources.len(), "source server", "source servers"),
            plan.names(&sources),
            plan.names(&targets),
        );
        if !behind.is_empty() {
            let _ = write!(
                caption,
                " The Edge servers relay for {} through their Edge Subscription.",
                plan.names(&behind)
            );
        }
        caption.push_str(&disabled_note(plan, send));
        caption
    };
    (outbound, out_hl)
}

/// The caption and highlight of the inbound slide: receive connectors and every hop of the
/// `routes_to` chains behind them, down to the servers; and the servers that receive.
fn inbound(plan: &Plan, recv: &[&Link]) -> (String, Highlight, HashSet<String>) {
    let mut in_hl = Highlight::default();
    let mut servers = HashSet::new();
    let inbound = if recv.is_empty() {
        in_hl.nodes = plan.exchange_online_ids();
        "No receive connector: mail from cloud mailboxes to on-premises mailboxes has no hybrid path.".to_owned()
    } else {
        let mut entries = HashSet::new();
        for l in recv {
            in_hl.link(l);
            entries.insert(l.to.0.clone());
            servers.extend(trace_routes(plan, l.to.as_str(), &mut in_hl));
        }
        let behind = edge_subscriptions(plan, &servers, &mut in_hl);
        let relays: HashSet<String> = in_hl
            .nodes
            .iter()
            .filter(|id| plan.kind(id).is_some_and(NodeKind::relays_mail))
            .cloned()
            .collect();
        let mut caption = if relays.is_empty() {
            format!(
                "Exchange Online delivers mail for on-premises mailboxes to {}.",
                receive_connectors(plan, &servers)
            )
        } else {
            format!(
                "Exchange Online delivers mail for on-premises mailboxes to {}.",
                plan.names(&entries)
            )
        };
        if !relays.is_empty() {
            if servers.is_empty() {
                let _ = write!(
                    caption,
                    " {} passes it on to no Exchange server.",
                    plan.names(&relays)
                );
            } else {
                let _ = write!(
                    caption,
                    " {} passes it on to {}.",
                    plan.names(&relays),
                    receive_connectors(plan, &servers)
                );
            }
        }
        if !behind.is_empty() {
            let _ = write!(
                caption,
                " The Edge servers relay it to {}.",
                plan.names(&behind)
            );
        }
        caption.push_str(&disabled_note(plan, recv));
        caption
    };
    (inbound, in_hl, servers)
}

fn sharing(plan: &Plan) -> Vec<View> {
    let mut views = Vec::new();

    let trusts: Vec<&Link> = plan.links(LinkKind::FederationTrust).collect();
    if !trusts.is_empty() {
        let mut hl = Highlight::default();
        let (mut servers, mut gateways) = (HashSet::new(), HashSet::new());
        for l in &trusts {
            hl.link(l);
            servers.insert(l.from.0.clone());
            gateways.insert(l.to.0.clone());
        }
        let caption = format!(
            "{} {} the on-premises organization's federation trust with {}; organization relationships \
             rely on it for free/busy, MailTips and message tracking.",
            plan.names(&servers),
            if servers.len() == 1 { "holds" } else { "hold" },
            plan.names(&gateways),
        );
        views.push(slide(plan, "Sharing: federation trust", caption, &hl));
    }

    // `counted`: the caption counts the links ("2 organization relationships"); OAuth is
    // one setting however many links show it.
    for (kind, title, what, counted) in [
        (
            LinkKind::OrganizationRelationship,
            "Sharing: organization relationships",
            "organization relationship",
            true,
        ),
        (LinkKind::Oauth, "Sharing: OAuth", "OAuth", false),
    ] {
        let links: Vec<&Link> = plan.links(kind).collect();
        if links.is_empty() {
            continue;
        }
        let mut hl = Highlight::default();
        let (mut ends, mut servers, mut tenants) = (HashSet::new(), HashSet::new(), HashSet::new());
        let mut directions = Vec::new();
        for l in &links {
            hl.link(l);
            ends.insert(l.from.0.clone());
            tenants.insert(l.to.0.clone());
            servers.extend(trace_routes(plan, l.from.as_str(), &mut hl));
            if !directions.contains(&l.direction()) {
                directions.push(l.direction());
            }
        }
        let lead = match (counted, links.len()) {
            (false, _) => what.to_owned(),
            (true, 1) => format!("An {what}"),
            (true, n) => capitalize(&count(n, what, &format!("{what}s"))),
        };
        let mut caption = format!(
            "{lead} between {} and {} ({}). Exchange Online reaches on-premises EWS and Autodiscover at {}",
            plan.names(&ends),
            plan.names(&tenants),
            directions
                .iter()
                .map(|d| direction_text(*d))
                .collect::<Vec<_>>()
                .join("; "),
            plan.names(&ends),
        );
        let relays_only = servers.iter().all(|s| ends.contains(s));
        if servers.is_empty() {
            caption.push_str(", which reaches no Exchange server.");
        } else if relays_only {
            caption.push('.');
        } else {
            let _ = write!(caption, ", served by {}.", plan.names(&servers));
        }
        caption.push_str(&disabled_note(plan, &links));
        views.push(slide(plan, title, caption, &hl));
    }

    if views.is_empty() {
        views.push(nothing_slide(
            plan,
            "Sharing",
            "This plan has no federation trust, organization relationship or OAuth. Free/busy, MailTips \
             and the other sharing features need an organization relationship (with a federation trust) \
             or OAuth.",
        ));
    }
    views
}

fn errors(plan: &Plan, findings: &[Finding]) -> Vec<View> {
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        let others = findings.len();
        let caption = if others == 0 {
            "The validator found no errors in this plan.".to_owned()
        } else {
            format!(
                "The validator found no errors in this plan ({} remain).",
                count(others, "warning or note", "warnings and notes")
            )
        };
        return vec![nothing_slide(plan, "Findings", &caption)];
    }
    let total = errors.len();
    errors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut hl = Highlight::default();
            hl.nodes.extend(f.nodes.iter().map(|n| n.0.clone()));
            for id in &f.links {
                match plan.doc.link(id.as_str()) {
                    Some(l) => hl.link(l),
                    None => {
                        hl.links.insert(id.0.clone());
                    }
                }
            }
            let mut caption = f.message.trim().to_owned();
            if !caption.ends_with(['.', '!', '?']) {
                caption.push('.');
            }
            if !f.fix.trim().is_empty() {
                caption.push_str("\nFix: ");
                caption.push_str(f.fix.trim());
            }
            let title = format!("Error {} of {total}: {}", i + 1, f.rule);
            slide(plan, &title, caption, &hl)
        })
        .collect()
}

/// A slide highlighting `hl`, framed on it (on the whole plan when nothing in it is placed).
fn slide(plan: &Plan, title: &str, caption: String, hl: &Highlight) -> View {
    let nodes: Vec<NodeId> = plan
        .doc
        .nodes
        .iter()
        .filter(|n| hl.nodes.contains(n.id.as_str()))
        .map(|n| n.id.clone())
        .collect();
    let mut links: Vec<LinkId> = plan
        .doc
        .links
        .iter()
        .filter(|l| hl.links.contains(l.id.as_str()))
        .map(|l| l.id.clone())
        .collect();
    // A finding may name a link the plan no longer has; keep it so the slide still says what it is about.
    let mut dangling: Vec<&String> = hl
        .links
        .iter()
        .filter(|id| plan.doc.link(id).is_none())
        .collect();
    dangling.sort();
    links.extend(dangling.into_iter().map(|id| LinkId(id.clone())));
    let camera =
        frame_nodes(plan.doc, &nodes, DEFAULT_MARGIN).unwrap_or_else(|| whole_plan(plan.doc));
    if hl.is_empty() {
        return plain_view(title.to_owned(), caption, camera);
    }
    View {
        title: title.to_owned(),
        caption,
        camera,
        nodes,
        links,
        extra: Map::new(),
    }
}

/// The single slide of a walkthrough with nothing to show: the whole plan, nothing dimmed.
fn nothing_slide(plan: &Plan, title: &str, caption: &str) -> View {
    plain_view(title.to_owned(), caption.to_owned(), whole_plan(plan.doc))
}

fn plain_view(title: String, caption: String, camera: Camera) -> View {
    View {
        title,
        caption,
        camera,
        nodes: Vec::new(),
        links: Vec::new(),
        extra: Map::new(),
    }
}

/// " Disabled: the send connector EX16-01 to Contoso tenant." for links switched off.
fn disabled_note(plan: &Plan, links: &[&Link]) -> String {
    let off: Vec<String> = links
        .iter()
        .filter(|l| !l.enabled())
        .map(|l| {
            format!(
                "{} → {}",
                plan.name(l.from.as_str()),
                plan.name(l.to.as_str())
            )
        })
        .collect();
    if off.is_empty() {
        String::new()
    } else {
        format!(" Disabled (counts as absent): {}.", english_list(&off))
    }
}

fn direction_text(d: Direction) -> &'static str {
    match d {
        Direction::Both => "both directions",
        Direction::ToOnline => "on-premises to Exchange Online only",
        Direction::ToOnPremises => "Exchange Online to on-premises only",
    }
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

fn count(n: usize, one: &str, many: &str) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    match WORDS.get(n) {
        Some(word) if n == 1 => format!("{word} {one}"),
        Some(word) => format!("{word} {many}"),
        None => format!("{n} {many}"),
    }
}

/// "A", "A and B", "A, B and C".
fn english_list(items: &[String]) -> String {
    match items {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lists_read_naturally() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(english_list(&s(&["A"])), "A");
        assert_eq!(english_list(&s(&["A", "B"])), "A and B");
        assert_eq!(english_list(&s(&["A", "B", "C"])), "A, B and C");
    }

    #[test]
    fn counts_spell_zero_and_one() {
        assert_eq!(count(0, "link", "links"), "no links");
        assert_eq!(count(1, "link", "links"), "one link");
        assert_eq!(count(3, "link", "links"), "three links");
        assert_eq!(count(12, "link", "links"), "12 links");
    }
}
