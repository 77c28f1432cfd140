//! `medfund calibrate`: the simulated first year beside the published
//! figures of shared/calibration.md.

use medfund_rules::money::Money;
use medfund_sim::Scenario;
use medfund_sim::montecarlo::{RunOptions, run_paths, setup};

/// One figure, simulated and published.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub figure: &'static str,
    pub simulated: String,
    pub published: &'static str,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The years the contribution-history figures follow: lapses and returns
/// build up from the first year (every flexible worker pays at the start).
pub const HISTORY_YEARS: u32 = 5;

/// Run `paths` paths and compare their first year; the contribution
/// histories' figures (lump sums, breaks, waiting periods) also over the
/// next years of the same paths (a path's first year is the same however
/// many follow).
pub fn calibrate(sc: &Scenario, seed: u64, paths: u32) -> Result<Vec<Row>, String> {
    let o = RunOptions { years: HISTORY_YEARS, paths, seed, overrides: vec![] };
    let s = setup(sc, &o)?;
    let results = run_paths(&s, 0..paths, &|| {})?;
    let history = history_rows(&s, &results);
    let mut st = medfund_sim::montecarlo::CalibrationStats::default();
    let (mut income, mut outflow, mut closing) = (Money::ZERO, Money::ZERO, Money::ZERO);
    for (rows, stats) in &results {
        let x = &stats[0];
        for i in 0..3 {
            st.members[i] += x.members[i];
        }
        st.admissions[0] += x.admissions[0];
        st.admissions[1] += x.admissions[1];
        st.admission_bills += x.admission_bills;
        st.inpatient_in_scope += x.inpatient_in_scope;
        st.inpatient_fund += x.inpatient_fund;
        for i in 0..3 {
            st.self_pay_first[i] += x.self_pay_first[i];
        }
        st.bed_excess += x.bed_excess;
        st.material_excess += x.material_excess;
        st.bed_days += x.bed_days;
        st.beds += x.beds;
        st.transfers += x.transfers;
        st.bills[0] += x.bills[0];
        st.bills[1] += x.bills[1];
        st.births += x.births;
        st.caesareans += x.caesareans;
        st.deaths += x.deaths;
        for g in 0..st.special_by_group.len() {
            st.special_by_group[g] += x.special_by_group[g];
        }
        st.top_up[0] += x.top_up[0];
        st.top_up[1] += x.top_up[1];
        for k in 0..st.kinds.len() {
            st.kinds[k].0 += x.kinds[k].0;
            st.kinds[k].1 += x.kinds[k].1;
        }
        for r in rows.iter().filter(|r| r.year == s.years[0]) {
            income += r.ledger.income();
            outflow += r.ledger.outflow();
            closing += r.ledger.balance_closing;
        }
    }
    let members = st.members.iter().sum::<u64>() as f64;
    let admissions = (st.admissions[0] + st.admissions[1]) as f64;
    let e = &s.economy;
    let to_base = (1.0 + e.medical_inflation.mean).powi(s.years[0] - s.claims.base_year);
    let in_service = (st.members[0] + st.members[1]) as f64;
    let mut out = vec![
        Row {
            figure: "inpatient rate (admissions per member)",
            simulated: pct(admissions / members),
            published: "17.7% (2021), 17.6% (2022), 21.86% (2023, unsure)",
        },
        Row {
            figure: "  of retirees / of in-service members",
            simulated: format!(
                "{} / {}",
                pct(st.admissions[1] as f64 / st.members[2].max(1) as f64),
                pct(st.admissions[0] as f64 / in_service.max(1.0))
            ),
            published: "older adults 24.9% (2018 survey, general population)",
        },
        Row {
            figure: "cost per admission at 2023 prices",
            simulated: format!("{:.0}", st.admission_bills / admissions / to_base),
            published: "12,175 nationally (2023, unsure); the cities' defaults are scaled by their wage (data/accounts/)",
        },
        Row {
            figure: "in-scope inpatient fund payment ratio",
            simulated: pct(st.inpatient_fund / st.inpatient_in_scope),
            published: "84.2% (2022), 84.6% (2023)",
        },
        Row {
            figure: "self-pay-first, share of in-scope inpatient cost",
            simulated: format!(
                "{} (class B {}, items {}, materials {})",
                pct(st.self_pay_first.iter().sum::<f64>() / st.inpatient_in_scope),
                pct(st.self_pay_first[0] / st.inpatient_in_scope),
                pct(st.self_pay_first[1] / st.inpatient_in_scope),
                pct(st.self_pay_first[2] / st.inpatient_in_scope)
            ),
            published: "none; the lines' shares are assumptions (data/admission_lines.csv)",
        },
        Row {
            figure: "bed fees above the standard, material prices above the ceiling (share of inpatient cost)",
            simulated: format!(
                "{} / {}",
                pct(st.bed_excess / st.admission_bills),
                pct(st.material_excess / st.admission_bills)
            ),
            published: "none (data/admission_levels.csv: bed fees and implants assumed)",
        },
        Row {
            figure: "average stay (days); referrals within 24 h per admission",
            simulated: format!(
                "{:.1}; {}",
                st.bed_days as f64 / st.beds.max(1) as f64,
                pct(st.transfers as f64 / admissions.max(1.0))
            ),
            published: "9.8 days (2023); referrals: none",
        },
        Row {
            figure: "retirees' share of medical costs",
            simulated: pct(st.bills[1] / (st.bills[0] + st.bills[1])),
            published: "49.8% (2024; 55.9% from the same bulletin's amounts)",
        },
        Row {
            figure: "in-service : retired",
            simulated: format!("{:.2}", in_service / st.members[2].max(1) as f64),
            published: "2.63 (2024), 3.0 (2012)",
        },
        Row {
            figure: "flexible workers' share of members",
            simulated: pct(st.members[1] as f64 / members),
            published: "14.6% (2022), 17.4% (2024)",
        },
        Row {
            figure: "caesarean share of births",
            simulated: pct(st.caesareans as f64 / st.births.max(1) as f64),
            published: "34.9% (2014), rising about 1.8% a year",
        },
        Row {
            figure: "deaths per 1,000 members",
            simulated: format!("{:.1}", 1000.0 * st.deaths as f64 / members),
            published: "Dingxi population 8.9–9.2 (2021–2022; all ages)",
        },
        Row {
            figure: "pooled income ÷ pooled outflow",
            simulated: format!("{:.2}", income.as_yuan_f64() / outflow.as_yuan_f64()),
            published: "pooled fund alone 1.42 nationally (2023); 1.24 (2024, personal accounts included)",
        },
        Row {
            figure: "months of payment at the first year's end",
            simulated: format!("{:.1}", closing.as_yuan_f64() / (outflow.as_yuan_f64() / 12.0)),
            published: "guidance 6–9; national pooled fund about 19 (2024)",
        },
    ];
    out.extend(family_rows(&st, members));
    out.extend(history);
    Ok(out)
}

