//! 起付线 (inpatient deductibles): the schedule by level, place column and
//! person, with its modifiers.
//!
//! Ziyang 000 第十八条（一）: 1 the table by level, 本地/异地; 2 retirees −200;
//! 3 −50 for each repeat admission in the year; 4 never below 100; 5 class-1
//! special disease and age ≥ 80 pay only the year's first deductible; 6 a
//! referral completed within 24 hours continues the admission (up: the
//! difference; down: none). Contract readings 4 and 5 fix the details.
//! Luzhou 001 第二十六条（四）1 and Dingxi 003 第二十二条 give plain tables.

use serde::Deserialize;

use crate::member_year::Transfer;
use crate::money::{Exact, Money};
use crate::rules::tables::Columns;

/// Who pays only the first deductible of a year (000 第十八条（一）5).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstAdmissionOnly {
    /// Class-1 special disease patients.
    #[serde(default)]
    pub special_class1: bool,
    /// Patients of this age or older.
    #[serde(default)]
    pub min_age: Option<u32>,
}

/// Parameters of the inpatient deductible.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeductibleSchedule {
    /// Columns (e.g. `local`, `nonlocal`) for in-service members.
    pub in_service: Columns<Money>,
    /// Columns for retirees, where the text gives a table of their own.
    #[serde(default)]
    pub retiree: Option<Columns<Money>>,
    /// Retirees' reduction from the in-service table.
    #[serde(default)]
    pub retiree_reduction: Money,
    /// Reduction per earlier admission of the year.
    #[serde(default)]
    pub repeat_decrement: Money,
    /// No deductible (after reductions) below this.
    #[serde(default)]
    pub floor: Money,
    #[serde(default)]
    pub first_admission_only: FirstAdmissionOnly,
    /// Referrals within 24 hours continue the admission.
    #[serde(default)]
    pub transfer_within_24h: bool,
}

/// The deductible state of a member-year: admissions so far and what the
/// current stay has been charged.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct DeductibleState {
    /// Admissions this year (transfers continue an admission, reading 4).
    pub admissions: u32,
    /// Deductible charged so far on the current stay (for transfers up).
    pub stay_charged: Exact,
}

/// How the deductible of one admission came about, for `--explain`.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct DeductibleOutcome {
    pub charged: Exact,
    /// The nth admission of the year this claim belongs to.
    pub nth: u32,
    /// The reduced nominal deductible of that admission before subtracting
    /// what the stay already paid.
    pub nominal: Exact,
}

impl DeductibleSchedule {
    /// The deductible charged on one admission and the new state.
    ///
    /// `base` is the schedule's value for the level, place column and person
    /// (retiree reduction and place factor already applied); `first_only`
    /// says the member pays only the year's first deductible.
    ///
    /// ```
    /// # use medfund_rules::rules::deductible::*;
    /// # use medfund_rules::money::{Exact, Money};
    /// # let s: DeductibleSchedule = toml::from_str(r#"
    /// # in_service = { local = 1000 }
    /// # repeat_decrement = 50
    /// # floor = 100
    /// # transfer_within_24h = true
    /// # "#).unwrap();
    /// // Ziyang 第十八条（一）3: the third admission at a 3A hospital pays 1000 − 2 × 50
    /// let mut st = DeductibleState::default();
    /// for _ in 0..2 { s.charge(Exact::from(Money::yuan(1000)), false, None, &mut st); }
    /// let o = s.charge(Exact::from(Money::yuan(1000)), false, None, &mut st);
    /// assert_eq!(o.charged.round(), Money::yuan(900));
    /// ```
    pub fn charge(
        &self,
        base: Exact,
        first_only: bool,
        transfer: Option<Transfer>,
        st: &mut DeductibleState,
    ) -> DeductibleOutcome {
        let transfer = if self.transfer_within_24h && st.admissions > 0 { transfer } else { None };
        if transfer.is_none() {
            st.admissions += 1;
            st.stay_charged = Exact::ZERO;
        }
        let n = st.admissions;
        let nominal = if first_only && n > 1 {
            Exact::ZERO
        } else {
            let dec = Exact::from(Money(self.repeat_decrement.0 * i64::from(n - 1)));
            (base - dec).max(Exact::from(self.floor))
        };
        let charged = match transfer {
            Some(Transfer::Down) => Exact::ZERO,
            Some(Transfer::Up) => (nominal - st.stay_charged).max0(),
            None => nominal,
        };
        st.stay_charged += charged;
        DeductibleOutcome { charged, nth: n, nominal }
    }
}
