//! The parameters of the claim kinds drawn apart from ordinary admissions
//! and maternity lump sums (`data/claim_kinds.csv`): death during emergency
//! care, high-value drugs outside hospital, stillbirths, newborns' admissions
//! on the mother's cover, the rarer family-planning items, several
//! procedures at once, and the spouse already reimbursed elsewhere.
//! `data/README.md` gives each value's reasoning (all are assumptions).

use std::sync::OnceLock;

use super::tables::DataError;

/// The scalar parameters of `data/claim_kinds.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimKinds {
    /// Share of a member's death probability (life table) that falls during
    /// emergency care, with its emergency bill.
    pub emergency_death_share: f64,
    pub emergency_death_cost_mean: f64,
    pub emergency_death_cost_sigma: f64,
    /// Users of high-value drugs outside hospital relative to the
    /// single-payment drug prevalence by age (`utilisation.csv`).
    pub high_value_drug_factor: f64,
    pub high_value_drug_cost_mean: f64,
    pub high_value_drug_cost_sigma: f64,
    /// Share bought at a pharmacy (供药机构) rather than a hospital.
    pub high_value_drug_pharmacy_share: f64,
    /// Stillbirths per birth (a woman's fertility rate times this).
    pub stillbirth_per_birth: f64,
    pub stillbirth_cost_mean: f64,
    /// Newborns dying within 3 months per birth, with their admission.
    pub newborn_death_per_birth: f64,
    pub newborn_cost_mean: f64,
    pub newborn_cost_sigma: f64,
    /// Male members' partners without a job but insured by a resident or
    /// employee scheme (their births reimbursed there), beside the
    /// scenario's `spouse_uninsured_share`.
    pub spouse_insured_share: f64,
    /// Caesarean deliveries with a tubal ligation at the same time.
    pub ligation_at_caesarean: f64,
    /// Family-planning claims that are the rarer procedures (implant
    /// removal, reversals), of several procedures at once, of a
    /// complication's treatment; medical abortions completed by curettage.
    pub family_planning_rare_share: f64,
    pub family_planning_several_share: f64,
    pub family_planning_complication_share: f64,
    pub medical_abortion_curettage_share: f64,
}

impl ClaimKinds {
    /// Parse the table from its text.
    pub fn parse(text: &str) -> Result<ClaimKinds, DataError> {
        let f = "data/claim_kinds.csv";
        let mut p = super::tables::Parameters::parse(f, text)?;
        let mut get = |k: &str, max: f64| p.get(k, max);
        const YUAN: f64 = 1e7;
        let out = ClaimKinds {
            emergency_death_share: get("emergency_death_share", 1.0)?,
            emergency_death_cost_mean: get("emergency_death_cost_mean", YUAN)?,
            emergency_death_cost_sigma: get("emergency_death_cost_sigma", 3.0)?,
            high_value_drug_factor: get("high_value_drug_factor", 100.0)?,
            high_value_drug_cost_mean: get("high_value_drug_cost_mean", YUAN)?,
            high_value_drug_cost_sigma: get("high_value_drug_cost_sigma", 3.0)?,
            high_value_drug_pharmacy_share: get("high_value_drug_pharmacy_share", 1.0)?,
            stillbirth_per_birth: get("stillbirth_per_birth", 1.0)?,
            stillbirth_cost_mean: get("stillbirth_cost_mean", YUAN)?,
            newborn_death_per_birth: get("newborn_death_per_birth", 1.0)?,
            newborn_cost_mean: get("newborn_cost_mean", YUAN)?,
            newborn_cost_sigma: get("newborn_cost_sigma", 3.0)?,
            spouse_insured_share: get("spouse_insured_share", 1.0)?,
            ligation_at_caesarean: get("ligation_at_caesarean", 1.0)?,
            family_planning_rare_share: get("family_planning_rare_share", 1.0)?,
            family_planning_several_share: get("family_planning_several_share", 1.0)?,
            family_planning_complication_share: get("family_planning_complication_share", 1.0)?,
            medical_abortion_curettage_share: get("medical_abortion_curettage_share", 1.0)?,
        };
        p.finish()?;
        Ok(out)
    }

    /// The table shipped in `data/`.
    pub fn builtin() -> &'static ClaimKinds {
        static D: OnceLock<ClaimKinds> = OnceLock::new();
        D.get_or_init(|| {
            ClaimKinds::parse(include_str!("../../../../data/claim_kinds.csv"))
                .expect("the built-in claim kinds table parses (checked by tests)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses() {
        let k = ClaimKinds::builtin();
        assert_eq!(k.stillbirth_per_birth, 0.009);
        assert_eq!(k.high_value_drug_pharmacy_share, 0.5);
    }

    #[test]
    fn a_bad_table_names_file_line_and_key() {
        let t = include_str!("../../../../data/claim_kinds.csv");
        let e = ClaimKinds::parse(&t.replace("stillbirth_per_birth,0.009", "stillbirth_per_birth,1.5"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("data/claim_kinds.csv:") && e.ends_with("`stillbirth_per_birth` = 1.5 is outside 0–1"),
            "{e}"
        );
        let e = ClaimKinds::parse(&format!("{t}stillbirths,3\n")).unwrap_err().to_string();
        assert!(e.ends_with("unknown parameter `stillbirths`"), "{e}");
        let e = ClaimKinds::parse(&t.replace("newborn_cost_mean,15000\n", "")).unwrap_err().to_string();
        assert_eq!(e, "data/claim_kinds.csv:1: `newborn_cost_mean` is missing");
    }
}
