//! RenewalResources: `POST /v2/orders/subscriptions/resources/renew` (the customer).

use super::input::RenewalResourcesReq;
use super::json::ResourceOrders;
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::consumption::subscriptions;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};

/// Renews the customer's resources with one renewal order (`order_type` 2) priced per month
/// as each was bought; pending payment, or paid at once (cash, then credit) with
/// `is_auto_pay` 1. Paying it extends each resource by the term from its expiry.
#[utoipa::path(tag = "bills", params(idempotency::KeyParam), request_body = RenewalResourcesReq, responses((status = 200, body = ResourceOrders), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/orders/subscriptions/resources/renew")]
pub async fn renewal_resources(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<RenewalResourcesReq>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = caller.customer()?.customer_id.clone();
    let b = body.into_inner()?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let ids: Vec<&str> = b.resource_ids.iter().map(|r| r.as_str()).collect();
        let term = (b.period_type.get(), b.period_num.get_i32());
        let auto_pay = b.is_auto_pay.is_some_and(|p| p.get() == 1);
        let order_ids = subscriptions::renew(conn, &customer_id, &ids, term, auto_pay, now)?;
        Ok(ResourceOrders {
            order_ids,
            fail_resource_infos: Vec::new(),
        })
    })
    .await
}
