//! `POST /v2/partners/webhooks`: a partner's admin adds an endpoint; its signing secret is
//! answered this once.

use super::input::WebhookBody;
use super::json::WebhookWithSecret;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::delivery::webhooks;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Adds a webhook to the caller's partner (at most 20; `CBC.99100240` past that).
#[utoipa::path(tag = "webhooks", request_body = WebhookBody, responses((status = 201, body = WebhookWithSecret), (status = 400, body = openapi::ErrorBody)))]
#[post("/v2/partners/webhooks")]
pub async fn create_webhook(
    state: Data<AppState>,
    caller: Caller,
    body: Json<WebhookBody>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let spec = body.into_inner()?.into_spec();
    let now = state.now();
    let vault = state.vault.clone();
    let (hook, secret) = state
        .write(move |conn| webhooks::create(conn, &vault, &partner_id, &spec, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &WebhookWithSecret::of(&hook, secret),
    ))
}
