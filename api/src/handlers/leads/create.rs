//! `POST /v2/partners/leads` (the partner's own) and `POST /v2/operator/leads` (dispatch).

use super::{LeadInput, LeadView};
use crate::auth::Caller;
use crate::extract::LegacyJson as Json;
use crate::handlers::channel::SALES;
use crate::service::leads;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::leads::LeadSource;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

/// Creates one of the partner's own leads (`SELF_CREATED`, status `NEW`). Contacts come back
/// masked for partners on marketing plan 2.0.
#[utoipa::path(tag = "leads", request_body = LeadInput, responses((status = 201, body = LeadView, links(
    ("ShowLead" = (operation_id = "show_lead", parameters(("lead_id" = "$response.body#/lead_id")))),
))))]
#[post("/v2/partners/leads")]
pub async fn create_lead(
    state: Data<AppState>,
    caller: Caller,
    req: Json<LeadInput>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?;
    let (me, user) = (u.partner_id.clone(), u.user_id.clone());
    let lead = req.into_inner()?.checked()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let plan = leads::plan_of(conn, &me)?;
            let row = leads::create(conn, &me, LeadSource::SelfCreated, Some(&user), &lead, now)?;
            Ok(LeadView::new(&row, &plan))
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &view))
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct DispatchRequest {
    /// The partner the lead goes to.
    #[validate(length(min = 1, max = 64))]
    #[schema(schema_with = partner_id)]
    partner_id: String,
    #[serde(flatten)]
    #[validate(nested)]
    lead: LeadInput,
}

fn partner_id() -> utoipa::openapi::schema::Object {
    crate::handlers::opportunities::schemas::id("3a3005fe2ba8badcab8ad7d70a39a353")
}

/// Dispatches a lead to a partner (`DISPATCHED`, status `NEW`). The answer shows the contacts
/// as the partner will see them (masked for marketing plan 2.0).
#[utoipa::path(tag = "operator", request_body = DispatchRequest, responses((status = 201, body = LeadView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/leads")]
pub async fn dispatch_lead(
    state: Data<AppState>,
    caller: Caller,
    req: Json<DispatchRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let r = req.into_inner()?;
    let partner = r.partner_id;
    let lead = r.lead.checked()?;
    let now = state.now();
    let view = state
        .write(move |conn| {
            let plan = leads::plan_of(conn, &partner)?;
            let row = leads::create(conn, &partner, LeadSource::Dispatched, None, &lead, now)?;
            Ok(LeadView::new(&row, &plan))
        })
        .await?;
    Ok(wire::json(StatusCode::CREATED, &view))
}
