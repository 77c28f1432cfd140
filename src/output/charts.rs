//! The run's charts, each drawn once per backend (PNG through plotters'
//! bitmap backend, SVG as a string).
//!
//! Layout of every chart (1200 × 700): a title and a subtitle on top, the
//! plot on the left, the legend in a panel of its own on the right, so the
//! legend never covers data and no text overlaps another.

use std::path::Path;
use std::sync::OnceLock;

use anyhow::anyhow;
use medfund_sim::ledger::LedgerYear;
use medfund_sim::montecarlo::RunResult;
use medfund_sim::montecarlo::summary::GUIDANCE_MONTHS;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::districts::{DRY_THRESHOLD, Settlement, class_letter};
use super::text::{self, de};

/// Mark each year's point on lines over at most this many years.
const MARKERS_UP_TO: usize = 15;
/// Pixel size of every chart.
pub const SIZE: (u32, u32) = (1200, 700);
const HEADER_H: u32 = 78;
const LEGEND_W: u32 = 270;
/// The family the fonts are registered under (plotters' `SansSerif`).
const FONT: &str = "sans-serif";

/// The charts of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Chart<'a> {
    /// Months of payment by year: percentile fan with the reserve guidance.
    MonthsFan,
    /// Closing balance by year: percentile fan with a zero line.
    BalanceFan,
    /// Mean outflow by benefit type (stacked) and mean income by year.
    Flows,
    /// Who paid for districts' overspends and shortfalls (stacked bars)
    /// and the districts' retained surplus (line), by year.
    Burden(&'a Settlement),
    /// Heatmap of the share of paths with a district-government payment,
    /// districts by year.
    DistrictsDry(&'a Settlement),
}

/// Register DejaVu Sans as plotters' "sans-serif" (the ab_glyph text
/// backend has no system fonts). Idempotent.
pub fn register_fonts() -> anyhow::Result<()> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if *ok { Ok(()) } else { Err(anyhow!("could not load the DejaVu Sans font")) }
}

/// Draw `chart` as a PNG at `path` (whose extension must be `.png`).
pub fn write_png(path: &Path, run: &RunResult, chart: Chart<'_>) -> anyhow::Result<()> {
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, run, chart, true)?;
    root.present().map_err(de)?;
    Ok(())
}

/// Draw `chart` as an SVG file at `path`.
pub fn write_svg(path: &Path, run: &RunResult, chart: Chart<'_>) -> anyhow::Result<()> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, run, chart, false)?;
        root.present().map_err(de)?;
    }
    std::fs::write(path, svg)?;
    Ok(())
}

/// `glyphs`: place text glyph by glyph (the bitmap backend, see `text`).
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    chart: Chart<'_>,
    glyphs: bool,
) -> anyhow::Result<()> {
    match chart {
        Chart::MonthsFan => fan(root, &months_fan(run), glyphs),
        Chart::BalanceFan => fan(root, &balance_fan(run), glyphs),
        Chart::Flows => flows(root, run, glyphs),
        Chart::Burden(s) => burden(root, run, s, glyphs),
        Chart::DistrictsDry(s) => districts_dry(root, run, s, glyphs),
    }
}

/// A text style in DejaVu Sans.
fn font(size: f64, bold: bool, colour: &RGBColor) -> TextStyle<'_> {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    TextStyle::from(FontDesc::new(FontFamily::SansSerif, size, style)).color(colour)
}

// ---------------------------------------------------------------- colours

const INK: RGBColor = RGBColor(33, 37, 41);
const GREY: RGBColor = RGBColor(110, 117, 125);
const FAN: RGBColor = RGBColor(31, 94, 168);
const MEDIAN: RGBColor = RGBColor(13, 45, 94);
/// Strength of the fan bands (opaque tints, so the guidance zones under
/// them do not muddy their colour).
const OUTER: f64 = 0.22;
const INNER: f64 = 0.45;
const TOO_LOW: RGBColor = RGBColor(214, 39, 40);
const ADEQUATE: RGBColor = RGBColor(44, 160, 44);
const TOO_HIGH: RGBColor = RGBColor(230, 140, 0);

/// `c` mixed with white: `a` = 1 is `c`, 0 is white.
fn tint(c: RGBColor, a: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - f64::from(v)) * a).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

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

// ----------------------------------------------------------------- legend

enum Swatch {
    Fill(RGBAColor),
    Line(RGBColor, u32),
    Dashed(RGBColor),
}

struct Legend {
    heading: &'static str,
    entries: Vec<(Swatch, String)>,
    note: Vec<String>,
}

fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, legend: &Legend, g: bool) -> anyhow::Result<()> {
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
fn frame<DB: DrawingBackend>(
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

type Plot<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// The plot with years across and `y_desc` up: grid, tick labels and axis
/// titles (the titles drawn here rather than by plotters, see `text`).
fn axes<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &'a DrawingArea<DB, Shift>,
    x: (f64, f64),
    y: (f64, f64),
    n_years: usize,
    y_desc: &str,
    g: bool,
) -> anyhow::Result<Plot<'a, DB>> {
    axes_titled(root, plot, x, y, n_years, y_desc, true, g)
}

/// `axes`, with the "Year" title under the x axis only when `x_title`
/// (a panel above another leaves it to the one below).
#[allow(clippy::too_many_arguments)]
fn axes_titled<'a, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: &'a DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
    n_years: usize,
    y_desc: &str,
    x_title: bool,
    g: bool,
) -> anyhow::Result<Plot<'a, DB>> {
    let mut chart = ChartBuilder::on(plot)
        .margin_top(12)
        .margin_left(12)
        .margin_right(28)
        .margin_bottom(8)
        .x_label_area_size(if x_title { 62 } else { 30 })
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
    if x_title {
        text::draw(root, "Year", &centre, ((xr.start + xr.end) / 2, yr.end + 34), g)?;
    }
    let up = TextStyle { font: desc.font.transform(FontTransform::Rotate270), ..centre };
    text::draw(root, y_desc, &up, (xr.start - 100, (yr.start + yr.end) / 2), g)?;
    Ok(chart)
}

/// The x range of the year axis: the years, with a little room for the
/// markers at either end (half a year each side for a single year).
fn year_range(years: &[f64]) -> (f64, f64) {
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
    if max_abs >= 1e8 { (1e8, "100 million yuan") } else { (1e4, "10,000 yuan") }
}

/// An amount of yuan in words: millions from a million, else whole yuan.
pub fn money_words(v: f64) -> String {
    if v.abs() >= 1e6 { format!("{:.1} million yuan", v / 1e6) } else { format!("{} yuan", axis_number(&v.round())) }
}

/// A year's x extent in a band or line: the year itself, or a quarter year
/// either side when it stands alone (a single year, or between gaps), so it
/// shows as a box rather than a hairline.
fn widen(x: f64, alone: bool) -> [f64; 2] {
    if alone { [x - 0.25, x + 0.25] } else { [x, x] }
}

/// Runs of consecutive indices where `ok` holds (to break lines and bands
/// where a statistic is undefined).
fn segments(n: usize, ok: impl Fn(usize) -> bool) -> Vec<std::ops::Range<usize>> {
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

fn run_tag(run: &RunResult) -> String {
    let i = &run.info;
    let span = match (i.years.first(), i.years.last()) {
        (Some(a), Some(b)) if a != b => format!(", {a}\u{2013}{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    let fund = match i.fund {
        medfund_sim::ledger::Fund::Employee => "",
        medfund_sim::ledger::Fund::Resident => " residents",
    };
    format!("{}{fund}: {} paths, seed {}{span}", i.scenario, i.paths, i.seed)
}

// -------------------------------------------------------------------- fan

struct Fan {
    title: String,
    subtitle: String,
    y_desc: String,
    years: Vec<f64>,
    /// Per year, the values at the 5th, 25th, 50th, 75th, 95th percentile
    /// (None when not finite).
    pct: Vec<[Option<f64>; 5]>,
    /// Months chart: guidance zones and lines.
    guidance: bool,
    legend: Legend,
}

fn months_fan(run: &RunResult) -> Fan {
    let s = &run.summary;
    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    Fan {
        title: format!("Months of payment \u{2014} {}", run_tag(run)),
        subtitle: "Closing balance \u{f7} one month of the year's pooled outflow; percentiles across paths".into(),
        y_desc: "Months of payment (months)".into(),
        years: s.iter().map(|y| f64::from(y.year)).collect(),
        pct: s.iter().map(|y| y.months_pct.map(|v| v.is_finite().then_some(v))).collect(),
        guidance: true,
        legend: Legend {
            heading: "Across paths",
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), "5th\u{2013}95th percentile".into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), "25th\u{2013}75th percentile".into()),
                (Swatch::Line(MEDIAN, 3), "Median".into()),
                (Swatch::Dashed(GREY), format!("Guidance levels:\n{g3}, {g6}, {g9} and {g15} months")),
                (Swatch::Fill(TOO_LOW.mix(0.12)), format!("Below {g3} months:\ntoo low")),
                (Swatch::Fill(ADEQUATE.mix(0.14)), format!("{g6}\u{2013}{g9} months: adequate")),
                (Swatch::Fill(TOO_HIGH.mix(0.12)), format!("Above {g15} months:\ntoo high")),
            ],
            note: vec!["Years with no pooled spending".into(), "have no months figure (gap).".into()],
        },
    }
}

