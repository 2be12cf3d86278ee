//! Every user-visible action of the designer, declared once: its menu text, its tooltip and
//! its keyboard shortcuts. Menus, the keyboard handler, the status-bar hints and the help
//! sheet are all generated from this table, so an action's text and keys cannot disagree
//! between two places (rerun's `UICommand`).
//!
//! Panels never change the designer themselves: they read a [`PanelCtx`] and push
//! [`AppCommand`]s, which the app runs after the panels are drawn, in the same frame (the egui
//! demo's `Command` drained by `run_cmd`).

use egui::{Button, Key, KeyboardShortcut, Modifiers, Ui};

mod arrange;
mod keyboard;
mod outbox;

pub use arrange::Arrange;

pub use keyboard::{actions_from_keyboard, pasted_text, shortcut_text};
pub use outbox::{AppCommand, Continuation, PanelCtx, SidePage};

/// An action that needs no argument: what a menu item, a toolbar button or a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// A blank plan (File → New → the first template).
    New,
    /// File → Open….
    Open,
    /// File → Import organization… (a folder of PowerShell exports).
    Import,
    /// File → Save.
    Save,
    /// File → Save As….
    SaveAs,
    /// File → Export….
    Export,
    /// File → Export selection as a new plan….
    ExportSelection,
    /// File → Quit.
    Quit,
    /// Edit → Undo.
    Undo,
    /// Edit → Redo.
    Redo,
    /// Edit → Cut.
    Cut,
    /// Edit → Copy.
    Copy,
    /// Edit → Paste.
    Paste,
    /// Edit → Find….
    Find,
    /// Edit → Rename (in place on the canvas).
    Rename,
    /// Edit → Delete.
    Delete,
    /// Edit → Duplicate.
    Duplicate,
    /// Edit → Select All.
    SelectAll,
    /// Edit → Tidy layout.
    Tidy,
    /// Edit → Arrange → align or distribute the selected nodes.
    Arrange(Arrange),
    /// Edit → Copy diagram as image.
    CopyImage,
    /// Esc: cancel the gesture in progress, put the link tool down, or clear the selection.
    Cancel,
    /// View → Fit to window.
    Fit,
    /// View → Zoom in.
    ZoomIn,
    /// View → Zoom out.
    ZoomOut,
    /// View → Snap to grid (a toggle, kept between runs).
    SnapToGrid,
    /// View → Present.
    Present,
    /// Help → Keyboard shortcuts.
    HelpShortcuts,
    /// Help → Rule catalog.
    HelpRules,
    /// Help → Collection script… (save a copy of the inventory collection script).
    HelpCollectScript,
    /// Help → About.
    HelpAbout,
}

