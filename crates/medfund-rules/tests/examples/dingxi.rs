//! Worked examples for Dingxi 定西 (Gansu): 定政办发〔2023〕100号
//! 《定西市职工医疗保险市级统筹实施办法》, `shared/seeds/003_a595c1016aac4d2c.txt`,
//! as encoded in `scenarios/dingxi.toml` (in force 2024-01-01, 第六十八条).
//!
//! Every expected amount below was worked out by hand from the text and the
//! contract `shared/spec/adjudication.md` ("Readings fixed by this contract"),
//! not copied from the engine. Rounding: half-up to the fen once per claim and
//! payer; member = bill − fund − catastrophic.
//!
//! Terms: scope = total − out_of_scope − self-pay-first (先行自付);
//! "s − f" = scope − fund, the in-scope personal share that the large-expense
//! top-up (职工大额医疗费用补助, 第四十五条) is based on.

mod claim_kinds;

use crate::common::*;

use medfund_rules::member_year::{Account, Category, Employer};
use medfund_rules::money::{Money, Rate};
use medfund_rules::scenario::Scheme;

/// One local or non-local inpatient admission with no out-of-scope cost and
/// no class-B lines, for one member-year of an in-service employee.
fn one_admission(category: &str, level: &str, place: &str, total: &str) -> String {
    format!(
        r#"{{"year": 2024,
            "member": {{"category": "{category}", "sex": "M", "age": 50}},
            "claims": [{{"type": "inpatient", "level": "{level}", "place": "{place}", "total": {total}}}]}}"#
    )
}

// ---------------------------------------------------------------------------
// 第二十三条: self-pay-first 3% on class-B (乙类) lines
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十三条 (乙类项目先行自付3%), 第二十二条, 第四十五条（一）;
/// contract reading 2 (the 3% applies to `class_b_drugs`, every `partial_items`
/// price and every `materials` price) and reading 9.
///
/// An employee in a local level-3 hospital (起付 600, 93%):
///
/// * self-pay-first = 3% × (5,000 drugs + 300 + 500 items + 8,000 + 4,000
///   materials) = 3% × 17,800 = 534
/// * scope = 30,000 − 2,000 out of scope − 534 = 27,466
/// * fund = 93% × (27,466 − 600) = 93% × 26,866 = 24,985.38
/// * s − f = 27,466 − 24,985.38 = 2,480.62; top-up = 95% × (2,480.62 − 1,000)
///   = 95% × 1,480.62 = 1,406.589 → 1,406.59
/// * member = 30,000 − 24,985.38 − 1,406.59 = 3,608.03
///   (= 2,000 out of scope + 534 self-pay-first + 1,000 top-up threshold + 74.03,
///   the 5% of 1,480.62 rounded the other way)
#[test]
fn self_pay_first_three_percent_on_drugs_items_and_materials() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "F", "age": 45},
        "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 30000,
                    "out_of_scope": 2000, "class_b_drugs": 5000,
                    "partial_items": [300, 500], "materials": [8000, 4000]}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("24985.38", "1406.59", "0", "3608.03")]);
}

/// 003_a595c1016aac4d2c.txt 第二十三条, 第二十二条; contract reading 2.
///
/// A small bill in a level-1 hospital (起付 200, 98%) with class-B drugs only:
///
/// * self-pay-first = 3% × 1,000 = 30; scope = 1,000 − 30 = 970
/// * fund = 98% × (970 − 200) = 98% × 770 = 754.60
/// * member = 1,000 − 754.60 = 245.40 (30 + 200 + 2% × 770 = 15.40); s − f
///   = 215.40, below the 1,000 top-up threshold
///
/// Dingxi has no price tiers and no 60,000 split of a material (reading 1 is
/// Ziyang's): a 70,000 material simply takes 3% on its whole price.
///
/// * self-pay-first = 3% × 70,000 = 2,100; scope = 100,000 − 2,100 = 97,900
/// * fund = 93% × (97,900 − 600) = 90,489 → the 70,000 yearly limit (第二十二条)
/// * s − f = 97,900 − 70,000 = 27,900; top-up = 95% × 26,900 = 25,555
/// * member = 100,000 − 70,000 − 25,555 = 4,445
#[test]
fn self_pay_first_on_class_b_drugs_and_on_a_dear_material() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "M", "age": 38},
        "claims": [{"type": "inpatient", "level": "1", "total": 1000, "class_b_drugs": 1000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("754.60", "0", "0", "245.40")]);

    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "M", "age": 38},
        "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 100000,
                    "materials": [70000]}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("70000", "25555", "0", "4445")]);
}

