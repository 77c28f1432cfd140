//! `report.html`: a run folder as one self-contained page, and `run.json`,
//! the run's description in a form the page (and other tools) can read.
//!
//! The page is built from the files of the folder alone, so it works for any
//! run folder `simulate` wrote: the charts are inlined (the SVG when there is
//! one, else the PNG as a data URI), the CSV tables become HTML tables sorted
//! by clicking a column header (a few lines of inline script), and the run's
//! scenario, seed, version, reproduce command and assumptions come from
//! `run.json`. Nothing is fetched from anywhere when the page is viewed.
//! Every immediate subfolder holding its own `summary.csv` (a resident fund,
//! say) becomes a further section of the same page.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use polars::prelude::*;
use serde_json::Value;

use super::files::{
    BALANCE_FAN, BURDEN, DEPLETION_CSV, DISTRICTS_CSV, DISTRICTS_DRY, FLOWS, MONTHS_FAN, REPORT_MD, RUN_JSON,
    SUMMARY_CSV, remove_stale_temporaries, write_atomic,
};

mod kind;
mod section;
mod table;
use kind::Kind;
use section::section;

use super::labels::{PageText, page as words};
use super::lang::{CJK_BOLD, CJK_FAMILY, CJK_REGULAR, Lang};

/// The page `medfund report DIR` writes into DIR.
pub const REPORT_HTML: &str = "report.html";

/// Why the page could not be written.
#[derive(Debug)]
pub enum ReportError {
    /// The folder is not a run folder, or one of its files cannot be read
    /// as what it should be: bad input (exit status 2).
    Input(String),
    /// Writing the page failed (exit status 1).
    Output(anyhow::Error),
}

impl ReportError {
    /// The command's exit status for this error, as for the other commands:
    /// 2 for bad input, 1 for a failure to write.
    pub fn exit_status(&self) -> u8 {
        match self {
            ReportError::Input(_) => 2,
            ReportError::Output(_) => 1,
        }
    }
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Input(m) => f.write_str(m),
            ReportError::Output(e) => write!(f, "{e:#}"),
        }
    }
}

/// Write `dir/report.html` from the run folder `dir`, its own words in
/// `lang` (else the language the run was written in, from its run.json,
/// else the locale's); returns its path.
pub fn write_report(dir: &Path, lang: Option<Lang>) -> Result<PathBuf, ReportError> {
    let page = page(dir, lang)?;
    // What an interrupted `medfund report` left here.
    remove_stale_temporaries(dir, REPORT_HTML);
    write_atomic(dir, REPORT_HTML, |p| fs::write(p, page.as_bytes()).map_err(Into::into)).map_err(ReportError::Output)
}

/// The language of the page of `dir`: `lang` when given, else the one
/// its run.json records (`lang`), else the locale's.
pub fn page_lang(dir: &Path, lang: Option<Lang>) -> Lang {
    lang.or_else(|| {
        let text = fs::read_to_string(dir.join(RUN_JSON)).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        Lang::from_code(str_field(&v, "lang")?)
    })
    .unwrap_or_else(Lang::from_locale)
}

/// The page for the run folder `dir` (its language as [`page_lang`]).
pub fn page(dir: &Path, lang: Option<Lang>) -> Result<String, ReportError> {
    let t = words(page_lang(dir, lang));
    if !dir.is_dir() {
        return Err(ReportError::Input(format!("{}: no such folder", dir.display())));
    }
    let Some(kind) = Kind::of(dir) else {
        return Err(ReportError::Input(format!(
            "{}: not a folder medfund wrote: it holds none of {} (write one with `medfund simulate --out {}`)",
            dir.display(),
            Kind::accepted(),
            dir.display()
        )));
    };
    let main = Folder::read(dir, "", kind, t)?;
    let mut subs = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| ReportError::Input(format!("{}: {e}", dir.display())))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir() && e.path().join(SUMMARY_CSV).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        subs.push(Folder::read(&dir.join(&name), &name, Kind::Run, t)?);
    }
    Ok(render(dir, &main, &subs, t))
}

