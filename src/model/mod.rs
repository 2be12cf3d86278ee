//! The topology document: plain data, exactly the file format of `docs/format.md`.
//!
//! The types here are both the in-memory model and the wire format (serde + schemars), so
//! the loader, the saver and the JSON Schema can never disagree. Kind-specific fields are
//! kept flat and optional, as in the file, so that an absent field stays absent after a
//! round trip (plans diff well in git); accessors such as [`Node::zone`] apply the defaults.

mod date;
mod format11;
mod ids;
mod kinds;
mod link;
mod node;

pub mod generate;

pub use date::{Date, DateError, YearMonth};
pub use format11::{CertService, Certificate, Cloud, PublicFolders, host_of_url, same_name};
pub use ids::{LinkId, NodeId};
pub use kinds::{
    Article, CARD_SIZE, ConnectRefusal, KindGroup, LinkKind, LinkKindSpec, Naming, NodeKind,
    NodeKindSpec, Noun, Tier, Traffic, check_ends,
};
pub use link::{Direction, Link, TlsAuth};
pub use node::{Build, DEFAULT_SITE, Node, Pos, Role, SyncTool, Update, Version, Zone};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The value of the `format` field of every topology document.
pub const FORMAT_NAME: &str = "exchange-hybrid-topology";
/// The newest `format_version` this program reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole topology plan: the hybrid settings, the nodes on the canvas and their links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Exchange hybrid topology document")]
pub struct Document {
    /// Always `exchange-hybrid-topology`.
    pub format: String,
    /// The version of the file format; this program writes [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Shown in the window title, exports and presentations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the plan wants of the hybrid deployment.
    #[serde(default)]
    pub hybrid: Hybrid,
    /// Things on the canvas.
    #[serde(default)]
    pub nodes: Vec<Node>,
    /// Connections between nodes.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Ordered presentation views (slides); an optional addition to format version 1.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Fields this version does not know, kept so a round trip loses nothing.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

impl Default for Document {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            format_version: FORMAT_VERSION,
            title: None,
            description: None,
            hybrid: Hybrid::default(),
            nodes: Vec::new(),
            links: Vec::new(),
            views: Vec::new(),
            extra: Map::new(),
        }
    }
}

impl Document {
    /// A new empty plan with the given title.
    #[must_use]
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: Some(title.into()),
            ..Self::default()
        }
    }

    /// The node with this id. Linear: callers that look up many ids build an index once.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    /// The node with this id, mutable.
    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.id.as_str() == id)
    }

    /// The link with this id.
    #[must_use]
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id.as_str() == id)
    }

    /// The link with this id, mutable.
    pub fn link_mut(&mut self, id: &str) -> Option<&mut Link> {
        self.links.iter_mut().find(|l| l.id.as_str() == id)
    }

    /// The title, or a neutral name for an untitled plan.
    #[must_use]
    pub fn display_title(&self) -> &str {
        match self.title.as_deref() {
            Some(t) if !t.trim().is_empty() => t,
            _ => "Untitled plan",
        }
    }
}

/// The plan's hybrid settings (`hybrid` in the file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Hybrid {
    /// Full, minimal or draft hybrid.
    #[serde(default)]
    pub mode: Mode,
    /// Classic or modern (Hybrid Agent) topology.
    #[serde(default)]
    pub topology: Topology,
    /// The hybrid features the plan wants; absent means [`Feature::DEFAULTS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<Feature>>,
    /// The SMTP domains shared between the two organizations.
    #[serde(default)]
    pub domains: Vec<String>,
    /// `YYYY-MM-DD`; absent means the day the validator runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub evaluation_date: Option<String>,
    /// On-premises accepted domains; absent or `null`: not modeled. Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_domains: Option<Vec<String>>,
    /// Where the public folders live (default `none`). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_folders: Option<PublicFolders>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

impl Default for Hybrid {
    fn default() -> Self {
        Self {
            mode: Mode::Full,
            topology: Topology::Classic,
            features: None,
            domains: Vec::new(),
            evaluation_date: None,
            accepted_domains: None,
            public_folders: None,
            extra: Map::new(),
        }
    }
}

impl Hybrid {
    /// Whether the plan wants this feature (the defaults apply when `features` is absent).
    #[must_use]
    pub fn wants(&self, feature: Feature) -> bool {
        match &self.features {
            Some(list) => list.contains(&feature),
            None => Feature::DEFAULTS.contains(&feature),
        }
    }

