//! One path: a city's future, year by year.
//!
//! Each year, in this order: the economy's draws (wage growth, medical
//! inflation, interest, shocks); every member's contributions; every
//! member's claims, drawn and adjudicated by the same rules as `medfund
//! adjudicate`; the year-end transitions (deaths, retirements with their
//! lump sums, exits, moves, entrants); interest on the city-wide opening
//! balance, shared by the districts' positive balances; the
//! top-up fund's account where it is kept apart (Dingxi 003 第四十三条); the
//! closing balance, with the fiscal backstop where the scenario has one.
//! Every district's ledger balances to the fen.

use std::sync::Arc;

use rand::RngExt;
use rand_distr::StandardNormal;

pub use super::stats::CalibrationStats;
use super::stats::{count_cover, family_stats};
use crate::claims::{Coverage, YearModel, draw, kind_mask, special_group};
use crate::inputs::params::Targets;
use crate::inputs::params::{
    Backstop, ClaimModel, District, Economy, FundParams, PopulationParams, RetirementAges, Timing,
};
use crate::inputs::tables::Data;
use crate::ledger::{LedgerRow, LedgerYear};
use crate::population::lapses::{self, LapseYear};
use crate::population::{EMPLOYEE, FLEXIBLE, Population, RETIREE};
use crate::rng::PersonRng;
use crate::rng::{Purpose, key, stream};
use medfund_rules::adjudicate::{ClaimOutcome, adjudicate_into};
use medfund_rules::contract::input_line::format_member_year;
use medfund_rules::member_year::{Claim, Context, Member, MemberYear};
use medfund_rules::money::{Money, Rate};
use medfund_rules::scenario::YearRules;
use medfund_rules::settle::{DistrictYear, SettlementRules, settle_district};

/// Everything a path needs, resolved once per run.
pub struct Setup {
    pub seed: u64,
    pub years: Vec<i32>,
    /// The employee scheme's rules of each year.
    pub rules: Vec<Arc<YearRules>>,
    pub coverage: Vec<Coverage>,
    pub retirement: Vec<RetirementAges>,
    pub population: PopulationParams,
    pub districts: Vec<District>,
    pub economy: Economy,
    pub claims: ClaimModel,
    pub fund: FundParams,
    pub backstop: Backstop,
    /// The district settlement and how targets are set, where the city has
    /// one (Chongqing).
    pub settlement: Option<(SettlementRules, Targets)>,
    /// The average wage the first year's caps and bases use.
    pub avg_wage: Money,
    pub data: &'static Data,
    pub base: Population,
    /// How many people each simulated member stands for (`--sample`).
    pub weight: u32,
    /// Claims by (member id, year) from `projection.claim_schedule`: when
    /// present, the members' only claims (none are drawn).
    pub schedule: Option<std::collections::BTreeMap<(u32, i32), Vec<Claim>>>,
}

pub(crate) fn rate(x: f64) -> Rate {
    Rate((x * 1e6).round() as i64)
}

fn happens<T: Timing>(shock: &Option<T>, year: i32, u: f64) -> bool {
    shock.as_ref().is_some_and(|s| s.years().contains(&year) || u < s.probability())
}

/// One year's economy on a path: the draws of the path's macro stream, a
/// fixed number each year, so both funds of a city (and every scenario on
/// one seed) see the same economy.
pub(crate) struct YearEconomy {
    pub wage_growth: f64,
    pub inflation: f64,
    pub interest: f64,
    pub epidemic: bool,
    pub epi_util: f64,
    pub epi_cost: f64,
    pub shortfall: bool,
    /// The retirement wave's share (0 in a year without one).
    pub wave: f64,
}

