//! `medfund calibrate`: simulated figures beside the published ones.

use std::io::{self, Write};
use std::process::ExitCode;

use super::common::{io_fail, load};
use crate::scenarios;

/// Simulated figures beside the published ones of shared/calibration.md:
/// inpatient rate, cost per admission, fund payment ratio, retirees'
/// share of spending, caesarean share, dependency ratio and more, from
/// the first projection year.
///
/// Example: medfund calibrate --scenario ziyang --paths 4
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Paths to pool (each is one simulated year of the whole city).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, seed, paths, sets } = args;
    let sc = load(&scenario)?.with_overrides(&sets).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let rows = medfund_analysis::calibration::calibrate(&sc, seed, paths.max(1)).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })?;
    let mut out = io::stdout().lock();
    writeln!(out, "{} — first projection year, {} path(s), seed {seed}", sc.name(), paths.max(1)).map_err(io_fail)?;
    writeln!(out, "{:<44} {:>14}   published (shared/calibration.md)", "figure", "simulated").map_err(io_fail)?;
    for r in rows {
        writeln!(out, "{:<44} {:>14}   {}", r.figure, r.simulated, r.published).map_err(io_fail)?;
    }
    Ok(ExitCode::SUCCESS)
}
