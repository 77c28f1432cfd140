//! The run's tables as polars data frames, and writing them.
//!
//! Money is f64 yuan (the ledger itself is exact to the fen: a fen count
//! converted once, so every value prints back as at most two decimals).
//! Counts are Int64, the integer type every reader (Excel, pandas, R)
//! takes without surprise; `path` is UInt32, `year` Int32. Non-finite
//! statistics (months of payment in a year with no spending) are null,
//! written as an empty field in CSV.

use std::fs::File;
use std::path::Path;

use medfund_sim::ledger::Fund;
use medfund_sim::ledger::{LedgerRow, LedgerYear};
use medfund_sim::montecarlo::summary::PERCENTILES;
use medfund_sim::montecarlo::{ADJUSTMENT_FUND_ROW, RunInfo, RunResult};
use polars::prelude::*;

use super::workbook::{Col, Unit, col};

/// `ledger.parquet` / `ledger.csv`: one row per path × year × district
/// (of `rows`, part of a run's).
pub fn ledger_frame(info: &RunInfo, rows: &[LedgerRow]) -> anyhow::Result<DataFrame> {
    let n = rows.len();
    let fund = info.fund;
    let mut cols: Vec<Column> = Vec::with_capacity(8 + fund.counts().len() + 20);
    cols.push(Column::new("path".into(), rows.iter().map(|r| r.path).collect::<Vec<u32>>()));
    cols.push(Column::new("year".into(), rows.iter().map(|r| r.year).collect::<Vec<i32>>()));
    let names = &info.districts;
    let district: Vec<&str> =
        rows.iter().map(|r| names.get(usize::from(r.district)).map_or("", String::as_str)).collect();
    cols.push(Column::new("district".into(), district));
    for (name, f) in fund.counts() {
        let v: Vec<i64> = rows.iter().map(|r| i64::try_from(f(&r.ledger)).unwrap_or(i64::MAX)).collect();
        cols.push(Column::new((*name).into(), v));
    }
    let money = |name: &str, f: &dyn Fn(&LedgerYear) -> f64| {
        Column::new(format!("{name}_yuan").into(), rows.iter().map(|r| f(&r.ledger)).collect::<Vec<f64>>())
    };
    // Only the columns the city's rules can fill: the district settlement
    // (and the district governments' payments) where the city settles
    // districts, the adjustment fund's transfers where it has one.
    let districts = info.districts.len() > 1;
    let used = |name: &str| match name {
        "district_government" => districts,
        "adjustment_in" | "adjustment_out" => info.districts.iter().any(|d| d == ADJUSTMENT_FUND_ROW),
        "contribution_base" => true,
        _ if LedgerYear::TOP_UP_FUND.iter().any(|(n, _)| *n == name) => info.optional_columns.contains(&name),
        _ if fund == Fund::Employee && LedgerYear::SETTLEMENT.iter().any(|(n, _)| *n == name) => districts,
        _ => true,
    };
    for (name, f) in fund.income().iter().filter(|(n, _)| used(n)) {
        cols.push(money(name, &|l| f(l).as_yuan_f64()));
    }
    cols.push(money("income_total", &|l| l.income().as_yuan_f64()));
    for (name, f) in outflow_columns(info) {
        cols.push(money(name, &|l| f(l).as_yuan_f64()));
    }
    cols.push(money("outflow_total", &|l| l.outflow().as_yuan_f64()));
    cols.push(money("balance_opening", &|l| l.balance_opening.as_yuan_f64()));
    cols.push(money("balance_closing", &|l| l.balance_closing.as_yuan_f64()));
    let months: Vec<Option<f64>> = rows.iter().map(|r| finite(r.ledger.months_of_payment())).collect();
    cols.push(Column::new("months_of_payment".into(), months));
    // Employee fund: the district settlement (zero where the city settles no
    // districts); resident fund: the adjustment fund's levies and grants.
    for (name, f) in fund.memo().iter().filter(|(n, _)| used(n)) {
        cols.push(money(name, &|l| f(l).as_yuan_f64()));
    }
    Ok(DataFrame::new(n, cols)?)
}

