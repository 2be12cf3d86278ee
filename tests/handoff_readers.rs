//! The hand-off formats read back by real readers, for every scenario fixture:
//!
//! - PDF handouts by poppler (`pdfinfo`, `pdftotext`): page count, page size, every node
//!   name, every finding's rule id and source link;
//! - Visio drawings by `LibreOffice` Draw (one headless `soffice` converting them all to PDF,
//!   then `pdftotext`), and by plain Rust package checks (parts, relationships, glue);
//! - SARIF logs of `validate --format sarif` against the SARIF 2.1.0 schema's requirements
//!   and through `serde-sarif`'s types.
//!
//! A missing reader FAILS these tests (with the Debian package to install); CI installs
//! `poppler-utils` and `libreoffice-draw` in `.ci/run`.

use hybrid_designer::export::{ExportFormat, ExportOptions, Paper, export};
use hybrid_designer::model::Document;
use hybrid_designer::present::{Walkthrough, walkthrough};
use hybrid_designer::rules;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scenarios() -> Vec<(String, PathBuf, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut out: Vec<(String, PathBuf, Document)> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .map(|p| {
            let doc =
                hybrid_designer::file::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let stem = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("plan")
                .trim_end_matches(".hybrid.json")
                .to_owned();
            (stem, p, doc)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 10, "scenarios found: {}", out.len());
    out
}

/// A reader program, or a failure naming the Debian package that provides it.
fn reader(program: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "{program} is missing: install the Debian package {package} (apt-get install {package}); .ci/run does"
        )
    })
}

fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{} runs: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text with every run of white space made one space, so wrapped lines still match.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn options() -> ExportOptions {
    ExportOptions {
        date: Some("2026-01-15".into()),
        ..ExportOptions::default()
    }
}

/// The slides a handout shows after page 1: the plan's views, or the Mail flow and Sharing
/// walkthroughs.
fn slide_titles(doc: &Document) -> Vec<String> {
    if !doc.views.is_empty() {
        return doc.views.iter().map(|v| v.title.clone()).collect();
    }
    let findings = rules::validate(doc);
    [Walkthrough::MailFlow, Walkthrough::Sharing]
        .into_iter()
        .flat_map(|w| walkthrough(doc, &findings, w))
        .map(|v| v.title)
        .collect()
}

#[test]
fn every_scenario_pdf_is_read_by_poppler_with_its_pages_names_rules_and_links() {
    let pdfinfo = reader("pdfinfo", "poppler-utils");
    let pdftotext = reader("pdftotext", "poppler-utils");
    let dir = tempfile::tempdir().expect("temp dir");
    for (stem, _, doc) in scenarios() {
        for paper in [Paper::A4, Paper::Letter] {
            let exported = export(&doc, ExportFormat::Pdf, &options(), paper).expect("pdf export");
            let file = dir.path().join(format!("{stem}-{paper:?}.pdf"));
            std::fs::write(&file, &exported.bytes).expect("write");
            let path = file.to_str().expect("utf-8 path");

            let info = run(&pdfinfo, &[path]);
            let field = |name: &str| {
                info.lines()
                    .find_map(|l| l.strip_prefix(name))
                    .map_or_else(
                        || panic!("{stem}: pdfinfo has no {name}\n{info}"),
                        str::trim,
                    )
                    .to_owned()
            };
            let pages: usize = field("Pages:").parse().expect("page count");
            let size = field("Page size:");
            let expected_size = match paper {
                Paper::A4 => "841.89 x 595.28 pts (A4)",
                Paper::Letter => "792 x 612 pts (letter)",
            };
            assert_eq!(size, expected_size, "{stem}: landscape {paper:?}");

            let slides = slide_titles(&doc);
            let findings = rules::validate(&doc);
            // Page 1, one page per slide, then at least one page of findings.
            assert!(
                pages > 1 + slides.len(),
                "{stem}: {pages} pages for {} slides",
                slides.len()
            );
            let page_text = |n: usize| {
                squash(&run(
                    &pdftotext,
                    &["-f", &n.to_string(), "-l", &n.to_string(), path, "-"],
                ))
            };
            let first = page_text(1);
            assert!(
                first.contains(&squash(doc.display_title())),
                "{stem}: title on page 1"
            );
            assert!(first.contains("2026-01-15"), "{stem}: date on page 1");
            for (i, title) in slides.iter().enumerate() {
                let text = page_text(2 + i);
                assert!(
                    text.contains(&squash(title)),
                    "{stem}: page {} shows slide {title:?}: {text}",
                    2 + i
                );
            }
            for n in 2 + slides.len()..=pages {
                assert!(
                    page_text(n).contains("Findings"),
                    "{stem}: page {n} is a findings page"
                );
            }
            if paper == Paper::Letter {
                continue;
            }
            // In drawing order (-raw): a link label lying under a card, as on the canvas,
            // would otherwise be interleaved with the card's name by the layout analysis.
            let all = squash(&run(&pdftotext, &["-raw", path, "-"]));
            for node in &doc.nodes {
                let name = squash(&node.name);
                assert!(
                    name.is_empty() || all.contains(&name),
                    "{stem}: node name {name:?} in the text"
                );
            }
            for f in &findings {
                assert!(all.contains(f.rule), "{stem}: rule {} in the text", f.rule);
            }
            // Every web source is a clickable link annotation.
            let urls = run(&pdfinfo, &["-url", path]);
            for f in &findings {
                if f.source.starts_with("https://") {
                    assert!(
                        urls.contains(f.source),
                        "{stem}: link to {} in\n{urls}",
                        f.source
                    );
                }
            }
        }
    }
}

