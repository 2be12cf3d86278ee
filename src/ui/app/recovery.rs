//! Crash recovery: a copy of unsaved work written every [`AUTOSAVE_SECS`] seconds, and the
//! offer to restore one that a crashed session left behind.

use super::{AUTOSAVE_SECS, DesignerApp, dialog_button};
use crate::file::recovery::{self, Recovery};
use egui::Context;
use std::path::PathBuf;

/// The recovery copies' state.
pub(super) struct RecoveryKeeper {
    /// Where copies go; `None` turns autosave off (tests).
    dir: Option<PathBuf>,
    /// When the last copy was written (egui time, seconds).
    last: Option<f64>,
    /// The history generation the last copy holds.
    generation: Option<u64>,
    /// A copy found at start, offered to the user.
    offer: Option<Recovery>,
}

impl RecoveryKeeper {
    pub(super) fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            last: None,
            generation: None,
            offer: None,
        }
    }

    /// Looks for a copy left by a session that did not end cleanly.
    pub(super) fn look_for_offer(&mut self) {
        if let Some(dir) = &self.dir {
            self.offer = recovery::find_recovery_in(dir);
        }
    }

    pub(super) fn has_offer(&self) -> bool {
        self.offer.is_some()
    }
}

impl DesignerApp {
    /// Writes a recovery copy when one is due and the plan has unsaved changes, and asks to
    /// be woken when the next one is due (no repaint loop while idle).
    pub(super) fn autosave(&mut self, ctx: &Context) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        if !self.is_dirty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let next_due = |last: Option<f64>| last.map_or(AUTOSAVE_SECS, |t| t + AUTOSAVE_SECS);
        let generation = self.session.history().generation();
        if now >= next_due(self.recovery.last) {
            if self.recovery.generation != Some(generation) {
                match recovery::write_recovery_in(&dir, self.session.doc(), self.session.path()) {
                    Ok(_) => self.recovery.generation = Some(generation),
                    Err(e) => self.problem(format!("Could not write a recovery copy: {e}")),
                }
            }
            self.recovery.last = Some(now);
        }
        let wait = (next_due(self.recovery.last) - now).max(1.0);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }

    /// Removes the recovery copy: the work it held is saved or deliberately dropped.
    pub(super) fn clear_recovery(&mut self) {
        // A copy still on offer is the user's to restore or discard, not ours to clear.
        if self.recovery.offer.is_some() {
            return;
        }
        if let Some(dir) = &self.recovery.dir {
            recovery::clear_recovery_in(dir);
        }
        self.recovery.generation = None;
    }

    /// "Restore unsaved work?" while a copy is on offer.
    pub(super) fn show_recovery_offer(&mut self, ctx: &Context) {
        let Some(offer) = &self.recovery.offer else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::new("recovery_offer")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "A recovery copy of “{}” ({}) was left by a session that did not end cleanly.",
                offer.document.display_title(),
                age(offer.saved_at)
            ));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if dialog_button(ui, "Restore").clicked() {
                    choice = Some(true);
                }
                if dialog_button(ui, "Discard").clicked() {
                    choice = Some(false);
                }
            });
        });
        let Some(restore) = choice else { return };
        let Some(offer) = self.recovery.offer.take() else {
            return;
        };
        offer.discard();
        if restore {
            self.replace_document(offer.document, offer.original);
            // A restored copy is unsaved work: mark it so.
            self.session.mark_unsaved();
            self.info("Restored the recovery copy");
        }
    }
}

/// How long ago a recovery copy was written, for people ("saved 5 minutes ago").
fn age(saved_at: std::time::SystemTime) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(saved_at)
        .map_or(0, |d| d.as_secs());
    match secs {
        0..60 => "saved less than a minute ago".to_owned(),
        60..120 => "saved a minute ago".to_owned(),
        120..7200 => format!("saved {} minutes ago", secs / 60),
        7200..172_800 => format!("saved {} hours ago", secs / 3600),
        _ => format!("saved {} days ago", secs / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn recovery_age_reads_like_a_person_would_say_it() {
        let ago = |secs| age(SystemTime::now() - Duration::from_secs(secs));
        assert_eq!(ago(5), "saved less than a minute ago");
        assert_eq!(ago(90), "saved a minute ago");
        assert_eq!(ago(25 * 60), "saved 25 minutes ago");
        assert_eq!(ago(5 * 3600), "saved 5 hours ago");
        assert_eq!(ago(3 * 86_400), "saved 3 days ago");
    }
}
