//! `POST /v2/auth/tokens`: name and password to a token.

use crate::auth::password;
use crate::service::Failure;
use persistence::repo::{credentials, customers, users};
use persistence::DbConnection;

/// The stored password hash and principal kind/id for a login name.
pub fn find(
    conn: &mut DbConnection,
    name: &str,
) -> Result<Option<(String, &'static str, String)>, Failure> {
    if let Some(u) = users::find_by_name(conn, name)? {
        return Ok(u
            .password_hash
            .map(|h| (h, credentials::PARTNER_USER, u.id)));
    }
    if let Some(c) = customers::find_by_domain_name(conn, name)? {
        return Ok(c.password_hash.map(|h| (h, credentials::CUSTOMER, c.id)));
    }
    Ok(None)
}

/// Checks the password, spending the same effort when the name is unknown.
pub fn check(found: Option<&(String, &'static str, String)>, pw: &str) -> bool {
    match found {
        Some((hash, _, _)) => password::verify(pw, hash),
        None => {
            password::verify_dummy(pw);
            false
        }
    }
}