fn balance_fan(run: &RunResult) -> Fan {
    let s = &run.summary;
    let max_abs = s.iter().flat_map(|y| y.balance_pct).filter(|v| v.is_finite()).fold(0.0_f64, |m, v| m.max(v.abs()));
    let (unit, unit_name) = money_unit(max_abs);
    Fan {
        title: format!("Closing balance \u{2014} {}", run_tag(run)),
        subtitle: "Pooled fund balance at year end, all districts; percentiles across paths".into(),
        y_desc: format!("Closing balance ({unit_name})"),
        years: s.iter().map(|y| f64::from(y.year)).collect(),
        pct: s.iter().map(|y| y.balance_pct.map(|v| v.is_finite().then_some(v / unit))).collect(),
        guidance: false,
        legend: Legend {
            heading: "Across paths",
            entries: vec![
                (Swatch::Fill(tint(FAN, OUTER).mix(1.0)), "5th\u{2013}95th percentile".into()),
                (Swatch::Fill(tint(FAN, INNER).mix(1.0)), "25th\u{2013}75th percentile".into()),
                (Swatch::Line(MEDIAN, 3), "Median".into()),
                (Swatch::Line(TOO_LOW, 2), "Zero balance\n(below: fund depleted)".into()),
            ],
            note: vec![format!("Unit: {unit_name}"), format!("(1 = {} yuan).", axis_number(&unit))],
        },
    }
}

