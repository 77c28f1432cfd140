//! The scenario of a projection: the rules' scenario with its
//! `[projection]` section read as [`ProjectionSpec`], the checks of that
//! section (values beyond their types, and against the rules of the same
//! file), and what a run asks of it.

use std::ops::Range;

use medfund_rules::scenario::ranges::{AGE, Bounds, COUNT, DAYS, MONEY, MONTHS, MULTIPLE, RangeRule, SHARE, YEARS};
use medfund_rules::scenario::schema::P;
use medfund_rules::scenario::{ParamView, ScenarioFile, Section};

use crate::inputs::params::{ProjectionSpec, ResidentParams};

/// A scenario whose `[projection]` section is read.
pub type Scenario = medfund_rules::scenario::Scenario<ProjectionSpec>;

impl Section for ProjectionSpec {
    fn params(&self) -> Vec<(String, &dyn ParamView)> {
        let mut v: Vec<(String, &dyn ParamView)> =
            vec![("projection.population".into(), &self.population), ("projection.districts".into(), &self.districts)];
        if let Some(t) = &self.targets {
            v.push(("projection.targets".into(), t));
        }
        v.push(("projection.economy".into(), &self.economy));
        v.push(("projection.claims".into(), &self.claims));
        v.push(("projection.fund".into(), &self.fund));
        v.push(("projection.backstop".into(), &self.backstop));
        if let Some(r) = &self.retirement_age {
            v.push(("projection.retirement_age".into(), r));
        }
        if let Some(r) = &self.residents {
            v.push(("projection.residents".into(), r));
        }
        if let Some(r) = &self.roster {
            v.push(("projection.roster".into(), r));
        }
        if let Some(c) = &self.claim_schedule {
            v.push(("projection.claim_schedule".into(), c));
        }
        v
    }

    fn check(&self, file: &ScenarioFile<Self>) -> Result<(), (String, Range<usize>, String)> {
        check_values(self)?;
        if let Some(r) = &self.residents {
            check_residents(file, r).map_err(|m| ("projection.residents".to_string(), r.span(), m))?;
        }
        check_roster(self, file)?;
        Ok(())
    }

    fn carry_over(&mut self, from: &Self) {
        self.residents_dropped = from.residents_dropped;
    }

    fn ranges() -> Option<&'static [RangeRule]> {
        Some(PROJECTION_RANGES)
    }

    fn check_text(&self, src: &str) -> Result<(), (String, Range<usize>, String)> {
        crate::sensitivity_ranges::check(&self.sensitivity, src)
    }
}

const fn rule(pattern: &'static str, bounds: Bounds) -> RangeRule {
    RangeRule { pattern, bounds }
}

/// A yearly growth or inflation rate: −20% to +30% a year.
const GROWTH: Bounds = Bounds { lo: -0.2, hi: 0.3, what: "a yearly rate" };
/// A yearly interest rate on the balance.
const INTEREST: Bounds = Bounds { lo: -0.05, hi: 0.2, what: "a yearly interest rate" };
/// The spread of a yearly rate.
const SPREAD: Bounds = Bounds { lo: 0.0, hi: 0.2, what: "a standard deviation of a yearly rate" };
/// A lognormal's log-sd.
const SIGMA: Bounds = Bounds { lo: 0.0, hi: 5.0, what: "a log standard deviation" };
/// A calendar year a projection may start in.
const YEAR: Bounds = Bounds { lo: 1990.0, hi: 2100.0, what: "a calendar year" };
/// A number of people.
const PEOPLE: Bounds = Bounds { lo: 1.0, hi: 2e9, what: "people" };
/// A balance, which may be in deficit.
const BALANCE: Bounds = Bounds { lo: -1e15, hi: 1e15, what: "yuan" };
/// A statutory retirement age.
const RETIREMENT_AGE: Bounds = Bounds { lo: 40.0, hi: 80.0, what: "a retirement age" };
/// A multiplier of utilisation or cost in a shock year.
const FACTOR: Bounds = Bounds { lo: 0.0, hi: 10.0, what: "a multiplier" };

