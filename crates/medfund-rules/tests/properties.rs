//! Invariants of adjudication checked on random member-years against the
//! policy texts' own numbers (literals with their articles below, not the
//! engine's rule objects), with bills drawn at the deductibles, the cap,
//! the top-up threshold and band edges, and at self-pay-first tier edges:
//!
//! * a year's first admission pays exactly what the text says (Ziyang,
//!   Luzhou, Dingxi), self-pay-first computed here;
//! * over a year of admissions no payer is negative, fund + top-up stay
//!   within the scope computed here, the member pays at least the
//!   out-of-scope part and self-pay-first, and the year's fund stays within
//!   the text's cap;
//! * a larger bill never lowers the member's or the fund's share;
//! * maternity lump sums and allowance days as the texts say (Ziyang, Dingxi);
//! * every scenario: no payer negative nor above the declared scope;
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
                terms: Terms::Admission,
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
                with_procedure: None,
                spouse_reimbursed_elsewhere: false,
            }),
            1 => Claim::PregnancyTermination(PregnancyTermination {
                months,
                level,
                medical_cost: cost,
                stillbirth: false,
            }),
            _ => Claim::FamilyPlanning(FamilyPlanning {
                procedure: Procedure::ALL[proc],
                inpatient,
                cost: Money(cost.0 / 4),
                also: None,
                complication: false,
                incomplete_curettage: false,
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
            terms: Terms::Admission,
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

// ===================================================================== texts
//
// The literals below are read from the policy texts (article beside each),
// not from the engine's rule objects; where a number is a multiple of the
// average wage, the multiple is the literal and the wage is the member-year's
// `context.avg_wage` (drawn by the test), else the scenario's year value
// (`scenarios/<city>.toml` `[context.avg_wage]`). Amounts in fen.

const Y: i64 = 100;

/// The city whose text a member-year is checked against.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum City {
    Ziyang,
    Luzhou,
    Dingxi,
}

impl City {
    const ALL: [City; 3] = [City::Ziyang, City::Luzhou, City::Dingxi];
    fn scenario(self) -> &'static str {
        match self {
            City::Ziyang => "ziyang",
            City::Luzhou => "luzhou",
            City::Dingxi => "dingxi",
        }
    }
    fn year(self) -> i32 {
        match self {
            City::Dingxi => 2024,
            _ => 2023,
        }
    }
}

/// Hospital level as each text groups them: 0 = 一级以下/无等级, 1 = 一级,
/// 2 = 二级乙等, 3 = 二级甲等, 4 = 三级乙等, 5 = 三级甲等.
fn level_index(l: Level) -> usize {
    Level::HOSPITAL.iter().position(|x| *x == l).expect("a hospital level")
}

/// 3-tier grouping (一级及以下 / 二级 / 三级) of Luzhou and Dingxi; the contract
/// maps unrated→1, 2B/2A→2, 3B/3A→3.
fn tier3(l: Level) -> usize {
    [0, 0, 1, 1, 2, 2][level_index(l)]
}

fn is_retiree(m: &Member) -> bool {
    m.category == Category::Retiree
}

// --- Ziyang, 000_f8c7f1d4db53115f.txt

/// 000 第十二条（四）: annual pooled-fund cap = 6 × the average wage.
const ZY_CAP_MULTIPLE: i64 = 6;
/// 000 第十八条（一）1: deductibles 本地 / 异地 by level (yuan).
const ZY_DED_LOCAL: [i64; 6] = [100, 200, 400, 600, 800, 1000];
const ZY_DED_NONLOCAL: [i64; 6] = [300, 400, 600, 800, 1000, 1200];
/// 000 第十八条（一）2: retirees 200 lower; （一）3 −50 per repeat; （一）4 floor 100.
const ZY_DED_RETIREE_CUT: i64 = 200;
const ZY_DED_FLOOR: i64 = 100;
/// 000 第十八条（二）1: 在职 ratios (percent) 本地 / 异地 by level.
const ZY_RATIO_LOCAL: [i64; 6] = [95, 90, 85, 85, 80, 80];
const ZY_RATIO_NONLOCAL: [i64; 6] = [75, 70, 65, 65, 60, 60];
/// 000 第十二条（一）1: 乙类药品 10%.
const ZY_CLASS_B: i64 = 10;
/// 000 第十二条（一）2: partial items, (up to and including yuan, percent).
const ZY_ITEMS: [(i64, i64); 4] = [(300, 10), (1000, 20), (3000, 30), (i64::MAX, 40)];
/// 000 第十二条（一）3: materials, the last tier up to 60,000; above it out of scope.
const ZY_MATERIALS: [(i64, i64); 5] = [(500, 10), (3000, 20), (10000, 30), (30000, 40), (60000, 50)];
const ZY_MATERIAL_CEILING: i64 = 60000;
/// 000 第十二条（二）: bed standards (yuan/day) by level: general, isolation.
const ZY_BED: [(i64, i64); 6] = [(12, 20), (15, 30), (20, 40), (20, 40), (25, 50), (25, 50)];
/// 000 第二十七条（一）: top-up threshold 50% of the average wage (reading 9:
/// exactly); （二）: bands to 50,000 / 100,000 / above, 本地 70/80/90, 异地 50/60/70.
const ZY_TOPUP_THRESHOLD_PCT: i64 = 50;
const ZY_TOPUP_EDGES: [i64; 2] = [50000, 100000];
const ZY_TOPUP_LOCAL: [i64; 3] = [70, 80, 90];
const ZY_TOPUP_NONLOCAL: [i64; 3] = [50, 60, 70];
/// 000 第十三条: flexible workers wait 6 months.
const ZY_WAIT: u32 = 6;

