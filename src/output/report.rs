//! `report.md`: what was run, how to run it again, the key figures and the
//! charts, in one page.

use std::fmt::Write as _;

use medfund_rules::money::Money;
use medfund_sim::ledger::Fund;
use medfund_sim::montecarlo::summary::GUIDANCE_MONTHS;
use medfund_sim::montecarlo::{ADJUSTMENT_FUND_ROW, RunResult};

use super::adjustment::AdjustmentAcc;
use super::charts::{money_unit, money_words as amount};
use super::districts::{DRY_THRESHOLD, Settlement};
use super::figures::{
    AdjustmentFigures, Depletion, ResidentFinancing, SettlementFigures, key_rows, median_months, published_deficits,
    sampled,
};
use super::files::{
    BALANCE_FAN, BURDEN, DEPLETION_CSV, DISTRICTS_CSV, DISTRICTS_DRY, FLOWS, LEDGER_CSV, LEDGER_PARQUET, MONTHS_FAN,
    REPORT_MD, RESIDENT_DIR, SUMMARY_CSV,
};
use super::lang::Lang;

/// The command line that reproduces the run.
pub fn reproduce_command(run: &RunResult) -> String {
    let i = &run.info;
    // A built-in scenario by its name; anything else by its file.
    let builtin = crate::scenarios::BUILTIN.iter().any(|(n, f, _)| *n == i.scenario && *f == i.scenario_file);
    let scenario = if builtin || i.scenario_file.is_empty() { &i.scenario } else { &i.scenario_file };
    let mut cmd = format!(
        "medfund simulate --scenario {} --years {} --paths {} --seed {}",
        shell_quote(scenario),
        i.years.len(),
        i.paths,
        i.seed
    );
    for o in &i.overrides {
        let _ = write!(cmd, " --set {}", shell_quote(o));
    }
    if i.employee_only {
        cmd.push_str(" --employee-only");
    }
    cmd
}

/// Quote a word for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%".contains(c));
    if plain { s.to_string() } else { format!("'{}'", s.replace('\'', r"'\''")) }
}

/// Text for a Markdown table cell or list item: one line, pipes escaped.
pub(crate) fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

pub(crate) fn percent(p: f64) -> String {
    if !p.is_finite() {
        "\u{2013}".into()
    } else if p > 0.0 && p < 0.0005 {
        "<0.1%".into()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}\u{2013}{b}"),
        (Some(a), _) => a.to_string(),
        _ => "no years".into(),
    }
}

/// The first-depletion distribution in one sentence.
pub fn depletion_sentence(run: &RunResult) -> String {
    let d = Depletion::of(run);
    let span = year_span(&run.info.years);
    let hit: Vec<String> = d.hits.iter().map(|(y, p)| format!("{y} on {}", percent(*p))).collect();
    if hit.is_empty() {
        return format!("On none of the {} paths did the closing balance fall below zero in {span}.", run.info.paths);
    }
    format!(
        "The closing balance first fell below zero in {} of paths; on {} it stayed at or above zero throughout {span} \
         (`{DEPLETION_CSV}`).",
        hit.join(", in "),
        percent(d.never)
    )
}

/// An amount in 万元 (below 1亿元) or 亿元, to two decimals with the
/// integer digits grouped by thousands, rounded from the exact fen:
/// `Money::yuan(123_456_789)` is "1.23亿元", `Money::yuan(1_234_567)`
/// "123.46万元".
pub fn wan_or_yi(m: Money) -> String {
    // 1万元 is 1,000,000 fen, 1亿元 10,000,000,000 fen.
    let (hundredths, unit) = if m.0.unsigned_abs() >= 10_000_000_000 {
        (Money::round_div(i128::from(m.0), 100_000_000).0, "亿元")
    } else {
        (Money::round_div(i128::from(m.0), 10_000).0, "万元")
    };
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}{unit}", super::html::group_digits(&(a / 100).to_string()), a % 100)
}

/// A fund's name in its headline: the city's, from the scenario name.
fn fund_name(run: &RunResult) -> String {
    let mut c = run.info.scenario.chars();
    let city = c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect());
    let fund = match run.info.fund {
        Fund::Employee => "employee pooled fund (职工医保统筹基金)",
        Fund::Resident => "resident fund (居民医保基金)",
    };
    if city.is_empty() { format!("The {fund}") } else { format!("{city}'s {fund}") }
}