/// The parts of a zip package by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read entry");
        parts.insert(entry.name().expect("UTF-8 part name").into_owned(), data);
    }
    parts
}

/// An XML element: its name, attributes, and the path of element names down to it.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: HashMap<String, String>,
    parents: Vec<String>,
}

/// Every element of an XML part, in document order (the part must be well-formed).
fn elements(xml: &[u8]) -> Vec<Element> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).expect("well-formed XML");
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .expect("attribute value")
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push(Element {
                    name: name.clone(),
                    attrs,
                    parents: stack.clone(),
                });
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Resolves a relationship target against the folder of the part that holds the rels.
fn resolve(rels_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    // "visio/_rels/document.xml.rels" describes "visio/document.xml": targets are relative to "visio/".
    let folder = rels_part
        .rsplit_once("_rels/")
        .map_or("", |(folder, _)| folder);
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn is_rels_part(name: &str) -> bool {
    // `_rels/.rels` has no extension as `Path` sees it: look at the text after the last dot.
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("rels"))
}

fn check_vsdx_package(stem: &str, doc: &Document, bytes: &[u8]) {
    let parts = unzip(bytes);
    check_parts_and_relationships(stem, &parts);
    check_page(stem, doc, &parts["visio/pages/page1.xml"]);
}

/// Required parts, content types and relationships.
fn check_parts_and_relationships(stem: &str, parts: &BTreeMap<String, Vec<u8>>) {
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "visio/document.xml",
        "visio/_rels/document.xml.rels",
        "visio/pages/pages.xml",
        "visio/pages/_rels/pages.xml.rels",
        "visio/pages/page1.xml",
    ] {
        assert!(parts.contains_key(required), "{stem}: part {required}");
    }
    // Every part but the content types has a content type; every override names a part.
    let types = elements(&parts["[Content_Types].xml"]);
    let overrides: BTreeSet<String> = types
        .iter()
        .filter(|e| e.name == "Override")
        .map(|e| e.attrs["PartName"].trim_start_matches('/').to_owned())
        .collect();
    for o in &overrides {
        assert!(
            parts.contains_key(o),
            "{stem}: override for missing part {o}"
        );
    }
    for name in parts.keys() {
        let is_rels = is_rels_part(name);
        assert!(
            is_rels || name == "[Content_Types].xml" || overrides.contains(name),
            "{stem}: {name} has no content type"
        );
    }
    // Every relationship points at a part that exists, and the chain reaches page 1.
    let mut targets = BTreeSet::new();
    for (name, data) in parts {
        if !is_rels_part(name) {
            continue;
        }
        for rel in elements(data).iter().filter(|e| e.name == "Relationship") {
            let target = resolve(name, &rel.attrs["Target"]);
            assert!(
                parts.contains_key(&target),
                "{stem}: {name} points at missing {target}"
            );
            targets.insert((rel.attrs["Type"].clone(), target));
        }
    }
    for (ty, part) in [
        (
            "http://schemas.microsoft.com/visio/2010/relationships/document",
            "visio/document.xml",
        ),
        (
            "http://schemas.microsoft.com/visio/2010/relationships/pages",
            "visio/pages/pages.xml",
        ),
        (
            "http://schemas.microsoft.com/visio/2010/relationships/page",
            "visio/pages/page1.xml",
        ),
    ] {
        assert!(
            targets.contains(&(ty.to_owned(), part.to_owned())),
            "{stem}: {ty} → {part}"
        );
    }
    for part in [
        "visio/document.xml",
        "visio/pages/pages.xml",
        "docProps/core.xml",
    ] {
        elements(&parts[part]);
    }
}

