//! `medfund settle` (`spec/settlement.md`): one year of Chongqing's district
//! settlement per JSON line.

use serde_json::Value;

use super::LineError;
use super::fields::{Obj, parse_line, push_json_str};
use crate::money::Money;
use crate::scenario::{Scenario, Section};
use crate::settle::{DistrictClass, DistrictSettlement, DistrictYear, SettlementRules, settle_year};

/// Parse one input line.
pub fn parse_year(line: &str) -> Result<(Value, Vec<DistrictYear>), LineError> {
    let v = parse_line(line)?;
    let top = Obj::new(&v, "", &["id", "districts"])?;
    let id = top.map.get("id").cloned().unwrap_or(Value::Null);
    let mut out = Vec::new();
    if top.get("districts").is_none() {
        return Err(LineError::new("districts", "missing"));
    }
    for (i, d) in top.array("districts")?.iter().enumerate() {
        let o = Obj::new(
            d,
            &format!("districts[{i}]"),
            &[
                "name",
                "class",
                "collection_target",
                "collection_actual",
                "spending_target",
                "spending_actual",
                "surplus_opening",
                "assessment_passed",
            ],
        )?;
        out.push(DistrictYear {
            name: o.str("name")?.to_string(),
            class: o.enumv("class", DistrictClass::parse, "main_urban, regional_center, other")?,
            collection_target: o.money("collection_target")?,
            collection_actual: o.money("collection_actual")?,
            spending_target: o.money("spending_target")?,
            spending_actual: o.money("spending_actual")?,
            surplus_opening: o.money("surplus_opening")?,
            assessment_passed: o
                .opt_bool("assessment_passed")?
                .ok_or_else(|| LineError::new(o.key("assessment_passed"), "missing"))?,
        });
    }
    Ok((id, out))
}

fn field(s: &mut String, k: &str, m: Money, first: bool) {
    if !first {
        s.push_str(", ");
    }
    s.push('"');
    s.push_str(k);
    s.push_str("\": ");
    s.push_str(&m.to_string());
}

fn district_json(s: &mut String, name: &str, d: &DistrictSettlement) {
    s.push_str("{\"name\": ");
    push_json_str(s, name);
    for (k, m) in [
        ("collection_retained", d.collection_retained),
        ("shortfall", d.shortfall),
        ("shortfall_from_surplus", d.shortfall_from_surplus),
        ("shortfall_from_government", d.shortfall_from_government),
        ("savings_retained", d.savings_retained),
        ("overspend", d.overspend),
        ("overspend_city", d.overspend_city),
        ("overspend_district", d.overspend_district),
        ("overspend_from_surplus", d.overspend_from_surplus),
        ("overspend_from_government", d.overspend_from_government),
        ("surplus_closing", d.surplus_closing),
    ] {
        field(s, k, m, false);
    }
    s.push('}');
}

/// Answer one input line.
pub fn answer_line(rules: &SettlementRules, line: &str) -> Result<String, LineError> {
    let (id, ds) = parse_year(line)?;
    let (out, city) = settle_year(rules, &ds);
    let mut s = String::from("{\"id\": ");
    s.push_str(&serde_json::to_string(&id).expect("ids serialise"));
    s.push_str(", \"districts\": [");
    for (i, (d, r)) in ds.iter().zip(&out).enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        district_json(&mut s, &d.name, r);
    }
    s.push_str("], \"city\": {");
    field(&mut s, "overspend_city", city.overspend_city, true);
    field(&mut s, "shortfall_from_government", city.shortfall_from_government, false);
    field(&mut s, "overspend_from_government", city.overspend_from_government, false);
    s.push_str("}}");
    Ok(s)
}

/// The settlement rules of a scenario, or why it has none.
pub fn rules_of<X: Section>(sc: &Scenario<X>) -> Result<SettlementRules, String> {
    let p = sc.spec.district_settlement.as_ref().ok_or_else(|| {
        format!("scenario `{}` has no district settlement (`[district_settlement]`); Chongqing's has", sc.name())
    })?;
    p.get_ref()
        .at(sc.spec.scenario.start)
        .copied()
        .ok_or_else(|| "district_settlement has no value in force".to_string())
}
