//! Keeping the mirror in step with the document: syncing nodes and links, the looks and
//! the places, recomputed only when something changed.

// The canvas's parts share its private types and fields.
#[allow(clippy::wildcard_imports)]
use super::*;

impl Canvas {
    /// Brings the mirror up to date with the document. Cheap when nothing changed (one
    /// comparison of the node and link lists); a structural change rebuilds the mirror.
    pub fn sync(&mut self, doc: &Document) {
        // The document's owner vouches that it did not change (comparing 5,000 nodes costs a
        // millisecond every frame).
        if self.change_key.is_some() && self.synced_key == self.change_key && self.synced.is_some()
        {
            return;
        }
        self.synced_key = self.change_key;
        if let Some((n, l)) = &self.synced
            && *n == doc.nodes
            && *l == doc.links
        {
            return;
        }
        self.regions_stale = true;
        self.drawing_changed();
        let positions = look::auto_layout(doc);
        let lanes = look::link_lanes(doc);
        let same_structure = self.synced.as_ref().is_some_and(|(n, l)| {
            n.len() == doc.nodes.len()
                && n.iter().zip(&doc.nodes).all(|(a, b)| a.id == b.id)
                && l.len() == doc.links.len()
                && l.iter()
                    .zip(&doc.links)
                    .all(|(a, b)| a.id == b.id && a.from == b.from && a.to == b.to)
        });
        let center_of = |n: &Node| {
            positions
                .get(&n.id)
                .map_or(Pos2::ZERO, |p| Pos2::new(p.x as f32, p.y as f32))
        };
        if same_structure {
            for n in &doc.nodes {
                if let Some(e) = self.nodes.get_mut(&n.id) {
                    let c = center_of(n);
                    if e.node != *n || e.center != c {
                        e.node = n.clone();
                        e.center = c;
                        e.dirty = true;
                    }
                }
            }
            for l in &doc.links {
                if let Some(e) = self.links.get_mut(&l.id) {
                    let lane = lanes.get(&l.id).copied().unwrap_or_default();
                    if e.link != *l || e.lane != lane {
                        e.link = l.clone();
                        e.lane = lane;
                        e.dirty = true;
                    }
                }
            }
        } else {
            self.rebuild(doc, &positions, &lanes);
        }
        self.reroute(doc, same_structure);
        self.synced = Some((doc.nodes.clone(), doc.links.clone()));
        self.mark_active_now();
    }

    /// Tells the canvas the document's change key ([`edit::Session::change_key`]): while the
    /// key stays the same, the canvas takes the document it is shown as unchanged and skips
    /// comparing it with the one it drew. A canvas never told compares every frame.
    pub fn set_change_key(&mut self, key: (u64, u64)) {
        self.change_key = Some(key);
    }

    /// Brings the routes up to date: when only nodes moved (same links, same card sizes),
    /// each moved node is re-routed incrementally; otherwise every link is routed again.
    fn reroute(&mut self, doc: &Document, same_structure: bool) {
        let geometry = look::node_geometry(doc);
        let only_moves = same_structure
            && self.synced.as_ref().is_some_and(|(nodes, links)| {
                *links == doc.links
                    && nodes
                        .iter()
                        .zip(&doc.nodes)
                        .all(|(a, b)| look::node_size(a) == look::node_size(b))
            });
        if only_moves {
            let moved: Vec<(NodeId, look::Point)> = doc
                .nodes
                .iter()
                .filter_map(|n| {
                    let (c, _) = geometry.get(&n.id)?;
                    let was = self.routing.card_center(&n.id)?;
                    ((was.x - c.x).abs() > 0.01 || (was.y - c.y).abs() > 0.01)
                        .then(|| (n.id.clone(), *c))
                })
                .collect();
            let mut changed = Vec::new();
            for (id, c) in moved {
                changed.extend(self.routing.move_node(&id, c));
            }
            self.take_routes(&changed);
        } else {
            self.routing = look::Routing::new(doc, &geometry);
            let all: Vec<LinkId> = self.links.keys().cloned().collect();
            self.take_routes(&all);
        }
    }

    pub(super) fn rebuild(
        &mut self,
        doc: &Document,
        positions: &HashMap<NodeId, Pos>,
        lanes: &HashMap<LinkId, look::Lane>,
    ) {
        self.graph = Mirror::new();
        self.nodes.clear();
        self.links.clear();
        self.node_order.clear();
        self.link_order.clear();
        let empty_node = Arc::new(NodeLook {
            size: (1.0, 1.0),
            prims: Vec::new(),
            icons: self.icons.set(),
        });
        for n in &doc.nodes {
            if self.nodes.contains_key(&n.id) {
                continue;
            }
            let center = positions
                .get(&n.id)
                .map_or(Pos2::ZERO, |p| Pos2::new(p.x as f32, p.y as f32));
            let payload = NodePayload {
                look: Arc::clone(&empty_node),
            };
            let idx = self.graph.add_node_with_location(payload, center);
            self.nodes.insert(
                n.id.clone(),
                NodeEntry {
                    node: n.clone(),
                    idx,
                    center,
                    state: NodeState::default(),
                    look: Arc::clone(&empty_node),
                    dirty: true,
                },
            );
            self.node_order.push(n.id.clone());
        }
        for l in &doc.links {
            let (Some(from), Some(to)) = (self.nodes.get(&l.from), self.nodes.get(&l.to)) else {
                continue;
            };
            if self.links.contains_key(&l.id) {
                continue;
            }
            let look = Arc::new(LinkLook {
                link: l.clone(),
                state: LinkState::default(),
                route: None,
            });
            let idx = self.graph.add_edge(
                from.idx,
                to.idx,
                LinkPayload {
                    look: Arc::clone(&look),
                },
            );
            let lane = lanes.get(&l.id).copied().unwrap_or_default();
            self.links.insert(
                l.id.clone(),
                LinkEntry {
                    link: l.clone(),
                    idx,
                    lane,
                    route: None,
                    state: LinkState::default(),
                    look,
                    dirty: true,
                },
            );
            self.link_order.push(l.id.clone());
        }
        self.gesture = Gesture::Idle;
        if let Some((from, _)) = &self.link_source
            && !self.nodes.contains_key(from)
        {
            self.link_source = None;
        }
    }

