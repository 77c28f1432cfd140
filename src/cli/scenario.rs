//! `medfund scenario list|show|validate`.

use clap::Subcommand;

/// List, show or validate scenarios.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// The built-in scenarios.
    ///
    /// Example: medfund scenario list
    List,
    /// Every parameter with its dates and source; assumptions listed apart.
    ///
    /// Example: medfund scenario show dingxi
    Show {
        /// Built-in name or path.
        scenario: String,
    },
    /// Check scenario files; prints `file:line: key: problem` for a bad one
    /// and exits 2.
    ///
    /// Example: medfund scenario validate scenarios/*.toml
    Validate {
        /// Built-in names or paths (all built-in ones when none are given).
        scenarios: Vec<String>,
    },
}
