//! `--lang zh`: a Chinese run (report.md, run.json, charts, the terminal
//! summary) and its HTML page, the language taken from `--lang`, from the
//! locale of the process, and for `medfund report` from run.json; and the
//! page and a chart looked at pixel by pixel, to see Chinese glyphs drawn,
//! not boxes (tofu), with no CJK font on the system (as on CI).
//!
//! The Chromium test skips (with a message) when `chromium` is not
//! installed, unless `MEDFUND_REQUIRE_CHROMIUM=1` (as in `.ci/run`), when it
//! fails instead. Its screenshot is kept in `target/test-artefacts/`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{TempDir, chromium, medfund_command, run_chromium, text};

/// medfund with `args` and the locale `lang` (LANG; LC_ALL and LC_MESSAGES
/// cleared), or no locale at all.
fn medfund_in(lang: Option<&str>, args: &[&str]) -> Output {
    let mut c = medfund_command(args);
    if let Some(l) = lang {
        c.env("LANG", l);
    }
    c.output().unwrap()
}

/// A small Chongqing run (districts settle, a resident fund) into `out`,
/// with `extra` options and the locale `lang`; its standard output.
fn simulate(out: &Path, lang: Option<&str>, extra: &[&str]) -> String {
    let mut args = vec![
        "simulate",
        "--scenario",
        "chongqing",
        "--paths",
        "2",
        "--years",
        "3",
        "--seed",
        "7",
        "--set",
        "projection.population.members=3000",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = medfund_in(lang, &args);
    assert!(o.status.success(), "simulate: {}", text(&o.stderr));
    text(&o.stdout)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_chinese_run_is_written_in_chinese_and_its_tables_stay_ascii() {
    let tmp = TempDir::new("run");
    let dir = tmp.0.join("run");
    let stdout = simulate(&dir, Some("en_US.UTF-8"), &["--lang", "zh"]);
    // The terminal summary, in Chinese though the locale is English.
    assert!(stdout.contains("重庆市职工医保统筹基金") && stdout.contains("条模拟路径"), "{stdout}");
    assert!(stdout.contains("年份") && stdout.contains("报告："), "{stdout}");
    let md = fs::read_to_string(dir.join("report.md")).unwrap();
    for words in ["累计结余可支付月数", "## 主要指标", "## 区县结算", "万元", "## 赤字年份", "居民医保"]
    {
        assert!(md.contains(words), "report.md lacks {words}:\n{md}");
    }
    assert!(!md.contains("## Key figures"));
    let resident = fs::read_to_string(dir.join("resident/report.md")).unwrap();
    assert!(resident.contains("## 基金筹资") && resident.contains("居民医保基金"), "{resident}");
    let v = json(&dir.join("run.json"));
    assert_eq!(v["lang"], "zh");
    assert!(v["headline"][0].as_str().unwrap().contains("可支付月数"), "{v}");
    assert_eq!(json(&dir.join("resident/run.json"))["lang"], "zh");
    // The ledger and summary keep their ASCII column names.
    let summary = fs::read_to_string(dir.join("summary.csv")).unwrap();
    let header = summary.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.starts_with("year,") && header.is_ascii(), "{header}");
    let ledger = fs::read_to_string(dir.join("ledger.csv")).unwrap();
    assert!(ledger.trim_start_matches('\u{feff}').lines().next().unwrap().is_ascii());
    // The SVG charts name the CJK font for their Chinese text.
    let svg = fs::read_to_string(dir.join("districts_dry.svg")).unwrap();
    assert!(svg.contains("Noto Sans CJK SC") && svg.contains("渝中") && svg.contains("区县收不抵支"));

    // `medfund report` follows run.json whatever the locale; --lang wins.
    let o = medfund_in(Some("en_US.UTF-8"), &["report", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("报告："));
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("@font-face"));
    for words in ["<h2 id=\"run\">运行信息</h2>", "<h2 id=\"charts\">图表</h2>", "分年度汇总", "随机种子"]
    {
        assert!(html.contains(words), "the page lacks {words}");
    }
    let o = medfund_in(Some("zh_CN.UTF-8"), &["report", "--lang", "en", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("<h2 id=\"run\">Run</h2>"));
    assert!(!html.contains("@font-face"));
}

#[test]
fn the_language_defaults_to_the_locale() {
    let tmp = TempDir::new("locale");
    let (zh, en, none) = (tmp.0.join("zh"), tmp.0.join("en"), tmp.0.join("none"));
    let stdout = simulate(&zh, Some("zh_CN.UTF-8"), &[]);
    assert!(stdout.contains("重庆市"), "{stdout}");
    assert_eq!(json(&zh.join("run.json"))["lang"], "zh");
    assert!(fs::read_to_string(zh.join("report.md")).unwrap().contains("## 主要指标"));
    let stdout = simulate(&en, Some("en_GB.UTF-8"), &[]);
    assert!(stdout.contains("paths ×") && stdout.contains("report: "), "{stdout}");
    assert_eq!(json(&en.join("run.json"))["lang"], "en");
    simulate(&none, None, &["--quiet"]);
    assert_eq!(json(&none.join("run.json"))["lang"], "en");
    // A folder whose run.json records no language (an older medfund):
    // the locale decides the page's.
    let mut v = json(&en.join("run.json"));
    v.as_object_mut().unwrap().remove("lang");
    fs::write(en.join("run.json"), v.to_string()).unwrap();
    assert!(medfund_in(Some("zh_CN.UTF-8"), &["report", en.to_str().unwrap()]).status.success());
    assert!(fs::read_to_string(en.join("report.html")).unwrap().contains("<html lang=\"zh-CN\">"));
    assert!(medfund_in(Some("C"), &["report", en.to_str().unwrap()]).status.success());
    assert!(fs::read_to_string(en.join("report.html")).unwrap().contains("<html lang=\"en\">"));
}

#[test]
fn a_sharded_run_merged_in_chinese_is_the_run_in_chinese() {
    let tmp = TempDir::new("merge");
    let (shards, single) = (tmp.0.join("shards"), tmp.0.join("single"));
    for i in ["0/2", "1/2"] {
        simulate(&shards, None, &["--quiet", "--shard", i]);
    }
    let o = medfund_in(Some("en_US.UTF-8"), &["merge", shards.to_str().unwrap(), "--lang", "zh"]);
    assert!(o.status.success(), "merge: {}", text(&o.stderr));
    assert!(text(&o.stdout).contains("条模拟路径"));
    simulate(&single, None, &["--quiet", "--lang", "zh"]);
    for f in ["report.md", "run.json", "resident/report.md", "districts_dry.svg", "months_fan.png"] {
        assert!(fs::read(shards.join(f)).unwrap() == fs::read(single.join(f)).unwrap(), "{f} differs");
    }
}

/// An RGB image.
struct Image {
    w: usize,
    h: usize,
    px: Vec<[u8; 3]>,
}

fn decode(path: &Path) -> Image {
    let decoder = png::Decoder::new(fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let c = info.color_type.samples();
    assert!(c >= 3, "{:?}", info.color_type);
    let (w, h) = (info.width as usize, info.height as usize);
    let px = (0..w * h).map(|i| [buf[i * c], buf[i * c + 1], buf[i * c + 2]]).collect();
    Image { w, h, px }
}

impl Image {
    /// The cell (x, y, w, h) as ink (dark) or not, pixel by pixel.
    fn ink(&self, (x, y, w, h): (usize, usize, usize, usize)) -> Vec<bool> {
        assert!(x + w <= self.w && y + h <= self.h);
        let mut out = Vec::with_capacity(w * h);
        for yy in y..y + h {
            for xx in x..x + w {
                let [r, g, b] = self.px[yy * self.w + xx];
                out.push(u32::from(r) + u32::from(g) + u32::from(b) < 3 * 140);
            }
        }
        out
    }
}

/// Glyph cells that are Chinese characters drawn, not boxes: each has ink,
/// and they differ from one another in their ink counts (boxes of one
/// size have nearly the same) and, pixel by pixel, every pair differs.
fn assert_distinct_glyphs(what: &str, cells: &[Vec<bool>]) {
    let counts: Vec<usize> = cells.iter().map(|c| c.iter().filter(|&&i| i).count()).collect();
    assert!(counts.iter().all(|&n| n >= 12), "{what}: a glyph cell without ink: {counts:?}");
    let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(*hi as f64 > 1.4 * *lo as f64, "{what}: the glyphs are all alike (boxes?): {counts:?}");
    let mut distinct = counts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() * 4 >= counts.len() * 3, "{what}: too few different glyphs: {counts:?}");
    for i in 0..cells.len() {
        for j in i + 1..cells.len() {
            assert_ne!(cells[i], cells[j], "{what}: glyphs {i} and {j} are drawn the same");
        }
    }
}

/// A screenshot of `url` by headless Chromium (common::run_chromium),
/// `size` pixels.
fn screenshot(chromium: &Path, work: &Path, url: &str, size: (u32, u32), shot: &Path) {
    let window = format!("--window-size={},{}", size.0, size.1);
    let file = format!("--screenshot={}", shot.display());
    let (status, _) = run_chromium(chromium, work, &[&window, &file], url);
    assert!(status.success(), "chromium failed ({status})");
    assert!(shot.is_file(), "chromium wrote no screenshot");
}

/// The characters of the probes: distinct, common in the report.
const PROBE: [char; 8] = ['基', '金', '累', '计', '结', '余', '月', '数'];

#[test]
fn chinese_glyphs_are_drawn_in_the_page_and_the_charts() {
    let tmp = TempDir::new("glyphs");
    let dir = tmp.0.join("run");
    simulate(&dir, None, &["--lang", "zh", "--quiet"]);

    // The chart: the title's first characters (累计结余可支付月数), each a
    // cell of one advance (the CJK font's ideographs are one em wide, 1000
    // units, drawn at 25 px × 1.15 per 1448 units from x = 24).
    let chart = decode(&dir.join("months_fan.png"));
    let advance = 25.0 * 1.15 * 1000.0 / 1448.0;
    let cells: Vec<Vec<bool>> =
        (0..9).map(|i| chart.ink((24 + (advance * f64::from(i)).round() as usize, 12, 19, 32))).collect();
    assert_distinct_glyphs("months_fan.png title", &cells);
    // The districts' names in the heatmap are Chinese, not their pinyin.
    let svg = fs::read_to_string(dir.join("districts_dry.svg")).unwrap();
    assert!(svg.contains("\n渝中\n") && !svg.contains("Yuzhong"));

    let Some(chromium) = chromium() else { return };
    let o = medfund_in(None, &["report", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // The page with a probe over its top left: the characters in cells of
    // 60 px, regular then bold, in the page's own font stack.
    let html = fs::read_to_string(dir.join("report.html")).unwrap();
    let cell = |c: &char| format!("<span style=\"display:inline-block;width:60px;height:60px\">{c}</span>");
    let row: String = PROBE.iter().map(cell).collect();
    let probe = format!(
        "<div id=\"probe\" style=\"position:fixed;left:0;top:0;z-index:9;background:#fff;font-size:40px;\
         line-height:60px;width:480px\"><div>{row}</div><div style=\"font-weight:bold\">{row}</div></div></body>"
    );
    let page = dir.join("probe.html");
    fs::write(&page, html.replacen("</body>", &probe, 1)).unwrap();
    let shot = tmp.0.join("report-zh.png");
    screenshot(&chromium, &tmp.0, &format!("file://{}", page.display()), (1280, 1600), &shot);
    let artefacts = Path::new(env!("CARGO_BIN_EXE_medfund")).parent().unwrap().parent().unwrap().join("test-artefacts");
    fs::create_dir_all(&artefacts).unwrap();
    fs::copy(&shot, artefacts.join("report-zh.png")).unwrap();
    let img = decode(&shot);
    for (row, weight) in [(0, "regular"), (1, "bold")] {
        let cells: Vec<Vec<bool>> = (0..PROBE.len()).map(|i| img.ink((i * 60, row * 60, 60, 60))).collect();
        assert_distinct_glyphs(&format!("the page's {weight} probe"), &cells);
    }
    // And the page itself below the probe: ink all the way down.
    for band in 2..8 {
        let cells = img.ink((0, band * 200, 1280, 200));
        let share = cells.iter().filter(|&&i| i).count() as f64 / cells.len() as f64;
        assert!(share > 0.003, "band {band} of the Chinese page is nearly blank ({:.3}% ink)", share * 100.0);
    }
}
