//! Runs every request vector captured from the official Python SDK (huaweicloudsdkcore 3.1.219);
//! `signing/vectors/make_signing_vectors.py` regenerates them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use serde::Deserialize;
use signing::{
    build_query, canonical_query, canonical_uri, parse_authorization, parse_sdk_date, sign, verify,
    RequestParts, SignatureError,
};

const VECTORS: &str = include_str!("sdk-signing-vectors.json");

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    method: String,
    path: String,
    query: String,
    headers: BTreeMap<String, String>,
    body: String,
    access_key: String,
    secret_key: String,
    valid: bool,
}

fn load() -> Vec<Vector> {
    let file: File = serde_json::from_str(VECTORS).unwrap();
    assert_eq!(file.vectors.len(), 56);
    assert_eq!(file.vectors.iter().filter(|v| v.valid).count(), 12);
    // The SDK's UNSIGNED-PAYLOAD cases: GETs with another Content-Type and no body, and a body
    // the signature does not cover.
    let unsigned = |v: &&Vector| {
        v.valid
            && v.headers.get("X-Sdk-Content-Sha256").map(String::as_str) == Some("UNSIGNED-PAYLOAD")
    };
    assert_eq!(file.vectors.iter().filter(unsigned).count(), 3);
    file.vectors
}

fn parts(v: &Vector) -> RequestParts<'_> {
    RequestParts {
        method: &v.method,
        raw_path: &v.path,
        raw_query: &v.query,
        headers: v
            .headers
            .iter()
            .map(|(k, val)| (k.as_str(), val.as_bytes()))
            .collect(),
        body: v.body.as_bytes(),
    }
}

fn run(v: &Vector) -> Result<(), SignatureError> {
    let auth = parse_authorization(&v.headers["Authorization"]).unwrap();
    assert_eq!(auth.access_key, v.access_key, "{}", v.name);
    let now = parse_sdk_date(&v.headers["X-Sdk-Date"]).unwrap();
    verify(&parts(v), &auth, v.secret_key.as_bytes(), now)
}

#[test]
fn valid_vectors_verify_and_tampered_ones_are_rejected() {
    for v in load() {
        let result = run(&v);
        if v.valid {
            assert_eq!(result, Ok(()), "{}", v.name);
        } else {
            assert_eq!(result, Err(SignatureError::Mismatch), "{}", v.name);
        }
    }
}

#[test]
fn valid_vectors_verify_at_the_skew_boundary_only() {
    for v in load().iter().filter(|v| v.valid) {
        let auth = parse_authorization(&v.headers["Authorization"]).unwrap();
        let t = parse_sdk_date(&v.headers["X-Sdk-Date"]).unwrap();
        let p = parts(v);
        let key = v.secret_key.as_bytes();
        assert_eq!(verify(&p, &auth, key, t + 900), Ok(()), "{}", v.name);
        assert_eq!(verify(&p, &auth, key, t - 900), Ok(()), "{}", v.name);
        assert_eq!(
            verify(&p, &auth, key, t + 901),
            Err(SignatureError::ClockSkew),
            "{}",
            v.name
        );
        assert_eq!(
            verify(&p, &auth, key, t - 901),
            Err(SignatureError::ClockSkew),
            "{}",
            v.name
        );
    }
}

#[test]
fn signer_reproduces_every_valid_authorization_header() {
    for v in load().iter().filter(|v| v.valid) {
        let expected = &v.headers["Authorization"];
        let auth = parse_authorization(expected).unwrap();
        let headers: Vec<(&str, &str)> = v
            .headers
            .iter()
            .filter(|(k, _)| auth.signed_headers.contains(&k.to_ascii_lowercase()))
            .map(|(k, val)| (k.as_str(), val.as_str()))
            .collect();
        assert_eq!(headers.len(), auth.signed_headers.len(), "{}", v.name);
        let got = sign(
            &v.method,
            &v.path,
            &v.query,
            &headers,
            v.body.as_bytes(),
            &v.access_key,
            &v.secret_key,
        );
        assert_eq!(&got, expected, "{}", v.name);
    }
}

#[test]
fn sdk_wire_query_is_already_canonical_and_rebuildable() {
    for v in load().iter().filter(|v| v.valid) {
        assert_eq!(canonical_query(&v.query), v.query, "{}", v.name);
        // Decode the pairs (test-only decoder: the vectors are valid UTF-8) and rebuild them.
        let decoded: Vec<(String, String)> = v
            .query
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (k, val) = s.split_once('=').unwrap_or((s, ""));
                (percent_decode(k), percent_decode(val))
            })
            .collect();
        let pairs: Vec<(&str, &str)> = decoded
            .iter()
            .rev()
            .map(|(k, val)| (k.as_str(), val.as_str()))
            .collect();
        assert_eq!(build_query(&pairs), v.query, "{}", v.name);
    }
}

#[test]
fn path_parameter_vector_canonical_uri() {
    let vectors = load();
    let v = vectors
        .iter()
        .find(|v| v.valid && v.path.contains("%2F"))
        .unwrap();
    assert_eq!(
        canonical_uri(&v.path),
        "/v2/orders/customer-orders/details/CS%2012/34/"
    );
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
