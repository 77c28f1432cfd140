//! `medfund merge`: the shards of a sharded run (or of a sharded stress
//! grid) put together into the folder one unsharded run writes.

use std::process::ExitCode;

use super::common::io_fail;
use super::simulate::print_summary;
use crate::{output, shard};

/// Put the shards of a sharded run (`simulate --shard I/N`) together and
/// write the run folder, the same files, byte for byte, as one
/// `simulate` of the whole run. Missing, duplicated or foreign shards
/// are refused with exit status 2 and nothing is written.
///
/// Example:
///
///   for i in 0 1 2; do medfund simulate --scenario luzhou --paths 300 --shard $i/3 --out runs/lz; done
///   medfund merge runs/lz
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    merge: shard::merge::MergeArgs,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { merge: args } = args;
    let stress_files = shard::stress::files(&args.dirs);
    if !stress_files.is_empty() {
        let m = shard::stress::merge(&stress_files).map_err(|e| {
            eprintln!("medfund: merge: {e}");
            ExitCode::from(2)
        })?;
        let dir = args.out.clone().unwrap_or_else(|| args.dirs[0].clone());
        super::common::replaceable(&dir)?;
        let run = output::stress::StressRun {
            scenario: &m.scenario,
            scenario_hash: &m.scenario_hash,
            seed: m.seed,
            paths: m.paths,
            years: &m.years,
            overrides: &m.overrides,
            axes: &m.axes,
            cells: &m.cells,
            solution: None,
            command: m.command.clone(),
            assumptions: m.assumptions.as_deref(),
            current: m.current.as_deref(),
            lang: args.lang.or(m.lang).unwrap_or_else(crate::output::lang::Lang::from_locale),
        };
        let files = output::stress::write_stress(&dir, &run, &stress_files).map_err(|e| {
            eprintln!("medfund: writing {}: {e:#}", dir.display());
            ExitCode::from(1)
        })?;
        if !args.quiet {
            println!(
                "{} cells from {} shards, {} files in {}",
                m.cells.len(),
                stress_files.len(),
                files.len(),
                dir.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    super::common::replaceable(args.out.as_ref().unwrap_or(&args.dirs[0]))?;
    let (run, dir, files) = shard::merge::merge(&args).map_err(|e| {
        eprintln!("medfund: merge: {e}");
        ExitCode::from(e.exit_status())
    })?;
    if !args.quiet {
        print_summary(&run, &dir, files.len(), args.lang()).map_err(io_fail)?;
    }
    Ok(ExitCode::SUCCESS)
}
