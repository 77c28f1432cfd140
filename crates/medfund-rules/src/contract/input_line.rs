//! Writing a member-year as one input line of `medfund adjudicate`
//! (`spec/adjudication.md`, "Input: a member-year"): the inverse of
//! [`super::adjudication::parse_member_year`], so that member-years made
//! elsewhere (the Monte Carlo engine's, `medfund simulate --claims-out`) can
//! be settled again by the contract and checked.
//!
//! Every field the contract knows is written, in the contract's order, with
//! `null` where a member field is absent; a claim's optional `bed`,
//! `transfer` and the other optional fields (README, "Optional input
//! fields") are left out when absent, and so are the `context` fields (the
//! scenario's own value for the year is then used). Money is a JSON number
//! of yuan with exactly two decimals (`30000.00`), as the output lines are.

use crate::member_year::*;
use crate::money::Money;

use super::fields::push_json_str;

fn account(a: Account) -> &'static str {
    match a {
        Account::Combined => "combined",
        Account::PoolingOnly => "pooling_only",
    }
}

fn sex(s: Sex) -> &'static str {
    match s {
        Sex::M => "M",
        Sex::F => "F",
    }
}

fn employer(e: Employer) -> &'static str {
    match e {
        Employer::Enterprise => "enterprise",
        Employer::Fiscal => "fiscal",
    }
}

fn delivery(d: Delivery) -> &'static str {
    match d {
        Delivery::Natural => "natural",
        Delivery::Difficult => "difficult",
        Delivery::Caesarean => "caesarean",
    }
}

fn transfer(t: Transfer) -> &'static str {
    match t {
        Transfer::Up => "up",
        Transfer::Down => "down",
    }
}

/// A JSON object written key by key.
struct Writer<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Writer<'a> {
    fn open(out: &'a mut String) -> Writer<'a> {
        out.push('{');
        Writer { out, first: true }
    }
    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        push_json_str(self.out, k);
        self.out.push_str(": ");
        self.out
    }
    fn str(&mut self, k: &str, v: &str) {
        push_json_str(self.key(k), v);
    }
    fn raw(&mut self, k: &str, v: impl std::fmt::Display) {
        let o = self.key(k);
        o.push_str(&v.to_string());
    }
    /// Money as a JSON number of yuan with two decimals.
    fn money(&mut self, k: &str, m: Money) {
        self.raw(k, m);
    }
    fn opt(&mut self, k: &str, v: Option<impl std::fmt::Display>) {
        match v {
            Some(v) => self.raw(k, v),
            None => self.raw(k, "null"),
        }
    }
    fn list<T>(&mut self, k: &str, xs: &[T], f: impl Fn(&T) -> String) {
        let o = self.key(k);
        o.push('[');
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            o.push_str(&f(x));
        }
        o.push(']');
    }
    fn close(self) {
        self.out.push('}');
    }
}

