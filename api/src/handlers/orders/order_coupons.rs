//! ListOrderCouponsByOrderId: `GET /v2/orders/customer-orders/order-coupons`.

use super::input::OrderIdQuery;
use super::json::OrderCoupons;
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::orders::reads;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;

/// The customer's coupons that could pay this order now (each alone, without a discount).
#[utoipa::path(tag = "orders", params(OrderIdQuery), responses((status = 200, body = OrderCoupons)))]
#[get("/v2/orders/customer-orders/order-coupons")]
pub async fn list_order_coupons_by_order_id(
    state: Data<AppState>,
    caller: Caller,
    query: Query<OrderIdQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[Role::Finance])?;
    let q = query.into_inner()?;
    let (who, now) = (caller.principal.clone(), state.now());
    let usable = state
        .read(move |conn| reads::coupons_for(conn, &who, q.order_id.as_str(), now))
        .await?;
    Ok(wire::ok(&OrderCoupons::new(&usable)))
}
