//! Export speed on a synthetic 1,000-server plan (`model::generate::synthetic_plan`).
//!
//! Budgets: SVG export under 50 ms; PNG export at 1x under 1 s.

use criterion::{Criterion, criterion_group, criterion_main};
use hybrid_designer::export::png::{PngOptions, to_png};
use hybrid_designer::export::svg::{SvgOptions, to_svg};
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
    group.finish();
}

criterion_group!(benches, export_1000_servers);
criterion_main!(benches);
