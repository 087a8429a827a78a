//! S19: a resale customer asks its partner to pay; the partner lists the requests, pays from
//! its own accounts (cash then credit, same coupon and discount rules) or rejects with a reason.

use super::view::{order, CustomerOrder, PayOptions};
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::Failure;
use crate::service::{acting, orders as access, payment};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::{Data, Path};
use actix_web::{post, HttpRequest, HttpResponse};
use domain::identity::Role;
use domain::paging::Page;
use domain::{codes, Violation};
use persistence::repo::customers;
use persistence::repo::orders::{self, OrderFilter};
use persistence::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

const PENDING: &str = "PENDING";
const PAID: &str = "PAID";
const REJECTED: &str = "REJECTED";

fn not_flagged() -> Failure {
    Failure::Refused(Violation::new(
        codes::NOT_FLAGGED_FOR_PARTNER_PAYMENT,
        "the order awaits no payment by you",
    ))
}

/// The customer asks its partner to pay a pending order.
#[utoipa::path(tag = "orders", params(("order_id" = String, Path, example = "CS2412041234ABCD")), responses((status = 204, description = "requested")))]
#[post("/v2/orders/customer-orders/{order_id}/partner-payment-requests")]
pub async fn request_partner_payment(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.customer()?;
    let principal = caller.principal.clone();
    let id = order_id.into_inner();
    state
        .write(move |conn| {
            let o = access::visible(conn, &principal, &id, None)?;
            let c = customers::find(conn, &o.customer_id)?
                .ok_or_else(|| StoreError::Internal("order's customer vanished".into()))?;
            if c.partner_id.is_none() || c.association_type.as_deref() != Some("2") {
                return Err(Failure::Refused(Violation::new(
                    codes::NOT_RESALE_CUSTOMER,
                    "only a resale customer may ask its partner to pay",
                )));
            }
            if o.status != domain::payment::ORDER_PENDING {
                return Err(Failure::Refused(Violation::new(
                    codes::ORDER_STATUS_CHANGED,
                    "the order is not pending payment",
                )));
            }
            if !orders::set_agent_pay(conn, &o.id, &[None, Some(REJECTED)], PENDING, None)? {
                return Err(Failure::Refused(Violation::new(
                    codes::PAYMENT_IN_PROGRESS,
                    "payment by your partner was already requested",
                )));
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "UPPERCASE")]
#[schema(example = "PENDING")]
pub enum AgentPayStatus {
    Pending,
    Paid,
    Rejected,
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct RequestsQuery {
    #[schema(example = "PENDING")]
    agent_pay_status: Option<AgentPayStatus>,
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: Option<String>,
    #[validate(range(min = 0))]
    #[schema(minimum = 0, example = 0)]
    offset: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, example = 10)]
    limit: Option<i64>,
    #[validate(length(min = 1, max = 64))]
    #[schema(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RequestsPage {
    total_count: i64,
    order_infos: Vec<CustomerOrder>,
}

/// Orders whose customers asked the partner to pay, by partner-payment status.
#[utoipa::path(tag = "orders", request_body = RequestsQuery, responses((status = 200, body = RequestsPage)))]
#[post("/v2/partners/sub-customers/orders/query")]
pub async fn list_partner_payment_requests(
    state: Data<AppState>,
    caller: Caller,
    body: Json<RequestsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = body.into_inner()?;
    let page = Page::new(q.offset, q.limit)?;
    let (total, rows, types) = state
        .read(move |conn| {
            let p = acting::partner(conn, &me, q.indirect_partner_id.as_deref())?;
            let f = OrderFilter {
                partner_id: Some(p.id),
                customer_ids: q.customer_id.clone().map(|c| vec![c]),
                agent_pay_status: Some(
                    match q.agent_pay_status {
                        None | Some(AgentPayStatus::Pending) => PENDING,
                        Some(AgentPayStatus::Paid) => PAID,
                        Some(AgentPayStatus::Rejected) => REJECTED,
                    }
                    .to_owned(),
                ),
                newest_first: true,
                ..OrderFilter::default()
            };
            let rows = orders::page(conn, &f, page.offset, page.limit)?;
            let types = orders::applied_discount_types(conn, &rows)?;
            Ok((orders::count(conn, &f)?, rows, types))
        })
        .await?;
    Ok(wire::json(
        StatusCode::OK,
        &RequestsPage {
            total_count: total,
            order_infos: rows
                .iter()
                .map(|o| order(o, None, types.get(&o.id).copied()))
                .collect(),
        },
    ))
}

/// The partner pays the order from its own accounts.
#[utoipa::path(tag = "orders", params(("order_id" = String, Path, example = "CS2412041234ABCD"), ("Idempotency-Key" = Option<String>, Header, example = "5b0f7c9e-2d4a-4f7e-9a61-3c2e8d1f0a42")), request_body = PayOptions, responses((status = 204, description = "paid"), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/partners/sub-customers/orders/{order_id}/pay")]
pub async fn partner_pay(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    order_id: Path<String>,
    body: Json<PayOptions>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[Role::Finance])?;
    let request = body.into_inner()?.0.request()?;
    let principal = caller.principal.clone();
    let id = order_id.into_inner();
    let now = state.now();
    idempotency::once(
        &state,
        &caller,
        &key,
        &req,
        StatusCode::NO_CONTENT,
        move |conn| {
            let o = access::visible(conn, &principal, &id, None)?;
            let payer = o.partner_id.clone().unwrap_or_default();
            let owner = customers::find(conn, &o.customer_id)?.and_then(|c| c.partner_id);
            if owner.as_deref() != Some(payer.as_str())
                || !orders::set_agent_pay(conn, &o.id, &[Some(PENDING)], PAID, None)?
            {
                return Err(not_flagged());
            }
            payment::pay(conn, &o, payment::Payer::Partner(&payer), &request, now)
        },
    )
    .await
}

#[derive(Deserialize, Validate, ToSchema)]
pub struct RejectRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(schema_with = super::fields::reject_reason)]
    reason: String,
}

/// The partner declines to pay; the customer may then pay the order itself.
#[utoipa::path(tag = "orders", params(("order_id" = String, Path, example = "CS2412041234ABCD")), request_body = RejectRequest, responses((status = 204, description = "rejected")))]
#[post("/v2/partners/sub-customers/orders/{order_id}/reject")]
pub async fn partner_reject(
    state: Data<AppState>,
    caller: Caller,
    order_id: Path<String>,
    body: Json<RejectRequest>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[Role::Finance])?;
    let b = body.into_inner()?;
    domain::text::required("reason", &b.reason, 256)?;
    let principal = caller.principal.clone();
    let id = order_id.into_inner();
    state
        .write(move |conn| {
            let o = access::visible(conn, &principal, &id, None)?;
            if !orders::set_agent_pay(conn, &o.id, &[Some(PENDING)], REJECTED, Some(&b.reason))? {
                return Err(not_flagged());
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
