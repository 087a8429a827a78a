//! The partner console (/console/): its embedded files are served with a Content-Security-Policy
//! that allows only this origin's scripts, styles and API, every module it imports is served,
//! and anything else under /console/ is the usual 404 error body. The screens themselves are
//! tested in a browser by tests/browser/run.sh.

use tests::{Backend, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_served_with_a_strict_content_security_policy() {
    let srv = TestServer::start(Backend::Sqlite).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = http
        .get(format!("{}/console", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(r.headers()["location"], "/console/");

    let r = http
        .get(format!("{}/console/", srv.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/html; charset=utf-8");
    let csp = h["content-security-policy"].to_str().unwrap();
    for want in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(want), "{want} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<script type="module" src="app.js"></script>"#));
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "nothing inline"
    );

    for (name, mime, bytes) in api::console::ASSETS {
        let r = http
            .get(format!("{}/console/{name}", srv.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200, "{name}");
        assert_eq!(r.headers()["content-type"], *mime, "{name}");
        assert_eq!(r.bytes().await.unwrap().as_ref(), *bytes, "{name}");
        if !name.ends_with(".js") {
            continue;
        }
        // Every module a script imports is one of the served files.
        let text = std::str::from_utf8(bytes).unwrap();
        let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
        for quoted in text
            .split(['\'', '"'])
            .filter(|s| (s.starts_with("./") || s.starts_with("../")) && s.ends_with(".js"))
        {
            let target = if let Some(rest) = quoted.strip_prefix("../") {
                rest.to_owned()
            } else if dir.is_empty() {
                quoted.trim_start_matches("./").to_owned()
            } else {
                format!("{dir}/{}", quoted.trim_start_matches("./"))
            };
            assert!(
                api::console::ASSETS.iter().any(|(n, _, _)| *n == target),
                "{name} imports {quoted}, which is not served"
            );
        }
    }

    for missing in [
        "/console/nothing.js",
        "/console/screens/",
        "/console/../openapi.json",
    ] {
        let r = http
            .get(format!("{}{missing}", srv.base))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let body: serde_json::Value = r.json().await.unwrap_or_default();
        if missing.contains("..") && status == 200 {
            // The client or the router normalised the path to /openapi.json: not a console file.
            assert!(body.get("openapi").is_some());
            continue;
        }
        assert_eq!(status, 404, "{missing}");
        assert_eq!(body["error_code"], "APIGW.0101", "{missing}");
    }
}
