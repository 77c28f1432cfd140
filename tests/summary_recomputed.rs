//! `summary.csv` recomputed from `ledger.csv` by plain counting and sorting,
//! not by the engine's functions: a city's row per path and year is its
//! districts summed (fen, exact); months of payment = closing balance ÷
//! (year's outflow ÷ 12) (calibration.md, 累计结余可支付月数); percentiles
//! interpolate linearly between closest ranks; the first depletion is
//! a path's first year with a closing balance below zero.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(p: &Path) -> Csv {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        // The byte-order mark every CSV starts with (for Excel).
        let mut lines = text.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
        let split = |l: &str| l.split(',').map(|s| s.trim_matches('"').to_string()).collect::<Vec<_>>();
        let header = split(lines.next().unwrap());
        let rows = lines.filter(|l| !l.is_empty()).map(split).collect();
        Csv { header, rows }
    }
    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
    }
}

/// Yuan as written (to the fen) → fen.
fn fen(s: &str) -> i64 {
    (s.parse::<f64>().unwrap() * 100.0).round() as i64
}

fn r7(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p / 100.0;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The file's value equals ours to its printed precision (`decimals`).
fn same(what: &str, year: i32, file: &str, ours: f64, decimals: i32) {
    let f: f64 = file.parse().unwrap_or_else(|_| panic!("{what} {year}: {file:?}"));
    let half = 0.5 * 10f64.powi(-decimals);
    assert!((f - ours).abs() <= half * 1.000_001 + 1e-9 * ours.abs(), "{what} {year}: file {f}, recomputed {ours}");
}

fn check_folder(dir: &Path, expect_short: bool) {
    let ledger = Csv::read(&dir.join("ledger.csv"));
    let (cp, cy, cb, co, ci) = (
        ledger.col("path"),
        ledger.col("year"),
        ledger.col("balance_closing_yuan"),
        ledger.col("outflow_total_yuan"),
        ledger.col("income_total_yuan"),
    );
    // City per (path, year): districts summed, in fen.
    let mut city: BTreeMap<(i32, u32), (i64, i64, i64)> = BTreeMap::new();
    for r in &ledger.rows {
        let e = city.entry((r[cy].parse().unwrap(), r[cp].parse().unwrap())).or_default();
        e.0 += fen(&r[cb]);
        e.1 += fen(&r[co]);
        e.2 += fen(&r[ci]);
    }
    let mut first: BTreeMap<u32, i32> = BTreeMap::new();
    for (&(y, p), &(b, _, _)) in &city {
        if b < 0 {
            let f = first.entry(p).or_insert(y);
            *f = (*f).min(y);
        }
    }
    let summary = Csv::read(&dir.join("summary.csv"));
    let mut depleted_any = false;
    let mut below_6_any = false;
    let mut spread = false;
    for s in &summary.rows {
        let year: i32 = s[summary.col("year")].parse().unwrap();
        let pts: Vec<(i64, i64, i64)> = city.iter().filter(|((y, _), _)| *y == year).map(|(_, v)| *v).collect();
        let n = pts.len() as f64;
        assert_eq!(s[summary.col("paths")], pts.len().to_string());
        let mut bal: Vec<f64> = pts.iter().map(|p| p.0 as f64 / 100.0).collect();
        bal.sort_by(f64::total_cmp);
        let months = |p: &(i64, i64, i64)| (p.1 > 0).then(|| p.0 as f64 / (p.1 as f64 / 12.0));
        let mut m: Vec<f64> = pts.iter().map(|p| months(p).unwrap_or(f64::INFINITY)).collect();
        m.sort_by(f64::total_cmp);
        same("balance_mean", year, &s[summary.col("balance_mean_yuan")], bal.iter().sum::<f64>() / n, 2);
        let finite: Vec<f64> = m.iter().copied().filter(|x| x.is_finite()).collect();
        same("months_mean", year, &s[summary.col("months_mean")], finite.iter().sum::<f64>() / finite.len() as f64, 4);
        for p in [5.0, 25.0, 50.0, 75.0, 95.0] {
            same(&format!("balance_p{p}"), year, &s[summary.col(&format!("balance_p{p}_yuan"))], r7(&bal, p), 2);
            same(&format!("months_p{p}"), year, &s[summary.col(&format!("months_p{p}"))], r7(&m, p), 4);
        }
        let count = |f: &dyn Fn(&(i64, i64, i64)) -> bool| pts.iter().filter(|p| f(p)).count() as f64 / n;
        let below0 = count(&|p| p.0 < 0);
        same("p_below_zero", year, &s[summary.col("p_below_zero")], below0, 6);
        same(
            "p_below_3_months",
            year,
            &s[summary.col("p_below_3_months")],
            count(&|p| months(p).is_some_and(|x| x < 3.0)),
            6,
        );
        let below6 = count(&|p| months(p).is_some_and(|x| x < 6.0));
        same("p_below_6_months", year, &s[summary.col("p_below_6_months")], below6, 6);
        let fd = first.values().filter(|&&y| y == year).count() as f64 / n;
        same("p_first_depletion", year, &s[summary.col("p_first_depletion")], fd, 6);
        same(
            "income_mean",
            year,
            &s[summary.col("income_mean_yuan")],
            pts.iter().map(|p| p.2 as f64 / 100.0).sum::<f64>() / n,
            2,
        );
        same(
            "outflow_mean",
            year,
            &s[summary.col("outflow_mean_yuan")],
            pts.iter().map(|p| p.1 as f64 / 100.0).sum::<f64>() / n,
            2,
        );
        depleted_any |= fd > 0.0;
        spread |= bal[0] < bal[bal.len() - 1];
        below_6_any |= below6 > 0.0 && below6 < 1.0;
    }
    // Not vacuous: the paths differ, and (where expected) some paths but
    // not all run short and some deplete.
    assert!(spread, "{}: every path has the same balance", dir.display());
    if expect_short {
        assert!(below_6_any, "{}: no year with some but not all paths under 6 months", dir.display());
        assert!(depleted_any, "{}: no path depleted", dir.display());
    }
}

fn simulate(scenario: &str, out: &Path) {
    common::medfund_ok(&[
        "simulate",
        "--scenario",
        scenario,
        "--set",
        "projection.population.members=3000",
        "--set",
        "projection.economy.medical_inflation={ mean = 0.12, sd = 0.04 }",
        // About 5 months of a 3,000-member city's spending, so that paths
        // run short and some deplete within the 8 years.
        "--set",
        "projection.fund.opening_balance=5000000",
        "--paths",
        "20",
        "--years",
        "8",
        "--seed",
        "11",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
}

#[test]
fn dingxi_summary_is_the_ledger_counted() {
    let out = common::scratch("summary_recomputed", "dingxi");
    simulate("dingxi", &out);
    check_folder(&out, true);
    if out.join("resident/summary.csv").exists() {
        check_folder(&out.join("resident"), false);
    }
}

#[test]
fn chongqing_summary_is_the_38_districts_summed() {
    let out = common::scratch("summary_recomputed", "chongqing");
    simulate("chongqing", &out);
    check_folder(&out, false);
    // The resident fund's summary, from its own ledger.
    assert!(out.join("resident/summary.csv").exists());
    check_folder(&out.join("resident"), false);
}
