//! A shard's file: its ledger rows exactly (every `LedgerYear` field as
//! Int64: money in fen, counts as counts), not the f64 yuan of
//! `ledger.parquet`, so that `merge` rebuilds the run bit for bit; and, in
//! the Parquet file's key-value metadata under [`META_KEY`], the run it is a
//! part of (JSON, [`Meta`]).
//!
//! Columns: `fund` (`employee` or `resident`), `path` (UInt32), `year`
//! (Int32), `district` (UInt32, the index into the run's districts), then
//! [`FIELDS`] in `LedgerYear`'s order. Rows are in the order the run makes
//! them: the employee fund's, then the resident fund's, each by (path, year,
//! district).

use std::fs::File;
use std::path::{Path, PathBuf};

use medfund_rules::money::Money;
use medfund_sim::ledger::{LedgerRow, LedgerYear};
use medfund_sim::montecarlo::RunResult;
use polars::prelude::*;
use serde_json::{Value, json};

/// The key-value metadata key of a shard's description.
pub const META_KEY: &str = "medfund.shard";
/// The layout of the file; a merge refuses another.
pub const FORMAT: u64 = 1;

/// A ledger field as an exact Int64.
trait Exact: Sized {
    fn to_i64(self) -> Option<i64>;
    fn from_i64(v: i64) -> Option<Self>;
}
impl Exact for u32 {
    fn to_i64(self) -> Option<i64> {
        Some(i64::from(self))
    }
    fn from_i64(v: i64) -> Option<Self> {
        u32::try_from(v).ok()
    }
}
impl Exact for u64 {
    fn to_i64(self) -> Option<i64> {
        i64::try_from(self).ok()
    }
    fn from_i64(v: i64) -> Option<Self> {
        u64::try_from(v).ok()
    }
}
impl Exact for i64 {
    fn to_i64(self) -> Option<i64> {
        Some(self)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(v)
    }
}
impl Exact for Money {
    fn to_i64(self) -> Option<i64> {
        Some(self.0)
    }
    fn from_i64(v: i64) -> Option<Self> {
        Some(Money(v))
    }
}

/// Every field of `LedgerYear`, in order. The destructuring in `to_values`
/// and the struct literal in `from_values` name every field without `..`,
/// so a field added to `LedgerYear` and not here does not compile.
macro_rules! ledger_fields {
    ($($f:ident),* $(,)?) => {
        /// The ledger's columns in a shard file, in order.
        pub const FIELDS: &[&str] = &[$(stringify!($f)),*];

        /// A row's fields as Int64, or the field that does not fit.
        fn to_values(l: &LedgerYear) -> Result<Vec<i64>, &'static str> {
            let LedgerYear { $($f),* } = l;
            Ok(vec![$(Exact::to_i64(*$f).ok_or(stringify!($f))?),*])
        }

        /// A row back from its fields (`v` has one per field), or the field
        /// whose value the ledger cannot hold.
        fn from_values(v: &[i64]) -> Result<LedgerYear, &'static str> {
            let mut it = v.iter().copied();
            Ok(LedgerYear { $($f: Exact::from_i64(it.next().ok_or(stringify!($f))?).ok_or(stringify!($f))?),* })
        }
    };
}

ledger_fields!(
    employees,
    flexible,
    retirees,
    entrants,
    exits,
    deaths,
    retirements,
    claims,
    admissions,
    residents,
    employer,
    employee,
    flexible_contributions,
    to_personal_accounts,
    lump_sums,
    per_head_fees,
    interest,
    fiscal_subsidy,
    district_government,
    individual,
    assistance,
    district_help,
    subsidy_upper,
    subsidy_city,
    subsidy_district,
    adjustment_in,
    adjustment_out,
    inpatient,
    outpatient,
    special_outpatient,
    single_payment_drugs,
    maternity_medical,
    maternity_allowance,
    family_planning,
    retiree_accounts,
    top_up,
    balance_opening,
    balance_closing,
    collection_target,
    spending_target,
    collection_retained,
    savings_retained,
    overspend_city,
    shortfall_from_surplus,
    overspend_from_surplus,
    district_surplus,
    contribution_base,
    net_flow_var,
);

