//! Model and roles (docs/rules.md, "Model and roles").

use crate::support::{
    L, Plan, R, V, assert_error, assert_info, assert_warning, disabled, links, nodes, valid_plan,
};
use hybrid_designer::model::{Link, LinkKind, Mode, NodeKind, Role, Zone};

#[test]
fn the_valid_plan_has_no_finding() {
    assert!(
        valid_plan().findings().is_empty(),
        "{:#?}",
        valid_plan().findings()
    );
}

// R-MODEL-LINK-ENDS

#[test]
fn link_between_wrong_kinds_is_reported_as_drawn_wrongly() {
    let plan = valid_plan().link("bad", L::SendConnector, "sync", "exo");
    let f = plan.one("R-MODEL-LINK-ENDS");
    assert_error(&f);
    assert_eq!(links(&f), ["bad"]);
    assert!(f.nodes.is_empty());
    assert!(f.message.contains("SYNC"), "{}", f.message);
}

#[test]
fn link_with_reversed_ends_is_drawn_wrongly() {
    let plan = valid_plan().link("rev", L::SendConnector, "exo", "ex16-01");
    assert_eq!(links(&plan.one("R-MODEL-LINK-ENDS")), ["rev"]);
}

#[test]
fn link_to_a_missing_node_is_drawn_wrongly_and_nothing_panics() {
    let mut plan = valid_plan();
    plan.doc
        .links
        .push(Link::new("ghost", LinkKind::RoutesTo, "lb", "nowhere"));
    let f = plan.one("R-MODEL-LINK-ENDS");
    assert_eq!(links(&f), ["ghost"]);
    assert!(f.message.contains("not in the plan"), "{}", f.message);
}

#[test]
fn link_with_wrong_ends_takes_part_in_no_other_rule() {
    // A send connector from the sync server with no TLS: drawn wrongly, so neither the TLS
    // rule nor the outbound path counts it.
    let plan = valid_plan()
        .without_link("send1")
        .without_link("send2")
        .link_with("bad-send", L::SendConnector, "sync", "exo", |l| {
            l.require_tls = Some(false);
        });
    assert_eq!(plan.rules(), ["R-MAIL-OUTBOUND-PATH", "R-MODEL-LINK-ENDS"]);
    // An organization relationship drawn from the sync server does not need a federation trust.
    let plan = valid_plan()
        .without_link("fed")
        .without_link("orgrel")
        .link("bad-rel", L::OrganizationRelationship, "sync", "exo");
    plan.quiet("R-FED-TRUST-FOR-ORGREL");
    assert_eq!(links(&plan.one("R-MODEL-LINK-ENDS")), ["bad-rel"]);
}

#[test]
fn link_ends_are_checked_in_draft_mode() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2016, &[R::Mailbox])
        .lb("lb")
        .link("x", L::Oauth, "a", "lb");
    plan.one("R-MODEL-LINK-ENDS");
}

// R-MODEL-ROLES

#[test]
fn exchange_2016_cannot_have_client_access() {
    let plan = valid_plan().edit_node("ex16-01", |n| {
        n.roles = Some(vec![Role::Mailbox, Role::ClientAccess]);
    });
    let f = plan.one("R-MODEL-ROLES");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex16-01"]);
    assert!(
        f.message.contains("EX16-01") && f.message.contains("Client Access"),
        "{}",
        f.message
    );
}

#[test]
fn exchange_2013_cannot_have_hub_transport_but_2010_can() {
    let plan = Plan::new()
        .draft()
        .server(
            "ex13",
            V::V2013,
            &[R::Mailbox, R::ClientAccess, R::HubTransport],
        )
        .server(
            "ex10",
            V::V2010,
            &[
                R::Mailbox,
                R::ClientAccess,
                R::HubTransport,
                R::UnifiedMessaging,
            ],
        );
    assert_eq!(nodes(&plan.one("R-MODEL-ROLES")), ["ex13"]);
}

