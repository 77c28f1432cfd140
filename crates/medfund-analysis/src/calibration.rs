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

/// Run `paths` paths of one year and compare.
pub fn calibrate(sc: &Scenario, seed: u64, paths: u32) -> Result<Vec<Row>, String> {
    let o = RunOptions { years: 1, paths, seed, overrides: vec![] };
    let s = setup(sc, &o)?;
    let results = run_paths(&s, 0..paths, &|| {})?;
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
        for r in rows {
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
    let mut rows = vec![
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
    rows.extend(family_rows(&st, members));
    Ok(rows)
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
