//! `GET /v2/partners/webhooks/{webhook_id}`.

use super::input::WebhookId;
use super::json::Webhook;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::delivery::webhooks;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// One of the caller's partner's webhooks (never its secret).
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path)), responses((status = 200, body = Webhook), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/webhooks/{webhook_id}")]
pub async fn show_webhook(
    state: Data<AppState>,
    caller: Caller,
    id: Path<WebhookId>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let hook = state
        .read(move |conn| webhooks::show(conn, &partner_id, id.as_str()))
        .await?;
    Ok(wire::json(StatusCode::OK, &Webhook::from(&hook)))
}
