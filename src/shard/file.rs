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
//!
//! **Checked end to end.** The writer records two SHA-256 digests, and
//! `merge` reads nothing of a shard it has not verified:
//! - `rows_sha256` in the [`META_KEY`] JSON: the digest of the rows' values
//!   in a canonical byte form ([`RowsDigest`]): the tag `medfund shard rows
//!   v1`, the row count (u64), then column by column in file order its name
//!   (u32 length and UTF-8 bytes), its count of nulls (u64, always 0 as
//!   written) and its values, little-endian: `fund` as u32 length and UTF-8
//!   bytes, `path` and `district` u32, `year` i32, the ledger fields i64.
//!   It is computed from the values as written and, on reading, from the
//!   values as the Parquet reader decoded them, so any change to a value
//!   (a data page, a page header, the schema) is a mismatch.
//! - [`CHECKSUM_KEY`]: the digest of the [`META_KEY`] text, byte for byte.
//!
//! A mismatch, and any error or panic of the Parquet reader on the file, is
//! refused naming the file ([`read_meta`], [`read_rows`]). A change that
//! alters no value (e.g. in a page's statistics) reads the same rows.

use std::fs::File;
use std::path::{Path, PathBuf};

use medfund_rules::money::Money;
use medfund_sim::ledger::{LedgerRow, LedgerYear};
use medfund_sim::montecarlo::RunResult;
use polars::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The key-value metadata key of a shard's description.
pub const META_KEY: &str = "medfund.shard";
/// The key-value metadata key of the SHA-256 (hex) of the [`META_KEY`] text.
pub const CHECKSUM_KEY: &str = "medfund.shard.sha256";
/// The layout of the file; a merge refuses another. 2: with the checksums.
pub const FORMAT: u64 = 2;

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
    critical_illness_insurance,
    general_consultation,
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
    self_pay_first,
    material_excess,
    bed_excess,
    top_up_fund_opening,
    top_up_fund_interest,
    top_up_fund_transfer,
    top_up_fund_closing,
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
    /// The SHA-256 (hex) of the rows in their canonical form ([`RowsDigest`]).
    pub rows_sha256: String,
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
            "rows_sha256": self.rows_sha256,
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
            rows_sha256: string("rows_sha256")?,
        })
    }
}

/// The SHA-256 of a shard's rows in their canonical byte form (see the
/// module doc), fed column by column in file order.
pub struct RowsDigest(Sha256);

impl RowsDigest {
    pub fn new(rows: u64) -> RowsDigest {
        let mut h = Sha256::new();
        h.update(b"medfund shard rows v1");
        h.update(rows.to_le_bytes());
        RowsDigest(h)
    }

    /// A column: its name, its count of nulls, then each value (a null as
    /// nothing: the count tells them apart) as `bytes` writes it.
    fn column<T>(
        &mut self,
        name: &str,
        nulls: usize,
        values: impl IntoIterator<Item = Option<T>>,
        bytes: impl Fn(&mut Sha256, T),
    ) {
        let h = &mut self.0;
        h.update((name.len() as u32).to_le_bytes());
        h.update(name.as_bytes());
        h.update((nulls as u64).to_le_bytes());
        for v in values.into_iter().flatten() {
            bytes(h, v);
        }
    }

    fn text<'a>(&mut self, name: &str, nulls: usize, values: impl IntoIterator<Item = Option<&'a str>>) {
        self.column(name, nulls, values, |h, v: &str| {
            h.update((v.len() as u32).to_le_bytes());
            h.update(v.as_bytes());
        });
    }

    fn u32s(&mut self, name: &str, nulls: usize, values: impl IntoIterator<Item = Option<u32>>) {
        self.column(name, nulls, values, |h, v| h.update(v.to_le_bytes()));
    }

    fn i32s(&mut self, name: &str, nulls: usize, values: impl IntoIterator<Item = Option<i32>>) {
        self.column(name, nulls, values, |h, v| h.update(v.to_le_bytes()));
    }

    fn i64s(&mut self, name: &str, nulls: usize, values: impl IntoIterator<Item = Option<i64>>) {
        self.column(name, nulls, values, |h, v| h.update(v.to_le_bytes()));
    }

    /// The digest in lower-case hex.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// Write a shard's rows (of `run` and its resident sub-run) and `meta` as
/// `dir/name`, atomically: a shard killed while writing leaves no file.
/// `meta.rows_sha256` is set here, from the rows written.
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
    let mut digest = RowsDigest::new(n as u64);
    digest.text("fund", 0, fund.iter().copied().map(Some));
    digest.u32s("path", 0, path.iter().copied().map(Some));
    digest.i32s("year", 0, year.iter().copied().map(Some));
    digest.u32s("district", 0, district.iter().copied().map(Some));
    for (name, v) in FIELDS.iter().zip(&values) {
        digest.i64s(name, 0, v.iter().copied().map(Some));
    }
    let meta = Meta { rows_sha256: digest.finish(), ..meta.clone() };
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
    let text = meta.to_json().to_string();
    let kv = KeyValueMetadata::from_static(vec![
        (META_KEY.to_string(), text.clone()),
        (CHECKSUM_KEY.to_string(), hex(&Sha256::digest(text.as_bytes()))),
    ]);
    crate::output::write_atomic(dir, name, |p| {
        ParquetWriter::new(File::create(p)?)
            .with_compression(ParquetCompression::Snappy)
            .with_key_value_metadata(Some(kv))
            .finish(&mut df)?;
        Ok(())
    })
}

