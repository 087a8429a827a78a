//! ListCustomerOrders: `GET /v2/orders/customer-orders` — a customer's own orders, or a
//! partner's customers' orders.

use super::fields;
use super::view::{order, CustomerOrder};
use crate::auth::{Caller, Principal};
use crate::extract::Query;
use crate::service::acting;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::paging::Page;
use domain::payment::{ORDER_STATUSES, ORDER_TYPES};
use domain::{codes, Violation};
use persistence::repo::orders::{self, OrderFilter};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Object;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

const YEAR: i64 = 366 * 86_400;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrdersQuery {
    /// Case-insensitive.
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: Option<String>,
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`; begin not after end and at most one year apart
    /// (`CBC.99100066` otherwise).
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    create_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    create_time_end: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    payment_time_begin: Option<String>,
    #[validate(length(max = 20))]
    #[param(schema_with = crate::schemas::utc_time)]
    payment_time_end: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "hws.service.type.ec2")]
    service_type_code: Option<String>,
    /// 1 pending review, 3 processing, 4 cancelled, 5 completed, 6 pending payment, 9 to be confirmed.
    #[param(schema_with = fields::order_status)]
    status: Option<i32>,
    /// 1 new, 2 renew, 3 change, 4 unsubscribe, 10, 11, 13, 14, 15.
    #[validate(length(max = 8))]
    #[param(schema_with = fields::order_type_text)]
    order_type: Option<String>,
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(range(min = 0))]
    #[param(minimum = 0, example = 0)]
    offset: Option<i64>,
    /// `createTime` (oldest first) or `-createTime` (newest first, the default).
    #[validate(length(max = 36))]
    #[param(schema_with = order_by_schema)]
    order_by: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
    /// For partners: `sub_customer` (default) or `oneself`.
    #[validate(length(max = 16))]
    #[param(schema_with = method_schema)]
    method: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OrdersPage {
    total_count: i64,
    order_infos: Vec<CustomerOrder>,
}

const ORDER_BY: [&str; 2] = ["-createTime", "createTime"];
const METHODS: [&str; 2] = ["sub_customer", "oneself"];

fn order_by_schema() -> Object {
    crate::schemas::strings(ORDER_BY)
}

fn method_schema() -> Object {
    crate::schemas::strings(METHODS)
}

fn window(
    begin: &Option<String>,
    end: &Option<String>,
    names: (&str, &str),
) -> Result<(Option<i64>, Option<i64>), ApiError> {
    let b = begin
        .as_deref()
        .map(|s| wire::parse_utc(names.0, s))
        .transpose()?;
    let e = end
        .as_deref()
        .map(|s| wire::parse_utc(names.1, s))
        .transpose()?;
    if let (Some(b), Some(e)) = (b, e) {
        // Both well-formed; how they relate is a rule no schema states.
        if b > e || e - b > YEAR {
            return Err(Violation::new(
                codes::TIME_WINDOW_INVALID,
                format!(
                    "{} and {} must be in order and at most one year apart",
                    names.0, names.1
                ),
            )
            .into());
        }
    }
    Ok((b, e))
}

fn filter(q: &OrdersQuery) -> Result<OrderFilter, ApiError> {
    let (create_from, create_until) = window(
        &q.create_time_begin,
        &q.create_time_end,
        ("create_time_begin", "create_time_end"),
    )?;
    let (pay_from, pay_until) = window(
        &q.payment_time_begin,
        &q.payment_time_end,
        ("payment_time_begin", "payment_time_end"),
    )?;
    let order_type = match q.order_type.as_deref() {
        None => None,
        Some(t) => Some(
            t.parse::<i32>()
                .ok()
                .filter(|t| ORDER_TYPES.contains(t))
                .ok_or_else(|| {
                    Violation::param("order_type must be one of 1, 2, 3, 4, 10, 11, 13, 14, 15")
                })?,
        ),
    };
    if q.status.is_some_and(|s| !ORDER_STATUSES.contains(&s)) {
        return Err(ApiError::param(
            "status must be one of 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13",
        ));
    }
    let newest_first = match q.order_by.as_deref() {
        None | Some("-createTime") => true,
        Some("createTime") => false,
        Some(_) => {
            return Err(ApiError::param(
                "order_by must be createTime or -createTime",
            ))
        }
    };
    Ok(OrderFilter {
        order_id: q.order_id.clone(),
        create_from,
        create_until,
        pay_from,
        pay_until,
        service_type_code: q.service_type_code.clone(),
        status: q.status,
        order_type,
        newest_first,
        ..OrderFilter::default()
    })
}

/// Orders with every filter of ListCustomerOrders.
#[utoipa::path(tag = "orders", params(OrdersQuery), responses((status = 200, body = OrdersPage)))]
#[get("/v2/orders/customer-orders")]
pub async fn list_customer_orders(
    state: Data<AppState>,
    caller: Caller,
    query: Query<OrdersQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_or_customer(&[
        Role::Finance,
        Role::AccountManager,
        Role::AccountManagerSupervisor,
    ])?;
    let q = query.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let f = filter(&q)?;
    match q.method.as_deref() {
        None | Some("sub_customer") | Some("oneself") => {}
        Some(_) => return Err(ApiError::param("method must be oneself or sub_customer")),
    }
    let principal = caller.principal.clone();
    let (total, rows, types) = state
        .read(move |conn| {
            let mut f = f.clone();
            match &principal {
                Principal::Customer(c) => {
                    if q.customer_id
                        .as_deref()
                        .is_some_and(|id| id != c.customer_id)
                    {
                        f.customer_ids = Some(vec![]);
                    } else {
                        f.customer_ids = Some(vec![c.customer_id.clone()]);
                    }
                }
                Principal::PartnerUser(u) => {
                    let p = acting::partner(conn, &u.partner_id, q.indirect_partner_id.as_deref())?;
                    f.partner_id = Some(p.id);
                    // A partner buys nothing itself here; "oneself" lists nothing.
                    f.customer_ids = match (q.method.as_deref(), &q.customer_id) {
                        (Some("oneself"), _) => Some(vec![]),
                        (_, Some(c)) => Some(vec![c.clone()]),
                        _ => None,
                    };
                }
                Principal::Operator => {}
            }
            let rows = orders::page(conn, &f, page.offset, page.limit)?;
            let types = orders::applied_discount_types(conn, &rows)?;
            Ok((orders::count(conn, &f)?, rows, types))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &OrdersPage {
            total_count: total,
            order_infos: rows
                .iter()
                .map(|o| order(o, None, types.get(&o.id).copied()))
                .collect(),
        },
    ))
}
