//! Validation speed on synthetic plans (`model::generate::synthetic_plan`).
//!
//! Budgets: 10,000 servers validated in under 20 ms; the same plan loaded from disk
//! (read, parse, check) and validated in under 200 ms.

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
    // The loading part alone, to tell the file format's share from the validator's.
    let text = std::fs::read_to_string(&path).expect("plan readable");
    c.bench_function("load_only/10000", |b| {
        b.iter(|| file::load(black_box(&path)).expect("plan loads"));
    });
    c.bench_function("parse_json_value/10000", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).expect("JSON"));
    });
    c.bench_function("parse_document_directly/10000", |b| {
        b.iter(|| serde_json::from_str::<hybrid_designer::model::Document>(black_box(&text)).expect("document"));
    });
    c.bench_function("load_and_validate/10000", |b| {
        b.iter(|| {
            let doc = file::load(black_box(&path)).expect("plan loads");
            validate(&doc)
        });
    });
}

criterion_group!(benches, validate_synthetic_plans, load_and_validate_from_disk);
criterion_main!(benches);
