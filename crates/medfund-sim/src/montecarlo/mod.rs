//! The Monte Carlo driver: many stochastic futures of one city's pooled
//! fund, in parallel, reproducible to the byte whatever the thread count.
//!
//! Each path's random numbers come from (seed, path, year, purpose)
//! ([`rng::stream`]), never from scheduling order; random draws never depend
//! on the rules, so two scenarios (or two stress cells) run on one seed see
//! the same population and the same claims (common random numbers).

pub mod path;
pub mod resident;
mod stats;
pub mod summary;
pub mod verdict;

use rayon::prelude::*;

use crate::claims::Coverage;
use crate::inputs::tables::Data;
use crate::population::{Population, roster};
use crate::rng;
use crate::{Projected, Scenario};
use medfund_rules::scenario::{Date, Scheme};
pub use path::{CalibrationStats, Setup, simulate_path, simulate_path_into};
pub use resident::{ResidentSetup, simulate_resident_path, simulate_resident_path_into};

use crate::ledger::{Fund, LedgerRow, LedgerYear};
use medfund_rules::money::Money;
use summary::SummaryYear;
pub use summary::{CityPoint, add_year_totals, summarise, summarise_points, year_totals};

/// What a run was: enough to reproduce it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunInfo {
    /// Scenario name and the file it was read from.
    pub scenario: String,
    pub scenario_file: String,
    /// FNV-1a hash of the scenario text, hex.
    pub scenario_hash: String,
    /// Which fund the ledger is of.
    pub fund: Fund,
    pub seed: u64,
    pub paths: u32,
    /// Projection years, in order.
    pub years: Vec<i32>,
    /// District names, indexed by `LedgerRow::district`.
    pub districts: Vec<String>,
    /// ASCII labels of the districts for charts (the name when none).
    pub district_labels: Vec<String>,
    /// Each district's class for the deficit sharing.
    pub district_classes: Vec<medfund_rules::settle::DistrictClass>,
    /// `--set key=value` overrides applied, as given.
    pub overrides: Vec<String>,
    /// The scenario's resident fund was left out (`--employee-only`).
    pub employee_only: bool,
    /// medfund's version.
    pub version: String,
    /// The scenario's assumptions: (parameter key, reason).
    pub assumptions: Vec<(String, String)>,
    /// The yearly rate the general average premium is discounted at (the
    /// economy's mean interest rate, [`verdict::discount_rate`]).
    pub discount: f64,
    /// The ledger's optional columns this fund's rules fill in some year
    /// (a resident fund's per-head outflows): the others are left out of
    /// the tables, being zero.
    pub optional_columns: Vec<&'static str>,
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
    /// Per year, the city ledgers of every path summed (for means of any
    /// column: charts, the report).
    pub year_totals: Vec<LedgerYear>,
    /// The resident fund's run beside the employee one, where the scenario
    /// projects residents (same seed, paths and economy; its own ledger).
    pub resident: Option<Box<RunResult>>,
    /// What the headline says of the fund ([`verdict::Verdict`]).
    pub verdict: verdict::Verdict,
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

/// How many futures, how far, from which seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub years: u32,
    pub paths: u32,
    pub seed: u64,
    /// `--set` overrides already applied to the scenario (recorded only).
    pub overrides: Vec<String>,
}