    /// Recomputes node and link states (selection, hover, findings, dimming) and the looks
    /// of those whose state or data changed.
    /// Returns whether any look changed.
    pub(super) fn refresh_looks(
        &mut self,
        findings: &[Finding],
        selection: &Selection,
        opts: &CanvasOptions,
        as_of: Date,
    ) -> bool {
        if self.looks_unchanged(findings, selection, opts, as_of) {
            return false;
        }
        let mut changed = false;
        let redate = self.drawn_as_of != Some(as_of);
        self.drawn_as_of = Some(as_of);
        let text_scale = if opts.presentation {
            PRESENTATION_LINK_TEXT_SCALE
        } else {
            1.0
        };
        let rescale = (text_scale - self.last_text_scale).abs() > f32::EPSILON;
        self.last_text_scale = text_scale;
        let mut node_sev: HashMap<&NodeId, Severity> = HashMap::new();
        let mut link_sev: HashMap<&LinkId, Severity> = HashMap::new();
        if opts.show_findings {
            for f in findings {
                for n in &f.nodes {
                    let s = node_sev.entry(n).or_insert(f.severity);
                    *s = (*s).min(f.severity);
                }
                for l in &f.links {
                    let s = link_sev.entry(l).or_insert(f.severity);
                    *s = (*s).min(f.severity);
                }
            }
        }
        let icons = self.icons.set();
        let show_site = look::servers_in_several_sites(self.nodes.values().map(|e| &e.node));
        for (id, e) in &mut self.nodes {
            let state = NodeState {
                severity: node_sev.get(id).copied(),
                selected: selection.nodes.contains(id),
                hovered: matches!(&self.hovered, Some(Target::Node(h)) if h == id),
                dimmed: opts
                    .highlight
                    .as_ref()
                    .is_some_and(|(n, _)| !n.contains(id)),
                text_scale: 1.0,
                show_site,
            };
            if state != e.state || e.dirty || rescale || redate {
                changed = true;
                e.state = state;
                e.dirty = false;
                e.look = Arc::new(NodeLook {
                    size: look::node_size(&e.node),
                    prims: look::node_prims_as_of(
                        &e.node,
                        look::Point::new(0.0, 0.0),
                        &state,
                        as_of,
                    ),
                    icons,
                });
                if let Some(n) = self.graph.node_mut(e.idx) {
                    n.payload_mut().look = Arc::clone(&e.look);
                    n.set_selected(state.selected);
                }
            }
        }
        for (id, e) in &mut self.links {
            let state = LinkState {
                severity: link_sev.get(id).copied(),
                selected: selection.links.contains(id),
                hovered: matches!(&self.hovered, Some(Target::Link(h)) if h == id),
                dimmed: opts
                    .highlight
                    .as_ref()
                    .is_some_and(|(_, l)| !l.contains(id)),
                text_scale,
                offset: e.lane.offset,
                label_shift: e.lane.label_shift,
            };
            if state != e.state || e.dirty || rescale {
                changed = true;
                e.state = state;
                e.dirty = false;
                e.look = Arc::new(LinkLook {
                    link: e.link.clone(),
                    state,
                    route: e.route.clone(),
                });
                if let Some(edge) = self.graph.edge_mut(e.idx) {
                    edge.payload_mut().look = Arc::clone(&e.look);
                    edge.set_selected(state.selected);
                }
            }
        }
        changed
    }

    /// Whether nothing the states are made of changed since the last `refresh_looks` and no
    /// entry waits for a new look (working out 5,000 states cost a millisecond a frame);
    /// otherwise remembers what they are about to be made of.
    fn looks_unchanged(
        &mut self,
        findings: &[Finding],
        selection: &Selection,
        opts: &CanvasOptions,
        as_of: Date,
    ) -> bool {
        let dirty = self.nodes.values().any(|e| e.dirty) || self.links.values().any(|e| e.dirty);
        let same = self.looks_key.as_ref().is_some_and(|k| {
            k.findings == findings
                && k.selection == *selection
                && k.hovered == self.hovered
                && k.show_findings == opts.show_findings
                && k.presentation == opts.presentation
                && k.highlight == opts.highlight
                && k.as_of == as_of
        });
        if !dirty && same {
            return true;
        }
        self.looks_key = Some(LooksKey {
            findings: findings.to_vec(),
            selection: selection.clone(),
            hovered: self.hovered.clone(),
            show_findings: opts.show_findings,
            presentation: opts.presentation,
            highlight: opts.highlight.clone(),
            as_of,
        });
        false
    }

    /// Node locations follow the model except for nodes being dragged.
    pub(super) fn place_nodes(&mut self) {
        let moving: HashSet<&NodeId> = match &self.gesture {
            Gesture::Move { origin, .. } => origin.iter().map(|(id, _)| id).collect(),
            _ => HashSet::new(),
        };
        let mut moved = false;
        for (id, e) in &self.nodes {
            if !moving.is_empty() && moving.contains(id) {
                continue;
            }
            if let Some(n) = self.graph.node_mut(e.idx)
                && n.location() != e.center
            {
                n.set_location(e.center);
                moved = true;
            }
        }
        if moved {
            self.drawing_changed();
        }
    }

    // -- the frame --
}