/// One shape per node, one connector per link, each glued at both ends to node shapes, one
/// shape per zone region; shape data on the nodes.
fn check_page(stem: &str, doc: &Document, page: &[u8]) {
    let page = elements(page);
    let shapes: Vec<&Element> = page.iter().filter(|e| e.name == "Shape").collect();
    let shape_ids: BTreeSet<&str> = shapes.iter().map(|s| s.attrs["ID"].as_str()).collect();
    assert_eq!(
        shape_ids.len(),
        shapes.len(),
        "{stem}: shape ids are unique"
    );
    assert_eq!(
        shapes.len(),
        doc.nodes.len()
            + doc.links.len()
            + hybrid_designer::look::zones::regions(
                doc,
                &hybrid_designer::look::node_geometry(doc)
            )
            .len(),
        "{stem}: shapes"
    );
    let node_ids: BTreeSet<String> = (1..=doc.nodes.len()).map(|i| i.to_string()).collect();
    let mut glue: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for c in page.iter().filter(|e| e.name == "Connect") {
        assert_eq!(c.attrs["ToPart"], "3", "{stem}: glued to the whole shape");
        glue.entry(c.attrs["FromSheet"].as_str())
            .or_default()
            .push((c.attrs["FromCell"].as_str(), c.attrs["ToSheet"].as_str()));
    }
    assert_eq!(
        glue.len(),
        doc.links.len(),
        "{stem}: every connector is glued"
    );
    for (connector, ends) in &glue {
        assert!(
            shape_ids.contains(connector),
            "{stem}: connector {connector} exists"
        );
        let cells: BTreeSet<&str> = ends.iter().map(|e| e.0).collect();
        assert_eq!(
            cells,
            BTreeSet::from(["BeginX", "EndX"]),
            "{stem}: connector {connector} glued at both ends"
        );
        for (_, to) in ends {
            assert!(
                node_ids.contains(*to),
                "{stem}: connector {connector} glued to node shape {to}"
            );
        }
    }
    // Shape data: every node shape has Kind and Id rows.
    let rows: BTreeSet<String> = page
        .iter()
        .filter(|e| e.name == "Row" && e.parents.last().is_some_and(|p| p == "Section"))
        .filter_map(|e| e.attrs.get("N").cloned())
        .collect();
    if !doc.nodes.is_empty() {
        assert!(
            rows.contains("Kind") && rows.contains("Id"),
            "{stem}: shape data rows {rows:?}"
        );
    }
}

#[test]
fn every_scenario_vsdx_is_a_sound_package_that_libreoffice_draw_opens() {
    let soffice = reader("soffice", "libreoffice-draw");
    let pdftotext = reader("pdftotext", "poppler-utils");
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("converted");
    let mut files = Vec::new();
    let plans = scenarios();
    for (stem, _, doc) in &plans {
        let exported = export(doc, ExportFormat::Vsdx, &options(), Paper::A4).expect("vsdx export");
        check_vsdx_package(stem, doc, &exported.bytes);
        let file = dir.path().join(format!("{stem}.vsdx"));
        std::fs::write(&file, &exported.bytes).expect("write");
        files.push(file.to_str().expect("utf-8 path").to_owned());
    }
    // One LibreOffice process for every file, with a private profile.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let mut args: Vec<&str> = vec![
        &profile,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        out_dir.to_str().expect("utf-8 path"),
    ];
    args.extend(files.iter().map(String::as_str));
    run(&soffice, &args);
    for (stem, _, doc) in &plans {
        let pdf = out_dir.join(format!("{stem}.pdf"));
        assert!(
            pdf.is_file(),
            "{stem}: LibreOffice Draw converted the drawing"
        );
        // In drawing order (-raw), see the PDF test.
        let text = squash(&run(
            &pdftotext,
            &["-raw", pdf.to_str().expect("utf-8 path"), "-"],
        ));
        for node in &doc.nodes {
            let name = squash(&node.name);
            assert!(
                name.is_empty() || text.contains(&name),
                "{stem}: LibreOffice shows node {name:?}: {text}"
            );
        }
    }
}

const LEVELS: [&str; 4] = ["none", "note", "warning", "error"];

