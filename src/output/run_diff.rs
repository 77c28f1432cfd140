//! `medfund diff`: two run folders of the same seed, paths and years, year
//! by year, from the paths' ledgers (the paths of one index share their
//! random numbers across the runs, so the per-path differences carry
//! little of the Monte Carlo noise of either run). Reading the folders,
//! the statistics, and writing `diff.csv`, `diff.md` and the chart of the
//! balance difference (`diff_balance.png`, `.svg`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use medfund_analysis::accounts::group_digits;
use polars::prelude::*;

use super::charts;
use super::files::{LEDGER_CSV, RUN_JSON, write_atomic, write_staged};
use super::labels;
use super::lang::Lang;
use super::scenario_diff::{pad, width};

/// Bootstrap resamples of the paired paths for the standard error of a
/// difference of medians, and the fixed seed they are drawn with (so a
/// diff is reproducible to the byte).
pub const RESAMPLES: usize = 2000;
pub const BOOTSTRAP_SEED: u64 = 0x6d65_6466_756e_6421;

/// How the standard errors are computed, as the outputs state it.
pub const METHOD: &str = "differences are B minus A. The difference of medians is median(B) − median(A) across \
paths (the usual median; the mean of the middle two for an even count); its standard error is the standard \
deviation of that difference over 2,000 bootstrap resamples of the paired paths (path i of A with path i of B, \
resampled together, fixed seed). The mean difference is the mean of the per-path differences B_i − A_i, its \
standard error sd/√n. P(balance<0) is the share of paths with a negative closing balance; its difference's \
standard error is sd/√n of the per-path differences of the indicator.";

/// What a run folder's run.json says the run was.
#[derive(Clone, Debug, PartialEq)]
pub struct RunMeta {
    pub dir: PathBuf,
    pub scenario: String,
    pub fund: String,
    pub seed: u64,
    pub paths: u64,
    pub years: Vec<i64>,
    pub reproduce: String,
}

/// A run folder's run.json; errors name the file and the field.
pub fn read_meta(dir: &Path) -> Result<RunMeta, String> {
    let p = dir.join(RUN_JSON);
    let text = std::fs::read_to_string(&p).map_err(|e| {
        format!("{}: {e} (a run folder is what `medfund simulate --out DIR` writes, with its {RUN_JSON})", p.display())
    })?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", p.display()))?;
    let field = |k: &str| v.get(k).ok_or_else(|| format!("{}: no `{k}`", p.display()));
    let int = |k: &str| field(k)?.as_u64().ok_or_else(|| format!("{}: `{k}` is not a whole number", p.display()));
    let text_of = |k: &str| field(k).map(|x| x.as_str().unwrap_or_default().to_string());
    let years = field("years")?
        .as_array()
        .and_then(|a| a.iter().map(serde_json::Value::as_i64).collect::<Option<Vec<_>>>())
        .ok_or_else(|| format!("{}: `years` is not a list of years", p.display()))?;
    Ok(RunMeta {
        dir: dir.to_path_buf(),
        scenario: text_of("scenario")?,
        fund: text_of("fund").unwrap_or_default(),
        seed: int("seed")?,
        paths: int("paths")?,
        years,
        reproduce: text_of("reproduce").unwrap_or_default(),
    })
}

/// Why two runs cannot be set side by side path by path, if they cannot.
pub fn mismatch(a: &RunMeta, b: &RunMeta) -> Option<String> {
    let (fa, fb) = (a.dir.join(RUN_JSON), b.dir.join(RUN_JSON));
    let say = |what: &str, x: String, y: String| {
        Some(format!(
            "the runs do not share their random numbers: {what} {x} in {}, {y} in {}; a paired difference needs \
             the same seed, paths and years (run both with the same --seed, --paths and --years)",
            fa.display(),
            fb.display()
        ))
    };
    let span = |y: &[i64]| match (y.first(), y.last()) {
        (Some(f), Some(l)) => format!("{f}–{l}"),
        _ => "none".into(),
    };
    if a.seed != b.seed {
        return say("seed", a.seed.to_string(), b.seed.to_string());
    }
    if a.paths != b.paths {
        return say("paths", a.paths.to_string(), b.paths.to_string());
    }
    if a.years != b.years {
        return say("years", span(&a.years), span(&b.years));
    }
    if a.fund != b.fund {
        return Some(format!(
            "{} is the {} fund's run and {} the {} fund's: compare a fund with itself (give RUN/resident for both)",
            a.dir.display(),
            a.fund,
            b.dir.display(),
            b.fund
        ));
    }
    None
}

/// A path's year for the whole city: closing balance and outflow in fen.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Point {
    pub balance: i64,
    pub outflow: i64,
}

