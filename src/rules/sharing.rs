//! Sharing, federation, OAuth and mailbox moves: organization relationships and what
//! answers Exchange Online's EWS requests ([roles], [freebusy], [oauth], [owa], [moves], [hcw]).

use super::context::{Context, covers_both};
use super::{Severity, Sink, names};
use crate::model::{Feature, LinkKind};
use crate::text::capitalize;
use std::collections::BTreeMap;

/// R-FED-TRUST-FOR-ORGREL: an enabled organization relationship and no federation trust;
/// a warning instead of an error when OAuth is configured.
pub(super) fn fed_trust_for_orgrel(cx: &Context, out: &mut Sink) {
    let relationships = cx.live(LinkKind::OrganizationRelationship);
    if relationships.is_empty() || !cx.drawn(LinkKind::FederationTrust).is_empty() {
        return;
    }
    let (severity, consequence) = if cx.oauth_configured {
        (
            Severity::Warning,
            "OAuth covers free/busy, but features that use the relationship's delegated authentication will not work",
        )
    } else {
        (
            Severity::Error,
            "free/busy and the other sharing features will not work",
        )
    };
    out.report_as(
        severity,
        format!(
            "{} has no federation trust to back it; {consequence}",
            capitalize(&cx.link_name(relationships[0]))
        ),
        &[],
        relationships,
    );
}

/// R-ORGREL-FEATURES: features that need an organization relationship are wanted and there
/// is none (free/busy, `MailTips` and photos can use OAuth instead).
pub(super) fn orgrel_features(cx: &Context, out: &mut Sink) {
    if !cx.live(LinkKind::OrganizationRelationship).is_empty() {
        return;
    }
    let mut needing: Vec<Feature> = [Feature::MessageTracking, Feature::OwaRedirection]
        .into_iter()
        .filter(|&f| cx.wants(f))
        .collect();
    if !cx.oauth_configured {
        needing.extend(
            [Feature::FreeBusy, Feature::MailTips, Feature::Photos]
                .into_iter()
                .filter(|&f| cx.wants(f)),
        );
    }
    if needing.is_empty() {
        return;
    }
    let labels: Vec<&str> = needing.iter().map(|f| f.label()).collect();
    out.report(
        format!(
            "The plan wants {} but has no enabled organization relationship with Exchange Online",
            labels.join(", ")
        ),
        &cx.online,
        &[],
    );
}

/// R-ORGREL-BIDIRECTIONAL: the enabled relationships cover only one direction.
pub(super) fn orgrel_bidirectional(cx: &Context, out: &mut Sink) {
    let relationships = cx.live(LinkKind::OrganizationRelationship);
    if relationships.is_empty()
        || covers_both(relationships.iter().map(|&li| cx.link(li).direction()))
    {
        return;
    }
    out.report(
        format!(
            "The organization relationships ({}) cover only one direction; sharing needs both",
            cx.link_name(relationships[0])
        ),
        &[],
        relationships,
    );
}

/// R-ORGREL-EWS-HOST: an enabled relationship toward on-premises, or an enabled OAuth link,
/// whose on-premises end resolves to no server or to one that cannot publish EWS. One
/// finding per on-premises end, with all its links.
pub(super) fn orgrel_ews_host(cx: &Context, out: &mut Sink) {
    let mut by_end: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let relationships = cx
        .live(LinkKind::OrganizationRelationship)
        .iter()
        .filter(|&&li| cx.reaches_on_premises(li));
    for &li in relationships.chain(cx.live(LinkKind::Oauth)) {
        by_end.entry(cx.from(li)).or_default().push(li);
    }
    check_endpoint_servers(
        cx,
        out,
        by_end,
        "answer EWS requests",
        |s| !cx.can_publish_ews(s),
        |link, names, verb| {
            format!(
                "{link} reaches {names}, which {verb} not a 2013 Client Access or 2016 or later Mailbox server and cannot answer EWS requests"
            )
        },
    );
}

