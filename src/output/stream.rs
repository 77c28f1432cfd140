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
use super::districts::{Settlement, SettlementAcc};
use super::files::{
    ADJUSTMENT_CSV, BALANCE_FAN, BURDEN, DEPLETION_CSV, DISTRICTS_CSV, DISTRICTS_DRY, FLOWS, LEDGER_CSV,
    LEDGER_PARQUET, MONTHS_FAN, REPORT_MD, RESIDENT_DIR, RUN_JSON, SUMMARY_CSV, StagedDir, WORKBOOK, temporary,
    write_atomic,
};
use super::lang::Lang;
use super::workbook::{self, Sheet};
use super::{charts, labels, report, tables};

/// One fund's part of a run folder while rows arrive.
struct FundFolder {
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
    fn close(&mut self) -> anyhow::Result<Vec<PathBuf>> {
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

/// A run folder being written: into a staging folder beside it, put in
/// place of `dir` as a whole by `finish` (see `StagedDir`), so that `dir`
/// holds the previous run or this one, never a mix.
pub struct RunFolder {
    dir: PathBuf,
    // Declared after the funds: dropped after their temporary files.
    employee: Option<FundFolder>,
    resident: Option<FundFolder>,
    staged: StagedDir,
    /// The language of report.md, the charts and run.json's headline.
    lang: Lang,
}

impl RunFolder {
    /// Start the folder `dir` (its parent created if needed; `dir` itself
    /// is replaced only when `finish` succeeds).
    pub fn create(dir: &Path) -> anyhow::Result<RunFolder> {
        let staged = StagedDir::begin(dir)?;
        Ok(RunFolder { dir: staged.path().to_path_buf(), employee: None, resident: None, staged, lang: Lang::En })
    }

    /// Write report.md, the charts and run.json's headline in `lang`
    /// (English unless set).
    pub fn lang(mut self, lang: Lang) -> RunFolder {
        self.lang = lang;
        self
    }

    /// Keep those of `files` that are in the folder being replaced (a
    /// merge's shard files) in the new one.
    pub fn carry(&mut self, files: &[PathBuf]) -> anyhow::Result<()> {
        self.staged.carry(files)
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
    /// be empty: they have been fed), `run.json` last, and put the folder
    /// in place; returns the files written, by their final paths.
    pub fn finish(self, run: &RunResult) -> anyhow::Result<Vec<PathBuf>> {
        let RunFolder { dir, employee, resident, staged, lang } = self;
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
        let written = finish_fund(employee, run, resident, &mut Vec::new(), lang)?;
        let written = written.iter().map(|p| staged.final_path(p)).collect();
        staged.commit()?;
        Ok(written)
    }
}

impl FundFolder {
    fn dir(&self) -> &Path {
        &self.dir
    }
    /// The district settlement (where the run settles districts) and the
    /// adjustment fund's aggregates.
    fn aggregates(&mut self, info: &RunInfo) -> (Option<Settlement>, AdjustmentAcc) {
        let s = std::mem::take(&mut self.settlement).finish(info);
        (s, std::mem::take(&mut self.adjustment))
    }
}

/// The files after the ledger, for one fund (and its resident fund's
/// folder inside it), from the run and what its rows added up to; the
/// fund's tables are added to `sheets`, and the employee fund's folder
/// gets the workbook of both funds.
fn finish_fund(
    mut folder: FundFolder,
    run: &RunResult,
    resident: Option<(FundFolder, &RunResult)>,
    sheets: &mut Vec<Sheet>,
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    let dir = folder.dir().to_path_buf();
    let dir = dir.as_path();
    let mut written = folder.close()?;
    let mut summary = tables::summary_frame(run)?;
    written.push(write_atomic(dir, SUMMARY_CSV, |p| tables::write_csv(p, &mut summary))?);
    let mut depletion = tables::depletion_frame(run)?;
    written.push(write_atomic(dir, DEPLETION_CSV, |p| tables::write_csv(p, &mut depletion))?);
    let resident_fund = run.info.fund == Fund::Resident;
    let (prefix, folder_name, fund_zh) = if resident_fund {
        ("resident_", format!("{RESIDENT_DIR}/"), "居民医保基金 resident fund")
    } else {
        ("", String::new(), "职工医保统筹基金 employee pooled fund")
    };
    sheets.push(Sheet::new(
        &format!("{prefix}summary"),
        format!("{fund_zh}: one row a year across paths ({folder_name}{SUMMARY_CSV})"),
        summary,
        tables::summary_cols(),
    ));
    sheets.push(Sheet::new(
        &format!("{prefix}depletion"),
        format!("{fund_zh}: the first year the closing balance fell below zero, share of paths ({folder_name}{DEPLETION_CSV})"),
        depletion,
        tables::depletion_cols(),
    ));
    sheets.push(Sheet::new(
        &format!("{prefix}ledger_means"),
        format!("{fund_zh}: the ledger's means across paths by year, the city's rows (districts summed); not in a CSV"),
        tables::ledger_means_frame(run)?,
        tables::ledger_means_cols(&run.info),
    ));
    let (settlement, adjustment) = folder.aggregates(&run.info);
    if let Some(s) = &settlement {
        let mut frame = tables::districts_frame(s)?;
        written.push(write_atomic(dir, DISTRICTS_CSV, |p| tables::write_csv(p, &mut frame))?);
        sheets.push(Sheet::new(
            &format!("{prefix}districts"),
            format!("{fund_zh}: the district settlement, one row a year and district, means across paths ({folder_name}{DISTRICTS_CSV})"),
            frame,
            tables::districts_cols(),
        ));
    }
    if adjustment.fund_row.is_some() {
        let mut frame = tables::adjustment_frame(&run.info, &adjustment)?;
        written.push(write_atomic(dir, ADJUSTMENT_CSV, |p| tables::write_csv(p, &mut frame))?);
        sheets.push(Sheet::new(
            &format!("{prefix}adjustment"),
            format!("{fund_zh}: the city adjustment fund (调剂金), one row a year and district, means across paths ({folder_name}{ADJUSTMENT_CSV})"),
            frame,
            tables::adjustment_cols(),
        ));
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
        written.push(write_atomic(dir, &format!("{stem}.png"), |p| charts::write_png(p, run, chart, lang))?);
        written.push(write_atomic(dir, &format!("{stem}.svg"), |p| charts::write_svg(p, run, chart, lang))?);
    }

    if let Some((f, r)) = resident {
        written.extend(finish_fund(f, r, None, sheets, lang)?);
    }
    if !resident_fund {
        let readme = readme(run, lang);
        written.push(write_atomic(dir, WORKBOOK, |p| workbook::write(p, &readme, sheets))?);
    }
    let md = match lang {
        Lang::En => report::markdown(run, settlement.as_ref(), Some(&adjustment)),
        Lang::Zh => labels::zh_report::markdown(run, settlement.as_ref(), Some(&adjustment)),
    };
    written.push(write_atomic(dir, REPORT_MD, |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    let json = report::run_json(run, lang);
    written.push(write_atomic(dir, RUN_JSON, |p| fs::write(p, json.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

/// The workbook's README for a run: what report.md and run.json say of it
/// (the headlines in `lang`).
fn readme(run: &RunResult, lang: Lang) -> workbook::Readme {
    let i = &run.info;
    let span = match (i.years.first(), i.years.last()) {
        (Some(a), Some(b)) => format!("{a}\u{2013}{b} ({} years)", i.years.len()),
        _ => "no years".into(),
    };
    let funds = match &run.resident {
        Some(_) => "职工医保统筹基金 employee pooled fund; 居民医保基金 resident fund (its sheets resident_…)",
        None => "职工医保统筹基金 employee pooled fund",
    };
    let mut rows: Vec<(String, String)> = vec![
        ("场景 scenario".into(), i.scenario.clone()),
        ("场景文件 scenario file".into(), i.scenario_file.clone()),
        ("场景指纹 scenario hash".into(), i.scenario_hash.clone()),
        ("基金 funds".into(), funds.into()),
        ("随机种子 seed".into(), i.seed.to_string()),
        ("路径数 paths".into(), i.paths.to_string()),
        ("年度 years".into(), span),
    ];
    if !i.districts.is_empty() {
        rows.push(("区县 districts".into(), i.district_labels.join(", ")));
    }
    rows.push((
        "覆盖参数 overrides".into(),
        if i.overrides.is_empty() { "none".into() } else { i.overrides.join("; ") },
    ));
    rows.push(("medfund 版本 version".into(), i.version.clone()));
    rows.push(("重现命令 reproduce".into(), report::reproduce_command(run)));
    let headlines = match lang {
        Lang::En => report::headlines(run),
        Lang::Zh => labels::zh_report::headlines(run),
    };
    rows.extend(headlines.into_iter().map(|h| ("结论 headline".to_string(), h)));
    workbook::Readme {
        title: format!("medfund simulate: {} \u{2014} 基金运行预测 fund projection", i.scenario),
        run: rows,
        assumptions: Some(i.assumptions.clone()),
        notes: vec![
            "The ledger (ledger.csv, one row per path × year × district) is too big for a sheet; the summary sheets \
             hold its means and percentiles across paths. report.md has the charts."
                .into(),
        ],
    }
}
