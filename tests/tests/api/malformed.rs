//! 1,000 random malformed requests (bad JSON, wrong types, huge bodies, bad signatures, bad
//! headers) per backend: only 4xx with CBC/APIGW codes, never a 5xx or a dropped connection.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use tests::{both_backends, Client};

fn concrete(template: &str, rng: &mut StdRng) -> String {
    template
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                let junk = [
                    "x",
                    "a b/c",
                    "%00",
                    "..",
                    "中文",
                    "'; DROP TABLE partners;--",
                ];
                Client::path(&[junk[rng.gen_range(0..junk.len())]])
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn random_json(rng: &mut StdRng, depth: u32) -> Value {
    match rng.gen_range(0..8) {
        0 => Value::Null,
        1 => json!(rng.gen::<bool>()),
        2 => json!(rng.gen::<i64>()),
        3 => json!(rng.gen::<f64>() * 1e12),
        4 => json!("x".repeat(rng.gen_range(0..300))),
        5 if depth < 3 => Value::Array(
            (0..rng.gen_range(0..4))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
        6 if depth < 3 => {
            let keys = [
                "name",
                "account_name",
                "partner_type",
                "country_code",
                "amount",
                "credit_limit",
                "roles",
                "domain_name",
                "user_name",
                "password",
                "balance",
                "status",
            ];
            let mut m = serde_json::Map::new();
            for _ in 0..rng.gen_range(0..6) {
                m.insert(
                    keys[rng.gen_range(0..keys.len())].into(),
                    random_json(rng, depth + 1),
                );
            }
            Value::Object(m)
        }
        _ => json!("\u{0}\u{1f}"),
    }
}

/// A body that is wrong in a way that cannot be valid for any operation.
fn malformed_body(rng: &mut StdRng) -> (Vec<u8>, &'static str) {
    match rng.gen_range(0..8) {
        0 => ((0..rng.gen_range(1..200)).map(|_| rng.gen::<u8>()).collect(), "application/json"),
        1 => (b"{\"name\": ".to_vec(), "application/json"),
        2 => (format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(), "application/json"),
        3 => (format!("{{\"a\":{}1{}}}", "{\"a\":".repeat(300), "}".repeat(300)).into_bytes(), "application/json"),
        4 => (b"name=x&amount=1".to_vec(), "application/x-www-form-urlencoded"),
        5 => (random_json(rng, 3).to_string().into_bytes(), "text/plain"),
        6 => (vec![b'{', b'"', 0xc3, 0x28, b'"', b':', b'1', b'}'], "application/json"),
        _ => (json!({"name": {"nested": [1, 2]}, "amount": [], "credit_limit": {}, "roles": "admin", "domain_name": 7, "country_code": 1, "partner_type": 0, "user_name": [], "password": false, "indirect_partner_id": {}}).to_string().into_bytes(), "application/json"),
    }
}

both_backends!(
    random_malformed_requests_get_clean_4xx,
    |srv: tests::TestServer| async move {
        let doc = api::openapi_document();
        let ops: Vec<(String, String)> = openapi::operation_list(&doc)
            .into_iter()
            .filter(|(_, p)| !matches!(p.as_str(), "/healthz" | "/readyz"))
            .collect();
        let mut rng = StdRng::seed_from_u64(if srv.backend == tests::Backend::Sqlite {
            7
        } else {
            11
        });
        let takes_query = |path: &str| {
            doc.paths
                .paths
                .get(path)
                .and_then(|item| item.get.as_ref())
                .and_then(|o| o.parameters.as_ref())
                .is_some_and(|ps| {
                    ps.iter().any(|p| {
                        matches!(p, utoipa::openapi::RefOr::T(p)
                            if p.parameter_in == utoipa::openapi::path::ParameterIn::Query)
                    })
                })
        };
        let op = srv.operator();
        let mut cases = Vec::new();
        for i in 0..1000 {
            let (method, template) = ops[rng.gen_range(0..ops.len())].clone();
            let path = concrete(&template, &mut rng);
            let kind = rng.gen_range(0..10);
            let (mut body, ctype) = malformed_body(&mut rng);
            if kind == 0 && i % 4 == 0 {
                body = vec![b'x'; 1024 * 1024 + 10];
            }
            // A GET ignores its body and unknown query keys: with a good credential, no path
            // parameter and no bad known parameter, nothing in it is malformed (the query of
            // kind 4 only holds unknown keys for a GET that documents no query parameter).
            let unknown_query_only = kind == 4 && !takes_query(&template);
            let harmless = method == "GET"
                && !template.contains('{')
                && (!(1..=4).contains(&kind) || unknown_query_only);
            cases.push((i, kind, method, path, body, ctype, harmless));
        }
        let mut codes = std::collections::BTreeMap::new();
        for chunk in cases.chunks(8) {
            let mut tasks = Vec::new();
            for (i, kind, method, path, body, ctype, harmless) in chunk.iter().cloned() {
                let client: Client = match kind {
                    // A wrong secret, an unknown key or no credentials at all.
                    1 => Client::new(&srv, tests::server::OPERATOR_AK, "wrong-wrong-wrong-wrong"),
                    2 => Client::new(&srv, "UNKNOWNAK", "whatever-whatever"),
                    3 => srv.anonymous(),
                    _ => op.clone(),
                };
                let query = match kind {
                    4 => "offset=-1&limit=abc&x=%ZZ&%FF=1".to_owned(),
                    5 => format!("q={}", "a".repeat(6000)),
                    _ => String::new(),
                };
                tasks.push(tokio::spawn(async move {
                    let r = client.send_raw(&method, &path, &query, body, ctype).await;
                    (i, method, path, r, harmless)
                }));
            }
            for t in tasks {
                let (i, method, path, r, harmless) = t.await.unwrap();
                if harmless && r.status == 200 {
                    // An export answers CSV; everything else a JSON object.
                    let csv = path.ends_with("/export")
                        && r.text.lines().next().is_some_and(|h| h.contains(','));
                    assert!(r.json().is_object() || csv, "case {i}: {}", r.text);
                    *codes
                        .entry("200 (GET, body ignored)".to_owned())
                        .or_insert(0) += 1;
                    continue;
                }
                assert!(
                    (400..500).contains(&r.status),
                    "case {i}: {method} {path} answered {}: {}",
                    r.status,
                    r.text
                );
                let code = r.code();
                assert!(
                    code.starts_with("CBC.") || code.starts_with("APIGW."),
                    "case {i}: body {}",
                    r.text
                );
                assert!(
                    !r.text.contains("SELECT") && !r.text.contains("panicked"),
                    "case {i}: {}",
                    r.text
                );
                *codes.entry(format!("{} {code}", r.status)).or_insert(0) += 1;
            }
        }
        eprintln!("malformed requests by answer: {codes:?}");
    }
);
