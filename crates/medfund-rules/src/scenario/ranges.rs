//! The valid range of every number in a scenario file, as data: a table of
//! key patterns, each with its bounds and what they mean. A value outside
//! its range (a negative deductible, a ratio of 1.5, `nan`, a fund starting
//! in the year 1000) is refused on load, naming the file, the line, the key,
//! the value and the range; so is a number whose key no rule covers, since
//! every parameter must carry a range.
//!
//! Patterns are dotted keys of the file without the parameter's own
//! `value` / `values[i].value` level and without array positions:
//! `employee.deductible.in_service.local.3A` is the 3A deductible however it
//! is dated. `*` stands for one part (`*_mean` for any part ending in
//! `_mean`), `**` for any number of parts; the
//! first rule that matches decides. The rules here cover the benefit rules;
//! the layer that reads `[projection]` gives its own
//! ([`Section::ranges`](super::Section::ranges)).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Inclusive bounds and what they mean, for the message.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Bounds {
    pub lo: f64,
    pub hi: f64,
    pub what: &'static str,
}

/// One rule of the table: a key pattern and its bounds.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct RangeRule {
    pub pattern: &'static str,
    pub bounds: Bounds,
}

const fn rule(pattern: &'static str, bounds: Bounds) -> RangeRule {
    RangeRule { pattern, bounds }
}

/// A share, ratio or probability.
pub const SHARE: Bounds = Bounds { lo: 0.0, hi: 1.0, what: "a share" };
/// An amount of yuan (the contract's bound on any amount: 10 billion).
pub const MONEY: Bounds = Bounds { lo: 0.0, hi: 1e10, what: "yuan" };
/// An adjustment of a ratio, in points.
pub const ADJUSTMENT: Bounds = Bounds { lo: -1.0, hi: 1.0, what: "an adjustment of a ratio" };
/// A multiple of an amount or of the average wage.
pub const MULTIPLE: Bounds = Bounds { lo: 0.0, hi: 100.0, what: "a multiple" };
/// An age in years.
pub const AGE: Bounds = Bounds { lo: 0.0, hi: 120.0, what: "an age" };
/// A number of months.
pub const MONTHS: Bounds = Bounds { lo: 0.0, hi: 1200.0, what: "months" };
/// A number of days.
pub const DAYS: Bounds = Bounds { lo: 0.0, hi: 3660.0, what: "days" };
/// A number of years.
pub const YEARS: Bounds = Bounds { lo: 0.0, hi: 100.0, what: "years" };
/// A count of things (diseases, table rows).
pub const COUNT: Bounds = Bounds { lo: 0.0, hi: 10_000.0, what: "a count" };

