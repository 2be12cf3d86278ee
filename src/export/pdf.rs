//! PDF handout: the whole diagram, one page per presentation slide, then the findings.
//!
//! Pages are painted from [`crate::look`]'s display lists, like the SVG export and the
//! canvas, with krilla: vector shapes, real text in the embedded `DejaVu Sans` (subset and
//! embedded, so it is selectable and searchable everywhere), and clickable links to the
//! rules' sources. Icons are the project's SVG icons, parsed by usvg and drawn as paths.
//!
//! Layout: page 1 holds the title, date, counts and the whole plan fitted to a landscape
//! page. Then one page per slide of the deck the presenter opens with (the plan's own
//! views; for a plan without any, the Mail flow and Sharing walkthroughs), each with its
//! title, caption and highlighting (the rest dimmed, as in presentation mode). Then the
//! findings grouped by severity with subjects, fix and source.

use super::ExportError;
use super::report::{SEVERITIES, counts_line, heading, plan_size, safe_url, subjects};
use super::svg::{Composition, Highlight, SvgOptions, compose, intersects, prim_bounds};
use crate::edit::Selection;
use crate::look::{self, Anchor, Dash, Point, Prim, Rect, Rgba, Weight};
use crate::model::NodeKind;
use crate::model::{Document, View};
use crate::present::{Walkthrough, fit_aspect, walkthrough};
use crate::rules::Finding;
use krilla::geom::{Path, PathBuilder, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use std::collections::HashMap;

/// The paper a handout is printed on, always in landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4 (297 × 210 mm).
    #[default]
    A4,
    /// US Letter (11 × 8.5 in).
    Letter,
}

impl Paper {
    /// Width and height of the landscape page in PDF points (1/72 in).
    #[must_use]
    pub fn landscape(self) -> (f32, f32) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::Letter => (792.0, 612.0),
        }
    }
}

/// Options of [`to_pdf`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PdfOptions<'a> {
    /// Page size.
    pub paper: Paper,
    /// The date printed on page 1 (`YYYY-MM-DD`).
    pub date: &'a str,
    /// Outline the nodes and links named by findings on page 1's diagram.
    pub findings_on_diagram: bool,
    /// Draw only these nodes (and the links between them) in the diagrams.
    pub selection: Option<&'a Selection>,
}

impl Default for PdfOptions<'_> {
    fn default() -> Self {
        Self {
            paper: Paper::A4,
            date: "",
            findings_on_diagram: true,
            selection: None,
        }
    }
}

const MARGIN: f32 = 36.0;
const FOOTER: f32 = 18.0;
const LINK_BLUE: Rgba = Rgba::hex(0x0F_6CBD);

/// A slide of the handout: what it is part of, and the view.
struct Slide {
    series: String,
    view: View,
}

/// The slides: the plan's own views, or the Mail flow and Sharing walkthroughs (the deck the
/// presenter opens with, without its title slide: page 1 already shows the whole plan).
fn slides(doc: &Document, findings: &[Finding]) -> Vec<Slide> {
    if !doc.views.is_empty() {
        let n = doc.views.len();
        return doc
            .views
            .iter()
            .enumerate()
            .map(|(i, v)| Slide {
                series: format!("Presentation view {} of {n}", i + 1),
                view: v.clone(),
            })
            .collect();
    }
    let mut out = Vec::new();
    for w in [Walkthrough::MailFlow, Walkthrough::Sharing] {
        let views = walkthrough(doc, findings, w);
        let n = views.len();
        for (i, view) in views.into_iter().enumerate() {
            out.push(Slide {
                series: format!("{} walkthrough, slide {} of {n}", w.label(), i + 1),
                view,
            });
        }
    }
    out
}

