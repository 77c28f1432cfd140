//! The workbooks `simulate`, `stress`, `compare` and `backtest` write, read
//! back with a real reader (calamine for the values and number formats,
//! the sheet XML for the frozen header and the column widths): the README
//! sheet first, naming the run, then each table, whose cells match its CSV
//! file cell for cell, money in 万元 (the CSV's yuan ÷ 10,000).

mod common;

use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{medfund_ok, scratch};

/// A CSV file as a header and rows of fields (no quoted commas in the
/// files read here).
fn csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let s = std::fs::read_to_string(p).unwrap();
    let mut lines = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head = lines.next().unwrap().split(',').map(str::to_string).collect();
    (head, lines.map(|l| l.split(',').map(str::to_string).collect()).collect())
}

fn open(p: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A sheet's cells, rows from the header.
fn rows(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let r = wb.worksheet_range(sheet).unwrap();
    assert_eq!(r.start(), Some((0, 0)), "{sheet} starts at A1");
    r.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The README's text, every cell, one line a row.
fn readme(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>) -> String {
    rows(wb, "README").iter().map(|r| r.iter().map(text).collect::<Vec<_>>().join(" | ")).collect::<Vec<_>>().join("\n")
}

/// The sheet's column for the CSV column `name`: its header names it as
/// one of its words.
fn column(header: &[Data], name: &str, sheet: &str) -> usize {
    header
        .iter()
        .position(|h| text(h).split(' ').any(|w| w == name))
        .unwrap_or_else(|| panic!("{sheet}: no column for {name} in {header:?}"))
}

/// What the sheet's cell holds for the CSV field `want` of a column whose
/// cells are the CSV's value ÷ `divisor`.
fn same(want: &str, got: &Data, divisor: f64) -> bool {
    match (want, got) {
        ("", Data::Empty) => true,
        ("true", Data::Bool(true)) | ("false", Data::Bool(false)) => true,
        (w, Data::Float(g)) => w.parse::<f64>().is_ok_and(|w| w / divisor == *g),
        (w, Data::String(g)) => w == g,
        _ => false,
    }
}

/// The sheet holds the CSV's table cell for cell: every CSV column under a
/// header naming it, numbers divided by 10,000 where the header (or the
/// row's unit, for a column of several units) says 万元; `divisor` gives
/// other columns' divisors (compare's members per path).
fn matches_csv(
    wb: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
    file: &Path,
    divisor: &dyn Fn(&str) -> Option<f64>,
) {
    let (head, want) = csv(file);
    let got = rows(wb, sheet);
    assert_eq!(got.len(), 1 + want.len(), "{sheet}: a row per CSV row");
    let unit_col = got[0].iter().position(|h| text(h).starts_with("单位 unit"));
    for (c, name) in head.iter().enumerate() {
        let j = column(&got[0], name, sheet);
        let header = text(&got[0][j]);
        for (r, row) in want.iter().enumerate() {
            let cell = got[r + 1].get(j).unwrap_or(&Data::Empty);
            let per_row = header.ends_with("(unit 单位: see the row)");
            let wan =
                header.ends_with("(万元)") || (per_row && unit_col.is_some_and(|u| text(&got[r + 1][u]) == "万元"));
            let d = divisor(name).unwrap_or(if wan { 10_000.0 } else { 1.0 });
            assert!(same(&row[c], cell, d), "{sheet} row {r} column {name}: CSV {} vs {cell:?} (÷ {d})", row[c]);
        }
    }
}

/// The number format of the cell (row, col) of `sheet`.
fn num_format(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str, at: (u32, u32)) -> String {
    let styles = wb.worksheet_style(sheet).unwrap();
    let style = styles.get(at).unwrap_or_else(|| panic!("{sheet} {at:?}: no style"));
    style.number_format.as_ref().map_or_else(|| "General".into(), |f| f.format_code.clone())
}

/// The `n`-th sheet's XML (from 1).
fn sheet_xml(p: &Path, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Display width: a CJK character counts two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FF60}').contains(&c) { 2 } else { 1 })
        .sum()
}

/// The header row of the `n`-th sheet (`cells`) is frozen and every column
/// has a width set, at least that of its widest text and of the integer
/// digits (with separators) of its widest number.
fn frozen_with_widths(p: &Path, n: usize, cells: &[Vec<Data>]) {
    let columns = cells[0].len();
    let xml = sheet_xml(p, n);
    assert!(xml.contains(r#"<pane ySplit="1""#) && xml.contains(r#"state="frozen""#), "sheet {n}: header frozen");
    // `<col min="1" max="3" width="12.0" .../>`: adjacent columns of one width share an element.
    let attr = |c: &str, a: &str| -> f64 {
        c.split(&format!("{a}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    let mut widths: Vec<f64> = Vec::new();
    for c in xml.split("<col ").skip(1) {
        let (min, max) = (attr(c, "min") as usize, attr(c, "max") as usize);
        assert_eq!(min, widths.len() + 1, "sheet {n}: columns in order");
        widths.extend(std::iter::repeat_n(attr(c, "width"), max + 1 - min));
    }
    assert_eq!(widths.len(), columns, "sheet {n}: a width for every column");
    assert!(widths.iter().all(|w| (8.0..=62.0).contains(w)), "sheet {n}: {widths:?}");
    for row in &cells[1..] {
        for (j, c) in row.iter().enumerate() {
            let need = match c {
                Data::String(s) => display_width(s),
                Data::Float(f) => {
                    let digits = format!("{:.0}", f.abs()).len();
                    digits + (digits - 1) / 3 + usize::from(*f < 0.0)
                }
                _ => 0,
            };
            assert!(widths[j] >= need.min(60) as f64, "sheet {n} column {j}: width {} for {c:?}", widths[j]);
        }
    }
}

#[test]
fn simulate_writes_one_workbook_of_both_funds_and_the_districts() {
    let d = scratch("workbook", "simulate");
    let out = d.join("run");
    let o = out.to_str().unwrap();
    medfund_ok(&[
        "simulate",
        "--scenario",
        "chongqing",
        "--years",
        "2",
        "--paths",
        "3",
        "--seed",
        "11",
        "--set",
        "projection.population.members=300",
        "--quiet",
        "--out",
        o,
    ]);
    let x = out.join("report.xlsx");
    let mut wb = open(&x);
    assert_eq!(
        wb.sheet_names(),
        [
            "README",
            "summary",
            "depletion",
            "ledger_means",
            "districts",
            "resident_summary",
            "resident_depletion",
            "resident_ledger_means",
            "resident_adjustment"
        ]
    );
    // The README names the run as run.json does, and its assumptions.
    let text = readme(&mut wb);
    let run: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    let reproduce = run["reproduce"].as_str().unwrap();
    assert!(
        reproduce.starts_with("medfund simulate --scenario chongqing --years 2 --paths 3 --seed 11"),
        "{reproduce}"
    );
    for want in ["随机种子 seed | 11", "场景 scenario | chongqing", "路径数 paths | 3", reproduce] {
        assert!(text.contains(want), "README lacks {want}:\n{text}");
    }
    assert!(text.contains(&format!("medfund 版本 version | {}", run["version"].as_str().unwrap())), "{text}");
    let assumptions = run["assumptions"].as_array().unwrap();
    assert!(!assumptions.is_empty());
    for a in assumptions {
        let line = format!("{} | {}", a[0].as_str().unwrap(), a[1].as_str().unwrap());
        assert!(text.contains(&line), "README lacks the assumption {line}");
    }
    // Each sheet is its CSV file, cell for cell.
    for (sheet, file) in [
        ("summary", "summary.csv"),
        ("depletion", "depletion.csv"),
        ("districts", "districts.csv"),
        ("resident_summary", "resident/summary.csv"),
        ("resident_depletion", "resident/depletion.csv"),
        ("resident_adjustment", "resident/adjustment.csv"),
    ] {
        matches_csv(&mut wb, sheet, &out.join(file), &|_| None);
    }
    // A money cell is the CSV's yuan ÷ 10,000, its header says 万元, and
    // the formats are those intended.
    let (head, csv_rows) = csv(&out.join("summary.csv"));
    let sheet = rows(&mut wb, "summary");
    let j = column(&sheet[0], "balance_p50_yuan", "summary");
    assert_eq!(text_of(&sheet[0][j]), "期末累计结余50%分位 balance_p50_yuan (万元)");
    let yuan: f64 = csv_rows[1][head.iter().position(|h| h == "balance_p50_yuan").unwrap()].parse().unwrap();
    assert_eq!(sheet[2][j], Data::Float(yuan / 10_000.0));
    assert!(yuan.abs() > 10_000.0, "a balance of some size: {yuan}");
    let format_of = |wb: &mut Xlsx<_>, name: &str| {
        let j = column(&sheet[0], name, "summary");
        num_format(wb, "summary", (1, j as u32))
    };
    assert_eq!(format_of(&mut wb, "balance_p50_yuan"), "#,##0.00");
    assert_eq!(format_of(&mut wb, "income_mean_yuan"), "#,##0.00");
    assert_eq!(format_of(&mut wb, "p_below_zero"), "0.0%");
    assert_eq!(format_of(&mut wb, "months_p50"), "0.0");
    assert_eq!(format_of(&mut wb, "paths"), "#,##0");
    // The ledger's means by year (no CSV of its own) agree with the
    // summary's: income, outflow and the closing balance, in 万元, and the
    // current balance is income less outflow.
    for fund in ["", "resident_"] {
        let means = rows(&mut wb, &format!("{fund}ledger_means"));
        let summary = rows(&mut wb, &format!("{fund}summary"));
        let num = |rows: &[Vec<Data>], r: usize, name: &str| match rows[r][column(&rows[0], name, fund)] {
            Data::Float(v) => v,
            ref other => panic!("{fund} {name}: {other:?}"),
        };
        assert_eq!(means.len(), summary.len());
        for r in 1..means.len() {
            for (m, s) in [
                ("income_total", "income_mean_yuan"),
                ("outflow_total", "outflow_mean_yuan"),
                ("balance_closing", "balance_mean_yuan"),
            ] {
                let (a, b) = (num(&means, r, m), num(&summary, r, s));
                assert!((a - b).abs() < 1e-5, "{fund} row {r}: {m} {a} vs {s} {b}");
            }
            let net = num(&means, r, "income_total") - num(&means, r, "outflow_total");
            assert!((num(&means, r, "net_flow") - net).abs() < 1e-5, "{fund} row {r}: net flow");
        }
        let j = column(&means[0], "net_flow", fund);
        assert_eq!(text_of(&means[0][j]), "当期结余均值 net_flow (万元)");
        assert_eq!(num_format(&mut wb, &format!("{fund}ledger_means"), (1, j as u32)), "#,##0.00");
    }
    for n in 2..=9 {
        let name = wb.sheet_names()[n - 1].clone();
        frozen_with_widths(&x, n, &rows(&mut wb, &name));
    }
    // No other workbook in the folder: the resident fund's sheets are in this one.
    assert!(!out.join("resident/report.xlsx").exists());
    std::fs::remove_dir_all(&d).unwrap();
}

fn text_of(d: &Data) -> String {
    text(d)
}

#[test]
fn stress_compare_and_backtest_write_their_tables_formatted() {
    let d = scratch("workbook", "others");
    // stress: the grid's cells and the solver's answer.
    let s = d.join("stress");
    medfund_ok(&[
        "stress",
        "--quiet",
        "--scenario",
        "dingxi",
        "--grid",
        "employer_rate=0.06:0.07:0.01",
        "--grid",
        "medical_inflation=0.04,0.08",
        "--solve",
        "employer_rate=0.05:0.08:0.01",
        "--years",
        "3",
        "--paths",
        "3",
        "--set",
        "projection.population.members=400",
        "--out",
        s.to_str().unwrap(),
    ]);
    let x = s.join("stress.xlsx");
    let mut wb = open(&x);
    assert_eq!(wb.sheet_names(), ["README", "cells", "solve"]);
    let text = readme(&mut wb);
    assert!(text.contains("medfund stress --scenario dingxi --years 3 --paths 3 --seed 42"), "{text}");
    assert!(text.contains("随机种子 seed | 42"), "{text}");
    matches_csv(&mut wb, "cells", &s.join("stress.csv"), &|_| None);
    matches_csv(&mut wb, "solve", &s.join("solve.csv"), &|_| None);
    let cells = rows(&mut wb, "cells");
    let j = column(&cells[0], "p_depletion", "cells");
    assert_eq!(num_format(&mut wb, "cells", (1, j as u32)), "0.0%");
    let j = column(&cells[0], "median_final_months", "cells");
    assert_eq!(num_format(&mut wb, "cells", (1, j as u32)), "0.0");
    frozen_with_widths(&x, 2, &cells);

    // compare: members per path, as compare.md says.
    let c = d.join("compare");
    medfund_ok(&[
        "compare",
        "--scenarios",
        "ziyang,dingxi",
        "--population",
        "luzhou",
        "--set",
        "projection.population.members=300",
        "--paths",
        "4",
        "--quiet",
        "--out",
        c.to_str().unwrap(),
    ]);
    let x = c.join("compare.xlsx");
    let mut wb = open(&x);
    assert_eq!(wb.sheet_names(), ["README", "cities", "groups", "decomposition"]);
    let md = std::fs::read_to_string(c.join("compare.md")).unwrap();
    assert!(md.contains("(the employee scheme of `luzhou`'s projection: 300 members"), "{md}");
    let per_path = |name: &str| (name == "members").then_some(4.0);
    matches_csv(&mut wb, "cities", &c.join("compare_cities.csv"), &per_path);
    matches_csv(&mut wb, "groups", &c.join("compare_groups.csv"), &per_path);
    matches_csv(&mut wb, "decomposition", &c.join("compare_decomposition.csv"), &|_| None);
    let cities = rows(&mut wb, "cities");
    let j = column(&cities[0], "members", "cities");
    assert_eq!(cities[1][j], Data::Float(300.0), "the members compare.md names");
    assert_eq!(num_format(&mut wb, "cities", (1, j as u32)), "#,##0");
    let j = column(&cities[0], "pooled_income_yuan", "cities");
    assert!(text_of(&cities[0][j]).ends_with("(万元)"));
    let j = column(&cities[0], "reimbursement_ratio", "cities");
    assert_eq!(num_format(&mut wb, "cities", (1, j as u32)), "0.0%");
    assert!(readme(&mut wb).contains("medfund compare --scenarios ziyang,dingxi --population luzhou --paths 4"));
    for n in 2..=4 {
        let name = wb.sheet_names()[n - 1].clone();
        frozen_with_widths(&x, n, &rows(&mut wb, &name));
    }

    // backtest: money rows in 万元, counts as counts.
    let b = d.join("backtest");
    let observed = d.join("observed.csv");
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/accounts/ziyang-2025-derived.csv"))
            .unwrap();
    let later: String = base.lines().filter(|l| l.starts_with("2025,")).map(|l| format!("2026{}\n", &l[4..])).collect();
    std::fs::write(&observed, format!("{base}{later}")).unwrap();
    medfund_ok(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--observed",
        observed.to_str().unwrap(),
        "--paths",
        "4",
        "--set",
        "projection.population.members=300",
        "--quiet",
        "--out",
        b.to_str().unwrap(),
    ]);
    let x = b.join("backtest.xlsx");
    let mut wb = open(&x);
    assert_eq!(wb.sheet_names(), ["README", "backtest"]);
    matches_csv(&mut wb, "backtest", &b.join("backtest.csv"), &|_| None);
    let sheet = rows(&mut wb, "backtest");
    let (fig, obs) = (column(&sheet[0], "figure", "backtest"), column(&sheet[0], "observed", "backtest"));
    let row_of = |name: &str| 1 + sheet[1..].iter().position(|r| text_of(&r[fig]) == name).unwrap() as u32;
    assert_eq!(num_format(&mut wb, "backtest", (row_of("pooled_income"), obs as u32)), "#,##0.00");
    assert_eq!(num_format(&mut wb, "backtest", (row_of("admissions"), obs as u32)), "#,##0");
    frozen_with_widths(&x, 2, &sheet);
    std::fs::remove_dir_all(&d).unwrap();
}
