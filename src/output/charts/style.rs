//! The style every chart shares, in one place: the canvas size, fonts,
//! colours and tints, the legend panel, the frame (title, subtitle, plot
//! and legend areas), the year axes, number, money and year labels, and
//! the helpers that break lines and bands into segments.

use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::text::{self, de};
use crate::output::labels::{self, ChartText, RunTag};
use crate::output::lang::Lang;

// ------------------------------------------------------- canvas and fonts

/// Mark each year's point on lines over at most this many years.
pub(super) const MARKERS_UP_TO: usize = 15;
/// Pixel size of every chart.
pub(super) const SIZE: (u32, u32) = (1200, 700);
pub(super) const HEADER_H: u32 = 78;
pub(super) const LEGEND_W: u32 = 270;
/// The family the fonts are registered under (plotters' `SansSerif`).
pub(super) const FONT: &str = "sans-serif";

/// A text style in DejaVu Sans.
pub(super) fn font(size: f64, bold: bool, colour: &RGBColor) -> TextStyle<'_> {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    TextStyle::from(FontDesc::new(FontFamily::SansSerif, size, style)).color(colour)
}

// ---------------------------------------------------------------- colours

pub(super) const INK: RGBColor = RGBColor(33, 37, 41);
pub(super) const GREY: RGBColor = RGBColor(110, 117, 125);
pub(super) const FAN: RGBColor = RGBColor(31, 94, 168);
pub(super) const MEDIAN: RGBColor = RGBColor(13, 45, 94);
/// Strength of the fan bands (opaque tints, so the guidance zones under
/// them do not muddy their colour).
pub(super) const OUTER: f64 = 0.22;
pub(super) const INNER: f64 = 0.45;
pub(super) const TOO_LOW: RGBColor = RGBColor(214, 39, 40);
pub(super) const ADEQUATE: RGBColor = RGBColor(44, 160, 44);
pub(super) const TOO_HIGH: RGBColor = RGBColor(230, 140, 0);

/// `c` mixed with white: `a` = 1 is `c`, 0 is white.
pub(super) fn tint(c: RGBColor, a: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - f64::from(v)) * a).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// `c` darkened to 80% (the edges of areas, the zone names).
pub(super) fn darker(c: RGBColor) -> RGBColor {
    RGBColor(c.0 / 10 * 8, c.1 / 10 * 8, c.2 / 10 * 8)
}

/// Colour of a share of paths in [0, 1] (yellow through red to dark red);
/// exactly zero is a neutral grey.
pub(super) fn share_colour(p: f64) -> RGBColor {
    const STOPS: [(f64, (f64, f64, f64)); 5] = [
        (0.0, (255.0, 245.0, 190.0)),
        (0.25, (254.0, 190.0, 90.0)),
        (0.5, (246.0, 120.0, 50.0)),
        (0.75, (215.0, 40.0, 35.0)),
        (1.0, (120.0, 0.0, 38.0)),
    ];
    if p <= 0.0 {
        return RGBColor(236, 236, 236);
    }
    let p = p.min(1.0);
    let i = STOPS.iter().rposition(|(at, _)| *at <= p).unwrap_or(0).min(STOPS.len() - 2);
    let ((a, ca), (b, cb)) = (STOPS[i], STOPS[i + 1]);
    let f = (p - a) / (b - a);
    let mix = |u: f64, v: f64| (u + (v - u) * f).round() as u8;
    RGBColor(mix(ca.0, cb.0), mix(ca.1, cb.1), mix(ca.2, cb.2))
}

// ----------------------------------------------------------------- legend

pub(super) enum Swatch {
    Fill(RGBAColor),
    Line(RGBColor, u32),
    Dashed(RGBColor),
    /// A whisker: a line with a tick at each end (±1.96 standard errors).
    Whisker(RGBColor),
}

