//! `medfund scenario list|show|validate|new|diff` (`new` and `diff` in
//! `scenario_new.rs` and `scenario_diff.rs`).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Subcommand;
use medfund_rules::scenario::Provenance;
use medfund_sim::Scenario;

use super::common::{io_fail, load};
use crate::scenarios;

/// List, show, validate, copy or compare scenarios.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
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
    New(super::scenario_new::Args),
    Diff(super::scenario_diff::Args),
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    match args.cmd {
        Cmd::List => {
            let mut out = io::stdout().lock();
            for (name, _, _) in scenarios::BUILTIN {
                let sc = load(name)?;
                let m = &sc.spec.scenario;
                let n_assumed = sc.spec.params().iter().filter(|(_, p)| p.provenance().is_assumption()).count();
                writeln!(
                    out,
                    "{name:<10} from {}  {}  ({} parameters, {n_assumed} assumed)",
                    m.start,
                    m.title,
                    sc.spec.params().len()
                )
                .map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Show { scenario } => {
            let sc = load(&scenario)?;
            show(&sc).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Validate { scenarios: names } => {
            let names: Vec<String> =
                if names.is_empty() { scenarios::BUILTIN.iter().map(|b| b.0.to_string()).collect() } else { names };
            let mut bad = 0;
            for n in &names {
                match scenarios::load(n) {
                    Ok(sc) => println!("{}: ok ({} parameters)", sc.file, sc.spec.params().len()),
                    Err(e) => {
                        eprintln!("{e}");
                        bad += 1;
                    }
                }
            }
            Ok(if bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Cmd::New(a) => super::scenario_new::run(a),
        Cmd::Diff(a) => super::scenario_diff::run(a),
    }
}

/// `scenario show`: text values first, then the assumptions apart.
fn show(sc: &Scenario) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let m = &sc.spec.scenario;
    writeln!(
        out,
        "{} — {}\nfile: {}\nin force from: {}\ntexts: {}",
        m.name,
        m.title,
        sc.file,
        m.start,
        m.documents.join("; ")
    )?;
    if let Some(d) = &m.description {
        writeln!(out, "{d}")?;
    }
    let params = sc.spec.params();
    for (heading, want_assumption) in
        [("From the policy texts", false), ("Assumptions (values the texts do not give)", true)]
    {
        writeln!(out, "\n== {heading} ==")?;
        for (key, p) in params.iter().filter(|(_, p)| p.provenance().is_assumption() == want_assumption) {
            let line = medfund_rules::scenario::line_of(&sc.src, p.span().start);
            writeln!(out, "\n[{key}]  ({}:{line})", sc.file)?;
            match p.provenance() {
                Provenance::Source(s) => writeln!(out, "  source: {s}")?,
                Provenance::Assumption(a) => writeln!(out, "  ASSUMPTION: {a}")?,
            }
            if let Some(n) = p.note() {
                writeln!(out, "  reading: {n}")?;
            }
            let dates = p.dates();
            if !dates.is_empty() {
                writeln!(
                    out,
                    "  dated values from: {}",
                    dates.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
                )?;
            }
            let text = param_text(&sc.src, key, p.span());
            for l in text.lines().filter(|l| {
                let t = l.trim_start();
                !(t.starts_with("source")
                    || t.starts_with("assumption")
                    || t.starts_with("note")
                    || t.starts_with('#')
                    || t.is_empty())
            }) {
                writeln!(out, "    {l}")?;
            }
        }
    }
    Ok(())
}

/// The text of a parameter as written: an inline value's span, or a table's
/// header with every line down to the next table that is not one of its
/// sub-tables.
fn param_text<'a>(src: &'a str, key: &str, span: std::ops::Range<usize>) -> &'a str {
    let start = span.start;
    if !src[start..].starts_with('[') {
        return &src[span];
    }
    let header_end = src[start..].find('\n').map_or(src.len(), |i| start + i + 1);
    let mut end = header_end;
    let own = format!("[{key}.");
    for line in src[header_end..].split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') && !t.starts_with(&own) {
            break;
        }
        end += line.len();
    }
    &src[header_end..end]
}
