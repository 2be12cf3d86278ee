//! The inspector: every field of the selected node or link, or the plan's own settings when
//! nothing is selected. It offers only valid choices, and every change is one edit command.

mod link;
mod node;
mod plan;

use super::command::{Action, AppCommand, PanelCtx};
use egui::{Grid, RichText, Ui};

/// Draws the inspector for the current selection; a change becomes one edit command.
pub(crate) fn inspector_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let selection = ctx.selection;
            let one_node = single(&selection.nodes).filter(|_| selection.links.is_empty());
            let one_link = single(&selection.links).filter(|_| selection.nodes.is_empty());
            let command = if let Some(n) = one_node.and_then(|id| ctx.doc.node(id.as_str())) {
                node::node_editor(ui, n)
            } else if let Some(l) = one_link.and_then(|id| ctx.doc.link(id.as_str())) {
                link::link_editor(ui, ctx.doc, l)
            } else if selection.is_empty() {
                plan::plan_editor(ui, ctx.doc)
            } else {
                ui.heading("Selection");
                ui.label(format!(
                    "{} nodes and {} links selected.",
                    selection.nodes.len(),
                    selection.links.len()
                ));
                ui.add_space(6.0);
                if ui.button("Delete selection").clicked() {
                    out.push(AppCommand::Action(Action::Delete));
                }
                None
            };
            if let Some(command) = command {
                out.push(AppCommand::Edit(Box::new(command)));
            }
        });
}

fn single<T>(set: &std::collections::BTreeSet<T>) -> Option<&T> {
    if set.len() == 1 {
        set.iter().next()
    } else {
        None
    }
}

pub(super) fn field_label(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(ui.visuals().weak_text_color()));
}

pub(super) fn grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    Grid::new(id)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .min_col_width(90.0)
        .striped(false)
        .show(ui, add);
}
