//! `medfund sensitivity` outputs: `sensitivity.csv` (the baseline, then
//! each assumption's low and high end, largest effect first), the tornado
//! chart (`tornado.png`, `tornado.svg`), `sensitivity.md` tying them
//! together, and `sensitivity.xlsx` (a README sheet, the table, the
//! documented ranges and their reasons).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use medfund_analysis::sensitivity::Sensitivity;
use polars::prelude::*;

use super::charts::{self, tornado};
use super::files::{write_atomic, write_staged};
use super::lang::Lang;
use super::tables;
use super::workbook::{self, Col, Sheet, Unit, col};

/// One documented range (`[[projection.sensitivity]]`), in the scenario's
/// order.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub key: String,
    pub low: f64,
    pub high: f64,
    pub reason: String,
    /// The scenario's own value of the key (`None` where it names no
    /// single number).
    pub current: Option<f64>,
}

/// What the sensitivity run was, for the outputs.
pub struct SensitivityRun<'a> {
    pub scenario: &'a str,
    pub scenario_hash: &'a str,
    pub seed: u64,
    pub paths: u32,
    pub years: &'a [i32],
    pub overrides: &'a [String],
    pub ranges: &'a [Range],
    pub analysis: &'a Sensitivity,
    /// The command line that reproduces the run.
    pub command: String,
    /// The scenario's assumptions (parameter key, reason).
    pub assumptions: Option<&'a [(String, String)]>,
    /// The language of sensitivity.md and the tornado chart (`--lang`).
    pub lang: Lang,
}

impl SensitivityRun<'_> {
    /// The scenario's own value of `key`, if known.
    pub fn current(&self, key: &str) -> Option<f64> {
        self.ranges.iter().find(|r| r.key == key).and_then(|r| r.current)
    }
}

/// Write the sensitivity outputs into the folder `out`, whole or not at
/// all (`files::write_staged`); returns the files written.
pub fn write_sensitivity(out: &Path, s: &SensitivityRun) -> anyhow::Result<Vec<PathBuf>> {
    write_staged(out, &[], |dir| write_into(dir, s))
}

