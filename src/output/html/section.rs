//! One folder's section of the page: its run (from run.json), charts,
//! tables and assumptions, in the page's words.

use std::fmt::Write as _;

use serde_json::Value;

use super::table::table;
use super::{CHARTS, Folder, Kind, PageText, REPORT_MD, TABLES, esc, scalar, slug, str_field, year_span};

/// One folder's run, charts, tables and assumptions, with headings at
/// `level`.
pub(super) fn section(h: &mut String, f: &Folder, level: u8, t: &PageText) {
    let hx = |h: &mut String, id: &str, text: &str| {
        let _ = writeln!(h, "<h{level} id=\"{}\">{}</h{level}>", f.id(id), esc(text));
    };
    hx(h, "run", t.nav[0]);
    match &f.info {
        _ if f.kind != Kind::Run => {
            let md = f.kind.markdown();
            match &f.report_md {
                Some(text) => {
                    let _ = writeln!(h, "<details open><summary>{md}</summary><pre>{}</pre></details>", esc(text));
                }
                None => {
                    let _ = writeln!(h, "<p class=\"note\">{}</p>", (t.missing)(md));
                }
            }
        }
        Some(v) => run_info(h, v, t),
        None => {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", (t.no_run_json)(f.report_md.is_some()));
            if let Some(md) = &f.report_md {
                let _ = writeln!(h, "<details open><summary>{REPORT_MD}</summary><pre>{}</pre></details>", esc(md));
            }
        }
    }

    hx(h, "charts", t.nav[1]);
    if f.charts.is_empty() {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", t.no_charts);
    }
    for c in &f.charts {
        let _ = writeln!(
            h,
            "<figure id=\"{}\">\n{}\n<figcaption>{} <code>{}</code></figcaption>\n</figure>",
            f.id(&format!("chart-{}", slug(&c.stem))),
            c.markup,
            esc(&c.caption),
            esc(&c.stem)
        );
    }
    for stem in CHARTS[..3].iter().filter(|_| f.kind == Kind::Run) {
        if !f.charts.iter().any(|c| c.stem == *stem) {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", (t.missing_chart)(stem));
        }
    }

    hx(h, "tables", t.nav[2]);
    let _ = writeln!(h, "<p>{}</p>", t.sort_hint);
    for tab in &f.tables {
        table(h, f, tab, level + 1, t);
    }
    for file in TABLES[..2].iter().filter(|_| f.kind == Kind::Run) {
        if !f.tables.iter().any(|tab| tab.file == *file) {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", (t.missing)(file));
        }
    }

    if let Some(v) = &f.info {
        hx(h, "assumptions", t.nav[3]);
        let list = v.get("assumptions").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        if list.is_empty() {
            let _ = writeln!(h, "<p>{}</p>", t.no_assumptions);
        } else {
            let [param, why] = t.assumption_cols;
            let _ = writeln!(
                h,
                "<p>{}</p>\n\
                 <div class=\"scroll\"><table class=\"sortable assumptions\">\n<thead><tr>\
                 <th scope=\"col\" tabindex=\"0\" aria-sort=\"none\">{param}</th>\
                 <th scope=\"col\" tabindex=\"0\" aria-sort=\"none\">{why}</th></tr></thead>\n<tbody>",
                (t.assumptions)(list.len())
            );
            for a in list {
                let (k, why) = match a.as_array().map(Vec::as_slice) {
                    Some([k, why, ..]) => (scalar(Some(k)), scalar(Some(why))),
                    _ => (scalar(Some(a)), String::new()),
                };
                let _ = writeln!(h, "<tr><td><code>{}</code></td><td>{}</td></tr>", esc(&k), esc(&why));
            }
            let _ = writeln!(h, "</tbody></table></div>");
        }
    }
}

/// The run's description from run.json.
fn run_info(h: &mut String, v: &Value, t: &PageText) {
    let years: Vec<i64> = v
        .get("years")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_i64).collect());
    let districts: Vec<String> = v.get("districts").and_then(Value::as_array).map_or_else(Vec::new, |a| {
        a.iter()
            .map(|d| match (str_field(d, "name"), str_field(d, "label")) {
                (Some(n), Some(l)) if n != l => format!("{n} ({l})"),
                (Some(n), _) => n.to_string(),
                _ => scalar(Some(d)),
            })
            .collect()
    });
    let overrides: Vec<String> = v
        .get("overrides")
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |a| a.iter().map(|o| scalar(Some(o))).collect());
    let _ = writeln!(h, "<dl class=\"run\">");
    let mut row = |k: &str, val: String| {
        let _ = writeln!(h, "<dt>{}</dt><dd>{val}</dd>", esc(k));
    };
    let [scenario, file, hash, set, seed, paths, years_row, districts_row, version] = t.run_rows;
    row(scenario, esc(str_field(v, "scenario").unwrap_or("")));
    row(file, format!("<code>{}</code>", esc(str_field(v, "scenario_file").unwrap_or(""))));
    row(hash, format!("<code>{}</code>", esc(str_field(v, "scenario_hash").unwrap_or(""))));
    row(
        set,
        if overrides.is_empty() {
            t.none.into()
        } else {
            overrides.iter().map(|o| format!("<code>{}</code>", esc(o))).collect::<Vec<_>>().join(", ")
        },
    );
    row(seed, esc(&scalar(v.get("seed"))));
    row(paths, esc(&scalar(v.get("paths"))));
    row(years_row, esc(&year_span(&years, t)));
    row(districts_row, format!("{} ({})", esc(&districts.join(t.list_sep)), districts.len()));
    row(version, esc(str_field(v, "version").unwrap_or("")));
    let _ = writeln!(h, "</dl>");
    if let Some(cmd) = str_field(v, "reproduce") {
        let _ = writeln!(h, "<p>{}</p>\n<pre><code>{}</code></pre>", t.reproduce, esc(cmd));
    }
}
