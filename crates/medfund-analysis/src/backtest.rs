//! `medfund backtest`: a projection from its base year set beside what was
//! observed later, figure by figure and year by year.
//!
//! The observed figures are an accounts file with a `year` column
//! ([`crate::accounts`]). Nothing observed is used to set a parameter: the
//! scenario (with its overlays, fitted to the base year only) is projected
//! as it is, and each observed figure after the base year gets the
//! projection's median and 5–95% band across paths beside it.

use medfund_sim::montecarlo::summary::{PERCENTILES, percentile};
use medfund_sim::montecarlo::{RunOptions, run_paths, setup};
use medfund_sim::{Projected, Scenario};

use crate::accounts::{Accounts, Figure};
use crate::fit::figures_by_path;

/// One observed figure beside its projection.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub year: i32,
    pub figure: &'static Figure,
    pub observed: f64,
    /// The projection's 5th, 25th, 50th, 75th and 95th percentiles across
    /// paths.
    pub pct: [f64; 5],
    pub source: String,
}

impl Row {
    pub fn median(&self) -> f64 {
        self.pct[2]
    }
    /// The observed value within the projection's 5–95% band.
    pub fn inside_band(&self) -> bool {
        self.pct[0] <= self.observed && self.observed <= self.pct[4]
    }
    /// (median − observed) ÷ observed; NaN when nothing was observed.
    pub fn error_of_median(&self) -> f64 {
        if self.observed != 0.0 { (self.median() - self.observed) / self.observed.abs() } else { f64::NAN }
    }
}

/// A backtest's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub base_year: i32,
    /// The years projected, the base year first.
    pub years: Vec<i32>,
    pub rows: Vec<Row>,
    /// Per figure observed, its percentiles in every year projected (for
    /// the fan chart), `None` in a year it is not projected.
    pub fans: Vec<(&'static Figure, Vec<Option<[f64; 5]>>)>,
    /// Observed figures left out, and why (the base year's, figures the
    /// projection does not carry past its first year).
    pub skipped: Vec<String>,
}

/// Project `sc` (with `sets`) from its base year over `paths` paths on
/// `seed` to the last observed year, and set the observed figures beside it.
pub fn backtest(
    sc: &Scenario,
    sets: &[String],
    observed: &Accounts,
    paths: u32,
    seed: u64,
) -> Result<Backtest, String> {
    let sc = sc.with_overrides(sets).map_err(|e| e.to_string())?;
    let base_year = sc.projection_start();
    let years = observed.years();
    if years.is_empty() {
        return Err(format!("{}: no `year` column: a backtest needs the year of each observed figure", observed.file));
    }
    if let Some(e) = observed.entries.iter().find(|e| e.year.is_some_and(|y| y < base_year)) {
        return Err(format!(
            "{}:{}: figure `{}` is of {}, before the projection's base year {base_year}",
            observed.file,
            e.line,
            e.figure.name,
            e.year.unwrap_or_default()
        ));
    }
    let last = *years.last().unwrap_or(&base_year);
    let n_years = u32::try_from(last - base_year + 1).unwrap_or(1);
    let s = setup(&sc, &RunOptions { years: n_years, paths, seed, overrides: vec![] })?;
    let results = run_paths(&s, 0..paths, &|| {})?;
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let by_year: Vec<_> = (0..s.years.len()).map(|yi| figures_by_path(&s, &results, yi)).collect();
    let pct_of = |yi: usize, name: &str| -> Option<[f64; 5]> {
        let mut xs: Vec<f64> = by_year[yi].iter().filter_map(|m| m.get(name).copied()).collect();
        if xs.is_empty() {
            return None;
        }
        xs.sort_by(f64::total_cmp);
        Some(PERCENTILES.map(|p| percentile(&xs, p)))
    };
    for (yi, &year) in s.years.iter().enumerate() {
        let of_year: Vec<_> = observed.entries.iter().filter(|e| e.year == Some(year)).collect();
        if of_year.is_empty() {
            continue;
        }
        if year == base_year {
            skipped.push(format!(
                "{year}: {} figure(s) of the base year, which a fit uses and a backtest does not judge",
                of_year.len()
            ));
            continue;
        }
        for e in of_year {
            let Some(pct) = pct_of(yi, e.figure.name) else {
                skipped.push(format!("{year} {}: not projected past the first year (line {})", e.figure.name, e.line));
                continue;
            };
            rows.push(Row { year, figure: e.figure, observed: e.value, pct, source: e.source.clone() });
        }
    }
    // By figure in the template's order, then by year.
    let order = |f: &Figure| crate::accounts::FIGURES.iter().position(|g| g.name == f.name).unwrap_or(usize::MAX);
    rows.sort_by_key(|r| (order(r.figure), r.year));
    let mut fans = Vec::new();
    for r in &rows {
        if fans.iter().all(|(f, _): &(&Figure, _)| f.name != r.figure.name) {
            fans.push((r.figure, (0..s.years.len()).map(|yi| pct_of(yi, r.figure.name)).collect()));
        }
    }
    Ok(Backtest { base_year, years: s.years.clone(), rows, fans, skipped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        // The summary's percentile, as the bands use it.
        let xs = [10.0, 20.0, 30.0, 40.0, 50.0];
        // h = p/100·(n−1): 5 → h 0.2 → 10 + 0.2·10 = 12; 50 → 30;
        // 95 → h 3.8 → 40 + 0.8·10 = 48.
        assert_eq!(percentile(&xs, 5.0), 12.0);
        assert_eq!(percentile(&xs, 50.0), 30.0);
        assert_eq!(percentile(&xs, 95.0), 48.0);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        assert!(percentile(&[], 50.0).is_nan());
    }
}
