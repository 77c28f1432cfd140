//! The parameters of a projection (`[projection]` in a scenario): the
//! insured population, the economy and its shocks, the claim model, the
//! fund's opening balance and backstop, and statutory retirement ages.
//!
//! Almost none of these are in the policy texts; each is a dated parameter
//! with an `assumption` saying where its value comes from (mostly
//! shared/calibration.md), exactly like the rules.

use serde::Deserialize;

use medfund_rules::money::Money;
use medfund_rules::rules::tables::{ByPlace, LevelTable};
use medfund_rules::scenario::schema::P;

pub use super::shocks::{CollectionShortfall, Epidemic, RetirementWave, Shocks, Timing, WageFreeze, shock_sets};

/// A normal distribution's mean and standard deviation.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normal {
    pub mean: f64,
    #[serde(default)]
    pub sd: f64,
}

/// The insured population at the start and how it moves.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopulationParams {
    /// Insured members of the employee scheme at the start.
    pub members: u32,
    /// Shares of in-service employees, flexible workers and retirees.
    pub employee_share: f64,
    pub flexible_share: f64,
    pub retiree_share: f64,
    /// Share of employees in fiscal-funded units.
    pub fiscal_share: f64,
    /// Share of members on pooling-only accounts (单建统筹).
    pub pooling_only_share: f64,
    /// Only flexible workers may be without a personal account (Dingxi 003
    /// 第十一条 has no pooling-only rate for units; 第十四条（二） only the 4%
    /// flexible rate goes without an account): `pooling_only_share` is then
    /// a share of flexible workers, and one who joins a unit gets an account.
    #[serde(default)]
    pub pooling_only_flexible_only: bool,
    pub female_share: f64,
    /// Share of women retiring at the cadre age (55) rather than the
    /// worker age (50).
    pub female_cadre_share: f64,
    /// Share of the working-age years a member has contributed.
    pub contribution_density: f64,
    /// Members' own densities spread uniformly this far either side of
    /// `contribution_density` (within 5%..100%): late starters, people who
    /// moved from other cities, years without contributions. 0: everyone
    /// at the mean.
    #[serde(default)]
    pub contribution_density_spread: f64,
    /// New in-service entrants a year, per in-service member.
    pub entry_rate: f64,
    /// In-service members leaving the scheme a year (moving away, to the
    /// resident scheme), per member.
    pub exit_rate: f64,
    /// Employees becoming flexible workers a year, and back.
    pub to_flexible_rate: f64,
    pub to_employee_rate: f64,
    /// Paying flexible workers who stop paying (断缴) in a year, at the
    /// expected wage growth (population/lapses.rs). 0: nobody lapses.
    #[serde(default)]
    pub lapse_rate: f64,
    /// The income effect: the lapse rate is multiplied by `1 +
    /// lapse_income_effect × (mean wage growth − the path's wage growth)`
    /// (10: wages growing 5 points less than expected raise it by half).
    #[serde(default)]
    pub lapse_income_effect: f64,
    /// Lapsed flexible workers who come back in a year.
    #[serde(default)]
    pub return_rate: f64,
    /// In-service members at the start who moved in from another city,
    /// with a uniform share of their months paid there.
    #[serde(default)]
    pub moved_in_share: f64,
    /// In-service members at the start who came from the city's resident
    /// scheme, and the mean of their years in it (uniform up to twice it):
    /// those years count the text's resident months each.
    #[serde(default)]
    pub from_resident_share: f64,
    #[serde(default)]
    pub resident_years: f64,
    /// Returners who pay their break back (补缴) where the text allows it
    /// (`employee.waiting_period`'s re-enrolment terms).
    #[serde(default)]
    pub back_pay_share: f64,
    /// Simulate this share of the members (and of the residents), each
    /// standing for 1/sample people (`simulate --sample 0.01`): 1/sample
    /// must be a whole number. 1: everyone.
    #[serde(default = "one")]
    pub sample: f64,
    /// Deaths drawn from the life table at each year-end (`false`: no one
    /// dies, for a projection worked by hand).
    #[serde(default = "yes")]
    pub mortality: bool,
    /// Declared contribution bases relative to wages: each contributing
    /// member declares wage × this factor (before the floor and cap), so a
    /// factor below 1 puts more members at the floor (1: wages declared in
    /// full). A fit parameter of `medfund calibrate --accounts`.
    #[serde(default = "one")]
    pub declared_wage_factor: f64,
    /// The share of the contributions due that is collected in a year
    /// without a collection-shortfall shock (1: all). A fit parameter of
    /// `medfund calibrate --accounts`.
    #[serde(default = "one")]
    pub collection_rate: f64,
}

