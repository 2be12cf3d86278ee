//! Certificates (docs/rules.md, version 2, "Certificates"): each rule fires where the plan
//! says enough, and stays quiet where a field is absent (not modeled), the server is not a
//! hybrid endpoint, or the gate does not hold.

use crate::support::{
    L, R, V, assert_error, assert_warning, certificate, links, nodes, v2_certificate, v2_plan,
};
use hybrid_designer::model::{CertService, Feature, Mode, Version};

#[test]
fn the_v2_plan_has_no_finding() {
    let plan = v2_plan();
    assert!(plan.findings().is_empty(), "{:#?}", plan.findings());
}

// R-CERT-PUBLIC-CA

#[test]
fn a_certificate_from_an_internal_ca_on_an_endpoint_is_an_error_naming_the_server() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex2").public_ca = Some(false);
    let f = plan.one("R-CERT-PUBLIC-CA");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex2"]);
    assert!(f.message.contains("EX2"), "{}", f.message);
}

#[test]
fn public_ca_is_assumed_when_absent_and_servers_without_a_certificate_are_skipped() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").public_ca = None;
    plan.doc.node_mut("ex2").expect("ex2").certificate = None;
    plan.quiet("R-CERT-PUBLIC-CA");
}

#[test]
fn a_self_signed_certificate_on_a_server_outside_hybrid_is_not_reported() {
    let mut plan = v2_plan().server_with("ex3", V::Se, &[R::Mailbox], |n| {
        let mut c = v2_certificate();
        c.public_ca = Some(false);
        n.certificate = Some(c);
    });
    plan.quiet("R-CERT-PUBLIC-CA");
    // Once it sends hybrid mail it is an endpoint.
    plan = plan.link("send3", L::SendConnector, "ex3", "exo");
    assert_eq!(nodes(&plan.one("R-CERT-PUBLIC-CA")), ["ex3"]);
}

#[test]
fn certificate_rules_run_in_draft_mode_too() {
    let mut plan = v2_plan().mode(Mode::Draft);
    certificate(&mut plan, "ex1").public_ca = Some(false);
    plan.one("R-CERT-PUBLIC-CA");
}

// R-CERT-SERVICES

#[test]
fn a_transport_server_whose_certificate_lacks_smtp_is_an_error() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex2").services = Some(vec![CertService::Iis]);
    let f = plan.one("R-CERT-SERVICES");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex2"]);
    assert!(f.message.contains("SMTP"), "{}", f.message);
}

#[test]
fn a_server_answering_ews_whose_certificate_lacks_iis_is_an_error() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").services = Some(vec![CertService::Smtp]);
    let f = plan.one("R-CERT-SERVICES");
    assert_eq!(nodes(&f), ["ex1"]);
    assert!(f.message.contains("IIS"), "{}", f.message);
}

#[test]
fn servers_lacking_different_services_get_one_finding_each() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").services = Some(vec![CertService::Smtp]);
    certificate(&mut plan, "ex2").services = Some(vec![CertService::Imap]);
    let found = plan.of("R-CERT-SERVICES");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().any(|f| f.message.contains("IIS and SMTP")));
}

#[test]
fn smtp_is_not_asked_of_a_server_that_only_answers_ews() {
    // Mail leaves and arrives through ex1 only; ex2 is still behind the EWS namespace.
    let mut plan = v2_plan().without_link("send2").without_link("recv").link(
        "recv1",
        L::ReceiveConnector,
        "exo",
        "ex1",
    );
    certificate(&mut plan, "ex2").services = Some(vec![CertService::Iis]);
    plan.quiet("R-CERT-SERVICES");
}

#[test]
fn an_edge_server_needs_smtp_but_not_iis() {
    let plan = v2_plan()
        .without_link("send1")
        .without_link("send2")
        .without_link("recv")
        .edge("edge", V::Se)
        .edit_node("edge", |n| {
            let mut c = v2_certificate();
            c.services = Some(vec![CertService::Smtp]);
            n.certificate = Some(c);
        })
        .link("sub", L::EdgeSubscription, "edge", "ex1")
        .link("esend", L::SendConnector, "edge", "exo")
        .link("erecv", L::ReceiveConnector, "exo", "edge");
    plan.quiet("R-CERT-SERVICES");
    let plan = plan.edit_node("edge", |n| {
        n.certificate.as_mut().expect("certificate").services = Some(vec![CertService::Iis]);
    });
    assert_eq!(nodes(&plan.one("R-CERT-SERVICES")), ["edge"]);
}