impl YearEconomy {
    pub(crate) fn draw(macro_rng: &mut crate::rng::Rng, e: &Economy, year: i32) -> YearEconomy {
        let z_wage: f64 = macro_rng.sample(StandardNormal);
        let z_infl: f64 = macro_rng.sample(StandardNormal);
        let z_int: f64 = macro_rng.sample(StandardNormal);
        let u_epi: f64 = macro_rng.random();
        let u_freeze: f64 = macro_rng.random();
        let u_short: f64 = macro_rng.random();
        let u_wave: f64 = macro_rng.random();
        let sh = &e.shocks;
        let epidemic = happens(&sh.epidemic, year, u_epi);
        let freeze = happens(&sh.wage_freeze, year, u_freeze);
        let shortfall = happens(&sh.collection_shortfall, year, u_short);
        let wave = if happens(&sh.retirement_wave, year, u_wave) {
            sh.retirement_wave.as_ref().map_or(0.0, |w| w.share)
        } else {
            0.0
        };
        let (epi_util, epi_cost) = match (&sh.epidemic, epidemic) {
            (Some(ep), true) => (ep.utilisation, ep.cost),
            _ => (1.0, 1.0),
        };
        YearEconomy {
            wage_growth: if freeze { 0.0 } else { e.wage_growth.mean + e.wage_growth.sd * z_wage },
            inflation: e.medical_inflation.mean + e.medical_inflation.sd * z_infl,
            interest: (e.interest.mean + e.interest.sd * z_int).max(0.0),
            epidemic,
            epi_util,
            epi_cost,
            shortfall,
            wave,
        }
    }
}

/// A path's economy year by year: its macro stream's draws, medical prices
/// and utilisation against the claim tables' base year, and the average
/// wage. The employee and resident funds of a path step through the same
/// one, so they live in the same economy.
pub(crate) struct PathEconomy<'a> {
    rng: crate::rng::Rng,
    e: &'a Economy,
    base_year: i32,
    cost_index: f64,
    util_base: f64,
    /// The average wage of the current year.
    pub avg_wage: Money,
}

impl<'a> PathEconomy<'a> {
    /// Prices and utilisation go from the claim tables' base year to the
    /// first year at their expected growth; stochastic from then on.
    pub(crate) fn new(
        seed: u64,
        path: u32,
        e: &'a Economy,
        base_year: i32,
        first: i32,
        avg_wage: Money,
    ) -> PathEconomy<'a> {
        PathEconomy {
            rng: stream(seed, path, 0, Purpose::Macro),
            e,
            base_year,
            cost_index: (1.0 + e.medical_inflation.mean).powi(first - base_year),
            util_base: 1.0 + e.utilisation_trend,
            avg_wage,
        }
    }

    /// The year's draws, with its cost index and utilisation (an epidemic's
    /// multipliers included).
    pub(crate) fn year(&mut self, year: i32) -> (YearEconomy, f64, f64) {
        let ye = YearEconomy::draw(&mut self.rng, self.e, year);
        let utilisation = self.util_base.powi(year - self.base_year) * ye.epi_util;
        let cost = self.cost_index * ye.epi_cost;
        (ye, cost, utilisation)
    }

    /// On to next year's wages and prices.
    pub(crate) fn advance(&mut self, ye: &YearEconomy) {
        self.avg_wage = self.avg_wage.mul_rate(rate(1.0 + ye.wage_growth));
        self.cost_index *= 1.0 + ye.inflation;
    }
}

/// Split an amount over districts by their shares, the remainder to the
/// last.
pub(crate) fn split(total: Money, shares: impl Iterator<Item = f64>) -> Vec<Money> {
    let mut out: Vec<Money> = shares.map(|share| Money((total.0 as f64 * share).floor() as i64)).collect();
    let rest = total - out.iter().copied().sum::<Money>();
    if let Some(last) = out.last_mut() {
        *last += rest;
    }
    out
}

/// Simulate one path: its ledger rows (by year, then district) and its
/// calibration figures by year.
pub fn simulate_path(s: &Setup, path: u32) -> Result<(Vec<LedgerRow>, Vec<CalibrationStats>), String> {
    simulate_path_into(s, path, None)
}

