//! Worked examples for Chongqing (重庆), 渝办发〔2011〕293号
//! (`shared/seeds/002_9700c8a0963dcb6b.txt`), read with the contracts
//! `shared/spec/adjudication.md` and `shared/spec/settlement.md`.
//!
//! Every expected amount below was worked out by hand from the text, the
//! contracts and the values of `scenarios/chongqing.toml`, and is rounded
//! half-up to the fen once per claim and payer (adjudication) or once per
//! output field (settlement).
//!
//! What the text fixes and what the scenario assumes:
//!
//! * Text, 二（一）5 and 居民医保 五（一）: an admission without approval at
//!   another district's level-3 hospital, or anywhere outside the city, has
//!   its deductible raised 5% (× 1.05) and its ratio lowered 5 points
//!   (contract reading 3).
//! * Text, 居民医保 四（二）: resident ratios 80% / 60% / 40% at level 1 and
//!   below / level 2 / level 3 for tier 1, five points more for tier 2; a
//!   yearly cap of 70,000 (tier 1) and 110,000 (tier 2).
//! * Text, 二（四）2 and 二（五）: the district settlement.
//! * Scenario assumptions (the text refers to documents we do not have):
//!   employee deductibles 200 / 400 / 800 by level, employee ratios 90% /
//!   87% / 85%, retirees +5 points, employee yearly cap 6 × avg_wage,
//!   resident deductibles 100 / 300 / 800, 10% self-pay-first on class-B
//!   drugs, part-paid items and materials for both schemes.
//!
//! Level mapping (contract): `unrated`, `1` → level 1 and below; `2B`, `2A`
//! → level 2; `3B`, `3A` → level 3.

use crate::common::*;

use medfund_rules::money::Money;
use serde_json::Value;

// ------------------------------------------------------------------ helpers

/// The settle contract's answer for one line, parsed, after checking that
/// every amount on the line is printed with exactly two decimals.
fn settle(json: &str) -> Value {
    let line = settle_line(json).unwrap_or_else(|e| panic!("refused: {e:?}"));
    assert_two_decimals(&line);
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

/// Every number printed after `": ` has the form `digits.dd`.
fn assert_two_decimals(line: &str) {
    for (i, _) in line.match_indices("\": ") {
        let rest = &line[i + 3..];
        if !rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            continue;
        }
        let tok: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
        let dec = tok.split_once('.').map(|(_, d)| d.len());
        assert_eq!(dec, Some(2), "amount `{tok}` is not printed with two decimals in {line}");
    }
}

/// An amount of the answer as money.
fn amount(v: &Value, key: &str) -> Money {
    let x = v.get(key).unwrap_or_else(|| panic!("no field `{key}` in {v}"));
    let f = x.as_f64().unwrap_or_else(|| panic!("`{key}` is not a number in {v}"));
    Money::from_yuan_f64(f).unwrap()
}

/// Compare the named amounts of one district (or of the city block) with
/// the hand-computed values.
fn expect(v: &Value, what: &str, expected: &[(&str, &str)]) {
    for (k, e) in expected {
        assert_eq!(amount(v, k), y(e), "{what}: `{k}`");
    }
}

/// All eleven output fields of a district, in the contract's order.
#[allow(clippy::too_many_arguments)]
fn district(
    out: &Value,
    i: usize,
    name: &str,
    collection: [&str; 4],
    savings_retained: &str,
    overspend: [&str; 5],
    surplus_closing: &str,
) {
    let d = &out["districts"][i];
    assert_eq!(d["name"], name, "district {i}");
    let [collection_retained, shortfall, shortfall_from_surplus, shortfall_from_government] = collection;
    let [overspend, overspend_city, overspend_district, overspend_from_surplus, overspend_from_government] = overspend;
    expect(
        d,
        name,
        &[
            ("collection_retained", collection_retained),
            ("shortfall", shortfall),
            ("shortfall_from_surplus", shortfall_from_surplus),
            ("shortfall_from_government", shortfall_from_government),
            ("savings_retained", savings_retained),
            ("overspend", overspend),
            ("overspend_city", overspend_city),
            ("overspend_district", overspend_district),
            ("overspend_from_surplus", overspend_from_surplus),
            ("overspend_from_government", overspend_from_government),
            ("surplus_closing", surplus_closing),
        ],
    );
}

/// The city block: (overspend_city, shortfall_from_government, overspend_from_government).
fn city(out: &Value, overspend_city: &str, shortfall_from_government: &str, overspend_from_government: &str) {
    expect(
        &out["city"],
        "city",
        &[
            ("overspend_city", overspend_city),
            ("shortfall_from_government", shortfall_from_government),
            ("overspend_from_government", overspend_from_government),
        ],
    );
}

// ============================================================ adjudication

