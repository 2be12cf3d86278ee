//! The undo history: undo/redo, labels, the unsaved-changes mark, the generation counter,
//! transactions, and random edit sequences that must undo back to the start.

use hybrid_designer::edit::{Command, History, connect, new_node, sample_plan};
use hybrid_designer::model::{Document, LinkKind, NodeId, NodeKind, Pos};
use proptest::prelude::*;

fn move_to(id: &str, x: f64) -> Command {
    Command::MoveNodes {
        moves: vec![(NodeId::from(id), Pos { x, y: 0.0 })],
    }
}

fn x_of(doc: &Document, id: &str) -> Option<f64> {
    doc.node(id).and_then(|n| n.position).map(|p| p.x)
}

#[test]
fn undo_and_redo_walk_the_steps_with_their_labels() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    assert!(!history.can_undo() && !history.can_redo());
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    history
        .apply(&mut doc, Command::SetTitle(Some("T".to_owned())))
        .expect("title");
    assert_eq!(history.undo_label(), Some("Rename plan"));
    assert!(history.undo(&mut doc));
    assert_eq!(doc.title, original.title);
    assert_eq!(history.undo_label(), Some("Move node"));
    assert_eq!(history.redo_label(), Some("Rename plan"));
    assert!(history.undo(&mut doc));
    assert_eq!(doc, original);
    assert!(!history.undo(&mut doc), "nothing left to undo");
    assert!(history.redo(&mut doc) && history.redo(&mut doc));
    assert_eq!(doc.title.as_deref(), Some("T"));
    assert_eq!(x_of(&doc, "lb"), Some(1.0));
    assert!(!history.redo(&mut doc), "nothing left to redo");
}

#[test]
fn a_new_edit_clears_the_redo_stack() {
    let mut doc = sample_plan();
    let mut history = History::new();
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    history.undo(&mut doc);
    assert!(history.can_redo());
    history.apply(&mut doc, move_to("exo", 2.0)).expect("move");
    assert!(!history.can_redo());
    assert_eq!(history.redo_label(), None);
}

#[test]
fn a_refused_command_leaves_document_and_history_alone() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    let generation = history.generation();
    assert!(history.apply(&mut doc, move_to("ghost", 1.0)).is_err());
    assert_eq!(doc, original);
    assert!(!history.can_undo());
    assert!(!history.is_dirty());
    assert_eq!(history.generation(), generation);
}

#[test]
fn an_empty_command_is_not_recorded() {
    let mut doc = sample_plan();
    let mut history = History::new();
    history
        .apply(&mut doc, Command::RemoveNodes { ids: vec![] })
        .expect("no-op");
    history
        .apply(
            &mut doc,
            Command::Batch {
                label: "Nothing".to_owned(),
                commands: vec![],
            },
        )
        .expect("no-op");
    assert!(!history.can_undo());
    assert!(!history.is_dirty());
}

#[test]
fn dirty_follows_the_save_point_through_undo_and_redo() {
    let mut doc = sample_plan();
    let mut history = History::new();
    assert!(!history.is_dirty(), "a freshly opened plan is clean");
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    assert!(history.is_dirty());
    history.mark_saved();
    assert!(!history.is_dirty());
    history.undo(&mut doc);
    assert!(
        history.is_dirty(),
        "undoing past the save point makes it dirty"
    );
    history.redo(&mut doc);
    assert!(
        !history.is_dirty(),
        "redoing back to the save point makes it clean"
    );
    history.apply(&mut doc, move_to("lb", 2.0)).expect("move");
    history.undo(&mut doc);
    assert!(!history.is_dirty(), "back at the save point");
}

#[test]
fn a_save_point_that_was_undone_and_replaced_can_never_be_clean_again() {
    let mut doc = sample_plan();
    let mut history = History::new();
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    history.mark_saved();
    history.undo(&mut doc);
    history.apply(&mut doc, move_to("lb", 5.0)).expect("move");
    assert!(history.is_dirty());
    history.undo(&mut doc);
    assert!(
        history.is_dirty(),
        "the original is not the saved document either"
    );
}

#[test]
fn generation_changes_on_every_apply_undo_and_redo() {
    let mut doc = sample_plan();
    let mut history = History::new();
    let mut seen = vec![history.generation()];
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    seen.push(history.generation());
    history.undo(&mut doc);
    seen.push(history.generation());
    history.redo(&mut doc);
    seen.push(history.generation());
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique, seen, "each step gives a new generation");
    let before = history.generation();
    assert!(!history.redo(&mut doc));
    assert_eq!(
        history.generation(),
        before,
        "a redo that does nothing keeps the generation"
    );
}

