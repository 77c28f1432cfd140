//! The words of `medfund backtest`'s charts, in both languages. The
//! Chinese `backtest.md` is written by `zh_backtest`, the English by
//! `output::backtest`.

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
