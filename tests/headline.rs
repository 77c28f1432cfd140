//! The headline (issue 11): `simulate` opens report.md, report.html and
//! its terminal summary with one sentence a fund, and every figure in it
//! agrees with what the run's own files say, recomputed here from
//! ledger.csv and summary.csv: the share of futures that run dry (a year
//! closing below zero or in which the fiscal backstop pays, the city's
//! districts summed), the median first dry year, what the backstop pays,
//! months of payment at the end, and the general average premium beside
//! the rate charged (present values at the scenarios' mean interest, 1.5%).

mod common;

use common::medfund_ok as medfund;
use std::collections::BTreeMap;
use std::path::Path;

fn csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let s = std::fs::read_to_string(p).unwrap();
    let mut lines = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head = lines.next().unwrap().split(',').map(str::to_string).collect();
    (head, lines.map(|l| l.split(',').map(str::to_string).collect()).collect())
}

/// Yuan with at most two decimals as fen, exactly.
fn fen(v: &str) -> i64 {
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    assert!(frac.len() <= 2, "{v}");
    let x = whole.trim_start_matches('-').parse::<i64>().unwrap() * 100 + format!("{frac:0<2}").parse::<i64>().unwrap();
    if whole.starts_with('-') { -x } else { x }
}

/// The city's year of one path, summed over districts, in fen.
#[derive(Default, Clone)]
struct Year {
    closing: i64,
    opening: i64,
    subsidy: i64,
    outflow_and_accounts: i64,
    base: i64,
    other: i64,
    contributions: i64,
    income: i64,
    outflow: i64,
}

