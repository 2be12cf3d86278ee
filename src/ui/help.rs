//! Help: the keyboard shortcuts (generated from the command table), the rule catalog with
//! each rule's source, and About (version, licence, where the designer keeps its data).

use super::command::{Action, shortcut_text};
use super::theme;
use crate::rules::{self, Severity};
use egui::{Context, RichText};

/// Which help window is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// Help → Keyboard shortcuts.
    Shortcuts,
    /// Help → Rule catalog.
    Rules,
    /// Help → About.
    About,
}

impl HelpPage {
    fn title(self) -> &'static str {
        match self {
            HelpPage::Shortcuts => "Keyboard shortcuts",
            HelpPage::Rules => "Rule catalog",
            HelpPage::About => "About Hybrid Topology Designer",
        }
    }
}

/// Draws the open help window; returns `false` once the user closed it.
pub(crate) fn help_window(ctx: &Context, page: HelpPage, data_dir: &std::path::Path) -> bool {
    let mut open = true;
    super::widgets::centred_window(ctx, page.title(), "help_window", &mut open).show(ctx, |ui| {
        match page {
            HelpPage::Shortcuts => shortcuts(ui),
            HelpPage::Rules => catalog(ui),
            HelpPage::About => about(ui, data_dir),
        }
    });
    open
}

/// Every action that has a shortcut, with all its keys and what it does.
fn shortcuts(ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("help_shortcuts")
            .num_columns(3)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Keys").strong());
                ui.label(RichText::new("Action").strong());
                ui.label(RichText::new("What it does").strong());
                ui.end_row();
                for action in Action::ALL {
                    if action.shortcuts().is_empty() {
                        continue;
                    }
                    let keys: Vec<String> = action
                        .shortcuts()
                        .iter()
                        .map(|sc| shortcut_text(ui.ctx(), sc))
                        .collect();
                    ui.label(RichText::new(keys.join(" or ")).monospace());
                    ui.label(action.text());
                    ui.label(action.tooltip());
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.label(
            RichText::new(
                "On the canvas: drag to move, Shift+drag to select a box, Ctrl+click to add to \
                 the selection, the wheel to pan and Ctrl+wheel to zoom; double-click a node \
                 to rename it.",
            )
            .weak(),
        );
    });
}

/// The validator's rules: id, severity, what each checks and its source.
fn catalog(ui: &mut egui::Ui) {
    let list = rules::catalog();
    ui.label(format!(
        "{} rules; each finding names its rule. Sources are Microsoft's documentation.",
        list.len()
    ));
    ui.add_space(4.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for rule in list {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(theme::severity_icon(rule.severity))
                        .color(theme::severity_colour(rule.severity)),
                );
                ui.label(RichText::new(rule.id).monospace().strong());
                ui.label(RichText::new(severity_word(rule.severity)).weak());
            });
            ui.label(rule.summary);
            if rule.source.starts_with("http") {
                ui.hyperlink_to(rule.source, rule.source);
            } else {
                ui.label(RichText::new(rule.source).weak());
            }
            ui.separator();
        }
    });
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Version, licence, and the folder of recovery copies.
fn about(ui: &mut egui::Ui, data_dir: &std::path::Path) {
    ui.heading("Hybrid Topology Designer");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label(env!("CARGO_PKG_DESCRIPTION"));
    ui.add_space(6.0);
    ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
    ui.add_space(6.0);
    ui.label("Data folder (recovery copies of unsaved work):");
    ui.label(RichText::new(data_dir.display().to_string()).monospace());
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "Findings follow Microsoft's documentation; the Hybrid Configuration Wizard \
             remains the supported way to configure a hybrid deployment.",
        )
        .weak(),
    );
}
