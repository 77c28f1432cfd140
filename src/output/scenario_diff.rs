//! `medfund scenario diff`'s output: an aligned table for the terminal or
//! CSV, of the keys two scenarios do not share a value for.

/// A key two scenarios differ on: each side's value as written (`None`
/// when that file has no such key) and its citation.
#[derive(Clone, Debug)]
pub struct Row {
    pub key: String,
    /// The parameter this key is part of, when the other file does not
    /// have that parameter at all (the table shows such keys as one line).
    pub lone: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub cite_a: String,
    pub cite_b: String,
}

/// Columns a character takes in a terminal: two for CJK and full-width
/// forms, one otherwise.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F => 2,
            0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// `s` cut to at most `max` columns, with `…` where it was cut.
pub fn shorten(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(&c.to_string()) > max.saturating_sub(1) {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` cut to its last `max` columns at most, with `…` where it was cut.
pub fn shorten_tail(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    for c in s.chars().rev() {
        if width(&tail.iter().collect::<String>()) + width(&c.to_string()) > max.saturating_sub(1) {
            break;
        }
        tail.push(c);
    }
    format!("…{}", tail.iter().rev().collect::<String>())
}

/// `s` padded with spaces to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

const VALUE_COLUMNS: usize = 28;
const CITE_COLUMNS: usize = 110;
const ABSENT: &str = "(absent)";

/// The aligned table: a heading line, then per key its two values and,
/// each side's citation beneath the run of keys that share it (once when
/// both cite the same); a parameter only one file has is one line
/// (`KEY.*`, its number of keys).
pub fn table(names: &(String, String), files: &(String, String), rows: &[Row], equal: usize) -> String {
    let only_a = rows.iter().filter(|r| r.b.is_none()).count();
    let only_b = rows.iter().filter(|r| r.a.is_none()).count();
    let mut out = format!(
        "{} ({}) vs {} ({}): {} keys differ ({} with both values, {only_a} only in {}, {only_b} only in {}); \
         {equal} equal keys not shown\n",
        names.0,
        files.0,
        names.1,
        files.1,
        rows.len(),
        rows.len() - only_a - only_b,
        names.0,
        names.1,
    );
    if rows.is_empty() {
        return out;
    }
    let (la, lb) = if names.0 == names.1 { ("A".to_string(), "B".to_string()) } else { names.clone() };
    let kw = rows.iter().map(|r| width(&r.key)).max().unwrap_or(3).clamp(3, 64);
    let shown = |v: &Option<String>| v.as_deref().map_or(ABSENT.to_string(), |v| shorten(v, VALUE_COLUMNS));
    let vw = rows.iter().map(|r| width(&shown(&r.a))).max().unwrap_or(0).max(width(&la)).min(VALUE_COLUMNS);
    out.push_str(&format!("\n{}  {}  {lb}\n", pad("key", kw), pad(&la, vw)));
    let tag_w = width(&la).max(width(&lb)).max(4);
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        i += 1;
        if let Some(p) = &r.lone {
            // The whole parameter is in one file only: one line for it.
            let n = 1 + rows[i..].iter().take_while(|x| x.lone.as_ref() == Some(p)).count();
            i += n - 1;
            let (tag, c) = if r.a.is_some() { (&la, &r.cite_a) } else { (&lb, &r.cite_b) };
            let keys = if n == 1 && r.key == *p { "1 key".to_string() } else { format!("{n} keys") };
            let (va, vb) = if r.a.is_some() { (keys, ABSENT.to_string()) } else { (ABSENT.to_string(), keys) };
            let key = if n == 1 && r.key == *p { p.clone() } else { format!("{p}.*") };
            out.push_str(&format!("{}  {}  {vb}\n", pad(&shorten(&key, kw), kw), pad(&va, vw)));
            if !c.is_empty() {
                out.push_str(&format!("    {}  {}\n", pad(tag, tag_w), shorten(c, CITE_COLUMNS)));
            }
            continue;
        }
        let (mut sa, mut sb) = (shown(&r.a), shown(&r.b));
        if sa == sb {
            // Values that differ only past the cut: show their ends.
            let tail = |v: &Option<String>| v.as_deref().map_or(ABSENT.to_string(), |v| shorten_tail(v, VALUE_COLUMNS));
            (sa, sb) = (tail(&r.a), tail(&r.b));
        }
        out.push_str(&format!("{}  {}  {sb}\n", pad(&shorten(&r.key, kw), kw), pad(&sa, vw)));
        // The citations once under the run of keys that share them.
        fn sides(x: &Row) -> (Option<&String>, Option<&String>) {
            (x.a.is_some().then_some(&x.cite_a), x.b.is_some().then_some(&x.cite_b))
        }
        if rows.get(i).is_some_and(|next| next.lone.is_none() && sides(next) == sides(r)) {
            continue;
        }
        let cite = |c: &str| if c.is_empty() { "(no citation)".to_string() } else { shorten(c, CITE_COLUMNS) };
        match (&r.a, &r.b) {
            _ if r.cite_a.is_empty() && r.cite_b.is_empty() => {}
            (Some(_), Some(_)) if r.cite_a == r.cite_b => {
                out.push_str(&format!("    {}  {}\n", pad("both", tag_w), cite(&r.cite_a)));
            }
            _ => {
                for (tag, v, c) in [(&la, &r.a, &r.cite_a), (&lb, &r.b, &r.cite_b)] {
                    if v.is_some() {
                        out.push_str(&format!("    {}  {}\n", pad(tag, tag_w), cite(c)));
                    }
                }
            }
        }
    }
    out
}

/// A CSV field, quoted where it must be (RFC 4180).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// `key,A,B,A_citation,B_citation`, values in full as written (a string
/// value keeps its TOML quotes; an empty cell is a key that side lacks).
pub fn csv(names: &(String, String), rows: &[Row]) -> String {
    let (la, lb) = if names.0 == names.1 { ("a".to_string(), "b".to_string()) } else { names.clone() };
    let mut out = format!("key,{},{},{}_citation,{}_citation\n", field(&la), field(&lb), field(&la), field(&lb));
    for r in rows {
        let v = |x: &Option<String>| field(x.as_deref().unwrap_or(""));
        out.push_str(&format!("{},{},{},{},{}\n", field(&r.key), v(&r.a), v(&r.b), field(&r.cite_a), field(&r.cite_b)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice_and_fields_are_quoted() {
        assert_eq!(width("第九条"), 6);
        assert_eq!(width("a（一）"), 7);
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten_tail("abcdef", 4), "…def");
        assert_eq!(pad("条", 4), "条  ");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
