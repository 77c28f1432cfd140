//! The calibration tables of `data/` (life table, starting age profiles,
//! utilisation by age, fertility, wage dispersion), embedded in the binary
//! and parsed once. `data/README.md` says where every number comes from.

use std::sync::OnceLock;

use super::params::{District, Districts, RetirementAges};

/// Utilisation of one single year of age, at the base year.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Utilisation {
    pub inpatient_rate: f64,
    pub inpatient_cost_factor: f64,
    pub outpatient_use: f64,
    pub outpatient_mean: f64,
    pub special_prevalence: f64,
    pub single_drug_prevalence: f64,
}

/// The parsed tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    /// Probability of dying within the year, `[female as usize][age]`, ages 0..=110.
    pub qx: [[f64; 111]; 2],
    /// (age, [employee, flexible, retiree] weights).
    pub age_profile: Vec<(u8, [f64; 3])>,
    /// (age, weight) of resident-scheme members, ages 0–100.
    pub resident_age_profile: Vec<(u8, f64)>,
    /// By single year of age 0..=110 (ages outside the table take the
    /// nearest band).
    pub utilisation: Vec<Utilisation>,
    /// Births per woman-year by single year of age 0..=110.
    pub fertility: Vec<f64>,
    /// (mean ratio to the average wage, log-sd) for employees and flexible
    /// workers.
    pub wages: [(f64, f64); 2],
    /// (year, statutory retirement ages in force that year), ascending.
    pub retirement: Vec<(i32, RetirementAges)>,
}

/// A table that could not be read: where and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Rows of a numeric CSV with the expected header; `#` lines are comments.
pub(crate) fn rows<'a>(file: &str, text: &'a str, header: &[&str]) -> Result<Vec<(usize, Vec<&'a str>)>, DataError> {
    let err = |line: usize, message: String| DataError { file: file.to_string(), line, message };
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = l.split(',').map(str::trim).collect();
        if !seen_header {
            if cells != header {
                return Err(err(i + 1, format!("expected the header `{}`", header.join(","))));
            }
            seen_header = true;
            continue;
        }
        if cells.len() != header.len() {
            return Err(err(i + 1, format!("expected {} columns, found {}", header.len(), cells.len())));
        }
        out.push((i + 1, cells));
    }
    if !seen_header {
        return Err(err(1, "no header".into()));
    }
    Ok(out)
}

pub(crate) fn num(file: &str, line: usize, col: &str, s: &str) -> Result<f64, DataError> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(DataError {
            file: file.into(),
            line,
            message: format!("column `{col}`: {s:?} is not a non-negative number"),
        }),
    }
}

/// A `parameter,value` table (data/admission_lines.csv,
/// data/claim_kinds.csv): each parameter taken once by name within its
/// range, one given twice, missing or left over refused naming file, line
/// and key.
pub(crate) struct Parameters {
    file: &'static str,
    values: std::collections::BTreeMap<String, (usize, f64)>,
}

impl Parameters {
    pub(crate) fn parse(file: &'static str, text: &str) -> Result<Parameters, DataError> {
        let mut values = std::collections::BTreeMap::new();
        for (line, c) in rows(file, text, &["parameter", "value"])? {
            let x = num(file, line, c[0], c[1])?;
            if values.insert(c[0].to_string(), (line, x)).is_some() {
                return Err(DataError { file: file.into(), line, message: format!("`{}` given twice", c[0]) });
            }
        }
        Ok(Parameters { file, values })
    }

    /// The parameter `k`, within 0..=`max` (values are never negative).
    pub(crate) fn get(&mut self, k: &str, max: f64) -> Result<f64, DataError> {
        let f = self.file;
        let (line, x) = self.values.remove(k).ok_or_else(|| DataError {
            file: f.into(),
            line: 1,
            message: format!("`{k}` is missing"),
        })?;
        if x > max {
            return Err(DataError { file: f.into(), line, message: format!("`{k}` = {x} is outside 0–{max}") });
        }
        Ok(x)
    }

    /// Refuse a parameter no one took.
    pub(crate) fn finish(self) -> Result<(), DataError> {
        match self.values.into_iter().next() {
            Some((k, (line, _))) => {
                Err(DataError { file: self.file.into(), line, message: format!("unknown parameter `{k}`") })
            }
            None => Ok(()),
        }
    }
}

/// Spread banded rows (age_from, age_to, values) over single years 0..=110.
fn by_age<T: Copy + Default>(bands: &[(u8, u8, T)]) -> Vec<T> {
    (0..=110u8)
        .map(|a| {
            bands
                .iter()
                .find(|b| (b.0..=b.1).contains(&a))
                .or_else(|| if a < bands[0].0 { bands.first() } else { bands.last() })
                .map(|b| b.2)
                .unwrap_or_default()
        })
        .collect()
}

