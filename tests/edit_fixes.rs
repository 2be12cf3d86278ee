//! Quick fixes: each one, applied, removes its finding (checked with the real validator)
//! and brings in no new error where that can be avoided.

use hybrid_designer::edit::{Command, QuickFix, quick_fix, sample_plan, templates};
use hybrid_designer::model::{
    CertService, Certificate, Direction, Document, Feature, Hybrid, LinkKind, Mode, Node, NodeId,
    NodeKind, Role, TlsAuth, Update, Version, Zone,
};
use hybrid_designer::rules::{Finding, Severity, validate};
use std::collections::BTreeSet;

/// The template of this file name (without `.hybrid.json`), in `templates()` order.
fn template(file: &str) -> Document {
    let index = [
        "blank",
        "single-se",
        "two-se-lb",
        "upgrade-to-se",
        "edge",
        "modern-agent",
    ]
    .iter()
    .position(|n| *n == file)
    .unwrap_or_else(|| panic!("no template {file}"));
    templates()[index].document().expect("template loads")
}

/// Two Exchange 2013 multi-role servers behind a load balancer (once a template), judged as
/// of 2022-03-01: before the end of support of Exchange 2013 and the dedicated hybrid app,
/// so only the role rules speak.
fn exchange_2013() -> Document {
    let path = format!(
        "{}/tests/fixtures/exchange-2013.hybrid.json",
        env!("CARGO_MANIFEST_DIR")
    );
    hybrid_designer::file::load(std::path::Path::new(&path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn node_mut<'d>(doc: &'d mut Document, id: &str) -> &'d mut Node {
    doc.node_mut(id).unwrap_or_else(|| panic!("no node {id}"))
}

fn link_mut(doc: &mut Document, kind: LinkKind) -> &mut hybrid_designer::model::Link {
    doc.links
        .iter_mut()
        .find(|l| l.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} link"))
}

fn remove_node(doc: &mut Document, id: &str) {
    Command::RemoveNodes {
        ids: vec![NodeId::from(id)],
    }
    .apply(doc)
    .expect("node exists");
}

fn errors(findings: &[Finding]) -> BTreeSet<&'static str> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect()
}

/// Finds `rule` in `doc`, applies its quick fix, and checks that the rule is gone and that
/// no error appears that was not there before, except those in `allowed_new`.
fn fix_and_check(doc: &Document, rule: &str, allowed_new: &[&str]) -> (QuickFix, Document) {
    let before = validate(doc);
    let finding = before
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{rule} should fire here; findings: {before:#?}"));
    let fix = quick_fix(doc, finding).unwrap_or_else(|| panic!("{rule} has a quick fix"));
    assert_eq!(
        fix.command.label(),
        fix.label,
        "the undo step is named like the button"
    );
    let mut fixed = doc.clone();
    fix.command
        .clone()
        .apply(&mut fixed)
        .unwrap_or_else(|e| panic!("{rule}'s fix applies: {e}"));
    let after = validate(&fixed);
    assert!(
        !after.iter().any(|f| f.rule == rule),
        "{rule} is gone after \"{}\": {after:#?}",
        fix.label
    );
    let old = errors(&before);
    let new: Vec<&str> = errors(&after)
        .into_iter()
        .filter(|r| !old.contains(r) && !allowed_new.contains(r))
        .collect();
    assert!(
        new.is_empty(),
        "\"{}\" brought in new errors {new:?}",
        fix.label
    );
    (fix, fixed)
}

fn one_2013_server() -> Document {
    let mut doc = exchange_2013();
    remove_node(&mut doc, "ex13-02");
    doc
}

#[test]
fn role_none_gives_a_2016_server_the_mailbox_role() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-02").roles = Some(vec![]);
    let (fix, fixed) = fix_and_check(&doc, "R-ROLE-NONE", &[]);
    assert_eq!(fix.label, "Give EXSE-02 the Mailbox role");
    assert_eq!(validate(&fixed), vec![], "the sample is whole again");
}

