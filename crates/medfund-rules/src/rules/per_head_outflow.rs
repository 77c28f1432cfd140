//! A resident fund's per-head outflows: amounts the fund pays out for each
//! insured resident (or for each claim) beside the benefits it settles on
//! claims. Each is named, and each name is a ledger column of its own.
//!
//! - Luzhou 001 第六十五条: the critical-illness insurance (大病保险) is bought
//!   from a commercial insurer for every insured resident, "所需资金在居民医保
//!   基金中列支，参保居民个人不缴费": a premium a head paid by the fund (its
//!   amount is set by tender, not in the text: an assumption of the scenario).
//! - Luzhou 001 第二十六条（一）: the general consultation fee (一般诊疗费) at
//!   primary facilities is paid by the resident pooled fund "按照一个保险年度内
//!   参保人员人均10元的标准实行总额控制": 10 yuan a head a year.
//!
//! Not here: what the fund pays on a claim (the benefit components), and
//! what the resident pays (`resident_financing`).
//!
//! ```toml
//! [resident.per_head_outflows.general_consultation]
//! source = "001_a1eeaaf010e2aa5c.txt 第二十六条（一）"
//! value = { amount = 10, per = "head" }
//! ```

use serde::Deserialize;

use crate::money::Money;

/// What a per-head outflow's amount is per.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Each insured resident financed in the year.
    #[default]
    Head,
    /// Each claim (visit) the fund settled in the year.
    Claim,
}

/// One per-head outflow: an amount per head (or per claim) a year.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerHeadOutflow {
    pub amount: Money,
    #[serde(default)]
    pub per: Per,
}

impl PerHeadOutflow {
    /// The year's outflow for `heads` insured residents who made `claims`
    /// claims: `amount × heads` (or `× claims`); `None` when it overflows.
    ///
    /// ```
    /// # use medfund_rules::rules::per_head_outflow::{PerHeadOutflow, Per};
    /// # use medfund_rules::money::Money;
    /// // 001 第二十六条（一）: 10 yuan a head; 1,000 residents → 10,000 yuan.
    /// let fee = PerHeadOutflow { amount: Money::yuan(10), per: Per::Head };
    /// assert_eq!(fee.due(1_000, 37), Some(Money::yuan(10_000)));
    /// ```
    pub fn due(&self, heads: u64, claims: u64) -> Option<Money> {
        let n = match self.per {
            Per::Head => heads,
            Per::Claim => claims,
        };
        i64::try_from(n).ok().and_then(|n| self.amount.0.checked_mul(n)).map(Money)
    }
}

/// The named per-head outflows a scheme may have (each its own ledger
/// column, `<name>_yuan`). A name not listed here is refused when the
/// scenario is read, naming the names allowed.
pub const NAMES: [&str; 2] = ["critical_illness_insurance", "general_consultation"];

/// The per-head outflows in force in a year, by [`NAMES`] order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PerHeadOutflows {
    pub critical_illness_insurance: Option<crate::scenario::Cited<PerHeadOutflow>>,
    pub general_consultation: Option<crate::scenario::Cited<PerHeadOutflow>>,
}

impl PerHeadOutflows {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.critical_illness_insurance.is_none() && self.general_consultation.is_none()
    }

    /// One resident's year: (critical-illness premium, general consultation
    /// fee) for a resident with `claims` claims settled; `None` on overflow.
    pub fn of_resident(&self, claims: u64) -> Option<(Money, Money)> {
        let one = |o: &Option<crate::scenario::Cited<PerHeadOutflow>>| {
            o.as_ref().map_or(Some(Money::ZERO), |c| c.v.due(1, claims))
        };
        Some((one(&self.critical_illness_insurance)?, one(&self.general_consultation)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_claim_counts_claims_and_overflow_is_none() {
        let x = PerHeadOutflow { amount: Money::yuan(2), per: Per::Claim };
        // 2 yuan a claim, 5 claims: 10 yuan whatever the heads.
        assert_eq!(x.due(1, 5), Some(Money::yuan(10)));
        assert_eq!(x.due(100, 0), Some(Money::ZERO));
        let big = PerHeadOutflow { amount: Money(i64::MAX / 2), per: Per::Head };
        assert_eq!(big.due(3, 0), None);
    }
}
