//! `POST /v2/partners/users`: a partner's admin adds a user to its partner.

use super::input::NewPartnerUser;
use super::json::PartnerUser;
use crate::auth::{password, Caller};
use crate::extract::Json;
use crate::service::{people, users::NewUser};
use crate::{wire, ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Adds a user to the caller's partner.
#[utoipa::path(tag = "partner-users", request_body = NewPartnerUser, responses((status = 201, body = PartnerUser), (status = 400, body = openapi::ErrorBody)))]
#[post("/v2/partners/users")]
pub async fn create_partner_user(
    state: Data<AppState>,
    caller: Caller,
    body: Json<NewPartnerUser>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let b = body.into_inner()?;
    let (roles, contacts) = b.check()?;
    let password_hash = password::hash_optional(b.password.as_deref()).await?;
    let new = NewUser {
        user_name: b.user_name.into_inner(),
        display_name: b.display_name.map(|d| d.into_inner()),
        roles,
        supervisor_user_id: b.supervisor_user_id.map(|s| s.into_inner()),
        password_hash,
    };
    let now = state.now();
    let row = state
        .write(move |conn| people::create(conn, &partner_id, &new, &contacts, now))
        .await?;
    Ok(wire::json(StatusCode::CREATED, &PartnerUser::from(&row)))
}
