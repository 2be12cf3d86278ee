//! Perimeter network (rules-v2): what the firewall forwards from the Internet and whether a
//! reverse proxy pre-authenticates ([prereq] ports and endpoints tables, [trouble],
//! [hcwopt], [ps-newhc]). Nodes without `inbound_ports` are not modeled and pass.

use super::context::Context;
use super::{Sink, names};
use crate::model::LinkKind;
use std::collections::BTreeMap;

/// "(inbound ports 443)" or "(no inbound port)": what the node forwards now.
fn forwarded(cx: &Context, node: usize) -> String {
    match cx.node(node).inbound_ports() {
        Some([]) | None => "no inbound port is forwarded".to_owned(),
        Some(ports) => {
            let list: Vec<String> = ports.iter().map(u16::to_string).collect();
            format!(
                "only {} {} forwarded",
                list.join(", "),
                if ports.len() == 1 { "is" } else { "are" }
            )
        }
    }
}

/// R-NET-SMTP-25: the end of an enabled receive connector models its inbound ports and
/// they lack 25. One finding per node, with its connectors.
pub(super) fn net_smtp_25(cx: &Context, out: &mut Sink) {
    let mut by_end: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.live(LinkKind::ReceiveConnector) {
        let to = cx.to(li);
        if cx.node(to).blocks_port(25) {
            by_end.entry(to).or_default().push(li);
        }
    }
    for (node, links) in by_end {
        out.report(
            format!(
                "The firewall does not forward TCP 25 to {} ({}), where Exchange Online delivers hybrid mail",
                cx.name(node),
                forwarded(cx, node)
            ),
            &[node],
            &links,
        );
    }
}

/// R-NET-HTTPS-443: a node of `ews_front`, or one that publishes an Autodiscover name of a
/// hybrid domain, models its inbound ports and they lack 443. One finding per node, with
/// the links that make it an EWS front.
pub(super) fn net_https_443(cx: &Context, out: &mut Sink) {
    let mut fronts = cx.ews_front();
    for node in cx.autodiscover_publishers() {
        fronts.entry(node).or_default();
    }
    for (node, links) in fronts {
        if !cx.node(node).blocks_port(443) {
            continue;
        }
        out.report(
            format!(
                "The firewall does not forward TCP 443 to {} ({}), which Exchange Online calls for Autodiscover, EWS and mailbox moves",
                cx.name(node),
                forwarded(cx, node)
            ),
            &[node],
            &links,
        );
    }
}

/// R-NET-PREAUTH: a load balancer that pre-authenticates is passed while resolving a node of
/// `ews_front` or of `pub(h)`, `h ∈ AD` (itself included). One finding per load balancer,
/// with the EWS links that pass it.
pub(super) fn net_preauth(cx: &Context, out: &mut Sink) {
    let mut fronts = cx.ews_front();
    for node in cx.autodiscover_publishers() {
        fronts.entry(node).or_default();
    }
    let mut by_balancer: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (node, links) in fronts {
        for &lb in cx.preauth_balancers(node) {
            by_balancer.entry(lb).or_default().extend(&links);
        }
    }
    for (lb, links) in by_balancer {
        out.report(
            format!(
                "{} pre-authenticates HTTPS, but Exchange Online's Autodiscover, EWS and MRS Proxy requests carry no user sign-in and must pass without pre-authentication",
                names(cx, &[lb])
            ),
            &[lb],
            &links,
        );
    }
}