/// The benefit rules' numbers (`[context]`, `[employee]`, `[resident]`,
/// `[district_settlement]`).
pub const RULES: &[RangeRule] = &[
    rule("context.avg_wage", Bounds { lo: 1.0, hi: 1e7, what: "yuan a year" }),
    rule("*.self_pay_first.**.up_to", MONEY),
    rule("*.self_pay_first.material_ceiling", MONEY),
    rule("*.self_pay_first.**", SHARE),
    rule("*.bed_standard.**", MONEY),
    rule("*.places.*.ratio_adjust", ADJUSTMENT),
    rule("*.places.*.deductible_factor", MULTIPLE),
    rule("*.deductible.**.min_age", AGE),
    rule("*.deductible.**", MONEY),
    rule("*.ratio.elderly.min_age", AGE),
    rule("*.ratio.**", SHARE),
    rule("*.annual_cap.avg_wage_multiple", MULTIPLE),
    rule("*.annual_cap.**", MONEY),
    rule("*.outpatient_pooling.ratio.**", SHARE),
    rule("*.outpatient_pooling.retiree_add", SHARE),
    rule("*.outpatient_pooling.**", MONEY),
    rule("*.special_outpatient.**.ratio", SHARE),
    rule("*.special_outpatient.**.extra_disease_share", SHARE),
    rule("*.special_outpatient.**.max_diseases", COUNT),
    rule("*.special_outpatient.**.no", COUNT),
    rule("*.special_outpatient.**", MONEY),
    rule("*.single_payment_drug.ratio", SHARE),
    rule("*.single_payment_drug.**", MONEY),
    rule("*.maternity.min_months", MONTHS),
    rule("*.maternity.spouse.share", SHARE),
    rule("*.maternity.spouse.reimbursed_elsewhere", SHARE),
    rule("*.maternity.**", MONEY),
    rule("*.maternity_termination.**.below_months", MONTHS),
    rule("*.maternity_termination.as_delivery_from", MONTHS),
    rule("*.maternity_termination.**", MONEY),
    rule("*.maternity_allowance.**.below_months", MONTHS),
    rule("*.maternity_allowance.min_months", MONTHS),
    rule("*.maternity_allowance.termination_as_delivery_from", MONTHS),
    rule("*.maternity_allowance.**", DAYS),
    rule("*.newborn.within_months", MONTHS),
    rule("*.family_planning.min_months", MONTHS),
    rule("*.family_planning.ratio", SHARE),
    rule("*.family_planning.**", MONEY),
    rule("*.top_up.**.threshold_avg_wage_multiple", MULTIPLE),
    rule("*.top_up.**.threshold", MONEY),
    rule("*.top_up.**.annual_limit", MONEY),
    rule("*.top_up.**.up_to", MONEY),
    rule("*.top_up.**", SHARE),
    rule("*.top_up_fund.surplus_share", SHARE),
    rule("*.waiting_period.**", MONTHS),
    rule("*.newborn_cover.within_days", DAYS),
    rule("*.contribution.base_cap", MULTIPLE),
    rule("*.contribution.base_floor", MULTIPLE),
    rule("*.contribution.flexible_base", MULTIPLE),
    rule("*.contribution.per_head.**", MONEY),
    rule("*.contribution.**", SHARE),
    rule("*.personal_account.retiree_monthly", MONEY),
    rule("*.average_pension", MONEY),
    rule("*.personal_account.**", SHARE),
    rule("*.lump_sum.factor", MULTIPLE),
    rule("*.minimum_years.resident_year_months", MONTHS),
    rule("*.minimum_years.**", YEARS),
    rule("*.financing.upper_share", SHARE),
    rule("*.financing.**", MONEY),
    rule("*.subsidy_split.**", SHARE),
    rule("*.subsidised_groups.**", SHARE),
    rule("*.adjustment_fund.**", SHARE),
    rule("*.per_head_outflows.*.amount", MONEY),
    rule("district_settlement.**", SHARE),
];

/// `**` any number of parts, `*` one part, else the part itself.
fn matches(pattern: &[&str], key: &[&str]) -> bool {
    match pattern.split_first() {
        None => key.is_empty(),
        Some((&"**", rest)) => (0..=key.len()).any(|i| matches(rest, &key[i..])),
        Some((p, rest)) => key.split_first().is_some_and(|(k, kr)| part_matches(p, k) && matches(rest, kr)),
    }
}

/// One part: itself, or with one `*` standing for any text (`*_mean`).
fn part_matches(p: &str, k: &str) -> bool {
    match p.split_once('*') {
        None => p == k,
        Some((a, b)) => k.len() >= a.len() + b.len() && k.starts_with(a) && k.ends_with(b),
    }
}

/// The bounds the first matching rule gives `key` (normalised parts).
pub fn bounds_of(rules: &[RangeRule], key: &[&str]) -> Option<Bounds> {
    rules.iter().find(|r| matches(&r.pattern.split('.').collect::<Vec<_>>(), key)).map(|r| r.bounds)
}

/// A number outside its range: the key as written, its span, the message.
pub type RangeError = (String, std::ops::Range<usize>, String);

fn number(v: &DeValue) -> Option<(f64, String)> {
    let text = match v {
        DeValue::Integer(i) => {
            let t = i.as_str().replace('_', "");
            let n = i64::from_str_radix(
                t.trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b"),
                i.radix(),
            )
            .ok()?;
            return Some((n as f64, i.as_str().to_string()));
        }
        DeValue::Float(f) => f.as_str().to_string(),
        _ => return None,
    };
    let parsed = match text.trim_start_matches('+') {
        "nan" | "-nan" => f64::NAN,
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        t => t.replace('_', "").parse().ok()?,
    };
    Some((parsed, text))
}

/// A bound as people write it: `0.5`, `2100`, `10,000,000,000`, `−1`.
fn show(x: f64) -> String {
    if x.fract() != 0.0 || x.abs() < 10_000.0 {
        return x.to_string().replace('-', "−");
    }
    let digits = (x.abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("−{out}") } else { out }
}

