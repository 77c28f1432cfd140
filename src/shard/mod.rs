//! Sharded runs (issue 6): `medfund simulate --shard I/N` runs shard I's
//! block of paths and writes one partial-result file; `medfund merge`
//! puts the shards of a run back together and writes the same folder an
//! unsharded run writes, byte for byte.
//!
//! **Which paths.** Shard I of N runs the contiguous block of path indices
//! `I·P/N .. (I+1)·P/N` (integer division, P the run's paths), for the
//! employee fund and, where the scenario projects one, the resident fund.
//! Each path's random numbers come from (seed, path index), so a path is the
//! same whichever shard computes it, and the blocks in shard order are the
//! unsharded run's rows in its own order.
//!
//! **Where I and N come from.** `--shard I/N`; else `JOB_COMPLETION_INDEX`
//! (a Kubernetes Indexed Job) with the count from `--shard-count N` or
//! `MEDFUND_SHARD_COUNT`; else `SLURM_ARRAY_TASK_ID` (a Slurm job array),
//! made 0-based by `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_STEP`, with
//! the count from `SLURM_ARRAY_TASK_COUNT`; when the run's count is given
//! too (`--shard-count N`, `MEDFUND_SHARD_COUNT`) and the array is smaller,
//! the array re-runs some shards and its task ids are their indices
//! (`--array=2,5`). A folder holding shards of another count is refused
//! before anything runs. With none of these, `simulate`
//! runs every path and writes the report folder as always; `--no-shard`
//! ignores the environment.
//!
//! **A test hook.** `MEDFUND_TEST_PAUSE_AFTER_PATHS=K` (read only here, by
//! a shard) makes the shard, once K of its paths are done, print
//! `medfund: test hook: paused after K paths` on standard error and wait
//! for ever, its file unwritten: the tests kill it then, whatever the
//! machine's speed (tests/shard.rs); with `MEDFUND_TEST_PAUSE_SHARD=I`
//! only shard I pauses (tests/slurm.rs cancels that one task).

pub mod file;
pub mod merge;
pub mod stress;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use medfund_sim::montecarlo::{self, RunOptions};
use medfund_sim::{Projected, Scenario};

/// `simulate`'s sharding options.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ShardArgs {
    /// Run only shard I of N (0-based): the contiguous block of paths
    /// I·P/N .. (I+1)·P/N, written as one file shard-IIII-of-NNNN.parquet in
    /// --out, to be put together by `medfund merge`. Without it, the shard
    /// is read from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID
    /// (Slurm) when they are set.
    #[arg(long, value_name = "I/N", conflicts_with_all = ["shard_count", "no_shard"])]
    pub shard: Option<String>,
    /// How many shards, with the index from JOB_COMPLETION_INDEX (a
    /// Kubernetes Indexed Job: its `completions`); also MEDFUND_SHARD_COUNT.
    #[arg(long, value_name = "N", conflicts_with = "no_shard")]
    pub shard_count: Option<u32>,
    /// Run every path here even when JOB_COMPLETION_INDEX or
    /// SLURM_ARRAY_TASK_ID is set.
    #[arg(long)]
    pub no_shard: bool,
}

/// One shard of a run, and where its index came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
    /// `--shard`, `JOB_COMPLETION_INDEX` or `SLURM_ARRAY_TASK_ID`.
    pub source: &'static str,
}

impl Shard {
    /// The block of path indices this shard runs out of `paths`.
    pub fn paths(&self, paths: u32) -> std::ops::Range<u32> {
        block(self.index, self.count, paths)
    }

    /// The shard's file name, e.g. `shard-0003-of-0016.parquet`.
    pub fn file_name(&self) -> String {
        format!("shard-{:04}-of-{:04}.parquet", self.index, self.count)
    }
}

/// Shard `i` of `n`'s contiguous block of `0..paths`.
pub fn block(i: u32, n: u32, paths: u32) -> std::ops::Range<u32> {
    let at = |k: u32| (u64::from(k) * u64::from(paths) / u64::from(n)) as u32;
    at(i)..at(i + 1)
}

/// `I/N` as given to `--shard`.
pub fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("--shard `{s}`: expected I/N with 0 ≤ I < N, e.g. --shard 3/16");
    let (i, n) = s.split_once('/').ok_or_else(bad)?;
    let i: u32 = i.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || i >= n {
        return Err(bad());
    }
    Ok((i, n))
}

