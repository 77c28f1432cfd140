//! `medfund report` on every folder medfund writes (issue 13): a stress
//! grid, a comparison, a sensitivity analysis, a backtest and a run-to-run
//! difference get a page of their own report, every CSV table of the folder and every chart; the yearly
//! summary shows its risk columns first and the rest on demand; the fund
//! most at risk comes first.

mod common;

use std::path::Path;
use std::process::Output;

use common::medfund;

#[track_caller]
fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn page(dir: &Path) -> String {
    ok(medfund(&["report", dir.to_str().unwrap()]));
    std::fs::read_to_string(dir.join("report.html")).unwrap()
}

const SMALL: [&str; 6] = ["--sample", "0.01", "--seed", "3", "--quiet", "--paths"];

#[test]
fn stress_compare_and_diff_folders_get_their_own_page() {
    let d = common::scratch("report_kinds", "kinds");
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let stress = p("stress");
    let mut a: Vec<&str> = vec!["stress", "--scenario", "ziyang", "--grid", "employer_rate=0.05,0.07", "--years", "3"];
    a.extend(SMALL);
    a.extend(["3", "--out", &stress]);
    ok(medfund(&a));
    let html = page(&d.join("stress"));
    assert!(html.contains("<title>medfund stress test: ziyang"), "{}", &html[..400]);
    assert!(html.contains("<summary>stress.md</summary>"));
    assert!(html.contains("data-file=\"stress.csv\""));
    // Every chart of the folder, inline.
    let charts = std::fs::read_dir(d.join("stress"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".svg"));
    let n = charts.count();
    assert!(n >= 4, "{n} charts");
    assert_eq!(html.matches("<figure").count(), n);

    let cmp = p("compare");
    let mut a: Vec<&str> = vec!["compare", "--scenarios", "ziyang,dingxi"];
    a.extend(SMALL);
    a.extend(["1", "--out", &cmp]);
    ok(medfund(&a));
    let html = page(&d.join("compare"));
    assert!(html.contains("<summary>compare.md</summary>"));
    let files: Vec<usize> = ["compare_cities.csv", "compare_groups.csv", "compare_decomposition.csv"]
        .iter()
        .map(|f| html.find(&format!("data-file=\"{f}\"")).unwrap_or_else(|| panic!("{f}")))
        .collect();
    // The folder's own table first.
    assert!(files[0] < files[1] && files[0] < files[2], "{files:?}");

    let (a_dir, b_dir, diff) = (p("a"), p("b"), p("diff"));
    for (dir, rate) in [(&a_dir, "0.06"), (&b_dir, "0.07")] {
        let mut a: Vec<&str> = vec!["simulate", "--scenario", "ziyang", "--years", "2", "--set"];
        let set = format!("employee.contribution.employer.combined.enterprise={rate}");
        a.push(&set);
        a.extend(SMALL);
        a.extend(["3", "--out", dir]);
        ok(medfund(&a));
    }
    ok(medfund(&["diff", &a_dir, &b_dir, "--out", &diff, "--quiet"]));
    let html = page(&d.join("diff"));
    assert!(html.contains("<summary>diff.md</summary>") && html.contains("data-file=\"diff.csv\""));

    // A folder of none of these kinds names them all.
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = medfund(&["report", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    for marker in ["summary.csv", "stress.csv", "compare_cities.csv", "backtest.csv", "sensitivity.csv", "diff.csv"] {
        assert!(e.contains(marker), "{e}");
    }
}

/// A sensitivity folder: its markdown, its table first, the tornado chart;
/// a backtest folder: its markdown, its table, a chart per figure.
#[test]
fn sensitivity_and_backtest_folders_get_their_own_page() {
    let d = common::scratch("report_kinds", "sens_backtest");
    let sens = d.join("sensitivity");
    let mut a: Vec<&str> = vec!["sensitivity", "--scenario", "ziyang", "--years", "2"];
    a.extend(SMALL);
    a.extend(["2", "--out", sens.to_str().unwrap()]);
    ok(medfund(&a));
    let html = page(&sens);
    assert!(html.contains("<title>medfund sensitivity: ziyang"), "{}", &html[..400]);
    assert!(html.contains("<summary>sensitivity.md</summary>"));
    assert!(html.contains("data-file=\"sensitivity.csv\""));
    assert!(html.contains("id=\"chart-tornado\""));
    assert_eq!(html.matches("<figure").count(), 1, "the tornado chart alone");

    let bt = d.join("backtest");
    let observed = d.join("observed.csv");
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/accounts/ziyang-2025-derived.csv"))
            .unwrap();
    let later: String = base.lines().filter(|l| l.starts_with("2025,")).map(|l| format!("2026{}\n", &l[4..])).collect();
    std::fs::write(&observed, format!("{base}{later}")).unwrap();
    ok(medfund(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--observed",
        observed.to_str().unwrap(),
        "--paths",
        "3",
        "--set",
        "projection.population.members=300",
        "--quiet",
        "--out",
        bt.to_str().unwrap(),
    ]));
    let html = page(&bt);
    assert!(html.contains("<summary>backtest.md</summary>"), "{}", &html[..400]);
    assert!(html.contains("data-file=\"backtest.csv\""));
    let svgs = std::fs::read_dir(&bt)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".svg"))
        .count();
    assert!(svgs >= 1, "no backtest charts");
    assert_eq!(html.matches("<figure").count(), svgs);
    std::fs::remove_dir_all(&d).unwrap();
}

