//! The newcomer's first minutes, end to end through the real UI (headless, `egui_kittest`):
//! the sample plan opens clean, an Exchange 2013 server dragged in is flagged at once, one
//! click fixes it, and the plan saved and reopened is the same plan.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hybrid_designer::model::{Role, Version};
use hybrid_designer::ui::files::{Dialogs, Pending};
use hybrid_designer::ui::{DesignerApp, Startup};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Answers every file dialog with one path (or "cancelled" when unset).
#[derive(Clone, Default)]
struct FakeDialogs(Arc<Mutex<Option<PathBuf>>>);

impl Dialogs for FakeDialogs {
    fn pick_open(&mut self, _dir: Option<&Path>) -> Pending {
        Pending::ready(self.0.lock().expect("lock").clone())
    }

    fn pick_save(&mut self, _dir: Option<&Path>, _file_name: &str) -> Pending {
        Pending::ready(self.0.lock().expect("lock").clone())
    }
}

fn designer(startup: Startup, dialogs: FakeDialogs) -> Harness<'static, Option<DesignerApp>> {
    let mut init = Some((startup, dialogs));
    let mut harness = Harness::builder()
        .with_size((1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            move |ui, state: &mut Option<DesignerApp>| {
                if let Some((startup, dialogs)) = init.take() {
                    *state = Some(DesignerApp::new(ui.ctx(), startup, Box::new(dialogs), None));
                }
                if let Some(app) = state {
                    app.ui(ui);
                }
            },
            None,
        );
    harness.run_steps(3);
    harness
}

fn app<'a>(h: &'a Harness<'_, Option<DesignerApp>>) -> &'a DesignerApp {
    h.state().as_ref().expect("built on the first frame")
}

/// Drags a palette item onto the canvas the way a mouse does: press, move in steps, release.
fn drag_onto_canvas(h: &mut Harness<'_, Option<DesignerApp>>, label: &str, target: Pos2) {
    let item = h.get_by_label(label).rect().center();
    h.drag_at(item);
    h.run_steps(2);
    h.hover_at(Pos2::new(item.x + 40.0, item.y + 20.0));
    h.run_steps(2);
    h.hover_at(target);
    h.run_steps(2);
    h.drop_at(target);
    h.run_steps(3);
}

#[test]
fn a_2013_server_dragged_into_the_sample_is_flagged_fixed_in_one_click_and_saved_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("contoso.hybrid.json");
    let dialogs = FakeDialogs::default();
    let mut h = designer(Startup::default(), dialogs.clone());
    assert!(
        app(&h).findings().is_empty(),
        "the sample plan has no findings"
    );
    let before = app(&h).document().nodes.len();

    drag_onto_canvas(&mut h, "2013", Pos2::new(520.0, 900.0));
    let added = app(&h).document().nodes.last().expect("a node").clone();
    assert_eq!(app(&h).document().nodes.len(), before + 1);
    assert_eq!(added.version, Some(Version::V2013));
    let flagged: Vec<_> = app(&h)
        .findings()
        .iter()
        .filter(|f| f.nodes.contains(&added.id))
        .map(|f| f.rule)
        .collect();
    assert_eq!(flagged, ["R-ROLE-NONE"], "flagged at once");

    let finding = app(&h).findings()[0].clone();
    let fix = hybrid_designer::edit::quick_fix(app(&h).document(), &finding)
        .expect("R-ROLE-NONE offers a one-click fix");
    let button = format!("🔧 {}", fix.label);
    h.get_by_label(&button).scroll_to_me();
    h.run_steps(20);
    h.get_by_label(&button).click();
    h.run_steps(3);
    assert!(app(&h).findings().is_empty(), "{:?}", app(&h).findings());
    let fixed = app(&h)
        .document()
        .node(added.id.as_str())
        .expect("still there");
    assert_eq!(fixed.roles(), [Role::Mailbox, Role::ClientAccess]);

    *dialogs.0.lock().expect("lock") = Some(target.clone());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(!app(&h).is_dirty(), "saved");
    let saved_plan = app(&h).document().clone();

    let reopened = designer(
        Startup {
            file: Some(target),
            offer_recovery: false,
        },
        FakeDialogs::default(),
    );
    assert_eq!(
        app(&reopened).document(),
        &saved_plan,
        "reopened, the plan is the same"
    );
    assert!(app(&reopened).findings().is_empty());
}
