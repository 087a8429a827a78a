//! Security headers on every kind of answer, and CORS only for the configured origins.

use tests::server::Options;
use tests::{Backend, TestServer};

const ALLOWED: &str = "https://partner.example.com";

async fn raw(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = http.request(method, url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_and_strict_cors() {
    let mut opts = Options::default();
    opts.config.cors_allowed_origins = vec![ALLOWED.to_owned(), "https://ops.example.com".into()];
    let srv = TestServer::start_with(Backend::Sqlite, opts).await;
    let http = reqwest::Client::new();
    let b = &srv.base;
    let cases = [
        (reqwest::Method::GET, format!("{b}/healthz"), 200),
        (
            reqwest::Method::GET,
            format!("{b}/v2/partners/projects"),
            401,
        ),
        (reqwest::Method::GET, format!("{b}/v2/nothing"), 404),
        (
            reqwest::Method::DELETE,
            format!("{b}/v2/partners/projects"),
            405,
        ),
        (reqwest::Method::GET, format!("{b}/openapi.json"), 200),
        (
            reqwest::Method::GET,
            format!("{b}/v2/partners/projects?q={}", "a".repeat(20_000)),
            414,
        ),
    ];
    for (method, url, status) in cases {
        let r = raw(
            &http,
            method.clone(),
            url.clone(),
            &[("origin", "https://evil.example")],
        )
        .await;
        assert_eq!(r.status().as_u16(), status, "{method} {url}");
        let h = r.headers();
        for (name, want) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("cache-control", "no-store"),
            ("referrer-policy", "no-referrer"),
            ("strict-transport-security", "max-age=31536000"),
        ] {
            assert_eq!(
                h.get(name).and_then(|v| v.to_str().ok()),
                Some(want),
                "{name} on {method} {url}"
            );
        }
        assert!(h.get("x-request-id").is_some(), "{method} {url}");
        assert!(
            h.get("access-control-allow-origin").is_none(),
            "a foreign origin got CORS on {method} {url}"
        );
    }

    let projects = format!("{b}/v2/partners/projects");
    // A preflight from an allowed origin names exactly that origin, never `*`.
    let r = raw(
        &http,
        reqwest::Method::OPTIONS,
        projects.clone(),
        &[
            ("origin", ALLOWED),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "content-type, x-auth-token",
            ),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], ALLOWED);
    assert_eq!(h["vary"], "Origin");
    assert!(h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-auth-token"));
    assert!(h.get("access-control-allow-credentials").is_none());
    // From any other origin (including a look-alike), the preflight is refused.
    for origin in [
        "https://evil.example",
        "https://partner.example.com.evil.example",
        "http://partner.example.com",
        "null",
    ] {
        let r = raw(
            &http,
            reqwest::Method::OPTIONS,
            projects.clone(),
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
            ],
        )
        .await;
        assert_eq!(r.status().as_u16(), 403, "{origin}");
        assert!(
            r.headers().get("access-control-allow-origin").is_none(),
            "{origin}"
        );
    }
    // A real request from an allowed origin gets the origin and the exposed headers.
    let r = raw(
        &http,
        reqwest::Method::GET,
        projects,
        &[("origin", ALLOWED)],
    )
    .await;
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(r.headers()["access-control-allow-origin"], ALLOWED);
    assert!(r.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .contains("x-request-id"));
}
