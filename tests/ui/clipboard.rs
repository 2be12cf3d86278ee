//! Copy, cut and paste of nodes through the real UI, and Find: the clipboard carries plan
//! text, so nodes copied in one window paste into another.

use crate::support::{Designer, FakeDialogs, app, app_mut, designer};
use egui::{Event, Key, Modifiers, OutputCommand, Pos2};
use hybrid_designer::edit::Selection;
use hybrid_designer::ui::{Startup, StatusKind};

/// The text the last frames put on the clipboard, if any.
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

/// The sample plan's first Exchange server, selected.
fn with_first_server_selected(h: &mut Designer) -> String {
    let id = app(h)
        .document()
        .nodes
        .iter()
        .find(|n| n.kind == hybrid_designer::model::NodeKind::ExchangeServer)
        .expect("the sample has a server")
        .id
        .clone();
    app_mut(h).select(Selection::node(id.clone()));
    h.run_steps(1);
    id.to_string()
}

#[test]
fn copy_then_paste_adds_a_renamed_copy_at_the_pointer_in_one_undo_step() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let before = app(&h).document().nodes.len();
    with_first_server_selected(&mut h);
    h.event(Event::Copy);
    h.run_steps(1);
    let text = copied_text(&h).expect("Ctrl+C put the node on the clipboard");
    assert!(
        text.contains("exchange-hybrid-topology"),
        "plan text: {text}"
    );
    h.hover_at(Pos2::new(700.0, 700.0));
    h.event(Event::Paste(text));
    h.run_steps(2);
    let doc = app(&h).document();
    assert_eq!(doc.nodes.len(), before + 1, "one node pasted");
    let pasted = app(&h)
        .selection()
        .nodes
        .first()
        .expect("the copy is selected")
        .clone();
    let names: Vec<&str> = doc.nodes.iter().map(|n| n.name.as_str()).collect();
    let name = &doc.node(pasted.as_str()).expect("pasted").name;
    assert_eq!(
        names.iter().filter(|n| *n == name).count(),
        1,
        "the copy has a name of its own"
    );
    assert_eq!(app(&h).history().steps(), (1, 0), "one undo step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(app(&h).document().nodes.len(), before);
}

#[test]
fn cut_removes_the_selection_and_puts_it_on_the_clipboard() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let before = app(&h).document().nodes.len();
    let id = with_first_server_selected(&mut h);
    h.event(Event::Cut);
    h.run_steps(1);
    assert!(copied_text(&h).is_some(), "cut copies");
    assert_eq!(app(&h).document().nodes.len(), before - 1);
    assert!(app(&h).document().node(&id).is_none());
}

#[test]
fn nodes_copied_in_one_window_paste_into_another() {
    let mut first = designer(Startup::default(), FakeDialogs::default());
    with_first_server_selected(&mut first);
    first.event(Event::Copy);
    first.run_steps(1);
    let text = copied_text(&first).expect("copied");
    let mut second = designer(Startup::default(), FakeDialogs::default());
    second.key_press_modifiers(Modifiers::COMMAND, Key::N);
    second.run_steps(3);
    assert!(app(&second).document().nodes.is_empty());
    second.event(Event::Paste(text));
    second.run_steps(2);
    assert_eq!(app(&second).document().nodes.len(), 1);
}

#[test]
fn pasting_text_that_is_not_a_plan_says_why_and_changes_nothing() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let before = app(&h).document().clone();
    h.event(Event::Paste("<xml>not a plan</xml>".to_owned()));
    h.run_steps(2);
    assert_eq!(app(&h).document(), &before);
    let status = app(&h).status().expect("a message");
    assert_eq!(status.kind, StatusKind::Problem);
    assert!(
        status.text.starts_with("Could not paste"),
        "{}",
        status.text
    );
}

#[test]
fn find_selects_the_node_typed_and_brings_it_into_view() {
    let mut h = designer(Startup::default(), FakeDialogs::default());
    let target = app(&h)
        .document()
        .nodes
        .iter()
        .find(|n| n.kind == hybrid_designer::model::NodeKind::SyncServer)
        .expect("the sample has a sync server")
        .clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    h.event(Event::Text(target.name.to_lowercase()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(app(&h).selection(), &Selection::node(target.id.clone()));
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(
        app(&h).selection(),
        &Selection::node(target.id),
        "Esc closes the bar and keeps the selection"
    );
}
