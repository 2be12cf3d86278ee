//! The inspector: every field of the selected node or link, or the plan's own settings when
//! nothing is selected. It offers only valid choices, and every change is one edit command.

use super::app::DesignerApp;
use super::widgets::{check, combo, commit_text};
use crate::edit::{self, Command};
use crate::model::{
    Build, Direction, Document, Feature, Hybrid, Link, LinkKind, Mode, Node, NodeKind, Role,
    SyncTool, TlsAuth, Topology, Update, Version, Zone,
};
use egui::{Grid, Id, RichText, Ui};

/// Draws the inspector for the current selection.
pub(crate) fn show(ui: &mut Ui, app: &mut DesignerApp) {
    egui::ScrollArea::vertical()
        .id_salt("inspector_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let one_node = single(&app.selection.nodes).filter(|_| app.selection.links.is_empty());
            let one_link = single(&app.selection.links).filter(|_| app.selection.nodes.is_empty());
            let command = if let Some(node) = one_node.and_then(|id| app.doc.node(id.as_str())) {
                node_editor(ui, node)
            } else if let Some(link) = one_link.and_then(|id| app.doc.link(id.as_str())) {
                link_editor(ui, &app.doc, link)
            } else if app.selection.is_empty() {
                plan_editor(ui, &app.doc)
            } else {
                ui.heading("Selection");
                ui.label(format!(
                    "{} nodes and {} links selected.",
                    app.selection.nodes.len(),
                    app.selection.links.len()
                ));
                ui.add_space(6.0);
                if ui.button("Delete selection").clicked() {
                    app.delete_selection();
                }
                None
            };
            if let Some(command) = command {
                app.apply(command);
            }
        });
}

fn single<T>(set: &std::collections::BTreeSet<T>) -> Option<&T> {
    if set.len() == 1 {
        set.iter().next()
    } else {
        None
    }
}

fn field_label(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(ui.visuals().weak_text_color()));
}

fn grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    Grid::new(id)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .min_col_width(90.0)
        .striped(false)
        .show(ui, add);
}

// ---- nodes ---------------------------------------------------------------------------------

fn node_editor(ui: &mut Ui, node: &Node) -> Option<Command> {
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
        match node.kind {
            NodeKind::ExchangeServer => changed |= server_fields(ui, node, &mut next, &key),
            NodeKind::EdgeTransport => changed |= deployment_fields(ui, node, &mut next, &key),
            NodeKind::ExchangeOnline => {
                field_label(ui, "Tenant");
                let current = node.tenant.clone().unwrap_or_default();
                if let (_, Some(t)) = commit_text(ui, key("tenant"), &current, "contoso", 1, false)
                {
                    let t = t.trim().to_owned();
                    next.tenant = if t.is_empty() { None } else { Some(t) };
                    changed = true;
                }
                ui.end_row();
            }
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
            NodeKind::FederationGateway | NodeKind::LoadBalancer | NodeKind::HybridAgent => {}
        }
        field_label(ui, "Notes");
        let current = node.notes.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("notes"), &current, "free text", 3, false) {
            next.notes = if t.trim().is_empty() { None } else { Some(t) };
            changed = true;
        }
        ui.end_row();
    });
    renamed.or_else(|| changed.then_some(Command::UpdateNode { node: next }))
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
        "Default-First-Site-Name",
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
    changed | deployment_fields(ui, node, next, key)
}

/// Zone, update level and build: what servers and Edge share.
fn deployment_fields(ui: &mut Ui, node: &Node, next: &mut Node, key: &dyn Fn(&str) -> Id) -> bool {
    let mut changed = false;
    field_label(ui, "Network");
    if let Some(z) = combo(
        ui,
        key("zone"),
        node.zone(),
        &[Zone::Internal, Zone::Perimeter],
        |z| zone_label(z).to_owned(),
    ) {
        next.zone = Some(z);
        changed = true;
    }
    ui.end_row();

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
    }
}

fn update_label(u: Update) -> &'static str {
    match u {
        Update::Latest => "Latest CU",
        Update::Previous => "Previous CU",
        Update::Older => "Older (unsupported)",
    }
}

fn sync_tool_label(t: SyncTool) -> &'static str {
    match t {
        SyncTool::EntraConnect => "Entra Connect Sync",
        SyncTool::CloudSync => "Entra Cloud Sync",
    }
}

// ---- links ---------------------------------------------------------------------------------

