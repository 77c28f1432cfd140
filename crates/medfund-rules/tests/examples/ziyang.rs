//! Worked examples for Ziyang (资阳): 资府办规〔2022〕7号 职工医疗（生育）保险实施办法
//! (`shared/seeds/000_f8c7f1d4db53115f.txt`, cited as "000") and 资府办规〔2022〕8号
//! 门诊共济保障机制实施细则 (`shared/seeds/004_2c8293d1e6c42930.txt`, cited as "004"),
//! against `scenarios/ziyang.toml` and the contract `shared/spec/adjudication.md`.
//!
//! Every expected value below was worked out by hand from the texts and the
//! contract, not copied from the engine. Conventions used throughout:
//!
//! * scope = total − out_of_scope − self-pay-first (contract, "Terms"); the
//!   engine itself adds to out_of_scope the part of a material's unit price
//!   above 60,000 and the part of a bed fee above the standard.
//! * inpatient fund = (scope − deductible) × ratio (000 第十八条: 住院合格费用);
//!   member = bill − fund − catastrophic.
//! * Amounts are rounded half-up to the fen once per claim and payer; the
//!   intermediate steps are exact. Accumulators run on the rounded amounts
//!   (contract reading 14).
//! * Where caps or thresholds matter, `context.avg_wage` is given explicitly
//!   so that no test depends on the scenario's assumed average wage.
//! * Year 2023 throughout (both texts are in force from 2023-01-01 for five
//!   years, 000 第四十三条, 004 第二十五条).

mod claim_kinds;
mod scope_memo;

use crate::common::*;

use medfund_rules::member_year::{Account, Category, Employer};
use medfund_rules::scenario::Scheme;

// ------------------------------------------------------------ self-pay-first

/// 000_f8c7f1d4db53115f.txt 第十二条（一）2: 支付部分费用的诊疗项目 300 元（含）以下
/// 10%, 300 至 1000 元（含）20%. Contract reading 1: the tier's ratio applies to
/// the whole unit price. An item of exactly 300.00 is in the 10% tier; one of
/// 300.01 takes 20% on all of its price. 第十八条（一）1 / （二）1: an in-service
/// employee's first local admission at a 三级甲等 hospital, deductible 1,000,
/// ratio 80%.
#[test]
fn partial_item_at_300_and_at_300_01() {
    // Item 300.00: self-pay-first = 300 × 10% = 30
    //   scope = 5,000 − 30 = 4,970
    //   fund = (4,970 − 1,000) × 80% = 3,176;  member = 5,000 − 3,176 = 1,824
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 40},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 5000, "partial_items": [300]}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3176", "0", "0", "1824")]);

    // Item 300.01: self-pay-first = 300.01 × 20% = 60.002
    //   scope = 5,000 − 60.002 = 4,939.998
    //   fund = (4,939.998 − 1,000) × 80% = 3,151.9984 → 3,152.00
    //   member = 5,000 − 3,152.00 = 1,848.00
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 40},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 5000, "partial_items": [300.01]}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3152.00", "0", "0", "1848.00")]);
}

/// 000_f8c7f1d4db53115f.txt 第十二条（一）1–2: 乙类药品 10%; items 300（含）10%,
/// 300–1000（含）20%, 1000–3000（含）30%, above 3000 40%, each on the whole unit
/// price (contract reading 1). Every tier edge is tried from both sides in one
/// admission. 第十八条: employee, 3A local, first admission, 1,000 / 80%.
#[test]
fn partial_item_tiers_at_every_edge_with_class_b() {
    // class B 2,000 × 10%                = 200
    // items:  300.00 × 10% =    30
    //         300.01 × 20% =    60.002
    //       1,000.00 × 20% =   200
    //       1,000.01 × 30% =   300.003
    //       3,000.00 × 30% =   900
    //       3,000.01 × 40% = 1,200.004   → items 2,690.009
    // self-pay-first = 200 + 2,690.009 = 2,890.009
    // scope = 20,000 − 500 − 2,890.009 = 16,609.991
    // fund = (16,609.991 − 1,000) × 80% = 12,487.9928 → 12,487.99
    // member = 20,000 − 12,487.99 = 7,512.01
    // (top-up: burden 16,609.991 − 12,487.99 ≈ 4,122 < threshold 40,000: none)
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000, "out_of_scope": 500,
         "class_b_drugs": 2000, "partial_items": [300, 300.01, 1000, 1000.01, 3000, 3000.01]}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("12487.99", "0", "0", "7512.01")]);
}

/// 000_f8c7f1d4db53115f.txt 第十二条（一）3: 医用材料 单件价 500（含）以下 10%,
/// 500–3000（含）20%, 3000–10000（含）30%, 10000–30000（含）40%,
/// 30000–60000（含）50%; 未限价的医用材料 单价超过 60000 元以上的部分由个人全额自费,
/// 60000 元以内的部分先按个人先行自付比例自付. Contract reading 1: whole unit price
/// at its tier's ratio; the part above 60,000 is out of scope (worked out by the
/// engine from `materials`, not given in `out_of_scope`). 第十八条: employee,
/// 二级甲等 local, first admission, deductible 600, ratio 85%.
#[test]
fn material_tiers_and_the_part_above_60000() {
    // materials:    500.00 × 10% =     50
    //               500.01 × 20% =    100.002
    //             3,000.00 × 20% =    600
    //             3,000.01 × 30% =    900.003
    //            10,000.00 × 30% =  3,000
    //            10,000.01 × 40% =  4,000.004
    //            30,000.00 × 40% = 12,000
    //            30,000.01 × 50% = 15,000.005
    //            60,000.00 × 50% = 30,000
    //            80,000.00: 20,000 above the ceiling is out of scope,
    //                       60,000 × 50% = 30,000
    // self-pay-first = 95,650.014; extra out of scope = 20,000
    // scope = 250,000 − 2,000 − 20,000 − 95,650.014 = 132,349.986
    // fund = (132,349.986 − 600) × 85% = 111,987.4881 → 111,987.49
    // member = 250,000 − 111,987.49 = 138,012.51
    // top-up: burden 132,349.986 − 111,987.49 = 20,362.496 < 50% × 100,000: none
    let json = r#"{"year": 2023, "context": {"avg_wage": 100000},
      "member": {"category": "employee", "sex": "M", "age": 45},
      "claims": [
        {"type": "inpatient", "level": "2A", "place": "local", "total": 250000, "out_of_scope": 2000,
         "materials": [500, 500.01, 3000, 3000.01, 10000, 10000.01, 30000, 30000.01, 60000, 80000]}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("111987.49", "0", "0", "138012.51")]);
}

// ------------------------------------------------------------ bed fees

/// 000_f8c7f1d4db53115f.txt 第十二条（二）: bed-fee standards 一级以下 12/20, 一级
/// 15/30, 二级 20/40, 三级 25/50 (general / isolation and rescue) a day. The part
/// of the daily fee above the standard is outside the fund's payment (paid in
/// full by the member); 实际住院床位费未达到支付标准的, 按实际发生的床位费进行比例支付.
/// `bed` is part of `total` and not of `out_of_scope`; the engine moves the
/// excess out of scope. Each case is a first local admission of an employee.
#[test]
fn bed_fees_above_and_below_the_standard() {
    // 3A general, 10 days at 40 (standard 25): excess (40 − 25) × 10 = 150
    //   scope = 10,000 − 500 − 150 = 9,350
    //   fund = (9,350 − 1,000) × 80% = 6,680;  member = 10,000 − 6,680 = 3,320
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 38},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000, "out_of_scope": 500,
         "bed": {"days": 10, "per_day": 40, "kind": "general"}}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("6680", "0", "0", "3320")]);

    // 2B general, 10 days at 15 (standard 20): below the standard, the actual
    //   150 counts in full, no excess.
    //   scope = 10,000 − 500 = 9,500
    //   fund = (9,500 − 400) × 85% = 7,735;  member = 2,265
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 38},
      "claims": [
        {"type": "inpatient", "level": "2B", "place": "local", "total": 10000, "out_of_scope": 500,
         "bed": {"days": 10, "per_day": 15, "kind": "general"}}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("7735", "0", "0", "2265")]);

    // Level 1 isolation, 4 days at 45 (standard 30): excess 15 × 4 = 60
    //   scope = 3,000 − 60 = 2,940
    //   fund = (2,940 − 200) × 90% = 2,466;  member = 534
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 38},
      "claims": [
        {"type": "inpatient", "level": "1", "place": "local", "total": 3000,
         "bed": {"days": 4, "per_day": 45, "kind": "isolation"}}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2466", "0", "0", "534")]);
}

