//! The designer's canvas: the plan drawn with `egui_graphs`' [`GraphView`] and edited with the
//! mouse. The canvas never changes the document: it turns gestures into [`CanvasAction`]s,
//! and the app turns those into edit commands (so every gesture is one undo step).
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
//! - double-click a node (or F2, or its context menu): rename in place; right-click: context menu; drop a palette
//!   item: add.
//!
//! Cost: `GraphView::show` asks egui for a new frame every frame. While nothing happens on
//! the canvas (no pointer movement over it, no button, no gesture, no change) for
//! [`IDLE_AFTER`] seconds, the canvas paints the same display lists itself and does not call
//! it, so an idle window stops repainting.

use super::paint::{self, IconSet, IconTextures, Xform};
use super::widgets;
use crate::edit::{self, Selection};
use crate::look::{self, LinkState, NodeState, Prim};
use crate::model::{
    Camera, Document, Link, LinkId, LinkKind, Node, NodeId, NodeKind, Pos, Version,
};
use crate::rules::{Finding, Severity};
use egui::{
    Id, Key, PointerButton, Pos2, Rect, Response, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo,
    WidgetType,
};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Graph, GraphView, Layout, LayoutState,
    MetadataFrame, NodeProps, SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::{DefaultIx, EdgeIndex, IndexType, NodeIndex};
use petgraph::{Directed, EdgeType};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

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
// The egui_graphs mirror
// ---------------------------------------------------------------------------------------

/// A layout that never moves anything: positions are the user's.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct StillState;

impl LayoutState for StillState {}

/// See [`StillState`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Still;

impl Layout<StillState> for Still {
    fn from_state(_state: StillState) -> impl Layout<StillState> {
        Still
    }

    fn next<N, E, Ty, Ix, Dn, De>(&mut self, _g: &mut Graph<N, E, Ty, Ix, Dn, De>, _ui: &Ui)
    where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> StillState {
        StillState
    }
}

/// A node's display list, centred at the canvas origin, and its size.
#[derive(Debug)]
struct NodeLook {
    size: (f32, f32),
    prims: Vec<Prim>,
    icons: IconSet,
}

/// The payload of a mirror node: its current look. Ids live in the canvas' maps, never
/// derived from graph indices (which petgraph reuses after deletions).
#[derive(Debug, Clone)]
struct NodePayload {
    look: Arc<NodeLook>,
}

/// What a link's display needs to compute its display list from its ends.
#[derive(Debug)]
struct LinkLook {
    link: Link,
    state: LinkState,
}

#[derive(Debug, Clone)]
struct LinkPayload {
    look: Arc<LinkLook>,
}

/// Draws a node: `look`'s prims moved to the node's current location.
#[derive(Debug, Clone)]
struct NodeShape {
    loc: Pos2,
    look: Arc<NodeLook>,
}

impl NodeShape {
    fn half(&self) -> Vec2 {
        Vec2::new(self.look.size.0 / 2.0, self.look.size.1 / 2.0)
    }
}

impl From<NodeProps<NodePayload>> for NodeShape {
    fn from(p: NodeProps<NodePayload>) -> Self {
        Self {
            loc: p.location(),
            look: p.payload.look,
        }
    }
}

impl DisplayNode<NodePayload, LinkPayload, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let h = self.half();
        let d = if dir.length_sq() > 1e-12 {
            dir.normalized()
        } else {
            Vec2::X
        };
        let tx = if d.x.abs() > 1e-6 {
            h.x / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > 1e-6 {
            h.y / d.y.abs()
        } else {
            f32::INFINITY
        };
        self.loc + d * tx.min(ty)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let xf = Xform::new(
            ctx.meta.zoom,
            ctx.meta.pan + self.loc.to_vec2() * ctx.meta.zoom,
        );
        // egui_graphs draws every node every frame: skip those off screen (the margin keeps
        // selection halos and badges that stick out).
        let screen = Rect::from_center_size(
            (ctx.meta.pan + self.loc.to_vec2() * ctx.meta.zoom).to_pos2(),
            (self.half() * 2.0 + Vec2::splat(40.0)) * ctx.meta.zoom,
        );
        if !ctx.painter.clip_rect().intersects(screen) {
            return Vec::new();
        }
        paint::prims_shapes(ctx.ctx, &self.look.prims, &xf, &self.look.icons)
    }

    fn update(&mut self, state: &NodeProps<NodePayload>) {
        self.loc = state.location();
        if !Arc::ptr_eq(&self.look, &state.payload.look) {
            self.look = Arc::clone(&state.payload.look);
        }
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        Rect::from_center_size(self.loc, self.half() * 2.0).contains(pos)
    }
}

/// Draws a link: `look::link_prims` between its ends' current locations, cached until an
/// end moves or the look changes.
#[derive(Debug, Clone)]
struct LinkShape {
    look: Arc<LinkLook>,
    cache: Option<(Pos2, Pos2, Arc<Vec<Prim>>)>,
}

impl From<EdgeProps<LinkPayload>> for LinkShape {
    fn from(p: EdgeProps<LinkPayload>) -> Self {
        Self {
            look: p.payload.look,
            cache: None,
        }
    }
}

type MirrorNode = egui_graphs::Node<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape>;

fn end_geometry(n: &MirrorNode) -> (look::Point, (f32, f32)) {
    let p = n.location();
    (look::Point::new(p.x, p.y), n.payload().look.size)
}

impl LinkShape {
    fn prims(&mut self, start: &MirrorNode, end: &MirrorNode) -> Arc<Vec<Prim>> {
        let (a, b) = (start.location(), end.location());
        if let Some((ca, cb, prims)) = &self.cache
            && *ca == a
            && *cb == b
        {
            return Arc::clone(prims);
        }
        let (fc, fs) = end_geometry(start);
        let (tc, ts) = end_geometry(end);
        let prims = Arc::new(look::link_prims(
            &self.look.link,
            fc,
            fs,
            tc,
            ts,
            &self.look.state,
        ));
        self.cache = Some((a, b, Arc::clone(&prims)));
        prims
    }
}

