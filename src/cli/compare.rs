//! `medfund compare`: cities' policies settled on one population.

use std::path::PathBuf;

use super::common::Common;

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
/// Example:
///
///   medfund compare --scenarios ziyang,luzhou,dingxi,chongqing --population ziyang --paths 10
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Scenarios to compare, comma-separated (the first is the base of the decompositions).
    #[arg(long, default_value = "ziyang,luzhou,dingxi,chongqing")]
    pub scenarios: String,
    /// The scenario whose population and claim model are used (default: the first).
    #[arg(long)]
    pub population: Option<String>,
    /// Claim paths (each a fresh year of claims for the same population).
    #[arg(long, default_value_t = 10)]
    pub paths: u32,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output folder (default reports/compare-<scenarios>-seed<seed>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// --set applies to the population scenario; compare settles one
    /// year, so of the shocks only an epidemic in that year changes it.
    #[command(flatten)]
    pub common: Common,
}
