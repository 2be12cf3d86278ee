//! The plan editor, shown with nothing selected: title, description and hybrid settings.

use super::{NewList, field_label, grid, modeled_names};
use crate::edit::Command;
use crate::model::{Document, Feature, Hybrid, Mode, PublicFolders, Topology};
use crate::ui::widgets::{check, combo, commit_text};
use egui::{Id, RichText, Ui};

pub(super) fn plan_editor(ui: &mut Ui, doc: &Document) -> Option<Command> {
    ui.heading("Plan");
    ui.label(
        RichText::new("Select a node or link to edit it.").color(ui.visuals().weak_text_color()),
    );
    ui.add_space(4.0);
    let mut command = None;
    let key = |field: &str| Id::new(("inspector", "plan", field));
    let h = &doc.hybrid;
    grid(ui, "plan_grid", |ui| {
        field_label(ui, "Title");
        let current = doc.title.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("title"), &current, "Untitled plan", 1, false) {
            let t = t.trim().to_owned();
            command = Some(Command::SetTitle(if t.is_empty() { None } else { Some(t) }));
        }
        ui.end_row();

        field_label(ui, "Description");
        let current = doc.description.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(
            ui,
            key("description"),
            &current,
            "what this plan is for",
            3,
            false,
        ) {
            command = Some(Command::SetDescription(if t.trim().is_empty() {
                None
            } else {
                Some(t)
            }));
        }
        ui.end_row();

        field_label(ui, "Mode");
        if let Some(m) = combo(
            ui,
            key("mode"),
            h.mode,
            &[Mode::Full, Mode::Minimal, Mode::Draft],
            |m| mode_label(m).to_owned(),
        ) {
            command = Some(set_hybrid(h, |h| h.mode = m));
        }
        ui.end_row();
        if h.mode == Mode::Draft {
            draft_hint(ui);
        }

        field_label(ui, "Topology");
        let tops = [Topology::Classic, Topology::Modern];
        if let Some(t) = combo(ui, key("topology"), h.topology, &tops, |t| {
            topology_label(t).to_owned()
        }) {
            command = Some(set_hybrid(h, |h| h.topology = t));
        }
        ui.end_row();

        field_label(ui, "Domains");
        let current = h.domains.join("\n");
        if let (_, Some(t)) = commit_text(
            ui,
            key("domains"),
            &current,
            "e.g. contoso.com (one per line)",
            3,
            false,
        ) {
            let domains: Vec<String> = t
                .split(|c: char| c == '\n' || c == ',' || c.is_whitespace())
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect();
            command = Some(set_hybrid(h, |h| h.domains = domains));
        }
        ui.end_row();

        if let Some(c) = plan_rows(ui, h, &key) {
            command = Some(c);
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Hybrid features").strong());
    features_editor(ui, h).or(command)
}

/// Accepted domains, public folders and the evaluation date, as rows of the plan's grid.
fn plan_rows(ui: &mut Ui, h: &Hybrid, key: &dyn Fn(&str) -> Id) -> Option<Command> {
    let mut command = None;
    field_label(ui, "Accepted domains");
    if let Some(NewList(list)) = modeled_names(
        ui,
        key("accepted_domains"),
        h.accepted_domains.as_deref(),
        "Modeled (on-premises)",
        "e.g. contoso.com (one per line)",
        &h.domains,
    ) {
        command = Some(set_hybrid(h, |h| h.accepted_domains = list));
    }
    ui.end_row();

    field_label(ui, "Public folders");
    let places = [
        PublicFolders::None,
        PublicFolders::OnPremises,
        PublicFolders::Online,
    ];
    if let Some(p) = combo(
        ui,
        key("public_folders"),
        h.public_folders(),
        &places,
        |p| public_folders_label(p).to_owned(),
    ) {
        command = Some(set_hybrid(h, |h| h.public_folders = Some(p)));
    }
    ui.end_row();

    field_label(ui, "Evaluated on");
    let current = h.evaluation_date.clone().unwrap_or_default();
    let (response, committed) = commit_text(
        ui,
        key("evaluation_date"),
        &current,
        "today; or a day as YYYY-MM-DD",
        1,
        false,
    );
    if let Some(t) = committed {
        let t = t.trim().to_owned();
        if t.is_empty() {
            command = Some(set_hybrid(h, |h| h.evaluation_date = None));
        } else if is_iso_date(&t) {
            command = Some(set_hybrid(h, |h| h.evaluation_date = Some(t)));
        }
    }
    response
        .on_hover_text("Rules that depend on dates (end of support) are checked as of this day");
    ui.end_row();
    command
}

/// What draft mode means, under the mode field. Guidance lives here, not in the plan: the
/// description is the user's own text.
fn draft_hint(ui: &mut Ui) {
    ui.label("");
    ui.add(
        egui::Label::new(
            RichText::new(
                "Draft: only the structural rules run while you sketch. Choose Full or \
                 Minimal when the plan is ready to be checked completely.",
            )
            .small()
            .color(ui.visuals().weak_text_color()),
        )
        .wrap(),
    );
    ui.end_row();
}

/// The wanted hybrid features as checkboxes in two columns.
fn features_editor(ui: &mut Ui, h: &Hybrid) -> Option<Command> {
    let mut command = None;
    let wanted = h.wanted_features();
    ui.columns(2, |cols| {
        for (i, feature) in Feature::ALL.into_iter().enumerate() {
            let ui = &mut cols[i % 2];
            if let Some(on) = check(ui, wanted.contains(&feature), feature.label()) {
                let mut list: Vec<Feature> =
                    wanted.iter().copied().filter(|f| *f != feature).collect();
                if on {
                    list.push(feature);
                }
                // Keep the spec's order so the file does not churn.
                list.sort_by_key(|f| Feature::ALL.iter().position(|a| a == f));
                command = Some(set_hybrid(h, |h| h.features = Some(list)));
            }
        }
    });
    command
}

fn set_hybrid(h: &Hybrid, change: impl FnOnce(&mut Hybrid)) -> Command {
    let mut next = h.clone();
    change(&mut next);
    Command::SetHybrid(next)
}

fn mode_label(m: Mode) -> &'static str {
    match m {
        Mode::Full => "Full hybrid",
        Mode::Minimal => "Minimal hybrid",
        Mode::Draft => "Draft (structure only)",
    }
}

fn public_folders_label(p: PublicFolders) -> &'static str {
    match p {
        PublicFolders::None => "None",
        PublicFolders::OnPremises => "On-premises",
        PublicFolders::Online => "In Exchange Online",
    }
}

fn topology_label(t: Topology) -> &'static str {
    match t {
        Topology::Classic => "Classic",
        Topology::Modern => "Modern (Hybrid Agent)",
    }
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn evaluation_dates_must_be_iso_days() {
        assert!(is_iso_date("2026-11-27"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("27/11/2026"));
        assert!(!is_iso_date("2026-1-1"));
    }
}
