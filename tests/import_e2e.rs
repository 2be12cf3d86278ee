//! `hybrid-designer import` as a real process: the project's hand-written inventory folder
//! gives the expected plan, and hostile input is refused with exit 2, one line, no output.

use serde_json::Value;
use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output};

const FOLDER: &str = "tests/fixtures/import/contoso";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hybrid-designer"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn import_to(out: &Path, inputs: &[&str]) -> Output {
    let mut args = vec!["import"];
    args.extend_from_slice(inputs);
    let out = out.to_str().expect("UTF-8 path");
    args.extend_from_slice(&["-o", out, "--date", "2026-12-05"]);
    run(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn the_contoso_inventory_gives_the_expected_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.hybrid.json");
    let out = import_to(&plan, &[FOLDER]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.starts_with("import: 14 files read (11 used, 3 skipped)"),
        "{summary}"
    );
    assert!(
        summary.contains("\nreferenced but not inventoried: EX03\n"),
        "{summary}"
    );
    assert!(summary.contains("skipped: tests/fixtures/import/contoso/GetAuthConfig.xml: type AuthConfig is not used by the import"));
    assert!(
        summary.contains(
            "note: the input spans 2 Active Directory forests: contoso.local, fabrikam.lab"
        )
    );
    assert!(
        summary
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("wrote: "))
    );

    let doc: Value =
        serde_json::from_str(&fs::read_to_string(&plan).expect("written")).expect("JSON");
    assert_eq!(doc["title"], "Contoso (as-is)");
    assert_eq!(doc["hybrid"]["mode"], "full");
    assert_eq!(doc["hybrid"]["domains"], serde_json::json!(["contoso.com"]));
    let nodes = doc["nodes"].as_array().expect("nodes");
    let links = doc["links"].as_array().expect("links");
    let names: Vec<&str> = nodes
        .iter()
        .map(|n| n["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "EDGE01",
            "EX01",
            "EX02",
            "EX03",
            "mail.contoso.com",
            "Exchange Online",
            "Microsoft Federation Gateway"
        ]
    );
    let ex01 = &nodes[1];
    assert_eq!(ex01["version"], "2019");
    assert_eq!(ex01["build"], serde_json::json!({"cu": 14}));
    assert_eq!(ex01["mrs_proxy"], true);
    // The certificate named by the HybridConfiguration, read from raw DER (UTF-16 file aside).
    assert_eq!(ex01["certificate"]["subject"], "mail.contoso.com");
    assert_eq!(
        ex01["certificate"]["names"],
        serde_json::json!(["mail.contoso.com", "autodiscover.contoso.com"])
    );
    assert_eq!(
        ex01["certificate"]["issuer"],
        "CN=Fabrikam TLS CA, O=Fabrikam Trust, C=US"
    );
    assert_eq!(nodes[0]["kind"], "edge_transport");
    let edge = links
        .iter()
        .find(|l| l["kind"] == "edge_subscription")
        .expect("an Edge subscription");
    assert_eq!(
        (&edge["from"], &edge["to"]),
        (&Value::from("srv-edge01"), &Value::from("srv-ex01"))
    );
    assert_eq!(nodes[5]["tenant"], "contoso");
    assert!(nodes.iter().all(|n| n.get("position").is_none()));
    let sends: Vec<&Value> = links
        .iter()
        .filter(|l| l["kind"] == "send_connector")
        .collect();
    assert_eq!(sends.len(), 2, "EX01 and the uninventoried EX03");
    assert_eq!(sends[0]["tls_auth"], "domain_validation");
    let receive = links
        .iter()
        .find(|l| l["kind"] == "receive_connector")
        .expect("a receive link");
    assert_eq!(receive["to"], "srv-ex01");
    assert_eq!(receive["accepts_cloud_mail"], true);
    assert_eq!(receive["smart_host"], "mail.contoso.com");
    let rel = links
        .iter()
        .find(|l| l["kind"] == "organization_relationship")
        .expect("a relationship");
    assert_eq!(rel["from"], "ns-mail-contoso-com");

    // The plan passes validate with status 0 or 1 (findings, never unreadable).
    let v = run(&["validate", plan.to_str().expect("UTF-8")]);
    assert!(
        matches!(v.status.code(), Some(0 | 1)),
        "{}",
        text(&v.stdout)
    );
}

