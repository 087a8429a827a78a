//! Repositories: one module per table family, functions over `&mut DbConnection`.

pub mod accounts;
pub mod credentials;
pub mod customers;
pub mod idempotency;
pub mod ledger;
pub mod ledger_query;
pub mod partners;
pub mod programs;
pub mod users;