/// What the rule families beyond admissions take, per member: special and
/// chronic outpatient care by disease group, the large-expense top-up, and
/// each claim kind the texts settle apart (`data/claim_kinds.csv`).
fn family_rows(st: &medfund_sim::montecarlo::CalibrationStats, members: f64) -> Vec<Row> {
    let per_member = |x: f64| format!("{:.2}", x / members.max(1.0));
    let bands = &medfund_sim::inputs::severity::Severity::builtin().bands;
    let special: f64 = st.special_by_group.iter().sum();
    let groups: Vec<String> = bands
        .iter()
        .enumerate()
        .map(|(i, b)| format!("{} {}", b.group, pct(st.special_by_group[i.min(7)] / special.max(1e-9))))
        .collect();
    let mut rows = vec![
        Row {
            figure: "special/chronic outpatient fund spending per member, by disease group",
            simulated: format!("{} ({})", per_member(special), groups.join(", ")),
            published: "none (data/special_severity.csv: groups and costs assumed)",
        },
        Row {
            figure: "large-expense top-up per member (inpatient / special and chronic outpatient)",
            simulated: format!("{} / {}", per_member(st.top_up[0]), per_member(st.top_up[1])),
            published: "none in the texts; 000 第二十七条, 003 第四十五条",
        },
    ];
    for (i, name) in medfund_sim::claims::KIND_NAMES.iter().enumerate() {
        let (n, paid) = st.kinds[i];
        rows.push(Row {
            figure: name,
            simulated: format!("{n} claims, fund and top-up {} per member", per_member(paid)),
            published: "none (data/claim_kinds.csv: assumptions)",
        });
    }
    rows
}

