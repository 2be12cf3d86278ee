//! The dedicated hybrid app, product lifecycle, Hybrid Modern Authentication and public
//! folders (docs/rules.md, version 2): dates are judged as of the plan's evaluation date,
//! both ends of every window included.

use crate::support::{L, Plan, R, V, assert_error, assert_info, assert_warning, nodes, v2_plan};
use hybrid_designer::model::{
    Build, Date, Feature, Mode, NodeKind, PublicFolders, Update, Version,
};
use hybrid_designer::rules::{Severity, validate, validate_as_of};

fn app_off(date: &str) -> Plan {
    v2_plan()
        .judged_on(date)
        .edit_node("exo", |x| x.dedicated_hybrid_app = Some(false))
}

// R-APP-DEDICATED

#[test]
fn the_dedicated_app_stated_off_is_an_error_from_the_block_and_a_warning_the_day_before() {
    let f = app_off("2025-10-31").one("R-APP-DEDICATED");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    assert_warning(&app_off("2025-10-30").one("R-APP-DEDICATED"));
}

#[test]
fn the_dedicated_app_not_stated_is_always_a_warning() {
    let plan = v2_plan()
        .judged_on("2027-01-01")
        .edit_node("exo", |x| x.dedicated_hybrid_app = None);
    let f = plan.one("R-APP-DEDICATED");
    assert_warning(&f);
    assert!(f.message.contains("Contoso tenant"), "{}", f.message);
}

#[test]
fn the_dedicated_app_is_not_asked_for_before_its_announcement() {
    app_off("2025-04-17").quiet("R-APP-DEDICATED");
    assert_warning(&app_off("2025-04-18").one("R-APP-DEDICATED"));
}

#[test]
fn the_dedicated_app_matters_only_for_rich_coexistence_in_a_full_hybrid() {
    app_off("2026-01-15")
        .features(&[
            Feature::SecureMail,
            Feature::MoveMailbox,
            Feature::MessageTracking,
        ])
        .quiet("R-APP-DEDICATED");
    app_off("2026-01-15")
        .features(&[Feature::Photos])
        .one("R-APP-DEDICATED");
    app_off("2026-01-15")
        .mode(Mode::Minimal)
        .quiet("R-APP-DEDICATED");
    v2_plan().quiet("R-APP-DEDICATED");
}

#[test]
fn an_app_stated_off_and_one_not_stated_are_one_finding_per_severity() {
    let mut second = hybrid_designer::model::Node::new("exo2", NodeKind::ExchangeOnline, "Second");
    second.tenant = Some("second".into());
    let plan = app_off("2026-01-15").node(second);
    let found = plan.of("R-APP-DEDICATED");
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].severity, nodes(&found[0])),
        (Severity::Error, vec!["exo"])
    );
    assert_eq!(
        (found[1].severity, nodes(&found[1])),
        (Severity::Warning, vec!["exo2"])
    );
}

// R-APP-BUILD

fn with_server(
    date: &str,
    version: Version,
    edit: impl FnOnce(&mut hybrid_designer::model::Node),
) -> Plan {
    v2_plan()
        .judged_on(date)
        .server_with("old", version, &[R::Mailbox], edit)
}

#[test]
fn builds_below_the_april_2025_hotfix_cannot_use_the_dedicated_app() {
    for (version, cu) in [(Version::V2016, 22), (Version::V2019, 13)] {
        let f = with_server("2026-01-15", version, |n| n.build = Some(Build::Cu { cu }))
            .one("R-APP-BUILD");
        assert_error(&f);
        assert_eq!(nodes(&f), ["old"]);
        assert!(f.message.contains(&format!("CU{cu}")), "{}", f.message);
    }
    for (version, cu) in [(Version::V2016, 23), (Version::V2019, 14)] {
        with_server("2026-01-15", version, |n| n.build = Some(Build::Cu { cu }))
            .quiet("R-APP-BUILD");
    }
}

#[test]
fn an_older_update_or_an_update_month_before_april_2025_cannot_either() {
    with_server("2026-01-15", Version::V2019, |n| {
        n.update = Some(Update::Older);
    })
    .one("R-APP-BUILD");
    with_server("2026-01-15", Version::V2019, |n| {
        n.update_month = Some("2025-03".into());
    })
    .one("R-APP-BUILD");
    with_server("2026-01-15", Version::V2019, |n| {
        n.update_month = Some("2025-04".into());
    })
    .quiet("R-APP-BUILD");
    with_server("2026-01-15", Version::V2016, |_| {}).quiet("R-APP-BUILD");
}

