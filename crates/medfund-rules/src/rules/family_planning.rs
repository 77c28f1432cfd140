//! 计划生育手术费 (family-planning procedures).
//!
//! * Ziyang 000 第二十五条: a fixed amount per procedure (包干), the fund
//!   paying the amount or the cost, whichever is lower (contract reading 12).
//! * Luzhou 001 第三十二条（三）: amounts per procedure, surgical abortion 800
//!   as an outpatient and 1,500 as an inpatient; 9 months (第三十条).
//! * Dingxi 003 第三十八条: 85% of the in-scope cost (complications
//!   included).
//! * Ziyang 000 第二十五条（九）（十三）: 药流不全清宫 +47 on a medical
//!   abortion, a complication's treatment 1,800 a case.
//! * Several procedures at once: Luzhou 001 第三十二条（三） pays the highest
//!   single standard; where a text is silent each is paid its own amount
//!   (the sum, at most the cost).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::member_year::{FamilyPlanning, Procedure};
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
    /// The amount for treating a complication of a procedure (Ziyang 1,800,
    /// 000 第二十五条（十三）); absent with `amounts`: not covered.
    #[serde(default)]
    pub complication: Option<Money>,
    /// Added to a medical abortion completed by curettage (Ziyang 47, 000
    /// 第二十五条（九）); absent: nothing added.
    #[serde(default)]
    pub incomplete_curettage: Option<Money>,
    /// How procedures done at the same time are paid.
    #[serde(default)]
    pub several: Several,
}

/// How procedures done at the same time (a delivery with one, or two at
/// once) are paid.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Several {
    /// Each its own amount, added (the texts' silence: each 包干 per case).
    #[default]
    Each,
    /// The highest single standard (Luzhou 001 第三十二条（三）).
    Highest,
}

impl Several {
    /// Two standards of one bill put together.
    ///
    /// ```
    /// # use medfund_rules::rules::family_planning::Several;
    /// # use medfund_rules::money::Money;
    /// // Luzhou 第三十二条（三）: an abortion (800) with an IUD insertion (350): 800
    /// assert_eq!(Several::Highest.combine(Money::yuan(800), Money::yuan(350)), Money::yuan(800));
    /// assert_eq!(Several::Each.combine(Money::yuan(269), Money::yuan(157)), Money::yuan(426));
    /// ```
    pub fn combine(self, a: Money, b: Money) -> Money {
        match self {
            Several::Each => a + b,
            Several::Highest => a.max(b),
        }
    }
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

    /// The fixed amount of one procedure, before the cost (`None`: the
    /// scenario has none for it).
    fn amount(&self, p: Procedure, inpatient: bool) -> Option<Money> {
        let key = p.as_str();
        if inpatient { self.inpatient_amounts.get(key) } else { None }
            .or_else(|| self.amounts.as_ref().and_then(|a| a.get(key)))
            .copied()
    }

    /// What the fund pays on a family-planning claim: a complication's
    /// treatment, or the procedure (with its curettage) and the one done
    /// with it, put together as [`Several`] says, at most the cost; or the
    /// ratio of the cost. `Err` names the procedure the scenario has no
    /// amount for.
    pub fn pay_claim(&self, f: &FamilyPlanning) -> Result<Money, &'static str> {
        if let Some(r) = self.ratio {
            return Ok(f.cost.mul_rate(r.0));
        }
        if f.complication {
            return self.complication.map(|c| c.min(f.cost)).ok_or("complication");
        }
        let mut a = self.amount(f.procedure, f.inpatient).ok_or(f.procedure.as_str())?;
        if f.incomplete_curettage && f.procedure == Procedure::MedicalAbortion {
            a += self.incomplete_curettage.unwrap_or(Money::ZERO);
        }
        if let Some(q) = f.also {
            a = self.several.combine(a, self.amount(q, f.inpatient).ok_or(q.as_str())?);
        }
        Ok(a.min(f.cost))
    }

    /// The standard of a procedure done with a delivery whose own standard
    /// is `delivery` (Luzhou 第三十二条（三）: the higher of the two).
    pub fn with_delivery(&self, delivery: Money, p: Procedure, inpatient: bool) -> Option<Money> {
        if self.ratio.is_some() {
            // A ratio scheme (Dingxi) has no standard for the procedure to
            // put beside the delivery's lump sum: the delivery's stands.
            return Some(delivery);
        }
        Some(self.several.combine(delivery, self.amount(p, inpatient)?))
    }
}