/// Employee admission at a local level-3A hospital, on the scenario's
/// ASSUMED employee table (the text, 二（一）3, only says the city has one
/// unified benefit policy; deductible 800 at level 3, ratio 85%, 10%
/// self-pay-first are the scenario's assumptions).
///
/// self-pay-first = 10% × (class B 5,000 + item 800 + material 12,000)
///                = 10% × 17,800 = 1,780
/// scope          = 30,000 − 2,000 − 1,780 = 26,220
/// fund           = (26,220 − 800) × 85% = 25,420 × 0.85 = 21,607.00
/// member         = 30,000 − 21,607 = 8,393.00
#[test]
fn employee_local_3a_on_the_assumed_table() {
    let json = r#"{"id": "cq-emp-1", "year": 2023,
        "member": {"category": "employee", "sex": "M", "age": 45},
        "claims": [{"type": "inpatient", "level": "3A", "place": "local", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("21607", "0", "0", "8393")]);
}

/// Retiree, same admission: the scenario ASSUMES retirees take the
/// in-service ratio +5 points (90% at level 3) and the same deductible; a
/// bill below the deductible gets nothing from the fund.
///
/// claim 1: scope 26,220 as above; fund = (26,220 − 800) × 90% = 22,878.00;
///          member = 30,000 − 22,878 = 7,122.00
/// claim 2: level 3B, total 700 < deductible 800: fund 0, member 700.00
#[test]
fn retiree_local_on_the_assumed_table_and_a_bill_under_the_deductible() {
    let json = r#"{"id": "cq-ret-1", "year": 2023,
        "member": {"category": "retiree", "sex": "F", "age": 66},
        "claims": [{"type": "inpatient", "level": "3A", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]},
                   {"type": "inpatient", "level": "3B", "total": 700}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("22878", "0", "0", "7122"), paid("0", "0", "0", "700")]);
}

/// 002_9700c8a0963dcb6b.txt 二（一）5: 在市内非参保所在区县三级定点医疗机构住院
/// … 未经同意的，住院起付线提高5%，同时报销比例下降5%. The contract place
/// `nonlocal_self` is another district's hospital without approval
/// (scenario note); contract reading 3: deductible × 1.05, ratio −5 points.
/// The base deductible 800 and ratio 85% are the scenario's assumptions.
///
/// claim 1 (3A): deductible = 800 × 1.05 = 840; ratio = 85% − 5 = 80%
///   scope = 26,220 (as in the local example)
///   fund = (26,220 − 840) × 80% = 25,380 × 0.8 = 20,304.00
///   member = 30,000 − 20,304 = 9,696.00
/// claim 2 (3B, needs rounding): total 12,345.67, class B 333.33
///   self-pay-first = 10% × 333.33 = 33.333; scope = 12,345.67 − 33.333 = 12,312.337
///   fund = (12,312.337 − 840) × 80% = 11,472.337 × 0.8 = 9,177.8696 → 9,177.87
///   member = 12,345.67 − 9,177.87 = 3,167.80
#[test]
fn unapproved_level_3_admission_in_another_district_is_penalised() {
    let json = r#"{"id": "cq-emp-2", "year": 2023,
        "member": {"category": "employee", "sex": "M", "age": 45},
        "claims": [{"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]},
                   {"type": "inpatient", "level": "3B", "place": "nonlocal_self", "total": 12345.67,
                    "class_b_drugs": 333.33}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("20304", "0", "0", "9696"), paid("9177.87", "0", "0", "3167.80")]);
}

/// 002_9700c8a0963dcb6b.txt 二（一）5: 在参保所在区县各级定点医疗机构和市内其他
/// 二级及二级以下定点医疗机构住院，由本人自主选择 — another district's level-2
/// or level-1 hospital needs no approval, so `nonlocal_self` there has no
/// penalty. Deductibles 400 / 200 and ratios 87% / 90% are the scenario's
/// assumptions.
///
/// claim 1 (2A): total 10,000, out of scope 500, class B 1,000
///   self-pay-first = 100; scope = 10,000 − 500 − 100 = 9,400
///   fund = (9,400 − 400) × 87% = 9,000 × 0.87 = 7,830.00; member = 2,170.00
/// claim 2 (1): total 3,000, scope 3,000
///   fund = (3,000 − 200) × 90% = 2,520.00; member = 480.00
#[test]
fn same_place_at_level_2_or_1_has_no_penalty() {
    let json = r#"{"id": "cq-emp-3", "year": 2023,
        "member": {"category": "employee", "sex": "F", "age": 38},
        "claims": [{"type": "inpatient", "level": "2A", "place": "nonlocal_self", "total": 10000, "out_of_scope": 500,
                    "class_b_drugs": 1000},
                   {"type": "inpatient", "level": "1", "place": "nonlocal_self", "total": 3000}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("7830", "0", "0", "2170"), paid("2520", "0", "0", "480")]);
}

