//! The fields of format 1.1 in the inspector, and the day the plan is judged on: each edit is
//! one undo step, bad dates are refused, and looking at another day changes the findings and
//! the certificate padlock without changing the plan.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use hybrid_designer::edit::{self, Selection};
use hybrid_designer::look::{CertStatus, Prim, cert_color};
use hybrid_designer::model::{CertService, Certificate, Date, Document, Node, NodeId, Version};
use hybrid_designer::ui::AppCommand;
use std::path::{Path, PathBuf};

use crate::support::{Designer, FakeDialogs, app, app_mut, designer, opening};

/// The hint of the certificate's expiry field while it is empty.
const EXPIRY_HINT: &str = "e.g. 2027-06-30 (YYYY-MM-DD)";

/// A plan with one Exchange SE Mailbox server `ex1` (EX01), saved in `dir` and opened.
fn one_server(dir: &Path, certificate: Option<Certificate>) -> PathBuf {
    let mut doc = Document::new("One server");
    let mut server = Node::server(
        "ex1",
        "EX01",
        Version::Se,
        &[hybrid_designer::model::Role::Mailbox],
    )
    .at(300.0, 300.0);
    server.certificate = certificate;
    doc.nodes.push(server);
    let path = dir.join("one.hybrid.json");
    hybrid_designer::file::save(&path, &doc).expect("save the fixture");
    path
}

fn selected_server(h: &mut Designer) {
    app_mut(h).select(Selection::node("ex1".into()));
    h.run_steps(3);
}

fn certificate(h: &Designer) -> Option<Certificate> {
    app(h)
        .document()
        .node("ex1")
        .expect("ex1")
        .certificate
        .clone()
}

fn click_and_settle(h: &mut Designer, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(20);
    h.get_by_label(label).click();
    h.run_steps(3);
}

/// Clicks the empty field showing `hint`, types `text` and presses Enter.
fn type_into_empty_field(h: &mut Designer, hint: &str, text: &str) {
    h.get_by(|n| n.placeholder() == Some(hint)).scroll_to_me();
    h.run_steps(20);
    h.get_by(|n| n.placeholder() == Some(hint)).click();
    h.run_steps(2);
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

#[test]
fn adding_a_certificate_ticking_smtp_and_typing_an_expiry_are_one_undo_step_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = designer(
        opening(one_server(dir.path(), None)),
        FakeDialogs::default(),
    );
    selected_server(&mut h);
    assert_eq!(certificate(&h), None);

    click_and_settle(&mut h, "Add certificate");
    let added = certificate(&h).expect("a certificate is added");
    assert!(!added.subject.is_empty(), "a new certificate has a subject");
    assert_eq!(app(&h).history().steps(), (1, 0));

    // A new certificate has the format's default services, IIS and SMTP: SMTP off, then on.
    click_and_settle(&mut h, "SMTP");
    assert_eq!(
        certificate(&h).expect("cert").services,
        Some(vec![CertService::Iis])
    );
    click_and_settle(&mut h, "SMTP");
    assert_eq!(
        certificate(&h).expect("cert").services,
        Some(vec![CertService::Iis, CertService::Smtp])
    );
    assert_eq!(app(&h).history().steps(), (3, 0), "one undo step per tick");

    type_into_empty_field(&mut h, EXPIRY_HINT, "2027-06-30");
    assert_eq!(
        certificate(&h).expect("cert").not_after.as_deref(),
        Some("2027-06-30")
    );
    assert_eq!(
        app(&h).history().steps(),
        (4, 0),
        "the date is one undo step"
    );

    app_mut(&mut h).run(AppCommand::Action(hybrid_designer::ui::Action::Undo));
    h.run_steps(2);
    assert_eq!(certificate(&h).expect("cert").not_after, None);
}

#[test]
fn an_expiry_that_is_not_a_day_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cert = Certificate::new("mail.contoso.com");
    let mut h = designer(
        opening(one_server(dir.path(), Some(cert.clone()))),
        FakeDialogs::default(),
    );
    selected_server(&mut h);
    type_into_empty_field(&mut h, EXPIRY_HINT, "2027-02-30");
    assert_eq!(certificate(&h), Some(cert), "nothing saved");
    assert!(!app(&h).history().can_undo());
    assert!(!app(&h).is_dirty());
    h.get_by_label_contains("“2027-02-30” was not saved: 2027-02 has no day 30");
}

