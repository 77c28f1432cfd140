//! The national scenario (issue 11): `scenarios/national.toml` loads and is
//! shown; its weights carry the national totals of the NHSA 2023 bulletin
//! (members × 1/sample is the national insured, in service : retired 2.71
//! within sampling error); a 30-year run from 2023 works, opens on the
//! derived start-of-2023 balance, and shows the retirements of the phased
//! retirement-age reform; and `data/accounts/national-2023.csv` says what
//! `../shared/calibration.md` says, figure by figure, read from the markdown
//! itself so that a transcription slip fails.

mod common;

use std::path::Path;

use common::{medfund, ok, scratch};
use medfund_sim::montecarlo::{RunOptions, setup};
use medfund_sim::population::{EMPLOYEE, FLEXIBLE, RETIREE};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/national.toml");
const ACCOUNTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/accounts/national-2023.csv");
const CALIBRATION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/calibration.md");

// ---------------------------------------------------------------- calibration.md

/// The committed copy of calibration.md's "Base year 2023" section.
const COPY: &str = include_str!("../data/accounts/calibration-2023.md");

/// The "Base year 2023" section: from `../shared/calibration.md` where the
/// shared folder is beside the checkout (and then the committed copy must
/// be verbatim), else from the copy (a clone without `../shared`).
fn base_year_section() -> String {
    let copy = COPY.split_once("-->\n").map_or(COPY, |c| c.1);
    let copy = copy.strip_prefix("## Base year 2023").expect("the copy starts with the section's heading");
    match std::fs::read_to_string(CALIBRATION) {
        Ok(md) => {
            let (_, section) =
                md.split_once("## Base year 2023").expect("a \"Base year 2023\" section in calibration.md");
            let section = section.split("\n## ").next().unwrap();
            assert_eq!(
                section.trim_end(),
                copy.trim_end(),
                "data/accounts/calibration-2023.md is no longer a verbatim copy"
            );
            section.to_string()
        }
        Err(_) => copy.to_string(),
    }
}

/// The "Base year 2023" table of calibration.md: (figure, 2023, note) by row.
fn base_year_table() -> Vec<[String; 3]> {
    let section = base_year_section();
    let rows: Vec<[String; 3]> = section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .skip(1) // the header
        .map(|l| {
            let cells: Vec<String> = l.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            assert_eq!(cells.len(), 3, "{l}");
            [cells[0].clone(), cells[1].clone(), cells[2].clone()]
        })
        .collect();
    assert!(rows.len() >= 9, "{rows:?}");
    rows
}

/// The cell (1: the 2023 value, 2: the note) of the row whose figure starts
/// with `figure`.
fn cell(table: &[[String; 3]], figure: &str, col: usize) -> String {
    let rows: Vec<&[String; 3]> = table.iter().filter(|r| r[0].starts_with(figure)).collect();
    assert_eq!(rows.len(), 1, "one row `{figure}` in calibration.md's base-year table: {table:?}");
    rows[0][col].clone()
}

/// The number written right after `after` in `text` (thousands commas
/// dropped) and what follows it, e.g. ("27099", "万 (flexible …").
fn number_after<'a>(text: &'a str, after: &str) -> (String, &'a str) {
    let i = text.find(after).unwrap_or_else(|| panic!("`{after}` in `{text}`")) + after.len();
    let rest = &text[i..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(rest.len());
    let written = rest[..end].trim_end_matches('.');
    let n = written.replace(',', "");
    assert!(!n.is_empty() && n.parse::<f64>().is_ok(), "a number after `{after}` in `{text}`");
    (n, &rest[written.len()..])
}

/// A decimal as an exact integer of hundredths (the figures have at most
/// two decimals).
fn hundredths(s: &str) -> i64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    assert!(frac.len() <= 2, "{s}");
    whole.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}").parse::<i64>().unwrap()
}

// ---------------------------------------------------------------- the accounts file

struct Row {
    year: String,
    figure: String,
    value: String,
    unit: String,
    source: String,
}

