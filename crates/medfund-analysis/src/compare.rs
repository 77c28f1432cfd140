//! Policy comparison: one synthetic population and one set of claim
//! streams (common random numbers), settled by each city's employee rules
//! and charged by each city's contribution schedule, for the first year of
//! the population scenario's projection, over many claim paths.
//!
//! Every claim is drawn once with every kind of care present (the bill a
//! member faces) and again with each city's coverage (what the city's rules
//! are asked to settle); the draws share their random numbers slot by slot
//! ([`medfund_sim::claims`]), so a covered claim is the same claim in every city,
//! and care a city does not cover is paid by the member in full.
//!
//! Sums are kept in whole fen and counts, so they add up to the same total
//! in any order: results do not depend on the thread count.
//!
//! The decomposition of the difference between two cities switches one
//! rule family at a time from the first city's to the second's
//! ([`FAMILIES`]); the families partition the rules, so switching all of
//! them gives the second city exactly, and what one-at-a-time switching
//! leaves unexplained is reported as the interaction.

use std::sync::Arc;

use rayon::prelude::*;

use medfund_rules::adjudicate::{ClaimOutcome, adjudicate_into};
use medfund_rules::member_year::{Claim, Context, Member, MemberYear};
use medfund_rules::money::Money;
use medfund_rules::scenario::{Scheme, YearRules};
use medfund_sim::Scenario;
use medfund_sim::claims::{Coverage, SpecialScheme, YearModel, draw};
use medfund_sim::inputs::params::ClaimModel;
use medfund_sim::montecarlo::{RunOptions, Setup, setup};
use medfund_sim::population::{EMPLOYEE, FLEXIBLE, RETIREE};
use medfund_sim::rng::{Purpose, key};

/// Age bands of the tables: (from, to inclusive, label).
pub const AGE_BANDS: [(u8, u8, &str); 7] = [
    (0, 29, "16-29"),
    (30, 39, "30-39"),
    (40, 49, "40-49"),
    (50, 59, "50-59"),
    (60, 69, "60-69"),
    (70, 79, "70-79"),
    (80, 255, "80+"),
];

/// Member categories of the tables; index 3 is everyone.
pub const CATEGORIES: [&str; 4] = ["employee", "flexible", "retiree", "all"];

fn band(age: u8) -> usize {
    AGE_BANDS.iter().position(|b| (b.0..=b.1).contains(&age)).unwrap_or(AGE_BANDS.len() - 1)
}

/// A family of rules: the fields of [`YearRules`] it covers.
pub struct Family {
    pub name: &'static str,
    pub what: &'static str,
    /// Copy the family's fields from `from` into `to`.
    pub swap: fn(&mut YearRules, &YearRules),
}

/// The rule families, a partition of the employee rules' fields.
pub const FAMILIES: [Family; 11] = [
    Family {
        name: "self_pay_first",
        what: "self-pay-first ratios and bed standards",
        swap: |t, f| {
            t.self_pay_first = f.self_pay_first.clone();
            t.bed_standard = f.bed_standard.clone();
        },
    },
    Family {
        name: "deductibles",
        what: "inpatient deductibles and their modifiers, emergency deaths paid as admissions",
        swap: |t, f| {
            t.deductible = f.deductible.clone();
            t.deductible_base = f.deductible_base;
            // Whether an emergency death is paid as an admission, and with
            // or without the deductible (000 第十八条（三）, 003 第二十五条).
            t.emergency_death = f.emergency_death.clone();
        },
    },
    Family {
        name: "ratios",
        what: "inpatient payment ratios and their modifiers",
        swap: |t, f| {
            t.ratio = f.ratio.clone();
            t.ratio_base = f.ratio_base;
        },
    },
    Family { name: "caps", what: "annual caps", swap: |t, f| t.annual_cap = f.annual_cap.clone() },
    Family {
        name: "outpatient_pooling",
        what: "general outpatient pooling",
        swap: |t, f| t.outpatient_pooling = f.outpatient_pooling.clone(),
    },
    Family {
        name: "special_outpatient",
        what: "special and chronic outpatient care",
        swap: |t, f| t.special_outpatient = f.special_outpatient.clone(),
    },
    Family {
        name: "single_payment_drugs",
        what: "single-payment drugs and high-value drugs outside hospital",
        swap: |t, f| {
            t.single_payment_drug = f.single_payment_drug.clone();
            t.high_value_drug = f.high_value_drug.clone();
        },
    },
    Family {
        name: "maternity",
        what: "maternity medical payments, allowances, terminations, family planning and newborns on the mother's cover",
        swap: |t, f| {
            t.maternity = f.maternity.clone();
            t.maternity_termination = f.maternity_termination.clone();
            t.maternity_allowance = f.maternity_allowance.clone();
            t.maternity_as_inpatient = f.maternity_as_inpatient.clone();
            t.family_planning = f.family_planning.clone();
            // The newborn's admission on the mother's cover is a maternity
            // article (003 第三十七条).
            t.newborn = f.newborn.clone();
        },
    },
    Family {
        name: "top_up",
        what: "large-expense top-up (and which places it covers)",
        swap: |t, f| {
            t.top_up = f.top_up.clone();
            t.places = f.places.clone();
        },
    },
    Family { name: "waiting", what: "waiting periods", swap: |t, f| t.waiting_period = f.waiting_period.clone() },
    Family {
        name: "contributions",
        what: "contribution rates and bases, personal accounts, lump sums",
        swap: |t, f| {
            t.contribution = f.contribution.clone();
            t.personal_account = f.personal_account.clone();
            t.lump_sum = f.lump_sum.clone();
            t.minimum_years = f.minimum_years.clone();
        },
    },
];

