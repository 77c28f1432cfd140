//! The flows chart: mean outflow by benefit type (stacked areas) and mean
//! income (a line) by year, with the outflow columns' colours and names.

use medfund_sim::ledger::LedgerYear;
use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{
    INK, Legend, MARKERS_UP_TO, Swatch, axes, darker, draw_legend, frame, money_unit_in, run_tag, year_range,
};
use super::text::de;
use crate::output::labels::ChartText;

/// One colour per outflow column, in `LedgerYear::RESIDENT_OUTFLOW` order.
const OUTFLOW_COLOURS: [RGBColor; 11] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(89, 161, 79),
    RGBColor(176, 122, 161),
    RGBColor(255, 157, 167),
    RGBColor(156, 117, 95),
    RGBColor(237, 201, 72),
    RGBColor(118, 183, 178),
    RGBColor(225, 87, 89),
    RGBColor(186, 176, 172),
    RGBColor(95, 75, 139),
];

/// The outflow columns' names in the words `t` (an unknown column by its
/// name, capitalised, underscores as spaces).
fn outflow_label(column: &str, t: &ChartText) -> String {
    match LedgerYear::RESIDENT_OUTFLOW.iter().position(|(c, _)| *c == column) {
        Some(j) => t.outflows[j].into(),
        None => {
            let s = column.replace('_', " ");
            let mut c = s.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

/// Draw the flows chart of `run`.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    t: &ChartText,
    g: bool,
) -> anyhow::Result<()> {
    let years: Vec<i32> = run.info.years.clone();
    let n = years.len();
    // The fund's outflow columns (those its rules can fill), each with
    // its colour and name by its place among all of them.
    let cols: Vec<&medfund_sim::ledger::MoneyColumn> = crate::output::tables::outflow_columns(&run.info).collect();
    let colour = |j: usize| {
        let at = LedgerYear::RESIDENT_OUTFLOW.iter().position(|(c, _)| *c == cols[j].0).unwrap_or(0);
        OUTFLOW_COLOURS[at]
    };
    let k = cols.len();
    // Mean across paths, yuan: outflow by type, and income.
    let paths = f64::from(run.info.paths.max(1));
    let mut out = vec![vec![0.0; k]; n];
    let mut income = vec![0.0; n];
    for (i, t) in run.year_totals.iter().enumerate().take(n) {
        for (j, (_, f)) in cols.iter().enumerate() {
            out[i][j] = f(t).as_yuan_f64() / paths;
        }
        income[i] = t.income().as_yuan_f64() / paths;
    }
    let shown: Vec<usize> = (0..k).filter(|&j| out.iter().any(|row| row[j] != 0.0)).collect();
    let total = |i: usize| shown.iter().map(|&j| out[i][j]).sum::<f64>();
    let max_abs = (0..n).map(|i| total(i).max(income[i].abs())).fold(0.0, f64::max);
    let (unit, unit_name) = money_unit_in(max_abs, t);

    let (plot, legend_area) =
        frame(root, &format!("{} \u{2014} {}", t.flows_title, run_tag(run, t)), t.flows_subtitle, g)?;
    let xs: Vec<f64> = years.iter().map(|&y| f64::from(y)).collect();
    let (x0, x1) = year_range(&xs);
    let y0 = income.iter().fold(0.0, |m: f64, v| m.min(v / unit));
    let mut y1 = (max_abs / unit) * 1.08;
    if y1 <= y0 {
        y1 = y0 + 1.0;
    }
    let y_desc = (t.with_unit)(t.flows_axis, unit_name);
    let mut chart = axes(root, &plot, (x0, x1), (y0, y1), n, &y_desc, t.year, g)?;

    // With a single year, give the areas some width.
    let xat = |i: usize| if n == 1 { [x0, x1] } else { [xs[i], xs[i]] };
    let mut base = vec![0.0; n];
    for &j in &shown {
        let top: Vec<f64> = (0..n).map(|i| base[i] + out[i][j] / unit).collect();
        let upper = (0..n).flat_map(|i| xat(i).map(|x| (x, top[i])));
        let lower = (0..n).rev().flat_map(|i| xat(i).map(|x| (x, base[i])).into_iter().rev());
        let mut pts: Vec<(f64, f64)> = upper.chain(lower).collect();
        pts.dedup();
        chart.draw_series(std::iter::once(Polygon::new(pts, colour(j).mix(0.85).filled()))).map_err(de)?;
        let edge: Vec<(f64, f64)> = (0..n).flat_map(|i| xat(i).map(|x| (x, top[i]))).collect();
        chart.draw_series(LineSeries::new(edge, darker(colour(j)).stroke_width(1))).map_err(de)?;
        base = top;
    }
    let inc: Vec<(f64, f64)> = (0..n).map(|i| (xs[i], income[i] / unit)).collect();
    chart.draw_series(LineSeries::new(inc.clone(), INK.stroke_width(3))).map_err(de)?;
    if n <= MARKERS_UP_TO {
        chart.draw_series(inc.iter().map(|&p| Circle::new(p, 5, INK.filled()))).map_err(de)?;
    }

    let income = match run.info.fund {
        medfund_sim::ledger::Fund::Employee => t.income_employee,
        // Where the fund runs short, the backstop's payments are income too.
        medfund_sim::ledger::Fund::Resident => t.income_resident,
    };
    let mut entries = vec![(Swatch::Line(INK, 3), income.to_string())];
    for &j in shown.iter().rev() {
        entries.push((Swatch::Fill(colour(j).mix(0.85)), outflow_label(cols[j].0, t)));
    }
    let mut note = vec![format!("{}{}", (t.unit_is)(unit_name), t.stop), String::new()];
    let hidden: Vec<String> = (0..k).filter(|j| !shown.contains(j)).map(|j| outflow_label(cols[j].0, t)).collect();
    if !hidden.is_empty() {
        note.push(t.not_shown.into());
        note.extend(hidden);
    }
    draw_legend(&legend_area, &Legend { heading: t.mean_across_paths, entries, note }, g)
}
