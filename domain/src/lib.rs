//! Pure business rules of Partner BSS: money, identities, validation and eligibility.
//! Nothing here does I/O; every rule is a function over plain data.

pub mod association;
pub mod calls;
pub mod channel;
pub mod clock;
pub mod code;
pub mod codes;
pub mod consumption;
pub mod currency;
pub mod directory;
pub mod events;
pub mod identity;
pub mod invitation;
pub mod leads;
pub mod ledger;
pub mod lifecycle;
pub mod limits;
pub mod money;
pub mod names;
pub mod opportunities;
pub mod orders;
pub mod outbox;
pub mod paging;
pub mod payment;
mod payment_tests;
pub mod period;
pub mod programs;
pub mod realname;
pub mod relationships;
pub mod sub_customer;
pub mod text;
pub mod verification;
pub mod violation;
pub mod vouchers;
pub mod webhooks;

pub use clock::{Clock, ManualClock, SandboxClock, SystemClock};
pub use money::{Amount, Money, MoneyError};
pub use violation::Violation;
