//! Palette and labels: severity and link colours, link widths, dashes, arrows and labels,
//! card tints of the node kind groups.

use super::zones::Area;
use super::{Dash, Rgba};
pub use crate::model::KindGroup;
use crate::model::{Direction, Link, LinkKind, NodeKind};
use crate::rules::Severity;

/// Text colour of names.
pub const TEXT: Rgba = Rgba::hex(0x20_1F1E);
/// Text colour of secondary lines.
pub const TEXT_MUTED: Rgba = Rgba::hex(0x60_5E5C);
/// The selection outline.
pub const SELECTION: Rgba = Rgba::hex(0x00_78D4);
/// Disabled links.
pub const DISABLED: Rgba = Rgba::hex(0xA1_9F9D);
/// Opacity of dimmed (presentation) elements.
pub const DIM_OPACITY: f32 = 0.25;

/// The colour of a finding's outline and badge.
#[must_use]
pub fn severity_color(s: Severity) -> Rgba {
    match s {
        Severity::Error => Rgba::hex(0xD1_3438),
        Severity::Warning => Rgba::hex(0xC1_9C00),
        Severity::Info => Rgba::hex(0x0F_6CBD),
    }
}

/// A brighter fill for large severity areas (link halos), same hue as [`severity_color`].
#[must_use]
pub fn severity_halo_color(s: Severity) -> Rgba {
    match s {
        Severity::Error => Rgba::hex(0xD1_3438),
        Severity::Warning => Rgba::hex(0xF7_A600),
        Severity::Info => Rgba::hex(0x0F_6CBD),
    }
}

/// The badge symbol of a severity ("!" or "i").
#[must_use]
pub fn severity_symbol(s: Severity) -> &'static str {
    match s {
        Severity::Error | Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// A name for people ("Error", "Warning", "Info").
#[must_use]
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    }
}

/// The colour of a link kind.
#[must_use]
pub fn link_color(kind: LinkKind) -> Rgba {
    match kind {
        LinkKind::SendConnector => Rgba::hex(0x1F_4E9A),
        LinkKind::ReceiveConnector => Rgba::hex(0x00_827F),
        LinkKind::RoutesTo => Rgba::hex(0x8A_8886),
        LinkKind::FederationTrust => Rgba::hex(0x87_64B8),
        LinkKind::OrganizationRelationship => Rgba::hex(0x10_7C10),
        LinkKind::Oauth => Rgba::hex(0xCA_5010),
        LinkKind::MigrationEndpoint => Rgba::hex(0x8E_562E),
        LinkKind::EdgeSubscription => Rgba::hex(0x32_3130),
        LinkKind::AgentRegistration => Rgba::hex(0x4F_52B2),
        LinkKind::DirectorySync => Rgba::hex(0x60_5E5C),
    }
}

/// The dash pattern of a link kind (`None` = solid).
#[must_use]
pub fn link_dash(kind: LinkKind) -> Option<Dash> {
    match kind {
        LinkKind::SendConnector | LinkKind::ReceiveConnector | LinkKind::RoutesTo => None,
        LinkKind::FederationTrust => Some(Dash::new(7.0, 4.0)),
        LinkKind::OrganizationRelationship => Some(Dash::new(9.0, 4.0)),
        LinkKind::Oauth => Some(Dash::new(2.0, 3.5)),
        LinkKind::MigrationEndpoint => Some(Dash::dash_dot(9.0, 3.0, 2.0)),
        LinkKind::EdgeSubscription => Some(Dash::new(5.0, 3.0)),
        LinkKind::AgentRegistration => Some(Dash::new(1.5, 3.0)),
        LinkKind::DirectorySync => Some(Dash::new(10.0, 5.0)),
    }
}

/// The line width of a link kind.
#[must_use]
pub fn link_width(kind: LinkKind) -> f32 {
    match kind {
        LinkKind::RoutesTo => 1.25,
        LinkKind::SendConnector | LinkKind::ReceiveConnector => 2.25,
        LinkKind::FederationTrust
        | LinkKind::OrganizationRelationship
        | LinkKind::Oauth
        | LinkKind::MigrationEndpoint
        | LinkKind::EdgeSubscription
        | LinkKind::AgentRegistration
        | LinkKind::DirectorySync => 2.0,
    }
}

/// Which ends of a link carry an arrow head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrows {
    /// At the `from` node.
    pub at_from: bool,
    /// At the `to` node.
    pub at_to: bool,
}

