//! `POST /v2/partners/leads/{lead_id}/outbound-calls`: reach the customer without seeing the
//! number.

use super::lead_id;
use crate::auth::Caller;
use crate::handlers::channel::SALES;
use crate::service::leads;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct OutboundCallView {
    call_id: String,
    lead_id: String,
    /// The platform dials and bridges the caller; the call is recorded as a follow-up.
    #[schema(example = "DIALING")]
    status: &'static str,
    /// The number called, always masked: this operation never reveals it.
    #[schema(example = "138****5678")]
    callee: String,
    create_time: String,
}

/// Calls the lead's phone through the platform's outbound-call feature and records the call
/// (a NEW lead becomes FOLLOWING). The number is never returned, for any marketing plan;
/// CBC.99100131 when the lead has no phone, CBC.99100130 when it is closed.
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")), responses((status = 201, body = OutboundCallView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/leads/{lead_id}/outbound-calls")]
pub async fn call_lead(
    state: Data<AppState>,
    caller: Caller,
    id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?;
    let (me, user) = (u.partner_id.clone(), u.user_id.clone());
    let id = lead_id(&id)?;
    let now = state.now();
    let (f, phone) = state
        .write(move |conn| leads::call(conn, &me, &user, &id, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &OutboundCallView {
            call_id: f.id,
            lead_id: f.lead_id,
            status: "DIALING",
            callee: phone.masked(),
            create_time: wire::utc(f.created_at),
        },
    ))
}