/// The contribution histories' figures: the first year and the years after
/// it (years 2–5) of every path.
fn history_rows(
    s: &medfund_sim::montecarlo::path::Setup,
    results: &[(Vec<medfund_sim::ledger::LedgerRow>, Vec<medfund_sim::montecarlo::CalibrationStats>)],
) -> Vec<Row> {
    let first = s.years[0];
    let w = f64::from(s.weight);
    let later_years = (results.len() * (s.years.len() - 1)).max(1) as f64;
    let (mut ret, mut short, mut local) = ([0u64; 2], [0u64; 2], [0u64; 2]);
    let mut lump = [0.0f64; 2];
    let (mut flexible, mut lapsed, mut stops, mut returns, mut back) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut waiting, mut waiting_months) = ([0u64; 2], [0u64; 2]);
    for (rows, stats) in results {
        for r in rows {
            lump[usize::from(r.year != first)] += r.ledger.lump_sums.as_yuan_f64();
        }
        for (i, x) in stats.iter().enumerate() {
            let later = usize::from(i > 0);
            ret[later] += x.retirements;
            short[later] += x.short_retirements;
            local[later] += x.short_local;
            waiting[later] += x.waiting;
            waiting_months[later] += x.waiting_months;
            if i > 0 {
                flexible += x.members[1];
                lapsed += x.lapsed;
                stops += x.stops;
                returns += x.returns;
                back += x.back_pays;
            }
        }
    }
    let paths = results.len().max(1) as f64;
    let share = |a: u64, b: u64| pct(a as f64 / b.max(1) as f64);
    vec![
        Row {
            figure: "retirees paying a lump sum (short of local years): year 1; years 2–5",
            simulated: format!(
                "{} ({}); {} ({})",
                share(short[0], ret[0]),
                share(local[0], short[0]),
                share(short[1], ret[1]),
                share(local[1], short[1])
            ),
            published: "none (histories: projection.population contribution_density_spread, moved_in_share, from_resident_share, lapse_rate; assumptions)",
        },
        Row {
            figure: "lump sums a year (万元): year 1; years 2–5",
            simulated: format!("{:.1}; {:.1}", lump[0] / paths / 1e4, lump[1] / later_years / 1e4),
            published: "none",
        },
        Row {
            figure: "years 2–5: flexible in a break; stopping a year; returners paying back",
            simulated: format!("{}; {}; {}", share(lapsed, flexible), share(stops, flexible), share(back, returns)),
            published: "none (lapse_rate, return_rate, back_pay_share: assumptions)",
        },
        Row {
            figure: "returners waiting a year, months lost: year 1; years 2–5",
            simulated: format!(
                "{:.0}, {:.0}; {:.0}, {:.0}",
                waiting[0] as f64 * w / paths,
                waiting_months[0] as f64 * w / paths,
                waiting[1] as f64 * w / later_years,
                waiting_months[1] as f64 * w / later_years
            ),
            published: "none (the texts' waiting periods: 000 第十三条, 001 第十二条, 003 第二十条)",
        },
    ]
}
