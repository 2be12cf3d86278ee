//! The designer: one open plan and everything around it, wired together. Each concern has
//! its own owner and file — the session (document, history, file) in the core, the file flow,
//! crash recovery, the export job, the presenter — and [`DesignerApp::ui`] draws the panels,
//! collects the commands they send and runs them ([`run`](self::run)) in the same frame.

mod banner;
mod export_job;
mod file_flow;
mod import_job;
mod recovery;
mod run;

use super::as_of::AsOf;
use super::canvas::{Canvas, CanvasOptions};
use super::command::{Action, AppCommand, PanelCtx, SidePage};
use super::files::{Dialogs, RecentFiles};
use super::find::{FindBar, FindOutcome};
use super::findings_cache::FindingsCache;
use super::hcw_cache::HcwCache;
use super::help::HelpPage;
use super::palette::Icons;
use super::present::{Presenter, PresenterOutcome};
use super::status::Status;
use super::{findings, help, inspector, menu, palette, status_bar, theme, toolbar, views};
use crate::edit::{self, History, Selection, Session};
use crate::model::{Date, Document, LinkId, LinkKind, NodeId};
use crate::rules::Finding;
use banner::Banner;
use egui::{Context, Ui, ViewportCommand};
use export_job::Exporter;
use file_flow::FileFlow;
use import_job::Importer;
use recovery::RecoveryKeeper;
use std::collections::HashSet;
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

/// Nodes and links emphasised after clicking a finding.
type Highlight = (HashSet<NodeId>, HashSet<LinkId>);

