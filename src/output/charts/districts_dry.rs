//! The districts-dry heatmap (districts that settle): the share of paths
//! with a district-government payment, districts by year, ordered by the
//! first year above the threshold; with its own legend (colour scale and
//! district classes).

use medfund_rules::settle::DistrictClass;
use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{GREY, INK, font, frame, run_tag, share_colour};
use super::text::{self, de};
use crate::output::districts::{DRY_THRESHOLD, District, Settlement, class_letter};
use crate::output::labels::ChartText;

/// The colour of a district class's box.
fn class_colour(c: DistrictClass) -> RGBColor {
    use DistrictClass as C;
    match c {
        C::MainUrban => RGBColor(31, 94, 168),
        C::RegionalCenter => RGBColor(123, 79, 170),
        C::Other => RGBColor(120, 127, 135),
    }
}

/// Draw the districts-dry heatmap of `run`'s settlement `s`.
pub(super) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    s: &Settlement,
    t: &ChartText,
    g: bool,
) -> anyhow::Result<()> {
    let threshold = format!("{:.0}%", DRY_THRESHOLD * 100.0);
    let (plot, legend_area) =
        frame(root, &format!("{} \u{2014} {}", t.dry_title, run_tag(run, t)), &(t.dry_subtitle)(&threshold), g)?;
    // The rows' names: the districts' own (Chinese) or their ASCII labels.
    let name = |d: &District| if t.district_names { d.name.clone() } else { d.label.clone() };
    let order = s.dry_order();
    let (n_rows, n_cols) = (order.len(), s.years.len());
    let (w, h) = plot.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);

    // Rows: labels right-aligned at `label_right`, then the class box, then
    // the cells; years and the axis title below.
    let (top, bottom) = (10, h - 58);
    let row_h = if n_rows == 0 { 0.0 } else { f64::from(bottom - top) / n_rows as f64 };
    let label_size = (row_h * 0.82).clamp(8.0, 15.0);
    let label_style = font(label_size, false, &INK).pos(Pos::new(HPos::Right, VPos::Center));
    let label_w = s.districts.iter().map(|d| text::width(&label_style, &name(d))).max().unwrap_or(0);
    let label_right = 24 + label_w;
    let class_x = label_right + 8;
    let class_w = (row_h.round() as i32).clamp(12, 20);
    let left = class_x + class_w + 6;
    let right = w - 24;
    let col_w = if n_cols == 0 { 0.0 } else { f64::from(right - left) / n_cols as f64 };
    let yat = |i: usize| top + (row_h * i as f64).round() as i32;
    let xat = |j: usize| left + (col_w * j as f64).round() as i32;

    let letter_style = font((row_h * 0.72).clamp(7.0, 13.0), true, &WHITE).pos(Pos::new(HPos::Center, VPos::Center));
    for (i, &d) in order.iter().enumerate() {
        let (ya, yb) = (yat(i), yat(i + 1));
        let mid = (ya + yb) / 2;
        let district = &s.districts[d];
        text::draw(&plot, &name(district), &label_style, (label_right, mid), g)?;
        plot.draw(&Rectangle::new(
            [(class_x, ya + 1), (class_x + class_w, yb - 1)],
            class_colour(district.class).filled(),
        ))
        .map_err(de)?;
        text::draw(&plot, class_letter(district.class), &letter_style, (class_x + class_w / 2 + 1, mid), g)?;
        let first = s.first_dry(d);
        for j in 0..n_cols {
            let (xa, xb) = (xat(j), xat(j + 1));
            let p = s.cells[j][d].p_government;
            plot.draw(&Rectangle::new([(xa + 1, ya + 1), (xb - 1, yb - 1)], share_colour(p).filled())).map_err(de)?;
            if first == Some(j) {
                plot.draw(&Rectangle::new([(xa + 1, ya + 1), (xb - 2, yb - 2)], INK.stroke_width(2))).map_err(de)?;
            }
        }
    }

    // Year labels, thinned so they never touch.
    let year_style = font(15.0, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    let year_w = text::width(&year_style, "2000") + 12;
    let step = if col_w <= 0.0 { 1 } else { ((f64::from(year_w) / col_w).ceil() as usize).max(1) };
    let y_labels = yat(n_rows) + 6;
    for (j, year) in s.years.iter().enumerate().step_by(step) {
        text::draw(&plot, &year.to_string(), &year_style, ((xat(j) + xat(j + 1)) / 2, y_labels), g)?;
    }
    let desc = font(17.0, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    text::draw(&plot, t.year, &desc, ((left + right) / 2, y_labels + 26), g)?;

    dry_legend(&legend_area, &threshold, t, g)
}

/// The heatmap's legend: the colour scale, the class key and how to read
/// the rows.
fn dry_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    threshold: &str,
    t: &ChartText,
    g: bool,
) -> anyhow::Result<()> {
    let head = font(17.0, true, &INK);
    let label = font(15.0, false, &INK);
    let note = font(13.0, false, &GREY);
    let x = 8;
    let mut y = 18;
    text::draw(area, t.dry_heading[0], &head, (x, y), g)?;
    text::draw(area, t.dry_heading[1], &head, (x, y + 21), g)?;
    y += 52;
    // Vertical colour bar, 0% at the bottom.
    let (bar_h, bar_w) = (180, 26);
    for k in 0..bar_h {
        let p = 1.0 - f64::from(k) / f64::from(bar_h - 1);
        let c = share_colour(p.max(1e-9));
        area.draw(&Rectangle::new([(x, y + k), (x + bar_w, y + k + 1)], c.filled())).map_err(de)?;
    }
    area.draw(&Rectangle::new([(x, y), (x + bar_w, y + bar_h)], GREY.stroke_width(1))).map_err(de)?;
    let tick = label.pos(Pos::new(HPos::Left, VPos::Center));
    for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let ty = y + ((1.0 - q) * f64::from(bar_h - 1)).round() as i32;
        area.draw(&PathElement::new(vec![(x + bar_w, ty), (x + bar_w + 5, ty)], GREY.stroke_width(1))).map_err(de)?;
        text::draw(area, &format!("{:.0}%", q * 100.0), &tick, (x + bar_w + 9, ty), g)?;
    }
    y += bar_h + 14;
    area.draw(&Rectangle::new([(x, y), (x + bar_w, y + 16)], share_colour(0.0).filled())).map_err(de)?;
    text::draw(area, t.dry_none, &label, (x + 40, y), g)?;
    y += 30;
    area.draw(&Rectangle::new([(x, y), (x + bar_w, y + 16)], INK.stroke_width(2))).map_err(de)?;
    text::draw(area, &(t.dry_first)(threshold), &label, (x + 40, y), g)?;
    y += 36;

    text::draw(area, t.class_heading, &head, (x, y), g)?;
    y += 28;
    let letter = font(13.0, true, &WHITE).pos(Pos::new(HPos::Center, VPos::Center));
    use DistrictClass as C;
    for (c, name) in [C::MainUrban, C::RegionalCenter, C::Other].into_iter().zip(t.classes) {
        area.draw(&Rectangle::new([(x, y), (x + 18, y + 18)], class_colour(c).filled())).map_err(de)?;
        text::draw(area, class_letter(c), &letter, (x + 10, y + 9), g)?;
        text::draw(area, name, &label, (x + 28, y + 1), g)?;
        y += 26;
    }
    y += 8;
    for line in t.dry_note.iter().filter(|l| !l.is_empty()) {
        text::draw(area, line, &note, (x, y), g)?;
        y += 17;
    }
    Ok(())
}
