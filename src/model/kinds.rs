//! One home per node kind and link kind.
//!
//! Everything the program knows about a kind is declared here, once: the name in the file,
//! the label for people, the noun (with its article) that messages use, how a new node is
//! named, its icon, card size, tint and layout tier, the palette order ([`NodeKind::ALL`],
//! [`LinkKind::ALL`]), the part it plays in the validator's terms (rules.md "Terms") and the
//! walkthroughs, and for links the node kinds allowed at each end (format.md's table) and
//! why a link cannot be drawn ([`check_ends`]).
//!
//! Each kind's facts are one `static` spec; [`NodeKind::spec`] and [`LinkKind::spec`] are the
//! only matches here that name every kind. Adding a node kind means a variant, its place in
//! `ALL`, its spec and its icon file; the compiler then points at the few exhaustive matches
//! elsewhere that must decide something about its own fields: a new node's defaults
//! (`edit::factory`), the card's second line (`look::node`), membership in the validator's
//! sets (`rules::context`) and the inspector's fields (`ui::inspector`). A new link kind
//! also needs its colour, dash, width and pill label (`look::palette`).

use super::{NodeId, Zone};
use crate::text::capitalize;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// The kind of a node.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// An on-premises Exchange server (not Edge).
    ExchangeServer,
    /// An Edge Transport server.
    EdgeTransport,
    /// The Exchange Online organization.
    ExchangeOnline,
    /// The Microsoft Federation Gateway / Entra authentication system.
    FederationGateway,
    /// Directory synchronization between AD and the tenant.
    SyncServer,
    /// A load balancer or published namespace.
    LoadBalancer,
    /// A third-party SMTP device, relay or firewall.
    SmtpGateway,
    /// The Microsoft Hybrid Agent.
    HybridAgent,
    /// A text box for presentations.
    Note,
}

/// The kind of a link.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// On-premises Send connector to Exchange Online.
    SendConnector,
    /// Exchange Online's outbound connector ending at an on-premises Receive connector.
    ReceiveConnector,
    /// Traffic passed on by a load balancer or gateway.
    RoutesTo,
    /// The on-premises federation trust.
    FederationTrust,
    /// Organization relationships.
    OrganizationRelationship,
    /// OAuth (intra-organization connectors and auth server).
    Oauth,
    /// The MRS endpoint that mailbox moves use.
    MigrationEndpoint,
    /// An Edge Subscription.
    EdgeSubscription,
    /// The server the Hybrid Agent forwards to.
    AgentRegistration,
    /// Directory synchronization.
    DirectorySync,
}

// ---------------------------------------------------------------------------------------
// The parts of a spec
// ---------------------------------------------------------------------------------------

/// The article a noun takes in a sentence. Written down per noun rather than guessed from
/// its first letter, because "an SMTP gateway" and "Exchange Online" defeat any guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Article {
    /// "a load balancer".
    A,
    /// "an Edge Transport server".
    An,
    /// "the Microsoft Federation Gateway" (there is one).
    The,
    /// "Exchange Online" (a proper name).
    None,
}

/// A kind as a noun inside a sentence, with its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// The article it takes.
    pub article: Article,
    /// The bare noun, in sentence case ("load balancer", "Edge Subscription").
    pub text: &'static str,
}

impl Noun {
    /// The noun with its article: "an Edge Transport server", "a load balancer",
    /// "Exchange Online". Capitalise it with [`crate::text::capitalize`] to start a sentence.
    #[must_use]
    pub fn with_article(self) -> String {
        match self.article {
            Article::A => format!("a {}", self.text),
            Article::An => format!("an {}", self.text),
            Article::The => format!("the {}", self.text),
            Article::None => self.text.to_owned(),
        }
    }
}

/// How a new node of a kind is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// A prefix and a two-digit number: `EX01`, `LB02`; the id is the name in lower case.
    Numbered {
        /// The prefix ("EX", "EDGE", "LB").
        prefix: &'static str,
    },
    /// A plan usually has one: the name as it is ("Exchange Online", then "Exchange Online 2").
    Single {
        /// The name of the first one.
        name: &'static str,
        /// The id of the first one ("exo"; then "exo-2").
        id: &'static str,
    },
}

