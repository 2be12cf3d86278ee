//! How nodes and links look, described once for the canvas and the SVG exporter.
//!
//! "One look, two painters": this module turns a node or a link into a display list of
//! [`Prim`]itives in CANVAS coordinates (a node's position is its centre). The egui canvas
//! and the SVG exporter both paint these lists, so a colour, a label or a dash pattern is
//! decided here and nowhere else. Plain Rust: no user-interface dependency.
//!
//! A painter's recipe (what `export::svg` does):
//! 1. [`node_geometry`] (positions from [`auto_layout`] for nodes without one, sizes from
//!    [`node_size`]) and [`link_layout`] (parallel links side by side, labels slid so they
//!    cover neither another label nor a card);
//! 2. for every link, [`link_prims`] with a [`LinkState`] built from its [`Lane`]; paint all
//!    links' prims except the last [`LINK_LABEL_PRIMS`], then all labels;
//! 3. for every node, [`node_prims_at`] with its [`NodeState`]; `Prim::Icon` is
//!    [`icon_svg`] (or [`icon_rgba`] for a texture).
//!
//! `Prim::Text::pos.y` is the vertical centre of the line; sizes are canvas units.

use crate::model::{
    Direction, Document, Link, LinkId, LinkKind, Node, NodeId, NodeKind, Pos, SyncTool, Zone,
};
use crate::rules::Severity;
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------
// Basic types
// ---------------------------------------------------------------------------------------

/// A colour, straight (not premultiplied) RGBA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// Opaque white.
    pub const WHITE: Rgba = Rgba([255, 255, 255, 255]);
    /// Fully transparent.
    pub const TRANSPARENT: Rgba = Rgba([0, 0, 0, 0]);

    /// An opaque colour.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b, 255])
    }

    /// A colour from `0xRRGGBB`, opaque.
    #[must_use]
    pub const fn hex(v: u32) -> Self {
        Self([(v >> 16) as u8, (v >> 8) as u8, v as u8, 255])
    }

    /// The same colour with its alpha multiplied by `factor` (0..=1).
    #[must_use]
    pub fn fade(self, factor: f32) -> Self {
        let k = if factor.is_finite() {
            factor.clamp(0.0, 1.0)
        } else {
            1.0
        };
        let mut c = self.0;
        c[3] = (f32::from(c[3]) * k).round() as u8;
        Self(c)
    }

    /// The same colour with this alpha.
    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Self {
        let [r, g, b, _] = self.0;
        Self([r, g, b, a])
    }

    /// Red, green, blue.
    #[must_use]
    pub const fn r(self) -> u8 {
        self.0[0]
    }
    /// Green.
    #[must_use]
    pub const fn g(self) -> u8 {
        self.0[1]
    }
    /// Blue.
    #[must_use]
    pub const fn b(self) -> u8 {
        self.0[2]
    }
    /// Alpha (255 = opaque).
    #[must_use]
    pub const fn a(self) -> u8 {
        self.0[3]
    }

    /// `#rrggbb` (alpha left out; see [`Rgba::opacity`]).
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }

    /// Alpha as 0..=1.
    #[must_use]
    pub fn opacity(self) -> f32 {
        f32::from(self.0[3]) / 255.0
    }
}

/// A point in canvas coordinates (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal.
    pub x: f32,
    /// Vertical.
    pub y: f32,
}

impl Point {
    /// A point.
    #[must_use]
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// A model position as a point (non-finite coordinates become 0).
    #[must_use]
    pub fn from_pos(p: Pos) -> Self {
        Self::new(finite_or(p.x as f32, 0.0), finite_or(p.y as f32, 0.0))
    }

    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
    fn scale(self, k: f32) -> Point {
        Point::new(self.x * k, self.y * k)
    }
    fn len(self) -> f32 {
        self.x.hypot(self.y)
    }
    fn lerp(self, o: Point, t: f32) -> Point {
        self.add(o.sub(self).scale(t))
    }
}

/// An axis-aligned rectangle in canvas coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Top-left corner.
    pub min: Point,
    /// Bottom-right corner.
    pub max: Point,
}

impl Rect {
    /// The rectangle of this size centred on `c`.
    #[must_use]
    pub fn from_center_size(c: Point, w: f32, h: f32) -> Self {
        Self {
            min: Point::new(c.x - w / 2.0, c.y - h / 2.0),
            max: Point::new(c.x + w / 2.0, c.y + h / 2.0),
        }
    }

    /// The rectangle from its top-left corner and size.
    #[must_use]
    pub fn from_min_size(min: Point, w: f32, h: f32) -> Self {
        Self {
            min,
            max: Point::new(min.x + w, min.y + h),
        }
    }

    /// Width.
    #[must_use]
    pub fn width(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    #[must_use]
    pub fn height(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre.
    #[must_use]
    pub fn center(&self) -> Point {
        self.min.lerp(self.max, 0.5)
    }

    /// Grown by `d` on every side.
    #[must_use]
    pub fn expand(&self, d: f32) -> Rect {
        Rect {
            min: Point::new(self.min.x - d, self.min.y - d),
            max: Point::new(self.max.x + d, self.max.y + d),
        }
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(o.min.x), self.min.y.min(o.min.y)),
            max: Point::new(self.max.x.max(o.max.x), self.max.y.max(o.max.y)),
        }
    }

    /// Whether the point is inside (borders included).
    #[must_use]
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.min.x && p.x <= self.max.x && p.y >= self.min.y && p.y <= self.max.y
    }
}

/// A line's width and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Width in canvas units.
    pub width: f32,
    /// Colour.
    pub color: Rgba,
}

impl Stroke {
    /// A stroke.
    #[must_use]
    pub const fn new(width: f32, color: Rgba) -> Self {
        Self { width, color }
    }
}

/// A dash pattern: `on` drawn, `off` gap; when `dot > 0`, a dot of that length and another
/// `off` gap follow (dash-dot).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dash {
    /// Drawn length.
    pub on: f32,
    /// Gap length.
    pub off: f32,
    /// Length of the dot of a dash-dot pattern (0 = plain dashes).
    pub dot: f32,
}

impl Dash {
    /// Plain dashes.
    #[must_use]
    pub const fn new(on: f32, off: f32) -> Self {
        Self { on, off, dot: 0.0 }
    }

