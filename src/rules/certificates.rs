//! Certificates (rules-v2): the third-party certificate of each hybrid server, its CA,
//! services, names, tenant domain and expiry ([prereq], [certreq], [trouble], [transport],
//! [kb-attr36], [kb-smtp], [css-hc]). Servers without a `certificate` are not modeled and
//! are skipped.

use super::context::Context;
use super::published::HostMemo;
use super::{Severity, Sink, and_list, names};
use crate::model::{CertService, Certificate, Document, LinkKind, NodeKind};
use std::collections::BTreeMap;

/// How many days before expiry a certificate is reported as expiring ([css-hc]).
pub(crate) const EXPIRY_WARNING_DAYS: i64 = 60;

/// `cert(s)`: the certificate of a server or Edge server, if modeled.
fn cert<'a>(cx: &Context<'a>, s: usize) -> Option<&'a Certificate> {
    let node = cx.node(s);
    if node.kind.has_version() {
        node.certificate.as_ref()
    } else {
        None
    }
}

/// Two sorted index lists merged, each index once (linear: both are sorted already).
fn union(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// `T = S_send ∪ S_recv`.
fn transport(cx: &Context) -> Vec<usize> {
    union(&cx.s_send, &cx.s_recv)
}

/// `EP = S_send ∪ S_recv ∪ S_ews`.
fn endpoints(cx: &Context) -> Vec<usize> {
    union(&transport(cx), &cx.s_ews)
}

/// "The certificate of EX-01" or "The certificates of EX-01 and EX-02".
fn certificates_of(cx: &Context, servers: &[usize]) -> String {
    if servers.len() == 1 {
        format!("The certificate of {}", names(cx, servers))
    } else {
        format!("The certificates of {}", names(cx, servers))
    }
}

/// "is" or "are", for the certificates of these servers.
fn verb(servers: &[usize], one: &'static str, many: &'static str) -> &'static str {
    if servers.len() == 1 { one } else { many }
}

/// R-CERT-PUBLIC-CA: an endpoint's certificate is self-signed or from an internal CA.
pub(super) fn cert_public_ca(cx: &Context, out: &mut Sink) {
    let bad: Vec<usize> = endpoints(cx)
        .into_iter()
        .filter(|&s| cert(cx, s).is_some_and(|c| !c.public_ca()))
        .collect();
    if bad.is_empty() {
        return;
    }
    out.report(
        format!(
            "{} {} self-signed or from an internal CA; Exchange Online trusts only certificates from a public certification authority",
            certificates_of(cx, &bad),
            verb(&bad, "is", "are")
        ),
        &bad,
        &[],
    );
}

/// The services each hybrid server's certificate lacks (R-CERT-SERVICES): SMTP for a
/// server in `T`, IIS for a non-Edge server in `T ∪ S_ews`. Servers lacking nothing are
/// left out; index order.
fn missing_services_in(cx: &Context) -> Vec<(usize, Vec<CertService>)> {
    let t = transport(cx);
    let mut out = Vec::new();
    for s in union(&t, &cx.s_ews) {
        let Some(c) = cert(cx, s) else { continue };
        let mut missing = Vec::new();
        if cx.node(s).kind != NodeKind::EdgeTransport && !c.has_service(CertService::Iis) {
            missing.push(CertService::Iis);
        }
        if t.binary_search(&s).is_ok() && !c.has_service(CertService::Smtp) {
            missing.push(CertService::Smtp);
        }
        if !missing.is_empty() {
            out.push((s, missing));
        }
    }
    out
}

/// For the quick fix of R-CERT-SERVICES: the services each server's certificate lacks.
pub(crate) fn missing_services(doc: &Document) -> Vec<(usize, Vec<CertService>)> {
    missing_services_in(&Context::new(doc, super::evaluation_date(doc)))
}

/// R-CERT-SERVICES: one finding per set of missing services, with its servers.
pub(super) fn cert_services(cx: &Context, out: &mut Sink) {
    let mut groups: BTreeMap<Vec<CertService>, Vec<usize>> = BTreeMap::new();
    for (s, missing) in missing_services_in(cx) {
        groups.entry(missing).or_default().push(s);
    }
    for (missing, servers) in groups {
        let labels: Vec<String> = missing.iter().map(|m| m.label().to_owned()).collect();
        let purpose = match missing.as_slice() {
            [CertService::Smtp] => "hybrid mail with Exchange Online needs SMTP",
            [CertService::Iis] => "Autodiscover, EWS and MRS Proxy need IIS",
            _ => "hybrid needs both",
        };
        out.report(
            format!(
                "{} {} not enabled for {}; {purpose}",
                certificates_of(cx, &servers),
                verb(&servers, "is", "are"),
                and_list(&labels)
            ),
            &servers,
            &[],
        );
    }
}

