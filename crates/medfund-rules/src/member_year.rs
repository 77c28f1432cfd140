//! The values the benefit rules take: a member, their claims of one calendar
//! year, and the context (average wages) of that year.
//!
//! These are the compact forms used both by `medfund adjudicate` (parsed from
//! the JSON of `spec/adjudication.md` in [`crate::contract`]) and by the Monte
//! Carlo engine, which builds them directly. Levels and places are small
//! enums, money is [`Money`] in fen.

use crate::money::Money;

/// Hospital level (医疗机构等级) as in the contract. Outpatient claims may also
/// be at a pharmacy (定点零售药店).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// 一级以下 / 无等级
    Unrated,
    /// 一级
    L1,
    /// 二级乙等
    L2B,
    /// 二级甲等
    L2A,
    /// 三级乙等
    L3B,
    /// 三级甲等
    L3A,
    /// 定点零售药店 (outpatient only)
    Pharmacy,
}

impl Level {
    /// The six hospital levels, in order (no pharmacy).
    pub const HOSPITAL: [Level; 6] = [Level::Unrated, Level::L1, Level::L2B, Level::L2A, Level::L3B, Level::L3A];

    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Unrated => "unrated",
            Level::L1 => "1",
            Level::L2B => "2B",
            Level::L2A => "2A",
            Level::L3B => "3B",
            Level::L3A => "3A",
            Level::Pharmacy => "pharmacy",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "unrated" => Level::Unrated,
            "1" => Level::L1,
            "2B" => Level::L2B,
            "2A" => Level::L2A,
            "3B" => Level::L3B,
            "3A" => Level::L3A,
            "pharmacy" => Level::Pharmacy,
            _ => return None,
        })
    }

    /// Index into a 7-slot level table (six hospital levels, then pharmacy).
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Where the care was given, relative to the pooling city (contract `place`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Local,
    NonlocalFiled,
    NonlocalReferral,
    NonlocalEmergency,
    NonlocalSelf,
    NonlocalSelfCrossProvince,
}

impl Place {
    pub const ALL: [Place; 6] = [
        Place::Local,
        Place::NonlocalFiled,
        Place::NonlocalReferral,
        Place::NonlocalEmergency,
        Place::NonlocalSelf,
        Place::NonlocalSelfCrossProvince,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Place::Local => "local",
            Place::NonlocalFiled => "nonlocal_filed",
            Place::NonlocalReferral => "nonlocal_referral",
            Place::NonlocalEmergency => "nonlocal_emergency",
            Place::NonlocalSelf => "nonlocal_self",
            Place::NonlocalSelfCrossProvince => "nonlocal_self_cross_province",
        }
    }

    pub fn parse(s: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|p| p.as_str() == s)
    }

    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Member category (contract `category`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// 在职职工, also the unemployed on benefit.
    Employee,
    /// 退休人员
    Retiree,
    /// 灵活就业人员
    Flexible,
    /// 城乡居民医保参保人员
    Resident,
}

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "employee" => Category::Employee,
            "retiree" => Category::Retiree,
            "flexible" => Category::Flexible,
            "resident" => Category::Resident,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Employee => "employee",
            Category::Retiree => "retiree",
            Category::Flexible => "flexible",
            Category::Resident => "resident",
        }
    }
    /// Retirees take the retiree columns and modifiers; everyone else
    /// (employees, flexible workers, residents) the in-service ones.
    #[inline]
    pub fn is_retiree(self) -> bool {
        matches!(self, Category::Retiree)
    }
}

/// 统账结合 or 单建统筹.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Account {
    #[default]
    Combined,
    PoolingOnly,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    M,
    F,
}

/// Employer type: `Fiscal` units (财政供养/财政拨款) get no maternity allowance.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Employer {
    #[default]
    Enterprise,
    Fiscal,
}

/// One member on the date of their claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub category: Category,
    pub account: Account,
    pub sex: Sex,
    pub age: u32,
    pub employer: Employer,
    /// Ziyang 门诊特殊疾病 class (1, 2 or 3).
    pub special_disease_class: Option<u8>,
    /// Number of class 2/3 special diseases under outpatient management.
    pub special_disease_count: u32,
    /// Dingxi 门诊慢特病 disease numbers (1..=36).
    pub chronic: Vec<u8>,
    /// Continuous full contribution months before the event.
    pub months_contributed: u32,
    /// Chongqing resident tier (1 or 2).
    pub resident_tier: Option<u8>,
}

impl Default for Member {
    fn default() -> Self {
        Member {
            category: Category::Employee,
            account: Account::Combined,
            sex: Sex::F,
            age: 40,
            employer: Employer::Enterprise,
            special_disease_class: None,
            special_disease_count: 1,
            chronic: Vec::new(),
            months_contributed: 120,
            resident_tier: None,
        }
    }
}

