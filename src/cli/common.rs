//! What several commands share: the options of the commands that project
//! (`simulate`, `compare`, `stress`).

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
    // Further options every projecting command takes belong here, so that
    // they mean the same in each: `--overlay` and `--lang` are to come
    // (not implemented yet).
}
