//! Text on the bitmap charts, placed glyph by glyph.
//!
//! plotters 0.3.7's ab_glyph text renderer puts each glyph's ink at the pen
//! position, ignoring the glyph's left side bearing (and truncating the pen
//! to whole pixels), so words come out unevenly spaced ("m onths"). For the
//! PNG charts we therefore draw one glyph at a time: the pen position from
//! plotters' own layout of the prefix (so widths and anchors agree with
//! it), shifted by the side bearing read from the font's `hmtx` table. SVG
//! text is laid out by the viewer and is drawn as whole strings.
//!
//! Text with Chinese in it is drawn in the embedded CJK font (registered
//! under [`CJK_FAMILY`], which has Latin letters and digits too) rather
//! than DejaVu Sans, which has no CJK glyphs; other text is unchanged.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos};

use crate::output::lang::{CJK_BOLD, CJK_FAMILY, CJK_REGULAR, is_cjk};

/// A drawing error (plotters' backends each have their own) as ours.
pub fn de<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow::anyhow!("drawing: {e}")
}

/// Draw `text` with `style` (anchor and rotation as in plotters) at `pos`
/// on `area`; `glyphs` selects glyph-by-glyph placement (bitmap backend).
/// Only no rotation and `Rotate270` (bottom to top) are laid out by glyph.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    pos: (i32, i32),
    glyphs: bool,
) -> anyhow::Result<()> {
    let cjk = in_cjk(style, text);
    let style = cjk.as_ref().unwrap_or(style);
    let trans = style.font.get_transform();
    let rotated = matches!(trans, FontTransform::Rotate270);
    if !glyphs || !(rotated || matches!(trans, FontTransform::None)) {
        return area.draw_text(text, style, pos).map_err(de);
    }
    let metrics = match (style.font.get_style(), cjk.is_some()) {
        (FontStyle::Bold, false) => bold(),
        (_, false) => regular(),
        (FontStyle::Bold, true) => cjk_bold(),
        (_, true) => cjk_regular(),
    };
    let Some(metrics) = metrics else { return area.draw_text(text, style, pos).map_err(de) };
    let width = |s: &str| style.font.layout_box(s).map(|((x0, _), (x1, _))| x1 - x0).map_err(de);
    let total = width(text)?;
    let start = match style.pos.h_pos {
        HPos::Left => 0,
        HPos::Right => -total,
        HPos::Center => -total / 2,
    };
    let glyph_style = style.pos(Pos::new(HPos::Left, style.pos.v_pos));
    let px_per_unit = style.font.get_size() * metrics.scale;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let pen = if i == 0 { 0 } else { width(&text[..i])? };
        let lsb = (f64::from(metrics.lsb(c)) * px_per_unit).floor() as i32;
        let along = start + pen + lsb;
        let at = if rotated { (pos.0, pos.1 - along) } else { (pos.0 + along, pos.1) };
        let mut buf = [0u8; 4];
        area.draw_text(c.encode_utf8(&mut buf), &glyph_style, at).map_err(de)?;
    }
    Ok(())
}

/// The width plotters gives `text` in `style`, in pixels (in the CJK
/// font when the text has Chinese in it, as [`draw`] draws it).
pub fn width(style: &TextStyle, text: &str) -> i32 {
    let cjk = in_cjk(style, text);
    let style = cjk.as_ref().unwrap_or(style);
    style.font.layout_box(text).map_or(0, |((x0, _), (x1, _))| x1 - x0)
}

/// How much larger the CJK font is drawn than the size asked for: at one
/// size its ideographs (one em in a line 1.448 em high) come out smaller
/// than DejaVu Sans' letters (a line 1.164 em high), and Chinese at 13 px
/// is hard to read.
pub const CJK_SCALE: f64 = 1.15;

