//! 个人先行自付 (self-pay-first): the share of class-B drugs, part-paid items
//! and medical materials the member pays before the fund's rules apply, and
//! the parts of a bill the engine itself moves out of scope (a material's unit
//! price above the ceiling, a bed fee above the standard).
//!
//! Ziyang 000 第十二条（一）（二）: class B 10%; items and materials tiered
//! by unit price, whole price at its tier's ratio (contract reading 1); the
//! part of a material's price above 60,000 yuan is out of scope; bed fees
//! above the per-day standard of the level are out of scope, below it the
//! actual fee counts. Dingxi 003 第二十三条: 3% on class B, items and
//! materials (contract reading 2).

use serde::Deserialize;

use crate::member_year::{Bed, Level};
use crate::money::{Exact, Money, Rate};
use crate::rules::tables::{LevelTable, Ratio, Tiers};

/// Parameters of self-pay-first.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfPayFirst {
    /// Share of class-B drugs (乙类药品).
    pub class_b: Ratio,
    /// Tiers by unit price for items paid in part (支付部分费用的诊疗项目).
    pub partial_items: Tiers,
    /// Tiers by unit price for medical materials (医用材料).
    pub materials: Tiers,
    /// The part of a material's unit price above this is out of scope.
    #[serde(default)]
    pub material_ceiling: Option<Money>,
}

/// Per-day bed-fee standards by level (住院床位费支付标准).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BedStandard {
    pub general: LevelTable<Money>,
    pub isolation: LevelTable<Money>,
}

/// What self-pay-first makes of a claim's lines.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct SelfPayFirstResult {
    /// The member's self-pay-first share (unrounded).
    pub self_pay_first: Exact,
    /// Parts the engine moves out of scope: material prices above the
    /// ceiling and bed fees above the standard.
    pub extra_out_of_scope: Money,
}

impl SelfPayFirst {
    /// A single flat ratio on all three kinds of lines (Dingxi's 3%).
    pub fn flat(r: Rate) -> SelfPayFirst {
        SelfPayFirst {
            class_b: Ratio(r),
            partial_items: Tiers::flat(r),
            materials: Tiers::flat(r),
            material_ceiling: None,
        }
    }

    /// Self-pay-first of the lines of one claim.
    ///
    /// ```
    /// # use medfund_rules::rules::self_pay_first::SelfPayFirst;
    /// # use medfund_rules::money::{Money, Rate};
    /// // Dingxi 003 第二十三条: 3% of 5,000 class B + 800 item + 12,000 material
    /// let s = SelfPayFirst::flat(Rate::percent(3));
    /// let r = s.apply(Money::yuan(5000), &[Money::yuan(800)], &[Money::yuan(12000)]);
    /// assert_eq!(r.self_pay_first.round(), Money::yuan(534)); // 3% × 17,800
    /// ```
    pub fn apply(&self, class_b: Money, items: &[Money], materials: &[Money]) -> SelfPayFirstResult {
        let mut spf = Exact::from(class_b).mul_rate(self.class_b.0);
        for &p in items {
            spf += Exact::from(p).mul_rate(self.partial_items.ratio_for(p));
        }
        let mut extra = Money::ZERO;
        for &p in materials {
            let counted = match self.material_ceiling {
                Some(c) if p > c => {
                    extra += p - c;
                    c
                }
                _ => p,
            };
            spf += Exact::from(counted).mul_rate(self.materials.ratio_for(counted));
        }
        SelfPayFirstResult { self_pay_first: spf, extra_out_of_scope: extra }
    }
}

impl BedStandard {
    /// The part of a bed line above the level's standard, moved out of scope
    /// (000 第十二条（二）: below the standard the actual fee counts).
    pub fn excess(&self, level: Level, bed: &Bed) -> Money {
        let table = if bed.isolation { &self.isolation } else { &self.general };
        let standard = table.get(level).unwrap_or(Money::ZERO);
        let over = (bed.per_day - standard).max0();
        Money(over.0 * i64::from(bed.days))
    }
}