// ------------------------------------------------------------ deductibles

/// 000_f8c7f1d4db53115f.txt 第十八条（一）1 本地 column: 一级以下 100, 一级 200,
/// 二级乙等 400, 二级甲等 600, 三级乙等 800, 三级甲等 1000; （一）3 每次递减 50 元
/// (contract reading 4: the nth admission −50 × (n − 1)); （二）1 在职 本地 95 / 90
/// / 85 / 80%. Six admissions of one employee in one year, one per level.
#[test]
fn local_deductibles_by_level_with_repeat_admissions() {
    // n  level    deductible           ratio  fund on a 10,000 bill           member
    // 1  unrated  100                  95%    (10,000 − 100) × 95% = 9,405       595
    // 2  1        200 − 50  = 150      90%    (10,000 − 150) × 90% = 8,865     1,135
    // 3  2B       400 − 100 = 300      85%    (10,000 − 300) × 85% = 8,245     1,755
    // 4  2A       600 − 150 = 450      85%    (10,000 − 450) × 85% = 8,117.50  1,882.50
    // 5  3B       800 − 200 = 600      80%    (10,000 − 600) × 80% = 7,520     2,480
    // 6  3A       1000 − 250 = 750     80%    (10,000 − 750) × 80% = 7,400     2,600
    // top-up: Σ burden = 10,447.50 < 40,000: none
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "unrated", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "1", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "3B", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("9405", "0", "0", "595"),
            paid("8865", "0", "0", "1135"),
            paid("8245", "0", "0", "1755"),
            paid("8117.50", "0", "0", "1882.50"),
            paid("7520", "0", "0", "2480"),
            paid("7400", "0", "0", "2600"),
        ]
    );
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）1 异地 column: 300 / 400 / 600 / 800 /
/// 1000 / 1200; （二）1 在职 异地 75 / 70 / 65 / 60%. Contract reading 7:
/// `nonlocal_self` (went elsewhere on one's own, not filed) takes the 异地 terms.
/// Repeat admissions −50 each (reading 4).
#[test]
fn nonlocal_self_deductibles_and_ratios_by_level() {
    // n  level    deductible           ratio  fund on a 10,000 bill           member
    // 1  unrated  300                  75%    (10,000 − 300) × 75% = 7,275     2,725
    // 2  1        400 − 50  = 350      70%    (10,000 − 350) × 70% = 6,755     3,245
    // 3  2B       600 − 100 = 500      65%    (10,000 − 500) × 65% = 6,175     3,825
    // 4  2A       800 − 150 = 650      65%    (10,000 − 650) × 65% = 6,077.50  3,922.50
    // 5  3B       1000 − 200 = 800     60%    (10,000 − 800) × 60% = 5,520     4,480
    // 6  3A       1200 − 250 = 950     60%    (10,000 − 950) × 60% = 5,430     4,570
    // top-up: Σ burden = 22,767.50 < 40,000: none
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "unrated", "place": "nonlocal_self", "total": 10000},
        {"type": "inpatient", "level": "1", "place": "nonlocal_self", "total": 10000},
        {"type": "inpatient", "level": "2B", "place": "nonlocal_self", "total": 10000},
        {"type": "inpatient", "level": "2A", "place": "nonlocal_self", "total": 10000},
        {"type": "inpatient", "level": "3B", "place": "nonlocal_self", "total": 10000},
        {"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("7275", "0", "0", "2725"),
            paid("6755", "0", "0", "3245"),
            paid("6175", "0", "0", "3825"),
            paid("6077.50", "0", "0", "3922.50"),
            paid("5520", "0", "0", "4480"),
            paid("5430", "0", "0", "4570"),
        ]
    );
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）2 退休人员 −200; （一）3 每次递减 50; （一）4
/// 经降低或递减后每次住院起付线不得低于 100 元 (contract reading 4: the decrement is
/// taken before the floor); （二）2 退休 +5 points. A retiree aged 65.
#[test]
fn retiree_deductible_repeat_decrement_and_100_floor() {
    // n  level    deductible                        ratio        fund on 2,000            member
    // 1  2B       400 − 200        = 200            85 + 5 = 90%  (2,000 − 200) × 90% = 1,620  380
    // 2  2B       400 − 200 − 50   = 150            90%           (2,000 − 150) × 90% = 1,665  335
    // 3  2B       400 − 200 − 100  = 100            90%           (2,000 − 100) × 90% = 1,710  290
    // 4  2B       400 − 200 − 150  =  50 → floor 100  90%         1,710                        290
    // 5  unrated  100 − 200 − 200  < 0 → floor 100  95 + 5 = 100% (2,000 − 100) × 100% = 1,900 100
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "F", "age": 65},
      "claims": [
        {"type": "inpatient", "level": "2B", "place": "local", "total": 2000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 2000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 2000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 2000},
        {"type": "inpatient", "level": "unrated", "place": "local", "total": 2000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("1620", "0", "0", "380"),
            paid("1665", "0", "0", "335"),
            paid("1710", "0", "0", "290"),
            paid("1710", "0", "0", "290"),
            paid("1900", "0", "0", "100"),
        ]
    );
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）2: retirees' 本地 and 异地 deductibles are
/// each 200 lower: 3A local 1000 − 200 = 800, 3A 异地 1200 − 200 = 1000. 第十八条
/// （二）2: retiree ratio = in-service + 5 points (local 85%, 异地 65%).
/// Contract reading 7: `nonlocal_self_cross_province` also takes the 异地 terms.
#[test]
fn retiree_local_and_nonlocal_first_admissions() {
    // Local 3A: (10,000 − 800) × 85% = 7,820;  member 2,180
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 64},
      "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 10000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("7820", "0", "0", "2180")]);

    // Cross-province on one's own, 3A: (10,000 − 1,000) × 65% = 5,850;  member 4,150
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 64},
      "claims": [{"type": "inpatient", "level": "3A", "place": "nonlocal_self_cross_province", "total": 10000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("5850", "0", "0", "4150")]);
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）5: 第一类特殊疾病 … 患者一个自然年度内多次住院的,
/// 只计算年度第一次住院起付线 (contract reading 5). 第十七条（一）: 第一类视同住院, 不设
/// 起付线, 按住院有关规定结算支付 — a class-1 special-outpatient claim has no
/// deductible and is not an admission, so the first inpatient admission after
/// it still pays its deductible. 第十八条（二）3: class 1 +5 points.
#[test]
fn class1_special_disease_first_admission_only_and_outpatient_as_inpatient() {
    // 1. Special outpatient, class 1, 3A: class B 1,000 → self-pay-first 100
    //    scope = 5,000 − 100 = 4,900; no deductible; ratio 80 + 5 = 85%
    //    fund = 4,900 × 85% = 4,165;  member = 835
    // 2. Inpatient 3A local, the year's first admission: deductible 1,000
    //    fund = (20,000 − 1,000) × 85% = 16,150;  member = 3,850
    // 3. Inpatient 2A local, second admission: no deductible (first-only)
    //    ratio 85 + 5 = 90%;  fund = 10,000 × 90% = 9,000;  member = 1,000
    // top-up: Σ burden = 735 + 3,850 + 1,000 = 5,585 < 40,000: none
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 50, "special_disease_class": 1},
      "claims": [
        {"type": "special_outpatient", "level": "3A", "total": 5000, "class_b_drugs": 1000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("4165", "0", "0", "835"), paid("16150", "0", "0", "3850"), paid("9000", "0", "0", "1000"),]
    );
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）5: 年满80周岁以上的老年患者 … 只计算年度第一次
/// 住院起付线 (contract reading 5); （一）2 retiree −200; （二）2 retiree +5 and
/// 年满70周岁以上 a further +5. At 79 the second admission pays its reduced
/// deductible; at 80 it pays none.
#[test]
fn age_80_pays_only_the_first_deductible() {
    // Age 82, retiree:
    //  1. 3A: deductible 1,000 − 200 = 800; ratio 80 + 5 + 5 = 90%
    //     fund = (10,000 − 800) × 90% = 8,280;  member 1,720
    //  2. 2A: no deductible; ratio 85 + 5 + 5 = 95%
    //     fund = 10,000 × 95% = 9,500;  member 500
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 82},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("8280", "0", "0", "1720"), paid("9500", "0", "0", "500")]);

    // Age 79, retiree: the second admission pays 600 − 200 − 50 = 350
    //     fund = (10,000 − 350) × 95% = 9,167.50;  member 832.50
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 79},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("8280", "0", "0", "1720"), paid("9167.50", "0", "0", "832.50")]);
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）6: a referral completed within 24 hours
/// is one continuous admission; 转入上级 … 住院起付线负担差额部分; 转入下级 … 不再设置
/// 住院起付线. Contract reading 4: a transfer does not count as a new admission;
/// "up" pays the new level's reduced deductible minus what was already charged.
#[test]
fn transfers_within_24_hours_up_and_down() {
    // 1. 3A, 1st admission: deductible 1,000
    //    fund = (20,000 − 1,000) × 80% = 15,200;  member 4,800
    // 2. 2B, 2nd admission: deductible 400 − 50 = 350
    //    fund = (10,000 − 350) × 85% = 8,202.50;  member 1,797.50
    // 3. transfer up to 3A (still the 2nd admission): 3A's reduced deductible
    //    1,000 − 50 = 950, minus the 350 already charged = 600
    //    fund = (30,000 − 600) × 80% = 23,520;  member 6,480
    // 4. transfer down to 2A: no deductible
    //    fund = 8,000 × 85% = 6,800;  member 1,200
    // 5. a new admission at level 1 is the 3rd: 200 − 100 = 100 (at the floor)
    //    fund = (5,000 − 100) × 90% = 4,410;  member 590
    // top-up: Σ burden = 14,867.50 < 40,000: none
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 40},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000},
        {"type": "inpatient", "level": "2B", "place": "local", "total": 10000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 30000, "transfer": "up"},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 8000, "transfer": "down"},
        {"type": "inpatient", "level": "1", "place": "local", "total": 5000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("15200", "0", "0", "4800"),
            paid("8202.50", "0", "0", "1797.50"),
            paid("23520", "0", "0", "6480"),
            paid("6800", "0", "0", "1200"),
            paid("4410", "0", "0", "590"),
        ]
    );
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）6, the edges of contract reading 4:
/// 视为连续住院 needs an admission to continue, so a `transfer` on the year's
/// first claim is a new admission with its full deductible; 负担差额部分 is
/// never negative (a higher level's deductible below what was charged, as
/// 一级以下 异地 300 → 一级 本地 200, charges nothing); a stay moved down and
/// back up has been charged the top level's deductible already.
#[test]
fn transfers_within_24_hours_at_their_edges() {
    // A transfer up as the year's first claim: 2A local, 1st admission,
    // deductible 600 (第十八条（一）1)
    //     fund = (10,000 − 600) × 85% = 7,990;  member 2,010
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [{"type": "inpatient", "level": "2A", "place": "local", "total": 10000, "transfer": "up"}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("7990", "0", "0", "2010")]);

    // 1. 一级以下, 异地 on own initiative (第三十四条: 异地 terms): deductible 300,
    //    ratio 75% (第十八条（二）1)
    //    fund = (3,000 − 300) × 75% = 2,025;  member 975
    // 2. transfer up to 一级 local within 24 h: 200 − 300 < 0 → 0; ratio 90%
    //    fund = 4,000 × 90% = 3,600;  member 400
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "unrated", "place": "nonlocal_self", "total": 3000},
        {"type": "inpatient", "level": "1", "place": "local", "total": 4000, "transfer": "up"}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2025", "0", "0", "975"), paid("3600", "0", "0", "400")]);

    // 1. 3A local, 1st admission: 1,000
    //    fund = (20,000 − 1,000) × 80% = 15,200;  member 4,800
    // 2. down to 2A: no deductible;  fund = 6,000 × 85% = 5,100;  member 900
    // 3. back up to 3A: 1,000 − 1,000 already charged on the stay = 0
    //    fund = 10,000 × 80% = 8,000;  member 2,000
    // 4. a new admission, the year's 2nd, at 2A: 600 − 50 = 550 (第十八条（一）3)
    //    fund = (5,000 − 550) × 85% = 3,782.50;  member 1,217.50
    // top-up: Σ burden 8,917.50 < 40,000 (50% of 80,000, 第二十七条): none
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 6000, "transfer": "down"},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000, "transfer": "up"},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 5000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("15200", "0", "0", "4800"),
            paid("5100", "0", "0", "900"),
            paid("8000", "0", "0", "2000"),
            paid("3782.50", "0", "0", "1217.50"),
        ]
    );
}