/// One set of rules to settle the population with: a city, or a city with
/// some families of another's.
#[derive(Clone)]
pub struct Variant {
    pub name: String,
    pub rules: Arc<YearRules>,
    /// Weights of the chronic diseases of its special-outpatient table.
    pub chronic_weights: Vec<f64>,
}

/// 2 + 7 decades × 100 bins: out-of-pocket 0, (0, 1 yuan), then
/// logarithmic bins up to 10 million yuan (a bin spans 2.3%).
const BINS_PER_DECADE: usize = 100;
const BINS: usize = 2 + 7 * BINS_PER_DECADE;

fn bin(oop: Money) -> usize {
    let y = oop.as_yuan_f64();
    if oop <= Money::ZERO {
        0
    } else if y < 1.0 {
        1
    } else {
        (2 + (y.log10() * BINS_PER_DECADE as f64) as usize).min(BINS - 1)
    }
}

/// The geometric middle of a bin, yuan.
fn bin_value(b: usize) -> f64 {
    match b {
        0 => 0.0,
        1 => 0.5,
        _ => 10f64.powf(((b - 2) as f64 + 0.5) / BINS_PER_DECADE as f64),
    }
}

/// Sums for one city, category and age band, in fen and counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Member-years.
    pub members: u64,
    pub bill: i64,
    pub in_scope: i64,
    /// Pooled fund and top-up paid on claims, and maternity allowances.
    pub fund: i64,
    pub top_up: i64,
    pub allowance: i64,
    pub oop: i64,
    /// Members whose out-of-pocket exceeds 20% and 40% of their yearly wage.
    pub over20: u64,
    pub over40: u64,
    pub employer: i64,
    pub employee: i64,
    /// Out-of-pocket distribution (see [`bin`]).
    pub hist: Vec<u64>,
}

impl Default for Group {
    fn default() -> Self {
        Group {
            members: 0,
            bill: 0,
            in_scope: 0,
            fund: 0,
            top_up: 0,
            allowance: 0,
            oop: 0,
            over20: 0,
            over40: 0,
            employer: 0,
            employee: 0,
            hist: vec![0; BINS],
        }
    }
}

impl Group {
    fn add(&mut self, o: &Group) {
        self.members += o.members;
        self.bill += o.bill;
        self.in_scope += o.in_scope;
        self.fund += o.fund;
        self.top_up += o.top_up;
        self.allowance += o.allowance;
        self.oop += o.oop;
        self.over20 += o.over20;
        self.over40 += o.over40;
        self.employer += o.employer;
        self.employee += o.employee;
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
    }

