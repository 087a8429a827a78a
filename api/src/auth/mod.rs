//! Who is calling: AK/SK signatures (SDK-HMAC-SHA256) or JWT tokens, resolved to a [`Caller`].

pub mod caller;
pub mod credentials;
pub mod ip_budget;
pub mod key_uses;
pub mod lockout;
pub mod password;
pub mod principal;
pub mod token;
pub mod vault;

pub use caller::Caller;
pub use principal::{CustomerPrincipal, PartnerUser, Principal};
pub use vault::{Secret, Vault};