    /// The wanted features, defaults applied.
    #[must_use]
    pub fn wanted_features(&self) -> Vec<Feature> {
        match &self.features {
            Some(list) => list.clone(),
            None => Feature::DEFAULTS.to_vec(),
        }
    }
}

/// `hybrid.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Mail flow, sharing and moves (Hybrid Configuration Wizard "Full").
    #[default]
    Full,
    /// Mailbox moves and directory sync only.
    Minimal,
    /// Still sketching: only structural rules run.
    Draft,
}

/// `hybrid.topology`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topology {
    /// Exchange Online talks to published on-premises endpoints.
    #[default]
    Classic,
    /// The Hybrid Agent carries free/busy and mailbox moves.
    Modern,
}

/// A hybrid feature of `hybrid.features`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// Free/busy sharing.
    FreeBusy,
    /// Mail tips (Outlook's `MailTips`).
    MailTips,
    /// Message tracking across the organizations.
    MessageTracking,
    /// Outlook on the web redirection.
    OwaRedirection,
    /// Exchange Online Archiving.
    OnlineArchive,
    /// Secure (TLS) mail between the organizations.
    SecureMail,
    /// Contact photos.
    Photos,
    /// Mailbox moves.
    MoveMailbox,
    /// Centralized mail transport through on-premises.
    CentralizedTransport,
    /// Multi-mailbox (eDiscovery) search.
    MultiMailboxSearch,
    /// Hybrid Modern Authentication.
    HybridModernAuth,
}

impl Feature {
    /// Every feature, in the order of the format spec.
    pub const ALL: [Feature; 11] = [
        Feature::FreeBusy,
        Feature::MailTips,
        Feature::MessageTracking,
        Feature::OwaRedirection,
        Feature::OnlineArchive,
        Feature::SecureMail,
        Feature::Photos,
        Feature::MoveMailbox,
        Feature::CentralizedTransport,
        Feature::MultiMailboxSearch,
        Feature::HybridModernAuth,
    ];
    /// The features a plan wants when `features` is absent.
    pub const DEFAULTS: [Feature; 8] = [
        Feature::FreeBusy,
        Feature::MailTips,
        Feature::MessageTracking,
        Feature::OwaRedirection,
        Feature::OnlineArchive,
        Feature::SecureMail,
        Feature::Photos,
        Feature::MoveMailbox,
    ];

    /// The name used in the file.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Feature::FreeBusy => "free_busy",
            Feature::MailTips => "mail_tips",
            Feature::MessageTracking => "message_tracking",
            Feature::OwaRedirection => "owa_redirection",
            Feature::OnlineArchive => "online_archive",
            Feature::SecureMail => "secure_mail",
            Feature::Photos => "photos",
            Feature::MoveMailbox => "move_mailbox",
            Feature::CentralizedTransport => "centralized_transport",
            Feature::MultiMailboxSearch => "multi_mailbox_search",
            Feature::HybridModernAuth => "hybrid_modern_auth",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Feature::FreeBusy => "Free/busy",
            Feature::MailTips => "MailTips",
            Feature::MessageTracking => "Message tracking",
            Feature::OwaRedirection => "Outlook on the web redirection",
            Feature::OnlineArchive => "Online archive",
            Feature::SecureMail => "Secure mail",
            Feature::Photos => "Photos",
            Feature::MoveMailbox => "Mailbox moves",
            Feature::CentralizedTransport => "Centralized mail transport",
            Feature::MultiMailboxSearch => "Multi-mailbox search",
            Feature::HybridModernAuth => "Hybrid Modern Authentication",
        }
    }
}

/// A presentation view (slide): a title, a caption, a camera and what it highlights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct View {
    /// Shown at the top of the slide.
    pub title: String,
    /// Shown under the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// The visible region of the canvas, in canvas coordinates.
    pub camera: Camera,
    /// Nodes shown at full strength; when both lists are empty nothing is dimmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeId>,
    /// Links shown at full strength.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkId>,
    /// Fields this version does not know.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

/// A region of the canvas: its top-left corner and size in canvas coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Camera {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (positive).
    pub width: f64,
    /// Height (positive).
    pub height: f64,
}
