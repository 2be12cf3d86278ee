//! The objects H1–H18 the wizard creates or changes (`docs/hcw-preview.md`), in the order
//! it runs them, each with its cmdlet lines and the plan nodes and links it comes from.

use super::inputs::{Facts, Server, receive_connector_name};
use super::lines::{Cmd, Val, ph};
use super::{Line, Mark, Shell, Step};
use crate::model::{Cloud, Feature, LinkKind, NodeId};

const HCW: &str = "https://learn.microsoft.com/exchange/hybrid-configuration-wizard";
const EXHYBRID: &str = "https://learn.microsoft.com/exchange/exchange-hybrid";
const NEW_HC: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/set-hybridconfiguration";
const FED_CFG: &str =
    "https://learn.microsoft.com/exchange/configure-a-federation-trust-exchange-2013-help";
const FREEBUSY: &str = "https://learn.microsoft.com/exchange/shared-free-busy";
const DECOMM: &str = "https://learn.microsoft.com/exchange/decommission-on-premises-exchange";
const OAUTH: &str = "https://learn.microsoft.com/exchange/configure-oauth-authentication-between-exchange-and-exchange-online-organizations-exchange-2013-help";
const KB_FROM: &str = "https://learn.microsoft.com/troubleshoot/exchange/send-emails/emails-show-addresses-not-display-names-in-from";
const KB_8010: &str = "https://learn.microsoft.com/troubleshoot/exchange/hybrid-configuration-wizard-errors/hcw8010-default-receive-connector-not-found";
const KB_QUAR: &str = "https://learn.microsoft.com/troubleshoot/exchange/email-delivery/email-messages-incorrectly-quarantined";
const ONPREM_ORG: &str =
    "https://learn.microsoft.com/powershell/module/exchangepowershell/new-onpremisesorganization";
const CSS_APP: &str =
    "https://microsoft.github.io/CSS-Exchange/Hybrid/ConfigureExchangeHybridApplication/";
const AGENT: &str = "https://learn.microsoft.com/exchange/hybrid-deployment/hybrid-agent";
const MOVES: &str = "https://learn.microsoft.com/exchange/hybrid-deployment/move-mailboxes";

/// The on-premises organization relationship's name.
const ONPREM_REL: &str = "On-premises to O365 - {Guid2}";
/// The Exchange Online organization relationship's name.
const EXO_REL: &str = "O365 to On-premises - {OrgGuid}";

fn step(id: &'static str, title: &str, shell: Shell, purpose: &str, source: &'static str) -> Step {
    Step {
        id,
        title: title.to_owned(),
        shell,
        purpose: purpose.to_owned(),
        mark: Mark::Documented,
        lines: Vec::new(),
        source,
        nodes: Vec::new(),
        links: Vec::new(),
    }
}

fn server_names(servers: &[Server]) -> Val {
    if servers.is_empty() {
        Val::Null
    } else {
        Val::List(servers.iter().map(|s| s.name.clone()).collect())
    }
}

fn ids(servers: &[Server]) -> Vec<NodeId> {
    servers.iter().map(|s| s.id.clone()).collect()
}

/// Appends the ids not yet in `into`, keeping the order (a set for the check: the servers
/// of a large plan are many).
fn push_unique(into: &mut Vec<NodeId>, more: Vec<NodeId>) {
    let mut seen: std::collections::HashSet<NodeId> = into.iter().cloned().collect();
    for id in more {
        if seen.insert(id.clone()) {
            into.push(id);
        }
    }
}

