//! Stress testing: a grid of scenario parameters, each cell a Monte Carlo
//! projection on the same seed (common random numbers: the draws never
//! depend on the rules or the economy's parameters, so cells differ only by
//! what the grid changes), the solver for the lowest parameter value that
//! meets a target, and the general average premium.
//!
//! Any scenario parameter can be an axis by its `--set` key; a few
//! short names stand for the usual ones ([`ALIASES`]).

use std::fmt;

use medfund_rules::money::Money;
use medfund_rules::scenario::Scheme;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::{Projected, Scenario};

use medfund_sim::montecarlo::verdict::{discount_rate, median, path_premium};
use medfund_sim::montecarlo::{CityPoint, RunOptions, RunResult, run};

/// Short axis names and what they set.
pub const ALIASES: [(&str, &str); 6] = [
    (
        "employer_rate",
        "every employer contribution rate, shifted so that the combined-account enterprise rate is the value \
         (employee.contribution.employer)",
    ),
    ("employee_rate", "employee.contribution.employee"),
    ("medical_inflation", "projection.economy.medical_inflation.mean"),
    ("wage_growth", "projection.economy.wage_growth.mean"),
    ("interest", "projection.economy.interest.mean"),
    ("utilisation_trend", "projection.economy.utilisation_trend"),
];

/// One axis of a grid: a parameter and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub key: String,
    pub values: Vec<f64>,
}

/// A value rounded to 1e-9, so that `0.06 + 0.002 × 3` is `0.066`.
pub fn round9(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// A value as TOML, exact to 1e-9.
pub fn toml_number(v: f64) -> String {
    let r = round9(v);
    if r == r.trunc() && r.abs() < 1e15 { format!("{r:.1}") } else { format!("{r}") }
}

impl Axis {
    /// `key=from:to:step` (both ends included) or `key=v1,v2,...`.
    pub fn parse(s: &str) -> Result<Axis, String> {
        let (key, spec) = s.split_once('=').ok_or_else(|| format!("--grid {s:?}: expected key=from:to:step"))?;
        let num = |x: &str| x.trim().parse::<f64>().map_err(|_| format!("--grid {s:?}: {x:?} is not a number"));
        let values = if spec.contains(':') {
            let parts: Vec<&str> = spec.split(':').collect();
            let [a, b, st] = parts[..] else {
                return Err(format!("--grid {s:?}: expected from:to:step"));
            };
            let (a, b, st) = (num(a)?, num(b)?, num(st)?);
            if st <= 0.0 || st.is_nan() || b < a {
                return Err(format!("--grid {s:?}: need from <= to and a positive step"));
            }
            let n = ((b - a) / st + 1e-9).floor() as usize;
            if n > 10_000 {
                return Err(format!("--grid {s:?}: {} values is too many", n + 1));
            }
            (0..=n).map(|k| round9(a + st * k as f64)).collect()
        } else {
            spec.split(',').map(num).collect::<Result<Vec<_>, _>>()?
        };
        if values.is_empty() {
            return Err(format!("--grid {s:?}: no values"));
        }
        let key = key.trim();
        // A dotted key is a --set key (checked against the scenario when a
        // cell is made); a plain word must be a short name.
        if !key.contains('.') && !ALIASES.iter().any(|(a, _)| *a == key) {
            let names: Vec<&str> = ALIASES.iter().map(|(a, _)| *a).collect();
            return Err(format!(
                "--grid {s:?}: `{key}` is not a short name ({}) nor a --set key such as \
                 projection.economy.wage_growth.mean{}",
                names.join(", "),
                medfund_rules::suggest::did_you_mean(key, names.iter().copied())
            ));
        }
        Ok(Axis { key: key.to_string(), values })
    }
}

/// The `--set` overrides that put `key` at `value` in scenario `sc`
/// (aliases expanded).
pub fn sets_for(sc: &Scenario, key: &str, value: f64) -> Result<Vec<String>, String> {
    let v = toml_number(value);
    let plain = |k: &str| Ok(vec![format!("{k}={v}")]);
    match key {
        "employer_rate" => {
            let r = sc.year_rules(Scheme::Employee, sc.projection_start())?;
            let c = r.contribution.as_ref().ok_or("employer_rate: the scenario has no employee.contribution")?;
            let e = &c.v.employer;
            let delta = value - e.combined.enterprise.as_f64();
            let at = |x: medfund_rules::money::Rate| toml_number(x.as_f64() + delta);
            Ok(vec![format!(
                "employee.contribution.employer={{ combined = {{ enterprise = {}, fiscal = {} }}, pooling_only = {{ \
                 enterprise = {}, fiscal = {} }} }}",
                at(e.combined.enterprise),
                at(e.combined.fiscal),
                at(e.pooling_only.enterprise),
                at(e.pooling_only.fiscal)
            )])
        }
        "employee_rate" => plain("employee.contribution.employee"),
        "medical_inflation" => plain("projection.economy.medical_inflation.mean"),
        "wage_growth" => plain("projection.economy.wage_growth.mean"),
        "interest" => plain("projection.economy.interest.mean"),
        "utilisation_trend" => plain("projection.economy.utilisation_trend"),
        other => plain(other),
    }
}

/// The scenario's own value of the axis `key` (aliases expanded; a dated
/// parameter's value in force at the projection start), to mark the
/// current scenario on the stress charts; `None` when the key names no
/// single number.
pub fn current_value(sc: &Scenario, key: &str) -> Option<f64> {
    let start = sc.projection_start();
    if key == "employer_rate" {
        let r = sc.year_rules(Scheme::Employee, start).ok()?;
        return Some(r.contribution.as_ref()?.v.employer.combined.enterprise.as_f64());
    }
    let plain = match key {
        "employee_rate" => "employee.contribution.employee",
        "medical_inflation" => "projection.economy.medical_inflation.mean",
        "wage_growth" => "projection.economy.wage_growth.mean",
        "interest" => "projection.economy.interest.mean",
        "utilisation_trend" => "projection.economy.utilisation_trend",
        other => other,
    };
    medfund_rules::scenario::overrides::number_at(&sc.src, plain, &format!("{start}-01-01"))
}

/// What a cell's paths say about the employee fund.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub paths: u32,
    /// Share of paths whose months of payment stay at or above 6 (3) in
    /// every year (a year without spending counts as above).
    pub p_months6_every_year: f64,
    pub p_months3_every_year: f64,
    /// Share of paths whose balance falls below zero in some year.
    pub p_depletion: f64,
    /// The median path's first year of depletion (`None` when at least
    /// half the paths never deplete).
    pub median_first_depletion: Option<i32>,
    /// Median months of payment in the last year.
    pub median_final_months: f64,
    /// The general average premium: mean across paths of the constant
    /// total contribution rate (of the contribution base) that balances the
    /// opening balance plus the present value of income against the
    /// present value of outflow over the horizon.
    pub general_average_premium: f64,
    /// The same present-value ratio for the contributions actually
    /// charged, for comparison.
    pub current_rate: f64,
}