/// What a shard is a part of, and which part.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// The scenario's name, the file it was loaded from and its text as
    /// loaded (before `--set`), so that `merge` needs no scenario file.
    pub scenario: String,
    pub scenario_file: String,
    pub scenario_text: String,
    /// The fingerprint of the scenario the run projects (overrides applied),
    /// as in `run.json`.
    pub scenario_hash: String,
    pub overrides: Vec<String>,
    pub employee_only: bool,
    pub seed: u64,
    /// The whole run's paths.
    pub paths: u32,
    /// The projection years.
    pub years: Vec<i32>,
    /// medfund's version.
    pub version: String,
    /// The funds projected (`employee`, and `resident` where there is one).
    pub funds: Vec<String>,
    /// This shard: its index, the count, its block of paths.
    pub shard: u32,
    pub shards: u32,
    pub first_path: u32,
    pub end_path: u32,
    /// Rows of each fund in the file.
    pub employee_rows: u64,
    pub resident_rows: u64,
}

/// The fields that say which run a shard is of (every shard of a run has
/// the same), in the order a difference is reported.
pub const IDENTITY: &[&str] = &[
    "format",
    "version",
    "scenario",
    "scenario_hash",
    "scenario_file",
    "scenario_text",
    "overrides",
    "employee_only",
    "seed",
    "paths",
    "years",
    "funds",
    "shards",
];

impl Meta {
    pub fn to_json(&self) -> Value {
        json!({
            "format": FORMAT,
            "version": self.version,
            "scenario": self.scenario,
            "scenario_hash": self.scenario_hash,
            "scenario_file": self.scenario_file,
            "overrides": self.overrides,
            "employee_only": self.employee_only,
            "seed": self.seed,
            "paths": self.paths,
            "years": self.years,
            "funds": self.funds,
            "shards": self.shards,
            "shard": self.shard,
            "first_path": self.first_path,
            "end_path": self.end_path,
            "employee_rows": self.employee_rows,
            "resident_rows": self.resident_rows,
            "scenario_text": self.scenario_text,
        })
    }

    /// Read back; an error names the field.
    pub fn from_json(v: &Value) -> Result<Meta, String> {
        let field = |k: &str| v.get(k).ok_or_else(|| format!("field `{k}` is missing"));
        let string =
            |k: &str| field(k)?.as_str().map(str::to_string).ok_or_else(|| format!("field `{k}`: not a string"));
        let uint = |k: &str| field(k)?.as_u64().ok_or_else(|| format!("field `{k}`: not a whole number ≥ 0"));
        let u32_ = |k: &str| uint(k).and_then(|n| u32::try_from(n).map_err(|_| format!("field `{k}`: too large")));
        let strings = |k: &str| -> Result<Vec<String>, String> {
            field(k)?
                .as_array()
                .and_then(|a| a.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<Vec<_>>>())
                .ok_or_else(|| format!("field `{k}`: not a list of strings"))
        };
        let format = uint("format")?;
        if format != FORMAT {
            return Err(format!("field `format`: {format}, but this medfund reads shard format {FORMAT}"));
        }
        let years = field("years")?
            .as_array()
            .and_then(|a| a.iter().map(|x| x.as_i64().and_then(|y| i32::try_from(y).ok())).collect::<Option<Vec<_>>>())
            .ok_or("field `years`: not a list of years")?;
        Ok(Meta {
            scenario: string("scenario")?,
            scenario_file: string("scenario_file")?,
            scenario_text: string("scenario_text")?,
            scenario_hash: string("scenario_hash")?,
            overrides: strings("overrides")?,
            employee_only: field("employee_only")?.as_bool().ok_or("field `employee_only`: not true or false")?,
            seed: uint("seed")?,
            paths: u32_("paths")?,
            years,
            version: string("version")?,
            funds: strings("funds")?,
            shard: u32_("shard")?,
            shards: u32_("shards")?,
            first_path: u32_("first_path")?,
            end_path: u32_("end_path")?,
            employee_rows: uint("employee_rows")?,
            resident_rows: uint("resident_rows")?,
        })
    }
}

