//! The I/O contracts of `shared/spec/`: JSON Lines in, JSON Lines out, bad
//! lines named by line number and field on standard error and the good lines
//! still answered.
//!
//! * [`adjudication`]: `medfund adjudicate` (`spec/adjudication.md`).
//! * [`settlement`]: `medfund settle` (`spec/settlement.md`).

pub mod adjudication;
pub mod fields;
pub mod settlement;

use std::io::{self, BufRead, Write};

/// A line that could not be answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The field at fault (`claims[0].total`), or empty for the whole line.
    pub field: String,
    pub message: String,
}

impl LineError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> LineError {
        LineError { field: field.into(), message: message.into() }
    }
}

/// What a JSON Lines run did.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub answered: usize,
    pub errors: usize,
}

/// Run `f` over each non-blank line of `input`, writing each answer as one
/// whole line to `out` and each error as one line to `err`:
/// `line N: field `F`: message`. With `fail_fast` the run stops at the first
/// error. Blank lines are skipped.
pub fn run_lines(
    input: impl BufRead,
    mut out: impl Write,
    mut err: impl Write,
    fail_fast: bool,
    mut f: impl FnMut(&str) -> Result<String, LineError>,
) -> io::Result<RunSummary> {
    let mut s = RunSummary::default();
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                writeln!(err, "line {n}: not valid UTF-8")?;
                s.errors += 1;
                if fail_fast {
                    break;
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        if line.trim().is_empty() {
            continue;
        }
        match f(&line) {
            Ok(mut answer) => {
                answer.push('\n');
                out.write_all(answer.as_bytes())?;
                s.answered += 1;
            }
            Err(e) => {
                if e.field.is_empty() {
                    writeln!(err, "line {n}: {}", e.message)?;
                } else {
                    writeln!(err, "line {n}: field `{}`: {}", e.field, e.message)?;
                }
                s.errors += 1;
                if fail_fast {
                    break;
                }
            }
        }
    }
    out.flush()?;
    Ok(s)
}
