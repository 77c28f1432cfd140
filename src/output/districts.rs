//! District settlement across paths (Chongqing 002 二（四）2, 二（五）): per
//! year and district, the means of the settlement fields and the shares of
//! paths in which the district government had to pay or the district's
//! retained surplus was exhausted. Used by `districts.csv`, the burden and
//! districts-dry charts and the report.

use medfund_rules::money::Money;
use medfund_rules::settle::DistrictClass;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::RunInfo;

/// The share of paths with a government payment above which a district
/// counts as "run dry" in a year (for ordering the heatmap and the report).
pub const DRY_THRESHOLD: f64 = 0.10;

/// Means across paths of one district in one year (yuan), and shares of
/// paths.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub paths: u32,
    pub collection_target: f64,
    /// Employer + employee + flexible workers' contributions.
    pub collection_actual: f64,
    pub spending_target: f64,
    /// Pooled outflow.
    pub spending_actual: f64,
    pub collection_retained: f64,
    pub savings_retained: f64,
    pub overspend_city: f64,
    pub shortfall_from_surplus: f64,
    pub overspend_from_surplus: f64,
    pub district_government: f64,
    pub district_surplus: f64,
    /// Share of paths in which the district government paid.
    pub p_government: f64,
    /// Share of paths in which the district's surplus was zero at year end.
    pub p_surplus_zero: f64,
}

impl Cell {
    fn scale(&mut self, k: f64) {
        for v in [
            &mut self.collection_target,
            &mut self.collection_actual,
            &mut self.spending_target,
            &mut self.spending_actual,
            &mut self.collection_retained,
            &mut self.savings_retained,
            &mut self.overspend_city,
            &mut self.shortfall_from_surplus,
            &mut self.overspend_from_surplus,
            &mut self.district_government,
            &mut self.district_surplus,
            &mut self.p_government,
            &mut self.p_surplus_zero,
        ] {
            *v *= k;
        }
    }

    /// What the districts' own surpluses paid (shortfalls and overspends).
    pub fn surplus_used(&self) -> f64 {
        self.shortfall_from_surplus + self.overspend_from_surplus
    }
}

/// One district's identity.
#[derive(Clone, Debug, PartialEq)]
pub struct District {
    pub name: String,
    /// ASCII label for charts.
    pub label: String,
    pub class: DistrictClass,
}

/// The settlement across paths, `cells[year][district]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Settlement {
    pub years: Vec<i32>,
    pub districts: Vec<District>,
    pub cells: Vec<Vec<Cell>>,
}

/// The district settlement, gathered row by row (in the run's row order,
/// so that the sums are the same however the rows arrive).
#[derive(Clone, Debug, Default)]
pub struct SettlementAcc {
    /// Some row has a collection target: the run settles districts.
    pub settles: bool,
    years: Vec<i32>,
    cells: Vec<Vec<Cell>>,
}

impl SettlementAcc {
    pub fn new(years: &[i32]) -> SettlementAcc {
        SettlementAcc { settles: false, years: years.to_vec(), cells: vec![Vec::new(); years.len()] }
    }

    pub fn add(&mut self, rows: &[LedgerRow]) {
        for r in rows {
            let Some(t) = self.years.iter().position(|&y| y == r.year) else { continue };
            let l = &r.ledger;
            self.settles |= l.collection_target != Money::ZERO;
            let d = usize::from(r.district);
            if self.cells[t].len() <= d {
                self.cells[t].resize(d + 1, Cell::default());
            }
            let c = &mut self.cells[t][d];
            let f = Money::as_yuan_f64;
            c.paths += 1;
            c.collection_target += f(l.collection_target);
            c.collection_actual += f(l.employer + l.employee + l.flexible_contributions);
            c.spending_target += f(l.spending_target);
            c.spending_actual += f(l.outflow());
            c.collection_retained += f(l.collection_retained);
            c.savings_retained += f(l.savings_retained);
            c.overspend_city += f(l.overspend_city);
            c.shortfall_from_surplus += f(l.shortfall_from_surplus);
            c.overspend_from_surplus += f(l.overspend_from_surplus);
            c.district_government += f(l.district_government);
            c.district_surplus += f(l.district_surplus);
            c.p_government += f64::from(u8::from(l.district_government > Money::ZERO));
            c.p_surplus_zero += f64::from(u8::from(l.district_surplus <= Money::ZERO));
        }
    }

