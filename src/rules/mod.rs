//! The validator: Microsoft's documented rules for Exchange hybrid deployments
//! (`docs/rules.md`, version 1 and the additions of version 2), as a pure function of the
//! document and the day it is judged on.

pub(crate) mod certificates;
mod context;
mod domains;
mod identity;
mod lifecycle;
mod model_roles;
mod modern_auth;
mod namespaces;
mod perimeter;
mod public_folders;
mod published;
mod sharing;
mod transport;
mod versions;

use crate::model::{Date, Document, LinkId, Mode, NodeId, Topology};
use context::Context;
use serde::{Serialize, Serializer};
use std::fmt;

/// How serious a finding is. Ordered errors first, so sorting puts them on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Documented as unsupported or not working.
    Error,
    /// Documented as not recommended, or a feature will be degraded.
    Warning,
    /// Documented best practice.
    Info,
}

impl Severity {
    /// The lower-case name used in output (`error`, `warning`, `info`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One problem the validator found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id, e.g. `R-ROLE-2013-CAS`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// A sentence naming the servers or links concerned.
    pub message: String,
    /// The nodes it is about (the canvas highlights them).
    pub nodes: Vec<NodeId>,
    /// The links it is about.
    pub links: Vec<LinkId>,
    /// The suggested fix.
    pub fix: String,
    /// The documentation page the rule comes from.
    pub source: &'static str,
}

/// How many findings of each severity (the CLI's JSON `counts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

/// Count findings by severity.
#[must_use]
pub fn counts(findings: &[Finding]) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match f.severity {
            Severity::Error => c.error += 1,
            Severity::Warning => c.warning += 1,
            Severity::Info => c.info += 1,
        }
    }
    c
}

/// When a rule runs (the "gate" column of `docs/rules.md`). In `draft` mode only
/// [`Gate::Always`] rules run, and [`Gate::NotDraftOrOnline`] once the plan has an
/// Exchange Online node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gate {
    /// Every document, `draft` included.
    Always,
    /// Mode is not `draft`.
    NotDraft,
    /// Mode is not `draft`, or there is an Exchange Online node.
    NotDraftOrOnline,
    /// Mode is not `draft` and there is an Exchange Online node.
    NotDraftWithOnline,
    /// Mode is not `draft`, `move_mailbox` is wanted, and there is an Exchange Online node.
    NotDraftMovesWithOnline,
    /// Mode is `full` and there is an Exchange Online node.
    FullWithOnline,
    /// Mode is `full`, `secure_mail` is wanted, and there is an Exchange Online node.
    FullSecureMailWithOnline,
    /// Mode is not `draft` and the topology is `modern`.
    NotDraftModern,
    /// The topology is `modern` (and, like every gated rule, mode is not `draft`).
    Modern,
    /// Mode is `full` and `secure_mail` is wanted.
    FullSecureMail,
    /// Mode is `full`, `secure_mail` is wanted, and an Exchange Online node models its
    /// verified domains.
    FullSecureMailTenantDomains,
    /// Mode is not `draft`, there is an Exchange Online node, and some node has public names.
    NotDraftWithOnlineNamespaces,
    /// Mode is not `draft`, the topology is `classic`, and there is an Exchange Online node.
    NotDraftClassicWithOnline,
    /// As [`Gate::NotDraftClassicWithOnline`], and some node has public names or some server
    /// an EWS external URL.
    NotDraftClassicWithOnlineEws,
    /// Mode is `full`, `owa_redirection` is wanted, and some node has public names.
    FullOwaNamespaces,
    /// Mode is `full`, there is an Exchange Online node, free/busy, `MailTips` or photos
    /// are wanted, and the evaluation date is on or after 2025-04-18.
    FullRichWithOnlineAnnounced,
    /// `hybrid_modern_auth` is wanted (and mode is not `draft`).
    HybridModernAuth,
    /// There is an Exchange Online node and the public folders are in Exchange Online (and
    /// mode is not `draft`).
    PublicFoldersOnline,
}