    /// Dash-dot.
    #[must_use]
    pub const fn dash_dot(on: f32, off: f32, dot: f32) -> Self {
        Self { on, off, dot }
    }

    /// Drawn lengths, in order (egui's `Shape::dashed_line_with_offset` `dash_lengths`).
    #[must_use]
    pub fn dashes(&self) -> Vec<f32> {
        if self.dot > 0.0 {
            vec![self.on, self.dot]
        } else {
            vec![self.on]
        }
    }

    /// Gap lengths, in order (egui's `gap_lengths`).
    #[must_use]
    pub fn gaps(&self) -> Vec<f32> {
        if self.dot > 0.0 {
            vec![self.off, self.off]
        } else {
            vec![self.off]
        }
    }

    /// The SVG `stroke-dasharray` value.
    #[must_use]
    pub fn svg_dasharray(&self) -> String {
        if self.dot > 0.0 {
            format!(
                "{} {} {} {}",
                num(self.on),
                num(self.off),
                num(self.dot),
                num(self.off)
            )
        } else {
            format!("{} {}", num(self.on), num(self.off))
        }
    }
}

/// Horizontal anchoring of text at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the position.
    Start,
    /// The text is centred on the position.
    Middle,
    /// The text ends at the position.
    End,
}

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Normal,
    /// Bold.
    Bold,
}

/// One drawing primitive, in canvas coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// A rectangle with rounded corners.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any (drawn centred on the border).
        stroke: Option<Stroke>,
    },
    /// A circle.
    Circle {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// An open line through the points, round caps and joins.
    Polyline {
        /// At least two points.
        points: Vec<Point>,
        /// Width and colour.
        stroke: Stroke,
        /// Dash pattern; `None` is solid.
        dash: Option<Dash>,
    },
    /// A closed filled polygon (arrow heads).
    Polygon {
        /// Corners.
        points: Vec<Point>,
        /// Fill.
        fill: Rgba,
    },
    /// One line of text. `pos.y` is the vertical CENTRE of the line (egui `Align2::*_CENTER`;
    /// the SVG painter moves it to a baseline with [`baseline_offset`]).
    Text {
        /// Anchor point.
        pos: Point,
        /// The text, unescaped.
        text: String,
        /// Font size in canvas units (always finite and positive).
        size: f32,
        /// Colour.
        color: Rgba,
        /// Horizontal anchoring.
        anchor: Anchor,
        /// Weight.
        weight: Weight,
    },
    /// The kind's icon ([`icon_svg`]) drawn into `rect`.
    Icon {
        /// Which icon.
        kind: NodeKind,
        /// Where (square).
        rect: Rect,
        /// 0..=1 (dimmed nodes are faded).
        opacity: f32,
    },
}

// ---------------------------------------------------------------------------------------
// Palette and labels
// ---------------------------------------------------------------------------------------

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
        _ => 2.0,
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
        k => k.label().to_owned(),
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

/// The groups of node kinds; each has its own card tint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KindGroup {
    /// On-premises Exchange servers (incl. Edge).
    Servers,
    /// Exchange Online.
    Cloud,
    /// Load balancers, SMTP gateways, Hybrid Agent.
    Network,
    /// Federation gateway and directory sync.
    Identity,
    /// Presentation notes.
    Note,
}

/// The group a node kind belongs to.
#[must_use]
pub fn kind_group(kind: NodeKind) -> KindGroup {
    match kind {
        NodeKind::ExchangeServer | NodeKind::EdgeTransport => KindGroup::Servers,
        NodeKind::ExchangeOnline => KindGroup::Cloud,
        NodeKind::LoadBalancer | NodeKind::SmtpGateway | NodeKind::HybridAgent => {
            KindGroup::Network
        }
        NodeKind::FederationGateway | NodeKind::SyncServer => KindGroup::Identity,
        NodeKind::Note => KindGroup::Note,
    }
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

// ---------------------------------------------------------------------------------------
// Text metrics (approximate, font-independent enough for layout)
// ---------------------------------------------------------------------------------------

/// Name font size on a card.
pub const NAME_SIZE: f32 = 13.0;
/// Second-line font size on a card.
pub const SUBTITLE_SIZE: f32 = 11.0;
/// Link label font size.
pub const LINK_LABEL_SIZE: f32 = 10.5;
/// Smallest and largest font size ever produced.
const FONT_RANGE: (f32, f32) = (4.0, 200.0);

/// Estimated advance of one character in ems, measured on `DejaVu Sans` (a wide face) so text
/// measured here fits in every font of the SVG font stack.
fn char_em(c: char) -> f32 {
    match c {
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'I' | '\u{B7}' => 0.30,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' | '/' => 0.40,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.92,
        'A'..='Z' | '&' | '#' => 0.70,
        '0'..='9' => 0.64,
        c if c.is_ascii() => 0.60,
        _ => 0.85,
    }
}

/// Estimated width of a line of text.
#[must_use]
pub fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    let em: f32 = text.chars().map(char_em).sum();
    let bold = if weight == Weight::Bold { 1.12 } else { 1.0 };
    em * size * bold
}

/// The text cut with "…" so its estimated width fits `max_width`.
#[must_use]
pub fn truncate_to_width(text: &str, size: f32, weight: Weight, max_width: f32) -> String {
    if text_width(text, size, weight) <= max_width {
        return text.to_owned();
    }
    let ell = text_width("\u{2026}", size, weight);
    let mut out = String::new();
    let mut w = 0.0;
    let bold = if weight == Weight::Bold { 1.12 } else { 1.0 };
    for c in text.chars() {
        let cw = char_em(c) * size * bold;
        if w + cw + ell > max_width {
            break;
        }
        w += cw;
        out.push(c);
    }
    let trimmed = out.trim_end();
    format!("{trimmed}\u{2026}")
}

/// Vertical distance from a text line's centre (`Prim::Text::pos.y`) to its baseline.
#[must_use]
pub fn baseline_offset(size: f32) -> f32 {
    size * 0.36
}

fn font_size(base: f32, scale: f32) -> f32 {
    let s = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    (base * s).clamp(FONT_RANGE.0, FONT_RANGE.1)
}

