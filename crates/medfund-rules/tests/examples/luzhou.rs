//! Worked examples for Luzhou (泸州), 泸市府规〔2022〕7号
//! (`shared/seeds/001_a1eeaaf010e2aa5c.txt`), employee (职工) and resident
//! (居民) schemes, against `scenarios/luzhou.toml` and the contract
//! `shared/spec/adjudication.md`.
//!
//! Every expected value below was worked out by hand from the text and the
//! contract, not copied from the engine. Conventions used throughout:
//!
//! * scope = total − out_of_scope − self-pay-first (contract, "Terms");
//!   fund = (scope − deductible) × ratio; member = bill − fund − catastrophic.
//! * Self-pay-first (先行自付) is 10% of class-B drugs, part-paid items and
//!   materials. This is an ASSUMPTION of the scenario: Luzhou's text sets no
//!   self-pay-first ratios.
//! * Luzhou has no large-expense top-up in the scenario, so `catastrophic` is
//!   always 0.
//! * Amounts are rounded half-up to the fen once per claim and payer; the
//!   intermediate steps are exact (contract, Output).
//! * Year 2024 throughout (the text is in force 2023-01-01 for five years,
//!   第六十六条).

mod claim_kinds;

use crate::common::*;

use medfund_rules::member_year::{Account, Category, Employer};
use medfund_rules::scenario::Scheme;