fn validate_with(path: &Path, format: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hybrid-designer"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "validate",
            path.to_str().expect("utf-8 path"),
            "--format",
            format,
        ])
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

/// The tool's driver: its name, and every rule of the catalog with the schema's required
/// and our promised fields. Returns the rules.
fn check_driver(driver: &serde_json::Value) -> &Vec<serde_json::Value> {
    let catalog = rules::catalog();
    // run: tool is required; tool.driver is required; driver.name is required.
    assert_eq!(driver["name"], "hybrid-designer");
    let rules_out = driver["rules"].as_array().expect("driver.rules");
    assert_eq!(rules_out.len(), catalog.len(), "every rule of the catalog");
    let mut ids = BTreeSet::new();
    for (rule, info) in rules_out.iter().zip(catalog) {
        // reportingDescriptor: id is required and unique within the component.
        assert_eq!(rule["id"], info.id);
        assert!(ids.insert(info.id), "rule ids are unique");
        // multiformatMessageString: text is required.
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        // helpUri is an absolute URI, and is the rule's source.
        if info.source.starts_with("https://") {
            assert_eq!(rule["helpUri"], info.source);
        } else {
            assert!(rule.get("helpUri").is_none(), "{}: not a URI", info.source);
        }
        let level = rule["defaultConfiguration"]["level"]
            .as_str()
            .expect("level");
        assert!(LEVELS.contains(&level));
        let expected = match info.severity {
            rules::Severity::Error => "error",
            rules::Severity::Warning => "warning",
            rules::Severity::Info => "note",
        };
        assert_eq!(level, expected, "{}: default level", info.id);
    }
    rules_out
}

#[test]
fn every_scenario_sarif_log_meets_the_sarif_2_1_0_schema_with_one_result_per_finding() {
    for (stem, path, doc) in scenarios() {
        let relative = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("inside the repo")
            .to_path_buf();
        let (status, text) = validate_with(&relative, "sarif");
        let (json_status, _) = validate_with(&relative, "json");
        assert_eq!(
            status, json_status,
            "{stem}: exit status as for --format json"
        );

        // Through the crate's types: the log deserializes as SARIF.
        let typed: serde_sarif::sarif::Sarif =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(typed.runs.len(), 1, "{stem}: one run");

        let log: serde_json::Value = serde_json::from_str(&text).expect("json");
        // sarifLog: version is "2.1.0"; runs is required.
        assert_eq!(log["version"], "2.1.0", "{stem}");
        assert!(
            log["$schema"]
                .as_str()
                .is_some_and(|s| s.starts_with("https://"))
        );
        let run = &log["runs"][0];
        let rules_out = check_driver(&run["tool"]["driver"]);
        // One result per finding, in order.
        let findings = rules::validate(&doc);
        let results = run["results"].as_array().expect("results");
        assert_eq!(
            results.len(),
            findings.len(),
            "{stem}: one result per finding"
        );
        let uri = relative.to_str().expect("utf-8").replace('\\', "/");
        assert_eq!(run["artifacts"][0]["location"]["uri"], uri.as_str());
        for (r, f) in results.iter().zip(&findings) {
            // result: message is required, with text.
            assert!(
                r["message"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(f.message.trim_end_matches('.')))
            );
            assert_eq!(r["ruleId"], f.rule);
            let index =
                usize::try_from(r["ruleIndex"].as_u64().expect("ruleIndex")).expect("index");
            assert_eq!(
                rules_out[index]["id"], f.rule,
                "{stem}: ruleIndex points at the rule"
            );
            assert!(LEVELS.contains(&r["level"].as_str().expect("level")));
            let location = &r["locations"][0];
            assert_eq!(
                location["physicalLocation"]["artifactLocation"]["uri"],
                uri.as_str()
            );
            let logical = location["logicalLocations"]
                .as_array()
                .map_or(&[][..], Vec::as_slice);
            assert_eq!(
                logical.len(),
                f.nodes.len() + f.links.len(),
                "{stem}: {}",
                f.rule
            );
            for (l, id) in logical.iter().zip(&f.nodes) {
                let node = doc.node(id.as_str()).expect("node");
                assert_eq!(l["name"], node.name.as_str());
                let pointer = l["fullyQualifiedName"].as_str().expect("pointer");
                let index: usize = pointer
                    .trim_start_matches("/nodes/")
                    .parse()
                    .expect("index");
                assert_eq!(doc.nodes[index].id, *id);
            }
        }
    }
}