/// The scenario's assumptions, the parameters the policy texts do not set:
/// (parameter key, reason), as report.md, run.json and the workbooks list them.
pub fn assumptions(sc: &Scenario) -> Vec<(String, String)> {
    sc.spec
        .params()
        .iter()
        .filter_map(|(k, p)| match p.provenance() {
            medfund_rules::scenario::Provenance::Assumption(a) => Some((k.clone(), a)),
            _ => None,
        })
        .collect()
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
    // A sample (`--sample`): the first members of the full population, each
    // standing for `weight` people.
    let weight = population.weight();
    let mut sampled = population.clone();
    sampled.members = ((f64::from(population.members) * population.sample).round() as u32).max(1);
    let base = match pj.roster.as_ref().and_then(|r| r.get_ref().value.as_ref()) {
        Some(people) => roster::population(people, &districts)?,
        None => Population::generate(
            &sampled,
            &districts,
            data,
            &retirement[0],
            rules[0].minimum_years.as_ref().map_or(0, |m| m.v.resident_year_months.unwrap_or(0)),
            rng::key(o.seed, 0, start, rng::Purpose::Population),
        ),
    };
    let schedule =
        pj.claim_schedule.as_ref().and_then(|c| c.get_ref().value.as_deref()).map(roster::schedule).transpose()?;
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
        weight,
        schedule,
    })
}

/// Resolve what the resident paths need, when the scenario projects a
/// resident fund (`[resident]` rules with `financing`, and
/// `[projection.residents]`).
pub fn resident_setup(sc: &Scenario, s: &Setup) -> Result<Option<ResidentSetup>, String> {
    let Some(pj) = sc.spec.projection.as_ref() else { return Ok(None) };
    let Some(rp) = pj.residents.as_ref() else { return Ok(None) };
    if sc.spec.resident.is_none() {
        return Err("projection.residents is given but the scenario has no [resident] rules".into());
    }
    let start = s.years[0];
    let params = rp
        .get_ref()
        .at(Date::jan1(start))
        .cloned()
        .ok_or_else(|| format!("projection.residents has no value in force on {}", Date::jan1(start)))?;
    // The last year the scenario dates a financing standard; an undated
    // standard is the first projection year's.
    let last_dated = sc
        .spec
        .resident
        .as_ref()
        .and_then(|r| r.financing.as_ref())
        .and_then(|f| f.get_ref().dates().last().map(|d| d.year))
        .unwrap_or(start)
        .max(start);
    let mut rules = Vec::with_capacity(s.years.len());
    for &y in &s.years {
        let mut r = sc.year_rules(Scheme::Resident, y)?;
        let Some(f) = &r.financing else {
            return Err(format!("resident.financing has no value for {y}: the resident fund cannot be projected"));
        };
        if y > last_dated && params.standard_growth != 0.0 {
            // Standards grown from the last dated one, to the whole yuan.
            let g = (1.0 + params.standard_growth).powi(y - last_dated);
            let grow = |m: Money| Money::yuan((m.as_yuan_f64() * g).round() as i64);
            let mut v = f.v.clone();
            v.individual = grow(v.individual);
            v.tier2_individual = v.tier2_individual.map(grow);
            v.subsidy = grow(v.subsidy);
            let mut grown = (*r).clone();
            grown.financing = Some(medfund_rules::scenario::Cited {
                v,
                cite: std::sync::Arc::from(format!(
                    "{} grown {:.1}% a year after {last_dated} (projection.residents.standard_growth)",
                    f.cite,
                    params.standard_growth * 100.0
                )),
            });
            r = std::sync::Arc::new(grown);
        }
        rules.push(r);
    }
    let group_names: Vec<String> =
        rules[0].subsidised_groups.as_ref().map(|g| g.v.iter().map(|x| x.name.clone()).collect()).unwrap_or_default();
    if let Some(unknown) = params.groups.keys().find(|k| !group_names.contains(k)) {
        return Err(format!(
            "projection.residents.groups names `{unknown}`, which is not among resident.subsidised_groups ({})",
            group_names.join(", ")
        ));
    }
    let groups = rules
        .iter()
        .map(|r| {
            let list = r.subsidised_groups.as_ref().map(|g| g.v.clone()).unwrap_or_default();
            group_names.iter().map(|n| list.iter().find(|g| &g.name == n).cloned()).collect()
        })
        .collect();
    let resident_sum: f64 = s.districts.iter().map(|d| d.resident_share.unwrap_or(d.share)).sum();
    if (resident_sum - 1.0).abs() > 1e-6 {
        return Err(format!("the districts' resident shares add to {resident_sum}, not 1"));
    }
    let mut claims = s.claims.clone();
    claims.inpatient_cost_mean =
        Money((claims.inpatient_cost_mean.0 as f64 * params.inpatient_cost_factor).round() as i64);
    claims.inpatient_levels = params.inpatient_levels.clone();
    // A male resident's partner is, as a rule, a resident in her own right.
    claims.spouse_uninsured_share = 0.0;
    let coverage = rules.iter().map(|r| Coverage::of(r)).collect();
    let data = s.data;
    // The employee population's sample applies to residents too.
    let mut sampled = params.clone();
    sampled.members = ((f64::from(params.members) / f64::from(s.weight)).round() as u32).max(1);
    let base = Population::generate_residents(
        &sampled,
        &s.districts,
        &group_names,
        data,
        rng::key(s.seed, 0, start, rng::Purpose::ResidentPopulation),
    );
    Ok(Some(ResidentSetup {
        seed: s.seed,
        years: s.years.clone(),
        avg_wage: rules[0].avg_wage.v,
        rules,
        coverage,
        groups,
        group_names,
        scale: crate::claims::Scale {
            inpatient_rate: params.inpatient_rate_factor,
            outpatient_spending: params.outpatient_factor,
        },
        params,
        districts: s.districts.clone(),
        economy: s.economy.clone(),
        claims,
        backstop: s.backstop,
        data,
        base,
        weight: s.weight,
    }))
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
    in_parallel(paths, progress, |p| simulate_path(s, p))
}