/// 002_9700c8a0963dcb6b.txt 二（一）5 (last paragraph): outside the city
/// without approval, 按我市同级定点医疗机构住院标准，起付线提高5%，同时报销比例下降5%
/// — at every level (`nonlocal_self_cross_province`, scenario note). Base
/// values are the scenario's assumptions.
///
/// claim 1 (2A): deductible = 400 × 1.05 = 420; ratio = 87% − 5 = 82%
///   scope 9,400 (as above): fund = (9,400 − 420) × 82% = 8,980 × 0.82 = 7,363.60
///   member = 10,000 − 7,363.60 = 2,636.40
/// claim 2 (unrated → level 1): deductible = 200 × 1.05 = 210; ratio = 90% − 5 = 85%
///   fund = (3,000 − 210) × 85% = 2,790 × 0.85 = 2,371.50; member = 628.50
/// claim 3 (3A): deductible 840, ratio 80%, scope 26,220 → 20,304.00 / 9,696.00
#[test]
fn outside_the_city_without_approval_is_penalised_at_every_level() {
    let json = r#"{"id": "cq-emp-4", "year": 2023,
        "member": {"category": "employee", "sex": "M", "age": 52},
        "claims": [{"type": "inpatient", "level": "2A", "place": "nonlocal_self_cross_province", "total": 10000,
                    "out_of_scope": 500, "class_b_drugs": 1000},
                   {"type": "inpatient", "level": "unrated", "place": "nonlocal_self_cross_province", "total": 3000},
                   {"type": "inpatient", "level": "3A", "place": "nonlocal_self_cross_province", "total": 30000,
                    "out_of_scope": 2000, "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]}]}"#;
    assert_eq!(
        run("chongqing", json),
        vec![
            paid("7363.60", "0", "0", "2636.40"),
            paid("2371.50", "0", "0", "628.50"),
            paid("20304", "0", "0", "9696")
        ]
    );
}

/// 002_9700c8a0963dcb6b.txt 二（一）5: 对办理了上述相关手续的参保人员，其医疗费用
/// 按我市城镇职工医疗保险相关规定报销 — filed long-term residence, an approved
/// referral and a reported emergency are settled on local terms (contract
/// reading 3 and the scenario note). Base values are the scenario's
/// assumptions; there is no repeat-admission reduction in Chongqing.
///
/// each claim: scope 26,220; fund = (26,220 − 800) × 85% = 21,607.00; member 8,393.00
#[test]
fn filed_referral_and_emergency_are_on_local_terms() {
    let json = r#"{"id": "cq-emp-5", "year": 2023,
        "member": {"category": "employee", "sex": "F", "age": 41},
        "claims": [{"type": "inpatient", "level": "3A", "place": "nonlocal_filed", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]},
                   {"type": "inpatient", "level": "3A", "place": "nonlocal_referral", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]},
                   {"type": "inpatient", "level": "3A", "place": "nonlocal_emergency", "total": 30000, "out_of_scope": 2000,
                    "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]}]}"#;
    let e = paid("21607", "0", "0", "8393");
    assert_eq!(run("chongqing", json), vec![e, e, e]);
}

/// The employee yearly cap is the scenario's ASSUMPTION (6 × avg_wage, the
/// national guideline of the period; the text has none). With avg_wage
/// 10,000 in the context: cap = 60,000.
///
/// claim 1 (level 1): fund = (40,000 − 200) × 90% = 35,820.00; member 4,180.00
/// claim 2 (level 1): (40,000 − 200) × 90% = 35,820, cap left 60,000 − 35,820 = 24,180
///   fund 24,180.00; member = 40,000 − 24,180 = 15,820.00
#[test]
fn employee_assumed_yearly_cap() {
    let json = r#"{"id": "cq-emp-6", "year": 2023, "context": {"avg_wage": 10000},
        "member": {"category": "employee", "sex": "M", "age": 60},
        "claims": [{"type": "inpatient", "level": "1", "total": 40000},
                   {"type": "inpatient", "level": "1", "total": 40000}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("35820", "0", "0", "4180"), paid("24180", "0", "0", "15820")]);
}

/// 002_9700c8a0963dcb6b.txt 居民医保 四（二）: 一档参保居民在一级及以下、二级、
/// 三级医疗机构的住院报销比例分别提高到80%、60%和40%. Resident deductibles
/// 100 / 300 / 800 and the 10% self-pay-first are the scenario's
/// assumptions.
///
/// claim 1 (unrated): (5,000 − 100) × 80% = 3,920.00; member 1,080.00
/// claim 2 (2B):      (5,000 − 300) × 60% = 2,820.00; member 2,180.00
/// claim 3 (3A):      (5,000 − 800) × 40% = 1,680.00; member 3,320.00
/// claim 4 (1): total 8,000, class B 2,000 → self-pay-first 200, scope 7,800
///                    (7,800 − 100) × 80% = 6,160.00; member 1,840.00
/// year so far 14,580 < 70,000: the cap does not bite.
#[test]
fn resident_tier_1_ratios_by_level() {
    let json = r#"{"id": "cq-res-1", "year": 2023,
        "member": {"category": "resident", "sex": "F", "age": 58, "resident_tier": 1},
        "claims": [{"type": "inpatient", "level": "unrated", "total": 5000},
                   {"type": "inpatient", "level": "2B", "total": 5000},
                   {"type": "inpatient", "level": "3A", "total": 5000},
                   {"type": "inpatient", "level": "1", "total": 8000, "class_b_drugs": 2000}]}"#;
    assert_eq!(
        run("chongqing", json),
        vec![
            paid("3920", "0", "0", "1080"),
            paid("2820", "0", "0", "2180"),
            paid("1680", "0", "0", "3320"),
            paid("6160", "0", "0", "1840"),
        ]
    );
}

