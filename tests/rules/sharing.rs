//! Sharing, federation, OAuth and moves (docs/rules.md, "Sharing, federation, OAuth, moves").

use crate::support::{
    L, Plan, R, V, assert_error, assert_warning, disabled, links, nodes, valid_plan,
};
use hybrid_designer::model::{Direction, Feature, Mode};

fn direction(d: Direction) -> impl FnOnce(&mut hybrid_designer::model::Link) {
    move |l| l.direction = Some(d)
}

// R-FED-TRUST-FOR-ORGREL

#[test]
fn organization_relationship_without_federation_trust_is_an_error() {
    let plan = valid_plan().without_link("fed").without_link("oauth");
    let f = plan.one("R-FED-TRUST-FOR-ORGREL");
    assert_error(&f);
    assert_eq!(links(&f), ["orgrel"]);
}

#[test]
fn missing_federation_trust_is_only_a_warning_when_oauth_is_configured() {
    let f = valid_plan()
        .without_link("fed")
        .one("R-FED-TRUST-FOR-ORGREL");
    assert_warning(&f);
    // OAuth in one direction only is not configured.
    let f = valid_plan()
        .without_link("fed")
        .edit_link("oauth", direction(Direction::ToOnline))
        .one("R-FED-TRUST-FOR-ORGREL");
    assert_error(&f);
    // Two one-way links together cover both directions.
    let f = valid_plan()
        .without_link("fed")
        .edit_link("oauth", direction(Direction::ToOnline))
        .link_with(
            "oauth2",
            L::Oauth,
            "lb",
            "exo",
            direction(Direction::ToOnPremises),
        )
        .one("R-FED-TRUST-FOR-ORGREL");
    assert_warning(&f);
}

#[test]
fn disabled_organization_relationship_needs_no_federation_trust() {
    valid_plan()
        .without_link("fed")
        .edit_link("orgrel", disabled)
        .quiet("R-FED-TRUST-FOR-ORGREL");
}

// R-ORGREL-FEATURES

#[test]
fn sharing_features_without_organization_relationship_are_an_error() {
    let plan = valid_plan().without_link("orgrel");
    let f = plan.one("R-ORGREL-FEATURES");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    valid_plan()
        .edit_link("orgrel", disabled)
        .one("R-ORGREL-FEATURES");
}

#[test]
fn free_busy_mail_tips_and_photos_can_use_oauth_instead() {
    let features = [
        Feature::FreeBusy,
        Feature::MailTips,
        Feature::Photos,
        Feature::SecureMail,
    ];
    valid_plan()
        .without_link("orgrel")
        .features(&features)
        .quiet("R-ORGREL-FEATURES");
    valid_plan()
        .without_link("orgrel")
        .without_link("oauth")
        .features(&features)
        .one("R-ORGREL-FEATURES");
    // Message tracking always needs the relationship.
    valid_plan()
        .without_link("orgrel")
        .features(&[Feature::MessageTracking])
        .one("R-ORGREL-FEATURES");
}

#[test]
fn organization_relationship_features_are_checked_in_full_mode_only() {
    valid_plan()
        .without_link("orgrel")
        .mode(Mode::Minimal)
        .quiet("R-ORGREL-FEATURES");
    valid_plan()
        .without_link("orgrel")
        .draft()
        .quiet("R-ORGREL-FEATURES");
}

// R-ORGREL-BIDIRECTIONAL

#[test]
fn one_way_organization_relationship_is_an_error() {
    let f = valid_plan()
        .edit_link("orgrel", direction(Direction::ToOnline))
        .one("R-ORGREL-BIDIRECTIONAL");
    assert_error(&f);
    assert_eq!(links(&f), ["orgrel"]);
}

#[test]
fn two_one_way_relationships_cover_both_directions() {
    valid_plan()
        .edit_link("orgrel", direction(Direction::ToOnline))
        .link_with(
            "back",
            L::OrganizationRelationship,
            "lb",
            "exo",
            direction(Direction::ToOnPremises),
        )
        .quiet("R-ORGREL-BIDIRECTIONAL");
    // ... unless the second one is disabled.
    valid_plan()
        .edit_link("orgrel", direction(Direction::ToOnline))
        .link_with("back", L::OrganizationRelationship, "lb", "exo", |l| {
            l.direction = Some(Direction::ToOnPremises);
            l.enabled = Some(false);
        })
        .one("R-ORGREL-BIDIRECTIONAL");
}

// R-ORGREL-EWS-HOST

#[test]
fn relationship_to_a_load_balancer_that_leads_nowhere_is_an_error() {
    let plan = valid_plan()
        .lb("empty")
        .edit_link("orgrel", |l| l.from = "empty".into());
    let f = plan.one("R-ORGREL-EWS-HOST");
    assert_error(&f);
    assert_eq!(links(&f), ["orgrel"]);
    assert_eq!(nodes(&f), ["empty"]);
}

#[test]
fn relationship_and_oauth_on_a_2013_mailbox_only_server_are_reported_once() {
    let plan = Plan::new()
        .online()
        .server("mbx", V::V2013, &[R::Mailbox])
        .server("cas", V::V2013, &[R::ClientAccess])
        .link("rel", L::OrganizationRelationship, "mbx", "exo")
        .link("oa", L::Oauth, "mbx", "exo");
    let f = plan.one("R-ORGREL-EWS-HOST");
    assert_eq!(nodes(&f), ["mbx"]);
    assert_eq!(links(&f), ["oa", "rel"]);
}

