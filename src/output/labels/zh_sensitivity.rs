//! The Chinese `sensitivity.md` (`medfund sensitivity --lang zh`): the
//! same figures as `output::sensitivity` writes in English, as a fund
//! office writes a 敏感性分析 note.

use std::fmt::Write as _;

use super::zh_report::city;
use crate::output::sensitivity::{SensitivityRun, md_rows};

fn year(y: Option<i32>) -> String {
    y.map_or_else(|| "不穿底".into(), |y| y.to_string())
}

/// `sensitivity.md` in Chinese.
pub fn markdown(s: &SensitivityRun) -> String {
    let a = s.analysis;
    let mut o = format!("# medfund 敏感性分析：{}职工医保统筹基金\n\n", city(s.scenario));
    let span = match (s.years.first(), s.years.last()) {
        (Some(a), Some(b)) => format!("{}年（{a}\u{2013}{b}年）", s.years.len()),
        _ => "0年".into(),
    };
    let _ = writeln!(
        o,
        "每次测算模拟职工医保统筹基金{}条路径 \u{d7} {span}，随机种子{}，各次测算使用同一组随机数。场景指纹 `{}`。\n",
        s.paths, s.seed, s.scenario_hash
    );
    let _ = writeln!(o, "重现命令：\n\n```sh\n{}\n```\n", s.command);
    let b = &a.baseline.metrics;
    let _ = writeln!(
        o,
        "基准情形：基金穿底概率{:.3}，首次穿底年份中位数{}，末年累计结余可支付月数中位数{:.1}个月。\n",
        b.p_depletion,
        year(b.median_first_depletion),
        b.median_final_months
    );
    let ranked = if a.by_dry {
        "按基金穿底概率变化绝对值（两端取较大者）从大到小排列"
    } else {
        "各次测算均无路径穿底，按末年可支付月数中位数变化绝对值（两端取较大者）从大到小排列"
    };
    let _ = writeln!(
        o,
        "{ranked}。标准误由配对路径（各次测算使用相同随机种子）计算：基金穿底概率为各路径0/1指标差值的标准差 / \
         \u{221a}路径数；可支付月数为配对均值差的标准误。首次穿底年份中位数不计标准误。\n"
    );
    o.push_str(
        "| 假设参数 | 端点 | 取值 | 穿底概率变化 ± 标准误 | 首次穿底年份 | 可支付月数变化 ± 标准误 | 依据 |\n\
         |---|---|---|---|---|---|---|\n",
    );
    md_rows(&mut o, a, "不穿底", ["下限", "上限"]);
    let _ = writeln!(o, "\n## 龙卷风图（[SVG](tornado.svg)）\n\n![龙卷风图](tornado.png)\n");
    let _ = writeln!(o, "同一表格、各假设的取值区间及说明见 `sensitivity.xlsx`。");
    o
}
