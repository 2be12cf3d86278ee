//! PNG export: the SVG export rendered with resvg, using only the embedded fonts, so text
//! renders the same on a machine without any system font.

use super::ExportError;
#[cfg(doc)]
use super::svg::to_svg;
use super::svg::{SvgOptions, compose};
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

/// The pixel size of a picture of `w`×`h` units at `scale`, or why it is refused.
fn pixel_size(w: f32, h: f32, scale: f32) -> Result<(u32, u32), ExportError> {
    let width = (f64::from(w) * f64::from(scale)).ceil().max(1.0) as u64;
    let height = (f64::from(h) * f64::from(scale)).ceil().max(1.0) as u64;
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) || width * height > MAX_PIXELS {
        return Err(ExportError::TooLarge {
            width,
            height,
            max: MAX_SIDE,
        });
    }
    Ok((width as u32, height as u32))
}

fn clamp_scale(scale: f32) -> f32 {
    if scale.is_finite() {
        scale.clamp(0.1, 8.0)
    } else {
        1.0
    }
}

fn parse(svg: &str) -> Result<usvg::Tree, ExportError> {
    usvg::Tree::from_str(svg, &usvg_options()).map_err(|e| ExportError::Render(e.to_string()))
}

/// Renders an SVG document to PNG bytes at `scale` pixels per SVG unit, keeping the SVG's
/// own background (none = transparent).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let scale = clamp_scale(scale);
    let tree = parse(svg)?;
    let (width, height) = pixel_size(tree.size().width(), tree.size().height(), scale)?;
    render_and_encode(&[tree], width, height, scale, None)
}

/// The plan as a PNG image: [`to_svg`]'s picture at `png.scale` pixels per canvas unit.
///
/// Big plans are costly to render (text shaping, then millions of pixels), so the picture
/// is cut into layers parsed on separate threads and the image into strips rendered on
/// separate threads; the result is the same as rendering [`to_svg`]'s output.
pub fn to_png(
    doc: &Document,
    findings: &[Finding],
    opts: &SvgOptions<'_>,
    png: &PngOptions,
) -> Result<Vec<u8>, ExportError> {
    let scale = clamp_scale(png.scale);
    let picture = compose(doc, findings, opts);
    let (w, h) = picture.size();
    let (width, height) = pixel_size(w, h, scale)?;
    let layers = picture.layers(threads());
    let trees: Vec<Result<usvg::Tree, ExportError>> = std::thread::scope(|s| {
        let handles: Vec<_> = layers
            .iter()
            .map(|svg| s.spawn(move || parse(svg)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(ExportError::Render("a render thread failed".into())))
            })
            .collect()
    });
    let trees = trees.into_iter().collect::<Result<Vec<_>, _>>()?;
    render_and_encode(&trees, width, height, scale, picture.background())
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 4)
}

/// Paints the trees in order over `background` into horizontal strips of one buffer (one
/// strip per thread), then encodes the PNG.
fn render_and_encode(
    trees: &[usvg::Tree],
    width: u32,
    height: u32,
    scale: f32,
    background: Option<crate::look::Rgba>,
) -> Result<Vec<u8>, ExportError> {
    let row = width as usize * 4;
    let strip_h = (height as usize).div_ceil(threads().min(height as usize).max(1));
    let mut data = vec![0u8; row * height as usize];
    let rendered: Vec<bool> = std::thread::scope(|scope| {
        let handles: Vec<_> = data
            .chunks_mut(row * strip_h)
            .enumerate()
            .map(|(index, chunk)| {
                scope.spawn(move || {
                    let top = (index * strip_h) as f32;
                    let rows = (chunk.len() / row) as u32;
                    let Some(mut pixmap) = tiny_skia::PixmapMut::from_bytes(chunk, width, rows)
                    else {
                        return false;
                    };
                    if let Some(bg) = background {
                        let [red, green, blue, alpha] = bg.0;
                        pixmap.fill(tiny_skia::Color::from_rgba8(red, green, blue, alpha));
                    }
                    let transform =
                        tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -top);
                    for tree in trees {
                        resvg::render(tree, transform, &mut pixmap);
                    }
                    demultiply(pixmap.data_mut());
                    true
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect()
    });
    if rendered.contains(&false) {
        return Err(ExportError::Render(
            "a strip of the image could not be rendered".into(),
        ));
    }
    encode(&data, width, height)
}

/// Premultiplied RGBA (tiny-skia's) to straight RGBA (PNG's), in place; opaque pixels,
/// the vast majority, are left alone.
fn demultiply(data: &mut [u8]) {
    for px in data.chunks_exact_mut(4) {
        let a = px[3];
        if a != 255 && a != 0 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8;
            }
        }
    }
}

/// Images larger than this many pixels are compressed fast rather than small.
const FAST_COMPRESSION_PIXELS: u64 = 4_000_000;

/// Straight RGBA rows to PNG. Big images use fast compression (several times faster for a
/// file about three times larger), small ones the default balance.
fn encode(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    let fail = |e: ::png::EncodingError| ExportError::Render(e.to_string());
    let mut out = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut out, width, height);
        encoder.set_color(::png::ColorType::Rgba);
        encoder.set_depth(::png::BitDepth::Eight);
        encoder.set_compression(
            if u64::from(width) * u64::from(height) > FAST_COMPRESSION_PIXELS {
                ::png::Compression::Fast
            } else {
                ::png::Compression::Balanced
            },
        );
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(rgba).map_err(fail)?;
        writer.finish().map_err(fail)?;
    }
    Ok(out)
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
    fn layered_striped_rendering_matches_rendering_the_single_svg() {
        let mut doc = crate::model::Document::new("Layers");
        for i in 0..12 {
            let n = crate::model::Node::server(
                format!("s{i}").as_str(),
                format!("EX-{i:02}"),
                crate::model::Version::V2019,
                &[crate::model::Role::Mailbox],
            )
            .at(f64::from(i % 4) * 220.0, f64::from(i / 4) * 120.0);
            doc.nodes.push(n);
        }
        let opts = SvgOptions::default();
        let picture = compose(&doc, &[], &opts);
        let (w, h) = picture.size();
        let trees: Vec<usvg::Tree> = picture
            .layers(3)
            .iter()
            .map(|svg| parse(svg).expect("layer parses"))
            .collect();
        assert_eq!(trees.len(), 3);
        let layered = render_and_encode(&trees, w as u32, h as u32, 1.0, picture.background())
            .expect("layered");
        let single = svg_to_png(&picture.to_svg(), 1.0).expect("single");
        let a = tiny_skia::Pixmap::decode_png(&layered).expect("decodes");
        let b = tiny_skia::Pixmap::decode_png(&single).expect("decodes");
        assert_eq!((a.width(), a.height()), (b.width(), b.height()));
        let differing = a
            .data()
            .chunks(4)
            .zip(b.data().chunks(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 2))
            .count();
        assert!(differing < 20, "{differing} pixels differ");
    }

    #[test]
    fn demultiply_restores_straight_colour() {
        let mut px = [64, 0, 32, 128, 255, 255, 255, 255, 0, 0, 0, 0];
        demultiply(&mut px);
        assert_eq!(px, [128, 0, 64, 128, 255, 255, 255, 255, 0, 0, 0, 0]);
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
