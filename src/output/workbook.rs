//! The one Excel workbook each command writes into its folder
//! (`simulate`: `report.xlsx`; `stress`, `compare`, `backtest`:
//! `stress.xlsx`, `compare.xlsx`, `backtest.xlsx`): a README sheet first
//! (what each sheet holds, the units, what was run and how to run it again,
//! the scenario's assumptions), then the summary tables, each a sheet.
//!
//! A sheet is built from the same data frame as its CSV file, column for
//! column, every column declared with its [`Unit`]: money in 万元 (the
//! CSV's yuan divided by 10,000) with thousands separators, shares as
//! percentages, months of payment to one decimal, counts with thousands
//! separators. The header row names each column in Chinese, by its CSV
//! name and with its unit, `期末累计结余均值 balance_mean_yuan (万元)`; it is
//! frozen, and the columns are as wide as their longest rendered text (a
//! CJK character counted two wide). The document's creation time is fixed,
//! so a run's workbook is the same bytes every time, like its other files.

use std::path::Path;

use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

/// How a numeric column is shown: its number format, its unit in the
/// header, and what the CSV's value is divided by for the cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Text (or true/false) as it is.
    Text,
    /// A calendar year, no separator.
    Year,
    /// A count of persons or paths, `#,##0`.
    Count,
    /// Money in 万元: the CSV's yuan ÷ 10,000, `#,##0.00`.
    Wan,
    /// Yuan per member (per-head figures), `#,##0.00`.
    Yuan,
    /// A share of paths or a probability, `0.0%`.
    Share,
    /// A rate or a small share shown to two decimals of a percent, `0.00%`.
    Rate,
    /// Months of payment (累计结余可支付月数), `0.0`.
    Months,
    /// A number as it is (a stress axis's value), Excel's General.
    Plain,
    /// The unit of the row, from the sheet's `row_units` (a backtest's
    /// figures of several kinds in one column).
    PerRow,
}

impl Unit {
    /// The unit named in the header, if any.
    pub fn label(self) -> Option<&'static str> {
        match self {
            Unit::Wan => Some("万元"),
            Unit::Yuan => Some("元"),
            Unit::Share | Unit::Rate => Some("%"),
            Unit::Months => Some("月 months"),
            Unit::PerRow => Some("unit 单位: see the row"),
            Unit::Text | Unit::Year | Unit::Count | Unit::Plain => None,
        }
    }

    /// The cell's number format.
    pub fn num_format(self) -> &'static str {
        match self {
            Unit::Text | Unit::Plain | Unit::PerRow => "General",
            Unit::Year => "0",
            Unit::Count => "#,##0",
            Unit::Wan | Unit::Yuan => "#,##0.00",
            Unit::Share => "0.0%",
            Unit::Rate => "0.00%",
            Unit::Months => "0.0",
        }
    }

    /// What the CSV's value is divided by for the cell (10,000 for 万元).
    pub fn divisor(self) -> f64 {
        if self == Unit::Wan { 10_000.0 } else { 1.0 }
    }

    /// The cell's text as Excel shows it with `num_format`, near enough
    /// to size the column.
    fn render(self, v: f64) -> String {
        let grouped = |s: String| medfund_analysis::accounts::group_digits(&s);
        match self {
            Unit::Year => format!("{v:.0}"),
            Unit::Count => grouped(format!("{v:.0}")),
            Unit::Wan | Unit::Yuan => grouped(format!("{v:.2}")),
            Unit::Share => format!("{:.1}%", v * 100.0),
            Unit::Rate => format!("{:.2}%", v * 100.0),
            Unit::Months => format!("{v:.1}"),
            Unit::Text | Unit::Plain | Unit::PerRow => {
                let s = format!("{v}");
                s.chars().take(11).collect()
            }
        }
    }

    /// What the README says of the unit.
    fn meaning(self) -> Option<&'static str> {
        match self {
            Unit::Wan => Some(
                "money, 万元 (10,000 yuan): the CSV files keep yuan, the workbook shows yuan ÷ 10,000 (format #,##0.00)",
            ),
            Unit::Yuan => Some("money per member, 元 (yuan), as in the CSV files (format #,##0.00)"),
            Unit::Share => {
                Some("a share of paths or a probability, as a percentage (format 0.0%; the cell holds the fraction)")
            }
            Unit::Rate => Some("a rate or a small share, as a percentage to two decimals (format 0.00%)"),
            Unit::Months => {
                Some("months of payment, 累计结余可支付月数: the closing balance over a month of spending (format 0.0)")
            }
            Unit::Count => Some("counts of persons or paths (format #,##0)"),
            Unit::PerRow => Some("a column whose unit changes by row: the row's unit column names it"),
            Unit::Text | Unit::Year | Unit::Plain => None,
        }
    }
}

/// One column of a sheet: the CSV column `name`, its Chinese label and unit.
#[derive(Clone, Debug)]
pub struct Col {
    pub name: String,
    pub zh: String,
    pub unit: Unit,
}

/// `Col` from its parts.
pub fn col(name: impl Into<String>, zh: impl Into<String>, unit: Unit) -> Col {
    Col { name: name.into(), zh: zh.into(), unit }
}

