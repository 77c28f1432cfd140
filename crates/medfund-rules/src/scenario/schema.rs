//! The layout of a scenario file. Every leaf parameter is a
//! [`Param`](super::param::Param) (dated, with a source or an assumption);
//! the values inside are the rule components' own parameter types.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::param::{Date, Param, Provenance};
use crate::member_year::Category;
use crate::money::Money;
use crate::rules::annual_cap::AnnualCap;
use crate::rules::contribution::{ContributionRules, LumpSum, MinimumYears, PersonalAccount};
use crate::rules::deductible::DeductibleSchedule;
use crate::rules::family_planning::FamilyPlanningRules;
use crate::rules::inpatient_terms::{EmergencyDeath, HighValueDrug, Newborn};
use crate::rules::maternity::{AllowanceRules, MaternityRules, TerminationRules};
use crate::rules::outpatient_pooling::OutpatientPooling;
use crate::rules::per_head_outflow::PerHeadOutflow;
use crate::rules::place::PlaceRule;
use crate::rules::ratio::RatioSchedule;
use crate::rules::resident_financing::{AdjustmentFund, Financing, SubsidyGroup, SubsidySplit};
use crate::rules::self_pay_first::{BedStandard, SelfPayFirst};
use crate::rules::single_payment_drug::SinglePaymentDrugRules;
use crate::rules::special_outpatient::SpecialOutpatientRules;
use crate::rules::tables::ByPlace;
use crate::rules::top_up::{TopUp, TopUpFund};
use crate::rules::waiting_period::{NewbornCover, WaitingPeriod};

/// A parameter with the span of its table in the file.
pub type P<T> = Spanned<Param<T>>;

/// `[scenario]`: what the file is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The built-in name (`ziyang`).
    pub name: String,
    pub title: String,
    /// The policy texts (files in `shared/seeds/`).
    pub documents: Vec<String>,
    /// The date the texts came into force: the first date values hold from.
    pub start: Date,
    #[serde(default)]
    pub description: Option<String>,
}

/// `[context]`: yearly defaults for what a claim's context may override.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextSpec {
    /// Previous-year average annual wage the caps and thresholds are
    /// multiples of.
    pub avg_wage: P<Money>,
}

