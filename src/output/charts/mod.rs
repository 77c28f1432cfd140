//! The run's charts, each drawn once per backend (PNG through plotters'
//! bitmap backend, SVG as a string).
//!
//! Layout of every chart (1200 × 700): a title and a subtitle on top, the
//! plot on the left, the legend in a panel of its own on the right, so the
//! legend never covers data and no text overlaps another.
//!
//! Here: the entry points the rest of `output` calls ([`register_fonts`],
//! [`write_png`], [`write_svg`] for a run's [`Chart`]s;
//! [`write_figure_png`], [`write_figure_svg`] for a [`Figure`]). The
//! shared look is in `style`, glyph placement in `text`, and each figure
//! in a file of its own: `fan` (months of payment and closing balance),
//! `flows`, `burden`, `districts_dry`, `heatmap` and `lines` (stress),
//! `bars` (compare) and `tornado` (sensitivity).

mod bars;
mod burden;
mod districts_dry;
mod fan;
mod flows;
mod heatmap;
mod lines;
mod style;
mod text;
pub mod tornado;

use std::path::Path;
use std::sync::OnceLock;

use anyhow::anyhow;
use medfund_sim::montecarlo::RunResult;
use plotters::coord::Shift;
use plotters::prelude::*;

pub use bars::Bars;
pub use fan::{Fan, backtest_fan, diff_fan};
pub use heatmap::{CurrentMark, Heatmap};
pub use lines::{Lines, YKind};
#[cfg(test)]
pub use style::axis_number;
use style::{FONT, SIZE};
pub use style::{money_unit, money_unit_in, money_words};
use text::de;

use super::districts::Settlement;
use super::lang::Lang;

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
/// backend has no system fonts), and the embedded CJK font under its own
/// family for text with Chinese in it (see `text`). Idempotent.
pub fn register_fonts() -> anyhow::Result<()> {
    use crate::output::lang::{CJK_BOLD, CJK_FAMILY, CJK_REGULAR};
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = DONE.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
            && plotters::style::register_font(CJK_FAMILY, FontStyle::Normal, CJK_REGULAR).is_ok()
            && plotters::style::register_font(CJK_FAMILY, FontStyle::Bold, CJK_BOLD).is_ok()
    });
    if *ok { Ok(()) } else { Err(anyhow!("could not load the DejaVu Sans font")) }
}

/// Draw `chart` as a PNG at `path` (whose extension must be `.png`), its
/// words in `lang`.
pub fn write_png(path: &Path, run: &RunResult, chart: Chart<'_>, lang: Lang) -> anyhow::Result<()> {
    let root = BitMapBackend::new(path, SIZE).into_drawing_area();
    draw(&root, run, chart, lang, true)?;
    root.present().map_err(de)?;
    Ok(())
}

/// Draw `chart` as an SVG file at `path`, its words in `lang`.
pub fn write_svg(path: &Path, run: &RunResult, chart: Chart<'_>, lang: Lang) -> anyhow::Result<()> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, run, chart, lang, false)?;
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
    lang: Lang,
    glyphs: bool,
) -> anyhow::Result<()> {
    let t = crate::output::labels::chart(lang);
    match chart {
        Chart::MonthsFan => fan::draw(root, &fan::months_fan(run, t), glyphs),
        Chart::BalanceFan => fan::draw(root, &fan::balance_fan(run, t), glyphs),
        Chart::Flows => flows::draw(root, run, t, glyphs),
        Chart::Burden(s) => burden::draw(root, run, s, t, glyphs),
        Chart::DistrictsDry(s) => districts_dry::draw(root, run, s, t, glyphs),
    }
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
        heatmap::draw(root, self, g)
    }
}

impl Figure for Fan {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        fan::draw(root, self, g)
    }
}

impl Figure for Bars {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        bars::draw(root, self, g)
    }
}

impl Figure for tornado::Tornado {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        tornado::draw(root, self, g)
    }
}

impl Figure for Lines {
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, g: bool) -> anyhow::Result<()> {
        lines::draw(root, self, g)
    }
}
