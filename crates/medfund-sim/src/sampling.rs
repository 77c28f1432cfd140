//! Draws built on a uniform or a generator: picking by cumulative weights
//! and the lognormal every cost model uses. At the bottom of the simulation
//! layer, beside [`crate::rng`]: the population and the claims both draw
//! with these.

use rand::RngExt;
use rand_distr::StandardNormal;

/// Pick an index by cumulative weights.
pub fn pick(cum: &[f64], u: f64) -> usize {
    let total = *cum.last().unwrap_or(&1.0);
    let x = u * total;
    cum.iter().position(|&c| x < c).unwrap_or(cum.len().saturating_sub(1))
}

/// Cumulative sums of weights.
pub fn cumulative(w: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut s = 0.0;
    w.into_iter()
        .map(|x| {
            s += x.max(0.0);
            s
        })
        .collect()
}

/// A lognormal draw with the given mean and log-sd.
#[inline]
pub fn lognormal<R: rand::Rng>(rng: &mut R, mean: f64, sigma: f64) -> f64 {
    let z: f64 = rng.sample(StandardNormal);
    (mean.ln() - sigma * sigma / 2.0 + sigma * z).exp()
}
