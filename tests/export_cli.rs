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
    let out_path = dir.path().join("plan.pdf");
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
        err.contains("unknown extension") && err.contains(".svg"),
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
