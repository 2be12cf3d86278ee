//! How nodes and links look, described once for the canvas and the SVG exporter.
//!
//! "One look, two painters": this module turns a node or a link into a display list of
//! [`Prim`]itives in CANVAS coordinates (a node's position is its centre). The egui canvas
//! and the SVG exporter both paint these lists, so a colour, a label or a dash pattern is
//! decided here and nowhere else. Plain Rust: no user-interface dependency.
//!
//! A painter's recipe (what `export::svg` does):
//! 1. [`node_geometry`] (positions from [`auto_layout`] for nodes without one, sizes from
//!    [`node_size`]) and [`Routing::new`] (every link routed around the cards, parallel links
//!    as a bundle, labels placed so they cover neither another label nor a card);
//! 2. for every link, [`routed_link_prims`] with its [`LinkRoute`] and [`LinkState`]; paint
//!    all links' prims except the last [`LINK_LABEL_PRIMS`], then all labels (the straight
//!    [`link_layout`] and [`link_prims`] remain for painters without routes);
//! 3. for every node, [`node_prims_as_of`] with its [`NodeState`] and the plan's evaluation
//!    date (`rules::evaluation_date`, for the certificate badge; [`node_prims_at`] uses
//!    today); `Prim::Icon` is [`icon_svg`] (or [`icon_rgba`] for a texture).
//!
//! `Prim::Text::pos.y` is the vertical centre of the line; sizes are canvas units.

mod badges;
mod icons;
pub mod layered;
mod layout;
mod legend;
mod link;
mod node;
mod nudge;
mod palette;
pub mod quality;
mod route;
mod text;
pub mod zones;

pub use badges::{CertStatus, cert_color, cert_status};
pub use icons::{
    FONT_BOLD, FONT_FAMILY, FONT_REGULAR, FONT_STACK, icon_rgba, icon_svg, icon_svg_body,
};
pub use layered::layered_layout;
pub use layout::{GRID, auto_layout, node_geometry};
pub use legend::legend_prims;
pub use link::{
    LINK_LABEL_PRIMS, Lane, LinkState, link_label_rect, link_lanes, link_layout, link_prims,
    link_segment,
};
pub use node::{
    CARD_H, CARD_W, NodeState, name_rect, node_prims, node_prims_as_of, node_prims_at, node_rect,
    node_size, node_subtitle, servers_in_several_sites,
};
pub use palette::{
    Arrows, DIM_OPACITY, DISABLED, KindGroup, SELECTION, TEXT, TEXT_MUTED, group_colors,
    kind_group, link_arrows, link_color, link_dash, link_default_label, link_label, link_width,
    region_colors, severity_color, severity_halo_color, severity_label, severity_symbol,
};
pub use route::{LabelPlace, LinkRoute, Routing, routed_link_prims};
pub use text::{
    LINK_LABEL_SIZE, NAME_SIZE, SUBTITLE_SIZE, baseline_offset, num, text_width, truncate_to_width,
};

use crate::model::{NodeKind, Pos};

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

/// `v`, or `d` when `v` is not finite.
fn finite_or(v: f32, d: f32) -> f32 {
    if v.is_finite() { v } else { d }
}

/// Helpers shared by the unit tests of the submodules.
#[cfg(test)]
mod testing {
    use super::Prim;

    pub(super) fn texts(prims: &[Prim]) -> Vec<String> {
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
}
