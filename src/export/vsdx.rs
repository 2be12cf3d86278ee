//! Visio drawing: the plan as an Office Open XML drawing package ([MS-VSDX]).
//!
//! One page; one shape per node, placed and sized as on the canvas ([`look::node_geometry`]),
//! with its name and kind as text, its card colours, and Shape Data (the `Property` section)
//! carrying its fields; one dynamic connector per link, drawn along the same route as the
//! canvas and the SVG ([`look::Routing`]: its corners as `LineTo` rows, its bends rounded by
//! the `Rounding` cell, its label where look placed it, a chip's initials when the full label
//! had no room) and glued to its two shapes (a `Connects` entry per end, with
//! `BeginX`/`EndX` glue formulas), so moving a shape in Visio keeps the link attached (Visio
//! then routes that connector itself). The zones are filled rectangles beneath everything.
//!
//! The package holds only what the format needs: `[Content_Types].xml`, the package and
//! document relationships, `docProps/core.xml` and `app.xml`, `visio/document.xml` (one
//! default style), `visio/pages/pages.xml` and `page1.xml`. No masters: every shape carries
//! its own geometry.

use super::ExportError;
use crate::look::{self, Point, Rgba};
use crate::model::{Document, Link, Node, NodeId, NodeKind};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::collections::HashMap;
use std::io::{self, Cursor, Write as _};

/// Canvas units per inch (Visio's internal unit): a 170-unit card is 1.77 in wide.
const UNITS_PER_INCH: f64 = 96.0;
/// Space around the drawing on the page, in inches.
const PAGE_MARGIN: f64 = 0.5;

const NS_VISIO: &str = "http://schemas.microsoft.com/office/visio/2012/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DOCUMENT: &str = "http://schemas.microsoft.com/visio/2010/relationships/document";
const REL_PAGES: &str = "http://schemas.microsoft.com/visio/2010/relationships/pages";
const REL_PAGE: &str = "http://schemas.microsoft.com/visio/2010/relationships/page";
const REL_CORE: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const REL_APP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";

/// The parts of the package: path and content type (for `[Content_Types].xml`).
const PARTS: [(&str, &str); 5] = [
    (
        "/visio/document.xml",
        "application/vnd.ms-visio.drawing.main+xml",
    ),
    (
        "/visio/pages/pages.xml",
        "application/vnd.ms-visio.pages+xml",
    ),
    (
        "/visio/pages/page1.xml",
        "application/vnd.ms-visio.page+xml",
    ),
    (
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    ),
    (
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    ),
];

/// The Shape Data rows of a node: row name (a Visio identifier), label, value. Fields a node
/// does not have are left out.
#[must_use]
pub fn shape_data(node: &Node) -> Vec<(&'static str, &'static str, String)> {
    let mut rows = vec![
        ("Kind", "Kind", node.kind.label().to_owned()),
        ("Id", "Id", node.id.to_string()),
    ];
    let mut add = |name, label, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            rows.push((name, label, v));
        }
    };
    add(
        "Version",
        "Version",
        node.version.map(|v| v.short().to_owned()),
    );
    add(
        "Roles",
        "Roles",
        node.roles.as_ref().map(|roles| {
            roles
                .iter()
                .map(|r| r.label())
                .collect::<Vec<_>>()
                .join(", ")
        }),
    );
    let has_site = node.kind == NodeKind::ExchangeServer;
    add("Site", "AD site", has_site.then(|| node.site().to_owned()));
    let has_zone = matches!(
        node.kind,
        NodeKind::ExchangeServer | NodeKind::EdgeTransport
    );
    add(
        "Zone",
        "Zone",
        has_zone.then(|| {
            match node.zone() {
                crate::model::Zone::Internal => "Internal network",
                crate::model::Zone::Perimeter => "Perimeter network (DMZ)",
                crate::model::Zone::Internet => "Internet",
            }
            .to_owned()
        }),
    );
    add("Tenant", "Tenant", node.tenant.clone());
    add(
        "CertificateSubject",
        "Certificate subject",
        node.certificate.as_ref().map(|c| c.subject.clone()),
    );
    add(
        "PublicNames",
        "Public names",
        node.public_names.as_ref().map(|names| names.join(", ")),
    );
    add("Notes", "Notes", node.notes.clone());
    rows
}

