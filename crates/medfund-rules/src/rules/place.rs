//! How each contract place maps onto a city's columns (本地/异地, 市内/市外,
//! emergency and referral columns) and its reductions.
//!
//! Contract reading 7 fixes the mapping for Ziyang (000 第三十四条), Dingxi
//! (003 第二十七条) and Luzhou (001 第二十六条（四）); Chongqing's is in its
//! scenario (002 二（一）5).

use serde::Deserialize;

use crate::member_year::Level;
use crate::money::Rate;

/// Which top-up band column (Ziyang 000 第二十七条（二）本地/异地) a place uses.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopUpColumn {
    #[default]
    Local,
    Nonlocal,
}

/// The terms one place is settled on.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceRule {
    /// Column of the deductible schedule.
    pub deductible: String,
    /// Column of the ratio schedule.
    pub ratio: String,
    /// Points added to the ratio (negative: a reduction; “降低5%” is −0.05,
    /// contract reading 3).
    #[serde(default)]
    pub ratio_adjust: Rate,
    /// Factor on the deductible (“起付线提高5%” is 1.05, contract reading 3).
    #[serde(default)]
    pub deductible_factor: Option<Rate>,
    /// Levels the adjustment and factor apply at (all when absent).
    #[serde(default)]
    pub adjust_levels: Option<Vec<Level>>,
    /// Top-up band column.
    #[serde(default)]
    pub top_up: TopUpColumn,
}

impl PlaceRule {
    /// Whether this place's adjustments apply at a level.
    pub fn adjusts_at(&self, l: Level) -> bool {
        self.adjust_levels.as_ref().is_none_or(|v| v.contains(&l))
    }
}
