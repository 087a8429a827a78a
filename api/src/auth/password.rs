//! Password hashing with Argon2id; only the PHC string is stored.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash(password: &str) -> Result<String, String> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the same time as a real check, so an unknown user name is not revealed by timing.
pub fn verify_dummy(password: &str) {
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Nq0qJkq0aWc1R0oGq7U5o1bJ4sHxgPZ7j1b9U5vQ1A";
    let _ = verify(password, DUMMY);
}

/// Checks the password rules and hashes it off the async reactor; `None` stays `None`.
pub async fn hash_optional(password: Option<&str>) -> Result<Option<String>, crate::ApiError> {
    let Some(p) = password else { return Ok(None) };
    domain::identity::check_password(p)?;
    let p = p.to_owned();
    let hashed = actix_web::web::block(move || hash(&p)).await?;
    hashed.map(Some).map_err(crate::ApiError::Internal)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn hashes_verify_and_differ() {
        let a = super::hash("Passw0rd!").unwrap();
        let b = super::hash("Passw0rd!").unwrap();
        assert_ne!(a, b);
        assert!(super::verify("Passw0rd!", &a));
        assert!(!super::verify("wrong", &a));
        assert!(!super::verify("x", "not a hash"));
    }
}