/// The valid range of every number of `[projection]` (see
/// [`medfund_rules::scenario::ranges`]).
pub const PROJECTION_RANGES: &[RangeRule] = &[
    rule("projection.population.members", PEOPLE),
    rule("projection.population.declared_wage_factor", MULTIPLE),
    rule("projection.population.lapse_income_effect", MULTIPLE),
    rule("projection.population.resident_years", YEARS),
    rule("projection.population.**", SHARE),
    rule("projection.districts.**", SHARE),
    rule("projection.targets.assessment_pass_rate", SHARE),
    rule("projection.targets.earmark_opening", SHARE),
    rule("projection.targets.**", GROWTH),
    rule("projection.economy.interest.mean", INTEREST),
    rule("projection.economy.*.sd", SPREAD),
    rule("projection.economy.*.mean", GROWTH),
    rule("projection.economy.utilisation_trend", GROWTH),
    rule("projection.economy.shocks.**.years", YEAR),
    rule("projection.economy.shocks.epidemic.utilisation", FACTOR),
    rule("projection.economy.shocks.epidemic.cost", FACTOR),
    rule("projection.economy.shocks.**", SHARE),
    rule("projection.claims.base_year", YEAR),
    rule("projection.claims.*_mean", MONEY),
    rule("projection.claims.*_sigma", SIGMA),
    rule("projection.claims.*_factor", MULTIPLE),
    rule("projection.claims.**", SHARE),
    rule("projection.fund.start_year", YEAR),
    rule("projection.fund.opening_balance", BALANCE),
    rule("projection.fund.top_up_opening", BALANCE),
    rule("projection.retirement_age.**", RETIREMENT_AGE),
    rule("projection.residents.members", PEOPLE),
    rule("projection.residents.opening_balance", BALANCE),
    rule("projection.residents.*_factor", MULTIPLE),
    rule("projection.residents.standard_growth", GROWTH),
    rule("projection.residents.newborn_enrolment_days", Bounds { lo: 0.0, hi: 3660.0, what: "days" }),
    rule("projection.residents.**", SHARE),
    rule("projection.roster.age", AGE),
    rule("projection.roster.district", COUNT),
    rule("projection.roster.wage", MULTIPLE),
    rule("projection.roster.months", MONTHS),
    rule("projection.claim_schedule.member", COUNT),
    rule("projection.claim_schedule.year", YEAR),
    rule("projection.claim_schedule.claim.babies", COUNT),
    rule("projection.claim_schedule.claim.months", MONTHS),
    rule("projection.claim_schedule.claim.disease", COUNT),
    rule("projection.claim_schedule.claim.bed.days", DAYS),
    rule("projection.claim_schedule.claim.**", MONEY),
    // Each end is checked against the range of the parameter its key names
    // (`sensitivity_ranges::check`).
    rule("projection.sensitivity.*", Bounds { lo: -1e15, hi: 1e15, what: "a value of the parameter named by `key`" }),
];

/// What a run asks of its scenario's projection.
pub trait Projected: Sized {
    /// The first year a projection of this scenario covers: its fund's
    /// start year, not before the texts came into force.
    fn projection_start(&self) -> i32;
    /// The same scenario without its resident projection (the employee
    /// fund alone).
    fn without_residents(self) -> Self;
    /// Its resident projection was dropped (`simulate --employee-only`).
    fn residents_dropped(&self) -> bool;
}

impl Projected for Scenario {
    fn projection_start(&self) -> i32 {
        let start = self.spec.scenario.start;
        self.spec
            .projection
            .as_ref()
            .and_then(|p| p.fund.get_ref().at(start))
            .map_or(start.year, |f| f.start_year.max(start.year))
    }

    fn without_residents(mut self) -> Scenario {
        if let Some(p) = &mut self.spec.projection {
            p.residents_dropped |= p.residents.take().is_some();
        }
        self
    }

    fn residents_dropped(&self) -> bool {
        self.spec.projection.as_ref().is_some_and(|p| p.residents_dropped)
    }
}

