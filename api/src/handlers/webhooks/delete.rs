//! `DELETE /v2/partners/webhooks/{webhook_id}`: the webhook and its deliveries go; nothing
//! more is sent to it.

use super::input::WebhookId;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::delivery::webhooks;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{delete, HttpResponse};

/// Deletes one of the caller's partner's webhooks.
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path)), responses((status = 204), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/partners/webhooks/{webhook_id}")]
pub async fn delete_webhook(
    state: Data<AppState>,
    caller: Caller,
    id: Path<WebhookId>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    state
        .write(move |conn| webhooks::delete(conn, &partner_id, id.as_str()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
