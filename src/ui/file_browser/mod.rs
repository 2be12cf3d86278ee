//! The in-app file dialog, used where no native one can be shown.
//!
//! Native dialogs need an XDG desktop portal or `zenity` on Linux; without either, rfd answers
//! "cancelled" at once and Open or Save As would silently do nothing. This dialog is drawn by
//! egui itself: a path field, the folder's entries (folders first, then the files of the
//! wanted kind), a button to go up one level; Enter accepts, Esc cancels.

mod listing;

pub use listing::{Decision, Entry, decide, list_dir, resolve};

use super::dialogs::{Dialogs, Filter, Mode, Pending, file_name};
use crate::export::ExportFormat;
use egui::{Context, Key};
use listing::home;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// The characters of `typed` after its last `/` (the file name), as a char range.
fn name_range(typed: &str) -> (usize, usize) {
    let end = typed.chars().count();
    let start = typed.rfind('/').map_or(0, |i| typed[..=i].chars().count());
    (start, end)
}

/// One open in-app dialog.
struct Browser {
    mode: Mode,
    title: String,
    filter: Filter,
    dir: PathBuf,
    /// The path field.
    typed: String,
    entries: Vec<Entry>,
    /// Why the folder could not be read or the path not accepted.
    problem: Option<String>,
    /// Focus the path field on the first frame.
    focus: bool,
    /// An existing file the user was warned about; accepting it again replaces it.
    replace: Option<PathBuf>,
    answer: Sender<Option<PathBuf>>,
}

impl Browser {
    fn new(
        mode: Mode,
        title: String,
        filter: Filter,
        dir: Option<&Path>,
        file_name: Option<&str>,
        answer: Sender<Option<PathBuf>>,
    ) -> Self {
        let dir = dir
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut browser = Self {
            mode,
            title,
            filter,
            dir: dir.clone(),
            typed: String::new(),
            entries: Vec::new(),
            problem: None,
            focus: true,
            replace: None,
            answer,
        };
        browser.enter(dir, file_name.unwrap_or(""));
        browser
    }

    /// Shows `dir`, keeping `name` in the path field.
    fn enter(&mut self, dir: PathBuf, name: &str) {
        match list_dir(&dir, self.filter.extension) {
            Ok(entries) => {
                self.entries = entries;
                self.problem = None;
            }
            Err(e) => {
                self.entries.clear();
                self.problem = Some(format!("Cannot read {}: {e}", dir.display()));
            }
        }
        self.typed = dir.join(name).display().to_string();
        if name.is_empty() && !self.typed.ends_with('/') {
            self.typed.push('/');
        }
        self.dir = dir;
        self.focus = true;
    }

    /// The path field. On the dialog's first frame (and after entering a folder) it takes the
    /// keyboard with the file name selected, as native dialogs do: typing replaces the name
    /// and keeps the folder.
    fn path_field(&mut self, ui: &mut egui::Ui) -> egui::Response {
        let mut output = egui::TextEdit::singleline(&mut self.typed)
            .desired_width(f32::INFINITY)
            .hint_text("A path, or a name in this folder")
            .show(ui);
        if std::mem::take(&mut self.focus) {
            output.response.request_focus();
            let (start, end) = name_range(&self.typed);
            output
                .state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(start),
                    egui::text::CCursor::new(end),
                )));
            output.state.store(ui.ctx(), output.response.id);
        }
        output.response.response
    }

    fn typed_name(&self) -> String {
        if self.typed.ends_with('/') {
            return String::new();
        }
        Path::new(&self.typed)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Tries to accept the path field; `true` once answered.
    fn accept(&mut self) -> bool {
        let path = resolve(&self.dir, &self.typed, home().as_deref());
        match decide(self.mode, &path) {
            Decision::Enter(dir) => {
                let name = if self.mode == Mode::Save {
                    self.typed_name()
                } else {
                    String::new()
                };
                self.enter(dir, &name);
                false
            }
            Decision::Accept(path) => {
                // A native save dialog asks before replacing a file; so does this one.
                if self.mode == Mode::Save && path.exists() && self.replace.as_ref() != Some(&path)
                {
                    self.problem = Some(format!(
                        "{} already exists; press Save again to replace it",
                        file_name(&path)
                    ));
                    self.replace = Some(path);
                    return false;
                }
                let _ = self.answer.send(Some(path));
                true
            }
            Decision::Refuse(reason) => {
                self.problem = Some(reason);
                false
            }
        }
    }

    /// Draws the dialog; `true` once the user has answered or cancelled.
    fn show(&mut self, ctx: &Context) -> bool {
        let mut done = false;
        let mut cancel = false;
        let mut go: Option<PathBuf> = None;
        let verb = match self.mode {
            Mode::Open => "Open",
            Mode::Save => "Save",
            Mode::Folder => "Import",
        };
        let modal = egui::Modal::new(egui::Id::new("in_app_file_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.title);
            if self.mode == Mode::Folder {
                ui.weak(
                    "Go into the folder Collect-HybridInventory.ps1 wrote and press Import \
                     (or choose one export file): every .xml file in it and below is read.",
                );
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let up = self.dir.parent().map(Path::to_path_buf);
                if ui
                    .add_enabled(up.is_some(), egui::Button::new("⬆ Up"))
                    .on_hover_text("The folder above")
                    .clicked()
                {
                    go = up;
                }
                ui.label(egui::RichText::new(self.dir.display().to_string()).strong());
            });
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .min_scrolled_height(300.0)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if self.entries.is_empty() {
                            ui.weak(format!("No folders or {} files here", self.filter.name));
                        }
                        let chosen = self.typed_name();
                        for entry in &self.entries {
                            let text = if entry.is_dir {
                                format!("🗀 {}/", entry.name)
                            } else {
                                format!("🗋 {}", entry.name)
                            };
                            let r =
                                ui.selectable_label(!entry.is_dir && entry.name == chosen, text);
                            if entry.is_dir && r.clicked() {
                                go = Some(self.dir.join(&entry.name));
                            } else if r.double_clicked() {
                                self.typed = self.dir.join(&entry.name).display().to_string();
                                done = true;
                            } else if r.clicked() {
                                self.typed = self.dir.join(&entry.name).display().to_string();
                            }
                        }
                    });
            });
            ui.add_space(4.0);
            let field = self.path_field(ui);
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                done = true;
            }
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .add(egui::Button::new(verb).min_size(egui::vec2(96.0, 26.0)))
                    .clicked()
                {
                    done = true;
                }
                if ui
                    .add(egui::Button::new("Cancel").min_size(egui::vec2(96.0, 26.0)))
                    .clicked()
                {
                    cancel = true;
                }
            });
        });
        if let Some(dir) = go {
            let name = if self.mode == Mode::Save {
                self.typed_name()
            } else {
                String::new()
            };
            self.enter(dir, &name);
            return false;
        }
        if cancel || (!done && modal.should_close()) {
            let _ = self.answer.send(None);
            return true;
        }
        done && self.accept()
    }
}