/// The objects of the plan, in the wizard's order: on-premises first, then Exchange Online.
pub(super) fn objects(f: &Facts) -> Vec<Step> {
    let mut out = Vec::new();
    let full = f.full();
    let secure_mail = full && f.wants(Feature::SecureMail);
    let oauth = full && !f.has_2010;
    out.push(hybrid_configuration(f));
    out.push(coexistence_domain(f));
    out.push(address_policy(f));
    if full {
        out.push(remote_domains(f));
    }
    if full && f.has_2010 {
        out.push(federation_trust(f));
    }
    if full {
        out.push(onprem_relationship(f));
    }
    if full && f.has_2010 {
        out.push(availability_space(f));
    }
    if secure_mail {
        out.push(send_connector(f));
        if f.edge.is_empty() {
            out.push(receive_connectors(f));
        }
    }
    if oauth {
        out.push(oauth_on_premises(f));
    }
    out.push(mrs_proxy(f));
    if full {
        out.push(exo_relationship(f));
    }
    if secure_mail {
        out.push(inbound_connector(f));
        out.push(outbound_connector(f));
    }
    if full {
        out.push(onprem_organization(f));
    }
    if oauth {
        out.push(oauth_online(f));
    }
    if full {
        out.push(dedicated_app(f));
    }
    out.push(migration_endpoint(f));
    if f.modern() {
        out.push(agent(f));
    }
    out.push(config_transfer(f));
    out
}

fn hybrid_configuration(f: &Facts) -> Step {
    let mut s = step(
        "H1",
        "HybridConfiguration object",
        Shell::Ems,
        "the wizard's desired state, reset on every run",
        NEW_HC,
    );
    s.lines.push(Line::note(
        "New-HybridConfiguration only when Get-HybridConfiguration returns nothing",
    ));
    s.lines
        .push(Line::cmd(&Cmd::new("New-HybridConfiguration")));
    let edge = !f.edge.is_empty();
    let mut cmd = Cmd::new("Set-HybridConfiguration")
        .p("ClientAccessServers", Val::Null)
        .p("ExternalIPAddresses", Val::Null)
        .l("Domains", f.domains.clone())
        .l(
            "Features",
            f.features.iter().map(|&n| n.to_owned()).collect(),
        )
        .s("OnPremisesSmartHost", f.smart_host.clone());
    if edge {
        cmd = cmd
            .p("SendingTransportServers", Val::Null)
            .p("ReceivingTransportServers", Val::Null)
            .p("EdgeTransportServers", server_names(&f.edge));
    } else {
        cmd = cmd
            .p("SendingTransportServers", server_names(&f.send))
            .p("ReceivingTransportServers", server_names(&f.recv))
            .p("EdgeTransportServers", Val::Null);
    }
    cmd = cmd.s("TlsCertificateName", f.tls_name.clone());
    if f.cloud == Cloud::China {
        cmd = cmd.r("ServiceInstance", "1");
    }
    s.lines.push(Line::cmd(&cmd));
    s.nodes = f.online_ids();
    push_unique(&mut s.nodes, ids(&f.send));
    push_unique(&mut s.nodes, ids(&f.recv));
    push_unique(&mut s.nodes, ids(&f.edge));
    s.links = f.links(LinkKind::SendConnector);
    s.links.extend(f.links(LinkKind::ReceiveConnector));
    s
}

fn coexistence_domain(f: &Facts) -> Step {
    let mut s = step(
        "H2",
        "Coexistence accepted domain",
        Shell::Ems,
        "adds the tenant's coexistence domain as an accepted domain (skipped when it exists)",
        HCW,
    );
    s.mark = Mark::Community;
    s.lines.push(Line::cmd(
        &Cmd::new("New-AcceptedDomain")
            .s("Name", f.coex.clone())
            .s("DomainName", f.coex.clone()),
    ));
    s.nodes = f.online_ids();
    s
}

fn address_policy(f: &Facts) -> Step {
    let mut s = step(
        "H3",
        "Email address policy",
        Shell::Ems,
        "adds the coexistence domain as a secondary proxy address to the policies of the hybrid domains",
        EXHYBRID,
    );
    s.mark = Mark::Community;
    s.lines.push(Line::note(
        "[COMMUNITY] the %m@ template and -ForceUpgrade; keep the policy's existing templates",
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("Set-EmailAddressPolicy")
            .s("Identity", "Default Policy")
            .p("ForceUpgrade", Val::Switch)
            .l(
                "EnabledEmailAddressTemplates",
                vec![
                    format!("SMTP:%m@{}", f.primary),
                    format!("smtp:%m@{}", f.coex),
                ],
            ),
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("Update-EmailAddressPolicy")
            .s("Identity", "Default Policy")
            .p("UpdateSecondaryAddressesOnly", Val::Switch),
    ));
    s.nodes = f.online_ids();
    s
}

