//! What many paths say about the fund: per year, the distribution of the
//! balance and of months of payment across paths, the chance of running dry
//! and the distribution of the first year of depletion.
//!
//! Computed from one city-level row per path and year (districts summed);
//! aggregates are f64 yuan (stated: they are statistics, not ledgers).

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
