//! Golden outputs: every command a user runs (`adjudicate`, `settle`,
//! `simulate` for Ziyang, Luzhou with its resident fund and Chongqing's
//! districts, `compare`, `stress`, `sensitivity`, `report`, `calibrate`,
//! `scenario`) on small inputs, each output file compared byte for byte with the one the
//! program wrote when the reference was taken.
//!
//! The references are `tests/golden/<case>.sha256`: one line per file
//! (standard output, standard error and the exit status of the command
//! included) with the SHA-256 and size of its stable bytes
//! (see [`stable`]). They were first written on main
//! before the layout change of issue 10, so a refactoring that claims to
//! change no behaviour must leave every line as it is. A change that is
//! meant to change outputs re-blesses them deliberately:
//! `MEDFUND_BLESS=1 cargo test --test golden`, and the diff of the
//! `.sha256` files says which outputs moved.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{TempDir, medfund_stdin};
use sha2::{Digest, Sha256};

/// Run medfund with `args` (the literal `{out}` replaced by `out`), feeding
/// `stdin`, and keep its standard output, error and status as files of the
/// case beside what it wrote.
fn run(out: &Path, name: &str, args: &[&str], stdin: &str) {
    let o = out.to_str().unwrap();
    let args: Vec<String> = args.iter().map(|a| a.replace("{out}", o)).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = medfund_stdin(&args, stdin);
    fs::create_dir_all(out).unwrap();
    // Messages may name the temporary folder: keep them as `{out}`.
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(o, "{out}").into_bytes();
    fs::write(out.join(format!("{name}.stdout")), clean(&r.stdout)).unwrap();
    fs::write(out.join(format!("{name}.stderr")), clean(&r.stderr)).unwrap();
    fs::write(out.join(format!("{name}.status")), format!("{:?}\n", r.status.code())).unwrap();
}

fn files(dir: &Path, prefix: &str, into: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = format!("{prefix}{}", p.file_name().unwrap().to_str().unwrap());
        if p.is_dir() {
            files(&p, &format!("{name}/"), into);
        } else {
            into.insert(name, fs::read(&p).unwrap());
        }
    }
}

/// The bytes that must not change: the folder's own path (the HTML report
/// names it) read as `{out}`, and a workbook by its members' contents, with
/// the creation time its writer stamps in `docProps/core.xml` left out.
fn stable(dir: &Path, name: &str, bytes: &[u8]) -> Vec<u8> {
    if name.ends_with(".xlsx") {
        use std::io::Read as _;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let member = f.name().unwrap().to_string();
            let mut content = String::new();
            f.read_to_string(&mut content).unwrap();
            if member == "docProps/core.xml" {
                for tag in ["dcterms:created", "dcterms:modified"] {
                    if let (Some(a), Some(b)) = (content.find(&format!("<{tag}")), content.find(&format!("</{tag}>"))) {
                        content.replace_range(a..b, "");
                    }
                }
            }
            out.extend_from_slice(format!("{member}\n{content}\n").as_bytes());
        }
        return out;
    }
    let o = dir.to_str().unwrap().as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(o) {
            out.extend_from_slice(b"{out}");
            i += o.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn manifest(dir: &Path) -> String {
    let mut all = BTreeMap::new();
    files(dir, "", &mut all);
    all.iter()
        .map(|(name, bytes)| {
            let bytes = stable(dir, name, bytes);
            let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            format!("{hex} {:>9} {name}\n", bytes.len())
        })
        .collect()
}

/// Compare (or with MEDFUND_BLESS=1 write) the case's reference.
fn check(case: &str, dir: &Path) {
    let got = manifest(dir);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{case}.sha256"));
    if std::env::var_os("MEDFUND_BLESS").is_some() {
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, &got).unwrap();
        return;
    }
    let want =
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e} (write it with MEDFUND_BLESS=1)", file.display()));
    if got != want {
        let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
        let name = |l: &str| l.rsplit(' ').next().unwrap_or("").to_string();
        let mut diff = Vec::new();
        for l in &w {
            if !g.contains(l) {
                let n = name(l);
                diff.push(if g.iter().any(|x| name(x) == n) {
                    format!("changed: {n}")
                } else {
                    format!("missing: {n}")
                });
            }
        }
        for l in &g {
            if !w.iter().any(|x| name(x) == name(l)) {
                diff.push(format!("new: {}", name(l)));
            }
        }
        panic!("{case}: outputs differ from {}:\n  {}", file.display(), diff.join("\n  "));
    }
}

