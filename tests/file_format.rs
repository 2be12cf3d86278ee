//! The topology file format (docs/format.md): round trips, stable bytes, unknown fields,
//! refusal of bad files with the place named, migrations and atomic saves.

use hybrid_designer::file::{self, LoadError, SaveError};
use hybrid_designer::model::{
    CertService, Cloud, Date, Document, FORMAT_VERSION, PublicFolders, YearMonth,
};
use hybrid_designer::rules;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures().join("scenarios"))
        .expect("scenario fixtures exist")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 14,
        "expected the 14 shared scenarios, found {}",
        files.len()
    );
    files
}

/// A small valid plan with every part of the envelope, as raw JSON to mutate.
fn base() -> Value {
    json!({
        "format": "exchange-hybrid-topology",
        "format_version": 1,
        "title": "Base",
        "hybrid": {"mode": "full", "domains": ["contoso.com"], "evaluation_date": "2026-01-15"},
        "nodes": [
            {"id": "exo", "kind": "exchange_online", "name": "Contoso tenant", "tenant": "contoso"},
            {"id": "ex1", "kind": "exchange_server", "name": "EX16-01", "position": {"x": 10.0, "y": 20.0},
             "version": "2016", "roles": ["mailbox"], "build": {"cu": 23}},
            {"id": "ex2", "kind": "exchange_server", "name": "EX16-02", "version": "2016", "roles": ["mailbox"]}
        ],
        "links": [
            {"id": "l1", "kind": "send_connector", "from": "ex1", "to": "exo"},
            {"id": "l2", "kind": "receive_connector", "from": "exo", "to": "ex1"}
        ]
    })
}

fn refuse(value: &Value) -> LoadError {
    match file::from_str(&value.to_string()) {
        Ok(doc) => panic!("expected the document to be refused, it loaded: {doc:?}"),
        Err(e) => e,
    }
}

fn assert_refused_at(value: &Value, path: &str, message: &str) {
    let err = refuse(value);
    assert_eq!(err.path(), Some(path), "wrong path in: {err}");
    let text = err.to_string();
    let place = if path.is_empty() {
        "the document"
    } else {
        path
    };
    assert!(
        text.starts_with(&format!("{place}: ")),
        "the sentence starts with the path: {text}"
    );
    assert!(text.contains(message), "expected {message:?} in: {text}");
    assert_eq!(text.lines().count(), 1, "one line: {text}");
}

#[test]
fn the_base_plan_loads() {
    let doc = file::from_str(&base().to_string()).expect("the base plan is valid");
    assert_eq!(doc.nodes.len(), 3);
    assert_eq!(doc.links.len(), 2);
    assert_eq!(doc.format_version, FORMAT_VERSION);
}

#[test]
fn every_scenario_survives_a_save_and_load_unchanged() {
    for path in scenario_files() {
        let doc = file::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let text = file::to_string(&doc);
        let again = file::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(again, doc, "{}", path.display());
    }
}

#[test]
fn saving_the_same_document_twice_gives_identical_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in scenario_files() {
        let doc = file::load(&path).expect("scenario loads");
        let a = dir.path().join("a.hybrid.json");
        let b = dir.path().join("b.hybrid.json");
        file::save(&a, &doc).expect("save a");
        file::save(&b, &file::load(&a).expect("reload")).expect("save b");
        let (a, b) = (fs::read(&a).expect("read a"), fs::read(&b).expect("read b"));
        assert_eq!(a, b, "{}", path.display());
        assert!(a.ends_with(b"}\n"), "pretty JSON with a trailing newline");
    }
}

#[test]
fn canonical_files_are_written_back_byte_for_byte() {
    // The shared scenarios are written in the saver's own layout, so a load and save must not
    // change a single byte: plans diff well under version control.
    for path in scenario_files() {
        let original = fs::read_to_string(&path).expect("readable");
        let doc = file::from_str(&original).expect("scenario loads");
        assert_eq!(file::to_string(&doc), original, "{}", path.display());
    }
}

#[test]
fn unknown_fields_are_kept_at_every_level() {
    let mut v = base();
    v["x_top"] = json!({"nested": [1, 2, {"deep": true}]});
    v["hybrid"]["x_hybrid"] = json!("kept");
    v["nodes"][1]["x_rack"] = json!("B2");
    v["links"][0]["x_cost"] = json!(12.5);
    v["views"] = json!([{"title": "Mail flow", "camera": {"x": 0.0, "y": 0.0, "width": 800.0, "height": 600.0},
                        "nodes": ["ex1"], "x_transition": "fade"}]);
    let doc = file::from_str(&v.to_string()).expect("extra fields do not stop a load");
    assert_eq!(doc.extra.get("x_top"), Some(&v["x_top"]));
    let saved: Value = serde_json::from_str(&file::to_string(&doc)).expect("saved JSON parses");
    assert_eq!(saved["x_top"], v["x_top"]);
    assert_eq!(saved["hybrid"]["x_hybrid"], json!("kept"));
    assert_eq!(saved["nodes"][1]["x_rack"], json!("B2"));
    assert_eq!(saved["links"][0]["x_cost"], json!(12.5));
    assert_eq!(saved["views"][0]["x_transition"], json!("fade"));
    assert_eq!(saved["views"][0]["nodes"], json!(["ex1"]));
}