/// R-OWA-REDIRECT: Outlook on the web redirection is wanted, a relationship exists, and
/// none has an Outlook on the web URL.
pub(super) fn owa_redirect(cx: &Context, out: &mut Sink) {
    let relationships = cx.live(LinkKind::OrganizationRelationship);
    if !cx.wants(Feature::OwaRedirection) || relationships.is_empty() {
        return;
    }
    let has_url = |li: usize| {
        cx.link(li)
            .owa_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty())
    };
    if !relationships.iter().any(|&li| has_url(li)) {
        out.report(
            format!(
                "{} has no Outlook on the web URL, so cloud users are not redirected",
                capitalize(&cx.link_name(relationships[0]))
            ),
            &[],
            relationships,
        );
    }
}

/// R-OAUTH-PARTIAL: OAuth links exist and the enabled ones cover only one direction, or
/// none is enabled. Disabled links count here, since they are the ones to fix.
pub(super) fn oauth_partial(cx: &Context, out: &mut Sink) {
    let drawn = cx.drawn(LinkKind::Oauth);
    let live = cx.live(LinkKind::Oauth);
    if drawn.is_empty() || cx.oauth_configured {
        return;
    }
    let message = if live.is_empty() {
        format!(
            "{} is disabled, so OAuth is not configured",
            capitalize(&cx.link_name(drawn[0]))
        )
    } else {
        format!(
            "OAuth ({}) is configured in only one direction",
            cx.link_name(live[0])
        )
    };
    out.report(message, &[], drawn);
}

/// R-MRS-PROXY: a migration endpoint resolves to no server, or to a server that cannot
/// publish EWS or has MRS Proxy off. One finding per endpoint target.
pub(super) fn mrs_proxy(cx: &Context, out: &mut Sink) {
    let mut by_end: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &li in cx.live(LinkKind::MigrationEndpoint) {
        by_end.entry(cx.to(li)).or_default().push(li);
    }
    check_endpoint_servers(
        cx,
        out,
        by_end,
        "run mailbox moves",
        |s| !cx.can_publish_ews(s) || !cx.node(s).mrs_proxy(),
        |link, names, _| {
            format!("{link} reaches {names} without an EWS endpoint with MRS Proxy enabled")
        },
    );
}

/// One finding per endpoint (a node that links end at, with those links): it leads to no
/// server at all (to `purpose`), or it reaches servers that are `unfit`, which `problem`
/// words from the capitalized link name, the servers' names and "is" or "are".
fn check_endpoint_servers(
    cx: &Context,
    out: &mut Sink,
    by_end: BTreeMap<usize, Vec<usize>>,
    purpose: &str,
    unfit: impl Fn(usize) -> bool,
    problem: impl Fn(&str, &str, &str) -> String,
) {
    for (end, links) in by_end {
        let servers = cx.resolve(end);
        let link = capitalize(&cx.link_name(links[0]));
        if servers.is_empty() {
            out.report(
                format!(
                    "{link} ends at {}, which leads to no server to {purpose}",
                    cx.name(end)
                ),
                &[end],
                &links,
            );
            continue;
        }
        let bad: Vec<usize> = servers.iter().copied().filter(|&s| unfit(s)).collect();
        if !bad.is_empty() {
            let verb = if bad.len() == 1 { "is" } else { "are" };
            out.report(problem(&link, &names(cx, &bad), verb), &bad, &links);
        }
    }
}

/// R-MRS-MISSING: mailbox moves are wanted and there is no migration endpoint.
pub(super) fn mrs_missing(cx: &Context, out: &mut Sink) {
    if cx.drawn(LinkKind::MigrationEndpoint).is_empty() {
        out.report(
            "Mailbox moves are wanted but there is no migration endpoint".to_owned(),
            &cx.online,
            &[],
        );
    }
}
