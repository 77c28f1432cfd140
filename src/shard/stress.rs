//! Sharded stress tests: `medfund stress --grid ... --shard I/N` runs shard
//! I's contiguous block of grid cells (I·C/N .. (I+1)·C/N of the C cells, in
//! the grid's order) and writes `stress-shard-IIII-of-NNNN.json`; `medfund
//! merge` finds such files, checks that they are the same stress test and
//! that every shard is there once, and writes the stress folder an
//! unsharded run writes, byte for byte. Each cell is a Monte Carlo run on
//! the same seed, so a cell is the same whichever shard runs it. The
//! solver (`--solve`) is a sequence of cells, each chosen from the last:
//! it runs on one machine and is refused with `--shard`.
//!
//! Metrics are stored as JSON numbers, which read back as the very same
//! f64 (shortest round-trip form); non-finite values as the strings
//! "inf", "-inf", "nan".

use std::path::{Path, PathBuf};

use medfund_analysis::stress::{Axis, Cell, Metrics};
use serde_json::{Value, json};

use super::Shard;
use crate::output::stress::StressRun;

/// The file name of a stress shard.
pub fn file_name(s: &Shard) -> String {
    format!("stress-shard-{:04}-of-{:04}.json", s.index, s.count)
}

fn is_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("stress-shard-").and_then(|r| r.strip_suffix(".json")) else { return false };
    let Some((i, n)) = rest.split_once("-of-") else { return false };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(i) && digits(n)
}

/// The stress shard files in `dirs`, by name within each folder.
pub fn files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for d in dirs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(d)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().is_some_and(is_name))
            .map(|e| e.path())
            .collect();
        found.sort();
        all.extend(found);
    }
    all
}

fn num(v: f64) -> Value {
    if v.is_finite() {
        json!(v)
    } else if v.is_nan() {
        json!("nan")
    } else if v > 0.0 {
        json!("inf")
    } else {
        json!("-inf")
    }
}

fn get_num(v: &Value, what: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{what}: not a number")),
        Value::String(s) if s == "inf" => Ok(f64::INFINITY),
        Value::String(s) if s == "-inf" => Ok(f64::NEG_INFINITY),
        Value::String(s) if s == "nan" => Ok(f64::NAN),
        _ => Err(format!("{what}: not a number")),
    }
}

fn metrics_json(m: &Metrics) -> Value {
    json!({
        "paths": m.paths,
        "p_months6_every_year": num(m.p_months6_every_year),
        "p_months3_every_year": num(m.p_months3_every_year),
        "p_depletion": num(m.p_depletion),
        "median_first_depletion": m.median_first_depletion,
        "median_final_months": num(m.median_final_months),
        "general_average_premium": num(m.general_average_premium),
        "current_rate": num(m.current_rate),
    })
}

fn metrics_of(v: &Value) -> Result<Metrics, String> {
    let f = |k: &str| get_num(v.get(k).unwrap_or(&Value::Null), k);
    Ok(Metrics {
        paths: v.get("paths").and_then(Value::as_u64).and_then(|x| u32::try_from(x).ok()).ok_or("paths")?,
        p_months6_every_year: f("p_months6_every_year")?,
        p_months3_every_year: f("p_months3_every_year")?,
        p_depletion: f("p_depletion")?,
        median_first_depletion: match v.get("median_first_depletion") {
            Some(Value::Null) | None => None,
            Some(x) => Some(x.as_i64().and_then(|y| i32::try_from(y).ok()).ok_or("median_first_depletion")?),
        },
        median_final_months: f("median_final_months")?,
        general_average_premium: f("general_average_premium")?,
        current_rate: f("current_rate")?,
    })
}