fn write_into(dir: &Path, s: &SensitivityRun) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let mut frame = table_frame(s)?;
    written.push(write_atomic(dir, "sensitivity.csv", |p| tables::write_csv(p, &mut frame))?);
    charts::register_fonts()?;
    let t = tornado::of(s);
    written.push(write_atomic(dir, "tornado.png", |p| charts::write_figure_png(p, &t))?);
    written.push(write_atomic(dir, "tornado.svg", |p| charts::write_figure_svg(p, &t))?);
    let sheets = vec![
        Sheet::new(
            "sensitivity",
            "the baseline, then each assumption at the low and the high end of its range, largest effect first \
             (sensitivity.csv)",
            table_frame(s)?,
            table_cols(),
        ),
        Sheet::new(
            "ranges",
            "the documented range of each assumption and why ([[projection.sensitivity]] of the scenario)",
            ranges_frame(s.ranges)?,
            vec![
                col("key", "参数", Unit::Text),
                col("low", "下限", Unit::Plain),
                col("high", "上限", Unit::Plain),
                col("scenario_value", "场景取值", Unit::Plain),
                col("reason", "依据", Unit::Text),
            ],
        ),
    ];
    let readme = readme(s);
    written.push(write_atomic(dir, "sensitivity.xlsx", |p| workbook::write(p, &readme, &sheets))?);
    let md = match s.lang {
        Lang::En => markdown(s),
        Lang::Zh => super::labels::zh_sensitivity::markdown(s),
    };
    written.push(write_atomic(dir, "sensitivity.md", |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

/// `sensitivity.csv`: a row for the baseline, then per assumption its low
/// and its high end.
fn table_frame(s: &SensitivityRun) -> anyhow::Result<DataFrame> {
    let a = s.analysis;
    let b = &a.baseline.metrics;
    let mut key = vec!["baseline".to_string()];
    let mut end: Vec<Option<&str>> = vec![None];
    let mut value: Vec<Option<f64>> = vec![None];
    let mut current: Vec<Option<f64>> = vec![None];
    let mut p_dry = vec![b.p_depletion];
    let mut d_dry = vec![0.0];
    let mut se_dry = vec![0.0];
    let mut first: Vec<Option<i32>> = vec![b.median_first_depletion];
    let finite = |v: f64| v.is_finite().then_some(v);
    let mut months = vec![finite(b.median_final_months)];
    let mut d_months = vec![Some(0.0)];
    let mut se_months = vec![0.0];
    for r in &a.rows {
        for (name, e) in [("low", &r.low), ("high", &r.high)] {
            let m = &e.arm.metrics;
            key.push(r.key.clone());
            end.push(Some(name));
            value.push(Some(e.arm.value));
            current.push(s.current(&r.key));
            p_dry.push(m.p_depletion);
            d_dry.push(e.d_dry);
            se_dry.push(e.se_dry);
            first.push(m.median_first_depletion);
            months.push(finite(m.median_final_months));
            d_months.push(finite(e.d_months));
            se_months.push(e.se_months);
        }
    }
    let n = key.len();
    let cols = vec![
        Column::new("key".into(), key),
        Column::new("end".into(), end),
        Column::new("value".into(), value),
        Column::new("scenario_value".into(), current),
        Column::new("p_dry".into(), p_dry),
        Column::new("d_p_dry".into(), d_dry),
        Column::new("se_d_p_dry".into(), se_dry),
        Column::new("median_first_depletion".into(), first),
        Column::new("median_final_months".into(), months),
        Column::new("d_median_final_months".into(), d_months),
        Column::new("se_d_final_months_paired_mean".into(), se_months),
    ];
    Ok(DataFrame::new(n, cols)?)
}

fn table_cols() -> Vec<Col> {
    vec![
        col("key", "参数", Unit::Text),
        col("end", "端点", Unit::Text),
        col("value", "取值", Unit::Plain),
        col("scenario_value", "场景取值", Unit::Plain),
        col("p_dry", "累计结余出现赤字的概率", Unit::Share),
        col("d_p_dry", "赤字概率变化", Unit::Share),
        col("se_d_p_dry", "赤字概率变化的标准误", Unit::Share),
        col("median_first_depletion", "首次穿底年度中位数", Unit::Year),
        col("median_final_months", "末年可支付月数中位数", Unit::Months),
        col("d_median_final_months", "末年可支付月数中位数变化", Unit::Months),
        col("se_d_final_months_paired_mean", "可支付月数配对均值差的标准误", Unit::Months),
    ]
}

fn ranges_frame(ranges: &[Range]) -> anyhow::Result<DataFrame> {
    let cols = vec![
        Column::new("key".into(), ranges.iter().map(|r| r.key.as_str()).collect::<Vec<_>>()),
        Column::new("low".into(), ranges.iter().map(|r| r.low).collect::<Vec<f64>>()),
        Column::new("high".into(), ranges.iter().map(|r| r.high).collect::<Vec<f64>>()),
        Column::new("scenario_value".into(), ranges.iter().map(|r| r.current).collect::<Vec<Option<f64>>>()),
        Column::new("reason".into(), ranges.iter().map(|r| r.reason.as_str()).collect::<Vec<_>>()),
    ];
    Ok(DataFrame::new(ranges.len(), cols)?)
}

fn years_text(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) => format!("{a}\u{2013}{b} ({} years)", years.len()),
        _ => "no years".into(),
    }
}

fn ranked_by(a: &Sensitivity) -> &'static str {
    if a.by_dry {
        "P(running dry): the larger of the two ends' |change|"
    } else {
        "the median months of payment at the horizon (no path runs dry in any run): the larger |change|"
    }
}

/// How the standard errors are computed, in one sentence.
const SE_NOTE: &str = "Standard errors from the paired paths (the same seed in every run): for P(running dry), sd of \
                       the per-path differences of the 0/1 indicators / \u{221a}paths; for the months, that of the \
                       paired mean difference. The median first year of depletion has none.";

