//! The resident scheme's population (居民医保): members of every age by
//! district, sex, tier and subsidised group, and their yearly transitions:
//! deaths, ageing, exits, newborns and other entrants, some of whom enrol
//! outside the window and wait three months for cover (Luzhou 001
//! 第十八条, 第二十三条).
//!
//! Like the employee population, the base is drawn once from the run's seed
//! and each path ages it with its own stream; person `i` draws from its own
//! counter-based stream, so the population never depends on scheduling.

use rand::RngExt;

use super::{GROUP_SHIFT, Person, Population, RESIDENT, TIER2, Transitions};
use crate::inputs::params::{District, ResidentParams};
use crate::inputs::tables::Data;
use crate::rng::PersonRng;
use crate::sampling::{cumulative, pick};

const FEMALE: u8 = super::FEMALE;

/// The month a late enrollee pays is uniform over the year; cover starts
/// three full months later (001 第二十三条 “从缴费之月起满3个月后”): paying
/// in month m (1–12) leaves 12 − (m + 2) months of the year covered, none
/// from October on.
pub fn covered_months_after_late_payment(month: u32) -> u16 {
    12u32.saturating_sub(month + 2) as u16
}

/// The draws that make one resident: sex, tier, group, age, district.
fn draw_person(
    id: u32,
    rng: &mut PersonRng,
    r: &ResidentParams,
    group_cum: &[f64],
    age_cum: &[f64],
    ages: &[u8],
    dist_cum: &[f64],
) -> Person {
    let mut bits = 0;
    if rng.random::<f64>() < r.female_share {
        bits |= FEMALE;
    }
    if rng.random::<f64>() < r.tier2_share {
        bits |= TIER2;
    }
    // Group 0 = none: the cumulative weights end with the unsubsidised.
    let g = pick(group_cum, rng.random());
    if g + 1 < group_cum.len() {
        bits |= ((g + 1) as u8) << GROUP_SHIFT;
    }
    let age = ages[pick(age_cum, rng.random())];
    let district = pick(dist_cum, rng.random()) as u8;
    Person {
        id,
        age,
        category: RESIDENT,
        bits,
        district,
        nonlocal_years: 0,
        months: 12,
        wage: 0.0,
        history: super::lapses::CONTINUOUS,
    }
}

/// The resident districts' cumulative shares.
fn district_cum(districts: &[District]) -> Vec<f64> {
    cumulative(districts.iter().map(|d| d.resident_share.unwrap_or(d.share)))
}

/// Cumulative weights of the subsidised groups in the order of `groups`
/// (the year's `resident.subsidised_groups` names), then the rest.
fn group_cum(r: &ResidentParams, groups: &[String]) -> Vec<f64> {
    let shares: Vec<f64> = groups.iter().map(|g| r.groups.get(g).copied().unwrap_or(0.0)).collect();
    let rest = (1.0 - shares.iter().sum::<f64>()).max(0.0);
    cumulative(shares.into_iter().chain(std::iter::once(rest)))
}

impl Population {
    /// Draw the base resident population. `groups` names the subsidised
    /// groups in the order of the first year's rules (a person's group is
    /// an index into that list).
    pub fn generate_residents(
        r: &ResidentParams,
        districts: &[District],
        groups: &[String],
        data: &Data,
        key: u64,
    ) -> Population {
        let ages: Vec<u8> = data.resident_age_profile.iter().map(|x| x.0).collect();
        let age_cum = cumulative(data.resident_age_profile.iter().map(|x| x.1));
        let dist_cum = district_cum(districts);
        let gc = group_cum(r, groups);
        let people = (0..r.members)
            .map(|id| draw_person(id, &mut PersonRng::new(key, id), r, &gc, &age_cum, &ages, &dist_cum))
            .collect();
        Population { people, next_id: r.members }
    }

    /// One year's resident transitions at the end of the year: deaths,
    /// ageing, exits; then newborns (age 0) and other entrants (ages drawn
    /// from the resident profile from 16 up), a share of whom pay outside
    /// the enrolment window and are covered only part of their first year.
    /// `retirements` and `short` stay empty.
    pub fn transition_residents(
        &mut self,
        r: &ResidentParams,
        districts: &[District],
        groups: &[String],
        data: &Data,
        key: u64,
    ) -> Transitions {
        let nd = districts.len();
        let mut t = Transitions::new(nd);
        let before = self.people.len() as f64;
        self.people.retain_mut(|person| {
            let d = person.district as usize;
            let rng = &mut PersonRng::new(key, person.id);
            if rng.random::<f64>() < data.qx(person.female(), person.age) {
                t.deaths[d] += 1;
                return false;
            }
            if rng.random::<f64>() < r.exit_rate {
                t.exits[d] += 1;
                return false;
            }
            person.age = person.age.saturating_add(1).min(110);
            person.months = 12;
            true
        });
        let newborns = (before * r.birth_rate).round() as u32;
        t.newborns = self.people.len()..self.people.len() + newborns as usize;
        let others = (before * r.entry_rate).round() as u32;
        let adult_ages: Vec<u8> = data.resident_age_profile.iter().filter(|x| x.0 >= 16).map(|x| x.0).collect();
        let adult_cum = cumulative(data.resident_age_profile.iter().filter(|x| x.0 >= 16).map(|x| x.1));
        let dist_cum = district_cum(districts);
        let gc = group_cum(r, groups);
        for i in 0..newborns + others {
            let id = self.next_id;
            self.next_id += 1;
            let rng = &mut PersonRng::new(key, id);
            let mut p = draw_person(id, rng, r, &gc, &adult_cum, &adult_ages, &dist_cum);
            if i < newborns {
                p.age = 0;
            }
            if rng.random::<f64>() < r.late_enrolment_share {
                let month = 1 + (rng.random::<f64>() * 12.0) as u32;
                p.months = covered_months_after_late_payment(month.min(12));
            }
            t.entrants[p.district as usize] += 1;
            self.people.push(p);
        }
        t
    }

    /// Residents by district.
    pub fn resident_counts(&self, districts: usize) -> Vec<u32> {
        let mut c = vec![0u32; districts];
        for p in &self.people {
            c[p.district as usize] += 1;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_payers_wait_three_full_months() {
        // 001 第二十三条: paying in January, cover from April: 9 months.
        assert_eq!(covered_months_after_late_payment(1), 9);
        // Paying in September: cover from December, one month.
        assert_eq!(covered_months_after_late_payment(9), 1);
        // From October on the year has no cover left.
        assert_eq!(covered_months_after_late_payment(10), 0);
        assert_eq!(covered_months_after_late_payment(12), 0);
    }
}
