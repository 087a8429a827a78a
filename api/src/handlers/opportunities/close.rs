//! `POST /v2/partners/business-opportunities/{opportunity_id}/close`.

use super::{opportunity_id, OpportunityView};
use crate::auth::Caller;
use crate::extract::Json;
use crate::handlers::channel::SALES;
use crate::service::opportunities::business;
use crate::service::opportunities::scope_of;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::opportunities::close_result;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"result": "WON", "reason": "Signed a 1-year contract"}))]
pub struct CloseOpportunityRequest {
    /// `WON` or `LOST`.
    result: String,
    #[validate(length(max = 1000))]
    reason: Option<String>,
}

/// Closes a visible, open opportunity as `WON` or `LOST`; it can no longer change after.
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path)), request_body = CloseOpportunityRequest, responses((status = 200, body = OpportunityView), (status = 400, description = "CBC.0100; CBC.99100110 already closed", body = openapi::ErrorBody), (status = 404, description = "Missing, or not visible to the caller (the same answer)", body = openapi::ErrorBody)))]
#[post("/v2/partners/business-opportunities/{opportunity_id}/close")]
pub async fn close_business_opportunity(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<CloseOpportunityRequest>,
) -> Result<HttpResponse, ApiError> {
    let scope = scope_of(caller.partner_with(SALES)?)?;
    let id = opportunity_id(&id)?;
    let r = req.into_inner()?;
    let result = close_result(&r.result)?;
    if let Some(reason) = &r.reason {
        domain::text::optional("reason", reason, 1000)?;
    }
    let now = state.now();
    let view = state
        .write(move |conn| {
            let row = business::close(conn, &scope, &id, result, r.reason.as_deref(), now)?;
            OpportunityView::load(conn, row)
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view))
}