/// `summary.csv`: one row per year across paths.
pub fn summary_frame(run: &RunResult) -> anyhow::Result<DataFrame> {
    let s = &run.summary;
    let col = |name: &str, f: &dyn Fn(&medfund_sim::montecarlo::summary::SummaryYear) -> Option<f64>| {
        Column::new(name.into(), s.iter().map(f).collect::<Vec<Option<f64>>>())
    };
    let mut cols: Vec<Column> = vec![
        Column::new("year".into(), s.iter().map(|y| y.year).collect::<Vec<i32>>()),
        Column::new("paths".into(), s.iter().map(|y| y.paths).collect::<Vec<u32>>()),
        col("balance_mean_yuan", &|y| money(y.balance_mean)),
    ];
    for (i, p) in PERCENTILES.iter().enumerate() {
        cols.push(col(&format!("balance_p{p}_yuan"), &|y| money(y.balance_pct[i])));
    }
    cols.push(col("months_mean", &|y| months(y.months_mean)));
    for (i, p) in PERCENTILES.iter().enumerate() {
        cols.push(col(&format!("months_p{p}"), &|y| months(y.months_pct[i])));
    }
    cols.push(col("p_below_zero", &|y| share(y.p_below_zero)));
    cols.push(col("p_below_3_months", &|y| share(y.p_below_3_months)));
    cols.push(col("p_below_6_months", &|y| share(y.p_below_6_months)));
    cols.push(col("p_first_depletion", &|y| share(y.p_first_depletion)));
    cols.push(col("income_mean_yuan", &|y| money(y.income_mean)));
    cols.push(col("outflow_mean_yuan", &|y| money(y.outflow_mean)));
    // `--sample`: the sampling standard errors (0 when everyone was simulated).
    cols.push(col("sampling_se_balance_yuan", &|y| money(y.sampling_se_balance)));
    cols.push(col("sampling_se_months", &|y| months(y.sampling_se_months)));
    Ok(DataFrame::new(s.len(), cols)?)
}

/// The first year of depletion: (year, share of paths) for every projection
/// year, then ("never", 1 − the sum).
pub fn depletion(run: &RunResult) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> =
        run.summary.iter().map(|y| (y.year.to_string(), share(y.p_first_depletion).unwrap_or(0.0))).collect();
    let depleted: f64 = out.iter().map(|(_, p)| p).sum();
    out.push(("never".to_string(), share((1.0 - depleted).max(0.0)).unwrap_or(0.0)));
    out
}

/// `depletion.csv`: first_depletion_year (a year or "never"), share of
/// paths and the cumulative share.
pub fn depletion_frame(run: &RunResult) -> anyhow::Result<DataFrame> {
    let d = depletion(run);
    let mut cum = 0.0;
    let cumulative: Vec<f64> = d
        .iter()
        .map(|(_, p)| {
            cum += p;
            share(cum.min(1.0)).unwrap_or(0.0)
        })
        .collect();
    let cols = vec![
        Column::new("first_depletion_year".into(), d.iter().map(|(y, _)| y.as_str()).collect::<Vec<&str>>()),
        Column::new("share_of_paths".into(), d.iter().map(|(_, p)| *p).collect::<Vec<f64>>()),
        Column::new("cumulative_share".into(), cumulative),
    ];
    Ok(DataFrame::new(d.len(), cols)?)
}

