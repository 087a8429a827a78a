//! CancelResourcesSubscription: `POST /v2/orders/subscriptions/resources/unsubscribe` (the
//! customer).

use super::input::UnsubscribeResourcesReq;
use super::json::ResourceOrders;
use crate::auth::Caller;
use crate::extract::Json;
use crate::idempotency::{self, IdempotencyKey};
use crate::service::consumption::subscriptions;
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpRequest, HttpResponse};

/// Unsubscribes the customer's resources: each paid order's share not yet refunded returns to
/// whoever paid it (the partner when it paid on the customer's behalf), as an unsubscription
/// order (`order_type` 4) and REFUND ledger rows; renewal orders still pending payment are
/// cancelled. Type 1 closes the resources; type 2 returns only renewed terms that have not
/// begun and keeps them.
#[utoipa::path(tag = "bills", params(idempotency::KeyParam), request_body = UnsubscribeResourcesReq, responses((status = 200, body = ResourceOrders), (status = 404, body = openapi::ErrorBody), (status = 409, body = openapi::ErrorBody)))]
#[post("/v2/orders/subscriptions/resources/unsubscribe")]
pub async fn cancel_resources_subscription(
    state: Data<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    req: HttpRequest,
    body: Json<UnsubscribeResourcesReq>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = caller.customer()?.customer_id.clone();
    let b = body.into_inner()?;
    let now = state.now();
    idempotency::once(&state, &caller, &key, &req, StatusCode::OK, move |conn| {
        let ids: Vec<&str> = b.resource_ids.iter().map(|r| r.as_str()).collect();
        let kind = b.unsubscribe_type.get();
        let order_ids = subscriptions::unsubscribe(conn, &customer_id, &ids, kind, now)?;
        Ok(ResourceOrders {
            order_ids,
            fail_resource_infos: Vec::new(),
        })
    })
    .await
}
