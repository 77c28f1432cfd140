//! Flexible workers who stop paying and come back during the projection
//! (断缴, 续保, 补缴): the year's event of each flexible worker, what it pays
//! and what it is covered for, and the state it leaves.
//!
//! Who stops and who returns is behaviour (`projection.population`:
//! `lapse_rate`, `return_rate`, `lapse_income_effect`, `back_pay_share`,
//! assumptions); what a return brings (months paid back, a new waiting
//! period) is the text's, [`WaitingPeriod::on_return`] (Ziyang 000 第十三条,
//! Dingxi 003 第二十条（二）). Unit employees do not lapse: their employer
//! pays (and 000 第十三条 exempts 招录人员 from the waiting period).
//!
//! A person's state is one byte ([`Person::history`]): [`CONTINUOUS`] (no
//! break in memory: the continuous months are all the months), the months
//! paid since the last return (below [`CONTINUOUS`]), or [`LAPSED`] with the
//! months of the break so far. The year's event is drawn at the start of
//! the year (contributions and claims) and drawn again, the same, at the
//! year-end (the new state), from the person's own stream of
//! `Purpose::Lapses`, five numbers at fixed slots: a scenario without lapses
//! draws none and moves no other number.

use rand::RngExt;

use super::{FLEXIBLE, Person};
use crate::inputs::params::PopulationParams;
use crate::rng::PersonRng;
use medfund_rules::rules::waiting_period::{Return, WaitingPeriod};

/// No break in memory.
pub const CONTINUOUS: u8 = 0x7F;
/// The flag of a lapsed member; the low 7 bits are the break's months so far.
pub const LAPSED: u8 = 0x80;
/// The longest break counted (months), below [`CONTINUOUS`].
const MAX_GAP: u32 = 0x7E;

/// What a flexible worker does this year.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Pays all year.
    Pays,
    /// Stops after paying `paid` months (0–11).
    Stops { paid: u32 },
    /// Lapsed all year.
    Lapsed,
    /// Returns in month `month` (0 = January) after `gap` months without
    /// contributions.
    Returns { month: u32, gap: u32, ret: Return },
}

/// A member's year of contributions and cover.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Cover {
    pub event: Event,
    /// Months paid for this year, and months of the break paid back.
    pub paid: u32,
    pub paid_back: u32,
    /// Whether the year's claims are drawn: with the share of the year
    /// covered (all of it unless the member stops or returns in it).
    pub claims: bool,
    /// The continuous months at the date of the year's claims, where they
    /// are not the member's own months (a return within memory).
    pub months_at_claims: Option<u32>,
    /// Months of this year in a waiting period (flexible workers only).
    pub waiting_months: u32,
}

impl Cover {
    /// A year paid in full with no break in memory.
    pub const FULL: Cover =
        Cover { event: Event::Pays, paid: 12, paid_back: 0, claims: true, months_at_claims: None, waiting_months: 0 };
}

/// The year's behaviour: what the path's economy does to the lapse rate.
#[derive(Copy, Clone, Debug)]
pub struct LapseYear<'a> {
    /// The year's waiting period and re-enrolment rules, if any.
    pub rule: Option<&'a WaitingPeriod>,
    /// The key of the year's `Purpose::Lapses` streams.
    pub key: u64,
    /// The wage growth's mean less the path's wage growth this year (positive
    /// when wages grow less than expected: more stop).
    pub wage_shortfall: f64,
}

/// Whether the projection has lapses at all.
pub fn enabled(p: &PopulationParams) -> bool {
    p.lapse_rate > 0.0
}

/// The year's lapse probability of a paying flexible worker: `lapse_rate ×
/// (1 + lapse_income_effect × wage_shortfall)`, within 0–1.
pub fn lapse_probability(p: &PopulationParams, wage_shortfall: f64) -> f64 {
    (p.lapse_rate * (1.0 + p.lapse_income_effect * wage_shortfall)).clamp(0.0, 1.0)
}

