//! Limits on the request head, answered with our JSON error body (and, being inside the request
//! id middleware, `X-Request-Id`) well before actix's own hard limits (a 64 KiB URI, a 128 KiB
//! head), which answer bare 400/431 responses.

use crate::{ApiError, AppState};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::Data;

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let (max_uri, max_headers) = req
        .app_data::<Data<AppState>>()
        .map_or((16 * 1024, 32 * 1024), |s| {
            (s.config.max_uri_bytes, s.config.max_header_bytes)
        });
    if let Some(err) = check(&req, max_uri, max_headers) {
        let resp = err.into_response();
        return Ok(req.into_response(resp));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn check(req: &ServiceRequest, max_uri: usize, max_headers: usize) -> Option<ApiError> {
    let uri_len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if uri_len > max_uri {
        return Some(ApiError::UriTooLong(max_uri));
    }
    let head_len: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    (head_len > max_headers).then_some(ApiError::HeadersTooLarge(max_headers))
}