/// 000 第三十四条 and contract reading 7: filed, referral and emergency on local terms.
fn zy_nonlocal(p: Place) -> bool {
    matches!(p, Place::NonlocalSelf | Place::NonlocalSelfCrossProvince)
}

/// 000 第十八条（二） with contract reading 6 (no class-1 special disease here).
fn zy_ratio(m: &Member, c: &Inpatient) -> i64 {
    let i = level_index(c.level);
    let base = if zy_nonlocal(c.place) { ZY_RATIO_NONLOCAL[i] } else { ZY_RATIO_LOCAL[i] };
    let r = if m.age >= 70 {
        base + 10
    } else if is_retiree(m) {
        base + 5
    } else {
        base
    };
    r.min(100)
}

/// 000 第十八条（一） for the nth admission of the year (n from 1).
fn zy_deductible(m: &Member, c: &Inpatient, n: i64) -> i64 {
    let i = level_index(c.level);
    let d = if zy_nonlocal(c.place) { ZY_DED_NONLOCAL[i] } else { ZY_DED_LOCAL[i] };
    let d = d - if is_retiree(m) { ZY_DED_RETIREE_CUT } else { 0 } - 50 * (n - 1);
    d.max(ZY_DED_FLOOR) * Y
}

// --- Luzhou, 001_a1eeaaf010e2aa5c.txt

/// 001 第二十六条（四）2: employees' annual cap 280,000 (28万元) from 2023.
const LZ_CAP: i64 = 280_000;
/// 001 第二十六条（四）1, the table: (市内 deductible, 市内 %, 市外 deductible,
/// 市外 %, 市外 emergency/referral %), by 一级及无等级 / 二级 / 三级.
const LZ_IN_SERVICE: [(i64, i64, i64, i64, i64); 3] =
    [(500, 90, 1000, 70, 80), (600, 85, 1000, 70, 80), (700, 80, 1000, 70, 80)];
const LZ_RETIREE: [(i64, i64, i64, i64, i64); 3] =
    [(400, 96, 1000, 76, 86), (500, 92, 1000, 72, 82), (600, 88, 1000, 70, 80)];
/// Luzhou's text sets no self-pay-first ratios: the scenario's stated
/// assumption (`scenarios/luzhou.toml` `[employee.self_pay_first]`) is 10% on
/// class-B drugs, every item and every material, the base tier of 000 第十二条（一）.
const LZ_SELF_PAY: i64 = 10;
/// 001 第十二条 (flexible workers): 3 months' wait (contract reading 13).
const LZ_WAIT: u32 = 3;

/// 001 table, first admission, with contract reading 7 for places.
fn lz_terms(m: &Member, c: &Inpatient) -> (i64, i64) {
    let t = if is_retiree(m) { LZ_RETIREE } else { LZ_IN_SERVICE }[tier3(c.level)];
    match c.place {
        Place::Local => (t.0 * Y, t.1),
        Place::NonlocalReferral | Place::NonlocalEmergency => (t.2 * Y, t.4),
        _ => (t.2 * Y, t.3),
    }
}

// --- Dingxi, 003_a595c1016aac4d2c.txt

/// 003 第二十二条: annual cap 7万元; 本市 deductibles 200/400/600 and ratios
/// 98/95/93 by 一级及以下 / 二级 / 三级; 异地 deductibles 200/500/800.
const DX_CAP: i64 = 70_000;
const DX_DED_LOCAL: [i64; 3] = [200, 400, 600];
const DX_DED_NONLOCAL: [i64; 3] = [200, 500, 800];
const DX_RATIO: [i64; 3] = [98, 95, 93];
/// 003 第二十三条: 3% on class-B lines (contract reading 2: drugs, items, materials).
const DX_SELF_PAY: i64 = 3;
/// 003 第四十五条（一）: 95% of the personal in-scope share above 1,000, at most 600,000.
const DX_TOPUP_THRESHOLD: i64 = 1000;
const DX_TOPUP_PCT: i64 = 95;
const DX_TOPUP_LIMIT: i64 = 600_000;
/// 003 第二十条（一）: flexible workers' first contribution, 3 months.
const DX_WAIT: u32 = 3;

