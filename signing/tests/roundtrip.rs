//! Randomized sign-then-verify round trips and no-panic checks, driven by a tiny deterministic PRNG.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use signing::{
    build_query, canonical_query, canonical_request, canonical_uri, encode_component,
    format_sdk_date, parse_authorization, sign, verify, RequestParts, SignatureError,
};

/// xorshift64*: deterministic, so a failure reproduces from the printed case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn text(&mut self, max_len: usize) -> String {
        const CHARS: &[char] = &[
            'a', 'Z', '0', '9', '-', '_', '.', '~', ' ', '/', '%', '+', '&', '=', '?', '#', ':',
            '@', '!', '*', '\'', '(', ')', ',', ';', '$', '"', '\\', 'é', '客', '经', '😀',
            '\u{a0}', '\u{3000}',
        ];
        (0..self.below(max_len + 1))
            .map(|_| self.pick(CHARS))
            .collect()
    }

    fn bytes(&mut self, max_len: usize) -> Vec<u8> {
        (0..self.below(max_len + 1))
            .map(|_| self.next() as u8)
            .collect()
    }

    /// Arbitrary wire-ish text including malformed escapes.
    fn wire(&mut self, max_len: usize) -> String {
        const PIECES: &[&str] = &[
            "%", "%2", "%zz", "%2F", "%2f", "%FF", "%C3", "%A9", "/", "&", "=", "+", "a", " ", "é",
            "%41",
        ];
        (0..self.below(max_len + 1))
            .map(|_| self.pick(PIECES))
            .collect()
    }
}

const AK: &str = "HPUAROUNDTRIP";
const SK: &str = "round-trip-secret";

struct Case {
    method: &'static str,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    now: i64,
}

fn random_case(rng: &mut Rng) -> Case {
    let now = 1_700_000_000 + (rng.next() % 400_000_000) as i64;
    let segments: Vec<String> = (0..rng.below(5) + 1)
        .map(|_| encode_component(&rng.text(8)))
        .collect();
    let mut path = format!("/{}", segments.join("/"));
    if rng.below(2) == 0 {
        path.push('/');
    }
    let pairs: Vec<(String, String)> = (0..rng.below(6))
        .map(|_| {
            let key = if rng.below(3) == 0 {
                "dup".to_owned()
            } else {
                rng.text(5)
            };
            (key, rng.text(6))
        })
        .collect();
    let pair_refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut headers = vec![
        (
            "Host".to_owned(),
            format!("127.0.0.1:{}", rng.below(65_536)),
        ),
        (
            "X-Sdk-Date".to_owned(),
            format_sdk_date(now - 450 + rng.below(901) as i64),
        ),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    if rng.below(2) == 0 {
        headers.push((
            "X-Note".to_owned(),
            format!(" {} ", rng.text(10).replace('\u{a0}', "x")),
        ));
    }
    Case {
        method: rng.pick(&["GET", "POST", "PUT", "DELETE", "PATCH"]),
        path,
        query: build_query(&pair_refs),
        headers,
        body: rng.bytes(64),
        now,
    }
}

fn check(case: &Case, authorization: &str) -> Result<(), SignatureError> {
    let auth = parse_authorization(authorization)?;
    let parts = RequestParts {
        method: case.method,
        raw_path: &case.path,
        raw_query: &case.query,
        headers: case
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_bytes()))
            .collect(),
        body: &case.body,
    };
    verify(&parts, &auth, SK.as_bytes(), case.now)
}

fn authorize(case: &Case) -> String {
    let headers: Vec<(&str, &str)> = case
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    sign(
        case.method,
        &case.path,
        &case.query,
        &headers,
        &case.body,
        AK,
        SK,
    )
}

#[test]
fn random_requests_round_trip_and_detect_tampering() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..2000 {
        let mut case = random_case(&mut rng);
        let auth = authorize(&case);
        assert_eq!(
            check(&case, &auth),
            Ok(()),
            "case {i}: {} {}?{}",
            case.method,
            case.path,
            case.query
        );
        // The SDK sends its query already canonical.
        assert_eq!(canonical_query(&case.query), case.query, "case {i}");

        match rng.below(4) {
            0 => case.body.push(b'x'),
            1 => case.path.push('x'),
            2 => case
                .query
                .push_str(if case.query.is_empty() { "x=1" } else { "&x=1" }),
            _ => case.headers[2].1.push_str(";charset=utf-8"),
        }
        assert_eq!(
            check(&case, &auth),
            Err(SignatureError::Mismatch),
            "case {i}"
        );
    }
}

#[test]
fn canonical_forms_are_idempotent_and_never_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for i in 0..5000 {
        let path = rng.wire(12);
        let query = rng.wire(12);
        let uri = canonical_uri(&path);
        assert!(uri.ends_with('/'), "case {i}");
        assert_eq!(canonical_uri(&uri), uri, "case {i}: {path:?}");
        let q = canonical_query(&query);
        assert_eq!(canonical_query(&q), q, "case {i}: {query:?}");
        assert!(q.is_ascii() && uri.is_ascii());

        let body = rng.bytes(16);
        let value = rng.bytes(8);
        let parts = RequestParts {
            method: "GET",
            raw_path: &path,
            raw_query: &query,
            headers: vec![("host", &value), ("x-sdk-date", b"20261125T122324Z")],
            body: &body,
        };
        let signed = vec!["host".to_owned(), "x-sdk-date".to_owned()];
        assert!(canonical_request(&parts, &signed).is_ok());
        let auth = parse_authorization(&format!(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={}",
            "0".repeat(64)
        ))
        .unwrap();
        assert_eq!(
            verify(&parts, &auth, b"k", 1_795_609_404),
            Err(SignatureError::Mismatch)
        );
    }
}

#[test]
fn garbage_authorization_headers_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..5000 {
        let mut s = String::from(rng.pick(&["SDK-HMAC-SHA256 ", "", "SDK-HMAC-SHA256", "Basic "]));
        for _ in 0..rng.below(8) {
            s.push_str(rng.pick(&[
                "Access=",
                "SignedHeaders=",
                "Signature=",
                ", ",
                ",",
                ";",
                "=",
                "host",
                "é",
                " ",
            ]));
            s.push_str(&rng.text(3));
        }
        let _ = parse_authorization(&s);
    }
}
