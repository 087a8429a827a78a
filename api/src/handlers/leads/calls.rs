//! `POST /v2/partners/leads/{lead_id}/outbound-calls` and `GET .../{call_id}`: reach the
//! customer without seeing the number. The voice gateway rings the caller's phone and bridges
//! the lead's; the number leaves only towards the gateway.

use super::lead_id;
use crate::auth::Caller;
use crate::delivery::gateway::Bridge;
use crate::extract::Path;
use crate::handlers::channel::SALES;
use crate::service::calls;
use crate::wire::codes::CallStatusCode;
use crate::wire::Code;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, post, HttpResponse};
use domain::calls::Call;
use domain::leads::Contact;
use serde::Serialize;
use utoipa::ToSchema;

crate::text_type!(/// An outbound call's id (also the id of the follow-up recording it).
    CallId, 1..=domain::limits::ID, "4d3c2b1a0f9e8d7c6b5a49382716f5e4");

#[derive(Serialize, ToSchema)]
pub struct OutboundCallView {
    #[schema(example = "4d3c2b1a0f9e8d7c6b5a49382716f5e4")]
    call_id: String,
    #[schema(example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")]
    lead_id: String,
    /// The partner user whose phone the gateway rings first.
    #[schema(example = "7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29")]
    user_id: String,
    #[schema(value_type = CallStatusCode)]
    status: Code<domain::calls::CallStatus>,
    /// The number called, always masked: no operation reveals it.
    #[schema(example = "138****5678")]
    callee: Option<String>,
    /// Talk time of an `ANSWERED` call as the gateway reported it; 0 otherwise.
    #[schema(example = 95, minimum = 0, maximum = 86400)]
    duration_seconds: i64,
    /// UTC.
    #[schema(example = "2026-11-25T12:00:00Z")]
    create_time: String,
    /// When the gateway reported the outcome, UTC; null while `DIALING`.
    #[schema(example = "2026-11-25T12:01:35Z")]
    end_time: Option<String>,
}

impl OutboundCallView {
    fn new(c: &Call, callee: Option<&Contact>) -> Self {
        OutboundCallView {
            call_id: c.id.clone(),
            lead_id: c.lead_id.clone(),
            user_id: c.user_id.clone(),
            status: Code(c.status),
            callee: callee.map(Contact::masked),
            duration_seconds: c.duration_secs,
            create_time: wire::utc(c.created_at),
            end_time: c.ended_at.map(wire::utc),
        }
    }
}

/// Calls the lead's phone through the voice gateway: it rings the calling user's
/// `mobile_phone`, then bridges the lead, and reports the outcome later (the call stays
/// `DIALING` until then; `FAILED` at once if the gateway refuses it). The call is recorded as
/// a follow-up (a NEW lead becomes FOLLOWING). The number is never returned, for any
/// marketing plan. CBC.99100131 when the lead has no phone, CBC.99100130 when it is closed,
/// CBC.99100261 when the caller has no phone, CBC.99100260 when no voice gateway is
/// configured.
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0")), responses((status = 201, body = OutboundCallView), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/leads/{lead_id}/outbound-calls")]
pub async fn call_lead(
    state: Data<AppState>,
    caller: Caller,
    id: actix_web::web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let u = caller.partner_with(SALES)?;
    let (me, user) = (u.partner_id.clone(), u.user_id.clone());
    let id = lead_id(&id)?;
    let now = state.now();
    let gateway = state.gateway.clone().filter(|g| g.voice_ready());
    let ready = gateway.is_some();
    let placed = state
        .write(move |conn| calls::place(conn, &me, &user, &id, ready, now))
        .await?;
    let mut call = placed.call;
    let bridge = Bridge {
        call_id: &call.id,
        caller: &placed.caller,
        callee: &placed.callee,
    };
    let sent = match &gateway {
        Some(g) => g.bridge(&bridge).await,
        None => Err(crate::delivery::gateway::GatewayError::NotConfigured),
    };
    if let Err(e) = sent {
        tracing::warn!(call.id = %call.id, error = %e, "the voice gateway did not take the call");
        let cid = call.id.clone();
        let now = state.now();
        call = state
            .write_unaudited(move |conn| calls::not_bridged(conn, &cid, now))
            .await?;
    }
    Ok(wire::json(
        StatusCode::CREATED,
        &OutboundCallView::new(&call, Some(&placed.callee)),
    ))
}

/// One outbound call on the lead, with the outcome the gateway reported. A call of another
/// lead or partner answers like a missing one.
#[utoipa::path(tag = "leads", params(("lead_id" = String, Path, example = "6f1e2d3c4b5a69788796a5b4c3d2e1f0"), ("call_id" = CallId, Path)), responses((status = 200, body = OutboundCallView), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/leads/{lead_id}/outbound-calls/{call_id}")]
pub async fn show_outbound_call(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(String, CallId)>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(SALES)?.partner_id.clone();
    let (lead, call) = ids.into_inner()?;
    let lead = lead_id(&lead)?;
    let (call, callee) = state
        .read(move |conn| calls::show(conn, &me, &lead, call.as_str()))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &OutboundCallView::new(&call, callee.as_ref()),
    ))
}
