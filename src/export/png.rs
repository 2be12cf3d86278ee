//! PNG export: the SVG export rendered with resvg, using only the embedded fonts, so text
//! renders the same on a machine without any system font.

use super::ExportError;
#[cfg(doc)]
use super::svg::to_svg;
use super::svg::{SvgOptions, compose, intersects, prim_bounds};
use crate::look::{Point, Prim, Rect};
use crate::model::Document;
use crate::rules::Finding;
use resvg::{tiny_skia, usvg};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, OnceLock, mpsc};

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

/// The longest side of an exported image, in pixels: larger plans are drawn at a lower
/// scale (see [`PngInfo::note`]).
pub const MAX_SIDE: u32 = 16_384;
/// Pixels rendered per band: bands are rendered, encoded and dropped one after the other, so
/// memory stays bounded whatever the size of the image (a few bands of 16 MB in flight).
/// Larger bands parse fewer prims twice (those on a band's edge).
const BAND_PIXELS: usize = 4_000_000;
/// The most prims parsed into one usvg tree: a band holding more (a small scale puts the
/// whole plan in one band) is parsed and painted in runs of this many, in paint order, so
/// the trees in memory stay small whatever the plan.
const PRIMS_PER_TREE: usize = 8_000;

/// The size and scale of an exported PNG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PngInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per canvas unit actually used.
    pub scale: f32,
    /// Pixels per canvas unit asked for (clamped to 0.1..=8).
    pub requested_scale: f32,
}

/// A PNG export in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct PngImage {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// Its size and scale.
    pub info: PngInfo,
}

impl PngInfo {
    /// Whether the scale was lowered to keep the long side within [`MAX_SIDE`].
    #[must_use]
    pub fn scale_was_lowered(&self) -> bool {
        self.scale < self.requested_scale
    }

    /// A sentence for the user when the scale was lowered, `None` otherwise.
    #[must_use]
    pub fn note(&self) -> Option<String> {
        self.scale_was_lowered().then(|| {
            format!(
                "the plan is large: drawn at scale {:.2} instead of {} so the image ({}\u{d7}{} pixels) stays within {} pixels a side",
                self.scale,
                look_num(self.requested_scale),
                self.width,
                self.height,
                MAX_SIDE
            )
        })
    }
}

fn look_num(v: f32) -> String {
    crate::look::num(v)
}

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

/// The scale and pixel size of a picture of `w`×`h` units at `scale`, the scale lowered
/// when the long side would pass [`MAX_SIDE`].
fn fit(w: f32, h: f32, scale: f32) -> (f32, u32, u32) {
    let long = f64::from(w.max(h).max(1.0));
    let mut s = f64::from(scale);
    if (long * s).ceil() > f64::from(MAX_SIDE) {
        s = f64::from(MAX_SIDE) / long;
        // Rounding must not push a side one pixel over the limit.
        while (long * s).ceil() > f64::from(MAX_SIDE) {
            s *= 0.999_999;
        }
    }
    let side = |v: f32| (f64::from(v) * s).ceil().clamp(1.0, f64::from(MAX_SIDE)) as u32;
    (s as f32, side(w), side(h))
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

/// Renders an SVG document to PNG bytes at `scale` pixels per SVG unit (lowered for very
/// large pictures, see [`MAX_SIDE`]), keeping the SVG's own background (none = transparent).
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    let tree = parse(svg)?;
    let (scale, width, height) = fit(
        tree.size().width(),
        tree.size().height(),
        clamp_scale(scale),
    );
    let paint = |_: Rect, pixmap: &mut tiny_skia::PixmapMut<'_>, t: tiny_skia::Transform| {
        resvg::render(&tree, t, pixmap);
        Ok(())
    };
    let mut out = Vec::new();
    render_and_encode(
        &mut out,
        width,
        height,
        scale,
        Point::default(),
        None,
        &paint,
    )?;
    Ok(out)
}

/// The plan as a PNG image: [`to_svg`]'s picture at `png.scale` pixels per canvas unit.
pub fn to_png(
    doc: &Document,
    findings: &[Finding],
    opts: &SvgOptions<'_>,
    png: &PngOptions,
) -> Result<Vec<u8>, ExportError> {
    render_png(doc, findings, opts, png).map(|image| image.bytes)
}

