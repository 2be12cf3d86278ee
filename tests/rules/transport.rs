//! Mail transport (docs/rules.md, "Mail transport").

use crate::support::{
    L, Plan, R, V, assert_error, assert_info, disabled, links, nodes, valid_plan,
};
use hybrid_designer::model::{Feature, Mode, TlsAuth};

// R-MAIL-OUTBOUND-PATH

#[test]
fn full_hybrid_with_secure_mail_needs_a_send_connector() {
    let plan = valid_plan().without_link("send1").without_link("send2");
    let f = plan.one("R-MAIL-OUTBOUND-PATH");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
}

#[test]
fn disabled_send_connector_counts_as_absent() {
    let plan = valid_plan()
        .edit_link("send1", disabled)
        .edit_link("send2", disabled);
    plan.one("R-MAIL-OUTBOUND-PATH");
    // A disabled connector is not checked for TLS either.
    plan.edit_link("send1", |l| l.require_tls = Some(false))
        .quiet("R-MAIL-SEND-TLS");
}

#[test]
fn outbound_path_is_only_required_in_full_mode_with_secure_mail() {
    let plan = || valid_plan().without_link("send1").without_link("send2");
    plan().mode(Mode::Minimal).quiet("R-MAIL-OUTBOUND-PATH");
    plan().draft().quiet("R-MAIL-OUTBOUND-PATH");
    plan()
        .features(&[Feature::FreeBusy, Feature::MoveMailbox])
        .quiet("R-MAIL-OUTBOUND-PATH");
}

// R-MAIL-INBOUND-PATH

#[test]
fn full_hybrid_needs_a_receive_connector_that_reaches_a_server() {
    let f = valid_plan().without_link("recv").one("R-MAIL-INBOUND-PATH");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    valid_plan()
        .edit_link("recv", disabled)
        .one("R-MAIL-INBOUND-PATH");
    // A receive connector to a load balancer that routes nowhere reaches no server.
    valid_plan()
        .without_link("recv")
        .lb("empty-lb")
        .link("recv2", L::ReceiveConnector, "exo", "empty-lb")
        .one("R-MAIL-INBOUND-PATH");
    valid_plan()
        .mode(Mode::Minimal)
        .without_link("recv")
        .quiet("R-MAIL-INBOUND-PATH");
}

// R-MAIL-SEND-SOURCE-ROLE

#[test]
fn send_connector_from_a_2013_client_access_server_is_an_error() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .link("s", L::SendConnector, "cas", "exo");
    let f = plan.one("R-MAIL-SEND-SOURCE-ROLE");
    assert_error(&f);
    assert_eq!(nodes(&f), ["cas"]);
    assert_eq!(links(&f), ["s"]);
    assert!(f.message.contains("CAS"), "{}", f.message);
}

#[test]
fn two_send_connectors_from_one_server_are_reported_once() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .link("s1", L::SendConnector, "cas", "exo")
        .link("s2", L::SendConnector, "cas", "exo");
    assert_eq!(links(&plan.one("R-MAIL-SEND-SOURCE-ROLE")), ["s1", "s2"]);
}

#[test]
fn mailbox_hub_transport_and_edge_servers_can_send() {
    let plan = Plan::new()
        .draft()
        .online()
        .server("mbx13", V::V2013, &[R::Mailbox])
        .server("hub10", V::V2010, &[R::HubTransport])
        .edge("edge", V::V2016)
        .link("a", L::SendConnector, "mbx13", "exo")
        .link("b", L::SendConnector, "hub10", "exo")
        .link("c", L::SendConnector, "edge", "exo");
    plan.quiet("R-MAIL-SEND-SOURCE-ROLE");
    // A disabled connector from a Client Access server is absent.
    Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .link_with("s", L::SendConnector, "cas", "exo", disabled)
        .quiet("R-MAIL-SEND-SOURCE-ROLE");
}

// R-MAIL-RECV-ENDPOINT-ROLE

