//! `POST /v2/operator/usage-fee-records`: the cloud platform posts rated usage.

use super::input::UsageFeeRecordsBody;
use super::json::IngestResult;
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::consumption::ingest;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};

/// Charges a batch of at most 1,000 rated usage records, each at once: matching cash coupons,
/// then cash, then credit; the rest becomes arrears. A record whose `record_id` the platform
/// sent before is skipped, so a retried batch never charges twice.
#[utoipa::path(tag = "operator", params(idempotency::KeyParam), request_body = UsageFeeRecordsBody, responses((status = 200, body = IngestResult), (status = 404, description = "A record names no customer (CBC.99100002).", body = openapi::ErrorBody), (status = 409, description = "The Idempotency-Key was used with another request, or is still in progress (CBC.0260).", body = openapi::ErrorBody)))]
#[post("/v2/operator/usage-fee-records")]
pub async fn ingest_usage_fee_records(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<UsageFeeRecordsBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let b = body.into_inner()?;
    let records = b.records();
    let platform = b.platform.into_inner();
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        ingest::ingest(conn, &platform, &records, now).map(|done| IngestResult {
            accepted: done.accepted,
            duplicates: done.duplicates,
        })
    })
    .await
}
