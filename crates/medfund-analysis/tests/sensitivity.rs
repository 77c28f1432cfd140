//! Sensitivity on common random numbers: faster medical inflation raises
//! the risk, each end equals an independent stress cell exactly, the
//! paired standard error recomputed here equals the reported one, the
//! rows are ranked by effect, and bad scenario ranges are refused.

#[path = "../../medfund-sim/tests/common/mod.rs"]
mod common;

use medfund_analysis::sensitivity::{analyse, paired};
use medfund_analysis::stress::{Axis, run_cell};
use medfund_sim::Scenario;
use medfund_sim::montecarlo::RunOptions;

fn strained() -> Scenario {
    common::scenario("ziyang")
        .with_overrides(&[
            "projection.population.members=3000".into(),
            "projection.fund.opening_balance=3000000".into(),
            "projection.economy.medical_inflation={ mean = 0.09, sd = 0.04 }".into(),
        ])
        .unwrap()
}

const O: RunOptions = RunOptions { years: 6, paths: 12, seed: 17, overrides: Vec::new() };

#[test]
fn ends_match_stress_cells_and_the_errors_are_paired() {
    let sc = strained();
    let s = analyse(&sc, &O, &|| {}).unwrap();
    assert_eq!(s.rows.len(), 10);
    let mi = s.rows.iter().find(|r| r.key == "projection.economy.medical_inflation.mean").unwrap();
    assert!(mi.high.arm.metrics.p_depletion >= mi.low.arm.metrics.p_depletion, "{mi:?}");
    assert!(mi.high.arm.metrics.median_final_months < mi.low.arm.metrics.median_final_months, "{mi:?}");
    for r in &s.rows {
        for e in [&r.low, &r.high] {
            let axis = [Axis { key: r.key.clone(), values: vec![] }];
            let m = run_cell(&sc, &axis, &[e.arm.value], &O, &|| {}).unwrap();
            assert_eq!(m, e.arm.metrics, "{} = {}", r.key, e.arm.value);
            let d = |a: &medfund_analysis::sensitivity::Arm| {
                a.outcomes.iter().map(|p| if p.depleted { 1.0 } else { 0.0 }).collect::<Vec<f64>>()
            };
            let (a, b) = (d(&s.baseline), d(&e.arm));
            let n = a.len() as f64;
            let diff: Vec<f64> = a.iter().zip(&b).map(|(x, y)| y - x).collect();
            let mean = diff.iter().sum::<f64>() / n;
            let sd = (diff.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
            assert!((e.se_dry - sd / n.sqrt()).abs() < 1e-12);
            assert!((e.d_dry - mean).abs() < 1e-12);
            assert_eq!(paired(&a, &b).1, e.se_dry);
        }
    }
    for w in s.rows.windows(2) {
        assert!(w[0].swing(s.by_dry) >= w[1].swing(s.by_dry));
    }
}

fn with_range(key: &str, low: &str, high: &str) -> String {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/ziyang.toml")).unwrap();
    format!("{src}\n[[projection.sensitivity]]\nkey = \"{key}\"\nlow = {low}\nhigh = {high}\nreason = \"test\"\n")
}

#[test]
fn bad_ranges_are_refused() {
    let e = Scenario::from_str("z.toml", &with_range("projection.economy.wage_growht.mean", "0.01", "0.02"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("z.toml:") && e.contains("wage_growht") && e.contains("did you mean `wage_growth`"), "{e}");
    let e = Scenario::from_str("z.toml", &with_range("projection.population.collection_rat", "0.9", "1.0"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("did you mean `collection_rate`"), "{e}");
    let e = Scenario::from_str("z.toml", &with_range("projection.economy.wage_growth.sd", "0.04", "0.01"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("is above high"), "{e}");
    let e = Scenario::from_str("z.toml", &with_range("projection.economy.wage_growth.sd", "0.01", "0.5"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("high = 0.5") && e.contains("outside") && e.contains("0.2"), "{e}");
    let e = Scenario::from_str("z.toml", &with_range("projection.economy.utilisation_trend", "0.01", "0.02"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("given a range twice"), "{e}");
}
