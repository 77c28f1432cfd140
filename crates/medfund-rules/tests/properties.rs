//! Invariants of adjudication, checked on random member-years in every
//! built-in scenario:
//!
//! * the payers sum to the bill, and none is negative;
//! * the fund (and the top-up) never pay more than the in-scope part of a
//!   medical claim;
//! * the annual cap, and each benefit's yearly limit, are never exceeded;
//! * a member-year's payment never falls when one claim's cost rises;
//! * `--explain` changes nothing but the explanation.

mod common;

use medfund_rules::adjudicate::adjudicate;
use medfund_rules::member_year::*;
use medfund_rules::money::Money;
use medfund_rules::scenario::{Scheme, YearRules};
use proptest::prelude::*;

const CITIES: [(&str, i32); 4] = [("ziyang", 2023), ("luzhou", 2023), ("dingxi", 2024), ("chongqing", 2023)];

fn money(max_yuan: i64) -> impl Strategy<Value = Money> {
    (0..=max_yuan * 100).prop_map(Money)
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::HOSPITAL.to_vec())
}

fn place() -> impl Strategy<Value = Place> {
    prop::sample::select(Place::ALL.to_vec())
}

/// An admission whose lines fit its bill.
fn inpatient() -> impl Strategy<Value = Claim> {
    (
        level(),
        place(),
        money(400_000),
        0u32..=100,
        0u32..=100,
        prop::collection::vec(money(5_000), 0..3),
        prop::collection::vec(money(90_000), 0..3),
        prop::option::of((1u32..30, money(80), any::<bool>())),
        prop::option::weighted(0.2, prop::sample::select(vec![Transfer::Up, Transfer::Down])),
    )
        .prop_map(|(level, place, total, oos_pct, b_pct, items, materials, bed, transfer)| {
            let oos = Money(total.0 * i64::from(oos_pct) / 400);
            let room = total - oos;
            let mut left = room;
            let mut take = |v: Vec<Money>| -> Vec<Money> {
                v.into_iter()
                    .filter(|p| {
                        if *p <= left {
                            left -= *p;
                            true
                        } else {
                            false
                        }
                    })
                    .collect()
            };
            let items = take(items);
            let materials = take(materials);
            let bed = bed.and_then(|(days, per_day, isolation)| {
                let b = Bed { days, per_day, isolation };
                (Money(per_day.0 * i64::from(days)) <= left).then(|| {
                    left -= Money(per_day.0 * i64::from(days));
                    b
                })
            });
            let class_b = Money(left.0 * i64::from(b_pct) / 100);
            Claim::Inpatient(Inpatient {
                level,
                place,
                total,
                out_of_scope: oos,
                class_b_drugs: class_b,
                partial_items: items,
                materials,
                bed,
                transfer,
            })
        })
}

fn outpatient_like() -> impl Strategy<Value = Claim> {
    (
        prop::sample::select(Level::HOSPITAL.iter().copied().chain([Level::Pharmacy]).collect::<Vec<_>>()),
        money(30_000),
        0u32..=100,
        0u32..=100,
        0u8..3,
        prop::option::of(1u8..=36),
    )
        .prop_map(|(level, total, oos_pct, b_pct, kind, disease)| {
            let oos = Money(total.0 * i64::from(oos_pct) / 300);
            let class_b = Money((total - oos).0 * i64::from(b_pct) / 100);
            match kind {
                0 => Claim::Outpatient(Outpatient { level, total, out_of_scope: oos, class_b_drugs: class_b }),
                1 => Claim::SpecialOutpatient(SpecialOutpatient {
                    level: if level == Level::Pharmacy { Level::L2A } else { level },
                    disease,
                    total,
                    out_of_scope: oos,
                    class_b_drugs: class_b,
                }),
                _ => Claim::SinglePaymentDrug(SinglePaymentDrug { total, out_of_scope: oos }),
            }
        })
}

fn maternity() -> impl Strategy<Value = Claim> {
    (0u8..3, level(), 1u32..=3, 0u32..=9, money(20_000), money(3_000), 0usize..10, any::<bool>()).prop_map(
        |(kind, level, babies, months, cost, prenatal, proc, inpatient)| match kind {
            0 => Claim::Childbirth(Childbirth {
                delivery: [Delivery::Natural, Delivery::Difficult, Delivery::Caesarean][months as usize % 3],
                babies,
                level,
                medical_cost: cost,
                prenatal_cost: prenatal,
            }),
            1 => Claim::PregnancyTermination(PregnancyTermination { months, level, medical_cost: cost }),
            _ => Claim::FamilyPlanning(FamilyPlanning {
                procedure: Procedure::ALL[proc],
                inpatient,
                cost: Money(cost.0 / 4),
            }),
        },
    )
}

