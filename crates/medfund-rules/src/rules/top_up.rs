//! Large-expense top-up (职工大额医疗费用补助): bands on the year's
//! cumulative personal burden of in-scope costs (contract reading 9).
//!
//! * Ziyang 000 第二十七条: burden = Σ(scope − fund) over admissions (class-1
//!   special outpatient included); threshold 50% of the average wage; up to
//!   50,000 at 70% local / 50% non-local, to 100,000 at 80% / 60%, above at
//!   90% / 70%, by the claim's own place.
//! * Dingxi 003 第四十五条: inpatient, 95% of the burden above 1,000, at most
//!   600,000 a year; chronic outpatient, 80% of the personal in-scope share
//!   within the disease limit above 1,000; （三） negotiated drugs under the
//!   "三定" management (single-payment drugs here), 80% of the year's
//!   cumulative self-pay after the basic fund above 1,000.
//!
//! The year's top-up is kept exact and cumulative; each claim is paid the
//! rounded cumulative after it less the rounded cumulative before it. Every
//! claim's amount is whole fen, they add up to the year's top-up rounded
//! once, and a year's top-up neither depends on how its claims are split nor
//! falls by a rounding fen when a cost rises.

use serde::Deserialize;

use crate::money::{Exact, Money, Rate};
use crate::rules::place::TopUpColumn;
use crate::rules::tables::Ratio;

/// A band of cumulative burden up to `up_to` (open for the last band).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default)]
    pub up_to: Option<Money>,
    pub local: Ratio,
    pub nonlocal: Ratio,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InpatientTopUp {
    /// Fixed threshold of cumulative burden.
    #[serde(default)]
    pub threshold: Option<Money>,
    /// Or a multiple of the previous-year average wage.
    #[serde(default)]
    pub threshold_avg_wage_multiple: Option<Rate>,
    pub bands: Vec<Band>,
    /// Yearly limit on the top-up's payment.
    #[serde(default)]
    pub annual_limit: Option<Money>,
    /// Class-1 special outpatient counts as inpatient (Ziyang).
    #[serde(default)]
    pub special_class1_counts: bool,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronicTopUp {
    pub threshold: Money,
    pub ratio: Ratio,
}

/// The top-up on negotiated (single-payment) drugs' outpatient costs: the
/// year's cumulative self-pay after the basic fund above `threshold`, at
/// `ratio` (Dingxi 003 第四十五条（三）).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugTopUp {
    pub threshold: Money,
    pub ratio: Ratio,
}

