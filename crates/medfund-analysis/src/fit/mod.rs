//! `medfund calibrate --accounts`: the projection's free parameters fitted
//! so that the simulated base year reproduces a fund's own accounts.
//!
//! Each given figure is matched by one lever, a scenario parameter that
//! moves it most directly (members and shares by the insured counts, the
//! declared share of wages by the average contribution base, the collection
//! rate by the income, the admission-rate factor by the admissions, the
//! cost level by the cost per admission, …; [`levers`] has the table).
//! A figure whose lever is taken, or that the rules alone set, is checked
//! but not fitted. The levers are moved together, each by a secant step in
//! logarithms on its own figure, until every fitted figure is within 1% of
//! its target or within 2 Monte Carlo standard errors where that is wider.
//! Every run of the base year uses the same seed and paths (common random
//! numbers), so the fit is deterministic for a seed.

mod figures;
mod levers;
mod overlay;

use std::collections::BTreeMap;

use medfund_sim::montecarlo::{RunOptions, setup};
use medfund_sim::{Projected, Scenario};

use crate::accounts::{Accounts, FIGURES, Figure};
pub use figures::{base_year_figures, figures_by_path, simulate_base_year};
use levers::{Lever, Move, levers, money};
pub use overlay::{overlay_text, read_overlay};

/// One figure of a simulated base year: its mean over paths and the
/// standard error of that mean.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub se: f64,
}

/// A figure's line of the fit: its target, what the fitted scenario
/// simulates, and how (or whether) it was fitted.
#[derive(Clone, Debug, PartialEq)]
pub struct FitRow {
    pub figure: &'static Figure,
    pub target: f64,
    pub fitted: Estimate,
    /// Within 1% of the target or 2 standard errors, whichever is wider.
    pub tolerance: f64,
    /// The parameters fitted to it, or why none was.
    pub by: String,
    pub source: String,
}

impl FitRow {
    pub fn within(&self) -> bool {
        (self.fitted.mean - self.target).abs() <= self.tolerance
    }
}

/// A fitted value for the overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    pub key: String,
    /// As TOML.
    pub value: String,
    pub note: String,
}

/// The outcome of a fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub base_year: i32,
    pub rows: Vec<FitRow>,
    pub fitted: Vec<Fitted>,
    /// Base-year simulations run.
    pub iterations: u32,
    pub converged: bool,
}

/// The tolerance of a figure: `relative` of the target (1% by default),
/// or 2 standard errors where that is wider.
fn tolerance(relative: f64, target: f64, est: Estimate) -> f64 {
    (relative * target.abs()).max(2.0 * est.se)
}

/// Fit `sc` (with the user's `sets` on top) to the accounts' base year:
/// `year` chooses it when the file holds several. At most
/// `max_iterations` simulations of the base year, each of `paths` paths
/// on `seed`.
pub fn fit(
    sc: &Scenario,
    sets: &[String],
    acc: &Accounts,
    year: Option<i32>,
    seed: u64,
    paths: u32,
    max_iterations: u32,
) -> Result<Fit, String> {
    fit_within(sc, sets, acc, year, &Budget { seed, paths, max_iterations }, 0.01)
}

/// The simulations a fit may run: each base year on `seed` with `paths`
/// paths, at most `max_iterations` of them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub seed: u64,
    pub paths: u32,
    pub max_iterations: u32,
}

