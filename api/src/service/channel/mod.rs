//! Use cases of the channel network and of partners' customers: reseller invitations (S3),
//! account managers (S1), sub-customers and their invitations (S11), verification codes.

pub mod account_managers;
pub mod association;
pub mod customer_invitations;
pub mod indirect_partners;
pub mod outbox;
pub mod registration;
pub mod relationships;
pub mod reseller_invitations;
pub mod scope;
pub mod sub_customers;
pub mod verification;