/// The plan as a PNG image in memory, with its size and scale (see [`render_png_to`]).
pub fn render_png(
    doc: &Document,
    findings: &[Finding],
    opts: &SvgOptions<'_>,
    png: &PngOptions,
) -> Result<PngImage, ExportError> {
    let mut bytes = Vec::new();
    let info = render_png_to(doc, findings, opts, png, &mut bytes)?;
    Ok(PngImage { bytes, info })
}

/// The plan as a PNG image written to `out` as it is made; returns its size and scale.
///
/// The long side is kept within [`MAX_SIDE`] by lowering the scale. The image is made in
/// horizontal bands: each band parses only the prims that reach into it (text shaping is the
/// costly part, and at most [`PRIMS_PER_TREE`] prims are parsed at once), is rendered on one
/// of several threads and streamed to the PNG encoder in order, then dropped; so memory is
/// bounded by a few bands, not by the image or the plan (writing to a file, not to memory).
/// The result is the same as rendering [`to_svg`]'s output.
pub fn render_png_to<W: Write>(
    doc: &Document,
    findings: &[Finding],
    opts: &SvgOptions<'_>,
    png: &PngOptions,
    out: W,
) -> Result<PngInfo, ExportError> {
    let requested_scale = clamp_scale(png.scale);
    let picture = compose(doc, findings, opts);
    let (w, h) = picture.size();
    let (scale, width, height) = fit(w, h, requested_scale);
    let view = picture.view();
    // Bounds once; each band then picks the prims that reach into it.
    let bounded: Vec<(&Prim, Rect)> = picture.prims(true).map(|p| (p, prim_bounds(p))).collect();
    let paint = |region: Rect, pixmap: &mut tiny_skia::PixmapMut<'_>, t: tiny_skia::Transform| {
        let inside: Vec<&Prim> = bounded
            .iter()
            .filter(|(_, b)| intersects(b, &region))
            .map(|(p, _)| *p)
            .collect();
        for run in inside.chunks(PRIMS_PER_TREE) {
            let tree = parse(&picture.svg_of(run.iter().copied()))?;
            resvg::render(&tree, t, pixmap);
        }
        Ok(())
    };
    render_and_encode(
        out,
        width,
        height,
        scale,
        view.min,
        picture.background(),
        &paint,
    )?;
    Ok(PngInfo {
        width,
        height,
        scale,
        requested_scale,
    })
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 4)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Which bands are handed out and written, shared by the render threads and the encoder.
#[derive(Default)]
struct Progress {
    next: usize,
    written: usize,
    stop: bool,
}

/// Paints the picture band by band on several threads over `background` and streams the
/// rows to the PNG encoder in order. `paint` draws the part of the picture in a canvas
/// region (`origin` is the picture's top-left corner in canvas units) with a transform
/// into the band's pixmap. At most `threads + 1` bands exist at once.
fn render_and_encode<W: Write>(
    out: W,
    width: u32,
    height: u32,
    scale: f32,
    origin: Point,
    background: Option<crate::look::Rgba>,
    paint: &(
         dyn Fn(
        Rect,
        &mut tiny_skia::PixmapMut<'_>,
        tiny_skia::Transform,
    ) -> Result<(), ExportError>
             + Sync
     ),
) -> Result<(), ExportError> {
    let opaque = background.is_some_and(|c| c.a() == 255);
    // At least one band per thread, so small images use every core too.
    let band_rows = (BAND_PIXELS / width as usize)
        .min((height as usize).div_ceil(threads()))
        .max(16)
        .min(height as usize);
    let bands = (height as usize).div_ceil(band_rows);

    let render_band = |index: usize| -> Result<Vec<u8>, ExportError> {
        let top = index * band_rows;
        let rows = band_rows.min(height as usize - top);
        let mut data = vec![0u8; width as usize * 4 * rows];
        let mut pixmap = tiny_skia::PixmapMut::from_bytes(&mut data, width, rows as u32)
            .ok_or_else(|| ExportError::Render("a band of the image could not be made".into()))?;
        if let Some(bg) = background {
            let [red, green, blue, alpha] = bg.0;
            pixmap.fill(tiny_skia::Color::from_rgba8(red, green, blue, alpha));
        }
        let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(top as f32));
        // The band in canvas units, with a unit to spare for antialiasing.
        let region = Rect {
            min: Point::new(origin.x - 1.0, origin.y + top as f32 / scale - 1.0),
            max: Point::new(
                origin.x + width as f32 / scale + 1.0,
                origin.y + (top + rows) as f32 / scale + 1.0,
            ),
        };
        paint(region, &mut pixmap, transform)?;
        if opaque {
            // Every pixel is opaque: drop alpha in place (a quarter less to compress), no
            // demultiply.
            for i in 0..width as usize * rows {
                let (from, to) = (i * 4, i * 3);
                data[to] = data[from];
                data[to + 1] = data[from + 1];
                data[to + 2] = data[from + 2];
            }
            data.truncate(width as usize * 3 * rows);
            Ok(data)
        } else {
            demultiply(&mut data);
            Ok(data)
        }
    };

    let fail = |e: ::png::EncodingError| match e {
        ::png::EncodingError::IoError(io) => ExportError::Write(io),
        other => ExportError::Render(other.to_string()),
    };
    let mut encoder = ::png::Encoder::new(out, width, height);
    encoder.set_color(if opaque {
        ::png::ColorType::Rgb
    } else {
        ::png::ColorType::Rgba
    });
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(
        if u64::from(width) * u64::from(height) > FAST_COMPRESSION_PIXELS {
            // fdeflate: measured on a 5,000-server plan, as fast as `Fastest` (the "up"
            // filter only) for a file 40 % smaller.
            ::png::Compression::Fast
        } else {
            ::png::Compression::Balanced
        },
    );
    let mut writer = encoder.write_header().map_err(fail)?;
    let mut stream = writer.stream_writer().map_err(fail)?;

    let result = in_order(bands, threads(), &render_band, &mut |rows: Vec<u8>| {
        stream.write_all(&rows).map_err(ExportError::Write)
    });
    result?;
    stream.finish().map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(())
}

