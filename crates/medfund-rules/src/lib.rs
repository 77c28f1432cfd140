//! # medfund-rules
//!
//! The policy, and nothing but the policy: what a fund pays on a claim and
//! what a district owes, exactly as the texts of `shared/seeds/` say.
//!
//! - [`money`]: yuan as integer fen, rates, the contract's rounding;
//!   overflow is an error.
//! - [`member_year`]: the values the rules take (a member, their claims of
//!   one calendar year, its context) and what they give back (payments).
//! - [`scenario`]: a city's scenario file with its dated, cited parameters,
//!   validated on load and resolved per scheme and year into flat tables;
//!   `--set` overrides. A scenario's `[projection]` section is read by the
//!   simulation layer (`medfund-sim`), which plugs its type in through
//!   [`scenario::Section`]; alone, this crate checks and ignores it.
//! - [`rules`]: the rule components, one file per concept of the texts
//!   (self-pay-first, deductible, ratio, annual cap, …).
//! - [`adjudicate`]: a member-year through the components, claim by claim.
//! - [`settle`]: Chongqing's district settlement (002 二（四）（五）).
//! - [`contract`]: the JSON Lines of `shared/spec/` around the two.
//! - [`benchmark_mix`]: a fixed mix of member-years for timing adjudication;
//!   [`suggest`]: "did you mean" for misspelt names.
//!
//! It knows nothing of populations, random numbers or the Monte Carlo
//! driver, and has small dependencies only (serde, toml), so it builds and
//! tests in seconds. Data flows one way: [`scenario`] → [`rules`] →
//! [`adjudicate`] / [`settle`].

pub mod adjudicate;
pub mod benchmark_mix;
pub mod contract;
pub mod member_year;
pub mod money;
pub mod rules;
pub mod scenario;
pub mod settle;
pub mod suggest;
