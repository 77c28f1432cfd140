//! Where the shard index and count come from.

use std::collections::HashMap;

use super::*;

fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let m: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |k| m.get(k).cloned()
}

fn args(shard: Option<&str>, count: Option<u32>, no_shard: bool) -> ShardArgs {
    ShardArgs { shard: shard.map(str::to_string), shard_count: count, no_shard }
}

fn shard(index: u32, count: u32, source: &'static str) -> Option<Shard> {
    Some(Shard { index, count, source })
}

#[test]
fn nothing_set_runs_the_whole_run() {
    assert_eq!(resolve(&ShardArgs::default(), &env(&[])), Ok(None));
    // Unrelated and empty variables change nothing.
    assert_eq!(resolve(&ShardArgs::default(), &env(&[("JOB_COMPLETION_INDEX", ""), ("HOME", "/root")])), Ok(None));
}

#[test]
fn the_option_wins_over_the_environment() {
    let e = env(&[("JOB_COMPLETION_INDEX", "5"), ("SLURM_ARRAY_TASK_ID", "7"), ("SLURM_ARRAY_TASK_COUNT", "8")]);
    assert_eq!(resolve(&args(Some("2/3"), None, false), &e), Ok(shard(2, 3, "--shard")));
    assert_eq!(resolve(&args(None, None, true), &e), Ok(None));
}

#[test]
fn bad_shard_options_are_refused() {
    for s in ["3/3", "1/0", "a/3", "3", "-1/3", "1/3/4"] {
        let e = resolve(&args(Some(s), None, false), &env(&[])).unwrap_err();
        assert!(e.contains(&format!("--shard `{s}`")), "{e}");
    }
}

#[test]
fn kubernetes_indexed_job() {
    let e = env(&[("JOB_COMPLETION_INDEX", "3")]);
    assert_eq!(resolve(&args(None, Some(16), false), &e), Ok(shard(3, 16, "JOB_COMPLETION_INDEX")));
    let with_var = env(&[("JOB_COMPLETION_INDEX", "0"), ("MEDFUND_SHARD_COUNT", "4")]);
    assert_eq!(resolve(&ShardArgs::default(), &with_var), Ok(shard(0, 4, "JOB_COMPLETION_INDEX")));
    // The count is required, must agree, and must exceed the index.
    assert!(resolve(&ShardArgs::default(), &e).unwrap_err().contains("--shard-count"));
    assert!(resolve(&args(None, Some(5), false), &with_var).unwrap_err().contains("disagree"));
    assert!(resolve(&args(None, Some(3), false), &e).unwrap_err().contains("not below the shard count 3"));
    assert!(resolve(&args(None, Some(0), false), &env(&[("JOB_COMPLETION_INDEX", "0")])).is_err());
    let bad = resolve(&args(None, Some(4), false), &env(&[("JOB_COMPLETION_INDEX", "x")])).unwrap_err();
    assert!(bad.contains("JOB_COMPLETION_INDEX=`x`"), "{bad}");
}

