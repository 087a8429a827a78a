//! `POST /v2/operator/partners/{partner_id}/suspend` `{reason}`.

use super::SuspendReason;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::partner_status;
use crate::wire::PartnerId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Suspension {
    pub reason: SuspendReason,
}

/// Suspends a partner: its users and keys get 403 `CBC.99100203`; money and data stay.
#[utoipa::path(tag = "operator", params(("partner_id" = PartnerId, Path)), request_body = Suspension, responses((status = 204, description = "suspended"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/suspend")]
pub async fn suspend_partner(
    state: Data<AppState>,
    caller: Caller,
    id: Path<PartnerId>,
    body: Json<Suspension>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let id = id.into_inner()?;
    let reason = body.into_inner()?.reason;
    let now = state.now();
    state
        .write(move |conn| partner_status::suspend(conn, id.as_str(), reason.as_str(), now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
