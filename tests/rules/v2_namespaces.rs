//! Namespaces and DNS, accepted domains and federation (docs/rules.md, version 2): public
//! names, EWS URLs, the on-premises Outlook on the web namespace, and the hybrid domains on
//! both sides.

use crate::support::{
    L, Plan, R, V, assert_error, assert_warning, links, nodes, v2_certificate, v2_plan,
};
use hybrid_designer::model::{Direction, Feature, Mode, Node, NodeKind};

fn without_autodiscover(plan: Plan) -> Plan {
    plan.edit_node("lb", |n| {
        n.public_names = Some(vec!["mail.contoso.com".to_owned()]);
    })
}

// R-NS-AUTODISCOVER

#[test]
fn an_unpublished_autodiscover_name_is_an_error_about_exchange_online() {
    let f = without_autodiscover(v2_plan()).one("R-NS-AUTODISCOVER");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    assert!(
        f.message.contains("autodiscover.contoso.com"),
        "{}",
        f.message
    );
}

#[test]
fn autodiscover_published_on_an_edge_server_names_the_publisher() {
    let plan = without_autodiscover(v2_plan())
        .edge("edge", V::Se)
        .edit_node("edge", |n| {
            n.public_names = Some(vec!["autodiscover.contoso.com".to_owned()]);
        });
    let f = plan.one("R-NS-AUTODISCOVER");
    assert_eq!(nodes(&f), ["edge"]);
    assert!(f.message.contains("EDGE"), "{}", f.message);
}

#[test]
fn autodiscover_on_a_load_balancer_that_leads_nowhere_names_the_load_balancer() {
    let plan = without_autodiscover(v2_plan())
        .lb("lb2")
        .edit_node("lb2", |n| {
            n.public_names = Some(vec!["autodiscover.contoso.com".to_owned()]);
        });
    assert_eq!(nodes(&plan.one("R-NS-AUTODISCOVER")), ["lb2"]);
    let plan = plan.link("r3", L::RoutesTo, "lb2", "lb");
    plan.quiet("R-NS-AUTODISCOVER");
}

#[test]
fn autodiscover_leading_to_a_2013_mailbox_only_server_cannot_answer() {
    let plan =
        v2_plan()
            .server("ex13", V::V2013, &[R::Mailbox])
            .link("r3", L::RoutesTo, "lb", "ex13");
    let f = plan.one("R-NS-AUTODISCOVER");
    assert!(f.message.contains("EX13"), "{}", f.message);
    assert_eq!(nodes(&f), ["lb"]);
}

#[test]
fn every_hybrid_domain_needs_its_autodiscover_name_in_one_finding() {
    let mut plan = v2_plan();
    plan.doc.hybrid.domains = vec![
        "contoso.com".into(),
        "fabrikam.com".into(),
        "tailspin.com".into(),
    ];
    let f = plan.one("R-NS-AUTODISCOVER");
    assert!(
        f.message.contains("autodiscover.fabrikam.com")
            && f.message.contains("autodiscover.tailspin.com"),
        "{}",
        f.message
    );
    assert_eq!(nodes(&f), ["exo"], "named once");
}

#[test]
fn autodiscover_is_not_asked_for_without_namespaces_in_a_draft_or_without_exchange_online() {
    v2_plan()
        .edit_node("lb", |n| n.public_names = None)
        .quiet("R-NS-AUTODISCOVER");
    without_autodiscover(v2_plan())
        .mode(Mode::Draft)
        .quiet("R-NS-AUTODISCOVER");
    let mut plan = without_autodiscover(v2_plan());
    plan.doc
        .nodes
        .retain(|n| n.kind != NodeKind::ExchangeOnline);
    plan.quiet("R-NS-AUTODISCOVER");
}

#[test]
fn public_names_are_matched_without_regard_to_case_or_a_final_dot() {
    v2_plan()
        .edit_node("lb", |n| {
            n.public_names = Some(vec![
                "Mail.Contoso.com".into(),
                "AUTODISCOVER.contoso.com.".into(),
            ]);
        })
        .quiet("R-NS-AUTODISCOVER");
}

// R-NS-EWS-URL

#[test]
fn a_server_answering_ews_without_an_external_url_is_an_error() {
    let plan = v2_plan().edit_node("ex2", |n| n.ews_external_url = None);
    let f = plan.one("R-NS-EWS-URL");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex2"]);
    assert!(f.message.contains("EX2"), "{}", f.message);
    // A blank URL is no URL.
    let plan = v2_plan().edit_node("ex2", |n| n.ews_external_url = Some("  ".into()));
    assert_eq!(nodes(&plan.one("R-NS-EWS-URL")), ["ex2"]);
}

