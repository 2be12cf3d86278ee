//! The command line, run as a real process: exit statuses, output shapes, error sentences.

use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hybrid-designer"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn scenario(name: &str) -> String {
    format!("tests/fixtures/scenarios/{name}.hybrid.json")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 errors")
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

fn validate_json(path: &str) -> (i32, Value) {
    let out = run(&["validate", path, "--format", "json"]);
    let json = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {}", stdout(&out)));
    (status(&out), json)
}

#[test]
fn a_plan_without_findings_exits_0() {
    let out = run(&["validate", &scenario("p15-v2-clean")]);
    assert_eq!(status(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).trim_end().ends_with("no findings"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).is_empty());
}

#[test]
fn a_plan_with_an_error_exits_1() {
    let out = run(&["validate", &scenario("p03-2013-no-cas")]);
    assert_eq!(status(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("error") && l.contains("R-ROLE-2013-CAS")),
        "{text}"
    );
}

#[test]
fn warnings_exit_0_unless_denied() {
    let path = scenario("p02-single-2016");
    assert_eq!(status(&run(&["validate", &path])), 0);
    assert_eq!(status(&run(&["validate", &path, "--deny-warnings"])), 1);
    assert_eq!(
        status(&run(&[
            "validate",
            &path,
            "--format",
            "json",
            "--deny-warnings"
        ])),
        1
    );
}

#[test]
fn json_output_is_findings_and_counts() {
    let (code, json) = validate_json(&scenario("p02-single-2016"));
    assert_eq!(code, 0);
    let top: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["findings", "counts"]);
    let finding = json["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .find(|f| f["rule"] == "R-ROLE-REDUNDANCY")
        .expect("the single server is reported");
    let keys: Vec<&str> = finding
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "rule", "severity", "message", "nodes", "links", "fix", "source"
        ]
    );
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["nodes"], serde_json::json!(["ex16-01"]));
    let counts: Vec<&str> = json["counts"]
        .as_object()
        .expect("counts")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(counts, ["error", "warning", "info"]);
}

#[test]
fn counts_and_exit_status_agree_with_the_findings_for_every_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("scenarios")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".hybrid.json"))
        .collect();
    files.sort();
    for path in files {
        let (code, json) = validate_json(&path.to_string_lossy());
        let findings = json["findings"].as_array().expect("findings");
        for severity in ["error", "warning", "info"] {
            let n = findings
                .iter()
                .filter(|f| f["severity"] == severity)
                .count();
            assert_eq!(json["counts"][severity], n, "{} {severity}", path.display());
        }
        let errors = json["counts"]["error"].as_u64().expect("count");
        assert_eq!(code, i32::from(errors > 0), "{}", path.display());
    }
}

#[test]
fn text_output_names_servers_by_their_names() {
    let out = run(&["validate", &scenario("p02-single-2016")]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("R-ROLE-REDUNDANCY"))
        .unwrap_or_else(|| panic!("no line for the finding: {text}"));
    assert!(line.starts_with("warning"), "{line}");
    assert!(
        line.ends_with("[EX16-01]"),
        "subjects by name, not id: {line}"
    );
    let summary = text.lines().last().expect("a summary line");
    assert!(summary.contains("p02-single-2016.hybrid.json"), "{summary}");
    // The single server, Exchange 2016 past its end of support, and the dedicated hybrid
    // app the plan does not state (rules v2).
    assert!(summary.contains("0 errors, 3 warnings"), "{summary}");
}

#[test]
fn a_bad_file_exits_2_with_one_line_naming_the_place() {
    let path = "tests/fixtures/bad/p10-edge-valid-duplicate-link-ids.hybrid.json";
    for format in ["text", "json"] {
        let out = run(&["validate", path, "--format", format]);
        assert_eq!(status(&out), 2);
        assert!(stdout(&out).is_empty(), "nothing on standard output");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(path), "{err}");
        assert!(
            err.contains("/links/7/id: duplicate link id \"l8\""),
            "{err}"
        );
    }
}

#[test]
fn a_missing_file_exits_2() {
    let out = run(&["validate", "tests/fixtures/no-such-plan.hybrid.json"]);
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no-such-plan.hybrid.json") && err.contains("no such file"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_json_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.hybrid.json");
    fs::write(&path, "title: not json\n").expect("write");
    let out = run(&["validate", &path.to_string_lossy()]);
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("not JSON"), "{}", stderr(&out));
}

