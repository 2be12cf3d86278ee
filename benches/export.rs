//! Export speed on synthetic plans (`model::generate::synthetic_plan`).
//!
//! Budgets: SVG export of a 1,000-server plan under 50 ms; PNG at 1x under 1 s; PDF handout
//! under 2 s; Visio drawing under 0.5 s; PNG of a 5,000-server plan under 5 s.

use criterion::{Criterion, criterion_group, criterion_main};
use hybrid_designer::export::pdf::{PdfOptions, to_pdf};
use hybrid_designer::export::png::{PngOptions, to_png};
use hybrid_designer::export::svg::{SvgOptions, to_svg};
use hybrid_designer::export::vsdx::to_vsdx;
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::rules::validate;
use std::hint::black_box;

fn export_1000_servers(c: &mut Criterion) {
    let doc = synthetic_plan(1_000);
    let findings = validate(&doc);
    let opts = SvgOptions::default();
    let mut group = c.benchmark_group("export_1000_servers");
    group.bench_function("svg", |b| {
        b.iter(|| to_svg(black_box(&doc), black_box(&findings), &opts));
    });
    group.sample_size(10);
    group.bench_function("png_1x", |b| {
        b.iter(|| {
            to_png(
                black_box(&doc),
                &findings,
                &opts,
                &PngOptions { scale: 1.0 },
            )
            .expect("renders")
        });
    });
    group.bench_function("pdf", |b| {
        let pdf = PdfOptions {
            date: "2026-01-15",
            ..PdfOptions::default()
        };
        b.iter(|| to_pdf(black_box(&doc), &findings, &pdf).expect("pdf"));
    });
    group.bench_function("vsdx", |b| {
        b.iter(|| to_vsdx(black_box(&doc)).expect("vsdx"));
    });
    group.finish();
}

fn export_5000_servers(c: &mut Criterion) {
    let doc = synthetic_plan(5_000);
    let findings = validate(&doc);
    let opts = SvgOptions::default();
    let mut group = c.benchmark_group("export_5000_servers");
    group.sample_size(10);
    group.bench_function("png_1x", |b| {
        b.iter(|| {
            to_png(
                black_box(&doc),
                &findings,
                &opts,
                &PngOptions { scale: 1.0 },
            )
            .expect("renders")
        });
    });
    group.finish();
}

criterion_group!(benches, export_1000_servers, export_5000_servers);
criterion_main!(benches);
