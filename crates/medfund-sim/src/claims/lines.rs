//! The lines of an admission's bill beyond its total, out-of-scope part and
//! class-B drugs: the stay and its bed, items paid in part and medical
//! materials by unit price, and whether it is a referral within 24 hours
//! of the previous admission. These are what self-pay-first by price tier
//! (Ziyang 000 第十二条（一）2–3, Dingxi 003 第二十三条), the bed standard
//! (000 第十二条（二）) and the referral rule (000 第十八条（一）6) act on.
//!
//! The lines split the bill already drawn, so they never change its total:
//! the bed takes at most `bed_share_cap` of the in-scope rest, items a share
//! of what is left, materials a share of what is left after them. Every
//! number comes from the admission's own slot of the person's stream, and
//! nothing depends on the rules (common random numbers).

use rand::RngExt;
use rand_distr::StandardNormal;

use crate::inputs::admission_lines::AdmissionLines;
use crate::rng::PersonRng;
use medfund_rules::member_year::{Bed, Inpatient, Level, Transfer};
use medfund_rules::money::Money;

/// Numbers of the stream each admission's lines may use: six uniforms and
/// one normal, then one normal per item and per material line.
pub(super) const PER_ADMISSION: u64 = 24;

/// What the lines of one admission depend on besides the stream.
pub(super) struct Bill {
    /// The admission's bill relative to the mean bill at the member's age.
    pub cost_ratio: f64,
    /// [`stay_mean_factor`] of the year's bills.
    pub stay_mean_factor: f64,
    /// Medical prices relative to the base year.
    pub cost_index: f64,
    /// The previous admission's level this year, if any.
    pub previous: Option<Level>,
}

/// E[ratio^e] for bills lognormal with log-sd `cost_sigma` about their
/// mean, e the stay's cost elasticity: exp(e(e − 1)σ²/2). Dividing by it
/// keeps the mean stay at the table's at any spread of bills.
pub(super) fn stay_mean_factor(a: &AdmissionLines, cost_sigma: f64) -> f64 {
    let e = a.stay_cost_elasticity;
    (e * (e - 1.0) * cost_sigma * cost_sigma / 2.0).exp()
}

/// `part` (0..=1) of `m`, whole fen, rounded down.
#[inline]
fn part(m: Money, part: f64) -> Money {
    Money((m.0 as f64 * part.clamp(0.0, 1.0)) as i64)
}

/// Split `budget` into `n` unit prices by lognormal weights (log-sd 0.8),
/// the last taking what rounding leaves, so the prices add to the budget.
fn split(rng: &mut PersonRng, budget: Money, n: u32, out: &mut Vec<Money>) {
    if budget <= Money::ZERO {
        return;
    }
    let mut w = [0.0f64; 8];
    let n = n.clamp(1, 8) as usize;
    for x in w.iter_mut().take(n) {
        let z: f64 = rng.sample(StandardNormal);
        *x = (0.8 * z).exp();
    }
    let sum: f64 = w[..n].iter().sum();
    let mut left = budget;
    for (j, x) in w[..n].iter().enumerate() {
        let p = if j + 1 == n { left } else { part(budget, x / sum).min(left) };
        if p > Money::ZERO {
            out.push(p);
            left -= p;
        }
    }
}

/// How many lines of mean unit price `mean` a budget holds, 1..=`max`.
fn lines_for(budget: Money, mean: f64, max: u32) -> u32 {
    let n = (budget.as_yuan_f64() / mean.max(1.0)).ceil();
    (n as u32).clamp(1, max)
}

/// Fill `c`'s bed, part-paid items, materials and transfer from the
/// stream, positioned at the admission's lines slot. `c`'s total, out of
/// scope and class-B drugs are set.
pub(super) fn draw(rng: &mut PersonRng, a: &AdmissionLines, bill: &Bill, c: &mut Inpatient) {
    let z_stay: f64 = rng.sample(StandardNormal);
    let (u_room, u_items, u_implant, u_materials, u_transfer) =
        (rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>(), rng.random::<f64>());
    let ci = bill.cost_index;
    let lv = a.level(c.level);
    let rest = c.total - c.out_of_scope - c.class_b_drugs;
    if rest <= Money::ZERO {
        return;
    }

    // The stay: longer for larger bills, its mean the table's at any
    // spread of bills.
    let (e, s) = (a.stay_cost_elasticity, a.stay_sigma);
    let stay =
        a.mean_stay_days * bill.cost_ratio.max(1e-9).powf(e) / bill.stay_mean_factor * (s * z_stay - s * s / 2.0).exp();
    let mut days = (stay.round() as u32).clamp(1, a.max_stay_days.max(1));
    let (isolation, fee) = if u_room < a.isolation_share {
        (true, lv.bed_isolation)
    } else if u_room < a.isolation_share + a.single_room_share {
        (false, lv.bed_single)
    } else {
        (false, lv.bed_general)
    };
    let per_day = super::yuan(fee * ci);
    if per_day > Money::ZERO {
        let affordable = part(rest, a.bed_share_cap).0 / per_day.0;
        days = days.min(u32::try_from(affordable).unwrap_or(u32::MAX));
        if days > 0 {
            c.bed = Some(Bed { days, per_day, isolation });
        }
    }
    let bed = c.bed.map_or(Money::ZERO, |b| Money(b.per_day.0 * i64::from(b.days)));

    // Items paid in part: a share of the rest, around its mean.
    let rest = rest - bed;
    let items = part(rest, 2.0 * a.items_share * u_items);
    split(rng, items, lines_for(items, a.item_price_mean * ci, a.item_lines_max), &mut c.partial_items);

    // Materials: with a high-value implant (likelier the larger the bill)
    // most of them are the implant; otherwise ordinary lines.
    let rest = rest - items;
    let implant_p = (lv.implant_share * bill.cost_ratio).min(0.8);
    if u_implant < implant_p {
        let share = a.implant_materials_low + (a.implant_materials_high - a.implant_materials_low) * u_materials;
        let budget = part(rest, share);
        let implant = part(budget, a.implant_line_share);
        if implant > Money::ZERO {
            c.materials.push(implant);
        }
        if budget - implant > Money::ZERO {
            c.materials.push(budget - implant);
        }
    } else {
        let budget = part(rest, 2.0 * a.materials_share * u_materials);
        split(rng, budget, lines_for(budget, a.material_price_mean * ci, a.material_lines_max), &mut c.materials);
    }

    // A referral within 24 hours of the previous admission, up or down.
    if let Some(p) = bill.previous
        && u_transfer < a.transfer_share
    {
        c.transfer = match c.level.index().cmp(&p.index()) {
            std::cmp::Ordering::Greater => Some(Transfer::Up),
            std::cmp::Ordering::Less => Some(Transfer::Down),
            std::cmp::Ordering::Equal => None,
        };
    }
}
