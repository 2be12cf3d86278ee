//! `hybrid-designer export FILE -o OUT`, run as a real process: formats by extension, exit
//! statuses (0 written, 1 written with plan errors, 2 nothing written), options.

use resvg::tiny_skia::Pixmap;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hybrid-designer"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn scenario(name: &str) -> String {
    format!("tests/fixtures/scenarios/{name}.hybrid.json")
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn valid_plan_exports_to_every_format_with_status_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    for ext in ["svg", "png", "json", "md", "html"] {
        let out_path = dir.path().join(format!("plan.{ext}"));
        let out = run(&[
            "export",
            &scenario("p01-valid-2016"),
            "-o",
            path_str(&out_path),
        ]);
        assert_eq!(status(&out), 0, "{ext}: {}", stderr(&out));
        let bytes = std::fs::read(&out_path).expect("written");
        assert!(!bytes.is_empty(), "{ext}");
        if ext == "png" {
            Pixmap::decode_png(&bytes).expect("a PNG");
        }
        if ext == "svg" {
            assert!(
                String::from_utf8(bytes)
                    .expect("utf8")
                    .contains("Contoso 2016 hybrid")
            );
        }
    }
}

#[test]
fn plan_with_errors_is_written_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("p03.svg");
    let out = run(&[
        "export",
        &scenario("p03-2013-no-cas"),
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    assert!(out_path.exists());
}

#[test]
fn plan_with_only_warnings_exits_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("p02.md");
    let out = run(&[
        "export",
        &scenario("p02-single-2016"),
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let md = std::fs::read_to_string(&out_path).expect("written");
    assert!(md.contains("R-ROLE-REDUNDANCY"));
}

#[test]
fn unknown_extension_writes_nothing_and_exits_2_with_one_sentence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("plan.docx");
    let out = run(&[
        "export",
        &scenario("p01-valid-2016"),
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 2);
    assert!(!out_path.exists());
    let err = stderr(&out);
    assert!(
        err.contains("unknown extension") && err.contains(".svg") && err.contains(".vsdx"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn unreadable_plan_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("plan.svg");
    let out = run(&[
        "export",
        "no/such/plan.hybrid.json",
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 2);
    assert!(!out_path.exists());
    assert!(!stderr(&out).trim().is_empty());
}

#[test]
fn unwritable_output_exits_2_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("missing-dir").join("plan.png");
    let out = run(&[
        "export",
        &scenario("p01-valid-2016"),
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    assert!(!out_path.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        0,
        "no temporary left behind"
    );
}

#[test]
fn existing_output_survives_a_failed_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("plan.svg");
    std::fs::write(&out_path, "old").expect("seed");
    let out = run(&[
        "export",
        "tests/fixtures/scenarios/missing.hybrid.json",
        "-o",
        path_str(&out_path),
    ]);
    assert_eq!(status(&out), 2);
    assert_eq!(std::fs::read_to_string(&out_path).expect("kept"), "old");
}

#[test]
fn scale_and_transparent_background_reach_the_png() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = dir.path().join("one.png");
    let two = dir.path().join("two.png");
    let p01 = scenario("p01-valid-2016");
    assert_eq!(status(&run(&["export", &p01, "-o", path_str(&one)])), 0);
    let out = run(&[
        "export",
        &p01,
        "-o",
        path_str(&two),
        "--scale",
        "2",
        "--background",
        "transparent",
    ]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let a = Pixmap::decode_png(&std::fs::read(&one).expect("one")).expect("png");
    let b = Pixmap::decode_png(&std::fs::read(&two).expect("two")).expect("png");
    assert_eq!((b.width(), b.height()), (a.width() * 2, a.height() * 2));
    assert_eq!(b.pixel(0, 0).expect("corner").alpha(), 0);
    assert_eq!(a.pixel(0, 0).expect("corner").alpha(), 255);
}

#[test]
fn no_findings_leaves_outlines_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let with = dir.path().join("with.svg");
    let without = dir.path().join("without.svg");
    let p03 = scenario("p03-2013-no-cas");
    run(&["export", &p03, "-o", path_str(&with)]);
    let out = run(&["export", &p03, "-o", path_str(&without), "--no-findings"]);
    assert_eq!(status(&out), 1, "the plan still has errors");
    let red = "stroke=\"#d13438\"";
    assert!(std::fs::read_to_string(&with).expect("with").contains(red));
    assert!(
        !std::fs::read_to_string(&without)
            .expect("without")
            .contains(red)
    );
}

#[test]
fn bad_scale_is_refused_with_status_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("plan.png");
    let out = run(&[
        "export",
        &scenario("p01-valid-2016"),
        "-o",
        path_str(&out_path),
        "--scale",
        "0",
    ]);
    assert_eq!(status(&out), 2);
    assert!(!out_path.exists());
}

#[test]
fn handouts_and_drawings_are_written_with_the_status_of_the_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("p07.pdf");
    let out = run(&[
        "export",
        &scenario("p07-send-from-cas"),
        "-o",
        path_str(&pdf),
        "--paper",
        "letter",
    ]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    let bytes = std::fs::read(&pdf).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    // Landscape Letter: 792 x 612 points.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("[0 0 792 612]"), "a Letter media box");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Handout (PDF) written"));

    let vsdx = dir.path().join("p01.vsdx");
    let out = run(&["export", &scenario("p01-valid-2016"), "-o", path_str(&vsdx)]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    assert!(std::fs::read(&vsdx).expect("written").starts_with(b"PK"));
}

#[test]
fn a_bad_paper_is_refused_with_status_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("p.pdf");
    let out = run(&[
        "export",
        &scenario("p01-valid-2016"),
        "-o",
        path_str(&pdf),
        "--paper",
        "a3",
    ]);
    assert_eq!(status(&out), 2);
    assert!(!pdf.exists());
}

#[test]
fn a_png_too_large_for_the_cap_is_drawn_smaller_and_the_message_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("wide.hybrid.json");
    let mut doc = hybrid_designer::model::Document::new("Wide");
    for (i, x) in [0.0, 9_000.0].into_iter().enumerate() {
        doc.nodes.push(
            hybrid_designer::model::Node::server(
                format!("s{i}").as_str(),
                format!("EX-{i}"),
                hybrid_designer::model::Version::V2019,
                &[hybrid_designer::model::Role::Mailbox],
            )
            .at(x, 0.0),
        );
    }
    std::fs::write(&plan, hybrid_designer::file::to_string(&doc)).expect("plan written");
    let png = dir.path().join("wide.png");
    let out = run(&[
        "export",
        path_str(&plan),
        "-o",
        path_str(&png),
        "--scale",
        "2",
    ]);
    assert!(status(&out) < 2, "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("drawn at scale") && stdout.contains("16384"),
        "{stdout}"
    );
    let img = Pixmap::decode_png(&std::fs::read(&png).expect("written")).expect("decodes");
    assert_eq!(img.width(), 16_384);
}
