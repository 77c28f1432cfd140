//! The synthetic insured population of a city's employee scheme: members by
//! district, category, sex and single year of age, with wages, account type
//! and contribution history, and their yearly transitions. The resident
//! scheme's population ([`resident`]) uses the same [`Person`].
//!
//! The base population is drawn once from the run's seed and shared by every
//! path; each path then ages it with its own random stream.

use rand::RngExt;

pub mod lapses;
pub mod resident;
pub mod roster;

use crate::inputs::params::{District, PopulationParams, RetirementAges};
use crate::inputs::tables::Data;
use crate::rng::PersonRng;
use crate::sampling::{cumulative, lognormal, pick};
use medfund_rules::member_year::{Account, Category, Employer, Member, Sex};
use medfund_rules::rules::contribution::MinimumYears;

/// In-service employee (在职, also the unemployed on benefit).
pub const EMPLOYEE: u8 = 0;
/// Flexible worker (灵活就业).
pub const FLEXIBLE: u8 = 1;
/// Retiree (退休).
pub const RETIREE: u8 = 2;
/// Resident-scheme member (居民医保).
pub const RESIDENT: u8 = 3;

const FEMALE: u8 = 1;
const FISCAL: u8 = 2;
const POOLING_ONLY: u8 = 4;
const CADRE: u8 = 8;
/// Residents: on the second tier.
const TIER2: u8 = 16;
/// Residents: the subsidised group, 1-based (0 = none), in the top 3 bits.
const GROUP_SHIFT: u8 = 5;
/// Employee-scheme members: the same top 3 bits hold the years since
/// leaving an account-less flexible rate for a unit, plus 1 (0: no change
/// to count; Dingxi 003 第十四条（二）, `minimum_years.after_account_change`),
/// saturating at 7.
const CHANGE_MASK: u8 = 0b1110_0000;

/// One insured person, 16 bytes.
#[derive(Copy, Clone, Debug, PartialEq)]
pub struct Person {
    /// Stable identity within a path: the key of the person's own random
    /// streams.
    pub id: u32,
    pub age: u8,
    /// [`EMPLOYEE`], [`FLEXIBLE`], [`RETIREE`] or [`RESIDENT`].
    pub category: u8,
    bits: u8,
    /// The district's index (at most 256 districts, checked on load).
    pub district: u8,
    /// Whole years of the contributed `months` paid in other cities before
    /// moving here (缴费年限合并计算, 003 第十五条): the rest is local, for the
    /// local minimum (000 第九条（七）1(2), 001 第二十四条).
    pub nonlocal_years: u8,
    /// Months of contributions so far; for a resident, the months of this
    /// year covered (12 but in the year after a late enrolment).
    pub months: u16,
    /// Wage relative to the average wage.
    pub wage: f32,
    /// Breaks in contributions ([`lapses`]): [`lapses::CONTINUOUS`], the
    /// months paid since the last return, or [`lapses::LAPSED`] with the
    /// break's months so far. A person is 16 bytes.
    pub history: u8,
}