impl Gate {
    /// The gate as written in the catalog.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Gate::Always => "always",
            Gate::NotDraft => "mode ≠ draft",
            Gate::NotDraftOrOnline => "mode ≠ draft, or X not empty",
            Gate::NotDraftWithOnline => "mode ≠ draft, X not empty",
            Gate::NotDraftMovesWithOnline => "mode ≠ draft, move_mailbox wanted, X not empty",
            Gate::FullWithOnline => "mode full, X not empty",
            Gate::FullSecureMailWithOnline => "mode full, secure_mail wanted, X not empty",
            Gate::NotDraftModern => "mode ≠ draft, topology modern",
            Gate::Modern => "topology modern",
            Gate::FullSecureMail => "mode full, secure_mail wanted",
            Gate::FullSecureMailTenantDomains => "mode full, secure_mail wanted, X.domains set",
            Gate::NotDraftWithOnlineNamespaces => "mode ≠ draft, X not empty, NS",
            Gate::NotDraftClassicWithOnline => "mode ≠ draft, topology classic, X not empty",
            Gate::NotDraftClassicWithOnlineEws => {
                "mode ≠ draft, topology classic, X not empty, and (NS or some server sets ews_external_url)"
            }
            Gate::FullOwaNamespaces => "mode full, owa_redirection wanted, NS",
            Gate::FullRichWithOnlineAnnounced => {
                "mode full, X not empty, rich, evaluation_date ≥ D_ANNOUNCE"
            }
            Gate::HybridModernAuth => "hybrid_modern_auth wanted",
            Gate::PublicFoldersOnline => "X not empty, hybrid.public_folders = online",
        }
    }

    fn holds(self, cx: &Context) -> bool {
        use crate::model::{Feature, PublicFolders};
        let not_draft = cx.mode() != Mode::Draft;
        let online = !cx.online.is_empty();
        let full = cx.mode() == Mode::Full;
        let modern = cx.topology() == Topology::Modern;
        let namespaces = cx.published.modeled();
        match self {
            Gate::Always => true,
            Gate::NotDraft => not_draft,
            Gate::NotDraftOrOnline => not_draft || online,
            Gate::NotDraftWithOnline => not_draft && online,
            Gate::NotDraftMovesWithOnline => not_draft && online && cx.wants(Feature::MoveMailbox),
            Gate::FullWithOnline => full && online,
            Gate::FullSecureMailWithOnline => full && online && cx.wants(Feature::SecureMail),
            // A draft runs only structural rules (format.md, `mode`), so the agent rules wait too.
            Gate::NotDraftModern | Gate::Modern => not_draft && modern,
            Gate::FullSecureMail => full && cx.wants(Feature::SecureMail),
            Gate::FullSecureMailTenantDomains => {
                full && cx.wants(Feature::SecureMail)
                    && cx.online.iter().any(|&x| cx.node(x).domains.is_some())
            }
            Gate::NotDraftWithOnlineNamespaces => not_draft && online && namespaces,
            Gate::NotDraftClassicWithOnline => not_draft && !modern && online,
            Gate::NotDraftClassicWithOnlineEws => {
                not_draft
                    && !modern
                    && online
                    && (namespaces
                        || cx
                            .servers
                            .iter()
                            .any(|&s| cx.node(s).ews_external_url().is_some()))
            }
            Gate::FullOwaNamespaces => full && cx.wants(Feature::OwaRedirection) && namespaces,
            Gate::FullRichWithOnlineAnnounced => {
                full && online
                    && [Feature::FreeBusy, Feature::MailTips, Feature::Photos]
                        .into_iter()
                        .any(|f| cx.wants(f))
                    && cx.as_of >= lifecycle::D_ANNOUNCE
            }
            Gate::HybridModernAuth => not_draft && cx.wants(Feature::HybridModernAuth),
            Gate::PublicFoldersOnline => {
                not_draft && online && cx.doc.hybrid.public_folders() == PublicFolders::Online
            }
        }
    }
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

impl Serialize for Gate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.describe())
    }
}

/// One rule of the catalog (`docs/rules.md`): what the CLI's `rules` command and the
/// README list.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    /// The rule id, e.g. `R-ROLE-2013-CAS`.
    pub id: &'static str,
    /// Its severity. `R-FED-TRUST-FOR-ORGREL` reports a warning instead when OAuth is configured.
    pub severity: Severity,
    /// The catalog section it belongs to.
    pub group: &'static str,
    /// When it runs.
    pub gate: Gate,
    /// What it checks, in one sentence.
    pub summary: &'static str,
    /// The suggested fix, copied into each finding. A few rules word it for the finding
    /// (R-ROLE-NONE for the server's version, R-VER-HYBRID-MATRIX for the plan's newest
    /// version); this is then the general wording.
    pub fix: &'static str,
    /// The documentation page it comes from (the first one when the catalog cites several).
    pub source: &'static str,
    #[serde(skip)]
    check: fn(&Context, &mut Sink),
}

/// Where a rule reports: fills in the rule's id, severity, fix and source, and sorts and
/// de-duplicates the subjects.
pub(crate) struct Sink<'a> {
    rule: &'static RuleInfo,
    doc: &'a Document,
    out: &'a mut Vec<Finding>,
}

