//! `medfund scenario new NAME --from SCENARIO`: an editable copy of a
//! scenario file, its comments, sources and assumptions kept.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use toml_edit::{DocumentMut, Value};

use super::common::load;
use crate::scenarios;

/// An editable copy of a scenario, its comments and sources kept
///
/// The text of the file the scenario is read from, every comment, `source`
/// and `assumption` as written, with `[scenario] name` set to NAME and its
/// title marked as a copy. An existing file is never overwritten (exit
/// status 2). The copy is checked as `scenario validate` checks it before
/// it is written; in scenarios/NAME.toml (the default) it is found by name
/// (`--scenario NAME`) from the folder it was written in.
///
/// Examples:
///
///   medfund scenario new mycity --from ziyang
///   medfund scenario validate mycity
///   medfund simulate --scenario mycity --paths 100
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The new scenario's name: letters, digits, `_` and `-`.
    name: String,
    /// The scenario to copy: a built-in name, a scenarios/<name>.toml of
    /// one's own, or a path.
    #[arg(long, default_value = scenarios::DEFAULT)]
    from: String,
    /// Where to write it (default scenarios/NAME.toml).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn usage(m: String) -> ExitCode {
    eprintln!("medfund: {m}");
    ExitCode::from(2)
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { name, from, out } = args;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(usage(format!(
            "scenario new: `{name}` is not a scenario name: use letters, digits, `_` and `-` (it names the file \
             scenarios/<name>.toml and is what --scenario finds it by)"
        )));
    }
    let out = out.unwrap_or_else(|| Path::new("scenarios").join(format!("{name}.toml")));
    if fs::symlink_metadata(&out).is_ok() {
        return Err(usage(format!(
            "scenario new: {} exists; it is not overwritten (remove it first, or give --out another file)",
            out.display()
        )));
    }
    let base = load(&from)?;
    let text = copy_text(&base.src, &name, &from, &base.file).map_err(|m| usage(format!("{}: {m}", base.file)))?;
    // The copy must load as the original does (a check, not a formality:
    // the edit goes through toml_edit).
    if let Err(e) = medfund_sim::Scenario::from_str(&out.display().to_string(), &text) {
        eprintln!("medfund: the copy does not validate (a bug): {e}");
        return Err(ExitCode::from(1));
    }
    write_new(&out, &text).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            usage(format!("scenario new: {} exists; it is not overwritten", out.display()))
        } else {
            eprintln!("medfund: writing {}: {e}", out.display());
            ExitCode::from(1)
        }
    })?;
    println!("wrote {} (scenario `{name}`, a copy of {}), comments and sources kept", out.display(), base.file);
    let by_name = out == Path::new("scenarios").join(format!("{name}.toml"));
    let handle = if by_name { name.clone() } else { out.display().to_string() };
    if by_name && scenarios::BUILTIN.iter().any(|b| b.0 == name) {
        println!("note: run from this folder, {} takes the place of the built-in `{name}`", out.display());
    }
    println!("next: edit it (each changed value with its `source` or `assumption`), then");
    println!("  medfund scenario validate {handle}");
    println!("  medfund scenario diff {from} {handle}");
    println!("  medfund simulate --scenario {handle}");
    Ok(ExitCode::SUCCESS)
}

/// `src` with `[scenario] name` set to `name`, the title marked as a copy,
/// and a comment at the top saying where it came from; everything else as
/// written.
pub fn copy_text(src: &str, name: &str, from: &str, file: &str) -> Result<String, String> {
    let mut doc: DocumentMut = src.parse().map_err(|e| format!("not TOML: {e}"))?;
    let meta = doc
        .get_mut("scenario")
        .and_then(|s| s.as_table_like_mut())
        .ok_or("no [scenario] table with the scenario's name")?;
    let mut set = |key: &str, f: &dyn Fn(&str) -> String| -> Result<(), String> {
        let item = meta.get_mut(key).ok_or(format!("[scenario] has no `{key}`"))?;
        let old = item.as_value().ok_or(format!("[scenario] {key} is not a value"))?;
        let text = old.as_str().ok_or(format!("[scenario] {key} is not a string"))?;
        let mut v = Value::from(f(text));
        *v.decor_mut() = old.decor().clone();
        *item = toml_edit::Item::Value(v);
        Ok(())
    };
    set("name", &|_| name.to_string())?;
    set("title", &|t| format!("{t} (copy: {name})"))?;
    let header = format!(
        "# {name}: a copy of `{from}` ({file}), written by `medfund scenario new {name} --from {from}`\n\
         # (medfund {}). Change values in place, each with its `source = \"<file> 第N条\"` or\n\
         # `assumption = \"why\"`; check with `medfund scenario validate`.\n#\n",
        env!("CARGO_PKG_VERSION")
    );
    Ok(format!("{header}{doc}"))
}

/// Write `text` to a new file `out` (its folder created): written under a
/// temporary name beside it and linked into place, so that the file
/// appears whole and an existing one is never replaced (`AlreadyExists`).
fn write_new(out: &Path, text: &str) -> std::io::Result<()> {
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("scenario.toml");
    let tmp = crate::output::files::temporary(&dir, name);
    let result =
        fs::write(&tmp, text).and_then(|()| fs::File::open(&tmp)?.sync_all()).and_then(|()| fs::hard_link(&tmp, out));
    let _ = fs::remove_file(&tmp);
    match result {
        // A filesystem without hard links: create the file exclusively.
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists && e.kind() != std::io::ErrorKind::NotFound => {
            use std::io::Write as _;
            let mut f = fs::OpenOptions::new().write(true).create_new(true).open(out)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        }
        r => r,
    }
}
