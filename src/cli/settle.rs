//! `medfund settle`: one year of Chongqing's districts settled against
//! their targets.

use std::path::PathBuf;

/// Settle one year of Chongqing's districts against their collection and
/// spending targets (shared/spec/settlement.md).
///
/// Example:
///
///   echo '{"id":"y2012","districts":[{"name":"渝中","class":"main_urban",
///          "collection_target":100000,"collection_actual":102000,"spending_target":90000,
///          "spending_actual":95000,"surplus_opening":3000,"assessment_passed":true}]}' \
///     | medfund settle --scenario chongqing
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A scenario with a district settlement (chongqing).
    #[arg(long, default_value = "chongqing")]
    pub scenario: String,
    #[arg(long)]
    pub input: Option<PathBuf>,
    #[arg(long)]
    pub fail_fast: bool,
}