// ------------------------------------------------------------ ratios and places

/// 000_f8c7f1d4db53115f.txt 第十八条（二）1–3 and contract reading 6: in-service
/// (employees and flexible workers) 3A local 80%; retirees +5; aged 70 or over the
/// retiree ratio +5 whatever the category; class-1 special disease +5; 总支付比例
/// 不超过100%. Deductibles from 第十八条（一）: retirees −200 with the 100 floor;
/// a 71-year-old employee is not a retiree and keeps the full deductible.
#[test]
fn inpatient_ratios_by_group_capped_at_100() {
    let one = |member: &str, level: &str| {
        format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 80000}}, "member": {member},
              "claims": [{{"type": "inpatient", "level": "{level}", "place": "local", "total": 10000}}]}}"#
        )
    };
    // Employee, 45, 3A: (10,000 − 1,000) × 80% = 7,200;  member 2,800
    let m = r#"{"category": "employee", "sex": "F", "age": 45}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("7200", "0", "0", "2800")]);
    // Flexible worker, 45, past the waiting period: in-service terms, 7,200
    let m = r#"{"category": "flexible", "sex": "F", "age": 45, "months_contributed": 60}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("7200", "0", "0", "2800")]);
    // Retiree, 65, 3A: (10,000 − 800) × 85% = 7,820;  member 2,180
    let m = r#"{"category": "retiree", "sex": "F", "age": 65}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("7820", "0", "0", "2180")]);
    // Retiree, 72, 3A: (10,000 − 800) × 90% = 8,280;  member 1,720
    let m = r#"{"category": "retiree", "sex": "F", "age": 72}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("8280", "0", "0", "1720")]);
    // Employee (not retired), 71, 3A: deductible 1,000; ratio 80 + 5 + 5 = 90%
    //   (10,000 − 1,000) × 90% = 8,100;  member 1,900
    let m = r#"{"category": "employee", "sex": "M", "age": 71}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("8100", "0", "0", "1900")]);
    // Employee, 50, class 1, 3A: 80 + 5 = 85%: 9,000 × 85% = 7,650;  member 2,350
    let m = r#"{"category": "employee", "sex": "M", "age": 50, "special_disease_class": 1}"#;
    assert_eq!(run("ziyang", &one(m, "3A")), vec![paid("7650", "0", "0", "2350")]);
    // Retiree, 75, class 1, unrated: deductible 100 − 200 → floor 100;
    //   ratio 95 + 5 + 5 + 5 = 110% → 100%: 10,000 − 100 = 9,900;  member 100
    let m = r#"{"category": "retiree", "sex": "M", "age": 75, "special_disease_class": 1}"#;
    assert_eq!(run("ziyang", &one(m, "unrated")), vec![paid("9900", "0", "0", "100")]);
}

/// 000_f8c7f1d4db53115f.txt 第三十四条 and contract reading 7: filed long-term
/// residents or workers elsewhere (（一）), temporary emergencies (（二）) and
/// referrals (（三）) are settled on local terms; `nonlocal_self` takes the 异地
/// deductible and ratio of 第十八条. Employee, 3A, first admission, 10,000.
#[test]
fn places_filed_referral_emergency_on_local_terms() {
    let one = |place: &str| {
        format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 80000}},
              "member": {{"category": "employee", "sex": "F", "age": 45}},
              "claims": [{{"type": "inpatient", "level": "3A", "place": "{place}", "total": 10000}}]}}"#
        )
    };
    // local terms: (10,000 − 1,000) × 80% = 7,200;  member 2,800
    for place in ["local", "nonlocal_filed", "nonlocal_referral", "nonlocal_emergency"] {
        assert_eq!(run("ziyang", &one(place)), vec![paid("7200", "0", "0", "2800")], "{place}");
    }
    // 异地: (10,000 − 1,200) × 60% = 5,280;  member 4,720
    assert_eq!(run("ziyang", &one("nonlocal_self")), vec![paid("5280", "0", "0", "4720")]);
    // A claim without `place` is local (reading 7)
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [{"type": "inpatient", "level": "3A", "total": 10000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("7200", "0", "0", "2800")]);
}

