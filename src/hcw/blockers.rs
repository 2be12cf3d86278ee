//! Blockers: every error finding means the plan cannot be configured as drawn. For the
//! findings the wizard itself runs into, the step of the wizard that fails and why.

use super::Blocker;
use crate::rules::{Finding, Severity};

/// The wizard step that fails on a plan with this rule's error, and why; `None` for the
/// errors the wizard does not check (it configures them wrongly or they fail later).
#[must_use]
pub fn wizard_step(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "R-EXO-MISSING" => {
            "Office 365 sign-in: there is no Exchange Online organization to connect to"
        }
        "R-DOM-REQUIRED" => "Hybrid Domains: there is no domain to select",
        "R-DOM-ACCEPTED" => {
            "Hybrid Domains: the page lists only accepted domains, so this domain cannot be selected"
        }
        "R-MAIL-INBOUND-PATH" | "R-MAIL-RECV-ENDPOINT-ROLE" | "R-ROLE-2013-CAS" => {
            "Receive Connector Configuration: no server that can receive mail from Exchange Online is offered"
        }
        "R-MAIL-OUTBOUND-PATH" | "R-MAIL-SEND-SOURCE-ROLE" | "R-ROLE-2013-MBX" => {
            "Send Connector Configuration: no Mailbox server that can send to Exchange Online is offered"
        }
        "R-MAIL-EDGE-EXCLUSIVE" => {
            "Update: Set-HybridConfiguration refuses Edge Transport servers together with sending or receiving servers (HCW8043)"
        }
        "R-EDGE-SUBSCRIPTION" => {
            "Update: the connectors reach the Edge server only through an Edge Subscription, which must exist before the wizard runs"
        }
        "R-CERT-SERVICES" => {
            "Transport Certificate: the page offers only certificates assigned to SMTP"
        }
        "R-CERT-PUBLIC-CA" => {
            "Transport Certificate: Exchange Online accepts only a certificate from a public CA"
        }
        "R-CERT-VALIDITY" => "Transport Certificate: an expired certificate is not offered",
        "R-CERT-CONSISTENT" => {
            "Transport Certificate: the page needs one certificate present on every selected server"
        }
        "R-FED-DOMAIN-LENGTH" | "R-FED-TRUST-FOR-ORGREL" => {
            "Federation Trust and Domain Ownership: the federation trust cannot be created"
        }
        "R-VER-HYBRID-MATRIX" | "R-VER-COEXIST" | "R-VER-EOL" => {
            "Start: the wizard refuses an on-premises organization with this version"
        }
        "R-AGENT-MISSING" => {
            "Hybrid Topology: Modern Hybrid needs the Hybrid Agent installed and registered"
        }
        "R-MRS-PROXY" => "Update: the migration endpoint test fails without MRS Proxy",
        _ => return None,
    })
}

/// The error findings as blockers, in the findings' order.
pub(super) fn blockers(findings: &[Finding]) -> Vec<Blocker> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| Blocker {
            rule: f.rule,
            message: f.message.clone(),
            wizard_step: wizard_step(f.rule),
            nodes: f.nodes.clone(),
            links: f.links.clone(),
            source: f.source,
        })
        .collect()
}
