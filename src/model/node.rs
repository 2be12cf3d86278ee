//! Nodes: the things on the canvas.

use super::{Certificate, Cloud, NodeId, NodeKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// A node on the canvas. Kind-specific fields are optional and flat, as in the file; the
/// accessors ([`Node::zone`], [`Node::update`], ...) apply the format's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Node {
    /// Unique in the file; links refer to it; never shown as a name.
    pub id: NodeId,
    /// What the node is.
    pub kind: NodeKind,
    /// The label on the canvas.
    pub name: String,
    /// Canvas coordinates; nodes without one are laid out automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Pos>,
    /// Free text shown in the inspector and in presentations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Exchange version (`exchange_server`, `edge_transport`; required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Version>,
    /// Server roles (`exchange_server`; default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// Active Directory site (`exchange_server`; default `Default-First-Site-Name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Network zone (`internal` for servers, `perimeter` for Edge by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// How current the cumulative update is (default `latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<Update>,
    /// Exact build; absent means current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<Build>,
    /// MRS Proxy enabled on the EWS virtual directory (`exchange_server`; default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrs_proxy: Option<bool>,
    /// Month of the newest security or hotfix update installed, `YYYY-MM`
    /// (`exchange_server`, `edge_transport`; absent: current). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}$"))]
    pub update_month: Option<String>,
    /// The EWS virtual directory's `ExternalUrl` (`exchange_server`). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ews_external_url: Option<String>,
    /// FQDNs in public DNS that resolve to this node (servers, Edge, load balancers, SMTP
    /// gateways; default none). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_names: Option<Vec<String>>,
    /// TCP ports the perimeter firewall forwards from the Internet to this node (servers,
    /// Edge, load balancers, SMTP gateways); absent or `null`: not modeled. Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_ports: Option<Vec<u16>>,
    /// The third-party certificate bound to the hybrid services (`exchange_server`,
    /// `edge_transport`); absent: not modeled. Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Certificate>,
    /// Tenant name (`exchange_online`), e.g. `contoso`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// Custom domains verified in the tenant (`exchange_online`); absent or `null`: not
    /// modeled. The tenant's `onmicrosoft.com` domains are implied. Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    /// The dedicated Exchange hybrid app exists in Entra ID and is enabled on-premises
    /// (`exchange_online`); absent: not stated. Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_hybrid_app: Option<bool>,
    /// The Microsoft 365 cloud instance (`exchange_online`; default `worldwide`). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<Cloud>,
    /// Directory sync tool (`sync_server`; default `entra_connect`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<SyncTool>,
    /// Whether the device inspects SMTP (`smtp_gateway`; default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspects_smtp: Option<bool>,
    /// The load balancer pre-authenticates HTTPS as a reverse proxy (`load_balancer`;
    /// default false). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preauth: Option<bool>,
    /// The load balancer terminates TLS and does not re-encrypt towards Exchange
    /// (`load_balancer`; default false). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_offload: Option<bool>,
    /// Text of a `note`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Fields this version does not know, kept for the round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

/// The site a server without one is in.
pub const DEFAULT_SITE: &str = "Default-First-Site-Name";

impl Node {
    /// A node of this kind with no kind-specific fields set.
    #[must_use]
    pub fn new(id: impl Into<NodeId>, kind: NodeKind, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            kind,
            name: name.into(),
            position: None,
            notes: None,
            version: None,
            roles: None,
            site: None,
            zone: None,
            update: None,
            build: None,
            mrs_proxy: None,
            update_month: None,
            ews_external_url: None,
            public_names: None,
            inbound_ports: None,
            certificate: None,
            tenant: None,
            domains: None,
            dedicated_hybrid_app: None,
            cloud: None,
            tool: None,
            inspects_smtp: None,
            preauth: None,
            ssl_offload: None,
            text: None,
            extra: Map::new(),
        }
    }

    /// An on-premises Exchange server of this version with these roles.
    #[must_use]
    pub fn server(
        id: impl Into<NodeId>,
        name: impl Into<String>,
        version: Version,
        roles: &[Role],
    ) -> Self {
        let mut n = Self::new(id, NodeKind::ExchangeServer, name);
        n.version = Some(version);
        n.roles = Some(roles.to_vec());
        n
    }

    /// Builder-style position.
    #[must_use]
    pub fn at(mut self, x: f64, y: f64) -> Self {
        self.position = Some(Pos { x, y });
        self
    }

    /// The roles (none when absent).
    #[must_use]
    pub fn roles(&self) -> &[Role] {
        self.roles.as_deref().unwrap_or(&[])
    }

    /// Whether the server has this role.
    #[must_use]
    pub fn has_role(&self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// The AD site, default applied.
    #[must_use]
    pub fn site(&self) -> &str {
        self.site.as_deref().unwrap_or(DEFAULT_SITE)
    }

    /// The zone, with the kind's default applied.
    #[must_use]
    pub fn zone(&self) -> Zone {
        self.zone.unwrap_or(match self.kind {
            // A third-party SMTP device stands in front of Exchange: the DMZ unless the
            // plan says otherwise.
            NodeKind::EdgeTransport | NodeKind::SmtpGateway => Zone::Perimeter,
            NodeKind::ExchangeServer
            | NodeKind::ExchangeOnline
            | NodeKind::FederationGateway
            | NodeKind::SyncServer
            | NodeKind::LoadBalancer
            | NodeKind::HybridAgent
            | NodeKind::Note => Zone::Internal,
        })
    }

    /// The update level, default `latest`.
    #[must_use]
    pub fn update(&self) -> Update {
        self.update.unwrap_or(Update::Latest)
    }

    /// MRS Proxy, default off.
    #[must_use]
    pub fn mrs_proxy(&self) -> bool {
        self.mrs_proxy.unwrap_or(false)
    }

    /// Directory sync tool, default Entra Connect.
    #[must_use]
    pub fn tool(&self) -> SyncTool {
        self.tool.unwrap_or(SyncTool::EntraConnect)
    }

    /// Whether an SMTP gateway inspects SMTP, default true.
    #[must_use]
    pub fn inspects_smtp(&self) -> bool {
        self.inspects_smtp.unwrap_or(true)
    }
}

/// Canvas coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Pos {
    /// Horizontal, growing to the right.
    pub x: f64,
    /// Vertical, growing downwards.
    pub y: f64,
}

