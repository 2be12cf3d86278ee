//! The "Hybrid Configuration Wizard" tab beside the inspector, driven headless: it shows the
//! wizard's pages and objects, a click on an object selects what it comes from, "Copy
//! script" puts the PowerShell script on the clipboard, and blockers come first.

use crate::support::{Designer, FakeDialogs, app, designer, opening};
use egui::OutputCommand;
use egui_kittest::kittest::Queryable;
use hybrid_designer::hcw;
use hybrid_designer::ui::Startup;
use std::path::Path;

fn copied_text(h: &Designer) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

fn open_tab(h: &mut Designer) {
    h.get_by_label("Hybrid Configuration Wizard").click();
    h.run_steps(3);
}

#[test]
fn the_tab_shows_the_pages_and_a_click_on_an_object_selects_its_nodes_and_links() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    open_tab(&mut h);
    // Fold the pages so that the objects are in view.
    h.get_by_label("Wizard pages and the plan's answers")
        .click();
    h.run_steps(2);
    let preview = hcw::preview(app(&h).document());
    let h1 = preview.objects.first().expect("H1 always");
    assert_eq!(h1.id, "H1");
    h.get_by_label_contains("H1 HybridConfiguration object")
        .click();
    h.run_steps(2);
    let selection = app(&h).selection();
    assert_eq!(selection.nodes, h1.nodes.iter().cloned().collect());
    assert_eq!(selection.links, h1.links.iter().cloned().collect());
    assert!(
        !selection.nodes.is_empty(),
        "H1 comes from the servers and the tenant"
    );
}

#[test]
fn copy_script_puts_the_powershell_script_on_the_clipboard() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    open_tab(&mut h);
    h.get_by_label("📋 Copy script").click();
    h.run_steps(1);
    let text = copied_text(&h).expect("the script was copied");
    assert!(
        text.starts_with("# Hybrid Configuration Wizard preview"),
        "{text}"
    );
    assert!(text.contains("Set-HybridConfiguration"));
}

#[test]
fn a_plan_with_errors_shows_its_blockers_first_and_not_ready() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios/p17-cert-no-smtp.hybrid.json");
    let mut h = designer(opening(path), FakeDialogs::default());
    open_tab(&mut h);
    h.get_by_label_contains("Not ready: 1 blocker");
    h.get_by_label("Blockers (1)");
    h.get_by_label_contains("R-CERT-SERVICES:");
    h.get_by_label_contains("Wizard step that fails: Transport Certificate");
}

#[test]
fn a_blocker_the_wizard_does_not_check_says_that_the_wizard_would_not_stop() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios/p24-dedicated-app-off.hybrid.json");
    let mut h = designer(opening(path), FakeDialogs::default());
    open_tab(&mut h);
    h.get_by_label_contains("R-APP-DEDICATED:");
    h.get_by_label_contains("The wizard does not stop on this");
    assert!(
        h.query_by_label_contains("Wizard step that fails")
            .is_none(),
        "R-APP-DEDICATED names no wizard step"
    );
}

#[test]
fn a_step_of_a_large_plan_shows_its_first_lines_and_says_how_many_more() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.hybrid.json");
    let doc = hybrid_designer::model::generate::synthetic_plan(60);
    hybrid_designer::file::save(&path, &doc).expect("saved");
    let receive = hcw::preview(&doc)
        .objects
        .into_iter()
        .find(|s| s.id == "H10")
        .expect("H10 on a plan with receiving servers");
    assert!(receive.lines.len() > 16, "{} lines", receive.lines.len());
    let mut h = designer(opening(path), FakeDialogs::default());
    open_tab(&mut h);
    let note = format!("… and {} more lines like these", receive.lines.len() - 16);
    assert!(
        h.query_all_by_label_contains(&note).count() >= 1,
        "no {note:?}"
    );
}
