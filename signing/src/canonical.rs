//! The canonical request: URI, query string, headers and payload hash, exactly as the SDK builds them.

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::crypto::sha256_hex;
use crate::{SignatureError, ALGORITHM};

/// The parts of an incoming HTTP request that signing looks at.
#[derive(Debug, Clone)]
pub struct RequestParts<'a> {
    /// HTTP method, any case.
    pub method: &'a str,
    /// As on the wire, still percent-encoded, no query.
    pub raw_path: &'a str,
    /// Without the leading '?', may be "".
    pub raw_query: &'a str,
    /// Name (any case), raw value bytes.
    pub headers: Vec<(&'a str, &'a [u8])>,
    pub body: &'a [u8],
}

/// Python's `quote(s, safe='~')`: RFC 3986 unreserved characters stay, everything else is `%XX`.
const UNRESERVED_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";

/// Percent-encodes one path segment / query component with the SDK's rule (UTF-8, upper-hex).
pub fn encode_component(s: &str) -> String {
    encode_bytes(s.as_bytes())
}

fn encode_bytes(b: &[u8]) -> String {
    percent_encode(b, UNRESERVED_KEPT).to_string()
}

/// Decodes `%XX` to bytes; a malformed escape stays literal (like Python's `unquote`), `+` is not a space.
///
/// Working on bytes instead of Python's lossy text keeps the canonical form injective; for every valid
/// UTF-8 result (all the SDK can produce) the outcome is identical.
fn decode(s: &str) -> Cow<'_, [u8]> {
    percent_decode_str(s).into()
}

/// Canonical URI: decode fully, split on `/` (so `%2F` becomes a separator), re-encode each segment,
/// and make sure it ends with `/`.
pub fn canonical_uri(raw_path: &str) -> String {
    let decoded = decode(raw_path);
    let mut out = decoded
        .split(|&b| b == b'/')
        .map(encode_bytes)
        .collect::<Vec<_>>()
        .join("/");
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Canonical query string: decode each `k=v` pair, sort by (key, value), re-encode, join with `&`.
pub fn canonical_query(raw_query: &str) -> String {
    let mut pairs: Vec<_> = raw_query
        .split('&')
        // Empty segments ("a=1&&b=2", a trailing '&') carry no parameter; the SDK never sends them.
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (k, v) = segment.split_once('=').unwrap_or((segment, ""));
            (decode(k), decode(v))
        })
        .collect();
    // Byte order of UTF-8 equals the code-point order Python sorts by.
    pairs.sort();
    join_pairs(pairs.iter().map(|(k, v)| (&**k, &**v)))
}

/// Builds the canonical (= as-sent by the SDK) query string from decoded pairs.
pub fn build_query(pairs: &[(&str, &str)]) -> String {
    let mut sorted: Vec<(&[u8], &[u8])> = pairs
        .iter()
        .map(|(k, v)| (k.as_bytes(), v.as_bytes()))
        .collect();
    sorted.sort();
    join_pairs(sorted.into_iter())
}

