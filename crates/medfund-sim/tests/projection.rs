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

/// k: how many standard errors a calibrated figure may stray outside the
/// published range before the test fails.
const K: f64 = 4.0;

/// A ratio estimator R = Σy / Σx over independent clusters (here paths:
/// each path draws its own claims on the same base population) and its
/// standard error by linearisation: SE² = Σ (y_i − R x_i)² / (n (n − 1) x̄²).
/// It is the right SE for a ratio of sums (fund ÷ in-scope cost, admissions
/// ÷ members), where the per-claim ratios' variance would weight small
/// claims like large ones.
fn ratio_se(pairs: &[(f64, f64)]) -> (f64, f64) {
    let n = pairs.len() as f64;
    let (sy, sx): (f64, f64) = pairs.iter().fold((0.0, 0.0), |(a, b), (y, x)| (a + y, b + x));
    let r = sy / sx;
    let xbar = sx / n;
    let ss: f64 = pairs.iter().map(|(y, x)| (y - r * x).powi(2)).sum();
    (r, (ss / (n * (n - 1.0) * xbar * xbar)).sqrt())
}

/// The band: the published range widened by K standard errors on each side.
fn check(what: &str, (value, se): (f64, f64), lo: f64, hi: f64) {
    let (blo, bhi) = (lo - K * se, hi + K * se);
    eprintln!("{what} {value:.5} (SE {se:.5}), band {blo:.5}..{bhi:.5}");
    assert!(se > 0.0, "{what}: no sampling variation measured");
    assert!(
        (blo..=bhi).contains(&value),
        "{what} {value:.5} (SE {se:.5}) outside published {lo:.4}..{hi:.4} widened by {K}·SE = {blo:.5}..{bhi:.5}"
    );
}

/// One year of Ziyang, 30,000 members, 10 paths (independent claims on one
/// base population): the per-path calibration figures.
fn calibration_paths() -> Vec<medfund_sim::montecarlo::path::CalibrationStats> {
    let sc = small("ziyang", 30_000, &[]);
    let o = RunOptions { years: 1, paths: 10, seed: 2024, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    run_paths(&s, 0..10, &|| {}).unwrap().into_iter().map(|p| p.1[0].clone()).collect()
}

#[test]
fn calibration_on_a_fixed_seed() {
    let st = calibration_paths();
    // The admission rate and the cost per admission are fitted to the
    // city's derived accounts (medfund-analysis tests/fit.rs checks them);
    // the caesarean share is not: 34.9% of births in 2014, rising about
    // 1.8% a year (Li et al. 2020): 0.349 × 1.018^11 = 0.424 by 2025;
    // range 0.349..0.424.
    let caesarean = ratio_se(&st.iter().map(|s| (s.caesareans as f64, s.births as f64)).collect::<Vec<_>>());
    check("caesarean share", caesarean, 0.349, 0.424);
}

/// One year of the national scenario at 30,000 members simulated in full
/// (its own sample is 1 in 4,000), 10 paths.
fn national_paths() -> Vec<medfund_sim::montecarlo::path::CalibrationStats> {
    let sc = small("national", 30_000, &["projection.population.sample=1"]);
    let o = RunOptions { years: 1, paths: 10, seed: 2024, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    run_paths(&s, 0..10, &|| {}).unwrap().into_iter().map(|p| p.1[0].clone()).collect()
}

#[test]
fn calibration_in_scope_fund_ratio() {
    // In-scope inpatient fund payment ratio of employee members 84.2%
    // (2022) – 84.6% (2023), a national figure: checked on the national
    // scenario (fitted to the 2023 bulletin, in_scope_ratio by the level
    // mix, on seed 42 and its own sample: this checks that the fit holds
    // on another seed and population; measured 0.8447, SE 0.0005, since admissions carry their lines; 0.8457 before). Ziyang's
    // own rules give 0.8145 (SE 0.0004): its deductibles take more of its
    // lower, wage-scaled costs.
    let st = national_paths();
    let ratio = ratio_se(&st.iter().map(|s| (s.inpatient_fund, s.inpatient_in_scope)).collect::<Vec<_>>());
    check("in-scope fund ratio", ratio, 0.842, 0.846);
}

#[test]
fn calibration_retirees_share_of_spending() {
    // Retirees 49.8% of employee medical costs (2024, national; a point),
    // checked on the national scenario like the in-scope ratio: a national
    // figure, and not one the national fit sets (tests/national.rs).
    // Ziyang gave 0.5016 (SE 0.0019) before admissions carried their lines
    // (data/admission_lines.csv); its refit then moved 22% more of its
    // pooled spending to outpatient and special care, which retirees use
    // more, and it gives 0.5062 (SE 0.0019), just outside the band.
    let st = national_paths();
    let share = ratio_se(&st.iter().map(|s| (s.bills[1], s.bills[0] + s.bills[1])).collect::<Vec<_>>());
    check("retirees' share", share, 0.498, 0.498);
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
            // Wages declared in full (the scenario's calibration declares
            // them at the floor).
            "projection.population.declared_wage_factor=1.0",
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

#[test]
fn dingxi_keeps_its_top_up_fund_apart_and_tops_up_negotiated_drugs() {
    // 003 第四十三条: the top-up fund's own account within the employee row,
    // fed by the per-head fees (第四十四条) and 5% of the pooled fund's
    // current-year surplus (第四十三条（二）), paying the top-up, negotiated
    // drugs included (第四十五条（三）); its opening, 24,000,000 of the
    // 450,000,000, is the scenario's assumption (scaled here to the sample).
    let sc = small(
        "dingxi",
        20_000,
        &["projection.fund.top_up_opening=3200000", "projection.fund.opening_balance=60000000"],
    );
    let r = run(&sc, &RunOptions { years: 4, paths: 2, seed: 9, overrides: vec![] }, &|| {}).unwrap();
    assert_eq!(
        r.info.optional_columns,
        vec!["top_up_fund_opening", "top_up_fund_interest", "top_up_fund_transfer", "top_up_fund_closing"]
    );
    let mut transferred = 0;
    for row in &r.rows {
        let l = &row.ledger;
        l.check().unwrap();
        l.check_top_up_fund().unwrap();
        assert!(l.single_payment_drugs > Money::ZERO, "negotiated drugs are drawn and paid");
        // The transfer is 5% of the pooled part's surplus, never of a deficit.
        let own = l.per_head_fees + l.top_up_fund_interest - l.top_up;
        let pooled_surplus = l.income() - l.outflow() - own;
        assert_eq!(l.top_up_fund_transfer, pooled_surplus.max0().mul_rate(medfund_rules::money::Rate::percent(5)));
        transferred += usize::from(l.top_up_fund_transfer > Money::ZERO);
        if row.year == 2025 {
            assert_eq!(l.top_up_fund_opening, Money::yuan(3_200_000));
        }
    }
    assert!(transferred > 0);
    // Each year opens with the last one's closing.
    for (a, b) in r.rows.iter().zip(r.rows.iter().skip(1)).filter(|(a, b)| a.path == b.path) {
        assert_eq!(a.ledger.top_up_fund_closing, b.ledger.top_up_fund_opening);
    }
}
