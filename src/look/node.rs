//! Nodes: card sizes and the display list of a node.

use super::badges::{
    PUBLIC_LINE_H, PUBLIC_SIZE, badge_room, cert_badge, cert_status, public_names_line,
    public_names_text, shown_public_names,
};
use super::text::{font_size, wrap};
use super::{
    Anchor, DIM_OPACITY, NAME_SIZE, Point, Prim, Rect, Rgba, SELECTION, SUBTITLE_SIZE, Stroke,
    TEXT, TEXT_MUTED, Weight, group_colors, kind_group, severity_color, severity_symbol,
    text_width, truncate_to_width,
};
use crate::model::{CARD_SIZE, DEFAULT_SITE, Date, Node, NodeKind, SyncTool, Zone};
use crate::rules::Severity;

/// Width of an ordinary card.
pub const CARD_W: f32 = CARD_SIZE.0;
/// Height of an ordinary card.
pub const CARD_H: f32 = CARD_SIZE.1;
const CARD_MAX_W: f32 = 300.0;
const CARD_RADIUS: f32 = 8.0;
const ICON: f32 = 34.0;
const PAD: f32 = 10.0;
const TEXT_X: f32 = PAD + ICON + 9.0;
const NOTE_LINE: f32 = 15.0;
const NOTE_MAX_LINES: usize = 14;
const NOTE_WRAP: usize = 32;

/// How a node is shown right now (findings, selection, presentation).
#[derive(Debug, Clone, Copy, PartialEq)]
// Independent facts about one card (selected, hovered, dimmed, site shown), not the states
// of one machine.
#[allow(clippy::struct_excessive_bools)]
pub struct NodeState {
    /// The worst finding about this node, if any.
    pub severity: Option<Severity>,
    /// Selected in the editor.
    pub selected: bool,
    /// Under the pointer.
    pub hovered: bool,
    /// Faded (presentation views highlighting something else).
    pub dimmed: bool,
    /// Multiplies every font size (presentation); non-positive or non-finite means 1.
    pub text_scale: f32,
    /// Write the server's AD site on its second line: the plan's servers are in more than one
    /// site ([`servers_in_several_sites`]), so the site tells them apart.
    pub show_site: bool,
}

impl Default for NodeState {
    fn default() -> Self {
        Self {
            severity: None,
            selected: false,
            hovered: false,
            dimmed: false,
            text_scale: 1.0,
            show_site: false,
        }
    }
}

/// Whether the Exchange servers of `nodes` are in more than one AD site (a server without a
/// site is in the default one): then each server's card says its site.
#[must_use]
pub fn servers_in_several_sites<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> bool {
    let mut first: Option<&str> = None;
    for n in nodes {
        if n.kind != NodeKind::ExchangeServer {
            continue;
        }
        match first {
            None => first = Some(n.site()),
            Some(site) if site != n.site() => return true,
            Some(_) => {}
        }
    }
    false
}

/// A server's second line with its AD site: "2019 · MBX · Branch", or "… · default site" for
/// the default site (its long name, Default-First-Site-Name, would not fit a card).
fn subtitle_with_site(node: &Node) -> String {
    let site = match node.site.as_deref() {
        Some(site) if site != DEFAULT_SITE => site,
        _ => "default site",
    };
    format!("{} \u{B7} {site}", node_subtitle(node))
}

