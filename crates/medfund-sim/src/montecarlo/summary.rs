//! What many paths say about the fund: per year, the distribution of the
//! balance and of months of payment across paths, the chance of running dry
//! and the distribution of the first year of depletion.
//!
//! Computed from one city-level row per path and year (districts summed);
//! aggregates are f64 yuan (stated: they are statistics, not ledgers).

use crate::ledger::{LedgerRow, LedgerYear};
use medfund_rules::money::Money;

/// The reserve guidance (calibration.md): below 3 months too low, 6 to 9
/// adequate, above 15 too high.
pub const GUIDANCE_MONTHS: [f64; 4] = [3.0, 6.0, 9.0, 15.0];

/// The percentiles reported.
pub const PERCENTILES: [f64; 5] = [5.0, 25.0, 50.0, 75.0, 95.0];

/// One year across paths.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryYear {
    pub year: i32,
    pub paths: u32,
    /// Mean closing balance, yuan.
    pub balance_mean: f64,
    /// Closing balance at [`PERCENTILES`], yuan.
    pub balance_pct: [f64; 5],
    /// Mean months of payment.
    pub months_mean: f64,
    /// Months of payment at [`PERCENTILES`].
    pub months_pct: [f64; 5],
    /// Share of paths whose closing balance is below zero.
    pub p_below_zero: f64,
    /// Share of paths with fewer than 3 months of payment.
    pub p_below_3_months: f64,
    /// Share of paths with fewer than 6 months of payment.
    pub p_below_6_months: f64,
    /// Share of paths whose balance first falls below zero this year.
    pub p_first_depletion: f64,
    /// Mean income and outflow, yuan.
    pub income_mean: f64,
    pub outflow_mean: f64,
    /// Where a sample was simulated (`--sample`): the sampling standard
    /// error of the closing balance (yuan) and of months of payment, means
    /// across paths; 0 when everyone was simulated. The balance's is the
    /// root of the years' net-flow variances summed so far (years taken as
    /// independent, which understates it where the same members' costs
    /// persist); the months' is 12 × that over the year's outflow.
    pub sampling_se_balance: f64,
    pub sampling_se_months: f64,
}

/// Percentile by linear interpolation between closest ranks (the R-7 /
/// numpy default), of sorted data.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p / 100.0;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

fn yuan(m: Money) -> f64 {
    m.as_yuan_f64()
}

/// What the summary and the verdict need of one path's year for the whole
/// city: about 100 bytes where a city row is about 470, so that a streaming
/// run keeps these for every path and year and the rows for none.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CityPoint {
    pub path: u32,
    pub year: i32,
    pub balance_opening: Money,
    pub balance_closing: Money,
    pub income: Money,
    pub outflow: Money,
    pub net_flow_var: i64,
    /// What the fiscal backstop paid.
    pub fiscal_subsidy: Money,
    /// For the general average premium: the contribution base, the
    /// contributions charged (employer, employee, flexible workers), the
    /// part credited to personal accounts, and the other income (lump sums,
    /// per-head fees).
    pub contribution_base: Money,
    pub contributions: Money,
    pub to_personal_accounts: Money,
    pub other_income: Money,
}

impl CityPoint {
    pub fn of(r: &LedgerRow) -> CityPoint {
        let l = &r.ledger;
        CityPoint {
            path: r.path,
            year: r.year,
            balance_opening: l.balance_opening,
            balance_closing: l.balance_closing,
            income: l.income(),
            outflow: l.outflow(),
            net_flow_var: l.net_flow_var,
            fiscal_subsidy: l.fiscal_subsidy,
            contribution_base: l.contribution_base,
            contributions: l.employer + l.employee + l.flexible_contributions,
            to_personal_accounts: l.to_personal_accounts,
            other_income: l.lump_sums + l.per_head_fees,
        }
    }

    /// As [`LedgerYear::months_of_payment`].
    pub fn months_of_payment(&self) -> Option<f64> {
        (self.outflow.0 > 0).then(|| self.balance_closing.0 as f64 / (self.outflow.0 as f64 / 12.0))
    }
}

/// Sums over paths of each year's city ledger (exact: the same in any
/// order), for means of any money column (`years[t]`'s at `t`); the counts
/// are not summed (left zero: see [`LedgerYear::add_money`]).
pub fn year_totals(city: &[LedgerRow], years: &[i32]) -> Vec<LedgerYear> {
    let mut t = vec![LedgerYear::default(); years.len()];
    add_year_totals(&mut t, city, years);
    t
}

/// Add city rows to [`year_totals`].
pub fn add_year_totals(totals: &mut [LedgerYear], city: &[LedgerRow], years: &[i32]) {
    for r in city {
        if let Some(k) = years.iter().position(|&y| y == r.year) {
            totals[k].add_money(&r.ledger);
        }
    }
}

/// The per-year summary of city rows sorted by (path, year).
pub fn summarise(city: &[LedgerRow], years: &[i32]) -> Vec<SummaryYear> {
    summarise_points(&city.iter().map(CityPoint::of).collect::<Vec<_>>(), years)
}

/// [`summarise`] of the city points sorted by (path, year).
pub fn summarise_points(city: &[CityPoint], years: &[i32]) -> Vec<SummaryYear> {
    let mut first_depletion: std::collections::HashMap<u32, i32> = std::collections::HashMap::new();
    for r in city {
        if r.balance_closing < Money::ZERO {
            first_depletion.entry(r.path).or_insert(r.year);
        }
    }
    // Each path's sampling variance of the balance: the net-flow variances
    // of the years so far.
    let mut cumulative_var: std::collections::HashMap<u32, f64> = std::collections::HashMap::new();
    let mut se: std::collections::HashMap<(u32, i32), f64> = std::collections::HashMap::new();
    for r in city {
        let v = cumulative_var.entry(r.path).or_insert(0.0);
        *v += r.net_flow_var as f64 * crate::ledger::NET_FLOW_VAR_UNIT;
        se.insert((r.path, r.year), v.sqrt());
    }
    years
        .iter()
        .map(|&y| {
            let rs: Vec<&CityPoint> = city.iter().filter(|r| r.year == y).collect();
            let se_bal: Vec<f64> = rs.iter().map(|r| se.get(&(r.path, r.year)).copied().unwrap_or(0.0)).collect();
            let n = rs.len().max(1) as f64;
            let mut bal: Vec<f64> = rs.iter().map(|l| yuan(l.balance_closing)).collect();
            // A year with no spending has unbounded months: count it as
            // f64::INFINITY so it sorts last and never reads as depleted.
            let mut months: Vec<f64> = rs.iter().map(|l| l.months_of_payment().unwrap_or(f64::INFINITY)).collect();
            bal.sort_by(f64::total_cmp);
            months.sort_by(f64::total_cmp);
            let share = |f: &dyn Fn(&CityPoint) -> bool| rs.iter().filter(|l| f(l)).count() as f64 / n;
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
                income_mean: rs.iter().map(|l| yuan(l.income)).sum::<f64>() / n,
                outflow_mean: rs.iter().map(|l| yuan(l.outflow)).sum::<f64>() / n,
                sampling_se_balance: se_bal.iter().sum::<f64>() / n,
                sampling_se_months: rs
                    .iter()
                    .zip(&se_bal)
                    .map(|(l, s)| if l.outflow.0 > 0 { 12.0 * s / yuan(l.outflow) } else { 0.0 })
                    .sum::<f64>()
                    / n,
            }
        })
        .collect()
}
