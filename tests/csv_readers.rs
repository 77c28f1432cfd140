//! The CSV files open in Excel and in code: a UTF-8 byte-order mark (Excel
//! on a Chinese Windows machine then shows 渝中, not 娓濅腑), ASCII column
//! names with money named `…_yuan`, floating-point columns always written
//! with a decimal point (so a probability column of zeros is not read as
//! integers and two runs' `summary.csv` concatenate), only the columns the
//! city's rules use, and each column's unit in the Parquet metadata. Read
//! with pandas, polars and R's readr without options; a reader that is not
//! installed is skipped unless `MEDFUND_REQUIRE_READERS=1` (as `.ci/run`
//! sets, after installing them).

mod common;

use std::path::Path;
use std::process::Command;

fn simulate(scenario: &str, seed: &str, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "simulate",
        "--scenario",
        scenario,
        "--paths",
        "3",
        "--years",
        "2",
        "--seed",
        seed,
        "--sample",
        "0.01",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    common::medfund_ok(&args);
}

fn header(p: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(p).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("{}: no byte-order mark", p.display()));
    text.lines().next().unwrap().split(',').map(String::from).collect()
}

fn required() -> bool {
    std::env::var("MEDFUND_REQUIRE_READERS").is_ok_and(|v| v == "1")
}

/// Run `program` with `args`; `None` when the reader is not installed
/// (and not required).
fn reader(program: &str, args: &[&str], what: &str) -> Option<String> {
    match Command::new(program).args(args).output() {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            let missing = err.contains("No module named") || err.contains("there is no package called");
            assert!(missing && !required(), "{what}: {}\n{err}", o.status);
            eprintln!("skipped: {what} is not installed");
            None
        }
        Err(e) => {
            assert!(!required(), "{what}: {program}: {e}");
            eprintln!("skipped: {program}: {e}");
            None
        }
    }
}

struct Runs {
    chongqing: std::path::PathBuf,
    ziyang: std::path::PathBuf,
    /// Ziyang on another seed with a fund that cannot run dry: its
    /// probabilities are all zero.
    other: std::path::PathBuf,
}

fn runs(name: &str) -> Runs {
    let d = common::scratch("csv_readers", name);
    let r = Runs { chongqing: d.join("chongqing"), ziyang: d.join("ziyang"), other: d.join("other") };
    simulate("chongqing", "3", &r.chongqing, &[]);
    simulate("ziyang", "3", &r.ziyang, &["--set", "projection.fund.opening_balance=100000"]);
    simulate("ziyang", "4", &r.other, &[]);
    r
}

#[test]
fn columns_say_their_unit_and_only_the_used_ones_are_written() {
    let r = runs("columns");
    let zy = header(&r.ziyang.join("ledger.csv"));
    let cq = header(&r.chongqing.join("ledger.csv"));
    for h in [&zy, &cq] {
        assert!(h.iter().all(|c| c.is_ascii()), "{h:?}");
        for money in ["employer_yuan", "employee_yuan", "inpatient_yuan", "balance_closing_yuan", "outflow_total_yuan"]
        {
            assert!(h.iter().any(|c| c == money), "{money} in {h:?}");
        }
        // Headcounts keep their plain names beside the money.
        assert!(h.iter().any(|c| c == "employees"));
        assert!(!h.iter().any(|c| c == "employee" || c == "balance_closing"), "{h:?}");
    }
    // The district settlement only where the city settles districts (002).
    for col in ["collection_target_yuan", "overspend_city_yuan", "district_surplus_yuan", "district_government_yuan"] {
        assert!(cq.iter().any(|c| c == col), "{col} in Chongqing's ledger");
        assert!(!zy.iter().any(|c| c == col), "{col} in Ziyang's ledger: {zy:?}");
    }
    let res = header(&r.chongqing.join("resident/ledger.csv"));
    assert!(res.iter().any(|c| c == "adjustment_in_yuan"), "{res:?}");
    let summary = header(&r.ziyang.join("summary.csv"));
    for col in ["balance_p50_yuan", "income_mean_yuan", "months_p50", "p_below_zero"] {
        assert!(summary.iter().any(|c| c == col), "{col} in {summary:?}");
    }
    // Every CSV of a run starts with the byte-order mark.
    for f in ["ledger.csv", "summary.csv", "depletion.csv", "districts.csv", "resident/ledger.csv"] {
        header(&r.chongqing.join(f));
    }
}

