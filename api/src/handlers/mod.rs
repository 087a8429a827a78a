//! HTTP handlers, one module per resource.

pub mod channel;
pub mod operator;
pub mod ops;
pub mod tokens;
