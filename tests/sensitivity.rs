//! `medfund sensitivity` end to end: each row of `sensitivity.csv`
//! recomputed from the ledger of `medfund simulate --set KEY=VALUE` on the
//! same seed, paths and years (the analysis moves one assumption on common
//! random numbers, so the simulate run draws the same paths) by plain
//! counting, not by the engine's functions. Per path (districts summed, in
//! fen), as `medfund_analysis::sensitivity` and `stress::metrics` define
//! them:
//! - P(running dry): the share of paths whose closing balance is below
//!   zero in some year;
//! - the median months of payment at the horizon: the median over paths of
//!   the last year's closing balance ÷ (the year's outflow ÷ 12), a year
//!   without outflow counting as infinite (an even count: the mean of the
//!   middle two);
//! - the median first year of depletion (a path that never depletes sorts
//!   last; between two years, the later).
//!
//! Then the files: the CSV, the markdown, the workbook (read back with
//! calamine: README, the table with its number formats, the documented
//! ranges and their reasons), the tornado chart (PNG and SVG), and
//! `medfund report` on the folder with the chart in it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{medfund_ok, scratch};

struct Csv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn read(p: &Path) -> Csv {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        let mut lines = text.lines();
        let split = |l: &str| l.split(',').map(|s| s.trim_matches('"').to_string()).collect::<Vec<_>>();
        let header = split(lines.next().unwrap());
        let rows = lines.filter(|l| !l.is_empty()).map(split).collect();
        Csv { header, rows }
    }
    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
}

fn fen(s: &str) -> i64 {
    (s.parse::<f64>().unwrap() * 100.0).round() as i64
}

/// A small dingxi whose fund runs dry on most paths but not all: a thin
/// opening balance, employers paying 4.5% and a wide spread of medical
/// inflation.
const COMMON: [&str; 16] = [
    "--scenario",
    "dingxi",
    "--set",
    "projection.population.members=2000",
    "--set",
    "projection.fund.opening_balance=300000",
    "--set",
    "employee.contribution.employer={ combined = { enterprise = 0.045, fiscal = 0.045 }, pooling_only = { \
     enterprise = 0.045, fiscal = 0.045 } }",
    "--set",
    "projection.economy.medical_inflation.sd=0.08",
    "--paths",
    "8",
    "--years",
    "4",
    "--seed",
    "29",
];

