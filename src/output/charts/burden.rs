//! The burden chart (districts that settle): who paid for districts'
//! overspends and collection shortfalls (stacked bars, top) and the
//! districts' retained surplus (a line, bottom), by year.

use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{INK, Legend, MARKERS_UP_TO, Swatch, axes, axes_titled, draw_legend, frame, money_unit_in, run_tag};
use super::text::de;
use crate::output::districts::{Settlement, YearTotals};
use crate::output::labels::ChartText;

const CITY_SHARE: RGBColor = RGBColor(78, 121, 167);
const SURPLUS_USED: RGBColor = RGBColor(89, 161, 79);
const GOVERNMENT: RGBColor = RGBColor(214, 39, 40);

/// Draw the burden chart of `run`'s settlement `s`.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    s: &Settlement,
    t: &ChartText,
    g: bool,
) -> anyhow::Result<()> {
    let n = s.years.len();
    let totals: Vec<_> = (0..n).map(|t| s.year_totals(t)).collect();
    let stack = |t: usize| totals[t].overspend_city + totals[t].surplus_used + totals[t].district_government;

    let (plot, legend_area) =
        frame(root, &format!("{} \u{2014} {}", t.burden_title, run_tag(run, t)), t.burden_subtitle, g)?;
    let xs: Vec<f64> = s.years.iter().map(|&y| f64::from(y)).collect();
    let (x0, x1) = match (xs.first(), xs.last()) {
        (Some(a), Some(b)) => (a - 0.6, b + 0.6),
        _ => (0.0, 1.0),
    };
    let (_, h) = plot.dim_in_pixel();
    let (upper, lower) = plot.split_vertically(h * 58 / 100);

    // Top: who paid, stacked bars.
    let (unit, unit_name) = money_unit_in((0..n).map(stack).fold(0.0, f64::max), t);
    let y1 = ((0..n).map(stack).fold(0.0, f64::max) / unit * 1.1).max(1e-9);
    let y_desc = (t.with_unit)(t.paid_axis, unit_name);
    let mut chart = axes_titled(root, &upper, (x0, x1), (0.0, y1), n, &y_desc, None, g)?;
    let half = 0.32;
    for (t, y) in totals.iter().enumerate() {
        let mut base = 0.0;
        for (v, c) in
            [(y.overspend_city, CITY_SHARE), (y.surplus_used, SURPLUS_USED), (y.district_government, GOVERNMENT)]
        {
            if v <= 0.0 {
                continue;
            }
            let top = base + v / unit;
            chart
                .draw_series(std::iter::once(Rectangle::new([(xs[t] - half, base), (xs[t] + half, top)], c.filled())))
                .map_err(de)?;
            base = top;
        }
    }

    // Bottom: the districts' retained surplus at year end.
    let max_surplus = totals.iter().map(|y| y.district_surplus.abs()).fold(0.0, f64::max);
    let (s_unit, s_unit_name) = money_unit_in(max_surplus, t);
    let lo = totals.iter().fold(0.0, |m: f64, y| m.min(y.district_surplus / s_unit));
    let hi = (max_surplus / s_unit * 1.1).max(lo + 1e-9);
    let y_desc = (t.with_unit)(t.surplus_axis, s_unit_name);
    let mut chart = axes(root, &lower, (x0, x1), (lo, hi), n, &y_desc, t.year, g)?;
    let line: Vec<(f64, f64)> = (0..n).map(|t| (xs[t], totals[t].district_surplus / s_unit)).collect();
    chart.draw_series(LineSeries::new(line.clone(), INK.stroke_width(3))).map_err(de)?;
    if n <= MARKERS_UP_TO {
        chart.draw_series(line.iter().map(|&p| Circle::new(p, 5, INK.filled()))).map_err(de)?;
    }

    let sum = |f: &dyn Fn(&YearTotals) -> f64| totals.iter().map(f).sum::<f64>();
    let mut note = if unit_name == s_unit_name {
        vec![format!("{}{}", (t.unit_is)(unit_name), t.stop)]
    } else {
        vec![(t.unit_top)(unit_name), (t.unit_bottom)(s_unit_name)]
    };
    note.push(String::new());
    note.push(t.totals_over_years.into());
    let sums =
        [sum(&|y| y.overspend_city), sum(&|y| y.surplus_used), sum(&|y| y.district_government), sum(&|y| y.retained)];
    for (what, v) in t.totals.iter().zip(sums) {
        note.push((t.total_line)(what, v));
    }
    let [gov, used, city, held] = t.burden_entries;
    let legend = Legend {
        heading: t.mean_across_paths,
        entries: vec![
            (Swatch::Fill(GOVERNMENT.mix(1.0)), gov.into()),
            (Swatch::Fill(SURPLUS_USED.mix(1.0)), used.into()),
            (Swatch::Fill(CITY_SHARE.mix(1.0)), city.into()),
            (Swatch::Line(INK, 3), held.into()),
        ],
        note,
    };
    draw_legend(&legend_area, &legend, g)
}
