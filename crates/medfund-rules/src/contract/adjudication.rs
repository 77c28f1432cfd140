//! `medfund adjudicate` (`spec/adjudication.md`): a member-year per JSON
//! line in, one line with each claim's payers out.

use serde_json::Value;

use super::LineError;
use super::fields::{Obj, join, money, parse_line, push_json_str};
use crate::adjudicate::{ClaimOutcome, adjudicate, totals};
use crate::member_year::*;
use crate::money::Money;
use crate::scenario::{Scenario, Scheme, Section};

const LEVELS: &str = "unrated, 1, 2B, 2A, 3B, 3A";
const TERMS: &str = "admission, emergency_death, high_value_drug, newborn";
const PROCEDURES: &str = "iud_insert, iud_remove, implant_insert, implant_remove, tubal_ligation, vasectomy, tubal_reversal, vas_reversal, surgical_abortion, medical_abortion";
const PLACES: &str =
    "local, nonlocal_filed, nonlocal_referral, nonlocal_emergency, nonlocal_self, nonlocal_self_cross_province";

fn hospital_level(s: &str) -> Option<Level> {
    Level::parse(s).filter(|l| *l != Level::Pharmacy)
}

/// Parse one input line into a member-year and its `id`.
pub fn parse_member_year(line: &str) -> Result<(Value, MemberYear), LineError> {
    let v = parse_line(line)?;
    let top = Obj::new(&v, "", &["id", "year", "context", "member", "claims"])?;
    let id = top.map.get("id").cloned().unwrap_or(Value::Null);
    let year = top.uint("year", 1900, 2200)? as i32;

    let context = match top.get("context") {
        None => Context::default(),
        Some(c) => {
            let c = Obj::new(c, "context", &["avg_wage", "employer_avg_monthly_wage"])?;
            Context {
                avg_wage: c.opt_money("avg_wage")?,
                employer_avg_monthly_wage: c.opt_money("employer_avg_monthly_wage")?,
            }
        }
    };

    let m = Obj::new(
        top.req("member")?,
        "member",
        &[
            "category",
            "account",
            "sex",
            "age",
            "employer",
            "special_disease_class",
            "special_disease_count",
            "chronic",
            "months_contributed",
            "resident_tier",
        ],
    )?;
    let mut chronic = Vec::new();
    for (i, d) in m.array("chronic")?.iter().enumerate() {
        chronic.push(super::fields::uint(d, &format!("member.chronic[{i}]"), 1, 255)? as u8);
    }
    let member = Member {
        category: m.enumv("category", Category::parse, "employee, retiree, flexible, resident")?,
        account: m
            .opt_enum(
                "account",
                |s| match s {
                    "combined" => Some(Account::Combined),
                    "pooling_only" => Some(Account::PoolingOnly),
                    _ => None,
                },
                "combined, pooling_only",
            )?
            .unwrap_or_default(),
        sex: m.enumv(
            "sex",
            |s| match s {
                "M" => Some(Sex::M),
                "F" => Some(Sex::F),
                _ => None,
            },
            "M, F",
        )?,
        age: m.uint("age", 0, 130)? as u32,
        employer: m
            .opt_enum(
                "employer",
                |s| match s {
                    "enterprise" => Some(Employer::Enterprise),
                    "fiscal" => Some(Employer::Fiscal),
                    _ => None,
                },
                "enterprise, fiscal",
            )?
            .unwrap_or_default(),
        special_disease_class: m.opt_uint("special_disease_class", 1, 3)?.map(|v| v as u8),
        special_disease_count: m.opt_uint("special_disease_count", 1, 50)?.unwrap_or(1) as u32,
        chronic,
        months_contributed: m.opt_uint("months_contributed", 0, 1200)?.unwrap_or(120) as u32,
        resident_tier: m.opt_uint("resident_tier", 1, 2)?.map(|v| v as u8),
    };

    let mut claims = Vec::new();
    for (i, c) in top.array("claims")?.iter().enumerate() {
        claims.push(parse_claim(c, &format!("claims[{i}]"))?);
    }
    Ok((id, MemberYear { year, context, member, claims }))
}

fn check_lines(o: &Obj, total: Money, oos: Money, lines: Money) -> Result<(), LineError> {
    if oos > total {
        return Err(LineError::new(o.key("out_of_scope"), format!("{oos} is more than the total {total}")));
    }
    if lines > total - oos {
        return Err(LineError::new(
            o.path.clone(),
            format!(
                "class-B drugs, items, materials and bed fees add to {lines}, more than total − out_of_scope = {}",
                total - oos
            ),
        ));
    }
    Ok(())
}

