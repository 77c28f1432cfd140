//! Chongqing's district settlement of one year (002_9700c8a0963dcb6b.txt
//! 二（四）2 超收留存、差额弥补; 二（五）缺口分担), as `spec/settlement.md` fixes
//! it:
//!
//! 1. Collection: above 95% of the target, 50% of the excess over 95% is
//!    retained by the district; below it, the shortfall is paid from the
//!    opening district surplus, then by the district government.
//! 2. Spending: at or under the target with the assessment passed, 60% of
//!    the saving is retained; over it, the city bears 50% / 55% / 60% by
//!    district class and the district's part is paid from what is left of
//!    its surplus, then by its government. The split does not depend on the
//!    assessment (contract reading).
//! 3. Closing surplus = opening − what the surplus paid + what was retained;
//!    this year's retentions serve later years.
//!
//! Amounts are exact until each output field is rounded half-up to the fen;
//! the derived fields (`overspend_district`, the government parts,
//! `surplus_closing`) are computed from the rounded fields so that every
//! output line adds up to the fen.

use serde::Deserialize;

use crate::money::{Exact, Money, Rate};
use crate::rules::tables::Ratio;

/// Class of a district by the fiscal classification (财政管理体制的分类).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistrictClass {
    /// 主城区
    MainUrban,
    /// 区域中心城市
    RegionalCenter,
    /// 其他区县（自治县）
    Other,
}

impl DistrictClass {
    pub fn parse(s: &str) -> Option<DistrictClass> {
        Some(match s {
            "main_urban" => DistrictClass::MainUrban,
            "regional_center" => DistrictClass::RegionalCenter,
            "other" => DistrictClass::Other,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            DistrictClass::MainUrban => "main_urban",
            DistrictClass::RegionalCenter => "regional_center",
            DistrictClass::Other => "other",
        }
    }
}

/// The city's share of an overspend by district class.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityShares {
    pub main_urban: Ratio,
    pub regional_center: Ratio,
    pub other: Ratio,
}

/// Parameters of the district settlement.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettlementRules {
    /// Share of the collection target below which a shortfall is owed (95%).
    pub collection_floor: Ratio,
    /// Share of collection above the floor the district keeps (50%).
    pub collection_retained: Ratio,
    /// Share of a spending saving the district keeps (60%).
    pub savings_retained: Ratio,
    pub city_share: CityShares,
}

impl SettlementRules {
    pub fn city_share(&self, c: DistrictClass) -> Rate {
        match c {
            DistrictClass::MainUrban => self.city_share.main_urban.0,
            DistrictClass::RegionalCenter => self.city_share.regional_center.0,
            DistrictClass::Other => self.city_share.other.0,
        }
    }
}

/// One district's year.
#[derive(Clone, Debug, PartialEq)]
pub struct DistrictYear {
    pub name: String,
    pub class: DistrictClass,
    pub collection_target: Money,
    pub collection_actual: Money,
    pub spending_target: Money,
    pub spending_actual: Money,
    pub surplus_opening: Money,
    pub assessment_passed: bool,
}

/// One district's settlement.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct DistrictSettlement {
    pub collection_retained: Money,
    pub shortfall: Money,
    pub shortfall_from_surplus: Money,
    pub shortfall_from_government: Money,
    pub savings_retained: Money,
    pub overspend: Money,
    pub overspend_city: Money,
    pub overspend_district: Money,
    pub overspend_from_surplus: Money,
    pub overspend_from_government: Money,
    pub surplus_closing: Money,
}

/// The city's totals of a year: sums of the district fields.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CitySettlement {
    pub overspend_city: Money,
    pub shortfall_from_government: Money,
    pub overspend_from_government: Money,
}

/// Settle one district's year.
///
/// ```
/// # use medfund_rules::settle::*;
/// # use medfund_rules::money::{Money, Rate};
/// # use medfund_rules::rules::tables::Ratio;
/// # let r = SettlementRules { collection_floor: Ratio(Rate::percent(95)), collection_retained: Ratio(Rate::percent(50)),
/// #   savings_retained: Ratio(Rate::percent(60)), city_share: CityShares { main_urban: Ratio(Rate::percent(50)),
/// #   regional_center: Ratio(Rate::percent(55)), other: Ratio(Rate::percent(60)) } };
/// // The contract's example: 渝中 collects 102,000 of 100,000 and spends
/// // 95,000 of 90,000 with 3,000 in its surplus.
/// let d = DistrictYear { name: "渝中".into(), class: DistrictClass::MainUrban,
///   collection_target: Money::yuan(100_000), collection_actual: Money::yuan(102_000),
///   spending_target: Money::yuan(90_000), spending_actual: Money::yuan(95_000),
///   surplus_opening: Money::yuan(3_000), assessment_passed: true };
/// let s = settle_district(&r, &d);
/// assert_eq!(s.collection_retained, Money::yuan(3_500)); // 50% × (102,000 − 95,000)
/// assert_eq!(s.overspend_city, Money::yuan(2_500));      // 50% × 5,000
/// assert_eq!(s.overspend_from_surplus, Money::yuan(2_500));
/// assert_eq!(s.surplus_closing, Money::yuan(4_000));     // 3,000 − 2,500 + 3,500
/// ```
pub fn settle_district(r: &SettlementRules, d: &DistrictYear) -> DistrictSettlement {
    let mut s = DistrictSettlement::default();
    let floor = Exact::from(d.collection_target).mul_rate(r.collection_floor.0);
    let actual = Exact::from(d.collection_actual);
    if actual > floor {
        s.collection_retained = (actual - floor).mul_rate(r.collection_retained.0).round();
    } else if actual < floor {
        s.shortfall = (floor - actual).round();
        s.shortfall_from_surplus = s.shortfall.min(d.surplus_opening.max0());
        s.shortfall_from_government = s.shortfall - s.shortfall_from_surplus;
    }
    if d.spending_actual <= d.spending_target {
        if d.assessment_passed {
            s.savings_retained = (d.spending_target - d.spending_actual).mul_rate(r.savings_retained.0);
        }
    } else {
        s.overspend = d.spending_actual - d.spending_target;
        s.overspend_city = s.overspend.mul_rate(r.city_share(d.class));
        s.overspend_district = s.overspend - s.overspend_city;
        let left = (d.surplus_opening - s.shortfall_from_surplus).max0();
        s.overspend_from_surplus = s.overspend_district.min(left);
        s.overspend_from_government = s.overspend_district - s.overspend_from_surplus;
    }
    s.surplus_closing = d.surplus_opening - s.shortfall_from_surplus - s.overspend_from_surplus
        + s.collection_retained
        + s.savings_retained;
    s
}

/// Settle every district of a year and sum the city's block.
pub fn settle_year(r: &SettlementRules, ds: &[DistrictYear]) -> (Vec<DistrictSettlement>, CitySettlement) {
    let out: Vec<DistrictSettlement> = ds.iter().map(|d| settle_district(r, d)).collect();
    let mut city = CitySettlement::default();
    for s in &out {
        city.overspend_city += s.overspend_city;
        city.shortfall_from_government += s.shortfall_from_government;
        city.overspend_from_government += s.overspend_from_government;
    }
    (out, city)
}
