//! A fund's accounts for one or more years, as a fund office reports them:
//! the file `medfund calibrate --accounts` fits a projection to and
//! `medfund backtest --observed` sets beside one.
//!
//! The format is a UTF-8 CSV (a byte-order mark, as Excel writes one, is
//! allowed) with the header `figure,value,unit,source` and an optional
//! `year` column anywhere; a field with a comma is quoted (`"…"`, a quote
//! inside doubled). Lines that are empty or start with `#` are skipped.
//! Figure names are fixed ([`FIGURES`]) so that files travel between
//! offices and tools; any figure may be absent. Each figure has a kind of
//! unit and takes any unit of that kind: money in `yuan`, `万元` or `亿元`;
//! counts in `persons`, `人`, `万人` or `人次`/`万人次` (admissions);
//! ratios as a `fraction` or in `%`; the average wage in `yuan/year`, the
//! average contribution base in `yuan/month`.

use std::fmt::Write as _;

/// What a figure is measured in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A sum of money over the year, or a balance.
    Money,
    /// A count of people or of events.
    Count,
    /// A ratio between 0 and 1.
    Ratio,
    /// An amount of yuan a year per person.
    YuanPerYear,
    /// An amount of yuan a month per person.
    YuanPerMonth,
}

impl Kind {
    /// The units a file may give, with the factor to the base unit (yuan,
    /// persons, fraction).
    pub fn units(self) -> &'static [(&'static str, f64)] {
        match self {
            Kind::Money => &[("yuan", 1.0), ("元", 1.0), ("万元", 1e4), ("亿元", 1e8)],
            Kind::Count => {
                &[("persons", 1.0), ("人", 1.0), ("万人", 1e4), ("人次", 1.0), ("万人次", 1e4), ("count", 1.0)]
            }
            Kind::Ratio => &[("fraction", 1.0), ("%", 0.01)],
            Kind::YuanPerYear => &[("yuan/year", 1.0), ("元/年", 1.0)],
            Kind::YuanPerMonth => &[("yuan/month", 1.0), ("元/月", 1.0)],
        }
    }

    /// The base unit figures are held and printed in.
    pub fn base_unit(self) -> &'static str {
        self.units()[0].0
    }
}

/// One figure a fund office reports.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub name: &'static str,
    pub kind: Kind,
    /// The name in a fund office's accounts.
    pub zh: &'static str,
    /// What it counts, as the simulation measures it.
    pub means: &'static str,
}

const fn fig(name: &'static str, kind: Kind, zh: &'static str, means: &'static str) -> Figure {
    Figure { name, kind, zh, means }
}

/// Every figure an accounts file may hold, in the order of the template.
pub const FIGURES: &[Figure] = &[
    fig(
        "insured_in_service",
        Kind::Count,
        "在职职工参保人数",
        "in-service employees at year end, flexible workers not included",
    ),
    fig("insured_flexible", Kind::Count, "灵活就业人员参保人数", "flexible workers insured at year end"),
    fig(
        "insured_working",
        Kind::Count,
        "在职参保人数（含灵活就业）",
        "in service at year end, flexible workers included (give it instead of the two above when the accounts do not split them)",
    ),
    fig("insured_retirees", Kind::Count, "退休人员参保人数", "retirees insured at year end"),
    fig("insured_total", Kind::Count, "职工医保参保人数", "all insured of the employee scheme at year end"),
    fig(
        "pooled_income",
        Kind::Money,
        "统筹基金收入",
        "the pooled fund's income of the year as the bulletins count it: contributions less everything credited to personal accounts (retirees' crediting out of the pool included), lump sums, per-head fees, interest and fiscal subsidies",
    ),
    fig(
        "pooled_spending",
        Kind::Money,
        "统筹基金支出",
        "the pooled fund's benefit spending of the year, every benefit type below but retirees' account crediting included (that is netted out of income, as the bulletins do)",
    ),
    fig("spending_inpatient", Kind::Money, "住院统筹支出", "inpatient benefits paid by the pooled fund"),
    fig("spending_outpatient", Kind::Money, "普通门诊统筹支出", "general outpatient pooling benefits"),
    fig("spending_special_outpatient", Kind::Money, "门诊慢特病支出", "special and chronic outpatient benefits"),
    fig("spending_single_payment_drugs", Kind::Money, "单行支付药品支出", "single-payment (high-value) drugs"),
    fig(
        "spending_maternity_medical",
        Kind::Money,
        "生育医疗费用支出",
        "maternity medical costs (births, prenatal care, terminations)",
    ),
    fig("spending_maternity_allowance", Kind::Money, "生育津贴支出", "maternity allowance"),
    fig("spending_family_planning", Kind::Money, "计划生育医疗费用支出", "family-planning procedures"),
    fig("spending_top_up", Kind::Money, "大额医疗费用补助支出", "large-expense top-up (大额) benefits"),
    fig(
        "spending_retiree_accounts",
        Kind::Money,
        "退休人员个人账户划入",
        "what the pooled fund credits to retirees' personal accounts (not in pooled_income or pooled_spending)",
    ),
    fig("admissions", Kind::Count, "住院人次", "admissions (discharges) of members in the year"),
    fig(
        "cost_per_admission",
        Kind::Money,
        "次均住院费用",
        "the average whole bill of an admission, in the year's prices",
    ),
    fig(
        "in_scope_ratio",
        Kind::Ratio,
        "政策范围内住院费用基金支付比例",
        "what the pooled fund paid of inpatient costs within the catalogues",
    ),
    fig("opening_balance", Kind::Money, "统筹基金年初累计结余", "the pooled balance at the start of the year"),
    fig("closing_balance", Kind::Money, "统筹基金年末累计结余", "the pooled balance at the end of the year"),
    fig(
        "avg_wage",
        Kind::YuanPerYear,
        "上年度全口径城镇单位就业人员平均工资",
        "the average wage the year's contribution floor and cap are set from",
    ),
    fig(
        "avg_contribution_base",
        Kind::YuanPerMonth,
        "月人均缴费基数",
        "the average monthly contribution base of contributing members (employees and flexible workers)",
    ),
];

