//! The resident funds (居民医保) of Luzhou and Chongqing: financing a head
//! worked by hand from the texts, the city adjustment fund's levies and
//! grants, and the projection: own ledgers balancing to the fen, money
//! conserved across years and districts, reproducible whatever the thread
//! count, and the employee fund untouched by projecting residents beside it.

mod common;

use medfund_rules::money::{Money, Rate};
use medfund_rules::rules::resident_financing::{AdjustmentFund, HeadFinancing, grants};
use medfund_rules::scenario::Scheme;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{ADJUSTMENT_FUND_ROW, RunOptions, RunResult, run};
use medfund_sim::{Projected, Scenario};

fn y(v: i64) -> Money {
    Money::yuan(v)
}

fn group(sc: &Scenario, year: i32, name: &str) -> medfund_rules::rules::resident_financing::SubsidyGroup {
    let r = sc.year_rules(Scheme::Resident, year).unwrap();
    r.subsidised_groups.as_ref().unwrap().v.iter().find(|g| g.name == name).unwrap().clone()
}

fn head(sc: &Scenario, year: i32, tier2: bool, group_name: Option<&str>) -> HeadFinancing {
    let r = sc.year_rules(Scheme::Resident, year).unwrap();
    let g = group_name.map(|n| group(sc, year, n));
    r.financing.as_ref().unwrap().v.head(tier2, g.as_ref(), r.subsidy_split.as_ref().map(|s| &s.v))
}

#[test]
fn luzhou_an_ordinary_resident_in_2025() {
    // resident.financing (assumption: national standards) 2025: individual
    // 400, subsidy 700, 85% of it central and provincial: 595.00; the local
    // 105.00 split city : district = 3 : 7 (001 第十九条): 31.50 and 73.50.
    let sc = common::scenario("luzhou");
    let h = head(sc, 2025, false, None);
    assert_eq!(
        h,
        HeadFinancing {
            own: y(400),
            assistance: Money::ZERO,
            district_help: Money::ZERO,
            subsidy_upper: y(595),
            subsidy_city: Money(3150),
            subsidy_district: Money(7350),
        }
    );
    assert_eq!(h.total(), y(1100));
}

#[test]
fn luzhou_people_lifted_out_of_poverty_lose_their_help_by_2025() {
    // 001 第二十条: 已稳定脱贫人口 get 50% of the individual contribution in
    // 2023, 25% in 2024, none from 2025, paid by medical assistance.
    let sc = common::scenario("luzhou");
    // 2023: 380 × 50% = 190 help, 190 own.
    let h = head(sc, 2023, false, Some("lifted_out_of_poverty"));
    assert_eq!((h.own, h.assistance, h.district_help), (y(190), y(190), Money::ZERO));
    // 2024: 400 × 25% = 100 help, 300 own.
    let h = head(sc, 2024, false, Some("lifted_out_of_poverty"));
    assert_eq!((h.own, h.assistance), (y(300), y(100)));
    // 2025: nothing: 400 own.
    let h = head(sc, 2025, false, Some("lifted_out_of_poverty"));
    assert_eq!((h.own, h.assistance), (y(400), Money::ZERO));
    // The subsidy a head is the same whoever pays the contribution: 2023
    // 640 × 85% = 544.00; local 96.00 → city 28.80, district 67.20.
    let h = head(sc, 2023, false, Some("lifted_out_of_poverty"));
    assert_eq!((h.subsidy_upper, h.subsidy_city, h.subsidy_district), (y(544), Money(2880), Money(6720)));
}