#[test]
fn role_none_gives_a_2013_server_both_roles() {
    let mut doc = exchange_2013();
    node_mut(&mut doc, "ex13-02").roles = None;
    let (fix, _) = fix_and_check(&doc, "R-ROLE-NONE", &[]);
    assert_eq!(
        fix.label,
        "Give EX13-02 the Mailbox and Client Access roles"
    );
}

#[test]
fn a_single_2013_mailbox_server_gets_client_access() {
    let mut doc = one_2013_server();
    node_mut(&mut doc, "ex13-01").roles = Some(vec![Role::Mailbox]);
    let (fix, fixed) = fix_and_check(&doc, "R-ROLE-2013-SINGLE-BOTH", &[]);
    assert_eq!(fix.label, "Add Client Access to EX13-01");
    assert_eq!(errors(&validate(&fixed)), BTreeSet::new());
}

#[test]
fn a_single_2013_client_access_server_gets_mailbox() {
    let mut doc = one_2013_server();
    node_mut(&mut doc, "ex13-01").roles = Some(vec![Role::ClientAccess]);
    let (fix, _) = fix_and_check(&doc, "R-ROLE-2013-SINGLE-BOTH", &[]);
    assert_eq!(fix.label, "Add Mailbox to EX13-01");
}

#[test]
fn mailbox_only_2013_servers_all_get_client_access() {
    let mut doc = exchange_2013();
    for id in ["ex13-01", "ex13-02"] {
        node_mut(&mut doc, id).roles = Some(vec![Role::Mailbox]);
    }
    let (fix, fixed) = fix_and_check(&doc, "R-ROLE-2013-CAS", &[]);
    assert_eq!(fix.label, "Add Client Access to EX13-01 and EX13-02");
    assert_eq!(
        validate(&fixed),
        vec![],
        "multi-role on every server: not even R-ROLE-2013-COLOCATE"
    );
}

#[test]
fn client_access_only_2013_servers_all_get_mailbox() {
    let mut doc = exchange_2013();
    for id in ["ex13-01", "ex13-02"] {
        node_mut(&mut doc, id).roles = Some(vec![Role::ClientAccess]);
    }
    let (fix, fixed) = fix_and_check(&doc, "R-ROLE-2013-MBX", &[]);
    assert_eq!(fix.label, "Add Mailbox to EX13-01 and EX13-02");
    assert_eq!(validate(&fixed), vec![]);
}

