//! The lines the projection draws for an admission (crates/medfund-sim/src/
//! claims/lines.rs, data/admission_lines.csv): within the contract's bound,
//! the same whichever city's rules settle them, reaching every price tier of
//! Ziyang's self-pay-first schedule and its bed standard, referrals up and
//! down, and an average stay at the published 9.8 days.

mod common;

use medfund_rules::member_year::{Claim, Context, Inpatient, Member, MemberYear, Terms, Transfer};
use medfund_rules::money::Money;
use medfund_sim::claims::{Coverage, YearModel, draw};
use medfund_sim::montecarlo::{RunOptions, setup};
use medfund_sim::rng::{Purpose, key};

fn small(name: &str, members: u32) -> medfund_sim::Scenario {
    common::scenario(name).with_overrides(&[format!("projection.population.members={members}")]).unwrap()
}

fn member_year() -> MemberYear {
    MemberYear { year: 2025, context: Context::default(), member: Member::default(), claims: Vec::new() }
}

/// Every admission Ziyang's base population draws in its first year on
/// `paths` claim streams (4 paths of the 30,000 members of the test size).
fn admissions(city: &str, paths: u32) -> Vec<Inpatient> {
    let sc = small(city, 30_000);
    let o = RunOptions { years: 1, paths, seed: 7, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    let ym = YearModel::new(s.data, &s.claims, 1.0, 1.0);
    let cov = Coverage::of(&s.rules[0]);
    let mut my = member_year();
    let mut out = Vec::new();
    for path in 0..paths {
        let k = key(s.seed, path, s.years[0], Purpose::Claims);
        for p in &s.base.people {
            draw(p, &ym, &cov, k, &mut my);
            out.extend(my.claims.iter().filter_map(|c| match c {
                Claim::Inpatient(x) => Some(x.clone()),
                _ => None,
            }));
        }
    }
    out
}

#[test]
fn lines_stay_within_the_bill_and_do_not_depend_on_the_rules() {
    let z = admissions("ziyang", 2);
    assert!(z.len() > 10_000, "{} admissions", z.len());
    for c in &z {
        // spec/adjudication.md: class-B drugs, items, materials and bed fees
        // within total − out_of_scope.
        let bed = c.bed.map_or(Money::ZERO, |b| Money(b.per_day.0 * i64::from(b.days)));
        let lines = c.class_b_drugs
            + c.partial_items.iter().copied().sum::<Money>()
            + c.materials.iter().copied().sum::<Money>()
            + bed;
        assert!(lines <= c.total - c.out_of_scope, "{c:?}");
        assert!(c.partial_items.iter().chain(&c.materials).all(|p| *p > Money::ZERO), "{c:?}");
    }
    // The same people and streams under Dingxi's rules: the same bills, line
    // for line (common random numbers; Dingxi's base population differs, so
    // Ziyang's is drawn under Dingxi's coverage).
    let sc = small("ziyang", 30_000);
    let s = setup(&sc, &RunOptions { years: 1, paths: 1, seed: 7, overrides: vec![] }).unwrap();
    let dingxi = setup(&small("dingxi", 10), &RunOptions { years: 1, paths: 1, seed: 7, overrides: vec![] }).unwrap();
    let ym = YearModel::new(s.data, &s.claims, 1.0, 1.0);
    let k = key(s.seed, 0, s.years[0], Purpose::Claims);
    let (mut a, mut b) = (member_year(), member_year());
    let (ca, cb) = (Coverage::of(&s.rules[0]), Coverage::of(&dingxi.rules[0]));
    for p in s.base.people.iter().take(5_000) {
        draw(p, &ym, &ca, k, &mut a);
        draw(p, &ym, &cb, k, &mut b);
        // Admissions proper: claims on inpatient terms a scheme may not have
        // (a high-value drug, a newborn's admission) are dropped by coverage.
        let adm = |m: &MemberYear| {
            m.claims
                .iter()
                .filter(|c| matches!(c, Claim::Inpatient(x) if x.terms == Terms::Admission))
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(adm(&a), adm(&b));
    }
}

#[test]
fn every_price_tier_and_the_bed_standard_are_reached() {
    let z = admissions("ziyang", 4);
    // Ziyang 000_f8c7f1d4db53115f.txt 第十二条（一）2: items by unit price up
    // to 300 / 1,000 / 3,000 / above; 3: materials up to 500 / 3,000 /
    // 10,000 / 30,000 / 60,000, the part above 60,000 out of scope.
    let items = [300, 1000, 3000];
    let materials = [500, 3000, 10_000, 30_000, 60_000];
    let tier = |bounds: &[i64], p: Money| bounds.iter().position(|b| p <= Money::yuan(*b)).unwrap_or(bounds.len());
    let (mut it, mut mt) = ([0u32; 4], [0u32; 6]);
    for c in &z {
        c.partial_items.iter().for_each(|p| it[tier(&items, *p)] += 1);
        c.materials.iter().for_each(|p| mt[tier(&materials, *p)] += 1);
    }
    eprintln!("items by tier {it:?}, materials by tier {mt:?} of {} admissions", z.len());
    assert!(it.iter().all(|n| *n > 0), "items by tier {it:?}");
    assert!(mt[..5].iter().all(|n| *n > 0), "materials by tier {mt:?}");
    // 第十二条（二）: general wards' standard 25 a day at level 3, 20 at
    // level 2 and 15 at level 1; data/admission_levels.csv charges more at
    // level 3 (40), so some beds exceed it, and isolation wards exist.
    let over = z.iter().filter(|c| c.bed.is_some_and(|b| !b.isolation && b.per_day > Money::yuan(25))).count();
    assert!(over > z.len() / 10, "{over} of {} beds above 25 a day", z.len());
    assert!(z.iter().any(|c| c.bed.is_some_and(|b| b.isolation)));
    // 第十八条（一）6: referrals within 24 hours, up and down.
    let up = z.iter().filter(|c| c.transfer == Some(Transfer::Up)).count();
    let down = z.iter().filter(|c| c.transfer == Some(Transfer::Down)).count();
    assert!(up > 0 && down > 0, "up {up}, down {down}");
}

#[test]
fn the_average_stay_is_the_published_one() {
    // calibration.md 32: average stay 9.8 days (2023). The stays that were
    // shortened to fit a cheap bill (bed at most 30% of its in-scope rest)
    // pull the mean down a little: within 0.3 days of 9.8, and within 4
    // standard errors of the sample's own mean stay before shortening is
    // not observable, so the band is the shortening's allowance plus 4 SE.
    let z = admissions("ziyang", 2);
    let days: Vec<f64> = z.iter().filter_map(|c| c.bed.map(|b| f64::from(b.days))).collect();
    let n = days.len() as f64;
    let mean = days.iter().sum::<f64>() / n;
    let sd = (days.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let se = sd / n.sqrt();
    eprintln!("mean stay {mean:.3} days (SE {se:.3}) over {n} beds");
    assert!((9.8 - 0.3 - 4.0 * se..=9.8 + 4.0 * se).contains(&mean), "mean stay {mean:.3} (SE {se:.3})");
}

/// The ledger's memo columns (`self_pay_first`, `material_excess`,
/// `bed_excess`) are the sums of what the scope rules left to the members
/// on the claims drawn, claim by claim: each year's drawn member-years
/// (the `--claims-out` lines of the path) settled again one by one, their
/// `ScopeMemo`s added up, equal the year's ledger to the fen. Over ten
/// years of Ziyang every year has self-pay-first (000 第十二条（一）) and
/// bed fees above the standard (第十二条（二）); materials above the 60,000
/// ceiling are rarer but occur.
#[test]
fn the_ledgers_scope_memo_is_the_claims_added_up_over_ten_years() {
    use medfund_rules::adjudicate::{ScopeMemo, adjudicate_into};
    use medfund_rules::contract::adjudication::parse_member_year;
    use std::collections::BTreeMap;

    let sc = small("ziyang", 6_000);
    let o = RunOptions { years: 10, paths: 1, seed: 3, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    let mut lines = Vec::new();
    let (rows, _) = medfund_sim::montecarlo::simulate_path_into(&s, 0, Some(&mut lines)).unwrap();
    let mut ledger: BTreeMap<i32, ScopeMemo> = BTreeMap::new();
    for r in &rows {
        let m = ledger.entry(r.year).or_default();
        m.self_pay_first += r.ledger.self_pay_first;
        m.material_excess += r.ledger.material_excess;
        m.bed_excess += r.ledger.bed_excess;
    }
    let mut again: BTreeMap<i32, ScopeMemo> = BTreeMap::new();
    let mut out = Vec::new();
    for l in &lines {
        let (_, my) = parse_member_year(l).unwrap();
        let yi = s.years.iter().position(|y| *y == my.year).unwrap();
        adjudicate_into(&s.rules[yi], &my, false, &mut out).unwrap();
        let m = again.entry(my.year).or_default();
        for c in &out {
            m.self_pay_first += c.scope.self_pay_first;
            m.material_excess += c.scope.material_excess;
            m.bed_excess += c.scope.bed_excess;
        }
    }
    for y in &s.years {
        let m = again.get(y).copied().unwrap_or_default();
        assert_eq!(ledger.get(y).copied().unwrap_or_default(), m, "{y}");
        assert!(m.self_pay_first > Money::ZERO && m.bed_excess > Money::ZERO, "{y}: {m:?}");
    }
    assert!(again.values().any(|m| m.material_excess > Money::ZERO), "{again:?}");
}
