//! One-click quick fixes: for a validator finding, the command that removes it without
//! bringing a new error in where that can be avoided.

mod v2;

use super::command::Command;
use super::factory::{Namer, default_roles, new_node};
use crate::model::{
    Direction, Document, Link, LinkKind, Node, NodeId, NodeKind, Pos, Role, TlsAuth, Update,
    Version, Zone,
};
use crate::rules::Finding;
use std::collections::BTreeSet;

/// A fix the user can apply with one click from the findings panel.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickFix {
    /// What the button says, e.g. "Add Client Access to EX13-01".
    pub label: String,
    /// The edit; apply it through the history so it can be undone. Its label is `label`.
    pub command: Command,
}

/// The quick fix for a finding, when there is a safe one. Rules with a fix: R-ROLE-NONE,
/// R-ROLE-2013-SINGLE-BOTH, R-ROLE-2013-CAS, R-ROLE-2013-MBX, R-ROLE-2013-SITE-CAS,
/// R-ROLE-2013-COLOCATE, R-MODEL-ROLES,
/// R-ROLE-MIN-HYBRID, R-ZONE-INTERNAL-IN-DMZ, R-ZONE-EDGE-INTERNAL, R-MAIL-SEND-TLS,
/// R-MAIL-RECV-TLS, R-ORGREL-BIDIRECTIONAL, R-OAUTH-PARTIAL, R-MRS-PROXY, R-EXO-MISSING,
/// R-VER-CU-CURRENT, R-ID-DIRSYNC and R-FED-TRUST-FOR-ORGREL; of version 2: R-CERT-SERVICES,
/// R-CERT-NAMES, R-NET-SMTP-25, R-NET-HTTPS-443, R-NET-PREAUTH, R-DOM-ACCEPTED and
/// R-APP-DEDICATED.
#[must_use]
pub fn quick_fix(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    match finding.rule {
        "R-ROLE-NONE" => role_none(doc, finding),
        "R-ROLE-2013-SINGLE-BOTH" => single_2013_both(doc, finding),
        "R-ROLE-2013-CAS" => add_2013_role(doc, Role::Mailbox, Role::ClientAccess),
        "R-ROLE-2013-MBX" => add_2013_role(doc, Role::ClientAccess, Role::Mailbox),
        "R-ROLE-2013-SITE-CAS" => site_cas(doc, finding),
        "R-ROLE-2013-COLOCATE" => colocate(doc, finding),
        "R-MODEL-ROLES" => model_roles(doc, finding),
        "R-ROLE-MIN-HYBRID" => min_hybrid(doc),
        "R-ZONE-INTERNAL-IN-DMZ" => zone(doc, finding, NodeKind::ExchangeServer, Zone::Internal),
        "R-ZONE-EDGE-INTERNAL" => zone(doc, finding, NodeKind::EdgeTransport, Zone::Perimeter),
        "R-MAIL-SEND-TLS" => connector_tls(doc, finding, LinkKind::SendConnector),
        "R-MAIL-RECV-TLS" => connector_tls(doc, finding, LinkKind::ReceiveConnector),
        "R-ORGREL-BIDIRECTIONAL" => orgrel_both(doc, finding),
        "R-OAUTH-PARTIAL" => oauth_both(doc, finding),
        "R-MRS-PROXY" => mrs_proxy(doc, finding),
        "R-EXO-MISSING" => exo_missing(doc),
        "R-VER-CU-CURRENT" => cu_current(doc, finding),
        "R-ID-DIRSYNC" => dirsync(doc),
        "R-FED-TRUST-FOR-ORGREL" => federation_trust(doc),
        "R-CERT-SERVICES" => v2::cert_services(doc, finding),
        "R-CERT-NAMES" => v2::cert_names(doc, finding),
        "R-NET-SMTP-25" => v2::forward_port(doc, finding, 25),
        "R-NET-HTTPS-443" => v2::forward_port(doc, finding, 443),
        "R-NET-PREAUTH" => v2::preauth_off(doc, finding),
        "R-DOM-ACCEPTED" => v2::accepted_domains(doc, finding),
        "R-APP-DEDICATED" => v2::dedicated_app(doc, finding),
        _ => None,
    }
}

