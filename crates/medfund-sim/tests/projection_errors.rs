//! A malformed `[projection]` section is refused with one clear error
//! naming the file, the line and the key, like the rules' own sections.

use medfund_rules::scenario::ScenarioError;
use medfund_sim::Scenario;

const LUZHOU: &str = include_str!("../../../scenarios/luzhou.toml");

fn broken_luzhou(from: &str, to: &str) -> ScenarioError {
    assert!(LUZHOU.contains(from), "the fixture text {from:?} is not in luzhou.toml");
    Scenario::from_str("luzhou-broken.toml", &LUZHOU.replacen(from, to, 1)).expect_err("the edit should be refused")
}

#[test]
fn resident_group_shares_must_name_subsidised_groups() {
    let e = broken_luzhou("only_child_parents = 0.01 }", "only_child_parent = 0.01 }");
    assert_eq!(e.key, "projection.residents");
    assert!(e.message.contains("`only_child_parent`") && e.message.contains("only_child_parents"), "{e}");
    let line = LUZHOU[..LUZHOU.find("[projection.residents]").unwrap()].lines().count() + 1;
    assert_eq!(e.line, Some(line), "{e}");
}

// ---- the roster and the claim schedule (tests/handworked/ziyang.toml)

const HANDWORKED: &str = include_str!("handworked/ziyang.toml");

fn broken_roster(from: &str, to: &str) -> ScenarioError {
    assert!(HANDWORKED.contains(from), "the fixture text {from:?} is not in handworked/ziyang.toml");
    Scenario::from_str("roster-broken.toml", &HANDWORKED.replacen(from, to, 1)).expect_err("the edit should be refused")
}

fn line_of(section: &str) -> usize {
    HANDWORKED[..HANDWORKED.find(section).unwrap()].lines().count() + 1
}

#[test]
fn a_roster_names_districts_that_exist() {
    let e = broken_roster(
        r#"{ age = 45, sex = "M", category = "employee", wage = 3.5, months = 240 }"#,
        r#"{ age = 45, sex = "M", category = "employee", district = "Chengdu", wage = 3.5, months = 240 }"#,
    );
    assert_eq!(e.key, "projection.roster");
    assert!(e.message.contains("member 0") && e.message.contains("\"Chengdu\"") && e.message.contains("Ziyang"), "{e}");
    assert_eq!(e.line, Some(line_of("[projection.roster]")), "{e}");
    let e = broken_roster(
        r#"{ age = 45, sex = "M", category = "employee", wage = 3.5, months = 240 }"#,
        r#"{ age = 45, sex = "M", category = "employee", district = 1, wage = 3.5, months = 240 }"#,
    );
    assert!(e.message.contains("district 1 is not a position") && e.message.contains("0–0"), "{e}");
}

#[test]
fn a_roster_member_is_checked_field_by_field() {
    // An unknown category: the values allowed are named.
    let e = broken_roster(r#"category = "flexible""#, r#"category = "freelance""#);
    assert!(e.key.starts_with("projection.roster"), "{e}");
    assert!(e.message.contains("freelance") && e.message.contains("flexible"), "{e}");
    // An age past the life table.
    let e = broken_roster("age = 72,", "age = 115,");
    assert_eq!(e.key, "projection.roster");
    assert!(e.message.contains("member 2") && e.message.contains("age 115 is above 110"), "{e}");
    // Months beyond any working life: the range names the key.
    let e = broken_roster("months = 360", "months = 5000");
    assert!(e.key.contains("projection.roster") && e.key.contains("months"), "{e}");
    assert!(e.message.contains("5000") && e.message.contains("months"), "{e}");
    // `fiscal` is an employer's, so not a retiree's.
    let e = broken_roster(r#"category = "retiree","#, r#"category = "retiree", fiscal = true,"#);
    assert_eq!(e.key, "projection.roster");
    assert!(e.message.contains("member 2") && e.message.contains("`fiscal`"), "{e}");
    // A roster is projected whole.
    let e = broken_roster("to_employee_rate = 0.0\n", "to_employee_rate = 0.0\nsample = 0.5\n");
    assert_eq!(e.key, "projection.roster", "{e}");
    assert!(e.message.contains("sample") && e.message.contains("0.5"), "{e}");
    // Unknown fields are refused, naming the allowed ones.
    let e = broken_roster("wage = 0.5, months = 60", "wage = 0.5, month = 60");
    assert!(e.message.contains("month"), "{e}");
}

#[test]
fn a_claim_schedule_is_read_by_the_adjudication_contract() {
    // A claim field the contract does not know.
    let e = broken_roster(
        r#"type = "outpatient", level = "1", total = 800"#,
        r#"type = "outpatient", level = "1", totl = 800"#,
    );
    assert_eq!(e.key, "projection.claim_schedule");
    assert!(e.message.contains("value[1].claim.totl") && e.message.contains("unknown field"), "{e}");
    assert_eq!(e.line, Some(line_of("[projection.claim_schedule]")), "{e}");
    // A claim type the contract does not know.
    let e = broken_roster(r#"type = "outpatient", level = "1""#, r#"type = "dental", level = "1""#);
    assert!(e.message.contains("value[1].claim.type") && e.message.contains("dental"), "{e}");
    // An amount the contract refuses (more than two decimals).
    let e = broken_roster("total = 800 }", "total = 800.123 }");
    assert!(e.message.contains("value[1].claim.total"), "{e}");
    // A member who is not in the roster.
    let e = broken_roster("{ member = 3, year = 2025", "{ member = 5, year = 2025");
    assert!(e.message.contains("value[1]") && e.message.contains("member 5 is not in the roster (0–4"), "{e}");
    // A year no projection reaches.
    let e = broken_roster("{ member = 3, year = 2025", "{ member = 3, year = 2024");
    assert!(e.message.contains("year 2024 is before the projection starts (2025)"), "{e}");
    // No roster to name members of.
    let start = HANDWORKED.find("[projection.roster]").unwrap();
    let end = HANDWORKED.find("[projection.claim_schedule]").unwrap();
    let text = format!("{}{}", &HANDWORKED[..start], &HANDWORKED[end..]);
    let e = Scenario::from_str("no-roster.toml", &text).expect_err("a schedule without a roster");
    assert_eq!(e.key, "projection.claim_schedule");
    assert!(e.message.contains("there is no roster"), "{e}");
}

#[test]
fn a_scheduled_claim_the_rules_do_not_cover_stops_the_run() {
    // Chongqing's employee texts have no maternity benefit: a scheduled
    // birth is refused with the member, the year and the reason.
    let text = include_str!("handworked/chongqing.toml").replacen(
        r#"claim = { type = "inpatient", level = "3B", place = "local", total = 6000 }"#,
        r#"claim = { type = "childbirth", delivery = "natural", level = "2A", medical_cost = 3000 }"#,
        1,
    );
    let sc = Scenario::from_str("birth.toml", &text).unwrap();
    let o = medfund_sim::montecarlo::RunOptions { years: 3, paths: 1, seed: 1, overrides: vec![] };
    let e = medfund_sim::montecarlo::run(&sc, &o, &|| {}).expect_err("a birth in Chongqing's employee scheme");
    assert!(e.contains("year 2026") && e.contains("roster member 4") && e.contains("projection.claim_schedule"), "{e}");
    assert!(e.contains("childbirth"), "{e}");
}