    /// The `q` quantile of out-of-pocket per member, yuan (the middle of
    /// its histogram bin: within about 1.2%).
    pub fn oop_quantile(&self, q: f64) -> f64 {
        let n: u64 = self.hist.iter().sum();
        if n == 0 {
            return f64::NAN;
        }
        let want = (q * n as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (b, c) in self.hist.iter().enumerate() {
            seen += c;
            if seen >= want {
                return bin_value(b);
            }
        }
        bin_value(BINS - 1)
    }

    fn per(&self, x: i64) -> f64 {
        if self.members == 0 { f64::NAN } else { x as f64 / 100.0 / self.members as f64 }
    }
    pub fn bill_per_member(&self) -> f64 {
        self.per(self.bill)
    }
    /// Benefits (pooled fund, top-up, allowances) per member.
    pub fn fund_per_member(&self) -> f64 {
        self.per(self.fund + self.top_up + self.allowance)
    }
    pub fn oop_per_member(&self) -> f64 {
        self.per(self.oop)
    }
    pub fn employer_per_member(&self) -> f64 {
        self.per(self.employer)
    }
    pub fn employee_per_member(&self) -> f64 {
        self.per(self.employee)
    }
    /// What the fund and top-up paid of the whole bill.
    pub fn reimbursement_ratio(&self) -> f64 {
        if self.bill == 0 { f64::NAN } else { (self.fund + self.top_up) as f64 / self.bill as f64 }
    }
    /// … and of the part within the catalogues.
    pub fn in_scope_ratio(&self) -> f64 {
        if self.in_scope == 0 { f64::NAN } else { (self.fund + self.top_up) as f64 / self.in_scope as f64 }
    }
    pub fn share_over20(&self) -> f64 {
        if self.members == 0 { f64::NAN } else { self.over20 as f64 / self.members as f64 }
    }
    pub fn share_over40(&self) -> f64 {
        if self.members == 0 { f64::NAN } else { self.over40 as f64 / self.members as f64 }
    }
}

/// One variant's year: groups by `[category][band]` (category 3 and band
/// 7 are totals), and the pooled fund's one-year balance per path.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantStats {
    pub name: String,
    pub groups: Vec<Vec<Group>>,
    /// Per path: contributions to the pooled fund (net of personal
    /// accounts, per-head fees included) less benefits and retirees'
    /// account credits, fen.
    pub balance: Vec<i64>,
    pub income: i64,
    pub outflow: i64,
}

impl VariantStats {
    fn new(name: &str, paths: usize) -> VariantStats {
        VariantStats {
            name: name.to_string(),
            groups: vec![vec![Group::default(); AGE_BANDS.len() + 1]; CATEGORIES.len()],
            balance: vec![0; paths],
            income: 0,
            outflow: 0,
        }
    }
    pub fn total(&self) -> &Group {
        &self.groups[3][AGE_BANDS.len()]
    }
}

/// The population and claim model of a comparison.
pub struct Population {
    pub setup: Setup,
    pub year: i32,
    pub ym: YearModel,
    pub paths: u32,
}

/// Prices and utilisation of the year against the claim tables' base year,
/// at the economy's expected growth; an epidemic certain in the year
/// (`--shock epidemic@YEAR`) multiplies them (the other shocks act over
/// years: they are for `simulate` and `stress`).
fn year_indices(s: &Setup, year: i32) -> (f64, f64) {
    let e = &s.economy;
    let mut cost = (1.0 + e.medical_inflation.mean).powi(year - s.claims.base_year);
    let mut util = (1.0 + e.utilisation_trend).powi(year - s.claims.base_year);
    if let Some(ep) = e.shocks.epidemic.as_ref().filter(|ep| ep.years.contains(&year)) {
        cost *= ep.cost;
        util *= ep.utilisation;
    }
    (cost, util)
}

/// The population of `sc`'s projection (its first year), for `paths`
/// claim paths on `seed`.
pub fn population(sc: &Scenario, paths: u32, seed: u64) -> Result<Population, String> {
    let o = RunOptions { years: 1, paths, seed, overrides: Vec::new() };
    let s = setup(sc, &o)?;
    let year = s.years[0];
    let (cost, util) = year_indices(&s, year);
    let ym = YearModel::new(s.data, &s.claims, cost, util);
    Ok(Population { setup: s, year, ym, paths })
}

/// A city's employee rules for the comparison year, with the population's
/// average wage (one population, one wage level), and its chronic-disease
/// weights (uniform where its scenario has none that fit its table).
pub fn city(sc: &Scenario, pop: &Population) -> Result<Variant, String> {
    let mut r = (*sc.year_rules(Scheme::Employee, pop.year)?).clone();
    r.avg_wage = pop.setup.rules[0].avg_wage.clone();
    let n = r.special_outpatient.as_ref().and_then(|s| s.v.diseases.as_ref()).map_or(0, |d| d.table.len());
    let own = sc
        .spec
        .projection
        .as_ref()
        .and_then(|p| p.claims.get_ref().at(medfund_rules::scenario::Date::jan1(pop.year)).cloned())
        .map(|c: ClaimModel| c.chronic_weights)
        .unwrap_or_default();
    let chronic_weights = if own.len() == n { own } else { vec![1.0; n] };
    Ok(Variant { name: sc.name().to_string(), rules: Arc::new(r), chronic_weights })
}

