//! Everything the rules share, computed once per validation.
//!
//! Nodes and links are referred to by their index in the document. Building the context is
//! linear in nodes and links, plus the size of the resolved server sets of the routing
//! nodes (load balancers, SMTP gateways, Hybrid Agents): the sets are computed once per
//! strongly connected component of the routing graph (so loops are cut and diamonds are
//! not walked twice), and a node that only passes traffic on to one other node shares
//! that node's set instead of copying it.

use crate::model::{
    Direction, Document, Feature, Link, LinkKind, Mode, Node, NodeKind, Role, Topology, Version,
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
    /// Per node: its resolved server set in `sets` ([`NONE`] when not a routing node).
    server_set: Vec<u32>,
    /// Per node: the inspecting SMTP gateways passed while resolving it, in `sets`.
    gateway_set: Vec<u32>,
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
}

impl<'a> Context<'a> {
    /// Compute every shared fact of `doc`.
    pub fn new(doc: &'a Document) -> Self {
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
                _ => {}
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
            s_send: Vec::new(),
            s_recv: Vec::new(),
            s_ews: Vec::new(),
            hv: None,
            oauth_configured: false,
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
            link_noun(link.kind),
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
    pub fn resolve(&self, i: usize) -> &[usize] {
        match self.node(i).kind {
            NodeKind::ExchangeServer | NodeKind::EdgeTransport => {
                std::slice::from_ref(&self.identity[i])
            }
            _ => match self.server_set[i] {
                NONE => &[],
                s => &self.sets[s as usize],
            },
        }
    }

    /// The SMTP gateways that inspect SMTP and are passed while resolving node `i`, sorted.
    pub fn inspecting_gateways(&self, i: usize) -> &[usize] {
        match self.gateway_set[i] {
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

    /// Computes the resolved server set and the inspecting gateways of every routing node
    /// (load balancer, SMTP gateway, Hybrid Agent) with an iterative Tarjan walk over the
    /// enabled `routes_to` and `agent_registration` links: each strongly connected
    /// component gets one set, the union of its members' direct server targets and of the
    /// sets of the components it leads to (all finished before it, by Tarjan's order).
    fn resolve_routing(&mut self) {
        let n = self.doc.nodes.len();
        // Successors of the routing graph, in compressed rows.
        let mut start = vec![0usize; n + 1];
        let routing_links: Vec<usize> = self
            .live(LinkKind::RoutesTo)
            .iter()
            .chain(self.live(LinkKind::AgentRegistration))
            .copied()
            .collect();
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

        let is_routing = |node: &Node| {
            matches!(
                node.kind,
                NodeKind::LoadBalancer | NodeKind::SmtpGateway | NodeKind::HybridAgent
            )
        };
        let mut order = vec![NONE; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut calls: Vec<(usize, usize)> = Vec::new();
        let mut counter = 0u32;
        let mut members: Vec<usize> = Vec::new();
        let mut scratch = Scratch::default();

        for root in 0..n {
            if !is_routing(&self.doc.nodes[root]) || order[root] != NONE {
                continue;
            }
            order[root] = counter;
            low[root] = counter;
            counter += 1;
            stack.push(root);
            on_stack[root] = true;
            calls.push((root, start[root]));
            while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
                if *pos < start[v + 1] {
                    let w = succ[*pos];
                    *pos += 1;
                    if !is_routing(&self.doc.nodes[w]) {
                        continue;
                    }
                    if order[w] == NONE {
                        order[w] = counter;
                        low[w] = counter;
                        counter += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        calls.push((w, start[w]));
                    } else if on_stack[w] {
                        low[v] = low[v].min(order[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(u, _)) = calls.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] != order[v] {
                    continue;
                }
                // v roots a component: pop it and give all its members one set.
                members.clear();
                while let Some(m) = stack.pop() {
                    on_stack[m] = false;
                    members.push(m);
                    if m == v {
                        break;
                    }
                }
                let (server_set, gateway_set) =
                    self.component_sets(&members, &start, &succ, &mut scratch);
                for &m in &members {
                    self.server_set[m] = server_set;
                    self.gateway_set[m] = gateway_set;
                }
            }
        }
    }

    /// The server set and gateway set of one strongly connected component whose
    /// successors outside it are all finished.
    fn component_sets(
        &mut self,
        members: &[usize],
        start: &[usize],
        succ: &[usize],
        scratch: &mut Scratch,
    ) -> (u32, u32) {
        scratch.clear();
        for &m in members {
            let node = &self.doc.nodes[m];
            if node.kind == NodeKind::SmtpGateway && node.inspects_smtp() {
                scratch.gateways.push(m);
            }
            for &w in &succ[start[m]..start[m + 1]] {
                match self.doc.nodes[w].kind {
                    NodeKind::ExchangeServer | NodeKind::EdgeTransport => scratch.servers.push(w),
                    // Members of this component have no set yet; finished components do.
                    NodeKind::LoadBalancer | NodeKind::SmtpGateway | NodeKind::HybridAgent
                        if self.server_set[w] != NONE =>
                    {
                        scratch.child_servers.push(self.server_set[w]);
                        scratch.child_gateways.push(self.gateway_set[w]);
                    }
                    _ => {}
                }
            }
        }
        let servers = self.union(&mut scratch.servers, &mut scratch.child_servers);
        let gateways = self.union(&mut scratch.gateways, &mut scratch.child_gateways);
        (servers, gateways)
    }

    /// Store `own ∪ children` and return its set id, sharing the child's set when the
    /// union is exactly one child's set (chains of load balancers copy nothing).
    fn union(&mut self, own: &mut Vec<usize>, children: &mut Vec<u32>) -> u32 {
        children.sort_unstable();
        children.dedup();
        children.retain(|&c| c != EMPTY);
        if own.is_empty() && children.len() <= 1 {
            return children.first().copied().unwrap_or(EMPTY);
        }
        let mut all = std::mem::take(own);
        for &c in children.iter() {
            all.extend_from_slice(&self.sets[c as usize]);
        }
        all.sort_unstable();
        all.dedup();
        let id = u32::try_from(self.sets.len()).unwrap_or(NONE - 1);
        self.sets.push(all);
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

/// What a link of this kind is called in a sentence.
pub(crate) fn link_noun(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::SendConnector => "send connector",
        LinkKind::ReceiveConnector => "receive connector",
        LinkKind::RoutesTo => "route",
        LinkKind::FederationTrust => "federation trust",
        LinkKind::OrganizationRelationship => "organization relationship",
        LinkKind::Oauth => "OAuth link",
        LinkKind::MigrationEndpoint => "migration endpoint",
        LinkKind::EdgeSubscription => "Edge Subscription",
        LinkKind::AgentRegistration => "agent registration",
        LinkKind::DirectorySync => "directory sync link",
    }
}

/// A link counts unless it is of a kind with `enabled` and is disabled.
fn is_live(link: &Link) -> bool {
    !link.kind.has_enabled() || link.enabled()
}

/// The slot of a link kind in the per-kind tables.
fn kind_slot(kind: LinkKind) -> usize {
    kind as usize
}

/// Buffers reused from one component to the next.
#[derive(Default)]
struct Scratch {
    servers: Vec<usize>,
    gateways: Vec<usize>,
    child_servers: Vec<u32>,
    child_gateways: Vec<u32>,
}

impl Scratch {
    fn clear(&mut self) {
        self.servers.clear();
        self.gateways.clear();
        self.child_servers.clear();
        self.child_gateways.clear();
    }
}
