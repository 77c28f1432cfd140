//! Random streams derived from (seed, path, year, purpose): the same
//! numbers whatever the thread count, the sharding or the order paths run in.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// What a stream is for; each purpose draws from its own stream so that
/// adding draws to one never shifts another.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// The base population (shared by every path).
    Population = 1,
    /// A path's macro draws (wages, inflation, interest, shocks).
    Macro = 2,
    /// A path's yearly transitions (deaths, retirements, moves, entrants).
    Transitions = 3,
    /// A path's yearly claims.
    Claims = 4,
}

/// The RNG the engine uses: xoshiro256++, a fixed, documented algorithm
/// (so streams do not change with the `rand` crate's choice of `StdRng`).
pub type Rng = Xoshiro256PlusPlus;

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream for (seed, path, year, purpose).
///
/// ```
/// use medfund_engine::montecarlo::rng::{stream, Purpose};
/// use rand::RngExt;
/// let a: u64 = stream(42, 7, 2024, Purpose::Claims).random();
/// let b: u64 = stream(42, 7, 2024, Purpose::Claims).random();
/// let c: u64 = stream(42, 8, 2024, Purpose::Claims).random();
/// assert_eq!(a, b);
/// assert_ne!(a, c);
/// ```
pub fn stream(seed: u64, path: u32, year: i32, purpose: Purpose) -> Rng {
    let mut h = splitmix(seed);
    h = splitmix(h ^ u64::from(path));
    h = splitmix(h ^ (year as i64 as u64));
    h = splitmix(h ^ purpose as u64);
    Rng::seed_from_u64(h)
}
