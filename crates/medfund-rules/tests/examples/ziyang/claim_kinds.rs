//! Ziyang's claim kinds beyond admissions and the maternity lump sums, each
//! worked by hand from `000_f8c7f1d4db53115f.txt` (cited "000") with the
//! contract's optional input fields (README, "Optional input fields"):
//! high-value drugs outside hospital, death during emergency care,
//! stillbirth, the family-planning items of 第二十五条, and the spouse
//! subsidy's limits. Year 2023, `avg_wage` 80,000 (top-up threshold
//! 40,000), as in `../ziyang.rs`.

use crate::common::*;

/// 000 第二十条（二）: 国家药品目录内高值药品 按照乙类药品相关规定结算。其中门诊使用时，
/// 扣除个人先行自付后，不计起付线，按住院待遇结算 … 在供药机构购买高值药品，按三级定点
/// 医疗机构支付标准结算. Class-B self-pay-first is 10% (第十二条（一）1); a level-3
/// in-service ratio 80%, level 2 85% (第十八条（二）1). The drug is not an
/// admission: the year's first admission after it still pays its full
/// deductible (1,000 at 3A, 第十八条（一）1).
#[test]
fn high_value_drug_outside_hospital_on_inpatient_terms() {
    // 1. Pharmacy, 20,000, all class B: self-pay-first 10% = 2,000
    //    scope 18,000; no deductible; level-3 ratio 80%
    //    fund = 18,000 × 80% = 14,400; member = 20,000 − 14,400 = 5,600
    //    top-up burden 18,000 − 14,400 = 3,600 < 40,000: none
    // 2. At a 2A hospital's outpatient clinic, 10,000 all class B:
    //    scope 9,000; ratio 85%: fund 7,650; member 2,350
    //    (burden 3,600 + 1,350 = 4,950: still none)
    // 3. Inpatient 3A local, 10,000: the year's first admission, deductible 1,000
    //    fund = (10,000 − 1,000) × 80% = 7,200; member 2,800
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 50},
      "claims": [
        {"type": "inpatient", "terms": "high_value_drug", "level": "pharmacy", "total": 20000, "class_b_drugs": 20000},
        {"type": "inpatient", "terms": "high_value_drug", "level": "2A", "total": 10000, "class_b_drugs": 10000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("14400", "0", "0", "5600"), paid("7650", "0", "0", "2350"), paid("7200", "0", "0", "2800")]
    );
}

/// 000 第十八条（三）: 参保人员因病情危重急诊抢救死亡，基本医疗保险政策范围内门诊医疗费用
/// 纳入统筹基金支付范围，按住院待遇支付. The text names no exception from the
/// deductible, so the scenario keeps it (`deductible = true`, an
/// interpretation): 2A local 600 (第十八条（一）1), ratio 85% in service.
#[test]
fn death_during_emergency_care_paid_as_an_admission() {
    // 2A, 5,000 with 500 out of scope: scope 4,500
    // fund = (4,500 − 600) × 85% = 3,315; member = 5,000 − 3,315 = 1,685
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 58},
      "claims": [{"type": "inpatient", "terms": "emergency_death", "level": "2A", "total": 5000, "out_of_scope": 500}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3315", "0", "0", "1685")]);
    // A retiree of 75: deductible 600 − 200 = 400 (（一）2), ratio 85 + 5 + 5 = 95%
    // (（二）2): fund = (4,500 − 400) × 95% = 3,895; member 1,105
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 75},
      "claims": [{"type": "inpatient", "terms": "emergency_death", "level": "2A", "total": 5000, "out_of_scope": 500}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3895", "0", "0", "1105")]);
}

/// 000 第二十四条（二）: 死胎 1,800 (the fund pays the standard or the cost,
/// contract reading 12), whatever the months; the allowance days follow the
/// months (第二十四条（一）: 妊娠满7个月以上流产 158 days, 满4个月不满7个月 42 days;
/// 6,000 ÷ 30 a day; 12 months contributed, 第二十三条).
#[test]
fn stillbirth_1800_with_the_allowance_of_its_months() {
    // 7 months, cost 2,500: fund 1,800; member 700; allowance 200 × 158 = 31,600
    // Not a stillbirth, the same claim is a natural delivery (reading 11):
    //   3,500 > 2,500 → 2,500; member 0
    // 5 months, cost 2,000: fund 1,800 (not the 1,200 of a termination);
    //   member 200; allowance 200 × 42 = 8,400
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 30, "months_contributed": 60},
      "claims": [
        {"type": "pregnancy_termination", "months": 7, "level": "3A", "medical_cost": 2500, "stillbirth": true},
        {"type": "pregnancy_termination", "months": 7, "level": "3A", "medical_cost": 2500},
        {"type": "pregnancy_termination", "months": 5, "level": "2A", "medical_cost": 2000, "stillbirth": true}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("1800", "0", "31600", "700"), paid("2500", "0", "31600", "0"), paid("1800", "0", "8400", "200")]
    );
}