fn remote_domains(f: &Facts) -> Step {
    let mut s = step(
        "H4",
        "Remote domains",
        Shell::Ems,
        "target delivery and trusted mail for the tenant's domains",
        KB_QUAR,
    );
    s.mark = Mark::Community;
    s.lines.push(Line::note(
        "[COMMUNITY] seen in an HCW log only: shown, not run",
    ));
    let coex_name = format!("Hybrid Domain - {}", f.coex);
    let initial_name = format!("Hybrid Domain - {}", f.initial);
    for cmd in [
        Cmd::new("New-RemoteDomain")
            .s("Name", coex_name.clone())
            .s("DomainName", f.coex.clone()),
        Cmd::new("Set-RemoteDomain")
            .s("Identity", coex_name)
            .b("TargetDeliveryDomain", true),
        Cmd::new("New-RemoteDomain")
            .s("Name", initial_name.clone())
            .s("DomainName", f.initial.clone()),
        Cmd::new("Set-RemoteDomain")
            .s("Identity", initial_name)
            .b("TrustedMailInboundEnabled", true),
    ] {
        s.lines.push(Line::commented(&cmd));
    }
    s.nodes = f.online_ids();
    s
}

fn federation_trust(f: &Facts) -> Step {
    let mut s = step(
        "H5",
        "Federation trust",
        Shell::Ems,
        "the trust with the Microsoft Federation Gateway that Exchange 2010 needs for free/busy",
        FED_CFG,
    );
    s.lines.push(Line::raw(
        "$ski = [System.Guid]::NewGuid().ToString(\"N\")",
        &[],
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("New-ExchangeCertificate")
            .s("FriendlyName", "Exchange Delegated Federation")
            .s("DomainName", f.primary.clone())
            .r("Services", "Federation")
            .r("KeySize", "2048")
            .b("PrivateKeyExportable", true)
            .r("SubjectKeyIdentifier", "$ski"),
    ));
    s.lines.push(Line::raw(
        "Get-ExchangeCertificate | Where-Object { $_.FriendlyName -eq \"Exchange Delegated Federation\" } | New-FederationTrust -Name \"Microsoft Federation Gateway\"",
        &[("New-FederationTrust", "Name")],
    ));
    for d in &f.domains {
        s.lines.push(Line::cmd(
            &Cmd::new("Get-FederatedDomainProof").s("DomainName", d.clone()),
        ));
    }
    s.lines.push(Line::note(
        "DNS: publish each proof as a TXT record of its domain before going on",
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("Set-FederatedOrganizationIdentifier")
            .s("DelegationFederationTrust", "Microsoft Federation Gateway")
            .s("AccountNamespace", f.primary.clone())
            .b("Enabled", true),
    ));
    for d in f.domains.iter().skip(1) {
        s.lines.push(Line::cmd(
            &Cmd::new("Add-FederatedDomain").s("DomainName", d.clone()),
        ));
    }
    s.nodes = f.link_ends(LinkKind::FederationTrust);
    s.links = f.links(LinkKind::FederationTrust);
    s
}

fn relationship_features(f: &Facts, mut cmd: Cmd, on_premises: bool) -> Cmd {
    if f.wants(Feature::FreeBusy) {
        cmd = cmd
            .b("FreeBusyAccessEnabled", true)
            .r("FreeBusyAccessLevel", "LimitedDetails");
    }
    if f.wants(Feature::MailTips) {
        cmd = cmd
            .b("MailTipsAccessEnabled", true)
            .r("MailTipsAccessLevel", "All");
    }
    if f.wants(Feature::MessageTracking) {
        cmd = cmd.b("DeliveryReportEnabled", true);
    }
    if on_premises && f.wants(Feature::OnlineArchive) {
        cmd = cmd.b("ArchiveAccessEnabled", true);
    }
    if f.wants(Feature::Photos) {
        cmd = cmd.b("PhotosEnabled", true);
    }
    if on_premises && f.wants(Feature::MoveMailbox) {
        cmd = cmd.b("MailboxMoveEnabled", true);
    }
    cmd
}

