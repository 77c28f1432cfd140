//! Adjudication throughput on one core: a realistic mix of inpatient claims
//! (`medfund_rules::benchmark_mix::inpatient_mix`) through each city's rules.
//!
//! Run: `cargo bench --bench adjudication`. Target: at least 5 million
//! inpatient claims per second per core (issue 2).

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use medfund_rules::adjudicate::adjudicate;
use medfund_rules::benchmark_mix::{claim_count, inpatient_mix};
use medfund_rules::scenario::Scheme;
use medfund_sim::Scenario;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("adjudicate_inpatient_mix");
    for (city, year) in [("ziyang", 2023), ("luzhou", 2023), ("dingxi", 2024), ("chongqing", 2023)] {
        let sc = Scenario::load(Path::new(&format!("scenarios/{city}.toml"))).expect("scenario");
        let rules = sc.year_rules(Scheme::Employee, year).expect("rules");
        let work = inpatient_mix(20_000, year, 42);
        g.throughput(Throughput::Elements(claim_count(&work) as u64));
        g.bench_function(city, |b| {
            b.iter(|| {
                let mut fund = 0i64;
                for my in &work {
                    for o in adjudicate(&rules, my, false).expect("adjudicable") {
                        fund += o.payment.fund.0;
                    }
                }
                std::hint::black_box(fund)
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