impl Sink<'_> {
    /// Report one problem with the rule's own severity. `nodes` and `links` are indices
    /// into the document.
    pub fn report(&mut self, message: String, nodes: &[usize], links: &[usize]) {
        self.report_as(self.rule.severity, message, nodes, links);
    }

    /// Report one problem with a fix worded for it (the servers' own version, say) instead
    /// of the catalog's general one.
    pub fn report_with_fix(
        &mut self,
        message: String,
        fix: String,
        nodes: &[usize],
        links: &[usize],
    ) {
        self.push(self.rule.severity, message, Some(fix), nodes, links);
    }

    /// Report one problem with a severity other than the rule's usual one.
    pub fn report_as(
        &mut self,
        severity: Severity,
        message: String,
        nodes: &[usize],
        links: &[usize],
    ) {
        self.push(severity, message, None, nodes, links);
    }

    fn push(
        &mut self,
        severity: Severity,
        message: String,
        fix: Option<String>,
        nodes: &[usize],
        links: &[usize],
    ) {
        let mut nodes: Vec<NodeId> = nodes
            .iter()
            .map(|&i| self.doc.nodes[i].id.clone())
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        let mut links: Vec<LinkId> = links
            .iter()
            .map(|&i| self.doc.links[i].id.clone())
            .collect();
        links.sort_unstable();
        links.dedup();
        self.out.push(Finding {
            rule: self.rule.id,
            severity,
            message,
            nodes,
            links,
            fix: fix.unwrap_or_else(|| self.rule.fix.to_owned()),
            source: self.rule.source,
        });
    }
}

/// Validate a document as of its evaluation date ([`evaluation_date`]): every rule of the
/// catalog whose gate holds, findings sorted by severity, rule id, then subjects (nodes,
/// then links, then message).
#[must_use]
pub fn validate(doc: &Document) -> Vec<Finding> {
    validate_as_of(doc, evaluation_date(doc))
}

/// The day the time-dependent rules judge a plan on: its `hybrid.evaluation_date`, or
/// today (UTC) when it has none (or an unreadable one, which the loader refuses anyway).
#[must_use]
pub fn evaluation_date(doc: &Document) -> Date {
    doc.hybrid
        .evaluation_date
        .as_deref()
        .and_then(|d| Date::parse(d).ok())
        .unwrap_or_else(Date::today)
}

/// Validate a document as if it were `as_of`, whatever its own `evaluation_date` says:
/// "what will this plan look like next year". Same order as [`validate`].
#[must_use]
pub fn validate_as_of(doc: &Document, as_of: Date) -> Vec<Finding> {
    let cx = Context::new(doc, as_of);
    let mut out = Vec::new();
    for rule in CATALOG {
        if rule.gate.holds(&cx) {
            (rule.check)(
                &cx,
                &mut Sink {
                    rule,
                    doc,
                    out: &mut out,
                },
            );
        }
    }
    out.sort_by(|a, b| {
        (a.severity, a.rule, &a.nodes, &a.links, &a.message)
            .cmp(&(b.severity, b.rule, &b.nodes, &b.links, &b.message))
    });
    out
}

/// The hybrid endpoints of a plan, as the rules see them (`docs/rules.md`, "Terms"): node
/// indices into `doc.nodes`, sorted. The HCW preview reads them so that the servers it
/// ticks on the wizard's pages are exactly the ones the rules judged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Endpoints {
    /// `S_send`: the `from` ends of enabled send connectors.
    pub send: Vec<usize>,
    /// `S_recv`: the servers enabled receive connectors resolve to.
    pub recv: Vec<usize>,
    /// The servers enabled migration endpoints resolve to (where MRS Proxy must run).
    pub migration: Vec<usize>,
    /// `HV`: the highest version among the endpoints, or in `S` when there are none.
    pub highest: Option<crate::model::Version>,
    /// Whether an Exchange 2010 server is in the plan.
    pub has_2010: bool,
}

/// The hybrid endpoints of `doc` (see [`Endpoints`]).
#[must_use]
pub fn endpoints(doc: &Document) -> Endpoints {
    let cx = Context::new(doc, evaluation_date(doc));
    let mut migration: Vec<usize> = cx
        .live(crate::model::LinkKind::MigrationEndpoint)
        .iter()
        .flat_map(|&li| cx.resolve(cx.to(li)).iter().copied())
        .collect();
    migration.sort_unstable();
    migration.dedup();
    Endpoints {
        send: cx.s_send.clone(),
        recv: cx.s_recv.clone(),
        migration,
        highest: cx.hv,
        has_2010: cx
            .servers
            .iter()
            .any(|&i| cx.version(i) == Some(crate::model::Version::V2010)),
    }
}

/// The whole catalog, in the order of `docs/rules.md`.
#[must_use]
pub fn catalog() -> &'static [RuleInfo] {
    CATALOG
}

/// The catalog entry with this id.
#[must_use]
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    CATALOG.iter().find(|r| r.id == id)
}

const ROLES: &str = "https://learn.microsoft.com/exchange/server-roles";
const PREREQ: &str = "https://learn.microsoft.com/exchange/hybrid-deployment-prerequisites";
const TRANSPORT: &str = "https://learn.microsoft.com/exchange/transport-options";
const EDGE: &str = "https://learn.microsoft.com/exchange/edge-transport-servers";
const SYSREQ: &str = "https://learn.microsoft.com/exchange/plan-and-deploy/system-requirements";
const CAS2013: &str =
    "https://learn.microsoft.com/exchange/client-access-server-exchange-2013-help";
