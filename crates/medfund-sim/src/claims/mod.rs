//! Claim streams: what one member's year of care costs, drawn from the
//! member's own random stream, as the contract's claims.
//!
//! Per member-year, by age and sex: inpatient admissions (Poisson count,
//! lognormal cost, hospital level and place, out-of-scope and class-B
//! shares, and the bill's lines in `lines`: stay and bed, items and
//! materials by unit price, referrals), yearly general outpatient
//! spending, special/chronic outpatient care (prevalence by age; up to
//! three diseases, their yearly cost by severity from
//! `data/special_severity.csv`), single-payment drugs, births and their kind,
//! pregnancy terminations, family-planning procedures; and in `kinds` the
//! rarer kinds the texts settle apart (`data/claim_kinds.csv`): death
//! during emergency care, high-value drugs outside hospital, stillbirths,
//! newborns' admissions on the mother's cover, procedures done together,
//! a spouse already reimbursed elsewhere. Costs grow with medical
//! inflation, utilisation with its trend, both with an epidemic.
//!
//! The draws never depend on the rules: each kind of claim has fixed slots
//! in the member's own counter-based stream, so a scheme that does not
//! cover a kind skips its draws without moving any other number, and every
//! scenario run on one seed sees the same care (common random numbers).

use rand::RngExt;
use rand_distr::StandardNormal;

mod kinds;
pub use kinds::{KIND_NAMES, kind_mask, special_group};
mod lines;

use crate::inputs::admission_lines::AdmissionLines;
use crate::inputs::claim_kinds::ClaimKinds;
use crate::inputs::params::ClaimModel;
use crate::inputs::severity::Severity;
use crate::inputs::tables::Data;
use crate::population::Person;
use crate::rng::PersonRng;
use crate::sampling::{cumulative, pick};
use medfund_rules::member_year::*;
use medfund_rules::money::Money;
use medfund_rules::scenario::YearRules;

/// Where each kind of draw starts in a person's stream (see
/// [`PersonRng::seek`]): a kind may use numbers up to the next kind's slot.
mod slot {
    pub const SPECIAL: u64 = 0;
    pub const ADMISSIONS: u64 = 16;
    /// Each admission uses 8 numbers; at most 8 admissions.
    pub const OUTPATIENT: u64 = 96;
    pub const DRUG: u64 = 112;
    pub const BIRTH: u64 = 128;
    pub const TERMINATION: u64 = 144;
    pub const FAMILY_PLANNING: u64 = 160;
    /// The lines of each admission (bed, items, materials, referral):
    /// `lines::PER_ADMISSION` numbers each, at most 8 admissions.
    pub const ADMISSION_LINES: u64 = 192;
    /// The rarer kinds (`kinds`), four numbers each, after every admission's
    /// lines (192 + 8 × 24 = 384).
    pub const EMERGENCY_DEATH: u64 = 384;
    pub const HIGH_VALUE_DRUG: u64 = 388;
    pub const STILLBIRTH: u64 = 392;
    pub const NEWBORN: u64 = 396;
    /// A birth's further draws: a ligation with a caesarean.
    pub const BIRTH_EXTRA: u64 = 400;
    /// A family-planning claim's further draws (rarer procedure, several at
    /// once, complication, curettage).
    pub const FAMILY_PLANNING_EXTRA: u64 = 404;
}

/// Which kinds of special outpatient care a scheme settles.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SpecialScheme {
    None,
    /// Ziyang-style classes 1–3.
    Classes,
    /// Dingxi-style disease table.
    Diseases,
}

/// Which claim types a scheme settles (the rest are dropped after drawing).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub outpatient: bool,
    pub special: SpecialScheme,
    pub single_drug: bool,
    pub maternity: bool,
    pub termination: bool,
    pub family_planning: bool,
    /// The rarer kinds (`kinds`): their rules' sections are present.
    pub emergency_death: bool,
    pub high_value_drug: bool,
    pub newborn: bool,
    /// A complication of a family-planning procedure has an amount (Ziyang
    /// 000 第二十五条（十三）) or a ratio (Dingxi 003 第三十八条); Luzhou's
    /// text has none, so such a claim is not drawn there.
    pub complication: bool,
    /// A male member's partner already reimbursed elsewhere is paid
    /// something (Luzhou 001 第三十八条); elsewhere such a claim is dropped.
    pub spouse_elsewhere: bool,
}

