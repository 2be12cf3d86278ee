//! Small builders for the validator tests: plans written in a few lines, and assertions
//! that read like the catalog ("fires once, about these subjects").

use hybrid_designer::model::{
    CertService, Certificate, Direction, Document, Feature, Link, LinkKind, Mode, Node, NodeKind,
    Role, SyncTool, Topology, Version,
};
use hybrid_designer::rules::{Finding, Severity, validate};

pub use hybrid_designer::model::{LinkKind as L, Role as R, Version as V};

/// The day the plans of the version 1 rule tests are judged on (see [`Plan::new`]).
pub const V1_EVALUATION_DATE: &str = "2024-06-01";

/// A plan under construction. Node names are the ids in upper case, so a test can tell
/// that a message names servers by name.
pub struct Plan {
    pub doc: Document,
}

impl Plan {
    /// An empty full classic plan with the default features, sharing `contoso.com`, judged
    /// as of 2024-06-01: before the dates of the lifecycle rules of version 2 (the end of
    /// support of Exchange 2016 and 2019 and its notice, the dedicated hybrid app), so a
    /// test of another rule sees only what it looks at.
    pub fn new() -> Self {
        let mut doc = Document::new("test plan");
        doc.hybrid.domains = vec!["contoso.com".to_owned()];
        doc.hybrid.evaluation_date = Some(V1_EVALUATION_DATE.to_owned());
        Self { doc }
    }

    /// Judge the plan as of this day (`YYYY-MM-DD`) instead.
    pub fn judged_on(mut self, date: &str) -> Self {
        self.doc.hybrid.evaluation_date = Some(date.to_owned());
        self
    }

    pub fn mode(mut self, mode: Mode) -> Self {
        self.doc.hybrid.mode = mode;
        self
    }

    pub fn draft(self) -> Self {
        self.mode(Mode::Draft)
    }

    pub fn modern(mut self) -> Self {
        self.doc.hybrid.topology = Topology::Modern;
        self
    }

    pub fn features(mut self, features: &[Feature]) -> Self {
        self.doc.hybrid.features = Some(features.to_vec());
        self
    }

    pub fn node(mut self, node: Node) -> Self {
        let k = self.doc.nodes.len() as f64;
        self.doc.nodes.push(node.at(k * 100.0, 0.0));
        self
    }

    /// The Exchange Online organization of tenant `contoso`, id `exo`.
    pub fn online(self) -> Self {
        let mut exo = Node::new("exo", NodeKind::ExchangeOnline, "Contoso tenant");
        exo.tenant = Some("contoso".to_owned());
        self.node(exo)
    }

    pub fn server(self, id: &str, version: Version, roles: &[Role]) -> Self {
        self.node(Node::server(id, id.to_uppercase(), version, roles))
    }

    /// A server with extra fields set by `f`.
    pub fn server_with(
        self,
        id: &str,
        version: Version,
        roles: &[Role],
        f: impl FnOnce(&mut Node),
    ) -> Self {
        let mut node = Node::server(id, id.to_uppercase(), version, roles);
        f(&mut node);
        self.node(node)
    }

    pub fn edge(self, id: &str, version: Version) -> Self {
        let mut node = Node::new(id, NodeKind::EdgeTransport, id.to_uppercase());
        node.version = Some(version);
        self.node(node)
    }

    pub fn kind(self, id: &str, kind: NodeKind) -> Self {
        self.node(Node::new(id, kind, id.to_uppercase()))
    }

    pub fn lb(self, id: &str) -> Self {
        self.kind(id, NodeKind::LoadBalancer)
    }

    pub fn gateway(self, id: &str, inspects_smtp: bool) -> Self {
        let mut node = Node::new(id, NodeKind::SmtpGateway, id.to_uppercase());
        node.inspects_smtp = Some(inspects_smtp);
        self.node(node)
    }

    pub fn agent(self, id: &str) -> Self {
        self.kind(id, NodeKind::HybridAgent)
    }

    pub fn sync(self, id: &str, tool: SyncTool) -> Self {
        let mut node = Node::new(id, NodeKind::SyncServer, id.to_uppercase());
        node.tool = Some(tool);
        self.node(node)
    }

    pub fn link(mut self, id: &str, kind: LinkKind, from: &str, to: &str) -> Self {
        self.doc.links.push(Link::new(id, kind, from, to));
        self
    }