/// What to do about a damaged shard file: re-run its shard (from the file's
/// name, which the damage did not reach).
fn rerun(p: &Path) -> String {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let shard = name.strip_prefix("shard-").and_then(|r| r.strip_suffix(".parquet")).and_then(|r| {
        let (i, n) = r.split_once("-of-")?;
        Some((i.parse::<u32>().ok()?, n.parse::<u32>().ok()?))
    });
    match shard {
        Some((i, n)) => format!("re-run shard {i} with the same `medfund simulate` and --shard {i}/{n}"),
        None => "re-run its shard".to_string(),
    }
}

/// `p`'s checksum does not match its content.
fn corrupted(p: &Path) -> String {
    format!("{}: checksum mismatch: the file is corrupted; {}", p.display(), rerun(p))
}

/// Run the Parquet reader on `p`: its errors, and its panics (a damaged
/// file can make it panic), as one line naming the file. While it runs, a
/// panic prints nothing (the hook is put back after).
fn guarded<T>(p: &Path, read: impl FnOnce() -> PolarsResult<T>) -> Result<T, String> {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    std::panic::set_hook(hook);
    match result {
        Ok(Ok(x)) => Ok(x),
        Ok(Err(e)) => Err(format!(
            "{}: not a readable Parquet file (corrupted?): {}; {}",
            p.display(),
            one_line(&e.to_string()),
            rerun(p)
        )),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            Err(format!(
                "{}: the Parquet reader failed on the file (corrupted?): {}; {}",
                p.display(),
                one_line(&what),
                rerun(p)
            ))
        }
    }
}

/// The shard description in a file's metadata, its checksum verified.
fn meta_of(p: &Path, md: &FileMetadataRef) -> Result<Meta, String> {
    let value = |key: &str| {
        md.key_value_metadata().as_ref().and_then(|kv| kv.iter().find(|k| k.key == key)).and_then(|k| k.value.clone())
    };
    let text = value(META_KEY)
        .ok_or_else(|| format!("{}: no `{META_KEY}` metadata: not a medfund shard file", p.display()))?;
    let sum = value(CHECKSUM_KEY).ok_or_else(|| {
        format!(
            "{}: no `{CHECKSUM_KEY}` checksum: corrupted, or written by a medfund older than shard format {FORMAT}; {}",
            p.display(),
            rerun(p)
        )
    })?;
    if sum != hex(&Sha256::digest(text.as_bytes())) {
        return Err(corrupted(p));
    }
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: metadata `{META_KEY}` is not JSON: {e}", p.display()))?;
    Meta::from_json(&v).map_err(|e| format!("{}: metadata `{META_KEY}`: {e}", p.display()))
}

/// A shard file's description, from its metadata alone (its checksum
/// verified).
pub fn read_meta(p: &Path) -> Result<Meta, String> {
    let f = File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
    let md = guarded(p, || ParquetReader::new(f).get_metadata().cloned())?;
    meta_of(p, &md)
}

/// A shard file's rows: (employee rows, resident rows), each in file order;
/// both checksums verified first.
pub fn read_rows(p: &Path) -> Result<(Vec<LedgerRow>, Vec<LedgerRow>), String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", p.display());
    let f = File::open(p).map_err(|e| at(&e))?;
    let (md, df) = guarded(p, || {
        let mut reader = ParquetReader::new(f);
        let md = reader.get_metadata()?.clone();
        Ok((md, reader.finish()?))
    })?;
    let meta = meta_of(p, &md)?;
    let damaged = |what: String| at(&format!("{what} (corrupted?); {}", rerun(p)));
    let column = |name: &str| df.column(name).map_err(|_| damaged(format!("column `{name}` is missing")));
    let typed = |name: &str, e: PolarsError| damaged(format!("column `{name}`: {e}"));
    let fund = column("fund")?.str().map_err(|e| typed("fund", e))?;
    let path = column("path")?.u32().map_err(|e| typed("path", e))?;
    let year = column("year")?.i32().map_err(|e| typed("year", e))?;
    let district = column("district")?.u32().map_err(|e| typed("district", e))?;
    let mut cols = Vec::with_capacity(FIELDS.len());
    for name in FIELDS {
        cols.push(column(name)?.i64().map_err(|e| typed(name, e))?);
    }
    let mut digest = RowsDigest::new(df.height() as u64);
    digest.text("fund", fund.null_count(), fund.iter());
    digest.u32s("path", path.null_count(), path.iter());
    digest.i32s("year", year.null_count(), year.iter());
    digest.u32s("district", district.null_count(), district.iter());
    for (name, col) in FIELDS.iter().zip(&cols) {
        digest.i64s(name, col.null_count(), col.iter());
    }
    if digest.finish() != meta.rows_sha256 {
        return Err(corrupted(p));
    }
    // Verified: what follows refuses only what the writer should not have
    // written.
    let null = |name: &str, i: usize| at(&format!("column `{name}`, row {}: null", i + 1));
    let mut fields: Vec<Vec<i64>> = Vec::with_capacity(FIELDS.len());
    for (name, col) in FIELDS.iter().zip(&cols) {
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
            rows_sha256: "ab".repeat(32),
        };
        assert_eq!(Meta::from_json(&m.to_json()).unwrap(), m);
        let mut v = m.to_json();
        v["seed"] = json!("42");
        assert_eq!(Meta::from_json(&v).unwrap_err(), "field `seed`: not a whole number ≥ 0");
        v.as_object_mut().unwrap().remove("years");
        v["seed"] = json!(42);
        assert_eq!(Meta::from_json(&v).unwrap_err(), "field `years` is missing");
        let mut v = m.to_json();
        v["format"] = json!(FORMAT + 1);
        assert!(Meta::from_json(&v).unwrap_err().starts_with(&format!("field `format`: {}", FORMAT + 1)));
    }
}
