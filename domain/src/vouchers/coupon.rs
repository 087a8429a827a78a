//! A customer's coupon as the rules and the wire see it.

use crate::coded_enum;
use crate::vouchers::scope::CouponScope;
use crate::Money;
use rust_decimal::Decimal;

coded_enum! {
    /// 1 voucher (代金券; PayOrders `type` 301), 2 discount coupon (折扣券; 300, its face value
    /// is the share paid, 0.80 = pay 80 %), 3 product coupon (cannot pay orders here), 4 cash
    /// coupon (现金券; 302).
    pub enum CouponType: int {
        Voucher = 1,
        DiscountCoupon = 2,
        ProductCoupon = 3,
        CashCoupon = 4,
    }
}

coded_enum! {
    /// 1 not activated, 2 usable, 3 used, 4 expired, 5 reclaimed.
    pub enum CouponStatus: int {
        NotActivated = 1,
        Usable = 2,
        Used = 3,
        Expired = 4,
        Reclaimed = 5,
    }
}

/// A coupon's face value as granted: an amount for vouchers and cash coupons, and for a
/// discount coupon the share still paid, a ratio strictly between 0 and 1 (0.80: pay 80 %).
pub fn face_value(coupon_type: CouponType, face: Decimal) -> Result<Money, crate::Violation> {
    let amount = || {
        crate::money::Amount::from_decimal(face)
            .map(crate::money::Amount::money)
            .map_err(|e| crate::Violation::param(format!("face_value {e}")))
    };
    match coupon_type {
        CouponType::DiscountCoupon if face > Decimal::ZERO && face < Decimal::ONE => amount(),
        CouponType::DiscountCoupon => Err(crate::Violation::param(
            "face_value of a discount coupon (coupon_type 2) is the share paid: a ratio in (0, 1) with at most two decimals",
        )),
        _ => amount(),
    }
}

/// A coupon's combination limits (its `use_limits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CouponLimits {
    pub with_partner_discount: bool,
    pub with_contract_discount: bool,
    pub with_promotion_discount: bool,
    pub min_consume_discount: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct CouponFacts {
    pub id: String,
    pub coupon_type: CouponType,
    pub status: CouponStatus,
    pub balance: Money,
    pub effective_time: i64,
    pub expire_time: i64,
    pub limits: CouponLimits,
    /// Service-type and product limits (partner coupons).
    pub scope: CouponScope,
    /// A test voucher (S15): it pays no yearly/monthly subscription of a year or more.
    pub test_voucher: bool,
}

/// A coupon with what payment rules read ([`CouponFacts`]) and what people are shown.
#[derive(Debug, Clone)]
pub struct Coupon {
    pub facts: CouponFacts,
    pub customer_id: String,
    pub source: String,
    pub partner_id: Option<String>,
    pub quota_id: Option<String>,
    pub face_value: Money,
    pub used_by_order_id: Option<String>,
    pub last_used_time: Option<i64>,
    pub memo: Option<String>,
    pub create_time: i64,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    #[test]
    fn face_values() {
        let d = |s| Decimal::from_str(s).unwrap();
        let ok = |t, s| face_value(t, d(s)).map(Money::cents);
        assert_eq!(ok(CouponType::DiscountCoupon, "0.80"), Ok(80));
        assert_eq!(ok(CouponType::DiscountCoupon, "0.01"), Ok(1));
        for bad in ["0", "1", "1.00", "5", "0.805", "-0.5"] {
            assert!(ok(CouponType::DiscountCoupon, bad).is_err(), "{bad}");
        }
        assert_eq!(ok(CouponType::Voucher, "5"), Ok(500));
        assert_eq!(ok(CouponType::CashCoupon, "0.80"), Ok(80));
        assert!(ok(CouponType::Voucher, "0").is_err());
    }
}
