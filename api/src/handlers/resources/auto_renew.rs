//! AutoRenewalResources: `POST /v2/orders/subscriptions/resources/autorenew/{resource_id}`.

use super::input::AutoRenewalResourcesReq;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::handlers::bills::input::ResourceId;
use crate::service::consumption::subscriptions;
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Sets the customer's yearly/monthly resource to renew itself at expiry (`expire_policy` 3).
#[utoipa::path(tag = "bills", params(("resource_id" = ResourceId, Path)), request_body = AutoRenewalResourcesReq, responses((status = 204, description = "set"), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/orders/subscriptions/resources/autorenew/{resource_id}")]
pub async fn auto_renewal_resources(
    state: Data<AppState>,
    caller: Caller,
    resource_id: Path<ResourceId>,
    body: Json<AutoRenewalResourcesReq>,
) -> Result<HttpResponse, ApiError> {
    let customer_id = caller.customer()?.customer_id.clone();
    let (id, b, now) = (resource_id.into_inner()?, body.into_inner()?, state.now());
    let on = (
        b.auto_renew_times.map(|t| t.get_i32()),
        b.period_type.map(|p| p.get()),
    );
    state
        .write(move |conn| {
            subscriptions::set_auto_renew(conn, &customer_id, id.as_str(), Some(on), now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
