//! One frame of the designer canvas with a 1,000-node plan: UI work (`run_ui`) plus
//! tessellation, headless. Budget: under 8 ms in release.
//!
//! - `graph_view`: the pointer moves over the canvas, so `egui_graphs`' `GraphView` draws;
//! - `still`: nothing happens, so the canvas repaints its display lists itself;
//! - `*_fit`: the whole plan in view (small text is skipped); otherwise zoom 1, where the
//!   visible part has every label.

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
    fn new(servers: usize, fit: bool) -> Self {
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
            input.events.push(Event::PointerMoved(Pos2::new(700.0 + self.wiggle, 500.0)));
        }
        let Self { ctx, canvas, doc, findings, selection, opts, .. } = self;
        let mut out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let canvas = canvas.get_or_insert_with(|| Canvas::new(ui.ctx()));
                black_box(canvas.show(ui, doc, findings, selection, None, opts));
            });
        });
        out.textures_delta.clear();
        let prims = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        prims.len()
    }
}

fn frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame");
    for (name, fit, moving) in [
        ("graph_view_1000", false, true),
        ("graph_view_1000_fit", true, true),
        ("still_1000", false, false),
        ("still_1000_fit", true, false),
    ] {
        let mut b = Bench::new(885, fit);
        assert!(b.doc.nodes.len() >= 1000, "{} nodes", b.doc.nodes.len());
        g.bench_function(name, |bench| bench.iter(|| black_box(b.frame(moving))));
    }
    g.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
