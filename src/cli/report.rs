//! `medfund report`: a run folder made into one self-contained HTML page.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::output;

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
    dir: PathBuf,
    /// The language of the page's own headings, captions and notes: zh
    /// (简体中文) or en. Default: the language the run was written in
    /// (run.json's "lang"), else zh when the locale (LC_ALL, LC_MESSAGES,
    /// LANG, the first set) starts with zh, else en.
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<crate::output::lang::Lang>,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { dir, lang } = args;
    let lang = output::html::page_lang(&dir, lang);
    let page = output::html::write_report(&dir, Some(lang)).map_err(|e| {
        eprintln!("medfund: {e}");
        ExitCode::from(e.exit_status())
    })?;
    println!("{}{}", output::labels::term(lang).report, page.display());
    Ok(ExitCode::SUCCESS)
}