// ------------------------------------------------------------ employee inpatient

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 职工医保, 在职人员, 市内医疗机构:
/// 一级及无等级 500 / 90%, 二级 600 / 85%, 三级 700 / 80%. Contract: a city
/// with levels 1, 2, 3 maps `unrated`→1, `2B`/`2A`→2, `3B`/`3A`→3.
/// 第二十六条（四） settles each admission on its own (按照单次住院结算), so
/// each of these admissions in one year pays its level's full deductible (no
/// repeat reduction).
#[test]
fn employee_in_service_local_admissions_by_level() {
    // Admission 1, unrated (无等级 → 一级及无等级):
    //   total 10,000, out of scope 500, class B 2,000 → self-pay-first 10% = 200
    //   (assumption of the scenario)
    //   scope = 10,000 − 500 − 200 = 9,300
    //   fund = (9,300 − 500) × 90% = 7,920;  member = 10,000 − 7,920 = 2,080
    // Admission 2, 2A (二级): total 20,000, out of scope 1,000, one material
    //   3,000 → self-pay-first 300 (assumption); scope = 18,700
    //   fund = (18,700 − 600) × 85% = 15,385;  member = 4,615
    // Admission 3, 3A (三级): total 50,000, out of scope 2,000, class B 5,000,
    //   item 800, material 12,000 → self-pay-first 500 + 80 + 1,200 = 1,780
    //   (assumption); scope = 50,000 − 2,000 − 1,780 = 46,220
    //   fund = (46,220 − 700) × 80% = 36,416;  member = 13,584
    // Admission 4, level 1 (一级): total 5,500 → (5,500 − 500) × 90% = 4,500
    // Admission 5, 2B (二级): total 5,600 → (5,600 − 600) × 85% = 4,250
    // Admission 6, 3B (三级): total 5,700 → (5,700 − 700) × 80% = 4,000
    // Admission 7, 3A: total 650, below the 700 deductible → fund 0
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [
        {"type": "inpatient", "level": "unrated", "place": "local", "total": 10000, "out_of_scope": 500,
         "class_b_drugs": 2000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 20000, "out_of_scope": 1000,
         "materials": [3000]},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 50000, "out_of_scope": 2000,
         "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]},
        {"type": "inpatient", "level": "1", "total": 5500},
        {"type": "inpatient", "level": "2B", "total": 5600},
        {"type": "inpatient", "level": "3B", "total": 5700},
        {"type": "inpatient", "level": "3A", "total": 650}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("7920", "0", "0", "2080"),
            paid("15385", "0", "0", "4615"),
            paid("36416", "0", "0", "13584"),
            paid("4500", "0", "0", "1000"),
            paid("4250", "0", "0", "1350"),
            paid("4000", "0", "0", "1700"),
            paid("0", "0", "0", "650"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 职工医保, 退休人员, 市内医疗机构:
/// 一级及无等级 400 / 96%, 二级 500 / 92%, 三级 600 / 88%.
#[test]
fn employee_retiree_local_admissions_by_level() {
    // Level 1: total 8,000 → (8,000 − 400) × 96% = 7,296;  member 704
    // 2B: total 15,000, out of scope 300, class B 1,000 → self-pay-first 100
    //   (assumption of the scenario); scope = 14,600
    //   fund = (14,600 − 500) × 92% = 12,972;  member = 15,000 − 12,972 = 2,028
    // 3B: total 30,000, out of scope 1,500 → scope 28,500
    //   fund = (28,500 − 600) × 88% = 24,552;  member = 5,448
    // Unrated: total 1,400 → (1,400 − 400) × 96% = 960;  member 440
    let json = r#"{"year": 2024,
      "member": {"category": "retiree", "sex": "M", "age": 68},
      "claims": [
        {"type": "inpatient", "level": "1", "place": "local", "total": 8000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 15000, "out_of_scope": 300,
         "class_b_drugs": 1000},
        {"type": "inpatient", "level": "3B", "place": "local", "total": 30000, "out_of_scope": 1500},
        {"type": "inpatient", "level": "unrated", "place": "local", "total": 1400}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("7296", "0", "0", "704"),
            paid("12972", "0", "0", "2028"),
            paid("24552", "0", "0", "5448"),
            paid("960", "0", "0", "440"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 职工医保, 在职人员, 市外医疗机构:
/// deductible 1,000 at every level, ratio 70% at every level in the ordinary
/// column. Contract reading 7 (Luzhou): `nonlocal_filed`, `nonlocal_self` and
/// `nonlocal_self_cross_province` take the 市外 deductible and the ordinary
/// 市外 column.
#[test]
fn employee_in_service_nonlocal_ordinary_column() {
    // nonlocal_self, 3A: total 30,000, out of scope 2,000, class B 3,000 →
    //   self-pay-first 300 (assumption of the scenario); scope = 27,700
    //   fund = (27,700 − 1,000) × 70% = 18,690;  member = 11,310
    // nonlocal_filed, level 1 (no lower ratio for a lower level outside the city):
    //   total 5,000 → (5,000 − 1,000) × 70% = 2,800;  member 2,200
    // nonlocal_self_cross_province, 2A: total 12,345.67
    //   fund = (12,345.67 − 1,000) × 70% = 11,345.67 × 0.7 = 7,941.969 → 7,941.97
    //   member = 12,345.67 − 7,941.97 = 4,403.70
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 38},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 30000, "out_of_scope": 2000,
         "class_b_drugs": 3000},
        {"type": "inpatient", "level": "1", "place": "nonlocal_filed", "total": 5000},
        {"type": "inpatient", "level": "2A", "place": "nonlocal_self_cross_province", "total": "12345.67"}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("18690", "0", "0", "11310"), paid("2800", "0", "0", "2200"), paid("7941.97", "0", "0", "4403.70"),]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 职工医保, 在职人员, 市外医疗机构,
/// 临时外出（市外）急诊抢救人员和办理了转诊转院手续的人员: deductible 1,000,
/// ratio 80% at every level. Contract reading 7: `nonlocal_referral` and
/// `nonlocal_emergency` take this column.
#[test]
fn employee_in_service_nonlocal_emergency_and_referral_column() {
    // nonlocal_emergency, 3A: total 20,000 → (20,000 − 1,000) × 80% = 15,200;  member 4,800
    // nonlocal_referral, unrated: total 3,000 → (3,000 − 1,000) × 80% = 1,600;  member 1,400
    // nonlocal_referral, 2B: total 800, below the 1,000 deductible → fund 0
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "F", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "nonlocal_emergency", "total": 20000},
        {"type": "inpatient", "level": "unrated", "place": "nonlocal_referral", "total": 3000},
        {"type": "inpatient", "level": "2B", "place": "nonlocal_referral", "total": 800}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("15200", "0", "0", "4800"), paid("1600", "0", "0", "1400"), paid("0", "0", "0", "800"),]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 职工医保, 退休人员, 市外医疗机构:
/// deductible 1,000; ordinary column 76% / 72% / 70% (一级及无等级 / 二级 /
/// 三级), emergency and referral column 86% / 82% / 80%. Contract reading 7.
#[test]
fn employee_retiree_nonlocal_both_columns() {
    // Ordinary column:
    //   nonlocal_self, level 1:   (11,000 − 1,000) × 76% = 7,600;  member 3,400
    //   nonlocal_filed, 2B:       (6,000 − 1,000) × 72% = 3,600;   member 2,400
    //   nonlocal_self, 3A:        (6,000 − 1,000) × 70% = 3,500;   member 2,500
    // Emergency / referral column:
    //   nonlocal_referral, unrated: (6,000 − 1,000) × 86% = 4,300; member 1,700
    //   nonlocal_emergency, 2A:     (6,000 − 1,000) × 82% = 4,100; member 1,900
    //   nonlocal_referral, 3B:      (6,000 − 1,000) × 80% = 4,000; member 2,000
    let json = r#"{"year": 2024,
      "member": {"category": "retiree", "sex": "F", "age": 66},
      "claims": [
        {"type": "inpatient", "level": "1", "place": "nonlocal_self", "total": 11000},
        {"type": "inpatient", "level": "2B", "place": "nonlocal_filed", "total": 6000},
        {"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 6000},
        {"type": "inpatient", "level": "unrated", "place": "nonlocal_referral", "total": 6000},
        {"type": "inpatient", "level": "2A", "place": "nonlocal_emergency", "total": 6000},
        {"type": "inpatient", "level": "3B", "place": "nonlocal_referral", "total": 6000}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("7600", "0", "0", "3400"),
            paid("3600", "0", "0", "2400"),
            paid("3500", "0", "0", "2500"),
            paid("4300", "0", "0", "1700"),
            paid("4100", "0", "0", "1900"),
            paid("4000", "0", "0", "2000"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1 (三级 在职 700 / 80%) and the
/// contract's rounding rule (Output: rounded half-up once per claim and payer):
/// self-pay-first and scope are not rounded on the way.
#[test]
fn employee_rounding_once_per_claim() {
    // 3A local, total 10,700.00, class B 3,000.05
    //   self-pay-first 10% (assumption of the scenario) = 300.005, not rounded
    //   scope = 10,700 − 300.005 = 10,399.995
    //   fund = (10,399.995 − 700) × 80% = 9,699.995 × 0.8 = 7,759.996 → 7,760.00
    //   (rounding the self-pay-first first would give 7,759.99)
    //   member = 10,700 − 7,760 = 2,940.00
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 30},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": "10700.00", "class_b_drugs": "3000.05"}
      ]}"#;
    assert_eq!(run("luzhou", json), vec![paid("7760.00", "0", "0", "2940.00")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）2: from 2023 the employee pooled
/// fund pays at most 280,000 a year. Contract readings 8 and 14: the cap runs
/// over the year's claims in order on the rounded per-claim amounts.
#[test]
fn employee_annual_cap_280000() {
    // In service, 3A local (700 / 80%):
    // Admission 1: total 300,000 → (300,000 − 700) × 80% = 239,440
    //   cap used 239,440;  member 60,560
    // Admission 2: total 100,000 → (100,000 − 700) × 80% = 79,440, but only
    //   280,000 − 239,440 = 40,560 is left → fund 40,560;  member 59,440
    // Admission 3: total 10,000 → 7,440 raw, nothing left → fund 0;  member 10,000
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 55},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 300000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 100000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("239440", "0", "0", "60560"), paid("40560", "0", "0", "59440"), paid("0", "0", "0", "10000")]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第三十一条: maternity and family-planning costs are
/// paid as maternity benefits and 不计入基本医疗保险年度支付限额计算; contract
/// reading 8 (Luzhou: the 280,000 cap of 第二十六条（四）2 does not cover
/// maternity). Maternity payments neither use up the cap nor stop once the
/// cap is used up.
#[test]
fn employee_maternity_outside_the_annual_cap() {
    // Female employee, 120 months, enterprise employer, employer's average
    // monthly wage 6,000.
    // Claim 1, family planning, IUD removal costing 200 (第三十二条（三）: 350 or
    //   the cost, contract reading 12) → fund 200, member 0. Not counted in the cap.
    // Claim 2, admission 3A local, total 360,000 → (360,000 − 700) × 80% = 287,440;
    //   the whole 280,000 is still available (the 200 above does not count)
    //   → fund 280,000;  member 80,000
    // Claim 3, natural delivery 3A (二级及以上 4,000), medical 5,000, prenatal 900
    //   → 4,000 + 700 (第三十三条) = 4,700, paid although the cap is used up
    //   allowance 6,000 ÷ 30 × 98 days = 19,600 (第三十四条; the 98 days of
    //   国务院令第619号 are an assumption of the scenario)
    //   member = 5,000 + 900 − 4,700 = 1,200
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 31, "months_contributed": 120},
      "claims": [
        {"type": "family_planning", "procedure": "iud_remove", "inpatient": false, "cost": 200},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 360000},
        {"type": "childbirth", "delivery": "natural", "babies": 1, "level": "3A",
         "medical_cost": 5000, "prenatal_cost": 900}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("200", "0", "0", "0"), paid("280000", "0", "0", "80000"), paid("4700", "0", "19600", "1200"),]
    );
}

// ------------------------------------------------------------ employee maternity

/// 001_a1eeaaf010e2aa5c.txt 第三十二条（一）（二）: 二级及以上医疗机构 natural
/// delivery 4,000, difficult delivery (难产, 含剖宫产) 5,600, +400 for each
/// further baby, the cost when it is lower (医疗费用总额低于限额标准的按实支付;
/// contract reading 12). 第三十三条: prenatal care a fixed 700, at most the
/// cost (reading 12). 第三十四条: allowance = employer's average monthly wage
/// ÷ 30 × days. The days (98, +15 for a difficult birth, +15 per further
/// baby, 国务院令第619号 via 第三十五条) are an assumption of the scenario.
#[test]
fn employee_childbirth_level_2_and_above() {
    // Employer's average monthly wage 6,000 → 200 a day.
    // (a) natural, 2B: medical 4,500 → 4,000; prenatal 900 → 700; fund 4,700
    //     member = 5,400 − 4,700 = 700; allowance 98 × 200 = 19,600
    // (b) caesarean, 3A: medical 9,000 → 5,600; prenatal 650 → 650; fund 6,250
    //     member = 9,650 − 6,250 = 3,400; allowance (98 + 15) × 200 = 22,600
    // (c) difficult, 2A: medical 5,000 < 5,600 → 5,000 (the cost); prenatal 700
    //     fund 5,700; member 0; allowance 113 × 200 = 22,600
    // (d) natural twins, 3B: medical 6,000 → 4,000 + 400 = 4,400; prenatal 800 → 700
    //     fund 5,100; member = 6,800 − 5,100 = 1,700
    //     allowance (98 + 15 for the second baby) × 200 = 22,600
    let one = |claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 29, "months_contributed": 60}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2B",
               "medical_cost": 4500, "prenatal_cost": 900}"#),
        vec![paid("4700", "0", "19600", "700")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
               "medical_cost": 9000, "prenatal_cost": 650}"#),
        vec![paid("6250", "0", "22600", "3400")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "difficult", "babies": 1, "level": "2A",
               "medical_cost": 5000, "prenatal_cost": 700}"#),
        vec![paid("5700", "0", "22600", "0")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "natural", "babies": 2, "level": "3B",
               "medical_cost": 6000, "prenatal_cost": 800}"#),
        vec![paid("5100", "0", "22600", "1700")]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第三十二条（一）（二）: 一级及以下医疗机构 natural
/// delivery 1,800, difficult (含剖宫产) 2,500, +400 per further baby;
/// 第三十三条 prenatal 700 (at most the cost, contract reading 12). Contract:
/// `unrated` maps to level 1 (一级及以下). Allowance days (98, +15 difficult,
/// +15 per further baby) are an assumption of the scenario (国务院令第619号).
#[test]
fn employee_childbirth_level_1_and_below() {
    // Employer's average monthly wage 6,000 → 200 a day.
    // (a) natural, level 1: medical 2,000 → 1,800; prenatal 500 → 500 (the cost)
    //     fund 2,300; member = 2,500 − 2,300 = 200; allowance 98 × 200 = 19,600
    // (b) difficult, unrated: medical 3,000 → 2,500; no prenatal cost → 0
    //     fund 2,500; member 500; allowance 113 × 200 = 22,600
    // (c) caesarean triplets, level 1: medical 5,000 → 2,500 + 2 × 400 = 3,300;
    //     prenatal 1,000 → 700; fund 4,000; member = 6,000 − 4,000 = 2,000
    //     allowance (98 + 15 + 2 × 15) × 200 = 143 × 200 = 28,600
    let one = |claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 33, "months_contributed": 48}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "1",
               "medical_cost": 2000, "prenatal_cost": 500}"#),
        vec![paid("2300", "0", "19600", "200")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "difficult", "babies": 1, "level": "unrated",
               "medical_cost": 3000, "prenatal_cost": 0}"#),
        vec![paid("2500", "0", "22600", "500")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "caesarean", "babies": 3, "level": "1",
               "medical_cost": 5000, "prenatal_cost": 1000}"#),
        vec![paid("4000", "0", "28600", "2000")]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第三十四条: the allowance is the employer's
/// previous-year average monthly contribution wage ÷ 30 × days, paid to the
/// employer; 第三十七条: 国家机关、社会团体和财政拨款的事业单位 keep paying
/// wages and the fund pays no allowance (contract: `employer: fiscal`). The
/// medical payment is the same for both. 98 days is an assumption of the
/// scenario (国务院令第619号).
#[test]
fn employee_allowance_and_fiscal_funded_units() {
    // Employer's average monthly wage 7,000; natural delivery at 2A.
    //   medical 3,000 < 4,000 → 3,000 (the cost); prenatal 700 → 700; fund 3,700
    //   member = 3,700 − 3,700 = 0
    // Enterprise: allowance 7,000 ÷ 30 × 98 = 686,000 ÷ 30 = 22,866.666… → 22,866.67
    // Fiscal-funded unit: allowance 0 (第三十七条)
    let claims = r#"[{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                      "medical_cost": 3000, "prenatal_cost": 700}]"#;
    let enterprise = format!(
        r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 7000}},
          "member": {{"category": "employee", "sex": "F", "age": 30, "employer": "enterprise",
                      "months_contributed": 36}},
          "claims": {claims}}}"#
    );
    let fiscal = format!(
        r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 7000}},
          "member": {{"category": "employee", "sex": "F", "age": 30, "employer": "fiscal",
                      "months_contributed": 36}},
          "claims": {claims}}}"#
    );
    assert_eq!(run("luzhou", &enterprise), vec![paid("3700", "0", "22866.67", "0")]);
    assert_eq!(run("luzhou", &fiscal), vec![paid("3700", "0", "0", "0")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第三十条: maternity benefits (生育医疗费用 and
/// 生育津贴, family planning included) need 在我市连续参保且足额缴纳生育保险费满9个月
/// 及以上; contract reading 11 (Luzhou 9). 8 months: nothing; 9 months: paid.
#[test]
fn employee_maternity_needs_nine_months() {
    // Caesarean at 3A, medical 7,000, prenatal 800, employer wage 6,000.
    // 8 months: fund 0, allowance 0, member = 7,000 + 800 = 7,800
    // 9 months: fund 5,600 + 700 = 6,300; member 1,500;
    //           allowance 6,000 ÷ 30 × 113 = 22,600 (days: assumption, 国务院令第619号)
    // Family planning (tubal ligation, 1,200, cost 1,400):
    // 8 months: fund 0, member 1,400;  9 months: fund 1,200, member 200
    let with = |months: u32, claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 27, "months_contributed": {months}}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    let birth = r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                    "medical_cost": 7000, "prenatal_cost": 800}"#;
    let ligation = r#"{"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 1400}"#;
    assert_eq!(with(8, birth), vec![paid("0", "0", "0", "7800")]);
    assert_eq!(with(9, birth), vec![paid("6300", "0", "22600", "1500")]);
    assert_eq!(with(8, ligation), vec![paid("0", "0", "0", "1400")]);
    assert_eq!(with(9, ligation), vec![paid("1200", "0", "0", "200")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第三十八条: a male employee with 9 months of
/// maternity contributions: his unemployed spouse's childbirth is paid 50% of
/// 核定生育医疗费用（含产前检查）支付金额, i.e. half of what the fund would pay a
/// female employee (lump sum or cost, plus prenatal 700 or cost). No
/// allowance (he takes no maternity leave). The second sentence (spouse
/// already reimbursed elsewhere: only 50% of the 700) is not in the contract's
/// input and is not exercised.
#[test]
fn male_employee_spouse_childbirth() {
    // (a) caesarean at 3A: medical 8,000 → 5,600; prenatal 1,000 → 700
    //     50% × (5,600 + 700) = 3,150;  member = 9,000 − 3,150 = 5,850
    // (b) natural at level 1: medical 1,500.55 < 1,800 → 1,500.55; prenatal 333.34
    //     50% × 1,833.89 = 916.945 → 916.95 (half-up)
    //     member = 1,833.89 − 916.95 = 916.94
    // (c) as (a) with only 8 months: the 9-month condition of 第三十八条 fails → 0
    let with = |months: u32, claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "M", "age": 32, "months_contributed": {months}}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    let caesarean = r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                        "medical_cost": 8000, "prenatal_cost": 1000}"#;
    assert_eq!(with(120, caesarean), vec![paid("3150", "0", "0", "5850")]);
    assert_eq!(
        with(
            120,
            r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "1",
                "medical_cost": "1500.55", "prenatal_cost": "333.34"}"#
        ),
        vec![paid("916.95", "0", "0", "916.94")]
    );
    assert_eq!(with(8, caesarean), vec![paid("0", "0", "0", "9000")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第三十二条（三）, 第三十条, 第三十一条（二）:
/// family-planning amounts, the cost when lower (contract reading 12):
/// 门诊流产术 800, 住院流产术 1,500, 药物流产 350, 放置或取出宫内节育器 350,
/// 皮下埋植或取出 150, 输卵管/输精管结扎 1,200, 复通 1,500.
#[test]
fn employee_family_planning_amounts() {
    // Female employee, 120 months:
    //   surgical abortion, outpatient, cost 1,000 → 800;   member 200
    //   surgical abortion, inpatient, cost 2,000 → 1,500;  member 500
    //   surgical abortion, inpatient, cost 1,300 < 1,500 → 1,300; member 0
    //   medical abortion, cost 500 → 350;                  member 150
    //   IUD insertion, cost 200 < 350 → 200;               member 0
    //   implant removal, cost 400 → 150;                   member 250
    //   tubal ligation, cost 1,500 → 1,200;                member 300
    //   tubal reversal, cost 3,000 → 1,500;                member 1,500
    // Allowance 0 on every line: 第三十六条 pays an allowance during
    // family-planning leave, but no text here gives the leave days.
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "F", "age": 34, "months_contributed": 120},
      "claims": [
        {"type": "family_planning", "procedure": "surgical_abortion", "inpatient": false, "cost": 1000},
        {"type": "family_planning", "procedure": "surgical_abortion", "inpatient": true, "cost": 2000},
        {"type": "family_planning", "procedure": "surgical_abortion", "inpatient": true, "cost": 1300},
        {"type": "family_planning", "procedure": "medical_abortion", "inpatient": false, "cost": 500},
        {"type": "family_planning", "procedure": "iud_insert", "inpatient": false, "cost": 200},
        {"type": "family_planning", "procedure": "implant_remove", "inpatient": false, "cost": 400},
        {"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 1500},
        {"type": "family_planning", "procedure": "tubal_reversal", "inpatient": true, "cost": 3000}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("800", "0", "0", "200"),
            paid("1500", "0", "0", "500"),
            paid("1300", "0", "0", "0"),
            paid("350", "0", "0", "150"),
            paid("200", "0", "0", "0"),
            paid("150", "0", "0", "250"),
            paid("1200", "0", "0", "300"),
            paid("1500", "0", "0", "1500"),
        ]
    );
    // Male employee: vasectomy 1,200 (cost 1,000 < 1,200 → 1,000, member 0),
    // vasectomy reversal 1,500 (cost 1,600 → 1,500, member 100).
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "M", "age": 36, "months_contributed": 120},
      "claims": [
        {"type": "family_planning", "procedure": "vasectomy", "inpatient": false, "cost": 1000},
        {"type": "family_planning", "procedure": "vas_reversal", "inpatient": true, "cost": 1600}
      ]}"#;
    assert_eq!(run("luzhou", json), vec![paid("1000", "0", "0", "0"), paid("1500", "0", "0", "100")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第三十二条（三） for terminations, 第三十六条 and
/// 第三十五条 for the allowance. ASSUMPTION of the scenario: the text does not
/// say when a termination is an abortion (流产, 门诊流产术 800) or an induced
/// labour (引产术 1,500); the scenario takes under 4 completed months as the
/// first and from 4 months as the second, with 15 and 42 allowance days
/// (国务院令第619号). Contract reading 15: member = medical_cost − fund.
#[test]
fn employee_pregnancy_termination_month_boundary_assumption() {
    // Employer's average monthly wage 6,000 → 200 a day.
    // 3 completed months, 2A, cost 1,000 → 800 (流产); member 200; allowance 15 × 200 = 3,000
    // 4 completed months, 3A, cost 2,500 → 1,500 (引产); member 1,000; allowance 42 × 200 = 8,400
    // 1 completed month, level 1, cost 500 < 800 → 500; member 0; allowance 3,000
    let one = |claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 30, "months_contributed": 120}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    assert_eq!(
        one(r#"{"type": "pregnancy_termination", "months": 3, "level": "2A", "medical_cost": 1000}"#),
        vec![paid("800", "0", "3000", "200")]
    );
    assert_eq!(
        one(r#"{"type": "pregnancy_termination", "months": 4, "level": "3A", "medical_cost": 2500}"#),
        vec![paid("1500", "0", "8400", "1000")]
    );
    assert_eq!(
        one(r#"{"type": "pregnancy_termination", "months": 1, "level": "1", "medical_cost": 500}"#),
        vec![paid("500", "0", "3000", "0")]
    );
}

// ------------------------------------------------------------ flexible workers

/// 001_a1eeaaf010e2aa5c.txt 第二十七条: a flexible worker's 住院生育医疗费用 is
/// paid by the basic pooled fund 按照规定, i.e. as an admission on the
/// inpatient table (第二十六条（四）1, in-service column, locally). Flexible
/// workers pay no maternity contribution (第十条: only employers do), so the
/// 9-month condition of 第三十条 does not apply, there is no lump sum, no
/// prenatal payment (an outpatient cost, 第三十三条 is for 女职工) and no
/// allowance. The 3-month waiting period of 第十二条 applies.
#[test]
fn flexible_worker_childbirth_as_admission() {
    // (a) 4 months contributed (past the 3-month wait, under 9):
    //     caesarean at 3A, medical 9,000, prenatal 800
    //     fund = (9,000 − 700) × 80% = 6,640; allowance 0
    //     member = 9,000 + 800 − 6,640 = 3,160
    // (b) natural at level 1, medical 3,000, no prenatal
    //     fund = (3,000 − 500) × 90% = 2,250; member 750
    // (c) as (a) with 2 months: still in the waiting period → fund 0, member 9,800
    let with = |months: u32, claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "flexible", "sex": "F", "age": 30, "months_contributed": {months}}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    let caesarean = r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                        "medical_cost": 9000, "prenatal_cost": 800}"#;
    assert_eq!(with(4, caesarean), vec![paid("6640", "0", "0", "3160")]);
    assert_eq!(
        with(
            24,
            r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "1",
                "medical_cost": 3000, "prenatal_cost": 0}"#
        ),
        vec![paid("2250", "0", "0", "750")]
    );
    assert_eq!(with(2, caesarean), vec![paid("0", "0", "0", "9800")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第十条 (only employers pay the maternity
/// contribution), 第三十条 and 第三十二条（三） (family planning is a benefit of
/// 参加生育保险的职工): a flexible worker, who pays no maternity contribution,
/// is not covered for family planning (scenario: `flexible_covered = false`).
#[test]
fn flexible_worker_not_covered_for_family_planning() {
    // IUD insertion, cost 300, 24 months contributed → fund 0, member 300
    // Vasectomy, cost 1,000 → fund 0, member 1,000
    let json = r#"{"year": 2024,
      "member": {"category": "flexible", "sex": "F", "age": 35, "months_contributed": 24},
      "claims": [
        {"type": "family_planning", "procedure": "iud_insert", "inpatient": false, "cost": 300}
      ]}"#;
    assert_eq!(run("luzhou", json), vec![paid("0", "0", "0", "300")]);
    let json = r#"{"year": 2024,
      "member": {"category": "flexible", "sex": "M", "age": 35, "months_contributed": 24},
      "claims": [
        {"type": "family_planning", "procedure": "vasectomy", "inpatient": false, "cost": 1000}
      ]}"#;
    assert_eq!(run("luzhou", json), vec![paid("0", "0", "0", "1000")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第十二条: a flexible worker 从连续足额缴费满3个月后
/// 享受职工医保统筹基金支付待遇; contract reading 13 (Luzhou 3): below 3 months
/// no pooled-fund payment. From 3 months the in-service column of 第二十六条（四）1
/// applies (the table has only 在职 and 退休 columns; a flexible worker is not
/// retired).
#[test]
fn flexible_worker_three_month_waiting_period() {
    // Admission at 2A, total 10,000, local.
    // 2 months: fund 0, member 10,000
    // 3 months: (10,000 − 600) × 85% = 7,990; member 2,010
    let with = |months: u32| {
        let json = format!(
            r#"{{"year": 2024,
              "member": {{"category": "flexible", "sex": "M", "age": 42, "months_contributed": {months}}},
              "claims": [{{"type": "inpatient", "level": "2A", "place": "local", "total": 10000}}]}}"#
        );
        run("luzhou", &json)
    };
    assert_eq!(with(2), vec![paid("0", "0", "0", "10000")]);
    assert_eq!(with(3), vec![paid("7990", "0", "0", "2010")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第二十七条 pays a flexible worker's or a
/// resident's OWN 住院生育医疗费用; the spouse benefit of 第三十八条 is for a
/// 男职工 who has paid 生育保险费 for 9 months, which flexible workers (第十条,
/// 第十二条: their 9% / 6.3% is basic medical insurance only) and residents
/// never pay. So when a male flexible worker or a male resident brings his
/// spouse's childbirth (the contract's male `childbirth` claim), nothing is
/// paid. The engine instead settles it as the man's own admission.
#[test]
fn male_flexible_or_resident_spouse_childbirth_not_covered() {
    // Caesarean at 3A, medical 9,000, prenatal 800, bill 9,800.
    // Male flexible worker, 24 months: not his own childbirth (第二十七条), no
    //   maternity contribution (第三十八条) → fund 0, allowance 0, member 9,800
    //   (the engine pays (9,000 − 700) × 80% = 6,640)
    // Male resident: likewise → fund 0, member 9,800
    //   (the engine pays (9,000 − 800) × 60% = 4,920)
    let claim = r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                    "medical_cost": 9000, "prenatal_cost": 800}"#;
    let flexible = format!(
        r#"{{"year": 2024,
          "member": {{"category": "flexible", "sex": "M", "age": 30, "months_contributed": 24}},
          "claims": [{claim}]}}"#
    );
    let resident = format!(
        r#"{{"year": 2024,
          "member": {{"category": "resident", "sex": "M", "age": 30}},
          "claims": [{claim}]}}"#
    );
    assert_eq!(run("luzhou", &flexible), vec![paid("0", "0", "0", "9800")]);
    assert_eq!(run("luzhou", &resident), vec![paid("0", "0", "0", "9800")]);
}

// ------------------------------------------------------------ employee outpatient

/// ASSUMPTION of the scenario: Luzhou's employee outpatient pooling is in
/// 泸市府办规〔2022〕6号 (001 第二十六条（一） refers to it), not among the
/// texts; the scenario takes Ziyang's values (004 第八条): yearly deductible
/// 200 in service / 150 retired, 60% below level 3, 50% at level 3, retirees
/// +10 points, yearly limit 2,000 / 2,500 (combined accounts).
#[test]
fn employee_outpatient_pooling_assumption() {
    // In service, combined account, level 2A (60%):
    //   visit 1, total 150: all of it goes to the 200 deductible → fund 0; member 150
    //   visit 2, total 1,000: 50 deductible left → (1,000 − 50) × 60% = 570; member 430
    //   visit 3, total 4,000: 4,000 × 60% = 2,400, limit left 2,000 − 570 = 1,430
    //            → fund 1,430; member 2,570
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "account": "combined", "sex": "F", "age": 44},
      "claims": [
        {"type": "outpatient", "level": "2A", "total": 150},
        {"type": "outpatient", "level": "2A", "total": 1000},
        {"type": "outpatient", "level": "2A", "total": 4000}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("0", "0", "0", "150"), paid("570", "0", "0", "430"), paid("1430", "0", "0", "2570")]
    );
    // Retiree, level 3A: (650 − 150) × (50% + 10 points) = 300; member 350
    let json = r#"{"year": 2024,
      "member": {"category": "retiree", "sex": "M", "age": 70},
      "claims": [{"type": "outpatient", "level": "3A", "total": 650}]}"#;
    assert_eq!(run("luzhou", json), vec![paid("300", "0", "0", "350")]);
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（三）: 门诊特殊疾病 rules are 由市医保局、
/// 市财政局另行制定, not among the texts; the scenario does not cover them, so
/// the contract refuses a `special_outpatient` claim as a claim type the
/// scenario does not cover, naming the claim's `type` field.
#[test]
fn special_outpatient_refused_as_not_covered() {
    let json = r#"{"year": 2024,
      "member": {"category": "employee", "sex": "F", "age": 60},
      "claims": [{"type": "special_outpatient", "level": "3A", "total": 2000}]}"#;
    assert_eq!(run_err("luzhou", json).field, "claims[0].type");
    // The second claim of a resident's year.
    let json = r#"{"year": 2024,
      "member": {"category": "resident", "sex": "M", "age": 62},
      "claims": [
        {"type": "inpatient", "level": "1", "place": "local", "total": 1000},
        {"type": "special_outpatient", "level": "2A", "total": 800}
      ]}"#;
    assert_eq!(run_err("luzhou", json).field, "claims[1].type");
}

