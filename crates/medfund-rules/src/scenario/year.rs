//! The rules of one scheme in one year, resolved from the dated parameters
//! once, with the inpatient deductible and ratio laid out as flat tables
//! `[person][place][level]` so the hot path does no lookups by date or name.

use std::ops::Range;
use std::sync::Arc;

use super::Scheme;
use super::param::{Date, Param};
use super::schema::{P, ScenarioFile, SchemeSpec};
use crate::member_year::{Category, Level, Place, Procedure};
use crate::money::{Exact, Money, Rate};
use crate::rules::annual_cap::AnnualCap;
use crate::rules::contribution::{ContributionRules, LumpSum, MinimumYears, PersonalAccount};
use crate::rules::deductible::DeductibleSchedule;
use crate::rules::family_planning::FamilyPlanningRules;
use crate::rules::inpatient_terms::{EmergencyDeath, HighValueDrug, Newborn};
use crate::rules::maternity::{AllowanceRules, MaternityRules, TerminationRules};
use crate::rules::outpatient_pooling::OutpatientPooling;
use crate::rules::per_head_outflow::PerHeadOutflows;
use crate::rules::place::PlaceRule;
use crate::rules::ratio::RatioSchedule;
use crate::rules::resident_financing::{AdjustmentFund, Financing, SubsidyGroup, SubsidySplit};
use crate::rules::self_pay_first::{BedStandard, SelfPayFirst};
use crate::rules::single_payment_drug::SinglePaymentDrugRules;
use crate::rules::special_outpatient::SpecialOutpatientRules;
use crate::rules::tables::{ByPlace, Columns};
use crate::rules::top_up::{TopUp, TopUpFund};
use crate::rules::waiting_period::{NewbornCover, WaitingPeriod};

/// A parameter's value with the citation `--explain` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Cited<T> {
    pub v: T,
    pub cite: Arc<str>,
}

/// The rules of one scheme in one year.
#[derive(Clone, Debug)]
pub struct YearRules {
    pub scheme: Scheme,
    pub year: i32,
    pub avg_wage: Cited<Money>,
    pub self_pay_first: Cited<SelfPayFirst>,
    pub bed_standard: Option<Cited<BedStandard>>,
    pub places: Cited<ByPlace<PlaceRule>>,
    pub deductible: Cited<DeductibleSchedule>,
    pub ratio: Cited<RatioSchedule>,
    pub annual_cap: Cited<AnnualCap>,
    pub outpatient_pooling: Option<Cited<OutpatientPooling>>,
    pub special_outpatient: Option<Cited<SpecialOutpatientRules>>,
    pub single_payment_drug: Option<Cited<SinglePaymentDrugRules>>,
    pub emergency_death: Option<Cited<EmergencyDeath>>,
    pub high_value_drug: Option<Cited<HighValueDrug>>,
    pub newborn: Option<Cited<Newborn>>,
    pub maternity: Option<Cited<MaternityRules>>,
    pub maternity_termination: Option<Cited<TerminationRules>>,
    pub maternity_allowance: Option<Cited<AllowanceRules>>,
    pub maternity_as_inpatient: Option<Cited<Vec<Category>>>,
    pub family_planning: Option<Cited<FamilyPlanningRules>>,
    pub top_up: Option<Cited<TopUp>>,
    pub top_up_fund: Option<Cited<TopUpFund>>,
    pub waiting_period: Option<Cited<WaitingPeriod>>,
    pub newborn_cover: Option<Cited<NewbornCover>>,
    pub contribution: Option<Cited<ContributionRules>>,
    pub personal_account: Option<Cited<PersonalAccount>>,
    pub lump_sum: Option<Cited<LumpSum>>,
    pub minimum_years: Option<Cited<MinimumYears>>,
    pub financing: Option<Cited<Financing>>,
    pub subsidy_split: Option<Cited<SubsidySplit>>,
    pub subsidised_groups: Option<Cited<Vec<SubsidyGroup>>>,
    pub adjustment_fund: Option<Cited<AdjustmentFund>>,
    /// A resident fund's per-head outflows (premium, consultation fee).
    pub per_head_outflows: PerHeadOutflows,
    /// Deductible by `[retiree as usize][place][level]`, retiree reduction
    /// and place factor applied (repeat decrements and the floor are
    /// applied per admission).
    pub deductible_base: [[[Exact; 6]; 6]; 2],
    /// Ratio by `[retiree as usize][place][level]`, retiree addition and
    /// place adjustment applied, unclamped (person modifiers are added per
    /// claim, then the result is clamped to 0–1).
    pub ratio_base: [[[Rate; 6]; 6]; 2],
}