/// The handout of this plan as PDF bytes. `findings` are the validator's findings of `doc`.
pub fn to_pdf(
    doc: &Document,
    findings: &[Finding],
    opts: &PdfOptions<'_>,
) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::load()?;
    let (width, height) = opts.paper.landscape();
    let slides = slides(doc, findings);
    let finding_pages = layout_findings(doc, findings, &fonts, width, height);
    let mut handout = Handout {
        fonts,
        icons: Icons::load(),
        width,
        height,
        title: doc.display_title().to_owned(),
        pages: 1 + slides.len() + finding_pages.len(),
        page: 0,
        pdf: krilla::Document::new(),
    };
    handout.overview_page(doc, findings, opts)?;
    for slide in &slides {
        handout.slide_page(doc, slide, opts)?;
    }
    for items in &finding_pages {
        handout.findings_page(items)?;
    }
    let Handout { mut pdf, title, .. } = handout;
    pdf.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{title} \u{2014} hybrid handout"))
            .creator("hybrid-designer".to_owned()),
    );
    pdf.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

/// A handout being written: the fonts, icons and page size, and the pages so far.
struct Handout {
    fonts: Fonts,
    icons: Icons,
    width: f32,
    height: f32,
    title: String,
    pages: usize,
    page: usize,
    pdf: krilla::Document,
}

impl Handout {
    fn settings(&self) -> Result<krilla::page::PageSettings, ExportError> {
        krilla::page::PageSettings::from_wh(self.width, self.height)
            .ok_or_else(|| ExportError::Pdf("the page size is not valid".into()))
    }

    /// The area left for a diagram below `top`.
    fn diagram_area(&self, top: f32) -> Rect {
        Rect {
            min: Point::new(MARGIN, top),
            max: Point::new(self.width - MARGIN, self.height - MARGIN - FOOTER / 2.0),
        }
    }

