//! What several commands share: the options of the commands that project
//! (`simulate`, `compare`, `stress`), and the helpers the handlers use to
//! load scenarios, read input, apply --sample and --shock, run on
//! --threads and turn errors into exit statuses.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use medfund_sim::{Projected, Scenario};

use crate::scenarios;

/// Options shared by `simulate`, `compare` and `stress`, flattened into
/// each (so a flag means the same wherever it is given).
#[derive(clap::Args)]
pub struct Common {
    /// Override a scenario parameter for this run (repeatable), e.g.
    /// projection.economy.wage_growth.mean=0.03
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// A named shock in a year, NAME@YEAR[:size=value]: epidemic (utilisation=, cost=),
    /// wage_freeze, collection_shortfall (share=), retirement_wave (share=); repeatable.
    #[arg(long = "shock", value_name = "NAME@YEAR")]
    pub shocks: Vec<String>,
    /// Simulate this share of the members (e.g. 0.01), each standing for
    /// 1/share people (simulate shows the sampling error beside each figure).
    #[arg(long, value_name = "SHARE")]
    pub sample: Option<f64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar or summary.
    #[arg(long)]
    pub quiet: bool,
    /// An overlay of fitted values (repeatable), as `medfund calibrate
    /// --accounts FILE --out OVERLAY` writes: its values are applied before
    /// any --set, so a --set of the same key wins.
    #[arg(long = "overlay", value_name = "FILE")]
    pub overlays: Vec<PathBuf>,
    // Further options every projecting command takes belong here, so that
    // they mean the same in each: `--lang` is to come (not implemented yet).
}

/// `sets` with the overlays' values put before them (so a --set of the
/// same key wins); an overlay fitted for another scenario is refused.
pub fn overlaid(sc: &Scenario, overlays: &[PathBuf], sets: Vec<String>) -> Result<Vec<String>, ExitCode> {
    let fail = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    let mut out = Vec::new();
    for o in overlays {
        let text = std::fs::read_to_string(o).map_err(|e| fail(format!("--overlay {}: {e}", o.display())))?;
        let (scenario, s) = medfund_analysis::fit::read_overlay(&o.display().to_string(), &text).map_err(fail)?;
        if scenario != sc.name() {
            return Err(fail(format!(
                "--overlay {}: fitted for scenario `{scenario}`, not `{}`",
                o.display(),
                sc.name()
            )));
        }
        out.extend(s);
    }
    out.extend(sets);
    Ok(out)
}

/// The input file, or standard input when there is none.
pub fn open_input(p: &Option<PathBuf>) -> io::Result<Box<dyn BufRead>> {
    Ok(match p {
        Some(p) => Box::new(BufReader::new(
            File::open(p).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(io::stdin().lock()),
    })
}

/// A scenario by built-in name or path; a bad one is reported, exit status 2.
pub fn load(name: &str) -> Result<Scenario, ExitCode> {
    scenarios::load(name).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(2)
    })
}

/// Run `work` on `threads` worker threads (all cores when `None`).
pub fn with_threads<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, ExitCode> {
    match threads {
        None => Ok(work()),
        Some(n) => {
            rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map(|p| p.install(work)).map_err(|e| {
                eprintln!("medfund: {e}");
                ExitCode::from(1)
            })
        }
    }
}

/// `sets` with `--sample` added as the override it stands for.
pub fn sampled(mut sets: Vec<String>, sample: Option<f64>) -> Vec<String> {
    if let Some(f) = sample {
        sets.push(format!("projection.population.sample={f}"));
    }
    sets
}

/// `sets` with the named shocks added as overrides of the scenario's
/// economy (so that a run's recorded overrides reproduce it), each shock's
/// year within the `years` projected from the first projection year.
pub fn shocked(sc: &Scenario, mut sets: Vec<String>, shocks: &[String], years: u32) -> Result<Vec<String>, ExitCode> {
    if shocks.is_empty() {
        return Ok(sets);
    }
    let fail = |m: String| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    };
    // The economy as the other overrides leave it.
    let base = sc.with_overrides(&sets).map_err(|e| fail(e.to_string()))?;
    let economy = base
        .spec
        .projection
        .as_ref()
        .and_then(|p| p.economy.get_ref().at(base.spec.scenario.start).cloned())
        .ok_or_else(|| fail(format!("--shock: scenario `{}` has no projection economy", sc.name())))?;
    let start = base.projection_start();
    let horizon = start..=start + years.max(1) as i32 - 1;
    sets.extend(medfund_sim::inputs::params::shock_sets(&economy, shocks, horizon).map_err(fail)?);
    Ok(sets)
}

/// An input that cannot be read (a missing `--input` file): a bad
/// argument, exit status 2 like any other.
pub fn input_fail(e: io::Error) -> ExitCode {
    eprintln!("medfund: {e}");
    ExitCode::from(2)
}

/// An input/output error's exit status (1, reported), or success when the
/// reader went away (`| head`).
pub fn io_fail(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // The reader went away (`| head`): not an error of ours.
        return ExitCode::SUCCESS;
    }
    eprintln!("medfund: {e}");
    ExitCode::from(1)
}

/// An output folder a run may replace as a whole (new, empty, or one
/// medfund wrote); else the refusal, exit status 2, before any work.
pub fn replaceable(dir: &std::path::Path) -> Result<(), ExitCode> {
    crate::output::refuse_foreign(dir).map_err(|e| {
        eprintln!("medfund: {e:#}");
        ExitCode::from(2)
    })
}