#[test]
fn absent_optional_fields_stay_absent_after_a_round_trip() {
    let doc = file::from_str(&base().to_string()).expect("valid");
    let saved: Value = serde_json::from_str(&file::to_string(&doc)).expect("parses");
    let exo = saved["nodes"][0].as_object().expect("object");
    assert!(!exo.contains_key("position"));
    assert!(!exo.contains_key("notes"));
    assert!(saved["hybrid"].get("features").is_none());
    assert!(
        saved.get("views").is_none(),
        "an empty views list is not written"
    );
}

#[test]
fn node_and_link_ids_are_the_files_own() {
    let doc = file::from_str(&base().to_string()).expect("valid");
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["exo", "ex1", "ex2"]);
    assert_eq!(doc.links[1].from.as_str(), "exo");
}

#[test]
fn a_field_of_the_wrong_type_is_refused_at_its_path() {
    let mut v = base();
    v["nodes"][2]["name"] = json!(5);
    assert_refused_at(&v, "/nodes/2/name", "expected a string, found 5");

    let mut v = base();
    v["nodes"][1]["position"]["x"] = json!("left");
    assert_refused_at(
        &v,
        "/nodes/1/position/x",
        "expected a number, found the string \"left\"",
    );

    let mut v = base();
    v["links"][0]["require_tls"] = json!("yes");
    assert_refused_at(&v, "/links/0/require_tls", "expected a boolean");

    let mut v = base();
    v["nodes"] = json!({"exo": {}});
    assert_refused_at(&v, "/nodes", "expected an array, found an object");

    let mut v = base();
    v["hybrid"]["domains"][0] = json!(null);
    assert_refused_at(&v, "/hybrid/domains/0", "found null");
}

#[test]
fn an_unknown_version_lists_the_allowed_ones() {
    let mut v = base();
    v["nodes"][1]["version"] = json!("2020");
    let err = refuse(&v);
    assert_eq!(
        err.to_string(),
        "/nodes/1/version: unknown version \"2020\" (expected \"2010\", \"2013\", \"2016\", \"2019\" or \"se\")"
    );
}

#[test]
fn an_unknown_kind_is_refused_naming_the_kinds() {
    let mut v = base();
    v["nodes"][0]["kind"] = json!("router");
    assert_refused_at(
        &v,
        "/nodes/0/kind",
        "unknown kind \"router\" (expected \"exchange_server\"",
    );

    let mut v = base();
    v["links"][1]["kind"] = json!("vpn");
    assert_refused_at(&v, "/links/1/kind", "unknown kind \"vpn\"");

    let mut v = base();
    v["nodes"][1]["roles"] = json!(["mailbox", "edge"]);
    assert_refused_at(&v, "/nodes/1/roles/1", "unknown role \"edge\"");
}

#[test]
fn a_bad_build_explains_both_shapes() {
    let mut v = base();
    v["nodes"][1]["build"] = json!({"cu": "23"});
    assert_refused_at(&v, "/nodes/1/build", "{\"cu\": n}");
}

#[test]
fn a_node_without_id_is_refused() {
    let mut v = base();
    v["nodes"][2].as_object_mut().expect("object").remove("id");
    assert_refused_at(&v, "/nodes/2", "missing field \"id\"");
}

#[test]
fn a_link_without_id_is_refused() {
    let mut v = base();
    v["links"][1].as_object_mut().expect("object").remove("id");
    assert_refused_at(&v, "/links/1", "missing field \"id\"");
}

#[test]
fn a_duplicate_node_id_names_both_places() {
    let mut v = base();
    v["nodes"][2]["id"] = json!("ex1");
    assert_refused_at(
        &v,
        "/nodes/2/id",
        "duplicate node id \"ex1\" (first used at /nodes/1)",
    );
}

#[test]
fn a_duplicate_link_id_names_both_places() {
    let mut v = base();
    v["links"][1]["id"] = json!("l1");
    assert_refused_at(
        &v,
        "/links/1/id",
        "duplicate link id \"l1\" (first used at /links/0)",
    );
}

#[test]
fn a_link_to_a_missing_node_is_refused() {
    let mut v = base();
    v["links"][1]["to"] = json!("ex9");
    assert_refused_at(
        &v,
        "/links/1/to",
        "link \"l2\" points to node \"ex9\", which does not exist",
    );

    let mut v = base();
    v["links"][0]["from"] = json!("ghost");
    assert_refused_at(&v, "/links/0/from", "node \"ghost\", which does not exist");
}

#[test]
fn a_server_without_version_is_refused() {
    let mut v = base();
    v["nodes"][2]
        .as_object_mut()
        .expect("object")
        .remove("version");
    assert_refused_at(&v, "/nodes/2", "missing field \"version\"");
}