#[test]
fn the_same_inputs_and_date_give_byte_identical_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    assert_eq!(import_to(&a, &[FOLDER]).status.code(), Some(0));
    assert_eq!(
        import_to(
            &b,
            &[
                FOLDER,
                "tests/fixtures/import/contoso/Get-ExchangeServer.xml"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        fs::read(&a).expect("a"),
        fs::read(&b).expect("b"),
        "a file named twice is read once"
    );
}

/// Import one hostile file; it must be refused with exit 2, one line naming it, and an
/// existing OUT left as it was.
fn refused(name: &str, bytes: &[u8], reason: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(name);
    fs::write(&input, bytes).expect("write input");
    let plan = dir.path().join("plan.hybrid.json");
    fs::write(&plan, "keep me").expect("write old plan");
    let out = import_to(&plan, &[input.to_str().expect("UTF-8")]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(out.stdout.is_empty(), "{name}: nothing on stdout");
    assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
    assert!(
        err.starts_with("error: ") && err.contains(name) && err.contains(reason),
        "{name}: {err}"
    );
    assert_eq!(fs::read_to_string(&plan).expect("old plan"), "keep me");
}

#[test]
fn a_dtd_entity_bomb_is_refused() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<Objs xmlns="http://schemas.microsoft.com/powershell/2004/04"><S>&lol2;</S></Objs>"#;
    refused(
        "bomb.xml",
        bomb.as_bytes(),
        "XML with a DTD (<!DOCTYPE>) is refused",
    );
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let deep = format!(
        r#"<Objs xmlns="http://schemas.microsoft.com/powershell/2004/04">{}"#,
        "<Obj><Props>".repeat(5_000)
    );
    refused("deep.xml", deep.as_bytes(), "nested deeper than 256");
}

#[test]
fn invalid_utf16_is_refused_with_a_hint() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "<Objs>".encode_utf16().chain([0xDC00, 0x0041]) {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    refused("utf16.xml", &bytes, "re-export with -Encoding UTF8");
}

#[test]
fn a_dangling_ref_is_refused() {
    let body = r#"<Objs xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>X</T></TN><Props><Ref N="Id" RefId="19" /></Props></Obj></Objs>"#;
    refused("ref.xml", body.as_bytes(), "broken reference at line 1");
}

#[test]
fn a_truncated_100_mb_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("huge.xml");
    let mut f = std::io::BufWriter::new(fs::File::create(&input).expect("create"));
    f.write_all(br#"<Objs xmlns="http://schemas.microsoft.com/powershell/2004/04">"#)
        .expect("write");
    let chunk = br#"<Obj RefId="0"><TN RefId="0"><T>System.String</T></TN><ToString>padding padding padding padding</ToString></Obj>"#.repeat(1000);
    while f.get_ref().metadata().map_or(0, |m| m.len()) < 100 * 1024 * 1024 {
        f.write_all(&chunk).expect("write");
        f.flush().expect("flush");
    }
    drop(f);
    let plan = dir.path().join("plan.hybrid.json");
    let out = import_to(&plan, &[input.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("unexpected end of file"),
        "{}",
        text(&out.stderr)
    );
    assert!(!plan.exists());
}

#[test]
fn missing_paths_and_folders_without_objects_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.hybrid.json");
    let out = import_to(&plan, &["tests/fixtures/import/no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no-such-folder: cannot be read"));
    fs::write(dir.path().join("web.config.xml"), "<configuration/>").expect("write");
    let out = import_to(&plan, &[dir.path().to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("nothing importable (1 files, none with an object the import uses)"),
        "{}",
        text(&out.stderr)
    );
    assert!(!plan.exists());
}