/// One scheme (`[employee]` or `[resident]`): its benefit-rule components.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeSpec {
    pub self_pay_first: P<SelfPayFirst>,
    #[serde(default)]
    pub bed_standard: Option<P<BedStandard>>,
    pub places: P<ByPlace<PlaceRule>>,
    pub deductible: P<DeductibleSchedule>,
    pub ratio: P<RatioSchedule>,
    pub annual_cap: P<AnnualCap>,
    #[serde(default)]
    pub outpatient_pooling: Option<P<OutpatientPooling>>,
    #[serde(default)]
    pub special_outpatient: Option<P<SpecialOutpatientRules>>,
    #[serde(default)]
    pub single_payment_drug: Option<P<SinglePaymentDrugRules>>,
    /// Emergency care ending in death, paid as an admission (Ziyang 000
    /// 第十八条（三）, Dingxi 003 第二十五条).
    #[serde(default)]
    pub emergency_death: Option<P<EmergencyDeath>>,
    /// High-value drugs outside hospital on inpatient terms (Ziyang 000
    /// 第二十条（二）).
    #[serde(default)]
    pub high_value_drug: Option<P<HighValueDrug>>,
    /// A newborn's admission on the mother's cover (Dingxi 003 第三十七条).
    #[serde(default)]
    pub newborn: Option<P<Newborn>>,
    #[serde(default)]
    pub maternity: Option<P<MaternityRules>>,
    #[serde(default)]
    pub maternity_termination: Option<P<TerminationRules>>,
    #[serde(default)]
    pub maternity_allowance: Option<P<AllowanceRules>>,
    /// Categories whose childbirth and terminations are settled as
    /// admissions (Luzhou 001 第二十七条).
    #[serde(default)]
    pub maternity_as_inpatient: Option<P<Vec<Category>>>,
    #[serde(default)]
    pub family_planning: Option<P<FamilyPlanningRules>>,
    #[serde(default)]
    pub top_up: Option<P<TopUp>>,
    /// The top-up fund as an account of its own, with its share of the
    /// pooled surplus (Dingxi 003 第四十三条（二）).
    #[serde(default)]
    pub top_up_fund: Option<P<TopUpFund>>,
    #[serde(default)]
    pub waiting_period: Option<P<WaitingPeriod>>,
    /// Resident schemes: newborns covered from birth when enrolled in time
    /// (Luzhou 001 第二十三条).
    #[serde(default)]
    pub newborn_cover: Option<P<NewbornCover>>,
    #[serde(default)]
    pub contribution: Option<P<ContributionRules>>,
    #[serde(default)]
    pub personal_account: Option<P<PersonalAccount>>,
    /// The average basic pension the retirees' crediting is a share of
    /// (`personal_account.retiree_pension_share`), monthly.
    #[serde(default)]
    pub average_pension: Option<P<Money>>,
    #[serde(default)]
    pub lump_sum: Option<P<LumpSum>>,
    #[serde(default)]
    pub minimum_years: Option<P<MinimumYears>>,
    /// Resident schemes: the contribution and subsidy a head.
    #[serde(default)]
    pub financing: Option<P<Financing>>,
    /// Resident schemes: the local subsidy's city/district split.
    #[serde(default)]
    pub subsidy_split: Option<P<SubsidySplit>>,
    /// Resident schemes: groups whose contribution is paid for them.
    #[serde(default)]
    pub subsidised_groups: Option<P<Vec<SubsidyGroup>>>,
    /// Resident schemes: the city adjustment fund (Chongqing).
    #[serde(default)]
    pub adjustment_fund: Option<P<AdjustmentFund>>,
    /// Resident schemes: what the fund pays a head beside the benefits
    /// (Luzhou 001 第六十五条, 第二十六条（一）), each a parameter of its own.
    #[serde(default)]
    pub per_head_outflows: Option<PerHeadOutflowsSpec>,
}

/// `[resident.per_head_outflows]`: the named per-head outflows
/// ([`crate::rules::per_head_outflow::NAMES`]), each with its own source
/// or assumption. Another name is refused, naming the names allowed.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerHeadOutflowsSpec {
    #[serde(default)]
    pub critical_illness_insurance: Option<P<PerHeadOutflow>>,
    #[serde(default)]
    pub general_consultation: Option<P<PerHeadOutflow>>,
}

/// A whole scenario file. `X` is the type of its `[projection]` section:
/// [`Ignored`] here, the simulation layer's own type where it reads one.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile<X = Ignored> {
    pub scenario: Meta,
    pub context: ContextSpec,
    pub employee: SchemeSpec,
    #[serde(default)]
    pub resident: Option<SchemeSpec>,
    /// District settlement of a city pooled with district targets
    /// (Chongqing 002 二（四）（五）).
    #[serde(default)]
    pub district_settlement: Option<P<crate::settle::SettlementRules>>,
    /// What a projection needs beyond the rules (read by the layer that
    /// projects).
    #[serde(default = "none")]
    pub projection: Option<X>,
}

fn none<X>() -> Option<X> {
    None
}

/// A `[projection]` section read by nobody: accepted as it stands, so that
/// the rules alone take any scenario file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ignored;

impl<'de> Deserialize<'de> for Ignored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Ignored)
    }
}

