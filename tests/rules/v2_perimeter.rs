//! Perimeter network (docs/rules.md, version 2): the ports the firewall forwards and
//! pre-authentication on the load balancer that publishes EWS.

use crate::support::{L, Plan, V, assert_error, links, nodes, v2_plan};
use hybrid_designer::model::{Feature, Mode};

fn ports(plan: Plan, id: &str, ports: Option<Vec<u16>>) -> Plan {
    plan.edit_node(id, |n| n.inbound_ports = ports)
}

// R-NET-SMTP-25

#[test]
fn a_receive_connector_end_without_port_25_is_an_error_about_the_node_and_the_link() {
    let f = ports(v2_plan(), "lb", Some(vec![443])).one("R-NET-SMTP-25");
    assert_error(&f);
    assert_eq!(nodes(&f), ["lb"]);
    assert_eq!(links(&f), ["recv"]);
    assert!(
        f.message.contains("TCP 25") && f.message.contains("443"),
        "{}",
        f.message
    );
}

#[test]
fn an_empty_port_list_forwards_nothing_and_an_absent_one_is_not_modeled() {
    ports(v2_plan(), "lb", Some(vec![])).one("R-NET-SMTP-25");
    ports(v2_plan(), "lb", None).quiet("R-NET-SMTP-25");
}

#[test]
fn port_25_is_asked_only_for_secure_mail_in_a_full_hybrid_on_enabled_connectors() {
    ports(v2_plan(), "lb", Some(vec![443]))
        .features(&[Feature::FreeBusy, Feature::MoveMailbox])
        .quiet("R-NET-SMTP-25");
    ports(v2_plan(), "lb", Some(vec![443]))
        .mode(Mode::Minimal)
        .quiet("R-NET-SMTP-25");
    ports(v2_plan(), "lb", Some(vec![443]))
        .edit_link("recv", |l| l.enabled = Some(false))
        .quiet("R-NET-SMTP-25");
}

// R-NET-HTTPS-443

#[test]
fn the_ews_front_without_port_443_is_an_error_with_its_links() {
    let f = ports(v2_plan(), "lb", Some(vec![25])).one("R-NET-HTTPS-443");
    assert_error(&f);
    assert_eq!(nodes(&f), ["lb"]);
    assert_eq!(links(&f), ["mig", "oauth", "orgrel"]);
}

#[test]
fn an_autodiscover_publisher_without_port_443_is_an_error_too() {
    let plan = v2_plan()
        .lb("adlb")
        .edit_node("adlb", |n| {
            n.public_names = Some(vec!["autodiscover.contoso.com".into()]);
            n.inbound_ports = Some(vec![80]);
        })
        .link("r3", L::RoutesTo, "adlb", "ex1");
    let f = plan.one("R-NET-HTTPS-443");
    assert_eq!(nodes(&f), ["adlb"]);
    assert!(f.links.is_empty());
}

#[test]
fn port_443_is_not_asked_of_smtp_only_nodes_or_in_modern_hybrid() {
    let plan = v2_plan()
        .lb("smtp")
        .edit_node("smtp", |n| {
            n.public_names = Some(vec!["smtp.contoso.com".into()]);
            n.inbound_ports = Some(vec![25]);
        })
        .link("r3", L::RoutesTo, "smtp", "ex1")
        .link("recv2", L::ReceiveConnector, "exo", "smtp");
    plan.quiet("R-NET-HTTPS-443");
    ports(v2_plan(), "lb", Some(vec![25]))
        .modern()
        .quiet("R-NET-HTTPS-443");
    ports(v2_plan(), "lb", Some(vec![25]))
        .mode(Mode::Draft)
        .quiet("R-NET-HTTPS-443");
}

// R-NET-PREAUTH

#[test]
fn a_pre_authenticating_ews_load_balancer_is_an_error_with_its_links() {
    let plan = v2_plan().edit_node("lb", |n| n.preauth = Some(true));
    let f = plan.one("R-NET-PREAUTH");
    assert_error(&f);
    assert_eq!(nodes(&f), ["lb"]);
    assert_eq!(links(&f), ["mig", "oauth", "orgrel"]);
    // Structural: it runs in a draft too.
    plan.mode(Mode::Draft).one("R-NET-PREAUTH");
}

#[test]
fn a_pre_authenticating_load_balancer_passed_on_the_way_counts() {
    let plan = v2_plan()
        .lb("waf")
        .edit_node("waf", |n| n.preauth = Some(true))
        .without_link("r1")
        .without_link("r2")
        .link("w0", L::RoutesTo, "lb", "waf")
        .link("w1", L::RoutesTo, "waf", "ex1")
        .link("w2", L::RoutesTo, "waf", "ex2");
    let f = plan.one("R-NET-PREAUTH");
    assert_eq!(nodes(&f), ["waf"]);
    assert_eq!(links(&f), ["mig", "oauth", "orgrel"]);
}

#[test]
fn pre_authentication_off_the_ews_and_autodiscover_paths_is_fine() {
    let plan = v2_plan()
        .lb("smtp")
        .edit_node("smtp", |n| n.preauth = Some(true))
        .link("r3", L::RoutesTo, "smtp", "ex1")
        .link("recv2", L::ReceiveConnector, "exo", "smtp");
    plan.quiet("R-NET-PREAUTH");
    v2_plan()
        .edit_node("lb", |n| n.preauth = Some(false))
        .quiet("R-NET-PREAUTH");
}

#[test]
fn a_pre_authenticating_load_balancer_in_a_loop_is_found_once() {
    let plan = v2_plan()
        .lb("waf")
        .edit_node("waf", |n| n.preauth = Some(true))
        .link("w0", L::RoutesTo, "lb", "waf")
        .link("w1", L::RoutesTo, "waf", "lb");
    let found = plan.of("R-NET-PREAUTH");
    assert_eq!(found.len(), 1);
    assert_eq!(nodes(&found[0]), ["waf"]);
}

#[test]
fn an_edge_server_publishing_autodiscover_is_no_load_balancer() {
    // Autodiscover on Edge is R-NS-AUTODISCOVER's business; pre-authentication is a load
    // balancer's property only.
    let plan = v2_plan().edge("edge", V::Se).edit_node("edge", |n| {
        n.public_names = Some(vec!["autodiscover.contoso.com".into()]);
        n.preauth = Some(true);
    });
    plan.quiet("R-NET-PREAUTH");
}
