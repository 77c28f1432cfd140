//! `medfund compare` outputs: per city and per city × category × age band
//! tables and the decomposition by rule family, as CSV, Parquet and one
//! Excel workbook (a sheet per table), grouped-bar charts, and compare.md.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use medfund_analysis::compare::{AGE_BANDS, CATEGORIES, Comparison, Decomposition, FAMILIES, Group};
use polars::prelude::*;

use super::charts::{self, Bars};
use super::files::{write_atomic, write_staged};
use super::labels;
use super::lang::Lang;
use super::tables;
use super::workbook::{self, Sheet, Unit, col};

/// A table's column: numbers (NaN for none) or text.
enum Col {
    Num(Vec<f64>),
    Text(Vec<String>),
}

/// A named table, written as CSV, Parquet and a workbook sheet.
struct Table {
    name: &'static str,
    cols: Vec<(String, Col)>,
}

impl Table {
    fn rows(&self) -> usize {
        self.cols.first().map_or(0, |(_, c)| match c {
            Col::Num(v) => v.len(),
            Col::Text(v) => v.len(),
        })
    }

    fn frame(&self) -> anyhow::Result<DataFrame> {
        let cols: Vec<Column> = self
            .cols
            .iter()
            .map(|(n, c)| match c {
                Col::Num(v) => Column::new(
                    n.as_str().into(),
                    v.iter().map(|x| x.is_finite().then_some(*x)).collect::<Vec<Option<f64>>>(),
                ),
                Col::Text(v) => Column::new(n.as_str().into(), v.clone()),
            })
            .collect();
        Ok(DataFrame::new(self.rows(), cols)?)
    }
}

fn group_columns(rows: &[&Group]) -> Vec<(String, Col)> {
    let num = |n: &str, f: &dyn Fn(&Group) -> f64| (n.to_string(), Col::Num(rows.iter().map(|g| f(g)).collect()));
    vec![
        num("members", &|g| g.members as f64),
        num("bill_per_member_yuan", &|g| g.bill_per_member()),
        num("fund_per_member_yuan", &|g| g.fund_per_member()),
        num("reimbursement_ratio", &|g| g.reimbursement_ratio()),
        num("in_scope_ratio", &|g| g.in_scope_ratio()),
        num("oop_mean_yuan", &|g| g.oop_per_member()),
        num("oop_p90_yuan", &|g| g.oop_quantile(0.90)),
        num("oop_p99_yuan", &|g| g.oop_quantile(0.99)),
        num("share_oop_over_20pct_wage", &|g| g.share_over20()),
        num("share_oop_over_40pct_wage", &|g| g.share_over40()),
        num("employer_per_member_yuan", &|g| g.employer_per_member()),
        num("employee_per_member_yuan", &|g| g.employee_per_member()),
    ]
}

