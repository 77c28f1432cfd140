//! The figures of `report.md`, worked out once from a run and written in
//! either language by `output::report` (English) and
//! `output::labels::zh_report` (Chinese): each writer only words and
//! formats them, so the two reports cannot disagree on a number.

use medfund_rules::money::Money;
use medfund_sim::ledger::LedgerYear;
use medfund_sim::montecarlo::RunResult;
use medfund_sim::montecarlo::summary::SummaryYear;

use super::adjustment::AdjustmentAcc;
use super::districts::{Cell, Settlement, YearTotals};
use super::tables;

/// How many of the neediest districts a paragraph names.
const NAMED: usize = 5;

/// Median months of payment to one decimal, "–" where a year had no
/// pooled spending.
pub fn median_months(y: &SummaryYear) -> String {
    let m = y.months_pct[2];
    if m.is_finite() { format!("{m:.1}") } else { "\u{2013}".into() }
}

/// The first-depletion distribution: the years in which some paths first
/// fell below zero, with their shares, and the share that never did.
pub struct Depletion {
    pub hits: Vec<(String, f64)>,
    pub never: f64,
}

impl Depletion {
    pub fn of(run: &RunResult) -> Depletion {
        let mut d = tables::depletion(run);
        let never = d.pop().map_or(1.0, |(_, p)| p);
        Depletion { hits: d.into_iter().filter(|(_, p)| *p > 0.0).collect(), never }
    }
}

/// One row of the key-figures table: its year, the median months (with
/// the sampling SE when sampled) and the median closing balance formatted
/// by the writer's `money` (with its SE), and the three risks.
pub struct KeyRow {
    pub year: i32,
    pub months: String,
    pub balance: String,
    pub below_zero: f64,
    pub below_3: f64,
    pub below_6: f64,
}

/// Whether the run simulated a sample of the members (`--sample`), so that
/// each median carries its sampling standard error.
pub fn sampled(run: &RunResult) -> bool {
    run.summary.iter().any(|y| y.sampling_se_balance > 0.0)
}

/// The key-figures rows; `money` formats a balance in yuan and `se` its
/// sampling SE in yuan (both in the writer's unit).
pub fn key_rows(run: &RunResult, money: &dyn Fn(f64) -> String, se: &dyn Fn(f64) -> String) -> Vec<KeyRow> {
    let sampled = sampled(run);
    run.summary
        .iter()
        .map(|y| {
            let pm = |x: String| if sampled { format!(" \u{b1} {x}") } else { String::new() };
            let m = y.months_pct[2];
            let months = if m.is_finite() {
                format!("{m:.1}{}", pm(format!("{:.1}", y.sampling_se_months)))
            } else {
                "\u{2013}".into()
            };
            let bal = y.balance_pct[2];
            let balance = if bal.is_finite() {
                format!("{}{}", money(bal), pm(se(y.sampling_se_balance)))
            } else {
                "\u{2013}".into()
            };
            KeyRow {
                year: y.year,
                months,
                balance,
                below_zero: y.p_below_zero,
                below_3: y.p_below_3_months,
                below_6: y.p_below_6_months,
            }
        })
        .collect()
}

/// A published projection's deficit year of this scenario
/// (data/published_deficits.csv), for shape, not a target.
pub struct Published {
    pub study: String,
    /// A first current-year deficit; otherwise an accumulated deficit from.
    pub current: bool,
    pub year: String,
    pub note: String,
}

/// Deficit years of published projections (data/published_deficits.csv):
/// scenario, study, measure, year, note.
const PUBLISHED_DEFICITS: &str = include_str!("../../data/published_deficits.csv");

/// The published projections of `scenario`, in the file's order.
pub fn published_deficits(scenario: &str) -> Vec<Published> {
    PUBLISHED_DEFICITS
        .lines()
        .skip(1)
        .filter_map(|l| medfund_analysis::accounts::fields(l).ok())
        .filter(|f| f.len() == 5 && f[0] == scenario)
        .map(|f| Published { study: f[1].clone(), current: f[2] == "current", year: f[3].clone(), note: f[4].clone() })
        .collect()
}

/// `(index, share)` pairs with a positive share, the largest first (ties
/// by index), the first [`NAMED`] of them.
fn neediest(shares: impl Iterator<Item = f64>) -> (Vec<(usize, f64)>, usize) {
    let mut v: Vec<(usize, f64)> = shares.enumerate().filter(|(_, s)| *s > 0.0).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let n = v.len();
    v.truncate(NAMED);
    (v, n)
}

