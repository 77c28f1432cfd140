//! `--set key=value`: change a scenario's parameters for one run without
//! editing its file. The key is the parameter's dotted path; a parameter's
//! own `value` table is entered implicitly, so
//! `projection.economy.medical_inflation.mean=0.07` sets
//! `[projection.economy] value.medical_inflation.mean`. A dated parameter
//! has the value set in every dated entry. The value is TOML (`0.07`,
//! `"always"`, `{ mean = 0.05, sd = 0.02 }`). The edited file is validated
//! like any other, and errors name the override.

use toml_edit::{DocumentMut, Item, Value};

use super::{Scenario, ScenarioError};

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
        None => Err(format!("`{first}` does not exist")),
    }
}

impl Scenario {
    /// This scenario with `key=value` overrides applied, validated again.
    pub fn with_overrides(&self, sets: &[String]) -> Result<Scenario, ScenarioError> {
        if sets.is_empty() {
            return Scenario::from_str(&self.file, &self.src);
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
            let path: Vec<&str> = k.trim().split('.').collect();
            set_in(doc.as_item_mut(), &path, &value).map_err(|e| fail(set, format!("key {e}")))?;
        }
        let mut sc = Scenario::from_str(&format!("{} (with --set)", self.file), &doc.to_string())?;
        sc.overrides = sets.to_vec();
        Ok(sc)
    }
}
