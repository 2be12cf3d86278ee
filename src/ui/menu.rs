//! The menu bar (File, Edit, View), generated from the command table.

use super::command::{Action, AppCommand, Arrange, Continuation, PanelCtx};
use egui::{Button, Ui};

/// Draws the menu bar.
pub(crate) fn menu_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, ctx, out));
        ui.menu_button("Edit", |ui| edit_menu(ui, ctx, out));
        ui.menu_button("View", |ui| view_menu(ui, ctx, out));
        ui.menu_button("Help", |ui| {
            for action in [
                Action::HelpShortcuts,
                Action::HelpRules,
                Action::HelpCollectScript,
                Action::HelpAbout,
            ] {
                action.menu_item(ui, ctx, None, out);
            }
        });
    });
}

fn file_menu(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    ui.menu_button("New", |ui| {
        // The first template is the blank plan, which Ctrl+N makes.
        for (i, template) in crate::edit::templates().iter().enumerate() {
            let mut button = Button::new(template.name);
            if i == 0
                && let Some(shortcut) = Action::New.shortcut_text(ui.ctx())
            {
                button = button.shortcut_text(shortcut);
            }
            if ui.add(button).on_hover_text(template.description).clicked() {
                out.push(AppCommand::Request(Continuation::New(Some(i))));
            }
        }
    });
    Action::Open.menu_item(ui, ctx, None, out);
    let recent = ctx.recent.paths();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    out.push(AppCommand::Request(Continuation::OpenPath(path.clone())));
                }
            }
            ui.separator();
            if ui.button("Clear list").clicked() {
                out.push(AppCommand::ClearRecent);
            }
        });
    });
    Action::Import.menu_item(ui, ctx, None, out);
    ui.separator();
    Action::Save.menu_item(ui, ctx, None, out);
    Action::SaveAs.menu_item(ui, ctx, None, out);
    ui.separator();
    Action::Export.menu_item(ui, ctx, None, out);
    Action::ExportSelection.menu_item(ui, ctx, None, out);
    ui.separator();
    Action::Quit.menu_item(ui, ctx, None, out);
}

fn edit_menu(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    let undo = ctx.history.undo_label().map(|l| format!("Undo {l}"));
    Action::Undo.menu_item(ui, ctx, undo.as_deref(), out);
    let redo = ctx.history.redo_label().map(|l| format!("Redo {l}"));
    Action::Redo.menu_item(ui, ctx, redo.as_deref(), out);
    ui.separator();
    for action in [Action::Cut, Action::Copy, Action::Paste] {
        action.menu_item(ui, ctx, None, out);
    }
    ui.separator();
    for action in [
        Action::Find,
        Action::Rename,
        Action::Delete,
        Action::Duplicate,
        Action::SelectAll,
    ] {
        action.menu_item(ui, ctx, None, out);
    }
    ui.separator();
    Action::Tidy.menu_item(ui, ctx, None, out);
    ui.menu_button("Arrange", |ui| {
        for (i, arrange) in Arrange::ALL.into_iter().enumerate() {
            if i == 6 {
                ui.separator();
            }
            Action::Arrange(arrange).menu_item(ui, ctx, None, out);
        }
    });
    ui.separator();
    Action::CopyImage.menu_item(ui, ctx, None, out);
}

fn view_menu(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    for action in [Action::Fit, Action::ZoomIn, Action::ZoomOut] {
        action.menu_item(ui, ctx, None, out);
    }
    ui.separator();
    let snap = if ctx.snap {
        "\u{2714} Snap to grid"
    } else {
        "Snap to grid"
    };
    Action::SnapToGrid.menu_item(ui, ctx, Some(snap), out);
    ui.separator();
    Action::Present.menu_item(ui, ctx, None, out);
}
