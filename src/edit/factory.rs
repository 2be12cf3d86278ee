//! Making things for the canvas: new nodes with fresh ids and names, links checked against
//! format.md's table of ends, duplicates and deletions of a selection.

use super::Selection;
use super::command::Command;
use crate::model::{
    ConnectRefusal, Document, Link, LinkId, LinkKind, Naming, Node, NodeId, NodeKind, Pos, Role,
    SyncTool, Version, Zone, check_ends,
};
use std::collections::{BTreeSet, HashSet};

/// Whether a link of this kind may start at `from` (the first click of a connect gesture).
pub fn can_start(doc: &Document, kind: LinkKind, from: &NodeId) -> Result<(), ConnectRefusal> {
    let node = doc
        .node(from.as_str())
        .ok_or_else(|| ConnectRefusal::MissingNode(from.clone()))?;
    if kind.allowed_from().contains(&node.kind) {
        Ok(())
    } else {
        let swap_helps = kind.allowed_to().contains(&node.kind);
        Err(ConnectRefusal::WrongStart {
            link: kind,
            found: node.kind,
            swap_helps,
        })
    }
}

/// A new link of this kind from `from` to `to` with a fresh id and the format's defaults,
/// or the reason it cannot be drawn: a missing node, a node joined to itself, ends of the
/// wrong kinds, or the same kind of link already joining the two nodes.
pub fn connect(
    doc: &Document,
    kind: LinkKind,
    from: &NodeId,
    to: &NodeId,
) -> Result<Link, ConnectRefusal> {
    let from_node = doc
        .node(from.as_str())
        .ok_or_else(|| ConnectRefusal::MissingNode(from.clone()))?;
    let to_node = doc
        .node(to.as_str())
        .ok_or_else(|| ConnectRefusal::MissingNode(to.clone()))?;
    if from == to {
        return Err(ConnectRefusal::SelfLink { link: kind });
    }
    check_ends(kind, from_node.kind, to_node.kind)?;
    if doc
        .links
        .iter()
        .any(|l| l.kind == kind && l.from == *from && l.to == *to)
    {
        return Err(ConnectRefusal::Duplicate {
            link: kind,
            from: from_node.name.clone(),
            to: to_node.name.clone(),
        });
    }
    let id = Namer::new(doc).link_id();
    Ok(Link::new(id, kind, from.clone(), to.clone()))
}

/// A new node of this kind at `pos` with a fresh id and name (`EX01`, `EDGE01`, `LB01`,
/// `GW01`, `SYNC01`, `AGENT01`, `NOTE01`, "Exchange Online", "Microsoft Federation
/// Gateway") and sensible defaults. A new Exchange or Edge server takes the newest version
/// already in the plan (2019 in an empty plan), so it never makes the plan mix versions;
/// its roles are those a hybrid needs of that version (Mailbox; 2013 Mailbox and Client
/// Access), MRS Proxy off, in the internal network (Edge: the perimeter).
#[must_use]
pub fn new_node(doc: &Document, kind: NodeKind, pos: Pos) -> Node {
    let (id, name) = Namer::new(doc).node(kind);
    let mut node = Node::new(id, kind, name);
    node.position = Some(pos);
    let version = newest_version(doc).unwrap_or(Version::V2019);
    match kind {
        NodeKind::ExchangeServer => {
            node.version = Some(version);
            node.roles = Some(default_roles(version));
            node.mrs_proxy = Some(false);
            // The site stays the default (Default-First-Site-Name): taking the last site used
            // would put servers in a site nobody chose.
        }
        NodeKind::EdgeTransport => {
            node.version = Some(version);
            node.zone = Some(Zone::Perimeter);
        }
        NodeKind::ExchangeOnline => node.tenant = Some("contoso".to_owned()),
        NodeKind::SyncServer => node.tool = Some(SyncTool::EntraConnect),
        NodeKind::SmtpGateway => node.inspects_smtp = Some(true),
        NodeKind::Note => node.text = Some("Note".to_owned()),
        NodeKind::FederationGateway | NodeKind::LoadBalancer | NodeKind::HybridAgent => {}
    }
    node
}

/// A new on-premises Exchange server of an explicit version (the palette's version chips).
///
/// 2016 and later servers can only have the Mailbox role, so they get it. Exchange 2013
/// and 2010 servers start without roles: whether they are multi-role or split into
/// Mailbox and Client Access servers is a design decision, so the validator asks for it
/// at once (R-ROLE-NONE) and its one-click fix installs the recommended multi-role set.
#[must_use]
pub fn new_server(doc: &Document, version: Version, pos: Pos) -> Node {
    let mut node = new_node(doc, NodeKind::ExchangeServer, pos);
    node.version = Some(version);
    node.roles = Some(if version.is_2016_plus() {
        vec![Role::Mailbox]
    } else {
        Vec::new()
    });
    node
}

