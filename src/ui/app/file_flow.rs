//! The file flow: New, Open, Save and Save As, the dialogs they ask, the question before
//! unsaved changes are discarded, dropped files, and closing the window.

use super::super::command::Continuation;
use super::super::dialogs::Pending;
use super::super::files::{self, Dialogs, RecentFiles};
use super::banner::Banner;
use super::{DesignerApp, dialog_button};
use crate::edit;
use crate::export::{ExportFormat, ExportOptions};
use crate::model::Document;
use egui::{Context, ViewportCommand};
use std::path::{Path, PathBuf};

/// What a file dialog's answer is for.
#[derive(Debug)]
pub(super) enum DialogPurpose {
    Open,
    Import,
    CollectScript,
    SaveAs {
        then: Option<Continuation>,
    },
    Export {
        format: ExportFormat,
        options: ExportOptions,
    },
}

/// The state of the file flow.
pub(super) struct FileFlow {
    pub(super) dialogs: Box<dyn Dialogs>,
    /// The dialog waiting for the user, one at a time.
    pending: Option<(DialogPurpose, Pending)>,
    /// A discarding action waiting for "Save / Don't save / Cancel".
    pub(super) confirm: Option<Continuation>,
    /// A save asked for while a text field had focus, run next frame (`true`: Save As).
    pub(super) deferred_save: Option<bool>,
    pub(super) recent: RecentFiles,
    /// The user agreed to close; the next close request is let through.
    pub(super) closing: bool,
    /// Ask the window to close at the end of this frame.
    pub(super) send_close: bool,
    /// What the last title sent to the window was made from (epoch, generation, dirty), so it
    /// is rebuilt and sent only on change; `None` after the file or title may have changed.
    pub(super) title_key: Option<(u64, u64, bool)>,
}

impl FileFlow {
    pub(super) fn new(dialogs: Box<dyn Dialogs>) -> Self {
        Self {
            dialogs,
            pending: None,
            confirm: None,
            deferred_save: None,
            recent: RecentFiles::default(),
            closing: false,
            send_close: false,
            title_key: None,
        }
    }
}

impl DesignerApp {
    /// Does `action` now, or first asks whether to save when there are unsaved changes.
    pub(super) fn request(&mut self, action: Continuation) {
        if self.is_dirty() {
            self.files.confirm = Some(action);
        } else {
            self.continue_with(action);
        }
    }

    fn continue_with(&mut self, action: Continuation) {
        match action {
            Continuation::New(template) => {
                let doc = match edit::templates()
                    .get(template.unwrap_or(0))
                    .map(edit::Template::document)
                {
                    Some(Ok(doc)) => doc,
                    Some(Err(e)) => {
                        self.problem(format!("The template could not be read: {e}"));
                        return;
                    }
                    None => Document::new("Untitled plan"),
                };
                self.replace_document(doc, None);
                self.info("New plan");
            }
            Continuation::OpenDialog => {
                if self.dialog_open() {
                    return;
                }
                let dir = self.document_dir();
                let pending = self.files.dialogs.pick_open(dir.as_deref());
                self.files.pending = Some((DialogPurpose::Open, pending));
            }
            Continuation::OpenPath(path) => self.open_path(&path),
            Continuation::OpenRenumbered(path) => self.open_renumbered(&path),
            Continuation::ImportDialog => {
                if self.dialog_open() {
                    return;
                }
                let dir = self.document_dir();
                let pending = self.files.dialogs.pick_folder(dir.as_deref());
                self.files.pending = Some((DialogPurpose::Import, pending));
            }
            Continuation::ImportPath(path) => self.start_import(path),
            Continuation::TakeImport => self.take_import(),
            Continuation::Quit => {
                self.clear_recovery();
                self.files.closing = true;
                self.files.send_close = true;
            }
        }
    }