impl Data {
    /// Parse the five tables from their texts.
    pub fn parse(
        life: &str,
        profile: &str,
        utilisation: &str,
        fertility: &str,
        wages: &str,
        retirement: &str,
        resident_profile: &str,
    ) -> Result<Data, DataError> {
        let f = "data/life_table.csv";
        let mut qx = [[0.0; 111]; 2];
        let lr = rows(f, life, &["age", "qx_male", "qx_female"])?;
        if lr.len() != 111 {
            return Err(DataError {
                file: f.into(),
                line: 1,
                message: format!("expected ages 0..=110, found {} rows", lr.len()),
            });
        }
        for (i, (line, c)) in lr.iter().enumerate() {
            if c[0] != i.to_string() {
                return Err(DataError { file: f.into(), line: *line, message: format!("expected age {i}") });
            }
            qx[0][i] = num(f, *line, "qx_male", c[1])?.min(1.0);
            qx[1][i] = num(f, *line, "qx_female", c[2])?.min(1.0);
        }

        let f = "data/age_profile.csv";
        let mut age_profile = Vec::new();
        for (line, c) in rows(f, profile, &["age", "employee", "flexible", "retiree"])? {
            let age = num(f, line, "age", c[0])? as u8;
            age_profile.push((
                age,
                [num(f, line, "employee", c[1])?, num(f, line, "flexible", c[2])?, num(f, line, "retiree", c[3])?],
            ));
        }

        let f = "data/resident_age_profile.csv";
        let mut resident_age_profile = Vec::new();
        for (line, c) in rows(f, resident_profile, &["age", "weight"])? {
            resident_age_profile.push((num(f, line, "age", c[0])?.min(110.0) as u8, num(f, line, "weight", c[1])?));
        }

        let f = "data/utilisation.csv";
        let header = [
            "age_from",
            "age_to",
            "inpatient_rate",
            "inpatient_cost_factor",
            "outpatient_use",
            "outpatient_mean",
            "special_prevalence",
            "single_drug_prevalence",
        ];
        let mut bands = Vec::new();
        for (line, c) in rows(f, utilisation, &header)? {
            let v: Vec<f64> = c.iter().zip(header).map(|(s, h)| num(f, line, h, s)).collect::<Result<_, _>>()?;
            if v[4] > 1.0 || v[6] > 1.0 || v[7] > 1.0 {
                return Err(DataError { file: f.into(), line, message: "a probability is above 1".into() });
            }
            bands.push((
                v[0] as u8,
                v[1] as u8,
                Utilisation {
                    inpatient_rate: v[2],
                    inpatient_cost_factor: v[3],
                    outpatient_use: v[4],
                    outpatient_mean: v[5],
                    special_prevalence: v[6],
                    single_drug_prevalence: v[7],
                },
            ));
        }

        let f = "data/fertility.csv";
        let mut fb = Vec::new();
        for (line, c) in rows(f, fertility, &["age_from", "age_to", "births_per_1000"])? {
            fb.push((
                num(f, line, "age_from", c[0])? as u8,
                num(f, line, "age_to", c[1])? as u8,
                num(f, line, "births_per_1000", c[2])? / 1000.0,
            ));
        }
        let fertility: Vec<f64> =
            (0..=110u8).map(|a| fb.iter().find(|b| (b.0..=b.1).contains(&a)).map(|b| b.2).unwrap_or(0.0)).collect();

        let f = "data/wages.csv";
        let mut w = [(1.0, 0.5); 2];
        for (line, c) in rows(f, wages, &["category", "mean_ratio", "sigma"])? {
            let i = match c[0] {
                "employee" => 0,
                "flexible" => 1,
                other => {
                    return Err(DataError { file: f.into(), line, message: format!("unknown category {other:?}") });
                }
            };
            w[i] = (num(f, line, "mean_ratio", c[1])?, num(f, line, "sigma", c[2])?);
        }

        let f = "data/retirement_ages.csv";
        let mut ret = Vec::new();
        for (line, c) in rows(f, retirement, &["year", "male", "female_worker", "female_cadre"])? {
            let year = num(f, line, "year", c[0])? as i32;
            if ret.last().is_some_and(|(y, _): &(i32, _)| *y >= year) {
                return Err(DataError { file: f.into(), line, message: "years must increase".into() });
            }
            ret.push((
                year,
                RetirementAges {
                    male: num(f, line, "male", c[1])?,
                    female_worker: num(f, line, "female_worker", c[2])?,
                    female_cadre: num(f, line, "female_cadre", c[3])?,
                },
            ));
        }

        Ok(Data {
            qx,
            age_profile,
            resident_age_profile,
            utilisation: by_age(&bands),
            fertility,
            wages: w,
            retirement: ret,
        })
    }

