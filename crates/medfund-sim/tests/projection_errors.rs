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
