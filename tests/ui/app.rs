//! The designer window driven through `egui_kittest`, headless: gestures in, document and
//! findings out. File dialogs are answered by a fake; no native dialog ever opens.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use hybrid_designer::edit::Selection;
use hybrid_designer::file::recovery::{find_recovery_in, write_recovery_in};
use hybrid_designer::model::{Node, NodeKind, Role as ServerRole, Version};
use hybrid_designer::ui::files::InAppDialogs;
use hybrid_designer::ui::{DesignerApp, Startup};
use std::path::{Path, PathBuf};

use crate::support::{Designer, FakeDialogs, app, app_mut, designer, designer_with, opening};

/// A plan with one Exchange 2019 server, written to a temporary file and opened.
fn one_server_plan(dir: &Path) -> PathBuf {
    plan_file(dir, "One server", vec![ex01().at(300.0, 300.0)])
}

/// A plan titled `title` holding `nodes`, saved in `dir` under the title's first word
/// ("One server" is `one.hybrid.json`).
fn plan_file(dir: &Path, title: &str, nodes: Vec<Node>) -> PathBuf {
    let mut doc = hybrid_designer::model::Document::new(title);
    doc.nodes = nodes;
    let stem = title.split(' ').next().unwrap_or(title).to_lowercase();
    let path = dir.join(format!("{stem}.hybrid.json"));
    hybrid_designer::file::save(&path, &doc).expect("save the fixture");
    path
}

/// Exchange 2019 Mailbox server `ex1`, named EX01.
fn ex01() -> Node {
    Node::server("ex1", "EX01", Version::V2019, &[ServerRole::Mailbox])
}

/// Picks the send connector tool and drags from the node labelled `from` to `to`, the way a
/// mouse does: press, move in steps, release.
fn draw_send_connector(h: &mut Designer, from: &str, to: &str) {
    draw_link(h, "Send connector", from, to);
}

/// Picks the link tool with this palette label and drags from one node to another.
fn draw_link(h: &mut Designer, tool: &str, from: &str, to: &str) {
    h.get_by_role_and_label(Role::Button, tool).scroll_to_me();
    h.run_steps(20);
    h.get_by_role_and_label(Role::Button, tool).click();
    h.run_steps(2);
    let from = h.get_by_label(from).rect().center();
    let to = h.get_by_label(to).rect().center();
    h.drag_at(from);
    h.run_steps(2);
    h.hover_at(Pos2::new(f32::midpoint(from.x, to.x), from.y + 10.0));
    h.run_steps(2);
    h.hover_at(to);
    h.run_steps(2);
    h.drop_at(to);
    h.run_steps(3);
}

/// Scrolls the panel holding this widget until it is visible (scrolling is animated).
fn scroll_into_view(h: &mut Designer, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(20);
}

fn rules_of(app: &DesignerApp) -> Vec<&'static str> {
    app.findings().iter().map(|f| f.rule).collect()
}

#[test]
fn starts_on_the_sample_plan_with_its_title_in_the_window() {
    let h = designer(Startup::default(), FakeDialogs::default());
    let app = app(&h);
    assert!(
        !app.document().nodes.is_empty(),
        "the sample plan has nodes"
    );
    assert!(app.window_title().ends_with("— Hybrid Topology Designer"));
    assert!(
        app.window_title()
            .starts_with(app.document().display_title())
    );
    assert!(!app.is_dirty());
}

#[test]
fn dropping_a_server_from_the_palette_adds_a_node_that_is_flagged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.hybrid.json");
    hybrid_designer::file::save(&path, &hybrid_designer::model::Document::new("Empty"))
        .expect("save");
    let mut h = designer(opening(path), FakeDialogs::default());
    let before = app(&h).document().nodes.len();
    let item = h.get_by_label("Exchange server").rect().center();
    let target = Pos2::new(800.0, 500.0);
    h.drag_at(item);
    h.run_steps(2);
    h.hover_at(Pos2::new(item.x + 40.0, item.y + 20.0));
    h.run_steps(2);
    h.hover_at(target);
    h.run_steps(2);
    h.drop_at(target);
    h.run_steps(3);
    let app = app(&h);
    assert_eq!(app.document().nodes.len(), before + 1);
    let added = app.document().nodes.last().expect("a node");
    assert_eq!(added.kind, NodeKind::ExchangeServer);
    assert_eq!(
        app.selection(),
        &Selection::node(added.id.clone()),
        "the new node is selected"
    );
    assert!(
        app.findings().iter().any(|f| f.nodes.contains(&added.id)),
        "a lone new server is flagged: {:?}",
        rules_of(app)
    );
    assert!(app.is_dirty());
}

