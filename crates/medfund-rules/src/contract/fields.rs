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
    // JSON numbers may use exponents (1e3), read exactly: written out in
    // plain decimals first, so that 1e-9 is refused like 0.000000001 and
    // 1.00000000000000001e9 like 1000000000.00000001. Decimal strings may
    // not use exponents.
    let plain = match v {
        Value::Number(_) if text.contains(['e', 'E']) => {
            expand_exponent(&text).ok_or_else(|| LineError::new(path, format!("{text}: out of range")))?
        }
        _ => text.clone(),
    };
    let m = Money::parse_yuan(&plain).map_err(|e| match v {
        Value::Number(_) => LineError::new(path, format!("{text}: {e}")),
        _ => LineError::new(path, format!("{text:?}: {e}")),
    })?;
    if m < Money::ZERO {
        return Err(LineError::new(path, format!("negative amount {m}")));
    }
    if m > MAX_MONEY {
        return Err(LineError::new(path, format!("amount {m} is above 10 billion yuan")));
    }
    Ok(m)
}

/// A JSON number with an exponent (`-1.25E+3`) written out in plain
/// decimals (`-1250`), exactly; `None` when its exponent is beyond ±64
/// (no amount of yuan needs more).
fn expand_exponent(text: &str) -> Option<String> {
    let (mantissa, exp) = text.split_once(['e', 'E'])?;
    let exp: i64 = exp.strip_prefix('+').unwrap_or(exp).parse().ok()?;
    if exp.abs() > 64 {
        return None;
    }
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // The decimal point sits after int.len() + exp digits.
    let point = int.len() as i64 + exp;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    Some(format!("{sign}{plain}"))
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

/// Parse a line as a JSON object (with the JSON error's column). A key
/// given twice in one object is refused, naming it (JSON leaves duplicates
/// undefined; taking the last silently would settle a different claim
/// than the one its sender read).
pub fn parse_line(line: &str) -> Result<Value, LineError> {
    use serde::de::DeserializeSeed as _;
    let duplicate = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = Strict { path: String::new(), duplicate: &duplicate }.deserialize(&mut de).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    let v = match (parsed, duplicate.into_inner()) {
        (_, Some(key)) => return Err(LineError::new(key, "duplicate key (each key may appear once in an object)")),
        (Err(e), None) => return Err(LineError::new("", format!("malformed JSON: {e}"))),
        (Ok(v), None) => v,
    };
    if !v.is_object() {
        return Err(LineError::new("", "expected a JSON object"));
    }
    Ok(v)
}

/// Builds a [`Value`] like serde_json does, but refuses a key repeated in
/// an object, recording its path in `duplicate`.
struct Strict<'a> {
    path: String,
    duplicate: &'a std::cell::RefCell<Option<String>>,
}

/// How serde_json (with `arbitrary_precision`) hands a number to a visitor.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(x) =
            seq.next_element_seed(Strict { path: format!("{}[{}]", self.path, v.len()), duplicate: self.duplicate })?
        {
            v.push(x);
        }
        Ok(Value::Array(v))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if k == NUMBER_TOKEN && out.is_empty() {
                let digits: String = map.next_value()?;
                let n = digits.parse().map_err(serde::de::Error::custom)?;
                return Ok(Value::Number(n));
            }
            let path = join(&self.path, &k);
            if out.contains_key(&k) {
                *self.duplicate.borrow_mut() = Some(path);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            let v = map.next_value_seed(Strict { path, duplicate: self.duplicate })?;
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

/// Append a JSON-escaped string.
pub fn push_json_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("strings serialise"));
}
