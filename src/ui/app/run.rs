//! Running the commands the panels, the canvas and the keyboard send: the one place where a
//! user's action changes the designer.

use super::super::canvas::CanvasAction;
use super::super::command::{Action, AppCommand, Arrange, Continuation};
use super::super::find::FindBar;
use super::super::help::HelpPage;
use super::super::present::Presenter;
use super::DesignerApp;
use crate::edit::{self, Command, Selection};
use crate::model::{Node, NodeId, Pos};
use crate::rules::Finding;

/// Where Ctrl+D puts copies, relative to the originals.
const DUPLICATE_OFFSET: Pos = Pos { x: 40.0, y: 40.0 };

/// How much one zoom step changes the zoom.
const ZOOM_STEP: f32 = 1.25;

impl DesignerApp {
    /// Runs one command, as if the user had given it.
    pub fn run(&mut self, command: AppCommand) {
        match command {
            AppCommand::Action(action) => self.run_action(action),
            AppCommand::Edit(command) => {
                self.apply(*command);
            }
            AppCommand::Select(selection) => self.select(selection),
            AppCommand::Paste(text) => self.paste(&text),
            AppCommand::Reveal(id) => {
                if self.session.doc().node(id.as_str()).is_some() {
                    self.select(Selection::node(id.clone()));
                    self.canvas.reveal(&[id]);
                }
            }
            AppCommand::SelectFinding(index) => {
                if let Some(finding) = self.findings.list().get(index).cloned() {
                    self.select_finding(&finding);
                }
            }
            AppCommand::QuickFix(index) => {
                if let Some(finding) = self.findings.list().get(index).cloned() {
                    self.apply_quick_fix(&finding);
                }
            }
            AppCommand::SetLinkTool(tool) => {
                // The status bar shows the tool and how to use it while it is chosen.
                self.link_tool = tool;
                self.status = None;
            }
            AppCommand::Request(continuation) => self.request(continuation),
            AppCommand::ClearRecent => self.files.recent.clear(),
            AppCommand::DismissBanner => self.banner = None,
            AppCommand::ShowSidePage(page) => self.side_page = page,
            AppCommand::Canvas(action) => self.run_canvas_action(action),
            AppCommand::SetAsOf(date) => self.set_as_of(date),
            AppCommand::CopyHcwScript => {
                let text = super::super::hcw_cache::script_text(
                    self.session.doc(),
                    self.findings.list(),
                    self.as_of().date,
                );
                self.ctx.copy_text(text);
                self.info("Copied the HCW preview script");
            }
        }
    }

    fn run_action(&mut self, action: Action) {
        match action {
            Action::New => self.request(Continuation::New(None)),
            Action::Open => self.request(Continuation::OpenDialog),
            Action::Import => self.request(Continuation::ImportDialog),
            Action::Save => self.save(),
            Action::SaveAs => self.save_as(None),
            Action::Export => self.exporter.open(),
            Action::ExportSelection => self.export_selection_as_plan(),
            Action::Quit => self.request(Continuation::Quit),
            Action::Undo => {
                if let Some(label) = self.session.undo() {
                    self.after_change();
                    self.info(format!("Undid {label}"));
                }
            }
            Action::Redo => {
                if let Some(label) = self.session.redo() {
                    self.after_change();
                    self.info(format!("Redid {label}"));
                }
            }
            Action::Copy => self.copy_selection(),
            Action::Cut => self.cut_selection(),
            // The backend answers with a paste event carrying the clipboard's text.
            Action::Paste => self
                .ctx
                .send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Action::Find => match &mut self.find {
                Some(bar) => bar.refocus(),
                None => self.find = Some(FindBar::new()),
            },
            Action::Rename => {
                if let Some(id) = self.selection.single_node().cloned() {
                    self.canvas.start_rename(id);
                }
            }
            Action::Delete => self.delete_selection(),
            Action::Duplicate => self.duplicate_selection(),
            Action::SelectAll => self.select_all(),
            Action::Tidy => self.tidy_layout(),
            Action::Arrange(arrange) => self.arrange(arrange),
            Action::SnapToGrid => {
                let on = !self.canvas.snap();
                self.canvas.set_snap(on);
                self.info(if on {
                    "Snap to grid on: dragged cards land on the grid"
                } else {
                    "Snap to grid off"
                });
            }
            Action::CopyImage => self.copy_diagram_image(),
            Action::Cancel => self.cancel_gesture(),
            Action::Fit => self.canvas.fit(),
            Action::ZoomIn => self.canvas.zoom_by(ZOOM_STEP),
            Action::ZoomOut => self.canvas.zoom_by(1.0 / ZOOM_STEP),
            Action::HelpShortcuts => self.help = Some(HelpPage::Shortcuts),
            Action::HelpRules => self.help = Some(HelpPage::Rules),
            Action::HelpCollectScript => self.save_collect_script(),
            Action::HelpAbout => self.help = Some(HelpPage::About),
            Action::Present => {
                if self.presenter.is_none() {
                    self.canvas.cancel_gesture();
                    self.presenter = Some(Presenter::new(self.session.doc(), self.findings.list()));
                }
            }
        }
    }