/// [`simulate_path`], also writing into `claims` (when given) every
/// member-year with at least one claim, as an input line of `medfund
/// adjudicate` with the id `employee/p<path>/d<district>/m<person id>`, by
/// year, then in the population's order: exactly the member-years the
/// ledger's benefits were settled from (`medfund simulate --claims-out`).
/// Without `claims` it costs nothing and the rows are the same.
pub fn simulate_path_into(
    s: &Setup,
    path: u32,
    mut claims: Option<&mut Vec<String>>,
) -> Result<(Vec<LedgerRow>, Vec<CalibrationStats>), String> {
    let nd = s.districts.len();
    let mut pop = s.base.clone();
    let first = s.years[0];
    let e = &s.economy;
    let mut econ = PathEconomy::new(s.seed, path, e, s.claims.base_year, first, s.avg_wage);
    let mut balances = split(s.fund.opening_balance, s.districts.iter().map(|d| d.share));
    // The top-up fund's part of each district's balance, where it is kept
    // apart (003 第四十三条).
    let mut top_up_balances = split(s.fund.top_up_opening.unwrap_or(Money::ZERO), s.districts.iter().map(|d| d.share));
    let mut rows = Vec::with_capacity(s.years.len() * nd);
    let mut stats = Vec::with_capacity(s.years.len());
    let mut my = MemberYear { year: first, context: Context::default(), member: Member::default(), claims: Vec::new() };
    let mut outcomes: Vec<ClaimOutcome> = Vec::new();
    // District settlement state: last year's actuals and the retained surpluses.
    let mut last_actuals: Option<Vec<(Money, Money)>> = None;
    // The districts' earmarks open from what they brought into the pooled
    // fund and retained since (002 二（一）6–7, 二（四）2): a share of each
    // district's part of the opening balance (an assumption of the scenario).
    let mut surplus: Vec<Money> = match &s.settlement {
        Some((_, t)) => balances.iter().map(|b| b.max0().mul_rate(rate(t.earmark_opening))).collect(),
        None => vec![Money::ZERO; nd],
    };

    for (yi, &year) in s.years.iter().enumerate() {
        let rules = &s.rules[yi];
        let (ye, cost, utilisation) = econ.year(year);
        let YearEconomy { interest, epidemic, shortfall, wave, wage_growth, .. } = ye;
        let avg_wage = econ.avg_wage;
        let sh = &e.shocks;
        let ym = YearModel::new(s.data, &s.claims, cost, utilisation);
        let cov = &s.coverage[yi];

        // ---- contributions and claims
        let mut led: Vec<LedgerYear> =
            balances.iter().map(|b| LedgerYear { balance_opening: *b, ..LedgerYear::default() }).collect();
        let mut st = CalibrationStats::default();
        let contrib = rules.contribution.as_ref().map(|c| &c.v);
        let pa = rules.personal_account.as_ref().map(|c| c.v);
        let per_head = contrib.and_then(|c| c.per_head);
        let claims_key = key(s.seed, path, year, Purpose::Claims);
        my.year = year;
        my.context = Context { avg_wage: Some(avg_wage), employer_avg_monthly_wage: None };
        // Contribution bases are declared on wage × declared_wage_factor.
        let monthly_avg = avg_wage.0 as f64 / 12.0;
        let declared_avg = monthly_avg * s.population.declared_wage_factor;
        let w = s.weight;
        let mut moments = vec![crate::ledger::SampleMoments::default(); if w > 1 { nd } else { 0 }];
        let lapse = LapseYear {
            rule: rules.waiting_period.as_ref().map(|w| &w.v),
            key: key(s.seed, path, year, Purpose::Lapses),
            wage_shortfall: e.wage_growth.mean - wage_growth,
        };
        for p in &pop.people {
            let l = &mut led[p.district as usize];
            let before = if w > 1 { l.income() - l.outflow() } else { Money::ZERO };
            // A flexible worker's year may have a break (lapses.rs): the
            // months paid (and paid back), whether its claims are covered.
            let cover = lapses::year(p, &s.population, &lapse);
            count_cover(&cover, &mut st);
            st.members[p.category as usize] += 1;
            let n = i64::from(cover.paid + cover.paid_back);
            if let (Some(c), Some(pa)) = (contrib, &pa) {
                // A retiree's "wage" is the pension level some crediting rules use.
                let scale = if p.category == RETIREE { monthly_avg } else { declared_avg };
                let wage = Money((f64::from(p.wage) * scale).round() as i64);
                let m = c.monthly(p.category(), p.account(), p.employer(), wage, avg_wage, pa);
                match p.category {
                    EMPLOYEE => {
                        l.employer += Money(m.employer.0 * n);
                        l.employee += Money(m.employee.0 * n);
                        l.contribution_base += Money(m.base.0 * n);
                    }
                    FLEXIBLE => {
                        l.flexible_contributions += Money(m.employee.0 * n);
                        l.contribution_base += Money(m.base.0 * n);
                    }
                    _ => l.retiree_accounts += Money(m.retiree_crediting.0 * n),
                }
                l.to_personal_accounts += Money(m.to_account.0 * n);
            }
            if let Some(f) = per_head
                && n > 0
            {
                l.per_head_fees += match p.category {
                    EMPLOYEE => f.employer + f.employee,
                    FLEXIBLE => f.flexible,
                    _ => f.retiree,
                };
            }
            let k = match &s.schedule {
                _ if !cover.claims => {
                    my.claims.clear();
                    0
                }
                None => draw(p, &ym, cov, claims_key, &mut my),
                Some(schedule) => scheduled(p, schedule, year, &mut my),
            };
            if let Some(months) = cover.months_at_claims {
                my.member.months_contributed = months;
            }
            if my.claims.is_empty() {
                if w > 1 {
                    moments[p.district as usize].add(l.income() - l.outflow() - before);
                }
                continue;
            }
            adjudicate_into(rules, &my, false, &mut outcomes).map_err(|e| match s.schedule {
                None => format!("path {path}, year {year}: a drawn claim was refused: {e}"),
                Some(_) => format!(
                    "year {year}: a claim of roster member {} in projection.claim_schedule was refused: {e}",
                    p.id
                ),
            })?;
            if let Some(out) = claims.as_deref_mut() {
                out.push(format_member_year(&format!("employee/p{path}/d{}/m{}", p.district, p.id), &my));
            }
            let retired = usize::from(p.category == RETIREE);
            st.admissions[retired] += u64::from(k);
            l.admissions += u64::from(k);
            l.claims += my.claims.len() as u64;
            for (c, o) in my.claims.iter().zip(&outcomes) {
                let pay = o.payment;
                l.record(c, &pay);
                l.record_scope(&o.scope);
                st.bills[retired] += c.bill().as_yuan_f64();
                match c {
                    // Admissions proper: an emergency death, a high-value
                    // drug or a newborn on inpatient terms is not one.
                    Claim::Inpatient(x) if x.terms == medfund_rules::member_year::Terms::Admission => {
                        st.admission_bills += x.total.as_yuan_f64();
                        st.inpatient_in_scope += (x.total - x.out_of_scope).as_yuan_f64();
                        st.inpatient_fund += pay.fund.as_yuan_f64();
                        // Only `medfund calibrate`'s first year reads them:
                        // later years do not pay for the rules' second pass.
                        if yi == 0 {
                            family_stats(rules, x, &mut st);
                        }
                    }
                    Claim::Childbirth(b) => {
                        st.births += 1;
                        st.caesareans += u64::from(b.delivery == medfund_rules::member_year::Delivery::Caesarean);
                    }
                    Claim::SpecialOutpatient(_) => {
                        st.top_up[1] += pay.catastrophic.as_yuan_f64();
                        if s.schedule.is_none()
                            && let Some(g) = special_group(p, &ym, claims_key)
                        {
                            st.special_by_group[g.min(7)] += pay.fund.as_yuan_f64();
                        }
                    }
                    _ => {}
                }
                if matches!(c, Claim::Inpatient(_)) {
                    st.top_up[0] += pay.catastrophic.as_yuan_f64();
                }
                let mut mask = kind_mask(c);
                while mask != 0 {
                    let i = mask.trailing_zeros() as usize;
                    st.kinds[i].0 += 1;
                    st.kinds[i].1 += (pay.fund + pay.catastrophic).as_yuan_f64();
                    mask &= mask - 1;
                }
            }
            if w > 1 {
                moments[p.district as usize].add(l.income() - l.outflow() - before);
            }
        }
        // A sample's members each stand for `w` people.
        for l in &mut led {
            l.scale_members(w);
        }
        let collected = s.population.collection_rate;
        if collected != 1.0 {
            let kept = rate(collected);
            for l in &mut led {
                l.employer = l.employer.mul_rate(kept);
                l.employee = l.employee.mul_rate(kept);
                l.flexible_contributions = l.flexible_contributions.mul_rate(kept);
            }
        }
        if shortfall && let Some(cs) = &sh.collection_shortfall {
            let kept = rate(1.0 - cs.share);
            for l in &mut led {
                l.employer = l.employer.mul_rate(kept);
                l.employee = l.employee.mul_rate(kept);
                l.flexible_contributions = l.flexible_contributions.mul_rate(kept);
            }
        }

        // ---- year-end transitions, with lump sums for missing months
        let t = pop.transition(
            &s.population,
            &s.districts,
            s.data,
            &s.retirement[yi],
            rules.minimum_years.as_ref().map(|m| &m.v),
            wave,
            &lapse,
            key(s.seed, path, year, Purpose::Transitions),
        );
        st.retirements = t.retirements.iter().map(|&x| u64::from(x)).sum();
        st.short_retirements = t.short.len() as u64;
        if let Some(m) = &rules.minimum_years {
            st.short_local =
                t.short.iter().filter(|(p, n)| *n > m.v.months(p.sex()).saturating_sub(p.months.into())).count() as u64;
        }
        if let (Some(c), Some(ls)) = (contrib, rules.lump_sum.as_ref()) {
            for (p, missing) in &t.short {
                let wage = Money((f64::from(p.wage) * declared_avg).round() as i64);
                let (base, r) = if p.category == FLEXIBLE {
                    let b = c.flexible_monthly_base(avg_wage);
                    (b, c.flexible.get(p.account()))
                } else {
                    (c.base(wage, avg_wage), c.employer.get(p.account()).get(p.employer()) + c.employee)
                };
                let amount = ls.v.amount(*missing, 0, base, r);
                led[p.district as usize].lump_sums += Money(amount.0 * i64::from(w));
                // The lump sum is part of the member's net flow: its
                // sampling error too.
                if w > 1 {
                    moments[p.district as usize].add_to_one(amount);
                }
            }
        }
        if w > 1 {
            for (d, l) in led.iter_mut().enumerate() {
                l.net_flow_var = moments[d].total_variance(w);
            }
        }
        if let Some((rules_s, targets)) = &s.settlement {
            settle_districts(
                &mut led,
                rules_s,
                targets,
                &s.districts,
                &mut last_actuals,
                &mut surplus,
                s.seed,
                path,
                year,
            );
        }
        let counts = pop.counts(nd);
        let interest_by_district = city_interest(&led, rate(interest));
        for (d, l) in led.iter_mut().enumerate() {
            l.deaths = t.deaths[d] * w;
            l.retirements = t.retirements[d] * w;
            l.entrants = t.entrants[d] * w;
            l.exits = t.exits[d] * w;
            l.employees = counts[d][0] * w;
            l.flexible = counts[d][1] * w;
            l.retirees = counts[d][2] * w;
            l.interest = interest_by_district[d];
            if let Some(tf) = &rules.top_up_fund {
                top_up_fund_year(l, &tf.v, top_up_balances[d], rate(interest));
                top_up_balances[d] = l.top_up_fund_closing;
            }
            l.balance_closing = l.balance_opening + l.income() - l.outflow();
            let covered = match s.backstop {
                Backstop::None => false,
                Backstop::ShockYears => epidemic,
                Backstop::Always => true,
            };
            if covered && l.balance_closing < Money::ZERO {
                l.fiscal_subsidy = -l.balance_closing;
                l.balance_closing = Money::ZERO;
            }
            l.check().map_err(|m| format!("path {path}, year {year}, district {d}: {m}"))?;
        }
        st.deaths = t.deaths.iter().map(|&x| u64::from(x)).sum();
        balances = led.iter().map(|l| l.balance_closing).collect();
        for (d, l) in led.into_iter().enumerate() {
            rows.push(LedgerRow { path, year, district: d as u16, ledger: l });
        }
        stats.push(st);

        econ.advance(&ye);
    }
    Ok((rows, stats))
}

