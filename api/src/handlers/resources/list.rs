//! ListPayPerUseCustomerResources: `POST /v2/orders/suscriptions/resources/query` (the SDK's
//! spelling).

use super::input::QueryResourcesReq;
use super::json::{OrderInstanceV2, ResourcesPage};
use crate::auth::{Caller, Principal};
use crate::extract::Json;
use crate::service::consumption::subscriptions::{self, ResourceQuery, Viewer};
use crate::wire::{self, UtcTime};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::identity::Role;

/// A customer's yearly/monthly resources: its own, or, for a partner user, those of the
/// customer it names (`customer_id`) when it may see that customer; another partner's customer
/// reads like one without resources.
#[utoipa::path(tag = "bills", request_body = QueryResourcesReq, responses((status = 200, body = ResourcesPage)))]
#[post("/v2/orders/suscriptions/resources/query")]
pub async fn list_pay_per_use_customer_resources(
    state: Data<AppState>,
    caller: Caller,
    body: Json<QueryResourcesReq>,
) -> Result<HttpResponse, ApiError> {
    use Role::{AccountManager, AccountManagerSupervisor, Admin, Finance};
    let viewer = match &caller.principal {
        Principal::Customer(c) => Viewer::Customer(c.customer_id.clone()),
        _ => Viewer::Partner(
            caller
                .partner_with(&[Admin, Finance, AccountManager, AccountManagerSupervisor])?
                .clone(),
        ),
    };
    let b = body.into_inner()?;
    let (from, until) = (
        b.expire_time_begin.map(UtcTime::unix),
        b.expire_time_end.map(UtcTime::unix),
    );
    domain::period::check_window(
        ("expire_time_begin", from),
        ("expire_time_end", until),
        None,
    )?;
    let page = wire::page(b.offset, b.limit);
    let q = ResourceQuery {
        customer_id: b.customer_id.map(|c| c.as_str().to_owned()),
        resource_ids: b
            .resource_ids
            .map(|l| l.iter().map(|r| r.as_str().to_owned()).collect())
            .unwrap_or_default(),
        order_id: b.order_id.map(|o| o.as_str().to_owned()),
        statuses: b
            .status_list
            .map(|l| l.iter().map(|s| s.get()).collect())
            .unwrap_or_default(),
        expire_from: from,
        expire_until: until,
        service_type_code: b.service_type_code.map(|s| s.as_str().to_owned()),
    };
    let now = state.now();
    let (total, rows) = state
        .read(move |conn| subscriptions::list(conn, &viewer, &q, page, now))
        .await?;
    Ok(wire::ok(&ResourcesPage {
        data: rows.iter().map(|r| OrderInstanceV2::at(r, now)).collect(),
        total_count: total,
    }))
}
