//! Exact money and rates.
//!
//! * [`Money`] is a whole number of fen (0.01 yuan). Ledgers and settlement
//!   outputs are `Money`.
//! * [`Rate`] is a whole number of parts per million (a ratio of 84% is
//!   `840_000`). Every rate in the policy texts (7.75%, 2.8%, 1.1, 1.05 ...)
//!   is exact at that precision; a scenario value that is not is refused.
//! * [`Exact`] is the unrounded intermediate of a calculation, in units of
//!   10⁻¹² fen, so that a money amount multiplied by up to two rates is still
//!   exact. The contract rounds half-up to the fen once per claim and payer
//!   (`spec/adjudication.md`, Output), which is [`Exact::round`].
//!
//! Not here: anything about what the amounts mean.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Units of [`Exact`] in one fen.
const EXACT_PER_FEN: i128 = 1_000_000_000_000;
/// Parts per million in a rate of 1.
pub const PPM: i64 = 1_000_000;

/// An amount of money in whole fen.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Whole yuan.
    pub const fn yuan(y: i64) -> Money {
        Money(y * 100)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// `num / den` fen, rounded half-up (half away from zero) to the fen.
    ///
    /// Used where a text divides (the maternity allowance's ÷30).
    ///
    /// ```
    /// use medfund_rules::money::Money;
    /// // 6,000.00 yuan ÷ 30 × 158 days = 31,600.00
    /// assert_eq!(Money::round_div(600_000 * 158, 30), Money::yuan(31_600));
    /// // 1 fen ÷ 2 rounds up, −1 fen ÷ 2 rounds away from zero
    /// assert_eq!(Money::round_div(1, 2), Money(1));
    /// assert_eq!(Money::round_div(-1, 2), Money(-1));
    /// ```
    pub fn round_div(num: i128, den: i128) -> Money {
        assert!(den > 0, "round_div by a non-positive denominator");
        if let (Ok(n), Ok(d)) = (i64::try_from(num), i64::try_from(den))
            && n != i64::MIN
        {
            // The same in 64 bits, an order of magnitude faster.
            let (q, r) = (n.abs() / d, n.abs() % d);
            let q = if 2 * (r as i128) >= d as i128 { q + 1 } else { q };
            return Money(if n < 0 { -q } else { q });
        }
        let q = num.abs() / den;
        let r = num.abs() % den;
        let q = if 2 * r >= den { q + 1 } else { q };
        let q = if num < 0 { -q } else { q };
        Money(i64::try_from(q).expect("money out of range"))
    }

    /// Multiply by a rate, rounding half-up to the fen.
    pub fn mul_rate(self, r: Rate) -> Money {
        Money::round_div(i128::from(self.0) * i128::from(r.0), i128::from(PPM))
    }

    pub fn max0(self) -> Money {
        self.max(Money::ZERO)
    }

    /// The sum, or `None` where it cannot be represented.
    pub fn checked_add(self, o: Money) -> Option<Money> {
        self.0.checked_add(o.0).map(Money)
    }

    /// The sum of amounts, or `None` where it cannot be represented (never
    /// wrapped).
    pub fn checked_sum<'a>(xs: impl IntoIterator<Item = &'a Money>) -> Option<Money> {
        xs.into_iter().try_fold(Money::ZERO, |a, x| a.checked_add(*x))
    }

    /// Parse a decimal string of yuan with at most two decimals (`"123.4"`,
    /// `"-5"`, `"0.05"`). Refuses exponents, more decimals and empty strings.
    pub fn parse_yuan(s: &str) -> Result<Money, MoneyParseError> {
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(MoneyParseError::NotANumber);
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyParseError::NotANumber);
        }
        if frac.len() > 2 {
            // Trailing zeros beyond the fen are harmless ("1.500").
            if frac[2..].bytes().any(|b| b != b'0') {
                return Err(MoneyParseError::TooManyDecimals);
            }
        }
        let mut fen: i64 = 0;
        for b in int.bytes() {
            fen = fen
                .checked_mul(10)
                .and_then(|v| v.checked_add(i64::from(b - b'0')))
                .ok_or(MoneyParseError::OutOfRange)?;
        }
        let mut f = frac.bytes().take(2).map(|b| i64::from(b - b'0'));
        let d1 = f.next().unwrap_or(0);
        let d2 = f.next().unwrap_or(0);
        fen = fen.checked_mul(100).and_then(|v| v.checked_add(d1 * 10 + d2)).ok_or(MoneyParseError::OutOfRange)?;
        Ok(Money(if neg { -fen } else { fen }))
    }

    /// From a float of yuan read from a scenario file; refuses values that are
    /// not whole fen.
    pub fn from_yuan_f64(v: f64) -> Result<Money, MoneyParseError> {
        if !v.is_finite() {
            return Err(MoneyParseError::NotANumber);
        }
        let fen = (v * 100.0).round();
        if (v * 100.0 - fen).abs() > 1e-6 {
            return Err(MoneyParseError::TooManyDecimals);
        }
        if fen.abs() > 9.0e15 {
            return Err(MoneyParseError::OutOfRange);
        }
        Ok(Money(fen as i64))
    }

    /// Yuan as a float, for aggregates and charts only.
    pub fn as_yuan_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// Why a money value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("not a decimal number of yuan")]
    NotANumber,
    #[error("more than two decimals (money is exact to the fen)")]
    TooManyDecimals,
    #[error("out of range")]
    OutOfRange,
}