const ADJUDICATE_INPUT: &str = concat!(
    r#"{"id":"in-3a","year":2023,"context":{"avg_wage":80000},"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":30000,"out_of_scope":2000}]}"#,
    "\n",
    r#"{"id":"retiree-pharmacy","year":2024,"member":{"category":"retiree","sex":"M","age":66},"claims":[{"type":"outpatient","level":"pharmacy","total":500},{"type":"outpatient","level":"1","total":800}]}"#,
    "\n",
    r#"{"id":"two-admissions","year":2024,"member":{"category":"employee","sex":"M","age":52},"claims":[{"type":"inpatient","level":"2","total":12000,"out_of_scope":500},{"type":"inpatient","level":"3A","total":260000,"out_of_scope":20000}]}"#,
    "\n",
    r#"{"id":"bad","year":2023,"member":{"category":"employee","sex":"F","age":40},"claims":[{"type":"inpatient","level":"3A","total":-5}]}"#,
    "\n",
);

#[test]
fn adjudicate_every_city() {
    let t = TempDir::new("adjudicate");
    for city in ["ziyang", "luzhou", "dingxi", "chongqing"] {
        run(&t.0, city, &["adjudicate", "--scenario", city], ADJUDICATE_INPUT);
        run(&t.0, &format!("{city}-explain"), &["adjudicate", "--scenario", city, "--explain"], ADJUDICATE_INPUT);
    }
    check("adjudicate", &t.0);
}

#[test]
fn settle_chongqing() {
    let t = TempDir::new("settle");
    let input = concat!(
        r#"{"id":"y2012","districts":[{"name":"渝中","class":"main_urban","collection_target":100000,"collection_actual":102000,"spending_target":90000,"spending_actual":95000,"surplus_opening":3000,"assessment_passed":true},"#,
        r#"{"name":"万州","class":"other","collection_target":80000,"collection_actual":70000,"spending_target":85000,"spending_actual":99000,"surplus_opening":1000,"assessment_passed":false}]}"#,
        "\n"
    );
    run(&t.0, "settle", &["settle", "--scenario", "chongqing"], input);
    check("settle", &t.0);
}

fn simulate(case: &str, args: &[&str]) {
    let t = TempDir::new(case);
    let out = t.0.join("run");
    let mut a = vec!["simulate", "--quiet", "--seed", "5", "--out", "{out}/run"];
    a.extend_from_slice(args);
    run(&t.0, "simulate", &a, "");
    run(&t.0, "report", &["report", "{out}/run"], "");
    assert!(out.join("report.html").is_file(), "{case}: no report.html");
    check(case, &t.0);
}

#[test]
fn simulate_ziyang() {
    simulate(
        "simulate-ziyang",
        &["--scenario", "ziyang", "--paths", "3", "--years", "3", "--set", "projection.population.members=400"],
    );
}

#[test]
fn simulate_luzhou_with_its_resident_fund() {
    simulate(
        "simulate-luzhou",
        &[
            "--scenario",
            "luzhou",
            "--paths",
            "3",
            "--years",
            "3",
            "--set",
            "projection.population.members=400",
            "--set",
            "projection.residents.members=400",
        ],
    );
}

#[test]
fn simulate_chongqing_districts() {
    simulate(
        "simulate-chongqing",
        &[
            "--scenario",
            "chongqing",
            "--paths",
            "2",
            "--years",
            "3",
            "--set",
            "projection.population.members=500",
            "--set",
            "projection.residents.members=500",
            "--shock",
            "epidemic@2026",
        ],
    );
}

#[test]
fn compare_four_cities() {
    let t = TempDir::new("compare");
    run(
        &t.0,
        "compare",
        &[
            "compare",
            "--quiet",
            "--population",
            "ziyang",
            "--set",
            "projection.population.members=500",
            "--paths",
            "2",
            "--out",
            "{out}/run",
        ],
        "",
    );
    check("compare", &t.0);
}

#[test]
fn stress_grid_and_solver() {
    let t = TempDir::new("stress");
    run(
        &t.0,
        "stress",
        &[
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
            "{out}/run",
        ],
        "",
    );
    check("stress", &t.0);
}

#[test]
fn sensitivity_table_tornado_and_workbook() {
    let t = TempDir::new("sensitivity");
    run(
        &t.0,
        "sensitivity",
        &[
            "sensitivity",
            "--quiet",
            "--scenario",
            "dingxi",
            "--years",
            "3",
            "--paths",
            "3",
            "--set",
            "projection.population.members=400",
            "--out",
            "{out}/run",
        ],
        "",
    );
    check("sensitivity", &t.0);
}

#[test]
fn calibrate_and_scenarios() {
    let t = TempDir::new("misc");
    run(
        &t.0,
        "calibrate",
        &["calibrate", "--scenario", "luzhou", "--paths", "1", "--set", "projection.population.members=500"],
        "",
    );
    run(&t.0, "scenario-list", &["scenario", "list"], "");
    for city in ["ziyang", "luzhou", "dingxi", "chongqing"] {
        run(&t.0, &format!("scenario-show-{city}"), &["scenario", "show", city], "");
    }
    run(&t.0, "scenario-validate", &["scenario", "validate"], "");
    check("misc", &t.0);
}
