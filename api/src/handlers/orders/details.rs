//! ShowCustomerOrderDetails: `GET /v2/orders/customer-orders/details/{order_id}`.

use super::json::{CustomerOrder, OrderDetails};
use crate::auth::Caller;
use crate::extract::{Path, Query};
use crate::service::orders::reads;
use crate::wire::{self, ActingFor, OrderId, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;

/// One order with its lines, paged.
#[utoipa::path(tag = "orders", params(("order_id" = OrderId, Path), PageQuery, ActingFor, ("X-Language" = Option<String>, Header, example = "en_US")), responses((status = 200, body = OrderDetails)))]
#[get("/v2/orders/customer-orders/details/{order_id}")]
pub async fn show_customer_order_details(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<OrderId>,
    page: Query<PageQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Finance};
    caller.partner_or_customer(&[Finance, AccountManager, AccountManagerSupervisor])?;
    let (id, page, acting) = (
        order_id.into_inner()?,
        page.into_inner()?.page(),
        acting.into_inner()?,
    );
    let who = caller.principal.clone();
    let d = state
        .read(move |conn| reads::details(conn, &who, id.as_str(), acting.reseller(), page))
        .await?;
    Ok(wire::ok(&OrderDetails {
        total_count: d.line_count,
        order_info: CustomerOrder::new(&d.order, d.user_name),
        order_line_items: d.lines.iter().map(|l| (l, &d.order.order).into()).collect(),
    }))
}
