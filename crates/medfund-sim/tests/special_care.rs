//! Special / chronic outpatient care as the projection draws it
//! (claims/mod.rs, data/special_severity.csv): a cost by severity that makes
//! Dingxi's disease limits bind for the costly diseases, up to three
//! diseases a person, and one bill whichever city's rules settle it.

mod common;

use medfund_rules::adjudicate::{ClaimOutcome, adjudicate_into};
use medfund_rules::member_year::{Claim, Context, Member, MemberYear};
use medfund_rules::money::Money;
use medfund_sim::claims::{Coverage, YearModel, draw};
use medfund_sim::montecarlo::{RunOptions, setup};
use medfund_sim::rng::{Purpose, key};

fn member_year() -> MemberYear {
    MemberYear { year: 2025, context: Context::default(), member: Member::default(), claims: Vec::new() }
}

#[test]
fn dingxi_limits_bind_for_costly_diseases_and_bills_do_not_depend_on_the_city() {
    let sc = common::scenario("dingxi").with_overrides(&["projection.population.members=60000".to_string()]).unwrap();
    let s = setup(&sc, &RunOptions { years: 1, paths: 1, seed: 11, overrides: vec![] }).unwrap();
    let zy = common::scenario("ziyang").with_overrides(&["projection.population.members=10".to_string()]).unwrap();
    let z = setup(&zy, &RunOptions { years: 1, paths: 1, seed: 11, overrides: vec![] }).unwrap();
    let ym = YearModel::new(s.data, &s.claims, 1.0, 1.0);
    let (cov, zcov) = (Coverage::of(&s.rules[0]), Coverage::of(&z.rules[0]));
    let k = key(s.seed, 0, s.years[0], Purpose::Claims);
    let (mut my, mut other, mut out) = (member_year(), member_year(), Vec::<ClaimOutcome>::new());
    let (mut patients, mut dialysis, mut dialysis_at_limit, mut three) = (0, 0, 0, 0);
    for p in &s.base.people {
        draw(p, &ym, &cov, k, &mut my);
        let Some(bill) = my.claims.iter().find_map(|c| match c {
            Claim::SpecialOutpatient(x) => Some(x.total),
            _ => None,
        }) else {
            continue;
        };
        patients += 1;
        three += usize::from(my.member.chronic.len() == 3);
        // The same person's special bill under Ziyang's class-based scheme.
        draw(p, &ym, &zcov, k, &mut other);
        let zbill = other.claims.iter().find_map(|c| match c {
            Claim::SpecialOutpatient(x) => Some(x.total),
            _ => None,
        });
        assert_eq!(zbill, Some(bill), "person {}", p.id);
        // Dingxi 003_a595c1016aac4d2c.txt 第三十一条: disease 1 (chronic renal
        // failure on dialysis) 90,000 a year, +300 per further disease
        // (第三十条（四）), at 70%.
        if my.member.chronic == [1] {
            dialysis += 1;
            my.claims.retain(|c| matches!(c, Claim::SpecialOutpatient(_)));
            adjudicate_into(&s.rules[0], &my, false, &mut out).unwrap();
            let fund = out[0].payment.fund;
            assert!(fund <= Money::yuan(90_000), "{fund}");
            dialysis_at_limit += usize::from(fund == Money::yuan(90_000));
        }
    }
    eprintln!(
        "{patients} patients, {dialysis} on dialysis alone ({dialysis_at_limit} at the 90,000 limit), {three} with three diseases"
    );
    assert!(dialysis > 0 && dialysis_at_limit > 0, "{dialysis} on dialysis, {dialysis_at_limit} at the limit");
    assert!(three > 0);
}
