//! The closed sets DTOs carry, each as [`Code`] (or [`CodeText`]) of its domain enum. Named
//! here so the OpenAPI derive sees one plain type per set, and registered for the document.

use super::{Code, CodeText};

macro_rules! codes {
    ($($name:ident = $ty:ty;)*) => {
        $(
            pub type $name = $ty;
            $crate::register!($name);
        )*
    };
}

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
