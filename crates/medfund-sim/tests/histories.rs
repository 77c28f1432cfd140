//! Contribution histories in the projection: members' own contribution
//! densities (`contribution_density_spread`) make some retire short of the
//! minimum years, so the lump sums of Ziyang 000_f8c7f1d4db53115f.txt
//! 第九条（五）（七） reach the ledger.

mod common;

use medfund_rules::money::Money;
use medfund_sim::montecarlo::{RunOptions, run};

#[test]
fn a_ten_year_ziyang_projection_collects_lump_sums() {
    let sc = common::scenario("ziyang").with_overrides(&["projection.population.members=20000".to_string()]).unwrap();
    let r = run(&sc, &RunOptions { years: 10, paths: 2, seed: 5, overrides: vec![] }, &|| {}).unwrap();
    let years_with = r.rows.iter().filter(|row| row.ledger.lump_sums > Money::ZERO).count();
    assert!(years_with > 0);
    let total: Money = r.rows.iter().map(|row| row.ledger.lump_sums).sum();
    eprintln!("lump sums in {years_with} of {} path-years, {total} in all", r.rows.len());
    // Densities 60–100% of working years (scenario): a man of 59 at the
    // start (39 working years) retires short of 24–25 years below a density
    // of about 62%, a woman worker of 49 short of 20 years below 66%. The
    // spread is in the histories before the projection only (every year in
    // it adds 12 months), so the short retire in its first years: each
    // path collects lump sums in 2025 and 2026, when Ziyang's minimum for
    // men rises to 24 and 25 years (第九条（七）1).
    for path in 0..2 {
        for year in [2025, 2026] {
            let l = r.rows.iter().find(|row| row.path == path && row.year == year).unwrap();
            assert!(l.ledger.lump_sums > Money::ZERO, "path {path}, {year}: no lump sum");
        }
    }
    // Without the spread nobody falls short (everyone at 85%).
    let flat = sc.with_overrides(&["projection.population.contribution_density_spread=0".to_string()]).unwrap();
    let r = run(&flat, &RunOptions { years: 10, paths: 2, seed: 5, overrides: vec![] }, &|| {}).unwrap();
    assert!(r.rows.iter().all(|row| row.ledger.lump_sums == Money::ZERO));
}
