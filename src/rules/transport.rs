//! Mail transport: the connectors between the organizations, the servers at their ends,
//! TLS, SMTP devices in the path, and Edge Transport ([transport], [edge], [roles]).

use super::context::Context;
use super::{Sink, names};
use crate::model::{Feature, LinkKind, NodeKind, Role, TlsAuth, Version};
use crate::text::capitalize;
use std::collections::BTreeMap;

/// R-MAIL-OUTBOUND-PATH: secure mail is wanted and there is no enabled send connector.
pub(super) fn mail_outbound_path(cx: &Context, out: &mut Sink) {
    if cx.live(LinkKind::SendConnector).is_empty() {
        let message = if cx.drawn(LinkKind::SendConnector).is_empty() {
            "There is no send connector to Exchange Online, so on-premises mail cannot reach the cloud securely"
        } else {
            "Every send connector to Exchange Online is disabled, so on-premises mail cannot reach the cloud securely"
        };
        out.report(message.to_owned(), &cx.online, &[]);
    }
}

/// R-MAIL-INBOUND-PATH: secure mail is wanted and no enabled receive connector resolves to
/// a server.
pub(super) fn mail_inbound_path(cx: &Context, out: &mut Sink) {
    let live = cx.live(LinkKind::ReceiveConnector);
    if live.iter().any(|&li| !cx.resolve(cx.to(li)).is_empty()) {
        return;
    }
    let message = if live.is_empty() {
        "There is no enabled receive connector from Exchange Online, so cloud mail cannot reach on-premises securely"
    } else {
        "No enabled receive connector from Exchange Online reaches a server, so cloud mail cannot reach on-premises securely"
    };
    out.report(message.to_owned(), &cx.online, &[]);
}

/// R-MAIL-SEND-SOURCE-ROLE: a send connector starts at a server that cannot send. One
/// finding per server, with all its send connectors.
pub(super) fn mail_send_source_role(cx: &Context, out: &mut Sink) {
    let mut by_server: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.live(LinkKind::SendConnector) {
        let s = cx.from(li);
        if !cx.can_send(s) {
            by_server.entry(s).or_default().push(li);
        }
    }
    for (s, links) in by_server {
        out.report(
            format!(
                "{} starts at {}, which cannot send hybrid mail ({}); send connectors start at Mailbox servers",
                capitalize(&cx.link_name(links[0])),
                cx.name(s),
                role_summary(cx, s)
            ),
            &[s],
            &links,
        );
    }
}

/// R-MAIL-RECV-ENDPOINT-ROLE: a server in `S_recv` cannot receive. One finding per server,
/// with the receive connectors that reach it.
pub(super) fn mail_recv_endpoint_role(cx: &Context, out: &mut Sink) {
    let mut by_server: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.live(LinkKind::ReceiveConnector) {
        for &s in cx.resolve(cx.to(li)) {
            if !cx.can_receive(s) {
                by_server.entry(s).or_default().push(li);
            }
        }
    }
    for (s, links) in by_server {
        out.report(
            format!(
                "{} receives hybrid mail through {} but cannot accept it ({}); it must arrive at a 2013 Client Access, 2016 or later Mailbox, or Edge server",
                cx.name(s),
                cx.link_name(links[0]),
                role_summary(cx, s)
            ),
            &[s],
            &links,
        );
    }
}

/// "Exchange 2013 Client Access only": a server's version and roles for messages.
fn role_summary(cx: &Context, s: usize) -> String {
    let version = cx
        .version(s)
        .map_or_else(|| "Exchange".to_owned(), |v| format!("Exchange {v}"));
    let roles: Vec<&str> = cx.node(s).roles().iter().map(|r| r.label()).collect();
    if roles.is_empty() {
        format!("{version} with no role")
    } else if roles.len() == 1 {
        format!("{version} {} only", roles[0])
    } else {
        format!("{version} {}", roles.join(", "))
    }
}

/// The TLS problems shared by both connector kinds.
fn tls_problems(require_tls: bool, auth: TlsAuth) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if !require_tls {
        problems.push("does not require TLS");
    }
    match auth {
        TlsAuth::EncryptionOnly => problems.push("authenticates TLS by encryption only"),
        TlsAuth::None => problems.push("does not authenticate TLS"),
        TlsAuth::DomainValidation | TlsAuth::CertificateValidation => {}
    }
    problems
}

