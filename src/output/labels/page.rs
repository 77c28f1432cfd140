//! The words of the HTML page's own shell (`output::html`): headings,
//! captions, notes and the run's description, for every kind of folder.
//! Markup is added where they are used; the words here are plain text
//! except where a field says it is HTML.

use crate::output::lang::Lang;

pub struct PageText {
    /// `<html lang>`.
    pub html_lang: &'static str,
    /// The captions of a run's charts, in `output::html::CHARTS` order.
    pub charts: [&'static str; 5],
    /// A run's tables, in `output::html::TABLES` order: heading, what a row is.
    pub tables: [(&'static str, &'static str); 3],
    /// A table of a folder that is not a run.
    pub other_table: &'static str,
    /// What the page is of, by kind (`html::kind` order): projection,
    /// stress test, comparison of cities, backtest, sensitivity analysis,
    /// run-to-run difference.
    pub kinds: [&'static str; 6],
    /// "medfund {what}: {heading}".
    pub title: fn(&str, &str) -> String,
    /// A run's heading: "{scenario}, seed {seed}".
    pub run_heading: fn(&str, &str) -> String,
    pub unnamed_scenario: &'static str,
    pub no_run_json_heading: &'static str,
    /// Run, Charts, Tables, Assumptions.
    pub nav: [&'static str; 4],
    /// HTML: the lead of a subfolder's section, from the subfolder's name
    /// (escaped).
    pub subfolder_lead: fn(&str) -> String,
    pub this_folder: &'static str,
    /// HTML: the footer, from the command's folder and the version (both
    /// escaped).
    pub footer: fn(&str, &str) -> String,
    /// "{file} is not in this folder."
    pub missing: fn(&str) -> String,
    /// "{stem}.svg and {stem}.png are not in this folder."
    pub missing_chart: fn(&str) -> String,
    /// The note of a folder without run.json: report.md below, or missing too.
    pub no_run_json: fn(bool) -> String,
    pub no_charts: &'static str,
    pub sort_hint: &'static str,
    pub no_assumptions: &'static str,
    /// "Values the policy texts do not give, … ({n})."
    pub assumptions: fn(usize) -> String,
    /// The assumptions table's columns.
    pub assumption_cols: [&'static str; 2],
    /// Scenario, Scenario file, Scenario hash, Overrides, Seed, Paths,
    /// Years, Districts, medfund version.
    pub run_rows: [&'static str; 9],
    pub none: &'static str,
    /// Years: "2025–2034 (10 years)"; one year; none.
    pub years: fn(i64, i64, usize) -> String,
    pub reproduce: &'static str,
    /// The separator of a list of items.
    pub list_sep: &'static str,
    /// "{what} {n} rows."
    pub rows: fn(&str, usize) -> String,
    /// The summary's button: show all {n} columns; the risk columns only;
    /// and the sentence after it ({hidden} more).
    pub show_all: fn(usize) -> String,
    pub show_risk: &'static str,
    pub risk_first: fn(usize) -> String,
}

/// The page's words in `lang`.
pub fn page(lang: Lang) -> &'static PageText {
    match lang {
        Lang::En => &PAGE_EN,
        Lang::Zh => &PAGE_ZH,
    }
}

static PAGE_EN: PageText = PageText {
    html_lang: "en",
    charts: [
        "Months of payment: 5–95 and 25–75 percentile bands and the median, with the guidance zones.",
        "Closing balance: the same bands, with the zero line.",
        "Mean outflow by benefit type (stacked) and mean income.",
        "Mean per year: the city's share of districts' overspends, what districts' surpluses and governments paid \
         (stacked), and the districts' retained surplus (line).",
        "Which districts run dry first: the share of paths in which each district's government had to pay.",
    ],
    tables: [
        ("Summary by year", "One row per year, across paths. Money in yuan."),
        ("First depletion", "The share of paths whose closing balance first fell below zero in each year."),
        (
            "District settlement",
            "One row per year and district: means across paths, money in yuan, and the shares of paths in which the \
             district's government paid and its surplus was zero.",
        ),
    ],
    other_table: "As written by medfund; money in yuan.",
    kinds: [
        "projection",
        "stress test",
        "comparison of cities",
        "backtest",
        "sensitivity analysis",
        "run-to-run difference",
    ],
    title: |what, heading| format!("medfund {what}: {heading}"),
    run_heading: |scenario, seed| format!("{scenario}, seed {seed}"),
    unnamed_scenario: "unnamed scenario",
    no_run_json_heading: "run without run.json",
    nav: ["Run", "Charts", "Tables", "Assumptions"],
    subfolder_lead: |name| format!("The run in the subfolder <code>{name}/</code>."),
    this_folder: "The run in this folder",
    footer: |dir, version| {
        format!(
            "Written by <code>medfund report {dir}</code> (medfund {version}) from the files of the run folder; this \
             page needs nothing else to be viewed."
        )
    },
    missing: |f| format!("{f} is not in this folder."),
    missing_chart: |s| format!("{s}.svg and {s}.png are not in this folder."),
    no_run_json: |md| {
        format!(
            "This folder has no run.json (it was written by an older medfund), so the run is described by its \
             report.md{}.",
            if md { ", below" } else { ", which is missing too" }
        )
    },
    no_charts: "No charts in this folder.",
    sort_hint: "Click a column header to sort by it; click again to reverse.",
    no_assumptions: "The scenario declares no assumptions: every parameter comes from the policy texts.",
    assumptions: |n| format!("Values the policy texts do not give, as the scenario states them ({n})."),
    assumption_cols: ["parameter", "why it is assumed"],
    run_rows: [
        "Scenario",
        "Scenario file",
        "Scenario hash (FNV-1a of the text)",
        "Overrides (--set)",
        "Seed",
        "Paths",
        "Years",
        "Districts",
        "medfund version",
    ],
    none: "none",
    years: |a, b, n| if n == 1 { format!("{a} (1 year)") } else { format!("{a}\u{2013}{b} ({n} years)") },
    reproduce: "To reproduce:",
    list_sep: ", ",
    rows: |what, n| format!("{what} {n} row{}.", if n == 1 { "" } else { "s" }),
    show_all: |n| format!("Show all {n} columns"),
    show_risk: "Show the risk columns only",
    risk_first: |hidden| format!("The risk columns come first; {hidden} more are in the file."),
};

static PAGE_ZH: PageText = PageText {
    html_lang: "zh-CN",
    charts: [
        "累计结余可支付月数：5%–95%与25%–75%分位区间及中位数，并标出警戒区间。",
        "累计结余：同样的分位区间，并标出零结余线。",
        "按待遇类别的基金支出均值（堆积）与基金收入均值。",
        "年度均值：市级统筹基金分担的区县超支、区县留存结余与区县政府承担的部分（堆积），以及区县留存结余（折线）。",
        "哪些区县最先收不抵支：各区县政府需出资弥补的模拟路径占比。",
    ],
    tables: [
        ("分年度汇总", "每年一行，各模拟路径的统计。金额单位：元。"),
        ("首次穿底年份", "各年累计结余首次降至零以下的路径占比。"),
        ("区县结算", "每年每个区县一行：各路径均值（金额单位：元），以及区县政府需出资、留存结余为零的路径占比。"),
    ],
    other_table: "medfund 原样输出；金额单位：元。",
    kinds: ["基金运行预测", "压力测试", "城市对比", "回测", "敏感性分析", "两次运行对比"],
    title: |what, heading| format!("medfund {what}：{heading}"),
    run_heading: |scenario, seed| format!("{}，随机种子{seed}", super::zh_report::city(scenario)),
    unnamed_scenario: "未命名场景",
    no_run_json_heading: "无 run.json 的运行",
    nav: ["运行信息", "图表", "表格", "假设"],
    subfolder_lead: |name| format!("子文件夹 <code>{name}/</code> 中的运行。"),
    this_folder: "本文件夹中的运行",
    footer: |dir, version| {
        format!(
            "由 <code>medfund report {dir}</code>（medfund {version}）根据运行文件夹中的文件生成；查看本页无需任何其他文件。"
        )
    },
    missing: |f| format!("本文件夹中没有 {f}。"),
    missing_chart: |s| format!("本文件夹中没有 {s}.svg 和 {s}.png。"),
    no_run_json: |md| {
        format!(
            "本文件夹没有 run.json（由旧版 medfund 生成），运行情况见其 report.md{}。",
            if md { "（见下）" } else { "，但该文件也不存在" }
        )
    },
    no_charts: "本文件夹中没有图表。",
    sort_hint: "点击列标题按该列排序，再次点击则倒序。",
    no_assumptions: "场景未声明任何假设：全部参数均取自政策文件。",
    assumptions: |n| format!("政策文件未给出、由场景设定的参数（共{n}项，说明照录场景原文）。"),
    assumption_cols: ["参数", "设定理由"],
    run_rows: [
        "场景",
        "场景文件",
        "场景指纹（文本的 FNV-1a 散列）",
        "覆盖参数（--set）",
        "随机种子",
        "模拟路径数",
        "预测年度",
        "区县",
        "medfund 版本",
    ],
    none: "无",
    years: |a, b, n| if n == 1 { format!("{a}年（1年）") } else { format!("{a}\u{2013}{b}年（{n}年）") },
    reproduce: "重现本次预测：",
    list_sep: "、",
    rows: |what, n| format!("{what}共{n}行。"),
    show_all: |n| format!("显示全部{n}列"),
    show_risk: "只显示风险指标列",
    risk_first: |hidden| format!("风险指标列在前；文件中另有{hidden}列。"),
};
