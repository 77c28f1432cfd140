//! The words of `medfund compare`'s bar charts, in both languages. The
//! Chinese `compare.md` is written by `zh_compare`, the English by
//! `output::compare`.

use medfund_analysis::compare::Comparison;

use super::zh_report::city;
use crate::output::lang::Lang;

/// The words of the comparison's charts.
pub struct CompareText {
    /// The subtitle of the four charts of the cities.
    pub tag: fn(&Comparison) -> String,
    pub ratio_title: &'static str,
    pub ratio_y: &'static str,
    pub oop_title: &'static str,
    pub oop_y: &'static str,
    pub pct_title: &'static str,
    /// Mean, 90th and 99th percentile.
    pub pct_groups: [&'static str; 3],
    pub per_member_y: &'static str,
    pub age_title: &'static str,
    /// `CATEGORIES`: employee, flexible, retiree, all.
    pub categories: [&'static str; 4],
    /// A city's name (a scenario's) in a chart.
    pub city: fn(&str) -> String,
    /// A decomposition's title: from, to.
    pub decomp_title: fn(&str, &str) -> String,
    /// Its subtitle: from, to, the total change.
    pub decomp_subtitle: fn(&str, &str, f64) -> String,
    /// Fund cost, out-of-pocket.
    pub decomp_series: [&'static str; 2],
    pub change_y: &'static str,
    /// A rule family's name under its bars (a space: where a long name
    /// breaks onto a second line).
    pub family: fn(&str) -> String,
}

/// The comparison's chart words in `lang`.
pub fn compare(lang: Lang) -> &'static CompareText {
    match lang {
        Lang::En => &COMPARE_EN,
        Lang::Zh => &COMPARE_ZH,
    }
}

static COMPARE_EN: CompareText = CompareText {
    tag: |c| {
        format!(
            "population of {} ({} members), {} paths, seed {}, {}",
            c.population, c.members, c.paths, c.seed, c.year
        )
    },
    ratio_title: "Effective reimbursement ratio of the whole bill",
    ratio_y: "% of the bill reimbursed",
    oop_title: "Out-of-pocket per member and year",
    oop_y: "yuan (mean)",
    pct_title: "Out-of-pocket distribution, all members",
    pct_groups: ["mean", "90th percentile", "99th percentile"],
    per_member_y: "yuan per member and year",
    age_title: "Fund cost per member by age",
    categories: ["employee", "flexible", "retiree", "all"],
    city: |s| s.to_string(),
    decomp_title: |a, b| format!("{a} \u{2192} {b}: fund cost per member by rule family"),
    decomp_subtitle: |a, b, total| {
        format!("each family of {b}'s rules switched alone into {a}'s; total {total:+.0} yuan per member")
    },
    decomp_series: ["fund cost", "out-of-pocket"],
    change_y: "change, yuan per member and year",
    family: |f| f.replace('_', " "),
};

static COMPARE_ZH: CompareText = CompareText {
    tag: |c| {
        format!(
            "{}职工参保人群（{}人），{}条模拟路径，随机种子{}，{}年",
            city(&c.population),
            c.members,
            c.paths,
            c.seed,
            c.year
        )
    },
    ratio_title: "实际报销比例（占全部医疗费用）",
    ratio_y: "报销比例（%）",
    oop_title: "人均年度个人负担",
    oop_y: "元（均值）",
    pct_title: "个人负担分布（全体参保人）",
    pct_groups: ["均值", "90%分位数", "99%分位数"],
    per_member_y: "元/人·年",
    age_title: "分年龄段人均基金支出",
    categories: ["在职职工", "灵活就业人员", "退休人员", "合计"],
    city: |s| city(s),
    decomp_title: |a, b| format!("{}\u{2192}{}：按政策类别分解的人均基金支出变化", city(a), city(b)),
    decomp_subtitle: |a, b, total| {
        format!("将{}的各类政策逐一单独换成{}的政策；合计每人{total:+.0}元", city(b), city(a))
    },
    decomp_series: ["基金支出", "个人负担"],
    change_y: "变化（元/人·年）",
    family: |f| {
        match f {
            "self_pay_first" => "先行 自付",
            "deductibles" => "起付线",
            "ratios" => "报销 比例",
            "caps" => "支付 限额",
            "outpatient_pooling" => "普通门诊 统筹",
            "special_outpatient" => "门诊 慢特病",
            "single_payment_drugs" => "单行支付 药品",
            "maternity" => "生育 待遇",
            "top_up" => "大额 补助",
            "waiting" => "等待期",
            "contributions" => "缴费 政策",
            "interaction" => "交互 作用",
            other => return other.replace('_', " "),
        }
        .to_string()
    },
};
