//! `--set key@DATE=value`: a policy change from a date, the parameter
//! keeping its values before it.

mod common;

use medfund_rules::money::Rate;
use medfund_rules::scenario::Scheme;

#[test]
fn a_single_value_becomes_a_schedule_changing_on_the_date() {
    // Ziyang's employee rate, 2% (000 第九条（一）), raised to 3% from 2027.
    let sc = common::scenario("ziyang").with_overrides(&["employee.contribution.employee@2027=0.03".into()]).unwrap();
    let rate = |y| sc.year_rules(Scheme::Employee, y).unwrap().contribution.as_ref().unwrap().v.employee;
    assert_eq!(rate(2026), Rate::percent(2));
    assert_eq!(rate(2027), Rate::percent(3));
    assert_eq!(rate(2030), Rate::percent(3));
    // The rest of the parameter is untouched.
    let c = sc.year_rules(Scheme::Employee, 2027).unwrap().contribution.as_ref().unwrap().v.clone();
    let c0 =
        common::scenario("ziyang").year_rules(Scheme::Employee, 2027).unwrap().contribution.as_ref().unwrap().v.clone();
    assert_eq!(c.employer, c0.employer);
    assert_eq!(c.base_cap, c0.base_cap);
}

#[test]
fn a_schedule_keeps_its_earlier_steps() {
    // Ziyang's men's minimum years: 22, 23, 24, 25 from 2023 to 2026
    // (000 第九条（七）); 30 from mid-2025 on.
    let sc = common::scenario("ziyang").with_overrides(&["employee.minimum_years.male@2025-06-01=30".into()]).unwrap();
    let men = |y| sc.year_rules(Scheme::Employee, y).unwrap().minimum_years.as_ref().unwrap().v.male;
    assert_eq!((men(2023), men(2024), men(2025)), (22, 23, 24));
    assert_eq!((men(2026), men(2027)), (30, 30));
    let women = |y| sc.year_rules(Scheme::Employee, y).unwrap().minimum_years.as_ref().unwrap().v.female;
    assert_eq!(women(2027), 20);
}

#[test]
fn a_bad_date_or_key_is_named() {
    let e = common::scenario("ziyang").with_overrides(&["employee.contribution.employee@2027-13-01=0.03".into()]);
    assert!(e.unwrap_err().to_string().contains("is not a date"));
    let e = common::scenario("ziyang").with_overrides(&["employee.nothing@2027=1".into()]).unwrap_err();
    assert!(e.to_string().contains("`nothing` does not exist"), "{e}");
}

#[test]
fn named_shocks_become_sets_of_the_economy() {
    use medfund_sim::inputs::params::shock_sets;
    let sc = common::scenario("ziyang");
    let e = sc.spec.projection.as_ref().unwrap().economy.get_ref().value.clone().unwrap();
    let sets = shock_sets(
        &e,
        &[
            "epidemic@2027".into(),
            "epidemic@2029:cost=1.2".into(),
            "collection_shortfall@2026:share=0.1".into(),
            "wage_freeze@2028".into(),
        ],
        2025..=2034,
    )
    .unwrap();
    let shocked = sc.with_overrides(&sets).unwrap();
    let s = shocked.spec.projection.as_ref().unwrap().economy.get_ref().value.clone().unwrap().shocks;
    let ep = s.epidemic.unwrap();
    assert_eq!(ep.years, vec![2027, 2029]);
    // The scenario's own chance and utilisation multiplier are kept.
    let own = e.shocks.epidemic.clone().unwrap();
    assert_eq!((ep.probability, ep.utilisation, ep.cost), (own.probability, own.utilisation, 1.2));
    let cs = s.collection_shortfall.unwrap();
    assert_eq!((cs.years.clone(), cs.share), (vec![2026], 0.1));
    assert_eq!(s.wage_freeze.unwrap().years, vec![2028]);
    // Bad shocks are named.
    assert!(shock_sets(&e, &["flood@2027".into()], 2025..=2034).unwrap_err().contains("unknown shock"));
    assert!(
        shock_sets(&e, &["epidemic@2040".into()], 2025..=2034)
            .unwrap_err()
            .contains("2040 is outside the projection (2025–2034)")
    );
    assert!(
        shock_sets(&e, &["epidemic@2027:share=2".into()], 2025..=2034).unwrap_err().contains("not a size of epidemic")
    );
}
