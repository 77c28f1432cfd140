//! What the scope rules leave to the member on a claim (`ClaimOutcome::
//! scope`, the projection ledger's memo columns `self_pay_first`,
//! `material_excess`, `bed_excess`), worked by hand from
//! `000_f8c7f1d4db53115f.txt` (cited "000") on three admissions of one
//! year, the same lines as the examples of `../ziyang.rs` that settle them.
//! The memo is within the member's part of the bill: it adds nothing to it.

use crate::common::*;

use medfund_rules::adjudicate::ScopeMemo;

/// 000 第十二条（一）1–3 and （二）: class B 10%; items by unit price 10% /
/// 20% / 30% / 40% (300, 1,000, 3,000); materials 10% / 20% / 30% / 40% /
/// 50% (500, 3,000, 10,000, 30,000, 60,000), the part of a unit price above
/// 60,000 paid by the member in full; a bed fee above the level's standard
/// (三级 25 a day general) paid by the member.
#[test]
fn self_pay_first_material_and_bed_excess_by_claim() {
    // 1. class B 2,000 × 10% = 200; items 30 + 60.002 + 200 + 300.003 + 900
    //    + 1,200.004 = 2,690.009; self-pay-first 2,890.009 → 2,890.01
    // 2. materials 50 + 100.002 + 600 + 900.003 + 3,000 + 4,000.004 + 12,000
    //    + 15,000.005 + 30,000 + 30,000 = 95,650.014 → 95,650.01; the part of
    //    80,000 above 60,000: 20,000
    // 3. bed 10 days at 40 at 3A, standard 25: (40 − 25) × 10 = 150; no
    //    self-pay-first lines
    let json = r#"{"year": 2023, "context": {"avg_wage": 100000},
      "member": {"category": "employee", "sex": "F", "age": 45},
      "claims": [
        {"type": "inpatient", "level": "3A", "place": "local", "total": 20000, "out_of_scope": 500,
         "class_b_drugs": 2000, "partial_items": [300, 300.01, 1000, 1000.01, 3000, 3000.01]},
        {"type": "inpatient", "level": "2A", "place": "local", "total": 250000, "out_of_scope": 2000,
         "materials": [500, 500.01, 3000, 3000.01, 10000, 10000.01, 30000, 30000.01, 60000, 80000]},
        {"type": "inpatient", "level": "3A", "place": "local", "total": 10000, "out_of_scope": 500,
         "bed": {"days": 10, "per_day": 40, "kind": "general"}}
      ]}"#;
    let memo: Vec<ScopeMemo> = run_outcomes("ziyang", json).iter().map(|o| o.scope).collect();
    assert_eq!(
        memo,
        vec![
            ScopeMemo { self_pay_first: y("2890.01"), material_excess: y("0"), bed_excess: y("0") },
            ScopeMemo { self_pay_first: y("95650.01"), material_excess: y("20000"), bed_excess: y("0") },
            ScopeMemo { self_pay_first: y("0"), material_excess: y("0"), bed_excess: y("150") },
        ]
    );
}

/// The memo is within the member's part: each claim's self-pay-first and
/// excesses are at most what the member paid (000 第十二条: 先行自付 and the
/// parts above the standards are the member's).
#[test]
fn the_memo_is_within_the_members_part() {
    let json = r#"{"year": 2023, "context": {"avg_wage": 100000},
      "member": {"category": "retiree", "sex": "M", "age": 70},
      "claims": [
        {"type": "inpatient", "level": "2A", "place": "local", "total": 4000, "class_b_drugs": 2500,
         "materials": [400], "bed": {"days": 3, "per_day": 60, "kind": "general"}}
      ]}"#;
    for o in run_outcomes("ziyang", json) {
        let m = o.scope;
        assert!(m.self_pay_first + m.material_excess + m.bed_excess <= o.payment.member, "{m:?} {:?}", o.payment);
        // class B 2,500 × 10% = 250; material 400 × 10% = 40: 290.
        // 二级 general standard 20 a day: (60 − 20) × 3 = 120.
        assert_eq!((m.self_pay_first, m.bed_excess), (y("290"), y("120")));
    }
}