fn link_editor(ui: &mut Ui, doc: &Document, link: &Link) -> Option<Command> {
    ui.heading(link.kind.label());
    let name = |id: &crate::model::NodeId| {
        doc.node(id.as_str())
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    };
    ui.label(format!(
        "{} {} {}",
        name(&link.from),
        super::theme::ARROW,
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
            field_label(ui, "OWA URL");
            let current = link.owa_url.clone().unwrap_or_default();
            if let (_, Some(t)) = commit_text(
                ui,
                key("owa_url"),
                &current,
                "https://mail.contoso.com/owa",
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

// ---- the plan ------------------------------------------------------------------------------

fn plan_editor(ui: &mut Ui, doc: &Document) -> Option<Command> {
    ui.heading("Plan");
    ui.label(
        RichText::new("Select a node or link to edit it.").color(ui.visuals().weak_text_color()),
    );
    ui.add_space(4.0);
    let mut command = None;
    let key = |field: &str| Id::new(("inspector", "plan", field));
    let h = &doc.hybrid;
    grid(ui, "plan_grid", |ui| {
        field_label(ui, "Title");
        let current = doc.title.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(ui, key("title"), &current, "Untitled plan", 1, false) {
            let t = t.trim().to_owned();
            command = Some(Command::SetTitle(if t.is_empty() { None } else { Some(t) }));
        }
        ui.end_row();

        field_label(ui, "Description");
        let current = doc.description.clone().unwrap_or_default();
        if let (_, Some(t)) = commit_text(
            ui,
            key("description"),
            &current,
            "what this plan is for",
            3,
            false,
        ) {
            command = Some(Command::SetDescription(if t.trim().is_empty() {
                None
            } else {
                Some(t)
            }));
        }
        ui.end_row();

        field_label(ui, "Mode");
        if let Some(m) = combo(
            ui,
            key("mode"),
            h.mode,
            &[Mode::Full, Mode::Minimal, Mode::Draft],
            |m| mode_label(m).to_owned(),
        ) {
            command = Some(set_hybrid(h, |h| h.mode = m));
        }
        ui.end_row();

        field_label(ui, "Topology");
        let tops = [Topology::Classic, Topology::Modern];
        if let Some(t) = combo(ui, key("topology"), h.topology, &tops, |t| {
            topology_label(t).to_owned()
        }) {
            command = Some(set_hybrid(h, |h| h.topology = t));
        }
        ui.end_row();

        field_label(ui, "Domains");
        let current = h.domains.join("\n");
        if let (_, Some(t)) = commit_text(
            ui,
            key("domains"),
            &current,
            "contoso.com (one per line)",
            3,
            false,
        ) {
            let domains: Vec<String> = t
                .split(|c: char| c == '\n' || c == ',' || c.is_whitespace())
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect();
            command = Some(set_hybrid(h, |h| h.domains = domains));
        }
        ui.end_row();

        field_label(ui, "Evaluated on");
        let current = h.evaluation_date.clone().unwrap_or_default();
        let (response, committed) = commit_text(
            ui,
            key("evaluation_date"),
            &current,
            "today (YYYY-MM-DD)",
            1,
            false,
        );
        if let Some(t) = committed {
            let t = t.trim().to_owned();
            if t.is_empty() {
                command = Some(set_hybrid(h, |h| h.evaluation_date = None));
            } else if is_iso_date(&t) {
                command = Some(set_hybrid(h, |h| h.evaluation_date = Some(t)));
            }
        }
        response.on_hover_text(
            "Rules that depend on dates (end of support) are checked as of this day",
        );
        ui.end_row();
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Hybrid features").strong());
    features_editor(ui, h).or(command)
}

/// The wanted hybrid features as checkboxes in two columns.
fn features_editor(ui: &mut Ui, h: &Hybrid) -> Option<Command> {
    let mut command = None;
    let wanted = h.wanted_features();
    ui.columns(2, |cols| {
        for (i, feature) in Feature::ALL.into_iter().enumerate() {
            let ui = &mut cols[i % 2];
            if let Some(on) = check(ui, wanted.contains(&feature), feature.label()) {
                let mut list: Vec<Feature> =
                    wanted.iter().copied().filter(|f| *f != feature).collect();
                if on {
                    list.push(feature);
                }
                // Keep the spec's order so the file does not churn.
                list.sort_by_key(|f| Feature::ALL.iter().position(|a| a == f));
                command = Some(set_hybrid(h, |h| h.features = Some(list)));
            }
        }
    });
    command
}

fn set_hybrid(h: &Hybrid, change: impl FnOnce(&mut Hybrid)) -> Command {
    let mut next = h.clone();
    change(&mut next);
    Command::SetHybrid(next)
}

fn mode_label(m: Mode) -> &'static str {
    match m {
        Mode::Full => "Full hybrid",
        Mode::Minimal => "Minimal hybrid",
        Mode::Draft => "Draft (structure only)",
    }
}

fn topology_label(t: Topology) -> &'static str {
    match t {
        Topology::Classic => "Classic",
        Topology::Modern => "Modern (Hybrid Agent)",
    }
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn evaluation_dates_must_be_iso_days() {
        assert!(is_iso_date("2026-11-27"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("27/11/2026"));
        assert!(!is_iso_date("2026-1-1"));
    }
}
