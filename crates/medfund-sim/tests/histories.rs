//! Contribution histories in the projection: members' own contribution
//! densities (`contribution_density_spread`) make some retire short of the
//! minimum years, so the lump sums of Ziyang 000_f8c7f1d4db53115f.txt
//! 第九条（五）（七） reach the ledger; flexible workers' breaks and returns
//! (`lapse_rate`, `return_rate`, population/lapses.rs) keep them coming in
//! the later years and start the waiting period of 000 第十三条 again.

mod common;

use medfund_rules::money::Money;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{CalibrationStats, RunOptions, run, run_paths, setup};

/// A ten-year Ziyang run of 20,000 members on two paths (seed 5), with the
/// `sets`: each path's ledger rows and figures by year.
fn ziyang_ten_years(sets: &[&str]) -> Vec<(Vec<LedgerRow>, Vec<CalibrationStats>)> {
    let mut all = vec!["projection.population.members=20000".to_string()];
    all.extend(sets.iter().map(|s| s.to_string()));
    let sc = common::scenario("ziyang").with_overrides(&all).unwrap();
    let o = RunOptions { years: 10, paths: 2, seed: 5, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    run_paths(&s, 0..2, &|| {}).unwrap()
}

#[test]
fn a_ten_year_ziyang_projection_collects_lump_sums() {
    let sc = common::scenario("ziyang").with_overrides(&["projection.population.members=20000".to_string()]).unwrap();
    let r = run(&sc, &RunOptions { years: 10, paths: 2, seed: 5, overrides: vec![] }, &|| {}).unwrap();
    let years_with = r.rows.iter().filter(|row| row.ledger.lump_sums > Money::ZERO).count();
    assert!(years_with > 0);
    let total: Money = r.rows.iter().map(|row| row.ledger.lump_sums).sum();
    eprintln!("lump sums in {years_with} of {} path-years, {total} in all", r.rows.len());
    // Densities 60–100% of working years (scenario): a man of 59 at the
    // start (39 working years) retires short of 24–25 years below a density
    // of about 62%, a woman worker of 49 short of 20 years below 66%. The
    // spread is in the histories before the projection only (every year in
    // it adds 12 months), so the short retire in its first years: each
    // path collects lump sums in 2025 and 2026, when Ziyang's minimum for
    // men rises to 24 and 25 years (第九条（七）1).
    for path in 0..2 {
        for year in [2025, 2026] {
            let l = r.rows.iter().find(|row| row.path == path && row.year == year).unwrap();
            assert!(l.ledger.lump_sums > Money::ZERO, "path {path}, {year}: no lump sum");
        }
    }
    // Without the spread nobody falls short (everyone at 85%), once the
    // other short histories are off too: moves from other cities (the local
    // minimum), years in the resident scheme, and flexible workers' breaks
    // (a break not paid back leaves months missing).
    let flat = sc
        .with_overrides(&[
            "projection.population.contribution_density_spread=0".to_string(),
            "projection.population.moved_in_share=0".to_string(),
            "projection.population.from_resident_share=0".to_string(),
            "projection.population.lapse_rate=0".to_string(),
        ])
        .unwrap();
    let r = run(&flat, &RunOptions { years: 10, paths: 2, seed: 5, overrides: vec![] }, &|| {}).unwrap();
    assert!(r.rows.iter().all(|row| row.ledger.lump_sums == Money::ZERO));
}

/// Lapses keep members retiring short after the first years: each path
/// collects lump sums (000 第九条（五）1) in some year from 2030 on, which
/// without lapses (`lapse_rate = 0`) none does once the earlier histories
/// from other cities and the resident scheme are off too.
#[test]
fn lapses_bring_lump_sums_in_the_late_years() {
    let late = |res: &[(Vec<LedgerRow>, Vec<CalibrationStats>)]| -> Vec<Money> {
        res.iter().map(|(rows, _)| rows.iter().filter(|r| r.year >= 2030).map(|r| r.ledger.lump_sums).sum()).collect()
    };
    let with = late(&ziyang_ten_years(&[]));
    eprintln!("lump sums 2030–2034 by path: {with:?}");
    assert!(with.iter().all(|m| *m > Money::ZERO), "{with:?}");
    let earlier = ["projection.population.moved_in_share=0", "projection.population.from_resident_share=0"];
    let with_lapses_only = late(&ziyang_ten_years(&earlier));
    assert!(with_lapses_only.iter().all(|m| *m > Money::ZERO), "{with_lapses_only:?}");
    let without = late(&ziyang_ten_years(&[earlier[0], earlier[1], "projection.population.lapse_rate=0"]));
    assert!(without.iter().all(|m| *m == Money::ZERO), "{without:?}");
}

/// Ziyang's minimum for men rises from 22 years (2023) by one a year to 25
/// in 2026 (000 第九条（七）1(1)): members retire short of it in 2025 and
/// 2026. With the scenario's densities (60–100% of the working years) the
/// short are nearly all women (20 years at 50 or 55): a man retiring at 60
/// has 40 working years, 24 of them at 60%. At densities of 45–95%
/// (`contribution_density = 0.7`) men fall short of 24 and 25 years where
/// they would not of 22, so more retire short than had the minimum stayed at
/// 22.
#[test]
fn the_22_to_25_transition_makes_members_retire_short() {
    let short = |res: &[(Vec<LedgerRow>, Vec<CalibrationStats>)]| -> u64 {
        res.iter().map(|(_, st)| st[0].short_retirements + st[1].short_retirements).sum()
    };
    let res = ziyang_ten_years(&[]);
    for (_, st) in &res {
        assert!(st[0].short_retirements > 0 && st[1].short_retirements > 0);
        assert!(st[0].short_retirements <= st[0].retirements);
    }
    let low = "projection.population.contribution_density=0.7";
    let res = ziyang_ten_years(&[low]);
    let kept = "employee.minimum_years.values=[{ from = 2023-01-01, value = { male = 22, female = 20 } }]";
    let at_22 = ziyang_ten_years(&[low, kept]);
    eprintln!("short in 2025–2026: {} (22 → 25), {} (22 kept)", short(&res), short(&at_22));
    assert!(short(&res) > short(&at_22));
}

/// The waiting period bites after the first year: returners of every year
/// from 2026 on have months in it (000 第十三条: 6 months from re-enrolment),
/// some of them carried into the year after their return, and the pooled
/// fund pays less than if there were none (`flexible_months = 0`) on the
/// same draws.
#[test]
fn waiting_periods_bite_after_the_first_year() {
    let res = ziyang_ten_years(&[]);
    for (_, st) in &res {
        for x in &st[1..] {
            assert!(x.returns > 0 && x.waiting > 0 && x.waiting_months > 0);
            // At most 6 months each (the waiting period).
            assert!(x.waiting_months <= 6 * x.waiting);
        }
        // Carried over: more members wait in a year than return in it.
        assert!(st[1..].iter().any(|x| x.waiting > x.returns));
    }
    let fund = |res: &[(Vec<LedgerRow>, Vec<CalibrationStats>)]| -> Money {
        res.iter().flat_map(|(rows, _)| rows.iter().filter(|r| r.year >= 2026)).map(|r| r.ledger.outflow()).sum()
    };
    let none = ziyang_ten_years(&["employee.waiting_period.flexible_months=0"]);
    assert!(fund(&res) < fund(&none), "{} !< {}", fund(&res), fund(&none));
}

/// A flexible worker's break and return worked by hand, on Ziyang's rules
/// (000 第十三条) with every event made certain (`lapse_rate = 1`,
/// `return_rate = 1`); only the months are drawn. A man of 40 with 120
/// months stops in 2025 after k months (k = the drawn month, 0–11) and comes
/// back in 2026 in month j: his break is (12 − k) + j ≤ 23 months.
///
/// * paid in 2025: k; paid in 2026: 12 − j
/// * paid back in full (`back_pay_share = 1`) when the break is at most 12
///   months (3个月以上12个月以内 … 可先补缴): 120 + k + (12 − j) + (12 − k + j)
///   = 144, as if he had never stopped; waiting again when it is over 3
///   months (断保), for min(6, 12 − j) months of 2026
/// * not paid back (`back_pay_share = 0`): 120 + k + 12 − j, waiting for
///   min(6, 12 − j) months; but a break of at most 3 months (not 断保) is
///   paid back whatever the member meant: 144 and no wait
#[test]
fn a_break_and_a_return_worked_by_hand() {
    use medfund_sim::population::lapses::{self, CONTINUOUS, Event, LAPSED, LapseYear};
    use medfund_sim::population::{FLEXIBLE, Person};
    let sc = common::scenario("ziyang");
    let o = RunOptions { years: 2, paths: 1, seed: 5, overrides: vec![] };
    let s = setup(sc, &o).unwrap();
    let rule = s.rules[1].waiting_period.as_ref().map(|w| &w.v);
    for (id, back) in [(1u32, 1.0), (2, 1.0), (3, 0.0), (4, 0.0), (5, 1.0), (6, 0.0)] {
        let mut p = s.population.clone();
        (p.lapse_rate, p.return_rate, p.back_pay_share, p.lapse_income_effect) = (1.0, 1.0, back, 0.0);
        let mut m = Person::new(id, 40, FLEXIBLE, false, false, false, false, 0, 120, 1.0);
        let y25 = LapseYear { rule, key: 11 + u64::from(id), wage_shortfall: 0.0 };
        let c = lapses::year(&m, &p, &y25);
        let Event::Stops { paid: k } = c.event else { panic!("{:?}", c.event) };
        assert_eq!((c.paid, c.paid_back), (k, 0));
        lapses::apply(&mut m, &c);
        assert_eq!((m.months, m.history), (120 + k as u16, LAPSED | (12 - k) as u8));
        let y26 = LapseYear { rule, key: 99 + u64::from(id), wage_shortfall: 0.0 };
        let c = lapses::year(&m, &p, &y26);
        let Event::Returns { month: j, gap, ret } = c.event else { panic!("{:?}", c.event) };
        assert_eq!(gap, 12 - k + j);
        assert_eq!(c.paid, 12 - j);
        let restored = gap <= 3 || (back == 1.0 && gap <= 12);
        let waiting = gap > 3;
        assert_eq!((ret.months_restored, ret.waiting), (restored, waiting), "k {k}, j {j}");
        assert_eq!(c.waiting_months, if waiting { 6.min(12 - j) } else { 0 });
        lapses::apply(&mut m, &c);
        let months = 120 + k + (12 - j) + if restored { gap } else { 0 };
        assert_eq!(u32::from(m.months), months);
        assert_eq!(m.history, if waiting { (12 - j) as u8 } else { CONTINUOUS });
        eprintln!("id {id}: k {k}, j {j}, break {gap}, months {months}, waiting {}", c.waiting_months);
    }
}

/// The income effect: the lapse rate rises when the path's wages grow less
/// than expected (`lapse_income_effect`): 6% × (1 + 10 × 0.045) = 8.7% in a
/// wage freeze at Ziyang's 4.5% expected growth, 6% × (1 − 10 × 0.02) = 4.8%
/// two points above it; never below 0 nor above 1.
#[test]
fn lapses_rise_when_wages_fall() {
    use medfund_sim::population::lapses::lapse_probability;
    let sc = common::scenario("ziyang");
    let s = setup(sc, &RunOptions { years: 1, paths: 1, seed: 5, overrides: vec![] }).unwrap();
    let p = &s.population;
    assert!((lapse_probability(p, 0.045) - 0.087).abs() < 1e-12);
    assert!((lapse_probability(p, -0.02) - 0.048).abs() < 1e-12);
    assert_eq!(lapse_probability(p, -1.0), 0.0);
    let mut q = p.clone();
    q.lapse_income_effect = 100.0;
    assert_eq!(lapse_probability(&q, 1.0), 1.0);
}

/// Earlier histories worked by hand (`earlier_history`, Ziyang's
/// scenario: 15% moved in, 10% from the resident scheme after up to 10
/// years, 2 months a resident year, 000 第九条（七）3). A member of 50 with 30
/// working years at 80% density has 288 months:
///
/// * moved in (u₀ = 0.1 < 0.15) with a share u₁ = 0.5 paid elsewhere:
///   ⌊288 × 0.5 / 12⌋ = 12 years non-local, 288 months in all
/// * from the resident scheme (u₂ = 0.05 < 0.1) for ⌊10 × 0.64⌋ = 6 years
///   (u₃ = 0.64): 288 − 12 × 6 × 80% = 230.4, + 6 × 2 = 242.4 → 242 months
/// * both: 242 months, ⌊242 × 0.5 / 12⌋ = 10 years non-local
/// * neither (u₀ = u₂ = 0.9): 288 months, all local
#[test]
fn earlier_histories_worked_by_hand() {
    use medfund_sim::population::earlier_history;
    let sc = common::scenario("ziyang");
    let s = setup(sc, &RunOptions { years: 1, paths: 1, seed: 5, overrides: vec![] }).unwrap();
    let p = &s.population;
    assert_eq!(earlier_history(p, 288, 30.0, 2, [0.1, 0.5, 0.9, 0.0]), (288, 12));
    assert_eq!(earlier_history(p, 288, 30.0, 2, [0.9, 0.5, 0.05, 0.64]), (242, 0));
    assert_eq!(earlier_history(p, 288, 30.0, 2, [0.1, 0.5, 0.05, 0.64]), (242, 10));
    assert_eq!(earlier_history(p, 288, 30.0, 2, [0.9, 0.5, 0.9, 0.64]), (288, 0));
}

/// Luzhou's 10 years actually paid in Luzhou (001 第二十四条): members who
/// moved in retire short of them though they have the 30 or 25 years in
/// all, and pay the lump sum; with nobody moved in, none does.
#[test]
fn luzhou_members_retire_short_of_ten_local_years() {
    let run_luzhou = |sets: &[&str]| -> u64 {
        let mut all = vec!["projection.population.members=20000".to_string()];
        all.extend(sets.iter().map(|s| s.to_string()));
        let sc = common::scenario("luzhou").with_overrides(&all).unwrap();
        let o = RunOptions { years: 5, paths: 2, seed: 5, overrides: vec![] };
        let s = setup(&sc, &o).unwrap();
        let res = run_paths(&s, 0..2, &|| {}).unwrap();
        res.iter().flat_map(|(_, st)| st.iter()).map(|x| x.short_local).sum()
    };
    let local = run_luzhou(&[]);
    eprintln!("Luzhou: {local} retired short of the local 10 years in 5 years × 2 paths");
    assert!(local > 0);
    assert_eq!(run_luzhou(&["projection.population.moved_in_share=0"]), 0);
}

/// Dingxi has no pooling-only accounts for unit employees (003 第十一条: one
/// rate for units, with an account); only the 4% flexible rate goes without
/// one (第十四条（二）). At the start every pooling-only member is a flexible
/// worker, and 5% of flexible workers are (one who joins a unit later gets
/// an account: population/mod.rs); Ziyang's units have 单建统筹 (000 第九条（二）1),
/// so some of its employees are pooling-only.
#[test]
fn dingxi_pooling_only_accounts_are_flexible_workers_alone() {
    use medfund_sim::population::{EMPLOYEE, FLEXIBLE};
    let sc = common::scenario("dingxi").with_overrides(&["projection.population.members=20000".to_string()]).unwrap();
    let s = setup(&sc, &RunOptions { years: 1, paths: 1, seed: 5, overrides: vec![] }).unwrap();
    let people = &s.base.people;
    assert!(people.iter().filter(|p| p.pooling_only()).all(|p| p.category == FLEXIBLE));
    let flexible = people.iter().filter(|p| p.category == FLEXIBLE).count() as f64;
    let share = people.iter().filter(|p| p.pooling_only()).count() as f64 / flexible;
    assert!((share - 0.05).abs() < 0.015, "{share}");
    // Ziyang, 5% of everyone: employees among them.
    let z = common::scenario("ziyang").with_overrides(&["projection.population.members=20000".to_string()]).unwrap();
    let s = setup(&z, &RunOptions { years: 1, paths: 1, seed: 5, overrides: vec![] }).unwrap();
    assert!(s.base.people.iter().any(|p| p.pooling_only() && p.category == EMPLOYEE));
}

/// Dingxi's 5 years after leaving the 4% rate for a unit (003 第十四条（二）):
/// with every flexible worker at 4% and half of them joining a unit each
/// year, some retire within 5 years of the change and pay for the years
/// lacking; on the same draws without the rule (`after_account_change = 0`)
/// fewer retire short.
#[test]
fn dingxi_five_years_after_the_change_from_four_percent() {
    let short = |sets: &[&str]| -> u64 {
        let mut all = vec![
            "projection.population.members=20000".to_string(),
            "projection.population.pooling_only_share=1".to_string(),
            "projection.population.to_employee_rate=0.5".to_string(),
        ];
        all.extend(sets.iter().map(|s| s.to_string()));
        let sc = common::scenario("dingxi").with_overrides(&all).unwrap();
        let s = setup(&sc, &RunOptions { years: 8, paths: 2, seed: 5, overrides: vec![] }).unwrap();
        let res = run_paths(&s, 0..2, &|| {}).unwrap();
        res.iter().flat_map(|(_, st)| st.iter()).map(|x| x.short_retirements).sum()
    };
    let with = short(&[]);
    let without = short(&["employee.minimum_years.after_account_change=0"]);
    eprintln!("Dingxi short at retirement: {with} with the 5-year rule, {without} without");
    assert!(with > without);
}