/// The charts a run folder may hold, in the order shown (their captions
/// are `PageText::charts`).
const CHARTS: [&str; 5] = [MONTHS_FAN, BALANCE_FAN, FLOWS, BURDEN, DISTRICTS_DRY];

/// The tables a run folder may hold, in the order shown (their headings
/// and what a row is are `PageText::tables`).
const TABLES: [&str; 3] = [SUMMARY_CSV, DEPLETION_CSV, DISTRICTS_CSV];

/// One run folder (the top one or a subfolder) as read for the page.
struct Folder {
    /// "" for the top folder, else the subfolder's name.
    name: String,
    kind: Kind,
    info: Option<Value>,
    /// report.md, shown when there is no run.json.
    report_md: Option<String>,
    charts: Vec<Figure>,
    tables: Vec<Table>,
}

struct Figure {
    stem: String,
    caption: String,
    /// Inline SVG markup, or an `<img>` with a PNG data URI.
    markup: String,
}

struct Table {
    file: String,
    heading: String,
    what: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn input_err(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Input(format!("{}: {e}", path.display()))
}

impl Folder {
    fn read(dir: &Path, name: &str, kind: Kind, t: &PageText) -> Result<Folder, ReportError> {
        let json_path = dir.join(RUN_JSON);
        let info = if json_path.is_file() {
            let text = fs::read_to_string(&json_path).map_err(|e| input_err(&json_path, e))?;
            let v: Value = serde_json::from_str(&text).map_err(|e| input_err(&json_path, e))?;
            if !v.is_object() {
                return Err(input_err(&json_path, "not a JSON object"));
            }
            Some(v)
        } else {
            None
        };
        let md_path = dir.join(kind.markdown());
        let report_md = if (info.is_none() || kind != Kind::Run) && md_path.is_file() {
            Some(fs::read_to_string(&md_path).map_err(|e| input_err(&md_path, e))?)
        } else {
            None
        };

        let mut charts = Vec::new();
        let mut known: Vec<String> = CHARTS.iter().map(|s| s.to_string()).collect();
        let mut others: Vec<String> = Vec::new();
        for e in fs::read_dir(dir).map_err(|e| input_err(dir, e))?.filter_map(Result::ok) {
            let file = e.file_name().to_string_lossy().into_owned();
            if file.starts_with('.') {
                continue;
            }
            if let Some(stem) = file.strip_suffix(".svg").or_else(|| file.strip_suffix(".png"))
                && !known.iter().any(|k| k == stem)
                && !others.iter().any(|k| k == stem)
            {
                others.push(stem.to_string());
            }
        }
        others.sort();
        known.extend(others);
        for stem in known {
            let caption =
                CHARTS.iter().position(|s| *s == stem).map_or_else(|| stem.clone(), |k| t.charts[k].to_string());
            if let Some(markup) = figure_markup(dir, &stem, &caption)? {
                charts.push(Figure { stem, caption, markup });
            }
        }

        let mut tables = Vec::new();
        // Not a run: every CSV table, the kind's own first.
        let mut csvs: Vec<String> = Vec::new();
        if kind != Kind::Run {
            for e in fs::read_dir(dir).map_err(|e| input_err(dir, e))?.filter_map(Result::ok) {
                let file = e.file_name().to_string_lossy().into_owned();
                if file.ends_with(".csv") && !file.starts_with('.') {
                    csvs.push(file);
                }
            }
            csvs.sort_by_key(|f| (f != kind.marker(), f.clone()));
        }
        let rest = csvs.iter().map(|f| (f.as_str(), f.as_str(), t.other_table));
        let listed: Vec<(&str, &str, &str)> = if kind == Kind::Run {
            TABLES.iter().zip(t.tables).map(|(f, (heading, what))| (*f, heading, what)).collect()
        } else {
            rest.collect()
        };
        for (file, heading, what) in listed {
            let path = dir.join(file);
            if path.is_file() {
                let (columns, rows) = read_csv(&path)?;
                tables.push(Table { file: file.into(), heading: heading.into(), what: what.into(), columns, rows });
            }
        }
        Ok(Folder { name: name.into(), kind, info, report_md, charts, tables })
    }

