//! `GET /v2/partners/leads/{lead_id}` and `PUT /v2/partners/leads/{lead_id}/status`.

use super::{lead_id, LeadView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::SALES;
use crate::service::leads;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, put, HttpResponse};
use domain::leads::LeadStatus;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

/// One of the partner's leads (another partner's answers 404 like a missing one).
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")), responses((status = 200, body = LeadView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/leads/{lead_id}")]
pub async fn show_lead(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = lead_id(&id)?;
    let view = state
        .read(move |conn| {
            let plan = leads::plan_of(conn, &me)?;
            Ok(LeadView::new(&leads::own(conn, &me, &id)?, &plan))
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view))
}

#[derive(Deserialize, Validate, ToSchema)]
#[schema(example = json!({"status": "CONVERTED"}))]
pub struct LeadStatusRequest {
    /// `FOLLOWING` or `INVALID` from `NEW`; `CONVERTED` or `INVALID` from `FOLLOWING` (any
    /// other move is refused with CBC.99100130).
    #[schema(schema_with = statuses)]
    status: String,
}

fn statuses() -> utoipa::openapi::schema::Object {
    crate::handlers::opportunities::schemas::one_of(
        LeadStatus::ALL.iter().map(|s| s.as_str()),
        false,
    )
}

/// Moves the lead's status (CBC.99100130 for any other move).
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")), request_body = LeadStatusRequest, responses((status = 200, body = LeadView), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/leads/{lead_id}/status")]
pub async fn set_lead_status(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
    req: Json<LeadStatusRequest>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let id = lead_id(&id)?;
    let next = LeadStatus::parse("status", &req.into_inner()?.status)?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let plan = leads::plan_of(conn, &me)?;
            Ok(LeadView::new(
                &leads::set_status(conn, &me, &id, next, now)?,
                &plan,
            ))
        })
        .await?;
    Ok(wire::json(StatusCode::OK, &view))
}