impl fmt::Display for Money {
    /// Yuan with exactly two decimals: `1234.50`, `-0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}
impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}
impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0;
    }
}
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(it: I) -> Money {
        it.fold(Money::ZERO, Add::add)
    }
}
impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(it: I) -> Money {
        it.copied().sum()
    }
}

/// A rate (ratio, share, multiple) in parts per million.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(pub i64);

impl Rate {
    pub const ZERO: Rate = Rate(0);
    pub const ONE: Rate = Rate(PPM);

    /// Whole percentage points: `Rate::percent(85)` is 85%.
    pub const fn percent(p: i64) -> Rate {
        Rate(p * 10_000)
    }

    /// From a float read from a scenario file; refuses values finer than one
    /// part per million.
    pub fn from_f64(v: f64) -> Option<Rate> {
        if !v.is_finite() {
            return None;
        }
        let ppm = (v * PPM as f64).round();
        if (v * PPM as f64 - ppm).abs() > 1e-4 || ppm.abs() > 1e15 {
            return None;
        }
        Some(Rate(ppm as i64))
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / PPM as f64
    }

    /// Clamp into `[0, 1]` (a payment ratio is never above 100%, Ziyang
    /// 000 第十八条（二）“总支付比例不超过100%”, nor below 0).
    pub fn clamp01(self) -> Rate {
        Rate(self.0.clamp(0, PPM))
    }

    /// `1 − self`.
    pub fn complement(self) -> Rate {
        Rate(PPM - self.0)
    }
}

impl Add for Rate {
    type Output = Rate;
    fn add(self, o: Rate) -> Rate {
        Rate(self.0 + o.0)
    }
}
impl Sub for Rate {
    type Output = Rate;
    fn sub(self, o: Rate) -> Rate {
        Rate(self.0 - o.0)
    }
}

impl fmt::Display for Rate {
    /// As a percentage with up to four decimals: `85%`, `7.75%`, `0.7%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths_of_bp = self.0; // 1 ppm = 0.0001%
        let sign = if hundredths_of_bp < 0 { "-" } else { "" };
        let a = hundredths_of_bp.unsigned_abs();
        let int = a / 10_000;
        let frac = a % 10_000;
        if frac == 0 {
            write!(f, "{sign}{int}%")
        } else {
            let s = format!("{frac:04}");
            write!(f, "{sign}{int}.{}%", s.trim_end_matches('0'))
        }
    }
}