#[test]
fn pandas_reads_the_files_and_their_types() {
    let r = runs("pandas");
    let script = format!(
        r#"
import pandas as pd
cq = pd.read_csv({cq:?})
assert "渝中" in set(cq["district"]), sorted(set(cq["district"]))[:5]
assert str(cq["balance_closing_yuan"].dtype) == "float64", cq.dtypes
assert str(cq["employees"].dtype) == "int64", cq.dtypes
a, b = pd.read_csv({a:?}), pd.read_csv({b:?})
for s in (a, b):
    for c in ("p_below_zero", "p_below_3_months", "p_first_depletion", "balance_p50_yuan", "months_p50"):
        assert str(s[c].dtype) == "float64", (c, s[c].dtype)
assert (b["p_below_zero"] == 0).all()
both = pd.concat([a, b])
assert str(both["p_below_zero"].dtype) == "float64"
print("ok", len(cq), len(both))
"#,
        cq = r.chongqing.join("ledger.csv"),
        a = r.ziyang.join("summary.csv"),
        b = r.other.join("summary.csv"),
    );
    if let Some(out) = reader("python3", &["-c", &script], "pandas") {
        assert!(out.starts_with("ok "), "{out}");
    }
}

#[test]
fn polars_reads_and_concatenates_two_runs() {
    let r = runs("polars");
    let script = format!(
        r#"
import json
import polars as pl
cq = pl.read_csv({cq:?})
assert "渝中" in cq["district"].to_list()
assert cq.schema["balance_closing_yuan"] == pl.Float64, cq.schema
assert cq.schema["employees"] == pl.Int64, cq.schema
a, b = pl.read_csv({a:?}), pl.read_csv({b:?})
assert a.schema == b.schema, (a.schema, b.schema)
assert b["p_below_zero"].sum() == 0
both = pl.concat([a, b])
assert both.schema["p_below_zero"] == pl.Float64
units = json.loads(pl.read_parquet_metadata({pq:?})["medfund:units"])
assert units["balance_closing_yuan"] == "yuan", units
assert units["employees"] == "persons", units
assert units["months_of_payment"] == "months of payment", units
print("ok", both.height)
"#,
        cq = r.chongqing.join("ledger.csv"),
        a = r.ziyang.join("summary.csv"),
        b = r.other.join("summary.csv"),
        pq = r.chongqing.join("ledger.parquet"),
    );
    if let Some(out) = reader("python3", &["-c", &script], "polars") {
        assert!(out.starts_with("ok "), "{out}");
    }
}

#[test]
fn readr_reads_the_files_and_their_types() {
    let r = runs("readr");
    let script = format!(
        r#"
suppressPackageStartupMessages(library(readr))
cq <- read_csv("{cq}", show_col_types = FALSE)
stopifnot("渝中" %in% cq$district)
stopifnot(is.double(cq$balance_closing_yuan))
a <- read_csv("{a}", show_col_types = FALSE)
b <- read_csv("{b}", show_col_types = FALSE)
for (s in list(a, b)) {{
  stopifnot(is.double(s$p_below_zero), is.double(s$p_first_depletion), is.double(s$balance_p50_yuan))
}}
stopifnot(all(b$p_below_zero == 0))
both <- rbind(a, b)
stopifnot(is.double(both$p_below_zero))
cat("ok", nrow(both), "\n")
"#,
        cq = r.chongqing.join("ledger.csv").display(),
        a = r.ziyang.join("summary.csv").display(),
        b = r.other.join("summary.csv").display(),
    );
    if let Some(out) = reader("Rscript", &["-e", &script], "R readr") {
        assert!(out.starts_with("ok "), "{out}");
    }
}
