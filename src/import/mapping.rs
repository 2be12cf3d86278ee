//! From recognized objects to the as-is plan (spec `import.md` §1.3, §4, §5).
//!
//! Objects are recognized by content (the collection script's marker, else the .NET class
//! name), never by file name; duplicates are merged by kind and key; servers known only by
//! reference are created and listed; every derived value is written as `inferred:` in the
//! summary and in the notes of the node or link it concerns.

use super::clixml::{Obj, Parsed, Value};
use super::x509;
use super::{Imported, Options, Summary};
use crate::model::{
    Build, CertService, Certificate, Cloud, Date, Direction, Document, Feature, Link, LinkKind,
    Mode, Node, NodeKind, PublicFolders, Role, TlsAuth, Topology, Update, Version, Zone,
};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::rc::Rc;

/// Where an object comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The on-premises organization.
    OnPremises,
    /// Exchange Online.
    Online,
}

/// The object types the import uses (§1.3), named by cmdlet noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectType {
    /// `Get-ExchangeServer`.
    ExchangeServer,
    /// `Get-HybridConfiguration`.
    HybridConfiguration,
    /// `Get-SendConnector`.
    SendConnector,
    /// `Get-ReceiveConnector`.
    ReceiveConnector,
    /// `Get-ExchangeCertificate`.
    ExchangeCertificate,
    /// `Get-AcceptedDomain`.
    AcceptedDomain,
    /// `Get-WebServicesVirtualDirectory`.
    WebServicesVirtualDirectory,
    /// `Get-OrganizationConfig`.
    OrganizationConfig,
    /// `Get-OrganizationRelationship`.
    OrganizationRelationship,
    /// `Get-FederationTrust`.
    FederationTrust,
    /// `Get-IntraOrganizationConnector`.
    IntraOrganizationConnector,
    /// `Get-AuthServer`.
    AuthServer,
    /// `Get-SettingOverride`.
    SettingOverride,
    /// `Get-EdgeSubscription`.
    EdgeSubscription,
    /// `Get-InboundConnector` (Exchange Online).
    InboundConnector,
    /// `Get-OutboundConnector` (Exchange Online).
    OutboundConnector,
    /// `Get-OnPremisesOrganization` (Exchange Online).
    OnPremisesOrganization,
    /// `Get-MigrationEndpoint` (Exchange Online).
    MigrationEndpoint,
    /// The collection script's manifest.
    Manifest,
}

impl ObjectType {
    const ALL: [ObjectType; 19] = [
        ObjectType::ExchangeServer,
        ObjectType::HybridConfiguration,
        ObjectType::SendConnector,
        ObjectType::ReceiveConnector,
        ObjectType::ExchangeCertificate,
        ObjectType::AcceptedDomain,
        ObjectType::WebServicesVirtualDirectory,
        ObjectType::OrganizationConfig,
        ObjectType::OrganizationRelationship,
        ObjectType::FederationTrust,
        ObjectType::IntraOrganizationConnector,
        ObjectType::AuthServer,
        ObjectType::SettingOverride,
        ObjectType::EdgeSubscription,
        ObjectType::InboundConnector,
        ObjectType::OutboundConnector,
        ObjectType::OnPremisesOrganization,
        ObjectType::MigrationEndpoint,
        ObjectType::Manifest,
    ];

    /// The cmdlet noun (the marker's `<Noun>`).
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            ObjectType::ExchangeServer => "ExchangeServer",
            ObjectType::HybridConfiguration => "HybridConfiguration",
            ObjectType::SendConnector => "SendConnector",
            ObjectType::ReceiveConnector => "ReceiveConnector",
            ObjectType::ExchangeCertificate => "ExchangeCertificate",
            ObjectType::AcceptedDomain => "AcceptedDomain",
            ObjectType::WebServicesVirtualDirectory => "WebServicesVirtualDirectory",
            ObjectType::OrganizationConfig => "OrganizationConfig",
            ObjectType::OrganizationRelationship => "OrganizationRelationship",
            ObjectType::FederationTrust => "FederationTrust",
            ObjectType::IntraOrganizationConnector => "IntraOrganizationConnector",
            ObjectType::AuthServer => "AuthServer",
            ObjectType::SettingOverride => "SettingOverride",
            ObjectType::EdgeSubscription => "EdgeSubscription",
            ObjectType::InboundConnector => "InboundConnector",
            ObjectType::OutboundConnector => "OutboundConnector",
            ObjectType::OnPremisesOrganization => "OnPremisesOrganization",
            ObjectType::MigrationEndpoint => "MigrationEndpoint",
            ObjectType::Manifest => "Manifest",
        }
    }

    /// The class name of unmarked objects.
    fn class(self) -> &'static str {
        match self {
            ObjectType::SendConnector => "SmtpSendConnectorConfig",
            ObjectType::WebServicesVirtualDirectory => "ADWebServicesVirtualDirectory",
            ObjectType::InboundConnector => "TenantInboundConnector",
            ObjectType::OutboundConnector => "TenantOutboundConnector",
            ObjectType::Manifest => "",
            other => other.noun(),
        }
    }

    /// `Get-<Noun>`.
    #[must_use]
    pub fn cmdlet(self) -> String {
        format!("Get-{}", self.noun())
    }

    fn online_only(self) -> bool {
        matches!(
            self,
            ObjectType::InboundConnector
                | ObjectType::OutboundConnector
                | ObjectType::OnPremisesOrganization
                | ObjectType::MigrationEndpoint
        )
    }
}

/// What one top-level object is: its type and side, or the class that is not used.
pub fn recognize(obj: &Obj) -> Result<(ObjectType, Side), String> {
    let first = obj.first_type().unwrap_or("");
    if first == "HybridInventory.Manifest" {
        return Ok((ObjectType::Manifest, Side::OnPremises));
    }
    if let Some(rest) = first.strip_prefix("HybridInventory.") {
        let (source, noun) = rest.split_once('.').unwrap_or((rest, ""));
        let side = if source == "ExchangeOnline" {
            Side::Online
        } else {
            Side::OnPremises
        };
        return ObjectType::ALL
            .into_iter()
            .find(|t| t.noun() == noun && *t != ObjectType::Manifest)
            .map(|t| (t, side))
            .ok_or_else(|| noun.to_owned());
    }
    let mut name = first;
    loop {
        if let Some(r) = name.strip_prefix("Deserialized.") {
            name = r;
        } else if let Some(r) = name.strip_prefix("Selected.") {
            name = r;
        } else {
            break;
        }
    }
    let class = name.rsplit('.').next().unwrap_or(name);
    let Some(ty) = ObjectType::ALL
        .into_iter()
        .find(|t| *t != ObjectType::Manifest && t.class() == class)
    else {
        return Err(class.to_owned());
    };
    let looks_online = obj
        .text("DistinguishedName")
        .is_some_and(|d| d.contains(",CN=ConfigurationUnits,"))
        || obj.text("PSComputerName").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.ends_with("outlook.office365.com") || c.ends_with(".outlook.com")
        });
    let side = if ty.online_only() || looks_online {
        Side::Online
    } else {
        Side::OnPremises
    };
    if ty == ObjectType::MigrationEndpoint && !looks_online {
        return Err("MigrationEndpoint (on-premises)".to_owned());
    }
    Ok((ty, side))
}

/// One recognized object and where it was read.
#[derive(Debug, Clone)]
struct Record {
    ty: ObjectType,
    side: Side,
    obj: Rc<Obj>,
    file: usize,
}

/// The text of an ADObjectId-like value (§3.2): `Props/Name`, else the last `/` segment of
/// `ToString`; a plain string as is.
fn ad_name(v: &Value) -> Option<String> {
    match v {
        Value::Obj(o) => o
            .get("Name")
            .and_then(Value::text)
            .or_else(|| {
                o.to_string
                    .as_deref()
                    .map(|t| t.rsplit('/').next().unwrap_or(t).to_owned())
            })
            .filter(|s| !s.is_empty()),
        other => other.text().filter(|s| !s.is_empty()),
    }
}

/// A structured value's property `prop`, else its `ToString` (§3.2).
fn structured(v: &Value, prop: &str) -> Option<String> {
    match v {
        Value::Obj(o) => o.text(prop).or_else(|| o.to_string.clone()),
        other => other.text(),
    }
}