fn fan<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, f: &Fan, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &f.title, &f.subtitle, g)?;
    let (x0, x1) = year_range(&f.years);

    let values = f.pct.iter().flatten().flatten().copied();
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let top_floor = if f.guidance { GUIDANCE_MONTHS[3] * 1.2 } else { 0.0 };
    let (mut y0, mut y1) = (lo.min(0.0), hi.max(top_floor));
    if y1 - y0 < 1e-9 {
        y1 = y0 + 1.0;
    }
    let pad = (y1 - y0) * 0.06;
    y1 += pad;
    if y0 < 0.0 {
        y0 -= pad;
    }

    let mut chart = axes(root, &plot, (x0, x1), (y0, y1), f.years.len(), &f.y_desc, g)?;

    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    if f.guidance {
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

    if f.guidance {
        for g in GUIDANCE_MONTHS.into_iter().filter(|g| (y0..=y1).contains(g)) {
            chart
                .draw_series(DashedLineSeries::new([(x0, g), (x1, g)], 10, 6, GREY.mix(0.9).stroke_width(2)))
                .map_err(de)?;
        }
    } else if (y0..=y1).contains(&0.0) {
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

    if f.guidance {
        // Zone names inside the plot at its right edge, each on a white
        // label, drawn only where the zone is tall enough to hold it.
        let px = |y: f64| chart.backend_coord(&(x1, y));
        let style = font(15.0, true, &INK);
        let right = px(y0).0 - 8;
        let labels = [
            (format!("too low (below {g3} months)"), TOO_LOW, y0, g3, VPos::Top),
            (format!("adequate ({g6}\u{2013}{g9} months)"), ADEQUATE, g6, g9, VPos::Center),
            (format!("too high (above {g15} months)"), TOO_HIGH, g15, y1, VPos::Bottom),
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
            let darker = RGBColor(colour.0 / 10 * 8, colour.1 / 10 * 8, colour.2 / 10 * 8);
            text::draw(root, &text, &style.color(&darker).pos(Pos::new(HPos::Right, v)), (right, anchor_y), g)?;
        }
    }

    draw_legend(&legend_area, &f.legend, g)
}

// ------------------------------------------------------------------ flows

fn flows<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, run: &RunResult, g: bool) -> anyhow::Result<()> {
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
        let c = OUTFLOW_COLOURS[j];
        let darker = RGBColor(c.0 / 10 * 8, c.1 / 10 * 8, c.2 / 10 * 8);
        chart.draw_series(LineSeries::new(edge, darker.stroke_width(1))).map_err(de)?;
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

// ----------------------------------------------------------------- burden

const CITY_SHARE: RGBColor = RGBColor(78, 121, 167);
const SURPLUS_USED: RGBColor = RGBColor(89, 161, 79);
const GOVERNMENT: RGBColor = RGBColor(214, 39, 40);

fn burden<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    s: &Settlement,
    g: bool,
) -> anyhow::Result<()> {
    let n = s.years.len();
    let totals: Vec<_> = (0..n).map(|t| s.year_totals(t)).collect();
    let stack = |t: usize| totals[t].overspend_city + totals[t].surplus_used + totals[t].district_government;

    let (plot, legend_area) = frame(
        root,
        &format!("Deficit sharing \u{2014} {}", run_tag(run)),
        "Mean across paths, all districts: who paid overspends and collection shortfalls (top); surplus held (bottom)",
        g,
    )?;
    let xs: Vec<f64> = s.years.iter().map(|&y| f64::from(y)).collect();
    let (x0, x1) = match (xs.first(), xs.last()) {
        (Some(a), Some(b)) => (a - 0.6, b + 0.6),
        _ => (0.0, 1.0),
    };
    let (_, h) = plot.dim_in_pixel();
    let (upper, lower) = plot.split_vertically(h * 58 / 100);

    // Top: who paid, stacked bars.
    let (unit, unit_name) = money_unit((0..n).map(stack).fold(0.0, f64::max));
    let y1 = ((0..n).map(stack).fold(0.0, f64::max) / unit * 1.1).max(1e-9);
    let y_desc = format!("Paid ({unit_name})");
    let mut chart = axes_titled(root, &upper, (x0, x1), (0.0, y1), n, &y_desc, false, g)?;
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
    let (s_unit, s_unit_name) = money_unit(max_surplus);
    let lo = totals.iter().fold(0.0, |m: f64, y| m.min(y.district_surplus / s_unit));
    let hi = (max_surplus / s_unit * 1.1).max(lo + 1e-9);
    let y_desc = format!("Surplus ({s_unit_name})");
    let mut chart = axes(root, &lower, (x0, x1), (lo, hi), n, &y_desc, g)?;
    let line: Vec<(f64, f64)> = (0..n).map(|t| (xs[t], totals[t].district_surplus / s_unit)).collect();
    chart.draw_series(LineSeries::new(line.clone(), INK.stroke_width(3))).map_err(de)?;
    if n <= MARKERS_UP_TO {
        chart.draw_series(line.iter().map(|&p| Circle::new(p, 5, INK.filled()))).map_err(de)?;
    }

    let sum = |f: &dyn Fn(&super::districts::YearTotals) -> f64| totals.iter().map(f).sum::<f64>();
    let mut note = if unit_name == s_unit_name {
        vec![format!("Unit: {unit_name}.")]
    } else {
        vec![format!("Unit, top: {unit_name};"), format!("bottom: {s_unit_name}.")]
    };
    note.push(String::new());
    note.push("Totals over the years:".into());
    for (what, v) in [
        ("city's share", sum(&|y| y.overspend_city)),
        ("from surpluses", sum(&|y| y.surplus_used)),
        ("district governments", sum(&|y| y.district_government)),
        ("retained", sum(&|y| y.retained)),
    ] {
        note.push(format!("{what}: {}", money_words(v)));
    }
    let legend = Legend {
        heading: "Mean across paths",
        entries: vec![
            (Swatch::Fill(GOVERNMENT.mix(1.0)), "Paid by district\ngovernments".into()),
            (Swatch::Fill(SURPLUS_USED.mix(1.0)), "Paid from districts'\nretained surpluses".into()),
            (Swatch::Fill(CITY_SHARE.mix(1.0)), "City's share of\noverspends (pooled fund)".into()),
            (Swatch::Line(INK, 3), "Districts' retained\nsurplus at year end".into()),
        ],
        note,
    };
    draw_legend(&legend_area, &legend, g)
}

// ---------------------------------------------------------- districts dry

/// Colour of a share of paths in [0, 1] (yellow through red to dark red);
/// exactly zero is a neutral grey.
fn share_colour(p: f64) -> RGBColor {
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

fn class_colour(c: medfund_rules::settle::DistrictClass) -> RGBColor {
    use medfund_rules::settle::DistrictClass as C;
    match c {
        C::MainUrban => RGBColor(31, 94, 168),
        C::RegionalCenter => RGBColor(123, 79, 170),
        C::Other => RGBColor(120, 127, 135),
    }
}

fn districts_dry<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    run: &RunResult,
    s: &Settlement,
    g: bool,
) -> anyhow::Result<()> {
    let threshold = format!("{:.0}%", DRY_THRESHOLD * 100.0);
    let (plot, legend_area) = frame(
        root,
        &format!("Districts running dry \u{2014} {}", run_tag(run)),
        &format!(
            "Share of paths in which the district government had to pay; districts ordered by the first year above \
             {threshold}"
        ),
        g,
    )?;
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
    let label_w = s.districts.iter().map(|d| text::width(&label_style, &d.label)).max().unwrap_or(0);
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
        text::draw(&plot, &district.label, &label_style, (label_right, mid), g)?;
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
    text::draw(&plot, "Year", &desc, ((left + right) / 2, y_labels + 26), g)?;

    dry_legend(&legend_area, &threshold, g)
}

