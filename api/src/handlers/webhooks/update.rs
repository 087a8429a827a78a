//! `PUT /v2/partners/webhooks/{webhook_id}`: replaces the settings; enabling a disabled
//! webhook clears its failure record.

use super::input::{WebhookBody, WebhookId};
use super::json::Webhook;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::delivery::webhooks;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{put, HttpResponse};

/// Replaces one of the caller's partner's webhooks' settings.
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path)), request_body = WebhookBody, responses((status = 200, body = Webhook), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/webhooks/{webhook_id}")]
pub async fn update_webhook(
    state: Data<AppState>,
    caller: Caller,
    id: Path<WebhookId>,
    body: Json<WebhookBody>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let spec = body.into_inner()?.into_spec();
    let now = state.now();
    let hook = state
        .write(move |conn| webhooks::update(conn, &partner_id, id.as_str(), &spec, now))
        .await?;
    Ok(wire::json(StatusCode::OK, &Webhook::from(&hook)))
}