#[test]
fn luzhou_full_and_three_quarter_help_and_who_pays_it() {
    let sc = common::scenario("luzhou");
    // 特困人员、孤儿: full help from medical assistance: 400 paid for them.
    let h = head(sc, 2025, false, Some("extreme_poverty_orphans"));
    assert_eq!((h.own, h.assistance, h.district_help), (Money::ZERO, y(400), Money::ZERO));
    // 重点优抚对象: full help from the district's budget.
    let h = head(sc, 2025, false, Some("special_care"));
    assert_eq!((h.own, h.assistance, h.district_help), (Money::ZERO, Money::ZERO, y(400)));
    // 低保对象: 75% = 300 from medical assistance, 100 own.
    let h = head(sc, 2025, false, Some("minimum_living"));
    assert_eq!((h.own, h.assistance), (y(100), y(300)));
    // Ⅰ–Ⅱ级残疾人: 75% from the district's budget. 2023: 380 × 75% = 285.
    let h = head(sc, 2023, false, Some("marginal_disabled"));
    assert_eq!((h.own, h.district_help), (y(95), y(285)));
    // 农村独生子女父母: 50% from the district's budget.
    let h = head(sc, 2025, false, Some("only_child_parents"));
    assert_eq!((h.own, h.district_help), (y(200), y(200)));
}

#[test]
fn chongqing_tiers_pay_different_contributions() {
    // resident.financing (assumption): tier 1 250, tier 2 600, subsidy 550
    // of which 80% upper = 440; local 110 split half and half = 55 + 55.
    let sc = common::scenario("chongqing");
    let t1 = head(sc, 2025, false, None);
    let t2 = head(sc, 2025, true, None);
    assert_eq!(t1.own, y(250));
    assert_eq!(t2.own, y(600));
    for h in [t1, t2] {
        assert_eq!((h.subsidy_upper, h.subsidy_city, h.subsidy_district), (y(440), y(55), y(55)));
    }
}

#[test]
fn the_adjustment_fund_is_topped_up_to_eight_percent() {
    // 002 居民医保 六（四）: first levy 8% of each district's financing.
    let sc = common::scenario("chongqing");
    let af: AdjustmentFund = sc.year_rules(Scheme::Resident, 2025).unwrap().adjustment_fund.as_ref().unwrap().v;
    assert_eq!(af.share, Rate::percent(8));
    let financing = [y(1_000_000), y(3_000_000)];
    // Empty fund: 8% × 4,000,000 = 320,000, shared 1 : 3 = 80,000 + 240,000.
    assert_eq!(af.levies(Money::ZERO, &financing), vec![y(80_000), y(240_000)]);
    // The fund holds 300,000 after last year's grants: only the 20,000
    // difference is levied, 5,000 + 15,000.
    assert_eq!(af.levies(y(300_000), &financing), vec![y(5_000), y(15_000)]);
    // It holds more than 8%: nothing levied, nothing paid back.
    assert_eq!(af.levies(y(400_000), &financing), vec![Money::ZERO, Money::ZERO]);
}

#[test]
fn grants_cover_gaps_in_full_or_pro_rata_but_never_a_failed_district() {
    // 六（一）: gaps after a district's own balance are met by the fund; 六（三）:
    // a district that failed its assessment gets nothing.
    let req = [y(100), y(300), y(50)];
    assert_eq!(grants(y(1000), &req, &[true, true, false]), vec![y(100), y(300), Money::ZERO]);
    // The fund holds 200 against 400 asked by the passing districts: each
    // gets half, 50 and 150.
    assert_eq!(grants(y(200), &req, &[true, true, false]), vec![y(50), y(150), Money::ZERO]);
}

fn small(name: &str, extra: &[&str]) -> Scenario {
    let mut sets =
        vec!["projection.population.members=3000".to_string(), "projection.residents.members=4000".to_string()];
    sets.extend(extra.iter().map(|s| s.to_string()));
    common::scenario(name).with_overrides(&sets).unwrap()
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(f)
}

fn resident(r: &RunResult) -> &RunResult {
    r.resident.as_deref().expect("the scenario projects a resident fund")
}

