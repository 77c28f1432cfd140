//! What a projection reads besides the rules: the `[projection]` section of
//! a scenario ([`params`]) and the tables of `data/` ([`tables`]: life
//! table, age profiles, utilisation, fertility, wages, retirement ages,
//! districts; [`admission_lines`]: the lines of an admission's bill; [`claim_kinds`]: the rarer claim kinds; [`severity`]: special care by
//! severity; [`shocks`]: the economy's shocks).

pub mod admission_lines;
pub mod claim_kinds;
pub mod params;
pub mod severity;
pub mod shocks;
pub mod tables;
