//! Chongqing's employee fund in the projection: every district settled each
//! year by the same code as `medfund settle` (002 二（四）2, 二（五）), and the
//! district surplus accounts conserving money across years.

mod common;

use medfund_rules::money::{Money, Rate};
use medfund_rules::settle::{DistrictYear, settle_district};
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{RunOptions, run};

fn chongqing_run() -> medfund_sim::montecarlo::RunResult {
    chongqing_run_with("0.6", "0.2")
}

/// The same model city with the assessment pass rate set. The engine draws
/// `random::<f64>() < rate` with the draw in [0, 1) (rand's standard
/// uniform), so 1.0 passes every district every year and 0.0 fails all:
/// the assessment is then an input of the test, not read back from the
/// output it checks.
///
/// `earmark` is the share of each district's part of the opening balance
/// that opens as its earmark (`projection.targets.earmark_opening`).
fn chongqing_run_with(pass_rate: &str, earmark: &str) -> medfund_sim::montecarlo::RunResult {
    // A small model city; a volatile economy so that districts overspend
    // and fall short.
    let sc = common::scenario("chongqing")
        .with_overrides(&[
            "projection.population.members=20000".into(),
            "projection.economy.medical_inflation={ mean = 0.09, sd = 0.05 }".into(),
            "projection.economy.shocks.collection_shortfall={ probability = 0.3, share = 0.1 }".into(),
            format!("projection.targets.assessment_pass_rate={pass_rate}"),
            format!("projection.targets.earmark_opening={earmark}"),
        ])
        .unwrap();
    run(&sc, &RunOptions { years: 5, paths: 3, seed: 5, overrides: vec![] }, &|| {}).unwrap()
}

#[test]
fn districts_are_the_38_of_the_data_table() {
    let r = chongqing_run();
    assert_eq!(r.info.districts.len(), 38);
    assert_eq!(r.info.districts[0], "渝中");
    assert_eq!(r.rows.len(), 3 * 5 * 38);
    for row in &r.rows {
        row.ledger.check().unwrap();
    }
}

#[test]
fn each_year_is_settled_as_medfund_settle_would_when_every_district_passes() {
    settled_as_medfund_settle_would(true);
}

#[test]
fn each_year_is_settled_as_medfund_settle_would_when_every_district_fails() {
    settled_as_medfund_settle_would(false);
}

fn settled_as_medfund_settle_would(passed: bool) {
    // Earmarks opening empty, so that districts run them dry within five
    // years and governments pay (the case the assertions below need).
    let r = chongqing_run_with(if passed { "1.0" } else { "0.0" }, "0.0");
    let rules = medfund_rules::contract::settlement::rules_of(common::scenario("chongqing")).unwrap();
    let districts = medfund_sim::inputs::tables::districts("chongqing_districts.csv").unwrap();
    let by = |p: u32, y: i32, d: u16| -> &LedgerRow {
        r.rows.iter().find(|x| x.path == p && x.year == y && x.district == d).unwrap()
    };
    let (mut overspends, mut shortfalls, mut governments, mut savers, mut retained) = (0, 0, 0, 0, 0);
    for row in r.rows.iter().filter(|x| x.year > 2025) {
        let l = &row.ledger;
        let prev = &by(row.path, row.year - 1, row.district).ledger;
        // Targets: last year's actuals × 1.045 and × 1.07 (projection.targets).
        let collection_prev = prev.employer + prev.employee + prev.flexible_contributions;
        assert_eq!(l.collection_target, collection_prev.mul_rate(Rate(1_045_000)));
        assert_eq!(l.spending_target, prev.outflow().mul_rate(Rate(1_070_000)));
        let collection = l.employer + l.employee + l.flexible_contributions;
        // The assessment is known: every district passed (rate 1.0) or
        // every district failed (rate 0.0).
        let s = settle_district(
            &rules,
            &DistrictYear {
                name: districts[row.district as usize].name.clone(),
                class: districts[row.district as usize].class,
                collection_target: l.collection_target,
                collection_actual: collection,
                spending_target: l.spending_target,
                spending_actual: l.outflow(),
                surplus_opening: prev.district_surplus,
                assessment_passed: passed,
            },
        );
        assert_eq!(l.collection_retained, s.collection_retained);
        assert_eq!(l.savings_retained, s.savings_retained);
        assert_eq!(l.overspend_city, s.overspend_city);
        assert_eq!(l.shortfall_from_surplus, s.shortfall_from_surplus);
        assert_eq!(l.overspend_from_surplus, s.overspend_from_surplus);
        assert_eq!(l.district_government, s.shortfall_from_government + s.overspend_from_government);
        assert_eq!(l.district_surplus, s.surplus_closing);
        overspends += usize::from(s.overspend > Money::ZERO);
        shortfalls += usize::from(s.shortfall > Money::ZERO);
        governments += usize::from(l.district_government > Money::ZERO);
        savers += usize::from(l.spending_target > l.outflow());
        retained += usize::from(l.savings_retained > Money::ZERO);
    }
    // The test is not vacuous: the economy above produces every case, and
    // some districts save (spend under target), so the assessment decides
    // whether savings are retained: retained only when passed.
    assert!(overspends > 0 && shortfalls > 0 && governments > 0, "{overspends} {shortfalls} {governments}");
    assert!(savers > 0, "no district saved");
    if passed {
        assert!(retained > 0, "passed districts that saved retained nothing");
    } else {
        assert_eq!(retained, 0, "failed districts retained savings");
    }
}

