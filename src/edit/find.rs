//! Finding nodes by what people type (Ctrl+F): part of a name, a tenant name, a public name
//! (FQDN) or an id.
//!
//! Matching ignores case (Unicode lower case) and the spaces around the query. Results are
//! ranked so the node meant comes first: an exact match before a match at the start, before
//! a match anywhere; then by name.

use crate::model::{Document, Node, NodeId, NodeKind};
use std::ops::Range;

/// Which of a node's texts matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchedField {
    /// The name on the canvas.
    Name,
    /// The tenant name of an Exchange Online organization (`contoso`, the public name in
    /// `contoso.onmicrosoft.com`).
    Tenant,
    /// One of the FQDNs in public DNS that resolve to the node (`public_names`, format 1.1).
    PublicName,
    /// The id in the file.
    Id,
}

impl MatchedField {
    /// A word for people ("name", "tenant", "id"), e.g. for "matched id: ex01".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            MatchedField::Name => "name",
            MatchedField::Tenant => "tenant",
            MatchedField::PublicName => "public name",
            MatchedField::Id => "id",
        }
    }
}

/// How well a text matched, best first (`Exact < Prefix < Substring`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchRank {
    /// The whole text is the query.
    Exact,
    /// The text starts with the query.
    Prefix,
    /// The query is somewhere inside the text.
    Substring,
}

/// One node that matched, and what matched in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The node.
    pub node: NodeId,
    /// Which of its texts matched (the best one when several did).
    pub field: MatchedField,
    /// How well.
    pub rank: MatchRank,
    /// The text that matched, as the node has it.
    pub text: String,
    /// Where in `text` the query is (byte offsets on character boundaries), to highlight it.
    pub range: Range<usize>,
}

/// The nodes whose name, tenant name, public name (FQDN) or id contains `query`, ignoring case: exact matches
/// first, then those that start with it, then the others; within each, by name
/// (case-insensitive), then id. A node matched by several texts is listed once, for its
/// best match (name before tenant before id when equally good). A query that is empty or
/// only spaces finds nothing.
#[must_use]
pub fn find(doc: &Document, query: &str) -> Vec<Match> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(String, Match)> = doc
        .nodes
        .iter()
        .filter_map(|node| best_match(node, &query).map(|m| (node.name.to_lowercase(), m)))
        .collect();
    found.sort_by(|(a_name, a), (b_name, b)| {
        a.rank
            .cmp(&b.rank)
            .then_with(|| a_name.cmp(b_name))
            .then_with(|| a.node.cmp(&b.node))
    });
    found.into_iter().map(|(_, m)| m).collect()
}

/// The node's best match for the lower-cased `query`, if any.
fn best_match(node: &Node, query: &str) -> Option<Match> {
    let tenant = match node.kind {
        NodeKind::ExchangeOnline => node.tenant.as_deref(),
        NodeKind::ExchangeServer
        | NodeKind::EdgeTransport
        | NodeKind::FederationGateway
        | NodeKind::SyncServer
        | NodeKind::LoadBalancer
        | NodeKind::SmtpGateway
        | NodeKind::HybridAgent
        | NodeKind::Note => None,
    };
    let public = node
        .public_names
        .iter()
        .flatten()
        .map(|n| (MatchedField::PublicName, Some(n.as_str())));
    [
        (MatchedField::Name, Some(node.name.as_str())),
        (MatchedField::Tenant, tenant),
        (MatchedField::Id, Some(node.id.as_str())),
    ]
    .into_iter()
    .chain(public)
    .filter_map(|(field, text)| {
        let text = text?;
        let (rank, range) = locate(text, query)?;
        Some(Match {
            node: node.id.clone(),
            field,
            rank,
            text: text.to_owned(),
            range,
        })
    })
    .min_by_key(|m| (m.rank, m.field))
}

/// Where the lower-cased `query` is in `text`, ignoring case, and how well it matches.
///
/// Lower-casing can change a text's length (`İ` becomes two characters), so the text is
/// lowered character by character, remembering where each lowered byte came from; the range
/// found is mapped back to whole characters of the original.
fn locate(text: &str, query: &str) -> Option<(MatchRank, Range<usize>)> {
    let mut lowered = String::with_capacity(text.len());
    // `origin[i]`: the byte offset in `text` of the character lowered byte `i` came from.
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        for l in c.to_lowercase() {
            let before = lowered.len();
            lowered.push(l);
            origin.extend(std::iter::repeat_n(at, lowered.len() - before));
        }
    }
    let start = lowered.find(query)?;
    let end = start + query.len();
    let rank = if start == 0 && end == lowered.len() {
        MatchRank::Exact
    } else if start == 0 {
        MatchRank::Prefix
    } else {
        MatchRank::Substring
    };
    let from = origin[start];
    // The end rounds up to the end of the character it falls in.
    let to = match origin.get(end) {
        Some(&next) if end > 0 && origin[end - 1] == next => {
            next + text[next..].chars().next().map_or(0, char::len_utf8)
        }
        Some(&next) => next,
        None => text.len(),
    };
    Some((rank, from..to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_fqdn_finds_the_node_it_resolves_to() {
        let mut doc = Document::default();
        let mut lb = Node::new("lb", NodeKind::LoadBalancer, "LB01");
        lb.public_names = Some(vec!["mail.contoso.com".to_owned()]);
        doc.nodes.push(lb);
        let found = find(&doc, "MAIL.contoso");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].field, MatchedField::PublicName);
        assert_eq!(found[0].rank, MatchRank::Prefix);
        assert_eq!(found[0].text, "mail.contoso.com");
    }

    #[test]
    fn locate_ranks_exact_prefix_and_substring() {
        assert_eq!(locate("EX01", "ex01"), Some((MatchRank::Exact, 0..4)));
        assert_eq!(locate("EX01", "ex"), Some((MatchRank::Prefix, 0..2)));
        assert_eq!(locate("EX01", "01"), Some((MatchRank::Substring, 2..4)));
        assert_eq!(locate("EX01", "x2"), None);
    }

    #[test]
    fn ranges_stay_on_character_boundaries_when_lower_case_is_longer() {
        // "İ" (2 bytes) lowers to "i̇" (3 bytes).
        let text = "AİB";
        let (_, range) = locate(text, "b").expect("found");
        assert_eq!(&text[range], "B");
        let (_, range) = locate(text, "i").expect("found");
        assert_eq!(&text[range], "İ");
    }
}
