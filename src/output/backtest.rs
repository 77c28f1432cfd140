//! `medfund backtest` outputs: `backtest.csv` (one row per observed figure
//! and year), a chart per figure (`backtest-<figure>.png` and `.svg`: the
//! observed points over the projection's fan), `backtest.md` and
//! `backtest.xlsx` (a README sheet, then backtest.csv's table, each row in
//! its figure's unit).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use medfund_analysis::accounts::{Kind, show};
use medfund_analysis::backtest::Backtest;
use polars::prelude::*;

use super::charts::{self, backtest_fan};
use super::files::{write_atomic, write_staged};
use super::labels;
use super::lang::Lang;
use super::tables;
use super::workbook::{self, Sheet, Unit, col};

/// What the backtest was, for its report.
pub struct BacktestRun<'a> {
    pub scenario: &'a str,
    pub seed: u64,
    pub paths: u32,
    pub observed_file: &'a str,
    pub overlays: &'a [String],
    pub overrides: &'a [String],
    pub result: &'a Backtest,
    /// The command line that reproduces the run.
    pub command: String,
    /// The scenario's assumptions (parameter key, reason).
    pub assumptions: &'a [(String, String)],
    /// The language of backtest.md and the charts (`--lang`).
    pub lang: Lang,
}

/// Write the backtest folder `out`, whole or not at all.
pub fn write_backtest(out: &Path, b: &BacktestRun) -> anyhow::Result<Vec<PathBuf>> {
    write_staged(out, &[], |dir| write_into(dir, b))
}

fn frame(b: &Backtest) -> anyhow::Result<DataFrame> {
    let r = &b.rows;
    let cols = vec![
        Column::new("year".into(), r.iter().map(|x| x.year).collect::<Vec<i32>>()),
        Column::new("figure".into(), r.iter().map(|x| x.figure.name).collect::<Vec<&str>>()),
        Column::new("observed".into(), r.iter().map(|x| x.observed).collect::<Vec<f64>>()),
        Column::new("median".into(), r.iter().map(|x| x.median()).collect::<Vec<f64>>()),
        Column::new("p5".into(), r.iter().map(|x| x.pct[0]).collect::<Vec<f64>>()),
        Column::new("p95".into(), r.iter().map(|x| x.pct[4]).collect::<Vec<f64>>()),
        Column::new("inside_band".into(), r.iter().map(|x| x.inside_band()).collect::<Vec<bool>>()),
        Column::new(
            "error_of_median".into(),
            r.iter().map(|x| Some(x.error_of_median()).filter(|v| v.is_finite())).collect::<Vec<Option<f64>>>(),
        ),
    ];
    Ok(DataFrame::new(r.len(), cols)?)
}

/// A chart's unit for a figure: (divisor, unit name).
fn unit(kind: Kind, max_abs: f64, lang: Lang) -> (f64, String) {
    let t = labels::backtest(lang);
    match kind {
        Kind::Money => {
            let (u, name) = charts::money_unit_in(max_abs, labels::chart(lang));
            (u, name.to_string())
        }
        Kind::Count if max_abs >= 1e5 => (1e4, t.wan_persons.into()),
        Kind::Count => (1.0, t.persons.into()),
        Kind::Ratio => (0.01, "%".into()),
        Kind::YuanPerYear => (1.0, t.yuan_year.into()),
        Kind::YuanPerMonth => (1.0, t.yuan_month.into()),
    }
}

/// A figure's unit in the workbook: how its cells are shown, and the
/// unit column's text.
fn cell_unit(kind: Kind) -> (Unit, &'static str) {
    match kind {
        Kind::Money => (Unit::Wan, "万元"),
        Kind::Count => (Unit::Count, "人 persons"),
        Kind::Ratio => (Unit::Rate, "%"),
        Kind::YuanPerYear => (Unit::Yuan, "元/年 yuan a year"),
        Kind::YuanPerMonth => (Unit::Yuan, "元/月 yuan a month"),
    }
}

/// backtest.csv's table as a sheet, with the figure's Chinese name and
/// its unit beside it (money in 万元, the CSV's yuan ÷ 10,000).
fn sheet(b: &Backtest, mut frame: DataFrame) -> anyhow::Result<Sheet> {
    let units: Vec<(Unit, &str)> = b.rows.iter().map(|x| cell_unit(x.figure.kind)).collect();
    frame.with_column(Column::new("figure_zh".into(), b.rows.iter().map(|x| x.figure.zh).collect::<Vec<&str>>()))?;
    frame.with_column(Column::new("unit".into(), units.iter().map(|u| u.1).collect::<Vec<&str>>()))?;
    let cols = vec![
        col("year", "年度", Unit::Year),
        col("figure", "指标", Unit::Text),
        col("observed", "实际值", Unit::PerRow),
        col("median", "预测中位数", Unit::PerRow),
        col("p5", "预测5%分位", Unit::PerRow),
        col("p95", "预测95%分位", Unit::PerRow),
        col("inside_band", "是否在5\u{2013}95%区间内", Unit::Text),
        col("error_of_median", "中位数相对误差", Unit::Share),
        col("figure_zh", "指标名称", Unit::Text),
        col("unit", "单位", Unit::Text),
    ];
    let mut sheet = Sheet::new(
        "backtest",
        "one row per observed figure and year: observed, the projection's median and 5\u{2013}95% band (backtest.csv)",
        frame,
        cols,
    );
    sheet.row_units = units.iter().map(|u| u.0).collect();
    Ok(sheet)
}

