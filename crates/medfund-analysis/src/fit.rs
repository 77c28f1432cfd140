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

use std::collections::BTreeMap;

use medfund_sim::montecarlo::{PathResult, RunOptions, Setup, run_paths, setup};
use medfund_sim::{Projected, Scenario};

use crate::accounts::{Accounts, FIGURES, Figure};

/// One figure of a simulated base year: its mean over paths and the
/// standard error of that mean.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub se: f64,
}

/// The accounts figures of year `yi` (0: the first) of a simulated run,
/// one map per path. The average wage is known for the first year only
/// (later years' come from each path's wage growth and are not kept).
pub fn figures_by_path(s: &Setup, results: &[PathResult], yi: usize) -> Vec<BTreeMap<&'static str, f64>> {
    let year = s.years[yi];
    results
        .iter()
        .map(|(rows, stats)| {
            let mut m: BTreeMap<&'static str, f64> = BTreeMap::new();
            let mut add = |k: &'static str, v: f64| *m.entry(k).or_default() += v;
            for r in rows.iter().filter(|r| r.year == year) {
                let l = &r.ledger;
                let y = |x: medfund_rules::money::Money| x.as_yuan_f64();
                add("insured_in_service", f64::from(l.employees));
                add("insured_flexible", f64::from(l.flexible));
                add("insured_working", f64::from(l.employees) + f64::from(l.flexible));
                add("insured_retirees", f64::from(l.retirees));
                add("insured_total", f64::from(l.employees) + f64::from(l.flexible) + f64::from(l.retirees));
                // As the bulletins count them: what is credited to retirees'
                // personal accounts out of the pool is netted out of both.
                add("pooled_income", y(l.income() - l.retiree_accounts));
                add("pooled_spending", y(l.outflow() - l.retiree_accounts));
                add("spending_inpatient", y(l.inpatient));
                add("spending_outpatient", y(l.outpatient));
                add("spending_special_outpatient", y(l.special_outpatient));
                add("spending_single_payment_drugs", y(l.single_payment_drugs));
                add("spending_maternity_medical", y(l.maternity_medical));
                add("spending_maternity_allowance", y(l.maternity_allowance));
                add("spending_family_planning", y(l.family_planning));
                add("spending_top_up", y(l.top_up));
                add("spending_retiree_accounts", y(l.retiree_accounts));
                add("admissions", l.admissions as f64);
                add("opening_balance", y(l.balance_opening));
                add("closing_balance", y(l.balance_closing));
                add("contribution_base", y(l.contribution_base));
            }
            let st = &stats[yi];
            let admitted = (st.admissions[0] + st.admissions[1]) as f64;
            m.insert("cost_per_admission", if admitted > 0.0 { st.admission_bills / admitted } else { 0.0 });
            let in_scope = st.inpatient_in_scope;
            m.insert("in_scope_ratio", if in_scope > 0.0 { st.inpatient_fund / in_scope } else { 0.0 });
            // Bases are summed over the year by every member contributing
            // at its start, each standing for `weight` people.
            let contributors = (st.members[0] + st.members[1]) as f64 * f64::from(s.weight);
            let base = m.remove("contribution_base").unwrap_or(0.0);
            m.insert("avg_contribution_base", if contributors > 0.0 { base / contributors / 12.0 } else { 0.0 });
            if yi == 0 {
                m.insert("avg_wage", s.avg_wage.as_yuan_f64());
            }
            m
        })
        .collect()
}

/// The accounts figures of a simulated run's first year, by name: mean
/// over paths and its standard error.
pub fn base_year_figures(s: &Setup, results: &[PathResult]) -> BTreeMap<&'static str, Estimate> {
    let per_path = figures_by_path(s, results, 0);
    let n = per_path.len() as f64;
    let mut out = BTreeMap::new();
    for f in FIGURES {
        let xs: Vec<f64> = per_path.iter().map(|m| m.get(f.name).copied().unwrap_or(0.0)).collect();
        let mean = xs.iter().sum::<f64>() / n;
        let var = if n > 1.0 { xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0) } else { 0.0 };
        out.insert(f.name, Estimate { mean, se: (var / n).sqrt() });
    }
    out
}