/// A rate as a percentage to at most two decimals, trailing zeros dropped
/// (0.015 is "1.5").
pub(crate) fn short_percent(r: f64) -> String {
    let s = format!("{:.2}", r * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Months of payment to one decimal, digits grouped by thousands.
pub(crate) fn months_text(m: f64) -> String {
    if m.is_finite() { super::html::group_digits(&format!("{m:.1}")) } else { "\u{2013}".into() }
}

/// The headline of one fund, in one sentence a fund director reads: the
/// chance of running dry within the horizon (a year closing below zero or
/// in which the fiscal backstop pays) and when, what the backstop pays,
/// months of payment at the end (median and 5–95% band) and the general
/// average premium beside the rate charged ([`RunResult::verdict`]).
pub fn headline(run: &RunResult) -> String {
    let v = &run.verdict;
    let years = &run.info.years;
    let span = year_span(years);
    let futures = if v.paths == 1 { "the 1 future".to_string() } else { format!("the {} futures", v.paths) };
    let dry = match (v.dry_paths, v.median_first_dry, v.median_first_dry_of_dry) {
        (0, _, _) => format!("does not run dry in any of {futures} over {span}"),
        (_, Some(y), _) => format!(
            "runs dry (a year closing below zero or needing the fiscal backstop) in {} of {futures} over {span}, \
             first in {y} in the median future",
            percent(v.p_dry())
        ),
        (_, None, of_dry) => format!(
            "runs dry (a year closing below zero or needing the fiscal backstop) in {} of {futures} over {span}, \
             so not within the horizon in the median future, the median first year of those that do being {}",
            percent(v.p_dry()),
            of_dry.map_or_else(|| "\u{2013}".into(), |y| y.to_string())
        ),
    };
    let backstop = if v.backstop_total == Money::ZERO {
        "the fiscal backstop pays nothing".to_string()
    } else {
        format!(
            "the fiscal backstop pays {} over the horizon in expectation (the mean over all futures; {} in the median \
             of the {} future{} in which it pays)",
            wan_or_yi(v.backstop_expected()),
            wan_or_yi(v.backstop_median_of_paying),
            v.backstop_paths,
            if v.backstop_paths == 1 { "" } else { "s" }
        )
    };
    let months = match run.summary.last() {
        Some(y) => format!(
            "at the end of {} it holds {} months of payment (累计结余可支付月数) in the median future (5\u{2013}95%: {} to \
             {})",
            y.year,
            months_text(y.months_pct[2]),
            months_text(y.months_pct[0]),
            months_text(y.months_pct[4])
        ),
        None => "no year was projected".to_string(),
    };
    let premium = match (v.premium, v.charged) {
        (Some(g), Some(c)) => format!(
            "its general average premium is {:.2}% of the contribution base against {:.2}% charged (present values \
             at {}% a year)",
            g * 100.0,
            c * 100.0,
            short_percent(v.discount)
        ),
        _ => "it is financed per head, so it has no contribution rate to set a general average premium beside".into(),
    };
    format!("{} {dry}; {backstop}; {months}; {premium}.", fund_name(run))
}

/// How much at risk a fund is, for the order of the headlines: the more
/// often dry first, then the earlier dry, then the fewer months at the end.
fn risk_order(a: &RunResult, b: &RunResult) -> std::cmp::Ordering {
    let first = |r: &RunResult| r.verdict.median_first_dry_of_dry.unwrap_or(i32::MAX);
    let months = |r: &RunResult| r.summary.last().map_or(f64::INFINITY, |y| y.months_pct[2]);
    b.verdict.p_dry().total_cmp(&a.verdict.p_dry()).then(first(a).cmp(&first(b))).then(months(a).total_cmp(&months(b)))
}

/// The headlines of a run's funds, the fund most at risk first (the
/// employee fund first when they are alike).
pub fn headlines(run: &RunResult) -> Vec<String> {
    funds_by_risk(run).into_iter().map(headline).collect()
}

/// A run's funds, the fund most at risk first (the employee fund first
/// when they are alike).
pub(crate) fn funds_by_risk(run: &RunResult) -> Vec<&RunResult> {
    let mut funds: Vec<&RunResult> = std::iter::once(run).chain(run.resident.as_deref()).collect();
    funds.sort_by(|a, b| risk_order(a, b));
    funds
}

/// The first years of a current-year and of an accumulated deficit across
/// paths, and beside them the published projections' of this scenario.
fn deficit_years(w: &mut String, run: &RunResult) {
    let v = &run.verdict;
    let i = &run.info;
    let last = i.years.last().copied().unwrap_or_default();
    let y = |x: Option<i32>| x.map_or_else(|| format!("after {last}"), |y| y.to_string());
    let _ = writeln!(
        w,
        "## Deficit years
"
    );
    let _ = writeln!(
        w,
        "Across the {} futures over {}: the first year of a current-year deficit (当期赤字: the year's income, \
         the fiscal backstop's payment left out, below its pooled outflow) and of an accumulated deficit (累计赤字: \
         the balance below zero, or the backstop paying).\n",
        i.paths,
        year_span(&i.years)
    );
    let _ = writeln!(w, "| | 5% | median | 95% | futures with one by {last} |");
    let _ = writeln!(w, "|---|---:|---:|---:|---:|");
    for (what, f) in [
        ("first current-year deficit (当期赤字)", &v.first_current_deficit),
        ("first accumulated deficit (累计赤字)", &v.first_accumulated_deficit),
    ] {
        let _ = writeln!(w, "| {what} | {} | {} | {} | {} |", y(f.p5), y(f.median), y(f.p95), percent(f.share));
    }
    let published = published_deficits(&i.scenario);
    if !published.is_empty() {
        let _ =
            writeln!(w, "\nPublished projections of this fund (`../shared/calibration.md`), for shape, not targets:\n");
        for f in &published {
            let m = if f.current { "first current-year deficit" } else { "accumulated deficit from" };
            let _ = writeln!(w, "- {}: {m} {} ({})", f.study, f.year, f.note);
        }
    }
    w.push('\n');
}

/// The paragraph on the district settlement: totals over all years of the
/// means across paths, and the districts most often needing their
/// government's money.
pub fn settlement_paragraph(s: &Settlement) -> String {
    let span = year_span(&s.years);
    let f = SettlementFigures::of(s);
    let mut p = format!(
        "Over {span}, on average across paths, the deficit-sharing rule had the city's pooled fund bear {} of the \
         districts' overspends; the districts' own retained surpluses covered {} ({} of collection shortfalls, {} of \
         their part of overspends), and the district governments paid {} where the surpluses ran out. In return the \
         districts retained {} from collecting more than their targets and {} from spending less than theirs, and at \
         the end of {} they held {} of retained surplus between them.",
        amount(f.city),
        amount(f.surplus_used),
        amount(f.shortfall),
        amount(f.overspend),
        amount(f.government),
        amount(f.kept_collection),
        amount(f.kept_savings),
        f.last_year.map_or_else(String::new, |y| y.to_string()),
        amount(f.surplus_end),
    );
    if f.needy.is_empty() {
        p.push_str(" No district government had to pay in any year on any path.");
    } else {
        let named: Vec<String> = f
            .needy
            .iter()
            .map(|&(d, v, first)| {
                let di = &s.districts[d];
                let first =
                    first.map_or(String::new(), |y| format!(", above {:.0}% of paths from {y}", DRY_THRESHOLD * 100.0));
                format!("{} ({}, {} of path-years{first})", cell(&di.name), cell(&di.label), percent(v))
            })
            .collect();
        let _ = write!(
            p,
            " The districts most often needing their government's money were {}; {} of the {} districts needed it at \
             least once.",
            named.join(", "),
            f.needy_count,
            s.districts.len()
        );
    }
    p
}

/// The employee and resident funds year by year, one table.
fn side_by_side(w: &mut String, employee: &RunResult, resident: &RunResult) {
    let max_abs = employee
        .summary
        .iter()
        .chain(&resident.summary)
        .map(|y| y.outflow_mean.abs().max(y.income_mean.abs()))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let (unit, unit_name) = money_unit(max_abs);
    let _ = writeln!(w, "## Employee and resident funds side by side\n");
    let _ = writeln!(
        w,
        "The resident fund is projected on the same paths' economy (wages, prices, interest, shocks) with its own \
         members, rules and ledger (分账核算); its report, tables and charts are in [`{RESIDENT_DIR}/`]({RESIDENT_DIR}/{REPORT_MD}). \
         Income and outflow are means across paths ({unit_name}); income is before any fiscal backstop or district \
         government payment only where the fund needed none.\n"
    );
    let _ = writeln!(
        w,
        "| Year | Employee: median months | Employee: P(balance < 0) | Employee: income | Employee: outflow | \
         Resident: median months | Resident: P(balance < 0) | Resident: income | Resident: outflow |"
    );
    let _ = writeln!(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (e, r) in employee.summary.iter().zip(&resident.summary) {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {:.2} | {:.2} | {} | {} | {:.2} | {:.2} |",
            e.year,
            median_months(e),
            percent(e.p_below_zero),
            e.income_mean / unit,
            e.outflow_mean / unit,
            median_months(r),
            percent(r.p_below_zero),
            r.income_mean / unit,
            r.outflow_mean / unit,
        );
    }
    let _ = writeln!(w);
}

/// A resident fund's financing and, where there is one, what the city
/// adjustment fund moved between districts.
fn resident_section(w: &mut String, run: &RunResult, adjustment: Option<&AdjustmentAcc>) {
    let i = &run.info;
    let span = year_span(&i.years);
    let f = ResidentFinancing::of(run);
    let share = |x: f64| f.share(x).map_or_else(|| "\u{2013}".into(), percent);
    let _ = writeln!(w, "## Financing\n");
    let _ = writeln!(
        w,
        "Over {span}, on average across paths, the fund was financed with {}: residents' own contributions {} ({}), \
         contribution help for subsidised groups {} ({}), and fiscal subsidies from the central and provincial \
         budgets {} ({}), the city {} ({}) and the districts {} ({}). Its spending on benefits was {}; the fiscal \
         backstop paid {} and district governments {}.\n",
        amount(f.financing()),
        amount(f.own),
        share(f.own),
        amount(f.help),
        share(f.help),
        amount(f.upper),
        share(f.upper),
        amount(f.city),
        share(f.city),
        amount(f.district),
        share(f.district),
        amount(f.outflow),
        amount(f.backstop),
        amount(f.district_government),
    );
    let Some(a) = AdjustmentFigures::of(run, adjustment) else { return };
    let named: Vec<String> = a
        .needy
        .iter()
        .map(|&(d, v)| {
            format!("{} ({}, {} of path-years)", cell(&i.districts[d]), cell(&i.district_labels[d]), percent(v))
        })
        .collect();
    let _ = writeln!(w, "## City adjustment fund (市级调剂金)\n");
    let _ = writeln!(
        w,
        "The districts paid {} into the city adjustment fund over {span} to keep it at its share of each year's \
         financing, and it granted {} to districts whose year's gap their own accumulated balance could not cover; \
         district governments paid {} where the grant fell short or the district had failed its assessment, and \
         the fund held {} at the end (means across paths; the fund is the ledger row `{}`; by year and district in \
         `adjustment.csv`). {}\n",
        amount(a.levies),
        amount(a.grants),
        amount(a.government),
        amount(a.end),
        cell(ADJUSTMENT_FUND_ROW),
        if named.is_empty() {
            "No district needed a grant on any path.".to_string()
        } else {
            format!("The districts most often granted money were {}.", named.join(", "))
        }
    );
}

/// report.md's run table (scenario, its file and hash, overrides, seed,
/// paths, years, districts, version) and the command that reproduces the
/// run, in `lang`; `span` the years in the report's words.
pub(crate) fn run_table(w: &mut String, run: &RunResult, span: &str, lang: Lang) {
    let (i, t) = (&run.info, super::labels::run_table(lang));
    let _ = writeln!(w, "## {}\n", t.heading);
    let _ = writeln!(w, "{}", t.header);
    let _ = writeln!(w, "| {} | {} |", t.scenario, cell(&i.scenario));
    let _ = writeln!(w, "| {} | `{}` |", t.scenario_file, cell(&i.scenario_file));
    let _ = writeln!(w, "| {} | `{}` |", t.scenario_hash, cell(&i.scenario_hash));
    let overrides = if i.overrides.is_empty() {
        t.none.to_string()
    } else {
        i.overrides.iter().map(|o| format!("`{}`", cell(o))).collect::<Vec<_>>().join(t.separator)
    };
    let _ = writeln!(w, "| {} | {overrides} |", t.overrides);
    let _ = writeln!(w, "| {} | {} |", t.seed, i.seed);
    let _ = writeln!(w, "| {} | {} |", t.paths, i.paths);
    let _ = writeln!(w, "{}", (t.years)(span, i.years.len()));
    let _ = writeln!(w, "{}", (t.districts)(&cell(&i.districts.join(t.district_separator)), i.districts.len()));
    let _ = writeln!(w, "| {} | {} |\n", t.version, i.version);
    let _ = writeln!(w, "{}\n\n```sh\n{}{}\n```\n", t.reproduce, reproduce_command(run), t.lang_flag);
}

/// The Markdown report; `settlement` when the run settles districts.
pub fn markdown(run: &RunResult, settlement: Option<&Settlement>, adjustment: Option<&AdjustmentAcc>) -> String {
    let i = &run.info;
    let span = year_span(&i.years);
    let mut md = String::new();
    let w = &mut md;
    let resident = i.fund == Fund::Resident;
    let fund_words = if resident {
        "resident medical insurance fund (居民医保), accounted apart from the employee fund (分账核算),"
    } else {
        "pooled employee medical insurance fund"
    };
    let title = if resident { "medfund projection, resident fund" } else { "medfund projection" };
    let _ = writeln!(w, "# {title}: {}\n", cell(&i.scenario));
    for h in headlines(run) {
        let _ = writeln!(w, "{}\n", cell(&h));
    }
    let _ = writeln!(
        w,
        "{} stochastic paths of the city's {fund_words} over {} year{} ({span}), seed {}.\n",
        i.paths,
        i.years.len(),
        if i.years.len() == 1 { "" } else { "s" },
        i.seed
    );

    run_table(w, run, &span, Lang::En);

    let [g3, g6, g9, g15] = GUIDANCE_MONTHS;
    let max_abs = run.summary.iter().map(|y| y.balance_pct[2].abs()).filter(|v| v.is_finite()).fold(0.0, f64::max);
    let (unit, unit_name) = money_unit(max_abs);
    let _ = writeln!(w, "## Key figures\n");
    let _ = writeln!(
        w,
        "Across paths, for the whole city. Months of payment is the closing balance over one month of the \
         year's pooled outflow; the guidance is below {g3} months too low, {g6} to {g9} adequate, above {g15} too \
         high.\n"
    );
    if sampled(run) {
        let _ = writeln!(
            w,
            "Only a sample of the members was simulated (`--sample`), each standing for several people: each median \
             carries its sampling standard error (±), the root of the years' net-flow variances so far (`{SUMMARY_CSV}` \
             columns `sampling_se_balance`, `sampling_se_months`).\n"
        );
    }
    let _ = writeln!(
        w,
        "| Year | Median months of payment | Median closing balance ({unit_name}) | P(balance < 0) | P(months < {g3}) | \
         P(months < {g6}) |"
    );
    let _ = writeln!(w, "|---:|---:|---:|---:|---:|---:|");
    for r in key_rows(run, &|v| format!("{:.2}", v / unit), &|v| format!("{:.2}", v / unit)) {
        let (a, b, c) = (percent(r.below_zero), percent(r.below_3), percent(r.below_6));
        let _ = writeln!(w, "| {} | {} | {} | {a} | {b} | {c} |", r.year, r.months, r.balance);
    }
    let _ = writeln!(w, "\n{}\n", depletion_sentence(run));
    deficit_years(w, run);
    if let Some(r) = &run.resident {
        side_by_side(w, run, r);
    }
    if resident {
        resident_section(w, run, adjustment);
    }

    let _ = writeln!(w, "## Charts\n");
    for (stem, alt, what) in [
        (
            MONTHS_FAN,
            "Months of payment by year",
            "Months of payment: 5–95 and 25–75 percentile bands and the median, with the guidance zones.",
        ),
        (BALANCE_FAN, "Closing balance by year", "Closing balance: the same bands, with the zero line."),
        (
            FLOWS,
            "Mean outflow by benefit type and mean income by year",
            "Mean outflow by benefit type (stacked) and mean income.",
        ),
    ] {
        let _ = writeln!(w, "{what} ([SVG]({stem}.svg))\n\n![{alt}]({stem}.png)\n");
    }

    if let Some(s) = settlement {
        let _ = writeln!(w, "## District settlement\n");
        let _ = writeln!(w, "{}\n", settlement_paragraph(s));
        for (stem, alt, what) in [
            (
                BURDEN,
                "Who paid for districts' overspends and shortfalls, by year",
                "Mean per year: the city's share of overspends, what districts' surpluses and governments paid \
                 (stacked), and the districts' retained surplus (line).",
            ),
            (
                DISTRICTS_DRY,
                "Share of paths with a district-government payment, by district and year",
                "Which districts run dry first: the share of paths in which each district's government had to pay.",
            ),
        ] {
            let _ = writeln!(w, "{what} ([SVG]({stem}.svg))\n\n![{alt}]({stem}.png)\n");
        }
    }

    let _ = writeln!(w, "## Files\n");
    let _ = writeln!(
        w,
        "- `{LEDGER_PARQUET}`, `{LEDGER_CSV}`: the ledger, one row per path, year and district: member counts, \
         income by source, outflow by benefit type, totals, opening and closing balance, months of payment; \
         in the employee fund's, as memo items within the members' part of the bills, what the scope rules left \
         to them: self-pay-first (先行自付, `self_pay_first_yuan`), material prices above the ceiling \
         (`material_excess_yuan`) and bed fees above the standard (`bed_excess_yuan`)."
    );
    let _ = writeln!(
        w,
        "- `{SUMMARY_CSV}`: one row per year across paths: mean and percentiles (5, 25, 50, 75, 95) of the \
         closing balance and of months of payment, the shares of paths below zero, below {g3} and {g6} months and \
         first depleted that year, mean income and outflow."
    );
    let _ = writeln!(w, "- `{DEPLETION_CSV}`: the share of paths first depleted in each year, and `never`.");
    if settlement.is_some() {
        let _ = writeln!(
            w,
            "- `{DISTRICTS_CSV}`: the district settlement, one row per year and district (name, pinyin label, \
             class): means across paths of the collection and spending targets and actuals, what was retained, the \
             city's share of overspends, what the surplus and the district government paid, the surplus at year end, \
             and the shares of paths in which the government paid (`p_government_pays`) and the surplus was zero \
             (`p_surplus_zero`)."
        );
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "## Assumptions\n");
    if i.assumptions.is_empty() {
        let _ = writeln!(w, "The scenario declares no assumptions: every parameter comes from the policy texts.\n");
    } else {
        let _ = writeln!(w, "Values the policy texts do not give, as the scenario states them:\n");
        for (key, why) in &i.assumptions {
            let _ = writeln!(w, "- `{}`: {}", cell(key), cell(why));
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## Money in these files\n");
    let _ = writeln!(
        w,
        "Money in the tables is in yuan as floating-point numbers (`{LEDGER_CSV}`, `{LEDGER_PARQUET}`: each value \
         converted once from the engine's ledger, which is exact to the fen, so it prints back with at most two \
         decimals; `{SUMMARY_CSV}`: statistics across paths, rounded to the fen). Sums of these floats may differ \
         from the ledger in the last fen. Income is net of the contributions credited to personal accounts \
         (`to_personal_accounts` is negative). Months of payment is empty where a year had no pooled spending. \
         Text files are UTF-8."
    );
    md
}

/// `run.json`: what the run was, enough to reproduce it, its headline in
/// `lang` and the language the run's report was written in (pretty JSON,
/// one trailing newline).
pub fn run_json(run: &RunResult, lang: Lang) -> String {
    let i = &run.info;
    use serde_json::{Value, json};
    let districts: Vec<Value> = i
        .districts
        .iter()
        .enumerate()
        .map(|(d, name)| {
            json!({
                "name": name,
                "label": i.district_labels.get(d).unwrap_or(name),
                "class": i.district_classes.get(d).map(|c| c.as_str()),
            })
        })
        .collect();
    let v = json!({
        "scenario": i.scenario,
        "scenario_file": i.scenario_file,
        "scenario_hash": i.scenario_hash,
        "fund": i.fund.as_str(),
        "seed": i.seed,
        "paths": i.paths,
        "years": i.years,
        "districts": districts,
        "overrides": i.overrides,
        "version": i.version,
        "reproduce": reproduce_command(run),
        "assumptions": i.assumptions.iter().map(|(k, why)| [k, why]).collect::<Vec<_>>(),
        "headline": match lang {
            Lang::En => headlines(run),
            Lang::Zh => super::labels::zh_report::headlines(run),
        },
        "lang": lang.code(),
    });
    let mut s = serde_json::to_string_pretty(&v).expect("a JSON value serialises");
    s.push('\n');
    s
}