    /// Prefix for element ids in this folder's section.
    fn id(&self, what: &str) -> String {
        if self.name.is_empty() { what.to_string() } else { format!("sub-{}-{what}", slug(&self.name)) }
    }
}

/// A chart's markup: the SVG inline (without its namespace attribute, which
/// HTML implies), or else the PNG as a data URI; `None` when neither file
/// exists.
fn figure_markup(dir: &Path, stem: &str, caption: &str) -> Result<Option<String>, ReportError> {
    let svg_path = dir.join(format!("{stem}.svg"));
    if svg_path.is_file() {
        let svg = fs::read_to_string(&svg_path).map_err(|e| input_err(&svg_path, e))?;
        if let Some(markup) = inline_svg(&svg, caption) {
            return Ok(Some(markup));
        }
    }
    let png_path = dir.join(format!("{stem}.png"));
    if png_path.is_file() {
        let png = fs::read(&png_path).map_err(|e| input_err(&png_path, e))?;
        if !png.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(input_err(&png_path, "not a PNG file"));
        }
        return Ok(Some(format!(
            "<img src=\"data:image/png;base64,{}\" alt=\"{}\">",
            base64::engine::general_purpose::STANDARD.encode(&png),
            esc(caption)
        )));
    }
    if svg_path.is_file() {
        return Err(input_err(&svg_path, "not an SVG image (no <svg> element at its start)"));
    }
    Ok(None)
}

/// An SVG document as markup to put inside HTML: any XML declaration
/// dropped, the `xmlns` attribute of the root dropped (the HTML parser puts
/// `<svg>` in the SVG namespace), labelled as an image with `caption`.
/// `None` when the text does not start with an `<svg` element.
fn inline_svg(svg: &str, caption: &str) -> Option<String> {
    let mut s = svg.trim_start();
    if s.starts_with("<?xml") {
        s = s[s.find("?>")? + 2..].trim_start();
    }
    let rest = s.strip_prefix("<svg")?;
    if !rest.starts_with(|c: char| c.is_whitespace() || c == '>') {
        return None;
    }
    let tag_end = rest.find('>')?;
    let (attrs, body) = rest.split_at(tag_end);
    let attrs = attrs.replace(" xmlns=\"http://www.w3.org/2000/svg\"", "");
    Some(format!("<svg role=\"img\" aria-label=\"{}\"{attrs}{}", esc(caption), body.trim_end()))
}

/// A CSV file as its header and rows of text, each cell exactly as written
/// (polars reads it, every column as text; an empty cell is "").
fn read_csv(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), ReportError> {
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.into()))
        .and_then(|r| r.finish())
        .map_err(|e| input_err(path, e))?;
    let columns: Vec<String> = df.get_column_names().iter().map(|n| n.to_string()).collect();
    let mut rows = vec![Vec::with_capacity(columns.len()); df.height()];
    for c in df.columns() {
        let c = c.str().map_err(|e| input_err(path, e))?;
        for (row, v) in rows.iter_mut().zip(c.iter()) {
            row.push(v.unwrap_or("").to_string());
        }
    }
    Ok((columns, rows))
}

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A name as part of an element id: ASCII letters, digits and `-`.
fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

pub use medfund_analysis::accounts::group_digits;

/// Style of the page: readable at any width; the charts scale to the
/// column, wide tables scroll sideways inside their box. Inlined in the
/// page's `<style>` (after a newline), as it is in the file.
const CSS: &str = include_str!("html/report.css");

/// Sorting: a click (or Enter) on a header sorts the rows by that column,
/// numbers as numbers, text as text, empty cells last; again reverses.
/// Inlined in the page's `<script>` (after a newline), as it is in the file.
const SCRIPT: &str = include_str!("html/report.js");

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A JSON scalar as text ("" for null or missing).
fn scalar(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn year_span(years: &[i64], t: &PageText) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => (t.years)(*a, *b, years.len()),
        (Some(a), _) => (t.years)(*a, *a, 1),
        _ => t.none.into(),
    }
}