impl Person {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: u32,
        age: u8,
        category: u8,
        female: bool,
        fiscal: bool,
        pooling_only: bool,
        cadre: bool,
        district: u16,
        months: u16,
        wage: f32,
    ) -> Person {
        let bits = (female as u8 * FEMALE)
            | (fiscal as u8 * FISCAL)
            | (pooling_only as u8 * POOLING_ONLY)
            | (cadre as u8 * CADRE);
        Person {
            id,
            age,
            category,
            bits,
            district: district as u8,
            nonlocal_years: 0,
            months,
            wage,
            history: lapses::CONTINUOUS,
        }
    }

    /// Months contributed in this city.
    pub fn local_months(&self) -> u32 {
        u32::from(self.months).saturating_sub(12 * u32::from(self.nonlocal_years))
    }

    /// Lapsed: not paying, not covered (a flexible worker's break).
    pub fn lapsed(&self) -> bool {
        self.history & lapses::LAPSED != 0
    }

    pub fn female(&self) -> bool {
        self.bits & FEMALE != 0
    }
    pub fn fiscal(&self) -> bool {
        self.bits & FISCAL != 0
    }
    pub fn pooling_only(&self) -> bool {
        self.bits & POOLING_ONLY != 0
    }
    pub fn cadre(&self) -> bool {
        self.bits & CADRE != 0
    }
    pub fn tier2(&self) -> bool {
        self.bits & TIER2 != 0
    }
    /// A resident's subsidised group: an index into the year's
    /// `resident.subsidised_groups`.
    pub fn group(&self) -> Option<usize> {
        let g = self.bits >> GROUP_SHIFT;
        (g > 0).then(|| usize::from(g - 1))
    }
    pub fn category(&self) -> Category {
        match self.category {
            EMPLOYEE => Category::Employee,
            FLEXIBLE => Category::Flexible,
            RESIDENT => Category::Resident,
            _ => Category::Retiree,
        }
    }
    pub fn account(&self) -> Account {
        if self.pooling_only() { Account::PoolingOnly } else { Account::Combined }
    }
    pub fn employer(&self) -> Employer {
        if self.fiscal() { Employer::Fiscal } else { Employer::Enterprise }
    }
    pub fn sex(&self) -> Sex {
        if self.female() { Sex::F } else { Sex::M }
    }
    /// Whole months since leaving an account-less flexible rate for a unit,
    /// if the member did (employee scheme only).
    pub fn months_since_account_change(&self) -> Option<u32> {
        let v = (self.bits & CHANGE_MASK) >> GROUP_SHIFT;
        (self.category != RESIDENT && v > 0).then(|| 12 * u32::from(v - 1))
    }

    /// Fill the adjudicator's member from this person (no allocation).
    pub fn fill_member(&self, m: &mut Member) {
        m.category = self.category();
        m.account = self.account();
        m.sex = self.sex();
        m.age = u32::from(self.age);
        m.employer = self.employer();
        m.special_disease_class = None;
        m.special_disease_count = 1;
        m.chronic.clear();
        // Continuous months (contract reading 13): since the last return
        // where one is in memory, else every month contributed.
        m.months_contributed = if self.history < lapses::CONTINUOUS {
            u32::from(self.history).min(u32::from(self.months))
        } else {
            u32::from(self.months)
        };
        m.resident_tier = (self.category == RESIDENT).then_some(if self.tier2() { 2 } else { 1 });
    }
}

/// The population of one path.
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    pub people: Vec<Person>,
    /// The next id to give an entrant.
    pub next_id: u32,
}

/// What one year's transitions did, per district.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Transitions {
    pub deaths: Vec<u32>,
    pub retirements: Vec<u32>,
    pub entrants: Vec<u32>,
    pub exits: Vec<u32>,
    /// People who retired short of the minimum contribution months, with
    /// the months they were short, for the lump-sum payment.
    pub short: Vec<(Person, u32)>,
    /// The resident transitions' newborns: their places in the population
    /// (the first entrants added).
    pub newborns: std::ops::Range<usize>,
}

impl Transitions {
    /// Nothing yet, for `districts` districts.
    fn new(districts: usize) -> Transitions {
        Transitions {
            deaths: vec![0; districts],
            retirements: vec![0; districts],
            entrants: vec![0; districts],
            exits: vec![0; districts],
            short: Vec::new(),
            newborns: 0..0,
        }
    }
}

/// The slot of a base member's own stream where the draws of its earlier
/// history start: past every other draw of the stream (the lognormal wage
/// takes a few), so that none of them moves.
const HISTORY_SLOT: u64 = 1 << 20;

