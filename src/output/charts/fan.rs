//! The fan charts: percentiles across paths by year. `months_fan` (months
//! of payment, with the reserve guidance zones and lines) and
//! `balance_fan` (the closing balance, with a zero line) build a [`Fan`];
//! [`draw`] draws either.

use medfund_sim::montecarlo::RunResult;
use medfund_sim::montecarlo::summary::GUIDANCE_MONTHS;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    ADEQUATE, FAN, GREY, INK, INNER, Legend, MARKERS_UP_TO, MEDIAN, OUTER, Swatch, TOO_HIGH, TOO_LOW, axes,
    axis_number, darker, draw_legend, font, frame, money_unit_in, run_tag, segments, tint, widen, year_range,
};
use super::text::{self, de};
use crate::output::labels::ChartText;

/// Months of payment by year: percentile fan with the reserve guidance.
pub(super) fn months_fan(run: &RunResult, t: &'static ChartText) -> Fan {
    let s = &run.summary;
    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    Fan {
        title: format!("{} \u{2014} {}", t.months_title, run_tag(run, t)),
        subtitle: t.months_subtitle.into(),
        y_desc: t.months_axis.into(),
        x_title: t.year,
        years: s.iter().map(|y| f64::from(y.year)).collect(),
        pct: s.iter().map(|y| y.months_pct.map(|v| v.is_finite().then_some(v))).collect(),
        guidance: Some(t),
        zero_line: false,
        observed: Vec::new(),
        legend: Legend {
            heading: t.across_paths,
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), t.p5_95.into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), t.p25_75.into()),
                (Swatch::Line(MEDIAN, 3), t.median.into()),
                (Swatch::Dashed(GREY), (t.guidance_levels)(GUIDANCE_MONTHS)),
                (Swatch::Fill(TOO_LOW.mix(0.12)), (t.too_low_entry)(g3)),
                (Swatch::Fill(ADEQUATE.mix(0.14)), (t.adequate_entry)(g6, g9)),
                (Swatch::Fill(TOO_HIGH.mix(0.12)), (t.too_high_entry)(g15)),
            ],
            note: t.no_months_note.iter().map(|l| l.to_string()).collect(),
        },
    }
}

/// Closing balance by year: percentile fan with a zero line.
pub(super) fn balance_fan(run: &RunResult, t: &ChartText) -> Fan {
    let s = &run.summary;
    let max_abs = s.iter().flat_map(|y| y.balance_pct).filter(|v| v.is_finite()).fold(0.0_f64, |m, v| m.max(v.abs()));
    let (unit, unit_name) = money_unit_in(max_abs, t);
    Fan {
        title: format!("{} \u{2014} {}", t.balance_title, run_tag(run, t)),
        subtitle: t.balance_subtitle.into(),
        y_desc: (t.with_unit)(t.balance_axis, unit_name),
        x_title: t.year,
        years: s.iter().map(|y| f64::from(y.year)).collect(),
        pct: s.iter().map(|y| y.balance_pct.map(|v| v.is_finite().then_some(v / unit))).collect(),
        guidance: None,
        zero_line: true,
        observed: Vec::new(),
        legend: Legend {
            heading: t.across_paths,
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), t.p5_95.into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), t.p25_75.into()),
                (Swatch::Line(MEDIAN, 3), t.median.into()),
                (Swatch::Line(TOO_LOW, 2), t.zero_balance.into()),
            ],
            note: vec![(t.unit_is)(unit_name), (t.one_is)(&axis_number(&unit))],
        },
    }
}

/// A fan chart's data and words.
pub struct Fan {
    title: String,
    subtitle: String,
    y_desc: String,
    /// The title under the year axis.
    x_title: &'static str,
    years: Vec<f64>,
    /// Per year, the values at the 5th, 25th, 50th, 75th, 95th percentile
    /// (None when not finite).
    pct: Vec<[Option<f64>; 5]>,
    /// Months chart: guidance zones and lines, the zones named in these
    /// words.
    guidance: Option<&'static ChartText>,
    /// A red line at zero (the balance: below it the fund is depleted).
    zero_line: bool,
    /// Observed values (year, value) drawn as points over the fan.
    observed: Vec<(f64, f64)>,
    legend: Legend,
}