/// Enum flag names of a value (`Mailbox, ClientAccess`).
fn flags(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::text)
        .map(|t| {
            t.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn zero_guid(g: &str) -> bool {
    g.chars().all(|c| c == '0' || c == '-')
}

fn dedup_key(r: &Record) -> String {
    let o = &r.obj;
    match r.ty {
        ObjectType::ExchangeServer => o.text("Name").unwrap_or_default().to_lowercase(),
        ObjectType::AcceptedDomain => o
            .get("DomainName")
            .and_then(|v| structured(v, "Address"))
            .unwrap_or_default()
            .to_lowercase(),
        ObjectType::ExchangeCertificate => {
            let server = o
                .text("Server")
                .or_else(|| o.text("PSComputerName"))
                .unwrap_or_default()
                .to_lowercase();
            let thumb = o.text("Thumbprint").unwrap_or_else(|| {
                o.text("RawData")
                    .map(|b| b.chars().filter(|c| !c.is_whitespace()).collect())
                    .unwrap_or_default()
            });
            format!("{server}|{thumb}")
        }
        _ => o
            .text("Guid")
            .filter(|g| !zero_guid(g))
            .or_else(|| o.get("Identity").and_then(Value::text))
            .or_else(|| o.text("Name"))
            .unwrap_or_default()
            .to_lowercase(),
    }
}

/// The fields that say what an object is, without the per-session noise of `<MS>`.
fn content_equal(a: &Obj, b: &Obj) -> bool {
    let noise = [
        "RunspaceId",
        "PSComputerName",
        "PSShowComputerName",
        "SerializationData",
    ];
    let clean = |o: &Obj| {
        o.props
            .iter()
            .chain(o.ms.iter())
            .filter(|(n, _)| !noise.contains(&n.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    clean(a) == clean(b)
}

/// Kinds whose names Exchange and DNS compare without case (servers, domains): two copies that
/// differ only in the case of their text are the same object, not a conflict.
fn case_blind(ty: ObjectType) -> bool {
    matches!(ty, ObjectType::ExchangeServer | ObjectType::AcceptedDomain)
}

/// [`content_equal`], with text compared without ASCII case.
fn content_equal_ignoring_case(a: &Obj, b: &Obj) -> bool {
    let noise = [
        "RunspaceId",
        "PSComputerName",
        "PSShowComputerName",
        "SerializationData",
    ];
    let clean = |o: &Obj| -> Vec<(String, Value)> {
        o.props
            .iter()
            .chain(o.ms.iter())
            .filter(|(n, _)| !noise.contains(&n.as_str()))
            .cloned()
            .collect()
    };
    let (x, y) = (clean(a), clean(b));
    x.len() == y.len()
        && x.iter()
            .zip(&y)
            .all(|((n, v), (m, w))| n == m && value_eq_ignoring_case(v, w))
}

fn value_eq_ignoring_case(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Nil, Value::Nil) => true,
        (Value::Prim(kind_l, text_l), Value::Prim(kind_r, text_r)) => {
            kind_l == kind_r && text_l.eq_ignore_ascii_case(text_r)
        }
        (Value::Obj(obj_l), Value::Obj(obj_r)) => objects_eq_ignoring_case(obj_l, obj_r),
        _ => false,
    }
}

fn objects_eq_ignoring_case(left: &Obj, right: &Obj) -> bool {
    let text = |o: &Obj| o.to_string.as_deref().map(str::to_ascii_lowercase);
    let pairs = |l: &[(String, Value)], r: &[(String, Value)]| {
        l.len() == r.len()
            && l.iter()
                .zip(r)
                .all(|((n, v), (m, w))| n == m && value_eq_ignoring_case(v, w))
    };
    let same_primitive = match (&left.primitive, &right.primitive) {
        (Some(v), Some(w)) => value_eq_ignoring_case(v, w),
        (None, None) => true,
        _ => false,
    };
    left.types == right.types
        && text(left) == text(right)
        && pairs(&left.props, &right.props)
        && pairs(&left.ms, &right.ms)
        && left.items.len() == right.items.len()
        && left
            .items
            .iter()
            .zip(&right.items)
            .all(|(v, w)| value_eq_ignoring_case(v, w))
        && left.entries.len() == right.entries.len()
        && left
            .entries
            .iter()
            .zip(&right.entries)
            .all(|((k, v), (l, w))| value_eq_ignoring_case(k, l) && value_eq_ignoring_case(v, w))
        && same_primitive
}

// ---------------------------------------------------------------------------------------
// Versions and builds (§4.0)

const CU_2013: [u32; 24] = [
    516, 620, 712, 775, 847, 913, 995, 1044, 1076, 1104, 1130, 1156, 1178, 1210, 1236, 1263, 1293,
    1320, 1347, 1365, 1367, 1395, 1473, 1497,
];
const CU_2016: [u32; 24] = [
    225, 396, 466, 544, 669, 845, 1034, 1261, 1415, 1466, 1531, 1591, 1713, 1779, 1847, 1913, 1979,
    2044, 2106, 2176, 2242, 2308, 2375, 2507,
];
const CU_2019: [u32; 16] = [
    221, 330, 397, 464, 529, 595, 659, 721, 792, 858, 922, 986, 1118, 1258, 1544, 1748,
];
const CU_SE: [u32; 1] = [2562];
const SE_FIRST_BUILD: u32 = 2562;

/// What `AdminDisplayVersion` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerVersion {
    /// Exchange 2007 or older, or 16+: not modeled.
    NotModeled(String),
    /// A modeled version.
    Known {
        /// The plan's version.
        version: Version,
        /// The exact build, when in the table.
        build: Option<Build>,
        /// How current, when in the table.
        update: Option<Update>,
        /// Why build or update is absent, or the version assumed.
        inferred: Option<String>,
    },
}

/// Read `Major.Minor (Build b.r)` from an `AdminDisplayVersion` value.
fn version_numbers(v: &Value) -> Option<(u32, u32, u32)> {
    if let Value::Obj(o) = v {
        let n = |p: &str| o.int(p).and_then(|x| u32::try_from(x).ok());
        if let (Some(ma), Some(mi), Some(b)) = (n("Major"), n("Minor"), n("Build")) {
            return Some((ma, mi, b));
        }
    }
    let t = v.text()?;
    let rest = t.trim().strip_prefix("Version ")?;
    let (mm, build) = rest.split_once(" (Build ")?;
    let (ma, mi) = mm.split_once('.')?;
    let b = build.trim_end_matches(')').split('.').next()?;
    Some((ma.parse().ok()?, mi.parse().ok()?, b.parse().ok()?))
}

/// The plan's version, build and update for a server's `AdminDisplayVersion` (§4.0 table).
#[must_use]
pub fn server_version(major: u32, minor: u32, build: u32, server: &str) -> ServerVersion {
    let table = |cus: &[u32], version: Version| match cus.iter().position(|&b| b == build) {
        Some(cu) => {
            let last = cus.len() - 1;
            let update = if cu == last {
                Update::Latest
            } else if cu + 1 == last {
                Update::Previous
            } else {
                Update::Older
            };
            ServerVersion::Known {
                version,
                build: Some(Build::Cu { cu: cu as u32 }),
                update: Some(update),
                inferred: None,
            }
        }
        None => ServerVersion::Known {
            version,
            build: None,
            update: None,
            inferred: Some(format!(
                "unknown build {major}.{minor}.{build} for {server}; treated as current"
            )),
        },
    };
    match (major, minor) {
        (..=8, _) => ServerVersion::NotModeled("Exchange 2007 or older is not modeled".to_owned()),
        (14, 0..=2) => ServerVersion::Known {
            version: Version::V2010,
            build: Some(Build::SpRu { sp: minor, ru: 0 }),
            update: Some(Update::Older),
            inferred: None,
        },
        (14, _) => ServerVersion::Known {
            version: Version::V2010,
            build: None,
            update: None,
            inferred: Some("Exchange 2010 update rollup unknown".to_owned()),
        },
        (15, 0) => table(&CU_2013, Version::V2013),
        (15, 1) => table(&CU_2016, Version::V2016),
        (15, 2) if build < SE_FIRST_BUILD => table(&CU_2019, Version::V2019),
        (15, 2) => table(&CU_SE, Version::Se),
        (15, _) => ServerVersion::Known {
            version: Version::Se,
            build: None,
            update: None,
            inferred: Some(format!(
                "{server}: version 15.{minor} is newer than the versions this program knows"
            )),
        },
        _ => ServerVersion::NotModeled(format!(
            "version {major}.{minor} is newer than the versions this program knows"
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Names

/// The slug of an id (§4.0).
#[must_use]
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            dash = false;
        } else if !dash {
            out.push('-');
            dash = true;
        }
    }
    out
}

/// DN equality (§4.5): the same multiset of (attribute, value) pairs.
#[must_use]
pub fn dn_equal(a: &str, b: &str) -> bool {
    let parse = |s: &str| {
        let mut parts: Vec<(String, String)> = split_dn(s)
            .into_iter()
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                let k = match k.trim().to_ascii_uppercase().as_str() {
                    "ST" => "S".to_owned(),
                    "EMAILADDRESS" => "E".to_owned(),
                    other => other.to_owned(),
                };
                let v = v.trim().trim_matches('"').trim().to_lowercase();
                Some((k, v))
            })
            .collect();
        parts.sort();
        parts
    };
    let (pa, pb) = (parse(a), parse(b));
    !pa.is_empty() && pa == pb
}

fn split_dn(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' | ';' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn dn_cn(dn: &str) -> Option<String> {
    split_dn(dn).into_iter().find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("CN")
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// `<I>issuer<S>subject` from a `TlsCertificateName` value.
fn tls_cert_name(v: Option<&Value>) -> Option<(String, String)> {
    let v = v?;
    if let Value::Obj(o) = v
        && let (Some(i), Some(s)) = (o.text("CertificateIssuer"), o.text("CertificateSubject"))
    {
        return Some((i, s));
    }
    let t = v.text()?;
    let rest = t.strip_prefix("<I>")?;
    let (i, s) = rest.split_once("<S>")?;
    Some((i.to_owned(), s.to_owned()))
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?']).next()?;
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// The UTC date of a `<DT>` value.
#[must_use]
pub fn utc_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let date: Date = t.get(..10)?.parse().ok()?;
    let time = t.get(11..)?;
    let hh: i64 = time.get(..2)?.parse().ok()?;
    let mm: i64 = time.get(3..5)?.parse().ok()?;
    let offset = time
        .rfind(['+', '-'])
        .filter(|&i| i >= 5)
        .and_then(|i| {
            let sign = if time.as_bytes()[i] == b'-' { -1 } else { 1 };
            let oh: i64 = time.get(i + 1..i + 3)?.parse().ok()?;
            let om: i64 = time.get(i + 4..i + 6)?.parse().ok()?;
            Some(sign * (oh * 60 + om))
        })
        .unwrap_or(0);
    let minutes = hh * 60 + mm - offset;
    Some(date.add_days(minutes.div_euclid(24 * 60)))
}

// ---------------------------------------------------------------------------------------
// The builder

#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // independent facts read from one certificate
struct Cand {
    subject_dn: String,
    issuer_dn: String,
    subject: String,
    names: Vec<String>,
    issuer: String,
    self_signed: bool,
    public_ca: Option<bool>,
    services: Option<Vec<CertService>>,
    smtp: bool,
    not_after: Option<Date>,
    thumbprint: String,
    dropped: bool,
    shape_b: bool,
}

#[derive(Debug)]
struct Srv {
    node: Node,
    fqdn: Option<String>,
    inventoried: bool,
    notes: Vec<String>,
    receive_data: bool,
    accepts: bool,
    accepts_tls: Vec<(String, String)>,
    ews: Vec<(String, String)>,
    mrs: Option<bool>,
    certs: Vec<Cand>,
    dn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum End {
    Srv(usize),
    Exo,
    Ns(String),
    Fgw,
    Agent,
}

#[derive(Debug)]
struct PLink {
    link: Link,
    from: End,
    to: End,
    source: String,
    notes: Vec<String>,
}

struct Builder<'a> {
    files: Vec<&'a str>,
    opts: &'a Options,
    servers: Vec<Srv>,
    namespaces: BTreeMap<String, Vec<String>>,
    links: Vec<PLink>,
    exo_refs: Vec<String>,
    exo_node: Node,
    fgw: Option<Node>,
    agent: Option<Node>,
    inferred: Vec<String>,
    conflicts: Vec<String>,
    skipped: Vec<String>,
    notes: Vec<String>,
    referenced: Vec<String>,
    collected: Option<Date>,
    manifest: HashMap<String, String>,
    public_folders: Option<PublicFolders>,
}

impl Builder<'_> {
    fn origin(&self, ty: ObjectType, file: usize) -> String {
        let collected = self
            .collected
            .map(|d| format!(", collected {d}"))
            .unwrap_or_default();
        format!(
            "imported from {} ({}{collected}) on {}",
            ty.cmdlet(),
            self.files[file],
            self.opts.date
        )
    }

    fn find_server(&self, name: &str) -> Option<usize> {
        let n = name.trim().to_lowercase();
        if n.is_empty() {
            return None;
        }
        let first = n.split('.').next().unwrap_or(&n).to_owned();
        self.servers.iter().position(|s| {
            let sn = s.node.name.to_lowercase();
            sn == n
                || sn == first
                || s.fqdn
                    .as_deref()
                    .is_some_and(|f| f.eq_ignore_ascii_case(&n))
        })
    }

    /// The server named by a reference, created from it when not inventoried (§4.0).
    fn server_ref(&mut self, name: &str, edge: bool, by: &str, file: usize) -> usize {
        if let Some(i) = self.find_server(name) {
            return i;
        }
        let newest = self
            .servers
            .iter()
            .filter(|s| s.inventoried)
            .filter_map(|s| s.node.version)
            .max()
            .unwrap_or(Version::Se);
        let kind = if edge {
            NodeKind::EdgeTransport
        } else {
            NodeKind::ExchangeServer
        };
        let mut node = Node::new("", kind, name.trim());
        node.version = Some(newest);
        if !edge {
            node.roles = Some(match newest {
                Version::V2010 => vec![Role::Mailbox, Role::ClientAccess, Role::HubTransport],
                Version::V2013 => vec![Role::Mailbox, Role::ClientAccess],
                _ => vec![Role::Mailbox],
            });
        }
        self.referenced.push(name.trim().to_owned());
        self.servers.push(Srv {
            node,
            fqdn: None,
            inventoried: false,
            notes: vec![
                format!("referenced by {by} ({}); not inventoried", self.files[file]),
                "not inventoried; version assumed".to_owned(),
            ],
            receive_data: false,
            accepts: false,
            accepts_tls: Vec::new(),
            ews: Vec::new(),
            mrs: None,
            certs: Vec::new(),
            dn: None,
        });
        self.servers.len() - 1
    }

    fn refer_exo(&mut self, by: &str) {
        if !self.exo_refs.iter().any(|r| r == by) {
            self.exo_refs.push(by.to_owned());
        }
    }

    fn link(&mut self, kind: LinkKind, from: End, to: End, source: &str) -> &mut PLink {
        self.links.push(PLink {
            link: Link::new("", kind, "", ""),
            from,
            to,
            source: source.to_owned(),
            notes: Vec::new(),
        });
        let last = self.links.len() - 1;
        &mut self.links[last]
    }

    fn end_name(&self, e: &End) -> String {
        match e {
            End::Srv(i) => self.servers[*i].node.name.clone(),
            End::Exo => "Exchange Online".to_owned(),
            End::Ns(h) => h.clone(),
            End::Fgw => self.fgw.as_ref().map_or_else(
                || "Microsoft Federation Gateway".to_owned(),
                |n| n.name.clone(),
            ),
            End::Agent => "Hybrid Agent".to_owned(),
        }
    }

    /// The on-premises EWS end (§4.6).
    fn ews_end(&mut self, host: Option<&str>) -> Option<End> {
        let with_url: Vec<(usize, String)> = self
            .servers
            .iter()
            .enumerate()
            .filter(|(_, s)| s.node.kind == NodeKind::ExchangeServer)
            .filter_map(|(i, s)| {
                s.node
                    .ews_external_url
                    .as_deref()
                    .and_then(host_of)
                    .map(|h| (i, h))
            })
            .collect();
        let (host, group): (Option<String>, Vec<usize>) = if let Some(h) = host {
            let h = h.to_lowercase();
            let g = with_url
                .iter()
                .filter(|(_, x)| *x == h)
                .map(|(i, _)| *i)
                .collect();
            (Some(h), g)
        } else {
            {
                let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
                for (i, h) in &with_url {
                    groups.entry(h.clone()).or_default().push(*i);
                }
                let best = groups
                    .into_iter()
                    .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)));
                match best {
                    Some((h, g)) => {
                        self.inferred.push(format!(
                            "EWS end {h} chosen from the EWS external URLs (no target host known)"
                        ));
                        (Some(h), g)
                    }
                    None => (None, Vec::new()),
                }
            }
        };
        match (group.len(), host) {
            (1, _) => Some(End::Srv(group[0])),
            (0, Some(h)) => {
                self.namespaces.entry(h.clone()).or_default();
                self.inferred
                    .push(format!("{h} does not match any imported EWS URL"));
                Some(End::Ns(h))
            }
            (0, None) => {
                let mut cands: Vec<usize> = (0..self.servers.len())
                    .filter(|&i| {
                        let s = &self.servers[i];
                        s.inventoried
                            && s.node.kind == NodeKind::ExchangeServer
                            && match s.node.version {
                                Some(v) if v.is_2016_plus() => s.node.has_role(Role::Mailbox),
                                Some(_) => s.node.has_role(Role::ClientAccess),
                                None => false,
                            }
                    })
                    .collect();
                cands.sort_by_key(|&i| self.servers[i].node.name.to_lowercase());
                let first = *cands.first()?;
                self.inferred.push(format!(
                    "EWS end {} assumed (no EWS external URL imported)",
                    self.servers[first].node.name
                ));
                Some(End::Srv(first))
            }
            (_, h) => {
                let h = h.unwrap_or_default();
                let names: Vec<String> = group
                    .iter()
                    .map(|&i| self.servers[i].node.name.clone())
                    .collect();
                self.namespaces.insert(h.clone(), names);
                Some(End::Ns(h))
            }
        }
    }
}