/// 003 第二十二条 and 第二十七条 as contract reading 7 reads them.
fn dx_terms(c: &Inpatient) -> (i64, i64) {
    let t = tier3(c.level);
    match c.place {
        Place::Local | Place::NonlocalFiled => (DX_DED_LOCAL[t] * Y, DX_RATIO[t]),
        Place::NonlocalReferral | Place::NonlocalEmergency => (DX_DED_NONLOCAL[t] * Y, DX_RATIO[t] - 5),
        Place::NonlocalSelf => (DX_DED_NONLOCAL[t] * Y, DX_RATIO[t] - 10),
        Place::NonlocalSelfCrossProvince => (DX_DED_NONLOCAL[t] * Y, DX_RATIO[t] - 20),
    }
}

/// An admission's parts as the text sees them, in hundredths of a fen (a
/// whole-percent ratio on a fen price is exact there): the out-of-scope part
/// (given, plus what the text moves out of scope: a Ziyang material's unit
/// price above 60,000, a Ziyang bed fee above the standard) and self-pay-first.
struct Parts {
    out_of_scope: i128,
    self_pay_first: i128,
}

impl Parts {
    fn scope(&self, c: &Inpatient) -> i128 {
        i128::from(c.total.0) * 100 - self.out_of_scope - self.self_pay_first
    }
}

fn tier_pct(tiers: &[(i64, i64)], price: Money) -> i64 {
    tiers.iter().find(|(up_to, _)| price.0 <= up_to.saturating_mul(Y)).map_or(tiers[tiers.len() - 1].1, |t| t.1)
}

fn parts(city: City, c: &Inpatient) -> Parts {
    let fen = |m: Money| i128::from(m.0);
    let mut oos = fen(c.out_of_scope) * 100;
    let spf = match city {
        City::Ziyang => {
            let mut s = fen(c.class_b_drugs) * i128::from(ZY_CLASS_B);
            for p in &c.partial_items {
                s += fen(*p) * i128::from(tier_pct(&ZY_ITEMS, *p));
            }
            for p in &c.materials {
                let within = (*p).min(Money::yuan(ZY_MATERIAL_CEILING));
                oos += fen(*p - within) * 100;
                s += fen(within) * i128::from(tier_pct(&ZY_MATERIALS, within));
            }
            if let Some(b) = &c.bed {
                let (general, isolation) = ZY_BED[level_index(c.level)];
                let std = Money::yuan(if b.isolation { isolation } else { general });
                oos += fen((b.per_day - std).max0()) * i128::from(b.days) * 100;
            }
            s
        }
        City::Luzhou | City::Dingxi => {
            let pct = i128::from(if city == City::Luzhou { LZ_SELF_PAY } else { DX_SELF_PAY });
            let lines =
                fen(c.class_b_drugs) + c.partial_items.iter().chain(&c.materials).map(|p| fen(*p)).sum::<i128>();
            lines * pct
        }
    };
    Parts { out_of_scope: oos, self_pay_first: spf }
}

/// Half-up division of a non-negative amount.
fn div_half_up(n: i128, d: i128) -> i64 {
    assert!(n >= 0);
    i64::try_from((n + d / 2) / d).unwrap()
}

/// Fund on one admission with nothing before it in the year: (scope −
/// deductible)⁺ × ratio, rounded once, within the annual cap.
fn first_fund(scope: i128, ded_fen: i64, pct: i64, cap_fen: i64) -> i64 {
    let base = (scope - i128::from(ded_fen) * 100).max(0);
    div_half_up(base * i128::from(pct), 10_000).min(cap_fen)
}

/// Ziyang 第二十七条 on the first admission of a year: the burden scope − fund
/// spread over the bands above the threshold, rounded once.
fn zy_first_top_up(burden: i128, threshold_fen: i64, nonlocal: bool) -> i64 {
    let ratios = if nonlocal { ZY_TOPUP_NONLOCAL } else { ZY_TOPUP_LOCAL };
    let edges = [
        i128::from(threshold_fen) * 100,
        i128::from(ZY_TOPUP_EDGES[0] * Y) * 100,
        i128::from(ZY_TOPUP_EDGES[1] * Y) * 100,
        i128::MAX,
    ];
    let mut x = 0i128;
    for b in 0..3 {
        let lo = edges[b].max(edges[0]);
        let hi = edges[b + 1].max(edges[0]);
        if burden > lo {
            x += (burden.min(hi) - lo) * i128::from(ratios[b]);
        }
    }
    div_half_up(x, 10_000)
}

// ============================================================ generators

/// A price drawn at a tier edge (one fen below, at, one fen above) or anywhere.
fn priced(edges: &'static [i64], max_yuan: i64) -> impl Strategy<Value = Money> {
    prop_oneof![
        3 => (prop::sample::select(edges), -1i64..=1).prop_map(|(e, d)| Money(e * Y + d)),
        1 => (1..=max_yuan * Y).prop_map(Money),
    ]
}

const ITEM_EDGES: [i64; 3] = [300, 1000, 3000];
const MATERIAL_EDGES: [i64; 5] = [500, 3000, 10000, 30000, 60000];
const BED_EDGES: [i64; 7] = [12, 15, 20, 25, 30, 40, 50];

