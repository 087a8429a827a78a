//! ShowRefundOrderDetails: `GET /v2/orders/customer-orders/refund-orders`.

use crate::auth::{Caller, Principal};
use crate::extract::Query;
use crate::service::orders as access;
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::{codes, Money, Violation};
use persistence::repo::refunds;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

#[derive(Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RefundsQuery {
    #[validate(length(min = 1, max = 64))]
    #[param(min_length = 1, max_length = 64, example = "CS2412041234ABCD")]
    order_id: String,
    /// Required for partners (`CBC.99100067` without it): the order's customer.
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    )]
    customer_id: Option<String>,
    #[validate(length(min = 1, max = 64))]
    #[param(
        min_length = 1,
        max_length = 64,
        example = "5f1e2d3c4b5a69788796a5b4c3d2e1f0"
    )]
    indirect_partner_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RefundInfo {
    id: String,
    /// Negative: money returned.
    amount: crate::wire::WireAmount,
    measure_id: String,
    customer_id: String,
    service_type_code: String,
    base_order_id: String,
    refund_time: String,
    /// Where the money went: `customer` or `partner` (the payer).
    refunded_to: String,
}

#[derive(Serialize, ToSchema)]
pub struct RefundDetails {
    total_count: i64,
    refund_infos: Vec<RefundInfo>,
}

/// Refunds of an unsubscribed order.
#[utoipa::path(tag = "orders", params(RefundsQuery), responses((status = 200, body = RefundDetails)))]
#[get("/v2/orders/customer-orders/refund-orders")]
pub async fn show_refund_order_details(
    state: Data<AppState>,
    caller: Caller,
    query: Query<RefundsQuery>,
) -> Result<HttpResponse, ApiError> {
    let is_partner = if let Principal::PartnerUser(u) = &caller.principal {
        u.require_any(&[Role::Finance])?;
        true
    } else {
        caller.customer()?;
        false
    };
    let q = query.into_inner()?;
    // Who calls decides whether customer_id is needed, which no schema can say.
    if is_partner && q.customer_id.is_none() {
        return Err(Violation::new(
            codes::CUSTOMER_ID_REQUIRED,
            "customer_id is required for partners",
        )
        .into());
    }
    let principal = caller.principal.clone();
    let (o, rows) = state
        .read(move |conn| {
            let o = access::visible(
                conn,
                &principal,
                &q.order_id,
                q.indirect_partner_id.as_deref(),
            )?;
            if q.customer_id.as_deref().is_some_and(|c| c != o.customer_id) {
                return Ok((o, vec![]));
            }
            let rows = refunds::of_order(conn, &o.id)?;
            Ok((o, rows))
        })
        .await?;
    let infos: Vec<RefundInfo> = rows
        .into_iter()
        .map(|r| RefundInfo {
            amount: crate::wire::WireAmount(Money::from_cents(-r.amount_cents)),
            id: r.id,
            measure_id: "1".into(),
            customer_id: r.customer_id,
            service_type_code: o.service_type_code.clone(),
            base_order_id: r.order_id,
            refund_time: wire::utc(r.create_time),
            refunded_to: r.payer_kind,
        })
        .collect();
    Ok(wire::json(
        StatusCode::OK,
        &RefundDetails {
            total_count: i64::try_from(infos.len()).unwrap_or(0),
            refund_infos: infos,
        },
    ))
}
