//! A run folder appears whole or not at all (issue 12, defects 1 and 5):
//! a run into a folder replaces it as a whole, nothing of the earlier run
//! survives, an interrupted run leaves the previous folder (or none) as it
//! was, and what an interrupted run left beside it is removed by the next.

mod common;

use common::{files, medfund, medfund_command, scratch};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn ok(out: &Output) {
    assert!(out.status.success(), "{:?}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
}

/// What is beside `out` in its parent other than `out` itself.
fn siblings(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_str().unwrap();
    let mut v: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != name)
        .collect();
    v.sort();
    v
}

/// A small complete run of `scenario` into `out`.
fn small(scenario: &str, out: &Path) {
    ok(&medfund(&[
        "simulate",
        "--scenario",
        scenario,
        "--set",
        "projection.population.members=2000",
        "--paths",
        "4",
        "--years",
        "3",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]));
}

/// Start a run into `out` long enough to be killed while it writes (200
/// paths on one thread: the ledger's first batch of 64 paths is written
/// well before the end), and kill it once it has written something: a
/// file in a staging folder beside `out`, or (writing in place) a
/// temporary file in `out` itself.
fn start_and_kill(out: &Path) {
    let mut child = medfund_command(&[
        "simulate",
        "--scenario",
        "ziyang",
        "--set",
        "projection.population.members=2000",
        "--paths",
        "200",
        "--years",
        "3",
        "--threads",
        "1",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let name = out.file_name().unwrap().to_str().unwrap().to_string();
    let parent = out.parent().unwrap().to_path_buf();
    let started = Instant::now();
    let written = || {
        let staged = std::fs::read_dir(&parent).unwrap().filter_map(Result::ok).any(|e| {
            e.file_name().to_string_lossy().starts_with(&format!(".{name}.partial-"))
                && std::fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_some())
        });
        let in_place = std::fs::read_dir(out)
            .is_ok_and(|d| d.filter_map(Result::ok).any(|e| e.file_name().to_string_lossy().contains(".partial")));
        staged || in_place
    };
    while !written() {
        assert!(child.try_wait().unwrap().is_none(), "the run finished before it could be killed: make it larger");
        assert!(started.elapsed() < Duration::from_secs(120), "the run wrote nothing in 120 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(child.try_wait().unwrap().is_none(), "the run finished before it could be killed: make it larger");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_run_of_another_scenario_leaves_nothing_of_the_earlier_run() {
    let d = scratch("atomic", "another");
    let out = d.join("run");
    small("luzhou", &out);
    assert!(out.join("resident").join("run.json").is_file(), "luzhou projects a resident fund");
    small("ziyang", &out);
    assert!(!out.join("resident").exists(), "the earlier run's resident/ survived into the new run");
    let json = std::fs::read_to_string(out.join("run.json")).unwrap();
    assert!(json.contains("\"ziyang\""), "{json}");
    assert!(!json.contains("luzhou"), "{json}");
    assert!(siblings(&out).is_empty(), "left beside the folder: {:?}", siblings(&out));
}

#[test]
fn an_interrupted_run_leaves_the_previous_run_whole_and_the_next_run_clears_its_leftovers() {
    let d = scratch("atomic", "interrupted");
    let out = d.join("run");
    small("luzhou", &out);
    let before = files(&out);
    start_and_kill(&out);
    assert!(files(&out) == before, "the previous run's folder changed: {:?}", files(&out).keys().collect::<Vec<_>>());
    small("ziyang", &out);
    assert!(siblings(&out).is_empty(), "the interrupted run's leftovers stayed: {:?}", siblings(&out));
    let after = files(&out);
    assert!(after.keys().all(|p| !p.to_string_lossy().contains("partial")), "{:?}", after.keys().collect::<Vec<_>>());
    assert!(after.contains_key(Path::new("run.json")) && !out.join("resident").exists());
}

#[test]
fn an_interrupted_run_into_a_fresh_folder_leaves_no_folder() {
    let d = scratch("atomic", "fresh");
    let out = d.join("run");
    start_and_kill(&out);
    assert!(!out.exists(), "the interrupted run left {}: {:?}", out.display(), files(&out).keys().collect::<Vec<_>>());
}

#[test]
fn a_stress_folder_is_replaced_whole_and_stale_staging_folders_are_removed() {
    let d = scratch("atomic", "stress");
    let out = d.join("st");
    let o = out.to_str().unwrap();
    let base = ["stress", "--scenario", "ziyang", "--set", "projection.population.members=2000", "--paths", "4"];
    let with = |more: &[&'static str]| -> Vec<&str> { base.iter().copied().chain(more.iter().copied()).collect() };
    ok(&medfund(
        &[with(&["--years", "3", "--grid", "employer_rate=0.05:0.06:0.01", "--quiet", "--out"]), vec![o]].concat(),
    ));
    assert!(out.join("stress_p_depletion.png").is_file() && out.join("stress.csv").is_file());
    // What a killed run left: a staging folder of a process that is gone.
    let stale = d.join(format!(".st.partial-{}", gone_pid()));
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(stale.join("stress.csv"), "half").unwrap();
    // A solve alone: no grid, so no stress.csv nor heatmaps in the new folder.
    ok(&medfund(
        &[with(&["--years", "3", "--solve", "employer_rate=0.05:0.07:0.01", "--quiet", "--out"]), vec![o]].concat(),
    ));
    let names: Vec<String> = files(&out).keys().map(|p| p.to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["solve.csv", "stress.md", "stress.xlsx"], "files of the earlier stress test survived");
    assert!(siblings(&out).is_empty(), "the stale staging folder stayed: {:?}", siblings(&out));
}

/// The pid of a process that has ended.
fn gone_pid() -> u32 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_medfund")).arg("--version").stdout(Stdio::null()).spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn merge_into_the_shard_folder_keeps_the_shards_and_report_clears_stale_temporaries() {
    let d = scratch("atomic", "merge");
    let out = d.join("s");
    let o = out.to_str().unwrap();
    for i in ["0/2", "1/2"] {
        ok(&medfund(&[
            "simulate",
            "--scenario",
            "ziyang",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "4",
            "--years",
            "3",
            "--quiet",
            "--shard",
            i,
            "--out",
            o,
        ]));
    }
    ok(&medfund(&["merge", o, "--quiet"]));
    assert!(out.join("run.json").is_file());
    assert!(out.join("shard-0000-of-0002.parquet").is_file() && out.join("shard-0001-of-0002.parquet").is_file());
    assert!(siblings(&out).is_empty(), "{:?}", siblings(&out));
    // Merging again from the same folder still finds its shards.
    ok(&medfund(&["merge", o, "--quiet"]));
    // A page half written by a `medfund report` that died.
    let stale = out.join(format!(".report.{}-0.partial.html", gone_pid()));
    std::fs::write(&stale, "<html>").unwrap();
    ok(&medfund(&["report", o]));
    assert!(out.join("report.html").is_file() && !stale.exists(), "the stale temporary page stayed");
}

#[test]
fn a_folder_medfund_did_not_write_is_never_replaced() {
    // `--out ~` must not move a home folder aside: a non-empty folder
    // without a file medfund writes is refused, and left as it was.
    let d = scratch("atomic", "foreign");
    let out = d.join("mine");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "my own notes").unwrap();
    let r = medfund(&["simulate", "--paths", "1", "--years", "1", "--quiet", "--out", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2), "a bad --out is a bad argument");
    assert!(String::from_utf8_lossy(&r.stderr).contains("holds files medfund did not write (notes.txt)"));
    assert_eq!(files(&out).keys().collect::<Vec<_>>(), vec![&PathBuf::from("notes.txt")]);
    assert!(siblings(&out).is_empty(), "{:?}", siblings(&out));
    // A folder of an earlier run is replaced as before.
    let run = d.join("run");
    small("ziyang", &run);
    small("dingxi", &run);
    assert!(std::fs::read_to_string(run.join("run.json")).unwrap().contains("\"dingxi\""));
}
