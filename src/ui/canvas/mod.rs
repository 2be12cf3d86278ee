//! The designer's canvas: the plan drawn with `egui_graphs`'
//! [`GraphView`](egui_graphs::GraphView) and edited with the mouse. The canvas never changes
//! the document: it turns gestures into [`CanvasAction`]s, and the app turns those into edit
//! commands (so every gesture is one undo step).
//!
//! Its parts: `mirror` (the plan as an `egui_graphs` graph), `view` (drawing a frame),
//! `camera` (zoom, pan, fit), `gestures` (pointer, keys, context menu, rename) and
//! `overlay` (what is drawn over the plan, and the AccessKit nodes).
//!
//! Gestures (`editable` canvases):
//! - drag on empty space or with the middle button: pan; Ctrl+wheel or pinch: zoom; the
//!   plain wheel pans;
//! - click a node or a link: select it; Ctrl+click: add or remove it; click empty space:
//!   clear; Shift+drag on empty space: box select (Ctrl+Shift adds to the selection);
//! - drag a node: move it, with the rest of the selection when it is selected; one
//!   [`CanvasAction::MoveNodes`] at the end of the drag;
//! - with a link tool: press on a node and drag to another, or click one then the other;
//!   Esc cancels;
//! - double-click a node (or F2, or its context menu): rename in place; right-click: context
//!   menu; drop a palette item: add.
//!
//! Cost: `GraphView::show` asks egui for a new frame every frame. While nothing happens on
//! the canvas (no pointer movement over it, no button, no gesture, no change) for
//! [`IDLE_AFTER`] seconds, the canvas paints the same display lists itself and does not call
//! it, so an idle window stops repainting.

use super::paint::{self, IconTextures};
use crate::edit::{self, Selection};
use crate::look::{self, LinkState, NodeState};
use crate::model::{
    Camera, Date, Document, Link, LinkId, LinkKind, Node, NodeId, NodeKind, Pos, Version,
};
use crate::rules::{Finding, Severity};
use egui::{PointerButton, Pos2, Rect, Ui, Vec2};
use egui_graphs::DisplayEdge;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

mod camera;
mod frame;
mod gestures;
mod hit;
mod lod;
mod mirror;
mod overlay;
mod sync;
mod view;
mod zones;

use mirror::{LinkLook, LinkPayload, Mirror, MirrorNode, NodeLook, NodePayload, Still, StillState};

/// The zoom is kept in this range, every frame.
pub const ZOOM_RANGE: RangeInclusive<f32> = 0.1..=4.0;
/// Seconds without activity after which the canvas stops calling `GraphView::show`.
pub const IDLE_AFTER: f64 = 0.3;
/// A press that moves less than this (screen points) is a click, not a drag.
const CLICK_SLOP: f32 = 4.0;
/// Where a dropped node goes when another node already sits exactly there.
const NUDGE: f64 = 24.0;
/// Where the "cannot link here" bubble beside the pointer wraps its text (screen points).
const HINT_WRAP_WIDTH: f32 = 300.0;
/// The narrowest the rename field gets (screen points), so a name stays editable zoomed out.
const RENAME_MIN_WIDTH: f32 = 90.0;
/// Label scale on presentation canvases.
/// Link labels on presentation canvases are this much larger (their pills grow with them).
/// Card text stays at 1: `look::node_size` does not grow with the text scale, so larger
/// names would be cut with "…".
const PRESENTATION_LINK_TEXT_SCALE: f32 = 1.2;

/// How the canvas is used this frame.
#[derive(Debug, Clone, Default)]
pub struct CanvasOptions {
    /// Gestures that change the plan (move, connect, drop, rename, delete) are on.
    pub editable: bool,
    /// Outline nodes and links named by findings, with badges and tooltips.
    pub show_findings: bool,
    /// Presentation: only these nodes and links at full strength, everything else dimmed.
    pub highlight: Option<(HashSet<NodeId>, HashSet<LinkId>)>,
    /// Light background and larger labels.
    pub presentation: bool,
}

impl CanvasOptions {
    /// The editor's options: editable, findings shown.
    #[must_use]
    pub fn editor() -> Self {
        Self {
            editable: true,
            show_findings: true,
            highlight: None,
            presentation: false,
        }
    }
}

/// The payload of the palette's `ui.dnd_drag_source`: dropping it on the canvas adds a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaletteDrop(pub NodeKind);

/// The payload of the palette's version chips: dropping it adds an Exchange server of that version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaletteServer(pub Version);

