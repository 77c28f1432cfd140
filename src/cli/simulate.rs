//! `medfund simulate`: the Monte Carlo projection of a city's fund(s) into
//! a report folder.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use medfund_sim::Projected;
use medfund_sim::montecarlo::{self, RunOptions};

use super::common::{Common, io_fail, load, sampled, shocked, with_threads};
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
    #[command(flatten)]
    shard: shard::ShardArgs,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, years, paths, seed, out, common, employee_only, shard } = args;
    let Common { sets, shocks, sample, threads, quiet } = common;
    let base = load(&scenario)?;
    let sets = shocked(&base, sampled(sets, sample), &shocks, years)?;
    let which = shard::resolve(&shard, &|k| std::env::var(k).ok()).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
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
    let bar = if quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new(u64::from(paths) * funds);
        b.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} paths, {elapsed} elapsed, about {eta} left")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        let what = if funds > 1 { "employee then resident fund, " } else { "" };
        b.set_message(format!("{} {what}{years} years", sc.name()));
        b
    };
    // The ledger is written as the paths are simulated, a batch of
    // paths at a time: memory does not grow with the paths.
    let mut folder = output::stream::RunFolder::create(&dir).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    let mut write_error = None;
    let work = || {
        montecarlo::run_streaming(
            &sc,
            &opts,
            0..opts.paths,
            montecarlo::CHUNK_PATHS,
            false,
            &|| bar.inc(1),
            &mut |info, rows| {
                folder.feed(info, rows).map_err(|e| {
                    let m = format!("writing {}: {e:#}", dir.display());
                    write_error = Some(m.clone());
                    m
                })
            },
        )
    };
    let result = with_threads(threads, work)?;
    bar.finish_and_clear();
    let run = result.map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(if write_error.is_some() { 1 } else { 2 })
    })?;
    let files = folder.finish(&run).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        print_summary(&run, &dir, files.len()).map_err(io_fail)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A few lines on the terminal after a run.
pub fn print_summary(run: &montecarlo::RunResult, dir: &Path, files: usize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let i = &run.info;
    writeln!(
        out,
        "{}: {} paths × {} years, seed {}; {files} files in {}",
        i.scenario,
        i.paths,
        i.years.len(),
        i.seed,
        dir.display()
    )?;
    writeln!(
        out,
        "{:>6} {:>14} {:>14} {:>10} {:>10} {:>10}",
        "year", "median months", "5% months", "P(<0)", "P(<3 mo)", "P(<6 mo)"
    )?;
    for s in &run.summary {
        writeln!(
            out,
            "{:>6} {:>14.1} {:>14.1} {:>10.3} {:>10.3} {:>10.3}",
            s.year, s.months_pct[2], s.months_pct[0], s.p_below_zero, s.p_below_3_months, s.p_below_6_months
        )?;
    }
    writeln!(out, "report: {}", dir.join("report.md").display())
}
