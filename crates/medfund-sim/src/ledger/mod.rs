//! The fund ledger: one year of one district's pooled fund, in exact money.
//!
//! Income less outflow is the change in the balance to the fen
//! ([`LedgerYear::check`]); months of payment is the closing balance over a
//! month of that year's pooled spending (累计结余可支付月数).

use medfund_rules::money::Money;

/// One year of one district's pooled fund. Money in fen; counts at year end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerYear {
    // ---- members
    pub employees: u32,
    pub flexible: u32,
    pub retirees: u32,
    pub entrants: u32,
    pub exits: u32,
    pub deaths: u32,
    pub retirements: u32,
    /// Claims adjudicated this year (all types).
    pub claims: u64,
    /// Inpatient admissions this year.
    pub admissions: u64,
    /// Resident-scheme members at year end.
    pub residents: u32,
    // ---- income to the pooled fund
    /// Employers' contributions (maternity included).
    pub employer: Money,
    /// Employees' contributions.
    pub employee: Money,
    /// Flexible workers' contributions.
    pub flexible_contributions: Money,
    /// The part of contributions credited to personal accounts (deducted).
    pub to_personal_accounts: Money,
    /// Lump-sum payments of missing contribution months at retirement.
    pub lump_sums: Money,
    /// Per-head top-up fees (Dingxi 第四十四条).
    pub per_head_fees: Money,
    /// Interest on the opening balance.
    pub interest: Money,
    /// Fiscal subsidy covering a payment gap.
    pub fiscal_subsidy: Money,
    /// District governments' payments for collection shortfalls and their
    /// part of overspends (Chongqing 002 二（四）2, 二（五）).
    pub district_government: Money,
    // ---- income to a resident fund (居民医保)
    /// Residents' own contributions.
    pub individual: Money,
    /// Contribution help for subsidised groups paid by medical assistance
    /// and by the district's budget (Luzhou 001 第二十条).
    pub assistance: Money,
    pub district_help: Money,
    /// Fiscal subsidies: central and provincial, city, district (001
    /// 第十九条).
    pub subsidy_upper: Money,
    pub subsidy_city: Money,
    pub subsidy_district: Money,
    // ---- transfers within a resident fund (Chongqing's city adjustment
    // fund, 002 居民医保 六（四）): levies paid by a district are its
    // `adjustment_out` and the adjustment fund's `adjustment_in`; grants
    // the reverse. They net to zero over the city and are neither income
    // nor spending.
    pub adjustment_in: Money,
    pub adjustment_out: Money,
    // ---- outflow from the pooled fund
    pub inpatient: Money,
    pub outpatient: Money,
    pub special_outpatient: Money,
    pub single_payment_drugs: Money,
    pub maternity_medical: Money,
    pub maternity_allowance: Money,
    pub family_planning: Money,
    /// Retirees' personal-account crediting paid from the pooled fund.
    pub retiree_accounts: Money,
    /// Large-expense top-up.
    pub top_up: Money,
    // ---- a resident fund's per-head outflows (rules::per_head_outflow)
    /// The critical-illness insurance premium paid to the insurer for the
    /// insured residents (Luzhou 001 第六十五条).
    pub critical_illness_insurance: Money,
    /// The general consultation fee at primary facilities, a sum a head
    /// (Luzhou 001 第二十六条（一）).
    pub general_consultation: Money,
    // ---- balance
    pub balance_opening: Money,
    pub balance_closing: Money,
    // ---- district settlement (memo items: earmarks within the balance)
    pub collection_target: Money,
    pub spending_target: Money,
    pub collection_retained: Money,
    pub savings_retained: Money,
    /// The city's share of the district's overspend (borne by the pooled
    /// fund at large).
    pub overspend_city: Money,
    pub shortfall_from_surplus: Money,
    pub overspend_from_surplus: Money,
    /// The district's retained surplus at year end.
    pub district_surplus: Money,
    // ---- the top-up fund's own account, where it is kept apart (Dingxi
    // 003 第四十三条): memo items within the balance. Its flows are the
    // per-head fees in and the top-up paid out (columns above), its part
    // of the interest, and the transfer from the pooled fund's surplus;
    // `check` balances it to the fen too.
    pub top_up_fund_opening: Money,
    /// The part of `interest` earned by the top-up fund's balance.
    pub top_up_fund_interest: Money,
    /// The share of the pooled fund's current-year surplus transferred in
    /// (003 第四十三条（二）: 5%).
    pub top_up_fund_transfer: Money,
    pub top_up_fund_closing: Money,
    /// The year's contribution bases of contributing members (employees
    /// and flexible workers), summed over the year: what a contribution
    /// rate is a rate of (memo; for the general average premium).
    pub contribution_base: Money,
    /// What the scope rules left to the members on their claims, within
    /// their part of the bills (memo; `medfund_rules::adjudicate::ScopeMemo`):
    /// self-pay-first of class-B drugs, items and materials (先行自付),
    /// material prices above the ceiling, bed fees above the standard.
    pub self_pay_first: Money,
    pub material_excess: Money,
    pub bed_excess: Money,
    /// Where a sample of the members is simulated (`--sample`): the
    /// sampling variance of the year's net flow (income less outflow from
    /// the members), in units of [`NET_FLOW_VAR_UNIT`] yuan² (100 yuan
    /// squared), rounded (memo; 0 when everyone is simulated). In yuan² a
    /// national total overflowed i64 (9.2 × 10¹⁸ yuan², a standard error of
    /// 30亿); in these units a row holds up to 3 × 10¹¹ yuan (3,000亿).
    pub net_flow_var: i64,
}

