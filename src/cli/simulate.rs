//! `medfund simulate`: the Monte Carlo projection of a city's fund(s) into
//! a report folder.

use std::path::PathBuf;

use super::common::Common;
use crate::{scenarios, shard};

/// Project a city's pooled fund over many stochastic futures and write a
/// report folder: the ledger of every path (Parquet and CSV), a yearly
/// summary, fan charts and report.md. Where the scenario also projects a
/// resident fund (luzhou, chongqing), the same files for it go to
/// resident/, on the same paths' economy, and report.md sets the two
/// funds side by side.
///
/// Each path's random numbers come from (seed, path), so a run is
/// reproducible to the byte whatever the thread count. With no options
/// it projects the built-in default scenario (ziyang) for 10 years over
/// 1,000 paths into reports/<scenario>-seed<seed>/.
///
/// Examples:
///
///   medfund simulate
///   medfund simulate --scenario dingxi --years 15 --paths 200 --seed 7 --out reports/dingxi
///   medfund simulate --set projection.economy.medical_inflation.mean=0.08 \
///                    --set employee.contribution.employer.combined.enterprise=0.085
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Built-in name or path to a scenario file with a [projection] section.
    #[arg(long, default_value = scenarios::DEFAULT)]
    pub scenario: String,
    /// Years to project.
    #[arg(long, default_value_t = 10)]
    pub years: u32,
    /// Stochastic futures to simulate.
    #[arg(long, default_value_t = 1000)]
    pub paths: u32,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output folder (default reports/<scenario>-seed<seed>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// Project the employee fund only, even where the scenario also
    /// projects a resident fund (luzhou, chongqing).
    #[arg(long)]
    pub employee_only: bool,
    #[command(flatten)]
    pub shard: shard::ShardArgs,
}
