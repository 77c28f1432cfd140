//! `medfund scenario diff A B`: two scenarios' parameters side by side
//! where they differ, each value with its citation.

use std::collections::HashMap;
use std::io::Write as _;
use std::process::ExitCode;

use toml_edit::{DocumentMut, Item, TableLike, Value};

use super::common::{io_fail, load};
use crate::output::scenario_diff::{self, Row};

/// Two scenarios' parameters side by side where they differ, with their
/// citations
///
/// Each file is flattened to dotted keys as `--set` names them (a parameter's
/// own `value` table entered implicitly: employee.contribution.employee);
/// a dated value is KEY@FROM (context.avg_wage@2024-01-01), an element of
/// a list of tables is KEY[NAME] by its `name` or else KEY[INDEX]; a list
/// of plain values is one value. Values are compared as TOML values (0.1
/// and 0.10 are equal). Each value is shown with its citation: the
/// parameter's `source` (or `assumption: …`), and any comment on or above
/// its line. Keys present in only one file are listed too; equal keys are
/// not. `[scenario]` fields (name, title, …) are compared like the rest.
///
/// Examples:
///
///   medfund scenario diff ziyang luzhou
///   medfund scenario diff ziyang scenarios/mycity.toml --format csv > diff.csv
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Built-in name, a scenarios/<name>.toml of one's own, or a path.
    a: String,
    /// Built-in name, a scenarios/<name>.toml of one's own, or a path.
    b: String,
    /// `table` (aligned text, long values and citations shortened) or
    /// `csv` (key, both values, both citations, in full).
    #[arg(long, default_value = "table", value_parser = ["table", "csv"])]
    format: String,
}

/// Carry out the command; `Err` is the exit status of a failure already
/// reported on standard error.
pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let Args { a, b, format } = args;
    let (sa, sb) = (load(&a)?, load(&b)?);
    let flat = |sc: &medfund_sim::Scenario| {
        flatten(&sc.src).map_err(|m| {
            eprintln!("medfund: {}: {m}", sc.file);
            ExitCode::from(2)
        })
    };
    let (fa, fb) = (flat(&sa)?, flat(&sb)?);
    let d = diff(&fa, &fb);
    let names = (sa.name().to_string(), sb.name().to_string());
    let files = (sa.file.clone(), sb.file.clone());
    let text = if format == "csv" {
        scenario_diff::csv(&names, &d.rows)
    } else {
        scenario_diff::table(&names, &files, &d.rows, d.equal)
    };
    std::io::stdout().lock().write_all(text.as_bytes()).map_err(io_fail)?;
    Ok(ExitCode::SUCCESS)
}

/// One flattened key of a scenario file.
#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    /// The parameter it is part of (its key; the key itself outside one).
    pub param: String,
    /// The value as written (its decoration, comments and spacing, removed).
    pub shown: String,
    norm: Norm,
    /// The parameter's source or assumption and the comments on the key.
    pub cite: String,
}

/// A value for comparison: numbers as numbers, whatever their spelling.
#[derive(Clone, Debug, PartialEq)]
enum Norm {
    Num(f64),
    Str(String),
    Bool(bool),
    Other(String),
    List(Vec<Norm>),
    Map(Vec<(String, Norm)>),
}

fn norm(v: &Value) -> Norm {
    match v {
        Value::Integer(i) => Norm::Num(*i.value() as f64),
        Value::Float(f) => Norm::Num(*f.value()),
        Value::String(s) => Norm::Str(s.value().clone()),
        Value::Boolean(b) => Norm::Bool(*b.value()),
        Value::Datetime(d) => Norm::Other(d.value().to_string()),
        Value::Array(a) => Norm::List(a.iter().map(norm).collect()),
        Value::InlineTable(t) => {
            let mut m: Vec<(String, Norm)> = t.iter().map(|(k, v)| (k.to_string(), norm(v))).collect();
            m.sort_by(|x, y| x.0.cmp(&y.0));
            Norm::Map(m)
        }
    }
}

/// The comment lines of a decoration (`# ` removed), joined by spaces;
/// separator rules (`# -----`) left out.
fn comments(raw: Option<&str>) -> Vec<String> {
    raw.unwrap_or("")
        .lines()
        .filter_map(|l| l.trim().strip_prefix('#'))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.contains("-----") && !l.contains("====="))
        .map(str::to_string)
        .collect()
}

