//! `medfund backtest`: a projection from its base year beside the figures
//! observed later.

use std::path::PathBuf;
use std::process::ExitCode;

use medfund_analysis::accounts;
use medfund_analysis::backtest;

use super::common::{load, overlaid, with_threads};
use crate::{output, scenarios};

/// Project a scenario from its base year (its first projection year, the
/// year an overlay of `calibrate --accounts` was fitted to) and set each
/// figure observed in a later year beside the projection's median and
/// 5–95% band across paths. The observed file has the accounts format
/// (figure,value,unit,source) with a `year` column; figures of the base
/// year are left out (the fit used them), and nothing observed sets a
/// parameter. Writes backtest.csv (year, figure, observed, median, p5,
/// p95, inside_band, error_of_median), a chart per figure (observed points
/// over the fan) and backtest.md.
///
/// Examples:
///
///   medfund calibrate --scenario ziyang --accounts accounts-2025.csv --out ziyang-2025.toml
///   medfund backtest --scenario ziyang --overlay ziyang-2025.toml --observed observed.csv --paths 200
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    /// The figures observed after the base year (accounts format with a
    /// `year` column).
    #[arg(long, value_name = "FILE")]
    observed: PathBuf,
    /// Overlays of fitted values (repeatable), applied before --set.
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Stochastic futures to simulate.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default reports/<scenario>-backtest-seed<seed>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Print nothing on success.
    #[arg(long)]
    quiet: bool,
    /// The language of backtest.md and the charts: zh (简体中文) or en.
    /// backtest.csv keeps its ASCII column names in either. Default: zh
    /// when the locale (LC_ALL, LC_MESSAGES, LANG, the first set) starts
    /// with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<crate::output::lang::Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, observed, overlays, sets, paths, seed, out, threads, quiet, lang } = args;
    let lang = lang.unwrap_or_else(crate::output::lang::Lang::from_locale);
    let usage = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let base = load(&scenario)?;
    let all_sets = overlaid(&base, &overlays, sets.clone())?;
    let text = std::fs::read_to_string(&observed).map_err(|e| usage(format!("{}: {e}", observed.display())))?;
    let obs_name = observed.display().to_string();
    let acc = accounts::parse(&obs_name, &text).map_err(usage)?;
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-backtest-seed{seed}", base.name())));
    super::common::replaceable(&dir)?;
    let result = with_threads(threads, || backtest::backtest(&base, &all_sets, &acc, paths, seed))?.map_err(usage)?;
    let mut command =
        format!("medfund backtest --scenario {scenario} --observed {obs_name} --paths {paths} --seed {seed}");
    for o in &overlays {
        command.push_str(&format!(" --overlay {}", o.display()));
    }
    for s in &sets {
        command.push_str(&format!(" --set '{s}'"));
    }
    let assumptions = base
        .with_overrides(&all_sets)
        .map(|sc| medfund_sim::montecarlo::assumptions(&sc))
        .map_err(|e| usage(e.to_string()))?;
    let overlay_names: Vec<String> = overlays.iter().map(|o| o.display().to_string()).collect();
    let run = output::backtest::BacktestRun {
        scenario: base.name(),
        seed,
        paths,
        observed_file: &obs_name,
        overlays: &overlay_names,
        overrides: &all_sets,
        result: &result,
        command,
        assumptions: &assumptions,
        lang,
    };
    let files = output::backtest::write_backtest(&dir, &run).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        let inside = result.rows.iter().filter(|r| r.inside_band()).count();
        println!(
            "{inside} of {} observed figures inside the 5–95% band; {} files in {}",
            result.rows.len(),
            files.len(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