/// Which shard this process is, if any: from the options, else from the
/// environment as `env` reads it (`std::env::var` in the program; a map in
/// the tests). `None` runs the whole run.
pub fn resolve(a: &ShardArgs, env: &dyn Fn(&str) -> Option<String>) -> Result<Option<Shard>, String> {
    if a.no_shard {
        return Ok(None);
    }
    if let Some(s) = &a.shard {
        let (index, count) = parse_shard(s)?;
        return Ok(Some(Shard { index, count, source: "--shard" }));
    }
    // An empty variable counts as unset.
    let var = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let number = |k: &str| -> Result<Option<u64>, String> {
        var(k).map(|v| v.trim().parse::<u64>().map_err(|_| format!("{k}=`{v}` is not a whole number ≥ 0"))).transpose()
    };
    let count_option = match (a.shard_count, number("MEDFUND_SHARD_COUNT")?) {
        (Some(c), Some(e)) if u64::from(c) != e => {
            return Err(format!("--shard-count {c} and MEDFUND_SHARD_COUNT={e} disagree"));
        }
        (Some(c), _) => Some((u64::from(c), "--shard-count")),
        (None, Some(e)) => Some((e, "MEDFUND_SHARD_COUNT")),
        (None, None) => None,
    };
    let in_range = |index: u64, count: u64, source: &'static str, count_from: &str| -> Result<Shard, String> {
        if count == 0 || count > u64::from(u32::MAX) {
            return Err(format!("{count_from}: the shard count must be between 1 and {}", u32::MAX));
        }
        if index >= count {
            return Err(format!("{source} gives shard {index}, not below the shard count {count} ({count_from})"));
        }
        Ok(Shard { index: index as u32, count: count as u32, source })
    };
    if let Some(index) = number("JOB_COMPLETION_INDEX")? {
        let Some((count, from)) = count_option else {
            return Err("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but not the shard count: \
                        give --shard-count N (the Job's completions) or MEDFUND_SHARD_COUNT, \
                        or --no-shard to run every path here"
                .into());
        };
        return in_range(index, count, "JOB_COMPLETION_INDEX", from).map(Some);
    }
    if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
        let min = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let step = number("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
        let (count, from) = match (number("SLURM_ARRAY_TASK_COUNT")?, count_option) {
            // Some shards of a run submitted again (`--array=2` or
            // `--array=2,5` with the run's count, as deploy/slurm/rerun.sh
            // does): the task ids are the shard indices.
            (Some(s), Some((c, from))) if s != c => {
                return in_range(id, c, "SLURM_ARRAY_TASK_ID", from).map(Some);
            }
            // A one-task array but task 0 is a re-run of one shard whose
            // run's count is not known: refused, lest it write shard 0 of 1.
            (Some(1), None) if id != 0 => {
                return Err(format!(
                    "SLURM_ARRAY_TASK_ID={id} in an array of one task: to run shard {id} of a run again, \
                     give the run's shard count (MEDFUND_SHARD_COUNT=N or --shard-count N; \
                     deploy/slurm/rerun.sh does), or --shard {id}/N"
                ));
            }
            (Some(s), _) => (s, "SLURM_ARRAY_TASK_COUNT"),
            (None, Some((c, from))) => (c, from),
            (None, None) => {
                return Err("SLURM_ARRAY_TASK_ID is set (a Slurm job array) but not SLURM_ARRAY_TASK_COUNT: \
                            give --shard-count N, or --no-shard to run every path here"
                    .into());
            }
        };
        if id < min || (id - min) % step != 0 {
            return Err(format!(
                "SLURM_ARRAY_TASK_ID={id} is not on the array's range (min {min}, step {step}): \
                 submit the array as --array=0-{}",
                count.saturating_sub(1)
            ));
        }
        let index = (id - min) / step;
        if index >= count {
            return Err(format!(
                "SLURM_ARRAY_TASK_ID={id} is shard {index} of an array of {count}: the array must be one \
                 range without gaps, e.g. --array=0-{}",
                count.saturating_sub(1)
            ));
        }
        return in_range(index, count, "SLURM_ARRAY_TASK_ID", from).map(Some);
    }
    if let Some((_, from)) = count_option {
        return Err(format!(
            "{from} is given but no shard index: set JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID, or use --shard I/N"
        ));
    }
    Ok(None)
}

/// What a shard runs: the scenario as loaded (before `--set`), and the
/// run's options.
pub struct ShardJob<'a> {
    pub base: &'a Scenario,
    pub sets: &'a [String],
    pub employee_only: bool,
    pub years: u32,
    pub paths: u32,
    pub seed: u64,
    pub out: Option<PathBuf>,
    pub threads: Option<usize>,
    pub quiet: bool,
}

