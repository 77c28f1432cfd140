//! `--lang zh|en` on the commands beyond simulate, report and merge that
//! write folders: a Chinese run on a tiny scenario writes its .md with the
//! Chinese headings and its charts with Chinese titles in the CJK font;
//! the default comes from the locale (LANG=zh_CN.UTF-8); `--lang en`
//! overrides the locale. (That `--lang en` is today's English to the byte
//! is tests/golden.rs's.)

mod common;

use std::path::Path;

use common::{medfund_command, ok, scratch};

/// medfund with `args` and the locale `lang` (LANG; LC_ALL and LC_MESSAGES
/// cleared), or none; its standard output, the run having succeeded.
fn medfund_in(lang: Option<&str>, args: &[&str]) -> String {
    let mut c = medfund_command(args);
    if let Some(l) = lang {
        c.env("LANG", l);
    }
    ok(&c.output().unwrap())
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A tiny stress grid of dingxi into `out` (`grids` its axes).
fn stress(out: &Path, lang: Option<&str>, grids: &[&str], extra: &[&str]) {
    let mut a = vec![
        "stress",
        "--scenario",
        "dingxi",
        "--set",
        "projection.population.members=300",
        "--years",
        "2",
        "--paths",
        "3",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    for g in grids {
        a.extend(["--grid", g]);
    }
    a.extend_from_slice(extra);
    medfund_in(lang, &a);
}

/// A Chinese chart: its Chinese title, drawn in the CJK font.
fn assert_chinese_svg(svg: &str, title: &str) {
    assert!(svg.contains(title), "no Chinese title {title}");
    assert!(svg.contains("Noto Sans CJK SC"), "no CJK font family");
}

#[test]
fn stress_in_chinese_from_the_flag_and_from_the_locale() {
    // --lang zh over an English locale: a heatmap grid.
    let d = scratch("lang_commands", "stress_zh");
    stress(&d, Some("en_US.UTF-8"), &["employer_rate=0.06,0.067", "medical_inflation=0.04,0.05"], &["--lang", "zh"]);
    let md = read(&d.join("stress.md"));
    for h in ["# medfund 压力测试：定西市职工医保统筹基金", "## 参数网格", "## 热力图", "## 指标说明", "单位缴费费率"]
    {
        assert!(md.contains(h), "stress.md lacks {h}:\n{md}");
    }
    assert!(!md.contains("## Grid"), "English heading in the Chinese stress.md");
    let svg = read(&d.join("stress_p_months6_every_year.svg"));
    assert_chinese_svg(&svg, "每年可支付月数均不低于6个月的概率");
    assert!(svg.contains("当前场景") && svg.contains("颜色"), "the heatmap's legend is not in Chinese");
    // The CSV keeps its ASCII column names.
    let csv = read(&d.join("stress.csv"));
    assert!(csv.trim_start_matches('\u{feff}').lines().next().unwrap().is_ascii(), "{csv}");
    assert!(d.join("stress_p_months6_every_year.png").is_file());

    // The default from the locale: a one-axis grid (line charts).
    let d = scratch("lang_commands", "stress_locale");
    stress(&d, Some("zh_CN.UTF-8"), &["employer_rate=0.06,0.067,0.07"], &[]);
    let md = read(&d.join("stress.md"));
    assert!(md.contains("## 折线图"), "{md}");
    let svg = read(&d.join("stress_median_final_months.svg"));
    assert_chinese_svg(&svg, "末年累计结余可支付月数中位数");
    assert!(svg.contains("单位缴费费率（employer_rate）"), "the axis title is not in Chinese");

    // --lang en over a Chinese locale: English.
    let d = scratch("lang_commands", "stress_en");
    stress(&d, Some("zh_CN.UTF-8"), &["employer_rate=0.06,0.067,0.07"], &["--lang", "en"]);
    let md = read(&d.join("stress.md"));
    assert!(md.starts_with("# medfund stress test: dingxi") && md.contains("## Line charts"), "{md}");
    assert!(!read(&d.join("stress_p_depletion.svg")).contains("Noto Sans CJK SC"));
}

/// A tiny sensitivity run of dingxi into `out`.
fn sensitivity(out: &Path, lang: Option<&str>, extra: &[&str]) {
    let mut a = vec![
        "sensitivity",
        "--scenario",
        "dingxi",
        "--set",
        "projection.population.members=300",
        "--set",
        "projection.fund.opening_balance=300000",
        "--years",
        "3",
        "--paths",
        "4",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    medfund_in(lang, &a);
}

#[test]
fn sensitivity_in_chinese_from_the_flag_and_from_the_locale() {
    let d = scratch("lang_commands", "sensitivity_zh");
    sensitivity(&d, Some("en_US.UTF-8"), &["--lang", "zh"]);
    let md = read(&d.join("sensitivity.md"));
    for h in ["# medfund 敏感性分析：定西市职工医保统筹基金", "基准情形", "| 假设参数 | 端点 |", "## 龙卷风图"]
    {
        assert!(md.contains(h), "sensitivity.md lacks {h}:\n{md}");
    }
    let svg = read(&d.join("tornado.svg"));
    assert_chinese_svg(&svg, "敏感性分析\u{2014}\u{2014}定西市职工医保");
    assert!(svg.contains("区间下限") && svg.contains("基准（现行场景）"), "the tornado's legend is not in Chinese");
    let csv = read(&d.join("sensitivity.csv"));
    assert!(csv.trim_start_matches('\u{feff}').lines().next().unwrap().is_ascii(), "{csv}");

    let d = scratch("lang_commands", "sensitivity_locale");
    sensitivity(&d, Some("zh_CN.UTF-8"), &[]);
    assert!(read(&d.join("sensitivity.md")).contains("## 龙卷风图"));
    assert_chinese_svg(&read(&d.join("tornado.svg")), "区间上限");

    let d = scratch("lang_commands", "sensitivity_en");
    sensitivity(&d, Some("zh_CN.UTF-8"), &["--lang", "en"]);
    assert!(read(&d.join("sensitivity.md")).starts_with("# medfund sensitivity: dingxi"));
    assert!(read(&d.join("tornado.svg")).contains("Low end of the range"));
}

/// A tiny comparison of the four cities on ziyang's population into `out`.
fn compare(out: &Path, lang: Option<&str>, extra: &[&str]) {
    let mut a = vec![
        "compare",
        "--quiet",
        "--population",
        "ziyang",
        "--set",
        "projection.population.members=300",
        "--paths",
        "1",
        "--out",
        out.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    medfund_in(lang, &a);
}

#[test]
fn compare_in_chinese_from_the_flag_and_from_the_locale() {
    let d = scratch("lang_commands", "compare_zh");
    compare(&d, Some("en_US.UTF-8"), &["--lang", "zh"]);
    let md = read(&d.join("compare.md"));
    for h in [
        "# medfund 城市政策比较：资阳市、泸州市、定西市、重庆市",
        "## 各市比较",
        "## 资阳市\u{2192}泸州市：按政策类别分解",
        "## 图表",
    ] {
        assert!(md.contains(h), "compare.md lacks {h}:\n{md}");
    }
    let svg = read(&d.join("compare_ratio.svg"));
    assert_chinese_svg(&svg, "实际报销比例（占全部医疗费用）");
    assert!(svg.contains("退休人员") && svg.contains("重庆市"), "the groups and cities are not in Chinese");
    assert_chinese_svg(&read(&d.join("decomposition_ziyang_luzhou.svg")), "按政策类别分解的人均基金支出变化");
    let csv = read(&d.join("compare_cities.csv"));
    assert!(csv.trim_start_matches('\u{feff}').lines().next().unwrap().is_ascii(), "{csv}");

    let d = scratch("lang_commands", "compare_locale");
    compare(&d, Some("zh_CN.UTF-8"), &[]);
    assert!(read(&d.join("compare.md")).contains("## 各市比较"));
    assert_chinese_svg(&read(&d.join("compare_age.svg")), "分年龄段人均基金支出");

    let d = scratch("lang_commands", "compare_en");
    compare(&d, Some("zh_CN.UTF-8"), &["--lang", "en"]);
    assert!(read(&d.join("compare.md")).starts_with("# medfund compare: ziyang, luzhou, dingxi, chongqing"));
    assert!(read(&d.join("compare_ratio.svg")).contains("Effective reimbursement ratio"));
}

/// A tiny backtest of ziyang into `out`, against ziyang's derived 2025
/// figures taken as observed in 2026 (a year after the base year).
fn backtest(out: &Path, lang: Option<&str>, extra: &[&str]) {
    let src = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/accounts/ziyang-2025-derived.csv"));
    let observed: Vec<String> =
        src.lines().filter(|l| !l.starts_with('#')).map(|l| l.replacen("2025,", "2026,", 1)).collect();
    let file = out.with_extension("observed.csv");
    std::fs::write(&file, observed.join("\n") + "\n").unwrap();
    let mut a = vec![
        "backtest",
        "--scenario",
        "ziyang",
        "--set",
        "projection.population.members=300",
        "--observed",
        file.to_str().unwrap(),
        "--paths",
        "2",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    medfund_in(lang, &a);
}

#[test]
fn backtest_in_chinese_from_the_flag_and_from_the_locale() {
    let d = scratch("lang_commands", "backtest_zh");
    backtest(&d, Some("en_US.UTF-8"), &["--lang", "zh"]);
    let md = read(&d.join("backtest.md"));
    for h in ["# 回测：资阳市，自2025年起", "| 年度 | 指标 | 实际数 | 预测中位数 |", "统筹基金收入 pooled_income"]
    {
        assert!(md.contains(h), "backtest.md lacks {h}:\n{md}");
    }
    let svg = read(&d.join("backtest-pooled-income.svg"));
    assert_chinese_svg(&svg, "统筹基金收入\u{2014}\u{2014}资阳市");
    assert!(svg.contains("实际数（圆点）") && svg.contains("单位：亿元"), "the legend is not in Chinese");
    let csv = read(&d.join("backtest.csv"));
    assert!(csv.starts_with("\u{feff}year,figure,observed,median,p5,p95,inside_band,error_of_median\n"), "{csv}");

    let d = scratch("lang_commands", "backtest_locale");
    backtest(&d, Some("zh_CN.UTF-8"), &[]);
    assert!(read(&d.join("backtest.md")).starts_with("# 回测："));
    assert_chinese_svg(&read(&d.join("backtest-admissions.svg")), "住院人次");

    let d = scratch("lang_commands", "backtest_en");
    backtest(&d, Some("zh_CN.UTF-8"), &["--lang", "en"]);
    assert!(read(&d.join("backtest.md")).starts_with("# Backtest \u{2014} ziyang from 2025"));
    assert!(read(&d.join("backtest-pooled-income.svg")).contains("pooled_income \u{2014} ziyang, seed 42, 2 paths"));
}

/// A tiny dingxi run into `out` in `lang` (`extra`: more options).
fn simulate(out: &Path, lang: &str, extra: &[&str]) {
    let mut a = vec![
        "simulate",
        "--scenario",
        "dingxi",
        "--paths",
        "3",
        "--years",
        "2",
        "--set",
        "projection.population.members=300",
        "--quiet",
        "--lang",
        lang,
        "--out",
        out.to_str().unwrap(),
    ];
    a.extend_from_slice(extra);
    medfund_in(None, &a);
}

#[test]
fn diff_in_chinese_from_the_flag_from_run_a_and_from_the_locale() {
    let d = scratch("lang_commands", "diff");
    let (zh, en) = (d.join("a-zh"), d.join("b-en"));
    simulate(&zh, "zh", &[]);
    simulate(&en, "en", &["--set", "projection.economy.medical_inflation.mean=0.09"]);
    let diff = |a: &Path, b: &Path, out: &str, lang: Option<&str>, extra: &[&str]| -> (String, String, String) {
        let out = d.join(out);
        let mut args = vec!["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let stdout = medfund_in(lang, &args);
        (stdout, read(&out.join("diff.md")), read(&out.join("diff_balance.svg")))
    };
    // --lang zh over an English locale and an English run A.
    let (stdout, md, svg) = diff(&en, &zh, "flag", Some("en_US.UTF-8"), &["--lang", "zh"]);
    assert!(md.starts_with("# 两次运行的差异") && md.contains("方法："), "{md}");
    assert!(stdout.contains("累计结余A 万元"), "{stdout}");
    assert_chinese_svg(&svg, "累计结余：B减A");
    assert!(svg.contains("配对路径"), "the legend is not in Chinese");
    // Run A written in Chinese (run.json's lang) over an English locale.
    let (_, md, _) = diff(&zh, &en, "run-a", Some("en_US.UTF-8"), &[]);
    assert!(md.starts_with("# 两次运行的差异"), "{md}");
    // Run A written in English over a Chinese locale: run.json before the
    // locale (as `medfund report` picks it).
    let (_, md, _) = diff(&en, &zh, "run-a-en", Some("zh_CN.UTF-8"), &[]);
    assert!(md.starts_with("# Run difference"), "{md}");
    let (_, md, svg) = diff(&zh, &en, "en", Some("zh_CN.UTF-8"), &["--lang", "en"]);
    assert!(md.starts_with("# Run difference") && svg.contains("Closing balance: B minus A"), "{md}");
    let csv = read(&d.join("flag/diff.csv"));
    assert!(csv.trim_start_matches('\u{feff}').lines().next().unwrap().is_ascii(), "{csv}");
}

#[test]
fn merged_chinese_stress_shards_stay_chinese() {
    let d = scratch("lang_commands", "stress_shards");
    let shards = d.join("shards");
    for i in ["0/2", "1/2"] {
        stress(&shards, Some("en_US.UTF-8"), &["employer_rate=0.06,0.067"], &["--lang", "zh", "--shard", i]);
    }
    let out = d.join("merged");
    medfund_in(Some("en_US.UTF-8"), &["merge", shards.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(read(&out.join("stress.md")).starts_with("# medfund 压力测试："));
    assert_chinese_svg(&read(&out.join("stress_p_depletion.svg")), "基金穿底");
    // --lang en over the shards' Chinese.
    let out = d.join("merged-en");
    let args = ["merge", shards.to_str().unwrap(), "--out", out.to_str().unwrap(), "--quiet", "--lang", "en"];
    medfund_in(Some("zh_CN.UTF-8"), &args);
    assert!(read(&out.join("stress.md")).starts_with("# medfund stress test: dingxi"));
}
