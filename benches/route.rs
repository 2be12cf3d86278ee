//! Link routing on a tidied 1,000-server plan (issue 11). Targets: tidy and route the whole
//! plan in under 200 ms; re-route after one node moves in under 16 ms.
//!
//! - `route_all_1000`: every link of the tidied plan routed from scratch;
//! - `tidy_and_route_1000`: the tidy layout computed and applied, then every link routed;
//! - `move_one_server_1000`: one server dragged to another place and back (two incremental
//!   re-routes per iteration, so half the time is one move).

use criterion::{Criterion, criterion_group, criterion_main};
use hybrid_designer::edit::tidy_layout;
use hybrid_designer::look::{Point, Routing, node_geometry};
use hybrid_designer::model::Document;
use hybrid_designer::model::generate::synthetic_plan;
use std::hint::black_box;

fn tidied(doc: &Document) -> Document {
    let mut doc = doc.clone();
    if let Some(command) = tidy_layout(&doc) {
        command.apply(&mut doc).expect("tidy applies");
    }
    doc
}

fn bench(c: &mut Criterion) {
    let raw = synthetic_plan(1000);
    let doc = tidied(&raw);
    let geometry = node_geometry(&doc);
    c.bench_function("route_all_1000", |b| {
        b.iter(|| black_box(Routing::new(&doc, &geometry)));
    });
    c.bench_function("tidy_and_route_1000", |b| {
        b.iter(|| {
            let doc = tidied(&raw);
            let geometry = node_geometry(&doc);
            black_box(Routing::new(&doc, &geometry))
        });
    });
    // A server in the middle of the plan, dropped among other servers and back.
    let server = doc
        .nodes
        .iter()
        .filter(|n| n.id.as_str().starts_with("ex-"))
        .nth(500)
        .expect("a server");
    let home = geometry[&server.id].0;
    let away = Point::new(home.x + 230.0, home.y + 60.0);
    let mut routing = Routing::new(&doc, &geometry);
    c.bench_function("move_one_server_1000", |b| {
        b.iter(|| {
            black_box(routing.move_node(&server.id, away));
            black_box(routing.move_node(&server.id, home));
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