fn join_cite(base: &str, extra: &[String]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !base.is_empty() {
        parts.push(base);
    }
    parts.extend(extra.iter().map(String::as_str));
    parts.join("; ")
}

/// The comments on the line of `key` in `table`: above it and after its value.
fn key_comments(table: &dyn TableLike, key: &str) -> Vec<String> {
    let Some((k, item)) = table.get_key_value(key) else { return Vec::new() };
    let mut c = comments(k.leaf_decor().prefix().and_then(|r| r.as_str()));
    if let Some(v) = item.as_value() {
        c.extend(comments(v.decor().suffix().and_then(|r| r.as_str())));
    }
    c
}

/// Every key of a scenario file's text, in the order written.
pub fn flatten(src: &str) -> Result<Vec<Entry>, String> {
    let doc: DocumentMut = src.parse().map_err(|e| format!("not TOML: {e}"))?;
    let mut out = Vec::new();
    walk(doc.as_item(), "", &Ctx::default(), &mut out);
    Ok(out)
}

fn is_param(t: &dyn TableLike) -> bool {
    t.contains_key("value") || t.contains_key("values")
}

fn child(path: &str, k: &str) -> String {
    if path.is_empty() { k.to_string() } else { format!("{path}.{k}") }
}

/// Where a value is: the parameter it belongs to (its key) and its
/// citation so far; `param` None outside a parameter.
#[derive(Clone, Default)]
struct Ctx {
    param: Option<String>,
    cite: String,
}

fn walk(item: &Item, path: &str, ctx: &Ctx, out: &mut Vec<Entry>) {
    if let Some(t) = item.as_table_like() {
        if ctx.param.is_none() && is_param(t) {
            let text = |k: &str| t.get(k).and_then(Item::as_str).map(str::to_string);
            let base = match (text("source"), text("assumption")) {
                (_, Some(a)) => format!("assumption: {a}"),
                (Some(s), None) => s,
                (None, None) => String::new(),
            };
            // Comments written inside the parameter's table, beside its
            // source, assumption or note.
            let mut extra: Vec<String> = comments_of(&ctx.cite);
            extra.extend(["source", "assumption", "note"].iter().flat_map(|k| key_comments(t, k)));
            let inner = Ctx { param: Some(path.to_string()), cite: join_cite(&base, &extra) };
            if let Some(v) = t.get("value") {
                walk(v, path, &inner, out);
            }
            if let Some(arr) = t.get("values").and_then(Item::as_array) {
                for e in arr.iter() {
                    let Some(e) = e.as_inline_table() else { continue };
                    let from = e.get("from").map_or(String::new(), |f| f.clone().decorated("", "").to_string());
                    if let Some(v) = e.get("value") {
                        walk(&Item::Value(v.clone()), &format!("{path}@{from}"), &inner, out);
                    }
                }
            }
            return;
        }
        for (k, v) in t.iter() {
            let extra = key_comments(t, k);
            let c = Ctx { param: ctx.param.clone(), cite: join_cite(&ctx.cite, &extra) };
            walk(v, &child(path, k), &c, out);
        }
        return;
    }
    if let Some(tables) = item.as_array_of_tables() {
        for (i, t) in tables.iter().enumerate() {
            walk(&Item::Table(t.clone()), &format!("{path}[{i}]"), ctx, out);
        }
        return;
    }
    let Some(v) = item.as_value() else { return };
    if let Some(arr) = v.as_array().filter(|a| !a.is_empty() && a.iter().all(|e| e.is_inline_table())) {
        let names: Vec<Option<String>> = arr
            .iter()
            .map(|e| e.as_inline_table().and_then(|t| t.get("name")).and_then(Value::as_str).map(str::to_string))
            .collect();
        let mut seen = std::collections::HashSet::new();
        let by_name = names.iter().all(|n| n.as_ref().is_some_and(|n| seen.insert(n.clone())));
        for (i, e) in arr.iter().enumerate() {
            let id = if by_name { names[i].clone().unwrap_or_default() } else { i.to_string() };
            walk(&Item::Value(e.clone()), &format!("{path}[{id}]"), ctx, out);
        }
        return;
    }
    out.push(Entry {
        key: path.to_string(),
        param: ctx.param.clone().unwrap_or_else(|| path.to_string()),
        shown: v.clone().decorated("", "").to_string(),
        norm: norm(v),
        cite: ctx.cite.clone(),
    });
}