#[test]
fn an_ews_url_whose_name_does_not_lead_to_the_server_is_an_error() {
    let plan = v2_plan().edit_node("ex1", |n| {
        n.ews_external_url = Some("https://ews.contoso.com/EWS/Exchange.asmx".into());
        n.certificate = Some({
            let mut c = v2_certificate();
            c.names = Some(vec![
                "ews.contoso.com".into(),
                "autodiscover.contoso.com".into(),
            ]);
            c
        });
    });
    let f = plan.one("R-NS-EWS-URL");
    assert_eq!(nodes(&f), ["ex1"]);
    assert!(f.message.contains("ews.contoso.com"), "{}", f.message);
}

#[test]
fn the_ews_url_is_checked_in_classic_hybrid_only() {
    v2_plan()
        .modern()
        .edit_node("ex2", |n| n.ews_external_url = None)
        .quiet("R-NS-EWS-URL");
}

#[test]
fn the_ews_url_rule_waits_until_the_plan_models_names_or_urls() {
    // A version 1 plan: no public names, no URL anywhere.
    let plan = v2_plan()
        .edit_node("lb", |n| n.public_names = None)
        .edit_node("ex1", |n| n.ews_external_url = None)
        .edit_node("ex2", |n| n.ews_external_url = None);
    plan.quiet("R-NS-EWS-URL");
    // One URL is enough to ask for the other.
    let plan = plan.edit_node("ex1", |n| {
        n.ews_external_url = Some("https://mail.contoso.com/EWS/Exchange.asmx".into());
    });
    assert_eq!(nodes(&plan.one("R-NS-EWS-URL")), ["ex2"]);
}

// R-OWA-NAMESPACE

#[test]
fn a_relationship_without_the_on_premises_owa_url_is_a_warning_about_the_link() {
    let plan = v2_plan().edit_link("orgrel", |l| l.on_premises_owa_url = None);
    let f = plan.one("R-OWA-NAMESPACE");
    assert_warning(&f);
    assert_eq!(links(&f), ["orgrel"]);
    assert!(f.nodes.is_empty());
}

#[test]
fn an_owa_url_whose_name_is_not_published_or_reaches_edge_is_a_warning() {
    let plan = v2_plan().edit_link("orgrel", |l| {
        l.on_premises_owa_url = Some("https://owa.contoso.com/owa".into());
    });
    let f = plan.one("R-OWA-NAMESPACE");
    assert!(f.message.contains("owa.contoso.com"), "{}", f.message);
    let plan = plan.edge("edge", V::Se).edit_node("edge", |n| {
        n.public_names = Some(vec!["owa.contoso.com".into()]);
    });
    let f = plan.one("R-OWA-NAMESPACE");
    assert!(f.message.contains("EDGE"), "{}", f.message);
}

#[test]
fn the_owa_namespace_is_not_asked_of_one_way_disabled_or_unwanted_redirection() {
    let no_url = |plan: Plan| plan.edit_link("orgrel", |l| l.on_premises_owa_url = None);
    no_url(v2_plan())
        .edit_link("orgrel", |l| l.direction = Some(Direction::ToOnline))
        .quiet("R-OWA-NAMESPACE");
    no_url(v2_plan())
        .features(&[Feature::FreeBusy, Feature::SecureMail])
        .quiet("R-OWA-NAMESPACE");
    no_url(v2_plan())
        .edit_node("lb", |n| n.public_names = None)
        .quiet("R-OWA-NAMESPACE");
    no_url(v2_plan())
        .edit_link("orgrel", |l| l.enabled = Some(false))
        .quiet("R-OWA-NAMESPACE");
}

// R-DOM-REQUIRED

#[test]
fn a_plan_without_hybrid_domains_is_an_error_about_exchange_online() {
    let mut plan = v2_plan();
    plan.doc.hybrid.domains.clear();
    let f = plan.one("R-DOM-REQUIRED");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    assert!(f.message.contains("HCW8029"), "{}", f.message);
    // Blank entries are no domains.
    plan.doc.hybrid.domains = vec![" ".into()];
    plan.one("R-DOM-REQUIRED");
}

#[test]
fn modeled_but_empty_accepted_domains_are_an_error() {
    let mut plan = v2_plan();
    plan.doc.hybrid.accepted_domains = Some(vec![]);
    let f = plan.one("R-DOM-REQUIRED");
    assert!(f.message.contains("HCW8004"), "{}", f.message);
    plan.doc.hybrid.accepted_domains = None;
    plan.quiet("R-DOM-REQUIRED");
}

