//! SVG export: the plan painted from [`crate::look`]'s display lists.
//!
//! One function ([`write_prim`]) maps a [`Prim`] to SVG; colours, labels and dash patterns
//! all come from `look`. Icons are inlined once as `<symbol>`s and placed with `<use>`.

use crate::edit::Selection;
use crate::look::{
    self, Anchor, FONT_STACK, LinkState, NodeState, Point, Prim, Rect, Rgba, Stroke, Weight, num,
};
use crate::model::{Document, LinkKind, NodeKind};
use crate::rules::{Finding, Severity};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Options of [`to_svg`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SvgOptions<'a> {
    /// Show finding outlines, halos and the legend's severity counts.
    pub findings: bool,
    /// Background colour; `None` is transparent.
    pub background: Option<Rgba>,
    /// Draw only these nodes (plus the ends of selected links) and the links between them.
    pub selection: Option<&'a Selection>,
    /// Space around the drawing, in canvas units.
    pub margin: f32,
    /// Draw the legend (link kinds present, finding counts).
    pub legend: bool,
    /// Presentation highlighting: everything not in it is dimmed as in presentation mode.
    pub highlight: Option<&'a Highlight>,
}

/// What a presentation slide shows at full strength; the other nodes and links are dimmed
/// ([`look::DIM_OPACITY`]), as the presenter's canvas does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Nodes at full strength.
    pub nodes: std::collections::HashSet<crate::model::NodeId>,
    /// Links at full strength.
    pub links: std::collections::HashSet<crate::model::LinkId>,
}

impl Highlight {
    /// The highlighting of a view: `None` when it highlights nothing (then nothing is dimmed,
    /// as in presentation mode).
    #[must_use]
    pub fn of_view(view: &crate::model::View) -> Option<Self> {
        (!view.nodes.is_empty() || !view.links.is_empty()).then(|| Self {
            nodes: view.nodes.iter().cloned().collect(),
            links: view.links.iter().cloned().collect(),
        })
    }
}

impl Default for SvgOptions<'_> {
    fn default() -> Self {
        Self {
            findings: true,
            background: Some(Rgba::WHITE),
            selection: None,
            margin: 40.0,
            legend: true,
            highlight: None,
        }
    }
}

/// Height of the title band above the drawing.
const TITLE_BAND: f32 = 64.0;
const LEGEND_GAP: f32 = 40.0;

/// Escapes text for SVG/XML content and attribute values (`& < > " '`); control characters
/// XML 1.0 forbids are dropped.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn paint_attr(out: &mut String, name: &str, c: Rgba) {
    let _ = write!(out, " {name}=\"{}\"", c.to_hex());
    if c.a() < 255 {
        let _ = write!(out, " {name}-opacity=\"{}\"", num(c.opacity()));
    }
}

fn fill_stroke(out: &mut String, fill: Option<Rgba>, stroke: Option<Stroke>) {
    match fill {
        Some(c) => paint_attr(out, "fill", c),
        None => out.push_str(" fill=\"none\""),
    }
    if let Some(s) = stroke {
        paint_attr(out, "stroke", s.color);
        let _ = write!(out, " stroke-width=\"{}\"", num(s.width));
    }
}

fn points_attr(out: &mut String, points: &[Point]) {
    out.push_str(" points=\"");
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", num(p.x), num(p.y));
    }
    out.push('"');
}

/// Writes one primitive as an SVG element. The only place that knows how a `Prim` looks
/// in SVG.
pub fn write_prim(out: &mut String, prim: &Prim) {
    match prim {
        Prim::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                num(rect.min.x),
                num(rect.min.y),
                num(rect.width().max(0.0)),
                num(rect.height().max(0.0))
            );
            if *radius > 0.0 {
                let r = radius
                    .min(rect.width() / 2.0)
                    .min(rect.height() / 2.0)
                    .max(0.0);
                let _ = write!(out, " rx=\"{}\"", num(r));
            }
            fill_stroke(out, *fill, *stroke);
            out.push_str("/>\n");
        }
        Prim::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                num(center.x),
                num(center.y),
                num(radius.max(0.0))
            );
            fill_stroke(out, *fill, *stroke);
            out.push_str("/>\n");
        }
        Prim::Polyline { .. } => write_polyline(out, prim),
        Prim::Polygon { points, fill } => {
            out.push_str("<polygon");
            points_attr(out, points);
            paint_attr(out, "fill", *fill);
            out.push_str("/>\n");
        }
        Prim::Text { .. } => write_text(out, prim),
        Prim::Icon { .. } => write_icon(out, prim),
    }
}

