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
        // Memo: member 2's self-pay-first on class B (above), within her part.
        self_pay_first: y("200"),
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
        // Memo: (a)'s self-pay-first on class B 1,000 × 10% (第十二条（一）1).
        self_pay_first: y("100"),
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

/// Chongqing (002 = 002_9700c8a0963dcb6b.txt 渝办发〔2011〕293号), two
/// districts settled against their targets.
///
/// The text fixes the district settlement (二（四）2, 二（五）; spec/
/// settlement.md); the contribution and benefit levels are the scenario's
/// assumptions (scenarios/chongqing.toml, copied unchanged), cited as such:
/// bases 60%–300% of the average wage, employers 8.5%, employees 2%,
/// flexible workers 10% on 60%; accounts 2% of the base in service, 70 a
/// month for retirees; minimum years men 25; inpatient deductibles 200 /
/// 400 / 800 by level, ratios 90% / 87% / 85%, retirees +5 points; 10%
/// self-pay-first on class-B drugs, part-paid items and materials.
///
/// The members (tests/handworked/chongqing.toml `projection.roster`):
///   渝中 (district 0, main urban):
///     0  employee, man, 40, wage 4 × the average monthly wage, 200 months
///     1  retiree, woman, 65
///   万州 (district 1, regional centre):
///     2  employee, woman, 35, wage 0.5 ×, 100 months
///     3  flexible worker, man, 45, 150 months
///     4  employee, man, 59, wage 1 ×, 250 months: retires at 60 at the
///        end of 2025
///
/// The economy: average wage 88,068 every year (no growth), 7,339.00 a
/// month; interest 1%; opening balance 200,000, 100,000 a district.
/// Targets (projection.targets): the first year's are its actuals, then
/// last year's collection × 1.10 and spending × 1.05; everyone passes the
/// assessment. A district's collection is its employers', employees' and
/// flexible workers' contributions; its spending the pooled fund's outflow
/// (benefits and retirees' account credits).
#[test]
fn chongqing_two_districts_three_years() {
    let sc = load("chongqing");
    let r = project(&sc, 1);
    assert_eq!(r.info.years, vec![2025, 2026, 2027]);
    assert_eq!(r.info.districts, vec!["渝中".to_string(), "万州".to_string()]);
    assert_eq!(r.rows.len(), 6, "two districts, three years, one path");
    assert!(r.resident.is_none());

    // Contributions a month, the same every year (no wage growth): floor
    // 60% × 7,339 = 4,403.40, cap 300% = 22,017.00, flexible base 4,403.40.
    //   member 0: 4 × 7,339 = 29,356 > cap → 22,017.00;
    //     × 8.5% = 1,871.445 → 1,871.45 (half-up); × 2% = 440.34
    //   member 2: 0.5 × 7,339 = 3,669.50 < floor → 4,403.40;
    //     × 8.5% = 374.289 → 374.29; × 2% = 88.068 → 88.07
    //   member 4 (2025 only): 7,339 × 8.5% = 623.815 → 623.82; × 2% = 146.78
    //   member 3: 4,403.40 × 10% = 440.34; account 2% = 88.07
    //   retirees: 70 a month to their accounts.
    //
    // District settlement, each year and district (002 二（四）2, 二（五）):
    //   collection floor = 95% of target; above it 50% of the excess is
    //   retained; below it the shortfall comes from the district's surplus,
    //   then its government; spending under target after the assessment:
    //   60% of the saving retained; over target: the city bears 50% (main
    //   urban) or 55% (regional centre), the district the rest, from what
    //   is left of its surplus, then its government. The governments'
    //   payments are income to the fund; retained amounts, the city's share
    //   and the surplus are earmarks within the balance.

    // ---------------------------------------------------- 渝中 2025
    // employer 12 × 1,871.45 = 22,457.40; employee 12 × 440.34 = 5,284.08;
    // accounts 5,284.08; retiree accounts 12 × 70 = 840; bases 12 × 22,017
    // = 264,204.
    // Member 1 (retired, 65), inpatient 3A, 12,000 with class B 1,000:
    //   self-pay-first 100, scope 11,900, deductible 800, ratio 85% + 5 =
    //   90%: fund 90% × 11,100 = 9,990.
    // Collection 22,457.40 + 5,284.08 = 27,741.48 = its target; floor
    //   95% × 27,741.48 = 26,354.406; retained 50% × 1,387.074 = 693.537 →
    //   693.54. Spending 9,990 + 840 = 10,830 = its target: saving 0.
    //   Surplus 0 + 693.54 = 693.54.
    // Interest 1% × 100,000 = 1,000.
    // Income 22,457.40 + 5,284.08 − 5,284.08 + 1,000 = 23,457.40;
    // outflow 10,830; closing 100,000 + 23,457.40 − 10,830 = 112,627.40.
    let d0_2025 = LedgerYear {
        employees: 1,
        retirees: 1,
        claims: 1,
        admissions: 1,
        employer: y("22457.40"),
        employee: y("5284.08"),
        to_personal_accounts: y("5284.08"),
        interest: y("1000"),
        inpatient: y("9990"),
        retiree_accounts: y("840"),
        collection_target: y("27741.48"),
        spending_target: y("10830"),
        collection_retained: y("693.54"),
        district_surplus: y("693.54"),
        contribution_base: y("264204"),
        balance_opening: y("100000"),
        balance_closing: y("112627.40"),
        // Memo: member 1's self-pay-first, class B 1,000 × 10% (scenario assumption).
        self_pay_first: y("100"),
        ..LedgerYear::default()
    };
    same("渝中 2025", &row(&r, 2025, 0).ledger, &d0_2025);

    // ---------------------------------------------------- 万州 2025
    // employer 12 × (374.29 + 623.82) = 11,977.32; employee 12 × (88.07 +
    // 146.78) = 2,818.20; flexible 12 × 440.34 = 5,284.08; accounts 12 ×
    // (88.07 + 146.78 + 88.07) = 3,875.04; bases 12 × (4,403.40 + 7,339 +
    // 4,403.40) = 193,749.60.
    // Member 2, inpatient 2B, 8,000 with a part-paid item of 1,000:
    //   self-pay-first 100, scope 7,900, deductible 400, ratio 87%:
    //   fund 87% × 7,500 = 6,525.
    // Year end: member 4 retires at 60 with 262 months, 38 short of 25
    //   years (scenario minimum_years; lump_sum: missing months at the
    //   member's base and the full rate): 38 × 7,339 × (8.5% + 2%) =
    //   278,882 × 10.5% = 29,282.61.
    // Collection 11,977.32 + 2,818.20 + 5,284.08 = 20,079.60 = target;
    //   retained 50% × 5% × 20,079.60 = 501.99. Spending 6,525 = target.
    //   Surplus 501.99.
    // Income 20,079.60 − 3,875.04 + 29,282.61 + 1,000 = 46,487.17;
    // outflow 6,525; closing 100,000 + 46,487.17 − 6,525 = 139,962.17.
    let d1_2025 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 1,
        retirements: 1,
        claims: 1,
        admissions: 1,
        employer: y("11977.32"),
        employee: y("2818.20"),
        flexible_contributions: y("5284.08"),
        to_personal_accounts: y("3875.04"),
        lump_sums: y("29282.61"),
        interest: y("1000"),
        inpatient: y("6525"),
        collection_target: y("20079.60"),
        spending_target: y("6525"),
        collection_retained: y("501.99"),
        district_surplus: y("501.99"),
        contribution_base: y("193749.60"),
        balance_opening: y("100000"),
        balance_closing: y("139962.17"),
        // Memo: member 2's self-pay-first, the item 1,000 × 10%.
        self_pay_first: y("100"),
        ..LedgerYear::default()
    };
    same("万州 2025", &row(&r, 2025, 1).ledger, &d1_2025);

    // ---------------------------------------------------- 渝中 2026
    // Contributions as in 2025.
    // Member 1, inpatient 2A, 30,000, out of scope 2,000, a material of
    //   5,000: self-pay-first 500, scope 27,500, deductible 400, ratio 87%
    //   + 5 = 92%: fund 92% × 27,100 = 24,932.
    // Collection target 27,741.48 × 1.10 = 30,515.628 → 30,515.63; floor
    //   95% = 28,989.8485; actual 27,741.48: shortfall 1,248.3685, from
    //   the surplus 693.54, from the government 554.8285 → 554.83.
    // Spending target 10,830 × 1.05 = 11,371.50; actual 24,932 + 840 =
    //   25,772: overspend 14,400.50, the city 50% = 7,200.25 (main urban),
    //   the district 7,200.25, its surplus spent: all from the government.
    // District government 554.83 + 7,200.25 = 7,755.08; surplus
    //   693.54 − 693.54 = 0.
    // Interest (002 二（一）6: one account of the city): 1% of the city's
    //   opening 112,627.40 + 139,962.17 = 252,589.57, 2,525.8957 → 2,525.90,
    //   shared by the districts' balances: 渝中 ⌊2,525.90 × 112,627.40 ÷
    //   252,589.57⌋ = 1,126.27 (1,126.274…), the rest to the larger 万州.
    //   Each district's own 1% rounded would give 1,126.27 + 1,399.62 =
    //   2,525.89, a fen short of the city's.
    // Income 27,741.48 − 5,284.08 + 1,126.27 + 7,755.08 = 31,338.75;
    // outflow 25,772; closing 112,627.40 + 31,338.75 − 25,772 = 118,194.15.
    let d0_2026 = LedgerYear {
        employees: 1,
        retirees: 1,
        claims: 1,
        admissions: 1,
        employer: y("22457.40"),
        employee: y("5284.08"),
        to_personal_accounts: y("5284.08"),
        interest: y("1126.27"),
        district_government: y("7755.08"),
        inpatient: y("24932"),
        retiree_accounts: y("840"),
        collection_target: y("30515.63"),
        spending_target: y("11371.50"),
        overspend_city: y("7200.25"),
        shortfall_from_surplus: y("693.54"),
        contribution_base: y("264204"),
        balance_opening: y("112627.40"),
        balance_closing: y("118194.15"),
        // Memo: member 1's self-pay-first, the material 5,000 × 10%.
        self_pay_first: y("500"),
        ..LedgerYear::default()
    };
    same("渝中 2026", &row(&r, 2026, 0).ledger, &d0_2026);

    // ---------------------------------------------------- 万州 2026
    // Member 4 is now a retiree (70 a month). employer 12 × 374.29 =
    // 4,491.48; employee 12 × 88.07 = 1,056.84; flexible 5,284.08;
    // accounts 12 × (88.07 + 88.07) = 2,113.68; retiree accounts 840;
    // bases 12 × (4,403.40 + 4,403.40) = 105,681.60.
    // Member 4 (retired, 61), inpatient 3B, 6,000: deductible 800, ratio
    //   85% + 5 = 90%: fund 90% × 5,200 = 4,680.
    // Collection target 20,079.60 × 1.10 = 22,087.56; floor 95% =
    //   20,983.182; actual 4,491.48 + 1,056.84 + 5,284.08 = 10,832.40:
    //   shortfall 10,150.782, from the surplus 501.99, from the government
    //   9,648.792 → 9,648.79.
    // Spending target 6,525 × 1.05 = 6,851.25; actual 4,680 + 840 = 5,520:
    //   assessment passed, saving 60% × 1,331.25 = 798.75 retained.
    // Surplus 501.99 − 501.99 + 798.75 = 798.75.
    // Interest: the city's 2,525.90 less 渝中's 1,126.27 = 1,399.63 (see
    //   渝中 2026).
    // Income 10,832.40 − 2,113.68 + 1,399.63 + 9,648.79 = 19,767.14;
    // outflow 5,520; closing 139,962.17 + 19,767.14 − 5,520 = 154,209.31.
    let d1_2026 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 1,
        claims: 1,
        admissions: 1,
        employer: y("4491.48"),
        employee: y("1056.84"),
        flexible_contributions: y("5284.08"),
        to_personal_accounts: y("2113.68"),
        interest: y("1399.63"),
        district_government: y("9648.79"),
        inpatient: y("4680"),
        retiree_accounts: y("840"),
        collection_target: y("22087.56"),
        spending_target: y("6851.25"),
        savings_retained: y("798.75"),
        shortfall_from_surplus: y("501.99"),
        district_surplus: y("798.75"),
        contribution_base: y("105681.60"),
        balance_opening: y("139962.17"),
        balance_closing: y("154209.31"),
        ..LedgerYear::default()
    };
    same("万州 2026", &row(&r, 2026, 1).ledger, &d1_2026);

    // ---------------------------------------------------- 渝中 2027
    // Member 0, inpatient level 1, 3,000: deductible 200, ratio 90%:
    //   fund 90% × 2,800 = 2,520.
    // Collection target 27,741.48 × 1.10 = 30,515.63 again; shortfall
    //   1,248.3685, the surplus is 0: all from the government → 1,248.37.
    // Spending target 25,772 × 1.05 = 27,060.60; actual 2,520 + 840 =
    //   3,360: saving 60% × 23,700.60 = 14,220.36 retained; surplus
    //   14,220.36.
    // Interest: 1% of the city's 118,194.15 + 154,209.31 = 272,403.46,
    //   2,724.0346 → 2,724.03; 渝中 ⌊2,724.03 × 118,194.15 ÷ 272,403.46⌋ =
    //   1,181.93 (1,181.936…), the rest, 1,542.10, to 万州.
    // Income 27,741.48 − 5,284.08 + 1,181.93 + 1,248.37 = 24,887.70;
    // outflow 3,360; closing 118,194.15 + 24,887.70 − 3,360 = 139,721.85.
    let d0_2027 = LedgerYear {
        employees: 1,
        retirees: 1,
        claims: 1,
        admissions: 1,
        employer: y("22457.40"),
        employee: y("5284.08"),
        to_personal_accounts: y("5284.08"),
        interest: y("1181.93"),
        district_government: y("1248.37"),
        inpatient: y("2520"),
        retiree_accounts: y("840"),
        collection_target: y("30515.63"),
        spending_target: y("27060.60"),
        savings_retained: y("14220.36"),
        district_surplus: y("14220.36"),
        contribution_base: y("264204"),
        balance_opening: y("118194.15"),
        balance_closing: y("139721.85"),
        ..LedgerYear::default()
    };
    same("渝中 2027", &row(&r, 2027, 0).ledger, &d0_2027);

    // ---------------------------------------------------- 万州 2027
    // Member 3 (flexible), inpatient 3A, 9,000: deductible 800, ratio 85%:
    //   fund 85% × 8,200 = 6,970.
    // Collection target 10,832.40 × 1.10 = 11,915.64; floor 95% =
    //   11,319.858; actual 10,832.40: shortfall 487.458 → 487.46, all from
    //   the surplus (798.75).
    // Spending target 5,520 × 1.05 = 5,796; actual 6,970 + 840 = 7,810:
    //   overspend 2,014, the city 55% = 1,107.70 (regional centre), the
    //   district 906.30: from what is left of its surplus, 798.75 − 487.46
    //   = 311.29, then its government 906.30 − 311.29 = 595.01.
    // Surplus 798.75 − 487.46 − 311.29 = 0.
    // Interest: the city's 2,724.03 less 渝中's 1,181.93 = 1,542.10.
    // Income 10,832.40 − 2,113.68 + 1,542.10 + 595.01 = 10,855.83;
    // outflow 7,810; closing 154,209.31 + 10,855.83 − 7,810 = 157,255.14.
    let d1_2027 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 1,
        claims: 1,
        admissions: 1,
        employer: y("4491.48"),
        employee: y("1056.84"),
        flexible_contributions: y("5284.08"),
        to_personal_accounts: y("2113.68"),
        interest: y("1542.10"),
        district_government: y("595.01"),
        inpatient: y("6970"),
        retiree_accounts: y("840"),
        collection_target: y("11915.64"),
        spending_target: y("5796"),
        overspend_city: y("1107.70"),
        shortfall_from_surplus: y("487.46"),
        overspend_from_surplus: y("311.29"),
        contribution_base: y("105681.60"),
        balance_opening: y("154209.31"),
        balance_closing: y("157255.14"),
        ..LedgerYear::default()
    };
    same("万州 2027", &row(&r, 2027, 1).ledger, &d1_2027);

    // Months of payment of each district, and of the city (the summary's:
    // the districts' closing balances over a month of their outflows).
    //   2025: 渝中 112,627.40 ÷ (10,830 ÷ 12) = 124.79…; 万州 139,962.17 ÷
    //         (6,525 ÷ 12) = 257.40…; city 252,589.57 ÷ (17,355 ÷ 12)
    //   2026: 118,194.15 ÷ (25,772 ÷ 12); 154,209.31 ÷ (5,520 ÷ 12);
    //         city 272,403.46 ÷ (31,292 ÷ 12)
    //   2027: 139,721.85 ÷ (3,360 ÷ 12); 157,255.14 ÷ (7,810 ÷ 12);
    //         city 296,976.99 ÷ (11,170 ÷ 12)
    let by_district = [
        [months("112627.40", "10830"), months("139962.17", "6525")],
        [months("118194.15", "25772"), months("154209.31", "5520")],
        [months("139721.85", "3360"), months("157255.14", "7810")],
    ];
    let city = [months("252589.57", "17355"), months("272403.46", "31292"), months("296976.99", "11170")];
    assert!((by_district[0][0] - 124.79).abs() < 0.01 && (by_district[0][1] - 257.40).abs() < 0.01);
    for (k, s) in r.summary.iter().enumerate() {
        for d in 0..2 {
            assert_eq!(
                row(&r, s.year, d).ledger.months_of_payment(),
                Some(by_district[k][usize::from(d)]),
                "{} {d}",
                s.year
            );
        }
        assert_eq!(s.months_mean, city[k], "{}", s.year);
    }
    assert_eq!(
        project(&sc, 2).rows.iter().map(|x| &x.ledger).collect::<Vec<_>>(),
        r.rows.iter().map(|x| &x.ledger).collect::<Vec<_>>()
    );
}

