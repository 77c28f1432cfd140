//! `medfund bench`: projection throughput.

/// Measure projection throughput: member-years simulated per second
/// (transitions, claims, adjudication, ledger; no output writing), peak
/// memory, and what a full run would take.
///
/// Example: medfund bench --scenario luzhou --paths 4 --years 10
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "luzhou")]
    pub scenario: String,
    /// Members of the city (default: the scenario's).
    #[arg(long)]
    pub members: Option<u32>,
    #[arg(long, default_value_t = 4)]
    pub paths: u32,
    #[arg(long, default_value_t = 10)]
    pub years: u32,
    #[arg(long)]
    pub threads: Option<usize>,
}
