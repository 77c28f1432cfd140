//! `medfund report DIR`: a run folder as one self-contained HTML page, built
//! from small real runs (a few thousand members, a few paths and years), and
//! the page looked at in headless Chromium.
//!
//! The Chromium test skips (with a message) when `chromium` is not
//! installed, unless `MEDFUND_REQUIRE_CHROMIUM=1` (as in `.ci/run`), when it
//! fails instead. Its screenshot is kept in `target/test-artefacts/`.

mod common;

use std::fs;
use std::path::Path;

use common::{TempDir, chromium, medfund, run_chromium, text};

/// `medfund simulate` of a small city into `out`.
fn simulate(scenario: &str, paths: u32, years: u32, members: u32, out: &Path) {
    let o = medfund(&[
        "simulate",
        "--scenario",
        scenario,
        "--paths",
        &paths.to_string(),
        "--years",
        &years.to_string(),
        "--seed",
        "7",
        "--set",
        &format!("projection.population.members={members}"),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "simulate {scenario}: {}", text(&o.stderr));
}

/// `medfund report DIR`, which must succeed; the page's text.
fn report(dir: &Path) -> String {
    let o = medfund(&["report", dir.to_str().unwrap()]);
    assert!(o.status.success(), "report: {}", text(&o.stderr));
    let page = dir.join("report.html");
    assert_eq!(text(&o.stdout), format!("report: {}\n", page.display()));
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
    fs::read_to_string(page).unwrap()
}

/// The `<table>` of the page whose data came from `file` (the first one
/// after `after`, to reach a subfolder's section).
fn table_of<'a>(html: &'a str, file: &str, after: &str) -> &'a str {
    let from = html.find(after).unwrap_or_else(|| panic!("{after} not in the page"));
    let rest = &html[from..];
    let start = rest.find(&format!("data-file=\"{file}\"")).unwrap_or_else(|| panic!("no table of {file}"));
    let end = rest[start..].find("</table>").unwrap();
    &rest[start..start + end]
}

/// The top folder's part of the page (before any subfolder's section).
fn top(html: &str) -> &str {
    &html[..html.find("<section id=\"sub-").unwrap_or(html.len())]
}

/// A subfolder's section of the page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("no section {id}"));
    let end = html[start..].find("</section>").unwrap();
    &html[start..start + end]
}

/// Body rows of a table (the header row excluded).
fn body_rows(table: &str) -> usize {
    let body = &table[table.find("<tbody>").unwrap()..];
    body.matches("<tr>").count()
}

/// Data lines of a CSV file (header excluded).
fn csv_rows(path: &Path) -> usize {
    fs::read_to_string(path).unwrap().lines().skip(1).filter(|l| !l.is_empty()).count()
}

