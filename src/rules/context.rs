//! Everything the rules share, computed once per validation.
//!
//! Nodes and links are referred to by their index in the document. Building the context is
//! linear in nodes and links, plus one walk per routing node (load balancer, SMTP gateway,
//! Hybrid Agent) that a rule asks to resolve: each walk is iterative, follows no node twice
//! (loops are cut, diamonds are not walked twice), stops at ends resolved before, and
//! costs what it reaches. The public names of format 1.1 are indexed once
//! ([`Published`]), and the routing nodes that publish a name are resolved like the ends
//! of links.

use super::published::Published;
use crate::model::{
    Date, Direction, Document, Feature, Link, LinkKind, Mode, Node, NodeKind, Role, Topology,
    Traffic, Version,
};
use std::collections::HashMap;

/// Marks a node whose resolved set has not been computed (or that is not a routing node).
const NONE: u32 = u32::MAX;
/// The shared empty set in [`Context::sets`].
const EMPTY: u32 = 0;

/// The facts the rules of `docs/rules.md` are written in ("Terms").
pub(crate) struct Context<'a> {
    /// The document being validated.
    pub doc: &'a Document,
    /// Node id to index; the first node wins if an id repeats (the loader refuses that).
    index: HashMap<&'a str, usize>,
    /// The indices of both ends, for each link that passes R-MODEL-LINK-ENDS.
    ends: Vec<Option<(usize, usize)>>,
    /// Links that fail R-MODEL-LINK-ENDS, in document order.
    pub bad_links: Vec<usize>,
    /// Per link kind: the links with good ends, enabled or not, in document order.
    drawn: [Vec<usize>; LinkKind::ALL.len()],
    /// Per link kind: the links with good ends that are enabled (a disabled link counts as absent).
    live: [Vec<usize>; LinkKind::ALL.len()],
    /// `S`: the on-premises Exchange servers (not Edge), in document order.
    pub servers: Vec<usize>,
    /// `E`: the Edge Transport servers.
    pub edges: Vec<usize>,
    /// `X`: the Exchange Online organizations.
    pub online: Vec<usize>,
    /// The Hybrid Agents.
    pub agents: Vec<usize>,
    /// `identity[i] == i`, so that a server's own resolved set `{i}` can be lent as a slice.
    identity: Vec<usize>,
    /// The distinct resolved sets; set 0 is empty.
    sets: Vec<Vec<usize>>,
    /// Per node: its resolved server set in `sets` ([`NONE`] unless a resolved query end).
    server_set: Vec<u32>,
    /// Per node: the inspecting SMTP gateways passed while resolving it, in `sets`.
    gateway_set: Vec<u32>,
    /// Per node: the pre-authenticating load balancers passed while resolving it (itself
    /// included), in `sets`.
    preauth_set: Vec<u32>,
    /// `S_send`, sorted by index.
    pub s_send: Vec<usize>,
    /// `S_recv`, sorted by index.
    pub s_recv: Vec<usize>,
    /// `S_ews`, sorted by index.
    pub s_ews: Vec<usize>,
    /// `HV`: the highest version among the endpoints, or in `S` when there are none.
    pub hv: Option<Version>,
    /// "OAuth configured": the enabled `oauth` links together cover both directions.
    pub oauth_configured: bool,
    /// `evaluation_date`: the day the time-dependent rules judge the plan on.
    pub as_of: Date,
    /// The public names of format 1.1 and the hybrid domains, indexed once.
    pub published: Published,
}

impl<'a> Context<'a> {
    /// Compute every shared fact of `doc`, judging dates as of `as_of`.
    pub fn new(doc: &'a Document, as_of: Date) -> Self {
        let n = doc.nodes.len();
        let mut index = HashMap::with_capacity(n);
        let (mut servers, mut edges, mut online, mut agents) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, node) in doc.nodes.iter().enumerate() {
            index.entry(node.id.as_str()).or_insert(i);
            match node.kind {
                NodeKind::ExchangeServer => servers.push(i),
                NodeKind::EdgeTransport => edges.push(i),
                NodeKind::ExchangeOnline => online.push(i),
                NodeKind::HybridAgent => agents.push(i),
                NodeKind::FederationGateway
                | NodeKind::SyncServer
                | NodeKind::LoadBalancer
                | NodeKind::SmtpGateway
                | NodeKind::Note => {}
            }
        }

