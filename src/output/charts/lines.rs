//! The line chart of a one-axis `medfund stress` grid: a metric against the
//! axis's value, with its Monte Carlo band where it has one, and the
//! current scenario's value as a vertical dashed line.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{FAN, GREY, INK, INNER, Legend, MEDIAN, Swatch, axis_number, draw_legend, font, frame, tint};
use super::text::{self, de};
use crate::output::labels;
use crate::output::lang::Lang;

/// What a chart's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YKind {
    /// Shares, drawn as percentages within 0–100%.
    Share,
    /// Calendar years (no thousands separator).
    Year,
    /// Plain numbers.
    Number,
}

/// A metric along one stress axis.
pub struct Lines {
    pub title: String,
    pub subtitle: String,
    pub x_title: String,
    pub y_desc: String,
    pub xs: Vec<f64>,
    /// The metric at each x (NaN or infinite: no point, a gap).
    pub ys: Vec<f64>,
    /// The band at each x (low, high), where there is one.
    pub band: Vec<Option<(f64, f64)>>,
    /// How the values read.
    pub kind: YKind,
    /// The current scenario's value of the axis.
    pub current: Option<f64>,
    /// Lines of the legend's note.
    pub note: Vec<String>,
    /// The language of the chart's own words.
    pub lang: Lang,
}

/// Draw the line chart `l`.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, l: &Lines, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &l.title, &l.subtitle, g)?;
    let words = labels::stress(l.lang);
    let percent = l.kind == YKind::Share;
    let scale = if percent { 100.0 } else { 1.0 };
    let xs_all = l.xs.iter().copied().chain(l.current).filter(|v| v.is_finite());
    let (mut x0, mut x1) = xs_all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !x0.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    let xpad = if x1 > x0 { (x1 - x0) * 0.04 } else { x0.abs().max(1.0) * 0.05 };
    (x0, x1) = (x0 - xpad, x1 + xpad);
    let ys = l.ys.iter().copied().chain(l.band.iter().flatten().flat_map(|(a, b)| [*a, *b]));
    let (mut y0, mut y1) = ys
        .filter(|v| v.is_finite())
        .map(|v| v * scale)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !y0.is_finite() {
        (y0, y1) = (0.0, 1.0);
    }
    if percent {
        (y0, y1) = (0.0, y1.clamp(1.0, 100.0));
    }
    if y1 - y0 < 1e-9 {
        (y0, y1) = (y0 - 1.0, y1 + 1.0);
    }
    let ypad = (y1 - y0) * 0.06;
    let (y0, y1) = (if percent { y0 } else { y0 - ypad }, y1 + ypad);
    let kind = l.kind;
    // No value at all (no median path runs dry): no numbers on the y axis.
    let any = l.ys.iter().any(|v| v.is_finite());
    let ytick = move |v: &f64| match kind {
        _ if !any => String::new(),
        YKind::Share => format!("{}%", axis_number(v)),
        YKind::Year if (v - v.round()).abs() < 1e-6 => format!("{v:.0}"),
        YKind::Year => String::new(),
        YKind::Number => axis_number(v),
    };
    let n_ticks = l.xs.len().clamp(2, 10);
    let mut chart = ChartBuilder::on(&plot)
        .margin_top(12)
        .margin_left(12)
        .margin_right(28)
        .margin_bottom(8)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(de)?;
    chart
        .configure_mesh()
        .x_labels(n_ticks)
        .y_labels(10)
        .x_label_formatter(&|v: &f64| axis_value(*v))
        .y_label_formatter(&ytick)
        .label_style(font(15.0, false, &INK))
        .bold_line_style(BLACK.mix(0.10))
        .max_light_lines(0)
        .axis_style(GREY)
        .draw()
        .map_err(de)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let desc = font(17.0, false, &INK);
    let centre = desc.pos(Pos::new(HPos::Center, VPos::Top));
    text::draw(root, &l.x_title, &centre, ((xr.start + xr.end) / 2, yr.end + 34), g)?;
    let up = TextStyle { font: desc.font.transform(FontTransform::Rotate270), ..centre };
    text::draw(root, &l.y_desc, &up, (xr.start - 100, (yr.start + yr.end) / 2), g)?;

    let clip = |v: f64| (v * scale).clamp(y0, y1);
    // The band, in runs of consecutive cells that have one.
    let n = l.xs.len();
    let mut i = 0;
    while i < n {
        if l.band[i].is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && l.band[i].is_some() {
            i += 1;
        }
        let run = start..i;
        let (lo, hi): (Vec<_>, Vec<_>) =
            run.clone().filter_map(|k| l.band[k].map(|(a, b)| ((l.xs[k], clip(a)), (l.xs[k], clip(b))))).unzip();
        let poly: Vec<(f64, f64)> = if run.len() == 1 {
            let (x, w) = (l.xs[start], (x1 - x0) * 0.01);
            vec![(x - w, lo[0].1), (x + w, lo[0].1), (x + w, hi[0].1), (x - w, hi[0].1)]
        } else {
            hi.iter().copied().chain(lo.iter().rev().copied()).collect()
        };
        chart.draw_series(std::iter::once(Polygon::new(poly, tint(FAN, INNER).filled()))).map_err(de)?;
    }
    // The line, broken where the metric is undefined.
    let ok = |k: usize| l.ys[k].is_finite();
    let mut k = 0;
    while k < n {
        if !ok(k) {
            k += 1;
            continue;
        }
        let start = k;
        while k < n && ok(k) {
            k += 1;
        }
        let pts: Vec<(f64, f64)> = (start..k).map(|j| (l.xs[j], clip(l.ys[j]))).collect();
        chart.draw_series(LineSeries::new(pts.clone(), MEDIAN.stroke_width(3))).map_err(de)?;
        chart.draw_series(pts.into_iter().map(|p| Circle::new(p, 4, MEDIAN.filled()))).map_err(de)?;
    }
    let mut note = l.note.clone();
    let mut entries = vec![(Swatch::Line(MEDIAN, 3), words.value.to_string())];
    if l.band.iter().any(Option::is_some) {
        entries.push((Swatch::Fill(tint(FAN, INNER).mix(1.0)), words.band.to_string()));
    } else {
        note.extend(words.no_band.iter().map(|s| s.to_string()));
    }
    if let Some(c) = l.current.filter(|c| c.is_finite()) {
        chart.draw_series(DashedLineSeries::new([(c, y0), (c, y1)], 8, 5, INK.stroke_width(2))).map_err(de)?;
        let on_grid = l.xs.iter().any(|x| (x - c).abs() < 1e-9);
        let mut entry = format!("{}: {}", words.current, axis_value(c));
        let inside = l.xs.iter().any(|x| *x < c) && l.xs.iter().any(|x| *x > c);
        if !on_grid {
            entry.push('\n');
            entry.push_str(if inside { words.between } else { words.off_grid });
        }
        entries.push((Swatch::Dashed(INK), entry));
    }
    draw_legend(&legend_area, &Legend { heading: words.heading, entries, note }, g)
}

/// An axis value as people read it: at most 6 decimals, no trailing zeros.
pub(super) fn axis_value(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "\u{2212}")
}