const FREEBUSY: &str = "https://learn.microsoft.com/exchange/shared-free-busy";
const MOVES: &str = "https://learn.microsoft.com/exchange/hybrid-deployment/move-mailboxes";
const AGENT: &str = "https://learn.microsoft.com/exchange/hybrid-deployment/hybrid-agent";
const ARCH: &str = "https://learn.microsoft.com/exchange/architecture/architecture";
const OAUTH: &str = "https://learn.microsoft.com/exchange/configure-oauth-authentication-between-exchange-and-exchange-online-organizations-exchange-2013-help";
const FORMAT: &str = "docs/format.md#links";
// Sources of rules-v2 (the first one each rule cites).
const TROUBLE: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/troubleshoot-a-hybrid-deployment";
const KB_ATTR36: &str = "https://learn.microsoft.com/troubleshoot/exchange/hybrid-configuration-wizard-errors/relay-access-denied-attr36-ndr";
const KB_EWSURL: &str = "https://learn.microsoft.com/troubleshoot/exchange/hybrid-configuration-wizard-errors/web-services-external-url-is-not-set-on-the-on-premises-server-error";
const KB_DOMAINS: &str = "https://learn.microsoft.com/troubleshoot/exchange/hybrid-configuration-wizard-errors/hcw-erros-about-accepted-domains";
const FED2013: &str = "https://learn.microsoft.com/exchange/federation-exchange-2013-help";
const APP: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/deploy-dedicated-hybrid-app";
const APPBLOG: &str = "https://techcommunity.microsoft.com/blog/exchange/dedicated-hybrid-app-temporary-enforcements-new-hcw-and-possible-hybrid-function/4440682";
const LC2010: &str = "https://learn.microsoft.com/lifecycle/products/exchange-server-2010";
const HMA: &str =
    "https://learn.microsoft.com/microsoft-365/enterprise/hybrid-modern-auth-overview";
const PF_LEGACY: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/set-up-legacy-hybrid-public-folders";

const G_MODEL: &str = "Model and roles";
const G_VERSIONS: &str = "Versions";
const G_TRANSPORT: &str = "Mail transport";
const G_SHARING: &str = "Sharing, federation, OAuth, moves";
const G_IDENTITY: &str = "Identity and modern hybrid";
const G_CERTS: &str = "Certificates";
const G_NAMESPACES: &str = "Namespaces and DNS";
const G_DOMAINS: &str = "Accepted domains and federation";
const G_PERIMETER: &str = "Perimeter network";
const G_LIFECYCLE: &str = "Dedicated hybrid app and product lifecycle";
const G_HMA: &str = "Hybrid Modern Authentication";
const G_PF: &str = "Public folders";

macro_rules! rule {
    ($id:literal, $sev:ident, $group:ident, $gate:ident, $check:path, $source:ident, $summary:literal, $fix:literal $(,)?) => {
        RuleInfo {
            id: $id,
            severity: Severity::$sev,
            group: $group,
            gate: Gate::$gate,
            summary: $summary,
            fix: $fix,
            source: $source,
            check: $check,
        }
    };
}

