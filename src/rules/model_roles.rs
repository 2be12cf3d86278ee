//! Model and roles: links drawn between the wrong kinds, roles a version cannot have, and
//! the minimum set of servers and roles a hybrid deployment needs ([roles], [arch], [prereq]).

use super::context::Context;
use super::{Sink, names};
use crate::model::{NodeKind, Role, Version, Zone};
use crate::text::capitalize;
use std::collections::BTreeMap;

/// R-MODEL-LINK-ENDS: a link's ends are not of the kinds format.md allows for its kind.
pub(super) fn model_link_ends(cx: &Context, out: &mut Sink) {
    for &li in &cx.bad_links {
        let link = cx.link(li);
        let from = cx.index_of(link.from.as_str());
        let to = cx.index_of(link.to.as_str());
        let message = match (from, to) {
            (Some(f), Some(t)) => format!(
                "{} joins {} ({}) to {} ({}), but {} must join {} to {}",
                capitalize(&cx.link_name(li)),
                cx.name(f),
                cx.node(f).kind.label(),
                cx.name(t),
                cx.node(t).kind.label(),
                link.kind.with_article(),
                kinds(link.kind.allowed_from()),
                kinds(link.kind.allowed_to()),
            ),
            _ => format!(
                "{} ends at a node that is not in the plan",
                capitalize(&cx.link_name(li))
            ),
        };
        out.report(message, &[], &[li]);
    }
}

/// R-MODEL-ROLES: a server has a role its version cannot have.
pub(super) fn model_roles(cx: &Context, out: &mut Sink) {
    for &s in &cx.servers {
        let Some(v) = cx.version(s) else { continue };
        let wrong: Vec<&str> = cx
            .node(s)
            .roles()
            .iter()
            .filter(|r| !v.allowed_roles().contains(r))
            .map(|r| r.label())
            .collect();
        if !wrong.is_empty() {
            out.report(
                format!(
                    "{} is Exchange {v} and cannot have {}",
                    cx.name(s),
                    wrong.join(" or ")
                ),
                &[s],
                &[],
            );
        }
    }
}

/// R-EXO-MISSING: there is no Exchange Online organization.
pub(super) fn exo_missing(cx: &Context, out: &mut Sink) {
    if cx.online.is_empty() {
        out.report(
            "The plan has no Exchange Online organization".to_owned(),
            &[],
            &[],
        );
    }
}

/// R-ROLE-NONE: a server has no role. The fix names the roles a hybrid needs of the
/// server's own version, so a 2010 server is not told what a 2013 server needs.
pub(super) fn role_none(cx: &Context, out: &mut Sink) {
    for &s in &cx.servers {
        if cx.node(s).roles().is_empty() {
            let message = format!("{} has no role", cx.name(s));
            match cx.version(s) {
                Some(v) => out.report_with_fix(message, role_none_fix(v), &[s], &[]),
                None => out.report(message, &[s], &[]),
            }
        }
    }
}

/// "Give it the Mailbox role (…)": the roles a hybrid needs of a server of this version.
fn role_none_fix(version: Version) -> String {
    match version {
        Version::V2010 => "Give it the Mailbox, Client Access and Hub Transport roles, the set an Exchange 2010 server needs for hybrid.".to_owned(),
        Version::V2013 => "Give it the Mailbox and Client Access roles (Exchange 2013 runs both on one server).".to_owned(),
        Version::V2016 | Version::V2019 | Version::Se => {
            format!("Give it the Mailbox role, the only role of Exchange {version}.")
        }
    }
}

