//! List access keys (never their secrets): `GET …/access-keys`.

use super::json::AccessKeyList;
use super::{admin_user, customer_self, operator_customer, operator_user};
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::credentials_life::{self, Named};
use crate::wire::{self, CustomerId, PartnerId, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

async fn answer(state: &AppState, named: Named) -> Result<HttpResponse, ApiError> {
    let rows = state
        .read(move |conn| credentials_life::list(conn, &named))
        .await?;
    Ok(wire::json(StatusCode::OK, &AccessKeyList::of(&rows)))
}

/// The access keys of a partner's user.
#[utoipa::path(tag = "access-keys", params(("partner_id" = PartnerId, Path), ("user_id" = UserId, Path)), responses((status = 200, body = AccessKeyList), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys")]
pub async fn list_user_access_keys(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(PartnerId, UserId)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let named = operator_user(&caller, ids.into_inner()?)?;
    answer(&state, named).await
}

/// The access keys of a customer.
#[utoipa::path(tag = "access-keys", params(("customer_id" = CustomerId, Path)), responses((status = 200, body = AccessKeyList), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/operator/customers/{customer_id}/access-keys")]
pub async fn list_customer_access_keys(
    state: Data<AppState>,
    caller: Caller,
    id: Path<CustomerId>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let named = operator_customer(&caller, id.into_inner()?)?;
    answer(&state, named).await
}

/// A partner admin lists the access keys of one of its users.
#[utoipa::path(tag = "access-keys", params(("user_id" = UserId, Path)), responses((status = 200, body = AccessKeyList), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/users/{user_id}/access-keys")]
pub async fn list_partner_user_access_keys(
    state: Data<AppState>,
    caller: Caller,
    id: Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let named = admin_user(&caller, id.into_inner()?)?;
    answer(&state, named).await
}

/// A customer lists its own access keys.
#[utoipa::path(tag = "access-keys", responses((status = 200, body = AccessKeyList)))]
#[get("/v2/customers/access-keys")]
pub async fn list_own_access_keys(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let named = customer_self(&caller)?;
    answer(&state, named).await
}
