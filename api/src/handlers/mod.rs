//! HTTP handlers, one module per resource.

pub mod accounts;
pub mod operator;
pub mod ops;
pub mod programs;
pub mod tokens;
