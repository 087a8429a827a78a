//! Server-side verification of a signed request.

use crate::authorization::{check_signed_headers, Authorization};
use crate::canonical::{canonical_request, find_header, header_text, string_to_sign, RequestParts};
use crate::crypto::{constant_time_eq, sha256_hex};
use crate::{parse_sdk_date, signature, SignatureError, MAX_CLOCK_SKEW_SECS};

/// Full check. `auth` is the parsed header (the caller parsed it to find the AK and look up the SK).
/// `now_unix` is injected (tests use the vector's date).
pub fn verify(
    parts: &RequestParts,
    auth: &Authorization,
    secret_key: &[u8],
    now_unix: i64,
) -> Result<(), SignatureError> {
    // `auth` may have been built by hand rather than by `parse_authorization`.
    check_signed_headers(&auth.signed_headers)?;

    let date =
        header_text(find_header(&parts.headers, "x-sdk-date")?.ok_or(SignatureError::MissingDate)?);
    let signed_at = parse_sdk_date(&date)?;
    if now_unix.abs_diff(signed_at) > MAX_CLOCK_SKEW_SECS.unsigned_abs() {
        return Err(SignatureError::ClockSkew);
    }

    // X-Sdk-Content-Sha256 replaces the body hash, so an unsigned one would let anyone swap the body,
    // and a signed hash must match the body actually received.
    if let Some(raw) = find_header(&parts.headers, "x-sdk-content-sha256")? {
        if !auth
            .signed_headers
            .iter()
            .any(|h| h == "x-sdk-content-sha256")
        {
            return Err(SignatureError::Mismatch);
        }
        let claimed = header_text(raw);
        if claimed != "UNSIGNED-PAYLOAD" && !claimed.eq_ignore_ascii_case(&sha256_hex(parts.body)) {
            return Err(SignatureError::Mismatch);
        }
    }

    let canonical = canonical_request(parts, &auth.signed_headers)?;
    let expected = signature(secret_key, &string_to_sign(&date, &canonical));
    if constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{parse_authorization, sign, EMPTY_PAYLOAD_SHA256};

    const AK: &str = "AK0001";
    const SK: &str = "secret-key";
    const DATE: &str = "20261125T122324Z";
    const NOW: i64 = 1_795_609_404;

    struct Req {
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    }

    impl Req {
        fn new(body: &[u8]) -> Self {
            let headers = vec![
                ("Host", "api.example.com:8443".to_owned()),
                ("X-Sdk-Date", DATE.to_owned()),
                ("Content-Type", "application/json".to_owned()),
            ];
            Self {
                headers,
                body: body.to_vec(),
            }
        }

        fn sign(&self) -> String {
            let h: Vec<(&str, &str)> = self.headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            sign("POST", "/v1/items/a%20b", "z=1&a=2", &h, &self.body, AK, SK)
        }

        fn check_with(
            &self,
            authorization: &str,
            secret: &str,
            now: i64,
        ) -> Result<(), SignatureError> {
            let auth = parse_authorization(authorization)?;
            let parts = RequestParts {
                method: "POST",
                raw_path: "/v1/items/a%20b",
                raw_query: "z=1&a=2",
                headers: self
                    .headers
                    .iter()
                    .map(|(k, v)| (*k, v.as_bytes()))
                    .collect(),
                body: &self.body,
            };
            verify(&parts, &auth, secret.as_bytes(), now)
        }

        fn check(&self, authorization: &str) -> Result<(), SignatureError> {
            self.check_with(authorization, SK, NOW)
        }
    }

    #[test]
    fn sign_then_verify() {
        let r = Req::new(b"{\"a\":1}");
        let auth = r.sign();
        assert!(auth.starts_with(
            "SDK-HMAC-SHA256 Access=AK0001, SignedHeaders=content-type;host;x-sdk-date, Signature="
        ));
        assert_eq!(r.check(&auth), Ok(()));
    }

    #[test]
    fn wrong_secret() {
        let r = Req::new(b"{}");
        assert_eq!(
            r.check_with(&r.sign(), "secret-kez", NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            r.check_with(&r.sign(), "", NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn one_flipped_signature_digit_is_rejected() {
        let r = Req::new(b"{}");
        let mut auth = r.sign();
        let last = auth.pop().unwrap();
        auth.push(if last == '0' { '1' } else { '0' });
        assert_eq!(r.check(&auth), Err(SignatureError::Mismatch));
    }

    #[test]
    fn clock_skew_boundary() {
        let r = Req::new(b"");
        let auth = r.sign();
        for now in [NOW - 900, NOW - 1, NOW, NOW + 1, NOW + 900] {
            assert_eq!(r.check_with(&auth, SK, now), Ok(()), "{now}");
        }
        for now in [NOW - 901, NOW + 901, i64::MIN, i64::MAX, 0] {
            assert_eq!(
                r.check_with(&auth, SK, now),
                Err(SignatureError::ClockSkew),
                "{now}"
            );
        }
    }

    #[test]
    fn missing_and_malformed_date() {
        let mut r = Req::new(b"");
        let auth = r.sign();
        r.headers.retain(|(k, _)| *k != "X-Sdk-Date");
        assert_eq!(r.check(&auth), Err(SignatureError::MissingDate));
        r.headers
            .push(("x-sdk-date", "2026-11-25T12:23:24Z".to_owned()));
        assert_eq!(r.check(&auth), Err(SignatureError::MalformedDate));
    }

    #[test]
    fn duplicate_date_header_is_rejected() {
        let mut r = Req::new(b"");
        let auth = r.sign();
        r.headers.push(("x-sdk-date", DATE.to_owned()));
        assert_eq!(r.check(&auth), Err(SignatureError::Mismatch));
    }

    #[test]
    fn signed_header_missing_from_request() {
        let mut r = Req::new(b"");
        let auth = r.sign();
        r.headers.retain(|(k, _)| *k != "Content-Type");
        assert_eq!(
            r.check(&auth),
            Err(SignatureError::MissingSignedHeader(
                "content-type".to_owned()
            ))
        );
    }

    #[test]
    fn header_lookup_is_case_insensitive_and_values_trimmed() {
        let r = Req::new(b"x");
        let auth = r.sign();
        let mut upper = Req::new(b"x");
        upper.headers = vec![
            ("HOST", "  api.example.com:8443".to_owned()),
            ("x-sdk-date", format!("{DATE}\t")),
            ("content-TYPE", "application/json ".to_owned()),
            ("X-Unsigned", "anything".to_owned()),
        ];
        assert_eq!(upper.check(&auth), Ok(()));
    }

    #[test]
    fn tampered_parts_are_rejected() {
        let r = Req::new(b"{\"amount\":1}");
        let auth = r.sign();
        let mut body = Req::new(b"{\"amount\":9}");
        assert_eq!(body.check(&auth), Err(SignatureError::Mismatch));
        body = Req::new(b"{\"amount\":1}");
        body.headers[0].1 = "api.example.com:8444".to_owned();
        assert_eq!(body.check(&auth), Err(SignatureError::Mismatch));
    }

    #[test]
    fn hand_built_authorization_must_sign_host_and_date() {
        let r = Req::new(b"");
        let mut auth = parse_authorization(&r.sign()).unwrap();
        auth.signed_headers.retain(|h| h != "host");
        let parts = RequestParts {
            method: "POST",
            raw_path: "/v1/items/a%20b",
            raw_query: "z=1&a=2",
            headers: r.headers.iter().map(|(k, v)| (*k, v.as_bytes())).collect(),
            body: &r.body,
        };
        assert_eq!(
            verify(&parts, &auth, SK.as_bytes(), NOW),
            Err(SignatureError::MalformedAuthorization)
        );
    }

    #[test]
    fn unsupported_algorithm_and_garbled_header() {
        let r = Req::new(b"");
        let auth = r.sign().replacen("SDK-HMAC-SHA256", "SDK-HMAC-SHA1", 1);
        assert_eq!(r.check(&auth), Err(SignatureError::UnsupportedAlgorithm));
        assert_eq!(
            r.check("SDK-HMAC-SHA256 nonsense"),
            Err(SignatureError::MalformedAuthorization)
        );
        assert_eq!(r.check(""), Err(SignatureError::MissingAuthorization));
    }

    #[test]
    fn content_sha256_header_must_be_signed_and_consistent() {
        // Signed UNSIGNED-PAYLOAD: the body is not covered, as in the SDK.
        let mut r = Req::new(b"original");
        r.headers
            .push(("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD".to_owned()));
        let auth = r.sign();
        assert_eq!(r.check(&auth), Ok(()));
        r.body = b"other".to_vec();
        assert_eq!(r.check(&auth), Ok(()));

        // A signed literal hash must match the body received.
        let mut r = Req::new(b"");
        r.headers
            .push(("X-Sdk-Content-Sha256", EMPTY_PAYLOAD_SHA256.to_owned()));
        let auth = r.sign();
        assert_eq!(r.check(&auth), Ok(()));
        r.body = b"smuggled".to_vec();
        assert_eq!(r.check(&auth), Err(SignatureError::Mismatch));

        // An unsigned override would let anyone swap the body.
        let mut r = Req::new(b"");
        let auth = r.sign();
        r.headers
            .push(("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD".to_owned()));
        r.body = b"smuggled".to_vec();
        assert_eq!(r.check(&auth), Err(SignatureError::Mismatch));
    }

    #[test]
    fn error_messages_are_short_and_escaped() {
        let e = SignatureError::MissingSignedHeader("x\ny".to_owned());
        assert_eq!(e.to_string(), "signed header missing from request: x\\ny");
        assert_eq!(SignatureError::Mismatch.to_string(), "signature mismatch");
    }
}
