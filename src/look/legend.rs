//! The legend box of exports.

use super::link::arrow_head;
use super::{
    Anchor, Point, Prim, Rect, Rgba, Stroke, TEXT, Weight, link_color, link_dash, link_width,
    severity_color, severity_label, text_width,
};
use crate::model::LinkKind;
use crate::rules::Severity;

/// A legend box for exports: one sample line per link kind given, one outlined card per
/// severity given (with its count). Returns the prims and the box's size (width, height).
#[must_use]
pub fn legend_prims(
    top_left: Point,
    kinds: &[LinkKind],
    severities: &[(Severity, usize)],
) -> (Vec<Prim>, (f32, f32)) {
    let row = 20.0;
    let title_h = 26.0;
    let mut out = Vec::new();
    let mut labels: Vec<String> = kinds.iter().map(|k| k.label().to_owned()).collect();
    labels.extend(
        severities
            .iter()
            .map(|(s, n)| format!("{} ({n})", severity_label(*s))),
    );
    let text_w = labels
        .iter()
        .map(|l| text_width(l, 11.0, Weight::Normal))
        .fold(0.0f32, f32::max);
    let w = (12.0 + 40.0 + 10.0 + text_w + 12.0).max(140.0);
    let rows = kinds.len() + severities.len();
    let h = title_h + rows as f32 * row + 8.0;
    let rect = Rect::from_min_size(top_left, w, h);
    out.push(Prim::Rect {
        rect,
        radius: 6.0,
        fill: Some(Rgba::WHITE.with_alpha(240)),
        stroke: Some(Stroke::new(1.0, Rgba::hex(0xC8_C6C4))),
    });
    out.push(Prim::Text {
        pos: Point::new(rect.min.x + 12.0, rect.min.y + 15.0),
        text: "Legend".to_owned(),
        size: 12.0,
        color: TEXT,
        anchor: Anchor::Start,
        weight: Weight::Bold,
    });
    let mut y = rect.min.y + title_h + row / 2.0;
    let x0 = rect.min.x + 12.0;
    for k in kinds {
        let color = link_color(*k);
        let (start, tip) = (Point::new(x0, y), Point::new(x0 + 40.0, y));
        out.push(Prim::Polyline {
            points: vec![start, Point::new(tip.x - 6.0, y)],
            stroke: Stroke::new(link_width(*k), color),
            dash: link_dash(*k),
        });
        out.push(Prim::Polygon {
            points: arrow_head(tip, Point::new(1.0, 0.0), link_width(*k) * 0.6),
            fill: color,
        });
        out.push(Prim::Text {
            pos: Point::new(x0 + 50.0, y),
            text: k.label().to_owned(),
            size: 11.0,
            color: TEXT,
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
        y += row;
    }
    for (s, n) in severities {
        out.push(Prim::Rect {
            rect: Rect::from_min_size(Point::new(x0 + 4.0, y - 6.0), 32.0, 12.0),
            radius: 3.0,
            fill: Some(Rgba::WHITE),
            stroke: Some(Stroke::new(2.5, severity_color(*s))),
        });
        out.push(Prim::Text {
            pos: Point::new(x0 + 50.0, y),
            text: format!("{} ({n})", severity_label(*s)),
            size: 11.0,
            color: TEXT,
            anchor: Anchor::Start,
            weight: Weight::Normal,
        });
        y += row;
    }
    (out, (w, h))
}
