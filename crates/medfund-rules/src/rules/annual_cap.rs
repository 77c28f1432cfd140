//! 年度最高支付限额 (the annual cap on what the pooled fund pays a member),
//! shared across the benefit types the text lists and nothing else (contract
//! reading 8): Ziyang 000 第十二条（四） 6 × the average wage over general
//! outpatient pooling, special outpatient, inpatient and single-payment drugs;
//! Luzhou 001 第二十六条（四）2 280,000 (residents 180,000), maternity not
//! counted (第三十一条); Dingxi 003 第二十二条 70,000 on inpatient; Chongqing
//! residents 70,000 (tier 1) and 110,000 (tier 2).

use serde::Deserialize;

use crate::member_year::ClaimKind;
use crate::money::{Money, Rate};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualCap {
    /// A fixed amount a year.
    #[serde(default)]
    pub amount: Option<Money>,
    /// Or a multiple of the previous-year average wage.
    #[serde(default)]
    pub avg_wage_multiple: Option<Rate>,
    /// Chongqing tier-2 residents' amount.
    #[serde(default)]
    pub tier2_amount: Option<Money>,
    /// The benefit types the cap covers and counts.
    pub covers: Vec<ClaimKind>,
}

impl AnnualCap {
    /// The cap in force for a member.
    ///
    /// ```
    /// # use medfund_rules::rules::annual_cap::AnnualCap;
    /// # use medfund_rules::money::{Money, Rate};
    /// # use medfund_rules::member_year::ClaimKind;
    /// // Ziyang 第十二条（四）: 6 × 84,912 = 509,472
    /// let c = AnnualCap { amount: None, avg_wage_multiple: Some(Rate(6_000_000)), tier2_amount: None,
    ///                     covers: vec![ClaimKind::Inpatient] };
    /// assert_eq!(c.amount_for(Money::yuan(84_912), None), Money::yuan(509_472));
    /// ```
    pub fn amount_for(&self, avg_wage: Money, tier: Option<u8>) -> Money {
        if tier == Some(2)
            && let Some(a) = self.tier2_amount
        {
            return a;
        }
        match (self.amount, self.avg_wage_multiple) {
            (Some(a), _) => a,
            (None, Some(m)) => avg_wage.mul_rate(m),
            (None, None) => Money(i64::MAX / 4),
        }
    }

    pub fn covers(&self, k: ClaimKind) -> bool {
        self.covers.contains(&k)
    }
}
