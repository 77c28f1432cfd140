//! The Monte Carlo driver: many stochastic futures of one city's pooled
//! fund, in parallel, reproducible to the byte whatever the thread count.
//!
//! Each path's random numbers come from (seed, path, year, purpose)
//! ([`rng::stream`]), never from scheduling order; random draws never depend
//! on the rules, so two scenarios (or two stress cells) run on one seed see
//! the same population and the same claims (common random numbers).

pub mod calibration;
pub mod path;
pub mod rng;
pub mod summary;

use rayon::prelude::*;

use crate::claims::Coverage;
use crate::data::Data;
use crate::population::Population;
use crate::scenario::{Date, Scenario, Scheme};
pub use path::{CalibrationStats, Setup, simulate_path};

use crate::ledger::{LedgerRow, LedgerYear};
use crate::money::Money;
use summary::{PERCENTILES, SummaryYear, percentile};

/// What a run was: enough to reproduce it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    /// Scenario name and the file it was read from.
    pub scenario: String,
    pub scenario_file: String,
    /// FNV-1a hash of the scenario text, hex.
    pub scenario_hash: String,
    pub seed: u64,
    pub paths: u32,
    /// Projection years, in order.
    pub years: Vec<i32>,
    /// District names, indexed by `LedgerRow::district`.
    pub districts: Vec<String>,
    /// ASCII labels of the districts for charts (the name when none).
    pub district_labels: Vec<String>,
    /// Each district's class for the deficit sharing.
    pub district_classes: Vec<crate::settle::DistrictClass>,
    /// `--set key=value` overrides applied, as given.
    pub overrides: Vec<String>,
    /// medfund's version.
    pub version: String,
    /// The scenario's assumptions: (parameter key, reason).
    pub assumptions: Vec<(String, String)>,
}

/// A finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub info: RunInfo,
    /// One row per path × year × district, sorted by (path, year, district).
    pub rows: Vec<LedgerRow>,
    /// One city-level row per path × year (districts summed), sorted by
    /// (path, year); `district` is 0.
    pub city: Vec<LedgerRow>,
    /// Per year across paths.
    pub summary: Vec<SummaryYear>,
}

/// Sum the district rows of each path and year into city rows.
pub fn city_rows(rows: &[LedgerRow]) -> Vec<LedgerRow> {
    let mut out: Vec<LedgerRow> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last.path == r.path && last.year == r.year => last.ledger.add(&r.ledger),
            _ => out.push(LedgerRow { path: r.path, year: r.year, district: 0, ledger: r.ledger.clone() }),
        }
    }
    out
}

fn yuan(m: Money) -> f64 {
    m.as_yuan_f64()
}

/// The per-year summary of city rows sorted by (path, year).
pub fn summarise(city: &[LedgerRow], years: &[i32]) -> Vec<SummaryYear> {
    let mut first_depletion: std::collections::HashMap<u32, i32> = std::collections::HashMap::new();
    for r in city {
        if r.ledger.balance_closing < Money::ZERO {
            first_depletion.entry(r.path).or_insert(r.year);
        }
    }
    years
        .iter()
        .map(|&y| {
            let rs: Vec<&LedgerYear> = city.iter().filter(|r| r.year == y).map(|r| &r.ledger).collect();
            let n = rs.len().max(1) as f64;
            let mut bal: Vec<f64> = rs.iter().map(|l| yuan(l.balance_closing)).collect();
            // A year with no spending has unbounded months: count it as
            // f64::INFINITY so it sorts last and never reads as depleted.
            let mut months: Vec<f64> = rs.iter().map(|l| l.months_of_payment().unwrap_or(f64::INFINITY)).collect();
            bal.sort_by(f64::total_cmp);
            months.sort_by(f64::total_cmp);
            let share = |f: &dyn Fn(&LedgerYear) -> bool| rs.iter().filter(|l| f(l)).count() as f64 / n;
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
                income_mean: rs.iter().map(|l| yuan(l.income())).sum::<f64>() / n,
                outflow_mean: rs.iter().map(|l| yuan(l.outflow())).sum::<f64>() / n,
            }
        })
        .collect()
}

/// How many futures, how far, from which seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub years: u32,
    pub paths: u32,
    pub seed: u64,
    /// `--set` overrides already applied to the scenario (recorded only).
    pub overrides: Vec<String>,
}