/// The "Exchange 2016 / 2019 to SE" template, opened from a file.
fn upgrade_template(dir: &Path) -> PathBuf {
    let template = edit::templates()
        .iter()
        .find(|t| t.name == "Exchange 2016 / 2019 to SE")
        .expect("the upgrade template");
    let path = dir.join("upgrade.hybrid.json");
    std::fs::write(&path, template.json).expect("write the template");
    path
}

fn rules(h: &Designer) -> Vec<&'static str> {
    app(h).findings().iter().map(|f| f.rule).collect()
}

#[test]
fn looking_at_a_later_day_changes_the_findings_but_not_the_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = designer(
        opening(upgrade_template(dir.path())),
        FakeDialogs::default(),
    );
    let plan = app(&h).document().clone();
    let before = rules(&h);
    assert!(
        !before.contains(&"R-CERT-VALIDITY"),
        "the certificates are valid today: {before:?}"
    );
    h.get_by_label_contains("(today)");

    // The template's certificates expire on 2029-12-31.
    h.get_by_label_contains("As of").click();
    h.run_steps(3);
    h.get_by_role_and_label(Role::Button, "Use the plan's date (today)");
    let field = format!("{}", Date::today());
    h.get_all_by_value(&field)
        .next()
        .expect("the day field")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("2030-01-15".to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);

    let after = rules(&h);
    assert!(after.contains(&"R-CERT-VALIDITY"), "{after:?}");
    assert_eq!(app(&h).as_of().date, Date::known(2030, 1, 15));
    assert_eq!(app(&h).document(), &plan, "the plan is unchanged");
    assert!(!app(&h).is_dirty());
    assert!(!app(&h).history().can_undo());
    h.get_by_label_contains("As of 2030-01-15 (this session only)");

    app_mut(&mut h).run(AppCommand::SetAsOf(None));
    h.run_steps(2);
    assert_eq!(rules(&h), before, "back to the plan's own day");
}

#[test]
fn a_day_that_does_not_exist_is_refused_in_the_as_of_popup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = designer(
        opening(upgrade_template(dir.path())),
        FakeDialogs::default(),
    );
    h.get_by_label_contains("As of").click();
    h.run_steps(3);
    let field = format!("{}", Date::today());
    h.get_all_by_value(&field)
        .next()
        .expect("the day field")
        .click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("2027-13-01".to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    h.get_by_label_contains("“2027-13-01” is not a day: there is no month 13");
    assert_eq!(app(&h).as_of().date, Date::today());
}

/// Whether the canvas draws `node`'s padlock in the colour of `status`.
fn padlock_is(h: &Designer, node: &str, status: CertStatus) -> bool {
    let colour = cert_color(status);
    app(h)
        .canvas_node_prims(&NodeId::from(node))
        .expect("the node is on the canvas")
        .iter()
        .any(|p| matches!(p, Prim::Rect { fill: Some(f), radius, .. } if *f == colour && (*radius - 1.5).abs() < 0.01))
}

#[test]
fn the_padlock_follows_the_day_the_plan_is_judged_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cert = Certificate::new("mail.contoso.com");
    cert.not_after = Some("2029-12-31".into());
    let mut h = designer(
        opening(one_server(dir.path(), Some(cert))),
        FakeDialogs::default(),
    );
    h.run_steps(2);
    assert!(padlock_is(&h, "ex1", CertStatus::Valid));
    app_mut(&mut h).run(AppCommand::SetAsOf(Some(Date::known(2029, 12, 1))));
    h.run_steps(2);
    assert!(padlock_is(&h, "ex1", CertStatus::ExpiresSoon));
    app_mut(&mut h).run(AppCommand::SetAsOf(Some(Date::known(2030, 1, 1))));
    h.run_steps(2);
    assert!(padlock_is(&h, "ex1", CertStatus::Expired));
    assert!(!app(&h).is_dirty());
}
