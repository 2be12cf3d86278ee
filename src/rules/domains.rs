//! Accepted domains and federation (rules-v2): the hybrid domains must exist on both sides,
//! and federated domains are limited in length ([kb-domains], [kb-clouddom], [kb-routing],
//! [ps-newhc], [deploy], [prereq], [fed2013]).

use super::context::Context;
use super::{Severity, Sink, and_list, names};
use crate::model::LinkKind;
use crate::text::capitalize;

/// The longest domain name the federation trust accepts ([fed2013]).
const FEDERATED_DOMAIN_MAX: usize = 32;

/// R-DOM-REQUIRED: (a) no hybrid domain (HCW8029); (b) accepted domains modeled and empty
/// (HCW8004): one error naming every Exchange Online node; (c) an Exchange Online node
/// without a tenant name, so the coexistence domain cannot be derived: a warning
/// [INFERENCE], or part of the error's message when there is one (a rule names each
/// subject once).
pub(super) fn dom_required(cx: &Context, out: &mut Sink) {
    let mut problems = Vec::new();
    if cx.published.domains.is_empty() {
        problems.push(
            "the plan names no hybrid domain (hybrid.domains), so the Hybrid Configuration Wizard stops with HCW8029 \"No hybrid domains specified\"".to_owned(),
        );
    }
    let accepted = cx.doc.hybrid.accepted_domains.as_deref();
    if accepted.is_some_and(|list| list.iter().all(|d| d.trim().is_empty())) {
        problems.push(
            "the on-premises organization has no accepted domain, so the Hybrid Configuration Wizard stops with HCW8004 \"No accepted domains were found on-premises\"".to_owned(),
        );
    }
    let unnamed: Vec<usize> = cx
        .online
        .iter()
        .copied()
        .filter(|&x| cx.node(x).tenant_name().is_none())
        .collect();
    let no_tenant = || {
        let verb = if unnamed.len() == 1 { "names" } else { "name" };
        format!(
            "{} {verb} no tenant, so the coexistence domain (<tenant>.mail.onmicrosoft.com) that hybrid mail is routed to cannot be derived",
            names(cx, &unnamed)
        )
    };
    if problems.is_empty() {
        if !unnamed.is_empty() {
            out.report_as(Severity::Warning, no_tenant(), &unnamed, &[]);
        }
        return;
    }
    if !unnamed.is_empty() {
        problems.push(no_tenant());
    }
    out.report(capitalize(&problems.join("; and ")), &cx.online, &[]);
}

/// The hybrid domains that `has` says are missing, as written in normal form.
fn missing(cx: &Context, has: impl Fn(&str) -> bool) -> Vec<String> {
    cx.published
        .domains
        .iter()
        .filter(|d| !has(d))
        .cloned()
        .collect()
}

fn is_are(items: &[String]) -> &'static str {
    if items.len() == 1 { "is" } else { "are" }
}

/// The hybrid domains not accepted on-premises (R-DOM-ACCEPTED (a)), when modeled.
pub(crate) fn not_accepted(cx: &Context) -> Vec<String> {
    missing(cx, |d| !cx.doc.hybrid.accepted_domains_lack(d))
}

/// R-DOM-ACCEPTED: a hybrid domain is (a) not an on-premises accepted domain (HCW8016), or
/// (b) not a domain of an Exchange Online node that models its domains (HCW8017). One
/// finding: every Exchange Online node for (a), those that lack a domain for (b).
pub(super) fn dom_accepted(cx: &Context, out: &mut Sink) {
    let mut problems = Vec::new();
    let mut subjects = Vec::new();
    let absent = not_accepted(cx);
    if !absent.is_empty() {
        problems.push(format!(
            "{} {} not an accepted domain on-premises (HCW8016)",
            and_list(&absent),
            is_are(&absent)
        ));
        subjects.extend(&cx.online);
    }
    for &x in &cx.online {
        let tenant = cx.node(x);
        let absent = missing(cx, |d| tenant.tenant_has_domain(d) != Some(false));
        if absent.is_empty() {
            continue;
        }
        problems.push(format!(
            "{} {} not a verified domain of {} (HCW8017)",
            and_list(&absent),
            is_are(&absent),
            cx.name(x)
        ));
        subjects.push(x);
    }
    if problems.is_empty() {
        return;
    }
    out.report(
        format!(
            "{}; the Hybrid Configuration Wizard stops until every hybrid domain is accepted on both sides",
            problems.join("; ")
        ),
        &subjects,
        &[],
    );
}

/// R-FED-DOMAIN-LENGTH: a federation trust is drawn and a hybrid domain is longer than 32
/// characters.
pub(super) fn fed_domain_length(cx: &Context, out: &mut Sink) {
    let trusts = cx.drawn(LinkKind::FederationTrust);
    if trusts.is_empty() {
        return;
    }
    let long: Vec<String> = cx
        .published
        .domains
        .iter()
        .filter_map(|d| {
            let len = d.chars().count();
            (len > FEDERATED_DOMAIN_MAX).then(|| format!("{d} ({len} characters)"))
        })
        .collect();
    if long.is_empty() {
        return;
    }
    out.report(
        format!(
            "The federation trust cannot federate {}: federated domains are limited to {FEDERATED_DOMAIN_MAX} characters",
            and_list(&long)
        ),
        &[],
        trusts,
    );
}
