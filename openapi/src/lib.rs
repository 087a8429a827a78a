//! The OpenAPI skeleton of Partner BSS. Paths come from the handlers (registered through
//! utoipa-actix-web in the `api` crate); this crate adds what every operation shares: the info
//! block, the two security schemes, the error body, and the common error responses.

mod closed;
pub mod docs_page;
mod inline;

pub use inline::PREFIX as WIRE_PREFIX;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ComponentsBuilder, ContentBuilder, OpenApi, Ref, ResponseBuilder};
use utoipa::{OpenApi as _, PartialSchema, ToSchema};

/// The error body of every failure (`request_id` only on gateway errors, `APIGW.*`).
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct ErrorBody {
    /// `CBC.0100` (bad parameter), `CBC.99xxxxxx` (business rule), `APIGW.0301` (signature) …
    #[schema(example = "CBC.0100")]
    error_code: String,
    /// Names the parameter and the problem.
    #[schema(example = "amount has more than 2 decimal places")]
    error_msg: String,
    request_id: Option<String>,
    /// Every failing rule when an application is refused by its eligibility rules
    /// (`error_code` is the first of them).
    error_details: Option<Vec<RuleFailure>>,
}

/// One failing eligibility rule.
#[allow(dead_code)]
#[derive(ToSchema)]
pub struct RuleFailure {
    #[schema(example = "CBC.99100021")]
    error_code: String,
    error_msg: String,
}

#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Partner BSS",
        description = "Partner-center back end speaking Huawei Cloud BSS v2. Real BSS operations keep Huawei's paths and field names, so the official SDK (huaweicloudsdkbss) calls them unmodified; partner-center features without a public API have BSS-style endpoints.\n\nAuthentication: AK/SK signatures (SDK-HMAC-SHA256, as the SDK signs) or a token from POST /v2/auth/tokens in X-Auth-Token.\n\nErrors: {\"error_code\", \"error_msg\"}; 400 CBC.0100 names the parameter and the problem."
    ),
    tags(
        (name = "operations", description = "Health and readiness"),
        (name = "auth", description = "Tokens for partner users and customers"),
        (name = "channel", description = "Distributors and their resellers: ListIndirectPartners, reseller invitations (S3), account managers (S1)"),
        (name = "customers", description = "Partners' customers: CreateSubCustomer, ListSubCustomers, CheckUserIdentity, verification codes, customer invitations and association (S11)"),
        (name = "operator", description = "Platform operator set-up API"),
        (name = "accounts", description = "Balances, income/expense records, allocations and exports (S10)"),
        (name = "orders", description = "Orders, PayOrders with coupons and discounts (S17), partner pays on behalf (S19), refunds"),
        (name = "programs", description = "Development paths and capability labels, capability certification (S18), FH qualification (S4, S12), business information and payouts (S14), projects and subsidies (S5, S7). Every application has an eligibility read listing each rule with pass/fail, code and message; the application refuses with all failing rules in error_details."),
        (name = "vouchers", description = "Coupon quotas, issuing and reclaiming coupons, operation records and export (S9), test vouchers (S15)"),
        (name = "opportunities", description = "Business opportunities with visibility by role, filters, keyset paging and CSV export (S13); PO opportunities reviewed with BANT completeness and reasonableness, every failing rule at once (S6); the partner co-expansion plan (PCE): membership by configurable join conditions, benefits, opportunities shared with members (S2)"),
        (name = "leads", description = "Leads dispatched by the platform or created by the partner, follow-ups, status, outbound calls and CSV export; contacts masked for partners on marketing plan 2.0 (S16)"),
        (name = "callbacks", description = "Signed callbacks of the platform's SMS/voice gateway (docs/gateway.md); not for partners"),
    )
)]
struct Base;

/// Paths that need no credential.
pub const PUBLIC_PATHS: &[&str] = &[
    "/healthz",
    "/readyz",
    "/v2/auth/tokens",
    "/v2/customer-registrations",
];