pub(super) struct Legend {
    pub(super) heading: &'static str,
    pub(super) entries: Vec<(Swatch, String)>,
    pub(super) note: Vec<String>,
}

pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    legend: &Legend,
    g: bool,
) -> anyhow::Result<()> {
    let head = font(17.0, true, &INK);
    let label = font(15.0, false, &INK);
    let note = font(13.0, false, &GREY);
    let x = 8;
    let mut y = 18;
    text::draw(area, legend.heading, &head, (x, y), g)?;
    y += 32;
    for (swatch, entry) in &legend.entries {
        let mid = y + 8;
        match swatch {
            Swatch::Fill(c) => area.draw(&Rectangle::new([(x, y), (x + 30, y + 16)], c.filled())),
            Swatch::Line(c, w) => area.draw(&PathElement::new(vec![(x, mid), (x + 30, mid)], c.stroke_width(*w))),
            Swatch::Dashed(c) => area
                .draw(&PathElement::new(vec![(x, mid), (x + 12, mid)], c.stroke_width(2)))
                .and_then(|()| area.draw(&PathElement::new(vec![(x + 18, mid), (x + 30, mid)], c.stroke_width(2)))),
            Swatch::Whisker(c) => area
                .draw(&PathElement::new(vec![(x + 2, mid), (x + 28, mid)], c.stroke_width(2)))
                .and_then(|()| {
                    area.draw(&PathElement::new(vec![(x + 2, mid - 6), (x + 2, mid + 6)], c.stroke_width(2)))
                })
                .and_then(|()| {
                    area.draw(&PathElement::new(vec![(x + 28, mid - 6), (x + 28, mid + 6)], c.stroke_width(2)))
                }),
        }
        .map_err(de)?;
        for (i, line) in entry.lines().enumerate() {
            text::draw(area, line, &label, (x + 40, y + i as i32 * 19), g)?;
        }
        y += 19 * entry.lines().count().max(1) as i32 + 13;
    }
    y += 8;
    for line in &legend.note {
        text::draw(area, line, &note, (x, y), g)?;
        y += 17;
    }
    Ok(())
}

// ----------------------------------------------------------------- layout

/// Fill the background, draw title and subtitle, split off the legend
/// panel; returns (plot area, legend area).
#[allow(clippy::type_complexity)]
pub(super) fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    g: bool,
) -> anyhow::Result<(DrawingArea<DB, Shift>, DrawingArea<DB, Shift>)> {
    root.fill(&WHITE).map_err(de)?;
    let (header, body) = root.split_vertically(HEADER_H);
    text::draw(&header, title, &font(25.0, true, &INK), (24, 16), g)?;
    text::draw(&header, subtitle, &font(16.0, false, &GREY), (24, 50), g)?;
    let (w, _) = body.dim_in_pixel();
    let (plot, legend) = body.split_horizontally(w - LEGEND_W);
    Ok((plot, legend))
}

pub(super) type Plot<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// The plot with years across (titled `x_title`) and `y_desc` up: grid,
/// tick labels and axis titles (the titles drawn here rather than by
/// plotters, see `text`).
#[allow(clippy::too_many_arguments)]
pub(super) fn axes<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &'a DrawingArea<DB, Shift>,
    x: (f64, f64),
    y: (f64, f64),
    n_years: usize,
    y_desc: &str,
    x_title: &str,
    g: bool,
) -> anyhow::Result<Plot<'a, DB>> {
    axes_titled(root, plot, x, y, n_years, y_desc, Some(x_title), g)
}