#[test]
fn unticking_the_only_role_raises_a_finding_and_ticking_it_clears_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(2);
    assert!(!rules_of(app(&h)).contains(&"R-ROLE-NONE"));

    h.get_by_role_and_label(Role::CheckBox, "Mailbox").click();
    h.run_steps(2);
    assert!(
        app(&h)
            .document()
            .node("ex1")
            .expect("ex1")
            .roles()
            .is_empty()
    );
    assert!(
        rules_of(app(&h)).contains(&"R-ROLE-NONE"),
        "{:?}",
        rules_of(app(&h))
    );

    h.get_by_role_and_label(Role::CheckBox, "Mailbox").click();
    h.run_steps(2);
    assert!(
        !rules_of(app(&h)).contains(&"R-ROLE-NONE"),
        "{:?}",
        rules_of(app(&h))
    );
}

#[test]
fn roles_offered_follow_the_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(2);
    assert!(
        h.query_by_label("Client Access").is_none(),
        "2019 servers have only the Mailbox role"
    );
    let mut node = app(&h).document().node("ex1").expect("ex1").clone();
    node.version = Some(Version::V2013);
    app_mut(&mut h).apply(hybrid_designer::edit::Command::UpdateNode { node });
    h.run_steps(2);
    assert!(
        h.query_by_label("Client Access").is_some(),
        "2013 servers can be Client Access servers"
    );
}

#[test]
fn clicking_a_finding_selects_its_subject() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    h.run_steps(1);
    let finding = app(&h)
        .findings()
        .iter()
        .find(|f| f.nodes.iter().any(|n| n == "ex1"))
        .cloned()
        .expect("a single server is flagged (redundancy)");
    assert!(app(&h).selection().is_empty());
    scroll_into_view(&mut h, &finding.message);
    h.get_by_label(&finding.message).click();
    h.run_steps(2);
    assert!(
        app(&h).selection().nodes.contains("ex1"),
        "{:?}",
        app(&h).selection()
    );
}

#[test]
fn a_quick_fix_applies_in_one_click_and_undoes_with_ctrl_z() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    // Take the role away so the plan has a finding with a known fix.
    let mut node = app(&h).document().node("ex1").expect("ex1").clone();
    node.roles = Some(Vec::new());
    assert!(app_mut(&mut h).apply(hybrid_designer::edit::Command::UpdateNode { node }));
    h.run_steps(2);
    assert!(rules_of(app(&h)).contains(&"R-ROLE-NONE"));
    let fix = hybrid_designer::edit::quick_fix(
        app(&h).document(),
        app(&h)
            .findings()
            .iter()
            .find(|f| f.rule == "R-ROLE-NONE")
            .expect("finding"),
    )
    .expect("R-ROLE-NONE has a quick fix");
    scroll_into_view(&mut h, &format!("🔧 {}", fix.label));
    h.get_by_label(&format!("🔧 {}", fix.label)).click();
    h.run_steps(2);
    assert!(
        !rules_of(app(&h)).contains(&"R-ROLE-NONE"),
        "{:?}",
        rules_of(app(&h))
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        rules_of(app(&h)).contains(&"R-ROLE-NONE"),
        "undo brings the finding back"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert!(
        !rules_of(app(&h)).contains(&"R-ROLE-NONE"),
        "redo fixes it again"
    );
}

#[test]
fn undo_redo_follow_the_history_and_the_edit_menu_names_the_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(app(&h).document().nodes.is_empty());
    assert!(app(&h).is_dirty());
    assert_eq!(app(&h).history().undo_label(), Some("Delete EX01"));

    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label_contains("Undo Delete EX01").click();
    h.run_steps(2);
    assert_eq!(app(&h).document().nodes.len(), 1);
    assert!(
        !app(&h).is_dirty(),
        "undoing back to the saved state clears the unsaved mark"
    );

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert!(app(&h).document().nodes.is_empty(), "Ctrl+Shift+Z redoes");
}

