//! The words of `medfund diff`'s table, chart and `diff.md`, in both
//! languages.

use crate::output::lang::Lang;

/// The words of a run difference.
pub struct DiffText {
    /// The table's first line: B's folder, B's scenario, A's, A's, seed,
    /// paths.
    pub first_line: fn(&str, &str, &str, &str, u64, u64) -> String,
    pub head: [&'static str; 11],
    /// The table's last line.
    pub foot: &'static str,
    pub title: &'static str,
    /// The chart's subtitle: paths, seed.
    pub subtitle: fn(u64, u64) -> String,
    /// The y axis: the unit.
    pub y_desc: fn(&str) -> String,
    /// The legend's note: A's scenario, B's.
    pub note: fn(&str, &str) -> String,
    pub x_title: &'static str,
    pub heading: &'static str,
    /// ±2, ±1 standard errors, the difference, no difference.
    pub entries: [&'static str; 4],
    /// diff.md: the table, A's and B's reproduce commands.
    pub markdown: fn(&str, &str, &str) -> String,
}

/// The diff words in `lang`.
pub fn diff(lang: Lang) -> &'static DiffText {
    match lang {
        Lang::En => &DIFF_EN,
        Lang::Zh => &DIFF_ZH,
    }
}

static DIFF_EN: DiffText = DiffText {
    first_line: |bd, bs, ad, as_, seed, paths| {
        format!("B = {bd} ({bs}) minus A = {ad} ({as_}); seed {seed}, {paths} paired paths\n")
    },
    head: [
        "year",
        "balance A 万元",
        "balance B 万元",
        "B − A 万元",
        "± SE",
        "months A",
        "months B",
        "B − A",
        "± SE",
        "P(<0) A",
        "P(<0) B",
    ],
    foot: "medians across paths; balance: closing balance of the pooled fund, all districts\n",
    title: "Closing balance: B minus A",
    subtitle: |paths, seed| {
        format!("Difference of medians across {paths} paired paths (seed {seed}); bands: bootstrap standard errors")
    },
    y_desc: |u| format!("Difference in closing balance ({u})"),
    note: |a, b| format!("A: {a}  B: {b}"),
    x_title: "Year",
    heading: "Paired paths",
    entries: ["\u{b1}2 standard errors", "\u{b1}1 standard error", "Difference (B \u{2212} A)", "No difference"],
    markdown: |table, a, b| {
        format!(
            "# Run difference\n\n```\n{table}```\n\nMethod: {}\n\n- A: `{a}`\n- B: `{b}`\n\nFiles: diff.csv (money \
             in yuan), diff_balance.png / .svg (the balance difference with \u{b1}1 and \u{b1}2 standard errors).\n",
            crate::output::run_diff::METHOD
        )
    },
};

static DIFF_ZH: DiffText = DiffText {
    first_line: |bd, bs, ad, as_, seed, paths| {
        format!("B = {bd}（{bs}）减 A = {ad}（{as_}）；随机种子{seed}，{paths}对配对路径\n")
    },
    head: [
        "年份",
        "累计结余A 万元",
        "累计结余B 万元",
        "B − A 万元",
        "± 标准误",
        "可支付月数A",
        "可支付月数B",
        "B − A",
        "± 标准误",
        "P(<0) A",
        "P(<0) B",
    ],
    foot: "各路径中位数；累计结余：统筹基金年末累计结余，全市合计\n",
    title: "累计结余：B减A",
    subtitle: |paths, seed| format!("{paths}对配对路径中位数之差（随机种子{seed}）；区间为自助法标准误"),
    y_desc: |u| format!("累计结余之差（{u}）"),
    note: |a, b| format!("A：{}  B：{}", super::zh_report::city(a), super::zh_report::city(b)),
    x_title: "年份",
    heading: "配对路径",
    entries: ["\u{b1}2倍标准误", "\u{b1}1倍标准误", "差值（B \u{2212} A）", "无差异"],
    markdown: |table, a, b| {
        format!(
            "# 两次运行的差异\n\n```\n{table}```\n\n方法：差值均为B减A。中位数之差为各路径B的中位数减A的中位数\
             （偶数条路径时取中间两个的均值）；其标准误为对配对路径（A的第i条路径与B的第i条路径一同抽取，固定随机种子）\
             自助抽样2,000次所得中位数之差的标准差。均值之差为各路径差值B_i \u{2212} A_i的均值，标准误为sd/\u{221a}n。\
             P(累计结余<0)为年末累计结余为负的路径占比，其差值的标准误为各路径指标差值的sd/\u{221a}n。\n\n\
             - A：`{a}`\n- B：`{b}`\n\n文件：diff.csv（金额单位为元）、diff_balance.png / .svg（累计结余之差及\
             \u{b1}1、\u{b1}2倍标准误区间）。\n"
        )
    },
};