/// Every row balances; each row's year opens with its previous closing;
/// the city's money (districts and adjustment fund) changes only by income
/// and spending: the transfers net to zero each year.
fn assert_conserved(r: &RunResult, opening: Money) {
    for row in &r.rows {
        row.ledger.check().unwrap();
    }
    let rows_per_year = r.info.districts.len();
    for (a, b) in r.rows.iter().zip(r.rows.iter().skip(rows_per_year)) {
        let (a, b): (&LedgerRow, &LedgerRow) = (a, b);
        if a.path == b.path {
            assert_eq!((a.district, a.year + 1), (b.district, b.year));
            assert_eq!(a.ledger.balance_closing, b.ledger.balance_opening);
        }
    }
    for path in 0..r.info.paths {
        let mut money = opening;
        for c in r.city.iter().filter(|c| c.path == path) {
            assert_eq!(c.ledger.transfers(), Money::ZERO, "transfers net to zero, path {path} {}", c.year);
            assert_eq!(c.ledger.balance_opening, money);
            money = money + c.ledger.income() - c.ledger.outflow();
            assert_eq!(c.ledger.balance_closing, money);
        }
    }
}

#[test]
fn luzhou_residents_have_their_own_ledger_and_months_of_payment() {
    let sc = small("luzhou", &[]);
    let o = RunOptions { years: 4, paths: 3, seed: 11, overrides: vec![] };
    let r = run(&sc, &o, &|| {}).unwrap();
    let res = resident(&r);
    assert_eq!(res.info.fund, medfund_sim::ledger::Fund::Resident);
    assert_eq!(res.rows.len(), 3 * 4);
    assert_conserved(res, Money::yuan(180_000_000));
    let first = &res.rows[0].ledger;
    assert!(first.residents > 3800 && first.residents < 4200, "{}", first.residents);
    // Financing a head: 400 + 700 in 2025 whoever pays, so the fund's
    // financing is 1,100 × the residents financed: the 4,000 at the start of
    // the year and the year's newborns enrolled in time (001 第二十三条),
    // some of its entrants.
    assert_eq!(first.financing().0 % Money::yuan(1100).0, 0);
    let heads = first.financing().0 / Money::yuan(1100).0;
    assert!(heads > 4000 && heads <= 4000 + i64::from(first.entrants), "{heads}");
    // 3 : 7 to the fen: 105 a head local = 31.50 city, 73.50 district.
    assert_eq!((first.subsidy_city, first.subsidy_district), (Money(3150 * heads), Money(7350 * heads)));
    assert!(first.assistance > Money::ZERO && first.district_help > Money::ZERO);
    // Benefits: inpatient and the outpatient pooling (70% up to 130 a
    // year, 001 第二十六条（一）) and births as admissions (第二十七条).
    assert!(first.inpatient > Money::ZERO && first.outpatient > Money::ZERO && first.maternity_medical > Money::ZERO);
    assert!(first.outpatient <= y(130 * 4000));
    assert!(res.summary.iter().all(|s| s.paths == 3));
    assert!(first.months_of_payment().is_some());
}

#[test]
fn projecting_residents_leaves_the_employee_fund_untouched() {
    let o = RunOptions { years: 3, paths: 2, seed: 5, overrides: vec![] };
    let with = run(&small("luzhou", &[]), &o, &|| {}).unwrap();
    let without = run(&small("luzhou", &[]).without_residents(), &o, &|| {}).unwrap();
    assert!(without.resident.is_none());
    assert_eq!(with.rows, without.rows);
}

#[test]
fn resident_results_do_not_depend_on_the_thread_count() {
    let sc = small("chongqing", &[]);
    let o = RunOptions { years: 3, paths: 5, seed: 21, overrides: vec![] };
    let one = in_pool(1, || run(&sc, &o, &|| {}).unwrap());
    let two = in_pool(2, || run(&sc, &o, &|| {}).unwrap());
    assert_eq!(one, two);
}

