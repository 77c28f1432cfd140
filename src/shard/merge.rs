//! `medfund merge DIR...`: the shards of one run put back together.
//!
//! Every shard file found is checked to be of the same run (same version,
//! scenario and its fingerprint, overrides, seed, paths, years, funds and
//! shard count) and every shard 0..N−1 to be there exactly once; a missing,
//! duplicated or foreign shard is an error naming it, and nothing is
//! written. The run's description is rebuilt from the scenario text the
//! shards carry (its fingerprint checked against the one they recorded),
//! the rows are the shards' in shard order (each shard a contiguous block of
//! paths, so this is the unsharded run's order), and the run folder is
//! written by the same code as `simulate`'s: the same files, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use medfund_sim::Scenario;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{self, CityAcc, RunOptions, RunResult, fingerprint};
use serde_json::Value;

use super::file::{self, IDENTITY, Meta};

/// `merge`'s options.
#[derive(clap::Args, Debug, Clone)]
pub struct MergeArgs {
    /// Folders holding the run's shard files (shard-IIII-of-NNNN.parquet,
    /// written by `medfund simulate --shard I/N --out DIR`).
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Where to write the run folder (default: the first DIR).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// No summary.
    #[arg(long)]
    pub quiet: bool,
    /// The language of the run folder's report.md, charts, run.json's
    /// headline and the summary: zh (简体中文) or en, as for `medfund
    /// simulate --lang` (of stress shards: stress.md and the charts).
    /// Default: for stress shards, the language they were written in
    /// (`medfund stress --lang zh`); else zh when the locale (LC_ALL,
    /// LC_MESSAGES, LANG, the first set) starts with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<crate::output::lang::Lang>,
}

impl MergeArgs {
    /// The language asked for, else the locale's.
    pub fn lang(&self) -> crate::output::lang::Lang {
        self.lang.unwrap_or_else(crate::output::lang::Lang::from_locale)
    }
}

/// Why a merge failed.
#[derive(Debug)]
pub enum MergeError {
    /// The shards are incomplete, duplicated, of different runs or
    /// unreadable: bad input (exit status 2), nothing written.
    Input(String),
    /// Writing the run folder failed (exit status 1).
    Output(anyhow::Error),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::Input(m) => f.write_str(m),
            MergeError::Output(e) => write!(f, "{e:#}"),
        }
    }
}

impl MergeError {
    pub fn exit_status(&self) -> u8 {
        match self {
            MergeError::Input(_) => 2,
            MergeError::Output(_) => 1,
        }
    }
}

/// Whether a file name is a shard file's (`shard-<digits>-of-<digits>.parquet`;
/// temporary files start with a dot and are not).
pub fn is_shard_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("shard-").and_then(|r| r.strip_suffix(".parquet")) else { return false };
    let Some((i, n)) = rest.split_once("-of-") else { return false };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(i) && digits(n)
}

/// The shard files in `dirs`, sorted by name within each folder.
fn shard_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for d in dirs {
        let entries = std::fs::read_dir(d).map_err(|e| format!("{}: {e}", d.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_str().is_some_and(is_shard_name))
            .map(|e| e.path())
            .collect();
        if found.is_empty() {
            return Err(format!("{}: no shard files (shard-IIII-of-NNNN.parquet) in this folder", d.display()));
        }
        found.sort();
        all.extend(found);
    }
    Ok(all)
}

/// One line per identity field in which `b` differs from `a`.
fn differences(a: &Value, b: &Value) -> Vec<String> {
    IDENTITY
        .iter()
        .filter(|k| a.get(**k) != b.get(**k))
        .map(|k| match *k {
            // Too long to print.
            "scenario_text" => "scenario_text differs".to_string(),
            _ => format!(
                "{k}: {} vs {}",
                a.get(*k).map_or("(none)".into(), Value::to_string),
                b.get(*k).map_or("(none)".into(), Value::to_string)
            ),
        })
        .collect()
}