/// The finding's subject nodes that meet `wanted`; when the finding names none of them,
/// every node of the document that does (the fix never trusts the finding alone).
fn subject_nodes<'d>(
    doc: &'d Document,
    finding: &Finding,
    wanted: impl Fn(&Node) -> bool,
) -> Vec<&'d Node> {
    let named: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| finding.nodes.contains(&n.id) && wanted(n))
        .collect();
    if named.is_empty() {
        doc.nodes.iter().filter(|n| wanted(n)).collect()
    } else {
        named
    }
}

/// Like [`subject_nodes`], for links.
fn subject_links<'d>(
    doc: &'d Document,
    finding: &Finding,
    wanted: impl Fn(&Link) -> bool,
) -> Vec<&'d Link> {
    let named: Vec<&Link> = doc
        .links
        .iter()
        .filter(|l| finding.links.contains(&l.id) && wanted(l))
        .collect();
    if named.is_empty() {
        doc.links.iter().filter(|l| wanted(l)).collect()
    } else {
        named
    }
}

/// "EX01", "EX01 and EX02", "EX01, EX02 and EX03".
fn names<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

fn node_names(nodes: &[&Node]) -> String {
    names(&nodes.iter().map(|n| n.name.as_str()).collect::<Vec<_>>())
}

fn role_names(roles: &[Role]) -> String {
    names(&roles.iter().map(|r| r.label()).collect::<Vec<_>>())
}

fn fix(label: String, commands: Vec<Command>) -> Option<QuickFix> {
    if commands.is_empty() {
        return None;
    }
    Some(QuickFix {
        command: Command::Batch {
            label: label.clone(),
            commands,
        },
        label,
    })
}

/// The fix that replaces each node by `edit(node)`.
fn edit_nodes(label: String, nodes: &[&Node], edit: impl Fn(&mut Node)) -> Option<QuickFix> {
    let commands = nodes
        .iter()
        .map(|n| {
            let mut node = (*n).clone();
            edit(&mut node);
            Command::UpdateNode { node }
        })
        .collect();
    fix(label, commands)
}

fn is_server(n: &Node) -> bool {
    n.kind == NodeKind::ExchangeServer
}

fn is_2013(n: &Node) -> bool {
    is_server(n) && n.version == Some(Version::V2013)
}

fn with_role(roles: &[Role], role: Role) -> Vec<Role> {
    let mut roles = roles.to_vec();
    if !roles.contains(&role) {
        roles.push(role);
    }
    roles
}

fn role_none(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let servers = subject_nodes(doc, finding, |n| is_server(n) && n.roles().is_empty());
    let roles_of = |n: &Node| default_roles(n.version.unwrap_or(Version::V2019));
    let first = roles_of(servers.first()?);
    let all_same = servers.iter().all(|n| roles_of(n) == first);
    let label = match (all_same, first.len()) {
        (true, 1) => format!(
            "Give {} the {} role",
            node_names(&servers),
            role_names(&first)
        ),
        (true, _) => format!(
            "Give {} the {} roles",
            node_names(&servers),
            role_names(&first)
        ),
        (false, _) => format!("Give {} the roles a hybrid needs", node_names(&servers)),
    };
    edit_nodes(label, &servers, |n| n.roles = Some(roles_of(n)))
}

