//! The Chinese `report.md` and headline (`--lang zh`): the same figures as
//! `output::report` writes in English, in the words a fund office uses in
//! its 基金运行分析 (累计结余可支付月数, 当期结余, 累计结余, 万元 …), not
//! sentence by sentence. Money in 万元 (亿元 from one 亿), digits grouped
//! by thousands.

use std::fmt::Write as _;

use medfund_rules::money::Money;
use medfund_sim::ledger::Fund;
use medfund_sim::montecarlo::summary::GUIDANCE_MONTHS;
use medfund_sim::montecarlo::{ADJUSTMENT_FUND_ROW, RunResult};

use crate::output::adjustment::AdjustmentAcc;
use crate::output::districts::{DRY_THRESHOLD, Settlement};
use crate::output::figures::{
    AdjustmentFigures, Depletion, ResidentFinancing, SettlementFigures, key_rows, median_months, published_deficits,
    sampled,
};
use crate::output::files::{
    BALANCE_FAN, BURDEN, DEPLETION_CSV, DISTRICTS_CSV, DISTRICTS_DRY, FLOWS, LEDGER_CSV, LEDGER_PARQUET, MONTHS_FAN,
    REPORT_MD, RESIDENT_DIR, SUMMARY_CSV,
};
use crate::output::lang::grouped_hundredths;
use crate::output::report::{cell, months_text, percent, wan_or_yi};

/// A built-in scenario's city (or the country) as a fund office names
/// it; any other scenario by its own name.
pub fn city(scenario: &str) -> String {
    match scenario {
        "ziyang" => "资阳市".into(),
        "luzhou" => "泸州市".into(),
        "dingxi" => "定西市".into(),
        "chongqing" => "重庆市".into(),
        "national" => "全国".into(),
        other => other.into(),
    }
}

/// The fund's name: 职工医保统筹基金 or 居民医保基金.
pub fn fund(f: Fund) -> &'static str {
    match f {
        Fund::Employee => "职工医保统筹基金",
        Fund::Resident => "居民医保基金",
    }
}

/// An amount of yuan in 万元 (亿元 from one 亿), two decimals, digits
/// grouped: 12345678.0 is "1,234.57万元".
pub fn amount(v: f64) -> String {
    if !v.is_finite() {
        return "\u{2013}".into();
    }
    let (div, unit) = if v.abs() >= 1e8 { (1e8, "亿元") } else { (1e4, "万元") };
    format!("{}{unit}", grouped_hundredths((v / div * 100.0).round() as i128))
}

/// Years as "2025\u{2013}2034年" (one year "2025年").
pub fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}\u{2013}{b}年"),
        (Some(a), _) => format!("{a}年"),
        _ => "无预测年度".into(),
    }
}

/// The headline of one fund in one sentence, as `report::headline` in
/// English: the chance of running dry and when, what the fiscal backstop
/// pays, months of payment at the end and the general average premium.
pub fn headline(run: &RunResult) -> String {
    let v = &run.verdict;
    let span = year_span(&run.info.years);
    let n = v.paths;
    let dry = match (v.dry_paths, v.median_first_dry, v.median_first_dry_of_dry) {
        (0, _, _) => format!("在{span}的全部{n}条模拟路径中均未出现基金穿底"),
        (_, Some(y), _) => format!(
            "在{span}的{n}条模拟路径中，有{}出现基金穿底（当年累计结余为负或需财政兜底），中位情形下{y}年首次穿底",
            percent(v.p_dry())
        ),
        (_, None, of_dry) => format!(
            "在{span}的{n}条模拟路径中，有{}出现基金穿底（当年累计结余为负或需财政兜底），中位情形下预测期内不穿底，\
             穿底路径首次穿底年份的中位数为{}",
            percent(v.p_dry()),
            of_dry.map_or_else(|| "\u{2013}".into(), |y| format!("{y}年"))
        ),
    };
    let backstop = if v.backstop_total == Money::ZERO {
        "财政无需兜底".to_string()
    } else {
        format!(
            "预测期内财政兜底支出期望值{}（全部路径均值；在需兜底的{}条路径中中位数为{}）",
            wan_or_yi(v.backstop_expected()),
            v.backstop_paths,
            wan_or_yi(v.backstop_median_of_paying)
        )
    };
    let months = match run.summary.last() {
        Some(y) => format!(
            "{}年末累计结余可支付月数中位数为{}个月（5%\u{2013}95%分位：{}至{}个月）",
            y.year,
            months_text(y.months_pct[2]),
            months_text(y.months_pct[0]),
            months_text(y.months_pct[4])
        ),
        None => "未预测任何年度".to_string(),
    };
    let premium = match (v.premium, v.charged) {
        (Some(g), Some(c)) => format!(
            "一般平均保费为缴费基数的{:.2}%，现行费率为{:.2}%（按年{}%折现的现值）",
            g * 100.0,
            c * 100.0,
            crate::output::report::short_percent(v.discount)
        ),
        _ => "按人头定额筹资，无缴费费率可与一般平均保费对照".into(),
    };
    format!("{}{}{dry}；{backstop}；{months}；{premium}。", city(&run.info.scenario), fund(run.info.fund))
}

