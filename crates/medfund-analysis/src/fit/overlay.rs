//! An overlay file: the fitted values as `[[set]]` tables, written by
//! `calibrate --accounts --out` and read back by `--overlay`.

use super::Fit;

/// The fitted values as an overlay file (`--overlay`): a TOML list of
/// `[[set]]` tables, each with its key, its value and what it was fitted
/// to; `command` is the command that wrote it.
pub fn overlay_text(fit: &Fit, scenario: &str, command: &str) -> String {
    let q = |s: &str| toml_string(s);
    let mut s = String::new();
    s.push_str("# A medfund overlay: scenario parameters fitted to a fund's base-year accounts.\n");
    s.push_str("# Use it with --overlay on simulate, stress, compare and backtest.\n");
    s.push_str(&format!("# Written by: {command}\n"));
    s.push_str(&format!("scenario = {}\nbase_year = {}\n", q(scenario), fit.base_year));
    s.push_str(&format!("converged = {}\n", fit.converged));
    for f in &fit.fitted {
        s.push_str(&format!("\n[[set]]\nkey = {}\nvalue = {}\nnote = {}\n", q(&f.key), f.value, q(&f.note)));
    }
    s
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An overlay file read back: the scenario it was fitted for and its
/// values as `--set` overrides, in the file's order. `file` names it in
/// errors.
pub fn read_overlay(file: &str, text: &str) -> Result<(String, Vec<String>), String> {
    let doc: toml::Table = text.parse().map_err(|e| format!("{file}: not a TOML overlay: {e}"))?;
    for k in doc.keys() {
        if !["scenario", "base_year", "converged", "set"].contains(&k.as_str()) {
            return Err(format!(
                "{file}: key `{k}`: unknown (an overlay has scenario, base_year, converged and [[set]] tables)"
            ));
        }
    }
    let scenario = doc
        .get("scenario")
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("{file}: key `scenario`: missing (the scenario the overlay was fitted for)"))?
        .to_string();
    let mut sets = Vec::new();
    let list = match doc.get("set") {
        None => &Vec::new(),
        Some(toml::Value::Array(a)) => a,
        Some(_) => return Err(format!("{file}: key `set`: expected [[set]] tables")),
    };
    for (i, t) in list.iter().enumerate() {
        let at = |m: &str| format!("{file}: [[set]] number {}: {m}", i + 1);
        let t = t.as_table().ok_or_else(|| at("expected a table with key, value and note"))?;
        if let Some(k) = t.keys().find(|k| !["key", "value", "note"].contains(&k.as_str())) {
            return Err(at(&format!("key `{k}`: unknown (allowed: key, value, note)")));
        }
        let key = t.get("key").and_then(|v| v.as_str()).ok_or_else(|| at("no `key` (a --set key)"))?;
        let value = t.get("value").ok_or_else(|| at(&format!("`{key}` has no `value`")))?;
        sets.push(format!("{key}={value}"));
    }
    Ok((scenario, sets))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::Fitted;

    #[test]
    fn an_overlay_reads_back_as_the_sets_it_was_written_from() {
        let fit = Fit {
            base_year: 2023,
            rows: vec![],
            fitted: vec![
                Fitted {
                    key: "projection.claims.inpatient_cost_mean".into(),
                    value: "11802.50".into(),
                    note: "calibrated to \"a.csv\", figure cost_per_admission".into(),
                },
                Fitted { key: "context.avg_wage@2023".into(), value: "120698.00".into(), note: "x".into() },
            ],
            iterations: 3,
            converged: true,
        };
        let text = overlay_text(&fit, "national", "medfund calibrate --accounts a.csv");
        let (sc, sets) = read_overlay("o.toml", &text).unwrap();
        assert_eq!(sc, "national");
        assert_eq!(sets, vec!["projection.claims.inpatient_cost_mean=11802.5", "context.avg_wage@2023=120698.0"]);
        let e = read_overlay("o.toml", "scenario = \"x\"\n[[set]]\nkey = \"a\"\nvalu = 1\n").unwrap_err();
        assert!(e.contains("o.toml: [[set]] number 1: key `valu`: unknown"), "{e}");
        assert!(
            read_overlay("o.toml", "[[set]]\nkey = \"a\"\nvalue = 1\n").unwrap_err().contains("`scenario`: missing")
        );
    }
}