#[test]
fn absent_services_mean_iis_and_smtp() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").services = None;
    plan.quiet("R-CERT-SERVICES");
}

// R-CERT-CONSISTENT

#[test]
fn transport_servers_with_different_subjects_are_reported_together() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex2").subject = "mail2.contoso.com".to_owned();
    let f = plan.one("R-CERT-CONSISTENT");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex1", "ex2"]);
    assert!(f.message.contains("mail2.contoso.com"), "{}", f.message);
}

#[test]
fn a_different_issuer_is_inconsistent_too_and_compared_as_written() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex2").issuer = Some("CN=Example Public CA, O=EXAMPLE, C=US".into());
    plan.one("R-CERT-CONSISTENT");
    let mut plan = v2_plan();
    certificate(&mut plan, "ex2").subject = "MAIL.contoso.com".to_owned();
    plan.one("R-CERT-CONSISTENT");
}

#[test]
fn a_server_outside_hybrid_transport_may_use_another_certificate() {
    let mut plan = v2_plan().without_link("send2").without_link("recv").link(
        "recv1",
        L::ReceiveConnector,
        "exo",
        "ex1",
    );
    certificate(&mut plan, "ex2").subject = "owa.contoso.com".to_owned();
    plan.quiet("R-CERT-CONSISTENT");
    // ... and a server without a certificate does not count.
    let mut plan = v2_plan();
    plan.doc.node_mut("ex2").expect("ex2").certificate = None;
    plan.quiet("R-CERT-CONSISTENT");
}

// R-CERT-NAMES

#[test]
fn a_certificate_without_the_autodiscover_name_is_an_error_on_the_servers_it_leads_to() {
    let mut plan = v2_plan();
    for id in ["ex1", "ex2"] {
        certificate(&mut plan, id).names = Some(vec!["mail.contoso.com".to_owned()]);
    }
    let f = plan.one("R-CERT-NAMES");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex1", "ex2"]);
    assert!(
        f.message.contains("autodiscover.contoso.com"),
        "{}",
        f.message
    );
}

#[test]
fn a_certificate_without_the_ews_host_is_an_error() {
    let plan = v2_plan().edit_node("ex1", |n| {
        n.ews_external_url = Some("https://ews.contoso.com/EWS/Exchange.asmx".to_owned());
    });
    let f = plan.one("R-CERT-NAMES");
    assert_eq!(nodes(&f), ["ex1"]);
    assert!(f.message.contains("ews.contoso.com"), "{}", f.message);
}

#[test]
fn a_certificate_without_the_smart_host_names_the_receive_connector_too() {
    let plan = v2_plan().edit_link("recv", |l| l.smart_host = Some("smtp.contoso.com".into()));
    let f = plan.one("R-CERT-NAMES");
    assert_eq!(nodes(&f), ["ex1", "ex2"]);
    assert_eq!(links(&f), ["recv"]);
    // A disabled connector counts as absent.
    plan.edit_link("recv", |l| l.enabled = Some(false))
        .quiet("R-CERT-NAMES");
}

#[test]
fn a_wildcard_covers_one_label_but_not_two() {
    let mut plan = v2_plan().edit_link("recv", |l| {
        l.smart_host = Some("smtp.contoso.com".into());
    });
    for id in ["ex1", "ex2"] {
        let c = certificate(&mut plan, id);
        c.subject = "*.contoso.com".to_owned();
        c.names = None;
    }
    plan.quiet("R-CERT-NAMES");
    let plan = plan.edit_link("recv", |l| {
        l.smart_host = Some("mx.smtp.contoso.com".into());
    });
    let f = plan.one("R-CERT-NAMES");
    assert!(f.message.contains("mx.smtp.contoso.com"), "{}", f.message);
}

#[test]
fn names_are_compared_without_regard_to_case() {
    let mut plan = v2_plan().edit_link("recv", |l| l.smart_host = Some("MAIL.Contoso.COM".into()));
    certificate(&mut plan, "ex1").names = Some(vec!["Autodiscover.CONTOSO.com".to_owned()]);
    plan.quiet("R-CERT-NAMES");
}

#[test]
fn the_autodiscover_name_is_not_asked_for_when_namespaces_are_not_modeled() {
    let mut plan = v2_plan().edit_node("lb", |n| n.public_names = None);
    for id in ["ex1", "ex2"] {
        certificate(&mut plan, id).names = Some(vec!["mail.contoso.com".to_owned()]);
    }
    plan.quiet("R-CERT-NAMES");
}

// R-CERT-TENANT-DOMAIN