/// The workbook's README: what backtest.md says of the run.
fn readme(b: &BacktestRun) -> workbook::Readme {
    let r = b.result;
    let run = vec![
        ("场景 scenario".into(), b.scenario.to_string()),
        ("实际数据 observed".into(), b.observed_file.to_string()),
        ("叠加 overlays".into(), if b.overlays.is_empty() { "none".into() } else { b.overlays.join(", ") }),
        ("随机种子 seed".into(), b.seed.to_string()),
        ("路径数 paths".into(), b.paths.to_string()),
        (
            "年度 years".into(),
            format!("base year {} to {}", r.base_year, r.years.last().copied().unwrap_or(r.base_year)),
        ),
        ("覆盖参数 overrides".into(), if b.overrides.is_empty() { "none".into() } else { b.overrides.join("; ") }),
        ("medfund 版本 version".into(), env!("CARGO_PKG_VERSION").into()),
        ("重现命令 reproduce".into(), b.command.clone()),
    ];
    workbook::Readme {
        title: format!("medfund backtest: {} \u{2014} 回测 backtest from {}", b.scenario, r.base_year),
        run,
        assumptions: Some(b.assumptions.to_vec()),
        notes: vec!["error_of_median is (median \u{2212} observed) \u{f7} observed.".into()],
    }
}

fn write_into(dir: &Path, b: &BacktestRun) -> anyhow::Result<Vec<PathBuf>> {
    let r = b.result;
    let mut written = Vec::new();
    let mut df = frame(r)?;
    written.push(write_atomic(dir, "backtest.csv", |p| tables::write_csv(p, &mut df))?);
    charts::register_fonts()?;
    for (f, pct) in &r.fans {
        let obs: Vec<(i32, f64)> =
            r.rows.iter().filter(|x| x.figure.name == f.name).map(|x| (x.year, x.observed)).collect();
        let max_abs =
            pct.iter().flatten().flatten().chain(obs.iter().map(|o| &o.1)).fold(0.0_f64, |m, v| m.max(v.abs()));
        let (div, unit_name) = unit(f.kind, max_abs, b.lang);
        let (t, words) = (labels::backtest(b.lang), labels::chart(b.lang));
        // English charts name a figure by its key, Chinese ones as the accounts do.
        let name = if b.lang == Lang::Zh { f.zh } else { f.name };
        let fan = backtest_fan(
            (t.title)(name, b.scenario, b.seed, b.paths),
            (words.with_unit)(name, &unit_name),
            &r.years,
            pct.iter().map(|p| p.map(|p| p.map(|v| v / div))).collect(),
            obs.iter().map(|&(y, v)| (y, v / div)).collect(),
            (words.unit_is)(&unit_name),
            b.lang,
        );
        let stem = format!("backtest-{}", f.name.replace('_', "-"));
        written.push(write_atomic(dir, &format!("{stem}.png"), |p| charts::write_figure_png(p, &fan))?);
        written.push(write_atomic(dir, &format!("{stem}.svg"), |p| charts::write_figure_svg(p, &fan))?);
    }
    let (sheet, readme) = (sheet(r, df)?, readme(b));
    written.push(write_atomic(dir, "backtest.xlsx", |p| workbook::write(p, &readme, &[sheet]))?);
    let md = markdown(b);
    written.push(write_atomic(dir, "backtest.md", |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

/// `backtest.md` in `b.lang`.
fn markdown(b: &BacktestRun) -> String {
    let r = b.result;
    let t = labels::backtest_md(b.lang);
    let mut s = String::new();
    let inside = r.rows.iter().filter(|x| x.inside_band()).count();
    let _ = writeln!(s, "{}\n", (t.title)(b.scenario, r.base_year));
    let _ = writeln!(s, "{}\n", (t.intro)(b, inside));
    let _ = writeln!(s, "{}", t.header);
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---|---:|");
    for x in &r.rows {
        let k = x.figure.kind;
        let err = x.error_of_median();
        let (first, second) = if t.zh_first { (x.figure.zh, x.figure.name) } else { (x.figure.name, x.figure.zh) };
        let _ = writeln!(
            s,
            "| {} | {first} {second} | {} | {} | {} | {} | {} | {} |",
            x.year,
            show(k, x.observed),
            show(k, x.median()),
            show(k, x.pct[0]),
            show(k, x.pct[4]),
            if x.inside_band() { t.yes } else { t.no },
            if err.is_finite() { format!("{:+.1}%", 100.0 * err) } else { "\u{2014}".into() }
        );
    }
    s.push('\n');
    for (f, _) in &r.fans {
        let stem = format!("backtest-{}", f.name.replace('_', "-"));
        let _ = writeln!(s, "![{}]({stem}.png)\n", if t.zh_first { f.zh } else { f.name });
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(s, "{}\n", t.left_out);
        for k in &r.skipped {
            let _ = writeln!(s, "- {k}");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{}\n", t.csv_note);
    if !b.overrides.is_empty() {
        let _ = writeln!(s, "{}\n", t.overrides);
        for o in b.overrides {
            let _ = writeln!(s, "- `{o}`");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{}\n\n```sh\n{}\n```", t.reproduce, b.command);
    s
}
