//! Maternity claims: childbirth and terminations, settled on maternity
//! terms or as admissions where the scheme says so, with the allowance
//! (生育津贴) and the spouse cases.

use super::*;

impl<'a> Adjudicator<'a> {
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

    pub(super) fn childbirth(
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
                Some(s) if self.m.category == Category::Flexible && !s.flexible_covered => {
                    t.add("spouse", &mr.cite, || {
                        (
                            "0.00".into(),
                            "male flexible worker: pays no maternity contribution, no spouse subsidy".into(),
                        )
                    });
                    Money::ZERO
                }
                Some(s) if c.spouse_reimbursed_elsewhere => {
                    let f = s.reimbursed_elsewhere.map_or(Money::ZERO, |r| {
                        mat.prenatal_limit.mul_rate(r.0).min(c.medical_cost + c.prenatal_cost)
                    });
                    t.add("spouse", &mr.cite, || {
                        (
                            f.to_string(),
                            format!(
                                "spouse already reimbursed by another scheme: {}",
                                match s.reimbursed_elsewhere {
                                    Some(r) => format!("{} of the prenatal standard {}", r.0, mat.prenatal_limit),
                                    None => "no subsidy".into(),
                                }
                            ),
                        )
                    });
                    f
                }
                Some(s) => {
                    let mut mm = mat.childbirth(c);
                    self.with_procedure(c, &mut mm, t);
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
            let mut mm = mat.childbirth(c);
            self.with_procedure(c, &mut mm, t);
            fund = mm.medical + mm.prenatal;
            t.add("maternity", &mr.cite, || (fund.to_string(), describe(&mm)));
            allowance = self.allowance(|a| a.delivery_days(c), t);
        }
        let fund = self.apply_cap(ClaimKind::Childbirth, fund, t);
        Ok((fund, Money::ZERO, allowance))
    }

    /// A family-planning procedure done with the delivery: the standards
    /// put together as the scheme's family-planning rules say (Luzhou 001
    /// 第三十二条（三）: the higher), at most the medical cost. Without
    /// family-planning rules, or for a member they do not cover, the
    /// delivery's standard stands.
    fn with_procedure(&self, c: &Childbirth, mm: &mut MaternityMedical, t: &mut Trace) {
        let (Some(p), Some(fp)) = (c.with_procedure, self.r.family_planning.as_ref()) else { return };
        if self.m.months_contributed < fp.v.min_months
            || (self.m.category == Category::Flexible && !fp.v.flexible_covered)
        {
            return;
        }
        if let Some(s) = fp.v.with_delivery(mm.standard, p, true) {
            let before = mm.standard;
            mm.standard = s;
            mm.medical = s.min(c.medical_cost);
            t.add("several", &fp.cite, || {
                (
                    mm.medical.to_string(),
                    format!(
                        "{} with the delivery: standard {before} → {s} ({:?}), at most the cost",
                        p.as_str(),
                        fp.v.several
                    ),
                )
            });
        }
    }

    pub(super) fn termination(
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
