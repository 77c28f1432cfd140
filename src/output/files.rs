//! The names of a run folder's files, and how every file of `output` is
//! written: under a temporary name in the target directory, flushed, then
//! renamed into place (removed if anything fails).

use std::fs::{self, OpenOptions};

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The files of a run's output directory, in the order they are written.
pub const LEDGER_PARQUET: &str = "ledger.parquet";
pub const LEDGER_CSV: &str = "ledger.csv";
pub const SUMMARY_CSV: &str = "summary.csv";
pub const DEPLETION_CSV: &str = "depletion.csv";
pub const MONTHS_FAN: &str = "months_fan";
pub const BALANCE_FAN: &str = "balance_fan";
pub const FLOWS: &str = "flows";
/// Written only when the run settles districts (Chongqing).
pub const DISTRICTS_CSV: &str = "districts.csv";
pub const BURDEN: &str = "burden";
pub const DISTRICTS_DRY: &str = "districts_dry";
/// Written only for a resident fund with a city adjustment fund (Chongqing).
pub const ADJUSTMENT_CSV: &str = "adjustment.csv";
pub const REPORT_MD: &str = "report.md";
/// The resident fund's own run folder, where the scenario projects one.
pub const RESIDENT_DIR: &str = "resident";
/// What the run was (scenario, seed, paths, years, assumptions...), as JSON.
pub const RUN_JSON: &str = "run.json";
/// The run's summary tables as one Excel workbook (both funds' sheets).
pub const WORKBOOK: &str = "report.xlsx";

/// A temporary name for `dir/name`, in the same directory with the same
/// extension (plotters picks the image format from it).
pub fn temporary(dir: &Path, name: &str) -> PathBuf {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "tmp"));
    dir.join(format!(".{stem}.{}-{}.partial.{ext}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed)))
}

/// Write `dir/name` through `write`, which is handed a temporary path in
/// the same directory with the same extension (plotters picks the image
/// format from it); the temporary file is flushed to disk and renamed into
/// place, or removed if anything fails.
pub fn write_atomic(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<PathBuf> {
    let target = dir.join(name);
    let tmp = temporary(dir, name);
    let result = write(&tmp).and_then(|()| {
        OpenOptions::new().write(true).open(&tmp)?.sync_all()?;
        fs::rename(&tmp, &target)?;
        Ok(())
    });
    match result {
        Ok(()) => Ok(target),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e.context(format!("writing {}", target.display())))
        }
    }
}

/// A folder written whole or not at all: everything goes into a fresh
/// staging folder beside `out` (`.<name>.partial-<pid>`, on the same
/// filesystem), and `commit` puts it in place of `out` by renames (the old
/// folder moved aside to `.<name>.old-<pid>`, the new one renamed to
/// `out`, the old one removed). Until then `out` holds what it held; if
/// the process dies, the staging folder is left behind and removed by the
/// next `begin` on the same `out`; dropped without `commit` (an error), it
/// is removed at once. Nothing of the old folder survives into the new one
/// except what `carry` brings over (a merge's input shard files).
pub struct StagedDir {
    out: PathBuf,
    staging: PathBuf,
    done: bool,
}