impl Coverage {
    pub fn of(r: &YearRules) -> Coverage {
        let as_inpatient = r.maternity_as_inpatient.is_some();
        Coverage {
            outpatient: r.outpatient_pooling.is_some(),
            special: match &r.special_outpatient {
                Some(s) if s.v.classes.is_some() => SpecialScheme::Classes,
                Some(_) => SpecialScheme::Diseases,
                None => SpecialScheme::None,
            },
            single_drug: r.single_payment_drug.is_some(),
            maternity: r.maternity.is_some() || as_inpatient,
            termination: (r.maternity.is_some() && r.maternity_termination.is_some()) || as_inpatient,
            family_planning: r.family_planning.is_some(),
            emergency_death: r.emergency_death.is_some(),
            high_value_drug: r.high_value_drug.is_some(),
            newborn: r.newborn.is_some(),
            complication: r.family_planning.as_ref().is_some_and(|f| f.v.complication.is_some() || f.v.ratio.is_some()),
            spouse_elsewhere: r
                .maternity
                .as_ref()
                .and_then(|m| m.v.spouse.as_ref())
                .is_some_and(|s| s.reimbursed_elsewhere.is_some()),
        }
    }
}

/// The claim model of one path-year: the base tables scaled by the year's
/// cost and utilisation indices.
#[derive(Clone, Debug)]
pub struct YearModel {
    /// e^(−λ) of the admission count, by age.
    p0_admit: Vec<f64>,
    admit_rate: Vec<f64>,
    /// ln(mean) − σ²/2 of the cost of an admission by age.
    cost_mu: Vec<f64>,
    outpatient_use: Vec<f64>,
    /// The mean bill of an admission by age, exp(μ + σ²/2) (the lines' cost
    /// ratio is a bill over it).
    cost_mean: Vec<f64>,
    /// E[ratio^e] of the bills' lognormal for the stay's cost elasticity e
    /// (claims::lines).
    stay_mean_factor: f64,
    /// ln(mean) − σ²/2 of yearly outpatient spending by age.
    outpatient_mu: Vec<f64>,
    special_prev: Vec<f64>,
    drug_prev: Vec<f64>,
    fertility: Vec<f64>,
    cost_index: f64,
    level_cum: Vec<f64>,
    place_cum: Vec<f64>,
    out_level_cum: Vec<f64>,
    class_cum: Vec<f64>,
    chronic_cum: Vec<f64>,
    lines: &'static AdmissionLines,
    kinds: &'static ClaimKinds,
    /// Death probability by sex and age (life table).
    qx: [[f64; 111]; 2],
    severity: &'static Severity,
    m: ClaimModel,
}

const LEVELS7: [Level; 7] =
    [Level::Unrated, Level::L1, Level::L2B, Level::L2A, Level::L3B, Level::L3A, Level::Pharmacy];

/// A population's care against the data tables (the resident scheme's
/// against the employees'): multipliers of admissions and of outpatient
/// spending.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Scale {
    pub inpatient_rate: f64,
    pub outpatient_spending: f64,
}

impl Scale {
    pub const ONE: Scale = Scale { inpatient_rate: 1.0, outpatient_spending: 1.0 };
}

impl YearModel {
    /// `cost_index`: medical prices relative to the base year;
    /// `utilisation`: claims per member relative to the base year.
    /// The claim model's own factors (`inpatient_rate_factor`,
    /// `outpatient_factor`) scale the tables.
    pub fn new(data: &Data, m: &ClaimModel, cost_index: f64, utilisation: f64) -> YearModel {
        let scale = Scale { inpatient_rate: m.inpatient_rate_factor, outpatient_spending: m.outpatient_factor };
        Self::scaled(data, m, cost_index, utilisation, scale)
    }

