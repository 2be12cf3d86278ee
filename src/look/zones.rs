//! Zones: the labelled regions a hybrid diagram is read in, left to right — the internal
//! network (one box per Active Directory site for the Exchange servers), the perimeter
//! network, the Internet and Microsoft 365 — and which one every node belongs to. The tidy
//! layout places nodes by these regions and the canvas and exporters draw them.

use super::{Anchor, Point, Prim, Rect, Stroke, Weight, region_colors};
use crate::model::{Document, Node, NodeId, NodeKind, Zone};
use std::collections::{BTreeMap, HashMap};

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

/// Space between an area's box and the cards (or site boxes) inside it.
pub const AREA_PAD: f32 = 36.0;
/// Height of an area's title band, above its padding.
pub const AREA_TITLE: f32 = 30.0;
/// Space between a site's box and its cards.
pub const SITE_PAD: f32 = 20.0;
/// Height of a site's title band, above its padding.
pub const SITE_TITLE: f32 = 26.0;
/// Gap kept between the boxes of two areas (or two sites) that would otherwise overlap.
const REGION_GAP: f32 = 8.0;
const AREA_TITLE_SIZE: f32 = 13.0;
const SITE_TITLE_SIZE: f32 = 11.5;
const AREA_RADIUS: f32 = 14.0;
const SITE_RADIUS: f32 = 10.0;

/// One labelled box of the diagram: an area, or an AD site inside the internal network.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// The area (for a site box, the internal network).
    pub area: Area,
    /// The AD site of a site box; `None` for an area's box.
    pub site: Option<String>,
    /// The label written in the box's top-left corner.
    pub title: String,
    /// The box, in canvas coordinates.
    pub rect: Rect,
}

impl Region {
    /// Whether this is an AD site's box (inside the internal network).
    #[must_use]
    pub fn is_site(&self) -> bool {
        self.site.is_some()
    }
}

/// The title of an AD site's box.
#[must_use]
pub fn site_title(site: &str) -> String {
    format!("AD site {site}")
}

/// The smallest rectangle around the rectangles given.
fn hull(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    rects.into_iter().reduce(|a, b| a.union(&b))
}

/// `content` grown by `pad` on every side and by `title` more on top.
fn boxed(content: Rect, pad: f32, title: f32) -> Rect {
    let mut r = content.expand(pad);
    r.min.y -= title;
    r
}

/// Pulls two boxes apart where they overlap but their contents do not: the shared border
/// goes halfway between the contents, on the axis where the contents are furthest apart.
/// Contents that interleave (hand-made positions) keep overlapping boxes: each box still
/// holds all its members.
fn separate(a: &mut Rect, ac: Rect, b: &mut Rect, bc: Rect) {
    let overlap = a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
    if !overlap {
        return;
    }
    // Gaps between the contents on each side (positive when apart).
    let gaps = [
        (bc.min.x - ac.max.x, 0u8), // a left of b
        (ac.min.x - bc.max.x, 1),   // b left of a
        (bc.min.y - ac.max.y, 2),   // a above b
        (ac.min.y - bc.max.y, 3),   // b above a
    ];
    let Some(&(gap, side)) = gaps
        .iter()
        .filter(|(g, _)| *g > 0.0)
        .max_by(|x, y| x.0.total_cmp(&y.0))
    else {
        return;
    };
    let half = (gap - REGION_GAP).max(0.0) / 2.0;
    match side {
        0 => {
            a.max.x = a.max.x.min(ac.max.x + half);
            b.min.x = b.min.x.max(bc.min.x - half);
        }
        1 => {
            b.max.x = b.max.x.min(bc.max.x + half);
            a.min.x = a.min.x.max(ac.min.x - half);
        }
        2 => {
            a.max.y = a.max.y.min(ac.max.y + half);
            b.min.y = b.min.y.max(bc.min.y - half);
        }
        _ => {
            b.max.y = b.max.y.min(bc.max.y + half);
            a.min.y = a.min.y.max(ac.min.y - half);
        }
    }
}

/// Pulls every pair of boxes apart (see [`separate`]); `boxes` holds (box, content).
fn separate_all(boxes: &mut [(Rect, Rect)]) {
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            let (left, right) = boxes.split_at_mut(j);
            let (a, ac) = &mut left[i];
            let (b, bc) = &mut right[0];
            separate(a, *ac, b, *bc);
        }
    }
}

/// The regions of a plan drawn with this geometry (each node's centre and size, as
/// [`node_geometry`](super::node_geometry) gives): one box per area that has a node, in
/// reading order, and after the internal network's box one box per AD site that has
/// Exchange servers there. Boxes are computed from their members' cards with padding and
/// room for the title; boxes of different areas (and of different sites) are kept apart
/// wherever their members allow. Notes belong to no region.
#[must_use]
pub fn regions<S: std::hash::BuildHasher>(
    doc: &Document,
    geometry: &HashMap<NodeId, (Point, (f32, f32)), S>,
) -> Vec<Region> {
    regions_of(&doc.nodes, geometry)
}

