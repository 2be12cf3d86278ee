//! The canvas in a headless egui (kittest): gestures become the right actions, and the
//! traps of `egui_graphs` (first-frame fit, zoom runaway, nodes at one point) stay closed.

use egui::{Event, Modifiers, PointerButton, Pos2, Rect, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hybrid_designer::edit::Selection;
use hybrid_designer::model::{
    Camera, Document, Link, LinkKind, Node, NodeId, NodeKind, Role, Version,
};
use hybrid_designer::rules::{Finding, Severity};
use hybrid_designer::ui::canvas::{Canvas, CanvasAction, CanvasOptions, PaletteDrop, ZOOM_RANGE};

struct State {
    canvas: Option<Canvas>,
    doc: Document,
    selection: Selection,
    link_tool: Option<LinkKind>,
    opts: CanvasOptions,
    findings: Vec<Finding>,
    actions: Vec<CanvasAction>,
}

fn plan() -> Document {
    let mut doc = Document::new("test");
    doc.nodes
        .push(Node::server("ex01", "EX01", Version::V2019, &[Role::Mailbox]).at(150.0, 150.0));
    doc.nodes
        .push(Node::server("ex02", "EX02", Version::V2019, &[Role::Mailbox]).at(150.0, 400.0));
    doc.nodes
        .push(Node::new("exo", NodeKind::ExchangeOnline, "Exchange Online").at(600.0, 150.0));
    doc
}

fn harness(doc: Document) -> Harness<'static, State> {
    harness_with(doc, Vec2::new(1000.0, 700.0), false)
}

/// A canvas of `size` on `doc`; with `fit_on_open` it fits the plan when first shown, as the
/// designer does on opening a file.
fn harness_with(doc: Document, size: Vec2, fit_on_open: bool) -> Harness<'static, State> {
    let state = State {
        canvas: None,
        doc,
        selection: Selection::default(),
        link_tool: None,
        opts: CanvasOptions::editor(),
        findings: Vec::new(),
        actions: Vec::new(),
    };
    let mut h = Harness::builder().with_size(size).build_ui_state(
        move |ui, s: &mut State| {
            let canvas = s.canvas.get_or_insert_with(|| {
                let mut c = Canvas::new(ui.ctx());
                if fit_on_open {
                    c.fit();
                }
                c
            });
            let actions = canvas.show(ui, &s.doc, &s.findings, &s.selection, s.link_tool, &s.opts);
            s.actions.extend(actions);
        },
        state,
    );
    h.run_steps(2);
    h
}

fn center(h: &Harness<'_, State>, id: &str) -> Pos2 {
    let canvas = h.state().canvas.as_ref().expect("canvas shown");
    canvas
        .node_screen_rect(&NodeId::from(id))
        .expect("node on screen")
        .center()
}

fn drag(h: &mut Harness<'_, State>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(from + (to - from) * (i as f32 / 4.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(2);
}

/// The last frame asked for no new frame soon: an idle window costs nothing.
fn assert_idle(h: &Harness<'_, State>) {
    let delay = h
        .output()
        .viewport_output
        .values()
        .map(|v| v.repaint_delay)
        .min()
        .unwrap_or_default();
    assert!(
        delay > std::time::Duration::from_secs(1),
        "still repainting every {delay:?}"
    );
}

fn moves(actions: &[CanvasAction]) -> Vec<&Vec<(NodeId, hybrid_designer::model::Pos)>> {
    actions
        .iter()
        .filter_map(|a| {
            if let CanvasAction::MoveNodes(m) = a {
                Some(m)
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn a_node_is_found_by_its_name_and_a_click_selects_it() {
    let mut h = harness(plan());
    h.get_by_label("EX02").click();
    h.run_steps(3);
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(Selection::node("ex02".into()))),
        "{:?}",
        h.state().actions
    );
    assert!(
        moves(&h.state().actions).is_empty(),
        "a click is not a move: {:?}",
        h.state().actions
    );
}

#[test]
fn ctrl_click_adds_a_node_to_the_selection() {
    let mut h = harness(plan());
    h.state_mut().selection = Selection::node("ex01".into());
    h.run_steps(1);
    h.get_by_label("EX02").click_modifiers(Modifiers::COMMAND);
    h.run_steps(3);
    let mut both = Selection::node("ex01".into());
    both.nodes.insert("ex02".into());
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(both)),
        "{:?}",
        h.state().actions
    );
}