/// The second line of a node's card: version and role badges for servers ("2013 · MBX CAS",
/// "2019 · Edge"), the tenant domain for Exchange Online, the mode of a gateway, ...
#[must_use]
pub fn node_subtitle(node: &Node) -> String {
    match node.kind {
        NodeKind::ExchangeServer => {
            let roles: Vec<&str> = node.roles().iter().map(|r| r.short()).collect();
            let mut parts: Vec<String> = Vec::new();
            if let Some(v) = node.version {
                parts.push(v.short().to_owned());
            }
            parts.push(if roles.is_empty() {
                "no roles".to_owned()
            } else {
                roles.join(" ")
            });
            if node.zone() == Zone::Perimeter {
                parts.push("DMZ".to_owned());
            }
            parts.join(" \u{B7} ")
        }
        NodeKind::EdgeTransport => match node.version {
            Some(v) => format!("{} \u{B7} Edge", v.short()),
            None => "Edge".to_owned(),
        },
        NodeKind::ExchangeOnline => match node.tenant.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => format!("{t}.onmicrosoft.com"),
            _ => "Exchange Online".to_owned(),
        },
        NodeKind::FederationGateway => "Federation Gateway".to_owned(),
        NodeKind::SyncServer => match node.tool() {
            SyncTool::EntraConnect => "Entra Connect Sync".to_owned(),
            SyncTool::CloudSync => "Entra Cloud Sync".to_owned(),
        },
        NodeKind::LoadBalancer => "Load balancer".to_owned(),
        NodeKind::SmtpGateway => {
            if node.inspects_smtp() {
                "SMTP inspection".to_owned()
            } else {
                "TCP pass-through".to_owned()
            }
        }
        NodeKind::HybridAgent => "Hybrid Agent".to_owned(),
        NodeKind::Note => String::new(),
    }
}

fn note_lines(node: &Node) -> Vec<String> {
    let mut lines = wrap(node.text.as_deref().unwrap_or(""), NOTE_WRAP);
    if lines.len() > NOTE_MAX_LINES {
        lines.truncate(NOTE_MAX_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('\u{2026}');
        }
    }
    lines
}

/// The size of a node's card in canvas units (width, height): the kind's size
/// ([`NodeKindSpec::size`](crate::model::NodeKindSpec::size), 170×64 for most nodes), wider
/// for long names (up to 300), taller for notes with text and for nodes with public names
/// (one more line).
#[must_use]
pub fn node_size(node: &Node) -> (f32, f32) {
    let (w, h) = node.kind.spec().size;
    if node.kind == NodeKind::Note {
        let n = note_lines(node).len() as f32;
        return (w, (44.0 + n * NOTE_LINE).max(h));
    }
    let name_w = text_width(&node.name, NAME_SIZE, Weight::Bold);
    // Servers keep room for the site their card shows when the plan spans several sites.
    let sub = if node.kind == NodeKind::ExchangeServer {
        subtitle_with_site(node)
    } else {
        node_subtitle(node)
    };
    let sub_w = text_width(&sub, SUBTITLE_SIZE, Weight::Normal);
    let public = shown_public_names(node);
    if public.is_empty() {
        let need = TEXT_X + name_w.max(sub_w) + PAD + 6.0;
        return (need.clamp(w, CARD_MAX_W.max(w)), h);
    }
    let public_w =
        text_width(&public_names_text(&public), PUBLIC_SIZE, Weight::Normal) + badge_room(node);
    let need = TEXT_X + name_w.max(sub_w).max(public_w) + PAD + 6.0;
    (need.clamp(w, CARD_MAX_W.max(w)), h + PUBLIC_LINE_H)
}

/// How far a card's text lines sit above its centre: half the extra line of a card with
/// public names, so the name keeps its distance from the top.
fn text_shift(node: &Node) -> f32 {
    if node.kind != NodeKind::Note && !shown_public_names(node).is_empty() {
        PUBLIC_LINE_H / 2.0
    } else {
        0.0
    }
}

/// The card rectangle of a node centred at `center`.
#[must_use]
pub fn node_rect(node: &Node, center: Point) -> Rect {
    let (w, h) = node_size(node);
    Rect::from_center_size(center, w, h)
}

/// Where a node's name is written on its card centred at `center`: the line the canvas puts
/// its rename field over. Text is vertically centred in it and cut to its width.
#[must_use]
pub fn name_rect(node: &Node, center: Point) -> Rect {
    name_line(node.kind, node_rect(node, center), text_shift(node))
}

/// The name line of a card; `shift` moves it up (see [`text_shift`]).
fn name_line(kind: NodeKind, card: Rect, shift: f32) -> Rect {
    const LINE_H: f32 = 18.0;
    let (x, cy) = if kind == NodeKind::Note {
        (card.min.x + PAD + 26.0, card.min.y + 18.0)
    } else if shift == 0.0 {
        (card.min.x + TEXT_X, card.center().y - 9.0)
    } else {
        (card.min.x + TEXT_X, card.center().y - shift - 9.0)
    };
    Rect {
        min: Point::new(x, cy - LINE_H / 2.0),
        max: Point::new(card.max.x - PAD, cy + LINE_H / 2.0),
    }
}