/// `projection.roster` and `projection.claim_schedule`: one undated roster
/// of people who can exist, projected whole (`sample` 1), in districts of
/// `projection.districts`; a schedule only beside a roster, naming its
/// members, in years a projection can reach, with claims the adjudication
/// contract reads.
fn check_roster(
    pj: &ProjectionSpec,
    file: &ScenarioFile<ProjectionSpec>,
) -> Result<(), (String, Range<usize>, String)> {
    use crate::inputs::params::{RosterCategory, RosterSex};
    let mut len = None;
    if let Some(r) = &pj.roster {
        let bad = |m: String| Err(("projection.roster".to_string(), r.span(), m));
        let Some(people) = &r.get_ref().value else {
            return bad("a roster is the population at the start: give one `value` list, not dated `values`".into());
        };
        if people.is_empty() {
            return bad("the roster is empty: give at least one member".into());
        }
        let p = pj.population.get_ref();
        if let Some(v) =
            p.value.iter().chain(p.values.iter().flat_map(|v| v.iter().map(|d| &d.value))).find(|v| v.sample != 1.0)
        {
            return bad(format!(
                "a roster is projected whole, but projection.population.sample is {}: it must be 1",
                v.sample
            ));
        }
        let d = pj.districts.get_ref();
        let lists: Vec<_> = d
            .value
            .iter()
            .chain(d.values.iter().flat_map(|v| v.iter().map(|d| &d.value)))
            .filter_map(|v| v.resolve().ok())
            .collect();
        for (i, m) in people.iter().enumerate() {
            let at = format!("member {i} (value[{i}])");
            if m.age > 110 {
                return bad(format!("{at}: age {} is above 110, the life table's last age", m.age));
            }
            if m.fiscal && m.category != RosterCategory::Employee {
                return bad(format!("{at}: `fiscal` is for in-service employees only (their employer's rate)"));
            }
            if m.cadre && m.sex != RosterSex::F {
                return bad(format!("{at}: `cadre` is for women only (it sets a woman's retirement age)"));
            }
            if !(m.wage > 0.0 && m.wage <= 100.0) {
                return bad(format!(
                    "{at}: wage {} must be a multiple in (0, 100] of the average monthly wage",
                    m.wage
                ));
            }
            if let Some(dr) = &m.district {
                for list in &lists {
                    dr.resolve(list).map_err(|e| ("projection.roster".to_string(), r.span(), format!("{at}: {e}")))?;
                }
            }
        }
        len = Some(people.len());
    }
    if let Some(c) = &pj.claim_schedule {
        let bad = |m: String| Err(("projection.claim_schedule".to_string(), c.span(), m));
        let Some(n) = len else {
            return bad("a claim schedule names members of projection.roster, and there is no roster".into());
        };
        let Some(entries) = &c.get_ref().value else {
            return bad("give the schedule as one `value` list, not dated `values` (each entry has its year)".into());
        };
        let start =
            file.scenario.start.year.max(pj.fund.get_ref().at(file.scenario.start).map_or(i32::MIN, |f| f.start_year));
        for (i, e) in entries.iter().enumerate() {
            let at = format!("value[{i}]");
            if e.member as usize >= n {
                return bad(format!("{at}: member {} is not in the roster (0–{}, {n} members)", e.member, n - 1));
            }
            if e.year < start {
                return bad(format!("{at}: year {} is before the projection starts ({start})", e.year));
            }
            e.parse(&format!("{at}.claim")).map_err(|m| ("projection.claim_schedule".to_string(), c.span(), m))?;
        }
    }
    Ok(())
}

