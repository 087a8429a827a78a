//! Rotate an access key: `POST …/access-keys/{access_key}/rotate` `{grace_period_secs}` gives a
//! new key; the old one keeps working until the grace period ends (or it is deleted).

use super::input::RotateBody;
use super::json::NewAccessKey;
use super::{admin_user, customer_self, operator_customer, operator_user, AccessKeyId};
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::credentials_life::{self, Named};
use crate::wire::{self, CustomerId, PartnerId, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};
use domain::lifecycle::GRACE_DEFAULT_SECS;

async fn answer(
    state: &AppState,
    named: Named,
    ak: AccessKeyId,
    body: Json<RotateBody>,
) -> Result<HttpResponse, ApiError> {
    let grace = body
        .into_inner()?
        .grace_period_secs
        .map_or(GRACE_DEFAULT_SECS, |g| g.get());
    let vault = state.vault.clone();
    let now = state.wall_now();
    let (issued, ends) = state
        .write(move |conn| credentials_life::rotate(conn, &vault, &named, ak.as_str(), grace, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &NewAccessKey::of(issued, Some(ends)),
    ))
}

/// Rotates an access key of a partner's user.
#[utoipa::path(tag = "access-keys", params(("partner_id" = PartnerId, Path), ("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), request_body = RotateBody, responses((status = 201, body = NewAccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys/{access_key}/rotate")]
pub async fn rotate_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(PartnerId, UserId, AccessKeyId)>,
    body: Json<RotateBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (p, u, ak) = ids.into_inner()?;
    answer(&state, operator_user(&caller, (p, u))?, ak, body).await
}

/// Rotates an access key of a customer.
#[utoipa::path(tag = "access-keys", params(("customer_id" = CustomerId, Path), ("access_key" = AccessKeyId, Path)), request_body = RotateBody, responses((status = 201, body = NewAccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/operator/customers/{customer_id}/access-keys/{access_key}/rotate")]
pub async fn rotate_customer_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(CustomerId, AccessKeyId)>,
    body: Json<RotateBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (c, ak) = ids.into_inner()?;
    answer(&state, operator_customer(&caller, c)?, ak, body).await
}

/// A partner admin rotates an access key of one of its users.
#[utoipa::path(tag = "access-keys", params(("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), request_body = RotateBody, responses((status = 201, body = NewAccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/users/{user_id}/access-keys/{access_key}/rotate")]
pub async fn rotate_partner_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(UserId, AccessKeyId)>,
    body: Json<RotateBody>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let (u, ak) = ids.into_inner()?;
    answer(&state, admin_user(&caller, u)?, ak, body).await
}

/// A customer rotates one of its own access keys.
#[utoipa::path(tag = "access-keys", params(("access_key" = AccessKeyId, Path)), request_body = RotateBody, responses((status = 201, body = NewAccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/customers/access-keys/{access_key}/rotate")]
pub async fn rotate_own_access_key(
    state: Data<AppState>,
    caller: Caller,
    ak: Path<AccessKeyId>,
    body: Json<RotateBody>,
) -> Result<HttpResponse, ApiError> {
    let named = customer_self(&caller)?;
    answer(&state, named, ak.into_inner()?, body).await
}