#[test]
fn schema_prints_the_committed_json_schema() {
    let out = run(&["schema"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(
        schema["properties"]["nodes"].is_object(),
        "describes the nodes"
    );
    assert_eq!(
        schema["properties"]["format"]["const"],
        "exchange-hybrid-topology"
    );
    assert!(
        !text.contains("[`"),
        "no rustdoc link brackets in descriptions"
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        fs::write(&committed, &text).expect("write assets/schema.json");
    }
    let on_disk = fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        on_disk == text,
        "assets/schema.json is stale; regenerate it with `UPDATE_SCHEMA=1 cargo test --test cli`"
    );
}

#[test]
fn rules_lists_every_rule_of_the_catalog() {
    let out = run(&["rules"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    let catalog = hybrid_designer::rules::catalog();
    assert!(!catalog.is_empty());
    assert_eq!(text.lines().count(), catalog.len());
    for rule in catalog {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id))
            .unwrap_or_else(|| panic!("{} is missing from:\n{text}", rule.id));
        assert!(line.contains(rule.severity.key()), "{line}");
        assert!(line.contains(rule.source), "{line}");
    }

    let out = run(&["rules", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON catalog");
    let ids: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    let expected: Vec<&str> = catalog.iter().map(|r| r.id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_mistyped_command_is_named_as_such() {
    let out = run(&["valdate"]);
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean \"validate\""), "{err}");

    let out = run(&["valdate", &scenario("p01-valid-2016")]);
    assert_eq!(status(&out), 2);
    assert!(
        stderr(&out).contains("did you mean \"validate\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn opening_a_missing_file_in_the_designer_fails_before_any_window() {
    let out = run(&["no-such-plan.hybrid.json"]);
    assert_eq!(status(&out), 2);
    let err = stderr(&out);
    assert_eq!(
        err.trim_end(),
        "error: no-such-plan.hybrid.json: no such file"
    );
}

#[test]
fn importing_a_missing_folder_in_the_designer_fails_before_any_window() {
    let out = run(&["--import", "no-such-inventory"]);
    assert_eq!(status(&out), 2);
    assert_eq!(
        stderr(&out).trim_end(),
        "error: no-such-inventory: no such folder or file"
    );
}

#[test]
fn help_offers_the_designer_with_an_import() {
    let out = run(&["--help"]);
    assert!(stdout(&out).contains("--import <DIR>"), "{}", stdout(&out));
    let both = run(&["--import", "inv", "plan.hybrid.json"]);
    assert_eq!(status(&both), 2, "a plan and an import at once are refused");
}

#[test]
fn validate_without_a_file_is_a_usage_error() {
    let out = run(&["validate"]);
    assert_eq!(status(&out), 2);
    assert!(stderr(&out).contains("FILE"), "{}", stderr(&out));
}

#[test]
fn help_lists_the_commands() {
    let out = run(&["--help"]);
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    for command in ["validate", "schema", "rules"] {
        assert!(text.contains(command), "{text}");
    }
}

/// The README's rule table, generated from the catalog so it cannot drift.
fn readme_rules_table() -> String {
    let mut table = String::from("| rule | severity | what it checks |\n|---|---|---|\n");
    for rule in hybrid_designer::rules::catalog() {
        let summary = rule.summary.replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(
            table,
            "| `{}` | {} | {summary} |",
            rule.id,
            rule.severity.key()
        );
    }
    table
}

#[test]
fn the_readme_lists_every_rule_of_the_catalog() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let begin = readme
        .find("<!-- rules:begin")
        .expect("the README has a rules:begin marker");
    let body_start = begin + readme[begin..].find('\n').expect("marker line ends") + 1;
    let body_end = readme
        .find("<!-- rules:end -->")
        .expect("the README has a rules:end marker");
    assert!(body_start <= body_end, "markers out of order");
    let table = readme_rules_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..body_start], &readme[body_end..]);
        fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[body_start..body_end] == table,
        "the rule table in README.md is stale; regenerate it with `UPDATE_README=1 cargo test --test cli`"
    );
}

#[test]
fn as_of_judges_the_plan_on_another_day() {
    // p01 pins 2026-01-15: Exchange 2016 is past its end of support then.
    let (_, pinned) = validate_json(&scenario("p01-valid-2016"));
    let rules_of = |json: &Value| -> Vec<(String, String)> {
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap_or_default().to_owned(),
                    f["severity"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    assert!(rules_of(&pinned).contains(&("R-VER-EOL".into(), "warning".into())));
    let out = run(&[
        "validate",
        &scenario("p01-valid-2016"),
        "--format",
        "json",
        "--as-of",
        "2025-01-01",
    ]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let earlier: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // A year before the end of support: a notice, and no dedicated-app finding yet.
    assert_eq!(
        rules_of(&earlier),
        [("R-VER-EOL".to_owned(), "info".to_owned())]
    );
}

#[test]
fn a_bad_as_of_date_is_refused_with_exit_status_2() {
    for (date, reason) in [
        ("2025-02-30", "2025-02 has no day 30"),
        ("15.01.2026", "not a date of the form YYYY-MM-DD"),
    ] {
        let out = run(&["validate", &scenario("p01-valid-2016"), "--as-of", date]);
        assert_eq!(status(&out), 2);
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert!(err.contains(date) && err.contains(reason), "{err}");
    }
}