/// The scenario a run projects: the loaded one with the overrides and
/// `--employee-only` applied (the same steps as `simulate`).
pub fn scenario_of(base: &Scenario, sets: &[String], employee_only: bool) -> Result<Scenario, String> {
    let sc = base.with_overrides(sets).map_err(|e| e.to_string())?;
    Ok(if employee_only { sc.without_residents() } else { sc })
}

/// The shard count of shard files in `dir` other than `count`, if any:
/// a shard of another count there would block every merge.
fn other_count(dir: &Path, count: u32) -> Option<u32> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries.filter_map(Result::ok).find_map(|e| {
        let name = e.file_name().into_string().ok()?;
        let n: u32 = name.strip_prefix("shard-")?.strip_suffix(".parquet")?.split_once("-of-")?.1.parse().ok()?;
        (n != count).then_some(n)
    })
}

/// Run one shard and write its file; returns the file's path. Errors are
/// (exit status, message).
pub fn simulate(job: &ShardJob, shard: &Shard) -> Result<PathBuf, (u8, String)> {
    let sc = scenario_of(job.base, job.sets, job.employee_only).map_err(|e| (2, e))?;
    let dir = job.out.clone().unwrap_or_else(|| PathBuf::from(format!("reports/{}-seed{}", sc.name(), job.seed)));
    let opts = RunOptions { years: job.years, paths: job.paths, seed: job.seed, overrides: job.sets.to_vec() };
    let range = shard.paths(job.paths);
    if let Some(other) = other_count(&dir, shard.count) {
        return Err((
            2,
            format!(
                "{} holds shards of a run of {other} ({}); this is shard {} of {}: give the run's shard count \
                 (--shard I/{other}, or MEDFUND_SHARD_COUNT={other} with a Slurm array), or another --out",
                dir.display(),
                Shard { index: 0, count: other, source: "" }.file_name().replace("0000", "IIII"),
                shard.index,
                shard.count
            ),
        ));
    }
    let only: Option<u32> = std::env::var("MEDFUND_TEST_PAUSE_SHARD").ok().and_then(|v| v.trim().parse().ok());
    let pause_after: Option<u64> = std::env::var("MEDFUND_TEST_PAUSE_AFTER_PATHS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|_| only.is_none_or(|i| i == shard.index));
    let done = std::sync::atomic::AtomicU64::new(0);
    let progress = || {
        if let Some(k) = pause_after
            && done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1 == k
        {
            eprintln!("medfund: test hook: paused after {k} paths");
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
    };
    let work = || montecarlo::run_part(&sc, &opts, range.clone(), &progress);
    let run = match job.threads {
        Some(n) => {
            rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map_err(|e| (1, e.to_string()))?.install(work)
        }
        None => work(),
    }
    .map_err(|e| (2, e))?;
    let meta = file::Meta {
        scenario: run.info.scenario.clone(),
        scenario_file: job.base.file.clone(),
        scenario_text: job.base.src.clone(),
        scenario_hash: run.info.scenario_hash.clone(),
        overrides: job.sets.to_vec(),
        employee_only: job.employee_only,
        seed: job.seed,
        paths: job.paths,
        years: run.info.years.clone(),
        version: run.info.version.clone(),
        funds: std::iter::once(run.info.fund.as_str().to_string())
            .chain(run.resident.iter().map(|r| r.info.fund.as_str().to_string()))
            .collect(),
        shard: shard.index,
        shards: shard.count,
        first_path: range.start,
        end_path: range.end,
        employee_rows: run.rows.len() as u64,
        resident_rows: run.resident.as_ref().map_or(0, |r| r.rows.len() as u64),
        // Set by the writer, from the rows it writes.
        rows_sha256: String::new(),
    };
    std::fs::create_dir_all(&dir).map_err(|e| (1, format!("creating {}: {e}", dir.display())))?;
    let path = file::write(&dir, &shard.file_name(), &meta, &run).map_err(|e| (1, format!("{e:#}")))?;
    // One line per shard even with --quiet: a cluster's job log says
    // what each task did.
    let to = |p: &Path| p.display().to_string();
    {
        println!(
            "{}: shard {}/{} (from {}): paths {}..{} of {} × {} years; {}",
            run.info.scenario,
            shard.index,
            shard.count,
            shard.source,
            range.start,
            range.end,
            job.paths,
            job.years,
            to(&path)
        );
        if !job.quiet && std::io::stdout().is_terminal() && shard.index + 1 == shard.count {
            println!("when every shard is done: medfund merge {}", to(&dir));
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests;
