//! `medfund compare`: one population, one set of claims, each city's rules.
//! A city's figures do not depend on which other cities it is compared
//! with; switching every rule family of one city for another's reproduces
//! the other exactly; the parts of a decomposition add up to the
//! difference; every figure adds up from the claims.

#[path = "../../medfund-sim/tests/common/mod.rs"]
mod common;

use medfund_analysis::compare::{
    AGE_BANDS, FAMILIES, city, compare, decomposition_variants, evaluate, hybrid, population,
};
use medfund_sim::Scenario;

fn small(name: &str) -> Scenario {
    common::scenario(name).with_overrides(&["projection.population.members=3000".into()]).unwrap()
}

#[test]
fn a_city_alone_gives_the_same_figures_as_among_others() {
    let pop = small("ziyang");
    let (z, l, d, c) = (
        common::scenario("ziyang"),
        common::scenario("luzhou"),
        common::scenario("dingxi"),
        common::scenario("chongqing"),
    );
    let all = compare(&pop, &[z, l, d, c], 3, 9).unwrap();
    let alone = compare(&pop, &[l], 3, 9).unwrap();
    assert_eq!(all.cities[1], alone.cities[0]);
    assert_eq!(all.cities.len(), 4);
    assert_eq!(all.decompositions.len(), 3);
    // And whatever the thread count.
    let one =
        rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| compare(&pop, &[l], 3, 9).unwrap());
    assert_eq!(one.cities, alone.cities);
}

#[test]
fn every_city_faces_the_same_bill() {
    let pop = small("ziyang");
    let cmp =
        compare(&pop, &[common::scenario("ziyang"), common::scenario("dingxi"), common::scenario("chongqing")], 2, 4)
            .unwrap();
    let t0 = cmp.cities[0].total();
    for c in &cmp.cities {
        let t = c.total();
        assert_eq!(t.members, 3000 * 2);
        assert_eq!(t.bill, t0.bill, "{}", c.name);
        assert_eq!(t.in_scope, t0.in_scope);
        // Payers sum to the bill: fund + top-up + out-of-pocket.
        assert_eq!(t.fund + t.top_up + t.oop, t.bill, "{}", c.name);
        // The fund never pays above the in-scope part.
        assert!(t.fund + t.top_up <= t.in_scope);
        // Groups add up to the total, by category and by age band.
        let by_cat: i64 = (0..3).map(|k| c.groups[k][AGE_BANDS.len()].oop).sum();
        let by_band: i64 = (0..AGE_BANDS.len()).map(|b| c.groups[3][b].oop).sum();
        assert_eq!((by_cat, by_band), (t.oop, t.oop));
        assert_eq!(c.balance.len(), 2);
        assert_eq!(c.balance.iter().sum::<i64>(), c.income - c.outflow);
    }
    // Chongqing's employee rules (in the texts) cover admissions only: its
    // members pay all their outpatient care, so they pay more.
    assert!(cmp.cities[2].total().oop > cmp.cities[0].total().oop);
}

#[test]
fn decompositions_add_up_and_switching_all_families_gives_the_other_city() {
    let pop_sc = small("dingxi");
    let p = population(&pop_sc, 2, 5).unwrap();
    let a = city(common::scenario("ziyang"), &p).unwrap();
    let b = city(common::scenario("luzhou"), &p).unwrap();
    let mut vs = vec![a.clone(), b.clone()];
    vs.extend(decomposition_variants(&a, &b));
    let st = evaluate(&p, &vs).unwrap();
    let all_switched = st.last().unwrap();
    assert_eq!(all_switched.groups, st[1].groups);
    assert_eq!(all_switched.balance, st[1].balance);
    // Switching nothing changes nothing.
    let none = evaluate(&p, &[hybrid(&a, &b, &[])]).unwrap();
    assert_eq!(none[0].groups, st[0].groups);

    let cmp = compare(&pop_sc, &[common::scenario("ziyang"), common::scenario("luzhou")], 2, 5).unwrap();
    let d = &cmp.decompositions[0];
    assert_eq!(d.parts.len(), FAMILIES.len() + 2);
    let total = d.parts.last().unwrap();
    assert_eq!(total.family, "total");
    let sum: f64 = d.parts[..d.parts.len() - 1].iter().map(|p| p.fund_per_member).sum();
    assert!((sum - total.fund_per_member).abs() < 1e-6);
    let expect = cmp.cities[1].total().fund_per_member() - cmp.cities[0].total().fund_per_member();
    assert!((total.fund_per_member - expect).abs() < 1e-9);
    // Contribution rules move the balance but no benefit.
    let contributions = d.parts.iter().find(|p| p.family == "contributions").unwrap();
    assert_eq!(contributions.fund_per_member, 0.0);
    assert_eq!(contributions.oop_per_member, 0.0);
    // Luzhou's and Ziyang's ratios differ: the family moves benefits.
    let ratios = d.parts.iter().find(|p| p.family == "ratios").unwrap();
    assert!(ratios.fund_per_member != 0.0);
}
