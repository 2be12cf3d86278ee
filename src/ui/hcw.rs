//! The "Hybrid Configuration Wizard" tab beside the inspector: the HCW preview of the plan
//! (`crate::hcw`), computed once per change of the plan, not once per frame. Blockers
//! first, then the wizard's pages with the plan's answers, the objects grouped by where
//! they run and the steps left to do; a click on an object selects the nodes and links it
//! comes from, and "Copy script" puts the PowerShell script on the clipboard.

use super::command::{AppCommand, PanelCtx};
use super::theme;
use crate::edit::Selection;
use crate::hcw::{Blocker, Preview, Shell, Step};
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
                format!("✖ Not ready: {}", blockers_text(preview.blockers.len())),
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

/// "1 blocker", "3 blockers".
fn blockers_text(n: usize) -> String {
    if n == 1 {
        "1 blocker".to_owned()
    } else {
        format!("{n} blockers")
    }
}

/// Longer cmdlet lines are cut in the tab (a thousand server names help no reader there,
/// and laying them out every frame costs); the copied script has them whole.
const SHOWN_CHARS: usize = 1_200;

/// Likewise the lines of one step: a plan with a thousand receiving servers has a thousand
/// `Set-ReceiveConnector` lines, and a frame lays out every line of the tab.
const SHOWN_LINES: usize = 16;

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
            blocker_ui(ui, b, colour, out);
            ui.add_space(4.0);
        }
    });
}

/// One blocker as a card: the finding (click: select what it is about), then the wizard
/// step that fails and why, in words a consultant can take to the wizard.
fn blocker_ui(ui: &mut Ui, b: &Blocker, colour: egui::Color32, out: &mut Vec<AppCommand>) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(egui::Stroke::new(1.0, colour.gamma_multiply(0.5)))
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let text = format!("{}: {}", b.rule, b.message);
            let clicked = ui
                .add(
                    egui::Label::new(RichText::new(text).color(colour))
                        .wrap()
                        .sense(egui::Sense::click()),
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
                // "Page: why": the page's name in bold, so the eye finds the wizard step.
                let (page, why) = step.split_once(": ").unwrap_or((step, ""));
                let body = egui::TextStyle::Body.resolve(ui.style());
                let strong = ui.visuals().strong_text_color();
                let text_colour = ui.visuals().text_color();
                let mut job = egui::text::LayoutJob::default();
                let format = |color| egui::TextFormat::simple(body.clone(), color);
                job.append("Wizard step that fails: ", 0.0, format(text_colour));
                job.append(page, 0.0, format(strong));
                if !why.is_empty() {
                    job.append(&format!(": {why}"), 0.0, format(text_colour));
                }
                ui.add(egui::Label::new(job).wrap());
            } else {
                ui.add(
                    egui::Label::new(
                        RichText::new(
                            "The wizard does not stop on this: it would configure the plan as \
                             drawn, and something fails later.",
                        )
                        .color(ui.visuals().weak_text_color()),
                    )
                    .wrap(),
                );
            }
            if !b.source.is_empty() {
                ui.hyperlink_to("Documentation", b.source)
                    .on_hover_text(b.source);
            }
        });
}

fn pages_ui(ui: &mut Ui, preview: &Preview) {
    egui::CollapsingHeader::new(RichText::new("Wizard pages and the plan's answers").strong())
        .id_salt("hcw_pages")
        .default_open(true)
        .show(ui, |ui| {
            // One width for the field column of every page, so the answers line up.
            let body = egui::TextStyle::Body.resolve(ui.style());
            let weak = ui.visuals().weak_text_color();
            let field_width = preview
                .pages
                .iter()
                .flat_map(|p| &p.answers)
                .map(|a| {
                    ui.painter()
                        .layout_no_wrap(a.field.to_owned(), body.clone(), weak)
                        .size()
                        .x
                })
                .fold(0.0_f32, f32::max)
                .min(ui.available_width() * 0.45);
            for page in &preview.pages {
                ui.label(RichText::new(page.title).strong());
                egui::Grid::new(("hcw_page", page.title))
                    .num_columns(2)
                    .min_col_width(field_width)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for a in &page.answers {
                            ui.add(egui::Label::new(RichText::new(a.field).color(weak)).wrap());
                            // Wrapped, so that a long answer does not widen the side panel.
                            let label = ui.add(egui::Label::new(&a.value).wrap());
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
                step_ui(ui, step, ready, out);
                ui.add_space(6.0);
            }
        });
}

/// One object or post-step: its title (click: select what it comes from), its purpose,
/// then its lines as one block of code.
fn step_ui(ui: &mut Ui, step: &Step, ready: bool, out: &mut Vec<AppCommand>) {
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
            "Source: {}\nClick to select the nodes and links it comes from",
            step.source
        ));
    if response.clicked() {
        out.push(AppCommand::Select(Selection {
            nodes: step.nodes.iter().cloned().collect(),
            links: step.links.iter().cloned().collect(),
        }));
    }
    ui.add(
        egui::Label::new(RichText::new(&step.purpose).color(ui.visuals().weak_text_color())).wrap(),
    );
    if step.lines.is_empty() {
        return;
    }
    egui::Frame::new()
        .fill(ui.visuals().code_bg_color)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(6, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            for line in step.lines.iter().take(SHOWN_LINES) {
                ui.add(egui::Label::new(code_job(ui, &line.text, line.comment)).wrap());
            }
            let more = step.lines.len().saturating_sub(SHOWN_LINES);
            if more > 0 {
                ui.label(
                    RichText::new(format!(
                        "… and {more} more lines like these: Copy script has them all"
                    ))
                    .color(ui.visuals().weak_text_color()),
                );
            }
        });
}

