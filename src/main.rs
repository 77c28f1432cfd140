//! `medfund`: the command line. Parsing and dispatch only; each command is
//! in `cli/<command>.rs`.

mod cli;
mod output;
mod scenarios;
mod shard;

use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Cmd};

fn main() -> ExitCode {
    let result = match Cli::parse().cmd {
        Cmd::Adjudicate(args) => cli::adjudicate::run(args),
        Cmd::Settle(args) => cli::settle::run(args),
        Cmd::Simulate(args) => cli::simulate::run(args),
        Cmd::Merge(args) => cli::merge::run(args),
        Cmd::Report(args) => cli::report::run(args),
        Cmd::Compare(args) => cli::compare::run(args),
        Cmd::Diff(args) => cli::diff::run(args),
        Cmd::Stress(args) => cli::stress::run(args),
        Cmd::Sensitivity(args) => cli::sensitivity::run(args),
        Cmd::Calibrate(args) => cli::calibrate::run(args),
        Cmd::Backtest(args) => cli::backtest::run(args),
        Cmd::Bench(args) => cli::bench::run(args),
        Cmd::Scenario(args) => cli::scenario::run(args),
    };
    match result {
        Ok(c) | Err(c) => c,
    }
}