// ---------------------------------------------------------------------------
// 第二十二条: the inpatient table
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十二条 (本市: 一级及以下 200/98%, 二级 400/95%,
/// 三级 600/93%); the contract maps `unrated`→1, `2B`/`2A`→2, `3B`/`3A`→3.
///
/// A 5,000 bill, all in scope, one admission per member-year:
///
/// * unrated and 1: 98% × (5,000 − 200) = 98% × 4,800 = 4,704; member 296
/// * 2B and 2A: 95% × (5,000 − 400) = 95% × 4,600 = 4,370; member 630
/// * 3B and 3A: 93% × (5,000 − 600) = 93% × 4,400 = 4,092; member 908
///
/// s − f is at most 908, under the 1,000 top-up threshold: no top-up.
#[test]
fn inpatient_local_table_by_level() {
    for (level, fund, member) in [
        ("unrated", "4704", "296"),
        ("1", "4704", "296"),
        ("2B", "4370", "630"),
        ("2A", "4370", "630"),
        ("3B", "4092", "908"),
        ("3A", "4092", "908"),
    ] {
        assert_eq!(
            run("dingxi", &one_admission("employee", level, "local", "5000")),
            vec![paid(fund, "0", "0", member)],
            "level {level}"
        );
    }
}

/// 003_a595c1016aac4d2c.txt 第二十二条: the table's 参保类别 is 参保人员, one
/// column for in-service members and retirees alike; a bill below the
/// deductible gets nothing.
///
/// * a retiree in a level-2 hospital, 5,000: 95% × (5,000 − 400) = 4,370;
///   member 630, as for an employee
/// * an employee in a level-3 hospital, 500 ≤ 600 deductible: fund 0, member 500
#[test]
fn inpatient_retiree_same_table_and_bill_below_deductible() {
    assert_eq!(run("dingxi", &one_admission("retiree", "2A", "local", "5000")), vec![paid("4370", "0", "0", "630")]);
    assert_eq!(run("dingxi", &one_admission("employee", "3A", "local", "500")), vec![paid("0", "0", "0", "500")]);
}

// ---------------------------------------------------------------------------
// 第二十七条: places
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十七条（二） (异地长期居住人员 on the 本市 deductible,
/// ratio and limit, 不降低医保待遇); contract reading 7.
///
/// * filed, level 3, 2,000: 93% × (2,000 − 600) = 93% × 1,400 = 1,302; member 698
/// * filed, level 2, 2,000: 95% × (2,000 − 400) = 95% × 1,600 = 1,520; member 480
#[test]
fn places_filed_long_term_residents_on_local_terms() {
    assert_eq!(
        run("dingxi", &one_admission("retiree", "3A", "nonlocal_filed", "2000")),
        vec![paid("1302", "0", "0", "698")]
    );
    assert_eq!(
        run("dingxi", &one_admission("employee", "2B", "nonlocal_filed", "2000")),
        vec![paid("1520", "0", "0", "480")]
    );
}

/// 003_a595c1016aac4d2c.txt 第二十二条 (异地就医 起付 200/500/800) and 第二十七条（三）
/// (转诊备案: 本市对应级别支付比例降低5%; 急诊抢救视同备案); contract readings 3 and 7.
///
/// * referral, level 3, 2,000: 800 deductible, 93 − 5 = 88%:
///   88% × 1,200 = 1,056; member 944
/// * referral, level 1, 2,000: 200 deductible, 98 − 5 = 93%:
///   93% × 1,800 = 1,674; member 326
/// * emergency, level 2, 2,000: 500 deductible, 95 − 5 = 90%:
///   90% × 1,500 = 1,350; member 650
#[test]
fn places_referral_and_emergency_on_nonlocal_deductibles_minus_5_points() {
    assert_eq!(
        run("dingxi", &one_admission("employee", "3A", "nonlocal_referral", "2000")),
        vec![paid("1056", "0", "0", "944")]
    );
    assert_eq!(
        run("dingxi", &one_admission("employee", "1", "nonlocal_referral", "2000")),
        vec![paid("1674", "0", "0", "326")]
    );
    assert_eq!(
        run("dingxi", &one_admission("employee", "2B", "nonlocal_emergency", "2000")),
        vec![paid("1350", "0", "0", "650")]
    );
}

/// 003_a595c1016aac4d2c.txt 第二十二条 (异地 deductibles) and 第二十七条（三）
/// (自行前往: 省内降低10%, 跨省降低20%); contract readings 3 and 7.
///
/// * on one's own in Gansu, level 1, 2,000: 200, 98 − 10 = 88%:
///   88% × 1,800 = 1,584; member 416
/// * on one's own in Gansu, level 3, 1,800: 800, 93 − 10 = 83%:
///   83% × 1,000 = 830; member 970
/// * another province, level 3, 1,500: 800, 93 − 20 = 73%:
///   73% × 700 = 511; member 989
/// * another province, level 2, 2,000: 500, 95 − 20 = 75%:
///   75% × 1,500 = 1,125; member 875
#[test]
fn places_going_on_ones_own_minus_10_in_province_minus_20_across() {
    assert_eq!(
        run("dingxi", &one_admission("employee", "1", "nonlocal_self", "2000")),
        vec![paid("1584", "0", "0", "416")]
    );
    assert_eq!(
        run("dingxi", &one_admission("employee", "3B", "nonlocal_self", "1800")),
        vec![paid("830", "0", "0", "970")]
    );
    assert_eq!(
        run("dingxi", &one_admission("employee", "3A", "nonlocal_self_cross_province", "1500")),
        vec![paid("511", "0", "0", "989")]
    );
    assert_eq!(
        run("dingxi", &one_admission("retiree", "2A", "nonlocal_self_cross_province", "2000")),
        vec![paid("1125", "0", "0", "875")]
    );
}

// ---------------------------------------------------------------------------
// 第二十二条: the 70,000 yearly limit; 第四十五条（一）: the inpatient top-up
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十二条 (最高支付限额 7 万元/年) and 第四十五条（一）;
/// contract readings 8, 9 and 14 (accumulators on rounded amounts).
///
/// Three local admissions of one employee in 2024:
///
/// 1. level 3, 60,000: 93% × 59,400 = 55,242 (70,000 − 55,242 = 14,758 left);
///    s − f = 4,758; top-up 95% × (4,758 − 1,000) = 95% × 3,758 = 3,570.10;
///    member 60,000 − 55,242 − 3,570.10 = 1,187.90
/// 2. level 3, 20,000: 93% × 19,400 = 18,042 → only 14,758 left: fund 14,758;
///    s − f = 5,242, cumulative 10,000; top-up 95% × 5,242 = 4,979.90;
///    member 20,000 − 14,758 − 4,979.90 = 262.10
/// 3. level 1, 3,000: the limit is spent, fund 0; s − f = 3,000; top-up
///    95% × 3,000 = 2,850; member 150
#[test]
fn annual_cap_70000_shared_by_admissions() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "M", "age": 55},
        "claims": [
          {"type": "inpatient", "level": "3A", "place": "local", "total": 60000},
          {"type": "inpatient", "level": "3B", "place": "local", "total": 20000},
          {"type": "inpatient", "level": "1", "place": "local", "total": 3000}]}"#;
    assert_eq!(
        run("dingxi", json),
        vec![
            paid("55242", "3570.10", "0", "1187.90"),
            paid("14758", "4979.90", "0", "262.10"),
            paid("0", "2850", "0", "150"),
        ]
    );
}