impl Col {
    /// The header cell: `zh name (unit)`.
    pub fn header(&self) -> String {
        let mut h = if self.zh.is_empty() { self.name.clone() } else { format!("{} {}", self.zh, self.name) };
        if let Some(u) = self.unit.label() {
            h.push_str(&format!(" ({u})"));
        }
        h
    }
}

/// A table as a sheet: `frame`'s columns, every one declared in `cols`.
pub struct Sheet {
    /// The sheet's name (at most 31 characters).
    pub name: String,
    /// What it holds, for the README.
    pub about: String,
    pub frame: DataFrame,
    pub cols: Vec<Col>,
    /// The unit of each row for the columns of `Unit::PerRow`.
    pub row_units: Vec<Unit>,
}

impl Sheet {
    pub fn new(name: &str, about: impl Into<String>, frame: DataFrame, cols: Vec<Col>) -> Sheet {
        Sheet { name: name.to_string(), about: about.into(), frame, cols, row_units: Vec::new() }
    }
}

/// The README sheet: a title, what was run (label, value) and the
/// scenario's assumptions (parameter key, reason; `None` where they are
/// not known); the sheets and units are listed from the sheets themselves.
pub struct Readme {
    pub title: String,
    pub run: Vec<(String, String)>,
    pub assumptions: Option<Vec<(String, String)>>,
    /// Lines after the run, before the sheets (a caveat, say).
    pub notes: Vec<String>,
}

/// A column's cells, read from the frame.
enum Cells {
    Num(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
    Bool(Vec<Option<bool>>),
}

fn cells(frame: &DataFrame, name: &str) -> anyhow::Result<Cells> {
    let c = frame.column(name).map_err(|e| anyhow::anyhow!("workbook column {name}: {e}"))?;
    Ok(match c.dtype() {
        DataType::String => Cells::Text(c.str()?.iter().map(|s| s.map(str::to_string)).collect()),
        DataType::Boolean => Cells::Bool(c.bool()?.iter().collect()),
        _ => Cells::Num(c.cast(&DataType::Float64)?.f64()?.iter().collect()),
    })
}

/// Display width of text: a CJK (wide) character counts two.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = u32::from(c);
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// The widest a header runs on one line before it wraps (Excel sets the
/// row's height to the wrapped header).
const HEADER_LINE: usize = 16;
const MAX_WIDTH: usize = 60;

struct Formats {
    header: Format,
    bold: Format,
    wrap: Format,
}

fn formats() -> Formats {
    Formats {
        header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top).set_background_color(0xDDEBF7),
        bold: Format::new().set_bold(),
        wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
    }
}