    /// Opens a copy of a file refused only for repeated link ids, the repeats renumbered.
    /// The copy has no file (Save asks where) and counts as unsaved work.
    fn open_renumbered(&mut self, path: &Path) {
        /// How many renumbered ids the status bar names.
        const LISTED: usize = 3;
        match crate::file::load_renumbering_duplicate_links(path) {
            Ok((doc, renumbered)) => {
                self.replace_document(doc, None);
                self.session.mark_unsaved();
                self.banner = None;
                let mut list: Vec<String> = renumbered
                    .iter()
                    .take(LISTED)
                    .map(|r| format!("{} \u{2192} {}", r.old, r.new))
                    .collect();
                if renumbered.len() > LISTED {
                    list.push(format!("{} more", renumbered.len() - LISTED));
                }
                self.info(format!(
                    "Opened a copy of {} with new ids for repeated links ({}); save it under a new name",
                    path.display(),
                    list.join(", ")
                ));
            }
            Err(e) => self.open_failed(path, &e),
        }
    }

    /// Opens a file, or explains in the banner why it cannot, keeping the open document.
    pub(super) fn open_path(&mut self, path: &Path) {
        match crate::file::load(path) {
            Ok(doc) => {
                self.replace_document(doc, Some(path.to_path_buf()));
                self.files.recent.touch(path);
                self.banner = None;
                self.info(format!("Opened {}", path.display()));
            }
            Err(e) => self.open_failed(path, &e),
        }
    }

    /// Explains in the banner why `path` could not be opened; the open plan stays.
    fn open_failed(&mut self, path: &Path, error: &crate::file::LoadError) {
        self.banner = Some(Banner::open_failed(path, error));
        // A file that cannot be opened is no longer a useful shortcut.
        self.files.recent.remove(path);
        self.problem("The file could not be opened; the plan you had open is unchanged");
    }

    pub(super) fn replace_document(&mut self, doc: Document, path: Option<PathBuf>) {
        self.clear_recovery();
        self.session.replace(doc, path);
        self.selection.clear();
        self.highlight = None;
        self.link_tool = None;
        self.canvas.sync(self.session.doc());
        self.canvas.fit();
    }

    /// Saves to the current file, or asks where when there is none.
    pub(super) fn save(&mut self) {
        self.save_then(None);
    }

    fn save_then(&mut self, then: Option<Continuation>) {
        match self.session.path().map(Path::to_path_buf) {
            Some(path) => {
                if self.write_to(&path)
                    && let Some(next) = then
                {
                    self.continue_with(next);
                }
            }
            None => self.save_as(then),
        }
    }

    /// Asks where to save, then saves (and then does `then`).
    pub(super) fn save_as(&mut self, then: Option<Continuation>) {
        if self.dialog_open() {
            return;
        }
        let dir = self.document_dir();
        // The file's own name for a plan that has one; a name from the title otherwise.
        let name = self.session.path().and_then(Path::file_name).map_or_else(
            || files::suggested_file_name(self.session.doc().display_title()),
            |n| n.to_string_lossy().into_owned(),
        );
        let pending = self.files.dialogs.pick_save(dir.as_deref(), &name);
        self.files.pending = Some((DialogPurpose::SaveAs { then }, pending));
    }

    /// Asks where, then exports the plan in `format` with `options` in the background.
    pub(super) fn export(&mut self, format: ExportFormat, options: ExportOptions) {
        if self.dialog_open() {
            return;
        }
        let dir = self.document_dir();
        let doc = self.session.doc();
        let title = if options.selection.is_some() {
            format!("{} selection", doc.display_title())
        } else {
            doc.display_title().to_owned()
        };
        let name = files::suggested_export_name(&title, format);
        let pending = self
            .files
            .dialogs
            .pick_export(dir.as_deref(), &name, format);
        self.files.pending = Some((DialogPurpose::Export { format, options }, pending));
    }

    /// Asks where, then saves a copy of the collection script (Help → Collection script…).
    pub(super) fn save_collect_script(&mut self) {
        if self.dialog_open() {
            return;
        }
        let dir = self.document_dir();
        let pending = self.files.dialogs.pick_save_file(
            dir.as_deref(),
            super::import_job::COLLECT_SCRIPT_NAME,
            files::Filter::POWERSHELL,
        );
        self.files.pending = Some((DialogPurpose::CollectScript, pending));
    }