/// `a` with the families named in `families` taken from `b`.
pub fn hybrid(a: &Variant, b: &Variant, families: &[&Family]) -> Variant {
    let mut r = (*a.rules).clone();
    let mut chronic = a.chronic_weights.clone();
    let mut names = Vec::new();
    for f in families {
        (f.swap)(&mut r, &b.rules);
        if f.name == "special_outpatient" {
            chronic = b.chronic_weights.clone();
        }
        names.push(f.name);
    }
    Variant { name: format!("{}+{}:{}", a.name, b.name, names.join("+")), rules: Arc::new(r), chronic_weights: chronic }
}

/// Every kind of care, as the bill.
const ALL_CARE: Coverage = Coverage {
    outpatient: true,
    special: SpecialScheme::Classes,
    single_drug: true,
    maternity: true,
    termination: true,
    family_planning: true,
    emergency_death: true,
    high_value_drug: true,
    newborn: true,
    complication: true,
    spouse_elsewhere: true,
};

fn in_scope(c: &Claim) -> Money {
    match c {
        Claim::Inpatient(x) => x.total - x.out_of_scope,
        Claim::Outpatient(x) => x.total - x.out_of_scope,
        Claim::SpecialOutpatient(x) => x.total - x.out_of_scope,
        Claim::SinglePaymentDrug(x) => x.total - x.out_of_scope,
        other => other.bill(),
    }
}

/// Each variant's claim model for the year (its chronic weights) and what
/// it covers.
fn models(pop: &Population, variants: &[Variant]) -> Vec<(YearModel, Coverage)> {
    let s = &pop.setup;
    variants
        .iter()
        .map(|v| {
            let mut m = s.claims.clone();
            m.chronic_weights = v.chronic_weights.clone();
            let (cost, util) = year_indices(s, pop.year);
            (YearModel::new(s.data, &m, cost, util), Coverage::of(&v.rules))
        })
        .collect()
}

/// The member-years `variant` settles in [`evaluate`], as input lines of
/// `medfund adjudicate` (`medfund compare --claims-out`): every path's
/// members with claims under the variant's coverage, in path and member
/// order, with ids `p<path>/m<member>/<category>` and the population's
/// average wage in `context`, so that the city's scenario settles them
/// again independently.
pub fn claim_lines(pop: &Population, variant: &Variant) -> Vec<String> {
    let s = &pop.setup;
    let (ym, cov) = &models(pop, std::slice::from_ref(variant))[0];
    let mut my = MemberYear {
        year: pop.year,
        context: Context { avg_wage: Some(s.rules[0].avg_wage.v), employer_avg_monthly_wage: None },
        member: Member::default(),
        claims: Vec::new(),
    };
    let mut lines = Vec::new();
    for path in 0..pop.paths {
        let claims_key = key(s.seed, path, pop.year, Purpose::Claims);
        for (i, p) in s.base.people.iter().enumerate() {
            draw(p, ym, cov, claims_key, &mut my);
            if !my.claims.is_empty() {
                let id = format!("p{path}/m{i}/{}", CATEGORIES[usize::from(p.category.min(RETIREE))]);
                lines.push(medfund_rules::contract::input_line::format_member_year(&id, &my));
            }
        }
    }
    lines
}