fn join_pairs<'p>(pairs: impl Iterator<Item = (&'p [u8], &'p [u8])>) -> String {
    pairs
        .map(|(k, v)| format!("{}={}", encode_bytes(k), encode_bytes(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Python's `str.strip()`: Unicode whitespace plus the ASCII separators U+001C..U+001F.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// A header value as the SDK canonicalises it: UTF-8 text, stripped.
pub(crate) fn header_text(raw: &[u8]) -> String {
    py_strip(&String::from_utf8_lossy(raw)).to_owned()
}

/// The payload hash used when `X-Sdk-Content-Sha256` is set. The SDK reads it back after re-storing
/// every header as `stripped.encode('utf-8').decode('iso-8859-1')`, so non-ASCII bytes become U+00XX.
pub(crate) fn content_sha256_literal(raw: &[u8]) -> String {
    header_text(raw).bytes().map(char::from).collect()
}

/// The payload part of the canonical request, as the SDK's `_process_hash_payload`: no body is
/// the empty payload whatever the header says; otherwise an `X-Sdk-Content-Sha256` literal
/// (`UNSIGNED-PAYLOAD`) replaces the body's hash.
pub(crate) fn payload_hash(content_sha256: Option<&[u8]>, body: &[u8]) -> String {
    match content_sha256 {
        Some(raw) if !body.is_empty() => content_sha256_literal(raw),
        _ => sha256_hex(body),
    }
}

/// Finds a header case-insensitively. A repeated header is ambiguous (the SDK never sends one), so it
/// is treated as a mismatch rather than guessing which copy was signed.
pub(crate) fn find_header<'h>(
    headers: &[(&str, &'h [u8])],
    name: &str,
) -> Result<Option<&'h [u8]>, SignatureError> {
    let mut found = None;
    for (n, v) in headers {
        if n.eq_ignore_ascii_case(name) {
            if found.is_some() {
                return Err(SignatureError::Mismatch);
            }
            found = Some(*v);
        }
    }
    Ok(found)
}

/// Builds the canonical request for `signed_headers` (used verbatim and in the given order).
pub fn canonical_request(
    parts: &RequestParts,
    signed_headers: &[String],
) -> Result<String, SignatureError> {
    let mut lines = Vec::with_capacity(signed_headers.len());
    for name in signed_headers {
        let raw = find_header(&parts.headers, name)?
            .ok_or_else(|| SignatureError::MissingSignedHeader(name.clone()))?;
        lines.push((name.as_str(), header_text(raw)));
    }
    let payload_hash = payload_hash(
        find_header(&parts.headers, CONTENT_SHA256_HEADER)?,
        parts.body,
    );
    Ok(assemble(
        parts.method,
        parts.raw_path,
        parts.raw_query,
        &lines,
        &payload_hash,
    ))
}

/// Joins the six parts; `headers` are (signed name, canonical value) in SignedHeaders order.
pub(crate) fn assemble(
    method: &str,
    raw_path: &str,
    raw_query: &str,
    headers: &[(&str, String)],
    payload_hash: &str,
) -> String {
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed: Vec<&str> = headers.iter().map(|(n, _)| *n).collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        method.to_uppercase(),
        canonical_uri(raw_path),
        canonical_query(raw_query),
        canonical_headers,
        signed.join(";"),
        payload_hash
    )
}

/// `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex sha256 of the canonical request>`.
pub fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn uri_encoded_slash_becomes_separator() {
        assert_eq!(
            canonical_uri("/v2/orders/customer-orders/details/CS%2012%2F34"),
            "/v2/orders/customer-orders/details/CS%2012/34/"
        );
        assert_eq!(canonical_uri("/a%2fb"), "/a/b/");
    }

    #[test]
    fn uri_trailing_slash() {
        assert_eq!(canonical_uri("/v2/balances"), "/v2/balances/");
        assert_eq!(canonical_uri("/v2/balances/"), "/v2/balances/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("//a//"), "//a//");
    }

    #[test]
    fn uri_space_and_reencoding() {
        assert_eq!(canonical_uri("/a%20b"), "/a%20b/");
        assert_eq!(canonical_uri("/a b"), "/a%20b/");
        assert_eq!(canonical_uri("/a+b"), "/a%2Bb/");
        assert_eq!(canonical_uri("/%7e%41-_.~"), "/~A-_.~/");
        assert_eq!(canonical_uri("/%e5%ae%a2"), "/%E5%AE%A2/");
        assert_eq!(canonical_uri("/客"), "/%E5%AE%A2/");
        assert_eq!(
            canonical_uri("/a:b@c!$'()*,;="),
            "/a%3Ab%40c%21%24%27%28%29%2A%2C%3B%3D/"
        );
    }

    #[test]
    fn uri_malformed_escapes_and_invalid_utf8() {
        assert_eq!(canonical_uri("/%zz/%4"), "/%25zz/%254/");
        assert_eq!(canonical_uri("/%"), "/%25/");
        assert_eq!(canonical_uri("/%2"), "/%252/");
        assert_eq!(canonical_uri("/%ff%fe"), "/%FF%FE/");
        assert_ne!(canonical_uri("/%ff"), canonical_uri("/%fe"));
    }

    #[test]
    fn query_sorting_repeated_and_empty() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=1"), "a=1&b=2");
        assert_eq!(
            canonical_query("operation_types=2&operation_types=1&operation_types=10&coupon_ids=CP-2&coupon_ids=CP-1"),
            "coupon_ids=CP-1&coupon_ids=CP-2&operation_types=1&operation_types=10&operation_types=2"
        );
        assert_eq!(canonical_query("flag&a="), "a=&flag=");
        assert_eq!(canonical_query("a=1&&b=2&"), "a=1&b=2");
        // Tuple order: a key that is a prefix sorts first whatever the values are.
        assert_eq!(canonical_query("a_b=1&a=2"), "a=2&a_b=1");
        assert_eq!(canonical_query("a=b=c"), "a=b%3Dc");
    }

    #[test]
    fn query_decoding_rules() {
        assert_eq!(canonical_query("q=a+b"), "q=a%2Bb");
        assert_eq!(canonical_query("q=a%20b%2Fc"), "q=a%20b%2Fc");
        assert_eq!(canonical_query("q=a%2fb%7E"), "q=a%2Fb~");
        assert_eq!(canonical_query("q=%zz&r=%4"), "q=%25zz&r=%254");
        assert_eq!(canonical_query("k%3Dx=1"), "k%3Dx=1");
        assert_eq!(canonical_query("q=%ff"), "q=%FF");
        // Sorting is on decoded values: "%41" is "A", which sorts before "B".
        assert_eq!(canonical_query("k=B&k=%41"), "k=A&k=B");
        // Code-point order: 'Z' < 'a' < 'é' < '客'.
        assert_eq!(
            canonical_query("k=%E5%AE%A2&k=%C3%A9&k=a&k=Z"),
            "k=Z&k=a&k=%C3%A9&k=%E5%AE%A2"
        );
    }

    #[test]
    fn build_query_matches_sdk_wire_form() {
        assert_eq!(build_query(&[]), "");
        let q = build_query(&[("status", "2"), ("coupon_id", "a b/c"), ("limit", "10")]);
        assert_eq!(q, "coupon_id=a%20b%2Fc&limit=10&status=2");
        assert_eq!(canonical_query(&q), q);
        let q = build_query(&[("customer_id", "客户+&=~*'()"), ("limit", "10")]);
        assert_eq!(
            q,
            "customer_id=%E5%AE%A2%E6%88%B7%2B%26%3D~%2A%27%28%29&limit=10"
        );
    }

    #[test]
    fn encode_component_rule() {
        assert_eq!(encode_component("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(encode_component("a b/c?#%"), "a%20b%2Fc%3F%23%25");
        assert_eq!(encode_component("经"), "%E7%BB%8F");
    }

    #[test]
    fn python_strip() {
        assert_eq!(py_strip(" \t\u{1c}\u{1f}\u{a0}x y\u{3000}\r\n"), "x y");
        assert_eq!(py_strip("\u{200b}x"), "\u{200b}x");
    }

    fn parts<'a>(headers: Vec<(&'a str, &'a [u8])>, body: &'a [u8]) -> RequestParts<'a> {
        RequestParts {
            method: "get",
            raw_path: "/v1/x",
            raw_query: "b=1&a=2",
            headers,
            body,
        }
    }

    #[test]
    fn canonical_request_layout() {
        let p = parts(
            vec![
                ("Host", b"127.0.0.1:9"),
                ("X-Sdk-Date", b"20261125T122324Z"),
                ("Content-Type", b"  application/json \t"),
                ("X-Name", "经销商".as_bytes()),
            ],
            b"",
        );
        let names: Vec<String> = ["content-type", "host", "x-name", "x-sdk-date"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let cr = canonical_request(&p, &names).unwrap();
        assert_eq!(
            cr,
            format!(
                "GET\n/v1/x/\na=2&b=1\ncontent-type:application/json\nhost:127.0.0.1:9\nx-name:经销商\n\
                 x-sdk-date:20261125T122324Z\n\ncontent-type;host;x-name;x-sdk-date\n{}",
                crate::EMPTY_PAYLOAD_SHA256
            )
        );
    }

    #[test]
    fn canonical_request_payload_hash_override() {
        let names = vec!["host".to_owned()];
        let p = parts(
            vec![
                ("host", b"h"),
                ("X-SDK-CONTENT-SHA256", b" UNSIGNED-PAYLOAD "),
            ],
            b"body",
        );
        assert!(canonical_request(&p, &names)
            .unwrap()
            .ends_with("\nhost\nUNSIGNED-PAYLOAD"));
        let p = parts(vec![("host", b"h")], b"body");
        assert!(canonical_request(&p, &names)
            .unwrap()
            .ends_with(&sha256_hex(b"body")));
    }

    #[test]
    fn canonical_request_missing_and_duplicate_headers() {
        let names = vec!["host".to_owned(), "x-sdk-date".to_owned()];
        let p = parts(vec![("HOST", b"h")], b"");
        assert_eq!(
            canonical_request(&p, &names),
            Err(SignatureError::MissingSignedHeader("x-sdk-date".to_owned()))
        );
        let p = parts(
            vec![("host", b"h"), ("Host", b"evil"), ("x-sdk-date", b"d")],
            b"",
        );
        assert_eq!(canonical_request(&p, &names), Err(SignatureError::Mismatch));
    }

    #[test]
    fn invalid_utf8_header_value_does_not_panic() {
        let names = vec!["host".to_owned()];
        let p = parts(vec![("host", b"\xff\xfeh")], b"");
        assert!(canonical_request(&p, &names)
            .unwrap()
            .contains("host:\u{fffd}\u{fffd}h\n"));
    }

    #[test]
    fn string_to_sign_layout() {
        assert_eq!(
            string_to_sign("20261125T122324Z", ""),
            format!(
                "SDK-HMAC-SHA256\n20261125T122324Z\n{}",
                crate::EMPTY_PAYLOAD_SHA256
            )
        );
    }
}
