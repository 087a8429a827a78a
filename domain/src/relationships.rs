//! Relationships end (#20): a distributor unbinds a reseller, a partner disassociates a
//! customer. Each is refused while the other side still holds something the partner gave it
//! and can take back; every such holding is a blocker of its own.

use crate::association::AssociationType;
use crate::{Money, Violation};

pub mod codes;

/// What one side may still take back: the smaller of what the other holds and what the
/// taker gave it net of what it took back (money from elsewhere is not the taker's).
pub fn reclaimable(balance_cents: i64, given_net_cents: i64) -> i64 {
    balance_cents.min(given_net_cents).max(0)
}

/// What a reseller holds from its distributor: reclaimable money (cents) and the quotas the
/// distributor passed on that still have a balance (id, balance in cents).
#[derive(Debug, Clone, Default)]
pub struct ResellerHoldings {
    pub money_cents: i64,
    pub quotas: Vec<(String, i64)>,
}

/// Every blocker of unbinding a reseller, one per holding.
pub fn may_unbind(h: &ResellerHoldings) -> Result<(), Vec<Violation>> {
    let mut why = Vec::new();
    if h.money_cents > 0 {
        why.push(Violation::new(
            codes::UNBIND_BLOCKED,
            format!(
                "the reseller still holds {} you allocated: reclaim it first (ReclaimIndirectPartnerAccount)",
                Money::from_cents(h.money_cents)
            ),
        ));
    }
    for (id, balance) in h.quotas.iter().filter(|(_, b)| *b > 0) {
        why.push(Violation::new(
            codes::UNBIND_BLOCKED,
            format!(
                "the reseller still holds {} of coupon quota {id} you passed on: reclaim it first (ReclaimCouponQuotas)",
                Money::from_cents(*balance)
            ),
        ));
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(why)
    }
}

/// Every blocker of disassociating a customer: a resale customer must first give back the
/// money the partner allocated to it; a referral customer ends at once.
pub fn may_disassociate(kind: AssociationType, money_cents: i64) -> Result<(), Vec<Violation>> {
    match kind {
        AssociationType::Resale if money_cents > 0 => Err(vec![Violation::new(
            codes::DISASSOCIATE_BLOCKED,
            format!(
                "the customer still holds {} you allocated: reclaim it first (ReclaimToPartnerAccount)",
                Money::from_cents(money_cents)
            ),
        )]),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_was_given_can_be_taken_back() {
        let cases = [
            (100, 50, 50),
            (30, 50, 30),
            (0, 50, 0),
            (100, 0, 0),
            (100, -20, 0),
        ];
        for (balance, given, out) in cases {
            assert_eq!(reclaimable(balance, given), out, "{balance} {given}");
        }
    }

    #[test]
    fn each_holding_is_a_blocker() {
        assert!(may_unbind(&ResellerHoldings::default()).is_ok());
        let h = ResellerHoldings {
            money_cents: 1000,
            quotas: vec![("q1".into(), 500), ("q2".into(), 0), ("q3".into(), 1)],
        };
        let why = may_unbind(&h).err().unwrap_or_default();
        assert_eq!(why.len(), 3);
        assert!(why[0].message.contains("10.00"));
        assert!(why[1].message.contains("q1"));
        assert!(why[2].message.contains("q3"));
        assert!(why.iter().all(|v| v.code == codes::UNBIND_BLOCKED));
    }

    #[test]
    fn a_referral_customer_ends_at_once() {
        assert!(may_disassociate(AssociationType::Referral, 1000).is_ok());
        assert!(may_disassociate(AssociationType::Resale, 0).is_ok());
        assert_eq!(
            may_disassociate(AssociationType::Resale, 1)
                .err()
                .map(|v| v.len()),
            Some(1)
        );
    }
}