#[test]
fn a_transaction_makes_a_whole_drag_one_step() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    history.begin("Move 2 nodes");
    for x in [10.0, 20.0, 30.0] {
        history
            .apply(
                &mut doc,
                Command::MoveNodes {
                    moves: vec![
                        (NodeId::from("lb"), Pos { x, y: 0.0 }),
                        (NodeId::from("exo"), Pos { x, y: 9.0 }),
                    ],
                },
            )
            .expect("move");
    }
    assert!(history.in_transaction());
    assert!(history.is_dirty());
    history.commit();
    assert!(!history.in_transaction());
    assert_eq!(history.steps(), (1, 0));
    assert_eq!(history.undo_label(), Some("Move 2 nodes"));
    history.undo(&mut doc);
    assert_eq!(doc, original);
    history.redo(&mut doc);
    assert_eq!(x_of(&doc, "lb"), Some(30.0));
    assert_eq!(x_of(&doc, "exo"), Some(30.0));
}

#[test]
fn nested_transactions_record_one_step_with_the_outer_label() {
    let mut doc = sample_plan();
    let mut history = History::new();
    history.begin("Outer");
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    history.begin("Inner");
    history
        .apply(&mut doc, Command::SetTitle(None))
        .expect("title");
    history.commit();
    assert!(history.in_transaction());
    history.commit();
    assert_eq!(history.steps(), (1, 0));
    assert_eq!(history.undo_label(), Some("Outer"));
}

#[test]
fn an_empty_transaction_records_nothing() {
    let mut history = History::new();
    history.begin("Click without drag");
    history.commit();
    assert!(!history.can_undo());
    assert!(!history.is_dirty());
}

#[test]
fn cancelling_a_transaction_puts_the_document_back() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    history.begin("Drag");
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    history.apply(&mut doc, move_to("lb", 2.0)).expect("move");
    assert!(history.cancel(&mut doc));
    assert_eq!(doc, original);
    assert!(!history.can_undo());
    assert!(!history.is_dirty());
}

#[test]
fn undo_during_a_transaction_commits_it_first() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    history.begin("Drag");
    history.apply(&mut doc, move_to("lb", 1.0)).expect("move");
    assert!(history.undo(&mut doc));
    assert_eq!(doc, original);
    assert!(!history.in_transaction());
    assert_eq!(history.redo_label(), Some("Drag"));
}

#[test]
fn a_limited_history_forgets_the_oldest_steps() {
    let mut doc = sample_plan();
    let mut history = History::with_limit(2);
    for x in [1.0, 2.0, 3.0] {
        history.apply(&mut doc, move_to("lb", x)).expect("move");
    }
    assert!(history.undo(&mut doc) && history.undo(&mut doc));
    assert!(!history.undo(&mut doc));
    assert_eq!(x_of(&doc, "lb"), Some(1.0));
    assert!(
        history.is_dirty(),
        "the oldest step is forgotten, not undone"
    );
}

fn rename(doc: &Document, id: &str, name: &str) -> Command {
    let mut node = doc.node(id).cloned().expect("node exists");
    name.clone_into(&mut node.name);
    Command::UpdateNode { node }
}

#[test]
fn typing_a_name_letter_by_letter_is_one_step() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    for name in ["M", "MB", "MBX"] {
        let command = rename(&doc, "exse-01", name);
        history
            .apply_merging(&mut doc, command, "name:exse-01")
            .expect("rename");
    }
    assert_eq!(history.steps(), (1, 0));
    assert_eq!(history.undo_label(), Some("Edit MBX"));
    history.undo(&mut doc);
    assert_eq!(doc, original);
    history.redo(&mut doc);
    assert_eq!(doc.node("exse-01").map(|n| n.name.as_str()), Some("MBX"));
}

#[test]
fn merging_stops_at_another_key_or_an_undo() {
    let mut doc = sample_plan();
    let mut history = History::new();
    let command = rename(&doc, "exse-01", "A");
    history
        .apply_merging(&mut doc, command, "name:exse-01")
        .expect("rename");
    let command = rename(&doc, "exse-02", "B");
    history
        .apply_merging(&mut doc, command, "name:exse-02")
        .expect("rename");
    assert_eq!(history.steps(), (2, 0));
    history.undo(&mut doc);
    let command = rename(&doc, "exse-01", "AA");
    history
        .apply_merging(&mut doc, command, "name:exse-01")
        .expect("rename");
    assert_eq!(
        history.steps(),
        (2, 0),
        "a new step after undo, not merged into the older one"
    );
}

#[test]
fn merging_different_edits_under_one_key_still_undoes_all_of_them() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut history = History::new();
    history
        .apply_merging(&mut doc, move_to("lb", 1.0), "nudge")
        .expect("move");
    history
        .apply_merging(&mut doc, move_to("exo", 2.0), "nudge")
        .expect("move");
    history
        .apply_merging(&mut doc, Command::SetTitle(None), "nudge")
        .expect("title");
    assert_eq!(history.steps(), (1, 0));
    history.undo(&mut doc);
    assert_eq!(doc, original);
}

