//! # medfund-analysis
//!
//! What is built on the projection of `medfund-sim`: analyses drive runs
//! and read their results, and change nothing below them.
//!
//! - [`accounts`]: a fund's reported figures (the accounts file).
//! - [`backtest`]: a projection beside the figures observed after its
//!   base year.
//! - [`fit`]: the projection's free parameters fitted to a base year's
//!   accounts, written as an overlay.
//! - [`calibration`]: the first projection year's figures beside the
//!   published ones of shared/calibration.md.
//! - [`compare`]: one population and one set of claims settled by several
//!   cities' rules, with the difference decomposed by rule family.
//! - [`stress`]: grids of scenario parameters on common random numbers,
//!   their metrics, and the lowest value that meets a target.

pub mod accounts;
pub mod backtest;
pub mod calibration;
pub mod compare;
pub mod fit;
pub mod sensitivity;
pub mod stress;
