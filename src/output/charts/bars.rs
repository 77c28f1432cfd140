//! The grouped bars of `medfund compare`: one group per label, one bar per
//! series in each group.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{GREY, INK, axis_number, font, frame};
use super::text::{self, de};

/// Grouped bars for `medfund compare`: one group per label, one bar per
/// series in each group.
pub struct Bars {
    pub title: String,
    pub subtitle: String,
    pub groups: Vec<String>,
    pub series: Vec<String>,
    /// `values[group][series]`; NaN draws no bar.
    pub values: Vec<Vec<f64>>,
    pub y_desc: String,
    /// Values are percentages (labels get a % sign).
    pub percent: bool,
}

/// The series' colours, in turn.
const SERIES_COLOURS: [RGBColor; 6] = [
    RGBColor(31, 94, 168),
    RGBColor(230, 140, 0),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(123, 79, 170),
    RGBColor(120, 127, 135),
];

/// Draw the grouped bars `b`: bars, group labels, series legend.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, b: &Bars, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &b.title, &b.subtitle, g)?;
    let finite = || b.values.iter().flatten().copied().filter(|v| v.is_finite());
    let hi = finite().fold(0.0, f64::max);
    let lo = finite().fold(0.0, f64::min);
    let pad = (hi - lo).max(1e-9) * 0.08;
    let (y0, y1) = (if lo < 0.0 { lo - pad } else { 0.0 }, if hi > 0.0 { hi + pad } else { pad });
    let n = b.groups.len().max(1);
    let mut chart = ChartBuilder::on(&plot)
        .margin_left(16)
        .margin_right(16)
        .margin_top(8)
        .x_label_area_size(if b.groups.iter().any(|l| l.len() > 8) || n > 8 { 64 } else { 40 })
        .y_label_area_size(86)
        .build_cartesian_2d(0f64..n as f64, y0..y1)
        .map_err(de)?;
    let percent = b.percent;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .y_label_formatter(&|v: &f64| if percent { format!("{v:.0}%") } else { axis_number(v) })
        .y_label_style(font(14.0, false, &INK))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(de)?;
    let k = b.series.len().max(1);
    let width = 0.8 / k as f64;
    for (gi, row) in b.values.iter().enumerate() {
        for (si, v) in row.iter().enumerate() {
            if !v.is_finite() {
                continue;
            }
            let x0 = gi as f64 + 0.1 + width * si as f64;
            let c = SERIES_COLOURS[si % SERIES_COLOURS.len()];
            chart
                .draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x0 + width * 0.92, *v)], c.filled())))
                .map_err(de)?;
        }
    }
    chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (n as f64, 0.0)], INK))).map_err(de)?;
    // Group labels under the bars, drawn by hand (see `text`).
    let (w, h) = plot.dim_in_pixel();
    let left = 16 + 86;
    let right = w as i32 - 16;
    let col = f64::from(right - left) / n as f64;
    let label = font(if n > 8 { 12.5 } else { 14.0 }, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    let y = h as i32 - if b.groups.iter().any(|l| l.len() > 8) || n > 8 { 58 } else { 34 };
    for (gi, l) in b.groups.iter().enumerate() {
        let x = left + (col * (gi as f64 + 0.5)).round() as i32;
        // Labels of several words on two lines, split at the space nearest
        // the middle.
        let split = l
            .match_indices(' ')
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(l.len() / 2))
            .filter(|_| l.len() > 8 || n > 8);
        match split {
            Some(i) => {
                text::draw(&plot, &l[..i], &label, (x, y), g)?;
                text::draw(&plot, &l[i + 1..], &label, (x, y + 17), g)?;
            }
            None => text::draw(&plot, l, &label, (x, y), g)?,
        }
    }
    let ydesc = font(15.0, false, &GREY);
    text::draw(&legend_area, &b.y_desc, &ydesc, (8, 10), g)?;
    let entry = font(16.0, false, &INK);
    for (si, s) in b.series.iter().enumerate() {
        let y = 48 + 30 * si as i32;
        legend_area
            .draw(&Rectangle::new([(8, y), (30, y + 18)], SERIES_COLOURS[si % SERIES_COLOURS.len()].filled()))
            .map_err(de)?;
        text::draw(&legend_area, s, &entry, (38, y), g)?;
    }
    Ok(())
}