/// The accounts file, checked against its format letter by letter: the
/// header, a plain decimal, a unit of the list, a quoted source.
fn accounts() -> Vec<Row> {
    let text = std::fs::read_to_string(ACCOUNTS).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,figure,value,unit,source"));
    let units = ["yuan", "万元", "亿元", "persons", "万人", "fraction", "%", "yuan/year", "yuan/month"];
    lines
        .map(|l| {
            let f: Vec<&str> = l.splitn(5, ',').collect();
            assert_eq!(f.len(), 5, "{l}");
            let (year, figure, value, unit, source) = (f[0], f[1], f[2], f[3], f[4]);
            assert!(
                !value.is_empty()
                    && value.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && value.matches('.').count() <= 1
                    && !value.starts_with('.')
                    && !value.ends_with('.'),
                "`{value}` is not a plain decimal: {l}"
            );
            assert!(units.contains(&unit), "unit `{unit}`: {l}");
            assert!(source.len() > 2 && source.starts_with('"') && source.ends_with('"'), "a quoted source: {l}");
            let inner = &source[1..source.len() - 1];
            assert!(!inner.replace("\"\"", "").contains('"'), "quotes in the source are doubled: {l}");
            assert!(inner.starts_with("NHSA 2023 statistical bulletin, via shared/calibration.md"), "{l}");
            Row {
                year: year.into(),
                figure: figure.into(),
                value: value.into(),
                unit: unit.into(),
                source: inner.replace("\"\"", "\""),
            }
        })
        .collect()
}

/// Every row of data/accounts/national-2023.csv is the figure calibration.md
/// gives, in the unit it gives it: each number is read from the markdown.
#[test]
fn national_accounts_match_calibration_md() {
    let t = base_year_table();
    let rows = accounts();
    let names: Vec<&str> = rows.iter().map(|r| r.figure.as_str()).collect();
    assert_eq!(
        names,
        [
            "insured_working",
            "insured_retirees",
            "pooled_income",
            "pooled_spending",
            "admissions",
            "cost_per_admission",
            "in_scope_ratio",
            "closing_balance",
            "avg_wage"
        ],
        "one row per figure"
    );
    assert!(rows.iter().all(|r| r.year == "2023"), "2023 on every row");
    // (figure, calibration.md row, column, number after, unit mark after
    // the number, the unit in the accounts file)
    let insured = cell(&t, "employee insured", 2);
    let expect: [(&str, String, &str, &str, &str); 9] = [
        ("insured_working", insured.clone(), "in service ", "万", "万人"),
        ("insured_retirees", insured, "retirees ", "万", "万人"),
        ("pooled_income", cell(&t, "pooled fund income", 1), "", "亿", "亿元"),
        ("pooled_spending", cell(&t, "pooled fund spending", 1), "", "亿", "亿元"),
        ("admissions", cell(&t, "admissions (出院)", 1), "", "万", "万人"),
        ("cost_per_admission", cell(&t, "cost per admission", 1), "", " yuan", "yuan"),
        ("in_scope_ratio", cell(&t, "in-scope (目录内) inpatient fund payment ratio", 1), "", "%", "%"),
        ("closing_balance", cell(&t, "pooled accumulated balance, end of 2023", 1), "about ", "亿", "亿元"),
        ("avg_wage", cell(&t, "average wage", 1), "", " yuan a year", "yuan/year"),
    ];
    for (figure, text, after, mark, unit) in expect {
        let r = rows.iter().find(|r| r.figure == figure).unwrap();
        let (n, rest) = number_after(&text, after);
        assert!(rest.starts_with(mark), "{figure}: `{text}` has `{mark}` after {n}");
        assert_eq!(r.unit, unit, "{figure}");
        assert_eq!(hundredths(&r.value), hundredths(&n), "{figure}: the file has {}, calibration.md `{text}`", r.value);
    }
    // The sum and the ratio the bulletin's note gives hold in the file.
    let v = |f: &str| hundredths(&rows.iter().find(|r| r.figure == f).unwrap().value);
    let (total, _) = number_after(&cell(&t, "employee insured", 1), "");
    assert_eq!(v("insured_working") + v("insured_retirees"), hundredths(&total), "in service + retirees = {total}万");
    let (ratio, _) = number_after(&cell(&t, "employee insured", 2), "in-service : retired ");
    let r = v("insured_working") as f64 / v("insured_retirees") as f64;
    assert!((r - ratio.parse::<f64>().unwrap()).abs() < 0.005, "{r} against {ratio}");
    let (balance, _) = number_after(&cell(&t, "pooled current-year balance", 1), "");
    assert_eq!(v("pooled_income") - v("pooled_spending"), hundredths(&balance), "income − spending = {balance}亿");
    // The closing balance is derived as calibration.md says, and each
    // derived or unsure figure says so.
    let note = cell(&t, "pooled accumulated balance, end of 2023", 2);
    let (gross, _) = number_after(&note, "pooled balance ");
    let (resident, _) = number_after(&note, "resident fund's ");
    assert!(((hundredths(&gross) - hundredths(&resident)) - v("closing_balance")).abs() < 100, "{note}");
    let src = |f: &str| rows.iter().find(|r| r.figure == f).unwrap().source.clone();
    assert!(src("closing_balance").contains("derived"), "{}", src("closing_balance"));
    assert!(src("avg_wage").contains("unsure"), "{}", src("avg_wage"));
    assert!(src("admissions").contains("admissions (出院人次)"), "{}", src("admissions"));
}