/// `districts.csv`: one row per year × district, means across paths of the
/// settlement (yuan) and the shares of paths in which the district
/// government paid and in which the district's surplus was zero at year end.
pub fn districts_frame(s: &super::districts::Settlement) -> anyhow::Result<DataFrame> {
    use super::districts::Cell;
    let cells: Vec<(i32, usize, &Cell)> = s
        .years
        .iter()
        .zip(&s.cells)
        .flat_map(|(&y, row)| row.iter().enumerate().map(move |(d, c)| (y, d, c)))
        .collect();
    let n = cells.len();
    let text = |f: fn(&super::districts::District) -> &str| {
        cells.iter().map(|&(_, d, _)| f(&s.districts[d])).collect::<Vec<&str>>()
    };
    let mut cols: Vec<Column> = vec![
        Column::new("year".into(), cells.iter().map(|c| c.0).collect::<Vec<i32>>()),
        Column::new("district".into(), text(|d| d.name.as_str())),
        Column::new("label".into(), text(|d| d.label.as_str())),
        Column::new("class".into(), text(|d| d.class.as_str())),
        Column::new("paths".into(), cells.iter().map(|c| c.2.paths).collect::<Vec<u32>>()),
    ];
    type Field = (&'static str, fn(&Cell) -> f64);
    let fields: [Field; 13] = [
        ("collection_target", |c| c.collection_target),
        ("collection_actual", |c| c.collection_actual),
        ("spending_target", |c| c.spending_target),
        ("spending_actual", |c| c.spending_actual),
        ("collection_retained", |c| c.collection_retained),
        ("savings_retained", |c| c.savings_retained),
        ("overspend_city", |c| c.overspend_city),
        ("shortfall_from_surplus", |c| c.shortfall_from_surplus),
        ("overspend_from_surplus", |c| c.overspend_from_surplus),
        ("district_government", |c| c.district_government),
        ("district_surplus", |c| c.district_surplus),
        ("p_government_pays", |c| c.p_government),
        ("p_surplus_zero", |c| c.p_surplus_zero),
    ];
    for (name, f) in fields {
        let (round, name) = if name.starts_with("p_") {
            (share as fn(f64) -> Option<f64>, name.to_string())
        } else {
            (money as fn(f64) -> Option<f64>, format!("{name}_yuan"))
        };
        cols.push(Column::new(name.into(), cells.iter().map(|c| round(f(c.2))).collect::<Vec<Option<f64>>>()));
    }
    Ok(DataFrame::new(n, cols)?)
}

// Snappy: the codec every Parquet reader has (pandas/pyarrow, R arrow and
// nanoparquet, DuckDB, Spark); each column's unit in the file's key-value
// metadata under `medfund:units` (a JSON object, column → unit).
fn parquet_writer(file: File, schema: &Schema) -> ParquetWriter<File> {
    ParquetWriter::new(file).with_compression(ParquetCompression::Snappy).with_key_value_metadata(Some(
        KeyValueMetadata::from_static(vec![("medfund:units".into(), units_json(schema))]),
    ))
}

/// The unit of a column, read off its name and type: money ends in
/// `_yuan`; shares of paths start with `p_` or `share`; counts of people
/// and of claims are integers.
pub fn unit(name: &str, dtype: &DataType) -> &'static str {
    match name {
        "path" => "index",
        "year" | "first_depletion_year" | "median_first_depletion" => "year",
        "claims" | "admissions" => "count (人次)",
        "paths" => "count of paths",
        n if n.ends_with("_yuan") => "yuan",
        n if n.starts_with("months") || n.contains("_months") => "months of payment",
        n if n.starts_with("p_") || n.starts_with("share") || n.contains("_share") => "share (0–1)",
        _ if dtype.is_integer() => "persons",
        _ if dtype.is_float() => "ratio",
        _ => "text",
    }
}

fn units_json(schema: &Schema) -> String {
    let mut out = String::from("{");
    for (i, (name, dtype)) in schema.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("\"{}\": \"{}\"", name.replace('"', "'"), unit(name, dtype)));
    }
    out.push('}');
    out
}

// Positional floats (never `1.5e9`), nulls as empty fields.
fn csv_writer(file: File) -> CsvWriter<File> {
    CsvWriter::new(file).include_header(true).with_float_scientific(Some(false))
}

/// A number as a CSV cell that every reader takes as floating point: its
/// shortest exact decimal (never an exponent) with at least one digit
/// after the point (`0.0`, never `0`, so that a column of zeros is not
/// read as integers); money with at least two (`1200.50`; a mean per
/// member keeps its further digits).
fn float_cell(v: f64, money: bool) -> String {
    let mut s = format!("{}", v + 0.0);
    if !v.is_finite() {
        return s;
    }
    let decimals = s.find('.').map_or(0, |i| s.len() - i - 1);
    if decimals == 0 {
        s.push('.');
    }
    let want = if money { 2 } else { 1 };
    for _ in decimals..want {
        s.push('0');
    }
    s
}