/// What the user asked for on the canvas this frame; the app applies it.
#[derive(Debug, Clone, PartialEq)]
pub enum CanvasAction {
    /// Replace the selection.
    SetSelection(Selection),
    /// Add a node of this kind centred at `pos` (a palette drop; never exactly on another node).
    AddNode {
        /// Its kind.
        kind: NodeKind,
        /// Its centre in canvas coordinates.
        pos: Pos,
    },
    /// Add an on-premises Exchange server of this version centred at `pos` (a version chip drop).
    AddServer {
        /// Its version.
        version: Version,
        /// Its centre in canvas coordinates.
        pos: Pos,
    },
    /// Draw a link (ends already checked with [`edit::connect`]).
    Connect {
        /// Its kind.
        kind: LinkKind,
        /// The source node.
        from: NodeId,
        /// The target node.
        to: NodeId,
    },
    /// Nodes moved by one drag, with their new centres; sent once, when the drag ends.
    MoveNodes(Vec<(NodeId, Pos)>),
    /// The user typed a new name into the node's rename field (double-click, F2 or the context
    /// menu) and pressed Enter or clicked away.
    Rename {
        /// The node.
        id: NodeId,
        /// The text as typed; [`edit::rename`] trims it and ignores a blank one.
        name: String,
    },
    /// A sentence for the status bar (e.g. why a link cannot end at a node).
    Status(String),
    /// Context menu "Draw `<kind>` from here": the app should select the link tool `kind`; the
    /// canvas already waits for the target click.
    ContextLink {
        /// The source node.
        from: NodeId,
        /// The link kind.
        kind: LinkKind,
    },
    /// Context menu "Delete": delete the selection (a `SetSelection` comes first when the
    /// menu was opened on an unselected node).
    DeleteSelection,
    /// Esc during a canvas gesture or with a link tool: the app should drop the link tool.
    CancelGesture,
}

// ---------------------------------------------------------------------------------------
// Canvas state
// ---------------------------------------------------------------------------------------

/// One node as last synced: the model node, its canvas centre (own or automatic) and how it
/// is shown.
struct NodeEntry {
    node: Node,
    idx: NodeIndex,
    center: Pos2,
    state: NodeState,
    look: Arc<NodeLook>,
    dirty: bool,
}

struct LinkEntry {
    link: Link,
    idx: EdgeIndex,
    lane: look::Lane,
    /// Its route in `Canvas::routing`, as last copied into its look.
    route: Option<look::LinkRoute>,
    state: LinkState,
    look: Arc<LinkLook>,
    dirty: bool,
}

/// What a press on the canvas turned into.
#[derive(Debug, Clone, PartialEq)]
enum Gesture {
    /// Nothing, or the graph view's own pan.
    Idle,
    /// Dragging nodes: where each started (canvas) and where the pointer was pressed (screen).
    Move {
        press: Pos2,
        origin: Vec<(NodeId, Pos2)>,
        dragging: bool,
    },
    /// Drawing a link from a node, rubber band to the pointer.
    Link {
        press: Pos2,
        from: NodeId,
        kind: LinkKind,
    },
    /// Box selection from `start` (canvas).
    Boxing { start: Pos2, additive: bool },
    /// A press on a node while a link tool is picked that starts nothing of ours (a refused
    /// link start, or the second click of a click-click link): it holds the graph view's pan
    /// off until the release, so a refused drag never moves the diagram.
    Held,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    Node(NodeId),
    Link(LinkId),
}

/// The in-place rename field of a node.
#[derive(Debug, Clone)]
struct Renaming {
    id: NodeId,
    /// The field still has to take the keyboard focus (its first frame).
    focus: bool,
    /// Where the field was drawn last frame, so a press in it is not a press on the canvas.
    rect: Option<Rect>,
}

/// A camera change asked for before the canvas knew its size.
#[derive(Debug, Clone)]
enum PendingView {
    Fit,
    Camera(Camera),
    Reveal(Vec<NodeId>),
}

/// Everything besides the plan that node and link states are made of (`refresh_looks`).
#[derive(Debug, Clone, PartialEq)]
struct LooksKey {
    findings: Vec<Finding>,
    selection: Selection,
    hovered: Option<Target>,
    show_findings: bool,
    presentation: bool,
    highlight: Option<(HashSet<NodeId>, HashSet<LinkId>)>,
    as_of: Date,
}

static NEXT_CANVAS: AtomicU64 = AtomicU64::new(1);