/// What the layer that reads a scenario's `[projection]` section gives the
/// scenario loader: its parameters for validation and `scenario show`, its
/// checks against the rest of the file, and what it keeps when `--set`
/// reads the file again.
pub trait Section: Clone + std::fmt::Debug + for<'de> Deserialize<'de> {
    /// Every parameter of the section with its dotted key.
    fn params(&self) -> Vec<(String, &dyn ParamView)>;
    /// Checks of the section, alone and against the rules of the file: the
    /// dotted key, the span and the problem of the first that fails.
    fn check(&self, file: &ScenarioFile<Self>) -> Result<(), (String, Range<usize>, String)>;
    /// What a scenario re-read with `--set` keeps from the one it came from.
    fn carry_over(&mut self, _from: &Self) {}
    /// The valid ranges of the section's numbers ([`super::ranges`]);
    /// `None`: the section's numbers are not checked here.
    fn ranges() -> Option<&'static [super::ranges::RangeRule]> {
        None
    }
    /// Checks that need the file's text (run after every other check): the
    /// dotted key, the span and the problem of the first that fails.
    fn check_text(&self, _src: &str) -> Result<(), (String, Range<usize>, String)> {
        Ok(())
    }
}

impl Section for Ignored {
    fn params(&self) -> Vec<(String, &dyn ParamView)> {
        Vec::new()
    }
    fn check(&self, _file: &ScenarioFile<Self>) -> Result<(), (String, Range<usize>, String)> {
        Ok(())
    }
}

/// What `scenario show` and validation need of any parameter.
pub trait ParamView {
    fn check(&self, start: Date) -> Result<(), String>;
    fn span(&self) -> Range<usize>;
    fn provenance(&self) -> Provenance;
    fn dates(&self) -> Vec<Date>;
    fn note(&self) -> Option<&str>;
}

impl<T> ParamView for Spanned<Param<T>> {
    fn check(&self, start: Date) -> Result<(), String> {
        self.get_ref().check(start)
    }
    fn span(&self) -> Range<usize> {
        Spanned::span(self)
    }
    fn provenance(&self) -> Provenance {
        self.get_ref().provenance()
    }
    fn dates(&self) -> Vec<Date> {
        self.get_ref().dates()
    }
    fn note(&self) -> Option<&str> {
        self.get_ref().note.as_deref()
    }
}

macro_rules! params_of {
    ($s:expr, $prefix:expr, [$($req:ident),*], [$($opt:ident),*]) => {{
        let mut v: Vec<(String, &dyn ParamView)> = Vec::new();
        $( v.push((format!("{}.{}", $prefix, stringify!($req)), &$s.$req)); )*
        $( if let Some(p) = &$s.$opt { v.push((format!("{}.{}", $prefix, stringify!($opt)), p)); } )*
        v
    }};
}

impl SchemeSpec {
    /// Every parameter with its dotted key.
    pub fn params(&self, prefix: &str) -> Vec<(String, &dyn ParamView)> {
        let mut v = params_of!(
            self,
            prefix,
            [self_pay_first, places, deductible, ratio, annual_cap],
            [
                bed_standard,
                outpatient_pooling,
                special_outpatient,
                single_payment_drug,
                emergency_death,
                high_value_drug,
                newborn,
                maternity,
                maternity_termination,
                maternity_allowance,
                maternity_as_inpatient,
                family_planning,
                top_up,
                top_up_fund,
                waiting_period,
                newborn_cover,
                contribution,
                personal_account,
                average_pension,
                lump_sum,
                minimum_years,
                financing,
                subsidy_split,
                subsidised_groups,
                adjustment_fund
            ]
        );
        if let Some(o) = &self.per_head_outflows {
            let mut more = params_of!(
                o,
                format!("{prefix}.per_head_outflows"),
                [],
                [critical_illness_insurance, general_consultation]
            );
            v.append(&mut more);
        }
        v
    }
}

impl<X: Section> ScenarioFile<X> {
    /// Every parameter of the file with its dotted key, in file order.
    pub fn params(&self) -> Vec<(String, &dyn ParamView)> {
        let mut v: Vec<(String, &dyn ParamView)> = vec![("context.avg_wage".into(), &self.context.avg_wage)];
        v.extend(self.employee.params("employee"));
        if let Some(r) = &self.resident {
            v.extend(r.params("resident"));
        }
        if let Some(p) = &self.district_settlement {
            v.push(("district_settlement".into(), p));
        }
        if let Some(p) = &self.projection {
            v.extend(p.params());
        }
        v.sort_by_key(|(_, p)| p.span().start);
        v
    }
}
