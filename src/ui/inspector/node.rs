//! The node editor: a server's version, roles, site and build; each kind's own fields, and
//! the certificate section of servers and Edge servers.

use super::certificate::certificate_section;
use super::network::exposure_fields;
use super::{NewList, checked_text, field_label, grid, modeled_names, non_blank};
use crate::edit::{self, Command};
use crate::model::{
    Build, Cloud, Document, Node, NodeKind, Role, SyncTool, Update, Version, YearMonth, Zone,
};
use crate::ui::widgets::{check, combo, commit_text};
use egui::{Id, RichText, Ui};

pub(super) fn node_editor(ui: &mut Ui, doc: &Document, node: &Node) -> Option<Command> {
    ui.heading(node.kind.label());
    ui.add_space(4.0);
    let mut next = node.clone();
    let mut changed = false;
    let mut renamed = None;
    let key = |field: &str| Id::new(("inspector", "node", node.id.as_str(), field));
    grid(ui, "node_grid", |ui| {
        field_label(ui, "Name");
        if let (_, Some(name)) = commit_text(ui, key("name"), &node.name, "a name", 1, false) {
            renamed = edit::rename(node, &name);
        }
        ui.end_row();

        if node.kind.has_version() {
            field_label(ui, "Version");
            let current = node.version.unwrap_or(Version::V2019);
            if let Some(v) = combo(ui, key("version"), current, &Version::ALL, |v| {
                format!("Exchange {v}")
            }) {
                next.version = Some(v);
                if node.kind == NodeKind::ExchangeServer {
                    // Keep only the roles the new version can have.
                    let kept: Vec<Role> = node
                        .roles()
                        .iter()
                        .copied()
                        .filter(|r| v.allowed_roles().contains(r))
                        .collect();
                    next.roles = Some(kept);
                }
                changed = true;
            }
            ui.end_row();
        }
        changed |= kind_fields(ui, node, &mut next, &key);
        field_label(ui, "Notes");
        let current = node.notes.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("notes"), &current, "free text", 3, false) {
            next.notes = if t.trim().is_empty() { None } else { Some(t) };
            changed = true;
        }
        ui.end_row();
    });
    if node.kind.has_version() {
        changed |= certificate_section(ui, doc, node, &mut next, &key);
    }
    renamed.or_else(|| changed.then_some(Command::UpdateNode { node: next }))
}

/// The fields of the node's own kind; returns whether `next` changed.
fn kind_fields(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = false;
    match node.kind {
        NodeKind::ExchangeServer => {
            changed |= server_fields(ui, node, next, &key);
            changed |= exposure_fields(ui, node, next, &key);
        }
        NodeKind::EdgeTransport => {
            changed |= deployment_fields(ui, node, next, &key);
            changed |= exposure_fields(ui, node, next, &key);
        }
        NodeKind::ExchangeOnline => changed |= online_fields(ui, node, next, &key),
        NodeKind::SyncServer => {
            field_label(ui, "Tool");
            let tools = [SyncTool::EntraConnect, SyncTool::CloudSync];
            if let Some(t) = combo(ui, key("tool"), node.tool(), &tools, |t| {
                sync_tool_label(t).to_owned()
            }) {
                next.tool = Some(t);
                changed = true;
            }
            ui.end_row();
        }
        NodeKind::SmtpGateway => {
            field_label(ui, "SMTP");
            if let Some(v) = check(ui, node.inspects_smtp(), "Inspects SMTP traffic") {
                next.inspects_smtp = Some(v);
                changed = true;
            }
            ui.end_row();
            changed |= zone_field(ui, node, next, &key);
            changed |= exposure_fields(ui, node, next, &key);
        }
        NodeKind::LoadBalancer => {
            field_label(ui, "HTTPS");
            ui.vertical(|ui| {
                if let Some(v) = check(ui, node.preauth(), "Pre-authenticates (reverse proxy)") {
                    next.preauth = Some(v);
                    changed = true;
                }
                if let Some(v) = check(
                    ui,
                    node.ssl_offload(),
                    "SSL offload (TLS not re-encrypted to Exchange)",
                ) {
                    next.ssl_offload = Some(v);
                    changed = true;
                }
            });
            ui.end_row();
            changed |= zone_field(ui, node, next, &key);
            changed |= exposure_fields(ui, node, next, &key);
        }
        NodeKind::Note => {
            field_label(ui, "Text");
            let current = node.text.clone().unwrap_or_default();
            if let (_, Some(t)) =
                commit_text(ui, key("text"), &current, "the note's text", 3, false)
            {
                next.text = Some(t);
                changed = true;
            }
            ui.end_row();
        }
        NodeKind::FederationGateway | NodeKind::HybridAgent => {}
    }
    changed
}

