//! Text metrics (approximate, font-independent enough for layout) and number formatting.

use super::{Weight, finite_or};

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

/// The text as one line (line breaks, tabs and other control characters become spaces, so a
/// name pasted from elsewhere cannot spill out of its card), cut with "…" so its estimated
/// width fits `max_width`.
#[must_use]
pub fn truncate_to_width(text: &str, size: f32, weight: Weight, max_width: f32) -> String {
    let line: String;
    let text = if text.chars().any(char::is_control) {
        line = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        line.as_str()
    } else {
        text
    };
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

pub(super) fn font_size(base: f32, scale: f32) -> f32 {
    let s = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    (base * s).clamp(FONT_RANGE.0, FONT_RANGE.1)
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
pub(super) fn wrap(text: &str, max_chars: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_format_is_compact() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f32::NAN), "0");
    }
}
