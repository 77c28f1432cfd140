//! # medfund-engine
//!
//! The part of medfund that is about the policy: scenarios (the texts as
//! dated data), the shared benefit-rule components, adjudication of a
//! member-year and the Chongqing district settlement. No output formats and
//! no heavy dependencies live here, so it builds and tests in seconds.
//!
//! Data flows one way: [`scenario`] → [`rules`] → [`adjudicate`] /
//! [`settle`]; [`contract`] reads and writes the JSON Lines of
//! `shared/spec/` around them.

pub mod adjudicate;
pub mod claims;
pub mod contract;
pub mod data;
pub mod ledger;
pub mod model;
pub mod money;
pub mod montecarlo;
pub mod population;
pub mod projection;
pub mod rules;
pub mod scenario;
pub mod settle;
pub mod workload;
