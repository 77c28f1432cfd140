//! The names of a run folder's files, and how every file of `output` is
//! written: under a temporary name in the target directory, flushed, then
//! renamed into place (removed if anything fails).

use std::fs::{self, OpenOptions};
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
