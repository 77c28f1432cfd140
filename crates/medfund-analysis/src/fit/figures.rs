//! The accounts figures of a simulated run, per path and as estimates
//! over paths (what a fit and a backtest read).

use std::collections::BTreeMap;

use medfund_sim::Scenario;
use medfund_sim::montecarlo::{PathResult, RunOptions, Setup, run_paths, setup};

use super::Estimate;
use crate::accounts::FIGURES;

/// The accounts figures of year `yi` (0: the first) of a simulated run,
/// one map per path. The average wage is known for the first year only
/// (later years' come from each path's wage growth and are not kept).
pub fn figures_by_path(s: &Setup, results: &[PathResult], yi: usize) -> Vec<BTreeMap<&'static str, f64>> {
    let year = s.years[yi];
    results
        .iter()
        .map(|(rows, stats)| {
            let mut m: BTreeMap<&'static str, f64> = BTreeMap::new();
            let mut add = |k: &'static str, v: f64| *m.entry(k).or_default() += v;
            for r in rows.iter().filter(|r| r.year == year) {
                let l = &r.ledger;
                let y = |x: medfund_rules::money::Money| x.as_yuan_f64();
                add("insured_in_service", f64::from(l.employees));
                add("insured_flexible", f64::from(l.flexible));
                add("insured_working", f64::from(l.employees) + f64::from(l.flexible));
                add("insured_retirees", f64::from(l.retirees));
                add("insured_total", f64::from(l.employees) + f64::from(l.flexible) + f64::from(l.retirees));
                // As the bulletins count them: what is credited to retirees'
                // personal accounts out of the pool is netted out of both.
                add("pooled_income", y(l.income() - l.retiree_accounts));
                add("pooled_spending", y(l.outflow() - l.retiree_accounts));
                add("spending_inpatient", y(l.inpatient));
                add("spending_outpatient", y(l.outpatient));
                add("spending_special_outpatient", y(l.special_outpatient));
                add("spending_single_payment_drugs", y(l.single_payment_drugs));
                add("spending_maternity_medical", y(l.maternity_medical));
                add("spending_maternity_allowance", y(l.maternity_allowance));
                add("spending_family_planning", y(l.family_planning));
                add("spending_top_up", y(l.top_up));
                add("spending_retiree_accounts", y(l.retiree_accounts));
                add("admissions", l.admissions as f64);
                add("opening_balance", y(l.balance_opening));
                add("closing_balance", y(l.balance_closing));
                add("contribution_base", y(l.contribution_base));
            }
            let st = &stats[yi];
            let admitted = (st.admissions[0] + st.admissions[1]) as f64;
            m.insert("cost_per_admission", if admitted > 0.0 { st.admission_bills / admitted } else { 0.0 });
            let in_scope = st.inpatient_in_scope;
            m.insert("in_scope_ratio", if in_scope > 0.0 { st.inpatient_fund / in_scope } else { 0.0 });
            // Bases are summed over the year by every member contributing
            // at its start, each standing for `weight` people.
            let contributors = (st.members[0] + st.members[1]) as f64 * f64::from(s.weight);
            let base = m.remove("contribution_base").unwrap_or(0.0);
            m.insert("avg_contribution_base", if contributors > 0.0 { base / contributors / 12.0 } else { 0.0 });
            if yi == 0 {
                m.insert("avg_wage", s.avg_wage.as_yuan_f64());
            }
            m
        })
        .collect()
}

/// The accounts figures of a simulated run's first year, by name: mean
/// over paths and its standard error.
pub fn base_year_figures(s: &Setup, results: &[PathResult]) -> BTreeMap<&'static str, Estimate> {
    let per_path = figures_by_path(s, results, 0);
    let n = per_path.len() as f64;
    let mut out = BTreeMap::new();
    for f in FIGURES {
        let xs: Vec<f64> = per_path.iter().map(|m| m.get(f.name).copied().unwrap_or(0.0)).collect();
        let mean = xs.iter().sum::<f64>() / n;
        let var = if n > 1.0 { xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0) } else { 0.0 };
        out.insert(f.name, Estimate { mean, se: (var / n).sqrt() });
    }
    out
}

/// The base year of `sc` simulated with `sets` on top of it.
pub fn simulate_base_year(
    sc: &Scenario,
    sets: &[String],
    seed: u64,
    paths: u32,
) -> Result<BTreeMap<&'static str, Estimate>, String> {
    let sc = sc.with_overrides(sets).map_err(|e| e.to_string())?;
    let s = setup(&sc, &RunOptions { years: 1, paths, seed, overrides: vec![] })?;
    let results = run_paths(&s, 0..paths, &|| {})?;
    Ok(base_year_figures(&s, &results))
}
