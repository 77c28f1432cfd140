//! `medfund diff RUN_A RUN_B`: two runs of the same seed, paths and years,
//! year by year, on paired paths.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::run_diff;

/// Two `simulate` run folders of the same seed, paths and years side by
/// side, year by year, with the differences' Monte Carlo standard errors
/// from the paired paths.
///
/// Typically a baseline A and a reform B run with the same --seed, --paths
/// and --years, so that path i of each draws the same random numbers (common
/// random numbers) and the per-path differences show the reform with
/// little of the Monte Carlo noise. From each folder's ledger.csv
/// (districts summed per path and year): the median closing balance,
/// months of payment and P(balance<0) of each run, and the differences
/// B − A with their Monte Carlo standard errors from the paired paths.
///
/// Method: the difference of medians is median(B) − median(A); its
/// standard error is the standard deviation of that difference over 2,000
/// bootstrap resamples of the paired paths (fixed seed, so the output is
/// reproducible). diff.csv also has the mean of the per-path differences
/// with sd/√n. P(balance<0)'s difference has sd/√n of the per-path
/// differences of the indicator.
///
/// Refused (exit status 2) unless both folders' run.json give the same
/// seed, paths and years (and fund). Writes DIR/diff.csv (money in yuan),
/// diff.md and diff_balance.png/.svg (the balance difference with bands of
/// ±1 and ±2 standard errors), and prints a table in 万元. For a resident
/// fund give RUN/resident for both.
///
/// Example:
///
///   medfund simulate --paths 200 --seed 7 --out reports/base
///   medfund simulate --paths 200 --seed 7 --out reports/reform \
///                    --set employee.contribution.employer.combined.enterprise=0.085
///   medfund diff reports/base reports/reform --out reports/diff
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The baseline run folder (what `medfund simulate --out DIR` wrote).
    run_a: PathBuf,
    /// The run compared with it (B − A is reported).
    run_b: PathBuf,
    /// Output folder (default reports/diff-<A's folder name>-<B's>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// No table on standard output.
    #[arg(long)]
    quiet: bool,
    /// The language of diff.md, the chart and the table printed here: zh
    /// (简体中文) or en. diff.csv keeps its ASCII column names in either.
    /// Default: the language RUN_A was written in (its run.json's "lang"),
    /// else zh when the locale (LC_ALL, LC_MESSAGES, LANG, the first set)
    /// starts with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<crate::output::lang::Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { run_a, run_b, out, quiet, lang } = args;
    let lang = crate::output::html::page_lang(&run_a, lang);
    let usage = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let a = run_diff::read_meta(&run_a).map_err(usage)?;
    let b = run_diff::read_meta(&run_b).map_err(usage)?;
    if let Some(m) = run_diff::mismatch(&a, &b) {
        return Err(usage(m));
    }
    let name = |p: &PathBuf| p.file_name().and_then(|n| n.to_str()).unwrap_or("run").to_string();
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/diff-{}-{}", name(&run_a), name(&run_b))));
    super::common::replaceable(&dir)?;
    let pa = run_diff::read_points(&run_a).map_err(usage)?;
    let pb = run_diff::read_points(&run_b).map_err(usage)?;
    let rows = run_diff::compare(&pa, &pb, (&run_a, &run_b)).map_err(usage)?;
    let files = run_diff::write_diff(&dir, &a, &b, &rows, lang).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if !quiet {
        print!("{}", run_diff::table(&a, &b, &rows, lang));
        println!("SE: bootstrap of the paired paths ({} resamples); see diff.md for the method", run_diff::RESAMPLES);
        println!("{} files in {}", files.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
