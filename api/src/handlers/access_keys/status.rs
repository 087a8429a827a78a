//! Enable or disable an access key: `PUT …/access-keys/{access_key}` `{"status"}`. A disabled
//! key is refused (401) from the very next request, on every replica.

use super::input::StatusBody;
use super::json::AccessKeyInfo;
use super::{admin_user, customer_self, operator_customer, operator_user, AccessKeyId};
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::credentials_life::{self, Named};
use crate::wire::{self, CustomerId, PartnerId, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{put, HttpResponse};

async fn answer(
    state: &AppState,
    named: Named,
    ak: AccessKeyId,
    body: Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    let status = body.into_inner()?.status.0;
    let row = state
        .write(move |conn| credentials_life::set_status(conn, &named, ak.as_str(), status))
        .await?;
    Ok(wire::json(StatusCode::OK, &AccessKeyInfo::from(&row)))
}

/// Enables or disables an access key of a partner's user.
#[utoipa::path(tag = "access-keys", params(("partner_id" = PartnerId, Path), ("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), request_body = StatusBody, responses((status = 200, body = AccessKeyInfo), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys/{access_key}")]
pub async fn set_user_access_key_status(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(PartnerId, UserId, AccessKeyId)>,
    body: Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (p, u, ak) = ids.into_inner()?;
    answer(&state, operator_user(&caller, (p, u))?, ak, body).await
}

/// Enables or disables an access key of a customer.
#[utoipa::path(tag = "access-keys", params(("customer_id" = CustomerId, Path), ("access_key" = AccessKeyId, Path)), request_body = StatusBody, responses((status = 200, body = AccessKeyInfo), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/operator/customers/{customer_id}/access-keys/{access_key}")]
pub async fn set_customer_access_key_status(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(CustomerId, AccessKeyId)>,
    body: Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (c, ak) = ids.into_inner()?;
    answer(&state, operator_customer(&caller, c)?, ak, body).await
}

/// A partner admin enables or disables an access key of one of its users.
#[utoipa::path(tag = "access-keys", params(("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), request_body = StatusBody, responses((status = 200, body = AccessKeyInfo), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/users/{user_id}/access-keys/{access_key}")]
pub async fn set_partner_user_access_key_status(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(UserId, AccessKeyId)>,
    body: Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let (u, ak) = ids.into_inner()?;
    answer(&state, admin_user(&caller, u)?, ak, body).await
}

/// A customer enables or disables one of its own access keys.
#[utoipa::path(tag = "access-keys", params(("access_key" = AccessKeyId, Path)), request_body = StatusBody, responses((status = 200, body = AccessKeyInfo), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/customers/access-keys/{access_key}")]
pub async fn set_own_access_key_status(
    state: Data<AppState>,
    caller: Caller,
    ak: Path<AccessKeyId>,
    body: Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    let named = customer_self(&caller)?;
    answer(&state, named, ak.into_inner()?, body).await
}