/// The headlines of a run's funds in Chinese, in the order of
/// `report::headlines` (the fund most at risk first).
pub fn headlines(run: &RunResult) -> Vec<String> {
    crate::output::report::funds_by_risk(run).into_iter().map(headline).collect()
}

/// The first-depletion distribution in one sentence.
fn depletion_sentence(run: &RunResult) -> String {
    let d = Depletion::of(run);
    let span = year_span(&run.info.years);
    let hit: Vec<String> = d.hits.iter().map(|(y, p)| format!("{y}年{}", percent(*p))).collect();
    if hit.is_empty() {
        return format!("{span}，{}条模拟路径的累计结余均未降至零以下。", run.info.paths);
    }
    format!(
        "累计结余首次降至零以下的路径占比：{}；{}的路径在{span}始终不低于零（`{DEPLETION_CSV}`）。",
        hit.join("，"),
        percent(d.never)
    )
}

/// The Chinese report.md; `settlement` when the run settles districts.
pub fn markdown(run: &RunResult, settlement: Option<&Settlement>, adjustment: Option<&AdjustmentAcc>) -> String {
    let i = &run.info;
    let span = year_span(&i.years);
    let mut md = String::new();
    let w = &mut md;
    let resident = i.fund == Fund::Resident;
    let _ = writeln!(w, "# {}{}运行预测（场景 {}）\n", city(&i.scenario), fund(i.fund), cell(&i.scenario));
    for h in headlines(run) {
        let _ = writeln!(w, "{}\n", cell(&h));
    }
    let accounted = if resident { "，与职工医保分账核算" } else { "" };
    let _ = writeln!(
        w,
        "对全市{}{accounted}作{}条随机模拟路径的预测，预测期{}年（{span}），随机种子{}。\n",
        fund(i.fund),
        i.paths,
        i.years.len(),
        i.seed
    );

    crate::output::report::run_table(w, run, &span, crate::output::lang::Lang::Zh);

    key_figures(w, run);
    deficit_years(w, run);
    if let Some(r) = &run.resident {
        side_by_side(w, run, r);
    }
    if resident {
        resident_section(w, run, adjustment);
    }

    let _ = writeln!(w, "## 图表\n");
    for (stem, alt, what) in [
        (
            MONTHS_FAN,
            "各年度累计结余可支付月数",
            "累计结余可支付月数：5%–95%与25%–75%分位区间及中位数，并标出警戒区间。",
        ),
        (BALANCE_FAN, "各年度累计结余", "累计结余：同样的分位区间，并标出零结余线。"),
        (FLOWS, "各年度按待遇类别的基金支出均值与基金收入均值", "按待遇类别的基金支出均值（堆积）与基金收入均值。"),
    ] {
        let _ = writeln!(w, "{what}（[SVG]({stem}.svg)）\n\n![{alt}]({stem}.png)\n");
    }
    if let Some(s) = settlement {
        let _ = writeln!(w, "## 区县结算\n");
        let _ = writeln!(w, "{}\n", settlement_paragraph(s));
        for (stem, alt, what) in [
            (
                BURDEN,
                "各年度区县超支及征缴缺口的分担",
                "年度均值：市级统筹基金分担的超支、区县留存结余与区县政府承担的部分（堆积），以及区县留存结余（折线）。",
            ),
            (
                DISTRICTS_DRY,
                "各区县各年度需区县政府出资的路径占比",
                "哪些区县最先收不抵支：各区县政府需出资弥补的模拟路径占比。",
            ),
        ] {
            let _ = writeln!(w, "{what}（[SVG]({stem}.svg)）\n\n![{alt}]({stem}.png)\n");
        }
    }

    let [g3, g6, ..] = GUIDANCE_MONTHS;
    let _ = writeln!(w, "## 文件\n");
    let _ = writeln!(
        w,
        "- `{LEDGER_PARQUET}`、`{LEDGER_CSV}`：基金台账，每条路径、每年、每个区县一行：参保人数、分来源的基金收入、分待遇\
         类别的基金支出、收支合计、年初与年末累计结余、可支付月数；职工医保台账另列备查项（含在个人负担之内）：\
         先行自付（`self_pay_first_yuan`）、医用耗材超过限价部分（`material_excess_yuan`）、床位费超过标准部分\
         （`bed_excess_yuan`）。"
    );
    let _ = writeln!(
        w,
        "- `{SUMMARY_CSV}`：每年一行的各路径统计：累计结余与可支付月数的均值和分位数（5、25、50、75、95），累计结余为负、\
         可支付月数不足{g3}个月和{g6}个月、当年首次穿底的路径占比，基金收入与支出均值。"
    );
    let _ = writeln!(w, "- `{DEPLETION_CSV}`：各年首次穿底的路径占比，以及从未穿底（`never`）的占比。");
    if settlement.is_some() {
        let _ = writeln!(
            w,
            "- `{DISTRICTS_CSV}`：区县结算，每年每个区县一行（名称、拼音、类别）：征缴与支出目标及实际数的各路径均值、区县留存、\
             市级分担的超支、留存结余与区县政府承担的金额、年末留存结余，以及区县政府需出资（`p_government_pays`）和留存结余\
             为零（`p_surplus_zero`）的路径占比。"
        );
    }
    let _ = writeln!(w, "\n表格的列名保持英文（ASCII），与英文报告相同。\n");

    let _ = writeln!(w, "## 假设\n");
    if i.assumptions.is_empty() {
        let _ = writeln!(w, "场景未声明任何假设：全部参数均取自政策文件。\n");
    } else {
        let _ = writeln!(w, "政策文件未给出、由场景设定的参数（说明照录场景原文）：\n");
        for (key, why) in &i.assumptions {
            let _ = writeln!(w, "- `{}`：{}", cell(key), cell(why));
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## 金额说明\n");
    let _ = writeln!(
        w,
        "本报告金额以万元（一亿元以上以亿元）计；表格文件中的金额以元为单位、为浮点数（`{LEDGER_CSV}`、`{LEDGER_PARQUET}`：\
         由精确到分的台账各换算一次，最多两位小数；`{SUMMARY_CSV}`：各路径统计，四舍五入到分）。浮点数求和可能与台账\
         相差一分。基金收入已扣除划入个人账户的部分（`to_personal_accounts` 为负数）。当年无统筹基金支出的年份不计可支付\
         月数。文本文件为 UTF-8 编码。"
    );
    md
}

/// 主要指标: the yearly table of months, balance and risks.
fn key_figures(w: &mut String, run: &RunResult) {
    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    let _ = writeln!(w, "## 主要指标\n");
    let _ = writeln!(
        w,
        "全市合计，各模拟路径的统计。累计结余可支付月数 = 年末累计结余 ÷ 当年统筹基金月均支出；低于{g3}个月为结余不足，\
         {g6}至{g9}个月为合理，高于{g15}个月为结余过多。\n"
    );
    if sampled(run) {
        let _ = writeln!(
            w,
            "本次只模拟了部分参保人（`--sample`），每人代表多人：各中位数后附抽样标准误（±），为截至当年各年净收支方差之和的\
             平方根（`{SUMMARY_CSV}` 的 `sampling_se_balance`、`sampling_se_months` 列）。\n"
        );
    }
    let _ = writeln!(
        w,
        "| 年度 | 可支付月数中位数 | 累计结余中位数（万元） | 累计结余为负的概率 | 可支付月数不足{g3}个月的概率 | 不足{g6}个月的概率 |"
    );
    let _ = writeln!(w, "|---:|---:|---:|---:|---:|---:|");
    let wan = |v: f64| grouped_hundredths((v / 1e4 * 100.0).round() as i128);
    for r in key_rows(run, &wan, &|v| format!("{:.2}", v / 1e4)) {
        let (a, b, c) = (percent(r.below_zero), percent(r.below_3), percent(r.below_6));
        let _ = writeln!(w, "| {} | {} | {} | {a} | {b} | {c} |", r.year, r.months, r.balance);
    }
    let _ = writeln!(w, "\n{}\n", depletion_sentence(run));
}

/// 赤字年份: the first years of a current-year and an accumulated deficit.
fn deficit_years(w: &mut String, run: &RunResult) {
    let v = &run.verdict;
    let i = &run.info;
    let last = i.years.last().copied().unwrap_or_default();
    let y = |x: Option<i32>| x.map_or_else(|| format!("{last}年以后"), |y| y.to_string());
    let _ = writeln!(w, "## 赤字年份\n");
    let _ = writeln!(
        w,
        "{}条模拟路径、{}内首次出现当期赤字（当年基金收入——不含财政兜底——低于统筹基金支出，即当期结余为负）和累计赤字\
         （累计结余为负，或需财政兜底）的年份。\n",
        i.paths,
        year_span(&i.years)
    );
    let _ = writeln!(w, "| | 5%分位 | 中位数 | 95%分位 | 至{last}年出现的路径占比 |");
    let _ = writeln!(w, "|---|---:|---:|---:|---:|");
    for (what, f) in [("首次当期赤字", &v.first_current_deficit), ("首次累计赤字", &v.first_accumulated_deficit)]
    {
        let _ = writeln!(w, "| {what} | {} | {} | {} | {} |", y(f.p5), y(f.median), y(f.p95), percent(f.share));
    }
    let published = published_deficits(&i.scenario);
    if !published.is_empty() {
        let _ = writeln!(w, "\n已发表的本基金测算（`../shared/calibration.md`），仅供对照走势，并非校准目标：\n");
        for f in &published {
            let m = if f.current { "首次当期赤字" } else { "累计赤字始于" };
            let _ = writeln!(w, "- {}：{m}{}年（{}）", f.study, f.year, f.note);
        }
    }
    w.push('\n');
}

/// The district settlement in one paragraph.
fn settlement_paragraph(s: &Settlement) -> String {
    let span = year_span(&s.years);
    let f = SettlementFigures::of(s);
    let mut p = format!(
        "{span}各路径平均：按超支分担办法，市级统筹基金分担区县超支{}；区县留存结余弥补{}（其中征缴缺口{}、区县承担的超支{}），\
         留存结余用尽后由区县政府承担{}。区县超额征缴留存{}、支出结余留存{}，{}年末区县留存结余合计{}。",
        amount(f.city),
        amount(f.surplus_used),
        amount(f.shortfall),
        amount(f.overspend),
        amount(f.government),
        amount(f.kept_collection),
        amount(f.kept_savings),
        f.last_year.map_or_else(String::new, |y| y.to_string()),
        amount(f.surplus_end),
    );
    if f.needy.is_empty() {
        p.push_str("任何路径、任何年度均无需区县政府出资。");
    } else {
        let named: Vec<String> = f
            .needy
            .iter()
            .map(|&(d, v, first)| {
                let first = first
                    .map_or(String::new(), |y| format!("，自{y}年起超过{:.0}%的路径需出资", DRY_THRESHOLD * 100.0));
                format!("{}（{}的路径年份需出资{first}）", cell(&s.districts[d].name), percent(v))
            })
            .collect();
        let _ = write!(
            p,
            "最常需要区县政府出资的是{}；{}个区县中有{}个至少出资一次。",
            named.join("、"),
            s.districts.len(),
            f.needy_count
        );
    }
    p
}

/// The employee and resident funds year by year, one table.
fn side_by_side(w: &mut String, employee: &RunResult, resident: &RunResult) {
    let wan = |v: f64| grouped_hundredths((v / 1e4 * 100.0).round() as i128);
    let _ = writeln!(w, "## 职工医保与居民医保对照\n");
    let _ = writeln!(
        w,
        "居民医保基金在同一组路径的经济情景（工资、物价、利率、冲击）下预测，参保人、政策和台账自成一体（分账核算）；其报告、\
         表格和图表在 [`{RESIDENT_DIR}/`]({RESIDENT_DIR}/{REPORT_MD})。基金收入与支出为各路径均值（万元）。\n"
    );
    let _ = writeln!(
        w,
        "| 年度 | 职工医保：可支付月数中位数 | 职工医保：累计结余为负的概率 | 职工医保：基金收入 | 职工医保：基金支出 | \
         居民医保：可支付月数中位数 | 居民医保：累计结余为负的概率 | 居民医保：基金收入 | 居民医保：基金支出 |"
    );
    let _ = writeln!(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (e, r) in employee.summary.iter().zip(&resident.summary) {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            e.year,
            median_months(e),
            percent(e.p_below_zero),
            wan(e.income_mean),
            wan(e.outflow_mean),
            median_months(r),
            percent(r.p_below_zero),
            wan(r.income_mean),
            wan(r.outflow_mean),
        );
    }
    let _ = writeln!(w);
}

/// A resident fund's financing and its city adjustment fund.
fn resident_section(w: &mut String, run: &RunResult, adjustment: Option<&AdjustmentAcc>) {
    let i = &run.info;
    let span = year_span(&i.years);
    let f = ResidentFinancing::of(run);
    let share = |x: f64| f.share(x).map_or_else(|| "\u{2013}".into(), percent);
    let _ = writeln!(w, "## 基金筹资\n");
    let _ = writeln!(
        w,
        "{span}各路径平均，基金筹资{}：个人缴费{}（{}），特殊群体参保资助{}（{}），中央和省级财政补助{}（{}），\
         市级财政补助{}（{}），区县财政补助{}（{}）。基金待遇支出{}；财政兜底{}，区县政府出资{}。\n",
        amount(f.financing()),
        amount(f.own),
        share(f.own),
        amount(f.help),
        share(f.help),
        amount(f.upper),
        share(f.upper),
        amount(f.city),
        share(f.city),
        amount(f.district),
        share(f.district),
        amount(f.outflow),
        amount(f.backstop),
        amount(f.district_government),
    );
    let Some(a) = AdjustmentFigures::of(run, adjustment) else { return };
    let named: Vec<String> = a
        .needy
        .iter()
        .map(|&(d, v)| format!("{}（{}的路径年份获得调剂）", cell(&i.districts[d]), percent(v)))
        .collect();
    let _ = writeln!(w, "## 市级调剂金\n");
    let _ = writeln!(
        w,
        "{span}区县上解市级调剂金{}（使其保持在当年筹资的规定比例），调剂金向自身累计结余不足以弥补当年缺口的区县拨付{}；\
         调剂不足或考核未通过的，由区县政府出资{}；期末调剂金余额{}（各路径均值；调剂金为台账中的 `{}` 行，分年分区县见 \
         `adjustment.csv`）。{}\n",
        amount(a.levies),
        amount(a.grants),
        amount(a.government),
        amount(a.end),
        cell(ADJUSTMENT_FUND_ROW),
        if named.is_empty() {
            "任何路径均无区县需要调剂。".to_string()
        } else {
            format!("获得调剂最多的区县：{}。", named.join("、"))
        }
    );
}
