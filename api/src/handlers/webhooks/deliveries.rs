//! `GET /v2/partners/webhooks/{webhook_id}/deliveries`: status, attempts, last answer.

use super::input::WebhookId;
use super::json::DeliveryPage;
use crate::auth::Caller;
use crate::extract::{Path, Query};
use crate::service::delivery::deliveries;
use crate::wire::{self, PageQuery};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// The webhook's deliveries, newest first.
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path), PageQuery), responses((status = 200, body = DeliveryPage), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/webhooks/{webhook_id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: Data<AppState>,
    caller: Caller,
    id: Path<WebhookId>,
    query: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let page = query.into_inner()?.page();
    let (total, rows) = state
        .read(move |conn| deliveries::list(conn, &partner_id, id.as_str(), page))
        .await?;
    Ok(wire::json(StatusCode::OK, &DeliveryPage::of(total, &rows)))
}