    /// The settlement across paths, when the run settles districts.
    pub fn finish(self, info: &RunInfo) -> Option<Settlement> {
        if !self.settles {
            return None;
        }
        let n_d = self.cells.iter().map(Vec::len).max().unwrap_or(0).max(info.districts.len());
        let districts: Vec<District> = (0..n_d)
            .map(|d| {
                let name = info.districts.get(d).cloned().unwrap_or_else(|| format!("district {d}"));
                let label =
                    info.district_labels.get(d).filter(|l| !l.is_empty()).cloned().unwrap_or_else(|| name.clone());
                District { name, label, class: info.district_classes.get(d).copied().unwrap_or(DistrictClass::Other) }
            })
            .collect();
        let mut cells = self.cells;
        for row in &mut cells {
            row.resize(n_d, Cell::default());
            for c in row.iter_mut() {
                if c.paths > 0 {
                    c.scale(1.0 / f64::from(c.paths));
                }
            }
        }
        Some(Settlement { years: self.years, districts, cells })
    }
}

/// The settlement of a whole run's rows (None when it settles no districts).
#[cfg(test)]
pub fn settlement(run: &medfund_sim::montecarlo::RunResult) -> Option<Settlement> {
    let mut acc = SettlementAcc::new(&run.info.years);
    acc.add(&run.rows);
    acc.finish(&run.info)
}

/// City-wide totals of one year (sums over districts of the means).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearTotals {
    pub overspend_city: f64,
    pub surplus_used: f64,
    pub district_government: f64,
    pub retained: f64,
    pub district_surplus: f64,
}

impl Settlement {
    pub fn year_totals(&self, t: usize) -> YearTotals {
        let mut y = YearTotals::default();
        for c in &self.cells[t] {
            y.overspend_city += c.overspend_city;
            y.surplus_used += c.surplus_used();
            y.district_government += c.district_government;
            y.retained += c.collection_retained + c.savings_retained;
            y.district_surplus += c.district_surplus;
        }
        y
    }

    /// The first year index in which district `d`'s share of paths with a
    /// government payment exceeds `DRY_THRESHOLD`.
    pub fn first_dry(&self, d: usize) -> Option<usize> {
        self.cells.iter().position(|row| row[d].p_government > DRY_THRESHOLD)
    }

    /// Mean over years of district `d`'s share of paths with a government
    /// payment (the share of path-years).
    pub fn government_share(&self, d: usize) -> f64 {
        let n = self.cells.len();
        if n == 0 { 0.0 } else { self.cells.iter().map(|row| row[d].p_government).sum::<f64>() / n as f64 }
    }

    /// Districts ordered by when they run dry: the first year above the
    /// threshold (earliest first; never last), then the first year with any
    /// government payment, then by the share of path-years with one
    /// (highest first), then by index.
    pub fn dry_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.districts.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |d: usize| {
                let first_any = self.cells.iter().position(|row| row[d].p_government > 0.0);
                (self.first_dry(d).unwrap_or(usize::MAX), first_any.unwrap_or(usize::MAX))
            };
            key(a).cmp(&key(b)).then(self.government_share(b).total_cmp(&self.government_share(a))).then(a.cmp(&b))
        });
        order
    }
}

/// A one-letter tag of a class for charts.
pub fn class_letter(c: DistrictClass) -> &'static str {
    match c {
        DistrictClass::MainUrban => "M",
        DistrictClass::RegionalCenter => "R",
        DistrictClass::Other => "O",
    }
}
