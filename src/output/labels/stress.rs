//! The words of `medfund stress`'s charts (the heatmaps and the one-axis
//! line charts) and of `stress.md`'s grid, in both languages. The grid
//! and its charts' list are written by `output::stress` for both; the
//! prose around them by `output::stress` (English) and `zh_stress`.

use crate::output::lang::Lang;

/// The words of the stress charts.
pub struct StressText {
    /// The metrics' titles, in `output::stress::METRICS` order.
    pub titles: [&'static str; 5],
    /// The line charts' y axes, in the same order.
    pub y_desc: [&'static str; 5],
    /// A median path that never runs dry, in a cell.
    pub never: &'static str,
    /// The subtitle: scenario, paths, years, first year, seed.
    pub subtitle: fn(&str, u32, usize, i32, u64) -> String,
    /// An axis's title from its key.
    pub axis: fn(&str) -> String,
    /// The heatmap's legend lines: cells, paths a cell.
    pub heat_legend: fn(usize, u32) -> Vec<String>,
    /// The line chart's note: cells, paths a cell.
    pub lines_note: fn(usize, u32) -> String,
    /// The line chart's note when no median path runs dry.
    pub never_note: [&'static str; 2],
    pub colour: &'static str,
    pub better: &'static str,
    pub worse: &'static str,
    pub current: &'static str,
    /// The heatmap's: the current value is not on the grid.
    pub not_on_grid: &'static str,
    /// An axis value that is not a single number.
    pub not_a_number: &'static str,
    pub heading: &'static str,
    pub value: &'static str,
    pub band: &'static str,
    pub no_band: [&'static str; 3],
    /// The line chart's: outside the grid's range, between its values.
    pub off_grid: &'static str,
    pub between: &'static str,
}

/// The stress chart words in `lang`.
pub fn stress(lang: Lang) -> &'static StressText {
    match lang {
        Lang::En => &STRESS_EN,
        Lang::Zh => &STRESS_ZH,
    }
}

static STRESS_EN: StressText = StressText {
    titles: [
        "P(months of payment \u{2265} 6 in every year)",
        "P(months of payment \u{2265} 3 in every year)",
        "P(balance < 0 in some year)",
        "Median first year of depletion",
        "Median months of payment in the last year",
    ],
    y_desc: ["Share of paths (%)", "Share of paths (%)", "Share of paths (%)", "Year", "Months of payment (months)"],
    never: "never",
    subtitle: |scenario, paths, years, first, seed| {
        format!(
            "{scenario}: {paths} paths \u{d7} {years} years from {first}, seed {seed}; common random numbers across cells"
        )
    },
    axis: |key| key.to_string(),
    heat_legend: |cells, paths| {
        vec![
            format!("{cells} cells"),
            format!("{paths} paths each"),
            "The same seed in every cell:".into(),
            "differences come from the".into(),
            "grid, not from chance.".into(),
        ]
    },
    lines_note: |cells, paths| format!("{cells} cells, {paths} paths each."),
    never_note: ["No point where the median", "path never runs dry."],
    colour: "Colour",
    better: "better",
    worse: "worse",
    current: "current scenario",
    not_on_grid: "(not on the grid)",
    not_a_number: "(not a single number)",
    heading: "Across the grid",
    value: "Cell's value",
    band: "\u{b1}1.96 standard errors\n(Monte Carlo)",
    no_band: ["No band: a cell keeps its", "median only, not the paths'", "values a band would need."],
    off_grid: "(outside the grid)",
    between: "(between the grid's values)",
};

/// The Chinese name of a short axis name (`stress::ALIASES`), if it has
/// one.
pub fn axis_name_zh(key: &str) -> Option<&'static str> {
    Some(match key {
        "employer_rate" => "单位缴费费率",
        "employee_rate" => "个人缴费费率",
        "medical_inflation" => "医疗费用增长率",
        "wage_growth" => "缴费基数（工资）增长率",
        "interest" => "基金利率",
        "utilisation_trend" => "就医频次增长趋势",
        _ => return None,
    })
}

static STRESS_ZH: StressText = StressText {
    titles: [
        "每年可支付月数均不低于6个月的概率",
        "每年可支付月数均不低于3个月的概率",
        "预测期内基金穿底（累计结余为负）的概率",
        "首次穿底年份中位数",
        "末年累计结余可支付月数中位数",
    ],
    y_desc: ["模拟路径占比（%）", "模拟路径占比（%）", "模拟路径占比（%）", "年份", "可支付月数（月）"],
    never: "不穿底",
    subtitle: |scenario, paths, years, first, seed| {
        format!(
            "{}职工医保：每个单元{paths}条模拟路径 \u{d7} {years}年（自{first}年起），随机种子{seed}；各单元共用随机数",
            super::zh_report::city(scenario)
        )
    },
    axis: |key| match axis_name_zh(key) {
        Some(name) => format!("{name}（{key}）"),
        None => key.to_string(),
    },
    heat_legend: |cells, paths| {
        vec![
            format!("共{cells}个网格单元"),
            format!("每个单元{paths}条模拟路径"),
            "各单元使用同一随机种子：".into(),
            "差异来自参数取值，".into(),
            "而非随机波动。".into(),
        ]
    },
    lines_note: |cells, paths| format!("共{cells}个单元，每单元{paths}条路径。"),
    never_note: ["中位数路径在各取值下", "均不穿底，故无数据点。"],
    colour: "颜色",
    better: "较好",
    worse: "较差",
    current: "当前场景",
    not_on_grid: "（不在网格内）",
    not_a_number: "（非单一数值）",
    heading: "参数网格各取值",
    value: "单元取值",
    band: "\u{b1}1.96倍标准误\n（蒙特卡洛）",
    no_band: ["无置信带：每个单元只保留", "中位数，不保留计算置信带", "所需的各路径取值。"],
    off_grid: "（在网格范围之外）",
    between: "（介于网格取值之间）",
};

/// The words of `stress.md`'s grid section.
pub struct StressMd {
    pub grid: &'static str,
    /// An axis key in a table heading.
    pub key: fn(&str) -> String,
    /// The metric columns of the grid table, after the axes.
    pub columns: &'static str,
    pub line_charts: &'static str,
    pub heatmaps: &'static str,
    /// The brackets around a chart's SVG link.
    pub brackets: (&'static str, &'static str),
}

/// The `stress.md` grid words in `lang`.
pub fn stress_md(lang: Lang) -> &'static StressMd {
    match lang {
        Lang::En => &STRESS_MD_EN,
        Lang::Zh => &STRESS_MD_ZH,
    }
}

/// An axis key in Chinese text: its Chinese name where it has one.
pub fn key_zh(k: &str) -> String {
    match axis_name_zh(k) {
        Some(name) => format!("{name}（`{k}`）"),
        None => format!("`{k}`"),
    }
}

static STRESS_MD_EN: StressMd = StressMd {
    grid: "Grid",
    key: |k| k.to_string(),
    columns: "P(months \u{2265} 6 every year) | P(months \u{2265} 3 every year) | P(depletion) | Median first \
              depletion | Median final months | General average premium | Charged",
    line_charts: "Line charts",
    heatmaps: "Heatmaps",
    brackets: (" (", ")"),
};

static STRESS_MD_ZH: StressMd = StressMd {
    grid: "参数网格",
    key: key_zh,
    columns: "每年可支付月数\u{2265}6个月的概率 | 每年可支付月数\u{2265}3个月的概率 | 基金穿底概率 | \
              首次穿底年份中位数 | 末年可支付月数中位数 | 一般平均费率 | 现行费率",
    line_charts: "折线图",
    heatmaps: "热力图",
    brackets: ("（", "）"),
};
