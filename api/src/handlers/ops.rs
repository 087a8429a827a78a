//! Liveness and readiness.

use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`
    status: &'static str,
    /// The server's version (also the OpenAPI document's `info.version`).
    #[schema(example = "0.1.0")]
    version: &'static str,
    /// Present and true when the sandbox clock is on (`BSS_SANDBOX_CLOCK`): business time may
    /// be ahead of the wall clock. Never in production.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sandbox_clock: bool,
}

/// Liveness: the process serves requests; names its version.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)))]
#[get("/healthz")]
pub async fn healthz(state: Data<AppState>) -> HttpResponse {
    wire::json(
        StatusCode::OK,
        &Health {
            status: "ok",
            version: env!("CARGO_PKG_VERSION"),
            sandbox_clock: state.sandbox_clock.is_some(),
        },
    )
}

#[derive(Serialize, ToSchema)]
pub struct Ready {
    status: &'static str,
    /// `sqlite` or `postgres`
    database: &'static str,
}

/// Readiness: the database answers and the process is not draining for a restart.
#[utoipa::path(tag = "operations", responses((status = 200, body = Ready), (status = 503, description = "draining for a restart, or the database does not answer")))]
#[get("/readyz")]
pub async fn readyz(state: Data<AppState>) -> Result<HttpResponse, ApiError> {
    if state.lifecycle.is_draining() {
        return Ok(HttpResponse::ServiceUnavailable()
            .insert_header(("Connection", "close"))
            .json(serde_json::json!({"status": "draining"})));
    }
    let db = state.db.clone();
    actix_web::web::block(move || db.ping()).await??;
    Ok(wire::json(
        StatusCode::OK,
        &Ready {
            status: "ready",
            database: state.db.backend().as_str(),
        },
    ))
}
