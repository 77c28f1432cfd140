//! Claims settled on inpatient terms that are not admissions (contract
//! `terms` of an `inpatient` claim):
//!
//! * death during emergency care: the emergency bill is paid as an
//!   admission, Ziyang with its deductible (000 第十八条（三） 按住院待遇支付),
//!   Dingxi without (003 第二十五条 不设起付线);
//! * Ziyang's high-value drugs of the national catalogue used outside
//!   hospital: class-B self-pay-first, no deductible, the inpatient ratio,
//!   a pharmacy (供药机构) on level-3 terms (000 第二十条（二）);
//! * a newborn who died within 3 months before enrolling: the admission on
//!   the mother's cover (Dingxi 003 第三十七条).
//!
//! A scheme without the section refuses such a claim as not covered.

use serde::{Deserialize, Deserializer};

use crate::member_year::Level;

/// Death during emergency care (急诊抢救死亡).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmergencyDeath {
    /// Whether the admission's deductible applies (Ziyang yes, Dingxi no).
    pub deductible: bool,
}

/// High-value drugs used outside hospital (国家药品目录内高值药品).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighValueDrug {
    /// The hospital level whose terms a pharmacy purchase takes (Ziyang
    /// 三级定点医疗机构: `3A`).
    #[serde(deserialize_with = "hospital_level")]
    pub pharmacy_level: Level,
}

/// A newborn's admission on the mother's cover (新生儿随母报销).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Newborn {
    /// The newborn died within this many months of birth, not yet enrolled
    /// in the resident scheme (Dingxi 3).
    pub within_months: u32,
}

fn hospital_level<'de, D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
    let s = String::deserialize(d)?;
    Level::parse(&s)
        .filter(|l| *l != Level::Pharmacy)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown hospital level {s:?} (unrated, 1, 2B, 2A, 3B, 3A)")))
}
