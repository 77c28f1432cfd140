//! 待遇等待期 (waiting periods): a flexible worker with fewer continuous
//! contribution months than this since first enrolment or the last lapse gets
//! no pooled-fund payment (contract reading 13): Ziyang 000 第十三条 6 months,
//! Luzhou 001 第十二条 3, Dingxi 003 第二十条（一） 3.

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