#[test]
fn opening_a_broken_file_shows_why_and_keeps_the_open_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.hybrid.json");
    std::fs::write(
        &broken,
        r#"{"format": "exchange-hybrid-topology", "format_version": 1, "nodes": [{"id": "a"}]}"#,
    )
    .expect("write");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    let before = app(&h).document().clone();
    dialogs.answer(&broken);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    assert_eq!(dialogs.asked(), 1, "the open dialog was asked once");
    let banner = app(&h)
        .banner()
        .expect("a banner explains the failure")
        .to_owned();
    assert!(banner.contains("broken.hybrid.json"), "{banner}");
    assert!(
        banner.contains("/nodes/0"),
        "the reason names the place: {banner}"
    );
    assert!(
        h.query_by_label_contains("/nodes/0").is_some(),
        "the reason is shown in the window"
    );
    assert_eq!(app(&h).document(), &before, "the open plan is kept");
    assert!(
        h.query_by_label("Open a copy with new link ids").is_none(),
        "only repeated link ids can be renumbered"
    );
}

#[test]
fn a_file_refused_for_repeated_link_ids_can_be_opened_as_a_renumbered_copy() {
    let original = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad/p10-edge-valid-duplicate-link-ids.hybrid.json");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    dialogs.answer(&original);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(3);
    let banner = app(&h).banner().expect("refused as it is").to_owned();
    assert!(banner.contains("duplicate link id \"l8\""), "{banner}");
    h.get_by_label("Open a copy with new link ids").click();
    h.run_steps(3);
    let app = app(&h);
    assert!(app.banner().is_none());
    assert_eq!(app.document().title.as_deref(), Some("Edge transport"));
    assert!(app.document().link("l8-2").is_some());
    assert_eq!(
        app.path(),
        None,
        "Save asks where: the original is not overwritten"
    );
    assert!(app.is_dirty(), "the copy is unsaved work");
    // The plan of scenario p10: as of its evaluation date, Exchange 2016 is past its end of
    // support and the dedicated hybrid app is not stated (rules v2); nothing else.
    let rules: Vec<&str> = app.findings().iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        ["R-APP-DEDICATED", "R-VER-EOL"],
        "{:?}",
        app.findings()
    );
    let status = app.status().expect("a status message");
    assert!(status.text.contains("l8 \u{2192} l8-2"), "{}", status.text);
}

#[test]
fn a_file_named_at_start_that_cannot_be_read_leaves_the_sample_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.hybrid.json");
    let h = designer(opening(missing), FakeDialogs::default());
    assert!(
        app(&h)
            .banner()
            .is_some_and(|b| b.contains("nope.hybrid.json"))
    );
    assert_eq!(app(&h).document(), &hybrid_designer::edit::sample_plan());
}

#[test]
fn save_as_writes_the_file_and_clears_the_unsaved_mark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("saved.hybrid.json");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    app_mut(&mut h).select_all();
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(app(&h).is_dirty());
    assert!(app(&h).window_title().starts_with('•'));
    dialogs.answer(&target);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(!app(&h).is_dirty());
    assert_eq!(app(&h).path(), Some(target.as_path()));
    let saved = hybrid_designer::file::load(&target).expect("the saved file loads");
    assert_eq!(&saved, app(&h).document());
    assert!(app(&h).window_title().contains("saved.hybrid.json"));
}

#[test]
fn new_with_unsaved_changes_asks_first_and_cancel_keeps_everything() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    app_mut(&mut h).select_all();
    h.key_press(Key::Delete);
    h.run_steps(2);
    let edited = app(&h).document().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "a confirmation is shown"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(app(&h).document(), &edited);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert_ne!(app(&h).document(), &edited, "a new plan replaced it");
    assert!(!app(&h).is_dirty());
}

#[test]
fn drawing_a_send_connector_from_a_server_to_exchange_online_adds_the_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exo = Node::new("exo", NodeKind::ExchangeOnline, "Contoso tenant");
    let path = plan_file(
        dir.path(),
        "Two nodes",
        vec![ex01().at(200.0, 300.0), exo.at(700.0, 300.0)],
    );
    let mut h = designer(opening(path), FakeDialogs::default());
    draw_send_connector(&mut h, "EX01", "Contoso tenant");
    let app = app(&h);
    let link = app
        .document()
        .links
        .first()
        .unwrap_or_else(|| panic!("a link was drawn; status {:?}", app.status()));
    assert_eq!(link.kind, hybrid_designer::model::LinkKind::SendConnector);
    assert_eq!((link.from.as_str(), link.to.as_str()), ("ex1", "exo"));
    assert_eq!(
        app.selection(),
        &Selection::link(link.id.clone()),
        "the new link is selected"
    );
    assert_eq!(app.history().undo_label(), Some("Add send connector"));
}

