//! Luzhou's rules on procedures done together and on the spouse already
//! reimbursed elsewhere, worked by hand from `001_a1eeaaf010e2aa5c.txt`
//! (cited "001") with the contract's optional input fields (README,
//! "Optional input fields"). Year 2024; 9 months of contributions for any
//! maternity benefit (第三十条).

use crate::common::*;

/// 001 第三十二条（三）: 生育同时进行计划生育手术，或同时进行多项计划生育手术的，按照单项
/// 手术最高支付标准支付医疗费用 — the highest single standard, at most the cost
/// (医疗费用总额低于限额标准的按实支付).
#[test]
fn several_procedures_at_once_take_the_highest_standard() {
    // 门诊流产术 800 with 放置宫内节育器 350, cost 1,000: max(800, 350) = 800; member 200
    // 输卵管结扎术 1,200 with 取出宫内节育器 350, cost 1,500: 1,200; member 300
    // 药物流产 350 with 放置宫内节育器 350, cost 300: max 350 > 300 → 300; member 0
    let json = r#"{"year": 2024, "member": {"category": "employee", "sex": "F", "age": 32, "months_contributed": 24},
      "claims": [
        {"type": "family_planning", "procedure": "surgical_abortion", "inpatient": false, "cost": 1000, "also": "iud_insert"},
        {"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 1500, "also": "iud_remove"},
        {"type": "family_planning", "procedure": "medical_abortion", "inpatient": false, "cost": 300, "also": "iud_insert"}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("800", "0", "0", "200"), paid("1200", "0", "0", "300"), paid("300", "0", "0", "0")]
    );
}

/// 001 第三十二条（二）（三）: a caesarean at a level-3 hospital 5,600 with a tubal
/// ligation (1,200) at the same time: the highest single standard, 5,600,
/// not the two added; 第三十三条 prenatal 700; the allowance (第三十四条, the
/// scenario's assumed 98 + 15 days) is the delivery's: 6,000 ÷ 30 × 113 = 22,600.
#[test]
fn a_delivery_with_a_ligation_takes_the_higher_standard() {
    // medical min(7,000, max(5,600, 1,200)) = 5,600; prenatal min(900, 700) = 700
    // fund 6,300; member = 7,000 + 900 − 6,300 = 1,600
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 32, "months_contributed": 24},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 7000, "prenatal_cost": 900, "with_procedure": "tubal_ligation"}]}"#;
    assert_eq!(run("luzhou", json), vec![paid("6300", "0", "22600", "1600")]);
}

/// 001 第三十八条: 男职工 … 其未就业配偶 … 按照核定生育医疗费用（含产前检查）支付金额的50%
/// 支付生育补助金。如其配偶已在职工医保或居民医保中报销生育医疗费用的，生育保险基金只补助
/// 产前检查定额补助标准的50% — 50% × 700 (第三十三条) = 350.
#[test]
fn a_spouse_reimbursed_elsewhere_gets_half_the_prenatal_standard() {
    // Not reimbursed elsewhere: natural 3A min(5,000, 4,000) = 4,000, prenatal 700
    //   50% × 4,700 = 2,350; member = 5,800 − 2,350 = 3,450
    // Reimbursed elsewhere: 50% × 700 = 350; member 5,450
    let json = r#"{"year": 2024, "member": {"category": "employee", "sex": "M", "age": 33, "months_contributed": 24},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "3A", "medical_cost": 5000, "prenatal_cost": 800}]}"#;
    assert_eq!(run("luzhou", json), vec![paid("2350", "0", "0", "3450")]);
    let elsewhere =
        json.replace("\"prenatal_cost\": 800}", "\"prenatal_cost\": 800, \"spouse_reimbursed_elsewhere\": true}");
    assert_eq!(run("luzhou", &elsewhere), vec![paid("350", "0", "0", "5450")]);
}