#[test]
fn chongqing_adjustment_fund_moves_money_but_conserves_it() {
    // A volatile economy and strict assessments, so districts run gaps,
    // some get grants and some are refused.
    let sc = small(
        "chongqing",
        &[
            "projection.economy.medical_inflation={ mean = 0.10, sd = 0.05 }",
            "projection.residents.assessment_pass_rate=0.5",
            // The model city's balance scaled down to 4,000 residents.
            "projection.residents.opening_balance=1000000",
        ],
    );
    let o = RunOptions { years: 5, paths: 3, seed: 8, overrides: vec![] };
    let r = run(&sc, &o, &|| {}).unwrap();
    let res = resident(&r);
    assert_eq!(res.info.districts.len(), 39);
    assert_eq!(res.info.districts[38], ADJUSTMENT_FUND_ROW);
    assert_eq!(res.rows.len(), 3 * 5 * 39);
    assert_conserved(res, Money::yuan(1_000_000));
    let fund =
        |p: u32, yr: i32| &res.rows.iter().find(|x| x.path == p && x.year == yr && x.district == 38).unwrap().ledger;
    let districts = |p: u32, yr: i32| res.rows.iter().filter(move |x| x.path == p && x.year == yr && x.district < 38);
    let mut granted = 0;
    let mut refused = 0;
    for p in 0..3 {
        // The fund opens at its level after the levies since 2012 (an
        // assumption of the scenario: 8% ÷ 1.05 = 7.619% of the first year's
        // financing), out of the resident fund's opening balance; the first
        // year's levies top it up to 8% of the year's financing (六（四）),
        // shared by financing (the remainder to the largest district; an
        // extra levy only if the fund cannot pay the year's grants).
        let financing: Money = districts(p, 2025).map(|d| d.ledger.financing()).sum();
        let opening = fund(p, 2025).balance_opening;
        assert_eq!(opening, financing.mul_rate(Rate(76_190)), "no collection shortfall in 2025 on this seed");
        assert_eq!(districts(p, 2025).map(|d| d.ledger.balance_opening).sum::<Money>(), y(1_000_000) - opening);
        let topped_up = financing.mul_rate(Rate::percent(8)) - opening;
        for d in districts(p, 2025) {
            let l = &d.ledger;
            let expect =
                Money((i128::from(topped_up.0) * i128::from(l.financing().0) / i128::from(financing.0)) as i64);
            if fund(p, 2025).adjustment_out <= fund(p, 2025).balance_opening + topped_up {
                assert!((l.adjustment_out - expect).fen().abs() <= 38, "{} vs {}", l.adjustment_out, expect);
            }
        }
        for yr in 2025..2030 {
            let f = fund(p, yr);
            // The fund row's levies are the districts' payments, its grants
            // the districts' receipts.
            assert_eq!(f.adjustment_in, districts(p, yr).map(|d| d.ledger.adjustment_out).sum::<Money>());
            assert_eq!(f.adjustment_out, districts(p, yr).map(|d| d.ledger.adjustment_in).sum::<Money>());
            assert!(f.balance_closing >= Money::ZERO);
            for d in districts(p, yr) {
                let l = &d.ledger;
                // No district ends a year in the red: its government pays.
                assert!(l.balance_closing >= Money::ZERO);
                granted += usize::from(l.adjustment_in > Money::ZERO);
                refused += usize::from(l.district_government > Money::ZERO && l.adjustment_in == Money::ZERO);
                // A grant or a government payment only where the year's
                // result exhausted the district's own balance.
                if l.adjustment_in > Money::ZERO || l.district_government > Money::ZERO {
                    assert_eq!(l.balance_closing, Money::ZERO);
                }
            }
        }
    }
    assert!(granted > 0 && refused > 0, "granted {granted}, refused {refused}");
}