impl Naming {
    /// What starts the name of a new node: the prefix, or the whole name of a single one.
    #[must_use]
    pub fn stem(self) -> &'static str {
        match self {
            Naming::Numbered { prefix } => prefix,
            Naming::Single { name, .. } => name,
        }
    }
}

/// The part a node kind plays in the validator's `resolve(n)` (rules.md "Terms").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Traffic {
    /// A server (`S` or `E`): traffic ends here, `resolve(n) = {n}`.
    EndsHere,
    /// Passes traffic on over its links of this kind, like a load balancer (`routes_to`) or
    /// the Hybrid Agent (`agent_registration`): `resolve(n)` is the union over them.
    Forwards(LinkKind),
    /// Takes no part: `resolve(n)` is empty.
    Ignores,
}

/// The groups of node kinds; each has its own card tint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindGroup {
    /// On-premises Exchange servers (incl. Edge).
    Servers,
    /// Exchange Online.
    Cloud,
    /// Load balancers, SMTP gateways, Hybrid Agent.
    Network,
    /// Federation gateway and directory sync.
    Identity,
    /// Presentation notes.
    Note,
}

/// Where nodes of a kind go when the program places them: the rows of the automatic layout
/// (nodes without a position) and the columns of Edit → Tidy layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    /// The cloud side: Exchange Online, the Federation Gateway.
    Cloud,
    /// What stands between the cloud and the servers: load balancers, gateways, the Hybrid
    /// Agent, directory sync.
    Network,
    /// Edge Transport servers.
    Edge,
    /// On-premises Exchange servers.
    Servers,
    /// Presentation notes, apart from the plan.
    Notes,
}

/// Everything the program knows about a node kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeKindSpec {
    /// The name in the file (`exchange_server`).
    pub key: &'static str,
    /// A name for people: the palette, the inspector, the legend ("Exchange server").
    pub label: &'static str,
    /// The kind inside a sentence ("an Exchange server").
    pub noun: Noun,
    /// How a new node of this kind is named.
    pub naming: Naming,
    /// The project's own icon: a small flat SVG, viewBox `0 0 48 48`.
    pub icon: &'static str,
    /// The card's default (and least) size in canvas units, width by height.
    pub size: (f32, f32),
    /// The card's tint.
    pub group: KindGroup,
    /// Where the program places nodes of this kind.
    pub tier: Tier,
    /// Whether nodes of this kind carry an Exchange `version`.
    pub versioned: bool,
    /// The part it plays in the validator's `resolve(n)`.
    pub traffic: Traffic,
    /// Whether the mail-flow walkthrough shows it as a hop that passes SMTP on to servers
    /// (it follows its `routes_to` links).
    pub relays_mail: bool,
    /// The network zones a node of this kind may be placed in: the inspector's choices, and
    /// what dropping it into a zone's box may set. Empty: the kind has no zone to choose.
    pub zones: &'static [Zone],
}

/// Everything the program knows about a link kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkKindSpec {
    /// The name in the file (`send_connector`).
    pub key: &'static str,
    /// A name for people: the palette, the inspector, the legend ("Send connector").
    pub label: &'static str,
    /// The kind inside a sentence ("a send connector").
    pub noun: Noun,
    /// The node kinds allowed at the `from` end (format.md's table).
    pub from: &'static [NodeKind],
    /// The node kinds allowed at the `to` end (format.md's table).
    pub to: &'static [NodeKind],
    /// Whether links of this kind have the `enabled` field.
    pub has_enabled: bool,
    /// Whether links of this kind have the `direction` field.
    pub has_direction: bool,
}

/// The size of an ordinary card (every kind but notes).
pub const CARD_SIZE: (f32, f32) = (170.0, 64.0);
/// The size of an empty note.
const NOTE_SIZE: (f32, f32) = (220.0, 64.0);

const fn noun(article: Article, text: &'static str) -> Noun {
    Noun { article, text }
}

// ---------------------------------------------------------------------------------------
// Node kinds
// ---------------------------------------------------------------------------------------

static EXCHANGE_SERVER: NodeKindSpec = NodeKindSpec {
    key: "exchange_server",
    label: "Exchange server",
    noun: noun(Article::An, "Exchange server"),
    naming: Naming::Numbered { prefix: "EX" },
    icon: include_str!("../../assets/icons/exchange_server.svg"),
    size: CARD_SIZE,
    group: KindGroup::Servers,
    tier: Tier::Servers,
    versioned: true,
    traffic: Traffic::EndsHere,
    relays_mail: false,
    zones: &[Zone::Internal, Zone::Perimeter],
};