#[test]
fn clicking_empty_space_clears_the_selection() {
    let mut h = harness(plan());
    h.state_mut().selection = Selection::node("ex01".into());
    h.run_steps(1);
    let empty = Pos2::new(900.0, 650.0);
    h.hover_at(empty);
    h.event(Event::PointerButton {
        pos: empty,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: empty,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    assert_eq!(
        h.state().actions,
        vec![CanvasAction::SetSelection(Selection::default())]
    );
}

#[test]
fn dropping_a_palette_item_adds_that_kind_at_the_pointer() {
    let mut h = harness(Document::new("empty"));
    let at = Pos2::new(420.0, 300.0);
    h.hover_at(at);
    h.run_steps(1);
    egui::DragAndDrop::set_payload(&h.ctx, PaletteDrop(NodeKind::HybridAgent));
    h.drag_at(at);
    h.run_steps(1);
    egui::DragAndDrop::set_payload(&h.ctx, PaletteDrop(NodeKind::HybridAgent));
    h.drop_at(at);
    h.run_steps(2);
    let added: Vec<_> = h
        .state()
        .actions
        .iter()
        .filter_map(|a| {
            if let CanvasAction::AddNode { kind, pos } = a {
                Some((*kind, *pos))
            } else {
                None
            }
        })
        .collect();
    assert_eq!(added.len(), 1, "{:?}", h.state().actions);
    let (kind, pos) = added[0];
    assert_eq!(kind, NodeKind::HybridAgent);
    // The pointer in canvas coordinates: screen minus the widget's corner minus the pan, over the zoom.
    let canvas = h.state().canvas.as_ref().expect("canvas");
    let cam = canvas.camera();
    let expected_x = cam.x + f64::from(at.x - 0.0) / f64::from(canvas.zoom());
    assert!(
        (pos.x - expected_x).abs() < 20.0,
        "x {} vs {}",
        pos.x,
        expected_x
    );
    assert!(pos.y.is_finite());
}

#[test]
fn a_drop_exactly_on_a_node_is_nudged_off_it() {
    let mut h = harness(plan());
    let at = center(&h, "ex01");
    h.hover_at(at);
    h.run_steps(1);
    egui::DragAndDrop::set_payload(&h.ctx, PaletteDrop(NodeKind::Note));
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    let pos = h
        .state()
        .actions
        .iter()
        .find_map(|a| {
            if let CanvasAction::AddNode { pos, .. } = a {
                Some(*pos)
            } else {
                None
            }
        })
        .expect("a node is added");
    assert!(
        (pos.x - 150.0).abs() > 1.0 || (pos.y - 150.0).abs() > 1.0,
        "{pos:?}"
    );
}

#[test]
fn dragging_with_the_send_connector_tool_from_a_server_to_exchange_online_connects_them() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    let (a, b) = (center(&h, "ex01"), center(&h, "exo"));
    drag(&mut h, a, b);
    assert!(
        h.state().actions.contains(&CanvasAction::Connect {
            kind: LinkKind::SendConnector,
            from: "ex01".into(),
            to: "exo".into()
        }),
        "{:?}",
        h.state().actions
    );
    assert!(
        moves(&h.state().actions).is_empty(),
        "drawing a link moves nothing"
    );
}

#[test]
fn clicking_source_then_target_with_a_link_tool_connects_them() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.get_by_label("EX01").click();
    h.run_steps(3);
    assert!(
        h.state()
            .canvas
            .as_ref()
            .is_some_and(Canvas::is_drawing_link)
    );
    h.get_by_label("Exchange Online").click();
    h.run_steps(3);
    assert!(
        h.state().actions.contains(&CanvasAction::Connect {
            kind: LinkKind::SendConnector,
            from: "ex01".into(),
            to: "exo".into()
        }),
        "{:?}",
        h.state().actions
    );
}

