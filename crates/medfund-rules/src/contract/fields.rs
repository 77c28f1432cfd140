//! Reading a JSON object field by field, naming the exact path of anything
//! wrong (`claims[1].materials[0]`) and refusing unknown fields.

use serde_json::{Map, Value};

use super::LineError;
use crate::money::Money;

/// An object being read, with its path and the fields it may have.
pub struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub path: String,
}

impl<'a> Obj<'a> {
    /// `v` as an object whose keys are all in `allowed`.
    pub fn new(v: &'a Value, path: &str, allowed: &[&str]) -> Result<Obj<'a>, LineError> {
        let Value::Object(map) = v else {
            return Err(LineError::new(path, "expected an object"));
        };
        for k in map.keys() {
            if !allowed.contains(&k.as_str()) {
                return Err(LineError::new(
                    join(path, k),
                    format!("unknown field (expected one of: {})", allowed.join(", ")),
                ));
            }
        }
        Ok(Obj { map, path: path.to_string() })
    }

    pub fn key(&self, k: &str) -> String {
        join(&self.path, k)
    }

    /// The field, treating `null` as absent.
    pub fn get(&self, k: &str) -> Option<&'a Value> {
        self.map.get(k).filter(|v| !v.is_null())
    }

    pub fn req(&self, k: &str) -> Result<&'a Value, LineError> {
        self.get(k).ok_or_else(|| LineError::new(self.key(k), "missing"))
    }

    /// A non-negative amount of yuan (number or decimal string, ≤ 2 decimals).
    pub fn money(&self, k: &str) -> Result<Money, LineError> {
        money(self.req(k)?, &self.key(k))
    }

    pub fn money_or_zero(&self, k: &str) -> Result<Money, LineError> {
        match self.get(k) {
            Some(v) => money(v, &self.key(k)),
            None => Ok(Money::ZERO),
        }
    }

    pub fn opt_money(&self, k: &str) -> Result<Option<Money>, LineError> {
        self.get(k).map(|v| money(v, &self.key(k))).transpose()
    }

    pub fn str(&self, k: &str) -> Result<&'a str, LineError> {
        self.req(k)?.as_str().ok_or_else(|| LineError::new(self.key(k), "expected a string"))
    }

    pub fn opt_str(&self, k: &str) -> Result<Option<&'a str>, LineError> {
        self.get(k).map(|v| v.as_str().ok_or_else(|| LineError::new(self.key(k), "expected a string"))).transpose()
    }

    /// A whole number in `[lo, hi]`.
    pub fn uint(&self, k: &str, lo: u64, hi: u64) -> Result<u64, LineError> {
        uint(self.req(k)?, &self.key(k), lo, hi)
    }

    pub fn opt_uint(&self, k: &str, lo: u64, hi: u64) -> Result<Option<u64>, LineError> {
        self.get(k).map(|v| uint(v, &self.key(k), lo, hi)).transpose()
    }

    pub fn opt_bool(&self, k: &str) -> Result<Option<bool>, LineError> {
        self.get(k)
            .map(|v| v.as_bool().ok_or_else(|| LineError::new(self.key(k), "expected true or false")))
            .transpose()
    }

    pub fn array(&self, k: &str) -> Result<&'a [Value], LineError> {
        match self.get(k) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(LineError::new(self.key(k), "expected an array")),
        }
    }

    /// An enum value: a string that `parse` accepts, else an error listing
    /// the choices.
    pub fn enumv<T>(&self, k: &str, parse: impl Fn(&str) -> Option<T>, choices: &str) -> Result<T, LineError> {
        let s = self.str(k)?;
        parse(s).ok_or_else(|| LineError::new(self.key(k), format!("unknown value {s:?} (expected {choices})")))
    }

    pub fn opt_enum<T>(
        &self,
        k: &str,
        parse: impl Fn(&str) -> Option<T>,
        choices: &str,
    ) -> Result<Option<T>, LineError> {
        match self.get(k) {
            None => Ok(None),
            Some(_) => self.enumv(k, parse, choices).map(Some),
        }
    }
}

pub fn join(path: &str, k: &str) -> String {
    if path.is_empty() { k.to_string() } else { format!("{path}.{k}") }
}

/// The upper bound on a money field: 10 billion yuan.
pub const MAX_MONEY: Money = Money(1_000_000_000_000);

/// A non-negative amount of yuan with at most two decimals.
pub fn money(v: &Value, path: &str) -> Result<Money, LineError> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => {
            return Err(LineError::new(path, "expected an amount of yuan (a number or a decimal string)"));
        }
    };
    // JSON numbers may use exponents (1e3); decimal strings may not.
    let m = match Money::parse_yuan(&text) {
        Ok(m) => m,
        Err(e) if matches!(v, Value::Number(_)) && (text.contains('e') || text.contains('E')) => {
            let f: f64 = text.parse().map_err(|_| LineError::new(path, e.to_string()))?;
            Money::from_yuan_f64(f).map_err(|e| LineError::new(path, format!("{text}: {e}")))?
        }
        Err(e) => return Err(LineError::new(path, format!("{text:?}: {e}"))),
    };
    if m < Money::ZERO {
        return Err(LineError::new(path, format!("negative amount {m}")));
    }
    if m > MAX_MONEY {
        return Err(LineError::new(path, format!("amount {m} is above 10 billion yuan")));
    }
    Ok(m)
}

pub fn uint(v: &Value, path: &str, lo: u64, hi: u64) -> Result<u64, LineError> {
    let n = v.as_u64().or_else(|| {
        // "3" and 3.0 are accepted as whole numbers.
        match v {
            Value::String(s) => s.trim().parse().ok(),
            Value::Number(n) => n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64),
            _ => None,
        }
    });
    match n {
        Some(n) if (lo..=hi).contains(&n) => Ok(n),
        Some(n) => Err(LineError::new(path, format!("{n} is outside {lo}–{hi}"))),
        None => Err(LineError::new(path, "expected a whole number")),
    }
}

/// Parse a line as a JSON object (with the JSON error's column).
pub fn parse_line(line: &str) -> Result<Value, LineError> {
    let v: Value = serde_json::from_str(line).map_err(|e| LineError::new("", format!("malformed JSON: {e}")))?;
    if !v.is_object() {
        return Err(LineError::new("", "expected a JSON object"));
    }
    Ok(v)
}

/// Append a JSON-escaped string.
pub fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("strings serialise"));
}