/// The roles a hybrid needs of a server of this version.
pub(crate) fn default_roles(version: Version) -> Vec<Role> {
    match version {
        Version::V2010 => vec![Role::Mailbox, Role::ClientAccess, Role::HubTransport],
        Version::V2013 => vec![Role::Mailbox, Role::ClientAccess],
        Version::V2016 | Version::V2019 | Version::Se => vec![Role::Mailbox],
    }
}

fn newest_version(doc: &Document) -> Option<Version> {
    doc.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .filter_map(|n| n.version)
        .max()
}

/// The command that copies the selected nodes (fresh ids and names, moved by `offset`)
/// and the links whose two ends are both copied (Ctrl+D). Wrongly drawn links are not
/// copied. An empty selection gives an empty batch, which the history ignores.
#[must_use]
pub fn duplicate(doc: &Document, selection: &Selection, offset: Pos) -> Command {
    let mut namer = Namer::new(doc);
    let mut map: Vec<(&NodeId, NodeId)> = Vec::new();
    let mut commands = Vec::new();
    for node in doc.nodes.iter().filter(|n| selection.nodes.contains(&n.id)) {
        let mut copy = node.clone();
        let name = namer.copy_name(&node.name);
        copy.id = namer.id_for(&name);
        copy.name = name;
        copy.position = node.position.map(|p| Pos {
            x: p.x + offset.x,
            y: p.y + offset.y,
        });
        map.push((&node.id, copy.id.clone()));
        commands.push(Command::AddNode {
            node: copy,
            index: None,
        });
    }
    let copied = |id: &NodeId| {
        map.iter()
            .find(|(old, _)| *old == id)
            .map(|(_, new)| new.clone())
    };
    for link in &doc.links {
        let (Some(from), Some(to)) = (copied(&link.from), copied(&link.to)) else {
            continue;
        };
        let ends = doc.node(link.from.as_str()).zip(doc.node(link.to.as_str()));
        if !ends.is_some_and(|(f, t)| link.kind.allows(f.kind, t.kind)) {
            continue;
        }
        let mut copy = link.clone();
        copy.id = namer.link_id();
        copy.from = from;
        copy.to = to;
        commands.push(Command::AddLink { link: copy });
    }
    let label = match map.as_slice() {
        [(id, _)] => format!(
            "Duplicate {}",
            doc.node(id.as_str()).map_or("node", |n| n.name.as_str())
        ),
        nodes => format!("Duplicate {} nodes", nodes.len()),
    };
    Command::Batch { label, commands }
}

/// The command that renames a node, one undo step named "Rename OLD to NEW". Surrounding
/// spaces are dropped; `None` when the name is blank or unchanged, so a rename the user
/// abandons leaves no empty step in the history.
#[must_use]
pub fn rename(node: &Node, name: &str) -> Option<Command> {
    let name = name.trim();
    if name.is_empty() || name == node.name {
        return None;
    }
    let label = format!("Rename {} to {name}", node.name);
    let mut next = node.clone();
    name.clone_into(&mut next.name);
    Some(Command::Batch {
        label,
        commands: vec![Command::UpdateNode { node: next }],
    })
}