    /// [`YearModel::new`] for a population whose care differs from the
    /// tables by `scale`.
    pub fn scaled(data: &Data, m: &ClaimModel, cost_index: f64, utilisation: f64, scale: Scale) -> YearModel {
        let u = &data.utilisation;
        let admit_rate: Vec<f64> = u.iter().map(|x| x.inpatient_rate * utilisation * scale.inpatient_rate).collect();
        let sigma = m.inpatient_cost_sigma;
        let cost_mu: Vec<f64> = u
            .iter()
            .map(|x| {
                (m.inpatient_cost_mean.as_yuan_f64() * x.inpatient_cost_factor * cost_index).ln() - sigma * sigma / 2.0
            })
            .collect();
        let lines = AdmissionLines::builtin();
        YearModel {
            p0_admit: admit_rate.iter().map(|l| (-l).exp()).collect(),
            admit_rate,
            cost_mean: cost_mu.iter().map(|mu| (mu + sigma * sigma / 2.0).exp()).collect(),
            stay_mean_factor: lines::stay_mean_factor(lines, sigma),
            cost_mu,
            outpatient_use: u.iter().map(|x| (x.outpatient_use * utilisation).min(1.0)).collect(),
            outpatient_mu: u
                .iter()
                .map(|x| {
                    (x.outpatient_mean * cost_index * scale.outpatient_spending).ln()
                        - m.outpatient_sigma * m.outpatient_sigma / 2.0
                })
                .collect(),
            special_prev: u.iter().map(|x| x.special_prevalence.min(1.0)).collect(),
            drug_prev: u.iter().map(|x| (x.single_drug_prevalence * utilisation).min(1.0)).collect(),
            fertility: data.fertility.iter().map(|f| (f * m.birth_rate_factor).min(1.0)).collect(),
            cost_index,
            level_cum: cumulative(*m.inpatient_levels.hospital()),
            place_cum: cumulative(m.inpatient_places.0),
            out_level_cum: cumulative(LEVELS7.iter().map(|l| m.outpatient_levels.get(*l).unwrap_or(0.0))),
            class_cum: cumulative(m.special_classes),
            chronic_cum: cumulative(m.chronic_weights.iter().copied()),
            lines,
            kinds: ClaimKinds::builtin(),
            qx: data.qx,
            severity: Severity::builtin(),
            m: m.clone(),
        }
    }
}