/// R-ROLE-MIN-HYBRID: no 2016+ Mailbox server, no 2013 server, and no 2010 Mailbox, Hub
/// Transport and Client Access set (an empty `S` counts).
pub(super) fn role_min_hybrid(cx: &Context, out: &mut Sink) {
    let mut has_2013 = false;
    let mut modern_mailbox = false;
    let (mut mbx10, mut hub10, mut cas10) = (false, false, false);
    for &s in &cx.servers {
        has_2013 |= cx.version(s) == Some(Version::V2013);
        modern_mailbox |= cx.is_modern_mailbox(s);
        mbx10 |= cx.is(s, Version::V2010, Role::Mailbox);
        hub10 |= cx.is(s, Version::V2010, Role::HubTransport);
        cas10 |= cx.is(s, Version::V2010, Role::ClientAccess);
    }
    if has_2013 || modern_mailbox || (mbx10 && hub10 && cas10) {
        return;
    }
    let message = if cx.servers.is_empty() {
        "The plan has no Exchange server to run the hybrid deployment".to_owned()
    } else {
        "No server can run the hybrid deployment: there is no Exchange 2016 or later Mailbox server, no Exchange 2013 server, and the Exchange 2010 servers lack Mailbox, Hub Transport or Client Access".to_owned()
    };
    out.report(message, &[], &[]);
}

/// What the two rules about a 2013 organization missing one role need to know.
struct Roles2013 {
    servers: Vec<usize>,
    mailbox: bool,
    client_access: bool,
    modern_mailbox: bool,
}

impl Roles2013 {
    fn of(cx: &Context) -> Self {
        let mut r = Self {
            servers: Vec::new(),
            mailbox: false,
            client_access: false,
            modern_mailbox: false,
        };
        for &s in &cx.servers {
            r.modern_mailbox |= cx.is_modern_mailbox(s);
            if cx.version(s) == Some(Version::V2013) {
                r.servers.push(s);
                r.mailbox |= cx.has_role(s, Role::Mailbox);
                r.client_access |= cx.has_role(s, Role::ClientAccess);
            }
        }
        r
    }
}

/// The message of R-ROLE-2013-CAS and R-ROLE-2013-MBX: `has` is present among the 2013
/// servers, `lacks` on all of them.
fn missing_2013_role(cx: &Context, servers: &[usize], has: Role, lacks: Role) -> String {
    if let [only] = servers {
        format!(
            "{} is the only Exchange 2013 server and has {} but not {}, and there is no Exchange 2016 or later Mailbox server",
            cx.name(*only),
            has.label(),
            lacks.label()
        )
    } else {
        format!(
            "No Exchange 2013 server has {} ({} are 2013), and there is no Exchange 2016 or later Mailbox server",
            lacks.label(),
            names(cx, servers)
        )
    }
}

/// R-ROLE-2013-CAS: `|S| ≥ 2`, no 2016+ Mailbox, 2013 Mailbox but no 2013 Client Access.
pub(super) fn role_2013_cas(cx: &Context, out: &mut Sink) {
    let r = Roles2013::of(cx);
    if cx.servers.len() >= 2 && !r.modern_mailbox && r.mailbox && !r.client_access {
        let message = missing_2013_role(cx, &r.servers, Role::Mailbox, Role::ClientAccess);
        out.report(message, &r.servers, &[]);
    }
}

/// R-ROLE-2013-MBX: `|S| ≥ 2`, no 2016+ Mailbox, 2013 Client Access but no 2013 Mailbox.
pub(super) fn role_2013_mbx(cx: &Context, out: &mut Sink) {
    let r = Roles2013::of(cx);
    if cx.servers.len() >= 2 && !r.modern_mailbox && r.client_access && !r.mailbox {
        let message = missing_2013_role(cx, &r.servers, Role::ClientAccess, Role::Mailbox);
        out.report(message, &r.servers, &[]);
    }
}

/// R-ROLE-2013-SINGLE-BOTH: the only server is 2013, has a role, but not both Mailbox and
/// Client Access. (With no role at all, R-ROLE-NONE speaks instead.)
pub(super) fn role_2013_single_both(cx: &Context, out: &mut Sink) {
    let [s] = cx.servers[..] else { return };
    if cx.version(s) != Some(Version::V2013) || cx.node(s).roles().is_empty() {
        return;
    }
    let missing: Vec<&str> = [Role::Mailbox, Role::ClientAccess]
        .into_iter()
        .filter(|&r| !cx.has_role(s, r))
        .map(Role::label)
        .collect();
    if !missing.is_empty() {
        out.report(
            format!(
                "{} is the only server; as Exchange 2013 it needs both Mailbox and Client Access but lacks {}",
                cx.name(s),
                missing.join(" and ")
            ),
            &[s],
            &[],
        );
    }
}

