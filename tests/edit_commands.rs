//! Editing commands: apply, inverse, refusals that leave the document untouched.

use hybrid_designer::edit::{Command, ConnectRefusal, EditError, sample_plan};
use hybrid_designer::model::{
    Camera, Direction, Document, Hybrid, Link, LinkId, LinkKind, Mode, Node, NodeId, NodeKind, Pos,
    Role, Version, View,
};

fn node_ids(doc: &Document) -> Vec<&str> {
    doc.nodes.iter().map(|n| n.id.as_str()).collect()
}

fn link_ids(doc: &Document) -> Vec<&str> {
    doc.links.iter().map(|l| l.id.as_str()).collect()
}

/// Applies the command, checks its inverse restores the document exactly, and returns
/// the document as the command left it.
fn apply_and_check_undo(doc: &Document, command: Command) -> Document {
    let mut edited = doc.clone();
    let inverse = command.apply(&mut edited).expect("command applies");
    let mut undone = edited.clone();
    let redo = inverse.apply(&mut undone).expect("inverse applies");
    assert_eq!(&undone, doc, "the inverse restores the document");
    let mut redone = undone;
    redo.apply(&mut redone).expect("redo applies");
    assert_eq!(redone, edited, "the inverse of the inverse redoes the edit");
    edited
}

fn refused(doc: &Document, command: Command) -> EditError {
    let mut edited = doc.clone();
    let error = command.apply(&mut edited).expect_err("command is refused");
    assert_eq!(&edited, doc, "a refused command changes nothing");
    error
}

#[test]
fn add_node_appends_and_its_inverse_removes_it() {
    let doc = sample_plan();
    let node = Node::server("ex19", "EX19", Version::V2019, &[Role::Mailbox]).at(10.0, 20.0);
    let edited = apply_and_check_undo(
        &doc,
        Command::AddNode {
            node: node.clone(),
            index: None,
        },
    );
    assert_eq!(edited.nodes.last(), Some(&node));
    assert_eq!(edited.nodes.len(), doc.nodes.len() + 1);
}

#[test]
fn add_node_at_an_index_inserts_it_there() {
    let doc = sample_plan();
    let node = Node::new("n", NodeKind::Note, "Hello");
    let edited = apply_and_check_undo(
        &doc,
        Command::AddNode {
            node,
            index: Some(1),
        },
    );
    assert_eq!(edited.nodes[1].id, "n");
    let past_end = Node::new("m", NodeKind::Note, "Past");
    let edited = apply_and_check_undo(
        &doc,
        Command::AddNode {
            node: past_end,
            index: Some(999),
        },
    );
    assert_eq!(edited.nodes.last().map(|n| n.id.as_str()), Some("m"));
}

#[test]
fn adding_a_node_with_an_existing_id_is_refused() {
    let doc = sample_plan();
    let node = Node::new("lb", NodeKind::LoadBalancer, "Another");
    assert_eq!(
        refused(&doc, Command::AddNode { node, index: None }),
        EditError::DuplicateNodeId(NodeId::from("lb"))
    );
}

#[test]
fn removing_a_node_removes_its_links_and_undo_puts_both_back_at_their_indices() {
    let doc = sample_plan();
    let lb_links: Vec<&str> = doc
        .links
        .iter()
        .filter(|l| l.from == "lb" || l.to == "lb")
        .map(|l| l.id.as_str())
        .collect();
    assert!(
        lb_links.len() >= 4,
        "the sample's load balancer carries several links"
    );
    let edited = apply_and_check_undo(
        &doc,
        Command::RemoveNodes {
            ids: vec![NodeId::from("lb")],
        },
    );
    assert!(edited.node("lb").is_none());
    assert!(edited.links.iter().all(|l| l.from != "lb" && l.to != "lb"));
    assert_eq!(edited.links.len(), doc.links.len() - lb_links.len());
}

#[test]
fn removing_several_nodes_at_once_restores_the_exact_order() {
    let doc = sample_plan();
    let ids = vec![
        NodeId::from("exo"),
        NodeId::from("exse-01"),
        NodeId::from("sync"),
    ];
    let edited = apply_and_check_undo(&doc, Command::RemoveNodes { ids });
    assert_eq!(node_ids(&edited), ["exse-02", "lb", "mfg", "note"]);
}

#[test]
fn removing_a_missing_node_is_refused_and_nothing_is_removed() {
    let doc = sample_plan();
    let ids = vec![NodeId::from("lb"), NodeId::from("nope")];
    assert_eq!(
        refused(&doc, Command::RemoveNodes { ids }),
        EditError::MissingNode(NodeId::from("nope"))
    );
}

