//! Every scenario fixture and every bundled template exports to every format.
//!
//! Set `EXPORT_DUMP_DIR=/some/dir` to also write the exports there, to look at them.

use hybrid_designer::export::{ExportFormat, ExportOptions, export_bytes};
use hybrid_designer::model::Document;
use resvg::tiny_skia::Pixmap;
use resvg::usvg;
use std::path::{Path, PathBuf};

fn plans_in(dir: &Path) -> Vec<(PathBuf, Document)> {
    let mut out: Vec<(PathBuf, Document)> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .map(|p| {
            let doc =
                hybrid_designer::file::load(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, doc)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn check_all_formats(plans: &[(PathBuf, Document)]) {
    let dump = std::env::var_os("EXPORT_DUMP_DIR").map(PathBuf::from);
    for (path, doc) in plans {
        let stem = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("plan")
            .trim_end_matches(".hybrid.json");
        for format in ExportFormat::ALL {
            let bytes = export_bytes(
                doc,
                format,
                &ExportOptions {
                    date: Some("2026-01-15".into()),
                    ..ExportOptions::default()
                },
            )
            .unwrap_or_else(|e| panic!("{stem} as {format:?}: {e}"));
            assert!(!bytes.is_empty(), "{stem} {format:?}");
            match format {
                ExportFormat::Svg => {
                    let text = String::from_utf8(bytes.clone()).expect("utf8");
                    usvg::Tree::from_str(&text, &hybrid_designer::export::png::usvg_options())
                        .expect("svg parses");
                    for n in &doc.nodes {
                        let escaped = hybrid_designer::export::svg::escape(&n.name);
                        assert!(
                            escaped.is_empty()
                                || text.contains(&escaped)
                                || text.contains('\u{2026}'),
                            "{stem}: {}",
                            n.name
                        );
                    }
                }
                ExportFormat::Png => {
                    Pixmap::decode_png(&bytes).expect("png decodes");
                }
                ExportFormat::Json => {
                    let back =
                        hybrid_designer::file::from_str(std::str::from_utf8(&bytes).expect("utf8"))
                            .expect("reloads");
                    assert_eq!(&back, doc, "{stem}: JSON export is the plan itself");
                }
                ExportFormat::Markdown | ExportFormat::Html => {
                    let text = String::from_utf8(bytes.clone()).expect("utf8");
                    assert!(text.contains("2026-01-15"), "{stem}: date");
                }
                // Read back by poppler and LibreOffice in tests/handoff_readers.rs.
                ExportFormat::Pdf => assert!(bytes.starts_with(b"%PDF-"), "{stem}: PDF"),
                ExportFormat::Vsdx => assert!(bytes.starts_with(b"PK"), "{stem}: zip package"),
                // Parsed as PowerShell in tests/hcw.rs.
                ExportFormat::PowerShell => {
                    let text = String::from_utf8(bytes.clone()).expect("utf8");
                    assert!(
                        text.starts_with("# Hybrid Configuration Wizard preview"),
                        "{stem}"
                    );
                }
            }
            if let Some(dir) = &dump {
                std::fs::create_dir_all(dir).expect("dump dir");
                if format == ExportFormat::Png {
                    let opts = ExportOptions {
                        scale: 2.0,
                        ..ExportOptions::default()
                    };
                    let big = export_bytes(doc, format, &opts).expect("2x");
                    std::fs::write(dir.join(format!("{stem}@2x.png")), big).expect("dump");
                }
                std::fs::write(dir.join(format!("{stem}.{}", format.extension())), &bytes)
                    .expect("dump");
            }
        }
    }
}

#[test]
fn every_scenario_exports_to_every_format() {
    let plans = plans_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios"));
    assert!(plans.len() >= 10, "fixtures found: {}", plans.len());
    check_all_formats(&plans);
}

#[test]
fn every_template_exports_to_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates");
    let plans = plans_in(&dir);
    assert!(!plans.is_empty(), "templates found");
    check_all_formats(&plans);
}
