//! Projection throughput: member-years simulated per second (population
//! transitions, claim generation, adjudication, ledger) for Luzhou's
//! 500,000-member city, two paths of one year on all cores.
//!
//! Run: `cargo bench --bench projection`. Issue 3's target is 10 million
//! member-years per second on 2 cores.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use medfund_sim::Scenario;
use medfund_sim::montecarlo::{RunOptions, run_paths, setup};

fn bench(c: &mut Criterion) {
    let sc = Scenario::load(Path::new("scenarios/luzhou.toml")).expect("scenario");
    let o = RunOptions { years: 1, paths: 2, seed: 1, overrides: vec![] };
    let s = setup(&sc, &o).expect("setup");
    let members = s.base.people.len() as u64;
    let mut g = c.benchmark_group("projection");
    g.throughput(Throughput::Elements(members * 2));
    g.sample_size(10);
    g.bench_function("luzhou_500k_2_paths_1_year", |b| b.iter(|| run_paths(&s, 0..2, &|| {}).expect("run")));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