fn member() -> impl Strategy<Value = Member> {
    (
        prop::sample::select(vec![Category::Employee, Category::Retiree, Category::Flexible, Category::Resident]),
        any::<bool>(),
        any::<bool>(),
        16u32..100,
        any::<bool>(),
        prop::option::of(1u8..=3),
        1u32..4,
        prop::collection::vec(1u8..=36, 0..5),
        0u32..40,
        1u8..=2,
    )
        .prop_map(|(category, pooling, male, age, fiscal, class, count, chronic, months, tier)| Member {
            category,
            account: if pooling { Account::PoolingOnly } else { Account::Combined },
            sex: if male { Sex::M } else { Sex::F },
            age,
            employer: if fiscal { Employer::Fiscal } else { Employer::Enterprise },
            special_disease_class: class,
            special_disease_count: count,
            chronic,
            months_contributed: months,
            resident_tier: (category == Category::Resident).then_some(tier),
        })
}

fn member_year() -> impl Strategy<Value = (usize, MemberYear)> {
    (
        0..CITIES.len(),
        member(),
        prop::collection::vec(prop_oneof![4 => inpatient(), 3 => outpatient_like(), 1 => maternity()], 1..8),
        prop::option::of(20_000i64..120_000),
    )
        .prop_map(|(city, member, claims, avg)| {
            (
                city,
                MemberYear {
                    year: CITIES[city].1,
                    context: Context { avg_wage: avg.map(Money::yuan), employer_avg_monthly_wage: None },
                    member,
                    claims,
                },
            )
        })
}

/// The rules of the member's scheme, with the member-year fitted to what the
/// scheme covers: claim types it does not cover dropped, and a member with
/// special-outpatient claims given a class or diseases, so that most
/// generated member-years are adjudicated rather than refused.
fn fit(city: usize, my: &mut MemberYear) -> Option<std::sync::Arc<YearRules>> {
    let sc = common::scenario(CITIES[city].0);
    if Scheme::of(my.member.category) == Scheme::Resident && sc.spec.resident.is_none() {
        my.member.category = Category::Employee;
        my.member.resident_tier = None;
    }
    let r = sc.year_rules(Scheme::of(my.member.category), my.year).ok()?;
    let as_inpatient = r.maternity_as_inpatient.as_ref().is_some_and(|m| m.v.contains(&my.member.category));
    my.claims.retain(|c| match c {
        Claim::Inpatient(_) => true,
        Claim::Outpatient(_) => r.outpatient_pooling.is_some(),
        Claim::SpecialOutpatient(_) => r.special_outpatient.is_some(),
        Claim::SinglePaymentDrug(_) => r.single_payment_drug.is_some(),
        Claim::Childbirth(_) => as_inpatient || r.maternity.is_some(),
        Claim::PregnancyTermination(_) => as_inpatient || (r.maternity.is_some() && r.maternity_termination.is_some()),
        Claim::FamilyPlanning(_) => r.family_planning.is_some(),
    });
    if my.claims.is_empty() {
        my.claims.push(Claim::Inpatient(Inpatient {
            level: Level::L2A,
            place: Place::Local,
            total: Money::yuan(8000),
            out_of_scope: Money::ZERO,
            class_b_drugs: Money::ZERO,
            partial_items: vec![],
            materials: vec![],
            bed: None,
            transfer: None,
        }));
    }
    if let Some(s) = &r.special_outpatient {
        if s.v.classes.is_some() && my.member.special_disease_class.is_none() {
            my.member.special_disease_class = Some(2);
        }
        if s.v.diseases.is_some() {
            if my.member.chronic.is_empty() {
                my.member.chronic.push(3);
            }
            for c in &mut my.claims {
                if let Claim::SpecialOutpatient(x) = c
                    && x.disease.is_some_and(|d| !my.member.chronic.contains(&d))
                {
                    x.disease = None;
                }
            }
        }
    }
    Some(r)
}

#[test]
fn the_generator_mostly_yields_adjudicable_member_years() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, n) = (0, 2000);
    for _ in 0..n {
        let (city, mut my) = member_year().new_tree(&mut runner).unwrap().current();
        if let Some(r) = fit(city, &mut my)
            && adjudicate(&r, &my, false).is_ok()
        {
            ok += 1;
        }
    }
    assert!(ok * 10 >= n * 9, "only {ok} of {n} generated member-years were adjudicated");
}

fn in_scope(c: &Claim) -> Option<Money> {
    match c {
        Claim::Inpatient(c) => Some(c.total - c.out_of_scope),
        Claim::Outpatient(c) => Some(c.total - c.out_of_scope),
        Claim::SpecialOutpatient(c) => Some(c.total - c.out_of_scope),
        Claim::SinglePaymentDrug(c) => Some(c.total - c.out_of_scope),
        _ => None,
    }
}