/// 000 第二十五条: （五）长效缓释避孕皮下埋植剂取出术 148, （九）药物流产 129、药流不全清宫
/// 增加47元, （十一）输卵管复通术 993, （十三）计划生育手术并发症的治疗 每例1800元; the
/// fund pays the amount or the cost (contract reading 12). Two procedures at
/// once: the text is silent, each is paid its own amount (人工流产术 269 +
/// 放置宫内节育器 157 = 426), at most the cost (an interpretation, README).
#[test]
fn family_planning_items_of_article_25() {
    // implant_remove 200 → 148; member 52
    // medical_abortion completed by curettage, 250 → 129 + 47 = 176; member 74
    // medical_abortion, 250, no curettage → 129; member 121
    // tubal_reversal 1,500 → 993; member 507
    // a complication's treatment, 2,500 → 1,800; member 700
    // surgical_abortion with an IUD inserted, 500 → 269 + 157 = 426; member 74
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 34},
      "claims": [
        {"type": "family_planning", "procedure": "implant_remove", "inpatient": false, "cost": 200},
        {"type": "family_planning", "procedure": "medical_abortion", "inpatient": false, "cost": 250, "incomplete_curettage": true},
        {"type": "family_planning", "procedure": "medical_abortion", "inpatient": false, "cost": 250},
        {"type": "family_planning", "procedure": "tubal_reversal", "inpatient": true, "cost": 1500},
        {"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 2500, "complication": true},
        {"type": "family_planning", "procedure": "surgical_abortion", "inpatient": false, "cost": 500, "also": "iud_insert"}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("148", "0", "0", "52"),
            paid("176", "0", "0", "74"),
            paid("129", "0", "0", "121"),
            paid("993", "0", "0", "507"),
            paid("1800", "0", "0", "700"),
            paid("426", "0", "0", "74"),
        ]
    );
    // Curettage belongs to a medical abortion only: refused naming the field.
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 34},
      "claims": [{"type": "family_planning", "procedure": "surgical_abortion", "cost": 250, "incomplete_curettage": true}]}"#,
    );
    assert_eq!(e.field, "claims[0].incomplete_curettage");
}

/// 000 第二十四条（二）: 参加生育保险的男职工，其配偶未享受生育保险、城乡居民基本医疗保险
/// 待遇 … 按照生育医疗费标准的50%给予一次性生育医疗费补助. Flexible workers' rates
/// exclude maternity insurance (第九条（二）2: 灵活就业人员缴费比例（不含生育保险）), so a
/// male flexible worker's spouse gets nothing; nor does a spouse whose
/// childbirth was reimbursed by her own employee or resident cover.
#[test]
fn spouse_subsidy_only_for_male_employees_with_an_uncovered_spouse() {
    // Male employee, natural 2A, cost 3,000: 50% × 3,500 = 1,750; member 1,250
    // Male flexible worker, the same: 0; member 3,000
    // Male employee, spouse reimbursed elsewhere: 0; member 3,000 + 500 = 3,500
    let employee = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 33, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A", "medical_cost": 3000}]}"#;
    assert_eq!(run("ziyang", employee), vec![paid("1750", "0", "0", "1250")]);
    let flexible = employee.replace("\"employee\"", "\"flexible\"");
    assert_eq!(run("ziyang", &flexible), vec![paid("0", "0", "0", "3000")]);
    let elsewhere = employee.replace(
        "\"medical_cost\": 3000}",
        "\"medical_cost\": 3000, \"prenatal_cost\": 500, \"spouse_reimbursed_elsewhere\": true}",
    );
    assert_eq!(run("ziyang", &elsewhere), vec![paid("0", "0", "0", "3500")]);
}

/// The kinds other texts settle are refused where Ziyang's has no rule: a
/// newborn's admission on the mother's cover is Dingxi's (003 第三十七条).
#[test]
fn a_newborn_admission_is_refused_without_its_rule() {
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 30},
      "claims": [{"type": "inpatient", "terms": "newborn", "level": "3A", "total": 20000}]}"#,
    );
    assert_eq!(e.field, "claims[0].terms");
    assert!(e.message.contains("no rule for `newborn`"), "{}", e.message);
}

/// A caesarean with a tubal ligation at the same time: 000 第二十四条（二）
/// 剖宫 5,500 and 第二十五条（六）输卵管结扎术 317. The text is silent on the two at
/// once, so each is paid its own amount (`several = "each"`, an
/// interpretation; Luzhou's 001 第三十二条（三） would pay the higher), at most
/// the medical cost; prenatal 600 at most (第二十四条（三）); the allowance is
/// the delivery's, 158 + 15 days (第二十四条（一）) × 6,000 ÷ 30 = 34,600.
#[test]
fn a_caesarean_with_a_ligation_pays_both_amounts() {
    // medical min(7,000, 5,500 + 317) = 5,817; prenatal min(500, 600) = 500
    // fund 6,317; member = 7,000 + 500 − 6,317 = 1,183
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 31, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 7000, "prenatal_cost": 500, "with_procedure": "tubal_ligation"}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("6317", "0", "34600", "1183")]);
}