/// Output rule of the contract: each payer rounded half-up to the fen once per
/// claim. 000 第十八条: employee, 2A local, first admission, 600 / 85%.
#[test]
fn fund_rounds_half_up_to_the_fen() {
    // fund = (1,600.10 − 600) × 85% = 1,000.10 × 0.85 = 850.085 → 850.09
    // member = 1,600.10 − 850.09 = 750.01
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [{"type": "inpatient", "level": "2A", "place": "local", "total": 1600.10}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("850.09", "0", "0", "750.01")]);
}

// ------------------------------------------------------------ annual cap

/// 000_f8c7f1d4db53115f.txt 第十二条（四）: 普通门诊费用统筹、特殊疾病门诊、住院、
/// 单行支付药品 are added together against one yearly cap of 6 × the average wage
/// (contract reading 8; 004 第十一条 for outpatient pooling; 第二十条（一）2 for
/// single-payment drugs). Maternity is not in the list and is paid after the cap
/// is reached. avg_wage 10,000 → cap 60,000, top-up threshold 5,000 (第二十七条).
#[test]
fn annual_cap_shared_across_benefits_but_not_maternity() {
    // 1. outpatient 3A: (4,200 − 200) × 50% = 2,000 (= the 2,000 limit)
    //    member 2,200;                                   cap used 2,000
    // 2. special outpatient class 2: 4,000 × 75% = 3,000 (= the 3,000 limit)
    //    member 1,000;                                   cap used 5,000
    // 3. single-payment drug: 50,000 × 70% = 35,000; member 15,000
    //                                                    cap used 40,000
    // 4. inpatient 3A local, 1st admission: (30,000 − 1,000) × 80% = 23,200,
    //    cut to the 20,000 left under the cap;           cap used 60,000
    //    top-up: burden 30,000 − 20,000 = 10,000; (10,000 − 5,000) × 70% = 3,500
    //    member = 30,000 − 20,000 − 3,500 = 6,500
    // 5. natural childbirth (not under the cap): medical min(3,500, 4,000) =
    //    3,500, prenatal min(600, 500) = 500 → fund 4,000; member 500;
    //    allowance 6,000 ÷ 30 × 158 = 31,600
    // 6. inpatient 3A, 2nd admission: cap reached → fund 0
    //    top-up: burden 10,000 (all of scope), cumulative 20,000, all above the
    //    threshold: 10,000 × 70% = 7,000;  member 3,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 10000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 32, "special_disease_class": 2},
      "claims": [
        {"type": "outpatient", "level": "3A", "total": 4200},
        {"type": "special_outpatient", "level": "3A", "total": 4000},
        {"type": "single_payment_drug", "total": 50000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 30000},
        {"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A", "medical_cost": 4000,
         "prenatal_cost": 500},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("2000", "0", "0", "2200"),
            paid("3000", "0", "0", "1000"),
            paid("35000", "0", "0", "15000"),
            paid("20000", "3500", "0", "6500"),
            paid("4000", "0", "31600", "500"),
            paid("0", "7000", "0", "3000"),
        ]
    );
}

// ------------------------------------------------------------ outpatient pooling

/// 004_2c8293d1e6c42930.txt 第八条（一） (also 000 第十六条): yearly deductible 200
/// (in service), ratio 三级 and 零售药店 50%, 二级及以下 60%, yearly limit 2,000 for
/// a combined-account employee. The deductible is consumed across claims.
/// Self-pay-first of class B 10% (000 第十二条（一）1).
#[test]
fn outpatient_pooling_employee_deductible_across_claims_and_limit() {
    // 1. 3A 150: all of it goes to the deductible (50 left); fund 0; member 150
    // 2. 2A 1,000, class B 200 → self-pay-first 20, scope 980;
    //    (980 − 50) × 60% = 558;  member 442                 used 558
    // 3. pharmacy 500: 500 × 50% = 250;  member 250           used 808
    // 4. 3A 3,000: 1,500, cut to 2,000 − 808 = 1,192;  member 1,808
    // 5. level 1, 100: limit reached → 0;  member 100
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 35},
      "claims": [
        {"type": "outpatient", "level": "3A", "total": 150},
        {"type": "outpatient", "level": "2A", "total": 1000, "class_b_drugs": 200},
        {"type": "outpatient", "level": "pharmacy", "total": 500},
        {"type": "outpatient", "level": "3A", "total": 3000},
        {"type": "outpatient", "level": "1", "total": 100}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("0", "0", "0", "150"),
            paid("558", "0", "0", "442"),
            paid("250", "0", "0", "250"),
            paid("1192", "0", "0", "1808"),
            paid("0", "0", "0", "100"),
        ]
    );
}

/// 004_2c8293d1e6c42930.txt 第八条（一）: retirees' deductible 150, ratios +10
/// points (三级 60%, 二级及以下 70%), limit 2,500 (combined account); 单建统筹
/// (pooling-only) limits 800 in service and 1,000 retired, 其他待遇与统账结合参保人员
/// 一致 (so the same deductible and ratios).
#[test]
fn outpatient_pooling_retiree_and_pooling_only_limits() {
    // Retiree, combined:
    // 1. 3A 1,150: (1,150 − 150) × 60% = 600;  member 550
    // 2. unrated 3,000: 3,000 × 70% = 2,100, cut to 2,500 − 600 = 1,900;  member 1,100
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "account": "combined", "sex": "F", "age": 66},
      "claims": [
        {"type": "outpatient", "level": "3A", "total": 1150},
        {"type": "outpatient", "level": "unrated", "total": 3000}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("600", "0", "0", "550"), paid("1900", "0", "0", "1100")]);

    // Employee (not retired) aged 72: the +10 points are for 退休人员 only
    //   pharmacy 1,200: (1,200 − 200) × 50% = 500;  member 700
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 72},
      "claims": [{"type": "outpatient", "level": "pharmacy", "total": 1200}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("500", "0", "0", "700")]);

    // Retiree at a pharmacy: 50 + 10 = 60%: (1,150 − 150) × 60% = 600;  member 550
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "M", "age": 72},
      "claims": [{"type": "outpatient", "level": "pharmacy", "total": 1150}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("600", "0", "0", "550")]);

    // Employee, pooling-only: 2A 2,000: (2,000 − 200) × 60% = 1,080 → limit 800;
    //   member 1,200
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "account": "pooling_only", "sex": "F", "age": 40},
      "claims": [{"type": "outpatient", "level": "2A", "total": 2000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("800", "0", "0", "1200")]);

    // Retiree, pooling-only: 3A 3,000: (3,000 − 150) × 60% = 1,710 → limit 1,000;
    //   member 2,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "account": "pooling_only", "sex": "F", "age": 66},
      "claims": [{"type": "outpatient", "level": "3A", "total": 3000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("1000", "0", "0", "2000")]);
}

// ------------------------------------------------------------ special outpatient

