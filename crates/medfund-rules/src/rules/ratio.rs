//! 支付比例 (inpatient payment ratios): the schedule by level, place column and
//! person, with the modifiers the texts name.
//!
//! Ziyang 000 第十八条（二）: in-service table; retirees +5 points; aged 70 or
//! over the retiree ratio +5 whatever the category; class-1 special disease
//! +5; never above 100% (contract reading 6). Luzhou 001 第二十六条（四）1
//! gives retirees a table of their own. Chongqing residents (002 居民 四（二）)
//! give tier 2 five points more than tier 1.

use serde::Deserialize;

use crate::money::Rate;
use crate::rules::tables::{Columns, Ratio};

/// Age from which a patient takes the retiree ratio plus `add`.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elderly {
    pub min_age: u32,
    pub add: Rate,
}

/// Parameters of the inpatient payment ratio.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioSchedule {
    /// Columns for in-service members (employees, flexible workers, residents).
    pub in_service: Columns<Ratio>,
    /// Columns for retirees, where the text gives a table of their own.
    #[serde(default)]
    pub retiree: Option<Columns<Ratio>>,
    /// Points retirees add to the in-service table.
    #[serde(default)]
    pub retiree_add: Rate,
    /// Older patients' addition to the retiree ratio.
    #[serde(default)]
    pub elderly: Option<Elderly>,
    /// Points class-1 special disease patients add.
    #[serde(default)]
    pub special_class1_add: Rate,
    /// Points Chongqing tier-2 residents add.
    #[serde(default)]
    pub tier2_add: Rate,
}

/// The person modifiers of one claim, applied after the table and place.
///
/// ```
/// # use medfund_rules::rules::ratio::person_ratio;
/// # use medfund_rules::money::Rate;
/// // Ziyang 第十八条（二）: a 72-year-old employee with a class-1 special
/// // disease at a level-3 hospital: retiree 80+5 = 85, +5 at 70+, +5 class 1.
/// let r = person_ratio(Rate::percent(85), Some(Rate::percent(5)), Rate::percent(5), Rate::ZERO);
/// assert_eq!(r, Rate::percent(95));
/// ```
#[inline]
pub fn person_ratio(retiree_or_in_service: Rate, elderly_add: Option<Rate>, class1_add: Rate, tier_add: Rate) -> Rate {
    (retiree_or_in_service + elderly_add.unwrap_or(Rate::ZERO) + class1_add + tier_add).clamp01()
}
