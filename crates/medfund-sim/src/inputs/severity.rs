//! Special / chronic outpatient care by severity (`data/special_severity.csv`):
//! a patient's severity quantile gives the disease group and its yearly
//! cost relative to the mean. `data/README.md` says where the values come
//! from (assumptions).

use std::sync::OnceLock;

use super::tables::{DataError, num, rows};

/// One severity band: quantiles below `up_to` (and above the previous
/// band's) are `group`, at `cost_factor` times the mean yearly cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub up_to: f64,
    pub group: String,
    pub cost_factor: f64,
}

/// The bands, ascending, the last up to 1, the factors normalised so that
/// their mean over quantiles is 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Severity {
    pub bands: Vec<Band>,
}

impl Severity {
    pub fn parse(text: &str) -> Result<Severity, DataError> {
        let f = "data/special_severity.csv";
        let mut bands: Vec<Band> = Vec::new();
        for (line, c) in rows(f, text, &["up_to", "group", "cost_factor"])? {
            let up_to = num(f, line, "up_to", c[0])?;
            let prev = bands.last().map_or(0.0, |b| b.up_to);
            if up_to <= prev || up_to > 1.0 {
                return Err(DataError {
                    file: f.into(),
                    line,
                    message: format!("`up_to` {up_to} must rise above {prev} and be at most 1"),
                });
            }
            let cost_factor = num(f, line, "cost_factor", c[2])?;
            bands.push(Band { up_to, group: c[1].to_string(), cost_factor });
        }
        if bands.last().is_none_or(|b| b.up_to != 1.0) {
            return Err(DataError { file: f.into(), line: 1, message: "the last band must end at 1".into() });
        }
        let mut prev = 0.0;
        let mean: f64 = bands
            .iter()
            .map(|b| {
                let w = b.up_to - prev;
                prev = b.up_to;
                w * b.cost_factor
            })
            .sum();
        if mean <= 0.0 {
            return Err(DataError { file: f.into(), line: 1, message: "every cost factor is 0".into() });
        }
        bands.iter_mut().for_each(|b| b.cost_factor /= mean);
        Ok(Severity { bands })
    }

    /// The band of a severity quantile `u` in [0, 1).
    #[inline]
    pub fn band(&self, u: f64) -> &Band {
        self.bands.iter().find(|b| u < b.up_to).unwrap_or_else(|| self.bands.last().expect("non-empty"))
    }

    /// The table shipped in `data/`.
    pub fn builtin() -> &'static Severity {
        static D: OnceLock<Severity> = OnceLock::new();
        D.get_or_init(|| {
            Severity::parse(include_str!("../../../../data/special_severity.csv"))
                .expect("the built-in severity table parses (checked by tests)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_is_normalised_and_ordered() {
        let s = Severity::builtin();
        let mut prev = 0.0;
        let mean: f64 = s
            .bands
            .iter()
            .map(|b| {
                let w = b.up_to - prev;
                prev = b.up_to;
                w * b.cost_factor
            })
            .sum();
        assert!((mean - 1.0).abs() < 1e-12, "{mean}");
        // Dialysis costs 40 times common chronic care (20 against 0.5).
        assert!((s.band(0.0).cost_factor / s.band(0.5).cost_factor - 40.0).abs() < 1e-9);
        assert_eq!(s.band(0.5).group, "common");
        assert_eq!(s.band(0.0102).group, "transplant");
    }

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        let e = Severity::parse("up_to,group,cost_factor\n0.5,a,1\n0.4,b,1\n").unwrap_err().to_string();
        assert_eq!(e, "data/special_severity.csv:3: `up_to` 0.4 must rise above 0.5 and be at most 1");
        let e = Severity::parse("up_to,group,cost_factor\n0.5,a,1\n").unwrap_err().to_string();
        assert_eq!(e, "data/special_severity.csv:1: the last band must end at 1");
    }
}