/// 000_f8c7f1d4db53115f.txt 第十七条（一）（二）: classes 2 and 3 at 75% of the
/// in-scope cost after self-pay-first, no deductible, yearly limit on the fund's
/// payment 3,000 (class 2) / 2,000 (class 3), shared across the year's claims
/// (contract reading 10); 每增加一个病种, 支付限额 … 增加20%的额度.
#[test]
fn special_outpatient_class2_and_class3_limits() {
    // Class 2, one disease, limit 3,000:
    // 1. 2,000 with class B 500 → self-pay-first 50, scope 1,950
    //    1,950 × 75% = 1,462.50;  member 537.50
    // 2. 3,000 × 75% = 2,250, cut to 3,000 − 1,462.50 = 1,537.50;  member 1,462.50
    // 3. 100: limit reached → 0;  member 100
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 55, "special_disease_class": 2,
                 "special_disease_count": 1},
      "claims": [
        {"type": "special_outpatient", "level": "2A", "total": 2000, "class_b_drugs": 500},
        {"type": "special_outpatient", "level": "3A", "total": 3000},
        {"type": "special_outpatient", "level": "3A", "total": 100}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("1462.50", "0", "0", "537.50"), paid("1537.50", "0", "0", "1462.50"), paid("0", "0", "0", "100"),]
    );

    // Class 2, two diseases: limit 3,000 + 20% × 3,000 = 3,600
    //   5,000 × 75% = 3,750 → 3,600;  member 1,400
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 55, "special_disease_class": 2,
                 "special_disease_count": 2},
      "claims": [{"type": "special_outpatient", "level": "3A", "total": 5000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3600", "0", "0", "1400")]);

    // Class 3, three diseases: limit 2,000 + 2 × 20% × 2,000 = 2,800
    //   4,000 × 75% = 3,000 → 2,800;  member 1,200
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "retiree", "sex": "F", "age": 68, "special_disease_class": 3,
                 "special_disease_count": 3},
      "claims": [{"type": "special_outpatient", "level": "2B", "total": 4000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2800", "0", "0", "1200")]);
}

// ------------------------------------------------------------ single-payment drugs

/// 000_f8c7f1d4db53115f.txt 第二十条（一）: 单行支付药品 不计起付线, 统筹基金按70%支付;
/// 一个自然年度内 … 支付限额为20万元, 计入 … 年度最高支付限额 (cap 6 × 80,000 =
/// 480,000 is not reached here).
#[test]
fn single_payment_drugs_70_percent_and_200000_limit() {
    // 1. 100,000, 10,000 out of scope: 90,000 × 70% = 63,000;  member 37,000
    // 2. 200,000: 140,000, cut to 200,000 − 63,000 = 137,000;  member 63,000
    // 3. 10,000: limit reached → 0;  member 10,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 52},
      "claims": [
        {"type": "single_payment_drug", "total": 100000, "out_of_scope": 10000},
        {"type": "single_payment_drug", "total": 200000},
        {"type": "single_payment_drug", "total": 10000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("63000", "0", "0", "37000"), paid("137000", "0", "0", "63000"), paid("0", "0", "0", "10000"),]
    );
}

// ------------------------------------------------------------ maternity

/// 000_f8c7f1d4db53115f.txt 第二十四条（一）: 生育津贴 = 月平均缴费基数 ÷ 30 × days;
/// 顺产 158 days, 难产（剖宫）+15. （二）: 顺产 3,500, 难产/剖宫 5,500, paid up to
/// the amount (fixed amount or cost, the lower: contract reading 12). （三）:
/// 妊娠检查费 up to 600. 第二十三条: allowance after 12 months of contributions.
#[test]
fn childbirth_natural_and_caesarean_with_allowance() {
    // Natural: medical min(3,500, 4,200) = 3,500; prenatal min(600, 800) = 600
    //   fund 4,100; member = 4,200 + 800 − 4,100 = 900
    //   allowance = 7,000 ÷ 30 × 158 = 36,866.666… → 36,866.67
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 7000},
      "member": {"category": "employee", "sex": "F", "age": 30, "employer": "enterprise", "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                  "medical_cost": 4200, "prenatal_cost": 800}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("4100", "0", "36866.67", "900")]);

    // Caesarean: medical min(5,500, 5,000) = 5,000; prenatal 400 → 400
    //   fund 5,400; member 0
    //   allowance = 7,000 ÷ 30 × (158 + 15) = 40,366.666… → 40,366.67
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 7000},
      "member": {"category": "employee", "sex": "F", "age": 30, "employer": "enterprise", "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 5000, "prenatal_cost": 400}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("5400", "0", "40366.67", "0")]);

    // Difficult vaginal (臀位, breech): 难产 5,500 and 173 days
    //   medical 6,000 → 5,500; no prenatal; member 500
    //   allowance = 6,000 ÷ 30 × 173 = 34,600
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 30, "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "difficult", "babies": 1, "level": "3A",
                  "medical_cost": 6000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("5500", "0", "34600", "500")]);
}

/// 000_f8c7f1d4db53115f.txt 第二十四条: 多胎 is 难产 (5,500, +15 days) and 多胞胎生育
/// 每多一婴增加15天 (contract reading 11: multiples take both).
#[test]
fn childbirth_twins_and_triplets() {
    // Twins, natural delivery: medical 7,000 → 5,500; prenatal 600 → 600
    //   fund 6,100; member = 7,600 − 6,100 = 1,500
    //   days 158 + 15 + 15 = 188; allowance 7,000 ÷ 30 × 188 = 43,866.666… → 43,866.67
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 7000},
      "member": {"category": "employee", "sex": "F", "age": 31, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 2, "level": "3A",
                  "medical_cost": 7000, "prenatal_cost": 600}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("6100", "0", "43866.67", "1500")]);

    // Triplets, caesarean: medical 9,000 → 5,500; member 3,500
    //   days 158 + 15 + 2 × 15 = 203; allowance 6,000 ÷ 30 × 203 = 40,600
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "F", "age": 31, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 3, "level": "3A",
                  "medical_cost": 9000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("5500", "0", "40600", "3500")]);
}

/// 000_f8c7f1d4db53115f.txt 第二十四条（一）（二）: 流产或引产 不满4个月 1,000 and 15
/// days; 满4个月不满7个月 1,200 and 42 days; 妊娠满7个月以上流产 158 days, settled as
/// a natural delivery (contract reading 11, 3,500). Months are completed months.
/// Contract reading 15: member = medical_cost − fund.
#[test]
fn pregnancy_terminations_by_months() {
    let one = |months: u32, cost: u32| {
        format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 80000, "employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 28, "months_contributed": 24}},
              "claims": [{{"type": "pregnancy_termination", "months": {months}, "level": "2A",
                          "medical_cost": {cost}}}]}}"#
        )
    };
    // 3 months: medical min(1,000, 1,500) = 1,000; member 500
    //   allowance 6,000 ÷ 30 × 15 = 3,000
    assert_eq!(run("ziyang", &one(3, 1500)), vec![paid("1000", "0", "3000", "500")]);
    // 4 months: medical min(1,200, 1,000) = 1,000; member 0
    //   allowance 6,000 ÷ 30 × 42 = 8,400
    assert_eq!(run("ziyang", &one(4, 1000)), vec![paid("1000", "0", "8400", "0")]);
    // 6 months: medical min(1,200, 2,000) = 1,200; member 800; allowance 8,400
    assert_eq!(run("ziyang", &one(6, 2000)), vec![paid("1200", "0", "8400", "800")]);
    // 7 months: as a natural delivery, min(3,500, 4,000) = 3,500; member 500
    //   allowance 6,000 ÷ 30 × 158 = 31,600
    assert_eq!(run("ziyang", &one(7, 4000)), vec![paid("3500", "0", "31600", "500")]);
}

/// 000_f8c7f1d4db53115f.txt 第二十三条: 连续不间断足额缴纳生育保险费满12个月的可享受
/// 生育津贴; 第二十四条（一）: 财政供养的机关事业单位人员不享受生育津贴. The medical
/// lump sum is paid in both cases (待遇享受期与职工基本医疗保险待遇期同步).
#[test]
fn maternity_allowance_12_months_and_fiscal_employer() {
    let one = |employer: &str, months: u32| {
        format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 80000, "employer_avg_monthly_wage": 6000}},
              "member": {{"category": "employee", "sex": "F", "age": 29, "employer": "{employer}",
                         "months_contributed": {months}}},
              "claims": [{{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                          "medical_cost": 3000, "prenatal_cost": 300}}]}}"#
        )
    };
    // medical min(3,500, 3,000) = 3,000; prenatal 300 → fund 3,300; member 0
    // 11 months: no allowance
    assert_eq!(run("ziyang", &one("enterprise", 11)), vec![paid("3300", "0", "0", "0")]);
    // 12 months: allowance 6,000 ÷ 30 × 158 = 31,600
    assert_eq!(run("ziyang", &one("enterprise", 12)), vec![paid("3300", "0", "31600", "0")]);
    // fiscal-funded unit, 60 months: no allowance
    assert_eq!(run("ziyang", &one("fiscal", 60)), vec![paid("3300", "0", "0", "0")]);
}

/// 000_f8c7f1d4db53115f.txt 第十九条: 灵活就业人员生育医疗费用实行限额支付 … 顺产2000元,
/// 剖宫产4000元. Contract reading 11: no prenatal payment and no allowance
/// (flexible workers pay no maternity contribution, 第九条（二）2).
#[test]
fn flexible_worker_childbirth_limits() {
    // Natural: medical min(2,000, 2,500) = 2,000; prenatal 500 not paid
    //   fund 2,000; member = 2,500 + 500 − 2,000 = 1,000; allowance 0
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                  "medical_cost": 2500, "prenatal_cost": 500}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2000", "0", "0", "1000")]);

    // Caesarean: min(4,000, 5,000) = 4,000; member 1,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 5000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("4000", "0", "0", "1000")]);

    // Difficult vaginal delivery (breech): still a vaginal delivery → 2,000
    //   (contract reading 11); medical 3,000; member 1,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "difficult", "babies": 1, "level": "3A",
                  "medical_cost": 3000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2000", "0", "0", "1000")]);

    // Within the 6-month wait (第十三条, reading 13): no pooled-fund payment, and
    //   maternity is paid out of the pooled fund (第二十三条) → fund 0; member 2,500
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 4},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                  "medical_cost": 2500}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("0", "0", "0", "2500")]);

    // Caesarean below the limit: the actual 3,200 (未达到限额的按实际发生额支付)
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 36},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 3200}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("3200", "0", "0", "0")]);
}

