//! The designer's state and the frame: the document, its history, the selection, the cached
//! findings, files, and the translation of canvas gestures into edit commands.

use super::canvas::{Canvas, CanvasAction, CanvasOptions};
use super::export_dialog::{self, DialogOutcome, ExportSettings, Job, JobOutcome};
use super::files::{self, Dialogs, Pending, RecentFiles};
use super::{findings, inspector, menu, palette, status_bar, theme};
use crate::edit::{self, Command, History, Selection};
use crate::export::{ExportFormat, ExportOptions};
use crate::file::recovery::{self, Recovery};
use crate::model::{Document, LinkKind, Node, NodeId};
use crate::rules::{self, Finding, Severity};
use egui::{Context, Ui, ViewportCommand};
use std::path::{Path, PathBuf};

/// How often a recovery copy is written while there are unsaved changes.
pub(crate) const AUTOSAVE_SECS: f64 = 30.0;

/// What the designer opens with.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// The file named on the command line; `None` opens the sample plan.
    pub file: Option<PathBuf>,
    /// Look for a recovery copy left by a crash and offer to restore it.
    pub offer_recovery: bool,
}

/// Whether a status message is news or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Something happened.
    Info,
    /// Something was refused or failed.
    Problem,
}

/// The message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// What it says.
    pub text: String,
    /// How to colour it.
    pub kind: StatusKind,
}

/// Something that would discard the open document, waiting for the user's consent when there
/// are unsaved changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Continuation {
    /// The template with this index in [`edit::templates()`]; `None` is the blank plan (Ctrl+N).
    New(Option<usize>),
    /// Ask for a file, then open it.
    OpenDialog,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a copy of this file with fresh ids for the links that repeat one (the file was
    /// refused for that alone).
    OpenRenumbered(PathBuf),
    /// Close the window.
    Quit,
}

/// Why the last file could not be opened, above the canvas until dismissed.
#[derive(Debug, Clone)]
pub(crate) struct Banner {
    /// The sentence naming the file and the problem.
    text: String,
    /// The file, when it was refused only for repeated link ids and a renumbered copy can
    /// be opened instead.
    renumber: Option<PathBuf>,
}

/// The page above the findings on the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SidePage {
    /// The selected node or link, or the plan's settings.
    Inspector,
    /// The plan's presentation views.
    Views,
}

/// What a file dialog's answer is for.
#[derive(Debug)]
enum DialogPurpose {
    Open,
    SaveAs {
        then: Option<Continuation>,
    },
    Export {
        format: ExportFormat,
        options: ExportOptions,
    },
}

/// What the findings panel shows beside a finding, worked out once per document change.
#[derive(Debug, Clone, Default)]
pub(crate) struct FindingEntry {
    /// The names of the nodes and links it is about, joined.
    pub(crate) subjects: String,
    /// The label of the one-click fix, when the edit module offers one.
    pub(crate) quick_fix: Option<String>,
}

/// The validator's findings for one state of the document, with the counts the panels show.
#[derive(Debug, Default)]
pub(crate) struct FindingsCache {
    /// `(document epoch, history generation)` the list was computed for.
    key: Option<(u64, u64)>,
    list: Vec<Finding>,
    entries: Vec<FindingEntry>,
    counts: [usize; 3],
}

impl FindingsCache {
    /// The findings, errors first.
    pub(crate) fn list(&self) -> &[Finding] {
        &self.list
    }

    /// The panel's extras, one per finding, in the same order.
    pub(crate) fn entries(&self) -> &[FindingEntry] {
        &self.entries
    }

    /// How many findings have this severity.
    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.counts[severity_index(severity)]
    }

    fn refresh(&mut self, key: (u64, u64), doc: &Document) -> bool {
        if self.key == Some(key) {
            return false;
        }
        self.list = rules::validate(doc);
        self.counts = [0; 3];
        for f in &self.list {
            self.counts[severity_index(f.severity)] += 1;
        }
        self.entries = self
            .list
            .iter()
            .map(|f| FindingEntry::new(doc, f))
            .collect();
        self.key = Some(key);
        true
    }
}

