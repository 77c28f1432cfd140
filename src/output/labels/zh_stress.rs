//! The Chinese `stress.md` (`medfund stress --lang zh`): the same figures
//! as `output::stress` writes in English, as a fund office writes a
//! 压力测试 note (累计结余可支付月数, 基金穿底, 单位缴费费率 …).

use std::fmt::Write as _;

use medfund_analysis::stress::{ALIASES, toml_number};

use super::zh_report::city;
use crate::output::lang::Lang;
use crate::output::stress::{StressRun, grid_section, rate};

use super::stress::key_zh as key;

/// `stress.md` in Chinese.
pub fn markdown(s: &StressRun) -> String {
    let mut md = String::new();
    let w = &mut md;
    let first = s.years.first().copied().unwrap_or_default();
    let last = s.years.last().copied().unwrap_or_default();
    let _ = writeln!(w, "# medfund 压力测试：{}职工医保统筹基金\n", city(s.scenario));
    let _ = writeln!(
        w,
        "每个网格单元模拟职工医保统筹基金{}条路径 \u{d7} {}年（{first}\u{2013}{last}年），随机种子{}，\
         各单元使用同一组随机数（公共随机数），单元之间的差异只来自参数取值。场景指纹 `{}`。\n",
        s.paths,
        s.years.len(),
        s.seed,
        s.scenario_hash
    );
    let _ = writeln!(w, "重现命令：\n\n```sh\n{}\n```\n", s.command);
    if !s.overrides.is_empty() {
        let list: Vec<String> = s.overrides.iter().map(|o| format!("`{o}`")).collect();
        let _ = writeln!(w, "各单元共同的参数覆盖：{}\n", list.join("、"));
    }
    if let Some(sol) = s.solution {
        let _ = writeln!(w, "## 求解结果\n");
        let _ = writeln!(
            w,
            "满足目标 `{}` 的{}最低取值为 **{}**：该取值下的概率为{:.3}（{}条路径的蒙特卡洛标准误为{:.3}）。",
            sol.target,
            key(&sol.key),
            toml_number(sol.value),
            sol.target.metric.of(&sol.metrics),
            sol.metrics.paths,
            sol.standard_error
        );
        match &sol.below {
            Some((v, m)) => {
                let _ = writeln!(
                    w,
                    "低一个步长（{}）时为{:.3}，未达到目标。（二分法共计算{}个单元。）\n",
                    toml_number(*v),
                    sol.target.metric.of(m),
                    sol.evaluations
                );
            }
            None => {
                let _ = writeln!(w, "该取值已是搜索范围的下限，更低的取值未经测算。\n");
            }
        }
        let _ = writeln!(
            w,
            "该取值下的一般平均费率为缴费基数的{}（现行费率{}）。\n",
            rate(sol.metrics.general_average_premium),
            rate(sol.metrics.current_rate)
        );
    }
    grid_section(w, s);
    let _ = writeln!(w, "## 指标说明\n");
    let _ = writeln!(
        w,
        "- 一般平均费率：使预测期内统筹基金支出和划入个人账户资金的现值，等于期初累计结余加上缴费及其他收入\
         （一次性缴费、按人头缴纳的费用）现值的固定总费率（单位和个人合计，占缴费基数的比例），按经济假设的\
         平均利率折现；`current_rate` 为按场景现行费率计算的同一比值。均为各模拟路径均值。"
    );
    let _ = writeln!(
        w,
        "- n条路径上的概率p，其蒙特卡洛标准误为\u{221a}(p(1\u{2212}p)/n)；由于各单元使用公共随机数，\
         单元之间差异的误差远小于此。"
    );
    if s.axes.len() == 1 && !s.cells.is_empty() {
        let _ = writeln!(
            w,
            "- 单一参数轴：各指标按参数取值绘制折线；概率类指标附\u{b1}1.96倍蒙特卡洛标准误的置信带，\
             中位数类指标不附（每个单元只保留中位数）。"
        );
    }
    if let Some(cur) = s.current.filter(|_| !s.cells.is_empty()) {
        let vals: Vec<String> = s
            .axes
            .iter()
            .zip(cur)
            .map(|(a, v)| {
                format!(
                    "{} {}",
                    key(&a.key),
                    v.map_or_else(|| super::stress(Lang::Zh).not_a_number.into(), toml_number)
                )
            })
            .collect();
        let _ = writeln!(
            w,
            "- 当前场景（{}）在各图中标出：{}。",
            vals.join("，"),
            if s.axes.len() == 1 { "竖直虚线" } else { "网格内的对应单元加框" }
        );
    }
    let aliases: Vec<String> = ALIASES
        .iter()
        .map(|(k, v)| match *k {
            "employer_rate" => format!(
                "{}：各项单位缴费费率同步平移，使统筹账户企业费率等于该取值（`employee.contribution.employer`）",
                key(k)
            ),
            _ => format!("{}：`{v}`", key(k)),
        })
        .collect();
    let _ = writeln!(w, "- 参数简称：{}。", aliases.join("；"));
    md
}
