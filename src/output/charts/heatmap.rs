//! The heatmap of `medfund stress`: a grid of values, rows by columns,
//! each cell coloured by how bad it is and labelled.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::lines::axis_value;
use super::style::{GREY, INK, LEGEND_W, font, frame, share_colour};
use super::text::{self, de};
use crate::output::labels;
use crate::output::lang::Lang;

/// A grid of values for `medfund stress`: rows (`y_labels`, drawn top to
/// bottom) by columns (`x_labels`), each cell coloured and labelled.
pub struct Heatmap {
    pub title: String,
    pub subtitle: String,
    pub x_title: String,
    pub x_labels: Vec<String>,
    pub y_labels: Vec<String>,
    /// `values[row][column]`; NaN is drawn as an empty cell.
    pub values: Vec<Vec<f64>>,
    /// The text in a cell.
    pub format: fn(f64) -> String,
    /// How bad a value is, in [0, 1] (the colour scale runs from pale, good,
    /// to dark red, bad).
    pub badness: fn(f64, f64) -> f64,
    /// The largest finite value, handed to `badness`.
    pub max: f64,
    /// The legend's lines: what the colours mean.
    pub legend: Vec<String>,
    /// The current scenario, where known.
    pub current: Option<CurrentMark>,
    /// The language of the chart's own words.
    pub lang: Lang,
}

/// Where the current scenario sits on a heatmap: its column and row when
/// its values are on the grid (a cell outlined; a whole column or row when
/// only one matches), and each axis's key, value (`None`: not a single
/// number) and whether that value is on the grid, for the legend.
pub struct CurrentMark {
    pub column: Option<usize>,
    pub row: Option<usize>,
    pub axes: Vec<(String, Option<f64>, bool)>,
}

/// A closed outline from corner `a` to corner `b`.
fn outline(a: (i32, i32), b: (i32, i32), c: RGBColor, w: u32) -> PathElement<(i32, i32)> {
    PathElement::new(vec![a, (b.0, a.1), b, (a.0, b.1), a], c.stroke_width(w))
}

/// Draw the heatmap `h`: cells, row and column labels, colour legend.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, h: &Heatmap, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &h.title, &h.subtitle, g)?;
    let t = labels::stress(h.lang);
    let (n_rows, n_cols) = (h.y_labels.len(), h.x_labels.len());
    let (w, ht) = plot.dim_in_pixel();
    let (w, ht) = (w as i32, ht as i32);
    let (top, bottom) = (10, ht - 70);
    let row_h = if n_rows == 0 { 0.0 } else { f64::from(bottom - top) / n_rows as f64 };
    let label_style = font(15.0, false, &INK).pos(Pos::new(HPos::Right, VPos::Center));
    let label_w = h.y_labels.iter().map(|l| text::width(&label_style, l)).max().unwrap_or(0);
    let left = 40 + label_w;
    let right = w - 24;
    let col_w = if n_cols == 0 { 0.0 } else { f64::from(right - left) / n_cols as f64 };
    let yat = |i: usize| top + (row_h * i as f64).round() as i32;
    let xat = |j: usize| left + (col_w * j as f64).round() as i32;
    let cell_size = (row_h.min(col_w) * 0.32).clamp(9.0, 16.0);
    for (i, label) in h.y_labels.iter().enumerate() {
        let (ya, yb) = (yat(i), yat(i + 1));
        text::draw(&plot, label, &label_style, (left - 8, (ya + yb) / 2), g)?;
        for j in 0..n_cols {
            let (xa, xb) = (xat(j), xat(j + 1));
            let v = h.values[i][j];
            let colour = if v.is_finite() { share_colour((h.badness)(v, h.max).max(1e-9)) } else { WHITE };
            plot.draw(&Rectangle::new([(xa + 1, ya + 1), (xb - 1, yb - 1)], colour.filled())).map_err(de)?;
            if col_w >= 28.0 && row_h >= 14.0 {
                let dark = v.is_finite() && (h.badness)(v, h.max) > 0.55;
                let c = if dark { WHITE } else { INK };
                let st = font(cell_size, false, &c).pos(Pos::new(HPos::Center, VPos::Center));
                text::draw(&plot, &(h.format)(v), &st, ((xa + xb) / 2, (ya + yb) / 2), g)?;
            }
        }
    }
    if let Some(m) = &h.current {
        let (cols, rows) = match (m.column, m.row) {
            (Some(j), Some(i)) => (j..j + 1, i..i + 1),
            (Some(j), None) => (j..j + 1, 0..n_rows),
            (None, Some(i)) => (0..n_cols, i..i + 1),
            (None, None) => (0..0, 0..0),
        };
        if !cols.is_empty() && !rows.is_empty() {
            let (a, b) = ((xat(cols.start) + 2, yat(rows.start) + 2), (xat(cols.end) - 2, yat(rows.end) - 2));
            // A path, not a rectangle: the SVG backend keeps a path's width.
            plot.draw(&outline(a, b, INK, 4)).map_err(de)?;
            plot.draw(&outline((a.0 + 3, a.1 + 3), (b.0 - 3, b.1 - 3), WHITE, 2)).map_err(de)?;
        }
    }
    let x_style = font(14.0, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    let widest = h.x_labels.iter().map(|l| text::width(&x_style, l)).max().unwrap_or(0) + 10;
    let step = if col_w <= 0.0 { 1 } else { ((f64::from(widest) / col_w).ceil() as usize).max(1) };
    let y_labels = yat(n_rows) + 6;
    for (j, l) in h.x_labels.iter().enumerate().step_by(step) {
        text::draw(&plot, l, &x_style, ((xat(j) + xat(j + 1)) / 2, y_labels), g)?;
    }
    let desc = font(17.0, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    text::draw(&plot, &h.x_title, &desc, ((left + right) / 2, y_labels + 26), g)?;

    let head = font(17.0, true, &INK);
    let note = font(14.0, false, &GREY);
    let mut y = 18;
    text::draw(&legend_area, t.colour, &head, (8, y), g)?;
    y += 28;
    for (k, p) in [0.0f64, 0.25, 0.5, 0.75, 1.0].into_iter().enumerate() {
        legend_area
            .draw(&Rectangle::new(
                [(8 + 48 * k as i32, y), (52 + 48 * k as i32, y + 22)],
                share_colour(p.max(1e-9)).filled(),
            ))
            .map_err(de)?;
    }
    text::draw(&legend_area, t.better, &note, (8, y + 28), g)?;
    text::draw(&legend_area, t.worse, &note.pos(Pos::new(HPos::Right, VPos::Top)), (244, y + 28), g)?;
    y += 60;
    for line in &h.legend {
        text::draw(&legend_area, line, &note, (8, y), g)?;
        y += 20;
    }
    if let Some(m) = &h.current {
        y += 14;
        legend_area.draw(&outline((10, y + 1), (36, y + 15), INK, 3)).map_err(de)?;
        text::draw(&legend_area, t.current, &font(15.0, false, &INK), (48, y), g)?;
        y += 24;
        let room = LEGEND_W as i32 - 16;
        for (key, value, on_grid) in &m.axes {
            let value = value.map_or_else(|| "?".to_string(), axis_value);
            let one = format!("{key} {value}");
            // A long key on a line of its own, the value under it.
            let lines = if text::width(&note, &one) <= room { vec![one] } else { vec![key.clone(), value] };
            for line in lines.iter().map(String::as_str).chain((!on_grid).then_some(t.not_on_grid)) {
                text::draw(&legend_area, line, &note, (8, y), g)?;
                y += 20;
            }
        }
    }
    Ok(())
}