/// 003_a595c1016aac4d2c.txt 第四十五条（一） (住院费用经基本医疗保险支付后, 符合
/// "三个目录"的自付费用超过1000元以上部分按95%补助); contract reading 9: the base is
/// the year's cumulative Σ(scope − fund); out-of-scope costs and
/// self-pay-first are not part of it.
///
/// Four local admissions of one employee:
///
/// 1. level 1, 5,000: fund 98% × 4,800 = 4,704; s − f 296 (cumulative 296); member 296
/// 2. level 2, 5,000: fund 95% × 4,600 = 4,370; s − f 630 (cumulative 926); member 630
/// 3. level 3, 5,000: fund 93% × 4,400 = 4,092; s − f 908 (cumulative 1,834);
///    top-up 95% × (1,834 − 1,000) = 95% × 834 = 792.30; member 908 − 792.30 = 115.70
/// 4. level 3, 8,000 with 1,000 out of scope and 2,000 class-B drugs:
///    self-pay-first 60; scope 8,000 − 1,000 − 60 = 6,940;
///    fund 93% × (6,940 − 600) = 93% × 6,340 = 5,896.20; s − f 1,043.80, all
///    above the threshold: top-up 95% × 1,043.80 = 991.61;
///    member 8,000 − 5,896.20 − 991.61 = 1,112.19 (1,000 + 60 + 52.19)
#[test]
fn top_up_inpatient_cumulative_across_admissions() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "F", "age": 52},
        "claims": [
          {"type": "inpatient", "level": "1", "place": "local", "total": 5000},
          {"type": "inpatient", "level": "2A", "place": "local", "total": 5000},
          {"type": "inpatient", "level": "3B", "place": "local", "total": 5000},
          {"type": "inpatient", "level": "3A", "place": "local", "total": 8000,
           "out_of_scope": 1000, "class_b_drugs": 2000}]}"#;
    assert_eq!(
        run("dingxi", json),
        vec![
            paid("4704", "0", "0", "296"),
            paid("4370", "0", "0", "630"),
            paid("4092", "792.30", "0", "115.70"),
            paid("5896.20", "991.61", "0", "1112.19"),
        ]
    );
}

/// 003_a595c1016aac4d2c.txt 第四十五条（一） (年最高支付限额不超过60万元), 第二十二条;
/// contract reading 9.
///
/// 1. level 3, 800,000 all in scope: 93% × 799,400 = 743,442 → 70,000 limit;
///    s − f = 730,000; 95% × 729,000 = 692,550 → 600,000 yearly top-up limit;
///    member 800,000 − 70,000 − 600,000 = 130,000
/// 2. level 1, 10,000: both limits spent; member pays all 10,000
#[test]
fn top_up_600000_yearly_limit() {
    let json = r#"{"year": 2025,
        "member": {"category": "retiree", "sex": "M", "age": 66},
        "claims": [
          {"type": "inpatient", "level": "3A", "place": "local", "total": 800000},
          {"type": "inpatient", "level": "1", "place": "local", "total": 10000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("70000", "600000", "0", "130000"), paid("0", "0", "0", "10000")]);
}

// ---------------------------------------------------------------------------
// 第三十条, 第三十一条: chronic outpatient (门诊慢特病); 第四十五条（二）
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第三十一条 (年度支付限额之内, "三个目录"范围内按70%),
/// 第二十三条; contract readings 2 and 10 (no deductible).
///
/// A member with 高血压病(Ⅱ级及以上), no. 27, limit 3,000:
///
/// 1. 2,000 with 100 out of scope and 500 class-B drugs: self-pay-first 15;
///    scope 2,000 − 100 − 15 = 1,885; fund 70% × 1,885 = 1,319.50;
///    member 2,000 − 1,319.50 = 680.50
/// 2. 1,234.56 all in scope: 70% × 1,234.56 = 864.192 → 864.19; member 370.37
///
/// Fund paid 2,183.69 < 3,000. The personal in-scope share 565.50 + 370.37 =
/// 935.87 < 1,000: no top-up (第四十五条（二）).
#[test]
fn chronic_outpatient_70_percent_without_deductible() {
    let json = r#"{"year": 2024,
        "member": {"category": "retiree", "sex": "F", "age": 68, "chronic": [27]},
        "claims": [
          {"type": "special_outpatient", "level": "2A", "disease": 27, "total": 2000,
           "out_of_scope": 100, "class_b_drugs": 500},
          {"type": "special_outpatient", "level": "pharmacy", "disease": 27, "total": 1234.56}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("1319.50", "0", "0", "680.50"), paid("864.19", "0", "0", "370.37")]);
}

/// 003_a595c1016aac4d2c.txt 第三十一条 (年度支付限额), 第四十五条（二） (年度支付限额内
/// 累计自付); contract readings 9 and 10: the limit is on the fund's payment and
/// is shared by all claims of the year; only the personal share of the costs
/// within the limit counts for the top-up.
///
/// 甲状腺功能亢进(减退), no. 34, limit 2,000:
///
/// 1. 2,000: 70% = 1,400 (600 left); member 600
/// 2. 1,500: 70% = 1,050 > 600 left: fund 600; member 900
/// 3. 500: nothing left: fund 0; member 500
///
/// Top-up base: claim 1 contributes 600; of claim 2 only the costs the fund
/// paid 70% of, 600 ÷ 70% = 857.14, are within the limit, personal share
/// 257.14; claim 3 is wholly beyond the limit. 857.14 < 1,000: no top-up, though
/// the member paid 2,000 of in-scope costs in all.
#[test]
fn chronic_limit_shared_by_the_claims_of_a_year() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "F", "age": 41, "chronic": [34]},
        "claims": [
          {"type": "special_outpatient", "level": "2A", "disease": 34, "total": 2000},
          {"type": "special_outpatient", "level": "2A", "disease": 34, "total": 1500},
          {"type": "special_outpatient", "level": "2A", "disease": 34, "total": 500}]}"#;
    assert_eq!(
        run("dingxi", json),
        vec![paid("1400", "0", "0", "600"), paid("600", "0", "0", "900"), paid("0", "0", "0", "500")]
    );
}

