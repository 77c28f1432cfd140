//! Adjudication of a member-year: each claim, in date order, through the
//! rule components of the member's scheme, with the year's accumulators
//! (admissions, annual cap, outpatient deductible and limit, special
//! outpatient limit, single-payment drug limit, top-up burden).
//!
//! This is the one calculator: `medfund adjudicate` and the Monte Carlo
//! engine both call [`adjudicate`]. With `explain`, each claim also carries
//! its ordered steps, each citing the text (or assumption) behind it.
//!
//! Here: the outcome types, the year's accumulators ([`YearState`]) and the
//! annual cap. [`claim`] dispatches one claim by kind; [`admission`] is the
//! inpatient chain (scope, deductible, ratio, cap, top-up); [`maternity`]
//! childbirth, terminations and the allowance.

mod admission;
mod claim;
mod maternity;

use std::sync::Arc;

use crate::member_year::{
    Bed, Category, Childbirth, Claim, ClaimKind, Inpatient, Level, Member, MemberYear, Payment, Place,
    PregnancyTermination, Sex, Terms, Transfer,
};
use crate::money::{Exact, Money, Rate};
use crate::rules::deductible::DeductibleState;
use crate::rules::maternity::{AllowanceRules, MaternityMedical};
use crate::rules::outpatient_pooling::OutpatientState;
use crate::rules::top_up::within_limit;
use crate::scenario::year::{Cited, YearRules};

/// One step of a claim's calculation, for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What was computed (`scope`, `self_pay_first`, `deductible`, `ratio`,
    /// `fund`, `annual_cap`, `top_up`, ...).
    pub step: &'static str,
    /// The amount or ratio, as text (`"26000.00"`, `"85%"`).
    pub value: String,
    /// How it was arrived at.
    pub detail: String,
    /// `<file> 第N条`, or `assumption: …`.
    pub source: Arc<str>,
}

/// A claim's payment, what the member paid before the fund's share, and,
/// with `explain`, its steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimOutcome {
    pub payment: Payment,
    pub scope: ScopeMemo,
    pub steps: Vec<Step>,
}

/// What the scope rules left to the member on a claim (within the
/// member's part of the bill, not an extra payment): the self-pay-first
/// share of class-B drugs, items and materials (先行自付, e.g. Ziyang 000
/// 第十二条（一）), material prices above the ceiling (000 第十二条（一）3)
/// and bed fees above the standard (000 第十二条（二）). Not part of the
/// contract's output; the projection's ledger shows it as memo columns.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeMemo {
    /// Self-pay-first, rounded to the fen.
    pub self_pay_first: Money,
    pub material_excess: Money,
    pub bed_excess: Money,
}

/// A claim the scenario cannot settle: bad input in the sense of the
/// contract (exit status 2).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct AdjudicationError {
    /// The input field at fault (`claims[2].type`, `member.chronic`).
    pub field: String,
    pub message: String,
}

pub(crate) fn bad(field: String, message: impl Into<String>) -> AdjudicationError {
    AdjudicationError { field, message: message.into() }
}

/// The year's accumulators of one member.
#[derive(Clone, Debug, Default)]
pub struct YearState {
    pub deductible: DeductibleState,
    /// Fund payments counted against the annual cap.
    pub cap_used: Money,
    pub outpatient: OutpatientState,
    pub special_paid: Money,
    pub single_drug_paid: Money,
    /// Cumulative Σ(scope − fund) of the inpatient top-up base.
    pub burden: Exact,
    /// The year's inpatient top-up so far, exact, before the yearly limit.
    pub top_up_exact: Exact,
    /// What the inpatient top-up has paid (whole fen, within the limit).
    pub top_up_paid: Money,
    /// Cumulative personal in-scope share within the chronic limit, times
    /// the chronic fund ratio (exact; see [`ChronicTopUp::cumulative`]).
    ///
    /// [`ChronicTopUp::cumulative`]: crate::rules::top_up::ChronicTopUp::cumulative
    pub chronic_x: Exact,
    /// The chronic top-up paid so far.
    pub chronic_paid: Money,
    /// The year's self-pay of single-payment (negotiated) drugs after the
    /// basic fund, and the top-up paid on it so far (003 第四十五条（三）).
    pub drug_self_pay: Exact,
    pub drug_top_up_paid: Money,
}

/// Records steps only when explaining; formatting is lazy.
pub(crate) struct Trace {
    steps: Option<Vec<Step>>,
    /// The claim's scope memo, filled whether or not explaining.
    pub(crate) scope: ScopeMemo,
}

impl Trace {
    #[inline]
    pub(crate) fn add(&mut self, step: &'static str, source: &Arc<str>, f: impl FnOnce() -> (String, String)) {
        if let Some(s) = &mut self.steps {
            let (value, detail) = f();
            s.push(Step { step, value, detail, source: source.clone() });
        }
    }
}