/// R-CERT-CONSISTENT: the hybrid transport servers with a certificate use more than one
/// (issuer, subject) pair, compared as written.
pub(super) fn cert_consistent(cx: &Context, out: &mut Sink) {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut servers = Vec::new();
    for s in transport(cx) {
        let Some(c) = cert(cx, s) else { continue };
        servers.push(s);
        let pair = (c.issuer(), c.subject.as_str());
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    if pairs.len() < 2 {
        return;
    }
    let described: Vec<String> = pairs
        .iter()
        .map(|(issuer, subject)| {
            if issuer.is_empty() {
                format!("{subject} (issuer not given)")
            } else {
                format!("{subject} from {issuer}")
            }
        })
        .collect();
    out.report(
        format!(
            "The hybrid transport servers {} use {} different certificates ({}); all must come from the same CA with the same subject",
            names(cx, &servers),
            pairs.len(),
            and_list(&described)
        ),
        &servers,
        &[],
    );
}

/// The names a server's certificate must cover and does not (R-CERT-NAMES), with why
/// each is needed and the receive connectors of part (c).
#[derive(Default)]
struct Missing {
    names: Vec<String>,
    why: Vec<String>,
    links: Vec<usize>,
}

impl Missing {
    fn add(&mut self, name: &str, why: impl FnOnce() -> String) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_owned());
            self.why.push(why());
        }
    }
}

/// R-CERT-NAMES's three parts, per server in index order.
fn missing_names_in(cx: &Context) -> BTreeMap<usize, Missing> {
    let mut missing: BTreeMap<usize, Missing> = BTreeMap::new();
    // (a) the EWS external URL of a server that answers Exchange Online's EWS requests.
    let mut hosts = HostMemo::default();
    for &s in &cx.s_ews {
        let (Some(c), Some(url)) = (cert(cx, s), cx.node(s).ews_external_url()) else {
            continue;
        };
        if let Some(host) = hosts.host(url).filter(|h| !c.covers(h)) {
            missing
                .entry(s)
                .or_default()
                .add(host, || "its EWS external URL".to_owned());
        }
    }
    // (b) the Autodiscover name of each hybrid domain, on the servers it leads to.
    if cx.published.modeled() {
        for (domain, host) in cx.published.autodiscover() {
            for s in cx.serves(&host) {
                if cert(cx, s).is_some_and(|c| !c.covers(&host)) {
                    missing
                        .entry(s)
                        .or_default()
                        .add(&host, || format!("Autodiscover for {domain}"));
                }
            }
        }
    }
    // (c) the smart host Exchange Online's outbound connector connects to.
    for &li in cx.live(LinkKind::ReceiveConnector) {
        let Some(host) = cx.link(li).smart_host().map(super::published::normal) else {
            continue;
        };
        for &s in cx.resolve(cx.to(li)) {
            if cert(cx, s).is_some_and(|c| !c.covers(&host)) {
                let entry = missing.entry(s).or_default();
                entry.add(&host, || {
                    "the smart host Exchange Online connects to".to_owned()
                });
                entry.links.push(li);
            }
        }
    }
    missing
}

/// For the quick fix of R-CERT-NAMES: the names each server's certificate lacks.
pub(crate) fn missing_names(doc: &Document) -> Vec<(usize, Vec<String>)> {
    missing_names_in(&Context::new(doc, super::evaluation_date(doc)))
        .into_iter()
        .map(|(s, m)| (s, m.names))
        .collect()
}

/// The servers of one R-CERT-NAMES finding (one set of missing names), their receive
/// connectors of part (c), and why each name is needed.
#[derive(Default)]
struct NamesGroup {
    servers: Vec<usize>,
    links: Vec<usize>,
    why: Vec<String>,
}

/// R-CERT-NAMES: one finding per set of missing names, with its servers and, for the
/// smart host, its receive connectors.
pub(super) fn cert_names(cx: &Context, out: &mut Sink) {
    let mut groups: BTreeMap<Vec<String>, NamesGroup> = BTreeMap::new();
    for (s, m) in missing_names_in(cx) {
        let group = groups.entry(m.names).or_default();
        group.servers.push(s);
        group.links.extend(m.links);
        if group.why.is_empty() {
            group.why = m.why;
        }
    }
    for (
        missing,
        NamesGroup {
            servers,
            links,
            why,
        },
    ) in groups
    {
        let needed: Vec<String> = missing
            .iter()
            .zip(&why)
            .map(|(name, why)| format!("{name} ({why})"))
            .collect();
        out.report(
            format!(
                "{} {} not cover {}; Exchange Online refuses a certificate without the name it connects to",
                certificates_of(cx, &servers),
                verb(&servers, "does", "do"),
                and_list(&needed)
            ),
            &servers,
            &links,
        );
    }
}

