//! Zones as containers: the regions a plan is drawn in follow from its nodes' kind, zone and
//! AD site, hold their members' cards and are painted beneath everything in every export.

use hybrid_designer::edit::templates::sample_plan;
use hybrid_designer::export::svg::{SvgOptions, to_svg};
use hybrid_designer::look::zones::{AREA_PAD, Area, Region, region_at, region_prims, regions};
use hybrid_designer::look::{self, Prim, Rect};
use hybrid_designer::model::{Document, Node, NodeKind, Role, Version, Zone};

fn regions_of(doc: &Document) -> Vec<Region> {
    regions(doc, &look::node_geometry(doc))
}

fn card(doc: &Document, id: &str) -> Rect {
    let g = look::node_geometry(doc);
    let (c, (w, h)) = g[id];
    Rect::from_center_size(c, w, h)
}

fn holds(outer: &Rect, inner: &Rect) -> bool {
    outer.contains(inner.min) && outer.contains(inner.max)
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

#[test]
fn the_sample_has_an_internal_network_with_its_site_box_and_microsoft_365() {
    let doc = sample_plan();
    let r = regions_of(&doc);
    let titles: Vec<&str> = r.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Internal network", "AD site HQ", "Microsoft 365"],
        "{r:#?}"
    );
    let site = &r[1];
    assert_eq!(
        (site.area, site.site.as_deref()),
        (Area::Internal, Some("HQ"))
    );
    assert!(
        holds(&r[0].rect, &site.rect),
        "the site box is inside its area"
    );
    for n in doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
    {
        assert!(
            holds(&site.rect, &card(&doc, n.id.as_str())),
            "{} in its site",
            n.name
        );
    }
    assert!(holds(&r[2].rect, &card(&doc, "exo")));
}

#[test]
fn regions_of_different_areas_do_not_overlap_when_their_cards_are_apart() {
    let doc = sample_plan();
    let r = regions_of(&doc);
    let areas: Vec<&Region> = r.iter().filter(|r| !r.is_site()).collect();
    for (i, a) in areas.iter().enumerate() {
        for b in &areas[i + 1..] {
            assert!(
                !overlap(&a.rect, &b.rect),
                "{} overlaps {}",
                a.title,
                b.title
            );
        }
    }
}

#[test]
fn an_edge_server_in_the_perimeter_gives_a_perimeter_box() {
    let doc = hybrid_designer::file::from_str(include_str!("../assets/templates/edge.hybrid.json"))
        .expect("the Edge template loads");
    let r = regions_of(&doc);
    let perimeter = r
        .iter()
        .find(|r| r.area == Area::Perimeter)
        .expect("a perimeter box");
    assert_eq!(perimeter.title, "Perimeter network (DMZ)");
    let edge = doc
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::EdgeTransport)
        .expect("an Edge server");
    assert!(holds(&perimeter.rect, &card(&doc, edge.id.as_str())));
}

#[test]
fn each_site_with_servers_gets_its_own_box_and_notes_get_none() {
    let mut doc = Document::new("Two sites");
    let mut a = Node::server("a", "EX-LON", Version::V2019, &[Role::Mailbox]).at(0.0, 0.0);
    a.site = Some("London".into());
    let mut b = Node::server("b", "EX-NYC", Version::V2019, &[Role::Mailbox]).at(0.0, 400.0);
    b.site = Some("New York".into());
    doc.nodes.push(a);
    doc.nodes.push(b);
    doc.nodes
        .push(Node::new("n", NodeKind::Note, "Just a note").at(2000.0, 2000.0));
    let r = regions_of(&doc);
    let sites: Vec<Option<&str>> = r.iter().map(|r| r.site.as_deref()).collect();
    assert_eq!(sites, [None, Some("London"), Some("New York")]);
    assert!(!overlap(&r[1].rect, &r[2].rect), "site boxes stay apart");
    assert!(
        r.iter()
            .all(|r| !r.rect.contains(look::Point::new(2000.0, 2000.0))),
        "no region reaches the note"
    );
}

#[test]
fn an_internet_gateway_gets_an_internet_box_with_padding_around_its_card() {
    let mut doc = Document::new("Gateway");
    let mut gw = Node::new("gw", NodeKind::SmtpGateway, "Hosted filter").at(0.0, 0.0);
    gw.zone = Some(Zone::Internet);
    doc.nodes.push(gw);
    let r = regions_of(&doc);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].area, Area::Internet);
    let c = card(&doc, "gw");
    assert!((c.min.x - r[0].rect.min.x - AREA_PAD).abs() < 0.01);
}

#[test]
fn region_prims_are_a_box_and_a_title_per_region() {
    let r = regions_of(&sample_plan());
    let prims = region_prims(&r);
    assert_eq!(prims.len(), r.len() * 2);
    assert!(matches!(prims[0], Prim::Rect { .. }));
    assert!(matches!(&prims[1], Prim::Text { text, .. } if text == "Internal network"));
}

#[test]
fn the_innermost_region_under_a_point_is_the_site_box() {
    let doc = sample_plan();
    let r = regions_of(&doc);
    let site = r.iter().find(|r| r.is_site()).expect("a site box");
    assert_eq!(
        region_at(&r, site.rect.center()).map(|r| &r.title),
        Some(&site.title)
    );
}

#[test]
fn the_svg_draws_the_zones_first_and_titles_every_card_and_link() {
    let doc = sample_plan();
    let svg = to_svg(&doc, &[], &SvgOptions::default());
    let zones = svg.find("<g id=\"zones\">").expect("a zones group");
    let links = svg.find("<g id=\"links\">").expect("a links group");
    let nodes = svg.find("<g id=\"nodes\">").expect("a nodes group");
    assert!(zones < links && links < nodes, "zones are painted beneath");
    for title in ["Internal network", "AD site HQ", "Microsoft 365"] {
        assert!(svg.contains(&format!(">{title}</text>")), "{title}");
    }
    for n in &doc.nodes {
        let t = format!(
            "<g><title>{}</title>",
            hybrid_designer::export::svg::escape(&n.name)
        );
        assert!(svg.contains(&t), "a <title> for {}", n.name);
    }
    for l in &doc.links {
        let label = hybrid_designer::export::svg::escape(&look::link_label(l));
        assert!(
            svg.contains(&format!("<g><title>{label} (")),
            "a <title> for {label}"
        );
    }
}
