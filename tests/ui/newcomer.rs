//! The newcomer's first minutes, end to end through the real UI (headless, `egui_kittest`):
//! the sample plan opens clean, an Exchange 2013 server dragged in is flagged at once, one
//! click gives it its roles, and the plan saved and reopened is the same plan. (The sample
//! is an Exchange Server SE organization, so the 2013 server also stays flagged as a
//! version that cannot join it: no click fixes that.)

use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use hybrid_designer::model::{Role, Version};
use hybrid_designer::ui::Startup;

use crate::support::{Designer, FakeDialogs, app, designer, opening};

/// Drags a palette item onto the canvas the way a mouse does: press, move in steps, release.
fn drag_onto_canvas(h: &mut Designer, label: &str, target: Pos2) {
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
    assert_eq!(
        flagged,
        ["R-APP-BUILD", "R-ROLE-NONE", "R-VER-COEXIST", "R-VER-EOL"],
        "flagged at once: no role, and a version that cannot join Exchange Server SE"
    );

    let finding = app(&h)
        .findings()
        .iter()
        .find(|f| f.rule == "R-ROLE-NONE")
        .expect("R-ROLE-NONE")
        .clone();
    let fix = hybrid_designer::edit::quick_fix(app(&h).document(), &finding)
        .expect("R-ROLE-NONE offers a one-click fix");
    let button = format!("🔧 {}", fix.label);
    h.get_by_label(&button).scroll_to_me();
    h.run_steps(20);
    h.get_by_label(&button).click();
    h.run_steps(3);
    let left: Vec<_> = app(&h).findings().iter().map(|f| f.rule).collect();
    assert_eq!(
        left,
        ["R-APP-BUILD", "R-VER-COEXIST", "R-VER-EOL"],
        "the roles are fixed; the version is the plan's decision"
    );
    let fixed = app(&h)
        .document()
        .node(added.id.as_str())
        .expect("still there");
    assert_eq!(fixed.roles(), [Role::Mailbox, Role::ClientAccess]);

    dialogs.answer(&target);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    assert!(!app(&h).is_dirty(), "saved");
    let saved_plan = app(&h).document().clone();

    let reopened = designer(opening(target), FakeDialogs::default());
    assert_eq!(
        app(&reopened).document(),
        &saved_plan,
        "reopened, the plan is the same"
    );
    assert_eq!(
        app(&reopened).findings(),
        app(&h).findings(),
        "reopened, the plan is judged the same"
    );
}
