//! Use cases: each owns its transaction and calls domain rules and repositories.

pub mod access_keys;
pub mod acting;
pub mod bootstrap;
pub mod calls;
pub mod channel;
pub mod consumption;
pub mod credentials_life;
pub mod customers;
pub mod delivery;
pub mod directory;
pub mod leads;
pub mod login;
pub mod money;
pub mod opportunities;
pub mod orders;
pub mod partner_status;
pub mod partners;
pub mod people;
pub mod programs;
pub mod realname;
pub mod time_driven;
pub mod transfers;
pub mod users;
pub mod vouchers;

mod failure;

pub use failure::{Failure, Outcome};

/// The error for an id in a path that does not exist or is not the caller's.
pub fn not_found(what: &str) -> Failure {
    Failure::not_found(what)
}