/// R-ROLE-2013-COLOCATE: at least two 2013 servers, both roles among them, and some 2013
/// server has only one of the two.
pub(super) fn role_2013_colocate(cx: &Context, out: &mut Sink) {
    let r = Roles2013::of(cx);
    if r.servers.len() < 2 || !r.mailbox || !r.client_access {
        return;
    }
    let one_role: Vec<usize> = r
        .servers
        .iter()
        .copied()
        .filter(|&s| cx.has_role(s, Role::Mailbox) != cx.has_role(s, Role::ClientAccess))
        .collect();
    if !one_role.is_empty() {
        let verb = if one_role.len() == 1 {
            "has"
        } else {
            "each have"
        };
        out.report(
            format!(
                "{} {verb} only one of Mailbox and Client Access; Exchange 2013 is best installed with both roles on each server",
                names(cx, &one_role)
            ),
            &one_role,
            &[],
        );
    }
}

/// R-ROLE-2013-SITE-CAS: a site has 2013 Mailbox servers but no 2013 Client Access and no
/// 2016+ Mailbox server, while another site has such a server. Sites are grouped once.
pub(super) fn role_2013_site_cas(cx: &Context, out: &mut Sink) {
    #[derive(Default)]
    struct Site {
        mailbox_2013: Vec<usize>,
        has_access: bool,
    }
    let mut sites: BTreeMap<&str, Site> = BTreeMap::new();
    for &s in &cx.servers {
        let site = sites.entry(cx.node(s).site()).or_default();
        if cx.is(s, Version::V2013, Role::Mailbox) {
            site.mailbox_2013.push(s);
        }
        site.has_access |= cx.is(s, Version::V2013, Role::ClientAccess) || cx.is_modern_mailbox(s);
    }
    // A site lacking access can only find it in another site, so one site with it is enough.
    let Some(served) = sites
        .iter()
        .find(|(_, site)| site.has_access)
        .map(|(name, _)| *name)
    else {
        return;
    };
    for (name, site) in &sites {
        if !site.has_access && !site.mailbox_2013.is_empty() {
            out.report(
                format!(
                    "Site {name} has Exchange 2013 Mailbox {} but no Client Access server (site {served} has one)",
                    names(cx, &site.mailbox_2013)
                ),
                &site.mailbox_2013,
                &[],
            );
        }
    }
}

/// R-ROLE-REDUNDANCY: a single Exchange server.
pub(super) fn role_redundancy(cx: &Context, out: &mut Sink) {
    if let [s] = cx.servers[..] {
        out.report(
            format!("{} is the only Exchange server", cx.name(s)),
            &[s],
            &[],
        );
    }
}

/// R-ZONE-INTERNAL-IN-DMZ: a server in `S` is in the perimeter network.
pub(super) fn zone_internal_in_dmz(cx: &Context, out: &mut Sink) {
    for &s in &cx.servers {
        if cx.node(s).zone() == Zone::Perimeter {
            out.report(
                format!(
                    "{} is an internal Exchange server placed in the perimeter network",
                    cx.name(s)
                ),
                &[s],
                &[],
            );
        }
    }
}

/// R-ZONE-EDGE-INTERNAL: an Edge server is in the internal network.
pub(super) fn zone_edge_internal(cx: &Context, out: &mut Sink) {
    for &e in &cx.edges {
        if cx.node(e).zone() == Zone::Internal {
            out.report(
                format!(
                    "Edge Transport server {} is in the internal network",
                    cx.name(e)
                ),
                &[e],
                &[],
            );
        }
    }
}

/// "Exchange server or Edge Transport".
fn kinds(kinds: &[NodeKind]) -> String {
    let labels: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => labels.concat(),
    }
}
