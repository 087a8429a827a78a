//! `POST /v2/operator/on-demand-resources`: the platform registers pay-per-use resources.

use super::input::OnDemandResourcesBody;
use super::json::RegisterResult;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::consumption::resources;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Registers a batch of at most 1,000 pay-per-use resources; one sent again is updated (its
/// customer cannot change).
#[utoipa::path(tag = "operator", request_body = OnDemandResourcesBody, responses((status = 200, body = RegisterResult), (status = 404, description = "A record names no customer (CBC.99100002).", body = openapi::ErrorBody)))]
#[post("/v2/operator/on-demand-resources")]
pub async fn register_on_demand_resources(
    state: Data<AppState>,
    caller: Caller,
    body: Json<OnDemandResourcesBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let batch = body.into_inner()?.resources();
    let (sent, now) = (batch.len(), state.now());
    let created = state
        .write(move |conn| resources::register(conn, &batch, now))
        .await?;
    Ok(wire::ok(&RegisterResult {
        created,
        updated: sent - created,
    }))
}