/// File dialogs drawn inside the window, one at a time.
#[derive(Default)]
pub struct InAppDialogs {
    open: Option<Browser>,
}

impl InAppDialogs {
    /// No dialog open yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens a dialog that answers through `answer`. An older dialog still open is cancelled.
    pub(crate) fn ask(
        &mut self,
        mode: Mode,
        filter: Filter,
        dir: Option<&Path>,
        file_name: Option<&str>,
        answer: Sender<Option<PathBuf>>,
    ) {
        let title = match (mode, filter == Filter::TOPOLOGY) {
            (Mode::Open, _) => "Open plan".to_owned(),
            (Mode::Folder, _) => "Import organization: the inventory folder or file".to_owned(),
            (Mode::Save, true) => "Save plan as".to_owned(),
            (Mode::Save, false) if filter == Filter::POWERSHELL => {
                "Save PowerShell script".to_owned()
            }
            (Mode::Save, false) => format!("Export as {}", filter.name),
        };
        self.open = Some(Browser::new(mode, title, filter, dir, file_name, answer));
    }

    fn pending(
        &mut self,
        mode: Mode,
        filter: Filter,
        dir: Option<&Path>,
        name: Option<&str>,
    ) -> Pending {
        let (tx, pending) = Pending::channel();
        self.ask(mode, filter, dir, name, tx);
        pending
    }
}

impl Dialogs for InAppDialogs {
    fn pick_open(&mut self, dir: Option<&Path>) -> Pending {
        self.pending(Mode::Open, Filter::TOPOLOGY, dir, None)
    }

    fn pick_save(&mut self, dir: Option<&Path>, file_name: &str) -> Pending {
        self.pending(Mode::Save, Filter::TOPOLOGY, dir, Some(file_name))
    }

    fn pick_save_file(&mut self, dir: Option<&Path>, file_name: &str, filter: Filter) -> Pending {
        self.pending(Mode::Save, filter, dir, Some(file_name))
    }

    fn pick_folder(&mut self, dir: Option<&Path>) -> Pending {
        self.pending(Mode::Folder, Filter::CLIXML, dir, None)
    }

    fn pick_export(
        &mut self,
        dir: Option<&Path>,
        file_name: &str,
        format: ExportFormat,
    ) -> Pending {
        self.pending(Mode::Save, Filter::export(format), dir, Some(file_name))
    }

    fn show(&mut self, ctx: &Context) {
        if let Some(browser) = &mut self.open
            && browser.show(ctx)
        {
            self.open = None;
        }
    }

    fn is_showing(&self) -> bool {
        self.open.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::listing::tests::{names, tree};
    use super::*;

    #[test]
    fn the_selected_part_of_the_path_is_the_file_name() {
        assert_eq!(name_range("/home/ann/plan.png"), (10, 18));
        assert_eq!(name_range("/home/ann/"), (10, 10));
        assert_eq!(name_range("plan.png"), (0, 8));
        assert_eq!(
            name_range("/home/änn/plan.png"),
            (10, 18),
            "counted in characters"
        );
    }

    #[test]
    fn saving_over_an_existing_file_asks_once_first() {
        let dir = tree();
        let (tx, rx) = std::sync::mpsc::channel();
        let mut browser = Browser::new(
            Mode::Save,
            "Save plan as".to_owned(),
            Filter::TOPOLOGY,
            Some(dir.path()),
            Some("b.hybrid.json"),
            tx,
        );
        assert!(!browser.accept(), "the first try only warns");
        assert!(
            browser
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("already exists"))
        );
        assert!(rx.try_recv().is_err());
        assert!(browser.accept(), "the second try replaces");
        assert_eq!(
            rx.try_recv().expect("answered"),
            Some(dir.path().join("b.hybrid.json"))
        );
    }

    #[test]
    fn a_new_save_dialog_starts_in_the_folder_with_the_name_filled_in() {
        let dir = tree();
        let (tx, _rx) = std::sync::mpsc::channel();
        let browser = Browser::new(
            Mode::Save,
            "Export as PNG image".to_owned(),
            Filter::export(ExportFormat::Png),
            Some(dir.path()),
            Some("plan.png"),
            tx,
        );
        assert_eq!(
            browser.typed,
            dir.path().join("plan.png").display().to_string()
        );
        assert_eq!(names(&browser.entries), ["Alpha", "zeta", "c.png"]);
    }
}