#[test]
fn an_edit_merged_after_saving_makes_the_plan_dirty() {
    let mut doc = sample_plan();
    let mut history = History::new();
    history
        .apply_merging(&mut doc, move_to("lb", 1.0), "nudge")
        .expect("move");
    history.mark_saved();
    history
        .apply_merging(&mut doc, move_to("lb", 2.0), "nudge")
        .expect("move");
    assert!(history.is_dirty());
    history.undo(&mut doc);
    assert!(
        history.is_dirty(),
        "the saved document had lb at 1.0, not the original"
    );
}

/// One random edit, chosen by numbers so proptest can shrink it.
#[derive(Debug, Clone)]
enum Op {
    Add(usize, f64),
    Remove(usize),
    Move(usize, f64, f64),
    Connect(usize, usize, usize),
    RemoveLink(usize),
    Rename(usize),
    Title(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..NodeKind::ALL.len(), -500.0..500.0f64).prop_map(|(k, x)| Op::Add(k, x)),
        (0..64usize).prop_map(Op::Remove),
        (0..64usize, -500.0..500.0f64, -500.0..500.0f64).prop_map(|(i, x, y)| Op::Move(i, x, y)),
        (0..LinkKind::ALL.len(), 0..64usize, 0..64usize).prop_map(|(k, a, b)| Op::Connect(k, a, b)),
        (0..64usize).prop_map(Op::RemoveLink),
        (0..64usize).prop_map(Op::Rename),
        any::<u8>().prop_map(Op::Title),
    ]
}

fn command_for(doc: &Document, op: &Op) -> Option<Command> {
    let node = |i: usize| (!doc.nodes.is_empty()).then(|| doc.nodes[i % doc.nodes.len()].clone());
    Some(match *op {
        Op::Add(k, x) => Command::AddNode {
            node: new_node(doc, NodeKind::ALL[k], Pos { x, y: x / 2.0 }),
            index: None,
        },
        Op::Remove(i) => Command::RemoveNodes {
            ids: vec![node(i)?.id],
        },
        Op::Move(i, x, y) => Command::MoveNodes {
            moves: vec![(node(i)?.id, Pos { x, y })],
        },
        Op::Connect(k, a, b) => Command::AddLink {
            link: connect(doc, LinkKind::ALL[k], &node(a)?.id, &node(b)?.id).ok()?,
        },
        Op::RemoveLink(i) => Command::RemoveLinks {
            ids: vec![doc.links.get(i % doc.links.len().max(1))?.id.clone()],
        },
        Op::Rename(i) => {
            let mut n = node(i)?;
            n.name.push('x');
            Command::UpdateNode { node: n }
        }
        Op::Title(t) => Command::SetTitle((t % 2 == 0).then(|| format!("Plan {t}"))),
    })
}

proptest! {
    #[test]
    fn undoing_every_step_restores_the_original_and_redoing_restores_the_result(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let original = sample_plan();
        let mut doc = original.clone();
        let mut history = History::new();
        let mut applied = 0;
        for op in &ops {
            if let Some(command) = command_for(&doc, op) {
                history.apply(&mut doc, command).expect("commands built from the document apply");
                applied += 1;
            }
        }
        check_round_trip(&original, &mut doc, &mut history, applied)?;
    }

    #[test]
    fn merged_edits_also_undo_back_to_the_original(
        ops in prop::collection::vec((op(), 0..3u8), 1..40)
    ) {
        let original = sample_plan();
        let mut doc = original.clone();
        let mut history = History::new();
        for (op, key) in &ops {
            if let Some(command) = command_for(&doc, op) {
                history
                    .apply_merging(&mut doc, command, format!("key{key}"))
                    .expect("commands built from the document apply");
            }
        }
        let steps = history.steps().0;
        check_round_trip(&original, &mut doc, &mut history, steps)?;
    }
}

/// Undoes `steps` steps back to `original`, then redoes them back to the current document.
fn check_round_trip(
    original: &Document,
    doc: &mut Document,
    history: &mut History,
    steps: usize,
) -> Result<(), TestCaseError> {
    let edited = doc.clone();
    let ids: std::collections::BTreeSet<&str> =
        edited.nodes.iter().map(|n| n.id.as_str()).collect();
    prop_assert_eq!(ids.len(), edited.nodes.len(), "node ids stay unique");
    for _ in 0..steps {
        prop_assert!(history.undo(doc));
    }
    prop_assert!(!history.can_undo());
    prop_assert_eq!(&*doc, original);
    prop_assert!(!history.is_dirty());
    for _ in 0..steps {
        prop_assert!(history.redo(doc));
    }
    prop_assert_eq!(&*doc, &edited);
    Ok(())
}