/// An unrounded amount in units of 10⁻¹² fen.
///
/// Exact for money multiplied by at most two rates; a multiplication that
/// would lose precision panics in debug builds (it is a bug in a formula, not
/// a property of the input).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact(pub i128);

impl Exact {
    pub const ZERO: Exact = Exact(0);

    /// `self × r`.
    ///
    /// The product is always a whole multiple of 10⁶ (the value has carried
    /// at most one rate before), so the division is exact and is done as a
    /// shift by 2⁶ and a multiplication by the inverse of 5⁶ modulo 2¹²⁸,
    /// instead of a slow 128-bit division.
    #[inline]
    pub fn mul_rate(self, r: Rate) -> Exact {
        let p = self.0 * r.0 as i128;
        debug_assert!(p % PPM as i128 == 0, "Exact × Rate lost precision: more than two rates applied");
        Exact(exact_div_1e6(p))
    }

    /// Rounded half-up (half away from zero) to the fen.
    #[inline]
    pub fn round(self) -> Money {
        Money::round_div(self.0, EXACT_PER_FEN)
    }

    #[inline]
    pub fn max0(self) -> Exact {
        self.max(Exact::ZERO)
    }

    /// Yuan as a float, for explanations only.
    pub fn as_yuan_f64(self) -> f64 {
        self.0 as f64 / (EXACT_PER_FEN as f64 * 100.0)
    }
}

/// The inverse of 5⁶ = 15,625 modulo 2¹²⁸ (Newton's iteration: each step
/// doubles the correct low bits, from 3 to beyond 128).
const INV_5_POW_6: u128 = {
    let d: u128 = 15_625;
    let mut x: u128 = d;
    let mut i = 0;
    while i < 7 {
        x = x.wrapping_mul(2u128.wrapping_sub(d.wrapping_mul(x)));
        i += 1;
    }
    x
};

/// `p ÷ 10⁶` for a `p` that is a whole multiple of 10⁶.
#[inline]
fn exact_div_1e6(p: i128) -> i128 {
    // p = 2⁶ · 5⁶ · q: the arithmetic shift is exact, and multiplying by the
    // inverse of 5⁶ modulo 2¹²⁸ recovers q (two's complement keeps the sign).
    ((p >> 6) as u128).wrapping_mul(INV_5_POW_6) as i128
}

impl From<Money> for Exact {
    #[inline]
    fn from(m: Money) -> Exact {
        Exact(m.0 as i128 * EXACT_PER_FEN)
    }
}
impl Add for Exact {
    type Output = Exact;
    #[inline]
    fn add(self, o: Exact) -> Exact {
        Exact(self.0 + o.0)
    }
}
impl Sub for Exact {
    type Output = Exact;
    #[inline]
    fn sub(self, o: Exact) -> Exact {
        Exact(self.0 - o.0)
    }
}
impl AddAssign for Exact {
    fn add_assign(&mut self, o: Exact) {
        self.0 += o.0;
    }
}
impl Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(it: I) -> Exact {
        it.fold(Exact::ZERO, Add::add)
    }
}
impl fmt::Display for Exact {
    /// Yuan, rounded to four decimals for display (explanations).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units_per_tenthousandth_yuan = EXACT_PER_FEN / 100; // 1e-4 yuan
        let v = Money::round_div(self.0, units_per_tenthousandth_yuan).0; // in 1e-4 yuan
        let sign = if v < 0 { "-" } else { "" };
        let a = v.unsigned_abs();
        let frac = a % 10_000;
        if frac.is_multiple_of(100) {
            write!(f, "{sign}{}.{:02}", a / 10_000, frac / 100)
        } else {
            write!(f, "{sign}{}.{:04}", a / 10_000, frac)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_that_cannot_be_represented_are_none_not_wrapped() {
        // 9,223,373 materials of 10 billion yuan (10¹² fen) add to more than
        // i64::MAX = 9,223,372,036,854,775,807 fen: the issue 12 line.
        let big = vec![Money(1_000_000_000_000); 9_223_373];
        assert_eq!(Money::checked_sum(&big), None);
        assert_eq!(Money::checked_sum(&big[..9_223_372]), Some(Money(9_223_372_000_000_000_000)));
        assert_eq!(Money(i64::MAX).checked_add(Money(1)), None);
        assert_eq!(Money::checked_sum(&[]), Some(Money::ZERO));
    }

    #[test]
    fn parse_and_display_round_trip() {
        for (s, fen) in [("0", 0), ("12", 1200), ("12.3", 1230), ("12.34", 1234), ("-0.05", -5), ("1.500", 150)] {
            assert_eq!(Money::parse_yuan(s), Ok(Money(fen)), "{s}");
        }
        assert_eq!(Money(1234).to_string(), "12.34");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money::parse_yuan("1.234"), Err(MoneyParseError::TooManyDecimals));
        assert_eq!(Money::parse_yuan("1e3"), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan(""), Err(MoneyParseError::NotANumber));
        assert_eq!(Money::parse_yuan("."), Err(MoneyParseError::NotANumber));
    }