    /// The folder of the open file, where file dialogs start.
    fn document_dir(&self) -> Option<PathBuf> {
        self.session
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    /// Whether a file dialog is already waiting for the user (one at a time).
    fn dialog_open(&mut self) -> bool {
        if self.files.pending.is_some() {
            self.info("A file dialog is already open");
            return true;
        }
        false
    }

    fn write_to(&mut self, path: &Path) -> bool {
        match crate::file::save(path, self.session.doc()) {
            Ok(()) => {
                self.session.saved_as(path);
                self.files.title_key = None;
                self.files.recent.touch(path);
                self.clear_recovery();
                self.info(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.problem(format!("Could not save: {e}"));
                false
            }
        }
    }

    pub(super) fn poll_dialog(&mut self) {
        let Some((_, pending)) = &self.files.pending else {
            return;
        };
        let Some(answer) = pending.poll() else { return };
        let Some((purpose, _)) = self.files.pending.take() else {
            return;
        };
        let Some(path) = answer else { return };
        match purpose {
            DialogPurpose::Open => self.open_path(&path),
            DialogPurpose::Import => self.start_import(path),
            DialogPurpose::CollectScript => self.write_collect_script(path),
            DialogPurpose::Export { format, options } => self.start_export(path, format, options),
            DialogPurpose::SaveAs { then } => {
                let path = with_extension(path);
                if self.write_to(&path)
                    && let Some(next) = then
                {
                    self.continue_with(next);
                }
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &Context) {
        let dropped = ctx.input(|i| files::dropped_topology(&i.raw.dropped_files));
        if let Some(path) = dropped {
            self.request(Continuation::OpenPath(path));
        }
    }

    pub(super) fn handle_close(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.files.closing || !self.is_dirty() {
                self.clear_recovery();
            } else {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.files.confirm = Some(Continuation::Quit);
            }
        }
    }

    /// "Save the changes before …?" while a discarding action waits.
    pub(super) fn show_confirm(&mut self, ctx: &Context) {
        let Some(action) = self.files.confirm.clone() else {
            return;
        };
        let verb = match action {
            Continuation::New(_) => "starting a new plan",
            Continuation::OpenDialog
            | Continuation::OpenPath(_)
            | Continuation::OpenRenumbered(_) => "opening another plan",
            Continuation::ImportDialog | Continuation::ImportPath(_) => "importing an organization",
            Continuation::TakeImport => "opening the imported plan",
            Continuation::Quit => "closing",
        };
        let mut choice = None;
        let title = self.session.doc().display_title().to_owned();
        let modal = egui::Modal::new(egui::Id::new("confirm_discard")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!("Save the changes to “{title}” before {verb}?"));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if dialog_button(ui, "Save").clicked() {
                    choice = Some(0);
                }
                if dialog_button(ui, "Don't save").clicked() {
                    choice = Some(1);
                }
                if dialog_button(ui, "Cancel").clicked() {
                    choice = Some(2);
                }
            });
        });
        // Esc or a click outside the dialog means Cancel.
        if choice.is_none() && modal.should_close() {
            choice = Some(2);
        }
        match choice {
            Some(0) => {
                self.files.confirm = None;
                self.save_then(Some(action));
            }
            Some(1) => {
                self.files.confirm = None;
                // An import may still fail, and a failed import leaves the plan as it was,
                // unsaved changes included; a successful one replaces it anyway.
                if !matches!(
                    action,
                    Continuation::ImportDialog | Continuation::ImportPath(_)
                ) {
                    self.session.discard_changes_mark();
                }
                self.continue_with(action);
            }
            Some(_) => {
                if action == Continuation::TakeImport {
                    self.drop_import();
                }
                self.files.confirm = None;
            }
            None => {}
        }
    }
}

/// Adds `.hybrid.json` when the user typed a bare name in Save As.
fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(files::EXTENSION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_as_adds_the_extension_to_a_bare_name() {
        assert_eq!(
            with_extension(PathBuf::from("/x/plan")),
            PathBuf::from("/x/plan.hybrid.json")
        );
        assert_eq!(
            with_extension(PathBuf::from("/x/plan.json")),
            PathBuf::from("/x/plan.json")
        );
    }
}