impl DrugTopUp {
    /// The year's cumulative top-up, rounded half-up once: `ratio ×
    /// (self_pay − threshold)`, none below the threshold.
    ///
    /// ```
    /// # use medfund_rules::rules::top_up::DrugTopUp;
    /// # use medfund_rules::rules::tables::Ratio;
    /// # use medfund_rules::money::{Exact, Money, Rate};
    /// // 003 第四十五条（三）: 15,000 self-paid in the year → 80% × 14,000 = 11,200
    /// let t = DrugTopUp { threshold: Money::yuan(1000), ratio: Ratio(Rate::percent(80)) };
    /// assert_eq!(t.cumulative(Exact::from(Money::yuan(15_000))), Money::yuan(11_200));
    /// assert_eq!(t.cumulative(Exact::from(Money::yuan(1_000))), Money::ZERO);
    /// ```
    pub fn cumulative(&self, self_pay: Exact) -> Money {
        (self_pay - Exact::from(self.threshold)).max0().mul_rate(self.ratio.0).round()
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopUp {
    #[serde(default)]
    pub inpatient: Option<InpatientTopUp>,
    #[serde(default)]
    pub chronic: Option<ChronicTopUp>,
    /// Negotiated drugs' outpatient self-pay (single-payment drug claims).
    #[serde(default)]
    pub negotiated_drugs: Option<DrugTopUp>,
}

impl InpatientTopUp {
    pub fn threshold_for(&self, avg_wage: Money) -> Exact {
        match (self.threshold, self.threshold_avg_wage_multiple) {
            (Some(t), _) => Exact::from(t),
            (None, Some(m)) => Exact::from(avg_wage).mul_rate(m),
            (None, None) => Exact::ZERO,
        }
    }

    /// The top-up on the part of the cumulative burden from `before` to
    /// `after`, unrounded.
    ///
    /// ```
    /// # use medfund_rules::rules::top_up::*;
    /// # use medfund_rules::rules::place::TopUpColumn;
    /// # use medfund_rules::rules::tables::Ratio;
    /// # use medfund_rules::money::{Exact, Money, Rate};
    /// # let t = InpatientTopUp { threshold: None, threshold_avg_wage_multiple: Some(Rate::percent(50)),
    /// #   bands: vec![
    /// #     Band { up_to: Some(Money::yuan(50_000)), local: Ratio(Rate::percent(70)), nonlocal: Ratio(Rate::percent(50)) },
    /// #     Band { up_to: Some(Money::yuan(100_000)), local: Ratio(Rate::percent(80)), nonlocal: Ratio(Rate::percent(60)) },
    /// #     Band { up_to: None, local: Ratio(Rate::percent(90)), nonlocal: Ratio(Rate::percent(70)) } ],
    /// #   annual_limit: None, special_class1_counts: true };
    /// // Ziyang 第二十七条, threshold 40,000: burden 0 → 60,000 locally pays
    /// // 70% × 10,000 + 80% × 10,000 = 15,000
    /// let th = Exact::from(Money::yuan(40_000));
    /// let p = t.pay(th, Exact::ZERO, Exact::from(Money::yuan(60_000)), TopUpColumn::Local);
    /// assert_eq!(p.round(), Money::yuan(15_000));
    /// ```
    pub fn pay(&self, threshold: Exact, before: Exact, after: Exact, col: TopUpColumn) -> Exact {
        let mut lo_edge = Exact::ZERO;
        let mut total = Exact::ZERO;
        for b in &self.bands {
            let hi_edge = b.up_to.map(Exact::from);
            let lo = before.max(lo_edge).max(threshold);
            let hi = match hi_edge {
                Some(h) => after.min(h),
                None => after,
            };
            if hi > lo {
                let r = match col {
                    TopUpColumn::Local => b.local.0,
                    TopUpColumn::Nonlocal => b.nonlocal.0,
                };
                total += (hi - lo).mul_rate(r);
            }
            match hi_edge {
                Some(h) => lo_edge = h,
                None => break,
            }
        }
        total
    }
}

impl ChronicTopUp {
    /// The year's cumulative chronic top-up, rounded: `ratio × (P − threshold)`
    /// for a cumulative personal share `P = x ÷ fund_ratio` (kept as `x`
    /// so that a share cut by the limit, `fund × (1 − r) ÷ r`, stays exact).
    ///
    /// ```
    /// # use medfund_rules::rules::top_up::ChronicTopUp;
    /// # use medfund_rules::rules::tables::Ratio;
    /// # use medfund_rules::money::{Exact, Money, Rate};
    /// // Dingxi 第四十五条（二）: personal share 3,000 (x = 3,000 × 70%) → 80% × 2,000
    /// let t = ChronicTopUp { threshold: Money::yuan(1000), ratio: Ratio(Rate::percent(80)) };
    /// let x = Exact::from(Money::yuan(3000)).mul_rate(Rate::percent(70));
    /// assert_eq!(t.cumulative(x, Rate::percent(70)), Money::yuan(1600));
    /// ```
    pub fn cumulative(&self, x: Exact, fund_ratio: Rate) -> Money {
        if fund_ratio.0 <= 0 {
            return Money::ZERO;
        }
        let over = (x - Exact::from(self.threshold).mul_rate(fund_ratio)).max0();
        // (over ÷ r) × ratio in Exact units, then to fen: one rounding.
        Money::round_div(over.0 * i128::from(self.ratio.0.0), i128::from(fund_ratio.0) * 1_000_000_000_000)
    }
}

/// Keep a top-up payment within what is left of a yearly limit.
pub fn within_limit(pay: Money, limit: Option<Money>, paid: Money) -> Money {
    match limit {
        Some(l) => pay.min((l - paid).max0()),
        None => pay,
    }
}

/// `top_up_fund`: the top-up fund kept as an account of its own beside
/// the pooled fund, with a share of the pooled fund's current-year surplus
/// transferred into it (Dingxi 003 第四十三条（二）: 5%).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopUpFund {
    pub surplus_share: Ratio,
}

impl TopUpFund {
    /// The year's transfer: `surplus_share` of the pooled fund's surplus
    /// (income less outflow, rounded half-up to the fen); nothing when the
    /// pooled fund has no surplus.
    ///
    /// ```
    /// # use medfund_rules::rules::top_up::TopUpFund;
    /// # use medfund_rules::rules::tables::Ratio;
    /// # use medfund_rules::money::{Money, Rate};
    /// // 003 第四十三条（二）: a surplus of 12,345,678.90 → 5% = 617,283.95 (…945 rounded up)
    /// let f = TopUpFund { surplus_share: Ratio(Rate::percent(5)) };
    /// assert_eq!(f.transfer(Money(1_234_567_890)), Money(61_728_395));
    /// assert_eq!(f.transfer(Money::yuan(-5_000)), Money::ZERO);
    /// ```
    pub fn transfer(&self, pooled_surplus: Money) -> Money {
        pooled_surplus.max0().mul_rate(self.surplus_share.0)
    }
}