/// 003_a595c1016aac4d2c.txt 第三十条（四） (以最高病种支付限额为基数, 每增加一个病种
/// 报销额度增加300元), 第三十一条, 第四十五条（二） (累计自付超过1000元的部分按80%);
/// contract readings 9 and 10.
///
/// Diseases 18 (糖尿病伴并发症, 5,000), 20 (股骨头坏死, 5,000) and 27 (3,000):
/// one shared limit 5,000 + 300 + 300 = 5,600.
///
/// 1. disease 18, 6,000: fund 70% = 4,200 (1,400 left); personal share 1,800;
///    top-up 80% × (1,800 − 1,000) = 640; member 6,000 − 4,200 − 640 = 1,160
/// 2. disease 20, 3,000: 70% = 2,100 > 1,400 left: fund 1,400; costs within the
///    limit 1,400 ÷ 70% = 2,000, personal share 600 (cumulative 2,400);
///    top-up 80% × 600 = 480; member 3,000 − 1,400 − 480 = 1,120
#[test]
fn chronic_several_diseases_highest_limit_plus_300_each() {
    let json = r#"{"year": 2024,
        "member": {"category": "retiree", "sex": "M", "age": 70, "chronic": [18, 20, 27]},
        "claims": [
          {"type": "special_outpatient", "level": "3A", "disease": 18, "total": 6000},
          {"type": "special_outpatient", "level": "3A", "disease": 20, "total": 3000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("4200", "640", "0", "1160"), paid("1400", "480", "0", "1120")]);
}

/// 003_a595c1016aac4d2c.txt 第三十条（四） (最多可选择三个病种报销), 第四十五条（二）;
/// contract reading 10.
///
/// Four diseases, 18 (5,000), 26 (3,000), 27 (3,000) and 34 (2,000): at most
/// three count, the limit is 5,000 + 2 × 300 = 5,600 (not 5,900).
///
/// * disease 26, 9,000: 70% = 6,300 → 5,600; costs within the limit
///   5,600 ÷ 70% = 8,000, personal share 2,400; top-up 80% × 1,400 = 1,120;
///   member 9,000 − 5,600 − 1,120 = 2,280
#[test]
fn chronic_at_most_three_diseases_count() {
    let json = r#"{"year": 2024,
        "member": {"category": "retiree", "sex": "F", "age": 75, "chronic": [18, 26, 27, 34]},
        "claims": [{"type": "special_outpatient", "level": "2B", "disease": 26, "total": 9000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("5600", "1120", "0", "2280")]);
}

/// 003_a595c1016aac4d2c.txt 第三十条 (病种经鉴定、确认备案后享受门诊慢特病待遇);
/// contract: a claim for a disease the member does not have is refused, naming
/// the field.
///
/// The member is registered for no. 27 only; the second claim names no. 18.
#[test]
fn chronic_claim_for_an_unregistered_disease_is_refused() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "M", "age": 60, "chronic": [27]},
        "claims": [
          {"type": "special_outpatient", "level": "2A", "disease": 27, "total": 300},
          {"type": "special_outpatient", "level": "2A", "disease": 18, "total": 300}]}"#;
    assert_eq!(run_err("dingxi", json).field, "claims[1].disease");
}

// ---------------------------------------------------------------------------
// 第三十六条 to 第四十二条: maternity
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第三十六条（一）1 (正常产不超过3500元), （二） (产前检查
/// 限额2000元), 第四十一条（一）（二）1 (月平均工资 ÷ 30 × 98天); contract reading 12.
///
/// Employer's average monthly wage 6,000, so 200 a day:
///
/// * medical 3,000 + prenatal 1,500, both within their limits: fund 4,500,
///   member 0; allowance 200 × 98 = 19,600
/// * medical 4,200 + prenatal 2,500: fund 3,500 + 2,000 = 5,500;
///   member 6,700 − 5,500 = 1,200; allowance 19,600
#[test]
fn maternity_natural_delivery_lump_sums_and_allowance() {
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "employee", "sex": "F", "age": 29, "employer": "enterprise",
                   "months_contributed": 36},
        "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                    "medical_cost": 3000, "prenatal_cost": 1500}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("4500", "0", "19600", "0")]);

    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "employee", "sex": "F", "age": 29, "months_contributed": 36},
        "claims": [{"type": "childbirth", "delivery": "natural", "level": "3A",
                    "medical_cost": 4200, "prenatal_cost": 2500}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("5500", "0", "19600", "1200")]);
}

