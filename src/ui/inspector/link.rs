//! The link editor: a link's ends, label and the fields of its kind.

use super::{field_label, grid, non_blank};
use crate::edit::Command;
use crate::model::{Direction, Document, Link, LinkKind, TlsAuth};
use crate::ui::widgets::{check, combo, commit_text};
use egui::{Id, Ui};

pub(super) fn link_editor(ui: &mut Ui, doc: &Document, link: &Link) -> Option<Command> {
    ui.heading(link.kind.label());
    let name = |id: &crate::model::NodeId| {
        doc.node(id.as_str())
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    };
    ui.label(format!(
        "{} {} {}",
        name(&link.from),
        crate::ui::theme::ARROW,
        name(&link.to)
    ));
    ui.add_space(4.0);
    let mut next = link.clone();
    let mut changed = false;
    let key = |field: &str| Id::new(("inspector", "link", link.id.as_str(), field));
    grid(ui, "link_grid", |ui| {
        field_label(ui, "Label");
        let current = link.label.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("label"), &current, link.kind.label(), 1, false) {
            next.label = if t.trim().is_empty() { None } else { Some(t) };
            changed = true;
        }
        ui.end_row();

        if link.kind.has_enabled() {
            field_label(ui, "State");
            if let Some(v) = check(ui, link.enabled(), "Enabled") {
                next.enabled = Some(v);
                changed = true;
            }
            ui.end_row();
        }
        if link.kind.has_direction() {
            field_label(ui, "Direction");
            let dirs = [
                Direction::Both,
                Direction::ToOnline,
                Direction::ToOnPremises,
            ];
            if let Some(d) = combo(ui, key("direction"), link.direction(), &dirs, |d| {
                direction_label(d).to_owned()
            }) {
                next.direction = Some(d);
                changed = true;
            }
            ui.end_row();
        }
        changed |= connector_fields(ui, link, &mut next, &key);
        if link.kind == LinkKind::OrganizationRelationship {
            field_label(ui, "On-premises OWA");
            let current = link.on_premises_owa_url.clone().unwrap_or_default();
            if let (_, Some(t)) = commit_text(
                ui,
                key("on_premises_owa_url"),
                &current,
                "e.g. https://mail.contoso.com/owa",
                1,
                false,
            ) {
                next.on_premises_owa_url = non_blank(&t);
                changed = true;
            }
            ui.end_row();
            field_label(ui, "OWA URL");
            let current = link.owa_url.clone().unwrap_or_default();
            if let (_, Some(t)) = commit_text(
                ui,
                key("owa_url"),
                &current,
                "e.g. https://mail.contoso.com/owa",
                1,
                false,
            ) {
                let t = t.trim().to_owned();
                next.owa_url = if t.is_empty() { None } else { Some(t) };
                changed = true;
            }
            ui.end_row();
        }
        field_label(ui, "Notes");
        let current = link.notes.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("notes"), &current, "free text", 3, false) {
            next.notes = if t.trim().is_empty() { None } else { Some(t) };
            changed = true;
        }
        ui.end_row();
    });
    changed.then_some(Command::UpdateLink { link: next })
}

/// TLS and cloud-mail fields of send and receive connectors (nothing for other kinds).
fn connector_fields(ui: &mut Ui, link: &Link, next: &mut Link, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = false;
    if matches!(
        link.kind,
        LinkKind::SendConnector | LinkKind::ReceiveConnector
    ) {
        field_label(ui, "TLS");
        if let Some(v) = check(ui, link.require_tls(), "Require TLS") {
            next.require_tls = Some(v);
            changed = true;
        }
        ui.end_row();
        field_label(ui, "TLS auth");
        let auths = [
            TlsAuth::DomainValidation,
            TlsAuth::CertificateValidation,
            TlsAuth::EncryptionOnly,
            TlsAuth::None,
        ];
        if let Some(a) = combo(ui, key("tls_auth"), link.tls_auth(), &auths, |a| {
            tls_label(a).to_owned()
        }) {
            next.tls_auth = Some(a);
            changed = true;
        }
        ui.end_row();
    }
    if link.kind == LinkKind::SendConnector {
        field_label(ui, "Cloud mail");
        if let Some(v) = check(ui, link.cloud_services_mail(), "Cloud services mail") {
            next.cloud_services_mail = Some(v);
            changed = true;
        }
        ui.end_row();
    }
    if link.kind == LinkKind::ReceiveConnector {
        field_label(ui, "Cloud mail");
        if let Some(v) = check(
            ui,
            link.accepts_cloud_mail(),
            "Trusts mail from Exchange Online",
        ) {
            next.accepts_cloud_mail = Some(v);
            changed = true;
        }
        ui.end_row();
        field_label(ui, "Smart host");
        let current = link.smart_host.clone().unwrap_or_default();
        let (response, committed) = commit_text(
            ui,
            key("smart_host"),
            &current,
            "e.g. mail.contoso.com",
            1,
            false,
        );
        if let Some(t) = committed {
            next.smart_host = non_blank(&t);
            changed = true;
        }
        response.on_hover_text(
            "The FQDN Exchange Online's outbound connector connects to (the HCW's Organization FQDN)",
        );
        ui.end_row();
    }
    changed
}

fn direction_label(d: Direction) -> &'static str {
    match d {
        Direction::Both => "Both ways",
        Direction::ToOnline => "To Exchange Online",
        Direction::ToOnPremises => "To on-premises",
    }
}

fn tls_label(a: TlsAuth) -> &'static str {
    match a {
        TlsAuth::DomainValidation => "Domain validation",
        TlsAuth::CertificateValidation => "Certificate validation",
        TlsAuth::EncryptionOnly => "Encryption only",
        TlsAuth::None => "None",
    }
}
