//! Absurd values are refused on load (issue 12, defect 2; issue 13, safe
//! inputs): each probe that used to run with exit 0 and negative payments
//! or payments above the bill is now refused naming the file, the line,
//! the key, the value and the range.

mod common;

use common::scenario;

/// The error a built-in scenario gives with `sets` applied.
fn refused(city: &str, sets: &[&str]) -> String {
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    match scenario(city).with_overrides(&sets) {
        Ok(_) => panic!("{city} {sets:?} should be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn values_outside_their_range_are_refused_with_key_value_and_range() {
    // (scenario, --set, the key named, what the message must say)
    let probes: &[(&str, &str, &str, &str)] = &[
        (
            "ziyang",
            "employee.deductible.floor=-92",
            "employee.deductible.value.floor",
            "-92 is outside 0–10,000,000,000 (yuan)",
        ),
        ("dingxi", "employee.maternity.natural=-3000", "employee.maternity.value.natural", "-3000 is outside"),
        (
            "ziyang",
            "employee.family_planning.amounts.vasectomy=-79",
            "family_planning.value.amounts.vasectomy",
            "-79 is outside",
        ),
        (
            "ziyang",
            "context.avg_wage@2025=-37266",
            "context.avg_wage.values[",
            "-37266 is outside 1–10,000,000 (yuan a year)",
        ),
        (
            "ziyang",
            "projection.economy.shocks.epidemic.probability=2.0",
            "shocks.epidemic.probability",
            "2.0 is outside 0–1 (a share)",
        ),
        (
            "ziyang",
            "projection.economy.shocks.wage_freeze.probability=-1.0",
            "shocks.wage_freeze.probability",
            "-1.0 is outside 0–1",
        ),
        (
            "ziyang",
            "projection.economy.shocks.collection_shortfall.share=1.5",
            "collection_shortfall.share",
            "1.5 is outside 0–1",
        ),
        ("ziyang", "projection.economy.wage_growth.sd=-0.02", "wage_growth.sd", "-0.02 is outside 0–0.2"),
        ("ziyang", "projection.economy.interest.mean=nan", "interest.mean", "nan is outside"),
        ("ziyang", "employee.contribution.employee=1.5", "employee.contribution.value.employee", "1.5 is outside 0–1"),
        (
            "ziyang",
            "employee.contribution.employee=-0.02",
            "employee.contribution.value.employee",
            "-0.02 is outside 0–1",
        ),
        ("ziyang", "projection.fund.start_year=1000", "projection.fund.value.start_year", "1000 is outside 1990–2100"),
        // Meant 8%: 800% a year is refused, not projected into −43 trillion.
        (
            "ziyang",
            "projection.economy.medical_inflation.mean=8",
            "medical_inflation.mean",
            "8 is outside −0.2–0.3 (a yearly rate)",
        ),
        (
            "luzhou",
            "projection.residents.late_enrolment_share=1.2",
            "projection.residents",
            "`late_enrolment_share` = 1.2 is outside 0–1",
        ),
    ];
    for (city, set, key, message) in probes {
        let e = refused(city, &[set]);
        assert!(e.contains(key) && e.contains(message), "{city} --set {set}: {e}");
        // file:line: key `…`: the line of the value in the edited file.
        assert!(e.contains(".toml (with --set):"), "{city} --set {set}: no line in {e}");
    }
}

#[test]
fn values_that_contradict_each_other_are_refused() {
    // Ziyang 000 第九条（一）: the base lies between 100% and 300% of the
    // average wage; a cap below the floor cannot be applied.
    let e = refused("ziyang", &["employee.contribution.base_cap=0.5"]);
    assert!(e.contains("employee.contribution") && e.contains("below `base_floor`"), "{e}");
    // Ziyang 000 第二十七条: bands up to 50,000 and 100,000, then open;
    // reversed they cannot be applied in order.
    let e = refused(
        "ziyang",
        &[
            "employee.top_up.inpatient.bands=[{ up_to = 100000, local = 0.8, nonlocal = 0.6 }, { up_to = 50000, local = 0.9, nonlocal = 0.7 }, { local = 0.95, nonlocal = 0.95 }]",
        ],
    );
    assert!(e.contains("employee.top_up") && e.contains("out of order"), "{e}");
    // Shares of hospital levels that add to 1.5.
    let e = refused("ziyang", &["projection.claims.inpatient_levels.3A=0.8"]);
    assert!(e.contains("projection.claims") && e.contains("`inpatient_levels` add to 1.5"), "{e}");
}

#[test]
fn every_number_of_the_built_in_scenarios_has_a_range() {
    // Loading checks every number against its declared range; a number
    // whose key no rule covers is refused, so a load of each built-in city
    // proves the table covers all of them.
    for city in ["ziyang", "luzhou", "dingxi", "chongqing"] {
        scenario(city);
    }
}