/// Build the plan from parsed files; `None` when nothing importable was found.
#[allow(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    clippy::similar_names
)] // one pass in spec order
pub fn build(inputs: &[(String, Parsed)], opts: &Options) -> Option<Imported> {
    let mut b = Builder {
        files: inputs.iter().map(|(f, _)| f.as_str()).collect(),
        opts,
        servers: Vec::new(),
        namespaces: BTreeMap::new(),
        links: Vec::new(),
        exo_refs: Vec::new(),
        exo_node: Node::new("exo", NodeKind::ExchangeOnline, "Exchange Online"),
        fgw: None,
        agent: None,
        inferred: Vec::new(),
        conflicts: Vec::new(),
        skipped: Vec::new(),
        notes: Vec::new(),
        referenced: Vec::new(),
        collected: None,
        manifest: HashMap::new(),
        public_folders: None,
    };

    // Recognize and de-duplicate.
    let mut records: Vec<Record> = Vec::new();
    let mut read_counts: BTreeMap<ObjectType, (usize, usize)> = BTreeMap::new();
    let mut first_seen: HashMap<(ObjectType, bool, String), usize> = HashMap::new();
    let mut used_files = 0;
    let mut objects_used = 0;
    for (fi, (shown, parsed)) in inputs.iter().enumerate() {
        let objs = match parsed {
            Parsed::NotClixml { root } => {
                b.skipped
                    .push(format!("{shown}: not CLIXML (root element <{root}>)"));
                continue;
            }
            Parsed::Objects(o) => o,
        };
        let mut used = false;
        let mut first_unused: Option<String> = None;
        for obj in objs {
            match recognize(obj) {
                Ok((ty, side)) => {
                    let r = Record {
                        ty,
                        side,
                        obj: Rc::clone(obj),
                        file: fi,
                    };
                    if ty != ObjectType::Manifest {
                        used = true;
                        objects_used += 1;
                    }
                    let key = (ty, side == Side::Online, dedup_key(&r));
                    let count = read_counts.entry(ty).or_default();
                    count.0 += 1;
                    if let Some(&prev) = first_seen.get(&key) {
                        let p: &Record = &records[prev];
                        let same = content_equal(&p.obj, &r.obj)
                            || (case_blind(ty) && content_equal_ignoring_case(&p.obj, &r.obj));
                        if !same && ty != ObjectType::Manifest {
                            b.conflicts.push(if p.file == fi {
                                format!(
                                    "{} {} appears twice in {} with different values; the first is used",
                                    ty.noun(),
                                    key.2,
                                    b.files[fi]
                                )
                            } else {
                                format!(
                                    "{} {} differs between {} and {}; the first is used",
                                    ty.noun(),
                                    key.2,
                                    b.files[p.file],
                                    b.files[fi]
                                )
                            });
                        }
                        continue;
                    }
                    count.1 += 1;
                    first_seen.insert(key, records.len());
                    records.push(r);
                }
                Err(class) => {
                    first_unused.get_or_insert(class);
                }
            }
        }
        if used {
            used_files += 1;
        } else if let Some(class) = first_unused {
            b.skipped
                .push(format!("{shown}: type {class} is not used by the import"));
        } else if !records.iter().any(|r| r.file == fi) {
            b.skipped.push(format!("{shown}: no objects"));
        }
    }
    if objects_used == 0 {
        return None;
    }
    let of = |ty: ObjectType| records.iter().filter(move |r| r.ty == ty);

    // The manifest: collection dates and statuses.
    for r in of(ObjectType::Manifest) {
        if let Some(d) = r.obj.text("CollectedAt").and_then(|t| utc_date(&t)) {
            b.collected = Some(b.collected.map_or(d, |c: Date| c.max(d)));
        }
        let source = r.obj.text("Source").unwrap_or_default();
        for c in r.obj.list("Commands") {
            let Some(c) = c.obj() else { continue };
            let cmdlet = c.text("Cmdlet").unwrap_or_default();
            let status = c.text("Status").unwrap_or_default();
            if matches!(status.as_str(), "failed" | "partial") {
                b.notes.push(format!(
                    "{cmdlet} ({source}) {status}: {}",
                    c.text("Message").unwrap_or_default()
                ));
            }
            if source != "ExchangeOnline" {
                b.manifest.insert(cmdlet, status);
            }
        }
    }

    // Servers (§4.1).
    for r in of(ObjectType::ExchangeServer) {
        let o = &r.obj;
        let Some(name) = o.text("Name") else { continue };
        let Some((ma, mi, bu)) = o.get("AdminDisplayVersion").and_then(version_numbers) else {
            b.skipped
                .push(format!("server {name}: no readable AdminDisplayVersion"));
            continue;
        };
        let (version, build, update, inferred) = match server_version(ma, mi, bu, &name) {
            ServerVersion::NotModeled(why) => {
                b.skipped.push(format!("server {name}: {why}"));
                continue;
            }
            ServerVersion::Known {
                version,
                build,
                update,
                inferred,
            } => (version, build, update, inferred),
        };
        let role_flags = flags(o.get("ServerRole"));
        let edge = o.bool("IsEdgeServer") == Some(true) || role_flags.iter().any(|f| f == "Edge");
        let mut node = Node::new(
            "",
            if edge {
                NodeKind::EdgeTransport
            } else {
                NodeKind::ExchangeServer
            },
            name.clone(),
        );
        node.version = Some(version);
        node.build = build;
        node.update = update;
        node.site = o.get("Site").and_then(ad_name);
        node.zone = Some(if edge {
            Zone::Perimeter
        } else {
            Zone::Internal
        });
        if !edge {
            let mut roles: Vec<Role> = if role_flags.is_empty() {
                [
                    ("IsMailboxServer", Role::Mailbox),
                    ("IsClientAccessServer", Role::ClientAccess),
                    ("IsHubTransportServer", Role::HubTransport),
                    ("IsUnifiedMessagingServer", Role::UnifiedMessaging),
                ]
                .into_iter()
                .filter(|(p, _)| o.bool(p) == Some(true))
                .map(|(_, r)| r)
                .collect()
            } else {
                role_flags
                    .iter()
                    .filter_map(|f| match f.as_str() {
                        "Mailbox" => Some(Role::Mailbox),
                        "ClientAccess" => Some(Role::ClientAccess),
                        "HubTransport" => Some(Role::HubTransport),
                        "UnifiedMessaging" => Some(Role::UnifiedMessaging),
                        _ => None,
                    })
                    .collect()
            };
            roles.retain(|r| version.allowed_roles().contains(r));
            roles.sort();
            roles.dedup();
            node.roles = Some(roles);
        }
        let mut notes = vec![b.origin(ObjectType::ExchangeServer, r.file)];
        if let Some(i) = inferred {
            notes.push(format!("inferred: {i}"));
            b.inferred.push(i);
        }
        b.servers.push(Srv {
            node,
            fqdn: o.text("Fqdn"),
            inventoried: true,
            notes,
            receive_data: false,
            accepts: false,
            accepts_tls: Vec::new(),
            ews: Vec::new(),
            mrs: None,
            certs: Vec::new(),
            dn: o.text("DistinguishedName"),
        });
    }

    // Organization configuration (§4.10).
    let mut org_name = None;
    let mut oauth2 = None;
    for r in of(ObjectType::OrganizationConfig) {
        if r.side == Side::Online {
            b.skipped.push(format!(
                "{}: Exchange Online OrganizationConfig is not used",
                b.files[r.file]
            ));
            continue;
        }
        if org_name.is_some() {
            b.conflicts.push(format!(
                "several OrganizationConfig objects; the first ({}) is used",
                org_name.clone().unwrap_or_default()
            ));
            continue;
        }
        org_name = r.obj.text("Name");
        oauth2 = r.obj.bool("OAuth2ClientProfileEnabled");
        if r.obj
            .get("PublicFoldersEnabled")
            .and_then(Value::text)
            .as_deref()
            == Some("Remote")
        {
            b.public_folders = Some(PublicFolders::Online);
        }
    }

    // Accepted domains (§4.11, §4.12).
    let mut accepted: Option<Vec<String>> = None;
    let mut exo_domains: Vec<String> = Vec::new();
    let mut tenant_labels: Vec<(u8, String)> = Vec::new();
    for r in of(ObjectType::AcceptedDomain) {
        let Some(d) = r
            .obj
            .get("DomainName")
            .and_then(|v| structured(v, "Address"))
        else {
            continue;
        };
        if r.side == Side::Online {
            b.refer_exo("EXO Get-AcceptedDomain");
            exo_domains.push(d.to_lowercase());
        } else {
            let list = accepted.get_or_insert_with(Vec::new);
            if !list.iter().any(|x| x.eq_ignore_ascii_case(&d)) {
                list.push(d.clone());
            }
            if let Some(l) = d.to_lowercase().strip_suffix(".mail.onmicrosoft.com") {
                tenant_labels.push((1, l.to_owned()));
            }
        }
    }
    if accepted.is_none()
        && b.manifest.get("Get-AcceptedDomain").map(String::as_str) == Some("empty")
    {
        accepted = Some(Vec::new());
    }
    {
        let mut labels: Vec<&str> = exo_domains
            .iter()
            .filter_map(|d| d.strip_suffix(".onmicrosoft.com"))
            .filter(|l| !l.contains('.'))
            .collect();
        labels.sort_unstable();
        let pick = labels
            .iter()
            .find(|l| exo_domains.contains(&format!("{l}.mail.onmicrosoft.com")))
            .or(labels.first());
        if let Some(l) = pick {
            tenant_labels.insert(0, (0, (*l).to_owned()));
        }
    }

    // Hybrid configuration (§4.4).
    let hc = of(ObjectType::HybridConfiguration).next().cloned();
    let mut domains: Vec<String> = Vec::new();
    let mut features: Vec<Feature> = Vec::new();
    let mut smart_host: Option<String> = None;
    let mut hc_sending: Vec<usize> = Vec::new();
    let mut hc_servers: Vec<usize> = Vec::new();
    let mut hc_receiving: Vec<usize> = Vec::new();
    let mut hc_tls: Option<(String, String)> = None;
    if let Some(r) = &hc {
        let o = &r.obj;
        b.refer_exo("Get-HybridConfiguration");
        for v in o.list("Domains") {
            let d = match v {
                Value::Obj(x) => x.text("Domain").or_else(|| {
                    x.to_string
                        .as_deref()
                        .map(|t| t.trim_start_matches("autod:").to_owned())
                }),
                other => other
                    .text()
                    .map(|t| t.trim_start_matches("autod:").to_owned()),
            };
            if let Some(d) = d.map(|d| d.to_lowercase())
                && !domains.contains(&d)
            {
                domains.push(d);
            }
        }
        for name in o.texts("Features") {
            for f in name.split(',').map(str::trim) {
                let feature = match f.to_ascii_lowercase().as_str() {
                    "freebusy" => Some(Feature::FreeBusy),
                    "movemailbox" => Some(Feature::MoveMailbox),
                    "mailtips" => Some(Feature::MailTips),
                    "messagetracking" => Some(Feature::MessageTracking),
                    "owaredirection" => Some(Feature::OwaRedirection),
                    "onlinearchive" => Some(Feature::OnlineArchive),
                    "securemail" => Some(Feature::SecureMail),
                    "centralized" => Some(Feature::CentralizedTransport),
                    "photos" => Some(Feature::Photos),
                    _ => None,
                };
                match feature {
                    Some(x) if !features.contains(&x) => features.push(x),
                    Some(_) => {}
                    None => b.notes.push(format!("unknown hybrid feature {f}")),
                }
            }
        }
        let by = "Get-HybridConfiguration";
        for v in o.list("SendingTransportServers") {
            if let Some(n) = ad_name(v) {
                let i = b.server_ref(&n, false, &format!("{by} SendingTransportServers"), r.file);
                hc_sending.push(i);
                hc_servers.push(i);
            }
        }
        for v in o.list("ReceivingTransportServers") {
            if let Some(n) = ad_name(v) {
                let i = b.server_ref(
                    &n,
                    false,
                    &format!("{by} ReceivingTransportServers"),
                    r.file,
                );
                hc_receiving.push(i);
                hc_servers.push(i);
            }
        }
        for v in o.list("EdgeTransportServers") {
            if let Some(n) = ad_name(v) {
                let i = b.server_ref(&n, true, &format!("{by} EdgeTransportServers"), r.file);
                hc_receiving.push(i);
                hc_servers.push(i);
            }
        }
        smart_host = o
            .get("OnPremisesSmartHost")
            .and_then(|v| structured(v, "Domain"))
            .filter(|s| !s.is_empty());
        hc_tls = tls_cert_name(o.get("TlsCertificateName"));
        if o.int("ServiceInstance") == Some(1) {
            b.exo_node.cloud = Some(Cloud::China);
        }
    } else if b
        .manifest
        .get("Get-HybridConfiguration")
        .map(String::as_str)
        == Some("empty")
    {
        b.notes.push(
            "no hybrid configuration exists (the Hybrid Configuration Wizard has not run)"
                .to_owned(),
        );
    }

    // Send connectors (§4.2).
    let send_objects = of(ObjectType::SendConnector).count();
    let mut send_tls: Vec<(usize, (String, String))> = Vec::new();
    let mut send_sources: Vec<usize> = Vec::new();
    for r in of(ObjectType::SendConnector) {
        let o = &r.obj;
        let name = o.text("Name").unwrap_or_default();
        let spaces: Vec<String> = o
            .list("AddressSpaces")
            .into_iter()
            .filter_map(|v| match v {
                Value::Obj(x) => x.text("Domain").or_else(|| {
                    x.to_string.as_deref().map(|t| {
                        let t = t.split_once(':').map_or(t, |(_, d)| d);
                        t.split(';').next().unwrap_or(t).to_owned()
                    })
                }),
                other => other.text(),
            })
            .map(|d| d.to_lowercase())
            .collect();
        let hosts: Vec<String> = o
            .list("SmartHosts")
            .into_iter()
            .filter_map(|v| structured(v, "Domain").or_else(|| v.text()))
            .map(|h| h.to_lowercase())
            .collect();
        let cloud_mail = o.bool("CloudServicesMailEnabled");
        let to_exo = cloud_mail == Some(true)
            || spaces.iter().any(|d| d.ends_with(".mail.onmicrosoft.com"))
            || hosts.iter().any(|h| {
                h.ends_with(".mail.protection.outlook.com")
                    || h.ends_with(".mail.protection.office365.us")
            });
        if !to_exo {
            b.skipped
                .push(format!("Send connector \"{name}\": not to Exchange Online"));
            continue;
        }
        for d in &spaces {
            if let Some(l) = d.strip_suffix(".mail.onmicrosoft.com") {
                tenant_labels.push((2, l.to_owned()));
            }
        }
        b.refer_exo("Get-SendConnector");
        let require_tls = o.bool("RequireTLS");
        let level = o.get("TlsAuthLevel").and_then(Value::text);
        let (tls_auth, tls_inferred) = match level.as_deref() {
            Some("DomainValidation") => (TlsAuth::DomainValidation, false),
            Some("CertificateValidation") => (TlsAuth::CertificateValidation, false),
            Some("EncryptionOnly") => (TlsAuth::EncryptionOnly, false),
            _ if require_tls == Some(true) => (TlsAuth::EncryptionOnly, true),
            _ => (TlsAuth::None, false),
        };
        let tls_name = tls_cert_name(o.get("TlsCertificateName"));
        let sources: Vec<String> = o
            .list("SourceTransportServers")
            .into_iter()
            .filter_map(ad_name)
            .collect();
        if sources.is_empty() {
            b.notes.push(format!(
                "Send connector \"{name}\" has no source server; skipped"
            ));
            continue;
        }
        let origin = b.origin(ObjectType::SendConnector, r.file);
        for s in sources {
            let i = b.server_ref(
                &s,
                false,
                "Get-SendConnector SourceTransportServers",
                r.file,
            );
            send_sources.push(i);
            if let Some(t) = &tls_name {
                send_tls.push((i, t.clone()));
            }
            let l = b.link(LinkKind::SendConnector, End::Srv(i), End::Exo, &name);
            l.link.label = Some(name.clone()).filter(|n| !n.is_empty());
            l.link.require_tls = require_tls;
            l.link.tls_auth = Some(tls_auth);
            l.link.cloud_services_mail = cloud_mail;
            l.link.enabled = o.bool("Enabled");
            l.notes.push(origin.clone());
            if tls_inferred {
                l.notes.push(
                    "inferred: tls_auth encryption_only (TLS required, no level set)".to_owned(),
                );
            }
            if cloud_mail.is_none() {
                l.notes.push(
                    "inferred: cloud_services_mail not in the export (Exchange 2010)".to_owned(),
                );
            }
        }
    }
    if send_objects == 0 {
        let sending = hc_sending.clone();
        for i in sending {
            let l = b.link(
                LinkKind::SendConnector,
                End::Srv(i),
                End::Exo,
                "HybridConfiguration",
            );
            l.notes.push(
                "inferred: from Get-HybridConfiguration, no Get-SendConnector data".to_owned(),
            );
        }
    } else {
        for &i in &hc_sending {
            if !send_sources.contains(&i) {
                b.conflicts.push(format!(
                    "HybridConfiguration lists sending server {}, but no imported Send connector to Exchange Online has it as a source",
                    b.servers[i].node.name
                ));
            }
        }
    }

    // Receive connectors (§4.3).
    for r in of(ObjectType::ReceiveConnector) {
        let o = &r.obj;
        let Some(server) = o.get("Server").and_then(ad_name) else {
            continue;
        };
        let port25 = o.list("Bindings").into_iter().any(|v| match v {
            Value::Obj(x) => {
                x.int("Port") == Some(25)
                    || x.to_string.as_deref().is_some_and(|t| t.ends_with(":25"))
            }
            other => other.text().is_some_and(|t| t.ends_with(":25")),
        });
        let accepts = o.bool("Enabled") != Some(false)
            && port25
            && o.list("TlsDomainCapabilities").into_iter().any(|v| {
                let (dom, caps) = match v {
                    Value::Obj(x) if x.get("Domain").is_some() => (
                        x.get("Domain")
                            .and_then(|d| structured(d, "Domain"))
                            .unwrap_or_default(),
                        x.text("Capabilities").unwrap_or_default(),
                    ),
                    other => {
                        let t = other.text().unwrap_or_default();
                        let (d, c) = t.split_once(':').unwrap_or((&t, ""));
                        (d.to_owned(), c.to_owned())
                    }
                };
                let dom = dom.to_lowercase();
                (dom == "mail.protection.outlook.com" || dom == "mail.protection.office365.us")
                    && (caps.contains("AcceptCloudServicesMail")
                        || caps.contains("AcceptOorgProtocol"))
            });
        let Some(i) = b.find_server(&server).or_else(|| {
            accepts.then(|| b.server_ref(&server, false, "Get-ReceiveConnector Server", r.file))
        }) else {
            continue;
        };
        b.servers[i].receive_data = true;
        if accepts {
            b.refer_exo("Get-ReceiveConnector");
            b.servers[i].accepts = true;
            if let Some(t) = tls_cert_name(o.get("TlsCertificateName")) {
                b.servers[i].accepts_tls.push(t);
            }
        }
    }
    let mut receivers = hc_receiving.clone();
    for (i, s) in b.servers.iter().enumerate() {
        if s.accepts && !receivers.contains(&i) {
            receivers.push(i);
        }
    }
    for i in receivers {
        let (data, accepts, name) = (
            b.servers[i].receive_data,
            b.servers[i].accepts,
            b.servers[i].node.name.clone(),
        );
        let sh = smart_host.clone();
        let l = b.link(LinkKind::ReceiveConnector, End::Exo, End::Srv(i), "receive");
        l.link.smart_host = sh;
        if data {
            l.link.accepts_cloud_mail = Some(accepts);
        } else {
            l.notes.push(format!(
                "inferred: accepts_cloud_mail not verified, no Receive connector data for {name}"
            ));
        }
    }

    // Exchange Online connectors (§4.12).
    let outbound: Vec<Rc<Obj>> = of(ObjectType::OutboundConnector)
        .map(|r| Rc::clone(&r.obj))
        .collect();
    let onprem_org = of(ObjectType::OnPremisesOrganization).next().cloned();
    if let Some(org) = &onprem_org {
        b.refer_exo("EXO Get-OnPremisesOrganization");
        if hc.is_none() {
            for d in org.obj.texts("HybridDomains") {
                let d = d.to_lowercase();
                if !domains.contains(&d) {
                    domains.push(d);
                }
            }
        }
    }
    let chosen_out = {
        let wanted = onprem_org
            .as_ref()
            .and_then(|o| o.obj.get("OutboundConnector").and_then(ad_name));
        let mut on_prem: Vec<&Rc<Obj>> = outbound
            .iter()
            .filter(|o| o.text("ConnectorType").as_deref() == Some("OnPremises"))
            .collect();
        on_prem.sort_by_key(|o| o.text("Name").unwrap_or_default());
        wanted
            .and_then(|w| {
                on_prem
                    .iter()
                    .find(|o| o.text("Name").as_deref() == Some(w.as_str()))
                    .copied()
            })
            .or_else(|| {
                on_prem.iter().copied().find(|o| {
                    smart_host.as_ref().is_some_and(|sh| {
                        o.texts("SmartHosts")
                            .iter()
                            .any(|h| h.eq_ignore_ascii_case(sh))
                    })
                })
            })
            .or(on_prem.first().copied())
            .cloned()
    };
    if !outbound.is_empty() {
        b.refer_exo("EXO Get-OutboundConnector");
    }
    let exo_data = records.iter().any(|r| r.side == Side::Online);
    for l in b
        .links
        .iter_mut()
        .filter(|l| l.link.kind == LinkKind::ReceiveConnector)
    {
        match &chosen_out {
            Some(o) => {
                let tls = o.get("TlsSettings").and_then(Value::text);
                l.link.require_tls = Some(tls.is_some());
                l.link.tls_auth = Some(match tls.as_deref() {
                    Some("DomainValidation") => TlsAuth::DomainValidation,
                    Some("CertificateValidation") => TlsAuth::CertificateValidation,
                    Some("EncryptionOnly") => TlsAuth::EncryptionOnly,
                    _ => TlsAuth::None,
                });
                l.link.enabled = o.bool("Enabled");
                if l.link.smart_host.is_none() {
                    l.link.smart_host = o.texts("SmartHosts").into_iter().next();
                }
                l.notes.push(format!(
                    "TLS settings from Exchange Online outbound connector \"{}\"",
                    o.text("Name").unwrap_or_default()
                ));
                if o.bool("RouteAllMessagesViaOnPremises") == Some(true)
                    && !features.contains(&Feature::CentralizedTransport)
                {
                    features.push(Feature::CentralizedTransport);
                    b.inferred.push(
                        "centralized_transport (outbound connector routes all messages via on-premises)"
                            .to_owned(),
                    );
                }
            }
            None => l.notes.push(format!(
                "inferred: require_tls, tls_auth not verified (no Exchange Online {})",
                if exo_data {
                    "outbound connector"
                } else {
                    "data"
                }
            )),
        }
    }
    for r in of(ObjectType::InboundConnector) {
        b.refer_exo("EXO Get-InboundConnector");
        let o = &r.obj;
        if o.text("ConnectorType").as_deref() != Some("OnPremises") {
            continue;
        }
        let line = format!(
            "Exchange Online inbound connector \"{}\": enabled {}, require TLS {}, certificate {}",
            o.text("Name").unwrap_or_default(),
            o.bool("Enabled").unwrap_or(true),
            o.bool("RequireTls").unwrap_or(false),
            o.text("TlsSenderCertificateName").unwrap_or_default()
        );
        let disabled = o.bool("Enabled") == Some(false);
        for l in b
            .links
            .iter_mut()
            .filter(|l| l.link.kind == LinkKind::SendConnector)
        {
            l.notes.push(line.clone());
            if disabled {
                l.link.enabled = Some(false);
                l.notes
                    .push("inferred: disabled by the Exchange Online inbound connector".to_owned());
            }
        }
    }

    // Certificates (§4.5).
    let mut owner_from_pscomputer = 0usize;
    let mut services_unknown = 0usize;
    for r in of(ObjectType::ExchangeCertificate) {
        let o = &r.obj;
        let (owner, cand) = if let Some(raw) = o.text("RawData") {
            use base64::Engine as _;
            let cleaned: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            let Ok(der) = base64::engine::general_purpose::STANDARD.decode(cleaned) else {
                b.notes.push(format!(
                    "{}: a RawData that is not base64 was dropped",
                    b.files[r.file]
                ));
                continue;
            };
            let info = match x509::parse(&der) {
                Ok(i) => i,
                Err(e) => {
                    b.notes
                        .push(format!("{}: certificate dropped: {e}", b.files[r.file]));
                    continue;
                }
            };
            let owner = o.text("Server").or_else(|| {
                owner_from_pscomputer += 1;
                o.text("PSComputerName")
            });
            services_unknown += 1;
            let subject_dn = x509::CertInfo::dn_text(&info.subject);
            let issuer_dn = x509::CertInfo::dn_text(&info.issuer);
            let self_signed = dn_equal(&subject_dn, &issuer_dn);
            (
                owner,
                Cand {
                    subject: info
                        .subject_cn()
                        .map(str::to_owned)
                        .or_else(|| info.dns_names.first().cloned())
                        .unwrap_or_default(),
                    names: info.dns_names.clone(),
                    issuer: issuer_dn.clone(),
                    subject_dn,
                    issuer_dn,
                    self_signed,
                    public_ca: Some(!self_signed),
                    services: None,
                    smtp: false,
                    not_after: info.not_after.parse().ok(),
                    thumbprint: info.thumbprint,
                    dropped: false,
                    shape_b: true,
                },
            )
        } else {
            let subject_dn = o.text("Subject").unwrap_or_default();
            let issuer_dn = o.text("Issuer").unwrap_or_default();
            let self_signed = o.bool("IsSelfSigned").unwrap_or(false);
            let root = o.text("RootCAType");
            let services: Vec<CertService> = o
                .text("Services")
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| match s.trim() {
                    "IIS" => Some(CertService::Iis),
                    "SMTP" => Some(CertService::Smtp),
                    "IMAP" => Some(CertService::Imap),
                    "POP" => Some(CertService::Pop),
                    "UM" => Some(CertService::Um),
                    "UMCallRouter" => Some(CertService::UmCallRouter),
                    _ => None,
                })
                .collect();
            let names = o.texts("CertificateDomains");
            let dropped = o.text("Status").as_deref() == Some("PendingRequest")
                || root.as_deref() == Some("Unknown");
            (
                o.text("Server"),
                Cand {
                    subject: dn_cn(&subject_dn)
                        .or_else(|| names.first().cloned())
                        .unwrap_or_default(),
                    smtp: services.contains(&CertService::Smtp),
                    services: Some(services),
                    names,
                    issuer: issuer_dn.clone(),
                    public_ca: Some(match root.as_deref() {
                        Some(rt) => rt == "ThirdParty" && !self_signed,
                        None => !self_signed,
                    }),
                    subject_dn,
                    issuer_dn,
                    self_signed,
                    not_after: o.text("NotAfter").and_then(|t| utc_date(&t)),
                    thumbprint: o.text("Thumbprint").unwrap_or_default().to_uppercase(),
                    dropped,
                    shape_b: false,
                },
            )
        };
        let Some(i) = owner.as_deref().and_then(|n| b.find_server(n)) else {
            b.notes.push(format!(
                "certificate {} dropped: its server {} is not in the plan",
                cand.thumbprint,
                owner.unwrap_or_default()
            ));
            continue;
        };
        let s = &mut b.servers[i];
        if !s.certs.iter().any(|c| c.thumbprint == cand.thumbprint) {
            s.certs.push(cand);
        }
    }
    if owner_from_pscomputer > 0 || services_unknown > 0 {
        b.inferred.push(format!(
            "certificate owner from PSComputerName for {owner_from_pscomputer} certificates; services unknown for {services_unknown} (raw Get-ExchangeCertificate export)"
        ));
    }
    for i in 0..b.servers.len() {
        let mut names: Vec<(String, String)> = Vec::new();
        if hc_servers.contains(&i)
            && let Some(t) = &hc_tls
        {
            names.push(t.clone());
        }
        names.extend(
            send_tls
                .iter()
                .filter(|(s, _)| *s == i)
                .map(|(_, t)| t.clone()),
        );
        names.extend(b.servers[i].accepts_tls.clone());
        let s = &mut b.servers[i];
        let server_name = s.node.name.to_lowercase();
        let fqdn = s.fqdn.clone().unwrap_or_default().to_lowercase();
        let kept: Vec<&Cand> = s
            .certs
            .iter()
            .filter(|c| {
                let cn = c.subject.as_str();
                !c.dropped
                    && cn != "Microsoft Exchange Server Auth Certificate"
                    && !cn.starts_with("WMSvc-")
                    && !c
                        .subject_dn
                        .contains("DC=Windows Azure CRP Certificate Generator")
                    && !cn.starts_with("MS-Organization-P2P-Access")
            })
            .collect();
        let is_default = |c: &Cand| {
            c.self_signed
                && (c.subject.eq_ignore_ascii_case(&server_name)
                    || (!fqdn.is_empty() && c.subject.eq_ignore_ascii_case(&fqdn)))
        };
        let groups: [Vec<&Cand>; 4] = [
            kept.iter()
                .copied()
                .filter(|c| {
                    names.iter().any(|(iss, sub)| {
                        dn_equal(sub, &c.subject_dn) && dn_equal(iss, &c.issuer_dn)
                    })
                })
                .collect(),
            kept.iter().copied().filter(|c| !c.self_signed).collect(),
            kept.iter()
                .copied()
                .filter(|c| c.self_signed && !is_default(c))
                .collect(),
            kept.iter().copied().filter(|c| is_default(c)).collect(),
        ];
        let Some(mut group) = groups.into_iter().find(|g| !g.is_empty()) else {
            continue;
        };
        group.sort_by(|a, b| {
            b.smtp
                .cmp(&a.smtp)
                .then(b.not_after.cmp(&a.not_after))
                .then(b.names.len().cmp(&a.names.len()))
                .then(a.thumbprint.cmp(&b.thumbprint))
        });
        let c = group[0];
        let mut cert = Certificate::new(c.subject.clone());
        cert.names = Some(c.names.clone());
        cert.issuer = Some(c.issuer.clone()).filter(|x| !x.is_empty());
        cert.public_ca = c.public_ca;
        cert.services.clone_from(&c.services);
        cert.not_after = c.not_after.map(|d| d.to_string());
        if c.shape_b {
            s.notes.push(format!(
                "inferred: certificate {} services unknown; public_ca from self-signed test",
                c.thumbprint
            ));
        }
        s.node.certificate = Some(cert);
    }

    // EWS virtual directories (§4.6).
    for r in of(ObjectType::WebServicesVirtualDirectory) {
        let o = &r.obj;
        let Some(server) = o.get("Server").and_then(ad_name) else {
            continue;
        };
        let Some(i) = b.find_server(&server) else {
            b.notes.push(format!(
                "EWS virtual directory of {server} dropped: the server is not in the plan"
            ));
            continue;
        };
        let s = &mut b.servers[i];
        if s.node.kind == NodeKind::EdgeTransport {
            continue;
        }
        if o.bool("MRSProxyEnabled") == Some(true) {
            s.mrs = Some(true);
        } else if s.mrs.is_none() {
            s.mrs = o.bool("MRSProxyEnabled");
        }
        if let Some(url) = o.text("ExternalUrl").filter(|u| !u.is_empty()) {
            let identity = o.get("Identity").and_then(Value::text).unwrap_or_default();
            s.ews.push((identity, url));
        }
    }
    for s in &mut b.servers {
        s.node.mrs_proxy = s.mrs;
        let url = s
            .ews
            .iter()
            .find(|(id, _)| id.contains("(Default Web Site)"))
            .or(s.ews.first())
            .map(|(_, u)| u.clone());
        s.node.ews_external_url = url;
    }

    // Organization relationships and intra-organization connectors (§4.7, §4.9).
    let hybrid_like = |d: &str, domains: &[String], accepted: &Option<Vec<String>>| {
        let d = d.to_lowercase();
        domains.contains(&d)
            || accepted
                .as_ref()
                .is_some_and(|a| a.iter().any(|x| x.eq_ignore_ascii_case(&d)))
    };
    for (ty, kind, domains_prop) in [
        (
            ObjectType::OrganizationRelationship,
            LinkKind::OrganizationRelationship,
            "DomainNames",
        ),
        (
            ObjectType::IntraOrganizationConnector,
            LinkKind::Oauth,
            "TargetAddressDomains",
        ),
    ] {
        let mut on_prem: Option<Record> = None;
        let mut online: Option<Record> = None;
        for r in of(ty) {
            let ds: Vec<String> = r
                .obj
                .list(domains_prop)
                .into_iter()
                .filter_map(|v| structured(v, "Domain"))
                .map(|d| d.to_lowercase())
                .collect();
            let name = r.obj.text("Name").unwrap_or_default();
            match r.side {
                Side::OnPremises
                    if ds.iter().any(|d| {
                        d.ends_with(".onmicrosoft.com")
                            && (kind == LinkKind::OrganizationRelationship
                                || d.ends_with(".mail.onmicrosoft.com"))
                    }) =>
                {
                    for d in &ds {
                        if let Some(l) = d
                            .strip_suffix(".mail.onmicrosoft.com")
                            .or_else(|| d.strip_suffix(".onmicrosoft.com"))
                        {
                            tenant_labels.push((2, l.to_owned()));
                        }
                    }
                    if on_prem.is_none() {
                        on_prem = Some(r.clone());
                    }
                }
                Side::Online if ds.iter().any(|d| hybrid_like(d, &domains, &accepted)) => {
                    if online.is_none() {
                        online = Some(r.clone());
                    }
                }
                _ => b.skipped.push(format!(
                    "{} \"{name}\": not between this organization and Exchange Online",
                    ty.noun()
                )),
            }
        }
        if on_prem.is_none() && online.is_none() {
            continue;
        }
        b.refer_exo(&ty.cmdlet());
        let active = |r: &Record| {
            let o = &r.obj;
            o.bool("Enabled") != Some(false)
                && (kind == LinkKind::Oauth
                    || [
                        "FreeBusyAccessEnabled",
                        "MailTipsAccessEnabled",
                        "DeliveryReportEnabled",
                        "ArchiveAccessEnabled",
                        "MailboxMoveEnabled",
                        "PhotosEnabled",
                    ]
                    .iter()
                    .any(|p| o.bool(p) == Some(true)))
        };
        let any_exo_object = records.iter().any(|r| r.side == Side::Online);
        let a_on = on_prem.as_ref().is_some_and(active);
        let (a_off, mirrored) = match &online {
            Some(r) => (active(r), false),
            None if !any_exo_object => (a_on, true),
            None => (false, false),
        };
        let host = online
            .as_ref()
            .and_then(|r| r.obj.text("TargetSharingEpr"))
            .and_then(|u| host_of(&u));
        let Some(end) = b.ews_end(host.as_deref()) else {
            b.notes.push(format!(
                "{}: no server that can publish EWS; link not created",
                ty.noun()
            ));
            continue;
        };
        let name = on_prem
            .as_ref()
            .or(online.as_ref())
            .and_then(|r| r.obj.text("Name"))
            .unwrap_or_default();
        let mut lines = Vec::new();
        for r in on_prem.iter().chain(online.iter()) {
            lines.push(b.origin(ty, r.file));
            if kind == LinkKind::OrganizationRelationship {
                let o = &r.obj;
                let flags: Vec<String> = [
                    "Enabled",
                    "FreeBusyAccessEnabled",
                    "MailTipsAccessEnabled",
                    "DeliveryReportEnabled",
                    "ArchiveAccessEnabled",
                    "MailboxMoveEnabled",
                    "PhotosEnabled",
                ]
                .iter()
                .filter_map(|p| o.bool(p).map(|v| format!("{p} {v}")))
                .collect();
                lines.push(format!(
                    "{} side: {}{}",
                    if r.side == Side::Online {
                        "Exchange Online"
                    } else {
                        "on-premises"
                    },
                    flags.join(", "),
                    o.get("FreeBusyAccessLevel")
                        .and_then(Value::text)
                        .map(|l| format!(", FreeBusyAccessLevel {l}"))
                        .unwrap_or_default()
                ));
            }
        }
        if mirrored {
            lines.push("inferred: Exchange Online side not imported".to_owned());
        }
        let owa = on_prem.as_ref().and_then(|r| r.obj.text("TargetOwaURL"));
        let onprem_owa = online.as_ref().and_then(|r| r.obj.text("TargetOwaURL"));
        let l = b.link(kind, end, End::Exo, &name);
        l.link.direction = Some(match (a_on, a_off) {
            (true, false) => Direction::ToOnline,
            (false, true) => Direction::ToOnPremises,
            _ => Direction::Both,
        });
        if !a_on && !a_off {
            l.link.enabled = Some(false);
        }
        if kind == LinkKind::OrganizationRelationship {
            l.link.owa_url = owa;
            l.link.on_premises_owa_url = onprem_owa;
        }
        l.notes.extend(lines);
    }

    // Migration endpoints (§4.12).
    let mut agent_seen = false;
    for r in of(ObjectType::MigrationEndpoint) {
        let o = &r.obj;
        if o.get("EndpointType").and_then(Value::text).as_deref() != Some("ExchangeRemoteMove") {
            continue;
        }
        b.refer_exo("EXO Get-MigrationEndpoint");
        let Some(remote) = o
            .get("RemoteServer")
            .and_then(|v| structured(v, "Domain"))
            .map(|h| h.to_lowercase())
        else {
            continue;
        };
        let name = o.get("Identity").and_then(Value::text).unwrap_or_default();
        let to = if remote.ends_with(".his.msappproxy.net") {
            agent_seen = true;
            End::Agent
        } else {
            match b.ews_end(Some(&remote)) {
                Some(e) => e,
                None => continue,
            }
        };
        let origin = b.origin(ObjectType::MigrationEndpoint, r.file);
        let l = b.link(LinkKind::MigrationEndpoint, End::Exo, to, &name);
        l.link.label = Some(name.clone()).filter(|n| !n.is_empty());
        l.notes.push(origin);
    }
    if agent_seen {
        let mut n = Node::new("agent-1", NodeKind::HybridAgent, "Hybrid Agent");
        n.notes = Some("inferred: a migration endpoint goes through the Hybrid Agent; its target is not in the inventory".to_owned());
        b.agent = Some(n);
    }

    // Federation trust (§4.8).
    if let Some(r) = of(ObjectType::FederationTrust).next() {
        let name = r
            .obj
            .text("Name")
            .unwrap_or_else(|| "Microsoft Federation Gateway".to_owned());
        let mut node = Node::new("fgw", NodeKind::FederationGateway, name.clone());
        node.notes = Some(b.origin(ObjectType::FederationTrust, r.file));
        b.fgw = Some(node);
        let rel_end = b
            .links
            .iter()
            .find(|l| l.link.kind == LinkKind::OrganizationRelationship)
            .map(|l| l.from.clone());
        let from = match rel_end {
            Some(End::Srv(i)) => Some(i),
            Some(End::Ns(h)) => b
                .namespaces
                .get(&h)
                .and_then(|names| names.first())
                .and_then(|n| b.find_server(n)),
            _ => None,
        }
        .or_else(|| {
            let mut c: Vec<usize> = (0..b.servers.len())
                .filter(|&i| {
                    b.servers[i].inventoried && b.servers[i].node.kind == NodeKind::ExchangeServer
                })
                .collect();
            c.sort_by_key(|&i| b.servers[i].node.name.to_lowercase());
            c.first().copied()
        });
        if let Some(i) = from {
            let server = b.servers[i].node.name.clone();
            let l = b.link(LinkKind::FederationTrust, End::Srv(i), End::Fgw, &name);
            l.notes.push(format!(
                "inferred: the federation trust is organization-wide; drawn from {server}"
            ));
        }
    }

    // Auth servers and setting overrides (§4.9, §4.10).
    let auth: Vec<Rc<Obj>> = of(ObjectType::AuthServer)
        .map(|r| Rc::clone(&r.obj))
        .collect();
    let mut azure_default = false;
    let mut app_id = false;
    for o in &auth {
        let azure = o.get("Type").and_then(Value::text).as_deref() == Some("AzureAD");
        if azure && o.bool("IsDefaultAuthorizationEndpoint") == Some(true) {
            azure_default = true;
        }
        if azure
            && o.text("ApplicationIdentifier")
                .is_some_and(|a| !a.is_empty())
        {
            app_id = true;
        }
        for d in o.texts("DomainName") {
            if let Some(l) = d.to_lowercase().strip_suffix(".onmicrosoft.com")
                && !l.contains('.')
            {
                tenant_labels.push((3, l.to_owned()));
                b.refer_exo("Get-AuthServer");
            }
        }
    }
    if oauth2 == Some(true) {
        if auth.is_empty() {
            features.push(Feature::HybridModernAuth);
            b.inferred.push(
                "hybrid_modern_auth from OAuth2ClientProfileEnabled alone (no Get-AuthServer data)"
                    .to_owned(),
            );
        } else if azure_default {
            features.push(Feature::HybridModernAuth);
        }
    }
    let mut dedicated: Option<bool> = None;
    for r in of(ObjectType::SettingOverride) {
        let o = &r.obj;
        if o.text("ComponentName")
            .is_some_and(|c| c.eq_ignore_ascii_case("Global"))
            && o.text("SectionName")
                .is_some_and(|c| c.eq_ignore_ascii_case("ExchangeOnpremAsThirdPartyAppId"))
        {
            for p in o.texts("Parameters") {
                let p: String = p
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase();
                if p == "enabled=true" && dedicated != Some(false) {
                    dedicated = Some(true);
                } else if p == "enabled=false" {
                    dedicated = Some(false);
                }
            }
        }
    }
    if dedicated == Some(true) && !auth.is_empty() && !app_id {
        dedicated = Some(false);
        b.conflicts.push("a setting override enables the dedicated hybrid app, but no AzureAD auth server has an ApplicationIdentifier".to_owned());
    }
    if dedicated.is_none()
        && matches!(
            b.manifest.get("Get-SettingOverride").map(String::as_str),
            Some("ok" | "empty")
        )
    {
        dedicated = Some(false);
    }
    b.exo_node.dedicated_hybrid_app = dedicated;

    // Edge subscriptions (§4.11).
    for r in of(ObjectType::EdgeSubscription) {
        let o = &r.obj;
        let Some(name) = o.text("Name") else { continue };
        let site = o.get("Site").and_then(ad_name);
        let e = b.server_ref(&name, true, "Get-EdgeSubscription Name", r.file);
        let mut cands: Vec<usize> = (0..b.servers.len())
            .filter(|&i| {
                let s = &b.servers[i];
                s.inventoried
                    && s.node.kind == NodeKind::ExchangeServer
                    && site
                        .as_deref()
                        .is_none_or(|st| s.node.site.as_deref() == Some(st))
                    && match s.node.version {
                        Some(Version::V2010) => s.node.has_role(Role::HubTransport),
                        Some(_) => s.node.has_role(Role::Mailbox),
                        None => false,
                    }
            })
            .collect();
        cands.sort_by_key(|&i| b.servers[i].node.name.to_lowercase());
        let origin = b.origin(ObjectType::EdgeSubscription, r.file);
        match cands.first() {
            Some(&to) => {
                let l = b.link(LinkKind::EdgeSubscription, End::Srv(e), End::Srv(to), &name);
                l.notes.push(origin);
            }
            None => b.notes.push(format!(
                "no Mailbox server inventoried in site {}",
                site.unwrap_or_default()
            )),
        }
    }

    // Tenant (§4.12).
    tenant_labels.sort_by_key(|(rank, _)| *rank);
    let tenant = tenant_labels.first().map(|(_, l)| l.clone());
    {
        let mut distinct: Vec<&str> = Vec::new();
        for (_, l) in &tenant_labels {
            if !distinct.contains(&l.as_str()) {
                distinct.push(l);
            }
        }
        if distinct.len() > 1 {
            b.conflicts.push(format!(
                "several tenant names found ({}); {} is used",
                distinct.join(", "),
                distinct[0]
            ));
        }
    }

    // Assemble.
    let exo_needed = !b.exo_refs.is_empty()
        || b.links
            .iter()
            .any(|l| l.from == End::Exo || l.to == End::Exo);
    let mut doc = Document::new(opts.title.clone().unwrap_or_else(|| match &org_name {
        Some(n) => format!("{n} (as-is)"),
        None => "Imported organization (as-is)".to_owned(),
    }));
    let mode = if hc.as_ref().is_some() && features.contains(&Feature::SecureMail) {
        Mode::Full
    } else {
        Mode::Draft
    };
    doc.hybrid.mode = mode;
    doc.hybrid.topology = if agent_seen {
        Topology::Modern
    } else {
        Topology::Classic
    };
    doc.hybrid.features = Some(features.clone());
    doc.hybrid.domains = domains;
    doc.hybrid.accepted_domains = accepted;
    doc.hybrid.public_folders = b.public_folders;
    if hc.is_some() && features == [Feature::MoveMailbox] {
        b.notes
            .push("only MoveMailbox is configured: consider mode minimal".to_owned());
    }

    // Nodes in order, with ids.
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut unique = |base: String| -> String {
        let n = used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    };
    let mut order: Vec<usize> = (0..b.servers.len()).collect();
    order.sort_by_key(|&i| b.servers[i].node.name.to_lowercase());
    let mut server_ids: Vec<String> = vec![String::new(); b.servers.len()];
    for &i in &order {
        let id = unique(format!("srv-{}", slug(&b.servers[i].node.name)));
        server_ids[i].clone_from(&id);
        let s = &mut b.servers[i];
        s.node.id = id.into();
        s.node.notes = Some(s.notes.join("\n"));
        doc.nodes.push(s.node.clone());
    }
    let mut ns_ids: HashMap<String, String> = HashMap::new();
    for (host, names) in &b.namespaces {
        let id = unique(format!("ns-{}", slug(host)));
        ns_ids.insert(host.clone(), id.clone());
        let mut n = Node::new(id, NodeKind::LoadBalancer, host.clone());
        n.notes = Some(if names.is_empty() {
            format!("inferred: {host} does not match any imported EWS URL")
        } else {
            format!(
                "inferred: published namespace shared by {}",
                names.join(", ")
            )
        });
        doc.nodes.push(n);
    }
    for (host, names) in b.namespaces.clone() {
        for n in names {
            if let Some(i) = b.find_server(&n) {
                b.link(LinkKind::RoutesTo, End::Ns(host.clone()), End::Srv(i), "")
                    .notes
                    .push(format!("inferred: {host} routes to {n}"));
            }
        }
    }
    if let Some(a) = &b.agent {
        doc.nodes.push(a.clone());
    }
    if exo_needed {
        let mut n = b.exo_node.clone();
        n.tenant = Some(tenant.clone().unwrap_or_default());
        if tenant.is_none() {
            b.inferred.push("tenant name not found".to_owned());
        }
        let mut d: Vec<String> = exo_domains
            .iter()
            .filter(|d| !d.ends_with("onmicrosoft.com"))
            .cloned()
            .collect();
        d.sort();
        d.dedup();
        if !d.is_empty() {
            n.domains = Some(d);
        }
        n.notes = Some(format!(
            "inferred: Exchange Online node (referred to by {})",
            b.exo_refs.join(", ")
        ));
        b.inferred.insert(
            0,
            format!(
                "Exchange Online node (referred to by {})",
                b.exo_refs.join(", ")
            ),
        );
        doc.nodes.push(n);
    } else {
        b.notes
            .push("no hybrid objects found; add Exchange Online to start a plan".to_owned());
        doc.hybrid.mode = Mode::Draft;
        b.links.retain(|l| l.from != End::Exo && l.to != End::Exo);
    }
    if let Some(f) = &b.fgw {
        doc.nodes.push(f.clone());
    }
    let id_of = |e: &End| -> String {
        match e {
            End::Srv(i) => server_ids[*i].clone(),
            End::Exo => "exo".to_owned(),
            End::Ns(h) => ns_ids.get(h).cloned().unwrap_or_default(),
            End::Fgw => "fgw".to_owned(),
            End::Agent => "agent-1".to_owned(),
        }
    };
    let kind_rank = |k: LinkKind| LinkKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    let mut links: Vec<(usize, String, String, String, usize)> = b
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                kind_rank(l.link.kind),
                b.end_name(&l.from).to_lowercase(),
                b.end_name(&l.to).to_lowercase(),
                l.source.to_lowercase(),
                i,
            )
        })
        .collect();
    links.sort();
    let mut per_kind: HashMap<LinkKind, usize> = HashMap::new();
    for (_, _, _, _, i) in links {
        let pl = &b.links[i];
        let n = per_kind.entry(pl.link.kind).or_insert(0);
        *n += 1;
        let mut link = pl.link.clone();
        link.id = format!("{}-{n}", pl.link.kind.key()).into();
        link.from = id_of(&pl.from).into();
        link.to = id_of(&pl.to).into();
        let mut notes = pl.notes.clone();
        if notes.is_empty() {
            notes.push(format!("inferred: from {}", pl.source));
        }
        link.notes = Some(notes.join("\n"));
        let listed = if pl.link.kind == LinkKind::RoutesTo {
            &[][..]
        } else {
            &pl.notes[..]
        };
        for line in listed.iter().filter_map(|n| n.strip_prefix("inferred: ")) {
            b.inferred.push(format!(
                "{} {} -> {}: {line}",
                pl.link.kind.key(),
                b.end_name(&pl.from),
                b.end_name(&pl.to)
            ));
        }
        doc.links.push(link);
    }

    // Forests (§5).
    let mut forests: Vec<String> = Vec::new();
    let dns = records
        .iter()
        .filter_map(|r| r.obj.text("DistinguishedName"))
        .chain(b.servers.iter().filter_map(|s| s.dn.clone()));
    for dn in dns {
        let dcs: Vec<String> = split_dn(&dn)
            .into_iter()
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case("DC")
                    .then(|| v.trim().to_owned())
            })
            .collect();
        if dcs.len() >= 2 {
            let f = dcs[dcs.len() - 2..].join(".");
            if !forests.iter().any(|x| x.eq_ignore_ascii_case(&f)) {
                forests.push(f);
            }
        }
    }
    if forests.len() > 1 {
        b.notes.push(format!(
            "the input spans {} Active Directory forests: {}; check that it is one organization",
            forests.len(),
            forests.join(", ")
        ));
    }
    b.notes.push(
        "add by hand: directory synchronization (sync_server), public DNS names, firewall ports"
            .to_owned(),
    );

    // Summary (§6).
    let mut lines = Vec::new();
    lines.push(format!(
        "import: {} files read ({used_files} used, {} skipped), {objects_used} objects used",
        inputs.len(),
        inputs.len() - used_files
    ));
    let mut counts = String::new();
    for k in NodeKind::ALL {
        let n = doc.nodes.iter().filter(|x| x.kind == k).count();
        if n > 0 {
            let _ = write!(
                counts,
                "{}{} {n}",
                if counts.is_empty() { "" } else { ", " },
                k.key()
            );
        }
    }
    lines.push(format!("nodes: {counts}"));
    let mut counts = String::new();
    for k in LinkKind::ALL {
        let n = doc.links.iter().filter(|x| x.kind == k).count();
        if n > 0 {
            let _ = write!(
                counts,
                "{}{} {n}",
                if counts.is_empty() { "" } else { ", " },
                k.key()
            );
        }
    }
    if !counts.is_empty() {
        lines.push(format!("links: {counts}"));
    }
    let read: Vec<String> = read_counts
        .iter()
        .filter(|(t, _)| **t != ObjectType::Manifest)
        .map(|(t, (all, distinct))| {
            if all == distinct {
                format!("{} {all}", t.noun())
            } else {
                format!("{} {all} ({distinct} distinct)", t.noun())
            }
        })
        .collect();
    lines.push(format!("read: {}", read.join(", ")));
    if !b.referenced.is_empty() {
        let v = doc
            .nodes
            .iter()
            .filter(|n| b.referenced.iter().any(|r| r.eq_ignore_ascii_case(&n.name)))
            .map(|n| n.name.clone())
            .collect::<Vec<_>>();
        let version = doc
            .nodes
            .iter()
            .find(|n| b.referenced.iter().any(|r| r.eq_ignore_ascii_case(&n.name)))
            .and_then(|n| n.version)
            .unwrap_or(Version::Se);
        b.inferred.push(format!(
            "version {} assumed for {} (not inventoried)",
            version.key(),
            v.join(", ")
        ));
    }
    lines.extend(b.inferred.iter().map(|l| format!("inferred: {l}")));
    let referenced_line = if b.referenced.is_empty() {
        None
    } else {
        let names: Vec<String> = doc
            .nodes
            .iter()
            .filter(|n| b.referenced.iter().any(|r| r.eq_ignore_ascii_case(&n.name)))
            .map(|n| n.name.clone())
            .collect();
        Some(format!(
            "referenced but not inventoried: {}",
            names.join(", ")
        ))
    };
    lines.extend(referenced_line.clone());
    lines.extend(b.conflicts.iter().map(|l| format!("conflict: {l}")));
    lines.extend(b.skipped.iter().map(|l| format!("skipped: {l}")));
    lines.extend(b.notes.iter().map(|l| format!("note: {l}")));

    let collected = b
        .collected
        .map(|d| format!(" collected {d}"))
        .unwrap_or_default();
    let mut description = format!(
        "As-is import of {} inventory files{collected} ({objects_used} objects read). {}",
        inputs.len(),
        lines[0]
    );
    if let Some(r) = referenced_line {
        description.push('\n');
        description.push_str(&r);
    }
    doc.description = Some(description);
    Some(Imported {
        doc,
        summary: Summary { lines },
    })
}
