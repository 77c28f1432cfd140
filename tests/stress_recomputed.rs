//! `stress.csv` recomputed from the ledger of each cell by plain counting
//! and sorting, not by the engine's functions. A stress cell is the
//! scenario with the cell's values set, so `medfund simulate` with the same
//! `--set`, seed and paths draws the same paths (common random numbers);
//! its `ledger.csv` is the cell's ledger. From it, per path (districts
//! summed, in fen):
//! - months of payment = closing balance ÷ (year's outflow ÷ 12)
//!   (calibration.md, 累计结余可支付月数), a year without outflow counting
//!   as above any threshold;
//! - P(months ≥ 6 / ≥ 3 in every year): the share of paths with no year
//!   below; P(depletion): the share with a closing balance below zero in
//!   some year; the median first year of depletion (a path that never
//!   depletes sorts last; between two years, the later), and the median of
//!   the last year's months;
//! - the general average premium, the path's constant rate of the
//!   contribution base that pays its outflow and account crediting from
//!   its contributions, lump sums, per-head fees and opening balance in
//!   present values (flows at year end, discounted at the interest mean),
//!   averaged over paths; the rate charged likewise.

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
        let text = text.trim_start_matches('\u{feff}');
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

/// The interest mean set in every run, so that the discount rate of the
/// premium is known here.
const INTEREST: f64 = 0.015;
const AXIS: &str = "projection.economy.medical_inflation.mean";
const VALUES: [&str; 2] = ["0.04", "0.10"];

