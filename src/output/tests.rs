//! write_run on a small synthetic run, read back with polars.
//!
//! Set `MEDFUND_TEST_OUTPUT_DIR` to keep the files of `writes_a_run` in that
//! directory (to look at the charts) instead of a temporary one.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use medfund_rules::money::Money;
use medfund_sim::ledger::{LedgerRow, LedgerYear};
use medfund_sim::montecarlo::{RunInfo, RunResult, city_rows, summarise};
use polars::prelude::*;

use super::*;

const PATHS: u32 = 20;
const YEARS: [i32; 5] = [2025, 2026, 2027, 2028, 2029];
/// Paths whose spending runs away, so the balance goes below zero.
const BAD_PATHS: [u32; 3] = [3, 7, 12];

/// A deterministic pseudo-random number in [0, 1) from a few integers.
fn noise(a: u64, b: u64, c: u64) -> f64 {
    let mut x =
        a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ c.wrapping_add(0x1656_67B1);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// Yuan to Money, with fen.
fn y(v: f64) -> Money {
    Money((v * 100.0).round() as i64)
}

/// 20 paths × 5 years × 2 districts of a plausible small city fund: income
/// growing 4% a year, spending 7% with noise; three paths' spending grows
/// much faster and their balance goes below zero. District 1 of path 0 in
/// the first year spends nothing (months of payment undefined).
/// The verdict of city rows (as a run computes it from their points).
fn verdict_of(city: &[LedgerRow], discount: f64) -> medfund_sim::montecarlo::verdict::Verdict {
    let points: Vec<_> = city.iter().map(medfund_sim::montecarlo::CityPoint::of).collect();
    medfund_sim::montecarlo::verdict::Verdict::of(&points, discount)
}

fn synthetic_run() -> RunResult {
    synthetic(PATHS, &YEARS)
}

/// `synthetic_run` with any number of paths and years.
fn synthetic(paths: u32, years: &[i32]) -> RunResult {
    let mut rows = Vec::new();
    for path in 0..paths {
        let mut opening = [y(260_000_000.0), y(90_000_000.0)];
        for (t, &year) in years.iter().enumerate() {
            for d in 0..2u16 {
                let size = if d == 0 { 1.0 } else { 0.45 };
                let g_in = 1.04f64.powi(t as i32);
                let bad = BAD_PATHS.contains(&path);
                let trend: f64 = if bad { 1.22 } else { 1.07 };
                let shock = 0.92 + 0.16 * noise(u64::from(path), t as u64, u64::from(d));
                let g_out = trend.powi(t as i32) * shock * size;
                let spend = !(path == 0 && t == 0 && d == 1);
                let o = |base: f64| if spend { y(base * g_out) } else { Money::ZERO };
                let mut l = LedgerYear {
                    employees: (52_000.0 * size * (1.0 + 0.01 * t as f64)) as u32,
                    flexible: (9_000.0 * size) as u32,
                    retirees: (17_000.0 * size * (1.0 + 0.03 * t as f64)) as u32,
                    entrants: (3_100.0 * size) as u32,
                    exits: (2_400.0 * size) as u32,
                    deaths: (240.0 * size) as u32,
                    retirements: (900.0 * size) as u32,
                    claims: (1_250_000.0 * size) as u64,
                    admissions: (21_000.0 * size) as u64,
                    employer: y(262_345_678.91 * size * g_in),
                    employee: y(78_000_000.37 * size * g_in),
                    flexible_contributions: y(21_500_000.0 * size * g_in),
                    to_personal_accounts: y(86_000_000.0 * size * g_in),
                    lump_sums: y(4_800_000.0 * size),
                    per_head_fees: Money::ZERO,
                    interest: y(opening[usize::from(d)].as_yuan_f64().max(0.0) * 0.015),
                    fiscal_subsidy: Money::ZERO,
                    inpatient: o(150_000_000.0),
                    outpatient: o(38_000_000.0),
                    special_outpatient: o(29_000_000.0),
                    single_payment_drugs: o(9_500_000.0),
                    maternity_medical: o(7_800_000.0),
                    maternity_allowance: o(11_200_000.0),
                    family_planning: Money::ZERO,
                    retiree_accounts: o(24_000_000.0),
                    top_up: o(14_000_000.0),
                    balance_opening: opening[usize::from(d)],
                    balance_closing: Money::ZERO,
                    ..LedgerYear::default()
                };
                l.balance_closing = l.balance_opening + l.income() - l.outflow();
                l.check().unwrap();
                opening[usize::from(d)] = l.balance_closing;
                rows.push(LedgerRow { path, year, district: d, ledger: l });
            }
        }
    }
    let city = city_rows(&rows);
    let summary = summarise(&city, years);
    let year_totals = medfund_sim::montecarlo::year_totals(&city, years);
    let verdict = verdict_of(&city, 0.015);
    RunResult {
        info: RunInfo {
            scenario: "ziyang".into(),
            scenario_file: "scenarios/ziyang.toml".into(),
            scenario_hash: "9f3a61c0d2b4e857".into(),
            fund: medfund_sim::ledger::Fund::Employee,
            seed: 20_240_601,
            paths,
            years: years.to_vec(),
            districts: vec!["雁江".into(), "安岳".into()],
            district_labels: vec!["Yanjiang".into(), "Anyue".into()],
            district_classes: vec![medfund_rules::settle::DistrictClass::Other; 2],
            overrides: vec!["medical_trend=0.07".into(), "note=two words".into()],
            employee_only: false,
            version: "0.1.0".into(),
            assumptions: vec![
                ("population.entry_rate".into(), "not in the texts; from the 2020 statistical yearbook".into()),
                ("claims.inpatient_trend".into(), "assumed 7% a year, the provincial average 2015-2019".into()),
            ],
            discount: 0.015,
            optional_columns: Vec::new(),
        },
        rows,
        city,
        summary,
        year_totals,
        resident: None,
        verdict,
    }
}

/// A fresh directory under the system temp directory, removed on drop.
struct TempDir(PathBuf, bool);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let p = std::env::temp_dir().join(format!("medfund-output-{tag}-{}-{nanos}", std::process::id()));
        TempDir(p, false)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !self.1 {
            let _ = fs::remove_dir_all(&self.0);
        }
    }
}

