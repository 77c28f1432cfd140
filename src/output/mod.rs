//! The output edge of a Monte Carlo run: tables (Parquet and CSV), charts
//! (PNG and SVG) and a Markdown report, all in one directory.
//!
//! Every file is written under a temporary name in the target directory
//! and renamed into place once complete, so an interrupted run leaves
//! either the previous file or the new one, never half of one. Nothing here
//! prints; the caller reports what was written.

mod adjustment;
mod charts;
pub mod compare;
mod districts;
pub mod html;
mod report;
pub mod stream;
pub mod stress;
mod tables;
#[cfg(test)]
mod tests;

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use medfund_sim::montecarlo::RunResult;

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

/// The files after the ledger, for one fund (and its resident fund's
/// folder inside it), from the run and what its rows added up to.
fn finish_fund(
    mut folder: stream::FundFolder,
    run: &RunResult,
    resident: Option<(stream::FundFolder, &RunResult)>,
) -> anyhow::Result<Vec<PathBuf>> {
    let dir = folder.dir().to_path_buf();
    let dir = dir.as_path();
    let mut written = folder.close()?;
    let mut summary = tables::summary_frame(run)?;
    written.push(write_atomic(dir, SUMMARY_CSV, |p| tables::write_csv(p, &mut summary))?);
    let mut depletion = tables::depletion_frame(run)?;
    written.push(write_atomic(dir, DEPLETION_CSV, |p| tables::write_csv(p, &mut depletion))?);
    let (settlement, adjustment) = folder.aggregates(&run.info);
    if let Some(s) = &settlement {
        let mut frame = tables::districts_frame(s)?;
        written.push(write_atomic(dir, DISTRICTS_CSV, |p| tables::write_csv(p, &mut frame))?);
    }
    if adjustment.fund_row.is_some() {
        let mut frame = tables::adjustment_frame(&run.info, &adjustment)?;
        written.push(write_atomic(dir, ADJUSTMENT_CSV, |p| tables::write_csv(p, &mut frame))?);
    }

    charts::register_fonts()?;
    let mut charts = vec![
        (MONTHS_FAN, charts::Chart::MonthsFan),
        (BALANCE_FAN, charts::Chart::BalanceFan),
        (FLOWS, charts::Chart::Flows),
    ];
    if let Some(s) = &settlement {
        charts.push((BURDEN, charts::Chart::Burden(s)));
        charts.push((DISTRICTS_DRY, charts::Chart::DistrictsDry(s)));
    }
    for (stem, chart) in charts {
        written.push(write_atomic(dir, &format!("{stem}.png"), |p| charts::write_png(p, run, chart))?);
        written.push(write_atomic(dir, &format!("{stem}.svg"), |p| charts::write_svg(p, run, chart))?);
    }

    if let Some((f, r)) = resident {
        written.extend(finish_fund(f, r, None)?);
    }
    let md = report::markdown(run, settlement.as_ref(), Some(&adjustment));
    written.push(write_atomic(dir, REPORT_MD, |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    let json = html::run_json(run);
    written.push(write_atomic(dir, RUN_JSON, |p| fs::write(p, json.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

/// A temporary name for `dir/name`, in the same directory with the same
/// extension (plotters picks the image format from it).
pub(crate) fn temporary(dir: &Path, name: &str) -> PathBuf {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "tmp"));
    dir.join(format!(".{stem}.{}-{}.partial.{ext}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed)))
}

/// Write `dir/name` through `write`, which is handed a temporary path in
/// the same directory with the same extension (plotters picks the image
/// format from it); the temporary file is flushed to disk and renamed into
/// place, or removed if anything fails.
pub(crate) fn write_atomic(
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
