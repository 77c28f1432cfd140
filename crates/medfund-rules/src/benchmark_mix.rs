//! A fixed, realistic mix of member-years for measuring adjudication
//! throughput (`benches/adjudication.rs`, `medfund bench`). Deterministic
//! (SplitMix64 from a seed), with no dependency on the Monte Carlo engine.
//!
//! The mix follows shared/calibration.md loosely: admissions costing about
//! 12,000 on average with a heavy tail, most at level 2 and 3 hospitals,
//! 15% of them away from the city, retirees 40% of patients, about 8% of
//! the bill out of scope and 15% class-B drugs, a few part-paid items and
//! materials, one to three admissions a year.

use crate::member_year::*;
use crate::money::Money;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<T: Copy>(&mut self, weighted: &[(T, f64)]) -> T {
        let mut u = self.unit() * weighted.iter().map(|w| w.1).sum::<f64>();
        for &(v, w) in weighted {
            if u < w {
                return v;
            }
            u -= w;
        }
        weighted[weighted.len() - 1].0
    }
    /// Lognormal with the given mean and shape σ (Box–Muller).
    fn lognormal(&mut self, mean: f64, sigma: f64) -> f64 {
        let z = (-2.0 * (1.0 - self.unit()).ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos();
        (mean.ln() - sigma * sigma / 2.0 + sigma * z).exp()
    }
}

fn yuan(v: f64) -> Money {
    Money((v * 100.0).round() as i64)
}

/// `n` member-years of inpatient claims for `year`.
pub fn inpatient_mix(n: usize, year: i32, seed: u64) -> Vec<MemberYear> {
    let mut r = SplitMix(seed);
    let levels = [
        (Level::Unrated, 0.06),
        (Level::L1, 0.14),
        (Level::L2B, 0.08),
        (Level::L2A, 0.27),
        (Level::L3B, 0.10),
        (Level::L3A, 0.35),
    ];
    let places = [
        (Place::Local, 0.85),
        (Place::NonlocalFiled, 0.05),
        (Place::NonlocalReferral, 0.04),
        (Place::NonlocalEmergency, 0.02),
        (Place::NonlocalSelf, 0.03),
        (Place::NonlocalSelfCrossProvince, 0.01),
    ];
    (0..n)
        .map(|_| {
            let retiree = r.unit() < 0.4;
            let member = Member {
                category: if retiree { Category::Retiree } else { Category::Employee },
                sex: if r.unit() < 0.5 { Sex::M } else { Sex::F },
                age: if retiree { 60 + (r.unit() * 30.0) as u32 } else { 22 + (r.unit() * 38.0) as u32 },
                ..Member::default()
            };
            let admissions = r.pick(&[(1usize, 0.75), (2, 0.18), (3, 0.07)]);
            let claims = (0..admissions)
                .map(|_| {
                    let total = r.lognormal(12_000.0, 0.9).max(300.0);
                    let oos = total * 0.08 * r.unit() * 2.0;
                    let room = total - oos;
                    let class_b = room * 0.15 * r.unit() * 2.0 * 0.5;
                    let items: Vec<Money> =
                        (0..(r.unit() * 3.0) as usize).map(|_| yuan(room * 0.02 * r.unit())).collect();
                    let materials: Vec<Money> =
                        (0..(r.unit() * 2.5) as usize).map(|_| yuan(room * 0.1 * r.unit())).collect();
                    Claim::Inpatient(Inpatient {
                        level: r.pick(&levels),
                        place: r.pick(&places),
                        total: yuan(total),
                        out_of_scope: yuan(oos),
                        class_b_drugs: yuan(class_b),
                        partial_items: items,
                        materials,
                        bed: None,
                        transfer: None,
                        terms: Terms::Admission,
                    })
                })
                .collect();
            MemberYear { year, context: Context::default(), member, claims }
        })
        .collect()
}

/// The number of claims in a workload.
pub fn claim_count(w: &[MemberYear]) -> usize {
    w.iter().map(|m| m.claims.len()).sum()
}