#[test]
fn the_status_names_a_drawn_link_with_its_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exo = Node::new("exo", NodeKind::ExchangeOnline, "Contoso tenant");
    let path = plan_file(
        dir.path(),
        "Two nodes",
        vec![ex01().at(200.0, 300.0), exo.at(700.0, 300.0)],
    );
    let mut h = designer(opening(path), FakeDialogs::default());
    draw_link(&mut h, "OAuth", "EX01", "Contoso tenant");
    assert_eq!(
        app(&h).status().map(|s| s.text.as_str()),
        Some("Drew an OAuth link")
    );
    draw_link(
        &mut h,
        "Organization relationship",
        "EX01",
        "Contoso tenant",
    );
    assert_eq!(
        app(&h).status().map(|s| s.text.as_str()),
        Some("Drew an organization relationship")
    );
}

#[test]
fn a_refused_link_says_why_in_the_status_bar() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ex02 = Node::server("ex2", "EX02", Version::V2019, &[ServerRole::Mailbox]);
    let path = plan_file(
        dir.path(),
        "Two servers",
        vec![ex01().at(200.0, 300.0), ex02.at(700.0, 300.0)],
    );
    let mut h = designer(opening(path), FakeDialogs::default());
    draw_send_connector(&mut h, "EX01", "EX02");
    assert!(app(&h).document().links.is_empty());
    let status = app(&h).status().expect("a status message");
    assert_eq!(status.kind, hybrid_designer::ui::StatusKind::Problem);
    assert!(
        status.text.to_lowercase().contains("exchange online"),
        "{}",
        status.text
    );
}

#[test]
fn escape_puts_the_link_tool_down() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    h.get_by_role_and_label(Role::Button, "Send connector")
        .click();
    h.run_steps(2);
    assert_eq!(
        app(&h).link_tool(),
        Some(hybrid_designer::model::LinkKind::SendConnector)
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(app(&h).link_tool(), None);
}

#[test]
fn unsaved_work_is_copied_for_recovery_after_thirty_seconds_and_cleared_on_save() {
    let recovery = tempfile::tempdir().expect("temp dir");
    let files = tempfile::tempdir().expect("temp dir");
    let dialogs = FakeDialogs::default();
    let mut h = designer_with(
        Startup::default(),
        dialogs.clone(),
        Some(recovery.path().to_path_buf()),
        1.0,
    );
    app_mut(&mut h).select_all();
    h.key_press(Key::Delete);
    h.run_steps(5);
    assert!(
        find_recovery_in(recovery.path()).is_none(),
        "no copy before thirty seconds have passed"
    );
    h.run_steps(30);
    let copy = find_recovery_in(recovery.path()).expect("a recovery copy after thirty seconds");
    assert_eq!(&copy.document, app(&h).document());

    dialogs.answer(&files.path().join("plan.hybrid.json"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(!app(&h).is_dirty());
    assert!(
        find_recovery_in(recovery.path()).is_none(),
        "saving clears the copy"
    );
}

#[test]
fn a_recovery_copy_left_behind_is_offered_at_start_and_restores_the_plan() {
    let recovery = tempfile::tempdir().expect("temp dir");
    let mut lost = hybrid_designer::model::Document::new("Lost work");
    lost.nodes
        .push(Node::server("ex9", "EX09", Version::V2019, &[ServerRole::Mailbox]).at(100.0, 100.0));
    write_recovery_in(recovery.path(), &lost, None).expect("write a copy");
    let startup = Startup {
        file: None,
        offer_recovery: true,
    };
    let mut h = designer_with(
        startup,
        FakeDialogs::default(),
        Some(recovery.path().to_path_buf()),
        1.0 / 60.0,
    );
    assert!(
        h.query_by_label("Restore unsaved work?").is_some(),
        "the copy is offered"
    );
    h.get_by_label("Restore").click();
    h.run_steps(2);
    assert_eq!(app(&h).document(), &lost);
    assert!(app(&h).is_dirty(), "restored work is unsaved until saved");
    assert!(
        find_recovery_in(recovery.path()).is_none(),
        "the copy is used up"
    );
}

#[test]
fn escape_in_the_unsaved_changes_dialog_cancels() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    app_mut(&mut h).select_all();
    h.key_press(Key::Delete);
    h.run_steps(2);
    let edited = app(&h).document().clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(
        h.query_by_label("Unsaved changes").is_none(),
        "Esc closes the dialog"
    );
    assert_eq!(app(&h).document(), &edited, "and keeps the plan");
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    app_mut(&mut h).select_all();
    h.key_press(Key::Delete);
    h.run_steps(2);
    request_close(&mut h);
    h.run_steps(2);
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "closing asks first"
    );
    assert!(!app(&h).is_closing());
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(app(&h).is_closing(), "the user agreed to close");
}

