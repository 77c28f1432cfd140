//! `medfund stress` outputs: `stress.csv` (one row per grid cell), a
//! heatmap per metric (PNG and SVG; for a grid of one axis, a line chart
//! of the metric against the axis with its Monte Carlo band), each marking
//! the current scenario where it is known, `solve.csv` when a target was solved
//! for, `stress.md` tying them together, and `stress.xlsx` (a README sheet,
//! then the cells and the solver's answer).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use medfund_analysis::stress::{ALIASES, Axis, Cell, Metrics, Solution, toml_number};
use polars::prelude::*;

use super::charts::{self, CurrentMark, Heatmap, Lines, YKind};
use super::files::{write_atomic, write_staged};
use super::labels;
use super::lang::Lang;
use super::tables;
use super::workbook::{self, Col, Sheet, Unit, col};

/// What the stress run was, for the report.
pub struct StressRun<'a> {
    pub scenario: &'a str,
    pub scenario_hash: &'a str,
    pub seed: u64,
    pub paths: u32,
    pub years: &'a [i32],
    pub overrides: &'a [String],
    pub axes: &'a [Axis],
    pub cells: &'a [Cell],
    pub solution: Option<&'a Solution>,
    /// The command line that reproduces the run.
    pub command: String,
    /// The scenario's assumptions (parameter key, reason); `None` where
    /// they are not known (a merge of stress shards that do not carry them).
    pub assumptions: Option<&'a [(String, String)]>,
    /// The scenario's own value of each axis (`None` for an axis that
    /// names no single number), marked on the charts; `None` where not
    /// known (a merge of stress shards written before they carried it).
    pub current: Option<&'a [Option<f64>]>,
    /// The language of stress.md and the charts (`--lang`).
    pub lang: Lang,
}

pub(super) struct MetricDef {
    pub(super) column: &'static str,
    /// The metric's place in `labels::StressText::titles`.
    index: usize,
    get: fn(&Metrics) -> f64,
    format: fn(f64) -> String,
    badness: fn(f64, f64) -> f64,
    kind: YKind,
    /// The Monte Carlo band of a cell's value over `paths` paths, where
    /// there is one.
    band: fn(f64, u32) -> Option<(f64, f64)>,
}

/// A probability p over n paths: p ± 1.96 √(p(1−p)/n) (binomial standard
/// error), within [0, 1].
fn share_band(p: f64, n: u32) -> Option<(f64, f64)> {
    if !p.is_finite() || n == 0 {
        return None;
    }
    let se = (p * (1.0 - p) / f64::from(n)).sqrt();
    Some(((p - 1.96 * se).max(0.0), (p + 1.96 * se).min(1.0)))
}

/// The medians have no band: a cell keeps only its median (`Metrics`), not
/// the paths' values that a distribution-free (binomial order-statistic)
/// band would be read from; the chart says so.
fn no_band(_: f64, _: u32) -> Option<(f64, f64)> {
    None
}

pub(super) fn pct(v: f64) -> String {
    if v.is_finite() { format!("{:.0}%", v * 100.0) } else { String::new() }
}
pub(super) fn months(v: f64) -> String {
    if v.is_finite() { format!("{v:.1}") } else { "\u{221e}".into() }
}
pub(super) fn rate(v: f64) -> String {
    if v.is_finite() { format!("{:.2}%", v * 100.0) } else { String::new() }
}
pub(super) fn year(v: f64) -> String {
    if v.is_finite() { format!("{v:.0}") } else { "never".into() }
}
fn year_zh(v: f64) -> String {
    if v.is_finite() { format!("{v:.0}") } else { labels::stress(Lang::Zh).never.into() }
}

impl MetricDef {
    /// The metric's title in `lang`.
    pub(super) fn title(&self, lang: Lang) -> &'static str {
        labels::stress(lang).titles[self.index]
    }

    /// How a value reads in a heatmap's cell, in `lang`.
    fn format_in(&self, lang: Lang) -> fn(f64) -> String {
        if lang == Lang::Zh && self.kind == YKind::Year { year_zh } else { self.format }
    }
}