/// The base year of `sc` simulated with `sets` on top of it.
pub fn simulate_base_year(
    sc: &Scenario,
    sets: &[String],
    seed: u64,
    paths: u32,
) -> Result<BTreeMap<&'static str, Estimate>, String> {
    let sc = sc.with_overrides(sets).map_err(|e| e.to_string())?;
    let s = setup(&sc, &RunOptions { years: 1, paths, seed, overrides: vec![] })?;
    let results = run_paths(&s, 0..paths, &|| {})?;
    Ok(base_year_figures(&s, &results))
}

/// How a lever changes its parameters.
#[derive(Clone, Debug, PartialEq)]
enum Move {
    /// Each key's starting value times the lever's multiplier; `money`
    /// values are written to the fen, `whole` ones as integers. `lo` and
    /// `hi` bound the first key's value (the others move in proportion).
    Scale { keys: Vec<(&'static str, f64)>, lo: f64, hi: f64, format: Format },
    /// The starting value plus the lever's shift (the opening balance).
    Shift { key: &'static str, start: f64 },
    /// A table of weights adding to 1 (the hospital levels of admissions)
    /// whose `top` entries are multiplied by the lever's multiplier, the
    /// table then scaled back to add to 1.
    Tilt { key: &'static str, names: [&'static str; 6], weights: [f64; 6], top: [bool; 6] },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Format {
    Money,
    Whole,
    Real,
}

/// A fit parameter and the figure it is fitted to.
#[derive(Clone, Debug)]
struct Lever {
    /// The accounts figure whose row it is shown and judged on.
    figure: &'static str,
    /// The value the lever aims at (for the insured levers, the total or a
    /// ratio derived from the counts given).
    target: f64,
    /// How the figure is read from a simulated year (a ratio of counts for
    /// the share levers).
    read: fn(&BTreeMap<&'static str, Estimate>) -> f64,
    mv: Move,
    /// The first guess of d ln(figure) / d ln(multiplier).
    elasticity: f64,
    /// The multiplier (or shift) now, and the last step's (value, figure).
    x: f64,
    last: Option<(f64, f64)>,
}

fn fig(name: &'static str) -> fn(&BTreeMap<&'static str, Estimate>) -> f64 {
    // A function pointer per figure name (no closures capture).
    macro_rules! by_name {
        ($($n:literal),*) => {
            match name {
                $($n => |m: &BTreeMap<&'static str, Estimate>| m[$n].mean,)*
                _ => unreachable!("a figure of accounts::FIGURES"),
            }
        };
    }
    by_name!(
        "insured_in_service",
        "insured_flexible",
        "insured_working",
        "insured_retirees",
        "insured_total",
        "pooled_income",
        "pooled_spending",
        "spending_inpatient",
        "spending_outpatient",
        "spending_special_outpatient",
        "spending_single_payment_drugs",
        "spending_maternity_medical",
        "spending_maternity_allowance",
        "spending_family_planning",
        "spending_top_up",
        "spending_retiree_accounts",
        "admissions",
        "cost_per_admission",
        "in_scope_ratio",
        "opening_balance",
        "closing_balance",
        "avg_wage",
        "avg_contribution_base"
    )
}

fn retiree_ratio(m: &BTreeMap<&'static str, Estimate>) -> f64 {
    m["insured_retirees"].mean / m["insured_total"].mean.max(1.0)
}

fn flexible_ratio(m: &BTreeMap<&'static str, Estimate>) -> f64 {
    m["insured_flexible"].mean / m["insured_working"].mean.max(1.0)
}

impl Lever {
    /// The `--set` overrides of its current value, with their values.
    fn sets(&self) -> Vec<(String, String)> {
        match &self.mv {
            Move::Scale { keys, format, .. } => keys
                .iter()
                .map(|(k, v)| {
                    let x = v * self.x;
                    let s = match format {
                        // A cost level among other keys is still money.
                        _ if k.ends_with("_mean") => money(x),
                        Format::Money => money(x),
                        Format::Whole => format!("{}", x.round() as i64),
                        Format::Real => format!("{:.6}", x),
                    };
                    (k.to_string(), s)
                })
                .collect(),
            Move::Shift { key, start } => vec![(key.to_string(), money(start + self.x))],
            Move::Tilt { key, names, weights, top } => {
                let w = tilted(weights, top, self.x);
                let mut parts = Vec::new();
                let mut sum = 0.0_f64;
                for (i, n) in names.iter().enumerate() {
                    // The last weight takes what the rounding left, so the
                    // table adds to 1 as written.
                    let v = if i == 5 { ((1.0 - sum) * 1e6).round() / 1e6 } else { (w[i] * 1e6).round() / 1e6 };
                    sum += v;
                    parts.push(format!("\"{n}\" = {v:.6}"));
                }
                vec![(key.to_string(), format!("{{ {} }}", parts.join(", ")))]
            }
        }
    }

    /// Where the lever's value is stopped at an end of its range, which
    /// end and the value there.
    fn at_bound(&self) -> Option<(&'static str, f64)> {
        let (lo, hi, v) = match &self.mv {
            Move::Scale { lo, hi, keys, .. } => {
                let start = keys[0].1.max(1e-12);
                (*lo, *hi, self.x * start)
            }
            Move::Tilt { .. } => (TILT.0, TILT.1, self.x),
            Move::Shift { .. } => return None,
        };
        // Within a thousandth of an end (of the range's width where it
        // starts at zero).
        let (at_lo, at_hi) = if lo > 0.0 {
            (v <= lo * (1.0 + 1e-3), v >= hi * (1.0 - 1e-3))
        } else {
            (v <= lo + 1e-3 * (hi - lo), v >= hi - 1e-3 * (hi - lo))
        };
        if at_lo {
            Some(("lower", lo))
        } else if at_hi {
            Some(("upper", hi))
        } else {
            None
        }
    }

    /// One step towards the target, from the figure `now` simulated at `x`.
    fn step(&mut self, now: f64) {
        match self.mv {
            Move::Shift { .. } => {
                // The closing balance moves one for one with the opening
                // one (plus a year's interest on it): a Newton step.
                self.last = Some((self.x, now));
                self.x += self.target - now;
            }
            Move::Scale { .. } | Move::Tilt { .. } => {
                if now <= 0.0 || self.target <= 0.0 {
                    return;
                }
                let mut e = self.elasticity;
                if let Some((x0, f0)) = self.last
                    && f0 > 0.0
                    && (self.x / x0).ln().abs() > 1e-9
                {
                    let seen = (now / f0).ln() / (self.x / x0).ln();
                    // Trust the secant when it agrees in sign with the
                    // first guess and is not wildly different from it.
                    if seen.signum() == e.signum() && seen.abs() > e.abs() / 20.0 && seen.abs() < e.abs() * 20.0 {
                        e = seen;
                    } else if seen.abs() <= e.abs() / 20.0 {
                        // The figure hardly moved (every base still at its
                        // floor, say): a bolder step to leave the flat.
                        e /= 10.0;
                    }
                }
                self.last = Some((self.x, now));
                let factor = ((self.target / now).ln() / e).exp().clamp(0.25, 4.0);
                // Keep every key's value within its bounds.
                self.x = match &self.mv {
                    Move::Scale { lo, hi, keys, .. } => {
                        let start = keys[0].1.max(1e-12);
                        (self.x * factor).clamp(lo / start, hi / start)
                    }
                    _ => (self.x * factor).clamp(TILT.0, TILT.1),
                };
            }
        }
    }
}

/// The range of a tilt's multiplier.
const TILT: (f64, f64) = (0.05, 20.0);

/// `weights` with the `top` ones multiplied by `x`, scaled to add to 1.
fn tilted(weights: &[f64; 6], top: &[bool; 6], x: f64) -> [f64; 6] {
    let mut w = *weights;
    for (v, t) in w.iter_mut().zip(top) {
        if *t {
            *v *= x;
        }
    }
    let sum: f64 = w.iter().sum();
    w.map(|v| v / sum)
}

/// Yuan as a scenario file takes them: to the fen, or to the yuan from a
/// million on (a float of more digits than that would not read back as
/// whole fen).
fn money(v: f64) -> String {
    if v.abs() >= 1e6 { format!("{:.0}", v.round()) } else { format!("{v:.2}") }
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

/// The levers for the figures given, and why each other given figure is
/// only checked. `s` is the scenario's own setup (the starting values).
fn levers(acc: &Accounts, year: Option<i32>, s: &Setup) -> (Vec<Lever>, BTreeMap<&'static str, String>) {
    let given = |n: &str| acc.get(n, year).map(|e| e.value);
    let mut out: Vec<Lever> = Vec::new();
    let mut why: BTreeMap<&'static str, String> = BTreeMap::new();
    let p = &s.population;
    let c = &s.claims;
    let y = |m: medfund_rules::money::Money| m.as_yuan_f64();
    let scale = |figure: &'static str,
                 target: f64,
                 keys: Vec<(&'static str, f64)>,
                 lo: f64,
                 hi: f64,
                 format: Format,
                 elasticity: f64| Lever {
        figure,
        target,
        read: fig(figure),
        mv: Move::Scale { keys, lo, hi, format },
        elasticity,
        x: 1.0,
        last: None,
    };
    // ---- the insured: the total by `members`, the retirees' share and
    // the flexible workers' share of those in service by the shares.
    let (e, f, w, r, t) = (
        given("insured_in_service"),
        given("insured_flexible"),
        given("insured_working"),
        given("insured_retirees"),
        given("insured_total"),
    );
    let working = w.or(e.zip(f).map(|(a, b)| a + b));
    let total = t.or(working.zip(r).map(|(a, b)| a + b));
    let members = ("projection.population.members", f64::from(p.members));
    match total {
        Some(n) => {
            // Shown and judged on a count the file gives.
            let row = if t.is_some() {
                "insured_total"
            } else if w.is_some() {
                "insured_working"
            } else {
                "insured_in_service"
            };
            let mut l = scale(row, n, vec![members], 1.0, 2e9, Format::Whole, 1.0);
            l.read = fig("insured_total");
            out.push(l);
        }
        None => {
            // One count alone sets the size, the shares kept.
            if let Some((name, v)) = [("insured_retirees", r), ("insured_working", working), ("insured_in_service", e)]
                .into_iter()
                .find_map(|(n, v)| v.map(|v| (n, v)))
            {
                out.push(scale(name, v, vec![members], 1.0, 2e9, Format::Whole, 1.0));
            }
        }
    }
    let retired_share = total.zip(r).map(|(n, r)| r / n);
    let flexible_share = match (e, f, working) {
        (_, Some(f), Some(wk)) => Some(f / wk),
        (Some(e), None, Some(wk)) => Some((wk - e) / wk),
        _ => None,
    };
    if let Some(ratio) = retired_share {
        let mut l = scale(
            "insured_retirees",
            ratio,
            vec![("projection.population.retiree_share", p.retiree_share)],
            0.0,
            1.0,
            Format::Real,
            1.0,
        );
        l.read = retiree_ratio;
        out.push(l);
    }
    if let Some(ratio) = flexible_share {
        let inside = p.flexible_share / (p.employee_share + p.flexible_share);
        let row = if f.is_some() { "insured_flexible" } else { "insured_in_service" };
        let mut l = scale(
            row,
            ratio,
            vec![("projection.population.flexible_within_working", inside)],
            0.0,
            1.0,
            Format::Real,
            1.0,
        );
        l.read = flexible_ratio;
        out.push(l);
    }
    // ---- contributions
    let base_given = given("avg_contribution_base");
    if let Some(v) = base_given {
        out.push(scale(
            "avg_contribution_base",
            v,
            vec![("projection.population.declared_wage_factor", p.declared_wage_factor)],
            0.05,
            5.0,
            Format::Real,
            0.7,
        ));
    }
    if let Some(v) = given("pooled_income") {
        if base_given.is_some() {
            out.push(scale(
                "pooled_income",
                v,
                vec![("projection.population.collection_rate", p.collection_rate)],
                0.05,
                1.0,
                Format::Real,
                0.9,
            ));
        } else {
            out.push(scale(
                "pooled_income",
                v,
                vec![("projection.population.declared_wage_factor", p.declared_wage_factor)],
                0.05,
                5.0,
                Format::Real,
                0.7,
            ));
        }
    }
    // ---- inpatient care
    let (adm, cost, ratio) = (given("admissions"), given("cost_per_admission"), given("in_scope_ratio"));
    if let Some(v) = adm {
        out.push(scale(
            "admissions",
            v,
            vec![("projection.claims.inpatient_rate_factor", c.inpatient_rate_factor)],
            0.01,
            100.0,
            Format::Real,
            1.0,
        ));
    }
    if let Some(v) = cost {
        out.push(scale(
            "cost_per_admission",
            v,
            vec![("projection.claims.inpatient_cost_mean", y(c.inpatient_cost_mean))],
            1.0,
            1e7,
            Format::Money,
            1.0,
        ));
    }
    if let Some(v) = ratio {
        // What the fund pays of in-scope costs is the rules' ratios by
        // hospital level, so the mix of levels moves it: level 3 (3A, 3B)
        // weighed up or down against the rest.
        out.push(Lever {
            figure: "in_scope_ratio",
            target: v,
            read: fig("in_scope_ratio"),
            mv: Move::Tilt {
                key: "projection.claims.inpatient_levels",
                names: ["unrated", "1", "2B", "2A", "3B", "3A"],
                weights: *c.inpatient_levels.hospital(),
                top: [false, false, false, false, true, true],
            },
            elasticity: -0.03,
            x: 1.0,
            last: None,
        });
    }
    if let Some(v) = given("spending_inpatient") {
        let l = if cost.is_none() {
            scale(
                "spending_inpatient",
                v,
                vec![("projection.claims.inpatient_cost_mean", y(c.inpatient_cost_mean))],
                1.0,
                1e7,
                Format::Money,
                1.0,
            )
        } else if adm.is_none() {
            scale(
                "spending_inpatient",
                v,
                vec![("projection.claims.inpatient_rate_factor", c.inpatient_rate_factor)],
                0.01,
                100.0,
                Format::Real,
                1.0,
            )
        } else if ratio.is_none() {
            scale(
                "spending_inpatient",
                v,
                vec![("projection.claims.class_b_share", c.class_b_share)],
                0.0,
                0.5,
                Format::Real,
                -0.05,
            )
        } else {
            scale(
                "spending_inpatient",
                v,
                vec![("projection.claims.out_of_scope_share", c.out_of_scope_share)],
                0.0,
                0.5,
                Format::Real,
                -0.1,
            )
        };
        out.push(l);
    }
    // ---- the other benefit types
    let outpatient = given("spending_outpatient");
    if let Some(v) = outpatient {
        out.push(scale(
            "spending_outpatient",
            v,
            vec![("projection.claims.outpatient_factor", c.outpatient_factor)],
            0.01,
            100.0,
            Format::Real,
            1.0,
        ));
    }
    let special = given("spending_special_outpatient");
    if let Some(v) = special {
        out.push(scale(
            "spending_special_outpatient",
            v,
            vec![("projection.claims.special_cost_mean", y(c.special_cost_mean))],
            1.0,
            1e7,
            Format::Money,
            1.0,
        ));
    }
    if let Some(v) = given("spending_single_payment_drugs") {
        out.push(scale(
            "spending_single_payment_drugs",
            v,
            vec![("projection.claims.single_drug_cost_mean", y(c.single_drug_cost_mean))],
            1.0,
            1e8,
            Format::Money,
            1.0,
        ));
    }
    if let Some(v) = given("spending_maternity_medical") {
        let keys = vec![
            ("projection.claims.natural_cost_mean", y(c.natural_cost_mean)),
            ("projection.claims.caesarean_cost_mean", y(c.caesarean_cost_mean)),
            ("projection.claims.prenatal_cost_mean", y(c.prenatal_cost_mean)),
            ("projection.claims.termination_cost_mean", y(c.termination_cost_mean)),
        ];
        out.push(scale("spending_maternity_medical", v, keys, 1.0, 1e7, Format::Money, 1.0));
    }
    if let Some(v) = given("spending_maternity_allowance") {
        out.push(scale(
            "spending_maternity_allowance",
            v,
            vec![("projection.claims.birth_rate_factor", c.birth_rate_factor)],
            0.01,
            100.0,
            Format::Real,
            1.0,
        ));
    }
    if let Some(v) = given("spending_family_planning") {
        out.push(scale(
            "spending_family_planning",
            v,
            vec![("projection.claims.family_planning_cost_mean", y(c.family_planning_cost_mean))],
            1.0,
            1e7,
            Format::Money,
            1.0,
        ));
    }
    if let Some(v) = given("spending_top_up") {
        out.push(scale(
            "spending_top_up",
            v,
            vec![("projection.claims.inpatient_cost_sigma", c.inpatient_cost_sigma)],
            0.1,
            3.0,
            Format::Real,
            2.0,
        ));
    }
    if given("spending_retiree_accounts").is_some() {
        why.insert(
            "spending_retiree_accounts",
            "checked only: set by the rules (the crediting amounts) and the retirees".into(),
        );
    }
    if let Some(v) = given("pooled_spending") {
        if outpatient.is_none() && special.is_none() {
            // The level of outpatient care, general and special together
            // (a scheme may settle only one of them): both scaled alike.
            let keys = vec![
                ("projection.claims.outpatient_factor", c.outpatient_factor),
                ("projection.claims.special_cost_mean", y(c.special_cost_mean)),
            ];
            out.push(scale("pooled_spending", v, keys, 0.01, 100.0, Format::Real, 0.2));
        } else if outpatient.is_none() {
            out.push(scale(
                "pooled_spending",
                v,
                vec![("projection.claims.outpatient_factor", c.outpatient_factor)],
                0.01,
                100.0,
                Format::Real,
                0.2,
            ));
        } else if special.is_none() {
            out.push(scale(
                "pooled_spending",
                v,
                vec![("projection.claims.special_cost_mean", y(c.special_cost_mean))],
                1.0,
                1e7,
                Format::Money,
                0.1,
            ));
        } else {
            why.insert("pooled_spending", "checked only: the sum of the benefit types fitted above".into());
        }
    }
    // ---- the balance
    let opening = given("opening_balance");
    if let Some(v) = given("closing_balance")
        && opening.is_none()
    {
        out.push(Lever {
            figure: "closing_balance",
            target: v,
            read: fig("closing_balance"),
            mv: Move::Shift { key: "projection.fund.opening_balance", start: y(s.fund.opening_balance) },
            elasticity: 1.0,
            x: 0.0,
            last: None,
        });
    } else if given("closing_balance").is_some() {
        why.insert("closing_balance", "checked only: the opening balance given plus the year's flows".into());
    }
    (out, why)
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
    fit_within(sc, sets, acc, year, (seed, paths, max_iterations), 0.01)
}

/// [`fit`] to within `relative` of each target (or 2 standard errors);
/// `run` is (seed, paths, max_iterations).
pub fn fit_within(
    sc: &Scenario,
    sets: &[String],
    acc: &Accounts,
    year: Option<i32>,
    run: (u64, u32, u32),
    relative: f64,
) -> Result<Fit, String> {
    let (seed, paths, max_iterations) = run;
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
            let v = (l.read)(&est);
            l.step(v);
        }
    }
}

/// The fitted values as an overlay file (`--overlay`): a TOML list of
/// `[[set]]` tables, each with its key, its value and what it was fitted
/// to; `command` is the command that wrote it.
pub fn overlay_text(fit: &Fit, scenario: &str, command: &str) -> String {
    let q = |s: &str| toml_string(s);
    let mut s = String::new();
    s.push_str("# A medfund overlay: scenario parameters fitted to a fund's base-year accounts.\n");
    s.push_str("# Use it with --overlay on simulate, stress, compare and backtest.\n");
    s.push_str(&format!("# Written by: {command}\n"));
    s.push_str(&format!("scenario = {}\nbase_year = {}\n", q(scenario), fit.base_year));
    s.push_str(&format!("converged = {}\n", fit.converged));
    for f in &fit.fitted {
        s.push_str(&format!("\n[[set]]\nkey = {}\nvalue = {}\nnote = {}\n", q(&f.key), f.value, q(&f.note)));
    }
    s
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An overlay file read back: the scenario it was fitted for and its
/// values as `--set` overrides, in the file's order. `file` names it in
/// errors.
pub fn read_overlay(file: &str, text: &str) -> Result<(String, Vec<String>), String> {
    let doc: toml::Table = text.parse().map_err(|e| format!("{file}: not a TOML overlay: {e}"))?;
    for k in doc.keys() {
        if !["scenario", "base_year", "converged", "set"].contains(&k.as_str()) {
            return Err(format!(
                "{file}: key `{k}`: unknown (an overlay has scenario, base_year, converged and [[set]] tables)"
            ));
        }
    }
    let scenario = doc
        .get("scenario")
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("{file}: key `scenario`: missing (the scenario the overlay was fitted for)"))?
        .to_string();
    let mut sets = Vec::new();
    let list = match doc.get("set") {
        None => &Vec::new(),
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Err(format!("{file}: key `set`: expected [[set]] tables")),
    };
    for (i, t) in list.iter().enumerate() {
        let at = |m: &str| format!("{file}: [[set]] number {}: {m}", i + 1);
        let t = t.as_table().ok_or_else(|| at("expected a table with key, value and note"))?;
        if let Some(k) = t.keys().find(|k| !["key", "value", "note"].contains(&k.as_str())) {
            return Err(at(&format!("key `{k}`: unknown (allowed: key, value, note)")));
        }
        let key = t.get("key").and_then(|v| v.as_str()).ok_or_else(|| at("no `key` (a --set key)"))?;
        let value = t.get("value").ok_or_else(|| at(&format!("`{key}` has no `value`")))?;
        sets.push(format!("{key}={value}"));
    }
    Ok((scenario, sets))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlay_reads_back_as_the_sets_it_was_written_from() {
        let fit = Fit {
            base_year: 2023,
            rows: vec![],
            fitted: vec![
                Fitted {
                    key: "projection.claims.inpatient_cost_mean".into(),
                    value: "11802.50".into(),
                    note: "calibrated to \"a.csv\", figure cost_per_admission".into(),
                },
                Fitted { key: "context.avg_wage@2023".into(), value: "120698.00".into(), note: "x".into() },
            ],
            iterations: 3,
            converged: true,
        };
        let text = overlay_text(&fit, "national", "medfund calibrate --accounts a.csv");
        let (sc, sets) = read_overlay("o.toml", &text).unwrap();
        assert_eq!(sc, "national");
        assert_eq!(sets, vec!["projection.claims.inpatient_cost_mean=11802.5", "context.avg_wage@2023=120698.0"]);
        let e = read_overlay("o.toml", "scenario = \"x\"\n[[set]]\nkey = \"a\"\nvalu = 1\n").unwrap_err();
        assert!(e.contains("o.toml: [[set]] number 1: key `valu`: unknown"), "{e}");
        assert!(
            read_overlay("o.toml", "[[set]]\nkey = \"a\"\nvalue = 1\n").unwrap_err().contains("`scenario`: missing")
        );
    }
}
