//! The Chinese `compare.md` (`medfund compare --lang zh`): the same
//! figures as `output::compare` writes in English, as a fund office
//! writes a 城市政策比较 note.

use std::fmt::Write as _;

use medfund_analysis::compare::{Comparison, FAMILIES};

use super::zh_report::city;
use crate::output::charts::Bars;
use crate::output::compare::{chart_list, city_rows, family_rows};

/// `compare.md` in Chinese.
pub fn markdown(c: &Comparison, command: &str, bars: &[(String, Bars)]) -> String {
    let mut md = String::new();
    let w = &mut md;
    let names: Vec<String> = c.cities.iter().map(|s| city(&s.name)).collect();
    let _ = writeln!(w, "# medfund 城市政策比较：{}\n", names.join("、"));
    let _ = writeln!(
        w,
        "同一模拟参保人群（`{}` 预测中的职工医保参保人，{}人，{}年）及同一组医疗费用（{}条模拟路径，随机种子{}），\
         分别按各市职工医保待遇政策结算、按各市缴费政策征缴，缴费基数按{}的社会平均工资计算。\
         某市政策不予支付的费用由个人全额负担。\n",
        c.population,
        c.members,
        c.year,
        c.paths,
        c.seed,
        city(&c.population)
    );
    let _ = writeln!(w, "重现命令：\n\n```sh\n{command}\n```\n");
    let _ = writeln!(w, "## 各市比较\n");
    let _ = writeln!(
        w,
        "| 城市 | 实际报销比例（全部费用） | 政策范围内报销比例 | 人均基金支出 | 人均个人负担 | 90%分位 | 99%分位 \
         | 个人负担超过工资20%的比例 | 超过40%的比例 | 人均单位缴费 | 人均个人缴费 | 人均统筹基金当期结余 |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    city_rows(w, c, &city);
    let _ = writeln!(w);
    for d in &c.decompositions {
        let (a, b) = (city(&d.a), city(&d.b));
        let _ = writeln!(w, "## {a}\u{2192}{b}：按政策类别分解\n");
        let _ = writeln!(
            w,
            "将{b}的各类政策逐一单独换成{a}的政策，人均每年的变化（元）；交互作用为逐一替换未能解释的部分。\
             全部类别一并替换即得到{b}的结果。\n"
        );
        let _ = writeln!(w, "| 政策类别 | 基金支出 | 个人负担 | 统筹基金当期结余 |\n|---|---:|---:|---:|");
        family_rows(w, d);
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "## 图表\n");
    chart_list(w, bars, ("（", "）"));
    let _ = writeln!(w, "## 文件与口径说明\n");
    let _ = writeln!(
        w,
        "- `compare_cities`、`compare_groups`（城市 × 人员类别 × 年龄段；`all` 行为合计）、\
         `compare_decomposition`：各有 `.csv` 和 `.parquet` 文件，并汇总于 `compare.xlsx`，每表一页。"
    );
    let _ = writeln!(
        w,
        "- 报销：统筹基金和大额医疗费用补助支付的金额，分别占全部医疗费用和政策范围内费用的比例；基金支出另含生育津贴。\
         个人负担：医疗费用减去上述支付；其分位数由宽2.3%的直方图计算。灾难性支出：个人负担超过本人年工资的20%\
         （40%）（退休人员按其领取的工资计，仅为养老金的粗略近似）。"
    );
    let _ = writeln!(
        w,
        "- 统筹基金当期结余：一年内划入统筹基金的缴费（扣除划入个人账户部分，含按人头缴纳的费用）减去待遇支出和\
         退休人员个人账户划入，不计期初结余和利息。"
    );
    let fams: Vec<String> = FAMILIES.iter().map(|f| format!("`{}`：{}", f.name, f.what)).collect();
    let _ = writeln!(w, "- 政策类别：{}。", fams.join("；"));
    md
}