fn tables(c: &Comparison) -> Vec<Table> {
    let paths = f64::from(c.paths.max(1));
    // Cities.
    let totals: Vec<&Group> = c.cities.iter().map(|s| s.total()).collect();
    let mut cols = vec![("city".to_string(), Col::Text(c.cities.iter().map(|s| s.name.clone()).collect()))];
    cols.extend(group_columns(&totals));
    let bal = |f: &dyn Fn(&[f64]) -> f64| {
        Col::Num(
            c.cities
                .iter()
                .map(|s| {
                    let mut v: Vec<f64> = s.balance.iter().map(|b| *b as f64 / 100.0).collect();
                    v.sort_by(f64::total_cmp);
                    f(&v)
                })
                .collect(),
        )
    };
    let q = |v: &[f64], p: f64| medfund_sim::montecarlo::summary::percentile(v, p);
    cols.push((
        "pooled_income_yuan".into(),
        Col::Num(c.cities.iter().map(|s| s.income as f64 / 100.0 / paths).collect()),
    ));
    cols.push((
        "pooled_outflow_yuan".into(),
        Col::Num(c.cities.iter().map(|s| s.outflow as f64 / 100.0 / paths).collect()),
    ));
    cols.push(("pooled_balance_mean_yuan".into(), bal(&|v| v.iter().sum::<f64>() / v.len().max(1) as f64)));
    cols.push(("pooled_balance_p5_yuan".into(), bal(&|v| q(v, 5.0))));
    cols.push(("pooled_balance_p95_yuan".into(), bal(&|v| q(v, 95.0))));
    let cities = Table { name: "cities", cols };

    // Groups.
    let mut keys: Vec<(String, &str, &str)> = Vec::new();
    let mut rows: Vec<&Group> = Vec::new();
    for s in &c.cities {
        for (ci, cat) in CATEGORIES.iter().enumerate() {
            for (bi, g) in s.groups[ci].iter().enumerate() {
                keys.push((s.name.clone(), cat, AGE_BANDS.get(bi).map_or("all", |b| b.2)));
                rows.push(g);
            }
        }
    }
    let mut cols = vec![
        ("city".to_string(), Col::Text(keys.iter().map(|k| k.0.clone()).collect())),
        ("category".to_string(), Col::Text(keys.iter().map(|k| k.1.to_string()).collect())),
        ("age_band".to_string(), Col::Text(keys.iter().map(|k| k.2.to_string()).collect())),
    ];
    cols.extend(group_columns(&rows));
    let groups = Table { name: "groups", cols };

    // Decompositions.
    let mut d_rows: Vec<(String, String, String, f64, f64, f64)> = Vec::new();
    for d in &c.decompositions {
        for p in &d.parts {
            d_rows.push((
                d.a.clone(),
                d.b.clone(),
                p.family.clone(),
                p.fund_per_member,
                p.oop_per_member,
                p.balance_per_member,
            ));
        }
    }
    let decomposition = Table {
        name: "decomposition",
        cols: vec![
            ("from".into(), Col::Text(d_rows.iter().map(|r| r.0.clone()).collect())),
            ("to".into(), Col::Text(d_rows.iter().map(|r| r.1.clone()).collect())),
            ("family".into(), Col::Text(d_rows.iter().map(|r| r.2.clone()).collect())),
            ("delta_fund_per_member_yuan".into(), Col::Num(d_rows.iter().map(|r| r.3).collect())),
            ("delta_oop_per_member_yuan".into(), Col::Num(d_rows.iter().map(|r| r.4).collect())),
            ("delta_balance_per_member_yuan".into(), Col::Num(d_rows.iter().map(|r| r.5).collect())),
        ],
    };
    vec![cities, groups, decomposition]
}

/// The workbook's columns of `group_columns`.
fn group_cols() -> Vec<workbook::Col> {
    vec![
        col("members", "参保人数", Unit::Count),
        col("bill_per_member", "人均医疗总费用", Unit::Yuan),
        col("fund_per_member", "人均基金支付", Unit::Yuan),
        col("reimbursement_ratio", "实际报销比例", Unit::Share),
        col("in_scope_ratio", "政策范围内报销比例", Unit::Share),
        col("oop_mean", "人均个人负担", Unit::Yuan),
        col("oop_p90", "个人负担90%分位", Unit::Yuan),
        col("oop_p99", "个人负担99%分位", Unit::Yuan),
        col("share_oop_over_20pct_wage", "个人负担超过工资20%的比例", Unit::Rate),
        col("share_oop_over_40pct_wage", "个人负担超过工资40%的比例", Unit::Rate),
        col("employer_per_member", "人均单位缴费", Unit::Yuan),
        col("employee_per_member", "人均个人缴费", Unit::Yuan),
    ]
}