#[test]
fn closing_the_window_without_unsaved_changes_does_not_ask() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    request_close(&mut h);
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved changes").is_none());
}

/// What the window system sends when the user clicks the window's close button.
fn request_close(h: &mut Designer) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

#[test]
fn renaming_in_the_inspector_commits_once_on_enter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(2);
    // The field and its text both carry the value; either is the field to click.
    h.get_all_by_value("EX01")
        .next()
        .expect("the name field")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.event(egui::Event::Text("EX19-01".to_owned()));
    h.run_steps(2);
    assert_eq!(
        app(&h).document().node("ex1").expect("ex1").name,
        "EX01",
        "typing alone changes nothing yet"
    );
    assert!(!app(&h).history().can_undo());
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(app(&h).document().node("ex1").expect("ex1").name, "EX19-01");
    assert_eq!(app(&h).history().steps(), (1, 0), "one edit, one undo step");
}

/// A file dropped on the window, as the window system hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_topology_file_on_the_window_opens_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(Startup::default(), FakeDialogs::default());
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.run_steps(2);
    assert_eq!(app(&h).path(), Some(path.as_path()));
    assert_eq!(app(&h).document().display_title(), "One server");
    assert_eq!(
        app(&h).recent().paths().first(),
        Some(&path),
        "it joins the recent files"
    );
}

#[test]
fn ctrl_s_while_typing_saves_the_typed_text_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(
        Startup {
            file: Some(path.clone()),
            offer_recovery: false,
        },
        FakeDialogs::default(),
    );
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(2);
    h.get_all_by_value("EX01")
        .next()
        .expect("the name field")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("EX19-01".to_owned()));
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    let saved = hybrid_designer::file::load(&path).expect("load");
    assert_eq!(saved.node("ex1").expect("ex1").name, "EX19-01");
    assert!(!app(&h).is_dirty());
}

/// A designer whose file dialogs are the in-app ones (what a machine without a desktop portal
/// or `zenity` gets), opened on `file`.
fn designer_with_in_app_dialogs(file: PathBuf) -> Designer {
    designer(opening(file), InAppDialogs::new())
}

#[test]
fn the_in_app_open_dialog_lists_the_folder_and_escape_cancels_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = one_server_plan(dir.path());
    std::fs::write(dir.path().join("notes.txt"), "not a plan").expect("write");
    let mut h = designer_with_in_app_dialogs(first.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    assert!(
        h.query_by_label("Open plan").is_some(),
        "the dialog is open"
    );
    assert!(h.query_by_label("🗋 one.hybrid.json").is_some());
    assert!(
        h.query_by_label("🗋 notes.txt").is_none(),
        "only topology files are listed"
    );
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.query_by_label("Open plan").is_none(), "Esc closed it");
    assert_eq!(app(&h).path(), Some(first.as_path()));
    // The cancelled dialog no longer counts as open: Ctrl+O asks again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    assert!(h.query_by_label("Open plan").is_some());
}

#[test]
fn picking_a_file_in_the_in_app_dialog_opens_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = one_server_plan(dir.path());
    let second = dir.path().join("two.hybrid.json");
    hybrid_designer::file::save(&second, &hybrid_designer::model::Document::new("Two"))
        .expect("save");
    let mut h = designer_with_in_app_dialogs(first);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    h.get_by_label("🗋 two.hybrid.json").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run_steps(3);
    assert_eq!(app(&h).path(), Some(second.as_path()));
    assert_eq!(app(&h).document().display_title(), "Two");
    assert!(h.query_by_label("Open plan").is_none());
}

