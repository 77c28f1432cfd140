//! One path of a city's resident fund (居民医保), accounted apart from the
//! employee fund (分账核算) but living in the same economy: the path's
//! macro stream is drawn exactly as the employee path draws it.
//!
//! Each year, in this order: every resident's financing (own contribution,
//! contribution help for subsidised groups, fiscal subsidies by level of
//! government); every resident's claims, drawn and adjudicated by the
//! resident rules, those of late enrollees only for their covered months;
//! the fund's per-head outflows (the critical-illness premium and the
//! consultation fee, Luzhou 001 第六十五条, 第二十六条（一）); the year-end
//! transitions; interest on the opening balances; then, where
//! the city has an adjustment fund (Chongqing 002 居民医保 六), the levies
//! that keep it at its share of the year's financing (raised when it cannot
//! pay the year's grants, 六（四）), each district's gap met from its own
//! balance, then a grant (if it passed its assessment), then its own
//! budget; the fund opens at its level after the years of levies; elsewhere the scenario's fiscal backstop (Luzhou 001
//! 第四十三条). Every row balances to the fen, and so does the city.

use std::sync::Arc;

use rand::RngExt;

use super::path::{PathEconomy, rate, split};
use crate::claims::{Coverage, Scale, YearModel, draw};
use crate::inputs::params::{Backstop, ClaimModel, District, Economy, ResidentParams};
use crate::inputs::tables::Data;
use crate::ledger::{LedgerRow, LedgerYear};
use crate::population::Population;
use crate::rng::PersonRng;
use crate::rng::{Purpose, key};
use medfund_rules::adjudicate::{ClaimOutcome, adjudicate_into};
use medfund_rules::contract::input_line::format_member_year;
use medfund_rules::member_year::{Claim, Context, Member, MemberYear};
use medfund_rules::money::Money;
use medfund_rules::rules::resident_financing::{SubsidyGroup, grants, raised_levies};
use medfund_rules::rules::waiting_period::NewbornCover;
use medfund_rules::scenario::YearRules;

/// Everything a resident path needs, resolved once per run.
pub struct ResidentSetup {
    pub seed: u64,
    pub years: Vec<i32>,
    /// The resident scheme's rules of each year.
    pub rules: Vec<Arc<YearRules>>,
    pub coverage: Vec<Coverage>,
    /// Each year's subsidised groups, aligned with the base population's
    /// group indices (by name; `None` where a group has no entry that year).
    pub groups: Vec<Vec<Option<SubsidyGroup>>>,
    /// The group names the population's indices refer to.
    pub group_names: Vec<String>,
    pub params: ResidentParams,
    pub districts: Vec<District>,
    pub economy: Economy,
    /// The employee claim model with the residents' cost and levels.
    pub claims: ClaimModel,
    pub scale: Scale,
    /// Where there is no adjustment fund.
    pub backstop: Backstop,
    pub avg_wage: Money,
    pub data: &'static Data,
    pub base: Population,
    /// How many people each simulated resident stands for (`--sample`).
    pub weight: u32,
}

impl ResidentSetup {
    /// Whether the city keeps an adjustment fund: its ledger is one more
    /// row after the districts.
    pub fn has_adjustment_fund(&self) -> bool {
        self.rules.iter().any(|r| r.adjustment_fund.is_some())
    }
}

/// What a resident's year needs of the path's year.
struct YearCtx<'a> {
    path: u32,
    year: i32,
    rules: &'a YearRules,
    financing: Option<&'a medfund_rules::rules::resident_financing::Financing>,
    groups: &'a [Option<SubsidyGroup>],
    split_rule: Option<&'a medfund_rules::rules::resident_financing::SubsidySplit>,
    ym: &'a YearModel,
    cov: &'a Coverage,
    claims_key: u64,
    waiting_key: u64,
}