/// The metric a solver target is about.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Metric {
    Months6EveryYear,
    Months3EveryYear,
    Depletion,
}

impl Metric {
    pub fn of(self, m: &Metrics) -> f64 {
        match self {
            Metric::Months6EveryYear => m.p_months6_every_year,
            Metric::Months3EveryYear => m.p_months3_every_year,
            Metric::Depletion => m.p_depletion,
        }
    }
}

/// `P(months>=6 every year) >= 0.95` and the like.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Target {
    pub metric: Metric,
    /// `>=` when true, `<=` otherwise.
    pub at_least: bool,
    pub threshold: f64,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = match self.metric {
            Metric::Months6EveryYear => "P(months>=6 every year)",
            Metric::Months3EveryYear => "P(months>=3 every year)",
            Metric::Depletion => "P(depletion)",
        };
        write!(f, "{m} {} {}", if self.at_least { ">=" } else { "<=" }, self.threshold)
    }
}

impl Target {
    /// Parse `P(months>=6 every year) >= 0.95`, `P(months>=3 every year)
    /// >= 0.9` or `P(depletion) <= 0.05` (spaces optional).
    pub fn parse(s: &str) -> Result<Target, String> {
        let t: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        let bad = || {
            format!(
                "--target {s:?}: expected `P(months>=6 every year) >= X`, `P(months>=3 every year) >= X` or \
                 `P(depletion) <= X`"
            )
        };
        let (metric, rest) = if let Some(r) = t.strip_prefix("p(months>=6everyyear)") {
            (Metric::Months6EveryYear, r)
        } else if let Some(r) = t.strip_prefix("p(months>=3everyyear)") {
            (Metric::Months3EveryYear, r)
        } else if let Some(r) = t.strip_prefix("p(depletion)") {
            (Metric::Depletion, r)
        } else {
            return Err(bad());
        };
        let (at_least, num) = if let Some(n) = rest.strip_prefix(">=") {
            (true, n)
        } else if let Some(n) = rest.strip_prefix("<=") {
            (false, n)
        } else {
            return Err(bad());
        };
        let threshold: f64 = num.parse().map_err(|_| bad())?;
        if !(0.0..=1.0).contains(&threshold) {
            return Err(format!("--target {s:?}: the probability must be within 0–1"));
        }
        Ok(Target { metric, at_least, threshold })
    }

