//! The validator as a whole: the catalog matches docs/rules.md, gates, ordering,
//! determinism, the JSON form of a finding, resolving through load balancers, and the
//! synthetic plans used by the benchmarks.

use crate::support::{L, Plan, R, V, disabled, links, nodes, valid_plan};
use hybrid_designer::file;
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::model::{Document, Node, NodeKind};
use hybrid_designer::rules::{
    Counts, Finding, Gate, Severity, catalog, counts, rule_info, validate,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The catalog rows of docs/rules.md: id, severity text, gate text, first source tag.
fn documented_rules() -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md");
    let mut rows = Vec::new();
    let mut previous_gate = String::new();
    for line in text.lines().filter(|l| l.starts_with("| R-")) {
        let cells: Vec<String> = line.split('|').map(|c| c.trim().replace('`', "")).collect();
        let gate = if cells[3] == "same" {
            previous_gate.clone()
        } else {
            cells[3].clone()
        };
        previous_gate.clone_from(&gate);
        // "[prereq] (support table)" → "[prereq]"; "format.md" stays.
        // Conditions may contain `|S|`, so the source is counted from the end of the row.
        let first = cells[cells.len() - 2]
            .split(',')
            .next()
            .unwrap_or_default()
            .trim();
        let source = first
            .split_once(']')
            .map_or(first.to_owned(), |(tag, _)| format!("{tag}]"));
        rows.push((cells[1].clone(), cells[2].clone(), gate, source));
    }
    rows
}

/// `[roles]` → URL, from the "Primary sources" list of docs/rules.md.
fn documented_sources() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md");
    text.lines()
        .filter_map(|l| l.strip_prefix("- ["))
        .filter_map(|l| {
            let (tag, rest) = l.split_once(']')?;
            let url = rest
                .split_whitespace()
                .find(|w| w.starts_with("https://"))?;
            Some((format!("[{tag}]"), url.to_owned()))
        })
        .collect()
}

#[test]
fn catalog_lists_every_documented_rule_in_order_with_its_severity_gate_and_source() {
    let documented = documented_rules();
    let sources = documented_sources();
    assert_eq!(documented.len(), 59);
    let ids: Vec<&str> = catalog().iter().map(|r| r.id).collect();
    let want: Vec<&str> = documented.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, want);
    for (rule, (id, severity, gate, source)) in catalog().iter().zip(&documented) {
        assert!(
            severity.starts_with(rule.severity.key()),
            "{id}: {severity} vs {}",
            rule.severity
        );
        assert_eq!(rule.gate.describe(), gate.as_str(), "{id}");
        let url = if source == "format.md" {
            "docs/format.md#links"
        } else {
            sources
                .get(source)
                .unwrap_or_else(|| panic!("{id}: {source}"))
                .as_str()
        };
        assert_eq!(rule.source, url, "{id}");
        assert!(!rule.summary.is_empty() && !rule.fix.is_empty(), "{id}");
    }
}

#[test]
fn rule_ids_are_unique_and_found_by_id() {
    let ids: HashSet<&str> = catalog().iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), catalog().len());
    assert_eq!(
        rule_info("R-ROLE-2013-CAS").map(|r| r.severity),
        Some(Severity::Error)
    );
    assert!(rule_info("R-NOPE").is_none());
}

/// A plan with problems of every severity and several findings per rule.
fn messy_plan() -> Plan {
    valid_plan()
        .without_link("fed")
        .without_link("dirsync")
        .edit_link("oauth", |l| {
            l.direction = Some(hybrid_designer::model::Direction::ToOnline);
        })
        .edit_link("send1", |l| l.require_tls = Some(false))
        .edit_link("send2", |l| l.cloud_services_mail = Some(false))
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .server("bare", V::V2019, &[])
        .edge("edge", V::V2016)
        .edit_node("edge", |n| {
            n.zone = Some(hybrid_designer::model::Zone::Internal);
        })
        .link("bad", L::RoutesTo, "exo", "lb")
        .features(&[
            hybrid_designer::model::Feature::CentralizedTransport,
            hybrid_designer::model::Feature::OwaRedirection,
            hybrid_designer::model::Feature::SecureMail,
            hybrid_designer::model::Feature::MoveMailbox,
            hybrid_designer::model::Feature::MultiMailboxSearch,
        ])
}