/// Dingxi (003 = 003_a595c1016aac4d2c.txt 定政办发〔2023〕100号), one city
/// ledger: the per-head top-up fees (第四十四条), the lump sum with its 1.1
/// (第十四条), the annual cap (第二十二条) and the top-up (第四十五条).
///
/// The members (tests/handworked/dingxi.toml `projection.roster`), combined
/// accounts:
///   0  employee of a fiscal-funded unit, man, 40, wage 2 × the benchmark's
///      month, 200 months
///   1  flexible worker at 8%, woman, 45, 100 months
///   2  retiree, woman, 66
///   3  enterprise employee, man, 59, wage 0.25 ×, 150 months: retires at 60
///      at the end of 2025
///
/// The economy: the benchmark (基准数, context.avg_wage) 88,056 every year
/// (no growth), 7,338.00 a month; interest 1.5%; opening balance 100,000.
#[test]
fn dingxi_four_members_three_years() {
    let sc = load("dingxi");
    let r = project(&sc, 1);
    assert_eq!(r.info.years, vec![2025, 2026, 2027]);

    // ------------------------------------------------------------ 2025
    // Bases (第十条): 60%–300% of 7,338, i.e. 4,402.80–22,014.00; flexible
    // workers 80% of it, 5,870.40.
    //   member 0: 2 × 7,338 = 14,676 (within) → 14,676.00; fiscal-funded
    //     6.4% (第十一条) = 939.264 → 939.26; employee 2% = 293.52
    //   member 3: 0.25 × 7,338 = 1,834.50 < 4,402.80 → 4,402.80; 6.7% =
    //     294.9876 → 294.99; 2% = 88.056 → 88.06
    //   member 1: 8% × 5,870.40 = 469.632 → 469.63
    //   employer = 12 × (939.26 + 294.99) = 12 × 1,234.25 = 14,811.00
    //   employee = 12 × (293.52 + 88.06) = 12 × 381.58 = 4,578.96
    //   flexible = 12 × 469.63 = 5,635.56 (the engine works every member's
    //   contributions a month at a time; 第二十条（一） has flexible workers
    //   pay once for the calendar year, 12 × 469.632 = 5,635.584 → 5,635.58,
    //   two fen more: reported, not modelled)
    // Personal accounts (第二十一条 refers to rules not among the texts; the
    //   scenario assumes 2% of the base, 70 a month for retirees):
    //   293.52 + 88.06 + 117.41 (5,870.40 × 2% = 117.408) = 498.99; × 12 =
    //   5,987.88; the retiree 12 × 70 = 840
    // Per-head top-up fees, a year (第四十四条): each employee 60 (unit) +
    //   120 (own) = 180, two employees 360; the flexible worker 180; the
    //   retiree 120: 660
    // Bases (memo): 12 × (14,676 + 4,402.80 + 5,870.40) = 299,390.40
    //
    // Member 2, inpatient 3A local, 50,000 with class B 10,000 and
    //   materials 2,000 and 3,000: self-pay-first 3% of all three (第二十三条,
    //   contract reading 2) = 3% × 15,000 = 450; scope 49,550; deductible
    //   600 at level 3, ratio 93% (第二十二条, the same for retirees):
    //   fund 93% × 48,950 = 45,523.50. Top-up (第四十五条（一）): the
    //   in-scope self-paid 49,550 − 45,523.50 = 4,026.50, 95% of the
    //   3,026.50 above 1,000 = 2,875.175 → 2,875.18 (half-up).
    // Year end: member 3 retires at 60 with 162 months, 18 short of 15
    //   years (第十四条): (180 − 162) × 4,402.80 × (6.7% + 2%) × 1.1 =
    //   79,250.40 × 8.7% × 1.1 = 7,584.26328 → 7,584.26.
    // Interest 1.5% × 100,000 = 1,500.
    // Income 14,811.00 + 4,578.96 + 5,635.56 − 5,987.88 + 7,584.26 + 660
    //        + 1,500 = 28,781.90
    // Outflow 45,523.50 + 2,875.18 + 840 = 49,238.68
    // Closing 100,000 + 28,781.90 − 49,238.68 = 79,543.22
    // The top-up fund's account (第四十三条; 30,000 of the opening balance,
    //   an assumption of the file): its interest 1.5% × 30,000 = 450; its
    //   own flows 660 + 450 − 2,875.18 = −1,765.18. The pooled fund's
    //   current-year surplus (第四十三条（二）) leaves them out: (28,781.90 −
    //   49,238.68) + 1,765.18 = −18,691.60, a deficit: nothing transferred.
    //   Closing 30,000 − 1,765.18 = 28,234.82.
    let want_2025 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 2,
        retirements: 1,
        claims: 1,
        admissions: 1,
        employer: y("14811.00"),
        employee: y("4578.96"),
        flexible_contributions: y("5635.56"),
        to_personal_accounts: y("5987.88"),
        lump_sums: y("7584.26"),
        per_head_fees: y("660"),
        interest: y("1500"),
        inpatient: y("45523.50"),
        retiree_accounts: y("840"),
        top_up: y("2875.18"),
        contribution_base: y("299390.40"),
        balance_opening: y("100000"),
        balance_closing: y("79543.22"),
        top_up_fund_opening: y("30000"),
        top_up_fund_interest: y("450"),
        top_up_fund_closing: y("28234.82"),
        // Memo: member 2's self-pay-first, 3% × (10,000 + 2,000 + 3,000) = 450 (第二十三条).
        self_pay_first: y("450"),
        ..LedgerYear::default()
    };
    same("2025", &row(&r, 2025, 0).ledger, &want_2025);

    // ------------------------------------------------------------ 2026
    // Member 3 is retired: employer 12 × 939.26 = 11,271.12; employee 12 ×
    // 293.52 = 3,522.24; flexible 5,635.56; accounts 12 × (293.52 + 117.41)
    // = 4,931.16; retirees 2 × 840 = 1,680; per-head 180 + 180 + 2 × 120 =
    // 600; bases 12 × (14,676 + 5,870.40) = 246,556.80.
    // Member 2, two admissions:
    //   (a) 3A local, 60,000: deductible 600, 93%: fund 93% × 59,400 =
    //       55,242; self-paid in scope 4,758
    //   (b) 2A local, 30,000: deductible 400 (no decrement for a repeat
    //       admission in 第二十二条), 95% × 29,600 = 28,120, but the year's
    //       inpatient payments may not pass 70,000 (第二十二条 最高支付限额
    //       7万元): 70,000 − 55,242 = 14,758; self-paid in scope 30,000 −
    //       14,758 = 15,242
    //   inpatient = 70,000; top-up on the cumulative self-paid 4,758 +
    //   15,242 = 20,000: 95% × 19,000 = 18,050 ((a) 95% × 3,758 = 3,570.10,
    //   (b) 95% × 15,242 = 14,479.90)
    // Member 1, outpatient level 1, 1,000 (outpatient pooling, a scenario
    //   assumption: deductible 200, 60% below level 3): 60% × 800 = 480;
    //   100 + 12 months is past the flexible worker's 3-month wait (第二十条).
    // Interest 1.5% × 79,543.22 = 1,193.1483 → 1,193.15.
    // Income 11,271.12 + 3,522.24 + 5,635.56 − 4,931.16 + 600 + 1,193.15
    //        = 17,290.91
    // Outflow 70,000 + 480 + 18,050 + 1,680 = 90,210
    // Closing 79,543.22 + 17,290.91 − 90,210 = 6,624.13
    // Top-up fund: interest 1.5% × 28,234.82 = 423.5223 → 423.52; own flows
    //   600 + 423.52 − 18,050 = −17,026.48; pooled surplus (17,290.91 −
    //   90,210) + 17,026.48 = −55,892.61: nothing transferred. Closing
    //   28,234.82 − 17,026.48 = 11,208.34.
    let want_2026 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 2,
        claims: 3,
        admissions: 2,
        employer: y("11271.12"),
        employee: y("3522.24"),
        flexible_contributions: y("5635.56"),
        to_personal_accounts: y("4931.16"),
        per_head_fees: y("600"),
        interest: y("1193.15"),
        inpatient: y("70000"),
        outpatient: y("480"),
        retiree_accounts: y("1680"),
        top_up: y("18050"),
        contribution_base: y("246556.80"),
        balance_opening: y("79543.22"),
        balance_closing: y("6624.13"),
        top_up_fund_opening: y("28234.82"),
        top_up_fund_interest: y("423.52"),
        top_up_fund_closing: y("11208.34"),
        ..LedgerYear::default()
    };
    same("2026", &row(&r, 2026, 0).ledger, &want_2026);

    // ------------------------------------------------------------ 2027
    // Contributions, accounts and fees as in 2026.
    // Member 0, inpatient level 1 local, 5,000: deductible 200, 98%: fund
    //   98% × 4,800 = 4,704; self-paid 96, below the top-up's 1,000.
    // Member 0, a negotiated drug (single_payment_drug) of 10,000: the basic
    //   fund pays 70% (an assumption of the scenario: 003 第二十三条 refers
    //   to a negotiated-drug policy not among the texts) = 7,000; self-paid
    //   3,000, of which the top-up pays 80% of the 2,000 above 1,000 =
    //   1,600 (第四十五条（三）).
    // Interest 1.5% × 6,624.13 = 99.36195 → 99.36.
    // Income 11,271.12 + 3,522.24 + 5,635.56 − 4,931.16 + 600 + 99.36
    //        = 16,197.12
    // Outflow 4,704 + 7,000 + 1,600 + 1,680 = 14,984
    // Closing 6,624.13 + 16,197.12 − 14,984 = 7,837.25
    // Top-up fund: 1.5% × 11,208.34 = 168.13, more than the row's whole
    //   interest (the pooled part, 6,624.13 − 11,208.34, is negative and
    //   earns none): its interest is the row's 99.36. Own flows 600 + 99.36
    //   − 1,600 = −900.64; the pooled fund's surplus (16,197.12 − 14,984)
    //   + 900.64 = 2,113.76 (its income 16,197.12 − 600 − 99.36 = 15,497.76
    //   less its outflow 14,984 − 1,600 = 13,384); 5% of it (第四十三条（二）)
    //   = 105.688 → 105.69 transferred. Closing 11,208.34 − 900.64 +
    //   105.69 = 10,413.39.
    let want_2027 = LedgerYear {
        employees: 1,
        flexible: 1,
        retirees: 2,
        claims: 2,
        admissions: 1,
        employer: y("11271.12"),
        employee: y("3522.24"),
        flexible_contributions: y("5635.56"),
        to_personal_accounts: y("4931.16"),
        per_head_fees: y("600"),
        interest: y("99.36"),
        inpatient: y("4704"),
        single_payment_drugs: y("7000"),
        top_up: y("1600"),
        retiree_accounts: y("1680"),
        contribution_base: y("246556.80"),
        balance_opening: y("6624.13"),
        balance_closing: y("7837.25"),
        top_up_fund_opening: y("11208.34"),
        top_up_fund_interest: y("99.36"),
        top_up_fund_transfer: y("105.69"),
        top_up_fund_closing: y("10413.39"),
        ..LedgerYear::default()
    };
    same("2027", &row(&r, 2027, 0).ledger, &want_2027);

    // Months of payment: 79,543.22 ÷ (49,238.68 ÷ 12) = 19.385…;
    // 6,624.13 ÷ (90,210 ÷ 12) = 0.881…: under 3 months;
    // 7,837.25 ÷ (14,984 ÷ 12) = 6.276…
    let m = [months("79543.22", "49238.68"), months("6624.13", "90210"), months("7837.25", "14984")];
    assert!((m[0] - 19.385).abs() < 1e-3 && (m[1] - 0.881).abs() < 1e-3 && (m[2] - 6.276).abs() < 1e-3, "{m:?}");
    for (k, s) in r.summary.iter().enumerate() {
        assert_eq!(row(&r, s.year, 0).ledger.months_of_payment(), Some(m[k]), "{}", s.year);
        assert_eq!(s.months_mean, m[k], "{}", s.year);
        assert_eq!(s.p_below_3_months, if s.year == 2026 { 1.0 } else { 0.0 }, "{}", s.year);
    }
}