/// How an admission-like claim entered the inpatient rules.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum AdmissionKind<'c> {
    /// A hospital admission.
    Admission,
    /// Inpatient terms without a deductible, not counted as an admission
    /// for the repeat reduction, by the rule cited (a Dingxi emergency
    /// death, 003 第二十五条; a Ziyang high-value drug, 000 第二十条（二）).
    NoDeductible(&'c Arc<str>),
    /// Ziyang class-1 special outpatient: inpatient terms, no deductible.
    Class1Outpatient,
    /// Childbirth or termination settled as an admission (Luzhou 第二十七条).
    Maternity,
}

pub(crate) struct Lines<'a> {
    pub(crate) level: Level,
    pub(crate) place: Place,
    pub(crate) total: Money,
    pub(crate) out_of_scope: Money,
    pub(crate) class_b: Money,
    pub(crate) items: &'a [Money],
    pub(crate) materials: &'a [Money],
    pub(crate) bed: Option<Bed>,
    pub(crate) transfer: Option<Transfer>,
}

/// The adjudicator of one member-year.
pub(crate) struct Adjudicator<'a> {
    pub(crate) r: &'a YearRules,
    pub(crate) m: &'a Member,
    pub(crate) avg_wage: Money,
    pub(crate) employer_wage: Money,
    pub(crate) st: YearState,
    pub(crate) cap: Money,
}

/// Adjudicate one member-year under the rules of its scheme and year.
///
/// Returns one outcome per claim, in order, or the first claim the
/// scenario cannot settle.
pub fn adjudicate(rules: &YearRules, my: &MemberYear, explain: bool) -> Result<Vec<ClaimOutcome>, AdjudicationError> {
    let mut out = Vec::with_capacity(my.claims.len());
    adjudicate_into(rules, my, explain, &mut out)?;
    Ok(out)
}

/// [`adjudicate`] into a reused vector (cleared first): the Monte Carlo
/// engine's hot path allocates nothing per member-year.
pub fn adjudicate_into(
    rules: &YearRules,
    my: &MemberYear,
    explain: bool,
    out: &mut Vec<ClaimOutcome>,
) -> Result<(), AdjudicationError> {
    out.clear();
    if my.member.resident_tier.is_none()
        && (rules.ratio.v.tier2_add != Rate::ZERO || rules.annual_cap.v.tier2_amount.is_some())
    {
        return Err(bad("member.resident_tier".into(), "this resident scheme has tiers: give resident_tier 1 or 2"));
    }
    let avg_wage = my.context.avg_wage.unwrap_or(rules.avg_wage.v);
    // Assumption (README, Interpretations): without the employer's figure the
    // allowance uses the average wage ÷ 12.
    let employer_wage =
        my.context.employer_avg_monthly_wage.unwrap_or_else(|| Money::round_div(i128::from(avg_wage.0), 12));
    let cap = rules.annual_cap.v.amount_for(avg_wage, my.member.resident_tier);
    let mut a = Adjudicator { r: rules, m: &my.member, avg_wage, employer_wage, st: YearState::default(), cap };
    for (i, c) in my.claims.iter().enumerate() {
        let mut t = Trace { steps: explain.then(Vec::new), scope: ScopeMemo::default() };
        let p = a.claim(i, c, &mut t)?;
        out.push(ClaimOutcome { payment: p, scope: t.scope, steps: t.steps.unwrap_or_default() });
    }
    Ok(())
}

/// Sum of claim payments (the contract's `totals`).
pub fn totals(outcomes: &[ClaimOutcome]) -> Payment {
    let mut t = Payment::default();
    for o in outcomes {
        t += o.payment;
    }
    t
}

impl<'a> Adjudicator<'a> {
    pub(super) fn not_covered(&self, i: usize, k: ClaimKind) -> AdjudicationError {
        bad(
            format!("claims[{i}].type"),
            format!(
                "the scenario's {} scheme does not cover `{}` claims (no text for it among the policy documents)",
                self.r.scheme.as_str(),
                k.as_str()
            ),
        )
    }

    pub(super) fn retiree(&self) -> bool {
        self.m.category.is_retiree()
    }

    fn cap_left(&self, k: ClaimKind) -> Option<Money> {
        self.r.annual_cap.v.covers(k).then(|| (self.cap - self.st.cap_used).max0())
    }

    /// Limit a fund payment by the annual cap if it covers `k`, and count it.
    pub(super) fn apply_cap(&mut self, k: ClaimKind, fund: Money, t: &mut Trace) -> Money {
        match self.cap_left(k) {
            Some(left) => {
                let f = fund.min(left);
                if f < fund {
                    let cap = self.cap;
                    t.add("annual_cap", &self.r.annual_cap.cite, || {
                        (f.to_string(), format!("annual cap {cap}: {left} left of it, payment cut from {fund}"))
                    });
                }
                self.st.cap_used += f;
                f
            }
            None => fund,
        }
    }
}
