//! The status bar along the bottom: the plan, its findings by severity, the day they are
//! worked out for (click it to look at another day), the zoom and the last message.

use super::as_of::AsOfSource;
use super::command::{AppCommand, PanelCtx};
use super::status::StatusKind;
use super::theme;
use super::widgets::commit_text;
use crate::model::Date;
use crate::rules::Severity;
use egui::{Id, Popup, PopupCloseBehavior, RichText, Ui};

/// Draws the status bar's contents (the caller gives it its bottom panel); the "as of" day's
/// pop-up sends [`AppCommand::SetAsOf`].
pub(crate) fn status_bar_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    ui.horizontal_centered(|ui| {
        if ctx.dirty {
            ui.label(RichText::new("•").strong())
                .on_hover_text("Unsaved changes");
        }
        ui.label(RichText::new(ctx.doc.display_title()).strong());
        ui.separator();
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let n = ctx.findings.count(severity);
            let colour = if n == 0 {
                ui.visuals().weak_text_color()
            } else {
                theme::severity_colour(severity)
            };
            let text = format!(
                "{} {n} {}",
                theme::severity_icon(severity),
                plural(severity, n)
            );
            ui.label(RichText::new(text).color(colour));
        }
        ui.separator();
        as_of_ui(ui, ctx, out);
        ui.separator();
        ui.label(format!("Zoom {:.0}%", ctx.zoom * 100.0));
        if let Some(tool) = ctx.link_tool {
            ui.separator();
            ui.label(
                RichText::new(format!(
                    "Link tool {}: drag from one node to another (Esc to stop)",
                    tool.label()
                ))
                .strong(),
            );
        }
        if let Some(status) = ctx.status {
            ui.separator();
            let colour = match status.kind {
                StatusKind::Info => ui.visuals().text_color(),
                StatusKind::Problem => theme::severity_colour(Severity::Error),
            };
            // A long message is cut to the bar's width; the whole of it is one hover away.
            ui.add(egui::Label::new(RichText::new(&status.text).color(colour)).truncate())
                .on_hover_text(&status.text);
        }
    });
}

/// The day the findings are worked out for, as a button that opens a small pop-up to judge
/// the plan as of another day for this session only.
fn as_of_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    let as_of = ctx.as_of;
    let mut text = RichText::new(as_of.text());
    if as_of.source == AsOfSource::Session {
        // A day other than the plan's is easy to forget: keep it visible.
        text = text.strong().color(ui.visuals().warn_fg_color);
    }
    let button = ui
        .add(egui::Button::new(text).frame(false))
        .on_hover_text("The day the findings and certificate expiry are checked on. Click to look at another day without changing the plan.");
    let error_id = Id::new("as_of_error");
    Popup::from_toggle_button_response(&button)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .width(280.0)
        .show(|ui| {
            ui.set_max_width(280.0);
            ui.label(RichText::new("Check the plan as of").strong());
            ui.label(
                RichText::new("For this session only: the plan keeps its own date.")
                    .small()
                    .color(ui.visuals().weak_text_color()),
            );
            ui.add_space(4.0);
            let (_, committed) = commit_text(
                ui,
                Id::new("as_of_field"),
                &as_of.date.to_string(),
                "e.g. 2027-12-31 (YYYY-MM-DD)",
                1,
                // Ready to type over as soon as it opens.
                button.clicked(),
            );
            if let Some(t) = committed {
                let t = t.trim().to_owned();
                match Date::parse(&t) {
                    Ok(date) => {
                        ui.data_mut(|d| d.remove::<String>(error_id));
                        out.push(AppCommand::SetAsOf(Some(date)));
                    }
                    Err(e) => ui.data_mut(|d| {
                        d.insert_temp(error_id, format!("“{t}” is not a day: {e}."));
                    }),
                }
            }
            if let Some(error) = ui.data(|d| d.get_temp::<String>(error_id)) {
                ui.label(RichText::new(error).color(theme::severity_colour(Severity::Error)));
            }
            ui.add_space(4.0);
            let plan_date = ctx.doc.hybrid.evaluation_date.is_some();
            let reset = if plan_date {
                "Use the plan's date"
            } else {
                "Use the plan's date (today)"
            };
            if ui
                .add_enabled(
                    as_of.source == AsOfSource::Session,
                    egui::Button::new(reset),
                )
                .clicked()
            {
                ui.data_mut(|d| d.remove::<String>(error_id));
                out.push(AppCommand::SetAsOf(None));
            }
        });
}

fn plural(severity: Severity, n: usize) -> &'static str {
    match (severity, n == 1) {
        (Severity::Error, true) => "error",
        (Severity::Error, false) => "errors",
        (Severity::Warning, true) => "warning",
        (Severity::Warning, false) => "warnings",
        (Severity::Info, _) => "info",
    }
}
