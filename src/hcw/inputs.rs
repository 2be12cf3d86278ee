//! The wizard's inputs: the facts of the plan the objects are built from, and the pages of
//! the wizard with the answers a consultant would give (`docs/hcw-preview.md`,
//! "Plan → HCW inputs").

use super::lines::ph;
use crate::model::{
    Cloud, Document, Feature, LinkId, LinkKind, Mode, Node, NodeId, NodeKind, Topology, Version,
    host_of_url,
};
use crate::rules::Endpoints;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The receive connector the wizard configures on a receiving server: the existing
/// "Default Frontend <SERVER>" (there is no "Inbound from Office 365" receive connector
/// on-premises), or "Default <SERVER>" on an Exchange 2010 Hub Transport server.
#[must_use]
pub fn receive_connector_name(server: &str, version: Option<Version>) -> String {
    if version == Some(Version::V2010) {
        format!("{server}\\Default {server}")
    } else {
        format!("{server}\\Default Frontend {server}")
    }
}

/// One page of the wizard with the plan's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// The page's title in the wizard.
    pub title: &'static str,
    /// The answers on it.
    pub answers: Vec<Answer>,
}

/// One answer on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The question or field.
    pub field: &'static str,
    /// The plan's answer.
    pub value: String,
    /// A note: where the answer comes from, or a [COMMUNITY]/[INFERENCE] label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn answer(field: &'static str, value: impl Into<String>) -> Answer {
    Answer {
        field,
        value: value.into(),
        note: None,
    }
}

fn noted(field: &'static str, value: impl Into<String>, note: &str) -> Answer {
    Answer {
        field,
        value: value.into(),
        note: Some(note.to_owned()),
    }
}

/// The features in the wizard's names, in the order Microsoft's own output lists them.
const FEATURE_NAMES: [(Feature, &str); 9] = [
    (Feature::FreeBusy, "FreeBusy"),
    (Feature::MoveMailbox, "MoveMailbox"),
    (Feature::MailTips, "MailTips"),
    (Feature::MessageTracking, "MessageTracking"),
    (Feature::OwaRedirection, "OWARedirection"),
    (Feature::OnlineArchive, "OnlineArchive"),
    (Feature::SecureMail, "SecureMail"),
    (Feature::CentralizedTransport, "Centralized"),
    (Feature::Photos, "Photos"),
];

/// A server as the preview names it, with where it comes from.
#[derive(Debug, Clone)]
pub(super) struct Server {
    pub name: String,
    pub id: NodeId,
    pub version: Option<Version>,
}

/// Everything the objects are built from, read from the plan once.
pub(super) struct Facts<'a> {
    pub doc: &'a Document,
    pub mode: Mode,
    pub topology: Topology,
    pub cloud: Cloud,
    /// The Exchange Online node.
    pub online: Option<&'a Node>,
    pub coex: String,
    pub initial: String,
    pub domains: Vec<String>,
    pub primary: String,
    pub features: Vec<&'static str>,
    pub send: Vec<Server>,
    pub recv: Vec<Server>,
    pub edge: Vec<Server>,
    pub mrs: Vec<Server>,
    pub smart_host: String,
    pub smart_host_note: &'static str,
    pub tls_name: String,
    pub cert_domain: String,
    pub cert_subject: Option<String>,
    pub ews_host: String,
    pub owa_cloud: Option<String>,
    pub owa_on_prem: Option<String>,
    pub has_2010: bool,
    pub highest: Option<Version>,
    pub agents: Vec<&'a Node>,
    pub dedicated_app: Option<bool>,
}

