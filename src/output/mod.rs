//! The output edge of a Monte Carlo run: tables (Parquet and CSV), charts
//! (PNG and SVG) and a Markdown report, all in one directory.
//!
//! Every file is written under a temporary name in the target directory
//! and renamed into place once complete, never half of one; and every
//! folder (a run's, a stress test's, a comparison's) is written into a
//! staging folder beside it and put in place as a whole
//! (`files::StagedDir`), so an interrupted run leaves the previous folder
//! or the new one, never a mix. Nothing here prints; the caller reports
//! what was written.
//!
//! Where things are: `files` (the names of a run folder's files and the
//! atomic write), `stream` (a run folder written as rows arrive, then the
//! rest of it), `tables` (Parquet and CSV frames), `districts` and
//! `adjustment` (the aggregates across paths the tables, charts and report
//! share), `charts` (one file per figure, the shared style in
//! `charts/style.rs`), `report` (`report.md`), `html` (`run.json`,
//! `report.html`), `workbook` (the one `.xlsx` each command writes), and
//! `compare`, `stress`, `sensitivity` and `backtest` for those commands'
//! folders.

mod adjustment;
pub mod backtest;
mod charts;
pub mod compare;
mod districts;
mod figures;
pub mod files;
pub mod html;
pub mod labels;
pub mod lang;
mod report;
pub mod run_diff;
pub mod scenario_diff;
pub mod sensitivity;
pub mod stream;
pub mod stress;
mod tables;
#[cfg(test)]
mod tests;
pub mod workbook;

#[cfg(test)]
use std::path::{Path, PathBuf};

#[cfg(test)]
use medfund_sim::montecarlo::RunResult;

// The file names as `output::…`, as before they moved to `files` (the
// modules here import them from there; nothing outside uses them today).
#[allow(unused_imports)]
pub use files::{
    ADJUSTMENT_CSV, BALANCE_FAN, BURDEN, DEPLETION_CSV, DISTRICTS_CSV, DISTRICTS_DRY, FLOWS, LEDGER_CSV,
    LEDGER_PARQUET, MONTHS_FAN, REPORT_MD, RESIDENT_DIR, RUN_JSON, SUMMARY_CSV, WORKBOOK,
};
pub(crate) use files::{refuse_foreign, write_atomic};
pub use report::headlines;

/// Write a run's tables, charts and report into `dir` (created if needed);
/// returns the files written, in order.
///
/// - `ledger.parquet`, `ledger.csv`: one row per path × year × district;
/// - `summary.csv`: one row per year across paths;
/// - `depletion.csv`: the distribution of the first year of depletion;
/// - `districts.csv`, when the run settles districts: one row per year ×
///   district across paths;
/// - `months_fan`, `balance_fan`, `flows` as `.png` and `.svg`, and
///   `burden`, `districts_dry` when the run settles districts;
/// - `resident/`, where the scenario projects a resident fund: the same
///   files for it (its ledger accounted apart, 分账核算);
/// - `report.md`, tying them together;
/// - `report.xlsx`, the summary tables of both funds as one workbook
///   (`workbook`), with a README sheet;
/// - `run.json`, what the run was (for `medfund report` and other tools).
#[cfg(test)]
pub fn write_run(dir: &Path, run: &RunResult) -> anyhow::Result<Vec<PathBuf>> {
    let mut folder = stream::RunFolder::create(dir)?;
    let mut funds = vec![(&run.info, &run.rows)];
    if let Some(r) = &run.resident {
        funds.push((&r.info, &r.rows));
    }
    for (info, rows) in funds {
        // A batch of paths at a time, as a streaming run hands them over.
        let chunk = medfund_sim::montecarlo::CHUNK_PATHS;
        for batch in rows.chunk_by(|a, b| a.path / chunk == b.path / chunk) {
            folder.feed(info, batch.to_vec())?;
        }
    }
    folder.finish(run)
}
