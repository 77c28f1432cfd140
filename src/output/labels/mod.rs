//! Every word a person reads in a run's charts, terminal summary and the
//! HTML page's own headings, in both languages, in one place: a struct of
//! words per part ([`ChartText`], [`TermText`], [`PageText`]) with its
//! English and Chinese values, so nothing is translated ad hoc where it is
//! drawn. Tables in the Markdown files (backtest's whole file, the stress
//! grid, the compare tables, the sensitivity rows) are written once for
//! both languages from these words; the prose around them, where the two
//! languages order a sentence differently, by `zh_*` here and by the
//! English writers in `output::` (the report's figures are worked out once,
//! in `output::figures`). The Chinese is written as a fund
//! office writes it (累计结余可支付月数, 统筹基金, 当期结余, 万元 …).
//!
//! `assets/fonts/make_subset.py` reads the characters of the files here
//! (and of the scenarios and the district list) to subset the CJK font;
//! a test checks the font has every one of them.

mod backtest;
mod compare;
mod diff;
mod page;
mod sensitivity;
mod stress;
pub mod zh_compare;
pub mod zh_report;
pub mod zh_sensitivity;
pub mod zh_stress;

pub use backtest::{backtest, backtest_md};
pub use compare::compare;
pub use diff::diff;
pub use page::{PageText, page};
pub use sensitivity::tornado;
pub use stress::{stress, stress_md};

use super::lang::Lang;

