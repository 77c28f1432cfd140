//! `medfund simulate`: the Monte Carlo projection of a city's fund(s) into
//! a report folder.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use medfund_sim::Projected;
use medfund_sim::montecarlo::{self, RunOptions};

use super::common::{Common, io_fail, load, overlaid, sampled, shocked, with_threads};
use crate::output::lang::Lang;
use crate::{output, scenarios, shard};

/// Project a city's pooled fund over many stochastic futures and write a
/// report folder: the ledger of every path (Parquet and CSV), a yearly
/// summary, fan charts and report.md. Where the scenario also projects a
/// resident fund (luzhou, chongqing), the same files for it go to
/// resident/, on the same paths' economy, and report.md sets the two
/// funds side by side.
///
/// Each path's random numbers come from (seed, path), so a run is
/// reproducible to the byte whatever the thread count. With no options
/// it projects the built-in default scenario (ziyang) for 10 years over
/// 1,000 paths into reports/<scenario>-seed<seed>/.
///
/// Examples:
///
///   medfund simulate
///   medfund simulate --scenario dingxi --years 15 --paths 200 --seed 7 --out reports/dingxi
///   medfund simulate --set projection.economy.medical_inflation.mean=0.08 \
///                    --set employee.contribution.employer.combined.enterprise=0.085
///   medfund simulate --scenario luzhou --years 2 --paths 2 --set projection.population.members=300 \
///                    --claims-out claims.jsonl --out reports/small
///   medfund adjudicate --scenario luzhou --input claims.jsonl
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Built-in name or path to a scenario file with a [projection] section.
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    /// Years to project.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    years: u32,
    /// Stochastic futures to simulate.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default reports/<scenario>-seed<seed>).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// Project the employee fund only, even where the scenario also
    /// projects a resident fund (luzhou, chongqing).
    #[arg(long)]
    employee_only: bool,
    /// Also write every member-year that had a claim, employee fund and
    /// (luzhou, chongqing) resident fund, to FILE as JSON Lines in the
    /// input format of `medfund adjudicate` (spec/adjudication.md), with
    /// ids fund/p<path>/d<district>/m<member> (e.g. employee/p3/d0/m17),
    /// ordered by fund, path, year and member whatever the thread count.
    /// Settling FILE again with `medfund adjudicate` gives the ledger's
    /// benefits to the fen (times 1/share with --sample). The lines are
    /// kept in memory until the run ends: meant for small runs (a few
    /// thousand members, a few paths and years). Not with --shard.
    #[arg(long, value_name = "FILE")]
    claims_out: Option<PathBuf>,
    #[command(flatten)]
    shard: shard::ShardArgs,
    /// The language of report.md, the charts, run.json's headline and
    /// the summary printed here: zh (简体中文) or en. The ledger and the
    /// CSV tables keep their ASCII column names in either. Default: zh
    /// when the locale (LC_ALL, LC_MESSAGES, LANG, the first set) starts
    /// with zh, else en. (A sharded run's folder is written by `medfund
    /// merge`, which takes --lang too.)
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, years, paths, seed, out, common, employee_only, claims_out, shard, lang } = args;
    let lang = lang.unwrap_or_else(Lang::from_locale);
    let Common { sets, shocks, sample, threads, quiet, overlays } = common;
    let base = load(&scenario)?;
    let sets = overlaid(&base, &overlays, sets)?;
    let sets = shocked(&base, sampled(sets, sample), &shocks, years)?;
    let which = shard::resolve(&shard, &|k| std::env::var(k).ok()).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    if which.is_some() && claims_out.is_some() {
        eprintln!(
            "medfund: --claims-out cannot be combined with a sharded run (--shard, or a shard index from \
             JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID; --no-shard runs every path here)"
        );
        return Err(ExitCode::from(2));
    }
    let claims_target = claims_out.as_deref().map(claims_target).transpose()?;
    if let Some(which) = which {
        let job = shard::ShardJob { base: &base, sets: &sets, employee_only, years, paths, seed, out, threads, quiet };
        return shard::simulate(&job, &which).map(|_| ExitCode::SUCCESS).map_err(|(code, e)| {
            eprintln!("medfund: {e}");
            ExitCode::from(code)
        });
    }
    let sc = base.with_overrides(&sets).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let sc = if employee_only { sc.without_residents() } else { sc };
    // Each fund's paths are simulated in turn.
    let funds = 1 + u64::from(montecarlo::projects_residents(&sc));
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-seed{seed}", sc.name())));
    super::common::replaceable(&dir)?;
    let opts = RunOptions { years, paths, seed, overrides: sets };
    let what = if funds > 1 { "employee then resident fund, " } else { "" };
    let bar = super::progress::Progress::new(
        u64::from(paths) * funds,
        "paths",
        format!("{} {what}{years} years", sc.name()),
        quiet || !io::stderr().is_terminal(),
    );
    // The ledger is written as the paths are simulated, a batch of
    // paths at a time: memory does not grow with the paths.
    let mut folder = output::stream::RunFolder::create(&dir)
        .map_err(|e| {
            eprintln!("medfund: writing {}: {e:#}", dir.display());
            ExitCode::from(1)
        })?
        .lang(lang);
    let mut write_error = None;
    let mut claims: Option<Vec<String>> = claims_target.as_ref().map(|_| Vec::new());
    let work = || {
        montecarlo::run_streaming_with_claims(
            &sc,
            &opts,
            0..opts.paths,
            montecarlo::CHUNK_PATHS,
            false,
            &|| bar.tick(),
            &mut |info, rows| {
                folder.feed(info, rows).map_err(|e| {
                    let m = format!("writing {}: {e:#}", dir.display());
                    write_error = Some(m.clone());
                    m
                })
            },
            claims.as_mut(),
        )
    };
    let result = with_threads(threads, work)?;
    bar.finish();
    let run = result.map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(if write_error.is_some() { 1 } else { 2 })
    })?;
    let files = folder.finish(&run).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if let (Some((parent, name)), Some(lines)) = (&claims_target, &claims) {
        write_claims(parent, name, lines).map_err(|e| {
            eprintln!("medfund: {e:#}");
            ExitCode::from(1)
        })?;
    }
    if !quiet {
        print_summary(&run, &dir, files.len(), lang).map_err(io_fail)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--claims-out FILE` as its folder (which must exist) and file name,
/// checked before the run; exit status 2 if it cannot be written there.
fn claims_target(file: &Path) -> Result<(PathBuf, String), ExitCode> {
    let refuse = |why: &str| {
        eprintln!("medfund: --claims-out {}: {why}", file.display());
        ExitCode::from(2)
    };
    let name = file.file_name().and_then(|n| n.to_str()).ok_or_else(|| refuse("not a file name"))?;
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(refuse("its folder does not exist"));
    }
    if file.is_dir() {
        return Err(refuse("is a folder"));
    }
    Ok((parent, name.to_string()))
}

/// The member-years of `--claims-out`, one per line, written whole or not
/// at all (a temporary name in the same folder, then renamed).
fn write_claims(parent: &Path, name: &str, lines: &[String]) -> anyhow::Result<PathBuf> {
    output::write_atomic(parent, name, |tmp| {
        let mut w = io::BufWriter::new(std::fs::File::create(tmp)?);
        for l in lines {
            w.write_all(l.as_bytes())?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        Ok(())
    })
}

/// A few lines on the terminal after a run, in `lang`.
pub fn print_summary(run: &montecarlo::RunResult, dir: &Path, files: usize, lang: Lang) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let i = &run.info;
    let t = output::labels::term(lang);
    // The verdict first: one sentence a fund, the fund most at risk first.
    let headlines = match lang {
        Lang::En => output::headlines(run),
        Lang::Zh => output::labels::zh_report::headlines(run),
    };
    for h in headlines {
        writeln!(out, "{h}\n")?;
    }
    let dir_text = dir.display().to_string();
    writeln!(out, "{}", (t.ran)(&i.scenario, i.paths, i.years.len(), i.seed, files, &dir_text))?;
    writeln!(out, "{}", t.header)?;
    for s in &run.summary {
        writeln!(
            out,
            "{:>6} {:>14.1} {:>14.1} {:>10.3} {:>10.3} {:>10.3}",
            s.year, s.months_pct[2], s.months_pct[0], s.p_below_zero, s.p_below_3_months, s.p_below_6_months
        )?;
    }
    writeln!(out, "{}{}", t.report, dir.join("report.md").display())
}
