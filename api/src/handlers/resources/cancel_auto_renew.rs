//! CancelAutoRenewalResources: `DELETE /v2/orders/subscriptions/resources/autorenew/{resource_id}`.

use crate::auth::Caller;
use crate::extract::Path;
use crate::handlers::bills::input::ResourceId;
use crate::service::consumption::subscriptions;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{delete, HttpResponse};

/// Stops the customer's resource renewing itself (`expire_policy` back to 0).
#[utoipa::path(tag = "bills", params(("resource_id" = ResourceId, Path)), responses((status = 204, description = "cancelled"), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/orders/subscriptions/resources/autorenew/{resource_id}")]
pub async fn cancel_auto_renewal_resources(
    state: Data<AppState>,
    caller: Caller,
    resource_id: Path<ResourceId>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = caller.customer()?.customer_id.clone();
    let (id, now) = (resource_id.into_inner()?, state.now());
    state
        .write(move |conn| {
            subscriptions::set_auto_renew(conn, &customer_id, id.as_str(), None, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
