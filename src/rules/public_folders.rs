//! Public folders (rules-v2): public folders in Exchange Online need every on-premises user
//! mailbox off Exchange 2010 ([pf-legacy]).

use super::context::Context;
use super::{Sink, names};
use crate::model::{Role, Version};

/// R-PF-LEGACY-ONLINE: the public folders are in Exchange Online and an Exchange 2010
/// server has the Mailbox role (on-premises 2010 user mailboxes).
pub(super) fn pf_legacy_online(cx: &Context, out: &mut Sink) {
    let legacy: Vec<usize> = cx
        .servers
        .iter()
        .copied()
        .filter(|&s| cx.is(s, Version::V2010, Role::Mailbox))
        .collect();
    if legacy.is_empty() {
        return;
    }
    let verb = if legacy.len() == 1 { "hosts" } else { "host" };
    out.report(
        format!(
            "{} {verb} Exchange 2010 mailboxes, which cannot use public folders in Exchange Online",
            names(cx, &legacy)
        ),
        &legacy,
        &[],
    );
}
