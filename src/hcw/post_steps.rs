//! The steps P1–P8 the wizard does not do (`docs/hcw-preview.md`, "Steps the HCW does not
//! do"), for the plans that need them.

use super::inputs::Facts;
use super::lines::{Cmd, Val};
use super::{Line, Mark, Shell, Step};
use crate::model::{Cloud, Feature, LinkKind, PublicFolders};

const EDGE: &str = "https://learn.microsoft.com/exchange/edge-transport-servers";
const CSS_APP: &str =
    "https://microsoft.github.io/CSS-Exchange/Hybrid/ConfigureExchangeHybridApplication/";
const HMA: &str = "https://learn.microsoft.com/exchange/configure-exchange-server-for-hybrid-modern-authentication";
const PF_ON_PREM: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/set-up-modern-hybrid-public-folders";
const PF_ONLINE: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/set-up-exo-hybrid-public-folders";
const HCW: &str = "https://learn.microsoft.com/exchange/hybrid-configuration-wizard";
const OWA: &str =
    "https://learn.microsoft.com/exchange/hybrid-deployment/set-up-simplified-owa-redirection";

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

/// The post-steps the plan needs, in P order.
pub(super) fn post_steps(f: &Facts) -> Vec<Step> {
    let mut out = Vec::new();
    let full = f.full();
    if full && f.wants(Feature::SecureMail) && !f.edge.is_empty() {
        out.push(edge_receive(f));
    }
    if full {
        out.push(enable_app(f));
        out.push(clean_principal(f));
    }
    if f.mode != crate::model::Mode::Draft && f.wants(Feature::HybridModernAuth) {
        out.push(modern_auth(f));
    }
    out.extend(public_folders(f));
    out.push(mx(f));
    if full && f.wants(Feature::OwaRedirection) && f.owa_cloud.is_none() {
        out.push(cloud_owa(f));
    }
    out
}

fn edge_receive(f: &Facts) -> Step {
    {
        let mut s = step(
            "P1",
            "Edge receive connector",
            Shell::Ems,
            "after every wizard run, on each Edge server: accept mail from Exchange Online",
            EDGE,
        );
        let domain = if matches!(f.cloud, Cloud::GccHigh | Cloud::Dod) {
            "mail.protection.office365.us"
        } else {
            "mail.protection.outlook.com"
        };
        for e in &f.edge {
            let cert = f
                .doc
                .node(e.id.as_str())
                .and_then(|n| n.certificate.as_ref())
                .map_or_else(|| f.smart_host.clone(), |c| c.subject.trim().to_owned());
            s.lines.push(Line::cmd(
                &Cmd::new("Set-ReceiveConnector")
                    .s(
                        "Identity",
                        format!("{0}\\Default internal receive connector {0}", e.name),
                    )
                    .s(
                        "TlsDomainCapabilities",
                        format!("{domain}:AcceptOorgProtocol"),
                    )
                    .s("Fqdn", cert),
            ));
            s.nodes.push(e.id.clone());
        }
        s
    }
}

fn enable_app(f: &Facts) -> Step {
    {
        let mut p2 = step(
            "P2",
            "Enable the dedicated hybrid application",
            Shell::Ems,
            "the wizard registers the app but does not enable it on-premises",
            CSS_APP,
        );
        let mut domains = f.domains.clone();
        domains.push(f.coex.clone());
        p2.lines.push(Line::cmd(
            &Cmd::new("Set-AuthServer")
                .s("Identity", "EvoSTS - {Guid2}")
                .s("ApplicationIdentifier", "{AppId}")
                .l("DomainName", domains),
        ));
        p2.lines.push(Line::cmd(
            &Cmd::new("New-SettingOverride")
                .s("Name", "EnableExchangeHybrid3PAppFeature")
                .s("Component", "Global")
                .s("Section", "ExchangeOnpremAsThirdPartyAppId")
                .l("Parameters", vec!["Enabled=true".to_owned()])
                .s("Reason", "Enable the dedicated Exchange hybrid application"),
        ));
        p2.lines.push(Line::cmd(
            &Cmd::new("Get-ExchangeDiagnosticInfo")
                .s("Process", "Microsoft.Exchange.Directory.TopologyService")
                .s("Component", "VariantConfiguration")
                .s("Argument", "Refresh"),
        ));
        p2.lines.push(Line::note(
            "or: .\\ConfigureExchangeHybridApplication.ps1 -FullyConfigureExchangeHybridApplication",
        ));
        p2.nodes = f.online_ids();
        p2
    }
}