    pub fn met(&self, m: &Metrics) -> bool {
        let v = self.metric.of(m);
        if self.at_least { v >= self.threshold } else { v <= self.threshold }
    }
}

/// The metrics of a run's employee fund; `discount` is the yearly rate the
/// present values use.
pub fn metrics(r: &RunResult, discount: f64) -> Metrics {
    let paths = r.info.paths;
    let mut ok6 = 0u32;
    let mut ok3 = 0u32;
    let mut depleted = 0u32;
    let mut first: Vec<f64> = Vec::new();
    let mut final_months: Vec<f64> = Vec::new();
    let mut gap = 0.0;
    let mut current = 0.0;
    // City rows come sorted by (path, year): one slice a path.
    for rows in r.city.chunk_by(|a, b| a.path == b.path) {
        let months = |c: &LedgerRow| c.ledger.months_of_payment().unwrap_or(f64::INFINITY);
        ok6 += u32::from(rows.iter().all(|c| months(c) >= 6.0));
        ok3 += u32::from(rows.iter().all(|c| months(c) >= 3.0));
        let dep = rows.iter().find(|c| c.ledger.balance_closing < Money::ZERO).map(|c| c.year);
        depleted += u32::from(dep.is_some());
        first.push(dep.map_or(f64::INFINITY, f64::from));
        final_months.push(rows.last().map_or(f64::NAN, months));
        // The premium and the rate charged, shared with the headline of a
        // simulate report (`verdict::path_premium`).
        let points: Vec<CityPoint> = rows.iter().map(CityPoint::of).collect();
        if let Some((g, c)) = path_premium(&points, discount) {
            gap += g;
            current += c;
        }
    }
    let n = f64::from(paths.max(1));
    let med_first = median(&mut first);
    Metrics {
        paths,
        p_months6_every_year: f64::from(ok6) / n,
        p_months3_every_year: f64::from(ok3) / n,
        p_depletion: f64::from(depleted) / n,
        median_first_depletion: med_first.is_finite().then(|| med_first.ceil() as i32),
        median_final_months: median(&mut final_months),
        general_average_premium: gap / n,
        current_rate: current / n,
    }
}

/// One cell of a grid: its axis values and what its paths say.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub values: Vec<f64>,
    pub metrics: Metrics,
}

/// Every combination of the axes' values, the first axis slowest.
pub fn cells(axes: &[Axis]) -> Vec<Vec<f64>> {
    let mut out: Vec<Vec<f64>> = vec![Vec::new()];
    for a in axes {
        out = out.into_iter().flat_map(|c| a.values.iter().map(move |v| [c.clone(), vec![*v]].concat())).collect();
    }
    out
}

/// Run one cell: the scenario with the cell's values set (the employee
/// fund only).
pub fn run_cell(
    sc: &Scenario,
    axes: &[Axis],
    values: &[f64],
    o: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<Metrics, String> {
    let mut sets = Vec::new();
    for (a, v) in axes.iter().zip(values) {
        sets.extend(sets_for(sc, &a.key, *v)?);
    }
    let cell = sc.with_overrides(&sets).map_err(|e| e.to_string())?.without_residents();
    let r = run(&cell, o, progress)?;
    Ok(metrics(&r, discount_rate(&cell)))
}

/// Run a whole grid, cell by cell (each cell's paths in parallel).
pub fn grid(sc: &Scenario, axes: &[Axis], o: &RunOptions, progress: &(dyn Fn() + Sync)) -> Result<Vec<Cell>, String> {
    cells(axes)
        .into_iter()
        .map(|values| Ok(Cell { metrics: run_cell(sc, axes, &values, o, progress)?, values }))
        .collect()
}

/// The solver's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    pub key: String,
    pub target: Target,
    /// The lowest value on the grid `from + k × step` that meets the
    /// target, and its metrics.
    pub value: f64,
    pub metrics: Metrics,
    /// One step lower and its metrics (`None` when the answer is `from`).
    pub below: Option<(f64, Metrics)>,
    /// The Monte Carlo standard error of the target's probability at the
    /// answer, √(p(1−p)/paths).
    pub standard_error: f64,
    /// Cells evaluated.
    pub evaluations: u32,
}

