//! Delete an access key: `DELETE …/access-keys/{access_key}`; refused from the next request.

use super::{admin_user, customer_self, operator_customer, operator_user, AccessKeyId};
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::credentials_life::{self, Named};
use crate::wire::{CustomerId, PartnerId, UserId};
use crate::{ApiError, AppState};
use actix_web::web::Data;
use actix_web::{delete, HttpResponse};

async fn answer(state: &AppState, named: Named, ak: AccessKeyId) -> Result<HttpResponse, ApiError> {
    state
        .write(move |conn| credentials_life::delete(conn, &named, ak.as_str()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Deletes an access key of a partner's user.
#[utoipa::path(tag = "access-keys", params(("partner_id" = PartnerId, Path), ("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), responses((status = 204, description = "deleted"), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/operator/partners/{partner_id}/users/{user_id}/access-keys/{access_key}")]
pub async fn delete_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(PartnerId, UserId, AccessKeyId)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (p, u, ak) = ids.into_inner()?;
    answer(&state, operator_user(&caller, (p, u))?, ak).await
}

/// Deletes an access key of a customer.
#[utoipa::path(tag = "access-keys", params(("customer_id" = CustomerId, Path), ("access_key" = AccessKeyId, Path)), responses((status = 204, description = "deleted"), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/operator/customers/{customer_id}/access-keys/{access_key}")]
pub async fn delete_customer_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(CustomerId, AccessKeyId)>,
) -> Result<HttpResponse, ApiError> {
    caller.require_operator()?;
    let (c, ak) = ids.into_inner()?;
    answer(&state, operator_customer(&caller, c)?, ak).await
}

/// A partner admin deletes an access key of one of its users.
#[utoipa::path(tag = "access-keys", params(("user_id" = UserId, Path), ("access_key" = AccessKeyId, Path)), responses((status = 204, description = "deleted"), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/partners/users/{user_id}/access-keys/{access_key}")]
pub async fn delete_partner_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    ids: Path<(UserId, AccessKeyId)>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let (u, ak) = ids.into_inner()?;
    answer(&state, admin_user(&caller, u)?, ak).await
}

/// A customer deletes one of its own access keys.
#[utoipa::path(tag = "access-keys", params(("access_key" = AccessKeyId, Path)), responses((status = 204, description = "deleted"), (status = 404, body = openapi::ErrorBody)))]
#[delete("/v2/customers/access-keys/{access_key}")]
pub async fn delete_own_access_key(
    state: Data<AppState>,
    caller: Caller,
    ak: Path<AccessKeyId>,
) -> Result<HttpResponse, ApiError> {
    let named = customer_self(&caller)?;
    answer(&state, named, ak.into_inner()?).await
}