#[test]
fn exchange_2013_and_2010_never_can_and_se_always_can() {
    with_server("2026-01-15", Version::V2013, |n| {
        n.roles = Some(vec![R::Mailbox, R::ClientAccess]);
    })
    .one("R-APP-BUILD");
    with_server("2026-01-15", Version::Se, |n| {
        n.update_month = Some("2020-01".into());
    })
    .quiet("R-APP-BUILD");
}

#[test]
fn the_build_rule_is_a_warning_until_the_block_and_quiet_before_the_announcement() {
    let old = |date| {
        with_server(date, Version::V2016, |n| {
            n.build = Some(Build::Cu { cu: 20 });
        })
    };
    assert_warning(&old("2025-10-30").one("R-APP-BUILD"));
    assert_error(&old("2025-10-31").one("R-APP-BUILD"));
    assert_warning(&old("2025-04-18").one("R-APP-BUILD"));
    old("2025-04-17").quiet("R-APP-BUILD");
}

#[test]
fn edge_servers_are_left_out_of_the_build_rule() {
    let plan = v2_plan().edge("edge", V::V2016).edit_node("edge", |n| {
        n.build = Some(Build::Cu { cu: 20 });
    });
    plan.quiet("R-APP-BUILD");
}

// R-VER-EOL

fn one_2016(date: &str) -> Plan {
    v2_plan()
        .judged_on(date)
        .server("ex16", V::V2016, &[R::Mailbox])
}

#[test]
fn end_of_support_is_info_through_the_last_day_and_a_warning_the_day_after() {
    let f = one_2016("2025-10-14").one("R-VER-EOL");
    assert_info(&f);
    assert_eq!(nodes(&f), ["ex16"]);
    assert!(
        f.message.contains("2025-10-14") && f.message.contains("today"),
        "{}",
        f.message
    );
    let f = one_2016("2025-10-15").one("R-VER-EOL");
    assert_warning(&f);
    assert!(f.message.contains("EX16"), "{}", f.message);
}

#[test]
fn the_notice_starts_365_days_before_the_end_of_support() {
    assert_info(&one_2016("2024-10-14").one("R-VER-EOL"));
    one_2016("2024-10-13").quiet("R-VER-EOL");
}

#[test]
fn exchange_server_se_has_no_end_of_support() {
    v2_plan().judged_on("2040-01-01").quiet("R-VER-EOL");
}

#[test]
fn old_servers_and_edge_servers_past_and_near_the_end_are_one_finding_per_severity() {
    let plan = v2_plan()
        .judged_on("2025-06-01")
        .server("ex10", V::V2010, &[R::HubTransport])
        .edge("edge19", V::V2019);
    let found = plan.of("R-VER-EOL");
    assert_eq!(found.len(), 2);
    assert_warning(&found[0]);
    assert_eq!(nodes(&found[0]), ["ex10"]);
    assert_info(&found[1]);
    assert_eq!(nodes(&found[1]), ["edge19"]);
}

#[test]
fn end_of_support_is_reported_in_draft_mode_too() {
    one_2016("2026-01-15").mode(Mode::Draft).one("R-VER-EOL");
}

// R-HMA-PREREQ

fn hma() -> Plan {
    v2_plan().features(&[
        Feature::FreeBusy,
        Feature::MailTips,
        Feature::SecureMail,
        Feature::MoveMailbox,
        Feature::HybridModernAuth,
    ])
}

#[test]
fn the_v2_plan_meets_the_prerequisites_of_hybrid_modern_authentication() {
    hma().quiet("R-HMA-PREREQ");
}

#[test]
fn exchange_2010_blocks_hybrid_modern_authentication() {
    let f = hma()
        .server("ex10", V::V2010, &[R::Mailbox])
        .one("R-HMA-PREREQ");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex10"]);
    let plan = hma().edge("edge10", V::V2010);
    assert_eq!(nodes(&plan.one("R-HMA-PREREQ")), ["edge10"]);
}

