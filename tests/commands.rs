//! The commands and outputs no other test reaches, each tied to something
//! it must agree with: `calibrate` and `bench` to the ledger of the same
//! run, `scenario list` to `scenario show`, `settle` and `adjudicate`
//! errors and `--input FILE` through the binary, report.md's figures to
//! summary.csv (and its reproduce command to the run itself), the
//! comparison workbook's cells to its CSV tables.

mod common;

use std::path::Path;
use std::process::Output;

use common::medfund_stdin as medfund;
use common::{scratch, text};

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "status {:?}: {}", o.status, text(&o.stderr));
    text(&o.stdout)
}

/// A CSV file as a header and rows of fields (no quoted commas in the
/// files read here).
fn csv(p: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let s = std::fs::read_to_string(p).unwrap();
    let mut lines = s.strip_prefix('\u{feff}').expect("a byte-order mark").lines();
    let head = lines.next().unwrap().split(',').map(str::to_string).collect();
    (head, lines.map(|l| l.split(',').map(str::to_string).collect()).collect())
}

/// One ledger row's fields by column name.
struct Rows {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Rows {
    fn read(p: &Path) -> Rows {
        let (head, rows) = csv(p);
        Rows { head, rows }
    }
    fn col(&self, name: &str) -> usize {
        self.head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
    }
    fn f(&self, r: usize, name: &str) -> f64 {
        self.rows[r][self.col(name)].parse().unwrap()
    }
    /// A money column in fen, exactly (the CSV writes yuan with at most
    /// two decimals).
    fn fen(&self, r: usize, name: &str) -> i64 {
        let v = &self.rows[r][self.col(name)];
        let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
        assert!(frac.len() <= 2, "{name} = {v}");
        let neg = whole.starts_with('-');
        let w: i64 = whole.trim_start_matches('-').parse().unwrap();
        let f: i64 = format!("{frac:0<2}").parse().unwrap();
        let x = w * 100 + f;
        if neg { -x } else { x }
    }
    fn sum_fen(&self, name: &str) -> i64 {
        (0..self.rows.len()).map(|r| self.fen(r, name)).sum()
    }
    /// Members at the start of the row's year: those at its end, plus the
    /// year's deaths and exits, less its entrants.
    fn members_at_start(&self, r: usize) -> f64 {
        ["employees", "flexible", "retirees", "deaths", "exits"].iter().map(|c| self.f(r, c)).sum::<f64>()
            - self.f(r, "entrants")
    }
}

/// `calibrate` pools the first projection year of its paths: its figures
/// come out of the same run as `simulate --years 1` on the same seed and
/// paths, so those figures recomputed from that run's ledger agree with
/// the ones printed, to their printed precision.
#[test]
fn calibrate_agrees_with_the_ledger_of_the_same_run() {
    let d = scratch("commands", "calibrate");
    let set = "projection.population.members=3000";
    let out = ok(&medfund(&["calibrate", "--scenario", "dingxi", "--paths", "2", "--seed", "9", "--set", set], ""));
    let run = d.join("run");
    let args =
        ["simulate", "--scenario", "dingxi", "--years", "1", "--paths", "2", "--seed", "9", "--set", set, "--quiet"];
    ok(&medfund(&[&args[..], &["--out", run.to_str().unwrap()]].concat(), ""));
    let l = Rows::read(&run.join("ledger.csv"));
    assert_eq!(l.rows.len(), 2, "two paths, one year, one district");
    let figure = |name: &str| -> String {
        let line = out.lines().find(|x| x.starts_with(name)).unwrap_or_else(|| panic!("{name} in {out}"));
        line[name.len()..].split_whitespace().next().unwrap().to_string()
    };
    let members: f64 = (0..2).map(|r| l.members_at_start(r)).sum();
    let admissions: f64 = (0..2).map(|r| l.f(r, "admissions")).sum();
    let deaths: f64 = (0..2).map(|r| l.f(r, "deaths")).sum();
    let income = l.sum_fen("income_total_yuan") as f64;
    let outflow = l.sum_fen("outflow_total_yuan") as f64;
    let closing = l.sum_fen("balance_closing_yuan") as f64;
    assert_eq!(figure("inpatient rate (admissions per member)"), format!("{:.1}%", 100.0 * admissions / members));
    assert_eq!(figure("deaths per 1,000 members"), format!("{:.1}", 1000.0 * deaths / members));
    assert_eq!(figure("pooled income ÷ pooled outflow"), format!("{:.2}", income / outflow));
    assert_eq!(figure("months of payment at the first year's end"), format!("{:.1}", closing / (outflow / 12.0)));
    // Every figure has its published counterpart beside it.
    assert!(out.contains("published (shared/calibration.md)") && out.contains("84.2% (2022), 84.6% (2023)"), "{out}");
    // A bad override is refused with its key, status 2.
    let bad = medfund(&["calibrate", "--scenario", "dingxi", "--set", "projection.population.members=-3"], "");
    assert_eq!(bad.status.code(), Some(2));
    let e = text(&bad.stderr);
    assert!(e.contains("population") && e.contains("members") && e.contains("expected u32"), "{e}");
}

/// `bench` runs seed 1's paths: the member-years it counts are those of
/// the same run's ledger, and its full-run estimate follows from its rate.
#[test]
fn bench_counts_the_member_years_of_the_run_it_times() {
    let d = scratch("commands", "bench");
    let out = ok(&medfund(
        &["bench", "--scenario", "dingxi", "--members", "1500", "--paths", "2", "--years", "3", "--threads", "1"],
        "",
    ));
    let run = d.join("run");
    ok(&medfund(
        &[
            "simulate",
            "--scenario",
            "dingxi",
            "--set",
            "projection.population.members=1500",
            "--years",
            "3",
            "--paths",
            "2",
            "--seed",
            "1",
            "--quiet",
            "--out",
            run.to_str().unwrap(),
        ],
        "",
    ));
    let l = Rows::read(&run.join("ledger.csv"));
    let member_years: f64 = (0..l.rows.len()).map(|r| l.members_at_start(r)).sum();
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("dingxi: 1500 members, 2 paths × 3 years on 1 threads: ")
            && lines[0].contains(&format!(": {member_years} member-years in ")),
        "{out}\nledger: {member_years} member-years"
    );
    // "R million member-years per second" and "about M minutes" for
    // 1,000 × 10 × 500,000 member-years: M = 5e9 / (R × 1e6) / 60, up to
    // the rounding of R to two decimals.
    let rate: f64 = lines[1].split_whitespace().next().unwrap().parse().unwrap();
    let minutes: f64 = lines[2].split("about ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let (lo, hi) = (5e9 / ((rate + 0.005) * 1e6) / 60.0, 5e9 / ((rate - 0.005).max(1e-9) * 1e6) / 60.0);
    assert!(minutes >= lo.floor() && minutes <= hi.ceil(), "{minutes} minutes at {rate} M/s");
    assert!(lines[1].contains("peak memory") && lines[1].ends_with(" kB"), "{out}");
}

/// `scenario list`: each built-in once, its start date, and the counts of
/// parameters and of assumptions that `scenario show` lists.
#[test]
fn scenario_list_counts_what_scenario_show_lists() {
    let list = ok(&medfund(&["scenario", "list"], ""));
    let names: Vec<&str> = list.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(names, ["ziyang", "luzhou", "dingxi", "chongqing", "national"], "{list}");
    for (name, from) in
        [("ziyang", "2023-01-01"), ("luzhou", "2023-01-01"), ("dingxi", "2024-01-01"), ("national", "2023-01-01")]
    {
        let line = list.lines().find(|l| l.starts_with(name)).unwrap();
        assert!(line.contains(&format!("from {from}")), "{line}");
        let show = ok(&medfund(&["scenario", "show", name], ""));
        // Each parameter is a `[key]  (file:line)` heading in show.
        let params = show.lines().filter(|l| l.starts_with('[') && l.contains(".toml:")).count();
        let (_, assumed) = show.split_once("== Assumptions").unwrap();
        let assumptions = assumed.lines().filter(|l| l.starts_with('[') && l.contains(".toml:")).count();
        assert!(params > 10 && assumptions > 0, "{name}: {params} / {assumptions}");
        assert!(line.ends_with(&format!("({params} parameters, {assumptions} assumed)")), "{line}");
    }
}

/// `settle` through the binary: `--input FILE` answers as standard input
/// does; a bad line is named with its field and status 2, the good lines
/// still answered (spec/settlement.md: "the same treatment as in
/// adjudicate").
#[test]
fn settle_names_bad_lines_and_reads_input_files() {
    let d = scratch("commands", "settle");
    // 002 二（四）2: floor = 0.95 × 200,000 = 190,000; 185,000 is 5,000
    // short, 2,000 from the opening surplus, 3,000 from the district
    // government. 二（五）: spending 170,000 ≤ 180,000 with the
    // assessment passed: 0.6 × 10,000 = 6,000 retained. Surplus:
    // 2,000 − 2,000 + 6,000 = 6,000.
    let good = r#"{"id": "g", "districts": [{"name": "万州", "class": "regional_center", "collection_target": 200000, "collection_actual": 185000, "spending_target": 180000, "spending_actual": 170000, "surplus_opening": 2000, "assessment_passed": true}]}"#;
    let bad_class = good.replace("regional_center", "suburb").replace("\"g\"", "\"b1\"");
    let negative = good.replace("\"surplus_opening\": 2000", "\"surplus_opening\": -1").replace("\"g\"", "\"b2\"");
    let input = format!("{good}\n{bad_class}\n{negative}\n{good}\n");
    let f = d.join("year.jsonl");
    std::fs::write(&f, &input).unwrap();
    let from_stdin = medfund(&["settle", "--scenario", "chongqing"], &input);
    let from_file = medfund(&["settle", "--scenario", "chongqing", "--input", f.to_str().unwrap()], "");
    for o in [&from_stdin, &from_file] {
        assert_eq!(o.status.code(), Some(2));
        let answers: Vec<String> = text(&o.stdout).lines().map(str::to_string).collect();
        assert_eq!(answers.len(), 2, "the two good lines answered: {answers:?}");
        for a in &answers {
            assert!(a.starts_with(r#"{"id": "g""#), "{a}");
            for part in [
                r#""shortfall": 5000.00"#,
                r#""shortfall_from_surplus": 2000.00"#,
                r#""shortfall_from_government": 3000.00"#,
                r#""savings_retained": 6000.00"#,
                r#""surplus_closing": 6000.00"#,
            ] {
                assert!(a.contains(part), "{part} in {a}");
            }
        }
        let err = text(&o.stderr);
        let lines: Vec<&str> = err.lines().collect();
        assert!(lines[0].starts_with("line 2: field `districts[0].class`"), "{err}");
        assert!(lines[0].contains("main_urban"), "the allowed values are named: {err}");
        assert!(lines[1].starts_with("line 3: field `districts[0].surplus_opening`"), "{err}");
    }
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // --fail-fast stops at line 2.
    let o = medfund(&["settle", "--scenario", "chongqing", "--fail-fast", "--input", f.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout).lines().count(), 1);
    // A scenario without a district settlement is refused by name.
    let o = medfund(&["settle", "--scenario", "ziyang"], good);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("ziyang"), "{}", text(&o.stderr));
}

/// `adjudicate --input FILE` gives what standard input gives, byte for
/// byte, bad lines included.
#[test]
fn adjudicate_reads_an_input_file_as_it_reads_standard_input() {
    let d = scratch("commands", "adjudicate");
    let input = concat!(
        r#"{"id":"a","year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":10000,"out_of_scope":1000}]}"#,
        "\n",
        r#"{"id":"b","year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"9Z","total":10000}]}"#,
        "\n",
        r#"{"id":"c","year":2023,"member":{"category":"retiree","sex":"M","age":66},"claims":[{"type":"outpatient","level":"pharmacy","total":500}]}"#,
        "\n"
    );
    let f = d.join("in.jsonl");
    std::fs::write(&f, input).unwrap();
    let a = medfund(&["adjudicate", "--scenario", "ziyang", "--input", f.to_str().unwrap()], "");
    let b = medfund(&["adjudicate", "--scenario", "ziyang"], input);
    assert_eq!(a.status.code(), Some(2));
    assert_eq!((&a.stdout, &a.stderr, a.status), (&b.stdout, &b.stderr, b.status));
    assert_eq!(text(&a.stdout).lines().count(), 2);
    assert!(text(&a.stderr).starts_with("line 2: field `claims[0].level`"), "{}", text(&a.stderr));
}

/// report.md's key figures are summary.csv's, formatted; its reproduce
/// command, run, gives the same ledger byte for byte; its assumptions are
/// the scenario's.
#[test]
fn report_md_shows_the_summary_and_reproduces_the_run() {
    let d = scratch("commands", "report");
    let run = d.join("run");
    let args = [
        "simulate",
        "--scenario",
        "dingxi",
        "--years",
        "4",
        "--paths",
        "6",
        "--seed",
        "3",
        "--set",
        "projection.population.members=1500",
        "--set",
        "projection.economy.medical_inflation={ mean = 0.25, sd = 0.05 }",
        "--set",
        "projection.fund.opening_balance=3000000",
        "--quiet",
    ];
    ok(&medfund(&[&args[..], &["--out", run.to_str().unwrap()]].concat(), ""));
    let md = std::fs::read_to_string(run.join("report.md")).unwrap();
    let s = Rows::read(&run.join("summary.csv"));
    assert_eq!(s.rows.len(), 4);
    let table = md.split("| Year |").nth(1).unwrap();
    // The balance column's unit follows the fund's size.
    let unit = table.split("Median closing balance (").nth(1).unwrap().split(')').next().unwrap();
    let per = match unit {
        "10,000 yuan" => 1e4,
        "100 million yuan" => 1e8,
        u => panic!("unit {u}"),
    };
    let rows: Vec<&str> = table.lines().skip(2).take_while(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 4, "{table}");
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    let mut some_below = false;
    for (r, line) in rows.iter().enumerate() {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells[0], s.rows[r][s.col("year")]);
        assert_eq!(cells[1], format!("{:.1}", s.f(r, "months_p50")), "{line}");
        assert_eq!(cells[2], format!("{:.2}", s.f(r, "balance_p50_yuan") / per), "{line}");
        assert_eq!(cells[3], pct(s.f(r, "p_below_zero")), "{line}");
        assert_eq!(cells[4], pct(s.f(r, "p_below_3_months")), "{line}");
        assert_eq!(cells[5], pct(s.f(r, "p_below_6_months")), "{line}");
        some_below |= s.f(r, "p_below_zero") > 0.0;
    }
    assert!(some_below, "the settings make some paths run dry: {md}");
    // The reproduce command, as written, into another folder.
    let cmd = md.split("```sh\n").nth(1).unwrap().split("\n```").next().unwrap();
    let words = shell_words(cmd);
    assert_eq!(words[0], "medfund");
    let again = d.join("again");
    let mut w: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    w.extend(["--quiet", "--out", again.to_str().unwrap()]);
    ok(&medfund(&w, ""));
    for f in ["ledger.csv", "ledger.parquet", "summary.csv", "depletion.csv"] {
        assert!(std::fs::read(run.join(f)).unwrap() == std::fs::read(again.join(f)).unwrap(), "{f} differs");
    }
    // Every assumption of the scenario, by key.
    let show = ok(&medfund(&["scenario", "show", "dingxi"], ""));
    let (_, assumed) = show.split_once("== Assumptions").unwrap();
    let section = md.split("## Assumptions").nth(1).unwrap();
    for key in assumed.lines().filter(|l| l.starts_with('[') && l.contains(".toml:")) {
        let key = key.trim_start_matches('[').split(']').next().unwrap();
        assert!(section.contains(&format!("`{key}`")), "{key} missing from report.md's assumptions");
    }
}

/// Split a one-line shell command: words separated by spaces, single
/// quotes kept together (what report.md's command uses).
fn shell_words(cmd: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for ch in cmd.trim().chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

// The comparison workbook against its CSV tables, cell for cell: in
// tests/workbook.rs, with the other commands' workbooks.
