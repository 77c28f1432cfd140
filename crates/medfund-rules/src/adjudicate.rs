//! Adjudication of a member-year: each claim, in date order, through the
//! rule components of the member's scheme, with the year's accumulators
//! (admissions, annual cap, outpatient deductible and limit, special
//! outpatient limit, single-payment drug limit, top-up burden).
//!
//! This is the one calculator: `medfund adjudicate` and the Monte Carlo
//! engine both call [`adjudicate`]. With `explain`, each claim also carries
//! its ordered steps, each citing the text (or assumption) behind it.

use std::sync::Arc;

use crate::member_year::{
    Bed, Category, Childbirth, Claim, ClaimKind, Level, Member, MemberYear, Payment, Place, PregnancyTermination, Sex,
    Transfer,
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

/// A claim's payment and, with `explain`, its steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimOutcome {
    pub payment: Payment,
    pub steps: Vec<Step>,
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

fn bad(field: String, message: impl Into<String>) -> AdjudicationError {
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
}

/// Records steps only when explaining; formatting is lazy.
struct Trace {
    steps: Option<Vec<Step>>,
}

impl Trace {
    #[inline]
    fn add(&mut self, step: &'static str, source: &Arc<str>, f: impl FnOnce() -> (String, String)) {
        if let Some(s) = &mut self.steps {
            let (value, detail) = f();
            s.push(Step { step, value, detail, source: source.clone() });
        }
    }
}

/// How an admission-like claim entered the inpatient rules.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum AdmissionKind {
    /// A hospital admission.
    Admission,
    /// Ziyang class-1 special outpatient: inpatient terms, no deductible.
    Class1Outpatient,
    /// Childbirth or termination settled as an admission (Luzhou 第二十七条).
    Maternity,
}

struct Lines<'a> {
    level: Level,
    place: Place,
    total: Money,
    out_of_scope: Money,
    class_b: Money,
    items: &'a [Money],
    materials: &'a [Money],
    bed: Option<Bed>,
    transfer: Option<Transfer>,
}

