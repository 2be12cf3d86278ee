//! File → Export…, Export selection as a new plan and Copy diagram as image, driven through
//! `egui_kittest` headless. The save dialog is a fake that answers from a queue and remembers
//! what it was asked; no native dialog ever opens.

use egui::accesskit::Role;
use egui::{Key, Modifiers, OutputCommand};
use egui_kittest::kittest::{NodeT, Queryable};
use hybrid_designer::edit::Selection;
use hybrid_designer::export::{ExportFormat, ExportOptions, export_bytes, svg::escape};
use hybrid_designer::model::NodeId;
use hybrid_designer::ui::{Startup, StatusKind};

use crate::support::{Designer, ExportAsk, FakeDialogs, app, app_mut};

/// The designer on the sample plan.
fn designer(dialogs: FakeDialogs) -> Designer {
    crate::support::designer(Startup::default(), dialogs)
}

/// Steps frames until the background export has ended (at most about ten seconds).
fn finish_export(h: &mut Designer) {
    for _ in 0..1000 {
        h.run_steps(1);
        if !app(h).is_exporting() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the export did not finish");
}

/// File → Export… from the menu bar.
fn open_export_window(h: &mut Designer) {
    h.get_by_label("File").click();
    h.run_steps(2);
    // The menu item's label carries its shortcut too.
    h.get_by_label_contains("Export…").click();
    // A new window is measured on its first frame and placed on the next ones.
    h.run_steps(4);
    assert!(app(h).is_export_dialog_open());
}

fn status(h: &Designer) -> (String, StatusKind) {
    let s = app(h).status().expect("a status message");
    (s.text.clone(), s.kind)
}

#[test]
fn exporting_svg_writes_a_file_that_names_every_node() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plan.svg");
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    open_export_window(&mut h);
    h.get_by_label("SVG image").click();
    h.run_steps(1);
    dialogs.answer(&target);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(2);
    assert!(!app(&h).is_export_dialog_open());
    finish_export(&mut h);

    let svg = std::fs::read_to_string(&target).expect("the export was written");
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    for node in &app(&h).document().nodes {
        assert!(
            svg.contains(&escape(&node.name)),
            "{} is missing from the SVG",
            node.name
        );
    }
    let title = app(&h).document().display_title().to_owned();
    assert_eq!(
        dialogs.exports(),
        [ExportAsk {
            file_name: hybrid_designer::ui::files::suggested_export_name(&title, ExportFormat::Svg),
            format: ExportFormat::Svg,
        }]
    );
    let (text, kind) = status(&h);
    assert_eq!(kind, StatusKind::Info);
    assert!(text.starts_with("Exported plan.svg ("), "{text}");
    assert!(text.ends_with("KB)"), "{text}");
}

#[test]
fn an_export_that_cannot_be_written_says_why_and_leaves_the_plan_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("no-such-folder").join("plan.png");
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    let before = app(&h).document().clone();
    open_export_window(&mut h);
    dialogs.answer(&target);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(2);
    finish_export(&mut h);

    let (text, kind) = status(&h);
    assert_eq!(kind, StatusKind::Problem);
    assert!(text.starts_with("Could not export: "), "{text}");
    assert!(
        text.contains("no-such-folder"),
        "the error names the file: {text}"
    );
    assert!(!target.exists());
    assert_eq!(app(&h).document(), &before);
    assert!(!app(&h).is_dirty());
}

#[test]
fn a_bare_name_gets_the_chosen_format_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    open_export_window(&mut h);
    h.get_by_label("Findings report (Markdown)").click();
    h.run_steps(1);
    dialogs.answer(&dir.path().join("report"));
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(2);
    finish_export(&mut h);
    let report = std::fs::read_to_string(dir.path().join("report.md")).expect("written");
    assert!(report.contains(app(&h).document().display_title()));
}

#[test]
fn a_typed_extension_picks_the_format_so_the_content_matches_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    open_export_window(&mut h);
    h.get_by_label("PNG image").click();
    h.run_steps(1);
    dialogs.answer(&dir.path().join("gui.html"));
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(2);
    finish_export(&mut h);
    let written = std::fs::read(dir.path().join("gui.html")).expect("written");
    assert!(
        !written.starts_with(b"\x89PNG"),
        "PNG bytes were written into gui.html"
    );
    let text = String::from_utf8(written).expect("an HTML report is text");
    assert!(text.contains("<html"), "not an HTML report");
    assert!(!dir.path().join("gui.html.png").exists());
}