#[test]
fn an_impossible_evaluation_date_is_refused() {
    let mut v = base();
    v["hybrid"]["evaluation_date"] = json!("2026-02-30");
    assert_refused_at(
        &v,
        "/hybrid/evaluation_date",
        "not a date of the form YYYY-MM-DD",
    );
}

#[test]
fn text_that_is_not_json_is_refused_with_its_line_and_column() {
    let err = file::from_str("{\n  \"format\": \"exchange-hybrid-topology\",\n    ]\n}")
        .expect_err("not JSON");
    assert!(matches!(err, LoadError::NotJson(_)));
    assert!(err.to_string().starts_with("not JSON: "), "{err}");
    assert!(err.to_string().contains("line 3 column 5"), "{err}");

    let err = file::from_str("{\"format\": ").expect_err("truncated");
    assert!(err.to_string().contains("ends too early"), "{err}");
}

#[test]
fn an_empty_file_is_refused() {
    for text in ["", "  \n\t", "\u{feff}"] {
        let err = file::from_str(text).expect_err("empty");
        assert_eq!(err.to_string(), "the file is empty");
    }
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let text = format!("\u{feff}{}", base());
    assert!(file::from_str(&text).is_ok());
}

#[test]
fn a_document_of_another_format_is_refused() {
    let mut v = base();
    v["format"] = json!("drawio");
    assert_refused_at(&v, "/format", "not an exchange-hybrid-topology document");

    let mut v = base();
    v.as_object_mut().expect("object").remove("format");
    assert_refused_at(&v, "/format", "not an exchange-hybrid-topology document");

    assert_refused_at(&json!([1, 2]), "", "expected a JSON object, found an array");
}

#[test]
fn a_missing_format_version_is_refused() {
    let mut v = base();
    v.as_object_mut().expect("object").remove("format_version");
    assert_refused_at(&v, "/format_version", "missing field \"format_version\"");

    let mut v = base();
    v["format_version"] = json!("1");
    assert_refused_at(&v, "/format_version", "expected a whole number");
}

#[test]
fn a_newer_format_version_is_refused_not_half_loaded() {
    let mut v = base();
    v["format_version"] = json!(3);
    let err = refuse(&v);
    assert!(matches!(err, LoadError::Newer { found: 3, .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "made by a newer version of the program (format_version 3; this version reads up to {FORMAT_VERSION})"
        )
    );
    v["format_version"] = json!(u64::MAX);
    assert!(matches!(refuse(&v), LoadError::Newer { .. }));
}

#[test]
fn the_original_shared_scenarios_with_repeated_link_ids_are_refused() {
    let cases = [
        (
            "p10-edge-valid-duplicate-link-ids.hybrid.json",
            "/links/7/id",
            "l8",
            "/links/4",
        ),
        (
            "p11-edge-mixed-duplicate-link-ids.hybrid.json",
            "/links/7/id",
            "l8",
            "/links/4",
        ),
        (
            "p14-modern-tracking-duplicate-link-ids.hybrid.json",
            "/links/10/id",
            "l11",
            "/links/9",
        ),
    ];
    for (name, path, id, first) in cases {
        let file = fixtures().join("bad").join(name);
        let err = file::load(&file).expect_err("repeated link ids");
        assert_eq!(err.path(), Some(path), "{err}");
        assert_eq!(err.file(), Some(file.as_path()));
        let text = err.to_string();
        assert!(text.contains(name), "names the file: {text}");
        assert!(
            text.contains(&format!(
                "duplicate link id \"{id}\" (first used at {first})"
            )),
            "{text}"
        );
    }
}

#[test]
fn a_file_refused_for_repeated_link_ids_opens_as_a_copy_with_fresh_ids() {
    let file = fixtures()
        .join("bad")
        .join("p10-edge-valid-duplicate-link-ids.hybrid.json");
    let before = fs::read(&file).expect("read");
    assert!(
        file::load(&file)
            .expect_err("refused as it is")
            .is_duplicate_link_id()
    );
    let (doc, renumbered) = file::load_renumbering_duplicate_links(&file).expect("repaired");
    let changes: Vec<(usize, &str, &str)> = renumbered
        .iter()
        .map(|r| (r.index, r.old.as_str(), r.new.as_str()))
        .collect();
    assert_eq!(
        changes,
        [(7, "l8", "l8-2"), (8, "l9", "l9-2"), (9, "l10", "l10-2")]
    );
    assert_eq!(doc.links[4].id.as_str(), "l8", "the first keeps its id");
    assert_eq!(
        fs::read(&file).expect("read"),
        before,
        "the file is untouched"
    );

    // The same plan as the renumbered copy among the test scenarios, but for the three ids.
    let mut copy = file::load(&fixtures().join("scenarios/p10-edge-valid.hybrid.json"))
        .expect("the fixture copy loads");
    for (i, new) in [(7, "l8-2"), (8, "l9-2"), (9, "l10-2")] {
        copy.links[i].id = new.into();
    }
    assert_eq!(doc, copy);
}

#[test]
fn renumbering_repeated_link_ids_skips_ids_already_taken_and_repairs_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.hybrid.json");
    let mut v = base();
    v["links"][1]["id"] = json!("l1");
    v["links"][0]["id"] = json!("l1");
    let links = v["links"].as_array_mut().expect("links");
    let mut third = links[0].clone();
    third["id"] = json!("l1-2");
    links.push(third);
    fs::write(&path, v.to_string()).expect("write");
    let (doc, renumbered) = file::load_renumbering_duplicate_links(&path).expect("repaired");
    let ids: Vec<&str> = doc.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["l1", "l1-3", "l1-2"]);
    assert_eq!(renumbered.len(), 1);

    // A repeated node id is not a repeated link id: still refused, and not offered.
    let mut v = base();
    v["nodes"][2]["id"] = json!("ex1");
    fs::write(&path, v.to_string()).expect("write");
    let err = file::load_renumbering_duplicate_links(&path).expect_err("node ids are not guessed");
    assert!(!err.is_duplicate_link_id());
    assert_eq!(err.path(), Some("/nodes/2/id"));

    // Past the repeated id, any other problem still refuses the file.
    let mut v = base();
    v["links"][1]["id"] = json!("l1");
    v["links"][1]["to"] = json!("nowhere");
    fs::write(&path, v.to_string()).expect("write");
    let err = file::load(&path).expect_err("refused");
    assert!(err.is_duplicate_link_id(), "the first problem found: {err}");
    let err = file::load_renumbering_duplicate_links(&path).expect_err("still refused");
    assert_eq!(err.path(), Some("/links/1/to"), "{err}");
}

