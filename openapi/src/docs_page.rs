//! The document the interactive docs page (`/docs`) loads. `/openapi.json` stays whole for the
//! SDK suite, Schemathesis and code generators; the browser gets a copy in which
//! - optional parameters carry their example in the description instead of an `example` that
//!   Swagger UI would pre-fill on "Try it out" (a first Execute would then filter by made-up ids);
//! - only the token scheme is offered, with how to get a token (a browser cannot sign AK/SK,
//!   nor a gateway's callback).

use serde_json::Value;
use utoipa::openapi::OpenApi;

/// Where the docs page fetches [`browser_document`].
pub const BROWSER_DOCUMENT_PATH: &str = "/docs/openapi.json";

/// How to get a token, shown in the Authorize dialog.
pub const TOKEN_HOW_TO: &str = "Get a token with POST /v2/auth/tokens (under \"auth\" below: Try it out) and paste its `token` here. With `serve --demo`: {\"user_name\": \"demo-dist-admin\", \"password\": \"Demo-Passw0rd\"}; other demo users: demo-dist-manager, demo-reseller-1-admin, demo-reseller-2-admin, and the customers demo-customer-a, demo-customer-b (same password). The token is valid 24 h.";

/// Schemes a browser cannot use: AK/SK signing, and the gateways' HMAC on their callbacks.
const NOT_IN_A_BROWSER: [&str; 2] = ["aksk", "gateway"];

pub fn browser_document(doc: &OpenApi) -> Value {
    for_browser(serde_json::to_value(doc).unwrap_or(Value::Null))
}

fn for_browser(mut v: Value) -> Value {
    if let Some(paths) = v.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                    params.iter_mut().for_each(unfill);
                }
                if let Some(security) = op.get_mut("security").and_then(Value::as_array_mut) {
                    security.retain(|req| NOT_IN_A_BROWSER.iter().all(|s| req.get(s).is_none()));
                }
            }
        }
    }
    if let Some(schemes) = v
        .pointer_mut("/components/securitySchemes")
        .and_then(Value::as_object_mut)
    {
        for s in NOT_IN_A_BROWSER {
            schemes.remove(s);
        }
        if let Some(token) = schemes.get_mut("token").and_then(Value::as_object_mut) {
            token.insert("description".into(), Value::String(TOKEN_HOW_TO.into()));
        }
    }
    v
}

/// An optional parameter keeps its example as text; Swagger UI pre-fills from `example`,
/// `examples`, `content.*.example` and `schema.example`, so those go.
fn unfill(param: &mut Value) {
    if param.get("required").and_then(Value::as_bool) == Some(true) {
        return;
    }
    let Some(p) = param.as_object_mut() else {
        return;
    };
    let mut shown = p.remove("example");
    if let Some(Value::Object(examples)) = p.remove("examples") {
        shown = shown.or_else(|| examples.values().find_map(|e| e.get("value").cloned()));
    }
    if let Some(Value::Object(content)) = p.get_mut("content") {
        for media in content.values_mut().filter_map(Value::as_object_mut) {
            shown = shown.or(media.remove("example"));
        }
    }
    if let Some(Value::Object(schema)) = p.get_mut("schema") {
        shown = shown.or(schema.remove("example"));
    }
    if let Some(example) = shown {
        let text = match example {
            Value::String(s) => s,
            other => other.to_string(),
        };
        let description = p
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let joined = if description.is_empty() {
            format!("Example: `{text}`")
        } else {
            format!("{description}\n\nExample: `{text}`")
        };
        p.insert("description".into(), Value::String(joined));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn optional_examples_become_text_and_only_the_token_scheme_stays() {
        let doc = json!({
            "paths": {"/x": {"get": {
                "parameters": [
                    {"name": "a", "in": "query", "required": false, "example": "id-1",
                     "description": "Filter.", "schema": {"type": "string"}},
                    {"name": "b", "in": "query", "schema": {"type": "integer", "example": 5}},
                    {"name": "c", "in": "path", "required": true, "example": "keep",
                     "schema": {"type": "string"}}
                ],
                "security": [{"aksk": []}, {"token": []}]
            }}},
            "components": {"securitySchemes": {"aksk": {}, "token": {"description": "JWT"}}}
        });
        let v = for_browser(doc);
        let params = &v["paths"]["/x"]["get"]["parameters"];
        assert!(params[0].get("example").is_none());
        assert_eq!(params[0]["description"], "Filter.\n\nExample: `id-1`");
        assert!(params[1]["schema"].get("example").is_none());
        assert_eq!(params[1]["description"], "Example: `5`");
        assert_eq!(params[2]["example"], "keep");
        assert_eq!(v["paths"]["/x"]["get"]["security"], json!([{"token": []}]));
        let schemes = &v["components"]["securitySchemes"];
        assert!(schemes.get("aksk").is_none());
        assert_eq!(schemes["token"]["description"], TOKEN_HOW_TO);
    }

    #[test]
    fn the_served_document_keeps_both_schemes() {
        let doc = crate::base();
        let whole = serde_json::to_value(&doc).unwrap_or_default();
        assert!(whole["components"]["securitySchemes"].get("aksk").is_some());
        assert_eq!(whole["info"]["version"], env!("CARGO_PKG_VERSION"));
        let browser = browser_document(&doc);
        assert!(browser["components"]["securitySchemes"]
            .get("aksk")
            .is_none());
    }
}
