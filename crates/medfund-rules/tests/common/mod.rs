//! Shared helpers for the worked-example tests: run contract JSON through a
//! built-in scenario and read the payers back in yuan.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use medfund_rules::adjudicate::{ClaimOutcome, adjudicate};
use medfund_rules::contract::adjudication::parse_member_year;
use medfund_rules::contract::{LineError, adjudication, settlement};
use medfund_rules::money::Money;
use medfund_rules::scenario::{Scenario, Scheme};

fn scenarios_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios"))
}

/// A built-in scenario, loaded once per test binary.
pub fn scenario(name: &str) -> &'static Scenario {
    static CACHE: OnceLock<std::sync::Mutex<Vec<(String, &'static Scenario)>>> = OnceLock::new();
    let m = CACHE.get_or_init(Default::default);
    let mut v = m.lock().unwrap();
    if let Some((_, s)) = v.iter().find(|(n, _)| n == name) {
        return s;
    }
    let s: &'static Scenario = Box::leak(Box::new(
        Scenario::load(&scenarios_dir().join(format!("{name}.toml"))).unwrap_or_else(|e| panic!("{e}")),
    ));
    v.push((name.to_string(), s));
    s
}

/// Yuan with up to two decimals: `y("1234.5")`.
pub fn y(s: &str) -> Money {
    Money::parse_yuan(s).unwrap()
}

/// One claim's payers in yuan, for assertions: (fund, catastrophic, allowance, member).
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Paid {
    pub fund: Money,
    pub catastrophic: Money,
    pub allowance: Money,
    pub member: Money,
}

/// Expected payers, written in yuan: `paid("19566", "0", "0", "10434")`.
pub fn paid(fund: &str, catastrophic: &str, allowance: &str, member: &str) -> Paid {
    Paid { fund: y(fund), catastrophic: y(catastrophic), allowance: y(allowance), member: y(member) }
}

/// Adjudicate one member-year given as contract JSON; panics on bad input.
pub fn run(scenario_name: &str, json: &str) -> Vec<Paid> {
    run_outcomes(scenario_name, json)
        .into_iter()
        .map(|o| Paid {
            fund: o.payment.fund,
            catastrophic: o.payment.catastrophic,
            allowance: o.payment.allowance,
            member: o.payment.member,
        })
        .collect()
}

/// The same with the explanation steps.
pub fn run_outcomes(scenario_name: &str, json: &str) -> Vec<ClaimOutcome> {
    let sc = scenario(scenario_name);
    let (_, my) = parse_member_year(json).unwrap_or_else(|e| panic!("bad input: {e:?}"));
    let rules = sc.year_rules(Scheme::of(my.member.category), my.year).unwrap();
    adjudicate(&rules, &my, true).unwrap_or_else(|e| panic!("not adjudicated: {e}"))
}

/// The contract's error for a line that should be refused.
pub fn run_err(scenario_name: &str, json: &str) -> LineError {
    match adjudication::answer_line(scenario(scenario_name), json, false) {
        Ok(out) => panic!("expected an error, got {out}"),
        Err(e) => e,
    }
}

/// The settle contract's output line for one input line.
pub fn settle_line(json: &str) -> Result<String, LineError> {
    let rules = settlement::rules_of(scenario("chongqing")).unwrap();
    settlement::answer_line(&rules, json)
}