/// [`fit`] to within `relative` of each target (or 2 standard errors).
pub fn fit_within(
    sc: &Scenario,
    sets: &[String],
    acc: &Accounts,
    year: Option<i32>,
    budget: &Budget,
    relative: f64,
) -> Result<Fit, String> {
    let Budget { seed, paths, max_iterations } = *budget;
    let years = acc.years();
    let year = match (year, years.as_slice()) {
        (Some(y), _) => {
            if !years.is_empty() && !years.contains(&y) {
                return Err(format!("{}: no figures for {y} (the file has {years:?})", acc.file));
            }
            Some(y)
        }
        (None, []) => None,
        (None, [y]) => Some(*y),
        (None, _) => {
            return Err(format!(
                "{}: figures of several years ({years:?}); say which is the base year with --year (fit to the base year only)",
                acc.file
            ));
        }
    };
    let given_sc = sc.with_overrides(sets).map_err(|e| e.to_string())?;
    let mut fixed: Vec<(String, String, String)> = Vec::new();
    let start = given_sc.projection_start();
    let base_year = year.unwrap_or(start);
    if base_year != start {
        let texts = given_sc.spec.scenario.start.year;
        if base_year < texts {
            return Err(format!(
                "{}: the accounts are of {base_year}, but the scenario's rules start in {texts}: a base year cannot come before them",
                acc.file
            ));
        }
        fixed.push(("projection.fund.start_year".into(), base_year.to_string(), "the accounts' year".into()));
    }
    let note = |figure: &str| format!("calibrated to {}, figure {figure}", acc.file);
    let given = |n: &str| acc.get(n, year).map(|e| e.value);
    if let Some(v) = given("opening_balance") {
        fixed.push(("projection.fund.opening_balance".into(), money(v), note("opening_balance")));
    }
    if let Some(v) = given("avg_wage") {
        fixed.push((format!("context.avg_wage@{base_year}"), money(v), note("avg_wage")));
    }
    let with = |extra: &[(String, String, String)]| -> Vec<String> {
        sets.iter().cloned().chain(extra.iter().map(|(k, v, _)| format!("{k}={v}"))).collect()
    };
    let start_sc = sc.with_overrides(&with(&fixed)).map_err(|e| e.to_string())?;
    let s = setup(&start_sc, &RunOptions { years: 1, paths, seed, overrides: vec![] })?;
    let (mut levers, why) = levers(acc, year, &s);
    // The derived share of flexible workers within those in service is
    // written as the scenario's two shares.
    let p0 = s.population.clone();
    drop(s);
    let current = |levers: &[Lever]| -> Vec<(String, String, String)> {
        let mut out = fixed.clone();
        let mut retiree = p0.retiree_share;
        let mut within = p0.flexible_share / (p0.employee_share + p0.flexible_share);
        let mut share_note = Vec::new();
        for l in levers {
            for (k, v) in l.sets() {
                match k.as_str() {
                    "projection.population.retiree_share" => {
                        retiree = v.parse().unwrap_or(retiree);
                        share_note.push(l.figure);
                    }
                    "projection.population.flexible_within_working" => {
                        within = v.parse().unwrap_or(within);
                        share_note.push(l.figure);
                    }
                    _ => out.push((k, v, note(l.figure))),
                }
            }
        }
        if !share_note.is_empty() {
            let r = (retiree * 1e6).round() / 1e6;
            let f = ((1.0 - r) * within * 1e6).round() / 1e6;
            let e = ((1.0 - r - f) * 1e6).round() / 1e6;
            let n = note(&share_note.join(" and "));
            out.push(("projection.population.retiree_share".into(), format!("{r:.6}"), n.clone()));
            out.push(("projection.population.flexible_share".into(), format!("{f:.6}"), n.clone()));
            out.push(("projection.population.employee_share".into(), format!("{e:.6}"), n));
        }
        out
    };
    let rows_of = |est: &BTreeMap<&'static str, Estimate>, levers: &[Lever]| -> Vec<FitRow> {
        FIGURES
            .iter()
            .filter_map(|f| {
                let e = acc.get(f.name, year)?;
                let fitted = est[f.name];
                let by: Vec<String> = levers
                    .iter()
                    .filter(|l| l.figure == f.name)
                    .flat_map(|l| match &l.mv {
                        Move::Scale { keys, .. } => keys.iter().map(|k| k.0.to_string()).collect::<Vec<_>>(),
                        Move::Shift { key, .. } | Move::Tilt { key, .. } => vec![key.to_string()],
                    })
                    .map(|k| k.replace("flexible_within_working", "flexible_share"))
                    .collect();
                let bound = levers.iter().filter(|l| l.figure == f.name).find_map(Lever::at_bound);
                let by = if let Some((end, v)) = bound {
                    format!(
                        "{} — stopped at the {end} end of its range ({v}): no value within it reaches the target",
                        by.join(", ")
                    )
                } else if !by.is_empty() {
                    by.join(", ")
                } else if let Some(w) = why.get(f.name) {
                    w.clone()
                } else if fixed.iter().any(|x| x.2.ends_with(&format!("figure {}", f.name))) {
                    "set directly".into()
                } else {
                    "checked only: its lever fits another figure".into()
                };
                Some(FitRow {
                    figure: f,
                    target: e.value,
                    fitted,
                    tolerance: tolerance(relative, e.value, fitted),
                    by,
                    source: e.source.clone(),
                })
            })
            .collect()
    };
    let mut iterations = 0;
    loop {
        let now = current(&levers);
        let est = simulate_base_year(sc, &with(&now), seed, paths)?;
        iterations += 1;
        let rows = rows_of(&est, &levers);
        let ok = rows.iter().filter(|r| levers.iter().any(|l| l.figure == r.figure.name)).all(FitRow::within);
        if ok || iterations >= max_iterations {
            let fitted = now.into_iter().map(|(key, value, note)| Fitted { key, value, note }).collect();
            return Ok(Fit { base_year, rows, fitted, iterations, converged: ok });
        }
        for l in &mut levers {
            let v = l.read.of(&est);
            l.step(v);
        }
    }
}
