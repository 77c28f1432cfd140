//! # medfund-sim
//!
//! The projection of a city's pooled funds over many stochastic futures,
//! built on the rules of `medfund-rules` (which it calls, never the other
//! way round).
//!
//! Data flows one way, from the bottom of this list to the top:
//! - [`montecarlo`]: the driver: paths in parallel, each from (seed, path),
//!   the employee and resident funds year by year, the summaries
//!   (percentiles, months of payment, depletion), run and part results.
//! - [`ledger`]: a fund's yearly account per district: income by payer,
//!   each benefit, interest, the district settlement, the balance.
//! - [`claims`]: a member-year's claims drawn from the claim model.
//! - [`population`]: the insured people of a path and how they move
//!   (ageing, deaths, retirement, entries, exits), employees and residents.
//! - [`inputs`]: what a projection reads besides the rules: the
//!   `[projection]` section of a scenario ([`inputs::params`]) and the
//!   tables of `data/` ([`inputs::tables`]).
//! - [`scenario`]: the scenario type of a projection (the rules' scenario
//!   with its `[projection]` section) and what it answers about a run.
//! - [`rng`] and [`sampling`]: each person's counter-based random stream
//!   and the draws built on it.
//!
//! No output formats live here: the command line writes the results.

pub mod claims;
pub mod inputs;
pub mod ledger;
pub mod montecarlo;
pub mod population;
pub mod rng;
pub mod sampling;
pub mod scenario;
pub mod sensitivity_ranges;

pub use scenario::{Projected, Scenario};
