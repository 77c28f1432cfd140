//! `medfund sensitivity`: each projection assumption at the low and the
//! high end of the range its scenario documents, on common random numbers.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use medfund_analysis::sensitivity::{self, End};
use medfund_analysis::stress::current_value;
use medfund_sim::Projected;
use medfund_sim::montecarlo::{self, RunOptions};

use super::common::{Common, load, overlaid, sampled, shocked, with_threads};
use crate::output::sensitivity::{Range, SensitivityRun, write_sensitivity};
use crate::scenarios;

/// Move each projection assumption to the low and the high end of the range
/// its scenario documents ([[projection.sensitivity]]), one at a time, on
/// the same seed (common random numbers), and show the effect on the
/// employee fund: P(running dry), the median first year of depletion and
/// the median months of payment at the horizon. Standard errors come from
/// the paired paths: sd of the per-path differences / sqrt(paths) (for the
/// months, of the paired mean difference). Rows are ranked by the effect on
/// P(running dry), or on the months when no path runs dry.
/// Writes sensitivity.csv, the tornado chart (tornado.png, tornado.svg),
/// sensitivity.xlsx (README, the table, the documented ranges and their
/// reasons) and sensitivity.md.
///
/// Example:
///
///   medfund sensitivity --scenario ziyang --paths 200 --years 10
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    years: u32,
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default reports/<scenario>-sensitivity-seed<seed>).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// The language of sensitivity.md and the tornado chart: zh (简体中文)
    /// or en. The CSV table keeps its ASCII column names in either.
    /// Default: zh when the locale (LC_ALL, LC_MESSAGES, LANG, the first
    /// set) starts with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<crate::output::lang::Lang>,
}

fn line(key: &str, name: &str, e: &End) -> String {
    format!(
        "{key:<46} {name:<4} {:>12} {:+.3}±{:.3} {:+7.1}±{:.1}",
        e.arm.value, e.d_dry, e.se_dry, e.d_months, e.se_months
    )
}

/// Carry out the command.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, years, paths, seed, out, common, lang } = args;
    let lang = lang.unwrap_or_else(crate::output::lang::Lang::from_locale);
    let Common { sets, shocks, sample, threads, quiet, overlays } = common;
    let usage = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let sets = sampled(sets, sample);
    let base = load(&scenario)?;
    let sets = overlaid(&base, &overlays, sets)?;
    let sets = shocked(&base, sets, &shocks, years)?;
    let sc = base.with_overrides(&sets).map_err(|e| usage(e.to_string()))?;
    let n = sc.spec.projection.as_ref().map_or(0, |p| p.sensitivity.len()) as u64;
    let bar = if quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new((2 * n + 1) * u64::from(paths));
        b.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} path runs, {elapsed} elapsed, about {eta} left")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        b.set_message(format!("{} sensitivity", sc.name()));
        b
    };
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/{}-sensitivity-seed{seed}", sc.name())));
    super::common::replaceable(&dir)?;
    let mut command =
        format!("medfund sensitivity --scenario {scenario} --years {years} --paths {paths} --seed {seed}");
    for s in &sets {
        command.push_str(&format!(" --set '{s}'"));
    }
    let opts = RunOptions { years, paths, seed, overrides: sets.clone() };
    let result = with_threads(threads, || sensitivity::analyse(&sc, &opts, &|| bar.inc(1)))?;
    bar.finish_and_clear();
    let s = result.map_err(usage)?;
    let ranges: Vec<Range> = sc
        .spec
        .projection
        .as_ref()
        .map(|p| p.sensitivity.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|r| {
            let key = r.key.get_ref().trim().to_string();
            Range { current: current_value(&sc, &key), key, low: r.low, high: r.high, reason: r.reason.clone() }
        })
        .collect();
    let start = sc.projection_start();
    let years_list: Vec<i32> = (start..start + years as i32).collect();
    let hash = montecarlo::fingerprint(&sc.src);
    let assumptions = montecarlo::assumptions(&sc);
    let run = SensitivityRun {
        scenario: sc.name(),
        scenario_hash: &hash,
        seed,
        paths,
        years: &years_list,
        overrides: &sets,
        ranges: &ranges,
        analysis: &s,
        command,
        assumptions: Some(&assumptions),
        lang,
    };
    let files = write_sensitivity(&dir, &run).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        println!("{:<46} {:<4} {:>12} {:>11} {:>13}", "assumption", "end", "value", "ΔP(dry)±SE", "Δmonths±SE");
        for r in &s.rows {
            println!("{}", line(&r.key, "low", &r.low));
            println!("{}", line(&r.key, "high", &r.high));
        }
        let names: Vec<String> =
            files.iter().filter_map(|f| f.file_name()).map(|f| f.to_string_lossy().into_owned()).collect();
        println!("{} in {}", names.join(", "), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
