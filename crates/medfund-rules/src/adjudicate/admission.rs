//! An admission, or a claim settled like one: its scope (out of scope,
//! self-pay-first, bed fees above the standard), deductible, ratio, the
//! annual cap and the large-expense top-up on the cumulative burden.

use super::*;

impl<'a> Adjudicator<'a> {
    /// scope = total − out of scope − self-pay-first (with the engine's own
    /// out-of-scope parts: material prices above the ceiling, bed fees above
    /// the standard).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn scope(
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
        t.scope.self_pay_first += s.self_pay_first.round();
        t.scope.material_excess += s.extra_out_of_scope;
        t.scope.bed_excess += bed_excess;
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
    pub(super) fn admission(&mut self, l: &Lines, kind: AdmissionKind, t: &mut Trace) -> (Money, Money) {
        let r = self.r;
        let m = self.m;
        let scope = self.scope(l.total, l.out_of_scope, l.class_b, l.items, l.materials, l.bed, l.level, t);
        let ret = m.category.is_retiree() as usize;
        let (p, lv) = (l.place.index(), l.level.index());
        let class1 = m.special_disease_class == Some(1);

        // Deductible (起付线).
        let ded = if let AdmissionKind::NoDeductible(cite) = kind {
            t.add("deductible", cite, || ("0.00".into(), "settled on inpatient terms with no deductible".into()));
            Exact::ZERO
        } else if kind == AdmissionKind::Class1Outpatient {
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
}
