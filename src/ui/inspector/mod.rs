//! The inspector: every field of the selected node or link, or the plan's own settings when
//! nothing is selected. It offers only valid choices, and every change is one edit command.

mod certificate;
mod link;
mod network;
mod node;
mod plan;

use super::command::{Action, AppCommand, PanelCtx};
use super::widgets::{check, commit_text};
use egui::{Grid, Id, RichText, Ui};

/// Draws the inspector for the current selection; a change becomes one edit command.
pub(crate) fn inspector_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let selection = ctx.selection;
            let one_node = selection.single_node();
            let one_link = single(&selection.links).filter(|_| selection.nodes.is_empty());
            let command = if let Some(n) = one_node.and_then(|id| ctx.doc.node(id.as_str())) {
                node::node_editor(ui, ctx.doc, n)
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

/// Names typed one per line (commas and spaces separate them too), blanks left out.
pub(super) fn parse_names(text: &str) -> Vec<String> {
    text.split(|c: char| c == '\n' || c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A field of names, one per line; the new list once the user commits it.
pub(super) fn names_field(
    ui: &mut Ui,
    id: Id,
    current: &[String],
    hint: &str,
) -> Option<Vec<String>> {
    let (_, committed) = commit_text(ui, id, &current.join("\n"), hint, 3, false);
    committed
        .map(|t| parse_names(&t))
        .filter(|names| names != current)
}

/// A new value for a list the format lets a plan leave unmodeled (`None` inside: not
/// modeled, so the rules that need it skip it).
pub(super) struct NewList<T>(pub Option<Vec<T>>);

/// A list that is either not modeled or a list of names: a checkbox and, when ticked, the
/// names one per line. Ticking it starts the list with `seed`. Returns the new value once
/// changed.
pub(super) fn modeled_names(
    ui: &mut Ui,
    id: Id,
    current: Option<&[String]>,
    check_text: &str,
    hint: &str,
    seed: &[String],
) -> Option<NewList<String>> {
    let mut out = None;
    ui.vertical(|ui| {
        if let Some(on) = check(ui, current.is_some(), check_text) {
            out = Some(NewList(on.then(|| seed.to_vec())));
        }
        if let Some(list) = current
            && let Some(names) = names_field(ui, id, list, hint)
        {
            out = Some(NewList(Some(names)));
        }
    });
    out
}

/// A text field whose value must pass `parse`: the parsed value once the user commits an
/// acceptable text. A refused text is not saved; why is shown under the field until the next
/// acceptable commit.
pub(super) fn checked_text<T>(
    ui: &mut Ui,
    id: Id,
    current: &str,
    hint: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let error_id = id.with("refused");
    let mut out = None;
    ui.vertical(|ui| {
        if let (_, Some(t)) = commit_text(ui, id, current, hint, 1, false) {
            let t = t.trim();
            match parse(t) {
                Ok(v) => {
                    ui.data_mut(|d| d.remove::<String>(error_id));
                    out = Some(v);
                }
                Err(why) => {
                    let message = format!("“{t}” was not saved: {why}.");
                    ui.data_mut(|d| d.insert_temp(error_id, message));
                }
            }
        }
        if let Some(message) = ui.data(|d| d.get_temp::<String>(error_id)) {
            ui.add(
                egui::Label::new(
                    RichText::new(message)
                        .small()
                        .color(super::theme::severity_colour(crate::rules::Severity::Error)),
                )
                .wrap(),
            );
        }
    });
    out
}

/// Blank text is `None`, anything else trimmed.
pub(super) fn non_blank(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::parse_names;

    #[test]
    fn names_are_one_per_line_and_blanks_are_dropped() {
        assert_eq!(
            parse_names("mail.contoso.com\n\n autodiscover.contoso.com \n"),
            ["mail.contoso.com", "autodiscover.contoso.com"]
        );
        assert_eq!(parse_names("a.com, b.com"), ["a.com", "b.com"]);
        assert!(parse_names("  \n").is_empty());
    }
}