struct Walk<'r> {
    rules: &'r [RangeRule],
}

impl Walk<'_> {
    /// `shown`: the key as written; `key`: its normalised parts.
    fn value(&self, v: &Spanned<DeValue>, shown: &str, key: &mut Vec<String>) -> Result<(), RangeError> {
        match v.get_ref() {
            DeValue::Table(t) => self.table(t, shown, key),
            DeValue::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.value(x, &format!("{shown}[{i}]"), key)?;
                }
                Ok(())
            }
            other => {
                let Some((x, text)) = number(other) else { return Ok(()) };
                let parts: Vec<&str> = key.iter().map(String::as_str).collect();
                let b = bounds_of(self.rules, &parts).ok_or_else(|| {
                    (shown.to_string(), v.span(), format!("{text}: no valid range is declared for this key"))
                })?;
                if !(x >= b.lo && x <= b.hi) {
                    return Err((
                        shown.to_string(),
                        v.span(),
                        format!("{text} is outside {}–{} ({})", show(b.lo), show(b.hi), b.what),
                    ));
                }
                Ok(())
            }
        }
    }

    fn table(&self, t: &DeTable, shown: &str, key: &mut Vec<String>) -> Result<(), RangeError> {
        // A parameter's own level: `value`, `values[i].value` and the
        // provenance beside them are not part of the key.
        let is_param = t.keys().any(|k| matches!(k.get_ref().as_ref(), "value" | "values"));
        for (k, v) in t {
            let k = k.get_ref().as_ref();
            let shown_k = if shown.is_empty() { k.to_string() } else { format!("{shown}.{k}") };
            if is_param {
                match k {
                    "value" => self.value(v, &shown_k, key)?,
                    "values" => {
                        for (i, d) in v.get_ref().as_array().into_iter().flatten().enumerate() {
                            let inner = d
                                .get_ref()
                                .as_table()
                                .and_then(|d| d.iter().find(|(k, _)| k.get_ref().as_ref() == "value").map(|(_, v)| v));
                            if let Some(inner) = inner {
                                self.value(inner, &format!("{shown_k}[{i}].value"), key)?;
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            key.push(k.to_string());
            let r = self.value(v, &shown_k, key);
            key.pop();
            r?;
        }
        Ok(())
    }
}

/// Check every number of the file's sections against `rules`, and of its
/// `[projection]` section against `projection` (not checked when `None`:
/// no layer reads it).
pub fn check(src: &str, rules: &[RangeRule], projection: Option<&[RangeRule]>) -> Result<(), RangeError> {
    let Ok(doc) = DeTable::parse(src) else { return Ok(()) };
    for (k, v) in doc.get_ref() {
        let name = k.get_ref().as_ref();
        let table_rules = match name {
            "scenario" => continue,
            "projection" => match projection {
                Some(p) => p,
                None => continue,
            },
            _ => rules,
        };
        Walk { rules: table_rules }.value(v, name, &mut vec![name.to_string()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_parts() {
        let m = |p: &str, k: &str| matches(&p.split('.').collect::<Vec<_>>(), &k.split('.').collect::<Vec<_>>());
        assert!(m("*.ratio.**", "employee.ratio.in_service.local.3A"));
        assert!(m("*.ratio.**", "employee.ratio.retiree_add"));
        assert!(!m("*.ratio.**", "employee.deductible.floor"));
        assert!(m("context.avg_wage", "context.avg_wage"));
        assert!(!m("context.avg_wage", "context.avg_wage.x"));
        assert!(m("*.top_up.**.up_to", "employee.top_up.inpatient.bands.up_to"));
        assert!(m("projection.claims.*_mean", "projection.claims.natural_cost_mean"));
        assert!(!m("projection.claims.*_mean", "projection.claims.natural_cost_sigma"));
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let b = |k: &str| bounds_of(RULES, &k.split('.').collect::<Vec<_>>());
        assert_eq!(b("employee.ratio.elderly.min_age"), Some(AGE));
        assert_eq!(b("employee.ratio.elderly.add"), Some(SHARE));
        assert_eq!(b("employee.deductible.in_service.local.3A"), Some(MONEY));
        assert_eq!(b("employee.top_up.inpatient.bands.local"), Some(SHARE));
        assert_eq!(b("employee.nothing"), None);
    }
}
