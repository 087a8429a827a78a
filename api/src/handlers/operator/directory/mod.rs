//! The operator's directory (`GET /v2/operator/partners`, `GET /v2/operator/customers`):
//! search every partner and customer, paged by key.

pub mod customers;
mod input;
mod json;
pub mod partners;
