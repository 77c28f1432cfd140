//! The I/O contracts of `shared/spec/`: JSON Lines in, JSON Lines out, bad
//! lines named by line number and field on standard error and the good lines
//! still answered.
//!
//! * [`adjudication`]: `medfund adjudicate` (`spec/adjudication.md`).
//! * [`settlement`]: `medfund settle` (`spec/settlement.md`).
//! * [`input_line`]: a member-year written as an input line of `medfund
//!   adjudicate` (the inverse of [`adjudication::parse_member_year`]).

pub mod adjudication;
pub mod fields;
pub mod input_line;
pub mod settlement;

use std::io::{self, BufRead, Read, Write};

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
    /// Standard output was closed by its reader before the end.
    pub reader_gone: bool,
}

/// The longest input line answered, in bytes (1 MiB): a member-year of
/// several thousand claims fits many times over. A longer line is refused
/// with its number, read no further than the limit, and the run goes on.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The field named by an error about a whole line (malformed JSON, not
/// UTF-8, too long), so that every error has the shape
/// `line N: field `F`: problem`.
pub const WHOLE_LINE: &str = "(line)";

/// Read one line of at most [`MAX_LINE_BYTES`] into `buf` (without its
/// line ending). `Ok(None)` at the end of the input; `Ok(Some(false))`
/// for a line over the limit, whose rest is skipped.
fn read_line<R: BufRead>(input: &mut R, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
    buf.clear();
    let n = Read::take(&mut *input, MAX_LINE_BYTES as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() > MAX_LINE_BYTES {
        loop {
            let (done, used) = {
                let b = input.fill_buf()?;
                match b.iter().position(|&c| c == b'\n') {
                    Some(i) => (true, i + 1),
                    None => (b.is_empty(), b.len()),
                }
            };
            input.consume(used);
            if done {
                break;
            }
        }
        return Ok(Some(false));
    }
    Ok(Some(true))
}

/// Run `f` over each non-blank line of `input`, writing each answer as one
/// whole line to `out` and each error as one line to `err`:
/// `line N: field `F`: message` (`F` is [`WHOLE_LINE`] where the line as a
/// whole is at fault). With `fail_fast` the run stops at the first error.
/// Blank lines are skipped.
pub fn run_lines(
    mut input: impl BufRead,
    mut out: impl Write,
    mut err: impl Write,
    fail_fast: bool,
    mut f: impl FnMut(&str) -> Result<String, LineError>,
) -> io::Result<RunSummary> {
    let mut s = RunSummary::default();
    let mut buf = Vec::new();
    let mut n = 0;
    while let Some(within) = read_line(&mut input, &mut buf)? {
        n += 1;
        let answer = if !within {
            Err(LineError::new(WHOLE_LINE, format!("longer than the limit of {MAX_LINE_BYTES} bytes")))
        } else {
            match std::str::from_utf8(&buf) {
                Err(_) => Err(LineError::new(WHOLE_LINE, "not valid UTF-8")),
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => f(line),
            }
        };
        match answer {
            Ok(mut answer) => {
                answer.push('\n');
                match out.write_all(answer.as_bytes()) {
                    // The reader went away (`| head -1`): stop reading, but
                    // keep what the run has counted so far, so that bad
                    // lines already reported still set the exit status.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        s.reader_gone = true;
                        return Ok(s);
                    }
                    r => r?,
                }
                s.answered += 1;
            }
            Err(e) => {
                let field = if e.field.is_empty() { WHOLE_LINE } else { &e.field };
                writeln!(err, "line {n}: field `{field}`: {}", e.message)?;
                s.errors += 1;
                if fail_fast {
                    break;
                }
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => s.reader_gone = true,
        r => r?,
    }
    Ok(s)
}