#[test]
fn every_repeat_of_one_link_id_gets_its_own_fresh_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.hybrid.json");
    let mut v = base();
    let link = v["links"][0].clone();
    v["links"] = Value::Array(vec![link; 5_000]);
    fs::write(&path, v.to_string()).expect("write");
    let (doc, renumbered) = file::load_renumbering_duplicate_links(&path).expect("repaired");
    assert_eq!(renumbered.len(), 4_999);
    let ids: std::collections::HashSet<&str> = doc.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids.len(), 5_000, "all distinct");
    assert_eq!(doc.links[4_999].id.as_str(), "l1-5000");
}

#[test]
fn a_missing_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nowhere.hybrid.json");
    let err = file::load(&missing).expect_err("no such file");
    assert!(matches!(err, LoadError::Read { .. }));
    assert_eq!(err.path(), None);
    let text = err.to_string();
    assert!(text.contains("nowhere.hybrid.json"), "{text}");
    assert!(text.contains("no such file"), "{text}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.hybrid.json");
    fs::write(&path, b"{\"title\": \"Z\xfcrich\"}").expect("write");
    let err = file::load(&path).expect_err("not UTF-8");
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}

#[test]
fn a_version_0_draft_migrates_to_the_expected_version_1_document() {
    let dir = fixtures().join("migrations");
    let old =
        file::load(&dir.join("v0-contoso-draft.hybrid.json")).unwrap_or_else(|e| panic!("{e}"));
    let expected_text = fs::read_to_string(dir.join("v0-contoso-draft.expected-v1.hybrid.json"))
        .expect("expected fixture");
    let expected = file::from_str(&expected_text).expect("the expected document is version 1");
    assert_eq!(old.format_version, 1);
    assert_eq!(old, expected);
    assert_eq!(
        file::to_string(&old),
        expected_text,
        "saved as version 1, byte for byte"
    );
    assert_eq!(
        old.extra.get("x_drawn_with"),
        Some(&json!("pre-release designer"))
    );
    assert_eq!(old.links.len(), 10, "edges became links");
}

#[test]
fn a_version_0_draft_with_a_bad_position_is_refused_at_its_path() {
    let v = json!({"format": "exchange-hybrid-topology", "format_version": 0,
                   "nodes": [{"id": "a", "kind": "note", "name": "A", "position": [1]}]});
    assert_refused_at(&v, "/nodes/0/position", "[x, y]");
}

fn dir_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("readable dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn saving_into_a_missing_directory_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("missing").join("plan.hybrid.json");
    let err = file::save(&target, &Document::new("x")).expect_err("no directory");
    assert!(matches!(err, SaveError::Write { .. }));
    assert!(err.to_string().contains("plan.hybrid.json"), "{err}");
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn saving_below_a_file_fails_and_leaves_that_file_alone() {
    // A directory no one can write into, even root: its "directory" is a regular file.
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, b"keep me").expect("seed");
    let err = file::save(&blocker.join("plan.hybrid.json"), &Document::new("x"))
        .expect_err("not a directory");
    assert!(
        err.to_string().contains("the file was not changed"),
        "{err}"
    );
    assert_eq!(fs::read(&blocker).expect("still there"), b"keep me");
    assert_eq!(dir_entries(dir.path()), ["not-a-dir"]);
}