/// Runs `render` for every index below `count` on up to `threads` threads and hands the
/// results to `write` in index order. At most `threads + 1` results wait to be written, so
/// memory is bounded whatever `count` is. The first error stops everything.
fn in_order(
    count: usize,
    threads: usize,
    render: &(dyn Fn(usize) -> Result<Vec<u8>, ExportError> + Sync),
    write: &mut dyn FnMut(Vec<u8>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let workers = threads.clamp(1, count.max(1));
    let window = workers + 1;
    let progress = Mutex::new(Progress::default());
    let turn = Condvar::new();
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<(usize, Result<Vec<u8>, ExportError>)>(workers);
        for _ in 0..workers {
            let send = send.clone();
            let (progress, turn) = (&progress, &turn);
            scope.spawn(move || {
                loop {
                    let index = {
                        let mut p = lock(progress);
                        while !p.stop && p.next < count && p.next >= p.written + window {
                            p = turn
                                .wait(p)
                                .unwrap_or_else(std::sync::PoisonError::into_inner);
                        }
                        if p.stop || p.next >= count {
                            break;
                        }
                        p.next += 1;
                        p.next - 1
                    };
                    if send.send((index, render(index))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut pending = BTreeMap::new();
        let mut written = 0;
        let mut outcome = Ok(());
        'receive: for (index, result) in &receive {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&written) {
                if let Err(e) = result.and_then(&mut *write) {
                    outcome = Err(e);
                    break 'receive;
                }
                written += 1;
                lock(&progress).written = written;
                turn.notify_all();
            }
        }
        // Wake and release every render thread (after an error they may be waiting).
        lock(&progress).stop = true;
        turn.notify_all();
        drop(receive);
        if outcome.is_ok() && written != count {
            outcome = Err(ExportError::Render(
                "a band of the image could not be rendered".into(),
            ));
        }
        outcome
    })
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

/// Images larger than this many pixels are compressed fast rather than small (several times
/// faster for a file about three times larger).
const FAST_COMPRESSION_PIXELS: u64 = 4_000_000;

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
    fn banded_rendering_matches_rendering_the_single_svg() {
        let mut doc = crate::model::Document::new("Bands");
        for i in 0..40 {
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
        let banded = to_png(&doc, &[], &opts, &PngOptions { scale: 3.0 }).expect("banded");
        let single = svg_to_png(&picture.to_svg(), 3.0).expect("single");
        let a = tiny_skia::Pixmap::decode_png(&banded).expect("decodes");
        let b = tiny_skia::Pixmap::decode_png(&single).expect("decodes");
        assert_eq!((a.width(), a.height()), (b.width(), b.height()));
        // Several bands at this size, so culling and band seams are exercised.
        assert!(a.width() as usize * a.height() as usize > 2 * BAND_PIXELS);
        let differing = a
            .data()
            .chunks(4)
            .zip(b.data().chunks(4))
            .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 2))
            .count();
        assert!(differing < 20, "{differing} pixels differ");
    }

    #[test]
    fn a_band_with_more_prims_than_one_tree_holds_is_painted_in_runs_with_the_same_result() {
        let doc = crate::model::generate::synthetic_plan(800);
        let opts = SvgOptions::default();
        let picture = compose(&doc, &[], &opts);
        assert!(picture.prims(true).count() > PRIMS_PER_TREE, "several runs");
        // At this scale the whole picture is one band.
        let banded = to_png(&doc, &[], &opts, &PngOptions { scale: 0.1 }).expect("banded");
        let single = svg_to_png(&picture.to_svg(), 0.1).expect("single");
        let a = tiny_skia::Pixmap::decode_png(&banded).expect("decodes");
        let b = tiny_skia::Pixmap::decode_png(&single).expect("decodes");
        assert_eq!((a.width(), a.height()), (b.width(), b.height()));
        // The last column and row differ: the SVG's background rectangle ends part way into
        // them at this scale, while the bands are filled whole.
        let mut differing = 0;
        for y in 0..a.height() - 1 {
            for x in 0..a.width() - 1 {
                let (Some(p), Some(q)) = (a.pixel(x, y), b.pixel(x, y)) else {
                    continue;
                };
                let pairs = [
                    (p.red(), q.red()),
                    (p.green(), q.green()),
                    (p.blue(), q.blue()),
                    (p.alpha(), q.alpha()),
                ];
                // A run that starts mid-row of cards rounds the cards' anti-aliased corners a
                // few levels apart (measured: at most 8 of 255, one row of corner pixels); a
                // missing or misplaced shape differs by far more.
                if pairs.iter().any(|(u, v)| u.abs_diff(*v) > 12) {
                    differing += 1;
                }
            }
        }
        assert!(differing < 20, "{differing} pixels differ");
    }

    #[test]
    fn the_long_side_is_capped_by_lowering_the_scale() {
        assert_eq!(fit(1000.0, 500.0, 2.0), (2.0, 2000, 1000));
        let (scale, w, h) = fit(20_000.0, 5_000.0, 1.0);
        assert!((MAX_SIDE - 1..=MAX_SIDE).contains(&w), "{w}");
        assert!(scale < 0.82 && scale > 0.81, "{scale}");
        assert_eq!(h, (5_000.0 * f64::from(scale)).ceil() as u32);
    }

    #[test]
    fn results_are_written_in_order_whatever_order_they_finish_in() {
        let mut seen = Vec::new();
        let render = |i: usize| {
            // Early indices take longest, so later ones finish first.
            std::thread::sleep(std::time::Duration::from_millis((20 - i as u64) * 2));
            Ok(vec![i as u8])
        };
        in_order(20, 3, &render, &mut |v| {
            seen.push(v[0]);
            Ok(())
        })
        .expect("all written");
        assert_eq!(seen, (0..20).collect::<Vec<u8>>());
    }

    #[test]
    fn an_error_stops_the_pipeline_and_is_reported() {
        let render = |i: usize| {
            if i == 5 {
                Err(ExportError::Render("band 5".into()))
            } else {
                Ok(vec![0])
            }
        };
        let mut written = 0;
        let result = in_order(50, 2, &render, &mut |_| {
            written += 1;
            Ok(())
        });
        assert!(matches!(result, Err(ExportError::Render(m)) if m == "band 5"));
        assert_eq!(written, 5);
    }

    #[test]
    fn demultiply_restores_straight_colour() {
        let mut px = [64, 0, 32, 128, 255, 255, 255, 255, 0, 0, 0, 0];
        demultiply(&mut px);
        assert_eq!(px, [128, 0, 64, 128, 255, 255, 255, 255, 0, 0, 0, 0]);
    }

    #[test]
    fn oversized_pictures_are_drawn_smaller_not_refused() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="10" viewBox="0 0 20000 10"/>"#;
        let png = svg_to_png(svg, 1.0).expect("drawn smaller");
        let img = tiny_skia::Pixmap::decode_png(&png).expect("decodes");
        assert_eq!(img.width(), MAX_SIDE);
    }
}