/// The unit of [`LedgerYear::net_flow_var`], in yuan².
pub const NET_FLOW_VAR_UNIT: f64 = 1e4;

/// A money column of the ledger: (name, accessor).
pub type MoneyColumn = (&'static str, fn(&LedgerYear) -> Money);
/// A count column of the ledger: (name, accessor).
pub type CountColumn = (&'static str, fn(&LedgerYear) -> u64);

impl LedgerYear {
    /// Income columns, in output order.
    pub const INCOME: [MoneyColumn; 9] = [
        ("employer", |l| l.employer),
        ("employee", |l| l.employee),
        ("flexible_contributions", |l| l.flexible_contributions),
        ("to_personal_accounts", |l| -l.to_personal_accounts),
        ("lump_sums", |l| l.lump_sums),
        ("per_head_fees", |l| l.per_head_fees),
        ("interest", |l| l.interest),
        ("fiscal_subsidy", |l| l.fiscal_subsidy),
        ("district_government", |l| l.district_government),
    ];
    /// Outflow columns (by benefit type), in output order.
    pub const OUTFLOW: [MoneyColumn; 9] = [
        ("inpatient", |l| l.inpatient),
        ("outpatient", |l| l.outpatient),
        ("special_outpatient", |l| l.special_outpatient),
        ("single_payment_drugs", |l| l.single_payment_drugs),
        ("maternity_medical", |l| l.maternity_medical),
        ("maternity_allowance", |l| l.maternity_allowance),
        ("family_planning", |l| l.family_planning),
        ("retiree_accounts", |l| l.retiree_accounts),
        ("top_up", |l| l.top_up),
    ];
    /// A resident fund's outflow columns: the benefits, then the per-head
    /// outflows (`rules::per_head_outflow::NAMES`), in output order.
    pub const RESIDENT_OUTFLOW: [MoneyColumn; 11] = [
        Self::OUTFLOW[0],
        Self::OUTFLOW[1],
        Self::OUTFLOW[2],
        Self::OUTFLOW[3],
        Self::OUTFLOW[4],
        Self::OUTFLOW[5],
        Self::OUTFLOW[6],
        Self::OUTFLOW[7],
        Self::OUTFLOW[8],
        ("critical_illness_insurance", |l| l.critical_illness_insurance),
        ("general_consultation", |l| l.general_consultation),
    ];
    /// District-settlement columns (memo items, not flows), in output order.
    pub const SETTLEMENT: [MoneyColumn; 8] = [
        ("collection_target", |l| l.collection_target),
        ("spending_target", |l| l.spending_target),
        ("collection_retained", |l| l.collection_retained),
        ("savings_retained", |l| l.savings_retained),
        ("overspend_city", |l| l.overspend_city),
        ("shortfall_from_surplus", |l| l.shortfall_from_surplus),
        ("overspend_from_surplus", |l| l.overspend_from_surplus),
        ("district_surplus", |l| l.district_surplus),
    ];
    /// The top-up fund's account (memo items), in output order.
    pub const TOP_UP_FUND: [MoneyColumn; 4] = [
        ("top_up_fund_opening", |l| l.top_up_fund_opening),
        ("top_up_fund_interest", |l| l.top_up_fund_interest),
        ("top_up_fund_transfer", |l| l.top_up_fund_transfer),
        ("top_up_fund_closing", |l| l.top_up_fund_closing),
    ];
    /// The employee fund's memo columns: the district settlement, then the
    /// contribution base, the scope memo, then the top-up fund's account.
    pub const EMPLOYEE_MEMO: [MoneyColumn; 16] = [
        Self::SETTLEMENT[0],
        Self::SETTLEMENT[1],
        Self::SETTLEMENT[2],
        Self::SETTLEMENT[3],
        Self::SETTLEMENT[4],
        Self::SETTLEMENT[5],
        Self::SETTLEMENT[6],
        Self::SETTLEMENT[7],
        ("contribution_base", |l| l.contribution_base),
        ("self_pay_first", |l| l.self_pay_first),
        ("material_excess", |l| l.material_excess),
        ("bed_excess", |l| l.bed_excess),
        Self::TOP_UP_FUND[0],
        Self::TOP_UP_FUND[1],
        Self::TOP_UP_FUND[2],
        Self::TOP_UP_FUND[3],
    ];
    /// A resident fund's income columns, in output order.
    pub const RESIDENT_INCOME: [MoneyColumn; 9] = [
        ("individual", |l| l.individual),
        ("assistance", |l| l.assistance),
        ("district_help", |l| l.district_help),
        ("subsidy_upper", |l| l.subsidy_upper),
        ("subsidy_city", |l| l.subsidy_city),
        ("subsidy_district", |l| l.subsidy_district),
        ("interest", |l| l.interest),
        ("fiscal_subsidy", |l| l.fiscal_subsidy),
        ("district_government", |l| l.district_government),
    ];
    /// A resident fund's transfer columns (adjustment fund), in output
    /// order, signed as they change the balance.
    pub const TRANSFERS: [MoneyColumn; 2] =
        [("adjustment_in", |l| l.adjustment_in), ("adjustment_out", |l| -l.adjustment_out)];
    /// A resident fund's count columns, in output order.
    pub const RESIDENT_COUNTS: [CountColumn; 6] = [
        ("residents", |l| u64::from(l.residents)),
        ("entrants", |l| u64::from(l.entrants)),
        ("exits", |l| u64::from(l.exits)),
        ("deaths", |l| u64::from(l.deaths)),
        ("claims", |l| l.claims),
        ("admissions", |l| l.admissions),
    ];
    /// Count columns, in output order.
    pub const COUNTS: [CountColumn; 9] = [
        ("employees", |l| u64::from(l.employees)),
        ("flexible", |l| u64::from(l.flexible)),
        ("retirees", |l| u64::from(l.retirees)),
        ("entrants", |l| u64::from(l.entrants)),
        ("exits", |l| u64::from(l.exits)),
        ("deaths", |l| u64::from(l.deaths)),
        ("retirements", |l| u64::from(l.retirements)),
        ("claims", |l| l.claims),
        ("admissions", |l| l.admissions),
    ];

    /// Income to the pooled fund (personal-account credits deducted), of
    /// either scheme (the other scheme's columns are zero).
    pub fn income(&self) -> Money {
        Self::INCOME.iter().map(|(_, f)| f(self)).sum::<Money>() + self.financing()
    }

    /// A resident fund's financing of the year: residents' own
    /// contributions, the help paid for subsidised groups and the fiscal
    /// subsidies (zero in an employee ledger).
    pub fn financing(&self) -> Money {
        self.individual
            + self.assistance
            + self.district_help
            + self.subsidy_upper
            + self.subsidy_city
            + self.subsidy_district
    }

    /// Scale what the simulated members paid and cost, and their counts,
    /// by `w`, the people each stands for (`--sample`): contributions,
    /// benefits, personal-account credits, claims and member counts; not
    /// the balance, interest or what is settled after the members' year.
    pub fn scale_members(&mut self, w: u32) {
        if w == 1 {
            return;
        }
        let m = |x: &mut Money| *x = Money(x.0 * i64::from(w));
        for x in [
            &mut self.employer,
            &mut self.employee,
            &mut self.flexible_contributions,
            &mut self.to_personal_accounts,
            &mut self.per_head_fees,
            &mut self.individual,
            &mut self.assistance,
            &mut self.district_help,
            &mut self.subsidy_upper,
            &mut self.subsidy_city,
            &mut self.subsidy_district,
            &mut self.inpatient,
            &mut self.outpatient,
            &mut self.special_outpatient,
            &mut self.single_payment_drugs,
            &mut self.maternity_medical,
            &mut self.maternity_allowance,
            &mut self.family_planning,
            &mut self.retiree_accounts,
            &mut self.top_up,
            &mut self.critical_illness_insurance,
            &mut self.general_consultation,
            &mut self.contribution_base,
            &mut self.self_pay_first,
            &mut self.material_excess,
            &mut self.bed_excess,
        ] {
            m(x);
        }
        self.claims *= u64::from(w);
        self.admissions *= u64::from(w);
    }

    /// Book what the fund paid on one claim under its benefit type.
    pub fn record(&mut self, claim: &medfund_rules::member_year::Claim, pay: &medfund_rules::member_year::Payment) {
        use medfund_rules::member_year::Claim;
        match claim {
            Claim::Inpatient(_) => {
                self.inpatient += pay.fund;
                self.top_up += pay.catastrophic;
            }
            Claim::Outpatient(_) => self.outpatient += pay.fund,
            Claim::SpecialOutpatient(_) => {
                self.special_outpatient += pay.fund;
                self.top_up += pay.catastrophic;
            }
            Claim::SinglePaymentDrug(_) => {
                self.single_payment_drugs += pay.fund;
                // Dingxi's top-up on negotiated drugs (003 第四十五条（三）).
                self.top_up += pay.catastrophic;
            }
            Claim::Childbirth(_) | Claim::PregnancyTermination(_) => {
                self.maternity_medical += pay.fund;
                self.maternity_allowance += pay.allowance;
                self.top_up += pay.catastrophic;
            }
            Claim::FamilyPlanning(_) => self.family_planning += pay.fund,
        }
    }

    /// Book what the scope rules left to the member on one claim (memo).
    pub fn record_scope(&mut self, m: &medfund_rules::adjudicate::ScopeMemo) {
        self.self_pay_first += m.self_pay_first;
        self.material_excess += m.material_excess;
        self.bed_excess += m.bed_excess;
    }

    /// Transfers in less transfers out (the adjustment fund's levies and
    /// grants; zero over a whole city).
    pub fn transfers(&self) -> Money {
        self.adjustment_in - self.adjustment_out
    }

    /// Outflow from the pooled fund (either scheme's: the other's columns
    /// are zero).
    pub fn outflow(&self) -> Money {
        Self::RESIDENT_OUTFLOW.iter().map(|(_, f)| f(self)).sum()
    }

    /// Closing balance ÷ (the year's outflow ÷ 12), in months; `None` when
    /// nothing was spent.
    pub fn months_of_payment(&self) -> Option<f64> {
        let out = self.outflow();
        (out.0 > 0).then(|| self.balance_closing.0 as f64 / (out.0 as f64 / 12.0))
    }

    /// Whether the row keeps the top-up fund's account (any of its memo
    /// items is non-zero).
    pub fn keeps_top_up_fund(&self) -> bool {
        Self::TOP_UP_FUND.iter().any(|(_, f)| f(self) != Money::ZERO)
    }

    /// The top-up fund's account: opening + per-head fees + its interest +
    /// the transfer − the top-up paid = closing, to the fen.
    pub fn check_top_up_fund(&self) -> Result<(), String> {
        let expect =
            self.top_up_fund_opening + self.per_head_fees + self.top_up_fund_interest + self.top_up_fund_transfer
                - self.top_up;
        if expect == self.top_up_fund_closing {
            Ok(())
        } else {
            Err(format!(
                "the top-up fund does not balance: opening {} + fees {} + interest {} + transfer {} − top-up {} = {expect}, closing {}",
                self.top_up_fund_opening,
                self.per_head_fees,
                self.top_up_fund_interest,
                self.top_up_fund_transfer,
                self.top_up,
                self.top_up_fund_closing
            ))
        }
    }

    /// Conservation: opening + income − outflow + transfers = closing, to
    /// the fen; and, where the row keeps the top-up fund's account, that
    /// account too ([`LedgerYear::check_top_up_fund`]).
    pub fn check(&self) -> Result<(), String> {
        let expect = self.balance_opening + self.income() - self.outflow() + self.transfers();
        if expect == self.balance_closing {
            if self.keeps_top_up_fund() { self.check_top_up_fund() } else { Ok(()) }
        } else {
            Err(format!(
                "ledger does not balance: opening {} + income {} − outflow {} + transfers {} = {expect}, closing {}",
                self.balance_opening,
                self.income(),
                self.outflow(),
                self.transfers(),
                self.balance_closing
            ))
        }
    }

    /// Add another district's or chunk's flows and counts (balances too).
    /// A count beyond its type is an error (a panic), never a wrap.
    pub fn add(&mut self, o: &LedgerYear) {
        macro_rules! sum {
            ($($count:ident),*) => {
                $(self.$count = self.$count.checked_add(o.$count).expect("a ledger count overflowed its type");)*
            };
        }
        sum!(employees, flexible, retirees, entrants, exits, deaths, retirements, claims, admissions, residents);
        self.add_money(o);
    }

    /// Add another row's money (flows, balances and memo items), not its
    /// counts: what sums over paths take, since a national run's member
    /// counts summed over a thousand paths would pass `u32`.
    pub fn add_money(&mut self, o: &LedgerYear) {
        self.individual += o.individual;
        self.assistance += o.assistance;
        self.district_help += o.district_help;
        self.subsidy_upper += o.subsidy_upper;
        self.subsidy_city += o.subsidy_city;
        self.subsidy_district += o.subsidy_district;
        self.adjustment_in += o.adjustment_in;
        self.adjustment_out += o.adjustment_out;
        self.employer += o.employer;
        self.employee += o.employee;
        self.flexible_contributions += o.flexible_contributions;
        self.to_personal_accounts += o.to_personal_accounts;
        self.lump_sums += o.lump_sums;
        self.per_head_fees += o.per_head_fees;
        self.interest += o.interest;
        self.fiscal_subsidy += o.fiscal_subsidy;
        self.district_government += o.district_government;
        self.collection_target += o.collection_target;
        self.spending_target += o.spending_target;
        self.collection_retained += o.collection_retained;
        self.savings_retained += o.savings_retained;
        self.overspend_city += o.overspend_city;
        self.shortfall_from_surplus += o.shortfall_from_surplus;
        self.overspend_from_surplus += o.overspend_from_surplus;
        self.district_surplus += o.district_surplus;
        self.self_pay_first += o.self_pay_first;
        self.material_excess += o.material_excess;
        self.bed_excess += o.bed_excess;
        self.contribution_base += o.contribution_base;
        self.top_up_fund_opening += o.top_up_fund_opening;
        self.top_up_fund_interest += o.top_up_fund_interest;
        self.top_up_fund_transfer += o.top_up_fund_transfer;
        self.top_up_fund_closing += o.top_up_fund_closing;
        // Saturating: a row's variance is already capped at i64::MAX yuan²
        // (about 30亿 of standard error) by `total_variance`, which a
        // national total with a one-in-1,000 sample reaches
        // (scenarios/national.toml); the sum must not then overflow.
        self.net_flow_var = self.net_flow_var.saturating_add(o.net_flow_var);
        self.inpatient += o.inpatient;
        self.outpatient += o.outpatient;
        self.special_outpatient += o.special_outpatient;
        self.single_payment_drugs += o.single_payment_drugs;
        self.maternity_medical += o.maternity_medical;
        self.maternity_allowance += o.maternity_allowance;
        self.family_planning += o.family_planning;
        self.retiree_accounts += o.retiree_accounts;
        self.top_up += o.top_up;
        self.critical_illness_insurance += o.critical_illness_insurance;
        self.general_consultation += o.general_consultation;
        self.balance_opening += o.balance_opening;
        self.balance_closing += o.balance_closing;
    }
}

/// Which fund a ledger is of: it picks the columns that mean something.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Fund {
    /// The employee pooled fund (职工医保统筹基金).
    #[default]
    Employee,
    /// The resident fund (居民医保基金), accounted apart (分账核算).
    Resident,
}

impl Fund {
    pub fn as_str(self) -> &'static str {
        match self {
            Fund::Employee => "employee",
            Fund::Resident => "resident",
        }
    }
    pub fn counts(self) -> &'static [CountColumn] {
        match self {
            Fund::Employee => &LedgerYear::COUNTS,
            Fund::Resident => &LedgerYear::RESIDENT_COUNTS,
        }
    }
    pub fn income(self) -> &'static [MoneyColumn] {
        match self {
            Fund::Employee => &LedgerYear::INCOME,
            Fund::Resident => &LedgerYear::RESIDENT_INCOME,
        }
    }
    pub fn outflow(self) -> &'static [MoneyColumn] {
        match self {
            Fund::Employee => &LedgerYear::OUTFLOW,
            Fund::Resident => &LedgerYear::RESIDENT_OUTFLOW,
        }
    }
    /// Memo or transfer columns after the balance: the district settlement
    /// (employee), the adjustment fund's transfers (resident).
    pub fn memo(self) -> &'static [MoneyColumn] {
        match self {
            Fund::Employee => &LedgerYear::EMPLOYEE_MEMO,
            Fund::Resident => &LedgerYear::TRANSFERS,
        }
    }
}

