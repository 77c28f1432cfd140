//! An explicit population and its claims, for projections checked by hand:
//! the roster (`projection.roster`) in place of the drawn base population,
//! and the claim schedule (`projection.claim_schedule`) in place of the
//! drawn claims.

use std::collections::BTreeMap;

use super::Population;
use crate::inputs::params::ScheduledClaim;
use medfund_rules::member_year::Claim;

/// The base population of an explicit roster (`projection.roster`): member
/// `i` has id `i`, so that the claim schedule can name it.
pub(crate) fn population(
    people: &[crate::inputs::params::RosterMember],
    districts: &[crate::inputs::params::District],
) -> Result<Population, String> {
    use crate::inputs::params::{RosterCategory, RosterSex};
    use crate::population::{EMPLOYEE, FLEXIBLE, Person, RETIREE};
    let people = people
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let district = match &m.district {
                Some(d) => d.resolve(districts).map_err(|e| format!("projection.roster member {i}: {e}"))?,
                None => 0,
            };
            let category = match m.category {
                RosterCategory::Employee => EMPLOYEE,
                RosterCategory::Flexible => FLEXIBLE,
                RosterCategory::Retiree => RETIREE,
            };
            Ok(Person::new(
                i as u32,
                m.age,
                category,
                m.sex == RosterSex::F,
                m.fiscal,
                m.pooling_only,
                m.cadre,
                district,
                m.months,
                m.wage as f32,
            ))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let next_id = people.len() as u32;
    Ok(Population { people, next_id })
}

/// The claim schedule (`projection.claim_schedule`) by (roster member,
/// year), each claim read by the adjudication contract's parser.
pub(crate) fn schedule(entries: &[ScheduledClaim]) -> Result<BTreeMap<(u32, i32), Vec<Claim>>, String> {
    let mut m: BTreeMap<(u32, i32), Vec<Claim>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let c = e.parse(&format!("projection.claim_schedule value[{i}].claim"))?;
        m.entry((e.member, e.year)).or_default().push(c);
    }
    Ok(m)
}
