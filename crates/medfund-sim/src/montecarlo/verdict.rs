//! The verdict on a fund, what its headline says (issue 11): how often it
//! runs dry within the horizon and when, what the fiscal backstop pays, and
//! the general average premium beside the rate charged.
//!
//! A path-year is *dry* when the city's fund (its districts summed) closes
//! the year below zero or the fiscal backstop pays in it: a fund the
//! budget has to rescue has run dry as surely as one that goes negative.
//! Money is summed exactly (fen); shares, medians of years and rates are
//! statistics (f64).

use medfund_rules::money::Money;

use super::CityPoint;
use crate::Scenario;

/// The economy's mean interest rate at the scenario's start: the yearly
/// rate the general average premium's present values are discounted at.
pub fn discount_rate(sc: &Scenario) -> f64 {
    sc.spec
        .projection
        .as_ref()
        .and_then(|p| p.economy.get_ref().at(sc.spec.scenario.start).map(|e| e.interest.mean))
        .unwrap_or(0.0)
}

/// One path's general average premium and the rate charged, from its city
/// points in year order; `None` when the path has no contribution base
/// (a resident fund, financed per head).
///
/// The premium is the constant total contribution rate (of the
/// contribution base) whose contributions, less what goes to personal
/// accounts, plus the other income (lump sums, per-head fees) and the
/// opening balance, pay the outflow over the horizon, all in present
/// values at the start of the first year with flows at year end:
/// premium × PV(base) = PV(outflow + to accounts) − opening − PV(other).
/// The rate charged is PV(employer + employee + flexible contributions) ÷
/// PV(base): the base-weighted rate actually charged.
pub fn path_premium(points: &[CityPoint], discount: f64) -> Option<(f64, f64)> {
    let (mut pv_out, mut pv_base, mut pv_other, mut pv_contrib) = (0.0, 0.0, 0.0, 0.0);
    for (t, c) in points.iter().enumerate() {
        let v = (1.0 + discount).powi(-(t as i32 + 1));
        pv_out += v * (c.outflow + c.to_personal_accounts).as_yuan_f64();
        pv_base += v * c.contribution_base.as_yuan_f64();
        pv_other += v * c.other_income.as_yuan_f64();
        pv_contrib += v * c.contributions.as_yuan_f64();
    }
    let opening = points.first().map_or(0.0, |c| c.balance_opening.as_yuan_f64());
    (pv_base > 0.0).then(|| ((pv_out - opening - pv_other) / pv_base, pv_contrib / pv_base))
}

/// The median of `v` (sorted here): the middle value, or the mean of the
/// two middle ones; NaN when empty. Infinities sort last.
pub fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// The median of years as a year: between two years, the later.
fn median_year(v: &mut [f64]) -> Option<i32> {
    let m = median(v);
    m.is_finite().then(|| m.ceil() as i32)
}

/// The median of amounts, to the fen (between two, their mean rounded
/// half away from zero); zero when empty.
fn median_money(v: &mut [Money]) -> Money {
    if v.is_empty() {
        return Money::ZERO;
    }
    v.sort();
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { Money::round_div(i128::from(v[n / 2 - 1].0) + i128::from(v[n / 2].0), 2) }
}

/// What a fund's paths say for its headline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdict {
    pub paths: u32,
    /// Paths with a dry year (closing balance below zero, or the fiscal
    /// backstop paying) within the horizon.
    pub dry_paths: u32,
    /// The median path's first dry year, counting a path never dry as
    /// later than any year: `None` when at least half the paths are never
    /// dry.
    pub median_first_dry: Option<i32>,
    /// The median first dry year of the paths that run dry (`None` when
    /// none does).
    pub median_first_dry_of_dry: Option<i32>,
    /// What the fiscal backstop paid, summed over every path and year.
    pub backstop_total: Money,
    /// Paths in which the backstop paid in some year.
    pub backstop_paths: u32,
    /// The median over those paths of what it paid them over the horizon.
    pub backstop_median_of_paying: Money,
    /// Mean across paths of each path's general average premium and rate
    /// charged ([`path_premium`]); `None` for a fund without contribution
    /// base.
    pub premium: Option<f64>,
    pub charged: Option<f64>,
    /// The yearly discount rate of the present values.
    pub discount: f64,
    /// The first year of a current-year deficit (当期赤字: the year's income,
    /// the backstop's payment left out, below its outflow) across paths.
    pub first_current_deficit: FirstYears,
    /// The first year of an accumulated deficit (累计赤字: the closing
    /// balance below zero, or the backstop paying), across paths.
    pub first_accumulated_deficit: FirstYears,
}

/// When something first happens on a path, across paths: the 5th, 50th
/// and 95th percentiles (nearest rank, a path where it never happens
/// counting as later than the horizon: `None`), and the share of paths
/// where it happens within the horizon.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FirstYears {
    pub p5: Option<i32>,
    pub median: Option<i32>,
    pub p95: Option<i32>,
    pub share: f64,
}

impl FirstYears {
    /// From each path's first year (`None`: never within the horizon).
    pub fn of(firsts: &[Option<i32>]) -> FirstYears {
        let mut v: Vec<i32> = firsts.iter().map(|y| y.unwrap_or(i32::MAX)).collect();
        v.sort_unstable();
        let n = v.len();
        let at = |q: f64| -> Option<i32> {
            if n == 0 {
                return None;
            }
            // Nearest rank: the ⌈q·n⌉-th smallest.
            let k = ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
            Some(v[k]).filter(|y| *y != i32::MAX)
        };
        let within = firsts.iter().filter(|y| y.is_some()).count();
        FirstYears { p5: at(0.05), median: at(0.5), p95: at(0.95), share: within as f64 / n.max(1) as f64 }
    }
}