static EDGE_TRANSPORT: NodeKindSpec = NodeKindSpec {
    key: "edge_transport",
    label: "Edge Transport",
    noun: noun(Article::An, "Edge Transport server"),
    naming: Naming::Numbered { prefix: "EDGE" },
    icon: include_str!("../../assets/icons/edge_transport.svg"),
    size: CARD_SIZE,
    group: KindGroup::Servers,
    tier: Tier::Edge,
    versioned: true,
    traffic: Traffic::EndsHere,
    relays_mail: false,
    zones: &[Zone::Internal, Zone::Perimeter],
};

static EXCHANGE_ONLINE: NodeKindSpec = NodeKindSpec {
    key: "exchange_online",
    label: "Exchange Online",
    noun: noun(Article::None, "Exchange Online"),
    naming: Naming::Single {
        name: "Exchange Online",
        id: "exo",
    },
    icon: include_str!("../../assets/icons/exchange_online.svg"),
    size: CARD_SIZE,
    group: KindGroup::Cloud,
    tier: Tier::Cloud,
    versioned: false,
    traffic: Traffic::Ignores,
    relays_mail: false,
    zones: &[],
};

static FEDERATION_GATEWAY: NodeKindSpec = NodeKindSpec {
    key: "federation_gateway",
    label: "Federation Gateway",
    noun: noun(Article::The, "Microsoft Federation Gateway"),
    naming: Naming::Single {
        name: "Microsoft Federation Gateway",
        id: "mfg",
    },
    icon: include_str!("../../assets/icons/federation_gateway.svg"),
    size: CARD_SIZE,
    group: KindGroup::Identity,
    tier: Tier::Cloud,
    versioned: false,
    traffic: Traffic::Ignores,
    relays_mail: false,
    zones: &[],
};

static SYNC_SERVER: NodeKindSpec = NodeKindSpec {
    key: "sync_server",
    label: "Directory sync",
    noun: noun(Article::A, "directory sync server"),
    naming: Naming::Numbered { prefix: "SYNC" },
    icon: include_str!("../../assets/icons/sync_server.svg"),
    size: CARD_SIZE,
    group: KindGroup::Identity,
    tier: Tier::Network,
    versioned: false,
    traffic: Traffic::Ignores,
    relays_mail: false,
    zones: &[],
};

static LOAD_BALANCER: NodeKindSpec = NodeKindSpec {
    key: "load_balancer",
    label: "Load balancer",
    noun: noun(Article::A, "load balancer"),
    naming: Naming::Numbered { prefix: "LB" },
    icon: include_str!("../../assets/icons/load_balancer.svg"),
    size: CARD_SIZE,
    group: KindGroup::Network,
    tier: Tier::Network,
    versioned: false,
    traffic: Traffic::Forwards(LinkKind::RoutesTo),
    relays_mail: true,
    zones: &[Zone::Internal, Zone::Perimeter, Zone::Internet],
};

static SMTP_GATEWAY: NodeKindSpec = NodeKindSpec {
    key: "smtp_gateway",
    label: "SMTP gateway",
    // "SMTP" is read "ess-em-tee-pee".
    noun: noun(Article::An, "SMTP gateway"),
    naming: Naming::Numbered { prefix: "GW" },
    icon: include_str!("../../assets/icons/smtp_gateway.svg"),
    size: CARD_SIZE,
    group: KindGroup::Network,
    tier: Tier::Network,
    versioned: false,
    traffic: Traffic::Forwards(LinkKind::RoutesTo),
    relays_mail: true,
    zones: &[Zone::Internal, Zone::Perimeter, Zone::Internet],
};

static HYBRID_AGENT: NodeKindSpec = NodeKindSpec {
    key: "hybrid_agent",
    label: "Hybrid Agent",
    noun: noun(Article::A, "Hybrid Agent"),
    naming: Naming::Numbered { prefix: "AGENT" },
    icon: include_str!("../../assets/icons/hybrid_agent.svg"),
    size: CARD_SIZE,
    group: KindGroup::Network,
    tier: Tier::Network,
    versioned: false,
    traffic: Traffic::Forwards(LinkKind::AgentRegistration),
    // It carries free/busy and mailbox moves, not mail.
    relays_mail: false,
    zones: &[],
};

