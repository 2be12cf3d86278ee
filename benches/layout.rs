//! Tidy layout speed (issue 11): the layered layout of synthetic plans
//! (`model::generate::synthetic_plan`), and Edit → Tidy layout's whole command on the
//! 1,000-server plan. Budget: a 1,000-server plan tidied in well under 200 ms (the issue's
//! budget for tidying and routing together).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hybrid_designer::edit::tidy_layout;
use hybrid_designer::look::layered_layout;
use hybrid_designer::model::generate::synthetic_plan;
use std::hint::black_box;

fn layered(c: &mut Criterion) {
    let mut group = c.benchmark_group("layered_layout");
    for servers in [60, 200, 1_000] {
        let doc = synthetic_plan(servers);
        group.bench_with_input(BenchmarkId::from_parameter(servers), &doc, |b, doc| {
            b.iter(|| layered_layout(black_box(doc)));
        });
    }
    group.finish();
}

fn tidy(c: &mut Criterion) {
    let doc = synthetic_plan(1_000);
    c.bench_function("tidy_layout/1000", |b| {
        b.iter(|| tidy_layout(black_box(&doc)));
    });
}

criterion_group!(benches, layered, tidy);
criterion_main!(benches);
