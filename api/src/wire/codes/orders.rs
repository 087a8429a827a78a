//! Orders, payment and coupons as PayOrders sees them.

use crate::wire::{Code, CodeText};

codes! {
    AgentPayStatus = Code<domain::orders::AgentPayStatus>;
    CouponStatus = Code<domain::vouchers::coupon::CouponStatus>;
    CouponType = Code<domain::vouchers::coupon::CouponType>;
    CreatableOrderType = Code<domain::orders::CreatableOrderType>;
    DiscountMode = Code<domain::payment::DiscountMode>;
    DiscountType = Code<domain::payment::DiscountType>;
    OrderSort = Code<domain::orders::OrderSort>;
    OrderStatus = Code<domain::orders::OrderStatus>;
    OrderTypeText = CodeText<domain::orders::OrderType>;
    OrderType = Code<domain::orders::OrderType>;
    OrdersOf = Code<domain::orders::OrdersOf>;
    PayCouponType = Code<domain::payment::PayCouponType>;
    PeriodType = Code<domain::orders::PeriodType>;
}
