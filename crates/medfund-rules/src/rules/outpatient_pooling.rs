//! 普通门诊统筹 (general outpatient pooling): a yearly deductible, a ratio by
//! level, a yearly limit on the fund's payment.
//!
//! Ziyang 004 第八条（一） (= 000 第十六条): deductible 200 in service, 150
//! retired; 50% at level-3 hospitals and pharmacies, 60% at level 2 and
//! below, retirees +10 points; limit 2,000 / 2,500 (combined accounts), 800 /
//! 1,000 (pooling-only), other terms the same. Luzhou residents 001
//! 第二十六条（一）: 70%, 130 a year, no deductible.

use serde::Deserialize;

use crate::member_year::{Account, Level};
use crate::money::{Exact, Money, Rate};
use crate::rules::tables::{ByAccount, ByPerson, LevelTable, Ratio};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutpatientPooling {
    /// Yearly deductible.
    pub deductible: ByPerson<Money>,
    /// Ratio by level, pharmacies included.
    pub ratio: LevelTable<Ratio>,
    /// Points retirees add.
    #[serde(default)]
    pub retiree_add: Rate,
    /// Yearly limit on the fund's payment.
    pub limit: ByAccount<ByPerson<Money>>,
}

/// Year-to-date outpatient pooling of a member.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct OutpatientState {
    pub deductible_used: Exact,
    pub paid: Money,
}

/// One outpatient claim's settlement.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct OutpatientOutcome {
    pub deductible: Exact,
    pub ratio: Rate,
    /// Before the limit and the cap.
    pub raw: Money,
    pub limit_left: Money,
}

impl OutpatientPooling {
    /// Settle one claim's scope against the yearly deductible and ratio; the
    /// caller limits the result by the yearly limit and cap.
    pub fn settle(
        &self,
        scope: Exact,
        level: Level,
        retiree: bool,
        account: Account,
        st: &mut OutpatientState,
    ) -> OutpatientOutcome {
        let ded_left = (Exact::from(self.deductible.get(retiree)) - st.deductible_used).max0();
        let ded = ded_left.min(scope.max0());
        st.deductible_used += ded;
        let base = self.ratio.get(level).map(Rate::from).unwrap_or(Rate::ZERO);
        let ratio = if retiree { base + self.retiree_add } else { base }.clamp01();
        let raw = (scope.max0() - ded).mul_rate(ratio).round();
        let limit_left = (self.limit.get(account).get(retiree) - st.paid).max0();
        OutpatientOutcome { deductible: ded, ratio, raw, limit_left }
    }
}
