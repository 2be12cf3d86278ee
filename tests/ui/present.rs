//! Presentation mode driven through `egui_kittest`, headless: keys in, slide index, camera and
//! findings toggle out; and the designer's Views panel producing `SetViews` commands.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hybrid_designer::edit::Command;
use hybrid_designer::edit::Selection;
use hybrid_designer::model::{Camera, Document};
use hybrid_designer::present::{Deck, DeckSource, Walkthrough};
use hybrid_designer::rules::{Finding, validate};
use hybrid_designer::ui::canvas::{Canvas, CanvasOptions};
use hybrid_designer::ui::present::{MOVE_SECONDS, Presenter, PresenterOutcome};
use hybrid_designer::ui::views::views_panel;
use std::path::Path;

use crate::support::{Designer, FakeDialogs, app, designer_with, opening};

/// One harness frame, in seconds (kittest's default step is a quarter of a second).
const STEP: f32 = 1.0 / 60.0;
/// Frames after which any camera move has ended.
const SETTLE: usize = (MOVE_SECONDS * 60.0) as usize + 10;

fn scenario(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios")
        .join(name);
    hybrid_designer::file::load(&path).expect("scenario loads")
}

struct Stage {
    doc: Document,
    findings: Vec<Finding>,
    presenter: Presenter,
    canvas: Option<Canvas>,
    outcomes: Vec<PresenterOutcome>,
    /// Drawing the editor (a side panel and the canvas) instead of the presentation.
    editing: bool,
}

impl Stage {
    fn presenter(&self) -> &Presenter {
        &self.presenter
    }

    fn camera(&self) -> Camera {
        self.canvas
            .as_ref()
            .expect("the canvas is built on the first frame")
            .camera()
    }
}

/// A presenter on p01's Mail flow walkthrough (three slides), in a 1280×800 harness.
fn stage(source: DeckSource) -> Harness<'static, Stage> {
    stage_with(source, false)
}

/// A stage that starts in the editor (`editing`) or presenting.
fn stage_with(source: DeckSource, editing: bool) -> Harness<'static, Stage> {
    let doc = scenario("p01-valid-2016.hybrid.json");
    let findings = validate(&doc);
    let presenter = Presenter::with_deck(Deck::new(&doc, &findings, source));
    let stage = Stage {
        doc,
        findings,
        presenter,
        canvas: None,
        outcomes: Vec::new(),
        editing,
    };
    let mut harness = Harness::builder()
        .with_size((1280.0, 800.0))
        .with_step_dt(STEP)
        .build_ui_state(
            |ui, s: &mut Stage| {
                let canvas = s.canvas.get_or_insert_with(|| Canvas::new(ui.ctx()));
                // Like the designer: the canvas in a frameless central panel, narrowed by a
                // side panel while editing.
                let central = egui::CentralPanel::default().frame(egui::Frame::NONE);
                if s.editing {
                    egui::Panel::right("side")
                        .exact_size(400.0)
                        .show(ui, |_| {});
                    let opts = CanvasOptions::editor();
                    central.show(ui, |ui| {
                        canvas.show(ui, &s.doc, &s.findings, &Selection::default(), None, &opts)
                    });
                    return;
                }
                let outcome = central
                    .show(ui, |ui| s.presenter.show(ui, canvas, &s.doc, &s.findings))
                    .inner;
                s.editing = outcome == PresenterOutcome::Exit;
                s.outcomes.push(outcome);
            },
            stage,
        );
    harness.run_steps(SETTLE);
    harness
}

/// Whether the visible region shows all of the slide's region, filling the screen's width or
/// most of its height (the caption and controls take some height).
fn shows(visible: Camera, slide: Camera) -> bool {
    let tol = 1.0;
    let contains = visible.x <= slide.x + tol
        && visible.y <= slide.y + tol
        && visible.x + visible.width >= slide.x + slide.width - tol
        && visible.y + visible.height >= slide.y + slide.height - tol;
    let fills = (visible.width - slide.width).abs() < tol || slide.height / visible.height > 0.5;
    contains && fills
}