#[test]
fn slurm_job_array() {
    let e = env(&[("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4")]);
    assert_eq!(resolve(&ShardArgs::default(), &e), Ok(shard(2, 4, "SLURM_ARRAY_TASK_ID")));
    // An array from 1 (--array=1-4): task 1 is shard 0, task 4 shard 3.
    let from_1 = |id: &str| {
        resolve(
            &ShardArgs::default(),
            &env(&[("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_COUNT", "4"), ("SLURM_ARRAY_TASK_MIN", "1")]),
        )
    };
    assert_eq!(from_1("1"), Ok(shard(0, 4, "SLURM_ARRAY_TASK_ID")));
    assert_eq!(from_1("4"), Ok(shard(3, 4, "SLURM_ARRAY_TASK_ID")));
    assert!(from_1("5").is_err());
    // A stepped array (--array=10-16:2): 10, 12, 14, 16.
    let stepped = env(&[
        ("SLURM_ARRAY_TASK_ID", "14"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
        ("SLURM_ARRAY_TASK_MIN", "10"),
        ("SLURM_ARRAY_TASK_STEP", "2"),
    ]);
    assert_eq!(resolve(&ShardArgs::default(), &stepped), Ok(shard(2, 4, "SLURM_ARRAY_TASK_ID")));
    // No count: --shard-count stands in; a disagreeing one is refused.
    let no_count = env(&[("SLURM_ARRAY_TASK_ID", "1")]);
    assert!(resolve(&ShardArgs::default(), &no_count).unwrap_err().contains("SLURM_ARRAY_TASK_COUNT"));
    assert_eq!(resolve(&args(None, Some(2), false), &no_count), Ok(shard(1, 2, "SLURM_ARRAY_TASK_ID")));
    // The run's count beside a smaller array: shards run again, the task
    // ids their indices (`sbatch --array=2,4` with MEDFUND_SHARD_COUNT=5).
    assert_eq!(resolve(&args(None, Some(5), false), &e), Ok(shard(2, 5, "SLURM_ARRAY_TASK_ID")));
    let rerun = env(&[
        ("SLURM_ARRAY_TASK_ID", "4"),
        ("SLURM_ARRAY_TASK_COUNT", "2"),
        ("SLURM_ARRAY_TASK_MIN", "2"),
        ("MEDFUND_SHARD_COUNT", "5"),
    ]);
    assert_eq!(resolve(&ShardArgs::default(), &rerun), Ok(shard(4, 5, "SLURM_ARRAY_TASK_ID")));
    let too_far = env(&[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_COUNT", "1"), ("MEDFUND_SHARD_COUNT", "5")]);
    assert!(resolve(&ShardArgs::default(), &too_far).unwrap_err().contains("not below the shard count 5"));
    // `sbatch --array=2` without the run's count would be shard 0 of 1:
    // refused, naming the way to give the count.
    let alone = env(&[("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "1"), ("SLURM_ARRAY_TASK_MIN", "2")]);
    let e1 = resolve(&ShardArgs::default(), &alone).unwrap_err();
    assert!(e1.contains("MEDFUND_SHARD_COUNT") && e1.contains("rerun.sh"), "{e1}");
    // Task 0 alone is a one-shard run, as before.
    let zero = env(&[("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "1")]);
    assert_eq!(resolve(&ShardArgs::default(), &zero), Ok(shard(0, 1, "SLURM_ARRAY_TASK_ID")));
    // A list with gaps (--array=0,5): task 5 of 2 cannot be placed.
    let gaps = env(&[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_COUNT", "2")]);
    assert!(resolve(&ShardArgs::default(), &gaps).unwrap_err().contains("--array=0-1"));
}

#[test]
fn kubernetes_before_slurm_and_a_count_without_an_index_is_refused() {
    let both = env(&[("JOB_COMPLETION_INDEX", "1"), ("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "2")]);
    assert_eq!(resolve(&args(None, Some(2), false), &both), Ok(shard(1, 2, "JOB_COMPLETION_INDEX")));
    assert!(resolve(&args(None, Some(2), false), &env(&[])).unwrap_err().contains("no shard index"));
    assert!(resolve(&ShardArgs::default(), &env(&[("MEDFUND_SHARD_COUNT", "2")])).is_err());
}

#[test]
fn blocks_cover_every_path_once_in_order() {
    for paths in [1, 2, 7, 10, 1000] {
        for n in [1, 2, 3, 7, 16] {
            let blocks: Vec<_> = (0..n).map(|i| block(i, n, paths)).collect();
            assert_eq!(blocks[0].start, 0);
            assert_eq!(blocks[n as usize - 1].end, paths);
            for w in blocks.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
            // Balanced: sizes differ by at most one.
            let sizes: Vec<u32> = blocks.iter().map(|b| b.end - b.start).collect();
            assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{paths} {n} {sizes:?}");
        }
    }
    assert_eq!(block(1, 3, 10), 3..6);
    assert_eq!(Shard { index: 3, count: 16, source: "" }.file_name(), "shard-0003-of-0016.parquet");
}

#[test]
fn shard_file_names() {
    use super::merge::is_shard_name;
    assert!(is_shard_name("shard-0003-of-0016.parquet"));
    assert!(is_shard_name("shard-12345-of-20000.parquet"));
    assert!(!is_shard_name(".shard-0003-of-0016.123-4.partial.parquet"));
    assert!(!is_shard_name("ledger.parquet"));
    assert!(!is_shard_name("shard-a-of-0016.parquet"));
}
