//! One frame of the designer canvas with a 1,000-node and a 5,000-node plan (zones and the
//! snap grid included): UI work (`run_ui`) plus tessellation, headless. Budget: under 8 ms at
//! 1,000 nodes and under 16 ms at 5,000 in every view, in release.
//!
//! - `graph_view`: the pointer moves over the canvas, so `egui_graphs`' `GraphView` draws;
//! - `still`: nothing happens, so the canvas repaints its display lists itself;
//! - `*_fit`: the whole plan in view (drawn plain: one kept mesh); `*_zoom_0.45`: about 300
//!   nodes in view (1,000) or more (5,000), near the smallest zoom with names and icons (the
//!   worst case); `*_zoom_0.25`: plain drawing with part of the plan in view; otherwise zoom 1,
//!   where the visible part has every label. Links are routed and the zones drawn throughout.
//!
//! `FRAME_STATS=1` prints, per frame, the zoom, the time of the UI pass and of tessellation,
//! and the shapes, meshes and vertices.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, Vec2};
use hybrid_designer::edit::Selection;
use hybrid_designer::model::Document;
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::rules::validate;
use hybrid_designer::ui::canvas::{Canvas, CanvasOptions};
use std::hint::black_box;

const SCREEN: Vec2 = Vec2::new(1600.0, 1000.0);

struct Bench {
    ctx: egui::Context,
    canvas: Option<Canvas>,
    doc: Document,
    findings: Vec<hybrid_designer::rules::Finding>,
    selection: Selection,
    opts: CanvasOptions,
    time: f64,
    wiggle: f32,
}

impl Bench {
    fn new(servers: usize, fit: bool, zoom: Option<f32>) -> Self {
        let doc = synthetic_plan(servers);
        let findings = validate(&doc);
        let mut b = Self {
            ctx: egui::Context::default(),
            canvas: None,
            doc,
            findings,
            selection: Selection::default(),
            opts: CanvasOptions::editor(),
            time: 0.0,
            wiggle: 0.0,
        };
        b.frame(true);
        if fit {
            b.canvas.as_mut().expect("canvas").fit();
        }
        if let Some(z) = zoom {
            let c = b.canvas.as_mut().expect("canvas");
            c.zoom_by(z / c.zoom());
        }
        for _ in 0..3 {
            b.frame(true);
        }
        b
    }

    /// One frame; `moving` sends a pointer movement over the canvas.
    fn frame(&mut self, moving: bool) -> usize {
        self.time += 1.0;
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            ..RawInput::default()
        };
        if moving {
            self.wiggle = if self.wiggle > 0.0 { -1.0 } else { 1.0 };
            input
                .events
                .push(Event::PointerMoved(Pos2::new(700.0 + self.wiggle, 500.0)));
        }
        let Self {
            ctx,
            canvas,
            doc,
            findings,
            selection,
            opts,
            ..
        } = self;
        let started = std::time::Instant::now();
        let mut out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let canvas = canvas.get_or_insert_with(|| Canvas::new(ui.ctx()));
                // As the designer does: the session's change key, the same while nothing is edited.
                canvas.set_change_key((0, 0));
                black_box(canvas.show(ui, doc, findings, selection, None, opts));
            });
        });
        out.textures_delta.clear();
        let ui_done = started.elapsed();
        let shapes = out.shapes.len();
        let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        if std::env::var_os("FRAME_STATS").is_some() {
            let zoom = self.canvas.as_ref().map_or(0.0, Canvas::zoom);
            eprintln!(
                "zoom {zoom:.3}: ui {ui_done:?}, tessellate {:?}, {shapes} shapes",
                started.elapsed().saturating_sub(ui_done)
            );
            let vertices: usize = prims
                .iter()
                .map(|p| {
                    if let egui::epaint::Primitive::Mesh(m) = &p.primitive {
                        m.vertices.len()
                    } else {
                        0
                    }
                })
                .sum();
            eprintln!("{} meshes, {vertices} vertices", prims.len());
        }
        prims.len()
    }
}

/// Benchmarks one case, building its plan and canvas only when the filter selects it.
fn bench_lazily(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    moving: bool,
    setup: impl Fn() -> Bench,
    min_nodes: usize,
) {
    let mut bench: Option<Bench> = None;
    g.bench_function(name, |timer| {
        let b = bench.get_or_insert_with(&setup);
        assert!(
            b.doc.nodes.len() >= min_nodes,
            "{} nodes",
            b.doc.nodes.len()
        );
        timer.iter(|| black_box(b.frame(moving)));
    });
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    for (name, fit, zoom, moving) in [
        ("graph_view_1000", false, None, true),
        ("graph_view_1000_fit", true, None, true),
        ("graph_view_1000_zoom_0.45", true, Some(0.45), true),
        ("still_1000", false, None, false),
        ("still_1000_fit", true, None, false),
        ("still_1000_zoom_0.45", true, Some(0.45), false),
    ] {
        bench_lazily(&mut g, name, moving, || Bench::new(885, fit, zoom), 1000);
    }
    // Issue 11: 5,000 nodes at 100 %, with the whole plan in view, and in between: 0.45 is
    // the smallest zoom with names and icons, 0.25 the plain drawing with a fifth of the plan
    // in view.
    for (name, fit, zoom, moving) in [
        ("graph_view_5000", false, None, true),
        ("graph_view_5000_fit", true, None, true),
        ("graph_view_5000_zoom_0.45", true, Some(0.45), true),
        ("graph_view_5000_zoom_0.25", true, Some(0.25), true),
        ("still_5000", false, None, false),
        ("still_5000_fit", true, None, false),
        ("still_5000_zoom_0.45", true, Some(0.45), false),
        ("still_5000_zoom_0.25", true, Some(0.25), false),
    ] {
        bench_lazily(&mut g, name, moving, || Bench::new(4425, fit, zoom), 5000);
    }
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