/// An in-service member's history before the projection, from the draws
/// `u` (moved in, the share paid elsewhere, from the resident scheme, its
/// years): (`months` in all, whole years paid elsewhere).
///
/// * Moved in from another city (`moved_in_share`): a uniform share of the
///   months so far was paid there (缴费年限合并计算, 003 第十五条; local years
///   count for 000 第九条（七）1(2), 001 第二十四条).
/// * Came from the city's resident scheme (`from_resident_share`): up to
///   `2 × resident_years` (uniform, within the working years) of the working
///   years were in it, not in the employee scheme, and count
///   `resident_year_months` each (000 第九条（七）3, 001 第二十五条), as local
///   months.
pub fn earlier_history(
    p: &PopulationParams,
    months: u16,
    working_years: f64,
    resident_year_months: u32,
    u: [f64; 4],
) -> (u16, u8) {
    let mut months = f64::from(months);
    if u[2] < p.from_resident_share {
        let years = (2.0 * p.resident_years * u[3]).min(working_years).floor();
        // Those years were not employee years at the member's density.
        let density = months / (12.0 * working_years).max(1.0);
        months = (months - 12.0 * years * density).max(0.0) + years * f64::from(resident_year_months);
    }
    let nonlocal = if u[0] < p.moved_in_share { (months * u[1] / 12.0).floor() } else { 0.0 };
    (months as u16, nonlocal.min(255.0) as u8)
}

/// The statutory retirement age of a person, years (fractional during the
/// phase-in of the 2025 reform).
pub fn retirement_age(p: &Person, ages: &RetirementAges) -> f64 {
    if !p.female() {
        ages.male
    } else if p.cadre() {
        ages.female_cadre
    } else {
        ages.female_worker
    }
}

/// Whether a person of `age` (whole years) retires this year, given a
/// fractional statutory age `r`: past ⌊r⌋ always, at ⌊r⌋ with probability
/// 1 − frac(r) (so a population's average retirement age is r).
fn retires(age: u8, r: f64, u: f64) -> bool {
    let whole = r.floor();
    let a = f64::from(age);
    a > whole || (a == whole && u >= r - whole)
}