    /// Draws wrapped text from baseline `y`; returns the baseline after it.
    // The style travels as the separate fields `Prim::Text` has; a struct for it would be
    // built at every call only to be taken apart here.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        fonts: &Fonts,
        surface: &mut Surface<'_>,
        text: &str,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgba,
        width: f32,
    ) -> f32 {
        let mut y = y;
        for line in fonts.wrap(text, size, weight, width) {
            fonts.draw(
                surface,
                &line,
                Point::new(MARGIN, y),
                size,
                weight,
                color,
                Anchor::Start,
            );
            y += size * 1.3;
        }
        y
    }

    fn footer(&mut self, surface: &mut Surface<'_>) {
        self.page += 1;
        let text = format!(
            "{} \u{B7} hybrid-designer handout \u{B7} page {} of {}",
            self.title, self.page, self.pages
        );
        let at = Point::new(MARGIN, self.height - MARGIN / 2.0);
        self.fonts.draw(
            surface,
            &text,
            at,
            8.0,
            Weight::Normal,
            look::TEXT_MUTED,
            Anchor::Start,
        );
    }

    /// Page 1: title, date, counts, and the whole plan.
    fn overview_page(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        opts: &PdfOptions<'_>,
    ) -> Result<(), ExportError> {
        let settings = self.settings()?;
        let mut pdf = std::mem::take(&mut self.pdf);
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        let text_width = self.width - 2.0 * MARGIN;
        let title = self.title.clone();
        let y = Self::paragraph(
            &self.fonts,
            &mut surface,
            &title,
            MARGIN + 18.0,
            20.0,
            Weight::Bold,
            look::TEXT,
            text_width,
        );
        let meta = format!(
            "Date: {} \u{B7} Plan: {} \u{B7} Findings: {}",
            opts.date,
            plan_size(doc),
            if findings.is_empty() {
                "none".to_owned()
            } else {
                counts_line(findings)
            }
        );
        let y = Self::paragraph(
            &self.fonts,
            &mut surface,
            &meta,
            y - 4.0,
            10.0,
            Weight::Normal,
            look::TEXT_MUTED,
            text_width,
        );
        let svg_opts = SvgOptions {
            findings: opts.findings_on_diagram,
            background: None,
            selection: opts.selection,
            margin: 10.0,
            ..SvgOptions::default()
        };
        let shown = if opts.findings_on_diagram {
            findings
        } else {
            &[]
        };
        let picture = compose(doc, shown, &svg_opts);
        let area = self.diagram_area(y + 4.0);
        paint_region(
            &mut surface,
            &self.fonts,
            &self.icons,
            &picture,
            picture.diagram_view(),
            area,
        );
        self.footer(&mut surface);
        surface.finish();
        page.finish();
        self.pdf = pdf;
        Ok(())
    }

    /// A slide: what it belongs to, its title and caption, and its region of the plan with
    /// the presenter's highlighting.
    fn slide_page(
        &mut self,
        doc: &Document,
        slide: &Slide,
        opts: &PdfOptions<'_>,
    ) -> Result<(), ExportError> {
        let settings = self.settings()?;
        let mut pdf = std::mem::take(&mut self.pdf);
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        let text_width = self.width - 2.0 * MARGIN;
        let fonts = &self.fonts;
        let mut y = Self::paragraph(
            fonts,
            &mut surface,
            &slide.series,
            MARGIN + 6.0,
            9.0,
            Weight::Normal,
            look::TEXT_MUTED,
            text_width,
        );
        y = Self::paragraph(
            fonts,
            &mut surface,
            &slide.view.title,
            y + 12.0,
            18.0,
            Weight::Bold,
            look::TEXT,
            text_width,
        );
        for paragraph in slide.view.caption.lines() {
            y = Self::paragraph(
                fonts,
                &mut surface,
                paragraph,
                y,
                11.0,
                Weight::Normal,
                look::TEXT,
                text_width,
            );
        }
        let highlight = Highlight::of_view(&slide.view);
        let svg_opts = SvgOptions {
            findings: false,
            background: None,
            selection: opts.selection,
            legend: false,
            highlight: highlight.as_ref(),
            ..SvgOptions::default()
        };
        let picture = compose(doc, &[], &svg_opts);
        let cam = slide.view.camera;
        let region = Rect::from_min_size(
            Point::new(cam.x as f32, cam.y as f32),
            cam.width as f32,
            cam.height as f32,
        );
        let area = self.diagram_area(y + 6.0);
        paint_region(
            &mut surface,
            &self.fonts,
            &self.icons,
            &picture,
            region,
            area,
        );
        self.footer(&mut surface);
        surface.finish();
        page.finish();
        self.pdf = pdf;
        Ok(())
    }

    /// A page of findings, with a link annotation over every source address.
    fn findings_page(&mut self, items: &[Item]) -> Result<(), ExportError> {
        let settings = self.settings()?;
        let mut pdf = std::mem::take(&mut self.pdf);
        let mut page = pdf.start_page_with(settings);
        let mut links = Vec::new();
        let mut surface = page.surface();
        for item in items {
            match item {
                Item::Text {
                    pos,
                    text,
                    size,
                    weight,
                    color,
                    link,
                } => {
                    self.fonts.draw(
                        &mut surface,
                        text,
                        *pos,
                        *size,
                        *weight,
                        *color,
                        Anchor::Start,
                    );
                    if let Some(url) = link {
                        let w = self.fonts.width(text, *size, *weight);
                        links.push((
                            Rect::from_min_size(Point::new(pos.x, pos.y - size), w, size * 1.3),
                            url.clone(),
                        ));
                    }
                }
                Item::Bar { rect, color } => fill_rect(&mut surface, *rect, *color),
            }
        }
        self.footer(&mut surface);
        surface.finish();
        for (rect, url) in links {
            let Some(r) =
                krilla::geom::Rect::from_ltrb(rect.min.x, rect.min.y, rect.max.x, rect.max.y)
            else {
                continue;
            };
            let target = krilla::annotation::Target::Action(
                krilla::action::LinkAction::new(url.clone()).into(),
            );
            let link = krilla::annotation::LinkAnnotation::new(r, target);
            page.add_annotation(krilla::annotation::Annotation::new_link(link, Some(url)));
        }
        page.finish();
        self.pdf = pdf;
        Ok(())
    }
}

/// One thing placed on a findings page.
enum Item {
    /// A line of text, its baseline starting at `pos`; a link when `link` is set.
    Text {
        pos: Point,
        text: String,
        size: f32,
        weight: Weight,
        color: Rgba,
        link: Option<String>,
    },
    /// A filled rectangle (the severity bar beside a finding).
    Bar { rect: Rect, color: Rgba },
}

