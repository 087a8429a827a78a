//! `POST /v2/partners/webhooks/{webhook_id}/rotate-secret`: a new signing secret replaces the
//! old at once and is answered this once.

use super::input::WebhookId;
use super::json::WebhookWithSecret;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::delivery::webhooks;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Replaces the webhook's signing secret.
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path)), responses((status = 200, body = WebhookWithSecret), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/webhooks/{webhook_id}/rotate-secret")]
pub async fn rotate_webhook_secret(
    state: Data<AppState>,
    caller: Caller,
    id: Path<WebhookId>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let now = state.now();
    let vault = state.vault.clone();
    let (hook, secret) = state
        .write(move |conn| webhooks::rotate_secret(conn, &vault, &partner_id, id.as_str(), now))
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &WebhookWithSecret::of(&hook, secret),
    ))
}