pub(super) const METRICS: [MetricDef; 5] = [
    MetricDef {
        column: "p_months6_every_year",
        index: 0,
        get: |m| m.p_months6_every_year,
        format: pct,
        badness: |v, _| 1.0 - v,
        kind: YKind::Share,
        band: share_band,
    },
    MetricDef {
        column: "p_months3_every_year",
        index: 1,
        get: |m| m.p_months3_every_year,
        format: pct,
        badness: |v, _| 1.0 - v,
        kind: YKind::Share,
        band: share_band,
    },
    MetricDef {
        column: "p_depletion",
        index: 2,
        get: |m| m.p_depletion,
        format: pct,
        badness: |v, _| v,
        kind: YKind::Share,
        band: share_band,
    },
    MetricDef {
        column: "median_first_depletion",
        index: 3,
        get: |m| m.median_first_depletion.map_or(f64::INFINITY, f64::from),
        format: year,
        badness: |v, _| if v.is_finite() { 0.8 } else { 0.0 },
        kind: YKind::Year,
        band: no_band,
    },
    MetricDef {
        column: "median_final_months",
        index: 4,
        get: |m| m.median_final_months,
        format: months,
        // Below 3 months is bad, 6–15 good.
        badness: |v, _| if !v.is_finite() { 0.0 } else { ((9.0 - v) / 9.0).clamp(0.0, 1.0) },
        kind: YKind::Number,
        band: no_band,
    },
];

pub(super) fn stem(column: &str) -> String {
    format!("stress_{column}")
}

/// Write the stress outputs into the folder `out`, whole or not at all
/// (`files::write_staged`; those of `carry` in `out`, a merge's stress
/// shard files, kept); returns the files written.
pub fn write_stress(out: &Path, s: &StressRun, carry: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    write_staged(out, carry, |dir| write_stress_into(dir, s))
}

