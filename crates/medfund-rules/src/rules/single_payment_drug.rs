//! 单行支付药品 (single-payment drugs), Ziyang 000 第二十条（一）: no
//! deductible, 70% from the pooled fund, at most 200,000 a year, counted in
//! the annual cap.

use serde::Deserialize;

use crate::money::Money;
use crate::rules::tables::Ratio;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinglePaymentDrugRules {
    pub ratio: Ratio,
    pub annual_limit: Money,
}