/// A backtest's chart of one figure: the projection's fan by year with the
/// observed values as points. `pct` per year in the figure's unit of
/// `y_desc` (None where not projected).
pub fn backtest_fan(
    title: String,
    y_desc: String,
    years: &[i32],
    pct: Vec<Option<[f64; 5]>>,
    observed: Vec<(i32, f64)>,
    unit_note: String,
    lang: crate::output::lang::Lang,
) -> Fan {
    let t = crate::output::labels::backtest(lang);
    Fan {
        title,
        subtitle: t.subtitle.into(),
        y_desc,
        years: years.iter().map(|y| f64::from(*y)).collect(),
        pct: pct.into_iter().map(|p| p.map_or([None; 5], |p| p.map(|v| v.is_finite().then_some(v)))).collect(),
        x_title: t.x_title,
        guidance: None,
        zero_line: false,
        observed: observed.into_iter().map(|(y, v)| (f64::from(y), v)).collect(),
        legend: Legend {
            heading: t.heading,
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), t.entries[0].into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), t.entries[1].into()),
                (Swatch::Line(MEDIAN, 3), t.entries[2].into()),
                (Swatch::Line(INK, 8), t.entries[3].into()),
            ],
            note: vec![unit_note],
        },
    }
}

/// `medfund diff`'s chart: a paired difference by year (`d` per year with
/// its standard error, in the unit of `y_desc`; None where not finite)
/// with bands of one and two standard errors and a zero line.
pub fn diff_fan(
    title: String,
    subtitle: String,
    y_desc: String,
    years: &[i32],
    d: &[Option<(f64, f64)>],
    unit_note: String,
    lang: crate::output::lang::Lang,
) -> Fan {
    let t = crate::output::labels::diff(lang);
    Fan {
        title,
        subtitle,
        y_desc,
        years: years.iter().map(|y| f64::from(*y)).collect(),
        pct: d
            .iter()
            .map(|x| match x {
                Some((v, se)) if v.is_finite() && se.is_finite() => {
                    [v - 2.0 * se, v - se, *v, v + se, v + 2.0 * se].map(Some)
                }
                Some((v, _)) if v.is_finite() => [None, None, Some(*v), None, None],
                _ => [None; 5],
            })
            .collect(),
        x_title: t.x_title,
        guidance: None,
        zero_line: true,
        observed: Vec::new(),
        legend: Legend {
            heading: t.heading,
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), t.entries[0].into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), t.entries[1].into()),
                (Swatch::Line(MEDIAN, 3), t.entries[2].into()),
                (Swatch::Line(TOO_LOW, 2), t.entries[3].into()),
            ],
            note: vec![unit_note],
        },
    }
}