/// An Exchange Server version, ordered `2010 < 2013 < 2016 < 2019 < se`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Version {
    /// Exchange Server 2010.
    #[serde(rename = "2010")]
    V2010,
    /// Exchange Server 2013.
    #[serde(rename = "2013")]
    V2013,
    /// Exchange Server 2016.
    #[serde(rename = "2016")]
    V2016,
    /// Exchange Server 2019.
    #[serde(rename = "2019")]
    V2019,
    /// Exchange Server Subscription Edition.
    #[serde(rename = "se")]
    Se,
}

impl Version {
    /// Every version, oldest first.
    pub const ALL: [Version; 5] = [
        Version::V2010,
        Version::V2013,
        Version::V2016,
        Version::V2019,
        Version::Se,
    ];

    /// The name used in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Version::V2010 => "2010",
            Version::V2013 => "2013",
            Version::V2016 => "2016",
            Version::V2019 => "2019",
            Version::Se => "se",
        }
    }

    /// A short name for badges ("2013", "SE").
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Version::Se => "SE",
            v => v.key(),
        }
    }

    /// "2016+": 2016, 2019 or Subscription Edition.
    #[must_use]
    pub fn is_2016_plus(self) -> bool {
        self >= Version::V2016
    }

    /// The roles a server of this version can have.
    #[must_use]
    pub fn allowed_roles(self) -> &'static [Role] {
        match self {
            Version::V2010 => &[
                Role::Mailbox,
                Role::ClientAccess,
                Role::HubTransport,
                Role::UnifiedMessaging,
            ],
            Version::V2013 => &[Role::Mailbox, Role::ClientAccess],
            Version::V2016 | Version::V2019 | Version::Se => &[Role::Mailbox],
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Se => f.write_str("Subscription Edition"),
            v => write!(f, "{}", v.key()),
        }
    }
}

/// An Exchange server role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Mailbox.
    Mailbox,
    /// Client Access.
    ClientAccess,
    /// Hub Transport (2010).
    HubTransport,
    /// Unified Messaging (2010).
    UnifiedMessaging,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [
        Role::Mailbox,
        Role::ClientAccess,
        Role::HubTransport,
        Role::UnifiedMessaging,
    ];

    /// The name used in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Role::Mailbox => "mailbox",
            Role::ClientAccess => "client_access",
            Role::HubTransport => "hub_transport",
            Role::UnifiedMessaging => "unified_messaging",
        }
    }

    /// The badge abbreviation ("MBX", "CAS", "HUB", "UM").
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Role::Mailbox => "MBX",
            Role::ClientAccess => "CAS",
            Role::HubTransport => "HUB",
            Role::UnifiedMessaging => "UM",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Role::Mailbox => "Mailbox",
            Role::ClientAccess => "Client Access",
            Role::HubTransport => "Hub Transport",
            Role::UnifiedMessaging => "Unified Messaging",
        }
    }
}

/// Network zone of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// The internal network.
    Internal,
    /// The perimeter network (DMZ).
    Perimeter,
    /// The Internet, in front of the perimeter (a hosted SMTP gateway, say).
    Internet,
}

/// How current a server's cumulative update is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Update {
    /// The latest CU.
    Latest,
    /// The CU before the latest (still supported).
    Previous,
    /// Older than that.
    Older,
}

/// An exact build: a cumulative update (2013+) or a service pack and update rollup (2010).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Build {
    /// `{"cu": n}`.
    Cu {
        /// Cumulative update number.
        cu: u32,
    },
    /// `{"sp": n, "ru": n}`.
    SpRu {
        /// Service pack number.
        sp: u32,
        /// Update rollup number.
        ru: u32,
    },
}

/// The directory synchronization tool of a `sync_server`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SyncTool {
    /// Microsoft Entra Connect (Sync).
    EntraConnect,
    /// Microsoft Entra Cloud Sync.
    CloudSync,
}