fn readme(s: &SensitivityRun) -> workbook::Readme {
    let run = vec![
        ("场景 scenario".into(), s.scenario.to_string()),
        ("场景指纹 scenario hash".into(), s.scenario_hash.to_string()),
        ("基金 fund".into(), "职工医保统筹基金 employee pooled fund".into()),
        ("随机种子 seed".into(), format!("{} (the same random numbers in every run)", s.seed)),
        ("路径数 paths".into(), format!("{} per run", s.paths)),
        ("年度 years".into(), years_text(s.years)),
        ("排序 ranking".into(), ranked_by(s.analysis).into()),
        ("覆盖参数 overrides".into(), if s.overrides.is_empty() { "none".into() } else { s.overrides.join("; ") }),
        ("medfund 版本 version".into(), env!("CARGO_PKG_VERSION").into()),
        ("重现命令 reproduce".into(), s.command.clone()),
    ];
    workbook::Readme {
        title: format!("medfund sensitivity: {} \u{2014} 敏感性分析 sensitivity analysis", s.scenario),
        run,
        assumptions: s.assumptions.map(<[_]>::to_vec),
        notes: vec![
            "Each assumption is moved to the low and the high end of the range the scenario documents, one at a time; \
             every other parameter stays as the scenario has it."
                .into(),
            SE_NOTE.into(),
            "The tornado chart (tornado.png, tornado.svg) draws the sensitivity sheet.".into(),
        ],
    }
}

/// A first year of depletion, or `never`.
fn year(y: Option<i32>, never: &str) -> String {
    y.map_or_else(|| never.into(), |y| y.to_string())
}

/// The rows of `sensitivity.md`'s table: each assumption's `ends` (low,
/// high), a median path that never runs dry written `never`.
pub(crate) fn md_rows(o: &mut String, a: &Sensitivity, never: &str, ends: [&str; 2]) {
    for r in &a.rows {
        for (name, e) in ends.iter().zip([&r.low, &r.high]) {
            let _ = writeln!(
                o,
                "| {} | {name} | {} | {:+.3} ± {:.3} | {} | {:+.1} ± {:.1} | {} |",
                r.key,
                e.arm.value,
                e.d_dry,
                e.se_dry,
                year(e.arm.metrics.median_first_depletion, never),
                e.d_months,
                e.se_months,
                r.reason,
            );
        }
    }
}

fn markdown(s: &SensitivityRun) -> String {
    let a = s.analysis;
    let mut o = format!("# medfund sensitivity: {}\n\n", s.scenario);
    let _ = writeln!(
        o,
        "{} paths \u{d7} {} of the employee fund per run, seed {}, the same random numbers in every run. Scenario \
         hash `{}`.\n",
        s.paths,
        years_text(s.years),
        s.seed,
        s.scenario_hash
    );
    let _ = writeln!(o, "To reproduce:\n\n```sh\n{}\n```\n", s.command);
    let b = &a.baseline.metrics;
    let _ = writeln!(
        o,
        "Baseline: P(running dry) {:.3}, median first year of depletion {}, median 累计结余可支付月数 at the horizon \
         {:.1}.\n",
        b.p_depletion,
        year(b.median_first_depletion, "never"),
        b.median_final_months
    );
    let _ = writeln!(o, "Ranked by {}. {SE_NOTE}\n", ranked_by(a));
    o.push_str(
        "| Assumption | End | Value | ΔP(dry) ± SE | First depletion | Δ months ± SE | Reason |\n\
         |---|---|---|---|---|---|---|\n",
    );
    md_rows(&mut o, a, "never", ["low", "high"]);
    let _ = writeln!(o, "\n## Tornado chart ([SVG](tornado.svg))\n\n![Tornado chart](tornado.png)\n");
    let _ = writeln!(o, "The same table, the ranges and a README: `sensitivity.xlsx`.");
    o
}