/// `[projection.residents]` against the resident rules: a resident scheme
/// with financing, and group shares naming its subsidised groups.
fn check_residents(spec: &ScenarioFile<ProjectionSpec>, r: &P<ResidentParams>) -> Result<(), String> {
    let scheme = spec.resident.as_ref().ok_or("projects residents but the scenario has no [resident] scheme")?;
    if scheme.financing.is_none() {
        return Err("projects residents but [resident] has no `financing`".into());
    }
    let names: Vec<&str> = scheme
        .subsidised_groups
        .iter()
        .flat_map(|g| {
            let g = g.get_ref();
            g.value.iter().chain(g.values.iter().flat_map(|v| v.iter().map(|d| &d.value)))
        })
        .flatten()
        .map(|g| g.name.as_str())
        .collect();
    let p = r.get_ref();
    for v in p.value.iter().chain(p.values.iter().flat_map(|v| v.iter().map(|d| &d.value))) {
        if let Some(unknown) = v.groups.keys().find(|k| !names.contains(&k.as_str())) {
            return Err(format!(
                "`groups` names `{unknown}`, which is not a group of resident.subsidised_groups{}",
                if names.is_empty() { " (there are none)".to_string() } else { format!(" ({})", names.join(", ")) }
            ));
        }
    }
    Ok(())
}

