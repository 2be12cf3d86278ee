//! Colours and glyphs the panels share, so a severity looks the same in the list, the status
//! bar, the counts and on the canvas (the colours come from [`crate::look`]).

use crate::look;
use crate::rules::Severity;
use egui::Color32;

/// The editor canvas's background: a cool light grey that the white and tinted cards stand out on.
pub(crate) const CANVAS: Color32 = Color32::from_rgb(0xEC, 0xEF, 0xF3);

/// The arrow between a link's ends (its glyph comes from the fallback [`font_definitions`] adds).
pub(crate) const ARROW: &str = "→";

/// The name egui's default fonts give the bundled Hack (monospace) font.
const HACK: &str = "Hack";

/// egui's default fonts with Hack as the last fallback of the proportional family.
///
/// The proportional fonts (Ubuntu Light and two emoji fonts) have no arrows such as → (U+2192),
/// ← or ⇄ (U+21C4, the two-way organisation relationship), which would show as boxes; Hack
/// has them. Last, so it only fills the gaps and never changes a glyph the others draw.
#[must_use]
pub(crate) fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    if fonts.font_data.contains_key(HACK) {
        let proportional = fonts
            .families
            .entry(egui::FontFamily::Proportional)
            .or_default();
        if !proportional.iter().any(|f| f == HACK) {
            proportional.push(HACK.to_owned());
        }
    }
    fonts
}

/// Installs [`font_definitions`] (they take effect from the next frame).
pub(crate) fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// A `look` colour as an egui colour.
#[must_use]
pub(crate) fn colour(c: look::Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), c.a())
}

/// The colour of a severity, as the canvas draws it.
#[must_use]
pub(crate) fn severity_colour(severity: Severity) -> Color32 {
    colour(look::severity_color(severity))
}

/// A glyph for a severity, in egui's default fonts.
#[must_use]
pub(crate) fn severity_icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "⊗",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    }
}

/// The heading of a severity group.
#[must_use]
pub(crate) fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Information",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{FontFamily, FontId};

    /// Whether the proportional family of a context that has drawn one frame with these fonts
    /// can show `c`.
    fn proportional_has(fonts: Option<egui::FontDefinitions>, c: char) -> bool {
        let ctx = egui::Context::default();
        if let Some(fonts) = fonts {
            ctx.set_fonts(fonts);
        }
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx.fonts_mut(|f| f.has_glyph(&FontId::new(14.0, FontFamily::Proportional), c))
    }

    #[test]
    fn the_proportional_family_draws_the_link_arrows() {
        for c in ['→', '←', '⇄'] {
            assert!(
                proportional_has(Some(font_definitions()), c),
                "{c} would show as a box"
            );
        }
    }

    #[test]
    fn egui_default_fonts_lack_the_two_way_arrow_so_the_fallback_is_needed() {
        assert!(!proportional_has(None, '⇄'));
    }

    #[test]
    fn hack_is_the_last_proportional_fallback() {
        let fonts = font_definitions();
        let family = &fonts.families[&FontFamily::Proportional];
        assert_eq!(family.last().map(String::as_str), Some(HACK));
        assert_eq!(family.first().map(String::as_str), Some("Ubuntu-Light"));
    }
}
