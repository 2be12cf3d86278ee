//! What panels read (`PanelCtx`) and what they send (`AppCommand`).

use super::Action;
use crate::edit::{self, History, Selection};
use crate::model::{Camera, Document, LinkKind};
use crate::ui::canvas::CanvasAction;
use crate::ui::files::RecentFiles;
use crate::ui::findings_cache::FindingsCache;
use std::path::PathBuf;

/// Which page the right-hand side shows above the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidePage {
    /// The selected node or link, or the plan's settings.
    Inspector,
    /// The plan's presentation views.
    Views,
    /// The Hybrid Configuration Wizard preview.
    Hcw,
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
    /// Ask for an inventory folder, then import it (File → Import organization…).
    ImportDialog,
    /// Import this folder or file (`hybrid-designer --import DIR`).
    ImportPath(PathBuf),
    /// Open the plan an import has just made (asked again only when the open plan changed
    /// while the import ran).
    TakeImport,
    /// Close the window.
    Quit,
}

/// What a panel asks the app to do; run after the panels are drawn, in the same frame.
#[must_use]
#[derive(Debug, Clone)]
pub enum AppCommand {
    /// One of the declared actions.
    Action(Action),
    /// Apply an edit through the history (one undo step).
    Edit(Box<edit::Command>),
    /// Replace the selection.
    Select(Selection),
    /// Paste this text (a plan copied from this window or another) at the pointer.
    Paste(String),
    /// Select this node and bring it into view (Find).
    Reveal(crate::model::NodeId),
    /// Select the subjects of the finding at this index and bring them into view.
    SelectFinding(usize),
    /// Apply the one-click fix of the finding at this index.
    QuickFix(usize),
    /// Pick up a link tool, or put it down with `None`.
    SetLinkTool(Option<LinkKind>),
    /// Something that replaces the open plan (asks first when there are unsaved changes).
    Request(Continuation),
    /// Empty the recent-files list.
    ClearRecent,
    /// Hide the banner that explains why a file could not be opened.
    DismissBanner,
    /// Show this page beside the findings.
    ShowSidePage(SidePage),
    /// A gesture on the canvas.
    Canvas(CanvasAction),
    /// Judge the plan as of this day for this session only (`None`: the plan's own date or
    /// today); the plan itself is unchanged.
    SetAsOf(Option<crate::model::Date>),
    /// Put the HCW preview's PowerShell script on the clipboard.
    CopyHcwScript,
}

/// What the panels may read of the designer's state: a narrow, read-only view built once a
/// frame. Panels answer with [`AppCommand`]s.
pub struct PanelCtx<'a> {
    /// The open plan.
    pub doc: &'a Document,
    /// The selected nodes and links.
    pub selection: &'a Selection,
    /// The validator's findings for `doc`, with what the panels show beside them.
    pub findings: &'a FindingsCache,
    /// The HCW preview of `doc` (computed while its tab shows).
    pub hcw: &'a crate::ui::hcw_cache::HcwCache,
    /// The undo history (labels, whether undo and redo can run).
    pub history: &'a History,
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// The link kind being drawn.
    pub link_tool: Option<LinkKind>,
    /// The canvas's zoom (1 = 100 %).
    pub zoom: f32,
    /// What the canvas shows, for "Add view from current camera".
    pub camera: Camera,
    /// Recently opened files.
    pub recent: &'a RecentFiles,
    /// The status bar's message.
    pub status: Option<&'a crate::ui::status::Status>,
    /// The page shown above the findings.
    pub side_page: SidePage,
    /// The day the findings and the certificate badges are worked out for.
    pub as_of: crate::ui::as_of::AsOf,
    /// Whether drags snap to the grid (View ▸ Snap to grid).
    pub snap: bool,
}