/// The tables as workbook sheets. `members` is shown per path, as
/// compare.md gives it (the CSV's is member-years over all paths).
fn sheets(c: &Comparison, ts: &[Table]) -> anyhow::Result<Vec<Sheet>> {
    let paths = f64::from(c.paths.max(1));
    let mut out = Vec::new();
    for t in ts {
        let mut frame = t.frame()?;
        let (cols, about) = match t.name {
            "cities" => {
                let mut cols = vec![col("city", "城市", Unit::Text)];
                cols.extend(group_cols());
                cols.extend([
                    col("pooled_income", "统筹基金收入", Unit::Wan),
                    col("pooled_outflow", "统筹基金支出", Unit::Wan),
                    col("pooled_balance_mean", "统筹基金当期结余均值", Unit::Wan),
                    col("pooled_balance_p5", "统筹基金当期结余5%分位", Unit::Wan),
                    col("pooled_balance_p95", "统筹基金当期结余95%分位", Unit::Wan),
                ]);
                (cols, "one row per city: the same population settled by each city's rules (compare_cities.csv)")
            }
            "groups" => {
                let mut cols = vec![
                    col("city", "城市", Unit::Text),
                    col("category", "人员类别", Unit::Text),
                    col("age_band", "年龄段", Unit::Text),
                ];
                cols.extend(group_cols());
                (cols, "city × category × age band; the `all` rows are totals (compare_groups.csv)")
            }
            _ => (
                vec![
                    col("from", "从", Unit::Text),
                    col("to", "到", Unit::Text),
                    col("family", "规则类别", Unit::Text),
                    col("delta_fund_per_member", "人均基金支付变化", Unit::Yuan),
                    col("delta_oop_per_member", "人均个人负担变化", Unit::Yuan),
                    col("delta_balance_per_member", "人均当期结余变化", Unit::Yuan),
                ],
                "each family of rules switched alone, the change per member and year (compare_decomposition.csv)",
            ),
        };
        if let Some(Col::Num(v)) = t.cols.iter().find(|(n, _)| n == "members").map(|(_, c)| c) {
            frame.with_column(Column::new("members".into(), v.iter().map(|m| m / paths).collect::<Vec<f64>>()))?;
        }
        out.push(Sheet::new(t.name, about, frame, cols));
    }
    Ok(out)
}

/// The workbook's README: what compare.md says of the comparison.
fn readme(c: &Comparison, command: &str, assumptions: &[(String, String)]) -> workbook::Readme {
    let names: Vec<&str> = c.cities.iter().map(|s| s.name.as_str()).collect();
    let run = vec![
        ("城市 cities".into(), names.join(", ")),
        (
            "人口 population".into(),
            format!("{}'s employee scheme, {} members (参保人数), {}", c.population, c.members, c.year),
        ),
        ("随机种子 seed".into(), c.seed.to_string()),
        ("路径数 paths".into(), c.paths.to_string()),
        ("年度 year".into(), c.year.to_string()),
        ("medfund 版本 version".into(), env!("CARGO_PKG_VERSION").into()),
        ("重现命令 reproduce".into(), command.to_string()),
    ];
    workbook::Readme {
        title: format!("medfund compare: {} \u{2014} 城市政策比较 comparison of city rules", names.join(", ")),
        run,
        assumptions: Some(assumptions.to_vec()),
        notes: vec![format!(
            "members (参保人数) is per path, as compare.md gives it; compare_cities.csv and compare_groups.csv count \
             member-years over all {} paths. Per-member figures are yuan (元) per member and year.",
            c.paths
        )],
    }
}

