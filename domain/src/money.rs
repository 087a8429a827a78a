//! Exact money. `Money` is a signed count of minor units (fen/cents); `Amount` is a positive
//! money value with at most two decimals, the only kind a caller may ask to move.

use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// Largest amount accepted from a caller: 10^12 yuan, far below the i64 cents range so that
/// sums of many amounts cannot overflow.
/// 999,999,999,999.99: the largest amount the wire documents.
const MAX_CENTS: i64 = 99_999_999_999_999;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not a number")]
    NotANumber,
    #[error("must be greater than 0")]
    NotPositive,
    #[error("must not be negative")]
    Negative,
    #[error("has more than 2 decimal places")]
    TooManyDecimals,
    #[error("is too large")]
    TooLarge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Exact conversion; fails if the value has more than two decimals or is out of range.
    pub fn from_decimal(d: Decimal) -> Result<Self, MoneyError> {
        let normalized = d.normalize();
        if normalized.scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let cents = normalized
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::TooLarge)?;
        let cents = i64::try_from(cents).map_err(|_| MoneyError::TooLarge)?;
        if cents.abs() > MAX_CENTS {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(cents))
    }

    /// The value in yuan with a fixed scale of 2 (`10.00`), as written on the wire.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self × ratio`, rounded half away from zero to the cent.
    pub fn mul_ratio(self, ratio: Decimal) -> Option<Money> {
        let exact = Decimal::new(self.0, 2).checked_mul(ratio)?;
        let rounded =
            exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        Money::from_decimal(rounded).ok()
    }

    pub fn min(self, other: Money) -> Money {
        Money(self.0.min(other.0))
    }

    pub fn max(self, other: Money) -> Money {
        Money(self.0.max(other.0))
    }
}

impl std::ops::Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal())
    }
}

/// A positive amount with at most two decimals, by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Money);

impl Amount {
    pub fn new(money: Money) -> Result<Self, MoneyError> {
        if money.cents() <= 0 {
            return Err(MoneyError::NotPositive);
        }
        Ok(Amount(money))
    }

    pub fn from_decimal(d: Decimal) -> Result<Self, MoneyError> {
        if d <= Decimal::ZERO {
            return Err(MoneyError::NotPositive);
        }
        Self::new(Money::from_decimal(d)?)
    }

    pub fn money(self) -> Money {
        self.0
    }

    pub fn cents(self) -> i64 {
        self.0.cents()
    }
}

impl FromStr for Amount {
    type Err = MoneyError;

    /// Accepts an amount as the wire writes it: `10`, `10.5`, `1.11` ([`parse_amount`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::from_decimal(parse_amount(s)?)
    }
}

/// Parses a decimal the way a JSON number may be written, including an exponent (ratios);
/// nothing around it, not even spaces.
pub fn parse_decimal(s: &str) -> Result<Decimal, MoneyError> {
    if s.is_empty() || s.len() > 40 {
        return Err(MoneyError::NotANumber);
    }
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    let parsed = if plain {
        Decimal::from_str_exact(s)
    } else {
        Decimal::from_scientific(s)
    };
    parsed.map_err(|_| MoneyError::NotANumber)
}

/// Parses an amount exactly as the wire documents it: an optional `-`, `0` or digits without
/// a leading zero, and at most two written decimals (`1.000` is refused) — no spaces, no
/// exponent, no leading `.` — and at most 999,999,999,999.99.
pub fn parse_amount(s: &str) -> Result<Decimal, MoneyError> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) || !frac.is_none_or(digits) {
        return Err(MoneyError::NotANumber);
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(MoneyError::TooManyDecimals);
    }
    if int.len() > 12 {
        return Err(MoneyError::TooLarge);
    }
    Decimal::from_str_exact(s).map_err(|_| MoneyError::NotANumber)
}

/// A non-negative money value with at most two decimals (credit limits, refund amounts).
pub fn non_negative_from_decimal(d: Decimal) -> Result<Money, MoneyError> {
    if d < Decimal::ZERO {
        return Err(MoneyError::Negative);
    }
    Money::from_decimal(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_are_positive_with_two_decimals() {
        let cases: &[(&str, Result<i64, MoneyError>)] = &[
            ("10", Ok(1000)),
            ("10.00", Ok(1000)),
            ("1.11", Ok(111)),
            ("0.01", Ok(1)),
            ("1.110", Err(MoneyError::TooManyDecimals)),
            ("1.000", Err(MoneyError::TooManyDecimals)),
            ("1e2", Err(MoneyError::NotANumber)),
            (" 1", Err(MoneyError::NotANumber)),
            ("1 ", Err(MoneyError::NotANumber)),
            ("\u{a0}1", Err(MoneyError::NotANumber)),
            (".5", Err(MoneyError::NotANumber)),
            ("01", Err(MoneyError::NotANumber)),
            ("1.", Err(MoneyError::NotANumber)),
            ("+1", Err(MoneyError::NotANumber)),
            ("999999999999.99", Ok(99_999_999_999_999)),
            ("1000000000000", Err(MoneyError::TooLarge)),
            ("0", Err(MoneyError::NotPositive)),
            ("-1", Err(MoneyError::NotPositive)),
            ("0.001", Err(MoneyError::TooManyDecimals)),
            ("1.001", Err(MoneyError::TooManyDecimals)),
            ("abc", Err(MoneyError::NotANumber)),
            ("", Err(MoneyError::NotANumber)),
            ("1e20", Err(MoneyError::NotANumber)),
            ("NaN", Err(MoneyError::NotANumber)),
        ];
        for (input, want) in cases {
            let got = input.parse::<Amount>().map(Amount::cents);
            assert_eq!(&got, want, "input {input}");
        }
    }

    #[test]
    fn money_is_written_with_fixed_scale() {
        assert_eq!(Money::from_cents(1000).to_string(), "10.00");
        assert_eq!(Money::from_cents(5).to_string(), "0.05");
        assert_eq!(Money::from_cents(-150).to_string(), "-1.50");
        assert_eq!(Money::from_decimal(dec!(3.5)).unwrap().cents(), 350);
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(
            Money::from_cents(i64::MAX).checked_add(Money::from_cents(1)),
            None
        );
        assert_eq!(
            Money::from_cents(5).checked_sub(Money::from_cents(7)),
            Some(Money::from_cents(-2))
        );
    }
}
