//! The tornado chart of `medfund sensitivity`: one row per assumption,
//! largest effect on top, each with a bar from the baseline to the value at
//! the low end of its range (upper half of the row) and one to the value at
//! the high end (lower half), a ±1.96 standard-error whisker at each bar's
//! end, the ends' parameter values beside the whiskers, and the baseline as
//! a vertical line. The row labels name the parameter key and its range.

use medfund_analysis::sensitivity::Sensitivity;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{GREY, INK, Legend, MEDIAN, Swatch, TOO_HIGH, axis_number, draw_legend, font, frame};
use super::text::{self, de};
use crate::output::labels;
use crate::output::lang::Lang;
use crate::output::sensitivity::SensitivityRun;

/// The end colours: the low end blue, the high end orange.
const LOW: RGBColor = RGBColor(31, 94, 168);
const HIGH: RGBColor = TOO_HIGH;

/// One end of one row: the metric there, its standard error, the
/// parameter's value as text.
pub struct Bar {
    pub value: f64,
    pub se: f64,
    pub label: String,
}

/// One assumption: its key, the second line of its label, both ends.
pub struct Row {
    pub key: String,
    pub range: String,
    pub low: Bar,
    pub high: Bar,
}

/// A tornado chart's data and words.
pub struct Tornado {
    pub title: String,
    pub subtitle: String,
    pub x_desc: String,
    /// Values are shares, drawn as percentages within 0–100%.
    pub percent: bool,
    pub baseline: f64,
    pub rows: Vec<Row>,
    pub note: Vec<String>,
    /// The language of the chart's own words.
    pub lang: Lang,
}

/// A parameter value as a label: at most 4 decimals, no trailing zeros.
fn value_text(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.replace('-', "\u{2212}") }
}

/// The tornado of a sensitivity run (its rows in their ranked order).
pub fn of(s: &SensitivityRun) -> Tornado {
    let a: &Sensitivity = s.analysis;
    let words = labels::tornado(s.lang);
    let by_dry = a.by_dry;
    let scale = if by_dry { 100.0 } else { 1.0 };
    let metric = |e: &medfund_analysis::sensitivity::End| {
        let m = &e.arm.metrics;
        Bar {
            value: if by_dry { m.p_depletion * scale } else { m.median_final_months },
            se: if by_dry { e.se_dry * scale } else { e.se_months },
            label: value_text(e.arm.value),
        }
    };
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let current =
                s.current(&r.key).map_or(String::new(), |v| format!(", {} {}", words.scenario, value_text(v)));
            Row {
                key: r.key.clone(),
                range: format!("{} \u{2013} {}{current}", value_text(r.low.arm.value), value_text(r.high.arm.value)),
                low: metric(&r.low),
                high: metric(&r.high),
            }
        })
        .collect();
    let b = &a.baseline.metrics;
    let (y0, y1) = (s.years.first().copied().unwrap_or_default(), s.years.last().copied().unwrap_or_default());
    Tornado {
        title: (words.title)(if by_dry { words.title_dry } else { words.title_months }, s.scenario),
        subtitle: (words.run)(words.subtitle, s.paths, y0, y1, s.seed),
        x_desc: (if by_dry { words.x_dry } else { words.x_months }).into(),
        percent: by_dry,
        baseline: if by_dry { b.p_depletion * scale } else { b.median_final_months },
        rows,
        note: (if by_dry { words.ranked_dry } else { words.ranked_months })
            .into_iter()
            .chain(words.paired)
            .map(str::to_string)
            .collect(),
        lang: s.lang,
    }
}

/// The x range: every bar and whisker, with room beside them for the end
/// labels (`room` pixels each side of a plot `px` wide).
fn x_range(t: &Tornado, px: f64, room: f64) -> (f64, f64) {
    let ends = t.rows.iter().flat_map(|r| [&r.low, &r.high]).filter(|b| b.value.is_finite());
    let (mut lo, mut hi) = (t.baseline, t.baseline);
    for b in ends {
        let se = if b.se.is_finite() { 1.96 * b.se } else { 0.0 };
        lo = lo.min(b.value - se);
        hi = hi.max(b.value + se);
    }
    if t.percent {
        (lo, hi) = (lo.max(0.0), hi.min(100.0));
    }
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo < 1e-9 {
        (lo, hi) = (lo - 1.0, hi + 1.0);
    }
    let pad = (hi - lo) * room / (px - 2.0 * room).max(1.0);
    (lo - pad, hi + pad)
}

