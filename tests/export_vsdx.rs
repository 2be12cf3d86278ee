//! The Visio drawing draws the same pictures as the canvas and the SVG (issue 11): every
//! connector follows look's route corner by corner and carries its label where look placed
//! it. The page XML is read back from the package and compared with [`Routing`].

use hybrid_designer::edit::{templates, tidy_layout};
use hybrid_designer::export::to_vsdx;
use hybrid_designer::file;
use hybrid_designer::look::{Point, Routing, node_geometry};
use hybrid_designer::model::Document;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read as _;

/// Canvas units per inch, as the exporter writes them.
const UNITS_PER_INCH: f32 = 96.0;
/// How far apart (canvas units) a point read back may be from look's: the file keeps six
/// decimals of an inch.
const CLOSE: f32 = 0.01;

fn tidied(doc: &Document) -> Document {
    let mut doc = doc.clone();
    if let Some(command) = tidy_layout(&doc) {
        command.apply(&mut doc).expect("tidy applies");
    }
    doc
}

fn sample() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.hybrid.json");
    file::from_str(&std::fs::read_to_string(path).expect("sample")).expect("sample loads")
}

/// One top-level shape of the page: its cells, its geometry rows, its shape data and text.
#[derive(Debug, Default)]
struct Shape {
    cells: HashMap<String, f32>,
    rows: Vec<(String, f32, f32)>,
    data: HashMap<String, String>,
    text: String,
}

