//! `medfund stress`: a grid of scenario parameters, each cell a Monte Carlo
//! projection, and the solver for the lowest value meeting a target.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use medfund_analysis::stress;
use medfund_sim::Projected;
use medfund_sim::montecarlo::{self, RunOptions};

use super::common::{Common, load, overlaid, sampled, shocked, with_threads};
use crate::output::lang::Lang;
use crate::{output, scenarios, shard};

/// Stress-test the employee fund: a grid of scenario parameters, each
/// cell a Monte Carlo projection on the same seed (common random
/// numbers), and optionally the lowest value of one parameter that meets
/// a target, by bisection.
///
/// Any parameter can be an axis by its --set key; short names:
/// employer_rate (every employer rate, shifted so that the combined-
/// account enterprise rate is the value), employee_rate,
/// medical_inflation, wage_growth, interest, utilisation_trend.
/// Writes stress.csv, a heatmap per metric (a grid of one axis: a line
/// chart of each metric against the axis value, with its Monte Carlo
/// band), each marking the current scenario, solve.csv, stress.md and
/// stress.xlsx.
///
/// Examples:
///
///   medfund stress --scenario ziyang --grid employer_rate=0.060:0.080:0.002 \
///                  --grid medical_inflation=0.04:0.10:0.01 --paths 200
///   medfund stress --scenario dingxi --solve employer_rate=0.04:0.12:0.001 \
///                  --target "P(months>=6 every year) >= 0.95"
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    /// An axis: KEY=FROM:TO:STEP (both ends included) or KEY=V1,V2,... (repeatable).
    #[arg(long = "grid", value_name = "KEY=FROM:TO:STEP")]
    grids: Vec<String>,
    /// Solve for the lowest KEY on FROM:TO:STEP meeting --target (the range
    /// may be left out when a --grid gives it).
    #[arg(long, value_name = "KEY[=FROM:TO:STEP]")]
    solve: Option<String>,
    /// The solver's target.
    #[arg(long, default_value = "P(months>=6 every year) >= 0.95")]
    target: String,
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    years: u32,
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default reports/<scenario>-stress-seed<seed>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// --set and --shock apply to every cell.
    #[command(flatten)]
    common: Common,
    /// --shard I/N: run the contiguous block I·C/N .. (I+1)·C/N of the C
    /// grid cells and write stress-shard-IIII-of-NNNN.json for `medfund
    /// merge` (not with --solve).
    #[command(flatten)]
    shard: shard::ShardArgs,
    /// The language of stress.md and the charts: zh (简体中文) or en. The
    /// CSV tables keep their ASCII column names in either. Default: zh
    /// when the locale (LC_ALL, LC_MESSAGES, LANG, the first set) starts
    /// with zh, else en. (A sharded grid's folder is written by `medfund
    /// merge`, which takes --lang too.)
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, grids, solve, target, years, paths, seed, out, common, shard: shard_args, lang } = args;
    let lang = lang.unwrap_or_else(Lang::from_locale);
    let Common { sets, shocks, sample, threads, quiet, overlays } = common;
    let sets = sampled(sets, sample);
    let usage = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let base = load(&scenario)?;
    let sets = overlaid(&base, &overlays, sets)?;
    let sets = shocked(&base, sets, &shocks, years)?;
    let sc = base.with_overrides(&sets).map_err(|e| usage(e.to_string()))?;
    let axes: Vec<stress::Axis> =
        grids.iter().map(|g| stress::Axis::parse(g)).collect::<Result<_, _>>().map_err(usage)?;
    let solve = match &solve {
        None => None,
        Some(s) => {
            let (key, range) = match s.split_once('=') {
                Some((k, r)) => (k.trim().to_string(), Some(r)),
                None => (s.trim().to_string(), None),
            };
            let axis = match range {
                Some(r) => stress::Axis::parse(&format!("{key}={r}")).map_err(usage)?,
                None => axes.iter().find(|a| a.key == key).cloned().ok_or_else(|| {
                    usage(format!("--solve {key}: give a range ({key}=FROM:TO:STEP) or a --grid for {key}"))
                })?,
            };
            let step = if axis.values.len() > 1 { axis.values[1] - axis.values[0] } else { 1.0 };
            Some((key, axis.values[0], *axis.values.last().unwrap_or(&axis.values[0]), step))
        }
    };
    if axes.is_empty() && solve.is_none() {
        return Err(usage("give at least one --grid, or --solve".into()));
    }
    let target = stress::Target::parse(&target).map_err(usage)?;
    let opts = RunOptions { years, paths, seed, overrides: sets.clone() };
    let n_cells = if axes.is_empty() { 0 } else { stress::cells(&axes).len() as u64 };
    let solve_cells = solve.as_ref().map_or(0, |(_, a, b, st)| 2 + ((b - a) / st).max(1.0).log2().ceil() as u64);
    let bar = super::progress::Progress::new(
        (n_cells + solve_cells) * u64::from(paths),
        "path runs",
        format!("{} stress", sc.name()),
        quiet || !io::stderr().is_terminal(),
    );
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-stress-seed{seed}", sc.name())));
    super::common::replaceable(&dir)?;
    let start = sc.projection_start();
    let years_list: Vec<i32> = (start..start + years as i32).collect();
    let mut command = format!("medfund stress --scenario {scenario} --years {years} --paths {paths} --seed {seed}");
    for g in &grids {
        command.push_str(&format!(" --grid {g}"));
    }
    if let Some((key, from, to, step)) = &solve {
        command.push_str(&format!(
            " --solve {key}={}:{}:{} --target '{target}'",
            stress::toml_number(*from),
            stress::toml_number(*to),
            stress::toml_number(*step)
        ));
    }
    for s in &sets {
        command.push_str(&format!(" --set '{s}'"));
    }
    let hash = montecarlo::fingerprint(&sc.src);
    let assumptions = montecarlo::assumptions(&sc);
    let current: Vec<Option<f64>> = axes.iter().map(|a| stress::current_value(&sc, &a.key)).collect();
    let which = shard::resolve(&shard_args, &|k| std::env::var(k).ok()).map_err(usage)?;
    if let Some(which) = which {
        if solve.is_some() {
            return Err(usage(
                "--solve runs on one machine (each cell it tries depends on the last): shard the --grid, \
                 then solve"
                    .into(),
            ));
        }
        let all = stress::cells(&axes);
        let block = shard::block(which.index, which.count, all.len() as u32);
        let mine = &all[block.start as usize..block.end as usize];
        let work = || -> Result<Vec<stress::Cell>, String> {
            mine.iter()
                .map(|v| {
                    let metrics = stress::run_cell(&sc, &axes, v, &opts, &|| bar.tick())?;
                    Ok(stress::Cell { values: v.clone(), metrics })
                })
                .collect()
        };
        let cells = with_threads(threads, work)?.map_err(usage)?;
        bar.finish();
        let run = output::stress::StressRun {
            scenario: sc.name(),
            scenario_hash: &hash,
            seed,
            paths,
            years: &years_list,
            overrides: &sets,
            axes: &axes,
            cells: &cells,
            solution: None,
            command: command.clone(),
            assumptions: Some(&assumptions),
            current: Some(&current),
            lang,
        };
        let file = shard::stress::write(&dir, &which, &run, block.start as usize).map_err(|e| {
            eprintln!("medfund: writing {}: {e:#}", dir.display());
            ExitCode::from(1)
        })?;
        if !quiet {
            println!(
                "stress shard {}/{} ({}): cells {}..{} of {} \u{2192} {}",
                which.index,
                which.count,
                which.source,
                block.start,
                block.end,
                all.len(),
                file.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let work = || -> Result<_, String> {
        let cells = if axes.is_empty() { Vec::new() } else { stress::grid(&sc, &axes, &opts, &|| bar.tick())? };
        let solution = match &solve {
            Some((key, from, to, step)) => {
                let search = stress::Search { key: key.clone(), from: *from, to: *to, step: *step, target };
                Some(stress::solve(&sc, &search, &opts, &|| bar.tick())?)
            }
            None => None,
        };
        Ok((cells, solution))
    };
    let result = with_threads(threads, work)?;
    bar.finish();
    let (cells, solution) = result.map_err(usage)?;
    let run = output::stress::StressRun {
        scenario: sc.name(),
        scenario_hash: &hash,
        seed,
        paths,
        years: &years_list,
        overrides: &sets,
        axes: &axes,
        cells: &cells,
        solution: solution.as_ref(),
        command,
        assumptions: Some(&assumptions),
        current: Some(&current),
        lang,
    };
    let files = output::stress::write_stress(&dir, &run, &[]).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        if let Some(s) = &solution {
            println!(
                "{} = {} meets {} (p = {:.3} \u{b1} {:.3}); one step lower does not",
                s.key,
                stress::toml_number(s.value),
                s.target,
                s.target.metric.of(&s.metrics),
                s.standard_error
            );
            println!(
                "general average premium {:.2}% of the base (charged {:.2}%)",
                s.metrics.general_average_premium * 100.0,
                s.metrics.current_rate * 100.0
            );
        }
        println!("{} cells, {} files in {}", cells.len(), files.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
