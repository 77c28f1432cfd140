//! Authoring and run-to-run differences (issue 13): `scenario new` writes
//! a copy that keeps every comment and source, validates and runs by name,
//! and never overwrites; `scenario diff` shows differing keys with their
//! citations and no equal one; `medfund diff` of a baseline and a reform
//! run agrees with the ledgers sorted by hand and refuses runs that do not
//! share their random numbers.

mod common;

use std::path::Path;
use std::process::Output;

use common::{ok, text};

use common::scratch;

/// medfund run from the folder `dir` (a fund office's own folder).
fn medfund_in(dir: &Path, args: &[&str]) -> Output {
    common::medfund_command(args).current_dir(dir).output().unwrap()
}

const ZIYANG: &str = include_str!("../scenarios/ziyang.toml");

#[test]
fn scenario_new_keeps_comments_and_sources_validates_and_runs_by_name() {
    let dir = scratch("authoring", "new");
    let out = ok(&medfund_in(&dir, &["scenario", "new", "mycity", "--from", "ziyang"]));
    assert!(out.contains("wrote scenarios/mycity.toml"), "{out}");
    assert!(out.contains("medfund simulate --scenario mycity"), "the next command: {out}");
    let copy = std::fs::read_to_string(dir.join("scenarios/mycity.toml")).unwrap();
    // Every comment, source and assumption line of the original, as written.
    for line in ZIYANG.lines().filter(|l| {
        let t = l.trim_start();
        t.starts_with('#') || t.starts_with("source") || t.starts_with("assumption") || t.starts_with("note")
    }) {
        assert!(copy.lines().any(|c| c == line), "lost: {line}");
    }
    // Only the name and the title changed; everything else line for line.
    let changed: Vec<&str> = ZIYANG.lines().filter(|l| !copy.lines().any(|c| c == *l)).collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(copy.contains("\nname = \"mycity\"\n"), "{copy}");
    assert!(ok(&medfund_in(&dir, &["scenario", "validate", "mycity"])).contains("scenarios/mycity.toml: ok"));
    let run = [
        "simulate",
        "--scenario",
        "mycity",
        "--paths",
        "1",
        "--years",
        "1",
        "--quiet",
        "--set",
        "projection.population.members=300",
        "--out",
        "run",
    ];
    ok(&medfund_in(&dir, &run));
    let json = std::fs::read_to_string(dir.join("run/run.json")).unwrap();
    assert!(json.contains("\"scenario\": \"mycity\"") && json.contains("scenarios/mycity.toml"), "{json}");
}

