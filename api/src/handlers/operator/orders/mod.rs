//! The operator's order set-up: orders pending payment, and refunds.

pub mod create;
pub mod input;
pub mod unsubscribe;