#[test]
fn receive_connector_reaching_a_2013_mailbox_only_server_is_an_error() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .lb("lb")
        .link("r1", L::RoutesTo, "lb", "cas")
        .link("r2", L::RoutesTo, "lb", "mbx")
        .link("recv", L::ReceiveConnector, "exo", "lb");
    let f = plan.one("R-MAIL-RECV-ENDPOINT-ROLE");
    assert_error(&f);
    assert_eq!(nodes(&f), ["mbx"]);
    assert_eq!(links(&f), ["recv"]);
}

#[test]
fn each_server_that_cannot_receive_is_reported_once_with_all_its_connectors() {
    let plan = Plan::new()
        .online()
        .server("mbx", V::V2013, &[R::Mailbox])
        .server("cas", V::V2013, &[R::ClientAccess])
        .lb("a")
        .lb("b")
        .link("ra", L::RoutesTo, "a", "mbx")
        .link("rb", L::RoutesTo, "b", "mbx")
        .link("recv1", L::ReceiveConnector, "exo", "a")
        .link("recv2", L::ReceiveConnector, "exo", "b");
    assert_eq!(
        links(&plan.one("R-MAIL-RECV-ENDPOINT-ROLE")),
        ["recv1", "recv2"]
    );
}

#[test]
fn client_access_2016_mailbox_hub_transport_and_edge_can_receive() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx16", V::V2016, &[R::Mailbox])
        .server("hub", V::V2010, &[R::HubTransport])
        .edge("edge", V::V2016)
        .lb("lb")
        .link("r1", L::RoutesTo, "lb", "cas")
        .link("r2", L::RoutesTo, "lb", "mbx16")
        .link("r3", L::RoutesTo, "lb", "hub")
        .link("r4", L::RoutesTo, "lb", "edge")
        .link("recv", L::ReceiveConnector, "exo", "lb");
    plan.quiet("R-MAIL-RECV-ENDPOINT-ROLE");
}

// R-MAIL-SEND-TLS / R-MAIL-RECV-TLS

/// A change to a connector.
type Edit = fn(&mut hybrid_designer::model::Link);

#[test]
fn send_connector_without_forced_validated_tls_is_an_error() {
    let cases: [(&str, Edit); 4] = [
        ("no tls", |l| l.require_tls = Some(false)),
        ("encryption only", |l| {
            l.tls_auth = Some(TlsAuth::EncryptionOnly);
        }),
        ("no auth", |l| l.tls_auth = Some(TlsAuth::None)),
        ("not cloud", |l| l.cloud_services_mail = Some(false)),
    ];
    for (what, edit) in cases {
        let f = valid_plan().edit_link("send1", edit).one("R-MAIL-SEND-TLS");
        assert_error(&f);
        assert_eq!(links(&f), ["send1"], "{what}");
    }
    valid_plan()
        .edit_link("send1", |l| {
            l.tls_auth = Some(TlsAuth::CertificateValidation);
        })
        .quiet("R-MAIL-SEND-TLS");
}

#[test]
fn receive_connector_without_forced_validated_tls_is_an_error() {
    let cases: [Edit; 3] = [
        |l| l.require_tls = Some(false),
        |l| l.tls_auth = Some(TlsAuth::EncryptionOnly),
        |l| l.accepts_cloud_mail = Some(false),
    ];
    for edit in cases {
        let f = valid_plan().edit_link("recv", edit).one("R-MAIL-RECV-TLS");
        assert_error(&f);
        assert_eq!(links(&f), ["recv"]);
    }
    valid_plan()
        .edit_link("recv", |l| l.require_tls = Some(false))
        .edit_link("recv", disabled)
        .quiet("R-MAIL-RECV-TLS");
}

#[test]
fn tls_rules_run_in_draft_mode() {
    valid_plan()
        .draft()
        .edit_link("send1", |l| l.require_tls = Some(false))
        .one("R-MAIL-SEND-TLS");
}

// R-MAIL-NO-SMTP-INTERMEDIARY

