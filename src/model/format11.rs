//! The optional fields of format 1.1 (`docs/format.md`, "Optional fields of format 1.1"):
//! certificates, public names, inbound ports, EWS URLs, update months, load balancer
//! pre-authentication and TLS offload, tenant domains, the dedicated hybrid app, the cloud
//! instance, accepted domains, public folders, smart hosts and the on-premises OWA URL.
//!
//! The fields themselves sit flat on [`Node`], [`Link`] and [`Hybrid`] like every other
//! field; this module holds their types and the accessors that apply the defaults, and the
//! name comparisons the rules of `rules-v2` read them with.

use super::{Date, Hybrid, Link, Node, YearMonth};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The third-party certificate bound to a server's hybrid services (`certificate`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Certificate {
    /// Subject common name: an FQDN or `*.domain`.
    pub subject: String,
    /// Subject alternative names (the subject counts too; default none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    /// The issuing CA as `Get-ExchangeCertificate` shows it (default empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Issued by a public CA (default true); `false` is self-signed or an internal CA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ca: Option<bool>,
    /// Services assigned with `Enable-ExchangeCertificate -Services` (default IIS and SMTP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<CertService>>,
    /// Expiry date, `YYYY-MM-DD`; absent: not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub not_after: Option<String>,
    /// Fields this version does not know, kept for the round trip.
    #[serde(flatten)]
    #[schemars(skip)]
    pub extra: Map<String, Value>,
}

impl Certificate {
    /// The services a certificate has when `services` is absent.
    pub const DEFAULT_SERVICES: [CertService; 2] = [CertService::Iis, CertService::Smtp];

    /// A certificate for `subject` with every other field absent.
    #[must_use]
    pub fn new(subject: impl Into<String>) -> Self {
        Self {
            subject: subject.into(),
            names: None,
            issuer: None,
            public_ca: None,
            services: None,
            not_after: None,
            extra: Map::new(),
        }
    }

    /// The subject alternative names (none when absent).
    #[must_use]
    pub fn names(&self) -> &[String] {
        self.names.as_deref().unwrap_or(&[])
    }

    /// The issuer, empty when absent.
    #[must_use]
    pub fn issuer(&self) -> &str {
        self.issuer.as_deref().unwrap_or("")
    }

    /// Issued by a public CA, default true.
    #[must_use]
    pub fn public_ca(&self) -> bool {
        self.public_ca.unwrap_or(true)
    }

    /// The assigned services, default IIS and SMTP.
    #[must_use]
    pub fn services(&self) -> &[CertService] {
        self.services.as_deref().unwrap_or(&Self::DEFAULT_SERVICES)
    }

    /// Whether this service is assigned.
    #[must_use]
    pub fn has_service(&self, service: CertService) -> bool {
        self.services().contains(&service)
    }

    /// The expiry date; `None` when absent or not a date (the loader refuses those).
    #[must_use]
    pub fn expiry(&self) -> Option<Date> {
        self.not_after
            .as_deref()
            .and_then(|d| Date::parse(d.trim()).ok())
    }

    /// `covers(c, h)`: the host is the subject or one of the names, or a name `*.r` has
    /// `h = x.r` with `x` a single label (ordinary TLS wildcard matching). Case-insensitive.
    #[must_use]
    pub fn covers(&self, host: &str) -> bool {
        let host = trim_name(host);
        if host.is_empty() {
            return false;
        }
        std::iter::once(&self.subject)
            .chain(self.names())
            .any(|name| {
                let name = trim_name(name);
                same_name(name, host)
                    || name.strip_prefix("*.").is_some_and(|rest| {
                        host.split_once('.')
                            .is_some_and(|(label, tail)| !label.is_empty() && same_name(rest, tail))
                    })
            })
    }
}

/// A service of `Enable-ExchangeCertificate -Services` (Federation excluded).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum CertService {
    /// Internet Information Services: Autodiscover, EWS, OWA, MRS Proxy.
    Iis,
    /// SMTP (hybrid mail flow).
    Smtp,
    /// IMAP4.
    Imap,
    /// POP3.
    Pop,
    /// Unified Messaging.
    Um,
    /// Unified Messaging Call Router.
    UmCallRouter,
}

