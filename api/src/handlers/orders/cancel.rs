//! CancelCustomerOrder: `PUT /v2/orders/customer-orders/cancel` — only a pending order.

use crate::auth::Caller;
use crate::extract::Json;
use crate::service::orders as access;
use crate::service::Failure;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{put, HttpResponse};
use domain::identity::Role;
use domain::payment::{ORDER_CANCELLED, ORDER_PENDING};
use domain::{codes, Violation};
use persistence::repo::orders;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

#[derive(Deserialize, Validate, ToSchema)]
pub struct CancelRequest {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: String,
}

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
    let principal = caller.principal.clone();
    state
        .write(move |conn| {
            let o = access::visible(conn, &principal, &b.order_id, None)?;
            if !orders::transition(conn, &o.id, ORDER_PENDING, ORDER_CANCELLED)? {
                return Err(Failure::Refused(Violation::new(
                    codes::ORDER_NOT_CANCELLABLE,
                    "only an order pending payment can be cancelled",
                )));
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
