//! Sensitivity: each projection assumption moved to the low and the high
//! end of the range its scenario documents (`[[projection.sensitivity]]`),
//! one at a time, on the same seed (common random numbers, as in
//! [`crate::stress`]), with the effect on the employee fund against the
//! baseline and its Monte Carlo standard error from the paired paths.
//!
//! Standard errors: for P(running dry), sd of the per-path differences of
//! the 0/1 indicators over √n; for the months of payment at the horizon,
//! the effect is the median's change and its standard error is that of the
//! paired mean difference, sd(diff)/√n (stated in the outputs). The median
//! first year of depletion is reported without a standard error.

use medfund_rules::money::Money;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::verdict::{discount_rate, median};
use medfund_sim::montecarlo::{RunOptions, RunResult, run};
use medfund_sim::sensitivity_ranges::set_value;
use medfund_sim::{Projected, Scenario};

use crate::stress::{Metrics, metrics};

/// One path's outcome for the employee fund.
#[derive(Clone, Debug, PartialEq)]
pub struct PathOutcome {
    pub depleted: bool,
    /// The first year the balance is below zero.
    pub first_depletion: Option<i32>,
    /// Months of payment in the last year (infinite without spending).
    pub final_months: f64,
}

/// Per-path outcomes of a run, by path index (as [`metrics`] counts them).
pub fn outcomes(r: &RunResult) -> Vec<PathOutcome> {
    r.city
        .chunk_by(|a, b| a.path == b.path)
        .map(|rows| {
            let months = |c: &LedgerRow| c.ledger.months_of_payment().unwrap_or(f64::INFINITY);
            let dep = rows.iter().find(|c| c.ledger.balance_closing < Money::ZERO).map(|c| c.year);
            PathOutcome {
                depleted: dep.is_some(),
                first_depletion: dep,
                final_months: rows.last().map_or(f64::NAN, months),
            }
        })
        .collect()
}

/// The mean of paired differences and its standard error, sd/√n (sample
/// sd; 0 for fewer than two pairs).
pub fn paired(a: &[f64], b: &[f64]) -> (f64, f64) {
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).filter(|x| x.is_finite()).collect();
    let n = d.len() as f64;
    if d.is_empty() {
        return (0.0, 0.0);
    }
    let mean = d.iter().sum::<f64>() / n;
    if d.len() < 2 {
        return (mean, 0.0);
    }
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

/// A run's metrics and per-path outcomes.
#[derive(Clone, Debug, PartialEq)]
pub struct Arm {
    pub value: f64,
    pub metrics: Metrics,
    pub outcomes: Vec<PathOutcome>,
}

/// One end of one assumption against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct End {
    pub arm: Arm,
    /// Change in P(running dry) and its paired standard error.
    pub d_dry: f64,
    pub se_dry: f64,
    /// Change in the median final months and the paired mean
    /// difference's standard error.
    pub d_months: f64,
    pub se_months: f64,
}

/// One assumption: its key, reason, and both ends.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    pub reason: String,
    pub low: End,
    pub high: End,
}

impl Row {
    /// The size of the effect the tornado ranks by.
    pub fn swing(&self, by_dry: bool) -> f64 {
        if by_dry {
            self.low.d_dry.abs().max(self.high.d_dry.abs())
        } else {
            self.low.d_months.abs().max(self.high.d_months.abs())
        }
    }
}

/// The analysis: the baseline and the rows, largest effect first.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    pub baseline: Arm,
    pub rows: Vec<Row>,
    /// Ranked by P(running dry) (true) or, when no path runs dry in any
    /// run, by the median final months.
    pub by_dry: bool,
}

/// Run the scenario with `sets` (the employee fund only).
pub fn run_arm(
    sc: &Scenario,
    sets: &[String],
    value: f64,
    o: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<Arm, String> {
    let cell = sc.with_overrides(sets).map_err(|e| e.to_string())?.without_residents();
    let r = run(&cell, o, progress)?;
    Ok(Arm { value, metrics: metrics(&r, discount_rate(&cell)), outcomes: outcomes(&r) })
}

fn end(base: &Arm, arm: Arm) -> End {
    let dry = |a: &Arm| a.outcomes.iter().map(|p| f64::from(u8::from(p.depleted))).collect::<Vec<_>>();
    let months = |a: &Arm| a.outcomes.iter().map(|p| p.final_months).collect::<Vec<_>>();
    let (_, se_dry) = paired(&dry(base), &dry(&arm));
    let (_, se_months) = paired(&months(base), &months(&arm));
    End {
        d_dry: arm.metrics.p_depletion - base.metrics.p_depletion,
        se_dry,
        d_months: arm.metrics.median_final_months - base.metrics.median_final_months,
        se_months,
        arm,
    }
}

/// Move each of the scenario's sensitivity ranges to its ends.
pub fn analyse(sc: &Scenario, o: &RunOptions, progress: &(dyn Fn() + Sync)) -> Result<Sensitivity, String> {
    let ranges = sc.spec.projection.as_ref().map(|p| p.sensitivity.clone()).unwrap_or_default();
    if ranges.is_empty() {
        return Err(format!("scenario `{}` documents no sensitivity ranges ([[projection.sensitivity]])", sc.name()));
    }
    let baseline = run_arm(sc, &[], f64::NAN, o, progress)?;
    let mut rows = Vec::new();
    for r in &ranges {
        let key = r.key.get_ref().trim().to_string();
        let at = |v: f64| run_arm(sc, &[format!("{key}={}", set_value(v))], v, o, progress);
        let low = end(&baseline, at(r.low)?);
        let high = end(&baseline, at(r.high)?);
        rows.push(Row { key, reason: r.reason.clone(), low, high });
    }
    let by_dry = baseline.metrics.p_depletion > 0.0
        || rows.iter().any(|r| r.low.arm.metrics.p_depletion > 0.0 || r.high.arm.metrics.p_depletion > 0.0);
    rows.sort_by(|a, b| b.swing(by_dry).total_cmp(&a.swing(by_dry)));
    Ok(Sensitivity { baseline, rows, by_dry })
}

/// The median of finite first years (for display).
pub fn median_year(v: &[PathOutcome]) -> Option<i32> {
    let mut f: Vec<f64> = v.iter().map(|p| p.first_depletion.map_or(f64::INFINITY, f64::from)).collect();
    let m = median(&mut f);
    m.is_finite().then(|| m.ceil() as i32)
}
