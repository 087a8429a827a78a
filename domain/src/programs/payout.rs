//! S14: the operator pays or rejects a payout application. An application is decided once:
//! paid (with the bank's reference) or rejected (with reasons); an incentive is paid at most
//! once, and never more than it is worth, in its own currency.

use crate::{coded_enum, Money, Violation};

pub mod codes {
    /// Ours: the payout application was already paid or rejected.
    pub const PAYOUT_DECIDED: &str = "CBC.99100212";
    /// Ours: the paid amount or currency does not match the incentive.
    pub const PAYOUT_MISMATCH: &str = "CBC.99100213";
}

coded_enum! {
    /// Where a payout application stands: `SUBMITTED` (waiting to be paid), `PAID`, `REJECTED`.
    pub enum PayoutStatus: text {
        Submitted = "SUBMITTED",
        Paid = "PAID",
        Rejected = "REJECTED",
    }
}

/// Only a submitted application can be paid or rejected.
pub fn may_decide(status: PayoutStatus) -> Result<(), Violation> {
    match status {
        PayoutStatus::Submitted => Ok(()),
        done => Err(Violation::new(
            codes::PAYOUT_DECIDED,
            format!(
                "the payout application is already {}: an incentive is paid at most once",
                done.as_str()
            ),
        )),
    }
}

/// What was paid must be in the incentive's currency and not more than the incentive.
pub fn check_paid(
    incentive: Money,
    incentive_currency: &str,
    paid: Money,
    currency: &str,
) -> Result<(), Vec<Violation>> {
    let mut why = Vec::new();
    if currency != incentive_currency {
        why.push(Violation::new(
            codes::PAYOUT_MISMATCH,
            format!("currency must be the incentive's, {incentive_currency}"),
        ));
    }
    if paid > incentive {
        why.push(Violation::new(
            codes::PAYOUT_MISMATCH,
            format!("paid_amount must not exceed the incentive's amount, {incentive}"),
        ));
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decided_once() {
        assert!(may_decide(PayoutStatus::Submitted).is_ok());
        for s in [PayoutStatus::Paid, PayoutStatus::Rejected] {
            assert_eq!(
                may_decide(s).err().map(|v| v.code),
                Some(codes::PAYOUT_DECIDED)
            );
        }
    }

    #[test]
    fn paid_in_its_currency_and_at_most_its_worth() {
        let m = Money::from_cents;
        assert!(check_paid(m(1000), "CNY", m(1000), "CNY").is_ok());
        assert!(check_paid(m(1000), "CNY", m(990), "CNY").is_ok());
        assert_eq!(
            check_paid(m(1000), "CNY", m(1001), "USD")
                .err()
                .map(|v| v.len()),
            Some(2)
        );
    }
}
