//! Writing a member-year as an input line of `medfund adjudicate`
//! (`contract::input_line`, issue 16): the contract reads back exactly the
//! member-year that was written, over the whole input domain of
//! `spec/adjudication.md` ("Input: a member-year"), for every claim type
//! and every value of every enum, with its `id`.

mod common;

use medfund_rules::contract::adjudication::{answer_line, parse_member_year};
use medfund_rules::contract::fields::MAX_MONEY;
use medfund_rules::contract::input_line::format_member_year;
use medfund_rules::member_year::*;
use medfund_rules::money::Money;
use proptest::prelude::*;

/// Write, read back; the id and the member-year must be what was written.
fn round_trip(id: &str, my: &MemberYear) -> MemberYear {
    let line = format_member_year(id, my);
    assert!(!line.contains('\n'), "one line: {line}");
    let (back_id, back) = parse_member_year(&line).unwrap_or_else(|e| panic!("{e:?} in {line}"));
    assert_eq!(back_id, serde_json::Value::String(id.to_string()), "{line}");
    back
}

fn money(max_fen: i64) -> impl Strategy<Value = Money> {
    (0..=max_fen).prop_map(Money)
}

/// Up to 100 million yuan, every fen possible: a writer that went through
/// f64 or dropped the fen would be caught.
fn amount() -> impl Strategy<Value = Money> {
    money(10_000_000_000)
}

fn any_level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::HOSPITAL.iter().copied().chain([Level::Pharmacy]).collect::<Vec<_>>())
}

fn hospital_level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::HOSPITAL.to_vec())
}

/// An admission whose lines fit its bill (the contract refuses one whose
/// class-B drugs, items, materials and bed add to more than total −
/// out_of_scope): the total is built from the parts.
fn inpatient() -> impl Strategy<Value = Claim> {
    (
        (hospital_level(), prop::sample::select(Place::ALL.to_vec())),
        (amount(), amount(), amount()),
        prop::collection::vec(money(10_000_000), 0..4),
        prop::collection::vec(money(10_000_000), 0..4),
        prop::option::of((0u32..=3660, money(1_000_000), any::<bool>())),
        prop::option::of(prop::sample::select(vec![Transfer::Up, Transfer::Down])),
    )
        .prop_map(|((level, place), (oos, class_b, slack), partial_items, materials, bed, transfer)| {
            let bed = bed.map(|(days, per_day, isolation)| Bed { days, per_day, isolation });
            let bed_total = bed.map_or(Money::ZERO, |b| Money(b.per_day.0 * i64::from(b.days)));
            let total = oos
                + class_b
                + slack
                + bed_total
                + partial_items.iter().copied().sum::<Money>()
                + materials.iter().copied().sum::<Money>();
            Claim::Inpatient(Inpatient {
                level,
                place,
                total,
                out_of_scope: oos,
                class_b_drugs: class_b,
                partial_items,
                materials,
                bed,
                transfer,
                terms: Terms::Admission,
            })
        })
}

fn other_claim() -> impl Strategy<Value = Claim> {
    (
        0u8..6,
        (any_level(), hospital_level(), prop::option::of(1u8..=255)),
        (amount(), amount(), amount()),
        (prop::sample::select(vec![Delivery::Natural, Delivery::Difficult, Delivery::Caesarean]), 1u32..=10, 0u32..=11),
        (prop::sample::select(Procedure::ALL.to_vec()), any::<bool>()),
    )
        .prop_map(|(kind, (level, hl, disease), (a, b, c), (delivery, babies, months), (procedure, inpatient))| {
            match kind {
                0 => Claim::Outpatient(Outpatient { level, total: a + b + c, out_of_scope: a, class_b_drugs: b }),
                1 => Claim::SpecialOutpatient(SpecialOutpatient {
                    level,
                    disease,
                    total: a + b + c,
                    out_of_scope: a,
                    class_b_drugs: b,
                }),
                2 => Claim::SinglePaymentDrug(SinglePaymentDrug { total: a + b, out_of_scope: a }),
                3 => Claim::Childbirth(Childbirth {
                    delivery,
                    babies,
                    level: hl,
                    medical_cost: a,
                    prenatal_cost: b,
                    with_procedure: None,
                    spouse_reimbursed_elsewhere: false,
                }),
                4 => Claim::PregnancyTermination(PregnancyTermination {
                    months,
                    level: hl,
                    medical_cost: a,
                    stillbirth: false,
                }),
                _ => Claim::FamilyPlanning(FamilyPlanning {
                    procedure,
                    inpatient,
                    cost: a,
                    also: None,
                    complication: false,
                    incomplete_curettage: false,
                }),
            }
        })
}