impl FindingEntry {
    fn new(doc: &Document, finding: &Finding) -> Self {
        let name = |id: &str| {
            doc.node(id)
                .map_or_else(|| id.to_owned(), |n| n.name.clone())
        };
        let nodes = finding.nodes.iter().map(|id| name(id.as_str()));
        let links = finding.links.iter().map(|id| match doc.link(id.as_str()) {
            Some(l) => format!(
                "{} {} {}",
                name(l.from.as_str()),
                theme::ARROW,
                name(l.to.as_str())
            ),
            None => id.to_string(),
        });
        let subjects: Vec<String> = nodes.chain(links).collect();
        Self {
            subjects: subjects.join(", "),
            quick_fix: edit::quick_fix(doc, finding).map(|f| f.label),
        }
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The whole designer: one open document and everything around it.
// The flags are independent facts about the window's life (closing, presenting, restored
// work), not states of one machine.
#[allow(clippy::struct_excessive_bools)]
pub struct DesignerApp {
    /// The open plan.
    pub(crate) doc: Document,
    /// Undo history of `doc`.
    pub(crate) history: History,
    /// Bumped when a different document is opened, so caches keyed on the history's generation
    /// notice even if the new history starts at the same number.
    epoch: u64,
    pub(crate) selection: Selection,
    pub(crate) findings: FindingsCache,
    /// The link kind being drawn, if any.
    pub(crate) link_tool: Option<LinkKind>,
    pub(crate) status: Option<Status>,
    /// Where `doc` lives on disk; `None` until saved or when opened from a template.
    pub(crate) path: Option<PathBuf>,
    pub(crate) canvas: Canvas,
    pub(crate) recent: RecentFiles,
    /// Why the last file could not be opened; shown as a banner until dismissed.
    pub(crate) banner: Option<Banner>,
    /// Nodes and links to emphasise after clicking a finding.
    pub(crate) highlight: Option<(
        std::collections::HashSet<NodeId>,
        std::collections::HashSet<crate::model::LinkId>,
    )>,
    dialogs: Box<dyn Dialogs>,
    pending: Option<(DialogPurpose, Pending)>,
    /// A discarding action waiting for "Save / Don't save / Cancel".
    confirm: Option<Continuation>,
    /// The user agreed to close; the next close request is let through.
    closing: bool,
    /// Ask the window to close at the end of this frame.
    send_close: bool,
    /// A save asked for while a text field had focus, run next frame (`true`: Save As).
    deferred_save: Option<bool>,
    /// What the last title sent to the window was made from (epoch, generation, dirty), so it
    /// is rebuilt and sent only on change; `None` after the file or title may have changed.
    title_key: Option<(u64, u64, bool)>,
    /// When the last recovery copy was written (egui time, seconds).
    last_recovery: Option<f64>,
    /// The history generation the last recovery copy holds.
    recovery_generation: Option<u64>,
    /// A recovery copy found at start, offered to the user.
    recovery_offer: Option<Recovery>,
    /// Where recovery copies go; `None` turns autosave off (tests).
    recovery_dir: Option<PathBuf>,
    /// Presentation mode, while it is on (F5).
    presenter: Option<super::present::Presenter>,
    /// Which page the right-hand side shows above the findings.
    pub(crate) side_page: SidePage,
    /// The palette's icons, rasterised on first use.
    pub(crate) icons: super::palette::Icons,
    /// The plan is unsaved work the history does not know about (a restored recovery copy,
    /// a renumbered copy of a refused file).
    unsaved_outside_history: bool,
    /// The export window's choices, kept between openings.
    pub(crate) export_settings: ExportSettings,
    /// The export window is open.
    export_open: bool,
    /// An export (or a copy to the clipboard) running in the background.
    job: Option<Job>,
    /// The window's context, to wake it when background work ends.
    ctx: Context,
}

impl DesignerApp {
    /// A designer on the startup document. `dialogs` answers file dialogs (native ones in the
    /// window, fakes in tests); `recovery_dir` is where crash-recovery copies live (`None`: off).
    #[must_use]
    pub fn new(
        ctx: &Context,
        startup: Startup,
        dialogs: Box<dyn Dialogs>,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        // The canvas and the exports share one light look; the panels match it.
        ctx.set_theme(egui::Theme::Light);
        theme::install_fonts(ctx);
        let doc = edit::sample_plan();
        let mut app = Self {
            canvas: Canvas::new(ctx),
            doc,
            history: History::default(),
            epoch: 0,
            selection: Selection::default(),
            findings: FindingsCache::default(),
            link_tool: None,
            status: None,
            path: None,
            recent: RecentFiles::default(),
            banner: None,
            highlight: None,
            dialogs,
            pending: None,
            confirm: None,
            closing: false,
            send_close: false,
            deferred_save: None,
            title_key: None,
            last_recovery: None,
            recovery_generation: None,
            recovery_offer: None,
            recovery_dir,
            presenter: None,
            side_page: SidePage::Inspector,
            icons: super::palette::Icons::default(),
            unsaved_outside_history: false,
            export_settings: ExportSettings::default(),
            export_open: false,
            job: None,
            ctx: ctx.clone(),
        };
        app.canvas.sync(&app.doc);
        // The whole plan in view on the first frame, whatever the window's size.
        app.canvas.fit();
        // Look for a crash copy before opening anything: opening clears old copies.
        if startup.offer_recovery
            && let Some(dir) = &app.recovery_dir
        {
            app.recovery_offer = recovery::find_recovery_in(dir);
        }
        if let Some(path) = startup.file {
            app.open_path(&path);
        }
        app
    }

    /// Restores the recent-files list saved by an earlier run.
    pub fn set_recent(&mut self, recent: RecentFiles) {
        self.recent = recent;
    }

    /// The recent-files list, to persist.
    #[must_use]
    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    /// The open document.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The current selection.
    #[must_use]
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The validator's findings for the open document as of the last frame.
    #[must_use]
    pub fn findings(&self) -> &[Finding] {
        self.findings.list()
    }

    /// The status bar message.
    #[must_use]
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The banner explaining why a file could not be opened.
    #[must_use]
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_ref().map(|b| b.text.as_str())
    }

    /// The file the document was opened from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The window title for the current state.
    #[must_use]
    pub fn window_title(&self) -> String {
        files::window_title(
            self.doc.display_title(),
            self.path.as_deref(),
            self.is_dirty(),
        )
    }

    /// Whether there are changes not saved to a file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty() || self.unsaved_outside_history
    }