/// Write a shard's rows (of `run` and its resident sub-run) and `meta` as
/// `dir/name`, atomically: a shard killed while writing leaves no file.
pub fn write(dir: &Path, name: &str, meta: &Meta, run: &RunResult) -> anyhow::Result<PathBuf> {
    let mut parts: Vec<(&str, &[LedgerRow])> = vec![(run.info.fund.as_str(), &run.rows)];
    if let Some(r) = &run.resident {
        parts.push((r.info.fund.as_str(), &r.rows));
    }
    let n: usize = parts.iter().map(|(_, r)| r.len()).sum();
    let mut fund: Vec<&str> = Vec::with_capacity(n);
    let mut path: Vec<u32> = Vec::with_capacity(n);
    let mut year: Vec<i32> = Vec::with_capacity(n);
    let mut district: Vec<u32> = Vec::with_capacity(n);
    let mut values: Vec<Vec<i64>> = vec![Vec::with_capacity(n); FIELDS.len()];
    for (f, rows) in &parts {
        for r in rows.iter() {
            fund.push(f);
            path.push(r.path);
            year.push(r.year);
            district.push(u32::from(r.district));
            let v = to_values(&r.ledger).map_err(|field| {
                anyhow::anyhow!("path {} year {}: `{field}` does not fit in a signed 64-bit integer", r.path, r.year)
            })?;
            for (col, x) in values.iter_mut().zip(v) {
                col.push(x);
            }
        }
    }
    let mut cols = vec![
        Column::new("fund".into(), fund),
        Column::new("path".into(), path),
        Column::new("year".into(), year),
        Column::new("district".into(), district),
    ];
    for (name, v) in FIELDS.iter().zip(values) {
        cols.push(Column::new((*name).into(), v));
    }
    let mut df = DataFrame::new(n, cols)?;
    let kv = KeyValueMetadata::from_static(vec![(META_KEY.to_string(), meta.to_json().to_string())]);
    crate::output::write_atomic(dir, name, |p| {
        ParquetWriter::new(File::create(p)?)
            .with_compression(ParquetCompression::Snappy)
            .with_key_value_metadata(Some(kv))
            .finish(&mut df)?;
        Ok(())
    })
}

/// A shard file's description, from its metadata alone.
pub fn read_meta(p: &Path) -> Result<Meta, String> {
    let f = File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
    let mut reader = ParquetReader::new(f);
    let md = reader.get_metadata().map_err(|e| format!("{}: not a readable Parquet file: {e}", p.display()))?;
    let text = md
        .key_value_metadata()
        .as_ref()
        .and_then(|kv| kv.iter().find(|k| k.key == META_KEY))
        .and_then(|k| k.value.clone())
        .ok_or_else(|| format!("{}: no `{META_KEY}` metadata: not a medfund shard file", p.display()))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: metadata `{META_KEY}` is not JSON: {e}", p.display()))?;
    Meta::from_json(&v).map_err(|e| format!("{}: metadata `{META_KEY}`: {e}", p.display()))
}