/// Settle the population's year with every variant over every path.
pub fn evaluate(pop: &Population, variants: &[Variant]) -> Result<Vec<VariantStats>, String> {
    let s = &pop.setup;
    let models = models(pop, variants);
    let avg_wage = s.rules[0].avg_wage.v;
    let per_path: Vec<Vec<VariantStats>> = (0..pop.paths)
        .into_par_iter()
        .map(|path| {
            let mut out: Vec<VariantStats> = variants.iter().map(|v| VariantStats::new(&v.name, 1)).collect();
            let claims_key = key(s.seed, path, pop.year, Purpose::Claims);
            let mut full = MemberYear {
                year: pop.year,
                context: Context { avg_wage: Some(avg_wage), employer_avg_monthly_wage: None },
                member: Member::default(),
                claims: Vec::new(),
            };
            let mut my = full.clone();
            let mut outcomes: Vec<ClaimOutcome> = Vec::new();
            let monthly_avg = avg_wage.0 as f64 / 12.0;
            for p in &s.base.people {
                draw(p, &pop.ym, &ALL_CARE, claims_key, &mut full);
                let bill: Money = full.claims.iter().map(Claim::bill).sum();
                let scope: Money = full.claims.iter().map(in_scope).sum();
                let wage = Money((f64::from(p.wage) * monthly_avg).round() as i64);
                let yearly_wage = wage.as_yuan_f64() * 12.0;
                let (cat, b) = (usize::from(p.category.min(RETIREE)), band(p.age));
                for (vi, v) in variants.iter().enumerate() {
                    let (ym, cov) = &models[vi];
                    draw(p, ym, cov, claims_key, &mut my);
                    let mut paid = medfund_rules::member_year::Payment::default();
                    if !my.claims.is_empty() {
                        adjudicate_into(&v.rules, &my, false, &mut outcomes)
                            .map_err(|e| format!("{}: path {path}: a drawn claim was refused: {e}", v.name))?;
                        for o in &outcomes {
                            paid += o.payment;
                        }
                    }
                    let oop = bill - paid.fund - paid.catastrophic;
                    let (mut employer, mut employee, mut income, mut credit) =
                        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
                    if let (Some(c), Some(pa)) = (&v.rules.contribution, &v.rules.personal_account) {
                        let m = c.v.monthly(p.category(), p.account(), p.employer(), wage, avg_wage, &pa.v);
                        employer = Money(m.employer.0 * 12);
                        employee = Money(m.employee.0 * 12);
                        income = Money(m.to_pool.0 * 12);
                        credit = Money(m.retiree_crediting.0 * 12);
                        if let Some(f) = c.v.per_head {
                            income += match p.category {
                                EMPLOYEE => f.employer + f.employee,
                                FLEXIBLE => f.flexible,
                                _ => f.retiree,
                            };
                        }
                    }
                    let outflow = paid.fund + paid.catastrophic + paid.allowance + credit;
                    let st = &mut out[vi];
                    st.income += income.0;
                    st.outflow += outflow.0;
                    st.balance[0] += (income - outflow).0;
                    for (ci, bi) in [(cat, b), (cat, AGE_BANDS.len()), (3, b), (3, AGE_BANDS.len())] {
                        let g = &mut st.groups[ci][bi];
                        g.members += 1;
                        g.bill += bill.0;
                        g.in_scope += scope.0;
                        g.fund += paid.fund.0;
                        g.top_up += paid.catastrophic.0;
                        g.allowance += paid.allowance.0;
                        g.oop += oop.0;
                        g.over20 += u64::from(oop.as_yuan_f64() > 0.2 * yearly_wage);
                        g.over40 += u64::from(oop.as_yuan_f64() > 0.4 * yearly_wage);
                        g.employer += employer.0;
                        g.employee += employee.0;
                        g.hist[bin(oop)] += 1;
                    }
                }
            }
            Ok(out)
        })
        .collect::<Result<_, String>>()?;
    // Put the paths together in path order.
    let mut total: Vec<VariantStats> =
        variants.iter().map(|v| VariantStats::new(&v.name, pop.paths as usize)).collect();
    for (path, stats) in per_path.into_iter().enumerate() {
        for (t, st) in total.iter_mut().zip(stats) {
            t.income += st.income;
            t.outflow += st.outflow;
            t.balance[path] = st.balance[0];
            for (tg, sg) in t.groups.iter_mut().zip(&st.groups) {
                for (a, b) in tg.iter_mut().zip(sg) {
                    a.add(b);
                }
            }
        }
    }
    Ok(total)
}

/// One family's part of the difference between two cities, per member.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub family: String,
    pub fund_per_member: f64,
    pub oop_per_member: f64,
    pub balance_per_member: f64,
}

/// The decomposition of `b − a`: each family switched alone from `a` to
/// `b`, then the interaction, then the total.
pub struct Decomposition {
    pub a: String,
    pub b: String,
    pub parts: Vec<Part>,
}

/// The variants a decomposition of `b − a` needs (after `a` and `b`
/// themselves): `a` with each family of `b`'s, then `a` with all of them.
pub fn decomposition_variants(a: &Variant, b: &Variant) -> Vec<Variant> {
    let mut v: Vec<Variant> = FAMILIES.iter().map(|f| hybrid(a, b, &[f])).collect();
    v.push(hybrid(a, b, &FAMILIES.iter().collect::<Vec<_>>()));
    v
}