/// What identifies a stress test: everything its outputs depend on but
/// the cells.
fn identity_json(i: &StressRun) -> Value {
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "scenario": i.scenario,
        "scenario_hash": i.scenario_hash,
        "seed": i.seed,
        "paths": i.paths,
        "years": i.years,
        "overrides": i.overrides,
        "axes": i.axes.iter().map(|a| json!({"key": a.key, "values": a.values.iter().map(|v| num(*v)).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "command": i.command,
        "assumptions": i.assumptions.map(|a| a.iter().map(|(k, why)| [k, why]).collect::<Vec<_>>()),
        "current": i.current.map(|c| c.iter().map(|v| v.map(num)).collect::<Vec<_>>()),
    })
}

/// Write shard `s`'s cells (`run.cells`, the first of them cell `first` of
/// the grid) into `dir`.
pub fn write(dir: &Path, s: &Shard, run: &StressRun, first: usize) -> anyhow::Result<PathBuf> {
    let (id, cells) = (run, run.cells);
    std::fs::create_dir_all(dir)?;
    let mut v = json!({
        "medfund_stress_shard": 1,
        "identity": identity_json(id),
        "shard": { "index": s.index, "count": s.count },
        "cells": cells.iter().enumerate().map(|(k, c)| json!({
            "index": first + k,
            "values": c.values.iter().map(|v| num(*v)).collect::<Vec<_>>(),
            "metrics": metrics_json(&c.metrics),
        })).collect::<Vec<_>>(),
    });
    // A Chinese shard says so, for `medfund merge` to default to (an
    // English one is written as before).
    if run.lang == crate::output::lang::Lang::Zh {
        v["lang"] = json!(run.lang.code());
    }
    let text = serde_json::to_string_pretty(&v)?;
    crate::output::write_atomic(dir, &file_name(s), |p| std::fs::write(p, text.as_bytes()).map_err(Into::into))
}

/// A merged stress test: what `output::stress::write_stress` needs.
pub struct Merged {
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub paths: u32,
    pub years: Vec<i32>,
    pub overrides: Vec<String>,
    pub axes: Vec<Axis>,
    pub cells: Vec<Cell>,
    pub command: String,
    /// The scenario's assumptions, where the shards carry them.
    pub assumptions: Option<Vec<(String, String)>>,
    /// The scenario's own value of each axis, where the shards carry it.
    pub current: Option<Vec<Option<f64>>>,
    /// The language the first shard was written in, where it says.
    pub lang: Option<crate::output::lang::Lang>,
}

/// Check the stress shards and put their cells together.
pub fn merge(files: &[PathBuf]) -> Result<Merged, String> {
    let mut docs = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: not a stress shard: {e}", p.display()))?;
        docs.push((p, v));
    }
    let (p0, d0) = docs.first().ok_or("no stress shard files")?;
    let id = d0.get("identity").cloned().ok_or_else(|| format!("{}: no identity", p0.display()))?;
    let count = d0
        .pointer("/shard/count")
        .and_then(Value::as_u64)
        .ok_or_else(|| format!("{}: no shard count", p0.display()))?;
    let mut seen: Vec<Option<&PathBuf>> = vec![None; count as usize];
    let mut cells: Vec<(u64, Cell)> = Vec::new();
    for (p, d) in &docs {
        if d.get("identity") != Some(&id) || d.pointer("/shard/count").and_then(Value::as_u64) != Some(count) {
            return Err(format!("{} and {} are shards of different stress tests", p0.display(), p.display()));
        }
        let i = d
            .pointer("/shard/index")
            .and_then(Value::as_u64)
            .filter(|i| *i < count)
            .ok_or_else(|| format!("{}: bad shard index", p.display()))?;
        if let Some(other) = seen[i as usize] {
            return Err(format!("shard {i}/{count} is there twice: {} and {}", other.display(), p.display()));
        }
        seen[i as usize] = Some(p);
        for c in d.get("cells").and_then(Value::as_array).into_iter().flatten() {
            let index = c
                .get("index")
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("{}: a cell has no index", p.display()))?;
            let values = c
                .get("values")
                .and_then(Value::as_array)
                .ok_or_else(|| format!("{}: a cell has no values", p.display()))?
                .iter()
                .map(|v| get_num(v, "values"))
                .collect::<Result<_, _>>()?;
            let metrics = metrics_of(c.get("metrics").unwrap_or(&Value::Null))
                .map_err(|k| format!("{}: cell {index}: {k}", p.display()))?;
            cells.push((index, Cell { values, metrics }));
        }
    }
    let missing: Vec<String> =
        (0..count).filter(|i| seen[*i as usize].is_none()).map(|i| format!("--shard {i}/{count}")).collect();
    if !missing.is_empty() {
        return Err(format!("the stress test is incomplete: missing {}", missing.join(", ")));
    }
    cells.sort_by_key(|c| c.0);
    let axes: Vec<Axis> = id
        .get("axes")
        .and_then(Value::as_array)
        .ok_or("identity: no axes")?
        .iter()
        .map(|a| {
            Ok(Axis {
                key: a.get("key").and_then(Value::as_str).ok_or("axis key")?.to_string(),
                values: a
                    .get("values")
                    .and_then(Value::as_array)
                    .ok_or("axis values")?
                    .iter()
                    .map(|v| get_num(v, "axis"))
                    .collect::<Result<_, String>>()?,
            })
        })
        .collect::<Result<_, String>>()?;
    let expected: usize = axes.iter().map(|a| a.values.len()).product();
    let axes_len = axes.len();
    if cells.len() != expected || cells.iter().enumerate().any(|(k, c)| c.0 != k as u64) {
        return Err(format!("the shards hold {} cells of the grid's {expected}, or some twice", cells.len()));
    }
    if id.get("version").and_then(Value::as_str) != Some(env!("CARGO_PKG_VERSION")) {
        return Err("the shards were written by another medfund version".into());
    }
    let s = |k: &str| id.get(k).and_then(Value::as_str).map(str::to_string).ok_or(format!("identity: no {k}"));
    let lang = d0.get("lang").and_then(Value::as_str).and_then(crate::output::lang::Lang::from_code);
    Ok(Merged {
        lang,
        scenario: s("scenario")?,
        scenario_hash: s("scenario_hash")?,
        seed: id.get("seed").and_then(Value::as_u64).ok_or("identity: seed")?,
        paths: id.get("paths").and_then(Value::as_u64).and_then(|x| u32::try_from(x).ok()).ok_or("identity: paths")?,
        years: id
            .get("years")
            .and_then(Value::as_array)
            .ok_or("identity: years")?
            .iter()
            .map(|y| y.as_i64().and_then(|y| i32::try_from(y).ok()).ok_or("identity: years".to_string()))
            .collect::<Result<_, _>>()?,
        overrides: id
            .get("overrides")
            .and_then(Value::as_array)
            .ok_or("identity: overrides")?
            .iter()
            .map(|o| o.as_str().map(str::to_string).ok_or("identity: overrides".to_string()))
            .collect::<Result<_, _>>()?,
        axes,
        cells: cells.into_iter().map(|c| c.1).collect(),
        command: s("command")?,
        assumptions: id.get("assumptions").and_then(Value::as_array).map(|a| {
            a.iter().filter_map(|p| Some((p.get(0)?.as_str()?.to_string(), p.get(1)?.as_str()?.to_string()))).collect()
        }),
        current: id
            .get("current")
            .and_then(Value::as_array)
            .filter(|c| c.len() == axes_len)
            .map(|c| c.iter().map(|v| get_num(v, "current").ok()).collect()),
    })
}
