//! `POST /v2/partners/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver`: queues the
//! delivery again, due now, with the same `webhook-id` (receivers de-duplicate by it).

use super::input::{DeliveryId, WebhookId};
use super::json::Delivery;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::delivery::deliveries;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Sends a delivery again.
#[utoipa::path(tag = "webhooks", params(("webhook_id" = WebhookId, Path), ("delivery_id" = DeliveryId, Path)), responses((status = 202, body = Delivery), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver")]
pub async fn redeliver_webhook_delivery(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(WebhookId, DeliveryId)>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let (hook, delivery) = ids.into_inner()?;
    let now = state.now();
    let d = state
        .write(move |conn| {
            deliveries::redeliver(conn, &partner_id, hook.as_str(), delivery.as_str(), now)
        })
        .await?;
    Ok(wire::json(StatusCode::ACCEPTED, &Delivery::from(&d)))
}