fn per_member(s: &VariantStats) -> (f64, f64, f64) {
    let t = s.total();
    let bal = s.balance.iter().sum::<i64>() as f64 / 100.0 / t.members.max(1) as f64;
    (t.fund_per_member(), t.oop_per_member(), bal)
}

/// Put together the decomposition from the stats of `a`, `b` and the
/// [`decomposition_variants`] (in that order).
pub fn decompose(a: &VariantStats, b: &VariantStats, hybrids: &[VariantStats]) -> Decomposition {
    let (fa, oa, ba) = per_member(a);
    let (fb, ob, bb) = per_member(b);
    let mut parts: Vec<Part> = FAMILIES
        .iter()
        .zip(hybrids)
        .map(|(f, h)| {
            let (fh, oh, bh) = per_member(h);
            Part {
                family: f.name.to_string(),
                fund_per_member: fh - fa,
                oop_per_member: oh - oa,
                balance_per_member: bh - ba,
            }
        })
        .collect();
    let sum = |g: fn(&Part) -> f64, parts: &[Part]| parts.iter().map(g).sum::<f64>();
    let interaction = Part {
        family: "interaction".into(),
        fund_per_member: (fb - fa) - sum(|p| p.fund_per_member, &parts),
        oop_per_member: (ob - oa) - sum(|p| p.oop_per_member, &parts),
        balance_per_member: (bb - ba) - sum(|p| p.balance_per_member, &parts),
    };
    parts.push(interaction);
    parts.push(Part {
        family: "total".into(),
        fund_per_member: fb - fa,
        oop_per_member: ob - oa,
        balance_per_member: bb - ba,
    });
    Decomposition { a: a.name.clone(), b: b.name.clone(), parts }
}

/// A whole comparison: the cities' stats and each later city's
/// decomposition against the first.
pub struct Comparison {
    pub population: String,
    pub year: i32,
    pub paths: u32,
    pub seed: u64,
    pub members: u32,
    pub cities: Vec<VariantStats>,
    pub decompositions: Vec<Decomposition>,
}

/// Compare `cities` on the population of `population`.
pub fn compare(population_sc: &Scenario, cities: &[&Scenario], paths: u32, seed: u64) -> Result<Comparison, String> {
    let pop = self::population(population_sc, paths, seed)?;
    let vs: Vec<Variant> = cities.iter().map(|c| city(c, &pop)).collect::<Result<_, _>>()?;
    let mut all = vs.clone();
    for b in vs.iter().skip(1) {
        all.extend(decomposition_variants(&vs[0], b));
    }
    let stats = evaluate(&pop, &all)?;
    let n = vs.len();
    let k = FAMILIES.len() + 1;
    let decompositions = (1..n)
        .map(|j| {
            let h = &stats[n + (j - 1) * k..n + j * k];
            decompose(&stats[0], &stats[j], &h[..FAMILIES.len()])
        })
        .collect();
    // Switching every family reproduces the other city exactly.
    for j in 1..n {
        let all_switched = &stats[n + (j - 1) * k + FAMILIES.len()];
        if all_switched.groups != stats[j].groups || all_switched.balance != stats[j].balance {
            return Err(format!(
                "internal: {} with every rule family of {} does not reproduce {}",
                vs[0].name, vs[j].name, vs[j].name
            ));
        }
    }
    Ok(Comparison {
        population: population_sc.name().to_string(),
        year: pop.year,
        paths,
        seed,
        members: pop.setup.base.people.len() as u32,
        cities: stats[..n].to_vec(),
        decompositions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_zero_small_and_large_amounts() {
        assert_eq!(bin(Money::ZERO), 0);
        assert_eq!(bin(Money(50)), 1);
        assert_eq!(bin(Money::yuan(1)), 2);
        // 1,000 yuan: 3 decades in.
        assert_eq!(bin(Money::yuan(1000)), 2 + 300);
        let v = bin_value(bin(Money::yuan(1234)));
        assert!((v / 1234.0 - 1.0).abs() < 0.012, "{v}");
        assert_eq!(bin(Money::yuan(1_000_000_000)), BINS - 1);
    }

    #[test]
    fn quantiles_read_the_histogram() {
        let mut g = Group::default();
        for y in [0, 0, 100, 1000, 10_000] {
            g.hist[bin(Money::yuan(y))] += 1;
        }
        assert_eq!(g.oop_quantile(0.4), 0.0);
        assert!((g.oop_quantile(0.6) / 100.0 - 1.0).abs() < 0.012);
        assert!((g.oop_quantile(0.99) / 10_000.0 - 1.0).abs() < 0.012);
    }
}