#[test]
fn naming_a_node_twice_in_one_removal_removes_it_once() {
    let doc = sample_plan();
    let ids = vec![NodeId::from("lb"), NodeId::from("lb")];
    let edited = apply_and_check_undo(&doc, Command::RemoveNodes { ids });
    assert_eq!(edited.nodes.len(), doc.nodes.len() - 1);
}

#[test]
fn move_nodes_sets_absolute_positions() {
    let doc = sample_plan();
    let moves = vec![
        (NodeId::from("lb"), Pos { x: 1.0, y: 2.0 }),
        (NodeId::from("exo"), Pos { x: 3.0, y: 4.0 }),
    ];
    let edited = apply_and_check_undo(&doc, Command::MoveNodes { moves });
    assert_eq!(
        edited.node("lb").and_then(|n| n.position),
        Some(Pos { x: 1.0, y: 2.0 })
    );
    assert_eq!(
        edited.node("exo").and_then(|n| n.position),
        Some(Pos { x: 3.0, y: 4.0 })
    );
}

#[test]
fn undoing_a_move_of_a_node_without_position_makes_it_unplaced_again() {
    let mut doc = sample_plan();
    doc.nodes[0].position = None;
    let id = doc.nodes[0].id.clone();
    let edited = apply_and_check_undo(
        &doc,
        Command::MoveNodes {
            moves: vec![(id.clone(), Pos { x: 5.0, y: 5.0 })],
        },
    );
    assert!(edited.node(id.as_str()).and_then(|n| n.position).is_some());
}

#[test]
fn moving_a_missing_node_is_refused_and_no_node_moves() {
    let doc = sample_plan();
    let moves = vec![
        (NodeId::from("lb"), Pos { x: 1.0, y: 2.0 }),
        (NodeId::from("ghost"), Pos::default()),
    ];
    assert_eq!(
        refused(&doc, Command::MoveNodes { moves }),
        EditError::MissingNode(NodeId::from("ghost"))
    );
}

#[test]
fn update_node_replaces_the_node_with_the_same_id() {
    let doc = sample_plan();
    let mut node = doc.node("exse-01").cloned().expect("sample server");
    node.name = "MBX-A".to_owned();
    node.mrs_proxy = Some(false);
    let edited = apply_and_check_undo(&doc, Command::UpdateNode { node: node.clone() });
    assert_eq!(edited.node("exse-01"), Some(&node));
    assert_eq!(
        node_ids(&edited),
        node_ids(&doc),
        "the node keeps its place"
    );
}

#[test]
fn updating_a_missing_node_is_refused() {
    let doc = sample_plan();
    let node = Node::new("ghost", NodeKind::Note, "Boo");
    assert_eq!(
        refused(&doc, Command::UpdateNode { node }),
        EditError::MissingNode(NodeId::from("ghost"))
    );
}