/// Checks the values beyond their types: shares within 0–1 that add up,
/// positive sizes and spreads. Returns (key, span, problem).
fn check_values(pj: &ProjectionSpec) -> Result<(), (String, Range<usize>, String)> {
    let bad = |k: &str, span: Range<usize>, m: String| Err((format!("projection.{k}"), span, m));
    let unit = |x: f64| (0.0..=1.0).contains(&x);
    let p = pj.population.get_ref();
    for v in p.values.iter().flat_map(|v| v.iter().map(|d| &d.value)).chain(p.value.iter()) {
        let shares = v.employee_share + v.flexible_share + v.retiree_share;
        if (shares - 1.0).abs() > 1e-9 {
            return bad(
                "population",
                pj.population.span(),
                format!("employee, flexible and retiree shares add to {shares}, not 1"),
            );
        }
        for (n, x) in [
            ("employee_share", v.employee_share),
            ("flexible_share", v.flexible_share),
            ("retiree_share", v.retiree_share),
            ("fiscal_share", v.fiscal_share),
            ("pooling_only_share", v.pooling_only_share),
            ("female_share", v.female_share),
            ("female_cadre_share", v.female_cadre_share),
            ("contribution_density", v.contribution_density),
            ("contribution_density_spread", v.contribution_density_spread),
            ("entry_rate", v.entry_rate),
            ("exit_rate", v.exit_rate),
            ("to_flexible_rate", v.to_flexible_rate),
            ("to_employee_rate", v.to_employee_rate),
            ("lapse_rate", v.lapse_rate),
            ("return_rate", v.return_rate),
            ("back_pay_share", v.back_pay_share),
            ("moved_in_share", v.moved_in_share),
            ("from_resident_share", v.from_resident_share),
        ] {
            if !unit(x) {
                return bad("population", pj.population.span(), format!("`{n}` = {x} is outside 0–1"));
            }
        }
        if v.members == 0 {
            return bad("population", pj.population.span(), "`members` must be positive".into());
        }
        let w = 1.0 / v.sample;
        if !(v.sample > 0.0 && v.sample <= 1.0) || (w - w.round()).abs() > 1e-6 {
            return bad(
                "population",
                pj.population.span(),
                format!("`sample` = {} must be in (0, 1] with 1/sample a whole number (0.01, 0.05, 0.1 …)", v.sample),
            );
        }
    }
    let d = pj.districts.get_ref();
    for v in d.values.iter().flat_map(|v| v.iter().map(|d| &d.value)).chain(d.value.iter()) {
        let v = v.resolve().map_err(|m| ("projection.districts".to_string(), pj.districts.span(), m))?;
        let sum: f64 = v.iter().map(|x| x.share).sum();
        if v.is_empty() || (sum - 1.0).abs() > 1e-6 || v.iter().any(|x| !unit(x.share)) {
            return bad(
                "districts",
                pj.districts.span(),
                format!("district shares must be within 0–1 and add to 1 (they add to {sum})"),
            );
        }
        if v.len() > 256 {
            return bad(
                "districts",
                pj.districts.span(),
                format!("{} districts: at most 256 are allowed (a member's district is one byte)", v.len()),
            );
        }
    }
    if let Some(r) = &pj.residents {
        let rp = r.get_ref();
        for v in rp.values.iter().flat_map(|v| v.iter().map(|d| &d.value)).chain(rp.value.iter()) {
            let span = r.span();
            for (n, x) in [
                ("female_share", v.female_share),
                ("tier2_share", v.tier2_share),
                ("birth_rate", v.birth_rate),
                ("entry_rate", v.entry_rate),
                ("exit_rate", v.exit_rate),
                ("late_enrolment_share", v.late_enrolment_share),
                ("assessment_pass_rate", v.assessment_pass_rate),
                ("standard_growth", v.standard_growth),
            ] {
                if !unit(x) {
                    return bad("residents", span, format!("`{n}` = {x} is outside 0–1"));
                }
            }
            for (n, x) in [
                ("inpatient_rate_factor", v.inpatient_rate_factor),
                ("inpatient_cost_factor", v.inpatient_cost_factor),
                ("outpatient_factor", v.outpatient_factor),
            ] {
                if !(x > 0.0 && x <= 10.0) {
                    return bad("residents", span, format!("`{n}` = {x} must be in (0, 10]"));
                }
            }
            let total: f64 = v.groups.values().sum();
            if v.groups.values().any(|x| !unit(*x)) || total > 1.0 + 1e-9 {
                return bad(
                    "residents",
                    span,
                    format!("group shares must be within 0–1 and add to at most 1 ({total})"),
                );
            }
            if v.members == 0 {
                return bad("residents", span, "`members` must be positive".into());
            }
            let levels: f64 = v.inpatient_levels.hospital().iter().sum();
            if (levels - 1.0).abs() > 1e-6 {
                return bad("residents", span, format!("the shares of `inpatient_levels` add to {levels}, not 1"));
            }
        }
    }
    let c = pj.claims.get_ref();
    for v in c.values.iter().flat_map(|v| v.iter().map(|d| &d.value)).chain(c.value.iter()) {
        let outpatient: f64 = v.outpatient_levels.hospital().iter().sum::<f64>()
            + v.outpatient_levels.get(medfund_rules::member_year::Level::Pharmacy).unwrap_or(0.0);
        for (n, sum) in [
            ("inpatient_levels", v.inpatient_levels.hospital().iter().sum::<f64>()),
            ("outpatient_levels", outpatient),
            ("inpatient_places", v.inpatient_places.0.iter().sum()),
        ] {
            if (sum - 1.0).abs() > 1e-6 {
                return bad("claims", pj.claims.span(), format!("the shares of `{n}` add to {sum}, not 1"));
            }
        }
        for (n, x) in [
            ("inpatient_cost_sigma", v.inpatient_cost_sigma),
            ("outpatient_sigma", v.outpatient_sigma),
            ("special_cost_sigma", v.special_cost_sigma),
            ("single_drug_cost_sigma", v.single_drug_cost_sigma),
        ] {
            if !(x > 0.0 && x < 5.0) {
                return bad("claims", pj.claims.span(), format!("`{n}` = {x} must be in (0, 5)"));
            }
        }
        for (n, x) in [
            ("out_of_scope_share", v.out_of_scope_share),
            ("class_b_share", v.class_b_share),
            ("caesarean_share", v.caesarean_share),
            ("difficult_share", v.difficult_share),
            ("multiple_share", v.multiple_share),
            ("second_disease_share", v.second_disease_share),
            ("spouse_uninsured_share", v.spouse_uninsured_share),
        ] {
            if !unit(x) || (n.ends_with("scope_share") || n == "class_b_share") && x > 0.5 {
                return bad("claims", pj.claims.span(), format!("`{n}` = {x} is out of range"));
            }
        }
        if v.out_of_scope_share + v.class_b_share > 0.5 {
            return bad(
                "claims",
                pj.claims.span(),
                "out_of_scope_share + class_b_share must not exceed 0.5 (the draws go up to twice the mean)".into(),
            );
        }
    }
    Ok(())
}
