//! The Monte Carlo projection: reproducible whatever the thread count,
//! conserving money to the fen, calibrated to the published figures, and
//! right on a population small enough to work out by hand.

mod common;

use medfund_rules::money::Money;
use medfund_sim::Scenario;
use medfund_sim::inputs::tables::Data;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{RunOptions, run, run_paths, setup};
use medfund_sim::population::{EMPLOYEE, Person, Population, RETIREE};

fn small(name: &str, members: u32, extra: &[&str]) -> Scenario {
    let mut sets = vec![format!("projection.population.members={members}")];
    sets.extend(extra.iter().map(|s| s.to_string()));
    common::scenario(name).with_overrides(&sets).unwrap()
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(f)
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let sc = small("ziyang", 4000, &[]);
    let o = RunOptions { years: 4, paths: 7, seed: 99, overrides: vec![] };
    let one = in_pool(1, || run(&sc, &o, &|| {}).unwrap());
    let two = in_pool(2, || run(&sc, &o, &|| {}).unwrap());
    let three = in_pool(3, || run(&sc, &o, &|| {}).unwrap());
    assert_eq!(one, two);
    assert_eq!(one, three);
    // And a different seed gives a different future.
    let other = run(&sc, &RunOptions { seed: 100, ..o.clone() }, &|| {}).unwrap();
    assert_ne!(one.rows, other.rows);
}

