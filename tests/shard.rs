//! Sharded runs (issue 6): shards run as separate `medfund` processes, put
//! together by `medfund merge`, give the very files of one unsharded run;
//! a killed shard leaves nothing behind and merge refuses until it is run
//! again; shards of different runs, duplicated or foreign files are refused.

mod common;

use common::{files, scratch, text};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = common::medfund_command(args);
    // The shard's test hook, only where a test sets it.
    c.env_remove("MEDFUND_TEST_PAUSE_AFTER_PATHS");
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

fn medfund(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env).output().unwrap()
}

#[track_caller]
fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[track_caller]
fn assert_same_files(single: &Path, merged: &Path) {
    let a = files(single);
    let b = files(merged);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the same files");
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{} differs between the single run and the merge", name.display());
    }
    // The run folder has what it should (a vacuous comparison would not).
    for f in ["ledger.parquet", "ledger.csv", "summary.csv", "report.md", "run.json", "months_fan.png"] {
        assert!(a.contains_key(Path::new(f)), "{f} in the run folder");
    }
}

fn shard_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Luzhou: the employee fund and the resident fund beside it; a weighted
/// sample (its variance column is in the ledger too) and a named shock,
/// both carried to the merge as overrides.
const LUZHOU: &[&str] = &[
    "simulate",
    "--scenario",
    "luzhou",
    "--set",
    "projection.population.members=6000",
    "--set",
    "projection.residents.members=6000",
    "--sample",
    "0.5",
    "--shock",
    "epidemic@2026",
    "--paths",
    "7",
    "--years",
    "3",
    "--seed",
    "11",
    "--quiet",
];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

