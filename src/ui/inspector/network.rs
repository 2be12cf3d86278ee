//! What the Internet sees of a server, Edge server, load balancer or SMTP gateway (format
//! 1.1): its public DNS names and the ports the perimeter firewall forwards to it.

use super::{NewList, checked_text, field_label, names_field};
use crate::model::Node;
use crate::ui::widgets::check;
use egui::{Id, Ui};

/// SMTP, the port Exchange Online sends hybrid mail to.
const SMTP: u16 = 25;
/// HTTPS, the port of Autodiscover, EWS, OAuth and mailbox moves.
const HTTPS: u16 = 443;

/// Public names and inbound ports, two rows of the node grid. Returns whether `next` changed.
pub(super) fn exposure_fields(
    ui: &mut Ui,
    node: &Node,
    next: &mut Node,
    key: &dyn Fn(&str) -> Id,
) -> bool {
    let mut changed = false;
    field_label(ui, "Public names");
    if let Some(names) = names_field(
        ui,
        key("public_names"),
        node.public_names(),
        "e.g. mail.contoso.com (one per line)",
    ) {
        next.public_names = (!names.is_empty()).then_some(names);
        changed = true;
    }
    ui.end_row();

    field_label(ui, "Inbound ports");
    ui.vertical(|ui| {
        if let Some(NewList(new)) = ports_editor(ui, node.inbound_ports(), key) {
            next.inbound_ports = new;
            changed = true;
        }
    });
    ui.end_row();
    changed
}

/// "Modeled", then 25 and 443 as checkboxes and a field for any other ports. The new value
/// (`None`: not modeled) once changed. A newly modeled node starts with both 25 and 443
/// forwarded, as a published server has.
fn ports_editor(
    ui: &mut Ui,
    current: Option<&[u16]>,
    key: &dyn Fn(&str) -> Id,
) -> Option<NewList<u16>> {
    let mut out = None;
    // Unticked: the firewall is not modeled and the port rules skip this node.
    if let Some(on) = check(ui, current.is_some(), "Modeled") {
        return Some(NewList(on.then(|| vec![SMTP, HTTPS])));
    }
    let ports = current?;
    let with = |port: u16, on: bool| {
        let mut list: Vec<u16> = ports.iter().copied().filter(|p| *p != port).collect();
        if on {
            list.push(port);
        }
        list.sort_unstable();
        list.dedup();
        list
    };
    ui.horizontal(|ui| {
        for (port, text) in [(SMTP, "25 (SMTP)"), (HTTPS, "443 (HTTPS)")] {
            if let Some(on) = check(ui, ports.contains(&port), text) {
                out = Some(NewList(Some(with(port, on))));
            }
        }
    });
    let others: Vec<String> = ports
        .iter()
        .filter(|p| ![SMTP, HTTPS].contains(*p))
        .map(u16::to_string)
        .collect();
    ui.horizontal(|ui| {
        ui.label("Other");
        if let Some(list) = checked_text(
            ui,
            key("other_ports"),
            &others.join(", "),
            "e.g. 587, 993",
            parse_ports,
        ) {
            let mut all: Vec<u16> = ports
                .iter()
                .copied()
                .filter(|p| [SMTP, HTTPS].contains(p))
                .chain(list)
                .collect();
            all.sort_unstable();
            all.dedup();
            if all != ports {
                out = Some(NewList(Some(all)));
            }
        }
    });
    out
}

/// TCP ports separated by commas or spaces, each 1 to 65535.
fn parse_ports(text: &str) -> Result<Vec<u16>, String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<u16>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("“{p}” is not a TCP port (1 to 65535)"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_ports;

    #[test]
    fn other_ports_are_numbers_from_1_to_65535() {
        assert_eq!(parse_ports("587, 993"), Ok(vec![587, 993]));
        assert_eq!(parse_ports(""), Ok(vec![]));
        assert!(parse_ports("smtp").is_err());
        assert!(parse_ports("0").is_err());
        assert!(parse_ports("70000").is_err());
    }
}