/// One resident's year into `l`: the financing of the year (001 第十九条,
/// 第二十条), the claims drawn from the resident's own stream, those of a
/// resident covered part of the year (`months` < 12: a late enrollee, a
/// newborn from birth) each kept with the covered share of the year,
/// adjudicated by the resident rules, and the per-head outflows (001
/// 第六十五条, 第二十六条（一）). Every financed resident counts for those, late
/// enrollees and newborns too: they are insured for the year they paid.
fn settle_resident(
    p: &crate::population::Person,
    c: &YearCtx<'_>,
    l: &mut LedgerYear,
    my: &mut MemberYear,
    outcomes: &mut Vec<ClaimOutcome>,
    claims: Option<&mut Vec<String>>,
) -> Result<(), String> {
    let (path, year) = (c.path, c.year);
    if let Some(f) = c.financing {
        let g = p.group().and_then(|i| c.groups.get(i)).and_then(|g| g.as_ref());
        let h = f.head(p.tier2(), g, c.split_rule);
        l.individual += h.own;
        l.assistance += h.assistance;
        l.district_help += h.district_help;
        l.subsidy_upper += h.subsidy_upper;
        l.subsidy_city += h.subsidy_city;
        l.subsidy_district += h.subsidy_district;
    }
    draw(p, c.ym, c.cov, c.claims_key, my);
    if p.months < 12 {
        // A late enrollee's claims fall uniformly over the year:
        // each is covered with the covered share of the year.
        let covered = f64::from(p.months) / 12.0;
        let mut w = PersonRng::new(c.waiting_key, p.id);
        my.claims.retain(|_| w.random::<f64>() < covered);
    }
    if !my.claims.is_empty() {
        adjudicate_into(c.rules, my, false, outcomes)
            .map_err(|e| format!("resident path {path}, year {year}: a drawn claim was refused: {e}"))?;
        if let Some(out) = claims {
            out.push(format_member_year(&format!("resident/p{path}/d{}/m{}", p.district, p.id), my));
        }
        l.claims += my.claims.len() as u64;
        l.admissions += my.claims.iter().filter(|c| matches!(c, Claim::Inpatient(_))).count() as u64;
        for (cl, o) in my.claims.iter().zip(outcomes.iter()) {
            l.record(cl, &o.payment);
        }
    }
    if !c.rules.per_head_outflows.is_empty() {
        let (ci, gc) = c
            .rules
            .per_head_outflows
            .of_resident(my.claims.len() as u64)
            .ok_or_else(|| format!("resident path {path}, year {year}: a per-head outflow overflowed"))?;
        l.critical_illness_insurance += ci;
        l.general_consultation += gc;
    }
    Ok(())
}

/// The adjustment fund's opening balance: `adjustment_fund_opening` × the
/// first year's financing of the base population (the standards of the
/// first year's rules, every resident financed for the year), rounded to
/// the fen, at most the resident fund's opening balance; zero when the
/// share is zero.
fn adjustment_fund_opening(s: &ResidentSetup) -> Result<Money, String> {
    let share = s.params.adjustment_fund_opening;
    let (Some(f), true) = (s.rules[0].financing.as_ref().map(|f| &f.v), share > 0.0) else {
        return Ok(Money::ZERO);
    };
    let split_rule = s.rules[0].subsidy_split.as_ref().map(|x| &x.v);
    let groups = &s.groups[0];
    let heads: Vec<Money> = s
        .base
        .people
        .iter()
        .map(|p| {
            let g = p.group().and_then(|i| groups.get(i)).and_then(|g| g.as_ref());
            f.head(p.tier2(), g, split_rule).total()
        })
        .collect();
    Money::checked_sum(&heads)
        .and_then(|t| t.0.checked_mul(i64::from(s.weight)))
        .map(|t| Money(t).mul_rate(rate(share)).min(s.params.opening_balance.max0()))
        .ok_or_else(|| "the adjustment fund's opening balance overflowed".to_string())
}

/// Simulate one resident path: its ledger rows by year, then district (the
/// adjustment fund last, where there is one).
pub fn simulate_resident_path(s: &ResidentSetup, path: u32) -> Result<Vec<LedgerRow>, String> {
    simulate_resident_path_into(s, path, None)
}