/// The district settlement over all years (sums of the means across
/// paths, yuan) and the districts most often needing their government's
/// money.
pub struct SettlementFigures {
    /// The city's share of the districts' overspends.
    pub city: f64,
    /// What the districts' retained surpluses covered, of which collection
    /// shortfalls and their part of overspends.
    pub surplus_used: f64,
    pub shortfall: f64,
    pub overspend: f64,
    /// What district governments paid.
    pub government: f64,
    /// Retained from collecting more and from spending less than targets.
    pub kept_collection: f64,
    pub kept_savings: f64,
    /// The last year and the districts' retained surplus at its end.
    pub last_year: Option<i32>,
    pub surplus_end: f64,
    /// Up to five districts (index, share of path-years the government
    /// paid, first year above the dry threshold), the neediest first.
    pub needy: Vec<(usize, f64, Option<i32>)>,
    /// How many districts needed their government at least once.
    pub needy_count: usize,
}

impl SettlementFigures {
    pub fn of(s: &Settlement) -> SettlementFigures {
        let totals: Vec<YearTotals> = (0..s.years.len()).map(|t| s.year_totals(t)).collect();
        let sum = |f: &dyn Fn(&YearTotals) -> f64| totals.iter().map(f).sum::<f64>();
        let sum_cells = |f: &dyn Fn(&Cell) -> f64| s.cells.iter().flatten().map(f).sum::<f64>();
        let (needy, needy_count) = neediest((0..s.districts.len()).map(|d| s.government_share(d)));
        SettlementFigures {
            city: sum(&|y| y.overspend_city),
            surplus_used: sum(&|y| y.surplus_used),
            shortfall: sum_cells(&|c| c.shortfall_from_surplus),
            overspend: sum_cells(&|c| c.overspend_from_surplus),
            government: sum(&|y| y.district_government),
            kept_collection: sum_cells(&|c| c.collection_retained),
            kept_savings: sum_cells(&|c| c.savings_retained),
            last_year: s.years.last().copied(),
            surplus_end: totals.last().map_or(0.0, |y| y.district_surplus),
            needy: needy.into_iter().map(|(d, v)| (d, v, s.first_dry(d).map(|t| s.years[t]))).collect(),
            needy_count,
        }
    }
}

/// A resident fund's financing over the run: every path and year summed
/// exactly, then divided by the paths (yuan).
pub struct ResidentFinancing {
    pub own: f64,
    /// Contribution help for subsidised groups.
    pub help: f64,
    /// Fiscal subsidies: central and provincial, city, district.
    pub upper: f64,
    pub city: f64,
    pub district: f64,
    pub outflow: f64,
    pub backstop: f64,
    pub district_government: f64,
}

impl ResidentFinancing {
    pub fn of(run: &RunResult) -> ResidentFinancing {
        let paths = f64::from(run.info.paths.max(1));
        let mut whole = LedgerYear::default();
        for t in &run.year_totals {
            whole.add(t);
        }
        let total = |f: &dyn Fn(&LedgerYear) -> Money| f(&whole).as_yuan_f64() / paths;
        ResidentFinancing {
            own: total(&|l| l.individual),
            help: total(&|l| l.assistance + l.district_help),
            upper: total(&|l| l.subsidy_upper),
            city: total(&|l| l.subsidy_city),
            district: total(&|l| l.subsidy_district),
            outflow: total(&|l| l.outflow()),
            backstop: total(&|l| l.fiscal_subsidy),
            district_government: total(&|l| l.district_government),
        }
    }

    /// All financing: own contributions, help and the three subsidies.
    pub fn financing(&self) -> f64 {
        self.own + self.help + self.upper + self.city + self.district
    }

    /// `x`'s share of the financing, `None` when there was none.
    pub fn share(&self, x: f64) -> Option<f64> {
        let f = self.financing();
        (f > 0.0).then(|| x / f)
    }
}

/// What the city adjustment fund moved over the run (means across paths,
/// yuan) and the districts most often granted money.
pub struct AdjustmentFigures {
    pub levies: f64,
    pub grants: f64,
    pub government: f64,
    pub end: f64,
    /// Up to five districts (index, share of path-years granted), the most
    /// often granted first.
    pub needy: Vec<(usize, f64)>,
}

impl AdjustmentFigures {
    /// `None` where the run has no adjustment fund row.
    pub fn of(run: &RunResult, adj: Option<&AdjustmentAcc>) -> Option<AdjustmentFigures> {
        let adj = adj.filter(|a| a.fund_row.is_some())?;
        let paths = f64::from(run.info.paths.max(1));
        let (a, b, c, d) = adj.totals();
        let [levies, grants, government, end] = [a, b, c, d].map(|m| m.as_yuan_f64() / paths);
        let path_years = paths * run.info.years.len() as f64;
        let (needy, _) = neediest(adj.granted().into_iter().map(|g| f64::from(g) / path_years));
        Some(AdjustmentFigures { levies, grants, government, end, needy })
    }
}
