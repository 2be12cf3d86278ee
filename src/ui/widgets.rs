//! Small widgets the panels share: text fields that commit once (on Enter or focus loss, so one
//! edit is one undo step) and combo boxes over a fixed list of choices.

use egui::{Id, Key, Response, TextEdit, Ui};

/// A text field showing `current` that returns the new text once the user commits it (Enter in a
/// single-line field, or leaving the field), and `None` while typing or when nothing changed.
/// Esc throws the typing away. `rows` above 1 makes a multi-line field that tall; `focus`
/// takes the keyboard focus with the whole text selected.
pub(crate) fn commit_text(
    ui: &mut Ui,
    id: Id,
    current: &str,
    hint: &str,
    rows: usize,
    focus: bool,
) -> (Response, Option<String>) {
    let mut buffer: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let edit = if rows > 1 {
        TextEdit::multiline(&mut buffer).desired_rows(rows)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    // A hint is italic and faint, so an empty field never reads as holding a value.
    let hint = egui::RichText::new(hint)
        .italics()
        .color(ui.visuals().weak_text_color().gamma_multiply(0.8));
    let output = edit
        .id(id)
        .hint_text(hint)
        .desired_width(f32::INFINITY)
        .show(ui);
    let response = output.response.response;
    if focus {
        // Rename: focus the field with its whole text selected, ready to type over.
        response.request_focus();
        let mut state = output.state;
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(buffer.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), id);
    }
    // The widget's focus, not the window's: `Response::has_focus` is false while the window
    // is in the background, and the text typed so far must survive an Alt+Tab.
    if ui.memory(|m| m.has_focus(id)) {
        ui.data_mut(|d| d.insert_temp(id, buffer));
        return (response, None);
    }
    ui.data_mut(|d| d.remove::<String>(id));
    let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
    if response.lost_focus() && !cancelled && buffer != current {
        (response, Some(buffer))
    } else {
        (response, None)
    }
}

/// A combo box over `choices`; returns the choice the user picked when it differs from `current`.
pub(crate) fn combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    current: T,
    choices: &[T],
    label: impl Fn(T) -> String,
) -> Option<T> {
    let mut picked = None;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(label(current))
        .width(ui.available_width().min(240.0))
        .show_ui(ui, |ui| {
            for &choice in choices {
                if ui
                    .selectable_label(choice == current, label(choice))
                    .clicked()
                    && choice != current
                {
                    picked = Some(choice);
                }
            }
        });
    picked
}

/// A checkbox that returns the new value when clicked.
pub(crate) fn check(ui: &mut Ui, value: bool, text: &str) -> Option<bool> {
    let mut v = value;
    if ui.checkbox(&mut v, text).changed() {
        Some(v)
    } else {
        None
    }
}

/// A closable document window of the usual size, centred in the program's window clear of
/// the menu bar and the toolbar (help pages, the import summary).
pub(crate) fn centred_window<'a>(
    ctx: &egui::Context,
    title: &str,
    id: &str,
    open: &'a mut bool,
) -> egui::Window<'a> {
    egui::Window::new(title)
        .id(egui::Id::new(id))
        .open(open)
        .collapsible(false)
        .resizable(true)
        .default_size([640.0, 620.0])
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
}
