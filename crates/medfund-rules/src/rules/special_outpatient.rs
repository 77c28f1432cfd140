//! Special and chronic outpatient care (门诊特殊疾病 / 门诊慢特病).
//!
//! Two parameterisations of one idea, a ratio with a yearly limit on the
//! fund's payment and no deductible (contract reading 10):
//! * Ziyang 000 第十七条, by class: class 1 is settled as an admission with no
//!   deductible; classes 2 and 3 at 75% up to 3,000 / 2,000, each further
//!   class 2/3 disease adding 20% of the (highest) class limit.
//! * Dingxi 003 第三十条（四）, 第三十一条, by disease: 70% up to the disease's
//!   limit from the 36-disease table; several diseases share one limit, the
//!   highest + 300 per further disease, at most three diseases.

use serde::Deserialize;

use crate::money::{Money, Rate};
use crate::rules::tables::Ratio;

#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassTerms {
    pub ratio: Ratio,
    pub limit: Money,
}

/// Ziyang's classes.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialClasses {
    /// Class 1 is settled on inpatient terms without a deductible.
    pub class1_as_inpatient: bool,
    pub class2: ClassTerms,
    pub class3: ClassTerms,
    /// Share of the class limit each further disease adds.
    pub extra_disease_share: Rate,
}

/// One row of a chronic-disease table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disease {
    pub no: u8,
    pub name: String,
    pub limit: Money,
}

/// Dingxi's disease table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChronicDiseases {
    pub ratio: Ratio,
    pub extra_disease_amount: Money,
    pub max_diseases: u32,
    pub table: Vec<Disease>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialOutpatientRules {
    #[serde(default)]
    pub classes: Option<SpecialClasses>,
    #[serde(default)]
    pub diseases: Option<ChronicDiseases>,
}

impl SpecialClasses {
    /// Ratio and yearly fund limit of a class-2/3 member with `count`
    /// diseases under outpatient management.
    ///
    /// ```
    /// # use medfund_rules::rules::special_outpatient::*;
    /// # use medfund_rules::money::{Money, Rate};
    /// # use medfund_rules::rules::tables::Ratio;
    /// # let c = SpecialClasses { class1_as_inpatient: true,
    /// #   class2: ClassTerms { ratio: Ratio(Rate::percent(75)), limit: Money::yuan(3000) },
    /// #   class3: ClassTerms { ratio: Ratio(Rate::percent(75)), limit: Money::yuan(2000) },
    /// #   extra_disease_share: Rate::percent(20) };
    /// // 000 第十七条（二）: class 2, three diseases: 3,000 × (1 + 2 × 20%) = 4,200
    /// assert_eq!(c.terms(2, 3).unwrap().1, Money::yuan(4200));
    /// ```
    pub fn terms(&self, class: u8, count: u32) -> Option<(Rate, Money)> {
        let t = match class {
            2 => self.class2,
            3 => self.class3,
            _ => return None,
        };
        let extra = Rate(self.extra_disease_share.0 * i64::from(count.max(1) - 1));
        Some((t.ratio.0, t.limit.mul_rate(Rate::ONE + extra)))
    }
}

impl ChronicDiseases {
    pub fn limit_of(&self, no: u8) -> Option<Money> {
        self.table.iter().find(|d| d.no == no).map(|d| d.limit)
    }

    /// The shared yearly fund limit of a member's diseases: the highest limit
    /// plus the extra amount per further disease, at most `max_diseases`
    /// diseases counted (003 第三十条（四）). `None` if a number is unknown.
    ///
    /// ```
    /// # use medfund_rules::rules::special_outpatient::*;
    /// # use medfund_rules::money::{Money, Rate};
    /// # use medfund_rules::rules::tables::Ratio;
    /// # let t = ChronicDiseases { ratio: Ratio(Rate::percent(70)), extra_disease_amount: Money::yuan(300),
    /// #   max_diseases: 3, table: vec![
    /// #   Disease { no: 3, name: "恶性肿瘤".into(), limit: Money::yuan(30000) },
    /// #   Disease { no: 27, name: "高血压病".into(), limit: Money::yuan(3000) },
    /// #   Disease { no: 18, name: "糖尿病伴并发症".into(), limit: Money::yuan(5000) },
    /// #   Disease { no: 34, name: "甲亢".into(), limit: Money::yuan(2000) } ] };
    /// // Four diseases, three counted: 30,000 + 2 × 300
    /// assert_eq!(t.shared_limit(&[27, 3, 18, 34]), Some(Money::yuan(30_600)));
    /// ```
    pub fn shared_limit(&self, diseases: &[u8]) -> Option<Money> {
        let mut top = Money::ZERO;
        let mut distinct: Vec<u8> = Vec::with_capacity(diseases.len());
        for &d in diseases {
            top = top.max(self.limit_of(d)?);
            if !distinct.contains(&d) {
                distinct.push(d);
            }
        }
        if distinct.is_empty() {
            return Some(Money::ZERO);
        }
        // A disease listed twice is one disease.
        let counted = (distinct.len() as u32).min(self.max_diseases.max(1));
        Some(top + Money(self.extra_disease_amount.0 * i64::from(counted - 1)))
    }
}