        let mut ends = Vec::with_capacity(doc.links.len());
        let mut bad_links = Vec::new();
        let mut drawn: [Vec<usize>; LinkKind::ALL.len()] = Default::default();
        let mut live: [Vec<usize>; LinkKind::ALL.len()] = Default::default();
        for (li, link) in doc.links.iter().enumerate() {
            let from = index.get(link.from.as_str()).copied();
            let to = index.get(link.to.as_str()).copied();
            let good = match (from, to) {
                (Some(f), Some(t)) if link.kind.allows(doc.nodes[f].kind, doc.nodes[t].kind) => {
                    Some((f, t))
                }
                _ => None,
            };
            ends.push(good);
            if good.is_none() {
                bad_links.push(li);
                continue;
            }
            drawn[kind_slot(link.kind)].push(li);
            if is_live(link) {
                live[kind_slot(link.kind)].push(li);
            }
        }

        let mut cx = Self {
            doc,
            index,
            ends,
            bad_links,
            drawn,
            live,
            servers,
            edges,
            online,
            agents,
            identity: (0..n).collect(),
            sets: vec![Vec::new()],
            server_set: vec![NONE; n],
            gateway_set: vec![NONE; n],
            preauth_set: vec![NONE; n],
            s_send: Vec::new(),
            s_recv: Vec::new(),
            s_ews: Vec::new(),
            hv: None,
            oauth_configured: false,
            as_of,
            published: Published::new(doc),
        };
        cx.resolve_routing();
        cx.compute_endpoints();
        cx
    }

    /// The node at index `i`.
    pub fn node(&self, i: usize) -> &'a Node {
        &self.doc.nodes[i]
    }

    /// The link at index `li`.
    pub fn link(&self, li: usize) -> &'a Link {
        &self.doc.links[li]
    }

    /// The node index of a link's `from` end (links that pass R-MODEL-LINK-ENDS only).
    pub fn from(&self, li: usize) -> usize {
        self.ends[li].map_or(usize::MAX, |(f, _)| f)
    }

    /// The node index of a link's `to` end (links that pass R-MODEL-LINK-ENDS only).
    pub fn to(&self, li: usize) -> usize {
        self.ends[li].map_or(usize::MAX, |(_, t)| t)
    }

    /// The name of node `i` for messages (its id when the name is blank).
    pub fn name(&self, i: usize) -> String {
        let node = self.node(i);
        if node.name.trim().is_empty() {
            node.id.to_string()
        } else {
            node.name.clone()
        }
    }

    /// A link for messages: its label in quotes, or its kind and the names of its ends.
    pub fn link_name(&self, li: usize) -> String {
        let link = self.link(li);
        if let Some(label) = link.label.as_deref().filter(|l| !l.trim().is_empty()) {
            return format!("'{label}'");
        }
        let end = |id: &str| {
            self.index_of(id)
                .map_or_else(|| format!("missing node '{id}'"), |i| self.name(i))
        };
        format!(
            "the {} from {} to {}",
            link.kind.noun().text,
            end(link.from.as_str()),
            end(link.to.as_str())
        )
    }

    /// The index of the node with this id, if any.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The links of this kind whose ends are right, enabled or not.
    pub fn drawn(&self, kind: LinkKind) -> &[usize] {
        &self.drawn[kind_slot(kind)]
    }

    /// The links of this kind whose ends are right and that are enabled.
    pub fn live(&self, kind: LinkKind) -> &[usize] {
        &self.live[kind_slot(kind)]
    }

    /// `resolve(i)`: the servers (`S` or `E`) that traffic reaching node `i` ends at, sorted.
    /// Routing nodes are resolved when they are the end of a receive connector, an
    /// organization relationship, an OAuth link or a migration endpoint, when they have
    /// public names, or when they are load balancers that offload TLS; the rules ask about
    /// no others.
    pub fn resolve(&self, i: usize) -> &[usize] {
        debug_assert!(
            !is_routing(self.node(i)) || self.server_set[i] != NONE,
            "resolve asked about a routing node that is no query end"
        );
        if self.node(i).kind.is_server() {
            return std::slice::from_ref(&self.identity[i]);
        }
        match self.server_set[i] {
            NONE => &[],
            s => &self.sets[s as usize],
        }
    }

    /// The SMTP gateways that inspect SMTP and are passed while resolving node `i` (a
    /// query end, as for [`Context::resolve`]), in index order.
    pub fn inspecting_gateways(&self, i: usize) -> &[usize] {
        match self.gateway_set[i] {
            NONE => &[],
            s => &self.sets[s as usize],
        }
    }

    /// The load balancers with `preauth` on that are passed while resolving node `i` (a
    /// query end, as for [`Context::resolve`]; `i` itself included), in index order.
    pub fn preauth_balancers(&self, i: usize) -> &[usize] {
        match self.preauth_set[i] {
            NONE => &[],
            s => &self.sets[s as usize],
        }
    }

    /// The plan's mode.
    pub fn mode(&self) -> Mode {
        self.doc.hybrid.mode
    }

    /// The plan's topology.
    pub fn topology(&self) -> Topology {
        self.doc.hybrid.topology
    }

    /// Whether the plan wants this feature.
    pub fn wants(&self, feature: Feature) -> bool {
        self.doc.hybrid.wants(feature)
    }

    /// `v(i)` for a server or Edge server; `None` for other kinds or a missing version.
    pub fn version(&self, i: usize) -> Option<Version> {
        let node = self.node(i);
        if node.kind.has_version() {
            node.version
        } else {
            None
        }
    }

    /// Whether node `i` is in `S` and has this role.
    pub fn has_role(&self, i: usize, role: Role) -> bool {
        let node = self.node(i);
        node.kind == NodeKind::ExchangeServer && node.has_role(role)
    }

    /// Whether node `i` is in `S`, is 2016 or later, and has Mailbox.
    pub fn is_modern_mailbox(&self, i: usize) -> bool {
        self.version(i).is_some_and(Version::is_2016_plus) && self.has_role(i, Role::Mailbox)
    }

    /// Whether node `i` is in `S`, of version `v`, and has `role`.
    pub fn is(&self, i: usize, v: Version, role: Role) -> bool {
        self.version(i) == Some(v) && self.has_role(i, role)
    }

    /// `can_receive(i)`.
    pub fn can_receive(&self, i: usize) -> bool {
        self.node(i).kind == NodeKind::EdgeTransport
            || self.is_modern_mailbox(i)
            || self.is(i, Version::V2013, Role::ClientAccess)
            || self.is(i, Version::V2010, Role::HubTransport)
    }

    /// `can_send(i)`.
    pub fn can_send(&self, i: usize) -> bool {
        self.node(i).kind == NodeKind::EdgeTransport
            || (self.version(i).is_some_and(|v| v >= Version::V2013)
                && self.has_role(i, Role::Mailbox))
            || self.is(i, Version::V2010, Role::HubTransport)
    }

    /// `can_publish_ews(i)`.
    pub fn can_publish_ews(&self, i: usize) -> bool {
        self.is_modern_mailbox(i)
            || self.is(i, Version::V2013, Role::ClientAccess)
            || self.is(i, Version::V2010, Role::ClientAccess)
    }

    /// Whether an organization relationship or OAuth link's direction covers Exchange
    /// Online calling on-premises EWS.
    pub fn reaches_on_premises(&self, li: usize) -> bool {
        matches!(
            self.link(li).direction(),
            Direction::Both | Direction::ToOnPremises
        )
    }

    /// The routing nodes whose resolved sets the rules read: the ends of receive
    /// connectors, organization relationships, OAuth links and migration endpoints, the
    /// nodes with public names, and the load balancers that offload TLS.
    fn query_ends(&self) -> Vec<usize> {
        let mut ends: Vec<usize> = self
            .live(LinkKind::ReceiveConnector)
            .iter()
            .chain(self.live(LinkKind::MigrationEndpoint))
            .map(|&li| self.to(li))
            .chain(
                self.live(LinkKind::OrganizationRelationship)
                    .iter()
                    .chain(self.live(LinkKind::Oauth))
                    .map(|&li| self.from(li)),
            )
            .chain(self.published.publishers())
            .chain(
                self.doc
                    .nodes
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| n.kind == NodeKind::LoadBalancer && n.ssl_offload())
                    .map(|(i, _)| i),
            )
            .filter(|&i| is_routing(self.node(i)))
            .collect();
        ends.sort_unstable();
        ends.dedup();
        ends
    }

    /// Resolves every query end (see [`Context::query_ends`]) once, with an iterative walk
    /// over the enabled links that nodes pass traffic on over ([`NodeKind::forwards_over`]:
    /// `routes_to` and `agent_registration`). A node reached twice in
    /// one walk is not followed again, which cuts loops and diamonds; a walk that reaches
    /// an end resolved before takes that end's sets instead of walking on. So each walk is
    /// linear in what it reaches, whatever the shape of the load balancer graph (chains,
    /// loops, diamonds), and no set is built for the nodes in between.
    fn resolve_routing(&mut self) {
        let n = self.doc.nodes.len();
        // Successors in the routing graph, in compressed rows.
        let mut forwarding: Vec<LinkKind> = Vec::new();
        for via in NodeKind::ALL
            .into_iter()
            .filter_map(NodeKind::forwards_over)
        {
            if !forwarding.contains(&via) {
                forwarding.push(via);
            }
        }
        let routing_links: Vec<usize> = forwarding
            .into_iter()
            .flat_map(|via| self.live(via).iter().copied())
            .collect();
        let mut start = vec![0usize; n + 1];
        for &li in &routing_links {
            start[self.from(li) + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut succ = vec![0usize; routing_links.len()];
        for &li in &routing_links {
            let f = self.from(li);
            succ[fill[f]] = self.to(li);
            fill[f] += 1;
        }

        // `seen[i] == walk` marks node i as reached by the current walk.
        let mut seen = vec![0u32; n];
        let mut walk = 0u32;
        let mut stack: Vec<usize> = Vec::new();
        for end in self.query_ends() {
            walk += 1;
            let (mut servers, mut gateways, mut preauth) = (Vec::new(), Vec::new(), Vec::new());
            seen[end] = walk;
            stack.push(end);
            while let Some(v) = stack.pop() {
                let node = self.node(v);
                if node.kind == NodeKind::SmtpGateway && node.inspects_smtp() {
                    gateways.push(v);
                }
                if node.kind == NodeKind::LoadBalancer && node.preauth() {
                    preauth.push(v);
                }
                if v != end && self.server_set[v] != NONE {
                    // An end resolved before: everything it reaches is in its sets.
                    let known = [self.server_set[v], self.gateway_set[v], self.preauth_set[v]];
                    for (set, out) in
                        known
                            .into_iter()
                            .zip([&mut servers, &mut gateways, &mut preauth])
                    {
                        for &s in &self.sets[set as usize] {
                            if seen[s] != walk {
                                seen[s] = walk;
                                out.push(s);
                            }
                        }
                    }
                    continue;
                }
                for &w in &succ[start[v]..start[v + 1]] {
                    if seen[w] == walk {
                        continue;
                    }
                    seen[w] = walk;
                    match self.node(w).kind.traffic() {
                        Traffic::EndsHere => servers.push(w),
                        Traffic::Forwards(_) => stack.push(w),
                        Traffic::Ignores => {}
                    }
                }
            }
            self.server_set[end] = self.store(servers);
            self.gateway_set[end] = self.store(gateways);
            self.preauth_set[end] = self.store(preauth);
        }
    }

    /// Keep a resolved set, sorted, and return its id (the shared empty set when empty).
    fn store(&mut self, mut set: Vec<usize>) -> u32 {
        if set.is_empty() {
            return EMPTY;
        }
        set.sort_unstable();
        let id = u32::try_from(self.sets.len()).unwrap_or(NONE - 1);
        self.sets.push(set);
        id
    }

    /// `S_send`, `S_recv`, `S_ews`, `HV` and "OAuth configured".
    fn compute_endpoints(&mut self) {
        const SEND: u8 = 1;
        const RECV: u8 = 2;
        const EWS: u8 = 4;
        let mut mark = vec![0u8; self.doc.nodes.len()];
        for &li in self.live(LinkKind::SendConnector) {
            mark[self.from(li)] |= SEND;
        }
        for &li in self.live(LinkKind::ReceiveConnector) {
            for &s in self.resolve(self.to(li)) {
                mark[s] |= RECV;
            }
        }
        let ews_ends = self
            .live(LinkKind::OrganizationRelationship)
            .iter()
            .filter(|&&li| self.reaches_on_premises(li))
            .chain(self.live(LinkKind::Oauth))
            .map(|&li| self.from(li))
            .chain(
                self.live(LinkKind::MigrationEndpoint)
                    .iter()
                    .map(|&li| self.to(li)),
            );
        for end in ews_ends {
            for &s in self.resolve(end) {
                mark[s] |= EWS;
            }
        }
        let mut hv = None;
        for (i, &m) in mark.iter().enumerate() {
            if m == 0 {
                continue;
            }
            if m & SEND != 0 {
                self.s_send.push(i);
            }
            if m & RECV != 0 {
                self.s_recv.push(i);
            }
            if m & EWS != 0 {
                self.s_ews.push(i);
            }
            hv = hv.max(self.version(i));
        }
        if hv.is_none() {
            hv = self.servers.iter().filter_map(|&i| self.version(i)).max();
        }
        self.hv = hv;
        self.oauth_configured = covers_both(
            self.live(LinkKind::Oauth)
                .iter()
                .map(|&li| self.link(li).direction()),
        );
    }
}

/// Whether these directions together cover both ways.
pub(crate) fn covers_both(directions: impl Iterator<Item = Direction>) -> bool {
    let (mut online, mut on_premises) = (false, false);
    for d in directions {
        match d {
            Direction::Both => return true,
            Direction::ToOnline => online = true,
            Direction::ToOnPremises => on_premises = true,
        }
    }
    online && on_premises
}

/// A link counts unless it is of a kind with `enabled` and is disabled.
fn is_live(link: &Link) -> bool {
    !link.kind.has_enabled() || link.enabled()
}

/// The slot of a link kind in the per-kind tables.
fn kind_slot(kind: LinkKind) -> usize {
    kind as usize
}

/// Whether traffic reaching this node is passed on (`resolve` follows it).
fn is_routing(node: &Node) -> bool {
    node.kind.forwards_over().is_some()
}