fn single_2013_both(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let both = |n: &Node| n.has_role(Role::Mailbox) && n.has_role(Role::ClientAccess);
    let servers = subject_nodes(doc, finding, |n| {
        is_2013(n) && !n.roles().is_empty() && !both(n)
    });
    let server = *servers.first()?;
    let missing: Vec<Role> = [Role::Mailbox, Role::ClientAccess]
        .into_iter()
        .filter(|r| !server.has_role(*r))
        .collect();
    let label = format!("Add {} to {}", role_names(&missing), server.name);
    edit_nodes(label, &[server], |n| {
        n.roles = Some(
            missing
                .iter()
                .fold(n.roles().to_vec(), |roles, r| with_role(&roles, *r)),
        );
    })
}

/// Adds `add` to every 2013 server that has `has` but not `add`: every such server gets
/// both roles, as Microsoft recommends, so the fix brings no R-ROLE-2013-COLOCATE.
fn add_2013_role(doc: &Document, has: Role, add: Role) -> Option<QuickFix> {
    let servers: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| is_2013(n) && n.has_role(has) && !n.has_role(add))
        .collect();
    let label = format!("Add {} to {}", add.label(), node_names(&servers));
    edit_nodes(label, &servers, |n| {
        n.roles = Some(with_role(n.roles(), add));
    })
}

/// Gives Client Access to the site's 2013 Mailbox servers that lack it.
fn site_cas(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let servers = subject_nodes(doc, finding, |n| {
        is_2013(n) && n.has_role(Role::Mailbox) && !n.has_role(Role::ClientAccess)
    });
    let site = servers.first()?.site().to_owned();
    let servers: Vec<&Node> = servers.into_iter().filter(|n| n.site() == site).collect();
    let label = format!(
        "Add Client Access to {} in site {site}",
        node_names(&servers)
    );
    edit_nodes(label, &servers, |n| {
        n.roles = Some(with_role(n.roles(), Role::ClientAccess));
    })
}

/// Installs both 2013 roles on the one-role 2013 servers.
fn colocate(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let one_role =
        |n: &Node| is_2013(n) && (n.has_role(Role::Mailbox) != n.has_role(Role::ClientAccess));
    let servers = subject_nodes(doc, finding, one_role);
    let label = format!(
        "Install both Mailbox and Client Access on {}",
        node_names(&servers)
    );
    edit_nodes(label, &servers, |n| {
        n.roles = Some(with_role(
            &with_role(n.roles(), Role::Mailbox),
            Role::ClientAccess,
        ));
    })
}

fn model_roles(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let wrong = |n: &Node| -> Vec<Role> {
        let Some(version) = n.version else {
            return Vec::new();
        };
        n.roles()
            .iter()
            .copied()
            .filter(|r| !version.allowed_roles().contains(r))
            .collect()
    };
    let servers = subject_nodes(doc, finding, |n| is_server(n) && !wrong(n).is_empty());
    let server = *servers.first()?;
    let version = server.version?;
    let removed = wrong(server);
    let mut kept: Vec<Role> = server
        .roles()
        .iter()
        .copied()
        .filter(|r| !removed.contains(r))
        .collect();
    let single = doc.nodes.iter().filter(|n| is_server(n)).count() == 1;
    // A server left with no role, or a lone 2013 server left with one of its two, would
    // trade this error for R-ROLE-NONE or R-ROLE-2013-SINGLE-BOTH.
    if kept.is_empty() || (single && version == Version::V2013) {
        kept = default_roles(version)
            .into_iter()
            .fold(kept, |roles, r| with_role(&roles, r));
    }
    let added: Vec<Role> = kept
        .iter()
        .copied()
        .filter(|r| !server.has_role(*r))
        .collect();
    let label = if added.is_empty() {
        format!("Remove {} from {}", role_names(&removed), server.name)
    } else {
        format!(
            "Replace {} with {} on {}",
            role_names(&removed),
            role_names(&added),
            server.name
        )
    };
    edit_nodes(label, &[server], |n| n.roles = Some(kept.clone()))
}

