//! A run folder written as the run goes: the ledger rows of each fund are
//! appended to `ledger.parquet` and `ledger.csv` (under temporary names,
//! renamed at the end) a fixed number of paths at a time, and folded into
//! the few aggregates the other files need (the district settlement, the
//! adjustment fund); then the summary, charts and report are written from
//! the run's city rows. Memory holds one batch of rows, not the run's.
//!
//! Rows are batched by path index (`CHUNK_PATHS` paths a batch, whatever
//! arrives when), so the files are the same bytes whether the rows come
//! from one process, from `write_run` on a finished run, or from shards
//! being merged.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};

use anyhow::Context;
use medfund_sim::ledger::{Fund, LedgerRow};
use medfund_sim::montecarlo::{CHUNK_PATHS, RunInfo, RunResult};

use super::adjustment::AdjustmentAcc;
use super::districts::SettlementAcc;
use super::{LEDGER_CSV, LEDGER_PARQUET, RESIDENT_DIR, tables, temporary};

/// One fund's part of a run folder while rows arrive.
pub(super) struct FundFolder {
    dir: PathBuf,
    info: RunInfo,
    tmp: [PathBuf; 2],
    ledger: Option<tables::Batched>,
    pending: Vec<LedgerRow>,
    /// Rows of paths below this have all arrived.
    boundary: u32,
    settlement: SettlementAcc,
    adjustment: AdjustmentAcc,
    done: bool,
}

impl FundFolder {
    fn new(dir: &Path, info: &RunInfo) -> anyhow::Result<FundFolder> {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(FundFolder {
            dir: dir.to_path_buf(),
            tmp: [temporary(dir, LEDGER_PARQUET), temporary(dir, LEDGER_CSV)],
            ledger: None,
            pending: Vec::new(),
            boundary: CHUNK_PATHS,
            settlement: SettlementAcc::new(&info.years),
            adjustment: AdjustmentAcc::new(info),
            info: info.clone(),
            done: false,
        })
    }

    /// Rows in path order (a path's rows together).
    fn feed(&mut self, rows: Vec<LedgerRow>) -> anyhow::Result<()> {
        self.settlement.add(&rows);
        self.adjustment.add(&rows);
        for r in rows {
            while r.path >= self.boundary {
                self.flush()?;
                self.boundary += CHUNK_PATHS;
            }
            self.pending.push(r);
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let df = tables::ledger_frame(&self.info, &self.pending)?;
        if self.ledger.is_none() {
            self.ledger = Some(tables::Batched::create(&self.tmp[0], &self.tmp[1], df.schema())?);
        }
        self.ledger.as_mut().expect("created").write(&df)?;
        self.pending.clear();
        Ok(())
    }

    /// Close the ledger files and put them in place.
    pub(super) fn close(&mut self) -> anyhow::Result<Vec<PathBuf>> {
        self.flush()?;
        if self.ledger.is_none() {
            // No rows at all: an empty ledger with its columns.
            let df = tables::ledger_frame(&self.info, &[])?;
            self.ledger = Some(tables::Batched::create(&self.tmp[0], &self.tmp[1], df.schema())?);
        }
        self.ledger.take().expect("created").finish()?;
        let mut out = Vec::new();
        for (tmp, name) in self.tmp.iter().zip([LEDGER_PARQUET, LEDGER_CSV]) {
            OpenOptions::new().write(true).open(tmp)?.sync_all()?;
            let target = self.dir.join(name);
            fs::rename(tmp, &target).with_context(|| format!("writing {}", target.display()))?;
            out.push(target);
        }
        self.done = true;
        Ok(out)
    }
}

impl Drop for FundFolder {
    fn drop(&mut self) {
        if !self.done {
            for t in &self.tmp {
                let _ = fs::remove_file(t);
            }
        }
    }
}

/// A run folder being written.
pub struct RunFolder {
    dir: PathBuf,
    employee: Option<FundFolder>,
    resident: Option<FundFolder>,
}

impl RunFolder {
    /// Start the folder `dir` (created if needed).
    pub fn create(dir: &Path) -> anyhow::Result<RunFolder> {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(RunFolder { dir: dir.to_path_buf(), employee: None, resident: None })
    }

    /// A batch of one fund's rows (the fund `info` describes), in path order.
    pub fn feed(&mut self, info: &RunInfo, rows: Vec<LedgerRow>) -> anyhow::Result<()> {
        let (slot, dir) = match info.fund {
            Fund::Employee => (&mut self.employee, self.dir.clone()),
            Fund::Resident => (&mut self.resident, self.dir.join(RESIDENT_DIR)),
        };
        if slot.is_none() {
            *slot = Some(FundFolder::new(&dir, info)?);
        }
        slot.as_mut().expect("created").feed(rows)
    }

    /// Write the rest of the folder from the finished `run` (its rows may
    /// be empty: they have been fed); returns the files written.
    pub fn finish(self, run: &RunResult) -> anyhow::Result<Vec<PathBuf>> {
        let RunFolder { dir, employee, resident } = self;
        let employee = match employee {
            Some(e) => e,
            None => FundFolder::new(&dir, &run.info)?,
        };
        let resident = match (&run.resident, resident) {
            (Some(r), Some(f)) => Some((f, r.as_ref())),
            (Some(r), None) => Some((FundFolder::new(&dir.join(RESIDENT_DIR), &r.info)?, r.as_ref())),
            (None, None) => None,
            (None, Some(_)) => anyhow::bail!("resident rows for a run without a resident fund"),
        };
        super::finish_fund(employee, run, resident)
    }
}

impl FundFolder {
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }
    /// The district settlement (where the run settles districts) and the
    /// adjustment fund's aggregates.
    pub(super) fn aggregates(&mut self, info: &RunInfo) -> (Option<super::districts::Settlement>, AdjustmentAcc) {
        let s = std::mem::take(&mut self.settlement).finish(info);
        (s, std::mem::take(&mut self.adjustment))
    }
}