/// The display list of a node centred at its position (or the origin when it has none; the
/// painters pass positions from [`auto_layout`](super::auto_layout) through
/// [`node_prims_at`]).
#[must_use]
pub fn node_prims(node: &Node, state: &NodeState) -> Vec<Prim> {
    let c = node.position.map_or(Point::default(), Point::from_pos);
    node_prims_at(node, c, state)
}

/// The display list of a node whose card is centred at `center`; a certificate badge is
/// coloured as of today (painters that know the plan's evaluation date use
/// [`node_prims_as_of`]).
#[must_use]
pub fn node_prims_at(node: &Node, center: Point, state: &NodeState) -> Vec<Prim> {
    node_prims_as_of(node, center, state, Date::today())
}

/// The display list of a node whose card is centred at `center`, its certificate badge (if
/// any) coloured by the certificate's expiry as of `as_of`: amber within 60 days, red once
/// expired, neutral otherwise.
#[must_use]
pub fn node_prims_as_of(node: &Node, center: Point, state: &NodeState, as_of: Date) -> Vec<Prim> {
    let rect = node_rect(node, center);
    let fade = if state.dimmed { DIM_OPACITY } else { 1.0 };
    let col = |c: Rgba| c.fade(fade);
    let (fill, border) = group_colors(kind_group(node.kind));
    let mut out = Vec::with_capacity(12);

    if state.selected {
        out.push(Prim::Rect {
            rect: rect.expand(6.0),
            radius: CARD_RADIUS + 5.0,
            fill: Some(col(SELECTION.with_alpha(28))),
            stroke: Some(Stroke::new(2.0, col(SELECTION))),
        });
    }
    // A soft shadow under the card.
    out.push(Prim::Rect {
        rect: Rect {
            min: Point::new(rect.min.x + 1.0, rect.min.y + 2.5),
            max: Point::new(rect.max.x + 1.0, rect.max.y + 2.5),
        },
        radius: CARD_RADIUS,
        fill: Some(col(Rgba([0, 0, 0, 22]))),
        stroke: None,
    });
    let border_stroke = match state.severity {
        Some(s) => Stroke::new(3.0, col(severity_color(s))),
        None if state.hovered => Stroke::new(1.75, col(SELECTION)),
        None => Stroke::new(1.25, col(border)),
    };
    out.push(Prim::Rect {
        rect,
        radius: CARD_RADIUS,
        fill: Some(col(fill)),
        stroke: Some(border_stroke),
    });

    let name_size = font_size(NAME_SIZE, state.text_scale);
    let sub_size = font_size(SUBTITLE_SIZE, state.text_scale);
    let text = TextSizes {
        name: name_size,
        sub: sub_size,
        fade,
    };
    if node.kind == NodeKind::Note {
        note_body(&mut out, node, rect, text);
    } else {
        card_body(&mut out, node, rect, text, state.show_site);
        if let Some(status) = cert_status(node, as_of) {
            out.extend(cert_badge(status, rect, fade));
        }
    }

    if let Some(s) = state.severity {
        let c = Point::new(rect.max.x - 3.0, rect.min.y + 3.0);
        out.push(Prim::Circle {
            center: c,
            radius: 9.0,
            fill: Some(col(severity_color(s))),
            stroke: Some(Stroke::new(1.5, col(Rgba::WHITE))),
        });
        out.push(Prim::Text {
            pos: c,
            text: severity_symbol(s).to_owned(),
            size: 12.0,
            color: col(Rgba::WHITE),
            anchor: Anchor::Middle,
            weight: Weight::Bold,
        });
    }
    out
}

/// Font sizes and fade of a node's text.
#[derive(Clone, Copy)]
struct TextSizes {
    name: f32,
    sub: f32,
    fade: f32,
}