/// One claim of the contract's `claims` list (spec/adjudication.md), read
/// field by field; `path` names it in errors (`claims[0]`). The projection's
/// claim schedule reads its claims with this too, so a claim means there
/// what it means to `medfund adjudicate`.
pub fn parse_claim(v: &Value, path: &str) -> Result<Claim, LineError> {
    let Value::Object(map) = v else {
        return Err(LineError::new(path, "expected an object"));
    };
    let ty = map.get("type").and_then(Value::as_str).ok_or_else(|| LineError::new(join(path, "type"), "missing"))?;
    let kind = ClaimKind::parse(ty).ok_or_else(|| {
        LineError::new(
            join(path, "type"),
            format!("unknown claim type {ty:?} (expected inpatient, outpatient, special_outpatient, single_payment_drug, childbirth, pregnancy_termination, family_planning)"),
        )
    })?;
    Ok(match kind {
        ClaimKind::Inpatient => {
            let o = Obj::new(
                v,
                path,
                &[
                    "type",
                    "level",
                    "place",
                    "total",
                    "out_of_scope",
                    "class_b_drugs",
                    "partial_items",
                    "materials",
                    "bed",
                    "transfer",
                    "terms",
                ],
            )?;
            let terms = o.opt_enum("terms", Terms::parse, TERMS)?.unwrap_or_default();
            // A high-value drug may be bought at a pharmacy (000 第二十条（二）).
            let level = if terms == Terms::HighValueDrug {
                o.enumv("level", Level::parse, "unrated, 1, 2B, 2A, 3B, 3A, pharmacy")?
            } else {
                o.enumv("level", hospital_level, LEVELS)?
            };
            let prices = |k: &str| -> Result<Vec<Money>, LineError> {
                o.array(k)?.iter().enumerate().map(|(i, p)| money(p, &format!("{}[{i}]", o.key(k)))).collect()
            };
            let bed = match o.get("bed") {
                None => None,
                Some(b) => {
                    let b = Obj::new(b, &o.key("bed"), &["days", "per_day", "kind"])?;
                    Some(Bed {
                        days: b.uint("days", 0, 3660)? as u32,
                        per_day: b.money("per_day")?,
                        isolation: b
                            .opt_enum(
                                "kind",
                                |s| match s {
                                    "general" => Some(false),
                                    "isolation" => Some(true),
                                    _ => None,
                                },
                                "general, isolation",
                            )?
                            .unwrap_or(false),
                    })
                }
            };
            let c = Inpatient {
                level,
                place: o.opt_enum("place", Place::parse, PLACES)?.unwrap_or(Place::Local),
                total: o.money("total")?,
                out_of_scope: o.money_or_zero("out_of_scope")?,
                class_b_drugs: o.money_or_zero("class_b_drugs")?,
                partial_items: prices("partial_items")?,
                materials: prices("materials")?,
                bed,
                transfer: o.opt_enum(
                    "transfer",
                    |s| match s {
                        "up" => Some(Transfer::Up),
                        "down" => Some(Transfer::Down),
                        _ => None,
                    },
                    "up, down",
                )?,
                terms,
            };
            // Each part is at most 10 billion yuan, but a line may hold
            // millions of them: sums are checked, never wrapped.
            let too_big = |k: &str| LineError::new(o.key(k), "the amounts add to more than can be represented");
            let sum = |k: &str, xs: &[Money]| Money::checked_sum(xs).ok_or_else(|| too_big(k));
            let bed_total = match c.bed {
                Some(b) => b.per_day.0.checked_mul(i64::from(b.days)).map(Money).ok_or_else(|| too_big("bed"))?,
                None => Money::ZERO,
            };
            let lines = [sum("partial_items", &c.partial_items)?, sum("materials", &c.materials)?, bed_total]
                .into_iter()
                .try_fold(c.class_b_drugs, Money::checked_add)
                .ok_or_else(|| {
                    LineError::new(o.path.clone(), "the claim's parts add to more than can be represented")
                })?;
            check_lines(&o, c.total, c.out_of_scope, lines)?;
            Claim::Inpatient(c)
        }
        ClaimKind::Outpatient => {
            let o = Obj::new(v, path, &["type", "level", "total", "out_of_scope", "class_b_drugs"])?;
            let c = Outpatient {
                level: o.enumv("level", Level::parse, "unrated, 1, 2B, 2A, 3B, 3A, pharmacy")?,
                total: o.money("total")?,
                out_of_scope: o.money_or_zero("out_of_scope")?,
                class_b_drugs: o.money_or_zero("class_b_drugs")?,
            };
            check_lines(&o, c.total, c.out_of_scope, c.class_b_drugs)?;
            Claim::Outpatient(c)
        }
        ClaimKind::SpecialOutpatient => {
            let o = Obj::new(v, path, &["type", "level", "disease", "total", "out_of_scope", "class_b_drugs"])?;
            let c = SpecialOutpatient {
                level: o.enumv("level", Level::parse, "unrated, 1, 2B, 2A, 3B, 3A, pharmacy")?,
                disease: o.opt_uint("disease", 1, 255)?.map(|d| d as u8),
                total: o.money("total")?,
                out_of_scope: o.money_or_zero("out_of_scope")?,
                class_b_drugs: o.money_or_zero("class_b_drugs")?,
            };
            check_lines(&o, c.total, c.out_of_scope, c.class_b_drugs)?;
            Claim::SpecialOutpatient(c)
        }
        ClaimKind::SinglePaymentDrug => {
            let o = Obj::new(v, path, &["type", "total", "out_of_scope"])?;
            let c = SinglePaymentDrug { total: o.money("total")?, out_of_scope: o.money_or_zero("out_of_scope")? };
            check_lines(&o, c.total, c.out_of_scope, Money::ZERO)?;
            Claim::SinglePaymentDrug(c)
        }
        ClaimKind::Childbirth => {
            let o = Obj::new(
                v,
                path,
                &[
                    "type",
                    "delivery",
                    "babies",
                    "level",
                    "medical_cost",
                    "prenatal_cost",
                    "with_procedure",
                    "spouse_reimbursed_elsewhere",
                ],
            )?;
            Claim::Childbirth(Childbirth {
                delivery: o.enumv(
                    "delivery",
                    |s| match s {
                        "natural" => Some(Delivery::Natural),
                        "difficult" => Some(Delivery::Difficult),
                        "caesarean" => Some(Delivery::Caesarean),
                        _ => None,
                    },
                    "natural, difficult, caesarean",
                )?,
                babies: o.opt_uint("babies", 1, 10)?.unwrap_or(1) as u32,
                level: o.enumv("level", hospital_level, LEVELS)?,
                medical_cost: o.money("medical_cost")?,
                prenatal_cost: o.money_or_zero("prenatal_cost")?,
                with_procedure: o.opt_enum("with_procedure", Procedure::parse, PROCEDURES)?,
                spouse_reimbursed_elsewhere: o.opt_bool("spouse_reimbursed_elsewhere")?.unwrap_or(false),
            })
        }
        ClaimKind::PregnancyTermination => {
            let o = Obj::new(v, path, &["type", "months", "level", "medical_cost", "stillbirth"])?;
            Claim::PregnancyTermination(PregnancyTermination {
                months: o.uint("months", 0, 11)? as u32,
                level: o.enumv("level", hospital_level, LEVELS)?,
                medical_cost: o.money("medical_cost")?,
                stillbirth: o.opt_bool("stillbirth")?.unwrap_or(false),
            })
        }
        ClaimKind::FamilyPlanning => {
            let o = Obj::new(
                v,
                path,
                &["type", "procedure", "inpatient", "cost", "also", "complication", "incomplete_curettage"],
            )?;
            let procedure = o.enumv("procedure", Procedure::parse, PROCEDURES)?;
            let incomplete_curettage = o.opt_bool("incomplete_curettage")?.unwrap_or(false);
            if incomplete_curettage && procedure != Procedure::MedicalAbortion {
                return Err(LineError::new(
                    o.key("incomplete_curettage"),
                    "only a medical_abortion is completed by curettage (000 第二十五条（九）)",
                ));
            }
            Claim::FamilyPlanning(FamilyPlanning {
                procedure,
                inpatient: o.opt_bool("inpatient")?.unwrap_or(false),
                cost: o.money("cost")?,
                also: o.opt_enum("also", Procedure::parse, PROCEDURES)?,
                complication: o.opt_bool("complication")?.unwrap_or(false),
                incomplete_curettage,
            })
        }
    })
}