/// Exchange Online: the tenant, its verified domains, the dedicated hybrid app and the cloud.
fn online_fields(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = false;
    field_label(ui, "Tenant");
    let current = node.tenant.clone().unwrap_or_default();
    if let (_, Some(t)) = commit_text(ui, key("tenant"), &current, "e.g. contoso", 1, false) {
        next.tenant = non_blank(&t);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Domains");
    if let Some(NewList(d)) = modeled_names(
        ui,
        key("domains"),
        node.domains.as_deref(),
        "Modeled (verified in the tenant)",
        "e.g. contoso.com (one per line)",
        &[],
    ) {
        next.domains = d;
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Hybrid app");
    let choices = [None, Some(true), Some(false)];
    if let Some(v) = combo(
        ui,
        key("hybrid_app"),
        node.dedicated_hybrid_app,
        &choices,
        |v| hybrid_app_label(v).to_owned(),
    ) {
        next.dedicated_hybrid_app = v;
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Cloud");
    let clouds = [Cloud::Worldwide, Cloud::GccHigh, Cloud::Dod, Cloud::China];
    if let Some(c) = combo(ui, key("cloud"), node.cloud(), &clouds, |c| {
        cloud_label(c).to_owned()
    }) {
        next.cloud = Some(c);
        changed = true;
    }
    ui.end_row();
    changed
}

/// Roles, site and MRS Proxy, then the fields servers share with Edge.
fn server_fields(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = false;
    let version = node.version.unwrap_or(Version::V2019);
    field_label(ui, "Roles");
    ui.vertical(|ui| {
        for &role in version.allowed_roles() {
            if let Some(on) = check(ui, node.has_role(role), role.label()) {
                let mut roles: Vec<Role> = node.roles().to_vec();
                roles.retain(|r| *r != role);
                if on {
                    roles.push(role);
                }
                // Keep the file's order stable whatever order the boxes were ticked in.
                roles.sort();
                next.roles = Some(roles);
                changed = true;
            }
        }
        let invalid: Vec<&str> = node
            .roles()
            .iter()
            .filter(|r| !version.allowed_roles().contains(r))
            .map(|r| r.label())
            .collect();
        if !invalid.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Not a role of Exchange {version}: {}",
                    invalid.join(", ")
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
    });
    ui.end_row();

    field_label(ui, "AD site");
    let current = node.site.clone().unwrap_or_default();
    if let (_, Some(s)) = commit_text(
        ui,
        key("site"),
        &current,
        "Default-First-Site-Name (the default)",
        1,
        false,
    ) {
        let s = s.trim().to_owned();
        next.site = if s.is_empty() { None } else { Some(s) };
        changed = true;
    }
    ui.end_row();

    field_label(ui, "MRS Proxy");
    if let Some(v) = check(ui, node.mrs_proxy(), "Enabled on EWS") {
        next.mrs_proxy = Some(v);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "EWS URL");
    let current = node.ews_external_url.clone().unwrap_or_default();
    if let (_, Some(t)) = commit_text(
        ui,
        key("ews_external_url"),
        &current,
        "e.g. https://mail.contoso.com/EWS/Exchange.asmx",
        1,
        false,
    ) {
        next.ews_external_url = non_blank(&t);
        changed = true;
    }
    ui.end_row();
    changed | deployment_fields(ui, node, next, key)
}

/// The network zone, among those the kind may be in (dropping the card into a zone's box on
/// the canvas sets it too); returns whether `next` changed.
fn zone_field(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let zones = node.kind.spec().zones;
    if zones.is_empty() {
        return false;
    }
    field_label(ui, "Network");
    let picked = combo(ui, key("zone"), node.zone(), zones, |z| {
        zone_label(z).to_owned()
    });
    ui.end_row();
    if let Some(z) = picked {
        next.zone = Some(z);
    }
    picked.is_some()
}

/// Zone, update level and build: what servers and Edge share.
fn deployment_fields(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = zone_field(ui, node, next, key);

    field_label(ui, "Update");
    let updates = [Update::Latest, Update::Previous, Update::Older];
    if let Some(u) = combo(ui, key("update"), node.update(), &updates, |u| {
        update_label(u).to_owned()
    }) {
        next.update = Some(u);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Build");
    ui.vertical(|ui| {
        if let Some(NewBuild(b)) = build_editor(ui, node, key) {
            next.build = b;
            changed = true;
        }
    });
    ui.end_row();

    field_label(ui, "Update month");
    let current = node.update_month.clone().unwrap_or_default();
    if let Some(m) = checked_text(
        ui,
        key("update_month"),
        &current,
        "e.g. 2025-04 (YYYY-MM)",
        |t| {
            if t.is_empty() {
                Ok(None)
            } else {
                YearMonth::parse(t)
                    .map(|m| Some(m.to_string()))
                    .map_err(|e| e.to_string())
            }
        },
    ) && m != node.update_month
    {
        next.update_month = m;
        changed = true;
    }
    ui.end_row();
    changed
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BuildForm {
    Current,
    Cu,
    SpRu,
}

/// A new value for a node's `build` (`None` inside: current).
struct NewBuild(Option<Build>);

/// The build: current, a CU number, or a service pack and rollup (2010). Returns the new value.
fn build_editor(ui: &mut Ui, node: &Node, key: &dyn Fn(&str) -> Id) -> Option<NewBuild> {
    let version = node.version.unwrap_or(Version::V2019);
    let form = match node.build {
        None => BuildForm::Current,
        Some(Build::Cu { .. }) => BuildForm::Cu,
        Some(Build::SpRu { .. }) => BuildForm::SpRu,
    };
    let forms: &[BuildForm] = if version == Version::V2010 {
        &[BuildForm::Current, BuildForm::SpRu]
    } else {
        &[BuildForm::Current, BuildForm::Cu]
    };
    let label = |f: BuildForm| match f {
        BuildForm::Current => "Current".to_owned(),
        BuildForm::Cu => "Cumulative update".to_owned(),
        BuildForm::SpRu => "Service pack + rollup".to_owned(),
    };
    if let Some(f) = combo(ui, key("build_form"), form, forms, label) {
        return Some(NewBuild(match f {
            BuildForm::Current => None,
            BuildForm::Cu => Some(Build::Cu { cu: 1 }),
            BuildForm::SpRu => Some(Build::SpRu { sp: 3, ru: 1 }),
        }));
    }
    let mut result = None;
    match node.build {
        Some(Build::Cu { cu }) => {
            ui.horizontal(|ui| {
                ui.label("CU");
                if let Some(n) = number(ui, key("cu"), cu) {
                    result = Some(NewBuild(Some(Build::Cu { cu: n })));
                }
            });
        }
        Some(Build::SpRu { sp, ru }) => {
            ui.horizontal(|ui| {
                ui.label("SP");
                if let Some(n) = number(ui, key("sp"), sp) {
                    result = Some(NewBuild(Some(Build::SpRu { sp: n, ru })));
                }
                ui.label("RU");
                if let Some(n) = number(ui, key("ru"), ru) {
                    result = Some(NewBuild(Some(Build::SpRu { sp, ru: n })));
                }
            });
        }
        None => {}
    }
    result
}

/// A small whole-number field that commits like the text fields; anything not a number is ignored.
fn number(ui: &mut Ui, id: Id, current: u32) -> Option<u32> {
    let mut out = None;
    ui.scope(|ui| {
        ui.set_max_width(48.0);
        if let (_, Some(t)) = commit_text(ui, id, &current.to_string(), "0", 1, false) {
            out = t.trim().parse().ok().filter(|n| *n != current);
        }
    });
    out
}

fn zone_label(z: Zone) -> &'static str {
    match z {
        Zone::Internal => "Internal network",
        Zone::Perimeter => "Perimeter (DMZ)",
        Zone::Internet => "Internet",
    }
}

fn update_label(u: Update) -> &'static str {
    match u {
        Update::Latest => "Latest CU",
        Update::Previous => "Previous CU",
        Update::Older => "Older (unsupported)",
    }
}

fn hybrid_app_label(v: Option<bool>) -> &'static str {
    match v {
        None => "Not stated",
        Some(true) => "Dedicated hybrid app: yes",
        Some(false) => "Dedicated hybrid app: no",
    }
}

fn cloud_label(c: Cloud) -> &'static str {
    match c {
        Cloud::Worldwide => "Worldwide",
        Cloud::GccHigh => "GCC High",
        Cloud::Dod => "DoD",
        Cloud::China => "China (21Vianet)",
    }
}

fn sync_tool_label(t: SyncTool) -> &'static str {
    match t {
        SyncTool::EntraConnect => "Entra Connect Sync",
        SyncTool::CloudSync => "Entra Cloud Sync",
    }
}
