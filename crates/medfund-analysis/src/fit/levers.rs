//! The levers of a fit: which scenario parameter each accounts figure
//! moves ([`levers`] has the table), how a lever writes its value as
//! `--set` overrides, and its secant step.

use std::collections::BTreeMap;

use medfund_sim::montecarlo::Setup;

use super::Estimate;
use crate::accounts::Accounts;

/// How a lever changes its parameters.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Move {
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
pub(super) enum Format {
    Money,
    Whole,
    Real,
}

/// A fit parameter and the figure it is fitted to.
#[derive(Clone, Debug)]
pub(super) struct Lever {
    /// The accounts figure whose row it is shown and judged on.
    pub(super) figure: &'static str,
    /// The value the lever aims at (for the insured levers, the total or a
    /// ratio derived from the counts given).
    pub(super) target: f64,
    /// How the figure is read from a simulated year (a ratio of counts for
    /// the share levers).
    pub(super) read: Read,
    pub(super) mv: Move,
    /// The first guess of d ln(figure) / d ln(multiplier).
    pub(super) elasticity: f64,
    /// The multiplier (or shift) now, and the last step's (value, figure).
    pub(super) x: f64,
    pub(super) last: Option<(f64, f64)>,
}

/// What a lever reads of a simulated year.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum Read {
    /// A figure's mean.
    Figure(&'static str),
    /// Retirees ÷ all the insured.
    RetireeRatio,
    /// Flexible workers ÷ those in service.
    FlexibleRatio,
}

impl Read {
    pub(super) fn of(self, m: &BTreeMap<&'static str, Estimate>) -> f64 {
        match self {
            Read::Figure(name) => m[name].mean,
            Read::RetireeRatio => m["insured_retirees"].mean / m["insured_total"].mean.max(1.0),
            Read::FlexibleRatio => m["insured_flexible"].mean / m["insured_working"].mean.max(1.0),
        }
    }
}

impl Lever {
    /// The `--set` overrides of its current value, with their values.
    pub(super) fn sets(&self) -> Vec<(String, String)> {
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
    pub(super) fn at_bound(&self) -> Option<(&'static str, f64)> {
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
    pub(super) fn step(&mut self, now: f64) {
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
pub(super) fn money(v: f64) -> String {
    if v.abs() >= 1e6 { format!("{:.0}", v.round()) } else { format!("{v:.2}") }
}

/// The levers for the figures given, and why each other given figure is
/// only checked. `s` is the scenario's own setup (the starting values).
pub(super) fn levers(acc: &Accounts, year: Option<i32>, s: &Setup) -> (Vec<Lever>, BTreeMap<&'static str, String>) {
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
        read: Read::Figure(figure),
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
            l.read = Read::Figure("insured_total");
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
        l.read = Read::RetireeRatio;
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
        l.read = Read::FlexibleRatio;
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
            read: Read::Figure("in_scope_ratio"),
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
            read: Read::Figure("closing_balance"),
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