/// What a piece of a cmdlet line is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Cmdlet,
    Parameter,
    Value,
}

/// A cmdlet line cut into its cmdlet, its ` -Parameter` names and the values between them;
/// a `-` inside a double-quoted string is a value.
fn code_spans(text: &str) -> Vec<(&str, Span)> {
    let mut spans = Vec::new();
    let cmdlet_end = text.find(' ').unwrap_or(text.len());
    spans.push((&text[..cmdlet_end], Span::Cmdlet));
    let rest = &text[cmdlet_end..];
    let bytes = rest.as_bytes();
    let (mut start, mut i, mut quoted) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'`' => i += 1,
            b'"' => quoted = !quoted,
            b'-' if !quoted
                && i > 0
                && bytes[i - 1] == b' '
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) =>
            {
                let end = rest[i..].find(' ').map_or(rest.len(), |at| i + at);
                if start < i {
                    spans.push((&rest[start..i], Span::Value));
                }
                spans.push((&rest[i..end], Span::Parameter));
                start = end;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < rest.len() {
        spans.push((&rest[start..], Span::Value));
    }
    spans
}

/// A line of PowerShell for reading: the cmdlet in bold and every `-Parameter` coloured,
/// so that a wrapped line still shows where each parameter starts; comments dimmed.
fn code_job(ui: &Ui, text: &str, comment: bool) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let visuals = ui.visuals();
    let format = |color| egui::TextFormat::simple(font.clone(), color);
    let mut job = egui::text::LayoutJob::default();
    let (shown, cut) = match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => (&text[..at], text[at..].chars().count()),
        None => (text, 0),
    };
    if comment {
        job.append(
            &format!("# {shown}"),
            0.0,
            format(visuals.weak_text_color()),
        );
    } else {
        for (piece, span) in code_spans(shown) {
            let colour = match span {
                Span::Cmdlet => visuals.strong_text_color(),
                Span::Parameter => visuals.hyperlink_color,
                Span::Value => visuals.text_color(),
            };
            job.append(piece, 0.0, format(colour));
        }
    }
    if cut > 0 {
        job.append(
            &format!(" … ({cut} more characters: Copy script has the whole line)"),
            0.0,
            format(visuals.weak_text_color()),
        );
    }
    job
}

#[cfg(test)]
mod tests {
    use super::{Span, code_spans};

    #[test]
    fn a_cmdlet_line_is_cut_at_its_parameters_but_not_inside_strings() {
        let line = r#"Set-Thing -Name "On-premises -x `" -y" -Enabled $true -Switch"#;
        let spans = code_spans(line);
        assert_eq!(
            spans,
            [
                ("Set-Thing", Span::Cmdlet),
                (" ", Span::Value),
                ("-Name", Span::Parameter),
                (r#" "On-premises -x `" -y" "#, Span::Value),
                ("-Enabled", Span::Parameter),
                (" $true ", Span::Value),
                ("-Switch", Span::Parameter),
            ]
        );
        let whole: String = spans.iter().map(|(piece, _)| *piece).collect();
        assert_eq!(whole, line);
    }

    #[test]
    fn a_pipeline_keeps_every_character() {
        let line = r#"Get-PartnerApplication | Where-Object { $_.Realm -eq "" } | Set-PartnerApplication -Enabled $true"#;
        let whole: String = code_spans(line).iter().map(|(piece, _)| *piece).collect();
        assert_eq!(whole, line);
        assert_eq!(
            code_spans("New-HybridConfiguration"),
            [("New-HybridConfiguration", Span::Cmdlet)]
        );
    }
}