/// The heatmap's legend: the colour scale, the class key and how to read
/// the rows.
fn dry_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, threshold: &str, g: bool) -> anyhow::Result<()> {
    let head = font(17.0, true, &INK);
    let label = font(15.0, false, &INK);
    let note = font(13.0, false, &GREY);
    let x = 8;
    let mut y = 18;
    text::draw(area, "Share of paths with a", &head, (x, y), g)?;
    text::draw(area, "government payment", &head, (x, y + 21), g)?;
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
    text::draw(area, "none (0%)", &label, (x + 40, y), g)?;
    y += 30;
    area.draw(&Rectangle::new([(x, y), (x + bar_w, y + 16)], INK.stroke_width(2))).map_err(de)?;
    text::draw(area, &format!("first year above {threshold}"), &label, (x + 40, y), g)?;
    y += 36;

    text::draw(area, "District class", &head, (x, y), g)?;
    y += 28;
    let letter = font(13.0, true, &WHITE).pos(Pos::new(HPos::Center, VPos::Center));
    use medfund_rules::settle::DistrictClass as C;
    for (c, name) in
        [(C::MainUrban, "main urban"), (C::RegionalCenter, "regional centre"), (C::Other, "other district")]
    {
        area.draw(&Rectangle::new([(x, y), (x + 18, y + 18)], class_colour(c).filled())).map_err(de)?;
        text::draw(area, class_letter(c), &letter, (x + 10, y + 9), g)?;
        text::draw(area, name, &label, (x + 28, y + 1), g)?;
        y += 26;
    }
    y += 8;
    for line in [
        "Rows never above the threshold".to_string(),
        "are at the bottom, by their".into(),
        "share of path-years with a".into(),
        "government payment.".into(),
    ] {
        text::draw(area, &line, &note, (x, y), g)?;
        y += 17;
    }
    Ok(())
}

// ---------------------------------------------------------------- heatmap

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
}

/// A chart that is not a run's (`stress`, `compare`): drawn on any
/// backend by [`write_figure_png`] and [`write_figure_svg`].
pub trait Figure {
    /// `g`: place text glyph by glyph (the bitmap backend, see `text`).
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()>;
}

pub fn write_figure_png<F: Figure>(path: &Path, f: &F) -> anyhow::Result<()> {
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    f.draw_on(&root, true)?;
    root.present().map_err(de)?;
    Ok(())
}

pub fn write_figure_svg<F: Figure>(path: &Path, f: &F) -> anyhow::Result<()> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        f.draw_on(&root, false)?;
        root.present().map_err(de)?;
    }
    std::fs::write(path, svg)?;
    Ok(())
}

impl Figure for Heatmap {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        heatmap(root, self, g)
    }
}

impl Figure for Bars {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        bars(root, self, g)
    }
}

fn heatmap<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, h: &Heatmap, g: bool) -> anyhow::Result<()> {
    let (plot, legend_area) = frame(root, &h.title, &h.subtitle, g)?;
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
    text::draw(&legend_area, "Colour", &head, (8, y), g)?;
    y += 28;
    for (k, p) in [0.0f64, 0.25, 0.5, 0.75, 1.0].into_iter().enumerate() {
        legend_area
            .draw(&Rectangle::new(
                [(8 + 48 * k as i32, y), (52 + 48 * k as i32, y + 22)],
                share_colour(p.max(1e-9)).filled(),
            ))
            .map_err(de)?;
    }
    text::draw(&legend_area, "better", &note, (8, y + 28), g)?;
    text::draw(&legend_area, "worse", &note.pos(Pos::new(HPos::Right, VPos::Top)), (244, y + 28), g)?;
    y += 60;
    for line in &h.legend {
        text::draw(&legend_area, line, &note, (8, y), g)?;
        y += 20;
    }
    Ok(())
}

// ------------------------------------------------------------ grouped bars

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

const SERIES_COLOURS: [RGBColor; 6] = [
    RGBColor(31, 94, 168),
    RGBColor(230, 140, 0),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(123, 79, 170),
    RGBColor(120, 127, 135),
];

fn bars<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, b: &Bars, g: bool) -> anyhow::Result<()> {
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