fn onprem_relationship(f: &Facts) -> Step {
    let mut s = step(
        "H6",
        "Organization relationship, on-premises side",
        Shell::Ems,
        "lets on-premises users see Exchange Online free/busy, MailTips and photos",
        FREEBUSY,
    );
    s.lines.push(Line::cmd(
        &Cmd::new("New-OrganizationRelationship")
            .s("Name", ONPREM_REL)
            .l("DomainNames", vec![f.coex.clone()])
            .b("Enabled", true)
            .s("TargetApplicationUri", "outlook.com")
            .s(
                "TargetAutodiscoverEpr",
                "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc/WSSecurity",
            ),
    ));
    let mut set = relationship_features(
        f,
        Cmd::new("Set-OrganizationRelationship").s("Identity", ONPREM_REL),
        true,
    );
    if f.wants(Feature::OwaRedirection) {
        set = set.s(
            "TargetOwaURL",
            f.owa_cloud
                .clone()
                .unwrap_or_else(|| "https://outlook.office.com/mail".to_owned()),
        );
    }
    s.lines.push(Line::cmd(&set));
    s.nodes = f.link_ends(LinkKind::OrganizationRelationship);
    s.links = f.links(LinkKind::OrganizationRelationship);
    s
}

fn exo_relationship(f: &Facts) -> Step {
    let mut s = step(
        "H7",
        "Organization relationship, Exchange Online side",
        Shell::Exo,
        "lets Exchange Online users see on-premises free/busy, MailTips and photos",
        DECOMM,
    );
    s.lines.push(Line::cmd(
        &Cmd::new("New-OrganizationRelationship")
            .s("Name", EXO_REL)
            .l("DomainNames", f.domains.clone())
            .b("Enabled", true),
    ));
    let mut set = relationship_features(
        f,
        Cmd::new("Set-OrganizationRelationship").s("Identity", EXO_REL),
        false,
    );
    if f.wants(Feature::OwaRedirection)
        && let Some(url) = &f.owa_on_prem
    {
        set = set.s("TargetOwaURL", url.clone());
    }
    if f.modern() {
        set = set.s(
            "TargetSharingEpr",
            format!(
                "https://{}.resource.mailboxmigration.his.msappproxy.net/EWS/Exchange.asmx",
                ph("AgentAppId")
            ),
        );
    }
    s.lines.push(Line::cmd(&set));
    s.nodes = f.link_ends(LinkKind::OrganizationRelationship);
    s.links = f.links(LinkKind::OrganizationRelationship);
    s
}

fn availability_space(f: &Facts) -> Step {
    let mut s = step(
        "H8",
        "Availability address space",
        Shell::Ems,
        "lets Exchange 2010 servers reach Exchange Online free/busy through a 2013+ server",
        OAUTH,
    );
    s.mark = Mark::Inference;
    s.lines.push(Line::cmd(
        &Cmd::new("Add-AvailabilityAddressSpace")
            .s("ForestName", f.coex.clone())
            .r("AccessMethod", "InternalProxy")
            .b("UseServiceAccount", true)
            .s(
                "ProxyUrl",
                format!("https://{}/EWS/Exchange.asmx", f.ews_host),
            ),
    ));
    s.nodes = f.online_ids();
    s
}

fn send_connector(f: &Facts) -> Step {
    let mut s = step(
        "H9",
        "Send connector to Exchange Online",
        Shell::Ems,
        "sends mail for the coexistence domain to Exchange Online over TLS",
        KB_FROM,
    );
    let sources = if f.edge.is_empty() { &f.send } else { &f.edge };
    let tls_domain = if matches!(f.cloud, Cloud::GccHigh | Cloud::Dod) {
        "mail.protection.office365.us"
    } else {
        "mail.protection.outlook.com"
    };
    s.lines.push(Line::cmd(
        &Cmd::new("New-SendConnector")
            .s("Name", "Outbound to Office 365 - {Guid2}")
            .l("AddressSpaces", vec![format!("smtp:{};1", f.coex)])
            .b("CloudServicesMailEnabled", true)
            .b("RequireTLS", true)
            .r("TlsAuthLevel", "DomainValidation")
            .s("TlsDomain", tls_domain)
            .s("TlsCertificateName", f.tls_name.clone())
            .p("SourceTransportServers", server_names(sources))
            .b("DNSRoutingEnabled", true)
            .s("Fqdn", f.smart_host.clone()),
    ));
    s.nodes = ids(sources);
    s.links = f.links(LinkKind::SendConnector);
    s
}

