//! The charts of `medfund stress`: a grid of one axis draws each metric as
//! a line against the axis value with its Monte Carlo band; a grid of two
//! draws heatmaps. Both mark the current scenario (the scenario's own value
//! of each axis: dingxi's employers pay 6.7%, medical inflation 5%).

mod common;

use common::{medfund_ok, scratch};

const METRICS: [&str; 5] =
    ["p_months6_every_year", "p_months3_every_year", "p_depletion", "median_first_depletion", "median_final_months"];

fn stress(out: &std::path::Path, grids: &[&str]) {
    let mut a = vec![
        "stress",
        "--scenario",
        "dingxi",
        "--set",
        "projection.population.members=300",
        "--years",
        "2",
        "--paths",
        "3",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    for g in grids {
        a.extend(["--grid", g]);
    }
    medfund_ok(&a);
}

#[test]
fn one_axis_draws_lines_with_the_current_scenario() {
    let d = scratch("stress_charts", "one");
    stress(&d, &["employer_rate=0.06,0.067,0.07"]);
    for m in METRICS {
        let svg = std::fs::read_to_string(d.join(format!("stress_{m}.svg"))).unwrap();
        assert!(d.join(format!("stress_{m}.png")).is_file(), "{m}.png");
        assert!(svg.contains("current scenario: 0.067"), "{m}: no current-scenario label");
        assert!(!svg.contains(">Colour<"), "{m}: a heatmap's colour legend");
        // The current scenario's dashed line: a vertical path at one x.
        assert!(svg.contains("stroke=\"#212529\" stroke-width=\"2\""), "{m}: no dashed line");
    }
    // The probability's line (width 3) through its three cells, and its
    // band (a filled polygon).
    let svg = std::fs::read_to_string(d.join("stress_p_months6_every_year.svg")).unwrap();
    let line = svg
        .split("<polyline")
        .skip(1)
        .find(|p| p.contains("stroke-width=\"3\"") && p.contains("points="))
        .expect("a line of the metric");
    let points = line.split("points=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(points.split_whitespace().count() >= 3, "{points}");
    assert!(svg.contains("<polygon"), "no band");
    assert!(svg.contains("standard errors"));
    // The medians say why they have no band.
    let svg = std::fs::read_to_string(d.join("stress_median_final_months.svg")).unwrap();
    assert!(svg.contains("No band"), "median chart without its note");
}

#[test]
fn two_axes_draw_heatmaps_with_the_current_cell_outlined() {
    let d = scratch("stress_charts", "two");
    stress(&d, &["employer_rate=0.06,0.067", "medical_inflation=0.04,0.05"]);
    for m in METRICS {
        let svg = std::fs::read_to_string(d.join(format!("stress_{m}.svg"))).unwrap();
        assert!(svg.contains(">Colour<") || svg.contains("Colour"), "{m}: not a heatmap");
        assert!(svg.contains("current scenario"), "{m}: no legend entry");
        assert!(svg.contains("employer_rate 0.067") && svg.contains("medical_inflation 0.05"), "{m}");
        // The outline of the current cell: a path 4 wide.
        assert!(svg.contains("stroke-width=\"4\""), "{m}: no outlined cell");
        assert!(!svg.contains("not on the grid"), "{m}");
    }
    // The workbook's README names the current scenario too.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(d.join("stress.xlsx")).unwrap();
    use calamine::Reader as _;
    let readme: Vec<String> =
        wb.worksheet_range("README").unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert!(
        readme
            .iter()
            .any(|r| r.contains("current scenario") && r.contains("employer_rate 0.067; medical_inflation 0.05")),
        "{readme:?}"
    );
    // Off the grid: named, nothing outlined.
    let d = scratch("stress_charts", "off");
    stress(&d, &["employer_rate=0.06,0.07", "medical_inflation=0.04,0.08"]);
    let svg = std::fs::read_to_string(d.join("stress_p_depletion.svg")).unwrap();
    assert!(svg.contains("current scenario") && svg.contains("(not on the grid)"));
    assert!(!svg.contains("stroke-width=\"4\""));
}
