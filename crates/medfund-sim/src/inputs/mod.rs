//! What a projection reads besides the rules: the `[projection]` section of
//! a scenario ([`params`]) and the tables of `data/` ([`tables`]: life
//! table, age profiles, utilisation, fertility, wages, retirement ages,
//! districts).

pub mod params;
pub mod tables;
