//! `medfund stress`: a grid of scenario parameters, each cell a Monte Carlo
//! projection, and the solver for the lowest value meeting a target.

use std::path::PathBuf;

use super::common::Common;
use crate::{scenarios, shard};

/// Stress-test the employee fund: a grid of scenario parameters, each
/// cell a Monte Carlo projection on the same seed (common random
/// numbers), and optionally the lowest value of one parameter that meets
/// a target, by bisection.
///
/// Any parameter can be an axis by its --set key; short names:
/// employer_rate (every employer rate, shifted so that the combined-
/// account enterprise rate is the value), employee_rate,
/// medical_inflation, wage_growth, interest, utilisation_trend.
/// Writes stress.csv, a heatmap per metric, solve.csv and stress.md.
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
    pub scenario: String,
    /// An axis: KEY=FROM:TO:STEP (both ends included) or KEY=V1,V2,... (repeatable).
    #[arg(long = "grid", value_name = "KEY=FROM:TO:STEP")]
    pub grids: Vec<String>,
    /// Solve for the lowest KEY on FROM:TO:STEP meeting --target (the range
    /// may be left out when a --grid gives it).
    #[arg(long, value_name = "KEY[=FROM:TO:STEP]")]
    pub solve: Option<String>,
    /// The solver's target.
    #[arg(long, default_value = "P(months>=6 every year) >= 0.95")]
    pub target: String,
    #[arg(long, default_value_t = 10)]
    pub years: u32,
    #[arg(long, default_value_t = 200)]
    pub paths: u32,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output folder (default reports/<scenario>-stress-seed<seed>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// --set and --shock apply to every cell.
    #[command(flatten)]
    pub common: Common,
    /// --shard I/N: run the contiguous block I·C/N .. (I+1)·C/N of the C
    /// grid cells and write stress-shard-IIII-of-NNNN.json for `medfund
    /// merge` (not with --solve).
    #[command(flatten)]
    pub shard: shard::ShardArgs,
}