/// Lays the findings out on as many pages as they need. Never empty: a plan without
/// findings gets a page saying so.
fn layout_findings(
    doc: &Document,
    findings: &[Finding],
    fonts: &Fonts,
    pw: f32,
    ph: f32,
) -> Vec<Vec<Item>> {
    let bottom = ph - MARGIN - FOOTER;
    let width = pw - 2.0 * MARGIN;
    let mut pager = Pager::default();
    pager.start(None);
    pager.text(
        MARGIN,
        pager.y,
        &counts_line(findings),
        10.0,
        Weight::Normal,
        look::TEXT_MUTED,
    );
    pager.y += 16.0;
    for sev in SEVERITIES {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let mut group_heading = Some(format!("{} ({})", heading(sev), group.len()));
        for f in group {
            let rows = finding_rows(doc, f, fonts, width);
            let height: f32 = rows.iter().map(|r| line_height(r.size)).sum::<f32>() + 4.0;
            let heading_h = if group_heading.is_some() { 28.0 } else { 0.0 };
            if pager.y + heading_h + height > bottom && pager.y > MARGIN + 60.0 {
                pager.start(Some("Findings (continued)"));
            }
            if let Some(h) = group_heading.take() {
                pager.y += 8.0;
                pager.text(
                    MARGIN,
                    pager.y + 10.0,
                    &h,
                    13.0,
                    Weight::Bold,
                    look::severity_color(sev),
                );
                pager.y += 20.0;
            }
            pager.place(rows, look::severity_color(sev));
        }
    }
    pager.pages.push(pager.items);
    pager.pages
}

/// Findings laid out page by page.
#[derive(Default)]
struct Pager {
    pages: Vec<Vec<Item>>,
    items: Vec<Item>,
    y: f32,
}

impl Pager {
    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight, color: Rgba) {
        self.items.push(Item::Text {
            pos: Point::new(x, y),
            text: text.to_owned(),
            size,
            weight,
            color,
            link: None,
        });
    }

    /// Starts a page with this heading ("Findings" for the first).
    fn start(&mut self, continued: Option<&str>) {
        if continued.is_some() {
            self.pages.push(std::mem::take(&mut self.items));
        }
        self.y = MARGIN + 18.0;
        self.text(
            MARGIN,
            self.y,
            continued.unwrap_or("Findings"),
            18.0,
            Weight::Bold,
            look::TEXT,
        );
        self.y += 18.0;
    }

    /// Places a finding's rows with its severity bar beside them.
    fn place(&mut self, rows: Vec<Row>, bar: Rgba) {
        let top = self.y;
        for row in rows {
            self.y += line_height(row.size);
            let baseline = self.y - row.size * 0.3;
            if let Some(label) = row.label {
                self.text(
                    MARGIN + INDENT,
                    baseline,
                    label,
                    row.size,
                    Weight::Bold,
                    look::TEXT_MUTED,
                );
            }
            self.items.push(Item::Text {
                pos: Point::new(MARGIN + row.indent, baseline),
                text: row.text,
                size: row.size,
                weight: row.weight,
                color: row.color,
                link: row.link,
            });
        }
        self.y += 4.0;
        self.items.push(Item::Bar {
            rect: Rect {
                min: Point::new(MARGIN, top + 2.0),
                max: Point::new(MARGIN + 3.0, self.y),
            },
            color: bar,
        });
        self.y += 10.0;
    }
}

/// Where a finding's text starts, right of its severity bar.
const INDENT: f32 = 14.0;
/// Where the values of a finding's fields start, right of their labels.
const VALUE_INDENT: f32 = 74.0;

/// Line height at this font size.
fn line_height(size: f32) -> f32 {
    size * 1.32
}

/// One line of a finding's block; the first line of a field carries its label.
struct Row {
    label: Option<&'static str>,
    indent: f32,
    text: String,
    size: f32,
    weight: Weight,
    color: Rgba,
    link: Option<String>,
}

