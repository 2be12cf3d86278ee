//! Validation speed on synthetic plans (`model::generate::synthetic_plan`).
//!
//! Budgets: 10,000 servers validated in under 20 ms (`validate/10000`); the same plan
//! loaded from disk (read, parse, check) and validated in under 200 ms
//! (`disk_10000/load_and_validate`). The other `disk_10000` entries split the load time.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hybrid_designer::file;
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::rules::validate;
use std::hint::black_box;

fn validate_synthetic_plans(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for servers in [100, 1_000, 10_000] {
        let doc = synthetic_plan(servers);
        group.bench_with_input(BenchmarkId::from_parameter(servers), &doc, |b, doc| {
            b.iter(|| validate(black_box(doc)));
        });
    }
    group.finish();
}

fn load_and_validate_from_disk(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("synthetic-10000.hybrid.json");
    file::save(&path, &synthetic_plan(10_000)).expect("plan written");
    let text = std::fs::read_to_string(&path).expect("plan readable");
    let mut group = c.benchmark_group("disk_10000");
    // Each iteration takes a good fraction of a second; 20 samples keep the run short.
    group.sample_size(20);
    group.bench_function("load_and_validate", |b| {
        b.iter(|| {
            let doc = file::load(black_box(&path)).expect("plan loads");
            validate(&doc)
        });
    });
    // The parts, to tell the file format's share from the validator's.
    group.bench_function("load_only", |b| {
        b.iter(|| file::load(black_box(&path)).expect("plan loads"));
    });
    group.bench_function("parse_json_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).expect("JSON"));
    });
    group.bench_function("parse_document_directly", |b| {
        b.iter(|| {
            serde_json::from_str::<hybrid_designer::model::Document>(black_box(&text))
                .expect("document")
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    validate_synthetic_plans,
    load_and_validate_from_disk
);
criterion_main!(benches);