/// Ctrl (Cmd on macOS) with `key`.
const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// Ctrl+Shift (Cmd+Shift on macOS) with `key`.
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// `key` alone.
const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Action {
    /// Every action, in menu order.
    pub const ALL: [Action; 38] = [
        Action::New,
        Action::Open,
        Action::Import,
        Action::Save,
        Action::SaveAs,
        Action::Export,
        Action::ExportSelection,
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Cut,
        Action::Copy,
        Action::Paste,
        Action::Find,
        Action::Rename,
        Action::Delete,
        Action::Duplicate,
        Action::SelectAll,
        Action::Tidy,
        Action::Arrange(Arrange::ALL[0]),
        Action::Arrange(Arrange::ALL[1]),
        Action::Arrange(Arrange::ALL[2]),
        Action::Arrange(Arrange::ALL[3]),
        Action::Arrange(Arrange::ALL[4]),
        Action::Arrange(Arrange::ALL[5]),
        Action::Arrange(Arrange::ALL[6]),
        Action::Arrange(Arrange::ALL[7]),
        Action::CopyImage,
        Action::Cancel,
        Action::Fit,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::SnapToGrid,
        Action::Present,
        Action::HelpShortcuts,
        Action::HelpRules,
        Action::HelpCollectScript,
        Action::HelpAbout,
    ];

    /// The menu text.
    #[must_use]
    pub fn text(self) -> &'static str {
        match self {
            Action::New => "New blank plan",
            Action::Open => "Open…",
            Action::Import => "Import organization…",
            Action::Save => "Save",
            Action::SaveAs => "Save As…",
            Action::Export => "Export…",
            Action::ExportSelection => "Export selection as a new plan…",
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Cut => "Cut",
            Action::Copy => "Copy",
            Action::Paste => "Paste",
            Action::Find => "Find…",
            Action::Rename => "Rename",
            Action::Delete => "Delete",
            Action::Duplicate => "Duplicate",
            Action::SelectAll => "Select All",
            Action::Tidy => "Tidy layout",
            Action::Arrange(a) => a.text(),
            Action::SnapToGrid => "Snap to grid",
            Action::CopyImage => "Copy diagram as image",
            Action::Cancel => "Cancel",
            Action::Fit => "Fit to window",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::Present => "Present",
            Action::HelpShortcuts => "Keyboard shortcuts",
            Action::HelpRules => "Rule catalog",
            Action::HelpCollectScript => "Collection script…",
            Action::HelpAbout => "About",
        }
    }

    /// A small glyph for the toolbar, or `None` for actions that have no button there.
    #[must_use]
    pub fn icon(self) -> Option<&'static str> {
        match self {
            Action::New => Some("🗋"),
            Action::Open => Some("📂"),
            Action::Save => Some("💾"),
            Action::Undo => Some("⟲"),
            Action::Redo => Some("⟳"),
            Action::Tidy => Some("▦"),
            Action::Fit => Some("⛶"),
            Action::ZoomIn => Some("➕"),
            Action::ZoomOut => Some("➖"),
            Action::Export => Some("📤"),
            Action::Present => Some("▶"),
            Action::SaveAs
            | Action::Import
            | Action::ExportSelection
            | Action::Quit
            | Action::Cut
            | Action::Copy
            | Action::Paste
            | Action::Find
            | Action::Rename
            | Action::Delete
            | Action::Duplicate
            | Action::SelectAll
            | Action::CopyImage
            | Action::Arrange(_)
            | Action::SnapToGrid
            | Action::Cancel
            | Action::HelpShortcuts
            | Action::HelpRules
            | Action::HelpCollectScript
            | Action::HelpAbout => None,
        }
    }

    /// What the action does, for tooltips and the shortcut sheet.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        match self {
            Action::New => "Start a new, empty plan",
            Action::Open => "Open a plan file (.hybrid.json)",
            Action::Import => {
                "Make the as-is plan of an existing organization from a folder of PowerShell \
                 exports (Collect-HybridInventory.ps1)"
            }
            Action::Save => "Save the plan to its file",
            Action::SaveAs => "Save the plan to a new file",
            Action::Export => {
                "Export the diagram, a report or the HCW preview script (SVG, PNG, JSON, Markdown, HTML, PDF, Visio, PowerShell)"
            }
            Action::ExportSelection => {
                "Write the selected nodes and the links between them as a new plan"
            }
            Action::Quit => "Close the designer",
            Action::Undo => "Undo the last change",
            Action::Redo => "Redo the last undone change",
            Action::Cut => "Copy the selected nodes and the links among them, then delete them",
            Action::Copy => {
                "Copy the selected nodes and the links among them (as plan text, so another \
                 window can paste them)"
            }
            Action::Paste => "Paste copied nodes and links at the pointer, with new names and ids",
            Action::Find => "Find a node by part of its name, tenant or id",
            Action::Rename => "Type a new name for the selected node on the canvas",
            Action::Delete => "Delete the selection (a node takes its links with it)",
            Action::Duplicate => "Copy the selected nodes and the links between them",
            Action::SelectAll => "Select every node and link",
            Action::Tidy => {
                "Place every node in the columns a hybrid diagram is read in (one undo step)"
            }
            Action::Arrange(a) => a.tooltip(),
            Action::SnapToGrid => {
                "Drop dragged cards on a 20-unit grid, drawn on the canvas while this is on"
            }
            Action::CopyImage => "Put a picture of the diagram on the clipboard",
            Action::Cancel => {
                "Cancel the gesture in progress, put the link tool down, or clear the selection"
            }
            Action::Fit => "Show the whole plan",
            Action::ZoomIn => "Zoom in one step",
            Action::ZoomOut => "Zoom out one step",
            Action::Present => "Present the plan full screen, slide by slide",
            Action::HelpShortcuts => "Every keyboard shortcut of the designer",
            Action::HelpRules => "The rules the validator checks, with their sources",
            Action::HelpCollectScript => {
                "Save a copy of Collect-HybridInventory.ps1: read-only Get-* cmdlets that export \
                 what File → Import organization… reads; it changes nothing"
            }
            Action::HelpAbout => "Version, licence and where the designer keeps its data",
        }
    }

    /// The keyboard shortcuts, the one shown in menus first.
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [cmd(Key::N)];
        const OPEN: [KeyboardShortcut; 1] = [cmd(Key::O)];
        const SAVE: [KeyboardShortcut; 1] = [cmd(Key::S)];
        const SAVE_AS: [KeyboardShortcut; 1] = [cmd_shift(Key::S)];
        const EXPORT: [KeyboardShortcut; 1] = [cmd(Key::E)];
        const UNDO: [KeyboardShortcut; 1] = [cmd(Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [cmd_shift(Key::Z), cmd(Key::Y)];
        const RENAME: [KeyboardShortcut; 1] = [plain(Key::F2)];
        const CUT: [KeyboardShortcut; 1] = [cmd(Key::X)];
        const COPY: [KeyboardShortcut; 1] = [cmd(Key::C)];
        const PASTE: [KeyboardShortcut; 1] = [cmd(Key::V)];
        const FIND: [KeyboardShortcut; 1] = [cmd(Key::F)];
        const DELETE: [KeyboardShortcut; 2] = [plain(Key::Delete), plain(Key::Backspace)];
        const DUPLICATE: [KeyboardShortcut; 1] = [cmd(Key::D)];
        const SELECT_ALL: [KeyboardShortcut; 1] = [cmd(Key::A)];
        const TIDY: [KeyboardShortcut; 1] = [cmd_shift(Key::L)];
        const COPY_IMAGE: [KeyboardShortcut; 1] = [cmd_shift(Key::C)];
        const SNAP: [KeyboardShortcut; 1] = [cmd_shift(Key::G)];
        const CANCEL: [KeyboardShortcut; 1] = [plain(Key::Escape)];
        const FIT: [KeyboardShortcut; 1] = [plain(Key::F)];
        // `=` zooms in without Shift on most keyboards.
        const ZOOM_IN: [KeyboardShortcut; 2] = [plain(Key::Plus), plain(Key::Equals)];
        const ZOOM_OUT: [KeyboardShortcut; 1] = [plain(Key::Minus)];
        const PRESENT: [KeyboardShortcut; 1] = [plain(Key::F5)];
        const HELP: [KeyboardShortcut; 1] = [plain(Key::F1)];
        match self {
            Action::New => &NEW,
            Action::Open => &OPEN,
            Action::Save => &SAVE,
            Action::SaveAs => &SAVE_AS,
            Action::Export => &EXPORT,
            Action::Import
            | Action::ExportSelection
            | Action::Quit
            | Action::HelpRules
            | Action::HelpCollectScript
            | Action::HelpAbout => &[],
            Action::HelpShortcuts => &HELP,
            Action::Undo => &UNDO,
            Action::Redo => &REDO,
            Action::Cut => &CUT,
            Action::Copy => &COPY,
            Action::Paste => &PASTE,
            Action::Find => &FIND,
            Action::Rename => &RENAME,
            Action::Delete => &DELETE,
            Action::Duplicate => &DUPLICATE,
            Action::SelectAll => &SELECT_ALL,
            Action::Tidy => &TIDY,
            Action::Arrange(a) => a.shortcuts(),
            Action::SnapToGrid => &SNAP,
            Action::CopyImage => &COPY_IMAGE,
            Action::Cancel => &CANCEL,
            Action::Fit => &FIT,
            Action::ZoomIn => &ZOOM_IN,
            Action::ZoomOut => &ZOOM_OUT,
            Action::Present => &PRESENT,
        }
    }

    /// Whether the shortcut applies while a text field has the keyboard. File actions and
    /// presenting do; the others mean something else to a text field (Ctrl+Z, Delete, F, …).
    #[must_use]
    pub fn works_while_typing(self) -> bool {
        match self {
            Action::New
            | Action::Open
            | Action::Save
            | Action::SaveAs
            | Action::Export
            | Action::Present
            | Action::HelpShortcuts
            | Action::Find => true,
            Action::Import
            | Action::ExportSelection
            | Action::Quit
            | Action::Undo
            | Action::Redo
            | Action::Cut
            | Action::Copy
            | Action::Paste
            | Action::Rename
            | Action::Delete
            | Action::Duplicate
            | Action::SelectAll
            | Action::Tidy
            | Action::Arrange(_)
            | Action::SnapToGrid
            | Action::CopyImage
            | Action::Cancel
            | Action::Fit
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::HelpRules
            | Action::HelpCollectScript
            | Action::HelpAbout => false,
        }
    }

    /// Whether the action can do anything in this state (menus grey it out otherwise).
    #[must_use]
    pub fn is_enabled(self, ctx: &PanelCtx<'_>) -> bool {
        match self {
            Action::New
            | Action::Open
            | Action::Import
            | Action::Save
            | Action::SaveAs
            | Action::Export
            | Action::Quit
            | Action::CopyImage
            | Action::SnapToGrid
            | Action::Cancel
            | Action::Fit
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::Present
            | Action::HelpShortcuts
            | Action::HelpRules
            | Action::HelpCollectScript
            | Action::HelpAbout
            | Action::Paste
            | Action::Find => true,
            Action::Undo => ctx.history.can_undo(),
            Action::Redo => ctx.history.can_redo(),
            Action::Rename => ctx.selection.single_node().is_some(),
            Action::Delete | Action::ExportSelection => !ctx.selection.is_empty(),
            Action::Duplicate | Action::Cut | Action::Copy => !ctx.selection.nodes.is_empty(),
            Action::SelectAll | Action::Tidy => !ctx.doc.nodes.is_empty(),
            Action::Arrange(a) => ctx.selection.nodes.len() >= a.needs(),
        }
    }

    /// The first shortcut as this platform writes it ("Ctrl+Shift+L", "+"), or `None`.
    #[must_use]
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|sc| shortcut_text(ctx, sc))
    }

    /// A menu item for this action with its shortcut beside it and its tooltip; pushes the
    /// action when clicked. `text` overrides the menu text ("Undo Rename EX01").
    pub fn menu_item(
        self,
        ui: &mut Ui,
        ctx: &PanelCtx<'_>,
        text: Option<&str>,
        out: &mut Vec<AppCommand>,
    ) {
        let mut button = Button::new(text.unwrap_or(self.text()));
        if let Some(shortcut) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(shortcut);
        }
        if ui
            .add_enabled(self.is_enabled(ctx), button)
            .on_hover_text(self.tooltip())
            .clicked()
        {
            out.push(AppCommand::Action(self));
        }
    }
}

impl Action {
    /// A toolbar button for this action: its glyph, its tooltip with the shortcut; pushes the
    /// action when clicked.
    pub fn toolbar_button(self, ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
        let Some(icon) = self.icon() else {
            return;
        };
        let tip = match self.shortcut_text(ui.ctx()) {
            Some(keys) => format!("{} ({keys})\n{}", self.text(), self.tooltip()),
            None => format!("{}\n{}", self.text(), self.tooltip()),
        };
        let button =
            Button::new(egui::RichText::new(icon).size(15.0)).min_size(egui::vec2(28.0, 24.0));
        if ui
            .add_enabled(self.is_enabled(ctx), button)
            .on_hover_text(tip)
            .on_disabled_hover_text(self.text())
            .clicked()
        {
            out.push(AppCommand::Action(self));
        }
    }
}
