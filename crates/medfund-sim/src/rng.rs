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
    /// A path's yearly district assessments.
    Settlement = 5,
    /// The resident scheme's base population, transitions, claims, waiting
    /// periods and assessments: streams apart from the employees' (person
    /// ids overlap between the two populations).
    ResidentPopulation = 6,
    ResidentTransitions = 7,
    ResidentClaims = 8,
    ResidentWaiting = 9,
    ResidentSettlement = 10,
    /// The resident newborns' birth month and days to enrolment (Luzhou
    /// 001 第二十三条), keyed by the newborn's id.
    ResidentBirths = 11,
    /// A path's yearly lapses and returns of flexible workers
    /// (population/lapses.rs): added after the others, so none of theirs
    /// moves (12: 11 was taken by the newborns in the same session).
    Lapses = 12,
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
/// use medfund_sim::rng::{stream, Purpose};
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

/// The key of the stream for (seed, path, year, purpose), for per-person
/// streams ([`PersonRng`]).
pub fn key(seed: u64, path: u32, year: i32, purpose: Purpose) -> u64 {
    let mut h = splitmix(seed);
    h = splitmix(h ^ u64::from(path));
    h = splitmix(h ^ (year as i64 as u64));
    splitmix(h ^ purpose as u64)
}

/// A person's own stream within a (seed, path, year, purpose): SplitMix64
/// counting from a hash of the key and the person's id. Each person's draws
/// depend on nothing but who they are, so a changed rule, shock or claim
/// count elsewhere never shifts anyone else's numbers (common random
/// numbers across scenarios and stress cells), and seeding costs a few
/// nanoseconds.
///
/// The stream is counter-based, so it can [`seek`](PersonRng::seek) to a
/// fixed slot: each kind of draw has slots of its own, and drawing more or
/// fewer numbers for one kind (because an event happened or a shock
/// changed a rate) never moves another kind's numbers.
#[derive(Debug, Clone)]
pub struct PersonRng {
    base: u64,
    ctr: u64,
}

impl PersonRng {
    #[inline]
    pub fn new(key: u64, id: u32) -> PersonRng {
        PersonRng { base: splitmix(key ^ u64::from(id).wrapping_mul(0xD1B5_4A32_D192_ED03)), ctr: 0 }
    }

    /// Continue from the `slot`-th number of the stream.
    #[inline]
    pub fn seek(&mut self, slot: u64) {
        self.ctr = slot;
    }
}

impl rand::TryRng for PersonRng {
    type Error = std::convert::Infallible;
    #[inline]
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }
    #[inline]
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.ctr = self.ctr.wrapping_add(1);
        let mut z = self.base.wrapping_add(self.ctr.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let v = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn seeking_replays_the_stream() {
        let mut a = PersonRng::new(7, 3);
        let first: Vec<u64> = (0..10).map(|_| a.random()).collect();
        let mut b = PersonRng::new(7, 3);
        b.seek(4);
        assert_eq!(b.random::<u64>(), first[4]);
        assert_ne!(PersonRng::new(7, 4).random::<u64>(), first[0]);
    }
}
