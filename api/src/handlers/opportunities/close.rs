//! `POST /v2/partners/business-opportunities/{opportunity_id}/close`.

use super::{opportunity_id, schemas, OpportunityView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::SALES;
use crate::service::opportunities::business;
use crate::service::opportunities::scope_of;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use domain::opportunities::{close_result, Stage};
use serde::Deserialize;
use utoipa::openapi::schema::Object;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"result": "WON", "reason": "Signed a 1-year contract"}))]
pub struct CloseOpportunityRequest {
    /// `WON` or `LOST`.
    #[schema(schema_with = close_results)]
    result: String,
    #[validate(length(max = 1000))]
    #[schema(schema_with = reason)]
    reason: Option<String>,
}

fn close_results() -> Object {
    schemas::one_of(
        Stage::ALL
            .iter()
            .filter(|s| s.is_closed())
            .map(|s| s.as_str()),
        false,
    )
}

fn reason() -> Object {
    schemas::optional_text(1000, "Signed a 1-year contract")
}

/// Closes a visible, open opportunity of the caller's own partner as `WON` or `LOST`; it can
/// no longer change after. A distributor's resellers' opportunities are read-only to it (403
/// CBC.0151).
#[utoipa::path(tag = "opportunities", params(("opportunity_id" = String, Path, example = "8f3c0d6e2b7a4c1d9e5f0a1b2c3d4e5f")), request_body = CloseOpportunityRequest, responses((status = 200, body = OpportunityView), (status = 400, description = "CBC.0100; CBC.99100110 already closed", body = openapi::ErrorBody), (status = 403, description = "CBC.0151: without a sales role; or (a distributor) on a reseller's customer's opportunity, which it may only query", body = openapi::ErrorBody), (status = 404, description = "Missing, or not visible to the caller (the same answer)", body = openapi::ErrorBody)))]
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
