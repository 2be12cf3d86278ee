//! Exports from the designer: the export window, File → Export selection, Copy diagram as
//! image, and the job that renders them in the background.

use super::super::dialogs::file_name;
use super::super::export_dialog::{self, DialogOutcome, ExportSettings, Job, JobOutcome};
use super::DesignerApp;
use crate::export::{ExportFormat, ExportOptions};
use crate::model::Document;
use egui::Context;
use std::path::PathBuf;

/// The export window's state and the job running in the background.
#[derive(Default)]
pub(super) struct Exporter {
    /// The export window's choices, kept between openings.
    settings: ExportSettings,
    /// The export window is open.
    open: bool,
    /// An export (or a copy to the clipboard) running in the background.
    job: Option<Job>,
}

impl Exporter {
    /// Opens the export window (File → Export…).
    pub(super) fn open(&mut self) {
        self.open = true;
    }

    pub(super) fn is_open(&self) -> bool {
        self.open
    }

    pub(super) fn is_running(&self) -> bool {
        self.job.is_some()
    }
}

impl DesignerApp {
    /// Asks where, then writes the selected nodes and the links between them as a new plan.
    pub(super) fn export_selection_as_plan(&mut self) {
        if self.selection.is_empty() {
            self.problem("Select the nodes to export as a new plan first");
            return;
        }
        let options = ExportOptions {
            selection: Some(self.selection.clone()),
            ..ExportOptions::default()
        };
        self.export(ExportFormat::Json, options);
    }

    /// Renders the plan as the PNG export would and puts it on the clipboard as an image.
    pub(super) fn copy_diagram_image(&mut self) {
        if cfg!(any(target_os = "android", target_os = "ios")) {
            self.problem("This platform cannot take images on the clipboard; use File → Export…");
            return;
        }
        self.start_job(Job::copy_image);
    }

    /// Writes the export the user chose a file for, in the background.
    pub(super) fn start_export(
        &mut self,
        path: PathBuf,
        format: ExportFormat,
        options: ExportOptions,
    ) {
        let (path, format) = export_dialog::export_target(path, format);
        self.start_job(|ctx, doc| Job::write(ctx, doc, format, options, path));
    }

    fn start_job(&mut self, job: impl FnOnce(&Context, Document) -> Job) {
        if let Some(running) = &self.exporter.job {
            let text = format!("{} (please wait)", running.what);
            self.info(text);
            return;
        }
        let job = job(&self.ctx, self.session.doc().clone());
        self.info(job.what.clone());
        self.exporter.job = Some(job);
    }

    pub(super) fn poll_job(&mut self, ctx: &Context) {
        let Some(outcome) = self.exporter.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.exporter.job = None;
        match outcome {
            JobOutcome::Written { path, bytes } => self.info(format!(
                "Exported {} ({})",
                file_name(&path),
                export_dialog::human_size(bytes)
            )),
            JobOutcome::Image(image) => {
                let [w, h] = image.size;
                ctx.copy_image(image);
                self.info(format!(
                    "Copied the diagram to the clipboard as a {w}×{h} image"
                ));
            }
            JobOutcome::Failed(reason) => self.problem(format!("Could not export: {reason}")),
        }
    }

    pub(super) fn show_export_dialog(&mut self, ctx: &Context) {
        if !self.exporter.open {
            return;
        }
        let selected = self.selection.nodes.len() + self.selection.links.len();
        match export_dialog::show(ctx, &mut self.exporter.settings, selected) {
            DialogOutcome::Open => {}
            DialogOutcome::Cancel => self.exporter.open = false,
            DialogOutcome::Export => {
                self.exporter.open = false;
                let options = self.exporter.settings.options(&self.selection);
                self.export(self.exporter.settings.format, options);
            }
        }
    }
}