// R-EXO-MISSING

#[test]
fn plan_without_exchange_online_is_an_error_unless_drafting() {
    let plan = valid_plan();
    let mut without = plan.doc.clone();
    without.nodes.retain(|n| n.kind != NodeKind::ExchangeOnline);
    without.links.clear();
    let plan = Plan { doc: without };
    let f = plan.one("R-EXO-MISSING");
    assert_error(&f);
    assert!(f.nodes.is_empty() && f.links.is_empty());
    plan.mode(Mode::Draft).quiet("R-EXO-MISSING");
    valid_plan().quiet("R-EXO-MISSING");
}

#[test]
fn minimal_mode_still_needs_exchange_online() {
    Plan::new()
        .mode(Mode::Minimal)
        .server("a", V::V2016, &[R::Mailbox])
        .one("R-EXO-MISSING");
}

// R-ROLE-NONE

#[test]
fn server_without_role_is_an_error_even_in_draft() {
    let plan =
        Plan::new()
            .draft()
            .server("bare", V::V2019, &[])
            .server("b", V::V2019, &[R::Mailbox]);
    let f = plan.one("R-ROLE-NONE");
    assert_error(&f);
    assert_eq!(nodes(&f), ["bare"]);
}

#[test]
fn the_fix_for_a_server_without_role_names_the_roles_of_its_own_version() {
    let fix = |version: V| {
        Plan::new()
            .draft()
            .server("bare", version, &[])
            .server("b", V::V2016, &[R::Mailbox])
            .one("R-ROLE-NONE")
            .fix
    };
    let fix2010 = fix(V::V2010);
    assert!(
        fix2010.contains("Mailbox, Client Access and Hub Transport") && !fix2010.contains("2013"),
        "{fix2010}"
    );
    let fix2013 = fix(V::V2013);
    assert!(fix2013.contains("Mailbox and Client Access"), "{fix2013}");
    let fix2019 = fix(V::V2019);
    assert!(
        fix2019.contains("Mailbox role") && !fix2019.contains("Client Access"),
        "{fix2019}"
    );
}

// R-ROLE-MIN-HYBRID

#[test]
fn empty_plan_needs_a_hybrid_server() {
    let f = Plan::new().one("R-ROLE-MIN-HYBRID");
    assert_error(&f);
    assert!(f.nodes.is_empty());
}

#[test]
fn minimum_hybrid_runs_in_draft_once_exchange_online_is_drawn() {
    Plan::new().draft().quiet("R-ROLE-MIN-HYBRID");
    Plan::new().draft().online().one("R-ROLE-MIN-HYBRID");
}

#[test]
fn exchange_2010_needs_mailbox_hub_transport_and_client_access_among_its_servers() {
    let incomplete = Plan::new()
        .online()
        .server("a", V::V2010, &[R::Mailbox, R::ClientAccess])
        .server("b", V::V2010, &[R::Mailbox]);
    incomplete.one("R-ROLE-MIN-HYBRID");
    let complete = Plan::new()
        .online()
        .server("a", V::V2010, &[R::Mailbox, R::ClientAccess])
        .server("b", V::V2010, &[R::HubTransport]);
    complete.quiet("R-ROLE-MIN-HYBRID");
}

#[test]
fn any_2013_server_or_2016_mailbox_is_enough_for_minimum_hybrid() {
    Plan::new()
        .online()
        .server("a", V::V2013, &[R::ClientAccess])
        .quiet("R-ROLE-MIN-HYBRID");
    Plan::new()
        .online()
        .server("a", V::Se, &[R::Mailbox])
        .quiet("R-ROLE-MIN-HYBRID");
    // A 2016 server without Mailbox does not count.
    Plan::new()
        .online()
        .server("a", V::V2016, &[])
        .one("R-ROLE-MIN-HYBRID");
}

// R-ROLE-2013-CAS / R-ROLE-2013-MBX

