//! The claim kinds the texts settle apart from ordinary admissions and the
//! maternity lump sums (crates/medfund-sim/src/claims/kinds.rs,
//! data/claim_kinds.csv): each is drawn and paid in a ten-year projection
//! of the city whose text settles it, and only there.

mod common;

use medfund_sim::claims::KIND_NAMES;
use medfund_sim::montecarlo::{CalibrationStats, RunOptions, run_paths, setup};

/// Ten years of `paths` paths of a 20,000-member city: each kind's claims
/// and what the fund and the top-up paid on them, over every year.
fn ten_years(city: &str) -> [(u64, f64); 10] {
    let sc = common::scenario(city).with_overrides(&["projection.population.members=20000".to_string()]).unwrap();
    let o = RunOptions { years: 10, paths: 2, seed: 42, overrides: vec![] };
    let s = setup(&sc, &o).unwrap();
    let mut out = [(0u64, 0.0f64); 10];
    for (_, stats) in run_paths(&s, 0..2, &|| {}).unwrap() {
        assert_eq!(stats.len(), 10);
        for st in &stats {
            let st: &CalibrationStats = st;
            for (k, x) in st.kinds.iter().enumerate() {
                out[k].0 += x.0;
                out[k].1 += x.1;
            }
        }
    }
    out
}

fn index(name_starts: &str) -> usize {
    KIND_NAMES.iter().position(|n| n.starts_with(name_starts)).unwrap_or_else(|| panic!("{name_starts}"))
}

fn drawn_and_paid(city: &str, kinds: &[(&str, &str)], not_drawn: &[&str]) {
    let got = ten_years(city);
    for (name, article) in kinds {
        let (n, paid) = got[index(name)];
        assert!(n > 0 && paid > 0.0, "{city}: {name} ({article}): {n} claims, {paid} paid");
    }
    for name in not_drawn {
        assert_eq!(got[index(name)].0, 0, "{city}: {name} has no rule there, so is not drawn");
    }
}

#[test]
fn ziyang_draws_and_pays_its_kinds() {
    drawn_and_paid(
        "ziyang",
        &[
            ("death during emergency care", "000 第十八条（三）"),
            ("high-value drugs", "000 第二十条（二）"),
            ("stillbirths", "000 第二十四条（二）"),
            ("deliveries with a procedure", "000 第二十五条（六）: the ligation's 317 added"),
            ("rarer procedures", "000 第二十五条（五）（十一）（十二）"),
            ("several procedures", "000 第二十五条: each its amount"),
            ("complications", "000 第二十五条（十三）"),
            ("medical abortions completed", "000 第二十五条（九）"),
        ],
        &["newborns", "spouses reimbursed elsewhere"],
    );
}

#[test]
fn dingxi_draws_and_pays_its_kinds() {
    drawn_and_paid(
        "dingxi",
        &[
            ("death during emergency care", "003 第二十五条"),
            ("newborns", "003 第三十七条"),
            ("complications", "003 第三十八条: 85%"),
        ],
        &["high-value drugs", "spouses reimbursed elsewhere"],
    );
}

#[test]
fn luzhou_draws_and_pays_its_kinds() {
    drawn_and_paid(
        "luzhou",
        &[
            ("several procedures", "001 第三十二条（三）"),
            ("deliveries with a procedure", "001 第三十二条（三）"),
            ("spouses reimbursed elsewhere", "001 第三十八条: 350"),
        ],
        &["death during emergency care", "high-value drugs", "newborns", "complications"],
    );
}
