//! What the plan publishes to the Internet (format 1.1), indexed once per validation: which
//! nodes carry which public DNS names (`pub(h)`), the hybrid domains and their Autodiscover
//! names (`AD`), and the terms of `rules-v2` built on them (`serves(h)`, `ews_front`).
//!
//! Names are compared without regard to letter case, surrounding white space or a final
//! dot; the index keys are names in that normal form.

use super::context::Context;
use crate::model::{Document, LinkKind, NodeKind, host_of_url};
use std::collections::{BTreeMap, HashMap};

/// The public names of the plan and its hybrid domains.
pub(crate) struct Published {
    /// Normal name to the nodes that publish it, in index order.
    by_name: HashMap<String, Vec<usize>>,
    /// Every node with at least one public name, in index order.
    publishers: Vec<usize>,
    /// `hybrid.domains` in normal form, blanks left out, each once, in plan order.
    pub domains: Vec<String>,
}

/// A DNS name in the form the index uses: trimmed, lower-case, without a final dot.
pub(crate) fn normal(name: &str) -> String {
    let name = name.trim();
    name.strip_suffix('.').unwrap_or(name).to_lowercase()
}

/// Whether public names on a node of this kind mean anything (format.md).
fn carries_public_names(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::ExchangeServer
            | NodeKind::EdgeTransport
            | NodeKind::LoadBalancer
            | NodeKind::SmtpGateway
    )
}

impl Published {
    /// Index the document's public names and hybrid domains: linear in their number.
    pub fn new(doc: &Document) -> Self {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut publishers = Vec::new();
        for (i, node) in doc.nodes.iter().enumerate() {
            if !carries_public_names(node.kind) {
                continue;
            }
            let mut any = false;
            for name in node.public_names() {
                let key = normal(name);
                if key.is_empty() {
                    continue;
                }
                any = true;
                let nodes = by_name.entry(key).or_default();
                // A node naming one host twice is listed once.
                if nodes.last() != Some(&i) {
                    nodes.push(i);
                }
            }
            if any {
                publishers.push(i);
            }
        }
        let mut domains: Vec<String> = Vec::new();
        for d in &doc.hybrid.domains {
            let d = normal(d);
            if !d.is_empty() && !domains.contains(&d) {
                domains.push(d);
            }
        }
        Self {
            by_name,
            publishers,
            domains,
        }
    }

    /// "Namespaces modeled" (`NS`): some node has a public name.
    pub fn modeled(&self) -> bool {
        !self.publishers.is_empty()
    }

    /// The nodes with public names, in index order.
    pub fn publishers(&self) -> impl Iterator<Item = usize> + '_ {
        self.publishers.iter().copied()
    }

    /// `pub(h)`: the nodes whose public names contain `host` (given in normal form).
    pub fn nodes_of(&self, host: &str) -> &[usize] {
        self.by_name.get(host).map_or(&[], Vec::as_slice)
    }

    /// `AD`: `autodiscover.<d>` for each hybrid domain, with the domain, in plan order.
    pub fn autodiscover(&self) -> impl Iterator<Item = (&str, String)> + '_ {
        self.domains
            .iter()
            .map(|d| (d.as_str(), format!("autodiscover.{d}")))
    }
}

impl Context<'_> {
    /// `serves(h)`: the servers that some node of `pub(h)` resolves to, sorted, each once.
    pub fn serves(&self, host: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .published
            .nodes_of(host)
            .iter()
            .flat_map(|&n| self.resolve(n).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `ews_front`, with the links that make each node part of it: the on-premises ends of
    /// enabled organization relationships toward on-premises and of enabled OAuth links,
    /// and the ends of migration endpoints that are not a Hybrid Agent.
    pub fn ews_front(&self) -> BTreeMap<usize, Vec<usize>> {
        let mut front: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let relationships = self
            .live(LinkKind::OrganizationRelationship)
            .iter()
            .filter(|&&li| self.reaches_on_premises(li));
        for &li in relationships.chain(self.live(LinkKind::Oauth)) {
            front.entry(self.from(li)).or_default().push(li);
        }
        for &li in self.live(LinkKind::MigrationEndpoint) {
            let to = self.to(li);
            if self.node(to).kind != NodeKind::HybridAgent {
                front.entry(to).or_default().push(li);
            }
        }
        front
    }

    /// The nodes of `pub(h)` for some `h ∈ AD`, in index order, each once.
    pub fn autodiscover_publishers(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .published
            .autodiscover()
            .flat_map(|(_, host)| self.published.nodes_of(&host).to_vec())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `host(u)` in normal form, `None` when the URL has no host.
pub(crate) fn url_host(url: &str) -> Option<String> {
    // `host_of_url` already trims and lower-cases.
    host_of_url(url)
}

/// `host(u)` for many servers, most of which share one URL: the host of the last URL read
/// is kept, so a run of equal URLs is parsed once.
#[derive(Default)]
pub(crate) struct HostMemo {
    last: Option<(String, Option<String>)>,
}

impl HostMemo {
    /// The host of `url` in normal form, `None` when it has none.
    pub fn host(&mut self, url: &str) -> Option<&str> {
        if self.last.as_ref().is_none_or(|(seen, _)| seen != url) {
            self.last = Some((url.to_owned(), url_host(url)));
        }
        self.last.as_ref().and_then(|(_, host)| host.as_deref())
    }
}