fn ledger(dir: &Path) -> BTreeMap<u32, BTreeMap<i32, Year>> {
    let (head, rows) = csv(&dir.join("ledger.csv"));
    let c = |n: &str| head.iter().position(|h| h == n).unwrap_or_else(|| panic!("no column {n}"));
    let mut out: BTreeMap<u32, BTreeMap<i32, Year>> = BTreeMap::new();
    for r in &rows {
        let g = |n: &str| fen(&r[c(n)]);
        let y = out.entry(r[c("path")].parse().unwrap()).or_default().entry(r[c("year")].parse().unwrap()).or_default();
        y.closing += g("balance_closing_yuan");
        y.opening += g("balance_opening_yuan");
        y.subsidy += g("fiscal_subsidy_yuan");
        // to_personal_accounts is written negative (a deduction).
        y.outflow_and_accounts += g("outflow_total_yuan") - g("to_personal_accounts_yuan");
        y.base += g("contribution_base_yuan");
        y.other += g("lump_sums_yuan") + g("per_head_fees_yuan");
        y.contributions += g("employer_yuan") + g("employee_yuan") + g("flexible_contributions_yuan");
        y.income += g("income_total_yuan");
        y.outflow += g("outflow_total_yuan");
    }
    out
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// 万元 or 亿元 to two decimals, digits grouped (as the report writes them).
fn wan_or_yi(f: i64) -> String {
    let (unit, name) = if f.abs() >= 10_000_000_000 { (100_000_000i64, "亿元") } else { (10_000, "万元") };
    let h = ((f.abs() as f64 / unit as f64).round()) as i64 * f.signum();
    let int = (h.abs() / 100).to_string();
    let grouped: String = int
        .chars()
        .enumerate()
        .flat_map(|(k, ch)| (k > 0 && (int.len() - k).is_multiple_of(3)).then_some(',').into_iter().chain([ch]))
        .collect();
    format!("{}{grouped}.{:02}{name}", if h < 0 { "-" } else { "" }, h.abs() % 100)
}

fn check(scenario: &str, extra: &[&str]) {
    let dir = common::scratch("headline", scenario);
    let d = dir.to_str().unwrap();
    let mut args = vec!["simulate", "--scenario", scenario, "--paths", "20", "--years", "10", "--out", d];
    args.extend_from_slice(extra);
    let stdout = medfund(&args);
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let paras: Vec<&str> = md.split("\n\n").collect();
    assert_eq!(paras[0], format!("# medfund projection: {scenario}"));
    let h = paras[1];
    // The terminal summary opens with it; the HTML page has it before its
    // navigation.
    assert!(stdout.starts_with(&format!("{h}\n\n")), "{stdout}");
    medfund(&["report", d]);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let at = html.find(&format!("<p>{}</p>", h.replace('\'', "&#39;"))).expect("headline in report.html");
    assert!(at < html.find("<nav>").unwrap() && at < 5_000 + html.find("<h1>").unwrap());

    let city = ledger(&dir);
    let n = city.len();
    assert_eq!(n, 20);
    let years: Vec<i32> = city.values().next().unwrap().keys().copied().collect();
    let span = format!("{}–{}", years[0], years[years.len() - 1]);
    // Dry: balance below zero or the backstop paying, per path.
    let mut first: Vec<f64> = city
        .values()
        .map(|p| p.iter().find(|(_, y)| y.closing < 0 || y.subsidy > 0).map_or(f64::INFINITY, |(y, _)| f64::from(*y)))
        .collect();
    let dry = first.iter().filter(|y| y.is_finite()).count();
    let mut of_dry: Vec<f64> = first.iter().copied().filter(|y| y.is_finite()).collect();
    let p = format!("{:.1}%", 100.0 * dry as f64 / n as f64);
    let m = median(&mut first);
    let expect_dry = if dry == 0 {
        format!("does not run dry in any of the 20 futures over {span}")
    } else if m.is_finite() {
        format!("in {p} of the 20 futures over {span}, first in {} in the median future", m.ceil())
    } else {
        format!(
            "in {p} of the 20 futures over {span}, so not within the horizon in the median future, the median first \
             year of those that do being {}",
            median(&mut of_dry).ceil()
        )
    };
    assert!(h.contains(&expect_dry), "{h}\nwant: {expect_dry}");
    // The deficit years of report.md, recomputed: per path the first year
    // whose income less the backstop's payment is below the outflow, and
    // the first dry year; nearest-rank 5%, 50%, 95% (the 1st, 10th and
    // 19th of 20), a path without one later than the horizon.
    let report = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let last = years[years.len() - 1];
    let row = |firsts: Vec<Option<i32>>| {
        let mut v: Vec<i32> = firsts.iter().map(|y| y.unwrap_or(i32::MAX)).collect();
        v.sort_unstable();
        let show = |y: i32| if y == i32::MAX { format!("after {last}") } else { y.to_string() };
        let share = firsts.iter().filter(|y| y.is_some()).count() as f64 / n as f64;
        format!("| {} | {} | {} | {:.1}% |", show(v[0]), show(v[9]), show(v[18]), 100.0 * share)
    };
    let current =
        row(city.values().map(|p| p.iter().find(|(_, y)| y.income - y.subsidy < y.outflow).map(|(y, _)| *y)).collect());
    let accumulated =
        row(city.values().map(|p| p.iter().find(|(_, y)| y.closing < 0 || y.subsidy > 0).map(|(y, _)| *y)).collect());
    assert!(report.contains(&format!("| first current-year deficit (当期赤字) {current}")), "{report}\nwant {current}");
    assert!(report.contains(&format!("| first accumulated deficit (累计赤字) {accumulated}")), "want {accumulated}");
    // The share agrees with depletion.csv where no backstop pays (dingxi).
    let total: i64 = city.values().flat_map(|p| p.values()).map(|y| y.subsidy).sum();
    if total == 0 {
        assert!(h.contains("; the fiscal backstop pays nothing;"), "{h}");
        let (_, dep) = csv(&dir.join("depletion.csv"));
        let never: f64 = dep.iter().find(|r| r[0] == "never").unwrap()[1].parse().unwrap();
        assert!((1.0 - never - dry as f64 / n as f64).abs() < 1e-9);
    } else {
        let mut paying: Vec<i64> =
            city.values().map(|p| p.values().map(|y| y.subsidy).sum::<i64>()).filter(|s| *s > 0).collect();
        paying.sort();
        let k = paying.len();
        let med = if k % 2 == 1 { paying[k / 2] } else { (paying[k / 2 - 1] + paying[k / 2] + 1) / 2 };
        let want = format!(
            "the fiscal backstop pays {} over the horizon in expectation (the mean over all futures; {} in the median \
             of the {k} future",
            wan_or_yi((total as f64 / n as f64).round() as i64),
            wan_or_yi(med)
        );
        assert!(h.contains(&want), "{h}\nwant: {want}");
    }
    // Months at the end, from summary.csv's last row.
    let (head, rows) = csv(&dir.join("summary.csv"));
    let last = rows.last().unwrap();
    let months = |c: &str| format!("{:.1}", last[head.iter().position(|x| x == c).unwrap()].parse::<f64>().unwrap());
    let want = format!(
        "at the end of {} it holds {} months of payment (累计结余可支付月数) in the median future (5–95%: {} to {})",
        years[years.len() - 1],
        months("months_p50"),
        months("months_p5"),
        months("months_p95")
    );
    assert!(h.contains(&want), "{h}\nwant: {want}");
    // The general average premium and the rate charged, mean over paths.
    let (mut gap, mut charged) = (0.0, 0.0);
    for p in city.values() {
        let (mut out, mut base, mut other, mut contrib) = (0.0, 0.0, 0.0, 0.0);
        for (t, y) in p.values().enumerate() {
            let v = 1.015f64.powi(-(t as i32 + 1)) / 100.0;
            out += v * y.outflow_and_accounts as f64;
            base += v * y.base as f64;
            other += v * y.other as f64;
            contrib += v * y.contributions as f64;
        }
        let opening = p.values().next().unwrap().opening as f64 / 100.0;
        gap += (out - opening - other) / base;
        charged += contrib / base;
    }
    let want = format!(
        "its general average premium is {:.2}% of the contribution base against {:.2}% charged (present values at \
         1.5% a year).",
        100.0 * gap / n as f64,
        100.0 * charged / n as f64
    );
    assert!(h.ends_with(&want), "{h}\nwant: {want}");
}

#[test]
fn dingxi_runs_dry_and_its_headline_says_so() {
    // Calibrated, Dingxi's fund holds over ten years; on a thin opening
    // balance (5,000万 for its 3.9亿 of yearly spending) and 8% medical
    // inflation it runs dry in some futures (measured: 65% of 20).
    check(
        "dingxi",
        &[
            "--set",
            "projection.fund.opening_balance=50000000",
            "--set",
            "projection.economy.medical_inflation={ mean = 0.08, sd = 0.03 }",
        ],
    );
}

#[test]
fn ziyang_headline_agrees_with_its_files() {
    check("ziyang", &[]);
}
