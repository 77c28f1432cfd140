//! A CSV table of a folder as a sortable HTML table: numbers right-aligned
//! and grouped by thousands, and for the yearly summary the risk columns
//! first, the rest shown on demand.

use std::fmt::Write as _;

use super::{Folder, Table, esc, group_digits, slug};

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

/// A CSV table as a sortable HTML table.
pub(super) fn table(h: &mut String, f: &Folder, t: &Table, level: u8) {
    let _ = writeln!(
        h,
        "<h{level} id=\"{}\">{} <small><code>{}</code></small></h{level}>\n<p>{} {} row{}.</p>",
        f.id(&format!("table-{}", slug(&t.file))),
        esc(&t.heading),
        esc(&t.file),
        esc(&t.what),
        t.rows.len(),
        if t.rows.len() == 1 { "" } else { "s" }
    );
    let _ = write!(
        h,
        "<div class=\"scroll data\"><table class=\"sortable data\" data-file=\"{}\">\n<thead><tr>",
        esc(&t.file)
    );
    // A column with any number in it is right-aligned throughout.
    let numeric: Vec<bool> = (0..t.columns.len()).map(|k| t.rows.iter().any(|r| is_number(&r[k]))).collect();
    let group: Vec<bool> = t.columns.iter().enumerate().map(|(k, c)| grouped(c, &t.rows, k)).collect();
    for (k, c) in t.columns.iter().enumerate() {
        // Let long names break after their underscores.
        let name = esc(c).replace('_', "_<wbr>");
        let class = if numeric[k] { " class=\"n\"" } else { "" };
        let _ =
            write!(h, "<th scope=\"col\"{class} tabindex=\"0\" aria-sort=\"none\" title=\"{}\">{name}</th>", esc(c));
    }
    let _ = writeln!(h, "</tr></thead>\n<tbody>");
    for r in &t.rows {
        let _ = write!(h, "<tr>");
        for (k, v) in r.iter().enumerate() {
            let class = if numeric[k] { " class=\"n\"" } else { "" };
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