fn push_payment(out: &mut String, p: &Payment) {
    out.push_str(&format!(
        "\"fund\": {}, \"catastrophic\": {}, \"allowance\": {}, \"member\": {}",
        p.fund, p.catastrophic, p.allowance, p.member
    ));
}

/// Format the output line.
pub fn format_output(id: &Value, outcomes: &[ClaimOutcome], explain: bool) -> String {
    let mut s = String::with_capacity(128 + outcomes.len() * 96);
    s.push_str("{\"id\": ");
    s.push_str(&serde_json::to_string(id).expect("ids serialise"));
    s.push_str(", \"claims\": [");
    for (i, o) in outcomes.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('{');
        push_payment(&mut s, &o.payment);
        if explain {
            s.push_str(", \"steps\": [");
            for (j, st) in o.steps.iter().enumerate() {
                if j > 0 {
                    s.push_str(", ");
                }
                s.push_str("{\"step\": ");
                push_json_str(&mut s, st.step);
                s.push_str(", \"value\": ");
                push_json_str(&mut s, &st.value);
                s.push_str(", \"detail\": ");
                push_json_str(&mut s, &st.detail);
                s.push_str(", \"source\": ");
                push_json_str(&mut s, &st.source);
                s.push('}');
            }
            s.push(']');
        }
        s.push('}');
    }
    s.push_str("], \"totals\": {");
    push_payment(&mut s, &totals(outcomes));
    s.push_str("}}");
    s
}

/// Answer one input line.
pub fn answer_line<X: Section>(sc: &Scenario<X>, line: &str, explain: bool) -> Result<String, LineError> {
    let (id, my) = parse_member_year(line)?;
    let scheme = Scheme::of(my.member.category);
    if scheme == Scheme::Resident && sc.spec.resident.is_none() {
        return Err(LineError::new("member.category", format!("scenario `{}` has no resident scheme", sc.name())));
    }
    let rules = sc.year_rules(scheme, my.year).map_err(|m| LineError::new("year", m))?;
    let outcomes = adjudicate(&rules, &my, explain).map_err(|e| LineError::new(e.field, e.message))?;
    Ok(format_output(&id, &outcomes, explain))
}
