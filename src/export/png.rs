//! PNG export: the SVG export rendered with resvg, using only the embedded fonts, so text
//! renders the same on a machine without any system font.

use super::ExportError;
use super::svg::{SvgOptions, to_svg};
use crate::model::Document;
use crate::rules::Finding;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Options of [`to_png`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PngOptions {
    /// Pixels per canvas unit (clamped to 0.1..=8): 1 or 2 usually.
    pub scale: f32,
}

impl Default for PngOptions {
    fn default() -> Self {
        Self { scale: 1.0 }
    }
}

/// The longest side of an exported image, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels an exported image may have (about 480 MB of RGBA while rendering).
pub const MAX_PIXELS: u64 = 120_000_000;

/// The font database of exports: the embedded `DejaVu Sans` (regular and bold) and egui's
/// emoji font as a fallback. Never the system's fonts: what a test renders here is what a
/// user gets everywhere.
#[must_use]
pub fn font_db() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(crate::look::FONT_REGULAR.to_vec());
        db.load_font_data(crate::look::FONT_BOLD.to_vec());
        db.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
        db.set_sans_serif_family(crate::look::FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// usvg options that resolve every font to the embedded ones.
#[must_use]
pub fn usvg_options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: crate::look::FONT_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    }
}

/// Renders an SVG document to PNG bytes at `scale` pixels per SVG unit, keeping the SVG's
/// own background (none = transparent).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let scale = if scale.is_finite() {
        scale.clamp(0.1, 8.0)
    } else {
        1.0
    };
    let tree = usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let width = (f64::from(size.width()) * f64::from(scale)).ceil().max(1.0) as u64;
    let height = (f64::from(size.height()) * f64::from(scale))
        .ceil()
        .max(1.0) as u64;
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) || width * height > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width as u32, height as u32).ok_or(ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// The plan as a PNG image: [`to_svg`] rendered at `png.scale`.
pub fn to_png(
    doc: &Document,
    findings: &[Finding],
    opts: &SvgOptions<'_>,
    png: &PngOptions,
) -> Result<Vec<u8>, ExportError> {
    svg_to_png(&to_svg(doc, findings, opts), png.scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fonts_are_found_by_the_family_the_svg_names() {
        let db = font_db();
        let q = usvg::fontdb::Query {
            families: &[usvg::fontdb::Family::Name(crate::look::FONT_FAMILY)],
            weight: usvg::fontdb::Weight::BOLD,
            ..Default::default()
        };
        let id = db.query(&q).expect("DejaVu Sans Bold is loaded");
        let face = db.face(id).expect("face");
        assert_eq!(face.weight, usvg::fontdb::Weight::BOLD);
    }

    #[test]
    fn oversized_images_are_refused_not_allocated() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="10" viewBox="0 0 20000 10"/>"#;
        assert!(matches!(
            svg_to_png(svg, 1.0),
            Err(ExportError::TooLarge { .. })
        ));
    }
}