/// The year's interest on the pooled fund, by district row: the fund is
/// one account of the city (Chongqing 002 二（一）6 全市统一管理、核算), so
/// interest is earned on the city-wide opening balance when it is positive
/// and shared among the districts in proportion to their positive opening
/// balances (a district row in the red earns none and is charged none).
/// With one district this is its own positive balance at the rate.
fn city_interest(led: &[LedgerYear], r: Rate) -> Vec<Money> {
    let city: Money = led.iter().map(|l| l.balance_opening).sum();
    let weights: Vec<Money> = led.iter().map(|l| l.balance_opening.max0()).collect();
    medfund_rules::rules::resident_financing::prorate(city.max0().mul_rate(r), &weights)
}

/// The top-up fund's year within a district's row (003 第四十三条): it opens
/// at `opening`, earns its part of the interest (its own positive balance
/// at the year's rate, never more than the row's interest), takes the
/// per-head fees and pays the top-up, and receives the rule's share of the
/// pooled fund's current-year surplus, the row's income less outflow with
/// the top-up fund's own flows left out (before any backstop). A transfer
/// within the row: the row's balance does not change by it.
fn top_up_fund_year(l: &mut LedgerYear, tf: &medfund_rules::rules::top_up::TopUpFund, opening: Money, r: Rate) {
    l.top_up_fund_opening = opening;
    l.top_up_fund_interest =
        if l.interest > Money::ZERO { opening.max0().mul_rate(r).min(l.interest) } else { Money::ZERO };
    let own = l.per_head_fees + l.top_up_fund_interest - l.top_up;
    let pooled_surplus = l.income() - l.outflow() - own;
    l.top_up_fund_transfer = tf.transfer(pooled_surplus);
    l.top_up_fund_closing = opening + own + l.top_up_fund_transfer;
}

