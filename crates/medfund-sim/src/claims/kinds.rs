//! The rarer claim kinds the texts settle apart from ordinary admissions
//! and maternity lump sums, drawn with `data/claim_kinds.csv`
//! ([`ClaimKinds`](crate::inputs::claim_kinds::ClaimKinds)), each on its own
//! slots of the person's stream (`super::slot`), after every older kind's,
//! so that none of those moves:
//!
//! * death during emergency care (Ziyang 000 第十八条（三）, Dingxi 003
//!   第二十五条): the life table's death probability times the share dying
//!   in emergency care, the emergency bill settled as an admission;
//! * high-value drugs outside hospital (Ziyang 000 第二十条（二）);
//! * stillbirths (死胎, 000 第二十四条（二）) and a newborn's admission on the
//!   mother's cover (003 第三十七条);
//! * a caesarean with a ligation, and the family-planning items and
//!   combinations of 000 第二十五条 and 001 第三十二条（三）.
//!
//! A claim a scheme has no rule for is dropped after its draws (the draws
//! never depend on the rules). Nothing here allocates beyond the claims
//! vector the member-year reuses.

use rand::RngExt;

use super::{YearModel, lognormal, share, yuan};
use crate::population::Person;
use crate::rng::PersonRng;
use crate::sampling::pick;
use medfund_rules::member_year::*;

use super::slot;

/// An emergency bill on inpatient terms: local, its out-of-scope part and
/// class-B drugs drawn as an admission's, no lines.
fn emergency_bill(rng: &mut PersonRng, ym: &YearModel, total: f64, level: Level, terms: Terms) -> Inpatient {
    let oos = total * share(rng, ym.m.out_of_scope_share);
    let class_b = (total - oos) * share(rng, ym.m.class_b_share);
    Inpatient {
        level,
        place: Place::Local,
        total: yuan(total),
        out_of_scope: yuan(oos),
        class_b_drugs: yuan(class_b),
        partial_items: Vec::new(),
        materials: Vec::new(),
        bed: None,
        transfer: None,
        terms,
    }
}

/// Death during emergency care: probability `qx × emergency_death_share`.
pub(super) fn emergency_death(
    rng: &mut PersonRng,
    ym: &YearModel,
    p: &Person,
    a: usize,
    cov: &super::Coverage,
    my: &mut MemberYear,
) {
    let k = ym.kinds;
    rng.seek(slot::EMERGENCY_DEATH);
    let q = ym.qx[usize::from(p.female())][a] * k.emergency_death_share;
    if rng.random::<f64>() < q && cov.emergency_death {
        let level = Level::HOSPITAL[pick(&ym.level_cum, rng.random())];
        let total = lognormal(rng, k.emergency_death_cost_mean * ym.cost_index, k.emergency_death_cost_sigma);
        let c = emergency_bill(rng, ym, total, level, Terms::EmergencyDeath);
        my.claims.push(Claim::Inpatient(c));
    }
}

/// A year's high-value drugs outside hospital: prevalence the single-payment
/// drugs' by age times `high_value_drug_factor`; the whole in-scope cost is
/// a class-B drug (按照乙类药品相关规定结算).
pub(super) fn high_value_drug(
    rng: &mut PersonRng,
    ym: &YearModel,
    a: usize,
    cov: &super::Coverage,
    my: &mut MemberYear,
) {
    let k = ym.kinds;
    rng.seek(slot::HIGH_VALUE_DRUG);
    if rng.random::<f64>() < (ym.drug_prev[a] * k.high_value_drug_factor).min(1.0) && cov.high_value_drug {
        let pharmacy = rng.random::<f64>() < k.high_value_drug_pharmacy_share;
        let level = if pharmacy { Level::Pharmacy } else { Level::HOSPITAL[pick(&ym.level_cum, rng.random())] };
        let total = yuan(lognormal(rng, k.high_value_drug_cost_mean * ym.cost_index, k.high_value_drug_cost_sigma));
        my.claims.push(Claim::Inpatient(Inpatient {
            level,
            place: Place::Local,
            total,
            out_of_scope: medfund_rules::money::Money::ZERO,
            class_b_drugs: total,
            partial_items: Vec::new(),
            materials: Vec::new(),
            bed: None,
            transfer: None,
            terms: Terms::HighValueDrug,
        }));
    }
}

/// A stillbirth: a woman's fertility rate times `stillbirth_per_birth`,
/// late in pregnancy (7 or 8 completed months).
pub(super) fn stillbirth(
    rng: &mut PersonRng,
    ym: &YearModel,
    p: &Person,
    a: usize,
    cov: &super::Coverage,
    my: &mut MemberYear,
) {
    if !p.female() {
        return;
    }
    let k = ym.kinds;
    rng.seek(slot::STILLBIRTH);
    if rng.random::<f64>() < ym.fertility[a] * k.stillbirth_per_birth && cov.termination {
        let months = if rng.random::<f64>() < 0.5 { 7 } else { 8 };
        let level = Level::HOSPITAL[pick(&ym.level_cum, rng.random())];
        let cost = lognormal(rng, k.stillbirth_cost_mean * ym.cost_index, 0.5);
        my.claims.push(Claim::PregnancyTermination(PregnancyTermination {
            months,
            level,
            medical_cost: yuan(cost),
            stillbirth: true,
        }));
    }
}