/// Whether the slide's region sits below the caption panel and above the controls.
fn clear_of_overlays(h: &Harness<'_, Stage>, visible: Camera, slide: Camera) -> bool {
    let screen = h.ctx.content_rect();
    let zoom = f64::from(screen.height()) / visible.height;
    let top = (slide.y - visible.y) * zoom;
    let bottom = (slide.y + slide.height - visible.y) * zoom;
    let caption = h.get_by_label(&slide_title(h)).rect();
    let controls = h.get_by_label("Exit (Esc)").rect();
    top >= f64::from(caption.bottom()) && bottom <= f64::from(controls.top())
}

fn slide_title(h: &Harness<'_, Stage>) -> String {
    h.state().presenter().deck().current().title.clone()
}

#[test]
fn entering_frames_the_first_slide() {
    let h = stage(DeckSource::Walkthrough(Walkthrough::MailFlow));
    let s = h.state();
    assert_eq!(s.presenter().deck().index(), 0);
    assert!(
        shows(s.camera(), s.presenter().deck().current().camera),
        "{:?}",
        s.camera()
    );
    assert!(clear_of_overlays(
        &h,
        s.camera(),
        s.presenter().deck().current().camera
    ));
    assert!(s.outcomes.iter().all(|o| *o == PresenterOutcome::Continue));
    h.get_by_label("Mail flow");
    h.get_by_label("1 / 3");
}

#[test]
fn right_and_left_step_through_the_slides_with_a_camera_move() {
    let mut h = stage(DeckSource::Walkthrough(Walkthrough::MailFlow));
    let first = h.state().camera();

    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().presenter().deck().index(), 1);
    assert!(
        h.state().presenter().is_moving(),
        "the camera glides, it does not jump"
    );
    h.run_steps(SETTLE);
    assert!(!h.state().presenter().is_moving());
    let second = h.state().camera();
    assert_ne!(first, second);
    assert!(clear_of_overlays(
        &h,
        second,
        h.state().presenter().deck().current().camera
    ));
    assert!(
        shows(second, h.state().presenter().deck().current().camera),
        "{second:?}"
    );
    h.get_by_label("2 / 3");

    for key in [Key::Space, Key::PageDown, Key::ArrowRight] {
        h.key_press(key);
        h.run_steps(2);
    }
    assert_eq!(
        h.state().presenter().deck().index(),
        2,
        "stepping stops at the last slide"
    );

    h.key_press(Key::ArrowLeft);
    h.run_steps(2);
    h.key_press(Key::PageUp);
    h.run_steps(SETTLE);
    assert_eq!(h.state().presenter().deck().index(), 0);
    assert!(shows(
        h.state().camera(),
        h.state().presenter().deck().current().camera
    ));
}

#[test]
fn the_next_button_steps_like_the_key() {
    let mut h = stage(DeckSource::Walkthrough(Walkthrough::MailFlow));
    h.get_by_label("Next ▶").click();
    h.run_steps(2);
    assert_eq!(h.state().presenter().deck().index(), 1);
}

#[test]
fn f_toggles_findings() {
    let mut h = stage(DeckSource::Plan);
    assert!(
        !h.state().presenter().shows_findings(),
        "a presentation starts clean"
    );
    h.key_press(Key::F);
    h.run_steps(2);
    assert!(h.state().presenter().shows_findings());
    h.key_press(Key::F);
    h.run_steps(2);
    assert!(!h.state().presenter().shows_findings());
}

#[test]
fn the_findings_walkthrough_starts_with_findings_shown() {
    let h = stage(DeckSource::Walkthrough(Walkthrough::Findings));
    assert!(h.state().presenter().shows_findings());
}

#[test]
fn escape_leaves_the_presentation() {
    let mut h = stage(DeckSource::Plan);
    let before = h.state().outcomes.len();
    h.key_press(Key::Escape);
    h.run_steps(1);
    assert!(h.state().outcomes[before..].contains(&PresenterOutcome::Exit));
}

#[test]
fn escape_asks_the_window_to_leave_full_screen() {
    let mut h = stage(DeckSource::Plan);
    h.key_down(Key::Escape);
    h.step();
    let commands = &h.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        commands.contains(&egui::ViewportCommand::Fullscreen(false)),
        "{commands:?}"
    );
}