fn member() -> impl Strategy<Value = Member> {
    (
        prop::sample::select(vec![Category::Employee, Category::Retiree, Category::Flexible, Category::Resident]),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        0u32..=130,
        prop::option::of(1u8..=3),
        1u32..=50,
        prop::collection::vec(1u8..=255, 0..5),
        0u32..=1200,
        prop::option::of(1u8..=2),
    )
        .prop_map(|(category, (pooling, male, fiscal), age, class, count, chronic, months, tier)| Member {
            category,
            account: if pooling { Account::PoolingOnly } else { Account::Combined },
            sex: if male { Sex::M } else { Sex::F },
            age,
            employer: if fiscal { Employer::Fiscal } else { Employer::Enterprise },
            special_disease_class: class,
            special_disease_count: count,
            chronic,
            months_contributed: months,
            resident_tier: tier,
        })
}

fn member_year() -> impl Strategy<Value = MemberYear> {
    (
        1900i32..=2200,
        prop::option::of(money(MAX_MONEY.0)),
        prop::option::of(money(MAX_MONEY.0)),
        member(),
        prop::collection::vec(prop_oneof![inpatient(), other_claim()], 0..8),
    )
        .prop_map(|(year, avg_wage, employer_avg_monthly_wage, member, claims)| MemberYear {
            year,
            context: Context { avg_wage, employer_avg_monthly_wage },
            member,
            claims,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_contract_reads_back_what_was_written(my in member_year(), id in "\\PC{0,24}") {
        prop_assert_eq!(round_trip(&id, &my), my);
    }
}

fn base() -> MemberYear {
    MemberYear { year: 2023, context: Context::default(), member: Member::default(), claims: Vec::new() }
}

fn admission(level: Level, place: Place) -> Inpatient {
    Inpatient {
        level,
        place,
        total: Money(3_000_001),
        out_of_scope: Money(200_099),
        class_b_drugs: Money(500_000),
        partial_items: vec![Money(80_001)],
        materials: vec![Money(1_200_000), Money(7)],
        bed: None,
        transfer: None,
        terms: Terms::Admission,
    }
}

/// Every claim type, and every value of each of its enums, one claim at a
/// time (the proptest may miss a rare pairing; this does not).
fn every_claim() -> Vec<Claim> {
    let mut v = Vec::new();
    for level in Level::HOSPITAL {
        for place in Place::ALL {
            v.push(Claim::Inpatient(admission(level, place)));
        }
        for delivery in [Delivery::Natural, Delivery::Difficult, Delivery::Caesarean] {
            for babies in [1, 2, 3] {
                v.push(Claim::Childbirth(Childbirth {
                    delivery,
                    babies,
                    level,
                    medical_cost: Money(350_050),
                    prenatal_cost: Money(0),
                    with_procedure: None,
                    spouse_reimbursed_elsewhere: false,
                }));
            }
        }
        for months in 0..=11 {
            v.push(Claim::PregnancyTermination(PregnancyTermination {
                months,
                level,
                medical_cost: Money(99),
                stillbirth: false,
            }));
        }
    }
    for bed in [None, Some((false, 0)), Some((true, 30))] {
        for transfer in [None, Some(Transfer::Up), Some(Transfer::Down)] {
            let mut a = admission(Level::L2A, Place::Local);
            a.bed = bed.map(|(isolation, days)| Bed { days, per_day: Money(8_050), isolation });
            a.transfer = transfer;
            v.push(Claim::Inpatient(a));
        }
    }
    for level in Level::HOSPITAL.into_iter().chain([Level::Pharmacy]) {
        v.push(Claim::Outpatient(Outpatient {
            level,
            total: Money(50_001),
            out_of_scope: Money(1),
            class_b_drugs: Money(10),
        }));
        for disease in [None, Some(1), Some(36)] {
            v.push(Claim::SpecialOutpatient(SpecialOutpatient {
                level,
                disease,
                total: Money(1_000_000),
                out_of_scope: Money(0),
                class_b_drugs: Money(999_999),
            }));
        }
    }
    v.push(Claim::SinglePaymentDrug(SinglePaymentDrug { total: Money(12_345_678), out_of_scope: Money(12_345_678) }));
    for procedure in Procedure::ALL {
        for inpatient in [false, true] {
            v.push(Claim::FamilyPlanning(FamilyPlanning {
                procedure,
                inpatient,
                cost: Money(105),
                also: None,
                complication: false,
                incomplete_curettage: false,
            }));
        }
    }
    v
}

#[test]
fn every_claim_type_and_value_is_read_back_alone() {
    let claims = every_claim();
    // All seven types are among them.
    for k in ClaimKind::ALL {
        assert!(claims.iter().any(|c| c.kind() == k), "{k:?}");
    }
    for c in &claims {
        let my = MemberYear { claims: vec![c.clone()], ..base() };
        assert_eq!(round_trip("x", &my), my, "{c:?}");
    }
    // And all of them in one member-year, in order.
    let my = MemberYear { claims, ..base() };
    assert_eq!(round_trip("all", &my), my);
}

#[test]
fn every_member_field_value_is_read_back() {
    let mut members = Vec::new();
    for category in [Category::Employee, Category::Retiree, Category::Flexible, Category::Resident] {
        for account in [Account::Combined, Account::PoolingOnly] {
            for sex in [Sex::M, Sex::F] {
                for employer in [Employer::Enterprise, Employer::Fiscal] {
                    members.push(Member { category, account, sex, employer, ..Member::default() });
                }
            }
        }
    }
    for special_disease_class in [None, Some(1), Some(2), Some(3)] {
        for resident_tier in [None, Some(1), Some(2)] {
            members.push(Member {
                special_disease_class,
                resident_tier,
                // Not the contract's defaults (1 disease, 120 months), so a
                // writer that left them out would be caught.
                special_disease_count: 3,
                months_contributed: 7,
                chronic: vec![36, 1, 5, 5],
                age: 0,
                ..Member::default()
            });
        }
    }
    for member in members {
        for context in [
            Context::default(),
            Context { avg_wage: Some(Money(8_000_001)), employer_avg_monthly_wage: None },
            Context { avg_wage: None, employer_avg_monthly_wage: Some(Money(600_050)) },
            Context { avg_wage: Some(MAX_MONEY), employer_avg_monthly_wage: Some(Money(1)) },
        ] {
            let my = MemberYear {
                context,
                member: member.clone(),
                claims: vec![Claim::Inpatient(admission(Level::L3A, Place::Local))],
                ..base()
            };
            assert_eq!(round_trip("m", &my), my);
        }
    }
}

/// The contract's own example (spec/adjudication.md, "Input: a
/// member-year"), read, written and read again: the same member-year, and
/// the same answer from `medfund adjudicate` in Ziyang.
#[test]
fn the_spec_example_survives_being_written_again() {
    let spec = r#"{"id": "case-7", "year": 2023,
 "context": {"avg_wage": 80000, "employer_avg_monthly_wage": 6000},
 "member": {"category": "retiree", "account": "combined", "sex": "F", "age": 72,
            "employer": "enterprise", "special_disease_class": null, "special_disease_count": 1,
            "chronic": [], "months_contributed": 120, "resident_tier": null},
 "claims": [ {"type": "inpatient", "level": "3A", "place": "local", "total": 30000, "out_of_scope": 2000,
              "class_b_drugs": 5000, "partial_items": [800], "materials": [12000]} ]}"#
        .replace('\n', "");
    let (_, my) = parse_member_year(&spec).unwrap();
    let line = format_member_year("case-7", &my);
    assert_eq!(round_trip("case-7", &my), my);
    let sc = common::scenario("ziyang");
    assert_eq!(answer_line(sc, &line, true).unwrap(), answer_line(sc, &spec, true).unwrap());
    // Money is written as yuan with two decimals.
    assert!(line.contains(r#""avg_wage": 80000.00, "employer_avg_monthly_wage": 6000.00"#), "{line}");
    assert!(line.contains(r#""partial_items": [800.00], "materials": [12000.00]"#), "{line}");
}

#[test]
fn an_id_with_quotes_and_other_scripts_is_escaped() {
    let my = MemberYear { claims: vec![Claim::Inpatient(admission(Level::L1, Place::NonlocalSelf))], ..base() };
    assert_eq!(round_trip("a \"quoted\" \\ id\t资阳/p0", &my), my);
}

/// The optional input fields (README, "Optional input fields of medfund
/// adjudicate"): each written only when set, and read back as written.
#[test]
fn optional_fields_are_written_when_set_and_read_back() {
    let mut adm = admission(Level::L3A, Place::Local);
    let plain = format_member_year("x", &MemberYear { claims: vec![Claim::Inpatient(adm.clone())], ..base() });
    assert!(!plain.contains("terms"), "{plain}");
    let mut claims = Vec::new();
    for terms in [Terms::EmergencyDeath, Terms::HighValueDrug, Terms::Newborn] {
        adm.terms = terms;
        claims.push(Claim::Inpatient(adm.clone()));
    }
    // A high-value drug may be bought at a pharmacy (000 第二十条（二）).
    adm.terms = Terms::HighValueDrug;
    adm.level = Level::Pharmacy;
    claims.push(Claim::Inpatient(adm.clone()));
    claims.push(Claim::PregnancyTermination(PregnancyTermination {
        months: 7,
        level: Level::L2A,
        medical_cost: Money(250_000),
        stillbirth: true,
    }));
    claims.push(Claim::Childbirth(Childbirth {
        delivery: Delivery::Caesarean,
        babies: 1,
        level: Level::L3A,
        medical_cost: Money(700_000),
        prenatal_cost: Money(50_000),
        with_procedure: Some(Procedure::TubalLigation),
        spouse_reimbursed_elsewhere: true,
    }));
    claims.push(Claim::FamilyPlanning(FamilyPlanning {
        procedure: Procedure::MedicalAbortion,
        inpatient: false,
        cost: Money(25_000),
        also: Some(Procedure::IudInsert),
        complication: true,
        incomplete_curettage: true,
    }));
    let my = MemberYear { claims, ..base() };
    let line = format_member_year("opt", &my);
    for k in [
        "\"terms\": \"newborn\"",
        "\"stillbirth\": true",
        "\"with_procedure\": \"tubal_ligation\"",
        "\"also\": \"iud_insert\"",
    ] {
        assert!(line.contains(k), "{k} in {line}");
    }
    assert_eq!(round_trip("opt", &my), my);
    // A pharmacy is still refused for an ordinary admission.
    let bad = line.replacen("\"level\": \"3A\"", "\"level\": \"pharmacy\"", 1);
    let e = parse_member_year(&bad).unwrap_err();
    assert_eq!(e.field, "claims[0].level", "{e:?}");
}