#[test]
fn exchange_2013_mailbox_servers_need_client_access_somewhere() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2013, &[R::Mailbox])
        .server("b", V::V2013, &[R::Mailbox]);
    let f = plan.one("R-ROLE-2013-CAS");
    assert_error(&f);
    assert_eq!(nodes(&f), ["a", "b"]);
    plan.quiet("R-ROLE-2013-MBX");
}

#[test]
fn only_2013_server_with_mailbox_next_to_a_2010_server_is_named() {
    let plan = Plan::new()
        .draft()
        .server("ex13-a", V::V2013, &[R::Mailbox])
        .server(
            "ex10",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
        );
    let f = plan.one("R-ROLE-2013-CAS");
    assert_eq!(nodes(&f), ["ex13-a"]);
    assert!(
        f.message.contains(
            "EX13-A is the only Exchange 2013 server and has Mailbox but not Client Access"
        ),
        "{}",
        f.message
    );
}

#[test]
fn a_2016_mailbox_server_makes_2013_client_access_unnecessary() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2013, &[R::Mailbox])
        .server("b", V::V2013, &[R::Mailbox])
        .server("c", V::V2016, &[R::Mailbox]);
    plan.quiet("R-ROLE-2013-CAS");
}

#[test]
fn exchange_2013_client_access_servers_need_mailbox_somewhere() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2013, &[R::ClientAccess])
        .server("b", V::V2013, &[R::ClientAccess]);
    let f = plan.one("R-ROLE-2013-MBX");
    assert_error(&f);
    assert_eq!(nodes(&f), ["a", "b"]);
    plan.quiet("R-ROLE-2013-CAS");
}

// R-ROLE-2013-SINGLE-BOTH

#[test]
fn single_2013_server_needs_both_roles() {
    let plan = Plan::new().draft().server("a", V::V2013, &[R::Mailbox]);
    let f = plan.one("R-ROLE-2013-SINGLE-BOTH");
    assert_error(&f);
    assert_eq!(nodes(&f), ["a"]);
    assert!(f.message.contains("Client Access"), "{}", f.message);
    // It replaces the rule for several servers.
    plan.quiet("R-ROLE-2013-CAS");
}

#[test]
fn single_2013_server_with_both_roles_or_none_is_not_reported_by_single_both() {
    Plan::new()
        .draft()
        .server("a", V::V2013, &[R::Mailbox, R::ClientAccess])
        .quiet("R-ROLE-2013-SINGLE-BOTH");
    let bare = Plan::new().draft().server("a", V::V2013, &[]);
    bare.quiet("R-ROLE-2013-SINGLE-BOTH");
    bare.one("R-ROLE-NONE");
}

// R-ROLE-2013-COLOCATE

#[test]
fn split_2013_roles_are_reported_as_best_practice() {
    let plan = Plan::new()
        .draft()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .server("both", V::V2013, &[R::Mailbox, R::ClientAccess]);
    let f = plan.one("R-ROLE-2013-COLOCATE");
    assert_info(&f);
    assert_eq!(nodes(&f), ["cas", "mbx"]);
}

#[test]
fn colocation_needs_both_roles_among_several_2013_servers() {
    // One role missing everywhere: R-ROLE-2013-CAS speaks, not the best practice.
    Plan::new()
        .draft()
        .server("a", V::V2013, &[R::Mailbox])
        .server("b", V::V2013, &[R::Mailbox])
        .quiet("R-ROLE-2013-COLOCATE");
    Plan::new()
        .draft()
        .server("a", V::V2013, &[R::Mailbox, R::ClientAccess])
        .server("b", V::V2013, &[R::Mailbox, R::ClientAccess])
        .quiet("R-ROLE-2013-COLOCATE");
}

// R-ROLE-2013-SITE-CAS