/// [`simulate_resident_path`], also writing into `claims` (when given)
/// every member-year with at least one covered claim, as an input line of
/// `medfund adjudicate` with the id `resident/p<path>/d<district>/m<person
/// id>`, by year, then in the population's order (as
/// [`super::path::simulate_path_into`]).
pub fn simulate_resident_path_into(
    s: &ResidentSetup,
    path: u32,
    mut claims: Option<&mut Vec<String>>,
) -> Result<Vec<LedgerRow>, String> {
    let nd = s.districts.len();
    let with_fund = s.has_adjustment_fund();
    let rows_per_year = nd + usize::from(with_fund);
    let mut pop = s.base.clone();
    let first = s.years[0];
    let e = &s.economy;
    let mut econ = PathEconomy::new(s.seed, path, e, s.claims.base_year, first, s.avg_wage);
    // The adjustment fund opens at its level after the years of levies
    // since pooling began (002 居民医保 六（四）), a share of the first year's
    // financing (an assumption of the scenario), out of the opening balance.
    let fund_opening = if with_fund { adjustment_fund_opening(s)? } else { Money::ZERO };
    let mut balances =
        split(s.params.opening_balance - fund_opening, s.districts.iter().map(|d| d.resident_share.unwrap_or(d.share)));
    if with_fund {
        balances.push(fund_opening);
    }
    let mut rows = Vec::with_capacity(s.years.len() * rows_per_year);
    let mut my = MemberYear { year: first, context: Context::default(), member: Member::default(), claims: Vec::new() };
    let mut outcomes: Vec<ClaimOutcome> = Vec::new();

    for (yi, &year) in s.years.iter().enumerate() {
        let rules = &s.rules[yi];
        let (ye, cost, utilisation) = econ.year(year);
        let avg_wage = econ.avg_wage;
        let ym = YearModel::scaled(s.data, &s.claims, cost, utilisation, s.scale);
        let cov = &s.coverage[yi];
        let groups = &s.groups[yi];
        let financing = rules.financing.as_ref().map(|f| &f.v);
        let split_rule = rules.subsidy_split.as_ref().map(|x| &x.v);

        let mut led: Vec<LedgerYear> =
            balances.iter().map(|b| LedgerYear { balance_opening: *b, ..LedgerYear::default() }).collect();
        let claims_key = key(s.seed, path, year, Purpose::ResidentClaims);
        let waiting_key = key(s.seed, path, year, Purpose::ResidentWaiting);
        my.year = year;
        my.context = Context { avg_wage: Some(avg_wage), employer_avg_monthly_wage: None };
        let w = s.weight;
        let mut moments = vec![crate::ledger::SampleMoments::default(); if w > 1 { nd } else { 0 }];
        let yc = YearCtx { path, year, rules, financing, groups, split_rule, ym: &ym, cov, claims_key, waiting_key };
        for p in &pop.people {
            let l = &mut led[p.district as usize];
            let before = if w > 1 { l.income() - l.outflow() } else { Money::ZERO };
            settle_resident(p, &yc, l, &mut my, &mut outcomes, claims.as_deref_mut())?;
            if w > 1 {
                moments[p.district as usize].add(l.income() - l.outflow() - before);
            }
        }
        for l in led.iter_mut().take(nd) {
            l.scale_members(w);
        }
        if ye.shortfall
            && let Some(cs) = &e.shocks.collection_shortfall
        {
            let kept = rate(1.0 - cs.share);
            for l in &mut led {
                l.individual = l.individual.mul_rate(kept);
            }
        }

        // ---- year-end transitions
        let t = pop.transition_residents(
            &s.params,
            &s.districts,
            &s.group_names,
            s.data,
            key(s.seed, path, year, Purpose::ResidentTransitions),
        );
        // Newborns of the year enrolled in time are financed for their
        // birth year and covered from birth (001 第二十三条): their first,
        // partial year, settled like anyone's, for the months from birth.
        if let Some(nc) = &rules.newborn_cover {
            let bk = key(s.seed, path, year, Purpose::ResidentBirths);
            let kept = match (&e.shocks.collection_shortfall, ye.shortfall) {
                (Some(cs), true) => Some(rate(1.0 - cs.share)),
                _ => None,
            };
            let mut born: Vec<LedgerYear> = vec![LedgerYear::default(); nd];
            for i in t.newborns.clone() {
                let p = &mut pop.people[i];
                let mut r = PersonRng::new(bk, p.id);
                let month = (1 + (r.random::<f64>() * 12.0) as u32).min(12);
                let u: f64 = r.random();
                let days = (-(1.0 - u).ln() * s.params.newborn_enrolment_days).floor();
                if !nc.v.from_birth(days.min(f64::from(u32::MAX)) as u32) {
                    continue;
                }
                // Enrolled in time: a full year next year, whatever the
                // entrants' late share drew.
                p.months = 12;
                let mut first = *p;
                first.months = NewbornCover::months_from_birth(month);
                let l = &mut born[first.district as usize];
                let before = l.income() - l.outflow();
                settle_resident(&first, &yc, l, &mut my, &mut outcomes, claims.as_deref_mut())?;
                if w > 1 {
                    moments[first.district as usize].add(l.income() - l.outflow() - before);
                }
            }
            for (l, b) in led.iter_mut().zip(born.iter_mut()) {
                b.scale_members(w);
                if let Some(k) = kept {
                    b.individual = b.individual.mul_rate(k);
                }
                l.add_money(b);
                l.claims += b.claims;
                l.admissions += b.admissions;
            }
        }
        if w > 1 {
            for (d, l) in led.iter_mut().enumerate().take(nd) {
                l.net_flow_var = moments[d].total_variance(w);
            }
        }
        let counts = pop.resident_counts(nd);
        for (d, l) in led.iter_mut().enumerate().take(nd) {
            l.deaths = t.deaths[d] * w;
            l.entrants = t.entrants[d] * w;
            l.exits = t.exits[d] * w;
            l.residents = counts[d] * w;
        }
        for l in &mut led {
            if l.balance_opening > Money::ZERO {
                l.interest = l.balance_opening.mul_rate(rate(ye.interest));
            }
        }

        // ---- gaps: the adjustment fund, or the fiscal backstop
        match rules.adjustment_fund.as_ref().map(|a| a.v) {
            Some(af) if with_fund => {
                let financing: Vec<Money> = led[..nd].iter().map(LedgerYear::financing).collect();
                let fund_opening = led[nd].balance_opening;
                let levies = af.levies(fund_opening, &financing);
                for (l, v) in led[..nd].iter_mut().zip(&levies) {
                    l.adjustment_out = *v;
                }
                led[nd].adjustment_in = levies.iter().copied().sum();
                // What each district lacks after its own balance.
                let requests: Vec<Money> = led[..nd]
                    .iter()
                    .map(|l| -(l.balance_opening + l.income() - l.outflow() + l.transfers()).min(Money::ZERO))
                    .collect();
                let sk = key(s.seed, path, year, Purpose::ResidentSettlement);
                let passed: Vec<bool> = (0..nd)
                    .map(|d| PersonRng::new(sk, d as u32).random::<f64>() < s.params.assessment_pass_rate)
                    .collect();
                let fund = &led[nd];
                let mut available = fund.balance_opening + fund.income() + fund.transfers();
                // The fund cannot pay the grants due: the levy rises (六（四）
                // 调整上解比例) on the districts that can pay it from their own
                // balances; only what none can pay is left short.
                let asked: Money = requests.iter().zip(&passed).filter(|(_, ok)| **ok).map(|(r, _)| *r).sum();
                if asked > available.max0() {
                    let capacity: Vec<Money> = led[..nd]
                        .iter()
                        .zip(&requests)
                        .map(|(l, r)| {
                            if *r > Money::ZERO {
                                Money::ZERO
                            } else {
                                (l.balance_opening + l.income() - l.outflow() + l.transfers()).max0()
                            }
                        })
                        .collect();
                    let extra = raised_levies(asked - available.max0(), &financing, &capacity);
                    for (l, x) in led[..nd].iter_mut().zip(&extra) {
                        l.adjustment_out += *x;
                    }
                    let raised: Money = extra.iter().copied().sum();
                    led[nd].adjustment_in += raised;
                    available += raised;
                }
                let g = grants(available, &requests, &passed);
                for (l, v) in led[..nd].iter_mut().zip(&g) {
                    l.adjustment_in = *v;
                }
                led[nd].adjustment_out = g.iter().copied().sum();
                // The rest from the district's own budget (六（一）).
                for (l, (r, v)) in led[..nd].iter_mut().zip(requests.iter().zip(&g)) {
                    l.district_government = *r - *v;
                }
            }
            _ => {
                for l in &mut led {
                    let closing = l.balance_opening + l.income() - l.outflow() + l.transfers();
                    let covered = match s.backstop {
                        Backstop::None => false,
                        Backstop::ShockYears => ye.epidemic,
                        Backstop::Always => true,
                    };
                    if covered && closing < Money::ZERO {
                        l.fiscal_subsidy = -closing;
                    }
                }
            }
        }
        for (d, l) in led.iter_mut().enumerate() {
            l.balance_closing = l.balance_opening + l.income() - l.outflow() + l.transfers();
            l.check().map_err(|m| format!("resident path {path}, year {year}, row {d}: {m}"))?;
        }
        balances = led.iter().map(|l| l.balance_closing).collect();
        for (d, l) in led.into_iter().enumerate() {
            rows.push(LedgerRow { path, year, district: d as u16, ledger: l });
        }

        econ.advance(&ye);
    }
    Ok(rows)
}
