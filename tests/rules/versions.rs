//! Versions (docs/rules.md, "Versions").

use crate::support::{L, Plan, R, V, assert_error, assert_warning, disabled, nodes, valid_plan};
use hybrid_designer::model::{Build, Update};

fn cu(n: u32) -> Build {
    Build::Cu { cu: n }
}

fn sp_ru(sp: u32, ru: u32) -> Build {
    Build::SpRu { sp, ru }
}

// R-VER-HYBRID-MATRIX

#[test]
fn server_newer_than_the_hybrid_endpoints_is_an_error() {
    let plan = valid_plan().server("ex19", V::V2019, &[R::Mailbox]);
    let f = plan.one("R-VER-HYBRID-MATRIX");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex19"]);
    assert!(
        f.message.contains("EX19") && f.message.contains("2016"),
        "{}",
        f.message
    );
}

#[test]
fn the_newest_server_as_an_endpoint_satisfies_the_matrix() {
    let plan = valid_plan().server("ex19", V::V2019, &[R::Mailbox]).link(
        "send19",
        L::SendConnector,
        "ex19",
        "exo",
    );
    plan.quiet("R-VER-HYBRID-MATRIX");
}

#[test]
fn disabled_connector_is_not_a_hybrid_endpoint() {
    let plan = valid_plan()
        .server("ex19", V::V2019, &[R::Mailbox])
        .link_with("send19", L::SendConnector, "ex19", "exo", disabled);
    assert_eq!(nodes(&plan.one("R-VER-HYBRID-MATRIX")), ["ex19"]);
}

#[test]
fn endpoints_reached_through_a_load_balancer_count() {
    // The receive connector reaches the 2019 server through the load balancer.
    let plan = valid_plan()
        .server("ex19", V::V2019, &[R::Mailbox])
        .link("r3", L::RoutesTo, "lb", "ex19")
        .edit_node("ex19", |n| n.mrs_proxy = Some(true));
    plan.quiet("R-VER-HYBRID-MATRIX");
}

#[test]
fn without_endpoints_the_newest_server_is_the_reference_and_edge_counts() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2016, &[R::Mailbox])
        .server("b", V::V2016, &[R::Mailbox])
        .edge("edge", V::V2019);
    assert_eq!(nodes(&plan.one("R-VER-HYBRID-MATRIX")), ["edge"]);
    Plan::new()
        .draft()
        .server("a", V::V2016, &[R::Mailbox])
        .server("b", V::V2019, &[R::Mailbox])
        .quiet("R-VER-HYBRID-MATRIX");
}

#[test]
fn exchange_2010_with_2019_endpoints_is_an_error() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2019, &[R::Mailbox])
        .server(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
        );
    let found = plan.of("R-VER-HYBRID-MATRIX");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(nodes(&found[0]), ["old"]);
}

#[test]
fn exchange_2010_with_2016_endpoints_is_supported() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2016, &[R::Mailbox])
        .server(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
        );
    plan.quiet("R-VER-HYBRID-MATRIX");
}

#[test]
fn newer_server_is_told_to_make_the_plans_newest_version_the_endpoints() {
    let f = valid_plan()
        .server("ex19", V::V2019, &[R::Mailbox])
        .one("R-VER-HYBRID-MATRIX");
    assert!(f.message.contains("Exchange 2019"), "{}", f.message);
    assert!(f.fix.contains("Exchange 2019 servers"), "{}", f.fix);
    assert!(!f.fix.contains("2016"), "{}", f.fix);
}

#[test]
fn exchange_2010_with_2019_endpoints_is_not_told_to_use_2016_endpoints() {
    let plan = Plan::new()
        .draft()
        .server("a", V::V2019, &[R::Mailbox])
        .server(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
        );
    let f = plan.one("R-VER-HYBRID-MATRIX");
    assert!(
        !f.message.contains("2016") && !f.fix.contains("2016"),
        "{} / {}",
        f.message,
        f.fix
    );
    assert!(
        f.fix.contains("OLD") && f.fix.contains("Exchange 2019"),
        "{}",
        f.fix
    );
    // That 2010 cannot share the organization with 2019 is R-VER-COEXIST's point.
    assert!(!f.message.contains("share"), "{}", f.message);
    plan.one("R-VER-COEXIST");
}

#[test]
fn exchange_2010_with_subscription_edition_endpoints_names_subscription_edition() {
    let f = Plan::new()
        .draft()
        .server("a", V::Se, &[R::Mailbox])
        .server(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
        )
        .one("R-VER-HYBRID-MATRIX");
    assert!(f.fix.contains("Exchange Subscription Edition"), "{}", f.fix);
}