fn common_args(paths: &str) -> Vec<String> {
    [
        "--scenario",
        "dingxi",
        "--set",
        "projection.population.members=3000",
        "--set",
        "projection.fund.opening_balance=5000000",
        "--set",
        "projection.economy.interest={ mean = 0.015, sd = 0.003 }",
        "--set",
        "projection.economy.medical_inflation.sd=0.05",
        "--paths",
        paths,
        "--years",
        "7",
        "--seed",
        "23",
        "--quiet",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn medfund(args: &[String]) {
    common::medfund_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
}

/// One path's year: (closing, opening, outflow, contribution base,
/// contributions charged, to personal accounts, other income), in fen.
type Year = [i64; 7];

/// Per path, its years in order (districts summed).
fn paths_of(ledger: &Csv) -> BTreeMap<u32, BTreeMap<i32, Year>> {
    let c = |n: &str| ledger.col(n);
    let cols = [
        vec![c("balance_closing_yuan")],
        vec![c("balance_opening_yuan")],
        vec![c("outflow_total_yuan")],
        vec![c("contribution_base_yuan")],
        vec![c("employer_yuan"), c("employee_yuan"), c("flexible_contributions_yuan")],
        vec![c("to_personal_accounts_yuan")],
        vec![c("lump_sums_yuan"), c("per_head_fees_yuan")],
    ];
    let (cp, cy) = (c("path"), c("year"));
    let mut out: BTreeMap<u32, BTreeMap<i32, Year>> = BTreeMap::new();
    for r in &ledger.rows {
        let y = out.entry(r[cp].parse().unwrap()).or_default().entry(r[cy].parse().unwrap()).or_default();
        for (k, idx) in cols.iter().enumerate() {
            y[k] += idx.iter().map(|&i| fen(&r[i])).sum::<i64>();
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

struct Recomputed {
    months6: f64,
    months3: f64,
    depletion: f64,
    median_first: Option<i32>,
    median_final_months: f64,
    premium: f64,
    charged: f64,
}

fn recompute(ledger: &Csv) -> Recomputed {
    let paths = paths_of(ledger);
    let n = paths.len() as f64;
    let months = |y: &Year| if y[2] > 0 { y[0] as f64 / (y[2] as f64 / 12.0) } else { f64::INFINITY };
    let share = |f: &dyn Fn(&BTreeMap<i32, Year>) -> bool| paths.values().filter(|p| f(p)).count() as f64 / n;
    let mut first = Vec::new();
    let mut last = Vec::new();
    let (mut premium, mut charged) = (0.0, 0.0);
    for p in paths.values() {
        first.push(p.iter().find(|(_, y)| y[0] < 0).map_or(f64::INFINITY, |(&year, _)| f64::from(year)));
        last.push(months(p.values().last().unwrap()));
        let (mut out, mut base, mut other, mut contrib) = (0.0, 0.0, 0.0, 0.0);
        for (t, y) in p.values().enumerate() {
            let v = (1.0 + INTEREST).powi(-(t as i32 + 1));
            // The ledger writes the crediting as a negative income column.
            out += v * (y[2] - y[5]) as f64 / 100.0;
            base += v * y[3] as f64 / 100.0;
            contrib += v * y[4] as f64 / 100.0;
            other += v * y[6] as f64 / 100.0;
        }
        let opening = p.values().next().unwrap()[1] as f64 / 100.0;
        premium += (out - opening - other) / base;
        charged += contrib / base;
    }
    let mf = median(first);
    Recomputed {
        months6: share(&|p| p.values().all(|y| months(y) >= 6.0)),
        months3: share(&|p| p.values().all(|y| months(y) >= 3.0)),
        depletion: share(&|p| p.values().any(|y| y[0] < 0)),
        median_first: mf.is_finite().then(|| mf.ceil() as i32),
        median_final_months: median(last),
        premium: premium / n,
        charged: charged / n,
    }
}

fn close(what: &str, file: &str, ours: f64) {
    let f: f64 = file.parse().unwrap_or_else(|_| panic!("{what}: {file:?}"));
    assert!((f - ours).abs() <= 1e-9 * ours.abs().max(1.0), "{what}: stress.csv {f}, recomputed {ours}");
}

#[test]
fn stress_cells_are_their_ledgers_counted() {
    let dir = common::scratch("stress_recomputed", "dingxi");
    let paths = "16";
    let stress = dir.join("stress");
    let mut args = vec!["stress".to_string()];
    args.extend(common_args(paths));
    args.extend(["--grid".into(), format!("{AXIS}={}", VALUES.join(",")), "--out".into(), path(&stress)]);
    medfund(&args);
    let grid = Csv::read(&stress.join("stress.csv"));
    assert_eq!(grid.rows.len(), VALUES.len());
    let mut depletions = Vec::new();
    for (row, value) in grid.rows.iter().zip(VALUES) {
        let cell = |n: &str| row[grid.col(n)].as_str();
        close(AXIS, cell(AXIS), value.parse().unwrap());
        let run = dir.join(format!("cell-{value}"));
        let mut args = vec!["simulate".to_string()];
        args.extend(common_args(paths));
        args.extend(["--set".into(), format!("{AXIS}={value}"), "--out".into(), path(&run)]);
        medfund(&args);
        let r = recompute(&Csv::read(&run.join("ledger.csv")));
        let at = |m: &str| format!("{AXIS}={value}: {m}");
        assert_eq!(cell("paths"), paths);
        close(&at("p_months6_every_year"), cell("p_months6_every_year"), r.months6);
        close(&at("p_months3_every_year"), cell("p_months3_every_year"), r.months3);
        close(&at("p_depletion"), cell("p_depletion"), r.depletion);
        let mf = cell("median_first_depletion");
        assert_eq!(mf.parse::<i32>().ok(), r.median_first, "{}: {mf:?}", at("median_first_depletion"));
        if r.median_final_months.is_finite() {
            close(&at("median_final_months"), cell("median_final_months"), r.median_final_months);
        } else {
            assert_eq!(cell("median_final_months"), "", "{}", at("median_final_months"));
        }
        close(&at("general_average_premium"), cell("general_average_premium"), r.premium);
        close(&at("current_rate"), cell("current_rate"), r.charged);
        depletions.push(r.depletion);
    }
    // Not vacuous: the fast-inflation cell depletes on some paths but not
    // all, the slow one on fewer, so the counts and the median first year
    // are exercised (seed 23: 0 and 8 of 16; 12% inflation depletes all 16 since the histories of issue 15).
    assert!(depletions[0] < depletions[1] && depletions[1] < 1.0, "{depletions:?}");
}

fn path(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}
