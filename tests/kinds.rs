//! Every node kind and link kind is complete: walked from `ALL` (which the kinds module keeps
//! complete with an exhaustive match), nothing here names a kind by hand.

use hybrid_designer::edit::{self, Command};
use hybrid_designer::look;
use hybrid_designer::model::{Article, Document, Link, LinkKind, Naming, NodeKind, Pos};
use std::collections::HashSet;

/// Asserts that `items` has no repeats, naming the first one.
fn assert_unique<'a>(what: &str, items: impl IntoIterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for item in items {
        assert!(seen.insert(item), "two kinds share the {what} {item:?}");
    }
}

#[test]
fn every_node_kind_has_a_label_a_noun_an_icon_and_a_name_prefix() {
    for kind in NodeKind::ALL {
        let spec = kind.spec();
        assert!(!spec.label.trim().is_empty(), "{kind:?} has no label");
        assert!(!spec.noun.text.trim().is_empty(), "{kind:?} has no noun");
        assert!(
            kind.with_article().ends_with(spec.noun.text),
            "{kind:?}: {}",
            kind.with_article()
        );
        let pixels = look::icon_rgba(kind, 48).unwrap_or_else(|| panic!("{kind:?}'s icon renders"));
        assert!(
            pixels.chunks(4).any(|p| p[3] > 0),
            "{kind:?}'s icon is blank"
        );
        let (w, h) = spec.size;
        assert!(w > 0.0 && h > 0.0, "{kind:?} has no card size");
        let stem = spec.naming.stem();
        assert!(!stem.trim().is_empty(), "{kind:?} has no name prefix");
        if let Naming::Numbered { prefix } = spec.naming {
            assert!(
                prefix.chars().all(|c| c.is_ascii_uppercase()),
                "{kind:?}'s prefix {prefix:?} is not upper-case letters"
            );
        }
        let node = edit::new_node(&Document::new("Empty"), kind, Pos::default());
        assert!(
            node.name.starts_with(stem),
            "a new {kind:?} is named {}, not after {stem}",
            node.name
        );
    }
}

#[test]
fn node_kinds_differ_in_key_label_noun_icon_and_prefix() {
    let kinds = NodeKind::ALL;
    assert_unique("key", kinds.iter().map(|k| k.key()));
    assert_unique("label", kinds.iter().map(|k| k.label()));
    assert_unique("noun", kinds.iter().map(|k| k.noun().text));
    assert_unique("icon", kinds.iter().map(|k| look::icon_svg(*k)));
    assert_unique("name prefix", kinds.iter().map(|k| k.spec().naming.stem()));
    let doc = Document::new("Empty");
    let ids: Vec<String> = kinds
        .iter()
        .map(|k| edit::new_node(&doc, *k, Pos::default()).id.0)
        .collect();
    assert_unique("new node id", ids.iter().map(String::as_str));
}

#[test]
fn every_link_kind_has_a_label_a_noun_ends_and_a_look() {
    for kind in LinkKind::ALL {
        assert!(!kind.label().trim().is_empty(), "{kind:?} has no label");
        assert!(!kind.noun().text.trim().is_empty(), "{kind:?} has no noun");
        assert!(
            matches!(kind.noun().article, Article::A | Article::An),
            "{kind:?}: a link is one of many, so its noun takes a or an"
        );
        assert!(
            !kind.allowed_from().is_empty() && !kind.allowed_to().is_empty(),
            "{kind:?} can never be drawn"
        );
        let (from, to) = (kind.allowed_from()[0], kind.allowed_to()[0]);
        assert_eq!(edit::check_ends(kind, from, to), Ok(()), "{kind:?}");
        let label = Command::AddLink {
            link: Link::new("l", kind, "a", "b"),
        }
        .label();
        assert_eq!(label, format!("Add {}", kind.noun().text));
        assert!(look::link_width(kind) > 0.0, "{kind:?} has no line");
        assert!(
            !look::link_default_label(kind, hybrid_designer::model::Direction::Both).is_empty(),
            "{kind:?} has no pill label"
        );
    }
}

#[test]
fn link_kinds_differ_in_key_label_noun_and_look() {
    let kinds = LinkKind::ALL;
    assert_unique("key", kinds.iter().map(|k| k.key()));
    assert_unique("label", kinds.iter().map(|k| k.label()));
    assert_unique("noun", kinds.iter().map(|k| k.noun().text));
    for (i, a) in kinds.iter().enumerate() {
        for b in &kinds[i + 1..] {
            assert!(
                look::link_color(*a) != look::link_color(*b)
                    || look::link_dash(*a) != look::link_dash(*b),
                "{a:?} and {b:?} look the same"
            );
        }
    }
}
