//! `medfund sensitivity`: each projection assumption at the low and the
//! high end of the range its scenario documents, on common random numbers.

use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use medfund_analysis::sensitivity::{self, End, Sensitivity};
use medfund_sim::montecarlo::RunOptions;

use super::common::{Common, load, overlaid, sampled, shocked, with_threads};
use crate::scenarios;

/// Move each projection assumption to the low and the high end of the range
/// its scenario documents ([[projection.sensitivity]]), one at a time, on
/// the same seed (common random numbers), and show the effect on the
/// employee fund: P(running dry), the median first year of depletion and
/// the median months of payment at the horizon. Standard errors come from
/// the paired paths: sd of the per-path differences / sqrt(paths) (for the
/// months, of the paired mean difference). Rows are ranked by the effect on
/// P(running dry), or on the months when no path runs dry.
/// Writes sensitivity.csv and sensitivity.md (no tornado chart yet).
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
}

fn year(y: Option<i32>) -> String {
    y.map_or_else(|| "never".into(), |y| y.to_string())
}

fn csv(s: &Sensitivity) -> String {
    let mut o = String::from(
        "\u{feff}key,end,value,p_dry,d_p_dry,se_d_p_dry,median_first_depletion,median_final_months,d_median_final_months,\
         se_d_final_months_paired_mean\n",
    );
    let b = &s.baseline.metrics;
    let _ = writeln!(
        o,
        "baseline,,,{:.6},0.0,0.0,{},{:.6},0.0,0.0",
        b.p_depletion,
        year(b.median_first_depletion),
        b.median_final_months
    );
    for r in &s.rows {
        for (name, e) in [("low", &r.low), ("high", &r.high)] {
            let m = &e.arm.metrics;
            let _ = writeln!(
                o,
                "{},{name},{},{:.6},{:.6},{:.6},{},{:.6},{:.6},{:.6}",
                r.key,
                e.arm.value,
                m.p_depletion,
                e.d_dry,
                e.se_dry,
                year(m.median_first_depletion),
                m.median_final_months,
                e.d_months,
                e.se_months
            );
        }
    }
    o
}

fn md(s: &Sensitivity, command: &str) -> String {
    let mut o = format!("# Sensitivity\n\n`{command}`\n\n");
    let b = &s.baseline.metrics;
    let _ = writeln!(
        o,
        "Baseline: P(running dry) {:.3}, median first year of depletion {}, median 累计结余可支付月数 at the horizon {:.1}.\n",
        b.p_depletion,
        year(b.median_first_depletion),
        b.median_final_months
    );
    let _ = writeln!(
        o,
        "Ranked by the effect on {}. Standard errors from the paired paths (sd of per-path differences / √paths; \
         for months, of the paired mean difference).\n",
        if s.by_dry { "P(running dry)" } else { "the median months of payment (no path runs dry)" }
    );
    o.push_str("| Assumption | End | Value | ΔP(dry) ± SE | First depletion | Δ months ± SE | Reason |\n|---|---|---|---|---|---|---|\n");
    for r in &s.rows {
        for (name, e) in [("low", &r.low), ("high", &r.high)] {
            let _ = writeln!(
                o,
                "| {} | {name} | {} | {:+.3} ± {:.3} | {} | {:+.1} ± {:.1} | {} |",
                r.key,
                e.arm.value,
                e.d_dry,
                e.se_dry,
                year(e.arm.metrics.median_first_depletion),
                e.d_months,
                e.se_months,
                r.reason
            );
        }
    }
    o
}

fn line(key: &str, name: &str, e: &End) -> String {
    format!(
        "{key:<46} {name:<4} {:>12} {:+.3}±{:.3} {:+7.1}±{:.1}",
        e.arm.value, e.d_dry, e.se_dry, e.d_months, e.se_months
    )
}

/// Carry out the command.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, years, paths, seed, out, common } = args;
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
    let (c, m) = (csv(&s), md(&s, &command));
    crate::output::files::write_staged(&dir, &[], |d| {
        std::fs::write(d.join("sensitivity.csv"), &c)?;
        std::fs::write(d.join("sensitivity.md"), &m)?;
        Ok(vec![d.join("sensitivity.csv"), d.join("sensitivity.md")])
    })
    .map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        println!("{:<46} {:<4} {:>12} {:>11} {:>13}", "assumption", "end", "value", "ΔP(dry)±SE", "Δmonths±SE");
        for r in &s.rows {
            println!("{}", line(&r.key, "low", &r.low));
            println!("{}", line(&r.key, "high", &r.high));
        }
        println!("sensitivity.csv, sensitivity.md in {}", dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