    /// The undo history.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The link kind being drawn.
    #[must_use]
    pub fn link_tool(&self) -> Option<LinkKind> {
        self.link_tool
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    pub(crate) fn problem(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Problem,
        });
    }

    // ---- editing -------------------------------------------------------------------------

    /// Applies a command through the history (so it can be undone) and keeps the view in step.
    pub fn apply(&mut self, command: Command) -> bool {
        match self.history.apply(&mut self.doc, command) {
            Ok(()) => {
                self.after_change();
                true
            }
            Err(e) => {
                // Error messages are written to follow a colon; alone they start a sentence.
                self.problem(crate::text::capitalize(&e.to_string()));
                false
            }
        }
    }

    fn after_change(&mut self) {
        self.selection.retain_existing(&self.doc);
        self.canvas.sync(&self.doc);
    }

    /// Undoes the last command.
    pub fn undo(&mut self) {
        if let Some(label) = self.history.undo_label().map(str::to_owned) {
            self.history.undo(&mut self.doc);
            self.after_change();
            self.info(format!("Undid {label}"));
        }
    }

    /// Redoes the last undone command.
    pub fn redo(&mut self) {
        if let Some(label) = self.history.redo_label().map(str::to_owned) {
            self.history.redo(&mut self.doc);
            self.after_change();
            self.info(format!("Redid {label}"));
        }
    }

    /// Deletes the selected nodes (with their links) and links.
    pub fn delete_selection(&mut self) {
        if self.selection.is_empty() {
            return;
        }
        if let Some(command) = edit::delete(&self.doc, &self.selection) {
            let label = command.label();
            if self.apply(command) {
                self.selection.clear();
                self.info(format!("{label} (Ctrl+Z to undo)"));
            }
        }
    }

    /// Duplicates the selected nodes (and the links between them) and selects the copies.
    pub fn duplicate_selection(&mut self) {
        if self.selection.nodes.is_empty() {
            return;
        }
        let command = edit::duplicate(&self.doc, &self.selection, DUPLICATE_OFFSET);
        let copies = added_nodes(&command);
        if self.apply(command) {
            self.selection = Selection::default();
            self.selection.nodes.extend(copies);
        }
    }

    /// Replaces the selection (ids that do not exist are dropped).
    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
        self.selection.retain_existing(&self.doc);
        self.highlight = None;
    }

    /// The selected node when it is the whole selection (what Rename acts on).
    #[must_use]
    pub fn single_selected_node(&self) -> Option<&NodeId> {
        match (self.selection.nodes.first(), self.selection.nodes.len()) {
            (Some(id), 1) if self.selection.links.is_empty() => Some(id),
            _ => None,
        }
    }

    /// Opens the rename field on the canvas over the selected node's name (F2).
    pub fn rename_selected(&mut self) {
        if let Some(id) = self.single_selected_node().cloned() {
            self.canvas.start_rename(id);
        }
    }

    /// Places every node in the tidy columns (one undo step) and fits the view to the result.
    pub fn tidy_layout(&mut self) {
        match edit::tidy_layout(&self.doc) {
            Some(command) => {
                if self.apply(command) {
                    self.canvas.fit();
                    self.info("Tidied the layout (Ctrl+Z puts it back)");
                }
            }
            None => self.info("The layout is already tidy"),
        }
    }

    /// Selects every node and link.
    pub fn select_all(&mut self) {
        self.selection.nodes = self.doc.nodes.iter().map(|n| n.id.clone()).collect();
        self.selection.links = self.doc.links.iter().map(|l| l.id.clone()).collect();
    }

    /// Cancels a gesture in progress, else puts the link tool down, else clears the selection.
    pub fn cancel_gesture(&mut self) {
        if self.canvas.cancel_gesture() {
            return;
        }
        if self.link_tool.take().is_some() {
            self.info("Link tool put down");
            return;
        }
        self.selection.clear();
        self.highlight = None;
    }

    /// Chooses the link kind to draw (`None` puts the tool down).
    pub fn set_link_tool(&mut self, tool: Option<LinkKind>) {
        // The status bar shows the tool and how to use it while it is chosen.
        self.link_tool = tool;
        self.status = None;
    }

    /// Selects a finding's subjects and brings them into view.
    pub fn select_finding(&mut self, finding: &Finding) {
        self.selection = Selection::default();
        self.selection.nodes.extend(finding.nodes.iter().cloned());
        self.selection.links.extend(finding.links.iter().cloned());
        let mut nodes: Vec<NodeId> = finding.nodes.clone();
        for link in &finding.links {
            if let Some(l) = self.doc.link(link.as_str()) {
                nodes.push(l.from.clone());
                nodes.push(l.to.clone());
            }
        }
        if !nodes.is_empty() {
            self.canvas.reveal(&nodes);
        }
    }

    /// Adds a node made by the edit factory and selects it.
    fn add_node(&mut self, node: Node) {
        let (id, name) = (node.id.clone(), node.name.clone());
        if self.apply(Command::AddNode { node, index: None }) {
            self.selection = Selection::node(id);
            self.info(format!("Added {name}"));
        }
    }

    /// Applies the quick fix the edit module offers for this finding, if any.
    pub fn apply_quick_fix(&mut self, finding: &Finding) {
        if let Some(fix) = edit::quick_fix(&self.doc, finding)
            && self.apply(fix.command)
        {
            self.info(format!("Fixed: {}", fix.label));
        }
    }

    pub(crate) fn handle_canvas_action(&mut self, action: CanvasAction) {
        match action {
            CanvasAction::SetSelection(selection) => {
                self.selection = selection;
                self.highlight = None;
            }
            CanvasAction::AddNode { kind, pos } => {
                self.add_node(edit::new_node(&self.doc, kind, pos));
            }
            CanvasAction::AddServer { version, pos } => {
                self.add_node(edit::new_server(&self.doc, version, pos));
            }
            CanvasAction::Connect { kind, from, to } => {
                match edit::connect(&self.doc, kind, &from, &to) {
                    Ok(link) => {
                        let id = link.id.clone();
                        if self.apply(Command::AddLink { link }) {
                            self.selection = Selection::link(id);
                            self.info(format!("Drew {}", kind.with_article()));
                        }
                    }
                    Err(refusal) => self.problem(refusal.reason()),
                }
            }
            CanvasAction::MoveNodes(moves) => {
                self.apply(Command::MoveNodes { moves });
            }
            CanvasAction::Rename { id, name } => {
                if let Some(command) = self
                    .doc
                    .node(id.as_str())
                    .and_then(|n| edit::rename(n, &name))
                {
                    self.apply(command);
                }
            }
            // The canvas reports refusals this way (a link that cannot start or end here).
            CanvasAction::Status(text) => self.problem(text),
            CanvasAction::ContextLink { from, kind } => {
                self.link_tool = Some(kind);
                self.selection = Selection::node(from);
            }
            CanvasAction::DeleteSelection => self.delete_selection(),
            CanvasAction::CancelGesture => self.cancel_gesture(),
        }
    }

    // ---- files ---------------------------------------------------------------------------

    /// Does `action` now, or first asks whether to save when there are unsaved changes.
    pub fn request(&mut self, action: Continuation) {
        if self.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.run(action);
        }
    }

    fn run(&mut self, action: Continuation) {
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
                let pending = self.dialogs.pick_open(dir.as_deref());
                self.pending = Some((DialogPurpose::Open, pending));
            }
            Continuation::OpenPath(path) => {
                self.open_path(&path);
            }
            Continuation::OpenRenumbered(path) => self.open_renumbered(&path),
            Continuation::Quit => {
                self.clear_recovery();
                self.closing = true;
                self.send_close = true;
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
                self.unsaved_outside_history = true;
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
    pub fn open_path(&mut self, path: &Path) {
        match crate::file::load(path) {
            Ok(doc) => {
                self.replace_document(doc, Some(path.to_path_buf()));
                self.recent.touch(path);
                self.banner = None;
                self.info(format!("Opened {}", path.display()));
            }
            Err(e) => self.open_failed(path, &e),
        }
    }

    /// Explains in the banner why `path` could not be opened; the open plan stays.
    fn open_failed(&mut self, path: &Path, error: &crate::file::LoadError) {
        // Load errors name the file themselves; name it here only if one does not.
        let reason = error.to_string();
        let shown = path.display().to_string();
        let text = if reason.contains(&shown) {
            format!("Could not open {reason}")
        } else {
            format!("Could not open {shown}: {reason}")
        };
        self.banner = Some(Banner {
            text,
            renumber: error.is_duplicate_link_id().then(|| path.to_path_buf()),
        });
        // A file that cannot be opened is no longer a useful shortcut.
        self.recent.remove(path);
        self.problem("The file could not be opened; the plan you had open is unchanged");
    }

    fn replace_document(&mut self, doc: Document, path: Option<PathBuf>) {
        self.clear_recovery();
        self.doc = doc;
        self.history = History::default();
        self.unsaved_outside_history = false;
        self.epoch += 1;
        self.path = path;
        self.selection.clear();
        self.highlight = None;
        self.link_tool = None;
        self.canvas.sync(&self.doc);
        self.canvas.fit();
    }

    /// Saves to the current file, or asks where when there is none.
    pub fn save(&mut self) {
        self.save_then(None);
    }

    fn save_then(&mut self, then: Option<Continuation>) {
        match self.path.clone() {
            Some(path) => {
                if self.write_to(&path)
                    && let Some(next) = then
                {
                    self.run(next);
                }
            }
            None => self.save_as(then),
        }
    }

    /// Saves at the start of the next frame, after the focused text field has committed.
    pub(crate) fn defer_save(&mut self, as_new: bool) {
        self.deferred_save = Some(as_new);
    }

    /// Asks where to save, then saves (and then does `then`).
    pub fn save_as(&mut self, then: Option<Continuation>) {
        if self.dialog_open() {
            return;
        }
        let dir = self.document_dir();
        let name = files::suggested_file_name(self.doc.display_title());
        let pending = self.dialogs.pick_save(dir.as_deref(), &name);
        self.pending = Some((DialogPurpose::SaveAs { then }, pending));
    }

    /// The folder of the open file, where file dialogs start.
    fn document_dir(&self) -> Option<PathBuf> {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    /// Whether a file dialog is already waiting for the user (one at a time).
    fn dialog_open(&mut self) -> bool {
        if self.pending.is_some() {
            self.info("A file dialog is already open");
            return true;
        }
        false
    }

    fn write_to(&mut self, path: &Path) -> bool {
        match crate::file::save(path, &self.doc) {
            Ok(()) => {
                self.history.mark_saved();
                self.unsaved_outside_history = false;
                self.path = Some(path.to_path_buf());
                self.title_key = None;
                self.recent.touch(path);
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

    fn poll_dialog(&mut self) {
        let Some((_, pending)) = &self.pending else {
            return;
        };
        let Some(answer) = pending.poll() else { return };
        let Some((purpose, _)) = self.pending.take() else {
            return;
        };
        let Some(path) = answer else { return };
        match purpose {
            DialogPurpose::Open => self.open_path(&path),
            DialogPurpose::Export { format, options } => {
                let path = export_dialog::with_export_extension(path, format);
                self.start_job(|ctx, doc| Job::write(ctx, doc, format, options, path));
            }
            DialogPurpose::SaveAs { then } => {
                let path = with_extension(path);
                if self.write_to(&path)
                    && let Some(next) = then
                {
                    self.run(next);
                }
            }
        }
    }

    // ---- exports -------------------------------------------------------------------------

    /// Opens the export window (File → Export…).
    pub fn open_export_dialog(&mut self) {
        self.export_open = true;
    }

    /// Whether the export window is open.
    #[must_use]
    pub fn is_export_dialog_open(&self) -> bool {
        self.export_open
    }

    /// Asks where, then exports the plan in `format` with `options` in the background.
    pub fn export(&mut self, format: ExportFormat, options: ExportOptions) {
        if self.dialog_open() {
            return;
        }
        let dir = self.document_dir();
        let title = if options.selection.is_some() {
            format!("{} selection", self.doc.display_title())
        } else {
            self.doc.display_title().to_owned()
        };
        let name = files::suggested_export_name(&title, format);
        let pending = self.dialogs.pick_export(dir.as_deref(), &name, format);
        self.pending = Some((DialogPurpose::Export { format, options }, pending));
    }

    /// Asks where, then writes the selected nodes and the links between them as a new plan.
    pub fn export_selection_as_plan(&mut self) {
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
    pub fn copy_diagram_image(&mut self) {
        if cfg!(any(target_os = "android", target_os = "ios")) {
            self.problem("This platform cannot take images on the clipboard; use File → Export…");
            return;
        }
        self.start_job(Job::copy_image);
    }

    /// Whether an export or a copy is still running.
    #[must_use]
    pub fn is_exporting(&self) -> bool {
        self.job.is_some()
    }

    fn start_job(&mut self, job: impl FnOnce(&Context, Document) -> Job) {
        if let Some(running) = &self.job {
            self.info(format!("{} (please wait)", running.what));
            return;
        }
        let job = job(&self.ctx, self.doc.clone());
        self.info(job.what.clone());
        self.job = Some(job);
    }

    fn poll_job(&mut self, ctx: &Context) {
        let Some(outcome) = self.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.job = None;
        match outcome {
            JobOutcome::Written { path, bytes } => self.info(format!(
                "Exported {} ({})",
                export_dialog::file_name(&path),
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

    fn show_export_dialog(&mut self, ctx: &Context) {
        if !self.export_open {
            return;
        }
        let selected = self.selection.nodes.len() + self.selection.links.len();
        match export_dialog::show(ctx, &mut self.export_settings, selected) {
            DialogOutcome::Open => {}
            DialogOutcome::Cancel => self.export_open = false,
            DialogOutcome::Export => {
                self.export_open = false;
                let options = self.export_settings.options(&self.selection);
                self.export(self.export_settings.format, options);
            }
        }
    }

    // ---- recovery ------------------------------------------------------------------------

    fn autosave(&mut self, ctx: &Context) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        if !self.is_dirty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let due = self
            .last_recovery
            .map_or(AUTOSAVE_SECS, |t| t + AUTOSAVE_SECS);
        let generation = self.history.generation();
        if now >= due {
            if self.recovery_generation != Some(generation) {
                match recovery::write_recovery_in(&dir, &self.doc, self.path.as_deref()) {
                    Ok(_) => self.recovery_generation = Some(generation),
                    Err(e) => self.problem(format!("Could not write a recovery copy: {e}")),
                }
            }
            self.last_recovery = Some(now);
        }
        // Wake up when the next copy is due, not before: no repaint loop while idle.
        let wait = (self
            .last_recovery
            .map_or(AUTOSAVE_SECS, |t| t + AUTOSAVE_SECS)
            - now)
            .max(1.0);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }

    fn clear_recovery(&mut self) {
        // A copy still on offer is the user's to restore or discard, not ours to clear.
        if self.recovery_offer.is_some() {
            return;
        }
        if let Some(dir) = &self.recovery_dir {
            recovery::clear_recovery_in(dir);
        }
        self.recovery_generation = None;
    }

    // ---- the frame -----------------------------------------------------------------------

    /// Starts presentation mode on the plan's views (F5).
    pub fn present(&mut self) {
        if self.presenter.is_none() {
            self.canvas.cancel_gesture();
            self.presenter = Some(super::present::Presenter::new(
                &self.doc,
                self.findings.list(),
            ));
        }
    }

    /// Whether presentation mode is on.
    #[must_use]
    pub fn is_presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// Draws one frame into `ui` (the whole window).
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_dialog();
        self.poll_job(&ctx);
        match self.deferred_save.take() {
            Some(true) => self.save_as(None),
            Some(false) => self.save(),
            None => {}
        }
        self.handle_dropped_files(&ctx);
        self.handle_close(&ctx);
        self.findings
            .refresh((self.epoch, self.history.generation()), &self.doc);
        if let Some(presenter) = &mut self.presenter {
            let outcome = egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    presenter.show(ui, &mut self.canvas, &self.doc, self.findings.list())
                })
                .inner;
            if outcome == super::present::PresenterOutcome::Exit {
                self.presenter = None;
            }
            self.show_confirm(&ctx);
            self.update_title(&ctx);
            self.autosave(&ctx);
            return;
        }
        // While a dialog asks something, keys belong to the dialog.
        if self.keys_are_free() {
            menu::handle_shortcuts(ui, self);
        }

        egui::Panel::top("menu").show(ui, |ui| menu::show(ui, self));
        egui::Panel::bottom("status").show(ui, |ui| status_bar::show(ui, self));
        egui::Panel::left("palette")
            .resizable(false)
            .exact_size(220.0)
            .show(ui, |ui| palette::show(ui, self));
        egui::Panel::right("side")
            .resizable(true)
            .default_size(360.0)
            .min_size(280.0)
            .show(ui, |ui| self.side_panel(ui));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(theme::CANVAS))
            .show(ui, |ui| {
                if let Some(banner) = self.banner.clone() {
                    self.show_banner(ui, &banner);
                }
                let opts = CanvasOptions {
                    editable: true,
                    show_findings: true,
                    highlight: self.highlight.clone(),
                    presentation: false,
                };
                let actions = self.canvas.show(
                    ui,
                    &self.doc,
                    self.findings.list(),
                    &self.selection,
                    self.link_tool,
                    &opts,
                );
                for action in actions {
                    self.handle_canvas_action(action);
                }
            });

        self.show_windows(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
        if std::mem::take(&mut self.send_close) {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// The right-hand side: the inspector or the views above the findings.
    fn side_panel(&mut self, ui: &mut Ui) {
        egui::Panel::bottom("findings")
            .resizable(true)
            .default_size(420.0)
            .min_size(140.0)
            .show(ui, |ui| findings::show(ui, self));
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut self.side_page, SidePage::Inspector, "Inspector");
                ui.selectable_value(&mut self.side_page, SidePage::Views, "Presentation views");
            });
            ui.separator();
            match self.side_page {
                SidePage::Inspector => inspector::show(ui, self),
                SidePage::Views => {
                    if let Some(command) = super::present::views_panel(
                        ui,
                        &self.doc,
                        self.canvas.camera(),
                        &self.selection,
                    ) {
                        self.apply(command);
                    }
                }
            }
        });
    }

    /// Whether no window over the designer (a question, the export window, a file dialog)
    /// wants the keyboard, so the designer's shortcuts apply.
    fn keys_are_free(&self) -> bool {
        self.confirm.is_none()
            && self.recovery_offer.is_none()
            && !self.export_open
            && !self.dialogs.is_showing()
    }

    /// The windows over the designer, the most urgent drawn last (on top).
    fn show_windows(&mut self, ctx: &Context) {
        self.show_export_dialog(ctx);
        self.dialogs.show(ctx);
        self.show_confirm(ctx);
        self.show_recovery_offer(ctx);
    }

    /// Whether the user has agreed to close the window.
    #[must_use]
    pub fn is_closing(&self) -> bool {
        self.closing
    }

    fn show_banner(&mut self, ui: &mut Ui, banner: &Banner) {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(&banner.text).color(ui.visuals().error_fg_color));
                    if let Some(path) = &banner.renumber
                        && ui
                            .button("Open a copy with new link ids")
                            .on_hover_text(
                                "The file stays as it is. In a copy, every link that repeats an \
                                 earlier link's id gets a fresh one (l8 becomes l8-2); save the \
                                 copy under a new name.",
                            )
                            .clicked()
                    {
                        self.request(Continuation::OpenRenumbered(path.clone()));
                    }
                    if ui.button("Dismiss").clicked() {
                        self.banner = None;
                    }
                });
            });
    }

    fn handle_dropped_files(&mut self, ctx: &Context) {
        let dropped = ctx.input(|i| files::dropped_topology(&i.raw.dropped_files));
        if let Some(path) = dropped {
            self.request(Continuation::OpenPath(path));
        }
    }

    fn handle_close(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            if self.closing || !self.is_dirty() {
                self.clear_recovery();
            } else {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.confirm = Some(Continuation::Quit);
            }
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let key = (self.epoch, self.history.generation(), self.is_dirty());
        if self.title_key != Some(key) {
            ctx.send_viewport_cmd(ViewportCommand::Title(self.window_title()));
            self.title_key = Some(key);
        }
    }

    fn show_confirm(&mut self, ctx: &Context) {
        let Some(action) = self.confirm.clone() else {
            return;
        };
        let verb = match action {
            Continuation::New(_) => "starting a new plan",
            Continuation::OpenDialog
            | Continuation::OpenPath(_)
            | Continuation::OpenRenumbered(_) => "opening another plan",
            Continuation::Quit => "closing",
        };
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::new("confirm_discard")).show(ctx, |ui| {
            ui.set_max_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to “{}” before {verb}?",
                self.doc.display_title()
            ));
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
                self.confirm = None;
                self.save_then(Some(action));
            }
            Some(1) => {
                self.confirm = None;
                self.history.mark_saved();
                self.run(action);
            }
            Some(_) => self.confirm = None,
            None => {}
        }
    }

    fn show_recovery_offer(&mut self, ctx: &Context) {
        let Some(offer) = &self.recovery_offer else {
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
        match choice {
            Some(true) => {
                if let Some(offer) = self.recovery_offer.take() {
                    offer.discard();
                    self.replace_document(offer.document, offer.original);
                    // A restored copy is unsaved work: mark it so.
                    self.unsaved_outside_history = true;
                    self.info("Restored the recovery copy");
                }
            }
            Some(false) => {
                if let Some(offer) = self.recovery_offer.take() {
                    offer.discard();
                }
            }
            None => {}
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

/// A button of a comfortable size for a dialog's answers.
fn dialog_button(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(egui::Button::new(text).min_size(egui::vec2(96.0, 26.0)))
}

/// Where Ctrl+D puts copies, relative to the originals.
const DUPLICATE_OFFSET: crate::model::Pos = crate::model::Pos { x: 40.0, y: 40.0 };

/// The ids of the nodes a command adds (directly or in a batch).
fn added_nodes(command: &Command) -> Vec<NodeId> {
    match command {
        Command::AddNode { node, .. } => vec![node.id.clone()],
        Command::Batch { commands, .. } => commands.iter().flat_map(added_nodes).collect(),
        _ => Vec::new(),
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