fn finite_or(v: f32, d: f32) -> f32 {
    if v.is_finite() { v } else { d }
}

/// Formats a coordinate compactly for SVG: at most two decimals, no trailing zeros.
#[must_use]
pub fn num(v: f32) -> String {
    let v = finite_or(v, 0.0);
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Words wrapped into lines of at most `max_chars` characters (long words are cut).
fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let mut word = word.to_owned();
            while word.chars().count() > max_chars {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let head: String = word.chars().take(max_chars).collect();
                word = word.chars().skip(max_chars).collect();
                lines.push(head);
            }
            if line.is_empty() {
                line = word;
            } else if line.chars().count() + 1 + word.chars().count() <= max_chars {
                line.push(' ');
                line.push_str(&word);
            } else {
                lines.push(std::mem::replace(&mut line, word));
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

// ---------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------

/// Width of an ordinary card.
pub const CARD_W: f32 = 170.0;
/// Height of an ordinary card.
pub const CARD_H: f32 = 64.0;
const CARD_MAX_W: f32 = 300.0;
const CARD_RADIUS: f32 = 8.0;
const ICON: f32 = 34.0;
const PAD: f32 = 10.0;
const TEXT_X: f32 = PAD + ICON + 9.0;
const NOTE_W: f32 = 220.0;
const NOTE_LINE: f32 = 15.0;
const NOTE_MAX_LINES: usize = 14;
const NOTE_WRAP: usize = 32;

/// How a node is shown right now (findings, selection, presentation).
#[derive(Debug, Clone, Copy, PartialEq)]
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
}

impl Default for NodeState {
    fn default() -> Self {
        Self {
            severity: None,
            selected: false,
            hovered: false,
            dimmed: false,
            text_scale: 1.0,
        }
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

/// The size of a node's card in canvas units (width, height): 170×64 for most nodes, wider
/// for long names (up to 300), taller for notes with text.
#[must_use]
pub fn node_size(node: &Node) -> (f32, f32) {
    if node.kind == NodeKind::Note {
        let n = note_lines(node).len() as f32;
        return (NOTE_W, (44.0 + n * NOTE_LINE).max(CARD_H));
    }
    let name_w = text_width(&node.name, NAME_SIZE, Weight::Bold);
    let sub_w = text_width(&node_subtitle(node), SUBTITLE_SIZE, Weight::Normal);
    let need = TEXT_X + name_w.max(sub_w) + PAD + 6.0;
    (need.clamp(CARD_W, CARD_MAX_W), CARD_H)
}

/// The card rectangle of a node centred at `center`.
#[must_use]
pub fn node_rect(node: &Node, center: Point) -> Rect {
    let (w, h) = node_size(node);
    Rect::from_center_size(center, w, h)
}

/// The display list of a node centred at its position (or the origin when it has none; the
/// painters pass positions from [`auto_layout`] through [`node_prims_at`]).
#[must_use]
pub fn node_prims(node: &Node, state: &NodeState) -> Vec<Prim> {
    let c = node.position.map_or(Point::default(), Point::from_pos);
    node_prims_at(node, c, state)
}

/// The display list of a node whose card is centred at `center`.
#[must_use]
pub fn node_prims_at(node: &Node, center: Point, state: &NodeState) -> Vec<Prim> {
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
        card_body(&mut out, node, rect, text);
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
    let name_max = rect.width() - PAD * 2.0 - 26.0;
    out.push(Prim::Text {
        pos: Point::new(rect.min.x + PAD + 26.0, rect.min.y + 18.0),
        text: truncate_to_width(&node.name, name_size, Weight::Bold, name_max),
        size: name_size,
        color: col(TEXT),
        anchor: Anchor::Start,
        weight: Weight::Bold,
    });
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

/// An ordinary card: icon on the left, bold name, second line.
fn card_body(out: &mut Vec<Prim>, node: &Node, rect: Rect, text: TextSizes) {
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
    let text_max = rect.width() - TEXT_X - PAD;
    let x = rect.min.x + TEXT_X;
    out.push(Prim::Text {
        pos: Point::new(x, cy - 9.0),
        text: truncate_to_width(&node.name, name_size, Weight::Bold, text_max),
        size: name_size,
        color: col(TEXT),
        anchor: Anchor::Start,
        weight: Weight::Bold,
    });
    out.push(Prim::Text {
        pos: Point::new(x, cy + 10.0),
        text: truncate_to_width(
            &node_subtitle(node),
            SUBTITLE_SIZE,
            Weight::Normal,
            text_max,
        ),
        size: sub_size,
        color: col(TEXT_MUTED),
        anchor: Anchor::Start,
        weight: Weight::Normal,
    });
}

// ---------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------

/// How a link is shown right now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkState {
    /// The worst finding about this link, if any.
    pub severity: Option<Severity>,
    /// Selected in the editor.
    pub selected: bool,
    /// Under the pointer.
    pub hovered: bool,
    /// Faded (presentation).
    pub dimmed: bool,
    /// Multiplies the label's font size; non-positive or non-finite means 1.
    pub text_scale: f32,
    /// Sideways shift of the line (canvas units, to the left of `from → to`), so parallel
    /// links between the same two nodes stay apart. See [`link_lanes`].
    pub offset: f32,
    /// Where the label sits along the line: 0 = middle, ±0.5 = the ends.
    pub label_shift: f32,
}

impl Default for LinkState {
    fn default() -> Self {
        Self {
            severity: None,
            selected: false,
            hovered: false,
            dimmed: false,
            text_scale: 1.0,
            offset: 0.0,
            label_shift: 0.0,
        }
    }
}

/// A link's place among the parallel links joining the same two nodes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Lane {
    /// Copy into [`LinkState::offset`].
    pub offset: f32,
    /// Copy into [`LinkState::label_shift`].
    pub label_shift: f32,
}

/// Spacing between parallel links.
const LANE_GAP: f32 = 20.0;

/// Lanes for every link: links joining the same pair of nodes (either direction) are spread
/// side by side and their labels staggered along the line. Deterministic (document order).
#[must_use]
pub fn link_lanes(doc: &Document) -> HashMap<LinkId, Lane> {
    let mut groups: HashMap<(&str, &str), Vec<&Link>> = HashMap::new();
    for l in &doc.links {
        let (a, b) = (l.from.as_str(), l.to.as_str());
        let key = if a <= b { (a, b) } else { (b, a) };
        groups.entry(key).or_default().push(l);
    }
    let mut out = HashMap::with_capacity(doc.links.len());
    for ((a, _), links) in groups {
        let n = links.len();
        for (i, l) in links.into_iter().enumerate() {
            let k = i as f32 - (n as f32 - 1.0) / 2.0;
            // Offsets are to the left of the canonical direction; flip for reversed links.
            let sign = if l.from.as_str() == a { 1.0 } else { -1.0 };
            let label_shift = if n > 1 {
                (k * 0.16).clamp(-0.3, 0.3)
            } else {
                0.0
            };
            out.insert(
                l.id.clone(),
                Lane {
                    offset: k * LANE_GAP * sign,
                    label_shift: label_shift * sign,
                },
            );
        }
    }
    out
}

/// Where a segment starting at `inside` towards `outside` leaves `rect` (the parameter t in
/// 0..=1; 0 when `inside` is already outside).
fn exit_t(inside: Point, outside: Point, rect: &Rect) -> f32 {
    if !rect.contains(inside) {
        return 0.0;
    }
    let d = outside.sub(inside);
    let mut t = 1.0f32;
    if d.x > 1e-6 {
        t = t.min((rect.max.x - inside.x) / d.x);
    } else if d.x < -1e-6 {
        t = t.min((rect.min.x - inside.x) / d.x);
    }
    if d.y > 1e-6 {
        t = t.min((rect.max.y - inside.y) / d.y);
    } else if d.y < -1e-6 {
        t = t.min((rect.min.y - inside.y) / d.y);
    }
    finite_or(t, 0.0).clamp(0.0, 1.0)
}

/// The visible segment of a link: from the `from` card's border to the `to` card's border,
/// shifted sideways by `offset`. Always finite, even for two cards at the same point.
#[must_use]
pub fn link_segment(
    from_center: Point,
    from_size: (f32, f32),
    to_center: Point,
    to_size: (f32, f32),
    offset: f32,
) -> (Point, Point) {
    let fc = Point::new(finite_or(from_center.x, 0.0), finite_or(from_center.y, 0.0));
    let tc = Point::new(finite_or(to_center.x, 0.0), finite_or(to_center.y, 0.0));
    let mut d = tc.sub(fc);
    let mut len = d.len();
    let (fc, tc) = if len < 1e-3 {
        // Same point: draw a short horizontal stub so the link stays visible and finite.
        d = Point::new(1.0, 0.0);
        len = 1.0;
        (
            fc.sub(Point::new(from_size.0 / 2.0 + 30.0, 0.0)),
            tc.add(Point::new(to_size.0 / 2.0 + 30.0, 0.0)),
        )
    } else {
        (fc, tc)
    };
    let u = d.scale(1.0 / len);
    let normal = Point::new(u.y, -u.x);
    let off = normal.scale(finite_or(offset, 0.0));
    let a = fc.add(off);
    let b = tc.add(off);
    let gap = 3.0;
    let from_rect = Rect::from_center_size(from_center, from_size.0, from_size.1).expand(gap);
    let to_rect = Rect::from_center_size(to_center, to_size.0, to_size.1).expand(gap);
    let t0 = exit_t(a, b, &from_rect);
    let t1 = 1.0 - exit_t(b, a, &to_rect);
    if t1 > t0 + 1e-3 {
        (a.lerp(b, t0), a.lerp(b, t1))
    } else {
        // Overlapping cards: keep the centre line so something is drawn.
        (a, b)
    }
}

fn arrow_head(tip: Point, dir: Point, width: f32) -> Vec<Point> {
    let len = dir.len();
    let u = if len > 1e-6 {
        dir.scale(1.0 / len)
    } else {
        Point::new(1.0, 0.0)
    };
    let n = Point::new(-u.y, u.x);
    let l = 9.0 + width * 1.5;
    let w = 4.0 + width;
    let base = tip.sub(u.scale(l));
    vec![tip, base.add(n.scale(w)), base.sub(n.scale(w))]
}

/// How many prims at the END of every [`link_prims`] list make up the label (the pill, then
/// its text). Painters draw every link's other prims first and all labels after them, so no
/// line or arrow crosses a label.
pub const LINK_LABEL_PRIMS: usize = 2;

/// The display list of a link between two cards (centres and sizes as from
/// [`node_size`]): an optional severity halo, the line, arrow heads, then the label on a pill
/// (the last [`LINK_LABEL_PRIMS`] prims).
#[must_use]
pub fn link_prims(
    link: &Link,
    from_center: Point,
    from_size: (f32, f32),
    to_center: Point,
    to_size: (f32, f32),
    state: &LinkState,
) -> Vec<Prim> {
    let fade = if state.dimmed { DIM_OPACITY } else { 1.0 };
    let col = |c: Rgba| c.fade(fade);
    let enabled = link.enabled();
    let color = if enabled {
        link_color(link.kind)
    } else {
        DISABLED
    };
    let dash = if enabled {
        link_dash(link.kind)
    } else {
        Some(Dash::new(5.0, 4.0))
    };
    let width = link_width(link.kind) + if state.hovered { 1.0 } else { 0.0 };
    let (start, end) = link_segment(from_center, from_size, to_center, to_size, state.offset);
    let dir = end.sub(start);
    let arrows = link_arrows(link);
    let mut out = Vec::with_capacity(8);

    if state.selected {
        out.push(Prim::Polyline {
            points: vec![start, end],
            stroke: Stroke::new(width + 9.0, col(SELECTION.with_alpha(90))),
            dash: None,
        });
    }
    if let Some(s) = state.severity {
        out.push(Prim::Polyline {
            points: vec![start, end],
            stroke: Stroke::new(width + 7.0, col(severity_halo_color(s).with_alpha(150))),
            dash: None,
        });
    }
    // Pull the line back under the arrow heads so its end does not poke through the tip.
    let len = dir.len();
    let head = 9.0 + width * 1.5;
    let (la, lb) = if len > head * 2.5 {
        let u = dir.scale(1.0 / len);
        (
            if arrows.at_from {
                start.add(u.scale(head * 0.8))
            } else {
                start
            },
            if arrows.at_to {
                end.sub(u.scale(head * 0.8))
            } else {
                end
            },
        )
    } else {
        (start, end)
    };
    out.push(Prim::Polyline {
        points: vec![la, lb],
        stroke: Stroke::new(width, col(color)),
        dash,
    });
    if arrows.at_to {
        out.push(Prim::Polygon {
            points: arrow_head(end, dir, width),
            fill: col(color),
        });
    }
    if arrows.at_from {
        out.push(Prim::Polygon {
            points: arrow_head(start, dir.scale(-1.0), width),
            fill: col(color),
        });
    }

    let text = link_label(link);
    let size = font_size(LINK_LABEL_SIZE, state.text_scale);
    let pill = label_pill(&text, size, start, end, state.label_shift);
    let (mid, w, h) = (pill.center(), pill.width(), pill.height());
    let pill_stroke = match state.severity {
        Some(s) => Stroke::new(1.5, col(severity_color(s))),
        None => Stroke::new(1.0, col(color.with_alpha(160))),
    };
    out.push(Prim::Rect {
        rect: Rect::from_center_size(mid, w, h),
        radius: h / 2.0,
        fill: Some(col(Rgba::WHITE.with_alpha(235))),
        stroke: Some(pill_stroke),
    });
    out.push(Prim::Text {
        pos: mid,
        text,
        size,
        color: col(if enabled {
            color_for_text(color)
        } else {
            TEXT_MUTED
        }),
        anchor: Anchor::Middle,
        weight: Weight::Normal,
    });
    out
}

/// The pill of a label on the segment `a`–`b`, `shift` along it from the middle.
fn label_pill(text: &str, size: f32, a: Point, b: Point, shift: f32) -> Rect {
    let t = (0.5 + finite_or(shift, 0.0)).clamp(0.15, 0.85);
    let w = text_width(text, size, Weight::Normal) + size * 1.2;
    Rect::from_center_size(a.lerp(b, t), w, size * 1.7)
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// The unordered pair of a link's ends.
fn pair_key(l: &Link) -> (&str, &str) {
    let (a, b) = (l.from.as_str(), l.to.as_str());
    if a <= b { (a, b) } else { (b, a) }
}

/// Half the extent of a card of `size` at `c`, across the direction towards `other`.
fn perpendicular_half_extent(c: Point, size: (f32, f32), other: Point) -> f32 {
    let d = other.sub(c);
    let len = d.len();
    if len < 1e-3 {
        return size.1 / 2.0;
    }
    let (nx, ny) = (d.y / len, d.x / len);
    nx.abs() * size.0 / 2.0 + ny.abs() * size.1 / 2.0
}

/// Lanes ([`link_lanes`]) with parallel links squeezed to fit between the cards' sides and
/// each label slid along its line, greedily in document order,
/// to the first spot where its pill covers no other label and no card (or the least crowded
/// spot). `geometry` is [`node_geometry`]'s. Deterministic; shared by canvas and exports.
#[must_use]
pub fn link_layout<S: std::hash::BuildHasher>(
    doc: &Document,
    geometry: &HashMap<NodeId, (Point, (f32, f32)), S>,
) -> HashMap<LinkId, Lane> {
    const SHIFTS: [f32; 7] = [0.0, 0.12, -0.12, 0.24, -0.24, 0.33, -0.33];
    let mut lanes = link_lanes(doc);
    let mut spread: HashMap<(&str, &str), f32> = HashMap::new();
    for l in &doc.links {
        let off = lanes.get(&l.id).map_or(0.0, |lane| lane.offset.abs());
        let e = spread.entry(pair_key(l)).or_insert(0.0);
        *e = e.max(off);
    }
    let cards: Vec<Rect> = geometry
        .values()
        .map(|(c, (w, h))| Rect::from_center_size(*c, *w, *h))
        .collect();
    // A coarse grid of placed pills keeps this near-linear for big plans.
    let cell = 120.0f32;
    let key = |x: f32, y: f32| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut placed: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    let mut card_grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, r) in cards.iter().enumerate() {
        let (x0, y0) = key(r.min.x, r.min.y);
        let (x1, y1) = key(r.max.x, r.max.y);
        for gx in x0..=x1 {
            for gy in y0..=y1 {
                card_grid.entry((gx, gy)).or_default().push(i);
            }
        }
    }
    for l in &doc.links {
        let (Some(&(fc, fs)), Some(&(tc, ts))) = (geometry.get(&l.from), geometry.get(&l.to))
        else {
            continue;
        };
        let Some(lane) = lanes.get_mut(&l.id) else {
            continue;
        };
        // Keep the outermost parallel link inside both cards' sides, squeezing the lanes.
        let widest = spread.get(&pair_key(l)).copied().unwrap_or(0.0);
        let room = (perpendicular_half_extent(fc, fs, tc) - 9.0)
            .min(perpendicular_half_extent(tc, ts, fc) - 9.0)
            .max(0.0);
        if widest > room && widest > 0.0 {
            lane.offset *= room / widest;
        }
        let (a, b) = link_segment(fc, fs, tc, ts, lane.offset);
        let text = link_label(l);
        let mut best: Option<(usize, f32, Rect)> = None;
        for d in SHIFTS {
            let shift = lane.label_shift + d;
            let r = label_pill(&text, LINK_LABEL_SIZE, a, b, shift);
            let (x0, y0) = key(r.min.x, r.min.y);
            let (x1, y1) = key(r.max.x, r.max.y);
            let mut hits = 0;
            for gx in x0..=x1 {
                for gy in y0..=y1 {
                    hits += placed
                        .get(&(gx, gy))
                        .map_or(0, |v| v.iter().filter(|p| overlaps(p, &r)).count());
                    hits += card_grid.get(&(gx, gy)).map_or(0, |v| {
                        v.iter().filter(|i| overlaps(&cards[**i], &r)).count()
                    });
                }
            }
            if best.as_ref().is_none_or(|(h, _, _)| hits < *h) {
                best = Some((hits, shift, r));
            }
            if hits == 0 {
                break;
            }
        }
        if let Some((_, shift, r)) = best {
            lane.label_shift = shift;
            let (x0, y0) = key(r.min.x, r.min.y);
            let (x1, y1) = key(r.max.x, r.max.y);
            for gx in x0..=x1 {
                for gy in y0..=y1 {
                    placed.entry((gx, gy)).or_default().push(r);
                }
            }
        }
    }
    lanes
}

/// A darker shade of a line colour so small text on white stays legible.
fn color_for_text(c: Rgba) -> Rgba {
    let k = |v: u8| (f32::from(v) * 0.8) as u8;
    Rgba([k(c.r()), k(c.g()), k(c.b()), c.a()])
}

/// The bounding box of a link's label pill, for hit-testing and fitting exports.
#[must_use]
pub fn link_label_rect(prims: &[Prim]) -> Option<Rect> {
    prims.iter().rev().find_map(|p| match p {
        Prim::Rect { rect, .. } => Some(*rect),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------
// Legend
// ---------------------------------------------------------------------------------------

/// A legend box for exports: one sample line per link kind given, one outlined card per
/// severity given (with its count). Returns the prims and the box's size (width, height).
#[must_use]
pub fn legend_prims(
    top_left: Point,
    kinds: &[LinkKind],
    severities: &[(Severity, usize)],
) -> (Vec<Prim>, (f32, f32)) {
    let row = 20.0;
    let title_h = 26.0;
    let mut out = Vec::new();
    let mut labels: Vec<String> = kinds.iter().map(|k| k.label().to_owned()).collect();
    labels.extend(
        severities
            .iter()
            .map(|(s, n)| format!("{} ({n})", severity_label(*s))),
    );
    let text_w = labels
        .iter()
        .map(|l| text_width(l, 11.0, Weight::Normal))
        .fold(0.0f32, f32::max);
    let w = (12.0 + 40.0 + 10.0 + text_w + 12.0).max(140.0);
    let rows = kinds.len() + severities.len();
    let h = title_h + rows as f32 * row + 8.0;
    let rect = Rect::from_min_size(top_left, w, h);
    out.push(Prim::Rect {
        rect,
        radius: 6.0,
        fill: Some(Rgba::WHITE.with_alpha(240)),
        stroke: Some(Stroke::new(1.0, Rgba::hex(0xC8_C6C4))),
    });
    out.push(Prim::Text {
        pos: Point::new(rect.min.x + 12.0, rect.min.y + 15.0),
        text: "Legend".to_owned(),
        size: 12.0,
        color: TEXT,
        anchor: Anchor::Start,
        weight: Weight::Bold,
    });
    let mut y = rect.min.y + title_h + row / 2.0;
    let x0 = rect.min.x + 12.0;
    for k in kinds {
        let color = link_color(*k);
        let (start, tip) = (Point::new(x0, y), Point::new(x0 + 40.0, y));
        out.push(Prim::Polyline {
            points: vec![start, Point::new(tip.x - 6.0, y)],
            stroke: Stroke::new(link_width(*k), color),
            dash: link_dash(*k),
        });
        out.push(Prim::Polygon {
            points: arrow_head(tip, Point::new(1.0, 0.0), link_width(*k) * 0.6),
            fill: color,
        });
        out.push(Prim::Text {
            pos: Point::new(x0 + 50.0, y),
            text: k.label().to_owned(),
            size: 11.0,
            color: TEXT,
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
        y += row;
    }
    for (s, n) in severities {
        out.push(Prim::Rect {
            rect: Rect::from_min_size(Point::new(x0 + 4.0, y - 6.0), 32.0, 12.0),
            radius: 3.0,
            fill: Some(Rgba::WHITE),
            stroke: Some(Stroke::new(2.5, severity_color(*s))),
        });
        out.push(Prim::Text {
            pos: Point::new(x0 + 50.0, y),
            text: format!("{} ({n})", severity_label(*s)),
            size: 11.0,
            color: TEXT,
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
        y += row;
    }
    (out, (w, h))
}

// ---------------------------------------------------------------------------------------
// Layout shared by the canvas and the exporters
// ---------------------------------------------------------------------------------------

/// Horizontal and vertical spacing of the automatic layout grid.
pub const GRID: (f32, f32) = (230.0, 120.0);
const SERVERS_PER_ROW: usize = 8;

fn layout_row(kind: NodeKind) -> usize {
    match kind {
        NodeKind::ExchangeOnline | NodeKind::FederationGateway => 0,
        NodeKind::SyncServer
        | NodeKind::HybridAgent
        | NodeKind::SmtpGateway
        | NodeKind::LoadBalancer => 1,
        NodeKind::EdgeTransport => 2,
        NodeKind::ExchangeServer => 3,
        NodeKind::Note => 4,
    }
}

/// The position of every node: its own, or — for nodes without one — a slot in a
/// deterministic grid below the positioned nodes, in tiers by kind (cloud and identity on
/// top, then network, Edge, servers in rows of eight, notes last), in document order.
#[must_use]
pub fn auto_layout(doc: &Document) -> HashMap<NodeId, Pos> {
    let mut out = HashMap::with_capacity(doc.nodes.len());
    let mut bottom: Option<f64> = None;
    let mut left: Option<f64> = None;
    for n in &doc.nodes {
        if let Some(p) = n.position.filter(|p| p.x.is_finite() && p.y.is_finite()) {
            out.insert(n.id.clone(), p);
            bottom = Some(bottom.map_or(p.y, |b: f64| b.max(p.y)));
            left = Some(left.map_or(p.x, |l: f64| l.min(p.x)));
        }
    }
    let mut tiers: [Vec<&Node>; 5] = Default::default();
    for n in &doc.nodes {
        if !out.contains_key(&n.id) {
            tiers[layout_row(n.kind)].push(n);
        }
    }
    let x0 = left.unwrap_or(0.0);
    let mut y = bottom.map_or(0.0, |b| b + f64::from(GRID.1) * 1.5);
    let (gx, gy) = (f64::from(GRID.0), f64::from(GRID.1));
    for tier in tiers {
        if tier.is_empty() {
            continue;
        }
        for (i, chunk) in tier.chunks(SERVERS_PER_ROW).enumerate() {
            let _ = i;
            for (j, n) in chunk.iter().enumerate() {
                out.insert(
                    n.id.clone(),
                    Pos {
                        x: x0 + j as f64 * gx,
                        y,
                    },
                );
            }
            y += gy;
        }
    }
    out
}

/// Every node's centre and size, positions from [`auto_layout`].
#[must_use]
pub fn node_geometry(doc: &Document) -> HashMap<NodeId, (Point, (f32, f32))> {
    let pos = auto_layout(doc);
    doc.nodes
        .iter()
        .map(|n| {
            let p = pos
                .get(&n.id)
                .copied()
                .map_or(Point::default(), Point::from_pos);
            (n.id.clone(), (p, node_size(n)))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Icons
// ---------------------------------------------------------------------------------------

/// The family name of the font embedded for exports ([`FONT_REGULAR`], [`FONT_BOLD`]).
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// The SVG `font-family` of exports: the embedded font first (so resvg uses it), then a
/// common sans-serif stack for browsers.
pub const FONT_STACK: &str =
    "'DejaVu Sans', Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";
/// `DejaVu Sans` (Bitstream Vera licence, `assets/fonts/DejaVu-LICENSE.txt`), for PNG export;
/// the canvas may load it too so names can be bold.
pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// `DejaVu Sans` Bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The project's own icon of a node kind: a small flat SVG, viewBox `0 0 48 48`.
#[must_use]
pub fn icon_svg(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::ExchangeServer => include_str!("../assets/icons/exchange_server.svg"),
        NodeKind::EdgeTransport => include_str!("../assets/icons/edge_transport.svg"),
        NodeKind::ExchangeOnline => include_str!("../assets/icons/exchange_online.svg"),
        NodeKind::FederationGateway => include_str!("../assets/icons/federation_gateway.svg"),
        NodeKind::SyncServer => include_str!("../assets/icons/sync_server.svg"),
        NodeKind::LoadBalancer => include_str!("../assets/icons/load_balancer.svg"),
        NodeKind::SmtpGateway => include_str!("../assets/icons/smtp_gateway.svg"),
        NodeKind::HybridAgent => include_str!("../assets/icons/hybrid_agent.svg"),
        NodeKind::Note => include_str!("../assets/icons/note.svg"),
    }
}

/// The inner markup of an icon (without the outer `<svg>` element), for `<symbol>`s.
#[must_use]
pub fn icon_svg_body(kind: NodeKind) -> &'static str {
    let s = icon_svg(kind);
    let start = s
        .find("<svg")
        .and_then(|i| s[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = s.rfind("</svg>").unwrap_or(s.len());
    if start <= end {
        s[start..end].trim()
    } else {
        ""
    }
}

/// An icon rasterised to `size`×`size` pixels, straight RGBA row by row (for
/// `egui::ColorImage::from_rgba_unmultiplied`). `None` if the size is 0 or too large.
#[must_use]
pub fn icon_rgba(kind: NodeKind, size: u32) -> Option<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    if size == 0 || size > 1024 {
        return None;
    }
    let tree = usvg::Tree::from_str(icon_svg(kind), &usvg::Options::default()).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size)?;
    let k = size as f32 / 48.0;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(k, k),
        &mut pixmap.as_mut(),
    );
    Some(
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Version};

    fn all_points(prims: &[Prim]) -> Vec<f32> {
        let mut v = Vec::new();
        for p in prims {
            match p {
                Prim::Rect { rect, radius, .. } => {
                    v.extend([rect.min.x, rect.min.y, rect.max.x, rect.max.y, *radius]);
                }
                Prim::Circle { center, radius, .. } => v.extend([center.x, center.y, *radius]),
                Prim::Polyline { points, stroke, .. } => {
                    v.push(stroke.width);
                    v.extend(points.iter().flat_map(|p| [p.x, p.y]));
                }
                Prim::Polygon { points, .. } => v.extend(points.iter().flat_map(|p| [p.x, p.y])),
                Prim::Text { pos, size, .. } => v.extend([pos.x, pos.y, *size]),
                Prim::Icon { rect, .. } => {
                    v.extend([rect.min.x, rect.min.y, rect.max.x, rect.max.y]);
                }
            }
        }
        v
    }

    fn texts(prims: &[Prim]) -> Vec<String> {
        prims
            .iter()
            .filter_map(|p| {
                if let Prim::Text { text, .. } = p {
                    Some(text.clone())
                } else {
                    None
                }
            })
            .collect()
    }

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
    fn zero_length_link_has_finite_coordinates_and_positive_font() {
        let l = Link::new("l", LinkKind::OrganizationRelationship, "a", "b");
        let p = Point::new(100.0, 100.0);
        let prims = link_prims(
            &l,
            p,
            (170.0, 64.0),
            p,
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert!(all_points(&prims).iter().all(|v| v.is_finite()));
        for pr in &prims {
            if let Prim::Text { size, .. } = pr {
                assert!(*size > 0.0);
            }
        }
        // Also with nonsense state values.
        let st = LinkState {
            text_scale: f32::NAN,
            offset: f32::INFINITY,
            label_shift: f32::NAN,
            ..LinkState::default()
        };
        let prims = link_prims(&l, p, (0.0, 0.0), p, (0.0, 0.0), &st);
        assert!(all_points(&prims).iter().all(|v| v.is_finite()));
    }

    #[test]
    fn link_is_clipped_to_both_card_borders() {
        let l = Link::new("l", LinkKind::SendConnector, "a", "b");
        let (a, b) = link_segment(
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            0.0,
        );
        assert!(
            (a.x - 88.0).abs() < 0.01 && (b.x - 312.0).abs() < 0.01,
            "{a:?} {b:?}"
        );
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        // Send connector: one arrow head, at Exchange Online (the `to` end).
        let heads: Vec<_> = prims
            .iter()
            .filter_map(|p| {
                if let Prim::Polygon { points, .. } = p {
                    Some(points[0])
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(heads.len(), 1);
        assert!((heads[0].x - 312.0).abs() < 0.01);
    }

    #[test]
    fn two_way_org_relationship_has_arrows_at_both_ends_and_its_label() {
        let l = Link::new("l", LinkKind::OrganizationRelationship, "a", "b");
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(0.0, 300.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert_eq!(
            prims
                .iter()
                .filter(|p| matches!(p, Prim::Polygon { .. }))
                .count(),
            2
        );
        assert!(texts(&prims).contains(&"Org relationship \u{21C4}".to_owned()));
    }

    #[test]
    fn disabled_link_is_grey_dashed_and_says_so() {
        let mut l = Link::new("l", LinkKind::SendConnector, "a", "b");
        l.enabled = Some(false);
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &LinkState::default(),
        );
        assert!(prims.iter().any(|p| matches!(p, Prim::Polyline { stroke, dash: Some(_), .. } if stroke.color == DISABLED)));
        assert!(texts(&prims).contains(&"Send connector (disabled)".to_owned()));
    }

    #[test]
    fn link_with_a_finding_is_drawn_over_a_halo_in_the_severity_colour() {
        let l = Link::new("l", LinkKind::SendConnector, "a", "b");
        let st = LinkState {
            severity: Some(Severity::Error),
            ..LinkState::default()
        };
        let prims = link_prims(
            &l,
            Point::new(0.0, 0.0),
            (170.0, 64.0),
            Point::new(400.0, 0.0),
            (170.0, 64.0),
            &st,
        );
        let Prim::Polyline { stroke, .. } = &prims[0] else {
            panic!("halo first")
        };
        assert_eq!(
            stroke.color.with_alpha(255),
            severity_color(Severity::Error)
        );
        assert!(stroke.width > link_width(LinkKind::SendConnector) + 4.0);
    }

    #[test]
    fn own_label_replaces_the_default() {
        let mut l = Link::new("l", LinkKind::RoutesTo, "a", "b");
        assert_eq!(link_label(&l), "Routes to");
        l.label = Some("VIP 443".into());
        assert_eq!(link_label(&l), "VIP 443");
    }

    #[test]
    fn parallel_links_get_distinct_lanes() {
        let mut doc = Document::default();
        doc.links.push(Link::new(
            "1",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
        ));
        doc.links.push(Link::new("2", LinkKind::Oauth, "lb", "exo"));
        doc.links
            .push(Link::new("3", LinkKind::ReceiveConnector, "exo", "lb"));
        let lanes = link_lanes(&doc);
        let pts: Vec<(Point, Point)> = ["1", "2", "3"]
            .iter()
            .map(|id| {
                let l = doc.link(id).expect("link");
                let (from, to) = if l.from == "lb" {
                    (Point::new(0.0, 0.0), Point::new(0.0, 300.0))
                } else {
                    (Point::new(0.0, 300.0), Point::new(0.0, 0.0))
                };
                link_segment(from, (170.0, 64.0), to, (170.0, 64.0), lanes[&l.id].offset)
            })
            .collect();
        let xs: Vec<f32> = pts.iter().map(|(a, _)| a.x).collect();
        assert!(
            (xs[0] - xs[1]).abs() > 5.0
                && (xs[1] - xs[2]).abs() > 5.0
                && (xs[0] - xs[2]).abs() > 5.0,
            "{xs:?}"
        );
    }

    #[test]
    fn parallel_link_labels_do_not_overlap_and_lines_stay_within_the_cards_sides() {
        let mut doc = Document::default();
        doc.nodes
            .push(Node::new("lb", NodeKind::LoadBalancer, "LB").at(0.0, 0.0));
        doc.nodes
            .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(600.0, 0.0));
        doc.links
            .push(Link::new("1", LinkKind::ReceiveConnector, "exo", "lb"));
        doc.links.push(Link::new(
            "2",
            LinkKind::OrganizationRelationship,
            "lb",
            "exo",
        ));
        doc.links.push(Link::new("3", LinkKind::Oauth, "lb", "exo"));
        doc.links
            .push(Link::new("4", LinkKind::MigrationEndpoint, "exo", "lb"));
        let geometry = node_geometry(&doc);
        let lanes = link_layout(&doc, &geometry);
        let mut pills = Vec::new();
        for l in &doc.links {
            let (fc, fs) = geometry[&l.from];
            let (tc, ts) = geometry[&l.to];
            let lane = lanes[&l.id];
            let st = LinkState {
                offset: lane.offset,
                label_shift: lane.label_shift,
                ..LinkState::default()
            };
            let (a, b) = link_segment(fc, fs, tc, ts, lane.offset);
            assert!(
                a.y.abs() < CARD_H / 2.0 && b.y.abs() < CARD_H / 2.0,
                "{a:?} {b:?}"
            );
            pills.push(link_label_rect(&link_prims(l, fc, fs, tc, ts, &st)).expect("pill"));
        }
        for (i, p) in pills.iter().enumerate() {
            for q in &pills[i + 1..] {
                assert!(!overlaps(p, q), "{p:?} overlaps {q:?}");
            }
        }
    }

    #[test]
    fn auto_layout_places_unpositioned_nodes_deterministically_below_the_others() {
        let mut doc = Document::default();
        doc.nodes
            .push(Node::new("exo", NodeKind::ExchangeOnline, "EXO").at(0.0, 0.0));
        doc.nodes
            .push(Node::server("a", "A", Version::V2016, &[Role::Mailbox]));
        doc.nodes
            .push(Node::server("b", "B", Version::V2016, &[Role::Mailbox]));
        let p1 = auto_layout(&doc);
        let p2 = auto_layout(&doc);
        assert_eq!(p1, p2);
        assert_eq!(p1["exo"], Pos { x: 0.0, y: 0.0 });
        assert!(p1["a"].y > 0.0);
        assert!((p1["a"].y - p1["b"].y).abs() < 1e-9 && (p1["a"].x - p1["b"].x).abs() > 1.0);
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

    #[test]
    fn every_icon_is_a_small_svg_that_renders() {
        for k in NodeKind::ALL {
            let s = icon_svg(k);
            assert!(
                s.contains("viewBox=\"0 0 48 48\"") && !s.contains("<text"),
                "{k:?}"
            );
            assert!(!icon_svg_body(k).is_empty());
            let px = icon_rgba(k, 32).expect("renders");
            assert_eq!(px.len(), 32 * 32 * 4);
            assert!(
                px.chunks(4).filter(|p| p[3] > 128).count() > 100,
                "{k:?} is nearly empty"
            );
        }
    }

    #[test]
    fn number_format_is_compact() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f32::NAN), "0");
    }
}
