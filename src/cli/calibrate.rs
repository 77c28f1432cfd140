//! `medfund calibrate`: simulated figures beside the published ones, and
//! the fit of a scenario to a fund's own base-year accounts.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use medfund_analysis::accounts::{self, show};
use medfund_analysis::fit::{self, FitRow};

use super::common::{io_fail, load, overlaid};
use crate::scenarios;

/// Without --accounts: the simulated first projection year beside the
/// published figures of shared/calibration.md (inpatient rate, cost per
/// admission, fund payment ratio, retirees' share of spending, pooled
/// income ÷ outflow, months of payment, …).
///
/// With --accounts FILE: fits the projection's free parameters (members
/// and their shares, declared contribution bases, collection, admission
/// rates and cost levels by benefit type, the opening balance) so that the
/// simulated base year reproduces every figure the file gives, each within
/// 1% or 2 Monte Carlo standard errors, and prints target and fit side by
/// side. --out writes the fitted values as an overlay that simulate,
/// stress and compare take with --overlay. The accounts' year becomes the
/// first projection year. --template writes an empty accounts file with
/// every figure explained.
///
/// Examples:
///
///   medfund calibrate --scenario ziyang --paths 4
///   medfund calibrate --template > accounts.csv
///   medfund calibrate --scenario national --accounts data/accounts/national-2023.csv --out national-2023.toml
///   medfund simulate --scenario national --overlay national-2023.toml --years 30
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(long, default_value = scenarios::DEFAULT)]
    scenario: String,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Paths to pool (each is one simulated year of the whole city);
    /// default 2, or 4 when fitting.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    paths: Option<u32>,
    #[arg(long = "set", value_name = "KEY=VALUE")]
    sets: Vec<String>,
    /// Overlay files of fitted values (repeatable), applied before --set.
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// A base-year accounts file (CSV: figure,value,unit,source[,year]) to
    /// fit the scenario to.
    #[arg(long, value_name = "FILE")]
    accounts: Option<PathBuf>,
    /// The base year, where the accounts file holds several years.
    #[arg(long)]
    year: Option<i32>,
    /// Write the fitted values here as an overlay (with --accounts).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Simulations of the base year at most (with --accounts).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=100))]
    max_iterations: u32,
    /// Each figure within this share of its target (or 2 Monte Carlo
    /// standard errors, where wider), with --accounts.
    #[arg(long, default_value_t = 0.01, value_parser = parse_tolerance)]
    tolerance: f64,
    /// Print an empty accounts file with every figure explained, and stop.
    #[arg(long, conflicts_with_all = ["accounts", "out"])]
    template: bool,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let fail = |e: String| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    };
    if args.template {
        io::stdout().lock().write_all(accounts::template().as_bytes()).map_err(io_fail)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.out.is_some() && args.accounts.is_none() {
        return Err(fail("--out writes a fitted overlay: give --accounts FILE to fit to".into()));
    }
    let base = load(&args.scenario)?;
    let sets = overlaid(&base, &args.overlays, args.sets.clone())?;
    match &args.accounts {
        None => published(&args, &base, &sets),
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| fail(format!("{}: {e}", file.display())))?;
            let acc = accounts::parse(&file.display().to_string(), &text).map_err(fail)?;
            let paths = args.paths.unwrap_or(4);
            let budget = fit::Budget { seed: args.seed, paths, max_iterations: args.max_iterations };
            let f = fit::fit_within(&base, &sets, &acc, args.year, &budget, args.tolerance).map_err(fail)?;
            let mut out = io::stdout().lock();
            print_fit(&mut out, &base, &f, file, paths, args.seed).map_err(io_fail)?;
            if let Some(o) = &args.out {
                let command = format!(
                    "medfund calibrate --scenario {} --accounts {} --seed {} --paths {paths}{}",
                    args.scenario,
                    file.display(),
                    args.seed,
                    args.sets.iter().map(|s| format!(" --set {s}")).collect::<String>()
                );
                let text = fit::overlay_text(&f, base.name(), &command);
                let dir = o.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
                let name = o
                    .file_name()
                    .and_then(|n| n.to_str())
                    .ok_or_else(|| fail(format!("--out {}: not a file name", o.display())))?;
                crate::output::files::write_atomic(dir, name, |tmp| Ok(std::fs::write(tmp, text.as_bytes())?))
                    .map_err(|e| {
                        eprintln!("medfund: {e:#}");
                        ExitCode::from(1)
                    })?;
                writeln!(out, "\nOverlay written to {} (use it with --overlay {}).", o.display(), o.display())
                    .map_err(io_fail)?;
            }
            if !f.converged {
                eprintln!(
                    "medfund: the fit did not reach every figure within tolerance in {} simulations (marked ✗ above)",
                    f.iterations
                );
                return Ok(ExitCode::from(3));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_tolerance(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if v > 0.0 && v < 1.0 { Ok(v) } else { Err(format!("{v} is not a share between 0 and 1 (0.01 is 1%)")) }
}

fn published(args: &Args, base: &medfund_sim::Scenario, sets: &[String]) -> Result<ExitCode, ExitCode> {
    let fail = |e: String| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    };
    let sc = base.with_overrides(sets).map_err(|e| fail(e.to_string()))?;
    let paths = args.paths.unwrap_or(2);
    let rows = medfund_analysis::calibration::calibrate(&sc, args.seed, paths).map_err(fail)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} — first projection year (contribution histories: years 1–{}), {paths} path(s), seed {}",
        sc.name(),
        medfund_analysis::calibration::HISTORY_YEARS,
        args.seed
    )
    .map_err(io_fail)?;
    writeln!(out, "{:<44} {:>14}   published (shared/calibration.md)", "figure", "simulated").map_err(io_fail)?;
    for r in rows {
        writeln!(out, "{:<44} {:>14}   {}", r.figure, r.simulated, r.published).map_err(io_fail)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_fit(
    out: &mut impl Write,
    sc: &medfund_sim::Scenario,
    f: &fit::Fit,
    file: &std::path::Path,
    paths: u32,
    seed: u64,
) -> io::Result<()> {
    writeln!(
        out,
        "{} fitted to {} — base year {}, {paths} path(s), seed {seed}, {} simulation(s) of the base year{}",
        sc.name(),
        file.display(),
        f.base_year,
        f.iterations,
        if f.converged { "" } else { " (not converged)" }
    )?;
    writeln!(out, "{:<30} {:>22} {:>22} {:>8} {:>8}   fitted by", "figure", "target", "simulated", "error", "allowed")?;
    for r in &f.rows {
        write_row(out, r)?;
    }
    writeln!(out, "\nFitted values (each recorded as calibrated to {}):", file.display())?;
    for x in &f.fitted {
        writeln!(out, "  {} = {}   ({})", x.key, x.value, x.note)?;
    }
    Ok(())
}

fn write_row(out: &mut impl Write, r: &FitRow) -> io::Result<()> {
    let rel = |v: f64| if r.target != 0.0 { format!("{:+.2}%", 100.0 * v / r.target.abs()) } else { "—".into() };
    writeln!(
        out,
        "{} {:<28} {:>22} {:>22} {:>8} {:>8}   {}",
        if r.within() { "✓" } else { "✗" },
        r.figure.name,
        show(r.figure.kind, r.target),
        show(r.figure.kind, r.fitted.mean),
        rel(r.fitted.mean - r.target),
        rel(r.tolerance).replace('+', "±"),
        r.by
    )
}
