//! `POST /v2/callbacks/voice/{call_id}`: the voice gateway reports how a call ended.

use crate::delivery::gateway::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::extract::{body_of, Json, Path};
use crate::handlers::leads::calls::CallId;
use crate::service::calls;
use crate::wire::codes::CallOutcomeCode;
use crate::wire::Int;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::calls::{Reported, MAX_DURATION_SECS};
use serde::Deserialize;
use utoipa::ToSchema;

/// The outcome of one call, as the gateway reports it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"call_id": "4d3c2b1a0f9e8d7c6b5a49382716f5e4", "status": "ANSWERED", "duration_seconds": 95}))]
pub struct VoiceCallback {
    /// The call's id, the same as in the path: the signature covers it, so a signed report
    /// cannot be replayed against another call.
    pub call_id: CallId,
    pub status: CallOutcomeCode,
    /// Talk time in seconds; recorded for `ANSWERED` only (0 otherwise).
    #[schema(value_type = i64, minimum = 0, maximum = 86400, example = 95)]
    pub duration_seconds: Int<0, MAX_DURATION_SECS>,
}

/// Records the outcome of an outbound call on the call and on the lead's follow-up. Not
/// partner-authenticated: the gateway signs it (`X-Bss-Timestamp`, within 300 s of the
/// server's clock, and `X-Bss-Signature: v1,<base64 HMAC-SHA256 of "timestamp.body">` keyed
/// by `BSS_GATEWAY_SECRET`); a missing, stale or wrong signature answers 401. An unknown call
/// answers 404; the same outcome reported again changes nothing (204); a different one
/// answers 409 CBC.99100262.
#[utoipa::path(
    tag = "callbacks",
    params(
        ("call_id" = CallId, Path),
        ("X-Bss-Timestamp" = String, Header, description = "Unix seconds when the gateway signed the request.", example = "1764072000"),
        ("X-Bss-Signature" = String, Header, description = "`v1,` and base64 of HMAC-SHA256 over `timestamp.body`, keyed by BSS_GATEWAY_SECRET; several may be given, separated by spaces.", example = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="),
    ),
    request_body = VoiceCallback,
    security(("gateway" = [])),
    responses(
        (status = 204, description = "Recorded (or the same outcome was already recorded)"),
        (status = 404, body = openapi::ErrorBody),
        (status = 409, description = "CBC.99100262: the call already ended otherwise", body = openapi::ErrorBody),
    )
)]
#[post("/v2/callbacks/voice/{call_id}")]
pub async fn report_voice_call(
    state: Data<AppState>,
    req: HttpRequest,
    id: Path<CallId>,
    body: Json<VoiceCallback>,
) -> Result<HttpResponse, ApiError> {
    let secret = state
        .gateway
        .as_ref()
        .and_then(|g| g.secret())
        .ok_or_else(|| ApiError::Unauthenticated("no gateway secret is configured".into()))?;
    let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok());
    let raw = body_of(&req).await;
    gateway::verify(
        secret,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        &raw,
        state.wall_now(),
    )
    .map_err(|why| ApiError::Unauthenticated(why.into()))?;
    let id = id.into_inner()?;
    let b = body.into_inner()?;
    if b.call_id.as_str() != id.as_str() {
        return Err(ApiError::param("call_id must be the call_id of the path"));
    }
    let reported = Reported::new(b.status.get(), b.duration_seconds.get());
    let now = state.now();
    state
        .write(move |conn| calls::report(conn, id.as_str(), &reported, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
