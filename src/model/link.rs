//! Links: connections between nodes.

use super::{LinkId, LinkKind, NodeId, Pos};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A connection between two nodes. Kind-specific fields are optional and flat, as in the
/// file; the accessors apply the format's defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    /// Unique in the file.
    pub id: LinkId,
    /// What the link is.
    pub kind: LinkKind,
    /// The source node's id.
    pub from: NodeId,
    /// The target node's id.
    pub to: NodeId,
    /// Shown on the canvas instead of the default label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Forced TLS (connectors; default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub require_tls: Option<bool>,
    /// TLS authentication level (connectors; default `domain_validation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_auth: Option<TlsAuth>,
    /// The send connector is marked for cloud services mail (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_services_mail: Option<bool>,
    /// The receive side trusts mail from Exchange Online (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_cloud_mail: Option<bool>,
    /// Enabled (connectors, relationships, OAuth; default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Direction (relationships, OAuth; default `both`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The Outlook on the web URL of an organization relationship.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owa_url: Option<String>,
    /// The on-premises Outlook on the web URL of an organization relationship (the
    /// `TargetOwaURL` of the Exchange Online to on-premises relationship). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_premises_owa_url: Option<String>,
    /// The FQDN Exchange Online's outbound connector connects to (`receive_connector`; the
    /// wizard's "Organization FQDN"). Format 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smart_host: Option<String>,
    /// Manual bend points, in canvas coordinates: the route passes through them in order
    /// instead of being found around the cards. Format 1.1; empty (and left out) by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bends: Vec<Pos>,
    /// Fields this version does not know, kept for the round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

impl Link {
    /// A link of this kind with no kind-specific fields set.
    #[must_use]
    pub fn new(
        id: impl Into<LinkId>,
        kind: LinkKind,
        from: impl Into<NodeId>,
        to: impl Into<NodeId>,
    ) -> Self {
        Self {
            id: id.into(),
            kind,
            from: from.into(),
            to: to.into(),
            label: None,
            notes: None,
            require_tls: None,
            tls_auth: None,
            cloud_services_mail: None,
            accepts_cloud_mail: None,
            enabled: None,
            direction: None,
            owa_url: None,
            on_premises_owa_url: None,
            smart_host: None,
            bends: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Whether the link is enabled (default true). Kinds without the field are always enabled.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.enabled.unwrap_or(true)
    }

    /// Forced TLS, default true.
    #[must_use]
    pub fn require_tls(&self) -> bool {
        self.require_tls.unwrap_or(true)
    }

    /// TLS authentication, default domain validation.
    #[must_use]
    pub fn tls_auth(&self) -> TlsAuth {
        self.tls_auth.unwrap_or(TlsAuth::DomainValidation)
    }

    /// Cloud services mail, default true.
    #[must_use]
    pub fn cloud_services_mail(&self) -> bool {
        self.cloud_services_mail.unwrap_or(true)
    }

    /// Accepts cloud mail, default true.
    #[must_use]
    pub fn accepts_cloud_mail(&self) -> bool {
        self.accepts_cloud_mail.unwrap_or(true)
    }

    /// Direction, default both.
    #[must_use]
    pub fn direction(&self) -> Direction {
        self.direction.unwrap_or(Direction::Both)
    }
}

/// TLS authentication level of a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TlsAuth {
    /// The certificate's domain is checked.
    DomainValidation,
    /// The certificate is validated.
    CertificateValidation,
    /// Encrypted, not authenticated.
    EncryptionOnly,
    /// No TLS authentication.
    None,
}

/// Direction of an organization relationship or OAuth configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Both organizations.
    Both,
    /// From on-premises to Exchange Online only.
    ToOnline,
    /// From Exchange Online to on-premises only.
    ToOnPremises,
}