impl DisplayEdge<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape> for LinkShape {
    fn shapes(&mut self, start: &MirrorNode, end: &MirrorNode, ctx: &DrawContext) -> Vec<Shape> {
        let to_screen = |p: Pos2| (ctx.meta.pan + p.to_vec2() * ctx.meta.zoom).to_pos2();
        let span = Rect::from_two_pos(to_screen(start.location()), to_screen(end.location()));
        if !ctx
            .painter
            .clip_rect()
            .intersects(span.expand(60.0 * ctx.meta.zoom))
        {
            return Vec::new();
        }
        let prims = self.prims(start, end);
        let xf = Xform::new(ctx.meta.zoom, ctx.meta.pan);
        paint::prims_shapes(ctx.ctx, &prims, &xf, &IconSet::default())
    }

    fn update(&mut self, state: &EdgeProps<LinkPayload>) {
        if !Arc::ptr_eq(&self.look, &state.payload.look) {
            self.look = Arc::clone(&state.payload.look);
            self.cache = None;
        }
    }

    fn is_inside(&self, start: &MirrorNode, end: &MirrorNode, pos: Pos2) -> bool {
        let (fc, fs) = end_geometry(start);
        let (tc, ts) = end_geometry(end);
        let (a, b) = look::link_segment(fc, fs, tc, ts, self.look.state.offset);
        let slop = look::link_width(self.look.link.kind) / 2.0 + 5.0;
        segment_distance(pos, Pos2::new(a.x, a.y), Pos2::new(b.x, b.y)) <= slop
            || self
                .cache
                .as_ref()
                .and_then(|(_, _, p)| look::link_label_rect(p))
                .is_some_and(|r| r.contains(look::Point::new(pos.x, pos.y)))
    }
}

type Mirror = Graph<NodePayload, LinkPayload, Directed, DefaultIx, NodeShape, LinkShape>;

fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 > 1e-9 {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).length()
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
    icons: IconTextures,
    zoom: f32,
    /// Screen offset of the canvas origin from the widget's top-left corner (`egui_graphs`' pan).
    pan: Vec2,
    rect: Option<Rect>,
    pending: Option<PendingView>,
    gesture: Gesture,
    link_source: Option<(NodeId, LinkKind)>,
    hovered: Option<Target>,
    context_target: Option<Target>,
    shown_once: bool,
    last_active: f64,
    last_text_scale: f32,
    ctx: egui::Context,
    graph_top_left: Option<Pos2>,
    /// The node whose name is being edited in place.
    renaming: Option<Renaming>,
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
            icons: IconTextures::load(ctx),
            zoom: 1.0,
            pan: Vec2::ZERO,
            rect: None,
            pending: None,
            gesture: Gesture::Idle,
            link_source: None,
            hovered: None,
            context_target: None,
            shown_once: false,
            last_active: f64::NEG_INFINITY,
            last_text_scale: 1.0,
            ctx: ctx.clone(),
            graph_top_left: None,
            renaming: None,
        }
    }

    /// Brings the mirror up to date with the document. Cheap when nothing changed (one
    /// comparison of the node and link lists); a structural change rebuilds the mirror.
    pub fn sync(&mut self, doc: &Document) {
        if let Some((n, l)) = &self.synced
            && *n == doc.nodes
            && *l == doc.links
        {
            return;
        }
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
        self.synced = Some((doc.nodes.clone(), doc.links.clone()));
        self.mark_active_now();
    }

    fn rebuild(
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

    fn mark_active_now(&mut self) {
        // The next frame uses the graph view and restarts the idle clock; ask for that frame
        // in case the change came from outside a frame (or after this frame's `show`).
        self.last_active = f64::INFINITY;
        self.ctx.request_repaint();
    }

    /// Fit the whole plan into the view.
    pub fn fit(&mut self) {
        match self.rect {
            Some(r) => self.apply_fit(r.size()),
            None => self.pending = Some(PendingView::Fit),
        }
        self.mark_active_now();
    }

    /// Zoom about the centre of the view; the result stays in [`ZOOM_RANGE`].
    pub fn zoom_by(&mut self, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let size = self.rect.map_or(Vec2::new(800.0, 600.0), |r| r.size());
        self.zoom_about((size / 2.0).to_pos2(), self.zoom * factor);
        self.mark_active_now();
    }

    /// The current zoom (screen points per canvas unit).
    #[must_use]
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The visible region in canvas coordinates (as saved in presentation views).
    #[must_use]
    pub fn camera(&self) -> Camera {
        let size = self.rect.map_or(Vec2::new(800.0, 600.0), |r| r.size());
        let min = (-self.pan) / self.zoom;
        Camera {
            x: f64::from(min.x),
            y: f64::from(min.y),
            width: f64::from(size.x / self.zoom),
            height: f64::from(size.y / self.zoom),
        }
    }

    /// Show this region of the canvas, as large as fits (zoom clamped).
    pub fn set_camera(&mut self, cam: Camera) {
        match self.rect {
            Some(r) => self.apply_camera(r.size(), cam),
            None => self.pending = Some(PendingView::Camera(cam)),
        }
        self.mark_active_now();
    }

    /// Brings these nodes into view (a finding was clicked): centres them, zooming out only
    /// when they do not fit.
    pub fn reveal(&mut self, nodes: &[NodeId]) {
        match self.rect {
            Some(r) => self.apply_reveal(r.size(), nodes),
            None => self.pending = Some(PendingView::Reveal(nodes.to_vec())),
        }
        self.mark_active_now();
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

    // -- camera arithmetic (pan is relative to the widget's top-left corner) --

    fn zoom_about(&mut self, local: Pos2, new_zoom: f32) {
        let new_zoom = new_zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        if !new_zoom.is_finite() || (new_zoom - self.zoom).abs() < f32::EPSILON {
            return;
        }
        let canvas = (local.to_vec2() - self.pan) / self.zoom;
        self.zoom = new_zoom;
        self.pan = local.to_vec2() - canvas * new_zoom;
    }

    fn content_bounds(&self, only: Option<&[NodeId]>) -> Option<Rect> {
        let mut bounds: Option<Rect> = None;
        let ids: Box<dyn Iterator<Item = &NodeId>> = match only {
            Some(list) => Box::new(list.iter()),
            None => Box::new(self.node_order.iter()),
        };
        for id in ids {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let size = look::node_size(&e.node);
            let r = Rect::from_center_size(e.center, Vec2::new(size.0, size.1));
            bounds = Some(bounds.map_or(r, |b| b.union(r)));
        }
        bounds
    }

    fn show_rect(&mut self, size: Vec2, region: Rect, max_zoom: f32) {
        let w = region.width().max(1.0);
        let h = region.height().max(1.0);
        let zoom = (size.x / w)
            .min(size.y / h)
            .min(max_zoom)
            .clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let zoom = if zoom.is_finite() { zoom } else { 1.0 };
        self.zoom = zoom;
        self.pan = size / 2.0 - region.center().to_vec2() * zoom;
    }

    fn apply_fit(&mut self, size: Vec2) {
        if let Some(b) = self.content_bounds(None) {
            self.show_rect(size, b.expand(40.0), 1.5);
        } else {
            self.zoom = 1.0;
            self.pan = size / 2.0;
        }
    }

    fn apply_camera(&mut self, size: Vec2, cam: Camera) {
        let finite = [cam.x, cam.y, cam.width, cam.height]
            .iter()
            .all(|v| v.is_finite());
        if !finite || cam.width <= 0.0 || cam.height <= 0.0 {
            return;
        }
        let r = Rect::from_min_size(
            Pos2::new(cam.x as f32, cam.y as f32),
            Vec2::new(cam.width as f32, cam.height as f32),
        );
        self.show_rect(size, r, *ZOOM_RANGE.end());
    }

    fn apply_reveal(&mut self, size: Vec2, nodes: &[NodeId]) {
        let Some(b) = self.content_bounds(Some(nodes)) else {
            return;
        };
        let b = b.expand(60.0);
        let visible = Rect::from_min_size((-self.pan / self.zoom).to_pos2(), size / self.zoom);
        if visible.contains_rect(b) {
            return;
        }
        self.show_rect(size, b, self.zoom);
    }

    fn set_mirror_location(&mut self, id: &NodeId, p: Pos2) {
        if let Some(e) = self.nodes.get(id)
            && let Some(n) = self.graph.node_mut(e.idx)
        {
            n.set_location(p);
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
        self.node_order
            .iter()
            .rev()
            .filter(|id| selection.nodes.contains(*id))
            .find(hit)
            .or_else(|| self.node_order.iter().rev().find(hit))
            .cloned()
    }

    fn link_at(&self, p: Pos2) -> Option<LinkId> {
        self.link_order.iter().rev().find_map(|id| {
            let e = self.links.get(id)?;
            let (a, b) = self.graph.edge_endpoints(e.idx)?;
            let (a, b) = (self.graph.node(a)?, self.graph.node(b)?);
            let disp = self.graph.edge(e.idx)?.display();
            disp.is_inside(a, b, p).then(|| id.clone())
        })
    }

    fn target_at(&self, p: Pos2, selection: &Selection) -> Option<Target> {
        self.node_at(p, selection)
            .map(Target::Node)
            .or_else(|| self.link_at(p).map(Target::Link))
    }

    fn to_canvas(&self, screen: Pos2) -> Pos2 {
        let origin = self.rect.map_or(Pos2::ZERO, |r| r.min);
        ((screen - origin - self.pan) / self.zoom).to_pos2()
    }

    fn to_screen(&self, canvas: Pos2) -> Pos2 {
        let origin = self.rect.map_or(Pos2::ZERO, |r| r.min);
        origin + self.pan + canvas.to_vec2() * self.zoom
    }

    // -- looks --

    /// Recomputes node and link states (selection, hover, findings, dimming) and the looks
    /// of those whose state or data changed.
    /// Returns whether any look changed.
    fn refresh_looks(
        &mut self,
        findings: &[Finding],
        selection: &Selection,
        opts: &CanvasOptions,
    ) -> bool {
        let mut changed = false;
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
        for (id, e) in &mut self.nodes {
            let state = NodeState {
                severity: node_sev.get(id).copied(),
                selected: selection.nodes.contains(id),
                hovered: self.hovered.as_ref() == Some(&Target::Node(id.clone())),
                dimmed: opts
                    .highlight
                    .as_ref()
                    .is_some_and(|(n, _)| !n.contains(id)),
                text_scale: 1.0,
            };
            if state != e.state || e.dirty || rescale {
                changed = true;
                e.state = state;
                e.dirty = false;
                e.look = Arc::new(NodeLook {
                    size: look::node_size(&e.node),
                    prims: look::node_prims_at(&e.node, look::Point::new(0.0, 0.0), &state),
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
                hovered: self.hovered.as_ref() == Some(&Target::Link(id.clone())),
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
                });
                if let Some(edge) = self.graph.edge_mut(e.idx) {
                    edge.payload_mut().look = Arc::clone(&e.look);
                    edge.set_selected(state.selected);
                }
            }
        }
        changed
    }

    /// Node locations follow the model except for nodes being dragged.
    fn place_nodes(&mut self) {
        let moving: HashSet<&NodeId> = match &self.gesture {
            Gesture::Move { origin, .. } => origin.iter().map(|(id, _)| id).collect(),
            _ => HashSet::new(),
        };
        for (id, e) in &self.nodes {
            if moving.contains(id) {
                continue;
            }
            if let Some(n) = self.graph.node_mut(e.idx)
                && n.location() != e.center
            {
                n.set_location(e.center);
            }
        }
    }

    // -- the frame --

    /// Draws the canvas filling the available space and returns what the user asked for.
    #[allow(clippy::too_many_lines)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        findings: &[Finding],
        selection: &Selection,
        link_tool: Option<LinkKind>,
        opts: &CanvasOptions,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        self.sync(doc);
        if !opts.editable {
            self.cancel_gesture();
        }
        if let (Some((_, kind)), Some(tool)) = (&self.link_source, link_tool)
            && *kind != tool
        {
            self.link_source = None;
        }

        // Input read before drawing, against last frame's geometry.
        let (now, pointer, modifiers) = ui.input(|i| (i.time, i.pointer.latest_pos(), i.modifiers));
        let over = |p: Pos2| self.rect.is_none_or(|r| r.contains(p));
        let input_here = ui.input(|i| {
            i.pointer.any_down()
                || i.pointer.any_released()
                || (i.pointer.latest_pos().is_some_and(over) && !i.events.is_empty())
        });
        // Only input counts: a gesture waiting for the pointer to move (a link source clicked,
        // a drag held still) is drawn as well by the idle frames.
        if input_here {
            self.last_active = now;
        }
        if self.last_active == f64::INFINITY {
            self.last_active = now;
        }

        // Hover, for the look and the tooltips.
        self.hovered = pointer
            .filter(|p| self.rect.is_some_and(|r| r.contains(*p)))
            .and_then(|p| {
                let c = self.to_canvas(p);
                self.target_at(c, selection)
            });
        if ui.ctx().dragged_id().is_some() && !matches!(self.gesture, Gesture::Idle) {
            self.hovered = None;
        }

        // A press starts a gesture: decided here so the graph view's pan can be switched off
        // for the whole press.
        let pressed = ui.input(|i| {
            i.pointer
                .button_pressed(PointerButton::Primary)
                .then(|| i.pointer.press_origin())
                .flatten()
        });
        let in_rename_field = |p: Pos2| {
            self.renaming
                .as_ref()
                .and_then(|r| r.rect)
                .is_some_and(|r| r.contains(p))
        };
        if let Some(press) = pressed
            && self.rect.is_some_and(|r| r.contains(press))
            && !in_rename_field(press)
            && opts.editable
            && !egui::Popup::is_any_open(ui.ctx())
        {
            let c = self.to_canvas(press);
            let hit = self.node_at(c, selection);
            let tool = self.link_source.as_ref().map(|(_, k)| *k).or(link_tool);
            match (tool, hit) {
                (Some(kind), Some(node)) if self.link_source.is_none() => {
                    match edit::can_start(doc, kind, &node) {
                        Ok(()) => {
                            self.gesture = Gesture::Link {
                                press,
                                from: node,
                                kind,
                            }
                        }
                        Err(e) => actions.push(CanvasAction::Status(e.reason())),
                    }
                }
                (None, Some(node)) => {
                    let group: Vec<NodeId> =
                        if selection.nodes.contains(&node) && !modifiers.command {
                            self.node_order
                                .iter()
                                .filter(|id| selection.nodes.contains(*id))
                                .cloned()
                                .collect()
                        } else {
                            vec![node]
                        };
                    let origin = group
                        .iter()
                        .filter_map(|id| Some((id.clone(), self.mirror_location(id)?)))
                        .collect();
                    self.gesture = Gesture::Move {
                        press,
                        origin,
                        dragging: false,
                    };
                }
                (None, None) if modifiers.shift => {
                    self.gesture = Gesture::Boxing {
                        start: c,
                        additive: modifiers.command,
                    };
                }
                // With a tool the release finishes a click-click link; a plain press on empty
                // space is the graph view's pan.
                (Some(_), _) | (None, None) => {}
            }
        }

        // Looks and places are brought up to date before drawing, so whatever changed before
        // this frame (a selection from a panel, a finding) is drawn in it.
        if self.refresh_looks(findings, selection, opts) {
            self.last_active = now;
        }
        self.place_nodes();

        let first = !self.shown_once;
        let active = first || now - self.last_active < IDLE_AFTER;
        // egui_graphs keeps per-widget state (and fits the view on a widget's first frame)
        // under the widget's automatic id, which shifts whenever something is drawn before
        // the canvas (the "could not open" banner coming or going). A scope with an id of its
        // own keeps it, so the view is never refitted behind the canvas's back; and the graph
        // view and the still frames share it, so a context menu survives the switch.
        let scope = egui::UiBuilder::new().id(egui::Id::new(&self.view_id));
        let resp = ui
            .scope_builder(scope, |ui| {
                if active {
                    self.show_graph_view(ui, opts, first)
                } else {
                    self.show_still(ui, opts)
                }
            })
            .inner;
        let rect = resp.rect;
        if self.rect.map(|r| r.size()) != Some(rect.size())
            && let Some(p) = self.pending.take()
        {
            match p {
                PendingView::Fit => self.apply_fit(rect.size()),
                PendingView::Camera(c) => self.apply_camera(rect.size(), c),
                PendingView::Reveal(n) => self.apply_reveal(rect.size(), &n),
            }
        }
        self.rect = Some(rect);
        if first {
            self.shown_once = true;
            // egui_graphs fits the view to the graph on its first frame whatever the settings:
            // put our camera back and redo the pass so that frame is never seen.
            self.store_meta(ui);
            ui.ctx()
                .request_discard("canvas: undo egui_graphs' first-frame fit");
        }

        self.handle_pointer(ui, &resp, doc, selection, link_tool, opts, &mut actions);
        self.handle_keys(ui, link_tool, &mut actions);
        self.paint_overlay(ui, rect);
        let refused = if opts.editable {
            self.paint_link_end_hint(ui, rect, doc, selection, link_tool)
        } else {
            false
        };
        if refused {
            // Also while dragging, when egui hovers no widget.
            ui.ctx().set_cursor_icon(egui::CursorIcon::NotAllowed);
        } else if opts.editable && resp.hovered() {
            let drawing = link_tool.is_some() || self.is_drawing_link();
            match (&self.hovered, &self.gesture) {
                (_, Gesture::Move { dragging: true, .. }) => {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
                (Some(Target::Node(_)), _) if drawing => {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
                }
                (Some(_), _) => ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand),
                (None, _) => {}
            }
        }
        self.accessibility(ui, rect, findings, opts);
        self.context_menu(&resp, doc, opts, &mut actions);
        if opts.editable {
            self.rename_field(ui, doc, &mut actions);
        } else {
            self.renaming = None;
        }
        actions
    }

    fn store_meta(&self, ui: &mut Ui) {
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        meta.zoom = self.zoom;
        meta.pan = self.pan;
        meta.save(ui);
    }

    fn show_graph_view(&mut self, ui: &mut Ui, opts: &CanvasOptions, first: bool) -> Response {
        // Nodes being moved are marked dragged so the view neither pans nor draws them below
        // others; selection flags were set by `refresh_looks`.
        let moving: HashSet<NodeId> = match &self.gesture {
            Gesture::Move {
                origin,
                dragging: true,
                ..
            } => origin.iter().map(|(id, _)| id.clone()).collect(),
            _ => HashSet::new(),
        };
        for (id, e) in &self.nodes {
            if let Some(n) = self.graph.node_mut(e.idx) {
                n.set_dragged(moving.contains(id));
            }
        }
        self.store_meta(ui);
        let own_gesture = !matches!(self.gesture, Gesture::Idle);
        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(false)
            .with_hover_enabled(false)
            .with_node_clicking_enabled(false)
            .with_node_selection_enabled(false)
            .with_edge_clicking_enabled(false)
            .with_edge_selection_enabled(false);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(!own_gesture)
            .with_zoom_speed(0.1);
        let style = SettingsStyle::new().with_labels_always(true);
        if opts.presentation {
            ui.painter().rect_filled(
                ui.available_rect_before_wrap(),
                0.0,
                paint::color(look::Rgba::WHITE),
            );
        }
        let out = GraphView::<StillState, Still>::new()
            .with_id(Some(self.view_id.clone()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut self.graph);
        let meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        // On the first frame the view has fitted itself to the graph: ignore that.
        if !first && meta.zoom.is_finite() && meta.pan.x.is_finite() && meta.pan.y.is_finite() {
            self.zoom = meta.zoom;
            self.pan = meta.pan;
        }
        // When the widget moved (a side panel opened), egui_graphs shifts its pan by the move;
        // the canvas keeps its own pan relative to the widget instead, as the idle frames do.
        let top_left = out.response.rect.min;
        if !first
            && let Some(old) = self.graph_top_left
            && old != top_left
        {
            self.pan -= top_left - old;
            self.store_meta(ui);
        }
        self.graph_top_left = Some(top_left);
        // Clamp the zoom about the pointer (or the centre) and keep the view's copy in step.
        if !ZOOM_RANGE.contains(&self.zoom) {
            let local = ui
                .input(|i| i.pointer.latest_pos())
                .filter(|p| out.response.rect.contains(*p))
                .map_or(out.response.rect.size() / 2.0, |p| {
                    p - out.response.rect.min
                });
            let target = self.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
            self.zoom_about(local.to_pos2(), target);
            self.store_meta(ui);
        }
        out.response
    }

    /// The idle frame: the same display lists painted without the graph view.
    fn show_still(&mut self, ui: &mut Ui, opts: &CanvasOptions) -> Response {
        let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        if opts.presentation {
            painter.rect_filled(resp.rect, 0.0, paint::color(look::Rgba::WHITE));
        }
        let mut meta = MetadataFrame::new(None);
        meta.zoom = self.zoom;
        meta.pan = self.pan + resp.rect.min.to_vec2();
        let style = SettingsStyle::new().with_labels_always(true);
        let ctx = ui.ctx().clone();
        let draw = DrawContext {
            ctx: &ctx,
            painter: &painter,
            style: &style,
            is_directed: true,
            meta: &meta,
        };
        let mut on_top = Vec::new();
        for id in &self.link_order {
            let Some(e) = self.links.get(id) else {
                continue;
            };
            let Some((a, b)) = self.graph.edge_endpoints(e.idx) else {
                continue;
            };
            let (Some(a), Some(b)) = (self.graph.node(a).cloned(), self.graph.node(b).cloned())
            else {
                continue;
            };
            let Some(edge) = self.graph.edge_mut(e.idx) else {
                continue;
            };
            let props = edge.props().clone();
            edge.display_mut().update(&props);
            let selected = edge.selected();
            let shapes = edge.display_mut().shapes(&a, &b, &draw);
            if selected {
                on_top.extend(shapes);
            } else {
                painter.extend(shapes);
            }
        }
        for id in &self.node_order {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let Some(n) = self.graph.node_mut(e.idx) else {
                continue;
            };
            let props = n.props().clone();
            n.display_mut().update(&props);
            let selected = n.selected();
            let shapes = n.display_mut().shapes(&draw);
            if selected {
                on_top.extend(shapes);
            } else {
                painter.extend(shapes);
            }
        }
        painter.extend(on_top);
        // The view's own zoom keys and pan need the graph view: any input switches back.
        resp
    }

    #[allow(clippy::too_many_arguments, clippy::too_many_lines)]
    fn handle_pointer(
        &mut self,
        ui: &Ui,
        resp: &Response,
        doc: &Document,
        selection: &Selection,
        link_tool: Option<LinkKind>,
        opts: &CanvasOptions,
        actions: &mut Vec<CanvasAction>,
    ) {
        let (pointer, released, modifiers, scroll) = ui.input(|i| {
            (
                i.pointer.latest_pos(),
                i.pointer.primary_released(),
                i.modifiers,
                i.smooth_scroll_delta,
            )
        });

        // Plain wheel pans (Ctrl+wheel zooms in the graph view).
        if resp.hovered() && !modifiers.command && scroll != Vec2::ZERO {
            self.pan += scroll;
            ui.ctx().request_repaint();
        }

        // Palette drop. Taking a payload of the wrong type drops it, so ask for the right one.
        let carries_server = egui::DragAndDrop::has_payload_of_type::<PaletteServer>(ui.ctx());
        if opts.editable
            && !carries_server
            && let Some(drop) = resp.dnd_release_payload::<PaletteDrop>()
            && let Some(p) = pointer
        {
            let c = self.to_canvas(p);
            actions.push(CanvasAction::AddNode {
                kind: drop.0,
                pos: self.free_spot(c, None),
            });
            return;
        }
        if opts.editable
            && let Some(drop) = resp.dnd_release_payload::<PaletteServer>()
            && let Some(p) = pointer
        {
            let c = self.to_canvas(p);
            actions.push(CanvasAction::AddServer {
                version: drop.0,
                pos: self.free_spot(c, None),
            });
            return;
        }

        // Gesture progress.
        match &mut self.gesture {
            Gesture::Move {
                press,
                origin,
                dragging,
            } => {
                if let Some(p) = pointer {
                    let d = p - *press;
                    if !*dragging && d.length() > CLICK_SLOP {
                        *dragging = true;
                    }
                    if *dragging {
                        let delta = d / self.zoom;
                        let moves: Vec<(NodeId, Pos2)> = origin
                            .iter()
                            .map(|(id, o)| (id.clone(), *o + delta))
                            .collect();
                        for (id, at) in moves {
                            self.set_mirror_location(&id, at);
                        }
                    }
                }
            }
            Gesture::Link { .. } | Gesture::Boxing { .. } | Gesture::Idle => {}
        }

        let clicked_at = (resp.clicked()
            || (released && matches!(self.gesture, Gesture::Idle) && resp.hovered()))
        .then_some(pointer)
        .flatten();
        if released {
            let gesture = std::mem::replace(&mut self.gesture, Gesture::Idle);
            match gesture {
                Gesture::Move {
                    origin,
                    dragging: true,
                    ..
                } => {
                    let mut moves = Vec::new();
                    for (id, _) in &origin {
                        let (Some(e), Some(at)) = (self.nodes.get(id), self.mirror_location(id))
                        else {
                            continue;
                        };
                        if (at - e.center).length() > 0.01 {
                            let free = self.free_spot(at, Some(id));
                            moves.push((id.clone(), free));
                        }
                    }
                    if !moves.is_empty() {
                        actions.push(CanvasAction::MoveNodes(moves));
                    }
                    return;
                }
                Gesture::Move {
                    origin,
                    dragging: false,
                    ..
                } => {
                    for (id, o) in origin {
                        self.set_mirror_location(&id, o);
                    }
                    if let Some(p) = pointer {
                        let c = self.to_canvas(p);
                        match self.node_at(c, selection) {
                            Some(id) if resp.double_clicked() => {
                                self.begin_rename(id, actions);
                            }
                            _ => self.click(c, selection, modifiers.command, actions),
                        }
                    }
                    return;
                }
                Gesture::Link { press, from, kind } => {
                    let Some(p) = pointer else { return };
                    let target = self.node_at(self.to_canvas(p), selection);
                    if (p - press).length() <= CLICK_SLOP && target.as_ref() == Some(&from) {
                        // A click on the source: wait for the click on the target.
                        self.link_source = Some((from, kind));
                        return;
                    }
                    if let Some(to) = target {
                        Self::finish_link(doc, kind, &from, &to, actions);
                    }
                    return;
                }
                Gesture::Boxing { start, additive } => {
                    if let Some(p) = pointer {
                        let r = Rect::from_two_pos(start, self.to_canvas(p));
                        let mut sel = if additive {
                            selection.clone()
                        } else {
                            Selection::default()
                        };
                        for id in &self.node_order {
                            let Some(e) = self.nodes.get(id) else {
                                continue;
                            };
                            let cr = Rect::from_center_size(
                                e.center,
                                Vec2::new(e.look.size.0, e.look.size.1),
                            );
                            if r.intersects(cr) {
                                sel.nodes.insert(id.clone());
                            }
                        }
                        for id in &self.link_order {
                            let Some(e) = self.links.get(id) else {
                                continue;
                            };
                            if sel.nodes.contains(&e.link.from) && sel.nodes.contains(&e.link.to) {
                                sel.links.insert(id.clone());
                            }
                        }
                        actions.push(CanvasAction::SetSelection(sel));
                    }
                    return;
                }
                Gesture::Idle => {}
            }
        }

        if resp.double_clicked()
            && opts.editable
            && let Some(p) = pointer
            && let Some(id) = self.node_at(self.to_canvas(p), selection)
        {
            self.begin_rename(id, actions);
            return;
        }

        if let Some(p) = clicked_at
            && resp.clicked()
        {
            let c = self.to_canvas(p);
            if let Some((from, kind)) = self.link_source.clone() {
                if let Some(to) = self.node_at(c, selection) {
                    if to != from {
                        Self::finish_link(doc, kind, &from, &to, actions);
                        self.link_source = None;
                    }
                } else {
                    self.link_source = None;
                }
                return;
            }
            if link_tool.is_some() && opts.editable && self.node_at(c, selection).is_some() {
                return; // the press already answered (a refused start)
            }
            self.click(c, selection, modifiers.command, actions);
        }

        if resp.secondary_clicked()
            && let Some(p) = pointer
        {
            let c = self.to_canvas(p);
            self.context_target = self.target_at(c, selection);
            match &self.context_target {
                Some(Target::Node(id)) if !selection.nodes.contains(id) => {
                    actions.push(CanvasAction::SetSelection(Selection::node(id.clone())));
                }
                Some(Target::Link(id)) if !selection.links.contains(id) => {
                    actions.push(CanvasAction::SetSelection(Selection::link(id.clone())));
                }
                _ => {}
            }
        }
    }

    fn click(&self, c: Pos2, selection: &Selection, toggle: bool, actions: &mut Vec<CanvasAction>) {
        let next = match self.target_at(c, selection) {
            Some(Target::Node(id)) if toggle => {
                let mut s = selection.clone();
                s.toggle_node(id);
                s
            }
            Some(Target::Link(id)) if toggle => {
                let mut s = selection.clone();
                s.toggle_link(id);
                s
            }
            Some(Target::Node(id)) => Selection::node(id),
            Some(Target::Link(id)) => Selection::link(id),
            None if toggle => return,
            None => Selection::default(),
        };
        if next != *selection {
            actions.push(CanvasAction::SetSelection(next));
        }
    }

    fn finish_link(
        doc: &Document,
        kind: LinkKind,
        from: &NodeId,
        to: &NodeId,
        actions: &mut Vec<CanvasAction>,
    ) {
        match edit::connect(doc, kind, from, to) {
            Ok(_) => actions.push(CanvasAction::Connect {
                kind,
                from: from.clone(),
                to: to.clone(),
            }),
            Err(e) => actions.push(CanvasAction::Status(e.reason())),
        }
    }

    /// `at`, or the nearest point down and to the right that is not exactly another node's
    /// centre (two nodes at one point confuse hit-testing and the eye).
    fn free_spot(&self, at: Pos2, except: Option<&NodeId>) -> Pos {
        let taken: HashSet<(i64, i64)> = self
            .nodes
            .iter()
            .filter(|(id, _)| Some(*id) != except)
            .map(|(id, e)| {
                self.mirror_location(id)
                    .filter(|_| except.is_some())
                    .unwrap_or(e.center)
            })
            .map(|p| ((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64))
            .collect();
        let mut p = Pos {
            x: f64::from(at.x),
            y: f64::from(at.y),
        };
        for _ in 0..1000 {
            if !taken.contains(&((p.x * 2.0).round() as i64, (p.y * 2.0).round() as i64)) {
                break;
            }
            p.x += NUDGE;
            p.y += NUDGE;
        }
        p
    }

    fn handle_keys(
        &mut self,
        ui: &Ui,
        link_tool: Option<LinkKind>,
        actions: &mut Vec<CanvasAction>,
    ) {
        let esc = ui.input(|i| i.key_pressed(Key::Escape));
        let typing = ui.ctx().memory(|m| m.focused().is_some());
        if esc
            && !typing
            && (!matches!(self.gesture, Gesture::Idle)
                || self.link_source.is_some()
                || link_tool.is_some())
        {
            self.cancel_gesture();
            actions.push(CanvasAction::CancelGesture);
        }
    }

    fn paint_overlay(&self, ui: &Ui, rect: Rect) {
        let painter = ui.painter_at(rect);
        let stroke = Stroke::new(1.5, paint::color(look::SELECTION));
        let cursor = ui.input(|i| i.pointer.latest_pos());
        let source = match &self.gesture {
            Gesture::Link { from, .. } => Some(from),
            _ => self.link_source.as_ref().map(|(f, _)| f),
        };
        if let (Some(from), Some(p)) = (source, cursor)
            && let Some(a) = self.mirror_location(from)
        {
            let a = self.to_screen(a);
            painter.add(Shape::dashed_line(&[a, p], stroke, 6.0, 4.0));
            painter.circle_filled(p, 3.0, stroke.color);
        }
        if let (Gesture::Boxing { start, .. }, Some(p)) = (&self.gesture, cursor) {
            let r = Rect::from_two_pos(self.to_screen(*start), p);
            painter.rect(
                r,
                0.0,
                stroke.color.gamma_multiply(0.12),
                stroke,
                egui::StrokeKind::Inside,
            );
        }
    }

    /// Whether the node under the pointer can be the link's next end, while a link tool is
    /// picked: the start (no source yet) or the target (dragging, or a source clicked). The
    /// node is outlined in the selection colour when it can; when it cannot, in the error
    /// colour with the reason beside the pointer, before the user lets go. Returns whether the
    /// node was refused.
    fn paint_link_end_hint(
        &self,
        ui: &Ui,
        rect: Rect,
        doc: &Document,
        selection: &Selection,
        link_tool: Option<LinkKind>,
    ) -> bool {
        let Some(p) = ui
            .input(|i| i.pointer.latest_pos())
            .filter(|p| rect.contains(*p))
        else {
            return false;
        };
        let source = match &self.gesture {
            Gesture::Link { from, kind, .. } => Some((from, *kind)),
            _ => self.link_source.as_ref().map(|(f, k)| (f, *k)),
        };
        let Some(node) = self.node_at(self.to_canvas(p), selection) else {
            return false;
        };
        let verdict = match (source, link_tool) {
            (Some((from, _)), _) if *from == node => return false,
            (Some((from, kind)), _) => edit::connect(doc, kind, from, &node).map(|_| ()),
            (None, Some(kind)) => edit::can_start(doc, kind, &node),
            (None, None) => return false,
        };
        let Some(card) = self.node_screen_rect(&node) else {
            return false;
        };
        let painter = ui.painter_at(rect);
        let ok = paint::color(look::SELECTION);
        let refused = paint::color(look::severity_color(Severity::Error));
        let color = if verdict.is_ok() { ok } else { refused };
        painter.rect_stroke(
            card.expand(3.0),
            8.0 * self.zoom + 3.0,
            Stroke::new(2.5, color),
            egui::StrokeKind::Outside,
        );
        let Err(refusal) = verdict else {
            return false;
        };
        let galley = painter.layout(
            refusal.reason(),
            egui::FontId::proportional(12.5),
            ui.visuals().text_color(),
            HINT_WRAP_WIDTH,
        );
        let pad = Vec2::new(8.0, 5.0);
        let mut bubble = Rect::from_min_size(p + Vec2::new(16.0, 18.0), galley.size() + pad * 2.0);
        // Keep the bubble inside the canvas: flip it to the other side of the pointer.
        if bubble.max.x > rect.max.x {
            bubble = bubble.translate(Vec2::new(-bubble.width() - 28.0, 0.0));
        }
        if bubble.max.y > rect.max.y {
            bubble = bubble.translate(Vec2::new(0.0, -bubble.height() - 30.0));
        }
        painter.rect(
            bubble,
            4.0,
            ui.visuals().extreme_bg_color,
            Stroke::new(1.5, refused),
            egui::StrokeKind::Inside,
        );
        painter.galley(bubble.min + pad, galley, refused);
        true
    }

    /// Every visible node (and link label) becomes an AccessKit button named after it, with a
    /// tooltip listing its findings.
    fn accessibility(&self, ui: &Ui, rect: Rect, findings: &[Finding], opts: &CanvasOptions) {
        let messages = |pick: &dyn Fn(&Finding) -> bool| -> Vec<(Severity, String)> {
            if !opts.show_findings {
                return Vec::new();
            }
            findings
                .iter()
                .filter(|f| pick(f))
                .map(|f| (f.severity, f.message.clone()))
                .collect()
        };
        for id in &self.node_order {
            let Some(e) = self.nodes.get(id) else {
                continue;
            };
            let Some(r) = self.node_screen_rect(id) else {
                continue;
            };
            if !r.intersects(rect) {
                continue;
            }
            let r = r.intersect(rect);
            let resp = ui.interact(
                r,
                Id::new((&self.view_id, "node", id.as_str())),
                Sense::hover(),
            );
            resp.widget_info(|| WidgetInfo::labeled(WidgetType::Button, true, &e.node.name));
            let list = messages(&|f| f.nodes.contains(id));
            if !list.is_empty() {
                resp.on_hover_ui(|ui| finding_tooltip(ui, &list));
            }
        }
        for id in &self.link_order {
            let Some(e) = self.links.get(id) else {
                continue;
            };
            let Some(edge) = self.graph.edge(e.idx) else {
                continue;
            };
            let Some(label) = edge
                .display()
                .cache
                .as_ref()
                .and_then(|(_, _, p)| look::link_label_rect(p))
            else {
                continue;
            };
            let r = Rect::from_two_pos(
                self.to_screen(Pos2::new(label.min.x, label.min.y)),
                self.to_screen(Pos2::new(label.max.x, label.max.y)),
            );
            if !r.intersects(rect) {
                continue;
            }
            let resp = ui.interact(
                r.intersect(rect),
                Id::new((&self.view_id, "link", id.as_str())),
                Sense::hover(),
            );
            let name_of = |n: &NodeId| {
                self.nodes
                    .get(n)
                    .map_or_else(|| n.to_string(), |e| e.node.name.clone())
            };
            resp.widget_info(|| {
                let text = format!(
                    "{} from {} to {}",
                    e.link.kind.label(),
                    name_of(&e.link.from),
                    name_of(&e.link.to)
                );
                WidgetInfo::labeled(WidgetType::Button, true, text)
            });
            let list = messages(&|f| f.links.contains(id));
            if !list.is_empty() {
                resp.on_hover_ui(|ui| finding_tooltip(ui, &list));
            }
        }
    }

    fn context_menu(
        &mut self,
        resp: &Response,
        doc: &Document,
        opts: &CanvasOptions,
        actions: &mut Vec<CanvasAction>,
    ) {
        let target = self.context_target.clone();
        let mut start_link = None;
        let mut rename = None;
        let mut fit = false;
        resp.context_menu(|ui| match &target {
            Some(Target::Node(id)) if opts.editable => {
                let Some(node) = doc.node(id.as_str()) else {
                    ui.close();
                    return;
                };
                ui.label(egui::RichText::new(&node.name).strong());
                for kind in LinkKind::ALL {
                    if kind.allowed_from().contains(&node.kind)
                        && ui
                            .button(format!("Draw {} from here", kind.label().to_lowercase()))
                            .clicked()
                    {
                        start_link = Some((id.clone(), kind));
                        ui.close();
                    }
                }
                ui.separator();
                if ui.button("Rename").clicked() {
                    rename = Some(id.clone());
                    ui.close();
                }
                if ui.button("Delete").clicked() {
                    actions.push(CanvasAction::DeleteSelection);
                    ui.close();
                }
            }
            Some(Target::Link(_)) if opts.editable => {
                if ui.button("Delete").clicked() {
                    actions.push(CanvasAction::DeleteSelection);
                    ui.close();
                }
            }
            _ => {
                if ui.button("Fit to view").clicked() {
                    fit = true;
                    ui.close();
                }
            }
        });
        if let Some((from, kind)) = start_link {
            self.link_source = Some((from.clone(), kind));
            actions.push(CanvasAction::ContextLink { from, kind });
        }
        if let Some(id) = rename {
            self.begin_rename(id, actions);
        }
        if fit {
            self.fit();
        }
    }

    /// Selects the node alone and opens its rename field.
    fn begin_rename(&mut self, id: NodeId, actions: &mut Vec<CanvasAction>) {
        actions.push(CanvasAction::SetSelection(Selection::node(id.clone())));
        self.start_rename(id);
    }

    /// The in-place rename field, laid over the name on the node's card and sized to the zoom.
    fn rename_field(&mut self, ui: &Ui, doc: &Document, actions: &mut Vec<CanvasAction>) {
        let Some(Renaming { id, focus, .. }) = self.renaming.clone() else {
            return;
        };
        let (Some(node), Some(entry)) = (doc.node(id.as_str()), self.nodes.get(&id)) else {
            // The node went away (an undo from the menu): nothing left to rename.
            self.renaming = None;
            return;
        };
        let at = self.mirror_location(&id).unwrap_or(entry.center);
        let line = look::name_rect(node, look::Point::new(at.x, at.y));
        let min = self.to_screen(Pos2::new(line.min.x, line.min.y));
        let max = self.to_screen(Pos2::new(line.max.x, line.max.y));
        // Never narrower than a short name needs, whatever the zoom.
        let size = Vec2::new((max.x - min.x).max(RENAME_MIN_WIDTH), max.y - min.y);
        let font = egui::FontId::proportional((look::NAME_SIZE * self.zoom).clamp(11.0, 28.0));
        let mut committed = None;
        let mut open = true;
        let shown = egui::Area::new(egui::Id::new((&self.view_id, "rename")))
            .order(egui::Order::Foreground)
            .fixed_pos(Pos2::new(
                min.x - 4.0,
                min.y + size.y / 2.0 - font.size * 0.75 - 4.0,
            ))
            .show(ui.ctx(), |ui| {
                ui.style_mut().override_font_id = Some(font);
                ui.set_width(size.x + 8.0);
                let key = egui::Id::new((&self.view_id, "rename", id.as_str()));
                let (response, text) =
                    widgets::commit_text(ui, key, &node.name, "a name", 1, focus);
                committed = text;
                open = ui.memory(|m| m.has_focus(response.id));
            });
        if let Some(name) = committed {
            actions.push(CanvasAction::Rename {
                id: id.clone(),
                name,
            });
        }
        self.renaming = open.then_some(Renaming {
            id,
            focus: false,
            rect: Some(shown.response.rect),
        });
    }
}

fn finding_tooltip(ui: &mut Ui, list: &[(Severity, String)]) {
    for (sev, msg) in list {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                paint::color(look::severity_color(*sev)),
                look::severity_label(*sev),
            );
            ui.label(msg);
        });
    }
}
