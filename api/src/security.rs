//! Response hardening: security headers, CORS for configured origins, log-safe paths.

use crate::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::DefaultHeaders;
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::HttpResponse;

pub fn headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::CACHE_CONTROL, "no-store"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
}

/// CORS for the configured origins only. A preflight from an allowed origin is answered here;
/// anything else passes through without CORS headers, so browsers refuse it.
pub async fn cors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let allowed = match (&origin, req.app_data::<Data<AppState>>()) {
        (Some(o), Some(state)) => state.config.cors_allowed_origins.iter().any(|a| a == o),
        _ => false,
    };
    let preflight = req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let mut resp = if allowed {
            HttpResponse::NoContent()
        } else {
            HttpResponse::Forbidden()
        };
        if allowed {
            resp.insert_header((
                header::ACCESS_CONTROL_ALLOW_METHODS,
                "GET, POST, PUT, DELETE",
            ))
            .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS))
            .insert_header((header::ACCESS_CONTROL_MAX_AGE, "600"));
        }
        let mut res = req.into_response(resp.finish());
        if let (true, Some(o)) = (allowed, origin) {
            allow_origin(res.headers_mut(), &o);
        }
        return Ok(res);
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    if let (true, Some(o)) = (allowed, origin) {
        allow_origin(res.headers_mut(), &o);
        res.headers_mut().insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            header::HeaderValue::from_static("x-request-id, retry-after"),
        );
    }
    Ok(res)
}

const ALLOWED_HEADERS: &str =
    "content-type, authorization, x-auth-token, x-sdk-date, x-domain-id, x-language, idempotency-key";

fn allow_origin(headers: &mut header::HeaderMap, origin: &str) {
    if let Ok(v) = header::HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        headers.insert(header::VARY, header::HeaderValue::from_static("Origin"));
    }
}

/// Paths are logged clipped; query strings are never logged (they may hold contact data).
pub fn log_safe_path(path: &str) -> String {
    domain::text::clip(path, 200)
}
