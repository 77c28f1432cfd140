//! The Monte Carlo driver: many stochastic futures of one city's pooled
//! fund, in parallel, reproducible to the byte whatever the thread count.
//!
//! Each path's random numbers come from (seed, path, year, purpose)
//! ([`rng::stream`]), never from scheduling order; random draws never depend
//! on the rules, so two scenarios (or two stress cells) run on one seed see
//! the same population and the same claims (common random numbers).

pub mod rng;
pub mod summary;

use crate::ledger::{LedgerRow, LedgerYear};
use crate::money::Money;
use summary::{PERCENTILES, SummaryYear, percentile};

/// What a run was: enough to reproduce it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    /// Scenario name and the file it was read from.
    pub scenario: String,
    pub scenario_file: String,
    /// FNV-1a hash of the scenario text, hex.
    pub scenario_hash: String,
    pub seed: u64,
    pub paths: u32,
    /// Projection years, in order.
    pub years: Vec<i32>,
    /// District names, indexed by `LedgerRow::district`.
    pub districts: Vec<String>,
    /// `--set key=value` overrides applied, as given.
    pub overrides: Vec<String>,
    /// medfund's version.
    pub version: String,
    /// The scenario's assumptions: (parameter key, reason).
    pub assumptions: Vec<(String, String)>,
}

/// A finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub info: RunInfo,
    /// One row per path × year × district, sorted by (path, year, district).
    pub rows: Vec<LedgerRow>,
    /// One city-level row per path × year (districts summed), sorted by
    /// (path, year); `district` is 0.
    pub city: Vec<LedgerRow>,
    /// Per year across paths.
    pub summary: Vec<SummaryYear>,
}

/// Sum the district rows of each path and year into city rows.
pub fn city_rows(rows: &[LedgerRow]) -> Vec<LedgerRow> {
    let mut out: Vec<LedgerRow> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last.path == r.path && last.year == r.year => last.ledger.add(&r.ledger),
            _ => out.push(LedgerRow { path: r.path, year: r.year, district: 0, ledger: r.ledger.clone() }),
        }
    }
    out
}

fn yuan(m: Money) -> f64 {
    m.as_yuan_f64()
}

/// The per-year summary of city rows sorted by (path, year).
pub fn summarise(city: &[LedgerRow], years: &[i32]) -> Vec<SummaryYear> {
    let mut first_depletion: std::collections::HashMap<u32, i32> = std::collections::HashMap::new();
    for r in city {
        if r.ledger.balance_closing < Money::ZERO {
            first_depletion.entry(r.path).or_insert(r.year);
        }
    }
    years
        .iter()
        .map(|&y| {
            let rs: Vec<&LedgerYear> = city.iter().filter(|r| r.year == y).map(|r| &r.ledger).collect();
            let n = rs.len().max(1) as f64;
            let mut bal: Vec<f64> = rs.iter().map(|l| yuan(l.balance_closing)).collect();
            // A year with no spending has unbounded months: count it as
            // f64::INFINITY so it sorts last and never reads as depleted.
            let mut months: Vec<f64> = rs.iter().map(|l| l.months_of_payment().unwrap_or(f64::INFINITY)).collect();
            bal.sort_by(f64::total_cmp);
            months.sort_by(f64::total_cmp);
            let share = |f: &dyn Fn(&LedgerYear) -> bool| rs.iter().filter(|l| f(l)).count() as f64 / n;
            SummaryYear {
                year: y,
                paths: rs.len() as u32,
                balance_mean: bal.iter().sum::<f64>() / n,
                balance_pct: PERCENTILES.map(|p| percentile(&bal, p)),
                months_mean: months.iter().filter(|m| m.is_finite()).sum::<f64>()
                    / months.iter().filter(|m| m.is_finite()).count().max(1) as f64,
                months_pct: PERCENTILES.map(|p| percentile(&months, p)),
                p_below_zero: share(&|l| l.balance_closing < Money::ZERO),
                p_below_3_months: share(&|l| l.months_of_payment().is_some_and(|m| m < 3.0)),
                p_below_6_months: share(&|l| l.months_of_payment().is_some_and(|m| m < 6.0)),
                p_first_depletion: first_depletion.values().filter(|&&fy| fy == y).count() as f64 / n,
                income_mean: rs.iter().map(|l| yuan(l.income())).sum::<f64>() / n,
                outflow_mean: rs.iter().map(|l| yuan(l.outflow())).sum::<f64>() / n,
            }
        })
        .collect()
}