/// A finding as lines: rule and message, then its subjects, fix and source.
fn finding_rows(doc: &Document, f: &Finding, fonts: &Fonts, width: f32) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in fonts.wrap(
        &format!("{} \u{2014} {}", f.rule, f.message),
        10.5,
        Weight::Bold,
        width - INDENT,
    ) {
        rows.push(Row {
            label: None,
            indent: INDENT,
            text: line,
            size: 10.5,
            weight: Weight::Bold,
            color: look::TEXT,
            link: None,
        });
    }
    let mut field = |label: &'static str, value: &str, color: Rgba, link: Option<String>| {
        for (i, line) in fonts
            .wrap(value, 9.5, Weight::Normal, width - VALUE_INDENT)
            .into_iter()
            .enumerate()
        {
            rows.push(Row {
                label: (i == 0).then_some(label),
                indent: VALUE_INDENT,
                text: line,
                size: 9.5,
                weight: Weight::Normal,
                color,
                link: link.clone(),
            });
        }
    };
    let subj = subjects(doc, f);
    if !subj.is_empty() {
        field("Subjects", &subj.join(", "), look::TEXT, None);
    }
    if !f.fix.trim().is_empty() {
        field("Fix", f.fix.trim(), look::TEXT, None);
    }
    match safe_url(f.source) {
        Some(url) => field("Source", f.source, LINK_BLUE, Some(url)),
        None if !f.source.is_empty() => field("Source", f.source, look::TEXT, None),
        None => {}
    }
    rows
}

/// Paints the part `region` (canvas units) of a picture into `area` (page points), as large
/// as fits and centred, clipped to the area. Only the prims that reach into the region are
/// painted, so a slide of a huge plan stays small.
fn paint_region(
    surface: &mut Surface<'_>,
    fonts: &Fonts,
    icons: &Icons,
    picture: &Composition,
    region: Rect,
    area: Rect,
) {
    if area.width() <= 1.0
        || area.height() <= 1.0
        || region.width() <= 0.0
        || region.height() <= 0.0
    {
        return;
    }
    let cam = fit_aspect(
        crate::model::Camera {
            x: f64::from(region.min.x),
            y: f64::from(region.min.y),
            width: f64::from(region.width()),
            height: f64::from(region.height()),
        },
        f64::from(area.width() / area.height()),
    );
    let shown = Rect::from_min_size(
        Point::new(cam.x as f32, cam.y as f32),
        cam.width as f32,
        cam.height as f32,
    );
    let k = area.width() / shown.width();
    let clip = rect_path(area, 0.0);
    if let Some(clip) = &clip {
        surface.push_clip_path(clip, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_row(
        k,
        0.0,
        0.0,
        k,
        area.min.x - shown.min.x * k,
        area.min.y - shown.min.y * k,
    ));
    for prim in picture.prims(false) {
        if intersects(&prim_bounds(prim), &shown) {
            paint_prim(surface, fonts, icons, prim);
        }
    }
    surface.pop();
    if clip.is_some() {
        surface.pop();
    }
}

fn fill_of(c: Rgba) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(c.r(), c.g(), c.b()).into(),
        opacity: NormalizedF32::new(c.opacity()).unwrap_or(NormalizedF32::ONE),
        rule: FillRule::NonZero,
    }
}

fn stroke_of(s: look::Stroke, dash: Option<Dash>) -> Stroke {
    let dashed = dash.is_some_and(|d| d.on > 0.0);
    Stroke {
        paint: krilla::color::rgb::Color::new(s.color.r(), s.color.g(), s.color.b()).into(),
        width: s.width.max(0.0),
        opacity: NormalizedF32::new(s.color.opacity()).unwrap_or(NormalizedF32::ONE),
        line_cap: if dashed {
            LineCap::Butt
        } else {
            LineCap::Round
        },
        line_join: LineJoin::Round,
        dash: dash.filter(|_| dashed).map(|d| {
            let mut array = Vec::new();
            for (on, off) in d.dashes().into_iter().zip(d.gaps()) {
                array.push(on);
                array.push(off);
            }
            StrokeDash { array, offset: 0.0 }
        }),
        ..Stroke::default()
    }
}

