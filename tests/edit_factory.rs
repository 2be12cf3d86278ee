//! The factory: new nodes with fresh ids and names, connecting with refusals, duplicate
//! and delete of a selection.

use hybrid_designer::edit::{
    Command, ConnectRefusal, History, Selection, can_start, connect, delete, duplicate, new_node,
    rename, sample_plan,
};
use hybrid_designer::model::{
    Document, LinkId, LinkKind, Node, NodeId, NodeKind, Pos, Role, SyncTool, Version, Zone,
};
use std::collections::BTreeSet;

const AT: Pos = Pos { x: 10.0, y: 20.0 };

fn add(doc: &mut Document, kind: NodeKind) -> Node {
    let node = new_node(doc, kind, AT);
    Command::AddNode {
        node: node.clone(),
        index: None,
    }
    .apply(doc)
    .expect("a new node always fits");
    node
}

fn one_of_each() -> Document {
    let mut doc = Document::default();
    for kind in NodeKind::ALL {
        add(&mut doc, kind);
    }
    doc
}

fn id_of(doc: &Document, kind: NodeKind) -> NodeId {
    doc.nodes
        .iter()
        .find(|n| n.kind == kind)
        .map(|n| n.id.clone())
        .expect("node of that kind")
}

#[test]
fn new_exchange_servers_are_numbered_2019_mailbox_servers_without_mrs_proxy() {
    let mut doc = Document::default();
    let first = add(&mut doc, NodeKind::ExchangeServer);
    let second = add(&mut doc, NodeKind::ExchangeServer);
    assert_eq!(
        (first.name.as_str(), second.name.as_str()),
        ("EX01", "EX02")
    );
    assert_ne!(first.id, second.id);
    assert_eq!(first.version, Some(Version::V2019));
    assert_eq!(first.roles(), [Role::Mailbox]);
    assert_eq!(first.mrs_proxy, Some(false));
    assert_eq!(first.zone(), Zone::Internal);
    assert_eq!(first.position, Some(AT));
}

#[test]
fn each_kind_gets_its_own_name_and_defaults() {
    let doc = one_of_each();
    let names: Vec<&str> = doc.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "EX01",
            "EDGE01",
            "Exchange Online",
            "Microsoft Federation Gateway",
            "SYNC01",
            "LB01",
            "GW01",
            "AGENT01",
            "NOTE01"
        ]
    );
    let edge = doc
        .node(id_of(&doc, NodeKind::EdgeTransport).as_str())
        .expect("edge");
    assert_eq!(
        (edge.version, edge.zone()),
        (Some(Version::V2019), Zone::Perimeter)
    );
    let exo = doc
        .node(id_of(&doc, NodeKind::ExchangeOnline).as_str())
        .expect("exo");
    assert_eq!(exo.tenant.as_deref(), Some("contoso"));
    let sync = doc
        .node(id_of(&doc, NodeKind::SyncServer).as_str())
        .expect("sync");
    assert_eq!(sync.tool(), SyncTool::EntraConnect);
    let note = doc
        .node(id_of(&doc, NodeKind::Note).as_str())
        .expect("note");
    assert!(note.text.as_deref().is_some_and(|t| !t.is_empty()));
}

#[test]
fn a_second_exchange_online_gets_a_distinct_name_and_id() {
    let mut doc = Document::default();
    let a = add(&mut doc, NodeKind::ExchangeOnline);
    let b = add(&mut doc, NodeKind::ExchangeOnline);
    assert_eq!(b.name, "Exchange Online 2");
    assert_ne!(a.id, b.id);
}

#[test]
fn a_new_server_follows_the_plans_version_and_takes_the_default_site() {
    let doc = sample_plan();
    assert!(
        doc.nodes.iter().any(|n| n.site.as_deref() == Some("HQ")),
        "the sample's servers are in HQ"
    );
    let node = new_node(&doc, NodeKind::ExchangeServer, AT);
    assert_eq!(node.version, Some(Version::Se));
    assert_eq!(node.site, None, "not silently the last site used");
    assert_eq!(node.site(), hybrid_designer::model::DEFAULT_SITE);
    let mut doc2013 = Document::default();
    doc2013.nodes.push(Node::server(
        "old",
        "EX13-01",
        Version::V2013,
        &[Role::Mailbox, Role::ClientAccess],
    ));
    let node = new_node(&doc2013, NodeKind::ExchangeServer, AT);
    assert_eq!(node.roles(), [Role::Mailbox, Role::ClientAccess]);
}

