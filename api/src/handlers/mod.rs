//! HTTP handlers, one module per resource.

pub mod accounts;
pub mod channel;
pub mod operator;
pub mod ops;
pub mod orders;
pub mod programs;
pub mod tokens;
pub mod vouchers;