impl<'a> Facts<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let ends = crate::rules::endpoints(doc);
        let hybrid = &doc.hybrid;
        let online = doc
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::ExchangeOnline);
        let tenant = online.and_then(Node::tenant_name).map(str::trim);
        let tenant_text = tenant.map_or_else(|| ph("Tenant"), str::to_owned);
        let server = |&i: &usize| {
            let n = &doc.nodes[i];
            Server {
                name: n.name.clone(),
                id: n.id.clone(),
                version: n.version,
            }
        };
        let is_edge = |i: &&usize| doc.nodes[**i].kind == NodeKind::EdgeTransport;
        let mut edge: Vec<Server> = Vec::new();
        for i in ends.send.iter().chain(&ends.recv).filter(is_edge) {
            if !edge.iter().any(|s| s.id == doc.nodes[*i].id) {
                edge.push(server(i));
            }
        }
        let send: Vec<Server> = ends
            .send
            .iter()
            .filter(|i| !is_edge(i))
            .map(server)
            .collect();
        let recv: Vec<Server> = ends
            .recv
            .iter()
            .filter(|i| !is_edge(i))
            .map(server)
            .collect();
        let mrs: Vec<Server> = ends.migration.iter().map(server).collect();

        // Node lookups by id, once: a large plan has a thousand links to resolve.
        let index: HashMap<&str, &Node> = doc.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let (smart_host, smart_host_note) = smart_host(doc, &index);
        let (tls_name, cert_domain, cert_subject) = certificate(doc, &ends);
        let ews_host = ews_host(doc, &ends, &index);
        let orgrels = live_links(doc, LinkKind::OrganizationRelationship);
        let owa_cloud = orgrels.iter().find_map(|l| l.owa_url.clone());
        let owa_on_prem = orgrels
            .iter()
            .find_map(|l| l.on_premises_owa_url().map(str::to_owned));

        let domains: Vec<String> = hybrid
            .domains
            .iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect();
        let primary = domains.first().cloned().unwrap_or_else(|| ph("Tenant"));
        Facts {
            doc,
            mode: hybrid.mode,
            topology: hybrid.topology,
            cloud: online.map(Node::cloud).unwrap_or_default(),
            online,
            coex: format!("{tenant_text}.mail.onmicrosoft.com"),
            initial: format!("{tenant_text}.onmicrosoft.com"),
            domains,
            primary,
            features: FEATURE_NAMES
                .iter()
                .filter(|(f, _)| hybrid.wants(*f))
                .map(|&(_, n)| n)
                .collect(),
            send,
            recv,
            edge,
            mrs,
            smart_host,
            smart_host_note,
            tls_name,
            cert_domain,
            cert_subject,
            ews_host,
            owa_cloud,
            owa_on_prem,
            has_2010: ends.has_2010,
            highest: ends.highest,
            agents: doc
                .nodes
                .iter()
                .filter(|n| n.kind == NodeKind::HybridAgent)
                .collect(),
            dedicated_app: online.and_then(|n| n.dedicated_hybrid_app),
        }
    }

    pub fn full(&self) -> bool {
        self.mode == Mode::Full
    }

    pub fn modern(&self) -> bool {
        self.topology == Topology::Modern
    }

    pub fn wants(&self, f: Feature) -> bool {
        self.doc.hybrid.wants(f)
    }

    /// The Exchange Online node's id, for the steps that come from it.
    pub fn online_ids(&self) -> Vec<NodeId> {
        self.online.map(|n| n.id.clone()).into_iter().collect()
    }

    /// The enabled links of this kind.
    pub fn links(&self, kind: LinkKind) -> Vec<LinkId> {
        live_links(self.doc, kind)
            .iter()
            .map(|l| l.id.clone())
            .collect()
    }

    /// The ends of the enabled links of this kind.
    pub fn link_ends(&self, kind: LinkKind) -> Vec<NodeId> {
        // A set for the check: a plan with a thousand servers has as many ends.
        let mut seen: HashSet<&NodeId> = HashSet::new();
        let mut out: Vec<NodeId> = Vec::new();
        for l in live_links(self.doc, kind) {
            for id in [&l.from, &l.to] {
                if seen.insert(id) {
                    out.push(id.clone());
                }
            }
        }
        out
    }
}

/// The wizard's Organization FQDN: the receive connector's smart host, else the first public
/// name of its end, else a placeholder; with a note on where it comes from.
fn smart_host(doc: &Document, index: &HashMap<&str, &Node>) -> (String, &'static str) {
    let receive_links = live_links(doc, LinkKind::ReceiveConnector);
    receive_links
        .iter()
        .find_map(|l| l.smart_host().map(|h| (h.trim().to_owned(), "")))
        .or_else(|| {
            receive_links.iter().find_map(|l| {
                index
                    .get(l.to.as_str())
                    .and_then(|n| n.public_names().first())
                    .map(|h| {
                        (
                            h.trim().to_owned(),
                            "[INFERENCE] the first public name of the receive connector's end",
                        )
                    })
            })
        })
        .unwrap_or_else(|| (ph("OrgFqdn"), "not in the plan: a placeholder"))
}

/// The transport certificate of the sending servers (all equal by R-CERT-CONSISTENT), else
/// of the receiving or Edge servers: its `<I>issuer<S>subject` name, its domain and subject.
fn certificate(doc: &Document, ends: &Endpoints) -> (String, String, Option<String>) {
    let cert = ends
        .send
        .iter()
        .chain(&ends.recv)
        .find_map(|&i| doc.nodes[i].certificate.as_ref());
    match cert {
        Some(c) => {
            let subject = c.subject.trim();
            let bare = subject.strip_prefix("*.").unwrap_or(subject);
            (
                format!("<I>{}<S>CN={subject}", c.issuer().trim()),
                bare.to_owned(),
                Some(subject.to_owned()),
            )
        }
        None => (ph("TlsCertificateName"), ph("OrgFqdn"), None),
    }
}