static NOTE: NodeKindSpec = NodeKindSpec {
    key: "note",
    label: "Note",
    noun: noun(Article::A, "note"),
    naming: Naming::Numbered { prefix: "NOTE" },
    icon: include_str!("../../assets/icons/note.svg"),
    size: NOTE_SIZE,
    group: KindGroup::Note,
    tier: Tier::Notes,
    versioned: false,
    traffic: Traffic::Ignores,
    relays_mail: false,
    zones: &[],
};

impl NodeKind {
    /// Every kind, in palette order.
    pub const ALL: [NodeKind; 9] = [
        NodeKind::ExchangeServer,
        NodeKind::EdgeTransport,
        NodeKind::ExchangeOnline,
        NodeKind::FederationGateway,
        NodeKind::SyncServer,
        NodeKind::LoadBalancer,
        NodeKind::SmtpGateway,
        NodeKind::HybridAgent,
        NodeKind::Note,
    ];

    /// Everything the program knows about this kind.
    #[must_use]
    pub const fn spec(self) -> &'static NodeKindSpec {
        match self {
            NodeKind::ExchangeServer => &EXCHANGE_SERVER,
            NodeKind::EdgeTransport => &EDGE_TRANSPORT,
            NodeKind::ExchangeOnline => &EXCHANGE_ONLINE,
            NodeKind::FederationGateway => &FEDERATION_GATEWAY,
            NodeKind::SyncServer => &SYNC_SERVER,
            NodeKind::LoadBalancer => &LOAD_BALANCER,
            NodeKind::SmtpGateway => &SMTP_GATEWAY,
            NodeKind::HybridAgent => &HYBRID_AGENT,
            NodeKind::Note => &NOTE,
        }
    }

    /// The name used in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The kind inside a sentence.
    #[must_use]
    pub fn noun(self) -> Noun {
        self.spec().noun
    }

    /// The kind with its article, for messages: "an Edge Transport server", "a load
    /// balancer", "Exchange Online".
    #[must_use]
    pub fn with_article(self) -> String {
        self.noun().with_article()
    }

    /// Whether nodes of this kind carry a version (`exchange_server`, `edge_transport`).
    #[must_use]
    pub fn has_version(self) -> bool {
        self.spec().versioned
    }

    /// The part this kind plays in the validator's `resolve(n)`.
    #[must_use]
    pub fn traffic(self) -> Traffic {
        self.spec().traffic
    }

    /// Whether traffic ends at nodes of this kind (`S` or `E`).
    #[must_use]
    pub fn is_server(self) -> bool {
        self.traffic() == Traffic::EndsHere
    }

    /// The link kind over which nodes of this kind pass traffic on, if they do.
    #[must_use]
    pub fn forwards_over(self) -> Option<LinkKind> {
        match self.traffic() {
            Traffic::Forwards(via) => Some(via),
            Traffic::EndsHere | Traffic::Ignores => None,
        }
    }

    /// Whether the mail-flow walkthrough follows this kind's `routes_to` links.
    #[must_use]
    pub fn relays_mail(self) -> bool {
        self.spec().relays_mail
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------
// Link kinds
// ---------------------------------------------------------------------------------------

use NodeKind as N;

static SEND_CONNECTOR: LinkKindSpec = LinkKindSpec {
    key: "send_connector",
    label: "Send connector",
    noun: noun(Article::A, "send connector"),
    from: &[N::ExchangeServer, N::EdgeTransport],
    to: &[N::ExchangeOnline],
    has_enabled: true,
    has_direction: false,
};

/// Where SMTP can be accepted: a server or a device in front of one.
const SMTP_ENDS: &[NodeKind] = &[
    N::ExchangeServer,
    N::EdgeTransport,
    N::LoadBalancer,
    N::SmtpGateway,
];

static RECEIVE_CONNECTOR: LinkKindSpec = LinkKindSpec {
    key: "receive_connector",
    label: "Receive connector",
    noun: noun(Article::A, "receive connector"),
    from: &[N::ExchangeOnline],
    to: SMTP_ENDS,
    has_enabled: true,
    has_direction: false,
};

static ROUTES_TO: LinkKindSpec = LinkKindSpec {
    key: "routes_to",
    label: "Routes to",
    noun: noun(Article::A, "routing link"),
    from: &[N::LoadBalancer, N::SmtpGateway],
    to: SMTP_ENDS,
    has_enabled: false,
    has_direction: false,
};

static FEDERATION_TRUST: LinkKindSpec = LinkKindSpec {
    key: "federation_trust",
    label: "Federation trust",
    noun: noun(Article::A, "federation trust"),
    from: &[N::ExchangeServer],
    to: &[N::FederationGateway],
    has_enabled: false,
    has_direction: false,
};

static ORGANIZATION_RELATIONSHIP: LinkKindSpec = LinkKindSpec {
    key: "organization_relationship",
    label: "Organization relationship",
    noun: noun(Article::An, "organization relationship"),
    from: &[N::ExchangeServer, N::LoadBalancer],
    to: &[N::ExchangeOnline],
    has_enabled: true,
    has_direction: true,
};

static OAUTH: LinkKindSpec = LinkKindSpec {
    key: "oauth",
    label: "OAuth",
    noun: noun(Article::An, "OAuth link"),
    from: &[N::ExchangeServer, N::LoadBalancer],
    to: &[N::ExchangeOnline],
    has_enabled: true,
    has_direction: true,
};

static MIGRATION_ENDPOINT: LinkKindSpec = LinkKindSpec {
    key: "migration_endpoint",
    label: "Migration endpoint",
    noun: noun(Article::A, "migration endpoint"),
    from: &[N::ExchangeOnline],
    to: &[N::ExchangeServer, N::LoadBalancer, N::HybridAgent],
    has_enabled: false,
    has_direction: false,
};

static EDGE_SUBSCRIPTION: LinkKindSpec = LinkKindSpec {
    key: "edge_subscription",
    label: "Edge subscription",
    // A proper noun in Exchange's documentation.
    noun: noun(Article::An, "Edge Subscription"),
    from: &[N::EdgeTransport],
    to: &[N::ExchangeServer],
    has_enabled: false,
    has_direction: false,
};

static AGENT_REGISTRATION: LinkKindSpec = LinkKindSpec {
    key: "agent_registration",
    label: "Agent registration",
    noun: noun(Article::An, "agent registration"),
    from: &[N::HybridAgent],
    to: &[N::ExchangeServer, N::LoadBalancer],
    has_enabled: false,
    has_direction: false,
};

static DIRECTORY_SYNC: LinkKindSpec = LinkKindSpec {
    key: "directory_sync",
    label: "Directory sync",
    noun: noun(Article::A, "directory sync link"),
    from: &[N::SyncServer],
    to: &[N::ExchangeOnline],
    has_enabled: false,
    has_direction: false,
};

impl LinkKind {
    /// Every kind, in palette order.
    pub const ALL: [LinkKind; 10] = [
        LinkKind::SendConnector,
        LinkKind::ReceiveConnector,
        LinkKind::RoutesTo,
        LinkKind::FederationTrust,
        LinkKind::OrganizationRelationship,
        LinkKind::Oauth,
        LinkKind::MigrationEndpoint,
        LinkKind::EdgeSubscription,
        LinkKind::AgentRegistration,
        LinkKind::DirectorySync,
    ];

    /// Everything the program knows about this kind.
    #[must_use]
    pub const fn spec(self) -> &'static LinkKindSpec {
        match self {
            LinkKind::SendConnector => &SEND_CONNECTOR,
            LinkKind::ReceiveConnector => &RECEIVE_CONNECTOR,
            LinkKind::RoutesTo => &ROUTES_TO,
            LinkKind::FederationTrust => &FEDERATION_TRUST,
            LinkKind::OrganizationRelationship => &ORGANIZATION_RELATIONSHIP,
            LinkKind::Oauth => &OAUTH,
            LinkKind::MigrationEndpoint => &MIGRATION_ENDPOINT,
            LinkKind::EdgeSubscription => &EDGE_SUBSCRIPTION,
            LinkKind::AgentRegistration => &AGENT_REGISTRATION,
            LinkKind::DirectorySync => &DIRECTORY_SYNC,
        }
    }

    /// The name used in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The kind inside a sentence.
    #[must_use]
    pub fn noun(self) -> Noun {
        self.spec().noun
    }

    /// The kind with its article, for messages: "an organization relationship", "an OAuth
    /// link", "a send connector".
    #[must_use]
    pub fn with_article(self) -> String {
        self.noun().with_article()
    }

    /// The node kinds allowed at the `from` end (format.md's table).
    #[must_use]
    pub fn allowed_from(self) -> &'static [NodeKind] {
        self.spec().from
    }

    /// The node kinds allowed at the `to` end (format.md's table).
    #[must_use]
    pub fn allowed_to(self) -> &'static [NodeKind] {
        self.spec().to
    }

    /// Whether a link of this kind may join these node kinds.
    #[must_use]
    pub fn allows(self, from: NodeKind, to: NodeKind) -> bool {
        self.allowed_from().contains(&from) && self.allowed_to().contains(&to)
    }

    /// Whether this kind has the `enabled` field.
    #[must_use]
    pub fn has_enabled(self) -> bool {
        self.spec().has_enabled
    }

    /// Whether this kind has the `direction` field.
    #[must_use]
    pub fn has_direction(self) -> bool {
        self.spec().has_direction
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------
// Link ends
// ---------------------------------------------------------------------------------------

/// Why two nodes cannot be connected by a link of some kind. The message is a sentence
/// for the status bar that names the node kinds.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConnectRefusal {
    /// An end does not exist.
    #[error("there is no node with id `{0}`")]
    MissingNode(NodeId),
    /// The `from` end is of a kind the link cannot start at.
    #[error("{}", wrong_end(*link, End::Start, *found, *swap_helps))]
    WrongStart {
        /// The link kind being drawn.
        link: LinkKind,
        /// The kind of the node it was started at.
        found: NodeKind,
        /// Drawing it the other way round would be allowed.
        swap_helps: bool,
    },
    /// The `to` end is of a kind the link cannot end at.
    #[error("{}", wrong_end(*link, End::End, *found, *swap_helps))]
    WrongEnd {
        /// The link kind being drawn.
        link: LinkKind,
        /// The kind of the node it was ended at.
        found: NodeKind,
        /// Drawing it the other way round would be allowed.
        swap_helps: bool,
    },
    /// Both ends are the same node.
    #[error("{} cannot join a node to itself", capitalize(&link.with_article()))]
    SelfLink {
        /// The link kind being drawn.
        link: LinkKind,
    },
    /// The same kind of link already joins these two nodes.
    #[error("there is already {} from {from} to {to}", link.with_article())]
    Duplicate {
        /// The link kind being drawn.
        link: LinkKind,
        /// The name of the `from` node.
        from: String,
        /// The name of the `to` node.
        to: String,
    },
}

