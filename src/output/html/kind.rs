//! What a folder medfund wrote holds, known by the file that marks it: a
//! run (`simulate`, `merge`), a stress grid, a comparison of cities, a
//! backtest, a sensitivity analysis or a run-to-run difference. A run's
//! page is built from its known tables and charts; the others' from their
//! markdown report, every CSV table and every chart in the folder.

use std::path::Path;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Run,
    Stress,
    Compare,
    Backtest,
    Sensitivity,
    Diff,
}

/// Each kind: the file that marks it, its markdown report, the command and
/// what the page is of.
const KINDS: [(Kind, &str, &str, &str, &str); 6] = [
    (Kind::Run, super::SUMMARY_CSV, super::REPORT_MD, "simulate", "projection"),
    (Kind::Stress, "stress.csv", "stress.md", "stress", "stress test"),
    (Kind::Compare, "compare_cities.csv", "compare.md", "compare", "comparison of cities"),
    (Kind::Backtest, "backtest.csv", "backtest.md", "backtest", "backtest"),
    (Kind::Sensitivity, "sensitivity.csv", "sensitivity.md", "sensitivity", "sensitivity analysis"),
    (Kind::Diff, "diff.csv", "diff.md", "diff", "run-to-run difference"),
];

impl Kind {
    /// The kind of the folder `dir`, by the first marking file it holds.
    pub fn of(dir: &Path) -> Option<Kind> {
        KINDS.iter().find(|k| dir.join(k.1).is_file()).map(|k| k.0)
    }

    fn row(self) -> &'static (Kind, &'static str, &'static str, &'static str, &'static str) {
        KINDS.iter().find(|k| k.0 == self).expect("every kind has a row")
    }

    /// The file that marks the kind (its main table).
    pub fn marker(self) -> &'static str {
        self.row().1
    }

    /// The kind's markdown report.
    pub fn markdown(self) -> &'static str {
        self.row().2
    }

    /// What the page is of ("stress test"), in English (the page's words
    /// are `PageText::kinds`, checked against these).
    #[cfg(test)]
    pub fn what(self) -> &'static str {
        self.row().4
    }

    /// The kind's place in the list of kinds (the order of
    /// `PageText::kinds`, whose English words are [`Kind::what`]'s).
    pub fn index(self) -> usize {
        KINDS.iter().position(|k| k.0 == self).expect("every kind has a row")
    }

    /// The folders `medfund report` takes, for its refusal.
    pub fn accepted() -> String {
        KINDS.iter().map(|k| format!("{} (medfund {})", k.1, k.3)).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::labels::page;
    use crate::output::lang::Lang;

    #[test]
    fn the_page_names_every_kind_in_order() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.0.index(), i);
            assert_eq!(page(Lang::En).kinds[i], k.0.what());
            assert!(!page(Lang::Zh).kinds[i].is_ascii());
        }
    }
}
