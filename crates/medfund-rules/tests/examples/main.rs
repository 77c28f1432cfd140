//! Worked examples, city by city, each computed by hand from the policy
//! text with the article cited beside the arithmetic: one test binary for
//! the four cities (`examples/<city>.rs`).

#[path = "../common/mod.rs"]
mod common;

mod chongqing;
mod dingxi;
mod luzhou;
mod ziyang;