fn sort_key(
    f: &Finding,
) -> (
    Severity,
    &str,
    &[hybrid_designer::model::NodeId],
    &[hybrid_designer::model::LinkId],
) {
    (f.severity, f.rule, &f.nodes, &f.links)
}

#[test]
fn findings_are_sorted_by_severity_then_rule_then_subjects() {
    let findings = messy_plan().findings();
    assert!(findings.len() >= 10, "{findings:#?}");
    let severities: BTreeSet<Severity> = findings.iter().map(|f| f.severity).collect();
    assert_eq!(severities.len(), 3, "the plan has every severity");
    for pair in findings.windows(2) {
        assert!(
            sort_key(&pair[0]) <= sort_key(&pair[1]),
            "{:#?} before {:#?}",
            pair[0],
            pair[1]
        );
    }
    for f in &findings {
        let mut sorted = f.nodes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(f.nodes, sorted, "subjects sorted and unique");
    }
}

#[test]
fn validation_is_deterministic_and_independent_of_document_order() {
    let plan = messy_plan();
    assert_eq!(plan.findings(), plan.findings());
    let mut reversed = plan.doc.clone();
    reversed.nodes.reverse();
    reversed.links.reverse();
    let subjects = |doc: &Document| -> Vec<(Severity, &'static str, Vec<String>, Vec<String>)> {
        validate(doc)
            .into_iter()
            .map(|f| {
                (
                    f.severity,
                    f.rule,
                    f.nodes.iter().map(ToString::to_string).collect(),
                    f.links.iter().map(ToString::to_string).collect(),
                )
            })
            .collect()
    };
    assert_eq!(subjects(&plan.doc), subjects(&reversed));
}

#[test]
fn every_finding_carries_its_rules_fix_and_source() {
    // These rules word the fix for the finding (the server's version, the plan's newest
    // version); every other finding carries the catalog's fix.
    const WORDED_FOR_THE_FINDING: [&str; 2] = ["R-ROLE-NONE", "R-VER-HYBRID-MATRIX"];
    for f in messy_plan().findings() {
        let rule = rule_info(f.rule).expect("known rule");
        if WORDED_FOR_THE_FINDING.contains(&f.rule) {
            assert!(!f.fix.trim().is_empty(), "{}", f.rule);
        } else {
            assert_eq!(f.fix, rule.fix);
        }
        assert_eq!(f.source, rule.source);
        assert!(!f.message.is_empty());
    }
}

#[test]
fn a_rule_never_reports_the_same_subject_twice() {
    let findings = messy_plan().findings();
    let mut seen = HashSet::new();
    for f in &findings {
        for n in &f.nodes {
            assert!(
                seen.insert((f.rule, n.to_string())),
                "{} names {n} twice",
                f.rule
            );
        }
    }
}

#[test]
fn finding_serializes_as_the_cli_json_finding() {
    let f = valid_plan()
        .without_link("fed")
        .without_link("oauth")
        .one("R-FED-TRUST-FOR-ORGREL");
    let json = serde_json::to_value(&f).expect("serializes");
    let keys: Vec<&str> = json
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
    assert_eq!(json["severity"], "error");
    assert_eq!(json["links"], serde_json::json!(["orgrel"]));
}

#[test]
fn counts_tally_findings_by_severity() {
    let findings = messy_plan().findings();
    let c = counts(&findings);
    assert_eq!(c.error + c.warning + c.info, findings.len());
    assert_eq!(
        c.info,
        findings
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .count()
    );
    assert_eq!(
        serde_json::to_value(Counts {
            error: 1,
            warning: 0,
            info: 2
        })
        .expect("serializes"),
        serde_json::json!({"error": 1, "warning": 0, "info": 2})
    );
}