/// The EWS host of the server the migration endpoint resolves to, else the endpoint's
/// public name, else a placeholder.
fn ews_host(doc: &Document, ends: &Endpoints, index: &HashMap<&str, &Node>) -> String {
    ends.migration
        .iter()
        .find_map(|&i| doc.nodes[i].ews_external_url().and_then(host_of_url))
        .or_else(|| {
            live_links(doc, LinkKind::MigrationEndpoint)
                .iter()
                .find_map(|l| index.get(l.to.as_str())?.public_names().first().cloned())
        })
        .unwrap_or_else(|| ph("EwsHost"))
}

fn live_links(doc: &Document, kind: LinkKind) -> Vec<&crate::model::Link> {
    doc.links
        .iter()
        .filter(|l| l.kind == kind && l.enabled())
        .collect()
}

fn names(servers: &[Server]) -> String {
    if servers.is_empty() {
        "none".to_owned()
    } else {
        servers
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The wizard's pages with the plan's answers.
pub(super) fn pages(f: &Facts) -> Vec<Page> {
    let mut pages = vec![Page {
        title: "On-premises Exchange Server Organization",
        answers: vec![
            answer(
                "Detected server version",
                f.highest
                    .map_or_else(|| "none".to_owned(), |v| v.to_string()),
            ),
            answer(
                "Office 365 instance",
                match f.cloud {
                    Cloud::Worldwide => "Office 365 Worldwide",
                    Cloud::GccHigh => "Office 365 US Government GCC High",
                    Cloud::Dod => "Office 365 US Government DoD",
                    Cloud::China => "Office 365 operated by 21Vianet",
                },
            ),
        ],
    }];
    pages.push(Page {
        title: "Hybrid Features",
        answers: vec![
            answer(
                "Configuration",
                match f.mode {
                    Mode::Full => "Full Hybrid Configuration",
                    Mode::Minimal => "Minimal Hybrid Configuration",
                    Mode::Draft => "not chosen (the plan is a draft)",
                },
            ),
            noted(
                "Organization Configuration Transfer",
                "not selected",
                "H18; the plan has no field for it",
            ),
        ],
    });
    pages.push(Page {
        title: "Hybrid Domains",
        answers: vec![
            answer(
                "Domains",
                if f.domains.is_empty() {
                    "none".to_owned()
                } else {
                    f.domains.join(", ")
                },
            ),
            noted(
                "Autodiscover domain",
                "none flagged",
                "the wizard's AutoDiscover flag is left False",
            ),
        ],
    });
    if f.full() && f.has_2010 {
        pages.push(Page {
            title: "Federation Trust and Domain Ownership",
            answers: vec![
                answer("Federation trust", "Enable"),
                answer(
                    "Domain ownership",
                    "a TXT proof record per hybrid domain (Get-FederatedDomainProof)",
                ),
            ],
        });
    }
    pages.push(topology_page(f));
    if f.full() && f.wants(Feature::SecureMail) {
        pages.push(transport_page(f));
    }
    pages.push(Page {
        title: "Features",
        answers: vec![noted(
            "Enabled",
            if f.features.is_empty() {
                "none".to_owned()
            } else {
                f.features.join(", ")
            },
            "HybridConfiguration -Features",
        )],
    });
    pages
}

/// The topology page: classic, or modern with the agents drawn.
fn topology_page(f: &Facts) -> Page {
    Page {
        title: "Hybrid Topology",
        answers: vec![answer(
            "Topology",
            if f.modern() {
                format!(
                    "Exchange Modern Hybrid (Hybrid Agent on {})",
                    if f.agents.is_empty() {
                        "no agent drawn".to_owned()
                    } else {
                        f.agents
                            .iter()
                            .map(|a| a.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                )
            } else {
                "Exchange Classic Hybrid".to_owned()
            },
        )],
    }
}

/// The mail transport page of a full hybrid with secure mail.
fn transport_page(f: &Facts) -> Page {
    {
        let edge = !f.edge.is_empty();
        let mut answers = vec![answer(
            "Transport",
            if edge {
                "Configure my Edge Transport servers for secure mail transport"
            } else {
                "Configure my Client Access and Mailbox servers for secure mail transport"
            },
        )];
        if edge {
            answers.push(answer("Edge Transport servers", names(&f.edge)));
        } else {
            answers.push(answer("Receiving servers", names(&f.recv)));
            answers.push(answer("Sending servers", names(&f.send)));
        }
        answers.push(answer(
            "Transport certificate",
            f.cert_subject
                .clone()
                .unwrap_or_else(|| "not in the plan".to_owned()),
        ));
        answers.push(Answer {
            field: "Organization FQDN",
            value: f.smart_host.clone(),
            note: (!f.smart_host_note.is_empty()).then(|| f.smart_host_note.to_owned()),
        });
        Page {
            title: "Hybrid Configuration (mail transport)",
            answers,
        }
    }
}