#[test]
fn scenario_new_refuses_to_overwrite_and_bad_names() {
    let dir = scratch("authoring", "overwrite");
    ok(&medfund_in(&dir, &["scenario", "new", "mine", "--from", "luzhou"]));
    let before = std::fs::read(dir.join("scenarios/mine.toml")).unwrap();
    let o = medfund_in(&dir, &["scenario", "new", "mine", "--from", "dingxi"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("scenarios/mine.toml exists") && e.contains("not overwritten"), "{e}");
    assert_eq!(std::fs::read(dir.join("scenarios/mine.toml")).unwrap(), before, "the file is untouched");
    let o = medfund_in(&dir, &["scenario", "new", "my city", "--from", "ziyang"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("is not a scenario name"), "{}", text(&o.stderr));
    let o = medfund_in(&dir, &["scenario", "new", "x", "--from", "ziyan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("did you mean `ziyang`?"), "{}", text(&o.stderr));
}

#[test]
fn scenario_diff_shows_differing_keys_with_their_citations_and_no_equal_key() {
    let dir = scratch("authoring", "sdiff");
    let out = ok(&medfund_in(&dir, &["scenario", "diff", "ziyang", "luzhou"]));
    // Ziyang's 第十八条（一）: 100 at unrated hospitals; Luzhou's 第二十六条（四）1: 500.
    let key = "employee.deductible.in_service.local.unrated";
    let i = out.lines().position(|l| l.starts_with(key)).unwrap_or_else(|| panic!("no {key}:\n{out}"));
    let lines: Vec<&str> = out.lines().collect();
    let cols: Vec<&str> = lines[i].split_whitespace().collect();
    assert_eq!(cols, [key, "100", "500"], "{}", lines[i]);
    // Its citations under the run of keys that share them.
    let c = i + lines[i..].iter().position(|l| l.starts_with("    ")).unwrap();
    assert!(
        lines[c].contains("ziyang") && lines[c].contains("000_f8c7f1d4db53115f.txt 第十八条（一）"),
        "{}",
        lines[c]
    );
    assert!(lines[c + 1].contains("luzhou") && lines[c + 1].contains("001_a1eeaaf010e2aa5c.txt 第二十六条（四）1"));
    assert!(lines[i..c].iter().all(|l| l.starts_with("employee.deductible.in_service.local.")), "{:?}", &lines[i..c]);
    // 2A hospitals: 600 in both, so not shown.
    assert!(!out.contains("employee.deductible.in_service.local.2A "), "an equal key is shown");
    // Keys only one has are listed (Luzhou's resident scheme), a parameter
    // the other lacks as one line.
    assert!(out.lines().any(|l| l.starts_with("resident.ratio.* ") && l.contains("(absent)")), "{out}");
    // CSV: every key in full, and no row with the same value on both sides.
    let csv = ok(&medfund_in(&dir, &["scenario", "diff", "ziyang", "luzhou", "--format", "csv"]));
    assert!(csv.starts_with("key,ziyang,luzhou,ziyang_citation,luzhou_citation\n"));
    assert!(csv.contains(&format!("{key},100,500,000_f8c7f1d4db53115f.txt 第十八条（一）,")), "{csv}");
    assert!(csv.lines().filter(|l| l.starts_with("resident.ratio.")).count() > 1, "{csv}");
    for l in csv.lines().skip(1).filter(|l| !l.contains('"')) {
        let f: Vec<&str> = l.split(',').collect();
        assert_ne!(f[1], f[2], "equal values listed: {l}");
    }
    let o = medfund_in(&dir, &["scenario", "diff", "ziyang", "luzhu"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("did you mean `luzhou`?"), "{}", text(&o.stderr));
}

fn simulate(dir: &Path, out: &str, seed: &str, paths: &str, sets: &[&str]) {
    let mut args = vec![
        "simulate",
        "--scenario",
        "ziyang",
        "--years",
        "3",
        "--paths",
        paths,
        "--seed",
        seed,
        "--quiet",
        "--set",
        "projection.population.members=3000",
        "--out",
        out,
    ];
    for s in sets {
        args.extend(["--set", s]);
    }
    ok(&medfund_in(dir, &args));
}

/// Per year, each path's closing balance in fen from a ledger.csv (districts summed).
fn balances(p: &Path) -> std::collections::BTreeMap<i32, Vec<(u32, i64)>> {
    let s = std::fs::read_to_string(p).unwrap();
    let mut lines = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (cp, cy, cb) = (col("path"), col("year"), col("balance_closing_yuan"));
    let mut m: std::collections::BTreeMap<i32, std::collections::BTreeMap<u32, i64>> = Default::default();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        let fen = (f[cb].parse::<f64>().unwrap() * 100.0).round() as i64;
        *m.entry(f[cy].parse().unwrap()).or_default().entry(f[cp].parse().unwrap()).or_default() += fen;
    }
    m.into_iter().map(|(y, v)| (y, v.into_iter().collect())).collect()
}

fn median(mut v: Vec<i64>) -> f64 {
    v.sort();
    let n = v.len();
    if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0 }
}

#[test]
fn diff_of_a_reform_agrees_with_the_ledgers_sorted_by_hand_and_refuses_unpaired_runs() {
    let dir = scratch("authoring", "diff");
    simulate(&dir, "base", "5", "4", &[]);
    simulate(&dir, "reform", "5", "4", &["employee.contribution.employer.combined.enterprise=0.09"]);
    let out = ok(&medfund_in(&dir, &["diff", "base", "reform", "--out", "d"]));
    assert!(out.contains("万元") && out.contains("bootstrap"), "{out}");
    let (a, b) = (balances(&dir.join("base/ledger.csv")), balances(&dir.join("reform/ledger.csv")));
    let csv = std::fs::read_to_string(dir.join("d/diff.csv")).unwrap();
    let mut lines = csv.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap_or_else(|| panic!("no {n} in diff.csv"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    for r in &rows {
        let y: i32 = r[col("year")].parse().unwrap();
        let ma = median(a[&y].iter().map(|x| x.1).collect()) / 100.0;
        let mb = median(b[&y].iter().map(|x| x.1).collect()) / 100.0;
        let got: f64 = r[col("balance_median_diff_yuan")].parse().unwrap();
        assert!((got - (mb - ma)).abs() < 0.011, "{y}: diff.csv {got}, by hand {}", mb - ma);
        assert!((r[col("balance_median_a_yuan")].parse::<f64>().unwrap() - ma).abs() < 0.011);
        // The mean of the per-path differences, paired by path index.
        let d: Vec<f64> = a[&y].iter().zip(&b[&y]).map(|(x, z)| (z.1 - x.1) as f64 / 100.0).collect();
        let mean = d.iter().sum::<f64>() / d.len() as f64;
        assert!((r[col("balance_mean_diff_yuan")].parse::<f64>().unwrap() - mean).abs() < 0.011);
        let se: f64 = r[col("balance_median_diff_se_yuan")].parse().unwrap();
        assert!(se.is_finite() && se >= 0.0);
    }
    // A higher employer rate leaves more in the fund by the last year.
    assert!(rows[2][col("balance_median_diff_yuan")].parse::<f64>().unwrap() > 0.0);
    for f in ["diff.md", "diff_balance.png", "diff_balance.svg"] {
        assert!(dir.join("d").join(f).is_file(), "{f}");
    }
    // Runs that do not share their random numbers are refused.
    simulate(&dir, "seed6", "6", "4", &[]);
    simulate(&dir, "paths3", "5", "3", &[]);
    let o = medfund_in(&dir, &["diff", "base", "seed6", "--out", "d2"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("seed 5 in base/run.json, 6 in seed6/run.json"), "{e}");
    let o = medfund_in(&dir, &["diff", "base", "paths3", "--out", "d2"]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("paths 4 in base/run.json, 3 in paths3/run.json"), "{e}");
    assert!(!dir.join("d2").exists(), "nothing written on a refusal");
}

#[test]
fn diff_sums_a_citys_districts_per_path_as_the_summary_does() {
    // Chongqing's ledger has a row per district: the city's balance is
    // their sum, whose median is summary.csv's balance_p50.
    let dir = scratch("authoring", "districts");
    let run = [
        "simulate",
        "--scenario",
        "chongqing",
        "--employee-only",
        "--years",
        "1",
        "--paths",
        "2",
        "--quiet",
        "--set",
        "projection.population.members=4000",
        "--out",
        "cq",
    ];
    ok(&medfund_in(&dir, &run));
    ok(&medfund_in(&dir, &["diff", "cq", "cq", "--out", "d", "--quiet"]));
    let last = |p: &str| {
        let s = std::fs::read_to_string(dir.join(p)).unwrap();
        let mut l = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
        let head: Vec<String> = l.next().unwrap().split(',').map(str::to_string).collect();
        let row: Vec<String> = l.next().unwrap().split(',').map(str::to_string).collect();
        move |c: &str| -> f64 { row[head.iter().position(|h| h == c).unwrap()].parse().unwrap() }
    };
    let (summary, diff) = (last("cq/summary.csv"), last("d/diff.csv"));
    assert!((summary("balance_p50_yuan") - diff("balance_median_a_yuan")).abs() < 0.011);
    assert!((summary("months_p50") - diff("months_median_a")).abs() < 1e-3);
    assert_eq!(
        (diff("balance_median_diff_yuan"), diff("balance_median_diff_se_yuan")),
        (0.0, 0.0),
        "a run against itself"
    );
}