/// A 2016-or-later Mailbox server (the newest version already there, so the plan keeps
/// one version line), left of everything.
fn min_hybrid(doc: &Document) -> Option<QuickFix> {
    let mut node = new_node(doc, NodeKind::ExchangeServer, left_of_everything(doc));
    if node.version.is_some_and(|v| v <= Version::V2013) {
        // 2013 servers always satisfy the rule, so an older plan is a 2010 one; a complete
        // 2010 set (Mailbox, Client Access, Hub Transport) is what it lacks.
        node.roles = Some(default_roles(Version::V2010));
    }
    let version = node.version.map_or("", Version::key).to_owned();
    let label = format!(
        "Add an Exchange {version} server with the {} roles",
        role_names(node.roles())
    );
    let label = label.replace("the Mailbox roles", "the Mailbox role");
    fix(label, vec![Command::AddNode { node, index: None }])
}

fn zone(doc: &Document, finding: &Finding, kind: NodeKind, to: Zone) -> Option<QuickFix> {
    let nodes = subject_nodes(doc, finding, |n| n.kind == kind && n.zone() != to);
    let place = match to {
        Zone::Internal => "the internal network",
        Zone::Perimeter => "the perimeter network",
        Zone::Internet => "the Internet",
    };
    let label = format!("Move {} to {place}", node_names(&nodes));
    edit_nodes(label, &nodes, |n| n.zone = Some(to))
}

fn name_of(doc: &Document, id: &NodeId) -> String {
    doc.node(id.as_str())
        .map_or_else(|| id.to_string(), |n| n.name.clone())
}

fn connector_tls(doc: &Document, finding: &Finding, kind: LinkKind) -> Option<QuickFix> {
    let weak = |l: &Link| {
        let trusts = if kind == LinkKind::SendConnector {
            l.cloud_services_mail()
        } else {
            l.accepts_cloud_mail()
        };
        !l.require_tls()
            || matches!(l.tls_auth(), TlsAuth::EncryptionOnly | TlsAuth::None)
            || !trusts
    };
    let links = subject_links(doc, finding, |l| l.kind == kind && weak(l));
    let label = match links.as_slice() {
        [link] if kind == LinkKind::SendConnector => {
            format!(
                "Require TLS on the send connector from {}",
                name_of(doc, &link.from)
            )
        }
        [link] => format!(
            "Require TLS on the receive connector to {}",
            name_of(doc, &link.to)
        ),
        many => format!("Require TLS on {} {}s", many.len(), kind.noun().text),
    };
    let commands = links
        .iter()
        .map(|l| {
            let mut link = (*l).clone();
            link.require_tls = Some(true);
            if matches!(link.tls_auth(), TlsAuth::EncryptionOnly | TlsAuth::None) {
                link.tls_auth = Some(TlsAuth::DomainValidation);
            }
            if kind == LinkKind::SendConnector {
                link.cloud_services_mail = Some(true);
            } else {
                link.accepts_cloud_mail = Some(true);
            }
            Command::UpdateLink { link }
        })
        .collect();
    fix(label, commands)
}

/// The on-premises end of a relationship or OAuth link.
fn on_premises_end(link: &Link) -> &NodeId {
    &link.from
}

fn orgrel_both(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let links = subject_links(doc, finding, |l| {
        l.kind == LinkKind::OrganizationRelationship
            && l.enabled()
            && l.direction() != Direction::Both
    });
    // A relationship that already answers Exchange Online's requests (to on-premises, or
    // ending where EWS is published) widens without pointing EWS at a new place.
    let publishes = |l: &&&Link| {
        l.direction() == Direction::ToOnPremises
            || resolve_all(doc, on_premises_end(l))
                .is_some_and(|s| s.iter().all(|n| can_publish_ews(n)))
    };
    let link = links.iter().find(publishes).or_else(|| links.first())?;
    let mut both = (*link).clone();
    both.direction = Some(Direction::Both);
    let label = format!(
        "Make the organization relationship from {} work both ways",
        name_of(doc, &link.from)
    );
    fix(label, vec![Command::UpdateLink { link: both }])
}