fn clean_principal(f: &Facts) -> Step {
    {
        let mut p3 = step(
            "P3",
            "Clean the shared service principal",
            Shell::Entra,
            "remove custom certificates from the shared Office 365 Exchange Online service principal",
            CSS_APP,
        );
        p3.lines.push(Line::note(
            ".\\ConfigureExchangeHybridApplication.ps1 -ResetFirstPartyServicePrincipalKeyCredentials",
        ));
        p3.nodes = f.online_ids();
        p3
    }
}

fn modern_auth(f: &Facts) -> Step {
    {
        let mut s = step(
            "P4",
            "Hybrid Modern Authentication",
            Shell::Ems,
            "the wizard lays only the foundations; HMA is configured by hand",
            HMA,
        );
        s.lines.push(Line::note(
            "Entra ID: register the on-premises URLs as service principal names of Office 365 Exchange Online",
        ));
        s.lines.push(Line::cmd(
            &Cmd::new("Set-AuthServer")
                .s("Identity", "EvoSTS - {Guid2}")
                .l("DomainName", vec![f.initial.clone()])
                .b("IsDefaultAuthorizationEndpoint", true),
        ));
        s.lines.push(Line::cmd(
            &Cmd::new("Set-OrganizationConfig").b("OAuth2ClientProfileEnabled", true),
        ));
        s.nodes = f.online_ids();
        s
    }
}

fn public_folders(f: &Facts) -> Option<Step> {
    match f.doc.hybrid.public_folders() {
        PublicFolders::None => None,
        PublicFolders::OnPremises => {
            let mut s = step(
                "P5",
                "Public folders on-premises, used from Exchange Online",
                Shell::Exo,
                "sync the mail-enabled public folders, then point Exchange Online at them",
                PF_ON_PREM,
            );
            s.lines.push(Line::note(if f.has_2010 {
                "on-premises: .\\Sync-MailPublicFolders.ps1"
            } else {
                "on-premises: .\\Sync-ModernMailPublicFolders.ps1"
            }));
            s.lines.push(Line::cmd(
                &Cmd::new("Set-OrganizationConfig")
                    .r("PublicFoldersEnabled", "Remote")
                    .p(
                        "RemotePublicFolderMailboxes",
                        Val::List(vec!["<public folder mailbox>".to_owned()]),
                    ),
            ));
            Some(s)
        }
        PublicFolders::Online => {
            let mut s = step(
                "P6",
                "Public folders in Exchange Online, used on-premises",
                Shell::Ems,
                "sync the cloud public folders to on-premises and import their mailboxes",
                PF_ONLINE,
            );
            s.lines.push(Line::note(
                ".\\Sync-MailPublicFoldersCloudToOnprem.ps1, then .\\Import-PublicFolderMailboxes.ps1",
            ));
            s.lines.push(Line::cmd(
                &Cmd::new("Set-OrganizationConfig").r("PublicFoldersEnabled", "Remote"),
            ));
            Some(s)
        }
    }
}

fn mx(f: &Facts) -> Step {
    let mut p7 = step(
        "P7",
        "MX record",
        Shell::Dns,
        "the wizard does not change the MX record: inbound mail flow follows it",
        HCW,
    );
    for d in &f.domains {
        p7.lines.push(Line::note(format!(
            "MX of {d}: unchanged by the wizard; point it at Exchange Online when the project says so"
        )));
    }
    if f.domains.is_empty() {
        p7.lines.push(Line::note("no hybrid domain in the plan"));
    }
    p7
}

fn cloud_owa(f: &Facts) -> Step {
    {
        let mut s = step(
            "P8",
            "Simplified cloud OWA URL",
            Shell::Dns,
            "a short URL on-premises users are redirected to for Outlook on the web in Exchange Online",
            OWA,
        );
        s.lines.push(Line::note(format!(
            "CNAME cloudowa.{} -> mail.office365.com",
            f.primary
        )));
        s.lines.push(Line::cmd(
            &Cmd::new("Set-OrganizationRelationship")
                .s("Identity", "On-premises to O365 - {Guid2}")
                .s("TargetOwaURL", format!("http://cloudowa.{}/owa", f.primary)),
        ));
        s.nodes = f.link_ends(LinkKind::OrganizationRelationship);
        s.links = f.links(LinkKind::OrganizationRelationship);
        s
    }
}