#[test]
fn a_refused_link_target_explains_why_in_the_status_bar() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    let (a, b) = (center(&h, "ex01"), center(&h, "ex02"));
    drag(&mut h, a, b);
    let status: Vec<&String> = h
        .state()
        .actions
        .iter()
        .filter_map(|a| {
            if let CanvasAction::Status(s) = a {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(status.len(), 1, "{:?}", h.state().actions);
    assert!(
        status[0].contains("must end at Exchange Online"),
        "{}",
        status[0]
    );
    assert!(
        !h.state()
            .actions
            .iter()
            .any(|a| matches!(a, CanvasAction::Connect { .. }))
    );
}

/// The text of every text shape painted in the last frame.
fn painted_texts(h: &Harness<'_, State>) -> Vec<String> {
    h.output()
        .shapes
        .iter()
        .filter_map(|s| match &s.shape {
            egui::Shape::Text(t) => Some(t.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn dragging_a_link_over_a_refused_target_says_why_before_the_release() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    let (a, b) = (center(&h, "ex01"), center(&h, "ex02"));
    h.hover_at(a);
    h.drag_at(a);
    h.run_steps(1);
    h.hover_at(b);
    h.run_steps(2);
    assert!(
        painted_texts(&h)
            .iter()
            .any(|t| t.contains("must end at Exchange Online")),
        "{:?}",
        painted_texts(&h)
    );
    assert_eq!(
        h.output().platform_output.cursor_icon,
        egui::CursorIcon::NotAllowed
    );

    // Over an allowed target the bubble goes away.
    let exo = center(&h, "exo");
    h.hover_at(exo);
    h.run_steps(2);
    assert!(
        !painted_texts(&h).iter().any(|t| t.contains("must end at")),
        "{:?}",
        painted_texts(&h)
    );
    h.drop_at(exo);
    h.run_steps(2);
    assert!(
        h.state()
            .actions
            .iter()
            .any(|a| matches!(a, CanvasAction::Connect { .. }))
    );
}

#[test]
fn right_after_a_link_is_drawn_its_target_shows_no_refusal_until_the_pointer_comes_back() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.run_steps(1);
    let (a, b) = (center(&h, "ex01"), center(&h, "exo"));
    drag(&mut h, a, b);
    // The pointer rests where the link was dropped.
    h.hover_at(b + Vec2::new(2.0, 1.0));
    h.run_steps(1);
    let refusal =
        |h: &Harness<'_, State>| painted_texts(h).iter().any(|t| t.contains("must start at"));
    assert!(!refusal(&h), "a red hint right after a successful draw");
    // Away and back: now it is a fresh hover, and Exchange Online cannot start the link.
    h.hover_at(Pos2::new(b.x, b.y + 200.0));
    h.run_steps(1);
    h.hover_at(b);
    h.run_steps(1);
    assert!(refusal(&h), "{:?}", painted_texts(&h));
}

#[test]
fn hovering_a_node_a_link_cannot_start_at_says_why() {
    let mut doc = plan();
    doc.nodes
        .push(Node::new("lb", NodeKind::LoadBalancer, "LB01").at(600.0, 400.0));
    let mut h = harness(doc);
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    let lb = center(&h, "lb");
    h.hover_at(lb);
    h.run_steps(2);
    assert!(
        painted_texts(&h)
            .iter()
            .any(|t| t.contains("must start at")),
        "{:?}",
        painted_texts(&h)
    );
    let ex01 = center(&h, "ex01");
    h.hover_at(ex01);
    h.run_steps(2);
    assert!(
        !painted_texts(&h)
            .iter()
            .any(|t| t.contains("must start at"))
    );
}

#[test]
fn a_refused_link_source_explains_why_at_the_press() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.get_by_label("Exchange Online").click();
    h.run_steps(2);
    let status: Vec<&String> = h
        .state()
        .actions
        .iter()
        .filter_map(|a| {
            if let CanvasAction::Status(s) = a {
                Some(s)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(status.len(), 1, "{:?}", h.state().actions);
    assert!(status[0].contains("must start at"), "{}", status[0]);
}

#[test]
fn a_refused_link_drag_does_not_pan_the_canvas() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.run_steps(2);
    let before = h.state().canvas.as_ref().expect("canvas").camera();
    let exo = center(&h, "exo");
    drag(&mut h, exo, exo + Vec2::new(-250.0, 180.0));
    let after = h.state().canvas.as_ref().expect("canvas").camera();
    assert_eq!(after, before, "the refused drag moved the diagram");
    assert!(
        h.state()
            .actions
            .iter()
            .any(|a| matches!(a, CanvasAction::Status(s) if s.contains("must start at"))),
        "the refusal is still explained: {:?}",
        h.state().actions
    );
}

#[test]
fn escape_cancels_a_pending_link() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.get_by_label("EX01").click();
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().actions.contains(&CanvasAction::CancelGesture));
    assert!(
        !h.state()
            .canvas
            .as_ref()
            .is_some_and(Canvas::is_drawing_link)
    );
}

#[test]
fn dragging_a_node_sends_one_move_at_the_end() {
    let mut h = harness(plan());
    // The exact drop, without the grid (snapping is checked below).
    h.state_mut()
        .canvas
        .as_mut()
        .expect("canvas")
        .set_snap(false);
    let a = center(&h, "ex01");
    drag(&mut h, a, a + Vec2::new(100.0, 50.0));
    let m = moves(&h.state().actions);
    assert_eq!(m.len(), 1, "{:?}", h.state().actions);
    assert_eq!(m[0].len(), 1);
    let (id, pos) = &m[0][0];
    assert_eq!(id.as_str(), "ex01");
    let z = f64::from(h.state().canvas.as_ref().expect("canvas").zoom());
    assert!((pos.x - (150.0 + 100.0 / z)).abs() < 1.0, "{pos:?}");
    assert!((pos.y - (150.0 + 50.0 / z)).abs() < 1.0, "{pos:?}");
}

#[test]
fn with_snap_to_grid_on_by_default_a_dragged_node_lands_on_the_grid() {
    let mut h = harness(plan());
    assert!(
        h.state().canvas.as_ref().expect("canvas").snap(),
        "on by default"
    );
    let a = center(&h, "ex01");
    drag(&mut h, a, a + Vec2::new(97.0, 53.0));
    let m = moves(&h.state().actions);
    assert_eq!(m.len(), 1, "{:?}", h.state().actions);
    let (_, pos) = &m[0][0];
    let z = f64::from(h.state().canvas.as_ref().expect("canvas").zoom());
    let grid = hybrid_designer::edit::SNAP_GRID;
    for (v, raw) in [(pos.x, 150.0 + 97.0 / z), (pos.y, 150.0 + 53.0 / z)] {
        assert!(
            (v / grid - (v / grid).round()).abs() < 1e-6,
            "{v} on the grid"
        );
        assert!(
            (v - raw).abs() <= grid / 2.0 + 1.0,
            "{v} is the grid point nearest {raw}"
        );
    }
}

#[test]
fn dragging_a_selected_node_moves_the_whole_selection() {
    let mut h = harness(plan());
    let mut sel = Selection::node("ex01".into());
    sel.nodes.insert("ex02".into());
    h.state_mut().selection = sel;
    h.run_steps(1);
    let a = center(&h, "ex01");
    drag(&mut h, a, a + Vec2::new(-60.0, 30.0));
    let m = moves(&h.state().actions);
    assert_eq!(m.len(), 1, "{:?}", h.state().actions);
    let ids: Vec<&str> = m[0].iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["ex01", "ex02"]);
    let dy = m[0][1].1.y - 400.0;
    assert!(
        (dy - m[0][0].1.y + 150.0).abs() < 0.01,
        "both moved by the same amount: {:?}",
        m[0]
    );
}

#[test]
fn shift_drag_on_empty_space_box_selects() {
    let mut h = harness(plan());
    let (a, b) = (center(&h, "ex01"), center(&h, "ex02"));
    let start = Pos2::new(a.x - 100.0, a.y - 60.0);
    let end = Pos2::new(b.x + 20.0, b.y + 20.0);
    h.hover_at(start);
    h.run_steps(1);
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::SHIFT,
    });
    h.run_steps(1);
    h.hover_at(end);
    h.run_steps(1);
    h.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(2);
    let mut both = Selection::node("ex01".into());
    both.nodes.insert("ex02".into());
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(both)),
        "{:?}",
        h.state().actions
    );
}

