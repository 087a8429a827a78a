//! PayOrders: `POST /v3/orders/customer-orders/pay` (customer identity only).

use super::input::PayOrdersBody;
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::orders::{payment, visible};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};
use domain::orders::{self, Payer};
use domain::payment::PayRequest;

/// Pays a pending order: coupons and a discount first, then cash, then credit. Nothing is
/// debited unless everything can be.
#[utoipa::path(tag = "orders", params(idempotency::KeyParam), request_body = PayOrdersBody, responses((status = 204, description = "paid", links(
    ("ShowCustomerOrderDetails" = (operation_id = "show_customer_order_details", parameters(("order_id" = "$request.body#/order_id")))),
    ("Unsubscribe" = (operation_id = "unsubscribe", parameters(("order_id" = "$request.body#/order_id")))),
)), (status = 409, body = openapi::ErrorBody)))]
#[post("/v3/orders/customer-orders/pay")]
pub async fn pay_orders(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<PayOrdersBody>,
) -> Result<HttpResponse, ApiError> {
    let payer = Payer::Customer(caller.customer()?.customer_id.clone());
    let b = body.into_inner()?;
    let request = PayRequest::from(&b.options);
    let (who, now) = (caller.principal.clone(), state.now());
    let tally = crate::metrics::Tally::default();
    let t = tally.clone();
    let res = idempotency::once(
        &state,
        &caller,
        &key,
        &req,
        StatusCode::NO_CONTENT,
        move |conn| {
            t.clear();
            let order = visible(conn, &who, b.order_id.as_str(), None)?;
            orders::customer_may_pay(&order)?;
            payment::pay(conn, &order, &payer, &request, now)?;
            t.set(order.amount.cents());
            Ok(())
        },
    )
    .await?;
    if let Some(cents) = tally.take() {
        crate::metrics::payment(cents);
    }
    Ok(res)
}