/// R-CERT-TENANT-DOMAIN: the sending servers whose certificate subject (a leading `*.`
/// removed) is neither a domain verified in an Exchange Online node that models its
/// domains nor a host directly under one. One finding, naming each server once.
pub(super) fn cert_tenant_domain(cx: &Context, out: &mut Sink) {
    let tenants: Vec<usize> = cx
        .online
        .iter()
        .copied()
        .filter(|&x| cx.node(x).domains.is_some())
        .collect();
    let mut bad = Vec::new();
    let mut subjects = Vec::new();
    let mut refusing: Vec<usize> = Vec::new();
    for &s in &cx.s_send {
        let Some(c) = cert(cx, s) else { continue };
        let subject = c.subject.trim();
        let subject = subject.strip_prefix("*.").unwrap_or(subject);
        let outside: Vec<usize> = tenants
            .iter()
            .copied()
            .filter(|&x| {
                let verified = |name: &str| cx.node(x).tenant_has_domain(name) == Some(true);
                let under = subject
                    .split_once('.')
                    .is_some_and(|(label, parent)| !label.is_empty() && verified(parent));
                !verified(subject) && !under
            })
            .collect();
        if outside.is_empty() {
            continue;
        }
        bad.push(s);
        subjects.push(format!("{} ({})", cx.name(s), c.subject.trim()));
        for x in outside {
            if !refusing.contains(&x) {
                refusing.push(x);
            }
        }
    }
    if bad.is_empty() {
        return;
    }
    refusing.sort_unstable();
    out.report(
        format!(
            "The certificate subject of {} is not in a domain verified in {}; Exchange Online rejects its mail with 550 5.7.64 Relay Access Denied (ATTR36)",
            and_list(&subjects),
            names(cx, &refusing)
        ),
        &bad,
        &[],
    );
}

/// R-CERT-VALIDITY: expired certificates on endpoints (error) and those that expire within
/// 60 days of the evaluation date, both ends included (warning).
pub(super) fn cert_validity(cx: &Context, out: &mut Sink) {
    let (mut expired, mut soon) = (Vec::new(), Vec::new());
    for s in endpoints(cx) {
        let Some(expiry) = cert(cx, s).and_then(Certificate::expiry) else {
            continue;
        };
        let days = cx.as_of.days_until(expiry);
        if days < 0 {
            expired.push((s, expiry.to_string()));
        } else if days <= EXPIRY_WARNING_DAYS {
            let when = match days {
                0 => "today".to_owned(),
                1 => "in 1 day".to_owned(),
                n => format!("in {n} days"),
            };
            soon.push((s, format!("{expiry}, {when}")));
        }
    }
    if let [(s, date)] = expired.as_slice() {
        out.report_as(
            Severity::Error,
            format!(
                "The certificate of {} expired on {date}: Exchange Online refuses TLS with it, so hybrid mail and sharing stop",
                cx.name(*s)
            ),
            &[*s],
            &[],
        );
    } else if !expired.is_empty() {
        out.report_as(
            Severity::Error,
            format!(
                "The certificates of {} have expired: Exchange Online refuses TLS with them, so hybrid mail and sharing stop",
                dated(cx, &expired)
            ),
            &servers_of(&expired),
            &[],
        );
    }
    if let [(s, when)] = soon.as_slice() {
        out.report_as(
            Severity::Warning,
            format!(
                "The certificate of {} expires on {when}, within {EXPIRY_WARNING_DAYS} days of {}; renew it and re-run the Hybrid Configuration Wizard",
                cx.name(*s),
                cx.as_of
            ),
            &[*s],
            &[],
        );
    } else if !soon.is_empty() {
        out.report_as(
            Severity::Warning,
            format!(
                "The certificates of {} expire within {EXPIRY_WARNING_DAYS} days of {}; renew them and re-run the Hybrid Configuration Wizard",
                dated(cx, &soon),
                cx.as_of
            ),
            &servers_of(&soon),
            &[],
        );
    }
}

/// "EX-01 (2026-02-14) and EX-02 (2026-03-01)".
fn dated(cx: &Context, items: &[(usize, String)]) -> String {
    let texts: Vec<String> = items
        .iter()
        .map(|(s, when)| format!("{} ({when})", cx.name(*s)))
        .collect();
    and_list(&texts)
}

fn servers_of(items: &[(usize, String)]) -> Vec<usize> {
    items.iter().map(|&(s, _)| s).collect()
}
