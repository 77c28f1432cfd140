//! One claim of a member-year, by kind: the waiting period, then each
//! claim type through the components that settle it (admissions and
//! class-1 special outpatient care go on to [`super::admission`], maternity
//! claims to [`super::maternity`]).

use super::*;

impl<'a> Adjudicator<'a> {
    pub(super) fn claim(&mut self, i: usize, c: &Claim, t: &mut Trace) -> Result<Payment, AdjudicationError> {
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
                let (kind, level) = self.inpatient_terms(i, c, t)?;
                let lines = Lines {
                    level,
                    place: c.place,
                    total: c.total,
                    out_of_scope: c.out_of_scope,
                    class_b: c.class_b_drugs,
                    items: &c.partial_items,
                    materials: &c.materials,
                    bed: c.bed,
                    transfer: c.transfer,
                };
                let (f, cat) = self.admission(&lines, kind, t);
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
                // The top-up on the year's self-pay after the basic fund
                // (in-scope cost less the fund's payment), where the
                // scheme has one (Dingxi 003 第四十五条（三）).
                let mut cat = Money::ZERO;
                if let Some(tu) = &rules.top_up
                    && let Some(nd) = &tu.v.negotiated_drugs
                {
                    self.st.drug_self_pay += (scope - Exact::from(fund)).max0();
                    let cum = nd.cumulative(self.st.drug_self_pay);
                    cat = (cum - self.st.drug_top_up_paid).max0();
                    self.st.drug_top_up_paid += cat;
                    let (th, share, so_far) = (nd.threshold, nd.ratio.0, self.st.drug_self_pay.round());
                    t.add("top_up", &tu.cite, || {
                        (cat.to_string(), format!("{share} of the year's self-pay after the fund above {th}: self-pay {so_far}, top-up {cum} so far"))
                    });
                }
                (fund, cat, Money::ZERO)
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
                    let p = fp.v.pay_claim(f).map_err(|what| {
                        let field = if what == "complication" { "complication" } else { "procedure" };
                        bad(format!("claims[{i}].{field}"), format!("the scenario has no amount for `{what}`"))
                    })?;
                    t.add("fund", &fp.cite, || {
                        (
                            p.to_string(),
                            format!(
                                "{}{}{}{}: the fixed amount or ratio of the cost {}",
                                f.procedure.as_str(),
                                if f.complication { ", treatment of a complication" } else { "" },
                                if f.incomplete_curettage { ", completed by curettage" } else { "" },
                                f.also
                                    .map(|q| format!(" with {} ({:?})", q.as_str(), fp.v.several))
                                    .unwrap_or_default(),
                                f.cost
                            ),
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
}

impl<'a> Adjudicator<'a> {
    /// How an `inpatient` claim enters the inpatient rules, by its `terms`,
    /// and the level whose terms it takes.
    fn inpatient_terms(
        &self,
        i: usize,
        c: &Inpatient,
        t: &mut Trace,
    ) -> Result<(AdmissionKind<'a>, Level), AdjudicationError> {
        let r: &'a YearRules = self.r;
        let missing = || {
            bad(
                format!("claims[{i}].terms"),
                format!(
                    "the scenario's {} scheme has no rule for `{}` (no text for it among the policy documents)",
                    r.scheme.as_str(),
                    c.terms.as_str()
                ),
            )
        };
        if c.level == Level::Pharmacy && c.terms != Terms::HighValueDrug {
            return Err(bad(format!("claims[{i}].level"), "an admission cannot be at a pharmacy"));
        }
        Ok(match c.terms {
            Terms::Admission => (AdmissionKind::Admission, c.level),
            Terms::EmergencyDeath => {
                let e = r.emergency_death.as_ref().ok_or_else(missing)?;
                let with = e.v.deductible;
                t.add("terms", &e.cite, || {
                    (
                        "".into(),
                        format!(
                            "death during emergency care: the emergency bill paid as an admission{}",
                            if with { "" } else { ", no deductible" }
                        ),
                    )
                });
                (if with { AdmissionKind::Admission } else { AdmissionKind::NoDeductible(&e.cite) }, c.level)
            }
            Terms::HighValueDrug => {
                let h = r.high_value_drug.as_ref().ok_or_else(missing)?;
                let level = if c.level == Level::Pharmacy { h.v.pharmacy_level } else { c.level };
                t.add("terms", &h.cite, || {
                    (
                        level.as_str().into(),
                        "high-value drug outside hospital: self-pay-first, no deductible, inpatient ratio (a pharmacy on level-3 terms)".into(),
                    )
                });
                (AdmissionKind::NoDeductible(&h.cite), level)
            }
            Terms::Newborn => {
                let n = r.newborn.as_ref().ok_or_else(missing)?;
                if self.m.sex != Sex::F {
                    return Err(bad(
                        format!("claims[{i}].terms"),
                        "a newborn's admission goes on the mother's cover: the member must be female",
                    ));
                }
                let months = n.v.within_months;
                t.add("terms", &n.cite, || {
                    ("".into(), format!("newborn who died within {months} months before enrolling: an admission on the mother's cover"))
                });
                (AdmissionKind::Admission, c.level)
            }
        })
    }
}
