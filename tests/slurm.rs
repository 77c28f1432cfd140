//! deploy/slurm/ on a real Slurm (issue 12): the one-node cluster that
//! `.ci/slurm-up` starts. A run submitted as the README says merges into
//! the very files of one unsharded run; a cancelled shard makes the merge
//! job end (not wait for ever) naming the missing shard and the re-run
//! command; that command, run, completes the same run.
//!
//! Skipped when no cluster answers `sinfo`, unless MEDFUND_REQUIRE_SLURM=1
//! (set by `.ci/run`, which starts the cluster): then a missing cluster
//! fails the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{files, scratch};

fn slurm_up() -> bool {
    let up = Command::new("sinfo").arg("-h").output().is_ok_and(|o| o.status.success());
    if !up && std::env::var("MEDFUND_REQUIRE_SLURM").is_ok_and(|v| v == "1") {
        panic!("MEDFUND_REQUIRE_SLURM=1 but no Slurm cluster answers sinfo (start one with .ci/slurm-up)");
    }
    up
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[track_caller]
fn ok(o: &Output) -> String {
    assert!(o.status.success(), "status {:?}\nstdout: {}\nstderr: {}", o.status, text(&o.stdout), text(&o.stderr));
    text(&o.stdout)
}

const SIMULATE: &[&str] = &["--set", "projection.population.members=1500", "--sample", "0.5"];

/// A script of deploy/slurm/ run from `cwd` (where the jobs' logs go) with
/// the run's settings; the variables a test or CI shell may carry removed.
fn script(name: &str, args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(root().join("deploy/slurm").join(name));
    c.args(args).current_dir(cwd);
    for v in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "MEDFUND_SHARD_COUNT", "JOB_COMPLETION_INDEX"] {
        c.env_remove(v);
    }
    c.env_remove("MEDFUND_TEST_PAUSE_AFTER_PATHS").env_remove("MEDFUND_TEST_PAUSE_SHARD");
    // A cluster whose default exports nothing: the scripts export what
    // they need themselves.
    c.env("SBATCH_EXPORT", "NONE");
    c.env("MEDFUND", env!("CARGO_BIN_EXE_medfund"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The job ids submit.sh and rerun.sh print: the array's, then the merge's.
fn job_ids(out: &str) -> (String, String) {
    let id = |prefix: &str| {
        let line = out.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix} in {out}"));
        line.split("job array ")
            .nth(1)
            .or(line.split("job ").nth(1))
            .unwrap()
            .split([' ', ','])
            .next()
            .unwrap()
            .to_string()
    };
    (id("shards"), id("merge"))
}

/// Wait until the job has left the queue (finished, failed or cancelled).
fn wait_gone(job: &str) {
    let t = Instant::now();
    loop {
        let q = Command::new("squeue").args(["-h", "-j", job, "-o", "%i %T"]).output().unwrap();
        if text(&q.stdout).trim().is_empty() {
            return;
        }
        assert!(t.elapsed() < Duration::from_secs(600), "job {job} still queued: {}", text(&q.stdout));
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Wait until `path` holds `needle`.
fn wait_for(path: &Path, needle: &str) {
    let t = Instant::now();
    while !std::fs::read_to_string(path).is_ok_and(|s| s.contains(needle)) {
        assert!(t.elapsed() < Duration::from_secs(600), "{} never said `{needle}`", path.display());
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The run folder's files, without the shards and the Slurm settings file
/// (which an unsharded run does not have).
fn run_files(d: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut f = files(d);
    f.retain(|p, _| {
        let n = p.to_string_lossy();
        !(n.starts_with("shard-") || n == "medfund-slurm.env")
    });
    f
}

#[test]
fn a_slurm_run_merges_to_the_unsharded_run_and_a_cancelled_shard_is_named_and_run_again() {
    if !slurm_up() {
        eprintln!("no Slurm cluster: skipped (MEDFUND_REQUIRE_SLURM=1 makes this a failure)");
        return;
    }
    let d = scratch("slurm", "run");
    let env = [("SCENARIO", "luzhou"), ("PATHS", "6"), ("YEARS", "2"), ("SEED", "5"), ("SHARDS", "3")];
    // The unsharded run.
    let single = d.join("single");
    let mut args = vec!["simulate", "--scenario", "luzhou", "--paths", "6", "--years", "2", "--seed", "5", "--quiet"];
    args.extend_from_slice(SIMULATE);
    let single_s = single.to_str().unwrap().to_string();
    args.extend(["--out", &single_s]);
    ok(&Command::new(env!("CARGO_BIN_EXE_medfund")).args(&args).current_dir(root()).output().unwrap());
    let want = run_files(&single);
    assert!(want.contains_key(Path::new("resident/ledger.csv")), "both funds");

    // 1. Submitted as the README says, with extra simulate options.
    let logs = d.join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    let run = d.join("sharded");
    let run_s = run.to_str().unwrap();
    let out = ok(&script("submit.sh", SIMULATE, &logs, &[&env[..], &[("RUN_DIR", run_s)]].concat()));
    let (array, merge) = job_ids(&out);
    wait_gone(&array);
    wait_gone(&merge);
    assert_eq!(run_files(&run), want, "the merged files are the unsharded run's, byte for byte");
    // A line per shard in its log, even with --quiet.
    for k in 0..3 {
        let log = std::fs::read_to_string(logs.join(format!("medfund-shards-{array}_{k}.out"))).unwrap();
        assert!(log.contains(&format!("luzhou: shard {k}/3 (from SLURM_ARRAY_TASK_ID)")), "shard {k}: {log}");
    }

    // 2. Shard 1 cancelled while it runs: the merge ends, naming it.
    let run2 = d.join("cancelled");
    let run2_s = run2.to_str().unwrap();
    let pause = [("MEDFUND_TEST_PAUSE_AFTER_PATHS", "1"), ("MEDFUND_TEST_PAUSE_SHARD", "1")];
    let out = ok(&script("submit.sh", SIMULATE, &logs, &[&env[..], &[("RUN_DIR", run2_s)], &pause[..]].concat()));
    let (array, merge) = job_ids(&out);
    wait_for(&logs.join(format!("medfund-shards-{array}_1.out")), "test hook: paused after 1 paths");
    ok(&Command::new("scancel").arg(format!("{array}_1")).output().unwrap());
    wait_gone(&array);
    wait_gone(&merge);
    let merge_log = std::fs::read_to_string(logs.join(format!("medfund-merge-{merge}.out"))).unwrap();
    assert!(merge_log.contains("missing: shard 1 (shard-0001-of-0003.parquet)"), "{merge_log}");
    assert!(merge_log.contains(&format!("deploy/slurm/rerun.sh {run2_s} <shard>")), "{merge_log}");
    assert!(!run2.join("run.json").exists(), "nothing merged");

    // The obvious re-run without the run's count is refused, writing nothing.
    let o = Command::new("sbatch")
        .args(["--wait", "--export=ALL", "--array=1"])
        .arg(root().join("deploy/slurm/shards.sbatch"))
        .args(SIMULATE)
        .current_dir(&logs)
        .env("MEDFUND", env!("CARGO_BIN_EXE_medfund"))
        .env("RUN_DIR", run2_s)
        .envs(env.iter().filter(|(k, _)| *k != "SHARDS").copied())
        .env_remove("MEDFUND_SHARD_COUNT")
        .output()
        .unwrap();
    assert!(!o.status.success(), "a one-task array without the count fails");
    let shards: Vec<String> = std::fs::read_dir(&run2)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("shard-"))
        .collect();
    assert!(!shards.iter().any(|n| n.ends_with("-of-0001.parquet")), "{shards:?}");

    // 3. The documented re-run completes the same run.
    let out = ok(&script("rerun.sh", &[run2_s, "1"], &logs, &[]));
    let (array, merge) = job_ids(&out);
    wait_gone(&array);
    wait_gone(&merge);
    assert_eq!(run_files(&run2), want, "after the re-run, the unsharded run's files");
}