fn with_total(c: &Claim, extra: Money) -> Claim {
    let mut c = c.clone();
    match &mut c {
        Claim::Inpatient(x) => x.total += extra,
        Claim::Outpatient(x) => x.total += extra,
        Claim::SpecialOutpatient(x) => x.total += extra,
        Claim::SinglePaymentDrug(x) => x.total += extra,
        Claim::Childbirth(x) => x.medical_cost += extra,
        Claim::PregnancyTermination(x) => x.medical_cost += extra,
        Claim::FamilyPlanning(x) => x.cost += extra,
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn payers_sum_to_the_bill_and_stay_within_scope_and_caps((city, mut my) in member_year()) {
        let Some(r) = fit(city, &mut my) else { return Ok(()) };
        let Ok(out) = adjudicate(&r, &my, false) else { return Ok(()) };
        prop_assert_eq!(out.len(), my.claims.len());
        let avg = my.context.avg_wage.unwrap_or(r.avg_wage.v);
        let cap = r.annual_cap.v.amount_for(avg, my.member.resident_tier);
        let mut capped = Money::ZERO;
        let (mut op, mut sp, mut sd) = (Money::ZERO, Money::ZERO, Money::ZERO);
        for (c, o) in my.claims.iter().zip(&out) {
            let p = o.payment;
            prop_assert!(p.fund >= Money::ZERO && p.catastrophic >= Money::ZERO && p.allowance >= Money::ZERO);
            prop_assert!(p.member >= Money::ZERO, "member pays {} on {:?}", p.member, c);
            prop_assert_eq!(p.fund + p.catastrophic + p.member, c.bill());
            if let Some(scope) = in_scope(c) {
                prop_assert!(p.fund + p.catastrophic <= scope, "fund {} + top-up {} above scope {}", p.fund, p.catastrophic, scope);
            }
            let kind = match c {
                // Childbirth settled as an admission counts as one.
                Claim::Childbirth(_) | Claim::PregnancyTermination(_)
                    if r.maternity_as_inpatient.as_ref().is_some_and(|m| m.v.contains(&my.member.category)) => ClaimKind::Inpatient,
                _ => c.kind(),
            };
            if r.annual_cap.v.covers(kind) { capped += p.fund; }
            match c {
                Claim::Outpatient(_) => op += p.fund,
                Claim::SpecialOutpatient(_) if my.member.special_disease_class != Some(1) || r.special_outpatient.as_ref().is_some_and(|s| s.v.diseases.is_some()) => sp += p.fund,
                Claim::SinglePaymentDrug(_) => sd += p.fund,
                _ => {}
            }
        }
        prop_assert!(capped <= cap, "capped payments {} above the cap {}", capped, cap);
        if let Some(o) = &r.outpatient_pooling {
            prop_assert!(op <= o.v.limit.get(my.member.account).get(my.member.category.is_retiree()));
        }
        if let Some(s) = &r.single_payment_drug {
            prop_assert!(sd <= s.v.annual_limit);
        }
        if let Some(s) = &r.special_outpatient {
            let limit = match (&s.v.classes, &s.v.diseases) {
                (Some(c), _) => my.member.special_disease_class.and_then(|k| c.terms(k, my.member.special_disease_count)).map(|t| t.1),
                (_, Some(d)) => d.shared_limit(&my.member.chronic),
                _ => None,
            };
            if let Some(l) = limit { prop_assert!(sp <= l, "special outpatient {} above its limit {}", sp, l); }
        }
        if let Some(t) = &r.top_up && let Some(ip) = &t.v.inpatient && let Some(l) = ip.annual_limit {
            let cat: Money = out.iter().zip(&my.claims).filter(|(_, c)| !matches!(c, Claim::SpecialOutpatient(_))).map(|(o, _)| o.payment.catastrophic).sum();
            prop_assert!(cat <= l);
        }
    }

    #[test]
    fn payment_never_falls_when_a_cost_rises((city, mut my) in member_year(), which in any::<prop::sample::Index>(), extra in 1i64..2_000_000) {
        let Some(r) = fit(city, &mut my) else { return Ok(()) };
        let Ok(before) = adjudicate(&r, &my, false) else { return Ok(()) };
        let i = which.index(my.claims.len());
        let mut more = my.clone();
        more.claims[i] = with_total(&my.claims[i], Money(extra));
        let after = adjudicate(&r, &more, false).expect("a higher cost is still valid input");
        let sum = |v: &[medfund_rules::adjudicate::ClaimOutcome]| v.iter().map(|o| o.payment.fund + o.payment.catastrophic).sum::<Money>();
        prop_assert!(sum(&after) >= sum(&before), "paid {} before, {} after raising claim {} by {}", sum(&before), sum(&after), i, Money(extra));
        // And the claim itself, when nothing before it changed.
        let p0 = before[i].payment.fund + before[i].payment.catastrophic;
        let p1 = after[i].payment.fund + after[i].payment.catastrophic;
        prop_assert!(p1 >= p0, "claim {} paid {} before, {} after", i, p0, p1);
    }

    #[test]
    fn explaining_changes_nothing_but_the_steps((city, mut my) in member_year()) {
        let Some(r) = fit(city, &mut my) else { return Ok(()) };
        let a = adjudicate(&r, &my, false);
        let b = adjudicate(&r, &my, true);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                for (x, y) in a.iter().zip(&b) {
                    prop_assert_eq!(x.payment, y.payment);
                    prop_assert!(x.steps.is_empty());
                    prop_assert!(!y.steps.is_empty() || matches!(y.payment.fund, Money(0)));
                    for s in &y.steps { prop_assert!(!s.source.is_empty()); }
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            _ => prop_assert!(false, "explain changed success"),
        }
    }
}