#[test]
fn luzhou_resident_fund_pays_the_premium_and_the_consultation_fee_a_head() {
    // 001 第二十六条（一）: the general consultation fee is paid from the
    // resident pooled fund at 10 yuan a head a year (人均10元 总额控制);
    // 001 第六十五条: the critical-illness insurance is bought for every
    // insured resident from the fund, its premium an assumption of the
    // scenario (65 yuan a head). Every resident financed in a year counts:
    // the 4,000 of the base in the first year, then those alive and
    // enrolled at the end of the year before (the ledger's `residents`).
    let sc = small("luzhou", &[]);
    let r_2025 = sc.year_rules(Scheme::Resident, 2025).unwrap();
    let o = &r_2025.per_head_outflows;
    assert_eq!(o.general_consultation.as_ref().unwrap().v.amount, y(10));
    assert!(o.general_consultation.as_ref().unwrap().cite.contains("第二十六条（一）"));
    assert!(o.critical_illness_insurance.as_ref().unwrap().cite.starts_with("assumption:"));
    let opts = RunOptions { years: 3, paths: 2, seed: 4, overrides: vec![] };
    let r = run(&sc, &opts, &|| {}).unwrap();
    let res = resident(&r);
    assert_conserved(res, Money::yuan(180_000_000));
    for p in 0..2 {
        let rows: Vec<&LedgerRow> = res.rows.iter().filter(|x| x.path == p).collect();
        let mut start = 4000;
        for row in rows {
            let l = &row.ledger;
            // The residents financed: those at the start of the year and the
            // year's newborns enrolled in time (001 第二十三条); in 2025 each
            // is financed 1,100 (400 + 700), so heads = financing ÷ 1,100.
            let heads =
                if row.year == 2025 { l.financing().0 / Money::yuan(1100).0 } else { l.general_consultation.0 / 1000 };
            assert!(heads >= start && heads <= start + i64::from(l.entrants), "path {p} {}: {heads}", row.year);
            // 10 and 65 a head: 40,000 and 260,000 for 4,000 residents.
            assert_eq!(l.general_consultation, y(10 * heads), "path {p} {}", row.year);
            assert_eq!(l.critical_illness_insurance, y(65 * heads), "path {p} {}", row.year);
            // Both are outflow: income − outflow is still the change in the
            // balance to the fen.
            let benefits: Money = medfund_sim::ledger::LedgerYear::OUTFLOW.iter().map(|(_, f)| f(l)).sum();
            assert_eq!(l.outflow(), benefits + y(75 * heads));
            l.check().unwrap();
            start = i64::from(l.residents);
        }
    }
    // The employee fund has none.
    assert!(r.rows.iter().all(|x| x.ledger.general_consultation == Money::ZERO));
    assert_eq!(res.info.optional_columns, vec!["critical_illness_insurance", "general_consultation"]);
    assert!(r.info.optional_columns.is_empty());
}

#[test]
fn per_head_outflows_are_refused_on_the_employee_scheme() {
    let text = common::scenario("ziyang").src.clone()
        + "\n[employee.per_head_outflows.general_consultation]\nsource = \"x 第一条\"\nvalue = { amount = 10 }\n";
    let Err(e) = Scenario::from_str("bad.toml", &text) else { panic!("accepted") };
    let msg = e.to_string();
    assert!(msg.contains("bad.toml:") && msg.contains("employee.per_head_outflows"), "{msg}");
    assert!(msg.contains("only `[resident.per_head_outflows]`"), "{msg}");
}

#[test]
fn raised_levies_by_hand() {
    use medfund_rules::rules::resident_financing::raised_levies;
    // 002 居民医保 六（四） 市级调剂金入不敷出时……调整上解比例: a shortfall of 300
    // levied by financing 1,000 : 3,000 on the two districts that can pay
    // (the third has a gap of its own, capacity 0): 75 and 225, but the
    // first can pay only 50; the 25 left goes to the second: 250.
    let l = raised_levies(y(300), &[y(1000), y(3000), y(2000)], &[y(50), y(1000), Money::ZERO]);
    assert_eq!(l, vec![y(50), y(250), Money::ZERO]);
    // More short than the districts hold: each pays all it can, 100 + 100.
    assert_eq!(raised_levies(y(500), &[y(1), y(1)], &[y(100), y(100)]), vec![y(100), y(100)]);
    assert_eq!(raised_levies(Money::ZERO, &[y(1)], &[y(100)]), vec![Money::ZERO]);
}

