//! Identity and modern hybrid: directory synchronization and the Hybrid Agent
//! ([prereq], [agent]).

use super::context::Context;
use super::{Sink, names};
use crate::model::{Feature, LinkKind, SyncTool};

/// R-ID-DIRSYNC: there is no directory synchronization to Exchange Online.
pub(super) fn id_dirsync(cx: &Context, out: &mut Sink) {
    if cx.drawn(LinkKind::DirectorySync).is_empty() {
        out.report(
            "Nothing synchronizes the on-premises directory to Exchange Online".to_owned(),
            &cx.online,
            &[],
        );
    }
}

/// R-ID-CLOUD-SYNC: every directory sync link starts at an Entra Cloud Sync server.
pub(super) fn id_cloud_sync(cx: &Context, out: &mut Sink) {
    let links = cx.drawn(LinkKind::DirectorySync);
    let sources: Vec<usize> = links.iter().map(|&li| cx.from(li)).collect();
    if sources.is_empty()
        || sources
            .iter()
            .any(|&s| cx.node(s).tool() != SyncTool::CloudSync)
    {
        return;
    }
    out.report(
        format!(
            "Directory synchronization runs only on Entra Cloud Sync ({}); Exchange hybrid writeback depends on the agent version",
            names(cx, &sources)
        ),
        &sources,
        &[],
    );
}

/// R-AGENT-MISSING: modern hybrid and no Hybrid Agent registered to a server.
pub(super) fn agent_missing(cx: &Context, out: &mut Sink) {
    if cx.drawn(LinkKind::AgentRegistration).is_empty() {
        let message = if cx.agents.is_empty() {
            "Modern hybrid needs the Hybrid Agent, and the plan has none"
        } else {
            "Modern hybrid needs the Hybrid Agent registered to a server, and no agent is"
        };
        out.report(message.to_owned(), &[], &[]);
    }
}

/// R-AGENT-FEATURE-LIMITS: modern hybrid and features it does not support are wanted.
pub(super) fn agent_feature_limits(cx: &Context, out: &mut Sink) {
    let unsupported: Vec<&str> = [
        Feature::MessageTracking,
        Feature::MultiMailboxSearch,
        Feature::HybridModernAuth,
    ]
    .into_iter()
    .filter(|&f| cx.wants(f))
    .map(Feature::label)
    .collect();
    if !unsupported.is_empty() {
        out.report(
            format!(
                "Modern hybrid (Hybrid Agent) does not support {}",
                unsupported.join(", ")
            ),
            &[],
            &[],
        );
    }
}

/// R-AGENT-REDUNDANCY: modern hybrid with exactly one Hybrid Agent.
pub(super) fn agent_redundancy(cx: &Context, out: &mut Sink) {
    if let [agent] = cx.agents[..] {
        out.report(
            format!(
                "{} is the only Hybrid Agent; free/busy and moves stop when it does",
                cx.name(agent)
            ),
            &[agent],
            &[],
        );
    }
}