/// Two clicks in one frame: kittest steps a quarter second per event, slower than a double click.
fn double_click(h: &mut Harness<'_, State>, p: Pos2) {
    h.hover_at(p);
    h.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.input_mut().events.push(Event::PointerButton {
                pos: p,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
    }
    h.run_steps(2);
}

fn renames(actions: &[CanvasAction]) -> Vec<(&str, &str)> {
    actions
        .iter()
        .filter_map(|a| match a {
            CanvasAction::Rename { id, name } => Some((id.as_str(), name.as_str())),
            _ => None,
        })
        .collect()
}

fn renaming(h: &Harness<'_, State>) -> Option<String> {
    let canvas = h.state().canvas.as_ref().expect("canvas shown");
    canvas.renaming().map(|id| id.as_str().to_owned())
}

#[test]
fn double_clicking_a_node_selects_it_and_opens_a_rename_field_over_its_name() {
    let mut h = harness(plan());
    let card = h
        .state()
        .canvas
        .as_ref()
        .expect("canvas")
        .node_screen_rect(&NodeId::from("ex02"))
        .expect("on screen");
    double_click(&mut h, card.center());
    assert_eq!(renaming(&h).as_deref(), Some("ex02"));
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(Selection::node("ex02".into())))
    );
    let field = h.get_by_role(egui::accesskit::Role::TextInput);
    assert_eq!(field.value().as_deref(), Some("EX02"));
    let bounds = field.rect();
    assert!(
        card.contains(bounds.center()),
        "the field {bounds:?} sits on the card {card:?}"
    );
}