    /// The tables shipped in `data/`.
    pub fn builtin() -> &'static Data {
        static D: OnceLock<Data> = OnceLock::new();
        D.get_or_init(|| {
            Data::parse(
                include_str!("../../../../data/life_table.csv"),
                include_str!("../../../../data/age_profile.csv"),
                include_str!("../../../../data/utilisation.csv"),
                include_str!("../../../../data/fertility.csv"),
                include_str!("../../../../data/wages.csv"),
                include_str!("../../../../data/retirement_ages.csv"),
                include_str!("../../../../data/resident_age_profile.csv"),
            )
            .expect("the built-in data tables parse (checked by tests)")
        })
    }

    /// The statutory retirement ages in force in a year (the last row at or
    /// before it; the first row before the table starts).
    pub fn retirement(&self, year: i32) -> RetirementAges {
        self.retirement
            .iter()
            .rev()
            .find(|(y, _)| *y <= year)
            .or(self.retirement.first())
            .map(|r| r.1)
            .expect("non-empty table")
    }

    #[inline]
    pub fn qx(&self, female: bool, age: u8) -> f64 {
        self.qx[female as usize][usize::from(age.min(110))]
    }

    /// (mean ratio, log-sd) of a flexible worker's wage or of any other
    /// member's (retirees take the employees', unused).
    pub fn wage(&self, flexible: bool) -> (f64, f64) {
        self.wages[usize::from(flexible)]
    }

    /// Period life expectancy at birth from the table.
    pub fn life_expectancy(&self, female: bool) -> f64 {
        let mut alive = 1.0;
        let mut e = 0.0;
        for a in 0..=110 {
            let q = self.qx[female as usize][a];
            e += alive * (1.0 - q / 2.0);
            alive *= 1.0 - q;
        }
        e
    }
}

/// A district table of `data/` by file name (embedded): columns `name`,
/// `name_en`, `class`, `population_10k`, `share`, `resident_share`.
pub fn districts(file: &str) -> Result<Vec<District>, String> {
    let text = match file {
        "chongqing_districts.csv" => include_str!("../../../../data/chongqing_districts.csv"),
        other => return Err(format!("no district table `{other}` in data/ (known: chongqing_districts.csv)")),
    };
    let f = format!("data/{file}");
    let mut out = Vec::new();
    for (line, c) in rows(&f, text, &["name", "name_en", "class", "population_10k", "share", "resident_share"])
        .map_err(|e| e.to_string())?
    {
        let class = medfund_rules::settle::DistrictClass::parse(c[2])
            .ok_or_else(|| format!("{f}:{line}: unknown class {:?}", c[2]))?;
        out.push(District {
            name: c[0].to_string(),
            label: Some(c[1].to_string()),
            share: num(&f, line, "share", c[4]).map_err(|e| e.to_string())?,
            resident_share: Some(num(&f, line, "resident_share", c[5]).map_err(|e| e.to_string())?),
            class,
        });
    }
    Ok(out)
}

impl Districts {
    /// The district list, reading a `data/` table if named.
    pub fn resolve(&self) -> Result<Vec<District>, String> {
        match self {
            Districts::List(v) => Ok(v.clone()),
            Districts::File(f) => districts(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse_and_match_their_documented_targets() {
        let d = Data::builtin();
        // data/README.md: fitted to e0 = 75.4 (men) and 80.9 (women).
        assert!((d.life_expectancy(false) - 75.4).abs() < 0.1, "{}", d.life_expectancy(false));
        assert!((d.life_expectancy(true) - 80.9).abs() < 0.1, "{}", d.life_expectancy(true));
        assert_eq!(d.qx[0][110], 1.0);
        // calibration.md: 2010 census city fertility 25–29 = 71.66 per 1,000.
        assert!((d.fertility[27] - 0.07166).abs() < 1e-12);
        assert!(d.utilisation[70].inpatient_rate > d.utilisation[30].inpatient_rate);
        // The 2025 reform: men 60 before 2025, 63 from 2040.
        assert_eq!(d.retirement(2024).male, 60.0);
        assert_eq!(d.retirement(2045).male, 63.0);
        assert!(d.retirement(2030).female_worker > 51.0 && d.retirement(2030).female_worker < 52.0);
    }

    #[test]
    fn a_bad_table_names_file_line_and_column() {
        let d = Data::builtin();
        let _ = d;
        let e = rows("x.csv", "# c\na,b\n1,2\n3\n", &["a", "b"]).unwrap_err();
        assert_eq!(e.to_string(), "x.csv:4: expected 2 columns, found 1");
        let e = num("x.csv", 7, "qx_male", "-0.1").unwrap_err();
        assert_eq!(e.to_string(), "x.csv:7: column `qx_male`: \"-0.1\" is not a non-negative number");
    }
}