/// Draw a fan: bands, median, and the guidance or the zero line.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Fan, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &f.title, &f.subtitle, g)?;
    let (x0, x1) = year_range(&f.years);

    let values = f.pct.iter().flatten().flatten().copied().chain(f.observed.iter().map(|o| o.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let top_floor = if f.guidance.is_some() { GUIDANCE_MONTHS[3] * 1.2 } else { 0.0 };
    let (mut y0, mut y1) = (lo.min(0.0), hi.max(top_floor));
    if y1 - y0 < 1e-9 {
        y1 = y0 + 1.0;
    }
    let pad = (y1 - y0) * 0.06;
    y1 += pad;
    if y0 < 0.0 {
        y0 -= pad;
    }

    let mut chart = axes(root, &plot, (x0, x1), (y0, y1), f.years.len(), &f.y_desc, f.x_title, g)?;

    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    if f.guidance.is_some() {
        for (a, b, c, alpha) in [(y0, g3, TOO_LOW, 0.12), (g6, g9, ADEQUATE, 0.14), (g15, y1, TOO_HIGH, 0.12)] {
            let (a, b) = (a.max(y0), b.min(y1));
            if b > a {
                chart
                    .draw_series(std::iter::once(Rectangle::new([(x0, a), (x1, b)], c.mix(alpha).filled())))
                    .map_err(de)?;
            }
        }
    }

    let n = f.years.len();
    let band = |lo_i: usize, hi_i: usize, alpha: f64| -> Vec<Polygon<(f64, f64)>> {
        segments(n, |i| f.pct[i][lo_i].is_some() && f.pct[i][hi_i].is_some())
            .into_iter()
            .map(|r| {
                let one = r.len() == 1;
                let upper =
                    r.clone().flat_map(|i| widen(f.years[i], one).map(|x| (x, f.pct[i][hi_i].unwrap_or_default())));
                let lower = r.clone().rev().flat_map(|i| {
                    let [a, b] = widen(f.years[i], one);
                    [b, a].map(|x| (x, f.pct[i][lo_i].unwrap_or_default()))
                });
                Polygon::new(upper.chain(lower).collect::<Vec<_>>(), tint(FAN, alpha).filled())
            })
            .collect()
    };
    chart.draw_series(band(0, 4, OUTER)).map_err(de)?;
    chart.draw_series(band(1, 3, INNER)).map_err(de)?;

    if f.guidance.is_some() {
        for g in GUIDANCE_MONTHS.into_iter().filter(|g| (y0..=y1).contains(g)) {
            chart
                .draw_series(DashedLineSeries::new([(x0, g), (x1, g)], 10, 6, GREY.mix(0.9).stroke_width(2)))
                .map_err(de)?;
        }
    } else if f.zero_line && (y0..=y1).contains(&0.0) {
        chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], TOO_LOW.stroke_width(2))).map_err(de)?;
    }

    for r in segments(n, |i| f.pct[i][2].is_some()) {
        let one = r.len() == 1;
        let pts: Vec<(f64, f64)> = r.map(|i| (f.years[i], f.pct[i][2].unwrap_or_default())).collect();
        let line: Vec<(f64, f64)> = pts.iter().flat_map(|&(x, y)| widen(x, one).map(|x| (x, y))).collect();
        chart.draw_series(LineSeries::new(line, MEDIAN.stroke_width(3))).map_err(de)?;
        if n <= MARKERS_UP_TO {
            chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 4, MEDIAN.filled()))).map_err(de)?;
        }
    }

    if !f.observed.is_empty() {
        chart.draw_series(f.observed.iter().map(|&p| Circle::new(p, 7, WHITE.filled()))).map_err(de)?;
        chart.draw_series(f.observed.iter().map(|&p| Circle::new(p, 6, INK.filled()))).map_err(de)?;
    }

    if let Some(t) = f.guidance {
        // Zone names inside the plot at its right edge, each on a white
        // label, drawn only where the zone is tall enough to hold it.
        let px = |y: f64| chart.backend_coord(&(x1, y));
        let style = font(15.0, true, &INK);
        let right = px(y0).0 - 8;
        let labels = [
            ((t.too_low_zone)(g3), TOO_LOW, y0, g3, VPos::Top),
            ((t.adequate_zone)(g6, g9), ADEQUATE, g6, g9, VPos::Center),
            ((t.too_high_zone)(g15), TOO_HIGH, g15, y1, VPos::Bottom),
        ];
        for (text, colour, a, b, v) in labels {
            let (a, b) = (a.max(y0), b.min(y1));
            let (pa, pb) = (px(a).1, px(b).1); // pa below pb on screen
            let (w, h) = (text::width(&style, &text), 15);
            if b <= a || pa - pb < h + 10 {
                continue;
            }
            let (top, anchor_y) = match v {
                VPos::Top => (pb + 5, pb + 5),
                VPos::Center => ((pa + pb) / 2 - h / 2, (pa + pb) / 2),
                VPos::Bottom => (pa - 5 - h, pa - 5),
            };
            root.draw(&Rectangle::new([(right - w - 6, top - 2), (right + 4, top + h + 2)], WHITE.mix(0.85).filled()))
                .map_err(de)?;
            text::draw(root, &text, &style.color(&darker(colour)).pos(Pos::new(HPos::Right, v)), (right, anchor_y), g)?;
        }
    }

    draw_legend(&legend_area, &f.legend, g)
}