impl Shape {
    fn cell(&self, name: &str) -> f32 {
        *self
            .cells
            .get(name)
            .unwrap_or_else(|| panic!("cell {name} in {self:?}"))
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The page's shapes by id, read from the package.
fn page_shapes(vsdx: &[u8]) -> HashMap<String, Shape> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(vsdx)).expect("a zip package");
    let mut xml = String::new();
    archive
        .by_name("visio/pages/page1.xml")
        .expect("page part")
        .read_to_string(&mut xml)
        .expect("UTF-8 page");
    let mut reader = Reader::from_str(&xml);
    let mut shapes = HashMap::new();
    // The open elements, with the attributes that matter below them.
    let mut stack: Vec<(String, Option<String>)> = Vec::new();
    let mut current: Option<(String, Shape)> = None;
    let mut row: Option<(String, f32, f32)> = None;
    loop {
        let event = reader.read_event().expect("well-formed page");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
            let in_section = stack.iter().rev().find(|s| s.0 == "Section");
            let section = in_section.and_then(|s| s.1.clone());
            match name.as_str() {
                "Shape" if current.is_none() => {
                    current = Some((attr(&e, "ID").expect("shape id"), Shape::default()));
                }
                "Row" if section.as_deref() == Some("Geometry") => {
                    row = Some((attr(&e, "T").expect("row type"), 0.0, 0.0));
                }
                "Cell" => {
                    let (n, v) = (attr(&e, "N").expect("N"), attr(&e, "V").unwrap_or_default());
                    let shape = &mut current.as_mut().expect("cells are in shapes").1;
                    match section.as_deref() {
                        None => {
                            if let Ok(v) = v.parse() {
                                shape.cells.insert(n, v);
                            }
                        }
                        Some("Geometry") => {
                            if let Some(r) = row.as_mut() {
                                let v: f32 = v.parse().expect("a number");
                                if n == "X" {
                                    r.1 = v;
                                } else if n == "Y" {
                                    r.2 = v;
                                }
                            }
                        }
                        Some("Property") if n == "Value" => {
                            let row_name = stack.last().and_then(|s| s.1.clone());
                            shape.data.insert(row_name.expect("a named row"), v);
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            if !empty {
                stack.push((name, attr(&e, "N")));
            } else if name == "Row"
                && let Some(r) = row.take()
            {
                current.as_mut().expect("in a shape").1.rows.push(r);
            }
            continue;
        }
        match event {
            Event::Text(t) => {
                if stack.last().is_some_and(|s| s.0 == "Text")
                    && let Some((_, shape)) = current.as_mut()
                {
                    shape.text.push_str(&t.decode().expect("text"));
                }
            }
            Event::End(_) => {
                let (name, _) = stack.pop().expect("balanced");
                if name == "Row"
                    && let Some(r) = row.take()
                {
                    current.as_mut().expect("in a shape").1.rows.push(r);
                }
                if name == "Shape" && !stack.iter().any(|s| s.0 == "Shape") {
                    let (id, shape) = current.take().expect("a shape");
                    shapes.insert(id, shape);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    shapes
}

fn assert_close(what: &str, got: Point, want: Point) {
    assert!(
        (got.x - want.x).abs() < CLOSE && (got.y - want.y).abs() < CLOSE,
        "{what}: drawn at {got:?}, look routes it at {want:?}"
    );
}

/// Checks every connector of `doc`'s drawing against look's route; returns how many corners
/// (bends) the routes had, so a caller knows the plan tested more than straight lines.
fn assert_connectors_follow_routes(name: &str, doc: &Document) -> usize {
    let geometry = node_geometry(doc);
    let routing = Routing::new(doc, &geometry);
    let shapes = page_shapes(&to_vsdx(doc).expect("vsdx export"));
    // Node shapes are numbered from 1 in document order.
    let node_shape: HashMap<_, _> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), &shapes[&(i + 1).to_string()]))
        .collect();
    let mut bends = 0;
    for route in routing.routes() {
        let connector = shapes
            .values()
            .find(|s| {
                s.data.get("Id") == Some(&route.link.to_string()) && s.cells.contains_key("BeginX")
            })
            .unwrap_or_else(|| panic!("{name}: a connector for link {}", route.link));
        let from = node_shape[&route.from];
        let centre = geometry[&route.from].0;
        // The begin point, from the page back to the canvas through the shape it leaves.
        let begin = Point::new(
            centre.x + (connector.cell("BeginX") - from.cell("PinX")) * UNITS_PER_INCH,
            centre.y - (connector.cell("BeginY") - from.cell("PinY")) * UNITS_PER_INCH,
        );
        let link = &route.link;
        assert_close(&format!("{name}: {link} begins"), begin, route.points[0]);
        assert_eq!(
            connector.rows.len(),
            route.points.len(),
            "{name}: {link} has one geometry row per corner of its route"
        );
        for (i, ((t, x, y), want)) in connector.rows.iter().zip(&route.points).enumerate() {
            assert_eq!(
                t,
                if i == 0 { "MoveTo" } else { "LineTo" },
                "{name}: {link}"
            );
            let got = Point::new(begin.x + x * UNITS_PER_INCH, begin.y - y * UNITS_PER_INCH);
            assert_close(&format!("{name}: {link} corner {i}"), got, *want);
        }
        let last = route.points[route.points.len() - 1];
        let end = Point::new(
            begin.x + (connector.cell("EndX") - connector.cell("BeginX")) * UNITS_PER_INCH,
            begin.y - (connector.cell("EndY") - connector.cell("BeginY")) * UNITS_PER_INCH,
        );
        assert_close(&format!("{name}: {link} ends"), end, last);
        match route.label {
            Some(place) => {
                let label = Point::new(
                    begin.x + connector.cell("TxtPinX") * UNITS_PER_INCH,
                    begin.y - connector.cell("TxtPinY") * UNITS_PER_INCH,
                );
                assert_close(&format!("{name}: {link} label"), label, place.rect.center());
                assert!(!connector.text.is_empty(), "{name}: {link} shows its label");
            }
            None => assert!(connector.text.is_empty(), "{name}: {link} shows no label"),
        }
        bends += route.points.len() - 2;
    }
    bends
}

#[test]
fn vsdx_connectors_follow_looks_routes_on_the_tidied_sample() {
    let bends = assert_connectors_follow_routes("sample", &tidied(&sample()));
    assert!(bends > 0, "the tidied sample has routes that bend");
}

#[test]
fn vsdx_connectors_follow_looks_routes_on_every_template_after_tidy() {
    for t in templates() {
        let doc = t.document().expect("template loads");
        assert_connectors_follow_routes(t.name, &tidied(&doc));
    }
}

#[test]
fn vsdx_connectors_follow_looks_routes_on_the_plan_as_drawn() {
    assert_connectors_follow_routes("sample as drawn", &sample());
}