#[test]
fn draft_mode_runs_only_structural_rules() {
    let draft = messy_plan().without_link("mig").modern().draft();
    for f in draft.findings() {
        assert_eq!(
            rule_info(f.rule).map(|r| r.gate),
            Some(Gate::Always),
            "{} ran in draft",
            f.rule
        );
    }
    let full = messy_plan().without_link("mig").modern();
    let gated: BTreeSet<&str> = full
        .findings()
        .iter()
        .map(|f| f.rule)
        .filter(|&r| rule_info(r).map(|i| i.gate) != Some(Gate::Always))
        .collect();
    assert_eq!(
        gated,
        BTreeSet::from([
            "R-AGENT-FEATURE-LIMITS",
            "R-AGENT-MISSING",
            "R-ID-DIRSYNC",
            "R-MRS-MISSING"
        ])
    );
}

// Resolving through load balancers, gateways and agents.

#[test]
fn load_balancer_loop_is_cut() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .lb("a")
        .lb("b")
        .link("ab", L::RoutesTo, "a", "b")
        .link("ba", L::RoutesTo, "b", "a")
        .link("aa", L::RoutesTo, "a", "a")
        .link("b-mbx", L::RoutesTo, "b", "mbx")
        .link("recv", L::ReceiveConnector, "exo", "a");
    let f = plan.one("R-MAIL-RECV-ENDPOINT-ROLE");
    assert_eq!(nodes(&f), ["mbx"]);
    assert_eq!(links(&f), ["recv"]);
    plan.quiet("R-MAIL-INBOUND-PATH");
}

#[test]
fn load_balancer_loop_without_servers_resolves_to_nothing() {
    let plan = valid_plan()
        .without_link("recv")
        .lb("a")
        .lb("b")
        .link("ab", L::RoutesTo, "a", "b")
        .link("ba", L::RoutesTo, "b", "a")
        .link("recv", L::ReceiveConnector, "exo", "a");
    plan.one("R-MAIL-INBOUND-PATH");
}

#[test]
fn load_balancer_diamond_reports_each_server_once() {
    let plan = Plan::new()
        .online()
        .server("cas", V::V2013, &[R::ClientAccess])
        .server("mbx", V::V2013, &[R::Mailbox])
        .lb("top")
        .lb("left")
        .lb("right")
        .lb("bottom")
        .link("tl", L::RoutesTo, "top", "left")
        .link("tr", L::RoutesTo, "top", "right")
        .link("lb", L::RoutesTo, "left", "bottom")
        .link("rb", L::RoutesTo, "right", "bottom")
        .link("bm", L::RoutesTo, "bottom", "mbx")
        .link("rel", L::OrganizationRelationship, "top", "exo");
    let f = plan.one("R-ORGREL-EWS-HOST");
    assert_eq!(nodes(&f), ["mbx"]);
}

#[test]
fn long_load_balancer_chain_resolves_without_deep_recursion() {
    let mut plan = valid_plan().without_link("recv");
    let n = 50_000;
    for i in 0..n {
        plan = plan.lb(&format!("chain{i}"));
    }
    for i in 0..n - 1 {
        plan = plan.link(
            &format!("c{i}"),
            L::RoutesTo,
            &format!("chain{i}"),
            &format!("chain{}", i + 1),
        );
    }
    plan = plan
        .link("end", L::RoutesTo, &format!("chain{}", n - 1), "lb")
        .link("recv", L::ReceiveConnector, "exo", "chain0");
    assert!(plan.findings().is_empty(), "{:#?}", plan.findings());
}

#[test]
fn long_chain_with_a_server_at_every_load_balancer_stays_linear() {
    // Each load balancer passes traffic to the next one and to its own server: a walk
    // that copied a set per node would hold n²/2 entries here.
    let n = 20_000;
    let mut plan = valid_plan().without_link("recv");
    for i in 0..n {
        plan = plan.lb(&format!("chain{i}")).server_with(
            &format!("s{i}"),
            V::V2016,
            &[R::Mailbox],
            |s| s.mrs_proxy = Some(true),
        );
        plan = plan.link(
            &format!("own{i}"),
            L::RoutesTo,
            &format!("chain{i}"),
            &format!("s{i}"),
        );
        if i + 1 < n {
            plan = plan.link(
                &format!("c{i}"),
                L::RoutesTo,
                &format!("chain{i}"),
                &format!("chain{}", i + 1),
            );
        }
    }
    plan = plan
        .link("recv", L::ReceiveConnector, "exo", "chain0")
        .link(
            "recv-tail",
            L::ReceiveConnector,
            "exo",
            &format!("chain{}", n - 1),
        );
    assert!(plan.findings().is_empty(), "{:#?}", plan.findings());
}

