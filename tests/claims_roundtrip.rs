//! Claims out, settlements back (issue 16): `simulate --claims-out` writes
//! every member-year with claims that a small projection drew, as input
//! lines of `medfund adjudicate` (ids `fund/p<path>/d<district>/m<member>`,
//! the contract's `year`, the path-year's average wage in `context`);
//! `medfund adjudicate` settles that file, and each path-year-district's
//! benefit columns in the ledger equal the sums of those settlements to the
//! fen, for every city and for the resident funds. Nothing ties these two
//! but the claims file: the test maps a claim's contract `type` to its
//! ledger column itself.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{medfund, ok, scratch};

/// Yuan as written (a JSON number or CSV field with at most two decimals)
/// to fen, exactly.
fn fen(v: &str) -> i64 {
    let (neg, v) = v.strip_prefix('-').map_or((false, v), |r| (true, r));
    let (w, f) = v.split_once('.').unwrap_or((v, ""));
    assert!(f.len() <= 2, "{v}");
    let x = w.parse::<i64>().unwrap() * 100 + format!("{f:0<2}").parse::<i64>().unwrap();
    if neg { -x } else { x }
}

const COLUMNS: [&str; 8] = [
    "inpatient",
    "outpatient",
    "special_outpatient",
    "single_payment_drugs",
    "maternity_medical",
    "maternity_allowance",
    "family_planning",
    "top_up",
];

/// (fund, path, year, district) → the benefit columns, in fen.
type Sums = BTreeMap<(String, u32, i32, usize), [i64; 8]>;

/// The settlements of the claims file, booked by claim type: the pooled
/// fund's payment to the type's own column, the large-expense top-up to
/// `top_up`, the maternity allowance to `maternity_allowance`.
fn settled(claims: &Path, scenario: &str) -> Sums {
    let input = std::fs::read_to_string(claims).unwrap();
    let answers = ok(&medfund(&["adjudicate", "--scenario", scenario, "--input", claims.to_str().unwrap()]));
    let mut sums = Sums::new();
    let (ins, outs): (Vec<&str>, Vec<&str>) = (input.lines().collect(), answers.lines().collect());
    assert_eq!(ins.len(), outs.len(), "one answer per member-year");
    assert!(!ins.is_empty(), "some claims were drawn");
    for (i, o) in ins.iter().zip(&outs) {
        let q: serde_json::Value = serde_json::from_str(i).unwrap();
        let a: serde_json::Value = serde_json::from_str(o).unwrap();
        let id = q["id"].as_str().unwrap();
        assert_eq!(a["id"].as_str(), Some(id));
        let parts: Vec<&str> = id.split('/').collect();
        let key = (
            parts[0].to_string(),
            parts[1].strip_prefix('p').unwrap().parse().unwrap(),
            q["year"].as_i64().unwrap() as i32,
            parts[2].strip_prefix('d').unwrap().parse().unwrap(),
        );
        let row = sums.entry(key).or_insert([0; 8]);
        for (c, p) in q["claims"].as_array().unwrap().iter().zip(a["claims"].as_array().unwrap()) {
            let pay = |k: &str| fen(&p[k].to_string());
            let (fund, top_up, allowance) = (pay("fund"), pay("catastrophic"), pay("allowance"));
            let column = match c["type"].as_str().unwrap() {
                "inpatient" => 0,
                "outpatient" => 1,
                "special_outpatient" => 2,
                "single_payment_drug" => 3,
                "childbirth" | "pregnancy_termination" => 4,
                "family_planning" => 6,
                t => panic!("claim type {t}"),
            };
            row[column] += fund;
            row[5] += allowance;
            row[7] += top_up;
            if column != 4 {
                assert_eq!(allowance, 0, "{id}: an allowance on a {} claim", c["type"]);
            }
        }
    }
    sums
}

/// The ledger's benefit columns by (fund, path, year, district index: the
/// row's place among its path-year's rows).
fn ledger(file: &Path, fund: &str, sums: &mut Sums) {
    let s = std::fs::read_to_string(file).unwrap();
    let mut lines = s.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap_or_else(|| panic!("{n} in {}", file.display()));
    let (p, y) = (col("path"), col("year"));
    let mut place: BTreeMap<(u32, i32), usize> = BTreeMap::new();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        let (path, year) = (f[p].parse().unwrap(), f[y].parse().unwrap());
        let d = place.entry((path, year)).or_insert(0);
        let mut row = [0; 8];
        for (k, c) in COLUMNS.iter().enumerate() {
            row[k] = fen(f[col(&format!("{c}_yuan"))]);
        }
        sums.insert((fund.to_string(), path, year, *d), row);
        *d += 1;
    }
}