#[test]
fn three_shard_processes_merge_to_the_single_run_byte_for_byte() {
    let d = scratch("shard", "three");
    let (single, shards, merged) = (d.join("single"), d.join("shards"), d.join("merged"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let (single_s, shards_s, merged_s) = (s(&single), s(&shards), s(&merged));
    // The ordinary run, none of the shard variables set.
    ok(&medfund(&with(LUZHOU, &["--out", &single_s]), &[]));
    assert!(single.join("resident").join("ledger.parquet").is_file(), "the resident fund is covered");
    // Shard 0 by the option, 1 as a Kubernetes Indexed Job's pod, 2 as a
    // Slurm array task (--array=1-3, so task 3 is shard 2); all at once.
    let children: Vec<Child> = vec![
        command(&with(LUZHOU, &["--out", &shards_s, "--shard", "0/3"]), &[]).spawn().unwrap(),
        command(&with(LUZHOU, &["--out", &shards_s, "--shard-count", "3"]), &[("JOB_COMPLETION_INDEX", "1")])
            .spawn()
            .unwrap(),
        command(
            &with(LUZHOU, &["--out", &shards_s]),
            &[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "3")],
        )
        .spawn()
        .unwrap(),
    ];
    for c in children {
        ok(&c.wait_with_output().unwrap());
    }
    // One file per shard and nothing else (no report, no temporary file).
    assert_eq!(
        shard_names(&shards),
        ["shard-0000-of-0003.parquet", "shard-0001-of-0003.parquet", "shard-0002-of-0003.parquet"]
    );
    let out = medfund(&["merge", &shards_s, "--out", &merged_s], &[]);
    ok(&out);
    assert!(text(&out.stdout).contains("luzhou: 7 paths × 3 years, seed 11"), "{}", text(&out.stdout));
    assert_same_files(&single, &merged);
}

#[test]
fn a_killed_shard_is_named_by_merge_and_running_it_again_completes_the_run() {
    let d = scratch("shard", "killed");
    let (single, shards, merged) = (d.join("single"), d.join("shards"), d.join("merged"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let (single_s, shards_s, merged_s) = (s(&single), s(&shards), s(&merged));
    // Shard 1 (paths 2..4) stops after its first path and waits (the test
    // hook MEDFUND_TEST_PAUSE_AFTER_PATHS, src/shard/mod.rs), and is killed
    // then: mid-run on any machine, however fast or slow.
    let members = "projection.population.members=6000";
    let run: &[&str] = &[
        "simulate",
        "--scenario",
        "luzhou",
        "--set",
        members,
        "--paths",
        "6",
        "--years",
        "6",
        "--quiet",
        "--out",
        &shards_s,
    ];
    for i in ["0/3", "2/3"] {
        ok(&medfund(&with(run, &["--shard", i]), &[]));
    }
    let mut child = command(&with(run, &["--shard", "1/3"]), &[("MEDFUND_TEST_PAUSE_AFTER_PATHS", "1")])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = Vec::new();
    for line in stderr.lines() {
        let line = line.unwrap();
        let paused = line.contains("test hook: paused after 1 paths");
        said.push(line);
        if paused {
            break;
        }
    }
    assert!(said.last().is_some_and(|l| l.contains("paused")), "shard 1 did not pause: {said:?}");
    assert!(child.try_wait().unwrap().is_none(), "shard 1 paused, still running");
    child.kill().unwrap();
    child.wait().unwrap();
    // No shard file for it, not even half of one.
    assert_eq!(shard_names(&shards), ["shard-0000-of-0003.parquet", "shard-0002-of-0003.parquet"]);

    let out = medfund(&["merge", &shards_s, "--out", &merged_s], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("missing: shard 1 (shard-0001-of-0003.parquet)"), "{err}");
    assert!(err.contains("--shard 1/3"), "{err}");
    assert!(!merged.exists(), "nothing written");

    // Shard 1 alone, again (any thread count), then the merge completes.
    let t = Instant::now();
    ok(&medfund(&with(run, &["--shard", "1/3"]), &[]));
    eprintln!("shard 1 of the killed-shard test: {:.1} s", t.elapsed().as_secs_f64());
    ok(&medfund(&["merge", &shards_s, "--out", &merged_s, "--quiet"], &[]));
    let single_run: Vec<&str> =
        run.iter().map(|a| if *a == shards_s.as_str() { single_s.as_str() } else { a }).collect();
    ok(&medfund(&single_run, &[]));
    assert_same_files(&single, &merged);
}

#[test]
fn shards_of_other_runs_duplicates_and_foreign_files_are_refused() {
    let d = scratch("shard", "refused");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let run = |seed: &str, shard: &str, out: &Path| {
        ok(&medfund(
            &[
                "simulate",
                "--scenario",
                "dingxi",
                "--set",
                "projection.population.members=2000",
                "--paths",
                "4",
                "--years",
                "2",
                "--seed",
                seed,
                "--shard",
                shard,
                "--out",
                &s(out),
                "--quiet",
            ],
            &[],
        ))
    };
    let (a, b, c, out) = (d.join("a"), d.join("b"), d.join("c"), d.join("out"));
    run("1", "0/2", &a);
    run("1", "1/2", &a);
    // The same shard in two folders.
    run("1", "1/2", &b);
    let refuse = |dirs: &[&Path], expect: &[&str]| {
        let mut args = vec!["merge".to_string()];
        args.extend(dirs.iter().map(|p| s(p)));
        args.extend(["--out".to_string(), s(&out)]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = medfund(&args, &[]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        for e in expect {
            assert!(err.contains(e), "`{e}` in: {err}");
        }
        assert!(!out.exists(), "nothing written");
    };
    refuse(
        &[&a, &b],
        &["duplicated: shard 1 found 2 times", "a/shard-0001-of-0002.parquet", "b/shard-0001-of-0002.parquet"],
    );
    // Another seed's shard 1 beside this run's shard 0.
    run("2", "1/2", &c);
    std::fs::remove_file(a.join("shard-0001-of-0002.parquet")).unwrap();
    refuse(&[&a, &c], &["are shards of different runs", "seed: 1 vs 2"]);
    // Another shard count.
    std::fs::remove_dir_all(&c).unwrap();
    run("1", "1/3", &c);
    refuse(&[&a, &c], &["shards: 2 vs 3"]);
    // A Parquet file that is not a shard, under a shard's name.
    std::fs::remove_dir_all(&c).unwrap();
    run("1", "1/2", &b);
    std::fs::create_dir_all(&c).unwrap();
    let plain = d.join("plain");
    ok(&medfund(
        &[
            "simulate",
            "--scenario",
            "dingxi",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "1",
            "--years",
            "1",
            "--quiet",
            "--out",
            &s(&plain),
        ],
        &[],
    ));
    std::fs::copy(plain.join("ledger.parquet"), c.join("shard-0001-of-0002.parquet")).unwrap();
    refuse(&[&a, &c], &["c/shard-0001-of-0002.parquet: no `medfund.shard` metadata"]);
    // A folder without shards.
    refuse(&[&a, &d.join("plain")], &["plain: no shard files"]);
    // And the good pair merges.
    ok(&medfund(&["merge", &s(&a), &s(&b), "--out", &s(&out), "--quiet"], &[]));
    assert!(out.join("ledger.parquet").is_file());
}

#[test]
fn the_environment_without_a_count_is_refused_and_no_shard_ignores_it() {
    let d = scratch("shard", "env");
    let args = |out: &Path, more: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "simulate",
            "--scenario",
            "dingxi",
            "--set",
            "projection.population.members=2000",
            "--paths",
            "2",
            "--years",
            "1",
            "--quiet",
            "--out",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.push(out.to_str().unwrap().to_string());
        v.extend(more.iter().map(|s| s.to_string()));
        v
    };
    let run = |a: &[String], env: &[(&str, &str)]| medfund(&a.iter().map(String::as_str).collect::<Vec<_>>(), env);
    let o = run(&args(&d.join("k"), &[]), &[("JOB_COMPLETION_INDEX", "0")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--shard-count"), "{}", text(&o.stderr));
    assert!(!d.join("k").exists());
    // --no-shard: the whole run, as without the variable.
    let o =
        run(&args(&d.join("whole"), &["--no-shard"]), &[("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "2")]);
    ok(&o);
    assert!(d.join("whole").join("report.md").is_file());
    assert!(shard_names(&d.join("whole")).iter().all(|n| !n.starts_with("shard-")));
}

#[test]
fn chongqing_districts_and_adjustment_fund_merge_byte_for_byte() {
    // 38 districts settled every year, and the resident fund's city
    // adjustment fund as a further district row.
    let d = scratch("shard", "chongqing");
    let (single, shards, merged) = (d.join("single"), d.join("shards"), d.join("merged"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let run: &[&str] = &[
        "simulate",
        "--scenario",
        "chongqing",
        "--set",
        "projection.population.members=4000",
        "--set",
        "projection.residents.members=4000",
        "--paths",
        "5",
        "--years",
        "2",
        "--seed",
        "3",
        "--quiet",
    ];
    ok(&medfund(&with(run, &["--out", &s(&single)]), &[]));
    for i in ["1/2", "0/2"] {
        ok(&medfund(&with(run, &["--out", &s(&shards), "--shard", i]), &[]));
    }
    ok(&medfund(&["merge", &s(&shards), "--out", &s(&merged), "--quiet"], &[]));
    assert!(single.join("districts.csv").is_file() && single.join("resident").join("ledger.csv").is_file());
    assert_same_files(&single, &merged);
}

/// A stress grid of six cells in three shards (one by `--shard`, one as a
/// Kubernetes pod, one as a Slurm task), merged: the same stress folder,
/// byte for byte, as one machine's.
#[test]
fn stress_grid_shards_merge_to_the_single_stress_test_byte_for_byte() {
    let base = scratch("shard", "stress");
    let (single, shards) = (base.join("single"), base.join("shards"));
    let args = |out: &Path| -> Vec<String> {
        [
            "stress",
            "--scenario",
            "ziyang",
            "--set",
            "projection.population.members=1500",
            "--grid",
            "employer_rate=0.05:0.07:0.01",
            "--grid",
            "medical_inflation=0.04,0.10",
            "--shock",
            "epidemic@2026",
            "--paths",
            "3",
            "--years",
            "3",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec()
    };
    let run = |extra: &[&str], env: &[(&str, &str)], out: &Path| {
        let mut a = args(out);
        a.extend(extra.iter().map(|s| s.to_string()));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        ok(&medfund(&a, env));
    };
    run(&[], &[], &single);
    run(&["--shard", "0/3"], &[], &shards);
    run(&["--shard-count", "3"], &[("JOB_COMPLETION_INDEX", "1")], &shards);
    // Merging two of three is refused, naming the missing shard.
    let out = medfund(&["merge", shards.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--shard 2/3"), "{}", text(&out.stderr));
    run(&[], &[("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "3")], &shards);
    assert_eq!(
        shard_names(&shards),
        ["stress-shard-0000-of-0003.json", "stress-shard-0001-of-0003.json", "stress-shard-0002-of-0003.json"]
    );
    let merged = base.join("merged");
    ok(&medfund(&["merge", shards.to_str().unwrap(), "--out", merged.to_str().unwrap(), "--quiet"], &[]));
    let (a, b) = (files(&single), files(&merged));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{} differs between the single stress test and the merge", name.display());
    }
    assert!(a.contains_key(Path::new("stress.csv")) && a.contains_key(Path::new("stress_p_depletion.png")));
    // The solver is sequential: not with --shard.
    let out = medfund(&["stress", "--solve", "employer_rate=0.05:0.07:0.01", "--shard", "0/2", "--quiet"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--solve runs on one machine"), "{}", text(&out.stderr));
}

/// 130 paths: three batches of the streaming ledger (64, 64, 2 paths),
/// split by two shards at path 65, across a batch: the merge re-batches
/// the rows by path and writes the same bytes.
#[test]
fn shards_across_ledger_batches_merge_byte_for_byte() {
    let base = scratch("shard", "batches");
    let (single, shards, merged) = (base.join("single"), base.join("shards"), base.join("merged"));
    let args = |out: &Path, extra: &[&str]| {
        let mut a: Vec<String> = [
            "simulate",
            "--scenario",
            "chongqing",
            "--set",
            "projection.population.members=800",
            "--set",
            "projection.residents.members=800",
            "--paths",
            "130",
            "--years",
            "2",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let go = |a: Vec<String>| ok(&medfund(&a.iter().map(String::as_str).collect::<Vec<_>>(), &[]));
    go(args(&single, &[]));
    go(args(&shards, &["--shard", "0/2"]));
    go(args(&shards, &["--shard", "1/2"]));
    ok(&medfund(&["merge", shards.to_str().unwrap(), "--out", merged.to_str().unwrap(), "--quiet"], &[]));
    assert_same_files(&single, &merged);
    // 130 paths × 2 years × 38 districts, and a header.
    let csv = std::fs::read_to_string(single.join("ledger.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 130 * 2 * 38);
    // The resident ledger has the adjustment fund's row too.
    let csv = std::fs::read_to_string(single.join("resident").join("ledger.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 130 * 2 * 39);
    // The adjustment fund by year and row: 38 districts and the fund.
    let adj = std::fs::read_to_string(single.join("resident").join("adjustment.csv")).unwrap();
    assert_eq!(adj.lines().count(), 1 + 2 * 39);
    assert!(
        adj.starts_with(
            "\u{feff}year,district,label,financing_yuan,spending_yuan,paid_into_fund_yuan,paid_out_of_fund_yuan"
        ),
        "{adj}"
    );
    assert!(adj.lines().nth(39).unwrap().contains("市级调剂金"), "{adj}");
    assert!(!single.join("adjustment.csv").exists(), "the employee fund has none");
}

/// Shard 1 of a run that differs from shard 0's in one way only is
/// refused, the difference named, nothing written: another scenario,
/// another override, another horizon, another path count, the employee
/// fund alone, or the scenario's text edited between the shards; and a
/// shard file renamed to another index is known by what it holds.
#[test]
fn shards_differing_in_scenario_overrides_years_paths_funds_or_text_are_refused() {
    let d = scratch("shard", "differing");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let run = |extra: &[&str], shard: &str, out: &Path| {
        let mut args = vec!["simulate", "--paths", "4", "--years", "2", "--seed", "1", "--quiet"];
        args.extend_from_slice(extra);
        let (o, sh) = (s(out), shard.to_string());
        args.extend(["--shard", &sh, "--out", &o]);
        ok(&medfund(&args, &[]))
    };
    let out = d.join("out");
    let refuse = |dirs: &[&Path], expect: &[&str]| {
        let mut args = vec!["merge".to_string()];
        args.extend(dirs.iter().map(|p| s(p)));
        args.extend(["--out".to_string(), s(&out)]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = medfund(&args, &[]);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        for e in expect {
            assert!(err.contains(e), "`{e}` in: {err}");
        }
        assert!(!out.exists(), "nothing written");
    };
    let members = "projection.population.members=1500";
    let base = ["--scenario", "luzhou", "--set", members];
    let a = d.join("a");
    run(&base, "0/2", &a);
    let case = |name: &str, extra: &[&str], expect: &[&str]| {
        let b = d.join(name);
        run(extra, "1/2", &b);
        refuse(&[&a, &b], &[&["are shards of different runs"], expect].concat());
    };
    case("scenario", &["--scenario", "dingxi", "--set", members], &["scenario: \"luzhou\" vs \"dingxi\""]);
    case(
        "override",
        &[&base[..], &["--set", "projection.economy.interest={ mean = 0.03, sd = 0.0 }"]].concat(),
        &["overrides:"],
    );
    case("employee-only", &[&base[..], &["--employee-only"]].concat(), &["employee_only: false vs true"]);
    // Another horizon and another path count: rerun with other options.
    let b = d.join("years");
    ok(&medfund(
        &[
            &["simulate", "--paths", "4", "--years", "3", "--seed", "1", "--quiet"][..],
            &base[..],
            &["--shard", "1/2", "--out", &s(&b)],
        ]
        .concat(),
        &[],
    ));
    refuse(&[&a, &b], &["are shards of different runs", "years:"]);
    let b = d.join("paths");
    ok(&medfund(
        &[
            &["simulate", "--paths", "6", "--years", "2", "--seed", "1", "--quiet"][..],
            &base[..],
            &["--shard", "1/2", "--out", &s(&b)],
        ]
        .concat(),
        &[],
    ));
    refuse(&[&a, &b], &["are shards of different runs", "paths: 4 vs 6"]);
    // The same scenario name from an edited file.
    let edited = d.join("luzhou.toml");
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/luzhou.toml")).unwrap();
    std::fs::write(&edited, format!("{src}\n# edited\n")).unwrap();
    case("text", &["--scenario", &s(&edited), "--set", members], &["scenario_text differs"]);
    // Shard 0's file under shard 1's name: merge goes by the metadata the
    // file carries, not by its name, so beside shard 0 it is shard 0 twice.
    let renamed = d.join("renamed");
    std::fs::create_dir_all(&renamed).unwrap();
    std::fs::copy(a.join("shard-0000-of-0002.parquet"), renamed.join("shard-0001-of-0002.parquet")).unwrap();
    refuse(&[&a, &renamed], &["duplicated: shard 0 found 2 times", "missing: shard 1"]);
    let good1 = d.join("good1");
    run(&base, "1/2", &good1);
    // And the good pair merges.
    ok(&medfund(&["merge", &s(&a), &s(&good1), "--out", &s(&out), "--quiet"], &[]));
}
