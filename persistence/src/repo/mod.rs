//! Repositories: one module per table family, functions over `&mut DbConnection`.

pub mod accounts;
pub mod channel;
pub mod coupon_records;
pub mod coupons;
pub mod credentials;
pub mod customer_invitations;
pub mod customers;
pub mod idempotency;
pub mod ledger;
pub mod ledger_query;
pub mod orders;
pub mod outbox;
pub mod partner_coupons;
pub mod partners;
pub mod programs;
pub mod query;
pub mod quota_query;
pub mod quota_records;
pub mod quotas;
pub mod refunds;
pub mod reseller_invitations;
pub mod sub_customers;
pub mod test_coupons;
pub mod users;
pub mod verification;
pub mod vouchers_audit;
