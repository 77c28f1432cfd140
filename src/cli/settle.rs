//! `medfund settle`: one year of Chongqing's districts settled against
//! their targets.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use medfund_rules::contract::{self, settlement};

use super::common::{input_fail, io_fail, load, open_input};

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
    scenario: String,
    #[arg(long)]
    input: Option<PathBuf>,
    #[arg(long)]
    fail_fast: bool,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { scenario, input, fail_fast } = args;
    let sc = load(&scenario)?;
    let rules = settlement::rules_of(&sc).map_err(|m| {
        eprintln!("medfund: {m}");
        ExitCode::from(2)
    })?;
    let inp = open_input(&input).map_err(input_fail)?;
    let s = contract::run_lines(inp, io::stdout().lock(), io::stderr().lock(), fail_fast, |line| {
        settlement::answer_line(&rules, line)
    })
    .map_err(io_fail)?;
    Ok(if s.errors > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
