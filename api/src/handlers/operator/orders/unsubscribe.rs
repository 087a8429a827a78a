//! `POST /v2/operator/orders/{order_id}/unsubscribe`: refund to whoever paid.

use super::input::UnsubscribeBody;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::idempotency::{self, IdempotencyKey};
use crate::service::orders::payment;
use crate::wire::{OrderId, WireAmount};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Unsubscribed {
    refund_order_id: String,
    refund_amount: WireAmount,
}

/// Unsubscribes a paid order: an unsubscription order (`order_type` 4, completed) is created
/// and the money returns to the accounts that paid, in the proportions not yet refunded, as
/// REFUND rows.
#[utoipa::path(tag = "operator", params(("order_id" = OrderId, Path), idempotency::KeyParam), request_body = UnsubscribeBody, responses((status = 200, body = Unsubscribed, links(
    ("ShowRefundOrderDetails" = (operation_id = "show_refund_order_details", parameters(("order_id" = "$response.body#/refund_order_id")))),
)), (status = 404, body = openapi::ErrorBody), (status = 409, description = "The Idempotency-Key was used with another request, or is still in progress (CBC.0260).", body = openapi::ErrorBody)))]
#[post("/v2/operator/orders/{order_id}/unsubscribe")]
pub async fn unsubscribe(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    order_id: Path<OrderId>,
    body: Json<UnsubscribeBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (id, b, now) = (order_id.into_inner()?, body.into_inner()?, state.now());
    let amount = b.refund_amount.map(|a| a.0.money());
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let r = payment::refund(conn, id.as_str(), amount, now)?;
        Ok(Unsubscribed {
            refund_order_id: r.id,
            refund_amount: WireAmount(r.amount),
        })
    })
    .await
}
