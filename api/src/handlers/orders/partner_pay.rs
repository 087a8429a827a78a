//! S19: the partner pays its customer's order from its own accounts:
//! `POST /v2/partners/sub-customers/orders/{order_id}/pay`.

use super::input::PayOptions;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::idempotency::{self, IdempotencyKey};
use crate::service::orders::partner_payment;
use crate::wire::OrderId;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::identity::Role;
use domain::payment::PayRequest;

/// The partner pays the order from its own accounts (cash, then credit; the same coupon and
/// discount rules as PayOrders).
#[utoipa::path(tag = "orders", params(("order_id" = OrderId, Path), idempotency::KeyParam), request_body = PayOptions, responses((status = 204, description = "paid"), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/partners/sub-customers/orders/{order_id}/pay")]
pub async fn partner_pay(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    order_id: Path<OrderId>,
    body: Json<PayOptions>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[Role::Finance])?;
    let request = PayRequest::from(&body.into_inner()?);
    let (who, id, now) = (
        caller.principal.clone(),
        order_id.into_inner()?,
        state.now(),
    );
    idempotency::once(
        &state,
        &caller,
        &key,
        &req,
        StatusCode::NO_CONTENT,
        move |conn| partner_payment::pay(conn, &who, id.as_str(), &request, now),
    )
    .await
}
