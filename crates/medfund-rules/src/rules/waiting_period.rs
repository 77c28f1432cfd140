//! 待遇等待期 (waiting periods): a flexible worker with fewer continuous
//! contribution months than this since first enrolment or the last lapse gets
//! no pooled-fund payment (contract reading 13): Ziyang 000 第十三条 6 months,
//! Luzhou 001 第十二条 3, Dingxi 003 第二十条（一） 3. And when a newborn's
//! cover starts ([`NewbornCover`], Luzhou 001 第二十三条).

use serde::Deserialize;

use crate::member_year::{Category, Member};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingPeriod {
    pub flexible_months: u32,
}

impl WaitingPeriod {
    /// Whether the member is still waiting.
    pub fn waiting(&self, m: &Member) -> bool {
        m.category == Category::Flexible && m.months_contributed < self.flexible_months
    }
}

/// `resident.newborn_cover` (Luzhou 001 第二十三条 新生儿出生之日起90日内参加居民医保，
/// 并缴纳出生当年居民医保费的，从其出生之日至当年12月31日按照规定享受居民医保待遇):
/// a newborn enrolled within `within_days` of birth, paying the birth
/// year's contribution, is covered from birth to the year's end.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewbornCover {
    pub within_days: u32,
}

impl NewbornCover {
    /// Whether a newborn enrolled `days` after birth is covered from birth.
    pub fn from_birth(&self, days: u32) -> bool {
        days <= self.within_days
    }

    /// The months of the birth year covered from birth in month `month`
    /// (1–12), the month of birth counted whole: 13 − month.
    ///
    /// ```
    /// # use medfund_rules::rules::waiting_period::NewbornCover;
    /// // Born in March, enrolled on day 60: covered March–December, 10 months.
    /// let c = NewbornCover { within_days: 90 };
    /// assert!(c.from_birth(60) && c.from_birth(90) && !c.from_birth(91));
    /// assert_eq!(NewbornCover::months_from_birth(3), 10);
    /// assert_eq!(NewbornCover::months_from_birth(12), 1);
    /// ```
    pub fn months_from_birth(month: u32) -> u16 {
        (13 - month.clamp(1, 12)) as u16
    }
}