    #[test]
    fn half_up_rounding_happens_once() {
        // 0.05 yuan × 10% = 0.005 yuan = 0.5 fen → rounds up to 1 fen.
        assert_eq!(Money(5).mul_rate(Rate::percent(10)), Money(1));
        // 0.04 yuan × 10% = 0.4 fen → 0.
        assert_eq!(Money(4).mul_rate(Rate::percent(10)), Money(0));
        // Two rates stay exact: 0.01 yuan × 50% × 50% = 0.25 fen → 0, but
        // (0.01 × 50%) rounded then × 50% would be 1 fen × 50% = 1 fen.
        let e = Exact::from(Money(1)).mul_rate(Rate::percent(50)).mul_rate(Rate::percent(50));
        assert_eq!(e.round(), Money(0));
    }

    #[test]
    fn exact_division_by_a_million_matches_plain_division() {
        assert_eq!(INV_5_POW_6.wrapping_mul(15_625), 1);
        for q in [0i128, 1, -1, 7, -7, 123_456_789_012, -98_765_432_109_876, i64::MAX as i128, i64::MIN as i128] {
            assert_eq!(exact_div_1e6(q * 1_000_000), q, "{q}");
        }
    }

    #[test]
    fn fast_and_slow_rounding_agree() {
        for fen in [0i64, 1, -1, 4, 5, -5, 99, 12_345_678, -12_345_678] {
            for frac in [0i128, 1, 499_999_999_999, 500_000_000_000, 500_000_000_001, 999_999_999_999] {
                let sign = if fen < 0 { -1 } else { 1 };
                let x = Exact(fen as i128 * EXACT_PER_FEN + sign * frac);
                assert_eq!(x.round(), Money::round_div(x.0, EXACT_PER_FEN), "{x:?}");
            }
        }
        // Beyond the i64 range the slow path is taken.
        let big = Exact(10_000_000_000 * EXACT_PER_FEN + EXACT_PER_FEN / 2);
        assert_eq!(big.round(), Money(10_000_000_001));
    }

    #[test]
    fn rates_from_scenario_floats() {
        assert_eq!(Rate::from_f64(0.0775), Some(Rate(77_500)));
        assert_eq!(Rate::from_f64(1.1), Some(Rate(1_100_000)));
        assert_eq!(Rate::from_f64(0.028), Some(Rate(28_000)));
        assert_eq!(Rate::from_f64(0.123_456_7), None);
        assert_eq!(Rate(77_500).to_string(), "7.75%");
        assert_eq!(Rate::percent(85).to_string(), "85%");
    }
}
