//! Orders (S17, S19): one action per file; what they are sent in `input`, what they answer in
//! `json`.

pub mod cancel;
pub mod details;
pub mod discounts;
pub mod input;
pub mod json;
pub mod list;
pub mod order_coupons;
pub mod partner_pay;
pub mod partner_reject;
pub mod pay;
pub mod payment_requests;
pub mod refunds;
pub mod request_partner_payment;
pub mod sub_customer_coupons;