/// `projection.population.mortality = false` stops the deaths of a drawn
/// population; it is on unless set.
#[test]
fn mortality_off_means_no_deaths() {
    let file = format!("{}/../../scenarios/ziyang.toml", env!("CARGO_MANIFEST_DIR"));
    let base = Scenario::load(std::path::Path::new(&file)).unwrap();
    let o = RunOptions { years: 3, paths: 2, seed: 5, overrides: vec![] };
    let sets = |m: &str| {
        vec!["projection.population.members=3000".to_string(), format!("projection.population.mortality={m}")]
    };
    let on = run(&base.with_overrides(&sets("true")).unwrap(), &o, &|| {}).unwrap();
    let off = run(&base.with_overrides(&sets("false")).unwrap(), &o, &|| {}).unwrap();
    let deaths = |r: &RunResult| r.rows.iter().map(|x| x.ledger.deaths).sum::<u32>();
    assert!(deaths(&on) > 10, "3,000 members over 3 years: {} deaths", deaths(&on));
    assert_eq!(deaths(&off), 0);
    // The first year's flows come before any death: the same either way.
    let first =
        |r: &RunResult| r.rows.iter().filter(|x| x.year == 2025).map(|x| x.ledger.outflow()).collect::<Vec<_>>();
    assert_eq!(first(&on), first(&off));
    // The default is mortality on.
    let default = run(&base.with_overrides(&sets("true")[..1]).unwrap(), &o, &|| {}).unwrap();
    assert_eq!(default.rows, on.rows);
}
