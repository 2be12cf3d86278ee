//! File → Import organization…, driven headless: the fake folder picker answers with an
//! inventory folder, the import runs on its worker, the plan opens as a new unsaved document
//! and the summary window shows what was read; a refused inventory leaves the open plan as it
//! was and shows the command line's one-sentence reason. No native dialog ever opens.

use crate::support::{Designer, FakeDialogs, app, app_mut, designer};
use egui_kittest::kittest::Queryable;
use hybrid_designer::edit::Command;
use hybrid_designer::import::{self, Options};
use hybrid_designer::model::{Date, NodeKind};
use hybrid_designer::ui::import_summary::ImportReport;
use hybrid_designer::ui::{Action, AppCommand, Continuation, Startup, StatusKind};
use std::path::{Path, PathBuf};

fn contoso() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/contoso")
}

/// A folder whose only file has a DTD (an entity bomb): the importer refuses it.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bomb.xml"),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n\
         <Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">&lol2;</Objs>\n",
    )
    .expect("write");
    dir
}

/// File → Import organization… from the menu bar.
fn choose_import(h: &mut Designer) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Import organization…").click();
    h.run_steps(2);
}

/// Steps frames until the import has ended (at most about ten seconds), then lets the
/// summary window be measured and placed.
fn finish_import(h: &mut Designer) {
    for _ in 0..1000 {
        h.run_steps(1);
        if !app(h).is_importing() {
            h.run_steps(4);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the import did not finish");
}

#[test]
fn importing_a_folder_opens_the_as_is_plan_unsaved_with_its_summary() {
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    dialogs.answer(&contoso());
    choose_import(&mut h);
    assert_eq!(dialogs.folder_asks(), 1, "the folder picker was asked");
    finish_import(&mut h);

    let expected = import::import_paths(&[contoso()], &Options::on(Date::today()), |_, _| {})
        .expect("the fixture imports");
    let a = app(&h);
    let doc = a.document();
    assert_eq!(doc.title, expected.doc.title);
    assert_eq!(doc.nodes.len(), expected.doc.nodes.len());
    assert_eq!(doc.links.len(), expected.doc.links.len());
    assert!(
        doc.nodes.iter().all(|n| n.position.is_some()),
        "every node has its place in the tidy layout"
    );
    assert_eq!(a.path(), None, "a new document, not yet saved anywhere");
    assert!(a.is_dirty(), "closing asks to save it");
    assert!(
        a.window_title().starts_with("• Contoso"),
        "{}",
        a.window_title()
    );
    assert_eq!(
        a.findings(),
        hybrid_designer::rules::validate(doc).as_slice(),
        "the validator ran on the imported plan"
    );
    let Some(ImportReport::Done { summary, .. }) = a.import_report() else {
        panic!("the summary window is open");
    };
    assert_eq!(summary, &expected.summary);

    h.get_by_label("Import summary");
    h.get_by_label_contains(&format!(
        "is open as a new, unsaved plan: {} nodes, {} links",
        expected.doc.nodes.len(),
        expected.doc.links.len()
    ));
    let servers = expected
        .doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .count();
    h.get_by_label(&format!("{servers}  {}", NodeKind::ExchangeServer.label()));
    h.get_by_label("Servers referenced but not inventoried (1)");
    h.get_by_label("• EX03");
    h.get_by_label_contains("Skipped files and objects (");
    h.get_by_label_contains("web.config.xml: not CLIXML");

    h.get_by_label("Close").click();
    h.run_steps(2);
    assert!(
        app(&h).import_report().is_none(),
        "Close closes the summary"
    );
    assert!(h.query_by_label("Import summary").is_none());

    app_mut(&mut h).run(AppCommand::Action(Action::Save));
    h.run_steps(1);
    assert_eq!(
        dialogs.saves(),
        [hybrid_designer::ui::files::suggested_file_name(
            expected.doc.title.as_deref().expect("a title")
        )],
        "Save asks where, suggesting a name from the title"
    );
}

#[test]
fn a_plan_changed_while_the_import_ran_is_not_replaced_without_asking() {
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs);
    // Started as `--import` does, so that the edit below lands before the import is taken.
    app_mut(&mut h).run(AppCommand::Request(Continuation::ImportPath(contoso())));
    assert!(app(&h).is_importing());
    assert!(app_mut(&mut h).apply(Command::SetTitle(Some("Edited meanwhile".to_owned()))));
    finish_import(&mut h);
    h.get_by_label("Unsaved changes");
    h.get_by_label_contains("before opening the imported plan?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    let a = app(&h);
    assert_eq!(a.document().title.as_deref(), Some("Edited meanwhile"));
    assert!(a.import_report().is_none());
    assert!(a.is_dirty());
}

#[test]
fn a_refused_inventory_leaves_the_open_plan_as_it_was_and_says_why() {
    let hostile = hostile_folder();
    let reason = import::import_paths(
        &[hostile.path().to_path_buf()],
        &Options::on(Date::today()),
        |_, _| {},
    )
    .expect_err("a DTD is refused")
    .to_string();
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    assert!(app_mut(&mut h).apply(Command::SetTitle(Some("My work".to_owned()))));
    let before = app(&h).document().clone();

    choose_import(&mut h);
    h.get_by_label("Unsaved changes");
    assert_eq!(
        dialogs.folder_asks(),
        0,
        "the question comes before the picker"
    );
    dialogs.answer(hostile.path());
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert_eq!(dialogs.folder_asks(), 1);
    finish_import(&mut h);

    let a = app(&h);
    assert_eq!(a.document(), &before, "the open plan is untouched");
    assert!(a.is_dirty(), "its unsaved changes are still unsaved");
    assert!(reason.contains("XML with a DTD"), "{reason}");
    match a.import_report() {
        Some(ImportReport::Failed { reason: shown }) => assert_eq!(shown, &reason),
        other => panic!("the failure is shown, not {other:?}"),
    }
    assert_eq!(a.status().map(|s| s.kind), Some(StatusKind::Problem));
    h.get_by_label("Import failed");
    h.get_by_label(&reason);
    h.get_by_label("Nothing was imported; the plan you had open is unchanged.");
}

#[test]
fn cancelling_the_unsaved_changes_question_imports_nothing() {
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    assert!(app_mut(&mut h).apply(Command::SetTitle(Some("My work".to_owned()))));
    dialogs.answer(&contoso());
    choose_import(&mut h);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(dialogs.folder_asks(), 0);
    assert!(!app(&h).is_importing());
    assert_eq!(app(&h).document().title.as_deref(), Some("My work"));
}

#[test]
fn esc_closes_the_summary_and_keeps_the_plan() {
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    dialogs.answer(&contoso());
    choose_import(&mut h);
    finish_import(&mut h);
    assert!(app(&h).import_report().is_some());
    let imported = app(&h).document().clone();
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(app(&h).import_report().is_none());
    assert_eq!(app(&h).document(), &imported);
}

#[test]
fn help_saves_a_copy_of_the_collection_script() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    dialogs.answer(&dir.path().join("collect"));
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("Collection script…").click();
    h.run_steps(2);
    assert_eq!(dialogs.saves(), ["Collect-HybridInventory.ps1"]);
    let written = std::fs::read_to_string(dir.path().join("collect.ps1")).expect("written");
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/collect/Collect-HybridInventory.ps1"),
    )
    .expect("the shipped script");
    assert_eq!(written, shipped);
    assert!(!app(&h).is_dirty(), "the plan is not touched");
}

#[test]
fn an_import_ending_while_another_question_waits_waits_for_its_answer() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    app_mut(&mut h).run(AppCommand::Request(Continuation::ImportPath(contoso())));
    assert!(app_mut(&mut h).apply(Command::SetTitle(Some("Edited meanwhile".to_owned()))));
    app_mut(&mut h).run(AppCommand::Action(Action::New));
    h.run_steps(1);
    h.get_by_label_contains("before starting a new plan?");
    // Long enough for the worker to finish; its result must not replace the plan meanwhile.
    for _ in 0..20 {
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(app(&h).is_importing());
    assert_eq!(
        app(&h).document().title.as_deref(),
        Some("Edited meanwhile")
    );
    h.get_by_label("Cancel").click();
    finish_import(&mut h);
    h.get_by_label_contains("before opening the imported plan?");
}
