//! A projection worked by hand (issue 16): a few named members
//! (`projection.roster`), their claims year by year
//! (`projection.claim_schedule`), no deaths or moves, a certain economy,
//! projected three years from a scenario file; every cell of every year's
//! ledger is written out below with its arithmetic and the article it comes
//! from, and compared whole (a column left out of the expectation must be
//! zero in the engine's ledger too).
//!
//! The scenarios are `tests/handworked/<city>.toml`: the built-in rules
//! copied unchanged, with a `[projection]` that has no randomness.

use medfund_rules::money::Money;
use medfund_sim::Scenario;
use medfund_sim::ledger::{LedgerRow, LedgerYear};
use medfund_sim::montecarlo::{RunOptions, RunResult, run};

fn load(name: &str) -> Scenario {
    let file = format!("{}/tests/handworked/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    Scenario::load(std::path::Path::new(&file)).unwrap_or_else(|e| panic!("{e}"))
}

fn project(sc: &Scenario, seed: u64) -> RunResult {
    run(sc, &RunOptions { years: 3, paths: 1, seed, overrides: vec![] }, &|| {}).unwrap()
}

/// Yuan with fen, as written.
fn y(s: &str) -> Money {
    Money::parse_yuan(s).unwrap()
}

/// Compare a ledger with the one worked by hand: column by column first (so
/// that a failure names every cell that differs), then whole.
fn same(what: &str, got: &LedgerYear, want: &LedgerYear) {
    let mut bad = Vec::new();
    let cols = LedgerYear::INCOME
        .iter()
        .chain(LedgerYear::OUTFLOW.iter())
        .chain(LedgerYear::EMPLOYEE_MEMO.iter())
        .copied()
        .chain([
            ("balance_opening", (|l: &LedgerYear| l.balance_opening) as fn(&LedgerYear) -> Money),
            ("balance_closing", |l| l.balance_closing),
        ]);
    for (name, f) in cols {
        if f(got) != f(want) {
            bad.push(format!("{name}: engine {} by hand {}", f(got), f(want)));
        }
    }
    for (name, f) in LedgerYear::COUNTS {
        if f(got) != f(want) {
            bad.push(format!("{name}: engine {} by hand {}", f(got), f(want)));
        }
    }
    assert!(bad.is_empty(), "{what}:\n  {}", bad.join("\n  "));
    assert_eq!(got, want, "{what}: a column outside the ledger's lists differs");
    got.check().unwrap();
}

/// Months of payment (累计结余可支付月数) as the ledger and the summary count
/// them: the closing balance over one month of the year's outflow,
/// balance ÷ (outflow ÷ 12) ([`LedgerYear::months_of_payment`]).
fn months(balance: &str, outflow: &str) -> f64 {
    y(balance).0 as f64 / (y(outflow).0 as f64 / 12.0)
}

fn row(r: &RunResult, year: i32, district: u16) -> &LedgerRow {
    r.rows.iter().find(|x| x.year == year && x.district == district).unwrap()
}

/// Ziyang (000 = 000_f8c7f1d4db53115f.txt 资府办规〔2022〕7号, 004 =
/// 004_2c8293d1e6c42930.txt 资府办规〔2022〕8号), one city ledger.
///
/// The members (tests/handworked/ziyang.toml `projection.roster`), all men
/// unless said, enterprise units, combined accounts (统账结合):
///   0  employee, 45, wage 3.5 × the average monthly wage, 240 months
///   1  employee, woman, 30, wage 0.5 ×, 60 months
///   2  retiree, 72, 360 months
///   3  flexible worker, 50, 120 months
///   4  employee, 59, wage 1.25 ×, 200 months: retires at 60 at the end of
///      2025 (projection.retirement_age: men 60)
///
/// The economy: average wage 91,752 in 2025 (scenario context.avg_wage),
/// growing 10% a year: 100,927.20 in 2026, 111,019.92 in 2027; a month of
/// it 7,646.00, 8,410.60, 9,251.66. Interest 2% on a positive opening
/// balance. Opening balance 100,000. Contributions are worked a month at a
/// time, each amount rounded to the fen, then × 12.
#[test]
fn ziyang_five_members_three_years() {
    let sc = load("ziyang");
    let r = project(&sc, 1);
    assert_eq!(r.info.years, vec![2025, 2026, 2027]);
    assert_eq!(r.rows.len(), 3, "one district, three years, one path");

    // ------------------------------------------------------------ 2025
    // Bases (000 第九条（一）2–4): between 100% and 300% of 7,646 a month,
    // i.e. 7,646.00–22,938.00; flexible workers 90% of the floor, 6,881.40.
    //   member 0: 3.5 × 7,646 = 26,761 > 22,938 → base 22,938.00
    //   member 1: 0.5 × 7,646 = 3,823 < 7,646 → base 7,646.00
    //   member 4: 1.25 × 7,646 = 9,557.50 (within the band) → 9,557.50
    // Employer 7.7% (maternity 0.7% included), employee 2% (第九条（二）1):
    //   member 0: 22,938 × 7.7% = 1,766.226 → 1,766.23; × 2% = 458.76
    //   member 1:  7,646 × 7.7% =   588.742 →   588.74; × 2% = 152.92
    //   member 4:  9,557.50 × 7.7% = 735.9275 → 735.93; × 2% = 191.15
    //   employer = 12 × (1,766.23 + 588.74 + 735.93) = 12 × 3,090.90 = 37,090.80
    //   employee = 12 × (458.76 + 152.92 + 191.15) = 12 × 802.83 = 9,633.96
    // Flexible worker 9% on 6,881.40 (第九条（二）2) = 619.326 → 619.33;
    //   × 12 = 7,431.96
    // Personal accounts (004 第五条（一）, 000 第十条): 2% of the base,
    //   flexible worker included: 458.76 + 152.92 + 191.15 + 137.63
    //   (6,881.40 × 2% = 137.628) = 940.46; × 12 = 11,285.52
    // Retiree's account from the pool (004 第五条（二）): 78.40 a month
    //   (scenario assumption: 2.8% of 2,800) × 12 = 940.80
    // Contribution bases (memo): 12 × (22,938 + 7,646 + 9,557.50 + 6,881.40)
    //   = 12 × 47,022.90 = 564,274.80
    //
    // Claims:
    //   member 2, inpatient 3A local, total 20,000, out of scope 1,000,
    //   class-B drugs 2,000:
    //     self-pay-first 10% of class B (000 第十二条（一）1) = 200
    //     scope 20,000 − 1,000 − 200 = 18,800
    //     deductible 3A local 1,000 − 200 for a retiree (第十八条（一）1, 2) = 800
    //     ratio 3A 80% + 5 retiree + 5 aged 70 or over (第十八条（二）1, 2) = 90%
    //     fund 90% × (18,800 − 800) = 16,200
    //     top-up (第二十七条): burden 18,800 − 16,200 = 2,600, below the
    //     threshold of 50% × 91,752 = 45,876: nothing
    //   member 3, outpatient level 1, 800: deductible 200 in service, 60% at
    //     level 2 and below (004 第八条（一）, 000 第十六条):
    //     fund 60% × (800 − 200) = 360 (within the 2,000 limit; a flexible
    //     worker of 120 months is past the 6-month wait of 第十三条)
    //
    // Year end: member 4 turns 60 and retires (men 60) with 200 + 12 = 212
    // months against the minimum of 24 years = 288 in 2025 (第九条（七）1（1）):
    // 76 months short, paid at once at last month's base and rate (第九条
    // （五）1; scenario lump_sum factor 1): 76 × 9,557.50 × (7.7% + 2%)
    //   = 726,370 × 9.7% = 70,457.89
    // (004 第五条（二） credits part of such a payment to the member's
    // personal account at the in-service standard; the engine books it all to
    // the pool — reported, not modelled here.)
    //
    // Interest 2% × 100,000 = 2,000.
    // Income = 37,090.80 + 9,633.96 + 7,431.96 − 11,285.52 + 70,457.89
    //          + 2,000 = 115,329.09
    // Outflow = 16,200 + 360 + 940.80 = 17,500.80
    // Closing = 100,000 + 115,329.09 − 17,500.80 = 197,828.29
    // Members at year end: employees 0 and 1, flexible 3, retirees 2 and 4.
    let want_2025 = LedgerYear {
        employees: 2,
        flexible: 1,
        retirees: 2,
        retirements: 1,
        claims: 2,
        admissions: 1,
        employer: y("37090.80"),
        employee: y("9633.96"),
        flexible_contributions: y("7431.96"),
        to_personal_accounts: y("11285.52"),
        lump_sums: y("70457.89"),
        interest: y("2000"),
        inpatient: y("16200"),
        outpatient: y("360"),
        retiree_accounts: y("940.80"),
        contribution_base: y("564274.80"),
        balance_opening: y("100000"),
        balance_closing: y("197828.29"),
        ..LedgerYear::default()
    };
    same("2025", &row(&r, 2025, 0).ledger, &want_2025);

    // ------------------------------------------------------------ 2026
    // A month of the average wage 8,410.60: band 8,410.60–25,231.80,
    // flexible base 90% × 8,410.60 = 7,569.54.
    //   member 0: 3.5 × 8,410.60 = 29,437.10 > cap → 25,231.80;
    //     × 7.7% = 1,942.8486 → 1,942.85; × 2% = 504.636 → 504.64
    //   member 1: 0.5 × 8,410.60 = 4,205.30 < floor → 8,410.60;
    //     × 7.7% = 647.6162 → 647.62; × 2% = 168.212 → 168.21
    //   member 4 is now a retiree: 78.40 a month to his account
    //   employer = 12 × (1,942.85 + 647.62) = 12 × 2,590.47 = 31,085.64
    //   employee = 12 × (504.64 + 168.21) = 12 × 672.85 = 8,074.20
    //   flexible: 7,569.54 × 9% = 681.2586 → 681.26; × 12 = 8,175.12
    //   accounts: 504.64 + 168.21 + 151.39 (7,569.54 × 2% = 151.3908)
    //     = 824.24; × 12 = 9,890.88
    //   retiree accounts: 2 × 78.40 × 12 = 1,881.60
    //   bases: 12 × (25,231.80 + 8,410.60 + 7,569.54) = 12 × 41,211.94
    //     = 494,543.28
    //
    // Claims:
    //   member 1, a natural birth at a 2A hospital, medical cost 4,000,
    //   prenatal care 500; 72 months of contributions, an enterprise unit:
    //     medical lump sum min(3,500, 4,000) = 3,500 (第二十四条（二）)
    //     prenatal care min(500, 600) = 500 (第二十四条（三）)
    //     maternity medical = 4,000
    //     allowance (第二十四条（一）, 第二十三条: 12 months continuous):
    //     monthly base ÷ 30 × 158 days, the base being the unit's average
    //     monthly wage, which a projection does not know: the city's,
    //     100,927.20 ÷ 12 = 8,410.60 (the adjudication contract's default
    //     for `employer_avg_monthly_wage`):
    //     8,410.60 × 158 ÷ 30 = 1,328,874.80 ÷ 30 = 44,295.8267 → 44,295.83
    //   member 2 (now 73), two admissions:
    //     (a) 2B local, total 10,000, out of scope 500, class B 1,000:
    //         self-pay-first 100; scope 9,400; deductible 400 − 200 = 200;
    //         ratio 85% + 5 + 5 = 95%; fund 95% × 9,200 = 8,740
    //     (b) 3A local, 30,000, the year's second admission: deductible
    //         1,000 − 200 − 50 (第十八条（一）3) = 750; ratio 90%;
    //         fund 90% × 29,250 = 26,325
    //     top-up: burden 660 + 3,675 = 4,335, below 50% × 100,927.20
    //     = 50,463.60: nothing
    //   inpatient = 8,740 + 26,325 = 35,065
    //
    // Interest 2% × 197,828.29 = 3,956.5658 → 3,956.57.
    // Income = 31,085.64 + 8,074.20 + 8,175.12 − 9,890.88 + 3,956.57
    //        = 41,400.65
    // Outflow = 35,065 + 4,000 + 44,295.83 + 1,881.60 = 85,242.43
    // Closing = 197,828.29 + 41,400.65 − 85,242.43 = 153,986.51
    let want_2026 = LedgerYear {
        employees: 2,
        flexible: 1,
        retirees: 2,
        claims: 3,
        admissions: 2,
        employer: y("31085.64"),
        employee: y("8074.20"),
        flexible_contributions: y("8175.12"),
        to_personal_accounts: y("9890.88"),
        interest: y("3956.57"),
        inpatient: y("35065"),
        maternity_medical: y("4000"),
        maternity_allowance: y("44295.83"),
        retiree_accounts: y("1881.60"),
        contribution_base: y("494543.28"),
        balance_opening: y("197828.29"),
        balance_closing: y("153986.51"),
        ..LedgerYear::default()
    };
    same("2026", &row(&r, 2026, 0).ledger, &want_2026);

    // ------------------------------------------------------------ 2027
    // A month of the average wage 9,251.66: band 9,251.66–27,754.98,
    // flexible base 90% × 9,251.66 = 8,326.494 → 8,326.49.
    //   member 0: 3.5 × 9,251.66 = 32,380.81 > cap → 27,754.98;
    //     × 7.7% = 2,137.13346 → 2,137.13; × 2% = 555.0996 → 555.10
    //   member 1: 0.5 × 9,251.66 < floor → 9,251.66;
    //     × 7.7% = 712.37782 → 712.38; × 2% = 185.0332 → 185.03
    //   employer = 12 × (2,137.13 + 712.38) = 12 × 2,849.51 = 34,194.12
    //   employee = 12 × (555.10 + 185.03) = 12 × 740.13 = 8,881.56
    //   flexible: 8,326.49 × 9% = 749.3841 → 749.38; × 12 = 8,992.56
    //   accounts: 555.10 + 185.03 + 166.53 (8,326.49 × 2% = 166.5298)
    //     = 906.66; × 12 = 10,879.92
    //   retiree accounts 1,881.60
    //   bases: 12 × (27,754.98 + 9,251.66 + 8,326.49) = 12 × 45,333.13
    //     = 543,997.56
    //
    // Claims:
    //   member 4 (retired, 61), inpatient 3A local, total 500,000, out of
    //   scope 20,000: scope 480,000; deductible 1,000 − 200 = 800; ratio
    //   80% + 5 = 85%; fund 85% × 479,200 = 407,320 (the yearly cap, 6 ×
    //   111,019.92 = 666,119.52, 第十二条（四）, is not reached)
    //   top-up (第二十七条, contract reading 9): burden 480,000 − 407,320
    //   = 72,680; threshold 50% × 111,019.92 = 55,509.96; the 17,170.04
    //   above it lies between the band edges 50,000 and 100,000 of the
    //   burden: 80% local → 13,736.032 → 13,736.03
    //   member 0, outpatient 3A, 5,000: 50% × (5,000 − 200) = 2,400, above
    //   the in-service limit of 2,000 (004 第八条（一）): fund 2,000
    //
    // Interest 2% × 153,986.51 = 3,079.7302 → 3,079.73.
    // Income = 34,194.12 + 8,881.56 + 8,992.56 − 10,879.92 + 3,079.73
    //        = 44,268.05
    // Outflow = 407,320 + 2,000 + 1,881.60 + 13,736.03 = 424,937.63
    // 153,986.51 + 44,268.05 − 424,937.63 = −226,683.07: 2027 is an epidemic
    // year (projection.economy.shocks), so the fiscal budget covers the gap
    // (000 第三十六条（六）): fiscal subsidy 226,683.07, closing 0.
    let want_2027 = LedgerYear {
        employees: 2,
        flexible: 1,
        retirees: 2,
        claims: 2,
        admissions: 1,
        employer: y("34194.12"),
        employee: y("8881.56"),
        flexible_contributions: y("8992.56"),
        to_personal_accounts: y("10879.92"),
        interest: y("3079.73"),
        fiscal_subsidy: y("226683.07"),
        inpatient: y("407320"),
        outpatient: y("2000"),
        retiree_accounts: y("1881.60"),
        top_up: y("13736.03"),
        contribution_base: y("543997.56"),
        balance_opening: y("153986.51"),
        balance_closing: Money::ZERO,
        ..LedgerYear::default()
    };
    same("2027", &row(&r, 2027, 0).ledger, &want_2027);

    // Months of payment: 197,828.29 ÷ (17,500.80 ÷ 12) = 135.647…;
    // 153,986.51 ÷ (85,242.43 ÷ 12) = 21.677…; 0 ÷ … = 0.
    let m = [months("197828.29", "17500.80"), months("153986.51", "85242.43"), 0.0];
    assert!((m[0] - 135.647).abs() < 1e-3 && (m[1] - 21.677).abs() < 1e-3, "{m:?}");
    for (k, s) in r.summary.iter().enumerate() {
        let l = &row(&r, s.year, 0).ledger;
        assert_eq!(l.months_of_payment(), Some(m[k]), "{}", s.year);
        assert_eq!(s.months_mean, m[k], "{}", s.year);
        assert_eq!(s.balance_mean, l.balance_closing.as_yuan_f64());
    }
    // Nothing is random: another seed gives the same ledger.
    assert_eq!(
        project(&sc, 2).rows.iter().map(|x| &x.ledger).collect::<Vec<_>>(),
        r.rows.iter().map(|x| &x.ledger).collect::<Vec<_>>()
    );
}
