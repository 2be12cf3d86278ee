//! Presentation mode driven through `egui_kittest`, headless: keys in, slide index, camera and
//! findings toggle out; and the designer's Views panel producing `SetViews` commands.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hybrid_designer::edit::Command;
use hybrid_designer::model::{Camera, Document};
use hybrid_designer::present::{Deck, DeckSource, Walkthrough};
use hybrid_designer::rules::{Finding, validate};
use hybrid_designer::ui::canvas::Canvas;
use hybrid_designer::ui::present::{MOVE_SECONDS, Presenter, PresenterOutcome, views_panel};
use std::path::Path;

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
    let doc = scenario("p01-valid-2016.hybrid.json");
    let findings = validate(&doc);
    let presenter = Presenter::with_deck(Deck::new(&doc, &findings, source));
    let stage = Stage {
        doc,
        findings,
        presenter,
        canvas: None,
        outcomes: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size((1280.0, 800.0))
        .with_step_dt(STEP)
        .build_ui_state(
            |ui, s: &mut Stage| {
                let canvas = s.canvas.get_or_insert_with(|| Canvas::new(ui.ctx()));
                let outcome = s.presenter.show(ui, canvas, &s.doc, &s.findings);
                s.outcomes.push(outcome);
            },
            stage,
        );
    harness.run_steps(SETTLE);
    harness
}

/// Whether the visible region shows all of the slide's region, centred on it.
fn shows(visible: Camera, slide: Camera) -> bool {
    let tol = 1.0;
    let centred = ((visible.x + visible.width / 2.0) - (slide.x + slide.width / 2.0)).abs() < tol
        && ((visible.y + visible.height / 2.0) - (slide.y + slide.height / 2.0)).abs() < tol;
    let contains = visible.x <= slide.x + tol
        && visible.y <= slide.y + tol
        && visible.x + visible.width >= slide.x + slide.width - tol
        && visible.y + visible.height >= slide.y + slide.height - tol;
    centred && contains
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
            if let Some(cmd) = views_panel(ui, &doc, camera) {
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
