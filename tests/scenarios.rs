//! The shared example plans: each file in `tests/fixtures/scenarios/` fires exactly the
//! rules `expected.json` lists for it, with the listed severities, and the listed subjects
//! are among the nodes of that rule's findings.

use hybrid_designer::file;
use hybrid_designer::rules::{Finding, validate};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenarios")
}

fn expected() -> BTreeMap<String, Value> {
    let text = fs::read_to_string(scenario_dir().join("expected.json"))
        .expect("expected.json is readable");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn findings_of(name: &str) -> Vec<Finding> {
    let text = fs::read_to_string(scenario_dir().join(name)).expect("scenario is readable");
    let doc = file::from_str(&text).unwrap_or_else(|e| panic!("{name} loads: {e}"));
    validate(&doc)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn every_scenario_file_has_an_expectation_and_every_expectation_a_file() {
    let files: BTreeSet<String> = fs::read_dir(scenario_dir())
        .expect("scenario directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".hybrid.json"))
        .collect();
    let listed: BTreeSet<String> = expected().keys().cloned().collect();
    assert_eq!(files, listed);
    assert_eq!(files.len(), 24);
}

#[test]
fn each_scenario_fires_exactly_the_expected_rules() {
    let mut failures = Vec::new();
    for (name, want) in expected() {
        let findings = findings_of(&name);
        let fired: BTreeSet<&str> = findings.iter().map(|f| f.rule).collect();
        let want_fired: BTreeSet<String> = strings(&want["fire"]).into_iter().collect();
        let want_fired: BTreeSet<&str> = want_fired.iter().map(String::as_str).collect();
        if fired != want_fired {
            failures.push(format!(
                "{name}: fired {fired:?}, expected {want_fired:?}\n  {findings:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_scenario_reports_the_expected_severities() {
    for (name, want) in expected() {
        let findings = findings_of(&name);
        for (rule, severity) in want["severity"].as_object().expect("severity map") {
            let got: BTreeSet<&str> = findings
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| f.severity.key())
                .collect();
            assert_eq!(
                got,
                BTreeSet::from([severity.as_str().expect("a string")]),
                "{name}: severity of {rule}"
            );
        }
    }
}

#[test]
fn each_scenario_names_the_expected_subjects() {
    for (name, want) in expected() {
        let findings = findings_of(&name);
        for (rule, subjects) in want["subjects"].as_object().expect("subjects map") {
            let nodes: BTreeSet<&str> = findings
                .iter()
                .filter(|f| f.rule == rule)
                .flat_map(|f| f.nodes.iter().map(hybrid_designer::model::NodeId::as_str))
                .collect();
            for subject in strings(subjects) {
                assert!(
                    nodes.contains(subject.as_str()),
                    "{name}: {rule} should name {subject}, names {nodes:?}"
                );
            }
        }
    }
}

#[test]
fn scenario_findings_name_servers_by_name_not_id() {
    let findings = findings_of("p06-2013-branch-site.hybrid.json");
    let site = findings
        .iter()
        .find(|f| f.rule == "R-ROLE-2013-SITE-CAS")
        .expect("site rule fires");
    assert!(site.message.contains("EX13-02"), "{}", site.message);
    assert!(site.message.contains("Branch"), "{}", site.message);
}