/// 003_a595c1016aac4d2c.txt 第三十六条（一）2–4 (难产4500, 剖宫产5500, 多胞胎每多一个
/// 婴儿增加1000元), （二）, 第四十一条（二）1 (难产、剖宫产增加15天; 每多生育一个
/// 婴儿增加15天); contract reading 12.
///
/// * difficult, one baby, medical 5,000, wage 7,000: fund 4,500, member 500;
///   allowance 7,000 ÷ 30 × (98 + 15) = 791,000 ÷ 30 = 26,366.666… → 26,366.67
/// * caesarean twins, medical 8,000 + prenatal 2,600, wage 6,000: fund
///   (5,500 + 1,000) + 2,000 = 8,500; member 10,600 − 8,500 = 2,100;
///   allowance 200 × (98 + 15 + 15) = 200 × 128 = 25,600
/// * natural triplets, medical 6,000, wage 6,000: a multiple birth is not by
///   itself 难产: fund 3,500 + 2 × 1,000 = 5,500; member 500; allowance
///   200 × (98 + 2 × 15) = 25,600
#[test]
fn maternity_difficult_caesarean_and_multiple_births() {
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 7000},
        "member": {"category": "employee", "sex": "F", "age": 33},
        "claims": [{"type": "childbirth", "delivery": "difficult", "babies": 1, "level": "3A",
                    "medical_cost": 5000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("4500", "0", "26366.67", "500")]);

    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "employee", "sex": "F", "age": 33},
        "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 2, "level": "3A",
                    "medical_cost": 8000, "prenatal_cost": 2600}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("8500", "0", "25600", "2100")]);

    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "employee", "sex": "F", "age": 33},
        "claims": [{"type": "childbirth", "delivery": "natural", "babies": 3, "level": "3A",
                    "medical_cost": 6000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("5500", "0", "25600", "500")]);
}

/// 003_a595c1016aac4d2c.txt 第三十六条（一）5–7 (终止妊娠: 7个月以上3500, 4–7个月
/// 2500, 4个月以下2000), 第四十一条（二）1–4 (98 / 42 / 30 / 15天); contract
/// readings 11 (completed months: < 2 → 15 days, 2–3 → 30, 4–6 → 42, ≥ 7 a
/// delivery; medical < 4 → 2,000, 4–6 → 2,500, ≥ 7 → 3,500) and 15.
///
/// Wage 6,000, so 200 a day; one termination per member-year:
///
/// | months | cost  | fund            | member | days | allowance |
/// |--------|-------|-----------------|--------|------|-----------|
/// | 1      | 1,500 | 1,500 (≤ 2,000) | 0      | 15   | 3,000     |
/// | 2      | 2,400 | 2,000           | 400    | 30   | 6,000     |
/// | 3      | 1,800 | 1,800           | 0      | 30   | 6,000     |
/// | 4      | 3,000 | 2,500           | 500    | 42   | 8,400     |
/// | 6      | 2,000 | 2,000           | 0      | 42   | 8,400     |
/// | 7      | 4,000 | 3,500           | 500    | 98   | 19,600    |
#[test]
fn maternity_pregnancy_terminations_by_month() {
    for (months, cost, fund, member, allowance) in [
        (1, "1500", "1500", "0", "3000"),
        (2, "2400", "2000", "400", "6000"),
        (3, "1800", "1800", "0", "6000"),
        (4, "3000", "2500", "500", "8400"),
        (6, "2000", "2000", "0", "8400"),
        (7, "4000", "3500", "500", "19600"),
    ] {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
                "member": {{"category": "employee", "sex": "F", "age": 27}},
                "claims": [{{"type": "pregnancy_termination", "months": {months}, "level": "2A",
                            "medical_cost": {cost}}}]}}"#
        );
        assert_eq!(run("dingxi", &json), vec![paid(fund, "0", allowance, member)], "{months} months");
    }
}

/// 003_a595c1016aac4d2c.txt 第四十一条 (按6.4%缴费的女职工产假期间不享受生育津贴)
/// and 第四十二条 (分娩前连续缴费不足6个月的, 不予支付其生育津贴); contract reading 11.
/// The medical lump sums of 第三十六条 are paid in every case.
///
/// Natural delivery, medical 3,000, wage 6,000:
///
/// * fiscal-funded employer (财政拨款单位, 6.4%): fund 3,000; allowance 0
/// * enterprise, 5 months of contributions: fund 3,000; allowance 0
/// * enterprise, 6 months: fund 3,000; allowance 200 × 98 = 19,600
#[test]
fn maternity_allowance_not_for_fiscal_employers_nor_under_6_months() {
    for (employer, months, allowance) in [("fiscal", 120, "0"), ("enterprise", 5, "0"), ("enterprise", 6, "19600")] {
        let json = format!(
            r#"{{"year": 2024, "context": {{"employer_avg_monthly_wage": 6000}},
                "member": {{"category": "employee", "sex": "F", "age": 31, "employer": "{employer}",
                           "months_contributed": {months}}},
                "claims": [{{"type": "childbirth", "delivery": "natural", "level": "2A",
                            "medical_cost": 3000}}]}}"#
        );
        assert_eq!(run("dingxi", &json), vec![paid("3000", "0", allowance, "0")], "{employer}, {months} months");
    }
}

/// 003_a595c1016aac4d2c.txt 第三十九条 (配偶未参加医疗保险生育的, 享受生育医疗费和
/// 计划生育手术费待遇; its cross-reference "第三十七条、第三十八条、第三十九条" is read
/// as the medical articles 第三十六条–第三十八条) and 第四十一条 (the allowance is
/// the 女职工's): full medical benefits, no allowance.
///
/// A male member's uninsured wife, caesarean, medical 6,000 + prenatal 1,000:
/// fund 5,500 + 1,000 = 6,500; member 7,000 − 6,500 = 500; allowance 0 (even
/// with the employer's wage known).
#[test]
fn maternity_uninsured_spouse_of_a_male_member() {
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "employee", "sex": "M", "age": 34},
        "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                    "medical_cost": 6000, "prenatal_cost": 1000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("6500", "0", "0", "500")]);
}

/// 003_a595c1016aac4d2c.txt 第三十八条 (计划生育 … 政策范围内医疗费用按85%支付).
///
/// * IUD insertion, 400: 85% = 340; member 60
/// * tubal ligation in hospital, 1,234.50: 85% = 1,049.325 → 1,049.33 (half-up);
///   member 185.17
/// * a male member's vasectomy, 333.33: 85% = 283.3305 → 283.33; member 50.00
#[test]
fn family_planning_85_percent() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "F", "age": 36},
        "claims": [
          {"type": "family_planning", "procedure": "iud_insert", "inpatient": false, "cost": 400},
          {"type": "family_planning", "procedure": "tubal_ligation", "inpatient": true, "cost": 1234.50}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("340", "0", "0", "60"), paid("1049.33", "0", "0", "185.17")]);

    let json = r#"{"year": 2024,
        "member": {"category": "flexible", "sex": "M", "age": 40, "months_contributed": 24},
        "claims": [{"type": "family_planning", "procedure": "vasectomy", "cost": "333.33"}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("283.33", "0", "0", "50.00")]);
}