#[test]
fn typing_a_name_and_enter_sends_one_rename_and_closes_the_field() {
    let mut h = harness(plan());
    let p = center(&h, "ex02");
    double_click(&mut h, p);
    h.state_mut().actions.clear();
    // The whole name is selected, so typing replaces it.
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("MBX-02");
    h.run_steps(1);
    assert!(
        renames(&h.state().actions).is_empty(),
        "no rename while typing"
    );
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(renames(&h.state().actions), [("ex02", "MBX-02")]);
    assert_eq!(renaming(&h), None);
    assert!(h.query_by_role(egui::accesskit::Role::TextInput).is_none());
}

#[test]
fn escape_closes_the_rename_field_without_renaming_or_cancelling_anything_else() {
    let mut h = harness(plan());
    let p = center(&h, "ex01");
    double_click(&mut h, p);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Typo");
    h.run_steps(1);
    h.state_mut().actions.clear();
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(renaming(&h), None);
    assert!(
        h.state().actions.is_empty(),
        "Esc in the field is the field's: {:?}",
        h.state().actions
    );
}

#[test]
fn pressing_inside_the_rename_field_neither_moves_nor_reselects_the_node() {
    let mut h = harness(plan());
    let p = center(&h, "ex01");
    double_click(&mut h, p);
    let field = h.get_by_role(egui::accesskit::Role::TextInput).rect();
    h.state_mut().actions.clear();
    let from = Pos2::new(field.min.x + 6.0, field.center().y);
    drag(&mut h, from, from + Vec2::new(40.0, 0.0));
    assert!(
        moves(&h.state().actions).is_empty(),
        "{:?}",
        h.state().actions
    );
    assert_eq!(renaming(&h).as_deref(), Some("ex01"));
}

#[test]
fn a_read_only_canvas_opens_no_rename_field() {
    let mut h = harness(plan());
    h.state_mut().opts.editable = false;
    h.run_steps(1);
    let p = center(&h, "ex01");
    double_click(&mut h, p);
    assert_eq!(renaming(&h), None);
    assert!(h.query_by_role(egui::accesskit::Role::TextInput).is_none());
}

#[test]
fn zoom_stays_clamped_after_many_zoom_steps() {
    let mut h = harness(plan());
    for _ in 0..40 {
        h.state_mut().canvas.as_mut().expect("canvas").zoom_by(1.5);
    }
    h.run_steps(2);
    let z = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!((z - ZOOM_RANGE.end()).abs() < 1e-4, "{z}");
    // Ctrl+wheel / pinch through the graph view.
    h.hover_at(Pos2::new(500.0, 350.0));
    for _ in 0..30 {
        h.event(Event::Zoom(1.5));
    }
    h.run_steps(2);
    let z = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!(ZOOM_RANGE.contains(&z), "{z}");
    for _ in 0..60 {
        h.event(Event::Zoom(0.5));
    }
    h.run_steps(2);
    let z = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!(ZOOM_RANGE.contains(&z), "{z}");
}