fn row(i: usize) -> anyhow::Result<u32> {
    Ok(u32::try_from(i)?)
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet, f: &Formats) -> anyhow::Result<()> {
    ws.set_name(&s.name)?;
    // A money column is declared by its plain name; its CSV name carries
    // the unit (`balance_p50` → `balance_p50_yuan`, tables.rs).
    let present: Vec<String> = s.frame.get_column_names().iter().map(|n| n.to_string()).collect();
    let cols: Vec<Col> = s
        .cols
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let yuan = format!("{}_yuan", c.name);
            if !present.contains(&c.name) && present.contains(&yuan) {
                c.name = yuan;
            }
            c
        })
        .collect();
    let declared: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
    if let Some(extra) = s.frame.get_column_names().iter().find(|n| !declared.contains(&n.as_str())) {
        anyhow::bail!("sheet {}: column {extra} has no unit declared", s.name);
    }
    for (j, c) in cols.iter().enumerate() {
        let jj = u16::try_from(j)?;
        let header = c.header();
        ws.write_string_with_format(0, jj, &header, &f.header)?;
        let mut w = 0;
        match cells(&s.frame, &c.name)? {
            Cells::Text(v) => {
                for (i, x) in v.iter().enumerate() {
                    if let Some(x) = x {
                        ws.write_string(row(i + 1)?, jj, x)?;
                        w = w.max(width(x));
                    }
                }
            }
            Cells::Bool(v) => {
                for (i, x) in v.iter().enumerate() {
                    if let Some(x) = x {
                        ws.write_boolean(row(i + 1)?, jj, *x)?;
                        w = w.max(5);
                    }
                }
            }
            Cells::Num(v) => {
                // One format per unit (a column of `PerRow` has several).
                let mut formats: Vec<(Unit, Format)> = Vec::new();
                for (i, x) in v.iter().enumerate() {
                    let Some(x) = x.filter(|x| x.is_finite()) else { continue };
                    let unit = match c.unit {
                        Unit::PerRow => s.row_units.get(i).copied().unwrap_or(Unit::Plain),
                        u => u,
                    };
                    let value = x / unit.divisor();
                    if !formats.iter().any(|(u, _)| *u == unit) {
                        formats.push((unit, Format::new().set_num_format(unit.num_format())));
                    }
                    let format = &formats.iter().find(|(u, _)| *u == unit).expect("just added").1;
                    ws.write_number_with_format(row(i + 1)?, jj, value, format)?;
                    w = w.max(width(&unit.render(value)));
                }
            }
        }
        // The header wraps (a CJK label anywhere, a CSV name at its
        // spaces): as wide as the data, its longest word of ASCII, or a
        // short line.
        let word = header.split(' ').filter(|w| w.len() == width(w)).map(width).max().unwrap_or(0);
        let cw = w.max(word).max(width(&header).min(HEADER_LINE)).clamp(6, MAX_WIDTH);
        ws.set_column_width(jj, (cw + 2) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_readme(ws: &mut Worksheet, r: &Readme, sheets: &[Sheet], f: &Formats) -> anyhow::Result<()> {
    ws.set_name("README")?;
    let mut lines: Vec<(String, String, bool)> = vec![(r.title.clone(), String::new(), true), Default::default()];
    let section = |lines: &mut Vec<(String, String, bool)>, title: &str, rows: Vec<(String, String)>| {
        lines.push((title.to_string(), String::new(), true));
        lines.extend(rows.into_iter().map(|(a, b)| (a, b, false)));
        lines.push(Default::default());
    };
    section(&mut lines, "运行 Run", r.run.clone());
    if !r.notes.is_empty() {
        section(&mut lines, "说明 Notes", r.notes.iter().map(|n| (String::new(), n.clone())).collect());
    }
    let mut listed =
        vec![("README".to_string(), "this sheet: what was run, the sheets, the units, the assumptions".into())];
    listed.extend(sheets.iter().map(|s| (s.name.clone(), s.about.clone())));
    section(&mut lines, "工作表 Sheets", listed);
    let mut units: Vec<Unit> = Vec::new();
    for s in sheets {
        for c in &s.cols {
            let all = if c.unit == Unit::PerRow { s.row_units.clone() } else { vec![c.unit] };
            for u in all.into_iter().chain((c.unit == Unit::PerRow).then_some(Unit::PerRow)) {
                if u.meaning().is_some() && !units.contains(&u) {
                    units.push(u);
                }
            }
        }
    }
    let mut unit_rows: Vec<(String, String)> = vec![(
        "表头 headers".into(),
        "each header is the Chinese label, the CSV column's name and the unit: 期末累计结余均值 balance_mean_yuan (万元)"
            .into(),
    )];
    unit_rows.extend(
        units.iter().map(|u| (u.label().unwrap_or(u.num_format()).to_string(), u.meaning().unwrap_or("").to_string())),
    );
    section(&mut lines, "单位 Units", unit_rows);
    let none = "The scenario declares no assumptions: every parameter comes from the policy texts.";
    let assumptions = match &r.assumptions {
        None => vec![(String::new(), "Not recorded for this run (see the notes above).".to_string())],
        Some(a) if a.is_empty() => vec![(String::new(), none.to_string())],
        Some(a) => a.clone(),
    };
    section(&mut lines, "假设 Assumptions (parameters the policy texts do not set, and why)", assumptions);
    let (mut wa, mut wb) = (10, 20);
    for (i, (a, b, bold)) in lines.iter().enumerate() {
        let i = row(i)?;
        if *bold {
            ws.write_string_with_format(i, 0, a, &f.bold)?;
            continue;
        }
        if !a.is_empty() {
            ws.write_string_with_format(i, 0, a, &f.wrap)?;
            wa = wa.max(width(a));
        }
        if !b.is_empty() {
            ws.write_string_with_format(i, 1, b, &f.wrap)?;
            wb = wb.max(width(b));
        }
    }
    ws.set_column_width(0, (wa.min(50) + 2) as f64)?;
    ws.set_column_width(1, (wb.min(100) + 2) as f64)?;
    Ok(())
}

/// Write the workbook `path`: the README sheet, then `sheets` in order.
pub fn write(path: &Path, readme: &Readme, sheets: &[Sheet]) -> anyhow::Result<()> {
    let mut wb = Workbook::new();
    // A fixed creation time (the zip entries' own, 1980-01-01): the same
    // run writes the same bytes, as every other output does.
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_title(&readme.title).set_creation_datetime(&epoch));
    let f = formats();
    write_readme(wb.add_worksheet(), readme, sheets, &f)?;
    for s in sheets {
        write_sheet(wb.add_worksheet(), s, &f)?;
    }
    wb.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_two_wide() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("累计结余"), 8);
        assert_eq!(width("累计 p5 (万元)"), 14);
    }

    #[test]
    fn header_names_the_unit() {
        assert_eq!(col("balance_mean", "期末累计结余均值", Unit::Wan).header(), "期末累计结余均值 balance_mean (万元)");
        assert_eq!(col("year", "年度", Unit::Year).header(), "年度 year");
    }

    #[test]
    fn renders_as_excel_shows() {
        assert_eq!(Unit::Wan.render(12345.678), "12,345.68");
        assert_eq!(Unit::Share.render(0.1234), "12.3%");
        assert_eq!(Unit::Months.render(7.25), "7.2");
        assert_eq!(Unit::Count.render(1234567.0), "1,234,567");
    }
}
