//! Quick fixes for the rules of version 2 (`rules-v2`), where one edit removes the finding
//! without a choice to make: certificate services and names, forwarded ports,
//! pre-authentication, accepted and tenant domains, and the dedicated hybrid app.

use super::{Command, QuickFix, edit_nodes, fix, node_names, subject_nodes};
use crate::model::{CertService, Document, Node, NodeKind, same_name};
use crate::rules::Finding;
use crate::rules::certificates::{missing_names, missing_services};

/// What each subject server of a certificate finding lacks, from `needs` (computed from the
/// whole document, so the fix never trusts the finding alone).
fn lacking<'d, T: Clone>(
    doc: &'d Document,
    finding: &Finding,
    needs: Vec<(usize, Vec<T>)>,
) -> Vec<(&'d Node, Vec<T>)> {
    let named: Vec<(&Node, Vec<T>)> = needs
        .iter()
        .filter(|(i, _)| finding.nodes.contains(&doc.nodes[*i].id))
        .map(|(i, missing)| (&doc.nodes[*i], missing.clone()))
        .collect();
    if named.is_empty() {
        needs
            .into_iter()
            .map(|(i, missing)| (&doc.nodes[i], missing))
            .collect()
    } else {
        named
    }
}

/// "the certificate of EX-01" or "the certificates of EX-01 and EX-02".
fn certificates_of(nodes: &[&Node]) -> String {
    if nodes.len() == 1 {
        format!("the certificate of {}", node_names(nodes))
    } else {
        format!("the certificates of {}", node_names(nodes))
    }
}

fn and_join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// R-CERT-SERVICES: assigns the missing services (IIS, SMTP) to each subject's certificate.
pub(super) fn cert_services(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let servers = lacking(doc, finding, missing_services(doc));
    let (_, first) = servers.first()?;
    let labels: Vec<&str> = first.iter().map(|s| s.label()).collect();
    let nodes: Vec<&Node> = servers.iter().map(|(n, _)| *n).collect();
    let label = format!(
        "Enable {} for {}",
        certificates_of(&nodes),
        and_join(&labels)
    );
    let commands = servers
        .iter()
        .filter_map(|(node, missing)| {
            let mut node = (*node).clone();
            let cert = node.certificate.as_mut()?;
            let mut services: Vec<CertService> = cert.services().to_vec();
            for s in missing {
                if !services.contains(s) {
                    services.push(*s);
                }
            }
            cert.services = Some(services);
            Some(Command::UpdateNode { node })
        })
        .collect();
    fix(label, commands)
}

/// R-CERT-NAMES: adds the names each subject's certificate lacks to its names (SANs).
pub(super) fn cert_names(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let servers = lacking(doc, finding, missing_names(doc));
    let (_, first) = servers.first()?;
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let nodes: Vec<&Node> = servers.iter().map(|(n, _)| *n).collect();
    let label = format!("Add {} to {}", and_join(&first), certificates_of(&nodes));
    let commands = servers
        .iter()
        .filter_map(|(node, missing)| {
            let mut node = (*node).clone();
            let cert = node.certificate.as_mut()?;
            let mut names = cert.names().to_vec();
            for name in missing {
                if !names.iter().any(|n| same_name(n, name)) {
                    names.push(name.clone());
                }
            }
            cert.names = Some(names);
            Some(Command::UpdateNode { node })
        })
        .collect();
    fix(label, commands)
}

/// R-NET-SMTP-25 and R-NET-HTTPS-443: forwards the port to each subject that models its
/// inbound ports and lacks it.
pub(super) fn forward_port(doc: &Document, finding: &Finding, port: u16) -> Option<QuickFix> {
    let nodes = subject_nodes(doc, finding, |n| n.blocks_port(port));
    let label = format!("Forward TCP {port} to {}", node_names(&nodes));
    edit_nodes(label, &nodes, |n| {
        let mut ports = n.inbound_ports().map(<[u16]>::to_vec).unwrap_or_default();
        ports.push(port);
        ports.sort_unstable();
        n.inbound_ports = Some(ports);
    })
}

/// R-NET-PREAUTH: turns pre-authentication off on the subject load balancers.
pub(super) fn preauth_off(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let nodes = subject_nodes(doc, finding, |n| {
        n.kind == NodeKind::LoadBalancer && n.preauth()
    });
    let label = format!("Turn pre-authentication off on {}", node_names(&nodes));
    edit_nodes(label, &nodes, |n| n.preauth = Some(false))
}

/// R-DOM-ACCEPTED: adds the missing hybrid domains to the on-premises accepted domains (when
/// modeled) and to the verified domains of the subject Exchange Online nodes (when modeled),
/// spelled as in `hybrid.domains`.
pub(super) fn accepted_domains(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let hybrid_domains: Vec<&str> = {
        let mut out: Vec<&str> = Vec::new();
        for d in doc.hybrid.domains.iter().map(|d| d.trim()) {
            if !d.is_empty() && !out.iter().any(|o| same_name(o, d)) {
                out.push(d);
            }
        }
        out
    };
    let mut commands = Vec::new();
    let mut parts = Vec::new();
    let mut added: Vec<&str> = Vec::new();
    let not_accepted: Vec<&str> = hybrid_domains
        .iter()
        .copied()
        .filter(|d| doc.hybrid.accepted_domains_lack(d))
        .collect();
    if !not_accepted.is_empty() {
        let mut hybrid = doc.hybrid.clone();
        let list = hybrid.accepted_domains.get_or_insert_with(Vec::new);
        list.extend(not_accepted.iter().map(|d| (*d).to_owned()));
        commands.push(Command::SetHybrid(hybrid));
        parts.push("the accepted domains".to_owned());
        added.extend(&not_accepted);
    }
    let tenants = subject_nodes(doc, finding, |n| {
        n.kind == NodeKind::ExchangeOnline
            && hybrid_domains
                .iter()
                .any(|d| n.tenant_has_domain(d) == Some(false))
    });
    for tenant in tenants {
        let missing: Vec<&str> = hybrid_domains
            .iter()
            .copied()
            .filter(|d| tenant.tenant_has_domain(d) == Some(false))
            .collect();
        let mut node = tenant.clone();
        node.domains
            .get_or_insert_with(Vec::new)
            .extend(missing.iter().map(|d| (*d).to_owned()));
        commands.push(Command::UpdateNode { node });
        parts.push(format!("the domains of {}", tenant.name));
        for d in missing {
            if !added.iter().any(|a| same_name(a, d)) {
                added.push(d);
            }
        }
    }
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let label = format!("Add {} to {}", and_join(&added), and_join(&parts));
    fix(label, commands)
}

/// R-APP-DEDICATED: states the dedicated hybrid app as enabled on the subject Exchange
/// Online nodes.
pub(super) fn dedicated_app(doc: &Document, finding: &Finding) -> Option<QuickFix> {
    let nodes = subject_nodes(doc, finding, |n| {
        n.kind == NodeKind::ExchangeOnline && n.dedicated_hybrid_app != Some(true)
    });
    let label = format!(
        "Use the dedicated Exchange hybrid app for {}",
        node_names(&nodes)
    );
    edit_nodes(label, &nodes, |n| n.dedicated_hybrid_app = Some(true))
}