/// The charts: grouped bars of the reimbursement ratio and out-of-pocket
/// by category, the out-of-pocket percentiles, and each decomposition.
fn bar_charts(c: &Comparison, lang: Lang) -> Vec<(String, Bars)> {
    let t = labels::compare(lang);
    let cities: Vec<String> = c.cities.iter().map(|s| (t.city)(&s.name)).collect();
    let tag = (t.tag)(c);
    let by_cat = |f: fn(&Group) -> f64| -> Vec<Vec<f64>> {
        (0..CATEGORIES.len()).map(|ci| c.cities.iter().map(|s| f(&s.groups[ci][AGE_BANDS.len()])).collect()).collect()
    };
    let categories: Vec<String> = t.categories.iter().map(|s| s.to_string()).collect();
    let mut out = vec![
        (
            "compare_ratio".to_string(),
            Bars {
                title: t.ratio_title.into(),
                subtitle: tag.clone(),
                groups: categories.clone(),
                series: cities.clone(),
                values: by_cat(|g| g.reimbursement_ratio() * 100.0),
                y_desc: t.ratio_y.into(),
                percent: true,
            },
        ),
        (
            "compare_oop".to_string(),
            Bars {
                title: t.oop_title.into(),
                subtitle: tag.clone(),
                groups: categories,
                series: cities.clone(),
                values: by_cat(|g| g.oop_per_member()),
                y_desc: t.oop_y.into(),
                percent: false,
            },
        ),
        (
            "compare_oop_percentiles".to_string(),
            Bars {
                title: t.pct_title.into(),
                subtitle: tag.clone(),
                groups: t.pct_groups.iter().map(|s| s.to_string()).collect(),
                series: cities.clone(),
                values: [
                    |g: &Group| g.oop_per_member(),
                    |g: &Group| g.oop_quantile(0.9),
                    |g: &Group| g.oop_quantile(0.99),
                ]
                .iter()
                .map(|f| c.cities.iter().map(|s| f(s.total())).collect())
                .collect(),
                y_desc: t.per_member_y.into(),
                percent: false,
            },
        ),
        (
            "compare_age".to_string(),
            Bars {
                title: t.age_title.into(),
                subtitle: tag.clone(),
                groups: AGE_BANDS.iter().map(|b| b.2.to_string()).collect(),
                series: cities.clone(),
                values: (0..AGE_BANDS.len())
                    .map(|b| c.cities.iter().map(|s| s.groups[3][b].fund_per_member()).collect())
                    .collect(),
                y_desc: t.per_member_y.into(),
                percent: false,
            },
        ),
    ];
    for d in &c.decompositions {
        let parts: Vec<_> = d.parts.iter().filter(|p| p.family != "total").collect();
        out.push((
            format!("decomposition_{}_{}", d.a, d.b),
            Bars {
                title: (t.decomp_title)(&d.a, &d.b),
                subtitle: (t.decomp_subtitle)(&d.a, &d.b, d.parts.last().map_or(0.0, |p| p.fund_per_member)),
                groups: parts.iter().map(|p| (t.family)(&p.family)).collect(),
                series: t.decomp_series.iter().map(|s| s.to_string()).collect(),
                values: parts.iter().map(|p| vec![p.fund_per_member, p.oop_per_member]).collect(),
                y_desc: t.change_y.into(),
                percent: false,
            },
        ));
    }
    out
}

/// Write the comparison into the folder `out`, whole or not at all
/// (`files::write_staged`); returns the files written.
///
/// `assumptions`: the scenarios' assumptions (parameter key, reason), for
/// the workbook's README.
pub fn write_compare(
    out: &Path,
    c: &Comparison,
    command: &str,
    assumptions: &[(String, String)],
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    write_staged(out, &[], |dir| write_compare_into(dir, c, command, assumptions, lang))
}

fn write_compare_into(
    dir: &Path,
    c: &Comparison,
    command: &str,
    assumptions: &[(String, String)],
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let ts = tables(c);
    for t in &ts {
        let mut f = t.frame()?;
        written.push(write_atomic(dir, &format!("compare_{}.csv", t.name), |p| tables::write_csv(p, &mut f))?);
        written.push(write_atomic(dir, &format!("compare_{}.parquet", t.name), |p| tables::write_parquet(p, &mut f))?);
    }
    let (sheets, readme) = (sheets(c, &ts)?, readme(c, command, assumptions));
    written.push(write_atomic(dir, "compare.xlsx", |p| workbook::write(p, &readme, &sheets))?);
    charts::register_fonts()?;
    let bars = bar_charts(c, lang);
    for (stem, b) in &bars {
        written.push(write_atomic(dir, &format!("{stem}.png"), |p| charts::write_figure_png(p, b))?);
        written.push(write_atomic(dir, &format!("{stem}.svg"), |p| charts::write_figure_svg(p, b))?);
    }
    let md = match lang {
        Lang::En => markdown(c, command, &bars),
        Lang::Zh => labels::zh_compare::markdown(c, command, &bars),
    };
    written.push(write_atomic(dir, "compare.md", |p| fs::write(p, md.as_bytes()).map_err(Into::into))?);
    Ok(written)
}

/// The cities' table rows of `compare.md`, each city named by `name`.
pub(crate) fn city_rows(w: &mut String, c: &Comparison, name: &dyn Fn(&str) -> String) {
    for s in &c.cities {
        let t = s.total();
        let bal = s.balance.iter().sum::<i64>() as f64 / 100.0 / t.members.max(1) as f64;
        let _ = writeln!(
            w,
            "| {} | {:.1}% | {:.1}% | {:.0} | {:.0} | {:.0} | {:.0} | {:.2}% | {:.2}% | {:.0} | {:.0} | {:.0} |",
            name(&s.name),
            t.reimbursement_ratio() * 100.0,
            t.in_scope_ratio() * 100.0,
            t.fund_per_member(),
            t.oop_per_member(),
            t.oop_quantile(0.9),
            t.oop_quantile(0.99),
            t.share_over20() * 100.0,
            t.share_over40() * 100.0,
            t.employer_per_member(),
            t.employee_per_member(),
            bal
        );
    }
}