/// Ctrl+wheel by `lines` over EX01, until the smooth zoom has settled: the zoom factor and
/// how far EX01 moved on screen.
fn ctrl_wheel_over_ex01(lines: f32) -> (f32, f32) {
    let mut h = harness(plan());
    h.run_steps(2);
    let before = h.state().canvas.as_ref().expect("canvas").zoom();
    let ex = center(&h, "ex01");
    h.hover_at(ex);
    h.run_steps(1);
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: Vec2::new(0.0, lines),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::COMMAND,
    });
    h.run_steps(40);
    let after = h.state().canvas.as_ref().expect("canvas").zoom();
    (after / before, (center(&h, "ex01") - ex).length())
}

#[test]
fn ctrl_wheel_zooms_in_proportion_to_the_wheel_around_the_pointer() {
    let (notch, moved) = ctrl_wheel_over_ex01(1.0);
    assert!(
        (1.05..1.2).contains(&notch),
        "one notch zoomed by ×{notch:.3}"
    );
    assert!(
        moved < 3.0,
        "the node under the pointer stays there (moved {moved})"
    );
    let (nudge, _) = ctrl_wheel_over_ex01(0.1);
    assert!(
        (1.001..1.03).contains(&nudge),
        "a tenth of a notch (a touchpad) zoomed by ×{nudge:.3}"
    );
}

#[test]
fn an_empty_editable_canvas_says_how_to_start() {
    let mut h = harness(Document::new("empty"));
    h.run_steps(2);
    assert!(
        painted_texts(&h)
            .iter()
            .any(|t| t.contains("from the palette")),
        "{:?}",
        painted_texts(&h)
    );
    let mut h = harness(plan());
    h.run_steps(2);
    assert!(
        !painted_texts(&h)
            .iter()
            .any(|t| t.contains("from the palette"))
    );
}

#[test]
fn an_empty_plan_shows_at_zoom_one_without_panicking() {
    let mut h = harness(Document::new("empty"));
    h.run_steps(5);
    h.hover_at(Pos2::new(300.0, 300.0));
    h.run_steps(3);
    let z = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!(
        (z - 1.0).abs() < 1e-6,
        "egui_graphs' first-frame fit must be undone: zoom {z}"
    );
}

#[test]
fn two_nodes_at_one_point_joined_by_a_labelled_link_do_not_panic() {
    let mut doc = Document::new("same point");
    doc.nodes
        .push(Node::server("a", "A", Version::V2016, &[Role::Mailbox]).at(100.0, 100.0));
    doc.nodes
        .push(Node::new("b", NodeKind::ExchangeOnline, "B").at(100.0, 100.0));
    let mut link = Link::new("l1", LinkKind::SendConnector, "a", "b");
    link.label = Some("outbound".into());
    doc.links.push(link);
    let mut h = harness(doc);
    h.hover_at(Pos2::new(110.0, 110.0));
    h.run_steps(3);
    h.get_by_label("A").hover();
    h.run_steps(3);
}

#[test]
fn nodes_without_a_position_get_the_same_place_every_time() {
    let mut doc = plan();
    doc.nodes
        .push(Node::new("agent", NodeKind::HybridAgent, "AGENT01"));
    let h1 = harness(doc.clone());
    let h2 = harness(doc);
    let r1 = center(&h1, "agent");
    let r2 = center(&h2, "agent");
    assert_eq!(r1, r2);
}

#[test]
fn set_camera_then_camera_shows_the_same_region() {
    let mut h = harness(plan());
    let cam = Camera {
        x: 100.0,
        y: 50.0,
        width: 500.0,
        height: 350.0,
    };
    h.state_mut()
        .canvas
        .as_mut()
        .expect("canvas")
        .set_camera(cam);
    h.run_steps(2);
    let got = h.state().canvas.as_ref().expect("canvas").camera();
    let (cx, cy) = (got.x + got.width / 2.0, got.y + got.height / 2.0);
    assert!(
        (cx - 350.0).abs() < 1.0 && (cy - 225.0).abs() < 1.0,
        "{got:?}"
    );
    assert!(
        got.width >= 499.0 && got.height >= 349.0,
        "the region fits: {got:?}"
    );
}

#[test]
fn an_idle_canvas_stops_asking_for_frames() {
    let mut h = harness(plan());
    h.get_by_label("EX01").hover();
    h.run_steps(2);
    h.remove_cursor();
    h.run_steps(6);
    assert_idle(&h);
}

