//! `medfund calibrate`'s contribution-history figures, counted again from
//! the ledger of the same paths: the lump sums of the first year and of the
//! years after it (000 第九条（五）1), and the waiting periods of returners
//! (000 第十三条), non-zero after the first year.

#[path = "../../medfund-sim/tests/common/mod.rs"]
mod common;

use medfund_analysis::calibration::{HISTORY_YEARS, calibrate};
use medfund_rules::money::Money;
use medfund_sim::montecarlo::{RunOptions, run};

#[test]
fn the_history_figures_agree_with_the_ledger() {
    let sc = common::scenario("ziyang").with_overrides(&["projection.population.members=20000".into()]).unwrap();
    let rows = calibrate(&sc, 7, 2).unwrap();
    let figure = |prefix: &str| rows.iter().find(|r| r.figure.starts_with(prefix)).unwrap().simulated.clone();
    let r = run(&sc, &RunOptions { years: HISTORY_YEARS, paths: 2, seed: 7, overrides: vec![] }, &|| {}).unwrap();
    let lump = |later: bool| -> f64 {
        r.rows.iter().filter(|x| (x.year != 2025) == later).map(|x| x.ledger.lump_sums).sum::<Money>().as_yuan_f64()
    };
    // 万元: the first year a path on average; years 2–5 a path-year.
    let expected = format!("{:.1}; {:.1}", lump(false) / 2.0 / 1e4, lump(true) / 8.0 / 1e4);
    assert_eq!(figure("lump sums a year"), expected);
    assert!(lump(true) > 0.0);
    // Returners waiting: none in the first year (every flexible worker pays at the
    // start), some later.
    let waiting = figure("returners waiting a year");
    let (first, later) = waiting.split_once("; ").unwrap();
    assert_eq!(first, "0, 0", "{waiting}");
    assert!(later.split(", ").all(|x| x.parse::<f64>().unwrap() > 0.0), "{waiting}");
}