#[test]
fn fresh_ids_skip_ids_already_taken_by_other_names() {
    let mut doc = Document::default();
    doc.nodes.push(Node::new("ex01", NodeKind::Note, "renamed"));
    doc.nodes.push(Node::new("x", NodeKind::Note, "EX02"));
    let node = new_node(&doc, NodeKind::ExchangeServer, AT);
    assert!(doc.node(node.id.as_str()).is_none());
    assert!(doc.nodes.iter().all(|n| n.name != node.name));
}

#[test]
fn every_allowed_pair_connects_and_every_wrong_end_gives_a_reason_naming_the_kinds() {
    let doc = one_of_each();
    for kind in LinkKind::ALL {
        for from in NodeKind::ALL {
            for to in NodeKind::ALL {
                if from == to {
                    continue;
                }
                let result = connect(&doc, kind, &id_of(&doc, from), &id_of(&doc, to));
                if kind.allows(from, to) {
                    let link =
                        result.unwrap_or_else(|e| panic!("{kind:?} {from:?}->{to:?} refused: {e}"));
                    assert_eq!(
                        (link.kind, link.from.clone(), link.to.clone()),
                        (kind, id_of(&doc, from), id_of(&doc, to))
                    );
                    assert!(doc.link(link.id.as_str()).is_none());
                } else {
                    let refusal = result.expect_err("wrong ends are refused");
                    let reason = refusal.reason();
                    let (end, wrong) = if kind.allowed_from().contains(&from) {
                        ("must end at", to)
                    } else {
                        ("must start at", from)
                    };
                    assert!(
                        matches!(refusal, ConnectRefusal::WrongStart { found, .. } | ConnectRefusal::WrongEnd { found, .. } if found == wrong),
                        "{refusal:?}"
                    );
                    assert!(reason.contains(end), "{reason}");
                    let found_part = reason
                        .split("not at ")
                        .nth(1)
                        .unwrap_or_default()
                        .to_lowercase();
                    let wrong_word = wrong
                        .label()
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_lowercase();
                    assert!(
                        found_part.contains(&wrong_word),
                        "{reason} should name {wrong:?}"
                    );
                    assert!(reason.starts_with('A'), "a sentence: {reason}");
                }
            }
        }
    }
}

#[test]
fn the_reason_for_a_send_connector_from_a_load_balancer_reads_well() {
    let doc = one_of_each();
    let refusal = connect(
        &doc,
        LinkKind::SendConnector,
        &id_of(&doc, NodeKind::LoadBalancer),
        &id_of(&doc, NodeKind::ExchangeOnline),
    )
    .expect_err("wrong start");
    assert_eq!(
        refusal.reason(),
        "A send connector must start at an Exchange server or Edge Transport server, not at a load balancer"
    );
    let refusal = connect(
        &doc,
        LinkKind::FederationTrust,
        &id_of(&doc, NodeKind::ExchangeServer),
        &id_of(&doc, NodeKind::ExchangeOnline),
    )
    .expect_err("wrong end");
    assert_eq!(
        refusal.reason(),
        "A federation trust must end at the Microsoft Federation Gateway, not at Exchange Online"
    );
}

#[test]
fn connecting_a_node_to_itself_is_refused() {
    let doc = one_of_each();
    let lb = id_of(&doc, NodeKind::LoadBalancer);
    let refusal = connect(&doc, LinkKind::RoutesTo, &lb, &lb).expect_err("self link");
    assert_eq!(
        refusal,
        ConnectRefusal::SelfLink {
            link: LinkKind::RoutesTo
        }
    );
    assert_eq!(
        refusal.reason(),
        "A routing link cannot join a node to itself"
    );
}

#[test]
fn a_second_identical_link_is_refused_but_another_kind_is_fine() {
    let doc = sample_plan();
    let refusal = connect(
        &doc,
        LinkKind::SendConnector,
        &NodeId::from("exse-01"),
        &NodeId::from("exo"),
    )
    .expect_err("already there");
    assert_eq!(
        refusal.reason(),
        "There is already a send connector from EXSE-01 to Exchange Online"
    );
    assert!(
        connect(
            &doc,
            LinkKind::FederationTrust,
            &NodeId::from("exse-02"),
            &NodeId::from("mfg")
        )
        .is_ok()
    );
}

