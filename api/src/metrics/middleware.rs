//! Counts every answer and its latency by OpenAPI operation id and status class. The label is
//! the operation id of the matched route, never the raw path, so the series stay few.

use super::{HTTP_LATENCY, HTTP_REQUESTS};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::Instant;

/// `"METHOD /pattern"` → operation id, from the OpenAPI document the server serves.
static OPERATIONS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let doc = crate::openapi_document();
    let mut map = HashMap::new();
    for (path, item) in &doc.paths.paths {
        for (m, op) in [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("PATCH", &item.patch),
        ] {
            if let Some(id) = op.as_ref().and_then(|o| o.operation_id.clone()) {
                map.insert(format!("{m} {path}"), id);
            }
        }
    }
    map
});

/// The operation id of a request's matched route; `unrouted` for anything else.
pub fn operation_of(method: &str, pattern: Option<&str>) -> String {
    pattern
        .and_then(|p| OPERATIONS.get(&format!("{method} {p}")))
        .cloned()
        .unwrap_or_else(|| match pattern {
            Some("/healthz") => "healthz".to_owned(),
            Some("/readyz") => "readyz".to_owned(),
            Some(p) if p.starts_with("/docs") || p == "/openapi.json" => "docs".to_owned(),
            _ => "unrouted".to_owned(),
        })
}

pub fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let res = next.call(req).await?;
    let op = operation_of(
        res.request().method().as_str(),
        res.request().match_pattern().as_deref(),
    );
    let class = status_class(res.status().as_u16());
    HTTP_REQUESTS.with_label_values(&[&op, class]).inc();
    HTTP_LATENCY
        .with_label_values(&[&op, class])
        .observe(started.elapsed().as_secs_f64());
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_name_their_operation_and_statuses_their_class() {
        assert_eq!(
            operation_of("POST", Some("/v3/orders/customer-orders/pay")),
            "pay_orders"
        );
        assert_eq!(operation_of("GET", Some("/nowhere/{x}")), "unrouted");
        assert_eq!(operation_of("GET", None), "unrouted");
        assert_eq!(status_class(204), "2xx");
        assert_eq!(status_class(429), "4xx");
        assert_eq!(status_class(503), "5xx");
    }
}