impl CertService {
    /// The name `Enable-ExchangeCertificate -Services` uses ("IIS", "SMTP").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            CertService::Iis => "IIS",
            CertService::Smtp => "SMTP",
            CertService::Imap => "IMAP",
            CertService::Pop => "POP",
            CertService::Um => "UM",
            CertService::UmCallRouter => "UMCallRouter",
        }
    }
}

/// The Microsoft 365 cloud instance of an `exchange_online` node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    /// Microsoft 365 worldwide (commercial, GCC).
    #[default]
    Worldwide,
    /// Microsoft 365 GCC High.
    GccHigh,
    /// Microsoft 365 for the US Department of Defense.
    Dod,
    /// Microsoft 365 operated by 21Vianet (China).
    China,
}

/// Where the public folders live (`hybrid.public_folders`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PublicFolders {
    /// No public folders.
    #[default]
    None,
    /// On-premises public folders.
    OnPremises,
    /// Public folders in Exchange Online.
    Online,
}

impl Node {
    /// The public DNS names of this node (none when absent).
    #[must_use]
    pub fn public_names(&self) -> &[String] {
        self.public_names.as_deref().unwrap_or(&[])
    }

    /// The forwarded inbound ports; `None` when not modeled.
    #[must_use]
    pub fn inbound_ports(&self) -> Option<&[u16]> {
        self.inbound_ports.as_deref()
    }

    /// Whether the inbound ports are modeled and lack this port.
    #[must_use]
    pub fn blocks_port(&self, port: u16) -> bool {
        self.inbound_ports().is_some_and(|p| !p.contains(&port))
    }

    /// The EWS external URL, unless absent or blank.
    #[must_use]
    pub fn ews_external_url(&self) -> Option<&str> {
        non_blank(self.ews_external_url.as_deref())
    }

    /// The update month; `None` when absent (current) or not a month.
    #[must_use]
    pub fn update_month(&self) -> Option<YearMonth> {
        self.update_month
            .as_deref()
            .and_then(|m| YearMonth::parse(m.trim()).ok())
    }

    /// Pre-authentication on a load balancer, default off.
    #[must_use]
    pub fn preauth(&self) -> bool {
        self.preauth.unwrap_or(false)
    }

    /// TLS offload without re-encryption on a load balancer, default off.
    #[must_use]
    pub fn ssl_offload(&self) -> bool {
        self.ssl_offload.unwrap_or(false)
    }

    /// The cloud instance, default worldwide.
    #[must_use]
    pub fn cloud(&self) -> Cloud {
        self.cloud.unwrap_or_default()
    }

    /// The tenant name, unless absent or blank.
    #[must_use]
    pub fn tenant_name(&self) -> Option<&str> {
        non_blank(self.tenant.as_deref())
    }

    /// Whether an `exchange_online` node has this domain: one of `domains`, or the tenant's
    /// own `<tenant>.onmicrosoft.com` and `<tenant>.mail.onmicrosoft.com`. `None` when
    /// `domains` is not modeled.
    #[must_use]
    pub fn tenant_has_domain(&self, domain: &str) -> Option<bool> {
        let domains = self.domains.as_deref()?;
        if domains.iter().any(|d| same_name(d, domain)) {
            return Some(true);
        }
        let implied = self.tenant_name().is_some_and(|t| {
            let domain = trim_name(domain);
            [".onmicrosoft.com", ".mail.onmicrosoft.com"]
                .iter()
                .any(|suffix| {
                    domain.len() == t.trim().len() + suffix.len()
                        && domain.is_char_boundary(t.trim().len())
                        && same_name(&domain[..t.trim().len()], t)
                        && same_name(&domain[t.trim().len()..], suffix)
                })
        });
        Some(implied)
    }
}

impl Link {
    /// The smart host of a receive connector, unless absent or blank.
    #[must_use]
    pub fn smart_host(&self) -> Option<&str> {
        non_blank(self.smart_host.as_deref())
    }

    /// The on-premises Outlook on the web URL of a relationship, unless absent or blank.
    #[must_use]
    pub fn on_premises_owa_url(&self) -> Option<&str> {
        non_blank(self.on_premises_owa_url.as_deref())
    }
}

impl Hybrid {
    /// Where the public folders live, default none.
    #[must_use]
    pub fn public_folders(&self) -> PublicFolders {
        self.public_folders.unwrap_or_default()
    }