// ---------------------------------------------------------------------------
// 第二十条: waiting period
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十条（一） (灵活就业人员首次缴费的自缴费之日起3个月后
/// 享受待遇; 用人单位和职工从次月起); contract reading 13.
///
/// A level-1 admission of 800 (98% × 600 = 588 when covered; s − f stays
/// under the 1,000 top-up threshold either way):
///
/// * flexible worker, 2 months: no pooled-fund payment; member 800
/// * flexible worker, 3 months: fund 588; member 212
/// * employee, 1 month (no waiting period beyond the next month): fund 588
///
/// A chronic-outpatient claim in the waiting period is not paid either:
/// flexible, 2 months, disease 27, 500: fund 0; member 500.
///
/// Interpretation: 第二十条（一） withholds 职工基本医疗保险待遇 as a whole, and the
/// top-up of 第四十五条 only supplements what 基本医疗保险 has paid, so a
/// waiting-period bill gets no top-up either: flexible, 2 months, level 1,
/// 5,000 (s − f would be 5,000 > 1,000): fund 0, top-up 0, member 5,000.
#[test]
fn flexible_worker_waits_3_months() {
    for (category, months, fund, member) in
        [("flexible", 2, "0", "800"), ("flexible", 3, "588", "212"), ("employee", 1, "588", "212")]
    {
        let json = format!(
            r#"{{"year": 2024,
                "member": {{"category": "{category}", "sex": "F", "age": 44, "months_contributed": {months}}},
                "claims": [{{"type": "inpatient", "level": "1", "place": "local", "total": 800}}]}}"#
        );
        assert_eq!(run("dingxi", &json), vec![paid(fund, "0", "0", member)], "{category}, {months} months");
    }

    let json = r#"{"year": 2024,
        "member": {"category": "flexible", "sex": "F", "age": 44, "months_contributed": 2, "chronic": [27]},
        "claims": [{"type": "special_outpatient", "level": "2A", "disease": 27, "total": 500}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("0", "0", "0", "500")]);

    let json = r#"{"year": 2024,
        "member": {"category": "flexible", "sex": "F", "age": 44, "months_contributed": 2},
        "claims": [{"type": "inpatient", "level": "1", "place": "local", "total": 5000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("0", "0", "0", "5000")]);
}

// ---------------------------------------------------------------------------
// 第二十一条: general outpatient pooling (ASSUMPTION, not from the text)
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第二十一条 refers to Dingxi's 门诊共济保障机制实施细则,
/// which is not among the texts. ASSUMPTION (scenarios/dingxi.toml
/// `employee.outpatient_pooling`): yearly deductible 200 (retirees 150), 60%
/// below level 3 and 50% at level 3 and pharmacies, retirees +10 points,
/// yearly limit 1,500 (retirees 2,000).
///
/// An employee:
///
/// 1. level 2, 500: deductible 200; 60% × 300 = 180; member 320
/// 2. level 3, 2,000: deductible spent; 50% × 2,000 = 1,000 (1,180 so far); member 1,000
/// 3. level 1, 1,000: 60% = 600 > 1,500 − 1,180 = 320 left: fund 320; member 680
///
/// A retiree at a pharmacy, 400: deductible 150; (50 + 10)% × 250 = 150; member 250.
#[test]
fn outpatient_pooling_assumed_terms() {
    let json = r#"{"year": 2024,
        "member": {"category": "employee", "sex": "M", "age": 35},
        "claims": [
          {"type": "outpatient", "level": "2A", "total": 500},
          {"type": "outpatient", "level": "3A", "total": 2000},
          {"type": "outpatient", "level": "1", "total": 1000}]}"#;
    assert_eq!(
        run("dingxi", json),
        vec![paid("180", "0", "0", "320"), paid("1000", "0", "0", "1000"), paid("320", "0", "0", "680")]
    );

    let json = r#"{"year": 2024,
        "member": {"category": "retiree", "sex": "F", "age": 64},
        "claims": [{"type": "outpatient", "level": "pharmacy", "total": 400}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("150", "0", "0", "250")]);
}