#[test]
fn a_tenant_without_a_name_is_a_warning_or_part_of_the_error() {
    let plan = v2_plan().edit_node("exo", |x| x.tenant = None);
    let f = plan.one("R-DOM-REQUIRED");
    assert_warning(&f);
    assert!(f.message.contains("mail.onmicrosoft.com"), "{}", f.message);
    let mut plan = plan;
    plan.doc.hybrid.domains.clear();
    let f = plan.one("R-DOM-REQUIRED");
    assert_error(&f);
    assert!(
        f.message.contains("HCW8029") && f.message.contains("no tenant"),
        "{}",
        f.message
    );
}

#[test]
fn domains_are_not_required_in_a_draft_or_without_exchange_online() {
    let mut plan = v2_plan().mode(Mode::Draft);
    plan.doc.hybrid.domains.clear();
    plan.quiet("R-DOM-REQUIRED");
    let mut plan = Plan::new().server("ex1", V::Se, &[R::Mailbox]);
    plan.doc.hybrid.domains.clear();
    plan.quiet("R-DOM-REQUIRED");
}

// R-DOM-ACCEPTED

fn with_fabrikam() -> Plan {
    let mut plan = v2_plan();
    plan.doc.hybrid.domains.push("fabrikam.com".into());
    plan
}

#[test]
fn a_hybrid_domain_missing_on_premises_and_in_the_tenant_is_one_error() {
    let f = with_fabrikam().one("R-DOM-ACCEPTED");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    assert!(
        f.message.contains("HCW8016") && f.message.contains("HCW8017"),
        "{}",
        f.message
    );
}

#[test]
fn a_hybrid_domain_missing_only_on_one_side_names_that_side() {
    let mut plan = with_fabrikam();
    plan.doc.hybrid.accepted_domains = Some(vec!["contoso.com".into(), "Fabrikam.COM".into()]);
    let f = plan.one("R-DOM-ACCEPTED");
    assert!(
        f.message.contains("HCW8017") && !f.message.contains("HCW8016"),
        "{}",
        f.message
    );
    let plan = with_fabrikam().edit_node("exo", |x| {
        x.domains = Some(vec!["contoso.com".into(), "fabrikam.com".into()]);
    });
    let f = plan.one("R-DOM-ACCEPTED");
    assert!(
        f.message.contains("HCW8016") && !f.message.contains("HCW8017"),
        "{}",
        f.message
    );
}

#[test]
fn unmodeled_domain_lists_are_not_checked_and_onmicrosoft_domains_are_implied() {
    let mut plan = with_fabrikam().edit_node("exo", |x| x.domains = None);
    plan.doc.hybrid.accepted_domains = None;
    plan.quiet("R-DOM-ACCEPTED");
    let mut plan = v2_plan();
    plan.doc
        .hybrid
        .domains
        .push("contoso.mail.onmicrosoft.com".into());
    plan.doc.hybrid.accepted_domains = None;
    plan.quiet("R-DOM-ACCEPTED");
}

#[test]
fn several_exchange_online_nodes_are_each_checked_with_their_own_domains() {
    let mut second = Node::new("exo2", NodeKind::ExchangeOnline, "Fabrikam tenant");
    second.tenant = Some("fabrikam".into());
    second.domains = Some(vec!["contoso.com".into()]);
    let plan = v2_plan().node(second);
    plan.quiet("R-DOM-ACCEPTED");
    let plan = plan.edit_node("exo2", |x| x.domains = Some(vec!["fabrikam.com".into()]));
    let f = plan.one("R-DOM-ACCEPTED");
    assert_eq!(nodes(&f), ["exo2"]);
    assert!(f.message.contains("Fabrikam tenant"), "{}", f.message);
}

// R-FED-DOMAIN-LENGTH

#[test]
fn a_federated_domain_longer_than_32_characters_is_an_error_about_the_trust() {
    let mut plan = v2_plan();
    let long = format!("{}.com", "a".repeat(29)); // 33 characters
    plan.doc.hybrid.domains = vec![long.clone()];
    let f = plan.one("R-FED-DOMAIN-LENGTH");
    assert_error(&f);
    assert_eq!(links(&f), ["fed"]);
    assert!(f.message.contains(&long), "{}", f.message);
    // 32 characters are allowed.
    plan.doc.hybrid.domains = vec![format!("{}.com", "a".repeat(28))];
    plan.quiet("R-FED-DOMAIN-LENGTH");
}

#[test]
fn long_domains_need_no_check_without_a_federation_trust_and_are_checked_in_drafts() {
    let mut plan = v2_plan().without_link("fed");
    plan.doc.hybrid.domains = vec![format!("{}.com", "a".repeat(40))];
    plan.quiet("R-FED-DOMAIN-LENGTH");
    let mut plan = v2_plan().mode(Mode::Draft);
    plan.doc.hybrid.domains = vec![format!("{}.com", "a".repeat(40))];
    plan.one("R-FED-DOMAIN-LENGTH");
}