/// FNV-1a, 64 bits, as hex: a stable fingerprint of a scenario's text.
pub fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Resolve what the paths need.
pub fn setup(sc: &Scenario, o: &RunOptions) -> Result<Setup, String> {
    let pj = sc.spec.projection.as_ref().ok_or_else(|| {
        format!("scenario `{}` has no [projection] section: it can be adjudicated but not projected", sc.name())
    })?;
    if o.years == 0 || o.paths == 0 {
        return Err("--years and --paths must be at least 1".into());
    }
    let at = |date: Date| {
        let need = |what: &str| format!("projection.{what} has no value in force on {date}");
        Ok::<_, String>((
            pj.population.get_ref().at(date).cloned().ok_or_else(|| need("population"))?,
            pj.districts.get_ref().at(date).cloned().ok_or_else(|| need("districts"))?,
            pj.economy.get_ref().at(date).cloned().ok_or_else(|| need("economy"))?,
            pj.claims.get_ref().at(date).cloned().ok_or_else(|| need("claims"))?,
            pj.fund.get_ref().at(date).cloned().ok_or_else(|| need("fund"))?,
            *pj.backstop.get_ref().at(date).ok_or_else(|| need("backstop"))?,
        ))
    };
    let fund0 = pj.fund.get_ref().at(sc.spec.scenario.start).cloned().ok_or("projection.fund has no value")?;
    let start = fund0.start_year.max(sc.spec.scenario.start.year);
    let (population, districts, economy, claims, fund, backstop) = at(Date::jan1(start))?;
    let districts = districts.resolve()?;
    // A city with a district settlement needs targets (and the reverse).
    let settlement = match (&sc.spec.district_settlement, &pj.targets) {
        (Some(r), Some(t)) => Some((
            *r.get_ref().at(Date::jan1(start)).ok_or("district_settlement has no value")?,
            *t.get_ref().at(Date::jan1(start)).ok_or("projection.targets has no value")?,
        )),
        (Some(_), None) => return Err("the scenario settles districts but has no projection.targets".into()),
        _ => None,
    };
    let years: Vec<i32> = (start..start + o.years as i32).collect();
    let mut rules = Vec::with_capacity(years.len());
    let mut retirement = Vec::with_capacity(years.len());
    for &y in &years {
        rules.push(sc.year_rules(Scheme::Employee, y)?);
        retirement.push(match &pj.retirement_age {
            Some(p) => *p
                .get_ref()
                .at(Date::jan1(y))
                .ok_or_else(|| format!("projection.retirement_age has no value for {y}"))?,
            None => Data::builtin().retirement(y),
        });
    }
    let coverage: Vec<Coverage> = rules.iter().map(|r| Coverage::of(r)).collect();
    if let Some(d) = rules[0].special_outpatient.as_ref().and_then(|s| s.v.diseases.as_ref())
        && claims.chronic_weights.len() != d.table.len()
    {
        return Err(format!(
            "projection.claims.chronic_weights has {} weights but the chronic disease table has {} diseases",
            claims.chronic_weights.len(),
            d.table.len()
        ));
    }
    let data = Data::builtin();
    let base = Population::generate(
        &population,
        &districts,
        data,
        &retirement[0],
        rng::key(o.seed, 0, start, rng::Purpose::Population),
    );
    let avg_wage = rules[0].avg_wage.v;
    Ok(Setup {
        seed: o.seed,
        years,
        rules,
        coverage,
        retirement,
        population,
        districts,
        economy,
        claims,
        fund,
        backstop,
        settlement,
        avg_wage,
        data,
        base,
    })
}

/// One path's ledger rows and calibration figures.
pub type PathResult = (Vec<LedgerRow>, Vec<CalibrationStats>);

/// Run every path in parallel; results come back in path order whatever
/// the scheduling. `progress` is called once per finished path.
pub fn run_paths(
    s: &Setup,
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<PathResult>, String> {
    paths
        .into_par_iter()
        .map(|p| {
            let r = simulate_path(s, p);
            progress();
            r
        })
        .collect()
}

/// A whole run: the ledger of every path, the city rows and the summary.
pub fn run(sc: &Scenario, o: &RunOptions, progress: &(dyn Fn() + Sync)) -> Result<RunResult, String> {
    let s = setup(sc, o)?;
    let results = run_paths(&s, 0..o.paths, progress)?;
    let rows: Vec<LedgerRow> = results.into_iter().flat_map(|(r, _)| r).collect();
    let city = city_rows(&rows);
    let summary = summarise(&city, &s.years);
    let info = RunInfo {
        scenario: sc.name().to_string(),
        scenario_file: sc.file.clone(),
        scenario_hash: fingerprint(&sc.src),
        seed: o.seed,
        paths: o.paths,
        years: s.years.clone(),
        districts: s.districts.iter().map(|d| d.name.clone()).collect(),
        district_labels: s.districts.iter().map(|d| d.label.clone().unwrap_or_else(|| d.name.clone())).collect(),
        district_classes: s.districts.iter().map(|d| d.class).collect(),
        overrides: o.overrides.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        assumptions: sc
            .spec
            .params()
            .iter()
            .filter_map(|(k, p)| match p.provenance() {
                crate::scenario::Provenance::Assumption(a) => Some((k.clone(), a)),
                _ => None,
            })
            .collect(),
    };
    Ok(RunResult { info, rows, city, summary })
}