#[test]
fn gateway_resolved_on_its_own_is_still_passed_from_another_end() {
    // `gw` is the end of recv1 and also behind `front`, the end of recv2.
    let plan = valid_plan()
        .without_link("recv")
        .gateway("gw", true)
        .lb("front")
        .link("gw-lb", L::RoutesTo, "gw", "lb")
        .link("front-gw", L::RoutesTo, "front", "gw")
        .link("recv1", L::ReceiveConnector, "exo", "gw")
        .link("recv2", L::ReceiveConnector, "exo", "front");
    let f = plan.one("R-MAIL-NO-SMTP-INTERMEDIARY");
    assert_eq!(nodes(&f), ["gw"]);
    assert_eq!(links(&f), ["recv1", "recv2"]);
    // The same plan with the nodes in the other order resolves `front` first.
    let mut reordered = plan.doc.clone();
    reordered.nodes.reverse();
    let again: Vec<_> = validate(&reordered)
        .into_iter()
        .filter(|f| f.rule == "R-MAIL-NO-SMTP-INTERMEDIARY")
        .collect();
    assert_eq!(again.len(), 1);
    assert_eq!(links(&again[0]), ["recv1", "recv2"]);
}

#[test]
fn disabled_routes_count_as_present_since_routes_have_no_enabled_field() {
    // Only connectors, relationships and OAuth have `enabled` (format.md).
    valid_plan()
        .edit_link("r1", disabled)
        .edit_link("r2", disabled)
        .quiet("R-MAIL-INBOUND-PATH");
}

// Synthetic plans (model::generate).

#[test]
fn synthetic_plans_are_valid_at_every_size() {
    for servers in [2, 10, 100, 1_000] {
        let doc = synthetic_plan(servers);
        assert_eq!(
            doc.nodes
                .iter()
                .filter(|n| n.kind == NodeKind::ExchangeServer)
                .count(),
            servers
        );
        assert!(
            validate(&doc).is_empty(),
            "{servers}: {:#?}",
            validate(&doc)
        );
    }
    let single = synthetic_plan(1);
    assert_eq!(
        validate(&single).iter().map(|f| f.rule).collect::<Vec<_>>(),
        ["R-ROLE-REDUNDANCY"]
    );
}

#[test]
fn synthetic_plan_is_deterministic_and_well_formed() {
    let doc = synthetic_plan(1_000);
    assert_eq!(doc, synthetic_plan(1_000));
    let node_ids: HashSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(node_ids.len(), doc.nodes.len());
    let link_ids: HashSet<&str> = doc.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(link_ids.len(), doc.links.len());
    let points: HashSet<(u64, u64)> = doc
        .nodes
        .iter()
        .map(|n| {
            let p = n.position.expect("every node is placed");
            (p.x.to_bits(), p.y.to_bits())
        })
        .collect();
    assert_eq!(
        points.len(),
        doc.nodes.len(),
        "no two nodes at the same point"
    );
    let sites: HashSet<&str> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::ExchangeServer)
        .map(Node::site)
        .collect();
    assert!(sites.len() >= 3, "several sites: {sites:?}");
    let lbs = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::LoadBalancer)
        .count();
    assert!(lbs > 100, "load balancers in front of groups: {lbs}");
}

#[test]
fn synthetic_plan_survives_the_file_format() {
    let doc = synthetic_plan(200);
    let text = file::to_string(&doc);
    let back = file::from_str(&text).expect("loads");
    assert_eq!(back, doc);
}

#[test]
fn catalog_entries_serialize_for_the_rules_command() {
    let json = serde_json::to_value(rule_info("R-ROLE-MIN-HYBRID").expect("known rule"))
        .expect("serializes");
    let keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id", "severity", "group", "gate", "summary", "fix", "source"
        ]
    );
    assert_eq!(json["gate"], "mode ≠ draft, or X not empty");
    assert_eq!(json["severity"], "error");
}
