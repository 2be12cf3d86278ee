//! HCW preview speed on synthetic plans (`model::generate::synthetic_plan`).
//!
//! Budget: the preview of a 1,000-server plan, its findings given (as the designer has them
//! from the findings cache), in under 5 ms (`hcw/preview_with_findings/1000`), so it can
//! follow every edit. `hcw/preview/1000` includes validating the plan; `hcw/script/1000`
//! writes the PowerShell script of a computed preview.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hybrid_designer::hcw;
use hybrid_designer::model::generate::synthetic_plan;
use hybrid_designer::rules::validate;
use std::hint::black_box;

fn hcw_preview(c: &mut Criterion) {
    let mut group = c.benchmark_group("hcw");
    for servers in [100, 1_000] {
        let doc = synthetic_plan(servers);
        let findings = validate(&doc);
        group.bench_with_input(
            BenchmarkId::new("preview_with_findings", servers),
            &doc,
            |b, doc| b.iter(|| hcw::preview_with(black_box(doc), &findings)),
        );
        group.bench_with_input(BenchmarkId::new("preview", servers), &doc, |b, doc| {
            b.iter(|| hcw::preview(black_box(doc)));
        });
        let preview = hcw::preview_with(&doc, &findings);
        group.bench_with_input(
            BenchmarkId::new("script", servers),
            &preview,
            |b, preview| b.iter(|| hcw::to_script(black_box(preview), "2026-01-15")),
        );
    }
    group.finish();
}

criterion_group!(benches, hcw_preview);
criterion_main!(benches);