/// The frame as the CSV writes it: floating-point columns as their text
/// ([`float_cell`]).
fn csv_frame(df: &DataFrame) -> anyhow::Result<DataFrame> {
    let cols = df
        .columns()
        .iter()
        .map(|c| -> anyhow::Result<Column> {
            if !c.dtype().is_float() {
                return Ok(c.clone());
            }
            let money = c.name().ends_with("_yuan");
            let text: Vec<Option<String>> = c.f64()?.iter().map(|v| v.map(|v| float_cell(v, money))).collect();
            Ok(Column::new(c.name().clone(), text))
        })
        .collect::<anyhow::Result<Vec<Column>>>()?;
    Ok(DataFrame::new(df.height(), cols)?)
}

/// A CSV file begins with a UTF-8 byte-order mark, so that Excel on a
/// Chinese Windows machine reads the district names as UTF-8 (pandas,
/// polars and R's readr skip it).
fn csv_file(path: &Path) -> anyhow::Result<File> {
    use std::io::Write;
    let mut f = File::create(path)?;
    f.write_all("\u{feff}".as_bytes())?;
    Ok(f)
}

pub fn write_parquet(path: &Path, df: &mut DataFrame) -> anyhow::Result<()> {
    let schema = df.schema().as_ref().clone();
    parquet_writer(File::create(path)?, &schema).finish(df)?;
    Ok(())
}

pub fn write_csv(path: &Path, df: &mut DataFrame) -> anyhow::Result<()> {
    csv_writer(csv_file(path)?).finish(&mut csv_frame(df)?)?;
    Ok(())
}

/// A table written batch by batch (the ledger of a streaming run), the same
/// bytes for the same batches.
pub struct Batched {
    parquet: polars::io::parquet::write::BatchedWriter<File>,
    csv: polars::io::csv::write::BatchedWriter<File>,
}

impl Batched {
    pub fn create(parquet: &Path, csv: &Path, schema: &Schema) -> anyhow::Result<Batched> {
        let text: Schema =
            schema.iter().map(|(n, t)| (n.clone(), if t.is_float() { DataType::String } else { t.clone() })).collect();
        Ok(Batched {
            parquet: parquet_writer(File::create(parquet)?, schema).batched(schema)?,
            csv: csv_writer(csv_file(csv)?).batched(&text)?,
        })
    }