/// A decomposition's table rows: each rule family's change per member.
pub(crate) fn family_rows(w: &mut String, d: &Decomposition) {
    for p in &d.parts {
        let _ = writeln!(
            w,
            "| {} | {:+.1} | {:+.1} | {:+.1} |",
            p.family, p.fund_per_member, p.oop_per_member, p.balance_per_member
        );
    }
}

/// The charts, each with its SVG link in `brackets`.
pub(crate) fn chart_list(w: &mut String, bars: &[(String, Bars)], brackets: (&str, &str)) {
    let (open, close) = brackets;
    for (stem, b) in bars {
        let _ = writeln!(w, "{}{open}[SVG]({stem}.svg){close}\n\n![{}]({stem}.png)\n", b.title, b.title);
    }
}

fn markdown(c: &Comparison, command: &str, bars: &[(String, Bars)]) -> String {
    let mut md = String::new();
    let w = &mut md;
    let _ =
        writeln!(w, "# medfund compare: {}\n", c.cities.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "));
    let _ = writeln!(
        w,
        "One synthetic population (the employee scheme of `{}`'s projection: {} members, {}) and one set of claims \
         on {} paths (seed {}), settled by each city's employee rules and charged by each city's contribution \
         schedule, at {}'s average wage. Care a city's rules do not cover is paid by the member in full.\n",
        c.population, c.members, c.year, c.paths, c.seed, c.population
    );
    let _ = writeln!(w, "To reproduce:\n\n```sh\n{command}\n```\n");
    let _ = writeln!(w, "## Cities\n");
    let _ = writeln!(
        w,
        "| City | Reimbursed (whole bill) | Reimbursed (in scope) | Fund cost / member | Out-of-pocket mean | p90 | p99 \
         | OOP > 20% of wage | OOP > 40% of wage | Employer / member | Employee / member | One-year pooled balance / member |"
    );
    let _ = writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    city_rows(w, c, &|n| n.to_string());
    let _ = writeln!(w);
    for d in &c.decompositions {
        let _ = writeln!(w, "## {} \u{2192} {}, by rule family\n", d.a, d.b);
        let _ = writeln!(
            w,
            "Each family of {}'s rules switched alone into {}'s, the change per member and year (yuan); the \
             interaction is what switching one at a time leaves unexplained. Switching every family gives {} exactly.\n",
            d.b, d.a, d.b
        );
        let _ = writeln!(w, "| Family | Fund cost | Out-of-pocket | Pooled balance |\n|---|---:|---:|---:|");
        family_rows(w, d);
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "## Charts\n");
    chart_list(w, bars, (" (", ")"));
    let _ = writeln!(w, "## Files and definitions\n");
    let _ = writeln!(
        w,
        "- `compare_cities`, `compare_groups` (city × category × age band; `all` rows are totals), \
         `compare_decomposition`: as `.csv` and `.parquet`, and together in `compare.xlsx`, a sheet each."
    );
    let _ = writeln!(
        w,
        "- Reimbursed: what the pooled fund and the large-expense top-up paid, of the whole bill and of its part \
         within the catalogues; fund cost adds maternity allowances. Out-of-pocket: the bill less those payments; \
         its percentiles come from a histogram with bins 2.3% wide. Catastrophic spending: out-of-pocket above 20% \
         (40%) of the member's yearly wage (retirees: their drawn wage, a crude proxy for a pension)."
    );
    let _ = writeln!(
        w,
        "- One-year pooled balance: contributions to the pooled fund (net of personal accounts, per-head fees \
         included) less benefits and retirees' account credits, for one year, with no opening balance or interest."
    );
    let fams: Vec<String> = FAMILIES.iter().map(|f| format!("`{}`: {}", f.name, f.what)).collect();
    let _ = writeln!(w, "- Rule families: {}.", fams.join("; "));
    md
}
