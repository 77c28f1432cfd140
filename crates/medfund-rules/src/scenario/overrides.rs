//! `--set key=value`: change a scenario's parameters for one run without
//! editing its file. The key is the parameter's dotted path; a parameter's
//! own `value` table is entered implicitly, so
//! `projection.economy.medical_inflation.mean=0.07` sets
//! `[projection.economy] value.medical_inflation.mean`. A dated parameter
//! has the value set in every dated entry. The value is TOML (`0.07`,
//! `"always"`, `{ mean = 0.05, sd = 0.02 }`). The edited file is validated
//! like any other, and errors name the override.
//!
//! `key@2027-01-01=value` (or `key@2027`, 1 January) is a policy change from
//! a date: the parameter keeps its values before the date and takes the
//! change from it on (a single value becomes a dated schedule; in a dated
//! schedule, the entry in force on the date is copied to start on the date,
//! and it and every later entry get the change).

use toml_edit::{DocumentMut, Item, Value};

use super::{Scenario, ScenarioError, Section};

fn is_param(t: &dyn toml_edit::TableLike) -> bool {
    t.contains_key("value") || t.contains_key("values")
}

fn set_in(item: &mut Item, path: &[&str], v: &Value) -> Result<(), String> {
    let Some((first, rest)) = path.split_first() else {
        *item = Item::Value(v.clone());
        return Ok(());
    };
    let table = item.as_table_like_mut().ok_or_else(|| "is not a table".to_string())?;
    if is_param(table) && !matches!(*first, "value" | "values" | "source" | "assumption" | "note") {
        if let Some(values) = table.get_mut("values") {
            let arr = values.as_array_mut().ok_or("`values` is not an array")?;
            for entry in arr.iter_mut() {
                let t = entry.as_inline_table_mut().ok_or("a dated entry is not an inline table")?;
                let mut inner = Item::Value(t.get("value").cloned().ok_or("a dated entry has no value")?);
                set_in(&mut inner, path, v)?;
                t.insert("value", inner.into_value().map_err(|_| "not a value")?);
            }
            return Ok(());
        }
        let inner = table.get_mut("value").ok_or("no value")?;
        return set_in(inner, path, v);
    }
    match table.get_mut(first) {
        Some(next) => set_in(next, rest, v).map_err(|e| format!("{first}.{e}")),
        None if rest.is_empty() => {
            table.insert(first, Item::Value(v.clone()));
            Ok(())
        }
        None => Err(format!("`{first}` does not exist{}", did_you_mean(first, table))),
    }
}

/// Scenario text with `key=value` overrides applied (no date forms), as
/// `--set` would apply them, not validated; the error is the index of the
/// override that could not be applied and why.
pub fn apply_sets(src: &str, sets: &[String]) -> Result<String, (usize, String)> {
    let mut doc: DocumentMut = src.parse().map_err(|e| (0, format!("{e}")))?;
    for (i, set) in sets.iter().enumerate() {
        let (k, v) = set.split_once('=').ok_or_else(|| (i, "expected key=value".to_string()))?;
        let value: Value = v.trim().parse().map_err(|e| (i, format!("the value is not TOML: {e}")))?;
        let path: Vec<&str> = k.trim().split('.').collect();
        set_in(doc.as_item_mut(), &path, &value).map_err(|e| (i, format!("key {e}")))?;
    }
    Ok(doc.to_string())
}

/// ` (did you mean `k`?)` for a key of `table` close to `word`.
fn did_you_mean(word: &str, table: &dyn toml_edit::TableLike) -> String {
    let keys: Vec<&str> = table.iter().map(|(k, _)| k).collect();
    crate::suggest::did_you_mean(word, keys)
}

