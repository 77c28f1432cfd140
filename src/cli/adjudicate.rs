//! `medfund adjudicate`: member-years of claims in, one answer a line out.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use medfund_rules::contract::{self, adjudication};

use super::common::{input_fail, io_fail, load, open_input};

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
    scenario: String,
    /// Input file (standard input when absent).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Add each claim's calculation steps, each with the article it comes from.
    #[arg(long)]
    explain: bool,
    /// Stop at the first bad line.
    #[arg(long, conflicts_with = "keep_going")]
    fail_fast: bool,
    /// Answer every good line despite bad ones (the default).
    #[arg(long)]
    keep_going: bool,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, input, explain, fail_fast, keep_going: _ } = args;
    let sc = load(&scenario)?;
    let inp = open_input(&input).map_err(input_fail)?;
    let s = contract::run_lines(inp, io::stdout().lock(), io::stderr().lock(), fail_fast, |line| {
        adjudication::answer_line(&sc, line, explain)
    })
    .map_err(io_fail)?;
    Ok(if s.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