/// R-MAIL-SEND-TLS: a send connector without forced, validated TLS or cloud services mail.
pub(super) fn mail_send_tls(cx: &Context, out: &mut Sink) {
    for &li in cx.live(LinkKind::SendConnector) {
        let link = cx.link(li);
        let mut problems = tls_problems(link.require_tls(), link.tls_auth());
        if !link.cloud_services_mail() {
            problems.push("is not marked for cloud services mail");
        }
        if !problems.is_empty() {
            out.report(
                format!("{} {}", capitalize(&cx.link_name(li)), problems.join(", ")),
                &[],
                &[li],
            );
        }
    }
}

/// R-MAIL-RECV-TLS: a receive connector without forced, validated TLS or that does not
/// accept cloud mail.
pub(super) fn mail_recv_tls(cx: &Context, out: &mut Sink) {
    for &li in cx.live(LinkKind::ReceiveConnector) {
        let link = cx.link(li);
        let mut problems = tls_problems(link.require_tls(), link.tls_auth());
        if !link.accepts_cloud_mail() {
            problems.push("does not accept mail from Exchange Online as trusted");
        }
        if !problems.is_empty() {
            out.report(
                format!("{} {}", capitalize(&cx.link_name(li)), problems.join(", ")),
                &[],
                &[li],
            );
        }
    }
}

/// R-MAIL-NO-SMTP-INTERMEDIARY: an SMTP gateway that inspects SMTP is passed while
/// resolving a receive connector. One finding per gateway, with the connectors through it.
pub(super) fn mail_no_smtp_intermediary(cx: &Context, out: &mut Sink) {
    let mut by_gateway: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.live(LinkKind::ReceiveConnector) {
        for &g in cx.inspecting_gateways(cx.to(li)) {
            by_gateway.entry(g).or_default().push(li);
        }
    }
    for (g, links) in by_gateway {
        out.report(
            format!(
                "Hybrid mail from Exchange Online ({}) passes {}, which inspects SMTP; hybrid mail headers must reach Exchange unchanged",
                cx.link_name(links[0]),
                cx.name(g)
            ),
            &[g],
            &links,
        );
    }
}

/// `S_send ∪ S_recv`, sorted.
fn transport_servers(cx: &Context) -> Vec<usize> {
    let mut all: Vec<usize> = cx.s_send.iter().chain(&cx.s_recv).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// R-MAIL-EDGE-EXCLUSIVE: hybrid transport uses Edge and non-Edge servers.
pub(super) fn mail_edge_exclusive(cx: &Context, out: &mut Sink) {
    let all = transport_servers(cx);
    let (edge, internal): (Vec<usize>, Vec<usize>) = all
        .iter()
        .partition(|&&s| cx.node(s).kind == NodeKind::EdgeTransport);
    if !edge.is_empty() && !internal.is_empty() {
        out.report(
            format!(
                "Hybrid transport uses Edge servers ({}) and internal servers ({})",
                names(cx, &edge),
                names(cx, &internal)
            ),
            &all,
            &[],
        );
    }
}

/// R-MAIL-CENTRALIZED: centralized transport is wanted.
pub(super) fn mail_centralized(cx: &Context, out: &mut Sink) {
    if cx.wants(Feature::CentralizedTransport) {
        out.report(
            "Centralized mail transport routes all Exchange Online mail through on-premises"
                .to_owned(),
            &[],
            &[],
        );
    }
}

/// R-EDGE-SUBSCRIPTION: an Edge server in hybrid transport has no Edge Subscription,
/// several, or one to a server that cannot route mail.
pub(super) fn edge_subscription(cx: &Context, out: &mut Sink) {
    let mut subscriptions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.drawn(LinkKind::EdgeSubscription) {
        subscriptions.entry(cx.from(li)).or_default().push(li);
    }
    for e in transport_servers(cx) {
        if cx.node(e).kind != NodeKind::EdgeTransport {
            continue;
        }
        let subs = subscriptions.get(&e).map_or(&[][..], Vec::as_slice);
        let problem = match subs {
            [] => "has no Edge Subscription".to_owned(),
            [li] => {
                let t = cx.to(*li);
                let routes = (cx.version(t).is_some_and(|v| v >= Version::V2013)
                    && cx.has_role(t, Role::Mailbox))
                    || cx.is(t, Version::V2010, Role::HubTransport);
                if routes {
                    continue;
                }
                format!(
                    "is subscribed to {}, which is not a 2013 or later Mailbox or 2010 Hub Transport server",
                    cx.name(t)
                )
            }
            several => format!(
                "has {} Edge Subscriptions; it needs exactly one",
                several.len()
            ),
        };
        out.report(
            format!(
                "Edge server {} carries hybrid mail but {problem}",
                cx.name(e)
            ),
            &[e],
            &[],
        );
    }
}