/// 002_9700c8a0963dcb6b.txt 居民医保 四（二）: 二档参保居民在一档基础上相应提高5%
/// — five points (contract reading 3): 85% / 65% / 45%. Deductibles are the
/// scenario's assumptions.
///
/// claim 1 (1):  (5,000 − 100) × 85% = 4,165.00; member 835.00
/// claim 2 (2A): (5,000 − 300) × 65% = 3,055.00; member 1,945.00
/// claim 3 (3B): (5,000 − 800) × 45% = 1,890.00; member 3,110.00
#[test]
fn resident_tier_2_is_five_points_higher() {
    let json = r#"{"id": "cq-res-2", "year": 2023,
        "member": {"category": "resident", "sex": "M", "age": 30, "resident_tier": 2},
        "claims": [{"type": "inpatient", "level": "1", "total": 5000},
                   {"type": "inpatient", "level": "2A", "total": 5000},
                   {"type": "inpatient", "level": "3B", "total": 5000}]}"#;
    assert_eq!(
        run("chongqing", json),
        vec![paid("4165", "0", "0", "835"), paid("3055", "0", "0", "1945"), paid("1890", "0", "0", "3110")]
    );
}

/// 002_9700c8a0963dcb6b.txt 居民医保 五（一）: the same penalty for residents
/// (未经同意的，住院起付线提高5%，同时报销比例下降5%), applied after the tier.
///
/// claim 1, tier 2, 3A in another district without approval:
///   deductible = 800 × 1.05 = 840; ratio = 40% + 5 (tier 2) − 5 (penalty) = 40%
///   fund = (10,000 − 840) × 40% = 9,160 × 0.4 = 3,664.00; member 6,336.00
/// claim 2, tier 2, 2A outside the city without approval:
///   deductible = 300 × 1.05 = 315; ratio = 60% + 5 − 5 = 60%
///   fund = (10,000 − 315) × 60% = 9,685 × 0.6 = 5,811.00; member 4,189.00
#[test]
fn resident_unapproved_admissions_are_penalised_after_the_tier() {
    let json = r#"{"id": "cq-res-3", "year": 2023,
        "member": {"category": "resident", "sex": "F", "age": 70, "resident_tier": 2},
        "claims": [{"type": "inpatient", "level": "3A", "place": "nonlocal_self", "total": 10000},
                   {"type": "inpatient", "level": "2A", "place": "nonlocal_self_cross_province", "total": 10000}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("3664", "0", "0", "6336"), paid("5811", "0", "0", "4189")]);
}

/// 002_9700c8a0963dcb6b.txt 居民医保 四（二）: 参保居民年累计最高支付限额为：一档
/// 7万元 — the cap is reached on the second admission (contract: the
/// accumulator runs over the claims in order, on rounded amounts).
///
/// claim 1 (3A): (150,000 − 800) × 40% = 59,680.00; member 90,320.00
/// claim 2 (3A): 59,680 again, but only 70,000 − 59,680 = 10,320 is left
///   fund 10,320.00; member 150,000 − 10,320 = 139,680.00
/// claim 3 (1): (1,000 − 100) × 80% = 720, nothing left: fund 0; member 1,000.00
#[test]
fn resident_tier_1_cap_70000_across_two_admissions() {
    let json = r#"{"id": "cq-res-4", "year": 2023,
        "member": {"category": "resident", "sex": "M", "age": 64, "resident_tier": 1},
        "claims": [{"type": "inpatient", "level": "3A", "total": 150000},
                   {"type": "inpatient", "level": "3A", "total": 150000},
                   {"type": "inpatient", "level": "1", "total": 1000}]}"#;
    assert_eq!(
        run("chongqing", json),
        vec![paid("59680", "0", "0", "90320"), paid("10320", "0", "0", "139680"), paid("0", "0", "0", "1000")]
    );
}

/// 002_9700c8a0963dcb6b.txt 居民医保 四（二）: 二档 11万元.
///
/// claim 1 (1): (80,000 − 100) × 85% = 79,900 × 0.85 = 67,915.00; member 12,085.00
/// claim 2 (1): 67,915 again; left 110,000 − 67,915 = 42,085
///   fund 42,085.00; member 80,000 − 42,085 = 37,915.00
/// (a tier-1 member would have hit 70,000 already: 67,915 + 2,085)
#[test]
fn resident_tier_2_cap_110000_across_two_admissions() {
    let json = r#"{"id": "cq-res-5", "year": 2023,
        "member": {"category": "resident", "sex": "F", "age": 45, "resident_tier": 2},
        "claims": [{"type": "inpatient", "level": "1", "total": 80000},
                   {"type": "inpatient", "level": "1", "total": 80000}]}"#;
    assert_eq!(run("chongqing", json), vec![paid("67915", "0", "0", "12085"), paid("42085", "0", "0", "37915")]);
}