#[test]
fn a_short_adjustment_fund_raises_the_levy_rather_than_cut_the_grants() {
    // Every district passes, the fund opens empty and costs run ahead of
    // financing: when the fund cannot pay the year's grants, the levy rises
    // on the districts with money of their own (六（四）), so a district is
    // left to its own budget only when no other district can pay more.
    let sc = small(
        "chongqing",
        &[
            "projection.economy.medical_inflation={ mean = 0.15, sd = 0.05 }",
            "projection.residents.assessment_pass_rate=1.0",
            "projection.residents.opening_balance=1000000",
            "projection.residents.adjustment_fund_opening=0.0",
        ],
    );
    let o = RunOptions { years: 6, paths: 3, seed: 8, overrides: vec![] };
    let r = run(&sc, &o, &|| {}).unwrap();
    let res = resident(&r);
    assert_conserved(res, y(1_000_000));
    let mut raised = 0;
    for p in 0..3 {
        for yr in 2025..2031 {
            let rows: Vec<&LedgerRow> = res.rows.iter().filter(|x| x.path == p && x.year == yr).collect();
            let (fund, districts) = rows.split_last().unwrap();
            let financing: Money = districts.iter().map(|d| d.ledger.financing()).sum();
            let ordinary = (financing.mul_rate(Rate::percent(8)) - fund.ledger.balance_opening.max0()).max0();
            if fund.ledger.adjustment_in > ordinary + y(1) {
                raised += 1;
            }
            // A district whose own budget pays part of its gap although it
            // passed: only when every district without a gap was emptied.
            if districts.iter().any(|d| d.ledger.district_government > Money::ZERO) {
                for d in districts.iter().filter(|d| d.ledger.district_government == Money::ZERO) {
                    assert_eq!(d.ledger.balance_closing, Money::ZERO, "path {p} {yr}: a district kept money");
                }
            }
        }
    }
    assert!(raised > 0, "the fund never ran short");
}

#[test]
fn luzhou_newborns_enrolled_in_time_are_financed_and_covered_from_birth() {
    // 001 第二十三条: a newborn enrolled within 90 days of birth, paying the
    // birth year's contribution, is covered from birth to 31 December. With
    // births at 5% of the 4,000 residents, 4,000 × 5% = 200 newborns, all
    // enrolled on the day of birth (mean 0 days), each financed for 2025 at
    // 400 + 700 = 1,100: the year's financing is 1,100 × 4,200 = 4,620,000.
    let all =
        small("luzhou", &["projection.residents.birth_rate=0.05", "projection.residents.newborn_enrolment_days=0"]);
    // The same city where no newborn is enrolled in time: a window of 0 days
    // and a mean of 3,660 days to enrolment (each newborn's chance of day 0
    // is 1 − e^(−1/3660), 0.03%).
    let none = small(
        "luzhou",
        &[
            "projection.residents.birth_rate=0.05",
            "projection.residents.newborn_enrolment_days=3660",
            "resident.newborn_cover.within_days=0",
        ],
    );
    let o = RunOptions { years: 2, paths: 2, seed: 6, overrides: vec![] };
    let (ra, rn) = (run(&all, &o, &|| {}).unwrap(), run(&none, &o, &|| {}).unwrap());
    let (a, n) = (resident(&ra), resident(&rn));
    assert_conserved(a, y(180_000_000));
    for p in 0..2 {
        let row = |r: &RunResult, yr: i32| r.rows.iter().find(|x| x.path == p && x.year == yr).unwrap().ledger.clone();
        let (a25, n25) = (row(a, 2025), row(n, 2025));
        assert_eq!(a25.financing(), y(1100 * 4200));
        assert_eq!(n25.financing(), y(1100 * 4000));
        // Everyone else draws the same (each newborn's birth year is drawn on
        // its own new stream): the difference is the newborns' first year,
        // financed, with claims for their months from birth.
        assert!(a25.claims > n25.claims, "no newborn claimed in its birth year");
        assert!(a25.outflow() > n25.outflow());
        assert_eq!(a25.general_consultation - n25.general_consultation, y(10 * 200));
        // Year-end counts are the same in both: the newborns are entrants.
        assert_eq!((a25.residents, a25.entrants), (n25.residents, n25.entrants));
    }
}