/// The summary's risk columns first, in this order; the other 14 of its 22
/// columns marked to be shown on demand.
#[test]
fn the_summary_shows_its_risk_columns_first() {
    let d = common::scratch("report_kinds", "risk");
    let run = d.join("run");
    let mut a: Vec<&str> = vec!["simulate", "--scenario", "ziyang", "--years", "2"];
    a.extend(SMALL);
    a.extend(["2", "--out", run.to_str().unwrap()]);
    ok(medfund(&a));
    let html = page(&run);
    let start = html.find("data-file=\"summary.csv\"").unwrap();
    let table = &html[start..start + html[start..].find("</thead>").unwrap()];
    let heads: Vec<&str> = table.split("title=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert_eq!(
        heads[..8],
        [
            "year",
            "p_below_zero",
            "p_below_3_months",
            "p_below_6_months",
            "p_first_depletion",
            "months_p50",
            "months_p5",
            "balance_p50_yuan"
        ]
    );
    assert_eq!(heads.len(), 22);
    assert_eq!(table.matches("class=\"n more\"").count() + table.matches("class=\"more\"").count(), 14);
    assert!(html.contains("Show all 22 columns"));
}

/// A resident fund that runs dry comes before a healthy employee fund.
#[test]
fn the_fund_most_at_risk_comes_first() {
    let d = common::scratch("report_kinds", "order");
    let top = d.join("run");
    let mut a: Vec<&str> = vec!["simulate", "--scenario", "ziyang", "--years", "3"];
    a.extend(SMALL);
    a.extend(["4", "--out", top.to_str().unwrap()]);
    ok(medfund(&a));
    // In resident/: a fund with a thin opening balance and fast inflation,
    // which runs dry.
    let sub = top.join("resident");
    let mut a: Vec<&str> = vec![
        "simulate",
        "--scenario",
        "dingxi",
        "--years",
        "3",
        "--set",
        "projection.fund.opening_balance=1000",
        "--set",
        "projection.economy.medical_inflation={ mean = 0.3, sd = 0.01 }",
    ];
    a.extend(SMALL);
    a.extend(["4", "--out", sub.to_str().unwrap()]);
    ok(medfund(&a));
    let summary = std::fs::read_to_string(sub.join("summary.csv")).unwrap();
    assert!(summary.lines().skip(1).any(|l| !l.contains(",0.0,0.0,0.0,0.0,")), "{summary}");
    let html = page(&top);
    let (sub_at, top_at) = (html.find("id=\"sub-resident-section\"").unwrap(), html.find("<h2 id=\"run\"").unwrap());
    assert!(sub_at < top_at, "the failing fund first");
}
