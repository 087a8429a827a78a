//! `GET /v2/partners/users/{user_id}`.

use super::json::PartnerUser;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::people;
use crate::wire::{self, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{get, HttpResponse};

/// One of the caller's partner's users.
#[utoipa::path(tag = "partner-users", params(("user_id" = UserId, Path)), responses((status = 200, body = PartnerUser), (status = 404, body = openapi::ErrorBody)))]
#[get("/v2/partners/users/{user_id}")]
pub async fn show_partner_user(
    state: Data<AppState>,
    caller: Caller,
    id: Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let row = state
        .read(move |conn| people::show(conn, &partner_id, id.as_str()))
        .await?;
    Ok(wire::json(StatusCode::OK, &PartnerUser::from(&row)))
}
