//! Large-expense top-up (职工大额医疗费用补助): bands on the year's
//! cumulative personal burden of in-scope costs (contract reading 9).
//!
//! * Ziyang 000 第二十七条: burden = Σ(scope − fund) over admissions (class-1
//!   special outpatient included); threshold 50% of the average wage; up to
//!   50,000 at 70% local / 50% non-local, to 100,000 at 80% / 60%, above at
//!   90% / 70%, by the claim's own place.
//! * Dingxi 003 第四十五条: inpatient, 95% of the burden above 1,000, at most
//!   600,000 a year; chronic outpatient, 80% of the personal in-scope share
//!   within the disease limit above 1,000.
//!
//! Each claim is paid the band integral over the part of the cumulative
//! burden it adds, so a year's top-up does not depend on how its claims are
//! split.

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

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopUp {
    #[serde(default)]
    pub inpatient: Option<InpatientTopUp>,
    #[serde(default)]
    pub chronic: Option<ChronicTopUp>,
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
    /// # use medfund_engine::rules::top_up::*;
    /// # use medfund_engine::rules::place::TopUpColumn;
    /// # use medfund_engine::rules::tables::Ratio;
    /// # use medfund_engine::money::{Exact, Money, Rate};
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
    /// 80% of the cumulative personal share above the threshold, on the part
    /// from `before` to `after`.
    pub fn pay(&self, before: Exact, after: Exact) -> Exact {
        let t = Exact::from(self.threshold);
        let lo = before.max(t);
        if after > lo { (after - lo).mul_rate(self.ratio.0) } else { Exact::ZERO }
    }
}

/// Keep a top-up payment within what is left of a yearly limit.
pub fn within_limit(pay: Money, limit: Option<Money>, paid: Money) -> Money {
    match limit {
        Some(l) => pay.min((l - paid).max0()),
        None => pay,
    }
}