fn push_claim(out: &mut String, c: &Claim) {
    let mut w = Writer::open(out);
    w.str("type", c.kind().as_str());
    match c {
        Claim::Inpatient(x) => {
            w.str("level", x.level.as_str());
            w.str("place", x.place.as_str());
            w.money("total", x.total);
            w.money("out_of_scope", x.out_of_scope);
            w.money("class_b_drugs", x.class_b_drugs);
            w.list("partial_items", &x.partial_items, Money::to_string);
            w.list("materials", &x.materials, Money::to_string);
            if let Some(b) = x.bed {
                let o = w.key("bed");
                let mut bw = Writer::open(o);
                bw.raw("days", b.days);
                bw.money("per_day", b.per_day);
                bw.str("kind", if b.isolation { "isolation" } else { "general" });
                bw.close();
            }
            if let Some(t) = x.transfer {
                w.str("transfer", transfer(t));
            }
            if x.terms != Terms::Admission {
                w.str("terms", x.terms.as_str());
            }
        }
        Claim::Outpatient(x) => {
            w.str("level", x.level.as_str());
            w.money("total", x.total);
            w.money("out_of_scope", x.out_of_scope);
            w.money("class_b_drugs", x.class_b_drugs);
        }
        Claim::SpecialOutpatient(x) => {
            w.str("level", x.level.as_str());
            w.opt("disease", x.disease);
            w.money("total", x.total);
            w.money("out_of_scope", x.out_of_scope);
            w.money("class_b_drugs", x.class_b_drugs);
        }
        Claim::SinglePaymentDrug(x) => {
            w.money("total", x.total);
            w.money("out_of_scope", x.out_of_scope);
        }
        Claim::Childbirth(x) => {
            w.str("delivery", delivery(x.delivery));
            w.raw("babies", x.babies);
            w.str("level", x.level.as_str());
            w.money("medical_cost", x.medical_cost);
            w.money("prenatal_cost", x.prenatal_cost);
            if let Some(p) = x.with_procedure {
                w.str("with_procedure", p.as_str());
            }
            if x.spouse_reimbursed_elsewhere {
                w.raw("spouse_reimbursed_elsewhere", true);
            }
        }
        Claim::PregnancyTermination(x) => {
            w.raw("months", x.months);
            w.str("level", x.level.as_str());
            w.money("medical_cost", x.medical_cost);
            if x.stillbirth {
                w.raw("stillbirth", true);
            }
        }
        Claim::FamilyPlanning(x) => {
            w.str("procedure", x.procedure.as_str());
            w.raw("inpatient", x.inpatient);
            w.money("cost", x.cost);
            if let Some(p) = x.also {
                w.str("also", p.as_str());
            }
            if x.complication {
                w.raw("complication", true);
            }
            if x.incomplete_curettage {
                w.raw("incomplete_curettage", true);
            }
        }
    }
    w.close();
}

/// `my` as one input line of `medfund adjudicate` (no line ending), with
/// `id` as its `id`. [`super::adjudication::parse_member_year`] reads it
/// back as `my`.
///
/// ```
/// use medfund_rules::contract::adjudication::parse_member_year;
/// use medfund_rules::contract::input_line::format_member_year;
/// use medfund_rules::member_year::*;
/// use medfund_rules::money::Money;
///
/// let my = MemberYear {
///     year: 2023,
///     context: Context { avg_wage: Some(Money::yuan(80_000)), employer_avg_monthly_wage: None },
///     member: Member::default(),
///     claims: vec![Claim::SinglePaymentDrug(SinglePaymentDrug {
///         total: Money(123_456),
///         out_of_scope: Money::ZERO,
///     })],
/// };
/// let line = format_member_year("employee/p0/d0/m1", &my);
/// assert!(line.contains(r#""claims": [{"type": "single_payment_drug", "total": 1234.56, "out_of_scope": 0.00}]"#));
/// let (id, back) = parse_member_year(&line).unwrap();
/// assert_eq!(id, "employee/p0/d0/m1");
/// assert_eq!(back, my);
/// ```
pub fn format_member_year(id: &str, my: &MemberYear) -> String {
    let mut s = String::with_capacity(384 + my.claims.len() * 160);
    let mut w = Writer::open(&mut s);
    w.str("id", id);
    w.raw("year", my.year);
    {
        let o = w.key("context");
        let mut c = Writer::open(o);
        if let Some(a) = my.context.avg_wage {
            c.money("avg_wage", a);
        }
        if let Some(a) = my.context.employer_avg_monthly_wage {
            c.money("employer_avg_monthly_wage", a);
        }
        c.close();
    }
    {
        let m = &my.member;
        let o = w.key("member");
        let mut mw = Writer::open(o);
        mw.str("category", m.category.as_str());
        mw.str("account", account(m.account));
        mw.str("sex", sex(m.sex));
        mw.raw("age", m.age);
        mw.str("employer", employer(m.employer));
        mw.opt("special_disease_class", m.special_disease_class);
        mw.raw("special_disease_count", m.special_disease_count);
        mw.list("chronic", &m.chronic, u8::to_string);
        mw.raw("months_contributed", m.months_contributed);
        mw.opt("resident_tier", m.resident_tier);
        mw.close();
    }
    {
        let o = w.key("claims");
        o.push('[');
        for (i, c) in my.claims.iter().enumerate() {
            if i > 0 {
                o.push_str(", ");
            }
            push_claim(o, c);
        }
        o.push(']');
    }
    w.close();
    s
}
