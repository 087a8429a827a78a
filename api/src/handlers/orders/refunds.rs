//! ShowRefundOrderDetails: `GET /v2/orders/customer-orders/refund-orders`.

use super::input::RefundsQuery;
use super::json::{RefundDetails, RefundInfo};
use crate::auth::{Caller, Principal};
use crate::extract::Query;
use crate::service::orders::reads;
use crate::wire::{self, ActingFor};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{get, HttpResponse};
use domain::identity::Role;
use domain::{codes, Violation};

/// Refunds of an unsubscribed order.
#[utoipa::path(tag = "orders", params(RefundsQuery, ActingFor), responses((status = 200, body = RefundDetails)))]
#[get("/v2/orders/customer-orders/refund-orders")]
pub async fn show_refund_order_details(
    state: Data<AppState>,
    caller: Caller,
    query: Query<RefundsQuery>,
    acting: Query<ActingFor>,
) -> Result<HttpResponse, ApiError> {
    let is_partner = match &caller.principal {
        Principal::PartnerUser(u) => u.require_any(&[Role::Finance]).map(|()| true)?,
        _ => caller.customer().map(|_| false)?,
    };
    let (q, acting) = (query.into_inner()?, acting.into_inner()?);
    // Who calls decides whether customer_id is needed, which no schema can say.
    if is_partner && q.customer_id.is_none() {
        let why = "customer_id is required for partners";
        return Err(Violation::new(codes::CUSTOMER_ID_REQUIRED, why).into());
    }
    let who = caller.principal.clone();
    let (o, refunds) = state
        .read(move |conn| {
            let customer = q.customer_id.as_ref().map(|c| c.as_str());
            reads::refunds_of(conn, &who, q.order_id.as_str(), customer, acting.reseller())
        })
        .await?;
    Ok(wire::ok(&RefundDetails {
        total_count: i64::try_from(refunds.len()).unwrap_or(i64::MAX),
        refund_infos: refunds.iter().map(|r| RefundInfo::from((r, &o))).collect(),
    }))
}
