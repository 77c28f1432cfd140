//! Invariants of the claim kinds read through the contract's optional
//! fields (README, "Optional input fields of medfund adjudicate"), on random
//! bills, against the texts' own numbers written here as literals:
//!
//! * procedures at once: Luzhou the highest single standard (001
//!   第三十二条（三）), Ziyang each its amount (000 第二十五条, the texts'
//!   silence), at most the cost;
//! * a high-value drug outside hospital (000 第二十条（二）): 10% class-B
//!   self-pay-first (第十二条（一）1), no deductible, the level's in-service
//!   ratio (第十八条（二）1; a pharmacy on level-3 terms, 80%);
//! * a Dingxi emergency death (003 第二十五条): 3% self-pay-first, no
//!   deductible, 93% at level 3 within the 70,000 cap (第二十三条, 第二十二条);
//!   never more than the same bill as an ordinary admission would leave the
//!   member.

mod common;

use medfund_rules::adjudicate::adjudicate;
use medfund_rules::member_year::*;
use medfund_rules::money::Money;
use medfund_rules::scenario::Scheme;
use proptest::prelude::*;

/// 001 第三十二条（三） (outpatient amounts) and 000 第二十五条, yuan.
const LUZHOU: [(Procedure, i64); 10] = [
    (Procedure::SurgicalAbortion, 800),
    (Procedure::MedicalAbortion, 350),
    (Procedure::IudInsert, 350),
    (Procedure::IudRemove, 350),
    (Procedure::ImplantInsert, 150),
    (Procedure::ImplantRemove, 150),
    (Procedure::TubalLigation, 1200),
    (Procedure::Vasectomy, 1200),
    (Procedure::TubalReversal, 1500),
    (Procedure::VasReversal, 1500),
];
const ZIYANG: [(Procedure, i64); 10] = [
    (Procedure::SurgicalAbortion, 269),
    (Procedure::MedicalAbortion, 129),
    (Procedure::IudInsert, 157),
    (Procedure::IudRemove, 160),
    (Procedure::ImplantInsert, 132),
    (Procedure::ImplantRemove, 148),
    (Procedure::TubalLigation, 317),
    (Procedure::Vasectomy, 79),
    (Procedure::TubalReversal, 993),
    (Procedure::VasReversal, 993),
];

fn settle(city: &str, year: i32, member: Member, claims: Vec<Claim>) -> Vec<Payment> {
    let my = MemberYear { year, context: Context::default(), member, claims };
    let r = common::scenario(city).year_rules(Scheme::of(my.member.category), my.year).unwrap();
    adjudicate(&r, &my, false).unwrap().into_iter().map(|o| o.payment).collect()
}

fn employee(sex: Sex) -> Member {
    Member { category: Category::Employee, sex, age: 35, months_contributed: 60, ..Member::default() }
}

proptest! {
    #[test]
    fn procedures_at_once(i in 0usize..10, j in 0usize..10, cost in 0i64..400_000) {
        let cost = Money(cost);
        for (city, year, table, highest) in [("luzhou", 2024, LUZHOU, true), ("ziyang", 2023, ZIYANG, false)] {
            let (p, a) = table[i];
            let (q, b) = table[j];
            let fp = FamilyPlanning { procedure: p, inpatient: false, cost, also: Some(q), complication: false, incomplete_curettage: false };
            let paid = settle(city, year, employee(Sex::F), vec![Claim::FamilyPlanning(fp)]);
            let standard = Money::yuan(if highest { a.max(b) } else { a + b });
            prop_assert_eq!(paid[0].fund, standard.min(cost), "{} {:?} with {:?}", city, p, q);
            prop_assert_eq!(paid[0].member, cost - paid[0].fund);
        }
    }

    #[test]
    fn high_value_drug_without_deductible(fen in 0i64..50_000_000, at in 0usize..7) {
        let level = [Level::Unrated, Level::L1, Level::L2B, Level::L2A, Level::L3B, Level::L3A, Level::Pharmacy][at];
        // 第十八条（二）1 in service, local: 95 / 90 / 85 / 85 / 80 / 80; pharmacy as level 3.
        let ratio = [95i128, 90, 85, 85, 80, 80, 80][at];
        let total = Money(fen);
        let c = Inpatient { level, place: Place::Local, total, out_of_scope: Money::ZERO, class_b_drugs: total,
            partial_items: vec![], materials: vec![], bed: None, transfer: None, terms: Terms::HighValueDrug };
        let paid = settle("ziyang", 2023, employee(Sex::M), vec![Claim::Inpatient(c)]);
        // scope = total × 90%; fund = scope × ratio, rounded half-up once.
        let exact = i128::from(fen) * 90 * ratio; // fen × 10⁻⁴
        let fund = Money(((exact + 5_000) / 10_000) as i64);
        prop_assert_eq!(paid[0].fund, fund);
    }

    #[test]
    fn dingxi_emergency_death_leaves_less_to_the_member(fen in 20_000i64..20_000_000) {
        let total = Money(fen);
        let bill = |terms| Claim::Inpatient(Inpatient { level: Level::L3A, place: Place::Local, total,
            out_of_scope: Money::ZERO, class_b_drugs: Money::ZERO, partial_items: vec![], materials: vec![],
            bed: None, transfer: None, terms });
        let death = settle("dingxi", 2024, employee(Sex::M), vec![bill(Terms::EmergencyDeath)]);
        let admission = settle("dingxi", 2024, employee(Sex::M), vec![bill(Terms::Admission)]);
        // No deductible: fund = total × 93% (no class B, so no self-pay-first),
        // within the 70,000 annual cap on inpatient payments (第二十二条).
        let fund = Money(((i128::from(fen) * 93 + 50) / 100) as i64).min(Money::yuan(70_000));
        prop_assert_eq!(death[0].fund, fund);
        prop_assert!(death[0].member <= admission[0].member);
    }
}