#[test]
fn a_read_only_canvas_neither_moves_nor_connects() {
    let mut h = harness(plan());
    h.state_mut().opts.editable = false;
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    let (a, b) = (center(&h, "ex01"), center(&h, "exo"));
    drag(&mut h, a, b);
    assert!(
        !h.state()
            .actions
            .iter()
            .any(|a| matches!(a, CanvasAction::Connect { .. } | CanvasAction::MoveNodes(_))),
        "{:?}",
        h.state().actions
    );
}

fn linked_plan() -> Document {
    let mut doc = plan();
    doc.links
        .push(Link::new("send1", LinkKind::SendConnector, "ex01", "exo"));
    doc
}

#[test]
fn clicking_a_link_selects_it() {
    let mut h = harness(linked_plan());
    h.run_steps(2);
    h.get_by_label("Send connector from EX01 to Exchange Online")
        .click();
    h.run_steps(3);
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(Selection::link("send1".into()))),
        "{:?}",
        h.state().actions
    );
}

#[test]
fn the_context_menu_starts_a_link_from_the_node() {
    let mut h = harness(plan());
    h.get_by_label("EX01").click_secondary();
    h.run_steps(3);
    assert!(
        h.state()
            .actions
            .contains(&CanvasAction::SetSelection(Selection::node("ex01".into())))
    );
    assert!(
        h.query_by_label("Draw a federation trust from here")
            .is_some(),
        "a server may start a federation trust"
    );
    assert!(
        h.query_by_label("Draw a directory sync link from here")
            .is_none(),
        "a server never starts directory sync"
    );
    h.get_by_label("Draw a send connector from here").click();
    h.run_steps(3);
    assert!(h.state().actions.contains(&CanvasAction::ContextLink {
        from: "ex01".into(),
        kind: LinkKind::SendConnector
    }));
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.get_by_label("Exchange Online").click();
    h.run_steps(3);
    assert!(
        h.state().actions.contains(&CanvasAction::Connect {
            kind: LinkKind::SendConnector,
            from: "ex01".into(),
            to: "exo".into()
        }),
        "{:?}",
        h.state().actions
    );
}

#[test]
fn the_context_menu_deletes_the_node() {
    let mut h = harness(plan());
    h.get_by_label("EX02").click_secondary();
    h.run_steps(3);
    h.get_by_label("Delete").click();
    h.run_steps(3);
    let acts = &h.state().actions;
    let select = acts
        .iter()
        .position(|a| *a == CanvasAction::SetSelection(Selection::node("ex02".into())));
    let delete = acts
        .iter()
        .position(|a| *a == CanvasAction::DeleteSelection);
    assert!(
        select.is_some() && delete.is_some() && select < delete,
        "{acts:?}"
    );
}

#[test]
fn hovering_a_node_with_a_finding_shows_the_message() {
    let mut h = harness(plan());
    h.state_mut().findings.push(Finding {
        rule: "R-TEST",
        severity: Severity::Error,
        message: "EX01 cannot do what the plan asks".into(),
        nodes: vec!["ex01".into()],
        links: vec![],
        fix: "Fix it".into(),
        source: "https://learn.microsoft.com/",
    });
    h.run_steps(1);
    h.get_by_label("EX01").hover();
    h.run_steps(6);
    assert!(
        h.query_by_label_contains("EX01 cannot do what the plan asks")
            .is_some()
    );
    h.get_by_label("EX02").hover();
    h.run_steps(6);
    assert!(
        h.query_by_label_contains("EX01 cannot do what the plan asks")
            .is_none()
    );
}

#[test]
fn a_selection_made_elsewhere_is_drawn_without_new_input() {
    // The selected card's halo is drawn in the look's selection colour.
    let rgba = hybrid_designer::look::SELECTION.0;
    let selection = egui::Color32::from_rgba_unmultiplied(rgba[0], rgba[1], rgba[2], rgba[3]);
    let halo = |h: &Harness<'_, State>| {
        h.output().shapes.iter().any(|s| match &s.shape {
            egui::Shape::Rect(r) => r.stroke.color == selection,
            _ => false,
        })
    };
    let mut h = harness(plan());
    h.run_steps(8);
    assert!(!halo(&h), "nothing selected yet");
    h.state_mut().selection = Selection::node("exo".into());
    h.run_steps(1);
    assert!(
        halo(&h),
        "the selection halo is painted in the first frame after the change"
    );
}