fn read_csv(p: &Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(p.into()))
        .unwrap()
        .finish()
        .unwrap()
}

fn expected_ledger_columns() -> Vec<String> {
    let mut c: Vec<String> = ["path", "year", "district"].map(String::from).to_vec();
    c.extend(LedgerYear::COUNTS.iter().map(|(n, _)| n.to_string()));
    // Money named with its unit; a city of districts has every column.
    c.extend(LedgerYear::INCOME.iter().map(|(n, _)| format!("{n}_yuan")));
    c.push("income_total_yuan".into());
    c.extend(LedgerYear::OUTFLOW.iter().map(|(n, _)| format!("{n}_yuan")));
    c.push("outflow_total_yuan".into());
    c.extend(["balance_opening_yuan", "balance_closing_yuan", "months_of_payment"].map(String::from));
    // The memo columns, without the top-up fund's account: optional, and
    // this run's rules keep none (`RunInfo::optional_columns` is empty).
    c.extend(
        LedgerYear::EMPLOYEE_MEMO
            .iter()
            .filter(|(n, _)| !LedgerYear::TOP_UP_FUND.iter().any(|(t, _)| t == n))
            .map(|(n, _)| format!("{n}_yuan")),
    );
    c
}

fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names().iter().map(|n| n.to_string()).collect()
}