#[test]
fn branch_site_with_2013_mailbox_needs_client_access() {
    let plan = Plan::new()
        .draft()
        .server_with("hq", V::V2013, &[R::Mailbox, R::ClientAccess], |n| {
            n.site = Some("HQ".into());
        })
        .server_with("br", V::V2013, &[R::Mailbox], |n| {
            n.site = Some("Branch".into());
        })
        .server_with("br2", V::V2013, &[R::Mailbox], |n| {
            n.site = Some("Branch".into());
        })
        .server_with("far", V::V2013, &[R::Mailbox], |n| {
            n.site = Some("Far".into());
        });
    let found = plan.of("R-ROLE-2013-SITE-CAS");
    assert_eq!(found.len(), 2, "one finding per site: {found:#?}");
    assert_error(&found[0]);
    assert_eq!(nodes(&found[0]), ["br", "br2"]);
    assert_eq!(nodes(&found[1]), ["far"]);
    assert!(found[0].message.contains("Branch"), "{}", found[0].message);
}

#[test]
fn a_2016_mailbox_server_in_the_site_serves_it() {
    let plan = Plan::new()
        .draft()
        .server_with("hq", V::V2013, &[R::Mailbox, R::ClientAccess], |n| {
            n.site = Some("HQ".into());
        })
        .server_with("br", V::V2013, &[R::Mailbox], |n| {
            n.site = Some("Branch".into());
        })
        .server_with("br16", V::V2016, &[R::Mailbox], |n| {
            n.site = Some("Branch".into());
        });
    plan.quiet("R-ROLE-2013-SITE-CAS");
}

#[test]
fn no_client_access_in_any_site_is_not_a_site_problem() {
    let plan = Plan::new()
        .draft()
        .server_with("a", V::V2013, &[R::Mailbox], |n| n.site = Some("HQ".into()))
        .server_with("b", V::V2013, &[R::Mailbox], |n| {
            n.site = Some("Branch".into());
        });
    plan.quiet("R-ROLE-2013-SITE-CAS");
    plan.one("R-ROLE-2013-CAS");
}

#[test]
fn servers_without_site_share_the_default_site() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2013, &[R::ClientAccess])
        .server("b", V::V2013, &[R::Mailbox]);
    plan.quiet("R-ROLE-2013-SITE-CAS");
}

// R-ROLE-REDUNDANCY

#[test]
fn single_server_needs_a_second_one() {
    let plan = Plan::new()
        .draft()
        .server("only", V::V2019, &[R::Mailbox])
        .edge("edge", V::V2019);
    let f = plan.one("R-ROLE-REDUNDANCY");
    assert_warning(&f);
    assert_eq!(nodes(&f), ["only"]);
    valid_plan().quiet("R-ROLE-REDUNDANCY");
    Plan::new().draft().quiet("R-ROLE-REDUNDANCY");
}

// R-ZONE-INTERNAL-IN-DMZ / R-ZONE-EDGE-INTERNAL

#[test]
fn internal_server_in_the_perimeter_is_an_error() {
    let plan = valid_plan().edit_node("ex16-02", |n| n.zone = Some(Zone::Perimeter));
    let f = plan.one("R-ZONE-INTERNAL-IN-DMZ");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex16-02"]);
}

#[test]
fn edge_server_inside_is_a_warning_and_by_default_it_is_in_the_perimeter() {
    let plan = Plan::new()
        .draft()
        .edge("edge", V::V2019)
        .edge("inner", V::V2019)
        .edit_node("inner", |n| {
            n.zone = Some(Zone::Internal);
        });
    let f = plan.one("R-ZONE-EDGE-INTERNAL");
    assert_warning(&f);
    assert_eq!(nodes(&f), ["inner"]);
}

#[test]
fn disabled_links_still_have_their_ends_checked() {
    let plan = valid_plan().link_with("off", L::SendConnector, "exo", "exo", disabled);
    assert_eq!(links(&plan.one("R-MODEL-LINK-ENDS")), ["off"]);
}