/// Types `text` and Enter into whatever has the keyboard.
fn type_and_enter(h: &mut Designer, text: &str) {
    h.input_mut()
        .events
        .push(egui::Event::Text(text.to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn every_file_dialog_opens_with_its_name_field_focused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = one_server_plan(dir.path());
    for name in ["two", "three"] {
        hybrid_designer::file::save(
            &dir.path().join(format!("{name}.hybrid.json")),
            &hybrid_designer::model::Document::new(name),
        )
        .expect("save");
    }
    let mut h = designer_with_in_app_dialogs(first);
    // A first dialog, cancelled.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    h.key_press(Key::Escape);
    h.run_steps(3);
    // The second one takes typing at once.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    type_and_enter(&mut h, "two.hybrid.json");
    assert_eq!(app(&h).document().display_title(), "two");
    // And the third, after a dialog that answered.
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    type_and_enter(&mut h, "three.hybrid.json");
    assert_eq!(app(&h).document().display_title(), "three");
    // Save As after the open dialogs: the name field is focused with the name selected,
    // so typing replaces it.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(4);
    type_and_enter(&mut h, "four.hybrid.json");
    assert!(
        dir.path().join("four.hybrid.json").exists(),
        "saved by typing"
    );
    // The export window's Export… button leads to a save dialog that takes typing too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(4);
    h.get_by_role_and_label(Role::Button, "Export…").click();
    h.run_steps(4);
    type_and_enter(&mut h, "picture.svg");
    for _ in 0..500 {
        h.run_steps(1);
        if !app(&h).is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        dir.path().join("picture.svg").exists(),
        "exported by typing"
    );
}

#[test]
fn f2_renames_the_selected_node_on_the_canvas_in_one_undo_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    app_mut(&mut h).select(Selection::node("ex1".into()));
    h.run_steps(1);
    h.key_press(Key::F2);
    h.run_steps(2);
    // The canvas field has the focus with the name selected: typing replaces it.
    h.input_mut()
        .events
        .push(egui::Event::Text("MBX-01".to_owned()));
    h.run_steps(1);
    assert_eq!(
        app(&h).document().node("ex1").expect("ex1").name,
        "EX01",
        "nothing changes while typing"
    );
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(app(&h).document().node("ex1").expect("ex1").name, "MBX-01");
    assert_eq!(
        app(&h).history().undo_label(),
        Some("Rename EX01 to MBX-01")
    );
    assert!(
        h.query_by_label("MBX-01").is_some(),
        "the card shows the new name"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(app(&h).document().node("ex1").expect("ex1").name, "EX01");
}

#[test]
fn double_clicking_a_server_and_typing_renames_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    let p = h.get_by_label("EX01").rect().center();
    h.hover_at(p);
    h.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.input_mut().events.push(egui::Event::PointerButton {
                pos: p,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
    }
    h.run_steps(2);
    assert_eq!(app(&h).selection(), &Selection::node("ex1".into()));
    h.input_mut()
        .events
        .push(egui::Event::Text("EX-Hub".to_owned()));
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(app(&h).document().node("ex1").expect("ex1").name, "EX-Hub");
}

#[test]
fn text_typed_in_a_field_survives_the_window_losing_focus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let mut h = designer(opening(path), FakeDialogs::default());
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some("One server"))
        .expect("the plan's title field")
        .focus();
    h.run_steps(1);
    h.input_mut()
        .events
        .push(egui::Event::Text(", west".to_owned()));
    h.run_steps(1);
    // Alt+Tab away and back while typing.
    h.input_mut().focused = false;
    h.run_steps(2);
    h.input_mut().focused = true;
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(
        app(&h).document().title.as_deref(),
        Some("One server, west")
    );
}

#[test]
fn the_could_not_open_banner_leaves_the_canvas_camera_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.hybrid.json");
    std::fs::write(&broken, "{").expect("write");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    let zoom = |h: &Designer| {
        h.query_by_label_contains("Zoom ")
            .and_then(|n| {
                n.accesskit_node()
                    .label()
                    .or_else(|| n.accesskit_node().value())
            })
            .expect("the status bar shows the zoom")
    };
    // Away from the fitted view, so a refit would show.
    h.key_press(Key::Minus);
    h.key_press(Key::Minus);
    h.run_steps(2);
    let before = zoom(&h);
    dialogs.answer(&broken);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(4);
    assert!(app(&h).banner().is_some());
    assert_eq!(
        zoom(&h),
        before,
        "the banner above the canvas changed the view"
    );
    h.get_by_label("Dismiss").click();
    h.run_steps(4);
    assert_eq!(zoom(&h), before, "the banner leaving changed the view");
}

