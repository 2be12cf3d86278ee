//! Zones: the labelled regions a hybrid diagram is read in, left to right — the internal
//! network (one box per Active Directory site for the Exchange servers), the perimeter
//! network, the Internet and Microsoft 365 — and which one every node belongs to. The tidy
//! layout places nodes by these regions and the canvas and exporters draw them.

use crate::model::{Node, NodeKind, Zone};

/// A region of the diagram, in reading order (the derived order is left to right).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// The internal network: Exchange servers (by AD site), directory sync, the Hybrid Agent,
    /// internal load balancers.
    Internal,
    /// The perimeter network (DMZ): Edge Transport, gateways and load balancers placed there.
    Perimeter,
    /// The Internet: a node whose zone says so (a hosted SMTP gateway in front, say).
    Internet,
    /// Microsoft 365: Exchange Online and the Microsoft Federation Gateway.
    Microsoft365,
}

impl Area {
    /// Every area, left to right.
    pub const ALL: [Area; 4] = [
        Area::Internal,
        Area::Perimeter,
        Area::Internet,
        Area::Microsoft365,
    ];

    /// The region's label.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Area::Internal => "Internal network",
            Area::Perimeter => "Perimeter network (DMZ)",
            Area::Internet => "Internet",
            Area::Microsoft365 => "Microsoft 365",
        }
    }

    /// The zone a node dropped into this area gets, where the node has a zone field that
    /// means something there; `None` for Microsoft 365 (nothing on-premises moves there).
    #[must_use]
    pub fn zone(self) -> Option<Zone> {
        match self {
            Area::Internal => Some(Zone::Internal),
            Area::Perimeter => Some(Zone::Perimeter),
            Area::Internet => Some(Zone::Internet),
            Area::Microsoft365 => None,
        }
    }
}

/// Where a node is drawn: its area and, for Exchange servers of the internal network, the
/// AD site box inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Placement<'a> {
    /// The region.
    pub area: Area,
    /// The AD site (Exchange servers in the internal network only).
    pub site: Option<&'a str>,
}

/// The region a node belongs to, from its kind, `zone` and `site`; `None` for notes, which
/// annotate and belong to no region.
#[must_use]
pub fn placement(node: &Node) -> Option<Placement<'_>> {
    let on_premises = |node: &Node| match node.zone() {
        Zone::Internal => Area::Internal,
        Zone::Perimeter => Area::Perimeter,
        Zone::Internet => Area::Internet,
    };
    let area = match node.kind {
        NodeKind::ExchangeOnline | NodeKind::FederationGateway => Area::Microsoft365,
        NodeKind::Note => return None,
        NodeKind::ExchangeServer
        | NodeKind::EdgeTransport
        | NodeKind::SyncServer
        | NodeKind::LoadBalancer
        | NodeKind::SmtpGateway
        | NodeKind::HybridAgent => on_premises(node),
    };
    let site =
        (node.kind == NodeKind::ExchangeServer && area == Area::Internal).then(|| node.site());
    Some(Placement { area, site })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Version};

    #[test]
    fn exchange_servers_are_placed_in_their_site_box_of_the_internal_network() {
        let mut ex = Node::server("ex1", "EX1", Version::V2019, &[Role::Mailbox]);
        ex.site = Some("London".to_owned());
        assert_eq!(
            placement(&ex),
            Some(Placement {
                area: Area::Internal,
                site: Some("London")
            })
        );
    }

    #[test]
    fn a_server_in_the_dmz_is_in_the_perimeter_box_without_a_site() {
        let mut ex = Node::server("ex1", "EX1", Version::V2019, &[Role::Mailbox]);
        ex.zone = Some(Zone::Perimeter);
        assert_eq!(
            placement(&ex).map(|p| (p.area, p.site)),
            Some((Area::Perimeter, None))
        );
    }

    #[test]
    fn edge_and_smtp_gateways_default_to_the_perimeter_and_cloud_to_microsoft_365() {
        let edge = Node::new("e", NodeKind::EdgeTransport, "Edge");
        let gw = Node::new("g", NodeKind::SmtpGateway, "Gateway");
        let exo = Node::new("x", NodeKind::ExchangeOnline, "EXO");
        let note = Node::new("n", NodeKind::Note, "Note");
        assert_eq!(placement(&edge).map(|p| p.area), Some(Area::Perimeter));
        assert_eq!(placement(&gw).map(|p| p.area), Some(Area::Perimeter));
        assert_eq!(placement(&exo).map(|p| p.area), Some(Area::Microsoft365));
        assert_eq!(placement(&note), None);
    }

    #[test]
    fn a_gateway_can_say_it_is_on_the_internet() {
        let mut gw = Node::new("g", NodeKind::SmtpGateway, "Gateway");
        gw.zone = Some(Zone::Internet);
        assert_eq!(placement(&gw).map(|p| p.area), Some(Area::Internet));
    }

    #[test]
    fn areas_read_left_to_right() {
        let mut sorted = Area::ALL;
        sorted.sort();
        assert_eq!(sorted, Area::ALL);
    }
}