impl Point {
    /// Closing balance ÷ one month of the year's outflow (as the ledger
    /// defines it); infinite when nothing was spent.
    pub fn months(&self) -> f64 {
        if self.outflow > 0 { self.balance as f64 / (self.outflow as f64 / 12.0) } else { f64::INFINITY }
    }
}

/// A money cell of ledger.csv ("-1234.5") in fen, exactly.
fn fen(s: &str) -> Option<i64> {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (w, f) = s.split_once('.').unwrap_or((s, ""));
    if f.len() > 2 || w.is_empty() && f.is_empty() {
        return None;
    }
    let x = w.parse::<i64>().ok()? * 100 + format!("{f:0<2}").parse::<i64>().ok()?;
    Some(if neg { -x } else { x })
}

/// A run folder's ledger.csv summed over districts: per (path, year), the
/// city's closing balance and outflow.
pub fn read_points(dir: &Path) -> Result<BTreeMap<(u32, i32), Point>, String> {
    let p = dir.join(LEDGER_CSV);
    let bad = |m: String| format!("{}: {m}", p.display());
    // Only the four columns needed, each as text (parsed to fen exactly).
    let wanted: Arc<[PlSmallStr]> =
        ["path", "year", "balance_closing_yuan", "outflow_total_yuan"].map(PlSmallStr::from).into();
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_columns(Some(wanted))
        .try_into_reader_with_file_path(Some(p.clone()))
        .and_then(|r| r.finish())
        .map_err(|e| bad(e.to_string()))?;
    let col = |name: &str| -> Result<Vec<String>, String> {
        let c = df.column(name).map_err(|_| bad(format!("no column `{name}`")))?;
        let c = c.str().map_err(|e| bad(e.to_string()))?;
        Ok(c.iter().map(|v| v.unwrap_or("").to_string()).collect())
    };
    let (path, year, bal, out) = (col("path")?, col("year")?, col("balance_closing_yuan")?, col("outflow_total_yuan")?);
    let mut m: BTreeMap<(u32, i32), Point> = BTreeMap::new();
    for i in 0..df.height() {
        let row = i + 2;
        let k = (
            path[i].parse().map_err(|_| bad(format!("line {row}: path `{}` is not a path number", path[i])))?,
            year[i].parse().map_err(|_| bad(format!("line {row}: year `{}` is not a year", year[i])))?,
        );
        let money =
            |v: &str, c: &str| fen(v).ok_or_else(|| bad(format!("line {row}: {c} `{v}` is not an amount of yuan")));
        let e = m.entry(k).or_default();
        e.balance += money(&bal[i], "balance_closing_yuan")?;
        e.outflow += money(&out[i], "outflow_total_yuan")?;
    }
    Ok(m)
}

