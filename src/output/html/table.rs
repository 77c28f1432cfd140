//! A CSV table of a folder as a sortable HTML table: numbers right-aligned
//! and grouped by thousands, and for the yearly summary the risk columns
//! first, the rest shown on demand.

use std::fmt::Write as _;

use super::{Folder, PageText, Table, esc, group_digits, slug};

/// Whether a cell is a number (right-aligned, sorted as one).
pub(super) fn is_number(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Whether a column's numbers are shown grouped by thousands: not a year
/// column, and some value has five or more integer digits.
pub(super) fn grouped(column: &str, rows: &[Vec<String>], k: usize) -> bool {
    !column.contains("year")
        && rows.iter().any(|r| {
            let v = r[k].trim_start_matches('-');
            is_number(v) && v.split('.').next().is_some_and(|i| i.len() >= 5)
        })
}

/// The yearly summary's risk columns, shown first and always: the year,
/// the chances of running short or dry, and the median and low end of the
/// months of payment and of the balance. The other columns are shown on
/// demand (a button under the heading).
const RISK: [&str; 8] = [
    "year",
    "p_below_zero",
    "p_below_3_months",
    "p_below_6_months",
    "p_first_depletion",
    "months_p50",
    "months_p5",
    "balance_p50_yuan",
];

/// The order columns are shown in, and whether each is shown only on
/// demand: for the summary the risk columns first.
fn layout(t: &Table) -> Vec<(usize, bool)> {
    if t.file != super::SUMMARY_CSV {
        return (0..t.columns.len()).map(|k| (k, false)).collect();
    }
    let mut order: Vec<(usize, bool)> =
        RISK.iter().filter_map(|r| t.columns.iter().position(|c| c == r)).map(|k| (k, false)).collect();
    let rest: Vec<(usize, bool)> =
        (0..t.columns.len()).filter(|k| !order.iter().any(|(o, _)| o == k)).map(|k| (k, true)).collect();
    order.extend(rest);
    order
}

/// A CSV table as a sortable HTML table.
pub(super) fn table(h: &mut String, f: &Folder, t: &Table, level: u8, words: &PageText) {
    let _ = writeln!(
        h,
        "<h{level} id=\"{}\">{} <small><code>{}</code></small></h{level}>\n<p>{}</p>",
        f.id(&format!("table-{}", slug(&t.file))),
        esc(&t.heading),
        esc(&t.file),
        esc(&(words.rows)(&t.what, t.rows.len())),
    );
    let order = layout(t);
    let hidden = order.iter().filter(|(_, more)| *more).count();
    if hidden > 0 {
        let show = (words.show_all)(t.columns.len());
        let _ = writeln!(
            h,
            "<p><button type=\"button\" class=\"more-toggle\" aria-expanded=\"false\" \
             data-show=\"{show}\" data-hide=\"{}\">{show}</button> {}</p>",
            words.show_risk,
            (words.risk_first)(hidden)
        );
    }
    let _ = write!(
        h,
        "<div class=\"scroll data\"><table class=\"sortable data\" data-file=\"{}\">\n<thead><tr>",
        esc(&t.file)
    );
    // A column with any number in it is right-aligned throughout.
    let numeric: Vec<bool> = (0..t.columns.len()).map(|k| t.rows.iter().any(|r| is_number(&r[k]))).collect();
    let group: Vec<bool> = t.columns.iter().enumerate().map(|(k, c)| grouped(c, &t.rows, k)).collect();
    let class = |k: usize, more: bool| match (numeric[k], more) {
        (true, true) => " class=\"n more\"",
        (true, false) => " class=\"n\"",
        (false, true) => " class=\"more\"",
        (false, false) => "",
    };
    for &(k, more) in &order {
        let c = &t.columns[k];
        // Let long names break after their underscores.
        let name = esc(c).replace('_', "_<wbr>");
        let _ = write!(
            h,
            "<th scope=\"col\"{} tabindex=\"0\" aria-sort=\"none\" title=\"{}\">{name}</th>",
            class(k, more),
            esc(c)
        );
    }
    let _ = writeln!(h, "</tr></thead>\n<tbody>");
    for r in &t.rows {
        let _ = write!(h, "<tr>");
        for &(k, more) in &order {
            let v = &r[k];
            let class = class(k, more);
            if group[k] && is_number(v) {
                let _ = write!(h, "<td{class} data-v=\"{}\">{}</td>", esc(v), esc(&group_digits(v)));
            } else {
                let _ = write!(h, "<td{class}>{}</td>", esc(v));
            }
        }
        let _ = writeln!(h, "</tr>");
    }
    let _ = writeln!(h, "</tbody></table></div>");
}