#[test]
fn writes_a_run() {
    let run = synthetic_run();
    assert!(run.summary.last().unwrap().p_below_zero > 0.0, "the synthetic run must deplete some paths");
    let mut tmp = TempDir::new("run");
    if let Some(keep) = std::env::var_os("MEDFUND_TEST_OUTPUT_DIR") {
        tmp = TempDir(PathBuf::from(keep), true);
    }
    let dir = tmp.0.join("out"); // not yet existing: write_run creates it
    let files = write_run(&dir, &run).unwrap();

    let charts = "months_fan.png months_fan.svg balance_fan.png balance_fan.svg flows.png flows.svg";
    let expect: Vec<PathBuf> = [LEDGER_PARQUET, LEDGER_CSV, SUMMARY_CSV, DEPLETION_CSV]
        .into_iter()
        .chain(charts.split(' '))
        .chain([WORKBOOK, REPORT_MD, RUN_JSON])
        .map(|f| dir.join(f))
        .collect();
    assert_eq!(files, expect);
    let mut present: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    present.sort();
    assert_eq!(present.len(), expect.len(), "no temporary files left behind: {present:?}");

    // ledger.parquet
    let pq = ParquetReader::new(File::open(dir.join(LEDGER_PARQUET)).unwrap()).finish().unwrap();
    assert_eq!(pq.height(), run.rows.len());
    assert_eq!(pq.height(), 20 * 5 * 2);
    assert_eq!(names(&pq), expected_ledger_columns());
    assert!(names(&pq).iter().all(|n| n.is_ascii() && !n.contains(' ')));
    assert_eq!(pq.column("path").unwrap().dtype(), &DataType::UInt32);
    assert_eq!(pq.column("year").unwrap().dtype(), &DataType::Int32);
    assert_eq!(pq.column("employees").unwrap().dtype(), &DataType::Int64);
    let k = 137;
    let r = &run.rows[k];
    assert_eq!(pq.column("path").unwrap().u32().unwrap().get(k), Some(r.path));
    assert_eq!(pq.column("year").unwrap().i32().unwrap().get(k), Some(r.year));
    assert_eq!(
        pq.column("district").unwrap().str().unwrap().get(k),
        Some(run.info.districts[usize::from(r.district)].as_str())
    );
    assert_eq!(pq.column("employer_yuan").unwrap().f64().unwrap().get(k), Some(r.ledger.employer.as_yuan_f64()));
    assert_eq!(
        pq.column("to_personal_accounts_yuan").unwrap().f64().unwrap().get(k),
        Some(-r.ledger.to_personal_accounts.as_yuan_f64())
    );
    assert_eq!(
        pq.column("balance_closing_yuan").unwrap().f64().unwrap().get(k),
        Some(r.ledger.balance_closing.as_yuan_f64())
    );
    assert_eq!(pq.column("outflow_total_yuan").unwrap().f64().unwrap().get(k), Some(r.ledger.outflow().as_yuan_f64()));
    // Path 0, 2025, district 1 spent nothing: months of payment is null.
    let months = pq.column("months_of_payment").unwrap().f64().unwrap();
    assert_eq!(months.null_count(), 1);
    assert_eq!(months.get(1), None);
    assert_eq!(months.get(k), r.ledger.months_of_payment());

    // ledger.csv
    let csv = read_csv(&dir.join(LEDGER_CSV));
    assert_eq!(csv.shape(), (200, expected_ledger_columns().len()));
    assert_eq!(names(&csv), expected_ledger_columns());
    assert_eq!(csv.column("district").unwrap().str().unwrap().get(0), Some("雁江"));
    assert_eq!(
        csv.column("balance_closing_yuan").unwrap().f64().unwrap().get(k),
        Some(r.ledger.balance_closing.as_yuan_f64())
    );
    assert_eq!(csv.column("months_of_payment").unwrap().null_count(), 1);
    let text = fs::read_to_string(dir.join(LEDGER_CSV)).unwrap();
    assert!(!text.lines().skip(1).any(|l| l.contains("e+") || l.contains("e-")), "no scientific notation");
    // The employer column of the first row, as written: yuan with fen.
    let first = text.lines().nth(1).unwrap();
    let employer_idx = expected_ledger_columns().iter().position(|c| c == "employer_yuan").unwrap();
    assert_eq!(first.split(',').nth(employer_idx).unwrap(), run.rows[0].ledger.employer.to_string());

    // summary.csv
    let s = read_csv(&dir.join(SUMMARY_CSV));
    assert_eq!(s.shape(), (5, 22));
    assert_eq!(
        names(&s),
        [
            "year",
            "paths",
            "balance_mean_yuan",
            "balance_p5_yuan",
            "balance_p25_yuan",
            "balance_p50_yuan",
            "balance_p75_yuan",
            "balance_p95_yuan",
            "months_mean",
            "months_p5",
            "months_p25",
            "months_p50",
            "months_p75",
            "months_p95",
            "p_below_zero",
            "p_below_3_months",
            "p_below_6_months",
            "p_first_depletion",
            "income_mean_yuan",
            "outflow_mean_yuan",
            "sampling_se_balance_yuan",
            "sampling_se_months",
        ]
    );
    let last = run.summary.last().unwrap();
    assert_eq!(s.column("year").unwrap().i64().unwrap().get(4), Some(2029));
    assert_eq!(s.column("paths").unwrap().i64().unwrap().get(4), Some(20));
    assert_eq!(s.column("p_below_zero").unwrap().f64().unwrap().get(4), Some(last.p_below_zero));
    let p50 = s.column("balance_p50_yuan").unwrap().f64().unwrap().get(4).unwrap();
    assert!((p50 - last.balance_pct[2]).abs() <= 0.005, "{p50} vs {}", last.balance_pct[2]);
    let m50 = s.column("months_p50").unwrap().f64().unwrap().get(0).unwrap();
    assert!((m50 - run.summary[0].months_pct[2]).abs() <= 0.00005);

    // depletion.csv
    let d = read_csv(&dir.join(DEPLETION_CSV));
    assert_eq!(d.shape(), (6, 3));
    let years = d.column("first_depletion_year").unwrap().str().unwrap();
    assert_eq!(years.get(0), Some("2025"));
    assert_eq!(years.get(5), Some("never"));
    let shares = d.column("share_of_paths").unwrap().f64().unwrap();
    let total: f64 = shares.into_no_null_iter().sum();
    assert!((total - 1.0).abs() < 1e-9);
    let depleted = BAD_PATHS.len() as f64 / f64::from(PATHS);
    assert!((shares.get(5).unwrap() - (1.0 - depleted)).abs() < 1e-9);

    // charts
    for stem in [MONTHS_FAN, BALANCE_FAN, FLOWS] {
        let png = fs::read(dir.join(format!("{stem}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{stem}.png");
        assert!(png.len() > 10_000, "{stem}.png is suspiciously small");
        let svg = fs::read_to_string(dir.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{stem}.svg");
        assert!(svg.contains("Year"), "{stem}.svg has its axis label");
    }

    // report.md
    let md = fs::read_to_string(dir.join(REPORT_MD)).unwrap();
    assert!(md.contains("20240601"));
    assert!(md.contains(
        "medfund simulate --scenario ziyang --years 5 --paths 20 --seed 20240601 --set medical_trend=0.07 \
         --set 'note=two words'"
    ));
    assert!(md.contains("9f3a61c0d2b4e857"));
    assert!(md.contains("![Months of payment by year](months_fan.png)"));
    assert!(md.contains("population.entry_rate"));
    assert!(md.contains("| 2029 |"));

    // run.json
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join(RUN_JSON)).unwrap()).unwrap();
    assert_eq!(v["scenario"], "ziyang");
    assert_eq!(v["scenario_file"], "scenarios/ziyang.toml");
    assert_eq!(v["scenario_hash"], "9f3a61c0d2b4e857");
    assert_eq!(v["seed"].as_u64(), Some(20_240_601));
    assert_eq!(v["paths"].as_u64(), Some(20));
    assert_eq!(v["years"], serde_json::json!([2025, 2026, 2027, 2028, 2029]));
    assert_eq!(
        v["districts"],
        serde_json::json!([
            {"name": "雁江", "label": "Yanjiang", "class": "other"},
            {"name": "安岳", "label": "Anyue", "class": "other"}
        ])
    );
    assert_eq!(v["overrides"], serde_json::json!(["medical_trend=0.07", "note=two words"]));
    assert_eq!(v["version"], "0.1.0");
    assert_eq!(v["reproduce"].as_str(), Some(report::reproduce_command(&run).as_str()));
    assert_eq!(
        v["assumptions"][1],
        serde_json::json!(["claims.inpatient_trend", "assumed 7% a year, the provincial average 2015-2019"])
    );
    assert_eq!(v["assumptions"].as_array().unwrap().len(), 2);
}

#[test]
fn rewriting_replaces_files_and_non_finite_months_are_empty() {
    let mut run = synthetic_run();
    // A year where enough paths spent nothing that the top percentiles of
    // months of payment are infinite, and no finite months at all.
    run.summary[1].months_pct[3] = f64::INFINITY;
    run.summary[1].months_pct[4] = f64::INFINITY;
    run.summary[2].months_mean = f64::NAN;
    let tmp = TempDir::new("inf");
    write_run(&tmp.0, &run).unwrap();
    // Written twice into the same directory: replaced in place.
    let files = write_run(&tmp.0, &run).unwrap();
    assert_eq!(fs::read_dir(&tmp.0).unwrap().count(), files.len());

    let text = fs::read_to_string(tmp.0.join(SUMMARY_CSV)).unwrap();
    let lower = text.to_ascii_lowercase();
    assert!(!lower.contains("inf") && !lower.contains("nan"), "{text}");
    let s = read_csv(&tmp.0.join(SUMMARY_CSV));
    let p95 = s.column("months_p95").unwrap().f64().unwrap();
    assert_eq!(p95.get(1), None);
    assert!(p95.get(0).is_some());
    assert_eq!(s.column("months_mean").unwrap().f64().unwrap().get(2), None);
}

#[test]
fn reproduce_command_quotes_and_uses_files_for_non_builtin_scenarios() {
    let mut run = synthetic_run();
    run.info.scenario_file = "my scenarios/ziyang-2030.toml".into();
    run.info.overrides.clear();
    assert_eq!(
        report::reproduce_command(&run),
        "medfund simulate --scenario 'my scenarios/ziyang-2030.toml' --years 5 --paths 20 --seed 20240601"
    );
}

#[test]
fn failed_write_leaves_nothing() {
    let tmp = TempDir::new("fail");
    fs::create_dir_all(&tmp.0).unwrap();
    let err = write_atomic(&tmp.0, "x.csv", |p| {
        fs::write(p, "half")?;
        anyhow::bail!("interrupted")
    });
    assert!(err.is_err());
    assert_eq!(fs::read_dir(&tmp.0).unwrap().count(), 0);
}

#[test]
fn axis_numbers_and_units() {
    assert_eq!(charts::money_unit(3.2e9), (1e8, "100 million yuan"));
    assert_eq!(charts::money_unit(5.0e7).0, 1e4);
    assert_eq!(charts::axis_number(&1234.5), "1,234.5");
    assert_eq!(charts::axis_number(&-1_234_567.0), "\u{2212}1,234,567");
    assert_eq!(charts::axis_number(&-0.0), "0");
    assert_eq!(charts::axis_number(&2.25), "2.25");
    assert_eq!(charts::axis_number(&10.0), "10");
}

#[test]
fn degenerate_runs_still_write() {
    for (paths, years) in [(3, &[2025][..]), (0, &YEARS[..]), (0, &[][..])] {
        let run = synthetic(paths, years);
        let tmp = TempDir::new("small");
        let files = write_run(&tmp.0, &run).unwrap();
        assert_eq!(files.len(), 13);
        let s = read_csv(&tmp.0.join(SUMMARY_CSV));
        assert_eq!(s.height(), years.len());
    }
}

/// `synthetic_run` with a third district (a copy of the second) and the
/// district settlement filled in: district 0 (main urban) retains from
/// over-collection every year; district 1 (regional centre) overspends from
/// 2027 on paths 0, 4, 8, 12 and 16, its surplus is exhausted and its
/// government pays 4,500 yuan; district 2 (other) retains savings.
fn settled_run() -> RunResult {
    use medfund_rules::settle::DistrictClass;
    let mut run = synthetic_run();
    let mut rows = Vec::new();
    for r in &run.rows {
        rows.push(r.clone());
        if r.district == 1 {
            rows.push(LedgerRow { district: 2, ..r.clone() });
        }
    }
    for r in &mut rows {
        let t = YEARS.iter().position(|&y| y == r.year).unwrap() as i64;
        let l = &mut r.ledger;
        l.collection_target = l.employer + l.employee + l.flexible_contributions;
        l.spending_target = l.outflow();
        match r.district {
            0 => {
                l.collection_retained = Money(100_000);
                l.district_surplus = Money(100_000 * (t + 1));
            }
            1 if t >= 2 && r.path % 4 == 0 => {
                l.overspend_city = Money(550_000);
                l.overspend_from_surplus = Money(if t == 2 { 20_000 } else { 0 });
                l.district_government = Money(450_000);
                l.district_surplus = Money::ZERO;
                l.balance_closing += l.district_government;
            }
            1 => l.district_surplus = Money(20_000),
            _ => {
                l.savings_retained = Money(30_000);
                l.district_surplus = Money(30_000 * (t + 1));
            }
        }
    }
    run.city = city_rows(&rows);
    run.summary = summarise(&run.city, &YEARS);
    run.verdict = verdict_of(&run.city, run.info.discount);
    run.year_totals = medfund_sim::montecarlo::year_totals(&run.city, &YEARS);
    run.rows = rows;
    run.info.scenario = "chongqing".into();
    run.info.districts = vec!["渝中".into(), "万州".into(), "城口".into()];
    run.info.district_labels = vec!["Yuzhong".into(), "Wanzhou".into(), "Chengkou".into()];
    run.info.district_classes = vec![DistrictClass::MainUrban, DistrictClass::RegionalCenter, DistrictClass::Other];
    run
}

#[test]
fn writes_district_settlement() {
    let run = settled_run();
    let mut tmp = TempDir::new("districts");
    if let Some(keep) = std::env::var_os("MEDFUND_TEST_OUTPUT_DIR") {
        tmp = TempDir(PathBuf::from(keep).join("districts"), true);
    }
    let files = write_run(&tmp.0, &run).unwrap();
    let written: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        written,
        [
            LEDGER_PARQUET,
            LEDGER_CSV,
            SUMMARY_CSV,
            DEPLETION_CSV,
            DISTRICTS_CSV,
            "months_fan.png",
            "months_fan.svg",
            "balance_fan.png",
            "balance_fan.svg",
            "flows.png",
            "flows.svg",
            "burden.png",
            "burden.svg",
            "districts_dry.png",
            "districts_dry.svg",
            WORKBOOK,
            REPORT_MD,
            RUN_JSON,
        ]
    );
    assert_eq!(fs::read_dir(&tmp.0).unwrap().count(), files.len(), "no temporary files left behind");

    // districts.csv: 5 years × 3 districts.
    let d = read_csv(&tmp.0.join(DISTRICTS_CSV));
    assert_eq!(d.shape(), (15, 18));
    assert!(names(&d).iter().all(|n| n.is_ascii() && !n.contains(' ')));
    // Money and shares are Float64 in the frame (the CSV reader infers
    // integers for whole-yuan columns, so read values through a cast).
    let frame = tables::districts_frame(&districts::settlement(&run).unwrap()).unwrap();
    assert_eq!(names(&frame), names(&d));
    for c in names(&frame).iter().skip(5) {
        assert_eq!(frame.column(c).unwrap().dtype(), &DataType::Float64, "{c}");
    }
    let num = |c: &str, k: usize| d.column(c).unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().get(k);
    // Row 7: 2027, 万州 — government pays on 5 of 20 paths, 4,500 yuan each.
    let k = 7;
    assert_eq!(d.column("year").unwrap().i64().unwrap().get(k), Some(2027));
    assert_eq!(d.column("district").unwrap().str().unwrap().get(k), Some("万州"));
    assert_eq!(d.column("label").unwrap().str().unwrap().get(k), Some("Wanzhou"));
    assert_eq!(d.column("class").unwrap().str().unwrap().get(k), Some("regional_center"));
    assert_eq!(d.column("paths").unwrap().i64().unwrap().get(k), Some(20));
    assert_eq!(num("district_government_yuan", k), Some(1125.0));
    assert_eq!(num("overspend_city_yuan", k), Some(1375.0));
    assert_eq!(num("p_government_pays", k), Some(0.25));
    assert_eq!(num("p_surplus_zero", k), Some(0.25));
    // 渝中 in 2029: surplus 5,000 yuan on every path, never zero.
    assert_eq!(num("district_surplus_yuan", 12), Some(5000.0));
    assert_eq!(num("p_surplus_zero", 12), Some(0.0));
    let r = run.rows.iter().find(|r| r.path == 0 && r.year == 2025 && r.district == 0).unwrap();
    let actual = num("collection_actual_yuan", 0).unwrap();
    assert!(actual > 0.0 && (actual - r.ledger.collection_target.as_yuan_f64()).abs() < 1e6);

    // The dry order puts 万州 first.
    let s = districts::settlement(&run).unwrap();
    assert_eq!(s.dry_order()[0], 1);
    assert_eq!(s.first_dry(1), Some(2));
    assert_eq!(s.first_dry(0), None);

    for stem in [BURDEN, DISTRICTS_DRY] {
        let png = fs::read(tmp.0.join(format!("{stem}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{stem}.png");
        assert!(png.len() > 10_000, "{stem}.png is suspiciously small");
        let svg = fs::read_to_string(tmp.0.join(format!("{stem}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{stem}.svg");
        assert!(svg.contains("Year"), "{stem}.svg has its axis label");
    }
    let svg = fs::read_to_string(tmp.0.join("districts_dry.svg")).unwrap();
    assert!(svg.contains("Wanzhou") && svg.contains("Chengkou"), "pinyin row labels");
    assert!(fs::read_to_string(tmp.0.join("burden.svg")).unwrap().contains("Deficit sharing"));

    let md = fs::read_to_string(tmp.0.join(REPORT_MD)).unwrap();
    assert!(md.contains("## District settlement"));
    assert!(md.contains("![Who paid for districts' overspends and shortfalls, by year](burden.png)"));
    assert!(md.contains("(districts_dry.svg)"));
    assert!(md.contains("`districts.csv`"));
    assert!(md.contains("万州 (Wanzhou, 15.0% of path-years, above 10% of paths from 2027)"), "{md}");
}

#[test]
fn runs_without_settlement_write_no_district_files() {
    let run = synthetic_run();
    assert!(districts::settlement(&run).is_none());
    let tmp = TempDir::new("nodistricts");
    let files = write_run(&tmp.0, &run).unwrap();
    assert_eq!(files.len(), 13);
    for name in [DISTRICTS_CSV, "burden.png", "burden.svg", "districts_dry.png", "districts_dry.svg"] {
        assert!(!tmp.0.join(name).exists(), "{name}");
    }
    let md = fs::read_to_string(tmp.0.join(REPORT_MD)).unwrap();
    assert!(!md.contains("District settlement") && !md.contains("districts.csv"));
}

/// A two-year run (2025–2026, one district) from each path's opening
/// balance and its two years' (closing balance, fiscal subsidy), yuan.
/// Every year the fund spends 12,000,000 (one month is 1,000,000) on a
/// contribution base of 100,000,000 charged 8,000,000; the balances are
/// set by hand (the ledger need not balance for the headline).
fn headline_run(fund: medfund_sim::ledger::Fund, paths: &[(i64, [(i64, i64); 2])]) -> RunResult {
    let mut run = synthetic_run();
    let base = if fund == medfund_sim::ledger::Fund::Employee { 100_000_000 } else { 0 };
    let mut rows = Vec::new();
    for (p, (opening, years)) in paths.iter().enumerate() {
        for (t, (closing, subsidy)) in years.iter().enumerate() {
            let ledger = LedgerYear {
                inpatient: Money::yuan(12_000_000),
                employer: Money::yuan(8_000_000),
                contribution_base: Money::yuan(base),
                balance_opening: Money::yuan(if t == 0 { *opening } else { years[0].0 }),
                balance_closing: Money::yuan(*closing),
                fiscal_subsidy: Money::yuan(*subsidy),
                ..LedgerYear::default()
            };
            rows.push(LedgerRow { path: p as u32, year: 2025 + t as i32, district: 0, ledger });
        }
    }
    let years = [2025, 2026];
    run.info.fund = fund;
    run.info.paths = paths.len() as u32;
    run.info.years = years.to_vec();
    run.info.discount = 0.0;
    run.city = city_rows(&rows);
    run.summary = summarise(&run.city, &years);
    run.verdict = verdict_of(&run.city, 0.0);
    run.rows = rows;
    run
}

#[test]
fn headline_sentence_by_hand() {
    use medfund_sim::ledger::Fund;
    // Four paths. Path 0 never dry; path 1 closes 2026 at −2,000,000;
    // path 2 is rescued by the backstop in 2025 (5,000,000) and 2026
    // (2,000,000); path 3 in 2026 (300,000,000).
    let four = [
        (4_000_000, [(5_000_000, 0), (6_000_000, 0)]),
        (4_000_000, [(1_000_000, 0), (-2_000_000, 0)]),
        (0, [(0, 5_000_000), (0, 2_000_000)]),
        (0, [(1_000_000, 0), (0, 300_000_000)]),
    ];
    let run = headline_run(Fund::Employee, &four);
    // Dry: paths 1, 2, 3 → 3 of 4 = 75.0%. First dry years 2026, 2025,
    // 2026 and never: sorted 2025, 2026, 2026, never → median 2026.
    // Backstop: 5 + 2 + 300 = 307 million over 4 paths = 76,750,000 yuan
    // = 7,675.00万元 expected; paying paths 7,000,000 and 300,000,000 →
    // median 153,500,000 = 1.535亿 → 1.54亿元 (half away from zero).
    // Months at the end of 2026 (closing ÷ 1,000,000): 6, −2, 0, 0 →
    // sorted −2, 0, 0, 6: median 0.0; 5% at rank 0.15: −2 + 0.15 × 2 =
    // −1.7; 95% at rank 2.85: 0 + 0.85 × 6 = 5.1.
    // Premium, discount 0: (outflow 24,000,000 − opening) ÷ base
    // 200,000,000 = 0.10, 0.10, 0.12, 0.12 → mean 11.00%; charged
    // 16,000,000 ÷ 200,000,000 = 8.00% on every path.
    assert_eq!(
        report::headline(&run),
        "Ziyang's employee pooled fund (职工医保统筹基金) runs dry (a year closing below zero or needing the fiscal \
         backstop) in 75.0% of the 4 futures over 2025–2026, first in 2026 in the median future; the fiscal backstop \
         pays 7,675.00万元 over the horizon in expectation (the mean over all futures; 1.54亿元 in the median of the \
         2 futures in which it pays); at the end of 2026 it holds 0.0 months of payment (累计结余可支付月数) in the \
         median future (5–95%: -1.7 to 5.1); its general average premium is 11.00% of the contribution base against \
         8.00% charged (present values at 0% a year)."
    );

    // One path of four dry (path 1 as above), no backstop: 25.0%, fewer
    // than half, so no median year for all futures; the dry path's 2026.
    // Months: 6, 6, 6, −2 → median 6.0; 5%: −2 + 0.15 × 8 = −0.8; 95%: 6.
    // Premium (24,000,000 − 4,000,000) ÷ 200,000,000 = 10.00% everywhere.
    let calm = (4_000_000, [(5_000_000, 0), (6_000_000, 0)]);
    let employee = headline_run(Fund::Employee, &[calm, calm, calm, (4_000_000, [(1_000_000, 0), (-2_000_000, 0)])]);
    let sentence = "Ziyang's employee pooled fund (职工医保统筹基金) runs dry (a year closing below zero or needing the \
                    fiscal backstop) in 25.0% of the 4 futures over 2025–2026, so not within the horizon in the median \
                    future, the median first year of those that do being 2026; the fiscal backstop pays nothing; at the \
                    end of 2026 it holds 6.0 months of payment (累计结余可支付月数) in the median future (5–95%: -0.8 to \
                    6.0); its general average premium is 10.00% of the contribution base against 8.00% charged (present \
                    values at 0% a year).";
    assert_eq!(report::headline(&employee), sentence);

    // A resident fund (no contribution base) with the first four paths,
    // 75% dry, is more at risk than the employee fund at 25%: its
    // headline comes first, and it has no premium to state.
    let mut both = employee.clone();
    both.resident = Some(Box::new(headline_run(Fund::Resident, &four)));
    let lines = report::headlines(&both);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("Ziyang's resident fund (居民医保基金) runs dry (a year closing below zero"),
        "{lines:?}"
    );
    assert!(
        lines[0].ends_with(
            "; it is financed per head, so it has no contribution rate to set a general average premium beside."
        ),
        "{lines:?}"
    );
    assert_eq!(lines[1], sentence);
    // And report.md opens with them, in that order, after the title.
    let md = report::markdown(&both, None, None);
    let paras: Vec<&str> = md.split("\n\n").collect();
    assert_eq!(paras[0], "# medfund projection: ziyang");
    assert_eq!((paras[1], paras[2]), (lines[0].as_str(), lines[1].as_str()));
}

#[test]
fn money_in_wan_or_yi_yuan() {
    assert_eq!(report::wan_or_yi(Money::ZERO), "0.00万元");
    assert_eq!(report::wan_or_yi(Money::yuan(1_234_567)), "123.46万元");
    assert_eq!(report::wan_or_yi(Money(1_234_550_000)), "1,234.55万元");
    assert_eq!(report::wan_or_yi(Money::yuan(-5_000)), "-0.50万元");
    assert_eq!(report::wan_or_yi(Money::yuan(99_990_000)), "9,999.00万元");
    assert_eq!(report::wan_or_yi(Money::yuan(100_000_000)), "1.00亿元");
    assert_eq!(report::wan_or_yi(Money::yuan(123_456_789)), "1.23亿元");
    assert_eq!(report::wan_or_yi(Money::yuan(1_234_567_890_000)), "12,345.68亿元");
}