/// The median (the mean of the middle two for an even count); NaN when empty.
pub fn median(v: &[f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    // Selection rather than a sort: the bootstrap takes thousands of these.
    let mut s = v.to_vec();
    let n = s.len();
    let (below, mid, _) = s.select_nth_unstable_by(n / 2, f64::total_cmp);
    let hi = *mid;
    if n % 2 == 1 { hi } else { (below.iter().copied().max_by(f64::total_cmp).unwrap_or(hi) + hi) / 2.0 }
}

/// Sample standard deviation (n − 1); NaN below two values.
fn sd(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    if v.len() < 2 {
        return f64::NAN;
    }
    let m = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

/// SplitMix64: the bootstrap's generator (small, fixed, reproducible).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

/// A paired comparison of one figure: A's and B's median, the difference
/// of medians with its bootstrap standard error, the mean of the per-path
/// differences with sd/√n.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Paired {
    pub median_a: f64,
    pub median_b: f64,
    pub median_diff: f64,
    pub median_diff_se: f64,
    pub mean_diff: f64,
    pub mean_diff_se: f64,
}

/// [`Paired`] of `a[i]` against `b[i]`; `seed` for the bootstrap.
pub fn paired(a: &[f64], b: &[f64], seed: u64) -> Paired {
    let n = a.len().min(b.len());
    let d: Vec<f64> = (0..n).map(|i| b[i] - a[i]).collect();
    let (ma, mb) = (median(&a[..n]), median(&b[..n]));
    let mut rng = SplitMix(seed);
    let mut reps = Vec::with_capacity(RESAMPLES);
    let (mut xa, mut xb) = (vec![0.0; n], vec![0.0; n]);
    if n > 0 {
        for _ in 0..RESAMPLES {
            for k in 0..n {
                let i = rng.below(n);
                xa[k] = a[i];
                xb[k] = b[i];
            }
            reps.push(median(&xb) - median(&xa));
        }
    }
    let finite = d.iter().all(|x| x.is_finite());
    Paired {
        median_a: ma,
        median_b: mb,
        median_diff: mb - ma,
        median_diff_se: if reps.iter().all(|x| x.is_finite()) { sd(&reps) } else { f64::NAN },
        mean_diff: if finite && n > 0 { d.iter().sum::<f64>() / n as f64 } else { f64::NAN },
        mean_diff_se: if finite { sd(&d) / (n as f64).sqrt() } else { f64::NAN },
    }
}

/// One year of the comparison.
#[derive(Clone, Debug)]
pub struct DiffYear {
    pub year: i32,
    pub paths: usize,
    /// Closing balance, yuan.
    pub balance: Paired,
    /// Months of payment.
    pub months: Paired,
    /// P(balance < 0): A's, B's, the difference and its standard error.
    pub p_negative: [f64; 4],
}

/// The comparison year by year; an error when the ledgers do not hold the
/// same paths and years.
pub fn compare(
    a: &BTreeMap<(u32, i32), Point>,
    b: &BTreeMap<(u32, i32), Point>,
    dirs: (&Path, &Path),
) -> Result<Vec<DiffYear>, String> {
    if a.keys().ne(b.keys()) {
        let only = |x: &BTreeMap<(u32, i32), Point>, y: &BTreeMap<(u32, i32), Point>| {
            x.keys().find(|k| !y.contains_key(k)).copied()
        };
        let (k, dir) = match only(a, b) {
            Some(k) => (k, dirs.0),
            None => (only(b, a).unwrap_or_default(), dirs.1),
        };
        return Err(format!(
            "the ledgers do not hold the same paths and years: path {} in {} is in {} only",
            k.0,
            k.1,
            dir.join(LEDGER_CSV).display()
        ));
    }
    let years: Vec<i32> = a.keys().map(|k| k.1).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    Ok(years
        .into_iter()
        .map(|y| {
            let pa: Vec<&Point> = a.iter().filter(|(k, _)| k.1 == y).map(|(_, p)| p).collect();
            let pb: Vec<&Point> = b.iter().filter(|(k, _)| k.1 == y).map(|(_, p)| p).collect();
            let f = |ps: &[&Point], g: &dyn Fn(&Point) -> f64| ps.iter().map(|p| g(p)).collect::<Vec<f64>>();
            let yuan = |p: &Point| p.balance as f64 / 100.0;
            let neg = |p: &Point| f64::from(u8::from(p.balance < 0));
            let seed = BOOTSTRAP_SEED ^ u64::from(y.unsigned_abs());
            let (na, nb) = (f(&pa, &neg), f(&pb, &neg));
            let d: Vec<f64> = na.iter().zip(&nb).map(|(x, z)| z - x).collect();
            let n = pa.len() as f64;
            let (p_a, p_b) = (na.iter().sum::<f64>() / n, nb.iter().sum::<f64>() / n);
            DiffYear {
                year: y,
                paths: pa.len(),
                balance: paired(&f(&pa, &yuan), &f(&pb, &yuan), seed),
                months: paired(&f(&pa, &Point::months), &f(&pb, &Point::months), seed.rotate_left(1)),
                p_negative: [p_a, p_b, p_b - p_a, sd(&d) / n.sqrt()],
            }
        })
        .collect())
}

/// A number with `decimals` decimals, empty when not finite (CSV).
fn num(v: f64, decimals: usize) -> String {
    if v.is_finite() { format!("{v:.decimals$}") } else { String::new() }
}

/// `diff.csv`: one row per year.
pub fn csv(rows: &[DiffYear]) -> String {
    let mut s = String::from(
        "\u{feff}year,paths,balance_median_a_yuan,balance_median_b_yuan,balance_median_diff_yuan,\
         balance_median_diff_se_yuan,balance_mean_diff_yuan,balance_mean_diff_se_yuan,months_median_a,months_median_b,months_median_diff,\
         months_median_diff_se,p_below_zero_a,p_below_zero_b,p_below_zero_diff,p_below_zero_diff_se\n",
    );
    for r in rows {
        let (b, m, p) = (&r.balance, &r.months, &r.p_negative);
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            r.year,
            r.paths,
            num(b.median_a, 2),
            num(b.median_b, 2),
            num(b.median_diff, 2),
            num(b.median_diff_se, 2),
            num(b.mean_diff, 2),
            num(b.mean_diff_se, 2),
            num(m.median_a, 4),
            num(m.median_b, 4),
            num(m.median_diff, 4),
            num(m.median_diff_se, 4),
            num(p[0], 4),
            num(p[1], 4),
            num(p[2], 4),
            num(p[3], 4),
        );
    }
    s
}

/// Yuan in 万元 with one decimal and thousands separators ("–" when not
/// finite).
pub fn wan(v: f64) -> String {
    if v.is_finite() { group_digits(&format!("{:.1}", v / 1e4)) } else { "–".into() }
}

