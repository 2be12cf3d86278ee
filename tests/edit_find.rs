//! Find (Ctrl+F): nodes by part of their name, tenant name or id, ignoring case, ranked
//! exact, then prefix, then substring, then by name.

use hybrid_designer::edit::{MatchRank, MatchedField, find};
use hybrid_designer::model::{Document, Node, NodeKind, Role, Version};

fn plan() -> Document {
    let mut doc = Document::new("Find");
    for (id, name) in [
        ("ex-b", "EX01-B"),
        ("srv-a", "EX01"),
        ("old", "Legacy EX01 box"),
        ("ex02", "EX02"),
    ] {
        doc.nodes
            .push(Node::server(id, name, Version::V2019, &[Role::Mailbox]));
    }
    let mut exo = Node::new("cloud", NodeKind::ExchangeOnline, "Exchange Online");
    exo.tenant = Some("Contoso".to_owned());
    doc.nodes.push(exo);
    doc
}

fn found(doc: &Document, query: &str) -> Vec<String> {
    find(doc, query).into_iter().map(|m| m.node.0).collect()
}

#[test]
fn an_empty_query_finds_nothing() {
    assert!(find(&plan(), "").is_empty());
    assert!(find(&plan(), "   ").is_empty());
}

#[test]
fn exact_matches_come_before_prefixes_before_substrings() {
    let matches = find(&plan(), "ex01");
    let order: Vec<(&str, MatchRank)> = matches.iter().map(|m| (m.node.as_str(), m.rank)).collect();
    assert_eq!(
        order,
        [
            ("srv-a", MatchRank::Exact),
            ("ex-b", MatchRank::Prefix),
            ("old", MatchRank::Substring),
        ]
    );
}

#[test]
fn equally_good_matches_are_ordered_by_name() {
    assert_eq!(found(&plan(), "ex0"), ["srv-a", "ex-b", "ex02", "old"]);
}

#[test]
fn matching_ignores_case_and_surrounding_spaces() {
    assert_eq!(found(&plan(), "  lEgAcY "), ["old"]);
}

#[test]
fn each_match_says_what_matched_and_where() {
    let m = &find(&plan(), "box")[0];
    assert_eq!(m.field, MatchedField::Name);
    assert_eq!(m.text, "Legacy EX01 box");
    assert_eq!(&m.text[m.range.clone()], "box");
}

#[test]
fn ids_match_when_the_name_does_not() {
    let matches = find(&plan(), "SRV");
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].field, MatchedField::Id);
    assert_eq!(matches[0].text, "srv-a");
    assert_eq!(matches[0].rank, MatchRank::Prefix);
}

#[test]
fn the_tenant_name_of_exchange_online_is_searched() {
    let matches = find(&plan(), "contoso");
    assert_eq!(matches.len(), 1);
    assert_eq!(
        (matches[0].node.as_str(), matches[0].field, matches[0].rank),
        ("cloud", MatchedField::Tenant, MatchRank::Exact)
    );
}

#[test]
fn a_node_is_listed_once_for_its_best_match() {
    // "ex02" is both the name and the id of one node: one match, for the name.
    let matches = find(&plan(), "ex02");
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].field, MatchedField::Name);
}

#[test]
fn nothing_matches_a_query_no_node_contains() {
    assert!(find(&plan(), "mailbox").is_empty());
}