impl Population {
    /// Draw the base population; person `i` draws from its own stream of
    /// `key`.
    ///
    /// In-service members drawn at or past their statutory retirement age
    /// (`ages`, the first year's) have their age drawn again, up to 20
    /// times, so that the first year-end does not retire a backlog.
    pub fn generate(
        p: &PopulationParams,
        districts: &[District],
        data: &Data,
        ages: &RetirementAges,
        resident_year_months: u32,
        key: u64,
    ) -> Population {
        let cat_cum = cumulative([p.employee_share, p.flexible_share, p.retiree_share]);
        let dist_cum = cumulative(districts.iter().map(|d| d.share));
        let age_cum: [Vec<f64>; 3] = std::array::from_fn(|c| cumulative(data.age_profile.iter().map(|row| row.1[c])));
        let people = (0..p.members)
            .map(|id| {
                let rng = &mut PersonRng::new(key, id);
                let category = pick(&cat_cum, rng.random()) as u8;
                let mut bits = 0;
                if rng.random::<f64>() < p.female_share {
                    bits |= FEMALE;
                }
                if category == EMPLOYEE && rng.random::<f64>() < p.fiscal_share {
                    bits |= FISCAL;
                }
                // The draw is made whoever may hold such an account, so that
                // the other draws keep their places in the stream.
                if rng.random::<f64>() < p.pooling_only_share && (!p.pooling_only_flexible_only || category == FLEXIBLE)
                {
                    bits |= POOLING_ONLY;
                }
                if bits & FEMALE != 0 && rng.random::<f64>() < p.female_cadre_share {
                    bits |= CADRE;
                }
                let mut age = data.age_profile[pick(&age_cum[category as usize], rng.random())].0;
                if category != RETIREE {
                    let probe = Person {
                        id,
                        age,
                        category,
                        bits,
                        district: 0,
                        nonlocal_years: 0,
                        months: 0,
                        wage: 0.0,
                        history: lapses::CONTINUOUS,
                    };
                    let r = retirement_age(&probe, ages).floor();
                    for _ in 0..20 {
                        if f64::from(age) < r {
                            break;
                        }
                        age = data.age_profile[pick(&age_cum[category as usize], rng.random())].0;
                    }
                }
                let district = pick(&dist_cum, rng.random()) as u8;
                let working_years = f64::from(age.saturating_sub(20)).min(40.0);
                let (mean, sigma) = data.wage(category == FLEXIBLE);
                let wage = lognormal(rng, mean, sigma) as f32;
                // The member's own density, drawn after everything else so
                // that the other draws keep their places in the stream.
                let spread = p.contribution_density_spread * (2.0 * rng.random::<f64>() - 1.0);
                let density = (p.contribution_density + spread).clamp(0.05, 1.0);
                let mut months = if category == RETIREE {
                    // Retirees met the minimum when they retired.
                    (f64::from(age.saturating_sub(20).min(40)) * 12.0 * p.contribution_density.max(0.75)) as u16
                } else {
                    (working_years * 12.0 * density) as u16
                };
                let mut nonlocal_years = 0;
                if category != RETIREE {
                    // Histories from elsewhere (moves, the resident scheme),
                    // on slots of their own past every draw above.
                    rng.seek(HISTORY_SLOT);
                    let (u_moved, u_share, u_res, u_years) =
                        (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
                    (months, nonlocal_years) = earlier_history(
                        p,
                        months,
                        working_years,
                        resident_year_months,
                        [u_moved, u_share, u_res, u_years],
                    );
                }
                Person { id, age, category, bits, district, nonlocal_years, months, wage, history: lapses::CONTINUOUS }
            })
            .collect();
        Population { people, next_id: p.members }
    }

    /// Counts by category (lapsed flexible workers among the flexible: still
    /// registered, so that the members at a year's start are the headcounts
    /// plus its deaths and exits less its entrants).
    pub fn counts(&self, districts: usize) -> Vec<[u32; 3]> {
        let mut c = vec![[0u32; 3]; districts];
        for p in &self.people {
            c[p.district as usize][p.category as usize] += 1;
        }
        c
    }

    /// One year's transitions at the end of the year: deaths, ageing,
    /// contributions counted, retirements (with those short of the minimum
    /// months noted for a lump sum), exits, moves between employment and
    /// flexible work, and new entrants.
    #[allow(clippy::too_many_arguments)]
    pub fn transition(
        &mut self,
        p: &PopulationParams,
        districts: &[District],
        data: &Data,
        ages: &RetirementAges,
        minimum: Option<&MinimumYears>,
        retirement_wave: f64,
        lapse: &lapses::LapseYear,
        key: u64,
    ) -> Transitions {
        let nd = districts.len();
        let mut t = Transitions::new(nd);
        let mut in_service = 0u32;
        self.people.retain_mut(|person| {
            let d = person.district as usize;
            // The year's contributions, as they were drawn at its start.
            let cover = lapses::year(person, p, lapse);
            let rng = &mut PersonRng::new(key, person.id);
            let qx = data.qx(person.female(), person.age);
            // The draw is made with mortality off too, so that the other
            // draws keep their places in the stream.
            let u_death = rng.random::<f64>();
            if p.mortality && u_death < qx {
                t.deaths[d] += 1;
                return false;
            }
            let (u_ret, u_exit, u_move, u_wave) =
                (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
            person.age = person.age.saturating_add(1).min(110);
            if person.category == RETIREE {
                return true;
            }
            lapses::apply(person, &cover);
            let change = (person.bits & CHANGE_MASK) >> GROUP_SHIFT;
            if (1..7).contains(&change) {
                person.bits = (person.bits & !CHANGE_MASK) | ((change + 1) << GROUP_SHIFT);
            }
            let r = retirement_age(person, ages);
            let wave = u_wave < retirement_wave && f64::from(person.age) + 5.0 >= r;
            if retires(person.age, r, u_ret) || wave {
                // Short of the minimum in all or in this city: the lump sum,
                // paid here, makes up both.
                let missing = minimum.map_or(0, |m| {
                    let since = person.months_since_account_change().map_or(0, |s| m.change_shortfall(s));
                    m.shortfall(person.sex(), u32::from(person.months), person.local_months()).max(since)
                });
                person.bits &= !CHANGE_MASK;
                if missing > 0 {
                    t.short.push((*person, missing));
                    person.months = person.months.saturating_add(missing as u16);
                }
                person.category = RETIREE;
                person.history = lapses::CONTINUOUS;
                t.retirements[d] += 1;
                return true;
            }
            if u_exit < p.exit_rate {
                t.exits[d] += 1;
                return false;
            }
            if person.lapsed() {
                // Lapsed flexible workers come back by returning (lapses.rs).
            } else if person.category == EMPLOYEE && u_move < p.to_flexible_rate {
                person.category = FLEXIBLE;
                person.bits &= !FISCAL;
            } else if person.category == FLEXIBLE && u_move < p.to_employee_rate {
                person.category = EMPLOYEE;
                if p.pooling_only_flexible_only && person.pooling_only() {
                    // With a unit, an account from the next month (Dingxi
                    // 003 第十四条（二）: 以用人单位参保的 … 变更后次月起划转个人账户),
                    // and the years after the change start counting.
                    person.bits = (person.bits & !POOLING_ONLY & !CHANGE_MASK) | (1 << GROUP_SHIFT);
                }
            }
            in_service += u32::from(!person.lapsed());
            true
        });
        // New entrants: young employees, from the employee age profile
        // between 20 and 35.
        let n_new = (f64::from(in_service) * p.entry_rate).round() as u32;
        let young: Vec<(u8, f64)> =
            data.age_profile.iter().filter(|r| (20..=35).contains(&r.0)).map(|r| (r.0, r.1[0])).collect();
        let young_cum = cumulative(young.iter().map(|r| r.1));
        let dist_cum = cumulative(districts.iter().map(|d| d.share));
        for _ in 0..n_new {
            let id = self.next_id;
            self.next_id += 1;
            let rng = &mut PersonRng::new(key, id);
            let age = young[pick(&young_cum, rng.random())].0;
            let mut bits = 0;
            if rng.random::<f64>() < p.female_share {
                bits |= FEMALE;
            }
            if rng.random::<f64>() < p.fiscal_share {
                bits |= FISCAL;
            }
            // Entrants are unit employees.
            if rng.random::<f64>() < p.pooling_only_share && !p.pooling_only_flexible_only {
                bits |= POOLING_ONLY;
            }
            if bits & FEMALE != 0 && rng.random::<f64>() < p.female_cadre_share {
                bits |= CADRE;
            }
            let district = pick(&dist_cum, rng.random()) as u8;
            let (mean, sigma) = data.wage(false);
            let wage = lognormal(rng, mean, sigma) as f32;
            t.entrants[district as usize] += 1;
            self.people.push(Person {
                id,
                age,
                category: EMPLOYEE,
                bits,
                district,
                nonlocal_years: 0,
                months: 0,
                wage,
                history: lapses::CONTINUOUS,
            });
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractional_retirement_ages_retire_the_right_share() {
        // 60.25: everyone past 60, three quarters of those at 60.
        let n = 10_000;
        let at_60 = (0..n).filter(|i| retires(60, 60.25, *i as f64 / n as f64)).count();
        assert_eq!(at_60, 7_500);
        assert!(retires(61, 60.25, 0.0));
        assert!(!retires(59, 60.25, 0.99));
        assert!(retires(60, 60.0, 0.0));
    }

    #[test]
    fn pick_follows_cumulative_weights() {
        let c = cumulative([1.0, 0.0, 3.0]);
        assert_eq!(pick(&c, 0.0), 0);
        assert_eq!(pick(&c, 0.24), 0);
        assert_eq!(pick(&c, 0.26), 2);
        assert_eq!(pick(&c, 0.999), 2);
    }
}