/// [`regions`] of these nodes (the canvas keeps its nodes apart from a document).
#[must_use]
pub fn regions_of<'a, S: std::hash::BuildHasher>(
    nodes: impl IntoIterator<Item = &'a Node>,
    geometry: &HashMap<NodeId, (Point, (f32, f32)), S>,
) -> Vec<Region> {
    // Per area: the cards outside any site box, and per site the cards of its servers.
    let mut loose: BTreeMap<Area, Vec<Rect>> = BTreeMap::new();
    let mut sites: BTreeMap<&str, Vec<Rect>> = BTreeMap::new();
    for n in nodes {
        let (Some(p), Some(&(c, (w, h)))) = (placement(n), geometry.get(&n.id)) else {
            continue;
        };
        let card = Rect::from_center_size(c, w, h);
        match p.site {
            Some(site) => sites.entry(site).or_default().push(card),
            None => {
                loose.entry(p.area).or_default().push(card);
            }
        }
    }
    let mut site_boxes: Vec<(&str, Rect, Rect)> = sites
        .iter()
        .filter_map(|(site, cards)| {
            let content = hull(cards.iter().copied())?;
            Some((*site, boxed(content, SITE_PAD, SITE_TITLE), content))
        })
        .collect();
    {
        let mut pairs: Vec<(Rect, Rect)> = site_boxes.iter().map(|s| (s.1, s.2)).collect();
        separate_all(&mut pairs);
        for (s, (r, _)) in site_boxes.iter_mut().zip(pairs) {
            s.1 = r;
        }
    }
    let mut areas: Vec<(Area, Rect, Rect)> = Area::ALL
        .iter()
        .filter_map(|&area| {
            let mut members: Vec<Rect> = loose.get(&area).cloned().unwrap_or_default();
            if area == Area::Internal {
                members.extend(site_boxes.iter().map(|s| s.1));
            }
            let content = hull(members)?;
            Some((area, boxed(content, AREA_PAD, AREA_TITLE), content))
        })
        .collect();
    {
        let mut pairs: Vec<(Rect, Rect)> = areas.iter().map(|a| (a.1, a.2)).collect();
        separate_all(&mut pairs);
        for (a, (r, _)) in areas.iter_mut().zip(pairs) {
            a.1 = r;
        }
    }
    let mut out = Vec::with_capacity(areas.len() + site_boxes.len());
    for (area, rect, _) in areas {
        out.push(Region {
            area,
            site: None,
            title: area.title().to_owned(),
            rect,
        });
        if area == Area::Internal {
            out.extend(site_boxes.iter().map(|(site, rect, _)| Region {
                area,
                site: Some((*site).to_owned()),
                title: site_title(site),
                rect: *rect,
            }));
        }
    }
    out
}

/// The display list of the regions: per region a soft filled rounded box and its title in
/// the top-left corner. Painters draw it before everything else, so a region never hides a
/// node or a link.
#[must_use]
pub fn region_prims(regions: &[Region]) -> Vec<Prim> {
    let mut out = Vec::with_capacity(regions.len() * 2);
    for r in regions {
        let site = r.is_site();
        let (fill, border, title) = region_colors(r.area, site);
        let (pad, band, font, radius) = if site {
            (SITE_PAD, SITE_TITLE, SITE_TITLE_SIZE, SITE_RADIUS)
        } else {
            (AREA_PAD, AREA_TITLE, AREA_TITLE_SIZE, AREA_RADIUS)
        };
        out.push(Prim::Rect {
            rect: r.rect,
            radius,
            fill: Some(fill),
            stroke: Some(Stroke::new(1.0, border)),
        });
        out.push(Prim::Text {
            pos: title_pos(r.rect, pad, band),
            text: r.title.clone(),
            size: font,
            color: title,
            anchor: Anchor::Start,
            weight: Weight::Bold,
        });
    }
    out
}

/// Where a region's title sits (the start of its line, vertically centred).
fn title_pos(rect: Rect, pad: f32, band: f32) -> Point {
    Point::new(rect.min.x + pad * 0.5, rect.min.y + band * 0.5 + 4.0)
}

/// The box a region's title covers, so that link labels can keep off it.
#[must_use]
pub fn title_rect(region: &Region) -> Rect {
    let (pad, band, font) = if region.is_site() {
        (SITE_PAD, SITE_TITLE, SITE_TITLE_SIZE)
    } else {
        (AREA_PAD, AREA_TITLE, AREA_TITLE_SIZE)
    };
    let at = title_pos(region.rect, pad, band);
    let width = super::text_width(&region.title, font, Weight::Bold);
    Rect {
        min: Point::new(at.x, at.y - font * 0.7),
        max: Point::new(at.x + width, at.y + font * 0.7),
    }
}

/// The innermost region whose box holds the point: a site box before its area's box, a later
/// area (drawn on top) before an earlier one. What a node dropped there joins.
#[must_use]
pub fn region_at(regions: &[Region], p: Point) -> Option<&Region> {
    regions
        .iter()
        .rev()
        .filter(|r| r.rect.contains(p))
        .min_by(|a, b| {
            (a.rect.width() * a.rect.height()).total_cmp(&(b.rect.width() * b.rect.height()))
        })
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
