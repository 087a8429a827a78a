//! S2 benefit 3 (可参与合作伙伴共享机会点的激励计划): a shared opportunity that a PCE member
//! moves to `WON` grants that partner a `PCE_SHARED_OPPORTUNITY` incentive by the operator's
//! rule: a percentage of the opportunity's estimated revenue (its expected monthly amount),
//! capped, in the rule's currency. Granted once per opportunity; no rule, no incentive.

use crate::coded_enum;
use crate::money::Money;
use crate::{Amount, Violation};
use rust_decimal::Decimal;

/// The `incentive_type` of the incentives this rule grants.
pub const INCENTIVE_TYPE: &str = "PCE_SHARED_OPPORTUNITY";

/// Decimals a percentage may be written with (`5.25`).
pub const PERCENT_DECIMALS: u32 = 2;

/// The largest percentage: the whole estimated revenue.
pub const MAX_PERCENT_HUNDREDTHS: i64 = 10_000;

coded_enum! {
    /// The currency of the cap and of the incentives granted.
    pub enum IncentiveCurrency : text {
        Cny = "CNY",
        Usd = "USD",
    }
}

/// A percentage in (0, 100] with at most two decimals, kept exactly as hundredths of a
/// percent (`5.00` % is 500).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(i64);

impl Percent {
    /// Reads a percentage; `None` outside (0, 100] or with more than two decimals.
    pub fn from_decimal(d: Decimal) -> Option<Self> {
        let scaled = d.checked_mul(Decimal::ONE_HUNDRED)?;
        if scaled.fract() != Decimal::ZERO {
            return None;
        }
        let n = i64::try_from(scaled).ok()?;
        Self::from_hundredths(n)
    }

    /// From hundredths of a percent as stored; `None` outside (0, 100].
    pub fn from_hundredths(n: i64) -> Option<Self> {
        (1..=MAX_PERCENT_HUNDREDTHS)
            .contains(&n)
            .then_some(Percent(n))
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// The percentage as written, two decimals (`5.00`).
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// The share it stands for, exactly (`5.00` % → `0.0500`).
    pub fn ratio(self) -> Decimal {
        Decimal::new(self.0, 4)
    }
}

/// The operator's rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncentiveRule {
    pub percentage: Percent,
    /// The most one opportunity grants (> 0).
    pub cap: Amount,
    pub currency: IncentiveCurrency,
}

impl IncentiveRule {
    /// The incentive for a won opportunity with `estimated` revenue: `estimated × percentage`,
    /// rounded half away from zero to the cent, at most the cap; `None` when that is nothing
    /// (an opportunity estimated at 0).
    pub fn incentive(&self, estimated: Money) -> Option<Amount> {
        let cap = self.cap.money();
        // An overflow can only be far above the cap.
        let share = estimated
            .mul_ratio(self.percentage.ratio())
            .map_or(cap, |m| m.min(cap));
        Amount::new(share).ok()
    }
}

/// The error of a percentage out of its rule, naming the field.
pub fn percent_invalid(field: &str) -> Violation {
    Violation::param(format!(
        "{field} must be a percentage in (0, 100] with at most {PERCENT_DECIMALS} decimals"
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn percentages() {
        let cases = [
            ("5", Some(500)),
            ("5.00", Some(500)),
            ("0.01", Some(1)),
            ("100", Some(10_000)),
            ("12.5", Some(1_250)),
            ("0", None),
            ("-1", None),
            ("100.01", None),
            ("5.001", None),
            ("0.001", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                Percent::from_decimal(d(text)).map(Percent::hundredths),
                want,
                "{text}"
            );
        }
        assert_eq!(
            Percent::from_hundredths(500).unwrap().to_decimal(),
            d("5.00")
        );
        assert_eq!(Percent::from_hundredths(0), None);
    }

    /// (percentage, cap, estimated revenue) → incentive, all exact.
    #[test]
    fn a_percentage_of_the_estimate_with_a_cap() {
        let cases = [
            ("5.00", "10000.00", "30000.00", Some("1500.00")),
            // Capped.
            ("5.00", "10000.00", "1000000.00", Some("10000.00")),
            ("5.00", "10000.00", "200000.00", Some("10000.00")),
            ("5.00", "10000.00", "200000.20", Some("10000.00")),
            // Rounded half away from zero to the cent: 0.05 × 0.10 = 0.005 → 0.01.
            ("5.00", "10000.00", "0.10", Some("0.01")),
            // 0.05 × 0.09 = 0.0045 → 0.00: nothing.
            ("5.00", "10000.00", "0.09", None),
            ("12.34", "10000.00", "1234.56", Some("152.34")),
            ("100", "500.00", "123.45", Some("123.45")),
            ("0.01", "1.00", "999999999999.99", Some("1.00")),
            ("5.00", "10000.00", "0", None),
        ];
        for (pct, cap, est, want) in cases {
            let rule = IncentiveRule {
                percentage: Percent::from_decimal(d(pct)).unwrap(),
                cap: Amount::from_decimal(d(cap)).unwrap(),
                currency: IncentiveCurrency::Cny,
            };
            let got = rule.incentive(Money::from_decimal(d(est)).unwrap());
            assert_eq!(
                got.map(|a| a.money().to_string()),
                want.map(str::to_owned),
                "{pct} % of {est}, cap {cap}"
            );
        }
    }
}