// ---------------------------------------------------------------------------
// 第十条, 第十一条, 第十四条, 第四十四条: contributions
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第十条 (基准数60%–300%), 第十一条 (财政拨款单位6.4%, 其他
/// 用人单位6.7%, 职工2%), 第四十四条 (per-head top-up fees).
///
/// The benchmark (基准数) is not in the text; the examples pass the scenario's
/// assumed 2024 value, 86,328 a year = 7,194 a month (ASSUMPTION, see
/// `context.avg_wage`). The personal-account share (2% of the base) is an
/// ASSUMPTION too (第二十一条 refers to rules not among the texts).
///
/// * wage 3,000 < 60% × 7,194 = 4,316.40: base 4,316.40;
///   enterprise 6.7% = 289.1988 → 289.20; fiscal 6.4% = 276.2496 → 276.25;
///   employee 2% = 86.328 → 86.33; to the account (assumed 2%) 86.33;
///   to the pool 289.20 + 86.33 − 86.33 = 289.20
/// * wage 6,000, within the band: base 6,000; 402 / 384 / 120
/// * wage 30,000 > 300% × 7,194 = 21,582: base 21,582; enterprise 6.7% =
///   1,445.994 → 1,445.99; employee 2% = 431.64
/// * per head a year: employer 60, employee 120, flexible 180, retiree 120
#[test]
fn contribution_base_floor_cap_and_employer_rates() {
    let r = crate::common::scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &r.contribution.as_ref().unwrap().v;
    let pa = &r.personal_account.as_ref().unwrap().v;
    let avg = y("86328");

    let ent = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("3000"), avg, pa);
    assert_eq!((ent.base, ent.employer, ent.employee), (y("4316.40"), y("289.20"), y("86.33")));
    assert_eq!((ent.to_account, ent.to_pool), (y("86.33"), y("289.20")));
    let fis = c.monthly(Category::Employee, Account::Combined, Employer::Fiscal, y("3000"), avg, pa);
    assert_eq!((fis.base, fis.employer, fis.employee), (y("4316.40"), y("276.25"), y("86.33")));

    let mid = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("6000"), avg, pa);
    assert_eq!((mid.base, mid.employer, mid.employee), (y("6000"), y("402"), y("120")));
    let mid = c.monthly(Category::Employee, Account::Combined, Employer::Fiscal, y("6000"), avg, pa);
    assert_eq!(mid.employer, y("384"));

    let top = c.monthly(Category::Employee, Account::Combined, Employer::Enterprise, y("30000"), avg, pa);
    assert_eq!((top.base, top.employer, top.employee), (y("21582"), y("1445.99"), y("431.64")));

    let fees = c.per_head.unwrap();
    assert_eq!((fees.employer, fees.employee, fees.flexible, fees.retiree), (y("60"), y("120"), y("180"), y("120")));
}

/// 003_a595c1016aac4d2c.txt 第十条 second paragraph (灵活就业人员按上年度全省 … 月平均
/// 工资的80%确定缴费基数), 第十一条 (灵活就业人员选择4%或8%), 第十四条（二） (4%:
/// 不再划拨个人账户).
///
/// With the assumed 86,328 a year (7,194 a month, ASSUMPTION): base 80% ×
/// 7,194 = 5,755.20, whatever the wage.
///
/// * 8% (with a personal account): 460.416 → 460.42; to the account (assumed
///   2%) 115.104 → 115.10; to the pool 345.32
/// * 4% (pooling only): 230.208 → 230.21; nothing to an account; pool 230.21
#[test]
fn contribution_flexible_workers_8_or_4_percent_on_80_percent() {
    let r = crate::common::scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    let c = &r.contribution.as_ref().unwrap().v;
    let pa = &r.personal_account.as_ref().unwrap().v;
    let avg = y("86328");

    let eight = c.monthly(Category::Flexible, Account::Combined, Employer::Enterprise, y("2000"), avg, pa);
    assert_eq!((eight.base, eight.employer, eight.employee), (y("5755.20"), Money::ZERO, y("460.42")));
    assert_eq!((eight.to_account, eight.to_pool), (y("115.10"), y("345.32")));

    let four = c.monthly(Category::Flexible, Account::PoolingOnly, Employer::Enterprise, y("20000"), avg, pa);
    assert_eq!(
        (four.base, four.employee, four.to_account, four.to_pool),
        (y("5755.20"), y("230.21"), Money::ZERO, y("230.21"))
    );
}

/// 003_a595c1016aac4d2c.txt 第十四条: 一次性缴费金额 = (180 月 − 实际缴费月数) ×
/// 缴费基数 × 缴费比例 × 1.1.
///
/// * employee of an enterprise, 150 months, base 6,000, 6.7% + 2% = 8.7%
///   (（一）: employer and member each their own share):
///   30 × 6,000 × 8.7% × 1.1 = 15,660 × 1.1 = 17,226
/// * fiscal-funded unit, 179 months, base 4,316.40, 6.4% + 2% = 8.4%:
///   1 × 4,316.40 × 8.4% × 1.1 = 362.5776 × 1.1 = 398.83536 → 398.84
/// * flexible worker at 8%, 120 months, base 5,755.20:
///   60 × 5,755.20 × 8% × 1.1 = 27,624.96 × 1.1 = 30,387.456 → 30,387.46
/// * 180 months or more: nothing is missing, 0
#[test]
fn contribution_lump_sum_for_missing_months() {
    let r = crate::common::scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    let l = &r.lump_sum.as_ref().unwrap().v;
    assert_eq!(l.amount(180, 150, y("6000"), Rate(87_000)), y("17226"));
    assert_eq!(l.amount(180, 179, y("4316.40"), Rate(84_000)), y("398.84"));
    assert_eq!(l.amount(180, 120, y("5755.20"), Rate::percent(8)), y("30387.46"));
    assert_eq!(l.amount(180, 200, y("6000"), Rate(87_000)), Money::ZERO);
}

/// 003_a595c1016aac4d2c.txt 第二十条（二）, a flexible worker's return after a
/// break in contributions:
///
/// * 3 months: not yet 中断缴费3个月以上: nothing changes (paid, no wait)
/// * 4 months, paid back: 3个月以上1年以内的，按规定补缴后享受 … 补缴后不设待遇等待期:
///   the months count, no waiting period
/// * 12 months, paid back: the same (1年以内)
/// * 13 months, paid back: 中断缴费1年以上的，补缴欠费且连续足额缴费3个月后: the
///   months count, and the 3 months' wait
/// * 13 months or 4 months, not paid back: not covered until benefits start
///   again; read as a new enrolment (（一）: 3 months after paying), the
///   break's months lost
#[test]
fn return_after_a_break_back_pay_without_waiting_within_a_year() {
    use medfund_rules::rules::waiting_period::Return;
    let r = crate::common::scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    let w = &r.waiting_period.as_ref().unwrap().v;
    let ret = |months_restored, waiting| Return { months_restored, waiting };
    assert_eq!(w.flexible_months, 3);
    assert_eq!(w.on_return(3, false), ret(true, false));
    assert_eq!(w.on_return(4, true), ret(true, false));
    assert_eq!(w.on_return(12, true), ret(true, false));
    assert_eq!(w.on_return(13, true), ret(true, true));
    assert_eq!(w.on_return(13, false), ret(false, true));
    assert_eq!(w.on_return(4, false), ret(false, true));
}