#[test]
fn changing_a_node_kind_that_would_break_its_links_is_refused() {
    let doc = sample_plan();
    let mut node = doc.node("lb").cloned().expect("sample load balancer");
    node.kind = NodeKind::Note;
    let error = refused(&doc, Command::UpdateNode { node });
    assert!(
        matches!(error, EditError::KindChangeBreaksLink { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("note"), "{error}");
}

#[test]
fn changing_the_kind_of_an_unlinked_node_is_allowed() {
    let doc = sample_plan();
    let mut node = doc.node("note").cloned().expect("sample note");
    node.kind = NodeKind::LoadBalancer;
    apply_and_check_undo(&doc, Command::UpdateNode { node });
}

#[test]
fn add_link_appends_a_link_between_existing_nodes() {
    let doc = sample_plan();
    let link = Link::new("new", LinkKind::FederationTrust, "exse-02", "mfg");
    let edited = apply_and_check_undo(&doc, Command::AddLink { link: link.clone() });
    assert_eq!(edited.links.last(), Some(&link));
}

#[test]
fn a_link_to_a_missing_node_is_refused() {
    let doc = sample_plan();
    let link = Link::new("new", LinkKind::SendConnector, "exse-01", "nowhere");
    assert_eq!(
        refused(&doc, Command::AddLink { link }),
        EditError::LinkToMissingNode {
            link: LinkId::from("new"),
            node: NodeId::from("nowhere")
        }
    );
}

#[test]
fn a_link_with_a_duplicate_id_is_refused() {
    let doc = sample_plan();
    let id = doc.links[0].id.clone();
    let link = Link::new(id.clone(), LinkKind::FederationTrust, "exse-02", "mfg");
    assert_eq!(
        refused(&doc, Command::AddLink { link }),
        EditError::DuplicateLinkId(id)
    );
}

#[test]
fn a_send_connector_from_a_load_balancer_is_refused_with_the_reason() {
    let doc = sample_plan();
    let link = Link::new("new", LinkKind::SendConnector, "lb", "exo");
    let error = refused(&doc, Command::AddLink { link });
    assert_eq!(
        error.to_string(),
        "A send connector must start at an Exchange server or Edge Transport server, not at a load balancer"
    );
}

#[test]
fn a_receive_connector_drawn_backwards_says_to_draw_it_the_other_way() {
    let doc = sample_plan();
    let link = Link::new("new", LinkKind::ReceiveConnector, "lb", "exo");
    let error = refused(&doc, Command::AddLink { link });
    assert_eq!(
        error,
        EditError::Refused(ConnectRefusal::WrongStart {
            link: LinkKind::ReceiveConnector,
            found: NodeKind::LoadBalancer,
            swap_helps: true
        })
    );
    assert_eq!(
        error.to_string(),
        "A receive connector must start at Exchange Online, not at a load balancer; draw it the other way round"
    );
}

#[test]
fn a_link_from_a_node_to_itself_is_refused() {
    let doc = sample_plan();
    let link = Link::new("new", LinkKind::RoutesTo, "lb", "lb");
    assert_eq!(
        refused(&doc, Command::AddLink { link }),
        EditError::Refused(ConnectRefusal::SelfLink {
            link: LinkKind::RoutesTo
        })
    );
}

#[test]
fn remove_links_and_undo_restores_their_order() {
    let doc = sample_plan();
    let ids = vec![
        doc.links[4].id.clone(),
        doc.links[1].id.clone(),
        doc.links[7].id.clone(),
    ];
    let edited = apply_and_check_undo(&doc, Command::RemoveLinks { ids: ids.clone() });
    assert_eq!(edited.links.len(), doc.links.len() - 3);
    assert!(edited.links.iter().all(|l| !ids.contains(&l.id)));
}

#[test]
fn removing_a_missing_link_is_refused() {
    let doc = sample_plan();
    let ids = vec![doc.links[0].id.clone(), LinkId::from("nope")];
    assert_eq!(
        refused(&doc, Command::RemoveLinks { ids }),
        EditError::MissingLink(LinkId::from("nope"))
    );
}

#[test]
fn update_link_changes_fields_and_checks_new_ends() {
    let doc = sample_plan();
    let mut link = doc
        .links
        .iter()
        .find(|l| l.kind == LinkKind::OrganizationRelationship)
        .cloned()
        .expect("orgrel");
    link.direction = Some(Direction::ToOnline);
    let edited = apply_and_check_undo(&doc, Command::UpdateLink { link: link.clone() });
    assert_eq!(edited.link(link.id.as_str()), Some(&link));

    link.from = NodeId::from("sync");
    let error = refused(&doc, Command::UpdateLink { link });
    assert_eq!(
        error.to_string(),
        "An organization relationship must start at an Exchange server or load balancer, not at a directory sync server"
    );
}

#[test]
fn a_wrongly_drawn_link_loaded_from_a_file_can_still_be_relabelled() {
    let mut doc = sample_plan();
    doc.links
        .push(Link::new("bad", LinkKind::SendConnector, "lb", "exo"));
    let mut link = doc.link("bad").cloned().expect("just added");
    link.label = Some("legacy".to_owned());
    apply_and_check_undo(&doc, Command::UpdateLink { link });
}

#[test]
fn updating_a_missing_link_is_refused() {
    let doc = sample_plan();
    let link = Link::new("ghost", LinkKind::RoutesTo, "lb", "exse-01");
    assert_eq!(
        refused(&doc, Command::UpdateLink { link }),
        EditError::MissingLink(LinkId::from("ghost"))
    );
}

#[test]
fn plan_settings_commands_swap_values() {
    let doc = sample_plan();
    let hybrid = Hybrid {
        mode: Mode::Draft,
        ..Hybrid::default()
    };
    let edited = apply_and_check_undo(&doc, Command::SetHybrid(hybrid.clone()));
    assert_eq!(edited.hybrid, hybrid);
    let edited = apply_and_check_undo(&doc, Command::SetTitle(None));
    assert_eq!(edited.title, None);
    let edited = apply_and_check_undo(&doc, Command::SetDescription(Some("d".to_owned())));
    assert_eq!(edited.description.as_deref(), Some("d"));
    let view = View {
        title: "Only".to_owned(),
        caption: String::new(),
        camera: Camera {
            x: 0.0,
            y: 0.0,
            width: 10.0,
            height: 10.0,
        },
        nodes: vec![],
        links: vec![],
        extra: serde_json::Map::new(),
    };
    let edited = apply_and_check_undo(&doc, Command::SetViews(vec![view.clone()]));
    assert_eq!(edited.views, vec![view]);
}

#[test]
fn a_batch_applies_in_order_and_undoes_as_one() {
    let doc = sample_plan();
    let node = Node::new("gw", NodeKind::SmtpGateway, "GW01");
    let batch = Command::Batch {
        label: "Add gateway".to_owned(),
        commands: vec![
            Command::AddNode { node, index: None },
            Command::AddLink {
                link: Link::new("r", LinkKind::RoutesTo, "gw", "lb"),
            },
            Command::MoveNodes {
                moves: vec![(NodeId::from("gw"), Pos { x: 9.0, y: 9.0 })],
            },
        ],
    };
    let edited = apply_and_check_undo(&doc, batch);
    assert!(
        edited
            .node("gw")
            .is_some_and(|n| n.position == Some(Pos { x: 9.0, y: 9.0 }))
    );
    assert!(edited.link("r").is_some());
}

#[test]
fn a_failing_batch_rolls_back_what_it_already_did() {
    let doc = sample_plan();
    let batch = Command::Batch {
        label: "Half".to_owned(),
        commands: vec![
            Command::RemoveNodes {
                ids: vec![NodeId::from("lb")],
            },
            Command::SetTitle(Some("changed".to_owned())),
            Command::AddLink {
                link: Link::new("x", LinkKind::SendConnector, "exse-01", "lb"),
            },
        ],
    };
    let error = refused(&doc, batch);
    assert!(
        matches!(error, EditError::LinkToMissingNode { .. }),
        "{error:?}"
    );
}

#[test]
fn labels_name_the_step_for_the_edit_menu() {
    let two = Command::MoveNodes {
        moves: vec![
            (NodeId::from("a"), Pos::default()),
            (NodeId::from("b"), Pos::default()),
        ],
    };
    assert_eq!(two.label(), "Move 2 nodes");
    let one = Command::MoveNodes {
        moves: vec![(NodeId::from("a"), Pos::default())],
    };
    assert_eq!(one.label(), "Move node");
    assert_eq!(
        Command::RemoveNodes {
            ids: vec![NodeId::from("a"), NodeId::from("b")]
        }
        .label(),
        "Delete 2 nodes"
    );
    assert_eq!(
        Command::AddNode {
            node: Node::new("a", NodeKind::LoadBalancer, "LB01"),
            index: None
        }
        .label(),
        "Add LB01"
    );
    assert_eq!(
        Command::AddLink {
            link: Link::new("l", LinkKind::Oauth, "a", "b")
        }
        .label(),
        "Add OAuth link"
    );
    assert_eq!(
        Command::Batch {
            label: "Fix roles".to_owned(),
            commands: vec![]
        }
        .label(),
        "Fix roles"
    );
}

#[test]
fn insert_commands_made_by_hand_check_ids_and_ends() {
    let doc = sample_plan();
    let dup = doc.links[0].clone();
    assert_eq!(
        refused(
            &doc,
            Command::InsertLinks {
                links: vec![(0, dup.clone())]
            }
        ),
        EditError::DuplicateLinkId(dup.id.clone())
    );
    let orphan = Link::new("orphan", LinkKind::RoutesTo, "lb", "ghost");
    let error = refused(
        &doc,
        Command::InsertNodes {
            nodes: vec![],
            links: vec![(0, orphan)],
        },
    );
    assert!(matches!(error, EditError::LinkToMissingNode { .. }));
    assert_eq!(link_ids(&doc).len(), doc.links.len());
}

#[test]
fn a_move_to_a_position_that_is_not_a_number_is_refused_and_changes_nothing() {
    let mut doc = Document::new("Plan");
    doc.nodes
        .push(Node::server("a", "EX01", Version::V2019, &[Role::Mailbox]).at(10.0, 20.0));
    let before = doc.clone();
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let moved = Command::MoveNodes {
            moves: vec![("a".into(), Pos { x: bad, y: 0.0 })],
        }
        .apply(&mut doc);
        assert!(
            matches!(moved, Err(EditError::NonFinitePosition(_))),
            "{moved:?}"
        );
        let added = Command::AddNode {
            node: Node::new("b", NodeKind::Note, "N").at(0.0, bad),
            index: None,
        }
        .apply(&mut doc);
        assert!(
            matches!(added, Err(EditError::NonFinitePosition(_))),
            "{added:?}"
        );
    }
    assert_eq!(doc, before);
    assert!(hybrid_designer::file::from_str(&hybrid_designer::file::to_string(&doc)).is_ok());
}