#[test]
fn a_still_slide_asks_for_no_frames() {
    let mut h = stage(DeckSource::Walkthrough(Walkthrough::MailFlow));
    h.key_press(Key::ArrowRight);
    h.run_steps(SETTLE + 30);
    assert!(!h.state().presenter().is_moving());
    assert!(
        !h.ctx.has_requested_repaint(),
        "an idle presentation must not repaint"
    );
}

#[test]
fn the_views_panel_adds_a_view_from_the_camera() {
    let doc = scenario("p01-valid-2016.hybrid.json");
    let camera = Camera {
        x: 10.0,
        y: 20.0,
        width: 300.0,
        height: 200.0,
    };
    let mut h = Harness::builder().with_size((400.0, 500.0)).build_ui_state(
        move |ui, out: &mut Option<Command>| {
            if let Some(cmd) = views_panel(ui, &doc, camera, &Selection::default()) {
                *out = Some(cmd);
            }
        },
        None,
    );
    h.run_steps(1);
    assert!(h.state().is_none(), "nothing happens without a click");
    h.get_by_label("Add view from current camera").click();
    h.run_steps(1);
    match h.state() {
        Some(Command::SetViews(views)) => {
            assert_eq!(views.len(), 1);
            assert_eq!(views[0].camera, camera);
            assert_eq!(views[0].title, "View 1");
        }
        other => panic!("expected SetViews, got {other:?}"),
    }
}

#[test]
fn a_view_added_with_a_selection_highlights_it_and_dims_the_rest() {
    let doc = scenario("p01-valid-2016.hybrid.json");
    let camera = Camera {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 600.0,
    };
    let mut selection = Selection::node("lb".into());
    selection.links.insert("l6".into());
    let mut h = Harness::builder().with_size((400.0, 500.0)).build_ui_state(
        move |ui, out: &mut Option<Command>| {
            if let Some(cmd) = views_panel(ui, &doc, camera, &selection) {
                *out = Some(cmd);
            }
        },
        None,
    );
    h.run_steps(1);
    h.get_by_label("Add view from current camera").click();
    h.run_steps(1);
    match h.state() {
        Some(Command::SetViews(views)) => {
            assert_eq!(views[0].nodes, ["lb"]);
            assert_eq!(views[0].links, ["l6"]);
        }
        other => panic!("expected SetViews, got {other:?}"),
    }
}

#[test]
fn highlight_selection_sets_an_existing_views_highlight() {
    let mut doc = scenario("p01-valid-2016.hybrid.json");
    let camera = Camera {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 600.0,
    };
    doc.views = hybrid_designer::present::add_view(&[], camera, "Inbound");
    let selection = Selection::node("ex16-01".into());
    let mut h = Harness::builder().with_size((400.0, 500.0)).build_ui_state(
        move |ui, out: &mut Option<Command>| {
            if let Some(cmd) = views_panel(ui, &doc, camera, &selection) {
                *out = Some(cmd);
            }
        },
        None,
    );
    h.run_steps(1);
    h.get_by_label("Highlight selection").click();
    h.run_steps(1);
    match h.state() {
        Some(Command::SetViews(views)) => {
            assert_eq!(views[0].nodes, ["ex16-01"]);
            assert!(views[0].links.is_empty());
        }
        other => panic!("expected SetViews, got {other:?}"),
    }
}

#[test]
fn a_resized_window_frames_the_slide_again() {
    let mut h = stage(DeckSource::Walkthrough(Walkthrough::MailFlow));
    h.set_size(egui::Vec2::new(1600.0, 1000.0));
    h.run_steps(5);
    let s = h.state();
    assert!(
        shows(s.camera(), s.presenter().deck().current().camera),
        "{:?}",
        s.camera()
    );
    assert!(
        (s.camera().width / s.camera().height - 1.6).abs() < 0.01,
        "the camera fills the new size"
    );
}

#[test]
fn f5_in_the_designer_presents_and_escape_returns_to_editing() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scenarios/p01-valid-2016.hybrid.json");
    let mut h = designer_with(opening(file), FakeDialogs::default(), None, STEP);
    let presenting = |h: &Designer| app(h).is_presenting();
    assert!(!presenting(&h));
    h.key_press(Key::F5);
    h.run_steps(SETTLE);
    assert!(presenting(&h));
    h.get_by_label("Exit (Esc)");
    assert!(
        h.query_by_label("Presentation views").is_none(),
        "the side panels are hidden"
    );
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!presenting(&h));
    h.get_by_label("Presentation views");
}