    /// Whether the accepted domains are modeled and lack this domain.
    #[must_use]
    pub fn accepted_domains_lack(&self, domain: &str) -> bool {
        self.accepted_domains
            .as_deref()
            .is_some_and(|list| !list.iter().any(|d| same_name(d, domain)))
    }
}

/// A name without surrounding white space or a final dot (`contoso.com.` is `contoso.com`).
fn trim_name(name: &str) -> &str {
    let name = name.trim();
    name.strip_suffix('.').unwrap_or(name)
}

/// Whether two DNS names are the same, without regard to letter case, white space around
/// them or a final dot.
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (trim_name(a), trim_name(b));
    // Most names are ASCII: equal lengths and equal letters decide without lower-casing.
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        false
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// `host(u)`: the host of a URL, lower-cased, without user, port or path
/// (`https://Mail.Contoso.com:443/EWS/Exchange.asmx` → `mail.contoso.com`). Text without a
/// scheme is read as starting with the host. `None` when there is no host.
#[must_use]
pub fn host_of_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host_port.starts_with('[') {
        // An IPv6 literal keeps its colons.
        host_port.split_inclusive(']').next().unwrap_or(host_port)
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    let host = trim_name(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    fn cert(subject: &str, names: &[&str]) -> Certificate {
        let mut c = Certificate::new(subject);
        c.names = Some(names.iter().map(|&n| n.to_owned()).collect());
        c
    }

    #[test]
    fn a_wildcard_covers_one_label_but_not_two_nor_the_bare_domain() {
        let c = cert("*.contoso.com", &[]);
        assert!(c.covers("mail.contoso.com"));
        assert!(c.covers("AUTODISCOVER.Contoso.com"));
        assert!(!c.covers("a.b.contoso.com"));
        assert!(!c.covers("contoso.com"));
        assert!(!c.covers(".contoso.com"));
        assert!(!c.covers("mail.fabrikam.com"));
    }

    #[test]
    fn the_subject_and_the_names_both_count_without_regard_to_case() {
        let c = cert("Mail.Contoso.com", &["autodiscover.contoso.com"]);
        assert!(c.covers("mail.contoso.com"));
        assert!(c.covers("autodiscover.contoso.com."));
        assert!(!c.covers("owa.contoso.com"));
        assert!(!c.covers(""));
    }

    #[test]
    fn absent_certificate_fields_take_the_format_defaults() {
        let c = Certificate::new("mail.contoso.com");
        assert_eq!(c.services(), [CertService::Iis, CertService::Smtp]);
        assert!(c.public_ca());
        assert_eq!(c.issuer(), "");
        assert!(c.names().is_empty());
        assert_eq!(c.expiry(), None);
    }

    #[test]
    fn hosts_come_from_urls_without_scheme_user_port_or_path() {
        assert_eq!(
            host_of_url("https://Mail.Contoso.com:443/EWS/Exchange.asmx").as_deref(),
            Some("mail.contoso.com")
        );
        assert_eq!(
            host_of_url("http://user@owa.contoso.com/owa").as_deref(),
            Some("owa.contoso.com")
        );
        assert_eq!(
            host_of_url("mail.contoso.com/owa").as_deref(),
            Some("mail.contoso.com")
        );
        assert_eq!(host_of_url("https:///owa"), None);
        assert_eq!(host_of_url("  "), None);
    }

    #[test]
    fn tenant_domains_imply_the_onmicrosoft_domains_only_when_modeled() {
        let mut x = Node::new("x", NodeKind::ExchangeOnline, "Tenant");
        x.tenant = Some("contoso".into());
        assert_eq!(x.tenant_has_domain("contoso.com"), None);
        x.domains = Some(vec!["Contoso.com".into()]);
        assert_eq!(x.tenant_has_domain("contoso.com"), Some(true));
        assert_eq!(x.tenant_has_domain("contoso.onmicrosoft.com"), Some(true));
        assert_eq!(
            x.tenant_has_domain("CONTOSO.mail.onmicrosoft.com"),
            Some(true)
        );
        assert_eq!(x.tenant_has_domain("fabrikam.onmicrosoft.com"), Some(false));
        assert_eq!(x.tenant_has_domain("fabrikam.com"), Some(false));
    }
}
