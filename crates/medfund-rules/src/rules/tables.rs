//! Small tables the rule components are parameterised by: values by hospital
//! level, by person group, by account type, tiers by unit price and bands by
//! months of pregnancy. Each reads from a scenario file with a shorthand (a
//! single number stands for every key) and refuses missing or unknown keys.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};

use crate::member_year::Level;
use crate::money::{Money, Rate};

// ---------------------------------------------------------------- Money, Rate

impl<'de> Deserialize<'de> for Money {
    /// Yuan, as a number (`3500`, `12.5`) or a decimal string (`"12.50"`),
    /// at most two decimals.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of yuan with at most two decimals")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100).map(Money).ok_or_else(|| E::custom("amount out of range"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v).map_err(|_| E::custom("amount out of range")).and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Money::from_yuan_f64(v).map_err(|e| E::custom(format!("amount {v}: {e}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse_yuan(v).map_err(|e| E::custom(format!("amount {v:?}: {e}")))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Rate {
    /// A ratio as a number (`0.85`, `1.1`, `6`), exact to one part per million.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Rate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a ratio such as 0.85")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rate, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rate, E> {
                self.visit_f64(v as f64)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rate, E> {
                Rate::from_f64(v).ok_or_else(|| E::custom(format!("ratio {v} is not exact to one part per million")))
            }
        }
        d.deserialize_any(V)
    }
}

/// A ratio that must lie in `[0, 1]` (payment ratios, shares).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Ratio(pub Rate);

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ratio, D::Error> {
        let r = Rate::deserialize(d)?;
        if r < Rate::ZERO || r > Rate::ONE {
            return Err(de::Error::custom(format!("ratio {} is outside 0–1", r.as_f64())));
        }
        Ok(Ratio(r))
    }
}

impl From<Ratio> for Rate {
    fn from(r: Ratio) -> Rate {
        r.0
    }
}

// ------------------------------------------------------ keyed-table machinery

/// Read either one scalar for every key, or a table that names every key.
fn keyed<'de, D, T, const N: usize>(
    d: D,
    keys: [&'static str; N],
    optional: &'static [&'static str],
    what: &'static str,
) -> Result<[Option<T>; N], D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T, const N: usize> {
        keys: [&'static str; N],
        optional: &'static [&'static str],
        what: &'static str,
        _t: PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for V<T, N> {
        type Value = [Option<T>; N];
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a {} table (keys {}) or one value for all", self.what, self.keys.join(", "))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            let mut out: [Option<T>; N] = std::array::from_fn(|_| None);
            for slot in out.iter_mut() {
                *slot = Some(T::deserialize(v.into_deserializer())?);
            }
            Ok(out)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_i64(v as i64)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            let mut out: [Option<T>; N] = std::array::from_fn(|_| None);
            for slot in out.iter_mut() {
                *slot = Some(T::deserialize(v.into_deserializer())?);
            }
            Ok(out)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            let mut out: [Option<T>; N] = std::array::from_fn(|_| None);
            for slot in out.iter_mut() {
                *slot = Some(T::deserialize(v.into_deserializer())?);
            }
            Ok(out)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out: [Option<T>; N] = std::array::from_fn(|_| None);
            while let Some(k) = m.next_key::<String>()? {
                let Some(i) = self.keys.iter().position(|x| *x == k) else {
                    return Err(de::Error::custom(format!(
                        "unknown {} key `{k}` (expected {})",
                        self.what,
                        self.keys.join(", ")
                    )));
                };
                if out[i].is_some() {
                    return Err(de::Error::custom(format!("duplicate {} key `{k}`", self.what)));
                }
                out[i] = Some(m.next_value()?);
            }
            for (i, k) in self.keys.iter().enumerate() {
                if out[i].is_none() && !self.optional.contains(k) {
                    return Err(de::Error::custom(format!("{} table is missing `{k}`", self.what)));
                }
            }
            Ok(out)
        }
    }
    d.deserialize_any(V { keys, optional, what, _t: PhantomData })
}

// ----------------------------------------------------------------- LevelTable

const LEVEL_KEYS: [&str; 7] = ["unrated", "1", "2B", "2A", "3B", "3A", "pharmacy"];

/// A value per hospital level (`unrated`, `1`, `2B`, `2A`, `3B`, `3A`) and,
/// optionally, `pharmacy`. A single value stands for every level; a table must
/// name all six hospital levels.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelTable<T> {
    hospital: [T; 6],
    pharmacy: Option<T>,
}

