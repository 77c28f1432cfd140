//! `[[projection.sensitivity]]`: the documented range of each projection
//! assumption, checked on load. Each entry's `key` must be a `--set` key
//! of a number of `[projection]` (a misspelt part is refused with the
//! closest key there is), given once; `low` must not be above `high`, and
//! both must lie within the parameter's own range ([`PROJECTION_RANGES`]).

use std::ops::Range;

use medfund_rules::scenario::ScenarioFile;
use medfund_rules::scenario::overrides::apply_sets;
use medfund_rules::scenario::ranges::bounds_of;
use medfund_rules::suggest::did_you_mean;

use crate::inputs::params::{ProjectionSpec, SensitivityRange};
use crate::scenario::PROJECTION_RANGES;

/// A value as a `--set` value: a whole number without a decimal point (so
/// that it also sets a count), else exact to 1e-9.
pub fn set_value(v: f64) -> String {
    let r = (v * 1e9).round() / 1e9;
    if r == r.trunc() && r.abs() < 1e15 { format!("{}", r as i64) } else { format!("{r}") }
}

/// A number as people write it in a message (`−0.2`).
fn show(x: f64) -> String {
    x.to_string().replace('-', "\u{2212}")
}

/// The names in a serde message's "expected one of `a`, `b`".
fn expected_names(message: &str) -> Vec<&str> {
    let Some((_, tail)) = message.split_once("expected") else { return Vec::new() };
    tail.split('`').skip(1).step_by(2).collect()
}

/// Why `key = v` cannot be set in the scenario text `src`, if it cannot:
/// a missing part (with the closest key), or a key that is not a number
/// of `[projection]`.
fn unknown_key(src: &str, key: &str, v: f64) -> Option<String> {
    let text = match apply_sets(src, &[format!("{key}={}", set_value(v))]) {
        Ok(t) => t,
        Err((_, m)) => return Some(format!("`{key}` is not a --set key of this scenario: {m}")),
    };
    match toml::from_str::<ScenarioFile<ProjectionSpec>>(&text).map(|_| ()) {
        Ok(()) => None,
        Err(e) => {
            let m = e.message().to_string();
            let last = key.rsplit('.').next().unwrap_or(key);
            let hint =
                if m.starts_with("unknown field") { did_you_mean(last, expected_names(&m)) } else { String::new() };
            let what = if m.starts_with("unknown field") {
                format!("`{last}` is not a parameter there{hint}")
            } else {
                format!("it does not name a number ({})", m.trim())
            };
            Some(format!("`{key}` is not a --set key of this scenario: {what}"))
        }
    }
}

/// Check the sensitivity ranges of a scenario whose text is `src`.
pub fn check(ranges: &[SensitivityRange], src: &str) -> Result<(), (String, Range<usize>, String)> {
    if ranges.is_empty() {
        return Ok(());
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, r) in ranges.iter().enumerate() {
        let at = format!("projection.sensitivity[{i}]");
        let key = r.key.get_ref().trim();
        let bad = |field: &str, m: String| Err((format!("{at}.{field}"), r.key.span(), m));
        if !key.starts_with("projection.") {
            return bad("key", format!("`{key}`: a sensitivity range moves a projection assumption (projection.…)"));
        }
        if seen.contains(&key) {
            return bad("key", format!("`{key}` is given a range twice"));
        }
        seen.push(key);
        let parts: Vec<&str> = key.split('.').collect();
        let Some(b) = bounds_of(PROJECTION_RANGES, &parts) else {
            return bad("key", format!("`{key}` is not a --set key of a number of [projection]"));
        };
        for (field, x) in [("low", r.low), ("high", r.high)] {
            if !(x >= b.lo && x <= b.hi) {
                return bad(
                    field,
                    format!("{field} = {} for `{key}` is outside {}–{} ({})", show(x), show(b.lo), show(b.hi), b.what),
                );
            }
        }
        if r.low > r.high {
            return bad("low", format!("low = {} is above high = {} for `{key}`", show(r.low), show(r.high)));
        }
        if r.reason.trim().is_empty() {
            return bad("reason", format!("`{key}`: say why the range is what it is (`reason`)"));
        }
    }
    // Every key set at once (one extra read of the file); only when that
    // fails, one by one to name the key.
    let all: Vec<String> = ranges.iter().map(|r| format!("{}={}", r.key.get_ref().trim(), set_value(r.low))).collect();
    let together = apply_sets(src, &all).ok().and_then(|t| toml::from_str::<ScenarioFile<ProjectionSpec>>(&t).ok());
    if together.is_some() {
        return Ok(());
    }
    for (i, r) in ranges.iter().enumerate() {
        if let Some(m) = unknown_key(src, r.key.get_ref().trim(), r.low) {
            return Err((format!("projection.sensitivity[{i}].key"), r.key.span(), m));
        }
    }
    Ok(())
}