type ResolveError = (String, Option<Range<usize>>, String);

fn at<T: Clone>(p: &P<T>, key: &str, date: Date) -> Result<Cited<T>, ResolveError> {
    let param: &Param<T> = p.get_ref();
    let v = param
        .at(date)
        .cloned()
        .ok_or_else(|| (key.to_string(), Some(p.span()), format!("no value in force on {date}")))?;
    Ok(Cited { v, cite: Arc::from(param.provenance().cite()) })
}

fn opt<T: Clone>(p: &Option<P<T>>, key: &str, date: Date) -> Result<Option<Cited<T>>, ResolveError> {
    p.as_ref().map(|p| at(p, key, date)).transpose()
}

fn column<'a, T>(
    cols: &'a Columns<T>,
    name: &str,
    key: &str,
    span: Range<usize>,
) -> Result<&'a crate::rules::tables::LevelTable<T>, ResolveError> {
    cols.get(name).ok_or_else(|| {
        (
            key.to_string(),
            Some(span),
            format!(
                "column `{name}` named by a place is not in this schedule (it has {})",
                cols.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

impl YearRules {
    /// Resolve `spec` for the year `year` (values in force on 1 January).
    pub fn resolve<X>(
        file: &ScenarioFile<X>,
        spec: &SchemeSpec,
        scheme: Scheme,
        year: i32,
    ) -> Result<YearRules, ResolveError> {
        let date = Date::jan1(year).max(file.scenario.start);
        let k = |s: &str| format!("{}.{s}", scheme.as_str());
        let places = at(&spec.places, &k("places"), date)?;
        let deductible = at(&spec.deductible, &k("deductible"), date)?;
        let ratio = at(&spec.ratio, &k("ratio"), date)?;

        // Flat inpatient tables.
        let mut deductible_base = [[[Exact::ZERO; 6]; 6]; 2];
        let mut ratio_base = [[[Rate::ZERO; 6]; 6]; 2];
        for retiree in [false, true] {
            for place in Place::ALL {
                let pr = places.v.get(place);
                let dcols = match (&deductible.v.retiree, retiree) {
                    (Some(r), true) => r,
                    _ => &deductible.v.in_service,
                };
                let dtab = column(dcols, &pr.deductible, &k("deductible"), spec.deductible.span())?;
                let rcols = match (&ratio.v.retiree, retiree) {
                    (Some(r), true) => r,
                    _ => &ratio.v.in_service,
                };
                let rtab = column(rcols, &pr.ratio, &k("ratio"), spec.ratio.span())?;
                for level in Level::HOSPITAL {
                    let mut d = Exact::from(dtab.at(level));
                    if retiree && deductible.v.retiree.is_none() {
                        d = d - Exact::from(deductible.v.retiree_reduction);
                    }
                    let mut r = Rate::from(rtab.at(level));
                    if retiree && ratio.v.retiree.is_none() {
                        r = r + ratio.v.retiree_add;
                    }
                    if pr.adjusts_at(level) {
                        if let Some(f) = pr.deductible_factor {
                            d = d.mul_rate(f);
                        }
                        r = r + pr.ratio_adjust;
                    }
                    deductible_base[retiree as usize][place.index()][level.index()] = d;
                    ratio_base[retiree as usize][place.index()][level.index()] = r;
                }
            }
        }

        let annual_cap = at(&spec.annual_cap, &k("annual_cap"), date)?;
        if annual_cap.v.amount.is_some() == annual_cap.v.avg_wage_multiple.is_some() {
            return Err((
                k("annual_cap"),
                Some(spec.annual_cap.span()),
                "give exactly one of `amount` and `avg_wage_multiple`".into(),
            ));
        }
        let outpatient_pooling = opt(&spec.outpatient_pooling, &k("outpatient_pooling"), date)?;
        if let (Some(o), Some(p)) = (&outpatient_pooling, &spec.outpatient_pooling)
            && !o.v.ratio.has_pharmacy()
        {
            return Err((
                k("outpatient_pooling"),
                Some(p.span()),
                "the outpatient ratio table needs a `pharmacy` value".into(),
            ));
        }
        let special_outpatient = opt(&spec.special_outpatient, &k("special_outpatient"), date)?;
        if let (Some(s), Some(p)) = (&special_outpatient, &spec.special_outpatient) {
            if s.v.classes.is_some() == s.v.diseases.is_some() {
                return Err((
                    k("special_outpatient"),
                    Some(p.span()),
                    "give exactly one of `classes` and `diseases`".into(),
                ));
            }
            if let Some(d) = &s.v.diseases {
                let mut seen = std::collections::BTreeSet::new();
                for row in &d.table {
                    if row.no == 0 || !seen.insert(row.no) {
                        return Err((
                            k("special_outpatient"),
                            Some(p.span()),
                            format!("disease number {} is zero or repeated", row.no),
                        ));
                    }
                }
            }
        }
        let family_planning = opt(&spec.family_planning, &k("family_planning"), date)?;
        if let (Some(f), Some(p)) = (&family_planning, &spec.family_planning) {
            match (&f.v.amounts, &f.v.ratio) {
                (Some(a), None) => {
                    for key in a.keys().chain(f.v.inpatient_amounts.keys()) {
                        if Procedure::parse(key).is_none() {
                            return Err((k("family_planning"), Some(p.span()), format!("unknown procedure `{key}`")));
                        }
                    }
                    if let Some(missing) = Procedure::ALL.iter().find(|pr| !a.contains_key(pr.as_str())) {
                        return Err((
                            k("family_planning"),
                            Some(p.span()),
                            format!("`amounts` is missing `{}`", missing.as_str()),
                        ));
                    }
                }
                (None, Some(_)) => {}
                _ => {
                    return Err((
                        k("family_planning"),
                        Some(p.span()),
                        "give exactly one of `amounts` and `ratio`".into(),
                    ));
                }
            }
        }
        let top_up = opt(&spec.top_up, &k("top_up"), date)?;
        if let (Some(t), Some(p)) = (&top_up, &spec.top_up)
            && let Some(i) = &t.v.inpatient
        {
            if i.threshold.is_some() == i.threshold_avg_wage_multiple.is_some() {
                return Err((
                    k("top_up"),
                    Some(p.span()),
                    "give exactly one of `threshold` and `threshold_avg_wage_multiple`".into(),
                ));
            }
            if i.bands.is_empty() || i.bands.last().is_some_and(|b| b.up_to.is_some()) {
                return Err((
                    k("top_up"),
                    Some(p.span()),
                    "top-up bands must end with an open band (no `up_to`)".into(),
                ));
            }
            let ups: Vec<Money> = i.bands.iter().filter_map(|b| b.up_to).collect();
            if let Some(w) = ups.windows(2).find(|w| w[1] <= w[0]) {
                return Err((
                    k("top_up"),
                    Some(p.span()),
                    format!("top-up bands out of order: `up_to` {} does not come above {}", w[1], w[0]),
                ));
            }
        }
        let contribution = opt(&spec.contribution, &k("contribution"), date)?;
        if let (Some(c), Some(p)) = (&contribution, &spec.contribution)
            && c.v.base_cap < c.v.base_floor
        {
            return Err((
                k("contribution"),
                Some(p.span()),
                format!(
                    "`base_cap` {} is below `base_floor` {}: the cap on the contribution base must be at or above its floor",
                    c.v.base_cap.as_f64(),
                    c.v.base_floor.as_f64()
                ),
            ));
        }
        let self_pay_first = at(&spec.self_pay_first, &k("self_pay_first"), date)?;
        if self_pay_first.v.materials.top().is_some() && self_pay_first.v.material_ceiling.is_none() {
            return Err((
                k("self_pay_first"),
                Some(spec.self_pay_first.span()),
                "the material tiers end with `up_to` but no `material_ceiling` says what happens above it".into(),
            ));
        }

        let financing = opt(&spec.financing, &k("financing"), date)?;
        let subsidy_split = opt(&spec.subsidy_split, &k("subsidy_split"), date)?;
        if let (Some(s), Some(p)) = (&subsidy_split, &spec.subsidy_split)
            && s.v.city + s.v.district != Rate::ONE
        {
            return Err((k("subsidy_split"), Some(p.span()), "`city` and `district` must add to 1".into()));
        }
        let subsidised_groups = opt(&spec.subsidised_groups, &k("subsidised_groups"), date)?;
        if let (Some(g), Some(p)) = (&subsidised_groups, &spec.subsidised_groups) {
            let mut seen = std::collections::BTreeSet::new();
            for x in &g.v {
                if !seen.insert(x.name.as_str()) {
                    return Err((k("subsidised_groups"), Some(p.span()), format!("group `{}` is repeated", x.name)));
                }
                if x.ratio < Rate::ZERO || x.ratio > Rate::ONE {
                    return Err((
                        k("subsidised_groups"),
                        Some(p.span()),
                        format!("group `{}`: ratio {} is outside 0–1", x.name, x.ratio),
                    ));
                }
            }
        }
        if let (Some(f), Some(p)) = (&financing, &spec.financing)
            && (f.v.upper_share < Rate::ZERO || f.v.upper_share > Rate::ONE)
        {
            return Err((k("financing"), Some(p.span()), "`upper_share` is outside 0–1".into()));
        }

        let per_head_outflows = match &spec.per_head_outflows {
            None => PerHeadOutflows::default(),
            Some(o) => {
                let k = |n: &str| k(&format!("per_head_outflows.{n}"));
                PerHeadOutflows {
                    critical_illness_insurance: opt(
                        &o.critical_illness_insurance,
                        &k("critical_illness_insurance"),
                        date,
                    )?,
                    general_consultation: opt(&o.general_consultation, &k("general_consultation"), date)?,
                }
            }
        };
        if !per_head_outflows.is_empty() && scheme != Scheme::Resident {
            let span = spec.per_head_outflows.as_ref().and_then(|o| {
                o.critical_illness_insurance.as_ref().or(o.general_consultation.as_ref()).map(|p| p.span())
            });
            return Err((
                k("per_head_outflows"),
                span,
                "per-head outflows are a resident fund's: only `[resident.per_head_outflows]` is allowed".into(),
            ));
        }

        let mut personal_account = opt(&spec.personal_account, &k("personal_account"), date)?;
        if let (Some(pa), Some(p)) = (&mut personal_account, &spec.personal_account)
            && let Some(share) = pa.v.retiree_pension_share
        {
            let key = k("personal_account");
            if pa.v.retiree_monthly != Money::ZERO {
                return Err((
                    key,
                    Some(p.span()),
                    "give `retiree_monthly` or `retiree_pension_share`, not both".into(),
                ));
            }
            let Some(pension) = opt(&spec.average_pension, &k("average_pension"), date)? else {
                return Err((
                    key,
                    Some(p.span()),
                    format!("`retiree_pension_share` needs `{}` (the monthly average pension)", k("average_pension")),
                ));
            };
            pa.v.retiree_monthly = pension.v.mul_rate(share);
            pa.cite = format!("{}; average pension: {}", pa.cite, pension.cite).into();
        }
        let avg_wage = at(&file.context.avg_wage, "context.avg_wage", date)?;
        Ok(YearRules {
            scheme,
            year,
            avg_wage,
            self_pay_first,
            bed_standard: opt(&spec.bed_standard, &k("bed_standard"), date)?,
            places,
            deductible,
            ratio,
            annual_cap,
            outpatient_pooling,
            special_outpatient,
            single_payment_drug: opt(&spec.single_payment_drug, &k("single_payment_drug"), date)?,
            emergency_death: opt(&spec.emergency_death, &k("emergency_death"), date)?,
            high_value_drug: opt(&spec.high_value_drug, &k("high_value_drug"), date)?,
            newborn: opt(&spec.newborn, &k("newborn"), date)?,
            maternity: opt(&spec.maternity, &k("maternity"), date)?,
            maternity_termination: opt(&spec.maternity_termination, &k("maternity_termination"), date)?,
            maternity_allowance: opt(&spec.maternity_allowance, &k("maternity_allowance"), date)?,
            maternity_as_inpatient: opt(&spec.maternity_as_inpatient, &k("maternity_as_inpatient"), date)?,
            family_planning,
            top_up,
            top_up_fund: opt(&spec.top_up_fund, &k("top_up_fund"), date)?,
            waiting_period: opt(&spec.waiting_period, &k("waiting_period"), date)?,
            newborn_cover: opt(&spec.newborn_cover, &k("newborn_cover"), date)?,
            contribution,
            personal_account,
            lump_sum: opt(&spec.lump_sum, &k("lump_sum"), date)?,
            minimum_years: opt(&spec.minimum_years, &k("minimum_years"), date)?,
            financing,
            subsidy_split,
            subsidised_groups,
            adjustment_fund: opt(&spec.adjustment_fund, &k("adjustment_fund"), date)?,
            per_head_outflows,
            deductible_base,
            ratio_base,
        })
    }
}
