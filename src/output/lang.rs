//! The language of a run's report, charts and terminal summary
//! (`--lang zh|en`), and what depends on it alone: the default from the
//! locale, the code recorded in `run.json`, and the embedded CJK font the
//! Chinese charts and pages are drawn with. The words themselves are in
//! `labels`.

/// The language of what a person reads: `report.md`, `report.html`, the
/// charts and the terminal summary. The ledger and the summary CSVs keep
/// their ASCII column names in either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English (the default when the locale says nothing else).
    #[default]
    En,
    /// Simplified Chinese, as a fund office writes it (简体中文).
    Zh,
}

/// Noto Sans CJK SC Regular, subset to the characters medfund writes
/// (`assets/fonts/make_subset.py` regenerates it from the label sources,
/// the scenarios and the district list). SIL Open Font License 1.1,
/// `assets/fonts/OFL.txt`.
pub const CJK_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");
/// The same subset of Noto Sans CJK SC Bold.
pub const CJK_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Bold-subset.otf");
/// The family the CJK font is known by: registered under this name for the
/// charts, written into the SVG charts, and declared by the Chinese HTML
/// page's `@font-face` (so a viewer with Noto Sans CJK SC installed uses
/// its own copy of the same font).
pub const CJK_FAMILY: &str = "Noto Sans CJK SC";

impl Lang {
    /// The language from the environment as POSIX orders it: the first of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty;
    /// Chinese when it starts with `zh` (`zh_CN.UTF-8`), else English.
    pub fn from_locale() -> Lang {
        Lang::from_env(&|k| std::env::var(k).ok())
    }

    /// [`Lang::from_locale`] with the environment given as a lookup.
    pub fn from_env(var: &dyn Fn(&str) -> Option<String>) -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| var(k).filter(|v| !v.is_empty()));
        match value {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The code in `run.json` and in `<html lang>`: "en" or "zh".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// A code as [`Lang::code`] writes it; `None` for any other.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// Whether `c` is drawn with the CJK font rather than DejaVu Sans: the
/// CJK ideographs and radicals, CJK punctuation, and the full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Hundredths of a unit as text, two decimals, the integer digits grouped
/// by thousands, negatives with an ASCII hyphen (as `report::wan_or_yi`
/// writes them): 123456 is "1,234.56", -5 is "-0.05".
pub fn grouped_hundredths(hundredths: i128) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", super::html::group_digits(&(a / 100).to_string()), a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_locale_picks_the_language_in_posix_order() {
        assert_eq!(Lang::from_env(&env(&[])), Lang::En);
        assert_eq!(Lang::from_env(&env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(&env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(&env(&[("LANG", "C.UTF-8")])), Lang::En);
        // LC_ALL before LC_MESSAGES before LANG; an empty value is unset.
        assert_eq!(Lang::from_env(&env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(&env(&[("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(&env(&[("LC_MESSAGES", "zh_CN"), ("LANG", "en_GB")])), Lang::Zh);
        assert_eq!(Lang::from_env(&env(&[("LC_ALL", "ZH_cn")])), Lang::Zh);
    }

    #[test]
    fn hundredths_are_grouped() {
        assert_eq!(grouped_hundredths(123456), "1,234.56");
        assert_eq!(grouped_hundredths(-5), "-0.05");
        assert_eq!(grouped_hundredths(0), "0.00");
        assert_eq!(crate::output::labels::zh_report::amount(12_345_678.0), "1,234.57万元");
        assert_eq!(crate::output::labels::zh_report::amount(-2.5e8), "-2.50亿元");
    }

    #[test]
    fn codes_round_trip() {
        for l in [Lang::En, Lang::Zh] {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn cjk_characters_are_told_from_latin_ones() {
        assert!(is_cjk('基') && is_cjk('，') && is_cjk('（') && is_cjk('。'));
        assert!(!is_cjk('a') && !is_cjk('–') && !is_cjk('×') && !is_cjk('÷'));
    }
}
