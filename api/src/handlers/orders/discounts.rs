//! ListOrderDiscounts: `GET /v2/orders/customer-orders/order-discounts?order_id=`.

use super::input::OrderIdQuery;
use super::json::{DiscountInfo, OrderDiscounts};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::orders::reads;
use crate::{wire, ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;

/// The discounts the order may be paid with, and what each would take off.
#[utoipa::path(tag = "orders", params(OrderIdQuery), responses((status = 200, body = OrderDiscounts)))]
#[get("/v2/orders/customer-orders/order-discounts")]
pub async fn list_order_discounts(
    state: Data<AppState>,
    caller: Caller,
    query: Query<OrderIdQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[Role::Finance])?;
    let q = query.into_inner()?;
    let who = caller.principal.clone();
    let (o, discounts, line_ids) = state
        .read(move |conn| reads::discounts(conn, &who, q.order_id.as_str()))
        .await?;
    Ok(wire::ok(&OrderDiscounts {
        discounts: discounts
            .iter()
            .map(|d| DiscountInfo::new(d, &o, &line_ids))
            .collect(),
    }))
}
