//! The "Hybrid Configuration Wizard" tab beside the inspector: the HCW preview of the plan
//! (`crate::hcw`), computed once per change of the plan, not once per frame. Blockers
//! first, then the wizard's pages with the plan's answers, the objects grouped by where
//! they run and the steps left to do; a click on an object selects the nodes and links it
//! comes from, and "Copy script" puts the PowerShell script on the clipboard.

use super::command::{AppCommand, PanelCtx};
use super::theme;
use crate::edit::Selection;
use crate::hcw::{Preview, Shell, Step};
use crate::rules::Severity;
use egui::{RichText, Ui};

/// Draws the tab.
pub(crate) fn hcw_ui(ui: &mut Ui, ctx: &PanelCtx<'_>, out: &mut Vec<AppCommand>) {
    let Some(preview) = ctx.hcw.preview() else {
        ui.label("Working out the preview…");
        return;
    };
    ui.horizontal(|ui| {
        if ui
            .button("📋 Copy script")
            .on_hover_text("Put the PowerShell script of this preview on the clipboard")
            .clicked()
        {
            out.push(AppCommand::CopyHcwScript);
        }
        let (text, colour) = if preview.ready() {
            (
                "✔ Ready for the wizard".to_owned(),
                theme::severity_colour(Severity::Info),
            )
        } else {
            (
                format!("✖ Not ready: {} blocker(s)", preview.blockers.len()),
                theme::severity_colour(Severity::Error),
            )
        };
        ui.label(RichText::new(text).color(colour).strong());
    });
    ui.label(
        RichText::new(
            "A review aid: the Hybrid Configuration Wizard remains the supported way to configure hybrid.",
        )
        .small()
        .color(ui.visuals().weak_text_color()),
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("hcw_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            blockers_ui(ui, preview, out);
            pages_ui(ui, preview);
            for shell in Shell::ALL {
                let steps: Vec<&Step> = preview
                    .objects
                    .iter()
                    .filter(|s| s.shell == shell)
                    .collect();
                if !steps.is_empty() {
                    steps_ui(ui, shell.label(), &steps, preview.ready(), out);
                }
            }
            if !preview.post_steps.is_empty() {
                let steps: Vec<&Step> = preview.post_steps.iter().collect();
                steps_ui(ui, "Afterwards: not done by the wizard", &steps, true, out);
            }
        });
}

fn blockers_ui(ui: &mut Ui, preview: &Preview, out: &mut Vec<AppCommand>) {
    if preview.blockers.is_empty() {
        return;
    }
    let colour = theme::severity_colour(Severity::Error);
    egui::CollapsingHeader::new(
        RichText::new(format!("Blockers ({})", preview.blockers.len()))
            .color(colour)
            .strong(),
    )
    .id_salt("hcw_blockers")
    .default_open(true)
    .show(ui, |ui| {
        for b in &preview.blockers {
            let text = format!("{}: {}", b.rule, b.message);
            let clicked = ui
                .add(
                    egui::Label::new(RichText::new(text).color(colour)).sense(egui::Sense::click()),
                )
                .on_hover_text("Select what the finding is about")
                .clicked();
            if clicked {
                out.push(AppCommand::Select(Selection {
                    nodes: b.nodes.iter().cloned().collect(),
                    links: b.links.iter().cloned().collect(),
                }));
            }
            if let Some(step) = b.wizard_step {
                ui.label(RichText::new(format!("Wizard step that fails: {step}")).small());
            }
            ui.hyperlink_to(RichText::new(b.source).small(), b.source);
            ui.add_space(4.0);
        }
    });
}

fn pages_ui(ui: &mut Ui, preview: &Preview) {
    egui::CollapsingHeader::new(RichText::new("Wizard pages and the plan's answers").strong())
        .id_salt("hcw_pages")
        .default_open(true)
        .show(ui, |ui| {
            for page in &preview.pages {
                ui.label(RichText::new(page.title).strong());
                egui::Grid::new(("hcw_page", page.title))
                    .num_columns(2)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for a in &page.answers {
                            ui.label(RichText::new(a.field).color(ui.visuals().weak_text_color()));
                            let label = ui.label(&a.value);
                            if let Some(note) = &a.note {
                                label.on_hover_text(note);
                            }
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
            }
        });
}

fn steps_ui(ui: &mut Ui, heading: &str, steps: &[&Step], ready: bool, out: &mut Vec<AppCommand>) {
    egui::CollapsingHeader::new(RichText::new(heading).strong())
        .id_salt(("hcw_steps", heading))
        .default_open(true)
        .show(ui, |ui| {
            for step in steps {
                let mark = step.mark.label();
                let mut title = format!("{} {}", step.id, step.title);
                if !mark.is_empty() {
                    title.push(' ');
                    title.push_str(mark);
                }
                if !ready {
                    title.push_str(" (not ready)");
                }
                let response = ui
                    .selectable_label(false, RichText::new(title).strong())
                    .on_hover_text(format!(
                        "{}\nSource: {}\nClick to select the nodes and links it comes from",
                        step.purpose, step.source
                    ));
                if response.clicked() {
                    out.push(AppCommand::Select(Selection {
                        nodes: step.nodes.iter().cloned().collect(),
                        links: step.links.iter().cloned().collect(),
                    }));
                }
                for line in &step.lines {
                    let text = if line.comment {
                        RichText::new(format!("# {}", line.text))
                            .color(ui.visuals().weak_text_color())
                    } else {
                        RichText::new(&line.text)
                    };
                    ui.add(egui::Label::new(text.monospace().small()).wrap());
                }
                ui.add_space(4.0);
            }
        });
}
