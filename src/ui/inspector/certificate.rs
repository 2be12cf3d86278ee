//! The certificate section of an Exchange server or Edge server (format 1.1 `certificate`):
//! whether one is modeled, its subject and names, issuer, services and expiry.

use super::{checked_text, field_label, grid, names_field, non_blank};
use crate::model::{CertService, Certificate, Date, Document, Node};
use crate::ui::widgets::{check, commit_text};
use egui::{Id, RichText, Ui};

/// The services a certificate can be enabled for, in the file's order.
const SERVICES: [CertService; 6] = [
    CertService::Iis,
    CertService::Smtp,
    CertService::Imap,
    CertService::Pop,
    CertService::Um,
    CertService::UmCallRouter,
];

/// Draws the section; a change is written into `next`. Returns whether anything changed.
pub(super) fn certificate_section(
    ui: &mut Ui,
    doc: &Document,
    node: &Node,
    next: &mut Node,
    key: &dyn Fn(&str) -> Id,
) -> bool {
    ui.add_space(8.0);
    ui.separator();
    ui.label(RichText::new("Certificate").strong());
    let Some(cert) = &node.certificate else {
        ui.label(
            RichText::new("Not modeled: the certificate rules skip this server.")
                .color(ui.visuals().weak_text_color()),
        );
        if ui.button("Add certificate").clicked() {
            next.certificate = Some(Certificate::new(default_subject(doc, node)));
            return true;
        }
        return false;
    };
    let mut c = cert.clone();
    let mut changed = false;
    grid(ui, "cert_grid", |ui| {
        changed = certificate_rows(ui, cert, &mut c, key);
    });
    ui.add_space(4.0);
    if ui.button("Remove certificate").clicked() {
        next.certificate = None;
        return true;
    }
    if changed {
        next.certificate = Some(c);
    }
    changed
}

/// The certificate's fields as rows of a grid, written into `c`; returns whether it changed.
fn certificate_rows(
    ui: &mut Ui,
    cert: &Certificate,
    c: &mut Certificate,
    key: &dyn Fn(&str) -> Id,
) -> bool {
    let mut changed = false;
    field_label(ui, "Subject");
    if let Some(s) = checked_text(
        ui,
        key("cert_subject"),
        &cert.subject,
        "e.g. mail.contoso.com",
        |t| {
            if t.is_empty() {
                Err("a certificate needs a subject name".to_owned())
            } else {
                Ok(t.to_owned())
            }
        },
    ) {
        c.subject = s;
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Names");
    if let Some(names) = names_field(
        ui,
        key("cert_names"),
        cert.names(),
        "e.g. autodiscover.contoso.com (one per line)",
    ) {
        c.names = (!names.is_empty()).then_some(names);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Issuer");
    if let (_, Some(t)) = commit_text(
        ui,
        key("cert_issuer"),
        cert.issuer(),
        "e.g. CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1",
        1,
        false,
    ) {
        c.issuer = non_blank(&t);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Public CA");
    if let Some(v) = check(ui, cert.public_ca(), "Issued by a public CA") {
        c.public_ca = Some(v);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Services");
    // Two rows of three: a wrapped row would spill over the next grid row.
    ui.vertical(|ui| {
        for row in SERVICES.chunks(3) {
            ui.horizontal(|ui| {
                for &service in row {
                    if let Some(on) = check(ui, cert.has_service(service), service.label()) {
                        let mut list: Vec<CertService> = cert
                            .services()
                            .iter()
                            .copied()
                            .filter(|s| *s != service)
                            .collect();
                        if on {
                            list.push(service);
                        }
                        // The file keeps one order whatever order the boxes were ticked in.
                        list.sort();
                        c.services = Some(list);
                        changed = true;
                    }
                }
            });
        }
    });
    ui.end_row();

    field_label(ui, "Expires");
    let current = cert.not_after.clone().unwrap_or_default();
    if let Some(d) = checked_text(
        ui,
        key("cert_not_after"),
        &current,
        "e.g. 2027-06-30 (YYYY-MM-DD)",
        |t| {
            if t.is_empty() {
                Ok(None)
            } else {
                Date::parse(t)
                    .map(|d| Some(d.to_string()))
                    .map_err(|e| format!("{e}"))
            }
        },
    ) && d != cert.not_after
    {
        c.not_after = d;
        changed = true;
    }
    ui.end_row();
    changed
}

/// A new certificate's subject: the node's first public name, else `mail.` and the plan's
/// first hybrid domain, else the node's name, so the field never starts empty.
fn default_subject(doc: &Document, node: &Node) -> String {
    node.public_names()
        .first()
        .cloned()
        .or_else(|| doc.hybrid.domains.first().map(|d| format!("mail.{d}")))
        .unwrap_or_else(|| node.name.to_lowercase())
}