/// The lines of an admission except its total: out of scope, class B, item
/// and material prices, bed, and where its in-scope part should land: `edge`
/// picks one of the member's own edges (see `scope_edges`), `offset` is a
/// signed distance in fen from it; with `uniform` the scope is drawn anywhere.
#[derive(Clone, Debug)]
struct Draft {
    level: Level,
    place: Place,
    out_of_scope: Money,
    class_b: Money,
    items: Vec<Money>,
    materials: Vec<Money>,
    bed: Option<Bed>,
    transfer: Option<Transfer>,
    edge: prop::sample::Index,
    offset: i64,
    uniform: Option<i64>,
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        (level(), place(), prop::option::weighted(0.5, money(5_000)), prop::option::weighted(0.6, money(20_000))),
        prop::collection::vec(priced(&ITEM_EDGES, 5_000), 0..3),
        prop::collection::vec(priced(&MATERIAL_EDGES, 90_000), 0..3),
        prop::option::weighted(0.3, (1u32..30, priced(&BED_EDGES, 80), any::<bool>())),
        prop::option::weighted(0.15, prop::sample::select(vec![Transfer::Up, Transfer::Down])),
        (any::<prop::sample::Index>(), prop_oneof![3 => -300i64..=300, 1 => -100_000i64..=100_000]),
        prop::option::weighted(0.2, 0i64..=60_000_000),
    )
        .prop_map(|((level, place, oos, class_b), items, materials, bed, transfer, (edge, offset), uniform)| {
            Draft {
                level,
                place,
                out_of_scope: oos.unwrap_or(Money::ZERO),
                class_b: class_b.unwrap_or(Money::ZERO),
                items,
                materials,
                bed: bed.map(|(days, per_day, isolation)| Bed { days, per_day, isolation }),
                transfer,
                edge,
                offset,
                uniform,
            }
        })
}

/// Where a first admission's in-scope part changes regime, in fen: the
/// deductible, the cap reached, and (Ziyang, Dingxi) the top-up threshold
/// and band edges, reached either before the cap (burden = s − r(s − d)) or
/// after it (burden = s − cap).
fn scope_edges(city: City, my: &MemberYear, c: &Inpatient) -> Vec<i64> {
    let (ded, pct, cap, burdens): (i64, i64, i64, Vec<i64>) = match city {
        City::Ziyang => {
            let w = my.context.avg_wage.expect("drawn").0;
            let t = w * ZY_TOPUP_THRESHOLD_PCT / 100;
            (
                zy_deductible(&my.member, c, 1),
                zy_ratio(&my.member, c),
                w * ZY_CAP_MULTIPLE,
                vec![t, ZY_TOPUP_EDGES[0] * Y, ZY_TOPUP_EDGES[1] * Y],
            )
        }
        City::Luzhou => {
            let (d, r) = lz_terms(&my.member, c);
            (d, r, LZ_CAP * Y, vec![])
        }
        City::Dingxi => {
            let (d, r) = dx_terms(c);
            let limit_reached = DX_TOPUP_THRESHOLD * Y + DX_TOPUP_LIMIT * Y * 100 / DX_TOPUP_PCT;
            (d, r, DX_CAP * Y, vec![DX_TOPUP_THRESHOLD * Y, limit_reached])
        }
    };
    let mut e = vec![0, ded, ded + cap * 100 / pct];
    for b in burdens {
        if pct < 100 {
            e.push((b * 100 - pct * ded) / (100 - pct));
        }
        e.push(cap + b);
    }
    e
}

/// The admission from a draft: its total puts the in-scope part at the
/// chosen place. For Luzhou and Dingxi there is no bed rule in the text, so
/// the bed is dropped.
fn admission(city: City, my: &MemberYear, d: &Draft, first: bool) -> Claim {
    let mut c = Inpatient {
        level: d.level,
        place: d.place,
        total: Money::ZERO,
        out_of_scope: d.out_of_scope,
        class_b_drugs: d.class_b,
        partial_items: d.items.clone(),
        materials: d.materials.clone(),
        bed: if city == City::Ziyang { d.bed } else { None },
        transfer: if first { None } else { d.transfer },
        terms: Terms::Admission,
    };
    let target = match d.uniform {
        Some(u) => u,
        None => {
            let e = scope_edges(city, my, &c);
            (e[d.edge.index(e.len())] + d.offset).max(0)
        }
    };
    let p = parts(city, &c);
    let needed = p.out_of_scope + p.self_pay_first;
    c.total = Money(target + i64::try_from((needed + 99) / 100).unwrap());
    Claim::Inpatient(c)
}

