//! The command line as other tools use it: JSON Lines in and out, bad lines
//! named by line number and field on standard error with exit status 2 and
//! the good lines still answered (spec/adjudication.md, spec/settlement.md).

mod common;

use common::medfund_stdin as medfund;
use common::text;
use std::io::Write as _;
use std::process::{Command, Output, Stdio};

const GOOD_A: &str = r#"{"id":"a","year":2023,"context":{"avg_wage":80000},"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":10000,"out_of_scope":1000}]}"#;
const GOOD_C: &str = r#"{"id":"c","year":2023,"member":{"category":"retiree","sex":"M","age":66},"claims":[{"type":"outpatient","level":"pharmacy","total":500}]}"#;

#[test]
fn adjudicate_answers_each_line_in_order() {
    // Ziyang 000 第十八条: 3A local in service, scope 9,000, deductible 1,000, 80%:
    // fund (9,000 − 1,000) × 80% = 6,400; member 10,000 − 6,400 = 3,600.
    // 004 第八条: a retiree's 500 at a pharmacy: (500 − 150) × (50% + 10) = 210.
    let out = medfund(&["adjudicate", "--scenario", "ziyang"], &format!("{GOOD_A}\n{GOOD_C}\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["claims"][0]["fund"].to_string(), "6400.00");
    assert_eq!(lines[0]["claims"][0]["member"].to_string(), "3600.00");
    assert_eq!(lines[0]["totals"]["fund"].to_string(), "6400.00");
    assert_eq!(lines[1]["id"], "c");
    assert_eq!(lines[1]["claims"][0]["fund"].to_string(), "210.00");
}

#[test]
fn a_bad_line_is_named_and_the_others_still_answered() {
    let bad =
        r#"{"id":"b","year":2023,"member":{"category":"employee","sex":"F","age":40,"colour":"blue"},"claims":[]}"#;
    let out = medfund(&["adjudicate", "--scenario", "ziyang"], &format!("{GOOD_A}\n{bad}\n{GOOD_C}\n"));
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    let ids: Vec<String> =
        stdout.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect();
    assert_eq!(ids, vec!["\"a\"", "\"c\""]);
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("line 2: field `member.colour`: unknown field"), "{stderr}");
}

#[test]
fn fail_fast_stops_at_the_first_bad_line() {
    let out = medfund(&["adjudicate", "--scenario", "ziyang", "--fail-fast"], &format!("{GOOD_A}\n{{oops\n{GOOD_C}\n"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert!(text(&out.stderr).starts_with("line 2: field `(line)`: malformed JSON"), "{}", text(&out.stderr));
}

#[test]
fn bad_values_name_their_field() {
    let cases = [
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":-5}]}"#,
            "claims[0].total",
            "negative",
        ),
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":"NaN"}]}"#,
            "claims[0].total",
            "not a decimal",
        ),
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":10.005}]}"#,
            "claims[0].total",
            "two decimals",
        ),
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"4A","total":10}]}"#,
            "claims[0].level",
            "unknown value",
        ),
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"dental","total":10}]}"#,
            "claims[0].type",
            "unknown claim type",
        ),
        (
            r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":100,"materials":[50,"x"]}]}"#,
            "claims[0].materials[1]",
            "not a decimal",
        ),
        (
            r#"{"year":2023,"member":{"category":"nurse","sex":"F","age":40},"claims":[]}"#,
            "member.category",
            "unknown value",
        ),
        (
            r#"{"year":2019,"member":{"category":"employee","sex":"F","age":40},"claims":[]}"#,
            "year",
            "before the scenario's start",
        ),
    ];
    for (line, field, what) in cases {
        let out = medfund(&["adjudicate", "--scenario", "ziyang"], line);
        assert_eq!(out.status.code(), Some(2), "{line}");
        assert!(out.stdout.is_empty(), "nothing written for a bad line: {}", text(&out.stdout));
        let e = text(&out.stderr);
        assert!(e.starts_with(&format!("line 1: field `{field}`")), "{line}\n{e}");
        assert!(e.contains(what), "{line}\n{e}");
    }
}