/// 000_f8c7f1d4db53115f.txt 第二十四条（二）: 参加生育保险的男职工, 其配偶未享受生育
/// 保险 … 按照生育医疗费标准的50%给予一次性生育医疗费补助 (contract reading 12: at
/// most the cost). The allowance replaces the insured mother's wage during her
/// maternity leave, so a male member's claim carries none.
#[test]
fn male_employee_spouse_half_of_the_standard() {
    // Natural: 50% × 3,500 = 1,750 < cost 3,000 → 1,750; member 1,250
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "M", "age": 33, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                  "medical_cost": 3000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("1750", "0", "0", "1250")]);

    // Twins (多胎 is 难产, reading 11): 50% × 5,500 = 2,750 < cost 4,000 → 2,750;
    //   member 1,250
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "M", "age": 33, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "natural", "babies": 2, "level": "3A",
                  "medical_cost": 4000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2750", "0", "0", "1250")]);

    // Caesarean: 50% × 5,500 = 2,750 > cost 2,000 → 2,000; member 0
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
      "member": {"category": "employee", "sex": "M", "age": 33, "months_contributed": 60},
      "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                  "medical_cost": 2000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("2000", "0", "0", "0")]);
}

// ------------------------------------------------------------ family planning

/// 000_f8c7f1d4db53115f.txt 第二十五条: 计划生育手术费 按不同手术项目每例费用包干 —
/// 放置宫内节育器 157, 输卵管结扎术 317, 输精管复通术 993, 药物流产 129 — contract
/// reading 12: the amount or the cost, whichever is lower. Flexible workers pay
/// no maternity contribution (第九条（二）2) and the scenario does not cover them
/// (`flexible_covered = false`): fund 0.
#[test]
fn family_planning_fixed_amounts() {
    // iud_insert 120 < 157 → 120; member 0
    // iud_insert 200 > 157 → 157; member 43
    // tubal_ligation 500 → 317; member 183
    // vas_reversal 1,200 → 993; member 207
    // medical_abortion 100 < 129 → 100; member 0
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "F", "age": 34},
      "claims": [
        {"type": "family_planning", "procedure": "iud_insert", "inpatient": false, "cost": 120},
        {"type": "family_planning", "procedure": "iud_insert", "inpatient": false, "cost": 200},
        {"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 500},
        {"type": "family_planning", "procedure": "vas_reversal", "inpatient": true, "cost": 1200},
        {"type": "family_planning", "procedure": "medical_abortion", "inpatient": false, "cost": 100}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("120", "0", "0", "0"),
            paid("157", "0", "0", "43"),
            paid("317", "0", "0", "183"),
            paid("993", "0", "0", "207"),
            paid("100", "0", "0", "0"),
        ]
    );

    // Flexible worker: not covered; surgical_abortion 300 → fund 0, member 300
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "flexible", "sex": "F", "age": 34, "months_contributed": 60},
      "claims": [{"type": "family_planning", "procedure": "surgical_abortion", "inpatient": false, "cost": 300}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("0", "0", "0", "300")]);
}

// ------------------------------------------------------------ large-expense top-up

/// 000_f8c7f1d4db53115f.txt 第二十七条: 职工大额医疗费用补助 on the year's single or
/// cumulative in-scope inpatient cost minus the basic fund's payment, above a
/// threshold of 50% of the average wage (contract reading 9: exactly 50%):
/// threshold–50,000 本地 70% / 异地 50%, 50,000–100,000 80% / 60%, above
/// 100,000 90% / 70%. Band edges are levels of the cumulative burden; each
/// claim's band ratio follows its own place. avg_wage 80,000 → threshold
/// 40,000, cap 480,000 (not reached).
#[test]
fn top_up_bands_crossed_across_claims_local_and_nonlocal() {
    // 1. 3A local, 1st admission: fund = (200,000 − 1,000) × 80% = 159,200
    //    burden 200,000 − 159,200 = 40,800 (cumulative 40,800)
    //    top-up (40,800 − 40,000) × 70% = 560
    //    member = 200,000 − 159,200 − 560 = 40,240
    // 2. 3A local, 2nd admission: deductible 950
    //    fund = (60,000 − 950) × 80% = 47,240; burden 12,760 → cumulative 53,560
    //    top-up (50,000 − 40,800) × 70% + (53,560 − 50,000) × 80%
    //         = 6,440 + 2,848 = 9,288
    //    member = 60,000 − 47,240 − 9,288 = 3,472
    // 3. 3A nonlocal_self, 3rd admission: deductible 1,200 − 100 = 1,100, 60%
    //    fund = (150,000 − 1,100) × 60% = 89,340; burden 60,660 → cumulative 114,220
    //    top-up (异地) (100,000 − 53,560) × 60% + (114,220 − 100,000) × 70%
    //         = 27,864 + 9,954 = 37,818
    //    member = 150,000 − 89,340 − 37,818 = 22,842
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 200000},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 60000},
        {"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 150000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![
            paid("159200", "560", "0", "40240"),
            paid("47240", "9288", "0", "3472"),
            paid("89340", "37818", "0", "22842"),
        ]
    );
}

/// 000_f8c7f1d4db53115f.txt 第二十七条 and contract reading 9: a burden exactly at
/// the threshold gives no top-up; self-pay-first and out-of-scope costs are not
/// part of the base. A referral (第三十四条（三）) takes the local band ratio.
/// avg_wage 20,000 → threshold 10,000, cap 120,000.
#[test]
fn top_up_threshold_exact_and_base_excludes_self_pay_first() {
    // Referral, 3A on local terms: total 60,000, out of scope 5,000,
    //    class B 10,000 → self-pay-first 1,000
    //    scope = 60,000 − 5,000 − 1,000 = 54,000
    //    fund = (54,000 − 1,000) × 80% = 42,400
    //    burden = 54,000 − 42,400 = 11,600 (not 60,000 − 42,400: the 5,000 out
    //    of scope and the 1,000 self-pay-first stay with the member)
    //    top-up (11,600 − 10,000) × 70% (local band) = 1,120
    //    member = 60,000 − 42,400 − 1,120 = 16,480
    let json = r#"{"year": 2023, "context": {"avg_wage": 20000},
      "member": {"category": "employee", "sex": "F", "age": 50},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "nonlocal_referral", "total": 60000, "out_of_scope": 5000,
         "class_b_drugs": 10000}
      ]}"#;
    assert_eq!(run("ziyang", json), vec![paid("42400", "1120", "0", "16480")]);

    // Exactly at the threshold: 3A local, total 46,000
    //    fund = (46,000 − 1,000) × 80% = 36,000; burden 10,000 = threshold → 0
    //    member 10,000
    let json = r#"{"year": 2023, "context": {"avg_wage": 20000},
      "member": {"category": "employee", "sex": "F", "age": 50},
      "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 46000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("36000", "0", "0", "10000")]);
}

/// 000_f8c7f1d4db53115f.txt 第二十七条 with contract reading 9: a class-1 special
/// outpatient claim (第十七条: 视同住院) counts in the top-up base like an
/// admission; general outpatient pooling does not. avg_wage 10,000 → threshold
/// 5,000, cap 60,000 (not reached: 17,000 + 2,000 + 16,150 = 35,150).
#[test]
fn top_up_counts_class1_special_outpatient_not_general_outpatient() {
    // 1. special outpatient class 1, 3A: no deductible, 85%
    //    fund = 20,000 × 85% = 17,000; burden 3,000 (cumulative 3,000) → 0
    //    member 3,000
    // 2. general outpatient 3A: (10,200 − 200) × 50% = 5,000 → limit 2,000
    //    member 8,200; not in the top-up base
    // 3. inpatient 3A, the year's first admission: deductible 1,000, 85%
    //    fund = 19,000 × 85% = 16,150; burden 3,850 → cumulative 6,850
    //    top-up (6,850 − 5,000) × 70% = 1,295
    //    member = 20,000 − 16,150 − 1,295 = 2,555
    let json = r#"{"year": 2023, "context": {"avg_wage": 10000},
      "member": {"category": "employee", "sex": "M", "age": 50, "special_disease_class": 1},
      "claims": [
        {"type": "special_outpatient", "level": "3A", "total": 20000},
        {"type": "outpatient", "level": "3A", "total": 10200},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("17000", "0", "0", "3000"), paid("2000", "0", "0", "8200"), paid("16150", "1295", "0", "2555"),]
    );
}