impl<T: Copy> LevelTable<T> {
    pub fn uniform(v: T) -> Self {
        LevelTable { hospital: [v; 6], pharmacy: Some(v) }
    }
    pub fn new(hospital: [T; 6], pharmacy: Option<T>) -> Self {
        LevelTable { hospital, pharmacy }
    }
    /// The value at a level; `None` for a pharmacy when the table has none.
    #[inline]
    pub fn get(&self, l: Level) -> Option<T> {
        match l {
            Level::Pharmacy => self.pharmacy,
            _ => Some(self.hospital[l.index()]),
        }
    }
    /// The value at a hospital level (pharmacy falls back to none: panics).
    #[inline]
    pub fn at(&self, l: Level) -> T {
        self.get(l).expect("level table has no pharmacy value")
    }
    pub fn has_pharmacy(&self) -> bool {
        self.pharmacy.is_some()
    }
    pub fn hospital(&self) -> &[T; 6] {
        &self.hospital
    }
    pub fn map<U: Copy>(&self, f: impl Fn(T) -> U) -> LevelTable<U> {
        LevelTable { hospital: self.hospital.map(&f), pharmacy: self.pharmacy.map(f) }
    }
}

impl<'de, T: Deserialize<'de> + Copy> Deserialize<'de> for LevelTable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = keyed::<D, T, 7>(d, LEVEL_KEYS, &["pharmacy"], "level")?;
        let hospital = std::array::from_fn(|i| v[i].expect("checked"));
        Ok(LevelTable { hospital, pharmacy: v[6] })
    }
}

// ------------------------------------------------------------------- ByPerson

/// A value for in-service members (employees, flexible workers, residents)
/// and one for retirees. A single value stands for both.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct ByPerson<T> {
    pub in_service: T,
    pub retiree: T,
}

impl<T: Copy> ByPerson<T> {
    #[inline]
    pub fn get(&self, retiree: bool) -> T {
        if retiree { self.retiree } else { self.in_service }
    }
}

impl<'de, T: Deserialize<'de> + Copy> Deserialize<'de> for ByPerson<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [a, b] = keyed::<D, T, 2>(d, ["in_service", "retiree"], &[], "person")?;
        Ok(ByPerson { in_service: a.expect("checked"), retiree: b.expect("checked") })
    }
}

/// A value for 统账结合 (`combined`) and one for 单建统筹 (`pooling_only`).
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct ByAccount<T> {
    pub combined: T,
    pub pooling_only: T,
}

impl<T: Copy> ByAccount<T> {
    #[inline]
    pub fn get(&self, a: crate::member_year::Account) -> T {
        match a {
            crate::member_year::Account::Combined => self.combined,
            crate::member_year::Account::PoolingOnly => self.pooling_only,
        }
    }
}

impl<'de, T: Deserialize<'de> + Copy> Deserialize<'de> for ByAccount<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [a, b] = keyed::<D, T, 2>(d, ["combined", "pooling_only"], &[], "account")?;
        Ok(ByAccount { combined: a.expect("checked"), pooling_only: b.expect("checked") })
    }
}

// ---------------------------------------------------------------------- Tiers

/// One tier of a price-tiered schedule: unit prices up to and including
/// `up_to` (or any price, for the last tier) take `ratio`.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    #[serde(default)]
    pub up_to: Option<Money>,
    pub ratio: Ratio,
}

/// Tiers in ascending order; only the last may (and, unless a ceiling cuts
/// prices first, must) be open-ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Tiers(pub Vec<Tier>);

impl Tiers {
    pub fn flat(r: Rate) -> Tiers {
        Tiers(vec![Tier { up_to: None, ratio: Ratio(r) }])
    }
    /// The ratio of the tier a unit price falls in (“（含）”: the upper edge
    /// belongs to the lower tier). Prices above the last closed tier take the
    /// last tier's ratio.
    #[inline]
    pub fn ratio_for(&self, price: Money) -> Rate {
        for t in &self.0 {
            match t.up_to {
                Some(u) if price <= u => return t.ratio.0,
                None => return t.ratio.0,
                _ => {}
            }
        }
        self.0.last().map(|t| t.ratio.0).unwrap_or(Rate::ZERO)
    }
    /// The highest closed edge, if the last tier is closed.
    pub fn top(&self) -> Option<Money> {
        self.0.last().and_then(|t| t.up_to)
    }
}

impl<'de> Deserialize<'de> for Tiers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<Tier>::deserialize(d)?;
        if v.is_empty() {
            return Err(de::Error::custom("a tier schedule needs at least one tier"));
        }
        let mut prev: Option<Money> = None;
        for (i, t) in v.iter().enumerate() {
            match t.up_to {
                None if i + 1 != v.len() => {
                    return Err(de::Error::custom(format!("tier {} has no `up_to` but is not the last", i + 1)));
                }
                Some(u) => {
                    if let Some(p) = prev
                        && u <= p
                    {
                        return Err(de::Error::custom(format!(
                            "tier {} `up_to` {u} is not above the previous tier's {p}",
                            i + 1
                        )));
                    }
                    prev = Some(u);
                }
                None => {}
            }
        }
        Ok(Tiers(v))
    }
}

// ------------------------------------------------------------- month bands

/// A value for pregnancies of fewer than `below_months` completed months.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthBand<T> {
    pub below_months: u32,
    pub value: T,
}

/// Bands by completed months of pregnancy, ascending; the first band whose
/// `below_months` exceeds the months applies.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthBands<T>(pub Vec<MonthBand<T>>);

