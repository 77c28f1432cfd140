//! Dingxi's claim kinds beyond ordinary admissions, worked by hand from
//! `003_a595c1016aac4d2c.txt` (cited "003") with the contract's optional
//! input fields (README, "Optional input fields"): death during emergency
//! care, a newborn's admission on the mother's cover, the spouse already
//! reimbursed elsewhere. Year 2024; self-pay-first 3% on class B (第二十三条);
//! local deductible 600 at level 3, ratio 93% (第二十二条); the top-up 95% of
//! the year's Σ(scope − fund) above 1,000 (第四十五条（一）).

use crate::common::*;

/// 003 第二十五条: 急诊、抢救、留观期间发生的医疗费用,按基本医疗保险门诊待遇政策支付;期间
/// 死亡的,当次发生的门诊医疗费用按住院费用支付,不设起付线. Not an admission: the
/// year's first admission after it pays its deductible.
#[test]
fn death_during_emergency_care_as_an_admission_without_deductible() {
    // 1. Emergency bill 3A, 5,000, class B 1,000: self-pay-first 30
    //    scope 4,970; no deductible; fund = 4,970 × 93% = 4,622.10
    //    s − f = 347.90 < 1,000: no top-up; member = 5,000 − 4,622.10 = 377.90
    // 2. Inpatient 3A local, 10,000: deductible 600
    //    fund = (10,000 − 600) × 93% = 8,742; s − f = 1,258 → cumulative 1,605.90
    //    top-up = (1,605.90 − 1,000) × 95% = 575.605 → 575.61
    //    member = 10,000 − 8,742 − 575.61 = 682.39
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 61},
      "claims": [
        {"type": "inpatient", "terms": "emergency_death", "level": "3A", "total": 5000, "class_b_drugs": 1000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(run("dingxi", json), vec![paid("4622.10", "0", "0", "377.90"), paid("8742", "575.61", "0", "682.39")]);
}

/// 003 第三十七条: 参加职工基本医疗保险人员分娩的新生儿, 在 3 个月内未办理城乡居民参保手续
/// 死亡的, 发生的住院医疗费用随母亲在职工基本医疗保险中报销 — the newborn's admission
/// is the mother's, on her terms and accumulators.
#[test]
fn a_newborn_who_died_is_paid_on_the_mothers_cover() {
    // 3A local, 30,000 with class B 2,000: self-pay-first 60, scope 29,940
    // deductible 600 (her first admission); fund = 29,340 × 93% = 27,286.20
    // s − f = 2,653.80; top-up = (2,653.80 − 1,000) × 95% = 1,571.11
    // member = 30,000 − 27,286.20 − 1,571.11 = 1,142.69
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "F", "age": 29},
      "claims": [{"type": "inpatient", "terms": "newborn", "level": "3A", "total": 30000, "class_b_drugs": 2000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("27286.20", "1571.11", "0", "1142.69")]);
    // On the mother's cover: a male member's claim is refused.
    let e = run_err("dingxi", &json.replace("\"F\"", "\"M\""));
    assert_eq!(e.field, "claims[0].terms");
}

/// 003 第三十九条: 参加职工基本医疗保险人员的配偶未参加医疗保险生育的 — only an
/// uninsured spouse: one whose childbirth was reimbursed by her own scheme
/// gets nothing from the member's (`reimbursed_elsewhere` absent).
#[test]
fn a_spouse_reimbursed_elsewhere_gets_nothing() {
    // Uninsured spouse (第三十六条, in full): natural 3,500 ≤ 4,000; prenatal 800 ≤ 2,000
    //   fund 4,300; member 500.  Reimbursed elsewhere: 0; member 4,800
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 31},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A", "medical_cost": 4000, "prenatal_cost": 800}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("4300", "0", "0", "500")]);
    let elsewhere =
        json.replace("\"prenatal_cost\": 800}", "\"prenatal_cost\": 800, \"spouse_reimbursed_elsewhere\": true}");
    assert_eq!(run("dingxi", &elsewhere), vec![paid("0", "0", "0", "4800")]);
}
