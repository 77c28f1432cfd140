//! 计划生育手术费 (family-planning procedures).
//!
//! * Ziyang 000 第二十五条: a fixed amount per procedure (包干), the fund
//!   paying the amount or the cost, whichever is lower (contract reading 12).
//! * Luzhou 001 第三十二条（三）: amounts per procedure, surgical abortion 800
//!   as an outpatient and 1,500 as an inpatient; 9 months (第三十条).
//! * Dingxi 003 第三十八条: 85% of the in-scope cost.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::member_year::Procedure;
use crate::money::Money;
use crate::rules::tables::Ratio;

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyPlanningRules {
    /// Contribution months needed (Luzhou 9).
    #[serde(default)]
    pub min_months: u32,
    /// Whether flexible workers (who pay no maternity contribution in Ziyang
    /// and Luzhou) are covered.
    #[serde(default = "yes")]
    pub flexible_covered: bool,
    /// Fixed amounts by procedure.
    #[serde(default)]
    pub amounts: Option<BTreeMap<String, Money>>,
    /// Fixed amounts that replace `amounts` for inpatient procedures.
    #[serde(default)]
    pub inpatient_amounts: BTreeMap<String, Money>,
    /// Or a ratio of the cost.
    #[serde(default)]
    pub ratio: Option<Ratio>,
}

impl FamilyPlanningRules {
    /// What the fund pays on a procedure.
    ///
    /// ```
    /// # use medfund_rules::rules::family_planning::FamilyPlanningRules;
    /// # use medfund_rules::member_year::Procedure;
    /// # use medfund_rules::money::Money;
    /// # let r: FamilyPlanningRules = toml::from_str(r#"
    /// # amounts = { surgical_abortion = 800 }
    /// # inpatient_amounts = { surgical_abortion = 1500 }"#).unwrap();
    /// // Luzhou 第三十二条（三）: an inpatient abortion costing 1,300 is paid in full
    /// assert_eq!(r.pay(Procedure::SurgicalAbortion, true, Money::yuan(1300)), Some(Money::yuan(1300)));
    /// assert_eq!(r.pay(Procedure::SurgicalAbortion, false, Money::yuan(1300)), Some(Money::yuan(800)));
    /// ```
    pub fn pay(&self, p: Procedure, inpatient: bool, cost: Money) -> Option<Money> {
        if let Some(r) = self.ratio {
            return Some(cost.mul_rate(r.0));
        }
        let key = p.as_str();
        let amount = if inpatient { self.inpatient_amounts.get(key) } else { None }
            .or_else(|| self.amounts.as_ref().and_then(|a| a.get(key)))?;
        Some((*amount).min(cost))
    }
}
