//! What format 1.1 adds to a card: a padlock badge on servers and Edge servers that have a
//! certificate, coloured by its expiry as of the evaluation date, and a line with the
//! node's public names. Cards of nodes without those fields are drawn exactly as before.

use super::{
    Point, Prim, Rect, Rgba, Stroke, Weight, severity_color, text_width, truncate_to_width,
};
use crate::model::{Date, Node, NodeKind};
use crate::rules::Severity;

/// The extra height of a card that shows a line of public names.
pub(super) const PUBLIC_LINE_H: f32 = 14.0;
/// Font size of the public names line.
pub(super) const PUBLIC_SIZE: f32 = 10.0;
/// The room the padlock takes at the card's bottom-right corner.
const BADGE_ROOM: f32 = 16.0;

/// A certificate's state on the evaluation date, as R-CERT-VALIDITY judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertStatus {
    /// Valid for more than 60 days, or no expiry date given.
    Valid,
    /// Expires within 60 days (both ends included): amber.
    ExpiresSoon,
    /// Expired before the evaluation date: red.
    Expired,
}

/// The state of a server's or Edge server's certificate on `as_of`; `None` when the node has
/// no certificate (or is of another kind).
#[must_use]
pub fn cert_status(node: &Node, as_of: Date) -> Option<CertStatus> {
    if !node.kind.has_version() {
        return None;
    }
    let cert = node.certificate.as_ref()?;
    Some(match cert.expiry().map(|d| as_of.days_until(d)) {
        Some(days) if days < 0 => CertStatus::Expired,
        Some(days) if days <= crate::rules::certificates::EXPIRY_WARNING_DAYS => {
            CertStatus::ExpiresSoon
        }
        _ => CertStatus::Valid,
    })
}

/// The room a card keeps for the padlock on its public names line: only servers and Edge
/// servers with a certificate have one.
pub(super) fn badge_room(node: &Node) -> f32 {
    if node.kind.has_version() && node.certificate.is_some() {
        BADGE_ROOM
    } else {
        0.0
    }
}

/// The badge colour of a certificate state: neutral grey, amber or red.
#[must_use]
pub fn cert_color(status: CertStatus) -> Rgba {
    match status {
        CertStatus::Valid => Rgba::hex(0x79_7775),
        CertStatus::ExpiresSoon => severity_color(Severity::Warning),
        CertStatus::Expired => severity_color(Severity::Error),
    }
}

/// A small padlock in the bottom-right corner of `card`.
pub(super) fn cert_badge(status: CertStatus, card: Rect, fade: f32) -> [Prim; 2] {
    let color = cert_color(status).fade(fade);
    let body = Rect::from_min_size(
        Point::new(card.max.x - BADGE_ROOM + 2.0, card.max.y - 12.0),
        10.0,
        7.5,
    );
    let (l, r, top) = (body.min.x + 2.2, body.max.x - 2.2, body.min.y);
    // The shackle: up from the body, a flattened arch, down again.
    let shackle = vec![
        Point::new(l, top),
        Point::new(l, top - 2.8),
        Point::new(l + 0.8, top - 4.4),
        Point::new(f32::midpoint(l, r), top - 5.0),
        Point::new(r - 0.8, top - 4.4),
        Point::new(r, top - 2.8),
        Point::new(r, top),
    ];
    [
        Prim::Polyline {
            points: shackle,
            stroke: Stroke::new(1.6, color),
            dash: None,
        },
        Prim::Rect {
            rect: body,
            radius: 1.5,
            fill: Some(color),
            stroke: None,
        },
    ]
}

/// The public names a card shows: those of the kinds that carry them, blanks left out.
pub(super) fn shown_public_names(node: &Node) -> Vec<&str> {
    let carries = match node.kind {
        NodeKind::ExchangeServer
        | NodeKind::EdgeTransport
        | NodeKind::LoadBalancer
        | NodeKind::SmtpGateway => true,
        NodeKind::ExchangeOnline
        | NodeKind::FederationGateway
        | NodeKind::SyncServer
        | NodeKind::HybridAgent
        | NodeKind::Note => false,
    };
    if !carries {
        return Vec::new();
    }
    node.public_names()
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The whole list, for the card's width.
pub(super) fn public_names_text(names: &[&str]) -> String {
    names.join(", ")
}

/// As many names as fit `max_width`, then "+N" for the rest; the first is cut with "…" when
/// even it does not fit.
pub(super) fn public_names_line(names: &[&str], size: f32, max_width: f32) -> String {
    let all = public_names_text(names);
    if text_width(&all, size, Weight::Normal) <= max_width {
        return all;
    }
    for shown in (1..names.len()).rev() {
        let line = format!("{} +{}", names[..shown].join(", "), names.len() - shown);
        if text_width(&line, size, Weight::Normal) <= max_width {
            return line;
        }
    }
    let more = if names.len() > 1 {
        format!(" +{}", names.len() - 1)
    } else {
        String::new()
    };
    let room = max_width - text_width(&more, size, Weight::Normal);
    format!(
        "{}{more}",
        truncate_to_width(
            names.first().copied().unwrap_or(""),
            size,
            Weight::Normal,
            room
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Certificate, Role, Version};

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn server_with_expiry(not_after: Option<&str>) -> Node {
        let mut n = Node::server("a", "EX", Version::Se, &[Role::Mailbox]);
        let mut c = Certificate::new("mail.contoso.com");
        c.not_after = not_after.map(str::to_owned);
        n.certificate = Some(c);
        n
    }

    #[test]
    fn certificate_badge_turns_amber_within_60_days_and_red_once_expired() {
        let as_of = day("2026-01-15");
        let status = |d| cert_status(&server_with_expiry(Some(d)), as_of);
        assert_eq!(status("2026-03-17"), Some(CertStatus::Valid), "61 days");
        assert_eq!(
            status("2026-03-16"),
            Some(CertStatus::ExpiresSoon),
            "60 days"
        );
        assert_eq!(
            status("2026-03-15"),
            Some(CertStatus::ExpiresSoon),
            "59 days"
        );
        assert_eq!(status("2026-01-15"), Some(CertStatus::ExpiresSoon), "today");
        assert_eq!(status("2026-01-14"), Some(CertStatus::Expired));
        assert_eq!(
            cert_status(&server_with_expiry(None), as_of),
            Some(CertStatus::Valid)
        );
    }

    #[test]
    fn only_servers_and_edge_with_a_certificate_get_a_badge() {
        let as_of = day("2026-01-15");
        let plain = Node::server("a", "EX", Version::Se, &[Role::Mailbox]);
        assert_eq!(cert_status(&plain, as_of), None);
        let mut lb = Node::new("lb", NodeKind::LoadBalancer, "LB");
        lb.certificate = Some(Certificate::new("mail.contoso.com"));
        assert_eq!(cert_status(&lb, as_of), None);
    }

    #[test]
    fn public_names_that_do_not_fit_are_counted() {
        let names = [
            "mail.contoso.com",
            "autodiscover.contoso.com",
            "owa.contoso.com",
        ];
        let all = public_names_line(&names, PUBLIC_SIZE, 1000.0);
        assert_eq!(
            all,
            "mail.contoso.com, autodiscover.contoso.com, owa.contoso.com"
        );
        let some = public_names_line(&names, PUBLIC_SIZE, 150.0);
        assert_eq!(some, "mail.contoso.com +2");
        let cut = public_names_line(&names, PUBLIC_SIZE, 60.0);
        assert!(cut.contains('\u{2026}') && cut.ends_with(" +2"), "{cut}");
    }
}