    pub fn write(&mut self, df: &DataFrame) -> anyhow::Result<()> {
        self.parquet.write_batch(df)?;
        self.csv.write_batch(&csv_frame(df)?)?;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.parquet.finish()?;
        self.csv.finish()?;
        Ok(())
    }
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

fn round(v: f64, decimals: i32) -> Option<f64> {
    let k = 10f64.powi(decimals);
    v.is_finite().then(|| (v * k).round() / k)
}

/// Statistics of money, rounded to the fen.
fn money(v: f64) -> Option<f64> {
    round(v, 2)
}

/// Months of payment, to 4 decimals.
fn months(v: f64) -> Option<f64> {
    round(v, 4)
}

/// Shares of paths, to 6 decimals.
fn share(v: f64) -> Option<f64> {
    round(v, 6)
}

/// `resident/adjustment.csv`: the city adjustment fund by year and row
/// (each district, then the fund itself), means across paths (yuan) and
/// shares of paths with a grant or a district-government payment.
pub fn adjustment_frame(info: &RunInfo, a: &super::adjustment::AdjustmentAcc) -> anyhow::Result<DataFrame> {
    let mut keys: Vec<(i32, usize)> = Vec::new();
    for (t, row) in a.cells.iter().enumerate() {
        for d in 0..row.len() {
            keys.push((info.years[t], d));
        }
    }
    let cell = |k: &(i32, usize)| {
        let t = info.years.iter().position(|&y| y == k.0).unwrap_or(0);
        &a.cells[t][k.1]
    };
    let mean = |name: &str, f: &dyn Fn(&super::adjustment::AdjustmentCell) -> medfund_rules::money::Money| {
        Column::new(
            format!("{name}_yuan").into(),
            keys.iter()
                .map(|k| {
                    let c = cell(k);
                    money(f(c).as_yuan_f64() / f64::from(c.paths.max(1)))
                })
                .collect::<Vec<Option<f64>>>(),
        )
    };
    let part = |name: &str, f: &dyn Fn(&super::adjustment::AdjustmentCell) -> u32| {
        Column::new(
            name.into(),
            keys.iter()
                .map(|k| {
                    let c = cell(k);
                    share(f64::from(f(c)) / f64::from(c.paths.max(1)))
                })
                .collect::<Vec<Option<f64>>>(),
        )
    };
    let cols = vec![
        Column::new("year".into(), keys.iter().map(|k| k.0).collect::<Vec<i32>>()),
        Column::new(
            "district".into(),
            keys.iter().map(|k| info.districts.get(k.1).cloned().unwrap_or_default()).collect::<Vec<String>>(),
        ),
        Column::new(
            "label".into(),
            keys.iter().map(|k| info.district_labels.get(k.1).cloned().unwrap_or_default()).collect::<Vec<String>>(),
        ),
        mean("financing", &|c| c.financing),
        mean("spending", &|c| c.spending),
        mean("paid_into_fund", &|c| c.paid_in),
        mean("paid_out_of_fund", &|c| c.paid_out),
        mean("district_government", &|c| c.district_government),
        mean("balance_closing", &|c| c.balance_closing),
        part("p_grant", &|c| c.with_grant),
        part("p_government_pays", &|c| c.with_government),
    ];
    Ok(DataFrame::new(keys.len(), cols)?)
}

/// The workbook's columns of `summary.csv` (`summary_frame`), in its order.
pub fn summary_cols() -> Vec<Col> {
    let mut c = vec![
        col("year", "年度", Unit::Year),
        col("paths", "路径数", Unit::Count),
        col("balance_mean", "期末累计结余均值", Unit::Wan),
    ];
    c.extend(PERCENTILES.iter().map(|p| col(format!("balance_p{p}"), format!("期末累计结余{p}%分位"), Unit::Wan)));
    c.push(col("months_mean", "累计结余可支付月数均值", Unit::Months));
    c.extend(
        PERCENTILES.iter().map(|p| col(format!("months_p{p}"), format!("累计结余可支付月数{p}%分位"), Unit::Months)),
    );
    c.extend([
        col("p_below_zero", "累计结余为负的概率", Unit::Share),
        col("p_below_3_months", "可支付月数不足3个月的概率", Unit::Share),
        col("p_below_6_months", "可支付月数不足6个月的概率", Unit::Share),
        col("p_first_depletion", "当年首次穿底的概率", Unit::Share),
        col("income_mean", "基金收入均值", Unit::Wan),
        col("outflow_mean", "基金支出均值", Unit::Wan),
        col("sampling_se_balance", "累计结余抽样标准误", Unit::Wan),
        col("sampling_se_months", "可支付月数抽样标准误", Unit::Months),
    ]);
    c
}

/// The workbook's columns of `depletion.csv`.
pub fn depletion_cols() -> Vec<Col> {
    vec![
        col("first_depletion_year", "首次穿底年度", Unit::Text),
        col("share_of_paths", "路径占比", Unit::Share),
        col("cumulative_share", "累计占比", Unit::Share),
    ]
}

/// The workbook's columns of `districts.csv`.
pub fn districts_cols() -> Vec<Col> {
    vec![
        col("year", "年度", Unit::Year),
        col("district", "区县", Unit::Text),
        col("label", "名称", Unit::Text),
        col("class", "类别", Unit::Text),
        col("paths", "路径数", Unit::Count),
        col("collection_target", "征收目标", Unit::Wan),
        col("collection_actual", "实际征收", Unit::Wan),
        col("spending_target", "支出目标", Unit::Wan),
        col("spending_actual", "实际支出", Unit::Wan),
        col("collection_retained", "超收留用", Unit::Wan),
        col("savings_retained", "节支留用", Unit::Wan),
        col("overspend_city", "超支市级分担", Unit::Wan),
        col("shortfall_from_surplus", "征收缺口由区县结余弥补", Unit::Wan),
        col("overspend_from_surplus", "超支由区县结余弥补", Unit::Wan),
        col("district_government", "区县政府承担", Unit::Wan),
        col("district_surplus", "区县结余", Unit::Wan),
        col("p_government_pays", "区县政府出资的概率", Unit::Share),
        col("p_surplus_zero", "区县结余为零的概率", Unit::Share),
    ]
}

/// The workbook's columns of `resident/adjustment.csv`.
pub fn adjustment_cols() -> Vec<Col> {
    vec![
        col("year", "年度", Unit::Year),
        col("district", "区县", Unit::Text),
        col("label", "名称", Unit::Text),
        col("financing", "筹资", Unit::Wan),
        col("spending", "支出", Unit::Wan),
        col("paid_into_fund", "上解调剂金", Unit::Wan),
        col("paid_out_of_fund", "调剂金拨付", Unit::Wan),
        col("district_government", "区县政府承担", Unit::Wan),
        col("balance_closing", "期末结余", Unit::Wan),
        col("p_grant", "获得拨付的概率", Unit::Share),
        col("p_government_pays", "区县政府出资的概率", Unit::Share),
    ]
}

/// The workbook's `ledger_means`: per year, the mean across paths of the
/// city's ledger (districts summed), yuan to the fen, from the run's year
/// totals; the ledger itself is too big for a sheet.
pub fn ledger_means_frame(run: &RunResult) -> anyhow::Result<DataFrame> {
    let (fund, totals) = (run.info.fund, &run.year_totals);
    let paths = f64::from(run.info.paths.max(1));
    let mean = |name: &str, f: &dyn Fn(&LedgerYear) -> medfund_rules::money::Money| {
        Column::new(name.into(), totals.iter().map(|l| money(f(l).as_yuan_f64() / paths)).collect::<Vec<_>>())
    };
    let years: Vec<i32> = run.info.years.iter().take(totals.len()).copied().collect();
    let mut cols = vec![Column::new("year".into(), years)];
    cols.extend(fund.income().iter().map(|(name, f)| mean(name, f)));
    cols.push(mean("income_total", &|l| l.income()));
    cols.extend(outflow_columns(&run.info).map(|(name, f)| mean(name, f)));
    cols.push(mean("outflow_total", &|l| l.outflow()));
    cols.push(mean("net_flow", &|l| l.income() - l.outflow()));
    cols.push(mean("balance_opening", &|l| l.balance_opening));
    cols.push(mean("balance_closing", &|l| l.balance_closing));
    Ok(DataFrame::new(totals.len(), cols)?)
}

/// A fund's outflow columns, without the optional ones its rules never
/// fill (a resident fund's per-head outflows where it has none).
pub fn outflow_columns(info: &RunInfo) -> impl Iterator<Item = &'static medfund_sim::ledger::MoneyColumn> + '_ {
    info.fund.outflow().iter().filter(|(n, _)| {
        !medfund_rules::rules::per_head_outflow::NAMES.contains(n) || info.optional_columns.contains(n)
    })
}

/// The workbook's columns of `ledger_means_frame`.
pub fn ledger_means_cols(info: &RunInfo) -> Vec<Col> {
    let fund = info.fund;
    let zh = |name: &str| match name {
        "employer" => "单位缴费",
        "employee" | "individual" => "个人缴费",
        "flexible_contributions" => "灵活就业人员缴费",
        "to_personal_accounts" => "划入个人账户",
        "lump_sums" => "一次性补缴",
        "interest" => "利息收入",
        "fiscal_subsidy" => "财政补助",
        "subsidy_upper" => "上级财政补助",
        "subsidy_city" => "市级财政补助",
        "subsidy_district" => "区县财政补助",
        "inpatient" => "住院",
        "outpatient" => "门诊",
        "special_outpatient" => "门诊特殊疾病",
        "maternity_medical" => "生育医疗费用",
        "maternity_allowance" => "生育津贴",
        "retiree_accounts" => "退休人员个人账户",
        "critical_illness_insurance" => "大病保险保费",
        "general_consultation" => "一般诊疗费",
        _ => "",
    };
    let mut c = vec![col("year", "年度", Unit::Year)];
    c.extend(
        fund.income().iter().map(|(n, _)| col(*n, format!("{}均值", zh(n)).trim_start_matches("均值"), Unit::Wan)),
    );
    c.push(col("income_total", "基金收入均值", Unit::Wan));
    c.extend(
        outflow_columns(info).map(|(n, _)| col(*n, format!("{}均值", zh(n)).trim_start_matches("均值"), Unit::Wan)),
    );
    c.extend([
        col("outflow_total", "基金支出均值", Unit::Wan),
        col("net_flow", "当期结余均值", Unit::Wan),
        col("balance_opening", "期初累计结余均值", Unit::Wan),
        col("balance_closing", "期末累计结余均值", Unit::Wan),
    ]);
    c
}