/// 000_f8c7f1d4db53115f.txt 第二十七条 names only 住院医疗费用; contract reading 9
/// adds class-1 special outpatient and nothing else. A class-2 special
/// outpatient claim and a single-payment drug leave burdens that are not in the
/// top-up base. avg_wage 10,000 → threshold 5,000, cap 60,000 (used 33,200).
#[test]
fn top_up_ignores_class2_special_outpatient_and_single_payment_drugs() {
    // 1. special outpatient class 2: 4,000 × 75% = 3,000; member 1,000 (not in base)
    // 2. single-payment drug: 10,000 × 70% = 7,000; member 3,000 (not in base)
    // 3. inpatient 3A local, 1st admission: (30,000 − 1,000) × 80% = 23,200
    //    burden 6,800 (cumulative 6,800, not 10,800)
    //    top-up (6,800 − 5,000) × 70% = 1,260
    //    member = 30,000 − 23,200 − 1,260 = 5,540
    let json = r#"{"year": 2023, "context": {"avg_wage": "10000.00"},
      "member": {"category": "employee", "sex": "F", "age": 58, "special_disease_class": 2},
      "claims": [
        {"type": "special_outpatient", "level": "3A", "total": "4000"},
        {"type": "single_payment_drug", "total": "10000.00"},
        {"type": "inpatient", "level": "3A", "place": "local", "total": "30000"}
      ]}"#;
    assert_eq!(
        run("ziyang", json),
        vec![paid("3000", "0", "0", "1000"), paid("7000", "0", "0", "3000"), paid("23200", "1260", "0", "5540")]
    );
}

// ------------------------------------------------------------ waiting period

/// 000_f8c7f1d4db53115f.txt 第十三条: 初次参保、断保 … 从参保或重新续保缴费当月起 6个月后
/// 开始享受基本医疗保险统筹基金支付待遇 (机关企事业单位 … 招录人员除外); 第二十六条:
/// the top-up's benefit period follows the basic insurance. Contract reading 13:
/// a flexible worker below 6 months gets no pooled-fund payment.
#[test]
fn flexible_worker_six_month_wait() {
    let one = |months: u32| {
        format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 10000}},
              "member": {{"category": "flexible", "sex": "M", "age": 40, "months_contributed": {months}}},
              "claims": [
                {{"type": "inpatient", "level": "3A", "place": "local", "total": 20000}},
                {{"type": "outpatient", "level": "2A", "total": 1200}}
              ]}}"#
        )
    };
    // 5 months: nothing from the fund or the top-up
    assert_eq!(run("ziyang", &one(5)), vec![paid("0", "0", "0", "20000"), paid("0", "0", "0", "1200")]);
    // 6 months: inpatient (20,000 − 1,000) × 80% = 15,200; burden 4,800 < 5,000
    //   member 4,800; outpatient (1,200 − 200) × 60% = 600; member 600
    assert_eq!(run("ziyang", &one(6)), vec![paid("15200", "0", "0", "4800"), paid("600", "0", "0", "600")]);
    // An employee of a unit has no waiting period (招录人员除外)
    let json = r#"{"year": 2023, "context": {"avg_wage": 10000},
      "member": {"category": "employee", "sex": "M", "age": 40, "months_contributed": 1},
      "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 20000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("15200", "0", "0", "4800")]);
}

/// 000_f8c7f1d4db53115f.txt 第十三条, a flexible worker's return after a
/// break (断保 = 连续欠费超过3个月):
///
/// * 3 months of arrears: 欠费3个月内续缴 … 补缴 … 中断期间的待遇追溯享受: the
///   months are paid back (they count) and no waiting period, whether or not
///   the member meant to pay back (the text requires it)
/// * 4 months, paid back: 欠费3个月以上12个月以内 … 可先补缴 … 待遇不追溯: the months
///   count, but it is a lapse: the 6 months start again from re-enrolment
/// * 4 months, not paid back: lost, and the 6 months
/// * 12 months, paid back: still within 12 months: they count, 6 months' wait
/// * 13 months: 断保一年以上不再补缴: cannot be paid back (原有缴费年限合并计算:
///   the earlier months still count), 6 months' wait
#[test]
fn return_after_a_break_arrears_and_the_new_waiting_period() {
    use medfund_rules::rules::waiting_period::Return;
    let r = scenario("ziyang").year_rules(Scheme::Employee, 2025).unwrap();
    let w = &r.waiting_period.as_ref().unwrap().v;
    let ret = |months_restored, waiting| Return { months_restored, waiting };
    assert_eq!(w.flexible_months, 6);
    assert_eq!(w.on_return(3, false), ret(true, false));
    assert_eq!(w.on_return(3, true), ret(true, false));
    assert_eq!(w.on_return(4, true), ret(true, true));
    assert_eq!(w.on_return(4, false), ret(false, true));
    assert_eq!(w.on_return(12, true), ret(true, true));
    assert_eq!(w.on_return(13, true), ret(false, true));
    // Back from a 13-month break in March: 2 months since the return at a
    // claim in May (months_contributed 2 < 6): nothing from the fund
    let json = r#"{"year": 2025, "context": {"avg_wage": 10000},
      "member": {"category": "flexible", "sex": "M", "age": 40, "months_contributed": 2},
      "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 20000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("0", "0", "0", "20000")]);
}

/// 000_f8c7f1d4db53115f.txt 第九条（七）: the minimum years at retirement.
///
/// * 1(1) men 25 years from 2026 (24 in 2025), women 20; 1(2) 本市累计缴费年限不少于
///   10年
/// * a man retiring in 2026 with 26 years, 9 of them in Ziyang: enough in
///   all, 1 local year short: 12 months to pay (第九条（五）1)
/// * a man retiring in 2025 with 23 years, all local: 24 − 23 = 1 year, 12
///   months; the same in 2026: 25 − 23 = 2 years, 24 months
/// * a woman with 19 years, 6 of them local: 1 year short in all, 4 local:
///   the larger, 48 months
/// * 3: a year in Ziyang's resident scheme counts 2 employee months: 7 years
///   → 14 months
#[test]
fn minimum_years_in_all_and_in_ziyang_and_resident_years() {
    use medfund_rules::member_year::Sex;
    let m = |y| scenario("ziyang").year_rules(Scheme::Employee, y).unwrap().minimum_years.as_ref().unwrap().v;
    assert_eq!(m(2026).shortfall(Sex::M, 26 * 12, 9 * 12), 12);
    assert_eq!(m(2025).shortfall(Sex::M, 23 * 12, 23 * 12), 12);
    assert_eq!(m(2026).shortfall(Sex::M, 23 * 12, 23 * 12), 24);
    assert_eq!(m(2026).shortfall(Sex::F, 19 * 12, 6 * 12), 48);
    assert_eq!(m(2026).shortfall(Sex::F, 20 * 12, 10 * 12), 0);
    assert_eq!(m(2026).resident_months(7), 14);
}

// ------------------------------------------------------------ refused input

/// Contract, "Bad input": unknown enum values, negative money and inconsistent
/// lines are refused, naming the field; Ziyang has no resident scheme.
#[test]
fn refused_input_names_the_field() {
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 40},
            "claims": [{"type": "inpatient", "level": "3A", "place": "abroad", "total": 100}]}"#,
    );
    assert_eq!(e.field, "claims[0].place");
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 40},
            "claims": [{"type": "inpatient", "level": "3A", "total": 100000, "materials": [500, -1]}]}"#,
    );
    assert_eq!(e.field, "claims[0].materials[1]");
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 40},
            "claims": [{"type": "inpatient", "level": "pharmacy", "total": 100}]}"#,
    );
    assert_eq!(e.field, "claims[0].level");
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "employee", "sex": "F", "age": 40},
            "claims": [{"type": "outpatient", "level": "3A", "total": 100, "out_of_scope": 200}]}"#,
    );
    assert_eq!(e.field, "claims[0].out_of_scope");
    let e = run_err(
        "ziyang",
        r#"{"year": 2023, "member": {"category": "resident", "sex": "F", "age": 40},
            "claims": [{"type": "outpatient", "level": "3A", "total": 100}]}"#,
    );
    assert_eq!(e.field, "member.category");
}

