//! The banner above the canvas that explains why a file could not be opened.

use super::super::command::{AppCommand, Continuation};
use egui::Ui;
use std::path::{Path, PathBuf};

/// Why the last file could not be opened, above the canvas until dismissed.
#[derive(Debug, Clone)]
pub(super) struct Banner {
    /// The sentence naming the file and the problem.
    text: String,
    /// The file, when it was refused only for repeated link ids and a renumbered copy can
    /// be opened instead.
    renumber: Option<PathBuf>,
}

impl Banner {
    /// The banner for a file that could not be opened.
    pub(super) fn open_failed(path: &Path, error: &crate::file::LoadError) -> Self {
        // Load errors name the file themselves; name it here only if one does not.
        let reason = error.to_string();
        let shown = path.display().to_string();
        let text = if reason.contains(&shown) {
            format!("Could not open {reason}")
        } else {
            format!("Could not open {shown}: {reason}")
        };
        Self {
            text,
            renumber: error.is_duplicate_link_id().then(|| path.to_path_buf()),
        }
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// Draws the banner across the top of the canvas.
    pub(super) fn ui(&self, ui: &mut Ui, out: &mut Vec<AppCommand>) {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(&self.text).color(ui.visuals().error_fg_color));
                    if let Some(path) = &self.renumber
                        && ui
                            .button("Open a copy with new link ids")
                            .on_hover_text(
                                "The file stays as it is. In a copy, every link that repeats an \
                                 earlier link's id gets a fresh one (l8 becomes l8-2); save the \
                                 copy under a new name.",
                            )
                            .clicked()
                    {
                        out.push(AppCommand::Request(Continuation::OpenRenumbered(
                            path.clone(),
                        )));
                    }
                    if ui.button("Dismiss").clicked() {
                        out.push(AppCommand::DismissBanner);
                    }
                });
            });
    }
}
