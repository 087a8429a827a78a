//! Vouchers (PRODUCT §E): coupon quotas, coupons issued from them, their operation records
//! (S9) and test vouchers (S15). Pure rules over plain data.

pub mod coupon;
pub mod issue;
pub mod quota;
pub mod reclaim;
pub mod scope;
pub mod test_coupons;

use crate::Violation;

/// Quota types: 0 voucher quota, 1 cash-coupon quota.
/// Ours, from the vouchers range (99100056 is free in `crate::codes`): a validity period that
/// ends before it starts or has already ended. A time well-formed but on the wrong side of the
/// clock is a rule of the grant, not a parameter format.
pub const PERIOD_ENDED: &str = "CBC.99100056";
/// Ours: a quota grant names the same `limit_key` twice (99100058 is free in `crate::codes`).
pub const LIMIT_KEY_REPEATED: &str = "CBC.99100058";

pub const QUOTA_VOUCHER: i32 = 0;
pub const QUOTA_CASH: i32 = 1;

/// Quota statuses: 0 normal, 3 invalid (expired), 6 reclaimed by the distributor.
pub const QUOTA_NORMAL: i32 = 0;
pub const QUOTA_EXPIRED: i32 = 3;
pub const QUOTA_RECLAIMED: i32 = 6;

/// Coupon statuses beyond those of payment: 4 expired, 5 reclaimed.
pub const COUPON_EXPIRED: i32 = 4;
pub const COUPON_RECLAIMED: i32 = 5;

/// S9 operation types of coupon records.
pub const OP_ISSUE: &str = "1";
pub const OP_MANUAL_RECLAIM: &str = "2";
pub const OP_EXPIRY_RECLAIM: &str = "4";
/// Operation types of quota records (distributor → reseller).
pub const OP_QUOTA_GRANT: &str = "10";
pub const OP_QUOTA_RECLAIM: &str = "11";

pub const RESULT_OK: &str = "0";
pub const RESULT_FAILED: &str = "-1";

/// Coupons issued by a partner from a quota, as opposed to platform or test coupons.
pub const SOURCE_PARTNER: &str = "PARTNER";
pub const SOURCE_TEST: &str = "TEST";

/// Limits of a quota list (cloud service types, products) and of the ids in one request.
pub const MAX_LIMIT_ITEMS: usize = 10;
pub const MAX_BATCH: usize = 100;

/// The coupon type a quota issues: vouchers (1) from a voucher quota, cash coupons (4) from
/// a cash-coupon quota.
pub fn coupon_type_of(quota_type: i32) -> i32 {
    if quota_type == QUOTA_CASH {
        crate::payment::COUPON_CASH
    } else {
        crate::payment::COUPON_VOUCHER
    }
}

/// The quota type a coupon type comes from.
pub fn quota_type_of(coupon_type: i32) -> i32 {
    if coupon_type == crate::payment::COUPON_CASH {
        QUOTA_CASH
    } else {
        QUOTA_VOUCHER
    }
}

/// Lists are stored as Huawei writes them in limits: comma-separated, no blanks.
pub fn join_list(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| items.join(","))
}

pub fn split_list(stored: Option<&str>) -> Vec<String> {
    stored
        .map(|s| {
            s.split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A request list of ids or limit values: at most `max` items, each 1–64 characters without
/// commas or control characters, no repeats.
pub fn check_ids(field: &str, items: &[String], max: usize) -> Result<(), Violation> {
    if items.len() > max {
        return Err(Violation::param(format!(
            "{field} may hold at most {max} items"
        )));
    }
    for (i, item) in items.iter().enumerate() {
        let bad = item.is_empty()
            || item.chars().count() > 64
            || item.contains(',')
            || item.chars().any(char::is_control);
        if bad {
            return Err(Violation::param(format!(
                "{field}[{i}] must be 1 to 64 characters without commas"
            )));
        }
        if items[..i].contains(item) {
            return Err(Violation::param(format!("{field}[{i}] repeats an item")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_and_are_checked() {
        let items = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(join_list(&items).as_deref(), Some("a,b"));
        assert_eq!(split_list(Some("a,b")), items);
        assert!(split_list(None).is_empty());
        assert_eq!(join_list(&[]), None);
        assert!(check_ids("x", &items, 2).is_ok());
        assert!(check_ids("x", &items, 1).is_err());
        assert!(check_ids("x", &["a,b".to_owned()], 5).is_err());
        assert!(check_ids("x", &["a".to_owned(), "a".to_owned()], 5).is_err());
        assert!(check_ids("x", &[String::new()], 5).is_err());
    }

    #[test]
    fn types_map_both_ways() {
        assert_eq!(coupon_type_of(QUOTA_VOUCHER), 1);
        assert_eq!(coupon_type_of(QUOTA_CASH), 4);
        assert_eq!(quota_type_of(4), QUOTA_CASH);
        assert_eq!(quota_type_of(1), QUOTA_VOUCHER);
    }
}