#[test]
fn when_the_temporary_cannot_be_renamed_the_target_is_untouched_and_no_temporary_is_left() {
    // A non-empty directory cannot be replaced by a file: the rename fails after the
    // temporary file was fully written beside it.
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plan.hybrid.json");
    fs::create_dir(&target).expect("directory in the way");
    fs::write(target.join("inside"), b"precious").expect("seed");
    let err = file::save(&target, &Document::new("x")).expect_err("cannot replace a directory");
    assert!(matches!(err, SaveError::Replace { .. }), "{err}");
    assert_eq!(err.path(), target.as_path());
    assert_eq!(dir_entries(dir.path()), ["plan.hybrid.json"]);
    assert_eq!(fs::read(target.join("inside")).expect("kept"), b"precious");
}

#[test]
fn a_successful_save_replaces_the_file_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plan.hybrid.json");
    fs::write(&target, b"old").expect("seed");
    let doc = file::from_str(&base().to_string()).expect("valid");
    file::save(&target, &doc).expect("writable");
    assert_eq!(file::load(&target).expect("reloads"), doc);
    assert_eq!(dir_entries(dir.path()), ["plan.hybrid.json"]);
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plan.hybrid.json");
    fs::write(&target, b"old").expect("seed");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    file::save(&target, &Document::new("x")).expect("writable");
    let mode = fs::metadata(&target).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

// ---- format 1.1: the optional fields ----

/// The base plan with a field of format 1.1 set at a JSON pointer.
fn with(pointer: &str, value: Value) -> Value {
    let mut v = base();
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    v.pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("an object")
        .insert(key.to_owned(), value);
    v
}

#[test]
fn the_fields_of_format_1_1_load_with_their_defaults() {
    let doc = file::load(&fixtures().join("scenarios/p15-v2-clean.hybrid.json")).expect("loads");
    let server = doc.node("exse-01").expect("server");
    let cert = server.certificate.as_ref().expect("certificate");
    assert_eq!(cert.subject, "mail.contoso.com");
    assert_eq!(cert.expiry(), Date::parse("2026-12-31").ok());
    assert_eq!(cert.services(), [CertService::Iis, CertService::Smtp]);
    assert!(cert.public_ca());
    assert_eq!(server.update_month(), YearMonth::parse("2025-10").ok());
    let lb = doc.node("lb").expect("load balancer");
    assert_eq!(lb.inbound_ports(), Some(&[25, 443][..]));
    assert!(!lb.preauth() && !lb.ssl_offload(), "off by default");
    let exo = doc.node("exo").expect("tenant");
    assert_eq!(exo.dedicated_hybrid_app, Some(true));
    assert_eq!(exo.cloud(), Cloud::Worldwide);
    assert_eq!(doc.hybrid.public_folders(), PublicFolders::None);
    let recv = doc.link("l6").expect("receive connector");
    assert_eq!(recv.smart_host(), Some("mail.contoso.com"));

    // A version 1 plan: every new field is absent and means "not modeled".
    let doc = file::from_str(&base().to_string()).expect("loads");
    let server = doc.node("ex1").expect("server");
    assert!(server.certificate.is_none() && server.public_names().is_empty());
    assert_eq!(server.inbound_ports(), None);
    assert_eq!(doc.hybrid.accepted_domains, None);
    assert_eq!(doc.node("exo").and_then(|x| x.domains.clone()), None);
}

#[test]
fn absent_fields_of_format_1_1_stay_absent_when_saved() {
    for path in scenario_files().iter().filter(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name < "p15"
    }) {
        let text = fs::read_to_string(path).expect("readable");
        let saved = file::to_string(&file::from_str(&text).expect("loads"));
        for field in [
            "certificate",
            "public_names",
            "inbound_ports",
            "ews_external_url",
            "update_month",
            "preauth",
            "ssl_offload",
            "dedicated_hybrid_app",
            "cloud",
            "accepted_domains",
            "public_folders",
            "smart_host",
            "on_premises_owa_url",
        ] {
            assert!(
                !saved.contains(&format!("\"{field}\"")),
                "{}: {field}",
                path.display()
            );
        }
        assert_eq!(saved, text, "{}", path.display());
    }
}

#[test]
fn unknown_fields_inside_a_certificate_are_kept() {
    let v = with(
        "/nodes/1/certificate",
        json!({"subject": "mail.contoso.com", "thumbprint": "AB12", "services": ["smtp"]}),
    );
    let doc = file::from_str(&v.to_string()).expect("loads");
    let saved: Value = serde_json::from_str(&file::to_string(&doc)).expect("JSON");
    assert_eq!(
        saved["nodes"][1]["certificate"]["thumbprint"],
        json!("AB12")
    );
}

