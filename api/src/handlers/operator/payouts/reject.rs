//! `POST /v2/operator/payout-applications/{payout_application_id}/reject`.

use super::PayoutId;
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::extract::Path;
use crate::handlers::operator::reviews::RejectionRequest;
use crate::handlers::programs::incentives::PayoutView;
use crate::service::programs::payouts;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Rejects a submitted payout application with at least one reason code; the partner sees
/// `REJECTED` with the reasons. Refused with `CBC.99100212` once it is paid or rejected.
#[utoipa::path(tag = "operator", params(("payout_application_id" = PayoutId, Path)), request_body = RejectionRequest, responses((status = 200, body = PayoutView), (status = 400, description = "CBC.99100212: already decided", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/payout-applications/{payout_application_id}/reject")]
pub async fn reject_payout_application(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PayoutId>,
    body: Json<RejectionRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = id.into_inner()?;
    let review = body.into_inner()?.review()?;
    let now = state.now();
    let row = state
        .write(move |conn| payouts::reject(conn, id.as_str(), &review, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PayoutView::from(row)))
}