fn write_stress_into(dir: &Path, s: &StressRun) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    if !s.cells.is_empty() {
        let mut frame = cells_frame(s.axes, s.cells)?;
        written.push(write_atomic(dir, "stress.csv", |p| tables::write_csv(p, &mut frame))?);
        charts::register_fonts()?;
        for m in &METRICS {
            let st = stem(m.column);
            if s.axes.len() == 1 {
                let l = lines(s, m);
                written.push(write_atomic(dir, &format!("{st}.png"), |p| charts::write_figure_png(p, &l))?);
                written.push(write_atomic(dir, &format!("{st}.svg"), |p| charts::write_figure_svg(p, &l))?);
            } else {
                let h = heatmap(s, m);
                written.push(write_atomic(dir, &format!("{st}.png"), |p| charts::write_figure_png(p, &h))?);
                written.push(write_atomic(dir, &format!("{st}.svg"), |p| charts::write_figure_svg(p, &h))?);
            }
        }
    }
    let mut sheets = Vec::new();
    if !s.cells.is_empty() {
        let mut cols: Vec<Col> = s.axes.iter().map(|a| col(a.key.as_str(), "", Unit::Plain)).collect();
        cols.extend(metric_cols());
        let about = "one row per grid cell: the axes' values, then the cell's metrics (stress.csv)";
        sheets.push(Sheet::new("cells", about, cells_frame(s.axes, s.cells)?, cols));
    }
    if let Some(sol) = s.solution {
        let mut frame = solution_frame(sol)?;
        written.push(write_atomic(dir, "solve.csv", |p| tables::write_csv(p, &mut frame))?);
        let mut cols = vec![
            col("row", "行", Unit::Text),
            col(sol.key.as_str(), "", Unit::Plain),
            col("target", "目标", Unit::Text),
            col("meets_target", "是否达标", Unit::Text),
            col("standard_error", "标准误", Unit::Rate),
        ];
        cols.extend(metric_cols());
        let about = "the solved value: the lowest on the grid that meets the target, and one step lower (solve.csv)";
        sheets.push(Sheet::new("solve", about, frame, cols));
    }
    let readme = readme(s);
    written.push(write_atomic(dir, "stress.xlsx", |p| workbook::write(p, &readme, &sheets))?);
    let md = match s.lang {
        Lang::En => markdown(s),
        Lang::Zh => labels::zh_stress::markdown(s),
    };
    written.push(write_atomic(dir, "stress.md", |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

fn metric_columns(cols: &mut Vec<Column>, ms: &[&Metrics]) {
    let f = |name: &str, g: &dyn Fn(&Metrics) -> Option<f64>| {
        Column::new(name.into(), ms.iter().map(|m| g(m)).collect::<Vec<Option<f64>>>())
    };
    cols.push(Column::new("paths".into(), ms.iter().map(|m| m.paths).collect::<Vec<u32>>()));
    cols.push(f("p_months6_every_year", &|m| Some(m.p_months6_every_year)));
    cols.push(f("p_months3_every_year", &|m| Some(m.p_months3_every_year)));
    cols.push(f("p_depletion", &|m| Some(m.p_depletion)));
    cols.push(Column::new(
        "median_first_depletion".into(),
        ms.iter().map(|m| m.median_first_depletion).collect::<Vec<Option<i32>>>(),
    ));
    cols.push(f("median_final_months", &|m| m.median_final_months.is_finite().then_some(m.median_final_months)));
    cols.push(f("general_average_premium", &|m| Some(m.general_average_premium)));
    cols.push(f("current_rate", &|m| Some(m.current_rate)));
}

/// The workbook's columns of `metric_columns`.
fn metric_cols() -> Vec<Col> {
    vec![
        col("paths", "路径数", Unit::Count),
        col("p_months6_every_year", "每年可支付月数不低于6个月的概率", Unit::Share),
        col("p_months3_every_year", "每年可支付月数不低于3个月的概率", Unit::Share),
        col("p_depletion", "累计结余出现赤字的概率", Unit::Share),
        col("median_first_depletion", "首次穿底年度中位数", Unit::Year),
        col("median_final_months", "末年可支付月数中位数", Unit::Months),
        col("general_average_premium", "一般平均费率", Unit::Rate),
        col("current_rate", "现行费率", Unit::Rate),
    ]
}

/// The workbook's README: what stress.md says of the run.
fn readme(s: &StressRun) -> workbook::Readme {
    let years = match (s.years.first(), s.years.last()) {
        (Some(a), Some(b)) => format!("{a}\u{2013}{b} ({} years)", s.years.len()),
        _ => "no years".into(),
    };
    let mut run: Vec<(String, String)> = vec![
        ("场景 scenario".into(), s.scenario.to_string()),
        ("场景指纹 scenario hash".into(), s.scenario_hash.to_string()),
        ("基金 fund".into(), "职工医保统筹基金 employee pooled fund".into()),
        ("随机种子 seed".into(), format!("{} (the same random numbers in every cell)", s.seed)),
        ("路径数 paths".into(), format!("{} per cell", s.paths)),
        ("年度 years".into(), years),
        ("网格 grid".into(), s.axes.iter().map(|a| a.key.as_str()).collect::<Vec<_>>().join(" × ")),
        ("覆盖参数 overrides".into(), if s.overrides.is_empty() { "none".into() } else { s.overrides.join("; ") }),
    ];
    if let Some(cur) = s.current {
        let vals: Vec<String> = s
            .axes
            .iter()
            .zip(cur)
            .map(|(a, v)| format!("{} {}", a.key, v.map_or_else(|| "(not a single number)".into(), toml_number)))
            .collect();
        run.push(("当前场景 current scenario".into(), format!("{} (marked on the charts)", vals.join("; "))));
    }
    run.extend([
        ("medfund 版本 version".into(), env!("CARGO_PKG_VERSION").into()),
        ("重现命令 reproduce".into(), s.command.clone()),
    ]);
    let notes = match s.assumptions {
        Some(_) => Vec::new(),
        None => vec![
            "Merged from stress shards that do not record the scenario's assumptions: report.md of a \
                      simulate run of the same scenario lists them."
                .into(),
        ],
    };
    workbook::Readme {
        title: format!("medfund stress: {} \u{2014} 压力测试 stress test", s.scenario),
        run,
        assumptions: s.assumptions.map(<[_]>::to_vec),
        notes,
    }
}

fn cells_frame(axes: &[Axis], cells: &[Cell]) -> anyhow::Result<DataFrame> {
    let mut cols: Vec<Column> = axes
        .iter()
        .enumerate()
        .map(|(i, a)| Column::new(a.key.as_str().into(), cells.iter().map(|c| c.values[i]).collect::<Vec<f64>>()))
        .collect();
    let ms: Vec<&Metrics> = cells.iter().map(|c| &c.metrics).collect();
    metric_columns(&mut cols, &ms);
    Ok(DataFrame::new(cells.len(), cols)?)
}

fn solution_frame(s: &Solution) -> anyhow::Result<DataFrame> {
    let mut rows: Vec<(&str, f64, &Metrics)> = vec![("answer", s.value, &s.metrics)];
    if let Some((v, m)) = &s.below {
        rows.push(("one_step_lower", *v, m));
    }
    let mut cols = vec![
        Column::new("row".into(), rows.iter().map(|r| r.0).collect::<Vec<&str>>()),
        Column::new(s.key.as_str().into(), rows.iter().map(|r| r.1).collect::<Vec<f64>>()),
        Column::new("target".into(), rows.iter().map(|_| s.target.to_string()).collect::<Vec<String>>()),
        Column::new("meets_target".into(), rows.iter().map(|r| s.target.met(r.2)).collect::<Vec<bool>>()),
        Column::new(
            "standard_error".into(),
            rows.iter().enumerate().map(|(i, _)| (i == 0).then_some(s.standard_error)).collect::<Vec<Option<f64>>>(),
        ),
    ];
    let ms: Vec<&Metrics> = rows.iter().map(|r| r.2).collect();
    metric_columns(&mut cols, &ms);
    Ok(DataFrame::new(rows.len(), cols)?)
}

/// Columns: the first axis; rows: every combination of the others.
fn heatmap(s: &StressRun, m: &MetricDef) -> Heatmap {
    let first = &s.axes[0];
    let nx = first.values.len();
    let ny = s.cells.len() / nx.max(1);
    // Cells run with the first axis slowest: cell (x, y) is x × ny + y.
    let rest = &s.axes[1..];
    let y_labels: Vec<String> = (0..ny)
        .map(|y| {
            if rest.is_empty() {
                String::new()
            } else {
                rest.iter()
                    .enumerate()
                    .map(|(k, a)| format!("{} {}", a.key, toml_number(s.cells[y].values[k + 1])))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        })
        .collect();
    let values: Vec<Vec<f64>> =
        (0..ny).map(|y| (0..nx).map(|x| (m.get)(&s.cells[x * ny + y].metrics)).collect()).collect();
    let max = values.iter().flatten().copied().filter(|v| v.is_finite()).fold(0.0, f64::max);
    let t = labels::stress(s.lang);
    Heatmap {
        title: m.title(s.lang).to_string(),
        subtitle: subtitle(s),
        x_title: (t.axis)(&first.key),
        x_labels: first.values.iter().map(|v| toml_number(*v)).collect(),
        y_labels,
        values,
        format: m.format_in(s.lang),
        badness: m.badness,
        max,
        legend: (t.heat_legend)(s.cells.len(), s.paths),
        current: current_mark(s, ny),
        lang: s.lang,
    }
}

pub(super) fn subtitle(s: &StressRun) -> String {
    let first = s.years.first().copied().unwrap_or_default();
    (labels::stress(s.lang).subtitle)(s.scenario, s.paths, s.years.len(), first, s.seed)
}

/// Where the current scenario is on the heatmap: the first axis's column
/// and the row of the others' values, when they are on the grid.
fn current_mark(s: &StressRun, ny: usize) -> Option<CurrentMark> {
    let cur = s.current?;
    let same = |a: f64, b: Option<f64>| b.is_some_and(|b| (a - b).abs() < 1e-9);
    let column = s.axes[0].values.iter().position(|v| same(*v, cur[0]));
    let row = (s.axes.len() > 1)
        .then(|| {
            (0..ny).find(|&y| s.axes[1..].iter().enumerate().all(|(k, _)| same(s.cells[y].values[k + 1], cur[k + 1])))
        })
        .flatten();
    let axes =
        s.axes.iter().zip(cur).map(|(a, v)| (a.key.clone(), *v, a.values.iter().any(|x| same(*x, *v)))).collect();
    Some(CurrentMark { column, row, axes })
}

/// A one-axis grid: the metric against the axis value, with its band.
fn lines(s: &StressRun, m: &MetricDef) -> Lines {
    let axis = &s.axes[0];
    let ys: Vec<f64> = s.cells.iter().map(|c| (m.get)(&c.metrics)).collect();
    let never = m.column == "median_first_depletion" && ys.iter().any(|v| !v.is_finite());
    let t = labels::stress(s.lang);
    Lines {
        title: m.title(s.lang).to_string(),
        subtitle: subtitle(s),
        x_title: (t.axis)(&axis.key),
        y_desc: t.y_desc[m.index].to_string(),
        xs: s.cells.iter().map(|c| c.values[0]).collect(),
        band: s.cells.iter().zip(&ys).map(|(c, v)| (m.band)(*v, c.metrics.paths)).collect(),
        ys,
        kind: m.kind,
        current: s.current.and_then(|c| c[0]),
        note: [(t.lines_note)(s.cells.len(), s.paths)]
            .into_iter()
            .chain(never.then_some(t.never_note).into_iter().flatten().map(String::from))
            .collect(),
        lang: s.lang,
    }
}

/// `stress.md`'s grid, one row a cell, and its charts' list, in `s.lang`
/// (nothing without cells).
pub(crate) fn grid_section(w: &mut String, s: &StressRun) {
    if s.cells.is_empty() {
        return;
    }
    let t = labels::stress_md(s.lang);
    let _ = writeln!(w, "## {}\n", t.grid);
    let keys: Vec<String> = s.axes.iter().map(|a| (t.key)(&a.key)).collect();
    let _ = writeln!(w, "| {} | {} |", keys.join(" | "), t.columns);
    let _ = writeln!(w, "|{}", "---:|".repeat(keys.len() + 7));
    let never = labels::stress(s.lang).never;
    for c in s.cells {
        let m = &c.metrics;
        let vals: Vec<String> = c.values.iter().map(|v| toml_number(*v)).collect();
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            vals.join(" | "),
            pct(m.p_months6_every_year),
            pct(m.p_months3_every_year),
            pct(m.p_depletion),
            m.median_first_depletion.map_or(never.into(), |y| y.to_string()),
            months(m.median_final_months),
            rate(m.general_average_premium),
            rate(m.current_rate)
        );
    }
    let _ = writeln!(w, "\n## {}\n", if s.axes.len() == 1 { t.line_charts } else { t.heatmaps });
    let (open, close) = t.brackets;
    for m in &METRICS {
        let (st, title) = (stem(m.column), m.title(s.lang));
        let _ = writeln!(w, "{title}{open}[SVG]({st}.svg){close}\n\n![{title}]({st}.png)\n");
    }
}

fn markdown(s: &StressRun) -> String {
    let mut md = String::new();
    let w = &mut md;
    let _ = writeln!(w, "# medfund stress test: {}\n", s.scenario);
    let _ = writeln!(
        w,
        "{} paths \u{d7} {} years ({}\u{2013}{}) of the employee fund per cell, seed {}, the same random numbers in \
         every cell (common random numbers). Scenario hash `{}`.\n",
        s.paths,
        s.years.len(),
        s.years.first().copied().unwrap_or_default(),
        s.years.last().copied().unwrap_or_default(),
        s.seed,
        s.scenario_hash
    );
    let _ = writeln!(w, "To reproduce:\n\n```sh\n{}\n```\n", s.command);
    if !s.overrides.is_empty() {
        let _ = writeln!(
            w,
            "Overrides in every cell: {}\n",
            s.overrides.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
        );
    }
    if let Some(sol) = s.solution {
        let _ = writeln!(w, "## Solved\n");
        let _ = writeln!(
            w,
            "The lowest `{}` on the grid that meets `{}` is **{}**: there the probability is {:.3} (Monte Carlo \
             standard error {:.3} over {} paths).",
            sol.key,
            sol.target,
            toml_number(sol.value),
            sol.target.metric.of(&sol.metrics),
            sol.standard_error,
            sol.metrics.paths
        );
        match &sol.below {
            Some((v, m)) => {
                let _ = writeln!(
                    w,
                    "One step lower, at {}, it is {:.3}: the target is missed. ({} cells evaluated by bisection.)\n",
                    toml_number(*v),
                    sol.target.metric.of(m),
                    sol.evaluations
                );
            }
            None => {
                let _ = writeln!(w, "It is the bottom of the range searched; lower values were not tried.\n");
            }
        }
        let _ = writeln!(
            w,
            "General average premium at the answer: {} of the contribution base (charged: {}).\n",
            rate(sol.metrics.general_average_premium),
            rate(sol.metrics.current_rate)
        );
    }
    grid_section(w, s);
    let _ = writeln!(w, "## Reading the figures\n");
    let _ = writeln!(
        w,
        "- The general average premium is the constant total contribution rate (employer and employee together, \
         as a share of the contribution base) whose present value, with the opening balance and the other income \
         (lump sums, per-head fees), pays the present value of the pooled fund's outflow and the personal-account \
         credits over the horizon, discounted at the economy's mean interest rate; `current_rate` is the same ratio \
         for what the scenario charges. Means across paths."
    );
    let _ = writeln!(
        w,
        "- A probability of p over n paths has a Monte Carlo standard error of \u{221a}(p(1\u{2212}p)/n); between \
         cells the error is much smaller than that (common random numbers)."
    );
    let aliases: Vec<String> = ALIASES.iter().map(|(k, v)| format!("`{k}`: {v}")).collect();
    if s.axes.len() == 1 && !s.cells.is_empty() {
        let _ = writeln!(
            w,
            "- One axis: each metric is drawn against the axis value; the probabilities with a band of \u{b1}1.96 \
             Monte Carlo standard errors, the medians without one (a cell keeps only its median)."
        );
    }
    if let Some(cur) = s.current.filter(|_| !s.cells.is_empty()) {
        let vals: Vec<String> = s
            .axes
            .iter()
            .zip(cur)
            .map(|(a, v)| format!("`{}` {}", a.key, v.map_or_else(|| "(not a single number)".into(), toml_number)))
            .collect();
        let _ = writeln!(
            w,
            "- The current scenario ({}) is marked on every chart: {}.",
            vals.join(", "),
            if s.axes.len() == 1 { "a dashed vertical line" } else { "its cell outlined, where it is on the grid" }
        );
    }
    let _ = writeln!(w, "- Short axis names: {}.", aliases.join("; "));
    md
}
