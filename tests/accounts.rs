//! A fund office's workflow end to end through the binary: accounts of a
//! fund with known parameters (the truth, a run of `simulate`), `calibrate
//! --accounts` fitting a scenario that starts elsewhere, the overlay taken
//! by `simulate`, and `backtest` setting the truth's later years beside
//! the fitted projection; and the refusals on the way.

mod common;

use std::path::Path;
use std::process::Output;

use common::{medfund, scratch, text};

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "status {:?}: {}", o.status, text(&o.stderr));
    text(&o.stdout)
}

/// A CSV file without quoted fields as rows of fields by column name.
fn table(p: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let s = std::fs::read_to_string(p).unwrap();
    let mut lines = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
    lines.map(|l| head.iter().cloned().zip(l.split(',').map(str::to_string)).collect()).collect()
}

/// The truth's parameters: a small Ziyang whose fund differs from the
/// scenario's in size, declared bases, admissions and outpatient care.
const TRUTH: [&str; 5] = [
    "projection.population.members=3000",
    "projection.population.declared_wage_factor=0.85",
    "projection.claims.inpatient_rate_factor=1.2",
    "projection.claims.outpatient_factor=0.8",
    "projection.fund.opening_balance=20000000",
];

/// The figures of each year, from a ledger: the mean over paths of the
/// city's rows (one district), by (year, figure).
fn ledger_figures(ledger: &Path) -> std::collections::BTreeMap<(i32, &'static str), f64> {
    let rows = table(ledger);
    let mut sums: std::collections::BTreeMap<(i32, &'static str), (f64, f64)> = Default::default();
    for r in &rows {
        let y: i32 = r["year"].parse().unwrap();
        let v = |c: &str| r[c].parse::<f64>().unwrap();
        for (fig, value) in [
            ("insured_in_service", v("employees")),
            ("insured_flexible", v("flexible")),
            ("insured_retirees", v("retirees")),
            // Retirees' crediting out of the pool netted out, as the bulletins do.
            ("pooled_income", v("income_total_yuan") - v("retiree_accounts_yuan")),
            ("pooled_spending", v("outflow_total_yuan") - v("retiree_accounts_yuan")),
            ("spending_outpatient", v("outpatient_yuan")),
            ("admissions", v("admissions")),
            ("closing_balance", v("balance_closing_yuan")),
        ] {
            let e = sums.entry((y, fig)).or_default();
            e.0 += value;
            e.1 += 1.0;
        }
    }
    sums.into_iter().map(|(k, (s, n))| (k, s / n)).collect()
}

fn accounts_csv(figs: &std::collections::BTreeMap<(i32, &'static str), f64>, years: &[i32]) -> String {
    let mut s = String::from("\u{feff}year,figure,value,unit,source\n");
    for ((y, f), v) in figs {
        if years.contains(y) {
            let unit = if f.starts_with("insured") || *f == "admissions" { "persons" } else { "yuan" };
            s.push_str(&format!("{y},{f},{v:.2},{unit},\"medfund simulate of the truth, mean of 4 paths\"\n"));
        }
    }
    s
}

#[test]
fn a_fund_office_fits_its_accounts_projects_and_backtests() {
    let dir = scratch("accounts", "workflow");
    // ---- the truth: 4 paths of 4 years on another seed.
    let truth_dir = dir.join("truth");
    let mut args = vec!["simulate", "--scenario", "ziyang", "--years", "4", "--paths", "4", "--seed", "7", "--quiet"];
    for t in &TRUTH {
        args.extend(["--set", t]);
    }
    args.extend(["--out", truth_dir.to_str().unwrap()]);
    ok(&medfund(&args));
    let figs = ledger_figures(&truth_dir.join("ledger.csv"));
    let acc = dir.join("accounts-2025.csv");
    std::fs::write(&acc, accounts_csv(&figs, &[2025])).unwrap();
    let observed = dir.join("observed.csv");
    std::fs::write(&observed, accounts_csv(&figs, &[2025, 2026, 2027, 2028])).unwrap();

    // ---- the fit, from a scenario of 2,000 members with the texts' defaults.
    let overlay = dir.join("ziyang-2025.toml");
    let out = ok(&medfund(&[
        "calibrate",
        "--scenario",
        "ziyang",
        "--set",
        "projection.population.members=2000",
        "--accounts",
        acc.to_str().unwrap(),
        "--paths",
        "4",
        "--out",
        overlay.to_str().unwrap(),
    ]));
    // Every figure given is fitted and shown with its target (✓ within
    // tolerance), in 亿元/万元 where money.
    for f in ["insured_in_service", "pooled_income", "pooled_spending", "admissions", "closing_balance"] {
        let line = out.lines().find(|l| l.contains(f)).unwrap_or_else(|| panic!("no {f} in\n{out}"));
        assert!(line.starts_with('✓'), "{line}");
    }
    assert!(out.contains("万元"), "{out}");
    let ov = std::fs::read_to_string(&overlay).unwrap();
    assert!(ov.contains("scenario = \"ziyang\"") && ov.contains("base_year = 2025"), "{ov}");
    assert!(ov.contains(&format!("calibrated to {}, figure admissions", acc.display())), "{ov}");
    // The members come back near the truth's 3,000 (year-end counts of
    // another seed's people: within 3%).
    let members: f64 = ov
        .split("key = \"projection.population.members\"\nvalue = ")
        .nth(1)
        .and_then(|r| r.lines().next())
        .unwrap()
        .parse()
        .unwrap();
    assert!((members / 3000.0 - 1.0).abs() < 0.03, "members {members}");

    // ---- the overlay in a projection: its values are the run's overrides.
    let run = dir.join("run");
    ok(&medfund(&[
        "simulate",
        "--scenario",
        "ziyang",
        "--years",
        "2",
        "--paths",
        "2",
        "--quiet",
        "--overlay",
        overlay.to_str().unwrap(),
        "--out",
        run.to_str().unwrap(),
    ]));
    let report = std::fs::read_to_string(run.join("report.md")).unwrap();
    assert!(report.contains(&format!("projection.population.members={}", members as i64)), "{report}");

    // ---- the backtest: the truth's later years beside the fitted projection.
    let bt = dir.join("backtest");
    let said = ok(&medfund(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--overlay",
        overlay.to_str().unwrap(),
        "--observed",
        observed.to_str().unwrap(),
        "--paths",
        "24",
        "--out",
        bt.to_str().unwrap(),
    ]));
    let rows = table(&bt.join("backtest.csv"));
    let head = std::fs::read_to_string(bt.join("backtest.csv")).unwrap();
    assert!(head.starts_with("\u{feff}year,figure,observed,median,p5,p95,inside_band,error_of_median\n"));
    // 8 figures × 3 later years; the base year's are left out, and said so.
    assert_eq!(rows.len(), 24);
    assert!(rows.iter().all(|r| r["year"] != "2025"));
    let md = std::fs::read_to_string(bt.join("backtest.md")).unwrap();
    assert!(md.contains("2025: 8 figure(s) of the base year"), "{md}");
    let mut inside = 0;
    for r in &rows {
        let v = |c: &str| r[c].parse::<f64>().unwrap();
        // The columns agree with each other.
        assert_eq!(r["inside_band"] == "true", v("p5") <= v("observed") && v("observed") <= v("p95"), "{r:?}");
        assert!((v("error_of_median") - (v("median") - v("observed")) / v("observed").abs()).abs() < 1e-9, "{r:?}");
        inside += usize::from(r["inside_band"] == "true");
        assert!(bt.join(format!("backtest-{}.svg", r["figure"].replace('_', "-"))).is_file());
    }
    // Fitted to the truth's base year, the projection carries its later
    // years: the truth's means lie inside the bands, all but a few. The
    // truth is another seed's 3,000 people, whose base year the fit takes
    // in with its noise (measured: admissions factor 1.12 for the truth's
    // 1.2, outpatient 0.77 for 0.8; 20 of 24 inside, the misses the
    // outpatient spending, 7% low).
    assert!(inside >= 18, "{inside} of 24 inside:\n{md}");
    assert!(said.contains(&format!("{inside} of 24 observed figures inside")), "{said}");

    // ---- a control: the same backtest without the overlay misses (the
    // scenario's own 300,000-member city is not this fund).
    let bt2 = dir.join("backtest-unfitted");
    ok(&medfund(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--observed",
        observed.to_str().unwrap(),
        "--paths",
        "4",
        "--out",
        bt2.to_str().unwrap(),
        "--quiet",
    ]));
    let missed = table(&bt2.join("backtest.csv")).iter().filter(|r| r["inside_band"] == "false").count();
    assert!(missed >= 20, "{missed}");
}

