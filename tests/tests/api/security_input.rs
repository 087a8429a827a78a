//! Hostile input: each kind answers a clear 4xx with our JSON error body and X-Request-Id,
//! naming the parameter where there is one; nothing reaches the database (NUL bytes made
//! PostgreSQL answer 500 before), and no body carries a stack trace or SQL.

use serde_json::json;
use tests::fixtures::{partner, sub_customer, user};
use tests::{both_backends, Response};

/// Words that would betray internals in a response body.
pub const LEAKS: &[&str] = &[
    "SELECT ",
    "INSERT ",
    "UPDATE ",
    "DELETE FROM",
    "diesel",
    "sqlite",
    "postgres",
    "panicked",
    "backtrace",
    "src/",
    ".rs:",
    "r2d2",
    "constraint",
    "syntax error",
];

#[track_caller]
pub fn assert_clean(r: &Response, status: u16, code: &str, mentions: &str) {
    assert_eq!(r.status, status, "body: {}", r.text);
    assert_eq!(r.code(), code, "body: {}", r.text);
    assert!(
        r.msg().contains(mentions),
        "{mentions:?} not named: {}",
        r.text
    );
    assert!(
        !r.request_id().is_empty(),
        "no X-Request-Id: {:?}",
        r.headers
    );
    assert!(
        r.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json")),
        "{:?}",
        r.headers
    );
    for word in LEAKS {
        assert!(!r.text.contains(word), "{word:?} leaked: {}", r.text);
    }
}

both_backends!(
    hostile_input_gets_a_clear_4xx,
    |srv: tests::TestServer| async move {
        let p = partner(&srv, "DISTRIBUTOR").await;
        let admin = user(&srv, &p, &["admin"]).await.client;
        let c = sub_customer(&srv, &p, "2").await;
        let orders = "/v2/orders/customer-orders";
        let adjust = "/v2/accounts/partner-accounts/adjust-amount";
        let mut tried = 0;

        // NUL and control characters in query values, path parameters and JSON strings.
        for (method, path, query) in [
            ("GET", orders, "order_id=CS%00x"),
            ("GET", orders, "customer_id=a%00"),
            ("GET", orders, "service_type_code=%1B%5B31m"),
            ("GET", "/v2/orders/customer-orders/details/CS%00", ""),
            (
                "GET",
                "/v2/promotions/benefits/partner-coupons",
                "coupon_id=%00",
            ),
            ("GET", "/v2/partners/projects/p%00", ""),
        ] {
            let r = admin
                .send_raw(method, path, query, Vec::new(), "application/json")
                .await;
            let name = if query.is_empty() {
                "path parameter"
            } else {
                query.split('=').next().unwrap_or_default()
            };
            assert_clean(&r, 400, "CBC.0100", name);
            tried += 1;
        }
        let r = admin
            .post(
                adjust,
                json!({"customer_id": format!("{}\u{0}", c.id), "amount": "1"}),
            )
            .await;
        assert_clean(&r, 400, "CBC.0100", "customer_id must not contain NUL");
        let r = admin
            .post(
                "/v2/partners/sub-customers/query",
                json!({"account_name": "a\u{0}b"}),
            )
            .await;
        assert_clean(&r, 400, "CBC.0100", "account_name");
        // Invalid UTF-8: in a query value (percent-encoded) and in the body.
        let r = admin
            .send_raw(
                "GET",
                orders,
                "order_id=%FF%FE",
                Vec::new(),
                "application/json",
            )
            .await;
        assert_clean(&r, 400, "CBC.0100", "order_id is not valid UTF-8");
        let r = admin
            .send_raw(
                "POST",
                adjust,
                "",
                b"{\"customer_id\": \"\xff\xfe\"}".to_vec(),
                "application/json",
            )
            .await;
        assert_clean(&r, 400, "CBC.0100", "UTF-8");
        tried += 4;

        // Deep nesting and huge arrays.
        let deep = format!(
            "{{\"customer_id\":{}1{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let r = admin
            .send_raw("POST", adjust, "", deep.into_bytes(), "application/json")
            .await;
        assert!(r.status == 400 || r.status == 413, "{}", r.text);
        assert!(!r.request_id().is_empty());
        let deep = format!("{}{}", "{\"a\":".repeat(2000), "}".repeat(2000));
        let r = admin
            .send_raw("POST", adjust, "", deep.into_bytes(), "application/json")
            .await;
        assert_clean(&r, 400, "CBC.0100", "");
        let infos: Vec<_> = (0..50_000)
            .map(|i| json!({"customer_id": format!("c{i}")}))
            .collect();
        let r = admin
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": infos}),
            )
            .await;
        assert!(matches!(r.status, 400 | 413), "{}", r.text);
        assert!(!r.request_id().is_empty());
        let infos: Vec<_> = (0..101)
            .map(|i| json!({"customer_id": format!("c{i}")}))
            .collect();
        let r = admin
            .post(
                "/v2/accounts/customer-accounts/balances/batch-query",
                json!({"customer_infos": infos}),
            )
            .await;
        assert_clean(&r, 400, "CBC.0100", "customer_infos");
        tried += 4;

        // Oversized body, query string and headers: our JSON body and X-Request-Id, not
        // actix's bare answers.
        let big = vec![b' '; 1024 * 1024 + 1];
        let r = admin
            .send_raw("POST", adjust, "", big, "application/json")
            .await;
        assert_clean(&r, 413, "APIGW.0201", "larger than");
        let long_query = format!("order_id={}", "a".repeat(20_000));
        let r = admin
            .send_raw("GET", orders, &long_query, Vec::new(), "application/json")
            .await;
        assert_clean(&r, 414, "CBC.0100", "longer than");
        let http = reqwest::Client::new();
        let resp = http
            .get(format!("{}{orders}", srv.base))
            .header("x-padding", "p".repeat(40_000))
            .send()
            .await
            .unwrap();
        let r = Response {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            text: resp.text().await.unwrap_or_default(),
        };
        assert_clean(&r, 431, "CBC.0100", "headers are larger");
        tried += 3;
        eprintln!("bad input: {tried} hostile requests, each a clear 4xx");
    }
);