fn receive_connectors(f: &Facts) -> Step {
    let mut s = step(
        "H10",
        "Receive connector on each receiving server",
        Shell::Ems,
        "accepts mail from Exchange Online on the default frontend connector (port 25)",
        KB_8010,
    );
    for server in &f.recv {
        let capability = if server.version == Some(crate::model::Version::V2010) {
            "AcceptOorgProtocol"
        } else {
            "AcceptCloudServicesMail"
        };
        s.lines.push(Line::cmd(
            &Cmd::new("Set-ReceiveConnector")
                .s(
                    "Identity",
                    receive_connector_name(&server.name, server.version),
                )
                .s(
                    "TlsDomainCapabilities",
                    format!("mail.protection.outlook.com:{capability}"),
                )
                .s("TlsCertificateName", f.tls_name.clone()),
        ));
    }
    if f.recv.is_empty() {
        s.lines.push(Line::note("no receiving server in the plan"));
    }
    s.nodes = ids(&f.recv);
    s.links = f.links(LinkKind::ReceiveConnector);
    s
}

fn oauth_on_premises(f: &Facts) -> Step {
    let mut s = step(
        "H14",
        "OAuth, on-premises side",
        Shell::Ems,
        "OAuth between the organizations: the auth server, the partner application and the intra-organization connector",
        OAUTH,
    );
    s.lines.push(Line::note(
        "-DomainName exists only on 2016 CU18+ / 2019 CU7+ / SE: omit it on older builds",
    ));
    let mut domains = f.domains.clone();
    domains.push(f.coex.clone());
    s.lines.push(Line::cmd(
        &Cmd::new("New-AuthServer")
            .s("Name", "EvoSts - {Guid2}")
            .r("Type", "AzureAD")
            .s(
                "AuthMetadataUrl",
                format!(
                    "https://login.windows.net/{}/federationmetadata/2007-06/federationmetadata.xml",
                    f.initial
                ),
            )
            .l("DomainName", domains),
    ));
    s.lines.push(Line::note(
        "[COMMUNITY] the wizard also creates the ACS auth server:",
    ));
    s.lines.push(Line::commented(
        &Cmd::new("New-AuthServer").s("Name", "ACS - {Guid2}").s(
            "AuthMetadataUrl",
            format!(
                "https://accounts.accesscontrol.windows.net/{}/metadata/json/1",
                ph("TenantId")
            ),
        ),
    ));
    s.lines.push(Line::raw(
        "Get-PartnerApplication | Where-Object { $_.ApplicationIdentifier -eq \"00000002-0000-0ff1-ce00-000000000000\" -and $_.Realm -eq \"\" } | Set-PartnerApplication -Enabled $true",
        &[("Set-PartnerApplication", "Enabled")],
    ));
    s.lines.push(Line::note(
        "[COMMUNITY] name and endpoint; the documented manual form is named ExchangeHybridOnPremisesToOnline with https://outlook.office365.com/autodiscover/autodiscover.svc",
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("New-IntraOrganizationConnector")
            .s("Name", "HybridIOC - {Guid2}")
            .s(
                "DiscoveryEndpoint",
                "https://autodiscover-s.outlook.com/autodiscover/autodiscover.svc",
            )
            .l("TargetAddressDomains", vec![f.coex.clone()])
            .b("Enabled", true),
    ));
    s.nodes = f.link_ends(LinkKind::Oauth);
    s.links = f.links(LinkKind::Oauth);
    s
}

