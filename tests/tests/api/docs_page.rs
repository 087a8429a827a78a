//! The docs page (/docs): Swagger UI loads the browser copy of the document, with the operation
//! filter on and authorization kept; that copy pre-fills no optional parameter and offers only
//! the token scheme with how to get a token, while /openapi.json keeps both schemes.

use serde_json::Value;
use tests::{Backend, TestServer};

async fn get(base: &str, path: &str) -> String {
    let r = reqwest::get(format!("{base}{path}")).await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_page_prefills_nothing_optional_and_offers_the_token() {
    let srv = TestServer::start(Backend::Sqlite).await;
    let init = get(&srv.base, "/docs/swagger-initializer.js").await;
    for want in [
        "\"url\": \"/docs/openapi.json\"",
        "\"filter\": true",
        "\"persistAuthorization\": true",
    ] {
        assert!(init.contains(want), "{want} missing:\n{init}");
    }
    let browser: Value = serde_json::from_str(&get(&srv.base, "/docs/openapi.json").await).unwrap();
    let whole: Value = serde_json::from_str(&get(&srv.base, "/openapi.json").await).unwrap();
    assert_eq!(
        browser["paths"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        whole["paths"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>()
    );
    let schemes = browser["components"]["securitySchemes"]
        .as_object()
        .unwrap();
    assert_eq!(schemes.keys().collect::<Vec<_>>(), ["token"]);
    let how_to = schemes["token"]["description"].as_str().unwrap();
    assert!(how_to.contains("POST /v2/auth/tokens") && how_to.contains("demo-dist-admin"));
    assert!(whole["components"]["securitySchemes"].get("aksk").is_some());
    let mut optional = 0;
    for (path, item) in browser["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["required"].as_bool() == Some(true) {
                    continue;
                }
                optional += 1;
                let name = &p["name"];
                for prefill in ["/example", "/examples", "/schema/example"] {
                    assert!(
                        p.pointer(prefill).is_none(),
                        "{method} {path} {name}: {prefill} would be pre-filled"
                    );
                }
            }
            if let Some(sec) = op["security"].as_array() {
                assert!(
                    sec.iter().all(|r| r.get("aksk").is_none()),
                    "{method} {path}"
                );
            }
        }
    }
    assert!(optional > 100, "{optional} optional parameters seen");
    srv.stop().await;
}