/// The plan as a `.vsdx` package.
pub fn to_vsdx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let geometry = look::node_geometry(doc);
    let routing = look::Routing::new(doc, &geometry);
    let frame = Frame::of(doc, &geometry, &routing);
    let page =
        page_xml(doc, &geometry, &routing, &frame).map_err(|e| ExportError::Vsdx(e.to_string()))?;
    let fail = |e: zip::result::ZipError| ExportError::Vsdx(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", content_types()),
        (
            "_rels/.rels",
            relationships(&[
                ("rId1", REL_DOCUMENT, "visio/document.xml"),
                ("rId2", REL_CORE, "docProps/core.xml"),
                ("rId3", REL_APP, "docProps/app.xml"),
            ]),
        ),
        ("docProps/core.xml", core_properties(doc.display_title())),
        ("docProps/app.xml", app_properties()),
        ("visio/document.xml", document_xml()),
        (
            "visio/_rels/document.xml.rels",
            relationships(&[("rId1", REL_PAGES, "pages/pages.xml")]),
        ),
        ("visio/pages/pages.xml", pages_xml(&frame)),
        (
            "visio/pages/_rels/pages.xml.rels",
            relationships(&[("rId1", REL_PAGE, "page1.xml")]),
        ),
        ("visio/pages/page1.xml", page),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(&bytes)
            .map_err(|e| ExportError::Vsdx(e.to_string()))?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

/// Text fit for XML 1.0: the characters it forbids (most control characters) are dropped.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

fn writer() -> Writer<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )));
    w
}

fn content_types() -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("Types")
        .with_attribute((
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        ))
        .write_inner_content(|w| {
            w.create_element("Default")
                .with_attributes([
                    ("Extension", "rels"),
                    (
                        "ContentType",
                        "application/vnd.openxmlformats-package.relationships+xml",
                    ),
                ])
                .write_empty()?;
            w.create_element("Default")
                .with_attributes([("Extension", "xml"), ("ContentType", "application/xml")])
                .write_empty()?;
            for (part, ty) in PARTS {
                w.create_element("Override")
                    .with_attributes([("PartName", part), ("ContentType", ty)])
                    .write_empty()?;
            }
            Ok(())
        });
    w.into_inner()
}

fn relationships(rels: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("Relationships")
        .with_attribute(("xmlns", NS_PKG_REL))
        .write_inner_content(|w| {
            for (id, ty, target) in rels {
                w.create_element("Relationship")
                    .with_attributes([("Id", *id), ("Type", *ty), ("Target", *target)])
                    .write_empty()?;
            }
            Ok(())
        });
    w.into_inner()
}

fn core_properties(title: &str) -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("cp:coreProperties")
        .with_attributes([
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ])
        .write_inner_content(|w| {
            w.create_element("dc:title")
                .write_text_content(BytesText::new(&xml_text(title)))?;
            w.create_element("dc:creator")
                .write_text_content(BytesText::new("hybrid-designer"))?;
            Ok(())
        });
    w.into_inner()
}

fn app_properties() -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("Properties")
        .with_attribute((
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        ))
        .write_inner_content(|w| {
            w.create_element("Application")
                .write_text_content(BytesText::new("hybrid-designer"))?;
            Ok(())
        });
    w.into_inner()
}

/// Writes `<Cell N=".." V=".."/>`, with a formula when given.
fn cell(w: &mut Writer<Vec<u8>>, name: &str, value: &str, formula: Option<&str>) -> io::Result<()> {
    let mut e = w
        .create_element("Cell")
        .with_attributes([("N", name), ("V", value)]);
    if let Some(f) = formula {
        e = e.with_attribute(("F", f));
    }
    e.write_empty()?;
    Ok(())
}