/// The command that deletes the selected links and nodes (with every link touching those
/// nodes), or `None` when nothing selected still exists.
#[must_use]
pub fn delete(doc: &Document, selection: &Selection) -> Option<Command> {
    let nodes: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| selection.nodes.contains(&n.id))
        .collect();
    let node_ids: BTreeSet<&NodeId> = nodes.iter().map(|n| &n.id).collect();
    // Links that go with a deleted node are removed by RemoveNodes; listing them twice would fail.
    let links: Vec<LinkId> = doc
        .links
        .iter()
        .filter(|l| {
            selection.links.contains(&l.id)
                && !node_ids.contains(&l.from)
                && !node_ids.contains(&l.to)
        })
        .map(|l| l.id.clone())
        .collect();
    if nodes.is_empty() && links.is_empty() {
        return None;
    }
    let label = match (nodes.as_slice(), links.len()) {
        ([node], 0) => format!("Delete {}", node.name),
        ([], 1) => format!(
            "Delete {}",
            doc.link(links[0].as_str())
                .map_or("link", |l| l.kind.noun().text)
        ),
        (nodes, 0) => format!("Delete {} nodes", nodes.len()),
        ([], n) => format!("Delete {n} links"),
        (nodes, n) => format!(
            "Delete {} node{} and {n} link{}",
            nodes.len(),
            plural(nodes.len()),
            plural(n)
        ),
    };
    let mut commands = Vec::new();
    if !links.is_empty() {
        commands.push(Command::RemoveLinks { ids: links });
    }
    if !nodes.is_empty() {
        commands.push(Command::RemoveNodes {
            ids: nodes.iter().map(|n| n.id.clone()).collect(),
        });
    }
    Some(Command::Batch { label, commands })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Hands out ids and names that the document does not use yet (nor its presentation views,
/// so a view never picks up a stranger). It remembers what it handed out, so several new
/// things made before any is added still differ.
pub(crate) struct Namer {
    node_ids: HashSet<String>,
    link_ids: HashSet<String>,
    names: HashSet<String>,
    next_link: usize,
}

impl Namer {
    pub(crate) fn new(doc: &Document) -> Self {
        let mut node_ids: HashSet<String> = doc.nodes.iter().map(|n| n.id.0.clone()).collect();
        let mut link_ids: HashSet<String> = doc.links.iter().map(|l| l.id.0.clone()).collect();
        for view in &doc.views {
            node_ids.extend(view.nodes.iter().map(|id| id.0.clone()));
            link_ids.extend(view.links.iter().map(|id| id.0.clone()));
        }
        let names = doc.nodes.iter().map(|n| n.name.to_lowercase()).collect();
        Self {
            node_ids,
            link_ids,
            names,
            next_link: doc.links.len() + 1,
        }
    }

    fn name_free(&self, name: &str) -> bool {
        !self.names.contains(&name.to_lowercase())
    }

    /// A fresh `(id, name)` for a new node of this kind.
    pub(crate) fn node(&mut self, kind: NodeKind) -> (NodeId, String) {
        match kind.spec().naming {
            Naming::Numbered { prefix } => {
                let name = self.numbered(prefix, "", 1, 2);
                (self.id_for(&name), name)
            }
            Naming::Single { name, id } => {
                let name = self.numbered_after(name);
                (self.id_for_base(id), name)
            }
        }
    }

    /// `base`, or `base 2`, `base 3`... whichever is free first; reserved.
    fn numbered_after(&mut self, base: &str) -> String {
        let name = if self.name_free(base) {
            base.to_owned()
        } else {
            self.numbered(base, " ", 2, 1)
        };
        self.names.insert(name.to_lowercase());
        name
    }

    /// `{stem}{sep}{n}` with `n` from `start`, zero-padded to `width`, first free; reserved.
    fn numbered(&mut self, stem: &str, sep: &str, start: usize, width: usize) -> String {
        let mut n = start;
        loop {
            let name = format!("{stem}{sep}{n:0width$}");
            if self.name_free(&name) && !self.node_ids.contains(&name.to_lowercase()) {
                self.names.insert(name.to_lowercase());
                return name;
            }
            n += 1;
        }
    }

    /// A fresh name for a copy of the node named `name`: the next free number for names
    /// that end in one (`EX16-01` → `EX16-02`), otherwise `name (copy)`; reserved.
    pub(crate) fn copy_name(&mut self, name: &str) -> String {
        let digits = name.chars().rev().take_while(char::is_ascii_digit).count();
        let (stem, number) = name.split_at(name.len() - digits);
        // A number of more than nine digits (a serial, a hostile or pasted name) is not
        // counted on, so counting up can never overflow.
        if let (1..=9, Ok(n)) = (digits, number.parse::<usize>()) {
            return self.numbered(stem, "", n + 1, digits);
        }
        let mut copy = format!("{name} (copy)");
        let mut n = 2;
        while !self.name_free(&copy) {
            copy = format!("{name} (copy {n})");
            n += 1;
        }
        self.names.insert(copy.to_lowercase());
        copy
    }

    /// `name` itself when no node has it yet, otherwise a fresh copy name as
    /// [`Namer::copy_name`] makes it; reserved either way (pasting keeps names that are free).
    pub(crate) fn keep_or_copy_name(&mut self, name: &str) -> String {
        if self.name_free(name) {
            self.names.insert(name.to_lowercase());
            name.to_owned()
        } else {
            self.copy_name(name)
        }
    }

    /// A fresh node id made from a name (`EX01` → `ex01`); reserved.
    pub(crate) fn id_for(&mut self, name: &str) -> NodeId {
        let base: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        self.id_for_base(if base.is_empty() { "node" } else { &base })
    }

    fn id_for_base(&mut self, base: &str) -> NodeId {
        let mut id = base.to_owned();
        let mut n = 2;
        while self.node_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.node_ids.insert(id.clone());
        NodeId(id)
    }

    /// A fresh link id (`l7`); reserved.
    pub(crate) fn link_id(&mut self) -> LinkId {
        loop {
            let id = format!("l{}", self.next_link);
            self.next_link += 1;
            if self.link_ids.insert(id.clone()) {
                return LinkId(id);
            }
        }
    }
}