/// A `Prim::Polyline`: round caps when solid, butt caps when dashed so dots stay dots.
fn write_polyline(out: &mut String, prim: &Prim) {
    let Prim::Polyline {
        points,
        stroke,
        dash,
    } = prim
    else {
        return;
    };
    if points.len() < 2 {
        return;
    }
    out.push_str("<polyline");
    points_attr(out, points);
    out.push_str(" fill=\"none\"");
    paint_attr(out, "stroke", stroke.color);
    let _ = write!(out, " stroke-width=\"{}\"", num(stroke.width));
    match dash {
        Some(d) => {
            let _ = write!(
                out,
                " stroke-dasharray=\"{}\" stroke-linecap=\"butt\"",
                d.svg_dasharray()
            );
        }
        None => out.push_str(" stroke-linecap=\"round\""),
    }
    out.push_str(" stroke-linejoin=\"round\"/>\n");
}

/// A `Prim::Text`: `pos.y` is the line's centre, SVG wants the baseline.
fn write_text(out: &mut String, prim: &Prim) {
    let Prim::Text {
        pos,
        text,
        size,
        color,
        anchor,
        weight,
    } = prim
    else {
        return;
    };
    let anchor = match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\"",
        num(pos.x),
        num(pos.y + look::baseline_offset(*size)),
        num(*size)
    );
    if *weight == Weight::Bold {
        out.push_str(" font-weight=\"bold\"");
    }
    paint_attr(out, "fill", *color);
    let _ = writeln!(out, ">{}</text>", escape(text));
}

/// A `Prim::Icon`: a `<use>` of the kind's `<symbol>`.
fn write_icon(out: &mut String, prim: &Prim) {
    let Prim::Icon {
        kind,
        rect,
        opacity,
    } = prim
    else {
        return;
    };
    let _ = write!(
        out,
        "<use href=\"#icon-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
        kind.key(),
        num(rect.min.x),
        num(rect.min.y),
        num(rect.width()),
        num(rect.height())
    );
    if *opacity < 1.0 {
        let _ = write!(out, " opacity=\"{}\"", num(opacity.max(0.0)));
    }
    out.push_str("/>\n");
}

/// Everything a picture of the plan needs, computed once.
struct Scene {
    zones: Vec<Prim>,
    /// Each link's prims and its `<title>`.
    links: Vec<(Vec<Prim>, String)>,
    /// Each card's prims and its `<title>` (the full name).
    nodes: Vec<(Vec<Prim>, String)>,
    bounds: Option<Rect>,
    icons: BTreeSet<NodeKind>,
    kinds: BTreeSet<LinkKind>,
}