fn fixed(v: f64, d: usize) -> String {
    if v.is_finite() { group_digits(&format!("{v:.d$}")) } else { "–".into() }
}

/// The terminal table (also in diff.md).
pub fn table(a: &RunMeta, b: &RunMeta, rows: &[DiffYear], lang: Lang) -> String {
    let t = labels::diff(lang);
    let mut s = (t.first_line)(
        &b.dir.display().to_string(),
        &b.scenario,
        &a.dir.display().to_string(),
        &a.scenario,
        a.seed,
        a.paths,
    );
    let head = t.head;
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let (b, m, p) = (&r.balance, &r.months, &r.p_negative);
            vec![
                r.year.to_string(),
                wan(b.median_a),
                wan(b.median_b),
                wan(b.median_diff),
                wan(b.median_diff_se),
                fixed(m.median_a, 1),
                fixed(m.median_b, 1),
                fixed(m.median_diff, 1),
                fixed(m.median_diff_se, 1),
                fixed(p[0], 2),
                fixed(p[1], 2),
            ]
        })
        .collect();
    let w: Vec<usize> = (0..head.len())
        .map(|i| cells.iter().map(|c| width(&c[i])).chain([width(head[i])]).max().unwrap_or(0))
        .collect();
    let line = |c: &[&str]| {
        let mut l = String::new();
        for (i, x) in c.iter().enumerate() {
            // Numbers to the right, the year to the left.
            let cell = if i == 0 { pad(x, w[i]) } else { format!("{}{x}", " ".repeat(w[i] - width(x))) };
            l.push_str(&cell);
            l.push_str(if i + 1 < c.len() { "  " } else { "\n" });
        }
        l
    };
    s.push_str(&line(&head));
    for c in &cells {
        s.push_str(&line(&c.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    s.push_str(t.foot);
    s
}

/// Write the diff folder `out` whole or not at all: diff.csv, diff.md and
/// the balance difference chart.
pub fn write_diff(out: &Path, a: &RunMeta, b: &RunMeta, rows: &[DiffYear], lang: Lang) -> anyhow::Result<Vec<PathBuf>> {
    let t = labels::diff(lang);
    write_staged(out, &[], |dir| {
        let mut written = vec![write_atomic(dir, "diff.csv", |p| Ok(std::fs::write(p, csv(rows))?))?];
        charts::register_fonts()?;
        let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
        let max_abs = rows
            .iter()
            .map(|r| r.balance.median_diff.abs() + 2.0 * r.balance.median_diff_se.abs())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let (unit, unit_name) = charts::money_unit_in(max_abs, labels::chart(lang));
        let d: Vec<Option<(f64, f64)>> =
            rows.iter().map(|r| Some((r.balance.median_diff / unit, r.balance.median_diff_se / unit))).collect();
        let fan = charts::diff_fan(
            t.title.into(),
            (t.subtitle)(a.paths, a.seed),
            (t.y_desc)(unit_name),
            &years,
            &d,
            (t.note)(&a.scenario, &b.scenario),
            lang,
        );
        written.push(write_atomic(dir, "diff_balance.png", |p| charts::write_figure_png(p, &fan))?);
        written.push(write_atomic(dir, "diff_balance.svg", |p| charts::write_figure_svg(p, &fan))?);
        let md = (t.markdown)(&table(a, b, rows, lang), &a.reproduce, &b.reproduce);
        written.push(write_atomic(dir, "diff.md", |p| Ok(std::fs::write(p, md)?))?);
        Ok(written)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_fen_and_a_paired_difference_with_its_error() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(fen("-1234.5"), Some(-123450));
        assert_eq!(fen("7"), Some(700));
        assert_eq!(fen("1.234"), None);
        // B = A + 10 on every path: the difference is 10 with no error.
        let a = [1.0, 5.0, 2.0, 8.0, 3.0];
        let b: Vec<f64> = a.iter().map(|x| x + 10.0).collect();
        let p = paired(&a, &b, 1);
        assert_eq!((p.median_diff, p.mean_diff, p.mean_diff_se), (10.0, 10.0, 0.0));
        assert!(p.median_diff_se.abs() < 1e-12, "{p:?}");
        // Noise in the differences shows in both errors.
        let b = [11.0, 14.0, 13.0, 17.0, 14.0];
        let p = paired(&a, &b, 1);
        assert!(p.median_diff_se > 0.0 && p.mean_diff_se > 0.0, "{p:?}");
        assert_eq!(p, paired(&a, &b, 1), "the bootstrap is reproducible");
        assert_eq!(wan(-123_456_789.0), "-12,345.7");
    }
}