fn round_trip(scenario: &str, residents: bool) {
    let d = scratch("claims_roundtrip", scenario);
    let (run, claims) = (d.join("run"), d.join("claims.jsonl"));
    let mut args = vec![
        "simulate",
        "--scenario",
        scenario,
        "--years",
        "2",
        "--paths",
        "2",
        "--seed",
        "8",
        "--quiet",
        "--set",
        "projection.population.members=400",
    ];
    if residents {
        args.extend(["--set", "projection.residents.members=400"]);
    }
    let (r, c) = (run.to_str().unwrap().to_string(), claims.to_str().unwrap().to_string());
    args.extend(["--out", &r, "--claims-out", &c]);
    ok(&medfund(&args));
    let from_claims = settled(&claims, scenario);
    let mut from_ledger = Sums::new();
    ledger(&run.join("ledger.csv"), "employee", &mut from_ledger);
    if residents {
        ledger(&run.join("resident/ledger.csv"), "resident", &mut from_ledger);
    } else {
        assert!(!run.join("resident").exists());
    }
    // Every row with benefits has its claims, and every claim its row.
    for (k, want) in &from_ledger {
        let got = from_claims.get(k).copied().unwrap_or([0; 8]);
        assert_eq!(&got, want, "{scenario} {k:?}: settlements {got:?} vs ledger {want:?} ({COLUMNS:?})");
    }
    for k in from_claims.keys() {
        assert!(from_ledger.contains_key(k), "{scenario} {k:?}: claims without a ledger row");
    }
    assert!(from_claims.keys().any(|k| k.0 == "employee"));
    if residents {
        assert!(from_claims.keys().any(|k| k.0 == "resident"), "{scenario}: resident claims");
    }
    // The ledger itself is the same with and without --claims-out.
    let plain = d.join("plain");
    let p = plain.to_str().unwrap().to_string();
    let n = args.len() - 4;
    ok(&medfund(&[&args[..n], &["--out", &p]].concat()));
    assert!(std::fs::read(run.join("ledger.csv")).unwrap() == std::fs::read(plain.join("ledger.csv")).unwrap());
}

#[test]
fn ziyang_ledger_benefits_are_the_settlements_of_its_claims() {
    round_trip("ziyang", false);
}

#[test]
fn luzhou_employee_and_resident_benefits_are_the_settlements_of_their_claims() {
    round_trip("luzhou", true);
}

#[test]
fn dingxi_ledger_benefits_are_the_settlements_of_its_claims() {
    round_trip("dingxi", false);
}

#[test]
fn chongqing_district_benefits_are_the_settlements_of_their_claims() {
    round_trip("chongqing", true);
}

/// Age bands of compare's tables (`compare_groups.csv`), written out here.
fn age_band(age: i64) -> &'static str {
    match age {
        ..=29 => "16-29",
        30..=39 => "30-39",
        40..=49 => "40-49",
        50..=59 => "50-59",
        60..=69 => "60-69",
        70..=79 => "70-79",
        _ => "80+",
    }
}

/// `medfund compare` checked against independent settlement: `--claims-out`
/// writes the member-years each city settled; `medfund adjudicate` with
/// that city's own scenario settles them again; per city, category and age
/// band (and their totals), benefits per member × member-years in
/// `compare_groups.csv` is the sum of the settlements' fund, top-up and
/// allowance, to the fen.
#[test]
fn compare_benefits_are_each_citys_settlements_of_the_same_claims() {
    let d = scratch("claims_roundtrip", "compare");
    let (out, claims) = (d.join("compare"), d.join("claims"));
    let cities = ["ziyang", "luzhou", "dingxi", "chongqing"];
    ok(&medfund(&[
        "compare",
        "--scenarios",
        &cities.join(","),
        "--paths",
        "2",
        "--seed",
        "5",
        "--quiet",
        "--set",
        "projection.population.members=600",
        "--out",
        out.to_str().unwrap(),
        "--claims-out",
        claims.to_str().unwrap(),
    ]));
    let groups = std::fs::read_to_string(out.join("compare_groups.csv")).unwrap();
    let mut lines = groups.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap_or_else(|| panic!("no {n}"));
    let mut checked = 0;
    for city in cities {
        let file = claims.join(format!("{city}.jsonl"));
        let input = std::fs::read_to_string(&file).unwrap();
        let answers = ok(&medfund(&["adjudicate", "--scenario", city, "--input", file.to_str().unwrap()]));
        // (category, band) → benefits in fen, with "all" for the totals.
        let mut sums: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut n = 0;
        for (i, o) in input.lines().zip(answers.lines()) {
            let q: serde_json::Value = serde_json::from_str(i).unwrap();
            let a: serde_json::Value = serde_json::from_str(o).unwrap();
            assert_eq!(a["id"], q["id"]);
            let cat = q["id"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
            let band = age_band(q["member"]["age"].as_i64().unwrap()).to_string();
            let mut paid = 0;
            for p in a["claims"].as_array().unwrap() {
                paid += ["fund", "catastrophic", "allowance"].iter().map(|k| fen(&p[k].to_string())).sum::<i64>();
            }
            for k in
                [(cat.clone(), band.clone()), (cat, "all".into()), ("all".into(), band), ("all".into(), "all".into())]
            {
                *sums.entry(k).or_default() += paid;
            }
            n += 1;
        }
        assert_eq!(n, answers.lines().count(), "{city}: one answer per member-year");
        assert!(n > 100, "{city}: {n} member-years with claims");
        for l in lines.clone().filter(|l| l.starts_with(&format!("{city},"))) {
            let f: Vec<&str> = l.split(',').collect();
            let members: f64 = f[col("members")].parse().unwrap();
            let per: f64 = f[col("fund_per_member_yuan")].parse().unwrap_or(0.0);
            let key = (f[col("category")].to_string(), f[col("age_band")].to_string());
            let want = sums.get(&key).copied().unwrap_or(0);
            assert_eq!((per * members * 100.0).round() as i64, want, "{city} {key:?}");
            checked += 1;
        }
    }
    assert!(checked >= 4 * 4 * 8, "{checked} groups checked");
}