/// The top of `text` in `style` centred on `y` (the glyphs of the bitmap
/// backend are placed one by one from the top: a centred anchor would
/// centre each glyph, lifting the points and commas).
fn top_of(style: &TextStyle, text: &str, y: i32) -> i32 {
    let h = style.font.layout_box(text).map_or(0, |((_, y0), (_, y1))| y1 - y0);
    y - h / 2
}

/// Draw the tornado `t`.
pub(super) fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, t: &Tornado, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &t.title, &t.subtitle, g)?;
    let n = t.rows.len().max(1);
    // Text sized to the rows: two lines of label and a lane's end label
    // each within its row (many rows: one smaller line, no end labels).
    let (w, h) = plot.dim_in_pixel();
    let row_px = f64::from(h.saturating_sub(100)) / n as f64;
    let two_lines = row_px >= 34.0;
    let key_style = font(if two_lines { 15.0 } else { (row_px * 0.55).clamp(8.0, 15.0) }, false, &INK);
    let range_style = font(13.0, false, &GREY);
    let end_style = font((row_px * 0.3).clamp(8.0, 13.0), false, &INK);
    let end_labels = row_px >= 20.0;
    let label_w = t
        .rows
        .iter()
        .map(|r| text::width(&key_style, &r.key).max(if two_lines { text::width(&range_style, &r.range) } else { 0 }))
        .max()
        .unwrap_or(0)
        + 24;
    let (margin_left, margin_right) = (12, 28);
    let plot_px = f64::from(w as i32 - label_w - margin_left - margin_right);
    let (x0, x1) = x_range(t, plot_px, 62.0);
    let percent = t.percent;
    let tick = move |v: &f64| {
        if percent && !(-1e-9..=100.0 + 1e-9).contains(v) {
            String::new()
        } else {
            format!("{}{}", axis_number(v), if percent { "%" } else { "" })
        }
    };
    let mut chart = ChartBuilder::on(&plot)
        .margin_top(30)
        .margin_left(margin_left)
        .margin_right(margin_right)
        .margin_bottom(8)
        .x_label_area_size(62)
        .y_label_area_size(label_w)
        .build_cartesian_2d(x0..x1, 0f64..n as f64)
        .map_err(de)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(10)
        .x_label_formatter(&tick)
        .label_style(font(15.0, false, &INK))
        .bold_line_style(BLACK.mix(0.10))
        .max_light_lines(0)
        .axis_style(GREY)
        .draw()
        .map_err(de)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    let centre = font(17.0, false, &INK).pos(Pos::new(HPos::Center, VPos::Top));
    text::draw(root, &t.x_desc, &centre, ((xr.start + xr.end) / 2, yr.end + 34), g)?;

    // Alternate rows shaded, so that a row's two bars read as one.
    for i in (0..t.rows.len()).step_by(2) {
        let top = (n - i) as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x0, top), (x1, top - 1.0)],
                RGBColor(246, 247, 249).filled(),
            )))
            .map_err(de)?;
    }
    let clip = |v: f64| if percent { v.clamp(0.0, 100.0) } else { v.clamp(x0, x1) };
    for (i, r) in t.rows.iter().enumerate() {
        let c = (n - i) as f64 - 0.5;
        // Row label: the key, and under it the range.
        let (lx, ly) = chart.backend_coord(&(x0, c));
        let right = Pos::new(HPos::Right, VPos::Top);
        if two_lines {
            text::draw(root, &r.key, &key_style.pos(right), (lx - 12, top_of(&key_style, &r.key, ly - 9)), g)?;
            text::draw(root, &r.range, &range_style.pos(right), (lx - 12, top_of(&range_style, &r.range, ly + 9)), g)?;
        } else {
            text::draw(root, &r.key, &key_style.pos(right), (lx - 12, top_of(&key_style, &r.key, ly)), g)?;
        }
        // Lanes of at most 24 pixels (a chart of few rows keeps slim bars).
        let (gap, lane_h) = ((3.0 / row_px).min(0.05), (24.0 / row_px).min(0.31));
        let lanes = [(c + gap, c + gap + lane_h), (c - gap - lane_h, c - gap)];
        for (bar, colour, lane) in [(&r.low, LOW, lanes[0]), (&r.high, HIGH, lanes[1])] {
            if !bar.value.is_finite() {
                continue;
            }
            let v = clip(bar.value);
            chart
                .draw_series(std::iter::once(Rectangle::new([(t.baseline, lane.0), (v, lane.1)], colour.filled())))
                .map_err(de)?;
            let mid = (lane.0 + lane.1) / 2.0;
            let se = if bar.se.is_finite() { 1.96 * bar.se } else { 0.0 };
            let (a, b) = (clip(bar.value - se), clip(bar.value + se));
            let tick = (8.0 / row_px).min(0.11);
            let (tick_lo, tick_hi) = (mid - tick, mid + tick);
            let whisker =
                [vec![(a, mid), (b, mid)], vec![(a, tick_lo), (a, tick_hi)], vec![(b, tick_lo), (b, tick_hi)]];
            chart.draw_series(whisker.into_iter().map(|p| PathElement::new(p, INK.stroke_width(2)))).map_err(de)?;
            // The end's parameter value beside the whisker, on the bar's side.
            if !end_labels {
                continue;
            }
            let leftward = bar.value < t.baseline;
            let (px, py) = chart.backend_coord(&(if leftward { a } else { b }, mid));
            let (anchor, dx) = if leftward { (HPos::Right, -6) } else { (HPos::Left, 6) };
            let y = top_of(&end_style, &bar.label, py);
            text::draw(root, &bar.label, &end_style.pos(Pos::new(anchor, VPos::Top)), (px + dx, y), g)?;
        }
    }
    // The baseline over the bars, labelled above the plot.
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(t.baseline, 0.0), (t.baseline, n as f64)],
            MEDIAN.stroke_width(2),
        )))
        .map_err(de)?;
    let (bx, by) = chart.backend_coord(&(t.baseline, n as f64));
    let words = labels::tornado(t.lang);
    let base_text = format!("{} {}{}", words.baseline, axis_number(&t.baseline), if percent { "%" } else { "" });
    let above = font(14.0, true, &MEDIAN).pos(Pos::new(HPos::Center, VPos::Bottom));
    let half = text::width(&above, &base_text) / 2;
    let bx = bx.clamp(xr.start + half, xr.end - half);
    text::draw(root, &base_text, &above, (bx, by - 6), g)?;

    let legend = Legend {
        heading: words.legend_heading,
        entries: vec![
            (Swatch::Fill(LOW.mix(1.0)), words.low.into()),
            (Swatch::Fill(HIGH.mix(1.0)), words.high.into()),
            (Swatch::Line(MEDIAN, 2), words.baseline.into()),
            (Swatch::Whisker(INK), words.whisker.into()),
        ],
        note: t.note.clone(),
    };
    draw_legend(&legend_area, &legend, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_short() {
        assert_eq!(value_text(0.05), "0.05");
        assert_eq!(value_text(7507.35), "7507.35");
        assert_eq!(value_text(-0.2), "\u{2212}0.2");
        assert_eq!(value_text(1.0), "1");
    }

    #[test]
    fn the_range_holds_every_whisker() {
        let bar = |value, se| Bar { value, se, label: String::new() };
        let t = Tornado {
            title: String::new(),
            subtitle: String::new(),
            x_desc: String::new(),
            percent: true,
            baseline: 20.0,
            rows: vec![Row { key: "k".into(), range: String::new(), low: bar(10.0, 2.0), high: bar(35.0, 5.0) }],
            note: Vec::new(),
            lang: Lang::En,
        };
        let (lo, hi) = x_range(&t, 600.0, 60.0);
        assert!(lo < 10.0 - 3.92 && hi > 35.0 + 9.8, "{lo} {hi}");
    }
}
