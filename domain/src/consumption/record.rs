//! A rated usage record as the platform reports it, and its rules.

use super::{ChargingMode, FeeBillType};
use crate::{Money, Violation};
use rust_decimal::Decimal;

/// At most this many records in one `POST /v2/operator/usage-fee-records`.
pub const MAX_BATCH: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeeRecord {
    /// Unique per platform: a record sent again is not charged again.
    pub record_id: String,
    pub customer_id: String,
    pub resource_id: String,
    pub resource_name: Option<String>,
    pub service_type_code: String,
    pub resource_type_code: String,
    pub region_code: String,
    pub product_id: Option<String>,
    pub charging_mode: ChargingMode,
    pub bill_type: FeeBillType,
    pub usage: Decimal,
    pub usage_unit: String,
    pub official_amount: Money,
    pub discount_amount: Money,
    /// What the customer owes for the record: official minus discount.
    pub amount: Money,
    pub usage_begin: i64,
    pub usage_end: i64,
}

/// A record's own consistency: the amount due is the official amount minus the discount, the
/// usage window runs forward and lies before `now`.
pub fn check_record(i: usize, r: &NewFeeRecord, now: i64) -> Result<(), Violation> {
    let field = |f: &str| format!("records[{i}].{f}");
    if r.usage_end < r.usage_begin {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            format!(
                "{} must not be before {}",
                field("usage_end_time"),
                field("usage_begin_time")
            ),
        ));
    }
    if r.usage_end > now {
        return Err(Violation::new(
            crate::codes::TIME_WINDOW_INVALID,
            format!("{} must not be in the future", field("usage_end_time")),
        ));
    }
    if r.usage.is_sign_negative() {
        return Err(Violation::param(format!("{} must be ≥ 0", field("usage"))));
    }
    if r.discount_amount > r.official_amount {
        return Err(Violation::param(format!(
            "{} must not exceed {}",
            field("discount_amount"),
            field("official_amount")
        )));
    }
    if r.official_amount.checked_sub(r.discount_amount) != Some(r.amount) {
        return Err(Violation::param(format!(
            "{} must be official_amount minus discount_amount",
            field("amount")
        )));
    }
    Ok(())
}

/// Record ids repeated within one batch: the first index of each repeat, as a refusal.
pub fn check_batch(ids: &[&str]) -> Result<(), Violation> {
    let mut seen = std::collections::HashSet::new();
    for (i, id) in ids.iter().enumerate() {
        if !seen.insert(*id) {
            return Err(Violation::param(format!(
                "records[{i}].record_id repeats a record of this batch"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::type_complexity)]
    use super::*;

    fn rec() -> NewFeeRecord {
        NewFeeRecord {
            record_id: "r1".into(),
            customer_id: "c".into(),
            resource_id: "res".into(),
            resource_name: None,
            service_type_code: "hws.service.type.ec2".into(),
            resource_type_code: "hws.resource.type.vm".into(),
            region_code: "cn-north-4".into(),
            product_id: None,
            charging_mode: ChargingMode::OnDemand,
            bill_type: FeeBillType::Usage,
            usage: Decimal::ONE,
            usage_unit: "hour".into(),
            official_amount: Money::from_cents(1000),
            discount_amount: Money::from_cents(200),
            amount: Money::from_cents(800),
            usage_begin: 100,
            usage_end: 200,
        }
    }

    #[test]
    fn table() {
        type Edit = fn(&mut NewFeeRecord);
        let cases: [(Edit, Option<&str>); 6] = [
            (|_| {}, None),
            (|r| r.usage_end = 50, Some("records[0].usage_end_time")),
            (|r| r.usage_end = 10_000, Some("future")),
            (
                |r| r.amount = Money::from_cents(799),
                Some("records[0].amount"),
            ),
            (
                |r| r.discount_amount = Money::from_cents(1001),
                Some("discount_amount"),
            ),
            (
                |r| r.usage = Decimal::NEGATIVE_ONE,
                Some("records[0].usage"),
            ),
        ];
        for (edit, err) in cases {
            let mut r = rec();
            edit(&mut r);
            match (check_record(0, &r, 1000), err) {
                (Ok(()), None) => {}
                (Err(v), Some(part)) => assert!(v.message.contains(part), "{}", v.message),
                (got, want) => panic!("{got:?} vs {want:?}"),
            }
        }
        assert!(check_batch(&["a", "b"]).is_ok());
        assert!(check_batch(&["a", "b", "a"])
            .unwrap_err()
            .message
            .contains("records[2]"));
    }
}
