//! The shared benefit-rule components, one file per concept in the texts.
//! Each city is a parameterisation of these in `scenarios/`; nothing here
//! knows a city's name.
//!
//! [`crate::adjudicate`] composes them over a member-year.

pub mod annual_cap;
pub mod contribution;
pub mod deductible;
pub mod family_planning;
pub mod inpatient_terms;
pub mod maternity;
pub mod outpatient_pooling;
pub mod per_head_outflow;
pub mod place;
pub mod ratio;
pub mod resident_financing;
pub mod self_pay_first;
pub mod single_payment_drug;
pub mod special_outpatient;
pub mod tables;
pub mod top_up;
pub mod waiting_period;