#[test]
fn cancelling_the_save_dialog_exports_nothing() {
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    open_export_window(&mut h);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(3);
    assert_eq!(dialogs.exports().len(), 1, "the save dialog was asked");
    assert!(!app(&h).is_exporting());
    assert!(app(&h).status().is_none());
}

#[test]
fn escape_closes_the_export_window_and_selection_scope_needs_a_selection() {
    let mut h = designer(FakeDialogs::default());
    open_export_window(&mut h);
    assert!(
        h.get_by_label("Selection only (nothing selected)")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!app(&h).is_export_dialog_open());

    let first = app(&h).document().nodes[0].id.clone();
    app_mut(&mut h).select(Selection::node(first));
    h.run_steps(1);
    open_export_window(&mut h);
    assert!(
        !h.get_by_label("Selection only (1 selected)")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn export_selection_as_a_new_plan_writes_only_the_selected_nodes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("part.hybrid.json");
    let dialogs = FakeDialogs::default();
    let mut h = designer(dialogs.clone());
    let picked: Vec<NodeId> = app(&h)
        .document()
        .nodes
        .iter()
        .take(2)
        .map(|n| n.id.clone())
        .collect();
    let mut selection = Selection::default();
    selection.nodes.extend(picked.iter().cloned());
    app_mut(&mut h).select(selection);
    h.run_steps(1);
    dialogs.answer(&target);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export selection as a new plan…").click();
    h.run_steps(2);
    finish_export(&mut h);

    let part = hybrid_designer::file::load(&target).expect("the new plan opens");
    let ids: Vec<NodeId> = part.nodes.iter().map(|n| n.id.clone()).collect();
    assert_eq!(ids, picked);
    assert_eq!(dialogs.exports()[0].format, ExportFormat::Json);
    assert!(
        dialogs.exports()[0]
            .file_name
            .ends_with("selection.hybrid.json")
    );
}

#[test]
fn copy_diagram_as_image_puts_the_png_export_on_the_clipboard() {
    let mut h = designer(FakeDialogs::default());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run_steps(1);
    assert!(app(&h).is_exporting());
    finish_export(&mut h);

    let png = export_bytes(
        app(&h).document(),
        ExportFormat::Png,
        &ExportOptions::default(),
    )
    .expect("the plan renders");
    let decoded = resvg::tiny_skia::Pixmap::decode_png(&png).expect("a PNG");
    let copied: Vec<[usize; 2]> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        })
        .collect();
    assert_eq!(
        copied,
        [[decoded.width() as usize, decoded.height() as usize]]
    );
    let (text, kind) = status(&h);
    assert_eq!(kind, StatusKind::Info);
    assert!(text.starts_with("Copied the diagram"), "{text}");
}

#[test]
fn a_quick_ctrl_shift_c_in_a_real_window_copies_the_diagram_too() {
    // egui-winit sends Ctrl+C as a copy event and no key press; when every key went down and
    // up within one frame, only the release of C still shows Ctrl+Shift.
    let mut h = designer(FakeDialogs::default());
    let held = Modifiers::COMMAND | Modifiers::SHIFT;
    h.input_mut().events.push(egui::Event::Copy);
    h.input_mut().events.push(egui::Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers: held,
    });
    h.run_steps(1);
    assert!(app(&h).is_exporting(), "the copy started");
    finish_export(&mut h);
    assert!(
        h.output()
            .platform_output
            .commands
            .iter()
            .any(|c| matches!(c, OutputCommand::CopyImage(_)))
    );
}

#[test]
fn a_plain_ctrl_c_is_not_taken_for_copy_diagram() {
    let mut h = designer(FakeDialogs::default());
    h.input_mut().events.push(egui::Event::Copy);
    h.input_mut().events.push(egui::Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
    h.run_steps(2);
    assert!(!app(&h).is_exporting());
    assert!(app(&h).status().is_none());
}