pub fn base() -> OpenApi {
    let mut doc = Base::openapi();
    // One version everywhere: the workspace's, as the binary and /healthz report it.
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let components = ComponentsBuilder::new()
        .schema("ErrorBody", ErrorBody::schema())
        .schema("RuleFailure", RuleFailure::schema())
        .security_scheme(
            "aksk",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2;…>, Signature=<hex>, with X-Sdk-Date (yyyyMMddTHHmmssZ) and Host signed; as produced by the Huawei Cloud SDKs. Optional X-Domain-Id must match the key's domain.",
            ))),
        )
        .security_scheme(
            "token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Auth-Token",
                "JWT from POST /v2/auth/tokens, valid 24 h (also accepted as Authorization: Bearer).",
            ))),
        )
        .security_scheme(
            "gateway",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Bss-Signature",
                "Callbacks of the platform's SMS/voice gateway only (docs/gateway.md): `v1,` and base64 of HMAC-SHA256 over `<X-Bss-Timestamp>.<body>`, keyed by BSS_GATEWAY_SECRET; the timestamp within 300 s of the server's clock.",
            ))),
        )
        .build();
    doc.components = Some(components);
    doc
}

const COMMON_ERRORS: &[(&str, &str)] = &[
    (
        "400",
        "Bad parameter (CBC.0100) or business rule (CBC.99xxxxxx)",
    ),
    ("401", "Signature or token invalid (APIGW.0301, CBC.0154)"),
    ("403", "Wrong identity or role (CBC.0151)"),
    ("413", "Body too large (APIGW.0201)"),
    ("414", "Path and query too long (CBC.0100)"),
    ("431", "Request headers too large (CBC.0100)"),
    ("429", "Flow control (CBC.0250), with Retry-After"),
    ("500", "Internal error (CBC.0999), no details"),
    (
        "503",
        "Database busy (CBC.0251), with Retry-After: safe to retry",
    ),
];

/// Adds the shared error responses and the security requirements to every operation.
pub fn finalize(mut doc: OpenApi) -> OpenApi {
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = PUBLIC_PATHS.contains(&path.as_str());
        for op in operations(item) {
            for (status, desc) in COMMON_ERRORS {
                if public && matches!(*status, "401" | "403") {
                    continue;
                }
                op.responses
                    .responses
                    .entry((*status).to_owned())
                    .or_insert_with(|| {
                        ResponseBuilder::new()
                            .description(*desc)
                            .content(
                                "application/json",
                                ContentBuilder::new()
                                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                                    .build(),
                            )
                            .build()
                            .into()
                    });
            }
            if !public && op.security.is_none() {
                op.security = Some(vec![
                    SecurityRequirement::new("aksk", Vec::<String>::new()),
                    SecurityRequirement::new("token", Vec::<String>::new()),
                ]);
            }
        }
    }
    refuse_control_characters(doc)
}

