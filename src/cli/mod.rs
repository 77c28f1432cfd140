//! The command line: the parser and one module per command, each with its
//! options (a clap `Args` struct, with its help text) and its handler
//! `run`. `common` holds the options and helpers several commands share.

pub mod adjudicate;
pub mod backtest;
pub mod bench;
pub mod calibrate;
pub mod common;
pub mod compare;
pub mod diff;
pub mod merge;
pub mod progress;
pub mod report;
pub mod scenario;
pub mod scenario_diff;
pub mod scenario_new;
pub mod sensitivity;
pub mod settle;
pub mod simulate;
pub mod stress;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "medfund",
    version,
    about = "Actuarial simulator for China's city-pooled employee medical insurance funds"
)]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
}

/// The commands, each with its options; the help text of each is on its
/// `Args` struct.
#[derive(Subcommand)]
pub enum Cmd {
    Adjudicate(adjudicate::Args),
    Settle(settle::Args),
    Simulate(simulate::Args),
    Merge(merge::Args),
    Report(report::Args),
    Compare(compare::Args),
    Diff(diff::Args),
    Stress(stress::Args),
    Sensitivity(sensitivity::Args),
    Calibrate(calibrate::Args),
    Backtest(backtest::Args),
    Bench(bench::Args),
    Scenario(scenario::Args),
}