/// A citation's parts back (comments met above a parameter, to go after
/// its source).
fn comments_of(cite: &str) -> Vec<String> {
    if cite.is_empty() { Vec::new() } else { vec![cite.to_string()] }
}

/// The rows of two flattened files that differ, and how many keys are equal.
pub struct Diff {
    pub rows: Vec<Row>,
    pub equal: usize,
}

/// The keys whose values differ or that only one file has: A's keys in A's
/// order, then those only B has in B's.
pub fn diff(a: &[Entry], b: &[Entry]) -> Diff {
    let in_b: HashMap<&str, &Entry> = b.iter().map(|e| (e.key.as_str(), e)).collect();
    let in_a: HashMap<&str, &Entry> = a.iter().map(|e| (e.key.as_str(), e)).collect();
    let mut rows = Vec::new();
    let mut equal = 0;
    let params = |v: &[Entry]| v.iter().map(|e| e.param.clone()).collect::<std::collections::HashSet<String>>();
    let (pa, pb) = (params(a), params(b));
    let row = |x: Option<&Entry>, y: Option<&Entry>, key: &str| Row {
        key: key.to_string(),
        // A parameter the other file does not have at all.
        lone: match (x, y) {
            (Some(e), None) if !pb.contains(&e.param) => Some(e.param.clone()),
            (None, Some(e)) if !pa.contains(&e.param) => Some(e.param.clone()),
            _ => None,
        },
        a: x.map(|e| e.shown.clone()),
        b: y.map(|e| e.shown.clone()),
        cite_a: x.map(|e| e.cite.clone()).unwrap_or_default(),
        cite_b: y.map(|e| e.cite.clone()).unwrap_or_default(),
    };
    for e in a {
        match in_b.get(e.key.as_str()) {
            Some(f) if f.norm == e.norm => equal += 1,
            other => rows.push(row(Some(e), other.copied(), &e.key)),
        }
    }
    for f in b.iter().filter(|f| !in_a.contains_key(f.key.as_str())) {
        rows.push(row(None, Some(f), &f.key));
    }
    Diff { rows, equal }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening_enters_values_dates_and_named_lists_and_keeps_citations() {
        let src = r#"
[scenario]
name = "x"

[employee.contribution]
source = "000 第九条"
[employee.contribution.value]
employee = 0.02 # the employee's share
employer = { combined = { enterprise = 0.077 } }

[context.avg_wage]
assumption = "not in the texts"
values = [{ from = 2023-01-01, value = 84912 }, { from = 2024-01-01, value = 90216 }]

[projection.districts]
assumption = "one ledger"
value = [{ name = "Ziyang", share = 1.0 }]
"#;
        let f = flatten(src).unwrap();
        let get = |k: &str| f.iter().find(|e| e.key == k).unwrap_or_else(|| panic!("no {k} in {f:?}"));
        assert_eq!(get("scenario.name").shown, "\"x\"");
        assert_eq!(get("employee.contribution.employee").cite, "000 第九条; the employee's share");
        assert_eq!(get("employee.contribution.employer.combined.enterprise").shown, "0.077");
        assert_eq!(get("context.avg_wage@2024-01-01").shown, "90216");
        assert_eq!(get("context.avg_wage@2024-01-01").cite, "assumption: not in the texts");
        assert_eq!(get("projection.districts[Ziyang].share").shown, "1.0");
        let g = flatten(&src.replace("0.077", "0.0770").replace("0.02 #", "0.03 #")).unwrap();
        let d = diff(&f, &g);
        assert_eq!(d.rows.len(), 1, "only the employee share differs: {:?}", d.rows);
        assert_eq!(d.rows[0].key, "employee.contribution.employee");
        assert_eq!((d.rows[0].a.as_deref(), d.rows[0].b.as_deref()), (Some("0.02"), Some("0.03")));
    }
}
