//! The status bar along the bottom: the plan, its findings by severity, the zoom and the last message.

use super::command::PanelCtx;
use super::status::StatusKind;
use super::theme;
use crate::rules::Severity;
use egui::{RichText, Ui};

/// Draws the status bar's contents (the caller gives it its bottom panel). It only reads.
pub(crate) fn status_bar_ui(ui: &mut Ui, ctx: &PanelCtx<'_>) {
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

fn plural(severity: Severity, n: usize) -> &'static str {
    match (severity, n == 1) {
        (Severity::Error, true) => "error",
        (Severity::Error, false) => "errors",
        (Severity::Warning, true) => "warning",
        (Severity::Warning, false) => "warnings",
        (Severity::Info, _) => "info",
    }
}
