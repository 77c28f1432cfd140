//! `run_part` (issue 6, sharded runs): the parts of a run, put together in
//! path order, are the whole run, for the employee fund and the resident
//! fund beside it; an empty part is the run's description alone.

mod common;

use medfund_sim::montecarlo::{RunOptions, run, run_part};

#[test]
fn parts_put_together_are_the_whole_run() {
    let sc = common::scenario("chongqing")
        .with_overrides(&["projection.population.members=3000".into(), "projection.residents.members=3000".into()])
        .unwrap();
    let o = RunOptions { years: 2, paths: 5, seed: 17, overrides: vec![] };
    let whole = run(&sc, &o, &|| {}).unwrap();
    let resident = whole.resident.as_ref().expect("chongqing projects its resident fund");
    assert!(whole.info.districts.len() > 1 && !resident.rows.is_empty());
    let parts: Vec<_> = [0..2, 2..2, 2..5].into_iter().map(|r| run_part(&sc, &o, r, &|| {}).unwrap()).collect();
    let rows: Vec<_> = parts.iter().flat_map(|p| p.rows.clone()).collect();
    let resident_rows: Vec<_> = parts.iter().flat_map(|p| p.resident.as_ref().unwrap().rows.clone()).collect();
    assert_eq!(rows, whole.rows);
    assert_eq!(resident_rows, resident.rows);
    for p in &parts {
        assert_eq!(p.info, whole.info);
        assert_eq!(p.resident.as_ref().unwrap().info, resident.info);
    }
    assert!(parts[1].rows.is_empty());
    assert!(run_part(&sc, &o, 4..6, &|| {}).unwrap_err().contains("outside the run's 5 paths"));
}
