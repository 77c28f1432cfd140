//! Resident schemes' financing (居民医保筹资): a flat contribution a head
//! paid by the resident, a fiscal subsidy a head, help with the
//! contribution for subsidised groups, and (Chongqing) the city adjustment
//! fund that districts pay into and draw on.
//!
//! - Luzhou 001 第十六条: individual contributions plus fiscal subsidies;
//!   第十七条: the standards follow the national ones, published yearly (not
//!   in the texts: an assumption); 第十九条: the local part of the subsidy
//!   split 3:7 between city and districts; 第二十条: subsidised groups,
//!   the highest ratio only, and who pays (medical assistance or the
//!   district's budget).
//! - Chongqing 002 居民医保 三（三）: two tiers whose standards are published
//!   by the city (an assumption here); 六（四）: the city adjustment fund
//!   (市级调剂金) kept at 8% of each year's total financing, the levy
//!   raised when it cannot meet the year's grants ([`raised_levies`]).
//!
//! Every amount is exact to the fen; a ratio of a contribution is rounded
//! half-up to the fen.

use serde::Deserialize;

use crate::money::{Money, Rate};

/// `resident.financing`: the yearly standards a head.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    /// The individual contribution a year (tier 1 where there are tiers).
    pub individual: Money,
    /// The tier-2 individual contribution (Chongqing 002 居民医保 三（三）).
    #[serde(default)]
    pub tier2_individual: Option<Money>,
    /// The fiscal subsidy a head a year (all levels of government).
    pub subsidy: Money,
    /// The part of the subsidy paid by the central and provincial budgets;
    /// the rest is local.
    pub upper_share: Rate,
}

/// `resident.subsidy_split`: how the local part of the subsidy is shared
/// between the city and the districts (Luzhou 001 第十九条: 3:7).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubsidySplit {
    pub city: Rate,
    pub district: Rate,
}

/// Who pays a subsidised group's contribution help (001 第二十条 last
/// paragraph).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// The medical assistance fund (医疗救助资金).
    MedicalAssistance,
    /// The district's budget (区县财政统筹资金).
    District,
}

/// One subsidised group: the share of the individual contribution paid for
/// its members, and by whom.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubsidyGroup {
    /// The group's key, matched by `projection.residents.groups`.
    pub name: String,
    pub ratio: Rate,
    pub payer: Payer,
}

/// `resident.adjustment_fund`: the city adjustment fund's level as a share
/// of the year's total financing (Chongqing 002 居民医保 六（四）: 8%).
#[derive(Copy, Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentFund {
    pub share: Rate,
}

/// Who paid one resident's financing for a year, to the fen.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct HeadFinancing {
    /// Paid by the resident.
    pub own: Money,
    /// The contribution help paid by medical assistance.
    pub assistance: Money,
    /// The contribution help paid by the district's budget.
    pub district_help: Money,
    /// The subsidy from the central and provincial budgets.
    pub subsidy_upper: Money,
    /// The local subsidy's city part.
    pub subsidy_city: Money,
    /// The local subsidy's district part.
    pub subsidy_district: Money,
}

impl HeadFinancing {
    /// Everything paid for the resident.
    pub fn total(&self) -> Money {
        self.own + self.assistance + self.district_help + self.subsidy_upper + self.subsidy_city + self.subsidy_district
    }
}

impl Financing {
    /// The individual contribution of a tier (1 or 2; tier 2 falls back to
    /// tier 1 where there is no second tier).
    pub fn individual_of(&self, tier2: bool) -> Money {
        if tier2 { self.tier2_individual.unwrap_or(self.individual) } else { self.individual }
    }

    /// One resident's year: `group` is the highest-ratio group the resident
    /// belongs to, if any (001 第二十条 “就高不就低”); `split` shares the
    /// local subsidy (all of it the district's when absent).
    ///
    /// The help is `ratio × individual` rounded half-up to the fen, the
    /// resident pays the rest; the upper subsidy is `upper_share × subsidy`
    /// rounded, the city's part `city × local` rounded, the district's the
    /// rest, so the parts add to the standards exactly.
    pub fn head(&self, tier2: bool, group: Option<&SubsidyGroup>, split: Option<&SubsidySplit>) -> HeadFinancing {
        let individual = self.individual_of(tier2);
        let help = group.map_or(Money::ZERO, |g| individual.mul_rate(g.ratio.clamp01()));
        let (assistance, district_help) = match group.map(|g| g.payer) {
            Some(Payer::MedicalAssistance) => (help, Money::ZERO),
            Some(Payer::District) => (Money::ZERO, help),
            None => (Money::ZERO, Money::ZERO),
        };
        let subsidy_upper = self.subsidy.mul_rate(self.upper_share.clamp01());
        let local = self.subsidy - subsidy_upper;
        let subsidy_city = split.map_or(Money::ZERO, |s| local.mul_rate(s.city.clamp01()));
        HeadFinancing {
            own: individual - help,
            assistance,
            district_help,
            subsidy_upper,
            subsidy_city,
            subsidy_district: local - subsidy_city,
        }
    }
}