/// A shard file's rows: (employee rows, resident rows), each in file order.
pub fn read_rows(p: &Path) -> Result<(Vec<LedgerRow>, Vec<LedgerRow>), String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", p.display());
    let f = File::open(p).map_err(|e| at(&e))?;
    let df = ParquetReader::new(f).finish().map_err(|e| at(&format!("not a readable Parquet file: {e}")))?;
    let column = |name: &str| df.column(name).map_err(|_| at(&format!("column `{name}` is missing")));
    let typed = |name: &str, e: PolarsError| at(&format!("column `{name}`: {e}"));
    let null = |name: &str, i: usize| at(&format!("column `{name}`, row {}: null", i + 1));
    let fund = column("fund")?.str().map_err(|e| typed("fund", e))?;
    let path = column("path")?.u32().map_err(|e| typed("path", e))?;
    let year = column("year")?.i32().map_err(|e| typed("year", e))?;
    let district = column("district")?.u32().map_err(|e| typed("district", e))?;
    let mut fields: Vec<Vec<i64>> = Vec::with_capacity(FIELDS.len());
    for name in FIELDS {
        let col = column(name)?.i64().map_err(|e| typed(name, e))?;
        fields.push(col.iter().enumerate().map(|(i, x)| x.ok_or_else(|| null(name, i))).collect::<Result<_, _>>()?);
    }
    let mut employee = Vec::new();
    let mut resident = Vec::new();
    let mut v = vec![0i64; FIELDS.len()];
    for i in 0..df.height() {
        for (x, col) in v.iter_mut().zip(&fields) {
            *x = col[i];
        }
        let ledger = from_values(&v).map_err(|field| {
            let k = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
            at(&format!("column `{field}`, row {}: {} is not a valid value", i + 1, v[k]))
        })?;
        let d = district.get(i).ok_or_else(|| null("district", i))?;
        let row = LedgerRow {
            path: path.get(i).ok_or_else(|| null("path", i))?,
            year: year.get(i).ok_or_else(|| null("year", i))?,
            district: u16::try_from(d)
                .map_err(|_| at(&format!("column `district`, row {}: {d} is too large", i + 1)))?,
            ledger,
        };
        match fund.get(i) {
            Some("employee") => employee.push(row),
            Some("resident") => resident.push(row),
            other => {
                return Err(at(&format!(
                    "column `fund`, row {}: {other:?}, expected \"employee\" or \"resident\"",
                    i + 1
                )));
            }
        }
    }
    Ok((employee, resident))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_exactly() {
        // Each field a distinct value, counts at their types' extremes.
        let mut v: Vec<i64> =
            (0..FIELDS.len() as i64).map(|k| (k + 1) * 1_000_003 * if k % 2 == 0 { 1 } else { -1 }).collect();
        // The counts (the first nine and `residents`) are non-negative.
        for x in v.iter_mut().take(10) {
            *x = x.abs();
        }
        v[0] = i64::from(u32::MAX);
        v[7] = i64::MAX;
        let l = from_values(&v).unwrap();
        assert_eq!(to_values(&l).unwrap(), v);
        assert_eq!(l.employees, u32::MAX);
        assert_eq!(l.claims, i64::MAX as u64);
        assert_eq!(l.district_surplus, Money(v[FIELDS.iter().position(|f| *f == "district_surplus").unwrap()]));
        let mut names = FIELDS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len(), "a field listed twice");
    }

    #[test]
    fn values_the_ledger_cannot_hold_are_refused_by_name() {
        let mut v = vec![0i64; FIELDS.len()];
        v[2] = -1;
        assert_eq!(from_values(&v), Err("retirees"));
        v[2] = i64::from(u32::MAX) + 1;
        assert_eq!(from_values(&v), Err("retirees"));
        let l = LedgerYear { admissions: u64::MAX, ..Default::default() };
        assert_eq!(to_values(&l), Err("admissions"));
    }

    #[test]
    fn metadata_round_trips_and_names_a_bad_field() {
        let m = Meta {
            scenario: "luzhou".into(),
            scenario_file: "scenarios/luzhou.toml".into(),
            scenario_text: "[scenario]\nname = \"luzhou\"\n".into(),
            scenario_hash: "0123456789abcdef".into(),
            overrides: vec!["projection.population.members=3000".into()],
            employee_only: false,
            seed: 42,
            paths: 7,
            years: vec![2025, 2026],
            version: "0.1.0".into(),
            funds: vec!["employee".into(), "resident".into()],
            shard: 1,
            shards: 3,
            first_path: 2,
            end_path: 4,
            employee_rows: 4,
            resident_rows: 4,
        };
        assert_eq!(Meta::from_json(&m.to_json()).unwrap(), m);
        let mut v = m.to_json();
        v["seed"] = json!("42");
        assert_eq!(Meta::from_json(&v).unwrap_err(), "field `seed`: not a whole number ≥ 0");
        v.as_object_mut().unwrap().remove("years");
        v["seed"] = json!(42);
        assert_eq!(Meta::from_json(&v).unwrap_err(), "field `years` is missing");
        let mut v = m.to_json();
        v["format"] = json!(2);
        assert!(Meta::from_json(&v).unwrap_err().starts_with("field `format`: 2"));
    }
}