/// `out`'s parent folder (`.` for a bare name) and its file name.
fn split(out: &Path) -> anyhow::Result<(PathBuf, String)> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow::anyhow!("{}: not a folder name that can be replaced", out.display()))?
        .to_string();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Whether the process `pid` is still running (where that can be told;
/// elsewhere it is taken as gone, so its leftovers are removed).
fn alive(pid: u32) -> bool {
    pid == std::process::id() || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

/// The pid in a sibling's name `.<name>.<kind>-<pid>`, if it is one.
fn sibling_pid(entry: &str, name: &str, kind: &str) -> Option<u32> {
    entry.strip_prefix('.')?.strip_prefix(name)?.strip_prefix('.')?.strip_prefix(kind)?.strip_prefix('-')?.parse().ok()
}

impl StagedDir {
    /// Start writing the folder `out`: remove what interrupted runs into
    /// `out` left beside it (their processes gone), put back a previous
    /// folder a run died while swapping, and create the staging folder.
    pub fn begin(out: &Path) -> anyhow::Result<StagedDir> {
        let (parent, name) = split(out)?;
        refuse_foreign(out)?;
        fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
        let pid = std::process::id();
        for e in fs::read_dir(&parent).with_context(|| format!("reading {}", parent.display()))?.flatten() {
            let Some(entry) = e.file_name().to_str().map(str::to_string) else { continue };
            if sibling_pid(&entry, &name, "partial").is_some_and(|p| !alive(p)) {
                let _ = fs::remove_dir_all(e.path());
            } else if sibling_pid(&entry, &name, "old").is_some_and(|p| !alive(p)) {
                // A run died between moving the old folder aside and
                // putting the new one in place: the old one is the folder.
                if fs::symlink_metadata(out).is_err() {
                    let _ = fs::rename(e.path(), out);
                } else {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
        let staging = parent.join(format!(".{name}.partial-{pid}"));
        if staging.exists() {
            fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
        }
        fs::create_dir(&staging).with_context(|| format!("creating {}", staging.display()))?;
        Ok(StagedDir { out: out.to_path_buf(), staging, done: false })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Bring those of `files` that are in `out` over into the new folder
    /// (hard links where the filesystem allows, else copies), so that the
    /// swap keeps them: a merge's shard files in the folder it writes.
    pub fn carry(&self, files: &[PathBuf]) -> anyhow::Result<()> {
        let Ok(out) = fs::canonicalize(&self.out) else { return Ok(()) };
        for f in files {
            let (Some(parent), Some(name)) = (f.parent(), f.file_name()) else { continue };
            let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
            if fs::canonicalize(parent).is_ok_and(|p| p == out) {
                let to = self.staging.join(name);
                if fs::hard_link(f, &to).is_err() {
                    fs::copy(f, &to).with_context(|| format!("copying {} to {}", f.display(), to.display()))?;
                }
            }
        }
        Ok(())
    }

    /// `path` inside the staging folder as it will be named once in place.
    pub fn final_path(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.staging).map_or_else(|_| path.to_path_buf(), |rel| self.out.join(rel))
    }

    /// Put the staging folder in place of `out` (everything in it already
    /// flushed by its writers).
    pub fn commit(mut self) -> anyhow::Result<()> {
        let (parent, name) = split(&self.out)?;
        // The folder's entries are durable before it is renamed.
        if let Ok(d) = fs::File::open(&self.staging) {
            let _ = d.sync_all();
        }
        let aside = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = fs::symlink_metadata(&self.out).is_ok();
        if had_old {
            fs::rename(&self.out, &aside)
                .with_context(|| format!("moving {} aside to {}", self.out.display(), aside.display()))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.out) {
            if had_old {
                let _ = fs::rename(&aside, &self.out);
            }
            return Err(anyhow::Error::from(e).context(format!(
                "renaming {} to {}",
                self.staging.display(),
                self.out.display()
            )));
        }
        self.done = true;
        if let Ok(d) = fs::File::open(&parent) {
            let _ = d.sync_all();
        }
        if had_old {
            let removed = if fs::symlink_metadata(&aside).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(&aside)
            } else {
                fs::remove_file(&aside)
            };
            removed.with_context(|| format!("removing the previous folder {}", aside.display()))?;
        }
        Ok(())
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Write the folder `out` whole or not at all through `write`, which is
/// handed the staging folder and returns the files it wrote; `carry` as in
/// `StagedDir::carry`. Returns the files by their final paths.
pub fn write_staged(
    out: &Path,
    carry: &[PathBuf],
    write: impl FnOnce(&Path) -> anyhow::Result<Vec<PathBuf>>,
) -> anyhow::Result<Vec<PathBuf>> {
    let staged = StagedDir::begin(out)?;
    staged.carry(carry)?;
    let written = write(staged.path())?;
    let written = written.iter().map(|p| staged.final_path(p)).collect();
    staged.commit()?;
    Ok(written)
}

/// Remove what `write_atomic(dir, name, …)` left in `dir` when its process
/// died (its temporary files, named by a process now gone). Only for a
/// folder this machine writes alone (`medfund report`'s page): a shared
/// folder's other writers may be processes of other machines.
pub fn remove_stale_temporaries(dir: &Path, name: &str) {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "tmp"));
    let (prefix, suffix) = (format!(".{stem}."), format!(".partial.{ext}"));
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let n = e.file_name();
        let Some(mid) = n.to_str().and_then(|n| n.strip_prefix(&prefix)?.strip_suffix(&suffix)) else { continue };
        let Some((pid, seq)) = mid.split_once('-') else { continue };
        if seq.parse::<u64>().is_ok() && pid.parse::<u32>().is_ok_and(|p| !alive(p)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// What marks a folder as one medfund wrote (a run, a stress or compare
/// folder, a folder of shards): only such a folder, or an empty one, is
/// replaced as a whole.
fn ours(name: &str) -> bool {
    matches!(
        name,
        "run.json"
            | "summary.csv"
            | "stress.csv"
            | "stress.md"
            | "sensitivity.csv"
            | "sensitivity.md"
            | "solve.csv"
            | "compare.md"
            | "backtest.md"
            | "diff.csv"
    ) || (name.starts_with("shard-") && name.ends_with(".parquet"))
        || (name.starts_with("stress-shard-") && name.ends_with(".json"))
}

/// Refuse to replace an existing folder that holds files but none that
/// medfund writes (`--out ~` must not remove a home folder). The commands
/// call it before they start, so the refusal comes before the work.
pub fn refuse_foreign(out: &Path) -> anyhow::Result<()> {
    let Ok(entries) = fs::read_dir(out) else { return Ok(()) };
    let names: Vec<String> = entries.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).collect();
    if names.is_empty() || names.iter().any(|n| ours(n)) {
        return Ok(());
    }
    anyhow::bail!(
        "{}: the folder exists and holds files medfund did not write ({}{}); a run replaces its output folder \
         as a whole, so give a new or empty folder, or one of an earlier run",
        out.display(),
        names.iter().take(3).cloned().collect::<Vec<_>>().join(", "),
        if names.len() > 3 { ", …" } else { "" }
    )
}