/// The whole designer: one open document and everything around it.
pub struct DesignerApp {
    /// The open plan, its history and its file.
    session: Session,
    selection: Selection,
    findings: FindingsCache,
    /// The HCW preview, worked out while its tab shows.
    hcw: HcwCache,
    /// The link kind being drawn, if any.
    link_tool: Option<LinkKind>,
    status: Option<Status>,
    canvas: Canvas,
    /// Why the last file could not be opened; shown as a banner until dismissed.
    banner: Option<Banner>,
    highlight: Option<Highlight>,
    /// Which page the right-hand side shows above the findings.
    side_page: SidePage,
    /// The palette's icons, rasterised on first use.
    icons: Icons,
    /// File dialogs, the unsaved-changes question, recent files, closing.
    files: FileFlow,
    /// Crash-recovery copies.
    recovery: RecoveryKeeper,
    /// The export window and the export running in the background.
    exporter: Exporter,
    /// File → Import organization…: the import running and the window after it.
    importer: Importer,
    /// Presentation mode, while it is on (F5).
    presenter: Option<Presenter>,
    /// The help window, while one is open.
    help: Option<HelpPage>,
    /// The find bar (Ctrl+F), while it is open.
    find: Option<FindBar>,
    /// The window's context, to wake it when background work ends.
    ctx: Context,
    /// The day chosen in the status bar to judge the plan on, for this session only.
    as_of_chosen: Option<Date>,
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
        let mut app = Self {
            session: Session::new(edit::sample_plan(), None),
            selection: Selection::default(),
            findings: FindingsCache::default(),
            hcw: HcwCache::default(),
            link_tool: None,
            status: None,
            canvas: Canvas::new(ctx),
            banner: None,
            highlight: None,
            side_page: SidePage::Inspector,
            icons: Icons::default(),
            files: FileFlow::new(dialogs),
            recovery: RecoveryKeeper::new(recovery_dir),
            exporter: Exporter::default(),
            importer: Importer::default(),
            presenter: None,
            help: None,
            find: None,
            ctx: ctx.clone(),
            as_of_chosen: None,
        };
        app.canvas.sync(app.session.doc());
        // The whole plan in view on the first frame, whatever the window's size.
        app.canvas.fit();
        // Look for a crash copy before opening anything: opening clears old copies.
        if startup.offer_recovery {
            app.recovery.look_for_offer();
        }
        if let Some(path) = startup.file {
            app.open_path(&path);
        }
        app
    }

    /// Restores the recent-files list saved by an earlier run.
    pub fn set_recent(&mut self, recent: RecentFiles) {
        self.files.recent = recent;
    }

    /// Restores View ▸ Snap to grid as an earlier run left it.
    pub fn set_snap(&mut self, on: bool) {
        self.canvas.set_snap(on);
    }

    /// Whether drags snap to the grid, to persist.
    #[must_use]
    pub fn snap(&self) -> bool {
        self.canvas.snap()
    }

    /// The recent-files list, to persist.
    #[must_use]
    pub fn recent(&self) -> &RecentFiles {
        &self.files.recent
    }

    /// The open document.
    #[must_use]
    pub fn document(&self) -> &Document {
        self.session.doc()
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
        self.banner.as_ref().map(Banner::text)
    }

    /// The file the document was opened from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.session.path()
    }

    /// The window title for the current state.
    #[must_use]
    pub fn window_title(&self) -> String {
        super::files::window_title(
            self.session.doc().display_title(),
            self.session.path(),
            self.is_dirty(),
        )
    }

    /// Whether there are changes not saved to a file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    /// The undo history.
    #[must_use]
    pub fn history(&self) -> &History {
        self.session.history()
    }

    /// The link kind being drawn.
    #[must_use]
    pub fn link_tool(&self) -> Option<LinkKind> {
        self.link_tool
    }

    /// Whether the export window is open.
    #[must_use]
    pub fn is_export_dialog_open(&self) -> bool {
        self.exporter.is_open()
    }

    /// Whether an export or a copy is still running.
    #[must_use]
    pub fn is_exporting(&self) -> bool {
        self.exporter.is_running()
    }

    /// Whether presentation mode is on.
    #[must_use]
    pub fn is_presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// Whether the user has agreed to close the window.
    #[must_use]
    pub fn is_closing(&self) -> bool {
        self.files.closing
    }

    /// The day the findings and the certificate badges are worked out for.
    #[must_use]
    pub fn as_of(&self) -> AsOf {
        AsOf::of(self.session.doc(), self.as_of_chosen)
    }

    /// The display list the canvas last drew a node with, to check what it shows.
    #[must_use]
    pub fn canvas_node_prims(&self, id: &NodeId) -> Option<&[crate::look::Prim]> {
        self.canvas.node_prims(id)
    }

    /// Judges the plan as of `date` for this session (`None`: the plan's date or today),
    /// without changing the plan.
    pub fn set_as_of(&mut self, date: Option<Date>) {
        self.as_of_chosen = date;
        self.info(match date {
            Some(d) => format!("Findings as of {d}, for this session only; the plan is unchanged"),
            None => format!(
                "Findings {}",
                self.as_of().text().replacen("As of", "as of", 1)
            ),
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text));
    }

    fn problem(&mut self, text: impl Into<String>) {
        self.status = Some(Status::problem(text));
    }

    // ---- the frame -----------------------------------------------------------------------

    /// Draws one frame into `ui` (the whole window): the panels draw and send commands,
    /// which run at the end of the frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_dialog();
        self.poll_job(&ctx);
        self.poll_import();
        if let Some(as_new) = self.files.deferred_save.take() {
            self.run(AppCommand::Action(if as_new {
                Action::SaveAs
            } else {
                Action::Save
            }));
        }
        self.handle_dropped_files(&ctx);
        self.handle_close(&ctx);
        let as_of = self.as_of();
        self.findings
            .refresh(self.session.change_key(), self.session.doc(), as_of.date);
        if self.side_page == SidePage::Hcw {
            self.hcw.refresh(
                self.session.change_key(),
                as_of.date,
                self.session.doc(),
                self.findings.list(),
            );
        }
        self.canvas.set_as_of(self.as_of_chosen);
        if self.presenter.is_some() {
            self.present_frame(ui);
        } else {
            let mut out = self.keyboard(&ctx);
            self.panels(ui, &mut out);
            for command in out {
                self.run(command);
            }
            self.show_windows(&ctx);
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
        if std::mem::take(&mut self.files.send_close) {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// This frame's shortcuts as commands. While a window over the designer (a question, the
    /// export window, a file dialog) wants the keyboard, none.
    fn keyboard(&mut self, ctx: &Context) -> Vec<AppCommand> {
        if !self.keys_are_free() {
            return Vec::new();
        }
        // Esc closes an open help window, import summary or find bar before it means anything
        // to the canvas.
        if (self.help.is_some() || self.find.is_some() || self.importer.report().is_some())
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            && self.help.take().is_none()
            && !self.importer.close_window()
        {
            self.find = None;
        }
        let mut out = Vec::new();
        for action in super::command::actions_from_keyboard(ctx) {
            if matches!(action, Action::Save | Action::SaveAs) && ctx.text_edit_focused() {
                // Commit the field being typed in first: leaving it commits it this frame,
                // and the save runs at the start of the next one.
                ctx.memory_mut(|m| {
                    if let Some(id) = m.focused() {
                        m.surrender_focus(id);
                    }
                });
                self.files.deferred_save = Some(action == Action::SaveAs);
                ctx.request_repaint();
            } else {
                out.push(AppCommand::Action(action));
            }
        }
        // Ctrl+V arrives as the clipboard's text; a text field takes its own pastes.
        if !ctx.text_edit_focused()
            && let Some(text) = super::command::pasted_text(ctx)
        {
            out.push(AppCommand::Paste(text));
        }
        out
    }

    /// The menu, the status bar, the palette, the side panel and the canvas.
    fn panels(&mut self, ui: &mut Ui, out: &mut Vec<AppCommand>) {
        let ctx = PanelCtx {
            doc: self.session.doc(),
            selection: &self.selection,
            findings: &self.findings,
            hcw: &self.hcw,
            history: self.session.history(),
            dirty: self.session.is_dirty(),
            link_tool: self.link_tool,
            zoom: self.canvas.zoom(),
            camera: self.canvas.camera(),
            recent: &self.files.recent,
            status: self.status.as_ref(),
            side_page: self.side_page,
            as_of: self.as_of(),
            snap: self.canvas.snap(),
        };
        egui::Panel::top("menu").show(ui, |ui| {
            menu::menu_ui(ui, &ctx, out);
            toolbar::toolbar_ui(ui, &ctx, out);
        });
        egui::Panel::bottom("status").show(ui, |ui| status_bar::status_bar_ui(ui, &ctx, out));
        egui::Panel::left("palette")
            .resizable(false)
            .exact_size(220.0)
            .show(ui, |ui| palette::palette_ui(ui, &ctx, &mut self.icons, out));
        egui::Panel::right("side")
            .resizable(true)
            .default_size(360.0)
            .min_size(280.0)
            .show(ui, |ui| side_panel(ui, &ctx, out));
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(theme::CANVAS))
            .show(ui, |ui| {
                if let Some(banner) = &self.banner {
                    banner.ui(ui, out);
                }
                let opts = CanvasOptions {
                    editable: true,
                    show_findings: true,
                    highlight: self.highlight.clone(),
                    presentation: false,
                };
                self.canvas.set_change_key(self.session.change_key());
                let actions = self.canvas.show(
                    ui,
                    ctx.doc,
                    ctx.findings.list(),
                    ctx.selection,
                    ctx.link_tool,
                    &opts,
                );
                out.extend(actions.into_iter().map(AppCommand::Canvas));
            });
    }

    /// One frame of presentation mode: the presenter has the whole window.
    fn present_frame(&mut self, ui: &mut Ui) {
        let Some(presenter) = &mut self.presenter else {
            return;
        };
        let outcome = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                presenter.show(
                    ui,
                    &mut self.canvas,
                    self.session.doc(),
                    self.findings.list(),
                )
            })
            .inner;
        if outcome == PresenterOutcome::Exit {
            self.presenter = None;
        }
        self.show_confirm(ui.ctx());
    }

    /// Whether no window over the designer (a question, the export window, a file dialog)
    /// wants the keyboard, so the designer's shortcuts apply.
    fn keys_are_free(&self) -> bool {
        self.files.confirm.is_none()
            && !self.recovery.has_offer()
            && !self.exporter.is_open()
            && !self.files.dialogs.is_showing()
    }

    /// The windows over the designer, the most urgent drawn last (on top).
    fn show_windows(&mut self, ctx: &Context) {
        if let (Some(bar), Some(area)) = (&mut self.find, self.canvas.screen_rect()) {
            match bar.ui(ctx, area, self.session.doc()) {
                FindOutcome::Open => {}
                FindOutcome::Pick(id) => self.run(AppCommand::Reveal(id)),
                FindOutcome::Close => self.find = None,
            }
        }
        if let Some(page) = self.help
            && !help::help_window(ctx, page, &crate::file::recovery::recovery_dir())
        {
            self.help = None;
        }
        self.show_export_dialog(ctx);
        self.show_import_window(ctx);
        self.files.dialogs.show(ctx);
        self.show_confirm(ctx);
        self.show_recovery_offer(ctx);
    }

    fn update_title(&mut self, ctx: &Context) {
        let (epoch, generation) = self.session.change_key();
        let key = (epoch, generation, self.is_dirty());
        if self.files.title_key != Some(key) {
            ctx.send_viewport_cmd(ViewportCommand::Title(self.window_title()));
            self.files.title_key = Some(key);
        }
    }
}

/// The right-hand side: the inspector or the views above the findings.
fn side_panel(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    egui::Panel::bottom("findings")
        .resizable(true)
        .default_size(420.0)
        .min_size(140.0)
        .show(ui, |ui| findings::findings_ui(ui, ctx, out));
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            for (page, text) in [
                (SidePage::Inspector, "Inspector"),
                (SidePage::Views, "Presentation views"),
                (SidePage::Hcw, "Hybrid Configuration Wizard"),
            ] {
                if ui.selectable_label(ctx.side_page == page, text).clicked() {
                    out.push(AppCommand::ShowSidePage(page));
                }
            }
        });
        ui.separator();
        match ctx.side_page {
            SidePage::Inspector => inspector::inspector_ui(ui, ctx, out),
            SidePage::Views => views::views_ui(ui, ctx, out),
            SidePage::Hcw => super::hcw::hcw_ui(ui, ctx, out),
        }
    });
}

/// A button of a comfortable size for a dialog's answers.
fn dialog_button(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(egui::Button::new(text).min_size(egui::vec2(96.0, 26.0)))
}