fn fill_rect(surface: &mut Surface<'_>, rect: Rect, color: Rgba) {
    if let Some(path) = rect_path(rect, 0.0) {
        surface.set_fill(Some(fill_of(color)));
        surface.set_stroke(None);
        surface.draw_path(&path);
    }
}

/// A rectangle with rounded corners (cubic quarter circles).
fn rect_path(r: Rect, radius: f32) -> Option<Path> {
    let (w, h) = (r.width().max(0.0), r.height().max(0.0));
    let rad = radius.min(w / 2.0).min(h / 2.0).max(0.0);
    let mut pb = PathBuilder::new();
    if rad <= 0.0 {
        pb.push_rect(krilla::geom::Rect::from_xywh(r.min.x, r.min.y, w, h)?);
        return pb.finish();
    }
    let c = rad * 0.552_284_8;
    let (x0, y0, x1, y1) = (r.min.x, r.min.y, r.min.x + w, r.min.y + h);
    pb.move_to(x0 + rad, y0);
    pb.line_to(x1 - rad, y0);
    pb.cubic_to(x1 - rad + c, y0, x1, y0 + rad - c, x1, y0 + rad);
    pb.line_to(x1, y1 - rad);
    pb.cubic_to(x1, y1 - rad + c, x1 - rad + c, y1, x1 - rad, y1);
    pb.line_to(x0 + rad, y1);
    pb.cubic_to(x0 + rad - c, y1, x0, y1 - rad + c, x0, y1 - rad);
    pb.line_to(x0, y0 + rad);
    pb.cubic_to(x0, y0 + rad - c, x0 + rad - c, y0, x0 + rad, y0);
    pb.close();
    pb.finish()
}

fn circle_path(center: Point, r: f32) -> Option<Path> {
    let r = r.max(0.0);
    let c = r * 0.552_284_8;
    let (x, y) = (center.x, center.y);
    let mut pb = PathBuilder::new();
    pb.move_to(x + r, y);
    pb.cubic_to(x + r, y + c, x + c, y + r, x, y + r);
    pb.cubic_to(x - c, y + r, x - r, y + c, x - r, y);
    pb.cubic_to(x - r, y - c, x - c, y - r, x, y - r);
    pb.cubic_to(x + c, y - r, x + r, y - c, x + r, y);
    pb.close();
    pb.finish()
}

fn poly_path(points: &[Point], close: bool) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut pb = PathBuilder::new();
    pb.move_to(first.x, first.y);
    for p in rest {
        pb.line_to(p.x, p.y);
    }
    if close {
        pb.close();
    }
    pb.finish()
}

/// Paints one primitive: the PDF counterpart of `svg::write_prim`.
fn paint_prim(surface: &mut Surface<'_>, fonts: &Fonts, icons: &Icons, prim: &Prim) {
    let shape = |surface: &mut Surface<'_>,
                 path: Option<Path>,
                 fill: Option<Rgba>,
                 stroke: Option<Stroke>| {
        if let Some(path) = path {
            surface.set_fill(fill.map(fill_of));
            surface.set_stroke(stroke);
            surface.draw_path(&path);
        }
    };
    match prim {
        Prim::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            shape(
                surface,
                rect_path(*rect, *radius),
                *fill,
                stroke.map(|s| stroke_of(s, None)),
            );
        }
        Prim::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            shape(
                surface,
                circle_path(*center, *radius),
                *fill,
                stroke.map(|s| stroke_of(s, None)),
            );
        }
        Prim::Polyline {
            points,
            stroke,
            dash,
        } => {
            if points.len() >= 2 {
                shape(
                    surface,
                    poly_path(points, false),
                    None,
                    Some(stroke_of(*stroke, *dash)),
                );
            }
        }
        Prim::Polygon { points, fill } => {
            shape(surface, poly_path(points, true), Some(*fill), None);
        }
        Prim::Text {
            pos,
            text,
            size,
            color,
            anchor,
            weight,
        } => {
            let baseline = Point::new(pos.x, pos.y + look::baseline_offset(*size));
            fonts.draw(surface, text, baseline, *size, *weight, *color, *anchor);
        }
        Prim::Icon {
            kind,
            rect,
            opacity,
        } => icons.draw(surface, *kind, *rect, *opacity),
    }
}