/// The page's heading words for a folder: its scenario and seed.
fn title_of(f: &Folder, t: &PageText) -> String {
    if f.kind != Kind::Run {
        // The report's own first heading ("# Stress test: ziyang, …").
        let first = f.report_md.as_deref().and_then(|m| m.lines().find(|l| l.starts_with('#')));
        return first.map_or_else(|| f.kind.markdown().to_string(), |l| l.trim_start_matches('#').trim().to_string());
    }
    match &f.info {
        Some(v) => (t.run_heading)(str_field(v, "scenario").unwrap_or(t.unnamed_scenario), &scalar(v.get("seed"))),
        None => t.no_run_json_heading.into(),
    }
}

/// The embedded CJK font as `@font-face` rules (data URLs, so the page
/// draws Chinese in a browser without CJK fonts of its own), and the
/// page's text in it after DejaVu Sans (which has no CJK glyphs).
fn cjk_css() -> String {
    let b64 = |f: &[u8]| base64::engine::general_purpose::STANDARD.encode(f);
    let face = |weight: &str, f: &[u8]| {
        format!(
            "@font-face {{ font-family: \"{CJK_FAMILY}\"; font-weight: {weight}; font-style: normal; \
             src: url(data:font/otf;base64,{}) format(\"opentype\"); }}\n",
            b64(f)
        )
    };
    format!(
        "{}{}body {{ font-family: \"DejaVu Sans\", \"{CJK_FAMILY}\", \"Helvetica Neue\", Arial, sans-serif; }}\n\
         code, pre {{ font-family: \"DejaVu Sans Mono\", Menlo, Consolas, \"{CJK_FAMILY}\", monospace; }}\n\
         html.cjk-wait body {{ visibility: hidden; }}\n",
        face("normal", CJK_REGULAR),
        face("bold", CJK_BOLD)
    )
}

/// The Chinese page is shown once both faces of the embedded font are
/// ready (a script, so without scripts it shows at once): text laid out
/// before a face has loaded is otherwise drawn as boxes until the next
/// layout, and a screenshot taken then keeps them.
const CJK_WAIT: &str = "<script>\n(function () {\n  var d = document.documentElement;\n  \
    if (!document.fonts || !document.fonts.load) return;\n  d.classList.add('cjk-wait');\n  \
    var f = '\"Noto Sans CJK SC\"';\n  \
    Promise.all([document.fonts.load('16px ' + f, '\u{57fa}'), document.fonts.load('bold 16px ' + f, '\u{57fa}')])\n    \
    .finally(function () { d.classList.remove('cjk-wait'); });\n})();\n</script>\n";

fn render(dir: &Path, main: &Folder, subs: &[Folder], t: &PageText) -> String {
    let mut h = String::new();
    let heading = title_of(main, t);
    let title = if main.kind != Kind::Run && heading.starts_with("medfund") {
        heading
    } else {
        (t.title)(t.kinds[main.kind.index()], &heading)
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}{}</style>\n{}</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        t.html_lang,
        esc(&title),
        if t.html_lang == "en" { String::new() } else { cjk_css() },
        if t.html_lang == "en" { "" } else { CJK_WAIT },
        esc(&title)
    );
    headline(&mut h, main);
    let _ = writeln!(h, "<nav>");
    let mut links: Vec<(&str, &str)> = ["run", "charts", "tables", "assumptions"].into_iter().zip(t.nav).collect();
    if main.info.is_none() {
        links.retain(|(id, _)| *id != "assumptions");
    }
    for (id, text) in links {
        let _ = write!(h, "<a href=\"#{id}\">{text}</a>");
    }
    for s in subs {
        let _ = write!(h, "<a href=\"#{}\">{}/</a>", s.id("section"), esc(&s.name));
    }
    let _ = writeln!(h, "\n</nav>");
    // The fund most at risk first: a subfolder's fund (the resident fund)
    // riskier than the top folder's is shown before it.
    let (before, after): (Vec<&Folder>, Vec<&Folder>) = subs.iter().partition(|s| risk(s) > risk(main));
    let sub = |h: &mut String, s: &Folder| {
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2>{}/: {}</h2>\n<p class=\"lead\">{}</p>",
            s.id("section"),
            esc(&s.name),
            esc(&title_of(s, t)),
            (t.subfolder_lead)(&esc(&s.name))
        );
        headline(h, s);
        section(h, s, 3, t);
        let _ = writeln!(h, "</section>");
    };
    for s in &before {
        sub(&mut h, s);
    }
    if !before.is_empty() {
        let _ = writeln!(h, "<h2 id=\"top-fund\">{}</h2>", t.this_folder);
    }
    section(&mut h, main, 2, t);
    for s in &after {
        sub(&mut h, s);
    }
    let footer = (t.footer)(&esc(&dir.display().to_string()), &esc(env!("CARGO_PKG_VERSION")));
    let _ = writeln!(h, "<footer>{footer}</footer>");
    let _ = writeln!(h, "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>");
    h
}

