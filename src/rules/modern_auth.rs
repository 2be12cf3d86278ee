//! Hybrid Modern Authentication (rules-v2): its prerequisites on the Exchange side ([hma],
//! [hmacfg]).

use super::context::Context;
use super::{Sink, and_list, names};
use crate::model::{Build, NodeKind, Version};

/// The lowest cumulative update that supports Hybrid Modern Authentication, per version.
fn hma_min_cu(v: Version) -> Option<u32> {
    match v {
        Version::V2013 => Some(19),
        Version::V2016 => Some(8),
        Version::V2019 => Some(1),
        Version::V2010 | Version::Se => None,
    }
}

/// R-HMA-PREREQ: Hybrid Modern Authentication is wanted and (a) an Exchange 2010 server or
/// Edge server exists [INFERENCE for Edge]; (b) an Exchange server (not Edge) is below the
/// minimum cumulative update; (c) there is an Exchange Online node and OAuth is not
/// configured; (d) a load balancer that offloads TLS routes to a server in `S`. One
/// finding per part.
pub(super) fn hma_prereq(cx: &Context, out: &mut Sink) {
    let mut all: Vec<usize> = cx.servers.iter().chain(&cx.edges).copied().collect();
    all.sort_unstable();
    let old: Vec<usize> = all
        .into_iter()
        .filter(|&s| cx.version(s) == Some(Version::V2010))
        .collect();
    if !old.is_empty() {
        let verb = if old.len() == 1 { "is" } else { "are" };
        out.report(
            format!(
                "{} {verb} Exchange 2010; Hybrid Modern Authentication needs an organization without Exchange 2010 (the wizard does not create the EvoSTS auth server with it)",
                names(cx, &old)
            ),
            &old,
            &[],
        );
    }

    let mut below = Vec::new();
    let mut builds = Vec::new();
    for &s in &cx.servers {
        let Some(v) = cx.version(s) else { continue };
        if let (Some(min), Some(Build::Cu { cu })) = (hma_min_cu(v), cx.node(s).build)
            && cu < min
        {
            below.push(s);
            builds.push(format!(
                "{} (Exchange {v} CU{cu}, needs CU{min})",
                cx.name(s)
            ));
        }
    }
    if !below.is_empty() {
        out.report(
            format!(
                "{} {} below the cumulative update Hybrid Modern Authentication needs",
                and_list(&builds),
                if below.len() == 1 { "is" } else { "are" }
            ),
            &below,
            &[],
        );
    }

    if !cx.online.is_empty() && !cx.oauth_configured {
        out.report(
            format!(
                "OAuth is not configured in both directions with {}; Hybrid Modern Authentication needs the EvoSTS auth server that the Hybrid Configuration Wizard (Full) creates",
                names(cx, &cx.online)
            ),
            &cx.online,
            &[],
        );
    }

    let offloading: Vec<usize> = cx
        .doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            n.kind == NodeKind::LoadBalancer
                && n.ssl_offload()
                && cx
                    .resolve(*i)
                    .iter()
                    .any(|&s| cx.node(s).kind == NodeKind::ExchangeServer)
        })
        .map(|(i, _)| i)
        .collect();
    if !offloading.is_empty() {
        let verb = if offloading.len() == 1 {
            "offloads"
        } else {
            "offload"
        };
        out.report(
            format!(
                "{} {verb} TLS without re-encrypting towards Exchange; Hybrid Modern Authentication supports TLS termination with re-encryption only",
                names(cx, &offloading)
            ),
            &offloading,
            &[],
        );
    }
}
