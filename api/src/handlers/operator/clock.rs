//! The sandbox clock (`BSS_SANDBOX_CLOCK=true`, test environments only): `GET` and
//! `PUT /v2/operator/clock`. With the sandbox clock off both answer 404 `CBC.99100002`, as if
//! the clock were not there. The offset lives in this process: run one replica.

use crate::auth::Caller;
use crate::extract::Json;
use crate::service::Failure;
use crate::wire::{utc, UtcTime};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, put, HttpResponse};
use chrono::{TimeZone, Utc};
use domain::{codes, Clock, SandboxClock, Violation};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;

/// Where to move the clock.
#[derive(Deserialize, ToSchema)]
pub struct MoveClock {
    /// The new business time; not before the current one (`CBC.99100165`).
    now: UtcTime,
}

/// The business time and how far it is ahead of the wall clock.
#[derive(Serialize, ToSchema)]
pub struct ClockView {
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    #[schema(example = "2026-12-31T16:00:00Z")]
    now: String,
    /// Seconds the business time is ahead of the wall clock.
    #[schema(example = 86400)]
    ahead_seconds: i64,
}

fn sandbox(state: &AppState) -> Result<Arc<SandboxClock>, ApiError> {
    state.sandbox_clock.clone().ok_or_else(|| {
        ApiError::from(Violation::new(
            codes::NOT_FOUND,
            "the sandbox clock is off (BSS_SANDBOX_CLOCK)",
        ))
    })
}

fn view(state: &AppState, clock: &SandboxClock) -> HttpResponse {
    let now = clock.now().timestamp();
    crate::wire::ok(&ClockView {
        now: utc(now),
        ahead_seconds: now - state.wall_now(),
    })
}

/// Reads the sandbox clock.
#[utoipa::path(tag = "operator", responses((status = 200, body = ClockView), (status = 404, description = "the sandbox clock is off", body = openapi::ErrorBody)))]
#[get("/v2/operator/clock")]
pub async fn show_clock(state: Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let clock = sandbox(&state)?;
    Ok(view(&state, &clock))
}

/// Moves the sandbox clock forward: coupon and quota expiry, invitation expiry and bill cycles
/// follow it from now on; what fell due meanwhile (expiry, auto-renewal) runs before the answer.
#[utoipa::path(tag = "operator", request_body = MoveClock, responses((status = 200, body = ClockView), (status = 404, description = "the sandbox clock is off", body = openapi::ErrorBody)))]
#[put("/v2/operator/clock")]
pub async fn move_clock(
    state: Data<AppState>,
    caller: Caller,
    body: Json<MoveClock>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let clock = sandbox(&state)?;
    let to = body.into_inner()?.now.unix();
    let to = Utc
        .timestamp_opt(to, 0)
        .single()
        .ok_or_else(|| ApiError::param("now is out of range"))?;
    // In a write, so the move is in the audit log like every change.
    let moving = clock.clone();
    state
        .write(move |_| moving.move_to(to).map_err(Failure::Refused))
        .await?;
    tracing::warn!(now = %to, "sandbox clock moved");
    crate::service::time_driven::run(&state).await?;
    Ok(view(&state, &clock))
}