fn far_plan() -> Document {
    let mut doc = plan();
    doc.nodes
        .push(Node::new("far", NodeKind::LoadBalancer, "FAR-LB").at(6000.0, 4000.0));
    doc
}

fn on_screen(h: &Harness<'_, State>, id: &str) -> bool {
    let canvas = h.state().canvas.as_ref().expect("canvas");
    let r = canvas
        .node_screen_rect(&NodeId::from(id))
        .expect("mirrored");
    Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0)).contains_rect(r)
}

#[test]
fn reveal_brings_a_far_node_into_view() {
    let mut h = harness(far_plan());
    assert!(!on_screen(&h, "far"));
    h.state_mut()
        .canvas
        .as_mut()
        .expect("canvas")
        .reveal(&["far".into()]);
    h.run_steps(2);
    assert!(on_screen(&h, "far"));
}

#[test]
fn fit_shows_every_node() {
    let mut h = harness(far_plan());
    h.state_mut().canvas.as_mut().expect("canvas").fit();
    h.run_steps(2);
    for id in ["ex01", "ex02", "exo", "far"] {
        assert!(on_screen(&h, id), "{id} is off screen after fit");
    }
    let z = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!(ZOOM_RANGE.contains(&z));
}

#[test]
fn a_pending_link_source_does_not_keep_the_window_busy() {
    let mut h = harness(plan());
    h.state_mut().link_tool = Some(LinkKind::SendConnector);
    h.get_by_label("EX01").click();
    h.run_steps(8);
    assert!(
        h.state()
            .canvas
            .as_ref()
            .is_some_and(Canvas::is_drawing_link)
    );
    assert_idle(&h);
}

#[test]
fn a_presentation_highlight_dims_everything_else() {
    // (faded, full-strength) text shapes in the last frame.
    let texts = |h: &Harness<'_, State>| {
        let mut counts = (0, 0);
        for s in &h.output().shapes {
            if let egui::Shape::Text(t) = &s.shape {
                if t.fallback_color.a() < 128 {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
        }
        counts
    };
    let mut h = harness(plan());
    h.run_steps(1);
    assert_eq!(texts(&h).0, 0, "nothing dimmed in the editor");
    h.state_mut().opts = CanvasOptions {
        editable: false,
        show_findings: false,
        highlight: Some((
            std::iter::once(NodeId::from("ex01")).collect(),
            std::collections::HashSet::new(),
        )),
        presentation: true,
    };
    h.run_steps(1);
    let (faded, full) = texts(&h);
    // EX02 and Exchange Online have a name and a second line each; EX01 keeps its two.
    assert!(faded >= 4, "{faded} faded texts");
    assert!(full >= 2, "{full} full-strength texts");
}

#[test]
fn the_opening_fit_follows_the_view_while_it_settles_its_size() {
    let mut h = harness_with(far_plan(), Vec2::new(700.0, 450.0), true);
    let narrow = h.state().canvas.as_ref().expect("canvas").zoom();
    h.set_size(Vec2::new(1400.0, 980.0));
    h.run_steps(3);
    let wide = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!(wide > narrow * 1.5, "refitted: {narrow} -> {wide}");
    let view = Rect::from_min_size(Pos2::ZERO, Vec2::new(1400.0, 980.0));
    let canvas = h.state().canvas.as_ref().expect("canvas");
    for id in ["ex01", "ex02", "exo", "far"] {
        let r = canvas
            .node_screen_rect(&NodeId::from(id))
            .expect("mirrored");
        assert!(view.contains_rect(r), "{id} is off screen after the resize");
    }
}

#[test]
fn a_camera_the_user_moved_is_not_refitted_on_resize() {
    let mut h = harness_with(plan(), Vec2::new(500.0, 350.0), true);
    h.state_mut().canvas.as_mut().expect("canvas").zoom_by(0.5);
    h.run_steps(2);
    let chosen = h.state().canvas.as_ref().expect("canvas").zoom();
    h.set_size(Vec2::new(1400.0, 980.0));
    h.run_steps(3);
    let after = h.state().canvas.as_ref().expect("canvas").zoom();
    assert!((after - chosen).abs() < 1e-6, "{chosen} -> {after}");
}