thread_local! {
    /// Emptied line vectors (items, materials) of the thread's earlier
    /// admissions, reused so that an admission's lines allocate nothing.
    /// Only capacity is kept: no value depends on it.
    static SPARE: std::cell::RefCell<Vec<Vec<Money>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many spare line vectors a thread keeps.
const SPARE_MAX: usize = 64;

/// Empty `claims`, keeping its admissions' line vectors for [`spare`].
fn recycle(claims: &mut Vec<Claim>) {
    if !claims.iter().any(|c| matches!(c, Claim::Inpatient(_))) {
        claims.clear();
        return;
    }
    SPARE.with_borrow_mut(|spare| {
        for c in claims.drain(..) {
            if let Claim::Inpatient(i) = c {
                for mut v in [i.partial_items, i.materials] {
                    if v.capacity() > 0 && spare.len() < SPARE_MAX {
                        v.clear();
                        spare.push(v);
                    }
                }
            }
        }
    });
}

/// An empty line vector, with capacity where a spare one is left.
fn spare() -> Vec<Money> {
    SPARE.with_borrow_mut(Vec::pop).unwrap_or_default()
}

/// Yuan (non-negative) to whole fen, rounding half-up without a libm call.
#[inline]
fn yuan(v: f64) -> Money {
    debug_assert!(v >= 0.0);
    Money((v * 100.0 + 0.5) as i64)
}

#[inline]
fn lognormal(rng: &mut PersonRng, mean: f64, sigma: f64) -> f64 {
    lognormal_mu(rng, mean.ln() - sigma * sigma / 2.0, sigma)
}

/// A lognormal draw given μ = ln(mean) − σ²/2.
#[inline]
fn lognormal_mu(rng: &mut PersonRng, mu: f64, sigma: f64) -> f64 {
    let z: f64 = rng.sample(StandardNormal);
    (mu + sigma * z).exp()
}

/// A share around its mean: uniform on [0, 2 × mean].
#[inline]
fn share(rng: &mut PersonRng, mean: f64) -> f64 {
    2.0 * mean * rng.random::<f64>()
}

/// Draw one member's year of claims into `my` (its member is filled from
/// `p`; its claims vector is reused). Returns the number of admissions.
pub fn draw(p: &Person, ym: &YearModel, cov: &Coverage, key: u64, my: &mut MemberYear) -> u32 {
    let rng = &mut PersonRng::new(key, p.id);
    p.fill_member(&mut my.member);
    recycle(&mut my.claims);
    let a = usize::from(p.age.min(110));
    let m = &ym.m;

    // Special / chronic status first: Ziyang's class 1 also changes the
    // inpatient rules of the year.
    rng.seek(slot::SPECIAL);
    if rng.random::<f64>() < ym.special_prev[a] {
        let (u_kind, u_second, u_second_kind) = (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
        let special_cost = lognormal(rng, m.special_cost_mean.as_yuan_f64() * ym.cost_index, m.special_cost_sigma);
        let special_level = Level::HOSPITAL[pick(&ym.level_cum, rng.random())];
        let (u_third, u_third_kind) = (rng.random::<f64>(), rng.random::<f64>());
        // Up to three diseases (Dingxi 003 第三十条（四）: at most three
        // count): a second with `second_disease_share`, a third with the
        // same share again.
        let second = u_second < m.second_disease_share;
        let third = second && u_third < m.second_disease_share;
        // The severity quantile is the patient's, whatever the scheme calls
        // it: it picks a class-based scheme's class and a disease-based
        // scheme's disease (both ordered from the most severe), and the
        // disease group's cost (data/special_severity.csv: dialysis 40
        // times common chronic care), so that one population has one bill
        // whichever city's rules settle it (`medfund compare`).
        let class = pick(&ym.class_cum, u_kind) as u8 + 1;
        match cov.special {
            SpecialScheme::Classes => {
                my.member.special_disease_class = Some(class);
                my.member.special_disease_count = 1 + u32::from(second) + u32::from(third);
            }
            SpecialScheme::Diseases => {
                if !ym.chronic_cum.is_empty() {
                    let mut add = |u: f64| {
                        let d = pick(&ym.chronic_cum, u) as u8 + 1;
                        if !my.member.chronic.contains(&d) {
                            my.member.chronic.push(d);
                        }
                    };
                    add(u_kind);
                    if second {
                        add(u_second_kind);
                    }
                    if third {
                        add(u_third_kind);
                    }
                }
            }
            SpecialScheme::None => {}
        }
        if cov.special != SpecialScheme::None {
            let sev = ym.severity;
            let factor = sev.band(u_kind).cost_factor
                + if second { sev.band(u_second_kind).cost_factor } else { 0.0 }
                + if third { sev.band(u_third_kind).cost_factor } else { 0.0 };
            let total = yuan(special_cost * factor);
            let oos = yuan(total.as_yuan_f64() * 0.05);
            my.claims.push(Claim::SpecialOutpatient(SpecialOutpatient {
                level: special_level,
                disease: None,
                total,
                out_of_scope: oos,
                class_b_drugs: yuan((total - oos).as_yuan_f64() * m.class_b_share),
            }));
        }
    }

    // Admissions.
    rng.seek(slot::ADMISSIONS);
    let mut k = 0u32;
    let (mut prob, mut cdf, u) = (ym.p0_admit[a], ym.p0_admit[a], rng.random::<f64>());
    while u > cdf && k < 8 {
        k += 1;
        prob *= ym.admit_rate[a] / f64::from(k);
        cdf += prob;
    }
    let mut previous = None;
    for i in 0..k {
        rng.seek(slot::ADMISSIONS + 1 + 8 * u64::from(i));
        let total = lognormal_mu(rng, ym.cost_mu[a], m.inpatient_cost_sigma).max(200.0);
        let level = Level::HOSPITAL[pick(&ym.level_cum, rng.random())];
        let place = Place::ALL[pick(&ym.place_cum, rng.random())];
        let oos = total * share(rng, m.out_of_scope_share);
        let class_b = (total - oos) * share(rng, m.class_b_share);
        let mut c = Inpatient {
            level,
            place,
            total: yuan(total),
            out_of_scope: yuan(oos),
            class_b_drugs: yuan(class_b),
            partial_items: spare(),
            materials: spare(),
            bed: None,
            transfer: None,
            terms: Terms::Admission,
        };
        rng.seek(slot::ADMISSION_LINES + lines::PER_ADMISSION * u64::from(i));
        let bill = lines::Bill {
            cost_ratio: total / ym.cost_mean[a],
            stay_mean_factor: ym.stay_mean_factor,
            cost_index: ym.cost_index,
            previous,
        };
        lines::draw(rng, ym.lines, &bill, &mut c);
        previous = Some(level);
        my.claims.push(Claim::Inpatient(c));
    }

    // General outpatient spending of the year.
    rng.seek(slot::OUTPATIENT);
    if rng.random::<f64>() < ym.outpatient_use[a] && cov.outpatient {
        let out_total = lognormal_mu(rng, ym.outpatient_mu[a], m.outpatient_sigma);
        let level = LEVELS7[pick(&ym.out_level_cum, rng.random())];
        let oos = out_total * share(rng, m.out_of_scope_share);
        let class_b = (out_total - oos) * share(rng, m.class_b_share);
        my.claims.push(Claim::Outpatient(Outpatient {
            level,
            total: yuan(out_total),
            out_of_scope: yuan(oos),
            class_b_drugs: yuan(class_b),
        }));
    }

    // Single-payment drugs.
    rng.seek(slot::DRUG);
    if rng.random::<f64>() < ym.drug_prev[a] && cov.single_drug {
        let cost = lognormal(rng, m.single_drug_cost_mean.as_yuan_f64() * ym.cost_index, m.single_drug_cost_sigma);
        my.claims.push(Claim::SinglePaymentDrug(SinglePaymentDrug { total: yuan(cost), out_of_scope: Money::ZERO }));
    }

    // Births: a woman's own, or a male member's partner's (two years
    // younger, and not insured herself). The draws do not know the rules:
    // a male flexible worker's partner is drawn too, and Ziyang's rules pay
    // her nothing (000 第二十四条（二） is for male employees in maternity
    // insurance, 第九条（二）2; `spouse.flexible_covered`).
    if (15..=55).contains(&p.age) {
        rng.seek(slot::BIRTH);
        let rate =
            if p.female() { ym.fertility[a] } else { ym.fertility[a.saturating_sub(2)] * m.spouse_uninsured_share };
        // A partner insured elsewhere takes the numbers just above the
        // uninsured one's, so the draws below `rate` are as before.
        let elsewhere_rate = if p.female() || !cov.spouse_elsewhere {
            0.0
        } else {
            ym.fertility[a.saturating_sub(2)] * ym.kinds.spouse_insured_share
        };
        let u_birth = rng.random::<f64>();
        let elsewhere = u_birth >= rate && u_birth < rate + elsewhere_rate;
        if (u_birth < rate || elsewhere) && cov.maternity {
            let (u_kind, u_mult, u_level) = (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
            let cost_draw = lognormal(rng, 1.0, 0.35);
            let prenatal = lognormal(rng, m.prenatal_cost_mean.as_yuan_f64() * ym.cost_index, 0.5);
            let delivery = if u_kind < m.caesarean_share {
                Delivery::Caesarean
            } else if u_kind < m.caesarean_share + m.difficult_share {
                Delivery::Difficult
            } else {
                Delivery::Natural
            };
            let mean = match delivery {
                Delivery::Caesarean => m.caesarean_cost_mean,
                _ => m.natural_cost_mean,
            };
            my.claims.push(Claim::Childbirth(Childbirth {
                delivery,
                babies: if u_mult < m.multiple_share { 2 } else { 1 },
                level: Level::HOSPITAL[pick(&ym.level_cum, u_level)],
                medical_cost: yuan(mean.as_yuan_f64() * ym.cost_index * cost_draw),
                prenatal_cost: yuan(prenatal),
                with_procedure: None,
                spouse_reimbursed_elsewhere: elsewhere,
            }));
            kinds::birth_extras(rng, ym, p, cov, my);
        }
        kinds::stillbirth(rng, ym, p, a, cov, my);
        // Terminations.
        rng.seek(slot::TERMINATION);
        if p.female() && rng.random::<f64>() < m.termination_rate && cov.termination {
            let (u_months, u_level) = (rng.random::<f64>(), rng.random::<f64>());
            let cost = lognormal(rng, m.termination_cost_mean.as_yuan_f64() * ym.cost_index, 0.5);
            // Most terminations are early: months 1–3 two thirds, 4–6 a
            // quarter, 7–8 the rest.
            let months = if u_months < 0.67 {
                1 + (u_months / 0.67 * 3.0) as u32
            } else if u_months < 0.92 {
                4 + ((u_months - 0.67) / 0.25 * 3.0) as u32
            } else {
                7 + ((u_months - 0.92) / 0.08 * 2.0) as u32
            };
            my.claims.push(Claim::PregnancyTermination(PregnancyTermination {
                months: months.min(8),
                level: Level::HOSPITAL[pick(&ym.level_cum, u_level)],
                medical_cost: yuan(cost),
                stillbirth: false,
            }));
        }
    }

    // Family planning.
    if (20..=49).contains(&p.age) {
        rng.seek(slot::FAMILY_PLANNING);
        if rng.random::<f64>() < m.family_planning_rate && cov.family_planning {
            let (u_proc, u_in) = (rng.random::<f64>(), rng.random::<f64>());
            let cost = lognormal(rng, m.family_planning_cost_mean.as_yuan_f64() * ym.cost_index, 0.6);
            let procedure = if p.female() {
                [
                    Procedure::IudInsert,
                    Procedure::IudRemove,
                    Procedure::SurgicalAbortion,
                    Procedure::MedicalAbortion,
                    Procedure::TubalLigation,
                    Procedure::ImplantInsert,
                ][((u_proc * 6.0) as usize).min(5)]
            } else {
                Procedure::Vasectomy
            };
            let mut f = FamilyPlanning {
                procedure,
                inpatient: u_in < 0.2,
                cost: yuan(cost),
                also: None,
                complication: false,
                incomplete_curettage: false,
            };
            kinds::family_planning_extras(rng, ym, p, cov, &mut f);
            my.claims.push(Claim::FamilyPlanning(f));
        }
    }
    kinds::emergency_death(rng, ym, p, a, cov, my);
    kinds::high_value_drug(rng, ym, a, cov, my);
    k
}
