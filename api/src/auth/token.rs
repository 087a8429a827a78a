//! Tokens from `POST /v2/auth/tokens`: HS256 JWTs valid 24 h, sent as `X-Auth-Token`.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user's or customer's id.
    pub sub: String,
    /// `partner_user` or `customer`.
    pub kind: String,
    pub iat: i64,
    pub exp: i64,
    pub jti: String,
}

/// A signed token and its id (`jti`), which is recorded so the token can be revoked.
pub fn issue(
    key: &[u8],
    kind: &str,
    sub: &str,
    now: i64,
    ttl: i64,
) -> Result<(String, String), String> {
    let claims = Claims {
        sub: sub.to_owned(),
        kind: kind.to_owned(),
        iat: now,
        exp: now + ttl,
        jti: uuid::Uuid::new_v4().simple().to_string(),
    };
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(key),
    )
    .map(|t| (t, claims.jti))
    .map_err(|e| e.to_string())
}

/// Checks signature and expiry against the injected clock.
pub fn check(key: &[u8], token: &str, now: i64) -> Option<Claims> {
    let mut v = Validation::new(Algorithm::HS256);
    v.validate_exp = false;
    v.required_spec_claims.clear();
    let data = decode::<Claims>(token, &DecodingKey::from_secret(key), &v).ok()?;
    (data.claims.exp > now && data.claims.iat <= now + 300).then_some(data.claims)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn tokens_expire_and_need_the_key() {
        let (t, _) = issue(b"k1", "customer", "c1", 1000, 86400).unwrap();
        assert_eq!(check(b"k1", &t, 2000).unwrap().sub, "c1");
        assert!(check(b"k1", &t, 1000 + 86400).is_none());
        assert!(check(b"k2", &t, 2000).is_none());
        assert!(check(b"k1", "garbage", 2000).is_none());
    }
}
