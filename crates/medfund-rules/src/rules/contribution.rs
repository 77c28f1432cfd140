//! 缴费 (contributions): bases with a floor and a cap as multiples of the
//! average wage, employer rates by account and employer type, employee and
//! flexible-worker rates, the part credited to personal accounts, retirees'
//! crediting from the pooled fund, per-head top-up fees and the lump-sum
//! payment of missing contribution months at retirement.
//!
//! * Ziyang 000 第九条（一）（二）, 第十条; 004 第五条.
//! * Luzhou 001 第十条, 第十二条.
//! * Dingxi 003 第十条, 第十一条, 第十四条 (lump sum `(180 − months) × base ×
//!   rate × 1.1`), 第四十四条 (per-head fees).

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};

use crate::member_year::{Account, Category, Employer, Sex};
use crate::money::{Exact, Money, Rate};
use crate::rules::tables::ByAccount;

/// A rate for enterprise employers and one for fiscal-funded units.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct ByEmployer<T> {
    pub enterprise: T,
    pub fiscal: T,
}

impl<T: Copy> ByEmployer<T> {
    pub fn get(&self, e: Employer) -> T {
        match e {
            Employer::Enterprise => self.enterprise,
            Employer::Fiscal => self.fiscal,
        }
    }
}

impl<'de, T: Deserialize<'de> + Copy> Deserialize<'de> for ByEmployer<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw<T> {
            One(T),
            Two { enterprise: T, fiscal: T },
        }
        match Raw::<T>::deserialize(d)
            .map_err(|_| D::Error::custom("expected one rate or { enterprise = …, fiscal = … }"))?
        {
            Raw::One(v) => Ok(ByEmployer { enterprise: v, fiscal: v }),
            Raw::Two { enterprise, fiscal } => Ok(ByEmployer { enterprise, fiscal }),
        }
    }
}

/// Per-head yearly fees for the large-expense top-up (Dingxi 第四十四条).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerHeadFees {
    /// Paid by the employer for each in-service employee.
    pub employer: Money,
    /// Paid by each in-service employee.
    pub employee: Money,
    pub flexible: Money,
    pub retiree: Money,
}

/// Lump-sum payment of missing months at retirement.
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LumpSum {
    /// Surcharge factor (Dingxi 1.1).
    pub factor: Rate,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContributionRules {
    /// Floor of the contribution base, a multiple of the average wage.
    pub base_floor: Rate,
    /// Cap of the contribution base, a multiple of the average wage.
    pub base_cap: Rate,
    /// Employer rate by account type and employer type.
    pub employer: ByAccount<ByEmployer<Rate>>,
    /// The part of the employer rate that is maternity insurance.
    #[serde(default)]
    pub employer_maternity: Option<ByEmployer<Rate>>,
    /// Employee rate (combined accounts; pooling-only members pay none).
    pub employee: Rate,
    /// Flexible workers' rate by account type.
    pub flexible: ByAccount<Rate>,
    /// Flexible workers' base, a multiple of the average wage.
    pub flexible_base: Rate,
    #[serde(default)]
    pub per_head: Option<PerHeadFees>,
}

/// Personal-account crediting (个人账户划入).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonalAccount {
    /// Share of an in-service member's base credited from their own
    /// contribution (Ziyang 004 第五条（一） 2%).
    pub in_service_share: Rate,
    /// Monthly amount the pooled fund credits a retiree's account: given,
    /// or `retiree_pension_share` × the scheme's `average_pension`, set when
    /// the year's rules are resolved.
    #[serde(default)]
    pub retiree_monthly: Money,
    /// A retiree's monthly crediting as a share of the average basic pension
    /// (Ziyang 004 第五条（二）, 000 第十条: 2.8% of 2022's).
    #[serde(default)]
    pub retiree_pension_share: Option<Rate>,
}