/// A figure's value in its unit, as a fund office reads it: money in
/// 亿元 or 万元 with thousands separators, counts whole, ratios in per cent.
pub fn show(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Money if v.abs() >= 1e8 => format!("{} 亿元", group_digits(&format!("{:.2}", v / 1e8))),
        Kind::Money if v.abs() >= 1e4 => format!("{} 万元", group_digits(&format!("{:.2}", v / 1e4))),
        Kind::Money => format!("{} 元", group_digits(&format!("{v:.2}"))),
        Kind::Count => group_digits(&format!("{v:.0}")),
        Kind::Ratio => format!("{:.2}%", 100.0 * v),
        Kind::YuanPerYear => format!("{} 元/年", group_digits(&format!("{v:.0}"))),
        Kind::YuanPerMonth => format!("{} 元/月", group_digits(&format!("{v:.0}"))),
    }
}

/// A number as written with its integer digits grouped by thousands
/// ("-1234567.80" → "-1,234,567.80"); the digits are not changed, and
/// anything but a number is returned as it is.
pub fn group_digits(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    if !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::from(sign);
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The figure of a name.
pub fn figure(name: &str) -> Option<&'static Figure> {
    FIGURES.iter().find(|f| f.name == name)
}

/// One row of an accounts file, in the figure's base unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub year: Option<i32>,
    pub figure: &'static Figure,
    pub value: f64,
    pub source: String,
    /// The line of the file (1-based).
    pub line: usize,
}

/// An accounts file, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Accounts {
    pub file: String,
    pub entries: Vec<Entry>,
}

impl Accounts {
    /// The value of a figure in `year` (any year when the file has none).
    pub fn get(&self, name: &str, year: Option<i32>) -> Option<&Entry> {
        self.entries.iter().find(|e| e.figure.name == name && (year.is_none() || e.year == year))
    }

    /// The years the file gives (sorted, distinct; empty without a year
    /// column).
    pub fn years(&self) -> Vec<i32> {
        let mut y: Vec<i32> = self.entries.iter().filter_map(|e| e.year).collect();
        y.sort_unstable();
        y.dedup();
        y
    }
}

/// The fields of one CSV line (quotes as RFC 4180 has them, a field on one
/// line).
pub fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => cur.push(c),
            }
        } else {
            match c {
                '"' if at_start => quoted = true,
                ',' => {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                    at_start = true;
                    continue;
                }
                _ => cur.push(c),
            }
        }
        at_start = at_start && c.is_whitespace();
    }
    if quoted {
        return Err("a quoted field is not closed on its line (a field may not span lines)".into());
    }
    out.push(cur.trim().to_string());
    Ok(out)
}