#[test]
fn builds_below_the_minimum_cumulative_update_block_it() {
    for (version, below, minimum) in [
        (Version::V2013, 18, 19),
        (Version::V2016, 7, 8),
        (Version::V2019, 0, 1),
    ] {
        let roles = if version == Version::V2013 {
            vec![R::Mailbox, R::ClientAccess]
        } else {
            vec![R::Mailbox]
        };
        let with = |cu| {
            hma().server_with("old", version, &roles, move |n| {
                n.build = Some(Build::Cu { cu });
            })
        };
        let found = with(below).of("R-HMA-PREREQ");
        assert!(
            found.iter().any(|f| nodes(f) == ["old"]),
            "{version:?} CU{below}: {found:#?}"
        );
        assert!(
            !with(minimum)
                .of("R-HMA-PREREQ")
                .iter()
                .any(|f| nodes(f) == ["old"]),
            "{version:?} CU{minimum}"
        );
    }
}

#[test]
fn oauth_not_configured_blocks_it_and_names_exchange_online() {
    let f = hma()
        .edit_link("oauth", |l| {
            l.direction = Some(hybrid_designer::model::Direction::ToOnline);
        })
        .one("R-HMA-PREREQ");
    assert_eq!(nodes(&f), ["exo"]);
    assert!(f.message.contains("OAuth"), "{}", f.message);
}

#[test]
fn tls_offloaded_on_the_way_to_a_server_blocks_it() {
    let f = hma()
        .edit_node("lb", |n| n.ssl_offload = Some(true))
        .one("R-HMA-PREREQ");
    assert_eq!(nodes(&f), ["lb"]);
    // Through another load balancer too.
    let plan = hma()
        .lb("front")
        .edit_node("front", |n| n.ssl_offload = Some(true))
        .link("f1", L::RoutesTo, "front", "lb");
    assert_eq!(nodes(&plan.one("R-HMA-PREREQ")), ["front"]);
    // Re-encrypting is fine, and so is offloading in front of Edge only.
    hma()
        .edit_node("lb", |n| n.ssl_offload = Some(false))
        .quiet("R-HMA-PREREQ");
    let plan = hma()
        .edge("edge", V::Se)
        .lb("smtp")
        .edit_node("smtp", |n| n.ssl_offload = Some(true))
        .link("s1", L::RoutesTo, "smtp", "edge");
    plan.quiet("R-HMA-PREREQ");
}

#[test]
fn prerequisites_are_not_checked_unless_hybrid_modern_authentication_is_wanted() {
    v2_plan()
        .server("ex10", V::V2010, &[R::Mailbox])
        .quiet("R-HMA-PREREQ");
    hma()
        .mode(Mode::Draft)
        .server("ex10", V::V2010, &[R::Mailbox])
        .quiet("R-HMA-PREREQ");
}

// R-PF-LEGACY-ONLINE

fn folders(plan: Plan, at: PublicFolders) -> Plan {
    let mut plan = plan;
    plan.doc.hybrid.public_folders = Some(at);
    plan
}

#[test]
fn public_folders_online_with_exchange_2010_mailboxes_are_an_error() {
    let plan = folders(
        v2_plan().server("ex10", V::V2010, &[R::Mailbox, R::HubTransport]),
        PublicFolders::Online,
    );
    let f = plan.one("R-PF-LEGACY-ONLINE");
    assert_error(&f);
    assert_eq!(nodes(&f), ["ex10"]);
    assert!(f.message.contains("EX10"), "{}", f.message);
}

#[test]
fn public_folders_on_premises_or_2010_without_mailboxes_are_fine() {
    folders(
        v2_plan().server("ex10", V::V2010, &[R::Mailbox]),
        PublicFolders::OnPremises,
    )
    .quiet("R-PF-LEGACY-ONLINE");
    v2_plan()
        .server("ex10", V::V2010, &[R::Mailbox])
        .quiet("R-PF-LEGACY-ONLINE");
    folders(
        v2_plan().server("ex10", V::V2010, &[R::HubTransport, R::ClientAccess]),
        PublicFolders::Online,
    )
    .quiet("R-PF-LEGACY-ONLINE");
    folders(
        v2_plan().server("ex10", V::V2010, &[R::Mailbox]),
        PublicFolders::Online,
    )
    .mode(Mode::Draft)
    .quiet("R-PF-LEGACY-ONLINE");
}

// Judging as of another day

#[test]
fn validate_as_of_overrides_the_plans_evaluation_date() {
    let plan = one_2016("2024-01-01");
    assert!(plan.of("R-VER-EOL").is_empty());
    let later = validate_as_of(&plan.doc, Date::parse("2026-01-01").expect("date"));
    assert!(later.iter().any(|f| f.rule == "R-VER-EOL"));
    assert_eq!(
        validate(&plan.doc),
        validate_as_of(&plan.doc, Date::parse("2024-01-01").expect("date")),
        "validate judges as of the plan's own date"
    );
}