fn scenario(name: &str) -> Document {
    let path = format!(
        "{}/tests/fixtures/scenarios/{name}.hybrid.json",
        env!("CARGO_MANIFEST_DIR")
    );
    hybrid_designer::file::load(std::path::Path::new(&path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_branch_site_without_client_access_gets_it() {
    let (fix, fixed) = fix_and_check(
        &scenario("p06-2013-branch-site"),
        "R-ROLE-2013-SITE-CAS",
        &[],
    );
    assert_eq!(fix.label, "Add Client Access to EX13-02 in site Branch");
    assert!(
        !validate(&fixed)
            .iter()
            .any(|f| f.rule == "R-ROLE-2013-COLOCATE"),
        "every 2013 server is multi-role now"
    );
}

#[test]
fn split_2013_roles_are_colocated() {
    let (fix, fixed) = fix_and_check(
        &scenario("p05-2013-split-roles"),
        "R-ROLE-2013-COLOCATE",
        &[],
    );
    assert_eq!(
        fix.label,
        "Install both Mailbox and Client Access on EX13-CAS1 and EX13-MBX1"
    );
    // The scenario is judged as of 2026-01-15: Exchange 2013 is past its end of support,
    // which no role change fixes (rules v2).
    let left: Vec<&str> = validate(&fixed).iter().map(|f| f.rule).collect();
    assert_eq!(left, ["R-VER-EOL"]);
}

#[test]
fn a_role_the_version_cannot_have_is_removed() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-01").roles = Some(vec![Role::Mailbox, Role::ClientAccess]);
    let (fix, fixed) = fix_and_check(&doc, "R-MODEL-ROLES", &[]);
    assert_eq!(fix.label, "Remove Client Access from EXSE-01");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_server_with_only_wrong_roles_gets_the_right_one_instead() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-01").roles = Some(vec![Role::HubTransport]);
    let (fix, _) = fix_and_check(&doc, "R-MODEL-ROLES", &[]);
    assert_eq!(fix.label, "Replace Hub Transport with Mailbox on EXSE-01");
}

#[test]
fn a_server_in_the_perimeter_moves_inside() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-01").zone = Some(Zone::Perimeter);
    let (fix, fixed) = fix_and_check(&doc, "R-ZONE-INTERNAL-IN-DMZ", &[]);
    assert_eq!(fix.label, "Move EXSE-01 to the internal network");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn an_internal_edge_server_moves_to_the_perimeter() {
    let mut doc = template("edge");
    node_mut(&mut doc, "edge").zone = Some(Zone::Internal);
    let (fix, fixed) = fix_and_check(&doc, "R-ZONE-EDGE-INTERNAL", &[]);
    assert_eq!(fix.label, "Move EDGE01 to the perimeter network");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_send_connector_without_forced_tls_gets_it() {
    let mut doc = sample_plan();
    let send = link_mut(&mut doc, LinkKind::SendConnector);
    send.require_tls = Some(false);
    send.tls_auth = Some(TlsAuth::EncryptionOnly);
    send.cloud_services_mail = Some(false);
    let (fix, fixed) = fix_and_check(&doc, "R-MAIL-SEND-TLS", &[]);
    assert_eq!(fix.label, "Require TLS on the send connector from EXSE-01");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_receive_connector_that_does_not_trust_cloud_mail_is_secured() {
    let mut doc = sample_plan();
    let recv = link_mut(&mut doc, LinkKind::ReceiveConnector);
    recv.tls_auth = Some(TlsAuth::None);
    recv.accepts_cloud_mail = Some(false);
    let (fix, fixed) = fix_and_check(&doc, "R-MAIL-RECV-TLS", &[]);
    assert_eq!(
        fix.label,
        "Require TLS on the receive connector to mail.contoso.com"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_one_way_organization_relationship_is_made_two_way() {
    let mut doc = sample_plan();
    link_mut(&mut doc, LinkKind::OrganizationRelationship).direction = Some(Direction::ToOnline);
    let (fix, fixed) = fix_and_check(&doc, "R-ORGREL-BIDIRECTIONAL", &[]);
    assert_eq!(
        fix.label,
        "Make the organization relationship from mail.contoso.com work both ways"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn one_way_oauth_is_configured_both_ways() {
    let mut doc = sample_plan();
    link_mut(&mut doc, LinkKind::Oauth).direction = Some(Direction::ToOnPremises);
    let (fix, fixed) = fix_and_check(&doc, "R-OAUTH-PARTIAL", &[]);
    assert_eq!(
        fix.label,
        "Configure OAuth in both directions on mail.contoso.com"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn disabled_oauth_is_turned_on_both_ways() {
    let mut doc = sample_plan();
    link_mut(&mut doc, LinkKind::Oauth).enabled = Some(false);
    let (_, fixed) = fix_and_check(&doc, "R-OAUTH-PARTIAL", &[]);
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn mrs_proxy_is_enabled_on_the_servers_behind_the_migration_endpoint() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-01").mrs_proxy = Some(false);
    node_mut(&mut doc, "exse-02").mrs_proxy = None;
    let (fix, fixed) = fix_and_check(&doc, "R-MRS-PROXY", &[]);
    assert_eq!(fix.label, "Enable MRS Proxy on EXSE-01 and EXSE-02");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn mrs_proxy_behind_a_hybrid_agent_is_enabled_too() {
    let mut doc = template("modern-agent");
    node_mut(&mut doc, "exse-02").mrs_proxy = Some(false);
    let (fix, _) = fix_and_check(&doc, "R-MRS-PROXY", &[]);
    assert_eq!(fix.label, "Enable MRS Proxy on EXSE-02");
}

#[test]
fn mrs_proxy_has_no_fix_when_the_endpoint_reaches_no_ews_server() {
    let mut doc = exchange_2013();
    for id in ["ex13-01", "ex13-02"] {
        node_mut(&mut doc, id).roles = Some(vec![Role::Mailbox]);
    }
    let finding = validate(&doc)
        .into_iter()
        .find(|f| f.rule == "R-MRS-PROXY")
        .expect("fires");
    assert_eq!(
        quick_fix(&doc, &finding),
        None,
        "MRS Proxy alone would not help a Mailbox-only 2013 server"
    );
}

#[test]
fn missing_exchange_online_is_added_right_of_the_plan() {
    let mut doc = sample_plan();
    remove_node(&mut doc, "exo");
    // Adding the tenant makes the missing connectors and relationships show, which is the point.
    let (fix, fixed) = fix_and_check(
        &doc,
        "R-EXO-MISSING",
        &[
            "R-MAIL-OUTBOUND-PATH",
            "R-MAIL-INBOUND-PATH",
            "R-ORGREL-FEATURES",
            "R-ID-DIRSYNC",
        ],
    );
    assert_eq!(fix.label, "Add Exchange Online");
    let exo = fixed
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::ExchangeOnline)
        .expect("added");
    let exo_x = exo.position.expect("placed").x;
    assert!(
        doc.nodes
            .iter()
            .filter_map(|n| n.position)
            .all(|p| p.x < exo_x)
    );
}

#[test]
fn an_outdated_server_is_marked_current() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-02").update = Some(Update::Older);
    let (fix, fixed) = fix_and_check(&doc, "R-VER-CU-CURRENT", &[]);
    assert_eq!(fix.label, "Install the latest cumulative update on EXSE-02");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn missing_directory_sync_is_added() {
    let mut doc = sample_plan();
    remove_node(&mut doc, "sync");
    let (fix, fixed) = fix_and_check(&doc, "R-ID-DIRSYNC", &[]);
    assert_eq!(
        fix.label,
        "Add SYNC01 (Entra Connect) syncing to Exchange Online"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_sync_server_already_on_the_canvas_is_linked_rather_than_a_second_added() {
    let mut doc = sample_plan();
    let sync = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::SyncServer)
        .expect("the sample has a sync server")
        .clone();
    let links: Vec<_> = doc
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::DirectorySync)
        .map(|l| l.id.clone())
        .collect();
    Command::RemoveLinks { ids: links }
        .apply(&mut doc)
        .expect("links exist");
    let (fix, fixed) = fix_and_check(&doc, "R-ID-DIRSYNC", &[]);
    assert!(
        fix.label
            .starts_with(&format!("Draw directory sync from {}", sync.name)),
        "{}",
        fix.label
    );
    assert_eq!(
        fixed.nodes.len(),
        doc.nodes.len(),
        "no second sync server is added"
    );
    assert!(
        fixed
            .links
            .iter()
            .any(|l| l.kind == LinkKind::DirectorySync && l.from == sync.id)
    );
}

#[test]
fn a_missing_federation_trust_is_drawn_with_the_gateway() {
    let mut doc = sample_plan();
    remove_node(&mut doc, "mfg");
    let (fix, fixed) = fix_and_check(&doc, "R-FED-TRUST-FOR-ORGREL", &[]);
    assert_eq!(
        fix.label,
        "Draw a federation trust from EXSE-01 to Microsoft Federation Gateway"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_plan_without_a_hybrid_capable_server_gets_one() {
    let mut doc = Document::new("Only the tenant");
    doc.hybrid = Hybrid {
        mode: Mode::Full,
        features: Some(vec![Feature::MoveMailbox]),
        ..Hybrid::default()
    };
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Exchange Online").at(800.0, 300.0));
    let (fix, fixed) = fix_and_check(&doc, "R-ROLE-MIN-HYBRID", &[]);
    assert_eq!(
        fix.label,
        "Add an Exchange 2019 server with the Mailbox role"
    );
    let server = fixed
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::ExchangeServer)
        .expect("added");
    assert_eq!(server.version, Some(Version::V2019));
}

#[test]
fn findings_without_a_safe_fix_get_none() {
    let doc = template("single-se");
    let finding = validate(&doc)
        .into_iter()
        .find(|f| f.rule == "R-ROLE-REDUNDANCY")
        .expect("fires");
    assert_eq!(quick_fix(&doc, &finding), None);
}

#[test]
fn a_quick_fix_is_one_undoable_step() {
    let mut doc = sample_plan();
    node_mut(&mut doc, "exse-01").zone = Some(Zone::Perimeter);
    let original = doc.clone();
    let finding = validate(&doc)
        .into_iter()
        .find(|f| f.rule == "R-ZONE-INTERNAL-IN-DMZ")
        .expect("fires");
    let fix = quick_fix(&doc, &finding).expect("fix");
    let mut history = hybrid_designer::edit::History::new();
    history.apply(&mut doc, fix.command).expect("applies");
    assert_eq!(history.undo_label(), Some(fix.label.as_str()));
    history.undo(&mut doc);
    assert_eq!(doc, original);
}

#[test]
fn every_fix_offered_for_the_scenario_plans_removes_its_finding() {
    let dir = format!("{}/tests/fixtures/scenarios", env!("CARGO_MANIFEST_DIR"));
    let mut offered = 0;
    for entry in std::fs::read_dir(&dir).expect("scenarios") {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".hybrid.json") {
            continue;
        }
        let doc = hybrid_designer::file::load(&path).expect("scenario loads");
        for finding in validate(&doc) {
            let Some(fix) = quick_fix(&doc, &finding) else {
                continue;
            };
            offered += 1;
            let mut fixed = doc.clone();
            fix.command
                .apply(&mut fixed)
                .unwrap_or_else(|e| panic!("{}: {e}", fix.label));
            let still = validate(&fixed).into_iter().any(|f| {
                f.rule == finding.rule && f.nodes == finding.nodes && f.links == finding.links
            });
            assert!(
                !still,
                "{}: \"{}\" leaves {}",
                path.display(),
                fix.label,
                finding.rule
            );
        }
    }
    assert!(
        offered >= 5,
        "the scenarios exercise several fixes ({offered})"
    );
}

// Quick fixes of the rules of version 2, on the sample plan (which has every field of
// format 1.1 and no finding).

fn sample_node<'d>(doc: &'d mut Document, id: &str) -> &'d mut Node {
    node_mut(doc, id)
}

fn certificate_of<'d>(doc: &'d mut Document, id: &str) -> &'d mut Certificate {
    sample_node(doc, id)
        .certificate
        .as_mut()
        .unwrap_or_else(|| panic!("{id} has a certificate"))
}

#[test]
fn a_certificate_not_enabled_for_smtp_gets_smtp() {
    let mut doc = sample_plan();
    certificate_of(&mut doc, "exse-02").services = Some(vec![CertService::Iis]);
    let (fix, fixed) = fix_and_check(&doc, "R-CERT-SERVICES", &[]);
    assert_eq!(fix.label, "Enable the certificate of EXSE-02 for SMTP");
    assert_eq!(validate(&fixed), vec![]);
    let services = fixed
        .node("exse-02")
        .and_then(|n| n.certificate.as_ref())
        .map(|c| c.services().to_vec());
    assert_eq!(services, Some(vec![CertService::Iis, CertService::Smtp]));
}

#[test]
fn certificates_without_the_autodiscover_name_get_it_as_a_san() {
    let mut doc = sample_plan();
    for id in ["exse-01", "exse-02"] {
        certificate_of(&mut doc, id).names = Some(vec!["mail.contoso.com".to_owned()]);
    }
    let (fix, fixed) = fix_and_check(&doc, "R-CERT-NAMES", &[]);
    assert_eq!(
        fix.label,
        "Add autodiscover.contoso.com to the certificates of EXSE-01 and EXSE-02"
    );
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_firewall_that_does_not_forward_smtp_forwards_port_25() {
    let mut doc = sample_plan();
    sample_node(&mut doc, "lb").inbound_ports = Some(vec![443]);
    let (fix, fixed) = fix_and_check(&doc, "R-NET-SMTP-25", &[]);
    assert_eq!(fix.label, "Forward TCP 25 to mail.contoso.com");
    assert_eq!(validate(&fixed), vec![]);
    assert_eq!(
        fixed.node("lb").and_then(|n| n.inbound_ports.clone()),
        Some(vec![25, 443])
    );
}

#[test]
fn a_firewall_that_does_not_forward_https_forwards_port_443() {
    let mut doc = sample_plan();
    sample_node(&mut doc, "lb").inbound_ports = Some(vec![25]);
    let (fix, fixed) = fix_and_check(&doc, "R-NET-HTTPS-443", &[]);
    assert_eq!(fix.label, "Forward TCP 443 to mail.contoso.com");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_pre_authenticating_load_balancer_stops_pre_authenticating() {
    let mut doc = sample_plan();
    sample_node(&mut doc, "lb").preauth = Some(true);
    let (fix, fixed) = fix_and_check(&doc, "R-NET-PREAUTH", &[]);
    assert_eq!(fix.label, "Turn pre-authentication off on mail.contoso.com");
    assert_eq!(validate(&fixed), vec![]);
}

#[test]
fn a_hybrid_domain_missing_on_both_sides_is_added_to_both() {
    let mut doc = sample_plan();
    doc.hybrid.domains.push("fabrikam.com".to_owned());
    // Its Autodiscover name is not published yet: that error stays, and is no fix's to make.
    let (fix, fixed) = fix_and_check(&doc, "R-DOM-ACCEPTED", &[]);
    assert_eq!(
        fix.label,
        "Add fabrikam.com to the accepted domains and the domains of Exchange Online"
    );
    assert_eq!(
        fixed.hybrid.accepted_domains,
        Some(vec!["contoso.com".to_owned(), "fabrikam.com".to_owned()])
    );
    assert_eq!(
        fixed.node("exo").and_then(|n| n.domains.clone()),
        Some(vec!["contoso.com".to_owned(), "fabrikam.com".to_owned()])
    );
    let left: Vec<&str> = validate(&fixed).iter().map(|f| f.rule).collect();
    assert_eq!(left, ["R-NS-AUTODISCOVER"]);
}

#[test]
fn a_hybrid_domain_missing_only_in_the_tenant_is_added_there() {
    let mut doc = sample_plan();
    doc.hybrid.domains.push("fabrikam.com".to_owned());
    doc.hybrid.accepted_domains = None;
    let (fix, fixed) = fix_and_check(&doc, "R-DOM-ACCEPTED", &[]);
    assert_eq!(
        fix.label,
        "Add fabrikam.com to the domains of Exchange Online"
    );
    assert_eq!(fixed.hybrid.accepted_domains, None, "not modeled stays so");
}

#[test]
fn a_tenant_without_the_dedicated_hybrid_app_gets_it() {
    for stated in [Some(false), None] {
        let mut doc = sample_plan();
        sample_node(&mut doc, "exo").dedicated_hybrid_app = stated;
        let (fix, fixed) = fix_and_check(&doc, "R-APP-DEDICATED", &[]);
        assert_eq!(
            fix.label,
            "Use the dedicated Exchange hybrid app for Exchange Online"
        );
        assert_eq!(validate(&fixed), vec![], "{stated:?}");
    }
}

#[test]
fn rules_of_version_2_without_an_unambiguous_edit_offer_no_fix() {
    let mut doc = sample_plan();
    certificate_of(&mut doc, "exse-01").public_ca = Some(false);
    let finding = validate(&doc)
        .into_iter()
        .find(|f| f.rule == "R-CERT-PUBLIC-CA")
        .expect("fires");
    assert_eq!(
        quick_fix(&doc, &finding),
        None,
        "a new certificate is bought, not clicked"
    );
}
