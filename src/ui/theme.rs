//! Colours and glyphs the panels share, so a severity looks the same in the list, the status
//! bar, the counts and on the canvas (the colours come from [`crate::look`]).

use crate::look;
use crate::rules::Severity;
use egui::Color32;

/// The editor canvas's background: a cool light grey that the white and tinted cards stand out on.
pub(crate) const CANVAS: Color32 = Color32::from_rgb(0xEC, 0xEF, 0xF3);

/// The arrow between a link's ends. egui's default fonts have no U+2192 (→), which would show
/// as a box; U+27A1 is in its emoji font.
pub(crate) const ARROW: &str = "➡";

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