/// `person`'s year (the same at the start of the year and at its end).
pub fn year(person: &Person, p: &PopulationParams, y: &LapseYear) -> Cover {
    let h = person.history;
    if person.category != FLEXIBLE || (h == CONTINUOUS && !enabled(p)) {
        return Cover::FULL;
    }
    let rng = &mut PersonRng::new(y.key, person.id);
    let u: [f64; 5] = std::array::from_fn(|_| rng.random::<f64>());
    let wait = y.rule.map_or(0, |w| w.flexible_months);
    let month = (u[1] * 12.0) as u32;
    if h & LAPSED != 0 {
        let so_far = u32::from(h & !LAPSED);
        if u[0] >= p.return_rate {
            return Cover {
                event: Event::Lapsed,
                paid: 0,
                paid_back: 0,
                claims: false,
                months_at_claims: None,
                waiting_months: 0,
            };
        }
        let gap = so_far + month;
        let pays_back = u[2] < p.back_pay_share;
        let ret = y.rule.map_or(Return { months_restored: false, waiting: true }, |w| w.on_return(gap, pays_back));
        let covered = 12 - month;
        let (months_at_claims, waiting_months) = if ret.waiting {
            (Some((u[4] * f64::from(covered)) as u32), wait.min(covered))
        } else {
            (Some(u32::from(person.months) + gap), 0)
        };
        return Cover {
            event: Event::Returns { month, gap, ret },
            paid: covered,
            paid_back: if ret.months_restored { gap } else { 0 },
            claims: u[3] * 12.0 < f64::from(covered),
            months_at_claims,
            waiting_months,
        };
    }
    // Paying: a return within memory has its months since the return.
    let since = (h != CONTINUOUS).then_some(u32::from(h));
    let stops = u[0] < lapse_probability(p, y.wage_shortfall);
    let span = if stops { month } else { 12 };
    Cover {
        event: if stops { Event::Stops { paid: month } } else { Event::Pays },
        paid: span,
        paid_back: 0,
        claims: u[3] * 12.0 < f64::from(span),
        months_at_claims: since.map(|v| v + (u[4] * f64::from(span)) as u32),
        waiting_months: since.map_or(0, |v| wait.saturating_sub(v).min(span)),
    }
}

/// The state `cover` leaves at the year-end: the months counted and the
/// history byte.
pub fn apply(person: &mut Person, cover: &Cover) {
    let add = (cover.paid + cover.paid_back).min(u32::from(u16::MAX)) as u16;
    person.months = person.months.saturating_add(add);
    let h = person.history;
    person.history = match cover.event {
        Event::Pays if h == CONTINUOUS => CONTINUOUS,
        Event::Pays => (u32::from(h) + 12).min(u32::from(CONTINUOUS)) as u8,
        Event::Stops { paid } => LAPSED | (12 - paid) as u8,
        Event::Lapsed => LAPSED | (u32::from(h & !LAPSED) + 12).min(MAX_GAP) as u8,
        Event::Returns { ret, month, .. } if ret.waiting => (12 - month) as u8,
        Event::Returns { .. } => CONTINUOUS,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_the_events() {
        let mut p = Person::new(1, 40, FLEXIBLE, false, false, false, false, 0, 100, 1.0);
        assert_eq!(p.history, CONTINUOUS);
        // Stops after 4 months: 8 months of break at the year-end.
        apply(&mut p, &Cover { event: Event::Stops { paid: 4 }, paid: 4, ..Cover::FULL });
        assert_eq!((p.months, p.history), (104, LAPSED | 8));
        apply(&mut p, &Cover { event: Event::Lapsed, paid: 0, ..Cover::FULL });
        assert_eq!((p.months, p.history), (104, LAPSED | 20));
        // Returns in October (month 9) after 29 months, no back-pay, waiting:
        // 3 months paid, 3 months since the return.
        let ret = Return { months_restored: false, waiting: true };
        apply(&mut p, &Cover { event: Event::Returns { month: 9, gap: 29, ret }, paid: 3, ..Cover::FULL });
        assert_eq!((p.months, p.history), (107, 3));
        apply(&mut p, &Cover::FULL);
        assert_eq!((p.months, p.history), (119, 15));
        // Paid back: continuous again.
        let mut q = Person::new(2, 40, FLEXIBLE, false, false, false, false, 0, 100, 1.0);
        q.history = LAPSED | 8;
        let ret = Return { months_restored: true, waiting: false };
        let c = Cover { event: Event::Returns { month: 2, gap: 10, ret }, paid: 10, paid_back: 10, ..Cover::FULL };
        apply(&mut q, &c);
        assert_eq!((q.months, q.history), (120, CONTINUOUS));
    }
}