/// Read an accounts file's text; `file` names it in errors, which say the
/// line, the column or figure, and what is allowed.
pub fn parse(file: &str, text: &str) -> Result<Accounts, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let skip = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    let Some((hline, header)) = lines.by_ref().find(|(_, l)| !skip(l)) else {
        return Err(format!("{file}: no header line; expected `figure,value,unit,source` (and optionally `year`)"));
    };
    let header = fields(header).map_err(|e| format!("{file}:{hline}: {e}"))?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let allowed = ["year", "figure", "value", "unit", "source"];
    if let Some(h) = header.iter().find(|h| !allowed.contains(&h.as_str())) {
        return Err(format!(
            "{file}:{hline}: column `{h}`: unknown (the columns are figure, value, unit, source and optionally year)"
        ));
    }
    let need = |name: &str| {
        col(name).ok_or_else(|| {
            format!("{file}:{hline}: no `{name}` column (the header is figure,value,unit,source and optionally year)")
        })
    };
    let (cf, cv, cu, cs) = (need("figure")?, need("value")?, need("unit")?, need("source")?);
    let cy = col("year");
    let mut entries: Vec<Entry> = Vec::new();
    for (n, l) in lines {
        if skip(l) {
            continue;
        }
        let at = |what: &str, m: String| format!("{file}:{n}: {what}: {m}");
        let f = fields(l).map_err(|e| format!("{file}:{n}: {e}"))?;
        if f.len() != header.len() {
            return Err(format!(
                "{file}:{n}: {} fields where the header has {} (quote a source with a comma in it)",
                f.len(),
                header.len()
            ));
        }
        let name = f[cf].as_str();
        let figure = figure(name).ok_or_else(|| {
            at(
                &format!("figure `{name}`"),
                format!(
                    "unknown{} (the figures are {})",
                    medfund_rules::suggest::did_you_mean(name, FIGURES.iter().map(|f| f.name)),
                    FIGURES.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let year = match cy {
            None => None,
            Some(c) => Some(f[c].parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)).ok_or_else(|| {
                at(&format!("figure `{name}`, year"), format!("`{}` is not a year between 1990 and 2100", f[c]))
            })?),
        };
        let units = figure.kind.units();
        let unit = f[cu].as_str();
        let factor = units.iter().find(|(u, _)| *u == unit).map(|u| u.1).ok_or_else(|| {
            at(
                &format!("figure `{name}`, unit"),
                format!(
                    "`{unit}` is not a unit of this figure (allowed: {})",
                    units.iter().map(|u| u.0).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let raw = f[cv].as_str();
        if raw.is_empty() {
            // A template's row left empty: the figure is not given.
            continue;
        }
        let v: f64 = raw.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
            at(
                &format!("figure `{name}`, value"),
                format!("`{raw}` is not a number (write 16580.30, without thousands separators)"),
            )
        })?;
        let value = v * factor;
        let ok = match figure.kind {
            Kind::Ratio => (0.0..=1.0).contains(&value),
            Kind::Money if name.ends_with("_balance") => true,
            _ => value >= 0.0,
        };
        if !ok {
            let range = if figure.kind == Kind::Ratio { "between 0 and 1 (0% and 100%)" } else { "not negative" };
            return Err(at(
                &format!("figure `{name}`, value"),
                format!("{raw} {unit} is out of range: it must be {range}"),
            ));
        }
        if let Some(e) = entries.iter().find(|e| e.figure.name == name && e.year == year) {
            return Err(at(
                &format!("figure `{name}`"),
                format!("given twice for the same year (first on line {})", e.line),
            ));
        }
        entries.push(Entry { year, figure, value, source: f[cs].clone(), line: n });
    }
    if entries.is_empty() {
        return Err(format!("{file}: no figures (a header and no rows)"));
    }
    Ok(Accounts { file: file.to_string(), entries })
}

/// An empty accounts file with every figure explained (`medfund calibrate
/// --template`): fill in the values a fund office has, leave the rest
/// empty or delete their lines.
pub fn template() -> String {
    let mut s = String::new();
    s.push_str("# medfund accounts: one year of a pooled fund, as the fund office reports it.\n");
    s.push_str("# Fill in `value` (a plain number, no thousands separators) for the figures you have and delete\n");
    s.push_str("# the lines of those you do not; keep or change `unit` (allowed units are listed per figure);\n");
    s.push_str("# say in `source` where each number comes from (quote it if it has a comma). `year` is the\n");
    s.push_str("# accounts' year: it becomes the first year of the projection. Lines starting with # are comments.\n");
    s.push_str("# Then: medfund calibrate --scenario <city> --accounts <this file> --out overlay.toml\n");
    s.push_str("year,figure,value,unit,source\n");
    for f in FIGURES {
        let units: Vec<&str> = f.kind.units().iter().map(|u| u.0).collect();
        let _ = writeln!(s, "# {} {}: {}. Units: {}.", f.name, f.zh, f.means, units.join(", "));
        let _ = writeln!(s, "2025,{},,{},", f.name, f.kind.base_unit());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_show_in_the_units_a_fund_office_uses() {
        assert_eq!(show(Kind::Money, 1.658_030e12), "16,580.30 亿元");
        assert_eq!(show(Kind::Money, -90_000_000.0 / 1.5), "-6,000.00 万元");
        assert_eq!(show(Kind::Money, 12_175.0), "1.22 万元");
        assert_eq!(show(Kind::Money, 950.5), "950.50 元");
        assert_eq!(show(Kind::Count, 370_950_000.0), "370,950,000");
        assert_eq!(show(Kind::Ratio, 0.846), "84.60%");
        assert_eq!(show(Kind::YuanPerMonth, 4_321.4), "4,321 元/月");
    }

    #[test]
    fn units_scale_to_yuan_persons_and_fractions() {
        let a = parse(
            "a.csv",
            "\u{feff}year,figure,value,unit,source\n2023,pooled_income,16580.30,亿元,\"NHSA 2023, table 1\"\n\
             2023,insured_retirees,9996,万人,b\n2023,in_scope_ratio,84.6,%,c\n",
        )
        .unwrap();
        // 16,580.30亿 = 16580.30 × 10^8 yuan; 9,996万 = 9996 × 10^4; 84.6% = 0.846.
        assert!((a.get("pooled_income", Some(2023)).unwrap().value - 1.658_030e12).abs() < 1.0);
        assert_eq!(a.get("insured_retirees", None).unwrap().value, 99_960_000.0);
        assert!((a.get("in_scope_ratio", None).unwrap().value - 0.846).abs() < 1e-12);
        assert_eq!(a.get("pooled_income", None).unwrap().source, "NHSA 2023, table 1");
        assert_eq!(a.years(), vec![2023]);
    }

    #[test]
    fn bad_rows_name_file_line_figure_and_what_is_allowed() {
        let h = "figure,value,unit,source\n";
        let err = |body: &str| parse("acc.csv", &format!("{h}{body}")).unwrap_err();
        let e = err("pooled_incme,1,yuan,x\n");
        assert!(e.starts_with("acc.csv:2: figure `pooled_incme`: unknown (did you mean `pooled_income`?"), "{e}");
        let e = err("pooled_income,1,persons,x\n");
        assert!(
            e.contains("acc.csv:2: figure `pooled_income`, unit: `persons` is not a unit") && e.contains("亿元"),
            "{e}"
        );
        let e = err("admissions,1,000,persons,x\n");
        assert!(e.contains("acc.csv:2: 5 fields where the header has 4"), "{e}");
        let e = err("in_scope_ratio,120,%,x\n");
        assert!(e.contains("between 0 and 1"), "{e}");
        let e = err("admissions,1e3,persons,x\nadmissions,2,persons,y\n");
        assert!(e.contains("acc.csv:3: figure `admissions`: given twice for the same year (first on line 2)"), "{e}");
        let e = err("admissions,12 000,persons,x\n");
        assert!(e.contains("`12 000` is not a number"), "{e}");
        assert!(parse("e.csv", "figure,value,unit\n").unwrap_err().contains("no `source` column"));
        // A negative balance is a deficit, allowed; a negative spending is not.
        assert!(parse("b.csv", &format!("{h}closing_balance,-5,万元,x\n")).is_ok());
        assert!(err("spending_top_up,-5,万元,x\n").contains("not negative"));
    }

    #[test]
    fn the_template_reads_back_once_filled_and_names_every_figure() {
        let t = template();
        for f in FIGURES {
            assert!(t.contains(&format!("2025,{},,", f.name)), "{}", f.name);
        }
        // Filling every value makes a file the parser accepts, figure for figure.
        let filled: String = t.lines().map(|l| l.replacen(",,", ",1,", 1) + "\n").collect();
        let a = parse("t.csv", &filled).unwrap();
        assert_eq!(a.entries.len(), FIGURES.len());
        // Unfilled, it gives no figure.
        assert!(parse("t.csv", &t).unwrap_err().contains("no figures"));
    }
}
