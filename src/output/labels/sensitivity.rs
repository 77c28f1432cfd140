//! The words of `medfund sensitivity`'s tornado chart, in both languages.
//! The Chinese `sensitivity.md` is written by `zh_sensitivity`, the
//! English by `output::sensitivity`.

use crate::output::lang::Lang;

/// Every word the tornado chart shows.
pub struct TornadoText {
    pub title_dry: &'static str,
    pub title_months: &'static str,
    /// The chart's title: the title above, the scenario.
    pub title: fn(&str, &str) -> String,
    pub subtitle: &'static str,
    /// The subtitle: the words above, paths, first and last year, seed.
    pub run: fn(&str, u32, i32, i32, u64) -> String,
    pub x_dry: &'static str,
    pub x_months: &'static str,
    pub legend_heading: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub baseline: &'static str,
    pub whisker: &'static str,
    pub ranked_dry: [&'static str; 2],
    pub ranked_months: [&'static str; 2],
    pub scenario: &'static str,
    pub paired: [&'static str; 3],
}

/// The tornado chart's words in `lang`.
pub fn tornado(lang: Lang) -> &'static TornadoText {
    match lang {
        Lang::En => &TORNADO_EN,
        Lang::Zh => &TORNADO_ZH,
    }
}

static TORNADO_EN: TornadoText = TornadoText {
    title_dry: "Sensitivity of P(running dry)",
    title_months: "Sensitivity of the months of payment at the horizon",
    title: |t, scenario| format!("{t} \u{2014} {scenario}"),
    subtitle: "Each assumption at the low and the high end of its documented range, one at a time, on the same \
               random numbers",
    run: |words, paths, y0, y1, seed| format!("{words}; {paths} paths, {y0}\u{2013}{y1}, seed {seed}"),
    x_dry: "P(balance < 0 in some year) (%)",
    x_months: "Median months of payment in the last year (months)",
    legend_heading: "Each row",
    low: "Low end of the range",
    high: "High end of the range",
    baseline: "Baseline (the scenario)",
    whisker: "\u{b1}1.96 standard errors",
    ranked_dry: ["Largest effect on P(running dry)", "on top."],
    ranked_months: ["No path runs dry: ranked by", "the effect on the months."],
    scenario: "scenario",
    paired: ["Standard errors of the paired", "differences (the same paths", "in every run)."],
};

static TORNADO_ZH: TornadoText = TornadoText {
    title_dry: "基金穿底概率敏感性分析",
    title_months: "末年可支付月数敏感性分析",
    title: |t, scenario| format!("{t}\u{2014}\u{2014}{}职工医保", super::zh_report::city(scenario)),
    subtitle: "各项假设逐一取其合理区间的下限和上限，其余参数不变，使用同一组随机数",
    run: |words, paths, y0, y1, seed| format!("{words}；{paths}条模拟路径，{y0}\u{2013}{y1}年，随机种子{seed}"),
    x_dry: "预测期内基金穿底（累计结余为负）的概率（%）",
    x_months: "末年累计结余可支付月数中位数（月）",
    legend_heading: "图例",
    low: "区间下限",
    high: "区间上限",
    baseline: "基准（现行场景）",
    whisker: "\u{b1}1.96倍标准误",
    ranked_dry: ["按对基金穿底概率的影响", "从大到小排列。"],
    ranked_months: ["无路径穿底：按对可支付", "月数的影响排列。"],
    scenario: "现行取值",
    paired: ["标准误为配对差值的标准误", "（各次测算使用相同的", "模拟路径）。"],
};