#[test]
fn district_surplus_accounts_conserve_money_across_years() {
    let r = chongqing_run();
    for row in &r.rows {
        let l = &row.ledger;
        let opening = if row.year == 2025 {
            // 002 二（一）6–7: the earmark opens from the balance the district
            // brought in; its size is the scenario's assumption, 20% of the
            // district's part of the opening balance (set above).
            l.balance_opening.max0().mul_rate(Rate::percent(20))
        } else {
            r.rows
                .iter()
                .find(|x| x.path == row.path && x.year == row.year - 1 && x.district == row.district)
                .unwrap()
                .ledger
                .district_surplus
        };
        // 002 二（四）2 and 二（五）: what was retained this year is added, what
        // the surplus paid is taken away, nothing else moves it.
        assert_eq!(
            l.district_surplus,
            opening - l.shortfall_from_surplus - l.overspend_from_surplus + l.collection_retained + l.savings_retained,
            "path {} year {} district {}",
            row.path,
            row.year,
            row.district
        );
        assert!(l.district_surplus >= Money::ZERO);
    }
    // The earmarks are drawn on: some district meets a shortfall or its
    // part of an overspend from its surplus.
    assert!(r.rows.iter().any(|x| x.ledger.shortfall_from_surplus + x.ledger.overspend_from_surplus > Money::ZERO));
}

#[test]
fn interest_is_earned_on_the_city_wide_balance() {
    // 002 二（一）6: the employee fund is one account of the city (全市统一
    // 管理、核算): interest at 1.5% (certain here) on the city's opening
    // balance when positive, shared by the districts' positive balances;
    // a district row in the red earns none. Summing each positive row's own
    // interest instead would pay interest on money the city does not have.
    let sc = common::scenario("chongqing")
        .with_overrides(&[
            "projection.population.members=20000".into(),
            "projection.economy.interest={ mean = 0.015, sd = 0.0 }".into(),
            // A thin balance and twice the admissions, so that some
            // districts run into the red while the city stays in the black.
            "projection.fund.opening_balance=3000000".into(),
            "projection.claims.inpatient_rate_factor=2.0".into(),
        ])
        .unwrap();
    let r = run(&sc, &RunOptions { years: 6, paths: 2, seed: 3, overrides: vec![] }, &|| {}).unwrap();
    let mut mixed = 0;
    for p in 0..2 {
        for y in 2025..2031 {
            let rows: Vec<&LedgerRow> = r.rows.iter().filter(|x| x.path == p && x.year == y).collect();
            let city: Money = rows.iter().map(|x| x.ledger.balance_opening).sum();
            let interest: Money = rows.iter().map(|x| x.ledger.interest).sum();
            assert_eq!(interest, city.max0().mul_rate(Rate::percent(1) + Rate(5_000)), "path {p} {y}");
            for x in &rows {
                if x.ledger.balance_opening <= Money::ZERO {
                    assert_eq!(x.ledger.interest, Money::ZERO);
                }
            }
            let positive: Money = rows.iter().map(|x| x.ledger.balance_opening.max0()).sum();
            mixed += usize::from(positive > city && city > Money::ZERO);
        }
    }
    // Not vacuous: some year has districts in the red within a city in the
    // black, where the two ways differ.
    assert!(mixed > 0, "no district ran into the red");
}