#[test]
fn a_claim_type_the_scenario_does_not_cover_is_bad_input() {
    // Luzhou's special-outpatient rules are in a document we do not have.
    let line = r#"{"year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"special_outpatient","level":"2A","total":100}]}"#;
    let out = medfund(&["adjudicate", "--scenario", "luzhou"], line);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("line 1: field `claims[0].type`"), "{}", text(&out.stderr));
}

#[test]
fn explain_cites_the_article_of_each_step() {
    let out = medfund(&["adjudicate", "--scenario", "ziyang", "--explain"], GOOD_A);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(text(&out.stdout).trim()).unwrap();
    let steps = v["claims"][0]["steps"].as_array().unwrap();
    let named: Vec<(&str, &str)> =
        steps.iter().map(|s| (s["step"].as_str().unwrap(), s["source"].as_str().unwrap())).collect();
    assert!(named.contains(&("deductible", "000_f8c7f1d4db53115f.txt 第十八条（一）")), "{named:?}");
    assert!(named.contains(&("ratio", "000_f8c7f1d4db53115f.txt 第十八条（二）")), "{named:?}");
    assert!(named.contains(&("top_up", "000_f8c7f1d4db53115f.txt 第二十七条")), "{named:?}");
}

#[test]
fn settle_reproduces_the_contract_example() {
    let line = r#"{"id": "y2012", "districts": [{"name": "渝中", "class": "main_urban", "collection_target": 100000, "collection_actual": 102000, "spending_target": 90000, "spending_actual": 95000, "surplus_opening": 3000, "assessment_passed": true}]}"#;
    let out = medfund(&["settle", "--scenario", "chongqing"], line);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        r#"{"id": "y2012", "districts": [{"name": "渝中", "collection_retained": 3500.00, "shortfall": 0.00, "shortfall_from_surplus": 0.00, "shortfall_from_government": 0.00, "savings_retained": 0.00, "overspend": 5000.00, "overspend_city": 2500.00, "overspend_district": 2500.00, "overspend_from_surplus": 2500.00, "overspend_from_government": 0.00, "surplus_closing": 4000.00}], "city": {"overspend_city": 2500.00, "shortfall_from_government": 0.00, "overspend_from_government": 0.00}}"#
    );
}