#[test]
fn certificate_fields_of_the_wrong_type_are_refused_with_their_place() {
    let cert = |extra: Value| {
        let mut c = json!({"subject": "mail.contoso.com"});
        c.as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        c
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with(
                "/nodes/1/certificate",
                json!({"names": ["mail.contoso.com"]}),
            ),
            "/nodes/1/certificate",
            "missing field \"subject\"",
        ),
        (
            with(
                "/nodes/1/certificate",
                cert(json!({"names": "mail.contoso.com"})),
            ),
            "/nodes/1/certificate/names",
            "expected an array",
        ),
        (
            with("/nodes/1/certificate", cert(json!({"public_ca": "yes"}))),
            "/nodes/1/certificate/public_ca",
            "expected a boolean",
        ),
        (
            with(
                "/nodes/1/certificate",
                cert(json!({"services": ["iis", "ftp"]})),
            ),
            "/nodes/1/certificate/services/1",
            "unknown service \"ftp\"",
        ),
        (
            with(
                "/nodes/1/certificate",
                cert(json!({"not_after": 20_261_231})),
            ),
            "/nodes/1/certificate/not_after",
            "expected a string",
        ),
    ];
    for (value, path, message) in &cases {
        assert_refused_at(value, path, message);
    }
}

#[test]
fn other_fields_of_format_1_1_of_the_wrong_type_are_refused_with_their_place() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with("/nodes/1/public_names", json!("mail.contoso.com")),
            "/nodes/1/public_names",
            "expected an array",
        ),
        (
            with("/nodes/1/inbound_ports", json!([25, "443"])),
            "/nodes/1/inbound_ports/1",
            "expected a whole number from 0 to 65535",
        ),
        (
            with("/nodes/1/inbound_ports", json!([70_000])),
            "/nodes/1/inbound_ports/0",
            "expected a whole number from 0 to 65535, found 70000",
        ),
        (
            with("/nodes/1/ews_external_url", json!(true)),
            "/nodes/1/ews_external_url",
            "expected a string",
        ),
        (
            with("/nodes/1/preauth", json!("no")),
            "/nodes/1/preauth",
            "expected a boolean",
        ),
        (
            with("/nodes/1/ssl_offload", json!(1)),
            "/nodes/1/ssl_offload",
            "expected a boolean",
        ),
        (
            with("/nodes/0/domains", json!({"contoso.com": true})),
            "/nodes/0/domains",
            "expected an array",
        ),
        (
            with("/nodes/0/dedicated_hybrid_app", json!("true")),
            "/nodes/0/dedicated_hybrid_app",
            "expected a boolean",
        ),
        (
            with("/nodes/0/cloud", json!("moon")),
            "/nodes/0/cloud",
            "unknown cloud \"moon\"",
        ),
        (
            with("/hybrid/accepted_domains", json!("contoso.com")),
            "/hybrid/accepted_domains",
            "expected an array",
        ),
        (
            with("/hybrid/public_folders", json!("both")),
            "/hybrid/public_folders",
            "unknown public folders \"both\"",
        ),
        (
            with("/links/1/smart_host", json!(25)),
            "/links/1/smart_host",
            "expected a string",
        ),
        (
            with(
                "/links/0/on_premises_owa_url",
                json!(["https://mail.contoso.com/owa"]),
            ),
            "/links/0/on_premises_owa_url",
            "expected a string",
        ),
    ];
    for (value, path, message) in &cases {
        assert_refused_at(value, path, message);
    }
}

#[test]
fn impossible_dates_and_months_of_format_1_1_are_refused_with_the_reason() {
    let cert = |not_after: &str| {
        with(
            "/nodes/1/certificate",
            json!({"subject": "mail.contoso.com", "not_after": not_after}),
        )
    };
    assert_refused_at(
        &cert("2026-02-30"),
        "/nodes/1/certificate/not_after",
        "\"2026-02-30\" is not a date of the form YYYY-MM-DD (2026-02 has no day 30)",
    );
    assert_refused_at(
        &cert("31/12/2026"),
        "/nodes/1/certificate/not_after",
        "\"31/12/2026\" is not a date of the form YYYY-MM-DD",
    );
    assert_refused_at(
        &with("/nodes/1/update_month", json!("2025-13")),
        "/nodes/1/update_month",
        "\"2025-13\" is not a month of the form YYYY-MM (there is no month 13)",
    );
    assert_refused_at(
        &with("/nodes/1/update_month", json!("2025-04-01")),
        "/nodes/1/update_month",
        "is not a month of the form YYYY-MM",
    );
    let ok = with("/nodes/1/update_month", json!("2025-04"));
    file::from_str(&ok.to_string()).expect("a real month loads");
}

