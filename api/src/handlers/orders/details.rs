//! ShowCustomerOrderDetails: `GET /v2/orders/customer-orders/details/{order_id}`.

use super::view::{order, CustomerOrder};
use crate::auth::Caller;
use crate::extract::Query;
use crate::service::orders as access;
use crate::wire::WireAmount;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::paging::Page;
use domain::Money;
use persistence::repo::{customers, orders};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DetailsQuery {
    /// Order lines per page (1–100, default 10).
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OrderLineItem {
    order_line_item_id: String,
    order_id: String,
    service_type_code: String,
    product_id: String,
    product_spec_desc: Option<String>,
    /// 0 day, 1 week, 2 month, 3 year, 4 hour, 5 one-off.
    period_type: i32,
    period_num: i32,
    subscription_num: i32,
    effective_time: Option<String>,
    expire_time: Option<String>,
    amount_after_discount: WireAmount,
    official_amount: WireAmount,
    currency: &'static str,
}

#[derive(Serialize, ToSchema)]
pub struct OrderDetails {
    /// Number of order lines.
    total_count: i64,
    order_info: CustomerOrder,
    order_line_items: Vec<OrderLineItem>,
}

/// One order with its lines, paged.
#[utoipa::path(tag = "orders", params(("order_id" = String, Path, example = "CS2412041234ABCD"), DetailsQuery, ("X-Language" = Option<String>, Header, example = "en_US")), responses((status = 200, body = OrderDetails)))]
#[get("/v2/orders/customer-orders/details/{order_id}")]
pub async fn show_customer_order_details(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<String>,
    query: Query<DetailsQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[
        Role::Finance,
        Role::AccountManager,
        Role::AccountManagerSupervisor,
    ])?;
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let principal = caller.principal.clone();
    let id = order_id.into_inner();
    let (o, lines, total, user, discount_type) = state
        .read(move |conn| {
            let o = access::visible(conn, &principal, &id, q.indirect_partner_id.as_deref())?;
            let lines = orders::lines(conn, &o.id, page.offset, page.limit)?;
            let total = orders::line_count(conn, &o.id)?;
            let user = customers::find(conn, &o.customer_id)?.map(|c| c.domain_name);
            let dt = orders::discounts(conn, &o.id)?
                .into_iter()
                .find(|d| Some(&d.discount_id) == o.applied_discount_id.as_ref())
                .map(|d| d.discount_type);
            Ok((o, lines, total, user, dt))
        })
        .await?;
    let items = lines
        .into_iter()
        .map(|l| OrderLineItem {
            order_line_item_id: l.id,
            order_id: l.order_id,
            service_type_code: o.service_type_code.clone(),
            product_spec_desc: l.cloud_service_type.clone(),
            product_id: l.product_id,
            period_type: l.period_type,
            period_num: l.period_num,
            subscription_num: l.subscription_num,
            effective_time: l.effective_time.map(wire::utc),
            expire_time: l.expire_time.map(wire::utc),
            amount_after_discount: WireAmount(Money::from_cents(l.amount_cents)),
            official_amount: WireAmount(Money::from_cents(l.official_cents)),
            currency: "CNY",
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &OrderDetails {
            total_count: total,
            order_info: order(&o, user, discount_type),
            order_line_items: items,
        },
    ))
}
