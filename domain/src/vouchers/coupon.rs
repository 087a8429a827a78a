//! A customer's coupon as the rules and the wire see it.

use crate::coded_enum;
use crate::vouchers::scope::CouponScope;
use crate::Money;
use rust_decimal::Decimal;

coded_enum! {
    /// 1 voucher (代金券), 2 discount coupon (折扣券), 3 product coupon, 4 cash coupon (现金券).
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