/// A member for the text cities, past the waiting period, without special
/// diseases (their rules are checked by the worked examples).
fn text_member(city: City) -> impl Strategy<Value = Member> {
    let wait = match city {
        City::Ziyang => ZY_WAIT,
        City::Luzhou => LZ_WAIT,
        City::Dingxi => DX_WAIT,
    };
    (
        prop::sample::select(vec![Category::Employee, Category::Retiree, Category::Flexible]),
        any::<bool>(),
        // Ages up to 79: Ziyang's age-80 first-deductible-only rule (第十八条（一）5)
        // is left to the worked examples.
        18u32..80,
        wait..200,
    )
        .prop_map(|(category, male, age, months)| Member {
            category,
            account: Account::Combined,
            sex: if male { Sex::M } else { Sex::F },
            age,
            employer: Employer::Enterprise,
            special_disease_class: None,
            special_disease_count: 1,
            chronic: vec![],
            months_contributed: months,
            resident_tier: None,
        })
}

/// A year of admissions in one text city, with the average wage drawn
/// (Ziyang's cap and threshold are its multiples).
fn text_year(n: std::ops::Range<usize>) -> impl Strategy<Value = (City, MemberYear)> {
    prop::sample::select(City::ALL.to_vec()).prop_flat_map(move |city| {
        (text_member(city), prop::collection::vec(draft(), n.clone()), 20_000i64..150_000).prop_map(
            move |(member, drafts, wage)| {
                let mut my = MemberYear {
                    year: city.year(),
                    context: Context { avg_wage: Some(Money::yuan(wage)), employer_avg_monthly_wage: None },
                    member,
                    claims: vec![],
                };
                for (i, d) in drafts.iter().enumerate() {
                    let c = admission(city, &my, d, i == 0);
                    my.claims.push(c);
                }
                (city, my)
            },
        )
    })
}

fn rules_of(city: City, my: &MemberYear) -> std::sync::Arc<YearRules> {
    common::scenario(city.scenario()).year_rules(Scheme::of(my.member.category), my.year).unwrap()
}

fn inpatient_of(c: &Claim) -> &Inpatient {
    match c {
        Claim::Inpatient(x) => x,
        _ => unreachable!("text years are admissions"),
    }
}

fn cap_of(city: City, my: &MemberYear) -> i64 {
    match city {
        City::Ziyang => ZY_CAP_MULTIPLE * my.context.avg_wage.unwrap().0,
        City::Luzhou => LZ_CAP * Y,
        City::Dingxi => DX_CAP * Y,
    }
}

// ============================================================ maternity texts

/// A childbirth or termination of a woman in Ziyang, Dingxi or Luzhou, with
/// the employer's wage drawn. Luzhou's flexible workers have their births
/// settled as admissions (001 第二十七条), left to the inpatient properties:
/// in Luzhou every drawn woman is an employee.
fn maternity_year() -> impl Strategy<Value = (City, MemberYear)> {
    (
        prop::sample::select(vec![City::Ziyang, City::Dingxi, City::Luzhou]),
        prop::sample::select(vec![Category::Employee, Category::Flexible]),
        any::<bool>(),
        0u32..30,
        1_000i64..30_000,
        (0u8..3, 1u32..=3, 0u32..=9, prop::sample::select(vec![Level::L1, Level::L2A, Level::L3A])),
        prop_oneof![2 => 0i64..=8_000 * Y, 1 => (prop::sample::select(vec![800i64, 1000, 1200, 1500, 1800, 2000, 2500, 3500, 4000, 4400, 4500, 5500, 5600, 6000, 6500, 7500]), -1i64..=1).prop_map(|(e, d)| (e * Y + d).max(0))],
        prop_oneof![0i64..=3_000 * Y, (prop::sample::select(vec![600i64, 700, 2000]), -1i64..=1).prop_map(|(e, d)| e * Y + d)],
        any::<bool>(),
    )
        .prop_map(|(city, category, fiscal, months, wage, (kind, babies, gest, level), cost, prenatal, termination)| {
            let wait = match city {
                City::Ziyang => ZY_WAIT,
                City::Dingxi => DX_WAIT,
                City::Luzhou => 0,
            };
            let category = if city == City::Luzhou { Category::Employee } else { category };
            let flexible = category == Category::Flexible;
            let claim = if termination && !flexible {
                Claim::PregnancyTermination(PregnancyTermination { months: gest, level, medical_cost: Money(cost), stillbirth: false })
            } else {
                // Ziyang 第十九条 names 顺产 and 剖宫产 for flexible workers: one baby,
                // natural or caesarean.
                let (delivery, babies) = if flexible {
                    ([Delivery::Natural, Delivery::Caesarean][usize::from(kind % 2)], 1)
                } else {
                    ([Delivery::Natural, Delivery::Difficult, Delivery::Caesarean][usize::from(kind)], babies)
                };
                Claim::Childbirth(Childbirth {
                    delivery,
                    babies,
                    level,
                    medical_cost: Money(cost),
                    prenatal_cost: Money(prenatal), with_procedure: None, spouse_reimbursed_elsewhere: false,
                })
            };
            let my = MemberYear {
                year: city.year(),
                context: Context { avg_wage: None, employer_avg_monthly_wage: Some(Money::yuan(wage)) },
                member: Member {
                    category,
                    account: Account::Combined,
                    sex: Sex::F,
                    age: 30,
                    employer: if fiscal && !flexible { Employer::Fiscal } else { Employer::Enterprise },
                    special_disease_class: None,
                    special_disease_count: 1,
                    chronic: vec![],
                    months_contributed: if flexible { months.max(wait) } else { months },
                    resident_tier: None,
                },
                claims: vec![claim],
            };
            (city, my)
        })
}