/// The server refuses control characters in path and query parameters (CBC.0100); every free
/// string parameter says so with a pattern, and `Idempotency-Key` gets its allowed form.
fn refuse_control_characters(doc: OpenApi) -> OpenApi {
    let Ok(mut v) = serde_json::to_value(&doc) else {
        return doc;
    };
    inline::inline_wire_types(&mut v);
    closed::close_request_bodies(&mut v);
    if let Some(paths) = v.get_mut("paths").and_then(|p| p.as_object_mut()) {
        for item in paths.values_mut().filter_map(|i| i.as_object_mut()) {
            for op in item.values_mut() {
                let params = op.get_mut("parameters").and_then(|p| p.as_array_mut());
                for p in params.into_iter().flatten() {
                    if p["in"] == "header"
                        && p["name"]
                            .as_str()
                            .is_some_and(|n| n.eq_ignore_ascii_case("idempotency-key"))
                    {
                        if let Some(schema) = p.get_mut("schema").and_then(|s| s.as_object_mut()) {
                            schema.insert(
                                "pattern".into(),
                                serde_json::Value::String(IDEMPOTENCY_KEY.into()),
                            );
                        }
                        continue;
                    }
                    if !matches!(p["in"].as_str(), Some("path" | "query")) {
                        continue;
                    }
                    let name = p["name"].as_str().unwrap_or_default().to_owned();
                    let Some(mut schema) = p.get_mut("schema").and_then(|s| s.as_object_mut())
                    else {
                        continue;
                    };
                    paging_bounds(&name, schema);
                    // Repeated keys: the pattern holds for each item.
                    if schema.get("type") == Some(&serde_json::Value::String("array".into())) {
                        match schema.get_mut("items").and_then(|i| i.as_object_mut()) {
                            Some(items) => schema = items,
                            None => continue,
                        }
                    }
                    let is_string = match schema.get("type") {
                        Some(serde_json::Value::String(t)) => t == "string",
                        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                        _ => false,
                    };
                    if is_string && !schema.contains_key("enum") && !schema.contains_key("pattern")
                    {
                        schema.insert(
                            "pattern".into(),
                            serde_json::Value::String(NO_CONTROL_CHARACTERS.into()),
                        );
                    }
                }
            }
        }
    }
    // Paging fields of request bodies (`/query` operations) follow the same rule.
    if let Some(schemas) = v
        .pointer_mut("/components/schemas")
        .and_then(|s| s.as_object_mut())
    {
        for schema in schemas.values_mut() {
            let props = schema.get_mut("properties").and_then(|p| p.as_object_mut());
            for (name, prop) in props.into_iter().flatten() {
                if let Some(prop) = prop.as_object_mut() {
                    paging_bounds(name, prop);
                }
            }
        }
    }
    add_empty_link_parameters(&mut v);
    serde_json::from_value(v).unwrap_or(doc)
}

/// Huawei's paging as `domain::paging::Page` checks it everywhere: `offset` 0 to
/// [`MAX_OFFSET`], `limit` 1 to [`MAX_LIMIT`]; bounds an operation states itself are kept.
fn paging_bounds(name: &str, schema: &mut serde_json::Map<String, serde_json::Value>) {
    let integer = match schema.get("type") {
        Some(serde_json::Value::String(t)) => t == "integer",
        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
        _ => false,
    };
    let (min, max) = match name {
        "offset" if integer => (0, MAX_OFFSET),
        "limit" if integer => (1, MAX_LIMIT),
        _ => return,
    };
    schema.entry("minimum").or_insert(min.into());
    schema.entry("maximum").or_insert(max.into());
}

/// utoipa's `Link` omits empty `parameters` when serialized but requires the key when read
/// back; a link that only sets a request body (e.g. create order → PayOrders) gets `{}` so the
/// document survives the round trip above.
fn add_empty_link_parameters(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(links) = m.get_mut("links").and_then(|l| l.as_object_mut()) {
                for link in links.values_mut().filter_map(|l| l.as_object_mut()) {
                    link.entry("parameters")
                        .or_insert_with(|| serde_json::Value::Object(Default::default()));
                }
            }
            m.values_mut().for_each(add_empty_link_parameters);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(add_empty_link_parameters),
        _ => {}
    }
}

/// 1 to 255 printable ASCII characters, as the server checks an `Idempotency-Key`.
pub const IDEMPOTENCY_KEY: &str = "^[!-~]{1,255}$";

/// The largest `limit` of a page.
pub const MAX_LIMIT: i64 = 100;

/// The largest `offset` the server accepts anywhere (Huawei documents it for two lists).
pub const MAX_OFFSET: i64 = 40_000_000;

/// Any text without control characters (C0, DEL, C1), as `char::is_control` has them.
pub const NO_CONTROL_CHARACTERS: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}

/// `(METHOD, path)` of every documented operation, sorted.
pub fn operation_list(doc: &OpenApi) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (m, present) in [
            ("GET", item.get.is_some()),
            ("PUT", item.put.is_some()),
            ("POST", item.post.is_some()),
            ("DELETE", item.delete.is_some()),
            ("PATCH", item.patch.is_some()),
        ] {
            if present {
                out.push((m.to_owned(), path.clone()));
            }
        }
    }
    out.sort();
    out
}
