//! Icons of the node kinds and the fonts embedded in exports.

use crate::model::NodeKind;

/// The family name of the font embedded for exports ([`FONT_REGULAR`], [`FONT_BOLD`]).
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// The SVG `font-family` of exports: the embedded font first (so resvg uses it), then a
/// common sans-serif stack for browsers.
pub const FONT_STACK: &str =
    "'DejaVu Sans', Inter, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";
/// `DejaVu Sans` (Bitstream Vera licence, `assets/fonts/DejaVu-LICENSE.txt`), for PNG export;
/// the canvas may load it too so names can be bold.
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// `DejaVu Sans` Bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The project's own icon of a node kind: a small flat SVG, viewBox `0 0 48 48` (declared
/// with the kind, [`NodeKindSpec::icon`](crate::model::NodeKindSpec::icon)).
#[must_use]
pub fn icon_svg(kind: NodeKind) -> &'static str {
    kind.spec().icon
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
}
