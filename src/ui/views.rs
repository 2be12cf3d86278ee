//! The "Presentation views" page beside the inspector: the plan's slides, with "Add view
//! from current camera", rename, caption, reorder, re-frame and delete.

use super::command::{AppCommand, PanelCtx};
use super::widgets::commit_text;
use crate::edit::{Command, Selection};
use crate::model::{Camera, Document, LinkId, NodeId, View};
use crate::present;
use egui::{RichText, Ui};

/// Draws the views page; each change is one `SetViews` edit.
pub(crate) fn views_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    if let Some(command) = views_panel(ui, ctx.doc, ctx.camera, ctx.selection) {
        out.push(AppCommand::Edit(Box::new(command)));
    }
}

/// The designer's "Views" panel: the plan's slides with "Add view from current camera",
/// rename, caption, reorder, re-frame and delete. Returns the edit to apply (one
/// `SetViews` command, so each change is one undo step), if the user made one this frame.
pub fn views_panel(
    ui: &mut Ui,
    doc: &Document,
    camera: Camera,
    selection: &Selection,
) -> Option<Command> {
    let views = &doc.views;
    let mut out: Option<Vec<View>> = None;
    let selected_nodes: Vec<NodeId> = selection.nodes.iter().cloned().collect();
    let selected_links: Vec<LinkId> = selection.links.iter().cloned().collect();
    if ui
        .button("Add view from current camera")
        .on_hover_text("The slide shows what the canvas shows now; the selection, if any, is highlighted and the rest dimmed")
        .clicked()
    {
        let added = present::add_view(views, camera, "");
        let last = added.len().saturating_sub(1);
        out = Some(present::set_highlight(&added, last, &selected_nodes, &selected_links));
    }
    if views.is_empty() {
        ui.label(RichText::new("No views yet: frame the canvas, then add a view. Presenting (F5) shows them in order.").weak());
    }
    let last = views.len().saturating_sub(1);
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, view) in views.iter().enumerate() {
                ui.push_id(("view", i), |ui| {
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("{}.", i + 1)).strong());
                        let id = ui.make_persistent_id("title");
                        if let (_, Some(title)) = commit_text(ui, id, &view.title, "Title", 1, false) {
                            out = Some(present::rename(views, i, &title));
                        }
                    });
                    let id = ui.make_persistent_id("caption");
                    if let (_, Some(caption)) = commit_text(ui, id, &view.caption, "Caption", 2, false)
                    {
                        out = Some(present::set_caption(views, i, &caption));
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(i > 0, egui::Button::new("Up"))
                            .on_hover_text("Move this view earlier")
                            .clicked()
                        {
                            out = Some(present::move_view(views, i, i - 1));
                        }
                        if ui
                            .add_enabled(i < last, egui::Button::new("Down"))
                            .on_hover_text("Move this view later")
                            .clicked()
                        {
                            out = Some(present::move_view(views, i, i + 1));
                        }
                        if ui
                            .button("Use current camera")
                            .on_hover_text("Frame this view on what the canvas shows now")
                            .clicked()
                        {
                            out = Some(present::recapture(views, i, camera));
                        }
                        if ui.button("Delete").clicked() {
                            out = Some(present::delete(views, i));
                        }
                    });
                    ui.horizontal(|ui| {
                        let highlighted = view.nodes.len() + view.links.len();
                        ui.label(
                            RichText::new(if highlighted == 0 {
                                "Highlights: everything".to_owned()
                            } else {
                                format!("Highlights: {highlighted} items")
                            })
                            .weak(),
                        );
                        if ui
                            .button("Highlight selection")
                            .on_hover_text("Show the selected nodes and links at full strength on this slide and dim the rest (with nothing selected: highlight everything)")
                            .clicked()
                        {
                            out = Some(present::set_highlight(views, i, &selected_nodes, &selected_links));
                        }
                    });
                });
            }
        });
    out.filter(|new| new != views).map(Command::SetViews)
}
