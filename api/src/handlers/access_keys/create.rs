//! Create an access key: a partner admin for its user, a customer for itself (the operator's
//! `POST` lives in `operator::users` and `operator::customers`).

use super::json::NewAccessKey;
use super::{admin_user, customer_self};
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::credentials_life::{self, Named};
use crate::wire::{self, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

async fn answer(state: &AppState, named: Named) -> Result<HttpResponse, ApiError> {
    let vault = state.vault.clone();
    let now = state.wall_now();
    let issued = state
        .write(move |conn| credentials_life::create(conn, &vault, &named, now))
        .await?;
    Ok(wire::json(
        StatusCode::CREATED,
        &NewAccessKey::of(issued, None),
    ))
}

/// A partner admin issues an access key for one of its users.
#[utoipa::path(tag = "access-keys", params(("user_id" = UserId, Path)), responses((status = 201, body = NewAccessKey), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/users/{user_id}/access-keys")]
pub async fn create_partner_user_access_key(
    state: Data<AppState>,
    caller: Caller,
    id: Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    caller.partner_with(&[])?;
    let named = admin_user(&caller, id.into_inner()?)?;
    answer(&state, named).await
}

/// A customer issues an access key for itself.
#[utoipa::path(tag = "access-keys", responses((status = 201, body = NewAccessKey)))]
#[post("/v2/customers/access-keys")]
pub async fn create_own_access_key(
    state: Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let named = customer_self(&caller)?;
    answer(&state, named).await
}
