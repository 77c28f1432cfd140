//! `medfund calibrate`: simulated figures beside the published ones.

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
    pub scenario: String,
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Paths to pool (each is one simulated year of the whole city).
    #[arg(long, default_value_t = 2)]
    pub paths: u32,
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
}
