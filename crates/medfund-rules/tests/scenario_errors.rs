//! A malformed scenario is refused with one clear error naming the file, the
//! line and the key (issue 2: unknown key, ratio outside 0–1, a deductible
//! schedule with a missing level, dates out of order, a missing source).

use medfund_rules::scenario::{Scenario, ScenarioError};

const ZIYANG: &str = include_str!("../../../scenarios/ziyang.toml");

/// Ziyang's file with one edit; the error it gives.
fn broken(from: &str, to: &str) -> ScenarioError {
    assert!(ZIYANG.contains(from), "the fixture text {from:?} is not in ziyang.toml");
    let src = ZIYANG.replacen(from, to, 1);
    <Scenario>::from_str("ziyang-broken.toml", &src).expect_err("the edit should be refused")
}

/// The 1-based line of the first occurrence of `needle` in the edited file.
fn line_of(from: &str, to: &str, needle: &str) -> usize {
    let src = ZIYANG.replacen(from, to, 1);
    src[..src.find(needle).unwrap()].lines().count() + 1
}

#[test]
fn the_unedited_file_loads() {
    <Scenario>::from_str("ziyang.toml", ZIYANG).unwrap();
}

#[test]
fn unknown_key() {
    let (from, to) = ("retiree_reduction = 200", "retiree_reduktion = 200");
    let e = broken(from, to);
    assert_eq!(e.file, "ziyang-broken.toml");
    assert!(e.message.contains("unknown field `retiree_reduktion`"), "{e}");
    assert_eq!(e.key, "employee.deductible.value.retiree_reduktion");
    assert_eq!(e.line, Some(line_of(from, to, "retiree_reduktion")), "{e}");
}

#[test]
fn ratio_outside_zero_to_one() {
    let (from, to) = ("class_b = 0.10", "class_b = 1.10");
    let e = broken(from, to);
    assert!(e.message.contains("outside 0–1"), "{e}");
    assert_eq!(e.key, "employee.self_pay_first.value.class_b");
    assert_eq!(e.line, Some(line_of(from, to, "class_b = 1.10")), "{e}");
}

#[test]
fn deductible_schedule_missing_a_level() {
    let (from, to) = (
        "local    = { unrated = 100, 1 = 200, 2B = 400, 2A = 600, 3B = 800, 3A = 1000 }",
        "local    = { unrated = 100, 1 = 200, 2A = 600, 3B = 800, 3A = 1000 }",
    );
    let e = broken(from, to);
    assert!(e.message.contains("missing `2B`"), "{e}");
    assert_eq!(e.key, "employee.deductible.value.in_service.local");
    assert_eq!(e.line, Some(line_of(from, to, "local    = { unrated = 100, 1 = 200, 2A")), "{e}");
}

#[test]
fn dates_out_of_order() {
    let (from, to) = ("{ from = 2025-01-01, value = { male = 24", "{ from = 2023-06-01, value = { male = 24");
    let e = broken(from, to);
    assert!(e.message.contains("dates out of order"), "{e}");
    assert_eq!(e.key, "employee.minimum_years");
    assert_eq!(e.line, Some(line_of(from, to, "[employee.minimum_years]")), "{e}");
}

#[test]
fn a_value_without_source_or_assumption() {
    let (from, to) = ("source = \"000_f8c7f1d4db53115f.txt 第二十条（一）\"\n", "");
    let e = broken(from, to);
    assert!(e.message.contains("say where the value comes from"), "{e}");
    assert_eq!(e.key, "employee.single_payment_drug");
}

#[test]
fn a_place_naming_a_missing_column() {
    let (from, to) = (
        "nonlocal_self                = { deductible = \"nonlocal\"",
        "nonlocal_self                = { deductible = \"elsewhere\"",
    );
    let e = broken(from, to);
    assert!(e.message.contains("column `elsewhere`"), "{e}");
    assert_eq!(e.key, "employee.deductible");
}

#[test]
fn malformed_toml() {
    let e = broken("floor = 100", "floor = = 100");
    assert!(e.line.is_some(), "{e}");
    assert!(e.to_string().starts_with("ziyang-broken.toml:"), "{e}");
}

#[test]
fn money_with_three_decimals() {
    let e = broken("prenatal_limit = 600", "prenatal_limit = 600.005");
    assert!(e.message.contains("more than two decimals"), "{e}");
    assert_eq!(e.key, "employee.maternity.value.prenatal_limit");
}

const LUZHOU: &str = include_str!("../../../scenarios/luzhou.toml");

fn broken_luzhou(from: &str, to: &str) -> ScenarioError {
    assert!(LUZHOU.contains(from), "the fixture text {from:?} is not in luzhou.toml");
    <Scenario>::from_str("luzhou-broken.toml", &LUZHOU.replacen(from, to, 1)).expect_err("the edit should be refused")
}

#[test]
fn resident_subsidy_split_must_add_to_one() {
    let e = broken_luzhou("value = { city = 0.3, district = 0.7 }", "value = { city = 0.3, district = 0.6 }");
    assert_eq!(e.key, "resident.subsidy_split");
    assert!(e.message.contains("add to 1"), "{e}");
}

#[test]
fn resident_group_ratio_outside_zero_to_one() {
    let e = broken_luzhou(
        r#"{ name = "special_care", ratio = 1.0, payer = "district" },"#,
        r#"{ name = "special_care", ratio = 1.5, payer = "district" },"#,
    );
    assert!(e.message.contains("outside 0–1"), "{e}");
    assert!(e.key.starts_with("resident.subsidised_groups"), "{e}");
}

#[test]
fn a_key_given_twice_is_named() {
    // ziyang.toml: `floor = 100` under [employee.deductible.value]; a second
    // `floor` on the next line is refused naming the key and its line.
    let (from, to) = ("floor = 100\n", "floor = 100\nfloor = 200\n");
    let e = broken(from, to);
    assert_eq!(e.key, "floor");
    assert!(e.message.contains("given twice"), "{e}");
    assert_eq!(e.line, Some(line_of(from, to, "floor = 200")), "{e}");
}

/// Ziyang's retiree crediting is a share of the average pension
/// (004 第五条（二）): without the pension it cannot be worked out, and the
/// error names the key it needs.
#[test]
fn a_pension_share_without_the_average_pension() {
    let from = "[employee.average_pension]";
    let start = ZIYANG.find(from).unwrap();
    let end = start + ZIYANG[start..].find("value = 2800\n").unwrap() + "value = 2800\n".len();
    let cut = format!("{}{}", &ZIYANG[..start], &ZIYANG[end..]);
    let e = <Scenario>::from_str("ziyang-broken.toml", &cut).expect_err("the share needs the pension");
    assert_eq!(e.key, "employee.personal_account", "{e}");
    assert!(e.message.contains("employee.average_pension"), "{e}");
}