/// Hospital bed line of an admission.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Bed {
    pub days: u32,
    pub per_day: Money,
    pub isolation: bool,
}

/// A referral completed within 24 hours from the previous admission.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Transfer {
    Up,
    Down,
}

/// The terms a claim of the `inpatient` type is settled on (contract
/// `terms`, optional; absent: an admission).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Terms {
    /// A hospital admission.
    #[default]
    Admission,
    /// The emergency-care bill of a patient who died during it, settled as
    /// an admission (Ziyang 000 第十八条（三）; Dingxi 003 第二十五条, no
    /// deductible).
    EmergencyDeath,
    /// A high-value drug of the national catalogue used outside hospital:
    /// inpatient terms, no deductible, a pharmacy on level-3 terms (Ziyang
    /// 000 第二十条（二）).
    HighValueDrug,
    /// The admission of the member's newborn who died within 3 months
    /// before enrolling, on the mother's cover (Dingxi 003 第三十七条).
    Newborn,
}

impl Terms {
    pub const ALL: [Terms; 4] = [Terms::Admission, Terms::EmergencyDeath, Terms::HighValueDrug, Terms::Newborn];
    /// The contract's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Terms::Admission => "admission",
            Terms::EmergencyDeath => "emergency_death",
            Terms::HighValueDrug => "high_value_drug",
            Terms::Newborn => "newborn",
        }
    }
    pub fn parse(s: &str) -> Option<Terms> {
        Terms::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Inpatient {
    pub level: Level,
    pub place: Place,
    pub total: Money,
    pub out_of_scope: Money,
    pub class_b_drugs: Money,
    /// Unit prices of items paid in part (支付部分费用的诊疗项目).
    pub partial_items: Vec<Money>,
    /// Unit prices of medical materials (医用材料).
    pub materials: Vec<Money>,
    pub bed: Option<Bed>,
    pub transfer: Option<Transfer>,
    /// The terms it is settled on (contract `terms`).
    pub terms: Terms,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outpatient {
    pub level: Level,
    pub total: Money,
    pub out_of_scope: Money,
    pub class_b_drugs: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SpecialOutpatient {
    pub level: Level,
    pub disease: Option<u8>,
    pub total: Money,
    pub out_of_scope: Money,
    pub class_b_drugs: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SinglePaymentDrug {
    pub total: Money,
    pub out_of_scope: Money,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Natural,
    Difficult,
    Caesarean,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Childbirth {
    pub delivery: Delivery,
    pub babies: u32,
    pub level: Level,
    pub medical_cost: Money,
    pub prenatal_cost: Money,
    /// A family-planning procedure done at the same time (contract
    /// `with_procedure`; Luzhou 001 第三十二条（三）), its cost in
    /// `medical_cost`.
    pub with_procedure: Option<Procedure>,
    /// A male member's spouse whose childbirth was already reimbursed by an
    /// employee or resident scheme (contract `spouse_reimbursed_elsewhere`;
    /// Luzhou 001 第三十八条).
    pub spouse_reimbursed_elsewhere: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PregnancyTermination {
    /// Completed months of pregnancy.
    pub months: u32,
    pub level: Level,
    pub medical_cost: Money,
    /// A stillbirth (死胎, contract `stillbirth`; Ziyang 000 第二十四条（二）).
    pub stillbirth: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Procedure {
    IudInsert,
    IudRemove,
    ImplantInsert,
    ImplantRemove,
    TubalLigation,
    Vasectomy,
    TubalReversal,
    VasReversal,
    SurgicalAbortion,
    MedicalAbortion,
}

impl Procedure {
    pub const ALL: [Procedure; 10] = [
        Procedure::IudInsert,
        Procedure::IudRemove,
        Procedure::ImplantInsert,
        Procedure::ImplantRemove,
        Procedure::TubalLigation,
        Procedure::Vasectomy,
        Procedure::TubalReversal,
        Procedure::VasReversal,
        Procedure::SurgicalAbortion,
        Procedure::MedicalAbortion,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Procedure::IudInsert => "iud_insert",
            Procedure::IudRemove => "iud_remove",
            Procedure::ImplantInsert => "implant_insert",
            Procedure::ImplantRemove => "implant_remove",
            Procedure::TubalLigation => "tubal_ligation",
            Procedure::Vasectomy => "vasectomy",
            Procedure::TubalReversal => "tubal_reversal",
            Procedure::VasReversal => "vas_reversal",
            Procedure::SurgicalAbortion => "surgical_abortion",
            Procedure::MedicalAbortion => "medical_abortion",
        }
    }
    pub fn parse(s: &str) -> Option<Procedure> {
        Procedure::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FamilyPlanning {
    pub procedure: Procedure,
    pub inpatient: bool,
    pub cost: Money,
    /// A further procedure done at the same time (contract `also`; Luzhou
    /// 001 第三十二条（三）), its cost in `cost`.
    pub also: Option<Procedure>,
    /// The treatment of a complication of `procedure` (contract
    /// `complication`; Ziyang 000 第二十五条（十三）).
    pub complication: bool,
    /// A medical abortion completed by curettage (药流不全清宫, contract
    /// `incomplete_curettage`; Ziyang 000 第二十五条（九）).
    pub incomplete_curettage: bool,
}

/// One claim of a member-year.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    Inpatient(Inpatient),
    Outpatient(Outpatient),
    SpecialOutpatient(SpecialOutpatient),
    SinglePaymentDrug(SinglePaymentDrug),
    Childbirth(Childbirth),
    PregnancyTermination(PregnancyTermination),
    FamilyPlanning(FamilyPlanning),
}

impl Claim {
    /// The contract's `type`.
    pub fn kind(&self) -> ClaimKind {
        match self {
            Claim::Inpatient(_) => ClaimKind::Inpatient,
            Claim::Outpatient(_) => ClaimKind::Outpatient,
            Claim::SpecialOutpatient(_) => ClaimKind::SpecialOutpatient,
            Claim::SinglePaymentDrug(_) => ClaimKind::SinglePaymentDrug,
            Claim::Childbirth(_) => ClaimKind::Childbirth,
            Claim::PregnancyTermination(_) => ClaimKind::PregnancyTermination,
            Claim::FamilyPlanning(_) => ClaimKind::FamilyPlanning,
        }
    }

    /// The bill the member's `member` share is taken of: `total` for medical
    /// claims, `medical_cost + prenatal_cost` for childbirth, `medical_cost`
    /// for terminations, `cost` for family planning (contract, Output).
    pub fn bill(&self) -> Money {
        match self {
            Claim::Inpatient(c) => c.total,
            Claim::Outpatient(c) => c.total,
            Claim::SpecialOutpatient(c) => c.total,
            Claim::SinglePaymentDrug(c) => c.total,
            Claim::Childbirth(c) => c.medical_cost + c.prenatal_cost,
            Claim::PregnancyTermination(c) => c.medical_cost,
            Claim::FamilyPlanning(c) => c.cost,
        }
    }
}

/// The contract's claim `type`s.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    Inpatient,
    Outpatient,
    SpecialOutpatient,
    SinglePaymentDrug,
    Childbirth,
    PregnancyTermination,
    FamilyPlanning,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Inpatient,
        ClaimKind::Outpatient,
        ClaimKind::SpecialOutpatient,
        ClaimKind::SinglePaymentDrug,
        ClaimKind::Childbirth,
        ClaimKind::PregnancyTermination,
        ClaimKind::FamilyPlanning,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Inpatient => "inpatient",
            ClaimKind::Outpatient => "outpatient",
            ClaimKind::SpecialOutpatient => "special_outpatient",
            ClaimKind::SinglePaymentDrug => "single_payment_drug",
            ClaimKind::Childbirth => "childbirth",
            ClaimKind::PregnancyTermination => "pregnancy_termination",
            ClaimKind::FamilyPlanning => "family_planning",
        }
    }
    pub fn parse(s: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Yearly context that caps and allowances are multiples of. `None` takes the
/// scenario's value for the year.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Context {
    /// Previous-year average annual wage (yuan per year).
    pub avg_wage: Option<Money>,
    /// The employer's previous-year average monthly wage (maternity allowance).
    pub employer_avg_monthly_wage: Option<Money>,
}

/// One member's claims of one calendar year, in date order.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberYear {
    pub year: i32,
    pub context: Context,
    pub member: Member,
    pub claims: Vec<Claim>,
}

/// What each payer pays on one claim (contract output line), in fen.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Payment {
    /// Basic pooled fund (统筹基金), maternity medical payments included.
    pub fund: Money,
    /// Large-expense top-up (大额医疗费用补助).
    pub catastrophic: Money,
    /// Maternity allowance (生育津贴).
    pub allowance: Money,
    /// The member's part of the bill: `bill − fund − catastrophic`.
    pub member: Money,
}

impl std::ops::AddAssign for Payment {
    fn add_assign(&mut self, o: Payment) {
        self.fund += o.fund;
        self.catastrophic += o.catastrophic;
        self.allowance += o.allowance;
        self.member += o.member;
    }
}