/// A member's year of claims from the claim schedule (`my`'s member filled
/// from `p`, its claims those scheduled for `p` in `year`, in order).
/// Returns the number of admissions.
fn scheduled(
    p: &crate::population::Person,
    schedule: &std::collections::BTreeMap<(u32, i32), Vec<Claim>>,
    year: i32,
    my: &mut MemberYear,
) -> u32 {
    p.fill_member(&mut my.member);
    my.claims.clear();
    if let Some(c) = schedule.get(&(p.id, year)) {
        my.claims.extend(c.iter().cloned());
    }
    my.claims.iter().filter(|c| matches!(c, Claim::Inpatient(_))).count() as u32
}

/// The year's district settlement (002 二（四）2, 二（五）), with the same
/// code as `medfund settle`: targets from last year's actuals (the first
/// year's are its own actuals), assessment passed with the scenario's
/// chance from the district's own stream; the district governments'
/// payments are income to the fund; retained amounts and the surplus are
/// earmarks within the balance.
#[allow(clippy::too_many_arguments)]
fn settle_districts(
    led: &mut [LedgerYear],
    rules: &SettlementRules,
    targets: &Targets,
    districts: &[District],
    last: &mut Option<Vec<(Money, Money)>>,
    surplus: &mut [Money],
    seed: u64,
    path: u32,
    year: i32,
) {
    let k = key(seed, path, year, Purpose::Settlement);
    let actuals: Vec<(Money, Money)> =
        led.iter().map(|l| (l.employer + l.employee + l.flexible_contributions, l.outflow())).collect();
    for (d, l) in led.iter_mut().enumerate() {
        let (collection_target, spending_target) = match last {
            Some(prev) => (
                prev[d].0.mul_rate(rate(1.0 + targets.collection_growth)),
                prev[d].1.mul_rate(rate(1.0 + targets.spending_growth)),
            ),
            None => actuals[d],
        };
        let passed = PersonRng::new(k, d as u32).random::<f64>() < targets.assessment_pass_rate;
        let r = settle_district(
            rules,
            &DistrictYear {
                name: districts[d].name.clone(),
                class: districts[d].class,
                collection_target,
                collection_actual: actuals[d].0,
                spending_target,
                spending_actual: actuals[d].1,
                surplus_opening: surplus[d],
                assessment_passed: passed,
            },
        );
        l.collection_target = collection_target;
        l.spending_target = spending_target;
        l.collection_retained = r.collection_retained;
        l.savings_retained = r.savings_retained;
        l.overspend_city = r.overspend_city;
        l.shortfall_from_surplus = r.shortfall_from_surplus;
        l.overspend_from_surplus = r.overspend_from_surplus;
        l.district_government = r.shortfall_from_government + r.overspend_from_government;
        l.district_surplus = r.surplus_closing;
        surplus[d] = r.surplus_closing;
    }
    *last = Some(actuals);
}