fn oauth_online(f: &Facts) -> Step {
    let mut s = step(
        "H14",
        "OAuth, Exchange Online side",
        Shell::Exo,
        "the intra-organization connector Exchange Online uses to reach on-premises",
        OAUTH,
    );
    s.lines.push(Line::note(
        "[COMMUNITY] name; the documented manual form is named ExchangeHybridOnlineToOnPremises",
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("New-IntraOrganizationConnector")
            .s("Name", "HybridIOC - {OrgGuid}")
            .s(
                "DiscoveryEndpoint",
                format!(
                    "https://autodiscover.{}/autodiscover/autodiscover.svc",
                    f.primary
                ),
            )
            .l("TargetAddressDomains", f.domains.clone())
            .b("Enabled", true),
    ));
    s.nodes = f.link_ends(LinkKind::Oauth);
    s.links = f.links(LinkKind::Oauth);
    s
}

fn mrs_proxy(f: &Facts) -> Step {
    let mut s = step(
        "H16",
        "MRS Proxy",
        Shell::Ems,
        "lets Exchange Online move mailboxes through the EWS virtual directory",
        AGENT,
    );
    for server in &f.mrs {
        s.lines.push(Line::cmd(
            &Cmd::new("Set-WebServicesVirtualDirectory")
                .s(
                    "Identity",
                    format!("{}\\EWS (Default Web Site)", server.name),
                )
                .b("MRSProxyEnabled", true),
        ));
    }
    if f.mrs.is_empty() {
        s.lines.push(Line::note(
            "no server behind a migration endpoint in the plan",
        ));
    }
    s.nodes = ids(&f.mrs);
    s.links = f.links(LinkKind::MigrationEndpoint);
    s
}

fn inbound_connector(f: &Facts) -> Step {
    let mut s = step(
        "H11",
        "Inbound connector in Exchange Online",
        Shell::Exo,
        "accepts on-premises mail by the certificate's name",
        KB_FROM,
    );
    s.lines.push(Line::note("[COMMUNITY] -SenderDomains \"*\""));
    s.lines.push(Line::cmd(
        &Cmd::new("New-InboundConnector")
            .s("Name", "Inbound from {OrgGuid}")
            .r("ConnectorType", "OnPremises")
            .r("ConnectorSource", "HybridWizard")
            .b("CloudServicesMailEnabled", true)
            .b("RequireTls", true)
            .s("TlsSenderCertificateName", f.cert_domain.clone())
            .l("SenderDomains", vec!["*".to_owned()]),
    ));
    s.nodes = f.link_ends(LinkKind::SendConnector);
    s.links = f.links(LinkKind::SendConnector);
    s
}

fn outbound_connector(f: &Facts) -> Step {
    let mut s = step(
        "H12",
        "Outbound connector in Exchange Online",
        Shell::Exo,
        "sends mail for the hybrid domains to the Organization FQDN over TLS",
        DECOMM,
    );
    let centralized = f.wants(Feature::CentralizedTransport);
    s.lines.push(Line::note(
        "[INFERENCE] -RecipientDomains: the hybrid domains, \"*\" with centralized mail transport; [COMMUNITY] -TlsSettings and -TlsDomain",
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("New-OutboundConnector")
            .s("Name", "Outbound to {OrgGuid}")
            .r("ConnectorType", "OnPremises")
            .r("ConnectorSource", "HybridWizard")
            .l(
                "RecipientDomains",
                if centralized {
                    vec!["*".to_owned()]
                } else {
                    f.domains.clone()
                },
            )
            .l("SmartHosts", vec![f.smart_host.clone()])
            .b("UseMXRecord", false)
            .r("TlsSettings", "DomainValidation")
            .s("TlsDomain", f.cert_domain.clone())
            .b("CloudServicesMailEnabled", true)
            .b("RouteAllMessagesViaOnPremises", centralized),
    ));
    s.nodes = f.link_ends(LinkKind::ReceiveConnector);
    s.links = f.links(LinkKind::ReceiveConnector);
    s
}

