//! The window after File → Import organization…: the import's summary (spec `import.md` §6)
//! grouped for reading — what the plan holds, what was read, inferred, not inventoried,
//! found inconsistent or skipped — or the one sentence that says why the import failed.

use crate::import::Summary;
use crate::model::{LinkKind, NodeKind};
use egui::{Context, RichText, Ui};

/// What the window shows.
#[derive(Debug, Clone)]
pub enum ImportReport {
    /// The import made a plan, now open as a new unsaved document.
    Done {
        /// The plan's title.
        title: String,
        /// Its nodes and links.
        nodes: usize,
        /// Its links.
        links: usize,
        /// The summary lines.
        summary: Summary,
    },
    /// The import was refused; the open plan is untouched.
    Failed {
        /// The sentence naming the file and the problem (the command line's exit-2 message).
        reason: String,
    },
}

impl ImportReport {
    /// The text the Copy button puts on the clipboard.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            ImportReport::Done { summary, .. } => summary.text(),
            ImportReport::Failed { reason } => format!("error: {reason}\n"),
        }
    }
}

/// What the user did in the window this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WindowOutcome {
    /// Still open.
    Open,
    /// Copy the summary to the clipboard.
    Copy,
    /// Closed.
    Close,
}

/// The sections of the summary below the counts, what needs checking first: heading, the
/// line word, whether the items share one comma-separated line.
const SECTIONS: [(&str, &str, bool); 6] = [
    (
        "Servers referenced but not inventoried",
        "referenced but not inventoried",
        true,
    ),
    ("Conflicts", "conflict", false),
    ("Inferred values", "inferred", false),
    ("Skipped files and objects", "skipped", false),
    ("Notes", "note", false),
    ("Objects read", "read", true),
];

/// Draws the import window; returns what the user did.
pub(crate) fn import_window(ctx: &Context, report: &ImportReport) -> WindowOutcome {
    let mut open = true;
    let mut outcome = WindowOutcome::Open;
    let title = match report {
        ImportReport::Done { .. } => "Import summary",
        ImportReport::Failed { .. } => "Import failed",
    };
    super::widgets::centred_window(ctx, title, "import_window", &mut open).show(ctx, |ui| {
        match report {
            ImportReport::Done {
                title,
                nodes,
                links,
                summary,
            } => done(ui, title, *nodes, *links, summary),
            ImportReport::Failed { reason } => {
                ui.label(RichText::new(reason).color(ui.visuals().error_fg_color));
                ui.add_space(6.0);
                ui.label("Nothing was imported; the plan you had open is unchanged.");
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if button(ui, "📋 Copy")
                .on_hover_text("Copy these lines, as the command line prints them")
                .clicked()
            {
                outcome = WindowOutcome::Copy;
            }
            if button(ui, "Close").clicked() {
                outcome = WindowOutcome::Close;
            }
        });
    });
    if open { outcome } else { WindowOutcome::Close }
}

/// A button of a comfortable size for a dialog's answers.
fn button(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(egui::Button::new(text).min_size(egui::vec2(96.0, 26.0)))
}

/// A successful import: what was opened, the counts per kind, then each section.
fn done(ui: &mut Ui, title: &str, nodes: usize, links: usize, summary: &Summary) {
    ui.label(
        RichText::new(format!(
            "“{title}” is open as a new, unsaved plan: {nodes} nodes, {links} links."
        ))
        .strong(),
    );
    if let Some(first) = summary.lines_of("import").first() {
        ui.weak(*first);
    }
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(480.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            // Nodes and links side by side, so the sections below start in view.
            ui.horizontal_top(|ui| {
                for (word, heading) in [("nodes", "Nodes"), ("links", "Links")] {
                    ui.vertical(|ui| {
                        ui.label(RichText::new(heading).strong());
                        for (kind, count) in kind_counts(summary, word) {
                            ui.label(format!("{count}  {kind}"));
                        }
                    });
                    ui.add_space(40.0);
                }
            });
            ui.add_space(4.0);
            for (heading, word, one_line) in SECTIONS {
                let items: Vec<&str> = if one_line {
                    summary
                        .lines_of(word)
                        .into_iter()
                        .flat_map(|l| l.split(", "))
                        .collect()
                } else {
                    summary.lines_of(word)
                };
                if items.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(format!("{heading} ({})", items.len()))
                    .id_salt(word)
                    .default_open(word != "read" && items.len() <= 50)
                    .show(ui, |ui| {
                        for item in items {
                            ui.label(format!("• {item}"));
                        }
                    });
            }
        });
}

/// The `nodes:` or `links:` line as (kind label, count) pairs; an unknown kind keeps its name.
fn kind_counts(summary: &Summary, word: &str) -> Vec<(String, String)> {
    summary
        .lines_of(word)
        .into_iter()
        .flat_map(|l| l.split(", "))
        .filter_map(|part| {
            let (name, count) = part.rsplit_once(' ')?;
            Some((kind_label(word, name), count.to_owned()))
        })
        .collect()
}

/// The label of a node or link kind written by its file name (`exchange_server`).
fn kind_label(word: &str, name: &str) -> String {
    let value = serde_json::Value::String(name.to_owned());
    let label = if word == "nodes" {
        serde_json::from_value::<NodeKind>(value)
            .ok()
            .map(NodeKind::label)
    } else {
        serde_json::from_value::<LinkKind>(value)
            .ok()
            .map(LinkKind::label)
    };
    label.map_or_else(|| name.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_name_the_kinds_by_their_labels() {
        let summary = Summary {
            lines: vec![
                "nodes: exchange_server 3, exchange_online 1".to_owned(),
                "links: send_connector 2, made_up 1".to_owned(),
            ],
        };
        let nodes = kind_counts(&summary, "nodes");
        assert_eq!(nodes[0].1, "3");
        assert_eq!(nodes[0].0, NodeKind::ExchangeServer.label());
        assert_eq!(nodes[1].0, NodeKind::ExchangeOnline.label());
        let links = kind_counts(&summary, "links");
        assert_eq!(links[0].0, LinkKind::SendConnector.label());
        assert_eq!(links[1], ("made_up".to_owned(), "1".to_owned()));
    }

    #[test]
    fn a_failed_import_copies_as_the_command_line_prints_it() {
        let report = ImportReport::Failed {
            reason: "inv/bomb.xml: XML with a DTD (<!DOCTYPE>) is refused".to_owned(),
        };
        assert_eq!(
            report.text(),
            "error: inv/bomb.xml: XML with a DTD (<!DOCTYPE>) is refused\n"
        );
    }
}
