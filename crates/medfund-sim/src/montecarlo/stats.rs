//! The figures `medfund calibrate` reads from a path, year by year
//! ([`CalibrationStats`]), and how a year's admissions and contribution
//! histories add to them.

use crate::population::lapses::{self, Event};
use medfund_rules::money::Money;

/// Figures for `medfund calibrate`, per year of a path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalibrationStats {
    /// Members by category at the start of the year.
    pub members: [u64; 3],
    /// Admissions of in-service members and of retirees.
    pub admissions: [u64; 2],
    pub admission_bills: f64,
    /// Inpatient costs within the catalogues (total − out of scope), and
    /// what the pooled fund paid of them.
    pub inpatient_in_scope: f64,
    pub inpatient_fund: f64,
    /// Self-pay-first of admissions on class-B drugs, on items paid in part
    /// and on materials (the rules' own tiers applied to the drawn lines).
    /// This and the four fields below are counted in a run's first year
    /// only (zero later), the year `medfund calibrate` shows.
    pub self_pay_first: [f64; 3],
    /// Bed fees above the level's standard, and material prices above the
    /// ceiling: out of scope by the rules.
    pub bed_excess: f64,
    pub material_excess: f64,
    /// Bed days and admissions with a bed; referrals within 24 hours.
    pub bed_days: u64,
    pub beds: u64,
    pub transfers: u64,
    /// Bills of all claims of in-service members and of retirees.
    pub bills: [f64; 2],
    pub births: u64,
    pub caesareans: u64,
    pub deaths: u64,
    /// Flexible workers' breaks (population/lapses.rs), every year: those
    /// lapsed the whole year (counted in `members` too), those stopping in
    /// it, those returning, and those of them paying the break back (补缴).
    pub lapsed: u64,
    pub stops: u64,
    pub returns: u64,
    pub back_pays: u64,
    /// Members with months in a waiting period this year, and those months.
    pub waiting: u64,
    pub waiting_months: u64,
    /// Retirements at the year-end, and those short of the minimum years
    /// who pay the lump sum.
    pub retirements: u64,
    pub short_retirements: u64,
    /// Of those, the ones short of the local minimum rather than the total
    /// (000 第九条（七）1(2), 001 第二十四条).
    pub short_local: u64,
    /// Special / chronic outpatient fund payments by severity group
    /// (`data/special_severity.csv`'s bands, at most 8), every year.
    pub special_by_group: [f64; 8],
    /// Large-expense top-up paid on inpatient-type claims and on chronic
    /// outpatient care, every year.
    pub top_up: [f64; 2],
    /// The claim kinds of [`crate::claims::KIND_NAMES`]: how many, and what
    /// the fund and the top-up paid on them, every year.
    pub kinds: [(u64, f64); 10],
}

/// What each rule family of an admission's scope takes of it, for
/// `medfund calibrate`: the rules' own self-pay-first tiers and standards
/// applied to the drawn lines.
pub(super) fn family_stats(
    rules: &medfund_rules::scenario::YearRules,
    x: &medfund_rules::member_year::Inpatient,
    st: &mut CalibrationStats,
) {
    let spf = &rules.self_pay_first.v;
    let share = |c, i: &[Money], m: &[Money]| spf.apply(c, i, m).self_pay_first.round().as_yuan_f64();
    st.self_pay_first[0] += share(x.class_b_drugs, &[], &[]);
    st.self_pay_first[1] += share(Money::ZERO, &x.partial_items, &[]);
    let m = spf.apply(Money::ZERO, &[], &x.materials);
    st.self_pay_first[2] += m.self_pay_first.round().as_yuan_f64();
    st.material_excess += m.extra_out_of_scope.as_yuan_f64();
    if let Some(b) = x.bed {
        st.beds += 1;
        st.bed_days += u64::from(b.days);
        if let Some(bs) = &rules.bed_standard {
            st.bed_excess += bs.v.excess(x.level, &b).as_yuan_f64();
        }
    }
    st.transfers += u64::from(x.transfer.is_some());
}

/// A year's breaks and waiting months in the calibration figures.
pub(super) fn count_cover(c: &lapses::Cover, st: &mut CalibrationStats) {
    match c.event {
        Event::Pays => {}
        Event::Lapsed => st.lapsed += 1,
        Event::Stops { .. } => st.stops += 1,
        Event::Returns { .. } => {
            st.returns += 1;
            st.back_pays += u64::from(c.paid_back > 0);
        }
    }
    st.waiting += u64::from(c.waiting_months > 0);
    st.waiting_months += u64::from(c.waiting_months);
}