#[test]
fn a_sending_certificate_outside_the_tenants_domains_is_an_error() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").subject = "mail.fabrikam.com".to_owned();
    let f = plan.one("R-CERT-TENANT-DOMAIN");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex1"]);
    assert!(
        f.message.contains("mail.fabrikam.com") && f.message.contains("Contoso tenant"),
        "{}",
        f.message
    );
}

#[test]
fn a_subject_directly_under_a_verified_domain_or_a_wildcard_of_it_passes() {
    for subject in ["contoso.com", "*.contoso.com", "mail.CONTOSO.com"] {
        let mut plan = v2_plan();
        for id in ["ex1", "ex2"] {
            certificate(&mut plan, id).subject = subject.to_owned();
        }
        plan.quiet("R-CERT-TENANT-DOMAIN");
    }
    let mut plan = v2_plan();
    for id in ["ex1", "ex2"] {
        certificate(&mut plan, id).subject = "a.mail.contoso.com".to_owned();
    }
    assert_eq!(nodes(&plan.one("R-CERT-TENANT-DOMAIN")), ["ex1", "ex2"]);
}

#[test]
fn the_tenant_domain_is_not_checked_without_modeled_domains_or_secure_mail() {
    let mut plan = v2_plan().edit_node("exo", |x| x.domains = None);
    certificate(&mut plan, "ex1").subject = "mail.fabrikam.com".to_owned();
    plan.quiet("R-CERT-TENANT-DOMAIN");
    let mut plan = v2_plan().features(&[Feature::FreeBusy, Feature::MoveMailbox]);
    certificate(&mut plan, "ex1").subject = "mail.fabrikam.com".to_owned();
    plan.quiet("R-CERT-TENANT-DOMAIN");
    let mut plan = v2_plan().mode(Mode::Minimal);
    certificate(&mut plan, "ex1").subject = "mail.fabrikam.com".to_owned();
    plan.quiet("R-CERT-TENANT-DOMAIN");
}

// R-CERT-VALIDITY (judged as of 2026-01-15)

fn expiring(not_after: &str) -> crate::support::Plan {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").not_after = Some(not_after.to_owned());
    plan
}

#[test]
fn a_certificate_expiring_within_60_days_is_a_warning_both_ends_included() {
    for (not_after, days) in [
        ("2026-03-16", 60),
        ("2026-03-15", 59),
        ("2026-02-14", 30),
        ("2026-01-15", 0),
    ] {
        let f = expiring(not_after).one("R-CERT-VALIDITY");
        assert_warning(&f);
        assert_eq!(nodes(&f), ["ex1"], "{days} days");
        assert!(f.message.contains(not_after), "{}", f.message);
    }
}

#[test]
fn a_certificate_expiring_in_61_days_is_fine() {
    expiring("2026-03-17").quiet("R-CERT-VALIDITY");
}

#[test]
fn an_expired_certificate_is_an_error() {
    let f = expiring("2026-01-14").one("R-CERT-VALIDITY");
    assert_error(&f);
    assert!(f.message.contains("expired on 2026-01-14"), "{}", f.message);
}

#[test]
fn expired_and_expiring_certificates_are_one_finding_per_severity() {
    let mut plan = expiring("2025-12-31");
    certificate(&mut plan, "ex2").not_after = Some("2026-02-01".into());
    let found = plan.of("R-CERT-VALIDITY");
    assert_eq!(found.len(), 2);
    assert_error(&found[0]);
    assert_eq!(nodes(&found[0]), ["ex1"]);
    assert_warning(&found[1]);
    assert_eq!(nodes(&found[1]), ["ex2"]);
}

#[test]
fn validity_is_not_checked_without_an_expiry_date_or_off_the_endpoints() {
    let mut plan = v2_plan();
    certificate(&mut plan, "ex1").not_after = None;
    plan.quiet("R-CERT-VALIDITY");
    let plan = v2_plan().server_with("ex3", Version::Se, &[R::Mailbox], |n| {
        let mut c = v2_certificate();
        c.not_after = Some("2020-01-01".into());
        n.certificate = Some(c);
    });
    plan.quiet("R-CERT-VALIDITY");
}

#[test]
fn validity_follows_the_evaluation_date() {
    expiring("2026-06-30").quiet("R-CERT-VALIDITY");
    expiring("2026-06-30")
        .judged_on("2026-05-01")
        .one("R-CERT-VALIDITY");
    let f = expiring("2026-06-30")
        .judged_on("2026-07-01")
        .one("R-CERT-VALIDITY");
    assert_error(&f);
}
