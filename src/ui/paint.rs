//! The one egui painter of [`look`]'s display lists: a [`look::Prim`] in canvas coordinates
//! becomes egui shapes in screen coordinates. The canvas (through `egui_graphs` and in its
//! idle repaint) and the presentation view both draw through [`prim_shapes`], so they cannot
//! drift apart from each other or from the SVG exporter, which paints the same lists.

use crate::look::{self, Anchor, Prim, Weight};
use crate::model::NodeKind;
use egui::epaint::{CircleShape, FontsView, RectShape};
use egui::{
    Align2, Color32, Context, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, TextureHandle,
    TextureId, Vec2,
};

/// Screen font sizes are kept in this range whatever the zoom: tiny sizes are unreadable and
/// huge ones ask the font atlas for glyphs larger than it can hold (an epaint panic).
pub const FONT_PX_RANGE: (f32, f32) = (4.0, 72.0);
/// Text whose unclamped screen size is below this is not drawn at all: it would be an
/// unreadable smudge, and skipping it keeps zoomed-out views of large plans cheap (a glyph
/// is a textured quad; hundreds of cards of them dominate a frame).
pub const MIN_READABLE_PX: f32 = 5.5;
/// Bold text smaller than this is drawn once (the second, thickening pass would blur it).
const FAUX_BOLD_MIN_PX: f32 = 9.0;
/// Icons smaller than this on screen are left out: they would be a few blurred pixels, and
/// each icon switches texture, which splits the frame into one mesh per node.
pub const MIN_ICON_PX: f32 = 9.0;
/// Icons are rasterised once at this many pixels a side (about twice their size at zoom 1.4),
/// then scaled by the GPU.
pub const ICON_PX: u32 = 96;

/// Canvas → screen: `screen = canvas * zoom + offset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Xform {
    /// Screen points per canvas unit.
    pub zoom: f32,
    /// Screen position of the canvas origin.
    pub offset: Vec2,
}

impl Xform {
    /// A transform with this zoom and offset.
    #[must_use]
    pub fn new(zoom: f32, offset: Vec2) -> Self {
        Self { zoom, offset }
    }

    /// A canvas point on screen.
    #[must_use]
    pub fn pos(&self, p: look::Point) -> Pos2 {
        Pos2::new(
            p.x * self.zoom + self.offset.x,
            p.y * self.zoom + self.offset.y,
        )
    }

    /// A canvas length on screen.
    #[must_use]
    pub fn len(&self, l: f32) -> f32 {
        l * self.zoom
    }

    /// A canvas rectangle on screen.
    #[must_use]
    pub fn rect(&self, r: &look::Rect) -> Rect {
        Rect::from_min_max(self.pos(r.min), self.pos(r.max))
    }
}

/// An egui colour from a look colour (straight alpha).
#[must_use]
pub fn color(c: look::Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), c.a())
}

fn stroke(s: Option<look::Stroke>, xf: &Xform) -> Stroke {
    s.map_or(Stroke::NONE, |s| {
        Stroke::new(xf.len(s.width).max(0.5), color(s.color))
    })
}

/// The texture of each node kind's icon, in [`NodeKind::ALL`] order. `Copy`, so every node
/// display can carry it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct IconSet {
    ids: [Option<TextureId>; NodeKind::ALL.len()],
}

impl IconSet {
    /// The texture of this kind's icon, if it could be rasterised.
    #[must_use]
    pub fn get(&self, kind: NodeKind) -> Option<TextureId> {
        NodeKind::ALL
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.ids[i])
    }
}

/// Adds `DejaVu Sans` (the exports' font, [`look::FONT_REGULAR`]) as the last fallback of the
/// proportional family, so glyphs that `look` uses and egui's bundled fonts lack (such as
/// the "⇄" of two-way relationships) are drawn instead of a box. Idempotent.
pub fn install_fallback_font(ctx: &Context) {
    use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "DejaVu Sans (canvas fallback)",
        FontData::from_static(look::FONT_REGULAR),
        vec![InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: FontPriority::Lowest,
        }],
    ));
}

/// The icon textures, uploaded once; dropping this frees them.
pub struct IconTextures {
    _handles: Vec<TextureHandle>,
    set: IconSet,
}

impl IconTextures {
    /// Rasterises every kind's icon ([`look::icon_rgba`], from [`look::icon_svg`] with resvg)
    /// and uploads it. A kind whose icon fails to render simply has none.
    #[must_use]
    pub fn load(ctx: &Context) -> Self {
        let mut handles = Vec::new();
        let mut set = IconSet::default();
        for (i, kind) in NodeKind::ALL.iter().enumerate() {
            let Some(rgba) = look::icon_rgba(*kind, ICON_PX) else {
                continue;
            };
            let side = ICON_PX as usize;
            let image = egui::ColorImage::from_rgba_unmultiplied([side, side], &rgba);
            let handle = ctx.load_texture(
                format!("icon-{}", kind.key()),
                image,
                egui::TextureOptions::LINEAR,
            );
            set.ids[i] = Some(handle.id());
            handles.push(handle);
        }
        Self {
            _handles: handles,
            set,
        }
    }

    /// The texture ids.
    #[must_use]
    pub fn set(&self) -> IconSet {
        self.set
    }
}