/// 002_9700c8a0963dcb6b.txt 居民医保 三（三）, 四（二）: residents contribute in
/// tier 1 or tier 2 and the ratios and caps depend on it, so a resident
/// without `resident_tier` cannot be settled (bad input, field named).
#[test]
fn resident_without_a_tier_is_refused() {
    let json = r#"{"id": "cq-res-6", "year": 2023,
        "member": {"category": "resident", "sex": "M", "age": 12},
        "claims": [{"type": "inpatient", "level": "2A", "total": 4000}]}"#;
    assert_eq!(run_err("chongqing", json).field, "member.resident_tier");
}

/// The Chongqing texts give no general outpatient pooling nor maternity
/// benefits (居民医保 四（二） sends outpatient pooling to 渝府发〔2007〕113号,
/// not among the texts; the scenario covers admissions only): such claims
/// are bad input under the contract ("a claim type the scenario does not
/// cover"), with the claim's `type` named.
#[test]
fn outpatient_and_childbirth_are_not_covered() {
    let outpatient = r#"{"id": "cq-op", "year": 2023,
        "member": {"category": "employee", "sex": "M", "age": 40},
        "claims": [{"type": "outpatient", "level": "1", "total": 300}]}"#;
    assert_eq!(run_err("chongqing", outpatient).field, "claims[0].type");

    let childbirth = r#"{"id": "cq-birth", "year": 2023,
        "member": {"category": "employee", "sex": "F", "age": 29},
        "claims": [{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A",
                    "medical_cost": 4000, "prenatal_cost": 800}]}"#;
    assert_eq!(run_err("chongqing", childbirth).field, "claims[0].type");

    let resident_outpatient = r#"{"id": "cq-res-op", "year": 2023,
        "member": {"category": "resident", "sex": "F", "age": 8, "resident_tier": 1},
        "claims": [{"type": "outpatient", "level": "1", "total": 120}]}"#;
    assert_eq!(run_err("chongqing", resident_outpatient).field, "claims[0].type");
}

// ============================================================== settlement

/// The contract's own example (spec/settlement.md), 002 二（四）2 and 二（五）.
///
/// rule 1: floor = 95% × 100,000 = 95,000; 102,000 > 95,000
///         collection_retained = 50% × 7,000 = 3,500.00
/// rule 2: overspend = 95,000 − 90,000 = 5,000; main urban: city 50% = 2,500,
///         district 2,500, from the opening surplus 3,000 → 2,500, government 0
/// rule 3: closing = 3,000 − 0 − 2,500 + 3,500 + 0 = 4,000.00
#[test]
fn settle_the_contract_example() {
    let out = settle(
        r#"{"id": "y2012", "districts": [
          {"name": "渝中", "class": "main_urban", "collection_target": 100000, "collection_actual": 102000,
           "spending_target": 90000, "spending_actual": 95000, "surplus_opening": 3000, "assessment_passed": true}]}"#,
    );
    assert_eq!(out["id"], "y2012");
    district(&out, 0, "渝中", ["3500", "0", "0", "0"], "0", ["5000", "2500", "2500", "2500", "0"], "4000");
    city(&out, "2500", "0", "0");
}

/// 002_9700c8a0963dcb6b.txt 二（四）2: 实际征收超过征收任务95%的区县，其超出95%的部分
/// 的50%留存区县.
///
/// 江北: floor = 95% × 100,000 = 95,000; retained = 50% × (98,000 − 95,000) = 1,500.00
///       spending exactly on target, passed: saving 0 → 0
///       closing = 1,000 + 1,500 = 2,500.00
/// 南岸: collects exactly 95,000: neither above nor below the floor →
///       nothing retained, no shortfall; closing = opening 1,000.00
#[test]
fn settle_collection_above_95_percent_retains_half_the_excess() {
    let out = settle(
        r#"{"id": "above", "districts": [
          {"name": "江北", "class": "main_urban", "collection_target": 100000, "collection_actual": 98000,
           "spending_target": 90000, "spending_actual": 90000, "surplus_opening": 1000, "assessment_passed": true},
          {"name": "南岸", "class": "main_urban", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 90000, "spending_actual": 90000, "surplus_opening": 1000, "assessment_passed": true}]}"#,
    );
    district(&out, 0, "江北", ["1500", "0", "0", "0"], "0", ["0", "0", "0", "0", "0"], "2500");
    district(&out, 1, "南岸", ["0", "0", "0", "0"], "0", ["0", "0", "0", "0", "0"], "1000");
    city(&out, "0", "0", "0");
}

/// 002_9700c8a0963dcb6b.txt 二（四）2: 低于征收任务95%的差额部分由当地基本医疗保险
/// 统筹结余基金支付；统筹结余基金不足以支付的，由区县政府予以弥补.
///
/// 綦江 (surplus enough): floor = 95% × 200,000 = 190,000; shortfall = 190,000 − 180,000
///       = 10,000; from surplus 10,000 (of 15,000), government 0; closing 5,000.00
/// 潼南 (surplus short): shortfall = 190,000 − 170,000 = 20,000; from surplus 15,000,
///       government 5,000; closing 0.00
/// city: shortfall_from_government = 0 + 5,000 = 5,000.00
#[test]
fn settle_collection_shortfall_from_surplus_then_government() {
    let out = settle(
        r#"{"id": "below", "districts": [
          {"name": "綦江", "class": "other", "collection_target": 200000, "collection_actual": 180000,
           "spending_target": 150000, "spending_actual": 150000, "surplus_opening": 15000, "assessment_passed": true},
          {"name": "潼南", "class": "other", "collection_target": 200000, "collection_actual": 170000,
           "spending_target": 150000, "spending_actual": 150000, "surplus_opening": 15000, "assessment_passed": true}]}"#,
    );
    district(&out, 0, "綦江", ["0", "10000", "10000", "0"], "0", ["0", "0", "0", "0", "0"], "5000");
    district(&out, 1, "潼南", ["0", "20000", "15000", "5000"], "0", ["0", "0", "0", "0", "0"], "0");
    city(&out, "0", "5000", "0");
}