#[test]
fn smtp_device_that_inspects_mail_in_the_inbound_path_is_an_error() {
    let plan = valid_plan()
        .without_link("recv")
        .gateway("ironport", true)
        .link("g", L::RoutesTo, "ironport", "lb")
        .link("recv", L::ReceiveConnector, "exo", "ironport");
    let f = plan.one("R-MAIL-NO-SMTP-INTERMEDIARY");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ironport"]);
    assert_eq!(links(&f), ["recv"]);
    plan.quiet("R-MAIL-INBOUND-PATH");
}

#[test]
fn pass_through_firewall_is_fine() {
    valid_plan()
        .without_link("recv")
        .gateway("fw", false)
        .link("g", L::RoutesTo, "fw", "lb")
        .link("recv", L::ReceiveConnector, "exo", "fw")
        .quiet("R-MAIL-NO-SMTP-INTERMEDIARY");
}

#[test]
fn inspecting_gateway_behind_a_load_balancer_is_passed_too() {
    let plan = valid_plan()
        .without_link("r1")
        .without_link("r2")
        .gateway("spam", true)
        .link("g1", L::RoutesTo, "lb", "spam")
        .link("g2", L::RoutesTo, "spam", "ex16-01")
        .link("g3", L::RoutesTo, "spam", "ex16-02");
    assert_eq!(nodes(&plan.one("R-MAIL-NO-SMTP-INTERMEDIARY")), ["spam"]);
}

// R-MAIL-EDGE-EXCLUSIVE

fn edge_plan() -> Plan {
    valid_plan()
        .without_link("send1")
        .without_link("send2")
        .without_link("recv")
        .edge("edge", V::V2016)
        .link("es", L::SendConnector, "edge", "exo")
        .link("er", L::ReceiveConnector, "exo", "edge")
        .link("sub", L::EdgeSubscription, "edge", "ex16-01")
}

#[test]
fn edge_only_transport_is_valid() {
    assert!(
        edge_plan().findings().is_empty(),
        "{:#?}",
        edge_plan().findings()
    );
}

#[test]
fn edge_and_internal_transport_mixed_is_an_error() {
    let plan = edge_plan().link("s1", L::SendConnector, "ex16-01", "exo");
    let f = plan.one("R-MAIL-EDGE-EXCLUSIVE");
    assert_error(&f);
    assert_eq!(nodes(&f), ["edge", "ex16-01"]);
    // Disabled, the internal connector no longer mixes anything.
    edge_plan()
        .link_with("s1", L::SendConnector, "ex16-01", "exo", disabled)
        .quiet("R-MAIL-EDGE-EXCLUSIVE");
}

// R-MAIL-CENTRALIZED

#[test]
fn centralized_transport_is_noted_as_compliance_only() {
    let f = valid_plan()
        .features(&[Feature::SecureMail, Feature::CentralizedTransport])
        .one("R-MAIL-CENTRALIZED");
    assert_info(&f);
    assert!(f.nodes.is_empty() && f.links.is_empty());
    valid_plan().quiet("R-MAIL-CENTRALIZED");
}

// R-EDGE-SUBSCRIPTION

#[test]
fn edge_in_hybrid_transport_needs_exactly_one_good_subscription() {
    let f = edge_plan().without_link("sub").one("R-EDGE-SUBSCRIPTION");
    assert_error(&f);
    assert_eq!(nodes(&f), ["edge"]);
    edge_plan()
        .link("sub2", L::EdgeSubscription, "edge", "ex16-02")
        .one("R-EDGE-SUBSCRIPTION");
    let to_cas = edge_plan()
        .without_link("sub")
        .server("cas13", V::V2013, &[R::ClientAccess])
        .link("sub", L::EdgeSubscription, "edge", "cas13");
    assert!(to_cas.one("R-EDGE-SUBSCRIPTION").message.contains("CAS13"));
}

#[test]
fn subscription_to_2010_hub_transport_is_good_and_unused_edge_is_not_checked() {
    edge_plan()
        .without_link("sub")
        .server("hub", V::V2010, &[R::HubTransport])
        .link("sub", L::EdgeSubscription, "edge", "hub")
        .quiet("R-EDGE-SUBSCRIPTION");
    valid_plan()
        .edge("idle", V::V2016)
        .quiet("R-EDGE-SUBSCRIPTION");
}
