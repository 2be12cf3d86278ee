//! PNG export: decodes, has the requested size, shows text with no system font, honours the
//! background.

use hybrid_designer::export::png::{PngOptions, svg_to_png, to_png};
use hybrid_designer::export::svg::{SvgOptions, to_svg};
use hybrid_designer::export::{Background, ExportFormat, ExportOptions, export_bytes};
use hybrid_designer::look;
use hybrid_designer::model::{Document, Node, Role, Version};
use resvg::tiny_skia::Pixmap;
use resvg::usvg;

fn one_server(name: &str) -> Document {
    let mut d = Document::new("T");
    d.nodes
        .push(Node::server("a", name, Version::V2016, &[Role::Mailbox]).at(0.0, 0.0));
    d
}

fn svg_size(svg: &str) -> (f32, f32) {
    let t =
        usvg::Tree::from_str(svg, &hybrid_designer::export::png::usvg_options()).expect("parses");
    (t.size().width(), t.size().height())
}

#[test]
fn png_decodes_with_the_svg_size_at_1x_and_twice_that_at_2x() {
    let d = one_server("EX16-01");
    let svg = to_svg(&d, &[], &SvgOptions::default());
    let (w, h) = svg_size(&svg);
    for scale in [1.0f32, 2.0] {
        let png = to_png(&d, &[], &SvgOptions::default(), &PngOptions { scale }).expect("png");
        let img = Pixmap::decode_png(&png).expect("decodes");
        assert_eq!(img.width(), (w * scale).ceil() as u32, "width at {scale}x");
        assert_eq!(
            img.height(),
            (h * scale).ceil() as u32,
            "height at {scale}x"
        );
    }
}

/// Pixels of the image inside the name's text area that are dark (text is #201F1E).
fn dark_pixels_in_name_area(name: &str) -> usize {
    let d = one_server(name);
    let svg = to_svg(&d, &[], &SvgOptions::default());
    let img = Pixmap::decode_png(&svg_to_png(&svg, 1.0).expect("png")).expect("decodes");
    // Where the name sits: find the text element's x/y in the SVG and map through the viewBox.
    let tree =
        usvg::Tree::from_str(&svg, &hybrid_designer::export::png::usvg_options()).expect("parses");
    let _ = tree;
    let vb: Vec<f32> = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("viewBox")
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    let rect = look::node_rect(&d.nodes[0], look::Point::new(0.0, 0.0));
    let x0 = (rect.min.x + 50.0 - vb[0]) as u32;
    let x1 = (rect.max.x - 8.0 - vb[0]) as u32;
    let y0 = (rect.min.y + 10.0 - vb[1]) as u32;
    let y1 = (rect.center().y - 1.0 - vb[1]) as u32;
    let mut n = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = img.pixel(x, y).expect("inside");
            if p.alpha() > 200
                && u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 300
            {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn name_text_is_rendered_with_the_embedded_font() {
    let with_name = dark_pixels_in_name_area("EX16-01 MAILBOX");
    let without = dark_pixels_in_name_area("");
    assert!(without < 5, "nothing dark without a name: {without}");
    assert!(
        with_name > 80,
        "the name is drawn: only {with_name} dark pixels"
    );
}

#[test]
fn transparent_background_leaves_corners_clear_and_white_fills_them() {
    let d = one_server("EX");
    let white = export_bytes(&d, ExportFormat::Png, &ExportOptions::default()).expect("png");
    let clear = export_bytes(
        &d,
        ExportFormat::Png,
        &ExportOptions {
            background: Background::Transparent,
            ..ExportOptions::default()
        },
    )
    .expect("png");
    let w = Pixmap::decode_png(&white).expect("decodes");
    let c = Pixmap::decode_png(&clear).expect("decodes");
    let corner = |p: &Pixmap| p.pixel(0, p.height() - 1).expect("corner");
    assert_eq!(corner(&c).alpha(), 0);
    let wc = corner(&w);
    assert_eq!(
        (wc.red(), wc.green(), wc.blue(), wc.alpha()),
        (255, 255, 255, 255)
    );
}

#[test]
fn scale_comes_from_export_options() {
    let d = one_server("EX");
    let one = Pixmap::decode_png(
        &export_bytes(&d, ExportFormat::Png, &ExportOptions::default()).expect("png"),
    )
    .expect("decodes");
    let two = Pixmap::decode_png(
        &export_bytes(
            &d,
            ExportFormat::Png,
            &ExportOptions {
                scale: 2.0,
                ..ExportOptions::default()
            },
        )
        .expect("png"),
    )
    .expect("decodes");
    assert_eq!(two.width(), one.width() * 2);
    assert_eq!(two.height(), one.height() * 2);
}