fn oauth_both(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let links = subject_links(doc, finding, |l| l.kind == LinkKind::Oauth);
    let link = links
        .iter()
        .find(|l| l.enabled())
        .or_else(|| links.first())?;
    let mut both = (*link).clone();
    both.direction = Some(Direction::Both);
    if !both.enabled() {
        both.enabled = Some(true);
    }
    let label = format!(
        "Configure OAuth in both directions on {}",
        name_of(doc, &link.from)
    );
    fix(label, vec![Command::UpdateLink { link: both }])
}

fn mrs_proxy(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let links = subject_links(doc, finding, |l| l.kind == LinkKind::MigrationEndpoint);
    let mut servers: Vec<&Node> = Vec::new();
    for link in links {
        let resolved = resolve_all(doc, &link.to)?;
        // Without a server that can publish EWS, turning MRS Proxy on would not help; the
        // endpoint needs redrawing, which is the user's call.
        if resolved.is_empty() || !resolved.iter().all(|n| can_publish_ews(n)) {
            return None;
        }
        for server in resolved {
            if !server.mrs_proxy() && !servers.iter().any(|s| s.id == server.id) {
                servers.push(server);
            }
        }
    }
    servers.sort_by_key(|s| doc.nodes.iter().position(|n| n.id == s.id));
    let label = format!("Enable MRS Proxy on {}", node_names(&servers));
    edit_nodes(label, &servers, |n| n.mrs_proxy = Some(true))
}

fn exo_missing(doc: &Document) -> Option<QuickFix> {
    let node = new_node(doc, NodeKind::ExchangeOnline, right_of_everything(doc));
    fix(
        "Add Exchange Online".to_owned(),
        vec![Command::AddNode { node, index: None }],
    )
}

fn cu_current(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let nodes = subject_nodes(doc, finding, |n| {
        n.kind.has_version() && n.update() == Update::Older
    });
    let label = format!(
        "Install the latest cumulative update on {}",
        node_names(&nodes)
    );
    edit_nodes(label, &nodes, |n| {
        n.update = Some(Update::Latest);
        // A recorded build would contradict the new update level.
        n.build = None;
    })
}

/// Links a directory sync server already on the canvas to Exchange Online (one that syncs
/// nowhere yet, else the first), and adds one only when the plan has none.
fn dirsync(doc: &Document) -> Option<QuickFix> {
    let exo = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::ExchangeOnline)?;
    let syncs: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::SyncServer)
        .collect();
    let syncing = |n: &Node| {
        doc.links
            .iter()
            .any(|l| l.kind == LinkKind::DirectorySync && l.from == n.id)
    };
    if let Some(sync) = syncs.iter().find(|n| !syncing(n)).or_else(|| syncs.first()) {
        let link = Link::new(
            Namer::new(doc).link_id(),
            LinkKind::DirectorySync,
            sync.id.clone(),
            exo.id.clone(),
        );
        let label = format!("Draw directory sync from {} to {}", sync.name, exo.name);
        return fix(label, vec![Command::AddLink { link }]);
    }
    let at = exo.position.map_or_else(
        || right_of_everything(doc),
        |p| Pos {
            x: p.x - 300.0,
            y: p.y + 250.0,
        },
    );
    let sync = new_node(doc, NodeKind::SyncServer, at);
    let mut namer = Namer::new(doc);
    let link = Link::new(
        namer.link_id(),
        LinkKind::DirectorySync,
        sync.id.clone(),
        exo.id.clone(),
    );
    let label = format!("Add {} (Entra Connect) syncing to {}", sync.name, exo.name);
    fix(
        label,
        vec![
            Command::AddNode {
                node: sync,
                index: None,
            },
            Command::AddLink { link },
        ],
    )
}

