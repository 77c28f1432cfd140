//! The city adjustment fund (Chongqing residents): what it moved between
//! districts, gathered row by row as exact sums over paths per year and row.
//! Used by `adjustment.csv` and the resident fund's `report.md`.

use medfund_rules::money::Money;
use medfund_sim::ledger::LedgerRow;
use medfund_sim::montecarlo::{ADJUSTMENT_FUND_ROW, RunInfo};

/// What the city adjustment fund moved, gathered row by row: exact sums
/// over paths per year and row (`resident/report.md`, `adjustment.csv`).
#[derive(Clone, Debug, Default)]
pub struct AdjustmentAcc {
    /// The adjustment fund's row index, where the run has one.
    pub fund_row: Option<usize>,
    /// Per year and row (districts, then the fund): exact sums over paths.
    pub cells: Vec<Vec<AdjustmentCell>>,
    years: Vec<i32>,
}

/// One district's (or the fund's) year, summed over paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdjustmentCell {
    pub paths: u32,
    pub financing: Money,
    pub spending: Money,
    /// Paid into the fund (a district's levy; the fund's levies received).
    pub paid_in: Money,
    /// Paid out of the fund (a grant received; the fund's grants paid).
    pub paid_out: Money,
    pub district_government: Money,
    pub balance_closing: Money,
    pub with_grant: u32,
    pub with_government: u32,
}

impl AdjustmentAcc {
    pub fn new(info: &RunInfo) -> AdjustmentAcc {
        let fund_row = info.districts.iter().position(|d| d == ADJUSTMENT_FUND_ROW);
        AdjustmentAcc {
            fund_row,
            cells: vec![vec![AdjustmentCell::default(); fund_row.map_or(0, |f| f + 1)]; info.years.len()],
            years: info.years.clone(),
        }
    }

    pub fn add(&mut self, rows: &[LedgerRow]) {
        let Some(fund_row) = self.fund_row else { return };
        for r in rows {
            let Some(t) = self.years.iter().position(|&y| y == r.year) else { continue };
            let Some(c) = self.cells[t].get_mut(usize::from(r.district)) else { continue };
            let l = &r.ledger;
            let fund = usize::from(r.district) == fund_row;
            c.paths += 1;
            c.financing += l.financing();
            c.spending += l.outflow();
            c.paid_in += if fund { l.adjustment_in } else { l.adjustment_out };
            c.paid_out += if fund { l.adjustment_out } else { l.adjustment_in };
            c.district_government += l.district_government;
            c.balance_closing += l.balance_closing;
            c.with_grant += u32::from(!fund && l.adjustment_in > Money::ZERO);
            c.with_government += u32::from(l.district_government > Money::ZERO);
        }
    }

    /// The fund's own cells, year by year.
    fn fund_cells(&self) -> impl Iterator<Item = &AdjustmentCell> {
        self.cells.iter().filter_map(|row| self.fund_row.and_then(|f| row.get(f)))
    }

    /// Over all years and paths: levies the fund received, grants it paid,
    /// district governments' payments; and the fund's closing balance in
    /// the last year summed over paths.
    pub fn totals(&self) -> (Money, Money, Money, Money) {
        let levies = self.fund_cells().map(|c| c.paid_in).sum();
        let grants = self.fund_cells().map(|c| c.paid_out).sum();
        let gov = self.cells.iter().flatten().map(|c| c.district_government).sum();
        let end = self.fund_cells().last().map_or(Money::ZERO, |c| c.balance_closing);
        (levies, grants, gov, end)
    }

    /// Per district: path-years with a grant.
    pub fn granted(&self) -> Vec<u32> {
        let n = self.fund_row.unwrap_or(0);
        (0..n).map(|d| self.cells.iter().map(|row| row[d].with_grant).sum()).collect()
    }
}