/// Nothing the page would fetch: no http(s) anywhere (the SVG namespace
/// attribute is dropped when inlined), no stylesheet links, imports or
/// url(), every src a data URI, every href a fragment.
fn assert_self_contained(html: &str) {
    assert!(!html.contains("http://") && !html.contains("https://"), "an http(s) reference");
    assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("));
    assert!(!html.contains("<iframe") && !html.contains("<object") && !html.contains("<embed"));
    for (i, _) in html.match_indices(" src=") {
        assert!(html[i..].starts_with(" src=\"data:image/png;base64,"), "{}", &html[i..i + 40]);
    }
    for (i, _) in html.match_indices("href=") {
        assert!(html[i..].starts_with("href=\"#"), "{}", &html[i..i + 40]);
    }
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn run_json_describes_the_run() {
    let tmp = TempDir::new("json");
    let dir = tmp.0.join("run");
    simulate("dingxi", 2, 2, 2000, &dir);
    let v = json(&dir.join("run.json"));
    assert_eq!(v["scenario"], "dingxi");
    assert_eq!(v["seed"].as_u64(), Some(7));
    assert_eq!(v["paths"].as_u64(), Some(2));
    assert_eq!(v["years"].as_array().unwrap().len(), 2);
    assert_eq!(v["overrides"], serde_json::json!(["projection.population.members=2000"]));
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["scenario_hash"].as_str().unwrap().len(), 16);
    assert_eq!(v["districts"].as_array().unwrap().len(), 1);
    let reproduce = v["reproduce"].as_str().unwrap();
    assert!(reproduce.starts_with("medfund simulate --scenario "), "{reproduce}");
    assert!(
        reproduce.ends_with("--years 2 --paths 2 --seed 7 --set projection.population.members=2000"),
        "{reproduce}"
    );
    // The assumptions are the scenario's, as `scenario show` lists them.
    let show = text(&medfund(&["scenario", "show", "dingxi"]).stdout);
    let shown = show.split("== Assumptions").nth(1).unwrap();
    let keys: Vec<&str> = shown.lines().filter_map(|l| l.strip_prefix('[')?.split(']').next()).collect();
    let assumptions = v["assumptions"].as_array().unwrap();
    assert!(!keys.is_empty());
    assert_eq!(assumptions.iter().map(|a| a[0].as_str().unwrap()).collect::<Vec<_>>(), keys);
    assert!(assumptions.iter().all(|a| a.as_array().unwrap().len() == 2 && !a[1].as_str().unwrap().is_empty()));
}

#[test]
fn report_has_every_chart_table_and_assumption() {
    let tmp = TempDir::new("districts");
    let dir = tmp.0.join("chongqing run");
    simulate("chongqing", 2, 3, 3000, &dir);
    let html = report(&dir);
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_self_contained(&html);

    // Every chart, inline as SVG, in order. (Only the top folder's: the
    // scenario may also project a resident fund into resident/.)
    let stems = ["months_fan", "balance_fan", "flows", "burden", "districts_dry"];
    let top = top(&html);
    assert_eq!(top.matches("<figure").count(), stems.len());
    assert_eq!(top.matches("<svg role=\"img\"").count(), stems.len());
    let at: Vec<usize> =
        stems.iter().map(|s| top.find(&format!("id=\"chart-{}\"", s.replace('_', "-"))).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "charts in order: {at:?}");
    assert!(top.contains("Deficit sharing") && top.contains("Wanzhou"), "the SVGs' own text is in the page");

    // The tables, with as many rows as their CSV files: 3 years, 3 years
    // and never, 3 years × 38 districts.
    for (file, rows) in [("summary.csv", 3), ("depletion.csv", 4), ("districts.csv", 3 * 38)] {
        assert_eq!(csv_rows(&dir.join(file)), rows, "{file}");
        let t = table_of(&html, file, "<main>");
        assert_eq!(body_rows(t), rows, "{file}");
        assert!(top.contains(&format!("<table class=\"sortable data\" data-file=\"{file}\">")), "{file} is sortable");
        let header = fs::read_to_string(dir.join(file)).unwrap().lines().next().unwrap().to_string();
        assert_eq!(t.matches("<th ").count(), header.split(',').count(), "{file}: one header cell a column");
    }
    // A value as written in summary.csv, kept exactly for sorting.
    let summary = fs::read_to_string(dir.join("summary.csv")).unwrap();
    let balance_mean = summary.lines().nth(1).unwrap().split(',').nth(2).unwrap();
    assert!(html.contains(&format!("data-v=\"{balance_mean}\"")), "{balance_mean}");
    assert!(html.contains("<td>渝中</td>"));
    assert!(html.contains("function sort()") && html.contains("addEventListener('click'"));

    // The run and its assumptions.
    let v = json(&dir.join("run.json"));
    assert!(html.contains("<title>medfund projection: chongqing, seed 7</title>"));
    assert!(html.contains("<dt>Seed</dt><dd>7</dd>"));
    assert!(html.contains("<dt>Paths</dt><dd>2</dd>"));
    assert!(html.contains(&format!("<dt>medfund version</dt><dd>{}</dd>", env!("CARGO_PKG_VERSION"))));
    assert!(html.contains(v["scenario_hash"].as_str().unwrap()));
    let reproduce = v["reproduce"].as_str().unwrap().replace('\'', "&#39;");
    assert!(html.contains(&format!("<pre><code>{reproduce}</code></pre>")), "{reproduce}");
    let assumptions = v["assumptions"].as_array().unwrap();
    assert!(assumptions.len() > 5);
    let part = &top[top.find("id=\"assumptions\"").unwrap()..];
    let table = &part[..part.find("</table>").unwrap()];
    assert_eq!(body_rows(table), assumptions.len());
    for a in assumptions {
        let key = a[0].as_str().unwrap();
        let why = a[1].as_str().unwrap().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let why = why.replace('"', "&quot;").replace('\'', "&#39;");
        assert!(table.contains(&format!("<tr><td><code>{key}</code></td><td>{why}</td></tr>")), "{key}");
    }

    // Written again: replaced, the same bytes (nothing in it depends on when).
    assert_eq!(report(&dir), html);
}

#[test]
fn subfolders_with_their_own_summary_become_sections() {
    let tmp = TempDir::new("sub");
    let dir = tmp.0.join("run");
    simulate("ziyang", 2, 2, 2000, &dir);
    simulate("luzhou", 3, 2, 2000, &dir.join("a & b"));
    fs::create_dir_all(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/readme.txt"), "not a run").unwrap();
    let html = report(&dir);
    assert_self_contained(&html);

    assert!(html.contains("<a href=\"#sub-a---b-section\">a &amp; b/</a>"));
    let sub = section(&html, "sub-a---b-section");
    assert!(sub.starts_with("<section id=\"sub-a---b-section\">\n<h2>a &amp; b/: luzhou, seed 7</h2>"), "{sub:.200}");
    assert!(!html.contains("notes/"), "a folder without summary.csv is not a section");
    // Three charts each; the subfolder's ids its own.
    assert_eq!(top(&html).matches("<svg role=\"img\"").count(), 3);
    assert_eq!(sub.matches("<svg role=\"img\"").count(), 3);
    assert!(sub.contains("<figure id=\"sub-a---b-chart-months-fan\">"));
    assert!(sub.contains("<h3 id=\"sub-a---b-assumptions\">Assumptions</h3>"));
    assert_eq!(body_rows(table_of(&html, "summary.csv", "<main>")), 2);
    assert_eq!(body_rows(table_of(sub, "summary.csv", "<section")), 2);
    assert_eq!(body_rows(table_of(sub, "depletion.csv", "<section")), 3);
    assert!(sub.contains("<dt>Paths</dt><dd>3</dd>"));
    assert!(top(&html).contains("<dt>Paths</dt><dd>2</dd>"));
}

#[test]
fn a_folder_without_summary_csv_is_refused() {
    let tmp = TempDir::new("notrun");
    fs::write(tmp.0.join("ledger.csv"), "path,year\n").unwrap();
    let o = medfund(&["report", tmp.0.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let e = text(&o.stderr);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.starts_with(&format!(
            "medfund: {}: not a folder medfund wrote: it holds none of summary.csv",
            tmp.0.display()
        )),
        "{e}"
    );
    assert!(!tmp.0.join("report.html").exists());

    let missing = tmp.0.join("nowhere");
    let o = medfund(&["report", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr), format!("medfund: {}: no such folder\n", missing.display()));
}

#[test]
fn text_from_the_folder_is_escaped_and_old_folders_fall_back_to_report_md() {
    let tmp = TempDir::new("escape");
    let dir = tmp.0.join("run");
    simulate("dingxi", 1, 1, 1000, &dir);
    let mut v = json(&dir.join("run.json"));
    v["scenario"] = "<b>x&y</b>".into();
    v["assumptions"] = serde_json::json!([["a<b", "<script>alert('hi')</script>"]]);
    fs::write(dir.join("run.json"), v.to_string()).unwrap();
    let html = report(&dir);
    assert!(html.contains("<h1>medfund projection: &lt;b&gt;x&amp;y&lt;/b&gt;, seed 7</h1>"));
    assert!(
        html.contains("<tr><td><code>a&lt;b</code></td><td>&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;</td></tr>")
    );
    assert!(!html.contains("<b>x") && !html.contains("<script>alert"));
    assert_eq!(html.matches("<script>").count(), 1, "only the page's own script");

    // Without run.json (a folder from an older medfund): report.md instead.
    fs::remove_file(dir.join("run.json")).unwrap();
    let html = report(&dir);
    assert!(html.contains("This folder has no run.json"));
    assert!(html.contains("<details open><summary>report.md</summary><pre># medfund projection: dingxi"));
    assert_eq!(top(&html).matches("<svg role=\"img\"").count(), 3);

    // A broken run.json is bad input.
    fs::write(dir.join("run.json"), "{").unwrap();
    let o = medfund(&["report", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with(&format!("medfund: {}: EOF", dir.join("run.json").display())));
}

#[test]
fn help_has_an_example() {
    let o = medfund(&["report", "--help"]);
    assert!(o.status.success());
    let h = text(&o.stdout);
    assert!(h.contains("Example:") && h.contains("  medfund report reports/dingxi"), "{h}");
    assert!(text(&medfund(&["--help"]).stdout).contains("report"));
}

#[test]
fn the_page_as_a_person_sees_it_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let tmp = TempDir::new("chromium");
    let dir = tmp.0.join("run");
    simulate("chongqing", 2, 3, 3000, &dir);
    simulate("ziyang", 2, 3, 2000, &dir.join("resident"));
    report(&dir);
    let page = dir.join("report.html");

    // The screenshot: 1280 × 4000, the top of the page (the run and the
    // charts), decoded and looked at pixel by pixel.
    let shot = tmp.0.join("report.png");
    run_chromium(
        &chromium,
        &tmp.0,
        &["--window-size=1280,4000", &format!("--screenshot={}", shot.display())],
        &format!("file://{}", page.display()),
    );
    assert!(shot.is_file(), "chromium wrote no screenshot");
    let artefacts = Path::new(env!("CARGO_BIN_EXE_medfund")).parent().unwrap().parent().unwrap().join("test-artefacts");
    fs::create_dir_all(&artefacts).unwrap();
    fs::copy(&shot, artefacts.join("report.png")).unwrap();

    let decoder = png::Decoder::new(fs::File::open(&shot).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1280, 4000));
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let px = |x: usize, y: usize| {
        let i = (y * info.width as usize + x) * channels;
        [buf[i], buf[i + 1], buf[i + 2]]
    };
    // Ink in every 500-pixel band from top to bottom (text and charts all
    // the way down, not a blank page or a page that stops early), and the
    // charts' colours: many distinct colours, some strongly saturated.
    let mut colours = std::collections::HashSet::new();
    let mut saturated = 0usize;
    for band in 0..8 {
        let mut ink = 0usize;
        for y in (band * 500..(band + 1) * 500).step_by(2) {
            for x in (0..1280).step_by(2) {
                let [r, g, b] = px(x, y);
                if r < 200 || g < 200 || b < 200 {
                    ink += 1;
                }
                let (hi, lo) = (r.max(g).max(b), r.min(g).min(b));
                if hi - lo > 80 {
                    saturated += 1;
                }
                colours.insert([r >> 3, g >> 3, b >> 3]);
            }
        }
        let share = ink as f64 / (250.0 * 640.0);
        assert!(share > 0.01, "band {band} of the screenshot is nearly blank ({:.2}% ink)", share * 100.0);
    }
    assert!(colours.len() > 200, "only {} distinct colours", colours.len());
    assert!(saturated > 10_000, "only {saturated} saturated pixels: are the charts drawn?");

    // Sorting as a person would use it: the summary's year header clicked
    // twice (descending), the depletion share clicked once (ascending,
    // "never" with share 1 last), then the DOM as Chromium holds it.
    let html = fs::read_to_string(&page).unwrap();
    let clicks = "<script>\
        var s = document.querySelector('table[data-file=\"summary.csv\"] thead th');\
        s.click(); s.click();\
        document.querySelectorAll('table[data-file=\"depletion.csv\"] thead th')[1].click();\
        </script></body>";
    let sorted = dir.join("sorted.html");
    fs::write(&sorted, html.replacen("</body>", clicks, 1)).unwrap();
    let (_, dom) = run_chromium(&chromium, &tmp.0, &["--dump-dom"], &format!("file://{}", sorted.display()));
    let summary = table_of(&dom, "summary.csv", "<main>");
    assert!(summary.contains("aria-sort=\"descending\""));
    let years: Vec<&str> =
        summary.split("<tr><td class=\"n\">").skip(1).map(|r| r.split('<').next().unwrap()).collect();
    assert_eq!(years, ["2027", "2026", "2025"]);
    let depletion = table_of(&dom, "depletion.csv", "<main>");
    let first: Vec<&str> =
        depletion.split("<tr><td class=\"n\">").skip(1).map(|r| r.split('<').next().unwrap()).collect();
    assert_eq!(first.last(), Some(&"never"), "{first:?}");
    assert_eq!(first.len(), 4);
}