/// A note: small icon, name, wrapped text.
fn note_body(out: &mut Vec<Prim>, node: &Node, rect: Rect, text: TextSizes) {
    let TextSizes {
        name: name_size,
        sub: sub_size,
        fade,
    } = text;
    let col = |c: Rgba| c.fade(fade);

    let icon = Rect::from_min_size(Point::new(rect.min.x + PAD, rect.min.y + 8.0), 20.0, 20.0);
    out.push(Prim::Icon {
        kind: node.kind,
        rect: icon,
        opacity: fade,
    });
    out.push(name_text(
        node,
        name_line(node.kind, rect, 0.0),
        name_size,
        fade,
    ));
    for (i, line) in note_lines(node).into_iter().enumerate() {
        out.push(Prim::Text {
            pos: Point::new(rect.min.x + PAD, rect.min.y + 40.0 + i as f32 * NOTE_LINE),
            text: line,
            size: sub_size,
            color: col(TEXT),
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
    }
}

/// The node's name in bold on its name line, cut to the line's width.
fn name_text(node: &Node, line: Rect, size: f32, fade: f32) -> Prim {
    Prim::Text {
        pos: Point::new(line.min.x, line.center().y),
        text: truncate_to_width(&node.name, size, Weight::Bold, line.width()),
        size,
        color: TEXT.fade(fade),
        anchor: Anchor::Start,
        weight: Weight::Bold,
    }
}

/// An ordinary card: icon on the left, bold name, second line.
fn card_body(out: &mut Vec<Prim>, node: &Node, rect: Rect, text: TextSizes, show_site: bool) {
    let TextSizes {
        name: name_size,
        sub: sub_size,
        fade,
    } = text;
    let col = |c: Rgba| c.fade(fade);

    let cy = rect.center().y;
    let icon = Rect::from_center_size(Point::new(rect.min.x + PAD + ICON / 2.0, cy), ICON, ICON);
    out.push(Prim::Icon {
        kind: node.kind,
        rect: icon,
        opacity: fade,
    });
    let shift = text_shift(node);
    let name = name_line(node.kind, rect, shift);
    let (x, text_max) = (name.min.x, name.width());
    out.push(name_text(node, name, name_size, fade));
    // Cards without public names keep their exact coordinates (SVG stays byte-identical).
    let sub_y = if shift == 0.0 {
        cy + 10.0
    } else {
        cy - shift + 10.0
    };
    out.push(Prim::Text {
        pos: Point::new(x, sub_y),
        text: truncate_to_width(
            &if show_site && node.kind == NodeKind::ExchangeServer {
                subtitle_with_site(node)
            } else {
                node_subtitle(node)
            },
            SUBTITLE_SIZE,
            Weight::Normal,
            text_max,
        ),
        size: sub_size,
        color: col(TEXT_MUTED),
        anchor: Anchor::Start,
        weight: Weight::Normal,
    });
    let public = shown_public_names(node);
    if !public.is_empty() {
        let size = font_size(PUBLIC_SIZE, sub_size / SUBTITLE_SIZE);
        out.push(Prim::Text {
            pos: Point::new(x, sub_y + PUBLIC_LINE_H + 1.0),
            text: public_names_line(&public, PUBLIC_SIZE, text_max - badge_room(node)),
            size,
            color: col(TEXT_MUTED),
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::testing::texts;
    use crate::model::{Role, Version};

    #[test]
    fn servers_in_several_sites_say_which_on_their_cards() {
        let hq = Node::server("a", "EX-HQ", Version::V2019, &[Role::Mailbox]);
        let mut branch = Node::server("b", "EX-BR", Version::V2019, &[Role::Mailbox]);
        assert!(
            !servers_in_several_sites([&hq, &branch]),
            "both in the default site"
        );
        branch.site = Some("Branch".to_owned());
        assert!(servers_in_several_sites([&hq, &branch]));
        let state = NodeState {
            show_site: true,
            ..NodeState::default()
        };
        let shown = texts(&node_prims(&branch, &state));
        assert!(
            shown.iter().any(|t| t == "2019 \u{B7} MBX \u{B7} Branch"),
            "{shown:?}"
        );
        let shown = texts(&node_prims(&hq, &state));
        assert!(
            shown
                .iter()
                .any(|t| t == "2019 \u{B7} MBX \u{B7} default site"),
            "a server in the default site says so, whole: {shown:?}"
        );
        let plain = texts(&node_prims(&branch, &NodeState::default()));
        assert!(!plain.iter().any(|t| t.contains("Branch")), "{plain:?}");
    }

    #[test]
    fn a_name_with_line_breaks_is_drawn_on_one_line() {
        let n = Node::new("n", NodeKind::LoadBalancer, "LB\r\n01\u{7}");
        let prims = node_prims(&n, &NodeState::default());
        assert!(
            texts(&prims).contains(&"LB  01 ".to_owned()),
            "{:?}",
            texts(&prims)
        );
    }

    #[test]
    fn server_2013_with_mailbox_and_cas_reads_version_and_roles() {
        let n = Node::server(
            "a",
            "EX13",
            Version::V2013,
            &[Role::Mailbox, Role::ClientAccess],
        );
        assert_eq!(node_subtitle(&n), "2013 \u{B7} MBX CAS");
        let texts = texts(&node_prims(&n, &NodeState::default()));
        assert!(
            texts.contains(&"2013 \u{B7} MBX CAS".to_owned()),
            "{texts:?}"
        );
        assert!(texts.contains(&"EX13".to_owned()));
    }

    #[test]
    fn edge_server_reads_version_and_edge() {
        let mut n = Node::new("e", NodeKind::EdgeTransport, "EDGE01");
        n.version = Some(Version::V2019);
        assert_eq!(node_subtitle(&n), "2019 \u{B7} Edge");
    }

    #[test]
    fn exchange_online_shows_tenant_domain_and_gateway_shows_its_mode() {
        let mut n = Node::new("o", NodeKind::ExchangeOnline, "Tenant");
        n.tenant = Some("contoso".into());
        assert_eq!(node_subtitle(&n), "contoso.onmicrosoft.com");
        let mut g = Node::new("g", NodeKind::SmtpGateway, "FW");
        g.inspects_smtp = Some(false);
        assert_eq!(node_subtitle(&g), "TCP pass-through");
    }

    #[test]
    fn finding_outline_uses_severity_colour_and_a_badge() {
        let n = Node::server("a", "EX", Version::V2016, &[Role::Mailbox]);
        let st = NodeState {
            severity: Some(Severity::Error),
            ..NodeState::default()
        };
        let prims = node_prims(&n, &st);
        let outlined = prims.iter().any(|p| matches!(p, Prim::Rect { stroke: Some(s), .. } if s.color == Rgba::hex(0xD1_3438) && s.width >= 2.5));
        assert!(outlined);
        assert!(texts(&prims).contains(&"!".to_owned()));
        let plain = node_prims(&n, &NodeState::default());
        assert!(!texts(&plain).contains(&"!".to_owned()));
        assert_eq!(severity_color(Severity::Warning), Rgba::hex(0xC1_9C00));
        assert_eq!(severity_color(Severity::Info), Rgba::hex(0x0F_6CBD));
    }

    #[test]
    fn dimmed_node_is_faded_to_a_quarter() {
        let n = Node::server("a", "EX", Version::V2016, &[Role::Mailbox]);
        let prims = node_prims(
            &n,
            &NodeState {
                dimmed: true,
                ..NodeState::default()
            },
        );
        for p in &prims {
            match p {
                Prim::Text { color, .. } => assert!(color.a() <= 64),
                Prim::Icon { opacity, .. } => assert!(*opacity <= 0.26),
                _ => {}
            }
        }
    }

    #[test]
    fn long_names_widen_the_card_then_are_cut() {
        let short = Node::new("a", NodeKind::LoadBalancer, "LB");
        assert_eq!(node_size(&short), (CARD_W, CARD_H));
        let long = Node::new("a", NodeKind::LoadBalancer, "x".repeat(200));
        let (w, _) = node_size(&long);
        assert!(w <= CARD_MAX_W);
        let t = texts(&node_prims(&long, &NodeState::default()));
        assert!(t.iter().any(|s| s.ends_with('\u{2026}')));
    }

    #[test]
    fn note_grows_with_its_text() {
        let mut n = Node::new("n", NodeKind::Note, "Note");
        let (_, h0) = node_size(&n);
        n.text = Some("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".into());
        let (_, h1) = node_size(&n);
        assert!(h1 > h0);
    }
}
