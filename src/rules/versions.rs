//! Versions: the hybrid support matrix, coexistence of versions in one organization, and
//! cumulative updates ([prereq], [sysreq]).

use super::context::Context;
use super::{Sink, names};
use crate::model::{Build, Update, Version};

/// Every server in `S ∪ E`.
fn all_servers<'c>(cx: &'c Context) -> impl Iterator<Item = usize> + 'c {
    cx.servers.iter().chain(&cx.edges).copied()
}

/// R-VER-HYBRID-MATRIX: a server newer than `HV`, or 2010 servers while `HV` is 2019 or
/// Subscription Edition. The two problems have different subjects, so each is reported once.
///
/// Both are worded from the plan's own newest version: the endpoints belong on it, and
/// with 2019 or Subscription Edition endpoints the 2010 servers have to go (that 2010
/// cannot share the organization with them at all is R-VER-COEXIST's finding, not
/// repeated here).
pub(super) fn ver_hybrid_matrix(cx: &Context, out: &mut Sink) {
    let Some(hv) = cx.hv else { return };
    let newest = all_servers(cx)
        .filter_map(|s| cx.version(s))
        .max()
        .map_or(hv, |v| v.max(hv));
    let newer: Vec<usize> = all_servers(cx)
        .filter(|&s| cx.version(s).is_some_and(|v| v > hv))
        .collect();
    if !newer.is_empty() {
        let verb = if newer.len() == 1 { "is" } else { "are" };
        out.report_with_fix(
            format!(
                "{} {verb} newer than the hybrid endpoints (Exchange {hv}); the hybrid endpoints must run the organization's newest version, Exchange {newest}",
                names(cx, &newer)
            ),
            format!(
                "Make Exchange {newest} servers the hybrid endpoints: start the send connector and end the receive connector at them, and publish EWS for sharing and mailbox moves on them."
            ),
            &newer,
            &[],
        );
    }
    if hv >= Version::V2019 {
        let old: Vec<usize> = all_servers(cx)
            .filter(|&s| cx.version(s) == Some(Version::V2010))
            .collect();
        if !old.is_empty() {
            let (verb, them) = if old.len() == 1 {
                ("is", "it")
            } else {
                ("are", "them")
            };
            out.report_with_fix(
                format!(
                    "{} {verb} Exchange 2010, which the Hybrid Configuration Wizard does not support with Exchange {hv} hybrid endpoints",
                    names(cx, &old)
                ),
                format!(
                    "Move the mailboxes on {} to Exchange {newest} and retire {them} before configuring hybrid with Exchange {hv} endpoints.",
                    names(cx, &old)
                ),
                &old,
                &[],
            );
        }
    }
}

/// Whether a 2013+ build is below this cumulative update (a missing build is current).
fn below_cu(build: Option<Build>, cu: u32) -> bool {
    matches!(build, Some(Build::Cu { cu: c }) if c < cu)
}

/// Whether a 2010 build is below this service pack and update rollup.
fn below_sp(build: Option<Build>, sp: u32, ru: u32) -> bool {
    matches!(build, Some(Build::SpRu { sp: s, ru: r }) if (s, r) < (sp, ru))
}

/// The newer versions that a server of version `v` and `build` cannot share an
/// organization with ([sysreq]).
fn blockers(v: Version, build: Option<Build>) -> Vec<Version> {
    let mut out = Vec::new();
    match v {
        Version::V2010 => {
            if below_sp(build, 3, 0) {
                out.push(Version::V2013);
            }
            if below_sp(build, 3, 11) {
                out.push(Version::V2016);
            }
            out.extend([Version::V2019, Version::Se]);
        }
        Version::V2013 => {
            if below_cu(build, 10) {
                out.push(Version::V2016);
            }
            if below_cu(build, 21) {
                out.push(Version::V2019);
            }
            out.push(Version::Se);
        }
        Version::V2016 => {
            if below_cu(build, 11) {
                out.push(Version::V2019);
            }
        }
        Version::V2019 | Version::Se => {}
    }
    out
}

/// R-VER-COEXIST: versions that cannot share an organization (Edge included). Each server
/// is compared with the first server of each version, never with every other server.
pub(super) fn ver_coexist(cx: &Context, out: &mut Sink) {
    let mut first: [Option<usize>; Version::ALL.len()] = [None; Version::ALL.len()];
    for s in all_servers(cx) {
        if let Some(v) = cx.version(s) {
            first[v as usize].get_or_insert(s);
        }
    }
    for s in all_servers(cx) {
        let Some(v) = cx.version(s) else { continue };
        let build = cx.node(s).build;
        let present: Vec<String> = blockers(v, build)
            .into_iter()
            .filter_map(|b| first[b as usize].map(|n| format!("Exchange {b} ({})", cx.name(n))))
            .collect();
        if !present.is_empty() {
            out.report(
                format!(
                    "{} (Exchange {v}{}) cannot share an organization with {}",
                    cx.name(s),
                    build_text(build),
                    present.join(" or ")
                ),
                &[s],
                &[],
            );
        }
    }
}

/// " CU5", " SP3 RU11", or nothing for a missing build.
fn build_text(build: Option<Build>) -> String {
    match build {
        Some(Build::Cu { cu }) => format!(" CU{cu}"),
        Some(Build::SpRu { sp, ru }) => format!(" SP{sp} RU{ru}"),
        None => String::new(),
    }
}

/// R-VER-CU-CURRENT: a server runs an older cumulative update than the latest two.
pub(super) fn ver_cu_current(cx: &Context, out: &mut Sink) {
    for s in all_servers(cx) {
        if cx.node(s).update() == Update::Older {
            out.report(
                format!(
                    "{} runs a cumulative update older than the latest two",
                    cx.name(s)
                ),
                &[s],
                &[],
            );
        }
    }
}
