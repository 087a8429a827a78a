//! Secrets at rest: access-key secrets are sealed with AES-256-GCM under the master key; the
//! JWT signing key is derived from the same master key.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;

/// A value that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(v: T) -> Self {
        Secret(v)
    }
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone)]
pub struct Vault {
    cipher: Aes256Gcm,
    jwt_key: Secret<Vec<u8>>,
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Vault(***)")
    }
}

const PREFIX: &str = "v1:";

impl Vault {
    pub fn new(master_key: &Secret<[u8; 32]>) -> Self {
        let cipher = Aes256Gcm::new(master_key.expose().into());
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master_key.expose())
            .unwrap_or_else(|_| unreachable_hmac());
        mac.update(b"partner-bss jwt signing key v1");
        Vault {
            cipher,
            jwt_key: Secret(mac.finalize().into_bytes().to_vec()),
        }
    }

    /// Parses a master key given as 64 hex characters or standard base64 of 32 bytes.
    pub fn parse_master_key(s: &str) -> Option<Secret<[u8; 32]>> {
        let s = s.trim();
        let bytes = hex::decode(s).ok().or_else(|| B64.decode(s).ok())?;
        let key: [u8; 32] = bytes.try_into().ok()?;
        Some(Secret(key))
    }

    pub fn generate_master_key() -> Secret<[u8; 32]> {
        Secret(rand::random())
    }

    pub fn seal(&self, plain: &str) -> Result<String, String> {
        let nonce_bytes: [u8; 12] = rand::random();
        let ct = self
            .cipher
            .encrypt(&Nonce::from(nonce_bytes), plain.as_bytes())
            .map_err(|_| "encryption failed".to_owned())?;
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&ct);
        Ok(format!("{PREFIX}{}", B64.encode(out)))
    }

    pub fn open(&self, sealed: &str) -> Result<Secret<Vec<u8>>, String> {
        let raw = sealed
            .strip_prefix(PREFIX)
            .and_then(|b| B64.decode(b).ok())
            .ok_or_else(|| "sealed secret is malformed".to_owned())?;
        if raw.len() < 12 {
            return Err("sealed secret is too short".to_owned());
        }
        let (nonce, ct) = raw.split_at(12);
        let nonce: [u8; 12] = nonce
            .try_into()
            .map_err(|_| "sealed secret is malformed".to_owned())?;
        self.cipher
            .decrypt(&Nonce::from(nonce), ct)
            .map(Secret)
            .map_err(|_| "sealed secret does not open with this master key".to_owned())
    }

    pub fn jwt_key(&self) -> &[u8] {
        self.jwt_key.expose()
    }
}

/// HMAC accepts keys of any length, so construction cannot fail.
fn unreachable_hmac() -> Hmac<Sha256> {
    unreachable!("HMAC-SHA256 accepts any key length")
}

/// Random printable credentials, in the shape of Huawei's (20-character AK, 40-character SK).
pub fn generate_access_key() -> (String, String) {
    (random_alnum(20, true), random_alnum(40, false))
}

fn random_alnum(len: usize, upper_only: bool) -> String {
    const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const MIXED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let set = if upper_only { UPPER } else { MIXED };
    (0..len)
        .map(|_| char::from(set[rand::random::<usize>() % set.len()]))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn seal_and_open_round_trip_and_never_print() {
        let v = Vault::new(&Vault::generate_master_key());
        let sealed = v.seal("my-secret-key").unwrap();
        assert!(!sealed.contains("my-secret-key"));
        assert_eq!(v.open(&sealed).unwrap().expose(), b"my-secret-key");
        let other = Vault::new(&Vault::generate_master_key());
        assert!(other.open(&sealed).is_err());
        assert_eq!(format!("{:?}", Secret::new("x")), "Secret(***)");
    }

    #[test]
    fn master_keys_parse_from_hex_or_base64() {
        assert!(Vault::parse_master_key(&"ab".repeat(32)).is_some());
        assert!(Vault::parse_master_key(&B64.encode([7u8; 32])).is_some());
        assert!(Vault::parse_master_key("short").is_none());
    }
}