/// The adjudicator of one member-year.
struct Adjudicator<'a> {
    r: &'a YearRules,
    m: &'a Member,
    avg_wage: Money,
    employer_wage: Money,
    st: YearState,
    cap: Money,
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
        let mut t = Trace { steps: explain.then(Vec::new) };
        let p = a.claim(i, c, &mut t)?;
        out.push(ClaimOutcome { payment: p, steps: t.steps.unwrap_or_default() });
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
    fn not_covered(&self, i: usize, k: ClaimKind) -> AdjudicationError {
        bad(
            format!("claims[{i}].type"),
            format!(
                "the scenario's {} scheme does not cover `{}` claims (no text for it among the policy documents)",
                self.r.scheme.as_str(),
                k.as_str()
            ),
        )
    }

    fn retiree(&self) -> bool {
        self.m.category.is_retiree()
    }

    fn cap_left(&self, k: ClaimKind) -> Option<Money> {
        self.r.annual_cap.v.covers(k).then(|| (self.cap - self.st.cap_used).max0())
    }

    /// Limit a fund payment by the annual cap if it covers `k`, and count it.
    fn apply_cap(&mut self, k: ClaimKind, fund: Money, t: &mut Trace) -> Money {
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

    fn claim(&mut self, i: usize, c: &Claim, t: &mut Trace) -> Result<Payment, AdjudicationError> {
        let bill = c.bill();
        if let Some(w) = &self.r.waiting_period
            && w.v.waiting(self.m)
        {
            let (months, need) = (self.m.months_contributed, w.v.flexible_months);
            t.add("waiting_period", &w.cite, || {
                ("0.00".into(), format!("flexible worker with {months} months contributed, fewer than the {need}-month waiting period: no pooled-fund payment"))
            });
            return Ok(Payment { member: bill, ..Payment::default() });
        }
        let (fund, catastrophic, allowance) = match c {
            Claim::Inpatient(c) => {
                if c.level == Level::Pharmacy {
                    return Err(bad(format!("claims[{i}].level"), "an admission cannot be at a pharmacy"));
                }
                let lines = Lines {
                    level: c.level,
                    place: c.place,
                    total: c.total,
                    out_of_scope: c.out_of_scope,
                    class_b: c.class_b_drugs,
                    items: &c.partial_items,
                    materials: &c.materials,
                    bed: c.bed,
                    transfer: c.transfer,
                };
                let (f, cat) = self.admission(&lines, AdmissionKind::Admission, t);
                (f, cat, Money::ZERO)
            }
            Claim::Outpatient(c) => {
                let Some(op) = &self.r.outpatient_pooling else {
                    return Err(self.not_covered(i, ClaimKind::Outpatient));
                };
                let scope = self.scope(c.total, c.out_of_scope, c.class_b_drugs, &[], &[], None, c.level, t);
                let (ret, acct) = (self.retiree(), self.m.account);
                let o = op.v.settle(scope, c.level, ret, acct, &mut self.st.outpatient);
                t.add("deductible", &op.cite, || {
                    (o.deductible.to_string(), "yearly outpatient deductible, the part still unused".into())
                });
                t.add("ratio", &op.cite, || {
                    (o.ratio.to_string(), format!("outpatient pooling at level {}", c.level.as_str()))
                });
                let mut fund = o.raw.min(o.limit_left);
                t.add("fund", &op.cite, || {
                    (
                        fund.to_string(),
                        format!(
                            "(scope − deductible) × ratio = {}, within the yearly limit ({} left)",
                            o.raw, o.limit_left
                        ),
                    )
                });
                fund = self.apply_cap(ClaimKind::Outpatient, fund, t);
                self.st.outpatient.paid += fund;
                (fund, Money::ZERO, Money::ZERO)
            }
            Claim::SpecialOutpatient(c) => {
                let rules: &'a YearRules = self.r;
                let Some(so) = rules.special_outpatient.as_ref() else {
                    return Err(self.not_covered(i, ClaimKind::SpecialOutpatient));
                };
                if c.level == Level::Pharmacy && so.v.classes.is_some() && self.m.special_disease_class == Some(1) {
                    return Err(bad(
                        format!("claims[{i}].level"),
                        "class-1 special outpatient is settled on inpatient terms and needs a hospital level",
                    ));
                }
                if let Some(cl) = &so.v.classes {
                    let class = self.m.special_disease_class.ok_or_else(|| {
                        bad(
                            "member.special_disease_class".into(),
                            "a special_outpatient claim needs the member's special disease class (1, 2 or 3)",
                        )
                    })?;
                    if class == 1 && cl.class1_as_inpatient {
                        let lines = Lines {
                            level: c.level,
                            place: Place::Local,
                            total: c.total,
                            out_of_scope: c.out_of_scope,
                            class_b: c.class_b_drugs,
                            items: &[],
                            materials: &[],
                            bed: None,
                            transfer: None,
                        };
                        let (f, cat) = self.admission(&lines, AdmissionKind::Class1Outpatient, t);
                        (f, cat, Money::ZERO)
                    } else {
                        let (ratio, limit) = cl.terms(class, self.m.special_disease_count).ok_or_else(|| {
                            bad("member.special_disease_class".into(), format!("unknown class {class}"))
                        })?;
                        let scope = self.scope(c.total, c.out_of_scope, c.class_b_drugs, &[], &[], None, c.level, t);
                        let raw = scope.mul_rate(ratio).round();
                        let left = (limit - self.st.special_paid).max0();
                        let count = self.m.special_disease_count;
                        let mut fund = raw.min(left);
                        t.add("fund", &so.cite, || {
                            (fund.to_string(), format!("class {class}: scope × {ratio} = {raw}, within the yearly limit {limit} ({count} disease(s)), {left} left"))
                        });
                        fund = self.apply_cap(ClaimKind::SpecialOutpatient, fund, t);
                        self.st.special_paid += fund;
                        (fund, Money::ZERO, Money::ZERO)
                    }
                } else {
                    let d = so.v.diseases.as_ref().expect("validated: classes or diseases");
                    if self.m.chronic.is_empty() {
                        return Err(bad(
                            "member.chronic".into(),
                            "a special_outpatient claim needs the member's chronic disease numbers",
                        ));
                    }
                    if let Some(x) = c.disease
                        && !self.m.chronic.contains(&x)
                    {
                        return Err(bad(
                            format!("claims[{i}].disease"),
                            format!("disease {x} is not among the member's chronic diseases"),
                        ));
                    }
                    let limit = d.shared_limit(&self.m.chronic).ok_or_else(|| {
                        bad(
                            "member.chronic".into(),
                            format!("a disease number is not in the scenario's table (1–{})", d.table.len()),
                        )
                    })?;
                    let scope = self.scope(c.total, c.out_of_scope, c.class_b_drugs, &[], &[], None, c.level, t);
                    let ratio = d.ratio.0;
                    let raw = scope.mul_rate(ratio).round();
                    let left = (limit - self.st.special_paid).max0();
                    let mut fund = raw.min(left);
                    let n = self.m.chronic.len();
                    t.add("fund", &so.cite, || {
                        (fund.to_string(), format!("scope × {ratio} = {raw}, within the shared yearly limit {limit} of {n} disease(s), {left} left"))
                    });
                    fund = self.apply_cap(ClaimKind::SpecialOutpatient, fund, t);
                    self.st.special_paid += fund;
                    // Personal in-scope share within the limit (the top-up
                    // base): the fund pays r of the in-limit scope, so the
                    // member's share of it is fund × (1 − r) ÷ r; it is kept
                    // as share × r = fund × (1 − r), exact (README,
                    // Interpretations).
                    let x = Exact::from(fund).mul_rate(ratio.complement());
                    let mut cat = Money::ZERO;
                    if let Some(tu) = &self.r.top_up
                        && let Some(ch) = &tu.v.chronic
                    {
                        self.st.chronic_x += x;
                        let cum = ch.cumulative(self.st.chronic_x, ratio);
                        cat = (cum - self.st.chronic_paid).max0();
                        self.st.chronic_paid += cat;
                        let (th, share) = (ch.threshold, ch.ratio.0);
                        t.add("top_up", &tu.cite, || {
                            (cat.to_string(), format!("{share} of the year's personal in-scope share within the limit above {th}: {cum} so far"))
                        });
                    }
                    (fund, cat, Money::ZERO)
                }
            }
            Claim::SinglePaymentDrug(c) => {
                let rules: &'a YearRules = self.r;
                let Some(sd) = rules.single_payment_drug.as_ref() else {
                    return Err(self.not_covered(i, ClaimKind::SinglePaymentDrug));
                };
                let scope = (Exact::from(c.total) - Exact::from(c.out_of_scope)).max0();
                let raw = scope.mul_rate(sd.v.ratio.0).round();
                let left = (sd.v.annual_limit - self.st.single_drug_paid).max0();
                let mut fund = raw.min(left);
                t.add("fund", &sd.cite, || {
                    (fund.to_string(), format!("no deductible; (total − out of scope) {scope} × {} = {raw}, within the yearly limit ({left} left)", sd.v.ratio.0))
                });
                fund = self.apply_cap(ClaimKind::SinglePaymentDrug, fund, t);
                self.st.single_drug_paid += fund;
                (fund, Money::ZERO, Money::ZERO)
            }
            Claim::Childbirth(c) => self.childbirth(i, c, t)?,
            Claim::PregnancyTermination(p) => self.termination(i, p, t)?,
            Claim::FamilyPlanning(f) => {
                let rules: &'a YearRules = self.r;
                let Some(fp) = rules.family_planning.as_ref() else {
                    return Err(self.not_covered(i, ClaimKind::FamilyPlanning));
                };
                let fund = if self.m.months_contributed < fp.v.min_months {
                    let (have, need) = (self.m.months_contributed, fp.v.min_months);
                    t.add("eligibility", &fp.cite, || {
                        ("0.00".into(), format!("{have} months contributed, {need} needed"))
                    });
                    Money::ZERO
                } else if self.m.category == Category::Flexible && !fp.v.flexible_covered {
                    t.add("eligibility", &fp.cite, || {
                        ("0.00".into(), "flexible workers pay no maternity contribution and are not covered".into())
                    });
                    Money::ZERO
                } else {
                    let p = fp.v.pay(f.procedure, f.inpatient, f.cost).ok_or_else(|| {
                        bad(
                            format!("claims[{i}].procedure"),
                            format!("the scenario has no amount for `{}`", f.procedure.as_str()),
                        )
                    })?;
                    t.add("fund", &fp.cite, || {
                        (
                            p.to_string(),
                            format!("{}: the fixed amount or ratio of the cost {}", f.procedure.as_str(), f.cost),
                        )
                    });
                    p
                };
                let fund = self.apply_cap(ClaimKind::FamilyPlanning, fund, t);
                (fund, Money::ZERO, Money::ZERO)
            }
        };
        Ok(Payment { fund, catastrophic, allowance, member: bill - fund - catastrophic })
    }

    /// scope = total − out of scope − self-pay-first (with the engine's own
    /// out-of-scope parts: material prices above the ceiling, bed fees above
    /// the standard).
    #[allow(clippy::too_many_arguments)]
    fn scope(
        &self,
        total: Money,
        out_of_scope: Money,
        class_b: Money,
        items: &[Money],
        materials: &[Money],
        bed: Option<Bed>,
        level: Level,
        t: &mut Trace,
    ) -> Exact {
        let spf = &self.r.self_pay_first;
        let s = spf.v.apply(class_b, items, materials);
        let bed_excess = match (&self.r.bed_standard, bed) {
            (Some(bs), Some(b)) => {
                let e = bs.v.excess(level, &b);
                t.add("bed_standard", &bs.cite, || {
                    (
                        e.to_string(),
                        format!(
                            "bed {} days at {} a day; the part above the level's standard is out of scope",
                            b.days, b.per_day
                        ),
                    )
                });
                e
            }
            _ => Money::ZERO,
        };
        let oos = out_of_scope + s.extra_out_of_scope + bed_excess;
        let scope = (Exact::from(total) - Exact::from(oos) - s.self_pay_first).max0();
        t.add("self_pay_first", &spf.cite, || {
            (
                s.self_pay_first.to_string(),
                format!(
                    "class B {class_b}, {} item(s), {} material(s); material prices above the ceiling out of scope: {}",
                    items.len(),
                    materials.len(),
                    s.extra_out_of_scope
                ),
            )
        });
        t.add("scope", &spf.cite, || {
            (scope.to_string(), format!("total {total} − out of scope {oos} − self-pay-first {}", s.self_pay_first))
        });
        scope
    }

    /// An admission (or a claim settled like one): deductible, ratio, cap,
    /// top-up. Returns (fund, catastrophic).
    fn admission(&mut self, l: &Lines, kind: AdmissionKind, t: &mut Trace) -> (Money, Money) {
        let r = self.r;
        let m = self.m;
        let scope = self.scope(l.total, l.out_of_scope, l.class_b, l.items, l.materials, l.bed, l.level, t);
        let ret = m.category.is_retiree() as usize;
        let (p, lv) = (l.place.index(), l.level.index());
        let class1 = m.special_disease_class == Some(1);

        // Deductible (起付线).
        let ded = if kind == AdmissionKind::Class1Outpatient {
            t.add(
                "deductible",
                &self
                    .r
                    .special_outpatient
                    .as_ref()
                    .map(|s| s.cite.clone())
                    .unwrap_or_else(|| r.deductible.cite.clone()),
                || ("0.00".into(), "class-1 special outpatient: settled as inpatient with no deductible".into()),
            );
            Exact::ZERO
        } else {
            let d = &r.deductible.v;
            let first_only = (d.first_admission_only.special_class1 && class1)
                || d.first_admission_only.min_age.is_some_and(|a| m.age >= a);
            let base = r.deductible_base[ret][p][lv];
            let o = d.charge(base, first_only, l.transfer, &mut self.st.deductible);
            let transfer = l.transfer;
            t.add("deductible", &r.deductible.cite, || {
                (
                    o.charged.to_string(),
                    format!(
                        "level {} {} {}: schedule {base}; admission {} of the year{}{}; nominal {}{}",
                        l.level.as_str(),
                        l.place.as_str(),
                        if ret == 1 { "retiree" } else { "in service" },
                        o.nth,
                        if first_only { " (first deductible of the year only)" } else { "" },
                        match transfer {
                            Some(Transfer::Up) => "; referral up within 24 h: the difference",
                            Some(Transfer::Down) => "; referral down within 24 h: none",
                            None => "",
                        },
                        o.nominal,
                        if o.charged > scope { " (above the scope: nothing paid)" } else { "" }
                    ),
                )
            });
            o.charged
        };

        // Ratio (支付比例).
        let rs = &r.ratio.v;
        let elderly = rs.elderly.filter(|e| m.age >= e.min_age);
        let base = match elderly {
            Some(_) => r.ratio_base[1][p][lv],
            None => r.ratio_base[ret][p][lv],
        };
        let ratio = crate::rules::ratio::person_ratio(
            base,
            elderly.map(|e| e.add),
            if class1 { rs.special_class1_add } else { Rate::ZERO },
            if m.resident_tier == Some(2) { rs.tier2_add } else { Rate::ZERO },
        );
        t.add("ratio", &r.ratio.cite, || {
            (
                ratio.to_string(),
                format!(
                    "table and place {base}{}{}{}, at most 100%",
                    elderly.map(|e| format!(", aged {}+: retiree ratio {}", e.min_age, e.add)).unwrap_or_default(),
                    if class1 && rs.special_class1_add != Rate::ZERO {
                        format!(", class-1 special disease +{}", rs.special_class1_add)
                    } else {
                        String::new()
                    },
                    if m.resident_tier == Some(2) && rs.tier2_add != Rate::ZERO {
                        format!(", tier 2 +{}", rs.tier2_add)
                    } else {
                        String::new()
                    },
                ),
            )
        });
        let raw = (scope - ded).max0().mul_rate(ratio).round();
        t.add("fund", &r.ratio.cite, || (raw.to_string(), format!("(scope {scope} − deductible {ded}) × {ratio}")));
        let cap_kind = match kind {
            AdmissionKind::Class1Outpatient => ClaimKind::SpecialOutpatient,
            _ => ClaimKind::Inpatient,
        };
        let fund = self.apply_cap(cap_kind, raw, t);

        // Large-expense top-up.
        let mut cat = Money::ZERO;
        if let Some(tu) = &r.top_up
            && let Some(ip) = &tu.v.inpatient
            && (kind != AdmissionKind::Class1Outpatient || ip.special_class1_counts)
        {
            let th = ip.threshold_for(self.avg_wage);
            let before = self.st.burden;
            let after = before + (scope - Exact::from(fund)).max0();
            let col = r.places.v.get(l.place).top_up;
            let prev = self.st.top_up_exact.round();
            self.st.top_up_exact += ip.pay(th, before, after, col);
            let pay = self.st.top_up_exact.round() - prev;
            cat = within_limit(pay, ip.annual_limit, self.st.top_up_paid);
            self.st.burden = after;
            self.st.top_up_paid += cat;
            t.add("top_up", &tu.cite, || {
                (
                    cat.to_string(),
                    format!("cumulative burden Σ(scope − fund) {before} → {after}, threshold {th}, {col:?} bands"),
                )
            });
        }
        (fund, cat)
    }

    fn as_inpatient(&self) -> bool {
        self.r.maternity_as_inpatient.as_ref().is_some_and(|c| c.v.contains(&self.m.category))
    }

    /// A maternity claim settled as an admission at its level, locally, with
    /// the medical cost as its scope (Luzhou 001 第二十七条).
    fn maternity_admission(&mut self, level: Level, cost: Money, t: &mut Trace) -> (Money, Money, Money) {
        if let Some(c) = &self.r.maternity_as_inpatient {
            let cat = self.m.category.as_str();
            t.add("maternity", &c.cite, || ("".into(), format!("{cat}: childbirth settled as an admission")));
        }
        let lines = Lines {
            level,
            place: Place::Local,
            total: cost,
            out_of_scope: Money::ZERO,
            class_b: Money::ZERO,
            items: &[],
            materials: &[],
            bed: None,
            transfer: None,
        };
        let (f, c) = self.admission(&lines, AdmissionKind::Maternity, t);
        (f, c, Money::ZERO)
    }

    fn maternity_rules(
        &self,
        i: usize,
        k: ClaimKind,
    ) -> Result<&'a Cited<crate::rules::maternity::MaternityRules>, AdjudicationError> {
        let rules: &'a YearRules = self.r;
        rules.maternity.as_ref().ok_or_else(|| self.not_covered(i, k))
    }

    fn allowance(&self, days: impl Fn(&AllowanceRules) -> u32, t: &mut Trace) -> Money {
        let Some(al) = &self.r.maternity_allowance else {
            return Money::ZERO;
        };
        let m = self.m;
        let why_not = if m.sex == Sex::M {
            Some("male member: no allowance".to_string())
        } else if m.category != Category::Employee {
            Some(format!("{}: no allowance (only employees of contributing employers)", m.category.as_str()))
        } else if m.employer != crate::member_year::Employer::Enterprise {
            Some("fiscal-funded employer: wages continue, no allowance".to_string())
        } else if m.months_contributed < al.v.min_months {
            Some(format!("{} months contributed, {} needed", m.months_contributed, al.v.min_months))
        } else {
            None
        };
        if let Some(w) = why_not {
            t.add("allowance", &al.cite, || ("0.00".into(), w));
            return Money::ZERO;
        }
        let d = days(&al.v);
        let a = AllowanceRules::amount(self.employer_wage, d);
        let w = self.employer_wage;
        t.add("allowance", &al.cite, || (a.to_string(), format!("{w} ÷ 30 × {d} days")));
        a
    }

    /// A male member of a category whose own childbirth is settled as an
    /// admission has no spouse benefit: that is for male employees paying
    /// maternity contributions (Luzhou 001 第二十七条, 第三十八条).
    fn spouse_of_admission_category(&self, t: &mut Trace) -> Option<(Money, Money, Money)> {
        let c = self.r.maternity_as_inpatient.as_ref()?;
        if self.m.sex != Sex::M {
            return None;
        }
        let cat = self.m.category.as_str();
        t.add("spouse", &c.cite, || ("0.00".into(), format!("male {cat}: the spouse's childbirth is not covered")));
        Some((Money::ZERO, Money::ZERO, Money::ZERO))
    }

    /// What every maternity claim begins with: settled as an admission
    /// (Luzhou 第二十七条; nothing for a male member's spouse), or the
    /// maternity rules once the contribution months are met.
    fn maternity_gate(
        &mut self,
        i: usize,
        k: ClaimKind,
        level: Level,
        cost: Money,
        t: &mut Trace,
    ) -> Result<Gate<'a>, AdjudicationError> {
        if self.as_inpatient() {
            return Ok(Gate::Settled(match self.spouse_of_admission_category(t) {
                Some(none) => none,
                None => self.maternity_admission(level, cost, t),
            }));
        }
        let mr = self.maternity_rules(i, k)?;
        if self.m.months_contributed < mr.v.min_months {
            let (have, need) = (self.m.months_contributed, mr.v.min_months);
            t.add("eligibility", &mr.cite, || ("0.00".into(), format!("{have} months contributed, {need} needed")));
            return Ok(Gate::Settled((Money::ZERO, Money::ZERO, Money::ZERO)));
        }
        Ok(Gate::Rules(mr))
    }

    fn childbirth(
        &mut self,
        i: usize,
        c: &Childbirth,
        t: &mut Trace,
    ) -> Result<(Money, Money, Money), AdjudicationError> {
        let mr = match self.maternity_gate(i, ClaimKind::Childbirth, c.level, c.medical_cost, t)? {
            Gate::Settled(paid) => return Ok(paid),
            Gate::Rules(mr) => mr,
        };
        let mat = &mr.v;
        let fund;
        let mut allowance = Money::ZERO;
        if self.m.sex == Sex::M {
            fund = match &mat.spouse {
                Some(s) => {
                    let mm = mat.childbirth(c);
                    let f = mat.spouse_pay(s, &mm, c.medical_cost);
                    t.add("spouse", &mr.cite, || {
                        (
                            f.to_string(),
                            format!("spouse of a male member: {} of the {:?} ({})", s.share.0, s.base, describe(&mm)),
                        )
                    });
                    f
                }
                None => {
                    t.add("spouse", &mr.cite, || ("0.00".into(), "no spouse benefit in this scenario".into()));
                    Money::ZERO
                }
            };
        } else if let (Category::Flexible, Some(lim)) = (self.m.category, &mat.flexible_limits) {
            let mm = mat.flexible_childbirth(lim, c);
            fund = mm.medical;
            t.add("maternity", &mr.cite, || {
                (
                    fund.to_string(),
                    format!("flexible worker: limit {} or the cost, no prenatal payment, no allowance", mm.standard),
                )
            });
        } else {
            let mm = mat.childbirth(c);
            fund = mm.medical + mm.prenatal;
            t.add("maternity", &mr.cite, || (fund.to_string(), describe(&mm)));
            allowance = self.allowance(|a| a.delivery_days(c), t);
        }
        let fund = self.apply_cap(ClaimKind::Childbirth, fund, t);
        Ok((fund, Money::ZERO, allowance))
    }

    fn termination(
        &mut self,
        i: usize,
        p: &PregnancyTermination,
        t: &mut Trace,
    ) -> Result<(Money, Money, Money), AdjudicationError> {
        let rules: &'a YearRules = self.r;
        let termination = rules.maternity_termination.as_ref();
        if termination.is_none() && !self.as_inpatient() {
            return Err(self.not_covered(i, ClaimKind::PregnancyTermination));
        }
        let mr = match self.maternity_gate(i, ClaimKind::PregnancyTermination, p.level, p.medical_cost, t)? {
            Gate::Settled(paid) => return Ok(paid),
            Gate::Rules(mr) => mr,
        };
        let mat = &mr.v;
        let tr = termination.expect("checked above");
        let mut allowance = Money::ZERO;
        let fund = if self.m.sex == Sex::M {
            match &mat.spouse {
                Some(s) => {
                    let mm = mat.termination(&tr.v, p);
                    let f = mat.spouse_pay(s, &mm, p.medical_cost);
                    t.add("spouse", &mr.cite, || {
                        (
                            f.to_string(),
                            format!("spouse of a male member: {} of the {:?} ({})", s.share.0, s.base, describe(&mm)),
                        )
                    });
                    f
                }
                None => Money::ZERO,
            }
        } else if let (Category::Flexible, Some(lim)) = (self.m.category, &mat.flexible_limits) {
            // Flexible workers' limits cover deliveries (Ziyang 第十九条); a
            // termination counted as a delivery takes the vaginal limit.
            let f = match tr.v.as_delivery_from {
                Some(from) if p.months >= from => lim.vaginal.min(p.medical_cost),
                _ => Money::ZERO,
            };
            t.add("maternity", &mr.cite, || (f.to_string(), "flexible worker: only the delivery limits apply".into()));
            f
        } else {
            let mm = mat.termination(&tr.v, p);
            t.add("maternity", &tr.cite, || {
                (mm.medical.to_string(), format!("termination at {} completed months: {}", p.months, describe(&mm)))
            });
            allowance = self.allowance(|a| a.termination_days(p), t);
            mm.medical
        };
        let fund = self.apply_cap(ClaimKind::PregnancyTermination, fund, t);
        Ok((fund, Money::ZERO, allowance))
    }
}

/// The outcome of [`Adjudicator::maternity_gate`].
enum Gate<'a> {
    /// Settled already: (fund, catastrophic, allowance).
    Settled((Money, Money, Money)),
    /// Go on with these rules.
    Rules(&'a Cited<crate::rules::maternity::MaternityRules>),
}

fn describe(m: &MaternityMedical) -> String {
    format!("standard {}: medical {} (the standard or the cost), prenatal {}", m.standard, m.medical, m.prenatal)
}