/// One row of a run's ledger: a path, a year and a district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerRow {
    pub path: u32,
    pub year: i32,
    /// Index into the run's district names.
    pub district: u16,
    pub ledger: LedgerYear,
}

/// Running moments of the members' net flows in one district-year, for the
/// sampling error of `--sample` (exact integer sums: the same in any order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SampleMoments {
    pub n: u64,
    pub sum: i128,
    pub sumsq: u128,
}

impl SampleMoments {
    /// One member's net flow (income less outflow), fen.
    #[inline]
    pub fn add(&mut self, net: Money) {
        self.n += 1;
        self.sum += i128::from(net.0);
        self.sumsq += (i128::from(net.0) * i128::from(net.0)) as u128;
    }

    /// `extra` more for one member already added (a lump sum at the
    /// year-end): the member's own net is not kept, so the cross term takes
    /// the mean's place, `(x + e)² − x² ≈ e² + 2·e·mean`.
    pub fn add_to_one(&mut self, extra: Money) {
        let e = i128::from(extra.0);
        let mean = if self.n > 0 { self.sum / i128::from(self.n) } else { 0 };
        self.sum += e;
        self.sumsq = (self.sumsq as i128 + e * e + 2 * e * mean).max(0) as u128;
    }

    /// The sampling variance, in [`NET_FLOW_VAR_UNIT`] (10⁴ yuan²), of the
    /// total net flow estimated as `w`
    /// × the sample's (a simple random sample of one in `w`, with the
    /// finite-population correction): w² · n · s² · (1 − 1/w).
    pub fn total_variance(&self, w: u32) -> i64 {
        if w <= 1 || self.n < 2 {
            return 0;
        }
        let n = self.n as f64;
        let mean = self.sum as f64 / n;
        let s2 = ((self.sumsq as f64 - mean * self.sum as f64) / (n - 1.0)).max(0.0);
        let w = f64::from(w);
        // s² is in fen²: 10⁴ fen² a yuan², then the unit.
        (w * w * n * s2 * (1.0 - 1.0 / w) / 1e4 / NET_FLOW_VAR_UNIT).round() as i64
    }
}

#[cfg(test)]
mod sample_tests {
    use super::*;

    #[test]
    fn sampling_variance_by_hand() {
        // Nets 100, 200, 300 yuan: mean 200, s² = (100² + 0 + 100²) / 2 =
        // 10,000 yuan². One in 10: 10² × 3 × 10,000 × 0.9 = 2,700,000 yuan²,
        // 270 in units of 10⁴ yuan².
        let mut m = SampleMoments::default();
        for y in [100, 200, 300] {
            m.add(Money::yuan(y));
        }
        assert_eq!(m.total_variance(10), 270);
        assert_eq!(m.total_variance(1), 0);
    }
}
