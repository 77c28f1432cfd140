//! The flows chart: mean outflow by benefit type (stacked areas) and mean
//! income (a line) by year, with the outflow columns' colours and names.

use medfund_sim::ledger::LedgerYear;
use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{
    INK, Legend, MARKERS_UP_TO, Swatch, axes, darker, draw_legend, frame, money_unit, run_tag, year_range,
};
use super::text::de;

/// One colour per outflow column, in `LedgerYear::OUTFLOW` order.
const OUTFLOW_COLOURS: [RGBColor; 9] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(89, 161, 79),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(237, 201, 72),
    RGBColor(118, 183, 178),
    RGBColor(225, 87, 89),
];

/// Plain-English names of the outflow columns.
fn outflow_label(column: &str) -> String {
    match column {
        "inpatient" => "Inpatient".into(),
        "outpatient" => "Outpatient (pooled)".into(),
        "special_outpatient" => "Special outpatient".into(),
        "single_payment_drugs" => "Single-payment drugs".into(),
        "maternity_medical" => "Maternity medical".into(),
        "maternity_allowance" => "Maternity allowance".into(),
        "family_planning" => "Family planning".into(),
        "retiree_accounts" => "Retirees' accounts".into(),
        "top_up" => "Large-expense top-up".into(),
        other => {
            let s = other.replace('_', " ");
            let mut c = s.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

/// Draw the flows chart of `run`.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, run: &RunResult, g: bool) -> anyhow::Result<()> {
    let years: Vec<i32> = run.info.years.clone();
    let n = years.len();
    let k = LedgerYear::OUTFLOW.len();
    // Mean across paths, yuan: outflow by type, and income.
    let paths = f64::from(run.info.paths.max(1));
    let mut out = vec![vec![0.0; k]; n];
    let mut income = vec![0.0; n];
    for (i, t) in run.year_totals.iter().enumerate().take(n) {
        for (j, (_, f)) in LedgerYear::OUTFLOW.iter().enumerate() {
            out[i][j] = f(t).as_yuan_f64() / paths;
        }
        income[i] = t.income().as_yuan_f64() / paths;
    }
    let shown: Vec<usize> = (0..k).filter(|&j| out.iter().any(|row| row[j] != 0.0)).collect();
    let total = |i: usize| shown.iter().map(|&j| out[i][j]).sum::<f64>();
    let max_abs = (0..n).map(|i| total(i).max(income[i].abs())).fold(0.0, f64::max);
    let (unit, unit_name) = money_unit(max_abs);

    let (plot, legend_area) = frame(
        root,
        &format!("Pooled fund flows \u{2014} {}", run_tag(run)),
        "Mean across paths: outflow by benefit type (stacked areas) and income (line), all districts",
        g,
    )?;
    let xs: Vec<f64> = years.iter().map(|&y| f64::from(y)).collect();
    let (x0, x1) = year_range(&xs);
    let y0 = income.iter().fold(0.0, |m: f64, v| m.min(v / unit));
    let mut y1 = (max_abs / unit) * 1.08;
    if y1 <= y0 {
        y1 = y0 + 1.0;
    }
    let y_desc = format!("Mean per year across paths ({unit_name})");
    let mut chart = axes(root, &plot, (x0, x1), (y0, y1), n, &y_desc, g)?;

    // With a single year, give the areas some width.
    let xat = |i: usize| if n == 1 { [x0, x1] } else { [xs[i], xs[i]] };
    let mut base = vec![0.0; n];
    for &j in &shown {
        let top: Vec<f64> = (0..n).map(|i| base[i] + out[i][j] / unit).collect();
        let upper = (0..n).flat_map(|i| xat(i).map(|x| (x, top[i])));
        let lower = (0..n).rev().flat_map(|i| xat(i).map(|x| (x, base[i])).into_iter().rev());
        let mut pts: Vec<(f64, f64)> = upper.chain(lower).collect();
        pts.dedup();
        chart.draw_series(std::iter::once(Polygon::new(pts, OUTFLOW_COLOURS[j].mix(0.85).filled()))).map_err(de)?;
        let edge: Vec<(f64, f64)> = (0..n).flat_map(|i| xat(i).map(|x| (x, top[i]))).collect();
        chart.draw_series(LineSeries::new(edge, darker(OUTFLOW_COLOURS[j]).stroke_width(1))).map_err(de)?;
        base = top;
    }
    let inc: Vec<(f64, f64)> = (0..n).map(|i| (xs[i], income[i] / unit)).collect();
    chart.draw_series(LineSeries::new(inc.clone(), INK.stroke_width(3))).map_err(de)?;
    if n <= MARKERS_UP_TO {
        chart.draw_series(inc.iter().map(|&p| Circle::new(p, 5, INK.filled()))).map_err(de)?;
    }

    let income = match run.info.fund {
        medfund_sim::ledger::Fund::Employee => "Income (net of\npersonal-account credits)",
        // Where the fund runs short, the backstop's payments are income too.
        medfund_sim::ledger::Fund::Resident => "Income (financing,\ninterest, backstop)",
    };
    let mut entries = vec![(Swatch::Line(INK, 3), income.to_string())];
    for &j in shown.iter().rev() {
        entries.push((Swatch::Fill(OUTFLOW_COLOURS[j].mix(0.85)), outflow_label(LedgerYear::OUTFLOW[j].0)));
    }
    let mut note = vec![format!("Unit: {unit_name}."), String::new()];
    let hidden: Vec<String> =
        (0..k).filter(|j| !shown.contains(j)).map(|j| outflow_label(LedgerYear::OUTFLOW[j].0)).collect();
    if !hidden.is_empty() {
        note.push("Not shown (zero in every year):".into());
        note.extend(hidden);
    }
    draw_legend(&legend_area, &Legend { heading: "Mean across paths", entries, note }, g)
}