/// The embedded fonts, for drawing (krilla) and measuring (skrifa).
struct Fonts {
    regular: Font,
    bold: Font,
    regular_advances: Advances,
    bold_advances: Advances,
}

/// Advance widths in ems by character, read from a font's tables.
struct Advances {
    cache: HashMap<char, f32>,
    fallback: f32,
}

impl Advances {
    fn read(data: &[u8]) -> Option<Self> {
        use skrifa::MetadataProvider as _;
        let font = skrifa::FontRef::new(data).ok()?;
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(1.0),
            skrifa::instance::LocationRef::default(),
        );
        let mut cache = HashMap::new();
        for (code, gid) in charmap.mappings() {
            if let (Some(c), Some(w)) = (char::from_u32(code), metrics.advance_width(gid)) {
                cache.insert(c, w);
            }
        }
        let fallback = metrics
            .advance_width(skrifa::GlyphId::NOTDEF)
            .unwrap_or(0.6);
        Some(Self { cache, fallback })
    }

    fn width(&self, text: &str) -> f32 {
        text.chars()
            .map(|c| self.cache.get(&c).copied().unwrap_or(self.fallback))
            .sum()
    }
}

impl Fonts {
    fn load() -> Result<Self, ExportError> {
        let bad = || ExportError::Pdf("the embedded font could not be read".into());
        Ok(Self {
            regular: Font::new(look::FONT_REGULAR.into(), 0).ok_or_else(bad)?,
            bold: Font::new(look::FONT_BOLD.into(), 0).ok_or_else(bad)?,
            regular_advances: Advances::read(look::FONT_REGULAR).ok_or_else(bad)?,
            bold_advances: Advances::read(look::FONT_BOLD).ok_or_else(bad)?,
        })
    }

    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let adv = match weight {
            Weight::Normal => &self.regular_advances,
            Weight::Bold => &self.bold_advances,
        };
        adv.width(text) * size
    }

    /// Draws one line of text with its baseline at `at.y`, anchored at `at.x`.
    // The fields of a `Prim::Text`, passed as they are (see `paragraph`).
    #[allow(clippy::too_many_arguments)]
    fn draw(
        &self,
        surface: &mut Surface<'_>,
        text: &str,
        at: Point,
        size: f32,
        weight: Weight,
        color: Rgba,
        anchor: Anchor,
    ) {
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if line.trim().is_empty() || !(size.is_finite() && size > 0.0) {
            return;
        }
        let x = match anchor {
            Anchor::Start => at.x,
            Anchor::Middle => at.x - self.width(&line, size, weight) / 2.0,
            Anchor::End => at.x - self.width(&line, size, weight),
        };
        let font = match weight {
            Weight::Normal => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        surface.set_fill(Some(fill_of(color)));
        surface.set_stroke(None);
        surface.draw_text(
            krilla::geom::Point::from_xy(x, at.y),
            font,
            size,
            &line,
            false,
            TextDirection::Auto,
        );
    }

    /// Words wrapped into lines at most `max` points wide; a word longer than a line (a long
    /// URL) is cut.
    fn wrap(&self, text: &str, size: f32, weight: Weight, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, weight) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, size, weight) > max && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// One filled or stroked path of an icon, in the icon's 48 × 48 box.
struct IconPath {
    path: Path,
    fill: Option<Fill>,
    stroke: Option<Stroke>,
}

/// The icons of the node kinds as paths, parsed once per export.
struct Icons(HashMap<NodeKind, Vec<IconPath>>);

impl Icons {
    fn load() -> Self {
        use resvg::usvg;
        let mut map = HashMap::new();
        for kind in NodeKind::ALL {
            let Ok(tree) = usvg::Tree::from_str(look::icon_svg(kind), &usvg::Options::default())
            else {
                continue;
            };
            let mut paths = Vec::new();
            collect_paths(tree.root(), 1.0, &mut paths);
            map.insert(kind, paths);
        }
        Self(map)
    }

