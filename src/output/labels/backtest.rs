//! The words of `medfund backtest`'s charts and of its `backtest.md`, in
//! both languages (the one writer is `output::backtest`).

use crate::output::backtest::BacktestRun;
use crate::output::lang::Lang;

/// The words of a backtest chart.
pub struct BacktestText {
    /// The title: the figure's name, scenario, seed, paths.
    pub title: fn(&str, &str, u64, u32) -> String,
    pub subtitle: &'static str,
    pub x_title: &'static str,
    pub heading: &'static str,
    /// 5–95%, 25–75%, median, observed.
    pub entries: [&'static str; 4],
    /// A count's units: from 10,000 persons, and persons.
    pub wan_persons: &'static str,
    pub persons: &'static str,
    pub yuan_year: &'static str,
    pub yuan_month: &'static str,
}

/// The backtest chart words in `lang`.
pub fn backtest(lang: Lang) -> &'static BacktestText {
    match lang {
        Lang::En => &BACKTEST_EN,
        Lang::Zh => &BACKTEST_ZH,
    }
}

static BACKTEST_EN: BacktestText = BacktestText {
    title: |name, scenario, seed, paths| format!("{name} \u{2014} {scenario}, seed {seed}, {paths} paths"),
    subtitle: "The projection from its base year (percentiles across paths) and the figures observed later",
    x_title: "Year",
    heading: "Projection across paths",
    entries: ["5th\u{2013}95th percentile", "25th\u{2013}75th percentile", "Median", "Observed (points)"],
    wan_persons: "万人 (10,000 persons)",
    persons: "persons",
    yuan_year: "yuan a year",
    yuan_month: "yuan a month",
};

static BACKTEST_ZH: BacktestText = BacktestText {
    title: |name, scenario, seed, paths| {
        format!("{name}\u{2014}\u{2014}{}，随机种子{seed}，{paths}条模拟路径", super::zh_report::city(scenario))
    },
    subtitle: "自基期年起的预测（各模拟路径的分位数）与其后各年的实际数",
    x_title: "年份",
    heading: "各模拟路径预测分布",
    entries: ["5%\u{2013}95%分位区间", "25%\u{2013}75%分位区间", "中位数", "实际数（圆点）"],
    wan_persons: "万人",
    persons: "人",
    yuan_year: "元/年",
    yuan_month: "元/月",
};

/// The words of `backtest.md`.
pub struct BacktestMd {
    /// The title: the scenario and the base year.
    pub title: fn(&str, i32) -> String,
    /// The first paragraph: how many figures lie inside the band (given)
    /// and what was projected.
    pub intro: fn(&BacktestRun, usize) -> String,
    /// The table's header row.
    pub header: &'static str,
    /// Inside the band, and outside it.
    pub yes: &'static str,
    pub no: &'static str,
    /// Whether a figure is named in Chinese first (then its key).
    pub zh_first: bool,
    pub left_out: &'static str,
    pub csv_note: &'static str,
    pub overrides: &'static str,
    pub reproduce: &'static str,
}

/// The `backtest.md` words in `lang`.
pub fn backtest_md(lang: Lang) -> &'static BacktestMd {
    match lang {
        Lang::En => &BACKTEST_MD_EN,
        Lang::Zh => &BACKTEST_MD_ZH,
    }
}

static BACKTEST_MD_EN: BacktestMd = BacktestMd {
    title: |scenario, base| format!("# Backtest \u{2014} {scenario} from {base}"),
    intro: |b, inside| {
        let r = b.result;
        format!(
            "**{inside} of {} observed figures lie inside the projection's 5\u{2013}95% band.** The projection starts \
             in its base year {} and runs to {} over {} paths (seed {}); the figures observed after the base year \
             (`{}`) are set beside it. Nothing observed was used to set a parameter: the scenario{} is projected as it \
             is.",
            r.rows.len(),
            r.base_year,
            r.years.last().copied().unwrap_or(r.base_year),
            b.paths,
            b.seed,
            b.observed_file,
            if b.overlays.is_empty() {
                String::new()
            } else {
                format!(" with its overlay(s) {} (fitted to the base year only)", b.overlays.join(", "))
            }
        )
    },
    header: "| year | figure | observed | median | 5% | 95% | inside | error of median |",
    yes: "yes",
    no: "**no**",
    zh_first: false,
    left_out: "Left out:",
    csv_note: "`backtest.csv` has the same rows in base units (yuan, persons, fractions): \
               `year,figure,observed,median,p5,p95,inside_band,error_of_median`, the error being (median \u{2212} \
               observed) \u{f7} observed.",
    overrides: "Overrides applied (overlays first):",
    reproduce: "Reproduce:",
};

static BACKTEST_MD_ZH: BacktestMd = BacktestMd {
    title: |scenario, base| format!("# 回测：{}，自{base}年起", super::zh_report::city(scenario)),
    intro: |b, inside| {
        let r = b.result;
        let overlays = if b.overlays.is_empty() {
            String::new()
        } else {
            format!("（叠加 {}，仅按基期年拟合）", b.overlays.join("、"))
        };
        format!(
            "**{} 项实际数中有 {inside} 项落在预测的5%\u{2013}95%分位区间内。** 预测自基期年（{}年）起至{}年，共{}条模拟路径\
             （随机种子{}）；基期年之后的实际数（`{}`）与之对照。参数设定未使用任何基期年之后的实际数：场景{overlays}\
             按原样预测。",
            r.rows.len(),
            r.base_year,
            r.years.last().copied().unwrap_or(r.base_year),
            b.paths,
            b.seed,
            b.observed_file,
        )
    },
    header: "| 年度 | 指标 | 实际数 | 预测中位数 | 5%分位 | 95%分位 | 是否在区间内 | 中位数相对误差 |",
    yes: "是",
    no: "**否**",
    zh_first: true,
    left_out: "未纳入对照：",
    csv_note: "`backtest.csv` 以基本单位（元、人、比例）列出同样各行：\
               `year,figure,observed,median,p5,p95,inside_band,error_of_median`，相对误差为（中位数 \u{2212} 实际数）\u{f7} 实际数。",
    overrides: "参数覆盖（叠加文件在先）：",
    reproduce: "重现命令：",
};