/// The canvas: a mirror of the document as an `egui_graphs` graph (with id ↔ index maps),
/// the camera, the gesture in progress and the icon textures.
pub struct Canvas {
    view_id: String,
    graph: Mirror,
    nodes: HashMap<NodeId, NodeEntry>,
    links: HashMap<LinkId, LinkEntry>,
    node_order: Vec<NodeId>,
    link_order: Vec<LinkId>,
    synced: Option<(Vec<Node>, Vec<Link>)>,
    /// Every link's route, recomputed when the plan changes (incrementally when only nodes
    /// moved) and while a node is dragged; never per frame.
    routing: look::Routing,
    icons: IconTextures,
    zoom: f32,
    /// Screen offset of the canvas origin from the widget's top-left corner (`egui_graphs`' pan).
    pan: Vec2,
    rect: Option<Rect>,
    pending: Option<PendingView>,
    /// The camera a fit on opening left, refitted while the view still settles its size
    /// (side panels take their width a few frames later) until the user moves the camera.
    auto_fit: Option<(f32, Vec2)>,
    gesture: Gesture,
    link_source: Option<(NodeId, LinkKind)>,
    /// The node a link was just drawn to: no hint about it while the pointer stays on it
    /// (the link tool is still picked, and the node cannot start that link kind itself).
    just_linked: Option<NodeId>,
    hovered: Option<Target>,
    context_target: Option<Target>,
    shown_once: bool,
    last_active: f64,
    last_text_scale: f32,
    ctx: egui::Context,
    graph_top_left: Option<Pos2>,
    /// The node whose name is being edited in place.
    renaming: Option<Renaming>,
    /// The day chosen to judge the plan on; `None`: the plan's evaluation date or today.
    as_of_chosen: Option<Date>,
    /// The day the certificate badges were last coloured for.
    drawn_as_of: Option<Date>,
    /// Drags and drops snap to the grid, which is drawn.
    snap: bool,
    /// The zones' display list, as last computed.
    regions: Vec<look::Prim>,
    /// The plan changed since the zones were computed.
    regions_stale: bool,
    /// The last idle frame's shapes, reused while nothing changes.
    still_shapes: Option<(view::StillKey, Vec<egui::Shape>)>,
    /// The plain drawing below legible zoom, tessellated once and reused while nothing changes.
    coarse: Option<lod::CoarseMesh>,
    /// What lies where, for hit-testing; emptied whenever the drawing changes.
    hits: std::cell::OnceCell<hit::HitIndex>,
    /// What the node and link states were last worked out from.
    looks_key: Option<LooksKey>,
    /// The document's change key, when its owner gives one (`set_change_key`).
    change_key: Option<(u64, u64)>,
    /// The change key of the document last synced.
    synced_key: Option<(u64, u64)>,
}

impl Canvas {
    /// A canvas with nothing on it; uploads the icon textures.
    #[must_use]
    pub fn new(ctx: &egui::Context) -> Self {
        let n = NEXT_CANVAS.fetch_add(1, Ordering::Relaxed);
        paint::install_fallback_font(ctx);
        Self {
            view_id: format!("hybrid-designer-canvas-{n}"),
            graph: Mirror::new(),
            nodes: HashMap::new(),
            links: HashMap::new(),
            node_order: Vec::new(),
            link_order: Vec::new(),
            synced: None,
            routing: look::Routing::default(),
            icons: IconTextures::load(ctx),
            zoom: 1.0,
            pan: Vec2::ZERO,
            rect: None,
            pending: None,
            auto_fit: None,
            gesture: Gesture::Idle,
            link_source: None,
            just_linked: None,
            hovered: None,
            context_target: None,
            shown_once: false,
            last_active: f64::NEG_INFINITY,
            last_text_scale: 1.0,
            ctx: ctx.clone(),
            graph_top_left: None,
            renaming: None,
            as_of_chosen: None,
            drawn_as_of: None,
            snap: true,
            regions: Vec::new(),
            regions_stale: true,
            still_shapes: None,
            coarse: None,
            hits: std::cell::OnceCell::new(),
            change_key: None,
            synced_key: None,
            looks_key: None,
        }
    }

    /// Colours the certificate badges as of `date` (`None`: the plan's evaluation date or
    /// today), the day the findings are worked out for.
    pub fn set_as_of(&mut self, date: Option<Date>) {
        self.as_of_chosen = date;
    }

    /// The display list a node was last drawn with (card-centred at the origin), for tests and
    /// tools that check what the canvas shows.
    #[must_use]
    pub fn node_prims(&self, id: &NodeId) -> Option<&[look::Prim]> {
        self.nodes.get(id).map(|e| e.look.prims.as_slice())
    }

    fn mark_active_now(&mut self) {
        // The next frame uses the graph view and restarts the idle clock; ask for that frame
        // in case the change came from outside a frame (or after this frame's `show`).
        self.last_active = f64::INFINITY;
        self.ctx.request_repaint();
    }