    /// A link with extra fields set by `f`.
    pub fn link_with(
        mut self,
        id: &str,
        kind: LinkKind,
        from: &str,
        to: &str,
        f: impl FnOnce(&mut Link),
    ) -> Self {
        let mut link = Link::new(id, kind, from, to);
        f(&mut link);
        self.doc.links.push(link);
        self
    }

    /// Change an existing link.
    pub fn edit_link(mut self, id: &str, f: impl FnOnce(&mut Link)) -> Self {
        f(self.doc.link_mut(id).expect("link exists"));
        self
    }

    /// Change an existing node.
    pub fn edit_node(mut self, id: &str, f: impl FnOnce(&mut Node)) -> Self {
        f(self.doc.node_mut(id).expect("node exists"));
        self
    }

    pub fn without_link(mut self, id: &str) -> Self {
        self.doc.links.retain(|l| l.id.as_str() != id);
        self
    }

    pub fn findings(&self) -> Vec<Finding> {
        validate(&self.doc)
    }

    /// The findings of one rule.
    pub fn of(&self, rule: &str) -> Vec<Finding> {
        self.findings()
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// The single finding of `rule`; fails when it fires zero or several times.
    pub fn one(&self, rule: &str) -> Finding {
        let mut found = self.of(rule);
        assert_eq!(
            found.len(),
            1,
            "{rule} should fire once: {:#?}",
            self.findings()
        );
        found.remove(0)
    }

    /// Fails when `rule` fires.
    pub fn quiet(&self, rule: &str) {
        let found = self.of(rule);
        assert!(found.is_empty(), "{rule} should stay quiet: {found:#?}");
    }

    /// The ids of the rules that fire, sorted and without repeats.
    pub fn rules(&self) -> Vec<&'static str> {
        let mut rules: Vec<&'static str> = self.findings().iter().map(|f| f.rule).collect();
        rules.dedup();
        rules
    }
}

/// A clean full classic hybrid (like the shared example p01): two Exchange 2016 Mailbox
/// servers behind `lb`, send connectors `send1`/`send2`, receive connector `recv` to `lb`,
/// federation trust `fed`, organization relationship `orgrel`, OAuth `oauth` and migration
/// endpoint `mig` on `lb`, directory sync `dirsync`. It has no finding at all.
pub fn valid_plan() -> Plan {
    Plan::new()
        .online()
        .kind("mfg", NodeKind::FederationGateway)
        .sync("sync", SyncTool::EntraConnect)
        .server_with("ex16-01", Version::V2016, &[Role::Mailbox], |n| {
            n.mrs_proxy = Some(true);
        })
        .server_with("ex16-02", Version::V2016, &[Role::Mailbox], |n| {
            n.mrs_proxy = Some(true);
        })
        .lb("lb")
        .link("dirsync", LinkKind::DirectorySync, "sync", "exo")
        .link("r1", LinkKind::RoutesTo, "lb", "ex16-01")
        .link("r2", LinkKind::RoutesTo, "lb", "ex16-02")
        .link("send1", LinkKind::SendConnector, "ex16-01", "exo")
        .link("send2", LinkKind::SendConnector, "ex16-02", "exo")
        .link("recv", LinkKind::ReceiveConnector, "exo", "lb")
        .link("fed", LinkKind::FederationTrust, "ex16-01", "mfg")
        .link_with(
            "orgrel",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
            |l| {
                l.direction = Some(Direction::Both);
                l.owa_url = Some("https://mail.contoso.com/owa".to_owned());
            },
        )
        .link("oauth", LinkKind::Oauth, "lb", "exo")
        .link("mig", LinkKind::MigrationEndpoint, "exo", "lb")
}

/// Disable a link.
pub fn disabled(l: &mut Link) {
    l.enabled = Some(false);
}

/// The node ids of a finding.
pub fn nodes(f: &Finding) -> Vec<&str> {
    f.nodes
        .iter()
        .map(hybrid_designer::model::NodeId::as_str)
        .collect()
}

/// The link ids of a finding.
pub fn links(f: &Finding) -> Vec<&str> {
    f.links
        .iter()
        .map(hybrid_designer::model::LinkId::as_str)
        .collect()
}

pub fn assert_error(f: &Finding) {
    assert_eq!(f.severity, Severity::Error, "{f:#?}");
}