/// A number in inches (or any plain value) as Visio writes it.
fn n(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn color(c: Rgba) -> String {
    c.to_hex().to_uppercase()
}

/// The document part: settings and the one style every shape uses.
fn document_xml() -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("VisioDocument")
        .with_attributes([
            ("xmlns", NS_VISIO),
            ("xmlns:r", NS_REL),
            ("xml:space", "preserve"),
        ])
        .write_inner_content(|w| {
            w.create_element("DocumentSettings")
                .with_attributes([
                    ("TopPage", "0"),
                    ("DefaultTextStyle", "0"),
                    ("DefaultLineStyle", "0"),
                    ("DefaultFillStyle", "0"),
                    ("DefaultGuideStyle", "0"),
                ])
                .write_empty()?;
            w.create_element("Colors").write_empty()?;
            w.create_element("FaceNames").write_inner_content(|w| {
                w.create_element("FaceName")
                    .with_attributes([("NameU", look::FONT_FAMILY), ("Name", look::FONT_FAMILY)])
                    .write_empty()?;
                Ok(())
            })?;
            w.create_element("StyleSheets").write_inner_content(|w| {
                w.create_element("StyleSheet")
                    .with_attributes([("ID", "0"), ("NameU", "No Style"), ("Name", "No Style")])
                    .write_inner_content(|w| {
                        for (name, value) in [
                            ("EnableLineProps", "1"),
                            ("EnableFillProps", "1"),
                            ("EnableTextProps", "1"),
                            ("HideForApply", "0"),
                            ("LineWeight", "0.01041666666666667"),
                            ("LineColor", "0"),
                            ("LinePattern", "1"),
                            ("Rounding", "0"),
                            ("BeginArrow", "0"),
                            ("EndArrow", "0"),
                            ("FillForegnd", "1"),
                            ("FillBkgnd", "0"),
                            ("FillPattern", "1"),
                            ("LeftMargin", "0.05"),
                            ("RightMargin", "0.05"),
                            ("TopMargin", "0.05"),
                            ("BottomMargin", "0.05"),
                            ("VerticalAlign", "1"),
                        ] {
                            cell(w, name, value, None)?;
                        }
                        w.create_element("Section")
                            .with_attribute(("N", "Character"))
                            .write_inner_content(|w| {
                                w.create_element("Row")
                                    .with_attribute(("IX", "0"))
                                    .write_inner_content(|w| {
                                        cell(w, "Font", look::FONT_FAMILY, None)?;
                                        cell(w, "Color", "#000000", None)?;
                                        cell(w, "Size", "0.1111111111111111", None)?;
                                        Ok(())
                                    })?;
                                Ok(())
                            })?;
                        w.create_element("Section")
                            .with_attribute(("N", "Paragraph"))
                            .write_inner_content(|w| {
                                w.create_element("Row")
                                    .with_attribute(("IX", "0"))
                                    .write_inner_content(|w| {
                                        cell(w, "HorzAlign", "1", None)?;
                                        Ok(())
                                    })?;
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        });
    w.into_inner()
}

/// The page's extent in canvas units: every card, with nothing for an empty plan.
struct Frame {
    min_x: f64,
    max_y: f64,
    width_in: f64,
    height_in: f64,
}

impl Frame {
    fn of(
        doc: &Document,
        geometry: &HashMap<NodeId, (Point, (f32, f32))>,
        routing: &look::Routing,
    ) -> Self {
        let mut b: Option<(f64, f64, f64, f64)> = None;
        for n in &doc.nodes {
            if let Some(&(c, (w, h))) = geometry.get(&n.id) {
                let (x0, y0, x1, y1) = (
                    f64::from(c.x - w / 2.0),
                    f64::from(c.y - h / 2.0),
                    f64::from(c.x + w / 2.0),
                    f64::from(c.y + h / 2.0),
                );
                b = Some(b.map_or((x0, y0, x1, y1), |(a, b_, c_, d)| {
                    (a.min(x0), b_.min(y0), c_.max(x1), d.max(y1))
                }));
            }
        }
        for r in look::zones::regions(doc, geometry) {
            let (x0, y0, x1, y1) = (
                f64::from(r.rect.min.x),
                f64::from(r.rect.min.y),
                f64::from(r.rect.max.x),
                f64::from(r.rect.max.y),
            );
            b = Some(b.map_or((x0, y0, x1, y1), |(a, b_, c_, d)| {
                (a.min(x0), b_.min(y0), c_.max(x1), d.max(y1))
            }));
        }
        // A route around the cards, or its label, may run outside every card and zone.
        for route in routing.routes() {
            let label = route.label.map(|l| [l.rect.min, l.rect.max]);
            for p in route.points.iter().chain(label.iter().flatten()) {
                let (x, y) = (f64::from(p.x), f64::from(p.y));
                b = Some(b.map_or((x, y, x, y), |(a, b_, c_, d)| {
                    (a.min(x), b_.min(y), c_.max(x), d.max(y))
                }));
            }
        }
        let (x0, y0, x1, y1) = b.unwrap_or((0.0, 0.0, 800.0, 500.0));
        Self {
            min_x: x0,
            max_y: y1,
            width_in: (x1 - x0) / UNITS_PER_INCH + 2.0 * PAGE_MARGIN,
            height_in: (y1 - y0) / UNITS_PER_INCH + 2.0 * PAGE_MARGIN,
        }
    }

    /// A canvas point as page inches (Visio's y grows upwards from the page's bottom).
    fn page(&self, p: Point) -> (f64, f64) {
        (
            (f64::from(p.x) - self.min_x) / UNITS_PER_INCH + PAGE_MARGIN,
            (self.max_y - f64::from(p.y)) / UNITS_PER_INCH + PAGE_MARGIN,
        )
    }
}

fn pages_xml(frame: &Frame) -> Vec<u8> {
    let mut w = writer();
    let _ = w
        .create_element("Pages")
        .with_attributes([
            ("xmlns", NS_VISIO),
            ("xmlns:r", NS_REL),
            ("xml:space", "preserve"),
        ])
        .write_inner_content(|w| {
            w.create_element("Page")
                .with_attributes([("ID", "0"), ("NameU", "Page-1"), ("Name", "Plan")])
                .write_inner_content(|w| {
                    w.create_element("PageSheet").write_inner_content(|w| {
                        cell(w, "PageWidth", &n(frame.width_in), None)?;
                        cell(w, "PageHeight", &n(frame.height_in), None)?;
                        cell(w, "PageScale", "1", None)?;
                        cell(w, "DrawingScale", "1", None)?;
                        cell(w, "DrawingSizeType", "0", None)?;
                        cell(w, "DrawingScaleType", "0", None)?;
                        cell(w, "PageLockReplace", "0", None)?;
                        Ok(())
                    })?;
                    w.create_element("Rel")
                        .with_attribute(("r:id", "rId1"))
                        .write_empty()?;
                    Ok(())
                })?;
            Ok(())
        });
    w.into_inner()
}

/// The `Character` section: one row per text run (colour, size in points, bold).
fn character(w: &mut Writer<Vec<u8>>, runs: &[(Rgba, f64, bool)]) -> io::Result<()> {
    w.create_element("Section")
        .with_attribute(("N", "Character"))
        .write_inner_content(|w| {
            for (ix, (c, size, bold)) in runs.iter().enumerate() {
                w.create_element("Row")
                    .with_attribute(("IX", ix.to_string().as_str()))
                    .write_inner_content(|w| {
                        cell(w, "Color", &color(*c), None)?;
                        cell(w, "Size", &n(size / 72.0), None)?;
                        cell(w, "Style", if *bold { "1" } else { "0" }, None)?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The `Property` section (Shape Data): one string row per (name, label, value).
fn property_section(
    w: &mut Writer<Vec<u8>>,
    rows: &[(&'static str, &'static str, String)],
) -> io::Result<()> {
    w.create_element("Section")
        .with_attribute(("N", "Property"))
        .write_inner_content(|w| {
            for (row, label, value) in rows {
                w.create_element("Row")
                    .with_attribute(("N", *row))
                    .write_inner_content(|w| {
                        w.create_element("Cell")
                            .with_attributes([
                                ("N", "Value"),
                                ("V", xml_text(value).as_str()),
                                ("U", "STR"),
                            ])
                            .write_empty()?;
                        cell(w, "Label", label, None)?;
                        cell(w, "Type", "0", None)?;
                        cell(w, "Invisible", "0", None)?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The node's card text: its name, and a second line with its kind and the card's second
/// line (a note's text for notes).
fn node_text(node: &Node) -> (String, String) {
    if node.kind == NodeKind::Note {
        let text = node.text.as_deref().unwrap_or_default().trim();
        return (node.name.clone(), text.to_owned());
    }
    let sub = look::node_subtitle(node);
    let second = if sub.is_empty() || sub == node.kind.label() {
        node.kind.label().to_owned()
    } else {
        format!("{} \u{B7} {sub}", node.kind.label())
    };
    (node.name.clone(), second)
}

fn page_xml(
    doc: &Document,
    geometry: &HashMap<NodeId, (Point, (f32, f32))>,
    routing: &look::Routing,
    frame: &Frame,
) -> io::Result<Vec<u8>> {
    // Shape ids: nodes from 1 in document order, then the connectors.
    let ids: HashMap<&NodeId, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (&n.id, i + 1))
        .collect();
    let links: Vec<(usize, &Link, usize, usize)> = doc
        .links
        .iter()
        .filter_map(|l| Some((ids.get(&l.from).copied()?, l, ids.get(&l.to).copied()?)))
        .enumerate()
        .map(|(i, (a, l, b))| (doc.nodes.len() + 1 + i, l, a, b))
        .collect();
    let mut w = writer();
    w.create_element("PageContents")
        .with_attributes([
            ("xmlns", NS_VISIO),
            ("xmlns:r", NS_REL),
            ("xml:space", "preserve"),
        ])
        .write_inner_content(|w| {
            w.create_element("Shapes").write_inner_content(|w| {
                // Zones first, beneath everything; their ids follow the connectors'.
                let first_region = doc.nodes.len() + links.len() + 1;
                for (i, region) in look::zones::regions(doc, geometry).iter().enumerate() {
                    write_region(w, first_region + i, region, frame)?;
                }
                // Connectors next: cards cover the lines, as on the canvas.
                for &(id, link, a, b) in &links {
                    let Some(route) = routing.route(&link.id) else {
                        continue;
                    };
                    write_connector(w, id, link, (a, b), &PageRoute::of(link, route, frame))?;
                }
                for (i, node) in doc.nodes.iter().enumerate() {
                    let Some(&(c, (cw, ch))) = geometry.get(&node.id) else {
                        continue;
                    };
                    write_node(
                        w,
                        i + 1,
                        node,
                        frame.page(c),
                        (f64::from(cw), f64::from(ch)),
                    )?;
                }
                Ok(())
            })?;
            w.create_element("Connects").write_inner_content(|w| {
                for &(id, _, a, b) in &links {
                    let from = id.to_string();
                    for (cell_name, part, to) in [("BeginX", "9", a), ("EndX", "12", b)] {
                        w.create_element("Connect")
                            .with_attributes([
                                ("FromSheet", from.as_str()),
                                ("FromCell", cell_name),
                                ("FromPart", part),
                                ("ToSheet", to.to_string().as_str()),
                                ("ToCell", "PinX"),
                                ("ToPart", "3"),
                            ])
                            .write_empty()?;
                    }
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// A zone's box: a soft filled rounded rectangle with its title in the top-left corner.
fn write_region(
    w: &mut Writer<Vec<u8>>,
    id: usize,
    region: &look::zones::Region,
    frame: &Frame,
) -> io::Result<()> {
    let r = region.rect;
    let (px, py) = frame.page(r.center());
    let width = f64::from(r.width()) / UNITS_PER_INCH;
    let height = f64::from(r.height()) / UNITS_PER_INCH;
    let (fill, line, title) = look::region_colors(region.area, region.is_site());
    let id_text = id.to_string();
    let name = xml_text(&region.title);
    w.create_element("Shape")
        .with_attributes([
            ("ID", id_text.as_str()),
            ("NameU", format!("Zone.{id}").as_str()),
            ("Name", name.as_str()),
            ("Type", "Shape"),
            ("LineStyle", "0"),
            ("FillStyle", "0"),
            ("TextStyle", "0"),
        ])
        .write_inner_content(|w| {
            cell(w, "PinX", &n(px), None)?;
            cell(w, "PinY", &n(py), None)?;
            cell(w, "Width", &n(width), None)?;
            cell(w, "Height", &n(height), None)?;
            cell(w, "LocPinX", &n(width / 2.0), Some("Width*0.5"))?;
            cell(w, "LocPinY", &n(height / 2.0), Some("Height*0.5"))?;
            cell(w, "Angle", "0", None)?;
            cell(w, "FillForegnd", &color(fill), None)?;
            cell(
                w,
                "FillForegndTrans",
                &n(1.0 - f64::from(fill.opacity())),
                None,
            )?;
            cell(w, "FillPattern", "1", None)?;
            cell(w, "LineColor", &color(line), None)?;
            cell(w, "LineWeight", &n(1.0 / 72.0), None)?;
            cell(w, "LinePattern", "1", None)?;
            cell(w, "Rounding", &n(12.0 / UNITS_PER_INCH), None)?;
            // The title sits in the top-left corner, not the middle.
            cell(w, "VerticalAlign", "0", None)?;
            character(w, &[(title, 9.0, true)])?;
            w.create_element("Section")
                .with_attribute(("N", "Paragraph"))
                .write_inner_content(|w| {
                    w.create_element("Row")
                        .with_attribute(("IX", "0"))
                        .write_inner_content(|w| cell(w, "HorzAlign", "0", None))?;
                    Ok(())
                })?;
            w.create_element("Section")
                .with_attributes([("N", "Geometry"), ("IX", "0")])
                .write_inner_content(|w| {
                    cell(w, "NoFill", "0", None)?;
                    cell(w, "NoLine", "0", None)?;
                    cell(w, "NoShow", "0", None)?;
                    let corners = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
                    for (i, (fx, fy)) in corners.into_iter().enumerate() {
                        let t = if i == 0 { "MoveTo" } else { "LineTo" };
                        w.create_element("Row")
                            .with_attributes([("T", t), ("IX", (i + 1).to_string().as_str())])
                            .write_inner_content(|w| {
                                cell(w, "X", &n(width * fx), Some(&format!("Width*{fx}")))?;
                                cell(w, "Y", &n(height * fy), Some(&format!("Height*{fy}")))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            w.create_element("Text").write_inner_content(|w| {
                w.create_element("cp")
                    .with_attribute(("IX", "0"))
                    .write_empty()?;
                w.write_event(Event::Text(BytesText::new(&name)))?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

fn write_node(
    w: &mut Writer<Vec<u8>>,
    id: usize,
    node: &Node,
    (px, py): (f64, f64),
    (cw, ch): (f64, f64),
) -> io::Result<()> {
    let (width, height) = (cw / UNITS_PER_INCH, ch / UNITS_PER_INCH);
    let (fill, line) = look::group_colors(look::kind_group(node.kind));
    let name = xml_text(&node.name);
    let id_text = id.to_string();
    w.create_element("Shape")
        .with_attributes([
            ("ID", id_text.as_str()),
            ("NameU", format!("{}.{id}", node.kind.label()).as_str()),
            ("Name", name.as_str()),
            ("Type", "Shape"),
            ("LineStyle", "0"),
            ("FillStyle", "0"),
            ("TextStyle", "0"),
        ])
        .write_inner_content(|w| {
            cell(w, "PinX", &n(px), None)?;
            cell(w, "PinY", &n(py), None)?;
            cell(w, "Width", &n(width), None)?;
            cell(w, "Height", &n(height), None)?;
            cell(w, "LocPinX", &n(width / 2.0), Some("Width*0.5"))?;
            cell(w, "LocPinY", &n(height / 2.0), Some("Height*0.5"))?;
            cell(w, "Angle", "0", None)?;
            cell(w, "FillForegnd", &color(fill), None)?;
            cell(w, "FillPattern", "1", None)?;
            cell(w, "LineColor", &color(line), None)?;
            cell(w, "LineWeight", &n(1.5 / 72.0), None)?;
            cell(w, "LinePattern", "1", None)?;
            cell(w, "Rounding", &n(8.0 / UNITS_PER_INCH), None)?;
            // Two runs: the name in bold, then the kind line smaller and muted.
            character(
                w,
                &[(look::TEXT, 8.5, true), (look::TEXT_MUTED, 6.5, false)],
            )?;
            property_section(w, &shape_data(node))?;
            w.create_element("Section")
                .with_attributes([("N", "Geometry"), ("IX", "0")])
                .write_inner_content(|w| {
                    cell(w, "NoFill", "0", None)?;
                    cell(w, "NoLine", "0", None)?;
                    cell(w, "NoShow", "0", None)?;
                    let corners = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
                    for (i, (fx, fy)) in corners.into_iter().enumerate() {
                        let t = if i == 0 { "MoveTo" } else { "LineTo" };
                        w.create_element("Row")
                            .with_attributes([("T", t), ("IX", (i + 1).to_string().as_str())])
                            .write_inner_content(|w| {
                                cell(w, "X", &n(width * fx), Some(&format!("Width*{fx}")))?;
                                cell(w, "Y", &n(height * fy), Some(&format!("Height*{fy}")))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            let (first, second) = node_text(node);
            w.create_element("Text").write_inner_content(|w| {
                w.create_element("cp")
                    .with_attribute(("IX", "0"))
                    .write_empty()?;
                w.write_event(Event::Text(BytesText::new(&xml_text(&first))))?;
                if !second.is_empty() {
                    w.write_event(Event::Text(BytesText::new("\n")))?;
                    w.create_element("cp")
                        .with_attribute(("IX", "1"))
                        .write_empty()?;
                    w.write_event(Event::Text(BytesText::new(&xml_text(&second))))?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// A connector's route on the page: its corners in page inches (the first glued to the
/// `from` shape, the last to the `to` shape), the radius its bends are rounded with, and its
/// label's centre and size in inches with the text shown there (`None`: no label).
struct PageRoute {
    points: Vec<(f64, f64)>,
    radius: f64,
    label: Option<PageLabel>,
}

/// A connector's label on the page: its centre and size in inches, and the text shown.
struct PageLabel {
    centre: (f64, f64),
    size: (f64, f64),
    text: String,
}

impl PageRoute {
    /// Look's route of `link` on the page; a route of fewer than two points (a link from a
    /// card to itself has one) becomes a two-point line so the connector stays well formed.
    fn of(link: &Link, route: &look::LinkRoute, frame: &Frame) -> Self {
        let mut points: Vec<(f64, f64)> = route.points.iter().map(|&p| frame.page(p)).collect();
        if points.is_empty() {
            points.push((0.0, 0.0));
        }
        if points.len() < 2 {
            points.push(points[0]);
        }
        let label = route.label.map(|place| {
            let prims = look::routed_link_prims(link, route, &look::LinkState::default());
            let text = prims
                .iter()
                .rev()
                .find_map(|p| match p {
                    look::Prim::Text { text, .. } => Some(text.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let size = (
                f64::from(place.rect.width()) / UNITS_PER_INCH,
                f64::from(place.rect.height()) / UNITS_PER_INCH,
            );
            PageLabel {
                centre: frame.page(place.rect.center()),
                size,
                text,
            }
        });
        Self {
            points,
            radius: f64::from(route.radius) / UNITS_PER_INCH,
            label,
        }
    }

    fn begin(&self) -> (f64, f64) {
        self.points[0]
    }

    fn end(&self) -> (f64, f64) {
        self.points[self.points.len() - 1]
    }
}

/// The cells of a connector as (cell, value, formula). It is laid out as Visio lays out its
/// own dynamic connectors: no rotation, `Width` and `Height` the signed span from `BeginX`,
/// `BeginY` to `EndX`, `EndY`, so the geometry rows are page offsets from the begin point.
/// Visio keeps the routed geometry until a glued shape moves, then routes it again at right
/// angles (`ConFixedCode` 1: reroute as needed).
fn connector_cells(
    link: &Link,
    from_id: usize,
    to_id: usize,
    route: &PageRoute,
) -> Vec<(&'static str, String, Option<String>)> {
    let ((bx, by), (ex, ey)) = (route.begin(), route.end());
    let (width, height) = (ex - bx, ey - by);
    let arrows = look::link_arrows(link);
    let dashed = look::link_dash(link.kind).is_some();
    let walk_begin = "_WALKGLUE(BegTrigger,EndTrigger,WalkPreference)";
    let walk_end = "_WALKGLUE(EndTrigger,BegTrigger,WalkPreference)";
    let arrow = |on: bool| if on { "4" } else { "0" }.to_owned();
    let mut cells = vec![
        (
            "PinX",
            n(f64::midpoint(bx, ex)),
            Some("GUARD((BeginX+EndX)/2)".into()),
        ),
        (
            "PinY",
            n(f64::midpoint(by, ey)),
            Some("GUARD((BeginY+EndY)/2)".into()),
        ),
        ("Width", n(width), Some("GUARD(EndX-BeginX)".into())),
        ("Height", n(height), Some("GUARD(EndY-BeginY)".into())),
        ("LocPinX", n(width / 2.0), Some("GUARD(Width*0.5)".into())),
        ("LocPinY", n(height / 2.0), Some("GUARD(Height*0.5)".into())),
        ("Angle", "0".into(), Some("GUARD(0DA)".into())),
        ("BeginX", n(bx), Some(walk_begin.into())),
        ("BeginY", n(by), Some(walk_begin.into())),
        ("EndX", n(ex), Some(walk_end.into())),
        ("EndY", n(ey), Some(walk_end.into())),
        (
            "BegTrigger",
            "2".into(),
            Some(format!("_XFTRIGGER(Sheet.{from_id}!EventXFMod)")),
        ),
        (
            "EndTrigger",
            "2".into(),
            Some(format!("_XFTRIGGER(Sheet.{to_id}!EventXFMod)")),
        ),
        ("ObjType", "2".into(), None),
        ("GlueType", "2".into(), None),
        // Right angles and straight segments, as look routes; kept until a shape moves.
        ("ShapeRouteStyle", "1".into(), None),
        ("ConLineRouteExt", "1".into(), None),
        ("ConFixedCode", "1".into(), None),
        ("LineColor", color(look::link_color(link.kind)), None),
        (
            "LineWeight",
            n(f64::from(look::link_width(link.kind)) * 0.75 / 72.0),
            None,
        ),
        ("LinePattern", if dashed { "2" } else { "1" }.into(), None),
        ("Rounding", n(route.radius), None),
        ("BeginArrow", arrow(arrows.at_from), None),
        ("EndArrow", arrow(arrows.at_to), None),
    ];
    if let Some(PageLabel {
        centre: (lx, ly),
        size: (lw, lh),
        ..
    }) = &route.label
    {
        cells.extend([
            ("TxtPinX", n(lx - bx), None),
            ("TxtPinY", n(ly - by), None),
            ("TxtWidth", n(*lw), None),
            ("TxtHeight", n(*lh), None),
            ("TxtLocPinX", n(lw / 2.0), Some("TxtWidth*0.5".into())),
            ("TxtLocPinY", n(lh / 2.0), Some("TxtHeight*0.5".into())),
            ("TxtAngle", "0".into(), None),
            // A white box behind the label, so the line does not run through its text.
            ("TextBkgnd", "#FFFFFF".into(), None),
        ]);
    }
    cells
}

fn write_connector(
    w: &mut Writer<Vec<u8>>,
    id: usize,
    link: &Link,
    (from_id, to_id): (usize, usize),
    route: &PageRoute,
) -> io::Result<()> {
    let full_label = xml_text(&look::link_label(link));
    let cells = connector_cells(link, from_id, to_id, route);
    let (bx, by) = route.begin();
    w.create_element("Shape")
        .with_attributes([
            ("ID", id.to_string().as_str()),
            ("NameU", format!("Dynamic connector.{id}").as_str()),
            ("Name", format!("{} ({})", full_label, link.id).as_str()),
            ("Type", "Shape"),
            ("LineStyle", "0"),
            ("FillStyle", "0"),
            ("TextStyle", "0"),
        ])
        .write_inner_content(|w| {
            for (name, value, formula) in &cells {
                cell(w, name, value, formula.as_deref())?;
            }
            character(w, &[(look::link_color(link.kind), 7.5, false)])?;
            // The full label stays in the shape data when the drawing shows only a chip.
            let mut data = vec![
                ("Kind", "Kind", link.kind.label().to_owned()),
                ("Id", "Id", link.id.to_string()),
            ];
            if !full_label.trim().is_empty() {
                data.push(("Label", "Label", full_label.clone()));
            }
            property_section(w, &data)?;
            w.create_element("Section")
                .with_attributes([("N", "Geometry"), ("IX", "0")])
                .write_inner_content(|w| {
                    cell(w, "NoFill", "1", None)?;
                    cell(w, "NoLine", "0", None)?;
                    cell(w, "NoShow", "0", None)?;
                    for (i, &(x, y)) in route.points.iter().enumerate() {
                        let t = if i == 0 { "MoveTo" } else { "LineTo" };
                        w.create_element("Row")
                            .with_attributes([("T", t), ("IX", (i + 1).to_string().as_str())])
                            .write_inner_content(|w| {
                                cell(w, "X", &n(x - bx), None)?;
                                cell(w, "Y", &n(y - by), None)?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            if let Some(label) = &route.label {
                w.create_element("Text")
                    .write_text_content(BytesText::new(&xml_text(&label.text)))?;
            }
            Ok(())
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Version};

    #[test]
    fn shape_data_carries_the_fields_a_node_has() {
        let mut node = Node::server("ex1", "EX16-01", Version::V2016, &[Role::Mailbox]);
        node.certificate = Some(crate::model::Certificate::new("mail.contoso.com"));
        node.public_names = Some(vec![
            "mail.contoso.com".to_owned(),
            "autodiscover.contoso.com".to_owned(),
        ]);
        let rows = shape_data(&node);
        let get = |name: &str| rows.iter().find(|r| r.0 == name).map(|r| r.2.as_str());
        assert_eq!(get("Kind"), Some("Exchange server"));
        assert_eq!(get("Version"), Some(Version::V2016.short()));
        assert_eq!(get("Roles"), Some(Role::Mailbox.label()));
        assert_eq!(get("Site"), Some(node.site()));
        assert_eq!(get("CertificateSubject"), Some("mail.contoso.com"));
        assert_eq!(
            get("PublicNames"),
            Some("mail.contoso.com, autodiscover.contoso.com")
        );
        let lb = Node::new("lb", NodeKind::LoadBalancer, "LB01");
        assert!(
            shape_data(&lb)
                .iter()
                .all(|r| r.0 != "Site" && r.0 != "Version")
        );
    }

    #[test]
    fn xml_text_drops_what_xml_forbids() {
        assert_eq!(xml_text("a\u{1}b\nc\u{FFFF}"), "ab\nc");
    }
}