    /// Applies an edit through the history (so it can be undone) and keeps the view in step;
    /// a refused edit is explained in the status bar. Returns whether it was applied.
    pub fn apply(&mut self, command: Command) -> bool {
        match self.session.apply(command) {
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
        self.selection.retain_existing(self.session.doc());
        self.canvas.sync(self.session.doc());
    }

    /// Replaces the selection (ids that do not exist are dropped).
    pub fn select(&mut self, selection: Selection) {
        self.selection = selection;
        self.selection.retain_existing(self.session.doc());
        self.highlight = None;
    }

    /// Selects every node and link.
    pub fn select_all(&mut self) {
        let doc = self.session.doc();
        self.selection.nodes = doc.nodes.iter().map(|n| n.id.clone()).collect();
        self.selection.links = doc.links.iter().map(|l| l.id.clone()).collect();
    }

    /// Puts the selected nodes and the links among them on the clipboard as plan text.
    fn copy_selection(&mut self) {
        let count = self.selection.nodes.len();
        if count == 0 {
            return;
        }
        let text = edit::clipboard::copy(self.session.doc(), &self.selection);
        self.ctx.copy_text(text);
        self.info(format!("Copied {}", nodes_word(count)));
    }

    /// Copies the selection, then deletes it (one undo step).
    fn cut_selection(&mut self) {
        let Some(cut) = edit::clipboard::cut(self.session.doc(), &self.selection) else {
            return;
        };
        let count = self.selection.nodes.len();
        if self.apply(cut.command) {
            self.ctx.copy_text(cut.text);
            self.selection.clear();
            self.info(format!("Cut {}", nodes_word(count)));
        }
    }

    /// Pastes a copied plan at the pointer (or the middle of the view) and selects it.
    fn paste(&mut self, text: &str) {
        let at = self
            .canvas
            .pointer_pos(&self.ctx)
            .unwrap_or_else(|| self.canvas.view_center());
        match edit::clipboard::paste(self.session.doc(), text, at) {
            Ok(paste) => {
                let selection = paste.selection();
                let count = paste.nodes.len();
                if self.apply(paste.command) {
                    self.selection = selection;
                    self.info(format!("Pasted {}", nodes_word(count)));
                }
            }
            Err(e) => self.problem(format!("Could not paste: {e}")),
        }
    }

    /// Deletes the selected nodes (with their links) and links.
    fn delete_selection(&mut self) {
        if self.selection.is_empty() {
            return;
        }
        if let Some(command) = edit::delete(self.session.doc(), &self.selection) {
            let label = command.label();
            if self.apply(command) {
                self.selection.clear();
                let undo = self.shortcut(Action::Undo);
                self.info(format!("{label} ({undo} to undo)"));
            }
        }
    }

    /// Duplicates the selected nodes (and the links between them) and selects the copies.
    fn duplicate_selection(&mut self) {
        if self.selection.nodes.is_empty() {
            return;
        }
        let command = edit::duplicate(self.session.doc(), &self.selection, DUPLICATE_OFFSET);
        let copies = added_nodes(&command);
        if self.apply(command) {
            self.selection = Selection::default();
            self.selection.nodes.extend(copies);
        }
    }

    /// Places every node in the tidy columns (one undo step) and fits the view to the result.
    fn tidy_layout(&mut self) {
        match edit::tidy_layout(self.session.doc()) {
            Some(command) => {
                if self.apply(command) {
                    self.canvas.fit();
                    let undo = self.shortcut(Action::Undo);
                    self.info(format!("Tidied the layout ({undo} puts it back)"));
                }
            }
            None => self.info("The layout is already tidy"),
        }
    }

    /// Aligns or distributes the selected nodes (one undo step).
    fn arrange(&mut self, arrange: Arrange) {
        let ids: Vec<_> = self.selection.nodes.iter().cloned().collect();
        if ids.len() < arrange.needs() {
            self.info(format!(
                "{} needs {} or more selected nodes",
                arrange.text(),
                arrange.needs()
            ));
            return;
        }
        match arrange.command(self.session.doc(), &ids) {
            Some(command) => {
                self.apply(command);
            }
            None => self.info(format!("{}: nothing to move", arrange.text())),
        }
    }

    /// Cancels a gesture in progress, else puts the link tool down, else clears the selection.
    fn cancel_gesture(&mut self) {
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

    /// Selects a finding's subjects and brings them into view.
    fn select_finding(&mut self, finding: &Finding) {
        self.selection = Selection::default();
        self.selection.nodes.extend(finding.nodes.iter().cloned());
        self.selection.links.extend(finding.links.iter().cloned());
        let mut nodes: Vec<NodeId> = finding.nodes.clone();
        for link in &finding.links {
            if let Some(l) = self.session.doc().link(link.as_str()) {
                nodes.push(l.from.clone());
                nodes.push(l.to.clone());
            }
        }
        if !nodes.is_empty() {
            self.canvas.reveal(&nodes);
        }
    }

    /// Applies the quick fix the edit module offers for this finding, if any.
    fn apply_quick_fix(&mut self, finding: &Finding) {
        if let Some(fix) = edit::quick_fix(self.session.doc(), finding)
            && self.apply(fix.command)
        {
            self.info(format!("Fixed: {}", fix.label));
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

    fn run_canvas_action(&mut self, action: CanvasAction) {
        match action {
            CanvasAction::SetSelection(selection) => {
                self.selection = selection;
                self.highlight = None;
            }
            CanvasAction::AddNode { kind, pos } => {
                self.add_node(edit::new_node(self.session.doc(), kind, pos));
            }
            CanvasAction::AddServer { version, pos } => {
                self.add_node(edit::new_server(self.session.doc(), version, pos));
            }
            CanvasAction::Connect { kind, from, to } => {
                match edit::connect(self.session.doc(), kind, &from, &to) {
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
                // A node dropped in another zone's box joins it, in the same undo step.
                let command = edit::move_with_rezone(self.session.doc(), moves);
                let rezoned = match &command {
                    Command::Batch { label, .. } => Some(label.clone()),
                    _ => None,
                };
                if self.apply(command)
                    && let Some(label) = rezoned
                {
                    self.info(label);
                }
            }
            CanvasAction::Rename { id, name } => {
                if let Some(command) = self
                    .session
                    .doc()
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

    /// How this platform writes the action's first shortcut, for hints in messages.
    fn shortcut(&self, action: Action) -> String {
        action
            .shortcut_text(&self.ctx)
            .unwrap_or_else(|| action.text().to_owned())
    }
}

/// The ids of the nodes a command adds (directly or in a batch).
fn added_nodes(command: &Command) -> Vec<NodeId> {
    match command {
        Command::AddNode { node, .. } => vec![node.id.clone()],
        Command::Batch { commands, .. } => commands.iter().flat_map(added_nodes).collect(),
        _ => Vec::new(),
    }
}

/// "1 node", "3 nodes".
fn nodes_word(count: usize) -> String {
    if count == 1 {
        "1 node".to_owned()
    } else {
        format!("{count} nodes")
    }
}