/// 002_9700c8a0963dcb6b.txt 二（五）: 各区县完成目标考核任务后，统筹基金实际支出未
/// 超过下达的基金支出指标的，节支部分的60%留存区县 — only after the assessment.
///
/// 万州 (passed): saving = 80,000 − 70,000 = 10,000; retained 60% = 6,000.00
///       collection exactly at 95% of 100,000: nothing; closing = 2,000 + 6,000 = 8,000.00
/// 黔江 (failed): the same figures, no retention; closing = 2,000.00
#[test]
fn settle_savings_retained_only_when_the_assessment_passed() {
    let out = settle(
        r#"{"id": "savings", "districts": [
          {"name": "万州", "class": "regional_center", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 80000, "spending_actual": 70000, "surplus_opening": 2000, "assessment_passed": true},
          {"name": "黔江", "class": "regional_center", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 80000, "spending_actual": 70000, "surplus_opening": 2000, "assessment_passed": false}]}"#,
    );
    district(&out, 0, "万州", ["0", "0", "0", "0"], "6000", ["0", "0", "0", "0", "0"], "8000");
    district(&out, 1, "黔江", ["0", "0", "0", "0"], "0", ["0", "0", "0", "0", "0"], "2000");
    city(&out, "0", "0", "0");
}

/// 002_9700c8a0963dcb6b.txt 二（五）: 主城区统筹基金缺口由市级承担50%…区域中心城市
/// …市级承担55%…其他区县…市级承担60%; 区县承担部分可由本地区统筹结余基金支付；
/// 不足以支付的，由区县政府负担.
///
/// Each: collection exactly at the floor (95,000 of 100,000), spending 110,000
/// of 100,000 → overspend 10,000.
/// 沙坪坝 main urban:      city 5,000, district 5,000; surplus 3,000 → 3,000, government 2,000; closing 0
/// 涪陵 regional centre:   city 5,500, district 4,500; surplus 3,000 → 3,000, government 1,500; closing 0
/// 酉阳 other:             city 6,000, district 4,000; surplus 5,000 → 4,000, government 0; closing 1,000
/// city: overspend_city = 5,000 + 5,500 + 6,000 = 16,500.00;
///       overspend_from_government = 2,000 + 1,500 + 0 = 3,500.00
#[test]
fn settle_overspend_shared_50_55_60_by_class() {
    let out = settle(
        r#"{"id": "overspend", "districts": [
          {"name": "沙坪坝", "class": "main_urban", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 100000, "spending_actual": 110000, "surplus_opening": 3000, "assessment_passed": true},
          {"name": "涪陵", "class": "regional_center", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 100000, "spending_actual": 110000, "surplus_opening": 3000, "assessment_passed": true},
          {"name": "酉阳", "class": "other", "collection_target": 100000, "collection_actual": 95000,
           "spending_target": 100000, "spending_actual": 110000, "surplus_opening": 5000, "assessment_passed": true}]}"#,
    );
    district(&out, 0, "沙坪坝", ["0", "0", "0", "0"], "0", ["10000", "5000", "5000", "3000", "2000"], "0");
    district(&out, 1, "涪陵", ["0", "0", "0", "0"], "0", ["10000", "5500", "4500", "3000", "1500"], "0");
    district(&out, 2, "酉阳", ["0", "0", "0", "0"], "0", ["10000", "6000", "4000", "4000", "0"], "1000");
    city(&out, "16500", "0", "3500");
}

/// spec/settlement.md rule 2: the district part of an overspend is paid
/// from what is left of the surplus AFTER the collection shortfall (rule 1);
/// the split applies even when the assessment failed (contract reading).
///
/// 石柱 (other, assessment failed):
/// rule 1: floor = 95,000; shortfall = 95,000 − 90,000 = 5,000; from surplus 5,000 (of 8,000), government 0
/// rule 2: overspend = 60,000 − 50,000 = 10,000; city 60% = 6,000; district 4,000;
///         surplus left 8,000 − 5,000 = 3,000 → 3,000 from surplus, 1,000 government
/// rule 3: closing = 8,000 − 5,000 − 3,000 + 0 + 0 = 0.00
#[test]
fn settle_overspend_uses_the_surplus_left_after_the_shortfall() {
    let out = settle(
        r#"{"id": "both", "districts": [
          {"name": "石柱", "class": "other", "collection_target": 100000, "collection_actual": 90000,
           "spending_target": 50000, "spending_actual": 60000, "surplus_opening": 8000, "assessment_passed": false}]}"#,
    );
    district(&out, 0, "石柱", ["0", "5000", "5000", "0"], "0", ["10000", "6000", "4000", "3000", "1000"], "0");
    city(&out, "6000", "0", "1000");
}