fn yes() -> bool {
    true
}

impl PopulationParams {
    /// How many people a simulated member stands for.
    pub fn weight(&self) -> u32 {
        (1.0 / self.sample).round() as u32
    }
}

/// The resident scheme's insured population and its fund
/// (`[projection.residents]`): who they are, how they move, how their care
/// differs from the employee claim model, and the fund at the start.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidentParams {
    /// Insured residents at the start.
    pub members: u32,
    pub female_share: f64,
    /// Share of residents on the second tier (Chongqing 002 居民医保 三（三）).
    #[serde(default)]
    pub tier2_share: f64,
    /// Share of residents in each subsidised group of
    /// `resident.subsidised_groups`, by the group's name (each resident in
    /// one group at most: the one with the highest ratio).
    #[serde(default)]
    pub groups: std::collections::BTreeMap<String, f64>,
    /// Newborns enrolled a year, per member.
    pub birth_rate: f64,
    /// Other new members a year (moving in, leaving the employee scheme),
    /// per member, and members leaving (moving away, joining the employee
    /// scheme).
    pub entry_rate: f64,
    pub exit_rate: f64,
    /// Share of new members paying outside the enrolment window (Luzhou 001
    /// 第十八条): covered only three months after paying (第二十三条).
    pub late_enrolment_share: f64,
    /// Yearly growth of the financing standards (individual contribution
    /// and subsidy a head) in projection years after the last dated value
    /// of `resident.financing`: the standards are published yearly and
    /// the texts give none ahead.
    pub standard_growth: f64,
    /// Residents' care against the employee claim model (same tables):
    /// admissions, cost per admission and outpatient spending multipliers,
    /// and the weights of hospital levels for admissions.
    pub inpatient_rate_factor: f64,
    pub inpatient_cost_factor: f64,
    pub outpatient_factor: f64,
    pub inpatient_levels: LevelTable<f64>,
    /// The resident fund's balance at the start of the first year (all
    /// districts).
    pub opening_balance: Money,
    /// Chance that a district passes the resident fund's yearly assessment
    /// (Chongqing 002 居民医保 六（三）); 1 where there is none.
    #[serde(default = "one")]
    pub assessment_pass_rate: f64,
    /// Where the city keeps an adjustment fund (002 居民医保 六（四）): its
    /// balance at the start, as a share of the first year's financing, out
    /// of `opening_balance` (none when absent).
    #[serde(default)]
    pub adjustment_fund_opening: f64,
    /// Where newborns are covered from birth when enrolled in time
    /// (`resident.newborn_cover`): the mean number of days from birth to
    /// enrolment (exponential; 0: all enrolled at birth).
    #[serde(default)]
    pub newborn_enrolment_days: f64,
}

fn one() -> f64 {
    1.0
}

/// A district of the city, its share of members and its class for the
/// deficit sharing (Chongqing 002 二（五）).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub name: String,
    /// An ASCII name for charts (their font has no CJK glyphs).
    #[serde(default)]
    pub label: Option<String>,
    pub share: f64,
    /// Its share of the resident scheme's members (the employee share when
    /// absent).
    #[serde(default)]
    pub resident_share: Option<f64>,
    #[serde(default = "other_class")]
    pub class: medfund_rules::settle::DistrictClass,
}

fn other_class() -> medfund_rules::settle::DistrictClass {
    medfund_rules::settle::DistrictClass::Other
}

/// The districts: listed in the scenario, or a table of `data/`
/// (`{ file = "chongqing_districts.csv" }`, columns name, class, …, share).
#[derive(Clone, Debug, PartialEq)]
pub enum Districts {
    List(Vec<District>),
    File(String),
}

impl<'de> Deserialize<'de> for Districts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct FileRef {
            file: String,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            List(Vec<District>),
            File(FileRef),
        }
        match Raw::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a list of { name, share, class } or { file = \"<table in data/>\" }")
        })? {
            Raw::List(v) => Ok(Districts::List(v)),
            Raw::File(f) => Ok(Districts::File(f.file)),
        }
    }
}

/// How the city sets each district's yearly targets (总额预算, 002 二（三）)
/// and how often a district passes its assessment (二（四）1).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Collection target = last year's collection × (1 + this).
    pub collection_growth: f64,
    /// Spending target = last year's spending × (1 + this).
    pub spending_growth: f64,
    /// Chance that a district passes its yearly assessment.
    pub assessment_pass_rate: f64,
    /// The share of each district's part of the opening balance that is
    /// its earmark at the start (its retained surplus: the pre-pooling
    /// rolled-over balance, 002 二（一）6–7, and what it has retained since,
    /// 二（四）2); none when absent.
    #[serde(default)]
    pub earmark_opening: f64,
}

