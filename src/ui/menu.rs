//! The menu bar (File, Edit, View) and the keyboard shortcuts behind it.

use super::app::{Continuation, DesignerApp};
use egui::{Button, Key, KeyboardShortcut, Modifiers, Ui};

/// Ctrl+N (Cmd+N on macOS).
pub(crate) const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
/// Ctrl+O.
pub(crate) const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+S.
pub(crate) const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// Ctrl+Shift+S.
pub(crate) const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
/// Ctrl+E.
pub(crate) const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Ctrl+Shift+C: copy the diagram as an image.
pub(crate) const COPY_IMAGE: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
/// Ctrl+Z.
pub(crate) const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Ctrl+Shift+Z.
pub(crate) const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Ctrl+Y, the other common redo.
pub(crate) const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// Ctrl+D.
pub(crate) const DUPLICATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
/// Ctrl+A.
pub(crate) const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::A);
/// Delete.
pub(crate) const DELETE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Delete);
/// F2: rename the selected node in place.
pub(crate) const RENAME: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F2);
/// Ctrl+Shift+L: tidy layout.
pub(crate) const TIDY: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::L);
/// F: fit the plan in the view.
pub(crate) const FIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F);
/// +: zoom in.
pub(crate) const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Plus);
/// =: zoom in without Shift on most keyboards.
pub(crate) const ZOOM_IN_EQUALS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::NONE, Key::Equals);
/// -: zoom out.
pub(crate) const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Minus);
/// F5: present.
pub(crate) const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// Esc: cancel the gesture in progress or put down the link tool.
pub(crate) const CANCEL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Escape);

/// How much one zoom step changes the zoom.
const ZOOM_STEP: f32 = 1.25;

/// Handles the keyboard shortcuts for this frame. File shortcuts work everywhere; editing and
/// view shortcuts are left to a focused text field, which has its own meaning for them.
pub(crate) fn handle_shortcuts(ui: &Ui, app: &mut DesignerApp) {
    let ctx = ui.ctx().clone();
    let pressed = |sc: &KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(sc));
    // Order matters: consume the longer combination before its prefix (Ctrl+Shift+S before Ctrl+S).
    let save = if pressed(&SAVE_AS) {
        Some(true)
    } else if pressed(&SAVE) {
        Some(false)
    } else {
        None
    };
    if let Some(as_new) = save {
        if ctx.text_edit_focused() {
            // Commit the field being typed in first: leaving it commits it this frame, and the
            // save runs at the start of the next one.
            ctx.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
            app.defer_save(as_new);
            ctx.request_repaint();
        } else if as_new {
            app.save_as(None);
        } else {
            app.save();
        }
    }
    if pressed(&NEW) {
        app.request(Continuation::New(None));
    }
    if pressed(&OPEN) {
        app.request(Continuation::OpenDialog);
    }
    if pressed(&PRESENT) {
        app.present();
    }
    if pressed(&EXPORT) {
        app.open_export_dialog();
    }
    if ctx.text_edit_focused() {
        return;
    }
    if pressed(&COPY_IMAGE) || consume_shifted_copy(&ctx) {
        app.copy_diagram_image();
    }
    if pressed(&REDO) || pressed(&REDO_Y) {
        app.redo();
    } else if pressed(&UNDO) {
        app.undo();
    }
    if pressed(&DELETE) || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Backspace)) {
        app.delete_selection();
    }
    if pressed(&DUPLICATE) {
        app.duplicate_selection();
    }
    if pressed(&SELECT_ALL) {
        app.select_all();
    }
    if pressed(&RENAME) {
        app.rename_selected();
    }
    if pressed(&TIDY) {
        app.tidy_layout();
    }
    if pressed(&FIT) {
        app.canvas.fit();
    }
    if pressed(&ZOOM_IN) || pressed(&ZOOM_IN_EQUALS) {
        app.canvas.zoom_by(ZOOM_STEP);
    }
    if pressed(&ZOOM_OUT) {
        app.canvas.zoom_by(1.0 / ZOOM_STEP);
    }
    if pressed(&CANCEL) {
        app.cancel_gesture();
    }
}

/// egui-winit turns Ctrl+C into a copy event, Shift or not, and sends no key event for the
/// press: a copy event with Shift held is Ctrl+Shift+C. The modifiers of this frame are those
/// at its end, so a quick press (all keys down and up within one frame) is recognised by the
/// release of C, which still carries Ctrl+Shift.
fn consume_shifted_copy(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| {
        let shifted = |m: &Modifiers| m.command && m.shift;
        let held = shifted(&i.modifiers)
            || i.events.iter().any(|e| {
                matches!(e, egui::Event::Key { key: Key::C, modifiers, .. } if shifted(modifiers))
            });
        if !held {
            return false;
        }
        let before = i.events.len();
        i.events.retain(|e| !matches!(e, egui::Event::Copy));
        i.events.len() != before
    })
}