// R-VER-COEXIST

fn coexist(newer: V, older: V, build: impl Into<Option<Build>>) -> Plan {
    let build = build.into();
    Plan::new()
        .draft()
        .server("new", newer, &[R::Mailbox])
        .server_with("old", older, &[R::Mailbox, R::ClientAccess], |n| {
            n.build = build;
        })
}

#[test]
fn exchange_2019_cannot_share_an_organization_with_2010() {
    let f = coexist(V::V2019, V::V2010, sp_ru(3, 32)).one("R-VER-COEXIST");
    assert_error(&f);
    assert_eq!(nodes(&f), ["old"]);
    assert!(
        f.message.contains("OLD") && f.message.contains("NEW"),
        "{}",
        f.message
    );
    coexist(V::Se, V::V2010, None).one("R-VER-COEXIST");
}

#[test]
fn subscription_edition_cannot_share_an_organization_with_2013() {
    coexist(V::Se, V::V2013, cu(23)).one("R-VER-COEXIST");
}

#[test]
fn exchange_2019_needs_2013_cu21_and_2016_cu11() {
    coexist(V::V2019, V::V2013, cu(20)).one("R-VER-COEXIST");
    coexist(V::V2019, V::V2013, cu(21)).quiet("R-VER-COEXIST");
    coexist(V::V2019, V::V2016, cu(10)).one("R-VER-COEXIST");
    coexist(V::V2019, V::V2016, cu(11)).quiet("R-VER-COEXIST");
}

#[test]
fn exchange_2016_needs_2013_cu10_and_2010_sp3_ru11() {
    coexist(V::V2016, V::V2013, cu(9)).one("R-VER-COEXIST");
    coexist(V::V2016, V::V2013, cu(10)).quiet("R-VER-COEXIST");
    coexist(V::V2016, V::V2010, sp_ru(3, 10)).one("R-VER-COEXIST");
    coexist(V::V2016, V::V2010, sp_ru(3, 11)).quiet("R-VER-COEXIST");
}

#[test]
fn exchange_2013_needs_2010_sp3() {
    coexist(V::V2013, V::V2010, sp_ru(2, 30)).one("R-VER-COEXIST");
    coexist(V::V2013, V::V2010, sp_ru(3, 0)).quiet("R-VER-COEXIST");
}

#[test]
fn missing_build_counts_as_current() {
    coexist(V::V2016, V::V2013, None).quiet("R-VER-COEXIST");
    coexist(V::V2016, V::V2010, None).quiet("R-VER-COEXIST");
    coexist(V::V2019, V::V2016, None).quiet("R-VER-COEXIST");
}

#[test]
fn edge_servers_take_part_in_coexistence() {
    let plan = Plan::new()
        .draft()
        .server_with(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
            |n| {
                n.build = Some(sp_ru(3, 30));
            },
        )
        .edge("edge", V::V2019);
    assert_eq!(nodes(&plan.one("R-VER-COEXIST")), ["old"]);
}

#[test]
fn an_old_server_blocked_by_several_versions_is_reported_once() {
    let plan = Plan::new()
        .draft()
        .server("ex13", V::V2013, &[R::Mailbox, R::ClientAccess])
        .server("ex16", V::V2016, &[R::Mailbox])
        .server("ex16b", V::V2016, &[R::Mailbox])
        .server_with(
            "old",
            V::V2010,
            &[R::Mailbox, R::HubTransport, R::ClientAccess],
            |n| {
                n.build = Some(sp_ru(2, 0));
            },
        );
    let f = plan.one("R-VER-COEXIST");
    assert_eq!(nodes(&f), ["old"]);
    assert!(
        f.message.contains("2013") && f.message.contains("2016"),
        "{}",
        f.message
    );
}

// R-VER-CU-CURRENT

#[test]
fn older_cumulative_update_is_a_warning_for_servers_and_edge() {
    let plan = valid_plan()
        .edit_node("ex16-01", |n| n.update = Some(Update::Older))
        .edge("edge", V::V2016)
        .edit_node("edge", |n| n.update = Some(Update::Older))
        .edit_node("ex16-02", |n| n.update = Some(Update::Previous));
    let found = plan.of("R-VER-CU-CURRENT");
    assert_eq!(found.len(), 2);
    assert_warning(&found[0]);
    let mut subjects: Vec<&str> = found.iter().flat_map(nodes).collect();
    subjects.sort_unstable();
    assert_eq!(subjects, ["edge", "ex16-01"]);
}