/// (medical lump sum in yuan, prenatal limit in yuan, allowance days, months
/// of contributions the allowance needs, whether the allowance is paid at all)
/// for one maternity claim, from the texts.
fn maternity_terms(city: City, my: &MemberYear) -> (i64, i64, i64) {
    let flexible = my.member.category == Category::Flexible;
    match (city, &my.claims[0]) {
        // 000 第十九条: flexible workers 顺产 2,000, 剖宫产 4,000; no prenatal
        // payment and no allowance (contract reading 11).
        (City::Ziyang, Claim::Childbirth(c)) if flexible => {
            (if c.delivery == Delivery::Caesarean { 4000 } else { 2000 }, 0, 0)
        }
        // 000 第二十四条（一）: 158 days, 难产 (breech, haemorrhage, caesarean,
        // multiple birth) +15, each further baby +15; （二） 顺产 3,500, 难产 5,500;
        // （三） prenatal ≤ 600. Reading 11: twins and more count as 难产.
        (City::Ziyang, Claim::Childbirth(c)) => {
            let difficult = c.delivery != Delivery::Natural || c.babies >= 2;
            let days = 158 + if difficult { 15 } else { 0 } + 15 * (i64::from(c.babies) - 1);
            (if difficult { 5500 } else { 3500 }, 600, days)
        }
        // 000 第二十四条: 不满4个月 1,000 / 15 days; 满4个月不满7个月 1,200 / 42 days;
        // 满7个月以上 as a natural delivery: 3,500 / 158 days (reading 11).
        (City::Ziyang, Claim::PregnancyTermination(t)) => match t.months {
            0..=3 => (1000, 0, 15),
            4..=6 => (1200, 0, 42),
            _ => (3500, 0, 158),
        },
        // 003 第三十六条（一）1–4: 正常产 3,500, 难产 4,500, 剖宫产 5,500, +1,000 per
        // further baby; （二） prenatal ≤ 2,000. 第四十一条（二）1: 98 days, 难产 or
        // 剖宫产 +15, each further baby +15. Flexible workers are 参保人员 for the
        // medical payments; the allowance of 第四十一条 is for 女职工 whose
        // employer pays 6.7% (flexible workers pay 4% or 8%, 第十一条): none.
        (City::Dingxi, Claim::Childbirth(c)) => {
            let extra = i64::from(c.babies) - 1;
            let (lump, plus) = match c.delivery {
                Delivery::Natural => (3500, 0),
                Delivery::Difficult => (4500, 15),
                Delivery::Caesarean => (5500, 15),
            };
            (lump + 1000 * extra, 2000, if flexible { 0 } else { 98 + plus + 15 * extra })
        }
        // 003 第三十六条（一）5–7 and 第四十一条（二）1–4 with reading 11.
        (City::Dingxi, Claim::PregnancyTermination(t)) => match t.months {
            0..=1 => (2000, 0, 15),
            2..=3 => (2000, 0, 30),
            4..=6 => (2500, 0, 42),
            _ => (3500, 0, 98),
        },
        // 001 第三十二条（一）（二）: 自然分娩 二级及以上 4,000, 一级及以下 1,800; 难产
        // (含剖宫产) 5,600 / 2,500; each further baby +400; 第三十三条 产前检查
        // 定额补助 700 (at most the cost, reading 12). The days are 国务院令第619号's
        // (第三十五条 refers to it; not among the texts, the scenario's stated
        // assumption): 98, 难产 or 剖宫产 +15, each further baby +15.
        (City::Luzhou, Claim::Childbirth(c)) => {
            let high = tier3(c.level) >= 1;
            let extra = i64::from(c.babies) - 1;
            let (lump, plus) = match (c.delivery, high) {
                (Delivery::Natural, true) => (4000, 0),
                (Delivery::Natural, false) => (1800, 0),
                (_, true) => (5600, 15),
                (_, false) => (2500, 15),
            };
            (lump + 400 * extra, 700, 98 + plus + 15 * extra)
        }
        // 001 第三十二条（三）: 门诊流产术 800, 住院流产术 / 引产术 1,500; which
        // months are which is the scenario's stated assumption (under 4
        // completed months 800 and 15 days, from 4 months 1,500 and 42 days).
        (City::Luzhou, Claim::PregnancyTermination(t)) => {
            if t.months < 4 {
                (800, 0, 15)
            } else {
                (1500, 0, 42)
            }
        }
        _ => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// The first admission of a year, on the texts' own numbers: fund =
    /// (scope − deductible)⁺ × ratio within the annual cap, scope computed
    /// here with self-pay-first; the top-up on scope − fund by the bands;
    /// the member pays the rest. Bills are drawn at the regime edges.
    #[test]
    fn first_admission_pays_what_the_text_says((city, my) in text_year(1..2)) {
        let r = rules_of(city, &my);
        let out = adjudicate(&r, &my, false).expect("valid input");
        let c = inpatient_of(&my.claims[0]);
        let p = parts(city, c);
        let scope = p.scope(c);
        prop_assert!(scope >= 0);
        let cap = cap_of(city, &my);
        let (fund, cat) = match city {
            City::Ziyang => {
                let f = first_fund(scope, zy_deductible(&my.member, c, 1), zy_ratio(&my.member, c), cap);
                let t = my.context.avg_wage.unwrap().0 * ZY_TOPUP_THRESHOLD_PCT / 100;
                (f, zy_first_top_up(scope - i128::from(f) * 100, t, zy_nonlocal(c.place)))
            }
            City::Luzhou => {
                let (d, pct) = lz_terms(&my.member, c);
                (first_fund(scope, d, pct, cap), 0)
            }
            City::Dingxi => {
                let (d, pct) = dx_terms(c);
                let f = first_fund(scope, d, pct, cap);
                let over = (scope - i128::from(f) * 100 - i128::from(DX_TOPUP_THRESHOLD * Y) * 100).max(0);
                (f, div_half_up(over * i128::from(DX_TOPUP_PCT), 10_000).min(DX_TOPUP_LIMIT * Y))
            }
        };
        let got = out[0].payment;
        prop_assert_eq!((got.fund, got.catastrophic), (Money(fund), Money(cat)), "{:?} {:?}", city, c);
        prop_assert_eq!(got.member, c.total - Money(fund) - Money(cat));
        prop_assert_eq!(got.allowance, Money::ZERO);
    }

    /// Over a year of admissions (repeats and transfers included): no payer
    /// is negative; fund + top-up never exceed the claim's scope computed here
    /// with self-pay-first, so the member pays at least the out-of-scope part
    /// and the self-pay-first; the year's fund stays within the text's cap
    /// (and Dingxi's top-up within its 600,000).
    #[test]
    fn a_year_of_admissions_stays_within_scope_and_the_texts_caps((city, my) in text_year(1..7)) {
        let r = rules_of(city, &my);
        let out = adjudicate(&r, &my, false).expect("valid input");
        let (mut fund, mut cat) = (Money::ZERO, Money::ZERO);
        for (c, o) in my.claims.iter().zip(&out) {
            let c = inpatient_of(c);
            let p = o.payment;
            prop_assert!(p.fund >= Money::ZERO && p.catastrophic >= Money::ZERO && p.member >= Money::ZERO, "{:?}", p);
            prop_assert_eq!(p.allowance, Money::ZERO);
            let parts = parts(city, c);
            // Each payer is rounded half-up once: at most half a fen each above
            // its exact share.
            prop_assert!(i128::from((p.fund + p.catastrophic).0) * 100 <= parts.scope(c) + 100,
                "fund {} + top-up {} above scope {}/100 fen of {:?}", p.fund, p.catastrophic, parts.scope(c), c);
            prop_assert!(i128::from(p.member.0) * 100 + 100 >= parts.out_of_scope + parts.self_pay_first,
                "member {} below out of scope + self-pay-first {}/100 fen", p.member, parts.out_of_scope + parts.self_pay_first);
            fund += p.fund;
            cat += p.catastrophic;
        }
        prop_assert!(fund.0 <= cap_of(city, &my), "{:?}: the year's fund {} above the cap {}", city, fund, Money(cap_of(city, &my)));
        if city == City::Dingxi {
            prop_assert!(cat <= Money::yuan(DX_TOPUP_LIMIT));
        }
        if city == City::Luzhou {
            prop_assert_eq!(cat, Money::ZERO);
        }
    }

    /// A larger bill (one admission's in-scope part raised) never lowers what
    /// the member pays on it or in the year, nor what the fund pays on it or
    /// in the year (the cap only stops the fund from growing).
    #[test]
    fn a_larger_bill_never_lowers_the_members_or_the_funds_share((city, my) in text_year(1..6), which in any::<prop::sample::Index>(), extra in prop_oneof![1i64..=100, 1i64..=20_000_000]) {
        let r = rules_of(city, &my);
        let before = adjudicate(&r, &my, false).expect("valid input");
        let i = which.index(my.claims.len());
        let mut more = my.clone();
        if let Claim::Inpatient(x) = &mut more.claims[i] { x.total += Money(extra); }
        let after = adjudicate(&r, &more, false).expect("valid input");
        let year = |v: &[medfund_rules::adjudicate::ClaimOutcome], f: fn(&medfund_rules::member_year::Payment) -> Money| v.iter().map(|o| f(&o.payment)).sum::<Money>();
        prop_assert!(after[i].payment.member >= before[i].payment.member, "claim {}: member {} → {}", i, before[i].payment.member, after[i].payment.member);
        prop_assert!(after[i].payment.fund >= before[i].payment.fund, "claim {}: fund {} → {}", i, before[i].payment.fund, after[i].payment.fund);
        prop_assert!(year(&after, |p| p.member) >= year(&before, |p| p.member));
        prop_assert!(year(&after, |p| p.fund) >= year(&before, |p| p.fund));
    }

    /// Maternity in Ziyang, Dingxi and Luzhou against the texts' lump sums
    /// and days: fund = min(medical cost, lump sum) + min(prenatal, limit)
    /// (reading 12), in Luzhou only after 9 months; allowance = employer's
    /// monthly wage ÷ 30 × days, rounded once, only for an enterprise
    /// employee with the months the text names (Ziyang 000 第二十三条 12,
    /// Dingxi 003 第四十二条 6, Luzhou 001 第三十条 9).
    #[test]
    fn maternity_pays_the_texts_lump_sums_and_allowance_days((city, my) in maternity_year()) {
        let r = rules_of(city, &my);
        let out = adjudicate(&r, &my, false).expect("valid input");
        let (lump, prenatal_limit, days) = maternity_terms(city, &my);
        let (cost, prenatal) = match &my.claims[0] {
            Claim::Childbirth(c) => (c.medical_cost, c.prenatal_cost),
            Claim::PregnancyTermination(t) => (t.medical_cost, Money::ZERO),
            _ => unreachable!(),
        };
        let m = &my.member;
        // Luzhou 001 第三十条: 连续参保 … 满9个月及以上 for any maternity benefit.
        let eligible = city != City::Luzhou || m.months_contributed >= 9;
        let fund = if eligible { cost.min(Money::yuan(lump)) + prenatal.min(Money::yuan(prenatal_limit)) } else { Money::ZERO };
        // Months the allowance needs: Ziyang 000 第二十三条 12, Dingxi 003
        // 第四十二条 6, Luzhou 001 第三十条 9; Luzhou 第三十七条: none for fiscal units.
        let need = match city {
            City::Ziyang => 12,
            City::Dingxi => 6,
            City::Luzhou => 9,
        };
        let wage = my.context.employer_avg_monthly_wage.unwrap();
        let allowance = if m.category == Category::Employee && m.employer == Employer::Enterprise && m.months_contributed >= need {
            Money(div_half_up(i128::from(wage.0) * i128::from(days), 30))
        } else {
            Money::ZERO
        };
        let p = out[0].payment;
        prop_assert_eq!((p.fund, p.allowance, p.catastrophic), (fund, allowance, Money::ZERO), "{:?} {:?}", city, my);
        prop_assert_eq!(p.member, cost + prenatal - fund);
    }

    /// Every built-in scenario, every claim type: no payer is negative, and
    /// fund + top-up never exceed the part of the bill not declared out of
    /// scope.
    #[test]
    fn no_payer_is_negative_nor_above_the_declared_scope((city, mut my) in member_year()) {
        let Some(r) = fit(city, &mut my) else { return Ok(()) };
        let Ok(out) = adjudicate(&r, &my, false) else { return Ok(()) };
        prop_assert_eq!(out.len(), my.claims.len());
        for (c, o) in my.claims.iter().zip(&out) {
            let p = o.payment;
            prop_assert!(p.fund >= Money::ZERO && p.catastrophic >= Money::ZERO && p.allowance >= Money::ZERO);
            prop_assert!(p.member >= Money::ZERO, "member pays {} on {:?}", p.member, c);
            let declared = match c {
                Claim::Inpatient(c) => Some(c.total - c.out_of_scope),
                Claim::Outpatient(c) => Some(c.total - c.out_of_scope),
                Claim::SpecialOutpatient(c) => Some(c.total - c.out_of_scope),
                Claim::SinglePaymentDrug(c) => Some(c.total - c.out_of_scope),
                _ => None,
            };
            if let Some(s) = declared {
                prop_assert!(p.fund + p.catastrophic <= s, "fund {} + top-up {} above {}", p.fund, p.catastrophic, s);
            }
        }
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

/// Chongqing's texts (002) pay no maternity benefit: the employee scheme's
/// text has no childbirth or termination article, so such a claim is
/// refused, not settled at some amount.
#[test]
fn chongqing_has_no_maternity_text_and_refuses_the_claims() {
    for claim in [
        r#"{"type": "childbirth", "delivery": "natural", "babies": 1, "level": "2A", "medical_cost": 5000, "prenatal_cost": 800}"#,
        r#"{"type": "pregnancy_termination", "months": 3, "level": "2A", "medical_cost": 1200}"#,
    ] {
        let json = format!(
            r#"{{"year": 2025, "context": {{"employer_avg_monthly_wage": 6000}}, "member": {{"category": "employee", "sex": "F", "age": 30, "employer": "enterprise", "months_contributed": 20}}, "claims": [{claim}]}}"#
        );
        let e = medfund_rules::contract::adjudication::answer_line(common::scenario("chongqing"), &json, false)
            .expect_err("refused");
        let msg = format!("{e:?}");
        assert!(msg.contains("does not cover"), "{msg}");
    }
}