fn item(ui: &mut Ui, label: &str, shortcut: Option<&KeyboardShortcut>, enabled: bool) -> bool {
    let mut button = Button::new(label);
    if let Some(sc) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(sc));
    }
    ui.add_enabled(enabled, button).clicked()
}

/// Draws the menu bar.
pub(crate) fn show(ui: &mut Ui, app: &mut DesignerApp) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, app));
        ui.menu_button("Edit", |ui| edit_menu(ui, app));
        ui.menu_button("View", |ui| view_menu(ui, app));
    });
}

fn file_menu(ui: &mut Ui, app: &mut DesignerApp) {
    ui.menu_button("New", |ui| {
        // The first template is the blank plan, which Ctrl+N makes.
        for (i, template) in crate::edit::templates().iter().enumerate() {
            let shortcut = (i == 0).then_some(&NEW);
            let mut button = Button::new(template.name);
            if let Some(sc) = shortcut {
                button = button.shortcut_text(ui.ctx().format_shortcut(sc));
            }
            if ui.add(button).on_hover_text(template.description).clicked() {
                app.request(Continuation::New(Some(i)));
            }
        }
    });
    if item(ui, "Open…", Some(&OPEN), true) {
        app.request(Continuation::OpenDialog);
    }
    let recent: Vec<_> = app.recent.paths().to_vec();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open Recent", |ui| {
            for path in &recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(name)
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    app.request(Continuation::OpenPath(path.clone()));
                }
            }
            ui.separator();
            if ui.button("Clear list").clicked() {
                app.recent.clear();
            }
        });
    });
    ui.separator();
    if item(ui, "Save", Some(&SAVE), true) {
        app.save();
    }
    if item(ui, "Save As…", Some(&SAVE_AS), true) {
        app.save_as(None);
    }
    ui.separator();
    if item(ui, "Export…", Some(&EXPORT), true) {
        app.open_export_dialog();
    }
    if item(
        ui,
        "Export selection as a new plan…",
        None,
        !app.selection.is_empty(),
    ) {
        app.export_selection_as_plan();
    }
    ui.separator();
    if item(ui, "Quit", None, true) {
        app.request(Continuation::Quit);
    }
}

fn edit_menu(ui: &mut Ui, app: &mut DesignerApp) {
    let undo = app
        .history
        .undo_label()
        .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
    if item(ui, &undo, Some(&UNDO), app.history.can_undo()) {
        app.undo();
    }
    let redo = app
        .history
        .redo_label()
        .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
    if item(ui, &redo, Some(&REDO), app.history.can_redo()) {
        app.redo();
    }
    ui.separator();
    let has_selection = !app.selection.is_empty();
    if item(
        ui,
        "Rename",
        Some(&RENAME),
        app.single_selected_node().is_some(),
    ) {
        app.rename_selected();
    }
    if item(ui, "Delete", Some(&DELETE), has_selection) {
        app.delete_selection();
    }
    if item(
        ui,
        "Duplicate",
        Some(&DUPLICATE),
        !app.selection.nodes.is_empty(),
    ) {
        app.duplicate_selection();
    }
    if item(
        ui,
        "Select All",
        Some(&SELECT_ALL),
        !app.doc.nodes.is_empty(),
    ) {
        app.select_all();
    }
    ui.separator();
    if item(ui, "Tidy layout", Some(&TIDY), !app.doc.nodes.is_empty()) {
        app.tidy_layout();
    }
    ui.separator();
    if item(ui, "Copy diagram as image", Some(&COPY_IMAGE), true) {
        app.copy_diagram_image();
    }
}

fn view_menu(ui: &mut Ui, app: &mut DesignerApp) {
    if item(ui, "Fit to window", Some(&FIT), true) {
        app.canvas.fit();
    }
    if item(ui, "Zoom in", Some(&ZOOM_IN), true) {
        app.canvas.zoom_by(ZOOM_STEP);
    }
    if item(ui, "Zoom out", Some(&ZOOM_OUT), true) {
        app.canvas.zoom_by(1.0 / ZOOM_STEP);
    }
    ui.separator();
    if item(ui, "Present", Some(&PRESENT), true) {
        app.present();
    }
}
