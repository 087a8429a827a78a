//! `PUT /v2/partners/users/{user_id}`: display name, roles, supervisor, e-mail, mobile.

use super::input::PartnerUserChanges;
use super::json::PartnerUser;
use crate::auth::Caller;
use crate::extract::{Json, Path};
use crate::service::people;
use crate::wire::{self, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{put, HttpResponse};

/// Updates one of the caller's partner's users; taking the admin role from the last active
/// admin is refused (`CBC.99100202`).
#[utoipa::path(tag = "partner-users", params(("user_id" = UserId, Path)), request_body = PartnerUserChanges, responses((status = 200, body = PartnerUser), (status = 404, body = openapi::ErrorBody)))]
#[put("/v2/partners/users/{user_id}")]
pub async fn update_partner_user(
    state: Data<AppState>,
    caller: Caller,
    id: Path<UserId>,
    body: Json<PartnerUserChanges>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let update = body.into_inner()?.check()?;
    let row = state
        .write(move |conn| people::update(conn, &partner_id, id.as_str(), &update))
        .await?;
    Ok(wire::json(StatusCode::OK, &PartnerUser::from(&row)))
}
