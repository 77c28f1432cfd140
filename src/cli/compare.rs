//! `medfund compare`: cities' policies settled on one population.

use std::path::PathBuf;
use std::process::ExitCode;

use medfund_sim::Scenario;

use super::common::{Common, load, overlaid, sampled, shocked, with_threads};
use crate::output;

/// Compare cities' policies on one population: one synthetic
/// population and one set of claims (common random numbers), settled by
/// each city's employee rules and charged by its contribution schedule,
/// for the first projection year. Per city and per category × age band:
/// reimbursement ratios, out-of-pocket (mean, 90th, 99th percentile),
/// catastrophic spending, fund cost and contributions per member, the
/// pooled fund's one-year balance; and each city's difference from the
/// first by rule family. Writes CSV, Parquet, compare.xlsx (a sheet per
/// table), charts and compare.md.
///
/// Examples:
///
///   medfund compare --scenarios ziyang,luzhou,dingxi,chongqing --population ziyang --paths 10
///   medfund compare --scenarios ziyang,dingxi --paths 2 --claims-out claims/
///   medfund adjudicate --scenario dingxi --input claims/dingxi.jsonl
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Scenarios to compare, comma-separated (the first is the base of the decompositions).
    #[arg(long, default_value = "ziyang,luzhou,dingxi,chongqing")]
    scenarios: String,
    /// The scenario whose population and claim model are used (default: the first).
    #[arg(long)]
    population: Option<String>,
    /// Claim paths (each a fresh year of claims for the same population).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    paths: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Output folder (default reports/compare-<scenarios>-seed<seed>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// --set applies to the population scenario; compare settles one
    /// year, so of the shocks only an epidemic in that year changes it.
    #[command(flatten)]
    common: Common,
    /// Also write, into folder DIR (made if missing), each city's settled
    /// member-years as `medfund adjudicate` input lines, DIR/<city>.jsonl
    /// (ids p<path>/m<member>/<category>, the population's average wage in
    /// `context`): the claims each city's totals were settled from.
    #[arg(long, value_name = "DIR")]
    claims_out: Option<PathBuf>,
    /// The language of compare.md and the charts: zh (简体中文) or en. The
    /// CSV and Parquet tables keep their ASCII column names in either.
    /// Default: zh when the locale (LC_ALL, LC_MESSAGES, LANG, the first
    /// set) starts with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<crate::output::lang::Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenarios: names, population, paths, seed, out, common, claims_out, lang } = args;
    let lang = lang.unwrap_or_else(crate::output::lang::Lang::from_locale);
    let Common { sets, shocks, sample, threads, quiet, overlays } = common;
    let sets = sampled(sets, sample);
    let usage = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let names: Vec<&str> = names.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    if names.is_empty() {
        return Err(usage("--scenarios needs at least one scenario".into()));
    }
    let cities: Vec<Scenario> = names.iter().map(|n| load(n)).collect::<Result<_, _>>()?;
    let pop_name = population.as_deref().unwrap_or(names[0]);
    let base = load(pop_name)?;
    let sets = overlaid(&base, &overlays, sets)?;
    let sets = shocked(&base, sets, &shocks, 1)?;
    let pop = base.with_overrides(&sets).map_err(|e| usage(e.to_string()))?;
    let refs: Vec<&Scenario> = cities.iter().collect();
    let work = || medfund_analysis::compare::compare(&pop, &refs, paths, seed);
    let result = with_threads(threads, work)?;
    let cmp = result.map_err(usage)?;
    let dir = out.unwrap_or_else(|| PathBuf::from(format!("reports/compare-{}-seed{seed}", names.join("-"))));
    super::common::replaceable(&dir)?;
    let mut command = format!(
        "medfund compare --scenarios {} --population {pop_name} --paths {paths} --seed {seed}",
        names.join(",")
    );
    for s in &sets {
        command.push_str(&format!(" --set '{s}'"));
    }
    // The assumptions of each city's scenario, and of the population's
    // (with the overrides) where it is not one of the cities.
    let mut assumptions: Vec<(String, String)> = Vec::new();
    let named = |sc: &Scenario, out: &mut Vec<(String, String)>| {
        out.extend(
            medfund_sim::montecarlo::assumptions(sc).into_iter().map(|(k, why)| (format!("{}: {k}", sc.name()), why)),
        );
    };
    for c in &cities {
        named(c, &mut assumptions);
    }
    if !names.contains(&pop_name) {
        named(&pop, &mut assumptions);
    }
    let files = output::compare::write_compare(&dir, &cmp, &command, &assumptions, lang).map_err(|e| {
        eprintln!("medfund: writing {}: {e:#}", dir.display());
        ExitCode::from(1)
    })?;
    if let Some(claims) = &claims_out {
        let n = write_claims(claims, &pop, &refs, paths, seed, threads)?;
        if !quiet {
            println!("{n} member-years with claims written to {}", claims.display());
        }
    }
    if !quiet {
        for s in &cmp.cities {
            let t = s.total();
            println!(
                "{:<10} reimbursed {:>5.1}% of the bill ({:>5.1}% in scope), out-of-pocket {:>6.0} a member (p99 {:>7.0})",
                s.name,
                t.reimbursement_ratio() * 100.0,
                t.in_scope_ratio() * 100.0,
                t.oop_per_member(),
                t.oop_quantile(0.99)
            );
        }
        println!("{} files in {}", files.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `--claims-out DIR`: each city's settled member-years, DIR/<city>.jsonl,
/// each file written whole or not at all; the number of lines written.
fn write_claims(
    dir: &std::path::Path,
    pop: &Scenario,
    cities: &[&Scenario],
    paths: u32,
    seed: u64,
    threads: Option<usize>,
) -> Result<usize, ExitCode> {
    use medfund_analysis::compare::{city, claim_lines, population};
    use std::io::Write;
    let fail = |m: String| {
        eprintln!("medfund: --claims-out {}: {m}", dir.display());
        ExitCode::from(1)
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let p = with_threads(threads, || population(pop, paths, seed))?.map_err(fail)?;
    let mut n = 0;
    for c in cities {
        let lines = claim_lines(&p, &city(c, &p).map_err(fail)?);
        n += lines.len();
        output::write_atomic(dir, &format!("{}.jsonl", c.name()), |tmp| {
            let mut w = std::io::BufWriter::new(std::fs::File::create(tmp)?);
            for l in &lines {
                writeln!(w, "{l}")?;
            }
            w.flush()?;
            Ok(())
        })
        .map_err(|e| fail(format!("{e:#}")))?;
    }
    Ok(n)
}