// ------------------------------------------------------------ contributions

/// 000_f8c7f1d4db53115f.txt 第九条（一）2–3: the base is the member's wage within
/// [100%, 300%] of the average wage (monthly: a twelfth); （二）1 统账结合: 其他用人
/// 单位 7.7%, 财政供养机关事业单位 7.5%, 职工个人 2%; 第十条 / 004 第五条（一）: the
/// in-service personal account gets 2% of the base. avg_wage 84,000 a year =
/// 7,000 a month.
#[test]
fn contributions_floor_cap_and_employer_rates() {
    let rules = crate::common::scenario("ziyang").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &rules.contribution.as_ref().unwrap().v;
    let pa = &rules.personal_account.as_ref().unwrap().v;

    // Enterprise, wage 5,000 below the floor → base 7,000
    //   employer 7,000 × 7.7% = 539; employee 7,000 × 2% = 140
    //   account 7,000 × 2% = 140; pooled 539 + 140 − 140 = 539
    let m = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("5000"), y("84000"), pa);
    assert_eq!((m.base, m.employer, m.employee), (y("7000"), y("539"), y("140")));
    assert_eq!((m.to_account, m.to_pool), (y("140"), y("539")));

    // Fiscal-funded unit, wage 30,000 above the cap → base 3 × 7,000 = 21,000
    //   employer 21,000 × 7.5% = 1,575; employee 420; account 420; pooled 1,575
    let m = c.monthly(Category::Employee, Account::Combined, Employer::Fiscal, y("30000"), y("84000"), pa);
    assert_eq!((m.base, m.employer, m.employee), (y("21000"), y("1575"), y("420")));
    assert_eq!((m.to_account, m.to_pool), (y("420"), y("1575")));

    // Enterprise, wage 10,000 within the band: base 10,000
    //   employer 770; employee 200; account 200; pooled 770
    let m = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("10000"), y("84000"), pa);
    assert_eq!(
        (m.base, m.employer, m.employee, m.to_account, m.to_pool),
        (y("10000"), y("770"), y("200"), y("200"), y("770"))
    );
}

/// 000_f8c7f1d4db53115f.txt 第十条, 004_2c8293d1e6c42930.txt 第五条（二）: a
/// retiree's account is credited 2.8% of Ziyang's 2022 average basic pension
/// a month from the pooled fund (the text's share); the pension itself is
/// the scenario's assumption (`employee.average_pension`, 2,800): 2,800 ×
/// 2.8% = 78.40 a month; a pooling-only retiree none (004 第五条（三）).
/// The citation names both.
#[test]
fn retiree_crediting_is_the_texts_share_of_the_assumed_pension() {
    let rules = crate::common::scenario("ziyang").year_rules(Scheme::Employee, 2025).unwrap();
    let c = &rules.contribution.as_ref().unwrap().v;
    let cited = rules.personal_account.as_ref().unwrap();
    let pa = &cited.v;
    assert_eq!(pa.retiree_pension_share, Some(medfund_rules::money::Rate(28_000)));
    assert_eq!(pa.retiree_monthly, y("78.40"));
    assert!(cited.cite.contains("第十条") && cited.cite.contains("assumption"), "{}", cited.cite);
    let m = c.monthly(Category::Retiree, Account::Combined, Employer::Enterprise, y("0"), y("84000"), pa);
    assert_eq!(m.retiree_crediting, y("78.40"));
    let m = c.monthly(Category::Retiree, Account::PoolingOnly, Employer::Enterprise, y("0"), y("84000"), pa);
    assert_eq!(m.retiree_crediting, y("0"));
}

/// 000_f8c7f1d4db53115f.txt 第九条（一）4: 灵活就业人员的缴费基数按最低缴费基数的90%;
/// （二）2: 统账结合 9%, 单建统筹 5%; （二）1: 单建统筹 单位 5.7%, no employee share
/// and no personal account (第十条). A combined-account flexible worker is in
/// service, so 2% of the base goes to the account (第十条). avg_wage 84,000.
#[test]
fn contributions_flexible_workers_and_pooling_only() {
    let rules = crate::common::scenario("ziyang").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &rules.contribution.as_ref().unwrap().v;
    let pa = &rules.personal_account.as_ref().unwrap().v;

    // Flexible, combined: base 90% × 7,000 = 6,300 (whatever the wage)
    //   pays 6,300 × 9% = 567; account 6,300 × 2% = 126; pooled 441
    let m = c.monthly(Category::Flexible, Account::Combined, Employer::Enterprise, y("20000"), y("84000"), pa);
    assert_eq!((m.base, m.employer, m.employee), (y("6300"), y("0"), y("567")));
    assert_eq!((m.to_account, m.to_pool), (y("126"), y("441")));

    // Flexible, pooling-only: 6,300 × 5% = 315, all pooled
    let m = c.monthly(Category::Flexible, Account::PoolingOnly, Employer::Enterprise, y("20000"), y("84000"), pa);
    assert_eq!((m.base, m.employee, m.to_account, m.to_pool), (y("6300"), y("315"), y("0"), y("315")));

    // Employee, pooling-only, wage 10,000: employer 10,000 × 5.7% = 570,
    //   employee 0, account 0, pooled 570
    let m = c.monthly(Category::Employee, Account::PoolingOnly, Employer::Enterprise, y("10000"), y("84000"), pa);
    assert_eq!(
        (m.base, m.employer, m.employee, m.to_account, m.to_pool),
        (y("10000"), y("570"), y("0"), y("0"), y("570"))
    );
}

/// 000_f8c7f1d4db53115f.txt 第二十七条（二）: 100000元以上 本地 90%, and 起付线以上至
/// 50000元（含） 异地 50%; （一） threshold 50% of the average wage (reading 9):
/// avg_wage 80,000 → 40,000; 第十二条（四） cap 6 × 80,000 = 480,000.
/// 第十八条: employee, 3A, first admission; local 1,000 / 80%, 异地 1,200 / 60%.
#[test]
fn top_up_local_90_percent_band_and_nonlocal_50_percent_band() {
    // Local, total 600,000: fund = (600,000 − 1,000) × 80% = 479,200 (≤ 480,000)
    //   burden = 600,000 − 479,200 = 120,800
    //   top-up = (50,000 − 40,000) × 70% + (100,000 − 50,000) × 80%
    //          + (120,800 − 100,000) × 90% = 7,000 + 40,000 + 18,720 = 65,720
    //   member = 600,000 − 479,200 − 65,720 = 55,080
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 45},
      "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 600000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("479200", "65720", "0", "55080")]);

    // nonlocal_self (异地, reading 7), total 120,000:
    //   fund = (120,000 − 1,200) × 60% = 71,280; burden 48,720
    //   top-up = (48,720 − 40,000) × 50% = 4,360
    //   member = 120,000 − 71,280 − 4,360 = 44,360
    let json = r#"{"year": 2023, "context": {"avg_wage": 80000},
      "member": {"category": "employee", "sex": "M", "age": 45},
      "claims": [{"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 120000}]}"#;
    assert_eq!(run("ziyang", json), vec![paid("71280", "4360", "0", "44360")]);
}

/// 000_f8c7f1d4db53115f.txt 第十八条（一）1 / （二）1: employee, 二级甲等 local, first
/// admission, deductible 600, ratio 85%; a bill exactly at the deductible and
/// one fen above it.
#[test]
fn deductible_edge_exactly_and_one_fen_above() {
    // 600.00: (600 − 600) × 85% = 0; member 600
    // 600.01: 0.01 × 85% = 0.0085 → 0.01 (half-up); member 600.00
    for (total, fund, member) in [("600", "0", "600"), ("600.01", "0.01", "600.00")] {
        let json = format!(
            r#"{{"year": 2023, "context": {{"avg_wage": 80000}},
              "member": {{"category": "employee", "sex": "M", "age": 40}},
              "claims": [{{"type": "inpatient", "level": "2A", "place": "local", "total": {total}}}]}}"#
        );
        assert_eq!(run("ziyang", &json), vec![paid(fund, "0", "0", member)], "{total}");
    }
}