// ---- robustness: nothing panics, whatever the input ----

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        // Dyadic fractions print and parse exactly, so round trips compare equal.
        any::<i32>().prop_map(|n| Value::from(f64::from(n) / 8.0)),
        prop_oneof![
            Just("exchange-hybrid-topology".to_owned()),
            Just("exchange_server".to_owned()),
            Just("2016".to_owned()),
            Just("ex1".to_owned()),
            Just("2026-01-15".to_owned()),
            Just("2026-02-30".to_owned()),
            Just("2025-04".to_owned()),
            Just("smtp".to_owned()),
            Just("online".to_owned()),
            Just("autodiscover.contoso.com".to_owned()),
            Just("https://mail.contoso.com/EWS/Exchange.asmx".to_owned()),
            ".{0,12}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("format".to_owned()),
            Just("format_version".to_owned()),
            Just("nodes".to_owned()),
            Just("links".to_owned()),
            Just("id".to_owned()),
            Just("kind".to_owned()),
            Just("from".to_owned()),
            Just("to".to_owned()),
            Just("hybrid".to_owned()),
            Just("views".to_owned()),
            Just("certificate".to_owned()),
            Just("subject".to_owned()),
            Just("not_after".to_owned()),
            Just("services".to_owned()),
            Just("public_names".to_owned()),
            Just("inbound_ports".to_owned()),
            Just("update_month".to_owned()),
            Just("domains".to_owned()),
            Just("accepted_domains".to_owned()),
            Just("smart_host".to_owned()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in a value, the root included.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_owned());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                pointers(
                    item,
                    &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(prop::sample::Index),
    Replace(prop::sample::Index, Value),
    SwapIds(prop::sample::Index, prop::sample::Index),
    Truncate(prop::sample::Index),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Delete),
        (any::<prop::sample::Index>(), arb_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

/// Apply mutations; returns the text to load (a truncation ends the chain as text).
fn mutate(mut doc: Value, mutations: &[Mutation]) -> String {
    for m in mutations {
        let mut all = Vec::new();
        pointers(&doc, "", &mut all);
        match m {
            Mutation::Delete(i) => {
                let p = i.get(&all).clone();
                if let Some((parent, key)) = p.rsplit_once('/') {
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(map)) => {
                            map.shift_remove(&key.replace("~1", "/").replace("~0", "~"));
                        }
                        Some(Value::Array(items)) => {
                            if let Ok(n) = key.parse::<usize>()
                                && n < items.len()
                            {
                                items.remove(n);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Replace(i, v) => {
                let p = i.get(&all).clone();
                if let Some(slot) = doc.pointer_mut(&p) {
                    *slot = v.clone();
                }
            }
            Mutation::SwapIds(a, b) => {
                let ids: Vec<String> = all
                    .iter()
                    .filter(|p| p.ends_with("/id") || p.ends_with("/from") || p.ends_with("/to"))
                    .cloned()
                    .collect();
                if !ids.is_empty() {
                    let (pa, pb) = (a.get(&ids).clone(), b.get(&ids).clone());
                    let va = doc.pointer(&pa).cloned();
                    let vb = doc.pointer(&pb).cloned();
                    if let (Some(va), Some(vb)) = (va, vb) {
                        if let Some(s) = doc.pointer_mut(&pa) {
                            *s = vb;
                        }
                        if let Some(s) = doc.pointer_mut(&pb) {
                            *s = va;
                        }
                    }
                }
            }
            Mutation::Truncate(i) => {
                let text = doc.to_string();
                let mut cut = i.index(text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                return text[..cut].to_owned();
            }
        }
    }
    doc.to_string()
}

/// Whatever loads also validates, and saves to something that loads back the same.
fn load_validate_round_trip(text: &str) {
    if let Ok(doc) = file::from_str(text) {
        let _ = rules::validate(&doc);
        let again =
            file::from_str(&file::to_string(&doc)).expect("a loaded document always reloads");
        assert_eq!(again, doc);
    }
}

/// A public name, sometimes one the plans use, sometimes a wildcard or odd case.
fn arb_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("mail.contoso.com".to_owned()),
        Just("autodiscover.contoso.com".to_owned()),
        Just("AUTODISCOVER.Contoso.com.".to_owned()),
        Just("*.contoso.com".to_owned()),
        Just(String::new()),
        "[a-z]{1,6}\\.(contoso|fabrikam)\\.com",
    ]
}

/// A calendar day from 2019 to 2031, as text.
fn arb_day() -> impl Strategy<Value = String> {
    (18_000i64..22_800).prop_map(|d| Date::from_days_since_epoch(d).to_string())
}

/// One edit of a field of format 1.1 with a value of the right type: which node or link
/// (by index, wrapped), which field, and its JSON value.
fn arb_format11_edit() -> impl Strategy<Value = (usize, &'static str, Value)> {
    let names = || prop::collection::vec(arb_name(), 0..4).prop_map(|n| json!(n));
    let ports = prop::option::of(prop::collection::vec(
        prop_oneof![Just(25u16), Just(443u16), any::<u16>()],
        0..3,
    ))
    .prop_map(|p| json!(p));
    let certificate = (
        arb_name(),
        prop::collection::vec(arb_name(), 0..3),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::subsequence(
            vec!["iis", "smtp", "imap", "pop", "um", "umcallrouter"],
            0..3,
        )),
        prop::option::of(arb_day()),
        prop_oneof![Just("CN=A"), Just("CN=B"), Just("")],
    )
        .prop_map(|(subject, names, public_ca, services, not_after, issuer)| {
            let mut c = json!({"subject": subject, "names": names, "issuer": issuer});
            if let Some(p) = public_ca {
                c["public_ca"] = json!(p);
            }
            if let Some(s) = services {
                c["services"] = json!(s);
            }
            if let Some(d) = not_after {
                c["not_after"] = json!(d);
            }
            c
        });
    let url = || {
        prop_oneof![
            Just("https://mail.contoso.com/EWS/Exchange.asmx".to_owned()),
            Just("https://mail.contoso.com/owa".to_owned()),
            Just(String::new()),
            Just("not a url".to_owned()),
            arb_name().prop_map(|n| format!("https://{n}/owa")),
        ]
        .prop_map(|u| json!(u))
    };
    let month = (2019i32..2031, 1u8..=12).prop_map(|(y, m)| json!(format!("{y:04}-{m:02}")));
    let field = prop_oneof![
        names().prop_map(|v| ("public_names", v)),
        ports.prop_map(|v| ("inbound_ports", v)),
        certificate.prop_map(|v| ("certificate", v)),
        url().prop_map(|v| ("ews_external_url", v)),
        month.prop_map(|v| ("update_month", v)),
        any::<bool>().prop_map(|b| ("preauth", json!(b))),
        any::<bool>().prop_map(|b| ("ssl_offload", json!(b))),
        prop::option::of(prop::collection::vec(arb_name(), 0..3))
            .prop_map(|v| ("domains", json!(v))),
        prop::option::of(any::<bool>()).prop_map(|b| ("dedicated_hybrid_app", json!(b))),
        prop_oneof![
            Just("worldwide"),
            Just("gcc_high"),
            Just("dod"),
            Just("china")
        ]
        .prop_map(|c| ("cloud", json!(c))),
        prop::option::of(prop::collection::vec(arb_name(), 0..3))
            .prop_map(|v| ("/hybrid/accepted_domains", json!(v))),
        prop_oneof![Just("none"), Just("on_premises"), Just("online")]
            .prop_map(|p| ("/hybrid/public_folders", json!(p))),
        names().prop_map(|v| ("/hybrid/domains", v)),
        arb_name().prop_map(|n| ("link:smart_host", json!(n))),
        url().prop_map(|v| ("link:on_premises_owa_url", v)),
    ];
    (any::<usize>(), field).prop_map(|(i, (f, v))| (i, f, v))
}

/// Applies an edit of [`arb_format11_edit`] to a plan's JSON.
fn apply_format11_edit(doc: &mut Value, (index, field, value): &(usize, &'static str, Value)) {
    if let Some(key) = field.strip_prefix("/hybrid/") {
        doc["hybrid"][key] = value.clone();
    } else if let Some(key) = field.strip_prefix("link:") {
        // The empty plan has no link or node to edit.
        let links = doc.get_mut("links").and_then(Value::as_array_mut);
        if let Some(links) = links.filter(|l| !l.is_empty()) {
            let n = links.len();
            links[index % n][key] = value.clone();
        }
    } else if let Some(nodes) = doc
        .get_mut("nodes")
        .and_then(Value::as_array_mut)
        .filter(|n| !n.is_empty())
    {
        let n = nodes.len();
        nodes[index % n][*field] = value.clone();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn plans_with_random_fields_of_format_1_1_load_validate_on_any_day_and_round_trip(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(arb_format11_edit(), 1..8),
        as_of in arb_day(),
    ) {
        let files = scenario_files();
        let path = which.get(&files);
        let mut doc: Value =
            serde_json::from_str(&fs::read_to_string(path).expect("readable")).expect("JSON");
        for edit in &edits {
            apply_format11_edit(&mut doc, edit);
        }
        // Every value has the right type and every date exists: the plan loads.
        let plan = file::from_str(&doc.to_string()).expect("a well-typed plan loads");
        let day = Date::parse(&as_of).expect("a day");
        let findings = rules::validate_as_of(&plan, day);
        for f in &findings {
            prop_assert!(!f.message.is_empty());
            for n in &f.nodes {
                prop_assert!(plan.node(n.as_str()).is_some(), "{} names {n}", f.rule);
            }
        }
        prop_assert_eq!(file::from_str(&file::to_string(&plan)).expect("reloads"), plan);
    }

    #[test]
    fn random_json_never_panics_the_loader_or_the_validator(value in arb_json()) {
        load_validate_round_trip(&value.to_string());
    }

    #[test]
    fn random_text_never_panics_the_loader(text in ".{0,64}") {
        load_validate_round_trip(&text);
    }

    #[test]
    fn mutated_plans_never_panic_the_loader_or_the_validator(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(arb_mutation(), 1..4),
    ) {
        let files = scenario_files();
        let path = which.get(&files);
        let doc: Value = serde_json::from_str(&fs::read_to_string(path).expect("readable")).expect("JSON");
        load_validate_round_trip(&mutate(doc, &mutations));
    }
}