/// How much at risk a run folder's fund is, for the order of the page:
/// its highest chance in any year of a balance below zero, then of under
/// 3 months of payment, then of under 6; zeros for a folder without a
/// summary.
fn risk(f: &Folder) -> [f64; 3] {
    let Some(t) = f.tables.iter().find(|t| t.file == SUMMARY_CSV) else { return [0.0; 3] };
    ["p_below_zero", "p_below_3_months", "p_below_6_months"].map(|name| {
        t.columns
            .iter()
            .position(|c| c == name)
            .map_or(0.0, |k| t.rows.iter().filter_map(|r| r[k].parse::<f64>().ok()).fold(0.0, f64::max))
    })
}

/// A folder's headline, one paragraph a fund (the fund most at risk
/// first), from its run.json (`headline`); nothing when it has none (a
/// folder written by an older medfund).
fn headline(h: &mut String, f: &Folder) {
    let lines: Vec<&str> = f
        .info
        .as_ref()
        .and_then(|v| v.get("headline"))
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).collect());
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(h, "<div class=\"headline\" id=\"{}\">", f.id("headline"));
    for l in lines {
        let _ = writeln!(h, "<p>{}</p>", esc(l));
    }
    let _ = writeln!(h, "</div>");
}

#[cfg(test)]
mod tests {
    use super::table::{grouped, is_number};
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(
            esc(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("渝中 (Yuzhong)"), "渝中 (Yuzhong)");
    }

    #[test]
    fn groups_integer_digits_only() {
        assert_eq!(group_digits("345678901.23"), "345,678,901.23");
        assert_eq!(group_digits("-1234567"), "-1,234,567");
        assert_eq!(group_digits("12345.678901"), "12,345.678901");
        assert_eq!(group_digits("999"), "999");
        assert_eq!(group_digits("1000"), "1,000");
        assert_eq!(group_digits("never"), "never");
        assert_eq!(group_digits("1e20"), "1e20");
    }

    #[test]
    fn groups_money_columns_but_not_years_or_small_numbers() {
        let rows = vec![vec!["2025".to_string(), "12345.5".to_string(), "0.25".to_string(), "".to_string()]];
        assert!(!grouped("year", &rows, 0));
        assert!(grouped("balance_mean", &rows, 1));
        assert!(!grouped("p_below_zero", &rows, 2));
        assert!(!grouped("months_p95", &rows, 3));
        assert!(!grouped("first_depletion_year", &[vec!["20250".into()]], 0));
    }

    #[test]
    fn numbers_are_finite_decimals() {
        assert!(is_number("0") && is_number("-12.5") && is_number("1679.0167"));
        assert!(!is_number("") && !is_number("never") && !is_number("inf") && !is_number("NaN"));
    }

    #[test]
    fn inlines_svg_without_namespace_or_declaration() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" \
                   xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        assert_eq!(
            inline_svg(svg, "A & B").unwrap(),
            "<svg role=\"img\" aria-label=\"A &amp; B\" width=\"10\" height=\"5\" viewBox=\"0 0 10 5\">\n<rect/>\n</svg>"
        );
        assert_eq!(inline_svg("<svgx/>", "c"), None);
        assert_eq!(inline_svg("<html></html>", "c"), None);
        assert_eq!(inline_svg("", "c"), None);
    }
}
