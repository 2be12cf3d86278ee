//! Namespaces and DNS (rules-v2): the public names that Exchange Online looks up to reach
//! on-premises Autodiscover, EWS and Outlook on the web ([prereq], [hcwopt], [kb-ewsurl],
//! [roles], [hcw], [owa]). They run only where the plan models public names (`NS`), except
//! R-NS-EWS-URL, which also runs when some server sets an EWS external URL.

use super::context::Context;
use super::published::{HostMemo, url_host};
use super::{Sink, names};
use crate::model::{LinkKind, NodeKind};
use crate::text::capitalize;
use std::collections::{BTreeMap, HashMap};

/// What a public name leads to, for rules that need it to reach EWS publishers only.
#[derive(Clone, PartialEq)]
enum Reach {
    /// No node publishes the name.
    Unpublished,
    /// Published, but it leads to no server.
    Nowhere,
    /// It leads to these servers that cannot publish EWS.
    Unfit(Vec<usize>),
    /// Every server it leads to publishes EWS.
    Fine,
}

fn reach(cx: &Context, host: &str) -> Reach {
    if cx.published.nodes_of(host).is_empty() {
        return Reach::Unpublished;
    }
    let served = cx.serves(host);
    if served.is_empty() {
        return Reach::Nowhere;
    }
    let unfit: Vec<usize> = served
        .into_iter()
        .filter(|&s| !cx.can_publish_ews(s))
        .collect();
    if unfit.is_empty() {
        Reach::Fine
    } else {
        Reach::Unfit(unfit)
    }
}

/// "is not a 2013 Client Access or 2016 or later Mailbox server" for one or many.
fn cannot_publish(cx: &Context, servers: &[usize]) -> String {
    let (verb, noun) = if servers.len() == 1 {
        ("is", "server")
    } else {
        ("are", "servers")
    };
    format!(
        "{} {verb} not 2013 Client Access or 2016 or later Mailbox {noun}",
        names(cx, servers)
    )
}

/// R-NS-AUTODISCOVER: for some hybrid domain, `autodiscover.<d>` is not published, leads
/// to no server, or leads to a server that cannot answer Autodiscover. One finding for all
/// domains: the nodes that publish the names, or the Exchange Online nodes for a name no
/// node publishes.
pub(super) fn ns_autodiscover(cx: &Context, out: &mut Sink) {
    let mut problems = Vec::new();
    let mut subjects: Vec<usize> = Vec::new();
    for (domain, host) in cx.published.autodiscover() {
        let publishers = cx.published.nodes_of(&host);
        let problem = match reach(cx, &host) {
            Reach::Fine => continue,
            Reach::Unpublished => {
                subjects.extend(&cx.online);
                format!(
                    "{host} is not in public DNS (no node has it among its public names), so Exchange Online cannot discover the on-premises organization for {domain}"
                )
            }
            Reach::Nowhere => format!(
                "{host} is published on {}, which leads to no server, so Exchange Online cannot discover the on-premises organization for {domain}",
                names(cx, publishers)
            ),
            Reach::Unfit(unfit) => format!(
                "{host} leads to {}, which cannot answer Autodiscover for {domain}",
                cannot_publish(cx, &unfit)
            ),
        };
        subjects.extend(publishers);
        problems.push(problem);
    }
    if !problems.is_empty() {
        out.report(problems.join("; "), &subjects, &[]);
    }
}

/// R-NS-EWS-URL: (a) a non-Edge server that answers Exchange Online's EWS requests has no
/// EWS external URL; (b) with namespaces modeled, its URL's host does not lead to it. One
/// finding for (a), one per host for (b).
pub(super) fn ns_ews_url(cx: &Context, out: &mut Sink) {
    let mut without = Vec::new();
    let mut hosts = HostMemo::default();
    let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &s in &cx.s_ews {
        let node = cx.node(s);
        if node.kind == NodeKind::EdgeTransport {
            continue;
        }
        match node.ews_external_url() {
            None => without.push(s),
            Some(url) if cx.published.modeled() => {
                let host = hosts.host(url).unwrap_or_default();
                match by_host.get_mut(host) {
                    Some(servers) => servers.push(s),
                    None => {
                        by_host.insert(host.to_owned(), vec![s]);
                    }
                }
            }
            Some(_) => {}
        }
    }
    // Each host is resolved once, whatever the number of servers that use it.
    for (host, servers) in &mut by_host {
        let served = cx.serves(host);
        servers.retain(|s| served.binary_search(s).is_err());
    }
    by_host.retain(|_, servers| !servers.is_empty());
    if !without.is_empty() {
        let (verb, has) = if without.len() == 1 {
            ("answers", "has")
        } else {
            ("answer", "have")
        };
        out.report(
            format!(
                "{} {verb} Exchange Online's EWS requests but {has} no EWS external URL; the Hybrid Configuration Wizard stops (\"The Web Services External Url is not set on the On-Premises server\")",
                names(cx, &without)
            ),
            &without,
            &[],
        );
    }
    for (host, servers) in by_host {
        let (verb, them) = if servers.len() == 1 {
            ("publishes", "it")
        } else {
            ("publish", "them")
        };
        let message = if host.is_empty() {
            format!(
                "{} {verb} EWS at a URL without a host name, so Exchange Online cannot reach {them}",
                names(cx, &servers)
            )
        } else {
            format!(
                "{} {verb} EWS as {host}, but {host} does not lead to {them} in public DNS",
                names(cx, &servers)
            )
        };
        out.report(message, &servers, &[]);
    }
}

/// R-OWA-NAMESPACE: an enabled relationship toward on-premises has no on-premises Outlook on
/// the web URL, or its host is not published, leads to no server or to servers that do not
/// publish Outlook on the web. One finding per link; each host is resolved once.
pub(super) fn owa_namespace(cx: &Context, out: &mut Sink) {
    let mut verdicts: HashMap<String, Reach> = HashMap::new();
    for &li in cx.live(LinkKind::OrganizationRelationship) {
        if !cx.reaches_on_premises(li) {
            continue;
        }
        let Some(url) = cx.link(li).on_premises_owa_url() else {
            out.report(
                format!(
                    "{} has no on-premises Outlook on the web URL, so users moved to Exchange Online are not sent to one namespace",
                    capitalize(&cx.link_name(li))
                ),
                &[],
                &[li],
            );
            continue;
        };
        let host = url_host(url).unwrap_or_default();
        let verdict = verdicts
            .entry(host.clone())
            .or_insert_with(|| reach(cx, &host))
            .clone();
        let problem = match verdict {
            Reach::Fine => continue,
            Reach::Unpublished => format!("names {host}, which no node publishes in public DNS"),
            Reach::Nowhere => format!("names {host}, which leads to no server"),
            Reach::Unfit(unfit) => format!(
                "names {host}, which leads to {}, so Outlook on the web is not published there",
                cannot_publish(cx, &unfit)
            ),
        };
        out.report(
            format!(
                "The on-premises Outlook on the web URL of {} ({url}) {problem}",
                cx.link_name(li)
            ),
            &[],
            &[li],
        );
    }
}