fn build_scene(doc: &Document, findings: &[Finding], opts: &SvgOptions<'_>) -> Scene {
    let geometry = look::node_geometry(doc);
    let routing = look::Routing::new(doc, &geometry);
    let (node_sev, link_sev) = if opts.findings {
        super::worst_severities(findings)
    } else {
        Default::default()
    };
    let shown = opts.selection.map(|s| super::selected_nodes(doc, s));
    let is_shown = |id: &crate::model::NodeId| shown.as_ref().is_none_or(|s| s.contains(id));

    let mut scene = Scene {
        zones: Vec::new(),
        links: Vec::new(),
        nodes: Vec::new(),
        bounds: None,
        icons: BTreeSet::new(),
        kinds: BTreeSet::new(),
    };
    let grow = |r: Rect, b: &mut Option<Rect>| *b = Some(b.map_or(r, |b| b.union(&r)));
    // Certificate badges are coloured as of the day the validator judges the plan on.
    let as_of = crate::rules::evaluation_date(doc);
    // Servers spread over several AD sites say which one on their cards.
    let show_site = look::servers_in_several_sites(&doc.nodes);

    for l in &doc.links {
        if !is_shown(&l.from) || !is_shown(&l.to) {
            continue;
        }
        let Some(route) = routing.route(&l.id) else {
            continue;
        };
        let state = LinkState {
            severity: link_sev.get(&l.id).copied(),
            dimmed: opts.highlight.is_some_and(|h| !h.links.contains(&l.id)),
            ..LinkState::default()
        };
        let prims = look::routed_link_prims(l, route, &state);
        // A route around a card may run outside every card: keep it in the picture.
        for p in &route.points {
            grow(Rect::from_center_size(*p, 8.0, 8.0), &mut scene.bounds);
        }
        if let Some(r) = look::link_label_rect(&prims) {
            grow(r, &mut scene.bounds);
        }
        scene.kinds.insert(l.kind);
        scene.links.push((prims, link_title(doc, l)));
    }
    for n in &doc.nodes {
        if !is_shown(&n.id) {
            continue;
        }
        let Some(&(c, _)) = geometry.get(&n.id) else {
            continue;
        };
        let state = NodeState {
            severity: node_sev.get(&n.id).copied(),
            dimmed: opts.highlight.is_some_and(|h| !h.nodes.contains(&n.id)),
            show_site,
            ..NodeState::default()
        };
        // Room for the badge and outline that stick out of the card.
        grow(look::node_rect(n, c).expand(10.0), &mut scene.bounds);
        scene.icons.insert(n.kind);
        scene
            .nodes
            .push((look::node_prims_as_of(n, c, &state, as_of), n.name.clone()));
    }
    // Zones around what is drawn, beneath everything.
    let drawn: std::collections::HashMap<_, _> = geometry
        .iter()
        .filter(|(id, _)| is_shown(id))
        .map(|(id, g)| (id.clone(), *g))
        .collect();
    let regions = look::zones::regions(doc, &drawn);
    for r in &regions {
        grow(r.rect.expand(2.0), &mut scene.bounds);
    }
    scene.zones = look::zones::region_prims(&regions);
    scene
}

/// A link's `<title>`: its full label and the names of its ends.
fn link_title(doc: &Document, l: &crate::model::Link) -> String {
    let name = |id: &crate::model::NodeId| {
        doc.node(id.as_str())
            .map_or_else(|| id.to_string(), |n| n.name.clone())
    };
    format!(
        "{} ({} \u{2192} {})",
        look::link_label(l),
        name(&l.from),
        name(&l.to)
    )
}

