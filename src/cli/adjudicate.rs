//! `medfund adjudicate`: member-years of claims in, one answer a line out.

use std::path::PathBuf;

/// Settle member-years of claims: what the fund, the top-up, the
/// allowance and the member pay on each claim (shared/spec/adjudication.md).
///
/// Reads JSON Lines (one member-year per line) and writes one line per
/// input line. A bad line is reported on standard error with its line
/// number and field, the other lines are still answered, and the exit
/// status is 2.
///
/// Example:
///
///   echo '{"id":"a","year":2023,"member":{"category":"employee","sex":"F","age":40},
///          "claims":[{"type":"inpatient","level":"3A","total":30000,"out_of_scope":2000}]}' \
///     | medfund adjudicate --scenario ziyang --explain
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Built-in name (ziyang, luzhou, dingxi, chongqing) or path to a scenario file.
    #[arg(long)]
    pub scenario: String,
    /// Input file (standard input when absent).
    #[arg(long)]
    pub input: Option<PathBuf>,
    /// Add each claim's calculation steps, each with the article it comes from.
    #[arg(long)]
    pub explain: bool,
    /// Stop at the first bad line.
    #[arg(long, conflicts_with = "keep_going")]
    pub fail_fast: bool,
    /// Answer every good line despite bad ones (the default).
    #[arg(long)]
    pub keep_going: bool,
}
