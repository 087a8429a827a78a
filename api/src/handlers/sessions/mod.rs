//! Ending sessions (#20): logout, and a password change that ends the user's other tokens.

pub mod password;
pub mod revoke;
