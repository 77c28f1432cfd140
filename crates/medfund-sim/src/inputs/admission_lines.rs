//! The parameters of an admission's lines (`data/admission_lines.csv` and
//! `data/admission_levels.csv`): length of stay and bed charge, items paid
//! in part and medical materials by unit price, referrals within 24 hours.
//! `data/README.md` gives each value's source or marks it an assumption.

use std::sync::OnceLock;

use super::tables::DataError;
use medfund_rules::member_year::Level;

/// The scalar parameters of an admission's lines.
#[derive(Clone, Debug, PartialEq)]
pub struct AdmissionLines {
    /// Mean length of stay, days (calibration.md 32: 9.8 in 2023).
    pub mean_stay_days: f64,
    /// Log-sd of the stay given the bill.
    pub stay_sigma: f64,
    /// d ln(stay) / d ln(bill): longer stays cost more.
    pub stay_cost_elasticity: f64,
    pub max_stay_days: u32,
    /// The bed charge is at most this share of the in-scope rest of the bill
    /// (the stay is shortened to fit).
    pub bed_share_cap: f64,
    /// Shares of admissions in a single room and in an isolation ward.
    pub single_room_share: f64,
    pub isolation_share: f64,
    /// Mean share of the rest of the bill in items paid in part; mean unit
    /// price (base-year yuan) and the most lines an admission lists.
    pub items_share: f64,
    pub item_price_mean: f64,
    pub item_lines_max: u32,
    /// The same for ordinary medical materials.
    pub materials_share: f64,
    pub material_price_mean: f64,
    pub material_lines_max: u32,
    /// With a high-value implant: the materials' share of the rest of the
    /// bill (uniform between low and high), the implant's part of it.
    pub implant_materials_low: f64,
    pub implant_materials_high: f64,
    pub implant_line_share: f64,
    /// Share of second and later admissions of a year that are a referral
    /// completed within 24 hours of the previous one.
    pub transfer_share: f64,
    /// By hospital level ([`Level::HOSPITAL`] order).
    pub levels: [LevelLines; 6],
}

/// What an admission's lines depend on by hospital level.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct LevelLines {
    /// Daily bed fees, base-year yuan.
    pub bed_general: f64,
    pub bed_single: f64,
    pub bed_isolation: f64,
    /// Share of admissions with a high-value implant.
    pub implant_share: f64,
}

impl AdmissionLines {
    /// The level's row.
    pub fn level(&self, l: Level) -> &LevelLines {
        &self.levels[l.index().min(5)]
    }

    /// Parse the two tables from their texts.
    pub fn parse(scalars: &str, levels: &str) -> Result<AdmissionLines, DataError> {
        let f = "data/admission_lines.csv";
        let mut p = super::tables::Parameters::parse(f, scalars)?;
        let mut get = |k: &str, max: f64| p.get(k, max);
        let mut out = AdmissionLines {
            mean_stay_days: get("mean_stay_days", 365.0)?,
            stay_sigma: get("stay_sigma", 3.0)?,
            stay_cost_elasticity: get("stay_cost_elasticity", 2.0)?,
            max_stay_days: get("max_stay_days", 366.0)? as u32,
            bed_share_cap: get("bed_share_cap", 1.0)?,
            single_room_share: get("single_room_share", 1.0)?,
            isolation_share: get("isolation_share", 1.0)?,
            items_share: get("items_share", 0.5)?,
            item_price_mean: get("item_price_mean", 1e6)?,
            item_lines_max: get("item_lines_max", 8.0)?.max(1.0) as u32,
            materials_share: get("materials_share", 0.5)?,
            material_price_mean: get("material_price_mean", 1e6)?,
            material_lines_max: get("material_lines_max", 8.0)?.max(1.0) as u32,
            implant_materials_low: get("implant_materials_low", 1.0)?,
            implant_materials_high: get("implant_materials_high", 1.0)?,
            implant_line_share: get("implant_line_share", 1.0)?,
            transfer_share: get("transfer_share", 1.0)?,
            levels: [LevelLines::default(); 6],
        };
        p.finish()?;
        // The shares of the bill must leave room for one another: class B
        // (at most twice its mean share), bed, items (twice theirs) and
        // materials together within the in-scope part.
        if out.single_room_share + out.isolation_share > 1.0
            || out.implant_materials_low > out.implant_materials_high
            || 2.0 * out.items_share + out.bed_share_cap > 0.9
        {
            return Err(DataError {
                file: f.into(),
                line: 1,
                message: "single room + isolation must be at most 1, implant low at most high, and bed cap + 2 × items share at most 0.9".into(),
            });
        }

        let f = "data/admission_levels.csv";
        let header = ["level", "bed_general", "bed_single", "bed_isolation", "implant_share"];
        let mut seen = [false; 6];
        for (line, c) in super::tables::rows(f, levels, &header)? {
            let Some(i) = Level::HOSPITAL.iter().position(|l| l.as_str() == c[0]) else {
                return Err(DataError {
                    file: f.into(),
                    line,
                    message: format!("unknown level {:?} (unrated, 1, 2B, 2A, 3B, 3A)", c[0]),
                });
            };
            let n = |k: usize| super::tables::num(f, line, header[k], c[k]);
            out.levels[i] = LevelLines {
                bed_general: n(1)?,
                bed_single: n(2)?,
                bed_isolation: n(3)?,
                implant_share: n(4)?.min(1.0),
            };
            seen[i] = true;
        }
        if let Some(i) = seen.iter().position(|s| !s) {
            return Err(DataError {
                file: f.into(),
                line: 1,
                message: format!("no row for level {}", Level::HOSPITAL[i].as_str()),
            });
        }
        Ok(out)
    }

    /// The tables shipped in `data/`.
    pub fn builtin() -> &'static AdmissionLines {
        static D: OnceLock<AdmissionLines> = OnceLock::new();
        D.get_or_init(|| {
            AdmissionLines::parse(
                include_str!("../../../../data/admission_lines.csv"),
                include_str!("../../../../data/admission_levels.csv"),
            )
            .expect("the built-in admission tables parse (checked by tests)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_parse() {
        let a = AdmissionLines::builtin();
        // calibration.md 32: average stay 9.8 days (2023).
        assert_eq!(a.mean_stay_days, 9.8);
        assert_eq!(a.level(Level::L3A).bed_general, 40.0);
        assert_eq!(a.level(Level::Unrated).implant_share, 0.0);
    }

    #[test]
    fn a_bad_table_names_file_line_and_key() {
        let levels = include_str!("../../../../data/admission_levels.csv");
        let scalars = include_str!("../../../../data/admission_lines.csv");
        let e = AdmissionLines::parse(&scalars.replace("transfer_share,0.05", "transfer_share,1.5"), levels)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("data/admission_lines.csv:") && e.ends_with("`transfer_share` = 1.5 is outside 0–1"),
            "{e}"
        );
        let e = AdmissionLines::parse(&format!("{scalars}stay_days,3\n"), levels).unwrap_err().to_string();
        assert!(e.ends_with("unknown parameter `stay_days`"), "{e}");
        let e = AdmissionLines::parse(scalars, &levels.replace("\n2B,", "\n2C,")).unwrap_err().to_string();
        assert!(e.contains("unknown level \"2C\""), "{e}");
        let e = AdmissionLines::parse(&scalars.replace("items_share,0.06\n", ""), levels).unwrap_err().to_string();
        assert_eq!(e, "data/admission_lines.csv:1: `items_share` is missing");
    }
}