/// `axes`, with the title under the x axis only when `x_title` is given
/// (a panel above another leaves it to the one below).
#[allow(clippy::too_many_arguments)]
pub(super) fn axes_titled<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &'a DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    n_years: usize,
    y_desc: &str,
    x_title: Option<&str>,
    g: bool,
) -> anyhow::Result<Plot<'a, DB>> {
    let mut chart = ChartBuilder::on(plot)
        .margin_top(12)
        .margin_left(12)
        .margin_right(28)
        .margin_bottom(8)
        .x_label_area_size(if x_title.is_some() { 62 } else { 30 })
        .y_label_area_size(100)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(de)?;
    chart
        .configure_mesh()
        .x_labels(n_years.clamp(2, 12))
        .y_labels(10)
        .x_label_formatter(&year_label)
        .y_label_formatter(&axis_number)
        .label_style(font(15.0, false, &INK))
        .bold_line_style(BLACK.mix(0.10))
        .max_light_lines(0)
        .axis_style(GREY)
        .draw()
        .map_err(de)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let desc = font(17.0, false, &INK);
    let centre = desc.pos(Pos::new(HPos::Center, VPos::Top));
    if let Some(title) = x_title {
        text::draw(root, title, &centre, ((xr.start + xr.end) / 2, yr.end + 34), g)?;
    }
    let up = TextStyle { font: desc.font.transform(FontTransform::Rotate270), ..centre };
    text::draw(root, y_desc, &up, (xr.start - 100, (yr.start + yr.end) / 2), g)?;
    Ok(chart)
}

// ----------------------------------------------------------------- labels

/// The x range of the year axis: the years, with a little room for the
/// markers at either end (half a year each side for a single year).
pub(super) fn year_range(years: &[f64]) -> (f64, f64) {
    let lo = years.first().copied().unwrap_or(0.0);
    let hi = years.last().copied().unwrap_or(lo);
    let pad = if hi > lo { (hi - lo) * 0.015 } else { 0.5 };
    (lo - pad, hi + pad)
}

fn year_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 { format!("{:.0}", v) } else { String::new() }
}

/// A number for an axis: thousands separated, at most 2 decimals, no
/// trailing zeros, a true minus sign.
pub fn axis_number(v: &f64) -> String {
    let v = if v.abs() < 1e-9 { 0.0 } else { *v };
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (sign, s) = match s.strip_prefix('-') {
        Some(r) if r != "0" => ("\u{2212}", r),
        Some(r) => ("", r),
        None => ("", s),
    };
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The unit for money on an axis: 亿元 (1e8 yuan) when the values reach
/// one, otherwise 万元 (1e4 yuan).
pub fn money_unit(max_abs: f64) -> (f64, &'static str) {
    money_unit_in(max_abs, labels::chart(Lang::En))
}

/// [`money_unit`] with the unit's name in the words `t`.
pub fn money_unit_in(max_abs: f64, t: &ChartText) -> (f64, &'static str) {
    if max_abs >= 1e8 { (1e8, t.unit_yi) } else { (1e4, t.unit_wan) }
}

/// An amount of yuan in words: millions from a million, else whole yuan.
pub fn money_words(v: f64) -> String {
    if v.abs() >= 1e6 { format!("{:.1} million yuan", v / 1e6) } else { format!("{} yuan", axis_number(&v.round())) }
}

// --------------------------------------------------------------- segments

/// A year's x extent in a band or line: the year itself, or a quarter year
/// either side when it stands alone (a single year, or between gaps), so it
/// shows as a box rather than a hairline.
pub(super) fn widen(x: f64, alone: bool) -> [f64; 2] {
    if alone { [x - 0.25, x + 0.25] } else { [x, x] }
}

/// Runs of consecutive indices where `ok` holds (to break lines and bands
/// where a statistic is undefined).
pub(super) fn segments(n: usize, ok: impl Fn(usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=n {
        match (start, i < n && ok(i)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The run in a few words, after each chart's title: scenario, fund,
/// paths, seed and years.
pub(super) fn run_tag(run: &RunResult, t: &ChartText) -> String {
    let i = &run.info;
    let resident = i.fund == medfund_sim::ledger::Fund::Resident;
    (t.run_tag)(&RunTag { scenario: &i.scenario, resident, paths: i.paths, seed: i.seed, years: &i.years })
}