/// `style` in the CJK font when `text` has a CJK character, else `None`
/// (the style as it is).
fn in_cjk<'a>(style: &TextStyle<'a>, text: &str) -> Option<TextStyle<'a>> {
    if !text.chars().any(is_cjk) {
        return None;
    }
    let f = &style.font;
    let size = f.get_size() * CJK_SCALE;
    let font = FontDesc::new(FontFamily::Name(CJK_FAMILY), size, f.get_style()).transform(f.get_transform());
    Some(TextStyle { font, color: style.color, pos: style.pos })
}

fn cjk_regular() -> Option<&'static Metrics> {
    static M: OnceLock<Option<Metrics>> = OnceLock::new();
    M.get_or_init(|| Metrics::parse(CJK_REGULAR)).as_ref()
}

fn cjk_bold() -> Option<&'static Metrics> {
    static M: OnceLock<Option<Metrics>> = OnceLock::new();
    M.get_or_init(|| Metrics::parse(CJK_BOLD)).as_ref()
}

fn regular() -> Option<&'static Metrics> {
    static M: OnceLock<Option<Metrics>> = OnceLock::new();
    M.get_or_init(|| Metrics::parse(dejavu::sans::regular())).as_ref()
}

fn bold() -> Option<&'static Metrics> {
    static M: OnceLock<Option<Metrics>> = OnceLock::new();
    M.get_or_init(|| Metrics::parse(dejavu::sans::bold())).as_ref()
}