/// spec/settlement.md rule 3 and 002 二（四）2 (留存区县，用于今后弥补…差额和缺口):
/// what a district retains this year serves LATER years' gaps, not this
/// year's.
///
/// 九龙坡 (main urban, opening surplus 0):
/// rule 1: retained = 50% × (105,000 − 95,000) = 5,000.00
/// rule 2: overspend 4,000; city 2,000; district 2,000; the surplus is 0 (the
///         5,000 just retained does not count) → 0 from surplus, 2,000 government
/// rule 3: closing = 0 − 0 − 0 + 5,000 + 0 = 5,000.00
#[test]
fn settle_retained_amounts_do_not_serve_this_years_gaps() {
    let out = settle(
        r#"{"id": "later", "districts": [
          {"name": "九龙坡", "class": "main_urban", "collection_target": 100000, "collection_actual": 105000,
           "spending_target": 100000, "spending_actual": 104000, "surplus_opening": 0, "assessment_passed": true}]}"#,
    );
    district(&out, 0, "九龙坡", ["5000", "0", "0", "0"], "0", ["4000", "2000", "2000", "0", "2000"], "5000");
    city(&out, "2000", "0", "2000");
}

/// spec/settlement.md: the `city` block sums the district fields of the
/// same names.
///
/// 渝中 main urban: shortfall = 95,000 − 90,000 = 5,000 → surplus 2,000, government 3,000;
///       overspend 84,000 − 80,000 = 4,000 → city 2,000, district 2,000, surplus left 0 →
///       government 2,000; closing 0
/// 万州 regional centre: retained = 50% × (200,000 − 190,000) = 5,000;
///       overspend 20,000 → city 11,000, district 9,000 → surplus 9,000 (of 10,000), government 0;
///       closing = 10,000 − 9,000 + 5,000 = 6,000
/// 城口 other: floor 47,500, shortfall 7,500 → surplus 1,000, government 6,500;
///       saving 30,000 − 25,000 = 5,000, passed → 3,000 retained; closing = 1,000 − 1,000 + 3,000 = 3,000
/// city: overspend_city = 2,000 + 11,000 + 0 = 13,000.00
///       shortfall_from_government = 3,000 + 0 + 6,500 = 9,500.00
///       overspend_from_government = 2,000 + 0 + 0 = 2,000.00
#[test]
fn settle_city_block_sums_the_districts() {
    let out = settle(
        r#"{"id": "y2013", "districts": [
          {"name": "渝中", "class": "main_urban", "collection_target": 100000, "collection_actual": 90000,
           "spending_target": 80000, "spending_actual": 84000, "surplus_opening": 2000, "assessment_passed": true},
          {"name": "万州", "class": "regional_center", "collection_target": 200000, "collection_actual": 200000,
           "spending_target": 100000, "spending_actual": 120000, "surplus_opening": 10000, "assessment_passed": true},
          {"name": "城口", "class": "other", "collection_target": 50000, "collection_actual": 40000,
           "spending_target": 30000, "spending_actual": 25000, "surplus_opening": 1000, "assessment_passed": true}]}"#,
    );
    assert_eq!(out["districts"].as_array().unwrap().len(), 3);
    district(&out, 0, "渝中", ["0", "5000", "2000", "3000"], "0", ["4000", "2000", "2000", "0", "2000"], "0");
    district(&out, 1, "万州", ["5000", "0", "0", "0"], "0", ["20000", "11000", "9000", "9000", "0"], "6000");
    district(&out, 2, "城口", ["0", "7500", "1000", "6500"], "3000", ["0", "0", "0", "0", "0"], "3000");
    city(&out, "13000", "9500", "2000");
}