    fn draw(&self, surface: &mut Surface<'_>, kind: NodeKind, rect: Rect, opacity: f32) {
        let Some(paths) = self.0.get(&kind) else {
            return;
        };
        let k = rect.width() / 48.0;
        surface.push_transform(&Transform::from_row(k, 0.0, 0.0, k, rect.min.x, rect.min.y));
        let faded = opacity < 1.0;
        if faded {
            surface.push_opacity(
                NormalizedF32::new(opacity.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE),
            );
        }
        for p in paths {
            surface.set_fill(p.fill.clone());
            surface.set_stroke(p.stroke.clone());
            surface.draw_path(&p.path);
        }
        if faded {
            surface.pop();
        }
        surface.pop();
    }
}

/// The filled and stroked paths of a usvg group, transformed to the icon's box (our icons
/// are flat: solid colours, no gradients, no text).
fn collect_paths(group: &resvg::usvg::Group, opacity: f32, out: &mut Vec<IconPath>) {
    use resvg::tiny_skia::PathSegment;
    use resvg::usvg::{self, Node, Paint};
    let opacity = opacity * group.opacity().get();
    for node in group.children() {
        match node {
            Node::Group(inner) => collect_paths(inner, opacity, out),
            Node::Path(shape) => {
                let transform = shape.abs_transform();
                let Some(data) = shape.data().clone().transform(transform) else {
                    continue;
                };
                let mut builder = PathBuilder::new();
                for seg in data.segments() {
                    match seg {
                        PathSegment::MoveTo(a) => builder.move_to(a.x, a.y),
                        PathSegment::LineTo(a) => builder.line_to(a.x, a.y),
                        PathSegment::QuadTo(a, b) => builder.quad_to(a.x, a.y, b.x, b.y),
                        PathSegment::CubicTo(a, b, c) => {
                            builder.cubic_to(a.x, a.y, b.x, b.y, c.x, c.y);
                        }
                        PathSegment::Close => builder.close(),
                    }
                }
                let Some(path) = builder.finish() else {
                    continue;
                };
                let color = |paint: &Paint| match paint {
                    Paint::Color(c) => Some(Rgba::rgb(c.red, c.green, c.blue)),
                    _ => None,
                };
                let fill = shape.fill().and_then(|f| {
                    color(f.paint()).map(|c| fill_of(c.fade(f.opacity().get() * opacity)))
                });
                let stroke = shape.stroke().and_then(|s| {
                    color(s.paint()).map(|c| Stroke {
                        line_cap: match s.linecap() {
                            usvg::LineCap::Butt => LineCap::Butt,
                            usvg::LineCap::Round => LineCap::Round,
                            usvg::LineCap::Square => LineCap::Square,
                        },
                        ..stroke_of(
                            look::Stroke::new(
                                s.width().get() * transform.sx.abs().max(transform.sy.abs()),
                                c.fade(s.opacity().get() * opacity),
                            ),
                            None,
                        )
                    })
                });
                out.push(IconPath { path, fill, stroke });
            }
            Node::Image(_) | Node::Text(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_cuts_long_words() {
        let fonts = Fonts::load().expect("fonts");
        let text = "Exchange Online delivers mail for on-premises mailboxes to https://learn.microsoft.com/exchange/hybrid-deployment/set-up-hybrid";
        let lines = fonts.wrap(text, 10.0, Weight::Normal, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(fonts.width(l, 10.0, Weight::Normal) <= 120.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn measured_widths_come_from_the_font() {
        let fonts = Fonts::load().expect("fonts");
        // DejaVu Sans: "i" is much narrower than "W", and bold is wider than regular.
        assert!(
            fonts.width("i", 10.0, Weight::Normal) * 2.5 < fonts.width("W", 10.0, Weight::Normal)
        );
        assert!(
            fonts.width("EX16-01", 10.0, Weight::Bold)
                > fonts.width("EX16-01", 10.0, Weight::Normal)
        );
    }

    #[test]
    fn every_icon_becomes_paths() {
        let icons = Icons::load();
        for k in NodeKind::ALL {
            assert!(icons.0.get(&k).is_some_and(|p| !p.is_empty()), "{k:?}");
        }
    }
}