/// Check the shards and rebuild the run they are parts of.
pub fn rebuild(dirs: &[PathBuf]) -> Result<(RunResult, Vec<PathBuf>), String> {
    let files = shard_files(dirs)?;
    let metas: Vec<(PathBuf, Meta)> =
        files.into_iter().map(|p| file::read_meta(&p).map(|m| (p, m))).collect::<Result<_, _>>()?;
    // One run.
    let (first_path, first) = &metas[0];
    let first_json = first.to_json();
    for (p, m) in &metas[1..] {
        let d = differences(&first_json, &m.to_json());
        if !d.is_empty() {
            return Err(format!(
                "{} and {} are shards of different runs:\n  {}",
                first_path.display(),
                p.display(),
                d.join("\n  ")
            ));
        }
    }
    // Each shard exactly once.
    let n = first.shards;
    let mut by_index: BTreeMap<u32, Vec<&Path>> = BTreeMap::new();
    for (p, m) in &metas {
        if m.shard >= n {
            return Err(format!("{}: shard {} of {n} is out of range", p.display(), m.shard));
        }
        let expect = super::block(m.shard, n, m.paths);
        if (m.first_path, m.end_path) != (expect.start, expect.end) {
            return Err(format!(
                "{}: shard {}/{n} holds paths {}..{}, but that shard's block is {}..{}",
                p.display(),
                m.shard,
                m.first_path,
                m.end_path,
                expect.start,
                expect.end
            ));
        }
        by_index.entry(m.shard).or_default().push(p);
    }
    let missing: Vec<u32> = (0..n).filter(|i| !by_index.contains_key(i)).collect();
    let twice: Vec<String> = by_index
        .iter()
        .filter(|(_, ps)| ps.len() > 1)
        .map(|(i, ps)| {
            format!(
                "shard {i} found {} times: {}",
                ps.len(),
                ps.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    if !missing.is_empty() || !twice.is_empty() {
        let mut m =
            format!("the run `{}` (seed {}, {} paths) has {n} shards; ", first.scenario, first.seed, first.paths);
        let mut parts = Vec::new();
        if !missing.is_empty() {
            let names: Vec<String> =
                missing.iter().map(|&i| super::Shard { index: i, count: n, source: "" }.file_name()).collect();
            parts.push(format!(
                "missing: shard{} {} ({}); run the same simulate with {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                names.join(", "),
                missing.iter().map(|i| format!("--shard {i}/{n}")).collect::<Vec<_>>().join(", "),
            ));
        }
        if !twice.is_empty() {
            parts.push(format!("duplicated: {}", twice.join("; ")));
        }
        m.push_str(&parts.join("; "));
        m.push_str("; nothing written");
        return Err(m);
    }

    // The scenario, from the text the shards carry.
    let base = Scenario::from_str(&first.scenario_file, &first.scenario_text).map_err(|e| e.to_string())?;
    let sc = super::scenario_of(&base, &first.overrides, first.employee_only)?;
    let hash = fingerprint(&sc.src);
    if hash != first.scenario_hash {
        return Err(format!(
            "{}: the scenario the shard carries has fingerprint {hash}, not the recorded {}",
            first_path.display(),
            first.scenario_hash
        ));
    }
    let opts = RunOptions {
        years: first.years.len() as u32,
        paths: first.paths,
        seed: first.seed,
        overrides: first.overrides.clone(),
    };
    // The run's description, with no paths run.
    let mut run = montecarlo::run_part(&sc, &opts, 0..0, &|| {})?;
    if run.info.version != first.version {
        return Err(format!(
            "the shards were written by medfund {}, this is medfund {}: merge with the same version",
            first.version, run.info.version
        ));
    }
    if run.info.years != first.years {
        return Err(format!("the shards' years {:?} are not the scenario's {:?}", first.years, run.info.years));
    }
    let funds: Vec<&str> =
        std::iter::once(run.info.fund.as_str()).chain(run.resident.iter().map(|r| r.info.fund.as_str())).collect();
    if funds != first.funds {
        return Err(format!("the shards hold funds {:?}, the scenario projects {funds:?}", first.funds));
    }

    // The rows, shard by shard: checked here, then dropped (only the city
    // rows are kept); `merge` reads them again to write the ledger, so that
    // memory holds one shard's rows, not the run's.
    let mut files = Vec::new();
    let mut city = CityAcc::new(&run.info.years, false);
    let mut resident_city = CityAcc::new(&run.info.years, false);
    for ps in by_index.values() {
        let p = ps[0];
        let m = &metas.iter().find(|(q, _)| q == p).expect("a listed file").1;
        let (e, r) = file::read_rows(p)?;
        if (e.len() as u64, r.len() as u64) != (m.employee_rows, m.resident_rows) {
            return Err(format!(
                "{}: {} employee and {} resident rows, but its metadata says {} and {}",
                p.display(),
                e.len(),
                r.len(),
                m.employee_rows,
                m.resident_rows
            ));
        }
        for row in e.iter().chain(&r) {
            let at = || format!("{}: path {} year {} district {}", p.display(), row.path, row.year, row.district);
            if !(m.first_path..m.end_path).contains(&row.path) {
                return Err(format!("{}: not among the shard's paths {}..{}", at(), m.first_path, m.end_path));
            }
            row.ledger.check().map_err(|e| format!("{}: {e}", at()))?;
        }
        let block = m.first_path..m.end_path;
        for (fund, rows, districts) in [
            ("employee", &e, run.info.districts.len()),
            ("resident", &r, run.resident.as_ref().map_or(0, |x| x.info.districts.len())),
        ] {
            check_complete(fund, rows, &run.info.years, block.clone(), districts)
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
        city.add(&e);
        resident_city.add(&r);
        files.push(p.to_path_buf());
    }
    let resident = run.resident.take().map(|r| Box::new(resident_city.finish(r.info, None)));
    Ok((city.finish(run.info, resident), files))
}

/// Rows in strictly increasing (path, year, district) order, every path of
/// the run there, every year and only known districts.
fn check_complete(
    fund: &str,
    rows: &[LedgerRow],
    years: &[i32],
    paths: std::ops::Range<u32>,
    districts: usize,
) -> Result<(), String> {
    if districts == 0 {
        return if rows.is_empty() {
            Ok(())
        } else {
            Err(format!("{} {fund} rows for a run without that fund", rows.len()))
        };
    }
    for w in rows.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if (a.path, a.year, a.district) >= (b.path, b.year, b.district) {
            return Err(format!(
                "{fund} rows out of order or repeated: path {} year {} district {} before path {} year {} district {}",
                a.path, a.year, a.district, b.path, b.year, b.district
            ));
        }
    }
    let mut seen = vec![0usize; paths.len()];
    for r in rows {
        if usize::from(r.district) >= districts || !years.contains(&r.year) {
            return Err(format!(
                "{fund} row of path {} year {} district {}: not of this run",
                r.path, r.year, r.district
            ));
        }
        match r.path.checked_sub(paths.start).and_then(|k| seen.get_mut(k as usize)) {
            Some(s) => *s += 1,
            None => {
                return Err(format!("{fund} row of path {}: not among paths {}..{}", r.path, paths.start, paths.end));
            }
        }
    }
    if let Some(k) = seen.iter().position(|&s| s == 0) {
        return Err(format!("{fund} rows of path {} are missing", paths.start + k as u32));
    }
    Ok(())
}

/// `medfund merge`: rebuild and write; returns the run and the files written.
pub fn merge(a: &MergeArgs) -> Result<(RunResult, PathBuf, Vec<PathBuf>), MergeError> {
    let (run, shards) = rebuild(&a.dirs).map_err(MergeError::Input)?;
    let out = a.out.clone().unwrap_or_else(|| a.dirs[0].clone());
    // The ledger written shard by shard, batched by path as one machine
    // batches it: the same bytes.
    let mut folder = crate::output::stream::RunFolder::create(&out).map_err(MergeError::Output)?.lang(a.lang());
    folder.carry(&shards).map_err(MergeError::Output)?;
    for p in &shards {
        let (e, r) = file::read_rows(p).map_err(MergeError::Input)?;
        folder.feed(&run.info, e).map_err(MergeError::Output)?;
        if let Some(res) = &run.resident {
            folder.feed(&res.info, r).map_err(MergeError::Output)?;
        }
    }
    let files = folder.finish(&run).map_err(MergeError::Output)?;
    Ok((run, out, files))
}