/// The economy's stochastic paths.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Economy {
    /// Yearly growth of wages (and the average wage).
    pub wage_growth: Normal,
    /// Yearly medical cost inflation (cost per claim).
    pub medical_inflation: Normal,
    /// Yearly growth of utilisation (claims per member), on top of ageing.
    pub utilisation_trend: f64,
    /// Interest on the fund's balance.
    pub interest: Normal,
    #[serde(default)]
    pub shocks: Shocks,
}

/// The claim model's levels of detail that are not in `data/`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimModel {
    /// The year the data tables' costs are in.
    pub base_year: i32,
    /// Mean cost per admission at the base year (all ages).
    pub inpatient_cost_mean: Money,
    /// Log-sd of the cost of an admission.
    pub inpatient_cost_sigma: f64,
    /// Weights of hospital levels for admissions.
    pub inpatient_levels: LevelTable<f64>,
    /// Weights of places for admissions.
    pub inpatient_places: ByPlace<f64>,
    /// Mean shares of a bill out of scope and in class-B drugs.
    pub out_of_scope_share: f64,
    pub class_b_share: f64,
    /// Weights of levels (pharmacy included) for outpatient spending.
    pub outpatient_levels: LevelTable<f64>,
    /// Log-sd of a member's yearly outpatient spending.
    pub outpatient_sigma: f64,
    /// Mean yearly cost of special/chronic outpatient care, and its log-sd.
    pub special_cost_mean: Money,
    pub special_cost_sigma: f64,
    /// Weights of special-disease classes 1, 2, 3 (class-based schemes).
    pub special_classes: [f64; 3],
    /// Weights of chronic diseases by table number (disease-based schemes).
    pub chronic_weights: Vec<f64>,
    /// Share of chronic patients with a second disease.
    pub second_disease_share: f64,
    /// Mean yearly cost of a single-payment drug, and its log-sd.
    pub single_drug_cost_mean: Money,
    pub single_drug_cost_sigma: f64,
    /// Shares of births that are caesarean and (vaginal) difficult, and of
    /// multiple births.
    pub caesarean_share: f64,
    pub difficult_share: f64,
    pub multiple_share: f64,
    /// Mean medical costs of a delivery, and of prenatal care.
    pub natural_cost_mean: Money,
    pub caesarean_cost_mean: Money,
    pub prenatal_cost_mean: Money,
    /// Terminations per woman aged 15–49 a year, and their mean cost.
    pub termination_rate: f64,
    pub termination_cost_mean: Money,
    /// Family-planning procedures per member aged 20–49 a year, and their
    /// mean cost.
    pub family_planning_rate: f64,
    pub family_planning_cost_mean: Money,
    /// Share of male members' partners who are not insured themselves (the
    /// spouse benefit applies to them).
    pub spouse_uninsured_share: f64,
    /// Multipliers of the data tables' admission rates, of their yearly
    /// outpatient spending and of their fertility (1: the tables as they
    /// are). Fit parameters of `medfund calibrate --accounts`.
    #[serde(default = "one")]
    pub inpatient_rate_factor: f64,
    #[serde(default = "one")]
    pub outpatient_factor: f64,
    #[serde(default = "one")]
    pub birth_rate_factor: f64,
}

/// What happens when the fund cannot pay.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backstop {
    /// Nothing: the balance may go negative.
    None,
    /// The fiscal budget covers a gap in a year with an epidemic (Ziyang
    /// 000 第三十六条（六）).
    ShockYears,
    /// The government covers any gap (Luzhou 001 第四十三条).
    Always,
}

/// The pooled fund at the start.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundParams {
    /// The first year of a projection.
    pub start_year: i32,
    /// Pooled balance at the start of the first year.
    pub opening_balance: Money,
    /// Where the top-up fund is kept apart (`employee.top_up_fund`): the
    /// part of `opening_balance` it holds (none when absent).
    #[serde(default)]
    pub top_up_opening: Option<Money>,
}

/// Statutory retirement ages (years, fractional during the phase-in).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetirementAges {
    pub male: f64,
    pub female_worker: f64,
    pub female_cadre: f64,
}

/// A member's category in a roster.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterCategory {
    Employee,
    Flexible,
    Retiree,
}

/// A member's sex in a roster: "M" or "F" (as in the contract's member).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum RosterSex {
    M,
    F,
}

/// A district named in a roster: by its name or its 0-based position in
/// `projection.districts`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum DistrictRef {
    Index(u16),
    Name(String),
}

