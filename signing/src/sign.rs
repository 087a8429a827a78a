//! Client-side signing, producing the same Authorization header as the SDK.

use crate::canonical::{assemble, payload_hash, py_strip, string_to_sign};
use crate::{signature, ALGORITHM};

/// Client side: signs like the SDK. Adds nothing itself: `headers` must already contain every header
/// to be signed (Host, X-Sdk-Date, Content-Type, ...); the SDK signs every header it set itself except
/// names containing '_'. Returns the Authorization header value.
///
/// `raw_path` / `raw_query` are as they will be sent (use [`crate::encode_component`] and
/// [`crate::build_query`]). A repeated header name keeps its last value, like the SDK's header dict;
/// without an X-Sdk-Date header the date in the string to sign is empty and nothing will verify.
pub fn sign(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    access_key: &str,
    secret_key: &str,
) -> String {
    let mut lines: Vec<(String, String)> = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        let value = py_strip(value).to_owned();
        match lines.iter_mut().find(|(n, _)| *n == name) {
            Some(line) => line.1 = value,
            None => lines.push((name, value)),
        }
    }
    let value_of = |wanted: &str| {
        lines
            .iter()
            .find(|(n, _)| n == wanted)
            .map(|(_, v)| v.as_str())
    };
    let date = value_of("x-sdk-date").unwrap_or_default().to_owned();
    let payload_hash = payload_hash(value_of("x-sdk-content-sha256").map(str::as_bytes), body);

    let mut signed: Vec<(&str, String)> = lines
        .iter()
        .filter(|(n, _)| !n.contains('_'))
        .map(|(n, v)| (n.as_str(), v.clone()))
        .collect();
    signed.sort();
    let canonical = assemble(method, raw_path, raw_query, &signed, &payload_hash);
    let sig = signature(secret_key.as_bytes(), &string_to_sign(&date, &canonical));
    let names: Vec<&str> = signed.iter().map(|(n, _)| *n).collect();
    format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={sig}",
        names.join(";")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscore_headers_are_not_signed() {
        let headers = [
            ("Host", "h"),
            ("X-Sdk-Date", "20261125T122324Z"),
            ("X_Custom", "v"),
        ];
        let auth = sign("GET", "/", "", &headers, b"", "AK", "SK");
        assert!(auth.contains("SignedHeaders=host;x-sdk-date, "), "{auth}");
        let without = sign("GET", "/", "", &headers[..2], b"", "AK", "SK");
        assert_eq!(auth, without);
    }

    #[test]
    fn repeated_names_keep_the_last_value() {
        let a = sign(
            "GET",
            "/",
            "",
            &[("Host", "x"), ("host", "h"), ("X-Sdk-Date", "d")],
            b"",
            "AK",
            "SK",
        );
        let b = sign(
            "GET",
            "/",
            "",
            &[("host", "h"), ("X-Sdk-Date", "d")],
            b"",
            "AK",
            "SK",
        );
        assert_eq!(a, b);
        assert!(a.contains("SignedHeaders=host;x-sdk-date, "));
    }

    #[test]
    fn method_case_does_not_matter() {
        let h = [("Host", "h"), ("X-Sdk-Date", "20261125T122324Z")];
        assert_eq!(
            sign("get", "/a", "", &h, b"", "AK", "SK"),
            sign("GET", "/a", "", &h, b"", "AK", "SK")
        );
    }
}