/// Apply `path = v` to a parameter from `date` on (see the module docs).
fn set_from(item: &mut Item, path: &[&str], v: &Value, date: &Value, start: &Value) -> Result<(), String> {
    let table = item.as_table_like_mut().ok_or_else(|| "is not a table".to_string())?;
    if !is_param(table) {
        let Some((first, rest)) = path.split_first() else {
            return Err("names no parameter: add `@DATE` to a parameter's key".into());
        };
        return match table.get_mut(first) {
            Some(next) => set_from(next, rest, v, date, start).map_err(|e| format!("{first}.{e}")),
            None => Err(format!("`{first}` does not exist{}", did_you_mean(first, table))),
        };
    }
    let key_of = |x: &Value| x.as_datetime().map(|d| d.to_string()).unwrap_or_default();
    let when = key_of(date);
    let entry = |from: &Value, value: Value| {
        let mut t = toml_edit::InlineTable::new();
        t.insert("from", from.clone());
        t.insert("value", value);
        Value::InlineTable(t)
    };
    let changed = |old: Value| -> Result<Value, String> {
        let mut inner = Item::Value(old);
        set_in(&mut inner, path, v)?;
        inner.into_value().map_err(|_| "not a value".to_string())
    };
    if let Some(single) = table.remove("value") {
        let old = single.into_value().map_err(|_| "`value` is not a value".to_string())?;
        let mut arr = toml_edit::Array::new();
        if key_of(start) < when {
            arr.push(entry(start, old.clone()));
        }
        arr.push(entry(date, changed(old)?));
        table.insert("values", Item::Value(Value::Array(arr)));
        return Ok(());
    }
    let arr = table.get_mut("values").and_then(Item::as_array_mut).ok_or("`values` is not an array")?;
    let mut out = toml_edit::Array::new();
    let mut inserted = false;
    let n = arr.len();
    for (i, e) in arr.iter().enumerate() {
        let t = e.as_inline_table().ok_or("a dated entry is not an inline table")?;
        let from = t.get("from").ok_or("a dated entry has no `from`")?;
        let value = t.get("value").cloned().ok_or("a dated entry has no value")?;
        let next_after = arr.get(i + 1).and_then(|x| x.as_inline_table()).and_then(|x| x.get("from")).map(key_of);
        if key_of(from) >= when {
            out.push(entry(from, changed(value)?));
            inserted = true;
        } else {
            out.push(entry(from, value.clone()));
            // The entry in force on the date: copy it to start on the date.
            let in_force = i + 1 == n || next_after.is_some_and(|nx| nx > when);
            if in_force && !inserted {
                out.push(entry(date, changed(value)?));
                inserted = true;
            }
        }
    }
    table.insert("values", Item::Value(Value::Array(out)));
    Ok(())
}

impl<X: Section> Scenario<X> {
    /// This scenario with `key=value` overrides applied, validated again.
    pub fn with_overrides(&self, sets: &[String]) -> Result<Scenario<X>, ScenarioError> {
        if sets.is_empty() {
            let mut sc = Scenario::from_str(&self.file, &self.src)?;
            sc.origin = self.origin.clone();
            sc.carry_over(self);
            return Ok(sc);
        }
        let fail = |set: &str, message: String| ScenarioError {
            file: self.file.clone(),
            line: None,
            key: set.to_string(),
            message: format!("--set: {message}"),
        };
        let mut doc: DocumentMut = self.src.parse().map_err(|e| fail("", format!("{e}")))?;
        for set in sets {
            let (k, v) = set.split_once('=').ok_or_else(|| fail(set, "expected key=value".into()))?;
            let value: Value = v.trim().parse().map_err(|e| fail(set, format!("the value is not TOML: {e}")))?;
            let (k, date) = match k.split_once('@') {
                Some((k, d)) => (k, Some(d.trim())),
                None => (k, None),
            };
            let path: Vec<&str> = k.trim().split('.').collect();
            match date {
                None => set_in(doc.as_item_mut(), &path, &value).map_err(|e| fail(set, format!("key {e}")))?,
                Some(d) => {
                    let d = if d.len() == 4 { format!("{d}-01-01") } else { d.to_string() };
                    let date: Value = d
                        .parse()
                        .ok()
                        .filter(|x: &Value| x.as_datetime().is_some_and(|t| t.date.is_some() && t.time.is_none()))
                        .ok_or_else(|| fail(set, format!("`@{d}` is not a date such as 2027-01-01")))?;
                    let start: Value = self.spec.scenario.start.to_string().parse().expect("a date");
                    set_from(doc.as_item_mut(), &path, &value, &date, &start)
                        .map_err(|e| fail(set, format!("key {e}")))?;
                }
            }
        }
        let mut sc = Scenario::from_str(&format!("{} (with --set)", self.origin), &doc.to_string())?;
        sc.overrides = sets.to_vec();
        sc.origin = self.origin.clone();
        sc.carry_over(self);
        Ok(sc)
    }