/// Split `total` over parts in proportion to `weights` (fen, floored),
/// the remainder to the largest weight (the first such), so the parts add
/// to `total` exactly. All zero weights: nothing to anyone but the first.
pub fn prorate(total: Money, weights: &[Money]) -> Vec<Money> {
    let sum: i128 = weights.iter().map(|w| i128::from(w.0.max(0))).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Money> = if sum == 0 {
        vec![Money::ZERO; weights.len()]
    } else {
        weights.iter().map(|w| Money((i128::from(total.0) * i128::from(w.0.max(0)) / sum) as i64)).collect()
    };
    let rest = total - out.iter().copied().sum::<Money>();
    let big = (0..weights.len()).max_by_key(|&i| (weights[i], std::cmp::Reverse(i))).unwrap_or(0);
    out[big] += rest;
    out
}

impl AdjustmentFund {
    /// The year's levies on the districts (002 居民医保 六（四）): the first
    /// year `share` of each district's financing; later years the
    /// difference between `share` of the year's total financing and what
    /// the fund holds, shared in proportion to financing (nothing is paid
    /// back when the fund holds more).
    pub fn levies(&self, fund_opening: Money, financing: &[Money]) -> Vec<Money> {
        let total: Money = financing.iter().copied().sum();
        let due = (total.mul_rate(self.share) - fund_opening.max0()).max0();
        prorate(due, financing)
    }
}

/// The year's grants from the adjustment fund (002 居民医保 六（一）（三）（四）):
/// each district's current gap left after its own accumulated balance
/// (`requests`) is granted in full when the fund can, in proportion to the
/// requests when it cannot; a district that failed its assessment gets
/// nothing (its gap is its own). Returns the grants.
pub fn grants(available: Money, requests: &[Money], passed: &[bool]) -> Vec<Money> {
    let eligible: Vec<Money> =
        requests.iter().zip(passed).map(|(r, &ok)| if ok { r.max0() } else { Money::ZERO }).collect();
    let asked: Money = eligible.iter().copied().sum();
    let available = available.max0();
    if asked <= available { eligible } else { prorate(available, &eligible) }
}

/// The raised levy when the adjustment fund runs short (002 居民医保 六（四）
/// "市级调剂金入不敷出时……调整上解比例"): the year's shortfall `short` (the
/// grants due less what the fund holds) is levied on the districts in
/// proportion to their financing, each at most what it can pay from its own
/// balance (`capacity`: zero for a district with a gap of its own); a
/// district at its limit pays that, and the rest is shared among the others
/// the same way, until the shortfall is met or no district can pay more.
/// Returns each district's extra levy; their sum is at most `short`.
pub fn raised_levies(short: Money, financing: &[Money], capacity: &[Money]) -> Vec<Money> {
    let n = financing.len();
    let mut extra = vec![Money::ZERO; n];
    let mut left = short.max0();
    // Each round either meets what is left or brings a district to its
    // limit: at most n + 1 rounds.
    while left > Money::ZERO {
        let open: Vec<usize> = (0..n)
            .filter(|&i| financing[i] > Money::ZERO && capacity.get(i).map_or(Money::ZERO, |c| c.max0()) > extra[i])
            .collect();
        if open.is_empty() {
            break;
        }
        let weights: Vec<Money> = open.iter().map(|&i| financing[i]).collect();
        let mut paid = Money::ZERO;
        for (&i, share) in open.iter().zip(prorate(left, &weights)) {
            let x = share.min(capacity[i].max0() - extra[i]);
            extra[i] += x;
            paid += x;
        }
        left -= paid;
        if paid == Money::ZERO {
            break;
        }
    }
    extra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prorate_adds_up_and_follows_weights() {
        let p = prorate(Money(1000), &[Money(1), Money(1), Money(1)]);
        assert_eq!(p, vec![Money(334), Money(333), Money(333)]);
        let p = prorate(Money(10), &[Money(0), Money(3)]);
        assert_eq!(p, vec![Money(0), Money(10)]);
        assert_eq!(prorate(Money(5), &[Money(0), Money(0)]), vec![Money(5), Money(0)]);
    }
}