// ---------------------------------------------------------------- the scenario

/// `scenario validate` and `scenario show` take the file; its population
/// is the national one through its weights: 370,950 simulated members of
/// 1,000 people each are the bulletin's 37,095万, and its categories are
/// in service 27,099万 and retirees 9,996万 within sampling error.
#[test]
fn national_scenario_carries_the_national_totals() {
    let v = ok(&medfund(&["scenario", "validate", "scenarios/national.toml"]));
    assert!(v.contains("national.toml: ok"), "{v}");
    let show = ok(&medfund(&["scenario", "show", "national"]));
    assert!(show.starts_with("national — ") && show.contains("in force from: 2023-01-01"), "{show}");
    let (_, assumed) = show.split_once("== Assumptions").unwrap();
    for key in ["[context.avg_wage]", "[projection.population]", "[projection.fund]", "[projection.districts]"] {
        assert!(assumed.contains(key), "{key} among the assumptions");
    }
    let list = ok(&medfund(&["scenario", "list"]));
    assert!(list.lines().any(|l| l.starts_with("national ") && l.contains("from 2023-01-01")), "{list}");

    let t = base_year_table();
    let wan = |s: &str| hundredths(s) as f64 / 100.0 * 1e4;
    let total = wan(&number_after(&cell(&t, "employee insured", 1), "").0);

    let sc = medfund_sim::Scenario::load(Path::new(SCENARIO)).unwrap();
    let o = RunOptions { years: 1, paths: 1, seed: 42, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    assert_eq!(s.years, [2023], "the projection starts in the accounts' base year");
    let n = s.base.people.len() as f64;
    let w = f64::from(s.weight);
    assert_eq!(w, 4000.0);
    // About 92,700 simulated: 30 years of them are about the member-years
    // of the default 10-year Ziyang run (300,000).
    assert!((90_000.0..=95_000.0).contains(&n), "{n} members simulated");
    // members × 1/sample is the insured at the start of 2023, fitted
    // (calibrate --accounts) so that the year-end counts are the
    // bulletin's: within 1% of its total.
    assert_eq!(n * w, 370_748_000.0, "members × 1/sample");
    assert!((n * w / total - 1.0).abs() < 0.01, "{} against the bulletin's {total}", n * w);
    let count = |c: u8| s.base.people.iter().filter(|p| p.category == c).count() as f64;
    let in_service = count(EMPLOYEE) + count(FLEXIBLE);
    let retirees = count(RETIREE);
    assert_eq!(in_service + retirees, n);
    // Categories are drawn member by member: binomial sampling error
    // around the scenario's shares, which are fitted so that the year-end
    // counts are the bulletin's (retirees 26.663% at the start of the year
    // for 26.947% at its end; medfund-analysis tests/fit.rs checks those).
    let p = 0.266627;
    let se = (n * p * (1.0 - p)).sqrt() * w;
    assert!((retirees * w - p * n * w).abs() < 4.0 * se, "retirees {} (se {se})", retirees * w);
    assert!((in_service * w - (1.0 - p) * n * w).abs() < 4.0 * se, "in service {}", in_service * w);
    // The bulletin's in-service : retired of 2.71 at the end of 2023 is
    // 2.75 at its start, retirements and deaths coming in between.
    let ratio = in_service / retirees;
    let se_ratio = se / w / (n * p * p);
    assert!((ratio - (1.0 - p) / p).abs() < 4.0 * se_ratio + 0.005, "in service : retired {ratio} (se {se_ratio})");
    // Flexible workers: the 16% chosen between 14.6% (2022) and 17.4% (2024).
    let flex = count(FLEXIBLE) / n;
    assert!((0.146..=0.174).contains(&flex), "flexible share {flex}");
    // The opening balance is fitted so that the end of 2023 is the derived
    // end-2023 balance: within 1% of that balance (33,979.75 − 7,663.70)
    // less the year's 4,927.53, in 亿.
    let note = cell(&t, "pooled accumulated balance, end of 2023", 2);
    let gross = hundredths(&number_after(&note, "pooled balance ").0);
    let resident = hundredths(&number_after(&note, "resident fund's ").0);
    let year = hundredths(&number_after(&cell(&t, "pooled current-year balance", 1), "").0);
    // hundredths of 亿 are 1,000,000 yuan, 100,000,000 fen.
    // The sampling variance of a national year's net flow fits its column
    // with a hundredfold margin (measured 1.5 × 10¹⁶ units of 10⁴ yuan²: a
    // standard error of 122亿; in yuan² it overflowed i64, capping the
    // reported error at 30亿).
    let (rows, _) = medfund_sim::montecarlo::run_paths(&s, 0..1, &|| {}).unwrap().remove(0);
    assert!(rows.iter().all(|r| r.ledger.net_flow_var > 0 && r.ledger.net_flow_var < i64::MAX / 100), "{rows:?}");
    let derived = ((gross - resident - year) * 100_000_000) as f64;
    assert!(
        (s.fund.opening_balance.0 as f64 / derived - 1.0).abs() < 0.01,
        "{:?} against {derived}",
        s.fund.opening_balance
    );
}

/// A 30-year run with two paths: 2023 to 2052 in the summary and the
/// ledger, the first year opening on the scenario's balance with the
/// national insured at its start; retirements dip as the 2025 reform
/// phases in (data/retirement_ages.csv) and recover when it is complete.
#[test]
fn national_runs_thirty_years_under_the_retirement_reform() {
    let d = scratch("national", "run30");
    let out = d.join("run");
    ok(&medfund(&[
        "simulate",
        "--scenario",
        "national",
        "--years",
        "30",
        "--paths",
        "2",
        "--seed",
        "7",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]));
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let years: Vec<i32> = summary.lines().skip(1).map(|l| l.split(',').next().unwrap().parse().unwrap()).collect();
    assert_eq!(years, (2023..2053).collect::<Vec<_>>());
    let ledger = std::fs::read_to_string(out.join("ledger.csv")).unwrap();
    let mut lines = ledger.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 60, "2 paths × 30 years × one ledger");
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let f = |r: &Vec<&str>, name: &str| r[col(name)].parse::<f64>().unwrap();
    let by_year = |name: &str, y: i32| -> f64 {
        rows.iter().filter(|r| r[col("year")] == y.to_string()).map(|r| f(r, name)).sum::<f64>() / 2.0
    };
    for r in rows.iter().filter(|r| r[col("year")] == "2023") {
        assert_eq!(f(r, "balance_opening_yuan"), 2_141_213_063_657.0, "the scenario's (fitted) opening balance");
        let start: f64 = ["employees", "flexible", "retirees", "deaths", "exits"].iter().map(|c| f(r, c)).sum::<f64>()
            - f(r, "entrants");
        assert_eq!(start, 370_748_000.0, "the scenario's (fitted) insured at the start of 2023");
    }
    // Retirements a year: the reform (from 2025) delays them, most in its
    // first years (men and women cadres one month per four, women workers
    // one month per two), and the yearly number recovers from 2041 when
    // the new ages are reached.
    let mean = |ys: std::ops::RangeInclusive<i32>| {
        let n = ys.clone().count() as f64;
        ys.map(|y| by_year("retirements", y)).sum::<f64>() / n
    };
    let (before, during, after) = (mean(2023..=2024), mean(2026..=2027), mean(2041..=2045));
    assert!(during < 0.85 * before, "retirements {during} a year in 2026–27 against {before} in 2023–24");
    assert!(after > 1.2 * during, "retirements {after} a year in 2041–45 against {during} in 2026–27");
}
