//! S19: the orders whose customers asked the partner to pay:
//! `POST /v2/partners/sub-customers/orders/query`.

use super::input::RequestsQuery;
use super::json::OrdersPage;
use crate::auth::Caller;
use crate::extract::Json;
use crate::service::orders::reads;
use crate::wire::{self, Code, PartnerId};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;
use domain::orders::AgentPayStatus;
use persistence::repo::orders::OrderFilter;

/// Orders whose customers asked the partner to pay, by partner-payment status.
#[utoipa::path(tag = "orders", request_body = RequestsQuery, responses((status = 200, body = OrdersPage)))]
#[post("/v2/partners/sub-customers/orders/query")]
pub async fn list_partner_payment_requests(
    state: Data<AppState>,
    caller: Caller,
    body: Json<RequestsQuery>,
) -> Result<HttpResponse, ApiError> {
    let me = caller.partner_with(&[Role::Finance])?.partner_id.clone();
    let q = body.into_inner()?;
    let page = wire::page(q.offset, q.limit);
    let f = OrderFilter {
        customer_ids: q.customer_id.clone().map(|c| vec![String::from(c)]),
        agent_pay_status: Some(
            q.agent_pay_status
                .map_or(AgentPayStatus::Pending, Code::get),
        ),
        newest_first: true,
        ..OrderFilter::default()
    };
    let indirect = q.indirect_partner_id.clone();
    let listed = state
        .read(move |conn| {
            let reseller = indirect.as_ref().map(PartnerId::as_str);
            reads::payment_requests(conn, &me, reseller, f.clone(), page)
        })
        .await?;
    Ok(wire::ok(&OrdersPage::new(listed)))
}