/// Appends the screen shapes of one primitive to `out`.
pub fn prim_shapes(
    prim: &Prim,
    xf: &Xform,
    icons: &IconSet,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
) {
    match prim {
        Prim::Rect {
            rect,
            radius,
            fill,
            stroke: s,
        } => {
            let r = xf.rect(rect);
            // Corners under two pixels look square anyway, and square rects tessellate to a
            // fraction of the vertices (this halves the cost of a zoomed-out 1,000-node plan).
            let corner = xf.len(*radius).clamp(0.0, 255.0);
            let corner = if corner < 2.0 { 0.0 } else { corner };
            let fill = fill.map_or(Color32::TRANSPARENT, color);
            out.push(Shape::Rect(RectShape::new(
                r,
                corner,
                fill,
                stroke(*s, xf),
                StrokeKind::Middle,
            )));
        }
        Prim::Circle {
            center,
            radius,
            fill,
            stroke: s,
        } => {
            out.push(Shape::Circle(CircleShape {
                center: xf.pos(*center),
                radius: xf.len(*radius),
                fill: fill.map_or(Color32::TRANSPARENT, color),
                stroke: stroke(*s, xf),
            }));
        }
        Prim::Polyline {
            points,
            stroke: s,
            dash,
        } => {
            if points.len() < 2 {
                return;
            }
            let pts: Vec<Pos2> = points.iter().map(|p| xf.pos(*p)).collect();
            let st = stroke(Some(*s), xf);
            match dash {
                Some(d) => {
                    let on: Vec<f32> = d.dashes().iter().map(|v| xf.len(*v).max(0.5)).collect();
                    let off: Vec<f32> = d.gaps().iter().map(|v| xf.len(*v).max(0.5)).collect();
                    Shape::dashed_line_many_with_offset(&pts, st, &on, &off, 0.0, out);
                }
                None => out.push(Shape::line(pts, st)),
            }
        }
        Prim::Polygon { points, fill } => {
            let pts: Vec<Pos2> = points.iter().map(|p| xf.pos(*p)).collect();
            out.push(Shape::convex_polygon(pts, color(*fill), Stroke::NONE));
        }
        Prim::Text {
            pos,
            text,
            size,
            color: c,
            anchor,
            weight,
        } => {
            let px = xf.len(*size);
            if !px.is_finite() || px < MIN_READABLE_PX || text.is_empty() {
                return;
            }
            let px = px.clamp(FONT_PX_RANGE.0, FONT_PX_RANGE.1);
            let align = match anchor {
                Anchor::Start => Align2::LEFT_CENTER,
                Anchor::Middle => Align2::CENTER_CENTER,
                Anchor::End => Align2::RIGHT_CENTER,
            };
            let col = color(*c);
            let galley = fonts.layout_no_wrap(text.clone(), FontId::proportional(px), col);
            let at = align.anchor_size(xf.pos(*pos), galley.size()).min;
            if *weight == Weight::Bold && px >= FAUX_BOLD_MIN_PX {
                // egui's bundled fonts have no bold face: a second pass a hair to the right
                // thickens the strokes enough to read as bold.
                out.push(Shape::galley(
                    at + Vec2::new((px / 18.0).max(0.4), 0.0),
                    galley.clone(),
                    col,
                ));
            }
            out.push(Shape::galley(at, galley, col));
        }
        Prim::Icon {
            kind,
            rect,
            opacity,
        } => {
            let Some(tex) = icons.get(*kind) else { return };
            let r = xf.rect(rect);
            if r.width() < MIN_ICON_PX {
                return;
            }
            let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            let tint = Color32::WHITE.gamma_multiply(opacity.clamp(0.0, 1.0));
            out.push(Shape::image(tex, r, uv, tint));
        }
    }
}

/// The screen shapes of a whole display list.
#[must_use]
pub fn prims_shapes(ctx: &Context, prims: &[Prim], xf: &Xform, icons: &IconSet) -> Vec<Shape> {
    let mut out = Vec::with_capacity(prims.len() + 2);
    ctx.fonts_mut(|fonts| {
        for p in prims {
            prim_shapes(p, xf, icons, fonts, &mut out);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xform_maps_canvas_points_through_zoom_then_offset() {
        let xf = Xform::new(2.0, Vec2::new(10.0, -5.0));
        assert_eq!(xf.pos(look::Point::new(3.0, 4.0)), Pos2::new(16.0, 3.0));
        assert!((xf.len(7.0) - 14.0).abs() < f32::EPSILON);
    }

    #[test]
    fn text_font_size_is_clamped_at_extreme_zoom() {
        let ctx = Context::default();
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        let prim = Prim::Text {
            pos: look::Point::new(0.0, 0.0),
            text: "EX01".into(),
            size: 13.0,
            color: look::TEXT,
            anchor: Anchor::Start,
            weight: Weight::Normal,
        };
        let shapes = prims_shapes(
            &ctx,
            &[prim],
            &Xform::new(500.0, Vec2::ZERO),
            &IconSet::default(),
        );
        let Some(Shape::Text(t)) = shapes.first() else {
            panic!("expected a text shape, got {shapes:?}")
        };
        assert!(
            t.galley.size().y < FONT_PX_RANGE.1 * 2.0,
            "galley too tall: {:?}",
            t.galley.size()
        );
    }
}