/// `path` for every path of `paths` in parallel, progress after each, the
/// results in path order.
fn in_parallel<T: Send>(
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
    path: impl Fn(u32) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    paths
        .into_par_iter()
        .map(|p| {
            let r = path(p);
            progress();
            r
        })
        .collect()
}

/// Run every resident path in parallel, in path order.
pub fn run_resident_paths(
    s: &ResidentSetup,
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Vec<LedgerRow>>, String> {
    in_parallel(paths, progress, |p| simulate_resident_path(s, p))
}

/// [`run_paths`], each path with its member-years as input lines of
/// `medfund adjudicate` ([`simulate_path_into`]), in path order.
pub fn run_paths_with_claims(
    s: &Setup,
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<(PathResult, Vec<String>)>, String> {
    in_parallel(paths, progress, |p| {
        let mut lines = Vec::new();
        simulate_path_into(s, p, Some(&mut lines)).map(|r| (r, lines))
    })
}

/// A resident path's ledger rows and its member-years as input lines.
pub type PathWithClaims = (Vec<LedgerRow>, Vec<String>);

/// [`run_resident_paths`], each path with its member-years as input lines
/// of `medfund adjudicate` ([`simulate_resident_path_into`]), in path order.
pub fn run_resident_paths_with_claims(
    s: &ResidentSetup,
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<PathWithClaims>, String> {
    in_parallel(paths, progress, |p| {
        let mut lines = Vec::new();
        simulate_resident_path_into(s, p, Some(&mut lines)).map(|r| (r, lines))
    })
}

/// Whether a scenario projects a resident fund beside the employee one
/// (then a run has twice as many path simulations to report progress on).
pub fn projects_residents(sc: &Scenario) -> bool {
    sc.spec.projection.as_ref().is_some_and(|p| p.residents.is_some())
}

/// The name the adjustment fund's ledger row goes by.
pub const ADJUSTMENT_FUND_ROW: &str = "市级调剂金 (city adjustment fund)";

/// A whole run: the ledger of every path, the city rows and the summary,
/// for the employee fund and, where the scenario projects one, the
/// resident fund.
pub fn run(sc: &Scenario, o: &RunOptions, progress: &(dyn Fn() + Sync)) -> Result<RunResult, String> {
    run_part(sc, o, 0..o.paths, progress)
}

/// Part of a run (a shard, issue 6): the rows of the paths in `paths` only,
/// for each fund, with the summary of those paths alone; `info` is the whole
/// run's (`paths` = `o.paths`). A path's rows are the same whichever part
/// computes it, so the parts' rows, put together in path order, are the
/// whole run's; an empty range gives the run's `info` alone.
pub fn run_part(
    sc: &Scenario,
    o: &RunOptions,
    paths: std::ops::Range<u32>,
    progress: &(dyn Fn() + Sync),
) -> Result<RunResult, String> {
    let (mut employee, mut resident) = (Vec::new(), Vec::new());
    let n = paths.end.saturating_sub(paths.start).max(1);
    let mut r = run_streaming(sc, o, paths, n, true, progress, &mut |info, rows| {
        match info.fund {
            Fund::Employee => employee.extend(rows),
            Fund::Resident => resident.extend(rows),
        }
        Ok(())
    })?;
    r.rows = employee;
    if let Some(res) = r.resident.as_mut() {
        res.rows = resident;
    }
    Ok(r)
}

/// Where a streaming run's ledger rows go: the fund's run info and a batch
/// of rows in path order.
pub type RowSink<'a> = dyn FnMut(&RunInfo, Vec<LedgerRow>) -> Result<(), String> + 'a;

/// Paths a streaming run simulates at a time (and the ledger files' row
/// groups): its memory is this many paths' rows, whatever the run's paths.
pub const CHUNK_PATHS: u32 = 64;

/// [`run_part`] handing each fund's ledger rows to `sink` as they are made,
/// with the fund's run info, `chunk` paths at a time in path order (the
/// employee fund's first). The result's `rows` are empty, and its `city`
/// rows too unless `keep_city` (a few figures per path and year are kept
/// for the summary): memory does not grow with the paths × districts.
pub fn run_streaming(
    sc: &Scenario,
    o: &RunOptions,
    paths: std::ops::Range<u32>,
    chunk: u32,
    keep_city: bool,
    progress: &(dyn Fn() + Sync),
    sink: &mut RowSink<'_>,
) -> Result<RunResult, String> {
    run_streaming_with_claims(sc, o, paths, chunk, keep_city, progress, sink, None)
}

/// [`run_streaming`], also gathering into `claims` (when given) every
/// member-year that had a claim, as input lines of `medfund adjudicate`
/// (`medfund simulate --claims-out`): the employee fund's, by path, year
/// and member, then the resident fund's likewise, whatever the thread
/// count. They are kept in memory: for small runs. The ledger rows are the
/// same with or without.
#[allow(clippy::too_many_arguments)]
pub fn run_streaming_with_claims(
    sc: &Scenario,
    o: &RunOptions,
    paths: std::ops::Range<u32>,
    chunk: u32,
    keep_city: bool,
    progress: &(dyn Fn() + Sync),
    sink: &mut RowSink<'_>,
    mut claims: Option<&mut Vec<String>>,
) -> Result<RunResult, String> {
    if paths.end > o.paths {
        return Err(format!("paths {}..{} are outside the run's {} paths", paths.start, paths.end, o.paths));
    }
    let s = setup(sc, o)?;
    let rs = resident_setup(sc, &s)?;
    let chunks = |r: &std::ops::Range<u32>| {
        let (start, end, step) = (r.start, r.end, chunk.max(1));
        (start..end).step_by(step as usize).map(move |a| a..(a + step).min(end))
    };
    let info = RunInfo {
        scenario: sc.name().to_string(),
        scenario_file: sc.origin.clone(),
        employee_only: sc.residents_dropped(),
        scenario_hash: fingerprint(&sc.src),
        fund: Fund::Employee,
        seed: o.seed,
        paths: o.paths,
        years: s.years.clone(),
        districts: s.districts.iter().map(|d| d.name.clone()).collect(),
        district_labels: s.districts.iter().map(|d| d.label.clone().unwrap_or_else(|| d.name.clone())).collect(),
        district_classes: s.districts.iter().map(|d| d.class).collect(),
        overrides: o.overrides.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        assumptions: assumptions(sc),
        discount: verdict::discount_rate(sc),
        optional_columns: if s.rules.iter().any(|r| r.top_up_fund.is_some()) {
            LedgerYear::TOP_UP_FUND.iter().map(|(n, _)| *n).collect()
        } else {
            Vec::new()
        },
    };
    let mut acc = CityAcc::new(&s.years, keep_city);
    for c in chunks(&paths) {
        let rows: Vec<LedgerRow> = match claims.as_deref_mut() {
            None => run_paths(&s, c, progress)?.into_iter().flat_map(|(r, _)| r).collect(),
            Some(out) => {
                let mut rows = Vec::new();
                for ((r, _), lines) in run_paths_with_claims(&s, c, progress)? {
                    rows.extend(r);
                    out.extend(lines);
                }
                rows
            }
        };
        acc.add(&rows);
        sink(&info, rows)?;
    }
    let resident = match rs {
        None => None,
        Some(r) => {
            let mut info = info.clone();
            info.fund = Fund::Resident;
            info.optional_columns = resident_optional_columns(&r.rules);
            if r.has_adjustment_fund() {
                info.districts.push(ADJUSTMENT_FUND_ROW.to_string());
                info.district_labels.push("Adjustment fund".to_string());
                info.district_classes.push(medfund_rules::settle::DistrictClass::Other);
            }
            let mut acc = CityAcc::new(&r.years, keep_city);
            for c in chunks(&paths) {
                let rows: Vec<LedgerRow> = match claims.as_deref_mut() {
                    None => run_resident_paths(&r, c, progress)?.into_iter().flatten().collect(),
                    Some(out) => {
                        let mut rows = Vec::new();
                        for (path_rows, lines) in run_resident_paths_with_claims(&r, c, progress)? {
                            rows.extend(path_rows);
                            out.extend(lines);
                        }
                        rows
                    }
                };
                acc.add(&rows);
                sink(&info, rows)?;
            }
            Some(Box::new(acc.finish(info, None)))
        }
    };
    Ok(acc.finish(info, resident))
}

/// The per-head outflows (their ledger columns) a resident fund's rules
/// have in some year.
fn resident_optional_columns(rules: &[std::sync::Arc<medfund_rules::scenario::YearRules>]) -> Vec<&'static str> {
    let mut v = Vec::new();
    if rules.iter().any(|r| r.per_head_outflows.critical_illness_insurance.is_some()) {
        v.push("critical_illness_insurance");
    }
    if rules.iter().any(|r| r.per_head_outflows.general_consultation.is_some()) {
        v.push("general_consultation");
    }
    v
}

/// A fund's city rows gathered batch by batch: the summary's points and the
/// year totals always, the city rows themselves only when kept.
pub struct CityAcc {
    years: Vec<i32>,
    keep: bool,
    city: Vec<LedgerRow>,
    points: Vec<CityPoint>,
    totals: Vec<LedgerYear>,
}

impl CityAcc {
    pub fn new(years: &[i32], keep_city: bool) -> CityAcc {
        CityAcc {
            years: years.to_vec(),
            keep: keep_city,
            city: Vec::new(),
            points: Vec::new(),
            totals: vec![LedgerYear::default(); years.len()],
        }
    }

    /// The district rows of whole paths, in path order.
    pub fn add(&mut self, rows: &[LedgerRow]) {
        let city = city_rows(rows);
        add_year_totals(&mut self.totals, &city, &self.years);
        self.points.extend(city.iter().map(CityPoint::of));
        if self.keep {
            self.city.extend(city);
        }
    }

    /// The fund's result (its `rows` empty).
    pub fn finish(self, info: RunInfo, resident: Option<Box<RunResult>>) -> RunResult {
        let summary = summarise_points(&self.points, &self.years);
        let verdict = verdict::Verdict::of(&self.points, info.discount);
        RunResult { info, rows: Vec::new(), city: self.city, summary, year_totals: self.totals, resident, verdict }
    }
}