// ------------------------------------------------------------ resident scheme

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 居民医保, 市内医疗机构: 一级及无等级
/// 200 / 90%, 二级 400 / 80%, 三级 800 / 60%; one deductible per admission.
#[test]
fn resident_local_admissions_by_level() {
    // Unrated: total 3,000, out of scope 200, class B 1,000 → self-pay-first 100
    //   (assumption of the scenario); scope 2,700
    //   fund = (2,700 − 200) × 90% = 2,250; member 750
    // 2B: total 10,000 → (10,000 − 400) × 80% = 7,680; member 2,320
    // 3A: total 40,000, out of scope 4,000 → (36,000 − 800) × 60% = 21,120; member 18,880
    // 1:  total 1,200 → (1,200 − 200) × 90% = 900; member 300
    // 2A: total 2,400 → (2,400 − 400) × 80% = 1,600; member 800
    // 3B: total 2,800 → (2,800 − 800) × 60% = 1,200; member 1,600
    let json = r#"{"year": 2024,
      "member": {"category": "resident", "sex": "F", "age": 58},
      "claims": [
        {"type": "inpatient", "level": "unrated", "place": "local", "total": 3000, "out_of_scope": 200,
         "class_b_drugs": 1000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 40000, "out_of_scope": 4000},
        {"type": "inpatient", "level": "1", "total": 1200},
        {"type": "inpatient", "level": "2A", "total": 2400},
        {"type": "inpatient", "level": "3B", "total": 2800}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("2250", "0", "0", "750"),
            paid("7680", "0", "0", "2320"),
            paid("21120", "0", "0", "18880"),
            paid("900", "0", "0", "300"),
            paid("1600", "0", "0", "800"),
            paid("1200", "0", "0", "1600"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）1, 居民医保, 市外医疗机构: deductible
/// 900; ordinary column 70% / 60% / 45%; 临时外出急诊抢救和转诊转院 column
/// 80% / 70% / 50%. Contract reading 7.
#[test]
fn resident_nonlocal_both_columns() {
    // Each admission total 5,900 → scope above the deductible 5,000.
    //   nonlocal_self, 1:                  5,000 × 70% = 3,500; member 2,400
    //   nonlocal_filed, 2A:                5,000 × 60% = 3,000; member 2,900
    //   nonlocal_self_cross_province, 3A:  5,000 × 45% = 2,250; member 3,650
    //   nonlocal_emergency, unrated:       5,000 × 80% = 4,000; member 1,900
    //   nonlocal_referral, 2B:             5,000 × 70% = 3,500; member 2,400
    //   nonlocal_referral, 3B:             5,000 × 50% = 2,500; member 3,400
    let json = r#"{"year": 2024,
      "member": {"category": "resident", "sex": "M", "age": 47},
      "claims": [
        {"type": "inpatient", "level": "1", "place": "nonlocal_self", "total": 5900},
        {"type": "inpatient", "level": "2A", "place": "nonlocal_filed", "total": 5900},
        {"type": "inpatient", "level": "3A", "place": "nonlocal_self_cross_province", "total": 5900},
        {"type": "inpatient", "level": "unrated", "place": "nonlocal_emergency", "total": 5900},
        {"type": "inpatient", "level": "2B", "place": "nonlocal_referral", "total": 5900},
        {"type": "inpatient", "level": "3B", "place": "nonlocal_referral", "total": 5900}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("3500", "0", "0", "2400"),
            paid("3000", "0", "0", "2900"),
            paid("2250", "0", "0", "3650"),
            paid("4000", "0", "0", "1900"),
            paid("3500", "0", "0", "2400"),
            paid("2500", "0", "0", "3400"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（四）2: from 2023 the resident pooled
/// fund pays at most 180,000 a year; contract readings 8 and 14.
#[test]
fn resident_annual_cap_180000() {
    // 3A: total 250,000 → (250,000 − 800) × 60% = 149,520; member 100,480
    // 2A: total 50,000 → (50,000 − 400) × 80% = 39,680, left 180,000 − 149,520
    //     = 30,480 → fund 30,480; member 19,520
    // 1:  total 5,000 → 4,320 raw, nothing left → 0; member 5,000
    let json = r#"{"year": 2024,
      "member": {"category": "resident", "sex": "M", "age": 64},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 250000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 50000},
        {"type": "inpatient", "level": "1", "place": "local", "total": 5000}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![paid("149520", "0", "0", "100480"), paid("30480", "0", "0", "19520"), paid("0", "0", "0", "5000")]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十六条（一）: resident general outpatient
/// pooling pays 70%, at most 130 a person a year from 2023; the text names no
/// deductible and no level difference. The limit runs over the year's claims
/// in order (contract, Output: annual accumulators).
#[test]
fn resident_outpatient_pooling_130_a_year() {
    // Visit 1, level 1: total 100, out of scope 10 → 90 × 70% = 63; member 37
    // Visit 2, 2A: total 80, class B 20 → self-pay-first 2 (assumption of the
    //   scenario) → scope 78 × 70% = 54.60 (67 of the limit left); member 25.40
    // Visit 3, 3A: total 50 → 35, but 130 − 63 − 54.60 = 12.40 left → 12.40; member 37.60
    // Visit 4, unrated: total 30 → 21, nothing left → 0; member 30
    let json = r#"{"year": 2024,
      "member": {"category": "resident", "sex": "F", "age": 8},
      "claims": [
        {"type": "outpatient", "level": "1", "total": 100, "out_of_scope": 10},
        {"type": "outpatient", "level": "2A", "total": 80, "class_b_drugs": 20},
        {"type": "outpatient", "level": "3A", "total": 50},
        {"type": "outpatient", "level": "unrated", "total": 30}
      ]}"#;
    assert_eq!(
        run("luzhou", json),
        vec![
            paid("63", "0", "0", "37"),
            paid("54.60", "0", "0", "25.40"),
            paid("12.40", "0", "0", "37.60"),
            paid("0", "0", "0", "30"),
        ]
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十七条: a resident's 住院生育医疗费用 is paid by
/// the basic pooled fund as an admission on the resident table (第二十六条（四）1,
/// locally); residents have no maternity insurance, so no lump sum, no
/// prenatal payment and no allowance.
#[test]
fn resident_childbirth_as_admission() {
    // Natural at 2A, medical 5,000, prenatal 600:
    //   fund = (5,000 − 400) × 80% = 3,680; member = 5,600 − 3,680 = 1,920
    // Caesarean at 3A, medical 8,800: fund = (8,800 − 800) × 60% = 4,800; member 4,000
    let one = |claim: &str| {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
              "member": {{"category": "resident", "sex": "F", "age": 28}},
              "claims": [{claim}]}}"#
        );
        run("luzhou", &json)
    };
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
               "medical_cost": 5000, "prenatal_cost": 600}"#),
        vec![paid("3680", "0", "0", "1920")]
    );
    assert_eq!(
        one(r#"{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
               "medical_cost": 8800, "prenatal_cost": 0}"#),
        vec![paid("4800", "0", "0", "4000")]
    );
}

// ------------------------------------------------------------ contributions

/// 001_a1eeaaf010e2aa5c.txt 第十条: the base is the wage between 80% and 300%
/// of the provincial previous-year average wage; employers 7.75% (7% + 0.75%
/// maternity), 国家机关、社会团体和财政拨款的事业单位 7.4% (7% + 0.4%);
/// employees 2%. The 2024 average wage 90,216 (= 7,518 × 12) is an
/// assumption of the scenario; so is the 2% of the base credited to the
/// personal account (泸市府办规〔2022〕6号 is not among the texts).
#[test]
fn contribution_employer_rates_floor_and_cap() {
    // Monthly average 90,216 ÷ 12 = 7,518; floor 80% = 6,014.40; cap 300% = 22,554.
    // (a) enterprise, wage 5,000 → base 6,014.40 (floor)
    //     employer 6,014.40 × 7.75% = 466.116 → 466.12; employee × 2% = 120.288 → 120.29
    // (b) fiscal-funded unit, wage 30,000 → base 22,554 (cap)
    //     employer 22,554 × 7.4% = 1,668.996 → 1,669.00; employee × 2% = 451.08
    // (c) enterprise, wage 10,000 → base 10,000; employer 775.00; employee 200.00
    //     to the account 2% of 10,000 = 200 (assumption); to the pool 775 + 200 − 200 = 775
    let r = crate::common::scenario("luzhou").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &r.contribution.as_ref().unwrap().v;
    let pa = &r.personal_account.as_ref().unwrap().v;
    let avg = r.avg_wage.v;
    assert_eq!(avg, y("90216"));

    let a = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("5000"), avg, pa);
    assert_eq!((a.base, a.employer, a.employee), (y("6014.40"), y("466.12"), y("120.29")));

    let b = c.monthly(Category::Employee, Account::Combined, Employer::Fiscal, y("30000"), avg, pa);
    assert_eq!((b.base, b.employer, b.employee), (y("22554"), y("1669.00"), y("451.08")));

    let e = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("10000"), avg, pa);
    assert_eq!(
        (e.base, e.employer, e.employee, e.to_account, e.to_pool),
        (y("10000"), y("775"), y("200"), y("200"), y("775"))
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第十二条: flexible workers pay on 80% of the
/// provincial previous-year average wage, 9% with a personal account (统账结合),
/// 6.3% pooling-only (单建统筹); no employer share. The 2024 average wage 90,216
/// and the 2% account crediting are assumptions of the scenario.
#[test]
fn contribution_flexible_workers() {
    // Base 90,216 × 80% ÷ 12 = 6,014.40, whatever the wage.
    // Combined: 6,014.40 × 9% = 541.296 → 541.30; to the account 2% = 120.288
    //   → 120.29 (assumption); to the pool 541.30 − 120.29 = 421.01
    // Pooling-only: 6,014.40 × 6.3% = 378.9072 → 378.91; no account; all to the pool
    let r = crate::common::scenario("luzhou").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &r.contribution.as_ref().unwrap().v;
    let pa = &r.personal_account.as_ref().unwrap().v;
    let avg = r.avg_wage.v;

    let f = c.monthly(Category::Flexible, Account::Combined, Employer::Enterprise, y("20000"), avg, pa);
    assert_eq!(
        (f.base, f.employer, f.employee, f.to_account, f.to_pool),
        (y("6014.40"), y("0"), y("541.30"), y("120.29"), y("421.01"))
    );

    let p = c.monthly(Category::Flexible, Account::PoolingOnly, Employer::Enterprise, y("3000"), avg, pa);
    assert_eq!(
        (p.base, p.employer, p.employee, p.to_account, p.to_pool),
        (y("6014.40"), y("0"), y("378.91"), y("0"), y("378.91"))
    );
}

/// 001_a1eeaaf010e2aa5c.txt 第二十四条: 累计缴费年限达到男职工满30年、女职工满25年 …
/// 且在我市的实际缴费年限满10年; 第二十五条: an adult's resident-scheme years
/// count 每3个月折算1个月, Luzhou's own as years actually paid in Luzhou.
///
/// * a man with 31 years, 9 of them in Luzhou: 1 local year short: 12 months
/// * a woman with 24 years, all in Luzhou: 1 year short: 12 months
/// * a woman with 25 years, 10 in Luzhou: none
/// * 6 resident years: 6 × 12 ÷ 3 = 24 months
#[test]
fn minimum_years_ten_in_luzhou_and_resident_years_at_a_third() {
    use medfund_rules::member_year::Sex;
    let r = crate::common::scenario("luzhou").year_rules(Scheme::Employee, 2024).unwrap();
    let m = &r.minimum_years.as_ref().unwrap().v;
    assert_eq!(m.shortfall(Sex::M, 31 * 12, 9 * 12), 12);
    assert_eq!(m.shortfall(Sex::F, 24 * 12, 24 * 12), 12);
    assert_eq!(m.shortfall(Sex::F, 25 * 12, 10 * 12), 0);
    assert_eq!(m.resident_months(6), 24);
}