/// After a birth (the member-year's last claim): a ligation with a
/// caesarean (`ligation_at_caesarean`), and for a woman's own birth her
/// newborn's admission if it dies within 3 months (`newborn_death_per_birth`).
pub(super) fn birth_extras(
    rng: &mut PersonRng,
    ym: &YearModel,
    p: &Person,
    cov: &super::Coverage,
    my: &mut MemberYear,
) {
    let k = ym.kinds;
    rng.seek(slot::BIRTH_EXTRA);
    let u_ligation = rng.random::<f64>();
    if let Some(Claim::Childbirth(b)) = my.claims.last_mut()
        && b.delivery == Delivery::Caesarean
        && u_ligation < k.ligation_at_caesarean
    {
        b.with_procedure = Some(Procedure::TubalLigation);
        b.medical_cost += yuan(ym.m.family_planning_cost_mean.as_yuan_f64() * ym.cost_index);
    }
    if !p.female() {
        return;
    }
    rng.seek(slot::NEWBORN);
    if rng.random::<f64>() < k.newborn_death_per_birth && cov.newborn {
        let level = Level::HOSPITAL[pick(&ym.level_cum, rng.random())];
        let total = lognormal(rng, k.newborn_cost_mean * ym.cost_index, k.newborn_cost_sigma);
        let c = emergency_bill(rng, ym, total, level, Terms::Newborn);
        my.claims.push(Claim::Inpatient(c));
    }
}

/// A family-planning claim's further draws: one of the rarer procedures
/// (implant removal, tubal or vas reversal; 000 第二十五条（五）（十一）（十二）),
/// a further procedure at the same time (an IUD inserted with an abortion,
/// 001 第三十二条（三）), a complication's treatment (000 第二十五条（十三）),
/// a medical abortion completed by curettage (（九）). A complication is
/// drawn only where the scheme settles one (`Coverage::complication`).
pub(super) fn family_planning_extras(
    rng: &mut PersonRng,
    ym: &YearModel,
    p: &Person,
    cov: &super::Coverage,
    f: &mut FamilyPlanning,
) {
    let k = ym.kinds;
    rng.seek(slot::FAMILY_PLANNING_EXTRA);
    let (u_rare, u_which, u_several, u_other) =
        (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
    if u_rare < k.family_planning_rare_share {
        f.procedure = if !p.female() {
            Procedure::VasReversal
        } else if u_which < 0.5 {
            Procedure::ImplantRemove
        } else {
            Procedure::TubalReversal
        };
    }
    let abortion = matches!(f.procedure, Procedure::SurgicalAbortion | Procedure::MedicalAbortion);
    if abortion && u_several < k.family_planning_several_share {
        f.also = Some(Procedure::IudInsert);
    }
    if u_other < k.family_planning_complication_share {
        // A scheme with no amount for it does not see the claim.
        f.complication = cov.complication;
    } else if f.procedure == Procedure::MedicalAbortion
        && u_other < k.family_planning_complication_share + k.medical_abortion_curettage_share
    {
        f.incomplete_curettage = true;
    }
}

/// The kinds drawn here, as `medfund calibrate` names them ([`kind_mask`]'s
/// bits, in order).
pub const KIND_NAMES: [&str; 10] = [
    "death during emergency care (000 第十八条（三）, 003 第二十五条)",
    "high-value drugs outside hospital (000 第二十条（二）)",
    "newborns on the mother's cover (003 第三十七条)",
    "stillbirths (000 第二十四条（二）)",
    "deliveries with a procedure (001 第三十二条（三）)",
    "spouses reimbursed elsewhere (001 第三十八条)",
    "rarer procedures: implant removal, reversals (000 第二十五条)",
    "several procedures at once (001 第三十二条（三）)",
    "complications of a procedure (000 第二十五条（十三）)",
    "medical abortions completed by curettage (000 第二十五条（九）)",
];

/// Which of [`KIND_NAMES`] a claim is, as bits (a claim may be several).
pub fn kind_mask(c: &Claim) -> u16 {
    let bit = |b: bool, i: u16| u16::from(b) << i;
    match c {
        Claim::Inpatient(x) => {
            bit(x.terms == Terms::EmergencyDeath, 0)
                | bit(x.terms == Terms::HighValueDrug, 1)
                | bit(x.terms == Terms::Newborn, 2)
        }
        Claim::PregnancyTermination(x) => bit(x.stillbirth, 3),
        Claim::Childbirth(x) => bit(x.with_procedure.is_some(), 4) | bit(x.spouse_reimbursed_elsewhere, 5),
        Claim::FamilyPlanning(x) => {
            bit(matches!(x.procedure, Procedure::ImplantRemove | Procedure::TubalReversal | Procedure::VasReversal), 6)
                | bit(x.also.is_some(), 7)
                | bit(x.complication, 8)
                | bit(x.incomplete_curettage, 9)
        }
        _ => 0,
    }
}

/// The severity group (index into `data/special_severity.csv`'s bands) of
/// a member's special or chronic outpatient care this year, from the same
/// numbers [`super::draw`] used (`None` without such care), for `medfund
/// calibrate`'s spending by disease group.
pub fn special_group(p: &Person, ym: &YearModel, key: u64) -> Option<usize> {
    let rng = &mut PersonRng::new(key, p.id);
    rng.seek(slot::SPECIAL);
    let a = usize::from(p.age.min(110));
    if rng.random::<f64>() >= ym.special_prev[a] {
        return None;
    }
    let u_kind = rng.random::<f64>();
    ym.severity.bands.iter().position(|b| u_kind < b.up_to).or(Some(ym.severity.bands.len() - 1))
}