#[test]
fn leaving_puts_the_editor_camera_back() {
    let mut h = stage_with(DeckSource::Walkthrough(Walkthrough::MailFlow), true);
    let editor = h.state().camera();
    h.state_mut().editing = false;
    h.run_steps(SETTLE);
    assert_ne!(h.state().camera(), editor, "presenting moves the camera");
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().editing);
    let back = h.state().camera();
    for (a, b) in [
        (back.x, editor.x),
        (back.y, editor.y),
        (back.width, editor.width),
        (back.height, editor.height),
    ] {
        assert!((a - b).abs() < 0.5, "{back:?} is not {editor:?}");
    }
}

/// A harness over the Views panel of `doc`, keeping the last command it returned.
fn views_harness(doc: Document) -> Harness<'static, Option<Command>> {
    let camera = Camera {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 500.0,
    };
    let mut h = Harness::builder().with_size((400.0, 600.0)).build_ui_state(
        move |ui, out: &mut Option<Command>| {
            if let Some(cmd) = views_panel(ui, &doc, camera, &Selection::default()) {
                *out = Some(cmd);
            }
        },
        None,
    );
    h.run_steps(2);
    h
}

fn two_views() -> Document {
    let mut doc = scenario("p01-valid-2016.hybrid.json");
    let cam = hybrid_designer::present::whole_plan(&doc);
    doc.views = hybrid_designer::present::add_view(
        &hybrid_designer::present::add_view(&[], cam, "Intro"),
        cam,
        "Detail",
    );
    doc
}

fn set_views_titles(h: &Harness<'_, Option<Command>>) -> Vec<String> {
    match h.state() {
        Some(Command::SetViews(views)) => views.iter().map(|v| v.title.clone()).collect(),
        other => panic!("expected SetViews, got {other:?}"),
    }
}

#[test]
fn the_views_panel_moves_a_view_down() {
    let mut h = views_harness(two_views());
    h.get_all_by_label("Down")
        .next()
        .expect("a Down button per view")
        .click();
    h.run_steps(1);
    assert_eq!(set_views_titles(&h), ["Detail", "Intro"]);
}

#[test]
fn the_views_panel_renames_when_editing_ends() {
    let mut h = views_harness(two_views());
    let title = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("a title field per view");
    title.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .next()
        .expect("the title field")
        .type_text("Overview");
    h.run_steps(1);
    assert!(h.state().is_none(), "no command while typing");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(set_views_titles(&h), ["Overview", "Detail"]);
}

#[test]
fn the_views_panel_deletes_a_view() {
    let mut h = views_harness(two_views());
    h.get_all_by_label("Delete")
        .nth(1)
        .expect("a Delete button per view")
        .click();
    h.run_steps(1);
    assert_eq!(set_views_titles(&h), ["Intro"]);
}

#[test]
fn views_with_broken_cameras_are_shown_without_panicking() {
    let mut h = stage(DeckSource::Plan);
    let broken = |title: &str, width: f64, height: f64| hybrid_designer::model::View {
        title: title.to_owned(),
        caption: String::new(),
        camera: Camera {
            x: f64::NAN,
            y: 0.0,
            width,
            height,
        },
        nodes: vec!["no-such-node".into()],
        links: Vec::new(),
        extra: serde_json::Map::new(),
    };
    let views = vec![
        broken("Zero", 0.0, 0.0),
        broken("Negative", -10.0, 5.0),
        broken("Infinite", f64::INFINITY, 1.0),
    ];
    let deck = Deck::from_views(DeckSource::Plan, views, &h.state().doc);
    h.state_mut().presenter = Presenter::with_deck(deck);
    h.run_steps(3);
    for _ in 0..2 {
        h.key_press(Key::ArrowRight);
        h.run_steps(SETTLE);
    }
    assert_eq!(h.state().presenter().deck().index(), 2);
    assert!(!h.state().presenter().is_moving());
    let cam = h.state().camera();
    assert!(cam.width.is_finite() && cam.width > 0.0, "{cam:?}");
}
