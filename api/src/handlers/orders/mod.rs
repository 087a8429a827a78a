//! Orders and payment (S17, S19): Huawei's real order operations, the partner-payment flow,
//! and the shared order views.

pub mod cancel;
pub mod coupons;
pub mod details;
pub mod discounts;
pub mod fields;
pub mod list;
pub mod partner_pay;
pub mod pay;
pub mod refunds;
pub mod view;
