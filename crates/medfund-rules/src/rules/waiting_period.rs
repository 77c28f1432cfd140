//! 待遇等待期 (waiting periods): a flexible worker with fewer continuous
//! contribution months than this since first enrolment or the last lapse gets
//! no pooled-fund payment (contract reading 13): Ziyang 000 第十三条 6 months,
//! Luzhou 001 第十二条 3, Dingxi 003 第二十条（一） 3. And when a newborn's
//! cover starts ([`NewbornCover`], Luzhou 001 第二十三条).
//!
//! And what a return after a break in contributions brings (断保, 续保, 补缴):
//! whether the break's months are paid back and count, and whether the
//! waiting period starts again ([`WaitingPeriod::on_return`]).
//!
//! * Ziyang 000 第十三条: arrears of more than 3 months are a lapse (断保) and
//!   the 6 months start again from the month of re-enrolment; arrears within
//!   3 months are paid back with benefits restored (待遇追溯); from 3 to 12
//!   months they may be paid back but benefits are not restored; after a
//!   year they can no longer be paid back (the earlier years still count).
//! * Dingxi 003 第二十条（二）: a break of more than 3 months stops benefits;
//!   up to a year, paying it back restores them with no waiting period
//!   (补缴后不设待遇等待期); after more than a year, the arrears paid back and
//!   3 months of full contributions before benefits.
//!
//! The component does not say who pays back: that is a behaviour of the
//! projection (`projection.population.back_pay_share`).

use serde::Deserialize;

use crate::member_year::{Category, Member};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingPeriod {
    pub flexible_months: u32,
    /// A break of more months than this is a lapse (断保); a shorter one is
    /// paid back and changes nothing. `None`: the text has no rule on
    /// breaks, so every break is a lapse that cannot be paid back and the
    /// waiting period starts again (contract reading 13).
    #[serde(default)]
    pub lapse_after_months: Option<u32>,
    /// A lapse of at most this many months may be paid back (补缴); `None`:
    /// any lapse may be.
    #[serde(default)]
    pub back_pay_within_months: Option<u32>,
    /// A lapse of at most this many months, paid back, brings no new waiting
    /// period; `None`: the same as `lapse_after_months` (only breaks that
    /// are not lapses).
    #[serde(default)]
    pub no_wait_after_back_pay_within_months: Option<u32>,
}

/// What a return to contributions after a break brings.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Return {
    /// The break's months are paid back (补缴) and count as contributed.
    pub months_restored: bool,
    /// The waiting period starts again from the month of return.
    pub waiting: bool,
}

impl WaitingPeriod {
    /// Whether the member is still waiting.
    pub fn waiting(&self, m: &Member) -> bool {
        m.category == Category::Flexible && m.months_contributed < self.flexible_months
    }

    /// A flexible worker's return after `gap_months` without contributions;
    /// `pays_back`: whether the member would pay the break back where the
    /// text allows it.
    ///
    /// ```
    /// # use medfund_rules::rules::waiting_period::*;
    /// // Ziyang 000 第十三条: 3 months of arrears are paid back (追溯);
    /// // 8 months may be paid back, but the 6 months start again.
    /// let w = WaitingPeriod {
    ///     flexible_months: 6,
    ///     lapse_after_months: Some(3),
    ///     back_pay_within_months: Some(12),
    ///     no_wait_after_back_pay_within_months: Some(3),
    /// };
    /// assert_eq!(w.on_return(3, false), Return { months_restored: true, waiting: false });
    /// assert_eq!(w.on_return(8, true), Return { months_restored: true, waiting: true });
    /// ```
    pub fn on_return(&self, gap_months: u32, pays_back: bool) -> Return {
        let Some(lapse) = self.lapse_after_months else {
            return Return { months_restored: false, waiting: true };
        };
        if gap_months <= lapse {
            return Return { months_restored: true, waiting: false };
        }
        let may = self.back_pay_within_months.is_none_or(|m| gap_months <= m);
        if pays_back && may {
            let no_wait = self.no_wait_after_back_pay_within_months.unwrap_or(lapse);
            Return { months_restored: true, waiting: gap_months > no_wait }
        } else {
            Return { months_restored: false, waiting: true }
        }
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
