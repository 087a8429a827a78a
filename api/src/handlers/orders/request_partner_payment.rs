//! S19: a resale customer asks its partner to pay a pending order:
//! `POST /v2/orders/customer-orders/{order_id}/partner-payment-requests`.

use crate::auth::Caller;
use crate::extract::Path;
use crate::service::orders::partner_payment;
use crate::wire::OrderId;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// The customer asks its partner to pay a pending order.
#[utoipa::path(tag = "orders", params(("order_id" = OrderId, Path)), responses((status = 204, description = "requested")))]
#[post("/v2/orders/customer-orders/{order_id}/partner-payment-requests")]
pub async fn request_partner_payment(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<OrderId>,
) -> Result<HttpResponse, ApiError> {
    caller.customer()?;
    let (who, id) = (caller.principal.clone(), order_id.into_inner()?);
    let now = state.now();
    state
        .write(move |conn| partner_payment::ask(conn, &who, id.as_str(), now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