#[test]
fn scenario_validate_names_file_line_and_key() {
    let dir = std::env::temp_dir().join(format!("medfund-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("bad.toml");
    let src = include_str!("../scenarios/dingxi.toml").replacen("class_b = 0.03", "class_b = 3", 1);
    std::fs::write(&p, src).unwrap();
    let out = medfund(&["scenario", "validate", p.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(e.starts_with(&format!("{}:22: key `employee.self_pay_first.value.class_b`", p.display())), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scenario_show_lists_assumptions_apart() {
    let out = medfund(&["scenario", "show", "luzhou"], "");
    assert!(out.status.success());
    let s = text(&out.stdout);
    let (texts, assumed) = s.split_once("== Assumptions").unwrap();
    assert!(texts.contains("[employee.deductible]") && !texts.contains("ASSUMPTION"));
    assert!(
        assumed.contains("[employee.outpatient_pooling]")
            && assumed.contains("ASSUMPTION: Luzhou's employee outpatient pooling")
    );
}

fn simulate_into(dir: &std::path::Path, threads: &str) -> Output {
    medfund(
        &[
            "simulate",
            "--scenario",
            "ziyang",
            "--years",
            "3",
            "--paths",
            "5",
            "--seed",
            "11",
            "--threads",
            threads,
            "--quiet",
            "--set",
            "projection.population.members=3000",
            "--out",
            dir.to_str().unwrap(),
        ],
        "",
    )
}

#[test]
fn simulate_outputs_are_byte_identical_whatever_the_thread_count() {
    let base = std::env::temp_dir().join(format!("medfund-sim-{}", std::process::id()));
    let (a, b) = (base.join("one"), base.join("two"));
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let out = simulate_into(dir, threads);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "--quiet prints nothing");
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&a).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for expected in [
        "ledger.parquet",
        "ledger.csv",
        "summary.csv",
        "depletion.csv",
        "months_fan.png",
        "months_fan.svg",
        "balance_fan.png",
        "flows.png",
        "report.md",
        "report.xlsx",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected} missing from {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("partial")), "no temporary files left: {names:?}");
    for n in &names {
        assert_eq!(
            std::fs::read(a.join(n)).unwrap(),
            std::fs::read(b.join(n)).unwrap(),
            "{n} differs between 1 and 2 threads"
        );
    }
    // The ledger has one row per path × year (one district) and a header.
    let csv = std::fs::read_to_string(a.join("ledger.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5 * 3);
    assert!(csv.starts_with("\u{feff}path,year,district,"), "{}", &csv[..80]);
    let report = std::fs::read_to_string(a.join("report.md")).unwrap();
    assert!(report.contains("--seed 11"), "the report says how to reproduce the run");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn simulate_refuses_a_bad_override_with_its_key() {
    let out = medfund(&["simulate", "--quiet", "--paths", "1", "--set", "projection.population.members=-5"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("projection.population"), "{}", text(&out.stderr));
    let out = medfund(&["simulate", "--quiet", "--paths", "1", "--set", "projection.nonsense.x=1"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--set"), "{}", text(&out.stderr));
}

#[test]
fn stress_writes_a_grid_heatmaps_and_the_solver_answer() {
    let dir = std::env::temp_dir().join(format!("medfund-stress-{}", std::process::id()));
    let out = medfund(
        &[
            "stress",
            "--scenario",
            "ziyang",
            "--set",
            "projection.population.members=2000",
            "--set",
            "projection.fund.opening_balance=2000000",
            "--grid",
            "employer_rate=0.05:0.07:0.01",
            "--grid",
            "medical_inflation=0.04,0.10",
            "--solve",
            "employer_rate=0.04:0.12:0.005",
            "--target",
            "P(months>=3 every year) >= 0.9",
            "--paths",
            "6",
            "--years",
            "5",
            "--out",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("one step lower does not"), "{}", text(&out.stdout));
    // One row per cell (3 rates × 2 inflations), axes first.
    let csv = std::fs::read_to_string(dir.join("stress.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 6);
    assert!(csv.starts_with("\u{feff}employer_rate,medical_inflation,paths,p_months6_every_year"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("0.05,0.04,6,"), "{csv}");
    for m in ["p_months6_every_year", "p_months3_every_year", "p_depletion", "median_final_months"] {
        for ext in ["png", "svg"] {
            assert!(dir.join(format!("stress_{m}.{ext}")).is_file(), "stress_{m}.{ext}");
        }
    }
    // The answer meets the target and one step lower does not.
    let solve = std::fs::read_to_string(dir.join("solve.csv")).unwrap();
    let rows: Vec<Vec<&str>> = solve.lines().skip(1).map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 2, "{solve}");
    assert_eq!((rows[0][0], rows[0][3]), ("answer", "true"), "{solve}");
    assert_eq!((rows[1][0], rows[1][3]), ("one_step_lower", "false"), "{solve}");
    let (a, b): (f64, f64) = (rows[0][1].parse().unwrap(), rows[1][1].parse().unwrap());
    assert!((a - b - 0.005).abs() < 1e-12, "{solve}");
    assert!(std::fs::read_to_string(dir.join("stress.md")).unwrap().contains("general average premium"));
    // A target the solver cannot parse is refused with status 2.
    let bad = medfund(&["stress", "--solve", "employer_rate=0.05:0.06:0.01", "--target", "P(x) > 1", "--quiet"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--target"), "{}", text(&bad.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compare_writes_tables_charts_and_a_workbook_with_a_sheet_per_table() {
    use std::io::Read as _;
    let dir = std::env::temp_dir().join(format!("medfund-compare-{}", std::process::id()));
    let out = medfund(
        &[
            "compare",
            "--scenarios",
            "ziyang,luzhou,dingxi,chongqing",
            "--population",
            "ziyang",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "2",
            "--out",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("reimbursed"), "{}", text(&out.stdout));
    // Cities: one row each. Groups: 4 cities × 4 categories × (7 bands + all).
    let cities = std::fs::read_to_string(dir.join("compare_cities.csv")).unwrap();
    assert_eq!(cities.lines().count(), 1 + 4);
    assert!(
        cities.starts_with("\u{feff}city,members,bill_per_member_yuan,fund_per_member_yuan,reimbursement_ratio"),
        "{cities}"
    );
    let groups = std::fs::read_to_string(dir.join("compare_groups.csv")).unwrap();
    assert_eq!(groups.lines().count(), 1 + 4 * 4 * 8);
    // Decompositions of each city against the first: 11 families +
    // interaction + total.
    let dec = std::fs::read_to_string(dir.join("compare_decomposition.csv")).unwrap();
    assert_eq!(dec.lines().count(), 1 + 3 * 13);
    for stem in ["compare_ratio", "compare_oop", "compare_oop_percentiles", "decomposition_ziyang_luzhou"] {
        assert!(dir.join(format!("{stem}.png")).is_file() && dir.join(format!("{stem}.svg")).is_file(), "{stem}");
    }
    // The workbook: a zip whose workbook.xml lists the README, then one sheet per table.
    let f = std::fs::File::open(dir.join("compare.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(f).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut xml).unwrap();
    let sheets: Vec<&str> =
        xml.split("<sheet ").skip(1).map(|s| s.split("name=\"").nth(1).unwrap().split('"').next().unwrap()).collect();
    assert_eq!(sheets, ["README", "cities", "groups", "decomposition"]);
    let mut sheet3 = String::new();
    zip.by_name("xl/worksheets/sheet3.xml").unwrap().read_to_string(&mut sheet3).unwrap();
    assert_eq!(sheet3.matches("<row ").count(), 1 + 4 * 4 * 8, "the groups sheet has every row");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_named_epidemic_raises_the_cost_compare_sees() {
    let base = std::env::temp_dir().join(format!("medfund-shock-{}", std::process::id()));
    let fund = |shock: &[&str], dir: &str| -> f64 {
        let out_dir = base.join(dir);
        let mut args = vec![
            "compare",
            "--scenarios",
            "dingxi",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "2",
            "--quiet",
            "--out",
            out_dir.to_str().unwrap(),
        ];
        args.extend_from_slice(shock);
        let out = medfund(&args, "");
        assert!(out.status.success(), "{}", text(&out.stderr));
        let csv = std::fs::read_to_string(out_dir.join("compare_cities.csv")).unwrap();
        csv.lines().nth(1).unwrap().split(',').nth(3).unwrap().parse().unwrap()
    };
    let calm = fund(&[], "calm");
    // Dingxi's projection starts in 2025: an epidemic that year.
    let sick = fund(&["--shock", "epidemic@2025:utilisation=1.5,cost=1.2"], "sick");
    assert!(sick > calm * 1.3, "{calm} → {sick}");
    // A shock in another year would leave the compared year alone: it is
    // refused rather than silently ignored (issue 13).
    let later = medfund(&["compare", "--scenarios", "dingxi", "--shock", "epidemic@2030", "--quiet"], "");
    assert_eq!(later.status.code(), Some(2));
    assert!(text(&later.stderr).contains("2030 is outside the projection (2025–2025)"), "{}", text(&later.stderr));
    let bad = medfund(&["compare", "--scenarios", "dingxi", "--shock", "flood@2025", "--quiet"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown shock"), "{}", text(&bad.stderr));
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn the_reproduce_command_names_the_scenario_and_every_option() {
    let dir = std::env::temp_dir().join(format!("medfund-repro-{}", std::process::id()));
    let out = medfund(
        &[
            "simulate",
            "--scenario",
            "luzhou",
            "--years",
            "2",
            "--paths",
            "2",
            "--quiet",
            "--employee-only",
            "--set",
            "projection.population.members=1000",
            "--out",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let cmd = report.lines().skip_while(|l| !l.starts_with("```sh")).nth(1).unwrap();
    assert_eq!(
        cmd,
        "medfund simulate --scenario luzhou --years 2 --paths 2 --seed 42 --set projection.population.members=1000 \
         --employee-only"
    );
    assert!(!dir.join("resident").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_city_of_ones_own_in_scenarios_is_found_by_name_and_misspellings_get_a_suggestion() {
    // README: "a local scenarios/<name>.toml is found by name".
    let dir = std::env::temp_dir().join(format!("medfund-own-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::write(dir.join("scenarios/mycity.toml"), include_str!("../scenarios/dingxi.toml")).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_medfund")).args(args).current_dir(&dir).stdin(Stdio::null()).output().unwrap()
    };
    let out = run(&["scenario", "validate", "mycity"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&["simulate", "--scenario", "mycity", "--paths", "1", "--years", "1", "--quiet", "--out", "run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(dir.join("run/run.json")).unwrap().contains("scenarios/mycity.toml"));
    let out = run(&["simulate", "--scenario", "mycty", "--quiet"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `mycity`?"), "{}", text(&out.stderr));
    let out = run(&["simulate", "--scenario", "ziyan", "--quiet"]);
    assert!(text(&out.stderr).contains("did you mean `ziyang`?"), "{}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_misspelt_set_key_or_grid_name_gets_a_suggestion() {
    let out = medfund(&["simulate", "--quiet", "--set", "projection.econmy.wage_growth.mean=0.03"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`econmy` does not exist (did you mean `economy`?)"), "{}", text(&out.stderr));
    let out = medfund(&["stress", "--quiet", "--grid", "employer_rat=0.06,0.07"], "");
    assert_eq!(out.status.code(), Some(2));
    let e = text(&out.stderr);
    assert!(
        e.contains("employer_rate, employee_rate, medical_inflation") && e.contains("did you mean `employer_rate`?"),
        "{e}"
    );
}

#[test]
fn a_closed_pipe_keeps_the_status_earned_and_a_missing_input_is_a_bad_argument() {
    use std::io::BufRead as _;
    // `adjudicate … | head -1` with a bad first line: the error was
    // reported, so the status is 2 even though the reader left early.
    let mut input = String::from("{oops\n");
    for _ in 0..20_000 {
        input.push_str(GOOD_A);
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_medfund"))
        .args(["adjudicate", "--scenario", "ziyang"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.contains("\"id\": \"a\""), "{first}");
    // The reader is gone (its end of the pipe dropped above).
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).starts_with("line 1: field `(line)`: malformed JSON"), "{}", text(&out.stderr));
    // An --input that cannot be read is a bad argument: status 2, named.
    let out = medfund(&["adjudicate", "--scenario", "ziyang", "--input", "no/such/file.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/file.jsonl"), "{}", text(&out.stderr));
}

#[test]
fn a_shock_outside_the_horizon_and_zero_paths_are_refused() {
    // A 3-year Ziyang run covers 2025–2027: an epidemic in 2040 would
    // change nothing, so it is refused rather than silently ignored.
    let out = medfund(&["simulate", "--quiet", "--years", "3", "--paths", "1", "--shock", "epidemic@2040"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("2040 is outside the projection (2025–2027)"), "{}", text(&out.stderr));
    // compare settles one year: a shock in a later year is refused too.
    let out = medfund(&["compare", "--quiet", "--shock", "epidemic@2026"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("outside the projection (2025–2025)"), "{}", text(&out.stderr));
    // No paths: refused before anything is written.
    let dir = std::env::temp_dir().join(format!("medfund-zero-{}", std::process::id()));
    let out = medfund(&["simulate", "--quiet", "--paths", "0", "--out", dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--paths"), "{}", text(&out.stderr));
    assert!(!dir.exists(), "no folder for a refused run");
}
