//! The Chinese `backtest.md` (`medfund backtest --lang zh`): the same
//! figures as `output::backtest` writes in English, as a fund office
//! writes a 回测 note.

use std::fmt::Write as _;

use medfund_analysis::accounts::show;

use super::zh_report::city;
use crate::output::backtest::BacktestRun;

/// `backtest.md` in Chinese.
pub fn markdown(b: &BacktestRun) -> String {
    let r = b.result;
    let mut s = String::new();
    let inside = r.rows.iter().filter(|x| x.inside_band()).count();
    let _ = writeln!(s, "# 回测：{}，自{}年起\n", city(b.scenario), r.base_year);
    let overlays = if b.overlays.is_empty() {
        String::new()
    } else {
        format!("（叠加 {}，仅按基期年拟合）", b.overlays.join("、"))
    };
    let _ = writeln!(
        s,
        "**{} 项实际数中有 {inside} 项落在预测的5%\u{2013}95%分位区间内。** 预测自基期年（{}年）起至{}年，共{}条模拟路径\
         （随机种子{}）；基期年之后的实际数（`{}`）与之对照。参数设定未使用任何基期年之后的实际数：场景{overlays}\
         按原样预测。\n",
        r.rows.len(),
        r.base_year,
        r.years.last().copied().unwrap_or(r.base_year),
        b.paths,
        b.seed,
        b.observed_file,
    );
    let _ = writeln!(s, "| 年度 | 指标 | 实际数 | 预测中位数 | 5%分位 | 95%分位 | 是否在区间内 | 中位数相对误差 |");
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---|---:|");
    for x in &r.rows {
        let k = x.figure.kind;
        let err = x.error_of_median();
        let _ = writeln!(
            s,
            "| {} | {} {} | {} | {} | {} | {} | {} | {} |",
            x.year,
            x.figure.zh,
            x.figure.name,
            show(k, x.observed),
            show(k, x.median()),
            show(k, x.pct[0]),
            show(k, x.pct[4]),
            if x.inside_band() { "是" } else { "**否**" },
            if err.is_finite() { format!("{:+.1}%", 100.0 * err) } else { "\u{2014}".into() }
        );
    }
    s.push('\n');
    for (f, _) in &r.fans {
        let stem = format!("backtest-{}", f.name.replace('_', "-"));
        let _ = writeln!(s, "![{}]({stem}.png)\n", f.zh);
    }
    if !r.skipped.is_empty() {
        let _ = writeln!(s, "未纳入对照：\n");
        for k in &r.skipped {
            let _ = writeln!(s, "- {k}");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "`backtest.csv` 以基本单位（元、人、比例）列出同样各行：\
         `year,figure,observed,median,p5,p95,inside_band,error_of_median`，相对误差为（中位数 \u{2212} 实际数）\u{f7} 实际数。\n"
    );
    if !b.overrides.is_empty() {
        let _ = writeln!(s, "参数覆盖（叠加文件在先）：\n");
        for o in b.overrides {
            let _ = writeln!(s, "- `{o}`");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "重现命令：\n\n```sh\n{}\n```", b.command);
    s
}
