//! Maternity (生育保险待遇): medical lump sums for deliveries and
//! terminations, prenatal care, the allowance, flexible workers' limits and
//! the male employee's spouse subsidy.
//!
//! * Ziyang 000 第二十四条 (lump sums, allowance days, prenatal ≤ 600),
//!   第十九条 (flexible workers 2,000 / 4,000), 第二十三条 (12 months).
//! * Luzhou 001 第三十条 (9 months), 第三十二条 (lump sums by level, +400 a
//!   baby), 第三十三条 (prenatal 700), 第三十四条, 第三十七条 (allowance),
//!   第三十八条 (spouse 50%).
//! * Dingxi 003 第三十六条 (lump sums, prenatal ≤ 2,000), 第三十九条
//!   (spouse), 第四十一条 (allowance days), 第四十二条 (6 months).
//!
//! Contract readings 11 and 12: months are completed months of pregnancy;
//! the fund pays the fixed amount or the cost, whichever is lower.

use serde::Deserialize;

use crate::member_year::{Childbirth, Delivery, PregnancyTermination};
use crate::money::{Exact, Money};
use crate::rules::tables::{LevelTable, MonthBands, Ratio};

/// Flexible workers' delivery limits (Ziyang 000 第十九条): no prenatal
/// payment and no allowance.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlexibleLimits {
    /// Vaginal delivery (顺产), difficult or not.
    pub vaginal: Money,
    pub caesarean: Money,
}

/// What the spouse subsidy is a share of.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpouseBase {
    /// The lump-sum standard (Ziyang: 50% of 生育医疗费标准, at most the cost).
    Standard,
    /// What the fund would pay a member, prenatal included (Luzhou 50%,
    /// Dingxi 100%).
    Payment,
}

/// The subsidy for a male member's spouse who gives birth.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spouse {
    pub share: Ratio,
    pub base: SpouseBase,
    /// Whether a male flexible worker's spouse is covered. Ziyang: no, the
    /// subsidy is for 参加生育保险的男职工 (000 第二十四条（二）) and flexible
    /// workers' rates exclude maternity insurance (第九条（二）2).
    #[serde(default = "yes")]
    pub flexible_covered: bool,
    /// A spouse whose childbirth was already reimbursed by an employee or
    /// resident scheme gets this share of the prenatal standard
    /// (`prenatal_limit`): Luzhou 50% of 700 (001 第三十八条). Absent:
    /// nothing (Ziyang 000 第二十四条（二） and Dingxi 003 第三十九条 cover only
    /// a spouse without such cover).
    #[serde(default)]
    pub reimbursed_elsewhere: Option<Ratio>,
}

fn yes() -> bool {
    true
}

/// Maternity medical payments.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaternityRules {
    /// Contribution months needed for any maternity payment (Luzhou 9).
    #[serde(default)]
    pub min_months: u32,
    pub natural: LevelTable<Money>,
    pub difficult: LevelTable<Money>,
    pub caesarean: LevelTable<Money>,
    /// Added per baby beyond the first.
    #[serde(default)]
    pub extra_baby: Money,
    /// Multiple births count as difficult (Ziyang 难产（…多胎）).
    #[serde(default)]
    pub multiples_as_difficult: bool,
    /// Prenatal care: the fund pays the cost up to this.
    pub prenatal_limit: Money,
    #[serde(default)]
    pub flexible_limits: Option<FlexibleLimits>,
    #[serde(default)]
    pub spouse: Option<Spouse>,
}

/// Lump sums for pregnancy terminations (流产、引产) by completed months.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminationRules {
    pub lump_sums: MonthBands<Money>,
    /// From this many completed months a termination is a natural delivery.
    #[serde(default)]
    pub as_delivery_from: Option<u32>,
    /// The lump sum of a stillbirth (死胎), whatever the months: Ziyang
    /// 1,800 (000 第二十四条（二）). Absent: a stillbirth is settled by its
    /// months like any termination.
    #[serde(default)]
    pub stillbirth: Option<Money>,
}

/// Maternity allowance (生育津贴): employer's average monthly wage ÷ 30 ×
/// days.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowanceRules {
    /// Continuous contribution months needed.
    pub min_months: u32,
    pub natural_days: u32,
    /// Added for a difficult or caesarean delivery.
    pub difficult_extra_days: u32,
    /// Added per baby beyond the first.
    pub extra_baby_days: u32,
    /// Multiple births count as difficult.
    #[serde(default)]
    pub multiples_as_difficult: bool,
    /// Days for terminations by completed months.
    pub termination: MonthBands<u32>,
    /// From this many completed months a termination is a natural delivery.
    #[serde(default)]
    pub termination_as_delivery_from: Option<u32>,
}

/// The medical payment's two parts, before any spouse share.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct MaternityMedical {
    /// The lump-sum standard that applied.
    pub standard: Money,
    /// min(standard, medical cost).
    pub medical: Money,
    /// min(prenatal limit, prenatal cost).
    pub prenatal: Money,
}