#[test]
fn a_path_is_the_same_alone_or_among_others() {
    // Sharding by path index must not change a path (issue 6 relies on it).
    let sc = small("dingxi", 3000, &[]);
    let o = RunOptions { years: 3, paths: 5, seed: 7, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    let all = run_paths(&s, 0..5, &|| {}).unwrap();
    let only_3 = run_paths(&s, 3..4, &|| {}).unwrap();
    assert_eq!(all[3], only_3[0]);
}

#[test]
fn ledgers_conserve_money_to_the_fen() {
    let sc = small("ziyang", 5000, &["projection.economy.shocks.epidemic.probability=0.5"]);
    let o = RunOptions { years: 6, paths: 4, seed: 3, overrides: vec![] };
    let r = run(&sc, &o, &|| {}).unwrap();
    assert_eq!(r.rows.len(), 4 * 6);
    for row in &r.rows {
        row.ledger.check().unwrap();
        assert!(row.ledger.outflow() > Money::ZERO);
    }
    // Each year opens with the previous year's closing balance.
    for w in r.rows.windows(2) {
        let (a, b): (&LedgerRow, &LedgerRow) = (&w[0], &w[1]);
        if a.path == b.path && a.district == b.district {
            assert_eq!(a.ledger.balance_closing, b.ledger.balance_opening, "path {} {}→{}", a.path, a.year, b.year);
        }
    }
    // The first year opens with the scenario's balance (950,000,000).
    assert!(r.rows.iter().filter(|x| x.year == 2025).all(|x| x.ledger.balance_opening == Money::yuan(950_000_000)));
}

#[test]
fn calibration_on_a_fixed_seed() {
    // shared/calibration.md: inpatient rate 17.6–21.9%, 12,175 per admission
    // (2023), in-scope inpatient fund ratio 84.2–84.6%, retirees 49.8% of
    // spending, caesareans about 35% in 2014 rising (40% assumed for now).
    let sc = small("ziyang", 60_000, &[]);
    let o = RunOptions { years: 1, paths: 1, seed: 2024, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    let st = &run_paths(&s, 0..1, &|| {}).unwrap()[0].1[0];
    let members: u64 = st.members.iter().sum();
    let admissions = (st.admissions[0] + st.admissions[1]) as f64;
    let rate = admissions / members as f64;
    assert!((0.17..=0.22).contains(&rate), "inpatient rate {rate}");
    // 2025 prices: 12,175 × 1.05² = 13,423.
    let cost = st.admission_bills / admissions;
    assert!((13_423.0 * 0.9..=13_423.0 * 1.1).contains(&cost), "cost per admission {cost}");
    let ratio = st.inpatient_fund / st.inpatient_in_scope;
    assert!((0.78..=0.90).contains(&ratio), "in-scope fund ratio {ratio}");
    let retirees = st.bills[1] / (st.bills[0] + st.bills[1]);
    assert!((0.42..=0.58).contains(&retirees), "retirees' share {retirees}");
    let caesarean = st.caesareans as f64 / st.births as f64;
    assert!((0.33..=0.47).contains(&caesarean), "caesarean share {caesarean} of {}", st.births);
}

/// Three members, no claims, no deaths, no transitions, a certain economy:
/// the year's fund flows worked out by hand from Ziyang's rules.
#[test]
fn a_small_population_by_hand() {
    let sc = small(
        "ziyang",
        3,
        &[
            "projection.economy.wage_growth={ mean = 0.05, sd = 0.0 }",
            "projection.economy.medical_inflation={ mean = 0.05, sd = 0.0 }",
            "projection.economy.interest={ mean = 0.02, sd = 0.0 }",
            "projection.economy.shocks={}",
            "projection.population.entry_rate=0.0",
            "projection.population.exit_rate=0.0",
            "projection.population.to_flexible_rate=0.0",
            "projection.population.to_employee_rate=0.0",
            "projection.fund.opening_balance=1000000",
        ],
    );
    let o = RunOptions { years: 2, paths: 1, seed: 1, overrides: vec![] };
    let mut s = setup(&sc, &o).unwrap();
    // No one dies, falls ill or has a child.
    let mut data = Data::builtin().clone();
    data.qx = [[0.0; 111]; 2];
    for u in &mut data.utilisation {
        *u = Default::default();
    }
    data.fertility.iter_mut().for_each(|f| *f = 0.0);
    s.data = Box::leak(Box::new(data));
    s.claims.termination_rate = 0.0;
    s.claims.family_planning_rate = 0.0;
    // avg wage 91,752 (2025 in ziyang.toml) = 7,646 a month.
    assert_eq!(s.avg_wage, Money::yuan(91_752));
    // Men at enterprises on combined accounts, 300 months contributed.
    let person =
        |id, age, category, wage: f32| Person::new(id, age, category, false, false, false, false, 0, 300, wage);
    let people = vec![person(0, 40, EMPLOYEE, 2.0), person(1, 30, EMPLOYEE, 0.5), person(2, 70, RETIREE, 1.0)];
    s.base = Population { people, next_id: 3 };

    let (rows, _) = run_paths(&s, 0..1, &|| {}).unwrap().remove(0);
    let y1 = &rows[0].ledger;
    // 000 第九条（一）2: base within 100%–300% of 7,646 a month.
    //   member 0: wage 2 × 7,646 = 15,292 (within the band) → base 15,292
    //   member 1: wage 0.5 × 7,646 = 3,823 → the floor, 7,646
    // 第九条（二）1: employer 7.7%, employee 2%, for 12 months:
    //   employer = 12 × (15,292 × 7.7% + 7,646 × 7.7%) = 12 × (1,177.48 + 588.74) = 21,194.64
    //   employee = 12 × (305.84 + 152.92) = 5,505.12
    // 004 第五条（一）: 2% of the base to the personal account = 5,505.12
    // 第五条（二）: the retiree's account, 78.40 a month (assumed) = 940.80
    // Interest 2% of 1,000,000 = 20,000.
    assert_eq!(y1.employer, Money::parse_yuan("21194.64").unwrap());
    assert_eq!(y1.employee, Money::parse_yuan("5505.12").unwrap());
    assert_eq!(y1.to_personal_accounts, Money::parse_yuan("5505.12").unwrap());
    assert_eq!(y1.retiree_accounts, Money::parse_yuan("940.80").unwrap());
    assert_eq!(y1.interest, Money::yuan(20_000));
    assert_eq!(y1.outflow(), Money::parse_yuan("940.80").unwrap());
    // closing = 1,000,000 + 21,194.64 + 5,505.12 − 5,505.12 + 20,000 − 940.80 = 1,040,253.84
    assert_eq!(y1.balance_closing, Money::parse_yuan("1040253.84").unwrap());
    assert_eq!((y1.employees, y1.retirees, y1.deaths, y1.entrants), (2, 1, 0, 0));
    // Year 2: wages grew 5%: avg 91,752 × 1.05 = 96,339.60 = 8,028.30 a month.
    //   member 0: 2 × 8,028.30 = 16,056.60; member 1: floor 8,028.30
    //   employer = 12 × (1,236.36 + 618.18) = 22,254.48 (7.7% of each base,
    //   rounded to the fen: 1,236.3582 → 1,236.36; 618.1791 → 618.18)
    let y2 = &rows[1].ledger;
    assert_eq!(y2.employer, Money::parse_yuan("22254.48").unwrap());
    // Interest 2% of 1,040,253.84 = 20,805.0768 → 20,805.08
    assert_eq!(y2.interest, Money::parse_yuan("20805.08").unwrap());
}