pub fn assert_warning(f: &Finding) {
    assert_eq!(f.severity, Severity::Warning, "{f:#?}");
}

pub fn assert_info(f: &Finding) {
    assert_eq!(f.severity, Severity::Info, "{f:#?}");
}

/// The day the plans of the version 2 rule tests are judged on, as in the shared scenarios.
pub const V2_EVALUATION_DATE: &str = "2026-01-15";

/// The certificate of [`v2_plan`]'s servers: `mail.contoso.com` with the Autodiscover name,
/// from a public CA, for IIS and SMTP, valid until the end of 2026.
pub fn v2_certificate() -> Certificate {
    let mut c = Certificate::new("mail.contoso.com");
    c.names = Some(vec![
        "mail.contoso.com".to_owned(),
        "autodiscover.contoso.com".to_owned(),
    ]);
    c.issuer = Some("CN=Example Public CA, O=Example, C=US".to_owned());
    c.public_ca = Some(true);
    c.services = Some(vec![CertService::Iis, CertService::Smtp]);
    c.not_after = Some("2026-12-31".to_owned());
    c
}

/// A clean full classic hybrid with every field of format 1.1 (like the shared example
/// p15), judged as of 2026-01-15: two Exchange Server SE Mailbox servers `ex1` and `ex2`
/// with EWS external URLs and [`v2_certificate`], behind `lb`, which publishes
/// `mail.contoso.com` and `autodiscover.contoso.com` with TCP 25 and 443 forwarded; the
/// links of [`valid_plan`], the receive connector's smart host `mail.contoso.com` and the
/// relationship's on-premises Outlook on the web URL; `contoso.com` accepted on-premises and
/// verified in the tenant, which uses the dedicated hybrid app. It has no finding at all.
pub fn v2_plan() -> Plan {
    let server = |n: &mut Node| {
        n.mrs_proxy = Some(true);
        n.ews_external_url = Some("https://mail.contoso.com/EWS/Exchange.asmx".to_owned());
        n.certificate = Some(v2_certificate());
    };
    let mut plan = Plan::new()
        .judged_on(V2_EVALUATION_DATE)
        .online()
        .edit_node("exo", |x| {
            x.domains = Some(vec!["contoso.com".to_owned()]);
            x.dedicated_hybrid_app = Some(true);
        })
        .kind("mfg", NodeKind::FederationGateway)
        .sync("sync", SyncTool::EntraConnect)
        .server_with("ex1", Version::Se, &[Role::Mailbox], server)
        .server_with("ex2", Version::Se, &[Role::Mailbox], server)
        .lb("lb")
        .edit_node("lb", |n| {
            n.public_names = Some(vec![
                "mail.contoso.com".to_owned(),
                "autodiscover.contoso.com".to_owned(),
            ]);
            n.inbound_ports = Some(vec![25, 443]);
        })
        .link("dirsync", LinkKind::DirectorySync, "sync", "exo")
        .link("r1", LinkKind::RoutesTo, "lb", "ex1")
        .link("r2", LinkKind::RoutesTo, "lb", "ex2")
        .link("send1", LinkKind::SendConnector, "ex1", "exo")
        .link("send2", LinkKind::SendConnector, "ex2", "exo")
        .link_with("recv", LinkKind::ReceiveConnector, "exo", "lb", |l| {
            l.smart_host = Some("mail.contoso.com".to_owned());
        })
        .link("fed", LinkKind::FederationTrust, "ex1", "mfg")
        .link_with(
            "orgrel",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
            |l| {
                l.direction = Some(Direction::Both);
                l.owa_url = Some("https://mail.contoso.com/owa".to_owned());
                l.on_premises_owa_url = Some("https://mail.contoso.com/owa".to_owned());
            },
        )
        .link("oauth", LinkKind::Oauth, "lb", "exo")
        .link("mig", LinkKind::MigrationEndpoint, "exo", "lb");
    plan.doc.hybrid.accepted_domains = Some(vec!["contoso.com".to_owned()]);
    plan
}

/// The certificate of a node in a plan, to change it.
pub fn certificate<'p>(plan: &'p mut Plan, id: &str) -> &'p mut Certificate {
    plan.doc
        .node_mut(id)
        .and_then(|n| n.certificate.as_mut())
        .expect("the node has a certificate")
}
