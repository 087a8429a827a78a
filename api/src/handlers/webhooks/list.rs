//! `GET /v2/partners/webhooks`.

use super::json::WebhookList;
use crate::auth::Caller;
use crate::service::delivery::webhooks;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The caller's partner's webhooks, oldest first.
#[utoipa::path(tag = "webhooks", responses((status = 200, body = WebhookList)))]
#[get("/v2/partners/webhooks")]
pub async fn list_webhooks(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let rows = state
        .read(move |conn| webhooks::list(conn, &partner_id))
        .await?;
    Ok(wire::json(StatusCode::OK, &WebhookList::of(&rows)))
}
