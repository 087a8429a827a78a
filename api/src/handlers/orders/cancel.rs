//! CancelCustomerOrder: `PUT /v2/orders/customer-orders/cancel` — only a pending order.

use super::input::CancelRequest;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::orders::create;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{put, HttpResponse};
use domain::identity::Role;

/// Cancels a pending-payment order (status 6 → 4); any other status is `CBC.99005010`.
#[utoipa::path(tag = "orders", request_body = CancelRequest, responses((status = 204, description = "cancelled")))]
#[put("/v2/orders/customer-orders/cancel")]
pub async fn cancel_customer_order(
    state: Data<AppState>,
    caller: Caller,
    body: Json<CancelRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[Role::Finance])?;
    let b = body.into_inner()?;
    let who = caller.principal.clone();
    state
        .write(move |conn| create::cancel(conn, &who, b.order_id.as_str()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