/// The arrow heads of a link (direction-aware for relationships and OAuth).
#[must_use]
pub fn link_arrows(link: &Link) -> Arrows {
    if link.kind.has_direction() {
        return match link.direction() {
            Direction::Both => Arrows {
                at_from: true,
                at_to: true,
            },
            // `from` is the on-premises end, `to` is Exchange Online.
            Direction::ToOnline => Arrows {
                at_from: false,
                at_to: true,
            },
            Direction::ToOnPremises => Arrows {
                at_from: true,
                at_to: false,
            },
        };
    }
    Arrows {
        at_from: false,
        at_to: true,
    }
}

/// The label a link of this kind shows when it has no `label` of its own.
#[must_use]
pub fn link_default_label(kind: LinkKind, direction: Direction) -> String {
    let arrow = match direction {
        Direction::Both => " \u{21C4}",
        Direction::ToOnline | Direction::ToOnPremises => "",
    };
    match kind {
        LinkKind::OrganizationRelationship => format!("Org relationship{arrow}"),
        LinkKind::Oauth => format!("OAuth{arrow}"),
        LinkKind::SendConnector
        | LinkKind::ReceiveConnector
        | LinkKind::RoutesTo
        | LinkKind::FederationTrust
        | LinkKind::MigrationEndpoint
        | LinkKind::EdgeSubscription
        | LinkKind::AgentRegistration
        | LinkKind::DirectorySync => kind.label().to_owned(),
    }
}

/// The text on a link's pill: its own label, or the kind's default; "(disabled)" appended
/// when the link is disabled.
#[must_use]
pub fn link_label(link: &Link) -> String {
    let base = match link.label.as_deref() {
        Some(l) if !l.trim().is_empty() => l.to_owned(),
        _ => link_default_label(link.kind, link.direction()),
    };
    if link.enabled() {
        base
    } else {
        format!("{base} (disabled)")
    }
}

/// The group a node kind belongs to (declared with the kind).
#[must_use]
pub fn kind_group(kind: NodeKind) -> KindGroup {
    kind.spec().group
}

/// Card fill and border colours of a group.
#[must_use]
pub fn group_colors(group: KindGroup) -> (Rgba, Rgba) {
    match group {
        KindGroup::Servers => (Rgba::hex(0xF5_F9FE), Rgba::hex(0x8F_B3DE)),
        KindGroup::Cloud => (Rgba::hex(0xEB_F3FC), Rgba::hex(0x5B_9BD5)),
        KindGroup::Network => (Rgba::hex(0xF3_F2F1), Rgba::hex(0xA1_9F9D)),
        KindGroup::Identity => (Rgba::hex(0xF6_F2FB), Rgba::hex(0xA8_8FCF)),
        KindGroup::Note => (Rgba::hex(0xFF_F4CE), Rgba::hex(0xE1_C16E)),
    }
}

/// Fill, border and title colours of a zone's region (soft, so cards and links read on top).
/// A site box inside the internal network is a shade of its area.
#[must_use]
pub fn region_colors(area: Area, site: bool) -> (Rgba, Rgba, Rgba) {
    let (fill, border, title) = match area {
        Area::Internal => (0xEE_F4EC, 0xA9_C8A0, 0x3B_6E30),
        Area::Perimeter => (0xFD_F3E7, 0xE3_B77F, 0x8A_5A14),
        Area::Internet => (0xF2_F2F2, 0xB3_B0AD, 0x5A_5856),
        Area::Microsoft365 => (0xEA_F2FB, 0x9C_C0E8, 0x1F_5A9E),
    };
    if site {
        (
            Rgba::WHITE.with_alpha(150),
            Rgba::hex(border),
            Rgba::hex(title),
        )
    } else {
        (Rgba::hex(fill), Rgba::hex(border), Rgba::hex(title))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_kind_differs_from_every_other_in_colour_or_dash() {
        for (i, a) in LinkKind::ALL.iter().enumerate() {
            for b in &LinkKind::ALL[i + 1..] {
                assert!(
                    link_color(*a) != link_color(*b) || link_dash(*a) != link_dash(*b),
                    "{a:?} and {b:?} look the same"
                );
            }
        }
    }

    #[test]
    fn own_label_replaces_the_default() {
        let mut l = Link::new("l", LinkKind::RoutesTo, "a", "b");
        assert_eq!(link_label(&l), "Routes to");
        l.label = Some("VIP 443".into());
        assert_eq!(link_label(&l), "VIP 443");
    }
}
