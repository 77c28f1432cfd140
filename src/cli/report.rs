//! `medfund report`: a run folder made into one self-contained HTML page.

use std::path::PathBuf;

/// Turn a run folder (what `simulate` writes) into one self-contained
/// HTML page, DIR/report.html: the charts inline, the tables sortable by
/// clicking a column header, the scenario, seed, version, reproduce
/// command and assumptions. The page fetches nothing when viewed. Each
/// subfolder with its own summary.csv (e.g. resident/) becomes a further
/// section. A folder without summary.csv is refused with exit status 2.
///
/// Example:
///
///   medfund simulate --scenario dingxi --paths 100 --out reports/dingxi
///   medfund report reports/dingxi
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A run folder: what `medfund simulate --out DIR` wrote.
    pub dir: PathBuf,
}