/// What we need of a TrueType font: character to glyph, left side
/// bearings, and the scale ab_glyph uses (pixel size ÷ (ascender −
/// descender), in font units).
struct Metrics {
    font: &'static [u8],
    cmap: usize,
    cmap_format: u16,
    hmtx: usize,
    n_hmetrics: u16,
    scale: f64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    Some(i16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl Metrics {
    fn parse(font: &'static [u8]) -> Option<Metrics> {
        let n_tables = usize::from(u16_at(font, 4)?);
        let table = |tag: &[u8; 4]| {
            (0..n_tables).find_map(|i| {
                let rec = 12 + 16 * i;
                (font.get(rec..rec + 4)? == tag).then(|| u32_at(font, rec + 8).map(|o| o as usize)).flatten()
            })
        };
        let hhea = table(b"hhea")?;
        let ascender = f64::from(i16_at(font, hhea + 4)?);
        let descender = f64::from(i16_at(font, hhea + 6)?);
        let n_hmetrics = u16_at(font, hhea + 34)?;
        let hmtx = table(b"hmtx")?;
        let cmap = table(b"cmap")?;
        // Prefer the full-Unicode subtable (format 12), else the BMP one (4).
        let mut best: Option<(usize, u16)> = None;
        for i in 0..usize::from(u16_at(font, cmap + 2)?) {
            let rec = cmap + 4 + 8 * i;
            let (platform, encoding) = (u16_at(font, rec)?, u16_at(font, rec + 2)?);
            let sub = cmap + u32_at(font, rec + 4)? as usize;
            let format = u16_at(font, sub)?;
            let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if unicode && (format == 12 || (format == 4 && best.is_none())) {
                best = Some((sub, format));
            }
        }
        let (cmap, cmap_format) = best?;
        let height = ascender - descender;
        (height > 0.0).then_some(Metrics { font, cmap, cmap_format, hmtx, n_hmetrics, scale: 1.0 / height })
    }

    fn glyph(&self, c: char) -> Option<u16> {
        let (b, t, c) = (self.font, self.cmap, c as u32);
        if self.cmap_format == 12 {
            let groups = u32_at(b, t + 12)? as usize;
            return (0..groups).find_map(|g| {
                let at = t + 16 + 12 * g;
                let (first, last) = (u32_at(b, at)?, u32_at(b, at + 4)?);
                (first..=last).contains(&c).then(|| u32_at(b, at + 8).map(|s| (s + c - first) as u16)).flatten()
            });
        }
        let c = u16::try_from(c).ok()?;
        let seg_x2 = usize::from(u16_at(b, t + 6)?);
        let ends = t + 14;
        let starts = ends + seg_x2 + 2;
        let deltas = starts + seg_x2;
        let offsets = deltas + seg_x2;
        let seg = (0..seg_x2 / 2).find(|&s| u16_at(b, ends + 2 * s).is_some_and(|e| e >= c))?;
        let start = u16_at(b, starts + 2 * seg)?;
        if start > c {
            return None;
        }
        let delta = u16_at(b, deltas + 2 * seg)?;
        let range = u16_at(b, offsets + 2 * seg)?;
        if range == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = offsets + 2 * seg + usize::from(range) + 2 * usize::from(c - start);
        let g = u16_at(b, at)?;
        (g != 0).then(|| g.wrapping_add(delta))
    }

    /// Left side bearing of `c`, font units (0 when unknown).
    fn lsb(&self, c: char) -> i16 {
        let Some(g) = self.glyph(c) else { return 0 };
        let n = self.n_hmetrics;
        let at = if g < n {
            self.hmtx + 4 * usize::from(g) + 2
        } else {
            self.hmtx + 4 * usize::from(n) + 2 * usize::from(g - n)
        };
        i16_at(self.font, at).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dejavu_metrics() {
        let m = regular().expect("DejaVu Sans parses");
        // Distinct glyphs for distinct letters, none for a private-use point.
        assert_ne!(m.glyph('a'), m.glyph('b'));
        assert!(m.glyph('a').is_some_and(|g| g > 0));
        assert_eq!(m.glyph('\u{E000}'), None);
        // 'i' and 'l' sit well inside their advance; 'M' has some bearing.
        assert!(m.lsb('i') > 100 && m.lsb('l') > 100, "{} {}", m.lsb('i'), m.lsb('l'));
        assert!(m.lsb('M') > 0);
        // ab_glyph's scale: ascender − descender of DejaVu Sans is 2384 units.
        assert!((1.0 / m.scale - 2384.0).abs() < 1.0, "{}", 1.0 / m.scale);
        assert!(bold().is_some());
    }

    #[test]
    fn reads_the_cjk_font_metrics() {
        for m in [cjk_regular().expect("the CJK regular subset parses"), cjk_bold().expect("the bold one")] {
            let (a, b) = (m.glyph('基'), m.glyph('金'));
            assert!(a.is_some_and(|g| g > 0) && b.is_some_and(|g| g > 0) && a != b);
            assert!(m.glyph('a').is_some_and(|g| g > 0));
            assert_eq!(m.glyph('\u{E000}'), None);
        }
    }

    /// Every character the Chinese labels, the built-in scenarios and the
    /// district list use is in both embedded CJK fonts: a label added
    /// without rerunning assets/fonts/make_subset.py fails here.
    #[test]
    fn the_cjk_font_has_every_character() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for (dir, ext) in [("src/output/labels", "rs"), ("scenarios", "toml")] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == ext) {
                    files.push(p);
                }
            }
        }
        files.push(root.join("data/chongqing_districts.csv"));
        assert!(files.len() >= 8, "{files:?}");
        let mut chars: std::collections::BTreeMap<char, String> = (' '..='~').map(|c| (c, "ASCII".into())).collect();
        for f in &files {
            for c in std::fs::read_to_string(f).unwrap().chars() {
                if !c.is_ascii() && !c.is_whitespace() && !c.is_control() {
                    chars.entry(c).or_insert_with(|| f.display().to_string());
                }
            }
        }
        assert!(chars.contains_key(&'累') && chars.contains_key(&'渝'), "the labels and districts were read");
        for (weight, m) in [("regular", cjk_regular().unwrap()), ("bold", cjk_bold().unwrap())] {
            let missing: Vec<String> = chars
                .iter()
                .filter(|(c, _)| m.glyph(**c).is_none_or(|g| g == 0))
                .map(|(c, f)| format!("{c} ({f})"))
                .collect();
            assert!(
                missing.is_empty(),
                "the CJK {weight} subset lacks {} characters (rerun python3 assets/fonts/make_subset.py): {}",
                missing.len(),
                missing.join(", ")
            );
        }
    }
}