    /// Abandons a link being drawn, a box selection or a pending link source; a node drag
    /// snaps back. Returns whether there was anything to cancel (so Esc can mean something
    /// else otherwise).
    pub fn cancel_gesture(&mut self) -> bool {
        if let Gesture::Move { origin, .. } = &self.gesture {
            for (id, p) in origin.clone() {
                self.set_mirror_location(&id, p);
            }
        }
        let had = !matches!(self.gesture, Gesture::Idle) || self.link_source.is_some();
        self.gesture = Gesture::Idle;
        self.link_source = None;
        had
    }

    /// Opens a text field over the node's name, focused with the name selected; Enter or a
    /// click elsewhere sends [`CanvasAction::Rename`], Esc closes it unchanged.
    pub fn start_rename(&mut self, id: NodeId) {
        self.renaming = Some(Renaming {
            id,
            focus: true,
            rect: None,
        });
    }

    /// The node whose name is being edited in place.
    #[must_use]
    pub fn renaming(&self) -> Option<&NodeId> {
        self.renaming.as_ref().map(|r| &r.id)
    }

    /// Whether a link is being drawn (dragging from a source, or a source clicked and the
    /// target still to click).
    #[must_use]
    pub fn is_drawing_link(&self) -> bool {
        matches!(self.gesture, Gesture::Link { .. }) || self.link_source.is_some()
    }

    /// The screen rectangle of a node's card in the last frame, for tests and overlays.
    #[must_use]
    pub fn node_screen_rect(&self, id: &NodeId) -> Option<Rect> {
        let e = self.nodes.get(id)?;
        let origin = self.rect?.min;
        let loc = self
            .graph
            .node(e.idx)
            .map_or(e.center, MirrorNode::location);
        Some(Rect::from_center_size(
            origin + self.pan + loc.to_vec2() * self.zoom,
            Vec2::new(e.look.size.0, e.look.size.1) * self.zoom,
        ))
    }

    /// Moves a node of the mirror (a drag in progress) and re-routes only the links that
    /// this can change, so routes follow the card while it moves.
    fn set_mirror_location(&mut self, id: &NodeId, p: Pos2) {
        if let Some(e) = self.nodes.get(id)
            && let Some(n) = self.graph.node_mut(e.idx)
        {
            if n.location() == p {
                return;
            }
            n.set_location(p);
            self.coarse = None;
            self.hits = std::cell::OnceCell::new();
            let changed = self.routing.move_node(id, look::Point::new(p.x, p.y));
            self.take_routes(&changed);
        }
    }

    /// Copies these links' routes from `routing` into their entries, marking changed ones
    /// for a new look.
    fn take_routes(&mut self, links: &[LinkId]) {
        for id in links {
            if let Some(e) = self.links.get_mut(id) {
                let route = self.routing.route(id).cloned();
                if e.route != route {
                    e.route = route;
                    e.dirty = true;
                }
            }
        }
    }

    fn mirror_location(&self, id: &NodeId) -> Option<Pos2> {
        let e = self.nodes.get(id)?;
        self.graph.node(e.idx).map(MirrorNode::location)
    }

    // -- hit testing (canvas coordinates, top-most first) --

    fn node_at(&self, p: Pos2, selection: &Selection) -> Option<NodeId> {
        // Selected nodes are drawn last, so they are on top.
        let hit = |id: &&NodeId| {
            let Some(e) = self.nodes.get(*id) else {
                return false;
            };
            let loc = self
                .graph
                .node(e.idx)
                .map_or(e.center, MirrorNode::location);
            Rect::from_center_size(loc, Vec2::new(e.look.size.0, e.look.size.1)).contains(p)
        };
        let near = self.hits().near(p).0;
        let ids = || {
            near.iter()
                .rev()
                .filter_map(|&i| self.node_order.get(i as usize))
        };
        ids()
            .filter(|id| selection.nodes.contains(*id))
            .find(hit)
            .or_else(|| ids().find(hit))
            .cloned()
    }

    fn link_at(&self, p: Pos2) -> Option<LinkId> {
        let near = self.hits().near(p).1;
        let ids = near
            .iter()
            .rev()
            .filter_map(|&i| self.link_order.get(i as usize));
        ids.into_iter().find_map(|id| {
            let (e, a, b) = self.link_ends(id)?;
            let disp = self.graph.edge(e.idx)?.display();
            disp.is_inside(a, b, p).then(|| id.clone())
        })
    }

    fn target_at(&self, p: Pos2, selection: &Selection) -> Option<Target> {
        self.node_at(p, selection)
            .map(Target::Node)
            .or_else(|| self.link_at(p).map(Target::Link))
    }

    // -- looks --
}