#[test]
fn connecting_a_missing_node_is_refused() {
    let doc = sample_plan();
    let refusal = connect(
        &doc,
        LinkKind::RoutesTo,
        &NodeId::from("lb"),
        &NodeId::from("ghost"),
    )
    .expect_err("missing");
    assert_eq!(refusal, ConnectRefusal::MissingNode(NodeId::from("ghost")));
}

#[test]
fn can_start_checks_only_the_first_end() {
    let doc = one_of_each();
    assert!(
        can_start(
            &doc,
            LinkKind::SendConnector,
            &id_of(&doc, NodeKind::EdgeTransport)
        )
        .is_ok()
    );
    let refusal = can_start(
        &doc,
        LinkKind::MigrationEndpoint,
        &id_of(&doc, NodeKind::ExchangeServer),
    )
    .expect_err("migration endpoints start at Exchange Online");
    assert_eq!(
        refusal.reason(),
        "A migration endpoint must start at Exchange Online, not at an Exchange server; draw it the other way round"
    );
}

#[test]
fn connected_links_apply_and_get_fresh_ids() {
    let mut doc = sample_plan();
    let link = connect(
        &doc,
        LinkKind::FederationTrust,
        &NodeId::from("exse-02"),
        &NodeId::from("mfg"),
    )
    .expect("ok");
    Command::AddLink { link: link.clone() }
        .apply(&mut doc)
        .expect("applies");
    let next = connect(
        &doc,
        LinkKind::OrganizationRelationship,
        &NodeId::from("exse-02"),
        &NodeId::from("exo"),
    )
    .expect("ok");
    assert_ne!(link.id, next.id);
}

#[test]
fn duplicate_copies_nodes_with_fresh_names_and_the_links_between_them() {
    let original = sample_plan();
    let mut doc = original.clone();
    let mut selection = Selection::default();
    for id in ["exse-01", "exse-02", "lb"] {
        selection.nodes.insert(NodeId::from(id));
    }
    let command = duplicate(&doc, &selection, Pos { x: 40.0, y: 40.0 });
    assert_eq!(command.label(), "Duplicate 3 nodes");
    let mut history = History::new();
    history.apply(&mut doc, command).expect("duplicate applies");
    let new_nodes = &doc.nodes[original.nodes.len()..];
    let names: Vec<&str> = new_nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["EXSE-03", "EXSE-04", "mail.contoso.com (copy)"]);
    let lb = original
        .node("lb")
        .and_then(|n| n.position)
        .expect("positioned");
    assert_eq!(
        new_nodes[2].position,
        Some(Pos {
            x: lb.x + 40.0,
            y: lb.y + 40.0
        })
    );
    let new_ids: BTreeSet<&NodeId> = new_nodes.iter().map(|n| &n.id).collect();
    let new_links = &doc.links[original.links.len()..];
    assert_eq!(
        new_links.len(),
        2,
        "the two routing links; links to unselected nodes stay behind"
    );
    assert!(new_links.iter().all(|l| l.kind == LinkKind::RoutesTo
        && new_ids.contains(&l.from)
        && new_ids.contains(&l.to)));
    history.undo(&mut doc);
    assert_eq!(doc, original);
}

#[test]
fn duplicating_nothing_changes_nothing() {
    let mut doc = sample_plan();
    let mut history = History::new();
    let command = duplicate(&doc, &Selection::default(), Pos::default());
    history.apply(&mut doc, command).expect("no-op");
    assert!(!history.can_undo());
}

#[test]
fn delete_removes_selected_links_and_nodes_with_their_links_as_one_step() {
    let original = sample_plan();
    let mut doc = original.clone();
    let fed = original
        .links
        .iter()
        .find(|l| l.kind == LinkKind::FederationTrust)
        .expect("trust")
        .id
        .clone();
    let route = original
        .links
        .iter()
        .find(|l| l.kind == LinkKind::RoutesTo)
        .expect("route")
        .id
        .clone();
    let mut selection = Selection::node(NodeId::from("lb"));
    selection.links.insert(fed.clone());
    selection.links.insert(route);
    selection.nodes.insert(NodeId::from("gone-already"));
    let command = delete(&doc, &selection).expect("something to delete");
    assert_eq!(command.label(), "Delete 1 node and 1 link");
    let mut history = History::new();
    history.apply(&mut doc, command).expect("delete applies");
    assert!(doc.node("lb").is_none() && doc.link(fed.as_str()).is_none());
    history.undo(&mut doc);
    assert_eq!(doc, original);
}