impl<T: Copy> MonthBands<T> {
    pub fn get(&self, months: u32) -> Option<T> {
        self.0.iter().find(|b| months < b.below_months).map(|b| b.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MonthBands<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<MonthBand<T>>::deserialize(d)?;
        for w in v.windows(2) {
            if w[1].below_months <= w[0].below_months {
                return Err(de::Error::custom("month bands must be in ascending `below_months` order"));
            }
        }
        Ok(MonthBands(v))
    }
}

/// Named columns (e.g. `local`, `nonlocal`) each holding a level table.
pub type Columns<T> = BTreeMap<String, LevelTable<T>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct W<T> {
        t: T,
    }

    fn parse<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, String> {
        toml::from_str::<W<T>>(s).map(|w| w.t).map_err(|e| e.to_string())
    }

    #[test]
    fn level_table_scalar_and_full() {
        let t: LevelTable<Money> = parse("t = 3500").unwrap();
        assert_eq!(t.at(Level::L3A), Money::yuan(3500));
        let t: LevelTable<Money> =
            parse("t = { unrated = 100, 1 = 200, 2B = 400, 2A = 600, 3B = 800, 3A = 1000 }").unwrap();
        assert_eq!(t.at(Level::L2A), Money::yuan(600));
        assert_eq!(t.get(Level::Pharmacy), None);
    }

    #[test]
    fn level_table_missing_level_is_refused_with_line() {
        let e =
            parse::<LevelTable<Money>>("\nt = { unrated = 100, 1 = 200, 2A = 600, 3B = 800, 3A = 1000 }").unwrap_err();
        assert!(e.contains("missing `2B`"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let e = parse::<LevelTable<Money>>("t = { unrated = 1, 1 = 2, 2B = 4, 2A = 6, 3B = 8, 3A = 1, 4 = 9 }")
            .unwrap_err();
        assert!(e.contains("unknown level key `4`"), "{e}");
    }

    #[test]
    fn ratio_outside_unit_interval_is_refused() {
        let e = parse::<Ratio>("t = 1.05").unwrap_err();
        assert!(e.contains("outside 0–1"), "{e}");
    }

    #[test]
    fn tiers_pick_whole_price_tier() {
        let t: Tiers = parse(
            "t = [{ up_to = 300, ratio = 0.1 }, { up_to = 1000, ratio = 0.2 }, { up_to = 3000, ratio = 0.3 }, { ratio = 0.4 }]",
        )
        .unwrap();
        assert_eq!(t.ratio_for(Money::yuan(300)), Rate::percent(10));
        assert_eq!(t.ratio_for(Money(30001)), Rate::percent(20));
        assert_eq!(t.ratio_for(Money::yuan(5000)), Rate::percent(40));
        let e = parse::<Tiers>("t = [{ up_to = 300, ratio = 0.1 }, { up_to = 200, ratio = 0.2 }]").unwrap_err();
        assert!(e.contains("not above"), "{e}");
    }
}

impl<'de> Deserialize<'de> for Level {
    /// The contract's spelling: `unrated`, `1`, `2B`, `2A`, `3B`, `3A`, `pharmacy`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level: unrated, 1, 2B, 2A, 3B, 3A or pharmacy")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Level, E> {
                Level::parse(v).ok_or_else(|| E::custom(format!("unknown level `{v}`")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Level, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A value per contract place (`local`, `nonlocal_filed`, `nonlocal_referral`,
/// `nonlocal_emergency`, `nonlocal_self`, `nonlocal_self_cross_province`); a
/// table must name every place.
#[derive(Clone, Debug, PartialEq)]
pub struct ByPlace<T>(pub [T; 6]);

impl<T> ByPlace<T> {
    #[inline]
    pub fn get(&self, p: crate::member_year::Place) -> &T {
        &self.0[p.index()]
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ByPlace<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = ByPlace<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table with every place")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out: [Option<T>; 6] = std::array::from_fn(|_| None);
                while let Some(k) = m.next_key::<String>()? {
                    let Some(p) = crate::member_year::Place::parse(&k) else {
                        return Err(de::Error::custom(format!("unknown place `{k}`")));
                    };
                    out[p.index()] = Some(m.next_value()?);
                }
                for p in crate::member_year::Place::ALL {
                    if out[p.index()].is_none() {
                        return Err(de::Error::custom(format!("place table is missing `{}`", p.as_str())));
                    }
                }
                Ok(ByPlace(out.map(|o| o.expect("checked"))))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

impl<'de> Deserialize<'de> for crate::member_year::ClaimKind {
    /// The contract's claim `type` spelling.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::member_year::ClaimKind::parse(&s).ok_or_else(|| de::Error::custom(format!("unknown claim type `{s}`")))
    }
}

impl<'de> Deserialize<'de> for crate::member_year::Category {
    /// `employee`, `retiree`, `flexible` or `resident`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        crate::member_year::Category::parse(&s).ok_or_else(|| de::Error::custom(format!("unknown category `{s}`")))
    }
}
