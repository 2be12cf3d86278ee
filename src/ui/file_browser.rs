//! The in-app file dialog, used where no native one can be shown.
//!
//! Native dialogs need an XDG desktop portal or `zenity` on Linux; without either, rfd answers
//! "cancelled" at once and Open or Save As would silently do nothing. This dialog is drawn by
//! egui itself: a path field, the folder's entries (folders first, then the files of the
//! wanted kind), a button to go up one level; Enter accepts, Esc cancels.

use super::files::{Dialogs, Filter, Pending};
use crate::export::ExportFormat;
use egui::{Context, Key};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// One entry of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file or folder name.
    pub name: String,
    /// Whether it is a folder.
    pub is_dir: bool,
}

/// Whether a file name has the extension `ext` (without the dot; case-insensitive).
#[must_use]
pub fn matches_filter(name: &str, ext: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.len() > ext.len() + 1 && name.ends_with(&format!(".{}", ext.to_ascii_lowercase()))
}

/// The entries of `dir` worth showing: its folders, then its files with extension `ext`, each
/// group sorted by name ignoring case; hidden entries (a leading dot) are left out.
pub fn list_dir(dir: &Path, ext: &str) -> std::io::Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            // Follow symbolic links, so a linked folder opens like a folder.
            let is_dir = e.path().is_dir();
            (is_dir || matches_filter(&name, ext)).then_some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// The path the user means by `typed` while looking at `dir`: absolute paths as they are,
/// `~/…` in the home folder, anything else inside `dir`.
#[must_use]
pub fn resolve(dir: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let typed = typed.trim();
    if typed.is_empty() {
        return dir.to_path_buf();
    }
    if let (Some(rest), Some(home)) = (typed.strip_prefix('~'), home)
        && (rest.is_empty() || rest.starts_with('/'))
    {
        return home.join(rest.trim_start_matches('/'));
    }
    let path = Path::new(typed);
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    }
}

/// Whether the dialog picks a file to read or a place to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An existing file.
    Open,
    /// A new or existing file in an existing folder.
    Save,
}

/// What accepting a path leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// It is a folder: show it.
    Enter(PathBuf),
    /// The answer.
    Accept(PathBuf),
    /// Not acceptable, and why.
    Refuse(String),
}

/// What accepting `path` means in `mode`.
#[must_use]
pub fn decide(mode: Mode, path: &Path) -> Decision {
    if path.is_dir() {
        return Decision::Enter(path.to_path_buf());
    }
    match mode {
        Mode::Open if path.is_file() => Decision::Accept(path.to_path_buf()),
        Mode::Open => Decision::Refuse(format!("There is no file {}", path.display())),
        Mode::Save => match path.parent() {
            Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => {
                Decision::Accept(path.to_path_buf())
            }
            Some(parent) => Decision::Refuse(format!(
                "There is no folder {}; choose one that exists",
                parent.display()
            )),
            None => Decision::Refuse("Type a file name".to_owned()),
        },
    }
}

/// The user's home folder, for `~`.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
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
                        super::export_dialog::file_name(&path)
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
        };
        let modal = egui::Modal::new(egui::Id::new("in_app_file_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.title);
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
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.typed)
                    .desired_width(f32::INFINITY)
                    .hint_text("A path, or a name in this folder"),
            );
            if std::mem::take(&mut self.focus) {
                field.request_focus();
            }
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
            (Mode::Save, true) => "Save plan as".to_owned(),
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
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "b.hybrid.json",
            "A.HYBRID.JSON",
            "notes.txt",
            ".hidden.json",
            "c.png",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        for name in ["zeta", "Alpha", ".git"] {
            std::fs::create_dir(dir.path().join(name)).expect("mkdir");
        }
        dir
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn listing_puts_folders_first_then_matching_files_by_name() {
        let dir = tree();
        let entries = list_dir(dir.path(), "json").expect("listing");
        assert_eq!(
            names(&entries),
            ["Alpha", "zeta", "A.HYBRID.JSON", "b.hybrid.json"]
        );
        assert!(entries[0].is_dir && !entries[2].is_dir);
    }

    #[test]
    fn listing_for_an_export_shows_that_formats_files() {
        let dir = tree();
        let entries = list_dir(dir.path(), "png").expect("listing");
        assert_eq!(names(&entries), ["Alpha", "zeta", "c.png"]);
    }

    #[test]
    fn a_folder_that_cannot_be_read_is_an_error_not_an_empty_list() {
        assert!(list_dir(Path::new("/no/such/folder/here"), "json").is_err());
    }

    #[test]
    fn the_filter_wants_a_name_before_the_extension() {
        assert!(matches_filter("plan.hybrid.json", "json"));
        assert!(matches_filter("PLAN.PNG", "png"));
        assert!(!matches_filter(".json", "json"));
        assert!(!matches_filter("json", "json"));
        assert!(!matches_filter("plan.jsonx", "json"));
    }

    #[test]
    fn typed_paths_are_joined_to_the_folder_unless_absolute_or_home() {
        let dir = Path::new("/work/plans");
        let home = Some(Path::new("/home/me"));
        assert_eq!(
            resolve(dir, "a.hybrid.json", home),
            PathBuf::from("/work/plans/a.hybrid.json")
        );
        assert_eq!(
            resolve(dir, " /tmp/x.png ", home),
            PathBuf::from("/tmp/x.png")
        );
        assert_eq!(
            resolve(dir, "~/x.png", home),
            PathBuf::from("/home/me/x.png")
        );
        assert_eq!(resolve(dir, "~", home), PathBuf::from("/home/me"));
        assert_eq!(resolve(dir, "", home), PathBuf::from("/work/plans"));
        assert_eq!(
            resolve(dir, "sub/y.md", None),
            PathBuf::from("/work/plans/sub/y.md")
        );
    }

    #[test]
    fn accepting_a_folder_enters_it_and_open_needs_an_existing_file() {
        let dir = tree();
        let folder = dir.path().join("Alpha");
        assert_eq!(decide(Mode::Open, &folder), Decision::Enter(folder.clone()));
        let file = dir.path().join("b.hybrid.json");
        assert_eq!(decide(Mode::Open, &file), Decision::Accept(file));
        assert!(matches!(
            decide(Mode::Open, &dir.path().join("missing.hybrid.json")),
            Decision::Refuse(_)
        ));
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

    #[test]
    fn save_needs_an_existing_folder_but_not_an_existing_file() {
        let dir = tree();
        let new = dir.path().join("new.hybrid.json");
        assert_eq!(decide(Mode::Save, &new), Decision::Accept(new));
        let nowhere = dir.path().join("missing").join("new.hybrid.json");
        assert!(
            matches!(decide(Mode::Save, &nowhere), Decision::Refuse(r) if r.contains("missing"))
        );
    }
}