/// The words of the run's charts (`output::charts`).
pub struct ChartText {
    pub year: &'static str,
    pub across_paths: &'static str,
    pub p5_95: &'static str,
    pub p25_75: &'static str,
    pub median: &'static str,
    /// Money units for an axis: 1e8 yuan, 1e4 yuan.
    pub unit_yi: &'static str,
    pub unit_wan: &'static str,
    pub months_title: &'static str,
    pub months_subtitle: &'static str,
    pub months_axis: &'static str,
    /// Legend entries of the months fan, from the guidance levels.
    pub guidance_levels: fn([f64; 4]) -> String,
    pub too_low_entry: fn(f64) -> String,
    pub adequate_entry: fn(f64, f64) -> String,
    pub too_high_entry: fn(f64) -> String,
    pub no_months_note: [&'static str; 2],
    /// The zone names inside the months fan.
    pub too_low_zone: fn(f64) -> String,
    pub adequate_zone: fn(f64, f64) -> String,
    pub too_high_zone: fn(f64) -> String,
    pub balance_title: &'static str,
    pub balance_subtitle: &'static str,
    /// "Closing balance ({unit})" and the like: the word before the unit.
    pub balance_axis: &'static str,
    pub zero_balance: &'static str,
    /// "Unit: {unit}" (no full stop), and "(1 = {n} yuan)."
    pub unit_is: fn(&str) -> String,
    /// The full stop after a note.
    pub stop: &'static str,
    /// An axis title with its unit: "Paid (10,000 yuan)".
    pub with_unit: fn(&str, &str) -> String,
    pub one_is: fn(&str) -> String,
    pub flows_title: &'static str,
    pub flows_subtitle: &'static str,
    pub flows_axis: &'static str,
    pub income_employee: &'static str,
    pub income_resident: &'static str,
    pub mean_across_paths: &'static str,
    pub not_shown: &'static str,
    /// The outflow columns' names, in `LedgerYear::RESIDENT_OUTFLOW` order
    /// (`LedgerYear::OUTFLOW`, then a resident fund's per-head outflows).
    pub outflows: [&'static str; 11],
    pub burden_title: &'static str,
    pub burden_subtitle: &'static str,
    pub paid_axis: &'static str,
    pub surplus_axis: &'static str,
    /// "Unit, top: {a};" and "bottom: {b}."
    pub unit_top: fn(&str) -> String,
    pub unit_bottom: fn(&str) -> String,
    pub totals_over_years: &'static str,
    /// "{what}: {amount}" of a total over the years.
    pub total_line: fn(&str, f64) -> String,
    /// City's share, from surpluses, district governments, retained.
    pub totals: [&'static str; 4],
    /// Government, surpluses, city's share, retained surplus line.
    pub burden_entries: [&'static str; 4],
    pub dry_title: &'static str,
    pub dry_subtitle: fn(&str) -> String,
    pub dry_heading: [&'static str; 2],
    pub dry_none: &'static str,
    pub dry_first: fn(&str) -> String,
    pub class_heading: &'static str,
    /// Main urban, regional centre, other.
    pub classes: [&'static str; 3],
    pub dry_note: [&'static str; 4],
    /// Whether the districts' rows show their Chinese names (else their
    /// ASCII labels).
    pub district_names: bool,
    /// The run in a few words after a chart's title.
    pub run_tag: fn(&RunTag) -> String,
}

/// What [`ChartText::run_tag`] says of a run.
pub struct RunTag<'a> {
    pub scenario: &'a str,
    pub resident: bool,
    pub paths: u32,
    pub seed: u64,
    pub years: &'a [i32],
}

/// The chart words in `lang`.
pub fn chart(lang: Lang) -> &'static ChartText {
    match lang {
        Lang::En => &CHART_EN,
        Lang::Zh => &CHART_ZH,
    }
}

/// The label of a number of months in a chart (no trailing ".0").
fn m(v: f64) -> String {
    format!("{v}")
}

static CHART_EN: ChartText = ChartText {
    year: "Year",
    across_paths: "Across paths",
    p5_95: "5th\u{2013}95th percentile",
    p25_75: "25th\u{2013}75th percentile",
    median: "Median",
    unit_yi: "100 million yuan",
    unit_wan: "10,000 yuan",
    months_title: "Months of payment",
    months_subtitle: "Closing balance \u{f7} one month of the year's pooled outflow; percentiles across paths",
    months_axis: "Months of payment (months)",
    guidance_levels: |[a, b, c, d]| format!("Guidance levels:\n{}, {}, {} and {} months", m(a), m(b), m(c), m(d)),
    too_low_entry: |a| format!("Below {} months:\ntoo low", m(a)),
    adequate_entry: |a, b| format!("{}\u{2013}{} months: adequate", m(a), m(b)),
    too_high_entry: |a| format!("Above {} months:\ntoo high", m(a)),
    no_months_note: ["Years with no pooled spending", "have no months figure (gap)."],
    too_low_zone: |a| format!("too low (below {} months)", m(a)),
    adequate_zone: |a, b| format!("adequate ({}\u{2013}{} months)", m(a), m(b)),
    too_high_zone: |a| format!("too high (above {} months)", m(a)),
    balance_title: "Closing balance",
    balance_subtitle: "Pooled fund balance at year end, all districts; percentiles across paths",
    balance_axis: "Closing balance",
    zero_balance: "Zero balance\n(below: fund depleted)",
    unit_is: |u| format!("Unit: {u}"),
    stop: ".",
    with_unit: |what, u| format!("{what} ({u})"),
    one_is: |n| format!("(1 = {n} yuan)."),
    flows_title: "Pooled fund flows",
    flows_subtitle: "Mean across paths: outflow by benefit type (stacked areas) and income (line), all districts",
    flows_axis: "Mean per year across paths",
    income_employee: "Income (net of\npersonal-account credits)",
    income_resident: "Income (financing,\ninterest, backstop)",
    mean_across_paths: "Mean across paths",
    not_shown: "Not shown (zero in every year):",
    outflows: [
        "Inpatient",
        "Outpatient (pooled)",
        "Special outpatient",
        "Single-payment drugs",
        "Maternity medical",
        "Maternity allowance",
        "Family planning",
        "Retirees' accounts",
        "Large-expense top-up",
        "Critical-illness insurance",
        "General consultation fee",
    ],
    burden_title: "Deficit sharing",
    burden_subtitle: "Mean across paths, all districts: who paid overspends and collection shortfalls (top); surplus held \
                      (bottom)",
    paid_axis: "Paid",
    surplus_axis: "Surplus",
    unit_top: |u| format!("Unit, top: {u};"),
    unit_bottom: |u| format!("bottom: {u}."),
    totals_over_years: "Totals over the years:",
    total_line: |what, v| format!("{what}: {}", crate::output::charts::money_words(v)),
    totals: ["city's share", "from surpluses", "district governments", "retained"],
    burden_entries: [
        "Paid by district\ngovernments",
        "Paid from districts'\nretained surpluses",
        "City's share of\noverspends (pooled fund)",
        "Districts' retained\nsurplus at year end",
    ],
    dry_title: "Districts running dry",
    dry_subtitle: |t| {
        format!(
            "Share of paths in which the district government had to pay; districts ordered by the first year above {t}"
        )
    },
    dry_heading: ["Share of paths with a", "government payment"],
    dry_none: "none (0%)",
    dry_first: |t| format!("first year above {t}"),
    class_heading: "District class",
    classes: ["main urban", "regional centre", "other district"],
    dry_note: [
        "Rows never above the threshold",
        "are at the bottom, by their",
        "share of path-years with a",
        "government payment.",
    ],
    district_names: false,
    run_tag: |t| {
        let span = match (t.years.first(), t.years.last()) {
            (Some(a), Some(b)) if a != b => format!(", {a}\u{2013}{b}"),
            (Some(a), _) => format!(", {a}"),
            _ => String::new(),
        };
        let fund = if t.resident { " residents" } else { "" };
        format!("{}{fund}: {} paths, seed {}{span}", t.scenario, t.paths, t.seed)
    },
};

static CHART_ZH: ChartText = ChartText {
    year: "年份",
    across_paths: "各模拟路径分布",
    p5_95: "5%\u{2013}95%分位区间",
    p25_75: "25%\u{2013}75%分位区间",
    median: "中位数",
    unit_yi: "亿元",
    unit_wan: "万元",
    months_title: "累计结余可支付月数",
    months_subtitle: "年末累计结余 \u{f7} 当年基金月均支出；各模拟路径的分位数",
    months_axis: "可支付月数（月）",
    guidance_levels: |[a, b, c, d]| format!("警戒线：\n{}、{}、{}、{}个月", m(a), m(b), m(c), m(d)),
    too_low_entry: |a| format!("不足{}个月：\n结余不足", m(a)),
    adequate_entry: |a, b| format!("{}\u{2013}{}个月：结余合理", m(a), m(b)),
    too_high_entry: |a| format!("超过{}个月：\n结余过多", m(a)),
    no_months_note: ["当年无基金支出的年份", "不计可支付月数（曲线断开）。"],
    too_low_zone: |a| format!("结余不足（不足{}个月）", m(a)),
    adequate_zone: |a, b| format!("结余合理（{}\u{2013}{}个月）", m(a), m(b)),
    too_high_zone: |a| format!("结余过多（超过{}个月）", m(a)),
    balance_title: "累计结余",
    balance_subtitle: "全市基金年末累计结余；各模拟路径的分位数",
    balance_axis: "累计结余",
    zero_balance: "累计结余为零\n（线下即基金穿底）",
    unit_is: |u| format!("单位：{u}"),
    stop: "。",
    with_unit: |what, u| format!("{what}（{u}）"),
    one_is: |n| format!("（1 = {n}元）"),
    flows_title: "基金收支",
    flows_subtitle: "各模拟路径均值：按待遇类别分列的基金支出（堆积面积）与基金收入（折线），全市合计",
    flows_axis: "各路径年度均值",
    income_employee: "基金收入（已扣除\n划入个人账户部分）",
    income_resident: "基金收入（筹资、\n利息及财政兜底）",
    mean_across_paths: "各模拟路径均值",
    not_shown: "未列出（各年均为零）：",
    outflows: [
        "住院",
        "普通门诊统筹",
        "门诊慢特病",
        "单行支付药品",
        "生育医疗费用",
        "生育津贴",
        "计划生育医疗费用",
        "退休人员个人账户划入",
        "大额医疗费用补助",
        "大病保险保费",
        "一般诊疗费",
    ],
    burden_title: "区县超支分担",
    burden_subtitle: "各模拟路径均值，全市合计：区县超支及征缴缺口由谁承担（上）；区县留存结余（下）",
    paid_axis: "承担金额",
    surplus_axis: "留存结余",
    unit_top: |u| format!("单位：上图{u}；"),
    unit_bottom: |u| format!("下图{u}。"),
    totals_over_years: "预测期合计：",
    total_line: |what, v| format!("{what}：{}", zh_report::amount(v)),
    totals: ["市级统筹基金分担", "区县留存结余弥补", "区县政府承担", "区县留存"],
    burden_entries: ["区县政府承担", "区县留存结余弥补", "市级统筹基金\n分担的超支", "区县年末\n留存结余"],
    dry_title: "区县收不抵支",
    dry_subtitle: |t| format!("区县政府需出资弥补的模拟路径占比；区县按首次超过{t}的年份排列"),
    dry_heading: ["区县政府需出资的", "模拟路径占比"],
    dry_none: "无（0%）",
    dry_first: |t| format!("首次超过{t}的年份"),
    class_heading: "区县类别",
    classes: ["主城区", "区域中心城市", "其他区县"],
    dry_note: ["从未超过阈值的区县列在最后，", "按区县政府出资的路径年份", "占比排列。", ""],
    district_names: true,
    run_tag: |t| {
        let span = match (t.years.first(), t.years.last()) {
            (Some(a), Some(b)) if a != b => format!("，{a}\u{2013}{b}年"),
            (Some(a), _) => format!("，{a}年"),
            _ => String::new(),
        };
        let fund = if t.resident { "居民医保" } else { "职工医保" };
        format!("{}{fund}：{}条模拟路径，随机种子{}{span}", zh_report::city(t.scenario), t.paths, t.seed)
    },
};

/// The words of the terminal summary after `medfund simulate`.
pub struct TermText {
    /// "{scenario}: {paths} paths × {years} years, seed {seed}; {files}
    /// files in {dir}"
    pub ran: fn(&str, u32, usize, u64, usize, &str) -> String,
    /// The table's header, already laid out.
    pub header: &'static str,
    /// Before the report's path: "report: ".
    pub report: &'static str,
}

pub fn term(lang: Lang) -> &'static TermText {
    match lang {
        Lang::En => &TERM_EN,
        Lang::Zh => &TERM_ZH,
    }
}

static TERM_EN: TermText = TermText {
    ran: |s, paths, years, seed, files, dir| {
        format!("{s}: {paths} paths × {years} years, seed {seed}; {files} files in {dir}")
    },
    header: "  year  median months      5% months      P(<0)   P(<3 mo)   P(<6 mo)",
    report: "report: ",
};

static TERM_ZH: TermText = TermText {
    ran: |s, paths, years, seed, files, dir| {
        format!("{}：{paths}条模拟路径 × {years}年，随机种子{seed}；{files}个文件，位于 {dir}", zh_report::city(s))
    },
    // The columns as wide as the English ones on a terminal (a Chinese
    // character takes two cells).
    header: "  年份     月数中位数     月数5%分位      P(<0)  P(<3个月)  P(<6个月)",
    report: "报告：",
};

/// The words of report.md's run table and reproduce line.
pub struct RunTableText {
    pub heading: &'static str,
    /// The table's header row and rule.
    pub header: &'static str,
    pub scenario: &'static str,
    pub scenario_file: &'static str,
    pub scenario_hash: &'static str,
    pub overrides: &'static str,
    /// No overrides; the separator between overrides and between districts.
    pub none: &'static str,
    pub separator: &'static str,
    pub district_separator: &'static str,
    pub seed: &'static str,
    pub paths: &'static str,
    /// Years: the span (in the report's words) and how many.
    pub years: fn(&str, usize) -> String,
    /// Districts: the names and how many.
    pub districts: fn(&str, usize) -> String,
    pub version: &'static str,
    pub reproduce: &'static str,
    /// Appended to the reproduce command (`--lang` of a non-default language).
    pub lang_flag: &'static str,
}

/// The run table's words in `lang`.
pub fn run_table(lang: Lang) -> &'static RunTableText {
    match lang {
        Lang::En => &RUN_TABLE_EN,
        Lang::Zh => &RUN_TABLE_ZH,
    }
}

static RUN_TABLE_EN: RunTableText = RunTableText {
    heading: "Run",
    header: "| | |\n|---|---|",
    scenario: "Scenario",
    scenario_file: "Scenario file",
    scenario_hash: "Scenario hash (FNV-1a of the text)",
    overrides: "Overrides (`--set`)",
    none: "none",
    separator: ", ",
    district_separator: ", ",
    seed: "Seed",
    paths: "Paths",
    years: |span, n| format!("| Years | {span} ({n}) |"),
    districts: |names, n| format!("| Districts | {names} ({n}) |"),
    version: "medfund version",
    reproduce: "To reproduce:",
    lang_flag: "",
};

static RUN_TABLE_ZH: RunTableText = RunTableText {
    heading: "运行信息",
    header: "| 项目 | 内容 |\n|---|---|",
    scenario: "场景",
    scenario_file: "场景文件",
    scenario_hash: "场景指纹（文本的 FNV-1a 散列）",
    overrides: "覆盖参数（`--set`）",
    none: "无",
    separator: "，",
    district_separator: "、",
    seed: "随机种子",
    paths: "模拟路径数",
    years: |span, n| format!("| 预测年度 | {span}（{n}年） |"),
    districts: |names, n| format!("| 区县 | {names}（{n}个） |"),
    version: "medfund 版本",
    reproduce: "重现本次预测：",
    lang_flag: " --lang zh",
};