/// A solver's search: the parameter, its grid `from, from + step, …, to`,
/// and the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    pub key: String,
    pub from: f64,
    pub to: f64,
    pub step: f64,
    pub target: Target,
}

/// The lowest value of `key` on the grid `from, from + step, …, to` that
/// meets `target`, by bisection with common random numbers (the target's
/// probability is monotone in the value on one seed when the parameter
/// only ever helps the fund, as a contribution rate does). Errors when even
/// `to` misses the target.
pub fn solve(sc: &Scenario, search: &Search, o: &RunOptions, progress: &(dyn Fn() + Sync)) -> Result<Solution, String> {
    let Search { key, from, to, step, target } = search.clone();
    let key = key.as_str();
    let axis = Axis { key: key.to_string(), values: Vec::new() };
    let at = |k: u64| round9(from + step * k as f64);
    let n = ((to - from) / step + 1e-9).floor() as u64;
    let mut evaluations = 0u32;
    let mut eval = |k: u64| {
        evaluations += 1;
        run_cell(sc, std::slice::from_ref(&axis), &[at(k)], o, progress)
    };
    let top = eval(n)?;
    if !target.met(&top) {
        return Err(format!(
            "{target} is not met even at {key} = {}: {:.4}",
            toml_number(at(n)),
            target.metric.of(&top)
        ));
    }
    let bottom = eval(0)?;
    let (mut lo, mut hi, mut hi_m, mut lo_m) = (0u64, n, top, Some(bottom.clone()));
    if target.met(&bottom) {
        hi = 0;
        hi_m = bottom;
        lo_m = None;
    } else {
        // Invariant: lo misses, hi meets.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let m = eval(mid)?;
            if target.met(&m) {
                hi = mid;
                hi_m = m;
            } else {
                lo = mid;
                lo_m = Some(m);
            }
        }
    }
    let p = target.metric.of(&hi_m);
    let se = (p * (1.0 - p) / f64::from(hi_m.paths.max(1))).sqrt();
    Ok(Solution {
        key: key.to_string(),
        target,
        value: at(hi),
        standard_error: se,
        below: lo_m.map(|m| (at(lo), m)),
        metrics: hi_m,
        evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_parse_ranges_and_lists() {
        let e = Axis::parse("employer_rat=0.06,0.07").unwrap_err();
        assert!(e.contains("employee_rate, medical_inflation") && e.contains("did you mean `employer_rate`?"), "{e}");
        let a = Axis::parse("employer_rate=0.060:0.080:0.002").unwrap();
        assert_eq!(a.values.len(), 11);
        assert_eq!(toml_number(a.values[3]), "0.066");
        assert_eq!(toml_number(a.values[10]), "0.08");
        assert_eq!(Axis::parse("projection.x=1,2.5").unwrap().values, vec![1.0, 2.5]);
        assert!(Axis::parse("x=0.1:0.05:0.01").is_err());
        assert!(Axis::parse("x").is_err());
    }

    #[test]
    fn targets_parse() {
        let t = Target::parse("P(months>=6 every year) >= 0.95").unwrap();
        assert_eq!(t, Target { metric: Metric::Months6EveryYear, at_least: true, threshold: 0.95 });
        let t = Target::parse("P(depletion)<=0.05").unwrap();
        assert!(!t.at_least && t.metric == Metric::Depletion);
        assert!(Target::parse("P(months>=6) > 0.9").is_err());
        assert!(Target::parse("P(depletion) <= 1.5").is_err());
    }

    #[test]
    fn cells_are_the_cartesian_product() {
        let a = Axis { key: "a".into(), values: vec![1.0, 2.0] };
        let b = Axis { key: "b".into(), values: vec![10.0, 20.0, 30.0] };
        let c = cells(&[a, b]);
        assert_eq!(c.len(), 6);
        assert_eq!(c[0], vec![1.0, 10.0]);
        assert_eq!(c[5], vec![2.0, 30.0]);
    }
}