#[test]
fn bad_accounts_overlays_and_observed_files_are_refused_by_name() {
    let dir = scratch("accounts", "refusals");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "figure,value,unit,source\nadmissions,12,yuan,x\n").unwrap();
    let o = medfund(&["calibrate", "--scenario", "ziyang", "--accounts", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(
        e.contains("bad.csv:2: figure `admissions`, unit: `yuan` is not a unit of this figure (allowed: persons"),
        "{e}"
    );
    // An overlay fitted for another scenario.
    let ov = dir.join("luzhou.toml");
    std::fs::write(&ov, "scenario = \"luzhou\"\n[[set]]\nkey = \"projection.population.members\"\nvalue = 10\n")
        .unwrap();
    let o = medfund(&[
        "simulate",
        "--scenario",
        "ziyang",
        "--overlay",
        ov.to_str().unwrap(),
        "--out",
        dir.join("r").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("fitted for scenario `luzhou`, not `ziyang`"), "{}", text(&o.stderr));
    assert!(!dir.join("r").exists());
    // Observed figures without years, and before the base year.
    let noyear = dir.join("noyear.csv");
    std::fs::write(&noyear, "figure,value,unit,source\nadmissions,12,persons,x\n").unwrap();
    let o = medfund(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--observed",
        noyear.to_str().unwrap(),
        "--out",
        dir.join("b").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("no `year` column"), "{}", text(&o.stderr));
    let early = dir.join("early.csv");
    std::fs::write(&early, "year,figure,value,unit,source\n2024,admissions,12,persons,x\n").unwrap();
    let o = medfund(&[
        "backtest",
        "--scenario",
        "ziyang",
        "--observed",
        early.to_str().unwrap(),
        "--out",
        dir.join("b").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("early.csv:2: figure `admissions` is of 2024, before the projection's base year 2025"),
        "{}",
        text(&o.stderr)
    );
    // Accounts no parameter can reach: exit status 3, the figure marked ✗
    // and its lever's end named.
    let far = dir.join("far.csv");
    std::fs::write(&far, "figure,value,unit,source\npooled_income,1,yuan,x\n").unwrap();
    let o = medfund(&[
        "calibrate",
        "--scenario",
        "ziyang",
        "--set",
        "projection.population.members=500",
        "--accounts",
        far.to_str().unwrap(),
        "--max-iterations",
        "4",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("✗ pooled_income") && out.contains("stopped at the lower end of its range"), "{out}");
    // The template: every figure, and nothing given until filled in.
    let t = ok(&medfund(&["calibrate", "--template"]));
    assert!(t.contains("year,figure,value,unit,source\n") && t.contains("2025,avg_contribution_base,,yuan/month,"));
}