/// 003_a595c1016aac4d2c.txt 第十四条（二）: 按4%缴费的灵活就业人员，后因重新就业等原因
/// 以用人单位参保的 … 达到法定退休年龄时，变更后的累计缴费年限不得少于5年，少于5年的，
/// 需一次性按参保单位或按8%补缴不足年限.
///
/// * 3 years at a unit after the change: 5 − 3 = 2 years, 24 months
/// * 4 years 7 months: 60 − 55 = 5 months
/// * 5 years or more: none
/// * and 15 years in all still (第十四条): a member with 170 months, 2 years
///   after the change, lacks max(180 − 170, 60 − 24) = 36 months
#[test]
fn five_years_after_leaving_the_four_percent_rate() {
    use medfund_rules::member_year::Sex;
    let r = crate::common::scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    let m = &r.minimum_years.as_ref().unwrap().v;
    assert_eq!(m.change_shortfall(36), 24);
    assert_eq!(m.change_shortfall(55), 5);
    assert_eq!(m.change_shortfall(60), 0);
    assert_eq!(m.shortfall(Sex::M, 170, 170).max(m.change_shortfall(24)), 36);
}

/// Flexible workers' maternity. 003_a595c1016aac4d2c.txt 第三十六条 pays the
/// medical lump sums to 参保人员, flexible workers included; 第四十一条 gives the
/// allowance only to 女职工 whose employer pays 6.7% (flexible workers pay 4% or
/// 8%, 第十一条): none for them, whatever the wage.
///
/// * caesarean, medical 6,000 + prenatal 2,500, 12 months: fund 5,500 + 2,000
///   = 7,500; member 8,500 − 7,500 = 1,000; allowance 0
/// * termination at 5 months, 3,000: fund 2,500 (4–6 months); member 500;
///   allowance 0
#[test]
fn maternity_flexible_workers_lump_sums_without_allowance() {
    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 12},
        "claims": [{"type": "childbirth", "delivery": "caesarean", "babies": 1, "level": "3A",
                    "medical_cost": 6000, "prenatal_cost": 2500}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("7500", "0", "0", "1000")]);

    let json = r#"{"year": 2024, "context": {"employer_avg_monthly_wage": 6000},
        "member": {"category": "flexible", "sex": "F", "age": 30, "months_contributed": 12},
        "claims": [{"type": "pregnancy_termination", "months": 5, "level": "2A", "medical_cost": 3000}]}"#;
    assert_eq!(run("dingxi", json), vec![paid("2500", "0", "0", "500")]);
}

// ---------------------------------------------------------------------------
// 第四十五条（三）: the top-up on negotiated drugs (single-payment drugs)
// ---------------------------------------------------------------------------

/// 003_a595c1016aac4d2c.txt 第四十五条（三） ("三定"管理谈判药品门诊费用经基本医保
/// 支付后，年度累计自付1000元以上部分按80%据实补助); the basic fund's 70%, no
/// deductible, is an **assumption** of scenarios/dingxi.toml (第二十三条 refers
/// to a negotiated-drug policy not among the texts).
///
/// A retiree's three negotiated-drug claims in one year, as single_payment_drug:
///
/// * 3,000 (500 out of scope): fund 70% × 2,500 = 1,750; self-pay 2,500 −
///   1,750 = 750, below the 1,000: top-up 0; member 3,000 − 1,750 = 1,250
/// * 1,000: fund 700; self-pay 300, 1,050 in the year: top-up 80% × 50 = 40;
///   member 1,000 − 700 − 40 = 260
/// * 20,000: fund 14,000; self-pay 6,000, 7,050 in the year: top-up so far
///   80% × 6,050 = 4,840, of which 40 paid: 4,800; member 20,000 − 14,000 −
///   4,800 = 1,200
#[test]
fn negotiated_drugs_top_up_eighty_percent_of_the_years_self_pay_above_1000() {
    let json = r#"{"year": 2024,
        "member": {"category": "retiree", "sex": "M", "age": 70},
        "claims": [{"type": "single_payment_drug", "total": 3000, "out_of_scope": 500},
                   {"type": "single_payment_drug", "total": 1000},
                   {"type": "single_payment_drug", "total": 20000}]}"#;
    assert_eq!(
        run("dingxi", json),
        vec![paid("1750", "0", "0", "1250"), paid("700", "40", "0", "260"), paid("14000", "4800", "0", "1200")]
    );
    let r = scenario("dingxi").year_rules(Scheme::Employee, 2024).unwrap();
    assert!(r.top_up.as_ref().unwrap().cite.contains("第四十五条（一）（二）（三）"));
    assert!(r.single_payment_drug.as_ref().unwrap().cite.starts_with("assumption:"));
}

/// 第四十三条（二）: 5% of the pooled fund's current-year surplus goes to the
/// top-up fund; nothing in a year without a surplus.
#[test]
fn five_percent_of_the_pooled_surplus_to_the_top_up_fund() {
    let r = scenario("dingxi").year_rules(Scheme::Employee, 2025).unwrap();
    let tf = r.top_up_fund.as_ref().unwrap();
    assert!(tf.cite.contains("第四十三条（二）"));
    // 5% × 1,000,000.00 = 50,000.00; 5% × 0.30 = 0.015 → 0.02 (half-up).
    assert_eq!(tf.v.transfer(Money::yuan(1_000_000)), Money::yuan(50_000));
    assert_eq!(tf.v.transfer(Money(30)), Money(2));
    assert_eq!(tf.v.transfer(Money::yuan(-1)), Money::ZERO);
    assert_eq!(tf.v.surplus_share.0, Rate::percent(5));
}