    /// What the `[projection]` section keeps from the scenario this one
    /// was read again from.
    fn carry_over(&mut self, from: &Scenario<X>) {
        if let (Some(p), Some(q)) = (&mut self.spec.projection, &from.spec.projection) {
            p.carry_over(q);
        }
    }
}

/// The number a `--set` key names in the scenario text `src`, as `--set`
/// finds it (a parameter's own `value` table entered implicitly); for a
/// dated parameter, the entry in force on `at` (an ISO date, `2025-01-01`;
/// the first entry when none has begun). `None` when the key names no
/// number.
pub fn number_at(src: &str, key: &str, at: &str) -> Option<f64> {
    let doc: DocumentMut = src.parse().ok()?;
    let mut item: &Item = doc.as_item();
    let path: Vec<&str> = key.trim().split('.').collect();
    let mut rest: &[&str] = &path;
    loop {
        if let Some(t) = item.as_table_like()
            && is_param(t)
            && rest.first().is_none_or(|f| !matches!(*f, "value" | "values" | "source" | "assumption" | "note"))
        {
            item = match t.get("values").and_then(Item::as_array) {
                Some(arr) => {
                    let entries: Vec<&toml_edit::InlineTable> = arr.iter().filter_map(Value::as_inline_table).collect();
                    let from = |e: &toml_edit::InlineTable| e.get("from").map(|f| f.to_string().trim().to_string());
                    let e = entries
                        .iter()
                        .rev()
                        .find(|e| from(e).is_some_and(|f| f.as_str() <= at))
                        .or_else(|| entries.first())?;
                    return value_number(e.get("value")?, rest);
                }
                None => t.get("value")?,
            };
            continue;
        }
        let Some((first, tail)) = rest.split_first() else {
            return item.as_value().and_then(number);
        };
        item = item.as_table_like()?.get(first)?;
        rest = tail;
    }
}

fn number(v: &Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

fn value_number(v: &Value, path: &[&str]) -> Option<f64> {
    match path.split_first() {
        None => number(v),
        Some((first, rest)) => value_number(v.as_inline_table()?.get(first)?, rest),
    }
}

#[cfg(test)]
mod number_at_tests {
    use super::number_at;

    const SRC: &str = r#"
[projection.economy]
value.medical_inflation = { mean = 0.05, sd = 0.02 }
value.utilisation_trend = 0.02

[projection.fund]
value = { opening_balance = 1000 }

[employee.rate]
values = [{ from = 2020-01-01, value = 0.06 }, { from = 2025-01-01, value = 0.07 }]
"#;

    #[test]
    fn reads_what_set_would_change() {
        assert_eq!(number_at(SRC, "projection.economy.medical_inflation.mean", "2025-01-01"), Some(0.05));
        assert_eq!(number_at(SRC, "projection.economy.utilisation_trend", "2025-01-01"), Some(0.02));
        assert_eq!(number_at(SRC, "projection.fund.opening_balance", "2025-01-01"), Some(1000.0));
        assert_eq!(number_at(SRC, "employee.rate", "2026-01-01"), Some(0.07));
        assert_eq!(number_at(SRC, "employee.rate", "2024-06-01"), Some(0.06));
        assert_eq!(number_at(SRC, "employee.rate", "2019-01-01"), Some(0.06));
        assert_eq!(number_at(SRC, "projection.economy.nope", "2025-01-01"), None);
        assert_eq!(number_at(SRC, "projection.economy.medical_inflation", "2025-01-01"), None);
    }
}