impl DistrictRef {
    /// Its position among `districts`, or what is wrong.
    pub fn resolve(&self, districts: &[District]) -> Result<u16, String> {
        let names = || districts.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join(", ");
        match self {
            DistrictRef::Index(i) if usize::from(*i) < districts.len() => Ok(*i),
            DistrictRef::Index(i) => Err(format!(
                "district {i} is not a position in projection.districts (0–{}: {})",
                districts.len().saturating_sub(1),
                names()
            )),
            DistrictRef::Name(n) => districts
                .iter()
                .position(|d| &d.name == n)
                .map(|i| i as u16)
                .ok_or_else(|| format!("district {n:?} is not in projection.districts ({})", names())),
        }
    }
}

/// One member of an explicit roster (`projection.roster`), which replaces
/// the drawn base population: a projection of a few named people.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterMember {
    /// Age in whole years at the start of the first projected year.
    pub age: u8,
    pub sex: RosterSex,
    pub category: RosterCategory,
    /// Name or 0-based position in `projection.districts`; the first
    /// district when absent.
    #[serde(default)]
    pub district: Option<DistrictRef>,
    /// Monthly wage as a multiple of the year's average monthly wage (the
    /// average wage ÷ 12): the member's wage grows with the average wage.
    /// It is held as a 32-bit float, so a multiple such as 0.5, 1.25 or 3.5
    /// (a binary fraction) is exact. Ignored for flexible workers (their
    /// base is fixed) and retirees (who pay nothing).
    #[serde(default = "one")]
    pub wage: f64,
    /// An in-service employee of a fiscal-funded unit.
    #[serde(default)]
    pub fiscal: bool,
    /// On a pooling-only account (单建统筹) rather than a combined one.
    #[serde(default)]
    pub pooling_only: bool,
    /// A woman on the cadre track (the cadre retirement age).
    #[serde(default)]
    pub cadre: bool,
    /// Months of contributions at the start.
    pub months: u16,
}

/// One claim of a claim schedule (`projection.claim_schedule`): the roster
/// member, the year and the claim in the adjudication contract's shape
/// (spec/adjudication.md `claims[]`: `type` and that type's fields, read by
/// the same parser as `medfund adjudicate`). A member-year's claims are its
/// entries in the order written.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledClaim {
    /// 0-based position in `projection.roster`.
    pub member: u32,
    pub year: i32,
    pub claim: serde_json::Value,
}

impl ScheduledClaim {
    /// The claim as the contract reads it; `path` names it in errors.
    pub fn parse(&self, path: &str) -> Result<medfund_rules::member_year::Claim, String> {
        medfund_rules::contract::adjudication::parse_claim(&self.claim, path)
            .map_err(|e| if e.field.is_empty() { e.message } else { format!("{}: {}", e.field, e.message) })
    }
}

/// `[projection]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionSpec {
    /// Its resident projection was dropped (`simulate --employee-only`):
    /// not in the file, kept when `--set` reads the file again.
    #[serde(skip)]
    pub residents_dropped: bool,
    pub population: P<PopulationParams>,
    pub districts: P<Districts>,
    /// District targets, for cities that settle districts.
    #[serde(default)]
    pub targets: Option<P<Targets>>,
    pub economy: P<Economy>,
    pub claims: P<ClaimModel>,
    pub fund: P<FundParams>,
    pub backstop: P<Backstop>,
    /// Overrides the national table `data/retirement_ages.csv`.
    #[serde(default)]
    pub retirement_age: Option<P<RetirementAges>>,
    /// The resident scheme's population and fund, for cities with a
    /// `[resident]` scheme to project beside the employee one.
    #[serde(default)]
    pub residents: Option<P<ResidentParams>>,
    /// An explicit roster of members replacing the drawn base population
    /// (`projection.population`'s shares and `members` are then not used
    /// to draw anyone; its rates still move the roster).
    #[serde(default)]
    pub roster: Option<P<Vec<RosterMember>>>,
    /// Claims given member by member and year: when present, the members'
    /// claims come from it alone and none are drawn.
    #[serde(default)]
    pub claim_schedule: Option<P<Vec<ScheduledClaim>>>,
    /// `[[projection.sensitivity]]`: the documented range of each
    /// projection assumption `medfund sensitivity` moves (checked against
    /// the parameter's own range on load).
    #[serde(default)]
    pub sensitivity: Vec<SensitivityRange>,
}

/// One assumption's sensitivity range: its `--set` key, the low and high
/// ends, and why.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityRange {
    pub key: toml::Spanned<String>,
    pub low: f64,
    pub high: f64,
    pub reason: String,
}
