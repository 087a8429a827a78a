//! ListCustomerOrders: `GET /v2/orders/customer-orders` — a customer's own orders, or a
//! partner's customers' orders.

use super::input::OrdersQuery;
use super::json::OrdersPage;
use crate::auth::{Caller, Principal};
use crate::extract::Query;
use crate::service::orders::reads::{self, Whose};
use crate::wire::{self, ActingFor, PageQuery};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::orders::{OrderSort, OrdersOf};
use domain::period::{check_window, MAX_SPAN_SECS};
use persistence::repo::orders::OrderFilter;

fn filter(q: &OrdersQuery) -> Result<OrderFilter, ApiError> {
    let unix = |t: &Option<wire::UtcTime>| t.map(wire::UtcTime::unix);
    let (create_from, create_until) = (unix(&q.create_time_begin), unix(&q.create_time_end));
    let (pay_from, pay_until) = (unix(&q.payment_time_begin), unix(&q.payment_time_end));
    let year = Some(MAX_SPAN_SECS);
    check_window(
        ("create_time_begin", create_from),
        ("create_time_end", create_until),
        year,
    )?;
    check_window(
        ("payment_time_begin", pay_from),
        ("payment_time_end", pay_until),
        year,
    )?;
    Ok(OrderFilter {
        order_id: q.order_id.as_ref().map(|o| o.as_str().to_owned()),
        create_from,
        create_until,
        pay_from,
        pay_until,
        service_type_code: q.service_type_code.as_ref().map(|s| s.as_str().to_owned()),
        status: q.status.map(wire::Code::get),
        order_type: q.order_type.map(wire::CodeText::get),
        newest_first: q.order_by.map(wire::Code::get) != Some(OrderSort::OldestFirst),
        ..OrderFilter::default()
    })
}

/// Orders with every filter of ListCustomerOrders.
#[utoipa::path(tag = "orders", params(OrdersQuery, PageQuery, ActingFor), responses((status = 200, body = OrdersPage)))]
#[get("/v2/orders/customer-orders")]
pub async fn list_customer_orders(
    state: Data<AppState>,
    caller: Caller,
    query: Query<OrdersQuery>,
    page: Query<PageQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Finance};
    caller.partner_or_customer(&[Finance, AccountManager, AccountManagerSupervisor])?;
    let (q, page, acting) = (
        query.into_inner()?,
        page.into_inner()?.page(),
        acting.into_inner()?,
    );
    let f = filter(&q)?;
    let who = caller.principal.clone();
    let listed = state
        .read(move |conn| {
            let customer_id = q.customer_id.as_ref().map(|c| c.as_str());
            let whose = match &who {
                Principal::Customer(c) => Whose::Customer {
                    me: &c.customer_id,
                    customer_id,
                },
                Principal::PartnerUser(u) => Whose::Partner {
                    me: &u.partner_id,
                    indirect: acting.reseller(),
                    customer_id,
                    oneself: q.method.map(wire::Code::get) == Some(OrdersOf::Oneself),
                },
                Principal::Operator => return Ok((0, vec![])),
            };
            reads::list(conn, &whose, f.clone(), page)
        })
        .await?;
    Ok(wire::ok(&OrdersPage::new(listed)))
}