/// Minimum contribution years at retirement (Ziyang 000 第九条（七）1,
/// Luzhou 001 第二十四条, Dingxi 003 第十四条).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumYears {
    pub male: u32,
    pub female: u32,
    /// Of which contributed in this city (Ziyang 000 第九条（七）1(2) 本市累计
    /// 缴费年限不少于10年; Luzhou 001 第二十四条 在我市的实际缴费年限满10年).
    #[serde(default)]
    pub local: Option<u32>,
    /// Employee months one year in the city's resident scheme counts for
    /// when its member joins the employee scheme (Ziyang 000 第九条（七）3
    /// 1年折算…2个月: 2; Luzhou 001 第二十五条 每3个月折算1个月: 4, adults only,
    /// the city's own resident years counting as local).
    #[serde(default)]
    pub resident_year_months: Option<u32>,
    /// Years a member must contribute after leaving an account-less rate for
    /// a unit or the rate with an account (Dingxi 003 第十四条（二）: 4% → a
    /// unit or 8%, 变更后的累计缴费年限不得少于5年; the rest paid at once).
    #[serde(default)]
    pub after_account_change: Option<u32>,
}

impl MinimumYears {
    pub fn months(&self, sex: Sex) -> u32 {
        12 * match sex {
            Sex::M => self.male,
            Sex::F => self.female,
        }
    }

    /// The months a member retiring with `months` in all, `local` of them
    /// in this city, lacks: of the total or of the local minimum, whichever
    /// lacks more (paying them at retirement pays them in this city, so they
    /// make up both).
    ///
    /// ```
    /// # use medfund_rules::rules::contribution::MinimumYears;
    /// # use medfund_rules::member_year::Sex;
    /// // Luzhou 001 第二十四条: a man with 32 years, 8 of them in Luzhou,
    /// // lacks 2 local years: 24 months.
    /// let m = MinimumYears { male: 30, female: 25, local: Some(10), resident_year_months: Some(4), after_account_change: None };
    /// assert_eq!(m.shortfall(Sex::M, 32 * 12, 8 * 12), 24);
    /// assert_eq!(m.shortfall(Sex::M, 29 * 12, 29 * 12), 12);
    /// ```
    pub fn shortfall(&self, sex: Sex, months: u32, local: u32) -> u32 {
        let total = self.months(sex).saturating_sub(months);
        let local = self.local.map_or(0, |y| (12 * y).saturating_sub(local));
        total.max(local)
    }

    /// The months lacking of `after_account_change` for a member who
    /// changed `months_since` months before retiring (0 without the rule).
    ///
    /// ```
    /// # use medfund_rules::rules::contribution::MinimumYears;
    /// // Dingxi 003 第十四条（二）: 3 years at a unit after 4%: 2 years, 24
    /// // months, to pay at the unit's rates.
    /// let m = MinimumYears { male: 15, female: 15, local: None, resident_year_months: None, after_account_change: Some(5) };
    /// assert_eq!(m.change_shortfall(36), 24);
    /// assert_eq!(m.change_shortfall(60), 0);
    /// ```
    pub fn change_shortfall(&self, months_since: u32) -> u32 {
        self.after_account_change.map_or(0, |y| (12 * y).saturating_sub(months_since))
    }

    /// The employee months `years` of the city's resident scheme count for
    /// (0 where the text converts none).
    pub fn resident_months(&self, years: u32) -> u32 {
        years * self.resident_year_months.unwrap_or(0)
    }
}

/// One member's contributions for one month.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthlyContribution {
    pub base: Money,
    pub employer: Money,
    pub employee: Money,
    /// To the pooled fund (maternity included).
    pub to_pool: Money,
    /// Credited to the personal account from the member's contributions.
    pub to_account: Money,
    /// Credited to a retiree's account out of the pooled fund.
    pub retiree_crediting: Money,
}