impl ConnectRefusal {
    /// The reason as a sentence for the status bar.
    #[must_use]
    pub fn reason(&self) -> String {
        capitalize(&self.to_string())
    }
}

#[derive(Clone, Copy)]
enum End {
    Start,
    End,
}

/// "A send connector must start at an Exchange server or Edge Transport server, not at a
/// load balancer".
fn wrong_end(link: LinkKind, end: End, found: NodeKind, swap_helps: bool) -> String {
    let (verb, allowed) = match end {
        End::Start => ("start", link.allowed_from()),
        End::End => ("end", link.allowed_to()),
    };
    let mut list = String::new();
    for (i, kind) in allowed.iter().enumerate() {
        if i > 0 {
            list.push_str(if i + 1 == allowed.len() { " or " } else { ", " });
        }
        // Only the first noun takes an article: "an Exchange server or Edge Transport server".
        if i == 0 {
            list.push_str(&kind.with_article());
        } else {
            list.push_str(kind.noun().text);
        }
    }
    let mut text = format!(
        "{} must {verb} at {list}, not at {}",
        capitalize(&link.with_article()),
        found.with_article()
    );
    if swap_helps {
        text.push_str("; draw it the other way round");
    }
    text
}

/// Whether a link of this kind may join nodes of these kinds, with the reason if not.
pub fn check_ends(link: LinkKind, from: NodeKind, to: NodeKind) -> Result<(), ConnectRefusal> {
    let swap_helps = link.allows(to, from);
    if !link.allowed_from().contains(&from) {
        return Err(ConnectRefusal::WrongStart {
            link,
            found: from,
            swap_helps,
        });
    }
    if !link.allowed_to().contains(&to) {
        return Err(ConnectRefusal::WrongEnd {
            link,
            found: to,
            swap_helps,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The variants' file names as the derived JSON Schema lists them (`oneOf` of `const`s,
    /// since every variant has a doc comment): written by the derive, not by hand, so a
    /// variant missing from `ALL` cannot hide.
    fn schema_keys<T: JsonSchema>() -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
        let variants = schema["oneOf"].as_array().cloned().unwrap_or_default();
        variants
            .iter()
            .filter_map(|v| v["const"].as_str().map(str::to_owned))
            .collect()
    }

    /// A node kind's place in `ALL`. Exhaustive: a new kind does not compile until it is
    /// given a place, and the test below fails until `ALL` has it there.
    fn node_place(kind: NodeKind) -> usize {
        match kind {
            NodeKind::ExchangeServer => 0,
            NodeKind::EdgeTransport => 1,
            NodeKind::ExchangeOnline => 2,
            NodeKind::FederationGateway => 3,
            NodeKind::SyncServer => 4,
            NodeKind::LoadBalancer => 5,
            NodeKind::SmtpGateway => 6,
            NodeKind::HybridAgent => 7,
            NodeKind::Note => 8,
        }
    }

    /// A link kind's place in `ALL`, as [`node_place`].
    fn link_place(kind: LinkKind) -> usize {
        match kind {
            LinkKind::SendConnector => 0,
            LinkKind::ReceiveConnector => 1,
            LinkKind::RoutesTo => 2,
            LinkKind::FederationTrust => 3,
            LinkKind::OrganizationRelationship => 4,
            LinkKind::Oauth => 5,
            LinkKind::MigrationEndpoint => 6,
            LinkKind::EdgeSubscription => 7,
            LinkKind::AgentRegistration => 8,
            LinkKind::DirectorySync => 9,
        }
    }

    #[test]
    fn node_kind_all_lists_every_kind_once_in_its_place() {
        for (i, kind) in NodeKind::ALL.into_iter().enumerate() {
            assert_eq!(node_place(kind), i, "{kind:?} is out of place in ALL");
        }
        let keys: Vec<&str> = NodeKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys, schema_keys::<NodeKind>(), "ALL misses a kind");
    }

    #[test]
    fn link_kind_all_lists_every_kind_once_in_its_place() {
        for (i, kind) in LinkKind::ALL.into_iter().enumerate() {
            assert_eq!(link_place(kind), i, "{kind:?} is out of place in ALL");
        }
        let keys: Vec<&str> = LinkKind::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys, schema_keys::<LinkKind>(), "ALL misses a kind");
    }

    #[test]
    fn every_key_is_the_serde_name_of_its_kind() {
        for kind in NodeKind::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.key().into()));
        }
        for kind in LinkKind::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(kind.key().into()));
        }
    }

    #[test]
    fn new_names_of_node_kinds_differ() {
        let stems: HashSet<&str> = NodeKind::ALL
            .iter()
            .map(|k| k.spec().naming.stem())
            .collect();
        assert_eq!(stems.len(), NodeKind::ALL.len());
    }

    #[test]
    fn nouns_take_their_articles() {
        assert_eq!(
            NodeKind::EdgeTransport.with_article(),
            "an Edge Transport server"
        );
        assert_eq!(NodeKind::LoadBalancer.with_article(), "a load balancer");
        assert_eq!(NodeKind::SmtpGateway.with_article(), "an SMTP gateway");
        assert_eq!(NodeKind::ExchangeOnline.with_article(), "Exchange Online");
        assert_eq!(
            NodeKind::FederationGateway.with_article(),
            "the Microsoft Federation Gateway"
        );
        assert_eq!(
            LinkKind::OrganizationRelationship.with_article(),
            "an organization relationship"
        );
        assert_eq!(LinkKind::Oauth.with_article(), "an OAuth link");
        assert_eq!(
            LinkKind::EdgeSubscription.with_article(),
            "an Edge Subscription"
        );
    }

    #[test]
    fn forwarding_kinds_forward_over_links_that_start_at_them() {
        for kind in NodeKind::ALL {
            if let Some(via) = kind.forwards_over() {
                assert!(via.allowed_from().contains(&kind), "{kind:?} over {via:?}");
            }
            if kind.relays_mail() {
                assert_eq!(kind.forwards_over(), Some(LinkKind::RoutesTo), "{kind:?}");
            }
        }
    }
}