#[test]
fn tidy_layout_from_the_edit_menu_moves_the_nodes_in_one_undo_step() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let before = app(&h).document().clone();
    h.get_by_label("Edit").click();
    h.run_steps(2);
    h.get_by_label_contains("Tidy layout").click();
    h.run_steps(3);
    assert_ne!(app(&h).document(), &before, "the nodes moved");
    assert_eq!(app(&h).history().undo_label(), Some("Tidy layout"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(app(&h).document(), &before);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run_steps(2);
    assert_eq!(
        app(&h).history().undo_label(),
        Some("Tidy layout"),
        "Ctrl+Shift+L too"
    );
}

#[test]
fn a_blank_plan_carries_no_boilerplate_and_the_guidance_stays_in_the_ui() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(3);
    assert!(app(&h).document().nodes.is_empty(), "a blank plan");
    assert_eq!(
        app(&h).document().description,
        None,
        "no guidance text in the user's data"
    );
    assert!(
        h.query_by_label_contains("only the structural rules run")
            .is_some(),
        "the inspector explains draft mode"
    );
}

#[test]
fn save_as_on_an_opened_file_proposes_its_own_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = one_server_plan(dir.path());
    let dialogs = FakeDialogs::default();
    let mut h = designer(opening(path), dialogs.clone());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert_eq!(dialogs.saves(), ["one.hybrid.json"]);
}

#[test]
fn help_lists_the_shortcuts_from_the_command_table_the_rules_and_the_version() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    h.key_press(Key::F1);
    h.run_steps(4);
    let shown = |h: &Designer, label: &str| h.query_all_by_label(label).next().is_some();
    assert!(shown(&h, "Keyboard shortcuts"), "F1 opens the sheet");
    assert!(shown(&h, "Tidy layout"));
    assert!(
        h.query_all_by_label_contains("Shift+L").next().is_some(),
        "Tidy layout's keys are listed"
    );
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!shown(&h, "Keyboard shortcuts"), "Esc closes it");

    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("Rule catalog").click();
    h.run_steps(4);
    for rule in hybrid_designer::rules::catalog() {
        assert!(
            shown(&h, rule.id),
            "{} is missing from the catalog",
            rule.id
        );
    }
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "About").click();
    h.run_steps(4);
    assert!(shown(&h, &format!("Version {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn the_toolbar_runs_the_same_actions_as_the_menus() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let button = |h: &Designer, icon: &str| {
        h.get_by_role_and_label(Role::Button, icon)
            .accesskit_node()
            .is_disabled()
    };
    assert!(button(&h, "⟲"), "nothing to undo yet");
    h.get_by_role_and_label(Role::Button, "▦").click();
    h.run_steps(3);
    assert!(app(&h).history().can_undo(), "the tidy button tidied");
    assert!(!button(&h, "⟲"));
    h.get_by_role_and_label(Role::Button, "⟲").click();
    h.run_steps(3);
    assert!(!app(&h).history().can_undo(), "the undo button undid it");
    h.get_by_role_and_label(Role::Button, "📤").click();
    h.run_steps(3);
    assert!(app(&h).is_export_dialog_open());
}

#[test]
fn a_new_server_outside_the_plans_site_makes_every_server_card_say_its_site() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let texts = |h: &Designer| -> Vec<String> {
        h.output()
            .shapes
            .iter()
            .filter_map(|s| match &s.shape {
                egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
                _ => None,
            })
            .collect()
    };
    assert!(
        !texts(&h).iter().any(|t| t.contains("default site")),
        "one site: no site on the cards"
    );
    let node = hybrid_designer::edit::new_node(
        app(&h).document(),
        NodeKind::ExchangeServer,
        hybrid_designer::model::Pos { x: 100.0, y: 900.0 },
    );
    app_mut(&mut h).apply(hybrid_designer::edit::Command::AddNode { node, index: None });
    h.run_steps(3);
    let shown = texts(&h);
    assert!(
        shown.iter().any(|t| t.ends_with("\u{B7} default site")),
        "the new server says it is in the default site: {shown:?}"
    );
    assert!(
        shown.iter().any(|t| t.ends_with("\u{B7} HQ")),
        "the others say HQ: {shown:?}"
    );
}