impl ContributionRules {
    /// The contribution base of a monthly wage, within the floor and cap.
    ///
    /// ```
    /// # use medfund_rules::rules::contribution::*;
    /// # use medfund_rules::money::{Money, Rate};
    /// # let r: ContributionRules = toml::from_str(r#"
    /// # base_floor = 1.0
    /// # base_cap = 3.0
    /// # employer = { combined = { enterprise = 0.077, fiscal = 0.075 }, pooling_only = 0.057 }
    /// # employee = 0.02
    /// # flexible = { combined = 0.09, pooling_only = 0.05 }
    /// # flexible_base = 0.9
    /// # "#).unwrap();
    /// // Ziyang 第九条（一）2: average wage 84,000 a year = 7,000 a month;
    /// // a 30,000 wage is capped at 300% = 21,000
    /// assert_eq!(r.base(Money::yuan(30_000), Money::yuan(84_000)), Money::yuan(21_000));
    /// ```
    pub fn base(&self, monthly_wage: Money, avg_wage: Money) -> Money {
        // Compare yearly amounts in fen × ppm (exact, and small enough for
        // the fast i64 rounding path): the wage × 12 against the average
        // wage × the floor and cap multiples.
        let ppm = i128::from(crate::money::PPM);
        let w = i128::from(monthly_wage.0) * 12 * ppm;
        let floor = i128::from(avg_wage.0) * i128::from(self.base_floor.0);
        let cap = i128::from(avg_wage.0) * i128::from(self.base_cap.0);
        if w < floor {
            Money::round_div(floor, 12 * ppm)
        } else if w > cap {
            Money::round_div(cap, 12 * ppm)
        } else {
            monthly_wage
        }
    }

    /// A flexible worker's monthly base: the average wage × the flexible
    /// multiple ÷ 12.
    pub fn flexible_monthly_base(&self, avg_wage: Money) -> Money {
        Money::round_div(i128::from(avg_wage.0) * i128::from(self.flexible_base.0), 12 * i128::from(crate::money::PPM))
    }

    /// A member's contributions for one month. `monthly_wage` is ignored for
    /// flexible workers (their base is fixed) and retirees (who pay none).
    pub fn monthly(
        &self,
        category: Category,
        account: Account,
        employer: Employer,
        monthly_wage: Money,
        avg_wage: Money,
        pa: &PersonalAccount,
    ) -> MonthlyContribution {
        match category {
            Category::Retiree => MonthlyContribution {
                retiree_crediting: if account == Account::Combined { pa.retiree_monthly } else { Money::ZERO },
                ..Default::default()
            },
            Category::Flexible => {
                let base = self.flexible_monthly_base(avg_wage);
                let employee = base.mul_rate(self.flexible.get(account));
                let to_account = if account == Account::Combined {
                    base.mul_rate(pa.in_service_share).min(employee)
                } else {
                    Money::ZERO
                };
                MonthlyContribution {
                    base,
                    employer: Money::ZERO,
                    employee,
                    to_pool: employee - to_account,
                    to_account,
                    retiree_crediting: Money::ZERO,
                }
            }
            Category::Employee | Category::Resident => {
                let base = self.base(monthly_wage, avg_wage);
                let employer_c = base.mul_rate(self.employer.get(account).get(employer));
                let employee = if account == Account::Combined { base.mul_rate(self.employee) } else { Money::ZERO };
                let to_account = if account == Account::Combined {
                    base.mul_rate(pa.in_service_share).min(employee + employer_c)
                } else {
                    Money::ZERO
                };
                MonthlyContribution {
                    base,
                    employer: employer_c,
                    employee,
                    to_pool: employer_c + employee - to_account,
                    to_account,
                    retiree_crediting: Money::ZERO,
                }
            }
        }
    }
}

impl LumpSum {
    /// The lump sum for missing months at retirement: `(required − paid) ×
    /// base × rate × factor` (Dingxi 003 第十四条), zero when none are missing.
    ///
    /// ```
    /// # use medfund_rules::rules::contribution::*;
    /// # use medfund_rules::money::{Money, Rate};
    /// // Dingxi: 150 months paid, base 5,000, rate 8.7% (6.7% + 2%), factor 1.1:
    /// // 30 × 5,000 × 8.7% × 1.1 = 14,355
    /// let l = LumpSum { factor: Rate(1_100_000) };
    /// assert_eq!(l.amount(180, 150, Money::yuan(5000), Rate(87_000)), Money::yuan(14_355));
    /// ```
    pub fn amount(&self, required_months: u32, paid_months: u32, base: Money, rate: Rate) -> Money {
        let missing = i64::from(required_months.saturating_sub(paid_months));
        Exact::from(Money(base.0 * missing)).mul_rate(rate).mul_rate(self.factor).round()
    }
}