#[test]
fn delete_labels_name_a_single_thing() {
    let doc = sample_plan();
    assert_eq!(
        delete(&doc, &Selection::node(NodeId::from("lb"))).map(|c| c.label()),
        Some("Delete mail.contoso.com".to_owned())
    );
    let trust = doc
        .links
        .iter()
        .find(|l| l.kind == LinkKind::FederationTrust)
        .expect("trust")
        .id
        .clone();
    assert_eq!(
        delete(&doc, &Selection::link(trust)).map(|c| c.label()),
        Some("Delete federation trust".to_owned())
    );
    assert_eq!(delete(&doc, &Selection::link(LinkId::from("ghost"))), None);
    assert_eq!(delete(&doc, &Selection::default()), None);
}

#[test]
fn ids_stay_unique_across_add_delete_undo_and_redo() {
    let mut doc = sample_plan();
    let mut history = History::new();
    let first = new_node(&doc, NodeKind::ExchangeServer, AT);
    history
        .apply(
            &mut doc,
            Command::AddNode {
                node: first.clone(),
                index: None,
            },
        )
        .expect("add");
    let cmd = delete(&doc, &Selection::node(first.id.clone())).expect("delete");
    history.apply(&mut doc, cmd).expect("delete");
    let second = new_node(&doc, NodeKind::ExchangeServer, AT);
    history
        .apply(
            &mut doc,
            Command::AddNode {
                node: second,
                index: None,
            },
        )
        .expect("add");
    // Undo the add and the delete: the first node comes back next to nothing that clashes.
    assert!(history.undo(&mut doc) && history.undo(&mut doc));
    let third = new_node(&doc, NodeKind::ExchangeServer, AT);
    assert_ne!(third.id, first.id);
    history
        .apply(
            &mut doc,
            Command::AddNode {
                node: third,
                index: None,
            },
        )
        .expect("add");
    let ids: BTreeSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids.len(), doc.nodes.len());
}

#[test]
fn version_chip_servers_of_2016_and_later_get_the_mailbox_role() {
    let doc = Document::new("Plan");
    for version in [Version::V2016, Version::V2019, Version::Se] {
        let node = hybrid_designer::edit::new_server(&doc, version, Pos { x: 0.0, y: 0.0 });
        assert_eq!(node.version, Some(version));
        assert_eq!(node.roles(), [Role::Mailbox]);
    }
}

#[test]
fn version_chip_servers_of_2013_and_2010_start_without_roles_so_the_split_is_asked_for() {
    let doc = hybrid_designer::edit::sample_plan();
    for version in [Version::V2013, Version::V2010] {
        let node = hybrid_designer::edit::new_server(&doc, version, Pos { x: 0.0, y: 900.0 });
        assert!(node.roles().is_empty());
        let mut plan = doc.clone();
        let id = node.id.clone();
        plan.nodes.push(node);
        let findings = hybrid_designer::rules::validate(&plan);
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "R-ROLE-NONE" && f.nodes.contains(&id)),
            "{findings:?}"
        );
    }
}

#[test]
fn renaming_a_node_is_one_named_step_that_undoes_to_the_old_name() {
    let mut doc = sample_plan();
    let before = doc.clone();
    let node = doc.node("exse-01").expect("node");
    let command = rename(node, "  EXSE-A  ").expect("a new name renames");
    let mut history = History::new();
    history.apply(&mut doc, command).expect("applies");
    assert_eq!(doc.node("exse-01").expect("node").name, "EXSE-A");
    assert_eq!(history.undo_label(), Some("Rename EXSE-01 to EXSE-A"));
    assert!(history.undo(&mut doc));
    assert_eq!(doc, before);
}

#[test]
fn a_blank_or_unchanged_rename_makes_no_step() {
    let doc = sample_plan();
    let node = doc.node("exse-01").expect("node");
    assert!(rename(node, "   ").is_none());
    assert!(rename(node, "EXSE-01").is_none());
    assert!(rename(node, " EXSE-01 ").is_none());
}