impl MaternityRules {
    fn effective_delivery(&self, c: &Childbirth) -> Delivery {
        if c.babies > 1 && self.multiples_as_difficult && c.delivery == Delivery::Natural {
            Delivery::Difficult
        } else {
            c.delivery
        }
    }

    /// The lump-sum standard of a delivery.
    ///
    /// ```
    /// # use medfund_rules::rules::maternity::*;
    /// # use medfund_rules::rules::tables::LevelTable;
    /// # use medfund_rules::member_year::*;
    /// # use medfund_rules::money::Money;
    /// # let m = MaternityRules { min_months: 0, natural: LevelTable::uniform(Money::yuan(3500)),
    /// #   difficult: LevelTable::uniform(Money::yuan(4500)), caesarean: LevelTable::uniform(Money::yuan(5500)),
    /// #   extra_baby: Money::yuan(1000), multiples_as_difficult: false, prenatal_limit: Money::yuan(2000), flexible_limits: None, spouse: None };
    /// // Dingxi 第三十六条: caesarean twins 5,500 + 1,000
    /// let c = Childbirth { delivery: Delivery::Caesarean, babies: 2, level: Level::L3A,
    ///                      medical_cost: Money::yuan(9000), prenatal_cost: Money::ZERO, with_procedure: None, spouse_reimbursed_elsewhere: false };
    /// assert_eq!(m.delivery_standard(&c), Money::yuan(6500));
    /// ```
    pub fn delivery_standard(&self, c: &Childbirth) -> Money {
        let table = match self.effective_delivery(c) {
            Delivery::Natural => &self.natural,
            Delivery::Difficult => &self.difficult,
            Delivery::Caesarean => &self.caesarean,
        };
        table.get(c.level).unwrap_or(Money::ZERO) + Money(self.extra_baby.0 * i64::from(c.babies.max(1) - 1))
    }

    /// A member's own childbirth.
    pub fn childbirth(&self, c: &Childbirth) -> MaternityMedical {
        let standard = self.delivery_standard(c);
        MaternityMedical {
            standard,
            medical: standard.min(c.medical_cost),
            prenatal: self.prenatal_limit.min(c.prenatal_cost),
        }
    }

    /// The lump-sum standard of a termination (a natural delivery from
    /// `as_delivery_from` months on; zero outside every band).
    pub fn termination_standard(&self, tr: &TerminationRules, t: &PregnancyTermination) -> Money {
        if let (true, Some(s)) = (t.stillbirth, tr.stillbirth) {
            return s;
        }
        match tr.as_delivery_from {
            Some(m) if t.months >= m => self.natural.get(t.level).unwrap_or(Money::ZERO),
            _ => tr.lump_sums.get(t.months).unwrap_or(Money::ZERO),
        }
    }

    pub fn termination(&self, tr: &TerminationRules, t: &PregnancyTermination) -> MaternityMedical {
        let standard = self.termination_standard(tr, t);
        MaternityMedical { standard, medical: standard.min(t.medical_cost), prenatal: Money::ZERO }
    }

    /// A flexible worker's delivery (Ziyang 第十九条): the limit or the cost.
    pub fn flexible_childbirth(&self, lim: &FlexibleLimits, c: &Childbirth) -> MaternityMedical {
        let standard = if c.delivery == Delivery::Caesarean { lim.caesarean } else { lim.vaginal };
        MaternityMedical { standard, medical: standard.min(c.medical_cost), prenatal: Money::ZERO }
    }

    /// The spouse subsidy for what a member would have been paid, `m`.
    pub fn spouse_pay(&self, s: &Spouse, m: &MaternityMedical, medical_cost: Money) -> Money {
        match s.base {
            SpouseBase::Standard => m.standard.mul_rate(s.share.0).min(medical_cost),
            SpouseBase::Payment => (Exact::from(m.medical) + Exact::from(m.prenatal)).mul_rate(s.share.0).round(),
        }
    }
}

impl AllowanceRules {
    /// Allowance days of a delivery.
    pub fn delivery_days(&self, c: &Childbirth) -> u32 {
        let difficult = c.delivery != Delivery::Natural || (c.babies > 1 && self.multiples_as_difficult);
        self.natural_days
            + if difficult { self.difficult_extra_days } else { 0 }
            + self.extra_baby_days * (c.babies.max(1) - 1)
    }

    /// Allowance days of a termination.
    pub fn termination_days(&self, t: &PregnancyTermination) -> u32 {
        match self.termination_as_delivery_from {
            Some(m) if t.months >= m => self.natural_days,
            _ => self.termination.get(t.months).unwrap_or(0),
        }
    }

    /// The allowance: monthly wage ÷ 30 × days, rounded once.
    ///
    /// ```
    /// # use medfund_rules::rules::maternity::AllowanceRules;
    /// # use medfund_rules::money::Money;
    /// // Ziyang 第二十四条（一）: 6,000 ÷ 30 × 158 = 31,600
    /// assert_eq!(AllowanceRules::amount(Money::yuan(6000), 158), Money::yuan(31_600));
    /// ```
    pub fn amount(monthly_wage: Money, days: u32) -> Money {
        Money::round_div(i128::from(monthly_wage.0) * i128::from(days), 30)
    }
}