fn onprem_organization(f: &Facts) -> Step {
    let mut s = step(
        "H13",
        "OnPremisesOrganization",
        Shell::Exo,
        "ties the connectors and the relationship to the on-premises organization in Exchange Online",
        ONPREM_ORG,
    );
    let mut cmd = Cmd::new("New-OnPremisesOrganization")
        .s("Name", "{OrgGuid}")
        .s("OrganizationGuid", "{OrgGuid}")
        .s("OrganizationName", "{OrgName}")
        .l("HybridDomains", f.domains.clone());
    if f.wants(Feature::SecureMail) {
        cmd = cmd
            .s("InboundConnector", "Inbound from {OrgGuid}")
            .s("OutboundConnector", "Outbound to {OrgGuid}");
    }
    cmd = cmd.s("OrganizationRelationship", EXO_REL);
    s.lines.push(Line::cmd(&cmd));
    s.nodes = f.online_ids();
    s
}

fn dedicated_app(f: &Facts) -> Step {
    let mut s = step(
        "H15",
        "Dedicated Exchange hybrid application",
        Shell::Entra,
        "the wizard registers ExchangeServerApp-<OrgGuid> for free/busy, MailTips and photos; enabling it is P2",
        CSS_APP,
    );
    s.lines.push(Line::note(
        "offered by the wizard: registers ExchangeServerApp-<OrgGuid> in Entra ID with the EWS permission full_access_as_app",
    ));
    s.lines.push(Line::note(
        "grants tenant-wide admin consent (HCW8126 when refused) and uploads the current and next Auth certificate",
    ));
    if f.dedicated_app == Some(false) {
        s.lines.push(Line::note(
            "the plan says the dedicated app is not used: decline it on the wizard's page",
        ));
    }
    s.nodes = f.online_ids();
    s
}

fn migration_endpoint(f: &Facts) -> Step {
    let mut s = step(
        "H17",
        "Migration endpoint",
        Shell::Exo,
        "the endpoint Exchange Online moves mailboxes through",
        MOVES,
    );
    let remote = if f.modern() {
        format!(
            "{}.resource.mailboxmigration.his.msappproxy.net",
            ph("AgentAppId")
        )
    } else {
        s.mark = Mark::Inference;
        f.ews_host.clone()
    };
    s.lines.push(Line::cmd(
        &Cmd::new("Test-MigrationServerAvailability")
            .p("ExchangeRemoteMove", Val::Switch)
            .s("RemoteServer", remote.clone())
            .r("Credentials", "(Get-Credential)"),
    ));
    s.lines.push(Line::cmd(
        &Cmd::new("New-MigrationEndpoint")
            .s("Name", "Hybrid Migration Endpoint - EWS (Default Web Site)")
            .p("ExchangeRemoteMove", Val::Switch)
            .s("RemoteServer", remote)
            .r("Credentials", "(Get-Credential)"),
    ));
    s.nodes = f.link_ends(LinkKind::MigrationEndpoint);
    s.links = f.links(LinkKind::MigrationEndpoint);
    s
}

fn agent(f: &Facts) -> Step {
    let mut s = step(
        "Agent",
        "Hybrid Agent",
        Shell::Agent,
        "the wizard installs MSHybridService.msi, registers the agent and tests migration",
        AGENT,
    );
    for a in &f.agents {
        s.lines.push(Line::note(format!(
            "install and register the Hybrid Agent on {}",
            a.name
        )));
    }
    if f.agents.is_empty() {
        s.lines
            .push(Line::note("no Hybrid Agent drawn in the plan"));
    }
    s.lines.push(Line::note(
        "more agents: rerun the wizard, or Msiexec /i MSHybridService.msi on another host",
    ));
    s.nodes = f.agents.iter().map(|a| a.id.clone()).collect();
    s.links = f.links(LinkKind::AgentRegistration);
    s
}

fn config_transfer(f: &Facts) -> Step {
    let mut s = step(
        "H18",
        "Organization Configuration Transfer",
        Shell::Exo,
        "copies organization-wide policies to Exchange Online (optional)",
        HCW,
    );
    s.lines
        .push(Line::note("not selected: the plan has no field for it"));
    s.nodes = f.online_ids();
    s
}