static CATALOG: &[RuleInfo] = &[
    // Model and roles
    rule!(
        "R-MODEL-LINK-ENDS",
        Error,
        G_MODEL,
        Always,
        model_roles::model_link_ends,
        FORMAT,
        "A link's ends are not of the kinds the file format allows for its kind.",
        "Delete or redraw the link."
    ),
    rule!(
        "R-MODEL-ROLES",
        Error,
        G_MODEL,
        Always,
        model_roles::model_roles,
        ARCH,
        "A server has a role its version cannot have (2016 and later: Mailbox only; 2013: Mailbox and Client Access; 2010 also Hub Transport and Unified Messaging).",
        "Remove the role."
    ),
    rule!(
        "R-EXO-MISSING",
        Error,
        G_MODEL,
        NotDraft,
        model_roles::exo_missing,
        PREREQ,
        "The plan has no Exchange Online organization.",
        "Add the Exchange Online organization."
    ),
    rule!(
        "R-ROLE-NONE",
        Error,
        G_MODEL,
        Always,
        model_roles::role_none,
        ROLES,
        "A server has no role.",
        "Give it the roles a hybrid needs of its version: Mailbox (2016 and later); Mailbox and Client Access (2013); Mailbox, Client Access and Hub Transport (2010)."
    ),
    rule!(
        "R-ROLE-MIN-HYBRID",
        Error,
        G_MODEL,
        NotDraftOrOnline,
        model_roles::role_min_hybrid,
        PREREQ,
        "No server can run the hybrid deployment: no 2016 or later Mailbox server, no 2013 server, and no 2010 Mailbox, Hub Transport and Client Access set.",
        "Add an Exchange 2016 or later Mailbox server."
    ),
    rule!(
        "R-ROLE-2013-CAS",
        Error,
        G_MODEL,
        Always,
        model_roles::role_2013_cas,
        ROLES,
        "Exchange 2013 servers have Mailbox but none has Client Access, and there is no 2016 or later Mailbox server.",
        "Add Client Access to a 2013 server."
    ),
    rule!(
        "R-ROLE-2013-MBX",
        Error,
        G_MODEL,
        Always,
        model_roles::role_2013_mbx,
        ROLES,
        "Exchange 2013 servers have Client Access but none has Mailbox, and there is no 2016 or later Mailbox server.",
        "Add Mailbox to a 2013 server."
    ),
    rule!(
        "R-ROLE-2013-SINGLE-BOTH",
        Error,
        G_MODEL,
        Always,
        model_roles::role_2013_single_both,
        ROLES,
        "The only server is Exchange 2013 and lacks Mailbox or Client Access.",
        "Add the missing role to it."
    ),
    rule!(
        "R-ROLE-2013-COLOCATE",
        Info,
        G_MODEL,
        Always,
        model_roles::role_2013_colocate,
        ROLES,
        "Exchange 2013 servers split Mailbox and Client Access between them.",
        "Install both roles on each server."
    ),
    rule!(
        "R-ROLE-2013-SITE-CAS",
        Error,
        G_MODEL,
        Always,
        model_roles::role_2013_site_cas,
        CAS2013,
        "An Active Directory site has Exchange 2013 Mailbox servers but no Client Access server, while another site has one.",
        "Add Client Access in that site."
    ),
    rule!(
        "R-ROLE-REDUNDANCY",
        Warning,
        G_MODEL,
        Always,
        model_roles::role_redundancy,
        ROLES,
        "The plan has a single Exchange server.",
        "Add a second server."
    ),
    rule!(
        "R-ZONE-INTERNAL-IN-DMZ",
        Error,
        G_MODEL,
        Always,
        model_roles::zone_internal_in_dmz,
        PREREQ,
        "An Exchange server (not Edge) is in the perimeter network.",
        "Move it inside; use Edge Transport in the perimeter."
    ),
    rule!(
        "R-ZONE-EDGE-INTERNAL",
        Warning,
        G_MODEL,
        Always,
        model_roles::zone_edge_internal,
        PREREQ,
        "An Edge Transport server is in the internal network.",
        "Place it in the perimeter network."
    ),
    // Versions
    rule!(
        "R-VER-HYBRID-MATRIX",
        Error,
        G_VERSIONS,
        Always,
        versions::ver_hybrid_matrix,
        PREREQ,
        "A server is newer than the hybrid endpoints, or Exchange 2010 is present while the endpoints are 2019 or Subscription Edition.",
        "Make servers of the organization's newest version the hybrid endpoints (connectors, EWS, migration); with Exchange 2019 or Subscription Edition endpoints, move the mailboxes off Exchange 2010 and retire it first."
    ),
    rule!(
        "R-VER-COEXIST",
        Error,
        G_VERSIONS,
        Always,
        versions::ver_coexist,
        SYSREQ,
        "Two Exchange versions (Edge included) that cannot share an organization.",
        "Upgrade or remove the older servers."
    ),
    rule!(
        "R-VER-CU-CURRENT",
        Warning,
        G_VERSIONS,
        Always,
        versions::ver_cu_current,
        PREREQ,
        "A server runs a cumulative update older than the latest two.",
        "Install the latest cumulative update (the one before it is also supported)."
    ),
    // Mail transport
    rule!(
        "R-MAIL-OUTBOUND-PATH",
        Error,
        G_TRANSPORT,
        FullSecureMailWithOnline,
        transport::mail_outbound_path,
        TRANSPORT,
        "Secure mail is wanted but there is no enabled send connector to Exchange Online.",
        "Draw a send connector from a Mailbox server."
    ),
    rule!(
        "R-MAIL-INBOUND-PATH",
        Error,
        G_TRANSPORT,
        FullSecureMailWithOnline,
        transport::mail_inbound_path,
        TRANSPORT,
        "Secure mail is wanted but no enabled receive connector reaches a server.",
        "Draw a receive connector to a server that can receive."
    ),
    rule!(
        "R-MAIL-SEND-SOURCE-ROLE",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_send_source_role,
        ROLES,
        "A send connector starts at a server that cannot send hybrid mail (typically a 2013 Client Access only server).",
        "Start it at a Mailbox server."
    ),
    rule!(
        "R-MAIL-RECV-ENDPOINT-ROLE",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_recv_endpoint_role,
        ROLES,
        "A receive connector reaches a server that cannot receive hybrid mail (typically a 2013 Mailbox only server).",
        "End it at a 2013 Client Access, 2016 or later Mailbox, or Edge server."
    ),
    rule!(
        "R-MAIL-SEND-TLS",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_send_tls,
        TRANSPORT,
        "A send connector does not force TLS with domain or certificate validation, or is not marked for cloud services mail.",
        "Use forced TLS with domain or certificate validation."
    ),
    rule!(
        "R-MAIL-RECV-TLS",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_recv_tls,
        TRANSPORT,
        "A receive connector does not force TLS with domain or certificate validation, or does not accept cloud mail.",
        "Use forced TLS with domain or certificate validation."
    ),
    rule!(
        "R-MAIL-NO-SMTP-INTERMEDIARY",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_no_smtp_intermediary,
        TRANSPORT,
        "Hybrid mail from Exchange Online passes an SMTP device that inspects it.",
        "Route hybrid SMTP straight to Exchange; a pass-through firewall is fine."
    ),
    rule!(
        "R-MAIL-EDGE-EXCLUSIVE",
        Error,
        G_TRANSPORT,
        Always,
        transport::mail_edge_exclusive,
        EDGE,
        "Hybrid transport uses both Edge servers and internal servers.",
        "Use either Edge servers or internal servers for hybrid transport."
    ),
    rule!(
        "R-MAIL-CENTRALIZED",
        Info,
        G_TRANSPORT,
        Always,
        transport::mail_centralized,
        TRANSPORT,
        "Centralized mail transport is wanted.",
        "Keep it only for compliance needs; it routes all cloud mail through on-premises."
    ),
    rule!(
        "R-EDGE-SUBSCRIPTION",
        Error,
        G_TRANSPORT,
        Always,
        transport::edge_subscription,
        EDGE,
        "An Edge server used for hybrid transport has no Edge Subscription, several, or one to a server that cannot route mail.",
        "Subscribe it to a site with Mailbox servers."
    ),
    // Sharing, federation, OAuth, moves
    rule!(
        "R-FED-TRUST-FOR-ORGREL",
        Error,
        G_SHARING,
        Always,
        sharing::fed_trust_for_orgrel,
        ROLES,
        "An organization relationship exists without a federation trust (a warning when OAuth is configured).",
        "Draw a federation trust to the Microsoft Federation Gateway."
    ),
    rule!(
        "R-ORGREL-FEATURES",
        Error,
        G_SHARING,
        FullWithOnline,
        sharing::orgrel_features,
        ROLES,
        "Sharing features are wanted but there is no enabled organization relationship (free/busy, MailTips and photos can use OAuth instead).",
        "Draw an organization relationship."
    ),
    rule!(
        "R-ORGREL-BIDIRECTIONAL",
        Error,
        G_SHARING,
        Always,
        sharing::orgrel_bidirectional,
        FREEBUSY,
        "The enabled organization relationships cover only one direction.",
        "Make it both directions."
    ),
    rule!(
        "R-ORGREL-EWS-HOST",
        Error,
        G_SHARING,
        Always,
        sharing::orgrel_ews_host,
        ROLES,
        "An organization relationship or OAuth link ends at something that cannot answer Exchange Online's EWS requests.",
        "End it at a 2013 Client Access or 2016 or later Mailbox server."
    ),
    rule!(
        "R-OWA-REDIRECT",
        Warning,
        G_SHARING,
        Always,
        sharing::owa_redirect,
        ROLES,
        "Outlook on the web redirection is wanted but no organization relationship has an Outlook on the web URL.",
        "Set the Outlook on the web URL."
    ),
    rule!(
        "R-OAUTH-PARTIAL",
        Warning,
        G_SHARING,
        Always,
        sharing::oauth_partial,
        OAUTH,
        "OAuth is drawn but the enabled links cover only one direction, or none is enabled.",
        "Configure OAuth in both directions."
    ),
    rule!(
        "R-MRS-PROXY",
        Error,
        G_SHARING,
        Always,
        sharing::mrs_proxy,
        MOVES,
        "A migration endpoint reaches no server, or a server that cannot publish EWS or has MRS Proxy off.",
        "Enable MRS Proxy on that server's EWS."
    ),
    rule!(
        "R-MRS-MISSING",
        Warning,
        G_SHARING,
        NotDraftMovesWithOnline,
        sharing::mrs_missing,
        MOVES,
        "Mailbox moves are wanted but there is no migration endpoint.",
        "Draw a migration endpoint."
    ),
    // Identity and modern hybrid
    rule!(
        "R-ID-DIRSYNC",
        Error,
        G_IDENTITY,
        NotDraftWithOnline,
        identity::id_dirsync,
        PREREQ,
        "There is no directory synchronization to Exchange Online.",
        "Add a directory sync server (Entra Connect)."
    ),
    rule!(
        "R-ID-CLOUD-SYNC",
        Warning,
        G_IDENTITY,
        NotDraftWithOnline,
        identity::id_cloud_sync,
        PREREQ,
        "Every directory sync link starts at an Entra Cloud Sync server.",
        "Check that Exchange hybrid writeback is supported by the agent version."
    ),
    rule!(
        "R-AGENT-MISSING",
        Error,
        G_IDENTITY,
        NotDraftModern,
        identity::agent_missing,
        AGENT,
        "Modern hybrid is planned but no Hybrid Agent is registered to a server.",
        "Add the Hybrid Agent."
    ),
    rule!(
        "R-AGENT-FEATURE-LIMITS",
        Warning,
        G_IDENTITY,
        Modern,
        identity::agent_feature_limits,
        AGENT,
        "Modern hybrid does not support message tracking, multi-mailbox search or Hybrid Modern Authentication.",
        "Drop those features or use classic hybrid."
    ),
    rule!(
        "R-AGENT-REDUNDANCY",
        Info,
        G_IDENTITY,
        Modern,
        identity::agent_redundancy,
        AGENT,
        "Modern hybrid with a single Hybrid Agent.",
        "Install a second agent."
    ),
    // Version 2: certificates
    rule!(
        "R-CERT-PUBLIC-CA",
        Error,
        G_CERTS,
        Always,
        certificates::cert_public_ca,
        PREREQ,
        "A hybrid endpoint's certificate is self-signed or from an internal CA.",
        "Use a certificate from a trusted third-party CA for the hybrid services; keep self-signed only for the federation trust."
    ),
    rule!(
        "R-CERT-SERVICES",
        Error,
        G_CERTS,
        Always,
        certificates::cert_services,
        TROUBLE,
        "A hybrid transport server's certificate is not enabled for SMTP, or a non-Edge hybrid server's not for IIS.",
        "Enable-ExchangeCertificate -Thumbprint <t> -Services IIS,SMTP (Edge: SMTP)."
    ),
    rule!(
        "R-CERT-CONSISTENT",
        Error,
        G_CERTS,
        Always,
        certificates::cert_consistent,
        PREREQ,
        "The hybrid transport servers use certificates with different issuers or subjects.",
        "Install the same certificate (same CA, same subject) on every hybrid transport server, Edge included."
    ),
    rule!(
        "R-CERT-NAMES",
        Error,
        G_CERTS,
        Always,
        certificates::cert_names,
        PREREQ,
        "A server's certificate does not cover its EWS external URL, the Autodiscover name that leads to it, or the smart host Exchange Online connects to.",
        "Reissue the certificate with the missing name as subject or SAN."
    ),
    rule!(
        "R-CERT-TENANT-DOMAIN",
        Error,
        G_CERTS,
        FullSecureMailTenantDomains,
        certificates::cert_tenant_domain,
        KB_ATTR36,
        "A sending server's certificate subject is not in (or directly under) a domain verified in the tenant.",
        "Verify the certificate's domain (or its parent) in the tenant, or reissue under a verified domain; re-run the HCW."
    ),
    rule!(
        "R-CERT-VALIDITY",
        Error,
        G_CERTS,
        Always,
        certificates::cert_validity,
        TROUBLE,
        "A hybrid endpoint's certificate has expired (a warning when it expires within 60 days of the evaluation date).",
        "Renew; then re-run the HCW, the only tool that updates the hybrid TLS certificate."
    ),
    // Version 2: namespaces and DNS
    rule!(
        "R-NS-AUTODISCOVER",
        Error,
        G_NAMESPACES,
        NotDraftWithOnlineNamespaces,
        namespaces::ns_autodiscover,
        PREREQ,
        "A hybrid domain's Autodiscover name is not in public DNS, or leads to a server that cannot answer it.",
        "Publish autodiscover.<domain> in public DNS to a 2013 Client Access or 2016 or later Mailbox server (directly or via a load balancer)."
    ),
    rule!(
        "R-NS-EWS-URL",
        Error,
        G_NAMESPACES,
        NotDraftClassicWithOnlineEws,
        namespaces::ns_ews_url,
        KB_EWSURL,
        "A server that answers Exchange Online's EWS requests has no EWS external URL, or its URL's name does not lead to it.",
        "Set-WebServicesVirtualDirectory -Identity \"<server>\\EWS (Default Web Site)\" -ExternalUrl https://<host>/EWS/Exchange.asmx, and publish <host>."
    ),
    rule!(
        "R-OWA-NAMESPACE",
        Warning,
        G_NAMESPACES,
        FullOwaNamespaces,
        namespaces::owa_namespace,
        ROLES,
        "An organization relationship has no on-premises Outlook on the web URL, or its name does not lead to servers that publish it.",
        "Publish one Outlook on the web namespace (e.g. https://mail.<domain>/owa) on 2013 CAS / 2016 or later Mailbox servers and use it as the Exchange Online relationship's TargetOwaURL."
    ),
    // Version 2: accepted domains and federation
    rule!(
        "R-DOM-REQUIRED",
        Error,
        G_DOMAINS,
        NotDraftWithOnline,
        domains::dom_required,
        KB_DOMAINS,
        "The plan names no hybrid domain, or no on-premises accepted domain (a warning when the tenant is not named).",
        "Select at least the primary shared accepted domain; name the tenant."
    ),
    rule!(
        "R-DOM-ACCEPTED",
        Error,
        G_DOMAINS,
        NotDraftWithOnline,
        domains::dom_accepted,
        KB_DOMAINS,
        "A hybrid domain is not an accepted domain on-premises, or not a verified domain in the tenant.",
        "Add the accepted domain on-premises; add and verify the domain in Microsoft 365; re-run the HCW."
    ),
    rule!(
        "R-FED-DOMAIN-LENGTH",
        Error,
        G_DOMAINS,
        Always,
        domains::fed_domain_length,
        FED2013,
        "A federation trust is drawn and a hybrid domain is longer than 32 characters.",
        "Federate a shorter domain (the OrgID domain)."
    ),
    // Version 2: perimeter network
    rule!(
        "R-NET-SMTP-25",
        Error,
        G_PERIMETER,
        FullSecureMail,
        perimeter::net_smtp_25,
        PREREQ,
        "The firewall does not forward TCP 25 to where Exchange Online delivers hybrid mail.",
        "Forward TCP 25 from the Internet (Exchange Online Protection) to that node without modification."
    ),
    rule!(
        "R-NET-HTTPS-443",
        Error,
        G_PERIMETER,
        NotDraftClassicWithOnline,
        perimeter::net_https_443,
        PREREQ,
        "The firewall does not forward TCP 443 to a node that publishes EWS, Autodiscover or MRS Proxy.",
        "Forward TCP 443 to the EWS, Autodiscover and /ews/mrsproxy.svc endpoints."
    ),
    rule!(
        "R-NET-PREAUTH",
        Error,
        G_PERIMETER,
        Always,
        perimeter::net_preauth,
        PREREQ,
        "A load balancer that pre-authenticates HTTPS publishes EWS, Autodiscover or MRS Proxy.",
        "Publish Autodiscover, EWS and MRS Proxy without pre-authentication."
    ),
    // Version 2: dedicated hybrid app and product lifecycle
    rule!(
        "R-APP-DEDICATED",
        Error,
        G_LIFECYCLE,
        FullRichWithOnlineAnnounced,
        lifecycle::app_dedicated,
        APP,
        "The dedicated Exchange hybrid app is not enabled (an error once it is stated off and the shared service principal is blocked, otherwise a warning).",
        "Create the app with the HCW (Classic Full, Modern Full or \"Choose Exchange Hybrid Configuration\") or ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication; if the HCW created it, enable it with the setting override; then remove custom certificates from the shared service principal."
    ),
    rule!(
        "R-APP-BUILD",
        Error,
        G_LIFECYCLE,
        FullRichWithOnlineAnnounced,
        lifecycle::app_build,
        APPBLOG,
        "An Exchange server cannot use the dedicated hybrid app: Exchange 2010 or 2013, or a 2016/2019 build before the April 2025 hotfix update (a warning before 2025-10-31).",
        "2016 CU23 or 2019 CU14/CU15 with the April 2025 HU or later (builds 15.1.2507.55, 15.2.1544.25, 15.2.1748.24), or SE RTM (15.2.2562.17) or later; remove 2013/2010."
    ),
    rule!(
        "R-VER-EOL",
        Warning,
        G_LIFECYCLE,
        Always,
        lifecycle::ver_eol,
        LC2010,
        "An Exchange server is past the end of extended support (info within the year before it).",
        "2019 → Exchange Server SE (in-place upgrade); 2016 → new SE servers side by side; remove 2013 and 2010."
    ),
    // Version 2: Hybrid Modern Authentication
    rule!(
        "R-HMA-PREREQ",
        Error,
        G_HMA,
        HybridModernAuth,
        modern_auth::hma_prereq,
        HMA,
        "Hybrid Modern Authentication is wanted but a prerequisite is missing: Exchange 2010 present, a build below the minimum, OAuth not configured, or TLS offloaded on a load balancer.",
        "Remove Exchange 2010; update; configure OAuth with the HCW (Full); terminate and re-encrypt TLS on the load balancer instead of offloading."
    ),
    // Version 2: public folders
    rule!(
        "R-PF-LEGACY-ONLINE",
        Error,
        G_PF,
        PublicFoldersOnline,
        public_folders::pf_legacy_online,
        PF_LEGACY,
        "Public folders are in Exchange Online while Exchange 2010 servers still host mailboxes.",
        "Move the 2010 mailboxes to 2013 or later (or to Exchange Online) before moving public folders to Exchange Online."
    ),
];

/// "EX-1, EX-2 and EX-3": node names for messages, shortened after a few.
pub(crate) fn names(cx: &Context, nodes: &[usize]) -> String {
    let shown: Vec<String> = nodes.iter().take(SHOWN).map(|&i| cx.name(i)).collect();
    shortened_list(nodes.len(), &shown)
}

/// How many items a message lists before "and N more".
const SHOWN: usize = 4;

/// "a, b and c" for any texts, shortened after a few as [`names`] is.
pub(crate) fn and_list(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(SHOWN).cloned().collect();
    shortened_list(items.len(), &shown)
}

fn shortened_list(len: usize, shown: &[String]) -> String {
    match (len, shown.split_last()) {
        (_, None) => String::new(),
        (1, Some((last, _))) => last.clone(),
        (len, Some((last, rest))) if len <= SHOWN => format!("{} and {last}", rest.join(", ")),
        (len, _) => format!("{} and {} more", shown.join(", "), len - SHOWN),
    }
}
