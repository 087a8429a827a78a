//! Repositories: one module per table family, functions over `&mut DbConnection`.

pub mod accounts;
pub mod channel;
pub mod coupons;
pub mod credentials;
pub mod customer_invitations;
pub mod customers;
pub mod idempotency;
pub mod ledger;
pub mod ledger_query;
pub mod orders;
pub mod outbox;
pub mod partners;
pub mod programs;
pub mod query;
pub mod refunds;
pub mod reseller_invitations;
pub mod sub_customers;
pub mod users;
pub mod verification;