impl Verdict {
    /// From a fund's city points sorted by (path, year), every year of
    /// each path.
    pub fn of(points: &[CityPoint], discount: f64) -> Verdict {
        let mut first: Vec<f64> = Vec::new();
        let mut paid: Vec<Money> = Vec::new();
        let mut backstop_total = Money::ZERO;
        let (mut gap, mut charged, mut priced) = (0.0, 0.0, 0u32);
        let (mut current, mut accumulated) = (Vec::new(), Vec::new());
        for p in points.chunk_by(|a, b| a.path == b.path) {
            let dry = p.iter().find(|c| c.balance_closing < Money::ZERO || c.fiscal_subsidy > Money::ZERO);
            accumulated.push(dry.map(|c| c.year));
            current.push(p.iter().find(|c| c.income - c.fiscal_subsidy < c.outflow).map(|c| c.year));
            first.push(dry.map_or(f64::INFINITY, |c| f64::from(c.year)));
            let sub: Money = p.iter().map(|c| c.fiscal_subsidy).sum();
            backstop_total += sub;
            if sub > Money::ZERO {
                paid.push(sub);
            }
            if let Some((g, c)) = path_premium(p, discount) {
                gap += g;
                charged += c;
                priced += 1;
            }
        }
        let paths = first.len() as u32;
        let mut of_dry: Vec<f64> = first.iter().copied().filter(|y| y.is_finite()).collect();
        let n = f64::from(paths.max(1));
        Verdict {
            paths,
            dry_paths: of_dry.len() as u32,
            median_first_dry: median_year(&mut first),
            median_first_dry_of_dry: median_year(&mut of_dry),
            backstop_total,
            backstop_paths: paid.len() as u32,
            backstop_median_of_paying: median_money(&mut paid),
            premium: (priced > 0).then(|| gap / n),
            charged: (priced > 0).then(|| charged / n),
            discount,
            first_current_deficit: FirstYears::of(&current),
            first_accumulated_deficit: FirstYears::of(&accumulated),
        }
    }

    /// The share of paths with a dry year.
    pub fn p_dry(&self) -> f64 {
        f64::from(self.dry_paths) / f64::from(self.paths.max(1))
    }

    /// What the backstop pays over the horizon in expectation: the mean
    /// over paths, to the fen.
    pub fn backstop_expected(&self) -> Money {
        Money::round_div(i128::from(self.backstop_total.0), i128::from(self.paths.max(1)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_years_take_never_as_later_than_the_horizon() {
        use super::FirstYears;
        // 20 paths: 2030 on 4, 2032 on 8, never on 8. Nearest rank:
        // 5% → the 1st (2030), 50% → the 10th (2032), 95% → the 19th (never).
        let mut v = vec![Some(2030); 4];
        v.extend(vec![Some(2032); 8]);
        v.extend(vec![None; 8]);
        let f = FirstYears::of(&v);
        assert_eq!((f.p5, f.median, f.p95), (Some(2030), Some(2032), None));
        assert_eq!(f.share, 0.6);
        // Fewer than half: no median year.
        let f = FirstYears::of(&[Some(2040), None, None]);
        assert_eq!((f.p5, f.median, f.share), (Some(2040), None, 1.0 / 3.0));
        assert_eq!(FirstYears::of(&[]), FirstYears::default());
    }

    use super::*;

    fn point(path: u32, year: i32, closing: i64, subsidy: i64) -> CityPoint {
        CityPoint {
            path,
            year,
            balance_closing: Money::yuan(closing),
            fiscal_subsidy: Money::yuan(subsidy),
            ..CityPoint::default()
        }
    }

    #[test]
    fn dry_years_backstop_and_medians_by_hand() {
        // Three paths over 2025–2026. Path 0 never dry; path 1 dry in 2026
        // (balance −5); path 2 dry in 2025 (the backstop pays 30) and 2026
        // (pays 10). Dry: 2 of 3; first dry years 2025, 2026, never → the
        // median is 2026; of the dry, (2025 + 2026) / 2 → 2026 (the later).
        // Backstop: 40 in all, one path paying, mean 40 / 3 = 13.33.
        let pts = vec![
            point(0, 2025, 100, 0),
            point(0, 2026, 90, 0),
            point(1, 2025, 20, 0),
            point(1, 2026, -5, 0),
            point(2, 2025, 0, 30),
            point(2, 2026, 0, 10),
        ];
        let v = Verdict::of(&pts, 0.0);
        assert_eq!(v.dry_paths, 2);
        assert_eq!(v.median_first_dry, Some(2026));
        assert_eq!(v.median_first_dry_of_dry, Some(2026));
        assert_eq!(v.backstop_total, Money::yuan(40));
        assert_eq!(v.backstop_paths, 1);
        assert_eq!(v.backstop_median_of_paying, Money::yuan(40));
        assert_eq!(v.backstop_expected(), Money(1333));
        assert_eq!((v.premium, v.charged), (None, None));
        // Path 2 alone kept dry: half the paths never dry → no median.
        let v = Verdict::of(&[pts[0], pts[1], pts[4], pts[5]], 0.0);
        assert_eq!((v.median_first_dry, v.median_first_dry_of_dry), (None, Some(2025)));
    }
}