struct Recomputed {
    p_dry: f64,
    median_first: Option<i32>,
    median_final_months: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// The employee fund's figures counted from a run's ledger.csv.
fn recompute(ledger: &Csv) -> Recomputed {
    let (cp, cy) = (ledger.col("path"), ledger.col("year"));
    let (cc, co) = (ledger.col("balance_closing_yuan"), ledger.col("outflow_total_yuan"));
    // path → year → (closing, outflow), districts summed.
    let mut paths: BTreeMap<u32, BTreeMap<i32, (i64, i64)>> = BTreeMap::new();
    for r in &ledger.rows {
        let y = paths.entry(r[cp].parse().unwrap()).or_default().entry(r[cy].parse().unwrap()).or_default();
        y.0 += fen(&r[cc]);
        y.1 += fen(&r[co]);
    }
    let n = paths.len() as f64;
    let months = |&(closing, outflow): &(i64, i64)| {
        if outflow > 0 { closing as f64 / (outflow as f64 / 12.0) } else { f64::INFINITY }
    };
    let dry = paths.values().filter(|p| p.values().any(|y| y.0 < 0)).count() as f64;
    let first: Vec<f64> = paths
        .values()
        .map(|p| p.iter().find(|(_, y)| y.0 < 0).map_or(f64::INFINITY, |(&year, _)| f64::from(year)))
        .collect();
    let mf = median(first);
    Recomputed {
        p_dry: dry / n,
        median_first: mf.is_finite().then(|| mf.ceil() as i32),
        median_final_months: median(paths.values().map(|p| months(p.values().last().unwrap())).collect()),
    }
}

#[track_caller]
fn close(what: &str, file: &str, ours: f64) {
    let f: f64 = file.parse().unwrap_or_else(|_| panic!("{what}: {file:?}"));
    assert!((f - ours).abs() <= 1e-9 * ours.abs().max(1.0), "{what}: sensitivity.csv {f}, recomputed {ours}");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn each_end_is_its_simulate_run_counted() {
    let dir = scratch("sensitivity", "recomputed");
    let out = dir.join("sensitivity");
    let mut args = vec!["sensitivity", "--quiet", "--out", s(&out)];
    args.extend(COMMON);
    medfund_ok(&args);

    let table = Csv::read(&out.join("sensitivity.csv"));
    assert_eq!(
        table.header,
        [
            "key",
            "end",
            "value",
            "scenario_value",
            "p_dry",
            "d_p_dry",
            "se_d_p_dry",
            "median_first_depletion",
            "median_final_months",
            "d_median_final_months",
            "se_d_final_months_paired_mean"
        ]
    );
    // The baseline, then a low and a high row for each of dingxi's 10 ranges.
    assert_eq!(table.rows.len(), 21);
    let cell = |r: &Vec<String>, n: &str| r[table.col(n)].clone();
    assert_eq!(cell(&table.rows[0], "key"), "baseline");

    let run = |name: &str, set: Option<String>| {
        let d = dir.join(name);
        let mut a: Vec<String> = ["simulate", "--quiet", "--out", s(&d)].map(String::from).to_vec();
        a.extend(COMMON.map(String::from));
        if let Some(set) = set {
            a.extend(["--set".to_string(), set]);
        }
        medfund_ok(&a.iter().map(String::as_str).collect::<Vec<_>>());
        recompute(&Csv::read(&d.join("ledger.csv")))
    };
    let check = |what: &str, row: &Vec<String>, r: &Recomputed| {
        close(&format!("{what}: p_dry"), &cell(row, "p_dry"), r.p_dry);
        let mf = cell(row, "median_first_depletion");
        assert_eq!(mf.parse::<i32>().ok(), r.median_first, "{what}: median_first_depletion {mf:?}");
        if r.median_final_months.is_finite() {
            close(&format!("{what}: median_final_months"), &cell(row, "median_final_months"), r.median_final_months);
        } else {
            assert_eq!(cell(row, "median_final_months"), "", "{what}");
        }
    };
    let base = run("baseline", None);
    check("baseline", &table.rows[0], &base);

    let mut drys = vec![base.p_dry];
    let mut swings = Vec::new();
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let (key, end, value) = (cell(row, "key"), cell(row, "end"), cell(row, "value"));
        assert_eq!(end, if i % 2 == 1 { "low" } else { "high" }, "row {i}");
        let what = format!("{key}={value} ({end})");
        let r = run(&format!("row-{i}"), Some(format!("{key}={value}")));
        check(&what, row, &r);
        close(&format!("{what}: d_p_dry"), &cell(row, "d_p_dry"), r.p_dry - base.p_dry);
        if r.median_final_months.is_finite() && base.median_final_months.is_finite() {
            close(
                &format!("{what}: d_median_final_months"),
                &cell(row, "d_median_final_months"),
                r.median_final_months - base.median_final_months,
            );
        }
        drys.push(r.p_dry);
        swings.push((r.p_dry - base.p_dry).abs());
    }
    // Not vacuous: some runs run dry on some paths but not all.
    assert!(drys.iter().any(|p| *p > 0.0 && *p < 1.0), "{drys:?}");
    // Ranked by the larger |ΔP(dry)| of the two ends, largest first.
    let by_row: Vec<f64> = swings.chunks(2).map(|c| c[0].max(c[1])).collect();
    assert!(by_row.windows(2).all(|w| w[0] >= w[1] - 1e-12), "{by_row:?}");

    // The files, all of them.
    for f in ["sensitivity.csv", "sensitivity.md", "sensitivity.xlsx", "tornado.png", "tornado.svg"] {
        let p = out.join(f);
        assert!(p.is_file() && std::fs::metadata(&p).unwrap().len() > 100, "{f}");
    }
    let png = std::fs::read(out.join("tornado.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let svg = std::fs::read_to_string(out.join("tornado.svg")).unwrap();
    // Every parameter key labels its row; the baseline is marked.
    for row in table.rows.iter().skip(1) {
        assert!(svg.contains(&cell(row, "key")), "{}", cell(row, "key"));
    }
    assert!(svg.contains("Baseline (the scenario)"));
    let md = std::fs::read_to_string(out.join("sensitivity.md")).unwrap();
    assert!(md.contains("![Tornado chart](tornado.png)") && md.contains("sensitivity.xlsx"), "{md}");

    // medfund report: the sensitivity page with the tornado chart inline.
    medfund_ok(&["report", s(&out)]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<title>medfund sensitivity: dingxi"), "{}", &html[..400.min(html.len())]);
    assert!(html.contains("id=\"chart-tornado\""), "no tornado figure");
    assert!(html.contains("data-file=\"sensitivity.csv\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_workbook_holds_the_table_formatted_and_the_ranges() {
    let dir = scratch("sensitivity", "workbook");
    let out = dir.join("run");
    // Dingxi run thin (COMMON, fewer paths and years), so that median
    // years of depletion are there to be formatted.
    let mut a: Vec<&str> = vec!["sensitivity", "--quiet", "--out", s(&out)];
    a.extend(COMMON.iter().take(8));
    a.extend(["--paths", "3", "--years", "3", "--seed", "5"]);
    medfund_ok(&a);
    let mut wb: Xlsx<_> = open_workbook(out.join("sensitivity.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["README", "sensitivity", "ranges"]);
    let readme: String = wb
        .worksheet_range("README")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | "))
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "medfund sensitivity: dingxi",
        "seed",
        "5 (the same random numbers in every run)",
        "3 per run",
        "medfund sensitivity --scenario dingxi --years 3 --paths 3 --seed 5 --set 'projection.population.members=2000'",
        env!("CARGO_PKG_VERSION"),
        "sensitivity | the baseline, then each assumption",
        "ranges | the documented range",
        "0.0%",
        "months of payment",
    ] {
        assert!(readme.contains(want), "README lacks {want:?}:\n{readme}");
    }

    // The table: the CSV's cells, probabilities 0.0%, months 0.0, years whole.
    let csv = Csv::read(&out.join("sensitivity.csv"));
    let sheet: Vec<Vec<Data>> = wb.worksheet_range("sensitivity").unwrap().rows().map(<[Data]>::to_vec).collect();
    assert_eq!(sheet.len(), csv.rows.len() + 1);
    for (j, name) in csv.header.iter().enumerate() {
        assert!(text(&sheet[0][j]).contains(name.as_str()), "{} vs {name}", text(&sheet[0][j]));
        for (i, row) in csv.rows.iter().enumerate() {
            let (want, got) = (&row[j], &sheet[i + 1][j]);
            match want.parse::<f64>() {
                Ok(v) => assert!(
                    matches!(got, Data::Float(x) if (x - v).abs() <= 1e-12 * v.abs().max(1.0)),
                    "{name} row {i}: {want} vs {got:?}"
                ),
                Err(_) => assert_eq!(&text(got), want, "{name} row {i}"),
            }
        }
    }
    let format_of = |wb: &mut Xlsx<_>, name: &str| {
        let styles = wb.worksheet_style("sensitivity").unwrap();
        let style = styles.get((1, csv.col(name) as u32)).unwrap_or_else(|| panic!("{name}: no style"));
        style.number_format.as_ref().map_or_else(|| "General".into(), |f| f.format_code.clone())
    };
    for (name, want) in [
        ("p_dry", "0.0%"),
        ("d_p_dry", "0.0%"),
        ("se_d_p_dry", "0.0%"),
        ("median_final_months", "0.0"),
        ("d_median_final_months", "0.0"),
    ] {
        assert_eq!(format_of(&mut wb, name), want, "{name}");
    }
    // Years as whole numbers, where a median path runs dry.
    let year_col = csv.col("median_first_depletion");
    let i = csv.rows.iter().position(|r| !r[year_col].is_empty()).expect("a median year of depletion");
    let styles = wb.worksheet_style("sensitivity").unwrap();
    let f = styles.get((i as u32 + 1, year_col as u32)).and_then(|s| s.number_format.clone());
    assert_eq!(f.map(|f| f.format_code), Some("0".to_string()));

    // The ranges: dingxi's [[projection.sensitivity]], in its order, with reasons.
    let ranges: Vec<Vec<Data>> = wb.worksheet_range("ranges").unwrap().rows().map(<[Data]>::to_vec).collect();
    assert_eq!(ranges.len(), 11);
    assert!(text(&ranges[1][0]) == "projection.economy.medical_inflation.mean", "{:?}", ranges[1]);
    assert_eq!(ranges[1][1], Data::Float(0.03));
    assert_eq!(ranges[1][3], Data::Float(0.05), "the scenario's own value");
    assert!(text(&ranges[1][4]).starts_with("Medical cost inflation"), "{:?}", ranges[1][4]);
    std::fs::remove_dir_all(&dir).unwrap();
}
