//! Dated, referenced parameters (the OpenFisca habit): every value in a
//! scenario holds from a date on and says where it comes from, a text
//! (`source = "000_f8c7f1d4db53115f.txt 第十八条（一）"`) or an assumption
//! (`assumption = "why this value"`), never both and never neither.
//!
//! ```toml
//! # one value from the scenario's start
//! floor = { value = 100, source = "000_f8c7f1d4db53115f.txt 第十八条（一）4" }
//! # a schedule
//! minimum_years = { source = "000 第九条（七）1", values = [
//!   { from = 2023-01-01, value = { male = 22, female = 20 } },
//!   { from = 2024-01-01, value = { male = 23, female = 20 } } ] }
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer};

/// A calendar date.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub const fn jan1(year: i32) -> Date {
        Date { year, month: 1, day: 1 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// A TOML local date (`2023-01-01`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            (Some(x), None, None) => Ok(Date { year: i32::from(x.year), month: x.month, day: x.day }),
            _ => Err(de::Error::custom(format!("expected a date such as 2023-01-01, found {dt}"))),
        }
    }
}

/// A value that holds from a date on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated<T> {
    pub from: Date,
    pub value: T,
}

/// Where a parameter comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Provenance {
    /// A policy text: `<file> 第N条`.
    Source(String),
    /// Not in the texts: the reason for the value.
    Assumption(String),
}

impl Provenance {
    pub fn is_assumption(&self) -> bool {
        matches!(self, Provenance::Assumption(_))
    }
    /// How `--explain` cites it.
    pub fn cite(&self) -> String {
        match self {
            Provenance::Source(s) => s.clone(),
            Provenance::Assumption(a) => format!("assumption: {a}"),
        }
    }
}

/// A dated, referenced parameter as written in a scenario file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
pub struct Param<T> {
    #[serde(default)]
    pub value: Option<T>,
    #[serde(default)]
    pub values: Option<Vec<Dated<T>>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub assumption: Option<String>,
    /// An interpretation of an ambiguous text, shown by `scenario show`.
    #[serde(default)]
    pub note: Option<String>,
}

impl<T> Param<T> {
    /// Checks the shape: one of `value`/`values`, one of `source`/
    /// `assumption`, dates strictly increasing and not before `start`.
    pub fn check(&self, start: Date) -> Result<(), String> {
        match (&self.value, &self.values) {
            (Some(_), Some(_)) => return Err("give either `value` or `values`, not both".into()),
            (None, None) => return Err("missing `value` (or a dated `values` list)".into()),
            (None, Some(v)) => {
                if v.is_empty() {
                    return Err("`values` is empty".into());
                }
                if v[0].from > start {
                    return Err(format!(
                        "`values` starts on {} but the scenario starts on {start}: the first value must hold from the start",
                        v[0].from
                    ));
                }
                for w in v.windows(2) {
                    if w[1].from <= w[0].from {
                        return Err(format!("dates out of order: {} does not come after {}", w[1].from, w[0].from));
                    }
                }
            }
            (Some(_), None) => {}
        }
        match (&self.source, &self.assumption) {
            (Some(_), Some(_)) => Err("give either `source` or `assumption`, not both".into()),
            (None, None) => {
                Err("say where the value comes from: `source = \"<file> 第N条\"` or `assumption = \"why\"`".into())
            }
            (Some(s), None) if s.trim().is_empty() => Err("`source` is empty".into()),
            (None, Some(a)) if a.trim().is_empty() => Err("`assumption` needs a reason".into()),
            _ => Ok(()),
        }
    }

    /// The value in force on a date (the last one dated on or before it).
    pub fn at(&self, date: Date) -> Option<&T> {
        if let Some(v) = &self.value {
            return Some(v);
        }
        self.values.as_ref()?.iter().rev().find(|d| d.from <= date).map(|d| &d.value)
    }

    /// The dates its values start on (empty for a single value).
    pub fn dates(&self) -> Vec<Date> {
        self.values.as_ref().map(|v| v.iter().map(|d| d.from).collect()).unwrap_or_default()
    }

    pub fn provenance(&self) -> Provenance {
        match (&self.source, &self.assumption) {
            (_, Some(a)) => Provenance::Assumption(a.clone()),
            (Some(s), None) => Provenance::Source(s.clone()),
            (None, None) => Provenance::Assumption("unstated".into()),
        }
    }
}
