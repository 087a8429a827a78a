//! `POST /v2/partners/users/{user_id}/deactivate`: the user's tokens and keys are refused from
//! the next request; what it owned stays visible to the admin and can be re-assigned.

use super::json::PartnerUser;
use crate::auth::Caller;
use crate::extract::Path;
use crate::service::people;
use crate::wire::{self, UserId};
use crate::{ApiError, AppState};
use actix_web::http::StatusCode;
use actix_web::web::Data;
use actix_web::{post, HttpResponse};

/// Deactivates one of the caller's partner's users (never the last active admin).
#[utoipa::path(tag = "partner-users", params(("user_id" = UserId, Path)), responses((status = 200, body = PartnerUser), (status = 400, description = "CBC.99100202: the last active admin", body = openapi::ErrorBody), (status = 404, body = openapi::ErrorBody)))]
#[post("/v2/partners/users/{user_id}/deactivate")]
pub async fn deactivate_partner_user(
    state: Data<AppState>,
    caller: Caller,
    id: Path<UserId>,
) -> Result<HttpResponse, ApiError> {
    let partner_id = caller.partner_with(&[])?.partner_id.clone();
    let id = id.into_inner()?;
    let now = state.now();
    let row = state
        .write(move |conn| people::deactivate(conn, &partner_id, id.as_str(), now))
        .await?;
    Ok(wire::json(StatusCode::OK, &PartnerUser::from(&row)))
}
