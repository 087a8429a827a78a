//! The OpenAPI document and the routes agree, and the document is snapshot-tested.

use tests::both_backends;

/// A concrete path for a documented template (`{id}` → `x`).
fn concrete(template: &str) -> String {
    template
        .split('/')
        .map(|s| if s.starts_with('{') { "x" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

both_backends!(
    every_documented_operation_is_served,
    |srv: tests::TestServer| async move {
        let doc = api::openapi_document();
        let ops = openapi::operation_list(&doc);
        assert!(ops.len() >= 14, "{ops:?}");
        let anon = srv.anonymous();
        for (method, path) in &ops {
            let r = anon.send(method, &concrete(path), &[], None).await;
            assert!(
                r.code() != "APIGW.0101" && r.code() != "APIGW.0102",
                "{method} {path} is documented but not served: {}",
                r.text
            );
            if openapi::PUBLIC_PATHS.contains(&path.as_str()) {
                assert_ne!(r.status, 401, "{method} {path} is public");
            } else {
                assert_eq!(
                    r.status, 401,
                    "{method} {path} must require authentication: {}",
                    r.text
                );
            }
        }
        for probe in [
            "/v2/operator",
            "/v2/operator/partners/x/y/z",
            "/v3/nothing",
            "/admin",
            "/v2/auth",
        ] {
            anon.get(probe, &[]).await.expect(404, "APIGW.0101");
        }
        let served: serde_json::Value =
            serde_json::from_str(&anon.get("/openapi.json", &[]).await.text).unwrap();
        assert_eq!(
            served,
            serde_json::to_value(&doc).unwrap(),
            "served document differs from the built one"
        );
    }
);

#[test]
fn every_operation_documents_errors_and_security() {
    let doc = serde_json::to_value(api::openapi_document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let responses = op["responses"].as_object().unwrap();
            for status in ["400", "429", "500", "503"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} lacks {status}"
                );
            }
            let public = openapi::PUBLIC_PATHS.contains(&path.as_str());
            assert_eq!(
                op.get("security").is_some(),
                !public,
                "{method} {path} security"
            );
            assert!(
                op.get("operationId").is_some(),
                "{method} {path} operationId"
            );
        }
    }
}

/// The committed snapshot shows every change of the API in review.
/// Refresh with `UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p tests openapi`.
#[test]
fn openapi_snapshot_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let current = api::openapi_document().to_pretty_json().unwrap() + "\n";
    if std::env::var_os("UPDATE_OPENAPI_SNAPSHOT").is_some() {
        std::fs::write(&path, &current).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "openapi/openapi.json is stale: run UPDATE_OPENAPI_SNAPSHOT=1 cargo test -p tests openapi and commit it"
    );
}

/// Every `$ref` points at a schema the document defines, and every parameter documented with a
/// validator bound says so (Schemathesis checks the served document for both).
#[test]
fn every_schema_reference_resolves() {
    let doc = serde_json::to_value(api::openapi_document()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(r) = m.get("$ref").and_then(|r| r.as_str()) {
                    out.push(r.to_owned());
                }
                m.values().for_each(|v| refs(v, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    let missing: Vec<_> = all
        .iter()
        .filter(|r| {
            r.strip_prefix("#/components/schemas/")
                .is_none_or(|name| !schemas.contains_key(name))
        })
        .collect();
    assert!(missing.is_empty(), "unresolved references: {missing:?}");
    let limit = &doc["paths"]["/v2/orders/customer-orders"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()["schema"];
    assert_eq!(
        (limit["minimum"].as_i64(), limit["maximum"].as_i64()),
        (Some(1), Some(100))
    );
    let order_id = &doc["paths"]["/v2/orders/customer-orders"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "order_id")
        .unwrap()["schema"];
    assert_eq!(order_id["pattern"], openapi::NO_CONTROL_CHARACTERS);
}
