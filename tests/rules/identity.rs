//! Identity and modern hybrid (docs/rules.md, "Identity and modern hybrid").

use crate::support::{L, Plan, assert_error, assert_info, assert_warning, nodes, valid_plan};
use hybrid_designer::model::{Feature, Mode, SyncTool};

fn modern_plan() -> Plan {
    valid_plan()
        .modern()
        .features(&[Feature::FreeBusy, Feature::MoveMailbox, Feature::SecureMail])
        .agent("agent1")
        .agent("agent2")
        .link("reg1", L::AgentRegistration, "agent1", "lb")
        .link("reg2", L::AgentRegistration, "agent2", "lb")
}

// R-ID-DIRSYNC

#[test]
fn hybrid_needs_directory_synchronization() {
    let f = valid_plan().without_link("dirsync").one("R-ID-DIRSYNC");
    assert_error(&f);
    assert_eq!(nodes(&f), ["exo"]);
    valid_plan()
        .without_link("dirsync")
        .mode(Mode::Minimal)
        .one("R-ID-DIRSYNC");
    valid_plan()
        .without_link("dirsync")
        .draft()
        .quiet("R-ID-DIRSYNC");
}

#[test]
fn directory_sync_is_not_asked_for_before_exchange_online_exists() {
    Plan::new().quiet("R-ID-DIRSYNC");
    Plan::new().one("R-EXO-MISSING");
}

// R-ID-CLOUD-SYNC

#[test]
fn cloud_sync_only_is_a_warning() {
    let plan = valid_plan().edit_node("sync", |n| n.tool = Some(SyncTool::CloudSync));
    let f = plan.one("R-ID-CLOUD-SYNC");
    assert_warning(&f);
    assert_eq!(nodes(&f), ["sync"]);
    plan.draft().quiet("R-ID-CLOUD-SYNC");
}

#[test]
fn cloud_sync_next_to_entra_connect_is_fine() {
    valid_plan()
        .sync("cloud", SyncTool::CloudSync)
        .link("d2", L::DirectorySync, "cloud", "exo")
        .quiet("R-ID-CLOUD-SYNC");
}

// R-AGENT-MISSING

#[test]
fn modern_hybrid_needs_a_registered_hybrid_agent() {
    let f = valid_plan().modern().one("R-AGENT-MISSING");
    assert_error(&f);
    assert!(f.nodes.is_empty());
    valid_plan().modern().agent("lonely").one("R-AGENT-MISSING");
    modern_plan().quiet("R-AGENT-MISSING");
    valid_plan().quiet("R-AGENT-MISSING");
    valid_plan().modern().draft().quiet("R-AGENT-MISSING");
}

// R-AGENT-FEATURE-LIMITS

#[test]
fn modern_hybrid_does_not_support_message_tracking_search_or_modern_auth() {
    let f = valid_plan()
        .modern()
        .agent("a")
        .link("reg", L::AgentRegistration, "a", "lb")
        .one("R-AGENT-FEATURE-LIMITS");
    assert_warning(&f);
    assert!(f.message.contains("Message tracking"), "{}", f.message);
    modern_plan().quiet("R-AGENT-FEATURE-LIMITS");
    modern_plan()
        .features(&[Feature::HybridModernAuth])
        .one("R-AGENT-FEATURE-LIMITS");
    modern_plan()
        .features(&[Feature::MultiMailboxSearch])
        .one("R-AGENT-FEATURE-LIMITS");
    // Classic hybrid supports them.
    valid_plan()
        .features(&[Feature::HybridModernAuth])
        .quiet("R-AGENT-FEATURE-LIMITS");
}

// R-AGENT-REDUNDANCY

#[test]
fn a_single_hybrid_agent_should_get_a_second_one() {
    let plan = modern_plan().without_link("reg2").edit_node("agent2", |n| {
        n.kind = hybrid_designer::model::NodeKind::Note;
    });
    let f = plan.one("R-AGENT-REDUNDANCY");
    assert_info(&f);
    assert_eq!(nodes(&f), ["agent1"]);
    modern_plan().quiet("R-AGENT-REDUNDANCY");
}

#[test]
fn the_modern_plan_is_clean() {
    assert!(
        modern_plan().findings().is_empty(),
        "{:#?}",
        modern_plan().findings()
    );
}