#[test]
fn only_the_servers_that_cannot_publish_ews_are_named() {
    let plan = valid_plan()
        .server("ex10", V::V2010, &[R::Mailbox, R::HubTransport])
        .link("r3", L::RoutesTo, "lb", "ex10");
    assert_eq!(nodes(&plan.one("R-ORGREL-EWS-HOST")), ["ex10"]);
}

#[test]
fn a_relationship_toward_exchange_online_only_needs_no_ews_host() {
    Plan::new()
        .online()
        .server("mbx", V::V2013, &[R::Mailbox])
        .link_with(
            "rel",
            L::OrganizationRelationship,
            "mbx",
            "exo",
            direction(Direction::ToOnline),
        )
        .quiet("R-ORGREL-EWS-HOST");
    // But OAuth is checked whatever its direction.
    Plan::new()
        .online()
        .server("mbx", V::V2013, &[R::Mailbox])
        .link_with("oa", L::Oauth, "mbx", "exo", direction(Direction::ToOnline))
        .one("R-ORGREL-EWS-HOST");
}

// R-OWA-REDIRECT

#[test]
fn owa_redirection_needs_a_url_on_a_relationship() {
    let plan = valid_plan().edit_link("orgrel", |l| l.owa_url = None);
    let f = plan.one("R-OWA-REDIRECT");
    assert_warning(&f);
    assert_eq!(links(&f), ["orgrel"]);
    valid_plan()
        .edit_link("orgrel", |l| l.owa_url = None)
        .features(&[Feature::FreeBusy, Feature::SecureMail])
        .quiet("R-OWA-REDIRECT");
}

// R-OAUTH-PARTIAL

#[test]
fn one_way_oauth_is_a_warning() {
    let f = valid_plan()
        .edit_link("oauth", direction(Direction::ToOnPremises))
        .one("R-OAUTH-PARTIAL");
    assert_warning(&f);
    assert_eq!(links(&f), ["oauth"]);
}

#[test]
fn disabled_oauth_links_still_count_for_partial_oauth() {
    let f = valid_plan()
        .edit_link("oauth", disabled)
        .one("R-OAUTH-PARTIAL");
    assert_eq!(links(&f), ["oauth"]);
    // An enabled one-way link and a disabled link back: both named.
    let f = valid_plan()
        .edit_link("oauth", direction(Direction::ToOnline))
        .link_with("back", L::Oauth, "lb", "exo", |l| {
            l.direction = Some(Direction::ToOnPremises);
            l.enabled = Some(false);
        })
        .one("R-OAUTH-PARTIAL");
    assert_eq!(links(&f), ["back", "oauth"]);
    valid_plan().without_link("oauth").quiet("R-OAUTH-PARTIAL");
}

// R-MRS-PROXY

#[test]
fn migration_endpoint_needs_mrs_proxy_on_every_server_behind_it() {
    let plan = valid_plan().edit_node("ex16-02", |n| n.mrs_proxy = None);
    let f = plan.one("R-MRS-PROXY");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex16-02"]);
    assert_eq!(links(&f), ["mig"]);
}

#[test]
fn migration_endpoint_to_nothing_or_to_a_server_without_ews_is_an_error() {
    let f = valid_plan()
        .lb("empty")
        .edit_link("mig", |l| l.to = "empty".into())
        .one("R-MRS-PROXY");
    assert_eq!(nodes(&f), ["empty"]);
    let plan = Plan::new()
        .online()
        .server_with("mbx", V::V2013, &[R::Mailbox], |n| n.mrs_proxy = Some(true))
        .link("m", L::MigrationEndpoint, "exo", "mbx");
    assert_eq!(nodes(&plan.one("R-MRS-PROXY")), ["mbx"]);
}

#[test]
fn migration_endpoint_through_the_hybrid_agent_resolves_to_its_servers() {
    let plan = valid_plan()
        .modern()
        .agent("agent")
        .link("reg", L::AgentRegistration, "agent", "lb")
        .edit_link("mig", |l| l.to = "agent".into());
    plan.quiet("R-MRS-PROXY");
    let plan = plan.edit_node("ex16-01", |n| n.mrs_proxy = Some(false));
    assert_eq!(nodes(&plan.one("R-MRS-PROXY")), ["ex16-01"]);
}

// R-MRS-MISSING

#[test]
fn mailbox_moves_need_a_migration_endpoint() {
    let f = valid_plan().without_link("mig").one("R-MRS-MISSING");
    assert_warning(&f);
    assert_eq!(nodes(&f), ["exo"]);
    valid_plan()
        .without_link("mig")
        .mode(Mode::Minimal)
        .one("R-MRS-MISSING");
    valid_plan()
        .without_link("mig")
        .draft()
        .quiet("R-MRS-MISSING");
    valid_plan()
        .without_link("mig")
        .features(&[Feature::SecureMail, Feature::FreeBusy])
        .quiet("R-MRS-MISSING");
}
