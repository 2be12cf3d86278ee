//! The findings list: the validator's findings grouped by severity, each with its rule, its
//! subjects, the suggested fix, the documentation page and, when there is one, a one-click fix.

use super::command::{AppCommand, PanelCtx};
use super::findings_cache::FindingEntry;
use super::theme;
use crate::rules::Severity;
use egui::{RichText, Sense, Ui, UiBuilder};

/// Draws the findings panel; a click selects a finding's subjects, 🔧 applies its fix.
pub(crate) fn findings_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    // A panel shrinks to its content and remembers that size; claiming the whole height keeps
    // room for the findings that appear later (the user can still drag the divider).
    ui.set_min_height(ui.available_height());
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Findings");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for severity in [Severity::Info, Severity::Warning, Severity::Error] {
                let n = ctx.findings.count(severity);
                let colour = if n == 0 {
                    ui.visuals().weak_text_color()
                } else {
                    theme::severity_colour(severity)
                };
                ui.label(
                    RichText::new(format!("{} {n}", theme::severity_icon(severity))).color(colour),
                )
                .on_hover_text(theme::severity_heading(severity));
            }
        });
    });
    ui.separator();
    if ctx.findings.list().is_empty() {
        ui.add_space(8.0);
        ui.label(
            RichText::new("✔ No findings: the plan follows every rule checked.")
                .color(ui.visuals().weak_text_color()),
        );
        return;
    }
    let mut select = None;
    let mut fix = None;
    egui::ScrollArea::vertical()
        .id_salt("findings_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                let n = ctx.findings.count(severity);
                if n == 0 {
                    continue;
                }
                let heading = RichText::new(format!(
                    "{} {} ({n})",
                    theme::severity_icon(severity),
                    theme::severity_heading(severity)
                ))
                .color(theme::severity_colour(severity))
                .strong();
                egui::CollapsingHeader::new(heading)
                    .id_salt(("findings_group", severity.key()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for (index, entry) in ctx.findings.entries().iter().enumerate() {
                            let finding = &ctx.findings.list()[index];
                            if finding.severity != severity {
                                continue;
                            }
                            let selected = !finding.nodes.is_empty()
                                && finding
                                    .nodes
                                    .iter()
                                    .all(|n| ctx.selection.nodes.contains(n))
                                && finding
                                    .links
                                    .iter()
                                    .all(|l| ctx.selection.links.contains(l));
                            let response = ui
                                .scope_builder(
                                    UiBuilder::new()
                                        .id_salt(("finding", index))
                                        .sense(Sense::click()),
                                    |ui| {
                                        entry_ui(ui, finding, entry, selected, &mut fix, index);
                                    },
                                )
                                .response;
                            if response.clicked() {
                                select = Some(index);
                            }
                            if response.hovered() {
                                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                            }
                            ui.add_space(4.0);
                        }
                    });
            }
        });
    if let Some(index) = fix {
        out.push(AppCommand::QuickFix(index));
    } else if let Some(index) = select {
        out.push(AppCommand::SelectFinding(index));
    }
}

fn entry_ui(
    ui: &mut Ui,
    finding: &crate::rules::Finding,
    entry: &FindingEntry,
    selected: bool,
    fix: &mut Option<usize>,
    index: usize,
) {
    let colour = theme::severity_colour(finding.severity);
    let fill = if selected {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, colour.gamma_multiply(0.5)))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(theme::severity_icon(finding.severity))
                        .color(colour)
                        .strong(),
                );
                ui.label(
                    RichText::new(finding.rule)
                        .monospace()
                        .color(ui.visuals().weak_text_color()),
                );
            });
            ui.add(egui::Label::new(&finding.message).wrap().selectable(false));
            if !entry.subjects.is_empty() {
                ui.label(
                    RichText::new(format!("On: {}", entry.subjects))
                        .color(ui.visuals().weak_text_color()),
                );
            }
            if !finding.fix.is_empty() {
                ui.add(
                    egui::Label::new(RichText::new(format!("Fix: {}", finding.fix)).italics())
                        .wrap()
                        .selectable(false),
                );
            }
            ui.horizontal_wrapped(|ui| {
                if let Some(label) = &entry.quick_fix
                    && ui
                        .button(RichText::new(format!("🔧 {label}")).color(colour))
                        .on_hover_text("Apply this fix (undo with Ctrl+Z)")
                        .clicked()
                {
                    *fix = Some(index);
                }
                if !finding.source.is_empty() {
                    ui.hyperlink_to("Documentation", finding.source)
                        .on_hover_text(finding.source);
                }
            });
        });
}
