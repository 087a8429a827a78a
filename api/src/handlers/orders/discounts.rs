//! ListOrderDiscounts: `GET /v2/orders/customer-orders/order-discounts?order_id=`.

use super::coupons::OrderIdQuery;
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::orders as access;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::payment::{discount_amount, OrderDiscount};
use domain::Money;
use persistence::repo::orders;
use rust_decimal::Decimal;
use serde::Serialize;
use std::str::FromStr;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct LineDiscount {
    order_line_item_ids: Vec<String>,
    /// 0 ratio, 1 fixed price, 2 amount off.
    discount_mode: i32,
    discount_amount: crate::wire::WireAmount,
    /// The share of the price paid under this discount.
    discount_ratio: crate::wire::WireDecimal,
}

#[derive(Serialize, ToSchema)]
pub struct DiscountOrder {
    order_id: String,
    order_line_items: Vec<LineDiscount>,
}

#[derive(Serialize, ToSchema)]
pub struct DiscountInfo {
    discount_id: String,
    discount_value: String,
    /// 0 promotion, 1 contract, 2 business, 3 partner-granted, 609 price adjustment.
    discount_type: i32,
    orders: Vec<DiscountOrder>,
}

#[derive(Serialize, ToSchema)]
pub struct OrderDiscounts {
    discounts: Vec<DiscountInfo>,
}

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
    let principal = caller.principal.clone();
    let (o, rows, line_ids) = state
        .read(move |conn| {
            let o = access::visible(conn, &principal, &q.order_id(), None)?;
            let rows = orders::discounts(conn, &o.id)?;
            let lines = orders::lines(conn, &o.id, 0, 1000)?
                .into_iter()
                .map(|l| l.id)
                .collect::<Vec<_>>();
            Ok((o, rows, lines))
        })
        .await?;
    let amount = Money::from_cents(o.amount_cents);
    let discounts = rows
        .into_iter()
        .map(|d| {
            let value = Decimal::from_str(&d.discount_value).unwrap_or_default();
            let od = OrderDiscount {
                id: d.discount_id.clone(),
                discount_type: d.discount_type,
                mode: d.discount_mode,
                value,
            };
            let off = discount_amount(&od, amount).unwrap_or(Money::ZERO);
            let ratio = if amount.is_zero() {
                Decimal::ONE
            } else {
                (Decimal::from(amount.cents() - off.cents()) / Decimal::from(amount.cents()))
                    .round_dp(4)
            };
            DiscountInfo {
                discount_id: d.discount_id,
                discount_value: d.discount_value,
                discount_type: d.discount_type,
                orders: vec![DiscountOrder {
                    order_id: o.id.clone(),
                    order_line_items: vec![LineDiscount {
                        order_line_item_ids: line_ids.clone(),
                        discount_mode: d.discount_mode,
                        discount_amount: crate::wire::WireAmount(off),
                        discount_ratio: crate::wire::WireDecimal(ratio),
                    }],
                }],
            }
        })
        .collect();
    Ok(wire::json(StatusCode::OK, &OrderDiscounts { discounts }))
}