/// spec/settlement.md: amounts rounded half-up to 0.01 (the rules are exact
/// until then; derived fields follow from the rounded ones).
///
/// 大渡口 main urban: floor = 0.95 × 100,000.01 = 95,000.0095
///   retained = 50% × (100,000 − 95,000.0095) = 50% × 4,999.9905 = 2,499.99525 → 2,500.00
///   saving = 80,000.01 − 70,000 = 10,000.01; × 60% = 6,000.006 → 6,000.01
///   closing = 0.01 + 2,500.00 + 6,000.01 = 8,500.02
/// 巫溪 other: shortfall = 95,000.0095 − 90,000 = 5,000.0095 → 5,000.01
///   surplus 1,000.00 → 1,000.00, government 4,000.01
///   overspend = 10,000.03 − 10,000 = 0.03; city 60% = 0.018 → 0.02; district 0.01
///   surplus left 0 → government 0.01; closing 0.00
/// 永川 regional centre: floor = 0.95 × 33,333.33 = 31,666.6635
///   retained = 50% × (33,333.33 − 31,666.6635) = 50% × 1,666.6665 = 833.33325 → 833.33
///   overspend = 13,345.68 − 12,345.67 = 1,000.01; city 55% = 550.0055 → 550.01;
///   district = 1,000.01 − 550.01 = 450.00 (also 450.0045 → 450.00)
///   surplus 100.00 → 100.00, government 350.00; closing = 100 − 100 + 833.33 = 833.33
/// 秀山 other: retained = 50% × (95,000.01 − 95,000) = 0.005 → 0.01 (half-up, not to even)
///   spending on target, passed: 0; closing 0.01
/// city: overspend_city = 0.02 + 550.01 = 550.03; shortfall_from_government = 4,000.01;
///       overspend_from_government = 0.01 + 350.00 = 350.01
#[test]
fn settle_rounds_half_up_to_the_fen() {
    let out = settle(
        r#"{"id": "fen", "districts": [
          {"name": "大渡口", "class": "main_urban", "collection_target": 100000.01, "collection_actual": 100000,
           "spending_target": 80000.01, "spending_actual": 70000, "surplus_opening": 0.01, "assessment_passed": true},
          {"name": "巫溪", "class": "other", "collection_target": "100000.01", "collection_actual": 90000,
           "spending_target": 10000, "spending_actual": 10000.03, "surplus_opening": 1000, "assessment_passed": true},
          {"name": "永川", "class": "regional_center", "collection_target": 33333.33, "collection_actual": 33333.33,
           "spending_target": 12345.67, "spending_actual": 13345.68, "surplus_opening": 100, "assessment_passed": true},
          {"name": "秀山", "class": "other", "collection_target": 100000, "collection_actual": 95000.01,
           "spending_target": 100, "spending_actual": 100, "surplus_opening": 0, "assessment_passed": true}]}"#,
    );
    district(&out, 0, "大渡口", ["2500", "0", "0", "0"], "6000.01", ["0", "0", "0", "0", "0"], "8500.02");
    district(&out, 1, "巫溪", ["0", "5000.01", "1000", "4000.01"], "0", ["0.03", "0.02", "0.01", "0", "0.01"], "0");
    district(&out, 2, "永川", ["833.33", "0", "0", "0"], "0", ["1000.01", "550.01", "450", "100", "350"], "833.33");
    district(&out, 3, "秀山", ["0.01", "0", "0", "0"], "0", ["0", "0", "0", "0", "0"], "0.01");
    city(&out, "550.03", "4000.01", "350.01");
}

/// spec/settlement.md Readings: a negative `surplus_opening` is bad input;
/// so is an unknown class (not one of main_urban, regional_center, other)
/// and a missing required field; the field is named with its district.
#[test]
fn settle_bad_input_names_the_field() {
    let negative = r#"{"id": "bad1", "districts": [
      {"name": "渝北", "class": "main_urban", "collection_target": 100000, "collection_actual": 100000,
       "spending_target": 90000, "spending_actual": 90000, "surplus_opening": -1, "assessment_passed": true}]}"#;
    assert_eq!(settle_line(negative).unwrap_err().field, "districts[0].surplus_opening");

    let unknown_class = r#"{"id": "bad2", "districts": [
      {"name": "渝北", "class": "main_urban", "collection_target": 100000, "collection_actual": 100000,
       "spending_target": 90000, "spending_actual": 90000, "surplus_opening": 0, "assessment_passed": true},
      {"name": "巴南", "class": "suburban", "collection_target": 100000, "collection_actual": 100000,
       "spending_target": 90000, "spending_actual": 90000, "surplus_opening": 0, "assessment_passed": true}]}"#;
    assert_eq!(settle_line(unknown_class).unwrap_err().field, "districts[1].class");

    let missing_spending = r#"{"id": "bad3", "districts": [
      {"name": "渝北", "class": "main_urban", "collection_target": 100000, "collection_actual": 100000,
       "spending_target": 90000, "surplus_opening": 0, "assessment_passed": true}]}"#;
    assert_eq!(settle_line(missing_spending).unwrap_err().field, "districts[0].spending_actual");

    let missing_assessment = r#"{"id": "bad4", "districts": [
      {"name": "渝北", "class": "main_urban", "collection_target": 100000, "collection_actual": 100000,
       "spending_target": 90000, "spending_actual": 80000, "surplus_opening": 0}]}"#;
    assert_eq!(settle_line(missing_assessment).unwrap_err().field, "districts[0].assessment_passed");
}

/// spec/settlement.md gives no default for any input field (unlike
/// spec/adjudication.md, which names its optional fields and defaults), and
/// rule 1 and 2 depend on `surplus_opening`: a district line without it is
/// incomplete and should be refused, not settled as if its surplus were 0
/// (which would silently move the shortfall and the district's overspend
/// share onto the district government).
#[test]
fn settle_missing_surplus_opening_is_refused() {
    let missing_surplus = r#"{"id": "bad5", "districts": [
      {"name": "渝北", "class": "main_urban", "collection_target": 100000, "collection_actual": 90000,
       "spending_target": 90000, "spending_actual": 90000, "assessment_passed": true}]}"#;
    assert_eq!(settle_line(missing_surplus).unwrap_err().field, "districts[0].surplus_opening");
}
