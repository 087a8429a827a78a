//! Hashing, HMAC and the constant-time comparison.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Lower-hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Lower-hex HMAC-SHA256 of `string_to_sign` keyed directly with the secret key (the SDK derives no key).
pub fn signature(secret_key: &[u8], string_to_sign: &str) -> String {
    // HMAC accepts keys of any length, so this never fails; an empty string can never match a signature.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret_key) else {
        return String::new();
    };
    mac.update(string_to_sign.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Constant-time equality (length is not secret: every signature is 64 hex digits).
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_payload_hash() {
        assert_eq!(sha256_hex(b""), crate::EMPTY_PAYLOAD_SHA256);
    }

    #[test]
    fn hmac_rfc4231_case_2() {
        assert_eq!(
            signature(b"Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn constant_time_eq_semantics() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(constant_time_eq(b"", b""));
    }
}