fn severity_counts(
    findings: &[Finding],
    doc: &Document,
    shown: Option<&BTreeSet<crate::model::NodeId>>,
) -> Vec<(Severity, usize)> {
    let _ = doc;
    let relevant = |f: &&Finding| match shown {
        None => true,
        Some(s) => f.nodes.iter().any(|n| s.contains(n)),
    };
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| {
            (
                s,
                findings
                    .iter()
                    .filter(relevant)
                    .filter(|f| f.severity == s)
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The XML prologue, the `<svg>` element with its viewBox and font stack, the title, the
/// icon symbols and the background.
fn write_header(
    out: &mut String,
    view: Rect,
    title: &str,
    icons: &BTreeSet<NodeKind>,
    background: Option<Rgba>,
) {
    let (w, h) = (view.width(), view.height());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" font-family=\"{}\">",
        num(w),
        num(h),
        num(view.min.x),
        num(view.min.y),
        num(w),
        num(h),
        FONT_STACK.replace('\'', "&apos;")
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    if !icons.is_empty() {
        out.push_str("<defs>\n");
        for k in icons {
            let _ = writeln!(
                out,
                "<symbol id=\"icon-{}\" viewBox=\"0 0 48 48\">\n{}\n</symbol>",
                k.key(),
                look::icon_svg_body(*k)
            );
        }
        out.push_str("</defs>\n");
    }
    if let Some(bg) = background {
        write_prim(
            out,
            &Prim::Rect {
                rect: Rect::from_min_size(view.min, w, h),
                radius: 0.0,
                fill: Some(bg),
                stroke: None,
            },
        );
    }
}

/// A finished picture: its viewBox, title, icons, background and the prims in paint order,
/// in named sections (SVG `<g id>`s).
pub(crate) struct Composition {
    view: Rect,
    title: String,
    icons: BTreeSet<NodeKind>,
    background: Option<Rgba>,
    sections: Vec<(&'static str, Vec<Prim>)>,
    /// Per section, the runs of prims that form one card or link, with its `<title>`.
    titled: Vec<(&'static str, TitledRuns)>,
}

/// Runs of prims (by index in their section) that form one card or link, with its title.
type TitledRuns = Vec<(std::ops::Range<usize>, String)>;

/// The sections of a picture in paint order, and the titled runs of some of them.
type Painted = (
    Vec<(&'static str, Vec<Prim>)>,
    Vec<(&'static str, TitledRuns)>,
);

impl Composition {
    /// Width and height of the picture in canvas units (whole numbers).
    pub(crate) fn size(&self) -> (f32, f32) {
        (self.view.width(), self.view.height())
    }

    /// The background colour, if any.
    pub(crate) fn background(&self) -> Option<Rgba> {
        self.background
    }

    /// The picture's region in canvas units (its SVG viewBox).
    pub(crate) fn view(&self) -> Rect {
        self.view
    }

    /// The region of the drawing without the title band on top.
    pub(crate) fn diagram_view(&self) -> Rect {
        let mut r = self.view;
        r.min.y = (r.min.y + TITLE_BAND).min(r.max.y);
        r
    }

    /// The prims in paint order, with or without the title and subtitle.
    pub(crate) fn prims(&self, heading: bool) -> impl Iterator<Item = &Prim> {
        self.sections
            .iter()
            .filter(move |(id, _)| heading || *id != "title")
            .flat_map(|(_, p)| p.iter())
    }

    /// One SVG document of the picture's size and no background holding only these prims,
    /// in the order given: with the prims that may paint inside a region (see
    /// [`prim_bounds`]), rendering it there gives the same pixels as rendering the whole
    /// picture. Lets the PNG exporter work band by band.
    pub(crate) fn svg_of<'p>(&self, prims: impl Iterator<Item = &'p Prim>) -> String {
        let prims: Vec<&Prim> = prims.collect();
        let icons: BTreeSet<NodeKind> = prims
            .iter()
            .filter_map(|p| match p {
                Prim::Icon { kind, .. } => Some(*kind),
                _ => None,
            })
            .collect();
        let mut out = String::with_capacity(4096 + prims.len() * 160);
        write_header(&mut out, self.view, &self.title, &icons, None);
        for p in prims {
            write_prim(&mut out, p);
        }
        out.push_str("</svg>\n");
        out
    }

    /// The whole picture as one SVG document.
    pub(crate) fn to_svg(&self) -> String {
        let count: usize = self.sections.iter().map(|(_, p)| p.len()).sum();
        let mut out = String::with_capacity(4096 + count * 160);
        write_header(
            &mut out,
            self.view,
            &self.title,
            &self.icons,
            self.background,
        );
        for (id, prims) in &self.sections {
            if prims.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<g id=\"{id}\">");
            let runs = self
                .titled
                .iter()
                .find(|(s, _)| s == id)
                .map_or(&[][..], |(_, r)| r.as_slice());
            write_titled(&mut out, prims, runs);
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        out
    }
}

/// Writes prims, wrapping each titled run in a `<g>` whose `<title>` names it (hover text,
/// accessibility, and the full name where the card shortens it).
fn write_titled(out: &mut String, prims: &[Prim], runs: &[(std::ops::Range<usize>, String)]) {
    let mut next = 0;
    for (range, title) in runs {
        for p in prims.get(next..range.start).unwrap_or_default() {
            write_prim(out, p);
        }
        let _ = writeln!(out, "<g><title>{}</title>", escape(title));
        for p in prims.get(range.clone()).unwrap_or_default() {
            write_prim(out, p);
        }
        out.push_str("</g>\n");
        next = range.end;
    }
    for p in prims.get(next..).unwrap_or_default() {
        write_prim(out, p);
    }
}

/// Whether two rectangles overlap (touching counts).
pub(crate) fn intersects(a: &Rect, b: &Rect) -> bool {
    a.min.x <= b.max.x && b.min.x <= a.max.x && a.min.y <= b.max.y && b.min.y <= a.max.y
}

/// A rectangle that holds everything a prim paints: strokes, caps and text included, with
/// room to spare (text is measured by estimate), so culling by it never cuts a pixel.
pub(crate) fn prim_bounds(prim: &Prim) -> Rect {
    let around = |points: &[Point], pad: f32| {
        let mut r = Rect::from_min_size(points.first().copied().unwrap_or_default(), 0.0, 0.0);
        for p in points {
            r = r.union(&Rect::from_min_size(*p, 0.0, 0.0));
        }
        r.expand(pad)
    };
    match prim {
        Prim::Rect { rect, stroke, .. } => rect.expand(stroke.map_or(0.0, |s| s.width) + 2.0),
        Prim::Circle {
            center,
            radius,
            stroke,
            ..
        } => Rect::from_center_size(*center, radius * 2.0, radius * 2.0)
            .expand(stroke.map_or(0.0, |s| s.width) + 2.0),
        Prim::Polyline { points, stroke, .. } => around(points, stroke.width + 2.0),
        Prim::Polygon { points, .. } => around(points, 2.0),
        Prim::Text {
            pos,
            text,
            size,
            anchor,
            weight,
            ..
        } => {
            // Estimated widths may be short for unusual glyphs: take half again, plus an em.
            let w = look::text_width(text, *size, *weight) * 1.5 + size;
            let x0 = match anchor {
                Anchor::Start => pos.x - size,
                Anchor::Middle => pos.x - w / 2.0,
                Anchor::End => pos.x - w,
            };
            Rect::from_min_size(Point::new(x0, pos.y - size * 1.5), w + size, size * 3.0)
        }
        Prim::Icon { rect, .. } => rect.expand(2.0),
    }
}

fn finite_margin(m: f32) -> f32 {
    if m.is_finite() {
        m.clamp(0.0, 1000.0)
    } else {
        40.0
    }
}

/// Lays out the picture of the plan (see [`to_svg`]).
pub(crate) fn compose(doc: &Document, findings: &[Finding], opts: &SvgOptions<'_>) -> Composition {
    let scene = build_scene(doc, findings, opts);
    let shown = opts.selection.map(|s| super::selected_nodes(doc, s));
    let counts = if opts.findings {
        severity_counts(findings, doc, shown.as_ref())
    } else {
        Vec::new()
    };
    let kinds: Vec<LinkKind> = scene.kinds.iter().copied().collect();

    let margin = finite_margin(opts.margin);
    let content = scene
        .bounds
        .unwrap_or(Rect::from_min_size(Point::default(), 360.0, 80.0));
    let legend_at = Point::new(content.max.x + LEGEND_GAP, content.min.y);
    let legend = if opts.legend && (!kinds.is_empty() || !counts.is_empty()) {
        Some(look::legend_prims(legend_at, &kinds, &counts))
    } else {
        None
    };
    let mut area = content;
    if let Some((_, (w, h))) = &legend {
        area = area.union(&Rect::from_min_size(legend_at, *w, *h));
    }
    let title = doc.display_title().to_owned();
    let subtitle = summary_line(doc, scene.nodes.len(), scene.links.len(), &counts);
    let title_w = look::text_width(&title, 20.0, Weight::Bold).max(look::text_width(
        &subtitle,
        12.0,
        Weight::Normal,
    ));
    let area = area.union(&Rect::from_min_size(area.min, title_w, 1.0));
    let view = Rect {
        min: Point::new(area.min.x - margin, area.min.y - margin - TITLE_BAND),
        max: Point::new(area.max.x + margin, area.max.y + margin),
    };
    // Whole pixels, so a 1x PNG maps canvas units to pixels exactly.
    let view = Rect::from_min_size(view.min, view.width().ceil(), view.height().ceil());

    let (tx, ty) = (area.min.x, area.min.y - TITLE_BAND);
    let text =
        |pos: Point, text: String, size: f32, color: Rgba, anchor: Anchor, weight: Weight| {
            Prim::Text {
                pos,
                text,
                size,
                color,
                anchor,
                weight,
            }
        };
    let mut heading = vec![
        text(
            Point::new(tx, ty + 22.0),
            title.clone(),
            20.0,
            look::TEXT,
            Anchor::Start,
            Weight::Bold,
        ),
        text(
            Point::new(tx, ty + 44.0),
            subtitle,
            12.0,
            look::TEXT_MUTED,
            Anchor::Start,
            Weight::Normal,
        ),
    ];
    if scene.nodes.is_empty() {
        heading.push(text(
            content.center(),
            "This plan has no nodes yet.".to_owned(),
            14.0,
            look::TEXT_MUTED,
            Anchor::Middle,
            Weight::Normal,
        ));
    }
    let (mut sections, titled) = paint_order(scene.zones, scene.links, scene.nodes);
    sections.insert(0, ("title", heading));
    sections.push(("legend", legend.map(|(p, _)| p).unwrap_or_default()));
    Composition {
        view,
        title,
        icons: scene.icons,
        background: opts.background,
        sections,
        titled,
    }
}

/// Zones beneath everything, then links, then all link labels (so no line crosses a label),
/// then nodes; with the runs of each card and link for their `<title>`s.
fn paint_order(
    zones: Vec<Prim>,
    edges: Vec<(Vec<Prim>, String)>,
    cards: Vec<(Vec<Prim>, String)>,
) -> Painted {
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    let (mut line_runs, mut label_runs, mut node_runs) = (Vec::new(), Vec::new(), Vec::new());
    for (mut prims, title) in edges {
        let split = prims.len().saturating_sub(look::LINK_LABEL_PRIMS);
        let at = labels.len();
        labels.extend(prims.drain(split..));
        label_runs.push((at..labels.len(), title.clone()));
        let at = lines.len();
        lines.extend(prims);
        line_runs.push((at..lines.len(), title));
    }
    let mut nodes: Vec<Prim> = Vec::new();
    for (prims, title) in cards {
        let at = nodes.len();
        nodes.extend(prims);
        node_runs.push((at..nodes.len(), title));
    }
    (
        vec![
            ("zones", zones),
            ("links", lines),
            ("link-labels", labels),
            ("nodes", nodes),
        ],
        vec![
            ("links", line_runs),
            ("link-labels", label_runs),
            ("nodes", node_runs),
        ],
    )
}

/// The plan as a standalone SVG document: fitted with a margin to the nodes drawn (the whole
/// plan or `opts.selection`), the title on top, links under nodes, finding outlines and a
/// legend when asked. Always valid XML, whatever the names contain.
#[must_use]
pub fn to_svg(doc: &Document, findings: &[Finding], opts: &SvgOptions<'_>) -> String {
    compose(doc, findings, opts).to_svg()
}

/// "6 nodes · 10 links · 1 error, 2 warnings" (counts of what is drawn).
fn summary_line(
    doc: &Document,
    nodes: usize,
    links: usize,
    counts: &[(Severity, usize)],
) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "{} \u{B7} {}",
        plural(nodes, "node", "nodes"),
        plural(links, "link", "links")
    );
    if !counts.is_empty() {
        let parts: Vec<String> = counts
            .iter()
            .map(|(sev, n)| match sev {
                Severity::Error => plural(*n, "error", "errors"),
                Severity::Warning => plural(*n, "warning", "warnings"),
                Severity::Info => plural(*n, "info", "info"),
            })
            .collect();
        let _ = write!(s, " \u{B7} {}", parts.join(", "));
    }
    if let Some(d) = doc.hybrid.evaluation_date.as_deref() {
        let _ = write!(s, " \u{B7} evaluated {d}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_xml_specials_and_drops_control_characters() {
        assert_eq!(
            escape("<EX&01> \"a\" 'b'"),
            "&lt;EX&amp;01&gt; &quot;a&quot; &apos;b&apos;"
        );
        assert_eq!(escape("a\u{1}b\u{7}"), "ab");
    }

    #[test]
    fn text_prim_becomes_an_anchored_escaped_text_element() {
        let mut s = String::new();
        write_prim(
            &mut s,
            &Prim::Text {
                pos: Point::new(1.0, 2.0),
                text: "a<b".into(),
                size: 10.0,
                color: look::TEXT,
                anchor: Anchor::Middle,
                weight: Weight::Bold,
            },
        );
        assert!(s.starts_with("<text x=\"1\" y=\"5.6\" font-size=\"10\" text-anchor=\"middle\" font-weight=\"bold\""), "{s}");
        assert!(s.contains(">a&lt;b</text>"));
    }

    #[test]
    fn translucent_colours_carry_an_opacity() {
        let mut s = String::new();
        write_prim(
            &mut s,
            &Prim::Polygon {
                points: vec![Point::default(); 3],
                fill: Rgba([255, 0, 0, 64]),
            },
        );
        assert!(s.contains("fill=\"#ff0000\" fill-opacity=\"0.25\""), "{s}");
    }
}