/// Draws a federation trust from the newest Exchange server to the Microsoft Federation
/// Gateway, adding the gateway when the plan has none.
fn federation_trust(doc: &Document) -> Option<QuickFix> {
    // The first of the newest servers, in the order of the plan.
    let server = doc
        .nodes
        .iter()
        .filter(|n| is_server(n))
        .rev()
        .max_by_key(|n| n.version)?;
    let mut commands = Vec::new();
    let gateway = if let Some(g) = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::FederationGateway)
    {
        g.clone()
    } else {
        let g = new_node(doc, NodeKind::FederationGateway, above_exchange_online(doc));
        commands.push(Command::AddNode {
            node: g.clone(),
            index: None,
        });
        g
    };
    let mut namer = Namer::new(doc);
    let link = Link::new(
        namer.link_id(),
        LinkKind::FederationTrust,
        server.id.clone(),
        gateway.id.clone(),
    );
    commands.push(Command::AddLink { link });
    let label = format!(
        "Draw a federation trust from {} to {}",
        server.name, gateway.name
    );
    fix(label, commands)
}

fn positions(doc: &Document) -> impl Iterator<Item = Pos> + '_ {
    doc.nodes.iter().filter_map(|n| n.position)
}

fn mean_y(doc: &Document) -> f64 {
    let (sum, count) = positions(doc).fold((0.0, 0.0), |(s, c), p| (s + p.y, c + 1.0));
    if count > 0.0 { sum / count } else { 300.0 }
}

/// Where a new cloud-side node goes: right of the whole plan (cloud on the right).
fn right_of_everything(doc: &Document) -> Pos {
    let x = positions(doc)
        .map(|p| p.x)
        .reduce(f64::max)
        .map_or(700.0, |x| x + 250.0);
    Pos { x, y: mean_y(doc) }
}

/// Where a new on-premises node goes: left of the whole plan.
fn left_of_everything(doc: &Document) -> Pos {
    let x = positions(doc)
        .map(|p| p.x)
        .reduce(f64::min)
        .map_or(100.0, |x| x - 250.0);
    Pos { x, y: mean_y(doc) }
}

fn above_exchange_online(doc: &Document) -> Pos {
    doc.nodes
        .iter()
        .find(|n| n.kind == NodeKind::ExchangeOnline)
        .and_then(|n| n.position)
        .map_or_else(
            || right_of_everything(doc),
            |p| Pos {
                x: p.x,
                y: p.y - 250.0,
            },
        )
}

/// rules.md's `can_publish_ews`.
fn can_publish_ews(n: &Node) -> bool {
    let Some(version) = n.version else {
        return false;
    };
    is_server(n)
        && if version.is_2016_plus() {
            n.has_role(Role::Mailbox)
        } else {
            n.has_role(Role::ClientAccess)
        }
}

/// rules.md's `resolve(n)`: the servers a node stands for, following `routes_to` from load
/// balancers and gateways and `agent_registration` from Hybrid Agents; loops are cut.
/// `None` when the id does not exist.
fn resolve_all<'d>(doc: &'d Document, id: &NodeId) -> Option<Vec<&'d Node>> {
    doc.node(id.as_str())?;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack = vec![id.as_str()];
    let mut servers = Vec::new();
    while let Some(at) = stack.pop() {
        if !seen.insert(at) {
            continue;
        }
        let Some(node) = doc.node(at) else { continue };
        if node.kind.is_server() {
            servers.push(node);
            continue;
        }
        let Some(follow) = node.kind.forwards_over() else {
            continue;
        };
        for link in doc
            .links
            .iter()
            .filter(|l| l.kind == follow && l.from.as_str() == at)
        {
            let drawn_right = doc
                .node(link.to.as_str())
                .is_some_and(|to| link.kind.allows(node.kind, to.kind));
            if drawn_right {
                stack.push(link.to.as_str());
            }
        }
    }
    Some(servers)
}
